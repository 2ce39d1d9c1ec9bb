export const id = 997;
export const ids = [997];
export const modules = {

/***/ 97008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RC: () => (/* binding */ LockViolation),
/* harmony export */   r9: () => (/* binding */ EXECUTION_COLUMNS),
/* harmony export */   y8: () => (/* binding */ CONTEXT_COLUMNS),
/* harmony export */   zs: () => (/* binding */ PACKAGE_COLUMNS)
/* harmony export */ });
/**
 * The public columns (a contract: users query them from reports), written once. Engines build
 * their select lists, inserts and updates from these maps, so a row field and its column are
 * paired in one place and values are bound by name, never by position.
 */
const PACKAGE_COLUMNS = {
    packageId: 'PackageID',
    packageName: 'PackageName',
    isEnabled: 'IsEnabled',
    retryLimit: 'RetryLimit',
    createdTime: 'CreatedTime',
};
const CONTEXT_COLUMNS = {
    repository: 'Repository',
    workflow: 'Workflow',
    job: 'Job',
    runId: 'RunId',
    runAttempt: 'RunAttempt',
    actor: 'Actor',
    event: 'EventName',
    sha: 'CommitSha',
};
/** Execution columns; packageName comes from the Package row and `ended` from EndTime. */
const EXECUTION_COLUMNS = {
    executionId: 'ExecutionID',
    packageId: 'PackageID',
    parentExecutionId: 'ParentExecutionID',
    executionStatus: 'ExecutionStatus',
    nextLoadStatus: 'NextLoadStatus',
    retryCount: 'RetryCount',
    startTime: 'StartTime',
    endTime: 'EndTime',
    runKey: 'RunKey',
    errorMessage: 'ErrorMessage',
    ...CONTEXT_COLUMNS,
};
/** A guarded update found its row changed: the lock failed to serialize, a bug in an engine. */
class LockViolation extends Error {
    name = 'LockViolation';
    constructor(executionId) {
        super(`Execution ${executionId} was no longer active when its package's lock was held: the update was rolled back.`);
    }
}


/***/ }),

/***/ 98422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bv: () => (/* binding */ packageSelectList),
/* harmony export */   GK: () => (/* binding */ toPackageRow),
/* harmony export */   RW: () => (/* binding */ executionSelectList),
/* harmony export */   S3: () => (/* binding */ contextValues),
/* harmony export */   q$: () => (/* binding */ toExecutionRow)
/* harmony export */ });
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97008);

/** The run context as named values, keyed by column name (Repository, Workflow, ...). */
function contextValues(context) {
    return Object.fromEntries(Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .CONTEXT_COLUMNS */ .y8).map(([field, column]) => [column, context[field]]));
}
/** `p.PackageID AS packageId, ...` for a Package row aliased `p`. */
function packageSelectList(alias, quote) {
    return Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .PACKAGE_COLUMNS */ .zs)
        .map(([field, column]) => `${alias}.${column} AS ${quote(field)}`)
        .join(', ');
}
/** The Execution columns of row `e` and the PackageName of its package row `p`. */
function executionSelectList(quote) {
    return [
        ...Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .EXECUTION_COLUMNS */ .r9).map(([field, column]) => `e.${column} AS ${quote(field)}`),
        `p.PackageName AS ${quote('packageName')}`,
    ].join(', ');
}
/** Drivers give text, numbers or bigints for these columns; anything else is a bug in an engine. */
function scalarText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
        return value.toString();
    throw new TypeError(`A catalog column held a ${typeof value} where text or a number was expected.`);
}
const text = (value) => (value === null || value === undefined ? null : scalarText(value));
const int = (value) => Number(value);
const time = (value) => value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : scalarText(value);
function toPackageRow(raw) {
    return {
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
        isEnabled: raw.isEnabled === true || Number(raw.isEnabled) === 1,
        retryLimit: raw.retryLimit === null || raw.retryLimit === undefined ? null : int(raw.retryLimit),
        createdTime: time(raw.createdTime) ?? '',
    };
}
function toExecutionRow(raw) {
    const endTime = time(raw.endTime);
    return {
        executionId: scalarText(raw.executionId),
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
        parentExecutionId: text(raw.parentExecutionId),
        executionStatus: scalarText(raw.executionStatus),
        nextLoadStatus: scalarText(raw.nextLoadStatus),
        retryCount: int(raw.retryCount),
        startTime: time(raw.startTime) ?? '',
        endTime,
        ended: endTime !== null,
        runKey: text(raw.runKey),
        errorMessage: text(raw.errorMessage),
        repository: text(raw.repository),
        workflow: text(raw.workflow),
        job: text(raw.job),
        runId: text(raw.runId),
        runAttempt: text(raw.runAttempt),
        actor: text(raw.actor),
        event: text(raw.event),
        sha: text(raw.sha),
    };
}


