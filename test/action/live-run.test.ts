/**
 * The main step's live-run inputs and what it shows (src/action/main.ts, inputs.ts, summary.ts),
 * run from src in this process with @actions/core replaced by test/support/actions-core.ts, a
 * real SQLite catalog and the loopback fake of the GitHub REST API: the token is masked before
 * anything else, a yield is a notice and a summary line linking the live run, an unknown owner a
 * warning saying why, and the token shows nowhere. The same stories through the shipped bundle
 * are in test/e2e/live-run.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMainOrPost } from '../../src/action/index.js';
import { fakeActionStep, type FakeStepRecord } from '../support/actions-core.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../support/fake-github-api.js';
import { tempSqliteCatalog, type TempSqliteCatalog } from '../support/sqlite-catalog.js';

vi.mock('@actions/core', () => import('../support/actions-core.js'));

let fake: FakeGitHubApi;
let catalog: TempSqliteCatalog;
beforeAll(async () => {
  fake = await startFakeGitHubApi();
});
afterAll(() => fake.close());
beforeEach(() => {
  catalog = tempSqliteCatalog();
  // The main step makes its BFX_* files there, removed with the catalog's folder.
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

/** One main step of run `id`, asking the fake with its token (the default github-token). */
async function mainStep(id: string, inputs: Record<string, string> = {}, githubToken = fake.token) {
  const step = fakeActionStep({ inputs: given(inputs), run: { id }, githubToken });
  vi.stubEnv('GITHUB_SERVER_URL', fake.serverUrl);
  vi.stubEnv('GITHUB_API_URL', fake.apiUrl);
  await runMainOrPost();
  return step;
}

const shown = (step: FakeStepRecord) =>
  JSON.stringify([step.failures, step.log, step.debug, step.annotations, step.summaries, step.outputs]);

describe('the main step asks GitHub about the run owning an active execution', () => {
  it('masks the token first, and asks nothing when nothing is active', async () => {
    const before = fake.requests.length;
    const step = await mainStep('200');
    expect(step.secrets).toEqual([fake.token, catalog.connectionString]);
    expect(step.outputs).toMatchObject({ ExecutionStatus: 'E' });
    expect(fake.requests.length).toBe(before);
    expect(step.log).toContain('On a live run: skip');
  });

  it('yields to a live run: C, a notice and a summary line linking it, and the token nowhere', async () => {
    fake.run('acme/loads', '201', '1', { status: 'in_progress' });
    await mainStep('201');
    const step = await mainStep('202');

    expect(step.failures).toEqual([]);
    expect(step.outputs).toEqual({
      ExecutionID: '1',
      ExecutionStatus: 'C',
      NextLoadStatus: 'C',
      // The live execution's own StartTime, no earlier success, no marks.
      BatchStartTime: expect.stringMatching(/Z$/),
      LastExecutionID: '',
      Variables: '{}',
    });
    expect(step.savedState).toEqual({ isPost: 'true' });
    const link = `${fake.serverUrl}/acme/loads/actions/runs/201/attempts/1`;
    expect(step.annotations).toEqual([
      {
        kind: 'notice',
        title: 'bfx-begin: LOAD_Customer',
        message: `Execution 1 is still being loaded by run 201 (attempt 1) of acme/loads (status in_progress), so this run is skipped and changes nothing: follow that run at ${link}, or use on-live-run: wait to wait for it.`,
      },
    ]);
    expect(step.summaries[0]).toContain(`<b>Live run:</b> <a href="${link}">run 201 (attempt 1) of acme/loads</a>`);
    expect(step.log).toContain(`Asked GitHub about run 201 (attempt 1) of acme/loads once: alive (${link})`);
    expect(catalog.executionRows()).toEqual([expect.objectContaining({ ExecutionStatus: 'E', RunId: '201' })]);
    expect(shown(step)).not.toContain(fake.token);
  });

  it('warns, and resumes, when the owner cannot be checked (a 403: the token lacks actions: read)', async () => {
    fake.run('acme/loads', '203', '1', { http: 403 });
    await mainStep('203');
    const step = await mainStep('204');

    expect(step.outputs).toMatchObject({ ExecutionID: '1', ExecutionStatus: 'A', NextLoadStatus: 'P' });
    expect(step.annotations.map(({ kind, message }) => [kind, message])).toEqual([
      [
        'warning',
        "Whether run 203 (attempt 1) of acme/loads, which owns execution 1, is still running could not be checked because GitHub refused to show run 203 attempt 1 of acme/loads (HTTP 403), so the execution is treated as interrupted: grant the job's token actions: read on acme/loads (permissions: actions: read).",
      ],
      ['notice', 'Execution 1 never ended; this run resumes it (attempt 1 of 3).'],
    ]);
    expect(shown(step)).not.toContain(fake.token);
  });

  it('names a run with no id once, and does not say GitHub was asked when it was not', async () => {
    await mainStep(''); // begun with no GITHUB_RUN_ID, as outside GitHub Actions
    const before = fake.requests.length;
    const step = await mainStep('206');
    expect(fake.requests.length).toBe(before);
    expect(step.annotations[0]).toEqual({
      kind: 'warning',
      title: 'bfx-begin: LOAD_Customer',
      message:
        'Whether the run that owns execution 1 is still running could not be checked because execution 1 was begun outside GitHub Actions, so there is no run to ask about, so the execution is treated as interrupted: make sure that its load is not still running.',
    });
    expect(step.log).toContain(
      'GitHub could not tell whether the run that owns execution 1 is still running: execution 1 was begun outside GitHub Actions, so there is no run to ask about.',
    );
    expect(shown(step)).not.toMatch(/time\(s\)|which owns execution 1, which/);
  });

  it.each([
    ['on-live-run', 'later', /^The on-live-run "later" is not a choice bfx-begin knows, so nothing was begun: .*\.$/],
    ['live-run-timeout', '1h', /^The live-run-timeout "1h" is not a number of minutes, so nothing was begun: .*\.$/],
  ])('refuses a bad %s with one sentence, before the catalog is touched', async (name, value, sentence) => {
    const step = await mainStep('205', { [name]: value });
    expect(step.failures).toEqual([expect.stringMatching(sentence)]);
    expect(step.outputs).toEqual({});
    expect(catalog.tableNames()).toEqual([]);
  });
});
