/** The rules of bfx check, purge, rename and delete, table by table. */
import { describe, expect, it } from 'vitest';
import {
  decideDelete,
  decidePurge,
  decideRename,
  ownKeepReason,
  packageConcerns,
  purgeAgeMinutes,
  REENTRY_WINDOW_MINUTES,
  type ExecutionStanding,
} from '../src/operations.js';

const NOW = '2026-12-06T12:00:00.000Z';

describe('check: what is wrong with a package', () => {
  const state = (fields = {}) => ({ isEnabled: true, latest: null, activeSince: null, ...fields });
  it.each([
    ['no execution yet', state(), []],
    ['latest succeeded', state({ latest: { executionStatus: 'S' } }), []],
    ['latest failed', state({ latest: { executionStatus: 'F' } }), ['failed']],
    ['latest skipped after a failure', state({ latest: { executionStatus: 'C' } }), []],
    [
      'active for 359 minutes',
      state({ latest: { executionStatus: 'E' }, activeSince: '2026-12-06T06:01:00.000Z' }),
      [],
    ],
    ['active for exactly 360 minutes', state({ activeSince: '2026-12-06T06:00:00.000Z' }), []],
    [
      'active for 361 minutes',
      state({ latest: { executionStatus: 'A' }, activeSince: '2026-12-06T05:59:00.000Z' }),
      ['stuck'],
    ],
    ['disabled', state({ isEnabled: false, latest: { executionStatus: 'C' } }), ['disabled']],
    [
      'all three',
      state({ isEnabled: false, latest: { executionStatus: 'F' }, activeSince: '2026-12-01T00:00:00.000Z' }),
      ['failed', 'stuck', 'disabled'],
    ],
  ] as const)('%s', (_, given, concerns) => {
    expect(packageConcerns(given as Parameters<typeof packageConcerns>[0], NOW, 360)).toEqual(concerns);
  });
});

const standing = (executionId: string, fields: Partial<ExecutionStanding> = {}): ExecutionStanding => ({
  executionId,
  parentExecutionId: null,
  executionStatus: 'F',
  ended: true,
  old: true,
  latest: false,
  lastEnded: false,
  latestOfItsStatus: false,
  marksVariables: false,
  ...fields,
});

describe('purge: why an old execution stays', () => {
  it.each([
    ['nothing reads it', standing('1'), null],
    ['active', standing('1', { ended: false, executionStatus: 'R' }), 'active'],
    ['not old', standing('1', { old: false }), 'recent'],
    ['the latest', standing('1', { latest: true }), 'latest'],
    // A failure that ended after a disabled begin's skip: the next begin retries it.
    ['the last to end', standing('1', { lastEnded: true }), 'latest'],
    ['the last success', standing('1', { executionStatus: 'S', latestOfItsStatus: true }), 'last-success'],
    ['a success, not the last', standing('1', { executionStatus: 'S' }), null],
    ['the last failure', standing('1', { latestOfItsStatus: true }), null],
    ['a mark names it', standing('1', { marksVariables: true }), 'marks-variables'],
  ] as const)('%s', (_, execution, reason) => {
    expect(ownKeepReason(execution)).toBe(reason);
  });

  it('keeps the children of a batch execution kept for its own sake, and a batch execution with a kept child', () => {
    const plan = decidePurge({
      candidates: [
        standing('10', { parentExecutionId: '1' }), // its batch is the batch package's latest
        standing('11', { parentExecutionId: '2' }), // its batch goes
        standing('12'), // a batch execution whose child is its package's latest
        standing('13'), // a batch execution whose children all go
      ],
      parents: [standing('1', { latest: true }), standing('2')],
      children: [
        standing('20', { parentExecutionId: '12', latest: true }),
        standing('21', { parentExecutionId: '13' }),
      ],
    });
    expect(plan).toEqual({
      delete: ['11', '13'],
      kept: [
        { executionId: '10', reason: 'batch-kept' },
        { executionId: '12', reason: 'child-kept' },
      ],
    });
  });

  it('never goes below the re-entry window, whatever the days', () => {
    expect(purgeAgeMinutes(0)).toBe(REENTRY_WINDOW_MINUTES);
    expect(purgeAgeMinutes(1)).toBe(24 * 60);
    expect(purgeAgeMinutes(90)).toBe(90 * 24 * 60);
  });
});

describe('delete and rename', () => {
  it.each([
    [{ packageFound: false, active: null }, { kind: 'no-package' }],
    [
      { packageFound: true, active: { executionId: '7' } },
      { kind: 'active', executionId: '7' },
    ],
    [{ packageFound: true, active: null }, { kind: 'delete' }],
  ])('delete %j', (state, plan) => {
    expect(decideDelete(state)).toEqual(plan);
  });

  it.each([
    [{ packageFound: false, sameName: false, newNameTaken: false }, 'no-package'],
    [{ packageFound: true, sameName: true, newNameTaken: true }, 'same-name'],
    [{ packageFound: true, sameName: false, newNameTaken: true }, 'taken'],
    [{ packageFound: true, sameName: false, newNameTaken: false }, 'rename'],
  ])('rename %j', (state, kind) => {
    expect(decideRename(state).kind).toBe(kind);
  });
});
