/**
 * The main step (src/action/main.ts) run from src in this process, as the bundle runs it
 * (runMainOrPost), with @actions/core replaced by test/support/actions-core.ts and a real SQLite
 * catalog file: the outputs, the state left for the post step, what the log and the job summary
 * show, and a bad input failing the step with one sentence before the catalog is touched.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMainOrPost } from '../../src/action/index.js';
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

const given = (inputs: Record<string, string> = {}) => ({
  'package-name': 'LOAD_Customer',
  'connection-string': catalog.connectionString,
  ...inputs,
});

/** One sentence: no line break, a capital first and a full stop last. */
const ONE_SENTENCE = /^[A-Z][^\n]*\.$/;

describe('the main step (runMain)', () => {
  it('begins a new package: sets the three outputs, saves the execution for the post step, shows it', async () => {
    const step = fakeActionStep({ inputs: given(), run: { id: '100' } });
    await runMainOrPost();

    expect(step.failures).toEqual([]);
    expect(step.outputs).toEqual({
      ExecutionID: '1',
      ExecutionStatus: 'E',
      NextLoadStatus: 'C',
      BatchStartTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      LastExecutionID: '',
      Variables: '{}',
    });
    expect(step.savedState).toEqual({
      isPost: 'true',
      executionId: '1',
      runKey: 'github:100:1:load',
      variablesFile: join(catalog.runnerTemp, 'bfx-1-variables.txt'),
      rowCountsFile: join(catalog.runnerTemp, 'bfx-1-row-counts.txt'),
    });
    expect(catalog.executionRows()).toEqual([
      expect.objectContaining({
        ExecutionID: 1,
        PackageName: 'LOAD_Customer',
        ExecutionStatus: 'E',
        NextLoadStatus: 'C',
        EndTime: null,
        RunKey: 'github:100:1:load',
        RunId: '100',
        Job: 'load',
        Repository: 'acme/loads',
      }),
    ]);
    expect(step.log[0]).toBe(
      'LOAD_Customer: ExecutionID 1, ExecutionStatus E (Executing), NextLoadStatus C (Canceled).',
    );
    expect(step.log).toContain(`Catalog: sqlite, ${catalog.path}`);
    expect(step.summaries).toEqual([expect.stringContaining('<h3>bfx-begin: LOAD_Customer</h3>')]);
    expect(step.summaries[0]).toContain('<tr><td>1</td><td>E (Executing)</td><td>C (Canceled)</td><td>0</td></tr>');
    // The connection string is masked before anything else is done.
    expect(step.secrets).toEqual([catalog.connectionString]);
  });

  it('gives a retried step of the same run attempt its execution back instead of beginning a second', async () => {
    fakeActionStep({ inputs: given(), run: { id: '100' } });
    await runMainOrPost();
    const again = fakeActionStep({ inputs: given(), run: { id: '100' } });
    await runMainOrPost();

    expect(again.failures).toEqual([]);
    expect(again.outputs.ExecutionID).toBe('1');
    expect(again.savedState).toMatchObject({ executionId: '1', runKey: 'github:100:1:load' });
    expect(catalog.executionRows()).toHaveLength(1);
  });

  it('outside GitHub, begins under a local run key of its own', async () => {
    const step = fakeActionStep({ inputs: given(), run: null });
    await runMainOrPost();

    expect(step.failures).toEqual([]);
    expect(step.savedState.runKey).toMatch(/^local:[0-9a-f-]{36}$/);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ RunKey: step.savedState.runKey, RunId: null })]);
  });

  it('stores the retry limit and the parent ExecutionID it is given', async () => {
    const batch = fakeActionStep({ inputs: given({ 'package-name': 'BATCH_Nightly', 'is-batch': 'true' }) });
    await runMainOrPost();
    expect(batch.outputs.ExecutionID).toBe('1');

    const step = fakeActionStep({
      inputs: given({ 'retry-limit': ' 5 ', 'parent-execution-id': '1' }),
      run: { id: '100', job: 'child' },
    });
    await runMainOrPost();

    expect(step.failures).toEqual([]);
    expect(catalog.executionRows()[1]).toEqual(
      expect.objectContaining({ ExecutionID: 2, PackageName: 'LOAD_Customer', ParentExecutionID: 1 }),
    );
    expect(step.log).toContain('Retry limit input: 5');
  });

  it('skips a disabled package: ExecutionStatus C, a notice, and no execution saved for the post step', async () => {
    fakeActionStep({ inputs: given(), run: { id: '100' } });
    await runMainOrPost();
    catalog.execute(`UPDATE Package SET IsEnabled = 0 WHERE PackageName = ?`, 'LOAD_Customer');

    const step = fakeActionStep({ inputs: given(), run: { id: '101' } });
    await runMainOrPost();

    expect(step.failures).toEqual([]);
    expect(step.outputs).toMatchObject({ ExecutionID: '2', ExecutionStatus: 'C' });
    expect(step.savedState).toEqual({ isPost: 'true' });
    expect(step.annotations).toEqual([
      expect.objectContaining({
        kind: 'notice',
        title: 'bfx-begin: LOAD_Customer',
        message: expect.stringMatching(/^The package is disabled.*The steps gated on ExecutionStatus do not run\.$/),
      }),
    ]);
    expect(catalog.executionRows()[1]).toMatchObject({ ExecutionStatus: 'C', EndTime: expect.any(String) });
  });

  it.each([
    ['an empty package-name', 'package-name', '', /^The package-name is empty/],
    ['a package-name too long', 'package-name', 'x'.repeat(501), /^The package-name is 501 characters long/],
    ['a retry-limit in words', 'retry-limit', 'three', /^The retry-limit "three" is not a whole number of retries/],
    ['a negative retry-limit', 'retry-limit', '-1', /^The retry-limit "-1" is not a whole number of retries/],
    [
      'a parent-execution-id',
      'parent-execution-id',
      'batch-7',
      /^The parent-execution-id "batch-7" is not an ExecutionID/,
    ],
    ['an auto-end', 'auto-end', 'yes', /^The auto-end input "yes" is not a boolean/],
    ['a create-catalog', 'create-catalog', 'maybe', /^The create-catalog input "maybe" is not a boolean/],
    ['a zero connect-timeout', 'connect-timeout', '0', /^The connect-timeout "0" is not a number of seconds/],
    ['a fractional request-timeout', 'request-timeout', '1.5', /^The request-timeout "1.5" is not a number of seconds/],
    ['an empty connection-string', 'connection-string', '', /^The connection-string is empty/],
    ['a MySQL URL', 'connection-string', 'mysql://db/loads', /^The connection string is not a form bfx-begin knows/],
    // batches, high-water marks, the catalog's schema
    ['an is-batch', 'is-batch', 'sometimes', /^The is-batch input "sometimes" is not a boolean/],
    [
      'a catalog-schema with a hyphen',
      'catalog-schema',
      'bfx-gh',
      /^The catalog-schema "bfx-gh" is not a schema name bfx-begin accepts, so no catalog was contacted/,
    ],
    [
      'a variables line without =',
      'variables',
      'LastLoadDate=1900-01-01\nWatermark',
      /^Line 2 of the variables input \("Watermark"\) is not NAME=VALUE/,
    ],
    ['a variables line without a name', 'variables', '=2024-01-01', /^Line 1 of the variables input \("=2024-01-01"\)/],
  ])('fails on %s with one sentence, and writes nothing', async (_label, name, value, sentence) => {
    const step = fakeActionStep({ inputs: given({ [name]: value }), run: { id: '100' } });
    await runMainOrPost();

    expect(step.failures).toEqual([expect.stringMatching(sentence)]);
    expect(step.failures[0]).toMatch(ONE_SENTENCE);
    expect(step.outputs).toEqual({});
    expect(step.savedState).toEqual({ isPost: 'true' });
    expect(step.exported).toEqual({});
    expect(catalog.runnerTempFiles()).toEqual([]);
    expect(existsSync(catalog.path)).toBe(false);
  });

  it('masks the password of a connection string before it refuses a bad input, and never shows it', async () => {
    const connectionString = 'postgres://loader:S3cret-Pa55@127.0.0.1:1/catalog';
    const step = fakeActionStep({
      inputs: given({ 'connection-string': connectionString, 'retry-limit': 'three' }),
      run: { id: '100' },
    });
    await runMainOrPost();

    expect(step.secrets).toEqual(expect.arrayContaining([connectionString, 'S3cret-Pa55']));
    expect(step.failures).toEqual([expect.stringMatching(/^The retry-limit "three"/)]);
    const shown = [step.failures, step.log, step.debug, step.annotations, step.summaries, step.outputs];
    expect(JSON.stringify(shown)).not.toContain('S3cret-Pa55');
  });

  it('refuses a missing catalog when create-catalog is false, and creates no tables', async () => {
    const step = fakeActionStep({ inputs: given({ 'create-catalog': 'false' }), run: { id: '100' } });
    await runMainOrPost();

    expect(step.failures).toEqual([
      expect.stringMatching(/create-catalog is false, so nothing was created: deploy it with `bfx migrate`/),
    ]);
    expect(step.failures[0]).toMatch(ONE_SENTENCE);
    expect(step.outputs).toEqual({});
    expect(existsSync(catalog.path)).toBe(false);
  });
});

