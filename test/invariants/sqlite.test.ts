/**
 * The invariants over random histories on SQLite (docs/decision.md, Invariants): a fixed seed,
 * so every run of `npm test` checks the same histories; `npm run fuzz` runs many more.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_TIMEOUT_MS, MUST_COVER, runHistories } from './histories.js';
import { closeTarget, openTarget, type Target } from './world.js';

const dir = mkdtempSync(join(tmpdir(), 'bfx-invariants-sqlite-'));
let target: Target;
let lossy: Target;
beforeAll(async () => {
  target = await openTarget('sqlite', `sqlite:${join(dir, 'catalog.db')}`);
  lossy = await openTarget('sqlite', `sqlite:${join(dir, 'lossy.db')}`, { loseCommits: true });
});
afterAll(async () => {
  await closeTarget(target);
  await closeTarget(lossy);
  rmSync(dir, { recursive: true, force: true });
});

describe('invariants over random histories: sqlite', { timeout: HISTORY_TIMEOUT_MS }, () => {
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

  it("hold when a COMMIT's answer is lost (the work run again, as the SQL core does), another var set meanwhile", async () => {
    const report = await runHistories(lossy, {
      runs: 40,
      seed: 1717,
      maxSteps: 20,
      kills: false,
      bursts: true,
      loseCommits: true,
    });
    expect(report.failure).toBeUndefined();
    expect(
      ['lost commit: begin', 'lost commit: end', 'lost commit: bfx reset', 'lost commit: a var set meanwhile'].filter(
        (event) => !report.seen.has(event),
      ),
    ).toEqual([]);
  });
});
