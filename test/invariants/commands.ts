/**
 * The steps a history is made of, as fast-check commands: begins and ends as the action and its
 * end sub-action make them, operator commands, GitHub's answers about runs, bursts of concurrent
 * begins, and steps killed in a process of their own. Each step reads the catalog before and after
 * itself, updates the model with what happened, and checks the invariants (invariants.ts).
 */
import fc from 'fast-check';
import type { CatalogEngine, RunContext } from '../../src/catalog/catalog.js';
import type { EndCaller, Outcome } from '../../src/decision.js';
import {
  end,
  type BeginRequest,
  type BeginResult,
  type EndRequest,
  type EndResult,
} from '../../src/run-control/index.js';
import {
  reset,
  setEnabled,
  setNextLoadStatus,
  setVariable,
  type ResetResult,
} from '../../src/run-control/package-commands.js';
import { begin } from '../support/requests.js';
import { runInProcess } from '../support/catalog-process.js';
import {
  checkBegin,
  checkEnd,
  checkEveryStep,
  checkRace,
  checkReset,
  InvariantViolation,
  type Allowances,
  type Snapshot,
} from './invariants.js';
import { isBatch, Model, PACKAGES, type Handle } from './model.js';
import { BURST, type Verdict, type World } from './world.js';

type Step = fc.AsyncCommand<Model, World>;

const VARIABLE = 'LastLoadDate';
const OPERATOR = { actor: 'invariants', reason: null };
const RUN_IDS = ['101', '102', '103'];
/** on-live-run: wait, in a burst: long enough for the others to end, take over or insert meanwhile. */
const WAIT_MS = 50;

async function snapshot(world: World): Promise<Snapshot> {
  const [rows, variables] = await Promise.all([world.rows(), world.variables()]);
  return { rows, variables };
}

const context = (runId: string | null, attempt: number | null, job: string | null): RunContext => ({
  repository: 'acme/loads',
  workflow: 'Nightly',
  job,
  runId,
  runAttempt: attempt === null ? null : String(attempt),
  actor: 'octocat',
  event: 'schedule',
  sha: 'f'.repeat(40),
});

/** The end sub-action's caller: a job of the workflow run, in the attempt it runs in. */
function endActionCaller(runId: string, runAttempt: number): EndCaller {
  return { runId, runAttempt };
}

/** What the action's main step asks: its run key is the run id, attempt and job. */
function beginRequest(
  world: World,
  pkg: string,
  runId: string,
  attempt: number,
  options: { parent?: string; retryLimit?: number; github: boolean; wait?: boolean },
): BeginRequest {
  const job = isBatch(pkg) ? 'begin-batch' : `load-${pkg}`;
  return {
    packageName: world.name(pkg),
    retryLimit: options.retryLimit,
    parentExecutionId: options.parent,
    isBatch: isBatch(pkg),
    runKey: `github:${runId}:${attempt}:${job}`,
    context: context(runId, attempt, job),
    liveRun: options.github
      ? options.wait
        ? { check: world.check, onLiveRun: 'wait', timeoutMs: WAIT_MS, pollMs: WAIT_MS / 5 }
        : { check: world.check, onLiveRun: 'skip', timeoutMs: 0 }
      : undefined,
    variables: [{ name: VARIABLE, value: 'default' }],
  };
}

/** The model after a begin that returned: the batch it runs under, why it may be skipped next. */
function learnBegin(
  model: Model,
  pkg: string,
  runId: string,
  attempt: number,
  request: BeginRequest,
  result: BeginResult,
): void {
  model.handles.push({ pkg, runId, attempt, runKey: request.runKey, request, result });
  const { kind } = result.plan;
  if (kind === 'insert' || kind === 'resume' || kind === 'abandon-and-insert') {
    model.parentOf.set(result.executionId, request.parentExecutionId ?? null);
    if (kind !== 'resume' && isBatch(pkg)) model.batches.push({ executionId: result.executionId, runId });
  }
  if (kind === 'abandon-and-insert' && isBatch(pkg)) {
    const abandoned = result.plan.kind === 'abandon-and-insert' ? result.plan.abandoned.executionId : '';
    model.batchFailure.set(abandoned, 'otherwise');
  }
  // A skipped execution carries the skip on: it is as right as the one before it.
  if (kind === 'insert' && result.executionStatus === 'C' && result.nextLoadStatus === 'C') {
    const followed = model.lastEnded.get(request.packageName);
    if (followed && model.skipReason.has(followed))
      model.skipReason.set(result.executionId, 'a skipped execution before it');
  }
}

/** The model after a killed begin whose retry found it committed: what it wrote, as learnBegin learns it. */
function learnWrite(model: Model, pkg: string, request: BeginRequest, result: BeginResult): void {
  const plan = {
    kind: 'insert',
    execution: { executionStatus: result.executionStatus, nextLoadStatus: result.nextLoadStatus, ended: false },
    reason: '',
  } as const;
  learnBegin(model, pkg, '', 0, request, { ...result, plan });
}

