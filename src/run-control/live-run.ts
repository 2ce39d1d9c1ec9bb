/**
 * The live-run wait of a begin: what GitHub is asked about an active execution's owner, what it
 * answers, and how begin keeps track of the answer while it waits (begin.ts runs the loop).
 */
import type { ExecutionRow } from '../catalog/catalog.js';
import type { BeginPlan } from '../decision.js';

/** The GitHub run (attempt) that owns an active execution, from its stored columns. */
export interface RunOwner {
  executionId: string;
  repository: string | null;
  runId: string | null;
  runAttempt: string | null;
}

/**
 * What GitHub said about an owner. `url` links to the run attempt (null when there is none to
 * link to); an unknown verdict says why it could not be asked and what to do, each as a clause
 * that fits into one sentence.
 */
export type LiveRunVerdict =
  | { run: 'alive'; status: string; url: string | null }
  | { run: 'completed'; conclusion: string | null; url: string }
  | { run: 'unknown'; why: string; todo: string; url: string | null };

/** Asks GitHub about an owner. It never throws: anything that goes wrong is an unknown verdict. */
export type LiveRunCheck = (owner: RunOwner) => Promise<LiveRunVerdict>;

export interface LiveRunOptions {
  check: LiveRunCheck;
  /** skip: yield to a live run at once; wait: ask again until it completes or timeoutMs has passed, then yield. */
  onLiveRun: 'skip' | 'wait';
  timeoutMs: number;
  /** Between two questions while waiting; default pollInterval(timeoutMs). */
  pollMs?: number;
}

/**
 * The live-run check a begin's decision was made with, for the shells to show (and to record: a
 * yield writes nothing to the Execution table, so this is where it is told).
 */
export interface LiveRunReport {
  owner: RunOwner;
  verdict: LiveRunVerdict;
  /** How many times GitHub was asked. */
  checks: number;
  /** How long begin waited for a live run to complete (on-live-run: wait), in ms. */
  waitedMs: number;
  /**
   * Whether the plan was decided with this verdict (resume, abandon or yield of the execution it
   * is about). False when that execution ended or changed hands after GitHub was asked, e.g. its
   * run ended it while this begin waited: the plan then follows from what the catalog held.
   */
  decisive: boolean;
}

/** Waiting for a live run: ask every 30 s, or more often for short time-outs (at least every second). */
export function pollInterval(timeoutMs: number): number {
  return Math.min(30_000, Math.max(1_000, Math.round(timeoutMs / 20)));
}

/** A verdict, and which owner of which execution it is about. */
export interface Checked {
  executionId: string;
  runKey: string | null;
  report: LiveRunReport;
  /** Final: the decision may use it (not while waiting for a live run to complete). */
  final: boolean;
}

/** The owner of an active execution that was taken over, or begun, while this run asked GitHub about another. */
export function arrived(before: Checked, active: ExecutionRow, final: boolean): Checked {
  return {
    executionId: active.executionId,
    runKey: active.runKey,
    report: {
      ...before.report,
      owner: ownerOf(active),
      verdict: { run: 'alive', status: 'began while this run was asking GitHub', url: null },
    },
    final,
  };
}

export const isSame = (checked: Checked, active: ExecutionRow) =>
  checked.executionId === active.executionId && checked.runKey === active.runKey;

/** Whether a plan was decided about the execution the verdict is about (step 5). */
export function isAbout(checked: Checked, plan: BeginPlan): boolean {
  switch (plan.kind) {
    case 'resume':
      return plan.executionId === checked.executionId;
    case 'abandon-and-insert':
      return plan.abandoned.executionId === checked.executionId;
    case 'yield':
    case 'ask':
      return plan.execution.executionId === checked.executionId;
    default:
      return false;
  }
}

export const ownerOf = (active: ExecutionRow): RunOwner => ({
  executionId: active.executionId,
  repository: active.repository,
  runId: active.runId,
  runAttempt: active.runAttempt,
});

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
