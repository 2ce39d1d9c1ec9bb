/**
 * The SQLite catalog's statements, one per StatementName (src/catalog/sql/driver.ts), values
 * bound by name (@Column, the names of the column maps); lists arrive as JSON arrays, read with
 * json_each. Statuses, names and values are never written here: they come in as values.
 *
 * The file is locked whole by BEGIN IMMEDIATE (driver.ts), so the lock statements only read the
 * rows the lock stands for. Every statement of the locked package finds it through the lock's key
 * (a subquery by name, or through the execution), so statements need no earlier answer and run in
 * order in one round trip.
 */
import {
  AUDIT_COLUMNS,
  CONTEXT_COLUMNS,
  EXECUTION_COLUMNS,
  PACKAGE_COLUMNS,
  ROW_COUNT_COLUMNS,
  VARIABLE_COLUMNS,
} from '../catalog.js';
import { executionSelectList, packageSelectList, selectList } from '../rows.js';
import { UNCHECKED_EXECUTIONS as UNCHECKED } from '../shape.js';
import type { LockKey, Statements } from '../sql/driver.js';
import { INSPECT, UTC_NOW } from './schema.js';

const asIs = (field: string) => field;
const PACKAGE_LIST = packageSelectList('p', asIs);
const PACKAGE = `SELECT ${PACKAGE_LIST} FROM Package p`;
const EXECUTION = `SELECT ${executionSelectList(asIs)} FROM Execution e JOIN Package p ON p.PackageID = e.PackageID`;
const CONTEXT = Object.values(CONTEXT_COLUMNS);
const AUDIT_LIST = `${selectList('a', AUDIT_COLUMNS, asIs)}, p.PackageName AS packageName`;
const AUDIT = `SELECT ${AUDIT_LIST} FROM AuditLog a JOIN Package p ON p.PackageID = a.PackageID`;
/** With the records of deleted packages (no PackageID, so no name). */
const AUDIT_OF_ANY = `SELECT ${AUDIT_LIST} FROM AuditLog a LEFT JOIN Package p ON p.PackageID = a.PackageID`;
const ROW_COUNT_LIST = selectList('r', ROW_COUNT_COLUMNS, asIs);
/** `Column AS field, ...` unqualified: RETURNING knows the updated table by its name only, not by an alias. */
const returning = (columns: Record<string, string>) =>
  Object.entries(columns)
    .map(([field, column]) => `${column} AS ${field}`)
    .join(', ');
/** An updated Execution row as the reads answer it (RETURNING cannot join: its package's name by a subquery). */
const RETURNED_EXECUTION = `${returning(EXECUTION_COLUMNS)},
  (SELECT p.PackageName FROM Package p WHERE p.PackageID = Execution.PackageID) AS packageName`;

const inJson = (parameter: string) => `IN (SELECT value FROM json_each(${parameter}))`;

/** The locked package's ID, found by the lock's key: by name, or through the execution. */
const LOCKED: Readonly<Record<LockKey, string>> = {
  name: `(SELECT PackageID FROM Package WHERE PackageName = @PackageName)`,
  execution: `(SELECT PackageID FROM Execution WHERE ExecutionID = @LockExecutionID)`,
};
/** The parent execution's package: the one a begin names, or the locked execution's parent's. */
const PARENT: Readonly<Record<LockKey, string>> = {
  name: `(SELECT PackageID FROM Execution WHERE ExecutionID = @LockParentExecutionID)`,
  execution: `(SELECT x.PackageID FROM Execution x
    WHERE x.ExecutionID = (SELECT ParentExecutionID FROM Execution WHERE ExecutionID = @LockExecutionID))`,
};
/**
 * One text per lock key, each with only its own subqueries (a fresh connection prepares every
 * statement of a begin: shorter texts prepare faster). Each is made when first read: a step uses
 * a few of these statements, and making all of them when the module is evaluated compiled and
 * ran each one's function, about a million instructions of every step's start-up
 * (docs/performance.md, start-up).
 */
