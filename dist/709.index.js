export const id = 709;
export const ids = [709];
export const modules = {

/***/ 89017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IP: () => (/* binding */ fixedSchedule),
/* harmony export */   ST: () => (/* binding */ backoffSchedule),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   pc: () => (/* binding */ retryOnSchedule),
/* harmony export */   x8: () => (/* binding */ budgetSchedule)
/* harmony export */ });
/* unused harmony export retryTransient */
/**
 * Six attempts, waiting about 8 to 15 s in all: long enough to ride out an Azure SQL failover or a
 * PostgreSQL restart, which take seconds, short enough that a catalog that stays down fails the
 * step well within a job's patience.
 */
const DEFAULT_RETRY_POLICY = { attempts: 6, baseDelayMs: 500, maxDelayMs: 8000 };
async function retryTransient(work, isTransient, policy = DEFAULT_RETRY_POLICY, onRetry = () => { }) {
    for (let attempt = 1;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            if (attempt >= policy.attempts || !isTransient(error))
                throw error;
            const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
            const delayMs = ceiling / 2 + Math.random() * (ceiling / 2);
            onRetry(error, attempt, delayMs);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
    }
}
/** retryTransient, with the delays given by a schedule rather than a policy. */
async function retryOnSchedule(work, isTransient, schedule, onRetry = () => { }) {
    const started = Date.now();
    for (let attempt = 1;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            if (!isTransient(error))
                throw error;
            const delayMs = schedule({ error, attempt, elapsedMs: Date.now() - started });
            if (delayMs === undefined)
                throw error;
            onRetry(error, attempt, delayMs);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
    }
}
/** The delay retryTransient waits after a failed attempt: exponential, capped, with jitter. */
function backoffDelay(policy, attempt) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
}
/** retryTransient's schedule: policy.attempts in all, exponential backoff with jitter. */
function backoffSchedule(policy = DEFAULT_RETRY_POLICY) {
    return ({ attempt }) => (attempt >= policy.attempts ? undefined : backoffDelay(policy, attempt));
}
/**
 * Exponential backoff with jitter for as long as the next attempt would begin within budgetMs of
 * the first (policy.attempts is not used): a time budget, for faults that last a known while.
 */
function budgetSchedule(budgetMs, policy) {
    return ({ attempt, elapsedMs }) => {
        const delayMs = backoffDelay({ ...policy, attempts: Infinity }, attempt);
        return elapsedMs + delayMs > budgetMs ? undefined : delayMs;
    };
}
/** `retries` more attempts, intervalMs apart, without jitter (ADO.NET's ConnectRetryCount / ConnectRetryInterval). */
function fixedSchedule(retries, intervalMs) {
    return ({ attempt }) => (attempt > retries ? undefined : intervalMs);
}


/***/ }),

