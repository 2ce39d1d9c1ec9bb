/**
 * The SQL Server statements table: the T-SQL of every statement the SQL core sends, by the names of
 * src/catalog/sql/driver.ts (the same in every engine). Values are bound by name (@Column, the
 * names of the column maps), each with the SQL Server type PARAMETER_TYPES gives it; driver.ts
 * runs each statement through sys.sp_executesql, so every text is compiled once and its plan
 * reused whatever the values. Lists (IDs, names, counts) arrive as one JSON array each, read with
 * OPENJSON (compatibility level 130 or more: SQL Server 2016 and later, Azure SQL).
 *
 * Conventions the driver relies on: a value is @Name with a capital letter; a statement's own
 * variables start with a small letter (@own, @written); @changed is the OUTPUT parameter a write
 * sets to the rows it changed (Answer.changed), counted from its OUTPUT rows, so that a trigger a
 * user adds on a table changes nothing (OUTPUT goes INTO a table variable for the same reason).
 * A statement answers at most one result set.
 *
 * The lock (docs/mssql.md, Locking): the Package row by its clustered key, held to COMMIT: a
 * package's own EXCLUSIVE (XLOCK, HOLDLOCK, ROWLOCK; an update lock would be compatible with the
 * children's shared ones), a child's batch SHARED (HOLDLOCK, ROWLOCK). HOLDLOCK makes both
 * locking reads even where READ_COMMITTED_SNAPSHOT is on. The PackageID is found first with a
 * plain read (a name or an execution never changes its PackageID), and a key that is not there is
 * never locked, so no key-range lock is ever held. Reads of the locked package's rows are
 * READCOMMITTEDLOCK: the latest committed rows, not row versions.
 *
 * Every statement of the locked package finds it through the lock key (LockedParams), so it needs
 * no earlier answer and travels in the lock's round trip. Statuses, names and values are never
 * written here: they come in as values.
 */
import { AUDIT_COLUMNS, CONTEXT_COLUMNS, ROW_COUNT_COLUMNS, VARIABLE_COLUMNS } from '../catalog.js';
import { COLUMN_LENGTH as L } from '../limits.js';
import { executionSelectList, packageSelectList, selectList } from '../rows.js';
import { UNCHECKED_EXECUTIONS } from '../shape.js';
import type { LockKey, StatementText, Statements } from '../sql/driver.js';
import {
  APPLOCK_DEADLOCK_NUMBER,
  APPLOCK_TIMEOUT_NUMBER,
  GUARD_FAILED_NUMBER,
  REGISTERED_MEANWHILE_NUMBER,
} from './faults.js';
import { INSPECT, RUN_KEY_COLLATION, schemaNames } from './schema.js';

/** A value's SQL Server type, as sp_executesql declares it. JSON: a list, as a JSON array in text. */
export type SqlType = string;
export const JSON_LIST: SqlType = 'NVARCHAR(MAX)';

const nvarchar = (length: number | 'MAX') => `NVARCHAR(${length})`;
const CONTEXT = Object.values(CONTEXT_COLUMNS);

/** Every value a statement binds, with its type: the column's, so that index seeks need no conversion. */
export const PARAMETER_TYPES: Readonly<Record<string, SqlType>> = {
  PackageName: nvarchar(L.packageName),
  OtherName: nvarchar(L.packageName),
  NewName: nvarchar(L.packageName),
  RunKey: nvarchar(L.runKey),
  ExecutionID: 'BIGINT',
  LockExecutionID: 'BIGINT',
  LockParentExecutionID: 'BIGINT',
  ParentExecutionID: 'BIGINT',
  BeforeExecutionID: 'BIGINT',
  AfterExecutionID: 'BIGINT',
  AfterAuditID: 'BIGINT',
  PackageID: 'INT',
  LockedPackageID: 'INT',
  RetryLimit: 'INT',
  RetryCount: 'INT',
  GuardedRows: 'INT',
  Minutes: 'INT',
  Since: 'INT',
  Limit: 'BIGINT',
  IsBatch: 'BIT',
  IsEnabled: 'BIT',
  Ended: 'BIT',
  ExecutionStatus: 'CHAR(1)',
  NextLoadStatus: 'CHAR(1)',
  EndedAs: 'CHAR(1)',
  Succeeded: 'CHAR(1)',
  ErrorMessage: nvarchar('MAX'),
  Action: nvarchar(L.action),
  Detail: nvarchar('MAX'),
  Actor: nvarchar(L.actor),
  ...Object.fromEntries(CONTEXT.map((column) => [column, nvarchar(L.context)])),
  LockedPackageIDs: JSON_LIST,
  PackageIDs: JSON_LIST,
  ExecutionIDs: JSON_LIST,
  Actions: JSON_LIST,
  Names: JSON_LIST,
  Values: JSON_LIST,
  ObjectNames: JSON_LIST,
  CountTypes: JSON_LIST,
  RowCounts: JSON_LIST,
  Statuses: JSON_LIST,
  Versions: JSON_LIST,
};

