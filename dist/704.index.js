export const id = 704;
export const ids = [704];
export const modules = {

/***/ 78836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B6: () => (/* binding */ foundObjects),
/* harmony export */   Ms: () => (/* binding */ inspectionOf),
/* harmony export */   Ve: () => (/* binding */ stepNames),
/* harmony export */   W$: () => (/* binding */ migrationSteps)
/* harmony export */ });
/* unused harmony exports readInspectAnswer, isPresent, describeObject */
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97008);
/**
 * The migration plan, written once for every engine: the objects each catalog version adds, the
 * names INSPECT looks for, how its answer reads (for shape.ts, and as the objects a catalog
 * already holds), and how a migration names what it created. An engine's schema.ts says only what
 * differs: its steps (the DDL per version, as CatalogObjects), its INSPECT text, its words for
 * type names and object kinds, and the text it sends for an object (the DDL as it is, or wrapped
 * in the engine's own guard).
 */

/**
 * The names of the objects of a kind the steps create, once each, as the steps write them: what
 * INSPECT looks for (a catalog version's objects are all in the steps, so no list of names is kept
 * beside them).
 */
function stepNames(steps, kind) {
    const names = steps.flat().flatMap((object) => {
        if (object.kind !== kind)
            return [];
        return object.kind === 'table' ? [object.table] : 'name' in object ? [object.name] : [];
    });
    return [...new Set(names)];
}
const INSPECT_FIELDS = ['schemas', 'columns', 'required', 'others', 'indexes', 'constraints', 'triggers'];
/** INSPECT's one row, its lists read (no row: nothing found). */
function readInspectAnswer(answer) {
    const row = answer.rows[0] ?? {};
    const list = (value) => Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? JSON.parse(value) : [];
    return Object.fromEntries(INSPECT_FIELDS.map((field) => [field, list(row[field])]));
}
/** INSPECT's answer as shape.ts judges a catalog (the core adds RECORDED_VERSION's). */
function inspectionOf(answer, words) {
    const found = readInspectAnswer(answer);
    return {
        columns: found.columns.map(({ table, column, type }) => ({ table, column, kind: words.typeKind(type) })),
        others: found.others.map(({ name, kind }) => ({ name, kind: words.objectKind(kind) })),
        required: found.required,
    };
}
/** INSPECT's answer as the objects the steps create that the catalog already holds. */
function foundObjects(answer) {
    const found = readInspectAnswer(answer);
    const names = (objects) => objects.map((object) => object.name);
    return {
        schemas: names(found.schemas),
        tables: found.columns.map((column) => column.table),
        columns: found.columns,
        required: found.required,
        indexes: found.indexes,
        constraints: names(found.constraints),
        triggers: names(found.triggers),
    };
}
const same = (a, b) => a.toLowerCase() === b.toLowerCase();
const sameColumn = (a, b) => same(a.table, b.table) && same(a.column, b.column);
/** Whether the catalog held the object before the migration began, by what INSPECT found. */
function isPresent(object, found) {
    switch (object.kind) {
        case 'schema':
            return found.schemas.some((name) => same(name, object.name));
        case 'table':
            return found.tables.some((name) => same(name, object.table));
        case 'column':
            return found.columns.some((column) => sameColumn(column, object));
        // A table still to be created is made with the column NOT NULL first, then altered.
        case 'nullable':
            return (found.columns.some((column) => sameColumn(column, object)) &&
                !found.required.some((column) => sameColumn(column, object)));
        case 'index':
            return found.indexes.some((index) => object.clustered
                ? index.clustered === true && same(index.table ?? '', object.table)
                : same(index.name, object.name) && (index.table === undefined || same(index.table, object.table)));
        case 'constraint':
            return found.constraints.some((name) => same(name, object.name));
        case 'trigger':
            return found.triggers.some((name) => same(name, object.name));
    }
}
/**
 * How a migration names what it created: 'schema bfx', 'table Package', 'column Package.IsBatch',
 * 'nullable column AuditLog.PackageID', 'index IX_Execution_Parent', 'constraint CK_Execution_EndTime',
 * 'trigger CK_Execution_Insert'.
 */
function describeObject(object) {
    switch (object.kind) {
        case 'schema':
            return `schema ${object.name}`;
        case 'table':
            return `table ${object.table}`;
        case 'column':
            return `column ${object.table}.${object.column}`;
        case 'nullable':
            return `nullable column ${object.table}.${object.column}`;
        default:
            return `${object.kind} ${object.name}`;
    }
}
/**
 * What brings a catalog at version `from` (0: empty) to CATALOG_VERSION: the objects of the later
 * steps (steps[n - 1] takes a catalog from version n - 1 to n) that the catalog lacks, in order,
 * each as the text the engine sends (`position`: its place among those created) and in words.
 */
function migrationSteps(steps, from, found, text) {
    if (steps.length !== _catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOG_VERSION */ .$i)
        throw new Error('The migration steps do not reach CATALOG_VERSION.');
    return steps
        .slice(from)
        .flat()
        .filter((object) => !isPresent(object, found))
        .map((object, position) => ({ text: text(object, position), creates: describeObject(object) }));
}


/***/ }),

