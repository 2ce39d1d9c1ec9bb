/**
 * The SQL Server / Azure SQL catalog's tables, in the schema of the user's choosing ([bfx] unless
 * told otherwise): their shapes per catalog version (judged by shape.ts), how inspect() reads what
 * a schema holds, and the migration that creates or upgrades them. The public column names are
 * those of catalog.ts (the same as the other engines). The status letters appear here in CHECK
 * constraints only; no rule of run control is written in SQL (docs/decision.md).
 *
 * Version 1 is what the first release created: Package, Execution and their three indexes, no
 * CatalogVersion table (its RunKey column had the database's collation; queries.ts compares run
 * keys in a binary collation, so both kinds of column compare exactly). Version 2 adds
 * CatalogVersion, Package.IsBatch, an index of a batch's children, ConfigVariable, RowCount and
 * AuditLog.
 */
import { CATALOG_VERSION, TABLE_VERSIONS } from '../catalog.js';
import { COLUMN_LENGTH } from '../limits.js';
import { EXECUTION_CHECKS, UNCHECKED_EXECUTIONS, type TableShape, type TypeKind } from '../shape.js';
import { INT, nvarchar, type Statement } from './driver.js';
import { APPLOCK_DEADLOCK_NUMBER, APPLOCK_TIMEOUT_NUMBER } from './faults.js';

// A statement's shape is the driver's (driver.ts), which sends it.
export type { Param, Params, SqlType, Statement } from './driver.js';

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
 * New catalogs give the RunKey column this collation; the comparison in queries.ts names it too,
 * for catalogs whose column keeps the database's collation (the first release's).
 */
export const RUN_KEY_COLLATION = 'Latin1_General_100_BIN2';

/** The tables that carry our names, in any version. */
export const TABLE_NAMES = [
  'CatalogVersion',
  'Package',
  'Execution',
  'ConfigVariable',
  'RowCount',
  'AuditLog',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

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
  nchar: 'text',
  char: 'text',
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
  table(table: TableName): string;
}

export function schemaNames(name: string): SchemaNames {
  if (!SCHEMA_NAME.test(name)) {
    throw new Error(`"${name}" reached the SQL Server engine as a schema name, which settings.ts should have refused.`);
  }
  const schema = bracket(name);
  return { name, schema, table: (table) => `${schema}.${bracket(table)}` };
}

// ---------------------------------------------------------------------------------------------
// inspect(): one batch, four result sets.

/**
 * The columns of the tables of our names in the schema, each with its system type's name, then
 * the highest version recorded in CatalogVersion. The version is read through EXEC only when that
 * table exists with an integer Version column, so that the batch compiles whatever the schema
 * holds; otherwise the second result set is a NULL. Then the objects of our tables' names in the
 * schema that are no tables (sys.objects of a type other than U: a view, a synonym, a sequence, a
 * procedure, a constraint...), and the columns of our tables an insert must fill: NOT NULL with no
 * default constraint, not an identity, not computed, not a rowversion (189) and not a period
 * column of a system-versioned table (the server fills those). shape.ts judges both (which of
 * those columns are ours, and the sentences). Catalog views only: a login with the run-time
 * grants sees the tables it may use.
 */
export function inspectStatement(names: SchemaNames): Statement {
  const versionTable = literal(names.table('CatalogVersion'));
  const ofOurNames = `o.schema_id = SCHEMA_ID(${literal(names.name)}) AND o.name IN (${TABLE_NAMES.map(literal).join(', ')})`;
  return {
    text: `SELECT o.name AS tableName, c.name AS columnName, t.name AS typeName
FROM sys.tables o
JOIN sys.columns c ON c.object_id = o.object_id
LEFT JOIN sys.types t ON t.user_type_id = c.system_type_id
WHERE ${ofOurNames};
IF EXISTS (SELECT 1 FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.system_type_id
  WHERE c.object_id = OBJECT_ID(${versionTable}, N'U') AND c.name = N'Version' AND t.name IN (N'int', N'bigint', N'smallint', N'tinyint'))
  EXEC (${literal(`SELECT MAX(Version) AS version FROM ${names.table('CatalogVersion')};`)});
ELSE
  SELECT CAST(NULL AS INT) AS version;
SELECT o.name AS objectName, RTRIM(o.type) AS objectType
FROM sys.objects o
WHERE ${ofOurNames} AND o.type <> 'U';
SELECT o.name AS tableName, c.name AS columnName
FROM sys.tables o
JOIN sys.columns c ON c.object_id = o.object_id
WHERE ${ofOurNames}
  AND c.is_nullable = 0 AND c.default_object_id = 0 AND c.is_identity = 0 AND c.is_computed = 0
  AND c.system_type_id <> 189 AND ISNULL(COLUMNPROPERTY(c.object_id, c.name, 'GeneratedAlwaysType'), 0) = 0;`,
    params: {},
    recordsets: 4,
  };
}

