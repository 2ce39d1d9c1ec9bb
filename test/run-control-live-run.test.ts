/**
 * run-control's begin with a live-run check (docs/decision.md, step 5 on GitHub), on a real SQLite
 * catalog, with the check injected as a function (no HTTP): when it is asked and about whom,
 * that it is never asked while a catalog transaction is open, that a yield writes nothing, the
 * re-check under the lock when the active execution changed after the check, and on-live-run wait.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogEngine, ExecutionRow, RunContext } from '../src/catalog/catalog.js';
import { openCatalog } from '../src/catalog/connect.js';
import {
  end,
  pollInterval,
  type BeginRequest,
  type LiveRunCheck,
  type LiveRunOptions,
  type LiveRunVerdict,
  type RunOwner,
} from '../src/run-control/index.js';
import { begin, beginRequest, endRequest } from './support/requests.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 15_000, requestTimeoutMs: 30_000 };
const PACKAGE = 'LOAD_Customer';

let dir: string;
let catalog: CatalogEngine;
/** Whether a transaction's work is running right now: the check must never be called then. */
let inTransaction = false;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bfx-live-run-'));
  const engine = await openCatalog(`sqlite:${join(dir, 'catalog.db')}`, OPTIONS);
  const transaction: CatalogEngine['transaction'] = (lock, what, work) =>
    engine.transaction(lock, what, async (tx) => {
      inTransaction = true;
      try {
        return await work(tx);
      } finally {
        inTransaction = false;
      }
    });
  catalog = Object.assign(Object.create(engine) as CatalogEngine, { transaction });
});
afterEach(async () => {
  await catalog.close();
  rmSync(dir, { recursive: true, force: true });
});

const context = (runId: string, runAttempt = '1'): RunContext => ({
  repository: 'acme/loads',
  workflow: 'Nightly',
  job: 'load',
  runId,
  runAttempt,
  actor: 'octocat',
  event: 'schedule',
  sha: 'f'.repeat(40),
});

const request = (runId: string, extra: Partial<BeginRequest> = {}) =>
  beginRequest(PACKAGE, { runKey: `github:${runId}:1:load`, context: context(runId), ...extra });

const url = (owner: RunOwner) => `https://github.com/${owner.repository}/actions/runs/${owner.runId}/attempts/1`;
const ALIVE = (owner: RunOwner): LiveRunVerdict => ({ run: 'alive', status: 'in_progress', url: url(owner) });
const COMPLETED = (owner: RunOwner): LiveRunVerdict => ({ run: 'completed', conclusion: 'failure', url: url(owner) });
const UNKNOWN = (owner: RunOwner): LiveRunVerdict => ({
  run: 'unknown',
  why: 'no github-token was given',
  todo: 'give one',
  url: url(owner),
});

/** A check answering from a script, recording whom it was asked about; it fails the test if called in a transaction. */
function scripted(answer: (owner: RunOwner, call: number) => LiveRunVerdict | Promise<LiveRunVerdict>) {
  const asked: RunOwner[] = [];
  const check: LiveRunCheck = async (owner) => {
    expect(inTransaction, 'GitHub asked while a catalog transaction was open').toBe(false);
    asked.push(owner);
    return answer(owner, asked.length);
  };
  return { check, asked };
}

const live = (check: LiveRunCheck, extra: Partial<LiveRunOptions> = {}): LiveRunOptions => ({
  check,
  onLiveRun: 'skip',
  timeoutMs: 60_000,
  ...extra,
});

const rows = async () => catalog.history(PACKAGE, 100);
const strip = (all: ExecutionRow[]) => all.map(({ startTime: _s, ...row }) => row);

