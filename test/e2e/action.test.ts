/**
 * The shipped bundle (dist/), run exactly as the GitHub runner runs it, through the stories of
 * a data engineer's week. Catalog rows are read straight from the SQLite file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bfx, executions, runActionStep, tempCatalog, visibleLog, type StepResult } from './support.js';

interface Job {
  runId: string;
  attempt?: string;
  job?: string;
  inputs?: Record<string, string>;
  jobStatus?: 'success' | 'failure' | 'cancelled';
  /** The runner died before the post step (a killed runner, a lost machine). */
  interrupted?: boolean;
}

function github(job: Job): Record<string, string> {
  return {
    GITHUB_RUN_ID: job.runId,
    GITHUB_RUN_ATTEMPT: job.attempt ?? '1',
    GITHUB_JOB: job.job ?? 'load',
    GITHUB_REPOSITORY: 'acme/loads',
    GITHUB_WORKFLOW: 'Nightly loads',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_SHA: 'f'.repeat(40),
  };
}

/** One job: the action's main step, then (unless interrupted) its post step. */
async function runJob(connectionString: string, job: Job): Promise<{ main: StepResult; post?: StepResult }> {
  const inputs = { 'package-name': 'LOAD_Customer', 'connection-string': connectionString, ...job.inputs };
  const env = github(job);
  const main = await runActionStep({ phase: 'main', inputs, env, jobStatus: job.jobStatus ?? 'success' });
  if (job.interrupted) return { main };
  const post = await runActionStep({
    phase: 'post',
    inputs,
    env,
    state: main.state,
    jobStatus: job.jobStatus ?? 'success',
  });
  return { main, post };
}

const outputsOf = (step: StepResult) => [
  step.outputs.ExecutionID,
  step.outputs.ExecutionStatus,
  step.outputs.NextLoadStatus,
];

