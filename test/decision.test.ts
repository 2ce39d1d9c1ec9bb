import { describe, expect, it } from 'vitest';
import {
  type AuditMark,
  type BeginState,
  batchStartTime,
  beginWrites,
  decideBegin,
  decideEnd,
  decideNextLoadStatus,
  decideParent,
  decideReset,
  effectiveRetryLimit,
  holdsFinish,
  recordedSince,
  reportedBeginPlan,
  endOutcome,
  type ExecutionSnapshot,
  isRunnable,
  marksBatch,
} from '../src/decision.js';

const pkg = (over: Partial<BeginState['package']> = {}) => ({
  packageId: 1,
  isEnabled: true,
  retryLimit: null,
  ...over,
});

const execution = (over: Partial<ExecutionSnapshot> = {}): ExecutionSnapshot => ({
  executionId: '10',
  executionStatus: 'E',
  nextLoadStatus: 'C',
  retryCount: 0,
  runKey: 'run-a',
  runId: '1',
  ended: false,
  ...over,
});

const state = (over: Partial<BeginState> = {}): BeginState => ({
  package: pkg(),
  reentry: null,
  active: null,
  latestNextLoadStatus: null,
  ...over,
});

/** What a begin returns and writes, in the table's terms. */
function summary(plan: ReturnType<typeof decideBegin>) {
  switch (plan.kind) {
    case 'reenter':
      return {
        kind: plan.kind,
        id: plan.execution.executionId,
        status: plan.execution.executionStatus,
        next: plan.execution.nextLoadStatus,
      };
    case 'insert':
      return { kind: plan.kind, ...plan.execution };
    case 'resume':
      return {
        kind: plan.kind,
        id: plan.executionId,
        status: plan.executionStatus,
        next: plan.nextLoadStatus,
        retryCount: plan.retryCount,
      };
    case 'abandon-and-insert':
      return { kind: plan.kind, abandoned: plan.abandoned.executionId, ...plan.execution };
    case 'ask':
      return { kind: plan.kind, id: plan.execution.executionId };
    case 'yield':
      return {
        kind: plan.kind,
        id: plan.execution.executionId,
        status: plan.executionStatus,
        next: plan.nextLoadStatus,
      };
  }
}

describe('step 1: re-entry', () => {
  it('returns the row with the same run key unchanged, before any other step', () => {
    const reentry = execution({ executionStatus: 'F', nextLoadStatus: 'R', ended: true });
    const plan = decideBegin(
      state({
        reentry,
        package: pkg({ isEnabled: false }),
        active: execution({ executionId: '11' }),
        latestNextLoadStatus: 'C',
      }),
      0,
    );
    expect(summary(plan)).toEqual({ kind: 'reenter', id: '10', status: 'F', next: 'R' });
  });
});

describe('step 3: effective retry limit', () => {
  it.each([
    [5, 1, 5, 'the input wins over the package row'],
    [0, 7, 0, 'an input of 0 is a limit, not "not given"'],
    [undefined, 2, 2, 'the package row when no input'],
    [undefined, 0, 0, 'a package row of 0'],
    [undefined, null, 3, 'the default of 3'],
  ])('input %s, package row %s -> %s (%s)', (input, row, expected, _why) => {
    expect(effectiveRetryLimit(input, row)).toBe(expected);
  });
});

describe('step 4: disabled', () => {
  it('inserts C / P, already ended, whatever else the catalog holds', () => {
    for (const latest of ['P', 'R', 'C', null] as const) {
      const plan = decideBegin(
        state({ package: pkg({ isEnabled: false }), active: execution(), latestNextLoadStatus: latest }),
        undefined,
      );
      expect(summary(plan)).toEqual({ kind: 'insert', executionStatus: 'C', nextLoadStatus: 'P', ended: true });
    }
  });
});

