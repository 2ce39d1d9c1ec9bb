/**
 * The SQL Server / Azure SQL catalog on one tedious connection (driver.ts): the transaction holding
 * a package's lock, and the retries. connect.ts imports this module only for SQL Server connection
 * strings, so no other engine ever loads the driver.
 *
 * One login: the catalog keeps one connection, made when it opens and again only after it is lost;
 * calls on one catalog take turns on it (turns.ts). A transaction runs at READ COMMITTED with
 * XACT_ABORT on, so that any error or timeout rolls all of it back on the server. Its first
 * statement takes the package's lock (queries.ts: an exclusive lock on the Package row's clustered
 * key, the same key on every path; a parent execution's package first, shared), so everything it
 * reads and writes after that is of a package no other transaction is changing.
 *
 * Round trips. The calls a transaction's work makes in one tick are sent together as one request
 * (StatementQueue); the first request opens the transaction (BEGIN TRANSACTION, then the lock, then
 * the reads work makes first), and commit(), called in the same tick as the last writes, closes
 * the request that carries them with COMMIT TRANSACTION (driver.ts):
 *   begin:  BEGIN + lock + package, re-entry, active, last ended (+ parent) | the writes + the reads after them + COMMIT = 2
 *   end:    BEGIN + lock + the execution, its package, parent and children | finish (+ variables, counts) + COMMIT = 2
 *           (a batch's end: one more, locking its children's packages and reading what operators set on them)
 *   enable / disable, skip / resume, reset: BEGIN + lock + reads | the write + COMMIT = 2
 *   a transaction that only read: its COMMIT alone, one more (a begin asking GitHub about a live run)
 *   opening: the login and the inspection (1); creating: BEGIN + applock + inspection | steps + COMMIT;
 *   upgrading: the same with the catalog's size and unchecked rows read before the steps (one more)
 * A failed transaction costs one more request, a ROLLBACK of what XACT_ABORT left open.
 */
import type { ExecutionStatus, NextLoadStatus } from '../../decision.js';
import { BfxError } from '../../errors.js';
import type { ExecutionStanding } from '../../operations.js';
import {
  CATALOG_VERSION,
  DEFAULT_CATALOG_SCHEMA,
  LockViolation,
  SUCCEEDED,
  type AuditEntry,
  type MigrateOptions,
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
import { redact, secretsIn } from '../connection-string.js';
import {
  DEFAULT_RETRY_POLICY,
  backoffSchedule,
  budgetSchedule,
  fixedSchedule,
  retryOnSchedule,
  type RetrySchedule,
} from '../retry.js';
import { MAX_BIGINT } from '../limits.js';
import {
  toAuditEntry,
  toExecutionRow,
  toExecutionStanding,
  toPackageRow,
  toStoredRowCount,
  toVariable,
} from '../rows.js';
import { judgeCatalog, refuseLargeUpgrade, refuseUncheckedExecutions, type Inspection } from '../shape.js';
import { mssqlLocation, parseMssqlConnectionString, toTediousConfig, type MssqlSettings } from './connection-string.js';
import { ROLLBACK, TdsConnection, type Ends, type Row } from './driver.js';
import type { Connection } from 'tedious';
import { Turns } from '../turns.js';
import {
  EncryptionDeclined,
  LoginFailure,
  describeFault,
  faultOf,
  isTransient,
  isTransientLogin,
  TRANSIENT_LOGIN_NUMBERS,
  batchFault,
  loginErrorNumbers,
  type LoginMessage,
} from './faults.js';
import * as q from './queries.js';
import {
  ACTION_LENGTH,
  COUNT_TYPE_LENGTH,
  OBJECT_NAME_LENGTH,
  PACKAGE_NAME_LENGTH,
  RUN_KEY_LENGTH,
  VARIABLE_NAME_LENGTH,
  VERSIONS,
  typeKind,
} from './schema.js';

export async function open(connectionString: string, options: OpenOptions): Promise<CatalogEngine> {
  const settings = parseMssqlConnectionString(connectionString);
  const catalog = new MssqlCatalog(settings, options, secretsIn(connectionString));
  await catalog.connect();
  return catalog;
}

// ---------------------------------------------------------------------------------------------
// Retries.

/**
 * Without ConnectRetryCount / ConnectRetryInterval in the connection string, a login refused for a
 * transient reason (40613 and the others of TRANSIENT_LOGIN_NUMBERS) is retried for about 75 s:
 * a paused serverless database resumes within about a minute, answering 40613 meanwhile. 4060
 * (cannot open the database) is also what a misspelled database name gets, so it has 15 s.
 */
export const LOGIN_RETRY_BUDGET_MS = 75_000;
export const DATABASE_MISSING_RETRY_BUDGET_MS = 15_000;
const LOGIN_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 10_000 };

