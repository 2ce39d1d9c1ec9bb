/**
 * PackageTransaction, written once over a Driver: each call is one named statement (a few for a
 * delete), queued on the transaction's round trips, so the calls work makes in one tick share a
 * round trip. The constructor queues BEGIN and the locks: the parent execution's package SHARED (a
 * child's begin, or any lock through an execution), the registration of a begin's package, the
 * package EXCLUSIVE; the reads work makes first go out in the same round trip. Every statement of
 * the locked package finds it through the lock key (LockedParams), so it needs no earlier answer.
 *
 * Guarded updates fail on the server (or in the driver) when they do not change the rows this
 * transaction says they must, which the faults call a guard failure, and abort the transaction
 * before a COMMIT sent behind them: here that is a LockViolation naming the execution (a take-over
 * or finish), or the failure of a next load status set on an execution of a package this
 * transaction did not lock. A rename's unique-key violation is NameTaken.
 */
import type { ExecutionStatus, NextLoadStatus } from '../../decision.js';
import type { ExecutionStanding } from '../../operations.js';
import {
  LockViolation,
  NameTaken,
  type AuditEntry,
  type ExecutionFinish,
  type ExecutionRow,
  type ExecutionTakeover,
  type NewAuditEntry,
  type NewExecution,
  type PackageLock,
  type PackageRow,
  type PackageTransaction,
  type RowCount,
  type Variable,
  type VariableValue,
} from '../catalog.js';
import { isExecutionIdText } from '../limits.js';
import {
  bool,
  contextValues,
  text,
  toAuditEntry,
  toExecutionRow,
  toExecutionStanding,
  toPackageRow,
  toStartedExecution,
  toVariable,
} from '../rows.js';
import {
  GuardFailure,
  type Answer,
  type Driver,
  type LockedParams,
  type LockKey,
  type Params,
  type StatementName,
  type StatementText,
} from './driver.js';
import { RoundTrips, type OutcomeCheck } from './round-trips.js';

/** Anything that is not an ExecutionID (limits.ts) is bound as -1, which matches no row. */
export const executionIdValue = (executionId: string): string => (isExecutionIdText(executionId) ? executionId : '-1');
const optionalId = (executionId: string | null) => (executionId === null ? null : executionIdValue(executionId));

/** The text of a statement for a lock key (one text may serve both). */
export const textFor = (text: StatementText, key: LockKey): string => (typeof text === 'string' ? text : text[key]);

const firstRow = (answer: Answer) => answer.rows[0];
const executionOrNull = (answer: Answer): ExecutionRow | null => {
  const raw = firstRow(answer);
  return raw ? toExecutionRow(raw) : null;
};
const packageOrNull = (answer: Answer): PackageRow | null => {
  const raw = firstRow(answer);
  return raw ? toPackageRow(raw) : null;
};

/** The last value given for each key (a statement may not change one row twice). */
function lastBy<T>(values: readonly T[], key: (value: T) => string): T[] {
  return [...new Map(values.map((value) => [key(value), value])).values()];
}

export class SqlTransaction implements PackageTransaction {
  readonly trips: RoundTrips;
  private readonly key: LockKey;
  /** The lock's values, and the packages held exclusively so far (growing as the locks answer). */
  private readonly lockParams: LockedParams & { LockedPackageIDs: number[] };
  private readonly locked: Promise<PackageRow | null>;
  private committing: Promise<void> | undefined;