/** The model after an end that wrote: who failed a batch, which skips and failures its end made right or moot. */
function learnEnd(
  model: Model,
  after: Snapshot,
  pkg: string,
  request: EndRequest,
  result: Pick<EndResult, 'kind'>,
  endedBy: { runId: string; attempt: number } | null,
): void {
  if (result.kind !== 'ended' && result.kind !== 'reclosed') return;
  const { executionId } = request;
  const row = after.rows.find((r) => r.executionId === executionId)!;
  const status = row.executionStatus;
  if (!isBatch(pkg)) {
    const parent = model.parentOf.get(executionId);
    const parentRow = parent ? after.rows.find((r) => r.executionId === parent) : undefined;
    if (status === 'S' && parentRow?.ended && parentRow.executionStatus === 'F') {
      model.skipReason.set(executionId, 'it succeeded after its batch execution failed');
    }
    return;
  }
  if (status === 'F') {
    model.batchFailure.set(executionId, endedBy ?? 'otherwise');
    failChildren(model, after, executionId);
  } else {
    model.batchFailure.delete(executionId);
    for (const child of model.childrenOf(executionId)) {
      if (model.operatorSet.has(child)) continue;
      model.skipReason.delete(child);
      const childRow = after.rows.find((r) => r.executionId === child);
      if (childRow?.ended && childRow.executionStatus === 'F') model.moot.add(child);
    }
  }
}

/** A batch execution failed (its end F, or a reset): its succeeded children are skipped next time. */
function failChildren(model: Model, after: Snapshot, batchExecutionId: string): void {
  for (const child of model.childrenOf(batchExecutionId)) {
    // What an operator set since the child ended stays as the operator left it.
    if (model.operatorSet.has(child)) continue;
    const childRow = after.rows.find((r) => r.executionId === child);
    if (childRow?.executionStatus === 'S') model.skipReason.set(child, 'its batch execution failed after it succeeded');
  }
}

/** Runs a step: the catalog before and after, the invariants of every step, and the step's own checks. */
async function step<T>(
  model: Model,
  world: World,
  act: (before: Snapshot) => Promise<T>,
  judge: (before: Snapshot, after: Snapshot, outcome: T) => Allowances,
): Promise<void> {
  world.steps += 1;
  const before = await snapshot(world);
  const outcome = await act(before);
  const after = await snapshot(world);
  const allowances = judge(before, after, outcome);
  const meanwhile = world.meanwhile;
  const allowed: Allowances = meanwhile
    ? { ...allowances, variables: [...(allowances.variables ?? []), ...(meanwhile.allow.variables ?? [])] }
    : allowances;
  checkEveryStep(model, (pkg) => world.name(pkg), before, after, allowed);
  meanwhile?.check(after);
  learnEndOrder(model, before, after);
}

/** The executions a step ended, in the order they ended (EndTime, then ExecutionID): the last of each package. */
function learnEndOrder(model: Model, before: Snapshot, after: Snapshot): void {
  const wasEnded = new Set(before.rows.filter((row) => row.ended).map((row) => row.executionId));
  const ended = after.rows
    .filter((row) => row.ended && !wasEnded.has(row.executionId))
    .sort(
      (a, b) =>
        Date.parse(a.endTime!) - Date.parse(b.endTime!) || Number(BigInt(a.executionId) - BigInt(b.executionId)),
    );
  for (const row of ended) model.lastEnded.set(row.packageName, row.executionId);
}

async function packageRetryLimit(world: World, pkg: string): Promise<number | null> {
  const [status] = await world.catalog.status(world.name(pkg));
  return status?.retryLimit ?? null;
}

/** One begin, in process, with its checks. */
async function beginStep(
  model: Model,
  world: World,
  pkg: string,
  runId: string,
  attempt: number,
  request: BeginRequest,
): Promise<void> {
  world.packages.add(pkg);
  const disabled = model.disabled.has(pkg);
  const limit = await packageRetryLimit(world, pkg);
  await step(
    model,
    world,
    () => begin(world.catalog, request),
    (before, after, result) => {
      checkBegin(model, before, after, {
        name: request.packageName,
        request,
        result,
        packageRetryLimit: limit,
        verdictOf: (id, at) => world.verdictOf(id, at),
        disabled,
      });
      learnBegin(model, pkg, runId, attempt, request, result);
      world.saw(`begin: ${result.plan.kind}`);
      return { registers: (p) => p === pkg };
    },
  );
}

