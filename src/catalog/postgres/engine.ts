/**
 * The PostgreSQL catalog on pg: connections, transactions and the package lock. Every transaction
 * is READ COMMITTED and locks its package's row (SELECT ... FOR UPDATE) before it reads anything,
 * so the changes to one package are applied one after another and different packages never wait
 * on each other. A batch's package is locked before its children's: a child's begin (by name,
 * naming its parent execution) and any lock through an execution that has a parent first lock the
 * parent execution's package FOR SHARE (the children of one batch side by side; the batch's own
 * transactions hold it FOR UPDATE), and lockPackages() takes further packages FOR UPDATE after
 * those, in ascending PackageID order. It locks, reads and writes; run-control.ts decides.
 *
 * Round trips: the client runs in pg's pipeline mode. transaction() sends BEGIN (with the SET
 * LOCAL limits), the parent's lock, the registration of a begin's package and the lock without
 * waiting for them, and calls work in the same tick: the reads work makes at once go out in the
 * same round trip. They find the package through the lock key (queries.ts), not through an
 * answer, and the server runs pipelined statements in order, so each read starts after the locks
 * are granted and sees every transaction that held them before (READ COMMITTED takes a snapshot
 * per statement). The writes and the COMMIT that work issues together are the second round trip.
 * A begin, a child's included, is therefore:
 *   1. BEGIN; SET LOCAL ...; lock the parent's package; register; lock; read package, re-entry, active, latest
 *   2. write(s); COMMIT
 * and an end likewise (lock the parent's package and the package through the execution; read it;
 * then finish it and COMMIT).
 *
 * When a pipelined statement fails, the server aborts the transaction, the statements behind it
 * fail with 25P02 and the COMMIT behind them rolls back: the transaction rejects with the first
 * statement that failed. Every promise handed out has a rejection handler, so none of those
 * followers is ever an unhandled rejection.
 *
 * The tables live in the schema of OpenOptions.schema (default bfx), folded to lower case and
 * quoted; the statements are built for it once, when the catalog is opened (queries.ts).
 * inspect() reads what the schema holds in one statement; migrate() creates what is missing in
 * one transaction under an advisory lock (schema.ts).
 *
 * Transient faults (serialization failure, deadlock, a dropped connection, a server restarting)
 * run the whole transaction again on a fresh connection (retry.ts); a retried begin re-enters by
 * run key (docs/decision.md).
 */
import pg from 'pg';
import {
  CATALOG_VERSION,
  type MigrateOptions,
  DEFAULT_CATALOG_SCHEMA,
  LockViolation,
  NameTaken,
  SUCCEEDED,
  type AuditEntry,
  type CatalogEngine,
  type CatalogState,
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
import type { ExecutionStatus, NextLoadStatus } from '../../decision.js';
import { MAX_BIGINT } from '../limits.js';
import type { ExecutionStanding } from '../../operations.js';
import { retryTransient } from '../retry.js';
import {
  contextValues,
  toAuditEntry,
  toExecutionStanding,
  toExecutionRow,
  toPackageRow,
  toStoredRowCount,
  toVariable,
} from '../rows.js';
import { judgeCatalog, refuseLargeUpgrade, refuseUncheckedExecutions, type Inspection } from '../shape.js';
import { Turns } from '../turns.js';
import {
  explain,
  isConnectionLoss,
  isDuplicateObject,
  isUniqueViolation,
  isGuardFailure,
  isTransient,
  isTransientAtConnect,
  unreadableConnectionString,
  type Server,
} from './faults.js';
import * as q from './queries.js';
import {
  createSchema,
  describeObject,
  MIGRATE_LOCK_KEY,
  schemaName,
  steps,
  typeKind,
  VERSIONS,
  type CatalogObject,
} from './schema.js';

type Row = Record<string, unknown>;
type Statement = { text: string; values?: unknown[] };

export async function open(connectionString: string, options: OpenOptions): Promise<CatalogEngine> {
  const catalog = new PostgresCatalog(connectionString, options);
  await catalog.connectFirst();
  return catalog;
}

/** Attaches a no-op rejection handler (the caller still sees the rejection) and returns the promise. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/**
 * Sends statements as one pipeline (one round trip) and waits for all of their answers. When one
 * fails, those after it may fail too (an aborted transaction), and the first error is thrown.
 */
async function pipeline(client: pg.Client, statements: Statement[]): Promise<pg.QueryResult<Row>[]> {
  const settled = await Promise.allSettled(statements.map((statement) => client.query<Row>(statement)));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<pg.QueryResult<Row>>).value);
}

