/**
 * The SQLite catalog's tables (docs/catalog.md), one file one catalog: plain tables, no schema.
 * VERSIONS says what each version of the catalog holds, for shape.ts to judge a file by; STEPS
 * says what each version adds, for migrate to create what is missing. The column names are a
 * public contract: users query them. The statements that read and write them are in statements.ts.
 */
import type { TableShape, TypeKind } from '../shape.js';
import { CATALOG_VERSION, tableVersionsStoring } from '../catalog.js';
import { EXECUTION_CHECKS } from '../shape.js';
import type { Answer, CatalogSchema } from '../sql/driver.js';

/** The catalog's clock: UTC, ISO 8601 with milliseconds. */
export const UTC_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/**
 * The kind of a column's declared type, as pragma_table_info reports it (INTEGER, TEXT,
 * VARCHAR(128), ...). SQLite stores booleans as INTEGER and timestamps as TEXT, so the shapes
 * below say integer and text for them.
 */
export function typeKind(declared: string): TypeKind | null {
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
export const VERSIONS: TableShape[][] = tableVersionsStoring({ boolean: 'integer', timestamp: 'text' });

/** The names of our tables, any version's: what inspect reads the columns of. */
export const TABLES = [...new Set(VERSIONS.flat().map((shape) => shape.table))];

/** A table, column or index that a version adds; migrate creates it when the file lacks it. */
export interface CatalogObject {
  kind: 'table' | 'column' | 'index' | 'trigger';
  table: string;
  /** The table's, column's or index's name. */
  name: string;
  sql: string;
}

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
    ...(['INSERT', 'UPDATE'] as const).map((event): CatalogObject => ({
      kind: 'trigger',
      table: 'Execution',
      name: `CK_Execution_${event === 'INSERT' ? 'Insert' : 'Update'}`,
      sql: `CREATE TRIGGER CK_Execution_${event === 'INSERT' ? 'Insert' : 'Update'}
BEFORE ${event === 'INSERT' ? 'INSERT' : 'UPDATE OF EndTime, ExecutionStatus, RetryCount'} ON Execution
WHEN NOT (${EXECUTION_CHECKS.map((check) => `(${check.replace(/\b(EndTime|ExecutionStatus|RetryCount)\b/g, 'NEW.$1')})`).join(' AND ')})
BEGIN
  SELECT RAISE(ABORT, 'CHECK constraint failed: an execution without an EndTime must be active (E, R or A), and RetryCount may not be below 0');
END`,
    })),
  ],
];

/** How migrate names what it created: 'table Package', 'column Package.IsBatch', 'index IX_Execution_Parent'. */
export const describeObject = (object: CatalogObject): string =>
  object.kind === 'column' ? `column ${object.table}.${object.name}` : `${object.kind} ${object.name}`;

/** The indexes and triggers the versions add: what INSPECT lists of the file's, for a migration to skip. */
export const INDEXED_OBJECTS = STEPS.flat()
  .filter((object) => object.kind === 'index' || object.kind === 'trigger')
  .map((object) => object.name);

/** The catalog in one SQLite file, as the SQL core inspects and migrates it. */
export function catalogSchema(location: string): CatalogSchema {
  return {
    where: `the SQLite file ${location}`,
    foreignTableFix: 'point bfx-begin at another SQLite file.',
    versions: VERSIONS,
    inspection(answer) {
      const ours = (row: Record<string, unknown>) => TABLES.some((table) => table.toLowerCase() === lowerName(row));
      const ofTables = answer.rows.filter((row) => row.objectType === 'table' && ours(row));
      return {
        columns: ofTables.map((row) => ({
          table: String(row.objectName),
          column: String(row.columnName),
          kind: typeKind(String(row.columnType)),
        })),
        required: ofTables
          .filter((row) => Number(row.required) === 1)
          .map((row) => ({ table: String(row.objectName), column: String(row.columnName) })),
        others: answer.rows
          .filter((row) => row.objectType !== 'table' && ours(row))
          .map((row) => ({ name: String(row.objectName), kind: String(row.objectType) })),
      };
    },
    migration(from, inspected) {
      const present = presentIn(inspected);
      return STEPS.slice(from, CATALOG_VERSION)
        .flat()
        .filter((object) => !present(object))
        .map((object) => ({ text: object.sql, creates: describeObject(object) }));
    },
  };
}

const lowerName = (row: Record<string, unknown>) => String(row.objectName).toLowerCase();

/** Whether the file held an object of a version before the migration began, by INSPECT's answer. */
function presentIn(inspected: Answer): (object: CatalogObject) => boolean {
  const names = new Set(inspected.rows.map((row) => `${String(row.objectType)} ${lowerName(row)}`));
  const columns = new Set(
    inspected.rows
      .filter((row) => row.objectType === 'table')
      .map((row) => `${lowerName(row)}.${String(row.columnName).toLowerCase()}`),
  );
  return (object) =>
    object.kind === 'column'
      ? columns.has(`${object.table.toLowerCase()}.${object.name.toLowerCase()}`)
      : names.has(`${object.kind} ${object.name.toLowerCase()}`);
}