/***/ 98422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BA: () => (/* binding */ toAuditEntry),
/* harmony export */   Bv: () => (/* binding */ packageSelectList),
/* harmony export */   G2: () => (/* binding */ toVariable),
/* harmony export */   GK: () => (/* binding */ toPackageRow),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   RW: () => (/* binding */ executionSelectList),
/* harmony export */   S3: () => (/* binding */ contextValues),
/* harmony export */   fr: () => (/* binding */ selectList),
/* harmony export */   g0: () => (/* binding */ toExecutionStanding),
/* harmony export */   q$: () => (/* binding */ toExecutionRow),
/* harmony export */   ws: () => (/* binding */ scalarText),
/* harmony export */   y8: () => (/* binding */ toStoredRowCount)
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
/** `alias.Column AS field, ...` for any of the column maps in catalog.ts. */
function selectList(alias, columns, quote) {
    return Object.entries(columns)
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
/** scalarText, or null for SQL's NULL. */
const text = (value) => value === null || value === undefined ? null : scalarText(value);
const int = (value) => Number(value);
const time = (value) => value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : scalarText(value);
const bool = (value) => value === true || Number(value) === 1;
function toPackageRow(raw) {
    return {
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
        isEnabled: bool(raw.isEnabled),
        isBatch: bool(raw.isBatch),
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
function toVariable(raw) {
    return {
        name: scalarText(raw.name),
        value: scalarText(raw.value),
        previousValue: text(raw.previousValue),
        executionId: text(raw.executionId),
        updatedTime: time(raw.updatedTime) ?? '',
    };
}
function toStoredRowCount(raw) {
    return {
        executionId: scalarText(raw.executionId),
        objectName: scalarText(raw.objectName),
        countType: scalarText(raw.countType),
        rowCount: int(raw.rowCount),
    };
}
function toAuditEntry(raw) {
    return {
        auditId: scalarText(raw.auditId),
        packageId: raw.packageId === null || raw.packageId === undefined ? null : int(raw.packageId),
        packageName: text(raw.packageName),
        executionId: text(raw.executionId),
        action: scalarText(raw.action),
        detail: text(raw.detail),
        actor: text(raw.actor),
        createdTime: time(raw.createdTime) ?? '',
    };
}
/** What retention reads of an execution (operations.ts), from the engines' STANDING selects. */
function toExecutionStanding(raw) {
    return {
        executionId: scalarText(raw.executionId),
        parentExecutionId: text(raw.parentExecutionId),
        executionStatus: scalarText(raw.executionStatus),
        ended: bool(raw.ended),
        old: bool(raw.old),
        latest: bool(raw.latest),
        lastEnded: bool(raw.lastEnded),
        latestOfItsStatus: bool(raw.latestOfItsStatus),
        marksVariables: bool(raw.marksVariables),
    };
}


/***/ }),

/***/ 62062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HO: () => (/* binding */ judgeCatalog),
/* harmony export */   Xy: () => (/* binding */ UNCHECKED_EXECUTIONS),
/* harmony export */   __: () => (/* binding */ refuseLargeUpgrade),
/* harmony export */   cb: () => (/* binding */ refuseUncheckedExecutions),
/* harmony export */   n8: () => (/* binding */ EXECUTION_CHECKS)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/**
 * Is what the catalog holds ours? Before creating or using tables, an engine reads the columns of
 * the tables that carry our names, and these rules judge them: a table of ours that is there must
 * have every column we need with a type of the right kind; columns we do not know are welcome.
 * A table of our name in another shape is someone else's (a BimlCatalog's own bfx.Package, say),
 * and is never altered or written. The catalog also records which version of our tables it holds,
 * so a later release can upgrade it in place, and an older release refuses a newer catalog.
 */

/**
 * Judges an inspection. `versions[n - 1]` is every table as version n defines it, whole; the last is
 * the version this release creates. `where` names the schema or file, `fix` says what the user can
 * do instead when a table is someone else's.
 */
function judgeCatalog(inspection, versions, where, fix) {
    const latest = versions.length;
    if (inspection.recordedVersion !== null && inspection.recordedVersion > latest) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} is at version ${inspection.recordedVersion}, newer than the version ${latest} this bfx-begin knows, ` +
            'so nothing was read or changed: use the bfx-begin release that created it, or a later one.');
    }
    const [other] = inspection.others ?? [];
    if (other) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${other.kind} ${other.name} in ${where} has the name of a bfx-begin table, so nothing was created, altered or written: ${fix}`);
    }
    const found = new Map();
    for (const { table, column, kind } of inspection.columns) {
        const key = table.toLowerCase();
        if (!found.has(key))
            found.set(key, new Map());
        found.get(key).set(column.toLowerCase(), kind);
    }
    const [first] = versions;
    // Tables of the first version without a recorded version: the first release made them.
    const version = inspection.recordedVersion ?? (first.some((shape) => found.has(shape.table.toLowerCase())) ? 1 : 0);
    const own = new Map((version > 0 ? versions[version - 1] : []).map((shape) => [shape.table.toLowerCase(), shape]));
    for (const newest of versions[latest - 1]) {
        const key = newest.table.toLowerCase();
        const shape = own.get(key) ?? newest;
        const columns = found.get(key);
        if (!columns) {
            if (own.has(key)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} is at version ${version} but has no table ${shape.table}, so nothing was changed: ` +
                    'restore the table, or point bfx-begin at a fresh catalog.');
            }
            continue;
        }
        const wrong = Object.entries(shape.columns)
            .filter(([column, kind]) => columns.get(column.toLowerCase()) !== kind)
            .map(([column, kind]) => columns.has(column.toLowerCase()) ? `${column} is not ${kind}` : `${column} is missing`);
        if (wrong.length > 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The table ${shape.table} in ${where} is not a bfx-begin table (${wrong.join(', ')}), ` +
                `so nothing was created, altered or written: ${fix}`);
        }
        // More columns are welcome, unless no insert of ours can fill them.
        const ours = new Set(versions.flat().flatMap((v) => (v.table.toLowerCase() === key ? Object.keys(v.columns) : [])));
        const blocking = (inspection.required ?? []).find((c) => c.table.toLowerCase() === key && ![...ours].some((o) => o.toLowerCase() === c.column.toLowerCase()));
        if (blocking) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The table ${shape.table} in ${where} has a column ${blocking.column} that is NOT NULL without a default, ` +
                `so bfx-begin cannot insert its rows and nothing was written: give ${blocking.column} a default, or let it be NULL.`);
        }
    }
    return version === 0 ? { kind: 'empty' } : { kind: 'version', version };
}
/**
 * A begin upgrades a catalog in place only while it is small (catalog.ts,
 * UPGRADE_IN_BEGIN_MAX_EXECUTIONS): above that, the upgrade's index builds and checks would hold
 * the migration's lock for longer than a begin should wait, and every runner would try it again.
 * `executions` is the catalog's highest ExecutionID (0 for none).
 */
function refuseLargeUpgrade(where, from, to, executions, maxExecutions) {
    if (maxExecutions === undefined || from === 0 || from >= to || executions <= maxExecutions)
        return undefined;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} holds version ${from} of the bfx tables and about ${executions} executions, too many to upgrade ` +
        `to version ${to} inside a begin (the limit is ${maxExecutions}), so nothing was changed: run \`bfx migrate\` once ` +
        'with this connection string (it has no time limit; docs/catalog.md says what it builds), then run the step again.');
}
/**
 * Version 3 adds CHECK constraints to Execution: an execution without an EndTime is active (E, R or
 * A), and RetryCount is never negative. Rows that break them (written by hand: bfx-begin never
 * writes them) are not changed behind the user's back: the upgrade is refused, naming the first
 * and how to find the others. `where` names the catalog, `table` the Execution table as the user
 * queries it.
 */
