/**
 * The embedded catalog on node:sqlite. A transaction is BEGIN IMMEDIATE: it takes the file's write
 * lock before reading, so it holds every package's lock at once, parallel processes on one catalog
 * file are applied one after another, and a busy catalog is waited on (the busy timeout) rather
 * than failed. node:sqlite is synchronous: each call below runs when it is made.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { BfxError } from '../../errors.js';
import {
  LockViolation,
  type CatalogEngine,
  type ExecutionRow,
  type OpenOptions,
  type PackageLock,
  type PackageRow,
  type PackageStatus,
  type PackageTransaction,
} from '../catalog.js';
import { contextValues, toExecutionRow, toPackageRow } from '../rows.js';
import { Turns } from '../turns.js';
import { explain } from './faults.js';
import * as q from './queries.js';
import { SCHEMA, TABLES } from './schema.js';

type Row = Record<string, unknown>;
type Params = Record<string, SQLInputValue>;

export async function open(path: string, options: OpenOptions): Promise<CatalogEngine> {
  const location = resolve(path);
  if (!existsSync(location)) {
    if (!options.createCatalog) {
      throw new BfxError(
        `The SQLite catalog ${location} does not exist and create-catalog is false, so nothing was created: ` +
          'deploy it with `bfx migrate` or set create-catalog to true.',
      );
    }
    mkdirSync(dirname(location), { recursive: true });
  }
  return new SqliteCatalog(location, options.requestTimeoutMs);
}

/**
 * Catalogs open on one file in this process take turns: a transaction awaits between its
 * statements, and another connection's BEGIN IMMEDIATE meanwhile would wait synchronously on the
 * busy timeout, blocking the very event loop the lock holder needs to finish.
 */
const turnsByFile = new Map<string, Turns>();

/** ExecutionIDs are 64-bit: bound as BigInt, so IDs above 2^53 stay exact. */
const id = (executionId: string) => (/^\d{1,19}$/.test(executionId) ? BigInt(executionId) : -1n);

class SqliteCatalog implements CatalogEngine {
  readonly engine = 'sqlite';
  private readonly db: DatabaseSync;
  private readonly turns: Turns;

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

  async exists(): Promise<boolean> {
    return Number(this.one(q.COUNT_TABLES, {})?.n) === TABLES.length;
  }

  async migrate(): Promise<void> {
    await this.turns.run(async () => this.inTransaction(() => this.db.exec(SCHEMA)));
    // WAL lets readers (status, history) run beside a writer; the mode is stored in the file.
    this.db.exec('PRAGMA journal_mode = WAL');
  }

  transaction<T>(lock: PackageLock, _what: string, work: (tx: PackageTransaction) => Promise<T>): Promise<T> {
    return this.turns.run(() =>
      this.inTransaction((commit) =>
        work(new SqliteTransaction(this, this.lockedPackageId(lock), async () => commit())),
      ),
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
      return {
        ...pkg,
        latest: this.execution(q.LATEST_EXECUTION, byPackage),
        active: this.execution(q.ACTIVE_EXECUTION, byPackage),
      };
    });
  }

  async history(packageName: string, limit: number): Promise<ExecutionRow[]> {
    return this.all(q.HISTORY, { PackageName: packageName, Limit: limit }).map(toExecutionRow);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  one(sql: string, params: Params): Row | undefined {
    return this.db.prepare(sql).get(params);
  }

  all(sql: string, params: Params): Row[] {
    return this.db.prepare(sql).all(params);
  }

  run(sql: string, params: Params): number {
    return Number(this.db.prepare(sql).run(params).changes);
  }

  execution(sql: string, params: Params): ExecutionRow | null {
    const raw = this.one(sql, params);
    return raw ? toExecutionRow(raw) : null;
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

  /** The file is already locked (BEGIN IMMEDIATE); this finds the package, registering it for a begin. */
  private lockedPackageId(lock: PackageLock): number | null {
    let found: Row | undefined;
    if ('executionId' in lock) {
      found = this.one(q.PACKAGE_ID_OF_EXECUTION, { ExecutionID: id(lock.executionId) });
    } else {
      if (lock.registerWithRetryLimit !== undefined) {
        this.run(q.REGISTER_PACKAGE, { PackageName: lock.packageName, RetryLimit: lock.registerWithRetryLimit });
      }
      found = this.one(q.PACKAGE_ID_BY_NAME, { PackageName: lock.packageName });
    }
    return found ? Number(found.packageId) : null;
  }
}

class SqliteTransaction implements PackageTransaction {
  private readonly byPackage: Params;

  constructor(
    private readonly catalog: SqliteCatalog,
    private readonly packageId: number | null,
    readonly commit: () => Promise<void>,
  ) {
    this.byPackage = { PackageID: packageId ?? -1 };
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

  async execution(executionId: string) {
    return this.catalog.execution(q.EXECUTION_BY_ID, { ...this.byPackage, ExecutionID: id(executionId) });
  }

  async insertExecution(execution: Parameters<PackageTransaction['insertExecution']>[0]) {
    const inserted = this.catalog.one(q.INSERT_EXECUTION, {
      PackageID: execution.packageId,
      ParentExecutionID: execution.parentExecutionId === null ? null : id(execution.parentExecutionId),
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

  async takeOverExecution(takeover: Parameters<PackageTransaction['takeOverExecution']>[0]) {
    const changed = this.catalog.run(q.TAKE_OVER_EXECUTION, {
      ...this.byPackage,
      ExecutionID: id(takeover.executionId),
      ExecutionStatus: takeover.executionStatus,
      NextLoadStatus: takeover.nextLoadStatus,
      RetryCount: takeover.retryCount,
      RunKey: takeover.runKey,
      ...contextValues(takeover.context),
    });
    if (changed !== 1) throw new LockViolation(takeover.executionId);
  }

  async finishExecution(finish: Parameters<PackageTransaction['finishExecution']>[0]) {
    const changed = this.catalog.run(q.FINISH_EXECUTION, {
      ...this.byPackage,
      ExecutionID: id(finish.executionId),
      ExecutionStatus: finish.executionStatus,
      NextLoadStatus: finish.nextLoadStatus,
      ErrorMessage: finish.errorMessage,
    });
    if (changed !== 1) throw new LockViolation(finish.executionId);
    return (await this.execution(finish.executionId))!;
  }

  async setNextLoadStatus(executionId: string, nextLoadStatus: 'P' | 'R' | 'C') {
    this.catalog.run(q.SET_NEXT_LOAD_STATUS, {
      ...this.byPackage,
      ExecutionID: id(executionId),
      NextLoadStatus: nextLoadStatus,
    });
    return (await this.execution(executionId))!;
  }

  async setEnabled(enabled: boolean) {
    this.catalog.run(q.SET_ENABLED, { ...this.byPackage, IsEnabled: enabled ? 1 : 0 });
    return this.package();
  }
}
