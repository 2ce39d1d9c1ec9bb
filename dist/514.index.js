export const id = 514;
export const ids = [514];
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

/***/ 21514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  open: () => (/* binding */ engine_open)
});

// EXTERNAL MODULE: ./node_modules/pg/esm/index.mjs
var esm = __webpack_require__(83849);
// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog = __webpack_require__(97008);
// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __webpack_require__(89017);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var catalog_rows = __webpack_require__(98422);
// EXTERNAL MODULE: ./src/catalog/turns.ts
var turns = __webpack_require__(18471);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/catalog/postgres/faults.ts
/**
 * PostgreSQL and pg faults: which are worth another attempt (isTransient), which mean the
 * connection is gone (isConnectionLoss), and the one sentence a user reads for each (explain):
 * what failed, why, what to do. No sentence ever holds the connection string or the password.
 */


/** Server errors worth another attempt on a fresh transaction or connection. */
const TRANSIENT_CODES = new Set([
    '40001', // serialization_failure
    '40P01', // deadlock_detected
    '57P01', // admin_shutdown
    '57P02', // crash_shutdown
    '57P03', // cannot_connect_now (starting up, shutting down, recovering)
    '53300', // too_many_connections
]);
/** Worth retrying while connecting at open: the server is there but not ready or full. */
const CONNECT_RETRY_CODES = new Set(['57P03', '53300']);
const SOCKET_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'ECONNREFUSED',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'ENETUNREACH',
]);
/** division_by_zero: raised on purpose by a guarded update that changed no row (queries.ts GUARD). */
const GUARD_FAILED = '22012';
const codeOf = (error) => error?.code;
const messageOf = (error) => String(error?.message ?? error);
/** A fault in the connection itself (as opposed to an error the server reported on a statement). */
function isConnectionLoss(error) {
    const code = codeOf(error);
    if (code && (SOCKET_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)))
        return true;
    return /Connection terminated|not queryable|Client was closed|timeout expired|Query read timeout/i.test(messageOf(error));
}
/**
 * Whether a fault is worth running the transaction again from the start. A dropped or refused
 * connection counts only once the server has answered (everConnected): before that it is a wrong
 * host or port, not a server that went away.
 */
function isTransient(error, everConnected) {
    if (error instanceof errors/* BfxError */.J)
        return false;
    const code = codeOf(error);
    if (code && TRANSIENT_CODES.has(code))
        return true;
    // A client-side read timeout is not retried: the request timeout has already been spent.
    if (/Query read timeout/i.test(messageOf(error)))
        return false;
    return everConnected && isConnectionLoss(error);
}
/** Whether connecting at open is worth another attempt. */
const isTransientAtConnect = (error) => CONNECT_RETRY_CODES.has(codeOf(error) ?? '');
/** A migration tripped over an object (schema, table, index, type row) another migration just created. */
const isDuplicateObject = (error) => ['42P06', '42P07', '42710', '23505'].includes(codeOf(error) ?? '');
/** A guarded update (take-over, finish) found no active row: the server refused it on purpose. */
const isGuardFailure = (error) => codeOf(error) === GUARD_FAILED;
/** pg could not parse the connection string; its message may quote the string, so only the error's name is kept. */
function unreadableConnectionString(error) {
    return new errors/* BfxError */.J(`The postgres:// connection string could not be read (${error instanceof Error ? error.name : 'invalid'}), so no catalog was contacted: ` +
        'write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE, with special characters in the password percent-encoded.');
}
/**
 * One sentence for the user: what failed, why, what to do. `what` is the operation ('connect' while
 * opening); firstFault is the first of several transient faults, when retries were spent.
 */
