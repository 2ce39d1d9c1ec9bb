/** What a data engineer reads in GitHub for each decision: the job summary and the annotations. */
import { describe, expect, it } from 'vitest';
import { bfx, runActionStep, tempCatalog, type StepResult } from './support.js';

const annotations = (step: StepResult) =>
  step.stdout.split('\n').filter((line) => /^::(notice|warning|error)/.test(line));

async function begin(connectionString: string, runId: string, inputs: Record<string, string> = {}) {
  return runActionStep({
    inputs: { 'package-name': 'LOAD_<Sales>', 'connection-string': connectionString, ...inputs },
    env: { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' },
  });
}

async function post(connectionString: string, runId: string, main: StepResult, jobStatus: string) {
  return runActionStep({
    phase: 'post',
    inputs: { 'package-name': 'LOAD_<Sales>', 'connection-string': connectionString },
    env: { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' },
    state: main.state,
    jobStatus,
  });
}

describe('job summary and annotations', () => {
  it('shows a new load: the table, why, and the catalog, with no annotation', async () => {
    const { path, connectionString } = tempCatalog();
    const main = await begin(connectionString, '1');
    expect(main.summary).toContain('<h3>bfx-begin: LOAD_&#60;Sales&#62;</h3>');
    expect(main.summary).toMatch(/<td>1<\/td><td>E \(Executing\)<\/td><td>C \(Canceled\)<\/td><td>0<\/td>/);
    expect(main.summary).toContain('<b>Why:</b> The package has no execution yet, so its first load starts.');
    expect(main.summary).toContain(`<b>Catalog:</b> sqlite, ${path}`);
    expect(annotations(main)).toEqual([]);
    expect(main.stdout).toContain('::group::bfx-begin details');
    expect(main.stdout).toContain('Run key: github:1:1:load');
  });

  it('shows an end: outcome, duration and the failure message', async () => {
    const { connectionString } = tempCatalog();
    const main = await begin(connectionString, '1');
    const ended = await post(connectionString, '1', main, 'failure');
    expect(ended.summary).toContain('<h3>bfx-end: LOAD_&#60;Sales&#62;</h3>');
    expect(ended.summary).toMatch(/<td>1<\/td><td>F \(Failed\)<\/td><td>R \(Retry\)<\/td><td>\d+ s<\/td>/);
    expect(ended.summary).toContain('<b>Message:</b> The job ended with status failure.');
    const retry = await begin(connectionString, '2');
    expect(retry.summary).toContain('<b>Why:</b> The previous execution failed, so this run retries it.');
    expect(annotations(retry)).toEqual([]);
  });

  it('adds a notice when a run resumes an interrupted execution, and when it abandons one', async () => {
    const { connectionString } = tempCatalog();
    await begin(connectionString, '1', { 'retry-limit': '1' });
    const resumed = await begin(connectionString, '2', { 'retry-limit': '1' });
    expect(annotations(resumed)).toEqual([
      // No github-token here: whether run 1 is still alive could not be asked, and the warning says why.
      expect.stringMatching(
        /^::warning title=bfx-begin%3A LOAD_<Sales>::Whether run 1 \(attempt 1\).*, which owns execution 1, is still running could not be checked because .*, so the execution is treated as interrupted: .*\.$/,
      ),
      '::notice title=bfx-begin%3A LOAD_<Sales>::Execution 1 never ended; this run resumes it (attempt 1 of 1).',
    ]);
    expect(resumed.summary).toMatch(/<td>1<\/td><td>A \(Active\)<\/td><td>P \(Pending\)<\/td><td>1<\/td>/);
    const abandoned = await begin(connectionString, '3', { 'retry-limit': '1' });
    expect(annotations(abandoned)).toEqual([
      expect.stringMatching(/^::warning .*could not be checked/),
      '::notice title=bfx-begin%3A LOAD_<Sales>::Execution 1 never ended and reached the retry limit of 1; it is abandoned as failed and a fresh execution starts.',
    ]);
  });

  it('adds a notice when a run is skipped, because the package is disabled or skipped', async () => {
    const { connectionString } = tempCatalog();
    const first = await begin(connectionString, '1');
    await post(connectionString, '1', first, 'success');
    await bfx(['skip', 'LOAD_<Sales>', '-c', connectionString]);
    const skipped = await begin(connectionString, '2');
    expect(annotations(skipped)).toEqual([
      '::notice title=bfx-begin%3A LOAD_<Sales>::The previous execution asked for the next run to be skipped (NextLoadStatus C), so this run is skipped. The steps gated on ExecutionStatus do not run.',
    ]);
    expect(skipped.summary).toContain('C (Canceled)');
    await bfx(['disable', 'LOAD_<Sales>', '-c', connectionString]);
    const disabled = await begin(connectionString, '3');
    expect(annotations(disabled)[0]).toMatch(
      /::notice title=bfx-begin%3A LOAD_<Sales>::The package is disabled, so this run is skipped\./,
    );
  });

  it('says why when a retried step gets its execution back', async () => {
    const { connectionString } = tempCatalog();
    await begin(connectionString, '1');
    const again = await begin(connectionString, '1');
    expect(again.summary).toContain(
      '<b>Why:</b> This run already began execution 1; its values are returned unchanged.',
    );
  });
});
