/**
 * The invariants over random histories on PostgreSQL (docs/decision.md, Invariants), on a
 * throwaway cluster: the same steps and seed as on SQLite, with bursts through 32 connections; and
 * with steps whose COMMIT's answer a proxy loses (test/support/commit-drop-proxy.ts), among kills
 * and bursts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/postgres.js';
import { HISTORY_TIMEOUT_MS, MUST_COVER, runHistories } from './histories.js';
import { closeTarget, openTarget, type Target } from './world.js';

let cluster: Cluster;
let target: Target;
let lossy: Target;
beforeAll(async () => {
  cluster = await startCluster();
  target = await openTarget('postgres', await cluster.createDatabase());
  lossy = await openTarget('postgres', await cluster.createDatabase(), { loseCommits: true });
});
afterAll(async () => {
  await closeTarget(target);
  await closeTarget(lossy);
  await cluster?.destroy();
});

describe('invariants over random histories: postgres', { timeout: HISTORY_TIMEOUT_MS }, () => {
  it('hold after every step of begins, ends, operator commands, live-run answers and bursts', async () => {
    const report = await runHistories(target, { runs: 150, seed: 16, maxSteps: 40, kills: false, bursts: true });
    expect(report.failure).toBeUndefined();
    expect(MUST_COVER.filter((event) => !report.seen.has(event))).toEqual([]);
  });

  it('hold when begins and ends are killed, at any moment or holding their transaction open', async () => {
    const report = await runHistories(target, { runs: 4, seed: 1616, maxSteps: 12, kills: true, bursts: false });
    expect(report.failure).toBeUndefined();
    expect(report.kills).toBeGreaterThan(3);
  });

  it("hold when a COMMIT's answer is lost, among kills and bursts", async () => {
    const report = await runHistories(lossy, {
      runs: 30,
      seed: 1717,
      maxSteps: 20,
      kills: true,
      bursts: true,
      loseCommits: true,
    });
    expect(report.failure).toBeUndefined();
    expect(report.kills).toBeGreaterThan(3);
    expect(
      ['lost commit: begin', 'lost commit: end', 'lost commit: bfx reset', 'lost commit: a var set meanwhile'].filter(
        (event) => !report.seen.has(event),
      ),
    ).toEqual([]);
  });
});
