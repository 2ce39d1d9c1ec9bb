/**
 * High-water marks, row counts and LastExecutionID through the shipped bundle, as the runner runs
 * a job: the main step makes the BFX_VARIABLES and BFX_ROW_COUNTS files under RUNNER_TEMP and
 * exports them through GITHUB_ENV; the load's `run:` steps (bash) append to them; the post step
 * reads them and ends the execution. A mark is committed only by a success, so a retry reads the
 * last good one; row counts are kept whatever the outcome.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bfx, executions } from './support.js';
import { decision, story, type Story } from './jobs.js';

let s: Story;
beforeEach(() => {
  s = story();
});
afterEach(() => s.cleanUp());

const ORDERS = { 'package-name': 'LOAD_Orders', variables: 'LastLoadDate=1900-01-01\nLastOrderID=0' };

/** The load: reads its marks from the Variables output (as $MARKS), loads, writes the new marks and its row counts. */
const load = (date: string, orderId: number, rows: number, fails = false) => [
  `test -n "$BFX_VARIABLES" && test -f "$BFX_VARIABLES" && test -f "$BFX_ROW_COUNTS"`,
  `echo "LastLoadDate=${date}" >> "$BFX_VARIABLES"`,
  `echo "LastOrderID=${orderId}" >> "$BFX_VARIABLES"`,
  `printf 'dbo.Orders:Insert=%s\\ndbo.Orders:Update=2\\n' ${rows} >> "$BFX_ROW_COUNTS"`,
  fails ? 'exit 1' : 'true',
];

const variablesOf = async () =>
  Object.fromEntries(((await s.read((c) => c.variables('LOAD_Orders'))) ?? []).map((v) => [v.name, v.value]));
const rowCountsOf = (ids: string[]) =>
  s.read(async (c) =>
    (await c.rowCounts(ids)).map((r) => [r.executionId, r.objectName, r.countType, r.rowCount]).sort(),
  );