function explain(error, server, what, firstFault) {
    if (error instanceof errors/* BfxError */.J)
        return error;
    const code = codeOf(error) ?? '';
    const message = messageOf(error);
    const at = `the PostgreSQL server at ${server.host}:${server.port}`;
    const catalog = `the PostgreSQL catalog ${server.location}`;
    const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
    const sentence = (text) => new errors/* BfxError */.J(text.charAt(0).toUpperCase() + text.slice(1));
    const connecting = what === 'connect';
    const outcome = connecting ? 'so no catalog was contacted' : `so bfx could not ${what}`;
    switch (code) {
        case '28P01':
            return sentence(`${at} refused the password of user "${server.user}" (28P01 password authentication failed), ${outcome}: ` +
                'check the user name and password in the connection string.');
        case '28000':
            return sentence(`${at} does not let user "${server.user}" connect to database "${server.database}" from here (28000: ${message}), ${outcome}: ` +
                'check the user name, or ask the DBA to allow it in pg_hba.conf.');
        case '3D000':
            return sentence(`the database "${server.database}" does not exist on ${at} (3D000), ${outcome}: ` +
                `create it (CREATE DATABASE ${server.database}) or fix the database name in the connection string.`);
        case '42501':
            return sentence(`user "${server.user}" lacks a permission the catalog ${server.location} needs (42501: ${message}), ${outcome}: ` +
                'grant it (see the PostgreSQL permissions in the README), or have a DBA deploy the catalog with `bfx migrate`.');
        case '55P03':
            return sentence(`a lock in ${catalog} stayed held by another session for longer than the request timeout of ${seconds(server.requestTimeoutMs)} ` +
                `(55P03 lock timeout), ${outcome} and nothing was changed: wait for the other run of the package to finish, or raise request-timeout.`);
        case '57014':
            return sentence(`${catalog} did not finish a request within the request timeout of ${seconds(server.requestTimeoutMs)} ` +
                `(57014 ${message}), ${outcome} and nothing was changed: check the server's load, or raise request-timeout.`);
        case '53300':
            return sentence(`${at} has no free connection (53300 too many connections), ${outcome}: raise max_connections, use a pooler, or run fewer jobs at once.`);
        case '57P03':
            return sentence(`${at} is not accepting connections yet (57P03: ${message}), ${outcome}: wait for it to finish starting or recovering, then rerun.`);
    }
    if (code === '08P01' && /startup parameter/i.test(message)) {
        return sentence(`${at} (or a pooler in front of it) refused a setting of the connection string (08P01: ${message}), ${outcome}: ` +
            "remove that parameter from the connection string, or add it to the pooler's ignore_startup_parameters.");
    }
    if (/does not support SSL/i.test(message)) {
        return sentence(`${at} does not accept SSL connections and the connection string asks for SSL (sslmode or ssl), ${outcome}: ` +
            'enable SSL on the server, or use sslmode=disable on a network you trust.');
    }
    if (/CERT|certificate|self.signed|altname/i.test(`${code} ${message}`)) {
        return sentence(`${at} presented a TLS certificate bfx could not verify (${code || message}), ${outcome}: ` +
            "give the server's CA with sslrootcert=PATH, or use sslmode=no-verify to encrypt without verifying.");
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        return sentence(`the PostgreSQL host "${server.host}" could not be found (${code}), ${outcome}: check the host name in the connection string.`);
    }
    if (connecting && code === 'ECONNREFUSED') {
        return sentence(`${at} refused the connection (ECONNREFUSED: no server is listening there), ${outcome}: ` +
            'check the host and port in the connection string, and that the server is running.');
    }
    if (connecting &&
        (/timeout expired|connection timeout/i.test(message) || ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))) {
        return sentence(`${at} did not answer within the connect timeout of ${seconds(server.connectTimeoutMs)} (${code || message}), ${outcome}: ` +
            'check the host, the port and any firewall in between, or raise connect-timeout.');
    }
    if (/Query read timeout/i.test(message)) {
        return sentence(`${at} stopped answering for longer than the request timeout of ${seconds(server.requestTimeoutMs)}, ${outcome}, ` +
            'and whether the last change was committed is unknown: check the server, then rerun (a rerun with the same run key returns the same execution).');
    }
    if (isConnectionLoss(error) || TRANSIENT_CODES.has(code)) {
        const cause = (fault) => {
            const faultCode = codeOf(fault);
            if (faultCode && /^E[A-Z]+$/.test(faultCode))
                return faultCode;
            return faultCode ? `${faultCode}: ${messageOf(fault)}` : messageOf(fault);
        };
        const first = firstFault ?? error;
        const still = cause(error) === cause(first) ? '' : `, then ${cause(error)}`;
        const attempts = retry/* DEFAULT_RETRY_POLICY */.cO.attempts;
        if (!isConnectionLoss(first)) {
            return sentence(`${catalog} failed to ${what} ${attempts} times in a row with a transient error (${cause(first)}${still}), so bfx gave up: ` +
                "rerun the step (a rerun with the same run key returns the same execution), and check the server's load if it keeps happening.");
        }
        return sentence(`${at} went away while bfx tried to ${what} (${cause(first)}${still}) and was not back after ${attempts} attempts, so bfx gave up: ` +
            'check that the server is running and reachable, then rerun (a rerun with the same run key returns the same execution).');
    }
    return error;
}

;// CONCATENATED MODULE: ./src/catalog/postgres/schema.ts
/**
 * The PostgreSQL catalog's tables: bfx.Package and bfx.Execution (docs/catalog.md), with the
 * column names of the column map in catalog.ts. The identifiers are unquoted, so PostgreSQL folds
 * them to lower case and users can write them in any case (SELECT ExecutionStatus FROM
 * bfx.Execution). The statements that read and write them are in queries.ts.
 */
