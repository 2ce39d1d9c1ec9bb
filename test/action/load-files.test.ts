/**
 * The files a load reports through (src/action/load-files.ts): made empty and unique under
 * RUNNER_TEMP, told apart by their execution, read all or nothing, and the end action's inputs
 * merged over them. No catalog.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLoadFiles, isLoadFileOf, mergeReports, readLoadFiles } from '../../src/action/load-files.js';
import { fakeActionStep } from '../support/actions-core.js';

vi.mock('@actions/core', () => import('../support/actions-core.js'));

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'bfx-load-files-'));
  vi.stubEnv('RUNNER_TEMP', temp);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(temp, { recursive: true, force: true });
});

describe('the load files', () => {
  it('are made empty under RUNNER_TEMP, named after their execution, never reused', () => {
    const first = createLoadFiles('12');
    const second = createLoadFiles('12');
    const other = createLoadFiles('13');
    expect(first).toEqual({
      variables: join(temp, 'bfx-12-variables.txt'),
      rowCounts: join(temp, 'bfx-12-row-counts.txt'),
    });
    expect(second).toEqual({
      variables: join(temp, 'bfx-12-2-variables.txt'),
      rowCounts: join(temp, 'bfx-12-2-row-counts.txt'),
    });
    expect(other.variables).toBe(join(temp, 'bfx-13-variables.txt'));
    expect(readdirSync(temp)).toHaveLength(6);
  });

  it("know their execution: 12's files are not 1's or 123's", () => {
    const files = createLoadFiles('12');
    expect(isLoadFileOf(files.variables, '12')).toBe(true);
    expect(isLoadFileOf(files.rowCounts, '12')).toBe(true);
    expect(isLoadFileOf(createLoadFiles('12').rowCounts, '12')).toBe(true);
    expect(isLoadFileOf(files.variables, '1')).toBe(false);
    expect(isLoadFileOf(files.variables, '123')).toBe(false);
    expect(isLoadFileOf(join(temp, 'notes.txt'), '12')).toBe(false);
  });

  it('are read whole: values exactly, the last line for a name or a count winning', () => {
    const files = createLoadFiles('1');
    writeFileSync(files.variables, 'A=1\n\nB= two = 2 \nA=3\n');
    writeFileSync(files.rowCounts, 'db.T:Insert=1\r\ndb.T:Insert=2\r\nC:\\x:y:Read=4\r\n');
    expect(readLoadFiles(files)).toEqual({
      variables: [
        { name: 'A', value: '3' },
        { name: 'B', value: ' two = 2 ' },
      ],
      rowCounts: [
        { objectName: 'db.T', countType: 'Insert', rowCount: 2 },
        { objectName: 'C:\\x:y', countType: 'Read', rowCount: 4 },
      ],
    });
  });

  it('refuse the whole report with one sentence naming the line', () => {
    const files = createLoadFiles('1');
    writeFileSync(files.variables, 'A=1\n');
    writeFileSync(files.rowCounts, 'db.T:Insert=1\ndb.T:Insert=1.5\n');
    expect(() => readLoadFiles(files)).toThrow(
      'Line 2 of the BFX_ROW_COUNTS file ("db.T:Insert=1.5") is not OBJECT:COUNTTYPE=N with N a whole number >= 0, so no row count was stored: write lines such as dbo.Customer:Insert=120.',
    );
  });

  it('count as empty when gone, with a warning', () => {
    const step = fakeActionStep();
    vi.stubEnv('RUNNER_TEMP', temp);
    const files = createLoadFiles('1');
    rmSync(files.rowCounts);
    expect(readLoadFiles(files)).toEqual({ variables: [], rowCounts: [] });
    expect(existsSync(files.rowCounts)).toBe(false);
    expect(step.annotations).toEqual([
      expect.objectContaining({
        kind: 'warning',
        message: expect.stringMatching(/^The BFX_ROW_COUNTS file .* is gone/),
      }),
    ]);
  });

  it('are overridden name by name and count by count by what the end action is given', () => {
    const merged = mergeReports(
      {
        variables: [
          { name: 'A', value: 'file' },
          { name: 'B', value: 'file' },
        ],
        rowCounts: [
          { objectName: 'T', countType: 'Insert', rowCount: 1 },
          { objectName: 'T', countType: 'Update', rowCount: 1 },
        ],
      },
      {
        variables: [{ name: 'B', value: 'input' }],
        rowCounts: [{ objectName: 'T', countType: 'Update', rowCount: 9 }],
      },
    );
    expect(merged).toEqual({
      variables: [
        { name: 'A', value: 'file' },
        { name: 'B', value: 'input' },
      ],
      rowCounts: [
        { objectName: 'T', countType: 'Insert', rowCount: 1 },
        { objectName: 'T', countType: 'Update', rowCount: 9 },
      ],
    });
  });
});
