/**
 * The SQL Server / Azure SQL catalog's tables: schema bfx, tables bfx.Package and bfx.Execution
 * with the public column names of catalog.ts (the same as the other engines), the same three
 * indexes, and the migration that creates whatever is missing. The status letters appear here in
 * CHECK constraints only; no rule of run control is written in SQL (docs/decision.md).
 */
import { APPLOCK_DEADLOCK_NUMBER, APPLOCK_TIMEOUT_NUMBER } from './faults.js';

/** Column sizes, checked before a value is sent so that a long value is a clear refusal, not error 2628. */
export const PACKAGE_NAME_LENGTH = 500;
/** (PackageID, RunKey) is an index key: 4 + 2 * 800 bytes stays within SQL Server's 1,700. */
export const RUN_KEY_LENGTH = 800;
/** Run-context columns; longer values are cut to fit (they are for reading, never matched on). */
export const CONTEXT_LENGTH = 400;

/**
 * Run keys compare exactly: 'Run-A' and 'run-a' are two runs, whatever the database's collation.
 * New catalogs give the RunKey column this collation; the comparison in queries.ts names it too,
 * for catalogs created before it was added (their column keeps the database's collation).
 */
export const RUN_KEY_COLLATION = 'Latin1_General_100_BIN2';

export const TABLES = ['bfx.Package', 'bfx.Execution'] as const;

const TABLE_DDL: Record<(typeof TABLES)[number], string> = {
  'bfx.Package': `CREATE TABLE bfx.Package (
  PackageID    INT            IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Package PRIMARY KEY CLUSTERED,
  PackageName  NVARCHAR(${PACKAGE_NAME_LENGTH}) NOT NULL CONSTRAINT UQ_Package_PackageName UNIQUE,
  IsEnabled    BIT            NOT NULL CONSTRAINT DF_Package_IsEnabled DEFAULT (1),
  RetryLimit   INT            NULL CONSTRAINT CK_Package_RetryLimit CHECK (RetryLimit >= 0),
  CreatedTime  DATETIME2      NOT NULL CONSTRAINT DF_Package_CreatedTime DEFAULT (SYSUTCDATETIME())
)`,
  'bfx.Execution': `CREATE TABLE bfx.Execution (
  ExecutionID       BIGINT         IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Execution PRIMARY KEY CLUSTERED,
  PackageID         INT            NOT NULL CONSTRAINT FK_Execution_Package REFERENCES bfx.Package (PackageID),
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
  CommitSha         NVARCHAR(${CONTEXT_LENGTH})  NULL
)`,
};

/** Index name -> DDL; the names are those of the other engines. */
const INDEXES: Array<[name: string, ddl: string]> = [
  // Re-entry: the package's execution carrying a run key.
  ['IX_Execution_Package_RunKey', 'CREATE INDEX IX_Execution_Package_RunKey ON bfx.Execution (PackageID, RunKey)'],
  // The package's most recent execution, and history, newest first.
  [
    'IX_Execution_Package_Latest',
    'CREATE INDEX IX_Execution_Package_Latest ON bfx.Execution (PackageID, ExecutionID DESC)',
  ],
  // At most one active execution per package, whatever happens; and the active one, found at once.
  [
    'UX_Execution_Package_Active',
    'CREATE UNIQUE INDEX UX_Execution_Package_Active ON bfx.Execution (PackageID) WHERE EndTime IS NULL',
  ],
];

const literal = (text: string) => `N'${text.replace(/'/g, "''")}'`;

/**
 * One batch, run as one transaction under an exclusive application lock, so that two migrations
 * at once are applied one after the other and the second finds everything there. Each object is
 * created only when it is missing, so a migration of a complete catalog changes nothing and needs
 * no CREATE rights (a login with the run-time grants of docs/mssql.md may run it). The DDL runs
 * through EXEC because CREATE SCHEMA must be alone in its batch, and so that nothing is compiled
 * against objects that do not exist yet. The texts are constants of this file: no input reaches
 * them. @LockTimeout (ms) is a parameter. sp_getapplock returns -3 when chosen as a deadlock
 * victim: that THROW is retried like error 1205 (faults.ts); a time-out (-1) or another failure is not.
 */
export const MIGRATE = `
SET NOCOUNT ON;
SET XACT_ABORT ON;
BEGIN TRANSACTION;
DECLARE @lock INT;
EXEC @lock = sys.sp_getapplock @Resource = N'bfx-begin:migrate', @LockMode = N'Exclusive',
  @LockOwner = N'Transaction', @LockTimeout = @LockTimeout;
IF @lock = -3
  THROW ${APPLOCK_DEADLOCK_NUMBER}, N'The catalog''s migration lock request was chosen as a deadlock victim.', 1;
IF @lock < 0
  THROW ${APPLOCK_TIMEOUT_NUMBER}, N'Another bfx migrate held the catalog''s migration lock for longer than the request timeout.', 1;
IF SCHEMA_ID(N'bfx') IS NULL EXEC (N'CREATE SCHEMA bfx');
${TABLES.map((name) => `IF OBJECT_ID(N'${name}', N'U') IS NULL EXEC (${literal(TABLE_DDL[name])});`).join('\n')}
${INDEXES.map(
  ([name, ddl]) =>
    `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'bfx.Execution') AND name = N'${name}') EXEC (${literal(ddl)});`,
).join('\n')}
COMMIT TRANSACTION;`;
