/**
 * The PostgreSQL catalog on pg: connections, transactions and the package lock. Every transaction
 * is READ COMMITTED and locks its package's row (SELECT ... FOR UPDATE) before it reads anything,
 * so the changes to one package are applied one after another and different packages never wait
 * on each other. It locks, reads and writes; run-control.ts decides.
 *
 * Round trips: the client runs in pg's pipeline mode. transaction() sends BEGIN (with the SET
 * LOCAL limits), the registration of a begin's package and the lock without waiting for them, and
 * calls work in the same tick: the reads work makes at once go out in the same round trip. They
 * find the package through the lock key (queries.ts), not through an answer, and the server runs
 * pipelined statements in order, so each read starts after the lock is granted and sees every
 * transaction that held it before (READ COMMITTED takes a snapshot per statement). The writes and
 * the COMMIT that work issues together are the second round trip. A begin is therefore:
 *   1. BEGIN; SET LOCAL ...; register; lock; read package, re-entry, active, latest
 *   2. write(s); COMMIT
 * and an end likewise (lock through the execution; read it / finish it; COMMIT).
 *
 * When a pipelined statement fails, the server aborts the transaction, the statements behind it
 * fail with 25P02 and the COMMIT behind them rolls back: the transaction rejects with the first
 * statement that failed. Every promise handed out has a rejection handler, so none of those
 * followers is ever an unhandled rejection.
 *
 * Transient faults (serialization failure, deadlock, a dropped connection, a server restarting)
 * run the whole transaction again on a fresh connection (retry.ts); a retried begin re-enters by
 * run key (docs/decision.md).
 */
import pg from 'pg';
import {
  LockViolation,
  type CatalogEngine,
  type ExecutionFinish,
  type ExecutionRow,
  type ExecutionTakeover,
  type NewExecution,
  type OpenOptions,
  type PackageLock,
  type PackageRow,
  type PackageStatus,
  type PackageTransaction,
} from '../catalog.js';
import type { NextLoadStatus } from '../../decision.js';
import { retryTransient } from '../retry.js';
import { contextValues, toExecutionRow, toPackageRow } from '../rows.js';
import { Turns } from '../turns.js';
import {
  explain,
  isConnectionLoss,
  isDuplicateObject,
  isGuardFailure,
  isTransient,
  isTransientAtConnect,
  unreadableConnectionString,
  type Server,
} from './faults.js';
import * as q from './queries.js';
import { INDEXES, MIGRATE_LOCK_KEY, SCHEMA, TABLES } from './schema.js';

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
const BIGINT_MAX = 9223372036854775807n;
const executionIdValue = (executionId: string) =>
  /^\d{1,19}$/.test(executionId) && BigInt(executionId) <= BIGINT_MAX ? executionId : '-1';

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

class PostgresCatalog implements CatalogEngine {
  readonly engine = 'postgres';
  readonly location: string;
  private readonly server: Server;
  private readonly config: pg.ClientConfig;
  private readonly beginTransaction: string;
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

  async exists(): Promise<boolean> {
    return this.unlocked('check the catalog', async (client) => {
      const [counts] = await pipeline(client, [q.bind(q.COUNT_OBJECTS, { Tables: TABLES, Indexes: INDEXES })]);
      return Number(counts.rows[0].tables) === TABLES.length;
    });
  }

  async migrate(): Promise<void> {
    await this.unlocked('create the catalog', async (client) => {
      // Nothing to do when everything is there: a user without CREATE rights can run it too.
      const [counts] = await pipeline(client, [q.bind(q.COUNT_OBJECTS, { Tables: TABLES, Indexes: INDEXES })]);
      const row = counts.rows[0];
      if (Number(row.tables) === TABLES.length && Number(row.indexes) === INDEXES.length) return;
      for (let attempt = 1; ; attempt++) {
        try {
          await pipeline(client, [
            { text: this.beginTransaction },
            q.bind(q.MIGRATE_LOCK, { Key: MIGRATE_LOCK_KEY }),
            { text: SCHEMA },
            { text: q.COMMIT },
          ]);
          return;
        } catch (error) {
          await this.rollback(client);
          // A session whose catalog cache predates the other migration's commit may still trip
          // over an object that now exists; a fresh transaction sees it and does nothing.
          if (!isDuplicateObject(error) || attempt >= 3) throw error;
        }
      }
    });
  }

  transaction<T>(lock: PackageLock, what: string, work: (tx: PackageTransaction) => Promise<T>): Promise<T> {
    return this.retrying(what, () => this.inTransaction(lock, work));
  }

  async status(packageName: string | undefined): Promise<PackageStatus[]> {
    return this.unlocked('read the status', async (client) => {
      const byName = { PackageName: packageName ?? null };
      const [found, latest, active] = await pipeline(client, [
        q.bind(q.STATUS_PACKAGES, byName),
        q.bind(q.STATUS_LATEST, byName),
        q.bind(q.STATUS_ACTIVE, byName),
      ]);
      const byPackage = (rows: Row[]) => new Map(rows.map((raw) => [Number(raw.packageId), toExecutionRow(raw)]));
      const latestOf = byPackage(latest.rows);
      const activeOf = byPackage(active.rows);
      return found.rows.map(toPackageRow).map((pkg) => ({
        ...pkg,
        latest: latestOf.get(pkg.packageId) ?? null,
        active: activeOf.get(pkg.packageId) ?? null,
      }));
    });
  }

