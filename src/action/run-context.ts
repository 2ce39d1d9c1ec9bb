/** The GitHub run this step belongs to, from the variables the runner sets for every step. */
import type { RunContext } from '../catalog/catalog.js';

export function githubRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const value = (name: string) => env[name] || null;
  return {
    repository: value('GITHUB_REPOSITORY'),
    workflow: value('GITHUB_WORKFLOW'),
    job: value('GITHUB_JOB'),
    runId: value('GITHUB_RUN_ID'),
    runAttempt: value('GITHUB_RUN_ATTEMPT'),
    actor: value('GITHUB_TRIGGERING_ACTOR') ?? value('GITHUB_ACTOR'),
    event: value('GITHUB_EVENT_NAME'),
    sha: value('GITHUB_SHA'),
  };
}

/**
 * The run key (docs/decision.md) is the workflow run id, run attempt and job. A re-run gets a new attempt
 * and so a new execution; a retried step of the same attempt gets the same one back.
 */
export function githubRunKey(context: RunContext): string {
  // Outside a runner (a local run) there is no run to re-enter: every begin is its own. node:crypto
  // is loaded here only, not at start-up on a runner (docs/performance.md, start-up).
  if (!context.runId) return `local:${process.getBuiltinModule('node:crypto').randomUUID()}`;
  return `github:${context.runId}:${context.runAttempt ?? '1'}:${context.job ?? ''}`;
}
