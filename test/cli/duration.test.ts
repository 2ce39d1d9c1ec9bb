import { describe, expect, it } from 'vitest';
import { durationMinutes, MAX_DURATION_MINUTES } from '../../src/cli/duration.js';

describe('a DURATION (--since)', () => {
  it.each([
    ['90m', 90],
    ['24h', 1_440],
    ['7d', 10_080],
    ['30', 43_200],
    ['1D', 1_440],
    [' 2h ', 120],
  ])('%s is %i minutes', (text, minutes) => {
    expect(durationMinutes(text)).toBe(minutes);
  });

  it.each(['', '0', '0d', '-1d', '1.5d', '7w', 'd', '1 week', '7dd', `${MAX_DURATION_MINUTES + 1}m`])(
    '"%s" is not one',
    (text) => {
      expect(durationMinutes(text)).toBeNull();
    },
  );
});