const quote = (field: string) => `[${field}]`;
const PACKAGE_LIST = packageSelectList('p', quote);
const EXECUTION_LIST = executionSelectList(quote);
/** RowCount and Action are T-SQL keywords: those columns are always written in brackets. */
const VARIABLE_LIST = selectList('v', VARIABLE_COLUMNS, quote);
const ROW_COUNT_LIST = selectList('r', { ...ROW_COUNT_COLUMNS, rowCount: '[RowCount]' }, quote);
const AUDIT_LIST = `${selectList('a', { ...AUDIT_COLUMNS, action: '[Action]' }, quote)}, p.PackageName AS [packageName]`;

const LOCKING_READ = 'WITH (READCOMMITTEDLOCK)';
const EXCLUSIVE = 'WITH (XLOCK, HOLDLOCK, ROWLOCK)';
const SHARED = 'WITH (HOLDLOCK, ROWLOCK)';

/** The rows of a JSON list as a table of one column `item` of a type. */
const items = (list: string, type: string) => `(SELECT CAST(j.[value] AS ${type}) AS item FROM OPENJSON(${list}) j)`;
/** The catalog's clock @Minutes (or another parameter) minutes ago. */
const minutesAgo = (parameter: string) => `DATEADD(MINUTE, -${parameter}, SYSUTCDATETIME())`;
const bit = (condition: string) => `CAST(CASE WHEN ${condition} THEN 1 ELSE 0 END AS BIT)`;

/**
 * A guarded write, after its UPDATE ... OUTPUT INTO @written: it must have changed exactly
 * @GuardedRows rows (the core's number, Step.guarded), or the THROW aborts the transaction
 * (XACT_ABORT) and the driver's CATCH rolls back, so that nothing after it in the round trip, the
 * COMMIT included, takes effect (faults.isGuardFailure).
 */
const GUARD = `SET @changed = (SELECT COUNT(*) FROM @written);
IF @changed <> @GuardedRows
  THROW ${GUARD_FAILED_NUMBER}, N'bfx-begin: the executions were not as the decision read them under its package locks.', 1;`;

