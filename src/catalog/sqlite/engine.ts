/**
 * The embedded catalog on node:sqlite. A transaction is BEGIN IMMEDIATE: it takes the file's write
 * lock before reading, so it holds every package's lock at once, parallel processes on one catalog
 * file are applied one after another, and a busy catalog is waited on (the busy timeout) rather
 * than failed. The package locks of the interface (a parent's package first, more packages with
 * lockPackages) are therefore already held; the transaction still keeps the set of packages it
 * was given, and writes only to executions of those. node:sqlite is synchronous: each call below
 * runs when it is made.
 */
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { ExecutionStatus, NextLoadStatus } from '../../decision.js';
import { BfxError } from '../../errors.js';
import {
  ACTION_NO_CREATE,
  CATALOG_VERSION,
  type MigrateOptions,
  LockViolation,
  NameTaken,
  SUCCEEDED,
  type AuditEntry,
  type CatalogEngine,
  type ExecutionFilter,
  type ExecutionFinish,
  type ExecutionRow,
  type ExecutionTakeover,
  type NewAuditEntry,
  type NewExecution,
  type OpenOptions,
  type PackageLock,
  type PackageRow,
  type PackageStatus,
  type PackageTransaction,
  type ReportSnapshot,
  type RowCount,
  type StoredRowCount,
  type Variable,
  type VariableValue,
} from '../catalog.js';
import { MAX_BIGINT } from '../limits.js';
import {
  contextValues,
  toAuditEntry,
  toExecutionStanding,
  toExecutionRow,
  toPackageRow,
  toStoredRowCount,
  toVariable,
} from '../rows.js';
import { judgeCatalog, refuseLargeUpgrade, refuseUncheckedExecutions, type CatalogState } from '../shape.js';
import { Turns } from '../turns.js';
import { explain, isUniqueViolation } from './faults.js';
import * as q from './queries.js';
import { STEPS, TABLES, VERSIONS, describeObject, typeKind, type CatalogObject } from './schema.js';

type Row = Record<string, unknown>;
type Params = Record<string, SQLInputValue>;

export async function open(path: string, options: OpenOptions): Promise<CatalogEngine> {
  const location = resolve(path);
  const found = statOf(location);
  if (found?.isDirectory()) {
    throw new BfxError(
      `The SQLite catalog ${location} is a folder, not a file, so nothing was read or changed: ` +
        `point bfx-begin at a file, such as ${join(location, 'catalog.db')}.`,
    );
  }
  if (!found) {
    if (!options.createCatalog) {
      const { because, create } = options.noCreate ?? ACTION_NO_CREATE;
      throw new BfxError(
        `The SQLite catalog ${location} does not exist and ${because}, so nothing was created: ${create}.`,
      );
    }
    makeFolder(dirname(location), location);
  }
  try {
    return new SqliteCatalog(location, options.requestTimeoutMs);
  } catch (error) {
    throw explain(error, location, options.requestTimeoutMs);
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    // Missing, or under a file (ENOTDIR): makeFolder judges the folders, and SQLite the rest.
    return undefined;
  }
}

/**
 * Creates the catalog's folder and the missing ones above it, one at a time: each refusal is one
 * sentence naming the folder. (mkdirSync's recursive mode is not used: on a path it cannot
 * create, such as one under /proc, it can loop for ever.)
 */
function makeFolder(folder: string, location: string): void {
  const missing: string[] = [];
  let existing = folder;
  while (!statOf(existing)) {
    missing.unshift(existing);
    const up = dirname(existing);
    if (up === existing) break;
    existing = up;
  }
  if (!statOf(existing)?.isDirectory()) {
    throw new BfxError(
      `The SQLite catalog ${location} cannot be created, because ${existing} is a file, not a folder, so nothing was created: ` +
        'point bfx-begin at a path whose folders are folders, or move that file away.',
    );
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      if (code === 'EEXIST' && statOf(dir)?.isDirectory()) continue; // made meanwhile by another run
      throw new BfxError(
        `The folder ${dir} for the SQLite catalog ${location} cannot be created (${code}), so nothing was created: ` +
          'point bfx-begin at a file in a folder this process can write.',
      );
    }
  }
}

