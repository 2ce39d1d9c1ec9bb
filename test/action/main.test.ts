/**
 * The main step (src/action/main.ts) run from src in this process, as the bundle runs it
 * (runMainOrPost), with @actions/core replaced by test/support/actions-core.ts and a real SQLite
 * catalog file: the outputs, the state left for the post step, what the log and the job summary
 * show, and a bad input failing the step with one sentence before the catalog is touched.
 */
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMainOrPost } from '../../src/action/index.js';
import { fakeActionStep } from '../support/actions-core.js';
import { tempSqliteCatalog, type TempSqliteCatalog } from '../support/sqlite-catalog.js';

vi.mock('@actions/core', () => import('../support/actions-core.js'));

let catalog: TempSqliteCatalog;
beforeEach(() => {
  catalog = tempSqliteCatalog();
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
    expect(step.outputs).toEqual({ ExecutionID: '1', ExecutionStatus: 'E', NextLoadStatus: 'C' });
    expect(step.savedState).toEqual({ isPost: 'true', executionId: '1', runKey: 'github:100:1:load' });
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
    expect(step.summaries[0]).toContain('1 | E (Executing) | C (Canceled) | 0');
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
    const step = fakeActionStep({
      inputs: given({ 'retry-limit': ' 5 ', 'parent-execution-id': '42' }),
      run: { id: '100' },
    });
    await runMainOrPost();

    expect(step.failures).toEqual([]);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ParentExecutionID: 42 })]);
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
  ])('fails on %s with one sentence, and writes nothing', async (_label, name, value, sentence) => {
    const step = fakeActionStep({ inputs: given({ [name]: value }), run: { id: '100' } });
    await runMainOrPost();

    expect(step.failures).toEqual([expect.stringMatching(sentence)]);
    expect(step.failures[0]).toMatch(ONE_SENTENCE);
    expect(step.outputs).toEqual({});
    expect(step.savedState).toEqual({ isPost: 'true' });
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
