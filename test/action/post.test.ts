/**
 * The post step (src/action/post.ts) run from src in this process, as the bundle runs it
 * (runMainOrPost with the main step's state), with @actions/core replaced by
 * test/support/actions-core.ts and a real SQLite catalog file: the execution the main step began
 * is ended from the job's status, as the catalog rows show.
 */
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMainOrPost } from '../../src/action/index.js';
import { fakeActionStep, type FakeStepOptions, type FakeStepRecord } from '../support/actions-core.js';
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

const given = (inputs: Record<string, string> = {}) => ({
  'package-name': 'LOAD_Customer',
  'connection-string': catalog.connectionString,
  ...inputs,
});

/** The main step, then the post step with the state it saved, as the runner runs a job. */
async function mainThenPost(options: FakeStepOptions = {}) {
  const main = fakeActionStep({ ...options, inputs: given(options.inputs), run: { id: '100' } });
  await runMainOrPost();
  expect(main.failures).toEqual([]);
  const post = fakeActionStep({
    ...options,
    inputs: given(options.inputs),
    run: { id: '100' },
    state: main.savedState,
  });
  await runMainOrPost();
  return { main, post };
}

describe('the post step (runPost)', () => {
  it('ends the execution as S / P when the job succeeded', async () => {
    const { post } = await mainThenPost({ jobStatus: 'success' });

    expect(post.failures).toEqual([]);
    expect(post.outputs).toEqual({});
    expect(post.savedState).toEqual({});
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({
        ExecutionID: 1,
        ExecutionStatus: 'S',
        NextLoadStatus: 'P',
        EndTime: expect.any(String),
        ErrorMessage: null,
      }),
    ]);
    expect(post.log[0]).toMatch(/^LOAD_Customer: execution 1 ended as S \(Succeeded\) after \d+ s; NextLoadStatus P/);
    expect(post.summaries).toEqual([expect.stringContaining('<h3>bfx-end: LOAD_Customer</h3>')]);
  });

  it.each([
    ['failure', 'F'],
    ['cancelled', 'F'],
  ] as const)('ends the execution as %s -> %s / R with the job status as its message', async (jobStatus, status) => {
    const { post } = await mainThenPost({ jobStatus });

    expect(post.failures).toEqual([]);
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({
        ExecutionStatus: status,
        NextLoadStatus: 'R',
        ErrorMessage: `The job ended with status ${jobStatus}.`,
      }),
    ]);
    expect(post.summaries[0]).toContain(`<b>Message:</b> The job ended with status ${jobStatus}.`);
  });

  it('leaves the execution running when auto-end is false', async () => {
    const { post } = await mainThenPost({ inputs: { 'auto-end': 'false' } });

    expect(post.failures).toEqual([]);
    expect(post.log).toEqual(['bfx-begin: auto-end is false, so execution 1 is left for an explicit end.']);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ExecutionStatus: 'E', EndTime: null })]);
  });

  it('has nothing to end when the main step began no runnable execution, and reads no input', async () => {
    // The main step failed on a bad input: it saved isPost only.
    const main = fakeActionStep({ inputs: given({ 'retry-limit': 'three' }) });
    await runMainOrPost();
    expect(main.savedState).toEqual({ isPost: 'true' });

    const post = fakeActionStep({ inputs: given({ 'retry-limit': 'three' }), state: main.savedState });
    await runMainOrPost();

    expect(post.failures).toEqual([]);
    expect(post.log).toEqual(['bfx-begin: no runnable execution was begun by this job, so there is nothing to end.']);
    expect(post.secrets).toEqual([]);
    expect(catalog.tableNames()).toEqual([]);
  });

  it('ends the execution F on a job-status it does not know, saying why', async () => {
    const main = fakeActionStep({ inputs: given() });
    await runMainOrPost();
    const post = fakeActionStep({ inputs: given({ 'job-status': 'skipped' }), state: main.savedState });
    await runMainOrPost();

    expect(post.failures).toEqual([
      'The job-status "skipped" is not an outcome bfx-begin knows, so execution 1 was ended as failed: use success, failure or cancelled.',
    ]);
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({ ExecutionStatus: 'F', NextLoadStatus: 'R', ErrorMessage: post.failures[0] }),
    ]);
  });

  it('fails with one sentence when its execution is no longer in the catalog', async () => {
    const main = fakeActionStep({ inputs: given() });
    await runMainOrPost();
    catalog.execute('DELETE FROM Execution');

    const post = fakeActionStep({ inputs: given(), state: main.savedState });
    await runMainOrPost();

    expect(post.failures).toEqual([
      'Execution 1 is no longer in the catalog, so it could not be ended: check that the catalog was not reset.',
    ]);
    expect(catalog.executionRows()).toEqual([]);
  });

  it('warns and changes nothing when a later run took the execution over', async () => {
    const first = fakeActionStep({ inputs: given(), run: { id: '100' } });
    await runMainOrPost();
    // A re-run of the workflow resumes the execution the first attempt never ended.
    const rerun = fakeActionStep({ inputs: given(), run: { id: '100', attempt: '2' } });
    await runMainOrPost();
    expect(rerun.outputs).toMatchObject({ ExecutionID: '1', ExecutionStatus: 'A' });

    const latePost = fakeActionStep({ inputs: given(), run: { id: '100' }, state: first.savedState });
    await runMainOrPost();

    expect(latePost.failures).toEqual([]);
    expect(latePost.annotations).toEqual([
      expect.objectContaining({
        kind: 'warning',
        message: 'Execution 1 was taken over by a later run (github:100:2:load); it is left to that run to end.',
      }),
    ]);
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({ ExecutionStatus: 'A', EndTime: null, RunKey: 'github:100:2:load' }),
    ]);
  });
});