describe('begin with a live-run check', () => {
  it('never asks when nothing is active: one transaction, as without a check', async () => {
    const { check, asked } = scripted(ALIVE);
    const first = await begin(catalog, request('100', { liveRun: live(check) }));
    await end(catalog, endRequest(first.executionId));
    const second = await begin(catalog, request('101', { liveRun: live(check) }));
    expect([first.plan.kind, second.plan.kind]).toEqual(['insert', 'insert']);
    expect(second.liveRun).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it('never asks about its own execution (a retried begin of the same run key)', async () => {
    const { check, asked } = scripted(ALIVE);
    await begin(catalog, request('100', { liveRun: live(check) }));
    const again = await begin(catalog, request('100', { liveRun: live(check) }));
    expect(again.plan.kind).toBe('reenter');
    expect(asked).toEqual([]);
  });

  it('yields to a live owner: C, the live ExecutionID and its NextLoadStatus, and writes nothing', async () => {
    await begin(catalog, request('100'));
    const before = strip(await rows());
    const { check, asked } = scripted(ALIVE);
    const result = await begin(catalog, request('101', { liveRun: live(check) }));
    expect(asked).toEqual([{ executionId: '1', repository: 'acme/loads', runId: '100', runAttempt: '1' }]);
    expect(result).toMatchObject({
      executionId: '1',
      executionStatus: 'C',
      nextLoadStatus: 'C',
      retryCount: 0,
      plan: { kind: 'yield' },
      liveRun: {
        owner: { executionId: '1', runId: '100' },
        verdict: { run: 'alive', status: 'in_progress' },
        checks: 1,
        waitedMs: 0,
        decisive: true,
      },
    });
    expect(strip(await rows())).toEqual(before);
  });

  it('yields at the retry limit too: a live run is never abandoned', async () => {
    await begin(catalog, request('100', { retryLimit: 0 }));
    const { check } = scripted(ALIVE);
    const result = await begin(catalog, request('101', { retryLimit: 0, liveRun: live(check) }));
    expect(result.plan.kind).toBe('yield');
    expect(await rows()).toEqual([expect.objectContaining({ executionStatus: 'E', endTime: null })]);
  });

  it.each([
    ['completed', COMPLETED],
    ['unknown', UNKNOWN],
  ] as const)('resumes when the owner is %s, and says so in the result', async (run, verdict) => {
    await begin(catalog, request('100'));
    const { check } = scripted(verdict);
    const result = await begin(catalog, request('101', { liveRun: live(check) }));
    expect(result).toMatchObject({
      executionId: '1',
      executionStatus: 'A',
      plan: { kind: 'resume' },
      liveRun: { verdict: { run }, decisive: true },
    });
    expect(await rows()).toEqual([expect.objectContaining({ executionStatus: 'A', runId: '101', retryCount: 1 })]);
  });

  it('abandons at the retry limit when the owner has completed', async () => {
    await begin(catalog, request('100', { retryLimit: 0 }));
    const { check } = scripted(COMPLETED);
    const result = await begin(catalog, request('101', { retryLimit: 0, liveRun: live(check) }));
    expect(result.plan.kind).toBe('abandon-and-insert');
    expect(result.liveRun?.decisive).toBe(true);
  });

  it('yields to a run that took the execution over while this one asked GitHub: it began moments ago', async () => {
    await begin(catalog, request('100'));
    // While run 101 asks about run 100, run 102 (which did not ask) resumes the execution.
    const { check, asked } = scripted(async (owner, call) => {
      if (call === 1) await begin(catalog, request('102'));
      return COMPLETED(owner);
    });
    const result = await begin(catalog, request('101', { liveRun: live(check) }));
    // The verdict about run 100 was not applied to run 102's take-over, and 102 is not asked about.
    expect(asked.map((owner) => owner.runId)).toEqual(['100']);
    expect(result).toMatchObject({
      executionId: '1',
      executionStatus: 'C',
      nextLoadStatus: 'P',
      plan: { kind: 'yield' },
      liveRun: { owner: { runId: '102' }, verdict: { run: 'alive', status: expect.stringMatching(/began while/) } },
    });
    expect(await rows()).toEqual([expect.objectContaining({ executionStatus: 'A', runId: '102', endTime: null })]);
  });

  it('decides from the catalog when the owner ended its execution between the check and the lock', async () => {
    const first = await begin(catalog, request('100'));
    const { check } = scripted(async (owner) => {
      await end(catalog, endRequest(first.executionId, 'failure'));
      return ALIVE(owner);
    });
    const result = await begin(catalog, request('101', { liveRun: live(check) }));
    expect(result).toMatchObject({ executionStatus: 'R', plan: { kind: 'insert' }, liveRun: { decisive: false } });
  });

  it.each([
    ['completed', COMPLETED],
    ['unknown', UNKNOWN],
  ] as const)(
    'never fails when the active execution keeps changing hands and GitHub answers %s: it yields',
    async (_, verdict) => {
      await begin(catalog, request('100'));
      let run = 200;
      const { check } = scripted(async (owner) => {
        await begin(catalog, request(String(run++)));
        return verdict(owner);
      });
      const result = await begin(catalog, request('101', { liveRun: live(check) }));
      expect(result).toMatchObject({ executionStatus: 'C', plan: { kind: 'yield' }, liveRun: { decisive: true } });
      expect(await rows()).toEqual([expect.objectContaining({ executionStatus: 'A', runId: '200', endTime: null })]);
    },
  );
});

describe('on-live-run: wait', () => {
  it('asks again until the owner completes, then resumes', async () => {
    await begin(catalog, request('100'));
    const { check, asked } = scripted((owner, call) => (call < 3 ? ALIVE(owner) : COMPLETED(owner)));
    const result = await begin(
      catalog,
      request('101', { liveRun: live(check, { onLiveRun: 'wait', timeoutMs: 10_000, pollMs: 50 }) }),
    );
    expect(asked).toHaveLength(3);
    expect(result).toMatchObject({
      executionStatus: 'A',
      liveRun: { verdict: { run: 'completed' }, checks: 3, decisive: true },
    });
    expect(result.liveRun!.waitedMs).toBeGreaterThanOrEqual(90);
  });

  it('yields once the time-out has passed, having changed nothing', async () => {
    await begin(catalog, request('100'));
    const before = strip(await rows());
    const { check, asked } = scripted(ALIVE);
    const started = Date.now();
    const result = await begin(
      catalog,
      request('101', { liveRun: live(check, { onLiveRun: 'wait', timeoutMs: 300, pollMs: 50 }) }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(result).toMatchObject({ executionStatus: 'C', plan: { kind: 'yield' }, liveRun: { decisive: true } });
    // Asked every 50 ms until the 300 ms had passed, then no more: the first ask, one per poll, and
    // one for a timer that fired a millisecond early, however slow the machine (a slow machine asks
    // less often, never more). A begin that waited past its time-out would ask again and again.
    expect(asked.length).toBeGreaterThan(2);
    expect(asked.length).toBeLessThanOrEqual(1 + 300 / 50 + 1);
    expect(result.liveRun!.waitedMs).toBeGreaterThanOrEqual(300);
    expect(strip(await rows())).toEqual(before);
  });

  it('stops waiting when the owner ends its execution, and decides from the catalog (R after a failure)', async () => {
    const first = await begin(catalog, request('100'));
    const { check } = scripted(async (owner, call) => {
      if (call === 2) await end(catalog, endRequest(first.executionId, 'failure'));
      return ALIVE(owner); // the run goes on after its load job: the catalog, not GitHub, ends the wait
    });
    const result = await begin(
      catalog,
      request('101', { liveRun: live(check, { onLiveRun: 'wait', timeoutMs: 60_000, pollMs: 50 }) }),
    );
    expect(result).toMatchObject({ executionStatus: 'R', plan: { kind: 'insert' }, liveRun: { decisive: false } });
  });

  it('waits for a run that took the execution over while this one asked, then asks GitHub about it', async () => {
    await begin(catalog, request('100'));
    const { check, asked } = scripted(async (owner, call) => {
      if (call === 1) await begin(catalog, request('102'));
      return COMPLETED(owner);
    });
    const result = await begin(
      catalog,
      request('101', { liveRun: live(check, { onLiveRun: 'wait', timeoutMs: 10_000, pollMs: 50 }) }),
    );
    // 102 arrived while 100 was asked about: waited for, then found completed, and resumed.
    expect(asked.map((owner) => owner.runId)).toEqual(['100', '102']);
    expect(result).toMatchObject({ executionStatus: 'A', retryCount: 2, liveRun: { decisive: true } });
  });

  it('asks every 30 s at most, and at least every second', () => {
    expect(pollInterval(60 * 60_000)).toBe(30_000);
    expect(pollInterval(3_000)).toBe(1_000);
    expect(pollInterval(100_000)).toBe(5_000);
  });
});