describe('the action, run as the GitHub runner runs it', () => {
  it('begins a new package: E / C, logged with the run context, ended S / P by the post step', async () => {
    const { path, connectionString } = tempCatalog();
    const { main, post } = await runJob(connectionString, { runId: '100' });
    expect(main.exitCode).toBe(0);
    expect(outputsOf(main)).toEqual(['1', 'E', 'C']);
    expect(main.summary).toContain('ExecutionStatus');
    expect(main.summary).toContain('E (Executing)');
    expect(post!.exitCode).toBe(0);
    expect(post!.stdout).toContain('ended as S (Succeeded)');
    expect(executions(path)).toEqual([
      expect.objectContaining({
        ExecutionID: 1,
        PackageName: 'LOAD_Customer',
        ExecutionStatus: 'S',
        NextLoadStatus: 'P',
        RunKey: 'github:100:1:load',
        RunId: '100',
        RunAttempt: '1',
        Job: 'load',
        Repository: 'acme/loads',
      }),
    ]);
  });

  it('starts the next run as a new load after a success', async () => {
    const { path, connectionString } = tempCatalog();
    await runJob(connectionString, { runId: '100' });
    const { main } = await runJob(connectionString, { runId: '101' });
    expect(outputsOf(main)).toEqual(['2', 'E', 'C']);
    expect(executions(path).map((row) => row.ExecutionStatus)).toEqual(['S', 'S']);
  });

  it('retries after a failure (R), and starts anew after the retry succeeds', async () => {
    const { path, connectionString } = tempCatalog();
    const failed = await runJob(connectionString, { runId: '100', jobStatus: 'failure' });
    expect(failed.post!.stdout).toContain('ended as F (Failed)');
    const retry = await runJob(connectionString, { runId: '100', attempt: '2' });
    expect(outputsOf(retry.main)).toEqual(['2', 'R', 'C']);
    const next = await runJob(connectionString, { runId: '101' });
    expect(outputsOf(next.main)).toEqual(['3', 'E', 'C']);
    expect(executions(path).map((row) => [row.ExecutionStatus, row.NextLoadStatus])).toEqual([
      ['F', 'R'],
      ['S', 'P'],
      ['S', 'P'],
    ]);
    expect(executions(path)[0].ErrorMessage).toMatch(/failure/);
  });

  it('skips a disabled package (C / P, nothing for the post step to end) until it is enabled', async () => {
    const { path, connectionString } = tempCatalog();
    await runJob(connectionString, { runId: '100' });
    expect((await bfx(['disable', 'LOAD_Customer', '-c', connectionString])).exitCode).toBe(0);
    const skipped = await runJob(connectionString, { runId: '101' });
    expect(outputsOf(skipped.main)).toEqual(['2', 'C', 'P']);
    expect(skipped.main.stdout).toMatch(/::notice title=bfx-begin%3A LOAD_Customer::The package is disabled/);
    expect(skipped.post!.stdout).toContain('nothing to end');
    expect(executions(path)[1]).toMatchObject({
      ExecutionStatus: 'C',
      NextLoadStatus: 'P',
      EndTime: expect.any(String),
    });
    expect((await bfx(['enable', 'LOAD_Customer', '-c', connectionString])).exitCode).toBe(0);
    const enabled = await runJob(connectionString, { runId: '102' });
    expect(outputsOf(enabled.main)).toEqual(['3', 'E', 'C']);
  });

  it('keeps skipping after bfx skip until bfx resume', async () => {
    const { connectionString } = tempCatalog();
    await runJob(connectionString, { runId: '100' });
    expect((await bfx(['skip', 'LOAD_Customer', '-c', connectionString])).exitCode).toBe(0);
    expect(outputsOf((await runJob(connectionString, { runId: '101' })).main)).toEqual(['2', 'C', 'C']);
    expect(outputsOf((await runJob(connectionString, { runId: '102' })).main)).toEqual(['3', 'C', 'C']);
    expect((await bfx(['resume', 'LOAD_Customer', '-c', connectionString])).exitCode).toBe(0);
    expect(outputsOf((await runJob(connectionString, { runId: '103' })).main)).toEqual(['4', 'E', 'C']);
  });

  it('resumes an interrupted execution until the retry limit, then abandons it for a fresh one', async () => {
    const { path, connectionString } = tempCatalog();
    const inputs = { 'retry-limit': '2' };
    const first = await runJob(connectionString, { runId: '100', inputs, interrupted: true });
    expect(outputsOf(first.main)).toEqual(['1', 'E', 'C']);
    const resumed1 = await runJob(connectionString, { runId: '101', inputs, interrupted: true });
    expect(outputsOf(resumed1.main)).toEqual(['1', 'A', 'P']);
    expect(resumed1.main.stdout).toMatch(/::notice title=bfx-begin%3A LOAD_Customer::Execution 1 never ended/);
    const resumed2 = await runJob(connectionString, { runId: '102', inputs, interrupted: true });
    expect(outputsOf(resumed2.main)).toEqual(['1', 'A', 'P']);
    const fresh = await runJob(connectionString, { runId: '103', inputs });
    expect(outputsOf(fresh.main)).toEqual(['2', 'E', 'C']);
    expect(fresh.main.stdout).toMatch(
      /::notice title=bfx-begin%3A LOAD_Customer::Execution 1 never ended and reached the retry limit of 2/,
    );
    expect(executions(path)).toEqual([
      expect.objectContaining({
        ExecutionID: 1,
        ExecutionStatus: 'F',
        RetryCount: 2,
        ErrorMessage: expect.stringMatching(/abandoned/i),
      }),
      expect.objectContaining({ ExecutionID: 2, ExecutionStatus: 'S', RetryCount: 0 }),
    ]);
  });

  it('returns the same execution to a retried begin with the same run key', async () => {
    const { path, connectionString } = tempCatalog();
    const first = await runJob(connectionString, { runId: '100', interrupted: true });
    const again = await runJob(connectionString, { runId: '100', interrupted: true });
    expect(outputsOf(again.main)).toEqual(outputsOf(first.main));
    expect(executions(path)).toHaveLength(1);
  });

  it('leaves the execution for an explicit end when auto-end is false, and end/action.yml ends it from another job', async () => {
    const { path, connectionString } = tempCatalog();
    const { main, post } = await runJob(connectionString, { runId: '100', inputs: { 'auto-end': 'false' } });
    expect(post!.stdout).toContain('auto-end is false');
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'E', EndTime: null });
    const end = await runActionStep({
      action: 'end',
      inputs: {
        'execution-id': main.outputs.ExecutionID,
        'connection-string': connectionString,
        message: 'dbt test failed',
      },
      env: github({ runId: '100', job: 'finish' }),
      jobStatus: 'failure',
    });
    expect(end.exitCode).toBe(0);
    expect(end.summary).toContain('F (Failed)');
    expect(executions(path)[0]).toMatchObject({
      ExecutionStatus: 'F',
      NextLoadStatus: 'R',
      ErrorMessage: 'dbt test failed',
    });
  });

  it("lets end/action.yml end its run's execution from a later attempt (Re-run failed jobs)", async () => {
    const { path, connectionString } = tempCatalog();
    const { main } = await runJob(connectionString, { runId: '100', inputs: { 'auto-end': 'false' } });
    const end = await runActionStep({
      action: 'end',
      inputs: { 'execution-id': main.outputs.ExecutionID, 'connection-string': connectionString },
      env: github({ runId: '100', attempt: '2', job: 'finish' }),
      jobStatus: 'success',
    });
    expect(end.exitCode).toBe(0);
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'S', NextLoadStatus: 'P' });
  });

  it('warns, and changes nothing, when the post step finds its execution taken over by a later run', async () => {
    const { path, connectionString } = tempCatalog();
    const stuck = await runJob(connectionString, { runId: '100', interrupted: true });
    await runJob(connectionString, { runId: '101', interrupted: true });
    const latePost = await runActionStep({
      phase: 'post',
      inputs: { 'package-name': 'LOAD_Customer', 'connection-string': connectionString },
      env: github({ runId: '100' }),
      state: stuck.main.state,
      jobStatus: 'failure',
    });
    expect(latePost.exitCode).toBe(0);
    expect(latePost.stdout).toMatch(
      /::warning title=bfx-begin%3A LOAD_Customer::Execution 1 was taken over by a later run/,
    );
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'A', EndTime: null, RunId: '101' });
  });

  it('warns when end/action.yml is given an execution that has already ended', async () => {
    const { connectionString } = tempCatalog();
    const { main } = await runJob(connectionString, { runId: '100' });
    const end = await runActionStep({
      action: 'end',
      inputs: { 'execution-id': main.outputs.ExecutionID, 'connection-string': connectionString, status: 'failure' },
      env: github({ runId: '100' }),
    });
    expect(end.exitCode).toBe(0);
    expect(end.stdout).toMatch(/::warning .*had already ended as S \(Succeeded\)/);
  });
});

