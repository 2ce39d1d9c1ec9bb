/**
 * The SQL Server / Azure SQL catalog: schema bfx, tables bfx.Package and bfx.Execution with the
 * column names of SPEC section 5 (the same as the SQLite catalog), and the same three indexes.
 */

/** Column sizes, checked before a value is sent so that a long value is a clear refusal, not error 2628. */
export const PACKAGE_NAME_LENGTH = 500;
/** (PackageID, RunKey) is an index key: 4 + 2 * 800 bytes stays within SQL Server's 1,700. */
export const RUN_KEY_LENGTH = 800;
/** Run-context columns; longer values are cut to fit (they are for reading, never matched on). */
export const CONTEXT_LENGTH = 400;

const TABLES: Array<[name: string, ddl: string]> = [
  [
    'bfx.Package',
    `CREATE TABLE bfx.Package (
  PackageID    INT            IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Package PRIMARY KEY CLUSTERED,
  PackageName  NVARCHAR(${PACKAGE_NAME_LENGTH}) NOT NULL CONSTRAINT UQ_Package_PackageName UNIQUE,
  IsEnabled    BIT            NOT NULL CONSTRAINT DF_Package_IsEnabled DEFAULT (1),
  RetryLimit   INT            NULL CONSTRAINT CK_Package_RetryLimit CHECK (RetryLimit >= 0),
  CreatedTime  DATETIME2      NOT NULL CONSTRAINT DF_Package_CreatedTime DEFAULT (SYSUTCDATETIME())
)`,
  ],
  [
    'bfx.Execution',
    `CREATE TABLE bfx.Execution (
  ExecutionID       BIGINT         IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Execution PRIMARY KEY CLUSTERED,
  PackageID         INT            NOT NULL CONSTRAINT FK_Execution_Package REFERENCES bfx.Package (PackageID),
  ParentExecutionID BIGINT         NULL,
  ExecutionStatus   CHAR(1)        NOT NULL CONSTRAINT CK_Execution_ExecutionStatus CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    CHAR(1)        NOT NULL CONSTRAINT CK_Execution_NextLoadStatus CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        INT            NOT NULL CONSTRAINT DF_Execution_RetryCount DEFAULT (0),
  StartTime         DATETIME2      NOT NULL CONSTRAINT DF_Execution_StartTime DEFAULT (SYSUTCDATETIME()),
  EndTime           DATETIME2      NULL,
  RunKey            NVARCHAR(${RUN_KEY_LENGTH})  NULL,
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
  ],
];

/** Index name -> DDL; the names are those of the SQLite catalog. */
const INDEXES: Array<[name: string, ddl: string]> = [
  // Re-entry (SPEC 3.1): the package's execution carrying a run key.
  ['IX_Execution_Package_RunKey', 'CREATE INDEX IX_Execution_Package_RunKey ON bfx.Execution (PackageID, RunKey)'],
  // The package's most recent execution (SPEC 3.6), and history, newest first.
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

const literal = (sql: string) => `N'${sql.replace(/'/g, "''")}'`;

/**
 * One batch, run as one transaction under an exclusive application lock, so that two migrations
 * at once are applied one after the other and the second finds everything there. Each object is
 * created only when it is missing; the DDL runs through EXEC because CREATE SCHEMA must be alone in
 * its batch, and so that nothing is compiled against objects that do not exist yet. The texts
 * are constants of this file: no input reaches them. @LockTimeout (ms) is a parameter.
 */
export const MIGRATE = `
SET NOCOUNT ON;
SET XACT_ABORT ON;
BEGIN TRANSACTION;
DECLARE @lock INT;
EXEC @lock = sys.sp_getapplock @Resource = N'bfx-begin:migrate', @LockMode = N'Exclusive',
  @LockOwner = N'Transaction', @LockTimeout = @LockTimeout;
IF @lock < 0
  THROW 50010, N'Another bfx migrate held the catalog''s migration lock for longer than the request timeout.', 1;
IF SCHEMA_ID(N'bfx') IS NULL EXEC (N'CREATE SCHEMA bfx');
${TABLES.map(([name, ddl]) => `IF OBJECT_ID(N'${name}', N'U') IS NULL EXEC (${literal(ddl)});`).join('\n')}
${INDEXES.map(
  ([name, ddl]) =>
    `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'bfx.Execution') AND name = N'${name}') EXEC (${literal(ddl)});`,
).join('\n')}
COMMIT TRANSACTION;`;

