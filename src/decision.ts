/**
 * Every rule of the catalog as a pure function over what the catalog holds: begin, end, and the
 * operator's skip / resume / reset. docs/decision.md states the same rules in prose. Run control
 * (src/run-control/) reads the state under the package's lock, asks these functions, and applies
 * the plan they return; no catalog engine and no SQL text makes a decision.
 */

/** E Executing, R Retry, A Active, C Canceled, S Succeeded, F Failed. */
export type ExecutionStatus = 'E' | 'R' | 'A' | 'C' | 'S' | 'F';
/** P Pending, R Retry, C Canceled. */
export type NextLoadStatus = 'P' | 'R' | 'C';
export type Outcome = 'success' | 'failure' | 'cancelled';

export const DEFAULT_RETRY_LIMIT = 3;

/**
 * Whether an execution of this status runs a load: E (a new load), R (a retry), A (a resumed
 * one). Such an execution is its begin's to end; a begin that skipped the load (C) wrote a row
 * that is already ended.
 */
export function isRunnable(status: ExecutionStatus): boolean {
  return status === 'E' || status === 'R' || status === 'A';
}

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
  /**
   * NextLoadStatus of the package's execution that ended last (step 6), if any. Not the highest
   * ExecutionID: a disabled package's skip is born ended while another execution may be active,
   * and that execution's end, later, is what the next begin must follow.
   */
  latestNextLoadStatus: NextLoadStatus | null;
  /** Whether the run that owns `active` is still alive; undefined when GitHub is not asked. */
  activeRun?: LiveRun;
  /** The batch execution this begin names as its parent (parent-execution-id); none when absent. */
  parentExecutionId?: string | null;
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
      /**
       * A resumed execution runs under the batch execution its latest begin names (none: under no
       * batch), so that batch's end is the one that decides its NextLoadStatus.
       */
      parentExecutionId: string | null;
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
  nextLoadStatus: NextLoadStatus;
  errorMessage: string | null;
}

/**
 * Whether an execution holds what an end (or a reset) wrote. One whose commit's answer was lost
 * (the connection dropped after COMMIT was sent) runs again and finds its execution ended: when it
 * holds this end's status and message, the commit went through and the end is done, not "already
 * ended" (and a reset does not end what a begin started meanwhile). The NextLoadStatus is not
 * compared: others may have set it since (an operator's skip or resume, its batch's end).
 */
export function holdsFinish(
  execution: { ended: boolean; executionStatus: string; errorMessage: string | null },
  finish: FinishPlan,
): boolean {
  return (
    execution.ended &&
    execution.executionStatus === finish.executionStatus &&
    execution.errorMessage === finish.errorMessage
  );
}

/**
 * Whether a variable holds what an operator's var set stored over the value it read: its value, the
 * value before as PreviousValue, and no execution's. Run again after its commit's answer was lost,
 * a var set that finds it so is done; storing again would make PreviousValue the new value.
 */
export function holdsVariable(
  stored: { value: string; previousValue: string | null; executionId: string | null },
  set: { value: string },
  previousValue: string | null,
): boolean {
  return stored.value === set.value && stored.previousValue === previousValue && stored.executionId === null;
}

/**
 * A command run again after its COMMIT's answer was lost: its own audit entry (same execution,
 * detail, actor) among those recorded since its attempt read the newest, if that attempt
 * committed. Its effect is no proof: others may have undone it since (docs/design.md).
 */
export function recordedSince<E extends AuditMark>(since: readonly E[], entry: AuditMark): E | undefined {
  return since.find(
    (recorded) =>
      recorded.executionId === entry.executionId && recorded.detail === entry.detail && recorded.actor === entry.actor,
  );
}

/** What tells one command's audit entry from another's of the same action. */
export interface AuditMark {
  executionId: string | null;
  detail: string | null;
  actor: string | null;
}

/**
 * The plan a begin reports. A begin whose commit's answer was lost runs again and finds the
 * execution carrying its run key, which the attempt that sent the COMMIT had not found under the
 * same lock: its own write, committed. It reports the decision it made then (insert, resume,
 * abandon and insert), not a re-entry; a re-entry is a begin that found its run's execution
 * from the start.
 */
export function reportedBeginPlan(plan: BeginPlan, sent: BeginPlan | undefined): BeginPlan {
  return plan.kind === 'reenter' && sent !== undefined && beginWrites(sent) ? sent : plan;
}

