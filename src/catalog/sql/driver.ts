/**
 * The contract between the SQL core (src/catalog/sql) and an engine. The core writes the package
 * transaction and the catalog once: which statements a call sends, row mapping, guarded updates
 * and LockViolation, NameTaken, first-failure reporting, retries of transient faults, and the
 * batching of the calls one tick makes into one round trip. An engine folder fills in only what
 * differs per database, each file with the same exported shape in every engine:
 *
 *   driver.ts      openDriver(location, options): Driver: one connection, sending steps, rollback, close
 *   statements.ts  statements(schema): Statements: every StatementName's SQL text, values bound by name
 *   schema.ts      the tables per version, the INSPECT text, and the CatalogSchema the core inspects
 *                  and migrates with (the objects each version adds; the answer read, the objects
 *                  judged and named by migration.ts)
 *   faults.ts      faults(context): Faults: which errors are transient, guards, unique keys; one sentence each
 *
 * docs/design.md (Engines: the SQL core and its drivers) says the same in prose.
 */
import type { EngineName, OpenOptions } from '../catalog.js';
import type { RetrySchedule } from '../retry.js';
import type { Inspection, TableShape } from '../shape.js';
import type { MigrationStep } from './migration.js';

// ---- statements ----------------------------------------------------------------------------------

/**
 * Every statement the core sends, by name; each engine's statements table fills every one. The
 * values a statement binds are named after the column maps of catalog.ts (@PackageName,
 * @ExecutionID, ...); the lists below say which each takes beyond the lock key (LockedParams).
 *
 * Lock modes are in the names: a child's begin and end hold its batch's package (the parent
 * execution's) SHARED, so that the children of one batch run side by side; a package's own lock
 * and the further packages a batch's end locks are EXCLUSIVE (PostgreSQL FOR SHARE / FOR UPDATE;
 * SQL Server HOLDLOCK / XLOCK, HOLDLOCK: an update lock is compatible with a shared one, so UPDLOCK
 * would not keep a batch's own end from running beside its children; SQLite: one writer holds the
 * file anyway). The order is always: the parent's package, the package, then further packages in
 * ascending PackageID.
 */
