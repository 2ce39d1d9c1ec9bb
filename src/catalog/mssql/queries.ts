/**
 * The SQL Server catalog's statements, and how the statements of one tick become one batch.
 *
 * Every table is named [schema].[Table] in the catalog's schema; catalogStatements(schema) builds
 * the texts once per schema, and each call only binds its values. Values are bound by name
 * (@Column), with the names of the column maps in catalog.ts; select lists come from rows.ts.
 * Inside a transaction every statement refers to the locked package through the batch variable
 * @PackageID, and to every package the transaction has locked (its own, a parent's, a batch's
 * children's) through the table variable @LockedPackages: the lock statement declares both in the
 * first batch, and each later batch begins by declaring them again from what the locks found
 * (bindLocked). No statement decides anything and none names a status letter: run-control.ts
 * decides, these only lock, read and write.
 *
 * The lock (docs/mssql.md, Locking). Every path that changes a package's executions ends its lock
 * statement holding an exclusive lock (XLOCK, HOLDLOCK, ROWLOCK) on its own Package row's
 * clustered key, PK_Package (PackageID), until it commits: X locks conflict with every other lock,
 * so those transactions run one after another per package. Name paths find the PackageID through
 * the PackageName index with a plain read first; an end finds it from its execution. A parent
 * execution's package (a child's begin or end) is locked first, on the same key, in a shared mode
 * (HOLDLOCK, ROWLOCK: an S lock held to the commit): the children of one batch hold it side by
 * side, while the batch's own begin, end, reset and re-close (its own package's X lock) wait for
 * them and make them wait. A batch's children's packages come after, exclusively, in ascending
 * PackageID order (lockPackages). So no two transactions wait on each other in a circle.
 * HOLDLOCK makes both locking reads even where READ_COMMITTED_SNAPSHOT is on; a shared reader that
 * asks for HOLDLOCK always takes its S lock, so it always meets an X lock held on the key.
 */
import {
  CONTEXT_COLUMNS,
  EXECUTION_COLUMNS,
  type ExecutionFinish,
  type ExecutionTakeover,
  type NewAuditEntry,
  type NewExecution,
  type RowCount,
  type RunContext,
  type VariableValue,
  AUDIT_COLUMNS as AUDIT_FIELDS,
  ROW_COUNT_COLUMNS as ROW_COUNT_FIELDS,
  VARIABLE_COLUMNS,
} from '../catalog.js';
import { contextValues, executionSelectList, packageSelectList, selectList } from '../rows.js';
import { BIGINT, BIT, INT, MAX, char, nvarchar, varchar, type Batch } from './driver.js';
import { LOCK_VIOLATION_NUMBER, NAME_TAKEN_NUMBER, REGISTERED_MEANWHILE_NUMBER } from './faults.js';
import {
  ACTION_LENGTH,
  ACTOR_LENGTH,
  CONTEXT_LENGTH,
  COUNT_TYPE_LENGTH,
  OBJECT_NAME_LENGTH,
  PACKAGE_NAME_LENGTH,
  RUN_KEY_COLLATION,
  RUN_KEY_LENGTH,
  VARIABLE_NAME_LENGTH,
  inspectStatement,
  migrationLockStatement,
  migrationStatement,
  upgradeSizeStatement,
  schemaNames,
  type SchemaNames,
  type Param,
  type Params,
  type SqlType,
  type Statement,
} from './schema.js';

// The shape of a statement is defined beside the table definitions, which build some of their own.
export type { Param, Params, SqlType, Statement } from './schema.js';

/** The batch variable holding the locked package's ID: shared by the statements of a batch, never renamed. */
export const LOCKED_PACKAGE_VARIABLE = 'PackageID';
/** The batch's table variable of every package the transaction has locked: shared too. */
export const LOCKED_PACKAGES_VARIABLE = 'LockedPackages';
const SHARED_VARIABLES: ReadonlySet<string> = new Set([LOCKED_PACKAGE_VARIABLE, LOCKED_PACKAGES_VARIABLE]);

/**
 * SQL Server takes at most 2,100 parameters in a request. A batch carries at most this many (the
 * queue sends the rest in another round trip), and a statement of many rows (variables, row
 * counts) at most MAX_STATEMENT_PARAMS, so that every statement fits a batch beside the prelude.
 */
export const MAX_BATCH_PARAMS = 2_000;
const MAX_STATEMENT_PARAMS = 1_200;

export type { Batch } from './driver.js';

/**
 * Merges statements into one batch (one round trip). Each statement's parameters and variables
 * are renamed @s<i>_<name>, so two statements may both bind @ExecutionID or declare @changed;
 * only @PackageID and @LockedPackages, the batch's shared variables, keep their names. The texts
 * are built in this folder, so every @name in them is a parameter or a variable (none sits inside
 * a string literal).
 */
export function mergeStatements(statements: readonly Statement[]): Batch {
  if (statements.length === 0) return { text: '', params: {}, recordsets: [] };
  const params: Params = {};
  const texts = statements.map((statement, i) => {
    const prefix = `s${i}_`;
    for (const [name, param] of Object.entries(statement.params)) params[prefix + name] = param;
    return statement.text.replace(/(?<![@\w])@([A-Za-z_]\w*)/g, (whole, name: string) =>
      SHARED_VARIABLES.has(name) ? whole : `@${prefix}${name}`,
    );
  });
  return {
    text: ['SET NOCOUNT ON;', 'SET XACT_ABORT ON;', ...texts].join('\n'),
    params,
    recordsets: statements.map((statement) => statement.recordsets),
  };
}

/** Cuts a value to a column's length in UTF-16 code units, never through a surrogate pair. */
export function fit(value: string | null, length: number): string | null {
  if (value === null || value.length <= length) return value;
  const cut = value.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** IDs as one list parameter, '3,7,12,' (each followed by a comma), read back by fillFromList. */
export function idList(ids: ReadonlyArray<string | number>): string {
  return ids.map((id) => `${id},`).join('');
}

/**
 * T-SQL that adds each ID of a list parameter (idList) to a table variable, on every version and
 * compatibility level (no OPENJSON, no STRING_SPLIT). `tag` names its loop variables.
 */
function fillFromList(list: string, target: string, column: string, type: string, tag: string): string {
  const at = `@${tag}At`;
  const comma = `@${tag}Comma`;
  return `
DECLARE ${at} INT = 1, ${comma} INT;
WHILE ${at} <= LEN(@${list})
BEGIN
  SET ${comma} = CHARINDEX(',', @${list}, ${at});
  INSERT INTO @${target} (${column}) VALUES (CAST(SUBSTRING(@${list}, ${at}, ${comma} - ${at}) AS ${type}));
  SET ${at} = ${comma} + 1;
END;`;
}

/** Rows of values in chunks small enough for a statement: `perRow` parameters each. */
function chunks<T>(rows: readonly T[], perRow: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_STATEMENT_PARAMS / perRow));
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += size) result.push(rows.slice(i, i + size));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Select lists.

