/**
 * The invariants of docs/decision.md ("Invariants"), checked from what the catalog holds before
 * and after each step of a history, and from the model's facts (model.ts). Nothing here asks
 * decision.ts: each check states a rule a data engineer relies on, in terms of rows.
 *
 * A failed check throws an InvariantViolation naming the invariant; fast-check then shrinks the
 * history to a minimal one that still breaks it.
 */
import { DEFAULT_RETRY_LIMIT } from '../../src/decision.js';
import type { BeginRequest, BeginResult, EndRequest, EndResult } from '../../src/run-control/index.js';
import type { ResetResult } from '../../src/run-control/package-commands.js';
import type { Model } from './model.js';
import type { Row, VariableRow, Verdict } from './world.js';

export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
  constructor(
    readonly invariant: string,
    message: string,
  ) {
    super(`invariant ${invariant}: ${message}`);
  }
}

function violated(invariant: string, message: string): never {
  throw new InvariantViolation(invariant, message);
}

/** What the catalog holds for a history at one moment. */
export interface Snapshot {
  rows: Row[];
  variables: Map<string, VariableRow[]>;
}

const show = (row: Row | undefined) =>
  row === undefined
    ? 'no row'
    : `#${row.executionId} ${row.packageName.replace(/^h\d+x\d+_/, '')} ${row.executionStatus}/${row.nextLoadStatus}` +
      ` r${row.retryCount}${row.endTime ? ' ended' : ' active'} parent ${row.parentExecutionId ?? '-'} key ${row.runKey}`;

const byId = (rows: Row[]) => new Map(rows.map((row) => [row.executionId, row]));
const ofPackage = (rows: Row[], name: string) => rows.filter((row) => row.packageName === name);
const active = (rows: Row[], name: string) => ofPackage(rows, name).filter((row) => !row.ended);

/** What a step may change beyond its own execution, declared by the step (commands.ts). */
export interface Allowances {
  /** An ended execution whose NextLoadStatus this step may set (a batch's children, skip, resume). */
  nextLoadStatus?: (row: Row) => boolean;
  /** A failed batch execution this step may close again as S (re-run failed jobs), checked by checkEnd. */
  reclosed?: string;
  /** Whose variables this step may change: a package and the execution whose S end commits them (null: an operator). */
  variables?: { pkg: string; executionId: string | null }[];
  /** An operator's skip or resume: it may change what an operator set before. */
  operator?: boolean;
  /** A begin registers the variables a package lacks. */
  registers?: (pkg: string) => boolean;
}

/** The invariants every step keeps, whatever it was (1, 2, 5, the run keys of 8, the batch links of 3). */
export function checkEveryStep(
  model: Model,
  name: (pkg: string) => string,
  before: Snapshot,
  after: Snapshot,
  allow: Allowances,
): void {
  const afterById = byId(after.rows);
  const packages = new Set(after.rows.map((row) => row.packageName));

  // 1. At most one active execution per package.
  for (const pkg of packages) {
    const live = active(after.rows, pkg);
    if (live.length > 1)
      violated('1', `package ${pkg} has ${live.length} active executions: ${live.map(show).join('; ')}`);
  }

  // 2. An ended execution stays as it ended: status, end time and message; only the one re-close.
  for (const was of before.rows) {
    const now = afterById.get(was.executionId);
    if (!now) violated('2', `execution ${show(was)} disappeared`);
    if (!was.ended) continue;
    if (!now.ended) violated('2', `ended execution ${show(was)} is active again: ${show(now)}`);
    const reclosed = allow.reclosed === was.executionId && was.executionStatus === 'F' && now.executionStatus === 'S';
    if (!reclosed && (now.executionStatus !== was.executionStatus || now.endTime !== was.endTime)) {
      violated('2', `ended execution changed: ${show(was)} -> ${show(now)}`);
    }
    if (now.nextLoadStatus !== was.nextLoadStatus && !reclosed) {
      if (!allow.nextLoadStatus?.(now)) {
        violated(
          '2',
          `NextLoadStatus of ended execution changed by a step that may not change it: ${show(was)} -> ${show(now)}`,
        );
      }
      if (model.operatorSet.has(was.executionId) && !allow.operator) {
        violated('2', `what an operator set was undone by a later step: ${show(was)} -> ${show(now)}`);
      }
    }
  }

  // 5. High-water marks change only by an S end of the package's current execution, or an operator.
  for (const [pkg, variables] of after.variables) {
    const earlier = new Map((before.variables.get(pkg) ?? []).map((variable) => [variable.name, variable]));
    for (const variable of variables) {
      const was = earlier.get(variable.name);
      if (!was) {
        if (!allow.registers?.(pkg) && !allow.variables?.some((writer) => writer.pkg === pkg)) {
          violated('5', `variable ${variable.name} of ${pkg} appeared in a step that registers none`);
        }
        continue;
      }
      if (was.value === variable.value && was.executionId === variable.executionId) continue;
      const writer = allow.variables?.find((w) => w.pkg === pkg && w.executionId === variable.executionId);
      if (!writer) {
        violated(
          '5',
          `variable ${variable.name} of ${pkg} changed from ${was.value} to ${variable.value} (execution ${variable.executionId}) ` +
            'by a step that is no S end of that execution nor an operator',
        );
      }
      const others = active(after.rows, name(pkg)).filter((row) => row.executionId !== writer.executionId);
      if (writer.executionId !== null && others.length > 0) {
        violated(
          '5',
          `variable ${variable.name} of ${pkg} committed while another execution is active: ${show(others[0])}`,
        );
      }
    }
  }

  // 8. No run key has two executions of one package.
  const keys = new Map<string, Row>();
  for (const row of after.rows) {
    if (row.runKey === null) continue;
    const key = `${row.packageName}\u0000${row.runKey}`;
    const other = keys.get(key);
    if (other) violated('8', `run key ${row.runKey} has two executions: ${show(other)} and ${show(row)}`);
    keys.set(key, row);
  }

  // 3. A child runs under the batch execution its latest begin named (none: under none).
  for (const [executionId, parent] of model.parentOf) {
    const row = afterById.get(executionId);
    if (row && row.parentExecutionId !== parent) {
      violated(
        '3',
        `${show(row)} runs under batch execution ${row.parentExecutionId ?? 'none'}, but its latest begin named ${parent ?? 'none'}`,
      );
    }
  }
}