export class Begin implements Step {
  constructor(
    readonly pkg: string,
    readonly runIndex: number,
    readonly attempt: number,
    readonly parent: 'none' | 'latest' | 'same-run',
    readonly github: boolean,
    readonly retryLimit: number | undefined,
  ) {}
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    const runId = RUN_IDS[this.runIndex];
    const parent = model.parentFor(this.parent, runId);
    const request = beginRequest(world, this.pkg, runId, this.attempt, {
      parent,
      retryLimit: this.retryLimit,
      github: this.github,
    });
    await beginStep(model, world, this.pkg, runId, this.attempt, request);
  }
  toString = () =>
    `begin ${this.pkg} run ${RUN_IDS[this.runIndex]} attempt ${this.attempt}` +
    `${this.parent === 'none' ? '' : ` parent=${this.parent}`}${this.github ? ' (asks GitHub)' : ''}` +
    `${this.retryLimit === undefined ? '' : ` retry-limit ${this.retryLimit}`}`;
}

/** The same begin again, with its run key: a step the runner retried. */
export class BeginAgain implements Step {
  constructor(readonly handle: number) {}
  check = (model: Readonly<Model>) => model.handles.length > 0;
  async run(model: Model, world: World): Promise<void> {
    const { pkg, runId, attempt, request } = model.handles[this.handle % model.handles.length];
    await beginStep(model, world, pkg, runId, attempt, request);
  }
  toString = () => `begin again #${this.handle}`;
}

export type EndBy = 'post' | 'end-action' | 'operator';

/** An end of a begun execution: by its post step, by end/action.yml in the same or a later attempt, or by an operator. */
export class End implements Step {
  constructor(
    readonly handle: number,
    readonly outcome: Outcome,
    readonly by: EndBy,
    readonly later: number,
  ) {}
  check = (model: Readonly<Model>) => {
    if (model.handles.length === 0) return false;
    const { result } = model.handles[this.handle % model.handles.length];
    // The post step ends only what its main step began to run (E, R, A).
    return this.by !== 'post' || (result.executionStatus !== 'C' && result.plan.kind !== 'yield');
  };
  async run(model: Model, world: World): Promise<void> {
    const handle = model.handles[this.handle % model.handles.length];
    const attempt = handle.attempt + this.later;
    const caller: EndCaller =
      this.by === 'post'
        ? { runKey: handle.runKey }
        : this.by === 'end-action'
          ? endActionCaller(handle.runId, attempt)
          : null;
    await endStep(
      model,
      world,
      handle,
      this.outcome,
      caller,
      this.by === 'end-action' ? { runId: handle.runId, attempt } : null,
    );
  }
  toString = () =>
    `end #${this.handle} ${this.outcome} by ${this.by}${this.by === 'end-action' ? ` attempt +${this.later}` : ''}`;
}

/**
 * Re-run failed jobs: the end job of a batch's workflow run runs again in a later attempt, and
 * succeeds (end/action.yml, success). The batch is one the history began (by its begins' order).
 */
export class Rerun implements Step {
  constructor(
    readonly batch: number,
    readonly later: number,
  ) {}
  check = (model: Readonly<Model>) => model.handles.some((handle) => isBatch(handle.pkg));
  async run(model: Model, world: World): Promise<void> {
    const batches = model.handles.filter((handle) => isBatch(handle.pkg));
    // The latest batch begins, mostly: an older batch execution has a later one after it, which no re-run re-closes.
    const handle = batches[Math.max(0, batches.length - 1 - (this.batch % 3))];
    const attempt = handle.attempt + this.later;
    await endStep(model, world, handle, 'success', endActionCaller(handle.runId, attempt), {
      runId: handle.runId,
      attempt,
    });
  }
  toString = () =>
    `re-run failed jobs: the batch begin ${this.batch % 3} before the latest ends in attempt +${this.later}, success`;
}

async function endStep(
  model: Model,
  world: World,
  handle: Handle,
  outcome: Outcome,
  caller: EndCaller,
  endAction: { runId: string; attempt: number } | null,
): Promise<void> {
  const executionId = handle.result.executionId;
  const request: EndRequest = {
    executionId,
    outcome,
    message: null,
    caller,
    variables: [{ name: VARIABLE, value: `mark-${world.steps}` }],
  };
  await step(
    model,
    world,
    () => end(world.catalog, request),
    (before, after, result) => {
      const was = before.rows.find((row) => row.executionId === executionId)!;
      const failure = model.batchFailure.get(executionId);
      const latest = before.rows.filter((row) => row.packageName === was.packageName).at(-1)!;
      const mayReclose =
        was.ended &&
        was.executionStatus === 'F' &&
        isBatch(handle.pkg) &&
        outcome === 'success' &&
        endAction !== null &&
        typeof failure === 'object' &&
        failure.runId === endAction.runId &&
        failure.attempt < endAction.attempt &&
        latest.executionId === executionId;
      checkEnd(before, after, {
        operatorSet: model.operatorSet,
        request,
        result,
        mayReclose,
        batch: isBatch(handle.pkg),
        owns: (row) =>
          caller === null ? true : 'runKey' in caller ? row.runKey === caller.runKey : row.runId === caller.runId,
      });
      learnEnd(model, after, handle.pkg, request, result, endAction);
      world.saw(`end: ${result.kind}${mayReclose ? ' (may re-close)' : ''}`);
      if (isBatch(handle.pkg) && result.kind === 'ended') world.saw(`batch end: ${outcome}`);
      return {
        reclosed: executionId,
        nextLoadStatus: (row) => row.parentExecutionId === executionId,
        variables: [{ pkg: handle.pkg, executionId }],
      };
    },
  );
}

