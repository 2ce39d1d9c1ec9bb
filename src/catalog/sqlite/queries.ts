/**
 * The SQLite catalog's statements. Values are bound by name (@Column), with the names of the
 * column maps in catalog.ts. Every read of a locked package is by its PackageID; a write to an
 * execution of any package the transaction locked takes the locked PackageIDs as a JSON array
 * (@Locked), and lists of IDs travel the same way (@ExecutionIDs): one statement, any length.
 */
import { CONTEXT_COLUMNS, AUDIT_COLUMNS, ROW_COUNT_COLUMNS, VARIABLE_COLUMNS } from '../catalog.js';
import { executionSelectList, packageSelectList, selectList } from '../rows.js';
import { UNCHECKED_EXECUTIONS as UNCHECKED } from '../shape.js';
import { UTC_NOW } from './schema.js';

const asIs = (field: string) => field;
const PACKAGE = `SELECT ${packageSelectList('p', asIs)} FROM Package p`;
const EXECUTION = `SELECT ${executionSelectList(asIs)} FROM Execution e JOIN Package p ON p.PackageID = e.PackageID`;
const CONTEXT = Object.values(CONTEXT_COLUMNS);

const inJson = (parameter: string) => `IN (SELECT value FROM json_each(${parameter}))`;

/**
 * The objects of our tables' names (@Tables: a JSON array of names) and the columns of those that
 * are tables, in one pass: what inspect judges. `required` marks a column an insert must fill
 * (NOT NULL, no default, not the rowid's alias); an object that is no table has one row, no column.
 */
export const CATALOG_COLUMNS = `
SELECT m.type AS objectType, m.name AS tableName, c.name AS columnName, c.type AS columnType,
       c."notnull" = 1 AND c.dflt_value IS NULL AND c.pk = 0 AS required
FROM sqlite_master m LEFT JOIN pragma_table_info(m.name) c ON m.type = 'table'
WHERE m.type IN ('table', 'view', 'index') AND lower(m.name) IN (SELECT lower(value) FROM json_each(@Tables))`;
export const RECORDED_VERSION = `SELECT max(Version) AS version FROM CatalogVersion`;

/** Whether the file has a table or index of this name (@Type: 'table' or 'index'), or a column. */
/** The catalog's highest ExecutionID: how many executions it has recorded, read from the key alone. */
export const HIGHEST_EXECUTION_ID = `SELECT max(ExecutionID) AS executionId FROM Execution`;
/** The executions version 3's checks refuse, before they are added: how many, and the first. */
export const UNCHECKED_EXECUTIONS = `SELECT count(*) AS count, min(ExecutionID) AS firstId FROM Execution WHERE ${UNCHECKED}`;
export const OBJECT_EXISTS = `SELECT 1 AS found FROM sqlite_master WHERE type = @Type AND lower(name) = lower(@Name)`;
export const COLUMN_EXISTS = `SELECT 1 AS found FROM pragma_table_info(@Table) WHERE lower(name) = lower(@Name)`;
export const NULLABLE_COLUMN_EXISTS = `SELECT 1 AS found FROM pragma_table_info(@Table) WHERE lower(name) = lower(@Name) AND "notnull" = 0`;
export const RECORD_VERSION = `INSERT INTO CatalogVersion (Version) VALUES (@Version) ON CONFLICT (Version) DO NOTHING`;

export const REGISTER_PACKAGE = `
INSERT INTO Package (PackageName, RetryLimit, IsBatch) VALUES (@PackageName, @RetryLimit, @IsBatch)
ON CONFLICT (PackageName) DO NOTHING`;
export const PACKAGE_ID_BY_NAME = `SELECT PackageID AS packageId FROM Package WHERE PackageName = @PackageName`;
export const PACKAGE_ID_OF_EXECUTION = `SELECT PackageID AS packageId FROM Execution WHERE ExecutionID = @ExecutionID`;
/** An execution's package and its parent execution's package (null when it has none, or the parent is missing). */
export const PACKAGE_IDS_OF_EXECUTION = `
SELECT e.PackageID AS packageId, pe.PackageID AS parentPackageId
FROM Execution e LEFT JOIN Execution pe ON pe.ExecutionID = e.ParentExecutionID
WHERE e.ExecutionID = @ExecutionID`;