/** The main step alone: the load's steps then write to the files it exported. */
async function begun(inputs: Record<string, string> = {}, run = { id: '100' }): Promise<FakeStepRecord> {
  const main = fakeActionStep({ inputs: given(inputs), run });
  await runMainOrPost();
  expect(main.failures).toEqual([]);
  return main;
}

/** The post step of the main step's job. */
async function postOf(main: FakeStepRecord, jobStatus: 'success' | 'failure' = 'success', run = { id: '100' }) {
  const step = fakeActionStep({ inputs: given(), run, state: main.savedState, jobStatus });
  await runMainOrPost();
  return step;
}

const variablesOf = async (packageName = 'LOAD_Customer') =>
  Object.fromEntries(((await catalog.read((c) => c.variables(packageName))) ?? []).map((v) => [v.name, v.value]));
const rowCountsOf = (executionId: string) =>
  catalog.read(async (c) =>
    (await c.rowCounts([executionId])).map((r) => [r.objectName, r.countType, r.rowCount]).sort(),
  );

describe('the post step: what the load wrote to BFX_VARIABLES and BFX_ROW_COUNTS', () => {
  it('commits the variables and stores the row counts when the job succeeded', async () => {
    const main = await begun({ variables: 'LastLoadDate=1900-01-01' });
    appendFileSync(main.exported.BFX_VARIABLES, 'LastLoadDate=2026-11-24\n');
    appendFileSync(main.exported.BFX_VARIABLES, 'LastLoadDate=2026-11-25\nFilter=a = b; "c"\n');
    appendFileSync(main.exported.BFX_ROW_COUNTS, 'dbo.Customer:Insert=1200\ndbo.Customer:Update=3\n');
    const post = await postOf(main);

    expect(post.failures).toEqual([]);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ExecutionStatus: 'S', NextLoadStatus: 'P' })]);
    expect(await variablesOf()).toEqual({ LastLoadDate: '2026-11-25', Filter: 'a = b; "c"' });
    expect(await rowCountsOf('1')).toEqual([
      ['dbo.Customer', 'Insert', 1200],
      ['dbo.Customer', 'Update', 3],
    ]);
    expect(post.log).toContain('Stored 2 row count(s); committed LastLoadDate, Filter.');
    expect(post.summaries[0]).toContain('<h4>Variables committed</h4>');
    expect(post.summaries[0]).toContain('<tr><td>LastLoadDate</td><td>2026-11-25</td></tr>');
    expect(post.summaries[0]).toContain('<tr><td>Filter</td><td>a = b; &#34;c&#34;</td></tr>');
    expect(post.summaries[0]).toContain('<tr><td>dbo.Customer</td><td>Insert</td><td>1,200</td></tr>');
  });

  it('stores the row counts but commits no variable when the job failed: the retry reads the old mark', async () => {
    const main = await begun({ variables: 'LastLoadDate=1900-01-01' });
    appendFileSync(main.exported.BFX_VARIABLES, 'LastLoadDate=2026-11-25\n');
    appendFileSync(main.exported.BFX_ROW_COUNTS, 'dbo.Customer:Insert=7\n');
    const post = await postOf(main, 'failure');

    expect(post.failures).toEqual([]);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ExecutionStatus: 'F', NextLoadStatus: 'R' })]);
    expect(await variablesOf()).toEqual({ LastLoadDate: '1900-01-01' });
    expect(await rowCountsOf('1')).toEqual([['dbo.Customer', 'Insert', 7]]);
    expect(post.summaries[0]).toContain('<b>Variables not committed:</b> LastLoadDate, because the execution ended F');

    const retry = await begun({ variables: 'LastLoadDate=1900-01-01' }, { id: '101' });
    expect(retry.outputs).toMatchObject({
      ExecutionStatus: 'R',
      Variables: '{"LastLoadDate":"1900-01-01"}',
      LastExecutionID: '',
    });
  });

  it.each([
    [
      'BFX_ROW_COUNTS',
      'dbo.Customer:Insert=lots',
      'Line 2 of the BFX_ROW_COUNTS file ("dbo.Customer:Insert=lots") is not OBJECT:COUNTTYPE=N with N a whole number >= 0, so no row count was stored: write lines such as dbo.Customer:Insert=120.',
    ],
    [
      'BFX_VARIABLES',
      'LastLoadDate=2026-11-25\nno equals sign here',
      'Line 3 of the BFX_VARIABLES file ("no equals sign here") is not NAME=VALUE with a name of 1 to 128 characters, so no variable was stored: write one NAME=VALUE per line.',
    ],
  ])(
    'ends the execution F with the sentence of a malformed %s line, stores nothing of either file, and fails',
    async (file, text, sentence) => {
      const main = await begun({ variables: 'LastLoadDate=1900-01-01' });
      appendFileSync(main.exported.BFX_VARIABLES, 'LastLoadDate=2026-11-25\n');
      appendFileSync(main.exported.BFX_ROW_COUNTS, 'dbo.Customer:Insert=5\n');
      appendFileSync(main.exported[file], `${text}\n`);
      const post = await postOf(main, 'success');

      expect(post.failures).toEqual([sentence]);
      expect(catalog.executionRows()).toEqual([
        expect.objectContaining({ ExecutionStatus: 'F', NextLoadStatus: 'R', ErrorMessage: sentence }),
      ]);
      expect(await variablesOf()).toEqual({ LastLoadDate: '1900-01-01' });
      expect(await rowCountsOf('1')).toEqual([]);
      expect(post.summaries[0]).toContain('F (Failed)');
    },
  );

  it('warns and still ends the execution when a step removed a file', async () => {
    const main = await begun();
    appendFileSync(main.exported.BFX_ROW_COUNTS, 'dbo.Customer:Insert=5\n');
    rmSync(main.exported.BFX_VARIABLES);
    const post = await postOf(main);

    expect(post.failures).toEqual([]);
    expect(post.annotations).toEqual([
      expect.objectContaining({
        kind: 'warning',
        message: `The BFX_VARIABLES file ${main.exported.BFX_VARIABLES} is gone, so nothing the load wrote to it was read: leave the file in place until the job ends.`,
      }),
    ]);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ExecutionStatus: 'S' })]);
    expect(await rowCountsOf('1')).toEqual([['dbo.Customer', 'Insert', 5]]);
  });

  it("reads a file Windows PowerShell 5 wrote (UTF-16 with a byte order mark) and one with UTF-8's mark", async () => {
    const main = await begun();
    writeFileSync(
      main.exported.BFX_VARIABLES,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Région=Île-de-France\r\n', 'utf16le')]),
    );
    writeFileSync(main.exported.BFX_ROW_COUNTS, '\uFEFFdbo.Customer:Insert=9\r\n');
    const post = await postOf(main);

    expect(post.failures).toEqual([]);
    expect(await variablesOf()).toEqual({ Région: 'Île-de-France' });
    expect(await rowCountsOf('1')).toEqual([['dbo.Customer', 'Insert', 9]]);
  });

  it('reads nothing when auto-end is false: the files are left for an explicit end in the job', async () => {
    const main = await begun({ 'auto-end': 'false' });
    appendFileSync(main.exported.BFX_ROW_COUNTS, 'dbo.Customer:Insert=lots\n');
    const post = fakeActionStep({ inputs: given({ 'auto-end': 'false' }), state: main.savedState, run: { id: '100' } });
    await runMainOrPost();

    expect(post.failures).toEqual([]);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ExecutionStatus: 'E', EndTime: null })]);
  });
});
