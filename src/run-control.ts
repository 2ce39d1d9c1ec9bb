/**
 * Run control: every change to a package's executions, on any catalog engine. Each operation opens
 * one transaction holding the package's lock, reads the state, asks decision.ts what to do,
 * applies the plan, and builds the result. The action and the CLI call these functions; the
 * engines underneath only lock, read and write.
 */
import type { CatalogEngine, ExecutionRow, PackageRow, PackageTransaction, RunContext } from './catalog/catalog.js';
import {
  decideBegin,
  decideEnd,
  decideNextLoadStatus,
  decideReset,
  type BeginPlan,
  type EndCaller,
  type ExecutionStatus,
  type FinishPlan,
  type LiveRun,
  type NewExecutionPlan,
  type NextLoadStatus,
  type Outcome,
} from './decision.js';
import { BfxError } from './errors.js';

export interface BeginRequest {
  packageName: string;
  retryLimit: number | undefined;
  parentExecutionId: string | undefined;
  /** Identifies the caller's run; a second begin with the same key returns the same execution. */
  runKey: string;
  context: RunContext;
  /** Ask GitHub whether an active execution's run is still alive before resuming it (the action); none: never ask (the CLI). */
  liveRun?: LiveRunOptions;
}

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
  | { run: 'alive'; status: string; url: string }
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

export interface BeginResult {
  executionId: string;
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  retryCount: number;
  /** 'yield' when a live run owns the active execution: nothing was written. */
  plan: BeginPlan;
  /** Set when GitHub was asked about the active execution's run: the last answer. */
  liveRun?: LiveRunReport;
}

export interface EndRequest {
  executionId: string;
  outcome: Outcome;
  message: string | null;
  caller: EndCaller;
}

export type EndResult =
  | { kind: 'ended'; execution: ExecutionRow }
  | { kind: 'already-ended'; execution: ExecutionRow }
  | { kind: 'taken-over'; execution: ExecutionRow }
  | { kind: 'not-found' };

export type NextLoadStatusChange =
  | { kind: 'changed'; execution: ExecutionRow }
  | { kind: 'no-execution' }
  | { kind: 'active'; execution: ExecutionRow }
  | { kind: 'no-package' };

export type ResetResult = { kind: 'reset'; execution: ExecutionRow } | { kind: 'none-active' } | { kind: 'no-package' };

/** Waiting for a live run: ask every 30 s, or more often for short time-outs (at least every second). */
export function pollInterval(timeoutMs: number): number {
  return Math.min(30_000, Math.max(1_000, Math.round(timeoutMs / 20)));
}

/**
 * A begin ends when the active execution changed under it this many times in a row while its
 * run was being asked about: runs racing that hard are better begun again than guessed at.
 */
const MAX_CHANGES = 5;

/** A verdict, and which owner of which execution it is about. */
interface Checked {
  executionId: string;
  runKey: string | null;
  report: LiveRunReport;
  /** Final: the decision may use it (not while waiting for a live run to complete). */
  final: boolean;
}

type BeginPass = { kind: 'done'; result: BeginResult } | { kind: 'ask'; active: ExecutionRow };

/**
 * Begin: the decision of docs/decision.md, in one transaction holding the package's lock.
 *
 * With request.liveRun, an active execution is not resumed before GitHub says whether its run is
 * alive, and no HTTP request is made while a transaction is open: a first transaction finds the
 * active execution and writes nothing (plan 'ask'), the run is asked about outside of it, and the
 * begin transaction runs again with the verdict. The verdict is used only if the active execution
 * is still the one asked about (same ExecutionID and RunKey, read under the lock); if another
 * begin took it over or ended it meanwhile, the new state is decided from, and a new owner is
 * asked about in turn. Nothing active: one transaction, exactly as without a check.
 */