export const PACKAGE_BY_ID = `${PACKAGE} WHERE p.PackageID = @PackageID`;
export const PACKAGE_BY_NAME = `${PACKAGE} WHERE p.PackageName = @PackageName`;
export const ALL_PACKAGES = `${PACKAGE} ORDER BY p.PackageName`;
/** The package of an execution's parent execution: a batch's name for status. */
export const PACKAGE_NAME_OF_EXECUTION = `
SELECT p.PackageName AS packageName FROM Execution e JOIN Package p ON p.PackageID = e.PackageID
WHERE e.ExecutionID = @ExecutionID`;

export const EXECUTION_WITH_RUN_KEY = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`;
export const ACTIVE_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL`;
export const LATEST_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC LIMIT 1`;
export const LAST_ENDED_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.EndTime IS NOT NULL
ORDER BY e.EndTime DESC, e.ExecutionID DESC LIMIT 1`;
export const EXECUTION_BY_ID = `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID`;
export const ANY_EXECUTION_BY_ID = `${EXECUTION} WHERE e.ExecutionID = @ExecutionID`;
export const PARENT_OF = `${EXECUTION} WHERE e.ExecutionID = (SELECT x.ParentExecutionID FROM Execution x WHERE x.ExecutionID = @ExecutionID)`;
export const CHILDREN = `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID`;
export const AUDITED_EXECUTIONS = `
SELECT DISTINCT ExecutionID AS executionId FROM AuditLog
WHERE ExecutionID ${inJson('@ExecutionIDs')} AND Action ${inJson('@Actions')}`;
export const HISTORY = `${EXECUTION} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC LIMIT @Limit`;
/** @Before is null for no bound. */
export const LAST_EXECUTION_WITH_STATUS = `
SELECT ExecutionID AS executionId FROM Execution
WHERE PackageID = @PackageID AND ExecutionStatus = @ExecutionStatus AND (@Before IS NULL OR ExecutionID < @Before)
ORDER BY ExecutionID DESC LIMIT 1`;

export const VARIABLES = `
SELECT ${selectList('v', VARIABLE_COLUMNS, asIs)} FROM ConfigVariable v WHERE v.PackageID = @PackageID
ORDER BY v.VariableName`;
export const ROW_COUNTS = `
SELECT ${selectList('r', ROW_COUNT_COLUMNS, asIs)} FROM RowCount r WHERE r.ExecutionID ${inJson('@ExecutionIDs')}
ORDER BY r.ExecutionID, r.ObjectName, r.CountType`;
export const AUDIT = `
SELECT ${selectList('a', AUDIT_COLUMNS, asIs)}, p.PackageName AS packageName
FROM AuditLog a JOIN Package p ON p.PackageID = a.PackageID
WHERE p.PackageName = @PackageName ORDER BY a.AuditID DESC LIMIT @Limit`;

/** The locked package's audit entries of one execution with one action, oldest first. */
export const EXECUTION_AUDIT = `
SELECT ${selectList('a', AUDIT_COLUMNS, asIs)}, p.PackageName AS packageName
FROM AuditLog a JOIN Package p ON p.PackageID = a.PackageID
WHERE a.PackageID = @PackageID AND a.ExecutionID = @ExecutionID AND a.Action = @Action ORDER BY a.AuditID`;

export const INSERT_EXECUTION = `
INSERT INTO Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime, ErrorMessage,
  RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS executionId`;

/** Guarded by EndTime IS NULL: the caller checks that one row changed. */
export const TAKE_OVER_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
  ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL`;

/** Of any locked package; guarded by EndTime IS NULL: the caller checks that one row changed. */
export const FINISH_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
  ErrorMessage = @ErrorMessage
WHERE ExecutionID = @ExecutionID AND PackageID ${inJson('@Locked')} AND EndTime IS NULL`;

