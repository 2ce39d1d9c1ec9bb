export const id = 407;
export const ids = [407];
export const modules = {

/***/ 98422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ toPackageRow),
/* harmony export */   q: () => (/* binding */ toExecutionRow)
/* harmony export */ });
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

/***/ 61407:
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
// EXTERNAL MODULE: ./src/decision.ts
var decision = __webpack_require__(27033);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var rows = __webpack_require__(98422);
;// CONCATENATED MODULE: ./src/catalog/sqlite/schema.ts
/** The SQLite catalog: plain tables Package and Execution (SPEC section 5). */
const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const UTC_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS Package (
  PackageID    INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageName  TEXT    NOT NULL UNIQUE,
  IsEnabled    INTEGER NOT NULL DEFAULT 1,
  RetryLimit   INTEGER NULL CHECK (RetryLimit >= 0),
  CreatedTime  TEXT    NOT NULL DEFAULT ${NOW}
);
CREATE TABLE IF NOT EXISTS Execution (
  ExecutionID       INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageID         INTEGER NOT NULL REFERENCES Package (PackageID),
  ParentExecutionID INTEGER NULL,
  ExecutionStatus   TEXT    NOT NULL CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    TEXT    NOT NULL CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        INTEGER NOT NULL DEFAULT 0,
  StartTime         TEXT    NOT NULL DEFAULT ${NOW},
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
const EXECUTION_COLUMNS = `
  e.ExecutionID AS executionId, e.PackageID AS packageId, p.PackageName AS packageName,
  e.ParentExecutionID AS parentExecutionId, e.ExecutionStatus AS executionStatus,
  e.NextLoadStatus AS nextLoadStatus, e.RetryCount AS retryCount, e.StartTime AS startTime,
  e.EndTime AS endTime, e.RunKey AS runKey, e.ErrorMessage AS errorMessage,
  e.Repository AS repository, e.Workflow AS workflow, e.Job AS job, e.RunId AS runId,
  e.RunAttempt AS runAttempt, e.Actor AS actor, e.EventName AS event, e.CommitSha AS sha
  FROM Execution e JOIN Package p ON p.PackageID = e.PackageID`;
const PACKAGE_COLUMNS = `
  PackageID AS packageId, PackageName AS packageName, IsEnabled AS isEnabled,
  RetryLimit AS retryLimit, CreatedTime AS createdTime
  FROM Package`;

;// CONCATENATED MODULE: ./src/catalog/sqlite/engine.ts
/**
 * The embedded catalog on node:sqlite. Every begin and end is one BEGIN IMMEDIATE transaction:
 * it takes the file's write lock before reading, so parallel processes on one catalog file are
 * applied one after another, and a busy catalog is waited on (the busy timeout) rather than failed.
 */







const SQLITE_BUSY = 5;
async function engine_open(filePath, options) {
    const location = (0,external_node_path_.resolve)(filePath);
    if (!(0,external_node_fs_.existsSync)(location)) {
        if (!options.createCatalog) {
            throw new errors/* BfxError */.J(`The SQLite catalog ${location} does not exist and create-catalog is false, so nothing was created: ` +
                'deploy it with `bfx migrate` or set create-catalog to true.');
        }
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(location), { recursive: true });
    }
    return new SqliteCatalog(location, options.requestTimeoutMs);
}
const contextValues = (context) => [
    context.repository,
    context.workflow,
    context.job,
    context.runId,
    context.runAttempt,
    context.actor,
    context.event,
    context.sha,
];
class SqliteCatalog {
    location;
    busyTimeoutMs;
    engine = 'sqlite';
    db;
    constructor(location, busyTimeoutMs) {
        this.location = location;
        this.busyTimeoutMs = busyTimeoutMs;
        this.db = new external_node_sqlite_.DatabaseSync(location, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true });
    }
    async exists() {
        const found = this.db
            .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('Package', 'Execution')`)
            .get();
        return Number(found.n) === 2;
    }
    async migrate() {
        this.write(() => this.db.exec(SCHEMA));
        // WAL lets readers (status, history) run beside a writer; the mode is stored in the file.
        this.db.exec('PRAGMA journal_mode = WAL');
    }
    async begin(request) {
        return this.write(() => {
            const state = this.readBeginState(request);
            const plan = (0,decision/* decideBegin */.ux)(state, request.retryLimit);
            const packageId = state.package.packageId;
            switch (plan.kind) {
                case 'reenter': {
                    const { executionId, executionStatus, nextLoadStatus, retryCount } = plan.execution;
                    return { executionId, executionStatus, nextLoadStatus, retryCount, plan };
                }
                case 'insert':
                    return { ...this.insertExecution(packageId, plan.execution, request), plan };
                case 'resume':
                    this.db
                        .prepare(`UPDATE Execution SET ExecutionStatus = 'A', NextLoadStatus = 'P', RetryCount = ?, RunKey = ?,
                 Repository = ?, Workflow = ?, Job = ?, RunId = ?, RunAttempt = ?, Actor = ?, EventName = ?, CommitSha = ?
               WHERE ExecutionID = ?`)
                        .run(plan.retryCount, request.runKey, ...contextValues(request.context), plan.executionId);
                    return {
                        executionId: plan.executionId,
                        executionStatus: 'A',
                        nextLoadStatus: 'P',
                        retryCount: plan.retryCount,
                        plan,
                    };
                case 'abandon-and-insert':
                    this.finish(plan.abandonedId, 'F', 'R', plan.abandonMessage);
                    return { ...this.insertExecution(packageId, plan.execution, request), plan };
            }
        });
    }
    async end(request) {
        return this.write(() => {
            const before = this.execution(request.executionId);
            if (!before)
                return { kind: 'not-found' };
            const plan = (0,decision/* decideEnd */._1)(before, request.outcome, request.message, request.caller);
            if (plan.kind !== 'end')
                return { kind: plan.kind, execution: before };
            this.finish(before.executionId, plan.executionStatus, plan.nextLoadStatus, plan.errorMessage);
            return { kind: 'ended', execution: this.execution(before.executionId) };
        });
    }
    async status(packageName) {
        const packages = packageName === undefined
            ? this.db.prepare(`SELECT ${PACKAGE_COLUMNS} ORDER BY PackageName`).all()
            : this.db.prepare(`SELECT ${PACKAGE_COLUMNS} WHERE PackageName = ?`).all(packageName);
        return packages.map((raw) => {
            const pkg = (0,rows/* toPackageRow */.G)(raw);
            return { ...pkg, latest: this.latest(pkg.packageId), active: this.active(pkg.packageId) };
        });
    }
    async history(packageName, limit) {
        return this.db
            .prepare(`SELECT ${EXECUTION_COLUMNS} WHERE p.PackageName = ? ORDER BY e.ExecutionID DESC LIMIT ?`)
            .all(packageName, limit)
            .map((raw) => (0,rows/* toExecutionRow */.q)(raw));
    }
    async setEnabled(packageName, enabled) {
        return this.write(() => {
            this.db.prepare('UPDATE Package SET IsEnabled = ? WHERE PackageName = ?').run(enabled ? 1 : 0, packageName);
            return this.packageByName(packageName);
        });
    }
    async setNextLoadStatus(packageName, status) {
        return this.write(() => {
            const pkg = this.packageByName(packageName);
            if (!pkg)
                return { kind: 'no-package' };
            const active = this.active(pkg.packageId);
            if (active)
                return { kind: 'active', execution: active };
            const latest = this.latest(pkg.packageId);
            if (!latest)
                return { kind: 'no-execution' };
            this.db.prepare('UPDATE Execution SET NextLoadStatus = ? WHERE ExecutionID = ?').run(status, latest.executionId);
            return { kind: 'changed', execution: this.execution(latest.executionId) };
        });
    }
    async reset(packageName, message) {
        return this.write(() => {
            const pkg = this.packageByName(packageName);
            if (!pkg)
                return { kind: 'no-package' };
            const active = this.active(pkg.packageId);
            if (!active)
                return { kind: 'none-active' };
            this.finish(active.executionId, 'F', 'R', message);
            return { kind: 'reset', execution: this.execution(active.executionId) };
        });
    }
    async close() {
        if (this.db.isOpen)
            this.db.close();
    }
    /** Runs work inside one BEGIN IMMEDIATE transaction: all of it commits, or none of it. */
    write(work) {
        try {
            this.db.exec('BEGIN IMMEDIATE');
        }
        catch (error) {
            throw this.explain(error);
        }
        try {
            const result = work();
            this.db.exec('COMMIT');
            return result;
        }
        catch (error) {
            if (this.db.isTransaction)
                this.db.exec('ROLLBACK');
            throw this.explain(error);
        }
    }
    explain(error) {
        if (error.errcode === SQLITE_BUSY) {
            return new errors/* BfxError */.J(`The SQLite catalog ${this.location} stayed locked by another process for ${this.busyTimeoutMs / 1000} s, ` +
                'so nothing was changed: wait for the other runs to finish, or raise request-timeout.');
        }
        return error;
    }
    readBeginState(request) {
        this.db
            .prepare('INSERT INTO Package (PackageName, RetryLimit) VALUES (?, ?) ON CONFLICT (PackageName) DO NOTHING')
            .run(request.packageName, request.retryLimit ?? null);
        const pkg = this.packageByName(request.packageName);
        const reentry = this.db
            .prepare(`SELECT ${EXECUTION_COLUMNS} WHERE e.PackageID = ? AND e.RunKey = ? ORDER BY e.ExecutionID DESC LIMIT 1`)
            .get(pkg.packageId, request.runKey);
        const latest = this.latest(pkg.packageId);
        return {
            package: pkg,
            reentry: reentry ? (0,rows/* toExecutionRow */.q)(reentry) : null,
            active: this.active(pkg.packageId),
            latestNextLoadStatus: latest?.nextLoadStatus ?? null,
        };
    }
    insertExecution(packageId, execution, request) {
        const inserted = this.db
            .prepare(`INSERT INTO Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
           RunKey, Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha)
         VALUES (?, ?, ?, ?, 0, CASE WHEN ? THEN ${UTC_NOW} END, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING ExecutionID AS executionId`)
            .get(packageId, request.parentExecutionId ?? null, execution.executionStatus, execution.nextLoadStatus, execution.ended ? 1 : 0, request.runKey, ...contextValues(request.context));
        return {
            executionId: String(inserted.executionId),
            executionStatus: execution.executionStatus,
            nextLoadStatus: execution.nextLoadStatus,
            retryCount: 0,
        };
    }
    finish(executionId, status, next, message) {
        this.db
            .prepare(`UPDATE Execution SET ExecutionStatus = ?, NextLoadStatus = ?, EndTime = ${UTC_NOW}, ErrorMessage = ?
         WHERE ExecutionID = ?`)
            .run(status, next, message, executionId);
    }
    packageByName(packageName) {
        const raw = this.db.prepare(`SELECT ${PACKAGE_COLUMNS} WHERE PackageName = ?`).get(packageName);
        return raw ? (0,rows/* toPackageRow */.G)(raw) : null;
    }
    execution(executionId) {
        const raw = this.db.prepare(`SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = ?`).get(executionId);
        return raw ? (0,rows/* toExecutionRow */.q)(raw) : null;
    }
    latest(packageId) {
        const raw = this.db
            .prepare(`SELECT ${EXECUTION_COLUMNS} WHERE e.PackageID = ? ORDER BY e.ExecutionID DESC LIMIT 1`)
            .get(packageId);
        return raw ? (0,rows/* toExecutionRow */.q)(raw) : null;
    }
    active(packageId) {
        const raw = this.db
            .prepare(`SELECT ${EXECUTION_COLUMNS} WHERE e.PackageID = ? AND e.EndTime IS NULL`)
            .get(packageId);
        return raw ? (0,rows/* toExecutionRow */.q)(raw) : null;
    }
}


/***/ })

};