/** What a begin saw of its package, and its outcome. */
export interface BeginCase {
  name: string;
  request: BeginRequest;
  result: BeginResult;
  /** The package's RetryLimit before the begin (null: none, or not registered). */
  packageRetryLimit: number | null;
  verdictOf: (runId: string | null, runAttempt: string | null) => Verdict;
  /** Whether an operator had disabled the package. */
  disabled: boolean;
}

/** A begin's outcome against the rules' invariants (3, 4, 7, and step 5's yield and resume). */
export function checkBegin(model: Model, before: Snapshot, after: Snapshot, c: BeginCase): void {
  const { request, result, name } = c;
  const rows = ofPackage(before.rows, name);
  const afterById = byId(after.rows);
  const outputs = `${result.executionStatus}/${result.nextLoadStatus} #${result.executionId} (${result.plan.kind})`;
  const unchanged = () => {
    const now = ofPackage(after.rows, name);
    if (JSON.stringify(now) !== JSON.stringify(rows))
      violated('7', `begin ${outputs} was to write nothing, and it changed the rows`);
  };

  // 7. The outputs are what the catalog holds for that execution right after the step.
  const row = afterById.get(result.executionId);
  if (!row) violated('7', `begin returned execution ${result.executionId}, which the catalog does not hold`);
  if (result.plan.kind === 'yield') {
    if (row.ended || row.nextLoadStatus !== result.nextLoadStatus || result.executionStatus !== 'C') {
      violated('7', `a yield's outputs ${outputs} are not C with the live execution's NextLoadStatus: ${show(row)}`);
    }
  } else if (row.executionStatus !== result.executionStatus || row.nextLoadStatus !== result.nextLoadStatus) {
    violated('7', `begin's outputs ${outputs} differ from the catalog's row ${show(row)}`);
  }

  const reentry = rows.filter((r) => r.runKey === request.runKey).at(-1);
  if (reentry) {
    if (result.executionId !== reentry.executionId || result.executionStatus !== reentry.executionStatus) {
      violated(
        '7',
        `a begin again with run key ${request.runKey} returned ${outputs}, not its execution ${show(reentry)}`,
      );
    }
    return unchanged();
  }
  // 7. A begin that found no execution of its run key wrote one: it reports the decision it made.
  if (result.plan.kind === 'reenter') {
    violated(
      '7',
      `begin reported a re-entry (${outputs}), yet no execution carried its run key ${request.runKey} before it`,
    );
  }
  if (c.disabled) {
    if (result.executionStatus !== 'C' || result.nextLoadStatus !== 'P' || !row.ended) {
      violated('4', `a begin of a disabled package returned ${outputs}, not a skipped C / P`);
    }
    return;
  }

  const live = rows.find((r) => !r.ended);
  if (live) {
    // Step 5: yield to a live run; otherwise resume below the retry limit, abandon at it.
    const alive = request.liveRun !== undefined && c.verdictOf(live.runId, live.runAttempt) === 'alive';
    if (alive) {
      if (result.plan.kind !== 'yield' || result.executionId !== live.executionId) {
        violated(
          '7',
          `GitHub said the run owning ${show(live)} is alive, and begin returned ${outputs} instead of yielding`,
        );
      }
      return unchanged();
    }
    const limit = request.retryLimit ?? c.packageRetryLimit ?? DEFAULT_RETRY_LIMIT;
    if (live.retryCount < limit) {
      if (result.executionId !== live.executionId || result.executionStatus !== 'A') {
        violated('3', `${show(live)} is below the retry limit ${limit} and was not resumed: ${outputs}`);
      }
      if (row.runKey !== request.runKey || row.retryCount !== live.retryCount + 1) {
        violated(
          '7',
          `resumed ${show(row)} is not owned by run key ${request.runKey} with RetryCount ${live.retryCount + 1}`,
        );
      }
    } else {
      const abandoned = afterById.get(live.executionId)!;
      if (result.executionStatus !== 'E' || abandoned.executionStatus !== 'F' || !abandoned.ended) {
        violated('3', `${show(live)} reached the retry limit ${limit} and was not abandoned for a fresh E: ${outputs}`);
      }
    }
    return;
  }

  // Step 6: nothing active; the execution that ended last decides. 3: a failure is retried unless
  // an operator or its batch's success made it moot.
  const lastEnded = model.lastEnded.get(name);
  const latest = rows.find((r) => r.executionId === lastEnded);
  if (!latest) {
    if (result.executionStatus !== 'E') violated('3', `the first begin of ${name} returned ${outputs}, not E`);
    return;
  }
  const operator = model.operatorSet.get(latest.executionId);
  if (latest.executionStatus === 'F' && operator === undefined && !model.moot.has(latest.executionId)) {
    if (result.executionStatus !== 'R') {
      violated(
        '3',
        `the execution that ended last, ${show(latest)}, failed, and the next begin returned ${outputs}, not R`,
      );
    }
  }
  // 4. Never R after a success.
  if (latest.executionStatus === 'S' && result.executionStatus === 'R') {
    violated('4', `the execution that ended last, ${show(latest)}, succeeded, and the next begin retries: ${outputs}`);
  }
  // 3. Never skipped because of a stale link: a skip follows from a reason the rules give.
  if (result.executionStatus === 'C' && !model.skipReason.has(latest.executionId)) {
    violated(
      '3',
      `begin skipped (${outputs}) after ${show(latest)}, though no operator skipped it and no batch execution it ` +
        'runs under failed (a stale link?)',
    );
  }
}