/**
 * Catalogs open on one file in this process take turns: a transaction awaits between its
 * statements, and another connection's BEGIN IMMEDIATE meanwhile would wait synchronously on the
 * busy timeout, blocking the very event loop the lock holder needs to finish.
 */
const turnsByFile = new Map<string, Turns>();

/** ExecutionIDs are 64-bit: bound as BigInt, so IDs above 2^53 stay exact; anything else matches no row. */
function id(executionId: string): bigint {
  const value = /^\d{1,19}$/.test(executionId) ? BigInt(executionId) : -1n;
  return value <= MAX_BIGINT ? value : -1n;
}

const optionalId = (executionId: string | null) => (executionId === null ? null : id(executionId));

/** A list of IDs as one JSON array, for json_each: one statement whatever the list's length. */
const idList = (ids: Iterable<string | number>) =>
  `[${[...ids].map((value) => (typeof value === 'number' ? String(value) : id(value).toString())).join(',')}]`;

const TABLE_NAMES = JSON.stringify(TABLES);
const FIX = 'point bfx-begin at another SQLite file.';

class SqliteCatalog implements CatalogEngine {
  readonly engine = 'sqlite';
  private readonly db: DatabaseSync;
  private readonly turns: Turns;
  private readonly statements = new Map<string, StatementSync>();

  constructor(
    readonly location: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.turns = turnsByFile.get(location) ?? new Turns();
    turnsByFile.set(location, this.turns);
    this.db = new DatabaseSync(location, {
      timeout: busyTimeoutMs,
      enableForeignKeyConstraints: true,
      readBigInts: true,
    });
  }

  async inspect(): Promise<CatalogState> {
    try {
      return this.judge();
    } catch (error) {
      throw explain(error, this.location, this.busyTimeoutMs);
    }
  }

  async migrate(options: MigrateOptions = {}): Promise<{ from: number; to: number; created: string[] }> {
    return this.turns.run(async () => {
      const result = await this.inTransaction(() => this.upgrade(options));
      // WAL lets readers (status, history) run beside a writer; the mode is stored in the file.
      // It is set in this catalog's turn, while no connection of this process is in a transaction.
      this.explained(() => this.db.exec('PRAGMA journal_mode = WAL'));
      return result;
    });
  }

  transaction<T>(lock: PackageLock, _what: string, work: (tx: PackageTransaction) => Promise<T>): Promise<T> {
    return this.turns.run(() =>
      this.inTransaction((commit) => {
        const { packageId, locked } = this.lockedPackages(lock);
        return work(allOrNothing(new SqliteTransaction(this, packageId, locked, async () => commit())));
      }),
    );
  }

  async status(packageName: string | undefined): Promise<PackageStatus[]> {
    const packages =
      packageName === undefined
        ? this.all(q.ALL_PACKAGES, {})
        : this.all(q.PACKAGE_BY_NAME, { PackageName: packageName });
    return packages.map((raw) => {
      const pkg = toPackageRow(raw);
      const byPackage = { PackageID: pkg.packageId };
      const latest = this.execution(q.LATEST_EXECUTION, byPackage);
      const batch =
        latest?.parentExecutionId == null
          ? undefined
          : this.one(q.PACKAGE_NAME_OF_EXECUTION, { ExecutionID: id(latest.parentExecutionId) });
      return {
        ...pkg,
        latest,
        active: this.execution(q.ACTIVE_EXECUTION, byPackage),
        batchPackageName: batch ? String(batch.packageName) : null,
      };
    });
  }

  async history(packageName: string, limit: number, filter: ExecutionFilter = {}): Promise<ExecutionRow[]> {
    if (filter.sinceMinutes === undefined && filter.statuses === undefined)
      return this.all(q.HISTORY, { PackageName: packageName, Limit: limit }).map(toExecutionRow);
    return this.all(q.FILTERED_HISTORY, { PackageName: packageName, Limit: limit, ...filterValues(filter) }).map(
      toExecutionRow,
    );
  }

  async runs(filter: ExecutionFilter, limit: number): Promise<ExecutionRow[]> {
    return this.all(q.RUNS, { Limit: limit, ...filterValues(filter) }).map(toExecutionRow);
  }