// ---------------------------------------------------------------------------------------------
// migrate(): the lock, then the steps.

/**
 * Before an upgrade's steps: the catalog's highest ExecutionID (how many executions it has
 * recorded, read from the clustered key's end), and the executions version 3's checks would
 * refuse, counted, with the first (shape.ts words the refusal).
 */
export function upgradeSizeStatement(names: SchemaNames): Statement {
  const execution = names.table('Execution');
  return {
    text: `SELECT (SELECT MAX(ExecutionID) FROM ${execution}) AS executions,
  (SELECT COUNT_BIG(*) FROM ${execution} WHERE ${UNCHECKED_EXECUTIONS}) AS unchecked,
  (SELECT MIN(ExecutionID) FROM ${execution} WHERE ${UNCHECKED_EXECUTIONS}) AS firstUnchecked;`,
    params: {},
    recordsets: 1,
  };
}

/**
 * The first statement of a migration's transaction: an exclusive application lock on a resource
 * named after the schema (catalogs in two schemas migrate independently), held to the commit.
 * sp_getapplock returns -3 when chosen as a deadlock victim: that THROW is retried like error 1205
 * (faults.ts); a time-out (-1) or another failure is not. The time-out is in ms, -1 for none.
 * Its arguments go by position (resource, mode, owner, time-out): mergeStatements renames every
 * @name of a statement, the procedure's parameter names included.
 */
export function migrationLockStatement(names: SchemaNames, lockTimeoutMs: number): Statement {
  return {
    text: `DECLARE @lock INT;
EXEC @lock = sys.sp_getapplock @Resource, N'Exclusive', N'Transaction', @LockTimeout;
IF @lock = -3
  THROW ${APPLOCK_DEADLOCK_NUMBER}, N'The catalog''s migration lock request was chosen as a deadlock victim.', 1;
IF @lock < 0
  THROW ${APPLOCK_TIMEOUT_NUMBER}, N'Another bfx migrate held the catalog''s migration lock for longer than the request timeout.', 1;`,
    params: {
      Resource: [nvarchar(255), `bfx-begin:migrate:${names.name.toLowerCase()}`],
      LockTimeout: [INT, Math.min(lockTimeoutMs, 2_147_483_647)],
    },
    recordsets: 0,
  };
}

/** One object a step creates when it is missing: how to tell, the DDL, and its name in `created`. */
interface Creation {
  what: string;
  missing: string;
  ddl: string;
  /** An index: ONLINE_INDEX_OPTION's clause is appended to its DDL. */
  online?: boolean;
}

function table(names: SchemaNames, name: TableName, body: string): Creation {
  return {
    what: `table ${name}`,
    missing: `OBJECT_ID(${literal(names.table(name))}, N'U') IS NULL`,
    ddl: `CREATE TABLE ${names.table(name)} (\n${body}\n)`,
  };
}

/** An index, built online where the edition can (ONLINE_INDEX_OPTION): runs go on beside it. */
function index(names: SchemaNames, on: TableName, name: string, ddl: string): Creation {
  return {
    what: `index ${name}`,
    missing: `NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(${literal(names.table(on))}, N'U') AND name = ${literal(name)})`,
    ddl: `CREATE ${ddl.replace('{name}', name).replace('{table}', names.table(on))}`,
    online: true,
  };
}