export type StatementName =
  // -- the lock, the first statements of a package transaction (after BEGIN)
  /** The parent execution's package, SHARED (nothing when there is no such parent); answers no row or its package row. */
  | 'LOCK_PARENT_PACKAGE_SHARED'
  /** Registers the package when it is missing (@PackageName, @RetryLimit, @IsBatch); an existing one is left as it is. */
  | 'REGISTER_PACKAGE'
  /** The package, EXCLUSIVE, held to COMMIT; answers its package row (columns of PACKAGE_COLUMNS), or none. */
  | 'LOCK_PACKAGE_EXCLUSIVE'
  /** Further packages (@PackageIDs: number[]), EXCLUSIVE, in ascending PackageID order; answers a row with packageId each. */
  | 'LOCK_PACKAGES_EXCLUSIVE'
  // -- reads of the locked package: execution rows (EXECUTION_COLUMNS + packageName), at most one unless said
  | 'EXECUTION_WITH_RUN_KEY' // @RunKey
  | 'ACTIVE_EXECUTION'
  | 'LATEST_EXECUTION'
  | 'LAST_ENDED_EXECUTION'
  | 'EXECUTION_BY_ID' // @ExecutionID
  /**
   * lastExecutionId: the package's latest with @ExecutionStatus, below @BeforeExecutionID (null: no
   * bound), on every row, beside the variable rows (VARIABLE_COLUMNS) by name: one row of null
   * variable columns when the package has none.
   */
  | 'LAST_EXECUTION_AND_VARIABLES'
  /** Variable rows (VARIABLE_COLUMNS), by name. */
  | 'VARIABLES'
  /** Audit rows (AUDIT_COLUMNS + packageName) of @ExecutionID with @Action, oldest first. */
  | 'EXECUTION_AUDIT'
  /**
   * Audit rows (AUDIT_COLUMNS + packageName) of the locked package with @Action, above
   * @AfterAuditID (null: any), newest first, at most @Limit.
   */
  | 'PACKAGE_AUDIT'
  // -- reads of any package, locked or not
  | 'ANY_EXECUTION' // @ExecutionID
  /**
   * @ExecutionID's family, in one read, oldest first: the execution (isExecution: of the locked
   * package only), its parent (isParent) and its children (isChild), of any package; execution
   * rows with the three flags (one row may carry several).
   */
  | 'EXECUTION_FAMILY'
  | 'CHILDREN' // @ParentExecutionID, oldest first
  /** Distinct executionId of @ExecutionIDs (string[]) with an audit record of one of @Actions (string[]). */
  | 'AUDITED_EXECUTIONS'
  /** Any package by name (@OtherName): a package row or none. */
  | 'PACKAGE_NAMED'
  // -- writes of the locked package (and, for the finishes and next load statuses, of any package it locked)
  /** Answers executionId and startTime (RETURNING / OUTPUT). StartTime, and EndTime when @Ended, are the server's clock. */
  | 'INSERT_EXECUTION'
  /** Guarded (see Step, @GuardedRows 1): only an active execution (@ExecutionID) of the locked package. */
  | 'TAKE_OVER_EXECUTION'
  /** Guarded (1): only an active execution of a locked package; answers the ended execution row. */
  | 'FINISH_EXECUTION'
  /** Guarded (1): only an ended execution of a locked package whose status is still @EndedAs; answers the row. */
  | 'REFINISH_EXECUTION'
  /** Guarded (1): only an execution of a locked package; answers the changed execution row. */
  | 'SET_NEXT_LOAD_STATUS'
  /** Guarded (as many as the list): @ExecutionIDs (string[]) of locked packages; answers changed = how many changed. */
  | 'SET_NEXT_LOAD_STATUSES'
  | 'MARK_BATCH'
  /** @IsEnabled; answers the package row (none: no package matches the lock). */
  | 'SET_ENABLED'
  /** @Names, @Values (string[], paired by position): adds the names the package lacks. */
  | 'REGISTER_VARIABLES'
  /** @Names, @Values, @ExecutionID (null for an operator): each value replaces the one before, kept as PreviousValue. */
  | 'STORE_VARIABLES'
  /** @ExecutionID, @ObjectNames, @CountTypes (string[]), @RowCounts (number[]): a count replaces the same object and type's. */
  | 'SAVE_ROW_COUNTS'
  /** @ExecutionID, @Action, @Detail, @Actor: nothing when no package matches the lock. */
  | 'RECORD_AUDIT'
  /** @Action, @Detail, @Actor: an entry of no package and no execution (the record of a deleted package). */
  | 'RECORD_DELETION'
  /** @NewName; answers the package row. A unique-key violation is a name taken meanwhile (faults.isUniqueViolation). */
  | 'RENAME_PACKAGE'
  // A whole package, children before parents, in this order; changed of DELETE_PACKAGE_EXECUTIONS is the count.
  | 'DELETE_PACKAGE_ROW_COUNTS'
  | 'DELETE_PACKAGE_AUDIT'
  | 'DELETE_PACKAGE_VARIABLES'
  | 'DELETE_PACKAGE_EXECUTIONS'
  | 'DELETE_PACKAGE'
  // -- retention (operations.ts): standing rows (toExecutionStanding), @Minutes the purge's age
  | 'PURGE_CANDIDATES' // @After (null: first page), @Limit; of the locked package, oldest first
  | 'STANDINGS' // @ExecutionIDs
  | 'CHILD_STANDINGS' // @ExecutionIDs: the parents
  // @ExecutionIDs of the locked package, in this order; changed of DELETE_EXECUTIONS is the count.
  | 'DELETE_EXECUTION_ROW_COUNTS'
  | 'DELETE_EXECUTION_AUDIT'
  | 'DELETE_EXECUTIONS'
  /** @Minutes, @Limit: audit of the locked package naming no execution still there; changed is the count. */
  | 'DELETE_OLD_AUDIT'
  // -- unlocked reads, each its own statement outside any package transaction
  /** @PackageName (null: all): package rows by name; each package's latest execution (+ batchPackageName); the active ones. */
  | 'STATUS_PACKAGES'
  | 'STATUS_LATEST'
  | 'STATUS_ACTIVE'
  | 'HISTORY' // @PackageName, @Limit: newest first
  | 'FILTERED_HISTORY' // and @Since (minutes, null: any), @Statuses (string[] | null)
  | 'RUNS' // @Limit, @Since, @Statuses: every package, newest first
  | 'NOW' // now: the server's clock, UTC ISO 8601
  /** @PackageName: no row when there is no such package; one row of null variable columns when it has none. */
  | 'PACKAGE_VARIABLES'
  | 'ROW_COUNTS' // @ExecutionIDs: stored row counts
  | 'AUDIT' // @PackageName, @Limit: newest first
  // -- the report: one snapshot (BEGIN 'snapshot'), a fixed number of reads; @Minutes back from now
  | 'REPORT_CLOCK' // now, since
  | 'REPORT_PACKAGES'
  | 'REPORT_EXECUTIONS' // and @Succeeded
  | 'REPORT_ROW_COUNTS'
  | 'REPORT_AUDIT'
  // -- the catalog itself (schema.ts's tables)
  /** Held to COMMIT by a migration, so that concurrent migrations take turns (SQLite: the write lock already is). */
  | 'MIGRATE_LOCK'
  /**
   * What the catalog holds, as one row of lists (migration.ts's InspectAnswer), read by
   * CatalogSchema.inspection and .migration; binds no values (the engine writes its names in, those
   * of the steps' objects by migration.ts's stepNames).
   */
  | 'INSPECT'
  /** version: the highest CatalogVersion row (null when none). Fails when there is no CatalogVersion table. */
  | 'RECORDED_VERSION'
  /** executions (the highest ExecutionID), unchecked, firstUnchecked (shape.ts's UNCHECKED_EXECUTIONS). */
  | 'UPGRADE_SIZE'
  /** @Versions (number[]): the CatalogVersion rows a migration applied. */
  | 'RECORD_VERSIONS';