describe('step 5: an active execution', () => {
  // [retry count r, limit input, package row limit, expected]
  it.each([
    [0, 3, null, 'resume'],
    [2, 3, null, 'resume'],
    [3, 3, null, 'abandon'],
    [4, 3, null, 'abandon'],
    [0, 0, null, 'abandon'],
    [0, undefined, 0, 'abandon'],
    [1, undefined, 2, 'resume'],
    [2, undefined, 2, 'abandon'],
    [2, undefined, null, 'resume'],
    [3, undefined, null, 'abandon'],
  ] as const)('r = %s, input %s, package row %s: %s', (r, input, row, expected) => {
    const plan = decideBegin(
      state({ package: pkg({ retryLimit: row }), active: execution({ retryCount: r }), latestNextLoadStatus: 'C' }),
      input,
    );
    if (expected === 'resume') {
      expect(summary(plan)).toEqual({ kind: 'resume', id: '10', status: 'A', next: 'P', retryCount: r + 1 });
    } else {
      expect(summary(plan)).toEqual({
        kind: 'abandon-and-insert',
        abandoned: '10',
        executionStatus: 'E',
        nextLoadStatus: 'C',
        ended: false,
      });
      expect(plan.kind === 'abandon-and-insert' && plan.abandoned).toMatchObject({
        executionStatus: 'F',
        nextLoadStatus: 'R',
        errorMessage: expect.stringMatching(/abandoned/i),
      });
    }
  });

  it('wins over the latest NextLoadStatus', () => {
    for (const latest of ['P', 'R', 'C'] as const) {
      expect(decideBegin(state({ active: execution(), latestNextLoadStatus: latest }), undefined).kind).toBe('resume');
    }
  });

  it('moves a resumed execution under the batch execution this begin names, or under none', () => {
    const resumed = (parentExecutionId: string | undefined) =>
      decideBegin(state({ active: execution(), latestNextLoadStatus: 'P', parentExecutionId }), undefined);
    expect(resumed('77')).toMatchObject({ kind: 'resume', parentExecutionId: '77' });
    expect(resumed(undefined)).toMatchObject({ kind: 'resume', parentExecutionId: null });
  });
});

describe('step 5 on GitHub: is the run that owns the active execution alive?', () => {
  // [verdict of the owner's run, retry count r (limit 3), expected plan]
  it.each([
    ['unasked', 0, { kind: 'ask', id: '10' }],
    ['unasked', 3, { kind: 'ask', id: '10' }],
    ['alive', 0, { kind: 'yield', id: '10', status: 'C', next: 'C' }],
    // never abandon a live run, even at the retry limit
    ['alive', 3, { kind: 'yield', id: '10', status: 'C', next: 'C' }],
    ['completed', 0, { kind: 'resume', id: '10', status: 'A', next: 'P', retryCount: 1 }],
    [
      'completed',
      3,
      { kind: 'abandon-and-insert', abandoned: '10', executionStatus: 'E', nextLoadStatus: 'C', ended: false },
    ],
    ['unknown', 0, { kind: 'resume', id: '10', status: 'A', next: 'P', retryCount: 1 }],
    [
      'unknown',
      3,
      { kind: 'abandon-and-insert', abandoned: '10', executionStatus: 'E', nextLoadStatus: 'C', ended: false },
    ],
    // not asked at all (the CLI): as before
    [undefined, 0, { kind: 'resume', id: '10', status: 'A', next: 'P', retryCount: 1 }],
  ] as const)('owner %s, r = %s: %o', (activeRun, r, expected) => {
    const plan = decideBegin(
      state({ active: execution({ retryCount: r }), latestNextLoadStatus: 'C', activeRun }),
      undefined,
    );
    expect(summary(plan)).toEqual(expected);
  });

  it("yields with the live execution's own NextLoadStatus (P once it was resumed), writing nothing", () => {
    const resumed = execution({ executionStatus: 'A', nextLoadStatus: 'P', retryCount: 1 });
    const plan = decideBegin(state({ active: resumed, latestNextLoadStatus: 'P', activeRun: 'alive' }), undefined);
    expect(summary(plan)).toEqual({ kind: 'yield', id: '10', status: 'C', next: 'P' });
    expect(plan.kind === 'yield' && plan.execution).toBe(resumed);
  });

  it('comes after re-entry and the disabled package: neither needs the owner', () => {
    for (const activeRun of ['unasked', 'alive'] as const) {
      expect(decideBegin(state({ reentry: execution(), active: execution(), activeRun }), undefined).kind).toBe(
        'reenter',
      );
      expect(
        summary(decideBegin(state({ package: pkg({ isEnabled: false }), active: execution(), activeRun }), undefined)),
      ).toEqual({ kind: 'insert', executionStatus: 'C', nextLoadStatus: 'P', ended: true });
    }
  });

  it('needs no owner when nothing is active', () => {
    for (const activeRun of ['unasked', 'alive', 'completed', 'unknown'] as const) {
      expect(summary(decideBegin(state({ latestNextLoadStatus: 'R', activeRun }), undefined))).toEqual({
        kind: 'insert',
        executionStatus: 'R',
        nextLoadStatus: 'C',
        ended: false,
      });
    }
  });

  it('says in the reason when the owner is known to have completed', () => {
    const plan = decideBegin(state({ active: execution(), activeRun: 'completed' }), undefined);
    expect(plan.reason).toBe(
      'Execution 10 never ended (the GitHub run that owned it has completed); this run resumes it (attempt 1 of 3).',
    );
  });
});

