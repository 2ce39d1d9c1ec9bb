import { describe, expect, it } from 'vitest';
import { isExecutionIdText } from '../../src/catalog/limits.js';

describe('an ExecutionID as text: a whole number from 1 to 2^63 - 1', () => {
  it.each([
    ['1', true],
    ['42', true],
    ['9223372036854775807', true],
    ['9223372036854775808', false],
    ['99999999999999999999', false],
    ['0', false],
    ['007', false],
    ['-1', false],
    ['+1', false],
    ['1.0', false],
    [' 1', false],
    ['', false],
  ] as const)('%j: %s', (text, valid) => {
    expect(isExecutionIdText(text)).toBe(valid);
  });
});