  async now(): Promise<string> {
    return String(this.one(q.NOW, {})!.now);
  }

  async children(parentExecutionId: string): Promise<ExecutionRow[]> {
    return this.all(q.CHILDREN, { ParentExecutionID: id(parentExecutionId) }).map(toExecutionRow);
  }

  async variables(packageName: string): Promise<Variable[] | null> {
    const found = this.one(q.PACKAGE_ID_BY_NAME, { PackageName: packageName });
    return found ? this.all(q.VARIABLES, { PackageID: found.packageId as bigint }).map(toVariable) : null;
  }

  async rowCounts(executionIds: string[]): Promise<StoredRowCount[]> {
    if (executionIds.length === 0) return [];
    return this.all(q.ROW_COUNTS, { ExecutionIDs: idList(executionIds) }).map(toStoredRowCount);
  }

  async audit(packageName: string, limit: number): Promise<AuditEntry[]> {
    return this.all(q.AUDIT, { PackageName: packageName, Limit: limit }).map(toAuditEntry);
  }

  async reportSnapshot(windowMinutes: number): Promise<ReportSnapshot> {
    // One read transaction: in WAL mode its reads see one snapshot, and writers go on beside it.
    return this.turns.run(async () => {
      this.explained(() => this.db.exec('BEGIN'));
      try {
        const clock = this.one(q.REPORT_CLOCK, { Minutes: windowMinutes })!;
        const window = { Since: String(clock.since) };
        return {
          now: String(clock.now),
          since: window.Since,
          packages: this.all(q.ALL_PACKAGES, {}).map(toPackageRow),
          executions: this.all(q.REPORT_EXECUTIONS, { ...window, Succeeded: SUCCEEDED }).map(toExecutionRow),
          rowCounts: this.all(q.REPORT_ROW_COUNTS, window).map(toStoredRowCount),
          audit: this.all(q.REPORT_AUDIT, window).map(toAuditEntry),
        };
      } finally {
        this.db.exec('COMMIT');
      }
    });
  }

  async close(): Promise<void> {
    // Closing the database finalizes its prepared statements.
    this.statements.clear();
    if (this.db.isOpen) this.db.close();
  }

  one(sql: string, params: Params): Row | undefined {
    return this.explained(() => this.statement(sql).get(params));
  }

  all(sql: string, params: Params): Row[] {
    return this.explained(() => this.statement(sql).all(params));
  }

  run(sql: string, params: Params): number {
    return this.explained(() => Number(this.statement(sql).run(params).changes));
  }

  /** Every statement's fault the user can act on (a full disk, a lock held elsewhere) is one sentence, read or write. */
  private explained<T>(statement: () => T): T {
    try {
      return statement();
    } catch (error) {
      throw explain(error, this.location, this.busyTimeoutMs);
    }
  }

  execution(sql: string, params: Params): ExecutionRow | null {
    const raw = this.one(sql, params);
    return raw ? toExecutionRow(raw) : null;
  }

  /** Statements are prepared once per connection (status reads three per package). */
  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Judges the file: the columns of our tables in one pass over sqlite_master and
   * pragma_table_info, and the recorded version when there is a CatalogVersion table to hold it.
   */
  private judge(): CatalogState {
    const found = this.all(q.CATALOG_COLUMNS, { Tables: TABLE_NAMES });
    const ofTables = found.filter((raw) => raw.objectType === 'table');
    const columns = ofTables.map((raw) => ({
      table: String(raw.tableName),
      column: String(raw.columnName),
      kind: typeKind(String(raw.columnType)),
    }));
    const required = ofTables
      .filter((raw) => Number(raw.required) === 1)
      .map((raw) => ({ table: String(raw.tableName), column: String(raw.columnName) }));
    const others = found
      .filter((raw) => raw.objectType !== 'table')
      .map((raw) => ({ name: String(raw.tableName), kind: String(raw.objectType) }));
    const versioned = columns.some(
      (c) => c.table.toLowerCase() === 'catalogversion' && c.column.toLowerCase() === 'version',
    );
    const recorded = versioned ? this.one(q.RECORDED_VERSION, {})?.version : null;
    return judgeCatalog(
      {
        columns,
        required,
        others,
        recordedVersion: recorded === null || recorded === undefined ? null : Number(recorded),
      },
      VERSIONS,
      `the SQLite file ${this.location}`,
      FIX,
    );
  }