describe('high-water marks and row counts, through the shipped bundle', () => {
  it('a mark advances on success, stays after a failure, and the retry reads the old one; LastExecutionID follows', async () => {
    // Run 1: the first load, from the defaults.
    const run1 = await s.packageJob({ id: '601' }, 'load', ORDERS, load('2026-11-01', 100, 120));
    expect(decision(run1.main)).toEqual(['E', 'C']);
    expect(JSON.parse(run1.main.outputs.Variables)).toEqual({ LastLoadDate: '1900-01-01', LastOrderID: '0' });
    expect(run1.main.outputs.LastExecutionID).toBe('');
    // The runner's GITHUB_ENV: the files are in the job's RUNNER_TEMP, set for the later steps.
    expect(run1.main.exported).toEqual({
      BFX_VARIABLES: expect.stringMatching(/\/bfx-1-variables\.txt$/),
      BFX_ROW_COUNTS: expect.stringMatching(/\/bfx-1-row-counts\.txt$/),
    });
    expect(dirname(run1.main.exported.BFX_VARIABLES)).toBe(run1.job.runnerTemp);
    expect(run1.steps.map((step) => step.exitCode)).toEqual([0, 0, 0, 0, 0]);
    expect(run1.post!.exitCode).toBe(0);
    expect(run1.post!.stdout).toContain('Stored 2 row count(s); committed LastLoadDate, LastOrderID.');
    expect(run1.post!.summary).toContain('<h4>Variables committed</h4>');
    expect(run1.post!.summary).toContain('<tr><td>LastLoadDate</td><td>2026-11-01</td></tr>');
    expect(run1.post!.summary).toContain('<tr><td>dbo.Orders</td><td>Insert</td><td>120</td></tr>');
    expect(await variablesOf()).toEqual({ LastLoadDate: '2026-11-01', LastOrderID: '100' });

    // Run 2: reads the mark run 1 left; its load fails after writing a new one.
    const run2 = await s.packageJob({ id: '602' }, 'load', ORDERS, load('2026-11-02', 200, 50, true));
    expect(decision(run2.main)).toEqual(['E', 'C']);
    expect(JSON.parse(run2.main.outputs.Variables)).toEqual({ LastLoadDate: '2026-11-01', LastOrderID: '100' });
    expect(run2.main.outputs.LastExecutionID).toBe('1');
    expect(run2.post!.stdout).toContain('ended as F (Failed)');
    expect(run2.post!.summary).toContain('<b>Variables not committed:</b> LastLoadDate, LastOrderID');
    expect(run2.post!.summary).toContain('<tr><td>dbo.Orders</td><td>Insert</td><td>50</td></tr>');
    expect(await variablesOf()).toEqual({ LastLoadDate: '2026-11-01', LastOrderID: '100' });

    // Run 3, the retry: rolls back what came after execution 1, and loads from the old mark.
    const run3 = await s.packageJob({ id: '603' }, 'load', ORDERS, load('2026-11-02', 210, 60));
    expect(decision(run3.main)).toEqual(['R', 'C']);
    expect(JSON.parse(run3.main.outputs.Variables)).toEqual({ LastLoadDate: '2026-11-01', LastOrderID: '100' });
    expect(run3.main.outputs.LastExecutionID).toBe('1');
    expect(run3.main.summary).toContain('<b>LastExecutionID:</b> 1<br>');
    expect(await variablesOf()).toEqual({ LastLoadDate: '2026-11-02', LastOrderID: '210' });

    // Run 4: a new load after the retry's success.
    const run4 = await s.packageJob({ id: '604' }, 'load', ORDERS, []);
    expect(decision(run4.main)).toEqual(['E', 'C']);
    expect(run4.main.outputs.LastExecutionID).toBe('3');
    expect(JSON.parse(run4.main.outputs.Variables)).toEqual({ LastLoadDate: '2026-11-02', LastOrderID: '210' });

    // Row counts of every execution, the failed one's too, in the catalog.
    expect(await rowCountsOf(['1', '2', '3', '4'])).toEqual([
      ['1', 'dbo.Orders', 'Insert', 120],
      ['1', 'dbo.Orders', 'Update', 2],
      ['2', 'dbo.Orders', 'Insert', 50],
      ['2', 'dbo.Orders', 'Update', 2],
      ['3', 'dbo.Orders', 'Insert', 60],
      ['3', 'dbo.Orders', 'Update', 2],
    ]);
    expect(s.rows().map((row) => row.slice(2, 4))).toEqual([
      ['S', 'P'],
      ['F', 'R'],
      ['S', 'P'],
      ['S', 'P'],
    ]);
  });

  it('a malformed line ends the execution F with one sentence, fails the post step, and stores nothing', async () => {
    const run = await s.packageJob({ id: '611' }, 'load', ORDERS, [
      'echo "LastLoadDate=2026-11-01" >> "$BFX_VARIABLES"',
      'echo "dbo.Orders:Insert=120" >> "$BFX_ROW_COUNTS"',
      'echo "dbo.Orders:Insert=a lot" >> "$BFX_ROW_COUNTS"',
    ]);
    const sentence =
      'Line 2 of the BFX_ROW_COUNTS file ("dbo.Orders:Insert=a lot") is not OBJECT:COUNTTYPE=N with N a whole number >= 0, ' +
      'so no row count was stored: write lines such as dbo.Customer:Insert=120.';
    expect(run.post!.exitCode).toBe(1);
    expect(run.post!.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
      `::error::${sentence}`,
    ]);
    expect(s.rows()).toEqual([[1, 'LOAD_Orders', 'F', 'R', null]]);
    expect(executions(s.path)[0].ErrorMessage).toBe(sentence);
    expect(await variablesOf()).toEqual({ LastLoadDate: '1900-01-01', LastOrderID: '0' });
    expect(await rowCountsOf(['1'])).toEqual([]);
  });

  it('a skipped run (C) still outputs Variables and LastExecutionID, and makes no files', async () => {
    await s.packageJob({ id: '621' }, 'load', ORDERS, load('2026-11-01', 100, 1));
    expect((await bfx(['disable', 'LOAD_Orders', '-c', s.connectionString])).exitCode).toBe(0);
    const skipped = await s.packageJob({ id: '622' }, 'load', ORDERS, load('2026-12-31', 999, 1));
    expect(decision(skipped.main)).toEqual(['C', 'P']);
    expect(skipped.main.outputs.LastExecutionID).toBe('1');
    expect(JSON.parse(skipped.main.outputs.Variables)).toEqual({ LastLoadDate: '2026-11-01', LastOrderID: '100' });
    expect(skipped.main.exported).toEqual({});
    expect(skipped.job.env.BFX_VARIABLES).toBeUndefined();
  });

  it('end/action.yml in the same job reads the files, its inputs winning; in another job, its inputs alone', async () => {
    // One job: begin with auto-end false, the load, then an explicit end step before the post step.
    const inputs = { ...ORDERS, 'auto-end': 'false' };
    const run = await s.packageJob(
      { id: '631' },
      'load',
      inputs,
      ['echo "LastLoadDate=2026-11-01" >> "$BFX_VARIABLES"', 'echo "dbo.Orders:Insert=7" >> "$BFX_ROW_COUNTS"'],
      { noPost: true },
    );
    const end = await run.job.runStep({
      action: 'end',
      inputs: {
        'execution-id': run.main.outputs.ExecutionID,
        'connection-string': s.connectionString,
        variables: 'LastOrderID=77',
      },
    });
    expect(end.exitCode).toBe(0);
    const post = await run.job.runStep({
      phase: 'post',
      inputs: { ...inputs, 'connection-string': s.connectionString },
      state: run.main.state,
    });
    expect(post.stdout).toContain('auto-end is false');
    expect(await variablesOf()).toEqual({ LastLoadDate: '2026-11-01', LastOrderID: '77' });
    expect(await rowCountsOf(['1'])).toEqual([['1', 'dbo.Orders', 'Insert', 7]]);

    // Begin, load and end in three jobs: the end job has no files, only its inputs.
    const begun = await s.packageJob({ id: '632' }, 'begin', { ...ORDERS, 'auto-end': 'false' }, []);
    const other = await s.endJob({ id: '632' }, 'end', {
      'execution-id': begun.main.outputs.ExecutionID,
      variables: 'LastLoadDate=2026-11-02',
      'row-counts': 'dbo.Orders:Insert=8\ndbo.Orders:Delete=1',
    });
    expect(other.exitCode).toBe(0);
    expect(other.summary).toContain('<tr><td>dbo.Orders</td><td>Delete</td><td>1</td></tr>');
    expect(await variablesOf()).toEqual({ LastLoadDate: '2026-11-02', LastOrderID: '77' });
    expect(await rowCountsOf(['2'])).toEqual([
      ['2', 'dbo.Orders', 'Delete', 1],
      ['2', 'dbo.Orders', 'Insert', 8],
    ]);
  });

  it("removes the job's RUNNER_TEMP with the job, files included", async () => {
    const run = await s.packageJob({ id: '641' }, 'load', ORDERS, []);
    expect(existsSync(run.main.exported.BFX_VARIABLES)).toBe(true);
    run.job.remove();
    expect(existsSync(run.job.runnerTemp)).toBe(false);
  });
});
