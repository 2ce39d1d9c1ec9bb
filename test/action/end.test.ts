/**
 * The end action (src/action/end.ts, end/action.yml) run from src in this process, as the bundle
 * runs it (runEndAction), with @actions/core replaced by test/support/actions-core.ts and a real
 * SQLite catalog file: an execution begun by the main step in another job is ended, and an
 * ExecutionID the catalog does not have fails the step with one sentence.
 */
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runEndAction, runMainOrPost } from '../../src/action/index.js';
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
    ['a status it does not know', { 'execution-id': '1', status: 'done' }, /^The status "done" is not an outcome/],
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