type OperatorCommand = 'skip' | 'resume' | 'disable' | 'enable' | 'reset' | 'var set';

/** A `bfx` command an operator runs on a package. */
export class Operate implements Step {
  constructor(
    readonly command: OperatorCommand,
    readonly pkg: string,
  ) {}
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    if (!world.packages.has(this.pkg)) return;
    const name = world.name(this.pkg);
    const pkg = this.pkg;
    switch (this.command) {
      case 'skip':
      case 'resume': {
        const status = this.command === 'skip' ? 'C' : 'P';
        return step(
          model,
          world,
          () => setNextLoadStatus(world.catalog, name, status, OPERATOR),
          (_before, _after, result) => {
            world.saw(`bfx ${this.command}: ${result.kind}`);
            if (result.kind !== 'changed') return {};
            const { executionId } = result.execution;
            model.operatorSet.set(executionId, status);
            if (status === 'C') model.skipReason.set(executionId, 'operator skip');
            else model.skipReason.delete(executionId);
            return { operator: true, nextLoadStatus: (row) => row.executionId === executionId };
          },
        );
      }
      case 'disable':
      case 'enable': {
        const wanted = this.command === 'enable';
        return step(
          model,
          world,
          async () => {
            const was = await world.enabled(pkg);
            return { was, changed: await setEnabled(world.catalog, name, wanted, OPERATOR) };
          },
          (_before, _after, { was, changed }) => {
            // 7. What the command reports is the change it made: none when the package was so already.
            if (changed && changed.changed !== (was !== wanted)) {
              throw new InvariantViolation(
                '7',
                `bfx ${this.command} of a package that was ${was ? 'enabled' : 'disabled'} reported changed: ${changed.changed}`,
              );
            }
            if (changed && this.command === 'disable') model.disabled.add(pkg);
            if (changed && this.command === 'enable') model.disabled.delete(pkg);
            world.saw(`bfx ${this.command}: ${changed?.changed ? 'changed' : 'unchanged'}`);
            return {};
          },
        );
      }
      case 'reset':
        return step(
          model,
          world,
          () => reset(world.catalog, name, 'Reset by the invariant tests.', OPERATOR),
          (before, after, result) => {
            checkReset(before, after, name, isBatch(pkg), result, model.operatorSet);
            world.saw(`bfx reset${isBatch(pkg) ? ' (batch)' : ''}: ${result.kind}`);
            if (result.kind !== 'reset') return {};
            const { executionId } = result.execution;
            if (isBatch(pkg)) {
              model.batchFailure.set(executionId, 'otherwise');
              failChildren(model, after, executionId);
            }
            return { nextLoadStatus: (row) => row.parentExecutionId === executionId };
          },
        );
      case 'var set':
        return step(
          model,
          world,
          () => setVariable(world.catalog, name, { name: VARIABLE, value: `operator-${world.steps}` }, OPERATOR),
          () => ({ variables: [{ pkg, executionId: null }] }),
        );
    }
  }
  toString = () => `bfx ${this.command} ${this.pkg}`;
}

/** What GitHub says from now on about a run attempt. */
export class RunState implements Step {
  constructor(
    readonly runIndex: number,
    readonly attempt: number,
    readonly verdict: Verdict,
  ) {}
  check = () => true;
  async run(_model: Model, world: World): Promise<void> {
    world.verdicts.set(`${RUN_IDS[this.runIndex]}:${this.attempt}`, this.verdict);
  }
  toString = () => `GitHub: run ${RUN_IDS[this.runIndex]} attempt ${this.attempt} is ${this.verdict}`;
}

let burstRuns = 0;

