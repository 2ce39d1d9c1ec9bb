/**
 * Who may end an execution, through the shipped bundles: a run it was taken over from is warned
 * and leaves it to its new owner; a run that never owned it (a wiring mistake: another workflow
 * run's ExecutionID, a wrong run key) fails with one sentence and ends nothing. Every takeover
 * is recorded in the audit log with the run it was taken from (docs/decision.md, End).
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { bfx, executions, runActionStep, tempCatalog } from './support.js';

const github = (runId: string, job = 'load') => ({
  GITHUB_RUN_ID: runId,
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: job,
  GITHUB_REPOSITORY: 'octo/warehouse',
  GITHUB_ACTOR: 'octocat',
});

/** A main step of workflow run runId that leaves its execution to an explicit end. */
const begin = (connectionString: string, runId: string) =>
  runActionStep({
    inputs: { 'package-name': 'LOAD_Sales', 'connection-string': connectionString, 'auto-end': 'false' },
    env: github(runId),
  });

/** end/action.yml in workflow run runId. */
const endStep = (connectionString: string, runId: string, executionId: string) =>
  runActionStep({
    action: 'end',
    inputs: { 'execution-id': executionId, 'connection-string': connectionString, status: 'success' },
    env: github(runId, 'finish'),
    jobStatus: 'success',
  });

const annotations = (stdout: string) => stdout.split('\n').filter((line) => /^::(warning|error)/.test(line));

describe('end/action.yml given an ExecutionID', () => {
  it('of another workflow run that never owned it: fails the step with one sentence, and ends nothing', async () => {
    const { path, connectionString } = tempCatalog();
    const begun = await begin(connectionString, '100');
    expect(begun.outputs.ExecutionID).toBe('1');
    const wrong = await endStep(connectionString, '200', '1');
    expect(wrong.exitCode).toBe(1);
    expect(annotations(wrong.stdout)).toEqual([
      '::error::Execution 1 (LOAD_Sales) belongs to another workflow run than this one (run 100, run key github:100:1:load) ' +
        "and was never this run's, so nothing was ended: pass the ExecutionID output of a begin step of this same workflow run.",
    ]);
    expect(wrong.stdout).not.toMatch(/taken over/);
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'E', EndTime: null, RunId: '100' });
    // Its own run still ends it.
    expect((await endStep(connectionString, '100', '1')).exitCode).toBe(0);
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'S' });
  });

  it('taken over from this run by a later one: warns, exits 0, and leaves it to its new owner', async () => {
    const { path, connectionString } = tempCatalog();
    await begin(connectionString, '100');
    const resumed = await begin(connectionString, '101'); // no github-token: the owner is unknown, so resumed
    expect(resumed.outputs).toMatchObject({ ExecutionID: '1', ExecutionStatus: 'A' });
    const late = await endStep(connectionString, '100', '1');
    expect(late.exitCode).toBe(0);
    expect(annotations(late.stdout)).toEqual([
      expect.stringMatching(
        /^::warning .*::Execution 1 was taken over by a later run \(github:101:1:load\); it is left to that run to end\./,
      ),
    ]);
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'A', EndTime: null, RunId: '101' });
    // A third workflow run, which never owned it either, is refused: the takeover recorded run 100 only.
    const stranger = await endStep(connectionString, '300', '1');
    expect(stranger.exitCode).toBe(1);
    expect(annotations(stranger.stdout)).toEqual([
      expect.stringMatching(
        /^::error::Execution 1 \(LOAD_Sales\) belongs to another workflow run than this one \(run 101, /,
      ),
    ]);
    // The takeover is in the audit log, with the run it was taken from, and bfx history shows it.
    const history = await bfx(['history', 'LOAD_Sales', '-c', connectionString]);
    expect(history.stdout).toMatch(
      /audit {2}\S+ {2}takeover of execution 1 by octocat: Run "github:101:1:load" took it over from run "github:100:1:load" \(workflow run 100\): /,
    );
  });
});

describe('bfx end --run-key', () => {
  it('of a run that never owned the execution: exit 1, one sentence, nothing ended', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    await bfx(['begin', 'P', '--run-key', 'nightly-1', ...c]);
    const wrong = await bfx(['end', '1', '--run-key', 'nightly-2', ...c]);
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toBe(
      "error: Execution 1 belongs to run nightly-1 and was never run nightly-2's, so nothing was ended: " +
        "give the run key the execution was begun with, or leave --run-key out for an operator's end.\n",
    );
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'E', EndTime: null });
  });

  it('of a run it was taken from: a warning; of any other run: refused; after takeovers nobody recorded: a warning', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    await bfx(['begin', 'P', '--run-key', 'a', ...c]);
    await bfx(['begin', 'P', '--run-key', 'b', ...c]); // takes it over from a
    await bfx(['begin', 'P', '--run-key', 'c', ...c]); // takes it over from b
    for (const previous of ['a', 'b']) {
      const late = await bfx(['end', '1', '--run-key', previous, ...c]);
      expect(late.exitCode).toBe(0);
      expect(late.stderr).toBe('warning: Execution 1 was taken over by run c; it is left to that run to end.\n');
    }
    const stranger = await bfx(['end', '1', '--run-key', 'z', ...c]);
    expect(stranger.exitCode).toBe(1);
    expect(stranger.stderr).toMatch(/^error: Execution 1 belongs to run c and was never run z's, so nothing was ended/);

    // A catalog whose takeovers an older release made, without recording them: the benefit of the doubt.
    const db = new DatabaseSync(path);
    db.exec(`DELETE FROM AuditLog WHERE Action = 'takeover'`);
    db.close();
    const unknown = await bfx(['end', '1', '--run-key', 'z', ...c]);
    expect(unknown.exitCode).toBe(0);
    expect(unknown.stderr).toMatch(/^warning: Execution 1 was taken over by run c/);
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'A', RetryCount: 2, EndTime: null });
    // Its owner ends it.
    expect((await bfx(['end', '1', '--run-key', 'c', ...c])).exitCode).toBe(0);
  });
});
