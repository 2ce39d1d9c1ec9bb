/**
 * SPEC section 3 (begin) and section 4 (end) as pure functions over what the catalog holds.
 * Every catalog engine reads a BeginState inside its transaction, asks decideBegin() what to do,
 * and applies the returned plan; no engine makes a decision of its own.
 */

/** E Executing, R Retry, A Active, C Canceled, S Succeeded, F Failed. */
export type ExecutionStatus = 'E' | 'R' | 'A' | 'C' | 'S' | 'F';
/** P Pending, R Retry, C Canceled. */
export type NextLoadStatus = 'P' | 'R' | 'C';
export type Outcome = 'success' | 'failure' | 'cancelled';

export const DEFAULT_RETRY_LIMIT = 3;

export const EXECUTION_STATUS_NAMES: Record<ExecutionStatus, string> = {
  E: 'Executing',
  R: 'Retry',
  A: 'Active',
  C: 'Canceled',
  S: 'Succeeded',
  F: 'Failed',
};

export const NEXT_LOAD_STATUS_NAMES: Record<NextLoadStatus, string> = {
  P: 'Pending',
  R: 'Retry',
  C: 'Canceled',
};

/** The columns of one Execution row that a decision depends on. */
export interface ExecutionSnapshot {
  executionId: string;
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  retryCount: number;
  runKey: string | null;
  runId: string | null;
  ended: boolean;
}

/** What a begin sees, read under the package's lock. */
export interface BeginState {
  package: { packageId: number; isEnabled: boolean; retryLimit: number | null };
  /** The package's execution carrying this run's key (step 1), if any. */
  reentry: ExecutionSnapshot | null;
  /** The package's execution with no EndTime (step 5), if any. */
  active: ExecutionSnapshot | null;
  /** NextLoadStatus of the package's most recent execution (step 6), if any. */
  latestNextLoadStatus: NextLoadStatus | null;
}

/** A new Execution row to insert. */
export interface NewExecution {
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  /** Skipped rows are born ended: they never become active. */
  ended: boolean;
}

/**
 * What begin writes. `reason` says, in a sentence a data engineer can read in a job summary,
 * why this decision was taken.
 */
export type BeginPlan =
  | { kind: 'reenter'; execution: ExecutionSnapshot; reason: string }
  | { kind: 'insert'; execution: NewExecution; reason: string }
  | { kind: 'resume'; executionId: string; retryCount: number; reason: string }
  | {
      kind: 'abandon-and-insert';
      abandonedId: string;
      abandonMessage: string;
      execution: NewExecution;
      reason: string;
    };

/** Step 3: the retry-limit input, else the package row's RetryLimit, else 3. */
export function effectiveRetryLimit(input: number | undefined, packageRetryLimit: number | null): number {
  return input ?? packageRetryLimit ?? DEFAULT_RETRY_LIMIT;
}

export function decideBegin(state: BeginState, retryLimitInput: number | undefined): BeginPlan {
  // 1. Re-entry: a retried call never creates a second execution.
  if (state.reentry) {
    return {
      kind: 'reenter',
      execution: state.reentry,
      reason: `This run already began execution ${state.reentry.executionId}; its values are returned unchanged.`,
    };
  }

  // 3. Effective retry limit.
  const limit = effectiveRetryLimit(retryLimitInput, state.package.retryLimit);

  // 4. Disabled.
  if (!state.package.isEnabled) {
    return {
      kind: 'insert',
      execution: { executionStatus: 'C', nextLoadStatus: 'P', ended: true },
      reason: 'The package is disabled, so this run is skipped.',
    };
  }

  // 5. Active execution: resume it below the limit, abandon it at or above.
  const active = state.active;
  if (active) {
    if (active.retryCount < limit) {
      return {
        kind: 'resume',
        executionId: active.executionId,
        retryCount: active.retryCount + 1,
        reason:
          `Execution ${active.executionId} never ended; this run resumes it ` +
          `(attempt ${active.retryCount + 1} of ${limit}).`,
      };
    }
    return {
      kind: 'abandon-and-insert',
      abandonedId: active.executionId,
      abandonMessage:
        `Abandoned by a later begin: the execution was still active after ${active.retryCount} ` +
        `resumption(s), the retry limit of ${limit}.`,
      execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
      reason:
        `Execution ${active.executionId} never ended and reached the retry limit of ${limit}; ` +
        'it is abandoned as failed and a fresh execution starts.',
    };
  }

  // 6. No active execution: follow the most recent execution's NextLoadStatus.
  switch (state.latestNextLoadStatus) {
    case 'R':
      return {
        kind: 'insert',
        execution: { executionStatus: 'R', nextLoadStatus: 'C', ended: false },
        reason: 'The previous execution failed, so this run retries it.',
      };
    case 'C':
      return {
        kind: 'insert',
        execution: { executionStatus: 'C', nextLoadStatus: 'C', ended: true },
        reason:
          'The previous execution asked for the next run to be skipped (NextLoadStatus C), so this run is skipped.',
      };
    case 'P':
      return {
        kind: 'insert',
        execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
        reason: 'The previous execution ended normally, so a new load starts.',
      };
    case null:
      return {
        kind: 'insert',
        execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
        reason: 'The package has no execution yet, so its first load starts.',
      };
  }
}

/** Who is ending an execution, so that end can tell a takeover (step 5) from its own run. */
export type EndCaller =
  /** The begin's own post step: the same run key. */
  | { runKey: string }
  /**
   * Another job of the same workflow run (end/action.yml). Any attempt: "Re-run failed jobs"
   * re-runs the end job in a new attempt while the begin job's execution stays from the first.
   */
  | { runId: string }
  /** An operator (CLI without --run-key): no ownership check. */
  | null;

export type EndPlan =
  | { kind: 'end'; executionStatus: 'S' | 'F'; nextLoadStatus: 'P' | 'R'; errorMessage: string | null }
  | { kind: 'already-ended'; execution: ExecutionSnapshot }
  | { kind: 'taken-over'; execution: ExecutionSnapshot };

export function decideEnd(
  execution: ExecutionSnapshot,
  outcome: Outcome,
  message: string | null,
  caller: EndCaller,
): EndPlan {
  if (execution.ended) return { kind: 'already-ended', execution };
  if (caller && !ownedBy(execution, caller)) return { kind: 'taken-over', execution };
  if (outcome === 'success') {
    return { kind: 'end', executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null };
  }
  return {
    kind: 'end',
    executionStatus: 'F',
    nextLoadStatus: 'R',
    errorMessage: message ?? (outcome === 'cancelled' ? 'The job was cancelled.' : 'The job failed.'),
  };
}

function ownedBy(execution: ExecutionSnapshot, caller: NonNullable<EndCaller>): boolean {
  if ('runKey' in caller) return execution.runKey === caller.runKey;
  return execution.runId === caller.runId;
}