/** A CHECK constraint of a table that exists: every row is checked as it is added (WITH CHECK: trusted by the optimizer). */
function check(names: SchemaNames, on: TableName, name: string, condition: string): Creation {
  return {
    what: `constraint ${name}`,
    missing: `NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(${literal(names.table(on))}, N'U') AND name = ${literal(name)})`,
    ddl: `ALTER TABLE ${names.table(on)} WITH CHECK ADD CONSTRAINT ${name} CHECK (${condition})`,
  };
}

/**
 * The editions that build an index online (Enterprise and Developer, Azure SQL Database, Azure
 * SQL Managed Instance: EngineEdition 3, 5, 8); the others build it offline, holding the table
 * for the time of the build. Decided on the server, when the migration runs.
 */
const ONLINE_INDEX_OPTION = `DECLARE @online NVARCHAR(40) = CASE WHEN CAST(SERVERPROPERTY('EngineEdition') AS INT) IN (3, 5, 8)
  THEN N' WITH (ONLINE = ON)' ELSE N'' END;`;

/** What each version adds; STEPS[n - 1] takes a catalog from version n - 1 to n. */
function steps(names: SchemaNames): Creation[][] {
  const t = (name: TableName) => names.table(name);
  return [
    // Version 1: the first release's tables and indexes (RunKey with a binary collation now).
    [
      {
        what: `schema ${names.name}`,
        missing: `SCHEMA_ID(${literal(names.name)}) IS NULL`,
        ddl: `CREATE SCHEMA ${names.schema}`,
      },
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
        what: 'column Package.IsBatch',
        missing: `COL_LENGTH(${literal(t('Package'))}, N'IsBatch') IS NULL`,
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
        missing: `NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(${literal(names.table('RowCount'))}, N'U') AND type = 1)`,
      },
      ...EXECUTION_CHECKS.map((condition, i) =>
        check(names, 'Execution', ['CK_Execution_EndTime', 'CK_Execution_RetryCount'][i], condition),
      ),
    ],
    // Version 4: the record of a deleted package names no package. ALTER COLUMN may not change a
    // column that an index or a foreign key uses, so both are dropped and made again around it.
    [
      {
        what: 'nullable column AuditLog.PackageID',
        missing: `COLUMNPROPERTY(OBJECT_ID(${literal(t('AuditLog'))}, N'U'), N'PackageID', N'AllowsNull') = 0`,
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
 * The steps from version `from` + 1 to CATALOG_VERSION, in the migration's transaction after its
 * lock and a fresh inspection: each object is created only when it is missing, and named in the one
 * result set (`what`, in order of creation); then each version applied gets its CatalogVersion row.
 * The DDL runs through EXEC: CREATE SCHEMA must be alone in its batch, and nothing may be compiled
 * against objects (or columns) that the same batch creates. The texts are built from constants and
 * the validated schema name: no input reaches them.
 */
export function migrationStatement(names: SchemaNames, from: number): Statement {
  const all = steps(names);
  if (all.length !== CATALOG_VERSION) throw new Error('The SQL Server migration steps do not reach CATALOG_VERSION.');
  const applied = all.map((creations, i) => ({ version: i + 1, creations })).filter(({ version }) => version > from);
  const versionTable = names.table('CatalogVersion');
  return {
    text: [
      'DECLARE @created TABLE (Ordinal INT IDENTITY(1, 1) NOT NULL, What NVARCHAR(300) NOT NULL);',
      ONLINE_INDEX_OPTION,
      ...applied.flatMap(({ creations }) =>
        creations.map(
          ({ what, missing, ddl, online }) =>
            `IF ${missing}\nBEGIN\n  EXEC (${literal(ddl)}${online ? ' + @online' : ''});\n  INSERT INTO @created (What) VALUES (${literal(what)});\nEND;`,
        ),
      ),
      ...applied.map(
        ({ version }) =>
          `EXEC (${literal(`IF NOT EXISTS (SELECT 1 FROM ${versionTable} WHERE Version = ${version}) INSERT INTO ${versionTable} (Version) VALUES (${version});`)});`,
      ),
      'SELECT What AS what FROM @created ORDER BY Ordinal;',
    ].join('\n'),
    params: {},
    recordsets: 1,
  };
}