/** Settles every call, and fails invariant 8 with the first that threw. */
async function everyDecided<T>(calls: Promise<T>[], what: string): Promise<T[]> {
  const settled = await Promise.allSettled(calls);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    if (failed.reason instanceof InvariantViolation) throw failed.reason;
    throw new InvariantViolation(
      '8',
      `${what}: a call failed while others were busy: ${(failed.reason as Error).message}`,
    );
  }
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** N begins of one package at once, from N runs that GitHub says are alive, completed or unknown. */
export class Burst implements Step {
  constructor(
    readonly pkg: string,
    readonly size: number,
    readonly verdict: Verdict,
    readonly wait: boolean,
  ) {}
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    const pkg = this.pkg;
    world.packages.add(pkg);
    const requests = Array.from({ length: this.size }, () => {
      const runId = String(9000 + ++burstRuns);
      const parent = pkg.startsWith('C') ? model.parentFor('latest', runId) : undefined;
      return { runId, request: beginRequest(world, pkg, runId, 1, { parent, github: true, wait: this.wait }) };
    });
    await step(
      model,
      world,
      async () => {
        world.verdictForAll = this.verdict;
        try {
          return await everyDecided(
            requests.map(({ request }, i) => begin(world.target.runners[i % world.target.runners.length], request)),
            `a burst of ${this.size} begins of ${pkg}`,
          );
        } finally {
          world.verdictForAll = undefined;
        }
      },
      (_before, after, results) => {
        results.forEach((result, i) => {
          if (!after.rows.some((row) => row.executionId === result.executionId)) {
            throw new InvariantViolation(
              '7',
              `a begin of the burst returned execution ${result.executionId}, not in the catalog`,
            );
          }
          learnBegin(model, pkg, requests[i].runId, 1, requests[i].request, result);
          world.saw(`burst begin (GitHub says ${this.verdict}): ${result.plan.kind}`);
          if (i === 0 && this.size === BURST) world.saw(`burst of ${BURST} begins (GitHub says ${this.verdict})`);
        });
        return { registers: (p) => p === pkg };
      },
    );
  }
  toString = () =>
    `burst of ${this.size} begins of ${this.pkg}, GitHub says ${this.verdict}${this.wait ? ', on-live-run: wait' : ''}`;
}

/** What races with a batch's children: the batch's end (by an operator), or an operator's reset of the batch. */
export type BatchRace = Outcome | 'reset';

/**
 * N children of the latest batch execution begin at once, then end at once (some fail), and the
 * batch execution's own end, or an operator's reset of it, may race with their ends or with their
 * begins: the result must be as if they ran one after another, in some order.
 */
export class ChildBurst implements Step {
  constructor(
    readonly size: number,
    readonly failures: number,
    readonly batchEnd: BatchRace | null,
    readonly racing: 'ends' | 'begins' = 'ends',
  ) {}
  check = (model: Readonly<Model>) => model.batches.length > 0;
  async run(model: Model, world: World): Promise<void> {
    const parent = model.batches.at(-1)!.executionId;
    const runId = String(9000 + ++burstRuns);
    const children = Array.from({ length: this.size }, (_, i) => `K${i + 1}`);
    for (const pkg of children) world.packages.add(pkg);
    const requests = children.map((pkg) => beginRequest(world, pkg, runId, 1, { parent, github: true }));
    const batchName = world.name('B');
    /** The batch's end or reset, on a runner of its own: an end by an operator (who always owns it). */
    const batchCall = (runner: CatalogEngine): Promise<EndResult | ResetResult> =>
      this.batchEnd === 'reset'
        ? reset(runner, batchName, 'Reset while its children ran.', OPERATOR)
        : end(runner, { executionId: parent, outcome: this.batchEnd!, message: null, caller: null, variables: [] });
    /** What the batch's end or reset came to, learnt and checked once the race is over. */
    const learnBatch = (after: Snapshot, result: EndResult | ResetResult, childIds: string[]) => {
      const status = this.batchEnd === 'success' ? 'S' : 'F';
      checkRace(after, parent, status, childIds);
      if (this.batchEnd === 'reset') {
        // 7. The reset reports the batch execution it ended: it was active when the race began.
        if (result.kind !== 'reset' || result.execution.executionId !== parent)
          throw new InvariantViolation('7', `a reset of the batch racing its children reported ${result.kind}`);
        model.batchFailure.set(parent, 'otherwise');
        failChildren(model, after, parent);
      } else {
        const request: EndRequest = { executionId: parent, outcome: this.batchEnd!, message: null, caller: null };
        learnEnd(model, after, 'B', request, result as EndResult, null);
      }
    };
    const race = this.batchEnd === null ? null : this.racing;
    let results: BeginResult[] = [];
    let batchWasActive = false;
    await step(
      model,
      world,
      async (before) => {
        batchWasActive = before.rows.some((row) => row.executionId === parent && !row.ended);
        const racing = race === 'begins' && batchWasActive;
        const settled = await everyDecided<BeginResult | EndResult | ResetResult>(
          [
            ...requests.map((request, i) => begin(world.target.runners[i % world.target.runners.length], request)),
            ...(racing ? [batchCall(world.target.runners[requests.length % world.target.runners.length])] : []),
          ],
          `${this.size} children of batch execution ${parent} beginning at once${racing ? `, and the batch's ${this.batchEnd}` : ''}`,
        );
        results = settled.slice(0, requests.length) as BeginResult[];
        return racing ? (settled[requests.length] as EndResult | ResetResult) : undefined;
      },
      (_before, after, batchResult) => {
        results.forEach((result, i) => learnBegin(model, children[i], runId, 1, requests[i], result));
        world.saw(this.size === BURST ? `child burst of ${BURST}` : 'child burst');
        if (batchResult !== undefined) {
          world.saw(`child begins racing their batch's ${this.batchEnd === 'reset' ? 'reset' : 'end'}`);
          // The children that began before it: ended with it (reset) or still active; those after it, active.
          learnBatch(after, batchResult, []);
        }
        return {
          registers: (p) => children.includes(p),
          nextLoadStatus: (row) => row.parentExecutionId === parent,
          reclosed: undefined,
        };
      },
    );
    const ending = results
      .map((result, i) => ({ result, i }))
      .filter(({ result }) => result.executionStatus !== 'C' && result.plan.kind !== 'yield');
    const ends = ending.map(({ result, i }) => ({
      pkg: children[i],
      request: {
        executionId: result.executionId,
        outcome: (i < this.failures ? 'failure' : 'success') as Outcome,
        message: null,
        caller: { runKey: requests[i].runKey },
        variables: [{ name: VARIABLE, value: `mark-${world.steps}` }],
      } satisfies EndRequest,
    }));
    await step(
      model,
      world,
      async (before) => {
        batchWasActive = before.rows.some((row) => row.executionId === parent && !row.ended);
        const racing = race === 'ends' && batchWasActive;
        const settled = await everyDecided<EndResult | ResetResult>(
          [
            ...ends.map(({ request }, i) => end(world.target.runners[i % world.target.runners.length], request)),
            ...(racing ? [batchCall(world.target.runners[ends.length % world.target.runners.length])] : []),
          ],
          `${ends.length} children of batch execution ${parent} ending at once${racing ? `, and the batch's ${this.batchEnd}` : ''}`,
        );
        return { racing, settled };
      },
      (_before, after, { racing, settled }) => {
        settled.slice(0, ends.length).forEach((result, i) => {
          learnEnd(model, after, ends[i].pkg, ends[i].request, result as EndResult, null);
        });
        if (racing) {
          world.saw(
            this.batchEnd === 'reset' ? 'child burst racing its batch reset' : 'child burst racing its batch end',
          );
          learnBatch(
            after,
            settled[ends.length],
            ends.map(({ request }) => request.executionId),
          );
          // A child that failed after its batch succeeded keeps R; one that failed before got P (moot).
          for (const { request } of ends) {
            const row = after.rows.find((r) => r.executionId === request.executionId)!;
            if (row.executionStatus === 'F' && row.nextLoadStatus === 'R') model.moot.delete(request.executionId);
          }
        }
        return {
          nextLoadStatus: (row) => row.parentExecutionId === parent,
          variables: ends.map(({ pkg, request }) => ({ pkg, executionId: request.executionId })),
        };
      },
    );
  }
  toString = () =>
    `${this.size} children of the latest batch execution begin and end at once (${this.failures} fail)` +
    (this.batchEnd === null
      ? ''
      : `, the batch ${this.batchEnd === 'reset' ? 'reset by an operator' : `ending ${this.batchEnd}`} as they ${this.racing === 'ends' ? 'end' : 'begin'}`);
}

