/**
 * Begin: a package's next execution, decided under the package's lock (docs/decision.md). With a
 * live-run check, GitHub is asked about an active execution's run between two transactions
 * (live-run.ts).
 */
import type {
  CatalogEngine,
  ExecutionRow,
  PackageRow,
  PackageTransaction,
  RunContext,
  VariableValue,
} from '../catalog/catalog.js';
import {
  LAST_EXECUTION_STATUS,
  batchStartTime,
  beginWrites,
  decideBegin,
  decideParent,
  marksBatch,
  recordedSince,
  reportedBeginPlan,
  type BeginPlan,
  type ExecutionStatus,
  type LiveRun,
  type NewExecutionPlan,
  type NextLoadStatus,
  type ParentPlan,
} from '../decision.js';
import { COLUMN_LENGTH, cutToFit, fitRunContext } from '../catalog/limits.js';
import { TAKEOVER, YIELD, takeoverDetail, yieldDetail } from './audit-entries.js';
import {
  arrived,
  isAbout,
  isSame,
  ownerOf,
  pollInterval,
  sleep,
  type Checked,
  type LiveRunOptions,
  type LiveRunReport,
} from './live-run.js';
import { finish } from './rows.js';

export interface BeginRequest {
  packageName: string;
  retryLimit: number | undefined;
  parentExecutionId: string | undefined;
  /** Marks the package as a batch (input is-batch); false when not given. */
  isBatch?: boolean;
  /** Identifies the caller's run; a second begin with the same key returns the same execution. */
  runKey: string;
  context: RunContext;
  /** Ask GitHub whether an active execution's run is still alive before resuming it (the action); none: never ask (the CLI). */
  liveRun?: LiveRunOptions;
  /** High-water marks the load uses, with their defaults: registered when the package lacks them. */
  variables?: VariableValue[];
}

export interface BeginResult {
  kind: 'begun';
  executionId: string;
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  retryCount: number;
  /** 'yield' when a live run owns the active execution: nothing was written. */
  plan: BeginPlan;
  /** Set when GitHub was asked about the active execution's run: the last answer. */
  liveRun?: LiveRunReport;
  /** The batch execution's StartTime for a child, else the execution's own (UTC, ISO 8601). */
  batchStartTime: string;
  /** The package's most recent execution that succeeded (S) before this one, if any. */
  lastExecutionId: string | null;
  /** The package's committed high-water marks, by name. */
  variables: Record<string, string>;
}

/**
 * A begin refused before anything was decided (decideParent): the parent-execution-id it names is
 * not an execution of the catalog. Nothing was begun and the package was not registered; the
 * shells word the refusal.
 */
export type BeginRefusal = Extract<ParentPlan, { kind: 'unknown-parent' }>;

type BeginPass =
  | { kind: 'done'; result: BeginResult }
  | { kind: 'ask'; active: ExecutionRow }
  | { kind: 'refused'; refusal: BeginRefusal };

/**
 * Thrown inside the begin's transaction when the rules refuse the begin, so that the transaction
 * rolls back what its lock wrote (the package it registered); beginPass catches it and returns the
 * refusal.
 */
class Refused extends Error {
  constructor(readonly refusal: BeginRefusal) {
    super(`The begin was refused (${refusal.kind}).`);
  }
}

/**
 * Begin: the decision of docs/decision.md, in one transaction holding the package's lock.
 *
 * With request.liveRun, an active execution is not resumed before GitHub says whether its run is
 * alive, and no HTTP request is made while a transaction is open: a first transaction finds the
 * active execution and writes nothing (plan 'ask'), the run is asked about outside of it, and the
 * begin transaction runs again with the verdict. The verdict is used only if the active execution
 * is still the one asked about (same ExecutionID and RunKey, read under the lock). If it changed
 * hands meanwhile, or a new execution began, its owner began it while this run was asking: that
 * run is alive (docs/decision.md, "An owner that arrived while GitHub was asked"), so this begin
 * yields to it at once (on-live-run skip) or waits for it like any live run (wait), and never
 * fails because other runs are busy. Nothing active: one transaction, exactly as without a check.
 *
 * A begin the rules refuse (a parent-execution-id not in the catalog) returns the refusal, its
 * transaction rolled back: nothing begun, nothing registered.
 */