/***/ }),

/***/ 74997:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  open: () => (/* binding */ engine_open)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:sqlite"
var external_node_sqlite_ = __webpack_require__(80099);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog = __webpack_require__(97008);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var rows = __webpack_require__(98422);
// EXTERNAL MODULE: ./src/catalog/turns.ts
var turns = __webpack_require__(18471);
;// CONCATENATED MODULE: ./src/catalog/sqlite/faults.ts
/** SQLite errors the user can act on, each turned into one sentence. */

const SQLITE_BUSY = 5;
function explain(error, location, busyTimeoutMs) {
    if (error instanceof errors/* BfxError */.J)
        return error;
    if (error.errcode === SQLITE_BUSY) {
        return new errors/* BfxError */.J(`The SQLite catalog ${location} stayed locked by another process for ${busyTimeoutMs / 1000} s, ` +
            'so nothing was changed: wait for the other runs to finish, or raise request-timeout.');
    }
    return error;
}

;// CONCATENATED MODULE: ./src/catalog/sqlite/schema.ts
/** The SQLite catalog's tables: plain Package and Execution (docs/catalog.md), one file one catalog. */
/** The catalog's clock: UTC, ISO 8601 with milliseconds. */
const UTC_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const TABLES = ['Package', 'Execution'];
/** Every statement is IF NOT EXISTS: running it again, or from two processes one after another, is a no-op. */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS Package (
  PackageID    INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageName  TEXT    NOT NULL UNIQUE,
  IsEnabled    INTEGER NOT NULL DEFAULT 1,
  RetryLimit   INTEGER NULL CHECK (RetryLimit >= 0),
  CreatedTime  TEXT    NOT NULL DEFAULT (${UTC_NOW})
);
CREATE TABLE IF NOT EXISTS Execution (
  ExecutionID       INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageID         INTEGER NOT NULL REFERENCES Package (PackageID),
  ParentExecutionID INTEGER NULL,
  ExecutionStatus   TEXT    NOT NULL CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    TEXT    NOT NULL CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        INTEGER NOT NULL DEFAULT 0,
  StartTime         TEXT    NOT NULL DEFAULT (${UTC_NOW}),
  EndTime           TEXT    NULL,
  RunKey            TEXT    NULL,
  ErrorMessage      TEXT    NULL,
  Repository        TEXT    NULL,
  Workflow          TEXT    NULL,
  Job               TEXT    NULL,
  RunId             TEXT    NULL,
  RunAttempt        TEXT    NULL,
  Actor             TEXT    NULL,
  EventName         TEXT    NULL,
  CommitSha         TEXT    NULL
);
CREATE INDEX IF NOT EXISTS IX_Execution_Package_RunKey ON Execution (PackageID, RunKey);
CREATE INDEX IF NOT EXISTS IX_Execution_Package_Latest ON Execution (PackageID, ExecutionID);
CREATE UNIQUE INDEX IF NOT EXISTS UX_Execution_Package_Active ON Execution (PackageID) WHERE EndTime IS NULL;
`;

;// CONCATENATED MODULE: ./src/catalog/sqlite/queries.ts
/**
 * The SQLite catalog's statements. Values are bound by name (@Column), with the names of the
 * column map in catalog.ts. Every read of a locked package is by its PackageID.
 */



const asIs = (field) => field;
const PACKAGE = `SELECT ${(0,rows/* packageSelectList */.Bv)('p', asIs)} FROM Package p`;
const EXECUTION = `SELECT ${(0,rows/* executionSelectList */.RW)(asIs)} FROM Execution e JOIN Package p ON p.PackageID = e.PackageID`;
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
const COUNT_TABLES = `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN (${TABLES.map((t) => `'${t}'`).join(', ')})`;
const REGISTER_PACKAGE = `INSERT INTO Package (PackageName, RetryLimit) VALUES (@PackageName, @RetryLimit) ON CONFLICT (PackageName) DO NOTHING`;
const PACKAGE_ID_BY_NAME = `SELECT PackageID AS packageId FROM Package WHERE PackageName = @PackageName`;
const PACKAGE_ID_OF_EXECUTION = `SELECT PackageID AS packageId FROM Execution WHERE ExecutionID = @ExecutionID`;
const PACKAGE_BY_ID = `${PACKAGE} WHERE p.PackageID = @PackageID`;
const PACKAGE_BY_NAME = `${PACKAGE} WHERE p.PackageName = @PackageName`;
const ALL_PACKAGES = `${PACKAGE} ORDER BY p.PackageName`;
const EXECUTION_WITH_RUN_KEY = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`;
const ACTIVE_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL`;
const LATEST_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC LIMIT 1`;
const EXECUTION_BY_ID = `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID`;
const HISTORY = `${EXECUTION} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC LIMIT @Limit`;
const INSERT_EXECUTION = `
INSERT INTO Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime, ErrorMessage,
  RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS executionId`;