/** Step 3: the retry-limit input, else the package row's RetryLimit, else 3. */
export function effectiveRetryLimit(input: number | undefined, packageRetryLimit: number | null): number {
  return input ?? packageRetryLimit ?? DEFAULT_RETRY_LIMIT;
}

/** What a begin does about the batch execution it names (parent-execution-id). */
export type ParentPlan =
  | { kind: 'no-parent' }
  | { kind: 'under-parent'; parentExecutionId: string }
  /** Refused before anything else is decided: nothing is begun, and the package is not registered. */
  | { kind: 'unknown-parent'; parentExecutionId: string };

/** A named parent must be an execution of the catalog: a begin cannot run under a batch that is not there. */
export function decideParent(parentExecutionId: string | null, parentFound: boolean): ParentPlan {
  if (parentExecutionId === null) return { kind: 'no-parent' };
  return parentFound ? { kind: 'under-parent', parentExecutionId } : { kind: 'unknown-parent', parentExecutionId };
}

/**
 * Whether a begin's plan writes to the catalog: every plan but a re-entry (it returns what the
 * first begin wrote) and an ask (nothing is written before GitHub answers). Only a begin that
 * writes marks its package a batch and registers the load's high-water marks.
 */
export function beginWrites(plan: BeginPlan): boolean {
  return plan.kind !== 'reenter' && plan.kind !== 'ask';
}

/**
 * Whether a begin marks its package a batch: asked to (is-batch), by a begin that writes, and not
 * a batch yet. A begin without is-batch never unmarks one.
 */