describe('step 6: no active execution, by the latest NextLoadStatus', () => {
  it.each([
    ['R', 'R', 'C', false],
    ['C', 'C', 'C', true],
    ['P', 'E', 'C', false],
    [null, 'E', 'C', false],
  ] as const)('latest %s -> insert %s / %s (ended: %s)', (latest, status, next, ended) => {
    const plan = decideBegin(state({ latestNextLoadStatus: latest }), undefined);
    expect(summary(plan)).toEqual({ kind: 'insert', executionStatus: status, nextLoadStatus: next, ended });
  });
});

describe('the batch a begin names (parent-execution-id)', () => {
  it.each([
    // [parent named, found in the catalog, plan]
    [null, false, { kind: 'no-parent' }],
    ['30', true, { kind: 'under-parent', parentExecutionId: '30' }],
    ['30', false, { kind: 'unknown-parent', parentExecutionId: '30' }],
  ] as const)('named %s, found %s -> %j', (named, found, plan) => {
    expect(decideParent(named, found)).toEqual(plan);
  });
});

describe('what a begin writes besides its plan', () => {
  /** One plan of each kind, as decideBegin makes them. */
  const plans = {
    reenter: decideBegin(state({ reentry: execution() }), undefined),
    insert: decideBegin(state(), undefined),
    'insert (skipped)': decideBegin(state({ package: pkg({ isEnabled: false }) }), undefined),
    resume: decideBegin(state({ active: execution() }), undefined),
    'abandon-and-insert': decideBegin(state({ active: execution({ retryCount: 3 }) }), undefined),
    ask: decideBegin(state({ active: execution(), activeRun: 'unasked' }), undefined),
    yield: decideBegin(state({ active: execution(), activeRun: 'alive' }), undefined),
  };

  it.each([
    // [plan, writes]
    ['reenter', false],
    ['insert', true],
    ['insert (skipped)', true],
    ['resume', true],
    ['abandon-and-insert', true],
    ['ask', false],
    ['yield', true],
  ] as const)('%s writes: %s (and only then registers the marks)', (kind, writes) => {
    expect(beginWrites(plans[kind])).toBe(writes);
  });

  it.each([
    // [plan, is-batch given, the package is a batch already, marked a batch now]
    ['insert', true, false, true],
    ['insert (skipped)', true, false, true],
    ['resume', true, false, true],
    ['abandon-and-insert', true, false, true],
    ['yield', true, false, true],
    ['insert', true, true, false],
    ['insert', false, false, false],
    ['insert', false, true, false],
    ['reenter', true, false, false],
    ['ask', true, false, false],
  ] as const)('%s, is-batch %s, already a batch %s: marked %s', (kind, isBatch, packageIsBatch, marked) => {
    expect(marksBatch(plans[kind], isBatch, packageIsBatch)).toBe(marked);
  });
});

describe("a begin's BatchStartTime", () => {
  it.each([
    // [own StartTime, batch execution, BatchStartTime]
    ['2026-12-06T04:00:05.000Z', null, '2026-12-06T04:00:05.000Z'],
    ['2026-12-06T04:00:05.000Z', { startTime: '2026-12-06T04:00:00.000Z' }, '2026-12-06T04:00:00.000Z'],
  ] as const)('own %s, batch %j -> %s', (own, batch, expected) => {
    expect(batchStartTime(own, batch)).toBe(expected);
  });
});

