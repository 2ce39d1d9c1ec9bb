/** The SQLite catalog: plain tables Package and Execution (SPEC section 5). */

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
export const UTC_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS Package (
  PackageID    INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageName  TEXT    NOT NULL UNIQUE,
  IsEnabled    INTEGER NOT NULL DEFAULT 1,
  RetryLimit   INTEGER NULL CHECK (RetryLimit >= 0),
  CreatedTime  TEXT    NOT NULL DEFAULT ${NOW}
);
CREATE TABLE IF NOT EXISTS Execution (
  ExecutionID       INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageID         INTEGER NOT NULL REFERENCES Package (PackageID),
  ParentExecutionID INTEGER NULL,
  ExecutionStatus   TEXT    NOT NULL CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    TEXT    NOT NULL CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        INTEGER NOT NULL DEFAULT 0,
  StartTime         TEXT    NOT NULL DEFAULT ${NOW},
  EndTime           TEXT    NULL,
  RunKey            TEXT    NULL,
  ErrorMessage      TEXT    NULL,
  Repository        TEXT    NULL,
  Workflow          TEXT    NULL,
  Job               TEXT    NULL,
  RunId             TEXT    NULL,
  RunAttempt        TEXT    NULL,
  Actor             TEXT    NULL,
  EventName         TEXT    NULL,
  CommitSha         TEXT    NULL
);
CREATE INDEX IF NOT EXISTS IX_Execution_Package_RunKey ON Execution (PackageID, RunKey);
CREATE INDEX IF NOT EXISTS IX_Execution_Package_Latest ON Execution (PackageID, ExecutionID);
CREATE UNIQUE INDEX IF NOT EXISTS UX_Execution_Package_Active ON Execution (PackageID) WHERE EndTime IS NULL;
`;

export const EXECUTION_COLUMNS = `
  e.ExecutionID AS executionId, e.PackageID AS packageId, p.PackageName AS packageName,
  e.ParentExecutionID AS parentExecutionId, e.ExecutionStatus AS executionStatus,
  e.NextLoadStatus AS nextLoadStatus, e.RetryCount AS retryCount, e.StartTime AS startTime,
  e.EndTime AS endTime, e.RunKey AS runKey, e.ErrorMessage AS errorMessage,
  e.Repository AS repository, e.Workflow AS workflow, e.Job AS job, e.RunId AS runId,
  e.RunAttempt AS runAttempt, e.Actor AS actor, e.EventName AS event, e.CommitSha AS sha
  FROM Execution e JOIN Package p ON p.PackageID = e.PackageID`;

export const PACKAGE_COLUMNS = `
  PackageID AS packageId, PackageName AS packageName, IsEnabled AS isEnabled,
  RetryLimit AS retryLimit, CreatedTime AS createdTime
  FROM Package`;