class ByKey implements Readonly<Record<LockKey, string>> {
  #name?: string;
  #execution?: string;
  constructor(private readonly text: (locked: string, parent: string) => string) {}
  get name(): string {
    return (this.#name ??= this.text(LOCKED.name, PARENT.name));
  }
  get execution(): string {
    return (this.#execution ??= this.text(LOCKED.execution, PARENT.execution));
  }
}
const byKey = (text: (locked: string, parent: string) => string): Readonly<Record<LockKey, string>> => new ByKey(text);
/**
 * Executions of a package the transaction holds exclusively: its own, those of
 * LOCK_PACKAGES_EXCLUSIVE. Not its parent's: a child holds its batch's package shared, beside the
 * batch's other children, and changes none of its executions (the file lock would let it: the
 * statements keep to the locks every engine takes).
 */
const inLocked = (alias: string, locked: string) =>
  `(${alias}.PackageID = ${locked} OR ${alias}.PackageID ${inJson('@LockedPackageIDs')})`;

/** The catalog's clock @Minutes (or another parameter) minutes ago, in the format StartTime is stored in. */
const minutesAgo = (parameter: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ${parameter} || ' minutes')`;

/** @Since (minutes) and @Statuses are null for no filter. */
const FILTERED = `(@Since IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
  AND (@Statuses IS NULL OR e.ExecutionStatus ${inJson('@Statuses')})`;

/** What retention reads of an execution (operations.ts), @Minutes being the purge's age. */
const STANDING = `
SELECT e.ExecutionID AS executionId, e.ParentExecutionID AS parentExecutionId, e.ExecutionStatus AS executionStatus,
  e.EndTime IS NOT NULL AS ended,
  e.StartTime < ${minutesAgo('@Minutes')} AS old,
  e.ExecutionID = (SELECT x.ExecutionID FROM Execution x WHERE x.PackageID = e.PackageID
                    ORDER BY x.ExecutionID DESC LIMIT 1) AS latest,
  e.ExecutionID = (SELECT x.ExecutionID FROM Execution x WHERE x.PackageID = e.PackageID AND x.EndTime IS NOT NULL
                    ORDER BY x.EndTime DESC, x.ExecutionID DESC LIMIT 1) AS lastEnded,
  e.ExecutionID = (SELECT x.ExecutionID FROM Execution x WHERE x.PackageID = e.PackageID
                      AND x.ExecutionStatus = e.ExecutionStatus ORDER BY x.ExecutionID DESC LIMIT 1) AS latestOfItsStatus,
  EXISTS (SELECT 1 FROM ConfigVariable v WHERE v.PackageID = e.PackageID AND v.ExecutionID = e.ExecutionID) AS marksVariables
FROM Execution e`;

/**
 * What a begin returns after its writes, in one statement: the package's last execution with a
 * status, below @BeforeExecutionID when given (engine.test.ts reads its plan), on every row, beside
 * the variables (one row of null variable columns when there are none).
 */
export const LAST_EXECUTION_AND_VARIABLES = byKey(
  (locked) => `
SELECT l.executionId AS lastExecutionId, ${selectList('v', VARIABLE_COLUMNS, asIs)}
FROM (SELECT (SELECT ExecutionID FROM Execution
               WHERE PackageID = ${locked} AND ExecutionStatus = @ExecutionStatus
                 AND (@BeforeExecutionID IS NULL OR ExecutionID < @BeforeExecutionID)
               ORDER BY ExecutionID DESC LIMIT 1) AS executionId) l
LEFT JOIN ConfigVariable v ON v.PackageID = ${locked}
ORDER BY v.VariableName`,
);

/** Ends an execution (FINISH and REFINISH) of a locked package, answering the row; the guard is the driver's. */
const finish = (ended: string) =>
  byKey(
    (locked) => `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
  ErrorMessage = @ErrorMessage
WHERE ExecutionID = @ExecutionID AND ${inLocked('Execution', locked)} AND ${ended}
RETURNING ${RETURNED_EXECUTION}`,
  );

export function statements(): Statements {
  return STATEMENTS;
}

const STATEMENTS: Statements = {
  LOCK_PARENT_PACKAGE_SHARED: byKey(
    (_, parent) => `SELECT PackageID AS packageId FROM Package WHERE PackageID = ${parent}`,
  ),
  REGISTER_PACKAGE: `
INSERT INTO Package (PackageName, RetryLimit, IsBatch) VALUES (@PackageName, @RetryLimit, @IsBatch)
ON CONFLICT (PackageName) DO NOTHING`,
  LOCK_PACKAGE_EXCLUSIVE: byKey((locked) => `${PACKAGE} WHERE p.PackageID = ${locked}`),
  LOCK_PACKAGES_EXCLUSIVE: `SELECT PackageID AS packageId FROM Package WHERE PackageID ${inJson('@PackageIDs')} ORDER BY PackageID`,

  EXECUTION_WITH_RUN_KEY: byKey(
    (locked) => `${EXECUTION} WHERE e.PackageID = ${locked} AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`,
  ),
  ACTIVE_EXECUTION: byKey((locked) => `${EXECUTION} WHERE e.PackageID = ${locked} AND e.EndTime IS NULL`),
  LATEST_EXECUTION: byKey((locked) => `${EXECUTION} WHERE e.PackageID = ${locked} ORDER BY e.ExecutionID DESC LIMIT 1`),
  LAST_ENDED_EXECUTION: byKey(
    (locked) => `${EXECUTION} WHERE e.PackageID = ${locked} AND e.EndTime IS NOT NULL
ORDER BY e.EndTime DESC, e.ExecutionID DESC LIMIT 1`,
  ),
  EXECUTION_BY_ID: byKey((locked) => `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = ${locked}`),
  /** An end's reads in one statement: the execution, its parent and its children. */
  EXECUTION_FAMILY: byKey((locked) => {
    const parent = `(SELECT x.ParentExecutionID FROM Execution x WHERE x.ExecutionID = @ExecutionID)`;
    return `SELECT ${executionSelectList(asIs)}, e.ExecutionID = @ExecutionID AND e.PackageID = ${locked} AS isExecution,
  e.ExecutionID = ${parent} AS isParent, e.ParentExecutionID = @ExecutionID AS isChild
FROM Execution e JOIN Package p ON p.PackageID = e.PackageID
WHERE e.ExecutionID IN (@ExecutionID, ${parent}) OR e.ParentExecutionID = @ExecutionID
ORDER BY e.ExecutionID`;
  }),
  LAST_EXECUTION_AND_VARIABLES,
  VARIABLES: byKey(
    (locked) => `
SELECT ${selectList('v', VARIABLE_COLUMNS, asIs)} FROM ConfigVariable v WHERE v.PackageID = ${locked}
ORDER BY v.VariableName`,
  ),
  EXECUTION_AUDIT: byKey(
    (locked) => `${AUDIT}
WHERE a.PackageID = ${locked} AND a.ExecutionID = @ExecutionID AND a.Action = @Action ORDER BY a.AuditID`,
  ),

  PACKAGE_AUDIT: byKey(
    (locked) => `${AUDIT}
WHERE a.PackageID = ${locked} AND a.Action = @Action AND a.AuditID > COALESCE(@AfterAuditID, 0)
ORDER BY a.AuditID DESC LIMIT @Limit`,
  ),

  ANY_EXECUTION: `${EXECUTION} WHERE e.ExecutionID = @ExecutionID`,
  CHILDREN: `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID`,
  AUDITED_EXECUTIONS: `
SELECT DISTINCT ExecutionID AS executionId FROM AuditLog
WHERE ExecutionID ${inJson('@ExecutionIDs')} AND Action ${inJson('@Actions')}`,
  PACKAGE_NAMED: `${PACKAGE} WHERE p.PackageName = @OtherName`,

  INSERT_EXECUTION: `
INSERT INTO Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime, ErrorMessage,
  RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS executionId, StartTime AS startTime`,
  TAKE_OVER_EXECUTION: byKey(
    (locked) => `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
  ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
WHERE ExecutionID = @ExecutionID AND PackageID = ${locked} AND EndTime IS NULL`,
  ),
  FINISH_EXECUTION: finish('EndTime IS NULL'),
  REFINISH_EXECUTION: finish('EndTime IS NOT NULL AND ExecutionStatus = @EndedAs'),
  SET_NEXT_LOAD_STATUS: byKey(
    (locked) => `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus
WHERE ExecutionID = @ExecutionID AND ${inLocked('Execution', locked)}
RETURNING ${RETURNED_EXECUTION}`,
  ),
  SET_NEXT_LOAD_STATUSES: byKey(
    (locked) => `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus
WHERE ExecutionID ${inJson('@ExecutionIDs')} AND ${inLocked('Execution', locked)}`,
  ),
  MARK_BATCH: byKey((locked) => `UPDATE Package SET IsBatch = 1 WHERE PackageID = ${locked}`),
  SET_ENABLED: byKey(
    (locked) =>
      `UPDATE Package SET IsEnabled = @IsEnabled WHERE PackageID = ${locked} RETURNING ${returning(PACKAGE_COLUMNS)}`,
  ),
  REGISTER_VARIABLES: byKey(
    (locked) => `
INSERT INTO ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, n.value, v.value, NULL, NULL, ${UTC_NOW}
  FROM Package p, json_each(@Names) n JOIN json_each(@Values) v ON v.key = n.key
 WHERE p.PackageID = ${locked}
ON CONFLICT (PackageID, VariableName) DO NOTHING`,
  ),
  // The SET expressions read the row as it was: PreviousValue gets the value being replaced.
  STORE_VARIABLES: byKey(
    (locked) => `
INSERT INTO ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT p.PackageID, n.value, v.value, NULL, @ExecutionID, ${UTC_NOW}
  FROM Package p, json_each(@Names) n JOIN json_each(@Values) v ON v.key = n.key
 WHERE p.PackageID = ${locked}
ON CONFLICT (PackageID, VariableName) DO UPDATE SET PreviousValue = VariableValue,
  VariableValue = excluded.VariableValue, ExecutionID = excluded.ExecutionID, UpdatedTime = excluded.UpdatedTime`,
  ),
  SAVE_ROW_COUNTS: `
INSERT INTO RowCount (ExecutionID, ObjectName, CountType, RowCount)
SELECT @ExecutionID, o.value, t.value, c.value
  FROM json_each(@ObjectNames) o JOIN json_each(@CountTypes) t ON t.key = o.key JOIN json_each(@RowCounts) c ON c.key = o.key
 WHERE true
ON CONFLICT (ExecutionID, ObjectName, CountType) DO UPDATE SET RowCount = excluded.RowCount`,
  RECORD_AUDIT: byKey(
    (locked) => `
INSERT INTO AuditLog (PackageID, ExecutionID, Action, Detail, Actor)
SELECT PackageID, @ExecutionID, @Action, @Detail, @Actor FROM Package WHERE PackageID = ${locked}`,
  ),
  RECORD_DELETION: `
INSERT INTO AuditLog (PackageID, ExecutionID, Action, Detail, Actor) VALUES (NULL, NULL, @Action, @Detail, @Actor)`,
  RENAME_PACKAGE: byKey(
    (locked) =>
      `UPDATE Package SET PackageName = @NewName WHERE PackageID = ${locked} RETURNING ${returning(PACKAGE_COLUMNS)}`,
  ),

  DELETE_PACKAGE_ROW_COUNTS: byKey(
    (locked) =>
      `DELETE FROM RowCount WHERE ExecutionID IN (SELECT ExecutionID FROM Execution WHERE PackageID = ${locked})`,
  ),
  DELETE_PACKAGE_AUDIT: byKey((locked) => `DELETE FROM AuditLog WHERE PackageID = ${locked}`),
  DELETE_PACKAGE_VARIABLES: byKey((locked) => `DELETE FROM ConfigVariable WHERE PackageID = ${locked}`),
  DELETE_PACKAGE_EXECUTIONS: byKey((locked) => `DELETE FROM Execution WHERE PackageID = ${locked}`),
  DELETE_PACKAGE: byKey((locked) => `DELETE FROM Package WHERE PackageID = ${locked}`),

  PURGE_CANDIDATES: byKey(
    (locked) => `${STANDING}
WHERE e.PackageID = ${locked} AND e.StartTime < ${minutesAgo('@Minutes')}
  AND (@AfterExecutionID IS NULL OR e.ExecutionID > @AfterExecutionID)
ORDER BY e.ExecutionID LIMIT @Limit`,
  ),
  STANDINGS: `${STANDING} WHERE e.ExecutionID ${inJson('@ExecutionIDs')}`,
  CHILD_STANDINGS: `${STANDING} WHERE e.ParentExecutionID ${inJson('@ExecutionIDs')}`,
  DELETE_EXECUTION_ROW_COUNTS: byKey(
    (locked) => `
DELETE FROM RowCount WHERE ExecutionID IN (
  SELECT ExecutionID FROM Execution WHERE PackageID = ${locked} AND ExecutionID ${inJson('@ExecutionIDs')})`,
  ),
  DELETE_EXECUTION_AUDIT: byKey(
    (locked) => `DELETE FROM AuditLog WHERE PackageID = ${locked} AND ExecutionID ${inJson('@ExecutionIDs')}`,
  ),
  DELETE_EXECUTIONS: byKey(
    (locked) => `DELETE FROM Execution WHERE PackageID = ${locked} AND ExecutionID ${inJson('@ExecutionIDs')}`,
  ),
  DELETE_OLD_AUDIT: byKey(
    (locked) => `
DELETE FROM AuditLog WHERE AuditID IN (
  SELECT a.AuditID FROM AuditLog a
   WHERE a.PackageID = ${locked} AND a.CreatedTime < ${minutesAgo('@Minutes')}
     AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM Execution e WHERE e.ExecutionID = a.ExecutionID))
   ORDER BY a.AuditID LIMIT @Limit)`,
  ),

  STATUS_PACKAGES: `${PACKAGE} WHERE @PackageName IS NULL OR p.PackageName = @PackageName ORDER BY p.PackageName`,
  STATUS_LATEST: `
SELECT ${executionSelectList(asIs)}, bp.PackageName AS batchPackageName
FROM Package k JOIN Execution e ON e.ExecutionID = (SELECT max(x.ExecutionID) FROM Execution x WHERE x.PackageID = k.PackageID)
JOIN Package p ON p.PackageID = e.PackageID
LEFT JOIN Execution pe ON pe.ExecutionID = e.ParentExecutionID
LEFT JOIN Package bp ON bp.PackageID = pe.PackageID
WHERE @PackageName IS NULL OR k.PackageName = @PackageName`,
  STATUS_ACTIVE: `${EXECUTION} WHERE e.EndTime IS NULL AND (@PackageName IS NULL OR p.PackageName = @PackageName)`,
  HISTORY: `${EXECUTION} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC LIMIT @Limit`,
  FILTERED_HISTORY: `${EXECUTION} WHERE p.PackageName = @PackageName AND ${FILTERED}
ORDER BY e.ExecutionID DESC LIMIT @Limit`,
  RUNS: `${EXECUTION} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC LIMIT @Limit`,
  NOW: `SELECT ${UTC_NOW} AS now`,
  PACKAGE_VARIABLES: `
SELECT p.PackageID AS packageId, ${selectList('v', VARIABLE_COLUMNS, asIs)}
FROM Package p LEFT JOIN ConfigVariable v ON v.PackageID = p.PackageID
WHERE p.PackageName = @PackageName ORDER BY v.VariableName`,
  ROW_COUNTS: `
SELECT ${ROW_COUNT_LIST} FROM RowCount r WHERE r.ExecutionID ${inJson('@ExecutionIDs')}
ORDER BY r.ExecutionID, r.ObjectName, r.CountType`,
  AUDIT: `${AUDIT} WHERE p.PackageName = @PackageName ORDER BY a.AuditID DESC LIMIT @Limit`,

  REPORT_CLOCK: `SELECT ${UTC_NOW} AS now, ${minutesAgo('@Minutes')} AS since`,
  REPORT_PACKAGES: `${PACKAGE} ORDER BY p.PackageName`,
  /**
   * The window's executions and those that tell where each package stands: its latest, its
   * active one, its latest with @Succeeded, and the batch executions the window's children ran
   * under. `GROUP BY +x.PackageID` keeps SQLite from walking the (PackageID, ExecutionID) index for
   * the last success, which reads every row in index order to test its status (2 s at a million
   * rows), rather than the table in its own order (0.25 s).
   */
  REPORT_EXECUTIONS: `
${EXECUTION}
WHERE e.StartTime >= ${minutesAgo('@Minutes')} OR e.EndTime IS NULL
   OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM Execution x GROUP BY x.PackageID)
   OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM Execution x WHERE x.ExecutionStatus = @Succeeded GROUP BY +x.PackageID)
   OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM Execution x
                         WHERE x.StartTime >= ${minutesAgo('@Minutes')} AND x.ParentExecutionID IS NOT NULL)
