/**
 * The SQLite catalog's tables (docs/catalog.md), one file one catalog: plain tables, no schema.
 * VERSIONS says what each version of the catalog holds, for shape.ts to judge a file by; STEPS
 * says what each version adds, for migrate to create what is missing. The column names are a
 * public contract: users query them. The statements that read and write them are in statements.ts.
 */
import type { TableShape, TypeKind } from '../shape.js';
import { tableVersionsStoring } from '../catalog.js';
import { EXECUTION_CHECKS } from '../shape.js';
import type { CatalogSchema } from '../sql/driver.js';
import {
  foundObjects,
  inspectionOf,
  migrationSteps,
  stepNames,
  type CatalogObject,
  type InspectWords,
} from '../sql/migration.js';

/** The catalog's clock: UTC, ISO 8601 with milliseconds. */
export const UTC_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * The kind of a column's declared type, as pragma_table_info reports it (INTEGER, TEXT,
 * VARCHAR(128), '' for none, ...). SQLite stores booleans as INTEGER and timestamps as TEXT, so
 * the shapes below say integer and text for them.
 */
export function typeKind(declared: string | null): TypeKind | null {
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
export const VERSIONS: TableShape[][] = tableVersionsStoring({ boolean: 'integer', timestamp: 'text', letter: 'text' });

/**
 * What each version adds: STEPS[n - 1] takes a catalog from version n - 1 to n. A new catalog
 * goes through every step, so it ends up exactly like an upgraded one. Version 1 is the first
 * release's schema, as it was; later steps only add (ALTER TABLE ... ADD COLUMN keeps the rows).
 */
export const STEPS: CatalogObject[][] = [
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
    ...(['INSERT', 'UPDATE'] as const).map((event): CatalogObject => ({
      kind: 'trigger',
      table: 'Execution',
      name: `CK_Execution_${event === 'INSERT' ? 'Insert' : 'Update'}`,
      ddl: `CREATE TRIGGER CK_Execution_${event === 'INSERT' ? 'Insert' : 'Update'}
BEFORE ${event === 'INSERT' ? 'INSERT' : 'UPDATE OF EndTime, ExecutionStatus, RetryCount'} ON Execution
WHEN NOT (${EXECUTION_CHECKS.map((check) => `(${check.replace(/\b(EndTime|ExecutionStatus|RetryCount)\b/g, 'NEW.$1')})`).join(' AND ')})
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
const named = (kind: 'table' | 'index' | 'trigger') =>
  `lower(m.name) IN (SELECT lower(value) FROM json_each('${JSON.stringify(stepNames(STEPS, kind))}'))`;

/**
 * What the file holds, in one row of JSON lists (migration.ts's InspectAnswer): our tables'
 * columns and those of them an insert must fill (NOT NULL, no default, not the rowid's alias), the
 * objects of our tables' names that are no tables (their sqlite_master type is the word for them),
 * and the indexes and triggers of ours that are there.
 */
export const INSPECT = `
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

const WORDS: InspectWords = { typeKind, objectKind: (kind) => kind };

/** The catalog in one SQLite file, as the SQL core inspects and migrates it. */
export function catalogSchema(location: string): CatalogSchema {
  return {
    where: `the SQLite file ${location}`,
    foreignTableFix: 'point bfx-begin at another SQLite file.',
    versions: VERSIONS,
    inspection: (answer) => inspectionOf(answer, WORDS),
    migration: (from, answer) => migrationSteps(STEPS, from, foundObjects(answer), (object) => object.ddl),
  };
}
