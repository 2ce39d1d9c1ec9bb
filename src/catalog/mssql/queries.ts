/**
 * The SQL Server catalog's statements, and how the statements of one tick become one batch.
 *
 * Values are bound by name (@Column), with the names of the column map in catalog.ts; select lists
 * come from rows.ts. Inside a transaction every statement refers to the locked package through
 * the batch variable @PackageID: the lock statement declares it in the first batch, and each later
 * batch begins by declaring it from the PackageID the lock found (bindLockedPackage). No statement
 * decides anything and none names a status letter: run-control.ts decides, these only lock, read
 * and write.
 *
 * The lock (docs/mssql.md, Locking). Every path that changes a package's executions (begin, end,
 * enable / disable, skip / resume, reset) ends its lock statement holding an update lock
 * (UPDLOCK, HOLDLOCK) on the Package row's clustered key, PK_Package (PackageID), until it commits:
 * U locks conflict with each other, so those transactions run one after another per package, and
 * packages never wait on each other. Name paths find the PackageID through the PackageName index
 * under the same hints first (a missing name locks its key range, so two begins registering one
 * new package run one after the other and both find the row); an end finds it from its execution.
 */
import sql from 'mssql';
import {
  CONTEXT_COLUMNS,
  EXECUTION_COLUMNS,
  type ExecutionFinish,
  type ExecutionTakeover,
  type NewExecution,
  type RunContext,
} from '../catalog.js';
import { contextValues, executionSelectList, packageSelectList } from '../rows.js';
import { LOCK_VIOLATION_NUMBER } from './faults.js';
import { CONTEXT_LENGTH, PACKAGE_NAME_LENGTH, RUN_KEY_COLLATION, RUN_KEY_LENGTH } from './schema.js';

export type SqlType = sql.ISqlType | (() => sql.ISqlType);
export type Param = readonly [type: SqlType, value: unknown];
export type Params = Record<string, Param>;

/** One statement (or a few that belong together) of a batch. */
export interface Statement {
  /** T-SQL ending with a semicolon; @Name for the params below, other @names for its own variables. */
  text: string;
  params: Params;
  /** How many result sets it returns: always this many (its SELECTs stand outside any IF). */
  recordsets: number;
}

/** The batch variable holding the locked package's ID: shared by the statements of a batch, never renamed. */
export const LOCKED_PACKAGE_VARIABLE = 'PackageID';

export interface Batch {
  text: string;
  params: Params;
  /** The number of result sets each statement returns, in order. */
  recordsets: number[];
}

/**
 * Merges statements into one batch (one round trip). Each statement's parameters and variables
 * are renamed @s<i>_<name>, so two statements may both bind @ExecutionID or declare @changed;
 * only @PackageID, the batch's shared variable, keeps its name. The texts are constants of this
 * file, so every @name in them is a parameter or a variable (none sits inside a string literal).
 */