/** How failed logins are retried, with the sentence saying so (faults.ts). */
export function loginRetries(settings: MssqlSettings): { schedule: RetrySchedule; description: string } {
  if (settings.connectRetryCount !== undefined || settings.connectRetryIntervalMs !== undefined) {
    // .NET's defaults for the keyword that is not given: 1 retry, 10 s apart.
    const retries = settings.connectRetryCount ?? 1;
    const intervalMs = settings.connectRetryIntervalMs ?? 10_000;
    return {
      schedule: fixedSchedule(retries, intervalMs),
      description: `${retries} time${retries === 1 ? '' : 's'}, ${intervalMs / 1000} s apart (ConnectRetryCount / ConnectRetryInterval)`,
    };
  }
  const resume = budgetSchedule(LOGIN_RETRY_BUDGET_MS, LOGIN_BACKOFF);
  const missing = budgetSchedule(DATABASE_MISSING_RETRY_BUDGET_MS, LOGIN_BACKOFF);
  const others = backoffSchedule(DEFAULT_RETRY_POLICY);
  return {
    schedule: (failure) => {
      const numbers = loginErrorNumbers(failure.error);
      if (numbers.some((n) => n !== 4060 && TRANSIENT_LOGIN_NUMBERS.has(n))) return resume(failure);
      return numbers.includes(4060) ? missing(failure) : others(failure);
    },
    description: `for about ${LOGIN_RETRY_BUDGET_MS / 1000} s (${DATABASE_MISSING_RETRY_BUDGET_MS / 1000} s for error 4060)`,
  };
}

/**
 * On a live connection: the default policy (deadlock victim, throttling, failover, a dropped
 * connection); a login made meanwhile (the connection again, after it was lost) that is
 * refused for a transient reason gets the login schedule.
 */
function requestSchedule(login: RetrySchedule): RetrySchedule {
  const others = backoffSchedule(DEFAULT_RETRY_POLICY);
  return (failure) => (isTransientLogin(failure.error) ? login(failure) : others(failure));
}

// ---------------------------------------------------------------------------------------------
// Batching: the calls of one tick, one round trip.

/** Rolls back what a failed transaction left open, when the connection is still there to say so. */
async function rollBack(connection: TdsConnection): Promise<void> {
  if (!connection.usable) return;
  try {
    await connection.send(ROLLBACK);
  } catch {
    // The connection went with it: the server rolls back the transaction of a session that ends.
  }
}

/** Drivers reject with Error objects; anything else is wrapped so that callers always get one. */
const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/** The parameters of a request's statements, leaving room for those of its prelude. */
const BATCH_BUDGET = q.MAX_BATCH_PARAMS - 10;

interface Queued {
  statement: q.Statement;
  /** Runs when the request is answered, with this statement's result sets; what it returns (or throws) settles the call. */
  settle: (recordsets: Row[][]) => void;
  fail: (error: unknown) => void;
}

/**
 * Queues a transaction's statements and sends those queued in the same tick as one request
 * (mergeStatements), on the next turn of the event loop or when flush() is called (commit). The
 * first request sent opens the transaction; flush(true) closes the last request it sends with the
 * COMMIT (alone, when nothing is queued). One request at a time: a connection takes no request
 * while another is in flight, so a request waits for the one before it. After a request fails,
 * the transaction is lost (XACT_ABORT rolled it back): everything queued then fails with the same
 * error, unsent.
 */
export class StatementQueue {
  private queued: Queued[] = [];
  private scheduled = false;
  private last: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  private opened = false;

  /**
   * @param send sends one request and resolves with all its result sets, in order
   * @param prelude statements to put before those of a request, decided when it is sent
   */
  constructor(
    private readonly send: (batch: q.Batch, ends: Ends) => Promise<Row[][]>,
    private readonly prelude: () => q.Statement[] = () => [],
  ) {}