export async function begin(catalog: CatalogEngine, request: BeginRequest): Promise<BeginResult | BeginRefusal> {
  const live = request.liveRun;
  let checked: Checked | undefined;
  let waitingSince: number | undefined;
  for (;;) {
    const pass = await beginPass(catalog, request, (active) => {
      if (!live) return undefined;
      if (!checked) return 'unasked';
      if (isSame(checked, active)) return checked.final ? checked.report.verdict.run : 'unasked';
      if (live.onLiveRun === 'wait') return 'unasked';
      // Arrived while this run was asking, and on-live-run skip: yield to it in this very pass.
      checked = arrived(checked, active, true);
      return 'alive';
    });
    if (pass.kind === 'refused') return pass.refusal;
    if (pass.kind === 'done') {
      if (!checked) return pass.result;
      const decisive = checked.final && isAbout(checked, pass.result.plan);
      return { ...pass.result, liveRun: { ...checked.report, decisive } };
    }
    const { active } = pass;
    const options = live!;
    if (checked && !isSame(checked, active)) {
      // Arrived while this run was asking (on-live-run wait): alive, waited for like any live run.
      waitingSince ??= Date.now();
      checked = arrived(checked, active, false);
      continue;
    }
    if (checked) {
      // Asked before and alive: on-live-run wait, with time left. Wait, then ask again.
      const left = waitingSince! + options.timeoutMs - Date.now();
      await sleep(Math.max(0, Math.min(options.pollMs ?? pollInterval(options.timeoutMs), left)));
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

/**
 * One begin transaction: decides with the live-run verdict given for the active execution, if any,
 * or refuses.
 */
function beginPass(
  catalog: CatalogEngine,
  request: BeginRequest,
  activeRun: (active: ExecutionRow) => LiveRun | undefined,
): Promise<BeginPass> {
  const lock = {
    packageName: request.packageName,
    register: { retryLimit: request.retryLimit ?? null, isBatch: request.isBatch ?? false },
    parentExecutionId: request.parentExecutionId,
  };
  // The plan an attempt sent with its COMMIT: a transient fault after it (the answer lost) runs the
  // begin again, which finds its own execution by run key and reports this plan, not a re-entry.
  let sent: BeginPlan | undefined;
  const passed = catalog.transaction(lock, `begin package "${request.packageName}"`, async (tx): Promise<BeginPass> => {
    const [pkg, reentry, active, latest, parent, yielded] = await Promise.all([
      tx.package(),
      tx.executionWithRunKey(request.runKey),
      tx.activeExecution(),
      tx.lastEndedExecution(),
      request.parentExecutionId === undefined ? null : tx.anyExecution(request.parentExecutionId),
      sent?.kind === 'yield' ? tx.executionAudit(sent.execution.executionId, YIELD) : [],
    ]);
    if (!pkg) throw new Error(`The catalog did not register package "${request.packageName}" under its lock.`);
    const parentPlan = decideParent(request.parentExecutionId ?? null, parent !== null);
    if (parentPlan.kind === 'unknown-parent') throw new Refused(parentPlan);
    const plan = decideBegin(
      {
        package: pkg,
        reentry,
        active,
        latestNextLoadStatus: latest?.nextLoadStatus ?? null,
        activeRun: active ? activeRun(active) : undefined,
        parentExecutionId: request.parentExecutionId ?? null,
      },
      request.retryLimit,
    );
    /**
     * The writes of the plan, then what the outputs read after them, then the commit: one round
     * trip where the engine can send them together. `started` is the execution the begin returns:
     * the row read under the lock (re-entry, yield, resume), or the insert's own answer (its
     * StartTime is the server's clock, returned by the insert itself). Its StartTime is the batch's
     * for a batch, or its own.
     */
    const finishing = async (
      started: ExecutionRow | Promise<{ executionId: string; startTime: string }>,
      values: { executionStatus: ExecutionStatus; nextLoadStatus: NextLoadStatus; retryCount: number },
      writes: Promise<unknown>[],
    ): Promise<BeginPass> => {
      // The plan's writes (and an insert) were issued before this call; these follow in the same
      // tick, and engines run calls in the order they were made, so the read below sees the writes.
      const marked = marksBatch(plan, request.isBatch ?? false, pkg.isBatch) ? tx.markBatch() : undefined;
      const registered =
        beginWrites(plan) && (request.variables?.length ?? 0) > 0
          ? tx.registerVariables(request.variables!)
          : undefined;
      if (beginWrites(plan)) sent = plan;
      // An inserted execution is not counted: the last one with LAST_EXECUTION_STATUS before it is any.
      const before = started instanceof Promise ? null : started.executionId;
      const [execution, { lastExecutionId, variables }] = await Promise.all([
        started,
        tx.lastExecutionAndVariables(LAST_EXECUTION_STATUS, before),
        ...writes,
        marked,
        registered,
        // A read-only pass commits too, in the same round trip as its last reads.
        tx.commit(),
      ]);
      return {
        kind: 'done',
        result: {
          kind: 'begun',
          executionId: execution.executionId,
          executionStatus: values.executionStatus,
          nextLoadStatus: values.nextLoadStatus,
          retryCount: values.retryCount,
          plan: reportedBeginPlan(plan, sent),
          batchStartTime: batchStartTime(execution.startTime, parent),
          lastExecutionId,
          variables: Object.fromEntries(variables.map((variable) => [variable.name, variable.value])),
        },
      };
    };
    switch (plan.kind) {
      case 'reenter':
        return finishing(reentry!, plan.execution, []);
      case 'ask':
        // Nothing written: the transaction commits its reads only, and GitHub is asked outside it.
        return { kind: 'ask', active: active! };
      case 'yield': {
        // Nothing a later begin reads changes: the live execution is its run's. Only the audit log
        // tells that this run stood aside, once.
        const entry = {
          executionId: plan.execution.executionId,
          action: YIELD,
          detail: yieldDetail(request.runKey, plan.reason),
          actor: cutToFit(request.context.actor, COLUMN_LENGTH.actor),
        };
        return finishing(
          active!,
          { ...plan, retryCount: plan.execution.retryCount },
          recordedSince(yielded, entry) ? [] : [tx.recordAudit(entry)],
        );
      }
      case 'resume': {
        const { executionId, executionStatus, nextLoadStatus, retryCount, parentExecutionId } = plan;
        const takeover = tx.takeOverExecution({
          executionId,
          executionStatus,
          nextLoadStatus,
          retryCount,
          parentExecutionId,
          ...owner(request),
        });
        // Who owned it before: an end by that run is then told a takeover from a wiring mistake.
        const recorded = tx.recordAudit({
          executionId,
          action: TAKEOVER,
          detail: takeoverDetail(request.runKey, active!, plan.reason),
          actor: cutToFit(request.context.actor, COLUMN_LENGTH.actor),
        });
        return finishing(active!, plan, [takeover, recorded]);
      }
      case 'insert':
        return finishing(insert(tx, pkg, plan.execution, request), { ...plan.execution, retryCount: 0 }, []);
      case 'abandon-and-insert': {
        // The abandoned row ends first: one package has at most one active execution at any moment.
        const abandoned = finish(tx, plan.abandoned);
        const inserted = insert(tx, pkg, plan.execution, request);
        return finishing(inserted, { ...plan.execution, retryCount: 0 }, [abandoned]);
      }
    }
  });
  return passed.catch((error: unknown): BeginPass => {
    // A refusal rolled the transaction back (the package its lock registered): the refusal is the answer.
    if (error instanceof Refused) return { kind: 'refused', refusal: error.refusal };
    throw error;
  });
}

/** The run a begin records as the execution's owner, its context cut to fit the columns (catalog/limits.ts). */
const owner = (request: BeginRequest) => ({ runKey: request.runKey, context: fitRunContext(request.context) });

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
