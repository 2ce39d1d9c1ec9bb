/**
 * The contract every catalog engine meets (SQLite, PostgreSQL, SQL Server). The shared test-suite
 * in test/contract runs against each engine through this interface only.
 */
import type { BeginPlan, EndCaller, ExecutionSnapshot, ExecutionStatus, NextLoadStatus, Outcome } from '../decision.js';

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

export interface BeginRequest {
  packageName: string;
  retryLimit: number | undefined;
  parentExecutionId: string | undefined;
  /** Identifies the caller's run; a second begin with the same key returns the same execution. */
  runKey: string;
  context: RunContext;
}

export interface BeginResult {
  executionId: string;
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  retryCount: number;
  plan: BeginPlan;
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

export type NextLoadStatusChange =
  | { kind: 'changed'; execution: ExecutionRow }
  | { kind: 'no-execution' }
  | { kind: 'active'; execution: ExecutionRow }
  | { kind: 'no-package' };

export type ResetResult = { kind: 'reset'; execution: ExecutionRow } | { kind: 'none-active' } | { kind: 'no-package' };

/** How an engine is opened; timeouts in milliseconds. */
export interface CatalogOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface Catalog {
  readonly engine: EngineName;
  /** The server and database (or file) in use, never credentials: fit for logs and summaries. */
  readonly location: string;

  /** Creates the catalog tables and indexes that are missing. Idempotent; safe when two run at once. */
  migrate(): Promise<void>;
  /** Whether the catalog tables are there. */
  exists(): Promise<boolean>;

  /** SPEC section 3 in one transaction holding the package's lock; the decision is decideBegin's. */
  begin(request: BeginRequest): Promise<BeginResult>;
  /** SPEC section 4 in one transaction holding the package's lock; the decision is decideEnd's. */
  end(request: EndRequest): Promise<EndResult>;

  /** One package, or all packages when name is undefined, with their latest and active executions. */
  status(packageName: string | undefined): Promise<PackageStatus[]>;
  /** The package's most recent executions, newest first. */
  history(packageName: string, limit: number): Promise<ExecutionRow[]>;
  /** Returns the package row after the change, or null when there is no such package. */
  setEnabled(packageName: string, enabled: boolean): Promise<PackageRow | null>;
  /** Sets the latest execution's NextLoadStatus, unless an execution of the package is still active. */
  setNextLoadStatus(packageName: string, status: 'C' | 'P'): Promise<NextLoadStatusChange>;
  /** Ends the package's active execution as F / R with the message. */
  reset(packageName: string, message: string): Promise<ResetResult>;

  close(): Promise<void>;
}
