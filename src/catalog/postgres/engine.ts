/**
 * The PostgreSQL catalog on pg. Every begin and end is one READ COMMITTED transaction that locks
 * the package's row (SELECT ... FOR UPDATE) before it reads anything, so begins of one package
 * are applied one after another and begins of different packages never wait on each other.
 *
 * Round trips: the client runs in pg's pipeline mode, so the statements of one step go out
 * together and are answered together. A begin is two round trips:
 *   1. BEGIN; register the package if new; lock its row; read the state   (then decideBegin)
 *   2. apply the decision; COMMIT
 * The server runs pipelined statements one after another, so the state read starts after the
 * lock is granted and sees every begin committed before it. An end is two round trips likewise.
 *
 * Transient faults (serialization failure, deadlock, a dropped connection, a server restarting)
 * are retried with backoff on a fresh connection; a retried begin re-enters by run key (SPEC 3.1).
 */
import pg from 'pg';
import { decideBegin, decideEnd, type BeginPlan, type BeginState, type NewExecution } from '../../decision.js';
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
import { DEFAULT_RETRY_POLICY, retryTransient } from '../retry.js';
import { toExecutionRow, toPackageRow } from '../rows.js';
import {
  ACTIVE_OF,
  BEGIN_STATE,
  BEGIN_TRANSACTION,
  COUNT_OBJECTS,
  EXECUTION_BY_ID,
  FINISH_EXECUTION,
  HISTORY,
  INDEXES,
  INSERT_EXECUTION,
  LATEST_OF,
  LOCK_PACKAGE,
  LOCK_PACKAGE_OF_EXECUTION,
  MIGRATE_LOCK_KEY,
  PACKAGE_COLUMNS,
  PACKAGE_FIELDS,
  REGISTER_PACKAGE,
  RESUME_EXECUTION,
  SCHEMA,
  SET_NEXT_LOAD_STATUS,
  TABLES,
} from './schema.js';

type Row = Record<string, unknown>;
type Statement = { text: string; values?: unknown[] };
type Send = (statements: Statement[]) => Promise<pg.QueryResult<Row>[]>;

/**
 * Sends statements as one pipeline (one round trip) and waits for all of their answers. When one
 * fails, those after it fail too (the transaction is aborted), and the first error is thrown.
 */
async function pipeline(client: pg.Client, statements: Statement[]): Promise<pg.QueryResult<Row>[]> {
  const settled = await Promise.allSettled(statements.map((statement) => client.query<Row>(statement)));
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<pg.QueryResult<Row>>).value);
}

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

/** Server errors worth another attempt on a fresh transaction or connection. */
const TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
  '53300', // too_many_connections
]);
const SOCKET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface PgError {
  code?: string;
  message?: string;
  severity?: string;
}

const codeOf = (error: unknown) => (error as PgError | null)?.code;
const messageOf = (error: unknown) => String((error as PgError | null)?.message ?? error);

