/**
 * The audit entries run control writes and reads back: their actions, and the details a later end
 * parses (who a takeover took an execution from, which run attempt failed a batch).
 */
import type { ExecutionRow } from '../catalog/catalog.js';
import type { BatchFailure, PreviousOwner } from '../decision.js';

/** The audit actions of an operator's skip and resume: a batch's end leaves what they set alone. */
export const SKIP = 'skip';
export const RESUME = 'resume';
export const OPERATOR_NEXT_LOAD = [SKIP, RESUME];

export const YIELD = 'yield';
export const yieldDetail = (runKey: string, reason: string) => `Run ${runKey} was skipped: ${reason}`;

export const VAR_SET = 'var set';

/** The audit action of a takeover (begin step 5, resume): its detail names the run it was taken from. */
export const TAKEOVER = 'takeover';

/**
 * The detail of a takeover's audit entry: a sentence for bfx history that begins with the run
 * keys, JSON-quoted, so that previousOwner() reads the one it was taken from back exactly.
 */
export function takeoverDetail(runKey: string, from: ExecutionRow, reason: string): string {
  const workflowRun = from.runId === null ? '' : ` (workflow run ${from.runId})`;
  return `Run ${JSON.stringify(runKey)} took it over from run ${JSON.stringify(from.runKey ?? '')}${workflowRun}: ${reason}`;
}

/** The run a takeover's audit entry says the execution was taken from; undefined for a detail of another form. */
export function previousOwner(detail: string | null): PreviousOwner | undefined {
  const quoted = String.raw`"(?:[^"\\]|\\.)*"`;
  const match = new RegExp(
    String.raw`^Run ${quoted} took it over from run (${quoted})(?: \(workflow run (\d+)\))?:`,
  ).exec(detail ?? '');
  if (!match) return undefined;
  const runKey = JSON.parse(match[1]) as string;
  return { runKey: runKey === '' ? null : runKey, runId: match[2] ?? null };
}

/**
 * The audit action recorded when a workflow run's end fails a batch execution: a later attempt of
 * that run may close it again (docs/batches.md, "Re-run failed jobs"); nothing else may.
 */
export const BATCH_FAILURE = 'batch failed';

/** The detail of a batch failure's audit entry, readable in bfx history and read back by batchFailure(). */
export function batchFailureDetail(failure: BatchFailure, message: string | null): string {
  return `Ended F by workflow run ${JSON.stringify(failure.runId)}, attempt ${failure.runAttempt}${message ? `: ${message}` : '.'}`;
}

/** The run attempt a batch failure's audit entry names; undefined for a detail of another form. */
export function batchFailure(detail: string | null): BatchFailure | undefined {
  const match = /^Ended F by workflow run ("(?:[^"\\]|\\.)*"), attempt (\d+)/.exec(detail ?? '');
  if (!match) return undefined;
  return { runId: JSON.parse(match[1]) as string, runAttempt: Number(match[2]) };
}
