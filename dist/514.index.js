export const id = 514;
export const ids = [514];
export const modules = {

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
// EXTERNAL MODULE: ./src/catalog/limits.ts
var limits = __webpack_require__(74999);
// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __webpack_require__(89017);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var catalog_rows = __webpack_require__(98422);
// EXTERNAL MODULE: ./src/catalog/shape.ts
var shape = __webpack_require__(62062);
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
    // A host that is a folder names a Unix socket: connecting finds no socket file there, or may not open it.
    if (connecting && ['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM'].includes(code)) {
        const socket = `${server.host.replace(/\/$/, '')}/.s.PGSQL.${server.port}`;
        return sentence(code === 'EACCES' || code === 'EPERM'
            ? `this user may not open the PostgreSQL socket ${socket} (${code}), ${outcome}: ` +
                "run bfx as a user in the socket's group, or connect over TCP with a host name instead."
            : `no PostgreSQL server listens on the socket ${socket} (${code}: there is no such socket file), ${outcome}: ` +
                'check the socket folder (the host) and the port in the connection string, and that the server runs on this machine.');
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
 * The PostgreSQL catalog's tables (docs/postgres.md), in a schema of the user's choosing (default
 * bfx), with the column names of the column maps in catalog.ts. The schema name is folded to lower
 * case, as PostgreSQL folds an unquoted one, and quoted; table and column names are unquoted, so
 * PostgreSQL folds them to lower case and users can write them in any case (SELECT ExecutionStatus
 * FROM bfx.Execution). The statements that read and write them are in queries.ts.
 *
 * VERSIONS is what each version of the catalog holds, for shape.ts to judge; STEPS is what each
 * version adds, object by object, for migrate() to create what is missing and say what it created.
 */



/** The catalog server's clock, in UTC, as a timestamp without time zone. */
const UTC_NOW = `(now() at time zone 'utc')`;
/** pg_advisory_xact_lock key serializing migrations: 'bfx_migr' in ASCII. */
const MIGRATE_LOCK_KEY = '7090165577455085426';
/** The schema as PostgreSQL stores it: an unquoted name folds to lower case, and so does this one. */
const schemaName = (schema) => schema.toLowerCase();
/** The schema as the statements write it: folded and quoted ("bfxgh"). The name is validated (letters, digits, _). */
const quotedSchema = (schema) => `"${schemaName(schema)}"`;
/** The tables of each version, for shape.ts: PostgreSQL stores every kind as itself. */
const VERSIONS = catalog/* TABLE_VERSIONS */.T3;
/** Every table name any version uses, as pg_class stores it (lower case): what inspect() reads. */
const TABLE_NAMES = [...new Set(VERSIONS.flat().map((shape) => shape.table.toLowerCase()))];
/** PostgreSQL type names (pg_type.typname) -> the kinds shape.ts judges; any other type is of no kind of ours. */
function typeKind(typeName) {
    switch (typeName) {
        case 'int2':
        case 'int4':
        case 'int8':
            return 'integer';
        case 'varchar':
        case 'bpchar':
        case 'text':
            return 'text';
        case 'bool':
            return 'boolean';
        case 'timestamp':
            return 'timestamp';
        default:
            return null;
    }
}
/** What migrate() reports: 'table Package', 'column Package.IsBatch', 'index IX_Execution_Parent'. */
function describeObject(object) {
    switch (object.kind) {
        case 'table':
            return `table ${object.table}`;
        case 'column':
            return `column ${object.table}.${object.column}`;
        case 'index':
            return `index ${object.index}`;
        case 'constraint':
            return `constraint ${object.constraint}`;
    }
}
/**
 * The objects each version adds, in the order they are created: STEPS(schema)[n - 1] takes a
 * catalog from version n - 1 to n. Every statement is also IF NOT EXISTS, a second line of defence
 * behind the advisory lock migrate() holds. The schema itself is created by SCHEMA, only when it
 * is missing.
 */
function steps(schema) {
    const s = quotedSchema(schema);
    return [
        [
            {
                kind: 'table',
                table: 'Package',
                sql: `
CREATE TABLE IF NOT EXISTS ${s}.Package (
  PackageID    integer      GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageName  varchar(${limits/* COLUMN_LENGTH */.ac.packageName}) NOT NULL,
  IsEnabled    boolean      NOT NULL DEFAULT true,
  RetryLimit   integer      NULL CHECK (RetryLimit >= 0),
  CreatedTime  timestamp    NOT NULL DEFAULT ${UTC_NOW},
  CONSTRAINT UX_Package_PackageName UNIQUE (PackageName)
)`,
            },
            {
                kind: 'table',
                table: 'Execution',
                sql: `
CREATE TABLE IF NOT EXISTS ${s}.Execution (
  ExecutionID       bigint    GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageID         integer   NOT NULL REFERENCES ${s}.Package (PackageID),
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
)`,
            },
            {
                kind: 'index',
                index: 'IX_Execution_Package_RunKey',
                sql: `CREATE INDEX IF NOT EXISTS IX_Execution_Package_RunKey ON ${s}.Execution (PackageID, RunKey)`,
            },
            {
                kind: 'index',
                index: 'IX_Execution_Package_Latest',
                sql: `CREATE INDEX IF NOT EXISTS IX_Execution_Package_Latest ON ${s}.Execution (PackageID, ExecutionID)`,
            },
            {
                kind: 'index',
                index: 'UX_Execution_Package_Active',
                sql: `CREATE UNIQUE INDEX IF NOT EXISTS UX_Execution_Package_Active ON ${s}.Execution (PackageID) WHERE EndTime IS NULL`,
            },
        ],
        [
            {
                kind: 'table',
                table: 'CatalogVersion',
                sql: `
CREATE TABLE IF NOT EXISTS ${s}.CatalogVersion (
  Version     integer   PRIMARY KEY,
  AppliedTime timestamp NOT NULL DEFAULT ${UTC_NOW}
)`,
            },
            {
                // A constant default: PostgreSQL adds the column without rewriting the table, and every
                // existing package reads false.
                kind: 'column',
                table: 'Package',
                column: 'IsBatch',
                sql: `ALTER TABLE ${s}.Package ADD COLUMN IF NOT EXISTS IsBatch boolean NOT NULL DEFAULT false`,
            },
            {
                kind: 'index',
                index: 'IX_Execution_Parent',
                sql: `CREATE INDEX IF NOT EXISTS IX_Execution_Parent ON ${s}.Execution (ParentExecutionID)`,
            },
            {
                kind: 'table',
                table: 'ConfigVariable',
                sql: `
CREATE TABLE IF NOT EXISTS ${s}.ConfigVariable (
  PackageID     integer      NOT NULL REFERENCES ${s}.Package (PackageID),
  VariableName  varchar(${limits/* COLUMN_LENGTH */.ac.variableName}) NOT NULL,
  VariableValue text         NOT NULL,
  PreviousValue text         NULL,
  ExecutionID   bigint       NULL,
  UpdatedTime   timestamp    NOT NULL,
  PRIMARY KEY (PackageID, VariableName)
)`,
            },
            {
                kind: 'table',
                table: 'RowCount',
                sql: `
CREATE TABLE IF NOT EXISTS ${s}.RowCount (
  ExecutionID bigint       NOT NULL REFERENCES ${s}.Execution (ExecutionID),
  ObjectName  varchar(${limits/* COLUMN_LENGTH */.ac.objectName}) NOT NULL,
  CountType   varchar(${limits/* COLUMN_LENGTH */.ac.countType}) NOT NULL,
  RowCount    bigint       NOT NULL CHECK (RowCount >= 0),
  PRIMARY KEY (ExecutionID, ObjectName, CountType)
)`,
            },
            {
                kind: 'table',
                table: 'AuditLog',
                sql: `
CREATE TABLE IF NOT EXISTS ${s}.AuditLog (
  AuditID     bigint       GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageID   integer      NOT NULL REFERENCES ${s}.Package (PackageID),
  ExecutionID bigint       NULL,
  Action      varchar(${limits/* COLUMN_LENGTH */.ac.action})  NOT NULL,
  Detail      text         NULL,
  Actor       varchar(${limits/* COLUMN_LENGTH */.ac.actor}) NULL,
  CreatedTime timestamp    NOT NULL DEFAULT ${UTC_NOW}
)`,
            },
            {
                kind: 'index',
                index: 'IX_AuditLog_Package',
                sql: `CREATE INDEX IF NOT EXISTS IX_AuditLog_Package ON ${s}.AuditLog (PackageID, AuditID)`,
            },
        ],
        // Version 3: the indexes of LastExecutionID, of the execution that ended last (the one a begin
        // follows) and of an execution's audit records, and the
        // checks of Execution (validated on every row as they are added: an upgrade refuses rows that
        // break them before it gets here).
        [
            {
                kind: 'index',
                index: 'IX_Execution_Package_Status',
                sql: `CREATE INDEX IF NOT EXISTS IX_Execution_Package_Status ON ${s}.Execution (PackageID, ExecutionStatus, ExecutionID)`,
            },
            {
                kind: 'index',
                index: 'IX_Execution_Package_Ended',
                sql: `CREATE INDEX IF NOT EXISTS IX_Execution_Package_Ended ON ${s}.Execution (PackageID, EndTime, ExecutionID)`,
            },
            {
                kind: 'index',
                index: 'IX_AuditLog_Execution',
                sql: `CREATE INDEX IF NOT EXISTS IX_AuditLog_Execution ON ${s}.AuditLog (ExecutionID, Action)`,
            },
            ...shape/* EXECUTION_CHECKS */.n8.map((check, i) => ({
                kind: 'constraint',
                constraint: CHECK_NAMES[i],
                sql: `ALTER TABLE ${s}.Execution ADD CONSTRAINT ${CHECK_NAMES[i]} CHECK (${check})`,
            })),
        ],
    ];
}
/** Version 3's CHECK constraints of Execution, in the order of EXECUTION_CHECKS. */
const CHECK_NAMES = ['CK_Execution_EndTime', 'CK_Execution_RetryCount'];
/** Every constraint name any version adds by name, as pg_constraint stores it: what migrate() looks for. */
const CONSTRAINT_NAMES = CHECK_NAMES.map((name) => name.toLowerCase());
/** Every index name any version creates, as pg_class stores it (lower case): what migrate() looks for. */
const INDEX_NAMES = steps('bfx')
    .flat()
    .flatMap((object) => (object.kind === 'index' ? [object.index.toLowerCase()] : []));
/**
 * Creates the schema only when it is missing: CREATE SCHEMA IF NOT EXISTS would still ask for
 * CREATE on the database, so a user with CREATE on a schema that a DBA made can migrate.
 */
function createSchema(schema) {
    return `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = '${schemaName(schema)}') THEN
    CREATE SCHEMA ${quotedSchema(schema)};
  END IF;
END $$`;
}

;// CONCATENATED MODULE: ./src/catalog/postgres/queries.ts
/**
 * The PostgreSQL catalog's statements. Values are bound by name (@Column, the names of the column
 * maps); bind() turns the names into pg's $1..$n, so no statement depends on the order of a values
 * array written somewhere else. The statements name the catalog's schema, so they are built once
 * per open catalog (queries(schema)), not per call.
 *
 * The reads and writes of a locked package find it through the transaction's lock key, by a
 * package-ID subquery (an InitPlan: one index probe), so they need no answer from an earlier
 * statement and can be pipelined behind the lock: by name (begin, operator commands) or through
 * one of its executions (end). Statuses, names and values are never written here: they come in
 * as values.
 */




const compiled = new Map();
/** `... WHERE PackageName = @PackageName` with { PackageName } -> `... WHERE PackageName = $1` with [value]. */
function bind(sql, params = {}) {
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
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
const VARIABLE_LIST = (0,catalog_rows/* selectList */.fr)('v', catalog/* VARIABLE_COLUMNS */.nl, quote);
const ROW_COUNT_LIST = (0,catalog_rows/* selectList */.fr)('r', catalog/* ROW_COUNT_COLUMNS */.Xs, quote);
const AUDIT_LIST = `${(0,catalog_rows/* selectList */.fr)('a', catalog/* AUDIT_COLUMNS */.kF, quote)}, p.PackageName AS ${quote('packageName')}`;
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
/** The report's reads: one snapshot, in which now() is the same for every statement. */
const BEGIN_REPORT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
const ROLLBACK = 'ROLLBACK';
/**
 * Held to COMMIT by a migration: CREATE ... IF NOT EXISTS can still race in PostgreSQL (two
 * sessions both see nothing and both create), so concurrent migrations take turns.
 */
const MIGRATE_LOCK = `SELECT pg_advisory_xact_lock(@Key::bigint)`;
/**
 * The guard of an update that must change exactly one row: 1 / count(*) over its RETURNING fails
 * with division_by_zero (22012) when it changed none, on the server, so the transaction is aborted
 * and the COMMIT pipelined behind it rolls everything back (faults.ts reads 22012 as the guard).
 */
const REPORT_SINCE = `(${UTC_NOW} - make_interval(mins => @Minutes::integer))`;
const GUARD = `(SELECT 1 / count(*) AS one FROM changed) guard`;
/** Every statement of a catalog in this schema. */
function queries(schema) {
    const s = quotedSchema(schema);
    const PACKAGE = `${s}.Package`;
    const EXECUTION_TABLE = `${s}.Execution`;
    const EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${EXECUTION_TABLE} e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID`;
    // ---- the lock ----------------------------------------------------------------------------------
    const LOCKED_PACKAGE_ID = {
        name: `(SELECT PackageID FROM ${PACKAGE} WHERE PackageName = @PackageName)`,
        execution: `(SELECT PackageID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockExecutionID)`,
    };
    /** The package of the parent execution: named by a begin (@LockParentExecutionID), or the locked execution's. */
    const PARENT_PACKAGE_ID = {
        name: `(SELECT PackageID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockParentExecutionID)`,
        execution: `(SELECT x.PackageID FROM ${EXECUTION_TABLE} x
     WHERE x.ExecutionID = (SELECT ParentExecutionID FROM ${EXECUTION_TABLE} WHERE ExecutionID = @LockExecutionID))`,
    };
    /** One statement per lock key, the locked package's ID written in where `id` is used. */
    const byKey = (statement) => ({
        name: statement(LOCKED_PACKAGE_ID.name, 'name'),
        execution: statement(LOCKED_PACKAGE_ID.execution, 'execution'),
    });
    /**
     * Executions of any package the transaction holds the lock of: its own, its parent's, and those
     * of lockPackages (@LockedPackageIDs, the IDs locked so far).
     */
    const inLockedPackage = (alias, id, key) => `(${alias}.PackageID IN (${id}, ${PARENT_PACKAGE_ID[key]}) OR ${alias}.PackageID = ANY (@LockedPackageIDs::integer[]))`;
    /** The package lock, one statement for every package: the row, FOR UPDATE, held to COMMIT. */
    const lockPackage = (id) => `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p WHERE p.PackageID = ${id} FOR UPDATE`;
    /** The catalog's clock @Minutes (or another parameter) minutes ago. */
    const minutesAgo = (parameter) => `(${UTC_NOW} - make_interval(mins => ${parameter}::integer))`;
    const FILTERED = `(@Since::integer IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
   AND (@Statuses::text[] IS NULL OR e.ExecutionStatus = ANY (@Statuses::text[]))`;
    /** What retention reads of an execution (operations.ts), @Minutes being the purge's age. */
    const STANDING = `
SELECT e.ExecutionID AS "executionId", e.ParentExecutionID AS "parentExecutionId", e.ExecutionStatus AS "executionStatus",
  e.EndTime IS NOT NULL AS "ended",
  e.StartTime < ${minutesAgo('@Minutes')} AS "old",
  e.ExecutionID = (SELECT x.ExecutionID FROM ${EXECUTION_TABLE} x WHERE x.PackageID = e.PackageID
                    ORDER BY x.ExecutionID DESC LIMIT 1) AS "latest",
  e.ExecutionID = (SELECT x.ExecutionID FROM ${EXECUTION_TABLE} x WHERE x.PackageID = e.PackageID AND x.EndTime IS NOT NULL
                    ORDER BY x.EndTime DESC, x.ExecutionID DESC LIMIT 1) AS "lastEnded",
  e.ExecutionID = (SELECT x.ExecutionID FROM ${EXECUTION_TABLE} x WHERE x.PackageID = e.PackageID
                      AND x.ExecutionStatus = e.ExecutionStatus ORDER BY x.ExecutionID DESC LIMIT 1) AS "latestOfItsStatus",
  EXISTS (SELECT 1 FROM ${s}.ConfigVariable v WHERE v.PackageID = e.PackageID AND v.ExecutionID = e.ExecutionID) AS "marksVariables"
FROM ${EXECUTION_TABLE} e`;
    const NAMED = (alias) => `(@PackageName::varchar IS NULL OR ${alias}.PackageName = @PackageName::varchar)`;
    return {
        /**
         * Registers a new package (a begin's lock). The NOT EXISTS probe keeps an existing package
         * from drawing (and wasting) an identity value; ON CONFLICT covers two runs registering it at
         * once: the second waits for the first to commit, then does nothing. An existing package is
         * left as it is.
         */
        REGISTER_PACKAGE: `
INSERT INTO ${PACKAGE} (PackageName, RetryLimit, IsBatch)
SELECT @PackageName::varchar, @RetryLimit::integer, @IsBatch::boolean
 WHERE NOT EXISTS (SELECT 1 FROM ${PACKAGE} WHERE PackageName = @PackageName::varchar)
ON CONFLICT (PackageName) DO NOTHING`,
        /**
         * The package's lock, held to COMMIT: every change to a package's executions (begin, end,
         * enable, disable, skip, resume, reset) queues here, on the same row. Returns the row as locked.
         */
        LOCK_PACKAGE: byKey(lockPackage),
        /** The same lock on the parent execution's package, taken first (nothing when there is no parent). */
        LOCK_PARENT_PACKAGE: byKey((_, key) => lockPackage(PARENT_PACKAGE_ID[key])),
        /** More packages' locks, after the transaction's own, in ascending PackageID order. */
        LOCK_PACKAGES: `
SELECT p.PackageID FROM ${PACKAGE} p WHERE p.PackageID = ANY (@PackageIDs::integer[]) ORDER BY p.PackageID FOR UPDATE`,
        // ---- reads of the locked package --------------------------------------------------------------
        EXECUTION_WITH_RUN_KEY: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`),
        ACTIVE_EXECUTION: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.EndTime IS NULL LIMIT 1`),
        LATEST_EXECUTION: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} ORDER BY e.ExecutionID DESC LIMIT 1`),
        LAST_ENDED_EXECUTION: byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.EndTime IS NOT NULL ORDER BY e.EndTime DESC, e.ExecutionID DESC LIMIT 1`),
        EXECUTION_BY_ID: byKey((id) => `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = ${id}`),
        LAST_EXECUTION_WITH_STATUS: byKey((id) => `
SELECT e.ExecutionID AS "executionId" FROM ${EXECUTION_TABLE} e
 WHERE e.PackageID = ${id} AND e.ExecutionStatus = @ExecutionStatus
   AND (@BeforeExecutionID::bigint IS NULL OR e.ExecutionID < @BeforeExecutionID::bigint)
 ORDER BY e.ExecutionID DESC LIMIT 1`),
        VARIABLES: byKey((id) => `SELECT ${VARIABLE_LIST} FROM ${s}.ConfigVariable v WHERE v.PackageID = ${id} ORDER BY v.VariableName`),
        /** The package's audit entries of one execution with one action, oldest first. */
        EXECUTION_AUDIT: byKey((id) => `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = ${id} AND a.ExecutionID = @ExecutionID::bigint AND a.Action = @Action::varchar
 ORDER BY a.AuditID`),
        // ---- reads of any package (under the lock, or not) ---------------------------------------------
        ANY_EXECUTION: `${EXECUTION} WHERE e.ExecutionID = @ExecutionID`,
        PARENT_OF: `${EXECUTION} WHERE e.ExecutionID = (SELECT x.ParentExecutionID FROM ${s}.Execution x WHERE x.ExecutionID = @ExecutionID)`,
        /** Oldest first. */
        CHILDREN: `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID`,
        AUDITED_EXECUTIONS: `
SELECT DISTINCT a.ExecutionID AS "executionId" FROM ${s}.AuditLog a
 WHERE a.ExecutionID = ANY (@ExecutionIDs::bigint[]) AND a.Action = ANY (@Actions::varchar[])`,
        // ---- writes of the locked package ---------------------------------------------------------------
        INSERT_EXECUTION: `
INSERT INTO ${EXECUTION_TABLE} (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
  ErrorMessage, RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended::boolean THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS "executionId"`,
        /** Guarded: only an active execution of the locked package is taken over. */
        TAKE_OVER_EXECUTION: byKey((id) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE}
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
         ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
   WHERE ExecutionID = @ExecutionID AND PackageID = ${id} AND EndTime IS NULL
  RETURNING 1)
SELECT guard.one FROM ${GUARD}`),
        /**
         * Guarded like the take-over: only an active execution of a locked package. Returns the ended
         * row. The LEFT JOIN keeps the guard's row, and its ON clause uses the guard's value, so the
         * planner can neither skip it nor drop it as unused.
         */
        FINISH_EXECUTION: byKey((id, key) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
         ErrorMessage = @ErrorMessage
   WHERE x.ExecutionID = @ExecutionID AND ${inLockedPackage('x', id, key)} AND x.EndTime IS NULL
  RETURNING x.*)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID) ON guard.one = 1`),
        /** Guarded: only an ended execution of a locked package whose status is still @EndedAs. */
        REFINISH_EXECUTION: byKey((id, key) => `
WITH changed AS (
  UPDATE ${EXECUTION_TABLE} x
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
         ErrorMessage = @ErrorMessage
   WHERE x.ExecutionID = @ExecutionID AND ${inLockedPackage('x', id, key)} AND x.EndTime IS NOT NULL
     AND x.ExecutionStatus = @EndedAs
  RETURNING x.*)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID) ON guard.one = 1`),
        SET_NEXT_LOAD_STATUS: byKey((id, key) => `
UPDATE ${EXECUTION_TABLE} e SET NextLoadStatus = @NextLoadStatus
  FROM ${PACKAGE} p
 WHERE e.ExecutionID = @ExecutionID AND ${inLockedPackage('e', id, key)} AND p.PackageID = e.PackageID
RETURNING ${EXECUTION_LIST}`),
        SET_NEXT_LOAD_STATUSES: byKey((id, key) => `
UPDATE ${EXECUTION_TABLE} e SET NextLoadStatus = @NextLoadStatus
 WHERE e.ExecutionID = ANY (@ExecutionIDs::bigint[]) AND ${inLockedPackage('e', id, key)}`),
        SET_ENABLED: byKey((id) => `UPDATE ${PACKAGE} p SET IsEnabled = @IsEnabled WHERE p.PackageID = ${id} RETURNING ${PACKAGE_LIST}`),
        MARK_BATCH: byKey((id) => `UPDATE ${PACKAGE} SET IsBatch = true WHERE PackageID = ${id}`),
        /** Adds the names the package does not have yet (@Names with @Values); the others are left as they are. */
        REGISTER_VARIABLES: byKey((id) => `
INSERT INTO ${s}.ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, v.name, v.value, NULL, NULL, ${UTC_NOW}
  FROM ${PACKAGE} p CROSS JOIN unnest(@Names::text[], @Values::text[]) AS v (name, value)
 WHERE p.PackageID = ${id}
ON CONFLICT (PackageID, VariableName) DO NOTHING`),
        /** Each value replaces the one before, which is kept as PreviousValue (null for a new name). */
        STORE_VARIABLES: byKey((id) => `
INSERT INTO ${s}.ConfigVariable AS c (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, v.name, v.value, NULL, @ExecutionID::bigint, ${UTC_NOW}
  FROM ${PACKAGE} p CROSS JOIN unnest(@Names::text[], @Values::text[]) AS v (name, value)
 WHERE p.PackageID = ${id}
ON CONFLICT (PackageID, VariableName) DO UPDATE
   SET PreviousValue = c.VariableValue, VariableValue = excluded.VariableValue,
       ExecutionID = excluded.ExecutionID, UpdatedTime = excluded.UpdatedTime`),
        /** A count for the same execution, object and type replaces the earlier one. */
        SAVE_ROW_COUNTS: `
INSERT INTO ${s}.RowCount AS r (ExecutionID, ObjectName, CountType, RowCount)
SELECT @ExecutionID::bigint, c.objectName, c.countType, c.rowCount
  FROM unnest(@ObjectNames::text[], @CountTypes::text[], @RowCounts::bigint[]) AS c (objectName, countType, rowCount)
ON CONFLICT (ExecutionID, ObjectName, CountType) DO UPDATE SET RowCount = excluded.RowCount`,
        RECORD_AUDIT: byKey((id) => `
INSERT INTO ${s}.AuditLog (PackageID, ExecutionID, Action, Detail, Actor)
SELECT p.PackageID, @ExecutionID::bigint, @Action, @Detail, @Actor FROM ${PACKAGE} p WHERE p.PackageID = ${id}`),
        // ---- outside any package's lock ----------------------------------------------------------------
        /**
         * What the schema holds, in one statement that needs no privilege on the tables but the
         * version's: the columns (name and type) of the tables that carry our names, those of their
         * columns an insert must fill (NOT NULL, no default), the objects of those names that are no
         * tables (a view, a sequence...), the indexes of ours that are there, and the highest
         * CatalogVersion. PostgreSQL resolves a statement's
         * tables before it runs it, so the version is read through query_to_xml (a query given as
         * text, run only when the table is there with an integer Version), and a catalog without
         * CatalogVersion (the first release's) reads null. Only lower-case column names count: our
         * statements name them unquoted, so a quoted "PackageID" is not the column they use.
         */
        INSPECT: `
SELECT
  (SELECT coalesce(json_agg(json_build_object('table', c.relname, 'column', coalesce(a.attname, ''), 'type', t.typname)), '[]')
     FROM pg_catalog.pg_class c
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_catalog.pg_attribute a
       ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attname = lower(a.attname)
     LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    WHERE n.nspname = @Schema AND c.relname = ANY (@Tables::text[]) AND c.relkind IN ('r', 'p')) AS "columns",
  (SELECT coalesce(json_agg(json_build_object('table', c.relname, 'column', a.attname)), '[]')
     FROM pg_catalog.pg_class c
     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = @Schema AND c.relname = ANY (@Tables::text[]) AND c.relkind IN ('r', 'p')
      AND a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '') AS "required",
  (SELECT coalesce(json_agg(json_build_object('name', c.relname, 'kind', c.relkind)), '[]')
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = @Schema AND c.relname = ANY (@Tables::text[]) AND c.relkind NOT IN ('r', 'p')) AS "others",
  (SELECT coalesce(array_agg(c.relname::text), '{}')
     FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = @Schema AND c.relkind = 'i' AND c.relname = ANY (@Indexes::text[])) AS "indexes",
  (SELECT coalesce(array_agg(con.conname::text), '{}')
     FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_namespace n ON n.oid = con.connamespace
    WHERE n.nspname = @Schema AND con.conname = ANY (@Constraints::text[])) AS "constraints",
  (SELECT CASE WHEN EXISTS (
            SELECT 1 FROM pg_catalog.pg_attribute a
             WHERE a.attrelid = to_regclass(@VersionTable) AND a.attname = 'version' AND NOT a.attisdropped
               AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype))
          THEN substring(query_to_xml(@VersionQuery, false, true, '')::text FROM '<v>(-?[0-9]+)</v>')::bigint
          END) AS "version"`,
        inspectParams: {
            Schema: schemaName(schema),
            Tables: TABLE_NAMES,
            Indexes: INDEX_NAMES,
            Constraints: CONSTRAINT_NAMES,
            VersionTable: `${s}.catalogversion`,
            VersionQuery: `SELECT max(Version) AS v FROM ${s}.CatalogVersion`,
        },
        /** The catalog's highest ExecutionID (how many executions it has recorded), and the executions version 3's checks refuse. */
        UPGRADE_SIZE: `
SELECT (SELECT max(ExecutionID) FROM ${EXECUTION_TABLE}) AS "executions",
       (SELECT count(*) FROM ${EXECUTION_TABLE} WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS "unchecked",
       (SELECT min(ExecutionID) FROM ${EXECUTION_TABLE} WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS "firstUnchecked"`,
        /** The CatalogVersion rows of the versions a migration applied (@Versions). */
        RECORD_VERSIONS: `
INSERT INTO ${s}.CatalogVersion (Version) SELECT unnest(@Versions::integer[]) ON CONFLICT (Version) DO NOTHING`,
        /** Status of one package (@PackageName) or of all (@PackageName null): three reads sent at once. */
        STATUS_PACKAGES: `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p WHERE ${NAMED('p')} ORDER BY p.PackageName`,
        /** Each package's latest execution, with the package of the batch execution it ran under. */
        STATUS_LATEST: `
SELECT x.* FROM ${PACKAGE} k CROSS JOIN LATERAL (
  SELECT ${EXECUTION_LIST}, bp.PackageName AS "batchPackageName"
    FROM ${EXECUTION_TABLE} e JOIN ${PACKAGE} p ON p.PackageID = e.PackageID
    LEFT JOIN ${EXECUTION_TABLE} pe ON pe.ExecutionID = e.ParentExecutionID
    LEFT JOIN ${PACKAGE} bp ON bp.PackageID = pe.PackageID
   WHERE e.PackageID = k.PackageID ORDER BY e.ExecutionID DESC LIMIT 1) x
 WHERE ${NAMED('k')}`,
        STATUS_ACTIVE: `${EXECUTION} WHERE e.EndTime IS NULL AND ${NAMED('p')}`,
        HISTORY: `${EXECUTION} WHERE e.PackageID = ${LOCKED_PACKAGE_ID.name} ORDER BY e.ExecutionID DESC LIMIT @Limit`,
        /** The package's variables; no row at all when there is no such package, one row of nulls when it has none. */
        PACKAGE_VARIABLES: `
SELECT p.PackageID AS "packageId", ${VARIABLE_LIST}
  FROM ${PACKAGE} p LEFT JOIN ${s}.ConfigVariable v ON v.PackageID = p.PackageID
 WHERE p.PackageName = @PackageName
 ORDER BY v.VariableName`,
        ROW_COUNTS: `
SELECT ${ROW_COUNT_LIST} FROM ${s}.RowCount r
 WHERE r.ExecutionID = ANY (@ExecutionIDs::bigint[])
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType`,
        // ---- the report: a fixed number of reads over every package, whatever their number ----------
        // Sent together in one REPEATABLE READ transaction (BEGIN_REPORT), so that every statement
        // sees one snapshot and one now(): the window starts @Minutes before it.
        REPORT_CLOCK: `SELECT ${UTC_NOW} AS now, ${REPORT_SINCE} AS since`,
        REPORT_PACKAGES: `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p ORDER BY p.PackageName`,
        /**
         * The window's executions and those that tell where each package stands: its latest, its
         * active one, its latest with @Succeeded, and the batch executions the window's children ran under.
         */
        REPORT_EXECUTIONS: `
${EXECUTION}
 WHERE e.StartTime >= ${REPORT_SINCE} OR e.EndTime IS NULL
    OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM ${EXECUTION_TABLE} x GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM ${EXECUTION_TABLE} x WHERE x.ExecutionStatus = @Succeeded GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM ${EXECUTION_TABLE} x WHERE x.StartTime >= ${REPORT_SINCE})
 ORDER BY e.ExecutionID`,
        REPORT_ROW_COUNTS: `
SELECT ${ROW_COUNT_LIST} FROM ${s}.RowCount r JOIN ${EXECUTION_TABLE} e ON e.ExecutionID = r.ExecutionID
 WHERE e.StartTime >= ${REPORT_SINCE}
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType`,
        REPORT_AUDIT: `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE a.CreatedTime >= ${REPORT_SINCE}
 ORDER BY a.AuditID`,
        // ---- listings, retention, rename and delete ---------------------------------------------------
        NOW: `SELECT ${UTC_NOW} AS "now"`,
        /** @Since (minutes) and @Statuses are null for no filter. */
        FILTERED_HISTORY: `${EXECUTION} WHERE e.PackageID = ${LOCKED_PACKAGE_ID.name} AND ${FILTERED}
 ORDER BY e.ExecutionID DESC LIMIT @Limit`,
        RUNS: `${EXECUTION} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC LIMIT @Limit`,
        /** Any package by name (@OtherName: the lock's own name is @PackageName). */
        PACKAGE_NAMED: `SELECT ${PACKAGE_LIST} FROM ${PACKAGE} p WHERE p.PackageName = @OtherName::varchar`,
        RENAME_PACKAGE: byKey((id) => `UPDATE ${PACKAGE} p SET PackageName = @NewName::varchar WHERE p.PackageID = ${id} RETURNING ${PACKAGE_LIST}`),
        /** A whole package, children before parents; the executions' count is the fourth's answer. */
        DELETE_PACKAGE: [
            byKey((id) => `DELETE FROM ${s}.RowCount WHERE ExecutionID IN (SELECT ExecutionID FROM ${EXECUTION_TABLE} WHERE PackageID = ${id})`),
            byKey((id) => `DELETE FROM ${s}.AuditLog WHERE PackageID = ${id}`),
            byKey((id) => `DELETE FROM ${s}.ConfigVariable WHERE PackageID = ${id}`),
            byKey((id) => `WITH gone AS (DELETE FROM ${EXECUTION_TABLE} WHERE PackageID = ${id} RETURNING 1)
SELECT count(*)::integer AS "count" FROM gone`),
            byKey((id) => `DELETE FROM ${PACKAGE} WHERE PackageID = ${id}`),
        ],
        /** @After is null for the first page. */
        PURGE_CANDIDATES: byKey((id) => `${STANDING}
 WHERE e.PackageID = ${id} AND e.StartTime < ${minutesAgo('@Minutes')}
   AND (@After::bigint IS NULL OR e.ExecutionID > @After::bigint)
 ORDER BY e.ExecutionID LIMIT @Limit`),
        STANDINGS: `${STANDING} WHERE e.ExecutionID = ANY (@ExecutionIDs::bigint[])`,
        CHILD_STANDINGS: `${STANDING} WHERE e.ParentExecutionID = ANY (@ExecutionIDs::bigint[])`,
        /** Of the locked package only: the row counts, audit entries and rows of these executions. */
        DELETE_EXECUTIONS: [
            byKey((id) => `DELETE FROM ${s}.RowCount WHERE ExecutionID IN (
  SELECT ExecutionID FROM ${EXECUTION_TABLE} WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[]))`),
            byKey((id) => `DELETE FROM ${s}.AuditLog WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[])`),
            byKey((id) => `WITH gone AS (
  DELETE FROM ${EXECUTION_TABLE} WHERE PackageID = ${id} AND ExecutionID = ANY (@ExecutionIDs::bigint[]) RETURNING 1)