export interface EndCase {
  request: EndRequest;
  result: EndResult;
  /** Whether the model says this end may close a failed batch execution again (re-run failed jobs). */
  mayReclose: boolean;
  /** Whether the caller owns the execution now (its run key or run id), or is an operator. */
  owns: (row: Row) => boolean;
  batch: boolean;
  /** Executions whose NextLoadStatus an operator set since they ended: a batch's end leaves them. */
  operatorSet: ReadonlyMap<string, unknown>;
}

/** An end's outcome: 2 (ends once, the one re-close), 7 (outputs = rows) and the batch rules. */
export function checkEnd(before: Snapshot, after: Snapshot, c: EndCase): void {
  const { request, result } = c;
  const was = byId(before.rows).get(request.executionId);
  const now = byId(after.rows).get(request.executionId);
  if (!was || !now) violated('7', `end of ${request.executionId} found no execution`);
  if (was.ended) {
    if (result.kind === 'reclosed' && !c.mayReclose) {
      violated(
        '2',
        `an end (${request.outcome}, caller ${JSON.stringify(request.caller)}) re-closed ${show(was)} outside the rule: -> ${show(now)}`,
      );
    }
    if (result.kind !== 'reclosed' && c.mayReclose) {
      violated(
        '2',
        `a later attempt's successful end of ${show(was)}, failed by its run's end, did not re-close it (${result.kind})`,
      );
    }
    if (result.kind === 'reclosed') checkPropagation(after, now, 'S', c.operatorSet);
    return;
  }
  if (!c.owns(was)) {
    if (result.kind === 'ended' || now.ended)
      violated('2', `an end by a run that does not own ${show(was)} ended it: ${show(now)}`);
    return;
  }
  if (result.kind !== 'ended') violated('7', `the owner's end of ${show(was)} was ${result.kind}`);
  const status = request.outcome === 'success' ? 'S' : 'F';
  if (!now.ended || now.executionStatus !== status) violated('7', `end ${request.outcome} left ${show(now)}`);
  if (
    result.execution.executionStatus !== now.executionStatus ||
    result.execution.nextLoadStatus !== now.nextLoadStatus
  ) {
    violated(
      '7',
      `end reported ${result.execution.executionStatus}/${result.execution.nextLoadStatus}, the catalog holds ${show(now)}`,
    );
  }
  if (status === 'F' && now.nextLoadStatus !== 'R')
    violated('3', `a failed end left ${show(now)}, not NextLoadStatus R`);
  if (status === 'S') {
    const parent = now.parentExecutionId === null ? undefined : byId(after.rows).get(now.parentExecutionId);
    const expected = parent?.ended && parent.executionStatus === 'F' ? 'C' : 'P';
    if (now.nextLoadStatus !== expected)
      violated('3', `a successful end under ${show(parent)} left ${show(now)}, not ${expected}`);
  }
  if (c.batch) checkPropagation(after, now, status, c.operatorSet);
}