/** How a package transaction names its package: by name (begin, operator commands) or through an execution (end). */
export type LockKey = 'name' | 'execution';

/**
 * A statement's SQL text, values bound by name (@Name). A statement of the locked package may
 * have one text per lock key (PostgreSQL finds the package by a subquery on the key); one text
 * serves both when the engine needs no such choice.
 */
export type StatementText = string | Readonly<Record<LockKey, string>>;

/** An engine's statements table: every name, filled. */
export type Statements = Readonly<Record<StatementName, StatementText>>;

/**
 * A value bound to a statement. Lists (IDs, names, counts) are bound the engine's way (a
 * PostgreSQL array, a JSON text for SQLite's json_each, a list SQL Server splits); ExecutionIDs are
 * decimal strings (64-bit), PackageIDs numbers, booleans booleans, timestamps never (the server's
 * clock writes them).
 */
export type Value = string | number | boolean | null | readonly string[] | readonly number[];
export type Params = Readonly<Record<string, Value>>;

/**
 * The values every statement of a package transaction gets besides its own, so that it can find
 * the locked package without an earlier answer (and travel in the lock's round trip):
 * PackageName (lock by name) or LockExecutionID (lock through an execution), the other null;
 * LockParentExecutionID (a child's begin: the parent it names; null otherwise); and what the locks
 * answered so far: LockedPackageID (the package's own, null until its lock answered or when none
 * matched) and LockedPackageIDs (every package this transaction holds exclusively: its own, those
 * of LOCK_PACKAGES_EXCLUSIVE; never the parent's, held shared). The statements that change an
 * execution (TAKE_OVER_EXECUTION, FINISH_EXECUTION, REFINISH_EXECUTION, SET_NEXT_LOAD_STATUS,
 * SET_NEXT_LOAD_STATUSES) change only these packages' executions, and are all guarded (Step): one
 * that would change fewer rows than the core expects (an execution of any other package among
 * them) aborts the transaction on the server, before a COMMIT sent behind it, and the core fails
 * the call.
 */