export async function begin(catalog: CatalogEngine, request: BeginRequest): Promise<BeginResult> {
  const live = request.liveRun;
  let checked: Checked | undefined;
  let changes = 0;
  let waitingSince: number | undefined;
  for (;;) {
    const pass = await beginPass(catalog, request, (active) => {
      if (!live) return undefined;
      return checked && isSame(checked, active) && checked.final ? checked.report.verdict.run : 'unasked';
    });
    if (pass.kind === 'done') {
      if (!checked) return pass.result;
      const decisive = checked.final && isAbout(checked, pass.result.plan);
      return { ...pass.result, liveRun: { ...checked.report, decisive } };
    }
    const { active } = pass;
    const options = live!;
    if (checked && isSame(checked, active)) {
      // Asked before and alive: on-live-run wait, with time left. Wait, then ask again.
      const left = waitingSince! + options.timeoutMs - Date.now();
      await sleep(Math.max(0, Math.min(options.pollMs ?? pollInterval(options.timeoutMs), left)));
      changes = 0;
    } else if (checked && ++changes >= MAX_CHANGES) {
      throw new BfxError(
        `The active execution of package "${request.packageName}" changed ${changes} times while bfx-begin asked GitHub whether its run was alive, so nothing was begun: run the step again.`,
      );
    }
    const owner = ownerOf(active);
    const verdict = await options.check(owner);
    const now = Date.now();
    // The time-out counts from the first live answer, across owners: one budget per begin.
    if (verdict.run === 'alive') waitingSince ??= now;
    const report: LiveRunReport = {
      owner,
      verdict,
      checks: (checked?.report.checks ?? 0) + 1,
      waitedMs: waitingSince === undefined ? 0 : now - waitingSince,
      decisive: false,
    };
    const final = verdict.run !== 'alive' || options.onLiveRun === 'skip' || now >= waitingSince! + options.timeoutMs;
    checked = { executionId: active.executionId, runKey: active.runKey, report, final };
  }
}

const isSame = (checked: Checked, active: ExecutionRow) =>
  checked.executionId === active.executionId && checked.runKey === active.runKey;