/** Guarded by EndTime IS NULL: the caller checks that one row changed. */
const TAKE_OVER_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
  RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL`;
const FINISH_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
  ErrorMessage = @ErrorMessage
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL`;
const SET_NEXT_LOAD_STATUS = `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID`;
const SET_ENABLED = `UPDATE Package SET IsEnabled = @IsEnabled WHERE PackageID = @PackageID`;

;// CONCATENATED MODULE: ./src/catalog/sqlite/engine.ts
/**
 * The embedded catalog on node:sqlite. A transaction is BEGIN IMMEDIATE: it takes the file's write
 * lock before reading, so it holds every package's lock at once, parallel processes on one catalog
 * file are applied one after another, and a busy catalog is waited on (the busy timeout) rather
 * than failed. node:sqlite is synchronous: each call below runs when it is made.
 */










async function engine_open(path, options) {
    const location = (0,external_node_path_.resolve)(path);
    if (!(0,external_node_fs_.existsSync)(location)) {
        if (!options.createCatalog) {
            throw new errors/* BfxError */.J(`The SQLite catalog ${location} does not exist and create-catalog is false, so nothing was created: ` +
                'deploy it with `bfx migrate` or set create-catalog to true.');
        }
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(location), { recursive: true });
    }
    return new SqliteCatalog(location, options.requestTimeoutMs);
}
/**
 * Catalogs open on one file in this process take turns: a transaction awaits between its
 * statements, and another connection's BEGIN IMMEDIATE meanwhile would wait synchronously on the
 * busy timeout, blocking the very event loop the lock holder needs to finish.
 */
