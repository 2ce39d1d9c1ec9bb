/** What a bfx command is, and how its result is shown: text for people, JSON for scripts. */
import type { ExecutionRow } from '../catalog/catalog.js';
import { oneLine } from '../log-text.js';
import { nextName, statusName } from '../sentences.js';

export interface CommandResult {
  text: string;
  json: unknown;
  /** A warning for stderr (an end that found its execution taken over, say). */
  warning?: string;
  /** The process's exit code when the command did its work but has news for a script (bfx check); 0 otherwise. */
  exitCode?: number;
}

/** The terminal, for a command that asks before it acts (bfx delete). */
export interface Terminal {
  /** Asks a question and returns the line typed; null when bfx does not run on a terminal (a script, a workflow). */
  ask(question: string): Promise<string | null>;
}

export interface Command {
  summary: string;
  help: string;
  run(args: string[], terminal?: Terminal): Promise<CommandResult>;
}

export function executionJson(execution: ExecutionRow) {
  return {
    ExecutionID: execution.executionId,
    PackageName: execution.packageName,
    ExecutionStatus: execution.executionStatus,
    NextLoadStatus: execution.nextLoadStatus,
    RetryCount: execution.retryCount,
    ParentExecutionID: execution.parentExecutionId,
    StartTime: execution.startTime,
    EndTime: execution.endTime,
    RunKey: execution.runKey,
    ErrorMessage: execution.errorMessage,
  };
}

export function executionLine(execution: ExecutionRow): string {
  const ended = execution.endTime ? `ended ${execution.endTime}` : 'active';
  const error = execution.errorMessage ? `  ${oneLine(execution.errorMessage)}` : '';
  return (
    `${execution.executionId.padStart(8)}  ${statusName(execution.executionStatus).padEnd(15)} ` +
    `next ${nextName(execution.nextLoadStatus).padEnd(13)} retries ${execution.retryCount}  ` +
    `started ${execution.startTime}  ${ended}${error}`
  );
}