/** Every statement of a catalog in this schema. */
export function statements(schema: string): Statements {
  const names = schemaNames(schema);
  const P = names.table('Package');
  const E = names.table('Execution');
  const CV = names.table('ConfigVariable');
  const RC = names.table('RowCount');
  const AL = names.table('AuditLog');
  const EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${E} e ${LOCKING_READ} JOIN ${P} p ON p.PackageID = e.PackageID`;
  const UNLOCKED_EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${E} e JOIN ${P} p ON p.PackageID = e.PackageID`;
  const WRITTEN_EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${E} e JOIN ${P} p ON p.PackageID = e.PackageID
 WHERE e.ExecutionID IN (SELECT ExecutionID FROM @written);`;

  // ---- the lock ----------------------------------------------------------------------------------

  /** The locked package's ID, by the transaction's key (a plain read: a PackageID never changes). */
  const LOCKED: Record<LockKey, string> = {
    name: `(SELECT k.PackageID FROM ${P} k WHERE k.PackageName = @PackageName)`,
    execution: `(SELECT k.PackageID FROM ${E} k WHERE k.ExecutionID = @LockExecutionID)`,
  };
  /** The package of the parent execution: named by a begin (@LockParentExecutionID), or the locked execution's. */
  const PARENT: Record<LockKey, string> = {
    name: `(SELECT k.PackageID FROM ${E} k WHERE k.ExecutionID = @LockParentExecutionID)`,
    execution: `(SELECT k.PackageID FROM ${E} k
   WHERE k.ExecutionID = (SELECT j.ParentExecutionID FROM ${E} j WHERE j.ExecutionID = @LockExecutionID))`,
  };
  /** One text per lock key: `@own`, the locked package's ID, declared first. */
  const byKey = (statement: (key: LockKey) => string): Record<LockKey, string> => ({
    name: `DECLARE @own INT = ${LOCKED.name};\n${statement('name')}`,
    execution: `DECLARE @own INT = ${LOCKED.execution};\n${statement('execution')}`,
  });
  /**
   * Executions of any package this transaction holds exclusively: its own, and @LockedPackageIDs
   * (the packages held exclusively so far: its own once its lock answered, and those of
   * LOCK_PACKAGES_EXCLUSIVE). Not the parent's: a child holds its batch's package SHARED, beside the
   * batch's other children, and changes none of its executions; the core never puts it among
   * @LockedPackageIDs.
   */
  const IN_LOCKED = (alias: string) =>
    `(${alias}.PackageID = @own OR ${alias}.PackageID IN (SELECT item FROM ${items('@LockedPackageIDs', 'INT')} l))`;

  /** What retention reads of an execution (operations.ts), @Minutes being the purge's age; `top` for a page. */
  const standing = (
    top: string,
  ) => `SELECT ${top}e.ExecutionID AS executionId, e.ParentExecutionID AS parentExecutionId,
  e.ExecutionStatus AS executionStatus,
  ${bit('e.EndTime IS NOT NULL')} AS ended,
  ${bit(`e.StartTime < ${minutesAgo('@Minutes')}`)} AS old,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID ORDER BY x.ExecutionID DESC)`)} AS latest,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID AND x.EndTime IS NOT NULL
    ORDER BY x.EndTime DESC, x.ExecutionID DESC)`)} AS lastEnded,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID
    AND x.ExecutionStatus = e.ExecutionStatus ORDER BY x.ExecutionID DESC)`)} AS latestOfItsStatus,
  ${bit(`EXISTS (SELECT 1 FROM ${CV} v ${LOCKING_READ} WHERE v.PackageID = e.PackageID AND v.ExecutionID = e.ExecutionID)`)} AS marksVariables
FROM ${E} e ${LOCKING_READ}`;

  /** @Since (minutes) and @Statuses (a JSON list) are null for no filter. */
  const FILTERED = `(@Since IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
   AND (@Statuses IS NULL OR e.ExecutionStatus IN (SELECT item FROM ${items('@Statuses', 'CHAR(1)')} s))`;
  const NAMED = (alias: string) => `(@PackageName IS NULL OR ${alias}.PackageName = @PackageName)`;
  const REPORT_SINCE = minutesAgo('@Minutes');

  /**
   * Paired lists as rows (@Names with @Values, ...), the same key once: the first given or the
   * last (`pick`), compared in the database's collation, as the table's key compares them.
   */
  const pairedRows = (
    target: string,
    columns: { name: string; list: string; type: string; key?: boolean }[],
    pick: 'first' | 'last',
  ) => {
    const collate = (type: string) => (type.startsWith('NVARCHAR') ? ' COLLATE DATABASE_DEFAULT' : '');
    const names = columns.map((c) => c.name).join(', ');
    const cast = columns.map((c, i) => `CAST(j${i}.[value] AS ${c.type})${collate(c.type)} AS ${c.name}`).join(', ');
    const joins = columns
      .slice(1)
      .map((c, i) => `\n      JOIN OPENJSON(${c.list}) j${i + 1} ON j${i + 1}.[key] = j0.[key]`)
      .join('');
    const keys = columns.filter((c) => c.key).map((c) => `x.${c.name}`);
    return `DECLARE ${target} TABLE (${columns.map((c) => `${c.name} ${c.type}${collate(c.type)} NOT NULL`).join(', ')});
INSERT INTO ${target} (${names})
SELECT ${names} FROM (
  SELECT x.*, ROW_NUMBER() OVER (PARTITION BY ${keys.join(', ')} ORDER BY x.ordinal${pick === 'last' ? ' DESC' : ''}) AS pick
    FROM (SELECT CAST(j0.[key] AS INT) AS ordinal, ${cast}
      FROM OPENJSON(${columns[0].list}) j0${joins}) x) y
 WHERE y.pick = 1;`;
  };
  const VARIABLE_ROWS = (pick: 'first' | 'last') =>
    pairedRows(
      '@given',
      [
        { name: 'name', list: '@Names', type: nvarchar(L.variableName), key: true },
        { name: 'value', list: '@Values', type: nvarchar('MAX') },
      ],
      pick,
    );

  const table: Record<string, StatementText> = {
    // ---- the lock: the first statements of a package transaction ---------------------------------

    /**
     * The parent execution's package, shared, taken first (nothing when there is no parent). Not
     * when it is the package's own (a package named as its own batch): two such transactions would
     * each hold it shared and wait to hold it exclusively; the package's own lock covers it. Held
     * SHARED, it is not among the packages whose executions this transaction's writes may change
     * (IN_LOCKED): the core does not add it to @LockedPackageIDs.
     */
    LOCK_PARENT_PACKAGE_SHARED: byKey(
      (key) => `DECLARE @parent INT = ${PARENT[key]};
IF @parent IS NOT NULL AND @parent <> ISNULL(@own, 0)
  SELECT ${PACKAGE_LIST} FROM ${P} p ${SHARED} WHERE p.PackageID = @parent;`,
    ),
    /**
     * A plain probe, then the INSERT, which holds only its own new key (no key-range lock on the
     * name's index, which could close a circle of waits with a begin of a neighbouring name). Two
     * begins registering one new package at once: the second's INSERT waits for the first's key,
     * meets it (2627, or 2601 for a unique index), and THROWs REGISTERED_MEANWHILE_NUMBER, which is
     * retried: the next attempt finds the package.
     */
    REGISTER_PACKAGE: `IF NOT EXISTS (SELECT 1 FROM ${P} WHERE PackageName = @PackageName)
BEGIN
  BEGIN TRY
    INSERT INTO ${P} (PackageName, RetryLimit, IsBatch) VALUES (@PackageName, @RetryLimit, @IsBatch);
  END TRY
  BEGIN CATCH
    IF ERROR_NUMBER() IN (2601, 2627)
      THROW ${REGISTERED_MEANWHILE_NUMBER}, N'bfx-begin: another begin registered this package meanwhile.', 1;
    THROW;
  END CATCH;
END;`,
    /** The package's lock, held to COMMIT; answers the row as locked. */
    LOCK_PACKAGE_EXCLUSIVE: byKey(
      () => `IF @own IS NOT NULL
  SELECT ${PACKAGE_LIST} FROM ${P} p ${EXCLUSIVE} WHERE p.PackageID = @own;`,
    ),
    /**
     * More packages, one lock statement each, in ascending PackageID order (a set-based read may
     * take them in any order). Each only once a plain probe finds its row (a package deleted since
     * its ID was read is not locked): a HOLDLOCK read of a missing key would hold the range up to
     * the next key (past the last PackageID: every new package's INSERT) to the commit.
     */
    LOCK_PACKAGES_EXCLUSIVE: `DECLARE @ids TABLE (ID INT NOT NULL PRIMARY KEY);
INSERT INTO @ids (ID) SELECT DISTINCT item FROM ${items('@PackageIDs', 'INT')} i;
DECLARE @locked TABLE (PackageID INT NOT NULL);
DECLARE @next INT = (SELECT MIN(ID) FROM @ids), @found INT;
WHILE @next IS NOT NULL
BEGIN
  SET @found = NULL;
  IF EXISTS (SELECT 1 FROM ${P} WHERE PackageID = @next)
    SELECT @found = PackageID FROM ${P} ${EXCLUSIVE} WHERE PackageID = @next;
  IF @found IS NOT NULL INSERT INTO @locked (PackageID) VALUES (@found);
  SET @next = (SELECT MIN(ID) FROM @ids WHERE ID > @next);
END;
SELECT PackageID AS packageId FROM @locked ORDER BY PackageID;`,

    // ---- reads of the locked package ----------------------------------------------------------------

    /**
     * The run key compares exactly: in a binary collation, and by length (= ignores trailing
     * spaces), the column's as NVARCHAR like @RunKey's: DATALENGTH counts a VARCHAR column's
     * characters once and an NVARCHAR's twice, and the check of the tables takes either.
     */
    EXECUTION_WITH_RUN_KEY: byKey(
      () => `${EXECUTION.replace('SELECT', 'SELECT TOP (1)')}
 WHERE e.PackageID = @own AND e.RunKey = @RunKey COLLATE ${RUN_KEY_COLLATION}
   AND DATALENGTH(CAST(e.RunKey AS NVARCHAR(MAX))) = DATALENGTH(@RunKey)
 ORDER BY e.ExecutionID DESC;`,
    ),
    ACTIVE_EXECUTION: byKey(
      () => `${EXECUTION.replace('SELECT', 'SELECT TOP (1)')} WHERE e.PackageID = @own AND e.EndTime IS NULL;`,
    ),
    LATEST_EXECUTION: byKey(
      () => `${EXECUTION.replace('SELECT', 'SELECT TOP (1)')} WHERE e.PackageID = @own ORDER BY e.ExecutionID DESC;`,
    ),
    LAST_ENDED_EXECUTION: byKey(
      () =>
        `${EXECUTION.replace('SELECT', 'SELECT TOP (1)')} WHERE e.PackageID = @own AND e.EndTime IS NOT NULL ORDER BY e.EndTime DESC, e.ExecutionID DESC;`,
    ),
    EXECUTION_BY_ID: byKey(() => `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @own;`),
    /** An end's reads in one statement: the execution, its parent and its children (@parent found first). */
    EXECUTION_FAMILY: byKey(
      () => `DECLARE @parent BIGINT = (SELECT x.ParentExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.ExecutionID = @ExecutionID);
SELECT ${EXECUTION_LIST}, ${bit('e.ExecutionID = @ExecutionID AND e.PackageID = @own')} AS [isExecution],
  ${bit('e.ExecutionID = @parent')} AS [isParent], ${bit('e.ParentExecutionID = @ExecutionID')} AS [isChild]
  FROM ${E} e ${LOCKING_READ} JOIN ${P} p ON p.PackageID = e.PackageID
 WHERE e.ExecutionID IN (@ExecutionID, @parent) OR e.ParentExecutionID = @ExecutionID
 ORDER BY e.ExecutionID;`,
    ),
    /**
     * What a begin returns after its writes, in one statement: the latest execution with
     * @ExecutionStatus (below @BeforeExecutionID, when given) on every row, beside the variables.
     */
    LAST_EXECUTION_AND_VARIABLES: byKey(
      () => `SELECT l.ExecutionID AS [lastExecutionId], ${VARIABLE_LIST}
  FROM (SELECT (SELECT TOP (1) e.ExecutionID FROM ${E} e ${LOCKING_READ}
                 WHERE e.PackageID = @own AND e.ExecutionStatus = @ExecutionStatus
                   AND (@BeforeExecutionID IS NULL OR e.ExecutionID < @BeforeExecutionID)
                 ORDER BY e.ExecutionID DESC) AS ExecutionID) l
  LEFT JOIN ${CV} v ${LOCKING_READ} ON v.PackageID = @own
 ORDER BY v.VariableName;`,
    ),
    VARIABLES: byKey(
      () => `SELECT ${VARIABLE_LIST} FROM ${CV} v ${LOCKING_READ} WHERE v.PackageID = @own ORDER BY v.VariableName;`,
    ),
    EXECUTION_AUDIT: byKey(
      () => `SELECT ${AUDIT_LIST} FROM ${AL} a ${LOCKING_READ} JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = @own AND a.ExecutionID = @ExecutionID AND a.[Action] = @Action
 ORDER BY a.AuditID;`,
    ),
    PACKAGE_AUDIT: byKey(
      () => `SELECT TOP (@Limit) ${AUDIT_LIST} FROM ${AL} a ${LOCKING_READ} JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = @own AND a.[Action] = @Action AND a.AuditID > COALESCE(@AfterAuditID, 0)
 ORDER BY a.AuditID DESC;`,
    ),

    // ---- reads of any package (under the lock, or not) ---------------------------------------------

    ANY_EXECUTION: `${EXECUTION} WHERE e.ExecutionID = @ExecutionID;`,
    CHILDREN: `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID;`,
    AUDITED_EXECUTIONS: `SELECT DISTINCT a.ExecutionID AS executionId FROM ${AL} a ${LOCKING_READ}
 WHERE a.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i)
   AND a.[Action] IN (SELECT item FROM ${items('@Actions', nvarchar(L.action))} k);`,
    PACKAGE_NAMED: `SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageName = @OtherName;`,

    // ---- writes of the locked package ---------------------------------------------------------------

    /** StartTime is the column's default, SYSUTCDATETIME(); EndTime too when @Ended. Answers both ID and StartTime. */
    INSERT_EXECUTION: `DECLARE @inserted TABLE (ExecutionID BIGINT NOT NULL, StartTime DATETIME2 NOT NULL);
INSERT INTO ${E} (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
  ErrorMessage, RunKey, ${CONTEXT.join(', ')})
OUTPUT INSERTED.ExecutionID, INSERTED.StartTime INTO @inserted
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended = 1 THEN SYSUTCDATETIME() END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')});
SELECT ExecutionID AS executionId, StartTime AS startTime FROM @inserted;`,

    /** Guarded: only an active execution of the locked package. */
    TAKE_OVER_EXECUTION: byKey(
      () => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
  ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
OUTPUT INSERTED.ExecutionID INTO @written
 WHERE ExecutionID = @ExecutionID AND PackageID = @own AND EndTime IS NULL;
${GUARD}`,
    ),
    /** Guarded: only an active execution of a package held exclusively (IN_LOCKED); answers the ended row. */
    FINISH_EXECUTION: byKey(
      () => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE x SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = SYSUTCDATETIME(),
  ErrorMessage = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @written
  FROM ${E} x
 WHERE x.ExecutionID = @ExecutionID AND x.EndTime IS NULL AND ${IN_LOCKED('x')};
${GUARD}
${WRITTEN_EXECUTION}`,
    ),
    /** Guarded: only an ended execution of a package held exclusively (IN_LOCKED) whose status is still @EndedAs. */
    REFINISH_EXECUTION: byKey(
      () => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE x SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = SYSUTCDATETIME(),
  ErrorMessage = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @written
  FROM ${E} x
 WHERE x.ExecutionID = @ExecutionID AND x.EndTime IS NOT NULL AND x.ExecutionStatus = @EndedAs AND ${IN_LOCKED('x')};
${GUARD}
${WRITTEN_EXECUTION}`,
    ),
    /** Guarded: only an execution of a package held exclusively (IN_LOCKED); answers the changed row. */
    SET_NEXT_LOAD_STATUS: byKey(
      () => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE x SET NextLoadStatus = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @written
  FROM ${E} x
 WHERE x.ExecutionID = @ExecutionID AND ${IN_LOCKED('x')};
${GUARD}
${WRITTEN_EXECUTION}`,
    ),
    /** Guarded: every one of @ExecutionIDs, each of a package held exclusively (IN_LOCKED): the THROW for any other. */
    SET_NEXT_LOAD_STATUSES: byKey(
      () => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE x SET NextLoadStatus = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @written
  FROM ${E} x
 WHERE x.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i) AND ${IN_LOCKED('x')};
${GUARD}`,
    ),
    MARK_BATCH: byKey(() => `UPDATE ${P} SET IsBatch = 1 WHERE PackageID = @own;`),
    SET_ENABLED: byKey(
      () => `DECLARE @written TABLE (PackageID INT NOT NULL);
UPDATE ${P} SET IsEnabled = @IsEnabled OUTPUT INSERTED.PackageID INTO @written WHERE PackageID = @own;
SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageID IN (SELECT PackageID FROM @written);`,
    ),
    /** Adds the names the package does not have yet; the others are left as they are. */
    REGISTER_VARIABLES: byKey(
      () => `${VARIABLE_ROWS('first')}
INSERT INTO ${CV} (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT @own, g.name, g.value, NULL, NULL, SYSUTCDATETIME() FROM @given g
 WHERE @own IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${CV} c WHERE c.PackageID = @own AND c.VariableName = g.name);`,
    ),
    /** Each value replaces the one before, which is kept as PreviousValue (null for a new name). */
    STORE_VARIABLES: byKey(
      () => `${VARIABLE_ROWS('last')}
UPDATE c SET PreviousValue = c.VariableValue, VariableValue = g.value, ExecutionID = @ExecutionID, UpdatedTime = SYSUTCDATETIME()
  FROM ${CV} c JOIN @given g ON g.name = c.VariableName
 WHERE c.PackageID = @own;
INSERT INTO ${CV} (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT @own, g.name, g.value, NULL, @ExecutionID, SYSUTCDATETIME() FROM @given g
 WHERE @own IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${CV} c WHERE c.PackageID = @own AND c.VariableName = g.name);`,
    ),
    /** A count for the same execution, object and type replaces the earlier one. */
    SAVE_ROW_COUNTS: `${pairedRows(
      '@given',
      [
        { name: 'objectName', list: '@ObjectNames', type: nvarchar(L.objectName), key: true },
        { name: 'countType', list: '@CountTypes', type: nvarchar(L.countType), key: true },
        { name: 'countValue', list: '@RowCounts', type: 'BIGINT' },
      ],
      'last',
    )}
UPDATE r SET [RowCount] = g.countValue
  FROM ${RC} r JOIN @given g ON g.objectName = r.ObjectName AND g.countType = r.CountType
 WHERE r.ExecutionID = @ExecutionID;
INSERT INTO ${RC} (ExecutionID, ObjectName, CountType, [RowCount])
SELECT @ExecutionID, g.objectName, g.countType, g.countValue FROM @given g
 WHERE NOT EXISTS (SELECT 1 FROM ${RC} r WHERE r.ExecutionID = @ExecutionID AND r.ObjectName = g.objectName AND r.CountType = g.countType);`,
    /** Nothing when no package matches the lock. */
    RECORD_AUDIT: byKey(
      () => `INSERT INTO ${AL} (PackageID, ExecutionID, [Action], Detail, Actor)
SELECT @own, @ExecutionID, @Action, @Detail, @Actor WHERE @own IS NOT NULL;`,
    ),
    /** A deleted package's record: of no package, no execution. */
    RECORD_DELETION: `INSERT INTO ${AL} (PackageID, ExecutionID, [Action], Detail, Actor) VALUES (NULL, NULL, @Action, @Detail, @Actor);`,
    /** A unique-key violation (2627 / 2601) is a name taken meanwhile: faults.isUniqueViolation. */
    RENAME_PACKAGE: byKey(
      () => `DECLARE @written TABLE (PackageID INT NOT NULL);
UPDATE ${P} SET PackageName = @NewName OUTPUT INSERTED.PackageID INTO @written WHERE PackageID = @own;
SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageID IN (SELECT PackageID FROM @written);`,
    ),
    // A whole package, children before parents; the executions' count is DELETE_PACKAGE_EXECUTIONS's.
    DELETE_PACKAGE_ROW_COUNTS: byKey(
      () => `DELETE FROM ${RC} WHERE ExecutionID IN (SELECT ExecutionID FROM ${E} WHERE PackageID = @own);`,
    ),
    DELETE_PACKAGE_AUDIT: byKey(() => `DELETE FROM ${AL} WHERE PackageID = @own;`),
    DELETE_PACKAGE_VARIABLES: byKey(() => `DELETE FROM ${CV} WHERE PackageID = @own;`),
    DELETE_PACKAGE_EXECUTIONS: byKey(
      () => `DECLARE @gone TABLE (ExecutionID BIGINT NOT NULL);
DELETE FROM ${E} OUTPUT DELETED.ExecutionID INTO @gone WHERE PackageID = @own;
SET @changed = (SELECT COUNT(*) FROM @gone);`,
    ),
    DELETE_PACKAGE: byKey(() => `DELETE FROM ${P} WHERE PackageID = @own;`),

    // ---- retention ----------------------------------------------------------------------------------

    PURGE_CANDIDATES: byKey(
      () => `${standing('TOP (@Limit) ')}
 WHERE e.PackageID = @own AND e.StartTime < ${minutesAgo('@Minutes')}
   AND (@AfterExecutionID IS NULL OR e.ExecutionID > @AfterExecutionID)
 ORDER BY e.ExecutionID;`,
    ),
    STANDINGS: `${standing('')} WHERE e.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);`,
    CHILD_STANDINGS: `${standing('')} WHERE e.ParentExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);`,
    DELETE_EXECUTION_ROW_COUNTS: byKey(
      () => `DELETE r FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID
 WHERE e.PackageID = @own AND e.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);`,
    ),
    DELETE_EXECUTION_AUDIT: byKey(
      () => `DELETE FROM ${AL}
 WHERE PackageID = @own AND ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);`,
    ),
    DELETE_EXECUTIONS: byKey(
      () => `DECLARE @gone TABLE (ExecutionID BIGINT NOT NULL);