export function marksBatch(plan: BeginPlan, isBatch: boolean, packageIsBatch: boolean): boolean {
  return beginWrites(plan) && isBatch && !packageIsBatch;
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
        parentExecutionId: state.parentExecutionId ?? null,
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

/** The outcome an end records, and its message (ErrorMessage, for an outcome other than success). */
export interface EndOutcome {
  outcome: Outcome;
  message: string | null;
}

/**
 * What an end records: the outcome it was asked for, unless what the load reported back (its
 * marks and row counts, in files or inputs) could not be read; then the load failed, with the
 * sentence that says why, and nothing it reported is stored.
 */
export function endOutcome(asked: EndOutcome, unreadableReport: string | null): EndOutcome {
  return unreadableReport === null ? asked : { outcome: 'failure', message: unreadableReport };
}

/**
 * A begin's BatchStartTime: for a child, its batch execution's StartTime, so that every load of
 * one batch filters on the same instant; for any other execution, its own StartTime.
 */
export function batchStartTime(ownStartTime: string, batch: { startTime: string } | null): string {
  return batch?.startTime ?? ownStartTime;
}

/** A begin's LastExecutionID is the package's latest execution of this status: the last load that succeeded. */
export const LAST_EXECUTION_STATUS = 'S' satisfies ExecutionStatus;

/** Who is ending an execution, so that end can tell a takeover (step 5) from its own run. */
export type EndCaller =
  /** The begin's own post step: the same run key. */
  | { runKey: string }
  /**
   * Another job of the same workflow run (end/action.yml), in the attempt it runs in. Any attempt
   * owns the run's execution: "Re-run failed jobs" re-runs the end job in a new attempt while the
   * begin job's execution stays from the first.
   */
  | { runId: string; runAttempt: number }
  /** An operator (CLI without --run-key): no ownership check. */
  | null;

/**
 * An owner an execution had before a takeover (begin step 5, resume): the run key and workflow
 * run id of the run it was taken from. Run control records one with every takeover (the audit log).
 */
export interface PreviousOwner {
  runKey: string | null;
  runId: string | null;
}

/** The workflow run attempt whose end ended a batch execution F (recorded with that end). */
export interface BatchFailure {
  runId: string;
  runAttempt: number;
}

/**
 * What decides whether an end may re-close a failed batch execution, read only when one asks
 * (plan 'read-reclose').
 */
export interface RecloseState {
  /** Who ended the batch execution F, when an end of a workflow run did (not an abandon, not a reset). */
  failedBy: BatchFailure | null;
  /** The ExecutionID of the package's most recent execution. */
  latestExecutionId: string;
}

/** What an end sees, read under the locks of the execution's batch (if any) and of its package. */
export interface EndState<E extends ExecutionSnapshot> {
  execution: E;
  /**
   * The owners the execution had before its takeovers, oldest first, as recorded with each
   * takeover; undefined until read (run control reads them only when the end asks: plan
   * 'read-owners').
   */
  previousOwners?: PreviousOwner[];
  /** Undefined until read (plan 'read-reclose'). */
  reclose?: RecloseState;
  /** The execution's package is a batch: its executions are the parents of other packages'. */
  isBatch: boolean;
  /** The batch execution this execution runs under (its ParentExecutionID), if any. */
  parent: E | null;
  /** A batch execution's children, of any package; empty for any other execution. */
  children: E[];
  /** The children whose NextLoadStatus an operator set since they ended (skip, resume); none when absent. */
  operatorChanged?: string[];
}

/** A NextLoadStatus for some of a batch's children, set in the transaction that ends the batch. */
export interface ChildrenPlan {
  executionIds: string[];
  nextLoadStatus: NextLoadStatus;
}

/** What an end that writes writes. */
export interface EndWrites {
  finish: FinishPlan;
  children: ChildrenPlan | null;
  /** Only an end that records S commits the load's high-water marks. */
  commitVariables: boolean;
  /** A batch ended F by a workflow run: who, recorded so that a later attempt of it may re-close it. */
  recordFailure: BatchFailure | null;
}

export type EndPlan =
  /** The execution ends now. */
  | ({ kind: 'end' } & EndWrites)
  /**
   * A batch ended F by this run is closed again as S. `endedAs`: the status it ended with, which
   * it must still hold when it is written (else the transaction fails, changing nothing).
   */
  | ({ kind: 'reclose'; endedAs: 'F' } & EndWrites)
  /** Nothing is written. `why` is set when the end asked to re-close a batch and may not. */
  | { kind: 'already-ended'; why?: string }
  /** Another run took the execution over from the caller: it is that run's to end (a warning). */
  | { kind: 'taken-over' }
  /**
   * The execution belongs to another run and was never the caller's: a wiring mistake (the
   * ExecutionID of another workflow run, a wrong run key). Nothing is written; the step fails.
   */
  | { kind: 'not-owned' }
  /** Write nothing yet: read who owned the execution before its takeovers, then decide again. */
  | { kind: 'read-owners' }
  /** Write nothing yet: read who failed the batch and whether a later execution exists, then decide again. */
  | { kind: 'read-reclose' };

/**
 * What a batch's end (or reset) sets on its children: on S every child proceeds normally next
 * time (P); on F the children that succeeded are skipped next time (C), the failed keep R, and
 * the ones that never began start fresh (E). A child whose NextLoadStatus an operator set (skip,
 * resume) after it ended keeps it: the operator's word is the later one.
 */
export function batchPropagation<E extends ExecutionSnapshot>(
  status: 'S' | 'F',
  children: E[],
  operatorChanged: string[] = [],
): ChildrenPlan {
  const open = children.filter((child) => !operatorChanged.includes(child.executionId));
  return status === 'S'
    ? { executionIds: open.map((child) => child.executionId), nextLoadStatus: 'P' }
    : {
        executionIds: open.filter((child) => child.executionStatus === 'S').map((child) => child.executionId),
        nextLoadStatus: 'C',
      };
}

export function decideEnd<E extends ExecutionSnapshot>(
  state: EndState<E>,
  outcome: Outcome,
  message: string | null,
  caller: EndCaller,
): EndPlan {
  const { execution, isBatch, parent, children } = state;
  const { executionId } = execution;
  const toChildren = (status: 'S' | 'F'): ChildrenPlan | null =>
    isBatch ? batchPropagation(status, children, state.operatorChanged) : null;

  if (execution.ended) {
    // "Re-run failed jobs": only a later attempt of the run whose own end failed the batch may
    // close it again, and only while nothing came after it.
    const asksToReclose =
      isBatch && execution.executionStatus === 'F' && outcome === 'success' && caller !== null && 'runId' in caller;
    if (!asksToReclose) return { kind: 'already-ended' };
    if (!state.reclose) return { kind: 'read-reclose' };
    const why = recloseRefusal(state.reclose, executionId, caller);
    if (why) return { kind: 'already-ended', why };
    return {
      kind: 'reclose',
      endedAs: 'F',
      finish: { executionId, executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null },
      children: toChildren('S'),
      commitVariables: true,
      recordFailure: null,
    };
  }
  if (caller && !ownedBy(execution, caller)) return ownership(state, caller);
  if (outcome === 'success') {
    // A child that succeeds after its batch has already failed is skipped by the batch's rerun.
    const batchFailed = parent !== null && parent.ended && parent.executionStatus === 'F';
    return {
      kind: 'end',
      finish: { executionId, executionStatus: 'S', nextLoadStatus: batchFailed ? 'C' : 'P', errorMessage: null },
      children: toChildren('S'),
      commitVariables: true,
      recordFailure: null,
    };
  }
  return {
    kind: 'end',
    finish: {
      executionId,
      executionStatus: 'F',
      nextLoadStatus: 'R',
      errorMessage: message ?? (outcome === 'cancelled' ? 'The job was cancelled.' : 'The job failed.'),
    },
    children: toChildren('F'),
    commitVariables: false,
    recordFailure: isBatch && caller !== null && 'runId' in caller ? { ...caller } : null,
  };
}

/** Why a success may not re-close a failed batch execution, as a clause; undefined when it may. */
function recloseRefusal(
  reclose: RecloseState,
  executionId: string,
  caller: { runId: string; runAttempt: number },
): string | undefined {
  const { failedBy, latestExecutionId } = reclose;
  if (latestExecutionId !== executionId) {
    return `a later execution (${latestExecutionId}) of the batch has begun since it failed`;
  }
  if (!failedBy) return 'it was not failed by an end of a workflow run (it was abandoned or reset)';
  if (failedBy.runId !== caller.runId) return `it was failed by another workflow run (${failedBy.runId})`;
  if (caller.runAttempt <= failedBy.runAttempt) {
    return `only a later attempt than attempt ${failedBy.runAttempt}, whose end failed it, may close it again`;
  }
  return undefined;
}

function ownedBy(owner: { runKey: string | null; runId: string | null }, caller: NonNullable<EndCaller>): boolean {
  if ('runKey' in caller) return owner.runKey === caller.runKey;
  return owner.runId === caller.runId;
}

/**
 * An active execution another run owns now: taken over from the caller, or never the caller's?
 * Only a takeover (begin step 5) changes an execution's owner, and each adds one to its
 * RetryCount: at RetryCount 0 the owner in the row is the only one it ever had, so the caller
 * never owned it. Otherwise the owners before are those recorded with the takeovers; if fewer
 * takeovers are recorded than RetryCount counts (made by a release that did not record them),
 * the caller may have been one of the unrecorded owners, and it is taken as a takeover.
 */
function ownership<E extends ExecutionSnapshot>(state: EndState<E>, caller: NonNullable<EndCaller>): EndPlan {
  const { execution, previousOwners } = state;
  if (execution.retryCount === 0) return { kind: 'not-owned' };
  if (previousOwners === undefined) return { kind: 'read-owners' };
  if (previousOwners.some((owner) => ownedBy(owner, caller))) return { kind: 'taken-over' };
  return previousOwners.length < execution.retryCount ? { kind: 'taken-over' } : { kind: 'not-owned' };
}

/** What an operator change of a package sees, read under the package's lock. */
export interface OperatorState<E extends ExecutionSnapshot> {
  packageFound: boolean;
  active: E | null;
  latest: E | null;
  /** The active execution's children (ended or not), when the package is a batch; empty otherwise. */
  activeChildren: E[];
  /** Of those, the ones whose NextLoadStatus an operator set since they ended (skip, resume). */
  operatorChanged?: string[];
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

export type ResetPlan =
  | { kind: 'no-package' }
  | { kind: 'none-active' }
  /**
   * The active execution ends F / R, as a failed end would, with a failed batch's propagation:
   * its children still active end F / R too, and those that succeeded get C (`propagation`).
   */
  | { kind: 'reset'; finish: FinishPlan; children: FinishPlan[]; propagation: ChildrenPlan | null };

/** reset: the package's active execution ends as F / R, so that the next begin retries it (R). */
export function decideReset<E extends ExecutionSnapshot>(state: OperatorState<E>, message: string): ResetPlan {
  if (!state.packageFound) return { kind: 'no-package' };
  if (!state.active) return { kind: 'none-active' };
  const failed = (executionId: string): FinishPlan => ({
    executionId,
    executionStatus: 'F',
    nextLoadStatus: 'R',
    errorMessage: message,
  });
  const succeeded = batchPropagation('F', state.activeChildren, state.operatorChanged);
  return {
    kind: 'reset',
    finish: failed(state.active.executionId),
    children: state.activeChildren.filter((child) => !child.ended).map((child) => failed(child.executionId)),
    propagation: succeeded.executionIds.length > 0 ? succeeded : null,
  };
}