export interface LockedParams {
  readonly PackageName: string | null;
  readonly LockExecutionID: string | null;
  readonly LockParentExecutionID: string | null;
  LockedPackageID: number | null;
  LockedPackageIDs: readonly number[];
}

// ---- round trips -----------------------------------------------------------------------------------

/**
 * How a transaction begins, with the engine's limits (lock and statement timeouts from
 * OpenOptions.requestTimeoutMs; READ COMMITTED):
 * - 'package': a package transaction, whose first statements take the locks (SQLite: BEGIN IMMEDIATE);
 * - 'snapshot': the report's reads, one consistent snapshot, read only;
 * - 'migrate': a migration, which takes MIGRATE_LOCK first and may run schema.ts's DDL.
 */
export type BeginMode = 'package' | 'snapshot' | 'migrate';

/**
 * One step of a round trip. Transaction control is a step, so that a package transaction is
 * "BEGIN + locks + reads" in its first round trip and "writes + COMMIT" in its last; an engine
 * that cannot put BEGIN or COMMIT in a batch with the statements (or does them as driver calls)
 * does them in order around the rest, in as few round trips as it can.
 */
export type Step =
  | { kind: 'begin'; mode: BeginMode }
  | {
      kind: 'statement';
      name: StatementName;
      /** The statements table's text for the name (for the transaction's lock key, when it has one per key). */
      text: string;
      params: Params;
      /**
       * A guarded update, and the number of rows it must change (one or more): exactly that many,
       * or it fails with an error faults.isGuardFailure recognizes (or a GuardFailure) AND aborts
       * the transaction, so that nothing sent after it in the same round trip (the COMMIT) takes
       * effect: on the server when the statements after it are already on their way (PostgreSQL
       * 1 / (count(*) = @GuardedRows), SQL Server THROW unless @changed = @GuardedRows), in the
       * driver when it runs one statement at a time (SQLite: changed !== guarded). The core binds
       * the same number as @GuardedRows, for the statement that checks it on the server; which
       * number is the core's to say, the engine only enforces it. When it changed its rows it
       * answers changed = that number (the core checks that too).
       */
      guarded?: number;
    }
  /** DDL of a migration (schema.ts's CatalogSchema.migration), run as it is. */
  | { kind: 'ddl'; text: string }
  | { kind: 'commit' };

/** What a statement answered: its rows (aliased to the camelCase field names) and how many rows it changed. */
export interface Answer {
  rows: Record<string, unknown>[];
  /** Rows inserted, updated or deleted; 0 for a read. */
  changed: number;
}

/**
 * A step's outcome. A step that failed aborts the transaction: every later step of the round trip
 * answers a failure too (the same error, or the engine's "transaction aborted"), a COMMIT among
 * them commits nothing, and the core reports the first failure in step order.
 */
export type Outcome = { ok: true; answer: Answer } | { ok: false; error: unknown };

/** A driver's own guard failure, for an engine that checks a guarded step's changed count itself. */
export class GuardFailure extends Error {
  override name = 'GuardFailure';
}

/**
 * A round trip holding COMMIT got no answer (connection lost, request timed out): run again on a
 * new connection on every engine (docs/design.md, "A commit whose outcome is unknown").
 */
export class CommitOutcomeUnknown extends Error {
  override name = 'CommitOutcomeUnknown';
  readonly code = 'ECOMMITUNKNOWN';
  constructor(override readonly cause: unknown) {
    super(
      `The round trip holding COMMIT got no answer (${cause instanceof Error ? cause.message : String(cause)}): whether it committed is unknown.`,
    );
  }
}

/**
 * One connection to the catalog (never a pool), opened by connect() and used by one transaction
 * at a time: the core makes the calls on one catalog take turns.
 */
export interface Driver {
  readonly engine: EngineName;
  /** The server and database (or file), never credentials: fit for logs and summaries. */
  readonly location: string;
  readonly statements: Statements;
  readonly schema: CatalogSchema;
  readonly faults: Faults;