  constructor(
    private readonly driver: Driver,
    lock: PackageLock,
    /** Statements sent right after BEGIN (the catalog check of a first transaction), and how their outcomes are judged. */
    prelude: { steps: StatementName[]; check: OutcomeCheck } | undefined,
  ) {
    this.trips = new RoundTrips(driver, prelude?.check);
    let lockParent: boolean;
    if ('executionId' in lock) {
      this.key = 'execution';
      // An end, or a change through an execution: its parent's package first, if it has a parent.
      lockParent = true;
      this.lockParams = {
        PackageName: null,
        LockExecutionID: executionIdValue(lock.executionId),
        LockParentExecutionID: null,
        LockedPackageID: null,
        LockedPackageIDs: [],
      };
    } else {
      this.key = 'name';
      lockParent = lock.parentExecutionId !== undefined;
      this.lockParams = {
        PackageName: lock.packageName,
        LockExecutionID: null,
        LockParentExecutionID: optionalId(lock.parentExecutionId ?? null),
        LockedPackageID: null,
        LockedPackageIDs: [],
      };
    }
    void this.trips.send({ kind: 'begin', mode: 'package' });
    for (const name of prelude?.steps ?? []) void this.statement(name, {});
    if (lockParent) {
      // Held shared, beside the batch's other children: not among the packages whose executions it may change.
      void this.statement('LOCK_PARENT_PACKAGE_SHARED', {}).catch(noop);
    }
    if (!('executionId' in lock) && lock.register !== undefined) {
      void this.statement('REGISTER_PACKAGE', { RetryLimit: lock.register.retryLimit, IsBatch: lock.register.isBatch });
    }
    this.locked = this.statement('LOCK_PACKAGE_EXCLUSIVE', {}).then((answer) => {
      const row = packageOrNull(answer);
      this.lockedTo(answer);
      if (row) this.lockParams.LockedPackageID = row.packageId;
      return row;
    });
    this.locked.catch(noop);
  }

  /** Adds the packages a lock statement answered to those this transaction holds exclusively. */
  private lockedTo(answer: Answer): void {
    const ids = answer.rows.map((row) => Number(row.packageId));
    const held = this.lockParams.LockedPackageIDs;
    for (const id of ids) if (!held.includes(id)) held.push(id);
  }

  /**
   * Queues one statement with the lock's values and its own; `meaning` turns its failure into ours.
   * A guarded one (Step.guarded) also binds the number of rows it must change as @GuardedRows.
   */
  private statement(
    name: StatementName,
    params: Params,
    options: { guarded?: number; meaning?: (error: unknown) => unknown } = {},
  ): Promise<Answer> {
    if (this.committing) return Promise.reject(new Error('The catalog transaction was used after its commit.'));
    const text = textFor(this.driver.statements[name], this.key);
    const lockParams = { ...this.lockParams, LockedPackageIDs: [...this.lockParams.LockedPackageIDs] };
    const { guarded } = options;
    const guard: Params = guarded === undefined ? {} : { GuardedRows: guarded };
    return this.trips.send(
      { kind: 'statement', name, text, params: { ...lockParams, ...params, ...guard }, guarded },
      options.meaning,
    );
  }

  /**
   * A guarded statement that must change `rows` rows, on the server before anything sent behind it
   * (a COMMIT) takes effect: its guard failure, or an answer of another count (the second line), is
   * `failure`.
   */
  private guarded(name: StatementName, params: Params, rows: number, failure: () => Error): Promise<Answer> {
    if (!Number.isSafeInteger(rows) || rows < 1) {
      return Promise.reject(new Error(`A guarded ${name} must change at least one row, not ${rows}.`));
    }
    const { faults } = this.driver;
    const meaning = (error: unknown) =>
      error instanceof GuardFailure || faults.isGuardFailure(error) ? failure() : error;
    return this.statement(name, params, { guarded: rows, meaning }).then((answer) => {
      if (answer.changed !== rows) throw this.failed(failure());
      return answer;
    });
  }

  /** A take-over or finish of one execution: anything but exactly its row changed is a LockViolation. */
  private guardedExecution(name: StatementName, params: Params, executionId: string): Promise<Answer> {
    return this.guarded(name, params, 1, () => new LockViolation(executionId));
  }

  /** A rule an answer broke: the transaction's failure, if it has none yet. */
  private failed(error: Error): Error {
    this.trips.fail(error);
    return error;
  }

  package(): Promise<PackageRow | null> {
    return this.locked;
  }

  private readExecution(name: StatementName, params: Params = {}): Promise<ExecutionRow | null> {
    return this.statement(name, params).then(executionOrNull);
  }

  executionWithRunKey(runKey: string) {
    return this.readExecution('EXECUTION_WITH_RUN_KEY', { RunKey: runKey });
  }

  activeExecution() {
    return this.readExecution('ACTIVE_EXECUTION');
  }

  latestExecution() {
    return this.readExecution('LATEST_EXECUTION');
  }

  lastEndedExecution() {
    return this.readExecution('LAST_ENDED_EXECUTION');
  }