/***/ 1704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openDriver: () => (/* binding */ openDriver)
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
// EXTERNAL MODULE: ./src/catalog/sql/driver.ts
var driver = __webpack_require__(10912);
// EXTERNAL MODULE: ./src/catalog/turns.ts
var turns = __webpack_require__(18471);
// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __webpack_require__(89017);
;// CONCATENATED MODULE: ./src/catalog/sqlite/faults.ts
/**
 * SQLite faults: none is transient (a busy file is waited on for the busy timeout, in process), a
 * guard is checked by the driver (GuardFailure), and the errors the user can act on are each one
 * sentence.
 */



/** The faults of the SQLite catalog at `location`, whose busy timeout is busyTimeoutMs. */
function faults(location, busyTimeoutMs) {
    return {
        isTransient: () => false,
        isConnectionLoss: () => false,
        isGuardFailure: (error) => error instanceof driver/* GuardFailure */.Q,
        isUniqueViolation,
        schedule: (0,retry/* backoffSchedule */.ST)(),
        explain: (error) => explain(error, location, busyTimeoutMs),
    };
}
// Primary result codes: node:sqlite reports extended ones (SQLITE_BUSY_SNAPSHOT is 517), whose
// low byte is the primary code.
const SQLITE_BUSY = 5;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;
// Extended result codes of SQLITE_CONSTRAINT (19).
const SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
const SQLITE_CONSTRAINT_UNIQUE = 2067;
/** A write met another row's unique key (SQLITE_CONSTRAINT_UNIQUE, or _PRIMARYKEY). */
function isUniqueViolation(error) {
    const code = error?.errcode;
    return code === SQLITE_CONSTRAINT_UNIQUE || code === SQLITE_CONSTRAINT_PRIMARYKEY;
}
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

// EXTERNAL MODULE: ./src/catalog/shape.ts
var shape = __webpack_require__(62062);
// EXTERNAL MODULE: ./src/catalog/sql/migration.ts
var migration = __webpack_require__(78836);
;// CONCATENATED MODULE: ./src/catalog/sqlite/schema.ts



/** The catalog's clock: UTC, ISO 8601 with milliseconds. */
const UTC_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
/**
 * The kind of a column's declared type, as pragma_table_info reports it (INTEGER, TEXT,
 * VARCHAR(128), '' for none, ...). SQLite stores booleans as INTEGER and timestamps as TEXT, so
 * the shapes below say integer and text for them.
 */
