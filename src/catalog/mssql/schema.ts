/**
 * The SQL Server / Azure SQL catalog's tables, in the schema of the user's choosing ([bfx] unless
 * told otherwise): their shapes per catalog version (judged by shape.ts), how inspect() reads what
 * a schema holds, and the migration that creates or upgrades them. The public column names are
 * those of catalog.ts (the same as the other engines). The status letters appear here in CHECK
 * constraints only; no rule of run control is written in SQL (docs/decision.md).
 *
 * Version 1 is what the first release created: Package, Execution and their three indexes, no
 * CatalogVersion table (its RunKey column had the database's collation; statements.ts compares run
 * keys in a binary collation, so both kinds of column compare exactly). Version 2 adds
 * CatalogVersion, Package.IsBatch, an index of a batch's children, ConfigVariable, RowCount and
 * AuditLog.
 */
import { TABLE_VERSIONS } from '../catalog.js';
import { COLUMN_LENGTH } from '../limits.js';
import { EXECUTION_CHECKS, type TableShape, type TypeKind } from '../shape.js';
import type { CatalogSchema } from '../sql/driver.js';
import {
  foundObjects,
  inspectionOf,
  migrationSteps,
  stepNames,
  type CatalogObject,
  type InspectWords,
} from '../sql/migration.js';

/** Column sizes, from the one table of them (catalog/limits.ts), which says each column's rule. */
export const PACKAGE_NAME_LENGTH = COLUMN_LENGTH.packageName;
export const RUN_KEY_LENGTH = COLUMN_LENGTH.runKey;
export const CONTEXT_LENGTH = COLUMN_LENGTH.context;
export const VARIABLE_NAME_LENGTH = COLUMN_LENGTH.variableName;
export const OBJECT_NAME_LENGTH = COLUMN_LENGTH.objectName;
export const COUNT_TYPE_LENGTH = COLUMN_LENGTH.countType;
export const ACTION_LENGTH = COLUMN_LENGTH.action;
export const ACTOR_LENGTH = COLUMN_LENGTH.actor;

/**
 * Run keys compare exactly: 'Run-A' and 'run-a' are two runs, whatever the database's collation.
 * New catalogs give the RunKey column this collation; the comparison in statements.ts names it too,
 * for catalogs whose column keeps the database's collation (the first release's).
 */
export const RUN_KEY_COLLATION = 'Latin1_General_100_BIN2';

// ---------------------------------------------------------------------------------------------
// Shapes: what each version's tables hold, by kind of type (shape.ts).

/** The tables of each version, for shape.ts: SQL Server stores every kind as itself. */
export const VERSIONS: TableShape[][] = TABLE_VERSIONS;

/**
 * SQL Server's type names (sys.types, of a column's system type) -> kind. `timestamp` is not here:
 * on SQL Server it is rowversion, a binary counter, not a time.
 */
const TYPE_KINDS: Record<string, TypeKind> = {
  int: 'integer',
  bigint: 'integer',
  smallint: 'integer',
  tinyint: 'integer',
  nvarchar: 'text',
  varchar: 'text',
  // Fixed-length: every value padded with spaces to the column's length (only the status letters take it).
  nchar: 'fixed-length text',
  char: 'fixed-length text',
  ntext: 'text',
  text: 'text',
  bit: 'boolean',
  datetime2: 'timestamp',
  datetime: 'timestamp',
  smalldatetime: 'timestamp',
};