/** The catalog server's clock, in UTC, as a timestamp without time zone. */
const UTC_NOW = `(now() at time zone 'utc')`;
/** pg_advisory_xact_lock key serializing migrations: 'bfx_migr' in ASCII. */
const MIGRATE_LOCK_KEY = '7090165577455085426';
/** The catalog's objects as pg_class names them (lower case): what exists() and migrate() look for. */
const TABLES = ['package', 'execution'];
const INDEXES = [
    'ux_package_packagename',
    'ix_execution_package_runkey',
    'ix_execution_package_latest',
    'ux_execution_package_active',
];
/**
 * Every statement is IF NOT EXISTS: migrate runs them under an advisory lock, and again is a no-op.
 * The schema is created only when missing (CREATE SCHEMA IF NOT EXISTS would still ask for CREATE
 * on the database), so a user with CREATE on a schema bfx that a DBA made can create the tables.
 */
const SCHEMA = `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'bfx') THEN CREATE SCHEMA bfx; END IF;
END $$;
CREATE TABLE IF NOT EXISTS bfx.Package (
  PackageID    integer      GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageName  varchar(500) NOT NULL,
  IsEnabled    boolean      NOT NULL DEFAULT true,
  RetryLimit   integer      NULL CHECK (RetryLimit >= 0),
  CreatedTime  timestamp    NOT NULL DEFAULT ${UTC_NOW},
  CONSTRAINT UX_Package_PackageName UNIQUE (PackageName)
);
CREATE TABLE IF NOT EXISTS bfx.Execution (
  ExecutionID       bigint    GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageID         integer   NOT NULL REFERENCES bfx.Package (PackageID),
  ParentExecutionID bigint    NULL,
  ExecutionStatus   char(1)   NOT NULL CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    char(1)   NOT NULL CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        integer   NOT NULL DEFAULT 0,
  StartTime         timestamp NOT NULL DEFAULT ${UTC_NOW},
  EndTime           timestamp NULL,
  RunKey            text      NULL,
  ErrorMessage      text      NULL,
  Repository        text      NULL,
  Workflow          text      NULL,
  Job               text      NULL,
  RunId             text      NULL,
  RunAttempt        text      NULL,
  Actor             text      NULL,
  EventName         text      NULL,
  CommitSha         text      NULL
);
CREATE INDEX IF NOT EXISTS IX_Execution_Package_RunKey ON bfx.Execution (PackageID, RunKey);
CREATE INDEX IF NOT EXISTS IX_Execution_Package_Latest ON bfx.Execution (PackageID, ExecutionID);
CREATE UNIQUE INDEX IF NOT EXISTS UX_Execution_Package_Active ON bfx.Execution (PackageID) WHERE EndTime IS NULL;
`;

;// CONCATENATED MODULE: ./src/catalog/postgres/queries.ts
/**
 * The PostgreSQL catalog's statements. Values are bound by name (@Column, the names of the column
 * map in catalog.ts); bind() turns the names into pg's $1..$n, so no statement depends on the
 * order of a values array written somewhere else.
 *
 * The reads and writes of a locked package find it through the transaction's lock key, by a
 * package-ID subquery (an InitPlan: one index probe), so they need no answer from an earlier
 * statement and can be pipelined behind the lock: by name (begin, operator commands) or through
 * one of its executions (end). Statuses are never written here: they come in as values.
 */



const compiled = new Map();
/** `... WHERE PackageName = @PackageName` with { PackageName } -> `... WHERE PackageName = $1` with [value]. */
function bind(sql, params) {
    let statement = compiled.get(sql);
    if (!statement) {
        const names = [];
        const text = sql.replace(/@([A-Za-z]\w*)/g, (_, name) => {
            if (!names.includes(name))
                names.push(name);
            return `$${names.indexOf(name) + 1}`;
        });
        statement = { text, names };
        compiled.set(sql, statement);
    }
    const values = statement.names.map((name) => {
        if (!(name in params))
            throw new Error(`No value was given for @${name} in: ${sql.trim().slice(0, 80)}`);
        return params[name];
    });
    return { text: statement.text, values };
}
/** PostgreSQL folds unquoted aliases to lower case: the camelCase field names are quoted. */
const quote = (field) => `"${field}"`;
const PACKAGE_LIST = (0,catalog_rows/* packageSelectList */.Bv)('p', quote);
const EXECUTION_LIST = (0,catalog_rows/* executionSelectList */.RW)(quote);
const EXECUTION = `SELECT ${EXECUTION_LIST} FROM bfx.Execution e JOIN bfx.Package p ON p.PackageID = e.PackageID`;
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
// ---- transactions --------------------------------------------------------------------------------
/**
 * The first statement of every transaction, sent as one simple query: READ COMMITTED whatever the
 * database's default (each statement sees the rows committed before it started, so a read
 * pipelined behind the lock sees every transaction that held the lock before), and the
 * server-side limits, set LOCAL so that they also hold behind a transaction-mode pooler (PgBouncer
 * refuses them as startup parameters): a lock wait or a slow statement ends with a clean rollback
 * and a clear code, and a runner that hangs mid-transaction cannot hold its package's lock for
 * ever. The statement limit has a second's headroom, so that a lock wait is reported as one.
 * Numbers only: nothing user-given reaches this text.
 */