function typeKind(declared) {
    const name = (declared ?? '').replace(/\(.*$/s, '').trim().toLowerCase();
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
/**
 * The tables of each version, for shape.ts: SQLite keeps booleans as INTEGER, timestamps and status
 * letters as TEXT. It has no fixed-length text (a declared CHAR(1) is a name only), so its text
 * columns are judged as text, whatever they were declared.
 */
const VERSIONS = (0,catalog/* tableVersionsStoring */.uY)({ boolean: 'integer', timestamp: 'text', letter: 'text' });
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
            ddl: `
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
            ddl: `
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
            ddl: `CREATE INDEX IX_Execution_Package_RunKey ON Execution (PackageID, RunKey)`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'IX_Execution_Package_Latest',
            ddl: `CREATE INDEX IX_Execution_Package_Latest ON Execution (PackageID, ExecutionID)`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'UX_Execution_Package_Active',
            ddl: `CREATE UNIQUE INDEX UX_Execution_Package_Active ON Execution (PackageID) WHERE EndTime IS NULL`,
        },
    ],
    [
        {
            kind: 'table',
            table: 'CatalogVersion',
            ddl: `
CREATE TABLE CatalogVersion (
  Version      INTEGER PRIMARY KEY,
  AppliedTime  TEXT    NOT NULL DEFAULT (${UTC_NOW})
)`,
        },
        {
            kind: 'column',
            table: 'Package',
            column: 'IsBatch',
            ddl: `ALTER TABLE Package ADD COLUMN IsBatch INTEGER NOT NULL DEFAULT 0 CHECK (IsBatch IN (0, 1))`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'IX_Execution_Parent',
            ddl: `CREATE INDEX IX_Execution_Parent ON Execution (ParentExecutionID)`,
        },
        {
            kind: 'table',
            table: 'ConfigVariable',
            ddl: `
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
            ddl: `
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
            ddl: `
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
            ddl: `CREATE INDEX IX_AuditLog_Package ON AuditLog (PackageID, AuditID)`,
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
            ddl: `CREATE INDEX IX_Execution_Package_Status ON Execution (PackageID, ExecutionStatus, ExecutionID)`,
        },
        {
            kind: 'index',
            table: 'Execution',
            name: 'IX_Execution_Package_Ended',
            ddl: `CREATE INDEX IX_Execution_Package_Ended ON Execution (PackageID, EndTime, ExecutionID)`,
        },
        {
            kind: 'index',
            table: 'AuditLog',
            name: 'IX_AuditLog_Execution',
            ddl: `CREATE INDEX IX_AuditLog_Execution ON AuditLog (ExecutionID, Action)`,
        },
        ...['INSERT', 'UPDATE'].map((event) => ({
            kind: 'trigger',
            table: 'Execution',
            name: `CK_Execution_${event === 'INSERT' ? 'Insert' : 'Update'}`,
            ddl: `CREATE TRIGGER CK_Execution_${event === 'INSERT' ? 'Insert' : 'Update'}
BEFORE ${event === 'INSERT' ? 'INSERT' : 'UPDATE OF EndTime, ExecutionStatus, RetryCount'} ON Execution
WHEN NOT (${shape/* EXECUTION_CHECKS */.n8.map((check) => `(${check.replace(/\b(EndTime|ExecutionStatus|RetryCount)\b/g, 'NEW.$1')})`).join(' AND ')})
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: an execution without an EndTime must be active (E, R or A), and RetryCount may not be below 0');
END`,
        })),
    ],
    // Version 4: AuditLog.PackageID may be null, for the record of a deleted package. SQLite cannot
    // drop a NOT NULL constraint, so the table is rebuilt (in the migration's transaction), keeping
    // every row, its AuditID and the AUTOINCREMENT counter, and its indexes are built again.
    [
        {
            kind: 'nullable',
            table: 'AuditLog',
            column: 'PackageID',
            ddl: `
CREATE TABLE AuditLog_v4 (
  AuditID      INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageID    INTEGER NULL REFERENCES Package (PackageID),
  ExecutionID  INTEGER NULL,
  Action       TEXT    NOT NULL,
  Detail       TEXT    NULL,
  Actor        TEXT    NULL,
  CreatedTime  TEXT    NOT NULL DEFAULT (${UTC_NOW})
);
INSERT INTO AuditLog_v4 (AuditID, PackageID, ExecutionID, Action, Detail, Actor, CreatedTime)
SELECT AuditID, PackageID, ExecutionID, Action, Detail, Actor, CreatedTime FROM AuditLog;
DELETE FROM sqlite_sequence WHERE name = 'AuditLog_v4';
INSERT INTO sqlite_sequence (name, seq) SELECT 'AuditLog_v4', seq FROM sqlite_sequence WHERE name = 'AuditLog';
DROP TABLE AuditLog;
ALTER TABLE AuditLog_v4 RENAME TO AuditLog;
CREATE INDEX IX_AuditLog_Package ON AuditLog (PackageID, AuditID);
CREATE INDEX IX_AuditLog_Execution ON AuditLog (ExecutionID, Action);`,
        },
    ],
];
/** Names of a kind the steps create, as a condition on sqlite_master's m.name (SQLite ignores their case). */
const named = (kind) => `lower(m.name) IN (SELECT lower(value) FROM json_each('${JSON.stringify((0,migration/* stepNames */.Ve)(STEPS, kind))}'))`;
/**
 * What the file holds, in one row of JSON lists (migration.ts's InspectAnswer): our tables'
 * columns and those of them an insert must fill (NOT NULL, no default, not the rowid's alias), the
 * objects of our tables' names that are no tables (their sqlite_master type is the word for them),
 * and the indexes and triggers of ours that are there.
 */
const INSPECT = `
SELECT
  (SELECT json_group_array(json_object('table', m.name, 'column', coalesce(c.name, ''), 'type', c.type))
     FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) c
    WHERE m.type = 'table' AND ${named('table')}) AS columns,
  (SELECT json_group_array(json_object('table', m.name, 'column', c.name))
     FROM sqlite_master m JOIN pragma_table_info(m.name) c
    WHERE m.type = 'table' AND ${named('table')} AND c."notnull" = 1 AND c.dflt_value IS NULL AND c.pk = 0) AS required,
  (SELECT json_group_array(json_object('name', m.name, 'kind', m.type))
     FROM sqlite_master m WHERE m.type IN ('view', 'index') AND ${named('table')}) AS others,
  (SELECT json_group_array(json_object('name', m.name))
     FROM sqlite_master m WHERE m.type = 'index' AND ${named('index')}) AS indexes,
  (SELECT json_group_array(json_object('name', m.name))
     FROM sqlite_master m WHERE m.type = 'trigger' AND ${named('trigger')}) AS triggers`;
const WORDS = { typeKind, objectKind: (kind) => kind };
/** The catalog in one SQLite file, as the SQL core inspects and migrates it. */
function catalogSchema(location) {
    return {
        where: `the SQLite file ${location}`,
        foreignTableFix: 'point bfx-begin at another SQLite file.',
        versions: VERSIONS,
        inspection: (answer) => (0,migration/* inspectionOf */.Ms)(answer, WORDS),
        migration: (from, answer) => (0,migration/* migrationSteps */.W$)(STEPS, from, (0,migration/* foundObjects */.B6)(answer), (object) => object.ddl),
    };
}

// EXTERNAL MODULE: ./src/catalog/rows.ts
var rows = __webpack_require__(98422);
;// CONCATENATED MODULE: ./src/catalog/sqlite/statements.ts
/**
 * The SQLite catalog's statements, one per StatementName (src/catalog/sql/driver.ts), values
 * bound by name (@Column, the names of the column maps); lists arrive as JSON arrays, read with
 * json_each. Statuses, names and values are never written here: they come in as values.
 *
 * The file is locked whole by BEGIN IMMEDIATE (driver.ts), so the lock statements only read the
 * rows the lock stands for. Every statement of the locked package finds it through the lock's key
 * (a subquery by name, or through the execution), so statements need no earlier answer and run in
 * order in one round trip.
 */




const asIs = (field) => field;
const PACKAGE_LIST = (0,rows/* packageSelectList */.Bv)('p', asIs);
const PACKAGE = `SELECT ${PACKAGE_LIST} FROM Package p`;
const EXECUTION = `SELECT ${(0,rows/* executionSelectList */.RW)(asIs)} FROM Execution e JOIN Package p ON p.PackageID = e.PackageID`;
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
const AUDIT_LIST = `${(0,rows/* selectList */.fr)('a', catalog/* AUDIT_COLUMNS */.kF, asIs)}, p.PackageName AS packageName`;
const AUDIT = `SELECT ${AUDIT_LIST} FROM AuditLog a JOIN Package p ON p.PackageID = a.PackageID`;
/** With the records of deleted packages (no PackageID, so no name). */
const AUDIT_OF_ANY = `SELECT ${AUDIT_LIST} FROM AuditLog a LEFT JOIN Package p ON p.PackageID = a.PackageID`;
const ROW_COUNT_LIST = (0,rows/* selectList */.fr)('r', catalog/* ROW_COUNT_COLUMNS */.Xs, asIs);
/** `Column AS field, ...` unqualified: RETURNING knows the updated table by its name only, not by an alias. */
const returning = (columns) => Object.entries(columns)
    .map(([field, column]) => `${column} AS ${field}`)
    .join(', ');
/** An updated Execution row as the reads answer it (RETURNING cannot join: its package's name by a subquery). */
const RETURNED_EXECUTION = `${returning(catalog/* EXECUTION_COLUMNS */.r9)},
  (SELECT p.PackageName FROM Package p WHERE p.PackageID = Execution.PackageID) AS packageName`;
const inJson = (parameter) => `IN (SELECT value FROM json_each(${parameter}))`;
/** The locked package's ID, found by the lock's key: by name, or through the execution. */
const LOCKED = {
    name: `(SELECT PackageID FROM Package WHERE PackageName = @PackageName)`,
    execution: `(SELECT PackageID FROM Execution WHERE ExecutionID = @LockExecutionID)`,
};
/** The parent execution's package: the one a begin names, or the locked execution's parent's. */
const PARENT = {
    name: `(SELECT PackageID FROM Execution WHERE ExecutionID = @LockParentExecutionID)`,
    execution: `(SELECT x.PackageID FROM Execution x
    WHERE x.ExecutionID = (SELECT ParentExecutionID FROM Execution WHERE ExecutionID = @LockExecutionID))`,
};
/**
 * One text per lock key, each with only its own subqueries (a fresh connection prepares every
 * statement of a begin: shorter texts prepare faster). Each is made when first read: a step uses
 * a few of these statements, and making all of them when the module is evaluated compiled and
 * ran each one's function, about a million instructions of every step's start-up
 * (docs/performance.md, start-up).
 */
class ByKey {
    text;
    #name;
    #execution;
    constructor(text) {
        this.text = text;
    }
    get name() {
        return (this.#name ??= this.text(LOCKED.name, PARENT.name));
    }
    get execution() {
        return (this.#execution ??= this.text(LOCKED.execution, PARENT.execution));
    }
}
const byKey = (text) => new ByKey(text);
/**
 * Executions of a package the transaction holds exclusively: its own, those of
 * LOCK_PACKAGES_EXCLUSIVE. Not its parent's: a child holds its batch's package shared, beside the
 * batch's other children, and changes none of its executions (the file lock would let it: the
 * statements keep to the locks every engine takes).
 */
const inLocked = (alias, locked) => `(${alias}.PackageID = ${locked} OR ${alias}.PackageID ${inJson('@LockedPackageIDs')})`;
/** The catalog's clock @Minutes (or another parameter) minutes ago, in the format StartTime is stored in. */
const minutesAgo = (parameter) => `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ${parameter} || ' minutes')`;
/** @Since (minutes) and @Statuses are null for no filter. */
const FILTERED = `(@Since IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
  AND (@Statuses IS NULL OR e.ExecutionStatus ${inJson('@Statuses')})`;
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
/**
 * What a begin returns after its writes, in one statement: the package's last execution with a
 * status, below @BeforeExecutionID when given (engine.test.ts reads its plan), on every row, beside
 * the variables (one row of null variable columns when there are none).
 */
const LAST_EXECUTION_AND_VARIABLES = byKey((locked) => `
SELECT l.executionId AS lastExecutionId, ${(0,rows/* selectList */.fr)('v', catalog/* VARIABLE_COLUMNS */.nl, asIs)}
FROM (SELECT (SELECT ExecutionID FROM Execution
               WHERE PackageID = ${locked} AND ExecutionStatus = @ExecutionStatus
                 AND (@BeforeExecutionID IS NULL OR ExecutionID < @BeforeExecutionID)
               ORDER BY ExecutionID DESC LIMIT 1) AS executionId) l
LEFT JOIN ConfigVariable v ON v.PackageID = ${locked}
ORDER BY v.VariableName`);
/** Ends an execution (FINISH and REFINISH) of a locked package, answering the row; the guard is the driver's. */
const finish = (ended) => byKey((locked) => `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
  ErrorMessage = @ErrorMessage
WHERE ExecutionID = @ExecutionID AND ${inLocked('Execution', locked)} AND ${ended}
RETURNING ${RETURNED_EXECUTION}`);
function statements() {
    return STATEMENTS;
}
const STATEMENTS = {
    LOCK_PARENT_PACKAGE_SHARED: byKey((_, parent) => `SELECT PackageID AS packageId FROM Package WHERE PackageID = ${parent}`),
    REGISTER_PACKAGE: `
INSERT INTO Package (PackageName, RetryLimit, IsBatch) VALUES (@PackageName, @RetryLimit, @IsBatch)
ON CONFLICT (PackageName) DO NOTHING`,
    LOCK_PACKAGE_EXCLUSIVE: byKey((locked) => `${PACKAGE} WHERE p.PackageID = ${locked}`),
    LOCK_PACKAGES_EXCLUSIVE: `SELECT PackageID AS packageId FROM Package WHERE PackageID ${inJson('@PackageIDs')} ORDER BY PackageID`,
    EXECUTION_WITH_RUN_KEY: byKey((locked) => `${EXECUTION} WHERE e.PackageID = ${locked} AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`),
    ACTIVE_EXECUTION: byKey((locked) => `${EXECUTION} WHERE e.PackageID = ${locked} AND e.EndTime IS NULL`),
    LATEST_EXECUTION: byKey((locked) => `${EXECUTION} WHERE e.PackageID = ${locked} ORDER BY e.ExecutionID DESC LIMIT 1`),
    LAST_ENDED_EXECUTION: byKey((locked) => `${EXECUTION} WHERE e.PackageID = ${locked} AND e.EndTime IS NOT NULL
ORDER BY e.EndTime DESC, e.ExecutionID DESC LIMIT 1`),
    EXECUTION_BY_ID: byKey((locked) => `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = ${locked}`),
    /** An end's reads in one statement: the execution, its parent and its children. */
    EXECUTION_FAMILY: byKey((locked) => {
        const parent = `(SELECT x.ParentExecutionID FROM Execution x WHERE x.ExecutionID = @ExecutionID)`;
        return `SELECT ${(0,rows/* executionSelectList */.RW)(asIs)}, e.ExecutionID = @ExecutionID AND e.PackageID = ${locked} AS isExecution,
  e.ExecutionID = ${parent} AS isParent, e.ParentExecutionID = @ExecutionID AS isChild
FROM Execution e JOIN Package p ON p.PackageID = e.PackageID
WHERE e.ExecutionID IN (@ExecutionID, ${parent}) OR e.ParentExecutionID = @ExecutionID
ORDER BY e.ExecutionID`;
    }),
    LAST_EXECUTION_AND_VARIABLES,
    VARIABLES: byKey((locked) => `
SELECT ${(0,rows/* selectList */.fr)('v', catalog/* VARIABLE_COLUMNS */.nl, asIs)} FROM ConfigVariable v WHERE v.PackageID = ${locked}
ORDER BY v.VariableName`),
    EXECUTION_AUDIT: byKey((locked) => `${AUDIT}
WHERE a.PackageID = ${locked} AND a.ExecutionID = @ExecutionID AND a.Action = @Action ORDER BY a.AuditID`),
    PACKAGE_AUDIT: byKey((locked) => `${AUDIT}
WHERE a.PackageID = ${locked} AND a.Action = @Action AND a.AuditID > COALESCE(@AfterAuditID, 0)
ORDER BY a.AuditID DESC LIMIT @Limit`),
    ANY_EXECUTION: `${EXECUTION} WHERE e.ExecutionID = @ExecutionID`,
    CHILDREN: `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID`,
    AUDITED_EXECUTIONS: `
SELECT DISTINCT ExecutionID AS executionId FROM AuditLog
WHERE ExecutionID ${inJson('@ExecutionIDs')} AND Action ${inJson('@Actions')}`,
    PACKAGE_NAMED: `${PACKAGE} WHERE p.PackageName = @OtherName`,
    INSERT_EXECUTION: `
INSERT INTO Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime, ErrorMessage,
  RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS executionId, StartTime AS startTime`,
    TAKE_OVER_EXECUTION: byKey((locked) => `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
  ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
WHERE ExecutionID = @ExecutionID AND PackageID = ${locked} AND EndTime IS NULL`),
    FINISH_EXECUTION: finish('EndTime IS NULL'),
    REFINISH_EXECUTION: finish('EndTime IS NOT NULL AND ExecutionStatus = @EndedAs'),
    SET_NEXT_LOAD_STATUS: byKey((locked) => `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus
WHERE ExecutionID = @ExecutionID AND ${inLocked('Execution', locked)}
RETURNING ${RETURNED_EXECUTION}`),
    SET_NEXT_LOAD_STATUSES: byKey((locked) => `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus
WHERE ExecutionID ${inJson('@ExecutionIDs')} AND ${inLocked('Execution', locked)}`),
    MARK_BATCH: byKey((locked) => `UPDATE Package SET IsBatch = 1 WHERE PackageID = ${locked}`),
    SET_ENABLED: byKey((locked) => `UPDATE Package SET IsEnabled = @IsEnabled WHERE PackageID = ${locked} RETURNING ${returning(catalog/* PACKAGE_COLUMNS */.zs)}`),
    REGISTER_VARIABLES: byKey((locked) => `
INSERT INTO ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, n.value, v.value, NULL, NULL, ${UTC_NOW}
  FROM Package p, json_each(@Names) n JOIN json_each(@Values) v ON v.key = n.key
 WHERE p.PackageID = ${locked}
ON CONFLICT (PackageID, VariableName) DO NOTHING`),
    // The SET expressions read the row as it was: PreviousValue gets the value being replaced.
    STORE_VARIABLES: byKey((locked) => `
INSERT INTO ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, n.value, v.value, NULL, @ExecutionID, ${UTC_NOW}
  FROM Package p, json_each(@Names) n JOIN json_each(@Values) v ON v.key = n.key
 WHERE p.PackageID = ${locked}
ON CONFLICT (PackageID, VariableName) DO UPDATE SET PreviousValue = VariableValue,
  VariableValue = excluded.VariableValue, ExecutionID = excluded.ExecutionID, UpdatedTime = excluded.UpdatedTime`),
    SAVE_ROW_COUNTS: `
INSERT INTO RowCount (ExecutionID, ObjectName, CountType, RowCount)
SELECT @ExecutionID, o.value, t.value, c.value
  FROM json_each(@ObjectNames) o JOIN json_each(@CountTypes) t ON t.key = o.key JOIN json_each(@RowCounts) c ON c.key = o.key
 WHERE true
ON CONFLICT (ExecutionID, ObjectName, CountType) DO UPDATE SET RowCount = excluded.RowCount`,
    RECORD_AUDIT: byKey((locked) => `
INSERT INTO AuditLog (PackageID, ExecutionID, Action, Detail, Actor)
SELECT PackageID, @ExecutionID, @Action, @Detail, @Actor FROM Package WHERE PackageID = ${locked}`),
    RECORD_DELETION: `
INSERT INTO AuditLog (PackageID, ExecutionID, Action, Detail, Actor) VALUES (NULL, NULL, @Action, @Detail, @Actor)`,
    RENAME_PACKAGE: byKey((locked) => `UPDATE Package SET PackageName = @NewName WHERE PackageID = ${locked} RETURNING ${returning(catalog/* PACKAGE_COLUMNS */.zs)}`),
    DELETE_PACKAGE_ROW_COUNTS: byKey((locked) => `DELETE FROM RowCount WHERE ExecutionID IN (SELECT ExecutionID FROM Execution WHERE PackageID = ${locked})`),
    DELETE_PACKAGE_AUDIT: byKey((locked) => `DELETE FROM AuditLog WHERE PackageID = ${locked}`),
    DELETE_PACKAGE_VARIABLES: byKey((locked) => `DELETE FROM ConfigVariable WHERE PackageID = ${locked}`),
    DELETE_PACKAGE_EXECUTIONS: byKey((locked) => `DELETE FROM Execution WHERE PackageID = ${locked}`),
    DELETE_PACKAGE: byKey((locked) => `DELETE FROM Package WHERE PackageID = ${locked}`),
    PURGE_CANDIDATES: byKey((locked) => `${STANDING}
WHERE e.PackageID = ${locked} AND e.StartTime < ${minutesAgo('@Minutes')}
  AND (@AfterExecutionID IS NULL OR e.ExecutionID > @AfterExecutionID)
ORDER BY e.ExecutionID LIMIT @Limit`),
    STANDINGS: `${STANDING} WHERE e.ExecutionID ${inJson('@ExecutionIDs')}`,
    CHILD_STANDINGS: `${STANDING} WHERE e.ParentExecutionID ${inJson('@ExecutionIDs')}`,
    DELETE_EXECUTION_ROW_COUNTS: byKey((locked) => `
DELETE FROM RowCount WHERE ExecutionID IN (
  SELECT ExecutionID FROM Execution WHERE PackageID = ${locked} AND ExecutionID ${inJson('@ExecutionIDs')})`),
    DELETE_EXECUTION_AUDIT: byKey((locked) => `DELETE FROM AuditLog WHERE PackageID = ${locked} AND ExecutionID ${inJson('@ExecutionIDs')}`),
    DELETE_EXECUTIONS: byKey((locked) => `DELETE FROM Execution WHERE PackageID = ${locked} AND ExecutionID ${inJson('@ExecutionIDs')}`),
    DELETE_OLD_AUDIT: byKey((locked) => `
DELETE FROM AuditLog WHERE AuditID IN (
  SELECT a.AuditID FROM AuditLog a
   WHERE a.PackageID = ${locked} AND a.CreatedTime < ${minutesAgo('@Minutes')}
     AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM Execution e WHERE e.ExecutionID = a.ExecutionID))
   ORDER BY a.AuditID LIMIT @Limit)`),
    STATUS_PACKAGES: `${PACKAGE} WHERE @PackageName IS NULL OR p.PackageName = @PackageName ORDER BY p.PackageName`,
    STATUS_LATEST: `