const quote = (field: string) => `[${field}]`;
const PACKAGE_LIST = packageSelectList('p', quote);
const EXECUTION_LIST = executionSelectList(quote);
const C = EXECUTION_COLUMNS;
const CONTEXT = Object.values(CONTEXT_COLUMNS);

/** RowCount and Action are T-SQL keywords: those columns are always written in brackets. */
const ROW_COUNT_COLUMNS = { ...ROW_COUNT_FIELDS, rowCount: '[RowCount]' } as const;
const AUDIT_COLUMNS = { ...AUDIT_FIELDS, action: '[Action]' } as const;

const VARIABLE_LIST = selectList('c', VARIABLE_COLUMNS, quote);
const ROW_COUNT_LIST = selectList('r', ROW_COUNT_COLUMNS, quote);
const AUDIT_LIST = `${selectList('a', AUDIT_COLUMNS, quote)}, p.PackageName AS [packageName]`;

/**
 * The state reads after the lock. READCOMMITTEDLOCK makes them locking reads of the latest
 * committed rows even when the database has READ_COMMITTED_SNAPSHOT on (as Azure SQL Database
 * has by default), where a plain read would return row versions. Under the package lock the two
 * agree, since the previous holder committed before its lock was released and a statement's
 * versions are taken when it starts; the hint keeps the reads right without leaning on that, and
 * makes them wait for any writer outside the lock (a hand-made UPDATE, an older bfx-begin that
 * locked by name only) instead of reading around its uncommitted change.
 */
const LOCKING_READ = 'WITH (READCOMMITTEDLOCK)';

const packageName = (name: string | null): Param => [nvarchar(PACKAGE_NAME_LENGTH), name];
const executionId = (id: string | null): Param => [BIGINT, id];
const status: SqlType = char(1);
const list = (ids: ReadonlyArray<string | number>): Param => [varchar(MAX), idList(ids)];

/** The run context, by column name (@Repository, ...), cut to fit. */
function contextParams(context: RunContext): Params {
  return Object.fromEntries(
    Object.entries(contextValues(context)).map(([column, value]) => [
      column,
      [nvarchar(CONTEXT_LENGTH), fit(value, CONTEXT_LENGTH)] as const,
    ]),
  );
}

/**
 * After a write that must change exactly the rows it was given: the THROW stops the batch and,
 * XACT_ABORT on, rolls the transaction back; engine.ts turns it into a LockViolation naming the
 * execution (`id`, a BIGINT expression).
 */
const violation = (id: string) => `
BEGIN
  DECLARE @violation NVARCHAR(200) = CONCAT(N'bfx-begin: execution ', ${id}, N' was no longer active under its package lock.');
  THROW ${LOCK_VIOLATION_NUMBER}, @violation, 1;
END;`;
const guard = (changed: string) => `
IF (SELECT COUNT(*) FROM ${changed}) <> 1${violation('@ExecutionID')}`;

export type CatalogStatements = ReturnType<typeof buildStatements>;

const built = new Map<string, CatalogStatements>();

/** The statements of the catalog in this schema, built once. */
export function catalogStatements(schema: string): CatalogStatements {
  let statements = built.get(schema);
  if (!statements) {
    statements = buildStatements(schemaNames(schema));
    built.set(schema, statements);
  }
  return statements;
}

