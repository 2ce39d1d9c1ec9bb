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
import type { TableShape } from '../shape.js';

/** The catalog server's clock, in UTC, as a timestamp without time zone. */
export const UTC_NOW = `(now() at time zone 'utc')`;

/** pg_advisory_xact_lock key serializing migrations: 'bfx_migr' in ASCII. */
export const MIGRATE_LOCK_KEY = '7090165577455085426';

/** The schema as PostgreSQL stores it: an unquoted name folds to lower case, and so does this one. */
export const schemaName = (schema: string) => schema.toLowerCase();

/** The schema as the statements write it: folded and quoted ("bfxgh"). The name is validated (letters, digits, _). */
export const quotedSchema = (schema: string) => `"${schemaName(schema)}"`;

const PACKAGE_V1: TableShape = {
  table: 'Package',
  columns: {
    PackageID: 'integer',
    PackageName: 'text',
    IsEnabled: 'boolean',
    RetryLimit: 'integer',
    CreatedTime: 'timestamp',
  },
};

const EXECUTION: TableShape = {
  table: 'Execution',
  columns: {
    ExecutionID: 'integer',
    PackageID: 'integer',
    ParentExecutionID: 'integer',
    ExecutionStatus: 'text',
    NextLoadStatus: 'text',
    RetryCount: 'integer',
    StartTime: 'timestamp',
    EndTime: 'timestamp',
    RunKey: 'text',
    ErrorMessage: 'text',
    Repository: 'text',
    Workflow: 'text',
    Job: 'text',
    RunId: 'text',
    RunAttempt: 'text',
    Actor: 'text',
    EventName: 'text',
    CommitSha: 'text',
  },
};

/**
 * The tables of each version, whole: VERSIONS[0] is the first release's (no CatalogVersion table:
 * shape.ts reads our first tables without a recorded version as version 1), the last is
 * CATALOG_VERSION's.
 */
export const VERSIONS: TableShape[][] = [
  [PACKAGE_V1, EXECUTION],
  [
    { table: 'Package', columns: { ...PACKAGE_V1.columns, IsBatch: 'boolean' } },
    EXECUTION,
    { table: 'CatalogVersion', columns: { Version: 'integer', AppliedTime: 'timestamp' } },
    {
      table: 'ConfigVariable',
      columns: {
        PackageID: 'integer',
        VariableName: 'text',
        VariableValue: 'text',
        PreviousValue: 'text',
        ExecutionID: 'integer',
        UpdatedTime: 'timestamp',
      },
    },
    {
      table: 'RowCount',
      columns: { ExecutionID: 'integer', ObjectName: 'text', CountType: 'text', RowCount: 'integer' },
    },
    {
      table: 'AuditLog',
      columns: {
        AuditID: 'integer',
        PackageID: 'integer',
        ExecutionID: 'integer',
        Action: 'text',
        Detail: 'text',
        Actor: 'text',
        CreatedTime: 'timestamp',
      },
    },
  ],
];

/** Every table name any version uses, as pg_class stores it (lower case): what inspect() reads. */
export const TABLE_NAMES = [...new Set(VERSIONS.flat().map((shape) => shape.table.toLowerCase()))];

/** PostgreSQL type names (pg_type.typname) -> the kinds shape.ts judges; any other type is of no kind of ours. */
export function typeKind(typeName: string | null): 'integer' | 'text' | 'boolean' | 'timestamp' | null {
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

/** One object a version adds: migrate() creates it when it is missing, and reports it as `what`. */
export type CatalogObject =
  | { kind: 'table'; table: string; sql: string }
  | { kind: 'column'; table: string; column: string; sql: string }
  | { kind: 'index'; index: string; sql: string };

/** What migrate() reports: 'table Package', 'column Package.IsBatch', 'index IX_Execution_Parent'. */
export function describeObject(object: CatalogObject): string {
  switch (object.kind) {
    case 'table':
      return `table ${object.table}`;
    case 'column':
      return `column ${object.table}.${object.column}`;
    case 'index':
      return `index ${object.index}`;
  }
}

/**
 * The objects each version adds, in the order they are created: STEPS(schema)[n - 1] takes a
 * catalog from version n - 1 to n. Every statement is also IF NOT EXISTS, a second line of defence
 * behind the advisory lock migrate() holds. The schema itself is created by SCHEMA, only when it
 * is missing.
 */
export function steps(schema: string): CatalogObject[][] {
  const s = quotedSchema(schema);
  return [
    [
      {
        kind: 'table',
        table: 'Package',
        sql: `
CREATE TABLE IF NOT EXISTS ${s}.Package (
  PackageID    integer      GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  PackageName  varchar(500) NOT NULL,
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
  VariableName  varchar(128) NOT NULL,
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
  ObjectName  varchar(400) NOT NULL,
  CountType   varchar(128) NOT NULL,
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
  Action      varchar(40)  NOT NULL,
  Detail      text         NULL,
  Actor       varchar(400) NULL,
  CreatedTime timestamp    NOT NULL DEFAULT ${UTC_NOW}
)`,
      },
      {
        kind: 'index',
        index: 'IX_AuditLog_Package',
        sql: `CREATE INDEX IF NOT EXISTS IX_AuditLog_Package ON ${s}.AuditLog (PackageID, AuditID)`,
      },
    ],
  ];
}

/** Every index name any version creates, as pg_class stores it (lower case): what migrate() looks for. */
export const INDEX_NAMES = steps('bfx')
  .flat()
  .flatMap((object) => (object.kind === 'index' ? [object.index.toLowerCase()] : []));

/**
 * Creates the schema only when it is missing: CREATE SCHEMA IF NOT EXISTS would still ask for
 * CREATE on the database, so a user with CREATE on a schema that a DBA made can migrate.
 */
export function createSchema(schema: string): string {
  return `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = '${schemaName(schema)}') THEN
    CREATE SCHEMA ${quotedSchema(schema)};
  END IF;
END $$`;
}
