/**
 * The SQLite catalog's statements. Values are bound by name (@Column), with the names of the
 * column maps in catalog.ts. Every read of a locked package is by its PackageID; a write to an
 * execution of any package the transaction locked takes the locked PackageIDs as a JSON array
 * (@Locked), and lists of IDs travel the same way (@ExecutionIDs): one statement, any length.
 */
import { CONTEXT_COLUMNS, AUDIT_COLUMNS, ROW_COUNT_COLUMNS, VARIABLE_COLUMNS } from '../catalog.js';
import { executionSelectList, packageSelectList, selectList } from '../rows.js';
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
export const OBJECT_EXISTS = `SELECT 1 AS found FROM sqlite_master WHERE type = @Type AND lower(name) = lower(@Name)`;
export const COLUMN_EXISTS = `SELECT 1 AS found FROM pragma_table_info(@Table) WHERE lower(name) = lower(@Name)`;
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
export const EXECUTION_BY_ID = `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID`;
export const ANY_EXECUTION_BY_ID = `${EXECUTION} WHERE e.ExecutionID = @ExecutionID`;
export const PARENT_OF = `${EXECUTION} WHERE e.ExecutionID = (SELECT x.ParentExecutionID FROM Execution x WHERE x.ExecutionID = @ExecutionID)`;
export const CHILDREN = `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID`;
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