function refuseUncheckedExecutions(where, table, count, firstExecutionId) {
    if (count === 0)
        return undefined;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} holds ${count} execution${count === 1 ? '' : 's'} that version 3 of the bfx tables refuses ` +
        `(ExecutionID ${firstExecutionId ?? '?'} ${count === 1 ? 'is' : 'is the first'}: ended without an EndTime, or a RetryCount below 0), ` +
        `so it was not upgraded and nothing was changed: find them with SELECT * FROM ${table} WHERE ${UNCHECKED_EXECUTIONS}, ` +
        'give each an EndTime (or an active status) and a RetryCount of 0 or more, then run the step again.');
}
/**
 * Version 3's CHECK constraints of Execution, in SQL every engine reads alike: only an active
 * execution (E, R or A) may have no EndTime, and RetryCount is never negative.
 */
const EXECUTION_CHECKS = [
    `EndTime IS NOT NULL OR ExecutionStatus IN ('E', 'R', 'A')`,
    `RetryCount >= 0`,
];
/** The executions those constraints refuse. */
const UNCHECKED_EXECUTIONS = `(EndTime IS NULL AND ExecutionStatus NOT IN ('E', 'R', 'A')) OR RetryCount < 0`;


/***/ }),

/***/ 97709:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  makeCurrent: () => (/* binding */ makeCurrent),
  openSqlCatalog: () => (/* binding */ openSqlCatalog)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog_catalog = __webpack_require__(97008);
// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __webpack_require__(89017);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var catalog_rows = __webpack_require__(98422);
// EXTERNAL MODULE: ./src/catalog/shape.ts
var shape = __webpack_require__(62062);
// EXTERNAL MODULE: ./src/catalog/turns.ts
var turns = __webpack_require__(18471);
// EXTERNAL MODULE: ./src/catalog/limits.ts
var limits = __webpack_require__(74999);
// EXTERNAL MODULE: ./src/catalog/sql/driver.ts
var driver = __webpack_require__(10912);
;// CONCATENATED MODULE: ./src/catalog/sql/round-trips.ts
const asIs = (error) => error;
/** Drivers reject with Error objects; anything else is wrapped, so that callers always get one. */
const asError = (error) => (error instanceof Error ? error : new Error(String(error)));
class RoundTrips {
    driver;
    check;
    queued = [];
    scheduled = false;
    last = Promise.resolve();
    firstFailure;
    /** Whether a COMMIT was answered as done. */
    committed = false;
    constructor(driver, check) {
        this.driver = driver;
        this.check = check;
    }
    /** The transaction's first failure, once known. */
    get failure() {
        return this.firstFailure;
    }
    /** Records a failure found outside the driver (an answer that breaks a rule), if none came first. */
    fail(error) {
        this.firstFailure ??= { error: asError(error) };
    }
    /** Queues a step; resolves with its answer, or rejects with the transaction's first failure. */
    send(step, meaning = asIs) {
        const answer = new Promise((resolve, reject) => {
            if (this.firstFailure) {
                reject(this.firstFailure.error);
                return;
            }
            this.queued.push({ step, meaning, resolve, reject });
            if (!this.scheduled) {
                this.scheduled = true;
                setImmediate(() => this.flush());
            }
        });
        // Every answer is awaited by its caller or not at all: an unawaited failure is still the
        // transaction's, reported by it, never an unhandled rejection.
        answer.catch(() => undefined);
        return answer;
    }
    /** Resolves once every round trip sent or queued so far is answered. Never rejects. */
    settled() {
        if (this.queued.length > 0)
            this.flush();
        return this.last;
    }
    flush() {
        this.scheduled = false;
        const entries = this.queued.splice(0);
        if (entries.length > 0)
            this.last = this.last.then(() => this.roundTrip(entries));
    }
    async roundTrip(entries) {
        if (this.firstFailure) {
            for (const entry of entries)
                entry.reject(this.firstFailure.error);
            return;
        }
        const steps = entries.map((entry) => entry.step);
        let outcomes;
        try {
            outcomes = await this.driver.send(steps);
            if (outcomes.length !== steps.length) {
                throw new Error(`The ${this.driver.engine} driver answered ${outcomes.length} of ${steps.length} steps.`);
            }
        }
        catch (error) {
            // A COMMIT among the steps may or may not have taken effect: the fault (a lost connection)
            // is transient, and the work run again reads what the catalog holds (run control).
            outcomes = steps.map(() => ({ ok: false, error }));
        }
        const checked = this.check?.(steps, outcomes);
        if (checked !== undefined)
            outcomes = steps.map(() => ({ ok: false, error: checked }));
        entries.forEach((entry, i) => {
            const outcome = outcomes[i];
            if (outcome.ok) {
                if (entry.step.kind === 'commit')
                    this.committed = true;
                entry.resolve(outcome.answer);
            }
            else {
                this.firstFailure ??= { error: asError(entry.meaning(outcome.error)) };
                entry.reject(this.firstFailure.error);
            }
        });
    }
}

;// CONCATENATED MODULE: ./src/catalog/sql/transaction.ts





/** ExecutionIDs are 64-bit: anything that is not one is bound as -1, which matches no row. */
const executionIdValue = (executionId) => /^\d{1,19}$/.test(executionId) && BigInt(executionId) <= limits/* MAX_BIGINT */.Fm ? executionId : '-1';
const optionalId = (executionId) => (executionId === null ? null : executionIdValue(executionId));
/** The text of a statement for a lock key (one text may serve both). */
const textFor = (text, key) => (typeof text === 'string' ? text : text[key]);
const firstRow = (answer) => answer.rows[0];
const executionOrNull = (answer) => {
    const raw = firstRow(answer);
    return raw ? (0,catalog_rows/* toExecutionRow */.q$)(raw) : null;
};
const packageOrNull = (answer) => {
    const raw = firstRow(answer);
    return raw ? (0,catalog_rows/* toPackageRow */.GK)(raw) : null;
};
/** The last value given for each key (a statement may not change one row twice). */
function lastBy(values, key) {
    return [...new Map(values.map((value) => [key(value), value])).values()];
}
class SqlTransaction {
    driver;
    trips;
    key;
    /** The lock's values, and the packages held so far (growing as the locks answer). */
    lockParams;
    locked;
    committing;
    constructor(driver, lock, 
    /** Statements sent right after BEGIN (the catalog check of a first transaction), and how their outcomes are judged. */
    prelude) {
        this.driver = driver;
        this.trips = new RoundTrips(driver, prelude?.check);
        let lockParent;
        if ('executionId' in lock) {
            this.key = 'execution';
            // An end, or a change through an execution: its parent's package first, if it has a parent.
            lockParent = true;
            this.lockParams = {
                PackageName: null,
                LockExecutionID: executionIdValue(lock.executionId),
                LockParentExecutionID: null,
                LockedPackageID: null,
                LockedPackageIDs: [],
            };
        }
        else {
            this.key = 'name';
            lockParent = lock.parentExecutionId !== undefined;
            this.lockParams = {
                PackageName: lock.packageName,
                LockExecutionID: null,
                LockParentExecutionID: optionalId(lock.parentExecutionId ?? null),
                LockedPackageID: null,
                LockedPackageIDs: [],
            };
        }
        void this.trips.send({ kind: 'begin', mode: 'package' });
        for (const name of prelude?.steps ?? [])
            void this.statement(name, {});
        if (lockParent) {
            void this.statement('LOCK_PARENT_PACKAGE_SHARED', {}).then((answer) => this.lockedTo(answer), noop);
        }
        if (!('executionId' in lock) && lock.register !== undefined) {
            void this.statement('REGISTER_PACKAGE', { RetryLimit: lock.register.retryLimit, IsBatch: lock.register.isBatch });
        }
        this.locked = this.statement('LOCK_PACKAGE_EXCLUSIVE', {}).then((answer) => {
            const row = packageOrNull(answer);
            this.lockedTo(answer);
            if (row)
                this.lockParams.LockedPackageID = row.packageId;
            return row;
        });
        this.locked.catch(noop);
    }
    /** Adds the packages a lock statement answered to those this transaction holds. */
    lockedTo(answer) {
        const ids = answer.rows.map((row) => Number(row.packageId));
        const held = this.lockParams.LockedPackageIDs;
        for (const id of ids)
            if (!held.includes(id))
                held.push(id);
    }
    /** Queues one statement with the lock's values and its own; `meaning` turns its failure into ours. */
    statement(name, params, options = {}) {
        if (this.committing)
            return Promise.reject(new Error('The catalog transaction was used after its commit.'));
        const text = textFor(this.driver.statements[name], this.key);
        const lockParams = { ...this.lockParams, LockedPackageIDs: [...this.lockParams.LockedPackageIDs] };
        return this.trips.send({ kind: 'statement', name, text, params: { ...lockParams, ...params }, guarded: options.guarded }, options.meaning);
    }
    /** A guarded statement: a guard failure, or an answer of no changed row, is a LockViolation. */
    guarded(name, params, executionId) {
        const { faults } = this.driver;
        const violation = (error) => error instanceof driver/* GuardFailure */.Q || faults.isGuardFailure(error) ? new catalog_catalog/* LockViolation */.RC(executionId) : error;
        return this.statement(name, params, { guarded: true, meaning: violation }).then((answer) => {
            if (answer.changed !== 1)
                throw this.failed(new catalog_catalog/* LockViolation */.RC(executionId));
            return answer;
        });
    }
    /** A rule an answer broke: the transaction's failure, if it has none yet. */
    failed(error) {
        this.trips.fail(error);
        return error;
    }
    package() {
        return this.locked;
    }
    readExecution(name, params = {}) {
        return this.statement(name, params).then(executionOrNull);
    }
    executionWithRunKey(runKey) {
        return this.readExecution('EXECUTION_WITH_RUN_KEY', { RunKey: runKey });
    }
    activeExecution() {
        return this.readExecution('ACTIVE_EXECUTION');
    }
    latestExecution() {
        return this.readExecution('LATEST_EXECUTION');
    }
    lastEndedExecution() {
        return this.readExecution('LAST_ENDED_EXECUTION');
    }
    execution(executionId) {
        return this.readExecution('EXECUTION_BY_ID', { ExecutionID: executionIdValue(executionId) });
    }
    anyExecution(executionId) {
        return this.readExecution('ANY_EXECUTION', { ExecutionID: executionIdValue(executionId) });
    }
    parentOf(executionId) {
        return this.readExecution('PARENT_OF', { ExecutionID: executionIdValue(executionId) });
    }
    children(parentExecutionId) {
        return this.statement('CHILDREN', { ParentExecutionID: executionIdValue(parentExecutionId) }).then((answer) => answer.rows.map(catalog_rows/* toExecutionRow */.q$));
    }
    auditedExecutions(executionIds, actions) {
        if (executionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))], Actions: actions };
        return this.statement('AUDITED_EXECUTIONS', params).then((answer) => answer.rows.map((row) => String(row.executionId)));
    }
    lastExecutionWithStatus(status, beforeExecutionId) {
        const params = { ExecutionStatus: status, BeforeExecutionID: optionalId(beforeExecutionId) };
        return this.statement('LAST_EXECUTION_WITH_STATUS', params).then((answer) => {
            return (0,catalog_rows/* text */.Qq)(firstRow(answer)?.executionId);
        });
    }
    variables() {
        return this.statement('VARIABLES', {}).then((answer) => answer.rows.map(catalog_rows/* toVariable */.G2));
    }
    executionAudit(executionId, action) {
        const params = { ExecutionID: executionIdValue(executionId), Action: action };
        return this.statement('EXECUTION_AUDIT', params).then((answer) => answer.rows.map(catalog_rows/* toAuditEntry */.BA));
    }
    insertExecution(execution) {
        return this.statement('INSERT_EXECUTION', {
            PackageID: execution.packageId,
            ParentExecutionID: optionalId(execution.parentExecutionId),
            ExecutionStatus: execution.executionStatus,
            NextLoadStatus: execution.nextLoadStatus,
            RetryCount: execution.retryCount,
            Ended: execution.ended,
            ErrorMessage: execution.errorMessage,
            RunKey: execution.runKey,
            ...(0,catalog_rows/* contextValues */.S3)(execution.context),
        }).then((answer) => ({ executionId: (0,catalog_rows/* scalarText */.ws)(firstRow(answer).executionId) }));
    }
    takeOverExecution(takeover) {
        const params = {
            ExecutionID: executionIdValue(takeover.executionId),
            ExecutionStatus: takeover.executionStatus,
            NextLoadStatus: takeover.nextLoadStatus,
            RetryCount: takeover.retryCount,
            ParentExecutionID: optionalId(takeover.parentExecutionId),
            RunKey: takeover.runKey,
            ...(0,catalog_rows/* contextValues */.S3)(takeover.context),
        };
        return this.guarded('TAKE_OVER_EXECUTION', params, takeover.executionId).then(noop);
    }
    finishExecution(finish) {
        return this.guarded('FINISH_EXECUTION', finishValues(finish), finish.executionId).then((answer) => executionOrNull(answer) ?? this.noRow(finish.executionId));
    }
    refinishExecution(finish, endedAs) {
        const params = { ...finishValues(finish), EndedAs: endedAs };
        return this.guarded('REFINISH_EXECUTION', params, finish.executionId).then((answer) => executionOrNull(answer) ?? this.noRow(finish.executionId));
    }
    /** A guarded write that changed its row but answered none: a bug in an engine's statement. */
    noRow(executionId) {
        throw this.failed(new Error(`The ${this.driver.engine} catalog changed execution ${executionId} but answered no row.`));
    }
    setNextLoadStatus(executionId, nextLoadStatus) {
        const params = { ExecutionID: executionIdValue(executionId), NextLoadStatus: nextLoadStatus };
        return this.statement('SET_NEXT_LOAD_STATUS', params).then((answer) => {
            const row = executionOrNull(answer);
            if (!row)
                throw this.failed(notLocked([executionId]));
            return row;
        });
    }
    setNextLoadStatuses(executionIds, nextLoadStatus) {
        const distinct = [...new Set(executionIds)];
        if (distinct.length === 0)
            return Promise.resolve();
        const params = { ExecutionIDs: distinct.map(executionIdValue), NextLoadStatus: nextLoadStatus };
        return this.statement('SET_NEXT_LOAD_STATUSES', params).then((answer) => {
            if (answer.changed !== distinct.length)
                throw this.failed(notLocked(distinct));
        });
    }
    lockPackages(packageIds) {
        const ids = [...new Set(packageIds)].sort((a, b) => a - b);
        if (ids.length === 0)
            return Promise.resolve();
        const held = this.lockParams.LockedPackageIDs;
        for (const id of ids)
            if (!held.includes(id))
                held.push(id);
        return this.statement('LOCK_PACKAGES_EXCLUSIVE', { PackageIDs: ids }).then(noop);
    }
    markBatch() {
        return this.statement('MARK_BATCH', {}).then(noop);
    }
    registerVariables(defaults) {
        if (defaults.length === 0)
            return Promise.resolve();
        // The first default given for a name is the one kept, as a second registration would keep it.
        const first = lastBy(defaults.toReversed(), (value) => value.name);
        return this.statement('REGISTER_VARIABLES', namesAndValues(first)).then(noop);
    }
    storeVariables(values, executionId) {
        if (values.length === 0)
            return Promise.resolve();
        const params = {
            ...namesAndValues(lastBy(values, (value) => value.name)),
            ExecutionID: optionalId(executionId),
        };
        return this.statement('STORE_VARIABLES', params).then(noop);
    }
    saveRowCounts(executionId, counts) {
        if (counts.length === 0)
            return Promise.resolve();
        // The last count given for an object and type is the one kept, as a later call would replace it.
        const last = lastBy(counts, (count) => JSON.stringify([count.objectName, count.countType]));
        return this.statement('SAVE_ROW_COUNTS', {
            ExecutionID: executionIdValue(executionId),
            ObjectNames: last.map((count) => count.objectName),
            CountTypes: last.map((count) => count.countType),
            RowCounts: last.map((count) => count.rowCount),
        }).then(noop);
    }
    recordAudit(entry) {
        return this.statement('RECORD_AUDIT', {
            ExecutionID: optionalId(entry.executionId),
            Action: entry.action,
            Detail: entry.detail,
            Actor: entry.actor,
        }).then(noop);
    }
    recordDeletion(entry) {
        return this.statement('RECORD_DELETION', { Action: entry.action, Detail: entry.detail, Actor: entry.actor }).then(noop);
    }
    setEnabled(enabled) {
        return this.statement('SET_ENABLED', { IsEnabled: enabled }).then(packageOrNull);
    }
    packageNamed(packageName) {
        return this.statement('PACKAGE_NAMED', { OtherName: packageName }).then(packageOrNull);
    }
    /** Queue it after every other statement that finds the package by its old name (recordAudit). */
    renamePackage(newName) {
        const taken = (error) => (this.driver.faults.isUniqueViolation(error) ? new catalog_catalog/* NameTaken */.R(newName) : error);
        return this.statement('RENAME_PACKAGE', { NewName: newName }, { meaning: taken }).then((answer) => {
            const row = packageOrNull(answer);
            if (!row)
                throw this.failed(new Error("No package matches this transaction's lock, so it cannot be renamed."));
            return row;
        });
    }
    deletePackage() {
        const steps = [
            'DELETE_PACKAGE_ROW_COUNTS',
            'DELETE_PACKAGE_AUDIT',
            'DELETE_PACKAGE_VARIABLES',
            'DELETE_PACKAGE_EXECUTIONS',
            'DELETE_PACKAGE',
        ];
        return Promise.all(steps.map((name) => this.statement(name, {}))).then((answers) => ({
            executions: answers[3].changed,
        }));
    }
    purgeCandidates(olderThanMinutes, afterExecutionId, limit) {
        const params = { Minutes: olderThanMinutes, AfterExecutionID: optionalId(afterExecutionId), Limit: limit };
        return this.statement('PURGE_CANDIDATES', params).then(standings);
    }
    standings(executionIds, olderThanMinutes) {
        if (executionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))], Minutes: olderThanMinutes };
        return this.statement('STANDINGS', params).then(standings);
    }
    childStandings(parentExecutionIds, olderThanMinutes) {
        if (parentExecutionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: [...new Set(parentExecutionIds.map(executionIdValue))], Minutes: olderThanMinutes };
        return this.statement('CHILD_STANDINGS', params).then(standings);
    }
    deleteExecutions(executionIds) {
        if (executionIds.length === 0)
            return Promise.resolve(0);
        const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))] };
        const steps = ['DELETE_EXECUTION_ROW_COUNTS', 'DELETE_EXECUTION_AUDIT', 'DELETE_EXECUTIONS'];
        return Promise.all(steps.map((name) => this.statement(name, params))).then((answers) => answers[2].changed);
    }
    deleteOldAudit(olderThanMinutes, limit) {
        return this.statement('DELETE_OLD_AUDIT', { Minutes: olderThanMinutes, Limit: limit }).then((answer) => answer.changed);
    }
    commit() {
        this.committing ??= this.trips.send({ kind: 'commit' }).then(noop);
        return this.committing;
    }
}
const noop = () => undefined;
const standings = (answer) => answer.rows.map(catalog_rows/* toExecutionStanding */.g0);
const finishValues = (finish) => ({
    ExecutionID: executionIdValue(finish.executionId),
    ExecutionStatus: finish.executionStatus,
    NextLoadStatus: finish.nextLoadStatus,
    ErrorMessage: finish.errorMessage,
});
/** Names and values as two lists, paired by position. */
function namesAndValues(values) {
    return { Names: values.map((value) => value.name), Values: values.map((value) => value.value) };
}
/** A write to an execution of a package the transaction did not lock (or to none): a bug in its caller. */
const notLocked = (executionIds) => new Error(`Execution ${executionIds.join(', ')} is not an execution of a package this transaction has locked: nothing was changed.`);

;// CONCATENATED MODULE: ./src/catalog/sql/catalog.ts
/**
 * CatalogEngine, written once over a Driver: package transactions (transaction.ts), the unlocked
 * reads, and inspect / migrate with the engine's schema.ts and shape.ts. Calls on one catalog take
 * turns on its one connection; a transient fault (faults.isTransient) runs the whole call again
 * from the start on a fresh connection, and whatever fails at last is the user's one sentence
 * (faults.explain).
 *
 * The catalog check of a begin is folded into its first transaction: the catalog's INSPECT and
 * RECORDED_VERSION go right after BEGIN, in the round trip of the locks and the first reads, and
 * are judged before anything is answered. A current catalog costs no round trip more; a missing or
 * older one is rolled back, created or upgraded (or refused, per create-catalog), and the
 * transaction runs again; a foreign or newer one is refused.
 */







/** Connects (so that a wrong host, password or database fails at once and clearly) and returns the catalog. */
async function openSqlCatalog(driver, options, check) {
    const catalog = new SqlCatalog(driver, options, check === 'on-first-use');
    await catalog.connectFirst();
    return catalog;
}
/**
 * What a catalog check does about what it found: nothing for a current catalog; for a missing or
 * older one, a refusal when create-catalog is false, else a migration in place (of a small
 * catalog: a large one is left to `bfx migrate`).
 */
async function makeCurrent(catalog, state, options) {
    if (state.kind === 'version' && state.version >= catalog_catalog/* CATALOG_VERSION */.$i)
        return;
    if (!options.createCatalog) {
        const { because, create, upgrade } = options.noCreate ?? catalog_catalog/* ACTION_NO_CREATE */.c3;
        throw new errors/* BfxError */.J(state.kind === 'empty'
            ? `The catalog ${catalog.location} has no bfx tables and ${because}, so nothing was created: ${create}.`
            : `The catalog ${catalog.location} holds version ${state.version} of the bfx tables, this release needs ` +
                `version ${catalog_catalog/* CATALOG_VERSION */.$i}, and ${because}, so nothing was changed: ${upgrade}.`);
    }
    await catalog.migrate({ maxExecutions: catalog_catalog/* UPGRADE_IN_BEGIN_MAX_EXECUTIONS */.Gb });
}
/** A catalog check found the catalog missing or older: created or upgraded (or refused), then the call runs again. */
class CatalogNotCurrent extends Error {
    state;
    name = 'CatalogNotCurrent';
    constructor(state) {
        super('The catalog is not at the version this release uses.');
        this.state = state;
    }
}
const statement = (driver, name, params = {}) => ({
    kind: 'statement',
    name,
    text: textFor(driver.statements[name], 'name'),
    params,
});
/** The answers of a round trip, or its first failure. */
function answers(outcomes) {
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed && !failed.ok)
        throw failed.error;
    return outcomes.map((outcome) => outcome.answer);
}
const hasVersionTable = (inspection) => inspection.columns.some((c) => c.table.toLowerCase() === 'catalogversion' && c.column.toLowerCase() === 'version');
const numberOrNull = (value) => (value === null || value === undefined ? null : Number(value));
class SqlCatalog {
    driver;
    options;
    unchecked;
    engine;
    location;
    turns = new turns/* Turns */.P();
    /** Once the server has answered, a refused or dropped connection means it went away: retry. */
    everConnected = false;
    constructor(driver, options, 
    /** The catalog check is still to be made (create-catalog decides what a missing or older catalog gets). */
    unchecked) {
        this.driver = driver;
        this.options = options;
        this.unchecked = unchecked;
        this.engine = driver.engine;
        this.location = driver.location;
    }
    async connectFirst() {
        try {
            await (0,retry/* retryOnSchedule */.pc)(() => this.driver.connect(), (error) => this.driver.faults.isTransient(error, false), this.driver.faults.schedule);
            this.everConnected = true;
        }
        catch (error) {
            await this.driver.close();
            throw this.driver.faults.explain(error, 'connect');
        }
    }
    // ---- the catalog's tables ------------------------------------------------------------------
    inspect() {
        return this.retrying('read the catalog tables', async () => {
            const [inspected] = answers(await this.driver.send([statement(this.driver, 'INSPECT')]));
            const inspection = this.driver.schema.inspection(inspected);
            const version = hasVersionTable(inspection) ? await this.recordedVersion() : null;
            return this.judge(inspection, version);
        });
    }
    async recordedVersion() {
        const [found] = answers(await this.driver.send([statement(this.driver, 'RECORDED_VERSION')]));
        return numberOrNull(found.rows[0]?.version);
    }
    judge(inspection, recordedVersion) {
        const { schema } = this.driver;
        return (0,shape/* judgeCatalog */.HO)({ ...inspection, recordedVersion }, schema.versions, schema.where, schema.foreignTableFix);
    }
    /**
     * In one transaction under MIGRATE_LOCK: inspect again, refuse what shape.ts refuses, then run
     * the DDL schema.ts gives from the catalog's version, and record the versions applied. When
     * everything is there, only the inspection runs: a user without CREATE rights can run it.
     */
    migrate(options = {}) {
        return this.retrying('migrate the catalog', async () => {
            const { driver } = this;
            try {
                const [, , inspected] = answers(await driver.send([
                    { kind: 'begin', mode: 'migrate' },
                    statement(driver, 'MIGRATE_LOCK'),
                    statement(driver, 'INSPECT'),
                ]));
                const inspection = driver.schema.inspection(inspected);
                const state = this.judge(inspection, hasVersionTable(inspection) ? await this.recordedVersion() : null);
                const from = state.kind === 'empty' ? 0 : state.version;
                if (from > 0 && from < catalog_catalog/* CATALOG_VERSION */.$i) {
                    const [size] = answers(await driver.send([statement(driver, 'UPGRADE_SIZE')]));
                    const { executions, unchecked, firstUnchecked } = size.rows[0] ?? {};
                    const where = driver.schema.where;
                    const refused = (0,shape/* refuseLargeUpgrade */.__)(where, from, catalog_catalog/* CATALOG_VERSION */.$i, Number(executions ?? 0), options.maxExecutions) ??
                        (from < 3
                            ? (0,shape/* refuseUncheckedExecutions */.cb)(where, driver.schema.executionTable ?? 'Execution', Number(unchecked ?? 0), (0,catalog_rows/* text */.Qq)(firstUnchecked))
                            : undefined);
                    if (refused)
                        throw refused;
                }
                const steps = from < catalog_catalog/* CATALOG_VERSION */.$i ? driver.schema.migration(from, inspected) : [];
                const applied = Array.from({ length: catalog_catalog/* CATALOG_VERSION */.$i - from }, (_, i) => from + i + 1);
                answers(await driver.send([
                    ...steps.map(({ text }) => ({ kind: 'ddl', text })),
                    ...(applied.length > 0 ? [statement(driver, 'RECORD_VERSIONS', { Versions: applied })] : []),
                    { kind: 'commit' },
                ]));
                return { from, to: Math.max(from, catalog_catalog/* CATALOG_VERSION */.$i), created: steps.map((step) => step.creates) };
            }
            catch (error) {
                await driver.rollback();
                throw error;
            }
        });
    }
    /** Before a call that cannot fold the check in: the check on its own (outside any turn: it takes its own). */
    async checked() {
        if (!this.unchecked)
            return;
        await makeCurrent(this, await this.inspect(), this.options);
        this.unchecked = false;
    }
    // ---- package transactions ------------------------------------------------------------------
    async transaction(lock, what, work) {
        if (!this.unchecked)
            return this.retrying(what, () => this.attempt(lock, work, false));
        try {
            const result = await this.retrying(what, () => this.attempt(lock, work, true));
            this.unchecked = false;
            return result;
        }
        catch (error) {
            if (!(error instanceof CatalogNotCurrent))
                throw error;
            await makeCurrent(this, error.state, this.options);
            this.unchecked = false;
            return this.retrying(what, () => this.attempt(lock, work, false));
        }
    }
    /**
     * One transaction on the one connection: if that connection is lost, the transaction is gone
     * with it, and the work fails (to be run again from the start) rather than going on, outside
     * any transaction, on a new connection. Work that returns without committing is committed then.
     * Whatever fails, the transaction's first failure is the one reported.
     */
    async attempt(lock, work, check) {
        await this.connection();
        const tx = new SqlTransaction(this.driver, lock, check ? this.foldedCheck() : undefined);
        try {
            const result = await work(handled(tx));
            await tx.commit();
            return result;
        }
        catch (error) {
            await tx.trips.settled();
            if (!tx.trips.committed)
                await this.driver.rollback();
            throw tx.trips.failure ? tx.trips.failure.error : error;
        }
    }
    /**
     * The catalog check in a transaction's first round trip: INSPECT and RECORDED_VERSION after
     * BEGIN. Judged before anything of that round trip is answered: a refusal, or CatalogNotCurrent,
     * fails every step of it, and nothing after it is sent.
     */
    foldedCheck() {
        return {
            steps: ['INSPECT', 'RECORDED_VERSION'],
            check: (steps, outcomes) => {
                const at = steps.findIndex((step) => step.kind === 'statement' && step.name === 'INSPECT');
                if (at < 0)
                    return undefined;
                const [inspected, version] = [outcomes[at], outcomes[at + 1]];
                // A catalog that cannot be read at all (not a database, no rights) fails as it is.
                if (!inspected.ok)
                    return undefined;
                try {
                    const inspection = this.driver.schema.inspection(inspected.answer);
                    // No CatalogVersion table: RECORDED_VERSION failed, and the catalog is at most version 1.
                    const recorded = version.ok ? numberOrNull(version.answer.rows[0]?.version) : null;
                    if (!version.ok && hasVersionTable(inspection))
                        return undefined;
                    const state = this.judge(inspection, recorded);
                    return state.kind === 'version' && state.version === catalog_catalog/* CATALOG_VERSION */.$i
                        ? undefined
                        : new CatalogNotCurrent(state);
                }
                catch (refusal) {
                    return refusal;
                }
            },
        };
    }
    // ---- unlocked reads ------------------------------------------------------------------------
    /** Statements outside any package's lock, on the open connection, in one round trip; their answers. */
    async unlocked(what, names) {
        await this.checked();
        return this.retrying(what, async () => {
            await this.connection();
            return answers(await this.driver.send(names.map(([name, params]) => statement(this.driver, name, params))));
        });
    }
    async status(packageName) {
        const byName = { PackageName: packageName ?? null };
        const [found, latest, active] = await this.unlocked('read the status', [
            ['STATUS_PACKAGES', byName],
            ['STATUS_LATEST', byName],
            ['STATUS_ACTIVE', byName],
        ]);
        const latestOf = new Map(latest.rows.map((raw) => [Number(raw.packageId), raw]));
        const activeOf = new Map(active.rows.map((raw) => [Number(raw.packageId), (0,catalog_rows/* toExecutionRow */.q$)(raw)]));
        return found.rows.map(catalog_rows/* toPackageRow */.GK).map((pkg) => {
            const latestRow = latestOf.get(pkg.packageId);
            return {
                ...pkg,
                latest: latestRow ? (0,catalog_rows/* toExecutionRow */.q$)(latestRow) : null,
                active: activeOf.get(pkg.packageId) ?? null,
                batchPackageName: typeof latestRow?.batchPackageName === 'string' ? latestRow.batchPackageName : null,
            };
        });
    }
    async history(packageName, limit, filter = {}) {
        const unfiltered = filter.sinceMinutes === undefined && filter.statuses === undefined;
        const [rows] = await this.unlocked('read the history', [
            unfiltered
                ? ['HISTORY', { PackageName: packageName, Limit: limit }]
                : ['FILTERED_HISTORY', { PackageName: packageName, Limit: limit, ...filterValues(filter) }],
        ]);
        return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
    }
    async runs(filter, limit) {
        const [rows] = await this.unlocked('read the runs', [['RUNS', { Limit: limit, ...filterValues(filter) }]]);
        return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
    }
    async now() {
        const [rows] = await this.unlocked("read the catalog's clock", [['NOW', {}]]);
        const now = rows.rows[0].now;
        return now instanceof Date ? now.toISOString() : String(now);
    }
    async children(parentExecutionId) {
        const [rows] = await this.unlocked('read the children of a batch execution', [
            ['CHILDREN', { ParentExecutionID: executionIdValue(parentExecutionId) }],
        ]);
        return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
    }
    async variables(packageName) {
        const [rows] = await this.unlocked('read the variables', [['PACKAGE_VARIABLES', { PackageName: packageName }]]);
        if (rows.rows.length === 0)
            return null;
        return rows.rows.filter((raw) => raw.name !== null && raw.name !== undefined).map(catalog_rows/* toVariable */.G2);
    }
    async rowCounts(executionIds) {
        if (executionIds.length === 0)
            return [];
        const ids = [...new Set(executionIds.map(executionIdValue))];
        const [rows] = await this.unlocked('read the row counts', [['ROW_COUNTS', { ExecutionIDs: ids }]]);
        return rows.rows.map(catalog_rows/* toStoredRowCount */.y8);
    }
    async audit(packageName, limit) {
        const [rows] = await this.unlocked('read the audit log', [['AUDIT', { PackageName: packageName, Limit: limit }]]);
        return rows.rows.map(catalog_rows/* toAuditEntry */.BA);
    }
    /** One snapshot (BEGIN 'snapshot'), a fixed number of reads whatever the number of packages. */
    async reportSnapshot(windowMinutes) {
        await this.checked();
        return this.retrying('read the catalog for the report', async () => {
            await this.connection();
            const { driver } = this;
            const window = { Minutes: windowMinutes };
            let found;
            try {
                found = answers(await driver.send([
                    { kind: 'begin', mode: 'snapshot' },
                    statement(driver, 'REPORT_CLOCK', window),
                    statement(driver, 'REPORT_PACKAGES'),
                    statement(driver, 'REPORT_EXECUTIONS', { ...window, Succeeded: catalog_catalog/* SUCCEEDED */.QQ }),
                    statement(driver, 'REPORT_ROW_COUNTS', window),
                    statement(driver, 'REPORT_AUDIT', window),
                    { kind: 'commit' },
                ]));
            }
            catch (error) {
                await driver.rollback();
                throw error;
            }
            const [, clock, packages, executions, rowCounts, audit] = found;
            const instant = (value) => (value instanceof Date ? value.toISOString() : String(value));
            return {
                now: instant(clock.rows[0].now),
                since: instant(clock.rows[0].since),
                packages: packages.rows.map(catalog_rows/* toPackageRow */.GK),
                executions: executions.rows.map(catalog_rows/* toExecutionRow */.q$),
                rowCounts: rowCounts.rows.map(catalog_rows/* toStoredRowCount */.y8),
                audit: audit.rows.map(catalog_rows/* toAuditEntry */.BA),
            };
        });
    }
    close() {
        return this.driver.close();
    }
    // ---- connections and retries ---------------------------------------------------------------
    /** The open connection, or a new one after the last was lost. */
    async connection() {
        await this.driver.connect();
        this.everConnected = true;
    }
    /**
     * Runs an attempt with retries on transient faults, each attempt taking its turn on this
     * catalog (calls made at once on one catalog would otherwise send statements into each other's
     * transaction on the one connection); a failure is turned into one sentence for the user.
     */
    async retrying(what, attempt) {
        const { faults } = this.driver;
        let firstFault;
        try {
            return await (0,retry/* retryOnSchedule */.pc)(() => this.turns.run(attempt), (error) => {
                const transient = faults.isTransient(error, this.everConnected);
                if (transient)
                    firstFault ??= error;
                // Whatever the fault, the next attempt starts on a connection with no open transaction.
                if (transient && faults.isConnectionLoss(error))
                    this.driver.drop();
                return transient;
            }, faults.schedule);
        }
        catch (error) {
            if (error instanceof CatalogNotCurrent)
                throw error;
            throw faults.explain(error, what, firstFault);
        }
    }
}
const filterValues = (filter) => ({
    Since: filter.sinceMinutes ?? null,
    Statuses: filter.statuses ?? null,
});
/**
 * The transaction as work sees it: every promise a call returns has a rejection handler, so a call
 * work leaves unawaited when an earlier one failed is never an unhandled rejection (the
 * transaction reports its first failure itself).
 */
function handled(tx) {
    return new Proxy(tx, {
        get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver);
            if (typeof value !== 'function')
                return value;
            return (...args) => {
                const returned = Reflect.apply(value, target, args);
                if (returned instanceof Promise)
                    returned.catch(() => undefined);
                return returned;
            };
        },
    });
}


/***/ }),

/***/ 10912:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ GuardFailure)
/* harmony export */ });
/** A driver's own guard failure, for an engine that checks a guarded step's changed count itself. */
class GuardFailure extends Error {
    name = 'GuardFailure';
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