describe("which executions run a load (and are their begin's to end)", () => {
  it.each([
    ['E', true],
    ['R', true],
    ['A', true],
    ['C', false],
    ['S', false],
    ['F', false],
  ] as const)('%s: %s', (status, runnable) => {
    expect(isRunnable(status)).toBe(runnable);
  });
});

describe('every decision says why', () => {
  it('gives a sentence for each plan', () => {
    const plans = [
      decideBegin(state({ reentry: execution() }), undefined),
      decideBegin(state({ package: pkg({ isEnabled: false }) }), undefined),
      decideBegin(state({ active: execution() }), undefined),
      decideBegin(state({ active: execution({ retryCount: 3 }) }), undefined),
      decideBegin(state({ active: execution(), activeRun: 'unasked' }), undefined),
      decideBegin(state({ active: execution(), activeRun: 'alive' }), undefined),
      decideBegin(state({ active: execution(), activeRun: 'completed' }), undefined),
      decideBegin(state({ active: execution({ retryCount: 3 }), activeRun: 'completed' }), undefined),
      decideBegin(state({ latestNextLoadStatus: 'R' }), undefined),
      decideBegin(state({ latestNextLoadStatus: 'C' }), undefined),
      decideBegin(state({ latestNextLoadStatus: 'P' }), undefined),
      decideBegin(state(), undefined),
    ];
    const reasons = plans.map((plan) => plan.reason);
    for (const reason of reasons) expect(reason).toMatch(/^[A-Z].*\.$/);
    expect(new Set(reasons).size).toBe(reasons.length);
  });
});

describe('the outcome an end records', () => {
  it.each([
    // [asked, why the load's report could not be read, recorded]
    ['success', null, null, 'success', null],
    ['failure', 'dbt run failed', null, 'failure', 'dbt run failed'],
    ['cancelled', null, null, 'cancelled', null],
    [
      'success',
      null,
      'Line 2 of BFX_VARIABLES is not NAME=VALUE.',
      'failure',
      'Line 2 of BFX_VARIABLES is not NAME=VALUE.',
    ],
    [
      'failure',
      'dbt run failed',
      'Line 2 of BFX_VARIABLES is not NAME=VALUE.',
      'failure',
      'Line 2 of BFX_VARIABLES is not NAME=VALUE.',
    ],
    [
      'cancelled',
      null,
      'Line 2 of BFX_VARIABLES is not NAME=VALUE.',
      'failure',
      'Line 2 of BFX_VARIABLES is not NAME=VALUE.',
    ],
  ] as const)(
    'asked %s (%j), report unreadable: %j -> %s (%j)',
    (outcome, message, unreadable, recorded, recordedMessage) => {
      expect(endOutcome({ outcome, message }, unreadable)).toEqual({ outcome: recorded, message: recordedMessage });
    },
  );
});

/** An end of a plain execution (no batch, no parent). */
const alone = (e: ExecutionSnapshot) => ({ execution: e, isBatch: false, parent: null, children: [] });

