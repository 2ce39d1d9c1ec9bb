import { describe, expect, it } from 'vitest';
import { durationMinutes } from '../../src/cli/duration.js';
import { statusFilter } from '../../src/cli/options.js';

describe('DURATION', () => {
  it.each([
    ['90m', 90],
    ['24h', 1440],
    ['7d', 7 * 1440],
    ['7', 7 * 1440],
    [' 2H ', 120],
  ])('%s is %i minutes', (raw, minutes) => {
    expect(durationMinutes(raw, '--since', 'runs')).toBe(minutes);
  });

  it.each(['', '0', '0h', '-1d', '1.5h', '1w', 'h', '99999999d'])('refuses %j in one sentence', (raw) => {
    expect(() => durationMinutes(raw, '--since', 'runs')).toThrow(
      `The --since "${raw}" is not a duration, so bfx runs did nothing: give minutes, hours or days such as 90m, 24h or 7d (a bare number is days), up to ten years.`,
    );
  });
});

describe('--status', () => {
  it('takes letters and words, in any case, repeated or separated by commas', () => {
    expect(statusFilter(['F'], 'history')).toEqual(['F']);
    expect(statusFilter(['failed', 'Retry,s'], 'history')).toEqual(['F', 'R', 'S']);
    expect(statusFilter(['cancelled', 'Canceled'], 'history')).toEqual(['C']);
    expect(statusFilter(undefined, 'history')).toBeUndefined();
  });

  it('refuses a status it does not know, naming them all', () => {
    expect(() => statusFilter(['broken'], 'runs')).toThrow(
      /^The --status "broken" is not an ExecutionStatus, so bfx runs did nothing: give a letter or its word, one of E \(executing\), R \(retry\), A \(active\), C \(canceled\), S \(succeeded\), F \(failed\)\.$/,
    );
  });
});
