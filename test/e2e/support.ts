/** Shared pieces of the end-to-end tests: the shipped bundles, run as the runner and a shell would. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll } from 'vitest';
import { removeStepFolders, ROOT, runStep, type StepResult } from '../../scripts/runner.mjs';

export type { StepResult };
export const runActionStep = runStep;

const made: string[] = [];
// Every test file that uses these helpers leaves no folder behind in the temp directory: its
// catalogs' folders and the folders of the steps it ran go when the file is done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  removeStepFolders();
});

/** A new empty folder in the temp directory, removed when the test file is done. */
export function tempDir(prefix = 'bfx-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function tempCatalog(): { path: string; connectionString: string } {
  const path = join(tempDir(), 'catalog.db');
  return { path, connectionString: `sqlite:${path}` };
}

/** The Execution table as a user's report would read it. */
export function executions(path: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db
      .prepare(
        `SELECT e.ExecutionID, p.PackageName, e.ExecutionStatus, e.NextLoadStatus, e.RetryCount, e.EndTime, e.RunKey,
                e.ErrorMessage, e.RunId, e.RunAttempt, e.Job, e.Repository, e.ParentExecutionID
         FROM Execution e JOIN Package p ON p.PackageID = e.PackageID ORDER BY e.ExecutionID`,
      )
      .all();
  } finally {
    db.close();
  }
}

/** Runs the bundled bfx CLI; the returned promise also carries the child, to kill it. */
export function bfx(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli/index.js'), ...args], {
    env: { ...process.env, ...env },
    cwd,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr })),
  );
  return Object.assign(done, { child });
}

/** The log lines a user sees, without the ::add-mask:: commands the runner consumes. */
export function visibleLog(result: { stdout: string; stderr: string }): string {
  return (result.stdout + result.stderr)
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

export { ROOT };
