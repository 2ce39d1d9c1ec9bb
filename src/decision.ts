/**
 * Every rule of the catalog as a pure function over what the catalog holds: begin, end, and the
 * operator's skip / resume / reset. docs/decision.md states the same rules in prose. run-control.ts
 * reads the state under the package's lock, asks these functions, and applies the plan they
 * return; no catalog engine and no SQL text makes a decision.
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

/**
 * What GitHub says about the run (attempt) that owns the active execution, for step 5:
 * - 'unasked': it can be asked and has not been yet: begin writes nothing and asks first;
 * - 'alive': the run has not completed (queued, in progress, waiting...): the load is running;
 * - 'completed': the run is over, so the execution was interrupted;
 * - 'unknown': it could not be asked, or did not answer (no token, refused, too slow...).
 * Undefined where nobody asks GitHub (the CLI): step 5 assumes an interrupted run, as before.
 */
export type LiveRun = 'unasked' | 'alive' | 'completed' | 'unknown';

/** What a begin sees, read under the package's lock. */
export interface BeginState {
  package: { packageId: number; isEnabled: boolean; retryLimit: number | null };
  /** The package's execution carrying this run's key (step 1), if any. */
  reentry: ExecutionSnapshot | null;
  /** The package's execution with no EndTime (step 5), if any. */
  active: ExecutionSnapshot | null;
  /** NextLoadStatus of the package's most recent execution (step 6), if any. */
  latestNextLoadStatus: NextLoadStatus | null;
  /** Whether the run that owns `active` is still alive; undefined when GitHub is not asked. */
  activeRun?: LiveRun;
}

/** A new Execution row to insert. */
export interface NewExecutionPlan {
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
  | { kind: 'insert'; execution: NewExecutionPlan; reason: string }
  | {
      kind: 'resume';
      executionId: string;
      executionStatus: 'A';
      nextLoadStatus: 'P';
      retryCount: number;
      reason: string;
    }
  | {
      kind: 'abandon-and-insert';
      abandoned: FinishPlan;
      execution: NewExecutionPlan;
      reason: string;
    }
  /** Write nothing yet: ask GitHub whether the active execution's run is alive, then begin again. */
  | { kind: 'ask'; execution: ExecutionSnapshot; reason: string }
  /**
   * The active execution's run is alive: this run is skipped (C) and writes nothing, so the live
   * execution, its retry count and the package's NextLoadStatus stay exactly as they were.
   */
  | {
      kind: 'yield';
      execution: ExecutionSnapshot;
      executionStatus: 'C';
      nextLoadStatus: NextLoadStatus;
      reason: string;
    };

/** How an active execution is ended. */
export interface FinishPlan {
  executionId: string;
  executionStatus: 'S' | 'F';
  nextLoadStatus: 'P' | 'R';
  errorMessage: string | null;
}

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

  // 5. Active execution: resume it below the limit, abandon it at or above; but never while the
  // run that owns it is alive (asked of GitHub first, where it can be asked).
  const active = state.active;
  if (active) {
    if (state.activeRun === 'unasked') {
      return {
        kind: 'ask',
        execution: active,
        reason: `Execution ${active.executionId} never ended; whether its run is still alive is asked of GitHub before anything is written.`,
      };
    }
    if (state.activeRun === 'alive') {
      // At the retry limit too: a live run is never abandoned.
      return {
        kind: 'yield',
        execution: active,
        executionStatus: 'C',
        nextLoadStatus: active.nextLoadStatus,
        reason:
          `Execution ${active.executionId} is still being loaded by a GitHub run that has not completed, ` +
          'so this run is skipped and the catalog is left as it is.',
      };
    }
    const neverEnded =
      `Execution ${active.executionId} never ended` +
      (state.activeRun === 'completed' ? ' (the GitHub run that owned it has completed)' : '');
    if (active.retryCount < limit) {
      return {
        kind: 'resume',
        executionId: active.executionId,
        executionStatus: 'A',
        nextLoadStatus: 'P',
        retryCount: active.retryCount + 1,
        reason: `${neverEnded}; this run resumes it (attempt ${active.retryCount + 1} of ${limit}).`,
      };
    }
    return {
      kind: 'abandon-and-insert',
      abandoned: {
        executionId: active.executionId,
        executionStatus: 'F',
        nextLoadStatus: 'R',
        errorMessage:
          `Abandoned by a later begin: the execution was still active after ${active.retryCount} ` +
          `resumption(s), the retry limit of ${limit}.`,
      },
      execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
      reason:
        `${neverEnded} and reached the retry limit of ${limit}; ` +
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

export type EndPlan = { kind: 'end'; finish: FinishPlan } | { kind: 'already-ended' } | { kind: 'taken-over' };

export function decideEnd(
  execution: ExecutionSnapshot,
  outcome: Outcome,
  message: string | null,
  caller: EndCaller,
): EndPlan {
  if (execution.ended) return { kind: 'already-ended' };
  if (caller && !ownedBy(execution, caller)) return { kind: 'taken-over' };
  const { executionId } = execution;
  if (outcome === 'success') {
    return { kind: 'end', finish: { executionId, executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null } };
  }
  return {
    kind: 'end',
    finish: {
      executionId,
      executionStatus: 'F',
      nextLoadStatus: 'R',
      errorMessage: message ?? (outcome === 'cancelled' ? 'The job was cancelled.' : 'The job failed.'),
    },
  };
}

function ownedBy(execution: ExecutionSnapshot, caller: NonNullable<EndCaller>): boolean {
  if ('runKey' in caller) return execution.runKey === caller.runKey;
  return execution.runId === caller.runId;
}

/** What an operator change of a package sees, read under the package's lock. */
export interface OperatorState<E extends ExecutionSnapshot> {
  packageFound: boolean;
  active: E | null;
  latest: E | null;
}

export type NextLoadStatusPlan<E extends ExecutionSnapshot> =
  | { kind: 'no-package' }
  | { kind: 'no-execution' }
  /** Refused: the active execution's end would overwrite the change. */
  | { kind: 'active'; execution: E }
  | { kind: 'change'; executionId: string; nextLoadStatus: 'C' | 'P' };

/** skip (C) and resume (P): the latest execution's NextLoadStatus, refused while one is active. */
export function decideNextLoadStatus<E extends ExecutionSnapshot>(
  state: OperatorState<E>,
  nextLoadStatus: 'C' | 'P',
): NextLoadStatusPlan<E> {
  if (!state.packageFound) return { kind: 'no-package' };
  if (state.active) return { kind: 'active', execution: state.active };
  if (!state.latest) return { kind: 'no-execution' };
  return { kind: 'change', executionId: state.latest.executionId, nextLoadStatus };
}

export type ResetPlan = { kind: 'no-package' } | { kind: 'none-active' } | { kind: 'reset'; finish: FinishPlan };

/** reset: the package's active execution ends as F / R, so that the next begin retries it (R). */
export function decideReset<E extends ExecutionSnapshot>(state: OperatorState<E>, message: string): ResetPlan {
  if (!state.packageFound) return { kind: 'no-package' };
  if (!state.active) return { kind: 'none-active' };
  return {
    kind: 'reset',
    finish: { executionId: state.active.executionId, executionStatus: 'F', nextLoadStatus: 'R', errorMessage: message },
  };
}
