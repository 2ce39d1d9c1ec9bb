/**
 * The end action (src/action/end.ts, end/action.yml) run from src in this process, as the bundle
 * runs it (runEndAction), with @actions/core replaced by test/support/actions-core.ts and a real
 * SQLite catalog file: an execution begun by the main step in another job is ended, and an
 * ExecutionID the catalog does not have fails the step with one sentence.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runEndAction, runMainOrPost } from '../../src/action/index.js';
import { fakeActionStep, type FakeStepRecord } from '../support/actions-core.js';
import { tempSqliteCatalog, type TempSqliteCatalog } from '../support/sqlite-catalog.js';

vi.mock('@actions/core', () => import('../support/actions-core.js'));

let catalog: TempSqliteCatalog;
beforeEach(() => {
  catalog = tempSqliteCatalog();
  vi.stubEnv('RUNNER_TEMP', catalog.runnerTemp);
});
afterEach(() => {
  vi.unstubAllEnvs();
  catalog.remove();
});

/** The begin job: the action's main step, with auto-end false, as a workflow that ends in a later job. */
async function beginInAnotherJob(): Promise<string> {
  const main = fakeActionStep({
    inputs: { 'package-name': 'LOAD_Customer', 'connection-string': catalog.connectionString, 'auto-end': 'false' },
    run: { id: '100', job: 'begin' },
  });
  await runMainOrPost();
  expect(main.failures).toEqual([]);
  return main.outputs.ExecutionID;
}

const endInputs = (inputs: Record<string, string>) => ({ 'connection-string': catalog.connectionString, ...inputs });

describe('the end action (runEnd)', () => {
  it('ends an execution begun by another job of the run, with the status and message it is given', async () => {
    const executionId = await beginInAnotherJob();
    const step = fakeActionStep({
      action: 'end/action.yml',
      inputs: endInputs({ 'execution-id': executionId, status: 'failure', message: 'The warehouse was read-only.' }),
      run: { id: '100', job: 'end' },
    });
    await runEndAction();

    expect(step.failures).toEqual([]);
    expect(step.outputs).toEqual({});
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({
        ExecutionID: 1,
        ExecutionStatus: 'F',
        NextLoadStatus: 'R',
        EndTime: expect.any(String),
        ErrorMessage: 'The warehouse was read-only.',
      }),
    ]);
    expect(step.log[0]).toMatch(/^LOAD_Customer: execution 1 ended as F \(Failed\)/);
    expect(step.summaries).toEqual([expect.stringContaining('<b>Message:</b> The warehouse was read-only.')]);
  });

  it("takes the job's status by default: success ends it S / P", async () => {
    const executionId = await beginInAnotherJob();
    const step = fakeActionStep({
      action: 'end/action.yml',
      inputs: endInputs({ 'execution-id': executionId }),
      jobStatus: 'success',
      run: { id: '100', job: 'end' },
    });
    await runEndAction();

    expect(step.failures).toEqual([]);
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({ ExecutionStatus: 'S', NextLoadStatus: 'P', ErrorMessage: null }),
    ]);
  });

  it('fails with one sentence on an ExecutionID the catalog does not have, and ends nothing', async () => {
    await beginInAnotherJob();
    const step = fakeActionStep({
      action: 'end/action.yml',
      inputs: endInputs({ 'execution-id': '999' }),
      run: { id: '100', job: 'end' },
    });
    await runEndAction();

    expect(step.failures).toEqual([
      'Execution 999 is not in the catalog, so nothing was ended: pass the ExecutionID output of the begin step that uses the same connection-string.',
    ]);
    expect(step.summaries).toEqual([]);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ExecutionID: 1, ExecutionStatus: 'E' })]);
  });

  it('warns, and fails nothing, when the execution has already ended', async () => {
    const executionId = await beginInAnotherJob();
    const inputs = endInputs({ 'execution-id': executionId, status: 'success' });
    fakeActionStep({ action: 'end/action.yml', inputs, run: { id: '100', job: 'end' } });
    await runEndAction();
    const again = fakeActionStep({ action: 'end/action.yml', inputs, run: { id: '100', job: 'end' } });
    await runEndAction();

    expect(again.failures).toEqual([]);
    expect(again.annotations).toEqual([
      expect.objectContaining({
        kind: 'warning',
        message: 'Execution 1 had already ended as S (Succeeded); it was left as it is.',
      }),
    ]);
  });

  it.each([
    ['an empty execution-id', { 'execution-id': '' }, /^The execution-id is empty, so there is no execution to end/],
    [
      'an execution-id that is no number',
      { 'execution-id': 'latest' },
      /^The execution-id "latest" is not an ExecutionID/,
    ],
    // the catalog's schema
    [
      'a catalog-schema with a dot',
      { 'execution-id': '1', 'catalog-schema': 'dbo.bfx' },
      /^The catalog-schema "dbo.bfx" is not a schema name/,
    ],
  ])('fails on %s with one sentence, before the catalog is opened', async (_label, inputs, sentence) => {
    const step = fakeActionStep({
      action: 'end/action.yml',
      inputs: endInputs(inputs),
      run: { id: '100', job: 'end' },
    });
    await runEndAction();

    expect(step.failures).toEqual([expect.stringMatching(sentence)]);
    expect(step.failures[0]).toMatch(/^[A-Z][^\n]*\.$/);
    expect(existsSync(catalog.path)).toBe(false);
  });
});