describe('bad input: one clear sentence, exit code 1, the catalog unchanged', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a missing package name', { 'package-name': '' }, /The package-name is empty/],
    ['a blank package name', { 'package-name': '   ' }, /The package-name is empty/],
    ['a package name over 500 characters', { 'package-name': 'x'.repeat(501) }, /more than the catalog's 500/],
    ['a retry limit that is not a number', { 'retry-limit': 'three' }, /The retry-limit "three" is not a whole number/],
    ['a negative retry limit', { 'retry-limit': '-1' }, /The retry-limit "-1" is not a whole number/],
    ['a fractional retry limit', { 'retry-limit': '1.5' }, /The retry-limit "1.5" is not a whole number/],
    [
      'a parent execution id that is not one',
      { 'parent-execution-id': 'abc' },
      /The parent-execution-id "abc" is not an ExecutionID/,
    ],
    [
      'auto-end that is not a boolean',
      { 'auto-end': 'yes please' },
      /The auto-end input "yes please" is not a boolean/,
    ],
    ['a connect timeout of 0', { 'connect-timeout': '0' }, /The connect-timeout "0" is not a number of seconds/],
    // batches, high-water marks, the catalog's schema
    ['is-batch that is not a boolean', { 'is-batch': 'batch' }, /The is-batch input "batch" is not a boolean/],
    [
      'a catalog schema that is no identifier',
      { 'catalog-schema': 'bfx; DROP' },
      /The catalog-schema "bfx; DROP" is not a schema name bfx-begin accepts/,
    ],
    [
      'a variables line without =',
      { variables: 'LastLoadDate=1900-01-01\nLastOrderID' },
      /Line 2 of the variables input \("LastOrderID"\) is not NAME=VALUE/,
    ],
  ];

  it.each(cases)('%s', async (_, inputs, message) => {
    const { path, connectionString } = tempCatalog();
    const { main } = await runJob(connectionString, { runId: '1', inputs, interrupted: true });
    expect(main.exitCode).toBe(1);
    const errors = main.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(main.stdout).not.toMatch(/\n\s+at /); // no stack trace
    expect(main.outputs).toEqual({});
    expect(existsSync(path)).toBe(false);
  });

  it('refuses an unknown connection string without echoing it', async () => {
    const secret = 'Host=db;Username=etl;Password=hunter2-secret';
    const { main } = await runJob(secret, { runId: '1', interrupted: true });
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(/::error::The connection string is not a form bfx-begin knows/);
    expect(visibleLog(main)).not.toContain('hunter2-secret');
    expect(main.stdout).toContain('::add-mask::hunter2-secret');
  });

  it('refuses a missing catalog when create-catalog is false, and creates no file', async () => {
    const { path, connectionString } = tempCatalog();
    const { main } = await runJob(connectionString, {
      runId: '1',
      inputs: { 'create-catalog': 'false' },
      interrupted: true,
    });
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(/::error::The SQLite catalog .* does not exist and create-catalog is false/);
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a catalog file without the bfx tables when create-catalog is false', async () => {
    const { path, connectionString } = tempCatalog();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
    const { main } = await runJob(connectionString, {
      runId: '1',
      inputs: { 'create-catalog': 'false' },
      interrupted: true,
    });
    expect(main.exitCode).toBe(1);
    expect(main.stdout).toMatch(/::error::The catalog .* has no bfx tables and create-catalog is false/);
  });

  it('ends the execution F on an unknown end status, saying why', async () => {
    const { path, connectionString } = tempCatalog();
    const { main } = await runJob(connectionString, { runId: '1', inputs: { 'auto-end': 'false' } });
    const end = await runActionStep({
      action: 'end',
      inputs: { 'execution-id': main.outputs.ExecutionID, 'connection-string': connectionString, status: 'done' },
      env: github({ runId: '1' }),
    });
    expect(end.exitCode).toBe(1);
    expect(end.stdout).toMatch(
      /::error::The status "done" is not an outcome bfx-begin knows, so execution 1 was ended as failed/,
    );
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'F', NextLoadStatus: 'R' });
  });

  it('refuses an end of an execution that is not in the catalog', async () => {
    const { connectionString } = tempCatalog();
    await runJob(connectionString, { runId: '1' });
    const end = await runActionStep({
      action: 'end',
      inputs: { 'execution-id': '42', 'connection-string': connectionString },
      env: github({ runId: '1' }),
    });
    expect(end.exitCode).toBe(1);
    expect(end.stdout).toMatch(/::error::Execution 42 is not in the catalog/);
  });
});
