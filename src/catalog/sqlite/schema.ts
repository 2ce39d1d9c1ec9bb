/** The SQLite catalog's tables: plain Package and Execution (docs/catalog.md), one file one catalog. */

/** The catalog's clock: UTC, ISO 8601 with milliseconds. */
export const UTC_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export const TABLES = ['Package', 'Execution'] as const;

/** Every statement is IF NOT EXISTS: running it again, or from two processes one after another, is a no-op. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS Package (
  PackageID    INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageName  TEXT    NOT NULL UNIQUE,
  IsEnabled    INTEGER NOT NULL DEFAULT 1,
  RetryLimit   INTEGER NULL CHECK (RetryLimit >= 0),
  CreatedTime  TEXT    NOT NULL DEFAULT (${UTC_NOW})
);
CREATE TABLE IF NOT EXISTS Execution (
  ExecutionID       INTEGER PRIMARY KEY AUTOINCREMENT,
  PackageID         INTEGER NOT NULL REFERENCES Package (PackageID),
  ParentExecutionID INTEGER NULL,
  ExecutionStatus   TEXT    NOT NULL CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    TEXT    NOT NULL CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        INTEGER NOT NULL DEFAULT 0,
  StartTime         TEXT    NOT NULL DEFAULT (${UTC_NOW}),
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