function buildStatements(names: SchemaNames) {
  const P = names.table('Package');
  const E = names.table('Execution');
  const CV = names.table('ConfigVariable');
  const RC = names.table('RowCount');
  const AL = names.table('AuditLog');

  /** The locked package's executions, read under the lock. The Package row is joined only for its name, which never changes. */
  const LOCKED_EXECUTIONS = `FROM ${E} e ${LOCKING_READ} JOIN ${P} p ON p.PackageID = e.PackageID`;
  /** Reads of rows this transaction has just written, by their clustered key, and the unlocked reads. */
  const EXECUTIONS = `FROM ${E} e JOIN ${P} p ON p.PackageID = e.PackageID`;
  /** With the package of each execution's parent (status: which batch a package last ran under). */
  const EXECUTIONS_WITH_BATCH = `${EXECUTIONS}
  LEFT JOIN ${E} pe ON pe.ExecutionID = e.ParentExecutionID
  LEFT JOIN ${P} bp ON bp.PackageID = pe.PackageID`;
  const IN_LOCKED = `PackageID IN (SELECT PackageID FROM @${LOCKED_PACKAGES_VARIABLE})`;

  // -------------------------------------------------------------------------------------------
  // The lock: the first statement of every transaction.

  const LOCK_DECLARATIONS = `
DECLARE @PackageID INT, @ParentPackageID INT;
DECLARE @LockedPackages TABLE (PackageID INT NOT NULL PRIMARY KEY);`;

  /**
   * The lock statements: the Package row by its clustered key, held to the commit, exclusively
   * (a package's own) or shared (a child's batch).
   */
  const EXCLUSIVE = 'WITH (XLOCK, HOLDLOCK, ROWLOCK)';
  const SHARED = 'WITH (HOLDLOCK, ROWLOCK)';
  const lockKey = (variable: string, mode: string) =>
    `SELECT ${variable} = PackageID FROM ${P} ${mode} WHERE PackageID = ${variable};`;

  /** The parent execution's package first, when there is one, shared with the batch's other children. */
  const LOCK_PARENT = `
IF @ParentPackageID IS NOT NULL
BEGIN
  ${lockKey('@ParentPackageID', SHARED)}
  INSERT INTO @LockedPackages (PackageID) VALUES (@ParentPackageID);
END;`;

  /** Then the package itself (perhaps the same: locking a key twice is harmless), and what was locked. */
  const LOCK_OWN = `
IF @PackageID IS NOT NULL
BEGIN
  ${lockKey('@PackageID', EXCLUSIVE)}
  IF NOT EXISTS (SELECT 1 FROM @LockedPackages WHERE PackageID = @PackageID)
    INSERT INTO @LockedPackages (PackageID) VALUES (@PackageID);
END;
SELECT @PackageID AS packageId, @ParentPackageID AS parentPackageId;`;

  /**
   * By name, registering the package when @Register is 1 and it is missing, then locking it by
   * PackageID, as every other path does. A name never changes its PackageID, so plain reads find
   * it: no lock is taken on the PackageName index, whose key-range lock (held to the commit, as a
   * locking read of a missing name took it) could close a circle of waits with a begin of a
   * neighbouring name (a batch and its new child). The registration is its own short step: a
   * plain probe, then the INSERT, which holds only its own new keys. Two begins registering one new
   * package at once: the second's INSERT waits for the first's key, meets it (2627, or 2601 for a
   * unique index) and THROWs REGISTERED_MEANWHILE_NUMBER; the transaction rolls back (XACT_ABORT)
   * and is retried, and then finds the package. OUTPUT ... INTO a table variable rather than to the
   * client, so that a trigger a user adds on Package does not break it. The parent's PackageID
   * never changes either: a plain read finds it.
   */
  const LOCK_BY_NAME = `${LOCK_DECLARATIONS}
SET @ParentPackageID = (SELECT PackageID FROM ${E} WHERE ExecutionID = @ParentExecutionID);${LOCK_PARENT}
SET @PackageID = (SELECT PackageID FROM ${P} WHERE PackageName = @PackageName);
IF @PackageID IS NULL AND @Register = 1
BEGIN
  DECLARE @registered TABLE (PackageID INT NOT NULL);
  BEGIN TRY
    INSERT INTO ${P} (PackageName, RetryLimit, IsBatch) OUTPUT INSERTED.PackageID INTO @registered
      VALUES (@PackageName, @RetryLimit, @IsBatch);
  END TRY
  BEGIN CATCH
    IF ERROR_NUMBER() IN (2601, 2627)
      THROW ${REGISTERED_MEANWHILE_NUMBER}, N'Another begin registered this package meanwhile.', 1;
    THROW;
  END CATCH;
  SELECT @PackageID = PackageID FROM @registered;
END;${LOCK_OWN}`;

  /**
   * Through an execution (end): its PackageID never changes, and its ParentExecutionID changes only
   * when another run takes it over, after which this end is not that run's to write: a plain read
   * finds both packages.
   */
  const LOCK_BY_EXECUTION = `${LOCK_DECLARATIONS}
SELECT @PackageID = e.PackageID, @ParentPackageID = pe.PackageID
FROM ${E} e LEFT JOIN ${E} pe ON pe.ExecutionID = e.ParentExecutionID
WHERE e.ExecutionID = @ExecutionID;${LOCK_PARENT}${LOCK_OWN}`;

  const BIND_LOCKED = `DECLARE @PackageID INT = @Locked;
DECLARE @LockedPackages TABLE (PackageID INT NOT NULL PRIMARY KEY);${fillFromList('LockedList', LOCKED_PACKAGES_VARIABLE, 'PackageID', 'INT', 'locked')}`;

  /** More packages, each with the same lock statement, one after another in ascending PackageID order. */
  const LOCK_PACKAGES = `
DECLARE @ids TABLE (ID INT NOT NULL PRIMARY KEY);${fillFromList('PackageIDs', 'ids', 'ID', 'INT', 'id')}
DECLARE @next INT = (SELECT MIN(ID) FROM @ids), @found INT;
WHILE @next IS NOT NULL
BEGIN
  SET @found = NULL;
  SELECT @found = PackageID FROM ${P} ${EXCLUSIVE} WHERE PackageID = @next;
  IF @found IS NOT NULL AND NOT EXISTS (SELECT 1 FROM @LockedPackages WHERE PackageID = @found)
    INSERT INTO @LockedPackages (PackageID) VALUES (@found);
  SET @next = (SELECT MIN(ID) FROM @ids WHERE ID > @next);
END;
SELECT PackageID AS packageId FROM @LockedPackages;`;

  // -------------------------------------------------------------------------------------------
  // Reads after the lock.

  const READ_PACKAGE = `SELECT ${PACKAGE_LIST} FROM ${P} p ${LOCKING_READ} WHERE p.PackageID = @PackageID;`;
  /**
   * The run key compares in a binary collation, and by length too: = ignores trailing spaces in
   * every collation, and a run key is an identity, matched exactly.
   */
  const READ_EXECUTION_WITH_RUN_KEY = `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS}
WHERE e.PackageID = @PackageID AND e.${C.runKey} = @RunKey COLLATE ${RUN_KEY_COLLATION}
  AND DATALENGTH(e.${C.runKey}) = DATALENGTH(@RunKey)
ORDER BY e.ExecutionID DESC;`;
  const READ_ACTIVE = `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL ORDER BY e.ExecutionID DESC;`;
  const READ_LATEST = `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC;`;
  const READ_LAST_ENDED = `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS}
WHERE e.PackageID = @PackageID AND e.EndTime IS NOT NULL ORDER BY e.EndTime DESC, e.ExecutionID DESC;`;
  const READ_EXECUTION = `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID;`;
  const READ_ANY_EXECUTION = `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.ExecutionID = @ExecutionID;`;
  const READ_PARENT_OF = `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS}
WHERE e.ExecutionID = (SELECT x.ParentExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.ExecutionID = @ExecutionID);`;
  const READ_CHILDREN = `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID;`;
  /** Action names hold no comma: the list is split like an ID list. */
  const READ_AUDITED_EXECUTIONS = `
DECLARE @ids TABLE (ID BIGINT NOT NULL PRIMARY KEY);${fillFromList('ExecutionIDs', 'ids', 'ID', 'BIGINT', 'id')}
DECLARE @actions TABLE ([Action] NVARCHAR(64) NOT NULL);${fillFromList('Actions', 'actions', '[Action]', 'NVARCHAR(64)', 'action')}
SELECT DISTINCT a.ExecutionID AS executionId FROM ${AL} a ${LOCKING_READ}
WHERE a.ExecutionID IN (SELECT ID FROM @ids) AND a.[Action] IN (SELECT [Action] FROM @actions);`;
  const READ_LAST_WITH_STATUS = `SELECT TOP (1) e.ExecutionID AS executionId FROM ${E} e ${LOCKING_READ}
WHERE e.PackageID = @PackageID AND e.ExecutionStatus = @ExecutionStatus ORDER BY e.ExecutionID DESC;`;
  const READ_LAST_WITH_STATUS_BEFORE = `SELECT TOP (1) e.ExecutionID AS executionId FROM ${E} e ${LOCKING_READ}
WHERE e.PackageID = @PackageID AND e.ExecutionStatus = @ExecutionStatus AND e.ExecutionID < @Before ORDER BY e.ExecutionID DESC;`;
  const READ_VARIABLES = `SELECT ${VARIABLE_LIST} FROM ${CV} c ${LOCKING_READ} WHERE c.PackageID = @PackageID ORDER BY c.VariableName;`;
  const READ_EXECUTION_AUDIT = `SELECT ${AUDIT_LIST} FROM ${AL} a ${LOCKING_READ} JOIN ${P} p ON p.PackageID = a.PackageID
WHERE a.PackageID = @PackageID AND a.ExecutionID = @ExecutionID AND a.[Action] = @Action ORDER BY a.AuditID;`;

  // -------------------------------------------------------------------------------------------
  // Writes. Rows come back through OUTPUT ... INTO a table variable, then a SELECT, so that a
  // trigger a user adds on a table does not break them.

  const INSERT_EXECUTION = `
DECLARE @inserted TABLE (ExecutionID BIGINT NOT NULL);
INSERT INTO ${E} (${C.packageId}, ${C.parentExecutionId}, ${C.executionStatus}, ${C.nextLoadStatus}, ${C.retryCount},
  ${C.endTime}, ${C.errorMessage}, ${C.runKey}, ${CONTEXT.join(', ')})
OUTPUT INSERTED.ExecutionID INTO @inserted
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended = 1 THEN SYSUTCDATETIME() END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')});
SELECT ExecutionID AS executionId FROM @inserted;`;

  /** Guarded: still active, and the locked package's own. */
  const TAKE_OVER = `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.retryCount} = @RetryCount, ${C.parentExecutionId} = @ParentExecutionID, ${C.runKey} = @RunKey,
  ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL;${guard('@changed')}`;

  const CHANGED_EXECUTIONS = `SELECT ${EXECUTION_LIST} ${EXECUTIONS} WHERE e.ExecutionID IN (SELECT ExecutionID FROM @changed);`;

  /** Guarded: still active, and of a package this transaction has locked. */
  const FINISH = `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.endTime} = SYSUTCDATETIME(), ${C.errorMessage} = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND EndTime IS NULL AND ${IN_LOCKED};${guard('@changed')}
${CHANGED_EXECUTIONS}`;

  /** Guarded: ended with the status given, and of a package this transaction has locked. */
  const REFINISH = `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.endTime} = SYSUTCDATETIME(), ${C.errorMessage} = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND EndTime IS NOT NULL AND ${C.executionStatus} = @EndedAs AND ${IN_LOCKED};${guard('@changed')}
${CHANGED_EXECUTIONS}`;

  /** Returns the changed row (none when the execution is not of a locked package). */
  const SET_NEXT_LOAD_STATUS = `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ${C.nextLoadStatus} = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND ${IN_LOCKED};
${CHANGED_EXECUTIONS}`;

  /** Every execution given must change: one that is missing or of a package not locked THROWs. */
  const SET_NEXT_LOAD_STATUSES = `
DECLARE @ids TABLE (ID BIGINT NOT NULL PRIMARY KEY);${fillFromList('ExecutionIDs', 'ids', 'ID', 'BIGINT', 'id')}
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE e SET ${C.nextLoadStatus} = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @changed
FROM ${E} e JOIN @ids i ON i.ID = e.ExecutionID
WHERE e.${IN_LOCKED};
DECLARE @unchanged BIGINT = (SELECT MIN(ID) FROM @ids WHERE ID NOT IN (SELECT ExecutionID FROM @changed));
IF @unchanged IS NOT NULL${violation('@unchanged')}`;

  const MARK_BATCH = `UPDATE ${P} SET IsBatch = 1 WHERE PackageID = @PackageID;`;

  const SET_ENABLED = `
DECLARE @changed TABLE (PackageID INT NOT NULL);
UPDATE ${P} SET IsEnabled = @IsEnabled OUTPUT INSERTED.PackageID INTO @changed WHERE PackageID = @PackageID;
SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageID IN (SELECT PackageID FROM @changed);`;

  /** Nothing when the lock found no package (a disable of a name not there): PackageID is NOT NULL. */
  const RECORD_AUDIT = `INSERT INTO ${AL} (PackageID, ExecutionID, [Action], Detail, Actor)
SELECT @PackageID, @ExecutionID, @Action, @Detail, @Actor WHERE @PackageID IS NOT NULL;`;
  /** A deleted package's record: of no package, no execution. */
  const RECORD_DELETION = `INSERT INTO ${AL} (PackageID, ExecutionID, [Action], Detail, Actor)
VALUES (NULL, NULL, @Action, @Detail, @Actor);`;

  /**
   * Rows given as VALUES, numbered; the same key twice counts once (the first, or the last with
   * `last`), compared in the column's collation, as the table's key would compare them.
   */
  const rowsOf = (count: number, columns: string[], key: string[], last: boolean) => {
    const values = Array.from({ length: count }, (_, i) => `(${i}, ${columns.map((c) => `@${c}${i}`).join(', ')})`);
    return `(SELECT ${columns.map((c) => `x.${c}`).join(', ')},
    ROW_NUMBER() OVER (PARTITION BY ${key.map((k) => `x.${k}`).join(', ')} ORDER BY x.Ordinal${last ? ' DESC' : ''}) AS Pick
  FROM (VALUES ${values.join(', ')}) x (Ordinal, ${columns.join(', ')})) v`;
  };

  const variableParams = (values: readonly VariableValue[]): Params =>
    Object.fromEntries(
      values.flatMap((v, i): Array<[string, Param]> => [
        [`Name${i}`, [nvarchar(VARIABLE_NAME_LENGTH), v.name]],
        [`Value${i}`, [nvarchar(MAX), v.value]],
      ]),
    );

  const registerVariables = (values: readonly VariableValue[]): Statement => ({
    text: `INSERT INTO ${CV} (PackageID, VariableName, VariableValue, UpdatedTime)
SELECT @PackageID, v.Name, v.Value, SYSUTCDATETIME()
FROM ${rowsOf(values.length, ['Name', 'Value'], ['Name'], false)}
WHERE v.Pick = 1 AND NOT EXISTS (SELECT 1 FROM ${CV} c WHERE c.PackageID = @PackageID AND c.VariableName = v.Name);`,
    params: variableParams(values),
    recordsets: 0,
  });

  /** Update the names there (PreviousValue := the value before), then insert the others. */
  const storeVariables = (values: readonly VariableValue[], execution: string | null): Statement => {
    const rows = rowsOf(values.length, ['Name', 'Value'], ['Name'], true);
    return {
      text: `UPDATE c SET PreviousValue = c.VariableValue, VariableValue = v.Value, ExecutionID = @ExecutionID, UpdatedTime = SYSUTCDATETIME()
FROM ${CV} c JOIN ${rows} ON v.Pick = 1 AND c.VariableName = v.Name
WHERE c.PackageID = @PackageID;
INSERT INTO ${CV} (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT @PackageID, v.Name, v.Value, NULL, @ExecutionID, SYSUTCDATETIME()
FROM ${rows}
WHERE v.Pick = 1 AND NOT EXISTS (SELECT 1 FROM ${CV} c WHERE c.PackageID = @PackageID AND c.VariableName = v.Name);`,
      params: { ...variableParams(values), ExecutionID: executionId(execution) },
      recordsets: 0,
    };
  };

  const saveRowCounts = (execution: string, counts: readonly RowCount[]): Statement => {
    const rows = rowsOf(counts.length, ['ObjectName', 'CountType', 'CountValue'], ['ObjectName', 'CountType'], true);
    return {
      text: `UPDATE r SET [RowCount] = v.CountValue
FROM ${RC} r JOIN ${rows} ON v.Pick = 1 AND r.ObjectName = v.ObjectName AND r.CountType = v.CountType
WHERE r.ExecutionID = @ExecutionID;
INSERT INTO ${RC} (ExecutionID, ObjectName, CountType, [RowCount])
SELECT @ExecutionID, v.ObjectName, v.CountType, v.CountValue
FROM ${rows}
WHERE v.Pick = 1 AND NOT EXISTS (SELECT 1 FROM ${RC} r WHERE r.ExecutionID = @ExecutionID AND r.ObjectName = v.ObjectName AND r.CountType = v.CountType);`,
      params: {
        ExecutionID: executionId(execution),
        ...Object.fromEntries(
          counts.flatMap((c, i): Array<[string, Param]> => [
            [`ObjectName${i}`, [nvarchar(OBJECT_NAME_LENGTH), c.objectName]],
            [`CountType${i}`, [nvarchar(COUNT_TYPE_LENGTH), c.countType]],
            [`CountValue${i}`, [BIGINT, c.rowCount]],
          ]),
        ),
      },
      recordsets: 0,
    };
  };

  // -------------------------------------------------------------------------------------------
  // Outside any transaction: not locked, one request each.

  /** The packages, then their latest and active executions, each with its parent's package name. */
  const STATUS_ALL = `SELECT ${PACKAGE_LIST} FROM ${P} p ORDER BY p.PackageName;
SELECT ${EXECUTION_LIST}, bp.PackageName AS [batchPackageName] ${EXECUTIONS_WITH_BATCH}
  WHERE e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x GROUP BY x.PackageID)
     OR e.EndTime IS NULL;`;
  const STATUS_ONE = `SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageName = @PackageName;
SELECT ${EXECUTION_LIST}, bp.PackageName AS [batchPackageName] ${EXECUTIONS_WITH_BATCH}
  WHERE p.PackageName = @PackageName
    AND (e.ExecutionID = (SELECT MAX(x.ExecutionID) FROM ${E} x WHERE x.PackageID = p.PackageID) OR e.EndTime IS NULL);`;
  const HISTORY = `SELECT TOP (@Limit) ${EXECUTION_LIST} ${EXECUTIONS} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC;`;
  const CHILDREN = `SELECT ${EXECUTION_LIST} ${EXECUTIONS} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID;`;
  /** The package (none: no such package), then its variables. */
  const VARIABLES = `SELECT p.PackageID AS packageId FROM ${P} p WHERE p.PackageName = @PackageName;
SELECT ${VARIABLE_LIST} FROM ${CV} c JOIN ${P} p ON p.PackageID = c.PackageID WHERE p.PackageName = @PackageName ORDER BY c.VariableName;`;
  const ROW_COUNTS = `
DECLARE @ids TABLE (ID BIGINT NOT NULL PRIMARY KEY);${fillFromList('ExecutionIDs', 'ids', 'ID', 'BIGINT', 'id')}
SELECT ${ROW_COUNT_LIST} FROM ${RC} r WHERE r.ExecutionID IN (SELECT ID FROM @ids)
ORDER BY r.ExecutionID, r.ObjectName, r.CountType;`;
  const AUDIT = `SELECT TOP (@Limit) ${AUDIT_LIST} FROM ${AL} a JOIN ${P} p ON p.PackageID = a.PackageID
WHERE p.PackageName = @PackageName ORDER BY a.AuditID DESC;`;

  /**
   * The report's reads, in one request: the server's clock and the window's start, every package,
   * the window's executions and those that tell where each package stands (its latest, its active
   * one, its latest with @Succeeded, the batch executions the window's children ran under), their
   * row counts, and the window's audit records. A fixed number of statements, whatever the number
   * of packages.
   */
  const REPORT = `DECLARE @now DATETIME2 = SYSUTCDATETIME();
DECLARE @since DATETIME2 = DATEADD(MINUTE, -@Minutes, @now);
SELECT @now AS [now], @since AS [since];
SELECT ${PACKAGE_LIST} FROM ${P} p ORDER BY p.PackageName;
SELECT ${EXECUTION_LIST} ${EXECUTIONS}
 WHERE e.StartTime >= @since OR e.EndTime IS NULL
    OR e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x WHERE x.ExecutionStatus = @Succeeded GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM ${E} x WHERE x.StartTime >= @since AND x.ParentExecutionID IS NOT NULL)
 ORDER BY e.ExecutionID;
SELECT ${ROW_COUNT_LIST} FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID
 WHERE e.StartTime >= @since
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType;
SELECT ${AUDIT_LIST} FROM ${AL} a LEFT JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE a.CreatedTime >= @since
 ORDER BY a.AuditID;`;
  // -------------------------------------------------------------------------------------------
  // Listings, retention, rename and delete.

  /** The catalog's clock @Minutes (or another parameter) minutes ago. */
  const minutesAgo = (parameter: string) => `DATEADD(minute, -${parameter}, SYSUTCDATETIME())`;
  const bit = (condition: string) => `CAST(CASE WHEN ${condition} THEN 1 ELSE 0 END AS BIT)`;
  /** @Since (minutes) is null for no bound; @Statuses, the letters run together ('FR'), null for all. */
  const FILTERED = `(@Since IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
  AND (@Statuses IS NULL OR CHARINDEX(e.${C.executionStatus}, @Statuses) > 0)`;
  const NOW = `SELECT SYSUTCDATETIME() AS [now];`;
  const FILTERED_HISTORY = `SELECT TOP (@Limit) ${EXECUTION_LIST} ${EXECUTIONS}
WHERE p.PackageName = @PackageName AND ${FILTERED} ORDER BY e.ExecutionID DESC;`;
  const RUNS = `SELECT TOP (@Limit) ${EXECUTION_LIST} ${EXECUTIONS} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC;`;

  /** What retention reads of an execution (operations.ts), @Minutes being the purge's age; `top` for a page. */
  const standing = (
    top: string,
  ) => `SELECT ${top}e.ExecutionID AS executionId, e.ParentExecutionID AS parentExecutionId,
  e.${C.executionStatus} AS executionStatus,
  ${bit('e.EndTime IS NOT NULL')} AS ended,
  ${bit(`e.StartTime < ${minutesAgo('@Minutes')}`)} AS old,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID ORDER BY x.ExecutionID DESC)`)} AS latest,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID AND x.EndTime IS NOT NULL
    ORDER BY x.EndTime DESC, x.ExecutionID DESC)`)} AS lastEnded,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID
    AND x.${C.executionStatus} = e.${C.executionStatus} ORDER BY x.ExecutionID DESC)`)} AS latestOfItsStatus,
  ${bit(`EXISTS (SELECT 1 FROM ${CV} v ${LOCKING_READ} WHERE v.PackageID = e.PackageID AND v.ExecutionID = e.ExecutionID)`)} AS marksVariables
