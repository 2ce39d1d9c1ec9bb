/**
 * The SQLite catalog's statements. Values are bound by name (@Column), with the names of the
 * column map in catalog.ts. Every read of a locked package is by its PackageID.
 */
import { CONTEXT_COLUMNS } from '../catalog.js';
import { executionSelectList, packageSelectList } from '../rows.js';
import { TABLES, UTC_NOW } from './schema.js';

const asIs = (field: string) => field;
const PACKAGE = `SELECT ${packageSelectList('p', asIs)} FROM Package p`;
const EXECUTION = `SELECT ${executionSelectList(asIs)} FROM Execution e JOIN Package p ON p.PackageID = e.PackageID`;
const CONTEXT = Object.values(CONTEXT_COLUMNS);

export const COUNT_TABLES = `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN (${TABLES.map((t) => `'${t}'`).join(', ')})`;

export const REGISTER_PACKAGE = `INSERT INTO Package (PackageName, RetryLimit) VALUES (@PackageName, @RetryLimit) ON CONFLICT (PackageName) DO NOTHING`;
export const PACKAGE_ID_BY_NAME = `SELECT PackageID AS packageId FROM Package WHERE PackageName = @PackageName`;
export const PACKAGE_ID_OF_EXECUTION = `SELECT PackageID AS packageId FROM Execution WHERE ExecutionID = @ExecutionID`;

export const PACKAGE_BY_ID = `${PACKAGE} WHERE p.PackageID = @PackageID`;
export const PACKAGE_BY_NAME = `${PACKAGE} WHERE p.PackageName = @PackageName`;
export const ALL_PACKAGES = `${PACKAGE} ORDER BY p.PackageName`;

export const EXECUTION_WITH_RUN_KEY = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`;
export const ACTIVE_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL`;
export const LATEST_EXECUTION = `${EXECUTION} WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC LIMIT 1`;
export const EXECUTION_BY_ID = `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID`;
export const HISTORY = `${EXECUTION} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC LIMIT @Limit`;

export const INSERT_EXECUTION = `
INSERT INTO Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime, ErrorMessage,
  RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS executionId`;

/** Guarded by EndTime IS NULL: the caller checks that one row changed. */
export const TAKE_OVER_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
  RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL`;

export const FINISH_EXECUTION = `
UPDATE Execution SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
  ErrorMessage = @ErrorMessage
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL`;

export const SET_NEXT_LOAD_STATUS = `
UPDATE Execution SET NextLoadStatus = @NextLoadStatus WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID`;

export const SET_ENABLED = `UPDATE Package SET IsEnabled = @IsEnabled WHERE PackageID = @PackageID`;