describe('end', () => {
  it.each([
    ['success', 'S', 'P', null, true],
    ['failure', 'F', 'R', 'boom', false],
    ['cancelled', 'F', 'R', 'boom', false],
  ] as const)('%s -> %s / %s', (outcome, status, next, kept, commitVariables) => {
    expect(decideEnd(alone(execution()), outcome, 'boom', null)).toEqual({
      kind: 'end',
      finish: {
        executionId: execution().executionId,
        executionStatus: status,
        nextLoadStatus: next,
        errorMessage: kept,
      },
      children: null,
      commitVariables,
      recordFailure: null,
    });
  });

  it('writes a message of its own for a failure without one', () => {
    const plan = decideEnd(alone(execution()), 'cancelled', null, null);
    expect(plan.kind === 'end' && plan.finish.errorMessage).toMatch(/cancelled/);
  });

  it('leaves an ended execution (a C row, a second end) as it is', () => {
    expect(
      decideEnd(alone(execution({ ended: true, executionStatus: 'C' })), 'failure', null, { runKey: 'run-a' }).kind,
    ).toBe('already-ended');
    expect(decideEnd(alone(execution({ ended: true, executionStatus: 'S' })), 'failure', null, null).kind).toBe(
      'already-ended',
    );
  });

  it('leaves an execution taken over by another run to its new owner', () => {
    // Taken over once, from run-a (workflow run 1): RetryCount 1, one takeover recorded.
    const takenOver = {
      ...alone(execution({ runKey: 'run-b', runId: '2', retryCount: 1 })),
      previousOwners: [{ runKey: 'run-a', runId: '1' }],
    };
    expect(decideEnd(takenOver, 'success', null, { runKey: 'run-a' }).kind).toBe('taken-over');
    expect(decideEnd(takenOver, 'success', null, { runId: '1', runAttempt: 1 }).kind).toBe('taken-over');
    expect(decideEnd(takenOver, 'success', null, { runKey: 'run-b' }).kind).toBe('end');
    // end/action.yml re-run by "Re-run failed jobs" in a later attempt of the owning run
    expect(decideEnd(takenOver, 'success', null, { runId: '2', runAttempt: 1 }).kind).toBe('end');
    expect(decideEnd(takenOver, 'success', null, null).kind).toBe('end');
  });

  describe('tells a run that never owned the execution (a wiring mistake) from one it was taken from', () => {
    const owned = (retryCount: number) => execution({ runKey: 'run-b', runId: '2', retryCount });
    it.each([
      // [RetryCount, previous owners as recorded (undefined: not read yet), caller, plan]
      [0, undefined, { runKey: 'run-a' }, 'not-owned'], // never taken over: its one owner is run-b
      [0, undefined, { runId: '1', runAttempt: 1 }, 'not-owned'],
      [0, [], { runId: '1', runAttempt: 1 }, 'not-owned'],
      [1, undefined, { runId: '1', runAttempt: 1 }, 'read-owners'], // taken over once: who from? read it first
      [1, undefined, { runKey: 'run-a' }, 'read-owners'],
      [1, [{ runKey: 'run-a', runId: '1' }], { runId: '1', runAttempt: 1 }, 'taken-over'],
      [1, [{ runKey: 'run-a', runId: '1' }], { runKey: 'run-a' }, 'taken-over'],
      [1, [{ runKey: 'run-a', runId: '1' }], { runId: '3', runAttempt: 1 }, 'not-owned'],
      [1, [{ runKey: 'run-a', runId: '1' }], { runKey: 'run-c' }, 'not-owned'],
      [
        2,
        [
          { runKey: 'run-a', runId: '1' },
          { runKey: 'run-c', runId: null },
        ],
        { runKey: 'run-c' },
        'taken-over',
      ],
      [
        2,
        [
          { runKey: 'run-a', runId: '1' },
          { runKey: 'run-c', runId: null },
        ],
        { runId: '1', runAttempt: 1 },
        'taken-over',
      ],
      [
        2,
        [
          { runKey: 'run-a', runId: '1' },
          { runKey: 'run-c', runId: null },
        ],
        { runId: '9', runAttempt: 1 },
        'not-owned',
      ],
      // Fewer takeovers recorded than RetryCount counts (an older release recorded none): it may have been the caller's.
      [2, [{ runKey: 'run-a', runId: '1' }], { runId: '9', runAttempt: 1 }, 'taken-over'],
      [1, [], { runKey: 'run-z' }, 'taken-over'],
    ] as const)('RetryCount %s, recorded %j, caller %j: %s', (retryCount, previousOwners, caller, kind) => {
      const state = {
        ...alone(owned(retryCount)),
        previousOwners: previousOwners?.map((owner) => ({ ...owner })),
      };
      expect(decideEnd(state, 'success', null, caller).kind).toBe(kind);
      expect(decideEnd(state, 'failure', 'boom', caller).kind).toBe(kind);
    });

    it('never for its owner, an operator, or an execution that has ended', () => {
      for (const retryCount of [0, 1]) {
        expect(decideEnd(alone(owned(retryCount)), 'success', null, { runKey: 'run-b' }).kind).toBe('end');
        expect(decideEnd(alone(owned(retryCount)), 'success', null, { runId: '2', runAttempt: 1 }).kind).toBe('end');
        expect(decideEnd(alone(owned(retryCount)), 'success', null, null).kind).toBe('end');
        const ended = execution({ runKey: 'run-b', runId: '2', retryCount, ended: true, executionStatus: 'S' });
        expect(decideEnd(alone(ended), 'success', null, { runId: '1', runAttempt: 1 }).kind).toBe('already-ended');
      }
    });
  });
});