SELECT count(*)::integer AS "count" FROM gone`),
        ],
        DELETE_OLD_AUDIT: byKey((id) => `WITH gone AS (
  DELETE FROM ${s}.AuditLog WHERE AuditID IN (
    SELECT a.AuditID FROM ${s}.AuditLog a
     WHERE a.PackageID = ${id} AND a.CreatedTime < ${minutesAgo('@Minutes')}
       AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM ${EXECUTION_TABLE} x WHERE x.ExecutionID = a.ExecutionID))
     ORDER BY a.AuditID LIMIT @Limit)
  RETURNING 1)
SELECT count(*)::integer AS "count" FROM gone`),
        /** Newest first. */
        AUDIT: `
SELECT ${AUDIT_LIST} FROM ${s}.AuditLog a JOIN ${PACKAGE} p ON p.PackageID = a.PackageID
 WHERE p.PackageName = @PackageName
 ORDER BY a.AuditID DESC LIMIT @Limit`,
    };
}

;// CONCATENATED MODULE: ./src/catalog/postgres/engine.ts
/**
 * The PostgreSQL catalog on pg: connections, transactions and the package lock. Every transaction
 * is READ COMMITTED and locks its package's row (SELECT ... FOR UPDATE) before it reads anything,
 * so the changes to one package are applied one after another and different packages never wait
 * on each other. A batch's package is locked before its children's: a child's begin (by name,
 * naming its parent execution) and any lock through an execution that has a parent first lock the
 * parent execution's package with the same statement, and lockPackages() takes further packages
 * after those, in ascending PackageID order. It locks, reads and writes; run-control.ts decides.
 *
 * Round trips: the client runs in pg's pipeline mode. transaction() sends BEGIN (with the SET
 * LOCAL limits), the parent's lock, the registration of a begin's package and the lock without
 * waiting for them, and calls work in the same tick: the reads work makes at once go out in the
 * same round trip. They find the package through the lock key (queries.ts), not through an
 * answer, and the server runs pipelined statements in order, so each read starts after the locks
 * are granted and sees every transaction that held them before (READ COMMITTED takes a snapshot
 * per statement). The writes and the COMMIT that work issues together are the second round trip.
 * A begin, a child's included, is therefore:
 *   1. BEGIN; SET LOCAL ...; lock the parent's package; register; lock; read package, re-entry, active, latest
 *   2. write(s); COMMIT
 * and an end likewise (lock the parent's package and the package through the execution; read it;
 * then finish it and COMMIT).
 *
 * When a pipelined statement fails, the server aborts the transaction, the statements behind it
 * fail with 25P02 and the COMMIT behind them rolls back: the transaction rejects with the first
 * statement that failed. Every promise handed out has a rejection handler, so none of those
 * followers is ever an unhandled rejection.
 *
 * The tables live in the schema of OpenOptions.schema (default bfx), folded to lower case and
 * quoted; the statements are built for it once, when the catalog is opened (queries.ts).
 * inspect() reads what the schema holds in one statement; migrate() creates what is missing in
 * one transaction under an advisory lock (schema.ts).
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
const executionIdValue = (executionId) => /^\d{1,19}$/.test(executionId) && BigInt(executionId) <= limits/* MAX_BIGINT */.Fm ? executionId : '-1';
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
/** The last value given for each name (a statement may not change one row twice). */
function lastByName(values) {
    return [...new Map(values.map((value) => [value.name, value])).values()];
}
class PostgresCatalog {
    engine = 'postgres';
    location;
    server;
    config;
    beginTransaction;
    schema;
    sql;
    /** What each version adds (schema.ts), for this schema. */
    steps;
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
        this.schema = schemaName(options.schema ?? catalog/* DEFAULT_CATALOG_SCHEMA */._S);
        this.sql = queries(this.schema);
        this.steps = steps(this.schema);
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
    async inspect() {
        return this.unlocked('read the catalog tables', async (client) => {
            const [found] = await pipeline(client, [bind(this.sql.INSPECT, this.sql.inspectParams)]);
            return this.judge(inspection(found.rows[0])).state;
        });
    }
    /**
     * In one transaction under the advisory lock: inspect again, refuse what shape.ts refuses, then
     * create what the versions after the catalog's add and is missing, and record those versions.
     * When everything is there, only the inspection runs: a user without CREATE rights can run it.
     */
    async migrate(options = {}) {
        return this.unlocked('migrate the catalog', async (client) => {
            for (let attempt = 1;; attempt++) {
                try {
                    const [, , found] = await pipeline(client, [
                        { text: this.beginTransaction },
                        bind(MIGRATE_LOCK, { Key: MIGRATE_LOCK_KEY }),
                        bind(this.sql.INSPECT, this.sql.inspectParams),
                    ]);
                    const { state, present } = this.judge(inspection(found.rows[0]));
                    const from = state.kind === 'empty' ? 0 : state.version;
                    if (from > 0 && from < catalog/* CATALOG_VERSION */.$i) {
                        const [size] = await pipeline(client, [{ text: this.sql.UPGRADE_SIZE }]);
                        const { executions, unchecked, firstUnchecked } = size.rows[0];
                        const where = this.where;
                        const refused = (0,shape/* refuseLargeUpgrade */.__)(where, from, catalog/* CATALOG_VERSION */.$i, Number(executions ?? 0), options.maxExecutions) ??
                            (from < 3
                                ? (0,shape/* refuseUncheckedExecutions */.cb)(where, `${this.schema}.Execution`, Number(unchecked), typeof firstUnchecked === 'string' || typeof firstUnchecked === 'number'
                                    ? String(firstUnchecked)
                                    : null)
                                : undefined);
                        if (refused)
                            throw refused;
                    }
                    const missing = this.steps
                        .slice(from)
                        .flat()
                        .filter((object) => !present(object));
                    const applied = Array.from({ length: catalog/* CATALOG_VERSION */.$i - from }, (_, i) => from + i + 1);
                    await pipeline(client, [
                        ...(from === 0 ? [{ text: createSchema(this.schema) }] : []),
                        ...missing.map((object) => ({ text: object.sql })),
                        ...(applied.length > 0 ? [bind(this.sql.RECORD_VERSIONS, { Versions: applied })] : []),
                        { text: COMMIT },
                    ]);
                    return { from, to: catalog/* CATALOG_VERSION */.$i, created: missing.map(describeObject) };
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
    /** shape.ts's verdict on an inspection, and which objects of ours it found. */
    /** Where the catalog is, for shape.ts's sentences. */
    get where() {
        return `schema ${this.schema} of the PostgreSQL catalog ${this.location}`;
    }
    judge(found) {
        const state = (0,shape/* judgeCatalog */.HO)(found, VERSIONS, this.where, 'choose another catalog-schema (or the schema parameter of the connection string) for the bfx-begin tables.');
        const columns = new Set(found.columns.map((c) => `${c.table.toLowerCase()}.${c.column.toLowerCase()}`));
        const tables = new Set(found.columns.map((c) => c.table.toLowerCase()));
        const indexes = new Set(found.indexes.map((index) => index.toLowerCase()));
        const constraints = new Set(found.constraints.map((constraint) => constraint.toLowerCase()));
        const present = (object) => {
            switch (object.kind) {
                case 'table':
                    return tables.has(object.table.toLowerCase());
                case 'column':
                    return columns.has(`${object.table.toLowerCase()}.${object.column.toLowerCase()}`);
                case 'index':
                    return indexes.has(object.index.toLowerCase());
                case 'constraint':
                    return constraints.has(object.constraint.toLowerCase());
            }
        };
        return { state, present };
    }
    transaction(lock, what, work) {
        return this.retrying(what, () => this.inTransaction(lock, work));
    }
    async status(packageName) {
        return this.unlocked('read the status', async (client) => {
            const byName = { PackageName: packageName ?? null };
            const [found, latest, active] = await pipeline(client, [
                bind(this.sql.STATUS_PACKAGES, byName),
                bind(this.sql.STATUS_LATEST, byName),
                bind(this.sql.STATUS_ACTIVE, byName),
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
        });
    }
    async history(packageName, limit, filter = {}) {
        const unfiltered = filter.sinceMinutes === undefined && filter.statuses === undefined;
        return this.unlocked('read the history', async (client) => {
            const [rows] = await pipeline(client, [
                unfiltered
                    ? bind(this.sql.HISTORY, { PackageName: packageName, Limit: limit })
                    : bind(this.sql.FILTERED_HISTORY, { PackageName: packageName, Limit: limit, ...filterValues(filter) }),
            ]);
            return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
        });
    }
    async runs(filter, limit) {
        return this.unlocked('read the runs', async (client) => {
            const [rows] = await pipeline(client, [bind(this.sql.RUNS, { Limit: limit, ...filterValues(filter) })]);
            return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
        });
    }
    async now() {
        return this.unlocked("read the catalog's clock", async (client) => {
            const [rows] = await pipeline(client, [{ text: this.sql.NOW }]);
            return String(rows.rows[0].now);
        });
    }
    async children(parentExecutionId) {
        return this.unlocked('read the children of a batch execution', async (client) => {
            const [rows] = await pipeline(client, [
                bind(this.sql.CHILDREN, { ParentExecutionID: executionIdValue(parentExecutionId) }),
            ]);
            return rows.rows.map(catalog_rows/* toExecutionRow */.q$);
        });
    }
    async variables(packageName) {
        return this.unlocked('read the variables', async (client) => {
            const [rows] = await pipeline(client, [bind(this.sql.PACKAGE_VARIABLES, { PackageName: packageName })]);
            if (rows.rows.length === 0)
                return null;
            return rows.rows.filter((raw) => raw.name !== null).map(catalog_rows/* toVariable */.G2);
        });
    }
    async rowCounts(executionIds) {
        if (executionIds.length === 0)
            return [];
        return this.unlocked('read the row counts', async (client) => {
            const [rows] = await pipeline(client, [
                bind(this.sql.ROW_COUNTS, { ExecutionIDs: executionIds.map(executionIdValue) }),
            ]);
            return rows.rows.map(catalog_rows/* toStoredRowCount */.y8);
        });
    }
    async audit(packageName, limit) {
        return this.unlocked('read the audit log', async (client) => {
            const [rows] = await pipeline(client, [bind(this.sql.AUDIT, { PackageName: packageName, Limit: limit })]);
            return rows.rows.map(catalog_rows/* toAuditEntry */.BA);
        });
    }
    async reportSnapshot(windowMinutes) {
        return this.unlocked('read the catalog for the report', async (client) => {
            const window = { Minutes: windowMinutes };
            const sent = [
                { text: BEGIN_REPORT },
                bind(this.sql.REPORT_CLOCK, window),
                bind(this.sql.REPORT_PACKAGES),
                bind(this.sql.REPORT_EXECUTIONS, { ...window, Succeeded: catalog/* SUCCEEDED */.QQ }),
                bind(this.sql.REPORT_ROW_COUNTS, window),
                bind(this.sql.REPORT_AUDIT, window),
                { text: COMMIT },
            ];
            let results;
            try {
                results = await pipeline(client, sent);
            }
            catch (error) {
                await this.rollback(client);
                throw error;
            }
            const [, clock, packages, executions, rowCounts, audit] = results;
            return {
                now: String(clock.rows[0].now),
                since: String(clock.rows[0].since),
                packages: packages.rows.map(catalog_rows/* toPackageRow */.GK),
                executions: executions.rows.map(catalog_rows/* toExecutionRow */.q$),
                rowCounts: rowCounts.rows.map(catalog_rows/* toStoredRowCount */.y8),
                audit: audit.rows.map(catalog_rows/* toAuditEntry */.BA),
            };
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
        const tx = new PostgresTransaction(client, lock, this.beginTransaction, this.sql);
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
/** pg_class.relkind, in words, for an object of a table's name that is no table. */
const RELATION_KINDS = {
    v: 'view',
    m: 'materialized view',
    S: 'sequence',
    f: 'foreign table',
    i: 'index',
    I: 'partitioned index',
    c: 'composite type',
};
/** The row of q.INSPECT as shape.ts reads it, with the indexes of ours that are there. */
function inspection(raw) {
    const columns = raw.columns;
    const others = raw.others;
    return {
        columns: columns.map(({ table, column, type }) => ({ table, column, kind: typeKind(type) })),
        recordedVersion: raw.version === null || raw.version === undefined ? null : Number(raw.version),
        others: others.map(({ name, kind }) => ({ name, kind: RELATION_KINDS[kind] ?? 'relation' })),
        required: raw.required,
        indexes: raw.indexes,
        constraints: raw.constraints,
    };
}
/**
 * One package's transaction on a pipelined connection. Every call sends its statement at once and
 * returns a promise of its answer; nothing waits for an earlier answer, so the calls work makes in
 * one tick share a round trip. The constructor sends BEGIN, the lock of the parent execution's
 * package (a child's begin or end), the registration (a begin's lock) and the lock.
 */
class PostgresTransaction {
    client;
    sql;
    /** Every statement sent, in order, so that the first failure can be found. */
    sent = [];
    key;
    keyParams;
    locked;
    /** The packages locked by lockPackages so far: finish and the like may change their executions. */
    lockedPackageIds = [];
    committing;
    constructor(client, lock, beginTransaction, sql) {
        this.client = client;
        this.sql = sql;
        let lockParent;
        if ('executionId' in lock) {
            this.key = 'execution';
            this.keyParams = { LockExecutionID: executionIdValue(lock.executionId) };
            // An end, or a change through an execution: its parent's package first, if it has a parent.
            lockParent = true;
        }
        else {
            this.key = 'name';
            const parent = lock.parentExecutionId;
            this.keyParams = {
                PackageName: lock.packageName,
                LockParentExecutionID: parent === undefined ? null : executionIdValue(parent),
            };
            lockParent = parent !== undefined;
        }
        // Their failures are recorded by send() and reported by firstFailure(): nothing awaits them here.
        void this.send({ text: beginTransaction });
        if (lockParent)
            void this.send(bind(this.sql.LOCK_PARENT_PACKAGE[this.key], this.keyParams));
        if (!('executionId' in lock) && lock.register !== undefined) {
            void this.send(bind(this.sql.REGISTER_PACKAGE, {
                PackageName: lock.packageName,
                RetryLimit: lock.register.retryLimit,
                IsBatch: lock.register.isBatch,
            }));
        }
        this.locked = quiet(this.send(bind(this.sql.LOCK_PACKAGE[this.key], this.keyParams)).then(({ rows }) => rows[0] ? (0,catalog_rows/* toPackageRow */.GK)(rows[0]) : null));
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
    /**
     * A statement of the locked package (or packages): its lock key's variant, with the key's values
     * and the packages locked so far.
     */
    ofPackage(statement, params, guardedExecutionId) {
        const locked = { ...this.keyParams, LockedPackageIDs: [...this.lockedPackageIds], ...params };
        return this.send(bind(statement[this.key], locked), guardedExecutionId);
    }
    row(statement, params = {}) {
        return quiet(this.ofPackage(statement, params).then(({ rows }) => (rows[0] ? (0,catalog_rows/* toExecutionRow */.q$)(rows[0]) : null)));
    }
    done(answer) {
        return quiet(answer.then(() => undefined));
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
        return this.row(this.sql.EXECUTION_WITH_RUN_KEY, { RunKey: runKey });
    }
    activeExecution() {
        return this.row(this.sql.ACTIVE_EXECUTION);
    }
    latestExecution() {
        return this.row(this.sql.LATEST_EXECUTION);
    }
    lastEndedExecution() {
        return this.row(this.sql.LAST_ENDED_EXECUTION);
    }
    execution(executionId) {
        return this.row(this.sql.EXECUTION_BY_ID, { ExecutionID: executionIdValue(executionId) });
    }
    anyExecution(executionId) {
        const answer = this.send(bind(this.sql.ANY_EXECUTION, { ExecutionID: executionIdValue(executionId) }));
        return quiet(answer.then(({ rows }) => (rows[0] ? (0,catalog_rows/* toExecutionRow */.q$)(rows[0]) : null)));
    }
    parentOf(executionId) {
        const answer = this.send(bind(this.sql.PARENT_OF, { ExecutionID: executionIdValue(executionId) }));
        return quiet(answer.then(({ rows }) => (rows[0] ? (0,catalog_rows/* toExecutionRow */.q$)(rows[0]) : null)));
    }
    children(parentExecutionId) {
        const answer = this.send(bind(this.sql.CHILDREN, { ParentExecutionID: executionIdValue(parentExecutionId) }));
        return quiet(answer.then(({ rows }) => rows.map(catalog_rows/* toExecutionRow */.q$)));
    }
    auditedExecutions(executionIds, actions) {
        if (executionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: executionIds.map(executionIdValue), Actions: actions };
        const answer = this.send(bind(this.sql.AUDITED_EXECUTIONS, params));
        return quiet(answer.then(({ rows }) => rows.map((row) => String(row.executionId))));
    }
    lastExecutionWithStatus(status, beforeExecutionId) {
        const params = {
            ExecutionStatus: status,
            BeforeExecutionID: beforeExecutionId === null ? null : executionIdValue(beforeExecutionId),
        };
        return quiet(this.ofPackage(this.sql.LAST_EXECUTION_WITH_STATUS, params).then(({ rows }) => rows[0] ? String(rows[0].executionId) : null));
    }
    variables() {
        return quiet(this.ofPackage(this.sql.VARIABLES, {}).then(({ rows }) => rows.map(catalog_rows/* toVariable */.G2)));
    }
    executionAudit(executionId, action) {
        const params = { ExecutionID: executionIdValue(executionId), Action: action };
        return quiet(this.ofPackage(this.sql.EXECUTION_AUDIT, params).then(({ rows }) => rows.map(catalog_rows/* toAuditEntry */.BA)));
    }
    insertExecution(execution) {
        const inserted = this.send(bind(this.sql.INSERT_EXECUTION, {
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
            ParentExecutionID: takeover.parentExecutionId === null ? null : executionIdValue(takeover.parentExecutionId),
            RunKey: takeover.runKey,
            ...(0,catalog_rows/* contextValues */.S3)(takeover.context),
        };
        return this.done(this.ofPackage(this.sql.TAKE_OVER_EXECUTION, params, takeover.executionId));
    }
    finishExecution(finish) {
        return this.ended(this.sql.FINISH_EXECUTION, finish, {});
    }
    refinishExecution(finish, endedAs) {
        return this.ended(this.sql.REFINISH_EXECUTION, finish, { EndedAs: endedAs });
    }
    ended(statement, finish, extra) {
        const params = {
            ExecutionID: executionIdValue(finish.executionId),
            ExecutionStatus: finish.executionStatus,
            NextLoadStatus: finish.nextLoadStatus,
            ErrorMessage: finish.errorMessage,
            ...extra,
        };
        return quiet(this.ofPackage(statement, params, finish.executionId).then(({ rows }) => (0,catalog_rows/* toExecutionRow */.q$)(rows[0])));
    }
    setNextLoadStatus(executionId, nextLoadStatus) {
        const params = { ExecutionID: executionIdValue(executionId), NextLoadStatus: nextLoadStatus };
        return quiet(this.ofPackage(this.sql.SET_NEXT_LOAD_STATUS, params).then(({ rows }) => {
            if (!rows[0])
                throw new Error(`Execution ${executionId} is not an execution of a locked package.`);
            return (0,catalog_rows/* toExecutionRow */.q$)(rows[0]);
        }));
    }
    setNextLoadStatuses(executionIds, nextLoadStatus) {
        if (executionIds.length === 0)
            return Promise.resolve();
        const params = { ExecutionIDs: executionIds.map(executionIdValue), NextLoadStatus: nextLoadStatus };
        return this.done(this.ofPackage(this.sql.SET_NEXT_LOAD_STATUSES, params));
    }
    lockPackages(packageIds) {
        if (packageIds.length === 0)
            return Promise.resolve();
        this.lockedPackageIds.push(...packageIds);
        return this.done(this.send(bind(this.sql.LOCK_PACKAGES, { PackageIDs: packageIds })));
    }
    markBatch() {
        return this.done(this.ofPackage(this.sql.MARK_BATCH, {}));
    }
    registerVariables(defaults) {
        if (defaults.length === 0)
            return Promise.resolve();
        // The first default given for a name is the one kept, as a second registration would keep it.
        const first = [...new Map(defaults.toReversed().map((value) => [value.name, value])).values()];
        return this.done(this.ofPackage(this.sql.REGISTER_VARIABLES, namesAndValues(first)));
    }
    storeVariables(values, executionId) {
        if (values.length === 0)
            return Promise.resolve();
        const params = {
            ...namesAndValues(lastByName(values)),
            ExecutionID: executionId === null ? null : executionIdValue(executionId),
        };
        return this.done(this.ofPackage(this.sql.STORE_VARIABLES, params));
    }
    saveRowCounts(executionId, counts) {
        if (counts.length === 0)
            return Promise.resolve();
        // The last count given for an object and type is the one kept, as a later call would replace it.
        const last = [
            ...new Map(counts.map((count) => [JSON.stringify([count.objectName, count.countType]), count])).values(),
        ];
        return this.done(this.send(bind(this.sql.SAVE_ROW_COUNTS, {
            ExecutionID: executionIdValue(executionId),
            ObjectNames: last.map((count) => count.objectName),
            CountTypes: last.map((count) => count.countType),
            RowCounts: last.map((count) => count.rowCount),
        })));
    }
    recordAudit(entry) {
        return this.done(this.ofPackage(this.sql.RECORD_AUDIT, {
            ExecutionID: entry.executionId === null ? null : executionIdValue(entry.executionId),
            Action: entry.action,
            Detail: entry.detail,
            Actor: entry.actor,
        }));
    }
    setEnabled(enabled) {
        return quiet(this.ofPackage(this.sql.SET_ENABLED, { IsEnabled: enabled }).then(({ rows }) => rows[0] ? (0,catalog_rows/* toPackageRow */.GK)(rows[0]) : null));
    }
    packageNamed(packageName) {
        const answer = this.send(bind(this.sql.PACKAGE_NAMED, { OtherName: packageName }));
        return quiet(answer.then(({ rows }) => (rows[0] ? (0,catalog_rows/* toPackageRow */.GK)(rows[0]) : null)));
    }
    /** Sent after every other statement that finds the package by its old name (recordAudit). */
    renamePackage(newName) {
        return quiet(this.ofPackage(this.sql.RENAME_PACKAGE, { NewName: newName }).then(({ rows }) => (0,catalog_rows/* toPackageRow */.GK)(rows[0])));
    }
    deletePackage() {
        const answers = this.sql.DELETE_PACKAGE.map((statement) => this.ofPackage(statement, {}));
        return quiet(Promise.all(answers).then((results) => ({ executions: Number(results[3].rows[0].count) })));
    }
    purgeCandidates(olderThanMinutes, afterExecutionId, limit) {
        const params = {
            Minutes: olderThanMinutes,
            After: afterExecutionId === null ? null : executionIdValue(afterExecutionId),
            Limit: limit,
        };
        return quiet(this.ofPackage(this.sql.PURGE_CANDIDATES, params).then(({ rows }) => rows.map(catalog_rows/* toExecutionStanding */.g0)));
    }
    standings(executionIds, olderThanMinutes) {
        if (executionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: executionIds.map(executionIdValue), Minutes: olderThanMinutes };
        return quiet(this.send(bind(this.sql.STANDINGS, params)).then(({ rows }) => rows.map(catalog_rows/* toExecutionStanding */.g0)));
    }
    childStandings(parentExecutionIds, olderThanMinutes) {
        if (parentExecutionIds.length === 0)
            return Promise.resolve([]);
        const params = { ExecutionIDs: parentExecutionIds.map(executionIdValue), Minutes: olderThanMinutes };
        return quiet(this.send(bind(this.sql.CHILD_STANDINGS, params)).then(({ rows }) => rows.map(catalog_rows/* toExecutionStanding */.g0)));
    }
    deleteExecutions(executionIds) {
        if (executionIds.length === 0)
            return Promise.resolve(0);
        const params = { ExecutionIDs: executionIds.map(executionIdValue) };
        const answers = this.sql.DELETE_EXECUTIONS.map((statement) => this.ofPackage(statement, params));
        return quiet(Promise.all(answers).then((results) => Number(results[2].rows[0].count)));
    }
    deleteOldAudit(olderThanMinutes, limit) {
        const params = { Minutes: olderThanMinutes, Limit: limit };
        return quiet(this.ofPackage(this.sql.DELETE_OLD_AUDIT, params).then(({ rows }) => Number(rows[0].count)));
    }
    commit() {
        this.committing ??= this.done(this.send({ text: COMMIT }));
        return this.committing;
    }
}
const filterValues = (filter) => ({
    Since: filter.sinceMinutes ?? null,
    Statuses: filter.statuses ?? null,
});
/** Names and values as two arrays, paired by position in unnest(). */
function namesAndValues(values) {
    return { Names: values.map((value) => value.name), Values: values.map((value) => value.value) };
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
/* harmony export */   BA: () => (/* binding */ toAuditEntry),
/* harmony export */   Bv: () => (/* binding */ packageSelectList),
/* harmony export */   G2: () => (/* binding */ toVariable),
/* harmony export */   GK: () => (/* binding */ toPackageRow),
/* harmony export */   RW: () => (/* binding */ executionSelectList),
/* harmony export */   S3: () => (/* binding */ contextValues),
/* harmony export */   fr: () => (/* binding */ selectList),
/* harmony export */   g0: () => (/* binding */ toExecutionStanding),
/* harmony export */   q$: () => (/* binding */ toExecutionRow),
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
const text = (value) => (value === null || value === undefined ? null : scalarText(value));
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
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
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