/** A begin whose execution a later end ends: the main step with auto-end false, in a job of its own. */
async function begin(inputs: Record<string, string>, job: string, runId = '100'): Promise<FakeStepRecord> {
  const main = fakeActionStep({
    inputs: { 'connection-string': catalog.connectionString, 'auto-end': 'false', ...inputs },
    run: { id: runId, job },
  });
  await runMainOrPost();
  expect(main.failures).toEqual([]);
  return main;
}

/** The post step of a begin's job, with auto-end true (a child ending itself). */
async function postOf(
  main: FakeStepRecord,
  inputs: Record<string, string>,
  jobStatus: 'success' | 'failure',
  job: string,
) {
  const post = fakeActionStep({
    inputs: { 'connection-string': catalog.connectionString, ...inputs },
    state: main.savedState,
    jobStatus,
    run: { id: '100', job },
  });
  await runMainOrPost();
  expect(post.failures).toEqual([]);
  return post;
}

async function endAction(
  inputs: Record<string, string>,
  options: { env?: Record<string, string>; attempt?: string } = {},
) {
  const step = fakeActionStep({
    action: 'end/action.yml',
    inputs: endInputs(inputs),
    run: { id: '100', job: 'end', attempt: options.attempt },
    env: options.env,
  });
  await runEndAction();
  return step;
}

const variablesOf = async (packageName: string) =>
  Object.fromEntries(((await catalog.read((c) => c.variables(packageName))) ?? []).map((v) => [v.name, v.value]));
const rowCountsOf = (executionId: string) =>
  catalog.read(async (c) =>
    (await c.rowCounts([executionId])).map((r) => [r.objectName, r.countType, r.rowCount]).sort(),
  );