FROM ${E} e ${LOCKING_READ}`;
  const READ_PURGE_CANDIDATES = `${standing('TOP (@Limit) ')}
WHERE e.PackageID = @PackageID AND e.StartTime < ${minutesAgo('@Minutes')} AND (@After IS NULL OR e.ExecutionID > @After)
ORDER BY e.ExecutionID;`;
  const ID_TABLE = `
DECLARE @ids TABLE (ID BIGINT NOT NULL PRIMARY KEY);${fillFromList('ExecutionIDs', 'ids', 'ID', 'BIGINT', 'id')}`;
  const READ_STANDINGS = `${ID_TABLE}
${standing('')} WHERE e.ExecutionID IN (SELECT ID FROM @ids);`;
  const READ_CHILD_STANDINGS = `${ID_TABLE}
${standing('')} WHERE e.ParentExecutionID IN (SELECT ID FROM @ids);`;

  /** Of the locked package only: the row counts, audit entries and rows of these executions. */
  const DELETE_EXECUTIONS = `${ID_TABLE}
DELETE r FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID JOIN @ids i ON i.ID = e.ExecutionID
WHERE e.PackageID = @PackageID;
DELETE a FROM ${AL} a JOIN @ids i ON i.ID = a.ExecutionID WHERE a.PackageID = @PackageID;
DECLARE @gone TABLE (ExecutionID BIGINT NOT NULL);
DELETE e OUTPUT DELETED.ExecutionID INTO @gone FROM ${E} e JOIN @ids i ON i.ID = e.ExecutionID WHERE e.PackageID = @PackageID;
SELECT COUNT(*) AS [count] FROM @gone;`;
  const DELETE_OLD_AUDIT = `