SELECT ${(0,rows/* executionSelectList */.RW)(asIs)}, bp.PackageName AS batchPackageName
FROM Package k JOIN Execution e ON e.ExecutionID = (SELECT max(x.ExecutionID) FROM Execution x WHERE x.PackageID = k.PackageID)
JOIN Package p ON p.PackageID = e.PackageID
LEFT JOIN Execution pe ON pe.ExecutionID = e.ParentExecutionID
LEFT JOIN Package bp ON bp.PackageID = pe.PackageID
WHERE @PackageName IS NULL OR k.PackageName = @PackageName`,
    STATUS_ACTIVE: `${EXECUTION} WHERE e.EndTime IS NULL AND (@PackageName IS NULL OR p.PackageName = @PackageName)`,
    HISTORY: `${EXECUTION} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC LIMIT @Limit`,
    FILTERED_HISTORY: `${EXECUTION} WHERE p.PackageName = @PackageName AND ${FILTERED}
ORDER BY e.ExecutionID DESC LIMIT @Limit`,
    RUNS: `${EXECUTION} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC LIMIT @Limit`,
    NOW: `SELECT ${UTC_NOW} AS now`,
    PACKAGE_VARIABLES: `
SELECT p.PackageID AS packageId, ${(0,rows/* selectList */.fr)('v', catalog/* VARIABLE_COLUMNS */.nl, asIs)}
FROM Package p LEFT JOIN ConfigVariable v ON v.PackageID = p.PackageID
WHERE p.PackageName = @PackageName ORDER BY v.VariableName`,
    ROW_COUNTS: `
