/**
 * The SQL Server / Azure SQL catalog on the `mssql` package (tedious driver). connect.ts imports
 * this module only for SQL Server connection strings, so no other engine ever loads the driver.
 *
 * Begin and end are each one transaction (mssql's Transaction: the TDS transaction manager begins
 * and commits it) holding the package row's update lock from the first read to the commit, with
 * XACT_ABORT on for the session so that any error or timeout rolls all of it back on the server.
 * Round trips: BEGIN TRAN, one batch to lock and read, one batch to write, COMMIT. The lock and the
 * write cannot share the BEGIN or the COMMIT round trip: bound parameters travel through
 * sp_executesql, and a transaction begun or ended inside it is refused by SQL Server (error 266).
 */
import sql from 'mssql';
import { decideBegin, decideEnd, type BeginPlan, type BeginState, type NextLoadStatus } from '../../decision.js';
import { BfxError } from '../../errors.js';
import type {
  BeginRequest,
  BeginResult,
  Catalog,
  EndRequest,
  EndResult,
  ExecutionRow,
  NextLoadStatusChange,
  PackageRow,
  PackageStatus,
  ResetResult,
} from '../catalog.js';
import type { OpenOptions } from '../connect.js';
import { redact, secretsIn } from '../connection-string.js';
import { DEFAULT_RETRY_POLICY, retryTransient } from '../retry.js';
import { toExecutionRow, toPackageRow } from '../rows.js';
import { mssqlLocation, parseMssqlConnectionString, toMssqlConfig, type MssqlSettings } from './connection-string.js';
import * as q from './schema.js';

type Row = Record<string, unknown>;
type Params = Record<string, [type: sql.ISqlType | (() => sql.ISqlType), value: unknown]>;

export async function open(connectionString: string, options: OpenOptions): Promise<Catalog> {
  const settings = parseMssqlConnectionString(connectionString);
  const catalog = new MssqlCatalog(settings, options, secretsIn(connectionString));
  await catalog.connect();
  return catalog;
}

// ---------------------------------------------------------------------------------------------
// Faults: which are transient, and what the user is told.

/**
 * SQL Server error numbers worth retrying. Each leaves nothing half-done: the server refused or
 * rolled back the whole request (XACT_ABORT is on), so running the operation again from its start
 * is safe; and should a commit have got through before the fault was seen, a retried begin finds
 * its own execution again by run key (SPEC 3.1), a retried end finds it already ended.
 */
export const TRANSIENT_ERROR_NUMBERS: ReadonlySet<number> = new Set([
  1205, // chosen as deadlock victim: the server rolled the transaction back
  1222, // lock request time-out (a LOCK_TIMEOUT set on the server side): the transaction is rolled back
  40613, // Azure SQL: database not currently available (failover, reconfiguration, serverless resume)
  40501, // Azure SQL: the service is busy (throttling); the request was refused
  40197, // Azure SQL: the service had an error processing the request (failover, upgrade); rolled back
  10928, // Azure SQL: resource limit (workers, sessions) reached; the request was refused
  10929, // Azure SQL: resource minimum not guaranteed right now; the request was refused
  49918, // Azure SQL: not enough resources to process the request; refused
  49919, // Azure SQL: too many create or update operations in progress; refused
  49920, // Azure SQL: too many operations in progress; refused
]);

/**
 * Dropped connections. The server rolls back the transaction of a session that goes away; if the
 * COMMIT itself was in flight, re-entry by run key makes the retry return what it committed.
 */
const DROPPED_CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ESOCKET',
  'ECONNRESET',
  'ECONNCLOSED',
  'ECLOSE',
  'EPIPE',
  'ECONNREFUSED',
]);

/** Socket failures that another attempt cannot mend: a bad certificate, a host that does not exist. */
const PERMANENT_SOCKET_CAUSES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ENOTFOUND|EPROTO/;
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|certificate/i;

const PERMISSION_NUMBERS: ReadonlySet<number> = new Set([229, 230, 262, 297, 300, 916, 1088, 2760, 15151, 15247]);

/** What an error and the errors it wraps say: codes, SQL Server error numbers, messages. */
export interface Fault {
  codes: Set<string>;
  numbers: number[];
  messages: string[];
}