function beginTransaction(requestTimeoutMs) {
    const ms = (value) => Math.max(1, Math.round(value));
    return [
        'BEGIN ISOLATION LEVEL READ COMMITTED',
        `SET LOCAL lock_timeout = ${ms(requestTimeoutMs)}`,
        `SET LOCAL statement_timeout = ${ms(requestTimeoutMs + 1000)}`,
        `SET LOCAL idle_in_transaction_session_timeout = ${ms(requestTimeoutMs)}`,
    ].join('; ');
}
const COMMIT = 'COMMIT';
const ROLLBACK = 'ROLLBACK';
const LOCKED_PACKAGE_ID = {
    name: `(SELECT PackageID FROM bfx.Package WHERE PackageName = @PackageName)`,
    execution: `(SELECT PackageID FROM bfx.Execution WHERE ExecutionID = @LockExecutionID)`,
};
/** One statement per lock key, the locked package's ID written in where `id` is used. */
const byKey = (statement) => ({
    name: statement(LOCKED_PACKAGE_ID.name),
    execution: statement(LOCKED_PACKAGE_ID.execution),
});
/**
 * Registers a new package (a begin's lock). The NOT EXISTS probe keeps an existing package from
 * drawing (and wasting) an identity value; ON CONFLICT covers two runs registering it at once: the
 * second waits for the first to commit, then does nothing.
 */
const REGISTER_PACKAGE = `
INSERT INTO bfx.Package (PackageName, RetryLimit)
SELECT @PackageName::varchar, @RetryLimit::integer
 WHERE NOT EXISTS (SELECT 1 FROM bfx.Package WHERE PackageName = @PackageName::varchar)
ON CONFLICT (PackageName) DO NOTHING`;
/**
 * The package's lock, held to COMMIT: every change to a package's executions (begin, end, enable,
 * disable, skip, resume, reset) queues here, on the same row. Returns the row as locked.
 */
const LOCK_PACKAGE = byKey((id) => `SELECT ${PACKAGE_LIST} FROM bfx.Package p WHERE p.PackageID = ${id} FOR UPDATE`);
// ---- reads of the locked package ----------------------------------------------------------------
const EXECUTION_WITH_RUN_KEY = byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`);
const ACTIVE_EXECUTION = byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.EndTime IS NULL LIMIT 1`);
const LATEST_EXECUTION = byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} ORDER BY e.ExecutionID DESC LIMIT 1`);
const EXECUTION_BY_ID = byKey((id) => `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = ${id}`);
// ---- writes of the locked package ---------------------------------------------------------------
const INSERT_EXECUTION = `
INSERT INTO bfx.Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
  ErrorMessage, RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended::boolean THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS "executionId"`;
/**
 * The guard of an update that must change exactly one row: 1 / count(*) over its RETURNING fails
 * with division_by_zero (22012) when it changed none, on the server, so the transaction is aborted
 * and the COMMIT pipelined behind it rolls everything back (faults.ts reads 22012 as the guard).
 */
const GUARD = `(SELECT 1 / count(*) AS one FROM changed) guard`;
/** Guarded: only an active execution of the locked package is taken over. */
const TAKE_OVER_EXECUTION = byKey((id) => `
WITH changed AS (
  UPDATE bfx.Execution
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
         RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
   WHERE ExecutionID = @ExecutionID AND PackageID = ${id} AND EndTime IS NULL
  RETURNING 1)
SELECT guard.one FROM ${GUARD}`);
/**
 * Guarded like the take-over. Returns the ended row. The LEFT JOIN keeps the guard's row, and its
 * ON clause uses the guard's value, so the planner can neither skip it nor drop it as unused.
 */
const FINISH_EXECUTION = byKey((id) => `
WITH changed AS (
  UPDATE bfx.Execution
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
         ErrorMessage = @ErrorMessage
   WHERE ExecutionID = @ExecutionID AND PackageID = ${id} AND EndTime IS NULL
  RETURNING *)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN bfx.Package p ON p.PackageID = e.PackageID) ON guard.one = 1`);
const SET_NEXT_LOAD_STATUS = byKey((id) => `
UPDATE bfx.Execution e SET NextLoadStatus = @NextLoadStatus
  FROM bfx.Package p
 WHERE e.ExecutionID = @ExecutionID AND e.PackageID = ${id} AND p.PackageID = e.PackageID