DELETE FROM ${E} OUTPUT DELETED.ExecutionID INTO @gone
 WHERE PackageID = @own AND ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);
SET @changed = (SELECT COUNT(*) FROM @gone);`,
    ),
    DELETE_OLD_AUDIT: byKey(
      () => `DECLARE @gone TABLE (AuditID BIGINT NOT NULL);
DELETE FROM ${AL} OUTPUT DELETED.AuditID INTO @gone
 WHERE AuditID IN (
  SELECT TOP (@Limit) a.AuditID FROM ${AL} a
   WHERE a.PackageID = @own AND a.CreatedTime < ${minutesAgo('@Minutes')}
     AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM ${E} x WHERE x.ExecutionID = a.ExecutionID))
   ORDER BY a.AuditID);
SET @changed = (SELECT COUNT(*) FROM @gone);`,
    ),

    // ---- unlocked reads: one statement each, outside any package transaction ---------------------
    // OPTION (RECOMPILE) where a null value means "all": each call gets the plan of its values.

    STATUS_PACKAGES: `SELECT ${PACKAGE_LIST} FROM ${P} p WHERE ${NAMED('p')} ORDER BY p.PackageName OPTION (RECOMPILE);`,
    /** Each package's latest execution, with the package of the batch execution it ran under. */
    STATUS_LATEST: `SELECT x.* FROM ${P} k CROSS APPLY (
  SELECT TOP (1) ${EXECUTION_LIST}, bp.PackageName AS [batchPackageName]
    FROM ${E} e JOIN ${P} p ON p.PackageID = e.PackageID
    LEFT JOIN ${E} pe ON pe.ExecutionID = e.ParentExecutionID
    LEFT JOIN ${P} bp ON bp.PackageID = pe.PackageID
   WHERE e.PackageID = k.PackageID ORDER BY e.ExecutionID DESC) x
 WHERE ${NAMED('k')} OPTION (RECOMPILE);`,
    STATUS_ACTIVE: `${UNLOCKED_EXECUTION} WHERE e.EndTime IS NULL AND ${NAMED('p')} OPTION (RECOMPILE);`,
    HISTORY: `${UNLOCKED_EXECUTION.replace('SELECT', 'SELECT TOP (@Limit)')}
 WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC;`,
    FILTERED_HISTORY: `${UNLOCKED_EXECUTION.replace('SELECT', 'SELECT TOP (@Limit)')}
 WHERE p.PackageName = @PackageName AND ${FILTERED}
 ORDER BY e.ExecutionID DESC OPTION (RECOMPILE);`,
    RUNS: `${UNLOCKED_EXECUTION.replace('SELECT', 'SELECT TOP (@Limit)')} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC OPTION (RECOMPILE);`,
    NOW: `SELECT SYSUTCDATETIME() AS [now];`,
    PACKAGE_VARIABLES: `SELECT p.PackageID AS packageId, ${VARIABLE_LIST}
  FROM ${P} p LEFT JOIN ${CV} v ON v.PackageID = p.PackageID
 WHERE p.PackageName = @PackageName
 ORDER BY v.VariableName;`,
    ROW_COUNTS: `SELECT ${ROW_COUNT_LIST} FROM ${RC} r
 WHERE r.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i)
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType;`,
    AUDIT: `SELECT TOP (@Limit) ${AUDIT_LIST} FROM ${AL} a JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE p.PackageName = @PackageName ORDER BY a.AuditID DESC;`,

    // ---- the report: one transaction (SNAPSHOT where the database allows it, driver.ts) ----------

    REPORT_CLOCK: `SELECT SYSUTCDATETIME() AS [now], ${REPORT_SINCE} AS [since];`,
    REPORT_PACKAGES: `SELECT ${PACKAGE_LIST} FROM ${P} p ORDER BY p.PackageName;`,
    /**
     * The window's executions and those that tell where each package stands: its latest, its
     * active one, its latest with @Succeeded, and the batch executions the window's children ran under.
     */
    REPORT_EXECUTIONS: `${UNLOCKED_EXECUTION}
 WHERE e.StartTime >= ${REPORT_SINCE} OR e.EndTime IS NULL
    OR e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x WHERE x.ExecutionStatus = @Succeeded GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM ${E} x WHERE x.StartTime >= ${REPORT_SINCE} AND x.ParentExecutionID IS NOT NULL)
 ORDER BY e.ExecutionID;`,
    REPORT_ROW_COUNTS: `SELECT ${ROW_COUNT_LIST} FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID
 WHERE e.StartTime >= ${REPORT_SINCE}
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType;`,
    /** With the records of deleted packages (no PackageID, so no name). */
    REPORT_AUDIT: `SELECT ${AUDIT_LIST} FROM ${AL} a LEFT JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE a.CreatedTime >= ${REPORT_SINCE}
 ORDER BY a.AuditID;`,

    // ---- the catalog itself -----------------------------------------------------------------------

    /**
     * An exclusive application lock named after the schema (catalogs in two schemas migrate
     * independently), held to COMMIT, waited for as long as the request may take (the client's
     * request timeout ends the wait). -3: chosen as a deadlock victim, retried like 1205. The
     * arguments go by position (resource, mode, owner, time-out): @Name would be a value to bind.
     */
    MIGRATE_LOCK: `DECLARE @lock INT;
