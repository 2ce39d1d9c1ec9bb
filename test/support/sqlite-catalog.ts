/**
 * A real SQLite catalog file in a temp directory for the in-process tests of the action shell,
 * and its rows read straight from the file with node:sqlite, as a user's report would read them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export interface TempSqliteCatalog {
  /** The catalog file; it does not exist until a step creates it. */
  path: string;
  connectionString: string;
  /** The Execution rows with their PackageName, oldest first; [] when there is no catalog file. */
  executionRows(): Record<string, unknown>[];
  /** The tables in the file; [] when there is no catalog file. */
  tableNames(): string[];
  /** Runs SQL on the file, for a state no action input can reach (a disabled package). */
  execute(sql: string, ...params: (string | number | null)[]): void;
  /** Removes the temp directory and everything in it. */
  remove(): void;
}

export function tempSqliteCatalog(): TempSqliteCatalog {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-action-'));
  const path = join(dir, 'catalog.db');
  return {
    path,
    connectionString: `sqlite:${path}`,
    executionRows() {
      if (!existsSync(path)) return [];
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        return db
          .prepare(
            `SELECT e.ExecutionID, p.PackageName, e.ExecutionStatus, e.NextLoadStatus, e.RetryCount, e.EndTime,
                    e.RunKey, e.ErrorMessage, e.RunId, e.RunAttempt, e.Job, e.Repository, e.ParentExecutionID
             FROM Execution e JOIN Package p ON p.PackageID = e.PackageID ORDER BY e.ExecutionID`,
          )
          .all();
      } finally {
        db.close();
      }
    },
    tableNames() {
      if (!existsSync(path)) return [];
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        return db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
          .all()
          .map((row) => String(row.name));
      } finally {
        db.close();
      }
    },
    execute(sql, ...params) {
      const db = new DatabaseSync(path);
      try {
        db.prepare(sql).run(...params);
      } finally {
        db.close();
      }
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
