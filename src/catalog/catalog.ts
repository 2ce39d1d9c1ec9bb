/**
 * The narrow interface every catalog engine (SQLite, PostgreSQL, SQL Server) offers to run control:
 * a transaction that holds one package's lock, typed reads of that package's rows, and typed
 * writes. An engine locks, reads and writes; it never decides (docs/decision.md, docs/design.md).
 * The shared suite in test/contract runs every engine through this interface and run-control.ts.
 */
import type { ExecutionSnapshot, ExecutionStatus, NextLoadStatus } from '../decision.js';
import type { ExecutionStanding } from '../operations.js';
import type { CatalogState, ColumnKind, TableShape } from './shape.js';

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
  /** A batch: its executions are the parents of other packages' executions. */
  isBatch: boolean;
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
  /** The package of the batch execution that the latest execution ran under, if any. */
  batchPackageName: string | null;
}

/** A high-water mark (a config variable) of a package, as committed. */
export interface Variable {
  name: string;
  value: string;
  previousValue: string | null;
  /** The execution whose successful end committed the value; null for a default or an operator's value. */
  executionId: string | null;
  updatedTime: string;
}

export interface VariableValue {
  name: string;
  value: string;
}

export interface RowCount {
  objectName: string;
  countType: string;
  rowCount: number;
}

export interface StoredRowCount extends RowCount {
  executionId: string;
}

/** An operator's change or a yield, with who and why. */
export interface AuditEntry {
  auditId: string;
  /** Null for the record of a package's deletion: the package is gone (catalog version 4). */
  packageId: number | null;
  packageName: string | null;
  executionId: string | null;
  action: string;
  detail: string | null;
  actor: string | null;
  createdTime: string;
}

export type NewAuditEntry = Pick<AuditEntry, 'executionId' | 'action' | 'detail' | 'actor'>;

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
  isBatch: 'IsBatch',
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

export const VARIABLE_COLUMNS = {
  name: 'VariableName',
  value: 'VariableValue',
  previousValue: 'PreviousValue',
  executionId: 'ExecutionID',
  updatedTime: 'UpdatedTime',
} as const satisfies Record<keyof Variable, string>;

export const ROW_COUNT_COLUMNS = {
  executionId: 'ExecutionID',
  objectName: 'ObjectName',
  countType: 'CountType',
  rowCount: 'RowCount',
} as const satisfies Record<keyof StoredRowCount, string>;

/** AuditLog columns; packageName comes from the Package row. */
export const AUDIT_COLUMNS = {
  auditId: 'AuditID',
  packageId: 'PackageID',
  executionId: 'ExecutionID',
  action: 'Action',
  detail: 'Detail',
  actor: 'Actor',
  createdTime: 'CreatedTime',
} as const satisfies Record<Exclude<keyof AuditEntry, 'packageName'>, string>;

/**
 * Which package a transaction locks: by name (begin, operator commands) or through one of its
 * executions (end). A batch's package is always locked before its children's: a lock through an
 * execution that has a parent first locks the parent's package, and so does a lock by name that
 * names a parent execution (a child's begin). Further packages (a batch's children) are locked
 * with lockPackages(), after these, in ascending PackageID order: no two transactions ever wait on
 * each other in a circle.
 */