/**
 * A begin or an end in a process of its own, killed (SIGKILL) at a random moment or while it holds
 * its transaction open (writes sent, COMMIT not yet), then retried in process as the runner retries
 * a step: 6, all or nothing.
 */
export class Kill implements Step {
  constructor(
    readonly op: 'begin' | 'end',
    readonly pkg: string,
    readonly handle: number,
    readonly when: 'mid-transaction' | number,
  ) {}
  check = (model: Readonly<Model>) => {
    if (this.op === 'begin') return true;
    if (model.handles.length === 0) return false;
    const { result, pkg } = model.handles[this.handle % model.handles.length];
    return result.executionStatus !== 'C' && result.plan.kind !== 'yield' && !isBatch(pkg);
  };
  async run(model: Model, world: World): Promise<void> {
    if (!world.target.kills) return;
    world.packages.add(this.pkg);
    const before = await snapshot(world);
    const runKey = `kill:${++burstRuns}`;
    const handle = this.op === 'end' ? model.handles[this.handle % model.handles.length] : undefined;
    const parent = this.pkg.startsWith('C') ? model.parentFor('latest', '') : undefined;
    const call =
      this.op === 'begin'
        ? {
            op: 'begin' as const,
            connectionString: world.target.connectionString,
            packageName: world.name(this.pkg),
            runKey,
            parentExecutionId: parent,
          }
        : {
            op: 'end' as const,
            connectionString: world.target.connectionString,
            executionId: handle!.result.executionId,
            outcome: 'success' as const,
            caller: { runKey: handle!.runKey },
          };
    const child = runInProcess({ ...call, holdAtCommit: this.when === 'mid-transaction' });
    if (this.when === 'mid-transaction') {
      await Promise.race([child.holding, child.result.catch(() => {})]);
    } else {
      await Promise.race([
        new Promise((resolve) => setTimeout(resolve, this.when as number)),
        child.result.catch(() => {}),
      ]);
    }
    const finished = child.finished();
    child.kill();
    await child.result.catch(() => {});
    world.kills += 1;
    world.saw(
      `kill ${this.op} ${this.when === 'mid-transaction' ? 'mid-transaction' : finished ? 'after it finished' : 'at a random moment'}`,
    );
    const killed = await snapshot(world);
    const changed = JSON.stringify(killed.rows) !== JSON.stringify(before.rows);
    if (this.when === 'mid-transaction' && changed) {
      throw new InvariantViolation('6', `a ${this.op} killed before its COMMIT left changes in the catalog`);
    }
    checkEveryStep(model, (pkg) => world.name(pkg), before, killed, {});
    learnEndOrder(model, before, killed);
    // The killed step retried in process, as the runner retries it: all of it was there, or none.
    if (this.op === 'begin') {
      const request: BeginRequest = {
        packageName: world.name(this.pkg),
        retryLimit: undefined,
        parentExecutionId: parent,
        runKey,
        context: context(null, null, null),
      };
      const limit = await packageRetryLimit(world, this.pkg);
      const disabled = model.disabled.has(this.pkg);
      await step(
        model,
        world,
        () => begin(world.catalog, request),
        (retried, after, result) => {
          if (changed !== (result.plan.kind === 'reenter')) {
            throw new InvariantViolation(
              '6',
              changed
                ? `a killed begin changed the catalog, yet its run key ${runKey} began nothing (the retry: ${result.plan.kind})`
                : `a killed begin left the catalog as it was, yet its run key ${runKey} began an execution`,
            );
          }
          checkBegin(model, retried, after, {
            name: request.packageName,
            request,
            result,
            packageRetryLimit: limit,
            verdictOf: () => 'completed',
            disabled,
          });
          if (changed) learnWrite(model, this.pkg, request, result);
          else learnBegin(model, this.pkg, '', 0, request, result);
          return { registers: (p) => p === this.pkg };
        },
      );
    } else {
      const executionId = handle!.result.executionId;
      const was = before.rows.find((row) => row.executionId === executionId)!;
      const now = killed.rows.find((row) => row.executionId === executionId)!;
      if (changed && (was.ended || !now.ended)) {
        throw new InvariantViolation('6', `a killed end changed the catalog without ending execution ${executionId}`);
      }
      const request: EndRequest = {
        executionId,
        outcome: 'success',
        message: null,
        caller: { runKey: handle!.runKey },
      };
      if (changed) learnEnd(model, killed, handle!.pkg, request, { kind: 'ended' }, null);
      await endStep(model, world, handle!, 'success', request.caller, null);
    }
  }
  toString = () =>
    `kill ${this.op} ${this.op === 'begin' ? this.pkg : `#${this.handle}`} ${this.when === 'mid-transaction' ? 'mid-transaction' : `after ${this.when} ms`}`;
}