DECLARE @gone TABLE (AuditID BIGINT NOT NULL);
DELETE TOP (@Limit) a OUTPUT DELETED.AuditID INTO @gone FROM ${AL} a
WHERE a.PackageID = @PackageID AND a.CreatedTime < ${minutesAgo('@Minutes')}
  AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM ${E} x WHERE x.ExecutionID = a.ExecutionID));
SELECT COUNT(*) AS [count] FROM @gone;`;

  /** Any package by name, not locked: whether a name is taken. */
  const READ_PACKAGE_NAMED = `SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageName = @OtherName;`;
  /**
   * A begin may register the new name after the rename read it free: the UPDATE meets its key
   * (2627, or 2601 for a unique index) and THROWs NAME_TAKEN_NUMBER, naming it (faults.ts).
   */
  const RENAME_PACKAGE = `
DECLARE @changed TABLE (PackageID INT NOT NULL);
BEGIN TRY
  UPDATE ${P} SET PackageName = @NewName OUTPUT INSERTED.PackageID INTO @changed WHERE PackageID = @PackageID;
END TRY
BEGIN CATCH
  IF ERROR_NUMBER() IN (2601, 2627)
  BEGIN
    DECLARE @taken NVARCHAR(2048) = CONCAT(N'bfx-begin: package "', @NewName, N'" was registered while the rename ran.');
    THROW ${NAME_TAKEN_NUMBER}, @taken, 1;
  END;
  THROW;