ORDER BY e.ExecutionID`,
  /** From the window's executions to their counts (CROSS JOIN fixes that order): not every count to its execution. */
  REPORT_ROW_COUNTS: `
SELECT ${ROW_COUNT_LIST} FROM Execution e CROSS JOIN RowCount r ON r.ExecutionID = e.ExecutionID
WHERE e.StartTime >= ${minutesAgo('@Minutes')}
ORDER BY r.ExecutionID, r.ObjectName, r.CountType`,
  REPORT_AUDIT: `${AUDIT_OF_ANY} WHERE a.CreatedTime >= ${minutesAgo('@Minutes')} ORDER BY a.AuditID`,

  // BEGIN IMMEDIATE holds the file's write lock: migrations take turns already.
  MIGRATE_LOCK: `SELECT 1 AS locked`,
  INSPECT,
  RECORDED_VERSION: `SELECT max(Version) AS version FROM CatalogVersion`,
  UPGRADE_SIZE: `
SELECT (SELECT max(ExecutionID) FROM Execution) AS executions,
       (SELECT count(*) FROM Execution WHERE ${UNCHECKED}) AS unchecked,
       (SELECT min(ExecutionID) FROM Execution WHERE ${UNCHECKED}) AS firstUnchecked`,
  RECORD_VERSIONS: `
INSERT INTO CatalogVersion (Version) SELECT value FROM json_each(@Versions) WHERE true ON CONFLICT (Version) DO NOTHING`,
};