  async history(packageName: string, limit: number): Promise<ExecutionRow[]> {
    return this.unlocked('read the history', async (client) => {
      const [rows] = await pipeline(client, [q.bind(q.HISTORY, { PackageName: packageName, Limit: limit })]);
      return rows.rows.map(toExecutionRow);
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
    const tx = new PostgresTransaction(client, lock, this.beginTransaction);
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

/**
 * One package's transaction on a pipelined connection. Every call sends its statement at once and
 * returns a promise of its answer; nothing waits for an earlier answer, so the calls work makes in
 * one tick share a round trip. The constructor sends BEGIN, the registration (a begin's lock) and
 * the lock.
 */
class PostgresTransaction implements PackageTransaction {
  /** Every statement sent, in order, so that the first failure can be found. */
  private readonly sent: Promise<unknown>[] = [];
  private readonly key: q.LockKey;
  private readonly keyParams: q.Params;
  private readonly locked: Promise<PackageRow | null>;
  committing: Promise<void> | undefined;

  constructor(
    private readonly client: pg.Client,
    lock: PackageLock,
    beginTransaction: string,
  ) {
    if ('executionId' in lock) {
      this.key = 'execution';
      this.keyParams = { LockExecutionID: executionIdValue(lock.executionId) };
    } else {
      this.key = 'name';
      this.keyParams = { PackageName: lock.packageName };
    }
    // Their failures are recorded by send() and reported by firstFailure(): nothing awaits them here.
    void this.send({ text: beginTransaction });
    if (!('executionId' in lock) && lock.registerWithRetryLimit !== undefined) {
      void this.send(
        q.bind(q.REGISTER_PACKAGE, { PackageName: lock.packageName, RetryLimit: lock.registerWithRetryLimit }),
      );
    }
    this.locked = quiet(
      this.send(q.bind(q.LOCK_PACKAGE[this.key], this.keyParams)).then(({ rows }) =>
        rows[0] ? toPackageRow(rows[0]) : null,
      ),
    );
  }

  /** Sends one statement now; its failure is recorded (guard failures as LockViolation). */
  private send(statement: Statement, guardedExecutionId?: string): Promise<pg.QueryResult<Row>> {
    let answer = this.client.query<Row>(statement);
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

  /** A statement of the locked package: its lock key's variant, with the key's values. */
  private ofPackage(statement: Record<q.LockKey, string>, params: q.Params, guardedExecutionId?: string) {
    return this.send(q.bind(statement[this.key], { ...this.keyParams, ...params }), guardedExecutionId);
  }

  private row(statement: Record<q.LockKey, string>, params: q.Params = {}): Promise<ExecutionRow | null> {
    return quiet(this.ofPackage(statement, params).then(({ rows }) => (rows[0] ? toExecutionRow(rows[0]) : null)));
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
    return this.row(q.EXECUTION_WITH_RUN_KEY, { RunKey: runKey });
  }

  activeExecution(): Promise<ExecutionRow | null> {
    return this.row(q.ACTIVE_EXECUTION);
  }

  latestExecution(): Promise<ExecutionRow | null> {
    return this.row(q.LATEST_EXECUTION);
  }

  execution(executionId: string): Promise<ExecutionRow | null> {
    return this.row(q.EXECUTION_BY_ID, { ExecutionID: executionIdValue(executionId) });
  }

  insertExecution(execution: NewExecution): Promise<{ executionId: string }> {
    const inserted = this.send(
      q.bind(q.INSERT_EXECUTION, {
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
      RunKey: takeover.runKey,
      ...contextValues(takeover.context),
    };
    return quiet(this.ofPackage(q.TAKE_OVER_EXECUTION, params, takeover.executionId).then(() => undefined));
  }

  finishExecution(finish: ExecutionFinish): Promise<ExecutionRow> {
    const params = {
      ExecutionID: executionIdValue(finish.executionId),
      ExecutionStatus: finish.executionStatus,
      NextLoadStatus: finish.nextLoadStatus,
      ErrorMessage: finish.errorMessage,
    };
    return quiet(
      this.ofPackage(q.FINISH_EXECUTION, params, finish.executionId).then(({ rows }) => toExecutionRow(rows[0])),
    );
  }

  setNextLoadStatus(executionId: string, nextLoadStatus: NextLoadStatus): Promise<ExecutionRow> {
    const params = { ExecutionID: executionIdValue(executionId), NextLoadStatus: nextLoadStatus };
    return quiet(
      this.ofPackage(q.SET_NEXT_LOAD_STATUS, params).then(({ rows }) => {
        if (!rows[0]) throw new Error(`Execution ${executionId} is not an execution of the locked package.`);
        return toExecutionRow(rows[0]);
      }),
    );
  }

  setEnabled(enabled: boolean): Promise<PackageRow | null> {
    return quiet(
      this.ofPackage(q.SET_ENABLED, { IsEnabled: enabled }).then(({ rows }) =>
        rows[0] ? toPackageRow(rows[0]) : null,
      ),
    );
  }

  commit(): Promise<void> {
    this.committing ??= quiet(this.send({ text: q.COMMIT }).then(() => undefined));
    return this.committing;
  }
}