export function mergeStatements(statements: readonly Statement[]): Batch {
  const params: Params = {};
  const texts = statements.map((statement, i) => {
    const prefix = `s${i}_`;
    for (const [name, param] of Object.entries(statement.params)) params[prefix + name] = param;
    return statement.text.replace(/(?<![@\w])@([A-Za-z_]\w*)/g, (whole, name: string) =>
      name === LOCKED_PACKAGE_VARIABLE ? whole : `@${prefix}${name}`,
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

// ---------------------------------------------------------------------------------------------
// Select lists and sources.

const quote = (field: string) => `[${field}]`;
const PACKAGE_LIST = packageSelectList('p', quote);
const EXECUTION_LIST = executionSelectList(quote);
const C = EXECUTION_COLUMNS;
const CONTEXT = Object.values(CONTEXT_COLUMNS);

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
/** The Package row joined only for its name, which never changes: a plain read. */
const LOCKED_EXECUTIONS = `FROM bfx.Execution e ${LOCKING_READ} JOIN bfx.Package p ON p.PackageID = e.PackageID`;
/** Reads of rows this transaction has just written, by their clustered key: no hint needed. */
const EXECUTIONS = 'FROM bfx.Execution e JOIN bfx.Package p ON p.PackageID = e.PackageID';

const packageName = (name: string | null): Param => [sql.NVarChar(PACKAGE_NAME_LENGTH), name];
const executionId = (id: string | null): Param => [sql.BigInt, id];
const status: SqlType = sql.Char(1);

/** The run context, by column name (@Repository, ...), cut to fit. */
function contextParams(context: RunContext): Params {
  return Object.fromEntries(
    Object.entries(contextValues(context)).map(([column, value]) => [
      column,
      [sql.NVarChar(CONTEXT_LENGTH), fit(value, CONTEXT_LENGTH)] as const,
    ]),
  );
}

/** Statements that write a row and then check it: the THROW stops the batch and, XACT_ABORT on, rolls back. */
const guard = (changed: string) => `
IF (SELECT COUNT(*) FROM ${changed}) <> 1
BEGIN
  DECLARE @violation NVARCHAR(200) = CONCAT(N'bfx-begin: execution ', @ExecutionID, N' was no longer active under its package lock.');
  THROW ${LOCK_VIOLATION_NUMBER}, @violation, 1;
END;`;

// ---------------------------------------------------------------------------------------------
// The lock: the first statement of every transaction.

const LOCK_PACKAGE_KEY = `
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageID = @PackageID;
SELECT @PackageID AS packageId;`;

/**
 * By name, registering the package when @Register is 1 and it is missing. The name lookup holds
 * U on the PackageName key (or, for a missing name, on its key range) to the commit, so a second
 * begin of the same new package waits here and then finds the row. OUTPUT ... INTO a table
 * variable rather than to the client, so that a trigger a user adds on Package does not break it.
 */
const LOCK_BY_NAME = `
DECLARE @PackageID INT;
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @PackageName;
IF @PackageID IS NULL AND @Register = 1
BEGIN
  DECLARE @registered TABLE (PackageID INT NOT NULL);
  INSERT INTO bfx.Package (PackageName, RetryLimit) OUTPUT INSERTED.PackageID INTO @registered VALUES (@PackageName, @RetryLimit);
  SELECT @PackageID = PackageID FROM @registered;
END;${LOCK_PACKAGE_KEY}`;

/** Through an execution (end): its PackageID never changes, so a plain read finds it; then the same key lock. */
const LOCK_BY_EXECUTION = `
DECLARE @PackageID INT = (SELECT PackageID FROM bfx.Execution WHERE ExecutionID = @ExecutionID);${LOCK_PACKAGE_KEY}`;

/** name null: a name too long to be in the catalog, which locks nothing. */
export function lockByName(name: string | null, register: { retryLimit: number | null } | undefined): Statement {
  return {
    text: LOCK_BY_NAME,
    params: {
      PackageName: packageName(name),
      Register: [sql.Bit, register !== undefined],
      RetryLimit: [sql.Int, register?.retryLimit ?? null],
    },
    recordsets: 1,
  };
}

/** id null: not an execution ID, which locks nothing. */
export function lockByExecution(id: string | null): Statement {
  return { text: LOCK_BY_EXECUTION, params: { ExecutionID: executionId(id) }, recordsets: 1 };
}

/** The start of every batch after the first: the locked package's ID, as the first batch left it. */
export function bindLockedPackage(packageId: number | null): Statement {
  return { text: 'DECLARE @PackageID INT = @Locked;', params: { Locked: [sql.Int, packageId] }, recordsets: 0 };
}

// ---------------------------------------------------------------------------------------------
// Reads of the locked package.

export function readPackage(): Statement {
  return {
    text: `SELECT ${PACKAGE_LIST} FROM bfx.Package p ${LOCKING_READ} WHERE p.PackageID = @PackageID;`,
    params: {},
    recordsets: 1,
  };
}

/**
 * The run key compares in a binary collation, and by length too: = ignores trailing spaces in
 * every collation, and a run key is an identity, matched exactly.
 */
export function readExecutionWithRunKey(runKey: string): Statement {
  return {
    text: `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS}
WHERE e.PackageID = @PackageID AND e.${C.runKey} = @RunKey COLLATE ${RUN_KEY_COLLATION}
  AND DATALENGTH(e.${C.runKey}) = DATALENGTH(@RunKey)
ORDER BY e.ExecutionID DESC;`,
    params: { RunKey: [sql.NVarChar(RUN_KEY_LENGTH), runKey] },
    recordsets: 1,
  };
}

export function readActiveExecution(): Statement {
  return {
    text: `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL ORDER BY e.ExecutionID DESC;`,
    params: {},
    recordsets: 1,
  };
}

export function readLatestExecution(): Statement {
  return {
    text: `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC;`,
    params: {},
    recordsets: 1,
  };
}

export function readExecution(id: string): Statement {
  return {
    text: `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID;`,
    params: { ExecutionID: executionId(id) },
    recordsets: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Writes to the locked package. Rows come back through OUTPUT ... INTO a table variable, then a
// SELECT, so that a trigger a user adds on a table does not break them.

export function insertExecution(execution: NewExecution): Statement {
  return {
    text: `
DECLARE @inserted TABLE (ExecutionID BIGINT NOT NULL);
INSERT INTO bfx.Execution (${C.packageId}, ${C.parentExecutionId}, ${C.executionStatus}, ${C.nextLoadStatus}, ${C.retryCount},
  ${C.endTime}, ${C.errorMessage}, ${C.runKey}, ${CONTEXT.join(', ')})
OUTPUT INSERTED.ExecutionID INTO @inserted
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended = 1 THEN SYSUTCDATETIME() END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')});
SELECT ExecutionID AS executionId FROM @inserted;`,
    params: {
      ParentExecutionID: executionId(execution.parentExecutionId),
      ExecutionStatus: [status, execution.executionStatus],
      NextLoadStatus: [status, execution.nextLoadStatus],
      RetryCount: [sql.Int, execution.retryCount],
      Ended: [sql.Bit, execution.ended],
      ErrorMessage: [sql.NVarChar(sql.MAX), execution.errorMessage],
      RunKey: [sql.NVarChar(RUN_KEY_LENGTH), execution.runKey],
      ...contextParams(execution.context),
    },
    recordsets: 1,
  };
}

/** Guarded: the execution must still be active (EndTime IS NULL) and the locked package's. */
export function takeOverExecution(takeover: ExecutionTakeover): Statement {
  return {
    text: `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE bfx.Execution SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.retryCount} = @RetryCount, ${C.runKey} = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL;${guard('@changed')}`,
    params: {
      ExecutionID: executionId(takeover.executionId),
      ExecutionStatus: [status, takeover.executionStatus],
      NextLoadStatus: [status, takeover.nextLoadStatus],
      RetryCount: [sql.Int, takeover.retryCount],
      RunKey: [sql.NVarChar(RUN_KEY_LENGTH), takeover.runKey],
      ...contextParams(takeover.context),
    },
    recordsets: 0,
  };
}

/** Guarded like takeOverExecution; returns the ended row. */
export function finishExecution(finish: ExecutionFinish): Statement {
  return {
    text: `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE bfx.Execution SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.endTime} = SYSUTCDATETIME(), ${C.errorMessage} = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL;${guard('@changed')}
SELECT ${EXECUTION_LIST} ${EXECUTIONS} WHERE e.ExecutionID IN (SELECT ExecutionID FROM @changed);`,
    params: {
      ExecutionID: executionId(finish.executionId),
      ExecutionStatus: [status, finish.executionStatus],
      NextLoadStatus: [status, finish.nextLoadStatus],
      ErrorMessage: [sql.NVarChar(sql.MAX), finish.errorMessage],
    },
    recordsets: 1,
  };
}

/** Returns the changed row (none when the execution is not the locked package's). */
export function setNextLoadStatus(id: string, nextLoadStatus: string): Statement {
  return {
    text: `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE bfx.Execution SET ${C.nextLoadStatus} = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID;
SELECT ${EXECUTION_LIST} ${EXECUTIONS} WHERE e.ExecutionID IN (SELECT ExecutionID FROM @changed);`,
    params: { ExecutionID: executionId(id), NextLoadStatus: [status, nextLoadStatus] },
    recordsets: 1,
  };
}

/** Returns the changed package row (none when the lock found no package). */
export function setEnabled(enabled: boolean): Statement {
  return {
    text: `
DECLARE @changed TABLE (PackageID INT NOT NULL);
UPDATE bfx.Package SET IsEnabled = @IsEnabled OUTPUT INSERTED.PackageID INTO @changed WHERE PackageID = @PackageID;
SELECT ${PACKAGE_LIST} FROM bfx.Package p WHERE p.PackageID IN (SELECT PackageID FROM @changed);`,
    params: { IsEnabled: [sql.Bit, enabled] },
    recordsets: 1,
  };
}

// ---------------------------------------------------------------------------------------------
// Outside any transaction: not locked, one request each.

export const EXISTS: Statement = {
  text: `SELECT CASE WHEN OBJECT_ID(N'bfx.Package', N'U') IS NOT NULL AND OBJECT_ID(N'bfx.Execution', N'U') IS NOT NULL
  THEN 1 ELSE 0 END AS present;`,
  params: {},
  recordsets: 1,
};

/** The packages, then their latest and active executions. */
export const STATUS_ALL: Statement = {
  text: `SELECT ${PACKAGE_LIST} FROM bfx.Package p ORDER BY p.PackageName;
SELECT ${EXECUTION_LIST} ${EXECUTIONS}
  WHERE e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM bfx.Execution x GROUP BY x.PackageID)
     OR e.EndTime IS NULL;`,
  params: {},
  recordsets: 2,
};

export function statusOne(name: string): Statement {
  return {
    text: `SELECT ${PACKAGE_LIST} FROM bfx.Package p WHERE p.PackageName = @PackageName;
SELECT ${EXECUTION_LIST} ${EXECUTIONS}
  WHERE p.PackageName = @PackageName
    AND (e.ExecutionID = (SELECT MAX(x.ExecutionID) FROM bfx.Execution x WHERE x.PackageID = p.PackageID) OR e.EndTime IS NULL);`,
    params: { PackageName: packageName(name) },
    recordsets: 2,
  };
}

export function history(name: string, limit: number): Statement {
  return {
    text: `SELECT TOP (@Limit) ${EXECUTION_LIST} ${EXECUTIONS} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC;`,
    params: { PackageName: packageName(name), Limit: [sql.Int, limit] },
    recordsets: 1,
  };
}