RETURNING ${EXECUTION_LIST}`);
const SET_ENABLED = byKey((id) => `UPDATE bfx.Package p SET IsEnabled = @IsEnabled WHERE p.PackageID = ${id} RETURNING ${PACKAGE_LIST}`);
// ---- outside any package's lock ----------------------------------------------------------------
/** How many of the catalog's tables and indexes are there (readable without any privilege). */
const COUNT_OBJECTS = `
SELECT count(*) FILTER (WHERE c.relkind IN ('r', 'p') AND c.relname = ANY (@Tables::text[]))::int AS "tables",
       count(*) FILTER (WHERE c.relkind = 'i' AND c.relname = ANY (@Indexes::text[]))::int AS "indexes"
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'bfx'`;
/**
 * Held to COMMIT by a migration: CREATE ... IF NOT EXISTS can still race in PostgreSQL (two
 * sessions both see nothing and both create), so concurrent migrations take turns.
 */
const MIGRATE_LOCK = `SELECT pg_advisory_xact_lock(@Key::bigint)`;
/** Status of one package (@PackageName) or of all (@PackageName null): three reads sent at once. */
const NAMED = (alias) => `(@PackageName::varchar IS NULL OR ${alias}.PackageName = @PackageName::varchar)`;
const STATUS_PACKAGES = `SELECT ${PACKAGE_LIST} FROM bfx.Package p WHERE ${NAMED('p')} ORDER BY p.PackageName`;
const STATUS_LATEST = `
SELECT x.* FROM bfx.Package k CROSS JOIN LATERAL (
  ${EXECUTION} WHERE e.PackageID = k.PackageID ORDER BY e.ExecutionID DESC LIMIT 1) x
 WHERE ${NAMED('k')}`;
const STATUS_ACTIVE = `${EXECUTION} WHERE e.EndTime IS NULL AND ${NAMED('p')}`;
const HISTORY = `${EXECUTION} WHERE e.PackageID = ${LOCKED_PACKAGE_ID.name} ORDER BY e.ExecutionID DESC LIMIT @Limit`;

;// CONCATENATED MODULE: ./src/catalog/postgres/engine.ts
/**
 * The PostgreSQL catalog on pg: connections, transactions and the package lock. Every transaction
 * is READ COMMITTED and locks its package's row (SELECT ... FOR UPDATE) before it reads anything,
 * so the changes to one package are applied one after another and different packages never wait
 * on each other. It locks, reads and writes; run-control.ts decides.
 *
 * Round trips: the client runs in pg's pipeline mode. transaction() sends BEGIN (with the SET
 * LOCAL limits), the registration of a begin's package and the lock without waiting for them, and
 * calls work in the same tick: the reads work makes at once go out in the same round trip. They
 * find the package through the lock key (queries.ts), not through an answer, and the server runs
 * pipelined statements in order, so each read starts after the lock is granted and sees every
 * transaction that held it before (READ COMMITTED takes a snapshot per statement). The writes and
 * the COMMIT that work issues together are the second round trip. A begin is therefore:
 *   1. BEGIN; SET LOCAL ...; register; lock; read package, re-entry, active, latest
 *   2. write(s); COMMIT
 * and an end likewise (lock through the execution; read it / finish it; COMMIT).
 *
 * When a pipelined statement fails, the server aborts the transaction, the statements behind it
 * fail with 25P02 and the COMMIT behind them rolls back: the transaction rejects with the first
 * statement that failed. Every promise handed out has a rejection handler, so none of those
 * followers is ever an unhandled rejection.
 *
 * Transient faults (serialization failure, deadlock, a dropped connection, a server restarting)
 * run the whole transaction again on a fresh connection (retry.ts); a retried begin re-enters by
 * run key (docs/decision.md).
 */








async function engine_open(connectionString, options) {
    const catalog = new PostgresCatalog(connectionString, options);
    await catalog.connectFirst();
    return catalog;
}
/** Attaches a no-op rejection handler (the caller still sees the rejection) and returns the promise. */
function quiet(promise) {
    promise.catch(() => undefined);
    return promise;
}
/**
 * Sends statements as one pipeline (one round trip) and waits for all of their answers. When one
 * fails, those after it may fail too (an aborted transaction), and the first error is thrown.
 */
async function pipeline(client, statements) {
    const settled = await Promise.allSettled(statements.map((statement) => client.query(statement)));
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed)
        throw failed.reason;
    return settled.map((outcome) => outcome.value);
}
/** ExecutionIDs are bigint: anything that is not one matches no row rather than failing the cast. */
const BIGINT_MAX = 9223372036854775807n;
const executionIdValue = (executionId) => /^\d{1,19}$/.test(executionId) && BigInt(executionId) <= BIGINT_MAX ? executionId : '-1';
const TIMESTAMP_OID = 1114;
/** timestamp without time zone, stored in UTC: '2025-01-02 03:04:05.678901' -> '2025-01-02T03:04:05.678901Z'. */
function utcTimestamp(value) {
    return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
}
/** Type parsers for this engine's clients only; pg's global parsers are left as they are. */
const TYPES = {
    getTypeParser: ((oid, format) => oid === TIMESTAMP_OID && format !== 'binary'
        ? utcTimestamp
        : esm/* default.types */.Ay.types.getTypeParser(oid, format)),
};
class PostgresCatalog {
    engine = 'postgres';
    location;
    server;
    config;
    beginTransaction;
    turns = new turns/* Turns */.P();
    client = null;
    /** Once the server has answered, a refused or dropped connection means it went away: retry. */
    everConnected = false;
    closed = false;
    constructor(connectionString, options) {
        this.config = {
            connectionString,
            connectionTimeoutMillis: options.connectTimeoutMs,
            // The server-side limits are set per transaction (q.beginTransaction); this client-side one
            // is only the backstop for a server that stops answering.
            query_timeout: options.requestTimeoutMs + 5000,
            fallback_application_name: 'bfx-begin',
            keepAlive: true,
            pipeline: true,
            types: TYPES,
        };
        this.beginTransaction = beginTransaction(options.requestTimeoutMs);
        let probe;
        try {
            probe = new esm/* default.Client */.Ay.Client(this.config);
        }
        catch (error) {
            throw unreadableConnectionString(error);
        }
        const host = probe.host || 'localhost';
        const port = probe.port || 5432;
        const database = probe.database || probe.user || '';
        this.location = `${host}:${port}/${database}`;
        this.server = {
            host,
            port,
            database,
            user: probe.user || '',
            location: this.location,
            connectTimeoutMs: options.connectTimeoutMs,
            requestTimeoutMs: options.requestTimeoutMs,
        };
    }
    /** Connects once at open, so that a wrong host, password or database fails at once and clearly. */
    async connectFirst() {
        try {
            await (0,retry/* retryTransient */.jh)(() => this.connection(), isTransientAtConnect);
        }
        catch (error) {
            throw explain(error, this.server, 'connect');
        }
    }
    async exists() {
        return this.unlocked('check the catalog', async (client) => {
            const [counts] = await pipeline(client, [bind(COUNT_OBJECTS, { Tables: TABLES, Indexes: INDEXES })]);
            return Number(counts.rows[0].tables) === TABLES.length;
        });
    }
    async migrate() {
        await this.unlocked('create the catalog', async (client) => {
            // Nothing to do when everything is there: a user without CREATE rights can run it too.
            const [counts] = await pipeline(client, [bind(COUNT_OBJECTS, { Tables: TABLES, Indexes: INDEXES })]);
            const row = counts.rows[0];
            if (Number(row.tables) === TABLES.length && Number(row.indexes) === INDEXES.length)
                return;
            for (let attempt = 1;; attempt++) {
                try {
                    await pipeline(client, [
                        { text: this.beginTransaction },
                        bind(MIGRATE_LOCK, { Key: MIGRATE_LOCK_KEY }),
                        { text: SCHEMA },
                        { text: COMMIT },
                    ]);
                    return;
                }
                catch (error) {
                    await this.rollback(client);
                    // A session whose catalog cache predates the other migration's commit may still trip
                    // over an object that now exists; a fresh transaction sees it and does nothing.
                    if (!isDuplicateObject(error) || attempt >= 3)
                        throw error;
                }
            }
        });
    }
    transaction(lock, what, work) {
        return this.retrying(what, () => this.inTransaction(lock, work));
    }
    async status(packageName) {
        return this.unlocked('read the status', async (client) => {
            const byName = { PackageName: packageName ?? null };
            const [found, latest, active] = await pipeline(client, [
                bind(STATUS_PACKAGES, byName),
                bind(STATUS_LATEST, byName),
                bind(STATUS_ACTIVE, byName),
            ]);
            const byPackage = (rows) => new Map(rows.map((raw) => [Number(raw.packageId), (0,catalog_rows/* toExecutionRow */.q$)(raw)]));
            const latestOf = byPackage(latest.rows);
            const activeOf = byPackage(active.rows);
            return found.rows.map(catalog_rows/* toPackageRow */.GK).map((pkg) => ({
                ...pkg,
                latest: latestOf.get(pkg.packageId) ?? null,
                active: activeOf.get(pkg.packageId) ?? null,
            }));
        });
    }
    async history(packageName, limit) {
        return this.unlocked('read the history', async (client) => {
            const [rows] = await pipeline(client, [bind(HISTORY, { PackageName: packageName, Limit: limit })]);
            return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
        });
    }
    async close() {
        this.closed = true;
        const client = this.client;
        this.client = null;
        if (client)
            await client.end().catch(() => undefined);
    }
    // ---- transactions and connections ----------------------------------------------------------
    /**
     * One transaction on one connection, pinned to it: if that connection is lost, the transaction is
     * gone with it, and the work fails (to be retried from the start) rather than going on, outside
     * any transaction, on a new connection. Work that returns without committing is committed then.
     */
    async inTransaction(lock, work) {
        const client = await this.connection();
        const tx = new PostgresTransaction(client, lock, this.beginTransaction);
        let result;
        try {
            result = await work(tx);
            await tx.commit();
        }
        catch (error) {
            // The first statement that failed is the cause; those behind it only say the transaction was aborted.
            const failed = await tx.firstFailure();
            // A COMMIT sent behind a failed statement has rolled back already.
            if (!tx.committing)
                await this.rollback(client);
            throw failed ? failed.reason : error;
        }
        // Work may have left a statement unawaited: a COMMIT behind its failure rolled back.
        const failed = await tx.firstFailure();
        if (failed)
            throw failed.reason;
        return result;
    }
    async rollback(client) {
        try {
            await client.query(ROLLBACK);
        }
        catch {
            this.drop(client);
        }
    }
    /** Statements outside any package's lock, each its own transaction, on the open connection. */
    unlocked(what, work) {
        return this.retrying(what, async () => work(await this.connection()));
    }
    /**
     * Runs work with retries on transient faults, each attempt taking its turn on this catalog (calls
     * made at once on one catalog would otherwise send statements into each other's transaction on
     * the shared connection); a failure is turned into one sentence for the user.
     */
    async retrying(what, work) {
        let firstFault;
        try {
            return await (0,retry/* retryTransient */.jh)(() => this.turns.run(work), (error) => {
                const transient = isTransient(error, this.everConnected);
                if (transient)
                    firstFault ??= error;
                // Whatever the fault, the next attempt starts on a connection with no open transaction.
                if (transient && isConnectionLoss(error) && this.client)
                    this.drop(this.client);
                return transient;
            });
        }
        catch (error) {
            throw explain(error, this.server, what, firstFault);
        }
    }
    drop(client) {
        if (this.client === client)
            this.client = null;
        client.end().catch(() => undefined);
    }
    /** The open connection, or a new one after the last was lost. */
    async connection() {
        if (this.closed)
            throw new Error('The catalog was closed.');
        if (this.client)
            return this.client;
        const client = new esm/* default.Client */.Ay.Client(this.config);
        // A connection lost while idle is reported as an event: forget it, the next call reconnects.
        client.on('error', () => this.drop(client));
        client.on('end', () => {
            if (this.client === client)
                this.client = null;
        });
        try {
            await client.connect();
        }
        catch (error) {
            client.end().catch(() => undefined);
            throw error;
        }
        this.everConnected = true;
        this.client = client;
        return client;
    }
}
/**
 * One package's transaction on a pipelined connection. Every call sends its statement at once and
 * returns a promise of its answer; nothing waits for an earlier answer, so the calls work makes in
 * one tick share a round trip. The constructor sends BEGIN, the registration (a begin's lock) and
 * the lock.
 */
class PostgresTransaction {
    client;
    /** Every statement sent, in order, so that the first failure can be found. */
    sent = [];
    key;
    keyParams;
    locked;
    committing;
    constructor(client, lock, beginTransaction) {
        this.client = client;
        if ('executionId' in lock) {
            this.key = 'execution';
            this.keyParams = { LockExecutionID: executionIdValue(lock.executionId) };
        }
        else {
            this.key = 'name';
            this.keyParams = { PackageName: lock.packageName };
        }
        // Their failures are recorded by send() and reported by firstFailure(): nothing awaits them here.
        void this.send({ text: beginTransaction });
        if (!('executionId' in lock) && lock.registerWithRetryLimit !== undefined) {
            void this.send(bind(REGISTER_PACKAGE, { PackageName: lock.packageName, RetryLimit: lock.registerWithRetryLimit }));
        }
        this.locked = quiet(this.send(bind(LOCK_PACKAGE[this.key], this.keyParams)).then(({ rows }) => rows[0] ? (0,catalog_rows/* toPackageRow */.GK)(rows[0]) : null));
    }
    /** Sends one statement now; its failure is recorded (guard failures as LockViolation). */
    send(statement, guardedExecutionId) {
        let answer = this.client.query(statement);
        if (guardedExecutionId !== undefined) {
            answer = answer.then((result) => {
                if (result.rows.length !== 1)
                    throw new catalog/* LockViolation */.RC(guardedExecutionId);
                return result;
            }, (error) => {
                throw isGuardFailure(error) ? new catalog/* LockViolation */.RC(guardedExecutionId) : error;
            });
        }
        this.sent.push(quiet(answer));
        return answer;
    }
    /** A statement of the locked package: its lock key's variant, with the key's values. */
    ofPackage(statement, params, guardedExecutionId) {
        return this.send(bind(statement[this.key], { ...this.keyParams, ...params }), guardedExecutionId);
    }
    row(statement, params = {}) {
        return quiet(this.ofPackage(statement, params).then(({ rows }) => (rows[0] ? (0,catalog_rows/* toExecutionRow */.q$)(rows[0]) : null)));
    }
    /** The first statement that failed, in the order they were sent, once all have been answered. */
    async firstFailure() {
        const settled = await Promise.allSettled(this.sent);
        return settled.find((outcome) => outcome.status === 'rejected');
    }
    package() {
        return this.locked;
    }
    executionWithRunKey(runKey) {
        return this.row(EXECUTION_WITH_RUN_KEY, { RunKey: runKey });
    }
    activeExecution() {
        return this.row(ACTIVE_EXECUTION);
    }
    latestExecution() {
        return this.row(LATEST_EXECUTION);
    }
    execution(executionId) {
        return this.row(EXECUTION_BY_ID, { ExecutionID: executionIdValue(executionId) });
    }
    insertExecution(execution) {
        const inserted = this.send(bind(INSERT_EXECUTION, {
            PackageID: execution.packageId,
            ParentExecutionID: execution.parentExecutionId === null ? null : executionIdValue(execution.parentExecutionId),
            ExecutionStatus: execution.executionStatus,
            NextLoadStatus: execution.nextLoadStatus,
            RetryCount: execution.retryCount,
            Ended: execution.ended,
            ErrorMessage: execution.errorMessage,
            RunKey: execution.runKey,
            ...(0,catalog_rows/* contextValues */.S3)(execution.context),
        }));
        return quiet(inserted.then(({ rows }) => ({ executionId: String(rows[0].executionId) })));
    }
    takeOverExecution(takeover) {
        const params = {
            ExecutionID: executionIdValue(takeover.executionId),
            ExecutionStatus: takeover.executionStatus,
            NextLoadStatus: takeover.nextLoadStatus,
            RetryCount: takeover.retryCount,
            RunKey: takeover.runKey,
            ...(0,catalog_rows/* contextValues */.S3)(takeover.context),
        };
        return quiet(this.ofPackage(TAKE_OVER_EXECUTION, params, takeover.executionId).then(() => undefined));
    }
    finishExecution(finish) {
        const params = {
            ExecutionID: executionIdValue(finish.executionId),
            ExecutionStatus: finish.executionStatus,
            NextLoadStatus: finish.nextLoadStatus,
            ErrorMessage: finish.errorMessage,
        };
        return quiet(this.ofPackage(FINISH_EXECUTION, params, finish.executionId).then(({ rows }) => (0,catalog_rows/* toExecutionRow */.q$)(rows[0])));
    }
    setNextLoadStatus(executionId, nextLoadStatus) {
        const params = { ExecutionID: executionIdValue(executionId), NextLoadStatus: nextLoadStatus };
        return quiet(this.ofPackage(SET_NEXT_LOAD_STATUS, params).then(({ rows }) => {
            if (!rows[0])
                throw new Error(`Execution ${executionId} is not an execution of the locked package.`);
            return (0,catalog_rows/* toExecutionRow */.q$)(rows[0]);
        }));
    }
    setEnabled(enabled) {
        return quiet(this.ofPackage(SET_ENABLED, { IsEnabled: enabled }).then(({ rows }) => rows[0] ? (0,catalog_rows/* toPackageRow */.GK)(rows[0]) : null));
    }
    commit() {
        this.committing ??= quiet(this.send({ text: COMMIT }).then(() => undefined));
        return this.committing;
    }
}


/***/ }),

/***/ 89017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IP: () => (/* binding */ fixedSchedule),
/* harmony export */   ST: () => (/* binding */ backoffSchedule),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   jh: () => (/* binding */ retryTransient),
/* harmony export */   pc: () => (/* binding */ retryOnSchedule),
/* harmony export */   x8: () => (/* binding */ budgetSchedule)
/* harmony export */ });
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