/** ExecutionIDs are bigint: anything that is not one matches no row rather than failing the cast. */
const executionIdValue = (executionId: string) =>
  /^\d{1,19}$/.test(executionId) && BigInt(executionId) <= MAX_BIGINT ? executionId : '-1';

const TIMESTAMP_OID = 1114;

/** timestamp without time zone, stored in UTC: '2025-01-02 03:04:05.678901' -> '2025-01-02T03:04:05.678901Z'. */
function utcTimestamp(value: string): string {
  return /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
}

/** Type parsers for this engine's clients only; pg's global parsers are left as they are. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID && format !== 'binary'
      ? utcTimestamp
      : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

/** The last value given for each name (a statement may not change one row twice). */
function lastByName<T extends { name: string }>(values: T[]): T[] {
  return [...new Map(values.map((value) => [value.name, value])).values()];
}

class PostgresCatalog implements CatalogEngine {
  readonly engine = 'postgres';
  readonly location: string;
  private readonly server: Server;
  private readonly config: pg.ClientConfig;
  private readonly beginTransaction: string;
  private readonly schema: string;
  private readonly sql: q.Queries;
  /** What each version adds (schema.ts), for this schema. */
  private readonly steps: CatalogObject[][];
  private readonly turns = new Turns();
  private client: pg.Client | null = null;
  /** Once the server has answered, a refused or dropped connection means it went away: retry. */
  private everConnected = false;
  private closed = false;

  constructor(connectionString: string, options: OpenOptions) {
    this.config = {
      connectionString,
      connectionTimeoutMillis: options.connectTimeoutMs,
      // The server-side limits are set per transaction (q.beginTransaction); this client-side one
      // is only the backstop for a server that stops answering.
      query_timeout: options.requestTimeoutMs + 5000,
      fallback_application_name: 'bfx-begin',
      keepAlive: true,
      pipeline: true,
      types: TYPES,
    };
    this.beginTransaction = q.beginTransaction(options.requestTimeoutMs);
    this.schema = schemaName(options.schema ?? DEFAULT_CATALOG_SCHEMA);
    this.sql = q.queries(this.schema);
    this.steps = steps(this.schema);
    let probe: pg.Client;
    try {
      probe = new pg.Client(this.config);
    } catch (error) {
      throw unreadableConnectionString(error);
    }
    const host = probe.host || 'localhost';
    const port = probe.port || 5432;
    const database = probe.database || probe.user || '';
    this.location = `${host}:${port}/${database}`;
    this.server = {
      host,
      port,
      database,
      user: probe.user || '',
      location: this.location,
      connectTimeoutMs: options.connectTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs,
    };
  }

  /** Connects once at open, so that a wrong host, password or database fails at once and clearly. */
  async connectFirst(): Promise<void> {
    try {
      await retryTransient(() => this.connection(), isTransientAtConnect);
    } catch (error) {
      throw explain(error, this.server, 'connect');
    }
  }

  async inspect(): Promise<CatalogState> {
    return this.unlocked('read the catalog tables', async (client) => {
      const [found] = await pipeline(client, [q.bind(this.sql.INSPECT, this.sql.inspectParams)]);
      return this.judge(inspection(found.rows[0])).state;
    });
  }

