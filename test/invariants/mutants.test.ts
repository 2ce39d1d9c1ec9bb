/**
 * The invariant histories find broken rules: a catalog engine broken on purpose (one write or read
 * of its transactions changed) must fail the histories with the invariant it breaks. A check that
 * could not fail would pass here too, and this file would fail.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEngine, PackageTransaction } from '../../src/catalog/catalog.js';
import { HISTORY_TIMEOUT_MS, runHistories } from './histories.js';
import { closeTarget, openTarget, simulatedCommitLoss, type Target } from './world.js';

const dir = mkdtempSync(join(tmpdir(), 'bfx-invariants-mutants-'));
let target: Target;
beforeAll(async () => {
  target = await openTarget('sqlite', `sqlite:${join(dir, 'catalog.db')}`);
});
afterAll(async () => {
  await closeTarget(target);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The target, its catalog's transactions changed by `change`. Every other call goes to the
 * transaction itself (bound to it: the transaction keeps its own state, such as whether it committed).
 */
function broken(change: (tx: PackageTransaction) => Partial<PackageTransaction>): Target {
  const { catalog } = target;
  const transaction: CatalogEngine['transaction'] = (lock, what, work) =>
    catalog.transaction(lock, what, (tx) => {
      const changed: Partial<PackageTransaction> = change(tx);
      return work(
        new Proxy(tx, {
          get(original, key: string | symbol) {
            if (key in changed) return changed[key as keyof PackageTransaction];
            const value: unknown = Reflect.get(original, key, original);
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(original) : value;
          },
        }),
      );
    });
  return { ...target, catalog: Object.assign(Object.create(catalog) as CatalogEngine, { transaction }) };
}

const histories = (mutant: Target) =>
  runHistories(mutant, { runs: 300, seed: 7, maxSteps: 30, kills: false, bursts: false });

describe('the invariant histories find a broken catalog', { timeout: HISTORY_TIMEOUT_MS }, () => {
  it('that reads a failed latest execution as pending (a failure is never retried): invariant 3', async () => {
    const report = await histories(
      broken((tx) => ({
        lastEndedExecution: async () => {
          const latest = await tx.lastEndedExecution();
          return latest && { ...latest, nextLoadStatus: latest.nextLoadStatus === 'R' ? 'P' : latest.nextLoadStatus };
        },
      })),
    );
    expect(report.failure).toMatch(
      /^invariant 3: the execution that ended last, .*, failed, and the next begin returned .*, not R/,
    );
  });

  it("that never sets a batch's children's NextLoadStatus: the batch rules of invariant 3", async () => {
    const report = await histories(broken(() => ({ setNextLoadStatuses: async () => {} })));
    expect(report.failure).toMatch(
      /^invariant 3: batch execution .* (succeeded|failed), and its (succeeded )?child .* is not [PC]/,
    );
  });

  it('whose takeover keeps the RetryCount: invariant 7', async () => {
    const report = await histories(
      broken((tx) => ({ takeOverExecution: (takeover) => tx.takeOverExecution({ ...takeover, retryCount: 0 }) })),
    );
    expect(report.failure).toMatch(/^invariant 7: resumed .* is not owned by run key .* with RetryCount/);
  });

  it('that reports a commit whose answer was lost as failed: invariant 7', async () => {
    const { catalog, loss } = simulatedCommitLoss(target.catalog, false);
    const report = await runHistories(
      { ...target, catalog, loseCommit: loss },
      { runs: 300, seed: 7, maxSteps: 30, kills: false, bursts: false, loseCommits: true },
    );
    expect(report.failure).toMatch(/^invariant 7: .* lost its COMMIT's answer and failed, though it had committed/);
  });

  it('(the same histories, whose lost commits are run again as the SQL core runs them, hold)', async () => {
    const { catalog, loss } = simulatedCommitLoss(target.catalog);
    const report = await runHistories(
      { ...target, catalog, loseCommit: loss },
      { runs: 100, seed: 7, maxSteps: 30, kills: false, bursts: false, loseCommits: true },
    );
    expect(report.failure).toBeUndefined();
    expect(report.seen.get('lost commit: begin')).toBeGreaterThan(0);
  });
});
