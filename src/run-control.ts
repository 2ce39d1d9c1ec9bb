/**
 * Run control: every change to a package's executions, on any catalog engine. Each operation opens
 * one transaction holding the package's lock, reads the state, asks decision.ts what to do,
 * applies the plan, and builds the result. The action and the CLI call these functions; the
 * engines underneath only lock, read and write.
 */
import type {
  CatalogEngine,
  ExecutionRow,
  PackageRow,
  PackageTransaction,
  RowCount,
  RunContext,
  Variable,
  VariableValue,
} from './catalog/catalog.js';
import {
  decideBegin,
  decideEnd,
  decideNextLoadStatus,
  decideReset,
  holdsFinish,
  type BatchFailure,
  type BeginPlan,
  type EndCaller,
  type ExecutionStatus,
  type FinishPlan,
  type LiveRun,
  type NewExecutionPlan,
  type NextLoadStatus,
  type Outcome,
  type PreviousOwner,
} from './decision.js';
import { BfxError } from './errors.js';
import { COLUMN_LENGTH, cutToFit, fitRunContext } from './catalog/limits.js';

export interface BeginRequest {
  packageName: string;
  retryLimit: number | undefined;
  parentExecutionId: string | undefined;
  /** How the shell names parentExecutionId in a refusal: the action's input name unless given (bfx: --parent-execution-id). */
  parentExecutionIdName?: string;
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

export interface BeginResult {
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

export interface EndRequest {
  executionId: string;
  outcome: Outcome;
  message: string | null;
  caller: EndCaller;
  /** High-water marks the load reached: committed only by an end that records S. */
  variables?: VariableValue[];
  /** Row counts the load reported: stored whatever the outcome. */
  rowCounts?: RowCount[];
}

export type EndResult =
  | {
      /** ended now, or reclosed: a batch this run had ended F, closed again as S by a later attempt. */
      kind: 'ended' | 'reclosed';
      execution: ExecutionRow;
      /** For a batch: its children, as the end left them. */
      children: ExecutionRow[];
      /** The high-water marks this end committed (none unless it recorded S). */
      committedVariables: VariableValue[];
    }
  /** Nothing written; `why` says why a success did not re-close a failed batch, when one asked to. */
  | { kind: 'already-ended'; execution: ExecutionRow; why?: string }
  | { kind: 'taken-over'; execution: ExecutionRow }
  /** The execution belongs to another run and was never the caller's: nothing was ended. */
  | { kind: 'not-owned'; execution: ExecutionRow }
  | { kind: 'not-found' };

export type NextLoadStatusChange =
  | { kind: 'changed'; execution: ExecutionRow }
  | { kind: 'no-execution' }
  | { kind: 'active'; execution: ExecutionRow }
  | { kind: 'no-package' };

export type ResetResult =
  /** children: the active children ended with it; skippedChildren: the succeeded ones set to C. */
  | { kind: 'reset'; execution: ExecutionRow; children: ExecutionRow[]; skippedChildren: string[] }
  | { kind: 'none-active' }
  | { kind: 'no-package' };

/** Who changes a package by hand, and why: recorded in the audit log with the change. */
export interface Operator {
  actor: string | null;
  reason: string | null;
}

export type VariableChange = { kind: 'set'; variable: Variable } | { kind: 'no-package' };

/** Waiting for a live run: ask every 30 s, or more often for short time-outs (at least every second). */
export function pollInterval(timeoutMs: number): number {
  return Math.min(30_000, Math.max(1_000, Math.round(timeoutMs / 20)));
}

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
 * is still the one asked about (same ExecutionID and RunKey, read under the lock). If it changed
 * hands meanwhile, or a new execution began, its owner began it while this run was asking: that
 * run is alive (docs/decision.md, "An owner that arrived while GitHub was asked"), so this begin
 * yields to it at once (on-live-run skip) or waits for it like any live run (wait), and never
 * fails because other runs are busy. Nothing active: one transaction, exactly as without a check.
 */
export async function begin(catalog: CatalogEngine, request: BeginRequest): Promise<BeginResult> {
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

/** The owner of an active execution that was taken over, or begun, while this run asked GitHub about another. */
function arrived(before: Checked, active: ExecutionRow, final: boolean): Checked {
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
  const lock = {
    packageName: request.packageName,
    register: { retryLimit: request.retryLimit ?? null, isBatch: request.isBatch ?? false },
    parentExecutionId: request.parentExecutionId,
  };
  return catalog.transaction(lock, `begin package "${request.packageName}"`, async (tx): Promise<BeginPass> => {
    const [pkg, reentry, active, latest, parent] = await Promise.all([
      tx.package(),
      tx.executionWithRunKey(request.runKey),
      tx.activeExecution(),
      tx.lastEndedExecution(),
      request.parentExecutionId === undefined ? null : tx.anyExecution(request.parentExecutionId),
    ]);
    if (!pkg) throw new Error(`The catalog did not register package "${request.packageName}" under its lock.`);
    if (request.parentExecutionId !== undefined && !parent) {
      throw new BfxError(
        `The ${request.parentExecutionIdName ?? 'parent-execution-id'} ${request.parentExecutionId} is not an execution in the catalog ${catalog.location}, so nothing was begun: ` +
          "pass the ExecutionID output of the batch's begin step, on the same catalog.",
      );
    }
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
     * trip where the engine can send them together. After an insert, the latest execution is the
     * new one: its StartTime is the batch's for a batch, or its own.
     */
    const finishing = async (
      executionId: string | null,
      values: { executionStatus: ExecutionStatus; nextLoadStatus: NextLoadStatus; retryCount: number },
      writes: Promise<unknown>[],
      own: ExecutionRow | null,
    ): Promise<BeginPass> => {
      const writing = writes.length > 0;
      // The plan's writes were issued before this call; these follow in the same tick, and engines run
      // calls in the order they were made, so the reads below see the writes.
      const marked = writing && (request.isBatch ?? false) && !pkg.isBatch ? tx.markBatch() : undefined;
      const registered =
        writing && (request.variables?.length ?? 0) > 0 ? tx.registerVariables(request.variables!) : undefined;
      const [newest, last, variables] = await Promise.all([
        own ?? tx.latestExecution(),
        tx.lastExecutionWithStatus('S', executionId),
        tx.variables(),
        ...writes,
        marked,
        registered,
        // A read-only pass commits too, in the same round trip as its last reads.
        tx.commit(),
      ]);
      const execution = own ?? newest!;
      return {
        kind: 'done',
        result: {
          executionId: executionId ?? execution.executionId,
          executionStatus: values.executionStatus,
          nextLoadStatus: values.nextLoadStatus,
          retryCount: values.retryCount,
          plan,
          batchStartTime: parent?.startTime ?? execution.startTime,
          lastExecutionId: last,
          variables: Object.fromEntries(variables.map((variable) => [variable.name, variable.value])),
        },
      };
    };
    switch (plan.kind) {
      case 'reenter':
        return finishing(plan.execution.executionId, plan.execution, [], reentry);
      case 'ask':
        // Nothing written: the transaction commits its reads only, and GitHub is asked outside it.
        return { kind: 'ask', active: active! };
      case 'yield':
        // Nothing a later begin reads changes: the live execution is its run's. Only the audit log
        // tells that this run stood aside.
        return finishing(
          plan.execution.executionId,
          { ...plan, retryCount: plan.execution.retryCount },
          [
            tx.recordAudit({
              executionId: plan.execution.executionId,
              action: 'yield',
              detail: `Run ${request.runKey} was skipped: ${plan.reason}`,
              actor: cutToFit(request.context.actor, COLUMN_LENGTH.actor),
            }),
          ],
          active,
        );
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
        return finishing(executionId, plan, [takeover, recorded], active);
      }
      case 'insert':
        return finishing(null, { ...plan.execution, retryCount: 0 }, [insert(tx, pkg, plan.execution, request)], null);
      case 'abandon-and-insert':
        // The abandoned row ends first: one package has at most one active execution at any moment.
        return finishing(
          null,
          { ...plan.execution, retryCount: 0 },
          [finish(tx, plan.abandoned), insert(tx, pkg, plan.execution, request)],
          null,
        );
    }
  });
}

/**
 * End: how an execution ended, under the lock of its batch's package (if any) and of its own
 * (docs/decision.md). A batch's end sets its children's NextLoadStatus in the same transaction,
 * under their packages' locks; an end that records S commits the load's high-water marks; row
 * counts are kept whatever the outcome.
 */
export function end(catalog: CatalogEngine, request: EndRequest): Promise<EndResult> {
  const { executionId } = request;
  // What an attempt sent with its COMMIT: a transient fault after it (the answer lost) runs the end
  // again, which then reports what the catalog holds rather than "already ended".
  let sent: { kind: 'ended' | 'reclosed'; finish: FinishPlan; committedVariables: VariableValue[] } | undefined;
  return catalog.transaction({ executionId }, `end execution ${executionId}`, async (tx): Promise<EndResult> => {
    const [execution, pkg, parent, children] = await Promise.all([
      tx.execution(executionId),
      tx.package(),
      tx.parentOf(executionId),
      tx.children(executionId),
    ]);
    if (!execution || !pkg) return { kind: 'not-found' };
    if (sent && holdsFinish(execution, sent.finish)) {
      const { kind, committedVariables } = sent;
      return { kind, execution, children: pkg.isBatch ? children : [], committedVariables };
    }
    // A batch's children: their packages locked before what an operator set on them is read, so
    // that no skip or resume slips in between (an operator's change locks only its own package).
    let operatorChanged: string[] = [];
    if (children.length > 0) {
      [, operatorChanged] = await Promise.all([
        tx.lockPackages(ascending(children.map((child) => child.packageId))),
        tx.auditedExecutions(ids(children), OPERATOR_NEXT_LOAD),
      ]);
    }
    const state = { execution, isBatch: pkg.isBatch, parent, children, operatorChanged };
    let plan = decideEnd(state, request.outcome, request.message, request.caller);
    if (plan.kind === 'read-owners') {
      const takeovers = await tx.executionAudit(executionId, TAKEOVER);
      // An entry that does not read as a takeover (written by hand) counts as unrecorded.
      const previousOwners = takeovers.flatMap((entry) => previousOwner(entry.detail) ?? []);
      plan = decideEnd({ ...state, previousOwners }, request.outcome, request.message, request.caller);
    } else if (plan.kind === 'read-reclose') {
      const [failures, latest] = await Promise.all([
        tx.executionAudit(executionId, BATCH_FAILURE),
        tx.latestExecution(),
      ]);
      const failedBy = failures.length > 0 ? (batchFailure(failures[failures.length - 1].detail) ?? null) : null;
      const reclose = { failedBy, latestExecutionId: latest!.executionId };
      plan = decideEnd({ ...state, reclose }, request.outcome, request.message, request.caller);
    }
    if (plan.kind === 'read-owners' || plan.kind === 'read-reclose') {
      throw new Error(`decideEnd asked twice for more of execution ${executionId} (${plan.kind}).`);
    }
    if (plan.kind === 'already-ended') return { kind: plan.kind, execution, why: plan.why };
    if (plan.kind === 'taken-over' || plan.kind === 'not-owned') return { kind: plan.kind, execution };

    const changed = plan.children?.executionIds ?? [];
    const committedVariables = plan.commitVariables ? (request.variables ?? []) : [];
    sent = { kind: plan.kind === 'end' ? 'ended' : 'reclosed', finish: plan.finish, committedVariables };
    const [ended, , , , childrenAfter] = await Promise.all([
      plan.kind === 'end' ? finish(tx, plan.finish) : tx.refinishExecution(plan.finish, 'F'),
      changed.length > 0 && tx.setNextLoadStatuses(changed, plan.children!.nextLoadStatus),
      committedVariables.length > 0 && tx.storeVariables(committedVariables, executionId),
      (request.rowCounts?.length ?? 0) > 0 && tx.saveRowCounts(executionId, request.rowCounts!),
      pkg.isBatch ? tx.children(executionId) : [],
      plan.recordFailure &&
        tx.recordAudit({
          executionId,
          action: BATCH_FAILURE,
          detail: batchFailureDetail(plan.recordFailure, plan.finish.errorMessage),
          actor: null,
        }),
      tx.commit(),
    ]);
    return {
      kind: plan.kind === 'end' ? 'ended' : 'reclosed',
      execution: ended,
      children: childrenAfter,
      committedVariables,
    };
  });
}

/** The package row after an enable or disable, and whether it changed anything (and so was recorded). */
export type EnabledChange = PackageRow & { changed: boolean };

/**
 * enable / disable. Returns the package row after it, or null when there is no such package.
 * Enabling an enabled package (or disabling a disabled one) is no change: nothing is written or
 * recorded in the audit log.
 */
export function setEnabled(
  catalog: CatalogEngine,
  packageName: string,
  enabled: boolean,
  operator: Operator,
): Promise<EnabledChange | null> {
  const action = enabled ? 'enable' : 'disable';
  return catalog.transaction({ packageName }, `${action} package "${packageName}"`, async (tx) => {
    const pkg = await tx.package();
    if (!pkg) return null;
    if (pkg.isEnabled === enabled) return { ...pkg, changed: false };
    const [changed] = await Promise.all([
      tx.setEnabled(enabled),
      tx.recordAudit(audit(operator, action, null, `IsEnabled set to ${enabled}.`)),
      tx.commit(),
    ]);
    return changed && { ...changed, changed: true };
  });
}

/** skip (C) and resume (P): the latest execution's NextLoadStatus, refused while one is active. */
export function setNextLoadStatus(
  catalog: CatalogEngine,
  packageName: string,
  nextLoadStatus: 'C' | 'P',
  operator: Operator,
): Promise<NextLoadStatusChange> {
  const what = `set the next load status of package "${packageName}"`;
  return catalog.transaction({ packageName }, what, async (tx): Promise<NextLoadStatusChange> => {
    const plan = decideNextLoadStatus(await operatorState(tx, false), nextLoadStatus);
    if (plan.kind !== 'change') return plan;
    const action = nextLoadStatus === 'C' ? SKIP : RESUME;
    const [changed] = await Promise.all([
      tx.setNextLoadStatus(plan.executionId, plan.nextLoadStatus),
      tx.recordAudit(audit(operator, action, plan.executionId, `NextLoadStatus set to ${nextLoadStatus}.`)),
      tx.commit(),
    ]);
    return { kind: 'changed', execution: changed };
  });
}

/**
 * reset: the package's active execution ends as F / R with the message, as a failed end would: for
 * a batch, its active children end F / R too and those that succeeded get C.
 */
export function reset(
  catalog: CatalogEngine,
  packageName: string,
  message: string,
  operator: Operator,
): Promise<ResetResult> {
  return catalog.transaction({ packageName }, `reset package "${packageName}"`, async (tx): Promise<ResetResult> => {
    const state = await operatorState(tx, true);
    const plan = decideReset(state, message);
    if (plan.kind !== 'reset') return plan;
    const childIds = plan.children.map((child) => child.executionId);
    const propagated = plan.propagation?.executionIds ?? [];
    const [ended, ...children] = await Promise.all([
      finish(tx, plan.finish),
      ...plan.children.map((child) => finish(tx, child)),
      propagated.length > 0
        ? tx.setNextLoadStatuses(propagated, plan.propagation!.nextLoadStatus).then(() => null)
        : null,
      tx.recordAudit(
        audit(
          operator,
          'reset',
          plan.finish.executionId,
          `${message}${childIds.length ? ` Children reset: ${childIds.join(', ')}.` : ''}` +
            `${propagated.length ? ` Succeeded children to be skipped (C): ${propagated.join(', ')}.` : ''}`,
        ),
      ),
      tx.commit(),
    ]);
    return {
      kind: 'reset',
      execution: ended,
      children: children.filter((row): row is ExecutionRow => row !== null && row !== undefined),
      skippedChildren: propagated,
    };
  });
}

/** var set: an operator sets a package's high-water mark; the value before is kept as PreviousValue. */
export function setVariable(
  catalog: CatalogEngine,
  packageName: string,
  value: VariableValue,
  operator: Operator,
): Promise<VariableChange> {
  const what = `set variable ${value.name} of package "${packageName}"`;
  return catalog.transaction({ packageName }, what, async (tx): Promise<VariableChange> => {
    const [pkg, before] = await Promise.all([tx.package(), tx.variables()]);
    if (!pkg) return { kind: 'no-package' };
    const old = before.find((variable) => variable.name === value.name);
    const change = old
      ? `${value.name} set from ${JSON.stringify(old.value)} to ${JSON.stringify(value.value)}.`
      : `${value.name} set to ${JSON.stringify(value.value)} (it had no value).`;
    const [, , variables] = await Promise.all([
      tx.storeVariables([value], null),
      tx.recordAudit(audit(operator, 'var set', null, change)),
      tx.variables(),
      tx.commit(),
    ]);
    return { kind: 'set', variable: variables.find((variable) => variable.name === value.name)! };
  });
}

/**
 * What an operator change reads: for a reset of a batch, also the active execution's children,
 * read again once their packages are locked, so that no child's end slips in between.
 */
async function operatorState(tx: PackageTransaction, withChildren: boolean) {
  // The last ended execution is the one the next begin follows (step 6): skip and resume change it.
  const [pkg, active, latest] = await Promise.all([tx.package(), tx.activeExecution(), tx.lastEndedExecution()]);
  let activeChildren: ExecutionRow[] = [];
  let operatorChanged: string[] = [];
  if (withChildren && pkg?.isBatch && active) {
    const unlocked = await tx.children(active.executionId);
    if (unlocked.length > 0) {
      const [, locked, changed] = await Promise.all([
        tx.lockPackages(ascending(unlocked.map((child) => child.packageId))),
        tx.children(active.executionId),
        tx.auditedExecutions(ids(unlocked), OPERATOR_NEXT_LOAD),
      ]);
      activeChildren = locked;
      operatorChanged = changed;
    }
  }
  return { packageFound: pkg !== null, active, latest, activeChildren, operatorChanged };
}

const audit = (operator: Operator, action: string, executionId: string | null, change: string) => ({
  executionId,
  action,
  detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
  actor: cutToFit(operator.actor, COLUMN_LENGTH.actor),
});

/** The audit actions of an operator's skip and resume: a batch's end leaves what they set alone. */
const SKIP = 'skip';
const RESUME = 'resume';
const OPERATOR_NEXT_LOAD = [SKIP, RESUME];

const ids = (rows: ExecutionRow[]) => rows.map((row) => row.executionId);

/** The audit action of a takeover (begin step 5, resume): its detail names the run it was taken from. */
export const TAKEOVER = 'takeover';

/**
 * The detail of a takeover's audit entry: a sentence for bfx history that begins with the run
 * keys, JSON-quoted, so that previousOwner() reads the one it was taken from back exactly.
 */
export function takeoverDetail(runKey: string, from: ExecutionRow, reason: string): string {
  const workflowRun = from.runId === null ? '' : ` (workflow run ${from.runId})`;
  return `Run ${JSON.stringify(runKey)} took it over from run ${JSON.stringify(from.runKey ?? '')}${workflowRun}: ${reason}`;
}

/** The run a takeover's audit entry says the execution was taken from; undefined for a detail of another form. */
export function previousOwner(detail: string | null): PreviousOwner | undefined {
  const quoted = String.raw`"(?:[^"\\]|\\.)*"`;
  const match = new RegExp(
    String.raw`^Run ${quoted} took it over from run (${quoted})(?: \(workflow run (\d+)\))?:`,
  ).exec(detail ?? '');
  if (!match) return undefined;
  const runKey = JSON.parse(match[1]) as string;
  return { runKey: runKey === '' ? null : runKey, runId: match[2] ?? null };
}

/**
 * The audit action recorded when a workflow run's end fails a batch execution: a later attempt of
 * that run may close it again (docs/batches.md, "Re-run failed jobs"); nothing else may.
 */
export const BATCH_FAILURE = 'batch failed';

/** The detail of a batch failure's audit entry, readable in bfx history and read back by batchFailure(). */
export function batchFailureDetail(failure: BatchFailure, message: string | null): string {
  return `Ended F by workflow run ${JSON.stringify(failure.runId)}, attempt ${failure.runAttempt}${message ? `: ${message}` : '.'}`;
}

/** The run attempt a batch failure's audit entry names; undefined for a detail of another form. */
export function batchFailure(detail: string | null): BatchFailure | undefined {
  const match = /^Ended F by workflow run ("(?:[^"\\]|\\.)*"), attempt (\d+)/.exec(detail ?? '');
  if (!match) return undefined;
  return { runId: JSON.parse(match[1]) as string, runAttempt: Number(match[2]) };
}

const ascending = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

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

const finish = (tx: PackageTransaction, plan: FinishPlan) => tx.finishExecution(plan);