EXEC @lock = sys.sp_getapplock N'bfx-begin:migrate:${names.name.toLowerCase()}', N'Exclusive', N'Transaction', -1;
IF @lock = -3
  THROW ${APPLOCK_DEADLOCK_NUMBER}, N'bfx-begin: the catalog''s migration lock request was chosen as a deadlock victim.', 1;
IF @lock < 0
  THROW ${APPLOCK_TIMEOUT_NUMBER}, N'bfx-begin: another bfx migrate held the catalog''s migration lock.', 1;`,
    INSPECT: INSPECT(names),
    /** Fails (208) when there is no CatalogVersion table. */
    RECORDED_VERSION: `SELECT MAX(Version) AS version FROM ${names.table('CatalogVersion')};`,
    UPGRADE_SIZE: `SELECT (SELECT MAX(ExecutionID) FROM ${E}) AS executions,
  (SELECT COUNT_BIG(*) FROM ${E} WHERE ${UNCHECKED_EXECUTIONS}) AS unchecked,
  (SELECT MIN(ExecutionID) FROM ${E} WHERE ${UNCHECKED_EXECUTIONS}) AS firstUnchecked;`,
    RECORD_VERSIONS: `INSERT INTO ${names.table('CatalogVersion')} (Version)
SELECT DISTINCT v.item FROM ${items('@Versions', 'INT')} v
 WHERE NOT EXISTS (SELECT 1 FROM ${names.table('CatalogVersion')} c WHERE c.Version = v.item);`,
  };
  return table as Statements;
}