/** Of any locked package; guarded: only an ended execution with the status it ended as (@EndedAs). */
export const REFINISH_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
  ErrorMessage = @ErrorMessage
WHERE ExecutionID = @ExecutionID AND PackageID ${inJson('@Locked')} AND EndTime IS NOT NULL
  AND ExecutionStatus = @EndedAs`;

export const SET_NEXT_LOAD_STATUS = `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus
WHERE ExecutionID = @ExecutionID AND PackageID ${inJson('@Locked')}`;
export const SET_NEXT_LOAD_STATUSES = `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus
WHERE ExecutionID ${inJson('@ExecutionIDs')} AND PackageID ${inJson('@Locked')}`;

export const SET_ENABLED = `UPDATE Package SET IsEnabled = @IsEnabled WHERE PackageID = @PackageID`;
export const MARK_BATCH = `UPDATE Package SET IsBatch = 1 WHERE PackageID = @PackageID`;

export const REGISTER_VARIABLE = `
INSERT INTO ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
VALUES (@PackageID, @VariableName, @VariableValue, NULL, NULL, ${UTC_NOW})
ON CONFLICT (PackageID, VariableName) DO NOTHING`;
/** The SET expressions read the row as it was: PreviousValue gets the value being replaced. */
export const STORE_VARIABLE = `
INSERT INTO ConfigVariable (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
VALUES (@PackageID, @VariableName, @VariableValue, NULL, @ExecutionID, ${UTC_NOW})
ON CONFLICT (PackageID, VariableName) DO UPDATE SET PreviousValue = VariableValue,
  VariableValue = excluded.VariableValue, ExecutionID = excluded.ExecutionID, UpdatedTime = excluded.UpdatedTime`;

export const SAVE_ROW_COUNT = `
INSERT INTO RowCount (ExecutionID, ObjectName, CountType, RowCount)
VALUES (@ExecutionID, @ObjectName, @CountType, @RowCount)
ON CONFLICT (ExecutionID, ObjectName, CountType) DO UPDATE SET RowCount = excluded.RowCount`;

export const RECORD_AUDIT = `
INSERT INTO AuditLog (PackageID, ExecutionID, Action, Detail, Actor)
VALUES (@PackageID, @ExecutionID, @Action, @Detail, @Actor)`;
/** A deleted package's record: of no package, no execution. */
export const RECORD_DELETION = `
INSERT INTO AuditLog (PackageID, ExecutionID, Action, Detail, Actor) VALUES (NULL, NULL, @Action, @Detail, @Actor)`;

// ---- the report: a fixed number of reads over every package, whatever their number ----------

/** The server's clock and the window's start, @Minutes back; the reads below take the start as @Since. */
export const REPORT_CLOCK = `
SELECT ${UTC_NOW} AS now, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || @Minutes || ' minutes') AS since`;
/**
 * The window's executions and those that tell where each package stands: its latest, its active
 * one, its latest with @Succeeded, and the batch executions the window's children ran under.
 * `GROUP BY +x.PackageID` keeps SQLite from walking the (PackageID, ExecutionID) index for the
 * last success, which reads every row in index order to test its status (2 s at a million rows),
 * rather than the table in its own order (0.25 s).
 */
export const REPORT_EXECUTIONS = `
${EXECUTION}
WHERE e.StartTime >= @Since OR e.EndTime IS NULL
   OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM Execution x GROUP BY x.PackageID)
   OR e.ExecutionID IN (SELECT max(x.ExecutionID) FROM Execution x WHERE x.ExecutionStatus = @Succeeded GROUP BY +x.PackageID)
   OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM Execution x WHERE x.StartTime >= @Since AND x.ParentExecutionID IS NOT NULL)