export const EXISTS = `
SELECT CASE WHEN OBJECT_ID(N'bfx.Package', N'U') IS NOT NULL AND OBJECT_ID(N'bfx.Execution', N'U') IS NOT NULL
  THEN 1 ELSE 0 END AS present;`;

/** Aliased to the camelCase names rows.ts reads. */
export const EXECUTION_COLUMNS = `
  e.ExecutionID AS executionId, e.PackageID AS packageId, p.PackageName AS packageName,
  e.ParentExecutionID AS parentExecutionId, e.ExecutionStatus AS executionStatus,
  e.NextLoadStatus AS nextLoadStatus, e.RetryCount AS retryCount, e.StartTime AS startTime,
  e.EndTime AS endTime, e.RunKey AS runKey, e.ErrorMessage AS errorMessage,
  e.Repository AS repository, e.Workflow AS workflow, e.Job AS job, e.RunId AS runId,
  e.RunAttempt AS runAttempt, e.Actor AS actor, e.EventName AS event, e.CommitSha AS sha
  FROM bfx.Execution e JOIN bfx.Package p ON p.PackageID = e.PackageID`;

export const PACKAGE_COLUMNS = `
  p.PackageID AS packageId, p.PackageName AS packageName, p.IsEnabled AS isEnabled,
  p.RetryLimit AS retryLimit, p.CreatedTime AS createdTime
  FROM bfx.Package p`;

/**
 * Begin, first batch (inside the transaction): lock the package row by name for the rest of the
 * transaction, registering the package when it is missing, then read what decideBegin() needs.
 * UPDLOCK + HOLDLOCK on a name that is not there yet locks its key range, so a second begin
 * registering the same new package waits here and then finds the row: both succeed.
 */
export const BEGIN_LOCK_AND_READ = `
SET NOCOUNT ON;
DECLARE @PackageID INT;
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @PackageName;
IF @PackageID IS NULL
BEGIN
  INSERT INTO bfx.Package (PackageName, RetryLimit) VALUES (@PackageName, @RetryLimit);
  SET @PackageID = CAST(SCOPE_IDENTITY() AS INT);
END;
SELECT ${PACKAGE_COLUMNS} WHERE p.PackageID = @PackageID;
SELECT TOP (1) ${EXECUTION_COLUMNS} WHERE e.PackageID = @PackageID AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC;
SELECT TOP (1) ${EXECUTION_COLUMNS} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL;
SELECT TOP (1) e.NextLoadStatus AS nextLoadStatus FROM bfx.Execution e WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC;`;

const FINISH = `
UPDATE bfx.Execution
  SET ExecutionStatus = @EndStatus, NextLoadStatus = @EndNext, EndTime = SYSUTCDATETIME(), ErrorMessage = @EndMessage
  WHERE ExecutionID = @EndID;`;

const CONTEXT_SET = `RunKey = @RunKey, Repository = @Repository, Workflow = @Workflow, Job = @Job, RunId = @RunId,
  RunAttempt = @RunAttempt, Actor = @Actor, EventName = @EventName, CommitSha = @CommitSha`;

/** OUTPUT ... INTO a table variable, so that a trigger a user adds on Execution does not break it. */
const INSERT_EXECUTION = `
DECLARE @ids TABLE (ExecutionID BIGINT NOT NULL);
INSERT INTO bfx.Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
  RunKey, Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha)
OUTPUT INSERTED.ExecutionID INTO @ids
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, 0,
  CASE WHEN @Ended = 1 THEN SYSUTCDATETIME() END,
  @RunKey, @Repository, @Workflow, @Job, @RunId, @RunAttempt, @Actor, @EventName, @CommitSha);
SELECT ExecutionID AS executionId FROM @ids;`;

/** Begin, second batch: apply the plan. */
export const BEGIN_INSERT = `SET NOCOUNT ON;${INSERT_EXECUTION}`;
/** The abandoned execution is ended first: the filtered unique index allows one active row. */
export const BEGIN_ABANDON_AND_INSERT = `SET NOCOUNT ON;${FINISH}${INSERT_EXECUTION}`;
export const BEGIN_RESUME = `
SET NOCOUNT ON;
UPDATE bfx.Execution SET ExecutionStatus = 'A', NextLoadStatus = 'P', RetryCount = @RetryCount, ${CONTEXT_SET}
  WHERE ExecutionID = @ExecutionID;`;