describe('the end action: high-water marks and row counts', () => {
  it('commits the variables input and stores the row-counts input on a success', async () => {
    await begin({ 'package-name': 'LOAD_Sales', variables: 'LastLoadDate=1900-01-01' }, 'begin');
    const step = await endAction({
      'execution-id': '1',
      status: 'success',
      variables: 'LastLoadDate=2026-11-25',
      'row-counts': 'dbo.Sales:Insert=10\ndbo.Sales:Delete=0',
    });

    expect(step.failures).toEqual([]);
    expect(await variablesOf('LOAD_Sales')).toEqual({ LastLoadDate: '2026-11-25' });
    expect(await rowCountsOf('1')).toEqual([
      ['dbo.Sales', 'Delete', 0],
      ['dbo.Sales', 'Insert', 10],
    ]);
    expect(step.summaries[0]).toContain('<tr><td>dbo.Sales</td><td>Insert</td><td>10</td></tr>');
    expect(step.summaries[0]).toContain('<tr><td>LastLoadDate</td><td>2026-11-25</td></tr>');
  });

  it('reads the BFX_* files a begin of the same job exported, its inputs winning over them', async () => {
    const main = await begin({ 'package-name': 'LOAD_Sales', variables: 'A=0\nB=0' }, 'load');
    appendFileSync(main.exported.BFX_VARIABLES, 'A=from the file\nB=from the file\n');
    appendFileSync(main.exported.BFX_ROW_COUNTS, 'dbo.Sales:Insert=10\ndbo.Sales:Update=2\n');
    const step = await endAction(
      { 'execution-id': '1', status: 'success', variables: 'B=from the input', 'row-counts': 'dbo.Sales:Update=3' },
      { env: main.exported },
    );

    expect(step.failures).toEqual([]);
    expect(await variablesOf('LOAD_Sales')).toEqual({ A: 'from the file', B: 'from the input' });
    expect(await rowCountsOf('1')).toEqual([
      ['dbo.Sales', 'Insert', 10],
      ['dbo.Sales', 'Update', 3],
    ]);
  });

  it("leaves another execution's files alone (a child begun in the job of its batch's end)", async () => {
    const other = await begin({ 'package-name': 'LOAD_Other' }, 'load');
    appendFileSync(other.exported.BFX_VARIABLES, 'Mark=other\n');
    appendFileSync(other.exported.BFX_ROW_COUNTS, 'dbo.Other:Insert=1\n');
    await begin({ 'package-name': 'LOAD_Sales' }, 'sales');
    const step = await endAction({ 'execution-id': '2', status: 'success' }, { env: other.exported });

    expect(step.failures).toEqual([]);
    expect(step.log).toContain(
      `bfx-end: BFX_VARIABLES is another execution's file (${other.exported.BFX_VARIABLES}), so it was not read for execution 2.`,
    );
    expect(await variablesOf('LOAD_Sales')).toEqual({});
    expect(await rowCountsOf('2')).toEqual([]);
  });

  it('ends the execution F with the sentence of a malformed line in a file, stores nothing, and fails', async () => {
    const main = await begin({ 'package-name': 'LOAD_Sales', variables: 'Mark=0' }, 'load');
    appendFileSync(main.exported.BFX_VARIABLES, 'Mark=1\n');
    appendFileSync(main.exported.BFX_ROW_COUNTS, 'dbo.Sales:Insert=ten\n');
    const step = await endAction({ 'execution-id': '1', status: 'success' }, { env: main.exported });

    const sentence = expect.stringMatching(/^Line 1 of the BFX_ROW_COUNTS file \("dbo.Sales:Insert=ten"\)/);
    expect(step.failures).toEqual([sentence]);
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({ ExecutionStatus: 'F', NextLoadStatus: 'R', ErrorMessage: step.failures[0] }),
    ]);
    expect(await variablesOf('LOAD_Sales')).toEqual({ Mark: '0' });
    expect(await rowCountsOf('1')).toEqual([]);
  });

  it('warns that what the load reported was not stored when the execution had already ended', async () => {
    await begin({ 'package-name': 'LOAD_Sales' }, 'load');
    await endAction({ 'execution-id': '1', status: 'success' });
    const again = await endAction({ 'execution-id': '1', status: 'success', 'row-counts': 'dbo.Sales:Insert=1' });

    expect(again.annotations).toEqual([
      expect.objectContaining({
        kind: 'warning',
        message:
          'Execution 1 had already ended as S (Succeeded); it was left as it is. The variables and row counts the load reported were not stored.',
      }),
    ]);
    expect(await rowCountsOf('1')).toEqual([]);
  });
});