SELECT ${ROW_COUNT_LIST} FROM RowCount r WHERE r.ExecutionID ${inJson('@ExecutionIDs')}
ORDER BY r.ExecutionID, r.ObjectName, r.CountType`,
    AUDIT: `${AUDIT} WHERE p.PackageName = @PackageName ORDER BY a.AuditID DESC LIMIT @Limit`,
    REPORT_CLOCK: `SELECT ${UTC_NOW} AS now, ${minutesAgo('@Minutes')} AS since`,
    REPORT_PACKAGES: `${PACKAGE} ORDER BY p.PackageName`,
    /**
     * The window's executions and those that tell where each package stands: its latest, its
     * active one, its latest with @Succeeded, and the batch executions the window's children ran
     * under. `GROUP BY +x.PackageID` keeps SQLite from walking the (PackageID, ExecutionID) index for
     * the last success, which reads every row in index order to test its status (2 s at a million
     * rows), rather than the table in its own order (0.25 s).
     */
    REPORT_EXECUTIONS: `
${EXECUTION}
WHERE e.StartTime >= ${minutesAgo('@Minutes')} OR e.EndTime IS NULL
   OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM Execution x GROUP BY x.PackageID)
   OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM Execution x WHERE x.ExecutionStatus = @Succeeded GROUP BY +x.PackageID)
   OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM Execution x
                         WHERE x.StartTime >= ${minutesAgo('@Minutes')} AND x.ParentExecutionID IS NOT NULL)