  /** Queues a statement; resolves with what read() makes of its result sets. */
  run<T>(statement: q.Statement, read: (recordsets: Row[][]) => T): Promise<T> {
    if (this.failure) return Promise.reject(asError(this.failure.error));
    return new Promise<T>((resolve, reject) => {
      this.queued.push({
        statement,
        settle: (recordsets) => {
          try {
            resolve(read(recordsets));
          } catch (error) {
            reject(asError(error));
          }
        },
        fail: (error) => reject(asError(error)),
      });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * Sends what is queued now, the COMMIT after it when `commit`; resolves (never rejects) when
   * every request sent so far is answered.
   */
  flush(commit = false): Promise<void> {
    this.scheduled = false;
    const entries = this.queued.splice(0);
    if (entries.length === 0 && !commit) return this.last;
    this.last = this.last.then(() => this.sendBatch(entries, commit));
    return this.last;
  }

  /** Fails what is queued and not yet sent; resolves when the request in flight, if any, is answered. */
  abandon(error: unknown): Promise<void> {
    this.failure ??= { error };
    for (const entry of this.queued.splice(0)) entry.fail(error);
    return this.last;
  }

  /** The error of the first request that failed, if one did. */
  get failed(): { error: unknown } | undefined {
    return this.failure;
  }

  /** Whether a request opened the transaction on the server (then a failure may leave it to roll back). */
  get begun(): boolean {
    return this.opened;
  }

  private async sendBatch(entries: Queued[], commit: boolean): Promise<void> {
    // Groups within SQL Server's parameter limit: one round trip each, one after another. The
    // prelude of each is decided when it is sent, after the group before it is settled.
    const groups: Queued[][] = [[]];
    let size = 0;
    for (const entry of entries) {
      const params = Object.keys(entry.statement.params).length;
      if (size > 0 && size + params > BATCH_BUDGET) {
        groups.push([]);
        size = 0;
      }
      groups[groups.length - 1].push(entry);
      size += params;
    }
    for (const [i, group] of groups.entries()) {
      if (!(await this.sendGroup(group, commit && i === groups.length - 1))) {
        for (const entry of groups.slice(i + 1).flat()) entry.fail(this.failure!.error);
        return;
      }
    }
  }

  /** Sends one group as one request and settles its calls; false when the transaction is lost. */
  private async sendGroup(entries: Queued[], commit: boolean): Promise<boolean> {
    if (this.failure) {
      for (const entry of entries) entry.fail(this.failure.error);
      return false;
    }
    let recordsets: Row[][];
    try {
      const prelude = entries.length > 0 ? this.prelude() : [];
      const batch = q.mergeStatements([...prelude, ...entries.map((entry) => entry.statement)]);
      const ends = { begin: !this.opened, commit };
      this.opened = true;
      recordsets = await this.send(batch, ends);
      const expected = batch.recordsets.reduce((sum, n) => sum + n, 0);
      if (recordsets.length !== expected) {
        throw new Error(
          `A SQL Server request returned ${recordsets.length} result sets where ${expected} were expected.`,
        );
      }
      // The prelude's result sets (none) come first.
      recordsets = recordsets.slice(batch.recordsets.slice(0, prelude.length).reduce((sum, n) => sum + n, 0));
    } catch (error) {
      this.failure ??= { error };
      for (const entry of entries) entry.fail(error);
      return false;
    }
    let at = 0;
    for (const entry of entries) {
      entry.settle(recordsets.slice(at, at + entry.statement.recordsets));
      at += entry.statement.recordsets;
    }
    return true;
  }
}

// ---------------------------------------------------------------------------------------------

const isExecutionId = (value: string) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT && BigInt(value) > 0n;
const fits = (packageName: string) => packageName.length <= PACKAGE_NAME_LENGTH;

function checkRunKey(runKey: string): void {
  if (runKey.length > RUN_KEY_LENGTH) {
    throw new BfxError(
      `The run key is longer than the ${RUN_KEY_LENGTH} characters the SQL Server catalog keeps, so nothing was changed: use a shorter run key.`,
    );
  }
}

/** A name or value too long for its column: refused in one sentence, before anything is sent. */
function checkLength(value: string, length: number, what: string): void {
  if (value.length > length) {
    throw new BfxError(
      `The ${what} "${value.slice(0, 60)}${value.length > 60 ? '...' : ''}" is longer than the ${length} characters the SQL Server catalog keeps ` +
        '(characters such as emoji count twice there), so nothing was changed: use a shorter one.',
    );
  }
}

const standingsOf = (recordsets: Row[][]): ExecutionStanding[] => (recordsets[0] ?? []).map(toExecutionStanding);

/** An ID run control passes on from a row it read; anything else is a bug. */
function checkExecutionId(id: string): void {
  if (!isExecutionId(id)) throw new Error(`"${id}" is not an execution ID.`);
}

/** The same name twice in one call: the first (defaults) or the last (values) counts. */
function distinctBy<T>(rows: readonly T[], key: (row: T) => string, last: boolean): T[] {
  const picked = new Map<string, T>();
  for (const row of rows) if (last || !picked.has(key(row))) picked.set(key(row), row);
  return [...picked.values()];
}

const first = (recordsets: Row[][]): Row | undefined => recordsets[0]?.[0];
const executionOrNull = (recordsets: Row[][]) => {
  const raw = first(recordsets);
  return raw ? toExecutionRow(raw) : null;
};
const executions = (recordsets: Row[][]) => (recordsets[0] ?? []).map(toExecutionRow);
const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** What to do instead when a table of our name in the schema is someone else's (shape.ts). */
const FOREIGN_TABLE_FIX =
  'choose another catalog-schema (or the schema parameter of the connection string) for the bfx-begin tables.';

/**
 * No login in clear. With Encrypt=True, tedious asks for encryption in its pre-login and starts
 * TLS only when the server's answer says ON or REQ; on any other answer (NOT_SUP, which a man in
 * the middle can send) it sends the LOGIN7 packet, password or token included, in clear. Its
 * performTlsNegotiation(answer) runs between the answer and the LOGIN7 packet, so the check goes
 * in front of it: an answer that declines encryption ends the connection before anything else is
 * sent. With Encrypt=Strict the whole socket is TLS already, whatever the answer says. Should a
 * tedious upgrade rename the method, every connection is refused rather than let through
 * (engine.test.ts fails first, on the fake TDS server).
 */
function refuseCleartextLogin(connection: Connection): void {
  // Called below with the connection as `this`, as tedious calls it.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const negotiate = connection.performTlsNegotiation as Connection['performTlsNegotiation'] | undefined;
  connection.performTlsNegotiation = async function (this: Connection, payload, signal) {
    if (typeof negotiate !== 'function') {
      throw new Error(
        'tedious no longer has performTlsNegotiation, so bfx-begin cannot make sure the login is encrypted.',
      );
    }
    const answer = payload.encryptionString;
    if (connection.config.options.encrypt !== 'strict' && answer !== 'ON' && answer !== 'REQ') {
      throw new EncryptionDeclined(answer);
    }
    return negotiate.call(this, payload, signal);
  };
}

/** sys.objects.type, in words, for an object of a table's name that is no table. */
const OBJECT_KINDS: Record<string, string> = {
  V: 'view',
  SN: 'synonym',
  SO: 'sequence',
  P: 'procedure',
  FN: 'function',
  IF: 'function',
  TF: 'function',
  TR: 'trigger',
  PK: 'primary key constraint',
  UQ: 'unique constraint',
  F: 'foreign key constraint',
  C: 'check constraint',
  D: 'default constraint',
  ET: 'external table',
};

/** What inspectStatement() returns (its four result sets), for shape.ts. */
export function inspectionOf(recordsets: Row[][]): Inspection {
  return {
    columns: (recordsets[0] ?? []).map((row) => ({
      table: String(row.tableName),
      column: String(row.columnName),
      kind: typeKind(row.typeName),
    })),
    recordedVersion: nullableNumber(first(recordsets.slice(1))?.version),
    others: (recordsets[2] ?? []).map((row) => ({
      name: String(row.objectName),
      kind: OBJECT_KINDS[String(row.objectType)] ?? 'object',
    })),
    required: (recordsets[3] ?? []).map((row) => ({ table: String(row.tableName), column: String(row.columnName) })),
  };
}

class MssqlCatalog implements CatalogEngine {
  readonly engine = 'mssql';
  readonly location: string;
  private readonly login: { schedule: RetrySchedule; description: string };
  private readonly q: q.CatalogStatements;
  /** Where the catalog is, for shape.ts's sentences: schema bfx of the SQL Server catalog HOST/DB. */
  private readonly where: string;
  /** The error messages the server sent while the connection logged in, in order. */
  private loginMessages: LoginMessage[] = [];
  /** The one connection, once logged in; made again after it is lost. */
  private connection: TdsConnection | undefined;
  private readonly turns = new Turns();

  constructor(
    private readonly settings: MssqlSettings,
    private readonly options: OpenOptions,
    private readonly secrets: string[],
  ) {
    this.location = mssqlLocation(settings);
    this.q = q.catalogStatements(options.schema ?? DEFAULT_CATALOG_SCHEMA);
    this.where = `schema ${this.q.names.name} of the SQL Server catalog ${this.location}`;
    this.login = loginRetries(settings);
  }

  async connect(): Promise<void> {
    try {
      await retryOnSchedule(() => this.withLoginNumbers(() => this.connected()), isTransient, this.login.schedule);
    } catch (error) {
      await this.close();
      throw this.explain(error, 'connect');
    }
  }

  /**
   * The connection, logging in when there is none (or it was lost). tedious reports a refused
   * login as ELOGIN with the server's last text only; every number and text (4060, then 18456)
   * comes through the connection's errorMessage event, heard until it has logged in.
   */
  private async connected(): Promise<TdsConnection> {
    if (this.connection?.usable) return this.connection;
    this.connection = undefined;
    this.connection = await TdsConnection.open(toTediousConfig(this.settings, this.options), (connection) => {
      refuseCleartextLogin(connection);
      const listener = ({ number, message }: LoginMessage) => {
        this.loginMessages.push({ number, message });
      };
      connection.on('errorMessage', listener);
      connection.once('connect', () => connection.removeListener('errorMessage', listener));
    });
    return this.connection;
  }

  /** One request: the columns of the tables of our names in the schema, and the recorded version. */
  async inspect(): Promise<CatalogState> {
    return this.judge(await this.request(this.q.inspect));
  }

  /**
   * One transaction: BEGIN + the migration lock + a fresh inspection | the steps (only when the
   * catalog is older than this release) + COMMIT. What shape.ts refuses is refused before anything
   * is created; the second of two migrations at once finds everything there.
   */
  async migrate(options: MigrateOptions = {}): Promise<{ from: number; to: number; created: string[] }> {
    // `bfx migrate` (no limit) may take as long as its index builds and checks need: no request
    // timeout. A begin's upgrade is of a small catalog (UPGRADE_IN_BEGIN_MAX_EXECUTIONS) and
    // keeps the request timeout, so that a begin never waits without end.
    const timeoutMs = options.maxExecutions === undefined ? 0 : undefined;
    return this.retried('the catalog migration', async () => {
      const connection = await this.connected();
      let begun = false;
      const send = (statements: q.Statement[], commit = false) => {
        const ends: Ends = { begin: !begun, commit, timeoutMs };
        begun = true;
        return connection.run(q.mergeStatements(statements), ends);
      };
      try {
        // Wait for another migration as long as a request may take (Command Timeout=0: no limit).
        const timeout = this.settings.requestTimeoutMs ?? this.options.requestTimeoutMs;
        const state = this.judge(await send([this.q.migrationLock(timeout === 0 ? -1 : timeout), this.q.inspect]));
        const from = state.kind === 'empty' ? 0 : state.version;
        if (from > 0 && from < CATALOG_VERSION) {
          const [size] = await send([this.q.upgradeSize]);
          const { executions, unchecked, firstUnchecked } = size?.[0] ?? {};
          const refused =
            refuseLargeUpgrade(this.where, from, CATALOG_VERSION, Number(executions ?? 0), options.maxExecutions) ??
            (from < 3
              ? refuseUncheckedExecutions(
                  this.where,
                  this.q.names.table('Execution'),
                  Number(unchecked ?? 0),
                  typeof firstUnchecked === 'string' || typeof firstUnchecked === 'number'
                    ? String(firstUnchecked)
                    : null,
                )
              : undefined);
          if (refused) throw refused;
        }
        let created: string[] = [];
        if (from < CATALOG_VERSION) {
          const [rows] = await send([this.q.migration(from)], true);
          created = (rows ?? []).map((row) => String(row.what));
        } else await send([], true);
        return { from, to: CATALOG_VERSION, created };
      } catch (error) {
        if (begun) await rollBack(connection);
        throw error;
      }
    });
  }

  transaction<T>(lock: PackageLock, what: string, work: (tx: PackageTransaction) => Promise<T>): Promise<T> {
    let lockStatement: q.Statement;
    if ('executionId' in lock) {
      lockStatement = this.q.lockByExecution(isExecutionId(lock.executionId) ? lock.executionId : null);
    } else {
      if (lock.register !== undefined && !fits(lock.packageName)) {
        return Promise.reject(
          new BfxError(
            `The package name is longer than the ${PACKAGE_NAME_LENGTH} characters the SQL Server catalog holds ` +
              '(characters such as emoji count twice there), so nothing was changed: use a shorter package name.',
          ),
        );
      }
      // A name too long for the column cannot be in the catalog: it locks nothing, and finds nothing.
      // A parent that is not an execution ID cannot be in the catalog either: it locks nothing more.
      const parent = lock.parentExecutionId;
      lockStatement = this.q.lockByName(
        fits(lock.packageName) ? lock.packageName : null,
        lock.register,
        parent !== undefined && isExecutionId(parent) ? parent : null,
      );
    }
    return this.retried(what, () => this.attempt(lockStatement, work));
  }

  async status(packageName: string | undefined): Promise<PackageStatus[]> {
    if (packageName !== undefined && !fits(packageName)) return [];
    const [packages, executionRows] = await this.request(
      packageName === undefined ? this.q.statusAll() : this.q.statusOne(packageName),
    );
    const rows = (executionRows ?? []).map((raw) => ({
      row: toExecutionRow(raw),
      batchPackageName: typeof raw.batchPackageName === 'string' ? raw.batchPackageName : null,
    }));
    return (packages ?? []).map((raw) => {
      const pkg = toPackageRow(raw);
      const own = rows.filter(({ row }) => row.packageId === pkg.packageId);
      const latest = own.reduce<(typeof own)[number] | null>(
        (best, entry) => (best === null || BigInt(entry.row.executionId) > BigInt(best.row.executionId) ? entry : best),
        null,
      );
      return {
        ...pkg,
        latest: latest?.row ?? null,
        active: own.find(({ row }) => !row.ended)?.row ?? null,
        batchPackageName: latest?.batchPackageName ?? null,
      };
    });
  }

  async history(packageName: string, limit: number, filter: ExecutionFilter = {}): Promise<ExecutionRow[]> {
    if (!fits(packageName)) return [];
    if (filter.sinceMinutes === undefined && filter.statuses === undefined)
      return executions(await this.request(this.q.history(packageName, clampLimit(limit))));
    return executions(
      await this.request(this.q.filteredHistory(packageName, clampLimit(limit), filter.sinceMinutes, filter.statuses)),
    );
  }

  async runs(filter: ExecutionFilter, limit: number): Promise<ExecutionRow[]> {
    return executions(await this.request(this.q.runs(clampLimit(limit), filter.sinceMinutes, filter.statuses)));
  }

  async now(): Promise<string> {
    const value = first(await this.request(this.q.now()))?.now;
    return value instanceof Date ? value.toISOString() : String(value);
  }

  async children(parentExecutionId: string): Promise<ExecutionRow[]> {
    if (!isExecutionId(parentExecutionId)) return [];
    return executions(await this.request(this.q.children(parentExecutionId)));
  }

  async variables(packageName: string): Promise<Variable[] | null> {
    if (!fits(packageName)) return null;
    const [packages, variables] = await this.request(this.q.variables(packageName));
    if (!packages?.length) return null;
    return (variables ?? []).map(toVariable);
  }

  async rowCounts(executionIds: string[]): Promise<StoredRowCount[]> {
    const ids = [...new Set(executionIds.filter(isExecutionId))];
    if (ids.length === 0) return [];
    const [rows] = await this.request(this.q.rowCounts(ids));
    return (rows ?? []).map(toStoredRowCount);
  }

  async audit(packageName: string, limit: number): Promise<AuditEntry[]> {
    if (!fits(packageName)) return [];
    const [rows] = await this.request(this.q.audit(packageName, clampLimit(limit)));
    return (rows ?? []).map(toAuditEntry);
  }

  async reportSnapshot(windowMinutes: number): Promise<ReportSnapshot> {
    const [clock, packages, executionRows, rowCounts, audit] = await this.request(
      this.q.report(windowMinutes, SUCCEEDED),
    );
    const instant = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
    return {
      now: instant(clock?.[0]?.now),
      since: instant(clock?.[0]?.since),
      packages: (packages ?? []).map(toPackageRow),
      executions: (executionRows ?? []).map(toExecutionRow),
      rowCounts: (rowCounts ?? []).map(toStoredRowCount),
      audit: (audit ?? []).map(toAuditEntry),
    };
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    // Closing is best effort: the server ends the session of a closed socket.
    await connection?.close();
  }

  // -------------------------------------------------------------------------------------------

  private judge(recordsets: Row[][]): CatalogState {
    return judgeCatalog(inspectionOf(recordsets), VERSIONS, this.where, FOREIGN_TABLE_FIX);
  }

  /**
   * One attempt: work on a transaction whose first request opens it and carries the lock; the
   * work commits with its last writes, or is committed after it returns. On any failure what the
   * server still holds open is rolled back (XACT_ABORT has mostly done so already).
   */
  private async attempt<T>(lockStatement: q.Statement, work: (tx: PackageTransaction) => Promise<T>): Promise<T> {
    const connection = await this.connected();
    const tx = new MssqlTransaction(connection, this.q, lockStatement);
    try {
      const result = await work(tx);
      await tx.committed();
      return result;
    } catch (error) {
      await tx.abandon(error);
      if (tx.begun) await rollBack(connection);
      throw batchFault(error);
    }
  }

  /** One request outside any transaction; `what` names a write. */
  private async request(statement: q.Statement, what?: string): Promise<Row[][]> {
    return this.retried(what, async () =>
      (await this.connected()).run({ ...statement, recordsets: [statement.recordsets] }),
    );
  }

  /**
   * Runs attempt again on a transient fault, each attempt taking its turn on the one connection
   * (calls made at once on one catalog would otherwise send statements into each other's
   * transaction); a failure is turned into one sentence for the user.
   */
  private async retried<T>(what: string | undefined, attempt: () => Promise<T>): Promise<T> {
    try {
      return await retryOnSchedule(
        () => this.turns.run(() => this.withLoginNumbers(attempt)),
        isTransient,
        requestSchedule(this.login.schedule),
      );
    } catch (error) {
      throw this.explain(error, 'request', what);
    }
  }

  /** Runs attempt; a login refused on the way (ELOGIN) is rethrown with the server's error numbers. */
  private async withLoginNumbers<T>(attempt: () => Promise<T>): Promise<T> {
    this.loginMessages = [];
    try {
      return await attempt();
    } catch (error) {
      const messages = this.loginMessages;
      if (messages.length > 0 && faultOf(error).codes.has('ELOGIN') && loginErrorNumbers(error).length === 0) {
        throw new LoginFailure(error, messages);
      }
      throw error;
    }
  }

  private explain(error: unknown, phase: 'connect' | 'request', what?: string): unknown {
    const explained = describeFault(error, {
      settings: this.settings,
      schema: this.q.names.name,
      phase,
      what,
      connectTimeoutMs: this.settings.connectTimeoutMs ?? this.options.connectTimeoutMs,
      requestTimeoutMs: this.settings.requestTimeoutMs ?? this.options.requestTimeoutMs,
      loginRetries: this.login.description,
      requestAttempts: DEFAULT_RETRY_POLICY.attempts,
      secrets: this.secrets,
    });
    if (explained) return explained;
    // A bug: reported as one, but never with a secret in it.
    if (error instanceof Error && this.secrets.some((secret) => error.message.includes(secret))) {
      error.message = redact(error.message, this.secrets);
    }
    return error;
  }
}

const clampLimit = (limit: number) => Math.max(0, Math.min(Math.floor(limit), 2_147_483_647));

/**
 * The calls of PackageTransaction, each a statement queued on the transaction's StatementQueue.
 * Every method queues its statement before its first await, so calls made in one tick share a
 * request, and commit() sends the writes queued beside it in one request that ends with the COMMIT. They are async so that
 * a refusal (a run key too long) is a rejected promise, which Promise.all in run control handles,
 * never a throw that would leave the calls queued before it unawaited.
 */
class MssqlTransaction implements PackageTransaction {
  private readonly queue: StatementQueue;
  /** The locked package's ID once the first request is answered: null when the lock found no package. */
  private lockedPackageId: number | null | undefined;
  /** Every package this transaction holds locked: its own, a parent's, those of lockPackages. */
  private lockedPackageIds = new Set<number>();
  private commitment: Promise<void> | undefined;

  constructor(
    connection: TdsConnection,
    private readonly q: q.CatalogStatements,
    lockStatement: q.Statement,
  ) {
    this.queue = new StatementQueue(
      (batch, ends) => connection.run(batch, ends),
      () =>
        this.lockedPackageId === undefined
          ? []
          : [
              this.q.bindLocked(
                this.lockedPackageId,
                [...this.lockedPackageIds].sort((a, b) => a - b),
              ),
            ],
    );
    // The lock is queued first: it goes in the same request as the reads work() makes in its first tick.
    void this.queue
      .run(lockStatement, (recordsets) => {
        const row = first(recordsets);
        this.lockedPackageId = nullableNumber(row?.packageId);
        for (const id of [row?.parentPackageId, row?.packageId].map(nullableNumber)) {
          if (id !== null) this.lockedPackageIds.add(id);
        }
      })
      .catch(() => {
        // The request's error reaches the caller through the calls queued with it, or commit.
      });
  }

  async package(): Promise<PackageRow | null> {
    return this.run(this.q.readPackage(), (recordsets) => {
      const raw = first(recordsets);
      return raw ? toPackageRow(raw) : null;
    });
  }

  async executionWithRunKey(runKey: string): Promise<ExecutionRow | null> {
    // A run key too long for the column cannot be in the catalog, and could not be stored: refused.
    checkRunKey(runKey);
    return this.run(this.q.readExecutionWithRunKey(runKey), executionOrNull);
  }

  async activeExecution(): Promise<ExecutionRow | null> {
    return this.run(this.q.readActiveExecution(), executionOrNull);
  }

  async latestExecution(): Promise<ExecutionRow | null> {
    return this.run(this.q.readLatestExecution(), executionOrNull);
  }

  async lastEndedExecution(): Promise<ExecutionRow | null> {
    return this.run(this.q.readLastEndedExecution(), executionOrNull);
  }

  async execution(executionId: string): Promise<ExecutionRow | null> {
    if (!isExecutionId(executionId)) return null;
    return this.run(this.q.readExecution(executionId), executionOrNull);
  }

  async parentOf(executionId: string): Promise<ExecutionRow | null> {
    if (!isExecutionId(executionId)) return null;
    return this.run(this.q.readParentOf(executionId), executionOrNull);
  }

  async anyExecution(executionId: string): Promise<ExecutionRow | null> {
    if (!isExecutionId(executionId)) return null;
    return this.run(this.q.readAnyExecution(executionId), executionOrNull);
  }

  async children(parentExecutionId: string): Promise<ExecutionRow[]> {
    if (!isExecutionId(parentExecutionId)) return [];
    return this.run(this.q.readChildren(parentExecutionId), executions);
  }

  async auditedExecutions(executionIds: string[], actions: string[]): Promise<string[]> {
    const ids = executionIds.filter(isExecutionId);
    if (ids.length === 0) return [];
    return this.run(this.q.readAuditedExecutions(ids, actions), (recordsets) =>
      (recordsets[0] ?? []).map((row) => String(row.executionId)),
    );
  }

  async lastExecutionWithStatus(status: ExecutionStatus, beforeExecutionId: string | null): Promise<string | null> {
    if (beforeExecutionId !== null) checkExecutionId(beforeExecutionId);
    return this.run(this.q.readLastExecutionWithStatus(status, beforeExecutionId), (recordsets) => {
      // BIGINT comes back as text from tedious.
      const id = first(recordsets)?.executionId;
      return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
    });
  }

  async variables(): Promise<Variable[]> {
    return this.run(this.q.readVariables(), (recordsets) => (recordsets[0] ?? []).map(toVariable));
  }

  async executionAudit(executionId: string, action: string): Promise<AuditEntry[]> {
    if (!isExecutionId(executionId)) return [];
    return this.run(this.q.readExecutionAudit(executionId, action), (recordsets) =>
      (recordsets[0] ?? []).map(toAuditEntry),
    );
  }

  async insertExecution(execution: NewExecution): Promise<{ executionId: string }> {
    checkRunKey(execution.runKey);
    this.checkPackage(execution.packageId);
    return this.run(this.q.insertExecution(execution), (recordsets) => ({
      executionId: String(first(recordsets)?.executionId),
    }));
  }

  async takeOverExecution(takeover: ExecutionTakeover): Promise<void> {
    checkRunKey(takeover.runKey);
    return this.run(this.q.takeOverExecution(takeover), () => undefined);
  }

  async finishExecution(finish: ExecutionFinish): Promise<ExecutionRow> {
    return this.run(this.q.finishExecution(finish), (recordsets) => {
      const row = executionOrNull(recordsets);
      if (!row) throw new LockViolation(finish.executionId);
      return row;
    });
  }

  async refinishExecution(finish: ExecutionFinish, endedAs: ExecutionStatus): Promise<ExecutionRow> {
    return this.run(this.q.refinishExecution(finish, endedAs), (recordsets) => {
      const row = executionOrNull(recordsets);
      if (!row) throw new LockViolation(finish.executionId);
      return row;
    });
  }

  async setNextLoadStatus(executionId: string, nextLoadStatus: NextLoadStatus): Promise<ExecutionRow> {
    return this.run(this.q.setNextLoadStatus(executionId, nextLoadStatus), (recordsets) => {
      const row = executionOrNull(recordsets);
      if (!row) throw new LockViolation(executionId);
      return row;
    });
  }

  async setNextLoadStatuses(executionIds: string[], nextLoadStatus: NextLoadStatus): Promise<void> {
    const ids = [...new Set(executionIds)];
    ids.forEach(checkExecutionId);
    if (ids.length === 0) return;
    return this.run(this.q.setNextLoadStatuses(ids, nextLoadStatus), () => undefined);
  }

  async lockPackages(packageIds: number[]): Promise<void> {
    const ids = [...new Set(packageIds)].sort((a, b) => a - b);
    for (const id of ids) {
      if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`${id} is not a package ID.`);
    }
    if (ids.length === 0) return;
    return this.run(this.q.lockPackages(ids), (recordsets) => {
      for (const row of recordsets[0] ?? []) this.lockedPackageIds.add(Number(row.packageId));
    });
  }

  async markBatch(): Promise<void> {
    return this.run(this.q.markBatch(), () => undefined);
  }

  async registerVariables(defaults: VariableValue[]): Promise<void> {
    const values = distinctBy(defaults, (v) => v.name, false);
    for (const { name } of values) checkLength(name, VARIABLE_NAME_LENGTH, 'variable name');
    await this.runAll(this.q.registerVariables(values));
  }

  async storeVariables(values: VariableValue[], executionId: string | null): Promise<void> {
    if (executionId !== null) checkExecutionId(executionId);
    const distinct = distinctBy(values, (v) => v.name, true);
    for (const { name } of distinct) checkLength(name, VARIABLE_NAME_LENGTH, 'variable name');
    await this.runAll(this.q.storeVariables(distinct, executionId));
  }

  async saveRowCounts(executionId: string, counts: RowCount[]): Promise<void> {
    checkExecutionId(executionId);
    const distinct = distinctBy(counts, (c) => JSON.stringify([c.objectName, c.countType]), true);
    for (const count of distinct) {
      checkLength(count.objectName, OBJECT_NAME_LENGTH, 'object name of a row count');
      checkLength(count.countType, COUNT_TYPE_LENGTH, 'count type of a row count');
      if (!Number.isSafeInteger(count.rowCount) || count.rowCount < 0) {
        throw new BfxError(
          `The row count ${count.rowCount} of ${count.objectName} is not a whole number >= 0, so nothing was changed.`,
        );
      }
    }
    await this.runAll(this.q.saveRowCounts(executionId, distinct));
  }

  async recordAudit(entry: NewAuditEntry): Promise<void> {
    if (entry.executionId !== null) checkExecutionId(entry.executionId);
    if (entry.action.length > ACTION_LENGTH) throw new Error(`The audit action "${entry.action}" is too long.`);
    return this.run(this.q.recordAudit(entry), () => undefined);
  }

  async recordDeletion(entry: NewAuditEntry): Promise<void> {
    if (entry.action.length > ACTION_LENGTH) throw new Error(`The audit action "${entry.action}" is too long.`);
    return this.run(this.q.recordDeletion(entry), () => undefined);
  }

  /** null when the lock found no package: the UPDATE then changes nothing. */
  async setEnabled(enabled: boolean): Promise<PackageRow | null> {
    return this.run(this.q.setEnabled(enabled), (recordsets) => {
      const raw = first(recordsets);
      return raw ? toPackageRow(raw) : null;
    });
  }

  async packageNamed(packageName: string): Promise<PackageRow | null> {
    if (!fits(packageName)) return null;
    return this.run(this.q.readPackageNamed(packageName), (recordsets) => {
      const raw = first(recordsets);
      return raw ? toPackageRow(raw) : null;
    });
  }

  async renamePackage(newName: string): Promise<PackageRow> {
    checkLength(newName, PACKAGE_NAME_LENGTH, 'package name');
    return this.run(this.q.renamePackage(newName), (recordsets) => {
      const raw = first(recordsets);
      if (!raw) throw new Error("No package matches this transaction's lock, so it cannot be renamed.");
      return toPackageRow(raw);
    });
  }

  async deletePackage(): Promise<{ executions: number }> {
    return this.run(this.q.deletePackage(), (recordsets) => ({ executions: Number(first(recordsets)?.count ?? 0) }));
  }

  async purgeCandidates(olderThanMinutes: number, afterExecutionId: string | null, limit: number) {
    if (afterExecutionId !== null) checkExecutionId(afterExecutionId);
    return this.run(this.q.readPurgeCandidates(olderThanMinutes, afterExecutionId, limit), standingsOf);
  }

  async standings(executionIds: string[], olderThanMinutes: number): Promise<ExecutionStanding[]> {
    const ids = [...new Set(executionIds.filter(isExecutionId))];
    if (ids.length === 0) return [];
    return this.run(this.q.readStandings(ids, olderThanMinutes), standingsOf);
  }

  async childStandings(parentExecutionIds: string[], olderThanMinutes: number): Promise<ExecutionStanding[]> {
    const ids = [...new Set(parentExecutionIds.filter(isExecutionId))];
    if (ids.length === 0) return [];
    return this.run(this.q.readChildStandings(ids, olderThanMinutes), standingsOf);
  }

  async deleteExecutions(executionIds: string[]): Promise<number> {
    const ids = [...new Set(executionIds)];
    ids.forEach(checkExecutionId);
    if (ids.length === 0) return 0;
    return this.run(this.q.deleteExecutions(ids), (recordsets) => Number(first(recordsets)?.count ?? 0));
  }

  async deleteOldAudit(olderThanMinutes: number, limit: number): Promise<number> {
    return this.run(this.q.deleteOldAudit(olderThanMinutes, limit), (recordsets) =>
      Number(first(recordsets)?.count ?? 0),
    );
  }

  commit(): Promise<void> {
    if (this.commitment) return Promise.reject(new Error('The catalog transaction was committed twice.'));
    this.commitment = (async () => {
      // The COMMIT closes the request of the writes queued in this tick.
      await this.queue.flush(true);
      const failed = this.queue.failed;
      if (failed) throw batchFault(failed.error);
    })();
    return this.commitment;
  }

  /** After work returned: its commit, or one now (a transaction that only read). */
  committed(): Promise<void> {
    return this.commitment ?? this.commit();
  }

  /** Whether a request opened the transaction on the server. */
  get begun(): boolean {
    return this.queue.begun;
  }

  /** After work failed: nothing more is sent, and the request in flight (if any) is waited for, so the rollback may go. */
  async abandon(error: unknown): Promise<void> {
    await this.queue.abandon(error);
    await this.commitment?.catch(() => {});
  }

  private run<T>(statement: q.Statement, read: (recordsets: Row[][]) => T): Promise<T> {
    if (this.commitment) return Promise.reject(new Error('The catalog transaction was used after its commit.'));
    // A guarded update's THROW fails the whole request: every call in it sees the LockViolation.
    return this.queue.run(statement, read).catch((error: unknown) => Promise.reject(asError(batchFault(error))));
  }

  /** Statements queued together, in order (a call of many rows, in chunks): none for none. */
  private async runAll(statements: q.Statement[]): Promise<void> {
    await Promise.all(statements.map((statement) => this.run(statement, () => undefined)));
  }

  /** Writes go to the locked package only. */
  private checkPackage(packageId: number): void {
    if (this.lockedPackageId !== undefined && this.lockedPackageId !== packageId) {
      throw new Error(
        `A write for package ${packageId} was made in the transaction holding the lock of package ${this.lockedPackageId}.`,
      );
    }
  }
}