describe('end of a batch and of its children', () => {
  const child = (id: string, executionStatus: ExecutionSnapshot['executionStatus'], ended = true) =>
    execution({ executionId: id, executionStatus, ended, nextLoadStatus: ended ? 'P' : 'C' });
  const children = [child('31', 'S'), child('32', 'F'), child('33', 'C'), child('34', 'S')];
  const batch = (over: Partial<ExecutionSnapshot> = {}) => execution({ executionId: '30', runId: '7', ...over });
  const ofBatch = (e: ExecutionSnapshot) => ({ execution: e, isBatch: true, parent: null, children });

  it('S: every child proceeds normally next time (P)', () => {
    const plan = decideEnd(ofBatch(batch()), 'success', null, null);
    expect(plan).toMatchObject({
      kind: 'end',
      finish: { executionStatus: 'S', nextLoadStatus: 'P' },
      children: { executionIds: ['31', '32', '33', '34'], nextLoadStatus: 'P' },
    });
  });

  it.each(['failure', 'cancelled'] as const)(
    '%s: the children that succeeded are skipped next time (C); failed ones keep R',
    (outcome) => {
      expect(decideEnd(ofBatch(batch()), outcome, null, null)).toMatchObject({
        kind: 'end',
        finish: { executionStatus: 'F', nextLoadStatus: 'R' },
        children: { executionIds: ['31', '34'], nextLoadStatus: 'C' },
      });
    },
  );

  it('leaves the children an operator skipped or resumed since they ended as the operator left them', () => {
    const changedByOperator = { ...ofBatch(batch()), operatorChanged: ['31', '32'] };
    expect(decideEnd(changedByOperator, 'success', null, null)).toMatchObject({
      children: { executionIds: ['33', '34'], nextLoadStatus: 'P' },
    });
    expect(decideEnd(changedByOperator, 'failure', null, null)).toMatchObject({
      children: { executionIds: ['34'], nextLoadStatus: 'C' },
    });
  });

  it('a child that succeeds after its batch failed gets C; under an active or succeeded batch, P', () => {
    const plan = (parent: ExecutionSnapshot) =>
      decideEnd({ execution: child('35', 'E', false), isBatch: false, parent, children: [] }, 'success', null, null);
    expect(plan(batch({ ended: true, executionStatus: 'F' }))).toMatchObject({ finish: { nextLoadStatus: 'C' } });
    expect(plan(batch())).toMatchObject({ finish: { nextLoadStatus: 'P' } });
    expect(plan(batch({ ended: true, executionStatus: 'S' }))).toMatchObject({ finish: { nextLoadStatus: 'P' } });
  });

  describe('Re-run failed jobs: only a later attempt of the run whose own end failed the batch re-closes it', () => {
    const failed = batch({ ended: true, executionStatus: 'F', nextLoadStatus: 'R' });
    const read = (failedBy: { runId: string; runAttempt: number } | null, latestExecutionId = '30') => ({
      ...ofBatch(failed),
      reclose: { failedBy, latestExecutionId },
    });

    it('a later attempt of that run: S / P, its children P, its marks committed', () => {
      expect(
        decideEnd(read({ runId: '7', runAttempt: 1 }), 'success', null, { runId: '7', runAttempt: 2 }),
      ).toMatchObject({
        kind: 'reclose',
        endedAs: 'F',
        finish: { executionId: '30', executionStatus: 'S', nextLoadStatus: 'P' },
        children: { executionIds: ['31', '32', '33', '34'], nextLoadStatus: 'P' },
        commitVariables: true,
      });
    });

    it('asks for who failed it and what came after before deciding', () => {
      expect(decideEnd(ofBatch(failed), 'success', null, { runId: '7', runAttempt: 2 }).kind).toBe('read-reclose');
    });

    it.each([
      // [who failed it, the package's latest execution, the caller, why nothing changes]
      [{ runId: '7', runAttempt: 1 }, '30', { runId: '7', runAttempt: 1 }, /only a later attempt than attempt 1/],
      [{ runId: '7', runAttempt: 2 }, '30', { runId: '7', runAttempt: 2 }, /only a later attempt than attempt 2/],
      [{ runId: '7', runAttempt: 3 }, '30', { runId: '7', runAttempt: 2 }, /only a later attempt/],
      [{ runId: '8', runAttempt: 1 }, '30', { runId: '7', runAttempt: 2 }, /another workflow run \(8\)/],
      [null, '30', { runId: '7', runAttempt: 2 }, /abandoned or reset/], // abandoned by a begin, or reset
      [{ runId: '7', runAttempt: 1 }, '36', { runId: '7', runAttempt: 2 }, /a later execution \(36\)/],
      [null, '36', { runId: '7', runAttempt: 2 }, /a later execution \(36\)/], // abandoned: a fresh one began
    ] as const)('failed by %j, latest %s, caller %j: nothing changes', (failedBy, latest, caller, why) => {
      const plan = decideEnd(read(failedBy && { ...failedBy }, latest), 'success', null, { ...caller });
      expect(plan.kind).toBe('already-ended');
      expect(plan.kind === 'already-ended' && plan.why).toMatch(why);
    });

    it('never for a failure, an operator, the post step, a batch that succeeded, or a plain package', () => {
      const later = { runId: '7', runAttempt: 2 };
      expect(decideEnd(read({ runId: '7', runAttempt: 1 }), 'failure', null, later)).toEqual({ kind: 'already-ended' });
      expect(decideEnd(read({ runId: '7', runAttempt: 1 }), 'success', null, null)).toEqual({ kind: 'already-ended' });
      expect(decideEnd(read({ runId: '7', runAttempt: 1 }), 'success', null, { runKey: 'run-a' })).toEqual({
        kind: 'already-ended',
      });
      const succeeded = { ...ofBatch(batch({ ended: true, executionStatus: 'S' })) };
      expect(decideEnd(succeeded, 'success', null, later)).toEqual({ kind: 'already-ended' });
      expect(decideEnd({ ...read({ runId: '7', runAttempt: 1 }), isBatch: false }, 'success', null, later)).toEqual({
        kind: 'already-ended',
      });
    });

    it("a workflow run's failure of a batch is recorded with its attempt; a post step's or an operator's is not", () => {
      const active = ofBatch(batch());
      expect(decideEnd(active, 'failure', null, { runId: '7', runAttempt: 3 })).toMatchObject({
        recordFailure: { runId: '7', runAttempt: 3 },
      });
      expect(decideEnd(active, 'success', null, { runId: '7', runAttempt: 3 })).toMatchObject({ recordFailure: null });
      expect(decideEnd(active, 'failure', null, null)).toMatchObject({ recordFailure: null });
      expect(
        decideEnd({ ...active, isBatch: false, children: [] }, 'failure', null, { runId: '7', runAttempt: 3 }),
      ).toMatchObject({
        recordFailure: null,
      });
    });
  });
});