export type PackageLock =
  | {
      packageName: string;
      /** Register the package, enabled, when it is missing (begin); otherwise a missing package locks nothing. */
      register?: { retryLimit: number | null; isBatch: boolean };
      /** Lock this execution's package first (it need not exist: then nothing more is locked). */
      parentExecutionId?: string;
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

/** A run taking over an active execution: its new statuses, retry count, batch execution and owner. */
export interface ExecutionTakeover {
  executionId: string;
  executionStatus: ExecutionStatus;
  nextLoadStatus: NextLoadStatus;
  retryCount: number;
  /** The batch execution the new owner's begin names; null: under no batch. */
  parentExecutionId: string | null;
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
  /** The package's most recent execution (the highest ExecutionID). */
  latestExecution(): Promise<ExecutionRow | null>;
  /**
   * The package's execution that ended last (EndTime, then ExecutionID): not always the most
   * recent one, since a disabled package's skip is born ended while another execution is active.
   */
  lastEndedExecution(): Promise<ExecutionRow | null>;
  /** One execution of the package by ID; null when there is none (or it is another package's). */
  execution(executionId: string): Promise<ExecutionRow | null>;
  /** One execution of any package by ID (a batch execution, say); null when there is none. */
  anyExecution(executionId: string): Promise<ExecutionRow | null>;
  /**
   * In one read: an execution of the package by ID (null when there is none, or it is another
   * package's), its parent (the batch execution it runs under, of any package; null when it has
   * none) and its children (of any package, oldest first).
   */
  executionFamily(
    executionId: string,
  ): Promise<{ execution: ExecutionRow | null; parent: ExecutionRow | null; children: ExecutionRow[] }>;
  /** The executions, of any package, whose ParentExecutionID is this one, oldest first. */
  children(parentExecutionId: string): Promise<ExecutionRow[]>;
  /** Which of these executions, of any package, have an audit record of one of these actions. */
  auditedExecutions(executionIds: string[], actions: string[]): Promise<string[]>;
  /**
   * In one statement, what a begin returns after its writes: the ID of the package's most recent
   * execution with this status, below beforeExecutionId when given, and the package's variables, by name.
   */
  lastExecutionAndVariables(
    status: ExecutionStatus,
    beforeExecutionId: string | null,
  ): Promise<{ lastExecutionId: string | null; variables: Variable[] }>;
  /** The package's variables, by name. */
  variables(): Promise<Variable[]>;
  /** The locked package's audit entries of one execution with this action, oldest first (the takeovers of an execution). */
  executionAudit(executionId: string, action: string): Promise<AuditEntry[]>;
  /**
   * The locked package's audit entries with this action (an operator's command), above
   * afterAuditId when given, newest first, at most `limit`.
   */
  packageAudit(action: string, afterAuditId: string | null, limit: number): Promise<AuditEntry[]>;

  /** Answers the new row's ExecutionID and StartTime (the server's clock), from the insert itself. */
  insertExecution(execution: NewExecution): Promise<{ executionId: string; startTime: string }>;
  /** Guarded: the execution must still be active, or the transaction fails and rolls back. */
  takeOverExecution(takeover: ExecutionTakeover): Promise<void>;
  /**
   * Ends an active execution of a package this transaction has locked (its own, or a child's
   * through lockPackages). Guarded like takeOverExecution. Returns the ended row.
   */
  finishExecution(finish: ExecutionFinish): Promise<ExecutionRow>;
  /**
   * Ends again an execution that already ended with `endedAs` (a batch that a later attempt of
   * its run re-closes). Guarded: any other status fails the transaction. Returns the row.
   */
  refinishExecution(finish: ExecutionFinish, endedAs: ExecutionStatus): Promise<ExecutionRow>;
  /** Of an execution of a locked package. Returns the changed row. */
  setNextLoadStatus(executionId: string, nextLoadStatus: NextLoadStatus): Promise<ExecutionRow>;
  /** The same for many executions (a batch's children), in one statement. */
  setNextLoadStatuses(executionIds: string[], nextLoadStatus: NextLoadStatus): Promise<void>;
  /** Locks further packages after the transaction's own, in ascending PackageID order. */
  lockPackages(packageIds: number[]): Promise<void>;
  /** Marks the locked package as a batch. */
  markBatch(): Promise<void>;
  /** Adds the variables the package does not have yet, with these values (defaults); others are left as they are. */
  registerVariables(defaults: VariableValue[]): Promise<void>;
  /**
   * Stores variables of the locked package: each value replaces the one before, which is kept as
   * PreviousValue; executionId is the execution that set them (null for an operator).
   */
  storeVariables(values: VariableValue[], executionId: string | null): Promise<void>;
  /** Stores an execution's row counts; a count for the same object and type replaces the earlier one. */
  saveRowCounts(executionId: string, counts: RowCount[]): Promise<void>;
  /** Records an operator's change or a yield of the locked package; nothing when no package matches the lock. */
  recordAudit(entry: NewAuditEntry): Promise<void>;
  /** Records the deletion of the locked package, after deletePackage(): an entry of no package (PackageID null). */
  recordDeletion(entry: NewAuditEntry): Promise<void>;
  /** Returns the changed package row, or null when no package matches the lock. */
  setEnabled(enabled: boolean): Promise<PackageRow | null>;

  /** Any package by name (not locked): whether a name is taken. */
  packageNamed(packageName: string): Promise<PackageRow | null>;
  /** Renames the locked package; returns the changed row. Rejects with NameTaken when another package has the name. */
  renamePackage(newName: string): Promise<PackageRow>;
  /**
   * Deletes the locked package with everything of it: its executions, their row counts, its
   * variables, its audit entries. Returns how many executions went. The deletion's own record is
   * recordDeletion()'s.
   */
  deletePackage(): Promise<{ executions: number }>;

  /**
   * Up to `limit` ended or active executions of the locked package that started more than
   * olderThanMinutes ago (the catalog's clock), with ExecutionID above afterExecutionId when given,
   * oldest first, as retention sees them (operations.ts).
   */
  purgeCandidates(
    olderThanMinutes: number,
    afterExecutionId: string | null,
    limit: number,
  ): Promise<ExecutionStanding[]>;
  /** These executions, of any package, as retention sees them; missing ones are left out. */
  standings(executionIds: string[], olderThanMinutes: number): Promise<ExecutionStanding[]>;
  /** The executions, of any package, whose ParentExecutionID is one of these, as retention sees them. */
  childStandings(parentExecutionIds: string[], olderThanMinutes: number): Promise<ExecutionStanding[]>;
  /** Deletes these executions of the locked package, with their row counts and audit entries. Returns how many went. */
  deleteExecutions(executionIds: string[]): Promise<number>;
  /**
   * Deletes up to `limit` audit entries of the locked package made more than olderThanMinutes ago
   * that name no execution still in the catalog (none, or a deleted one). Returns how many went.
   */
  deleteOldAudit(olderThanMinutes: number, limit: number): Promise<number>;

  /**
   * Commits. Call it in the same tick as the last writes, without awaiting them first. A
   * transaction whose work returns without committing is committed then (it only read).
   */
  commit(): Promise<void>;
}

/** Which executions a listing shows: started within the last sinceMinutes (the catalog's clock), with one of these statuses. */
export interface ExecutionFilter {
  sinceMinutes?: number;
  statuses?: ExecutionStatus[];
}

/** How an engine is opened; timeouts in milliseconds. */
export interface CatalogOptions {
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface OpenOptions extends CatalogOptions {
  /** Create missing catalog tables (action input create-catalog); otherwise refuse to go on. */
  createCatalog: boolean;
  /**
   * The schema holding the catalog tables on SQL Server and PostgreSQL (input catalog-schema),
   * validated (letters, digits, underscores). openCatalog() fills it in for the engines: the
   * input, else the connection string's `schema` parameter, else bfx. SQLite has plain tables:
   * one file is one catalog.
   */
  schema?: string;
  /** How a refusal to create or upgrade the catalog (createCatalog false) is worded; the action's words when not given. */
  noCreate?: NoCreate;
}

/**
 * Why a missing or older catalog is left alone, and what to do instead, in the words of the shell
 * that refuses it: an action input, or a bfx command and its options.
 */
export interface NoCreate {
  /** Completes "The catalog ... does not exist and ...": why nothing is created. */
  because: string;
  /** What to do about a missing catalog. */
  create: string;
  /** What to do about a catalog of an older version. */
  upgrade: string;
}

export const ACTION_NO_CREATE: NoCreate = {
  because: 'create-catalog is false',
  create: 'deploy it with `bfx migrate` or set create-catalog to true',
  upgrade: 'upgrade it in place with `bfx migrate` or set create-catalog to true',
};

export const DEFAULT_CATALOG_SCHEMA = 'bfx';

/** The version of the catalog tables this release creates and upgrades to (docs/catalog.md). */
export const CATALOG_VERSION = 4;

/**
 * A begin (the action's and the CLI's create-catalog) upgrades a catalog in place only while it
 * has recorded at most this many executions (its highest ExecutionID): the upgrade builds indexes
 * and checks every execution against the new CHECK constraints, under the migration's lock, while
 * the begin's own load waits. Above it, the begin refuses and says to run `bfx migrate`, which has
 * no such limit and no request timeout (docs/catalog.md, Upgrading a large catalog).
 */
export const UPGRADE_IN_BEGIN_MAX_EXECUTIONS = 500_000;

/** How a migration was asked for: by a begin (limited by UPGRADE_IN_BEGIN_MAX_EXECUTIONS) or by `bfx migrate`. */
export interface MigrateOptions {
  /** Refuse an in-place upgrade of a catalog that has recorded more executions than this. */
  maxExecutions?: number;
}

const PACKAGE_V1: TableShape = {
  table: 'Package',
  columns: {
    PackageID: 'integer',
    PackageName: 'text',
    IsEnabled: 'boolean',
    RetryLimit: 'integer',
    CreatedTime: 'timestamp',
  },
};

const EXECUTION_V1: TableShape = {
  table: 'Execution',
  columns: {
    ExecutionID: 'integer',
    PackageID: 'integer',
    ParentExecutionID: 'integer',
    // The status letters: our own DDL declares them CHAR(1) (SQLite: TEXT), so fixed-length text is theirs alone.
    ExecutionStatus: 'letter',
    NextLoadStatus: 'letter',
    RetryCount: 'integer',
    StartTime: 'timestamp',
    EndTime: 'timestamp',
    RunKey: 'text',
    ErrorMessage: 'text',
    Repository: 'text',
    Workflow: 'text',
    Job: 'text',
    RunId: 'text',
    RunAttempt: 'text',
    Actor: 'text',
    EventName: 'text',
    CommitSha: 'text',
  },
};

/** Version 2's tables: CatalogVersion, Package.IsBatch, ConfigVariable, RowCount and AuditLog added. */
const VERSION_2: TableShape[] = [
  { table: 'Package', columns: { ...PACKAGE_V1.columns, IsBatch: 'boolean' } },
  EXECUTION_V1,
  { table: 'CatalogVersion', columns: { Version: 'integer', AppliedTime: 'timestamp' } },
  {
    table: 'ConfigVariable',
    columns: {
      PackageID: 'integer',
      VariableName: 'text',
      VariableValue: 'text',
      PreviousValue: 'text',
      ExecutionID: 'integer',
      UpdatedTime: 'timestamp',
    },
  },
  {
    table: 'RowCount',
    columns: { ExecutionID: 'integer', ObjectName: 'text', CountType: 'text', RowCount: 'integer' },
  },
  {
    table: 'AuditLog',
    columns: {
      AuditID: 'integer',
      PackageID: 'integer',
      ExecutionID: 'integer',
      Action: 'text',
      Detail: 'text',
      Actor: 'text',
      CreatedTime: 'timestamp',
    },
  },
];

/**
 * The catalog's tables as each version defines them, whole: TABLE_VERSIONS[n - 1] is version n.
 * Version 1 is the first release's (no CatalogVersion table: shape.ts reads our first tables
 * without a recorded version as version 1); the last is CATALOG_VERSION's. Each engine maps its
 * own type names onto these kinds (SQLite keeps booleans as integers and timestamps as text). A
 * 'text' column refuses a fixed-length type (CHAR(n) pads its values with spaces); only the
 * status letters, 'letter', take one.
 */
export const TABLE_VERSIONS: TableShape[][] = [
  [PACKAGE_V1, EXECUTION_V1],
  VERSION_2,
  // Version 3 adds indexes and CHECK constraints only (docs/catalog.md): the same tables.
  VERSION_2,
  // Version 4 lets AuditLog.PackageID be null (a deleted package's record): the same columns.
  VERSION_2,
];

/** The same versions with some kinds stored as others (SQLite: boolean as integer, timestamp and letter as text). */
export function tableVersionsStoring(stored: Partial<Record<ColumnKind, ColumnKind>>): TableShape[][] {
  return TABLE_VERSIONS.map((tables) =>
    tables.map((shape) => ({
      table: shape.table,
      columns: Object.fromEntries(
        Object.entries(shape.columns).map(([column, kind]) => [column, stored[kind] ?? kind]),
      ),
    })),
  );
}

/** What a catalog holds before it is used: nothing of ours yet, or our tables at a version. */
export type { CatalogState } from './shape.js';

export interface CatalogEngine {
  readonly engine: EngineName;
  /** The server and database (or file) in use, never credentials: fit for logs and summaries. */
  readonly location: string;

  /**
   * Creates the catalog tables, or upgrades older ones in place to CATALOG_VERSION, under a lock
   * that makes concurrent migrations take turns; refuses, changing nothing, tables of our names
   * in another shape and a catalog newer than this release. Returns what it created or upgraded
   * (table and index names, the versions), empty when all was there.
   */
  migrate(options?: MigrateOptions): Promise<{ from: number; to: number; created: string[] }>;
  /**
   * What the catalog holds, judged by shape.ts: nothing of ours, or our tables at a version.
   * Throws the one-sentence refusal for foreign tables or a newer catalog.
   */
  inspect(): Promise<CatalogState>;

  /**
   * Runs work in one transaction holding the package's lock: everything work wrote commits, or
   * nothing does. Transient faults (a deadlock victim, a failover, a dropped connection) run work
   * again from the start on a fresh transaction; `what` names the operation in error messages.
   */
  transaction<T>(lock: PackageLock, what: string, work: (tx: PackageTransaction) => Promise<T>): Promise<T>;

  /** One package, or all packages when name is undefined, with their latest and active executions. Not locked. */
  status(packageName: string | undefined): Promise<PackageStatus[]>;
  /** The package's most recent executions (those the filter lets through), newest first. Not locked. */
  history(packageName: string, limit: number, filter?: ExecutionFilter): Promise<ExecutionRow[]>;
  /** Every package's most recent executions that the filter lets through, newest first. Not locked. */
  runs(filter: ExecutionFilter, limit: number): Promise<ExecutionRow[]>;
  /** The catalog server's clock: now, UTC, ISO 8601. */
  now(): Promise<string>;
  /** A batch execution's children, oldest first. Not locked. */
  children(parentExecutionId: string): Promise<ExecutionRow[]>;
  /** The package's variables; null when there is no such package. Not locked. */
  variables(packageName: string): Promise<Variable[] | null>;
  /** The row counts of these executions. Not locked. */
  rowCounts(executionIds: string[]): Promise<StoredRowCount[]>;
  /** The package's audit records, newest first. Not locked. */
  audit(packageName: string, limit: number): Promise<AuditEntry[]>;
  /** The report's rows for a window of this many minutes back from the server's clock, in a fixed number of queries. Not locked. */
  reportSnapshot(windowMinutes: number): Promise<ReportSnapshot>;

  close(): Promise<void>;
}

/**
 * What the catalog report reads (docs/report.md), in a bounded number of queries whatever the
 * number of packages: every package, the executions of the window and those that say where each
 * package stands now, their row counts, and the audit records of the window.
 */
export interface ReportSnapshot {
  /** The catalog server's clock when it was read, and the start of the window (now minus its length). */
  now: string;
  since: string;
  packages: PackageRow[];
  /**
   * The executions that started in the window, plus, from any time: each package's latest
   * execution, its active one, its latest success, and the batch executions that children
   * in the window ran under. Oldest first.
   */
  executions: ExecutionRow[];
  /** The row counts of the executions that started in the window. */
  rowCounts: StoredRowCount[];
  /** The audit records of the window, oldest first. */
  audit: AuditEntry[];
}

/** The status of the execution each package's failure streak is counted from: the report reads every package's latest of it. */
export const SUCCEEDED: ExecutionStatus = 'S';

/**
 * A rename met the new name in the catalog: another package took it after the rename read it free
 * (a begin registering it at the same moment). Each engine turns its unique-key violation on the
 * package name into this; run control answers it as the name taken.
 */
export class NameTaken extends Error {
  override name = 'NameTaken';
  constructor(packageName: string) {
    super(`Package "${packageName}" was registered while the rename ran: the rename was rolled back.`);
  }
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
