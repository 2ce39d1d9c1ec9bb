/**
 * `npm run main -- PACKAGE --load COMMAND`: the shipped action's main step, the load as a run:
 * step with the BFX_* variables and files, and the post step with the job's status, as the runner
 * runs a job; with batches (--is-batch, --parent-execution-id), marks (--var) and a rollback.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { bfx, executions, ROOT, tempCatalog, tempDir } from './support.js';

/** `npm run main -- ARGS` started from FOLDER (npm's INIT_CWD), on the catalog given. */
function runMain(args: string[], folder: string) {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/run-main.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, INIT_CWD: folder },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise<{ exitCode: number | null; output: string }>((resolve) =>
    child.on('close', (exitCode) => resolve({ exitCode, output })),
  );
}

function table(path: string, sql: string) {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}

describe('npm run main with a load', () => {
  it('runs the load between begin and end with the BFX_* files; a failed load fails the job, and the retry rolls back first', async () => {
    const { path, connectionString } = tempCatalog();
    const folder = tempDir('bfx-main-load-');
    // The user's own script, in the folder npm was started from.
    writeFileSync(
      join(folder, 'load.sh'),
      [
        'echo "loading under $BFX_EXECUTION_ID ($BFX_EXECUTION_STATUS) since $(jq -r .LastLoadDate <<<"$BFX_VARIABLES_JSON"), last good ${BFX_LAST_EXECUTION_ID:-none}"',
        'echo "LastLoadDate=$BFX_BATCH_START_TIME" >> "$BFX_VARIABLES"',
        'echo "dbo.Customer:Insert=120" >> "$BFX_ROW_COUNTS"',
        'exit "${FAIL:-0}"',
      ].join('\n'),
      { mode: 0o755 },
    );
    const c = ['--connection-string', connectionString, '--var', 'LastLoadDate=1900-01-01'];

    const first = await runMain(['LOAD_Customer', ...c, '--load', './load.sh'], folder);
    expect(first.exitCode).toBe(0);
    expect(first.output).toContain('loading under 1 (E) since 1900-01-01, last good none');
    expect(first.output).toContain('LOAD_Customer: execution 1 ended as S (Succeeded)');
    const [{ VariableValue: mark }] = table(path, 'SELECT VariableValue FROM ConfigVariable') as {
      VariableValue: string;
    }[];
    expect(mark).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const failed = await runMain(['LOAD_Customer', ...c, '--load', 'FAIL=3 ./load.sh'], folder);
    expect(failed.exitCode).toBe(1);
    expect(failed.output).toContain('> the load failed with exit code 3: the job fails.');
    expect(failed.output).toContain('LOAD_Customer: execution 2 ended as F (Failed)');

    const retry = await runMain(
      ['LOAD_Customer', ...c, '--rollback', 'echo "rolling back after $BFX_LAST_EXECUTION_ID"', '--load', './load.sh'],
      folder,
    );
    expect(retry.exitCode).toBe(0);
    expect(retry.output).toMatch(/rolling back after 1\n[\s\S]*loading under 3 \(R\) since \d{4}-/);
    expect(executions(path).map((e) => [e.ExecutionID, e.ExecutionStatus])).toEqual([
      [1, 'S'],
      [2, 'F'],
      [3, 'S'],
    ]);
    expect(table(path, 'SELECT ExecutionID, RowCount FROM RowCount ORDER BY ExecutionID')).toEqual([
      { ExecutionID: 1, RowCount: 120 },
      { ExecutionID: 2, RowCount: 120 },
      { ExecutionID: 3, RowCount: 120 },
    ]);

    // Skipped by an operator: the load does not run.
    await bfx(['skip', 'LOAD_Customer', '-c', connectionString, '--reason', 'source down']);
    const skipped = await runMain(['LOAD_Customer', ...c, '--load', './load.sh'], folder);
    expect(skipped.exitCode).toBe(0);
    expect(skipped.output).toContain('ExecutionStatus C (Canceled)');
    expect(skipped.output).not.toContain('loading under');
  });

  it("runs a batch whose load runs its packages under it, and a package's failure fails the batch", async () => {
    const { path, connectionString } = tempCatalog();
    const folder = tempDir('bfx-main-batch-');
    const child = (name: string, load = 'true') =>
      `node ${join(ROOT, 'scripts/run-main.mjs')} ${name} --parent-execution-id "$BFX_EXECUTION_ID" --connection-string ${connectionString} --load '${load}'`;
    const batch = await runMain(
      [
        'BATCH_Nightly',
        '--is-batch',
        '--connection-string',
        connectionString,
        '--load',
        `${child('LOAD_A')} && ${child('LOAD_B', 'exit 1')}`,
      ],
      folder,
    );
    expect(batch.exitCode).toBe(1);
    expect(
      executions(path).map((e) => [e.PackageName, e.ExecutionStatus, e.NextLoadStatus, e.ParentExecutionID]),
    ).toEqual([
      ['BATCH_Nightly', 'F', 'R', null],
      ['LOAD_A', 'S', 'C', 1], // succeeded under a failed batch: skipped until the batch succeeds
      ['LOAD_B', 'F', 'R', 1],
    ]);
  });

  it('refuses a job status it does not know, with the usage', async () => {
    const refused = await runMain(['LOAD_Customer', 'succeeded'], tempDir());
    expect(refused.exitCode).toBe(1);
    expect(refused.output).toMatch(
      /^The job status "succeeded" is not success, failure or cancelled\.\nUsage: npm run main/,
    );
  });
});
