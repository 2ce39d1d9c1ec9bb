/**
 * The shipped action on a PostgreSQL catalog reached with a password: for each decision, the job
 * summary and the annotations say what happened, and nothing the user sees holds the password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bfx, runActionStep, visibleLog, type StepResult } from '../../e2e/support.js';
import { PASSWORD, PASSWORD_USER, startCluster, type Cluster } from '../../support/postgres.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

async function passwordCatalog(): Promise<{ url: string; database: string }> {
  const database = new URL(await cluster.createDatabase()).pathname.slice(1);
  await cluster.sql(`ALTER DATABASE ${database} OWNER TO ${PASSWORD_USER}`);
  return {
    url: `postgres://${PASSWORD_USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${cluster.port}/${database}`,
    database,
  };
}

const annotations = (step: StepResult) =>
  step.stdout.split('\n').filter((line) => /^::(notice|warning|error)/.test(line));

function expectNoPassword(step: StepResult): void {
  for (const shown of [visibleLog(step), step.summary, ...annotations(step)]) {
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toContain(encodeURIComponent(PASSWORD));
  }
  // The runner is told to mask it before anything else is printed.
  expect(step.stdout.split('\n')[0]).toMatch(/^::add-mask::/);
  expect(step.stdout).toContain(`::add-mask::${PASSWORD}`);
}

async function step(
  url: string,
  runId: string,
  phase: 'main' | 'post',
  extra: { state?: Record<string, string>; jobStatus?: string; inputs?: Record<string, string> } = {},
) {
  return runActionStep({
    phase,
    inputs: { 'package-name': 'LOAD_Customer', 'connection-string': url, ...extra.inputs },
    env: { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' },
    state: extra.state,
    jobStatus: extra.jobStatus,
  });
}

describe('the action on PostgreSQL, with a password in the connection string', () => {
  it('reports each decision in the summary and annotations, and never shows the password', async () => {
    const { url, database } = await passwordCatalog();
    const where = `<b>Catalog:</b> postgres, 127.0.0.1:${cluster.port}/${database}`;

    const first = await step(url, '1', 'main', { inputs: { 'retry-limit': '1' } });
    expect(first.exitCode).toBe(0);
    expect(first.summary).toMatch(/<td>E \(Executing\)<\/td><td>C \(Canceled\)<\/td>/);
    expect(first.summary).toContain(where);
    expectNoPassword(first);

    const resumed = await step(url, '2', 'main', { inputs: { 'retry-limit': '1' } });
    expect(annotations(resumed)).toEqual([
      // No github-token in this test: the owner of execution 1 could not be checked (README, A load that is still running).
      expect.stringMatching(/^::warning .*::Whether run 1 .* could not be checked because /),
      expect.stringMatching(/^::notice .*::Execution 1 never ended; this run resumes it/),
    ]);
    expectNoPassword(resumed);

    const abandoned = await step(url, '3', 'main', { inputs: { 'retry-limit': '1' } });
    expect(annotations(abandoned)).toEqual([
      expect.stringMatching(/^::warning .*could not be checked/),
      expect.stringMatching(/^::notice .*reached the retry limit of 1; it is abandoned/),
    ]);
    expectNoPassword(abandoned);

    const failed = await step(url, '3', 'post', { state: abandoned.state, jobStatus: 'failure' });
    expect(failed.summary).toMatch(/<td>F \(Failed\)<\/td><td>R \(Retry\)<\/td>/);
    expectNoPassword(failed);

    const retry = await step(url, '4', 'main');
    expect(retry.summary).toContain('<b>Why:</b> The previous execution failed, so this run retries it.');
    expectNoPassword(retry);
    const succeeded = await step(url, '4', 'post', { state: retry.state, jobStatus: 'success' });
    expect(succeeded.summary).toMatch(/<td>S \(Succeeded\)<\/td><td>P \(Pending\)<\/td>/);
    expectNoPassword(succeeded);

    expect((await bfx(['skip', 'LOAD_Customer', '-c', url])).exitCode).toBe(0);
    const skipped = await step(url, '5', 'main');
    expect(annotations(skipped)).toEqual([
      expect.stringMatching(/^::notice .*so this run is skipped\. The steps gated/),
    ]);
    expectNoPassword(skipped);

    const late = await step(url, '1', 'post', { state: first.state, jobStatus: 'failure' });
    expect(annotations(late)).toEqual([
      expect.stringMatching(/^::warning .*::Execution 1 had already ended as F \(Failed\)/),
    ]);
    expectNoPassword(late);
  });

  it('fails a wrong password with one sentence that does not hold either password', async () => {
    const { url } = await passwordCatalog();
    const wrong = url.replace(encodeURIComponent(PASSWORD), 'Wr0ng-Pa55word');
    const main = await step(wrong, '1', 'main');
    expect(main.exitCode).toBe(1);
    expect(annotations(main)).toEqual([
      expect.stringMatching(/^::error::The PostgreSQL server at .* refused the password of user "bfx_pw"/),
    ]);
    expect(visibleLog(main)).not.toContain('Wr0ng-Pa55word');
    expect(main.summary).toBe('');
    expect(main.outputs).toEqual({});
  });
});
