export const id = 997;
export const ids = [997];
export const modules = {

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
// EXTERNAL MODULE: ./src/catalog/limits.ts
var limits = __webpack_require__(74999);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var rows = __webpack_require__(98422);
// EXTERNAL MODULE: ./src/catalog/shape.ts
var shape = __webpack_require__(62062);
// EXTERNAL MODULE: ./src/catalog/turns.ts
var turns = __webpack_require__(18471);
;// CONCATENATED MODULE: ./src/catalog/sqlite/faults.ts
/** SQLite errors the user can act on, each turned into one sentence. */

// Primary result codes: node:sqlite reports extended ones (SQLITE_BUSY_SNAPSHOT is 517), whose
// low byte is the primary code.
const SQLITE_BUSY = 5;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;
/**
 * A fault of the file or of the machine, told in one sentence saying what to do; anything else
 * (a bug) is returned as it is. The sentences use no action input's or bfx option's name, since
 * both shells show them.
 */
function explain(error, location, busyTimeoutMs) {
    if (error instanceof errors/* BfxError */.J)
        return error;
    const code = error.errcode;
    const primary = typeof code === 'number' ? code & 0xff : undefined;
    switch (primary) {
        case SQLITE_BUSY:
            return new errors/* BfxError */.J(`The SQLite catalog ${location} stayed locked by another process for ${busyTimeoutMs / 1000} s, so nothing was changed: ` +
                'wait for the other runs to finish, close any program holding the file open (one in exclusive locking mode keeps it locked until it closes), ' +
                'or raise the request timeout.');
        case SQLITE_READONLY:
            return new errors/* BfxError */.J(`The SQLite catalog ${location} cannot be written by this process, so nothing was changed: ` +
                'give it write access to the file, its folder and their file system, or point bfx-begin at another SQLite file.');
        case SQLITE_FULL:
            return new errors/* BfxError */.J(`The disk holding the SQLite catalog ${location} is full, so nothing was changed: ` +
                'free space on it, or move the catalog to a disk with room.');
        case SQLITE_CANTOPEN:
            return new errors/* BfxError */.J(`The SQLite catalog ${location} cannot be opened for writing (the file, its folder or their file system is read-only, or out of reach), ` +
                'so nothing was read or changed: give this process write access to the file and its folder, or point bfx-begin at another SQLite file.');
        case SQLITE_IOERR:
            return new errors/* BfxError */.J(`The SQLite catalog ${location} could not be read or written (${error.message}), so nothing was changed: ` +
                'check the disk and the file system it is on, then run again.');
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return new errors/* BfxError */.J(`The file ${location} is not a SQLite database${primary === SQLITE_NOTADB ? '' : ' any more (it is damaged)'}, so nothing was read or changed: ` +
                `point bfx-begin at another SQLite file${primary === SQLITE_NOTADB ? '' : ', or restore this one from a backup'}.`);
        default:
            return error;
    }
}

;// CONCATENATED MODULE: ./src/catalog/sqlite/schema.ts


/** The catalog's clock: UTC, ISO 8601 with milliseconds. */
const UTC_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
/**
 * The kind of a column's declared type, as pragma_table_info reports it (INTEGER, TEXT,
 * VARCHAR(128), ...). SQLite stores booleans as INTEGER and timestamps as TEXT, so the shapes
 * below say integer and text for them.
 */
function typeKind(declared) {
    const name = declared.replace(/\(.*$/s, '').trim().toLowerCase();
    switch (name) {
        case 'integer':
        case 'int':
        case 'bigint':
        case 'smallint':
            return 'integer';
        case 'text':
        case 'varchar':
        case 'nvarchar':
        case 'char':
        case 'nchar':
            return 'text';
        case 'boolean':
        case 'bool':
        case 'bit':
            return 'boolean';
        case 'timestamp':
        case 'datetime':
        case 'datetime2':
            return 'timestamp';
        default:
            return null;
    }
}
/** The tables of each version, for shape.ts: SQLite keeps booleans as INTEGER and timestamps as TEXT. */
const VERSIONS = (0,catalog/* tableVersionsStoring */.uY)({ boolean: 'integer', timestamp: 'text' });
/** The names of our tables, any version's: what inspect reads the columns of. */
const TABLES = [...new Set(VERSIONS.flat().map((shape) => shape.table))];
/**
 * What each version adds: STEPS[n - 1] takes a catalog from version n - 1 to n. A new catalog
 * goes through every step, so it ends up exactly like an upgraded one. Version 1 is the first
 * release's schema, as it was; later steps only add (ALTER TABLE ... ADD COLUMN keeps the rows).
 */
const STEPS = [
    [
        {
            kind: 'table',
            table: 'Package',
            name: 'Package',
            sql: `
CREATE TABLE Package (
  PackageID    INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageName  TEXT    NOT NULL UNIQUE,
  IsEnabled    INTEGER NOT NULL DEFAULT 1,
  RetryLimit   INTEGER NULL CHECK (RetryLimit >= 0),
  CreatedTime  TEXT    NOT NULL DEFAULT (${UTC_NOW})
)`,
        },
        {
            kind: 'table',
            table: 'Execution',
            name: 'Execution',
            sql: `
CREATE TABLE Execution (
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
)`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'IX_Execution_Package_RunKey',
            sql: `CREATE INDEX IX_Execution_Package_RunKey ON Execution (PackageID, RunKey)`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'IX_Execution_Package_Latest',
            sql: `CREATE INDEX IX_Execution_Package_Latest ON Execution (PackageID, ExecutionID)`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'UX_Execution_Package_Active',
            sql: `CREATE UNIQUE INDEX UX_Execution_Package_Active ON Execution (PackageID) WHERE EndTime IS NULL`,
        },
    ],
    [
        {
            kind: 'table',
            table: 'CatalogVersion',
            name: 'CatalogVersion',
            sql: `
CREATE TABLE CatalogVersion (
  Version      INTEGER PRIMARY KEY,
  AppliedTime  TEXT    NOT NULL DEFAULT (${UTC_NOW})
)`,
        },
        {
            kind: 'column',
            table: 'Package',
            name: 'IsBatch',
            sql: `ALTER TABLE Package ADD COLUMN IsBatch INTEGER NOT NULL DEFAULT 0 CHECK (IsBatch IN (0, 1))`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'IX_Execution_Parent',
            sql: `CREATE INDEX IX_Execution_Parent ON Execution (ParentExecutionID)`,
        },
        {
            kind: 'table',
            table: 'ConfigVariable',
            name: 'ConfigVariable',
            sql: `
CREATE TABLE ConfigVariable (
  PackageID      INTEGER NOT NULL REFERENCES Package (PackageID),
  VariableName   TEXT    NOT NULL,
  VariableValue  TEXT    NOT NULL,
  PreviousValue  TEXT    NULL,
  ExecutionID    INTEGER NULL,
  UpdatedTime    TEXT    NOT NULL,
  PRIMARY KEY (PackageID, VariableName)
)`,
        },
        {
            kind: 'table',
            table: 'RowCount',
            name: 'RowCount',
            sql: `
CREATE TABLE RowCount (
  ExecutionID  INTEGER NOT NULL REFERENCES Execution (ExecutionID),
  ObjectName   TEXT    NOT NULL,
  CountType    TEXT    NOT NULL,
  RowCount     INTEGER NOT NULL CHECK (RowCount >= 0),
  PRIMARY KEY (ExecutionID, ObjectName, CountType)
)`,
        },
        {
            kind: 'table',
            table: 'AuditLog',
            name: 'AuditLog',
            sql: `
CREATE TABLE AuditLog (
  AuditID      INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageID    INTEGER NOT NULL REFERENCES Package (PackageID),
  ExecutionID  INTEGER NULL,
  Action       TEXT    NOT NULL,
  Detail       TEXT    NULL,
  Actor        TEXT    NULL,
  CreatedTime  TEXT    NOT NULL DEFAULT (${UTC_NOW})
)`,
        },
        {
            kind: 'index',
            table: 'AuditLog',
            name: 'IX_AuditLog_Package',
            sql: `CREATE INDEX IX_AuditLog_Package ON AuditLog (PackageID, AuditID)`,
        },
    ],
    // Version 3: the indexes of LastExecutionID, of the execution that ended last (the one a begin
    // follows) and of an execution's audit records, and the checks
    // of Execution. SQLite cannot add a CHECK constraint to a table that exists (only rebuild it), so
    // the checks are triggers that abort the statement as a CHECK would, for new and upgraded files alike.
    [
        {
            kind: 'index',
            table: 'Execution',
            name: 'IX_Execution_Package_Status',
            sql: `CREATE INDEX IX_Execution_Package_Status ON Execution (PackageID, ExecutionStatus, ExecutionID)`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'IX_Execution_Package_Ended',
            sql: `CREATE INDEX IX_Execution_Package_Ended ON Execution (PackageID, EndTime, ExecutionID)`,
        },
        {
            kind: 'index',
            table: 'AuditLog',
            name: 'IX_AuditLog_Execution',
            sql: `CREATE INDEX IX_AuditLog_Execution ON AuditLog (ExecutionID, Action)`,
        },
        ...['INSERT', 'UPDATE'].map((event) => ({
            kind: 'trigger',
            table: 'Execution',
            name: `CK_Execution_${event === 'INSERT' ? 'Insert' : 'Update'}`,
            sql: `CREATE TRIGGER CK_Execution_${event === 'INSERT' ? 'Insert' : 'Update'}
BEFORE ${event === 'INSERT' ? 'INSERT' : 'UPDATE OF EndTime, ExecutionStatus, RetryCount'} ON Execution
WHEN NOT (${shape/* EXECUTION_CHECKS */.n8.map((check) => `(${check.replace(/\b(EndTime|ExecutionStatus|RetryCount)\b/g, 'NEW.$1')})`).join(' AND ')})
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: an execution without an EndTime must be active (E, R or A), and RetryCount may not be below 0');
END`,
        })),
    ],
];
/** How migrate names what it created: 'table Package', 'column Package.IsBatch', 'index IX_Execution_Parent'. */
const describeObject = (object) => object.kind === 'column' ? `column ${object.table}.${object.name}` : `${object.kind} ${object.name}`;

;// CONCATENATED MODULE: ./src/catalog/sqlite/queries.ts
/**
 * The SQLite catalog's statements. Values are bound by name (@Column), with the names of the
 * column maps in catalog.ts. Every read of a locked package is by its PackageID; a write to an
 * execution of any package the transaction locked takes the locked PackageIDs as a JSON array
 * (@Locked), and lists of IDs travel the same way (@ExecutionIDs): one statement, any length.
 */




const asIs = (field) => field;
const PACKAGE = `SELECT ${(0,rows/* packageSelectList */.Bv)('p', asIs)} FROM Package p`;
const EXECUTION = `SELECT ${(0,rows/* executionSelectList */.RW)(asIs)} FROM Execution e JOIN Package p ON p.PackageID = e.PackageID`;
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
const inJson = (parameter) => `IN (SELECT value FROM json_each(${parameter}))`;
/**
 * The objects of our tables' names (@Tables: a JSON array of names) and the columns of those that
 * are tables, in one pass: what inspect judges. `required` marks a column an insert must fill
 * (NOT NULL, no default, not the rowid's alias); an object that is no table has one row, no column.
 */
const CATALOG_COLUMNS = `
SELECT m.type AS objectType, m.name AS tableName, c.name AS columnName, c.type AS columnType,
       c."notnull" = 1 AND c.dflt_value IS NULL AND c.pk = 0 AS required
FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) c ON m.type = 'table'
WHERE m.type IN ('table', 'view', 'index') AND lower(m.name) IN (SELECT lower(value) FROM json_each(@Tables))`;
const RECORDED_VERSION = `SELECT max(Version) AS version FROM CatalogVersion`;
/** Whether the file has a table or index of this name (@Type: 'table' or 'index'), or a column. */
/** The catalog's highest ExecutionID: how many executions it has recorded, read from the key alone. */
const HIGHEST_EXECUTION_ID = `SELECT max(ExecutionID) AS executionId FROM Execution`;
/** The executions version 3's checks refuse, before they are added: how many, and the first. */
const UNCHECKED_EXECUTIONS = `SELECT count(*) AS count, min(ExecutionID) AS firstId FROM Execution WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}`;
const OBJECT_EXISTS = `SELECT 1 AS found FROM sqlite_master WHERE type = @Type AND lower(name) = lower(@Name)`;
const COLUMN_EXISTS = `SELECT 1 AS found FROM pragma_table_info(@Table) WHERE lower(name) = lower(@Name)`;
const RECORD_VERSION = `INSERT INTO CatalogVersion (Version) VALUES (@Version) ON CONFLICT (Version) DO NOTHING`;
const REGISTER_PACKAGE = `
INSERT INTO Package (PackageName, RetryLimit, IsBatch) VALUES (@PackageName, @RetryLimit, @IsBatch)
ON CONFLICT (PackageName) DO NOTHING`;
const PACKAGE_ID_BY_NAME = `SELECT PackageID AS packageId FROM Package WHERE PackageName = @PackageName`;
const PACKAGE_ID_OF_EXECUTION = `SELECT PackageID AS packageId FROM Execution WHERE ExecutionID = @ExecutionID`;
/** An execution's package and its parent execution's package (null when it has none, or the parent is missing). */
const PACKAGE_IDS_OF_EXECUTION = `
SELECT e.PackageID AS packageId, pe.PackageID AS parentPackageId
FROM Execution e LEFT JOIN Execution pe ON pe.ExecutionID = e.ParentExecutionID
WHERE e.ExecutionID = @ExecutionID`;
const PACKAGE_BY_ID = `${PACKAGE} WHERE p.PackageID = @PackageID`;
const PACKAGE_BY_NAME = `${PACKAGE} WHERE p.PackageName = @PackageName`;
const ALL_PACKAGES = `${PACKAGE} ORDER BY p.PackageName`;
/** The package of an execution's parent execution: a batch's name for status. */
const PACKAGE_NAME_OF_EXECUTION = `
SELECT p.PackageName AS packageName FROM Execution e JOIN Package p ON p.PackageID = e.PackageID
WHERE e.ExecutionID = @ExecutionID`;
const EXECUTION_WITH_RUN_KEY = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`;
const ACTIVE_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL`;
const LATEST_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC LIMIT 1`;
const LAST_ENDED_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.EndTime IS NOT NULL
ORDER BY e.EndTime DESC, e.ExecutionID DESC LIMIT 1`;
const EXECUTION_BY_ID = `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID`;
const ANY_EXECUTION_BY_ID = `${EXECUTION} WHERE e.ExecutionID = @ExecutionID`;
const PARENT_OF = `${EXECUTION} WHERE e.ExecutionID = (SELECT x.ParentExecutionID FROM Execution x WHERE x.ExecutionID = @ExecutionID)`;
const CHILDREN = `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID`;
const AUDITED_EXECUTIONS = `
SELECT DISTINCT ExecutionID AS executionId FROM AuditLog
WHERE ExecutionID ${inJson('@ExecutionIDs')} AND Action ${inJson('@Actions')}`;
const HISTORY = `${EXECUTION} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC LIMIT @Limit`;
/** @Before is null for no bound. */
const LAST_EXECUTION_WITH_STATUS = `
SELECT ExecutionID AS executionId FROM Execution
WHERE PackageID = @PackageID AND ExecutionStatus = @ExecutionStatus AND (@Before IS NULL OR ExecutionID < @Before)
ORDER BY ExecutionID DESC LIMIT 1`;
const VARIABLES = `
SELECT ${(0,rows/* selectList */.fr)('v', catalog/* VARIABLE_COLUMNS */.nl, asIs)} FROM ConfigVariable v WHERE v.PackageID = @PackageID
ORDER BY v.VariableName`;
const ROW_COUNTS = `
SELECT ${(0,rows/* selectList */.fr)('r', catalog/* ROW_COUNT_COLUMNS */.Xs, asIs)} FROM RowCount r WHERE r.ExecutionID ${inJson('@ExecutionIDs')}
ORDER BY r.ExecutionID, r.ObjectName, r.CountType`;
const AUDIT = `
SELECT ${(0,rows/* selectList */.fr)('a', catalog/* AUDIT_COLUMNS */.kF, asIs)}, p.PackageName AS packageName
FROM AuditLog a JOIN Package p ON p.PackageID = a.PackageID
WHERE p.PackageName = @PackageName ORDER BY a.AuditID DESC LIMIT @Limit`;
/** The locked package's audit entries of one execution with one action, oldest first. */
const EXECUTION_AUDIT = `
SELECT ${(0,rows/* selectList */.fr)('a', catalog/* AUDIT_COLUMNS */.kF, asIs)}, p.PackageName AS packageName
FROM AuditLog a JOIN Package p ON p.PackageID = a.PackageID
WHERE a.PackageID = @PackageID AND a.ExecutionID = @ExecutionID AND a.Action = @Action ORDER BY a.AuditID`;
const INSERT_EXECUTION = `
INSERT INTO Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime, ErrorMessage,
  RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS executionId`;
/** Guarded by EndTime IS NULL: the caller checks that one row changed. */
const TAKE_OVER_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
  ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL`;
/** Of any locked package; guarded by EndTime IS NULL: the caller checks that one row changed. */
const FINISH_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
  ErrorMessage = @ErrorMessage
WHERE ExecutionID = @ExecutionID AND PackageID ${inJson('@Locked')} AND EndTime IS NULL`;
/** Of any locked package; guarded: only an ended execution with the status it ended as (@EndedAs). */
const REFINISH_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
  ErrorMessage = @ErrorMessage
WHERE ExecutionID = @ExecutionID AND PackageID ${inJson('@Locked')} AND EndTime IS NOT NULL
  AND ExecutionStatus = @EndedAs`;
const SET_NEXT_LOAD_STATUS = `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus
WHERE ExecutionID = @ExecutionID AND PackageID ${inJson('@Locked')}`;
const SET_NEXT_LOAD_STATUSES = `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus
WHERE ExecutionID ${inJson('@ExecutionIDs')} AND PackageID ${inJson('@Locked')}`;
const SET_ENABLED = `UPDATE Package SET IsEnabled = @IsEnabled WHERE PackageID = @PackageID`;
const MARK_BATCH = `UPDATE Package SET IsBatch = 1 WHERE PackageID = @PackageID`;
const REGISTER_VARIABLE = `
INSERT INTO ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
VALUES (@PackageID, @VariableName, @VariableValue, NULL, NULL, ${UTC_NOW})
ON CONFLICT (PackageID, VariableName) DO NOTHING`;
/** The SET expressions read the row as it was: PreviousValue gets the value being replaced. */
const STORE_VARIABLE = `
INSERT INTO ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
VALUES (@PackageID, @VariableName, @VariableValue, NULL, @ExecutionID, ${UTC_NOW})
ON CONFLICT (PackageID, VariableName) DO UPDATE SET PreviousValue = VariableValue,
  VariableValue = excluded.VariableValue, ExecutionID = excluded.ExecutionID, UpdatedTime = excluded.UpdatedTime`;
const SAVE_ROW_COUNT = `
INSERT INTO RowCount (ExecutionID, ObjectName, CountType, RowCount)
VALUES (@ExecutionID, @ObjectName, @CountType, @RowCount)
ON CONFLICT (ExecutionID, ObjectName, CountType) DO UPDATE SET RowCount = excluded.RowCount`;
const RECORD_AUDIT = `
INSERT INTO AuditLog (PackageID, ExecutionID, Action, Detail, Actor)
VALUES (@PackageID, @ExecutionID, @Action, @Detail, @Actor)`;
// ---- the report: a fixed number of reads over every package, whatever their number ----------
/** The server's clock and the window's start, @Minutes back; the reads below take the start as @Since. */
const REPORT_CLOCK = `
SELECT ${UTC_NOW} AS now, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || @Minutes || ' minutes') AS since`;
/**
 * The window's executions and those that tell where each package stands: its latest, its active
 * one, its latest with @Succeeded, and the batch executions the window's children ran under.
 * `GROUP BY +x.PackageID` keeps SQLite from walking the (PackageID, ExecutionID) index for the
 * last success, which reads every row in index order to test its status (2 s at a million rows),
 * rather than the table in its own order (0.25 s).
 */
const REPORT_EXECUTIONS = `
${EXECUTION}
WHERE e.StartTime >= @Since OR e.EndTime IS NULL
   OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM Execution x GROUP BY x.PackageID)
   OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM Execution x WHERE x.ExecutionStatus = @Succeeded GROUP BY +x.PackageID)
   OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM Execution x WHERE x.StartTime >= @Since AND x.ParentExecutionID IS NOT NULL)
