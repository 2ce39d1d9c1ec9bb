/**
 * What the load leaves in place of its BFX_VARIABLES and BFX_ROW_COUNTS files, and what a
 * workflow passes to end/action.yml, through the shipped bundle: whatever is wrong with them, the
 * end never hangs, never stops on an unexpected error, and never leaves the execution active. It
 * ends the execution F, so that the next run retries (R) instead of resuming (A), and says why in
 * one sentence naming the file or the input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executions } from './support.js';
import { decision, story, type Story } from './jobs.js';

let s: Story;
beforeEach(() => {
  s = story();
});
afterEach(() => s.cleanUp());

const ORDERS = { 'package-name': 'LOAD_Orders', variables: 'LastLoadDate=1900-01-01' };

const errorsOf = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::error::'));

/** The load's step, then the post step: the execution ended F with one sentence naming the file; the next run retries. */
async function expectFailedEnd(script: string, sentence: RegExp) {
  const run = await s.packageJob({ id: '701' }, 'load', ORDERS, [script], { jobStatus: 'success' });
  expect(run.steps.map((step) => step.exitCode)).toEqual([0]);
  expect(run.post!.exitCode).toBe(1);
  const errors = errorsOf(run.post!.stdout);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(sentence);
  expect(errors[0]).not.toMatch(/unexpected error/);
  expect(s.rows()).toEqual([[1, 'LOAD_Orders', 'F', 'R', null]]);
  expect(`::error::${executions(s.path)[0].ErrorMessage as string}`).toBe(errors[0]);
  // Nothing of either file was stored.
  expect(await s.read((c) => c.rowCounts(['1']))).toEqual([]);
  const marks = await s.read((c) => c.variables('LOAD_Orders'));
  expect(marks?.map((v) => [v.name, v.value])).toEqual([['LastLoadDate', '1900-01-01']]);
  const next = await s.packageJob({ id: '702' }, 'load', ORDERS, []);
  expect(decision(next.main)).toEqual(['R', 'C']);
}

describe('load files that are not what the load should leave, through the shipped bundle', () => {
  it('a directory in place of BFX_VARIABLES', async () => {
    await expectFailedEnd(
      'echo "dbo.Orders:Insert=1" >> "$BFX_ROW_COUNTS"; rm "$BFX_VARIABLES" && mkdir "$BFX_VARIABLES"',
      /^::error::The BFX_VARIABLES file \(.*bfx-1-variables\.txt\) is a directory, not a regular file, so nothing the load reported was stored: /,
    );
  });

  it('a FIFO in place of BFX_ROW_COUNTS: the end does not wait for a writer', async () => {
    await expectFailedEnd(
      'rm "$BFX_ROW_COUNTS" && mkfifo "$BFX_ROW_COUNTS"',
      /^::error::The BFX_ROW_COUNTS file \(.*bfx-1-row-counts\.txt\) is a named pipe \(FIFO\), not a regular file, /,
    );
  }, 20_000);

  it('a link to a device in place of BFX_ROW_COUNTS: the end does not read it forever', async () => {
    await expectFailedEnd(
      'rm "$BFX_ROW_COUNTS" && ln -s /dev/zero "$BFX_ROW_COUNTS"',
      /^::error::The BFX_ROW_COUNTS file \(.*bfx-1-row-counts\.txt\) is a device, not a regular file, /,
    );
  }, 20_000);

  it('a file larger than the limit', async () => {
    await expectFailedEnd(
      `printf 'LastLoadDate=%01100000d\\n' 0 >> "$BFX_VARIABLES"`,
      /^::error::The BFX_VARIABLES file \(.*\) is 1100014 bytes, more than the 1048576 bytes \(1 MiB\) bfx-begin reads, /,
    );
  });

  it('a NUL byte', async () => {
    await expectFailedEnd(
      `printf 'LastLoadDate=2026-11-01\\nLastOrderID=1\\0002\\n' >> "$BFX_VARIABLES"`,
      /^::error::Line 2 of the BFX_VARIABLES file holds a NUL byte, which no catalog column can store, so nothing the load reported was stored: /,
    );
  });

  it('a file that cannot be read (a link to itself)', async () => {
    await expectFailedEnd(
      'rm "$BFX_VARIABLES" && ln -s "$BFX_VARIABLES" "$BFX_VARIABLES"',
      /^::error::The BFX_VARIABLES file \(.*\) cannot be read \(ELOOP\), so nothing the load reported was stored: /,
    );
  });

  it('a link to a regular file is read as the file', async () => {
    const run = await s.packageJob({ id: '703' }, 'load', ORDERS, [
      'echo "LastLoadDate=2026-11-01" > "$RUNNER_TEMP/marks.txt" && ln -sf "$RUNNER_TEMP/marks.txt" "$BFX_VARIABLES"',
    ]);
    expect(run.post!.exitCode, run.post!.stdout).toBe(0);
    const marks = await s.read((c) => c.variables('LOAD_Orders'));
    expect(marks?.map((v) => [v.name, v.value])).toEqual([['LastLoadDate', '2026-11-01']]);
  });
});

describe('end/action.yml given what it cannot use ends the execution F and says why', () => {
  /** Begin with auto-end false, then end/action.yml in another job of the same run with these inputs. */
  async function endWith(inputs: Record<string, string>) {
    const begun = await s.packageJob({ id: '711' }, 'begin', { ...ORDERS, 'auto-end': 'false' }, []);
    const end = await s.endJob({ id: '711' }, 'end', { 'execution-id': begun.main.outputs.ExecutionID, ...inputs });
    return end;
  }

  it.each([
    [
      'a status it does not know (skipped, as needs.X.result can be)',
      { status: 'skipped' },
      /^::error::The status "skipped" is not an outcome bfx-begin knows, so execution 1 was ended as failed: use success, failure or cancelled\.$/,
    ],
    [
      'a malformed row-counts input',
      { 'row-counts': 'dbo.Orders:Insert=many' },
      /^::error::Line 1 of the row-counts input \("dbo\.Orders:Insert=many"\) is not OBJECT:COUNTTYPE=N/,
    ],
    [
      'a malformed variables input',
      { variables: 'no equals sign here' },
      /^::error::Line 1 of the variables input \("no equals sign here"\) is not NAME=VALUE/,
    ],
  ])('%s', async (_, inputs, sentence) => {
    const end = await endWith({ 'row-counts': 'dbo.Orders:Insert=5', ...inputs });
    expect(end.exitCode).toBe(1);
    const errors = errorsOf(end.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(sentence);
    expect(s.rows()).toEqual([[1, 'LOAD_Orders', 'F', 'R', null]]);
    expect(`::error::${executions(s.path)[0].ErrorMessage as string}`).toBe(errors[0]);
    expect(await s.read((c) => c.rowCounts(['1']))).toEqual([]);
    const next = await s.packageJob({ id: '712' }, 'load', ORDERS, []);
    expect(decision(next.main)).toEqual(['R', 'C']);
  });
});