/** A fault in the connection itself (as opposed to an error the server reported on a statement). */
function isConnectionLoss(error: unknown): boolean {
  const code = codeOf(error);
  if (
    code &&
    (SOCKET_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')
  )
    return true;
  return /Connection terminated|not queryable|Client was closed|timeout expired|Query read timeout/i.test(
    messageOf(error),
  );
}

export async function open(connectionString: string, options: CatalogOptions): Promise<Catalog> {
  const catalog = new PostgresCatalog(connectionString, options);
  await catalog.connectFirst();
  return catalog;
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

class PostgresCatalog implements Catalog {
  readonly engine = 'postgres';
  readonly location: string;
  private readonly config: pg.ClientConfig;
  private readonly host: string;
  private readonly port: number;
  private readonly database: string;
  private readonly user: string;
  private readonly beginTransaction: string;
  private client: pg.Client | null = null;
  private turn: Promise<void> = Promise.resolve();
  /** Once the server has answered, a refused or dropped connection means it went away: retry. */
  private everConnected = false;
  private closed = false;

  constructor(
    connectionString: string,
    private readonly options: CatalogOptions,
  ) {
    this.config = {
      connectionString,
      connectionTimeoutMillis: options.connectTimeoutMs,
      // The server-side limits are set per transaction (beginTransaction); this client-side one is
      // only the backstop for a server that stops answering.
      query_timeout: options.requestTimeoutMs + 5000,
      fallback_application_name: 'bfx-begin',
      keepAlive: true,
      pipeline: true,
      types: TYPES,
    };
    // Every transaction starts in READ COMMITTED with the server-side limits, set LOCAL so that they
    // also hold behind a transaction-mode pooler (PgBouncer refuses them as startup parameters):
    // a lock wait or a slow statement ends with a clean rollback and a clear code, and a runner that
    // hangs mid-transaction cannot hold its package's lock for ever. The statement limit has a
    // second's headroom, so that a lock wait is reported as one. (Numbers only: nothing user-given.)
    const ms = (value: number) => Math.max(1, Math.round(value));
    this.beginTransaction = [
      BEGIN_TRANSACTION,
      `SET LOCAL lock_timeout = ${ms(options.requestTimeoutMs)}`,
      `SET LOCAL statement_timeout = ${ms(options.requestTimeoutMs + 1000)}`,
      `SET LOCAL idle_in_transaction_session_timeout = ${ms(options.requestTimeoutMs)}`,
    ].join('; ');
    let probe: pg.Client;
    try {
      probe = new pg.Client(this.config);
    } catch (error) {
      throw new BfxError(
        `The postgres:// connection string could not be read (${error instanceof Error ? error.name : 'invalid'}), so no catalog was contacted: ` +
          'write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE, with special characters in the password percent-encoded.',
      );
    }
    this.host = probe.host || 'localhost';
    this.port = probe.port || 5432;
    this.database = probe.database || probe.user || '';
    this.user = probe.user || '';
    this.location = `${this.host}:${this.port}/${this.database}`;
  }

  /** Connects once at open, so that a wrong host, password or database fails at once and clearly. */
  async connectFirst(): Promise<void> {
    try {
      await retryTransient(
        () => this.connection(),
        (error) => ['57P03', '53300'].includes(codeOf(error) ?? ''),
      );
    } catch (error) {
      throw this.explain(error, 'connect');
    }
  }

  async exists(): Promise<boolean> {
    return this.retrying('check the catalog', async () => {
      const [counts] = await this.send([{ text: COUNT_OBJECTS, values: [TABLES, INDEXES] }]);
      return Number(counts.rows[0].tables) === TABLES.length;
    });
  }

  async migrate(): Promise<void> {
    await this.retrying('create the catalog', async () => {
      // Nothing to do when everything is there: a user without CREATE rights can run it too.
      const [counts] = await this.send([{ text: COUNT_OBJECTS, values: [TABLES, INDEXES] }]);
      const row = counts.rows[0];
      if (Number(row.tables) === TABLES.length && Number(row.indexes) === INDEXES.length) return;
      // CREATE ... IF NOT EXISTS can still race in PostgreSQL (two sessions both see nothing and
      // both create): an advisory lock held to COMMIT makes concurrent migrations take turns.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.inTransaction((send) =>
            send([
              { text: this.beginTransaction },
              { text: 'SELECT pg_advisory_xact_lock($1::bigint)', values: [MIGRATE_LOCK_KEY] },
              { text: SCHEMA },
              { text: 'COMMIT' },
            ]),
          );
          return;
        } catch (error) {
          // A session whose catalog cache predates the other migration's commit may still trip
          // over an object that now exists; a fresh transaction sees it and does nothing.
          const duplicate = ['42P06', '42P07', '42710', '23505'].includes(codeOf(error) ?? '');
          if (!duplicate || attempt >= 3) throw error;
        }
      }
    });
  }

  async begin(request: BeginRequest): Promise<BeginResult> {
    return this.retrying(`begin package "${request.packageName}"`, () =>
      this.inTransaction(async (send) => {
        // Round trip 1: lock the package (registering it if new), then read its state.
        const [, , locked, state] = await send([
          { text: this.beginTransaction },
          { text: REGISTER_PACKAGE, values: [request.packageName, request.retryLimit ?? null] },
          { text: LOCK_PACKAGE, values: [request.packageName] },
          { text: BEGIN_STATE, values: [request.packageName, request.runKey] },
        ]);
        const pkg = toPackageRow(locked.rows[0]);
        const picked = new Map(state.rows.map((raw) => [String(raw.pick), toExecutionRow(raw)]));
        const beginState: BeginState = {
          package: pkg,
          reentry: picked.get('reentry') ?? null,
          active: picked.get('active') ?? null,
          latestNextLoadStatus: picked.get('latest')?.nextLoadStatus ?? null,
        };
        const plan = decideBegin(beginState, request.retryLimit);
        // Round trip 2: apply the decision and commit.
        const { statements, result } = this.applyBegin(plan, pkg.packageId, request);
        const results = await send([...statements, { text: 'COMMIT' }]);
        return result(results);
      }),
    );
  }

  async end(request: EndRequest): Promise<EndResult> {
    return this.retrying(`end execution ${request.executionId}`, () =>
      this.inTransaction(async (send) => {
        const [, , found] = await send([
          { text: this.beginTransaction },
          { text: LOCK_PACKAGE_OF_EXECUTION, values: [request.executionId] },
          { text: EXECUTION_BY_ID, values: [request.executionId] },
        ]);
        const before = found.rows[0] ? toExecutionRow(found.rows[0]) : null;
        if (!before) {
          await send([{ text: 'COMMIT' }]);
          return { kind: 'not-found' };
        }
        const plan = decideEnd(before, request.outcome, request.message, request.caller);
        if (plan.kind !== 'end') {
          await send([{ text: 'COMMIT' }]);
          return { kind: plan.kind, execution: before };
        }
        const [ended] = await send([
          {
            text: FINISH_EXECUTION,
            values: [before.executionId, plan.executionStatus, plan.nextLoadStatus, plan.errorMessage],
          },
          { text: 'COMMIT' },
        ]);
        return { kind: 'ended', execution: toExecutionRow(ended.rows[0]) };
      }),
    );
  }

  async status(packageName: string | undefined): Promise<PackageStatus[]> {
    return this.retrying('read the status', async () => {
      const [found] = await this.send([
        packageName === undefined
          ? { text: `SELECT ${PACKAGE_COLUMNS} ORDER BY PackageName` }
          : { text: `SELECT ${PACKAGE_COLUMNS} WHERE PackageName = $1`, values: [packageName] },
      ]);
      const packages = found.rows.map(toPackageRow);
      if (packages.length === 0) return [];
      const ids = packages.map((pkg) => pkg.packageId);
      const [latest, active] = await this.send([
        { text: LATEST_OF, values: [ids] },
        { text: ACTIVE_OF, values: [ids] },
      ]);
      const byPackage = (rows: Row[]) => new Map(rows.map((raw) => [Number(raw.packageId), toExecutionRow(raw)]));
      const latestOf = byPackage(latest.rows);
      const activeOf = byPackage(active.rows);
      return packages.map((pkg) => ({
        ...pkg,
        latest: latestOf.get(pkg.packageId) ?? null,
        active: activeOf.get(pkg.packageId) ?? null,
      }));
    });
  }

  async history(packageName: string, limit: number): Promise<ExecutionRow[]> {
    return this.retrying('read the history', async () => {
      const [rows] = await this.send([{ text: HISTORY, values: [packageName, limit] }]);
      return rows.rows.map(toExecutionRow);
    });
  }

  async setEnabled(packageName: string, enabled: boolean): Promise<PackageRow | null> {
    return this.retrying(`${enabled ? 'enable' : 'disable'} package "${packageName}"`, async () => {
      const [, updated] = await this.inTransaction((send) =>
        send([
          { text: this.beginTransaction },
          {
            text: `UPDATE bfx.Package SET IsEnabled = $1 WHERE PackageName = $2 RETURNING ${PACKAGE_FIELDS}`,
            values: [enabled, packageName],
          },
          { text: 'COMMIT' },
        ]),
      );
      return updated.rows[0] ? toPackageRow(updated.rows[0]) : null;
    });
  }

  async setNextLoadStatus(packageName: string, status: 'C' | 'P'): Promise<NextLoadStatusChange> {
    return this.retrying(`set the next load status of package "${packageName}"`, () =>
      this.adminTransaction(packageName, async (send, packageId) => {
        if (packageId === null) return { kind: 'no-package' };
        const [active, latest] = await send([
          { text: ACTIVE_OF, values: [[packageId]] },
          { text: LATEST_OF, values: [[packageId]] },
        ]);
        if (active.rows[0]) return { kind: 'active', execution: toExecutionRow(active.rows[0]) };
        if (!latest.rows[0]) return { kind: 'no-execution' };
        const [changed] = await send([
          { text: SET_NEXT_LOAD_STATUS, values: [String(latest.rows[0].executionId), status] },
        ]);
        return { kind: 'changed', execution: toExecutionRow(changed.rows[0]) };
      }),
    );
  }

  async reset(packageName: string, message: string): Promise<ResetResult> {
    return this.retrying(`reset package "${packageName}"`, () =>
      this.adminTransaction(packageName, async (send, packageId) => {
        if (packageId === null) return { kind: 'no-package' };
        const [active] = await send([{ text: ACTIVE_OF, values: [[packageId]] }]);
        if (!active.rows[0]) return { kind: 'none-active' };
        const [ended] = await send([
          { text: FINISH_EXECUTION, values: [String(active.rows[0].executionId), 'F', 'R', message] },
        ]);
        return { kind: 'reset', execution: toExecutionRow(ended.rows[0]) };
      }),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  // ---- begin: the decision applied -----------------------------------------------------------

  private applyBegin(
    plan: BeginPlan,
    packageId: number,
    request: BeginRequest,
  ): { statements: Statement[]; result: (results: pg.QueryResult<Row>[]) => BeginResult } {
    const insert = (execution: NewExecution): Statement => ({
      text: INSERT_EXECUTION,
      values: [
        packageId,
        request.parentExecutionId ?? null,
        execution.executionStatus,
        execution.nextLoadStatus,
        execution.ended,
        request.runKey,
        ...contextValues(request.context),
      ],
    });
    const inserted = (execution: NewExecution, result: pg.QueryResult<Row> | undefined) => ({
      executionId: String(result!.rows[0].executionId),
      executionStatus: execution.executionStatus,
      nextLoadStatus: execution.nextLoadStatus,
      retryCount: 0,
      plan,
    });
    switch (plan.kind) {
      case 'reenter': {
        const { executionId, executionStatus, nextLoadStatus, retryCount } = plan.execution;
        return { statements: [], result: () => ({ executionId, executionStatus, nextLoadStatus, retryCount, plan }) };
      }
      case 'insert':
        return { statements: [insert(plan.execution)], result: ([row]) => inserted(plan.execution, row) };
      case 'resume':
        return {
          statements: [
            {
              text: RESUME_EXECUTION,
              values: [plan.executionId, plan.retryCount, request.runKey, ...contextValues(request.context)],
            },
          ],
          result: () => ({
            executionId: plan.executionId,
            executionStatus: 'A',
            nextLoadStatus: 'P',
            retryCount: plan.retryCount,
            plan,
          }),
        };
      case 'abandon-and-insert':
        // The abandoned row is ended first: the unique index on active executions is checked per statement.
        return {
          statements: [
            { text: FINISH_EXECUTION, values: [plan.abandonedId, 'F', 'R', plan.abandonMessage] },
            insert(plan.execution),
          ],
          result: ([, row]) => inserted(plan.execution, row),
        };
    }
  }

  // ---- transactions and connections ----------------------------------------------------------

  /** An admin change: lock the package by name, run work, commit. */
  private adminTransaction<T>(
    packageName: string,
    work: (send: Send, packageId: number | null) => Promise<T>,
  ): Promise<T> {
    return this.inTransaction(async (send) => {
      const [, locked] = await send([{ text: this.beginTransaction }, { text: LOCK_PACKAGE, values: [packageName] }]);
      const result = await work(send, locked.rows[0] ? Number(locked.rows[0].packageId) : null);
      await send([{ text: 'COMMIT' }]);
      return result;
    });
  }

  /** Statements outside a transaction: each is its own, on the open connection. */
  private async send(statements: Statement[]): Promise<pg.QueryResult<Row>[]> {
    return pipeline(await this.connection(), statements);
  }

  /**
   * Runs work on one connection, pinned for the whole transaction: if that connection is lost, the
   * transaction is gone with it, and the work fails (to be retried from the start) rather than
   * going on, outside any transaction, on a new connection. If anything fails, it is rolled back.
   */
  private async inTransaction<T>(work: (send: Send) => Promise<T>): Promise<T> {
    const client = await this.connection();
    try {
      return await work((statements) => pipeline(client, statements));
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        this.drop(client);
      }
      throw error;
    }
  }

  /**
   * One request at a time on this catalog's connection: calls made at once (Promise.all on one
   * Catalog) take turns, so that one's statements never land inside another's transaction.
   */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
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

  private isTransient(error: unknown): boolean {
    if (error instanceof BfxError) return false;
    const code = codeOf(error);
    if (code && TRANSIENT_CODES.has(code)) return true;
    // A client-side read timeout is not retried: the request timeout has already been spent.
    if (/Query read timeout/i.test(messageOf(error))) return false;
    return this.everConnected && isConnectionLoss(error);
  }

  /** Runs work with retries on transient faults; a failure is turned into one sentence for the user. */
  private async retrying<T>(what: string, work: () => Promise<T>): Promise<T> {
    let firstFault: unknown;
    try {
      return await retryTransient(
        () => this.exclusive(work),
        (error) => {
          const transient = this.isTransient(error);
          if (transient) firstFault ??= error;
          // Whatever the fault, the next attempt starts on a connection with no open transaction.
          if (transient && isConnectionLoss(error) && this.client) this.drop(this.client);
          return transient;
        },
      );
    } catch (error) {
      throw this.explain(error, what, firstFault);
    }
  }

  /** One sentence for the user: what failed, why, what to do. Never the connection string or password. */
  private explain(error: unknown, what: string, firstFault?: unknown): unknown {
    if (error instanceof BfxError) return error;
    const code = codeOf(error) ?? '';
    const message = messageOf(error);
    const server = `the PostgreSQL server at ${this.host}:${this.port}`;
    const catalog = `the PostgreSQL catalog ${this.location}`;
    const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
    const sentence = (text: string) => new BfxError(text.charAt(0).toUpperCase() + text.slice(1));
    const connecting = what === 'connect';
    const outcome = connecting ? 'so no catalog was contacted' : `so bfx could not ${what}`;

    switch (code) {
      case '28P01':
        return sentence(
          `${server} refused the password of user "${this.user}" (28P01 password authentication failed), ${outcome}: ` +
            'check the user name and password in the connection string.',
        );
      case '28000':
        return sentence(
          `${server} does not let user "${this.user}" connect to database "${this.database}" from here (28000: ${message}), ${outcome}: ` +
            'check the user name, or ask the DBA to allow it in pg_hba.conf.',
        );
      case '3D000':
        return sentence(
          `the database "${this.database}" does not exist on ${server} (3D000), ${outcome}: ` +
            `create it (CREATE DATABASE ${this.database}) or fix the database name in the connection string.`,
        );
      case '42501':
        return sentence(
          `user "${this.user}" lacks a permission the catalog ${this.location} needs (42501: ${message}), ${outcome}: ` +
            'grant it (see the PostgreSQL permissions in the README), or have a DBA deploy the catalog with `bfx migrate`.',
        );
      case '55P03':
        return sentence(
          `a lock in ${catalog} stayed held by another session for longer than the request timeout of ${seconds(this.options.requestTimeoutMs)} ` +
            `(55P03 lock timeout), ${outcome} and nothing was changed: wait for the other run of the package to finish, or raise request-timeout.`,
        );
      case '57014':
        return sentence(
          `${catalog} did not finish a request within the request timeout of ${seconds(this.options.requestTimeoutMs)} ` +
            `(57014 ${message}), ${outcome} and nothing was changed: check the server's load, or raise request-timeout.`,
        );
      case '53300':
        return sentence(
          `${server} has no free connection (53300 too many connections), ${outcome}: raise max_connections, use a pooler, or run fewer jobs at once.`,
        );
      case '57P03':
        return sentence(
          `${server} is not accepting connections yet (57P03: ${message}), ${outcome}: wait for it to finish starting or recovering, then rerun.`,
        );
    }
    if (code === '08P01' && /startup parameter/i.test(message)) {
      return sentence(
        `${server} (or a pooler in front of it) refused a setting of the connection string (08P01: ${message}), ${outcome}: ` +
          "remove that parameter from the connection string, or add it to the pooler's ignore_startup_parameters.",
      );
    }
    if (/does not support SSL/i.test(message)) {
      return sentence(
        `${server} does not accept SSL connections and the connection string asks for SSL (sslmode or ssl), ${outcome}: ` +
          'enable SSL on the server, or use sslmode=disable on a network you trust.',
      );
    }
    if (/CERT|certificate|self.signed|altname/i.test(`${code} ${message}`)) {
      return sentence(
        `${server} presented a TLS certificate bfx could not verify (${code || message}), ${outcome}: ` +
          "give the server's CA with sslrootcert=PATH, or use sslmode=no-verify to encrypt without verifying.",
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return sentence(
        `the PostgreSQL host "${this.host}" could not be found (${code}), ${outcome}: check the host name in the connection string.`,
      );
    }
    if (connecting && code === 'ECONNREFUSED') {
      return sentence(
        `${server} refused the connection (ECONNREFUSED: no server is listening there), ${outcome}: ` +
          'check the host and port in the connection string, and that the server is running.',
      );
    }
    if (
      connecting &&
      (/timeout expired|connection timeout/i.test(message) ||
        ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))
    ) {
      return sentence(
        `${server} did not answer within the connect timeout of ${seconds(this.options.connectTimeoutMs)} (${code || message}), ${outcome}: ` +
          'check the host, the port and any firewall in between, or raise connect-timeout.',
      );
    }
    if (/Query read timeout/i.test(message)) {
      return sentence(
        `${server} stopped answering for longer than the request timeout of ${seconds(this.options.requestTimeoutMs)}, ${outcome}, ` +
          'and whether the last change was committed is unknown: check the server, then rerun (a rerun with the same run key returns the same execution).',
      );
    }
    if (isConnectionLoss(error) || TRANSIENT_CODES.has(code)) {
      const cause = (fault: unknown) => {
        const faultCode = codeOf(fault);
        if (faultCode && /^E[A-Z]+$/.test(faultCode)) return faultCode;
        return faultCode ? `${faultCode}: ${messageOf(fault)}` : messageOf(fault);
      };
      const first = firstFault ?? error;
      const still = cause(error) === cause(first) ? '' : `, then ${cause(error)}`;
      const attempts = DEFAULT_RETRY_POLICY.attempts;
      if (!isConnectionLoss(first)) {
        return sentence(
          `${catalog} failed to ${what} ${attempts} times in a row with a transient error (${cause(first)}${still}), so bfx gave up: ` +
            "rerun the step (a rerun with the same run key returns the same execution), and check the server's load if it keeps happening.",
        );
      }
      return sentence(
        `${server} went away while bfx tried to ${what} (${cause(first)}${still}) and was not back after ${attempts} attempts, so bfx gave up: ` +
          'check that the server is running and reachable, then rerun (a rerun with the same run key returns the same execution).',
      );
    }
    return error;
  }
}