export function faultOf(error: unknown): Fault {
  const fault: Fault = { codes: new Set(), numbers: [], messages: [] };
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 5) return;
    seen.add(value);
    const e = value as Record<string, unknown>;
    if (typeof e.code === 'string') fault.codes.add(e.code);
    if (typeof e.number === 'number' && e.number > 0) fault.numbers.push(e.number);
    if (typeof e.message === 'string' && e.message) fault.messages.push(e.message);
    for (const key of ['originalError', 'info', 'cause']) visit(e[key], depth + 1);
    for (const key of ['errors', 'precedingErrors']) {
      if (Array.isArray(e[key])) for (const inner of e[key] as unknown[]) visit(inner, depth + 1);
    }
  };
  visit(error, 0);
  return fault;
}

export function isTransient(error: unknown): boolean {
  if (error instanceof BfxError) return false;
  const fault = faultOf(error);
  if (fault.numbers.some((n) => TRANSIENT_ERROR_NUMBERS.has(n))) return true;
  if (![...fault.codes].some((code) => DROPPED_CONNECTION_CODES.has(code))) return false;
  return ![...fault.codes, ...fault.messages].some((text) => PERMANENT_SOCKET_CAUSES.test(text));
}

export interface FaultContext {
  settings: MssqlSettings;
  /** Whether the failure happened while connecting or during a request on a live connection. */
  phase: 'connect' | 'request';
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  secrets: string[];
  /** The number of the last error message the server sent during a login, if any. */
  loginErrorNumber?: number;
}

/**
 * One BfxError sentence for a fault the user can act on, or undefined for one that is a bug.
 * Credentials never appear: only the server, the database and the user name are named, and any
 * text from the driver or the server is stripped of the connection string's secrets.
 */
