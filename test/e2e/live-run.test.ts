/**
 * Never resume a load that is still running (docs/decision.md, step 5 on GitHub), through the
 * shipped bundle run as the GitHub runner runs it, against a loopback fake of the GitHub REST API
 * (test/support/fake-github-api.ts) that GITHUB_SERVER_URL and GITHUB_API_URL point at. The
 * github-token default `${{ github.token }}` evaluates to the fake's token unless a test says not.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHubApi, type FakeGitHubApi, type FakeRunAnswer } from '../support/fake-github-api.js';
import { bfx, executions, runActionStep, tempCatalog, visibleLog, type StepResult } from './support.js';

let fake: FakeGitHubApi;
beforeAll(async () => {
  fake = await startFakeGitHubApi();
});
afterAll(() => fake.close());

const REPOSITORY = 'acme/loads';
let nextRunId = 5000;
/** A run id no other test uses, so that the fake's answers for it are this test's own. */
const newRunId = () => String(nextRunId++);

interface Step {
  runId: string;
  attempt?: string;
  inputs?: Record<string, string>;
  /** GitHub environment of the step besides the run: the fake's URLs unless replaced. */
  env?: Record<string, string>;
  /** What `${{ github.token }}` evaluates to: the fake's token unless given. */
  githubToken?: string;
}

function stepOf(connectionString: string, step: Step) {
  return {
    inputs: { 'package-name': 'LOAD_Customer', 'connection-string': connectionString, ...step.inputs },
    env: {
      GITHUB_RUN_ID: step.runId,
      GITHUB_RUN_ATTEMPT: step.attempt ?? '1',
      GITHUB_JOB: 'load',
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_WORKFLOW: 'Nightly loads',
      GITHUB_ACTOR: 'octocat',
      GITHUB_EVENT_NAME: 'schedule',
      GITHUB_SHA: 'f'.repeat(40),
      ...fake.env,
      ...step.env,
    },
    githubToken: step.githubToken ?? fake.token,
  };
}

const main = (connectionString: string, step: Step) =>
  runActionStep({ phase: 'main', ...stepOf(connectionString, step) });

function post(connectionString: string, step: Step, begun: StepResult, jobStatus: 'success' | 'failure') {
  return runActionStep({ phase: 'post', ...stepOf(connectionString, step), state: begun.state, jobStatus });
}

const outputsOf = (step: StepResult) => [
  step.outputs.ExecutionID,
  step.outputs.ExecutionStatus,
  step.outputs.NextLoadStatus,
];
const annotations = (step: StepResult) =>
  step.stdout.split('\n').filter((line) => /^::(notice|warning|error)/.test(line));
const attemptUrl = (runId: string, attempt = '1') =>
  `${fake.serverUrl}/${REPOSITORY}/actions/runs/${runId}/attempts/${attempt}`;

/** The token appears nowhere a user reads: log (but the mask command), annotations, summary, outputs. */
function expectTokenHidden(step: StepResult) {
  expect(visibleLog(step)).not.toContain(fake.token);
  expect(step.summary).not.toContain(fake.token);
  expect(JSON.stringify(step.outputs)).not.toContain(fake.token);
  expect(step.stdout).toContain(`::add-mask::${fake.token}`);
}

/** A catalog whose package has an execution begun by a run the fake answers for; returns that run. */
async function activeExecutionOf(connectionString: string, ...answers: FakeRunAnswer[]) {
  const owner = newRunId();
  fake.run(REPOSITORY, owner, '1', ...answers);
  const begun = await main(connectionString, { runId: owner });
  expect(outputsOf(begun)).toEqual(['1', 'E', 'C']);
  return owner;
}