describe('operator changes: skip, resume, reset', () => {
  const ended = execution({ executionId: '20', executionStatus: 'S', nextLoadStatus: 'P', ended: true });
  const active = execution({ executionId: '21' });

  it.each([
    // packageFound, active, latest, status -> plan
    [false, null, null, 'C', { kind: 'no-package' }],
    [true, null, null, 'C', { kind: 'no-execution' }],
    [true, active, active, 'C', { kind: 'active', execution: active }],
    [true, active, ended, 'P', { kind: 'active', execution: active }],
    [true, null, ended, 'C', { kind: 'change', executionId: '20', nextLoadStatus: 'C' }],
    [true, null, ended, 'P', { kind: 'change', executionId: '20', nextLoadStatus: 'P' }],
  ] as const)(
    'skip/resume with package %s, active %o, latest %o, to %s',
    (packageFound, activeRow, latest, status, plan) => {
      expect(decideNextLoadStatus({ packageFound, active: activeRow, latest, activeChildren: [] }, status)).toEqual(
        plan,
      );
    },
  );

  it.each([
    [false, null, { kind: 'no-package' }],
    [true, null, { kind: 'none-active' }],
    [
      true,
      active,
      {
        kind: 'reset',
        finish: { executionId: '21', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'stuck' },
        children: [],
        propagation: null,
      },
    ],
  ] as const)('reset with package %s and active %o', (packageFound, activeRow, plan) => {
    expect(decideReset({ packageFound, active: activeRow, latest: ended, activeChildren: [] }, 'stuck')).toEqual(plan);
  });

  it('reset of a batch propagates like a failed end: active children end F / R, succeeded ones get C', () => {
    const plan = decideReset(
      {
        packageFound: true,
        active,
        latest: active,
        activeChildren: [
          execution({ executionId: '41' }),
          execution({ executionId: '42', ended: true, executionStatus: 'S', nextLoadStatus: 'P' }),
          execution({ executionId: '43', ended: true, executionStatus: 'F', nextLoadStatus: 'R' }),
        ],
      },
      'stuck',
    );
    expect(plan).toEqual({
      kind: 'reset',
      finish: { executionId: '21', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'stuck' },
      children: [{ executionId: '41', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'stuck' }],
      propagation: { executionIds: ['42'], nextLoadStatus: 'C' },
    });
  });
});

