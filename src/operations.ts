/**
 * The rules of the operator's catalog-wide commands, as pure functions over what the catalog
 * holds: what bfx check flags, what bfx purge keeps, what bfx delete and bfx rename refuse.
 * docs/catalog.md (Retention) and the README (CLI) state the same rules in prose;
 * run-control/catalog-commands.ts reads the state, asks these functions and applies their plans;
 * engines only read and write.
 */
import type { ExecutionStatus } from './decision.js';

// ---- check ----------------------------------------------------------------------------------------

/** Why bfx check flags a package: its latest execution failed, an execution is active too long, or it is disabled. */
export type Concern = 'failed' | 'stuck' | 'disabled';

export const DEFAULT_STUCK_AFTER_MINUTES = 360;

export interface HealthState {
  isEnabled: boolean;
  latest: { executionStatus: ExecutionStatus } | null;
  /** The active execution's StartTime (ISO 8601, the catalog's clock), if one is active. */
  activeSince: string | null;
}

/** What is wrong with a package, in a fixed order; none for a healthy one. `now` is the catalog server's clock. */
export function packageConcerns(state: HealthState, now: string, stuckAfterMinutes: number): Concern[] {
  const concerns: Concern[] = [];
  if (state.latest?.executionStatus === 'F') concerns.push('failed');
  if (state.activeSince !== null && minutesBetween(state.activeSince, now) > stuckAfterMinutes) concerns.push('stuck');
  if (!state.isEnabled) concerns.push('disabled');
  return concerns;
}

/** Whole and partial minutes from one catalog timestamp to another. */
export function minutesBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 60_000;
}

// ---- purge ----------------------------------------------------------------------------------------

/**
 * However few days bfx purge is given (0 included), executions that started within this window
 * stay: a run whose begin is retried (the action's retry, a scheduler re-running the same run
 * key) must find its execution again (re-entry), not begin a second one.
 */
export const REENTRY_WINDOW_MINUTES = 24 * 60;

/** The age, in minutes, from which bfx purge --older-than DAYS may delete. */
export function purgeAgeMinutes(olderThanDays: number): number {
  return Math.max(olderThanDays * 24 * 60, REENTRY_WINDOW_MINUTES);
}

/** What the catalog says of one execution that retention depends on, read by the engine. */
export interface ExecutionStanding {
  executionId: string;
  parentExecutionId: string | null;
  executionStatus: ExecutionStatus;
  ended: boolean;
  /** Started before the purge's age (purgeAgeMinutes), by the catalog's clock. */
  old: boolean;
  /** Its package's most recent execution. */
  latest: boolean;
  /** Its package's execution that ended last: the one the next begin follows (docs/decision.md, step 6). */
  lastEnded: boolean;
  /** Its package's most recent execution with its ExecutionStatus. */
  latestOfItsStatus: boolean;
  /** A high-water mark (ConfigVariable.ExecutionID) names it. */
  marksVariables: boolean;
}

/** Why an execution old enough to purge is kept: a decision, an output or a mark still reads it. */
export type KeepReason =
  'active' | 'recent' | 'latest' | 'last-success' | 'marks-variables' | 'batch-kept' | 'child-kept';

/** Why an execution is kept for its own sake, or null when nothing reads it. */
export function ownKeepReason(execution: ExecutionStanding): KeepReason | null {
  // Begin resumes or abandons the active execution, and end finishes it, reading its takeovers.
  if (!execution.ended) return 'active';
  if (!execution.old) return 'recent';
  // Begin reads the NextLoadStatus of the execution that ended last; a later attempt re-closes a
  // failed batch while it is the latest.
  if (execution.latest || execution.lastEnded) return 'latest';
  // Begin's LastExecutionID output.
  if (execution.executionStatus === 'S' && execution.latestOfItsStatus) return 'last-success';
  // bfx var shows which execution committed each mark.
  if (execution.marksVariables) return 'marks-variables';
  return null;
}

export interface PurgeState {
  /** Executions of one package, old enough to purge. */
  candidates: ExecutionStanding[];
  /** The batch executions the candidates ran under (ParentExecutionID), of any package. */
  parents: ExecutionStanding[];
  /** The executions, of any package, that ran under a candidate. */
  children: ExecutionStanding[];
}

export interface PurgePlan {
  /** The candidates to delete, with their row counts and audit entries. */
  delete: string[];
  kept: { executionId: string; reason: KeepReason }[];
}

/**
 * Which candidates go. A candidate stays when something reads it for its own sake; when the batch
 * execution it ran under stays for its own sake (that batch's end, reset or re-close reads its
 * children); or when a child that ran under it stays for its own sake (that child's end reads its
 * batch execution, and its begin's BatchStartTime).
 */
export function decidePurge(state: PurgeState): PurgePlan {
  const parentKept = new Set(
    state.parents.filter((parent) => ownKeepReason(parent) !== null).map((parent) => parent.executionId),
  );
  const childKept = new Set(
    state.children.filter((child) => ownKeepReason(child) !== null).flatMap((child) => child.parentExecutionId ?? []),
  );
  const plan: PurgePlan = { delete: [], kept: [] };
  for (const candidate of state.candidates) {
    const reason =
      ownKeepReason(candidate) ??
      (candidate.parentExecutionId !== null && parentKept.has(candidate.parentExecutionId) ? 'batch-kept' : null) ??
      (childKept.has(candidate.executionId) ? 'child-kept' : null);
    if (reason === null) plan.delete.push(candidate.executionId);
    else plan.kept.push({ executionId: candidate.executionId, reason });
  }
  return plan;
}

// ---- delete and rename ----------------------------------------------------------------------------

export type DeletePlan =
  | { kind: 'no-package' }
  /** Refused: the active execution's run would end an execution that is gone. */
  | { kind: 'active'; executionId: string }
  | { kind: 'delete' };

export function decideDelete(state: { packageFound: boolean; active: { executionId: string } | null }): DeletePlan {
  if (!state.packageFound) return { kind: 'no-package' };
  if (state.active) return { kind: 'active', executionId: state.active.executionId };
  return { kind: 'delete' };
}

export type RenamePlan = { kind: 'no-package' } | { kind: 'same-name' } | { kind: 'taken' } | { kind: 'rename' };

/**
 * A rename keeps the package's ID, so its executions, marks and audit entries follow it; an
 * active execution is ended by its ExecutionID, so a rename does not wait for it.
 */
export function decideRename(state: { packageFound: boolean; sameName: boolean; newNameTaken: boolean }): RenamePlan {
  if (!state.packageFound) return { kind: 'no-package' };
  if (state.sameName) return { kind: 'same-name' };
  if (state.newNameTaken) return { kind: 'taken' };
  return { kind: 'rename' };
}