ORDER BY e.ExecutionID`;
/** From the window's executions to their counts (CROSS JOIN fixes that order): not every count to its execution. */
const REPORT_ROW_COUNTS = `
SELECT ${(0,rows/* selectList */.fr)('r', catalog/* ROW_COUNT_COLUMNS */.Xs, asIs)} FROM Execution e CROSS JOIN RowCount r ON r.ExecutionID = e.ExecutionID
WHERE e.StartTime >= @Since
ORDER BY r.ExecutionID, r.ObjectName, r.CountType`;
const REPORT_AUDIT = `
SELECT ${(0,rows/* selectList */.fr)('a', catalog/* AUDIT_COLUMNS */.kF, asIs)}, p.PackageName AS packageName
FROM AuditLog a JOIN Package p ON p.PackageID = a.PackageID
WHERE a.CreatedTime >= @Since ORDER BY a.AuditID`;
// ---- listings, retention, rename and delete ------------------------------------------------------
/** The catalog's clock @Minutes minutes ago, in the format StartTime is stored in. */
const minutesAgo = (parameter) => `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ${parameter} || ' minutes')`;
const NOW = `SELECT ${UTC_NOW} AS now`;
/** @Since (minutes) and @Statuses (a JSON array) are null for no filter. */
const FILTERED = `(@Since IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
  AND (@Statuses IS NULL OR e.ExecutionStatus ${inJson('@Statuses')})`;
const FILTERED_HISTORY = `${EXECUTION} WHERE p.PackageName = @PackageName AND ${FILTERED}
ORDER BY e.ExecutionID DESC LIMIT @Limit`;
const RUNS = `${EXECUTION} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC LIMIT @Limit`;
/** What retention reads of an execution (operations.ts), @Minutes being the purge's age. */
const STANDING = `
SELECT e.ExecutionID AS executionId, e.ParentExecutionID AS parentExecutionId, e.ExecutionStatus AS executionStatus,
  e.EndTime IS NOT NULL AS ended,
  e.StartTime < ${minutesAgo('@Minutes')} AS old,
  e.ExecutionID = (SELECT x.ExecutionID FROM Execution x WHERE x.PackageID = e.PackageID
                    ORDER BY x.ExecutionID DESC LIMIT 1) AS latest,
  e.ExecutionID = (SELECT x.ExecutionID FROM Execution x WHERE x.PackageID = e.PackageID AND x.EndTime IS NOT NULL
                    ORDER BY x.EndTime DESC, x.ExecutionID DESC LIMIT 1) AS lastEnded,
  e.ExecutionID = (SELECT x.ExecutionID FROM Execution x WHERE x.PackageID = e.PackageID
                      AND x.ExecutionStatus = e.ExecutionStatus ORDER BY x.ExecutionID DESC LIMIT 1) AS latestOfItsStatus,
  EXISTS (SELECT 1 FROM ConfigVariable v WHERE v.PackageID = e.PackageID AND v.ExecutionID = e.ExecutionID) AS marksVariables
FROM Execution e`;
/** @After is null for the first page. */
const PURGE_CANDIDATES = `${STANDING}
WHERE e.PackageID = @PackageID AND e.StartTime < ${minutesAgo('@Minutes')} AND (@After IS NULL OR e.ExecutionID > @After)
ORDER BY e.ExecutionID LIMIT @Limit`;
const STANDINGS = `${STANDING} WHERE e.ExecutionID ${inJson('@ExecutionIDs')}`;
const CHILD_STANDINGS = `${STANDING} WHERE e.ParentExecutionID ${inJson('@ExecutionIDs')}`;
/** Of the locked package only (@PackageID): the row counts, audit entries and rows of these executions. */
const DELETE_ROW_COUNTS = `
DELETE FROM RowCount WHERE ExecutionID IN (
  SELECT ExecutionID FROM Execution WHERE PackageID = @PackageID AND ExecutionID ${inJson('@ExecutionIDs')})`;
const DELETE_EXECUTION_AUDIT = `
DELETE FROM AuditLog WHERE PackageID = @PackageID AND ExecutionID ${inJson('@ExecutionIDs')}`;
const DELETE_EXECUTIONS = `
DELETE FROM Execution WHERE PackageID = @PackageID AND ExecutionID ${inJson('@ExecutionIDs')}`;
const DELETE_OLD_AUDIT = `
DELETE FROM AuditLog WHERE AuditID IN (
  SELECT a.AuditID FROM AuditLog a
   WHERE a.PackageID = @PackageID AND a.CreatedTime < ${minutesAgo('@Minutes')}
     AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM Execution e WHERE e.ExecutionID = a.ExecutionID))
   ORDER BY a.AuditID LIMIT @Limit)`;
const RENAME_PACKAGE = `UPDATE Package SET PackageName = @NewName WHERE PackageID = @PackageID`;
/** A whole package, children before parents; the executions' count is read from the fourth. */
const DELETE_PACKAGE = [
    `DELETE FROM RowCount WHERE ExecutionID IN (SELECT ExecutionID FROM Execution WHERE PackageID = @PackageID)`,
    `DELETE FROM AuditLog WHERE PackageID = @PackageID`,
    `DELETE FROM ConfigVariable WHERE PackageID = @PackageID`,
    `DELETE FROM Execution WHERE PackageID = @PackageID`,
    `DELETE FROM Package WHERE PackageID = @PackageID`,
];

;// CONCATENATED MODULE: ./src/catalog/sqlite/engine.ts
/**
 * The embedded catalog on node:sqlite. A transaction is BEGIN IMMEDIATE: it takes the file's write
 * lock before reading, so it holds every package's lock at once, parallel processes on one catalog
 * file are applied one after another, and a busy catalog is waited on (the busy timeout) rather
 * than failed. The package locks of the interface (a parent's package first, more packages with
 * lockPackages) are therefore already held; the transaction still keeps the set of packages it
 * was given, and writes only to executions of those. node:sqlite is synchronous: each call below
 * runs when it is made.
 */












async function engine_open(path, options) {
    const location = (0,external_node_path_.resolve)(path);
    const found = statOf(location);
    if (found?.isDirectory()) {
        throw new errors/* BfxError */.J(`The SQLite catalog ${location} is a folder, not a file, so nothing was read or changed: ` +
            `point bfx-begin at a file, such as ${(0,external_node_path_.join)(location, 'catalog.db')}.`);
    }
    if (!found) {
        if (!options.createCatalog) {
            const { because, create } = options.noCreate ?? catalog/* ACTION_NO_CREATE */.c3;
            throw new errors/* BfxError */.J(`The SQLite catalog ${location} does not exist and ${because}, so nothing was created: ${create}.`);
        }
        makeFolder((0,external_node_path_.dirname)(location), location);
    }
    try {
        return new SqliteCatalog(location, options.requestTimeoutMs);
    }
    catch (error) {
        throw explain(error, location, options.requestTimeoutMs);
    }
}
function statOf(path) {
    try {
        return (0,external_node_fs_.statSync)(path);
    }
    catch {
        // Missing, or under a file (ENOTDIR): makeFolder judges the folders, and SQLite the rest.
        return undefined;
    }
}
/**
 * Creates the catalog's folder and the missing ones above it, one at a time: each refusal is one
 * sentence naming the folder. (mkdirSync's recursive mode is not used: on a path it cannot
 * create, such as one under /proc, it can loop for ever.)
 */
function makeFolder(folder, location) {
    const missing = [];
    let existing = folder;
    while (!statOf(existing)) {
        missing.unshift(existing);
        const up = (0,external_node_path_.dirname)(existing);
        if (up === existing)
            break;
        existing = up;
    }
    if (!statOf(existing)?.isDirectory()) {
        throw new errors/* BfxError */.J(`The SQLite catalog ${location} cannot be created, because ${existing} is a file, not a folder, so nothing was created: ` +
            'point bfx-begin at a path whose folders are folders, or move that file away.');
    }
    for (const dir of missing) {
        try {
            (0,external_node_fs_.mkdirSync)(dir);
        }
        catch (error) {
            const code = error.code ?? 'error';
            if (code === 'EEXIST' && statOf(dir)?.isDirectory())
                continue; // made meanwhile by another run
            throw new errors/* BfxError */.J(`The folder ${dir} for the SQLite catalog ${location} cannot be created (${code}), so nothing was created: ` +
                'point bfx-begin at a file in a folder this process can write.');
        }
    }
}
/**
 * Catalogs open on one file in this process take turns: a transaction awaits between its
 * statements, and another connection's BEGIN IMMEDIATE meanwhile would wait synchronously on the
 * busy timeout, blocking the very event loop the lock holder needs to finish.
 */
const turnsByFile = new Map();
/** ExecutionIDs are 64-bit: bound as BigInt, so IDs above 2^53 stay exact; anything else matches no row. */
function id(executionId) {
    const value = /^\d{1,19}$/.test(executionId) ? BigInt(executionId) : -1n;
    return value <= limits/* MAX_BIGINT */.Fm ? value : -1n;
}
const optionalId = (executionId) => (executionId === null ? null : id(executionId));
/** A list of IDs as one JSON array, for json_each: one statement whatever the list's length. */
const idList = (ids) => `[${[...ids].map((value) => (typeof value === 'number' ? String(value) : id(value).toString())).join(',')}]`;
const TABLE_NAMES = JSON.stringify(TABLES);
const FIX = 'point bfx-begin at another SQLite file.';
class SqliteCatalog {
    location;
    busyTimeoutMs;
    engine = 'sqlite';
    db;
    turns;
    statements = new Map();
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
    async inspect() {
        try {
            return this.judge();
        }
        catch (error) {
            throw explain(error, this.location, this.busyTimeoutMs);
        }
    }
    async migrate(options = {}) {
        return this.turns.run(async () => {
            const result = await this.inTransaction(() => this.upgrade(options));
            // WAL lets readers (status, history) run beside a writer; the mode is stored in the file.
            // It is set in this catalog's turn, while no connection of this process is in a transaction.
            this.explained(() => this.db.exec('PRAGMA journal_mode = WAL'));
            return result;
        });
    }
    transaction(lock, _what, work) {
        return this.turns.run(() => this.inTransaction((commit) => {
            const { packageId, locked } = this.lockedPackages(lock);
            return work(new SqliteTransaction(this, packageId, locked, async () => commit()));
        }));
    }
    async status(packageName) {
        const packages = packageName === undefined
            ? this.all(ALL_PACKAGES, {})
            : this.all(PACKAGE_BY_NAME, { PackageName: packageName });
        return packages.map((raw) => {
            const pkg = (0,rows/* toPackageRow */.GK)(raw);
            const byPackage = { PackageID: pkg.packageId };
            const latest = this.execution(LATEST_EXECUTION, byPackage);
            const batch = latest?.parentExecutionId == null
                ? undefined
                : this.one(PACKAGE_NAME_OF_EXECUTION, { ExecutionID: id(latest.parentExecutionId) });
            return {
                ...pkg,
                latest,
                active: this.execution(ACTIVE_EXECUTION, byPackage),
                batchPackageName: batch ? String(batch.packageName) : null,
            };
        });
    }
    async history(packageName, limit, filter = {}) {
        if (filter.sinceMinutes === undefined && filter.statuses === undefined)
            return this.all(HISTORY, { PackageName: packageName, Limit: limit }).map(rows/* toExecutionRow */.q$);
        return this.all(FILTERED_HISTORY, { PackageName: packageName, Limit: limit, ...filterValues(filter) }).map(rows/* toExecutionRow */.q$);
    }
    async runs(filter, limit) {
        return this.all(RUNS, { Limit: limit, ...filterValues(filter) }).map(rows/* toExecutionRow */.q$);
    }
    async now() {
        return String(this.one(NOW, {}).now);
    }
    async children(parentExecutionId) {
        return this.all(CHILDREN, { ParentExecutionID: id(parentExecutionId) }).map(rows/* toExecutionRow */.q$);
    }
    async variables(packageName) {
        const found = this.one(PACKAGE_ID_BY_NAME, { PackageName: packageName });
        return found ? this.all(VARIABLES, { PackageID: found.packageId }).map(rows/* toVariable */.G2) : null;
    }
    async rowCounts(executionIds) {
        if (executionIds.length === 0)
            return [];
        return this.all(ROW_COUNTS, { ExecutionIDs: idList(executionIds) }).map(rows/* toStoredRowCount */.y8);
    }
    async audit(packageName, limit) {
        return this.all(AUDIT, { PackageName: packageName, Limit: limit }).map(rows/* toAuditEntry */.BA);
    }
    async reportSnapshot(windowMinutes) {
        // One read transaction: in WAL mode its reads see one snapshot, and writers go on beside it.
        return this.turns.run(async () => {
            this.explained(() => this.db.exec('BEGIN'));
            try {
                const clock = this.one(REPORT_CLOCK, { Minutes: windowMinutes });
                const window = { Since: String(clock.since) };
                return {
                    now: String(clock.now),
                    since: window.Since,
                    packages: this.all(ALL_PACKAGES, {}).map(rows/* toPackageRow */.GK),
                    executions: this.all(REPORT_EXECUTIONS, { ...window, Succeeded: catalog/* SUCCEEDED */.QQ }).map(rows/* toExecutionRow */.q$),
                    rowCounts: this.all(REPORT_ROW_COUNTS, window).map(rows/* toStoredRowCount */.y8),
                    audit: this.all(REPORT_AUDIT, window).map(rows/* toAuditEntry */.BA),
                };
            }
            finally {
                this.db.exec('COMMIT');
            }
        });
    }
    async close() {
        // Closing the database finalizes its prepared statements.
        this.statements.clear();
        if (this.db.isOpen)
            this.db.close();
    }
    one(sql, params) {
        return this.explained(() => this.statement(sql).get(params));
    }
    all(sql, params) {
        return this.explained(() => this.statement(sql).all(params));
    }
    run(sql, params) {
        return this.explained(() => Number(this.statement(sql).run(params).changes));
    }
    /** Every statement's fault the user can act on (a full disk, a lock held elsewhere) is one sentence, read or write. */
    explained(statement) {
        try {
            return statement();
        }
        catch (error) {
            throw explain(error, this.location, this.busyTimeoutMs);
        }
    }
    execution(sql, params) {
        const raw = this.one(sql, params);
        return raw ? (0,rows/* toExecutionRow */.q$)(raw) : null;
    }
    /** Statements are prepared once per connection (status reads three per package). */
    statement(sql) {
        let statement = this.statements.get(sql);
        if (!statement) {
            statement = this.db.prepare(sql);
            this.statements.set(sql, statement);
        }
        return statement;
    }
    /**
     * Judges the file: the columns of our tables in one pass over sqlite_master and
     * pragma_table_info, and the recorded version when there is a CatalogVersion table to hold it.
     */
    judge() {
        const found = this.all(CATALOG_COLUMNS, { Tables: TABLE_NAMES });
        const ofTables = found.filter((raw) => raw.objectType === 'table');
        const columns = ofTables.map((raw) => ({
            table: String(raw.tableName),
            column: String(raw.columnName),
            kind: typeKind(String(raw.columnType)),
        }));
        const required = ofTables
            .filter((raw) => Number(raw.required) === 1)
            .map((raw) => ({ table: String(raw.tableName), column: String(raw.columnName) }));
        const others = found
            .filter((raw) => raw.objectType !== 'table')
            .map((raw) => ({ name: String(raw.tableName), kind: String(raw.objectType) }));
        const versioned = columns.some((c) => c.table.toLowerCase() === 'catalogversion' && c.column.toLowerCase() === 'version');
        const recorded = versioned ? this.one(RECORDED_VERSION, {})?.version : null;
        return (0,shape/* judgeCatalog */.HO)({
            columns,
            required,
            others,
            recordedVersion: recorded === null || recorded === undefined ? null : Number(recorded),
        }, VERSIONS, `the SQLite file ${this.location}`, FIX);
    }
    /**
     * Under the file's write lock: judges the file again (refusing, before anything is created, what
     * shape.ts refuses), creates what each version from the file's own up to CATALOG_VERSION adds
     * and the file lacks, and records those versions.
     */
    upgrade(options) {
        const state = this.judge();
        const from = state.kind === 'empty' ? 0 : state.version;
        const where = `the SQLite file ${this.location}`;
        if (from > 0 && from < catalog/* CATALOG_VERSION */.$i) {
            const executions = Number(this.one(HIGHEST_EXECUTION_ID, {})?.executionId ?? 0);
            const large = (0,shape/* refuseLargeUpgrade */.__)(where, from, catalog/* CATALOG_VERSION */.$i, executions, options.maxExecutions);
            if (large)
                throw large;
        }
        if (from > 0 && from < 3) {
            const unchecked = this.one(UNCHECKED_EXECUTIONS, {});
            const refused = (0,shape/* refuseUncheckedExecutions */.cb)(where, 'Execution', Number(unchecked?.count ?? 0), typeof unchecked?.firstId === 'number' || typeof unchecked?.firstId === 'bigint'
                ? String(unchecked.firstId)
                : null);
            if (refused)
                throw refused;
        }
        const created = [];
        for (let version = from + 1; version <= catalog/* CATALOG_VERSION */.$i; version++) {
            for (const object of STEPS[version - 1]) {
                if (this.has(object))
                    continue;
                this.db.exec(object.sql);
                created.push(describeObject(object));
            }
        }
        for (let version = from + 1; version <= catalog/* CATALOG_VERSION */.$i; version++)
            this.run(RECORD_VERSION, { Version: version });
        return { from, to: Math.max(from, catalog/* CATALOG_VERSION */.$i), created };
    }
    has(object) {
        return object.kind === 'column'
            ? this.one(COLUMN_EXISTS, { Table: object.table, Name: object.name }) !== undefined
            : this.one(OBJECT_EXISTS, { Type: object.kind, Name: object.name }) !== undefined;
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
    /**
     * The file is already locked (BEGIN IMMEDIATE), every package with it; this finds the package,
     * registering it for a begin, and the packages the lock stands for: a parent execution's
     * package first, then the package itself.
     */
    lockedPackages(lock) {
        const locked = [];
        let packageId = null;
        if ('executionId' in lock) {
            const found = this.one(PACKAGE_IDS_OF_EXECUTION, { ExecutionID: id(lock.executionId) });
            if (found) {
                if (found.parentPackageId !== null)
                    locked.push(Number(found.parentPackageId));
                packageId = Number(found.packageId);
            }
        }
        else {
            if (lock.parentExecutionId !== undefined) {
                const parent = this.one(PACKAGE_ID_OF_EXECUTION, { ExecutionID: id(lock.parentExecutionId) });
                if (parent)
                    locked.push(Number(parent.packageId));
            }
            if (lock.register !== undefined) {
                this.run(REGISTER_PACKAGE, {
                    PackageName: lock.packageName,
                    RetryLimit: lock.register.retryLimit,
                    IsBatch: lock.register.isBatch ? 1 : 0,
                });
            }
            const found = this.one(PACKAGE_ID_BY_NAME, { PackageName: lock.packageName });
            if (found)
                packageId = Number(found.packageId);
        }
        if (packageId !== null)
            locked.push(packageId);
        return { packageId, locked };
    }
}
class SqliteTransaction {
    catalog;
    packageId;
    commit;
    byPackage;
    /** The packages this transaction has locked: its own, a parent's, and those of lockPackages. */
    locked;
    constructor(catalog, packageId, locked, commit) {
        this.catalog = catalog;
        this.packageId = packageId;
        this.commit = commit;
        this.byPackage = { PackageID: packageId ?? -1 };
        this.locked = new Set(locked);
    }
    /** The locked PackageIDs, for the writes that may change an execution of any of them. */
    get byLocked() {
        return { Locked: idList(this.locked) };
    }
    /** The writes that belong to the locked package need one: without it, the caller has a bug. */
    ownPackage(what) {
        if (this.packageId === null)
            throw new Error(`No package matches this transaction's lock, so it cannot ${what}.`);
        return this.byPackage;
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
    async lastEndedExecution() {
        return this.catalog.execution(LAST_ENDED_EXECUTION, this.byPackage);
    }
    async execution(executionId) {
        return this.catalog.execution(EXECUTION_BY_ID, { ...this.byPackage, ExecutionID: id(executionId) });
    }
    async parentOf(executionId) {
        return this.catalog.execution(PARENT_OF, { ExecutionID: id(executionId) });
    }
    async anyExecution(executionId) {
        return this.catalog.execution(ANY_EXECUTION_BY_ID, { ExecutionID: id(executionId) });
    }
    async children(parentExecutionId) {
        return this.catalog.all(CHILDREN, { ParentExecutionID: id(parentExecutionId) }).map(rows/* toExecutionRow */.q$);
    }
    async auditedExecutions(executionIds, actions) {
        if (executionIds.length === 0)
            return [];
        return this.catalog
            .all(AUDITED_EXECUTIONS, { ExecutionIDs: idList(new Set(executionIds)), Actions: JSON.stringify(actions) })
            .map((row) => String(row.executionId));
    }
    async lastExecutionWithStatus(status, beforeExecutionId) {
        const found = this.catalog.one(LAST_EXECUTION_WITH_STATUS, {
            ...this.byPackage,
            ExecutionStatus: status,
            Before: optionalId(beforeExecutionId),
        });
        return found ? String(found.executionId) : null;
    }
    async variables() {
        return this.catalog.all(VARIABLES, this.byPackage).map(rows/* toVariable */.G2);
    }
    async executionAudit(executionId, action) {
        return this.catalog
            .all(EXECUTION_AUDIT, { ...this.byPackage, ExecutionID: id(executionId), Action: action })
            .map(rows/* toAuditEntry */.BA);
    }
    async insertExecution(execution) {
        const inserted = this.catalog.one(INSERT_EXECUTION, {
            PackageID: execution.packageId,
            ParentExecutionID: optionalId(execution.parentExecutionId),
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
            ParentExecutionID: takeover.parentExecutionId === null ? null : id(takeover.parentExecutionId),
            RunKey: takeover.runKey,
            ...(0,rows/* contextValues */.S3)(takeover.context),
        });
        if (changed !== 1)
            throw new catalog/* LockViolation */.RC(takeover.executionId);
    }
    async finishExecution(finish) {
        const changed = this.catalog.run(FINISH_EXECUTION, { ...this.byLocked, ...finishValues(finish) });
        if (changed !== 1)
            throw new catalog/* LockViolation */.RC(finish.executionId);
        return (await this.anyExecution(finish.executionId));
    }
    async refinishExecution(finish, endedAs) {
        const changed = this.catalog.run(REFINISH_EXECUTION, {
            ...this.byLocked,
            ...finishValues(finish),
            EndedAs: endedAs,
        });
        if (changed !== 1)
            throw new catalog/* LockViolation */.RC(finish.executionId);
        return (await this.anyExecution(finish.executionId));
    }
    async setNextLoadStatus(executionId, nextLoadStatus) {
        const changed = this.catalog.run(SET_NEXT_LOAD_STATUS, {
            ...this.byLocked,
            ExecutionID: id(executionId),
            NextLoadStatus: nextLoadStatus,
        });
        if (changed !== 1)
            throw notLocked([executionId]);
        return (await this.anyExecution(executionId));
    }
    async setNextLoadStatuses(executionIds, nextLoadStatus) {
        if (executionIds.length === 0)
            return;
        const distinct = new Set(executionIds);
        const changed = this.catalog.run(SET_NEXT_LOAD_STATUSES, {
            ...this.byLocked,
            ExecutionIDs: idList(distinct),
            NextLoadStatus: nextLoadStatus,
        });
        if (changed !== distinct.size)
            throw notLocked([...distinct]);
    }
    /** The file's lock already holds every package: these only join the set this transaction writes to. */
    async lockPackages(packageIds) {
        for (const packageId of packageIds)
            this.locked.add(packageId);
    }
    async markBatch() {
        this.catalog.run(MARK_BATCH, this.ownPackage('mark it as a batch'));
    }
    async registerVariables(defaults) {
        if (defaults.length === 0)
            return;
        const byPackage = this.ownPackage('register variables');
        for (const { name, value } of defaults) {
            this.catalog.run(REGISTER_VARIABLE, { ...byPackage, VariableName: name, VariableValue: value });
        }
    }
    async storeVariables(values, executionId) {
        if (values.length === 0)
            return;
        const byPackage = this.ownPackage('store variables');
        const ExecutionID = optionalId(executionId);
        for (const { name, value } of values) {
            this.catalog.run(STORE_VARIABLE, { ...byPackage, VariableName: name, VariableValue: value, ExecutionID });
        }
    }
    async saveRowCounts(executionId, counts) {
        const ExecutionID = id(executionId);
        for (const { objectName, countType, rowCount } of counts) {
            this.catalog.run(SAVE_ROW_COUNT, {
                ExecutionID,
                ObjectName: objectName,
                CountType: countType,
                RowCount: rowCount,
            });
        }
    }
    async recordAudit(entry) {
        if (this.packageId === null)
            return;
        this.catalog.run(RECORD_AUDIT, {
            ...this.byPackage,
            ExecutionID: optionalId(entry.executionId),
            Action: entry.action,
            Detail: entry.detail,
            Actor: entry.actor,
        });
    }
    async setEnabled(enabled) {
        this.catalog.run(SET_ENABLED, { ...this.byPackage, IsEnabled: enabled ? 1 : 0 });
        return this.package();
    }
    async packageNamed(packageName) {
        const raw = this.catalog.one(PACKAGE_BY_NAME, { PackageName: packageName });
        return raw ? (0,rows/* toPackageRow */.GK)(raw) : null;
    }
    async renamePackage(newName) {
        this.catalog.run(RENAME_PACKAGE, { ...this.ownPackage('rename it'), NewName: newName });
        return (await this.package());
    }
    async deletePackage() {
        const byPackage = this.ownPackage('delete it');
        const counts = DELETE_PACKAGE.map((statement) => this.catalog.run(statement, byPackage));
        return { executions: counts[3] };
    }
    async purgeCandidates(olderThanMinutes, afterExecutionId, limit) {
        return this.catalog
            .all(PURGE_CANDIDATES, {
            ...this.byPackage,
            Minutes: olderThanMinutes,
            After: optionalId(afterExecutionId),
            Limit: limit,
        })
            .map(rows/* toExecutionStanding */.g0);
    }
    async standings(executionIds, olderThanMinutes) {
        if (executionIds.length === 0)
            return [];
        return this.catalog
            .all(STANDINGS, { ExecutionIDs: idList(executionIds), Minutes: olderThanMinutes })
            .map(rows/* toExecutionStanding */.g0);
    }
    async childStandings(parentExecutionIds, olderThanMinutes) {
        if (parentExecutionIds.length === 0)
            return [];
        return this.catalog
            .all(CHILD_STANDINGS, { ExecutionIDs: idList(parentExecutionIds), Minutes: olderThanMinutes })
            .map(rows/* toExecutionStanding */.g0);
    }
    async deleteExecutions(executionIds) {
        if (executionIds.length === 0)
            return 0;
        const params = { ...this.ownPackage('delete executions'), ExecutionIDs: idList(executionIds) };
        this.catalog.run(DELETE_ROW_COUNTS, params);
        this.catalog.run(DELETE_EXECUTION_AUDIT, params);
        return this.catalog.run(DELETE_EXECUTIONS, params);
    }
    async deleteOldAudit(olderThanMinutes, limit) {
        if (this.packageId === null)
            return 0;
        return this.catalog.run(DELETE_OLD_AUDIT, { ...this.byPackage, Minutes: olderThanMinutes, Limit: limit });
    }
}
const filterValues = (filter) => ({
    Since: filter.sinceMinutes ?? null,
    Statuses: filter.statuses === undefined ? null : JSON.stringify(filter.statuses),
});
const finishValues = (finish) => ({
    ExecutionID: id(finish.executionId),
    ExecutionStatus: finish.executionStatus,
    NextLoadStatus: finish.nextLoadStatus,
    ErrorMessage: finish.errorMessage,
});
/** A write to an execution of a package the transaction did not lock (or to none): a bug in its caller. */
const notLocked = (executionIds) => new Error(`Execution ${executionIds.join(', ')} is not an execution of a package this transaction has locked: nothing was changed.`);


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