describe('the end action: a batch', () => {
  const tricky = 'LOAD_<b>: "x" %% ```';

  /** Night 1: the batch begins; one child succeeds, one fails, each counting rows; the end job ends the batch. */
  async function night(batchStatus: 'success' | 'failure') {
    const batch = await begin({ 'package-name': 'BATCH_Nightly', 'is-batch': 'true' }, 'begin');
    const parent = { 'parent-execution-id': batch.outputs.ExecutionID, 'auto-end': 'true' };
    const good = await begin({ 'package-name': tricky, ...parent }, 'good');
    appendFileSync(good.exported.BFX_ROW_COUNTS, 'dbo.Sales:Insert=100\n');
    await postOf(good, { 'package-name': tricky }, 'success', 'good');
    const bad = await begin({ 'package-name': 'LOAD_Bad', ...parent }, 'bad');
    appendFileSync(bad.exported.BFX_ROW_COUNTS, 'dbo.Sales:Insert=20\ndbo.Sales:Update=1\n');
    await postOf(bad, { 'package-name': 'LOAD_Bad' }, 'failure', 'bad');
    return endAction({
      'execution-id': batch.outputs.ExecutionID,
      status: batchStatus,
      'row-counts': 'etl.Log:Insert=2',
    });
  }

  it('lists every child, draws them as a gantt chart, and rolls up their row counts', async () => {
    const step = await night('failure');

    expect(step.failures).toEqual([]);
    const summary = step.summaries[0];
    expect(summary).toContain('<h4>Children (2)</h4>');
    expect(summary).toContain(
      '<tr><td>LOAD_&#60;b&#62;: &#34;x&#34; %% ```</td><td>2</td><td>S (Succeeded)</td><td>C (Canceled)</td>',
    );
    expect(summary).toMatch(
      /<tr><td>LOAD_Bad<\/td><td>3<\/td><td>F \(Failed\)<\/td><td>R \(Retry\)<\/td><td>\d+ s<\/td><td>The job ended with status failure.<\/td><\/tr>/,
    );
    const chart = /```mermaid\n([\s\S]*?)\n```\n/.exec(summary)![1].split('\n');
    expect(chart.slice(0, 6)).toEqual([
      'gantt',
      '    title Batch BATCH_Nightly, execution 1 (UTC)',
      '    dateFormat YYYY-MM-DDTHH:mm:ss.SSS',
      '    axisFormat %H:%M:%S',
      '    section Batch',
      expect.stringMatching(/^ {4}1 BATCH_Nightly F :crit, e1, (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(, |$)){2}/),
    ]);
    expect(chart[6]).toBe('    section Children');
    expect(chart[7]).toMatch(/^ {4}2 LOAD_#60;b#62;#58; #34;x#34; #37;#37; #96;#96;#96; S :done, e2, /);
    expect(chart[8]).toMatch(/^ {4}3 LOAD_Bad F :crit, e3, /);
    expect(summary).toContain('<h4>Row counts of the batch</h4>');
    expect(summary).toContain('<tr><td>dbo.Sales</td><td>Insert</td><td>120</td></tr>');
    expect(summary).toContain('<tr><td>dbo.Sales</td><td>Update</td><td>1</td></tr>');
    expect(summary).toContain('<tr><td>etl.Log</td><td>Insert</td><td>2</td></tr>');
  });

  it("totals only each child's latest attempt under the batch, and lists the earlier attempts apart", async () => {
    const batch = await begin({ 'package-name': 'BATCH_Nightly', 'is-batch': 'true' }, 'begin');
    const parent = { 'parent-execution-id': batch.outputs.ExecutionID, 'auto-end': 'true' };
    const first = await begin({ 'package-name': 'LOAD_Sales', ...parent }, 'sales-1');
    appendFileSync(first.exported.BFX_ROW_COUNTS, 'dbo.Sales:Insert=70\n');
    await postOf(first, { 'package-name': 'LOAD_Sales' }, 'failure', 'sales-1');
    // The failed attempt's 70 rows were rolled back; the retry under the same batch loads 100.
    const retry = await begin({ 'package-name': 'LOAD_Sales', ...parent }, 'sales-2');
    expect(retry.outputs.ExecutionStatus).toBe('R');
    appendFileSync(retry.exported.BFX_ROW_COUNTS, 'dbo.Sales:Insert=100\n');
    await postOf(retry, { 'package-name': 'LOAD_Sales' }, 'success', 'sales-2');
    const other = await begin({ 'package-name': 'LOAD_Customer', ...parent }, 'customer');
    appendFileSync(other.exported.BFX_ROW_COUNTS, 'dbo.Customer:Insert=5\n');
    await postOf(other, { 'package-name': 'LOAD_Customer' }, 'success', 'customer');
    const step = await endAction({ 'execution-id': batch.outputs.ExecutionID, status: 'success' });

    expect(step.failures).toEqual([]);
    const summary = step.summaries[0];
    expect(summary).toContain('<h4>Children (3)</h4>');
    expect(summary).toContain(
      '<h4>Row counts of the batch</h4><table><tr><th>Object</th><th>Count type</th><th>Rows</th></tr>' +
        '<tr><td>dbo.Customer</td><td>Insert</td><td>5</td></tr><tr><td>dbo.Sales</td><td>Insert</td><td>100</td></tr></table>',
    );
    expect(summary).toContain(
      '<h4>Earlier attempts (1), not in the totals</h4><table><tr><th>Package</th><th>ExecutionID</th>' +
        '<th>ExecutionStatus</th><th>Rows reported</th></tr>' +
        '<tr><td>LOAD_Sales</td><td>2</td><td>F (Failed)</td><td>dbo.Sales:Insert=70</td></tr></table>',
    );
  });

  it('re-closes a batch its end job ended F when that job is re-run in a later attempt (Re-run failed jobs)', async () => {
    await night('failure');
    const rerun = await endAction({ 'execution-id': '1', status: 'success' }, { attempt: '2' });

    expect(rerun.failures).toEqual([]);
    expect(rerun.log).toContain(
      'This batch had ended F (Failed) earlier in this workflow run; this later attempt closed it again as S (Succeeded).',
    );
    expect(rerun.summaries[0]).toContain('<b>Re-closed:</b>');
    expect(catalog.executionRows().map((row) => [row.ExecutionID, row.ExecutionStatus, row.NextLoadStatus])).toEqual([
      [1, 'S', 'P'],
      [2, 'S', 'P'],
      [3, 'F', 'P'],
    ]);
  });
});

describe('the end action given what it cannot use ends the execution F, says why, and stores nothing', () => {
  it.each([
    [
      'a status it does not know',
      { status: 'done' },
      'The status "done" is not an outcome bfx-begin knows, so execution 1 was ended as failed: use success, failure or cancelled.',
    ],
    [
      'a variables line without =',
      { variables: 'LastLoadDate' },
      /^Line 1 of the variables input \("LastLoadDate"\) is not NAME=VALUE/,
    ],
    [
      'a row-counts line without a count type',
      { 'row-counts': 'dbo.Sales:Insert=1\ndbo.Sales=10' },
      /^Line 2 of the row-counts input \("dbo.Sales=10"\) is not OBJECT:COUNTTYPE=N/,
    ],
    [
      'a negative row count',
      { 'row-counts': 'dbo.Sales:Delete=-1' },
      /^Line 1 of the row-counts input \("dbo.Sales:Delete=-1"\) is not OBJECT:COUNTTYPE=N with N a whole number >= 0/,
    ],
  ])('%s', async (_label, inputs, sentence) => {
    const executionId = await beginInAnotherJob();
    const step = fakeActionStep({
      action: 'end/action.yml',
      inputs: endInputs({ 'execution-id': executionId, variables: 'LastLoadDate=2026-01-01', ...inputs }),
      run: { id: '100', job: 'end' },
    });
    await runEndAction();

    expect(step.failures).toEqual([typeof sentence === 'string' ? sentence : expect.stringMatching(sentence)]);
    expect(step.failures[0]).toMatch(/^[A-Z][^\n]*\.$/);
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({ ExecutionStatus: 'F', NextLoadStatus: 'R', ErrorMessage: step.failures[0] }),
    ]);
  });
});