const turnsByFile = new Map();
/** ExecutionIDs are 64-bit: bound as BigInt, so IDs above 2^53 stay exact. */
const id = (executionId) => (/^\d{1,19}$/.test(executionId) ? BigInt(executionId) : -1n);
class SqliteCatalog {
    location;
    busyTimeoutMs;
    engine = 'sqlite';
    db;
    turns;
    constructor(location, busyTimeoutMs) {
        this.location = location;
        this.busyTimeoutMs = busyTimeoutMs;
        this.turns = turnsByFile.get(location) ?? new turns/* Turns */.P();
        turnsByFile.set(location, this.turns);
        this.db = new external_node_sqlite_.DatabaseSync(location, {
            timeout: busyTimeoutMs,
            enableForeignKeyConstraints: true,
            readBigInts: true,
        });
    }
    async exists() {
        return Number(this.one(COUNT_TABLES, {})?.n) === TABLES.length;
    }
    async migrate() {
        await this.turns.run(async () => this.inTransaction(() => this.db.exec(SCHEMA)));
        // WAL lets readers (status, history) run beside a writer; the mode is stored in the file.
        this.db.exec('PRAGMA journal_mode = WAL');
    }
    transaction(lock, _what, work) {
        return this.turns.run(() => this.inTransaction((commit) => work(new SqliteTransaction(this, this.lockedPackageId(lock), async () => commit()))));
    }
    async status(packageName) {
        const packages = packageName === undefined
            ? this.all(ALL_PACKAGES, {})
            : this.all(PACKAGE_BY_NAME, { PackageName: packageName });
        return packages.map((raw) => {
            const pkg = (0,rows/* toPackageRow */.GK)(raw);
            const byPackage = { PackageID: pkg.packageId };
            return {
                ...pkg,
                latest: this.execution(LATEST_EXECUTION, byPackage),
                active: this.execution(ACTIVE_EXECUTION, byPackage),
            };
        });
    }
    async history(packageName, limit) {
        return this.all(HISTORY, { PackageName: packageName, Limit: limit }).map(rows/* toExecutionRow */.q$);
    }
    async close() {
        if (this.db.isOpen)
            this.db.close();
    }
    one(sql, params) {
        return this.db.prepare(sql).get(params);
    }
    all(sql, params) {
        return this.db.prepare(sql).all(params);
    }
    run(sql, params) {
        return Number(this.db.prepare(sql).run(params).changes);
    }
    execution(sql, params) {
        const raw = this.one(sql, params);
        return raw ? (0,rows/* toExecutionRow */.q$)(raw) : null;
    }
    /** BEGIN IMMEDIATE, work, then commit (by work, through the function it is given) or roll back. */
    async inTransaction(work) {
        try {
            this.db.exec('BEGIN IMMEDIATE');
        }
        catch (error) {
            throw explain(error, this.location, this.busyTimeoutMs);
        }
        try {
            let committed = false;
            const result = await work(() => {
                this.db.exec('COMMIT');
                committed = true;
            });
            if (!committed)
                this.db.exec('COMMIT');
            return result;
        }
        catch (error) {
            if (this.db.isTransaction)
                this.db.exec('ROLLBACK');
            throw explain(error, this.location, this.busyTimeoutMs);
        }
    }
    /** The file is already locked (BEGIN IMMEDIATE); this finds the package, registering it for a begin. */
    lockedPackageId(lock) {
        let found;
        if ('executionId' in lock) {
            found = this.one(PACKAGE_ID_OF_EXECUTION, { ExecutionID: id(lock.executionId) });
        }
        else {
            if (lock.registerWithRetryLimit !== undefined) {
                this.run(REGISTER_PACKAGE, { PackageName: lock.packageName, RetryLimit: lock.registerWithRetryLimit });
            }
            found = this.one(PACKAGE_ID_BY_NAME, { PackageName: lock.packageName });
        }
        return found ? Number(found.packageId) : null;
    }
}
class SqliteTransaction {
    catalog;
    packageId;
    commit;
    byPackage;
    constructor(catalog, packageId, commit) {
        this.catalog = catalog;
        this.packageId = packageId;
        this.commit = commit;
        this.byPackage = { PackageID: packageId ?? -1 };
    }
    async package() {
        const raw = this.packageId === null ? undefined : this.catalog.one(PACKAGE_BY_ID, this.byPackage);
        return raw ? (0,rows/* toPackageRow */.GK)(raw) : null;
    }
    async executionWithRunKey(runKey) {
        return this.catalog.execution(EXECUTION_WITH_RUN_KEY, { ...this.byPackage, RunKey: runKey });
    }
    async activeExecution() {
        return this.catalog.execution(ACTIVE_EXECUTION, this.byPackage);
    }
    async latestExecution() {
        return this.catalog.execution(LATEST_EXECUTION, this.byPackage);
    }
    async execution(executionId) {
        return this.catalog.execution(EXECUTION_BY_ID, { ...this.byPackage, ExecutionID: id(executionId) });
    }
    async insertExecution(execution) {
        const inserted = this.catalog.one(INSERT_EXECUTION, {
            PackageID: execution.packageId,
            ParentExecutionID: execution.parentExecutionId === null ? null : id(execution.parentExecutionId),
            ExecutionStatus: execution.executionStatus,
            NextLoadStatus: execution.nextLoadStatus,
            RetryCount: execution.retryCount,
            Ended: execution.ended ? 1 : 0,
            ErrorMessage: execution.errorMessage,
            RunKey: execution.runKey,
            ...(0,rows/* contextValues */.S3)(execution.context),
        });
        return { executionId: String(inserted.executionId) };
    }
    async takeOverExecution(takeover) {
        const changed = this.catalog.run(TAKE_OVER_EXECUTION, {
            ...this.byPackage,
            ExecutionID: id(takeover.executionId),
            ExecutionStatus: takeover.executionStatus,
            NextLoadStatus: takeover.nextLoadStatus,
            RetryCount: takeover.retryCount,
            RunKey: takeover.runKey,
            ...(0,rows/* contextValues */.S3)(takeover.context),
        });
        if (changed !== 1)
            throw new catalog/* LockViolation */.RC(takeover.executionId);
    }
    async finishExecution(finish) {
        const changed = this.catalog.run(FINISH_EXECUTION, {
            ...this.byPackage,
            ExecutionID: id(finish.executionId),
            ExecutionStatus: finish.executionStatus,
            NextLoadStatus: finish.nextLoadStatus,
            ErrorMessage: finish.errorMessage,
        });
        if (changed !== 1)
            throw new catalog/* LockViolation */.RC(finish.executionId);
        return (await this.execution(finish.executionId));
    }
    async setNextLoadStatus(executionId, nextLoadStatus) {
        this.catalog.run(SET_NEXT_LOAD_STATUS, {
            ...this.byPackage,
            ExecutionID: id(executionId),
            NextLoadStatus: nextLoadStatus,
        });
        return (await this.execution(executionId));
    }
    async setEnabled(enabled) {
        this.catalog.run(SET_ENABLED, { ...this.byPackage, IsEnabled: enabled ? 1 : 0 });
        return this.package();
    }
}


/***/ }),

/***/ 18471:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ Turns)
/* harmony export */ });
/**
 * Calls on one open catalog take turns. A transaction's work awaits between its statements, so two
 * calls made at once (Promise.all on one catalog) would otherwise send one's statements into the
 * other's transaction on the shared connection.
 */
class Turns {
    last = Promise.resolve();
    run(work) {
        const run = this.last.then(work, work);
        this.last = run.then(() => undefined, () => undefined);
        return run;
    }
}


/***/ })

};
