/** Sentences about begins and ends, shared by the action's log and summary and the CLI's output. */
import type { ExecutionRow } from './catalog/catalog.js';
import type { BeginRefusal, BeginResult, LiveRunReport, RunOwner } from './run-control/index.js';
import { EXECUTION_STATUS_NAMES, NEXT_LOAD_STATUS_NAMES } from './decision.js';
import { oneLine } from './log-text.js';

export const statusName = (code: string) => `${code} (${EXECUTION_STATUS_NAMES[code as 'E'] ?? 'unknown'})`;
export const nextName = (code: string) => `${code} (${NEXT_LOAD_STATUS_NAMES[code as 'P'] ?? 'unknown'})`;

export function beginLine(packageName: string, result: BeginResult): string {
  return (
    `${oneLine(packageName)}: ExecutionID ${result.executionId}, ExecutionStatus ${statusName(result.executionStatus)}, ` +
    `NextLoadStatus ${nextName(result.nextLoadStatus)}.`
  );
}

/**
 * Why a begin was refused, as one sentence (what, why, what to do). `parentName` is how the shell
 * names parent-execution-id: the action's input, or bfx's option.
 */
export function refusedBeginSentence(refusal: BeginRefusal, parentName: string, location: string): string {
  return (
    `The ${parentName} ${refusal.parentExecutionId} is not an execution in the catalog ${location}, so nothing was begun: ` +
    "pass the ExecutionID output of the batch's begin step, on the same catalog."
  );
}

export function endLine(execution: ExecutionRow): string {
  return (
    `${oneLine(execution.packageName)}: execution ${execution.executionId} ended as ${statusName(execution.executionStatus)} ` +
    `after ${duration(execution)}; NextLoadStatus ${nextName(execution.nextLoadStatus)}.`
  );
}

export function duration(execution: ExecutionRow): string {
  if (!execution.endTime) return 'still running';
  const ms = Date.parse(execution.endTime) - Date.parse(execution.startTime);
  if (!Number.isFinite(ms)) return 'an unknown time';
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** "run 123 (attempt 2) of acme/loads", or, for an execution begun outside GitHub, who owns it. */
export function runName(owner: RunOwner): string {
  if (!owner.runId) return `the run that owns execution ${owner.executionId}`;
  return `run ${owner.runId} (attempt ${owner.runAttempt ?? '1'})${owner.repository ? ` of ${owner.repository}` : ''}`;
}

/** "1 min 5 s", "12 s". */
export function minutes(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * What GitHub said about the run owning the active execution, as one sentence for an annotation
 * (what, why, what to do), and the kind of annotation: a notice when this run yields to a live
 * run, a warning when the run could not be checked and the execution is resumed anyway.
 */
export function liveRunSentence(report: LiveRunReport): { kind: 'notice' | 'warning' | 'info'; text: string } {
  const { owner, verdict } = report;
  const waited = report.waitedMs > 0 ? ` after waiting ${minutes(report.waitedMs)}` : '';
  if (!report.decisive) {
    return {
      kind: 'info',
      text:
        `Execution ${owner.executionId} ended or changed hands while ${runName(owner)} was checked${waited}, ` +
        'so this run decided from what the catalog holds now.',
    };
  }
  switch (verdict.run) {
    case 'alive':
      return {
        kind: 'notice',
        text:
          `Execution ${owner.executionId} is still being loaded by ${runName(owner)} (status ${verdict.status}` +
          `${report.waitedMs > 0 ? `, waited ${minutes(report.waitedMs)}` : ''}), ` +
          `so this run is skipped and changes nothing: follow that run at ${verdict.url}, ` +
          (report.waitedMs > 0
            ? 'or raise live-run-timeout to wait longer.'
            : 'or use on-live-run: wait to wait for it.'),
      };
    case 'completed':
      return {
        kind: 'info',
        text:
          `${capitalize(ownerOfExecution(owner, 'owned'))} has completed` +
          `${verdict.conclusion ? ` (${verdict.conclusion})` : ''}${waited}, so the execution was interrupted.`,
      };
    case 'unknown':
      return {
        kind: 'warning',
        text:
          `Whether ${ownerOfExecution(owner, 'owns')} is still running could not be checked ` +
          `because ${verdict.why}, so the execution is treated as interrupted: ${verdict.todo}.`,
      };
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * "run 12 (attempt 1) of acme/loads, which owns execution 8," (commas included); a run with no id is already named
 * by its execution ("the run that owns execution 8"), so it is not said twice.
 */
function ownerOfExecution(owner: RunOwner, verb: 'owns' | 'owned'): string {
  return owner.runId ? `${runName(owner)}, which ${verb} execution ${owner.executionId},` : runName(owner);
}