/** Whether a plan was decided about the execution the verdict is about (step 5). */
function isAbout(checked: Checked, plan: BeginPlan): boolean {
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

const ownerOf = (active: ExecutionRow): RunOwner => ({
  executionId: active.executionId,
  repository: active.repository,
  runId: active.runId,
  runAttempt: active.runAttempt,
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One begin transaction: decides with the live-run verdict given for the active execution, if any. */
function beginPass(
  catalog: CatalogEngine,
  request: BeginRequest,
  activeRun: (active: ExecutionRow) => LiveRun | undefined,
): Promise<BeginPass> {
  const lock = { packageName: request.packageName, registerWithRetryLimit: request.retryLimit ?? null };
  return catalog.transaction(lock, `begin package "${request.packageName}"`, async (tx): Promise<BeginPass> => {
    const [pkg, reentry, active, latest] = await Promise.all([
      tx.package(),
      tx.executionWithRunKey(request.runKey),
      tx.activeExecution(),
      tx.latestExecution(),
    ]);
    if (!pkg) throw new Error(`The catalog did not register package "${request.packageName}" under its lock.`);
    const plan = decideBegin(
      {
        package: pkg,
        reentry,
        active,
        latestNextLoadStatus: latest?.nextLoadStatus ?? null,
        activeRun: active ? activeRun(active) : undefined,
      },
      request.retryLimit,
    );
    const result = (
      executionId: string,
      values: { executionStatus: ExecutionStatus; nextLoadStatus: NextLoadStatus; retryCount: number },
    ): BeginPass => ({
      kind: 'done',
      result: {
        executionId,
        executionStatus: values.executionStatus,
        nextLoadStatus: values.nextLoadStatus,
        retryCount: values.retryCount,
        plan,
      },
    });
    switch (plan.kind) {
      case 'reenter':
        return result(plan.execution.executionId, plan.execution);
      case 'ask':
        // Nothing written: the transaction commits its reads only, and GitHub is asked outside it.
        return { kind: 'ask', active: active! };
      case 'yield':
        // Nothing written: the live execution is its run's, and nothing a later begin reads changes.
        return result(plan.execution.executionId, { ...plan, retryCount: plan.execution.retryCount });
      case 'resume': {
        const { executionId, executionStatus, nextLoadStatus, retryCount } = plan;
        await Promise.all([
          tx.takeOverExecution({ executionId, executionStatus, nextLoadStatus, retryCount, ...owner(request) }),
          tx.commit(),
        ]);
        return result(executionId, plan);
      }
      case 'insert': {
        const [inserted] = await Promise.all([insert(tx, pkg, plan.execution, request), tx.commit()]);
        return result(inserted.executionId, { ...plan.execution, retryCount: 0 });
      }
      case 'abandon-and-insert': {
        // The abandoned row ends first: one package has at most one active execution at any moment.
        const [, inserted] = await Promise.all([
          finish(tx, plan.abandoned),
          insert(tx, pkg, plan.execution, request),
          tx.commit(),
        ]);
        return result(inserted.executionId, { ...plan.execution, retryCount: 0 });
      }
    }
  });
}

/** End: how an execution ended, under its package's lock (docs/decision.md). */
export function end(catalog: CatalogEngine, request: EndRequest): Promise<EndResult> {
  const { executionId } = request;
  return catalog.transaction({ executionId }, `end execution ${executionId}`, async (tx): Promise<EndResult> => {
    const execution = await tx.execution(executionId);
    if (!execution) return { kind: 'not-found' };
    const plan = decideEnd(execution, request.outcome, request.message, request.caller);
    if (plan.kind !== 'end') return { kind: plan.kind, execution };
    const [ended] = await Promise.all([finish(tx, plan.finish), tx.commit()]);
    return { kind: 'ended', execution: ended };
  });
}

/** enable / disable. Returns the package row after the change, or null when there is no such package. */
export function setEnabled(catalog: CatalogEngine, packageName: string, enabled: boolean): Promise<PackageRow | null> {
  const what = `${enabled ? 'enable' : 'disable'} package "${packageName}"`;
  return catalog.transaction({ packageName }, what, async (tx) => {
    const [changed] = await Promise.all([tx.setEnabled(enabled), tx.commit()]);
    return changed;
  });
}

/** skip (C) and resume (P): the latest execution's NextLoadStatus, refused while one is active. */
export function setNextLoadStatus(
  catalog: CatalogEngine,
  packageName: string,
  nextLoadStatus: 'C' | 'P',
): Promise<NextLoadStatusChange> {
  const what = `set the next load status of package "${packageName}"`;
  return catalog.transaction({ packageName }, what, async (tx): Promise<NextLoadStatusChange> => {
    const plan = decideNextLoadStatus(await operatorState(tx), nextLoadStatus);
    if (plan.kind !== 'change') return plan;
    const [changed] = await Promise.all([tx.setNextLoadStatus(plan.executionId, plan.nextLoadStatus), tx.commit()]);
    return { kind: 'changed', execution: changed };
  });
}

/** reset: the package's active execution ends as F / R with the message. */
export function reset(catalog: CatalogEngine, packageName: string, message: string): Promise<ResetResult> {
  return catalog.transaction({ packageName }, `reset package "${packageName}"`, async (tx): Promise<ResetResult> => {
    const plan = decideReset(await operatorState(tx), message);
    if (plan.kind !== 'reset') return plan;
    const [ended] = await Promise.all([finish(tx, plan.finish), tx.commit()]);
    return { kind: 'reset', execution: ended };
  });
}

async function operatorState(tx: PackageTransaction) {
  const [pkg, active, latest] = await Promise.all([tx.package(), tx.activeExecution(), tx.latestExecution()]);
  return { packageFound: pkg !== null, active, latest };
}

const owner = (request: BeginRequest) => ({ runKey: request.runKey, context: request.context });

function insert(tx: PackageTransaction, pkg: PackageRow, execution: NewExecutionPlan, request: BeginRequest) {
  return tx.insertExecution({
    packageId: pkg.packageId,
    parentExecutionId: request.parentExecutionId ?? null,
    executionStatus: execution.executionStatus,
    nextLoadStatus: execution.nextLoadStatus,
    retryCount: 0,
    ended: execution.ended,
    errorMessage: null,
    ...owner(request),
  });
}

const finish = (tx: PackageTransaction, plan: FinishPlan) => tx.finishExecution(plan);
