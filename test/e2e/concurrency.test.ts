/**
 * Parallel processes on one SQLite catalog file: their begins must come out exactly as if they
 * had been applied one after another (replayed through the pure decision), with no error.
 */
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { decideBegin, type BeginState, type ExecutionSnapshot, type NewExecutionPlan } from '../../src/decision.js';
import { bfx, executions, tempCatalog } from './support.js';

interface BeginOutput {
  ExecutionID: string;
  ExecutionStatus: string;
  NextLoadStatus: string;
  RetryCount: number;
}

/** The catalog rows and outputs that n sequential begins of one package give, by the spec. */
function sequentialBegins(n: number) {
  const rows: (ExecutionSnapshot & { id: number })[] = [];
  const outputs: string[] = [];
  for (let i = 0; i < n; i++) {
    const active = rows.find((row) => !row.ended) ?? null;
    const state: BeginState = {
      package: { packageId: 1, isEnabled: true, retryLimit: null },
      reentry: null,
      active,
      latestNextLoadStatus: rows.at(-1)?.nextLoadStatus ?? null,
    };
    const plan = decideBegin(state, undefined);
    const insert = (execution: NewExecutionPlan) => {
      const id = rows.length + 1;
      rows.push({ ...execution, id, executionId: String(id), retryCount: 0, runKey: null, runId: null });
      return { executionStatus: execution.executionStatus, nextLoadStatus: execution.nextLoadStatus, retryCount: 0 };
    };
    let out;
    switch (plan.kind) {
      case 'insert':
        out = insert(plan.execution);
        break;
      case 'resume':
        Object.assign(active!, {
          executionStatus: plan.executionStatus,
          nextLoadStatus: plan.nextLoadStatus,
          retryCount: plan.retryCount,
        });
        out = plan;
        break;
      case 'abandon-and-insert':
        Object.assign(active!, {
          executionStatus: plan.abandoned.executionStatus,
          nextLoadStatus: plan.abandoned.nextLoadStatus,
          ended: true,
        });
        out = insert(plan.execution);
        break;
      default:
        throw new Error(`unexpected ${plan.kind}`);
    }
    outputs.push(`${out.executionStatus}/${out.nextLoadStatus}/${out.retryCount}`);
  }
  return {
    rows: rows.map((row) => [row.executionStatus, row.nextLoadStatus, row.retryCount, row.ended]),
    outputs: outputs.sort(),
  };
}

describe('parallel processes on one SQLite catalog', () => {
  it('16 processes beginning the same package give what 16 sequential begins give, with no error', async () => {
    const { path, connectionString } = tempCatalog();
    await bfx(['migrate', '-c', connectionString]);
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        bfx(['begin', 'LOAD_Customer', '--json', '--run-key', `run-${i}`, '-c', connectionString]),
      ),
    );
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
    }
    const outputs = results.map((result) => JSON.parse(result.stdout) as BeginOutput);
    const expected = sequentialBegins(16);
    expect(outputs.map((o) => `${o.ExecutionStatus}/${o.NextLoadStatus}/${o.RetryCount}`).sort()).toEqual(
      expected.outputs,
    );
    const rows = executions(path);
    expect(rows.map((row) => [row.ExecutionStatus, row.NextLoadStatus, row.RetryCount, row.EndTime !== null])).toEqual(
      expected.rows,
    );
    expect(rows.filter((row) => row.EndTime === null)).toHaveLength(1);
  });

  it('16 processes on 16 packages all get E', async () => {
    const { path, connectionString } = tempCatalog();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => bfx(['begin', `LOAD_${i}`, '--json', '-c', connectionString])),
    );
    expect(results.map((result) => [result.exitCode, JSON.parse(result.stdout).ExecutionStatus])).toEqual(
      Array.from({ length: 16 }, () => [0, 'E']),
    );
    expect(new Set(executions(path).map((row) => row.PackageName)).size).toBe(16);
  });
});

function hasTables(path: string): boolean {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const found = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name IN ('Package', 'Execution')`).get();
    return Number(found?.n) === 2;
  } finally {
    db.close();
  }
}

describe('a begin killed at any point on SQLite', () => {
  it('leaves its whole effect or none, over 40 tries', async () => {
    const { path, connectionString } = tempCatalog();
    // How long a whole begin that creates its catalog takes on this machine now, on a catalog of its
    // own: the kill points scale with it, so that a busy machine's slower start does not leave every
    // kill before the catalog was opened.
    const started = Date.now();
    const whole = await bfx(['begin', 'LOAD_Customer', '-c', tempCatalog().connectionString]);
    expect(whole.exitCode, whole.stderr).toBe(0);
    const span = (Date.now() - started) * 1.2;
    let killed = 0;
    for (let i = 0; i < 40; i++) {
      const run = bfx(['begin', 'LOAD_Customer', '--run-key', `kill-${i}`, '-c', connectionString]);
      // Random points from before the catalog is opened to after the commit.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * span));
      if (run.child.kill('SIGKILL')) killed += 1;
      await run;
      // Killed before the catalog file or its tables were created: nothing to see yet.
      if (!existsSync(path) || !hasTables(path)) continue;
      const rows = executions(path);
      if (rows.length === 0) continue;
      // A package is registered in the same transaction as its first execution, and an abandoned
      // execution in the same transaction as the fresh one that replaces it: so exactly one is
      // active, and every other one has ended.
      expect(rows.filter((row) => row.EndTime === null)).toHaveLength(1);
      expect(rows.at(-1)!.EndTime).toBeNull();
    }
    // Neither every try killed before it began, nor none killed at all.
    expect(killed).toBeGreaterThan(0);
    expect(executions(path).length).toBeGreaterThan(0);
  });
});