  /**
   * Under the file's write lock: judges the file again (refusing, before anything is created, what
   * shape.ts refuses), creates what each version from the file's own up to CATALOG_VERSION adds
   * and the file lacks, and records those versions.
   */
  private upgrade(options: MigrateOptions): { from: number; to: number; created: string[] } {
    const state = this.judge();
    const from = state.kind === 'empty' ? 0 : state.version;
    const where = `the SQLite file ${this.location}`;
    if (from > 0 && from < CATALOG_VERSION) {
      const executions = Number(this.one(q.HIGHEST_EXECUTION_ID, {})?.executionId ?? 0);
      const large = refuseLargeUpgrade(where, from, CATALOG_VERSION, executions, options.maxExecutions);
      if (large) throw large;
    }
    if (from > 0 && from < 3) {
      const unchecked = this.one(q.UNCHECKED_EXECUTIONS, {});
      const refused = refuseUncheckedExecutions(
        where,
        'Execution',
        Number(unchecked?.count ?? 0),
        typeof unchecked?.firstId === 'number' || typeof unchecked?.firstId === 'bigint'
          ? String(unchecked.firstId)
          : null,
      );
      if (refused) throw refused;
    }
    const created: string[] = [];
    for (let version = from + 1; version <= CATALOG_VERSION; version++) {
      for (const object of STEPS[version - 1]) {
        if (this.has(object)) continue;
        this.db.exec(object.sql);
        created.push(describeObject(object));
      }
    }
    for (let version = from + 1; version <= CATALOG_VERSION; version++)
      this.run(q.RECORD_VERSION, { Version: version });
    return { from, to: Math.max(from, CATALOG_VERSION), created };
  }

  private has(object: CatalogObject): boolean {
    switch (object.kind) {
      case 'column':
        return this.one(q.COLUMN_EXISTS, { Table: object.table, Name: object.name }) !== undefined;
      case 'nullable':
        return this.one(q.NULLABLE_COLUMN_EXISTS, { Table: object.table, Name: object.name }) !== undefined;
      default:
        return this.one(q.OBJECT_EXISTS, { Type: object.kind, Name: object.name }) !== undefined;
    }
  }

  /** BEGIN IMMEDIATE, work, then commit (by work, through the function it is given) or roll back. */
  private async inTransaction<T>(work: (commit: () => void) => T | Promise<T>): Promise<T> {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw explain(error, this.location, this.busyTimeoutMs);
    }
    try {
      let committed = false;
      const result = await work(() => {
        this.db.exec('COMMIT');
        committed = true;
      });
      if (!committed) this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw explain(error, this.location, this.busyTimeoutMs);
    }
  }

  /**
   * The file is already locked (BEGIN IMMEDIATE), every package with it; this finds the package,
   * registering it for a begin, and the packages the lock stands for: a parent execution's
   * package first, then the package itself.
   */
  private lockedPackages(lock: PackageLock): { packageId: number | null; locked: number[] } {
    const locked: number[] = [];
    let packageId: number | null = null;
    if ('executionId' in lock) {
      const found = this.one(q.PACKAGE_IDS_OF_EXECUTION, { ExecutionID: id(lock.executionId) });
      if (found) {
        if (found.parentPackageId !== null) locked.push(Number(found.parentPackageId));
        packageId = Number(found.packageId);
      }
    } else {
      if (lock.parentExecutionId !== undefined) {
        const parent = this.one(q.PACKAGE_ID_OF_EXECUTION, { ExecutionID: id(lock.parentExecutionId) });
        if (parent) locked.push(Number(parent.packageId));
      }
      if (lock.register !== undefined) {
        this.run(q.REGISTER_PACKAGE, {
          PackageName: lock.packageName,
          RetryLimit: lock.register.retryLimit,
          IsBatch: lock.register.isBatch ? 1 : 0,
        });
      }
      const found = this.one(q.PACKAGE_ID_BY_NAME, { PackageName: lock.packageName });
      if (found) packageId = Number(found.packageId);
    }
    if (packageId !== null) locked.push(packageId);
    return { packageId, locked };
  }
}

