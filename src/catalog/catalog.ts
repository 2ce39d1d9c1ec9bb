/**
 * The narrow interface every catalog engine (SQLite, PostgreSQL, SQL Server) offers to run control:
 * a transaction that holds one package's lock, typed reads of that package's rows, and typed
 * writes. An engine locks, reads and writes; it never decides (docs/decision.md, docs/design.md).
 * The shared suite in test/contract runs every engine through this interface and run-control.ts.
 */
import type { ExecutionSnapshot, ExecutionStatus, NextLoadStatus } from '../decision.js';

export type EngineName = 'sqlite' | 'postgres' | 'mssql';

/** Where the run came from; stored on the execution row. */
export interface RunContext {
  repository: string | null;
  workflow: string | null;
  job: string | null;
  runId: string | null;
  runAttempt: string | null;
  actor: string | null;
  event: string | null;
  sha: string | null;
}

export interface PackageRow {
  packageId: number;
  packageName: string;
  isEnabled: boolean;
  retryLimit: number | null;
  createdTime: string;
}

export interface ExecutionRow extends ExecutionSnapshot {
  packageId: number;
  packageName: string;
  parentExecutionId: string | null;
  startTime: string;
  endTime: string | null;
  errorMessage: string | null;
  repository: string | null;
  workflow: string | null;
  job: string | null;
  runAttempt: string | null;
  actor: string | null;
  event: string | null;
  sha: string | null;
}

export interface PackageStatus extends PackageRow {
  latest: ExecutionRow | null;
  active: ExecutionRow | null;
}

/**
 * The public columns (a contract: users query them from reports), written once. Engines build
 * their select lists, inserts and updates from these maps, so a row field and its column are
 * paired in one place and values are bound by name, never by position.
 */
export const PACKAGE_COLUMNS = {
  packageId: 'PackageID',
  packageName: 'PackageName',
  isEnabled: 'IsEnabled',
  retryLimit: 'RetryLimit',
  createdTime: 'CreatedTime',
} as const satisfies Record<keyof PackageRow, string>;

export const CONTEXT_COLUMNS = {
  repository: 'Repository',
  workflow: 'Workflow',
  job: 'Job',
  runId: 'RunId',
  runAttempt: 'RunAttempt',
  actor: 'Actor',
  event: 'EventName',
  sha: 'CommitSha',
} as const satisfies Record<keyof RunContext, string>;

/** Execution columns; packageName comes from the Package row and `ended` from EndTime. */
export const EXECUTION_COLUMNS = {
  executionId: 'ExecutionID',
  packageId: 'PackageID',
  parentExecutionId: 'ParentExecutionID',
  executionStatus: 'ExecutionStatus',
  nextLoadStatus: 'NextLoadStatus',
  retryCount: 'RetryCount',
  startTime: 'StartTime',
  endTime: 'EndTime',
  runKey: 'RunKey',
  errorMessage: 'ErrorMessage',
  ...CONTEXT_COLUMNS,
} as const satisfies Record<Exclude<keyof ExecutionRow, 'packageName' | 'ended'>, string>;

/** Which package a transaction locks: by name (begin, operator commands) or through one of its executions (end). */
export type PackageLock =
  | {
      packageName: string;
      /** Register the package, enabled, when it is missing (begin); otherwise a missing package locks nothing. */
      registerWithRetryLimit?: number | null;
    }
  | { executionId: string };

/** A new Execution row. StartTime (and EndTime, for a row born ended) are the catalog server's clock. */
export interface NewExecution {
  packageId: number;
  parentExecutionId: string | null;
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  retryCount: number;
  ended: boolean;
  errorMessage: string | null;
  runKey: string;
  context: RunContext;
}

/** A run taking over an active execution: its new statuses, retry count and owner. */
export interface ExecutionTakeover {
  executionId: string;
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  retryCount: number;
  runKey: string;
  context: RunContext;
}

/** Ending an active execution; EndTime is the catalog server's clock. */
export interface ExecutionFinish {
  executionId: string;
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  errorMessage: string | null;
}

/**
 * One transaction holding the lock of one package, from its first statement to its commit.
 * Every read is of the locked package. Engines may send the calls made in the same tick together
 * (PostgreSQL pipelines them, SQL Server batches them): issue independent reads with Promise.all,
 * and the final writes together with commit(), so a begin costs as few round trips as possible.
 */
export interface PackageTransaction {
  /** The locked package; null when no package matches the lock. */
  package(): Promise<PackageRow | null>;
  /** The package's most recent execution carrying this run key. */
  executionWithRunKey(runKey: string): Promise<ExecutionRow | null>;
  /** The package's execution with no EndTime (at most one: a unique index sees to it). */
  activeExecution(): Promise<ExecutionRow | null>;
  /** The package's most recent execution. */
  latestExecution(): Promise<ExecutionRow | null>;
  /** One execution of the package by ID; null when there is none (or it is another package's). */
  execution(executionId: string): Promise<ExecutionRow | null>;

  insertExecution(execution: NewExecution): Promise<{ executionId: string }>;
  /** Guarded: the execution must still be active, or the transaction fails and rolls back. */
  takeOverExecution(takeover: ExecutionTakeover): Promise<void>;
  /** Guarded like takeOverExecution. Returns the ended row. */
  finishExecution(finish: ExecutionFinish): Promise<ExecutionRow>;
  /** Returns the changed row. */
  setNextLoadStatus(executionId: string, nextLoadStatus: NextLoadStatus): Promise<ExecutionRow>;
  /** Returns the changed package row, or null when no package matches the lock. */
  setEnabled(enabled: boolean): Promise<PackageRow | null>;

  /**
   * Commits. Call it in the same tick as the last writes, without awaiting them first. A
   * transaction whose work returns without committing is committed then (it only read).
   */
  commit(): Promise<void>;
}

/** How an engine is opened; timeouts in milliseconds. */
export interface CatalogOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface OpenOptions extends CatalogOptions {
  /** Create missing catalog tables (action input create-catalog); otherwise refuse to go on. */
  createCatalog: boolean;
}

export interface CatalogEngine {
  readonly engine: EngineName;
  /** The server and database (or file) in use, never credentials: fit for logs and summaries. */
  readonly location: string;

  /** Creates the catalog tables and indexes that are missing. Idempotent; safe when two run at once. */
  migrate(): Promise<void>;
  /** Whether the catalog tables are there. */
  exists(): Promise<boolean>;

  /**
   * Runs work in one transaction holding the package's lock: everything work wrote commits, or
   * nothing does. Transient faults (a deadlock victim, a failover, a dropped connection) run work
   * again from the start on a fresh transaction; `what` names the operation in error messages.
   */
  transaction<T>(lock: PackageLock, what: string, work: (tx: PackageTransaction) => Promise<T>): Promise<T>;

  /** One package, or all packages when name is undefined, with their latest and active executions. Not locked. */
  status(packageName: string | undefined): Promise<PackageStatus[]>;
  /** The package's most recent executions, newest first. Not locked. */
  history(packageName: string, limit: number): Promise<ExecutionRow[]>;

  close(): Promise<void>;
}

/** A guarded update found its row changed: the lock failed to serialize, a bug in an engine. */
export class LockViolation extends Error {
  override name = 'LockViolation';
  constructor(executionId: string) {
    super(
      `Execution ${executionId} was no longer active when its package's lock was held: the update was rolled back.`,
    );
  }
}
