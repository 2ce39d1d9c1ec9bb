/**
 * The embedded catalog on node:sqlite. Every begin and end is one BEGIN IMMEDIATE transaction:
 * it takes the file's write lock before reading, so parallel processes on one catalog file are
 * applied one after another, and a busy catalog is waited on (the busy timeout) rather than failed.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { decideBegin, decideEnd, type BeginState, type NewExecution } from '../../decision.js';
import { BfxError } from '../../errors.js';
import type {
  BeginRequest,
  BeginResult,
  Catalog,
  CatalogOptions,
  EndRequest,
  EndResult,
  ExecutionRow,
  NextLoadStatusChange,
  PackageRow,
  PackageStatus,
  ResetResult,
  RunContext,
} from '../catalog.js';
import { toExecutionRow, toPackageRow } from '../rows.js';
import { EXECUTION_COLUMNS, PACKAGE_COLUMNS, SCHEMA, UTC_NOW } from './schema.js';

type Row = Record<string, unknown>;

const SQLITE_BUSY = 5;

export async function open(filePath: string, options: CatalogOptions & { createCatalog: boolean }): Promise<Catalog> {
  const location = resolve(filePath);
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

const contextValues = (context: RunContext) => [
  context.repository,
  context.workflow,
  context.job,
  context.runId,
  context.runAttempt,
  context.actor,
  context.event,
  context.sha,
];

class SqliteCatalog implements Catalog {
  readonly engine = 'sqlite';
  private readonly db: DatabaseSync;

  constructor(
    readonly location: string,
    private readonly busyTimeoutMs: number,
  ) {
    this.db = new DatabaseSync(location, { timeout: busyTimeoutMs, enableForeignKeyConstraints: true });
  }

  async exists(): Promise<boolean> {
    const found = this.db
      .prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('Package', 'Execution')`)
      .get() as Row;
    return Number(found.n) === 2;
  }

  async migrate(): Promise<void> {
    this.write(() => this.db.exec(SCHEMA));
    // WAL lets readers (status, history) run beside a writer; the mode is stored in the file.
    this.db.exec('PRAGMA journal_mode = WAL');
  }

  async begin(request: BeginRequest): Promise<BeginResult> {
    return this.write(() => {
      const state = this.readBeginState(request);
      const plan = decideBegin(state, request.retryLimit);
      const packageId = state.package.packageId;
      switch (plan.kind) {
        case 'reenter': {
          const { executionId, executionStatus, nextLoadStatus, retryCount } = plan.execution;
          return { executionId, executionStatus, nextLoadStatus, retryCount, plan };
        }
        case 'insert':
          return { ...this.insertExecution(packageId, plan.execution, request), plan };
        case 'resume':
          this.db
            .prepare(
              `UPDATE Execution SET ExecutionStatus = 'A', NextLoadStatus = 'P', RetryCount = ?, RunKey = ?,
                 Repository = ?, Workflow = ?, Job = ?, RunId = ?, RunAttempt = ?, Actor = ?, EventName = ?, CommitSha = ?
               WHERE ExecutionID = ?`,
            )
            .run(plan.retryCount, request.runKey, ...contextValues(request.context), plan.executionId);
          return {
            executionId: plan.executionId,
            executionStatus: 'A',
            nextLoadStatus: 'P',
            retryCount: plan.retryCount,
            plan,
          };
        case 'abandon-and-insert':
          this.finish(plan.abandonedId, 'F', 'R', plan.abandonMessage);
          return { ...this.insertExecution(packageId, plan.execution, request), plan };
      }
    });
  }

  async end(request: EndRequest): Promise<EndResult> {
    return this.write(() => {
      const before = this.execution(request.executionId);
      if (!before) return { kind: 'not-found' };
      const plan = decideEnd(before, request.outcome, request.message, request.caller);
      if (plan.kind !== 'end') return { kind: plan.kind, execution: before };
      this.finish(before.executionId, plan.executionStatus, plan.nextLoadStatus, plan.errorMessage);
      return { kind: 'ended', execution: this.execution(before.executionId)! };
    });
  }

  async status(packageName: string | undefined): Promise<PackageStatus[]> {
    const packages =
      packageName === undefined
        ? this.db.prepare(`SELECT ${PACKAGE_COLUMNS} ORDER BY PackageName`).all()
        : this.db.prepare(`SELECT ${PACKAGE_COLUMNS} WHERE PackageName = ?`).all(packageName);
    return packages.map((raw) => {
      const pkg = toPackageRow(raw);
      return { ...pkg, latest: this.latest(pkg.packageId), active: this.active(pkg.packageId) };
    });
  }

  async history(packageName: string, limit: number): Promise<ExecutionRow[]> {
    return this.db
      .prepare(`SELECT ${EXECUTION_COLUMNS} WHERE p.PackageName = ? ORDER BY e.ExecutionID DESC LIMIT ?`)
      .all(packageName, limit)
      .map((raw) => toExecutionRow(raw as Row));
  }

  async setEnabled(packageName: string, enabled: boolean): Promise<PackageRow | null> {
    return this.write(() => {
      this.db.prepare('UPDATE Package SET IsEnabled = ? WHERE PackageName = ?').run(enabled ? 1 : 0, packageName);
      return this.packageByName(packageName);
    });
  }

  async setNextLoadStatus(packageName: string, status: 'C' | 'P'): Promise<NextLoadStatusChange> {
    return this.write(() => {
      const pkg = this.packageByName(packageName);
      if (!pkg) return { kind: 'no-package' };
      const active = this.active(pkg.packageId);
      if (active) return { kind: 'active', execution: active };
      const latest = this.latest(pkg.packageId);
      if (!latest) return { kind: 'no-execution' };
      this.db.prepare('UPDATE Execution SET NextLoadStatus = ? WHERE ExecutionID = ?').run(status, latest.executionId);
      return { kind: 'changed', execution: this.execution(latest.executionId)! };
    });
  }

  async reset(packageName: string, message: string): Promise<ResetResult> {
    return this.write(() => {
      const pkg = this.packageByName(packageName);
      if (!pkg) return { kind: 'no-package' };
      const active = this.active(pkg.packageId);
      if (!active) return { kind: 'none-active' };
      this.finish(active.executionId, 'F', 'R', message);
      return { kind: 'reset', execution: this.execution(active.executionId)! };
    });
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }

  /** Runs work inside one BEGIN IMMEDIATE transaction: all of it commits, or none of it. */
  private write<T>(work: () => T): T {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw this.explain(error);
    }
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw this.explain(error);
    }
  }

  private explain(error: unknown): unknown {
    if ((error as { errcode?: number }).errcode === SQLITE_BUSY) {
      return new BfxError(
        `The SQLite catalog ${this.location} stayed locked by another process for ${this.busyTimeoutMs / 1000} s, ` +
          'so nothing was changed: wait for the other runs to finish, or raise request-timeout.',
      );
    }
    return error;
  }

  private readBeginState(request: BeginRequest): BeginState {
    this.db
      .prepare('INSERT INTO Package (PackageName, RetryLimit) VALUES (?, ?) ON CONFLICT (PackageName) DO NOTHING')
      .run(request.packageName, request.retryLimit ?? null);
    const pkg = this.packageByName(request.packageName)!;
    const reentry = this.db
      .prepare(`SELECT ${EXECUTION_COLUMNS} WHERE e.PackageID = ? AND e.RunKey = ? ORDER BY e.ExecutionID DESC LIMIT 1`)
      .get(pkg.packageId, request.runKey) as Row | undefined;
    const latest = this.latest(pkg.packageId);
    return {
      package: pkg,
      reentry: reentry ? toExecutionRow(reentry) : null,
      active: this.active(pkg.packageId),
      latestNextLoadStatus: latest?.nextLoadStatus ?? null,
    };
  }

  private insertExecution(packageId: number, execution: NewExecution, request: BeginRequest) {
    const inserted = this.db
      .prepare(
        `INSERT INTO Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
           RunKey, Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha)
         VALUES (?, ?, ?, ?, 0, CASE WHEN ? THEN ${UTC_NOW} END, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING ExecutionID AS executionId`,
      )
      .get(
        packageId,
        request.parentExecutionId ?? null,
        execution.executionStatus,
        execution.nextLoadStatus,
        execution.ended ? 1 : 0,
        request.runKey,
        ...contextValues(request.context),
      ) as Row;
    return {
      executionId: String(inserted.executionId),
      executionStatus: execution.executionStatus,
      nextLoadStatus: execution.nextLoadStatus,
      retryCount: 0,
    };
  }

  private finish(executionId: string, status: 'S' | 'F', next: 'P' | 'R', message: string | null): void {
    this.db
      .prepare(
        `UPDATE Execution SET ExecutionStatus = ?, NextLoadStatus = ?, EndTime = ${UTC_NOW}, ErrorMessage = ?
         WHERE ExecutionID = ?`,
      )
      .run(status, next, message, executionId);
  }

  private packageByName(packageName: string): PackageRow | null {
    const raw = this.db.prepare(`SELECT ${PACKAGE_COLUMNS} WHERE PackageName = ?`).get(packageName) as Row | undefined;
    return raw ? toPackageRow(raw) : null;
  }

  private execution(executionId: string): ExecutionRow | null {
    const raw = this.db.prepare(`SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = ?`).get(executionId) as
      Row | undefined;
    return raw ? toExecutionRow(raw) : null;
  }

  private latest(packageId: number): ExecutionRow | null {
    const raw = this.db
      .prepare(`SELECT ${EXECUTION_COLUMNS} WHERE e.PackageID = ? ORDER BY e.ExecutionID DESC LIMIT 1`)
      .get(packageId) as Row | undefined;
    return raw ? toExecutionRow(raw) : null;
  }

  private active(packageId: number): ExecutionRow | null {
    const raw = this.db
      .prepare(`SELECT ${EXECUTION_COLUMNS} WHERE e.PackageID = ? AND e.EndTime IS NULL`)
      .get(packageId) as Row | undefined;
    return raw ? toExecutionRow(raw) : null;
  }
}