/**
 * A transaction whose every failed call keeps its commit from happening: each call's failure is
 * recorded as soon as it is known (a reaction queued when the call returns, ahead of the commit's).
 * Without it, `Promise.all([write, failingWrite, commit()])` committed the first write: a begin or
 * end that is all or nothing on the other engines was half-done here.
 */
function allOrNothing(tx: SqliteTransaction): PackageTransaction {
  return new Proxy(tx, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function' || name === 'commit') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (result instanceof Promise) {
          result.catch((error: unknown) => {
            target.failure ??= error instanceof Error ? error : new Error(String(error));
          });
        }
        return result;
      };
    },
  });
}

class SqliteTransaction implements PackageTransaction {
  private readonly byPackage: Params;
  /** The packages this transaction has locked: its own, a parent's, and those of lockPackages. */
  private readonly locked: Set<number>;
  /**
   * The first call that failed (see allOrNothing): run control calls a transaction's writes and its
   * commit in one tick, and here each runs at once, so the commit must not make the writes before
   * a failed one stick.
   */
  failure: Error | undefined;

  constructor(
    private readonly catalog: SqliteCatalog,
    private readonly packageId: number | null,
    locked: number[],
    private readonly commitNow: () => Promise<void>,
  ) {
    this.byPackage = { PackageID: packageId ?? -1 };
    this.locked = new Set(locked);
  }

  commit(): Promise<void> {
    // One microtask later: the failures of the calls made before it in the same tick are recorded by then.
    return Promise.resolve().then(() => (this.failure ? Promise.reject(this.failure) : this.commitNow()));
  }

  /** The locked PackageIDs, for the writes that may change an execution of any of them. */
  private get byLocked(): Params {
    return { Locked: idList(this.locked) };
  }

  /** The writes that belong to the locked package need one: without it, the caller has a bug. */
  private ownPackage(what: string): Params {
    if (this.packageId === null) throw new Error(`No package matches this transaction's lock, so it cannot ${what}.`);
    return this.byPackage;
  }

  async package(): Promise<PackageRow | null> {
    const raw = this.packageId === null ? undefined : this.catalog.one(q.PACKAGE_BY_ID, this.byPackage);
    return raw ? toPackageRow(raw) : null;
  }

  async executionWithRunKey(runKey: string) {
    return this.catalog.execution(q.EXECUTION_WITH_RUN_KEY, { ...this.byPackage, RunKey: runKey });
  }

  async activeExecution() {
    return this.catalog.execution(q.ACTIVE_EXECUTION, this.byPackage);
  }

  async latestExecution() {
    return this.catalog.execution(q.LATEST_EXECUTION, this.byPackage);
  }

  async lastEndedExecution() {
    return this.catalog.execution(q.LAST_ENDED_EXECUTION, this.byPackage);
  }

  async execution(executionId: string) {
    return this.catalog.execution(q.EXECUTION_BY_ID, { ...this.byPackage, ExecutionID: id(executionId) });
  }

  async parentOf(executionId: string) {
    return this.catalog.execution(q.PARENT_OF, { ExecutionID: id(executionId) });
  }

  async anyExecution(executionId: string) {
    return this.catalog.execution(q.ANY_EXECUTION_BY_ID, { ExecutionID: id(executionId) });
  }

  async children(parentExecutionId: string) {
    return this.catalog.all(q.CHILDREN, { ParentExecutionID: id(parentExecutionId) }).map(toExecutionRow);
  }

  async auditedExecutions(executionIds: string[], actions: string[]) {
    if (executionIds.length === 0) return [];
    return this.catalog
      .all(q.AUDITED_EXECUTIONS, { ExecutionIDs: idList(new Set(executionIds)), Actions: JSON.stringify(actions) })
      .map((row) => String(row.executionId));
  }

  async lastExecutionWithStatus(status: ExecutionStatus, beforeExecutionId: string | null) {
    const found = this.catalog.one(q.LAST_EXECUTION_WITH_STATUS, {
      ...this.byPackage,
      ExecutionStatus: status,
      Before: optionalId(beforeExecutionId),
    });
    return found ? String(found.executionId) : null;
  }

  async variables() {
    return this.catalog.all(q.VARIABLES, this.byPackage).map(toVariable);
  }