export function typeKind(typeName: unknown): TypeKind | null {
  return typeof typeName === 'string' ? (TYPE_KINDS[typeName.toLowerCase()] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Names.

/** A schema name as settings.ts validates it; checked again here, since it is written into SQL text. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** [name], with any ] doubled. */
export const bracket = (name: string) => `[${name.replace(/]/g, ']]')}]`;
/** N'text', with any ' doubled. */
export const literal = (text: string) => `N'${text.replace(/'/g, "''")}'`;

export interface SchemaNames {
  /** The schema's name as given (bfx). */
  name: string;
  /** [bfx] */
  schema: string;
  /** [bfx].[Package] */
  table(table: string): string;
}

export function schemaNames(name: string): SchemaNames {
  if (!SCHEMA_NAME.test(name)) {
    throw new Error(`"${name}" reached the SQL Server engine as a schema name, which settings.ts should have refused.`);
  }
  const schema = bracket(name);
  return { name, schema, table: (table) => `${schema}.${bracket(table)}` };
}

// ---------------------------------------------------------------------------------------------
// INSPECT: one row, each list a JSON text (FOR JSON).

/**
 * What the schema holds, in one row of JSON lists (migration.ts's InspectAnswer) that catalog
 * views alone answer (a login with the run-time grants sees the tables it may use): the schema,
 * when it exists; the columns of the tables of our names, each with its system type's name; the
 * columns of those tables an insert must fill (NOT NULL with no default, not an identity, not
 * computed, not a rowversion (189), not a period column of a system-versioned table: the server
 * fills those); the objects of our tables' names that are no tables (a view, a synonym, a
 * sequence, a procedure...); and the indexes and CHECK constraints of our tables, which the
 * migration creates when they are missing: every index, since a clustered one counts by any name.
 */
export function INSPECT(names: SchemaNames): string {
  const tables = stepNames(steps(names), 'table');
  const ours = `o.schema_id = SCHEMA_ID(${literal(names.name)}) AND o.name IN (${tables.map(literal).join(', ')})`;
  return `SELECT
  (SELECT s.name AS [name] FROM sys.schemas s WHERE s.schema_id = SCHEMA_ID(${literal(names.name)})
    FOR JSON PATH) AS [schemas],
  (SELECT o.name AS [table], c.name AS [column], t.name AS [type]
     FROM sys.tables o JOIN sys.columns c ON c.object_id = o.object_id
     LEFT JOIN sys.types t ON t.user_type_id = c.system_type_id
    WHERE ${ours} FOR JSON PATH, INCLUDE_NULL_VALUES) AS [columns],
  (SELECT o.name AS [table], c.name AS [column]
     FROM sys.tables o JOIN sys.columns c ON c.object_id = o.object_id
    WHERE ${ours}
      AND c.is_nullable = 0 AND c.default_object_id = 0 AND c.is_identity = 0 AND c.is_computed = 0
      AND c.system_type_id <> 189 AND ISNULL(COLUMNPROPERTY(c.object_id, c.name, 'GeneratedAlwaysType'), 0) = 0
    FOR JSON PATH) AS [required],
  (SELECT o.name AS [name], RTRIM(o.type) AS [kind] FROM sys.objects o WHERE ${ours} AND o.type <> 'U'
    FOR JSON PATH) AS [others],
  (SELECT o.name AS [table], i.name AS [name], CAST(IIF(i.type = 1, 1, 0) AS BIT) AS [clustered]
     FROM sys.tables o JOIN sys.indexes i ON i.object_id = o.object_id
    WHERE ${ours} AND i.type > 0 FOR JSON PATH) AS [indexes],
  (SELECT k.name AS [name] FROM sys.check_constraints k JOIN sys.tables o ON o.object_id = k.parent_object_id
    WHERE ${ours} FOR JSON PATH) AS [constraints];`;
}

/** sys.objects.type, in words, for an object of a table's name that is no table. */
const OBJECT_KINDS: Record<string, string> = {
  V: 'view',
  SN: 'synonym',
  SO: 'sequence',
  P: 'procedure',
  FN: 'function',
  IF: 'function',
  TF: 'function',
  TR: 'trigger',
  PK: 'primary key constraint',
  UQ: 'unique constraint',
  F: 'foreign key constraint',
  C: 'check constraint',
  D: 'default constraint',
  ET: 'external table',
};

const WORDS: InspectWords = { typeKind, objectKind: (kind) => OBJECT_KINDS[kind] ?? 'object' };

// ---------------------------------------------------------------------------------------------
// The migration: what each version adds.

function table(names: SchemaNames, name: string, body: string): CatalogObject {
  return { kind: 'table', table: name, ddl: `CREATE TABLE ${names.table(name)} (\n${body}\n)` };
}

/** An index: {name} and {table} of its DDL filled in. */
function index(names: SchemaNames, on: string, name: string, ddl: string) {
  const created = `CREATE ${ddl.replace('{name}', name).replace('{table}', names.table(on))}`;
  return { kind: 'index' as const, table: on, name, ddl: created };
}

/**
 * The editions that build an index online (Enterprise and Developer, Azure SQL Database, Azure
 * SQL Managed Instance: EngineEdition 3, 5, 8); the others build it offline, holding the table
 * for the time of the build. Decided on the server, when the migration runs.
 */
const ONLINE_INDEX_OPTION = `DECLARE @online NVARCHAR(40) = CASE WHEN CAST(SERVERPROPERTY('EngineEdition') AS INT) IN (3, 5, 8)
  THEN N' WITH (ONLINE = ON)' ELSE N'' END;`;

/** What each version adds; STEPS[n - 1] takes a catalog from version n - 1 to n. */
function steps(names: SchemaNames): CatalogObject[][] {
  const t = (name: string) => names.table(name);
  return [
    // Version 1: the first release's tables and indexes (RunKey with a binary collation now).
    [
      { kind: 'schema', name: names.name, ddl: `CREATE SCHEMA ${names.schema}` },
      table(
        names,
        'Package',
        `  PackageID    INT            IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Package PRIMARY KEY CLUSTERED,
  PackageName  NVARCHAR(${PACKAGE_NAME_LENGTH}) NOT NULL CONSTRAINT UQ_Package_PackageName UNIQUE,
  IsEnabled    BIT            NOT NULL CONSTRAINT DF_Package_IsEnabled DEFAULT (1),
  RetryLimit   INT            NULL CONSTRAINT CK_Package_RetryLimit CHECK (RetryLimit >= 0),
  CreatedTime  DATETIME2      NOT NULL CONSTRAINT DF_Package_CreatedTime DEFAULT (SYSUTCDATETIME())`,
      ),
      table(
        names,
        'Execution',
        `  ExecutionID       BIGINT         IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Execution PRIMARY KEY CLUSTERED,
  PackageID         INT            NOT NULL CONSTRAINT FK_Execution_Package REFERENCES ${t('Package')} (PackageID),
  ParentExecutionID BIGINT         NULL,
  ExecutionStatus   CHAR(1)        NOT NULL CONSTRAINT CK_Execution_ExecutionStatus CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    CHAR(1)        NOT NULL CONSTRAINT CK_Execution_NextLoadStatus CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        INT            NOT NULL CONSTRAINT DF_Execution_RetryCount DEFAULT (0),
  StartTime         DATETIME2      NOT NULL CONSTRAINT DF_Execution_StartTime DEFAULT (SYSUTCDATETIME()),
  EndTime           DATETIME2      NULL,
  RunKey            NVARCHAR(${RUN_KEY_LENGTH}) COLLATE ${RUN_KEY_COLLATION} NULL,
  ErrorMessage      NVARCHAR(MAX)  NULL,
  Repository        NVARCHAR(${CONTEXT_LENGTH})  NULL,
  Workflow          NVARCHAR(${CONTEXT_LENGTH})  NULL,
  Job               NVARCHAR(${CONTEXT_LENGTH})  NULL,
  RunId             NVARCHAR(${CONTEXT_LENGTH})  NULL,
  RunAttempt        NVARCHAR(${CONTEXT_LENGTH})  NULL,
  Actor             NVARCHAR(${CONTEXT_LENGTH})  NULL,
  EventName         NVARCHAR(${CONTEXT_LENGTH})  NULL,
  CommitSha         NVARCHAR(${CONTEXT_LENGTH})  NULL`,
      ),
      // Re-entry: the package's execution carrying a run key.
      index(names, 'Execution', 'IX_Execution_Package_RunKey', 'INDEX {name} ON {table} (PackageID, RunKey)'),
      // The package's most recent execution, and history, newest first.
      index(names, 'Execution', 'IX_Execution_Package_Latest', 'INDEX {name} ON {table} (PackageID, ExecutionID DESC)'),
      // At most one active execution per package, whatever happens; and the active one, found at once.
      index(
        names,
        'Execution',
        'UX_Execution_Package_Active',
        'UNIQUE INDEX {name} ON {table} (PackageID) WHERE EndTime IS NULL',
      ),
    ],
    // Version 2: versions, batches, variables, row counts, the audit log.
    [
      table(
        names,
        'CatalogVersion',
        `  Version      INT        NOT NULL CONSTRAINT PK_CatalogVersion PRIMARY KEY CLUSTERED,
  AppliedTime  DATETIME2  NOT NULL CONSTRAINT DF_CatalogVersion_AppliedTime DEFAULT (SYSUTCDATETIME())`,
      ),
      {
        // Existing rows take the default: an upgrade keeps every package as it was, not a batch.
        kind: 'column',
        table: 'Package',
        column: 'IsBatch',
        ddl: `ALTER TABLE ${t('Package')} ADD IsBatch BIT NOT NULL CONSTRAINT DF_Package_IsBatch DEFAULT (0)`,
      },
      // A batch execution's children.
      index(names, 'Execution', 'IX_Execution_Parent', 'INDEX {name} ON {table} (ParentExecutionID)'),
      table(
        names,
        'ConfigVariable',
        `  PackageID      INT             NOT NULL CONSTRAINT FK_ConfigVariable_Package REFERENCES ${t('Package')} (PackageID),
  VariableName   NVARCHAR(${VARIABLE_NAME_LENGTH})   NOT NULL,
  VariableValue  NVARCHAR(MAX)   NOT NULL,
  PreviousValue  NVARCHAR(MAX)   NULL,
  ExecutionID    BIGINT          NULL,
  UpdatedTime    DATETIME2       NOT NULL,
  CONSTRAINT PK_ConfigVariable PRIMARY KEY CLUSTERED (PackageID, VariableName)`,
      ),
      // The key is 8 + 2 * 400 + 2 * 128 bytes: over the 900 of a clustered key, within the 1,700 of another.
      table(
        names,
        'RowCount',
        `  ExecutionID  BIGINT          NOT NULL CONSTRAINT FK_RowCount_Execution REFERENCES ${t('Execution')} (ExecutionID),
  ObjectName   NVARCHAR(${OBJECT_NAME_LENGTH})   NOT NULL,
  CountType    NVARCHAR(${COUNT_TYPE_LENGTH})   NOT NULL,
  [RowCount]   BIGINT          NOT NULL CONSTRAINT CK_RowCount_RowCount CHECK ([RowCount] >= 0),
  CONSTRAINT PK_RowCount PRIMARY KEY NONCLUSTERED (ExecutionID, ObjectName, CountType)`,
      ),
      table(
        names,
        'AuditLog',
        `  AuditID      BIGINT          IDENTITY(1, 1) NOT NULL CONSTRAINT PK_AuditLog PRIMARY KEY CLUSTERED,
  PackageID    INT             NOT NULL CONSTRAINT FK_AuditLog_Package REFERENCES ${t('Package')} (PackageID),
  ExecutionID  BIGINT          NULL,
  [Action]     NVARCHAR(${ACTION_LENGTH})    NOT NULL,
  Detail       NVARCHAR(MAX)   NULL,
  Actor        NVARCHAR(${ACTOR_LENGTH})   NULL,
  CreatedTime  DATETIME2       NOT NULL CONSTRAINT DF_AuditLog_CreatedTime DEFAULT (SYSUTCDATETIME())`,
      ),
      // A package's audit records, newest first.
      index(names, 'AuditLog', 'IX_AuditLog_Package', 'INDEX {name} ON {table} (PackageID, AuditID)'),
    ],
    // Version 3: indexes for the reads that had none, and the checks of Execution. The checks go
    // last: each reads every execution under a schema lock, after the online builds.
    [
      // LastExecutionID: the package's latest execution of a status, one seek (the latest index
      // has no status, so it walked back one key lookup per execution of another status).
      index(
        names,
        'Execution',
        'IX_Execution_Package_Status',
        'INDEX {name} ON {table} (PackageID, ExecutionStatus, ExecutionID DESC)',
      ),
      // The execution that ended last, which a begin follows (a disabled package's skip is born
      // ended while another execution may still be active): one seek.
      index(
        names,
        'Execution',
        'IX_Execution_Package_Ended',
        'INDEX {name} ON {table} (PackageID, EndTime DESC, ExecutionID DESC)',
      ),
      // An execution's audit records of an action (the takeovers an end looks for).
      index(names, 'AuditLog', 'IX_AuditLog_Execution', 'INDEX {name} ON {table} (ExecutionID, [Action])'),
      // RowCount was a heap (its key is too long to cluster): clustered by execution, as it is
      // read; unless a DBA clustered it already (a table has one clustered index at most).
      {
        ...index(names, 'RowCount', 'CX_RowCount_Execution', 'CLUSTERED INDEX {name} ON {table} (ExecutionID)'),
        clustered: true,
      },
      // Every row is checked as the constraint is added (WITH CHECK: trusted by the optimizer).
      ...EXECUTION_CHECKS.map((condition, i): CatalogObject => {
        const name = ['CK_Execution_EndTime', 'CK_Execution_RetryCount'][i];
        const ddl = `ALTER TABLE ${t('Execution')} WITH CHECK ADD CONSTRAINT ${name} CHECK (${condition})`;
        return { kind: 'constraint', table: 'Execution', name, ddl };
      }),
    ],
    // Version 4: the record of a deleted package names no package. ALTER COLUMN may not change a
    // column that an index or a foreign key uses, so both are dropped and made again around it.
    [
      {
        kind: 'nullable',
        table: 'AuditLog',
        column: 'PackageID',
        ddl: [
          `ALTER TABLE ${t('AuditLog')} DROP CONSTRAINT FK_AuditLog_Package;`,
          `DROP INDEX IX_AuditLog_Package ON ${t('AuditLog')};`,
          `ALTER TABLE ${t('AuditLog')} ALTER COLUMN PackageID INT NULL;`,
          `CREATE INDEX IX_AuditLog_Package ON ${t('AuditLog')} (PackageID, AuditID);`,
          `ALTER TABLE ${t('AuditLog')} WITH CHECK ADD CONSTRAINT FK_AuditLog_Package FOREIGN KEY (PackageID) REFERENCES ${t('Package')} (PackageID);`,
        ].join('\n'),
      },
    ],
  ];
}

/**
 * What the SQL core inspects and migrates this schema's catalog with (location: server/database).
 * Each step's DDL runs through EXEC, inside the step's own sp_executesql (driver.ts): CREATE
 * SCHEMA must be alone in its batch, and nothing may be compiled against objects (or columns) the
 * same batch creates. Each is also guarded by a test that the object is missing, a second line of
 * defence behind MIGRATE_LOCK. The texts are built from constants and the validated schema name:
 * no input reaches them.
 */
export function catalogSchema(schema: string, location: string): CatalogSchema {
  const names = schemaNames(schema);
  const objects = steps(names);
  return {
    where: `schema ${names.name} of the SQL Server catalog ${location}`,
    foreignTableFix:
      'choose another catalog-schema (or the schema parameter of the connection string) for the bfx-begin tables.',
    executionTable: names.table('Execution'),
    versions: VERSIONS,
    inspection: (answer) => inspectionOf(answer, WORDS),
    migration: (from, answer) =>
      migrationSteps(objects, from, foundObjects(answer), (object) => guarded(names, object)),
  };
}

/**
 * An object's DDL through EXEC, when the server finds it missing; an index built online where the
 * edition can, so that runs go on beside it.
 */
function guarded(names: SchemaNames, object: CatalogObject): string {
  const online = object.kind === 'index';
  return `${online ? `${ONLINE_INDEX_OPTION}\n` : ''}IF ${missing(names, object)}\n  EXEC (${literal(object.ddl)}${online ? ' + @online' : ''});`;
}

/** The server's test that an object is missing. */
function missing(names: SchemaNames, object: CatalogObject): string {
  if (object.kind === 'schema') return `SCHEMA_ID(${literal(object.name)}) IS NULL`;
  const table = literal(names.table(object.table));
  switch (object.kind) {
    case 'table':
      return `OBJECT_ID(${table}, N'U') IS NULL`;
    case 'column':
      return `COL_LENGTH(${table}, ${literal(object.column)}) IS NULL`;
    case 'nullable':
      return `COLUMNPROPERTY(OBJECT_ID(${table}, N'U'), ${literal(object.column)}, N'AllowsNull') = 0`;
    case 'index':
      return `NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(${table}, N'U') AND ${object.clustered ? 'type = 1' : `name = ${literal(object.name)}`})`;
    case 'constraint':
      return `NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(${table}, N'U') AND name = ${literal(object.name)})`;
    case 'trigger':
      throw new Error('The SQL Server steps add no trigger.');
  }
}