/**
 * A begin, an end or an operator command whose COMMIT's answer is lost (the connection dropped
 * once COMMIT was sent, the transaction committed): the step is run again by the core, and must
 * report what it did, as the catalog holds it (docs/design.md, A commit whose outcome is unknown).
 * Its own checks hold as for any step; failing, when it had committed, breaks 7. With `meanwhile`,
 * another operator sets the step's package's high-water mark between the lost answer and the
 * retry: the retry must not write over it (6: the step was applied once, before it).
 */
export class LoseCommit implements Step {
  constructor(
    readonly inner: Step,
    readonly meanwhile = false,
  ) {}
  check = (model: Readonly<Model>) => this.inner.check(model);
  /** The package the inner step works on. */
  private packageOf(model: Readonly<Model>): string | undefined {
    const { inner } = this;
    if (inner instanceof Begin || inner instanceof Operate) return inner.pkg;
    if (inner instanceof End) return model.handles[inner.handle % model.handles.length]?.pkg;
    if (inner instanceof Rerun) return 'B';
    return undefined;
  }
  async run(model: Model, world: World): Promise<void> {
    const loss = world.target.loseCommit;
    if (!loss) return this.inner.run(model, world);
    const drops = loss.drops();
    const pkg = this.meanwhile ? this.packageOf(model) : undefined;
    let ran = false;
    const value = `meanwhile-${world.steps}`;
    if (pkg !== undefined && world.packages.has(pkg)) {
      const name = world.name(pkg);
      loss.arm(async () => {
        const set = await setVariable(
          world.target.runners[0],
          name,
          { name: VARIABLE, value },
          { actor: 'someone else', reason: null },
        );
        // A package that a killed begin never registered has no variable to set.
        ran = set.kind === 'set';
      });
      world.meanwhile = {
        allow: { variables: [{ pkg, executionId: null }] },
        check: (after) => {
          if (!ran) return;
          const now = after.variables.get(pkg)?.find((variable) => variable.name === VARIABLE);
          if (now?.value !== value) {
            throw new InvariantViolation(
              '6',
              `${String(this.inner)} lost its COMMIT's answer, ${VARIABLE} of ${pkg} was set to ${value} meanwhile, ` +
                `and the step run again left ${now?.value ?? 'no value'}: it was applied twice`,
            );
          }
          world.saw('lost commit: a var set meanwhile');
        },
      };
    } else loss.arm();
    try {
      await this.inner.run(model, world);
    } catch (error) {
      if (error instanceof InvariantViolation || loss.drops() === drops) throw error;
      throw new InvariantViolation(
        '7',
        `${String(this.inner)} lost its COMMIT's answer and failed, though it had committed: ${(error as Error).message}`,
      );
    } finally {
      loss.cancel();
      world.meanwhile = undefined;
    }
    if (loss.drops() > drops) {
      const words = String(this.inner).split(' ');
      world.saw(`lost commit: ${words.slice(0, words[0] === 'bfx' ? 2 : 1).join(' ')}`);
    }
  }
  toString = () =>
    `${String(this.inner)}, the answer to its COMMIT lost${this.meanwhile ? ', a var set of its package meanwhile' : ''}`;
}