END CATCH;
SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageID IN (SELECT PackageID FROM @changed);`;
  /** A whole package, children before parents; returns how many executions went. */
  const DELETE_PACKAGE = `
DELETE r FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID WHERE e.PackageID = @PackageID;
DELETE FROM ${AL} WHERE PackageID = @PackageID;
DELETE FROM ${CV} WHERE PackageID = @PackageID;
DECLARE @gone TABLE (ExecutionID BIGINT NOT NULL);
DELETE FROM ${E} OUTPUT DELETED.ExecutionID INTO @gone WHERE PackageID = @PackageID;
DELETE FROM ${P} WHERE PackageID = @PackageID;
SELECT COUNT(*) AS [count] FROM @gone;`;

  const filterParams = (sinceMinutes: number | undefined, statuses: readonly string[] | undefined): Params => ({
    Since: [INT, sinceMinutes ?? null],
    Statuses: [varchar(16), statuses === undefined ? null : statuses.join('')],
  });

  return {
    names,
    inspect: inspectStatement(names),
    migrationLock: (lockTimeoutMs: number) => migrationLockStatement(names, lockTimeoutMs),
    migration: (from: number) => migrationStatement(names, from),
    upgradeSize: upgradeSizeStatement(names),

    /** name null: a name too long to be in the catalog, which locks nothing; parent null: none (or not an ID). */
    lockByName(
      name: string | null,
      register: { retryLimit: number | null; isBatch: boolean } | undefined,
      parentExecutionId: string | null,
    ): Statement {
      return {
        text: LOCK_BY_NAME,
        params: {
          PackageName: packageName(name),
          Register: [BIT, register !== undefined],
          RetryLimit: [INT, register?.retryLimit ?? null],
          IsBatch: [BIT, register?.isBatch ?? false],
          ParentExecutionID: executionId(parentExecutionId),
        },
        recordsets: 1,
      };
    },

    /** id null: not an execution ID, which locks nothing. */
    lockByExecution(id: string | null): Statement {
      return { text: LOCK_BY_EXECUTION, params: { ExecutionID: executionId(id) }, recordsets: 1 };
    },

    /** The start of every batch after the first: the locked package's ID and every package locked, as the batches before left them. */
    bindLocked(packageId: number | null, lockedPackageIds: readonly number[]): Statement {
      return {
        text: BIND_LOCKED,
        params: { Locked: [INT, packageId], LockedList: list(lockedPackageIds) },
        recordsets: 0,
      };
    },

    /** IDs ascending, each once; returns every package the transaction holds locked. */
    lockPackages(packageIds: readonly number[]): Statement {
      return { text: LOCK_PACKAGES, params: { PackageIDs: list(packageIds) }, recordsets: 1 };
    },

    readPackage: (): Statement => ({ text: READ_PACKAGE, params: {}, recordsets: 1 }),
    readExecutionWithRunKey: (runKey: string): Statement => ({
      text: READ_EXECUTION_WITH_RUN_KEY,
      params: { RunKey: [nvarchar(RUN_KEY_LENGTH), runKey] },
      recordsets: 1,
    }),
    readActiveExecution: (): Statement => ({ text: READ_ACTIVE, params: {}, recordsets: 1 }),
    readLatestExecution: (): Statement => ({ text: READ_LATEST, params: {}, recordsets: 1 }),
    readLastEndedExecution: (): Statement => ({ text: READ_LAST_ENDED, params: {}, recordsets: 1 }),
    readAuditedExecutions: (ids: readonly string[], actions: readonly string[]): Statement => ({
      text: READ_AUDITED_EXECUTIONS,
      params: { ExecutionIDs: list(ids), Actions: [nvarchar(MAX), idList(actions)] },
      recordsets: 1,
    }),
    readExecution: (id: string): Statement => ({
      text: READ_EXECUTION,
      params: { ExecutionID: executionId(id) },
      recordsets: 1,
    }),
    readAnyExecution: (id: string): Statement => ({
      text: READ_ANY_EXECUTION,
      params: { ExecutionID: executionId(id) },
      recordsets: 1,
    }),
    readParentOf: (id: string): Statement => ({
      text: READ_PARENT_OF,
      params: { ExecutionID: executionId(id) },
      recordsets: 1,
    }),
    readChildren: (parentId: string): Statement => ({
      text: READ_CHILDREN,
      params: { ParentExecutionID: executionId(parentId) },
      recordsets: 1,
    }),
    readLastExecutionWithStatus: (executionStatus: string, before: string | null): Statement =>
      before === null
        ? { text: READ_LAST_WITH_STATUS, params: { ExecutionStatus: [status, executionStatus] }, recordsets: 1 }
        : {
            text: READ_LAST_WITH_STATUS_BEFORE,
            params: { ExecutionStatus: [status, executionStatus], Before: executionId(before) },
            recordsets: 1,
          },
    readVariables: (): Statement => ({ text: READ_VARIABLES, params: {}, recordsets: 1 }),
    readExecutionAudit: (id: string, action: string): Statement => ({
      text: READ_EXECUTION_AUDIT,
      params: { ExecutionID: executionId(id), Action: [nvarchar(ACTION_LENGTH), action] },
      recordsets: 1,
    }),

    insertExecution(execution: NewExecution): Statement {
      return {
        text: INSERT_EXECUTION,
        params: {
          ParentExecutionID: executionId(execution.parentExecutionId),
          ExecutionStatus: [status, execution.executionStatus],
          NextLoadStatus: [status, execution.nextLoadStatus],
          RetryCount: [INT, execution.retryCount],
          Ended: [BIT, execution.ended],
          ErrorMessage: [nvarchar(MAX), execution.errorMessage],
          RunKey: [nvarchar(RUN_KEY_LENGTH), execution.runKey],
          ...contextParams(execution.context),
        },
        recordsets: 1,
      };
    },

    takeOverExecution(takeover: ExecutionTakeover): Statement {
      return {
        text: TAKE_OVER,
        params: {
          ExecutionID: executionId(takeover.executionId),
          ExecutionStatus: [status, takeover.executionStatus],
          NextLoadStatus: [status, takeover.nextLoadStatus],
          RetryCount: [INT, takeover.retryCount],
          RunKey: [nvarchar(RUN_KEY_LENGTH), takeover.runKey],
          ...contextParams(takeover.context),
        },
        recordsets: 0,
      };
    },

    finishExecution(finish: ExecutionFinish): Statement {
      return {
        text: FINISH,
        params: {
          ExecutionID: executionId(finish.executionId),
          ExecutionStatus: [status, finish.executionStatus],
          NextLoadStatus: [status, finish.nextLoadStatus],
          ErrorMessage: [nvarchar(MAX), finish.errorMessage],
        },
        recordsets: 1,
      };
    },

    refinishExecution(finish: ExecutionFinish, endedAs: string): Statement {
      return {
        text: REFINISH,
        params: {
          ExecutionID: executionId(finish.executionId),
          ExecutionStatus: [status, finish.executionStatus],
          NextLoadStatus: [status, finish.nextLoadStatus],
          ErrorMessage: [nvarchar(MAX), finish.errorMessage],
          EndedAs: [status, endedAs],
        },
        recordsets: 1,
      };
    },

    setNextLoadStatus(id: string, nextLoadStatus: string): Statement {
      return {
        text: SET_NEXT_LOAD_STATUS,
        params: { ExecutionID: executionId(id), NextLoadStatus: [status, nextLoadStatus] },
        recordsets: 1,
      };
    },

    setNextLoadStatuses(ids: readonly string[], nextLoadStatus: string): Statement {
      return {
        text: SET_NEXT_LOAD_STATUSES,
        params: { ExecutionIDs: list(ids), NextLoadStatus: [status, nextLoadStatus] },
        recordsets: 0,
      };
    },

    markBatch: (): Statement => ({ text: MARK_BATCH, params: {}, recordsets: 0 }),

    setEnabled(enabled: boolean): Statement {
      return { text: SET_ENABLED, params: { IsEnabled: [BIT, enabled] }, recordsets: 1 };
    },

    /** One statement per chunk of rows; none for none. */
    registerVariables: (values: readonly VariableValue[]): Statement[] => chunks(values, 2).map(registerVariables),
    storeVariables: (values: readonly VariableValue[], execution: string | null): Statement[] =>
      chunks(values, 2).map((chunk) => storeVariables(chunk, execution)),
    saveRowCounts: (execution: string, counts: readonly RowCount[]): Statement[] =>
      chunks(counts, 3).map((chunk) => saveRowCounts(execution, chunk)),

    recordAudit(entry: NewAuditEntry): Statement {
      return {
        text: RECORD_AUDIT,
        params: {
          ExecutionID: executionId(entry.executionId),
          Action: [nvarchar(ACTION_LENGTH), entry.action],
          Detail: [nvarchar(MAX), entry.detail],
          Actor: [nvarchar(ACTOR_LENGTH), fit(entry.actor, ACTOR_LENGTH)],
        },
        recordsets: 0,
      };
    },

    recordDeletion(entry: NewAuditEntry): Statement {
      return {
        text: RECORD_DELETION,
        params: {
          Action: [nvarchar(ACTION_LENGTH), entry.action],
          Detail: [nvarchar(MAX), entry.detail],
          Actor: [nvarchar(ACTOR_LENGTH), fit(entry.actor, ACTOR_LENGTH)],
        },
        recordsets: 0,
      };
    },

    statusAll: (): Statement => ({ text: STATUS_ALL, params: {}, recordsets: 2 }),
    statusOne: (name: string): Statement => ({
      text: STATUS_ONE,
      params: { PackageName: packageName(name) },
      recordsets: 2,
    }),
    history: (name: string, limit: number): Statement => ({
      text: HISTORY,
      params: { PackageName: packageName(name), Limit: [INT, limit] },
      recordsets: 1,
    }),
    children: (parentId: string): Statement => ({
      text: CHILDREN,
      params: { ParentExecutionID: executionId(parentId) },
      recordsets: 1,
    }),
    variables: (name: string): Statement => ({
      text: VARIABLES,
      params: { PackageName: packageName(name) },
      recordsets: 2,
    }),
    rowCounts: (ids: readonly string[]): Statement => ({
      text: ROW_COUNTS,
      params: { ExecutionIDs: list(ids) },
      recordsets: 1,
    }),
    report: (windowMinutes: number, succeeded: string): Statement => ({
      text: REPORT,
      params: { Minutes: [INT, windowMinutes], Succeeded: [status, succeeded] },
      recordsets: 5,
    }),
    audit: (name: string, limit: number): Statement => ({
      text: AUDIT,
      params: { PackageName: packageName(name), Limit: [INT, limit] },
      recordsets: 1,
    }),

    now: (): Statement => ({ text: NOW, params: {}, recordsets: 1 }),
    filteredHistory: (
      name: string,
      limit: number,
      sinceMinutes: number | undefined,
      statuses: readonly string[] | undefined,
    ): Statement => ({
      text: FILTERED_HISTORY,
      params: { PackageName: packageName(name), Limit: [INT, limit], ...filterParams(sinceMinutes, statuses) },
      recordsets: 1,
    }),
    runs: (limit: number, sinceMinutes: number | undefined, statuses: readonly string[] | undefined): Statement => ({
      text: RUNS,
      params: { Limit: [INT, limit], ...filterParams(sinceMinutes, statuses) },
      recordsets: 1,
    }),

    readPackageNamed: (name: string): Statement => ({
      text: READ_PACKAGE_NAMED,
      params: { OtherName: packageName(name) },
      recordsets: 1,
    }),
    renamePackage: (newName: string): Statement => ({
      text: RENAME_PACKAGE,
      params: { NewName: packageName(newName) },
      recordsets: 1,
    }),
    deletePackage: (): Statement => ({ text: DELETE_PACKAGE, params: {}, recordsets: 1 }),
    readPurgeCandidates: (olderThanMinutes: number, after: string | null, limit: number): Statement => ({
      text: READ_PURGE_CANDIDATES,
      params: { Minutes: [INT, olderThanMinutes], After: executionId(after), Limit: [INT, limit] },
      recordsets: 1,
    }),
    readStandings: (ids: readonly string[], olderThanMinutes: number): Statement => ({
      text: READ_STANDINGS,
      params: { ExecutionIDs: list(ids), Minutes: [INT, olderThanMinutes] },
      recordsets: 1,
    }),
    readChildStandings: (parentIds: readonly string[], olderThanMinutes: number): Statement => ({
      text: READ_CHILD_STANDINGS,
      params: { ExecutionIDs: list(parentIds), Minutes: [INT, olderThanMinutes] },
      recordsets: 1,
    }),
    deleteExecutions: (ids: readonly string[]): Statement => ({
      text: DELETE_EXECUTIONS,
      params: { ExecutionIDs: list(ids) },
      recordsets: 1,
    }),
    deleteOldAudit: (olderThanMinutes: number, limit: number): Statement => ({
      text: DELETE_OLD_AUDIT,
      params: { Minutes: [INT, olderThanMinutes], Limit: [INT, limit] },
      recordsets: 1,
    }),
  };
}