describe('an end run again after its commit answer was lost (holdsFinish)', () => {
  const finish = { executionId: '10', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'failed' } as const;
  const row = { ended: true, executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'failed' };
  it.each([
    ['the row holds what the end wrote', row, true],
    ['the row is still active', { ...row, ended: false }, false],
    ['another status', { ...row, executionStatus: 'S' }, false],
    // Set since by others (an operator's skip, the batch's end): the end is still the one that was made.
    ['another next load status', { ...row, nextLoadStatus: 'C' }, true],
    ['another message', { ...row, errorMessage: null }, false],
  ])('%s: %s', (_, execution, expected) => {
    expect(holdsFinish(execution, finish)).toBe(expected);
  });
});

describe('a command run again after its commit answer was lost finds its audit entry (recordedSince)', () => {
  const entry: AuditMark = { executionId: null, detail: 'LastLoadDate set from "a" to "b".', actor: 'ops' };
  it.each([
    ['its entry among those recorded since', [{ ...entry, detail: 'other' }, entry], true],
    ['none recorded since', [], false],
    ['the same change by another actor', [{ ...entry, actor: 'someone' }], false],
    ['another change by the same actor', [{ ...entry, detail: 'LastLoadDate set from "b" to "c".' }], false],
    // A skip's detail is the same for every execution: the execution tells them apart.
    ['the same change of another execution', [{ ...entry, executionId: '12' }], false],
  ])('%s', (_, since, expected) => {
    expect(recordedSince(since, entry) !== undefined).toBe(expected);
  });
});

describe('a begin run again after its commit answer was lost (reportedBeginPlan)', () => {
  const execution = {
    executionId: '7',
    executionStatus: 'E',
    nextLoadStatus: 'C',
    retryCount: 0,
    runKey: 'k',
    runId: null,
    ended: false,
  } as const;
  const reenter = { kind: 'reenter', execution, reason: 'again' } as const;
  const insert = {
    kind: 'insert',
    execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
    reason: 'first',
  } as const;
  it('a re-entry after a sent insert reports the insert', () => {
    expect(reportedBeginPlan(reenter, insert)).toBe(insert);
  });
  it('a re-entry with nothing sent before is a re-entry', () => {
    expect(reportedBeginPlan(reenter, undefined)).toBe(reenter);
  });
  it('a re-entry after a sent re-entry is a re-entry', () => {
    expect(reportedBeginPlan(reenter, { ...reenter, reason: 'first' })).toBe(reenter);
  });
  it('any other plan is reported as decided', () => {
    expect(reportedBeginPlan(insert, { ...insert, reason: 'earlier' })).toBe(insert);
  });
});