const pkgs = fc.constantFrom(...PACKAGES);
const run = fc.nat({ max: RUN_IDS.length - 1 });
const attempt = fc.integer({ min: 1, max: 3 });
const verdict = fc.constantFrom<Verdict>('alive', 'completed', 'unknown');
const handle = fc.nat({ max: 1000 });

/** The steps of a history, weighted towards begins and ends. `kills` adds steps run in a process and killed. */
export function steps(options: { kills: boolean; bursts: boolean; loseCommits?: boolean }): fc.Arbitrary<Step>[] {
  const begins = fc
    .tuple(
      pkgs,
      run,
      attempt,
      fc.constantFrom('none', 'latest', 'same-run', 'same-run'),
      fc.boolean(),
      fc.constantFrom(undefined, undefined, undefined, 0, 1),
    )
    .map(
      ([pkg, r, a, parent, github, limit]) =>
        new Begin(pkg, r, a, pkg.startsWith('C') ? parent : 'none', github, limit),
    );
  const ends = fc
    .tuple(
      handle,
      fc.constantFrom<Outcome>('success', 'success', 'failure', 'cancelled'),
      fc.constantFrom<EndBy>('post', 'end-action', 'end-action', 'operator'),
      fc.nat({ max: 2 }),
    )
    .map(([h, outcome, by, later]) => new End(h, outcome, by, later));
  const reruns = fc.tuple(handle, fc.integer({ min: 1, max: 2 })).map(([b, later]) => new Rerun(b, later));
  const operates = fc
    .tuple(fc.constantFrom<OperatorCommand>('skip', 'resume', 'disable', 'enable', 'reset', 'var set'), pkgs)
    .map(([command, pkg]) => new Operate(command, pkg));
  const weighted: fc.WeightedArbitrary<Step>[] = [
    { arbitrary: begins, weight: 10 },
    { arbitrary: ends, weight: 9 },
    { arbitrary: handle.map((h) => new BeginAgain(h)), weight: 1 },
    { arbitrary: reruns, weight: 3 },
    { arbitrary: operates, weight: 3 },
    { arbitrary: fc.tuple(run, attempt, verdict).map(([r, a, v]) => new RunState(r, a, v)), weight: 3 },
  ];
  if (options.bursts) {
    // The full 32 often: the size the invariant names.
    const burstSize = fc.oneof(fc.constant(BURST), fc.integer({ min: 2, max: BURST }));
    const batchEnd = fc.constantFrom<BatchRace | null>(null, 'success', 'failure', 'reset');
    weighted.push(
      {
        arbitrary: fc.tuple(pkgs, burstSize, verdict, fc.boolean()).map(([p, n, v, w]) => new Burst(p, n, v, w)),
        weight: 1,
      },
      {
        arbitrary: fc
          .tuple(burstSize, fc.nat({ max: 4 }), batchEnd, fc.constantFrom<'ends' | 'begins'>('ends', 'ends', 'begins'))
          .map(([n, f, b, r]) => new ChildBurst(n, f, b, r)),
        weight: 1,
      },
    );
  }
  if (options.loseCommits) {
    weighted.push({
      arbitrary: fc
        .tuple(fc.oneof(begins, ends, operates, reruns), fc.boolean())
        .map(([inner, meanwhile]): Step => new LoseCommit(inner, meanwhile)),
      weight: 6,
    });
  }
  if (options.kills) {
    weighted.push({
      arbitrary: fc
        .tuple(
          fc.constantFrom<'begin' | 'end'>('begin', 'end'),
          fc.constantFrom('C1', 'C2', 'P'),
          handle,
          fc.oneof(fc.constant<'mid-transaction'>('mid-transaction'), fc.integer({ min: 0, max: 400 })),
        )
        .map(([op, pkg, h, when]) => new Kill(op, pkg, h, when)),
      weight: 8,
    });
  }
  return [fc.oneof(...weighted)];
}