/** The post step of the same job, with the state the main step saved and the job's status. */
async function post(main: FakeStepRecord, jobStatus: 'success' | 'failure' = 'success', run = { id: '100' }) {
  const step = fakeActionStep({ inputs: given(), run, state: main.savedState, jobStatus });
  await runMainOrPost();
  expect(step.failures).toEqual([]);
  return step;
}

describe('the main step: batches, high-water marks, the catalog schema', () => {
  it('makes the two files the load reports through, exports them to the job and saves them for the post step', async () => {
    const step = fakeActionStep({ inputs: given(), run: { id: '100' } });
    await runMainOrPost();

    const files = {
      BFX_VARIABLES: join(catalog.runnerTemp, 'bfx-1-variables.txt'),
      BFX_ROW_COUNTS: join(catalog.runnerTemp, 'bfx-1-row-counts.txt'),
    };
    expect(step.exported).toEqual(files);
    expect(step.savedState).toMatchObject({ variablesFile: files.BFX_VARIABLES, rowCountsFile: files.BFX_ROW_COUNTS });
    expect(catalog.runnerTempFiles()).toEqual(['bfx-1-row-counts.txt', 'bfx-1-variables.txt']);
    for (const file of Object.values(files)) expect(readFileSync(file, 'utf8')).toBe('');
    expect(step.log).toContain(`BFX_VARIABLES: ${files.BFX_VARIABLES}`);
  });

  it('gives a second begin of the same execution in the job files of its own, never reusing one', async () => {
    fakeActionStep({ inputs: given(), run: { id: '100' } });
    await runMainOrPost();
    const again = fakeActionStep({ inputs: given(), run: { id: '100' } });
    await runMainOrPost();

    expect(again.outputs.ExecutionID).toBe('1');
    expect(again.exported).toEqual({
      BFX_VARIABLES: join(catalog.runnerTemp, 'bfx-1-2-variables.txt'),
      BFX_ROW_COUNTS: join(catalog.runnerTemp, 'bfx-1-2-row-counts.txt'),
    });
    expect(catalog.runnerTempFiles()).toHaveLength(4);
  });

  it('registers the variables input as defaults, values kept exactly, and outputs them as JSON', async () => {
    const variables = ['LastLoadDate=1900-01-01', '  Spaced = a=b  ', 'Quote"d=Łódź 🚀', ''].join('\n');
    const step = fakeActionStep({ inputs: given({ variables }), run: { id: '100' } });
    await runMainOrPost();

    expect(step.failures).toEqual([]);
    const expected = { LastLoadDate: '1900-01-01', Spaced: ' a=b  ', 'Quote"d': 'Łódź 🚀' };
    expect(JSON.parse(step.outputs.Variables)).toEqual(expected);
    const stored = await catalog.read((c) => c.variables('LOAD_Customer'));
    expect(Object.fromEntries(stored!.map((v) => [v.name, v.value]))).toEqual(expected);
    expect(step.summaries[0]).toContain('<b>Variables:</b> LastLoadDate = 1900-01-01');
  });

  it('keeps the committed value over the default a later begin gives again, and outputs LastExecutionID', async () => {
    const first = fakeActionStep({ inputs: given({ variables: 'LastLoadDate=1900-01-01' }), run: { id: '100' } });
    await runMainOrPost();
    // The load reached a new mark; the post step commits it with the success.
    appendFileSync(first.exported.BFX_VARIABLES, 'LastLoadDate=2026-11-24\n');
    await post(first);

    const next = fakeActionStep({ inputs: given({ variables: 'LastLoadDate=1900-01-01' }), run: { id: '101' } });
    await runMainOrPost();
    expect(next.outputs).toMatchObject({
      ExecutionID: '2',
      LastExecutionID: '1',
      Variables: '{"LastLoadDate":"2026-11-24"}',
    });
    expect(next.summaries[0]).toContain('<b>LastExecutionID:</b> 1<br>');
  });

  it('outputs Variables and LastExecutionID on a skipped run (C) too, and makes no files for it', async () => {
    const first = fakeActionStep({ inputs: given({ variables: 'Watermark=0' }), run: { id: '100' } });
    await runMainOrPost();
    await post(first);
    catalog.execute(`UPDATE Package SET IsEnabled = 0 WHERE PackageName = ?`, 'LOAD_Customer');

    const skipped = fakeActionStep({ inputs: given({ variables: 'Watermark=0' }), run: { id: '101' } });
    await runMainOrPost();

    expect(skipped.failures).toEqual([]);
    expect(skipped.outputs).toMatchObject({
      ExecutionID: '2',
      ExecutionStatus: 'C',
      LastExecutionID: '1',
      Variables: '{"Watermark":"0"}',
      BatchStartTime: expect.any(String),
    });
    expect(skipped.exported).toEqual({});
    expect(skipped.savedState).toEqual({ isPost: 'true' });
    expect(catalog.runnerTempFiles()).toEqual(['bfx-1-row-counts.txt', 'bfx-1-variables.txt']);
  });

  it("marks a batch (is-batch), and gives its children the batch's StartTime as BatchStartTime", async () => {
    const batch = fakeActionStep({
      inputs: given({ 'package-name': 'BATCH_Nightly', 'is-batch': 'true' }),
      run: { id: '100', job: 'begin' },
    });
    await runMainOrPost();
    const child = fakeActionStep({
      inputs: given({ 'parent-execution-id': batch.outputs.ExecutionID }),
      run: { id: '100', job: 'load' },
    });
    await runMainOrPost();

    expect(child.failures).toEqual([]);
    expect(child.outputs.BatchStartTime).toBe(batch.outputs.BatchStartTime);
    const packages = await catalog.read((c) => c.status(undefined));
    expect(packages.map((p) => [p.packageName, p.isBatch])).toEqual(
      expect.arrayContaining([
        ['BATCH_Nightly', true],
        ['LOAD_Customer', false],
      ]),
    );
  });

  it('refuses a parent-execution-id the catalog does not have with one sentence, and begins nothing', async () => {
    const step = fakeActionStep({ inputs: given({ 'parent-execution-id': '42' }), run: { id: '100' } });
    await runMainOrPost();

    expect(step.failures).toEqual([
      expect.stringMatching(
        /^The parent-execution-id 42 is not an execution in the catalog .*, so nothing was begun: /,
      ),
    ]);
    expect(step.failures[0]).toMatch(ONE_SENTENCE);
    expect(step.outputs).toEqual({});
    expect(step.exported).toEqual({});
    expect(step.savedState).toEqual({ isPost: 'true' });
    expect(catalog.executionRows()).toEqual([]);
    expect(await catalog.read((c) => c.status(undefined))).toEqual([]);
  });

  it('accepts a catalog-schema on SQLite, which keeps plain tables (one file is one catalog)', async () => {
    const step = fakeActionStep({ inputs: given({ 'catalog-schema': 'bfxgh' }), run: { id: '100' } });
    await runMainOrPost();

    expect(step.failures).toEqual([]);
    expect(catalog.tableNames()).toEqual(expect.arrayContaining(['Execution', 'Package']));
  });
});