export function describeFault(error: unknown, context: FaultContext): BfxError | undefined {
  if (error instanceof BfxError) return error;
  const { settings, phase } = context;
  const fault = faultOf(error);
  const location = mssqlLocation(settings);
  const server = settings.server + (settings.instanceName ? `\\${settings.instanceName}` : '');
  const clean = (text: string) => redact(text, context.secrets).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  const serverMessage = clean(fault.messages.find((m) => m !== 'Login failed.') ?? fault.messages[0] ?? 'no message');
  const said = (text: string) => new RegExp(text, 'i').test(fault.messages.join('\n'));
  const number = fault.numbers.find((n) => n !== 0) ?? context.loginErrorNumber;
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  const has = (...codes: string[]) => codes.some((code) => fault.codes.has(code));
  const say = (sentence: string) => new BfxError(sentence);
  const attempts = DEFAULT_RETRY_POLICY.attempts;

  if (has('ELOGIN')) {
    const loginNumber = context.loginErrorNumber ?? number;
    if (loginNumber === 4060 || said('Cannot open database')) {
      return say(
        `The SQL Server ${server} has no database "${settings.database}" that this login can open, so nothing was changed: ` +
          'check Database (Initial Catalog) in the connection string, and that the login has a user in that database.',
      );
    }
    if (loginNumber === 40615 || said('is not allowed to access the server')) {
      return say(
        `The Azure SQL server ${server} refused this runner's address at its firewall (${serverMessage}), so nothing was changed: ` +
          "allow the runner's address in the server's firewall rules, or run the job on a runner inside an allowed network.",
      );
    }
    if (loginNumber === 18456 || said('Login failed for user')) {
      const who = settings.user ? ` for user "${settings.user}"` : '';
      return say(
        `The SQL Server ${location} refused the login${who} (a wrong user name or password, or a disabled login), so nothing was changed: ` +
          'check User ID and Password in the connection string secret.',
      );
    }
    return say(
      `The SQL Server ${location} refused the login (${serverMessage}), so nothing was changed: ` +
        "check the connection string's credentials and the login's rights on the database.",
    );
  }
  if (has('EENCRYPT')) {
    return say(
      `The SQL Server ${location} requires an encrypted connection but the connection string says Encrypt=False, so no connection was made: ` +
        'set Encrypt=True.',
    );
  }
  if ([...fault.codes, ...fault.messages].some((text) => CERTIFICATE.test(text))) {
    return say(
      `The SQL Server ${server} presented a TLS certificate this runner does not trust (${serverMessage}), so no connection was made: ` +
        'give the server a certificate from a trusted authority, set HostNameInCertificate to the name it carries, ' +
        'or, for a test server only, add TrustServerCertificate=True to the connection string.',
    );
  }
  if (has('ENOTFOUND', 'EAI_AGAIN') || said('getaddrinfo ENOTFOUND')) {
    return say(
      `The SQL Server host ${settings.server} could not be found (DNS), so no connection was made: check the server name in the connection string.`,
    );
  }
  if (has('EINSTLOOKUP')) {
    return say(
      `The SQL Server instance ${server} could not be found through the SQL Server Browser (UDP 1434), so no connection was made: ` +
        "give the instance's TCP port instead (Server=HOST,PORT).",
    );
  }
  if (has('ETIMEOUT')) {
    if (phase === 'connect') {
      return say(
        `The SQL Server ${location} did not answer within the connect timeout of ${seconds(context.connectTimeoutMs)}, so nothing was changed: ` +
          'check the server name and port, that the server is running and that its firewall admits this runner; raise connect-timeout if it is only slow ' +
          '(a paused serverless database can take a minute to resume).',
      );
    }
    return say(
      `The SQL Server catalog ${location} did not answer a request within the request timeout of ${seconds(context.requestTimeoutMs)} ` +
        '(a lock held by another run, or a busy server), so the request was rolled back: run the step again, or raise request-timeout.',
    );
  }
  if (has('ECONNREFUSED') && phase === 'connect') {
    return say(
      `The SQL Server ${server} refused the connection on port ${settings.port ?? 1433}, so nothing was changed: ` +
        'check the port, and that SQL Server is running and accepts TCP connections.',
    );
  }
  if (number !== undefined && TRANSIENT_ERROR_NUMBERS.has(number)) {
    return say(
      `The SQL Server catalog ${location} stayed busy or unavailable (error ${number}: ${serverMessage}) through ${attempts} attempts, ` +
        'so the request was rolled back: run the step again later.',
    );
  }
  if (isTransient(error)) {
    return say(
      phase === 'connect'
        ? `Could not connect to the SQL Server ${location} (${serverMessage}), so nothing was changed: ` +
            'check the server name and port, and that the server is running and reachable from this runner.'
        : `The connection to the SQL Server catalog ${location} kept dropping (${serverMessage}) through ${attempts} attempts, ` +
            'so the request did not complete: check the network and the server, then run the step again (a retried begin returns the same execution).',
    );
  }
  if (number !== undefined && PERMISSION_NUMBERS.has(number)) {
    return say(
      `The login may not do this on the SQL Server catalog ${location} (${serverMessage}), so nothing was changed: ` +
        'grant it SELECT, INSERT and UPDATE on schema bfx, or have a DBA create the catalog with `bfx migrate` (see the permissions in the docs).',
    );
  }
  if (number === 208 && said('bfx\\.')) {
    return say(
      `The SQL Server catalog ${location} lacks a bfx table (${serverMessage}), so nothing was changed: ` +
        'run `bfx migrate`, or set create-catalog to true.',
    );
  }
  if (number !== undefined) {
    return say(
      `The SQL Server catalog ${location} refused the request with error ${number} (${serverMessage}), so it was rolled back: ` +
        'fix what the message names, then run the step again.',
    );
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/** Cuts a value to a column's length in UTF-16 code units, never through a surrogate pair. */
function fit(value: string | null, length: number): string | null {
  if (value === null || value.length <= length) return value;
  const cut = value.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

const MAX_BIGINT = 9_223_372_036_854_775_807n;
const isExecutionId = (value: string) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT && BigInt(value) > 0n;

class MssqlCatalog implements Catalog {
  readonly engine = 'mssql';
  readonly location: string;
  private readonly pool: sql.ConnectionPool;
  private loginErrorNumber: number | undefined;

  constructor(
    private readonly settings: MssqlSettings,
    private readonly options: OpenOptions,
    private readonly secrets: string[],
  ) {
    this.location = mssqlLocation(settings);
    const config = {
      ...toMssqlConfig(settings, options),
      pool: { min: 0, max: 10, idleTimeoutMillis: 30_000 },
      // A pooled connection is checked by its socket's state, not by a SELECT 1 round trip.
      validateConnection: 'socket',
      beforeConnect: (connection: {
        on(event: 'errorMessage', listener: (token: { number: number }) => void): void;
      }) => {
        connection.on('errorMessage', (token) => {
          this.loginErrorNumber = token.number;
        });
      },
    };
    this.pool = new sql.ConnectionPool(config);
    // Errors reach the caller through the request that hit them; without a listener, an 'error'
    // event from a background connection would crash the process.
    this.pool.on('error', () => {});
  }

  async connect(): Promise<void> {
    try {
      await retryTransient(() => this.pool.connect(), isTransient);
    } catch (error) {
      await this.close();
      throw this.explain(error, 'connect');
    }
  }

  async exists(): Promise<boolean> {
    const [[row]] = await this.run((request) => request.query<Row>(q.EXISTS), {});
    return Number(row?.present) === 1;
  }

  async migrate(): Promise<void> {
    await this.run((request) => request.query<Row>(q.MIGRATE), {
      LockTimeout: [sql.Int, Math.min(this.options.requestTimeoutMs, 2_147_483_647)],
    });
  }

  async begin(request: BeginRequest): Promise<BeginResult> {
    this.checkName(request.packageName);
    if (request.runKey.length > q.RUN_KEY_LENGTH) {
      throw new BfxError(
        `The run key is longer than the ${q.RUN_KEY_LENGTH} characters the SQL Server catalog keeps, so nothing was changed: use a shorter run key.`,
      );
    }
    const context = request.context;
    const contextParams: Params = {
      RunKey: [sql.NVarChar(q.RUN_KEY_LENGTH), request.runKey],
      Repository: [sql.NVarChar(q.CONTEXT_LENGTH), fit(context.repository, q.CONTEXT_LENGTH)],
      Workflow: [sql.NVarChar(q.CONTEXT_LENGTH), fit(context.workflow, q.CONTEXT_LENGTH)],
      Job: [sql.NVarChar(q.CONTEXT_LENGTH), fit(context.job, q.CONTEXT_LENGTH)],
      RunId: [sql.NVarChar(q.CONTEXT_LENGTH), fit(context.runId, q.CONTEXT_LENGTH)],
      RunAttempt: [sql.NVarChar(q.CONTEXT_LENGTH), fit(context.runAttempt, q.CONTEXT_LENGTH)],
      Actor: [sql.NVarChar(q.CONTEXT_LENGTH), fit(context.actor, q.CONTEXT_LENGTH)],
      EventName: [sql.NVarChar(q.CONTEXT_LENGTH), fit(context.event, q.CONTEXT_LENGTH)],
      CommitSha: [sql.NVarChar(q.CONTEXT_LENGTH), fit(context.sha, q.CONTEXT_LENGTH)],
    };

    return this.transaction(async (batch) => {
      // Round trip 2: lock the package row (registering it if new) and read the state.
      const [[pkgRaw], [reentryRaw], [activeRaw], [latestRaw]] = await batch(q.BEGIN_LOCK_AND_READ, {
        PackageName: [sql.NVarChar(q.PACKAGE_NAME_LENGTH), request.packageName],
        RetryLimit: [sql.Int, request.retryLimit ?? null],
        RunKey: contextParams.RunKey,
      });
      const pkg = toPackageRow(pkgRaw);
      const state: BeginState = {
        package: pkg,
        reentry: reentryRaw ? toExecutionRow(reentryRaw) : null,
        active: activeRaw ? toExecutionRow(activeRaw) : null,
        latestNextLoadStatus: latestRaw ? (String(latestRaw.nextLoadStatus) as NextLoadStatus) : null,
      };
      const plan: BeginPlan = decideBegin(state, request.retryLimit);

      // Round trip 3: apply the plan (none for a re-entry).
      switch (plan.kind) {
        case 'reenter': {
          const { executionId, executionStatus, nextLoadStatus, retryCount } = plan.execution;
          return { executionId, executionStatus, nextLoadStatus, retryCount, plan };
        }
        case 'resume':
          await batch(q.BEGIN_RESUME, {
            ...contextParams,
            RetryCount: [sql.Int, plan.retryCount],
            ExecutionID: [sql.BigInt, plan.executionId],
          });
          return {
            executionId: plan.executionId,
            executionStatus: 'A',
            nextLoadStatus: 'P',
            retryCount: plan.retryCount,
            plan,
          };
        case 'insert':
        case 'abandon-and-insert': {
          const params: Params = {
            ...contextParams,
            PackageID: [sql.Int, pkg.packageId],
            ParentExecutionID: [sql.BigInt, request.parentExecutionId ?? null],
            ExecutionStatus: [sql.Char(1), plan.execution.executionStatus],
            NextLoadStatus: [sql.Char(1), plan.execution.nextLoadStatus],
            Ended: [sql.Bit, plan.execution.ended],
          };
          if (plan.kind === 'abandon-and-insert') {
            Object.assign(params, {
              EndID: [sql.BigInt, plan.abandonedId],
              EndStatus: [sql.Char(1), 'F'],
              EndNext: [sql.Char(1), 'R'],
              EndMessage: [sql.NVarChar(sql.MAX), plan.abandonMessage],
            });
          }
          const recordsets = await batch(plan.kind === 'insert' ? q.BEGIN_INSERT : q.BEGIN_ABANDON_AND_INSERT, params);
          const inserted = recordsets[recordsets.length - 1][0];
          return {
            executionId: String(inserted.executionId),
            executionStatus: plan.execution.executionStatus,
            nextLoadStatus: plan.execution.nextLoadStatus,
            retryCount: 0,
            plan,
          };
        }
      }
    });
  }

  async end(request: EndRequest): Promise<EndResult> {
    if (!isExecutionId(request.executionId)) return { kind: 'not-found' };
    return this.transaction(async (batch) => {
      const [[raw]] = await batch(q.END_LOCK_AND_READ, { ExecutionID: [sql.BigInt, request.executionId] });
      if (!raw) return { kind: 'not-found' };
      const before = toExecutionRow(raw);
      const plan = decideEnd(before, request.outcome, request.message, request.caller);
      if (plan.kind !== 'end') return { kind: plan.kind, execution: before };
      const [[after]] = await batch(q.END_FINISH, {
        EndID: [sql.BigInt, before.executionId],
        EndStatus: [sql.Char(1), plan.executionStatus],
        EndNext: [sql.Char(1), plan.nextLoadStatus],
        EndMessage: [sql.NVarChar(sql.MAX), plan.errorMessage],
      });
      return { kind: 'ended', execution: toExecutionRow(after) };
    });
  }

  async status(packageName: string | undefined): Promise<PackageStatus[]> {
    if (packageName !== undefined && !this.fits(packageName)) return [];
    const [packages, executions] =
      packageName === undefined
        ? await this.run((r) => r.query<Row>(q.STATUS_ALL), {})
        : await this.run((r) => r.query<Row>(q.STATUS_ONE), {
            PackageName: [sql.NVarChar(q.PACKAGE_NAME_LENGTH), packageName],
          });
    const rows = executions.map(toExecutionRow);
    return packages.map((raw) => {
      const pkg = toPackageRow(raw);
      const own = rows.filter((row) => row.packageId === pkg.packageId);
      const latest = own.reduce<ExecutionRow | null>(
        (best, row) => (best === null || BigInt(row.executionId) > BigInt(best.executionId) ? row : best),
        null,
      );
      return { ...pkg, latest, active: own.find((row) => !row.ended) ?? null };
    });
  }

  async history(packageName: string, limit: number): Promise<ExecutionRow[]> {
    if (!this.fits(packageName)) return [];
    const [rows] = await this.run((r) => r.query<Row>(q.HISTORY), {
      PackageName: [sql.NVarChar(q.PACKAGE_NAME_LENGTH), packageName],
      Limit: [sql.Int, Math.max(0, Math.min(limit, 2_147_483_647))],
    });
    return rows.map(toExecutionRow);
  }

  async setEnabled(packageName: string, enabled: boolean): Promise<PackageRow | null> {
    if (!this.fits(packageName)) return null;
    const [[raw]] = await this.run((r) => r.query<Row>(q.SET_ENABLED), {
      PackageName: [sql.NVarChar(q.PACKAGE_NAME_LENGTH), packageName],
      IsEnabled: [sql.Bit, enabled],
    });
    return raw ? toPackageRow(raw) : null;
  }

  async setNextLoadStatus(packageName: string, status: 'C' | 'P'): Promise<NextLoadStatusChange> {
    if (!this.fits(packageName)) return { kind: 'no-package' };
    const [[kindRow], [raw]] = await this.run((r) => r.query<Row>(q.SET_NEXT_LOAD_STATUS), {
      PackageName: [sql.NVarChar(q.PACKAGE_NAME_LENGTH), packageName],
      Status: [sql.Char(1), status],
    });
    const kind = String(kindRow.kind) as NextLoadStatusChange['kind'];
    if (kind === 'changed' || kind === 'active') return { kind, execution: toExecutionRow(raw) };
    return { kind };
  }

  async reset(packageName: string, message: string): Promise<ResetResult> {
    if (!this.fits(packageName)) return { kind: 'no-package' };
    const [[kindRow], [raw]] = await this.run((r) => r.query<Row>(q.RESET), {
      PackageName: [sql.NVarChar(q.PACKAGE_NAME_LENGTH), packageName],
      Message: [sql.NVarChar(sql.MAX), message],
    });
    const kind = String(kindRow.kind) as ResetResult['kind'];
    if (kind === 'reset') return { kind, execution: toExecutionRow(raw) };
    return { kind };
  }

  async close(): Promise<void> {
    try {
      await this.pool.close();
    } catch {
      // Closing is best effort: the server ends the sessions of closed sockets.
    }
  }

  // -------------------------------------------------------------------------------------------

  /** A name longer than the column can hold is refused: the server would otherwise cut it. */
  private checkName(packageName: string): void {
    if (!this.fits(packageName)) {
      throw new BfxError(
        `The package name is longer than the ${q.PACKAGE_NAME_LENGTH} characters the SQL Server catalog holds ` +
          '(characters such as emoji count twice there), so nothing was changed: use a shorter package name.',
      );
    }
  }

  private fits(packageName: string): boolean {
    return packageName.length <= q.PACKAGE_NAME_LENGTH;
  }

  private bind(request: sql.Request, params: Params): sql.Request {
    for (const [name, [type, value]] of Object.entries(params)) request.input(name, type, value);
    return request;
  }

  /** One request outside any transaction (or in one of its own), retried on transient faults. */
  private async run(send: (request: sql.Request) => Promise<sql.IResult<Row>>, params: Params): Promise<Row[][]> {
    try {
      return await retryTransient(async () => {
        const result = await send(this.bind(this.pool.request(), params));
        return result.recordsets ?? [];
      }, isTransient);
    } catch (error) {
      throw this.explain(error, 'request');
    }
  }

  /**
   * Runs work in one transaction on one connection: BEGIN TRAN, the work's batches, COMMIT. On any
   * failure the transaction is rolled back (the server has already done so when XACT_ABORT fired);
   * the whole transaction is retried on transient faults.
   */
  private async transaction<T>(
    work: (batch: (text: string, params: Params) => Promise<Row[][]>) => Promise<T>,
  ): Promise<T> {
    const attempt = async (): Promise<T> => {
      const transaction = new sql.Transaction(this.pool);
      await transaction.begin(sql.ISOLATION_LEVEL.READ_COMMITTED);
      try {
        const result = await work(async (text, params) => {
          const response = await this.bind(transaction.request(), params).query<Row>(text);
          return response.recordsets ?? [];
        });
        await transaction.commit();
        return result;
      } catch (error) {
        try {
          await transaction.rollback();
        } catch {
          // Already rolled back by the server (XACT_ABORT), or the connection is gone with it.
        }
        throw error;
      }
    };
    try {
      return await retryTransient(attempt, isTransient);
    } catch (error) {
      throw this.explain(error, 'request');
    }
  }

  private explain(error: unknown, phase: 'connect' | 'request'): unknown {
    return (
      describeFault(error, {
        settings: this.settings,
        phase,
        connectTimeoutMs: this.settings.connectTimeoutMs ?? this.options.connectTimeoutMs,
        requestTimeoutMs: this.settings.requestTimeoutMs ?? this.options.requestTimeoutMs,
        secrets: this.secrets,
        loginErrorNumber: phase === 'connect' ? this.loginErrorNumber : undefined,
      }) ?? error
    );
  }
}