  async executionAudit(executionId: string, action: string) {
    return this.catalog
      .all(q.EXECUTION_AUDIT, { ...this.byPackage, ExecutionID: id(executionId), Action: action })
      .map(toAuditEntry);
  }

  async insertExecution(execution: NewExecution) {
    const inserted = this.catalog.one(q.INSERT_EXECUTION, {
      PackageID: execution.packageId,
      ParentExecutionID: optionalId(execution.parentExecutionId),
      ExecutionStatus: execution.executionStatus,
      NextLoadStatus: execution.nextLoadStatus,
      RetryCount: execution.retryCount,
      Ended: execution.ended ? 1 : 0,
      ErrorMessage: execution.errorMessage,
      RunKey: execution.runKey,
      ...contextValues(execution.context),
    })!;
    return { executionId: String(inserted.executionId) };
  }

  async takeOverExecution(takeover: ExecutionTakeover) {
    const changed = this.catalog.run(q.TAKE_OVER_EXECUTION, {
      ...this.byPackage,
      ExecutionID: id(takeover.executionId),
      ExecutionStatus: takeover.executionStatus,
      NextLoadStatus: takeover.nextLoadStatus,
      RetryCount: takeover.retryCount,
      ParentExecutionID: takeover.parentExecutionId === null ? null : id(takeover.parentExecutionId),
      RunKey: takeover.runKey,
      ...contextValues(takeover.context),
    });
    if (changed !== 1) throw new LockViolation(takeover.executionId);
  }

  async finishExecution(finish: ExecutionFinish) {
    const changed = this.catalog.run(q.FINISH_EXECUTION, { ...this.byLocked, ...finishValues(finish) });
    if (changed !== 1) throw new LockViolation(finish.executionId);
    return (await this.anyExecution(finish.executionId))!;
  }

  async refinishExecution(finish: ExecutionFinish, endedAs: ExecutionStatus) {
    const changed = this.catalog.run(q.REFINISH_EXECUTION, {
      ...this.byLocked,
      ...finishValues(finish),
      EndedAs: endedAs,
    });
    if (changed !== 1) throw new LockViolation(finish.executionId);
    return (await this.anyExecution(finish.executionId))!;
  }

  async setNextLoadStatus(executionId: string, nextLoadStatus: NextLoadStatus) {
    const changed = this.catalog.run(q.SET_NEXT_LOAD_STATUS, {
      ...this.byLocked,
      ExecutionID: id(executionId),
      NextLoadStatus: nextLoadStatus,
    });
    if (changed !== 1) throw notLocked([executionId]);
    return (await this.anyExecution(executionId))!;
  }

  async setNextLoadStatuses(executionIds: string[], nextLoadStatus: NextLoadStatus) {
    if (executionIds.length === 0) return;
    const distinct = new Set(executionIds);
    const changed = this.catalog.run(q.SET_NEXT_LOAD_STATUSES, {
      ...this.byLocked,
      ExecutionIDs: idList(distinct),
      NextLoadStatus: nextLoadStatus,
    });
    if (changed !== distinct.size) throw notLocked([...distinct]);
  }

  /** The file's lock already holds every package: these only join the set this transaction writes to. */
  async lockPackages(packageIds: number[]) {
    for (const packageId of packageIds) this.locked.add(packageId);
  }

  async markBatch() {
    this.catalog.run(q.MARK_BATCH, this.ownPackage('mark it as a batch'));
  }

  async registerVariables(defaults: VariableValue[]) {
    if (defaults.length === 0) return;
    const byPackage = this.ownPackage('register variables');
    for (const { name, value } of defaults) {
      this.catalog.run(q.REGISTER_VARIABLE, { ...byPackage, VariableName: name, VariableValue: value });
    }
  }

  async storeVariables(values: VariableValue[], executionId: string | null) {
    if (values.length === 0) return;
    const byPackage = this.ownPackage('store variables');
    const ExecutionID = optionalId(executionId);
    for (const { name, value } of values) {
      this.catalog.run(q.STORE_VARIABLE, { ...byPackage, VariableName: name, VariableValue: value, ExecutionID });
    }
  }

