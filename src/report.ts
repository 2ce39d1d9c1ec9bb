/** Sentences about begins and ends, shared by the action's log and summary and the CLI's output. */
import type { BeginResult, ExecutionRow } from './catalog/catalog.js';
import { EXECUTION_STATUS_NAMES, NEXT_LOAD_STATUS_NAMES } from './decision.js';

export const statusName = (code: string) => `${code} (${EXECUTION_STATUS_NAMES[code as 'E'] ?? 'unknown'})`;
export const nextName = (code: string) => `${code} (${NEXT_LOAD_STATUS_NAMES[code as 'P'] ?? 'unknown'})`;

export function beginLine(packageName: string, result: BeginResult): string {
  return (
    `${packageName}: ExecutionID ${result.executionId}, ExecutionStatus ${statusName(result.executionStatus)}, ` +
    `NextLoadStatus ${nextName(result.nextLoadStatus)}.`
  );
}

export function endLine(execution: ExecutionRow): string {
  return (
    `${execution.packageName}: execution ${execution.executionId} ended as ${statusName(execution.executionStatus)} ` +
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