ORDER BY e.ExecutionID`,
    /** From the window's executions to their counts (CROSS JOIN fixes that order): not every count to its execution. */
    REPORT_ROW_COUNTS: `
SELECT ${ROW_COUNT_LIST} FROM Execution e CROSS JOIN RowCount r ON r.ExecutionID = e.ExecutionID
WHERE e.StartTime >= ${minutesAgo('@Minutes')}
ORDER BY r.ExecutionID, r.ObjectName, r.CountType`,
    REPORT_AUDIT: `${AUDIT_OF_ANY} WHERE a.CreatedTime >= ${minutesAgo('@Minutes')} ORDER BY a.AuditID`,
    // BEGIN IMMEDIATE holds the file's write lock: migrations take turns already.
    MIGRATE_LOCK: `SELECT 1 AS locked`,
    INSPECT: INSPECT,
    RECORDED_VERSION: `SELECT max(Version) AS version FROM CatalogVersion`,
    UPGRADE_SIZE: `
SELECT (SELECT max(ExecutionID) FROM Execution) AS executions,
       (SELECT count(*) FROM Execution WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS unchecked,
       (SELECT min(ExecutionID) FROM Execution WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS firstUnchecked`,
    RECORD_VERSIONS: `
INSERT INTO CatalogVersion (Version) SELECT value FROM json_each(@Versions) WHERE true ON CONFLICT (Version) DO NOTHING`,
};

;// CONCATENATED MODULE: ./src/catalog/sqlite/driver.ts
/**
 * The embedded catalog's driver, on node:sqlite. A package transaction (and a migration) is BEGIN
 * IMMEDIATE: it takes the file's write lock before reading, so it holds every package's lock at
 * once (the lock statements only read the rows they stand for), parallel processes on one file are
 * applied one after another, and a busy file is waited on (the busy timeout) rather than failed.
 * node:sqlite is synchronous: a round trip runs its steps in process, in order, and stops at the
 * first that fails; the steps after it answer that failure, a COMMIT among them included, and the
 * transaction stays open until the core rolls it back.
 */










function openDriver(path, options) {
    return new SqliteDriver((0,external_node_path_.resolve)(path), options);
}
/**
 * Transactions on one file in this process take turns, whatever connection they are on: a
 * transaction awaits between its round trips, and another connection's BEGIN IMMEDIATE meanwhile
 * would wait synchronously on the busy timeout, blocking the very event loop the lock holder needs
 * to finish. A turn lasts from BEGIN to COMMIT or ROLLBACK.
 */
const turnsByFile = new Map();
/** Values as node:sqlite binds them: IDs as BigInt (exact above 2^53), lists as JSON for json_each, booleans as 0 / 1. */
function bind(params) {
    const bound = {};
    for (const [name, value] of Object.entries(params)) {
        if (Array.isArray(value)) {
            // ID lists are decimal digits, checked by the core: written as JSON numbers, read as integers.
            const ids = /IDs$/.test(name);
            bound[name] =
                `[${value.map((item) => (ids || typeof item === 'number' ? String(item) : JSON.stringify(item))).join(',')}]`;
        }
        else if (typeof value === 'boolean') {
            bound[name] = value ? 1 : 0;
        }
        else if (typeof value === 'string' && /ExecutionID$/.test(name)) {
            bound[name] = BigInt(value);
        }
        else {
            bound[name] = value;
        }
    }
    return bound;
}
const WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;
class SqliteDriver {
    location;
    options;
    engine = 'sqlite';
    statements = statements();
    schema;
    faults;
    db;
    prepared = new Map();
    turns;
    /** The end of the file's turn this connection holds (from BEGIN to COMMIT or ROLLBACK). */
    release;
    /** A migration sets WAL once it has committed (the mode is stored in the file; never inside a transaction). */
    migrating = false;
    constructor(location, options) {
        this.location = location;
        this.options = options;
        this.schema = catalogSchema(location);
        this.faults = faults(location, options.requestTimeoutMs);
        this.turns = turnsByFile.get(location) ?? new turns/* Turns */.P();
        turnsByFile.set(location, this.turns);
    }
    async connect() {
        if (this.db?.isOpen)
            return;
        const found = statOf(this.location);
        if (found?.isDirectory()) {
            throw new errors/* BfxError */.J(`The SQLite catalog ${this.location} is a folder, not a file, so nothing was read or changed: ` +
                `point bfx-begin at a file, such as ${(0,external_node_path_.join)(this.location, 'catalog.db')}.`);
        }
        if (!found) {
            if (!this.options.createCatalog) {
                const { because, create } = this.options.noCreate ?? catalog/* ACTION_NO_CREATE */.c3;
                throw new errors/* BfxError */.J(`The SQLite catalog ${this.location} does not exist and ${because}, so nothing was created: ${create}.`);
            }
            makeFolder((0,external_node_path_.dirname)(this.location), this.location);
        }
        this.db = new external_node_sqlite_.DatabaseSync(this.location, {
            timeout: this.options.requestTimeoutMs,
            enableForeignKeyConstraints: true,
            readBigInts: true,
        });
    }
    async send(steps) {
        const db = this.db;
        if (!db?.isOpen)
            throw new Error('The SQLite catalog was closed.');
        if (steps[0]?.kind === 'begin')
            await this.takeTurn();
        const outcomes = [];
        let failure;
        for (const step of steps) {
            if (failure) {
                outcomes.push({ ok: false, error: failure.error });
                continue;
            }
            try {
                outcomes.push({ ok: true, answer: this.run(db, step) });
            }
            catch (error) {
                failure = { error };
                outcomes.push({ ok: false, error });
                // A BEGIN that failed (the file stayed busy) holds nothing.
                if (step.kind === 'begin')
                    this.endTurn();
            }
        }
        return outcomes;
    }
    run(db, step) {
        switch (step.kind) {
            case 'begin':
                db.exec(step.mode === 'snapshot' ? 'BEGIN' : 'BEGIN IMMEDIATE');
                this.migrating = step.mode === 'migrate';
                return { rows: [], changed: 0 };
            case 'commit':
                db.exec('COMMIT');
                // WAL lets readers (status, history) run beside a writer; set in this connection's turn.
                if (this.migrating)
                    db.exec('PRAGMA journal_mode = WAL');
                this.endTurn();
                return { rows: [], changed: 0 };
            case 'ddl':
                db.exec(step.text);
                return { rows: [], changed: 0 };
            case 'statement': {
                const statement = this.prepare(db, step.text);
                const params = bind(step.params);
                let answer;
                if (statement.columns().length === 0) {
                    answer = { rows: [], changed: Number(statement.run(params).changes) };
                }
                else {
                    const rows = statement.all(params);
                    answer = { rows, changed: WRITE.test(step.text) ? rows.length : 0 };
                }
                // One statement at a time: a guarded one that did not change its rows fails here, before the COMMIT runs.
                if (step.guarded !== undefined && answer.changed !== step.guarded)
                    throw new driver/* GuardFailure */.Q(`${step.name} changed ${answer.changed} rows, not ${step.guarded}.`);
                return answer;
            }
        }
    }
    /** Statements are prepared once per connection (a status reads three). */
    prepare(db, text) {
        let statement = this.prepared.get(text);
        if (!statement) {
            statement = db.prepare(text);
            // Every statement gets the lock's values, whether it uses them or not.
            statement.setAllowUnknownNamedParameters(true);
            this.prepared.set(text, statement);
        }
        return statement;
    }
    async takeTurn() {
        let release;
        const turnEnds = new Promise((resolve) => (release = resolve));
        let started;
        const turnStarts = new Promise((resolve) => (started = resolve));
        void this.turns.run(() => {
            started();
            return turnEnds;
        });
        await turnStarts;
        this.release = release;
    }
    endTurn() {
        this.migrating = false;
        this.release?.();
        this.release = undefined;
    }
    async rollback() {
        try {
            if (this.db?.isTransaction)
                this.db.exec('ROLLBACK');
        }
        catch {
            this.drop();
        }
        this.endTurn();
    }
    drop() {
        this.prepared.clear();
        if (this.db?.isOpen)
            this.db.close();
        this.db = undefined;
        this.endTurn();
    }
    async close() {
        this.drop();
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


/***/ })

};
