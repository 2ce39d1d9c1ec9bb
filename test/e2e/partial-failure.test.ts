/**
 * Partial failure through the shipped bundles (issue 12): once a begin or an end has committed,
 * nothing it then fails to write (the job summary, the load's files) may fail the step, or the
 * post step would end as failed a load that never ran. Such a piece becomes a warning, and the
 * outputs stand. Only the outputs themselves, without which no later step can be gated, still
 * fail the step, with a sentence saying so.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executions, runActionStep, tempCatalog, type StepResult } from './support.js';

const RUN = { GITHUB_RUN_ID: '9', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' };
const scratch = mkdtempSync(join(tmpdir(), 'bfx-e2e-partial-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const readOnlyFile = () => {
  const file = join(scratch, 'read-only-summary.md');
  writeFileSync(file, '');
  chmodSync(file, 0o444);
  return file;
};
const directory = () => {
  const dir = join(scratch, 'summary-dir');
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** GITHUB_STEP_SUMMARY as a runner might set it wrong; writes fail for each (but root writes a 0444 file). */
const BROKEN_SUMMARIES: [string, () => string, boolean][] = [
  ['not set', () => '', true],
  ['a directory', directory, true],
  ['a file in a folder that does not exist', () => join(scratch, 'missing', 'summary.md'), true],
  ['a device that is always full', () => '/dev/full', true],
  ['a read-only file', readOnlyFile, process.getuid?.() !== 0],
];

const lines = (step: StepResult, prefix: string) =>
  step.stdout
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.replace(/%25/g, '%'));

describe.each(BROKEN_SUMMARIES)('a job summary file that is %s', (_, summaryFile, fails) => {
  it('leaves the begin, its outputs and its post step as they are, with a warning', async () => {
    const { path, connectionString } = tempCatalog();
    const env = { ...RUN, GITHUB_STEP_SUMMARY: summaryFile() };
    const inputs = { 'package-name': 'LOAD_Customer', 'connection-string': connectionString };
    const main = await runActionStep({ inputs, env });
    expect(main.exitCode).toBe(0);
    expect(main.outputs).toMatchObject({ ExecutionID: '1', ExecutionStatus: 'E', NextLoadStatus: 'C' });
    expect(main.state).toMatchObject({ executionId: '1' });
    expect(lines(main, '::error::')).toEqual([]);
    const warnings = lines(main, '::warning');
    if (fails) {
      expect(warnings).toEqual([
        expect.stringMatching(
          /^::warning title=bfx-begin::The job summary could not be written \(.+\), so it lacks this begin; execution 1 began all the same and the outputs are set: check GITHUB_STEP_SUMMARY on this runner\.$/,
        ),
      ]);
    }
    // The log is whole all the same.
    expect(main.stdout).toContain('LOAD_Customer: ExecutionID 1, ExecutionStatus E (Executing)');

    const post = await runActionStep({ phase: 'post', inputs, env, state: main.state, jobStatus: 'success' });
    expect(post.exitCode).toBe(0);
    expect(lines(post, '::error::')).toEqual([]);
    if (fails) {
      expect(lines(post, '::warning')).toEqual([
        expect.stringMatching(
          /^::warning title=bfx-begin::The job summary could not be written .*so it lacks this end/,
        ),
      ]);
    }
    expect(executions(path)).toEqual([expect.objectContaining({ ExecutionStatus: 'S', NextLoadStatus: 'P' })]);
  });

  it('leaves an end of end/action.yml as it is, with a warning', async () => {
    const { path, connectionString } = tempCatalog();
    const main = await runActionStep({
      inputs: { 'package-name': 'LOAD_Sales', 'connection-string': connectionString, 'auto-end': 'false' },
      env: RUN,
    });
    const end = await runActionStep({
      action: 'end',
      inputs: { 'execution-id': main.outputs.ExecutionID, 'connection-string': connectionString, status: 'failure' },
      env: { ...RUN, GITHUB_STEP_SUMMARY: summaryFile() },
    });
    expect(end.exitCode).toBe(0);
    expect(lines(end, '::error::')).toEqual([]);
    if (fails) expect(lines(end, '::warning')).toHaveLength(1);
    expect(executions(path)).toEqual([expect.objectContaining({ ExecutionStatus: 'F', NextLoadStatus: 'R' })]);
  });
});

describe('the load files the begin cannot create', () => {
  it('are a warning: the begin and its outputs stand, and the post step ends the execution', async () => {
    const { path, connectionString } = tempCatalog();
    // RUNNER_TEMP is a file: no file can be made under it.
    const env = { ...RUN, RUNNER_TEMP: '/dev/full' };
    const inputs = { 'package-name': 'LOAD_Customer', 'connection-string': connectionString };
    const main = await runActionStep({ inputs, env });
    expect(main.exitCode).toBe(0);
    expect(main.outputs).toMatchObject({ ExecutionID: '1', ExecutionStatus: 'E' });
    expect(main.exported).toEqual({});
    expect(lines(main, '::warning')).toEqual([
      expect.stringMatching(
        /^::warning title=bfx-begin::The files BFX_VARIABLES and BFX_ROW_COUNTS the load reports through could not be written \(ENOTDIR.*\), so the load cannot report its high-water marks and row counts through them: give them to bfx-begin\/end as inputs, or check RUNNER_TEMP\.$/,
      ),
    ]);
    expect(main.summary).toContain('E (Executing)');
    const post = await runActionStep({ phase: 'post', inputs, env, state: main.state });
    expect(post.exitCode).toBe(0);
    expect(executions(path)).toEqual([expect.objectContaining({ ExecutionStatus: 'S' })]);
  });
});

describe('outputs that cannot be written', () => {
  it('fail the step with a sentence saying why: no later step could be gated without them', async () => {
    const { connectionString } = tempCatalog();
    const main = await runActionStep({
      inputs: { 'package-name': 'LOAD_Customer', 'connection-string': connectionString },
      env: { ...RUN, GITHUB_OUTPUT: directory() },
    });
    expect(main.exitCode).toBe(1);
    expect(lines(main, '::error::')).toEqual([
      expect.stringMatching(
        /^::error::Execution 1 began as E, but its outputs could not be written \(EISDIR.*\), so the step fails rather than let the steps gated on them run blind: check the runner's GITHUB_OUTPUT and GITHUB_STATE files\.$/,
      ),
    ]);
  });
});