/**
 * End, first batch: lock the execution's package row (the lock begin takes), so that an end cannot
 * interleave with a begin resuming the same execution, then read the execution.
 */
export const END_LOCK_AND_READ = `
SET NOCOUNT ON;
DECLARE @PackageID INT = (SELECT PackageID FROM bfx.Execution WHERE ExecutionID = @ExecutionID);
IF @PackageID IS NOT NULL
  SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageID = @PackageID;
SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = @ExecutionID;`;

/** End, second batch. */
export const END_FINISH = `SET NOCOUNT ON;${FINISH}
SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = @EndID;`;

export const STATUS_ALL = `
SET NOCOUNT ON;
SELECT ${PACKAGE_COLUMNS} ORDER BY p.PackageName;
SELECT ${EXECUTION_COLUMNS}
  WHERE e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM bfx.Execution x GROUP BY x.PackageID)
     OR e.EndTime IS NULL;`;

export const STATUS_ONE = `
SET NOCOUNT ON;
SELECT ${PACKAGE_COLUMNS} WHERE p.PackageName = @PackageName;
SELECT ${EXECUTION_COLUMNS}
  WHERE p.PackageName = @PackageName
    AND (e.ExecutionID = (SELECT MAX(x.ExecutionID) FROM bfx.Execution x WHERE x.PackageID = p.PackageID) OR e.EndTime IS NULL);`;

export const HISTORY = `
SET NOCOUNT ON;
SELECT TOP (@Limit) ${EXECUTION_COLUMNS} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC;`;

/** One batch, one transaction: a balanced BEGIN / COMMIT inside one request. */
export const SET_ENABLED = `
SET NOCOUNT ON;
BEGIN TRANSACTION;
UPDATE bfx.Package SET IsEnabled = @IsEnabled WHERE PackageName = @PackageName;
SELECT ${PACKAGE_COLUMNS} WHERE p.PackageName = @PackageName;
COMMIT TRANSACTION;`;

/** skip / resume: the latest execution's NextLoadStatus, refused while one is active. */
export const SET_NEXT_LOAD_STATUS = `
SET NOCOUNT ON;
BEGIN TRANSACTION;
DECLARE @PackageID INT, @Kind VARCHAR(20), @Target BIGINT;
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @PackageName;
IF @PackageID IS NULL SET @Kind = 'no-package';
ELSE
BEGIN
  SELECT @Target = ExecutionID FROM bfx.Execution WHERE PackageID = @PackageID AND EndTime IS NULL;
  IF @Target IS NOT NULL SET @Kind = 'active';
  ELSE
  BEGIN
    SELECT TOP (1) @Target = ExecutionID FROM bfx.Execution WHERE PackageID = @PackageID ORDER BY ExecutionID DESC;
    IF @Target IS NULL SET @Kind = 'no-execution';
    ELSE
    BEGIN
      UPDATE bfx.Execution SET NextLoadStatus = @Status WHERE ExecutionID = @Target;
      SET @Kind = 'changed';
    END;
  END;
END;
SELECT @Kind AS kind;
SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = @Target;
COMMIT TRANSACTION;`;

/** reset: end the package's active execution as F / R. */
export const RESET = `
SET NOCOUNT ON;
BEGIN TRANSACTION;
DECLARE @PackageID INT, @Kind VARCHAR(20), @Target BIGINT;
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @PackageName;
IF @PackageID IS NULL SET @Kind = 'no-package';
ELSE
BEGIN
  SELECT @Target = ExecutionID FROM bfx.Execution WHERE PackageID = @PackageID AND EndTime IS NULL;
  IF @Target IS NULL SET @Kind = 'none-active';
  ELSE
  BEGIN
    UPDATE bfx.Execution
      SET ExecutionStatus = 'F', NextLoadStatus = 'R', EndTime = SYSUTCDATETIME(), ErrorMessage = @Message
      WHERE ExecutionID = @Target;
    SET @Kind = 'reset';
  END;
END;
SELECT @Kind AS kind;
SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = @Target;
COMMIT TRANSACTION;`;