  async saveRowCounts(executionId: string, counts: RowCount[]) {
    const ExecutionID = id(executionId);
    for (const { objectName, countType, rowCount } of counts) {
      this.catalog.run(q.SAVE_ROW_COUNT, {
        ExecutionID,
        ObjectName: objectName,
        CountType: countType,
        RowCount: rowCount,
      });
    }
  }

  async recordAudit(entry: NewAuditEntry) {
    if (this.packageId === null) return;
    this.catalog.run(q.RECORD_AUDIT, {
      ...this.byPackage,
      ExecutionID: optionalId(entry.executionId),
      Action: entry.action,
      Detail: entry.detail,
      Actor: entry.actor,
    });
  }

  async recordDeletion(entry: NewAuditEntry) {
    this.catalog.run(q.RECORD_DELETION, { Action: entry.action, Detail: entry.detail, Actor: entry.actor });
  }

  async setEnabled(enabled: boolean) {
    this.catalog.run(q.SET_ENABLED, { ...this.byPackage, IsEnabled: enabled ? 1 : 0 });
    return this.package();
  }

  async packageNamed(packageName: string) {
    const raw = this.catalog.one(q.PACKAGE_BY_NAME, { PackageName: packageName });
    return raw ? toPackageRow(raw) : null;
  }

  async renamePackage(newName: string) {
    try {
      this.catalog.run(q.RENAME_PACKAGE, { ...this.ownPackage('rename it'), NewName: newName });
    } catch (error) {
      throw isUniqueViolation(error) ? new NameTaken(newName) : error;
    }
    return (await this.package())!;
  }

  async deletePackage() {
    const byPackage = this.ownPackage('delete it');
    const counts = q.DELETE_PACKAGE.map((statement) => this.catalog.run(statement, byPackage));
    return { executions: counts[3] };
  }

  async purgeCandidates(olderThanMinutes: number, afterExecutionId: string | null, limit: number) {
    return this.catalog
      .all(q.PURGE_CANDIDATES, {
        ...this.byPackage,
        Minutes: olderThanMinutes,
        After: optionalId(afterExecutionId),
        Limit: limit,
      })
      .map(toExecutionStanding);
  }

  async standings(executionIds: string[], olderThanMinutes: number) {
    if (executionIds.length === 0) return [];
    return this.catalog
      .all(q.STANDINGS, { ExecutionIDs: idList(executionIds), Minutes: olderThanMinutes })
      .map(toExecutionStanding);
  }

  async childStandings(parentExecutionIds: string[], olderThanMinutes: number) {
    if (parentExecutionIds.length === 0) return [];
    return this.catalog
      .all(q.CHILD_STANDINGS, { ExecutionIDs: idList(parentExecutionIds), Minutes: olderThanMinutes })
      .map(toExecutionStanding);
  }

  async deleteExecutions(executionIds: string[]) {
    if (executionIds.length === 0) return 0;
    const params = { ...this.ownPackage('delete executions'), ExecutionIDs: idList(executionIds) };
    this.catalog.run(q.DELETE_ROW_COUNTS, params);
    this.catalog.run(q.DELETE_EXECUTION_AUDIT, params);
    return this.catalog.run(q.DELETE_EXECUTIONS, params);
  }

  async deleteOldAudit(olderThanMinutes: number, limit: number) {
    if (this.packageId === null) return 0;
    return this.catalog.run(q.DELETE_OLD_AUDIT, { ...this.byPackage, Minutes: olderThanMinutes, Limit: limit });
  }
}

const filterValues = (filter: ExecutionFilter): Params => ({
  Since: filter.sinceMinutes ?? null,
  Statuses: filter.statuses === undefined ? null : JSON.stringify(filter.statuses),
});

const finishValues = (finish: ExecutionFinish): Params => ({
  ExecutionID: id(finish.executionId),
  ExecutionStatus: finish.executionStatus,
  NextLoadStatus: finish.nextLoadStatus,
  ErrorMessage: finish.errorMessage,
});

/** A write to an execution of a package the transaction did not lock (or to none): a bug in its caller. */
const notLocked = (executionIds: string[]) =>
  new Error(
    `Execution ${executionIds.join(', ')} is not an execution of a package this transaction has locked: nothing was changed.`,
  );