ORDER BY e.ExecutionID`;
/** From the window's executions to their counts (CROSS JOIN fixes that order): not every count to its execution. */
export const REPORT_ROW_COUNTS = `
SELECT ${selectList('r', ROW_COUNT_COLUMNS, asIs)} FROM Execution e CROSS JOIN RowCount r ON r.ExecutionID = e.ExecutionID
WHERE e.StartTime >= @Since
ORDER BY r.ExecutionID, r.ObjectName, r.CountType`;
/** With the records of deleted packages (no PackageID, so no name). */
export const REPORT_AUDIT = `
SELECT ${selectList('a', AUDIT_COLUMNS, asIs)}, p.PackageName AS packageName
FROM AuditLog a LEFT JOIN Package p ON p.PackageID = a.PackageID
WHERE a.CreatedTime >= @Since ORDER BY a.AuditID`;
// ---- listings, retention, rename and delete ------------------------------------------------------

/** The catalog's clock @Minutes minutes ago, in the format StartTime is stored in. */
const minutesAgo = (parameter: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || ${parameter} || ' minutes')`;

export const NOW = `SELECT ${UTC_NOW} AS now`;

/** @Since (minutes) and @Statuses (a JSON array) are null for no filter. */
const FILTERED = `(@Since IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
  AND (@Statuses IS NULL OR e.ExecutionStatus ${inJson('@Statuses')})`;
export const FILTERED_HISTORY = `${EXECUTION} WHERE p.PackageName = @PackageName AND ${FILTERED}
ORDER BY e.ExecutionID DESC LIMIT @Limit`;
export const RUNS = `${EXECUTION} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC LIMIT @Limit`;

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
/** @After is null for the first page. */
export const PURGE_CANDIDATES = `${STANDING}
WHERE e.PackageID = @PackageID AND e.StartTime < ${minutesAgo('@Minutes')} AND (@After IS NULL OR e.ExecutionID > @After)
ORDER BY e.ExecutionID LIMIT @Limit`;
export const STANDINGS = `${STANDING} WHERE e.ExecutionID ${inJson('@ExecutionIDs')}`;
export const CHILD_STANDINGS = `${STANDING} WHERE e.ParentExecutionID ${inJson('@ExecutionIDs')}`;

/** Of the locked package only (@PackageID): the row counts, audit entries and rows of these executions. */
export const DELETE_ROW_COUNTS = `
DELETE FROM RowCount WHERE ExecutionID IN (
  SELECT ExecutionID FROM Execution WHERE PackageID = @PackageID AND ExecutionID ${inJson('@ExecutionIDs')})`;
export const DELETE_EXECUTION_AUDIT = `
DELETE FROM AuditLog WHERE PackageID = @PackageID AND ExecutionID ${inJson('@ExecutionIDs')}`;
export const DELETE_EXECUTIONS = `
DELETE FROM Execution WHERE PackageID = @PackageID AND ExecutionID ${inJson('@ExecutionIDs')}`;
export const DELETE_OLD_AUDIT = `
DELETE FROM AuditLog WHERE AuditID IN (
  SELECT a.AuditID FROM AuditLog a
   WHERE a.PackageID = @PackageID AND a.CreatedTime < ${minutesAgo('@Minutes')}
     AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM Execution e WHERE e.ExecutionID = a.ExecutionID))
   ORDER BY a.AuditID LIMIT @Limit)`;

export const RENAME_PACKAGE = `UPDATE Package SET PackageName = @NewName WHERE PackageID = @PackageID`;
/** A whole package, children before parents; the executions' count is read from the fourth. */
export const DELETE_PACKAGE = [
  `DELETE FROM RowCount WHERE ExecutionID IN (SELECT ExecutionID FROM Execution WHERE PackageID = @PackageID)`,
  `DELETE FROM AuditLog WHERE PackageID = @PackageID`,
  `DELETE FROM ConfigVariable WHERE PackageID = @PackageID`,
  `DELETE FROM Execution WHERE PackageID = @PackageID`,
  `DELETE FROM Package WHERE PackageID = @PackageID`,
];
