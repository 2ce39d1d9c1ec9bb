/**
 * The post step (src/action/post.ts) run from src in this process, as the bundle runs it
 * (runMainOrPost with the main step's state), with @actions/core replaced by
 * test/support/actions-core.ts and a real SQLite catalog file: the execution the main step began
 * is ended from the job's status, as the catalog rows show.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMainOrPost } from '../../src/action/index.js';
import { fakeActionStep, type FakeStepOptions } from '../support/actions-core.js';
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

  it('fails with one sentence on a job-status it does not know, and leaves the execution as it is', async () => {
    const main = fakeActionStep({ inputs: given() });
    await runMainOrPost();
    const post = fakeActionStep({ inputs: given({ 'job-status': 'skipped' }), state: main.savedState });
    await runMainOrPost();

    expect(post.failures).toEqual([
      'The job-status "skipped" is not an outcome bfx-begin knows, so the execution was not ended: use success, failure or cancelled.',
    ]);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ExecutionStatus: 'E', EndTime: null })]);
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