describe('a begin that finds an active execution asks GitHub about the run that owns it', () => {
  it('does not ask when nothing is active', async () => {
    const { connectionString } = tempCatalog();
    const before = fake.requests.length;
    const first = await main(connectionString, { runId: newRunId() });
    expect(outputsOf(first)).toEqual(['1', 'E', 'C']);
    expect(fake.requests.length).toBe(before);
    expect(annotations(first)).toEqual([]);
  });

  it('alive: skips this run (C, the live ExecutionID and NextLoadStatus), changes nothing, links the live run', async () => {
    const { path, connectionString } = tempCatalog();
    const owner = await activeExecutionOf(connectionString, { status: 'in_progress' });
    const before = executions(path);
    const me = { runId: newRunId() };
    const skipped = await main(connectionString, me);

    expect(skipped.exitCode).toBe(0);
    expect(outputsOf(skipped)).toEqual(['1', 'C', 'C']);
    expect(executions(path)).toEqual(before);
    // Nothing for the post step to end: the live execution is its own run's.
    expect(skipped.state).toEqual({ isPost: 'true' });
    const after = await post(connectionString, me, skipped, 'success');
    expect(after.stdout).toContain('nothing to end');
    expect(executions(path)).toEqual(before);

    expect(annotations(skipped)).toEqual([
      `::notice title=bfx-begin%3A LOAD_Customer::Execution 1 is still being loaded by run ${owner} (attempt 1) of acme/loads (status in_progress), so this run is skipped and changes nothing: follow that run at ${attemptUrl(owner)}, or use on-live-run: wait to wait for it.`,
    ]);
    expect(skipped.summary).toMatch(/<td>1<\/td><td>C \(Canceled\)<\/td><td>C \(Canceled\)<\/td><td>0<\/td>/);
    expect(skipped.summary).toContain(
      `<b>Live run:</b> <a href="${attemptUrl(owner)}">run ${owner} (attempt 1) of acme/loads</a>, still running (in_progress)<br>`,
    );
    expect(fake.requests.at(-1)).toMatchObject({
      path: `/api/v3/repos/acme/loads/actions/runs/${owner}/attempts/1`,
      authorized: true,
    });
    expectTokenHidden(skipped);
  });

  it('completed: resumes the interrupted execution (A / P), without a warning', async () => {
    const { path, connectionString } = tempCatalog();
    const owner = await activeExecutionOf(connectionString, { status: 'completed', conclusion: 'cancelled' });
    const resumed = await main(connectionString, { runId: newRunId() });
    expect(outputsOf(resumed)).toEqual(['1', 'A', 'P']);
    expect(annotations(resumed)).toEqual([
      '::notice title=bfx-begin%3A LOAD_Customer::Execution 1 never ended (the GitHub run that owned it has completed); this run resumes it (attempt 1 of 3).',
    ]);
    expect(resumed.summary).toContain(
      `<b>Owning run:</b> <a href="${attemptUrl(owner)}">run ${owner} (attempt 1) of acme/loads</a>, completed (cancelled)<br>`,
    );
    expect(executions(path)).toEqual([expect.objectContaining({ ExecutionStatus: 'A', RetryCount: 1, EndTime: null })]);
    expectTokenHidden(resumed);
  });

  it('judges an earlier attempt of the same run by that attempt: a re-run resumes what attempt 1 left', async () => {
    const { connectionString } = tempCatalog();
    const owner = await activeExecutionOf(connectionString, { status: 'completed', conclusion: 'failure' });
    fake.run(REPOSITORY, owner, '2', { status: 'in_progress' }); // the re-run itself is alive
    const rerun = await main(connectionString, { runId: owner, attempt: '2' });
    expect(outputsOf(rerun)).toEqual(['1', 'A', 'P']);
    expect(fake.requests.at(-1)?.path).toBe(`/api/v3/repos/acme/loads/actions/runs/${owner}/attempts/1`);
  });

  // [case, the step, what the fake answers, the warning's reason]
  const unknowns: [string, Partial<Step>, FakeRunAnswer[], RegExp][] = [
    ['no token', { githubToken: '' }, [{ status: 'in_progress' }], /because no github-token was given/],
    ['403', {}, [{ http: 403 }], /because GitHub refused to show run \d+ attempt 1 of acme\/loads \(HTTP 403\)/],
    ['404', {}, [{ http: 404 }], /because GitHub found no run \d+ attempt 1 of acme\/loads \(HTTP 404\)/],
    ['500', {}, [{ http: 500 }], /because GitHub answered HTTP 500 about run \d+ attempt 1 of acme\/loads/],
    [
      'an API on another host than the runner',
      { env: { GITHUB_SERVER_URL: 'https://github.com' } },
      [{ status: 'in_progress' }],
      /because GITHUB_API_URL is on 127\.0\.0\.1:\d+, another host than this runner's GitHub \(github\.com\), to which the token is not sent/,
    ],
    [
      "an API on plain HTTP while the runner's GitHub is on HTTPS",
      { env: { GITHUB_SERVER_URL: 'https://ghe.example.com', GITHUB_API_URL: 'http://ghe.example.com/api/v3' } },
      [{ status: 'in_progress' }],
      /because GITHUB_API_URL is plain HTTP while this runner's GitHub \(ghe\.example\.com\) is HTTPS, and the token is not sent unencrypted/,
    ],
    [
      'slow beyond the 10 s time-out',
      {},
      // An answer that never comes within the test: the step ending at all shows it did not wait for it.
      [{ delayMs: 10 * 60_000, then: { status: 'in_progress' } }],
      /because GitHub did not answer about run \d+ attempt 1 of acme\/loads within 10 s/,
    ],
  ];

  it.each(unknowns)(
    'unknown (%s): resumes as before, with a warning saying why',
    async (_case, step, answers, why) => {
      const { path, connectionString } = tempCatalog();
      const owner = await activeExecutionOf(connectionString, ...answers);
      const resumed = await main(connectionString, { runId: newRunId(), ...step });
      expect(outputsOf(resumed)).toEqual(['1', 'A', 'P']);
      expect(annotations(resumed)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^::warning title=bfx-begin%3A LOAD_Customer::Whether run ${owner} \\(attempt 1\\) of acme/loads, which owns execution 1, is still running could not be checked ${why.source}, so the execution is treated as interrupted: [^\\n]+\\.$`,
          ),
        ),
        '::notice title=bfx-begin%3A LOAD_Customer::Execution 1 never ended; this run resumes it (attempt 1 of 3).',
      ]);
      expect(resumed.summary).toContain(`<b>Owning run:</b> <a href="`);
      expect(resumed.summary).toContain('not checked: ');
      expect(executions(path)).toEqual([expect.objectContaining({ ExecutionStatus: 'A', RetryCount: 1 })]);
      expect(visibleLog(resumed)).not.toContain(fake.token);
      expect(resumed.summary).not.toContain(fake.token);
    },
    30_000,
  );

  it('never shows a token holding a line break, not even in an error quoted from the HTTP library', async () => {
    const { connectionString } = tempCatalog();
    await activeExecutionOf(connectionString, { status: 'in_progress' });
    const [left, right] = ['ghs_leftHalfOfTheToken0123', 'ghs_rightHalfOfTheToken4567'];
    const requests = fake.requests.length;
    const resumed = await main(connectionString, { runId: newRunId(), githubToken: `${left}\r\nX-Evil: ${right}` });
    expect(outputsOf(resumed)).toEqual(['1', 'A', 'P']);
    expect(annotations(resumed)[0]).toMatch(
      /could not be checked because the github-token holds a line break or another character no HTTP header can carry, so the execution is treated as interrupted: pass the token alone, on one line\.$/,
    );
    for (const half of [left, right]) {
      expect(visibleLog(resumed)).not.toContain(half);
      expect(resumed.summary).not.toContain(half);
    }
    expect(fake.requests.length).toBe(requests);
  });

  it('never abandons a live run at the retry limit: it yields', async () => {
    const { path, connectionString } = tempCatalog();
    const owner = newRunId();
    fake.run(REPOSITORY, owner, '1', { status: 'queued' });
    await main(connectionString, { runId: owner, inputs: { 'retry-limit': '0' } });
    const skipped = await main(connectionString, { runId: newRunId(), inputs: { 'retry-limit': '0' } });
    expect(outputsOf(skipped)).toEqual(['1', 'C', 'C']);
    expect(executions(path)).toEqual([expect.objectContaining({ ExecutionStatus: 'E', EndTime: null })]);
  });
});

describe('a burst of runs beginning one package at once', () => {
  const BURST = 32;

  const completed: FakeRunAnswer = { status: 'completed', conclusion: 'cancelled' };
  it.each([
    // [what GitHub says of the interrupted owner, of each run of the burst, whether exactly one run loads]
    ['completed, and the burst in progress', completed, { status: 'in_progress' }, true],
    ['completed, even of the burst', completed, completed, false],
    ['nothing (unreachable)', { http: 503 }, { http: 503 }, false],
  ] as const)(
    'GitHub answers %s: every step gets a decision, none fails, one execution stays active',
    async (_, ownerAnswer, burstAnswer, exactlyOne) => {
      const { path, connectionString } = tempCatalog();
      await activeExecutionOf(connectionString, ownerAnswer);
      const runs = Array.from({ length: BURST }, () => newRunId());
      for (const runId of runs) fake.run(REPOSITORY, runId, '1', burstAnswer);
      const steps = await Promise.all(runs.map((runId) => main(connectionString, { runId })));
      expect(steps.map((step) => step.exitCode)).toEqual(runs.map(() => 0));
      for (const step of steps) expect(['A', 'C', 'E']).toContain(step.outputs.ExecutionStatus);
      const rows = executions(path);
      expect(rows.filter((row) => row.EndTime === null)).toHaveLength(1);
      if (exactlyOne) {
        // Exactly one run resumes the interrupted load; every other one yields to it.
        expect(steps.filter((step) => step.outputs.ExecutionStatus === 'A')).toHaveLength(1);
        expect(steps.filter((step) => step.outputs.ExecutionStatus === 'C')).toHaveLength(BURST - 1);
        expect(rows).toEqual([expect.objectContaining({ ExecutionStatus: 'A', RetryCount: 1, EndTime: null })]);
      }
    },
    120_000,
  );
});

describe('on-live-run: wait', () => {
  it('waits while the owner runs, then resumes once it has completed', async () => {
    const { connectionString } = tempCatalog();
    const owner = await activeExecutionOf(
      connectionString,
      { status: 'in_progress' },
      { status: 'in_progress' },
      { status: 'completed', conclusion: 'failure' },
    );
    const before = fake.requests.length;
    const started = Date.now();
    // 0.1 min = 6 s: asked every second.
    const waited = await main(connectionString, {
      runId: newRunId(),
      inputs: { 'on-live-run': 'wait', 'live-run-timeout': '0.1' },
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(outputsOf(waited)).toEqual(['1', 'A', 'P']);
    expect(fake.requests.length - before).toBe(3);
    expect(waited.summary).toMatch(
      new RegExp(
        `<b>Owning run:</b> <a href="${attemptUrl(owner)}">[^<]+</a>, completed \\(failure\\), waited \\d+ s \\(3 checks\\)`,
      ),
    );
    expect(annotations(waited)).toEqual([
      '::notice title=bfx-begin%3A LOAD_Customer::Execution 1 never ended (the GitHub run that owned it has completed); this run resumes it (attempt 1 of 3).',
    ]);
  });

  // 0.04 min = 2.4 s, however it is written
  it.each(['0.04', '.04'])(
    'skips this run once live-run-timeout (%s) has passed, having changed nothing',
    async (timeout) => {
      const { path, connectionString } = tempCatalog();
      await activeExecutionOf(connectionString, { status: 'waiting' });
      const before = executions(path);
      const started = Date.now();
      const skipped = await main(connectionString, {
        runId: newRunId(),
        inputs: { 'on-live-run': 'wait', 'live-run-timeout': timeout },
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2400);
      expect(outputsOf(skipped)).toEqual(['1', 'C', 'C']);
      expect(executions(path)).toEqual(before);
      expect(annotations(skipped)).toEqual([
        expect.stringMatching(
          /^::notice .*::Execution 1 is still being loaded by run \d+ \(attempt 1\) of acme\/loads \(status waiting, waited \d+ s\), so this run is skipped and changes nothing: .*, or raise live-run-timeout to wait longer\.$/,
        ),
      ]);
      expect(skipped.summary).toMatch(/<b>Live run:<\/b> .*still running \(waiting\), waited \d+ s \(\d+ checks\)/);
    },
  );
});

describe('the story: run 1 still running -> run 2 skips -> run 1 fails -> run 3 retries (R)', () => {
  it('leaves the live run alone, and the next begin after its failure retries', async () => {
    const { path, connectionString } = tempCatalog();
    const run1 = { runId: newRunId() };
    fake.run(REPOSITORY, run1.runId, '1', { status: 'in_progress' });
    const begun1 = await main(connectionString, run1);
    expect(outputsOf(begun1)).toEqual(['1', 'E', 'C']);

    // Run 2 starts while run 1 is still loading.
    const run2 = { runId: newRunId() };
    const begun2 = await main(connectionString, run2);
    expect(outputsOf(begun2)).toEqual(['1', 'C', 'C']);
    const ended2 = await post(connectionString, run2, begun2, 'success');
    expect(ended2.exitCode).toBe(0);
    expect(executions(path)).toEqual([
      expect.objectContaining({ ExecutionID: 1, ExecutionStatus: 'E', NextLoadStatus: 'C', EndTime: null }),
    ]);

    // Run 1's load fails; its post step ends it F / R, and its run completes.
    const ended1 = await post(connectionString, run1, begun1, 'failure');
    expect(ended1.stdout).toContain('ended as F (Failed)');
    fake.run(REPOSITORY, run1.runId, '1', { status: 'completed', conclusion: 'failure' });

    // Run 3 retries: run 2's skip changed nothing that this decision reads.
    const begun3 = await main(connectionString, { runId: newRunId() });
    expect(outputsOf(begun3)).toEqual(['2', 'R', 'C']);
    expect(executions(path).map((row) => [row.ExecutionID, row.ExecutionStatus, row.NextLoadStatus])).toEqual([
      [1, 'F', 'R'],
      [2, 'R', 'C'],
    ]);
    // bfx history shows the same two executions: run 2 left no row, only its yield in the audit log.
    const history = await bfx(['history', 'LOAD_Customer', '-c', connectionString, '--json']);
    expect(history.exitCode).toBe(0);
    const listed = JSON.parse(history.stdout) as { ExecutionID: string; Audit: { Action: string; Detail: string }[] }[];
    expect(listed.map((row) => row.ExecutionID)).toEqual(['2', '1']);
    const yields = listed.flatMap((row) => row.Audit).filter((entry) => entry.Action === 'yield');
    expect(yields).toHaveLength(1);
    expect(yields[0].Detail).toContain(`github:${run2.runId}:1:`);
    const text = await bfx(['history', 'LOAD_Customer', '-c', connectionString]);
    expect(text.stdout).toMatch(/yield/);
  });
});

describe('bad live-run inputs: one sentence, exit code 1, nothing begun', () => {
  it.each([
    [
      { 'on-live-run': 'sometimes' },
      /^The on-live-run "sometimes" is not a choice bfx-begin knows, so nothing was begun: use skip .* or wait .*\.$/,
    ],
    [
      { 'live-run-timeout': 'soon' },
      /^The live-run-timeout "soon" is not a number of minutes, so nothing was begun: give a number from 0 to 7200 \(0\.5 is 30 seconds\)\.$/,
    ],
    [{ 'live-run-timeout': '-1' }, /^The live-run-timeout "-1" is not a number of minutes/],
    [{ 'live-run-timeout': '7201' }, /^The live-run-timeout "7201" is not a number of minutes/],
  ])('%o', async (inputs, message) => {
    const { path, connectionString } = tempCatalog();
    const step = await main(connectionString, { runId: newRunId(), inputs });
    expect(step.exitCode).toBe(1);
    const error = step.stdout.split('\n').find((line) => line.startsWith('::error::'));
    expect(error?.slice('::error::'.length)).toMatch(message);
    expect(step.outputs).toEqual({});
    expect(existsSync(path) ? executions(path) : []).toEqual([]);
  });
});