  /**
   * Opens the connection when none is open (at open, and again after a connection loss: the core
   * calls drop() first). Rejects with the engine's error; the core retries what faults.isTransient
   * (with everConnected false before the first success) says to, and explains the rest.
   */
  connect(): Promise<void>;
  /**
   * Sends the steps in order as ONE round trip where the engine can (PostgreSQL's pipeline mode,
   * one SQL Server request, SQLite in process) and answers one outcome per step, in order. Binding
   * a value the engine cannot hold (a name too long for its column) may fail that step with a
   * BfxError. Rejects only when no step can be answered (the connection is gone): then every step
   * failed with that error, and whether a COMMIT among them took effect is unknown (the core
   * reports that as CommitOutcomeUnknown). A request timeout of a round trip holding COMMIT
   * rejects too: its COMMIT's outcome is just as unknown.
   */
  send(steps: readonly Step[]): Promise<Outcome[]>;
  /** Rolls back the open transaction, if any; a connection that cannot is dropped. Never rejects. */
  rollback(): Promise<void>;
  /** Forgets the connection (lost, or left in an unknown state); the next connect() opens a new one. */
  drop(): void;
  /** Closes the connection for good. Never rejects. */
  close(): Promise<void>;
}

/** What each engine's driver.ts exports. `location` is the connection string (SQLite: the file's path). */
export type OpenDriver = (location: string, options: OpenOptions) => Driver;

// ---- faults ------------------------------------------------------------------------------------------

/** The engine's fault classification, behind one typed contract (each engine's faults.ts). */
export interface Faults {
  /**
   * Whether running the whole transaction again from the start, on a fresh connection, may
   * succeed: a deadlock victim, a serialization failure, a failover, a dropped connection. A
   * refused or dropped connection counts only once the server has answered (everConnected):
   * before that it is a wrong host or port, not a server that went away.
   */
  isTransient(error: unknown, everConnected: boolean): boolean;
  /** The connection itself failed (as opposed to an error the server reported on a statement): drop it. */
  isConnectionLoss(error: unknown): boolean;
  /** A guarded update did not change the rows it had to (the server's refusal on purpose): the core says which call failed. */
  isGuardFailure(error: unknown): boolean;
  /** A write met another row's unique key: a rename's is NameTaken. */
  isUniqueViolation(error: unknown): boolean;
  /** When to try a transient fault again (retry.ts: backoffSchedule unless the engine has its own). */
  readonly schedule: RetrySchedule;
  /**
   * The user's one sentence (a BfxError: what failed, why, what to do), or the error itself when
   * it is a bug. `what` names the operation ('connect' while opening, else "begin package X",
   * "read the status", ...); firstFault is the first of several transient faults, when retries
   * were spent.
   */
  explain(error: unknown, what: string, firstFault?: unknown): unknown;
}

// ---- the catalog's tables ----------------------------------------------------------------------------

/** What the core needs of an engine's schema.ts to inspect and migrate (shape.ts judges). */
export interface CatalogSchema {
  /** Where the catalog is, in shape.ts's sentences: "the SQLite file F", "schema S of the PostgreSQL catalog H". */
  readonly where: string;
  /** What to do instead when a table of our name is someone else's. */
  readonly foreignTableFix: string;
  /** The Execution table as a query of the user's names it in a refusal (PostgreSQL: bfx.Execution); Execution when not given. */
  readonly executionTable?: string;
  /** TABLE_VERSIONS in the engine's type kinds (tableVersionsStoring). */
  readonly versions: TableShape[][];
  /**
   * The INSPECT statement's answer, as shape.ts reads a catalog: migration.ts's inspectionOf, in the
   * engine's words for its type names and object kinds (the core adds RECORDED_VERSION's).
   */
  inspection(answer: Answer): Omit<Inspection, 'recordedVersion'>;
  /**
   * The DDL that brings a catalog at version `from` (0: empty) to CATALOG_VERSION, leaving out
   * what the INSPECT answer shows is there, each step with what it creates in words ("table
   * Execution", "index IX_..."), in order: migration.ts's migrationSteps over the engine's steps,
   * its INSPECT answer read by foundObjects, and its text per object. The core runs them after
   * MIGRATE_LOCK, then RECORD_VERSIONS and COMMIT, in one transaction.
   */
  migration(from: number, inspected: Answer): MigrationStep[];
}