  /**
   * In one transaction under the advisory lock: inspect again, refuse what shape.ts refuses, then
   * create what the versions after the catalog's add and is missing, and record those versions.
   * When everything is there, only the inspection runs: a user without CREATE rights can run it.
   */
  async migrate(options: MigrateOptions = {}): Promise<{ from: number; to: number; created: string[] }> {
    return this.unlocked('migrate the catalog', async (client) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const [, , found] = await pipeline(client, [
            { text: this.beginTransaction },
            q.bind(q.MIGRATE_LOCK, { Key: MIGRATE_LOCK_KEY }),
            q.bind(this.sql.INSPECT, this.sql.inspectParams),
          ]);
          const { state, present } = this.judge(inspection(found.rows[0]));
          const from = state.kind === 'empty' ? 0 : state.version;
          if (from > 0 && from < CATALOG_VERSION) {
            const [size] = await pipeline(client, [{ text: this.sql.UPGRADE_SIZE }]);
            const { executions, unchecked, firstUnchecked } = size.rows[0];
            const where = this.where;
            const refused =
              refuseLargeUpgrade(where, from, CATALOG_VERSION, Number(executions ?? 0), options.maxExecutions) ??
              (from < 3
                ? refuseUncheckedExecutions(
                    where,
                    `${this.schema}.Execution`,
                    Number(unchecked),
                    typeof firstUnchecked === 'string' || typeof firstUnchecked === 'number'
                      ? String(firstUnchecked)
                      : null,
                  )
                : undefined);
            if (refused) throw refused;
          }
          const missing = this.steps
            .slice(from)
            .flat()
            .filter((object) => !present(object));
          const applied = Array.from({ length: CATALOG_VERSION - from }, (_, i) => from + i + 1);
          await pipeline(client, [
            ...(from === 0 ? [{ text: createSchema(this.schema) }] : []),
            ...missing.map((object) => ({ text: object.sql })),
            ...(applied.length > 0 ? [q.bind(this.sql.RECORD_VERSIONS, { Versions: applied })] : []),
            { text: q.COMMIT },
          ]);
          return { from, to: CATALOG_VERSION, created: missing.map(describeObject) };
        } catch (error) {
          await this.rollback(client);
          // A session whose catalog cache predates the other migration's commit may still trip
          // over an object that now exists; a fresh transaction sees it and does nothing.
          if (!isDuplicateObject(error) || attempt >= 3) throw error;
        }
      }
    });
  }

  /** shape.ts's verdict on an inspection, and which objects of ours it found. */
  /** Where the catalog is, for shape.ts's sentences. */
  private get where(): string {
    return `schema ${this.schema} of the PostgreSQL catalog ${this.location}`;
  }

  private judge(found: Inspection & { indexes: string[]; constraints: string[] }) {
    const state = judgeCatalog(
      found,
      VERSIONS,
      this.where,
      'choose another catalog-schema (or the schema parameter of the connection string) for the bfx-begin tables.',
    );
    const columns = new Set(found.columns.map((c) => `${c.table.toLowerCase()}.${c.column.toLowerCase()}`));
    const tables = new Set(found.columns.map((c) => c.table.toLowerCase()));
    const indexes = new Set(found.indexes.map((index) => index.toLowerCase()));
    const constraints = new Set(found.constraints.map((constraint) => constraint.toLowerCase()));
    const present = (object: CatalogObject) => {
      switch (object.kind) {
        case 'table':
          return tables.has(object.table.toLowerCase());
        case 'column':
          return columns.has(`${object.table.toLowerCase()}.${object.column.toLowerCase()}`);
        case 'index':
          return indexes.has(object.index.toLowerCase());
        case 'constraint':
          return constraints.has(object.constraint.toLowerCase());
      }
    };
    return { state, present };
  }

  transaction<T>(lock: PackageLock, what: string, work: (tx: PackageTransaction) => Promise<T>): Promise<T> {
    return this.retrying(what, () => this.inTransaction(lock, work));
  }

  async status(packageName: string | undefined): Promise<PackageStatus[]> {
    return this.unlocked('read the status', async (client) => {
      const byName = { PackageName: packageName ?? null };
      const [found, latest, active] = await pipeline(client, [
        q.bind(this.sql.STATUS_PACKAGES, byName),
        q.bind(this.sql.STATUS_LATEST, byName),
        q.bind(this.sql.STATUS_ACTIVE, byName),
      ]);
      const latestOf = new Map(latest.rows.map((raw) => [Number(raw.packageId), raw]));
      const activeOf = new Map(active.rows.map((raw) => [Number(raw.packageId), toExecutionRow(raw)]));
      return found.rows.map(toPackageRow).map((pkg) => {
        const latestRow = latestOf.get(pkg.packageId);
        return {
          ...pkg,
          latest: latestRow ? toExecutionRow(latestRow) : null,
          active: activeOf.get(pkg.packageId) ?? null,
          batchPackageName: typeof latestRow?.batchPackageName === 'string' ? latestRow.batchPackageName : null,
        };
      });
    });
  }

  async history(packageName: string, limit: number, filter: ExecutionFilter = {}): Promise<ExecutionRow[]> {
    const unfiltered = filter.sinceMinutes === undefined && filter.statuses === undefined;
    return this.unlocked('read the history', async (client) => {
      const [rows] = await pipeline(client, [
        unfiltered
          ? q.bind(this.sql.HISTORY, { PackageName: packageName, Limit: limit })
          : q.bind(this.sql.FILTERED_HISTORY, { PackageName: packageName, Limit: limit, ...filterValues(filter) }),
      ]);
      return rows.rows.map(toExecutionRow);
    });
  }

  async runs(filter: ExecutionFilter, limit: number): Promise<ExecutionRow[]> {
    return this.unlocked('read the runs', async (client) => {
      const [rows] = await pipeline(client, [q.bind(this.sql.RUNS, { Limit: limit, ...filterValues(filter) })]);
      return rows.rows.map(toExecutionRow);
    });
  }

  async now(): Promise<string> {
    return this.unlocked("read the catalog's clock", async (client) => {
      const [rows] = await pipeline(client, [{ text: this.sql.NOW }]);
      return String(rows.rows[0].now);
    });
  }

  async children(parentExecutionId: string): Promise<ExecutionRow[]> {
    return this.unlocked('read the children of a batch execution', async (client) => {
      const [rows] = await pipeline(client, [
        q.bind(this.sql.CHILDREN, { ParentExecutionID: executionIdValue(parentExecutionId) }),
      ]);
      return rows.rows.map(toExecutionRow);
    });
  }

  async variables(packageName: string): Promise<Variable[] | null> {
    return this.unlocked('read the variables', async (client) => {
      const [rows] = await pipeline(client, [q.bind(this.sql.PACKAGE_VARIABLES, { PackageName: packageName })]);
      if (rows.rows.length === 0) return null;
      return rows.rows.filter((raw) => raw.name !== null).map(toVariable);
    });
  }

  async rowCounts(executionIds: string[]): Promise<StoredRowCount[]> {
    if (executionIds.length === 0) return [];
    return this.unlocked('read the row counts', async (client) => {
      const [rows] = await pipeline(client, [
        q.bind(this.sql.ROW_COUNTS, { ExecutionIDs: executionIds.map(executionIdValue) }),
      ]);
      return rows.rows.map(toStoredRowCount);
    });
  }

  async audit(packageName: string, limit: number): Promise<AuditEntry[]> {
    return this.unlocked('read the audit log', async (client) => {
      const [rows] = await pipeline(client, [q.bind(this.sql.AUDIT, { PackageName: packageName, Limit: limit })]);
      return rows.rows.map(toAuditEntry);
    });
  }

  async reportSnapshot(windowMinutes: number): Promise<ReportSnapshot> {
    return this.unlocked('read the catalog for the report', async (client) => {
      const window = { Minutes: windowMinutes };
      const sent = [
        { text: q.BEGIN_REPORT },
        q.bind(this.sql.REPORT_CLOCK, window),
        q.bind(this.sql.REPORT_PACKAGES),
        q.bind(this.sql.REPORT_EXECUTIONS, { ...window, Succeeded: SUCCEEDED }),
        q.bind(this.sql.REPORT_ROW_COUNTS, window),
        q.bind(this.sql.REPORT_AUDIT, window),
        { text: q.COMMIT },
      ];
      let results: pg.QueryResult<Row>[];
      try {
        results = await pipeline(client, sent);
      } catch (error) {
        await this.rollback(client);
        throw error;
      }
      const [, clock, packages, executions, rowCounts, audit] = results;
      return {
        now: String(clock.rows[0].now),
        since: String(clock.rows[0].since),
        packages: packages.rows.map(toPackageRow),
        executions: executions.rows.map(toExecutionRow),
        rowCounts: rowCounts.rows.map(toStoredRowCount),
        audit: audit.rows.map(toAuditEntry),
      };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  // ---- transactions and connections ----------------------------------------------------------

  /**
   * One transaction on one connection, pinned to it: if that connection is lost, the transaction is
   * gone with it, and the work fails (to be retried from the start) rather than going on, outside
   * any transaction, on a new connection. Work that returns without committing is committed then.
   */
  private async inTransaction<T>(lock: PackageLock, work: (tx: PackageTransaction) => Promise<T>): Promise<T> {
    const client = await this.connection();
    const tx = new PostgresTransaction(client, lock, this.beginTransaction, this.sql);
    let result: T;
    try {
      result = await work(tx);
      await tx.commit();
    } catch (error) {
      // The first statement that failed is the cause; those behind it only say the transaction was aborted.
      const failed = await tx.firstFailure();
      // A COMMIT sent behind a failed statement has rolled back already.
      if (!tx.committing) await this.rollback(client);
      throw failed ? failed.reason : error;
    }
    // Work may have left a statement unawaited: a COMMIT behind its failure rolled back.
    const failed = await tx.firstFailure();
    if (failed) throw failed.reason;
    return result;
  }

  private async rollback(client: pg.Client): Promise<void> {
    try {
      await client.query(q.ROLLBACK);
    } catch {
      this.drop(client);
    }
  }

  /** Statements outside any package's lock, each its own transaction, on the open connection. */
  private unlocked<T>(what: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
    return this.retrying(what, async () => work(await this.connection()));
  }

  /**
   * Runs work with retries on transient faults, each attempt taking its turn on this catalog (calls
   * made at once on one catalog would otherwise send statements into each other's transaction on
   * the shared connection); a failure is turned into one sentence for the user.
   */
  private async retrying<T>(what: string, work: () => Promise<T>): Promise<T> {
    let firstFault: unknown;
    try {
      return await retryTransient(
        () => this.turns.run(work),
        (error) => {
          const transient = isTransient(error, this.everConnected);
          if (transient) firstFault ??= error;
          // Whatever the fault, the next attempt starts on a connection with no open transaction.
          if (transient && isConnectionLoss(error) && this.client) this.drop(this.client);
          return transient;
        },
      );
    } catch (error) {
      throw explain(error, this.server, what, firstFault);
    }
  }

  private drop(client: pg.Client): void {
    if (this.client === client) this.client = null;
    client.end().catch(() => undefined);
  }

  /** The open connection, or a new one after the last was lost. */
  private async connection(): Promise<pg.Client> {
    if (this.closed) throw new Error('The catalog was closed.');
    if (this.client) return this.client;
    const client = new pg.Client(this.config);
    // A connection lost while idle is reported as an event: forget it, the next call reconnects.
    client.on('error', () => this.drop(client));
    client.on('end', () => {
      if (this.client === client) this.client = null;
    });
    try {
      await client.connect();
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    this.everConnected = true;
    this.client = client;
    return client;
  }
}

/** pg_class.relkind, in words, for an object of a table's name that is no table. */
const RELATION_KINDS: Record<string, string> = {
  v: 'view',
  m: 'materialized view',
  S: 'sequence',
  f: 'foreign table',
  i: 'index',
  I: 'partitioned index',
  c: 'composite type',
};

/** The row of q.INSPECT as shape.ts reads it, with the indexes of ours that are there. */
function inspection(raw: Row): Inspection & { indexes: string[]; constraints: string[] } {
  const columns = raw.columns as { table: string; column: string; type: string | null }[];
  const others = raw.others as { name: string; kind: string }[];
  return {
    columns: columns.map(({ table, column, type }) => ({ table, column, kind: typeKind(type) })),
    recordedVersion: raw.version === null || raw.version === undefined ? null : Number(raw.version),
    others: others.map(({ name, kind }) => ({ name, kind: RELATION_KINDS[kind] ?? 'relation' })),
    required: raw.required as { table: string; column: string }[],
    indexes: raw.indexes as string[],
    constraints: raw.constraints as string[],
  };
}

/**
 * One package's transaction on a pipelined connection. Every call sends its statement at once and
 * returns a promise of its answer; nothing waits for an earlier answer, so the calls work makes in
 * one tick share a round trip. The constructor sends BEGIN, the lock of the parent execution's
 * package (a child's begin or end), the registration (a begin's lock) and the lock.
 */
class PostgresTransaction implements PackageTransaction {
  /** Every statement sent, in order, so that the first failure can be found. */
  private readonly sent: Promise<unknown>[] = [];
  private readonly key: q.LockKey;
  private readonly keyParams: q.Params;
  private readonly locked: Promise<PackageRow | null>;
  /** The packages locked by lockPackages so far: finish and the like may change their executions. */
  private readonly lockedPackageIds: number[] = [];
  committing: Promise<void> | undefined;

  constructor(
    private readonly client: pg.Client,
    lock: PackageLock,
    beginTransaction: string,
    private readonly sql: q.Queries,
  ) {
    let lockParent: boolean;
    if ('executionId' in lock) {
      this.key = 'execution';
      this.keyParams = { LockExecutionID: executionIdValue(lock.executionId) };
      // An end, or a change through an execution: its parent's package first, if it has a parent.
      lockParent = true;
    } else {
      this.key = 'name';
      const parent = lock.parentExecutionId;
      this.keyParams = {
        PackageName: lock.packageName,
        LockParentExecutionID: parent === undefined ? null : executionIdValue(parent),
      };
      lockParent = parent !== undefined;
    }
    // Their failures are recorded by send() and reported by firstFailure(): nothing awaits them here.
    void this.send({ text: beginTransaction });
    if (lockParent) void this.send(q.bind(this.sql.LOCK_PARENT_PACKAGE[this.key], this.keyParams));
    if (!('executionId' in lock) && lock.register !== undefined) {
      void this.send(
        q.bind(this.sql.REGISTER_PACKAGE, {
          PackageName: lock.packageName,
          RetryLimit: lock.register.retryLimit,
          IsBatch: lock.register.isBatch,
        }),
      );
    }
    this.locked = quiet(
      this.send(q.bind(this.sql.LOCK_PACKAGE[this.key], this.keyParams)).then(({ rows }) =>
        rows[0] ? toPackageRow(rows[0]) : null,
      ),
    );
  }

  /**
   * Sends one statement now; its failure is recorded (guard failures as LockViolation, a rename's
   * unique-key violation as NameTaken).
   */
  private send(statement: Statement, guardedExecutionId?: string, newName?: string): Promise<pg.QueryResult<Row>> {
    let answer = this.client.query<Row>(statement);
    if (newName !== undefined) {
      answer = answer.catch((error: unknown) => {
        throw isUniqueViolation(error) ? new NameTaken(newName) : error;
      });
    }
    if (guardedExecutionId !== undefined) {
      answer = answer.then(
        (result) => {
          if (result.rows.length !== 1) throw new LockViolation(guardedExecutionId);
          return result;
        },
        (error: unknown) => {
          throw isGuardFailure(error) ? new LockViolation(guardedExecutionId) : error;
        },
      );
    }
    this.sent.push(quiet(answer));
    return answer;
  }

  /**
   * A statement of the locked package (or packages): its lock key's variant, with the key's values
   * and the packages locked so far.
   */
  private ofPackage(
    statement: Record<q.LockKey, string>,
    params: q.Params,
    guardedExecutionId?: string,
    newName?: string,
  ) {
    const locked = { ...this.keyParams, LockedPackageIDs: [...this.lockedPackageIds], ...params };
    return this.send(q.bind(statement[this.key], locked), guardedExecutionId, newName);
  }

  private row(statement: Record<q.LockKey, string>, params: q.Params = {}): Promise<ExecutionRow | null> {
    return quiet(this.ofPackage(statement, params).then(({ rows }) => (rows[0] ? toExecutionRow(rows[0]) : null)));
  }

  private done(answer: Promise<unknown>): Promise<void> {
    return quiet(answer.then(() => undefined));
  }

  /** The first statement that failed, in the order they were sent, once all have been answered. */
  async firstFailure(): Promise<PromiseRejectedResult | undefined> {
    const settled = await Promise.allSettled(this.sent);
    return settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  }

  package(): Promise<PackageRow | null> {
    return this.locked;
  }

  executionWithRunKey(runKey: string): Promise<ExecutionRow | null> {
    return this.row(this.sql.EXECUTION_WITH_RUN_KEY, { RunKey: runKey });
  }

  activeExecution(): Promise<ExecutionRow | null> {
    return this.row(this.sql.ACTIVE_EXECUTION);
  }

  latestExecution(): Promise<ExecutionRow | null> {
    return this.row(this.sql.LATEST_EXECUTION);
  }

  lastEndedExecution(): Promise<ExecutionRow | null> {
    return this.row(this.sql.LAST_ENDED_EXECUTION);
  }

  execution(executionId: string): Promise<ExecutionRow | null> {
    return this.row(this.sql.EXECUTION_BY_ID, { ExecutionID: executionIdValue(executionId) });
  }

  anyExecution(executionId: string): Promise<ExecutionRow | null> {
    const answer = this.send(q.bind(this.sql.ANY_EXECUTION, { ExecutionID: executionIdValue(executionId) }));
    return quiet(answer.then(({ rows }) => (rows[0] ? toExecutionRow(rows[0]) : null)));
  }

  parentOf(executionId: string): Promise<ExecutionRow | null> {
    const answer = this.send(q.bind(this.sql.PARENT_OF, { ExecutionID: executionIdValue(executionId) }));
    return quiet(answer.then(({ rows }) => (rows[0] ? toExecutionRow(rows[0]) : null)));
  }

  children(parentExecutionId: string): Promise<ExecutionRow[]> {
    const answer = this.send(q.bind(this.sql.CHILDREN, { ParentExecutionID: executionIdValue(parentExecutionId) }));
    return quiet(answer.then(({ rows }) => rows.map(toExecutionRow)));
  }

  auditedExecutions(executionIds: string[], actions: string[]): Promise<string[]> {
    if (executionIds.length === 0) return Promise.resolve([]);
    const params = { ExecutionIDs: executionIds.map(executionIdValue), Actions: actions };
    const answer = this.send(q.bind(this.sql.AUDITED_EXECUTIONS, params));
    return quiet(answer.then(({ rows }) => rows.map((row) => String(row.executionId))));
  }

  lastExecutionWithStatus(status: ExecutionStatus, beforeExecutionId: string | null): Promise<string | null> {
    const params = {
      ExecutionStatus: status,
      BeforeExecutionID: beforeExecutionId === null ? null : executionIdValue(beforeExecutionId),
    };
    return quiet(
      this.ofPackage(this.sql.LAST_EXECUTION_WITH_STATUS, params).then(({ rows }) =>
        rows[0] ? String(rows[0].executionId) : null,
      ),
    );
  }

  variables(): Promise<Variable[]> {
    return quiet(this.ofPackage(this.sql.VARIABLES, {}).then(({ rows }) => rows.map(toVariable)));
  }

  executionAudit(executionId: string, action: string): Promise<AuditEntry[]> {
    const params = { ExecutionID: executionIdValue(executionId), Action: action };
    return quiet(this.ofPackage(this.sql.EXECUTION_AUDIT, params).then(({ rows }) => rows.map(toAuditEntry)));
  }

  insertExecution(execution: NewExecution): Promise<{ executionId: string }> {
    const inserted = this.send(
      q.bind(this.sql.INSERT_EXECUTION, {
        PackageID: execution.packageId,
        ParentExecutionID: execution.parentExecutionId === null ? null : executionIdValue(execution.parentExecutionId),
        ExecutionStatus: execution.executionStatus,
        NextLoadStatus: execution.nextLoadStatus,
        RetryCount: execution.retryCount,
        Ended: execution.ended,
        ErrorMessage: execution.errorMessage,
        RunKey: execution.runKey,
        ...contextValues(execution.context),
      }),
    );
    return quiet(inserted.then(({ rows }) => ({ executionId: String(rows[0].executionId) })));
  }

  takeOverExecution(takeover: ExecutionTakeover): Promise<void> {
    const params = {
      ExecutionID: executionIdValue(takeover.executionId),
      ExecutionStatus: takeover.executionStatus,
      NextLoadStatus: takeover.nextLoadStatus,
      RetryCount: takeover.retryCount,
      ParentExecutionID: takeover.parentExecutionId === null ? null : executionIdValue(takeover.parentExecutionId),
      RunKey: takeover.runKey,
      ...contextValues(takeover.context),
    };
    return this.done(this.ofPackage(this.sql.TAKE_OVER_EXECUTION, params, takeover.executionId));
  }

  finishExecution(finish: ExecutionFinish): Promise<ExecutionRow> {
    return this.ended(this.sql.FINISH_EXECUTION, finish, {});
  }

  refinishExecution(finish: ExecutionFinish, endedAs: ExecutionStatus): Promise<ExecutionRow> {
    return this.ended(this.sql.REFINISH_EXECUTION, finish, { EndedAs: endedAs });
  }

  private ended(statement: Record<q.LockKey, string>, finish: ExecutionFinish, extra: q.Params) {
    const params = {
      ExecutionID: executionIdValue(finish.executionId),
      ExecutionStatus: finish.executionStatus,
      NextLoadStatus: finish.nextLoadStatus,
      ErrorMessage: finish.errorMessage,
      ...extra,
    };
    return quiet(this.ofPackage(statement, params, finish.executionId).then(({ rows }) => toExecutionRow(rows[0])));
  }

  setNextLoadStatus(executionId: string, nextLoadStatus: NextLoadStatus): Promise<ExecutionRow> {
    const params = { ExecutionID: executionIdValue(executionId), NextLoadStatus: nextLoadStatus };
    return quiet(
      this.ofPackage(this.sql.SET_NEXT_LOAD_STATUS, params).then(({ rows }) => {
        if (!rows[0]) throw new Error(`Execution ${executionId} is not an execution of a locked package.`);
        return toExecutionRow(rows[0]);
      }),
    );
  }

  setNextLoadStatuses(executionIds: string[], nextLoadStatus: NextLoadStatus): Promise<void> {
    if (executionIds.length === 0) return Promise.resolve();
    const params = { ExecutionIDs: executionIds.map(executionIdValue), NextLoadStatus: nextLoadStatus };
    return this.done(this.ofPackage(this.sql.SET_NEXT_LOAD_STATUSES, params));
  }

  lockPackages(packageIds: number[]): Promise<void> {
    if (packageIds.length === 0) return Promise.resolve();
    this.lockedPackageIds.push(...packageIds);
    return this.done(this.send(q.bind(this.sql.LOCK_PACKAGES, { PackageIDs: packageIds })));
  }

  markBatch(): Promise<void> {
    return this.done(this.ofPackage(this.sql.MARK_BATCH, {}));
  }

  registerVariables(defaults: VariableValue[]): Promise<void> {
    if (defaults.length === 0) return Promise.resolve();
    // The first default given for a name is the one kept, as a second registration would keep it.
    const first = [...new Map(defaults.toReversed().map((value) => [value.name, value])).values()];
    return this.done(this.ofPackage(this.sql.REGISTER_VARIABLES, namesAndValues(first)));
  }

  storeVariables(values: VariableValue[], executionId: string | null): Promise<void> {
    if (values.length === 0) return Promise.resolve();
    const params = {
      ...namesAndValues(lastByName(values)),
      ExecutionID: executionId === null ? null : executionIdValue(executionId),
    };
    return this.done(this.ofPackage(this.sql.STORE_VARIABLES, params));
  }

  saveRowCounts(executionId: string, counts: RowCount[]): Promise<void> {
    if (counts.length === 0) return Promise.resolve();
    // The last count given for an object and type is the one kept, as a later call would replace it.
    const last = [
      ...new Map(counts.map((count) => [JSON.stringify([count.objectName, count.countType]), count])).values(),
    ];
    return this.done(
      this.send(
        q.bind(this.sql.SAVE_ROW_COUNTS, {
          ExecutionID: executionIdValue(executionId),
          ObjectNames: last.map((count) => count.objectName),
          CountTypes: last.map((count) => count.countType),
          RowCounts: last.map((count) => count.rowCount),
        }),
      ),
    );
  }

  recordAudit(entry: NewAuditEntry): Promise<void> {
    return this.done(
      this.ofPackage(this.sql.RECORD_AUDIT, {
        ExecutionID: entry.executionId === null ? null : executionIdValue(entry.executionId),
        Action: entry.action,
        Detail: entry.detail,
        Actor: entry.actor,
      }),
    );
  }

  setEnabled(enabled: boolean): Promise<PackageRow | null> {
    return quiet(
      this.ofPackage(this.sql.SET_ENABLED, { IsEnabled: enabled }).then(({ rows }) =>
        rows[0] ? toPackageRow(rows[0]) : null,
      ),
    );
  }

  packageNamed(packageName: string): Promise<PackageRow | null> {
    const answer = this.send(q.bind(this.sql.PACKAGE_NAMED, { OtherName: packageName }));
    return quiet(answer.then(({ rows }) => (rows[0] ? toPackageRow(rows[0]) : null)));
  }

  /** Sent after every other statement that finds the package by its old name (recordAudit). */
  renamePackage(newName: string): Promise<PackageRow> {
    return quiet(
      this.ofPackage(this.sql.RENAME_PACKAGE, { NewName: newName }, undefined, newName).then(({ rows }) =>
        toPackageRow(rows[0]),
      ),
    );
  }

  deletePackage(): Promise<{ executions: number }> {
    const answers = this.sql.DELETE_PACKAGE.map((statement) => this.ofPackage(statement, {}));
    return quiet(Promise.all(answers).then((results) => ({ executions: Number(results[3].rows[0].count) })));
  }

  purgeCandidates(olderThanMinutes: number, afterExecutionId: string | null, limit: number) {
    const params = {
      Minutes: olderThanMinutes,
      After: afterExecutionId === null ? null : executionIdValue(afterExecutionId),
      Limit: limit,
    };
    return quiet(this.ofPackage(this.sql.PURGE_CANDIDATES, params).then(({ rows }) => rows.map(toExecutionStanding)));
  }

  standings(executionIds: string[], olderThanMinutes: number): Promise<ExecutionStanding[]> {
    if (executionIds.length === 0) return Promise.resolve([]);
    const params = { ExecutionIDs: executionIds.map(executionIdValue), Minutes: olderThanMinutes };
    return quiet(this.send(q.bind(this.sql.STANDINGS, params)).then(({ rows }) => rows.map(toExecutionStanding)));
  }

  childStandings(parentExecutionIds: string[], olderThanMinutes: number): Promise<ExecutionStanding[]> {
    if (parentExecutionIds.length === 0) return Promise.resolve([]);
    const params = { ExecutionIDs: parentExecutionIds.map(executionIdValue), Minutes: olderThanMinutes };
    return quiet(this.send(q.bind(this.sql.CHILD_STANDINGS, params)).then(({ rows }) => rows.map(toExecutionStanding)));
  }

  deleteExecutions(executionIds: string[]): Promise<number> {
    if (executionIds.length === 0) return Promise.resolve(0);
    const params = { ExecutionIDs: executionIds.map(executionIdValue) };
    const answers = this.sql.DELETE_EXECUTIONS.map((statement) => this.ofPackage(statement, params));
    return quiet(Promise.all(answers).then((results) => Number(results[2].rows[0].count)));
  }

  deleteOldAudit(olderThanMinutes: number, limit: number): Promise<number> {
    const params = { Minutes: olderThanMinutes, Limit: limit };
    return quiet(this.ofPackage(this.sql.DELETE_OLD_AUDIT, params).then(({ rows }) => Number(rows[0].count)));
  }

  commit(): Promise<void> {
    this.committing ??= this.done(this.send({ text: q.COMMIT }));
    return this.committing;
  }
}

const filterValues = (filter: ExecutionFilter) => ({
  Since: filter.sinceMinutes ?? null,
  Statuses: filter.statuses ?? null,
});

/** Names and values as two arrays, paired by position in unnest(). */
function namesAndValues(values: VariableValue[]) {
  return { Names: values.map((value) => value.name), Values: values.map((value) => value.value) };
}