/** A batch execution's end sets its children's NextLoadStatus: S -> all P; F -> the succeeded ones C. */
export function checkPropagation(
  after: Snapshot,
  batch: Row,
  status: 'S' | 'F',
  operatorSet: ReadonlyMap<string, unknown>,
): void {
  for (const child of after.rows.filter((row) => row.parentExecutionId === batch.executionId)) {
    // An operator's word is the later one: what an operator set since the child ended stays.
    if (operatorSet.has(child.executionId)) continue;
    if (status === 'S' && child.nextLoadStatus !== 'P') {
      violated('3', `batch execution ${show(batch)} succeeded, and its child ${show(child)} is not P`);
    }
    if (status === 'F' && child.executionStatus === 'S' && child.nextLoadStatus !== 'C') {
      violated('3', `batch execution ${show(batch)} failed, and its succeeded child ${show(child)} is not C`);
    }
  }
}

/**
 * A batch execution's end raced with its children's ends: the outcome must be that of some order.
 * In any order a succeeded child ends up C under a failed batch and P under a succeeded one; a
 * failed child keeps R under a failed batch, and is R or P under a succeeded one (its end after
 * the batch's, or before).
 */
export function checkRace(after: Snapshot, batchExecutionId: string, status: 'S' | 'F', childIds: string[]): void {
  const batch = after.rows.find((row) => row.executionId === batchExecutionId)!;
  if (!batch.ended || batch.executionStatus !== status)
    violated('8', `the batch's end racing its children left ${show(batch)}`);
  for (const id of childIds) {
    const child = after.rows.find((row) => row.executionId === id)!;
    const allowed = child.executionStatus === 'S' ? [status === 'F' ? 'C' : 'P'] : status === 'F' ? ['R'] : ['R', 'P'];
    if (!allowed.includes(child.nextLoadStatus)) {
      violated(
        '8',
        `batch execution ${show(batch)} ended racing its children, and left ${show(child)}: no order of the ends gives that`,
      );
    }
  }
}

/** A reset ends the active execution F / R, and for a batch fails its active children and skips its succeeded ones. */
export function checkReset(
  before: Snapshot,
  after: Snapshot,
  name: string,
  batch: boolean,
  result: ResetResult,
  operatorSet: ReadonlyMap<string, unknown>,
): void {
  const was = active(before.rows, name)[0];
  if (!was) {
    if (result.kind === 'reset') violated('2', `reset of ${name} reset something with nothing active`);
    return;
  }
  const now = byId(after.rows).get(was.executionId)!;
  if (!now.ended || now.executionStatus !== 'F' || now.nextLoadStatus !== 'R')
    violated('2', `reset left ${show(now)}, not F / R`);
  // 7. What the command reports is what it did.
  if (result.kind !== 'reset' || result.execution.executionId !== was.executionId)
    violated('7', `reset of ${name} ended ${show(now)} and reported ${result.kind}`);
  if (!batch) return;
  const afterById = byId(after.rows);
  for (const child of before.rows.filter((row) => row.parentExecutionId === was.executionId && !row.ended)) {
    const reset = afterById.get(child.executionId)!;
    if (!reset.ended || reset.executionStatus !== 'F' || reset.nextLoadStatus !== 'R') {
      violated('2', `reset of batch ${show(was)} left its active child ${show(reset)}, not F / R`);
    }
  }
  checkPropagation(after, now, 'F', operatorSet);
}
