/**
 * The model: what a history did, kept beside the catalog, small enough to trust by reading. It
 * never decides what a begin or an end does (that is decision.ts, under test); it remembers the
 * facts the invariants are stated in: which batch execution each execution runs under by its
 * latest begin, why an execution may legitimately be skipped next time, what an operator changed,
 * how a batch execution came to fail, and which run keys began what.
 */
import type { BeginRequest, BeginResult } from '../../src/run-control/index.js';

/** The history's packages: a batch, two of its children, and a package of its own. */
export const PACKAGES = ['B', 'C1', 'C2', 'P'] as const;
export type PackageKey = (typeof PACKAGES)[number] | `K${number}`;
export const isBatch = (pkg: string) => pkg === 'B';

/** A begin that returned: what it asked and what it was told (the step's outputs). */
export interface Handle {
  pkg: string;
  runId: string;
  attempt: number;
  runKey: string;
  request: BeginRequest;
  result: BeginResult;
}

/** Why an execution's NextLoadStatus C is what the rules ask for, so that a begin skipping after it is right. */
export type SkipReason =
  | 'operator skip'
  | 'its batch execution failed after it succeeded'
  | 'it succeeded after its batch execution failed'
  | 'a skipped execution before it';

export class Model {
  readonly handles: Handle[] = [];
  /** Batch executions inserted, oldest first: what a child's parent-execution-id names. */
  readonly batches: { executionId: string; runId: string }[] = [];
  /** The batch execution each execution runs under, as named by its latest begin that wrote it (null: none). */
  readonly parentOf = new Map<string, string | null>();
  /** Executions whose NextLoadStatus C is asked for by the rules, and why. */
  readonly skipReason = new Map<string, SkipReason>();
  /** Ended executions whose NextLoadStatus an operator set (skip or resume). */
  readonly operatorSet = new Map<string, 'C' | 'P'>();
  /** Failed executions whose batch execution succeeded after they ended: their failure is moot. */
  readonly moot = new Set<string>();
  /**
   * How each failed batch execution came to fail: by an end of a workflow run (end/action.yml) in
   * an attempt, or otherwise (an abandon, a reset, an operator's or a post step's end).
   */
  readonly batchFailure = new Map<string, { runId: string; attempt: number } | 'otherwise'>();
  /**
   * Each package's execution that ended last (by package name): what step 6 of the next begin
   * follows, and what skip and resume change. Mostly the newest execution; not when a disabled
   * begin's skip was born ended while another execution was still active.
   */
  readonly lastEnded = new Map<string, string>();
  /** Packages an operator has disabled and not enabled since. */
  readonly disabled = new Set<string>();

  /** The batch execution a child's begin names: the latest one, the one of its own run, or none. */
  parentFor(choice: 'none' | 'latest' | 'same-run', runId: string): string | undefined {
    if (choice === 'none') return undefined;
    const candidates = choice === 'latest' ? this.batches : this.batches.filter((batch) => batch.runId === runId);
    return candidates.at(-1)?.executionId;
  }

  /** The children of a batch execution, by the model: the executions whose latest begin named it. */
  childrenOf(batchExecutionId: string): string[] {
    return [...this.parentOf].filter(([, parent]) => parent === batchExecutionId).map(([id]) => id);
  }
}