  execution(executionId: string) {
    return this.readExecution('EXECUTION_BY_ID', { ExecutionID: executionIdValue(executionId) });
  }

  anyExecution(executionId: string) {
    return this.readExecution('ANY_EXECUTION', { ExecutionID: executionIdValue(executionId) });
  }

  executionFamily(executionId: string) {
    return this.statement('EXECUTION_FAMILY', { ExecutionID: executionIdValue(executionId) }).then((answer) => {
      const family = {
        execution: null as ExecutionRow | null,
        parent: null as ExecutionRow | null,
        children: [] as ExecutionRow[],
      };
      for (const raw of answer.rows) {
        const row = toExecutionRow(raw);
        if (bool(raw.isExecution)) family.execution = row;
        if (bool(raw.isParent)) family.parent = row;
        if (bool(raw.isChild)) family.children.push(row);
      }
      return family;
    });
  }

  children(parentExecutionId: string): Promise<ExecutionRow[]> {
    return this.statement('CHILDREN', { ParentExecutionID: executionIdValue(parentExecutionId) }).then((answer) =>
      answer.rows.map(toExecutionRow),
    );
  }

  auditedExecutions(executionIds: string[], actions: string[]): Promise<string[]> {
    if (executionIds.length === 0) return Promise.resolve([]);
    const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))], Actions: actions };
    return this.statement('AUDITED_EXECUTIONS', params).then((answer) =>
      answer.rows.map((row) => String(row.executionId)),
    );
  }

  lastExecutionAndVariables(status: ExecutionStatus, beforeExecutionId: string | null) {
    const params = { ExecutionStatus: status, BeforeExecutionID: optionalId(beforeExecutionId) };
    return this.statement('LAST_EXECUTION_AND_VARIABLES', params).then((answer) => ({
      lastExecutionId: text(firstRow(answer)?.lastExecutionId),
      // A package with no variables answers one row of null variable columns.
      variables: answer.rows.filter((row) => row.name !== null && row.name !== undefined).map(toVariable),
    }));
  }

  variables(): Promise<Variable[]> {
    return this.statement('VARIABLES', {}).then((answer) => answer.rows.map(toVariable));
  }

  executionAudit(executionId: string, action: string): Promise<AuditEntry[]> {
    const params = { ExecutionID: executionIdValue(executionId), Action: action };
    return this.statement('EXECUTION_AUDIT', params).then((answer) => answer.rows.map(toAuditEntry));
  }

  packageAudit(action: string, afterAuditId: string | null, limit: number): Promise<AuditEntry[]> {
    const params = {
      Action: action,
      AfterAuditID: afterAuditId === null ? null : executionIdValue(afterAuditId),
      Limit: limit,
    };
    return this.statement('PACKAGE_AUDIT', params).then((answer) => answer.rows.map(toAuditEntry));
  }

  insertExecution(execution: NewExecution): Promise<{ executionId: string; startTime: string }> {
    return this.statement('INSERT_EXECUTION', {
      PackageID: execution.packageId,
      ParentExecutionID: optionalId(execution.parentExecutionId),
      ExecutionStatus: execution.executionStatus,
      NextLoadStatus: execution.nextLoadStatus,
      RetryCount: execution.retryCount,
      Ended: execution.ended,
      ErrorMessage: execution.errorMessage,
      RunKey: execution.runKey,
      ...contextValues(execution.context),
    }).then((answer) => toStartedExecution(firstRow(answer)));
  }

  takeOverExecution(takeover: ExecutionTakeover): Promise<void> {
    const params = {
      ExecutionID: executionIdValue(takeover.executionId),
      ExecutionStatus: takeover.executionStatus,
      NextLoadStatus: takeover.nextLoadStatus,
      RetryCount: takeover.retryCount,
      ParentExecutionID: optionalId(takeover.parentExecutionId),
      RunKey: takeover.runKey,
      ...contextValues(takeover.context),
    };
    return this.guardedExecution('TAKE_OVER_EXECUTION', params, takeover.executionId).then(noop);
  }

  finishExecution(finish: ExecutionFinish): Promise<ExecutionRow> {
    return this.guardedExecution('FINISH_EXECUTION', finishValues(finish), finish.executionId).then(
      (answer) => executionOrNull(answer) ?? this.noRow(finish.executionId),
    );
  }

  refinishExecution(finish: ExecutionFinish, endedAs: ExecutionStatus): Promise<ExecutionRow> {
    const params = { ...finishValues(finish), EndedAs: endedAs };
    return this.guardedExecution('REFINISH_EXECUTION', params, finish.executionId).then(
      (answer) => executionOrNull(answer) ?? this.noRow(finish.executionId),
    );
  }

  /** A guarded write that changed its row but answered none: a bug in an engine's statement. */
  private noRow(executionId: string): never {
    throw this.failed(
      new Error(`The ${this.driver.engine} catalog changed execution ${executionId} but answered no row.`),
    );
  }

  /** Guarded: the one execution, of a package this transaction locked, or the transaction fails. */
  setNextLoadStatus(executionId: string, nextLoadStatus: NextLoadStatus): Promise<ExecutionRow> {
    const params = { ExecutionID: executionIdValue(executionId), NextLoadStatus: nextLoadStatus };
    return this.guarded('SET_NEXT_LOAD_STATUS', params, 1, () => notLocked([executionId])).then(
      (answer) => executionOrNull(answer) ?? this.noRow(executionId),
    );
  }

  /** Guarded: every one of the executions (each once), of packages this transaction locked, or the transaction fails. */
  setNextLoadStatuses(executionIds: string[], nextLoadStatus: NextLoadStatus): Promise<void> {
    const distinct = [...new Set(executionIds)];
    if (distinct.length === 0) return Promise.resolve();
    const params = { ExecutionIDs: distinct.map(executionIdValue), NextLoadStatus: nextLoadStatus };
    return this.guarded('SET_NEXT_LOAD_STATUSES', params, distinct.length, () => notLocked(distinct)).then(noop);
  }

  lockPackages(packageIds: number[]): Promise<void> {
    const ids = [...new Set(packageIds)].sort((a, b) => a - b);
    if (ids.length === 0) return Promise.resolve();
    const held = this.lockParams.LockedPackageIDs;
    for (const id of ids) if (!held.includes(id)) held.push(id);
    return this.statement('LOCK_PACKAGES_EXCLUSIVE', { PackageIDs: ids }).then(noop);
  }

  markBatch(): Promise<void> {
    return this.statement('MARK_BATCH', {}).then(noop);
  }

  registerVariables(defaults: VariableValue[]): Promise<void> {
    if (defaults.length === 0) return Promise.resolve();
    // The first default given for a name is the one kept, as a second registration would keep it.
    const first = lastBy(defaults.toReversed(), (value) => value.name);
    return this.statement('REGISTER_VARIABLES', namesAndValues(first)).then(noop);
  }

  storeVariables(values: VariableValue[], executionId: string | null): Promise<void> {
    if (values.length === 0) return Promise.resolve();
    const params = {
      ...namesAndValues(lastBy(values, (value) => value.name)),
      ExecutionID: optionalId(executionId),
    };
    return this.statement('STORE_VARIABLES', params).then(noop);
  }

  saveRowCounts(executionId: string, counts: RowCount[]): Promise<void> {
    if (counts.length === 0) return Promise.resolve();
    // The last count given for an object and type is the one kept, as a later call would replace it.
    const last = lastBy(counts, (count) => JSON.stringify([count.objectName, count.countType]));
    return this.statement('SAVE_ROW_COUNTS', {
      ExecutionID: executionIdValue(executionId),
      ObjectNames: last.map((count) => count.objectName),
      CountTypes: last.map((count) => count.countType),
      RowCounts: last.map((count) => count.rowCount),
    }).then(noop);
  }

  recordAudit(entry: NewAuditEntry): Promise<void> {
    return this.statement('RECORD_AUDIT', {
      ExecutionID: optionalId(entry.executionId),
      Action: entry.action,
      Detail: entry.detail,
      Actor: entry.actor,
    }).then(noop);
  }

  recordDeletion(entry: NewAuditEntry): Promise<void> {
    return this.statement('RECORD_DELETION', { Action: entry.action, Detail: entry.detail, Actor: entry.actor }).then(
      noop,
    );
  }

  setEnabled(enabled: boolean): Promise<PackageRow | null> {
    return this.statement('SET_ENABLED', { IsEnabled: enabled }).then(packageOrNull);
  }

  packageNamed(packageName: string): Promise<PackageRow | null> {
    return this.statement('PACKAGE_NAMED', { OtherName: packageName }).then(packageOrNull);
  }

  /** Queue it after every other statement that finds the package by its old name (recordAudit). */
  renamePackage(newName: string): Promise<PackageRow> {
    const taken = (error: unknown) => (this.driver.faults.isUniqueViolation(error) ? new NameTaken(newName) : error);
    return this.statement('RENAME_PACKAGE', { NewName: newName }, { meaning: taken }).then((answer) => {
      const row = packageOrNull(answer);
      if (!row) throw this.failed(new Error("No package matches this transaction's lock, so it cannot be renamed."));
      return row;
    });
  }

  deletePackage(): Promise<{ executions: number }> {
    const steps: StatementName[] = [
      'DELETE_PACKAGE_ROW_COUNTS',
      'DELETE_PACKAGE_AUDIT',
      'DELETE_PACKAGE_VARIABLES',
      'DELETE_PACKAGE_EXECUTIONS',
      'DELETE_PACKAGE',
    ];
    return Promise.all(steps.map((name) => this.statement(name, {}))).then((answers) => ({
      executions: answers[3].changed,
    }));
  }

  purgeCandidates(olderThanMinutes: number, afterExecutionId: string | null, limit: number) {
    const params = { Minutes: olderThanMinutes, AfterExecutionID: optionalId(afterExecutionId), Limit: limit };
    return this.statement('PURGE_CANDIDATES', params).then(standings);
  }

  standings(executionIds: string[], olderThanMinutes: number): Promise<ExecutionStanding[]> {
    if (executionIds.length === 0) return Promise.resolve([]);
    const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))], Minutes: olderThanMinutes };
    return this.statement('STANDINGS', params).then(standings);
  }

  childStandings(parentExecutionIds: string[], olderThanMinutes: number): Promise<ExecutionStanding[]> {
    if (parentExecutionIds.length === 0) return Promise.resolve([]);
    const params = { ExecutionIDs: [...new Set(parentExecutionIds.map(executionIdValue))], Minutes: olderThanMinutes };
    return this.statement('CHILD_STANDINGS', params).then(standings);
  }

  deleteExecutions(executionIds: string[]): Promise<number> {
    if (executionIds.length === 0) return Promise.resolve(0);
    const params = { ExecutionIDs: [...new Set(executionIds.map(executionIdValue))] };
    const steps: StatementName[] = ['DELETE_EXECUTION_ROW_COUNTS', 'DELETE_EXECUTION_AUDIT', 'DELETE_EXECUTIONS'];
    return Promise.all(steps.map((name) => this.statement(name, params))).then((answers) => answers[2].changed);
  }

  deleteOldAudit(olderThanMinutes: number, limit: number): Promise<number> {
    return this.statement('DELETE_OLD_AUDIT', { Minutes: olderThanMinutes, Limit: limit }).then(
      (answer) => answer.changed,
    );
  }

  commit(): Promise<void> {
    this.committing ??= this.trips.send({ kind: 'commit' }).then(noop);
    return this.committing;
  }
}

const noop = () => undefined;

const standings = (answer: Answer): ExecutionStanding[] => answer.rows.map(toExecutionStanding);

const finishValues = (finish: ExecutionFinish) => ({
  ExecutionID: executionIdValue(finish.executionId),
  ExecutionStatus: finish.executionStatus,
  NextLoadStatus: finish.nextLoadStatus,
  ErrorMessage: finish.errorMessage,
});

/** Names and values as two lists, paired by position. */
function namesAndValues(values: VariableValue[]) {
  return { Names: values.map((value) => value.name), Values: values.map((value) => value.value) };
}

/**
 * A write to an execution of a package the transaction did not lock (or to none): a bug in its
 * caller. The guard aborted the transaction on the server, before its COMMIT: nothing was changed.
 */
const notLocked = (executionIds: string[]) =>
  new Error(
    `Execution ${executionIds.join(', ')} is not an execution of a package this transaction has locked: nothing was changed.`,
  );
