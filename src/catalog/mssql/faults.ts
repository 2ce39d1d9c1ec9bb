/**
 * SQL Server / Azure SQL faults, as the SQL core reads them (faults(context): Faults): which are
 * transient (run again from the start), which mean the connection is gone, a guarded update's
 * refusal, a unique key met, and the one sentence the user reads for each they can act on (what
 * happened, why, what to do). Credentials never appear: only the server, the database and the user
 * name are named, and any text from the driver, the server or Microsoft Entra ID is stripped of the
 * connection string's secrets.
 */
import { BfxError } from '../../errors.js';
import { LockViolation } from '../catalog.js';
import { redact } from '../connection-string.js';
import { DEFAULT_RETRY_POLICY, backoffSchedule, budgetSchedule, fixedSchedule, type RetrySchedule } from '../retry.js';
import { CommitOutcomeUnknown, type Faults } from '../sql/driver.js';
import { mssqlLocation, type MssqlSettings } from './connection-string.js';

/**
 * SQL Server error numbers worth retrying on a live connection (among them those of SqlClient's
 * baseline list, SqlConfigurableRetryFactory.BaselineTransientErrors, that a request can get). Each leaves nothing half-done: the
 * server refused or rolled back the whole request (XACT_ABORT is on), so running the operation
 * again from its start is safe; and should a commit have got through before the fault was seen, a
 * retried begin finds its own execution again by run key, a retried end finds it already ended.
 */
export const TRANSIENT_ERROR_NUMBERS: ReadonlySet<number> = new Set([
  1205, // chosen as deadlock victim: the server rolled the transaction back
  1222, // lock request time-out (a LOCK_TIMEOUT set on the server side): the transaction is rolled back
  1204, // no lock resource could be had at this time ("rerun your statement when there are fewer active users")
  40143, // Azure SQL: "the service has encountered an error processing your request. Please try again."
  40540, // Azure SQL: the same words, another number
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
 * Error numbers a login can fail with while an Azure SQL database is moving, resuming or busy
 * (the list SqlClient and tedious retry). tedious reports them as ELOGIN with no number; the
 * engine reads the number from the connection's errorMessage event and wraps it in LoginFailure.
 * 4060 (cannot open the database) is also what a misspelled database name gets, so it is retried
 * for a shorter while than the others (engine.ts).
 */
export const TRANSIENT_LOGIN_NUMBERS: ReadonlySet<number> = new Set([40613, 40501, 40197, 10928, 10929, 4060]);

/** THROWn by the guarded updates of statements.ts when they did not change their rows: the core says which call failed. */
export const GUARD_FAILED_NUMBER = 51000;
/** THROWn by the migration when sp_getapplock returned -3 (chosen as deadlock victim): retried like 1205. */
export const APPLOCK_DEADLOCK_NUMBER = 51003;
/**
 * THROWn by a begin's registration when another begin registered the same new package meanwhile
 * (its INSERT met the other's key: error 2627 or 2601). Retried: the next attempt finds the package.
 */
export const REGISTERED_MEANWHILE_NUMBER = 51004;
/** A write met another row's unique key: a unique constraint (2627) or a unique index (2601). */
const UNIQUE_KEY_NUMBERS: ReadonlySet<number> = new Set([2627, 2601]);
/** THROWn by the migration when sp_getapplock timed out (-1) or failed: not retried. */
export const APPLOCK_TIMEOUT_NUMBER = 51001;

/** The code of a CommitOutcomeUnknown (below). */
const COMMIT_OUTCOME_UNKNOWN = 'ECOMMITUNKNOWN';

/**
 * Dropped connections. The server rolls back the transaction of a session that goes away; if the
 * COMMIT itself was in flight, the retry finds what it committed (docs/design.md, "A commit whose
 * outcome is unknown").
 */
const DROPPED_CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ESOCKET',
  'ECONNRESET',
  'ECONNCLOSED',
  'ECLOSE',
  'EPIPE',
  'ECONNREFUSED',
  COMMIT_OUTCOME_UNKNOWN,
]);

/**
 * A request holding COMMIT ended by tedious's request timeout (ETIMEOUT) before either the
 * COMMIT's marker or the CATCH's came back: the server may have committed before the cancel
 * reached it, or rolled back (XACT_ABORT). The driver drops the connection and throws the core's
 * CommitOutcomeUnknown, as the core does for a connection dropped after COMMIT was sent: the call
 * runs again on a new connection and reports what the catalog holds (docs/design.md, "A commit
 * whose outcome is unknown"), never "nothing was changed".
 */
export { CommitOutcomeUnknown };

/** Socket failures that another attempt cannot mend: a bad certificate, a host that does not exist. */
const PERMANENT_SOCKET_CAUSES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ENOTFOUND|EPROTO/;
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|certificate/i;

const PERMISSION_NUMBERS: ReadonlySet<number> = new Set([229, 230, 262, 297, 300, 916, 1088, 2760, 15151, 15247]);

/** An error message the server sent while a connection logged in: its number and text. */
export interface LoginMessage {
  number: number;
  message: string;
}

/**
 * A failed login and every error message the server sent during it, in order. tedious's ELOGIN
 * error carries the text of the last one only, and no number; a refused database login sends 4060
 * (cannot open the database: the cause) and then 18456 (login failed), so the numbers and texts
 * arrive through the connection's errorMessage event, which engine.ts listens to while a
 * connection logs in. Its message is that of the first error that says what is wrong.
 */
export class LoginFailure extends Error {
  override name = 'LoginFailure';
  readonly numbers: number[];
  constructor(
    override readonly cause: unknown,
    messages: readonly LoginMessage[],
  ) {
    const telling = messages.find((m) => m.number !== LOGIN_FAILED_NUMBER) ?? messages[0];
    super(telling?.message || (cause instanceof Error ? cause.message : String(cause)));
    this.numbers = messages.map((m) => m.number);
  }
}

/** "Login failed for user": what every refused login ends with, whatever the cause before it. */
const LOGIN_FAILED_NUMBER = 18456;

/**
 * The server declined encryption in its pre-login answer (or a man in the middle answered for it),
 * so the login was not sent: tedious would have sent it in clear (engine.ts refuses before).
 */
export class EncryptionDeclined extends Error {
  override name = 'EncryptionDeclined';
  readonly code = 'EDOWNGRADE';
  constructor(readonly answer: string) {
    super(`The server answered the pre-login with encryption ${answer}.`);
  }
}

/** What an error and the errors it wraps say: codes, names, SQL Server error numbers, messages. */
export interface Fault {
  codes: Set<string>;
  /** Error class names (CredentialUnavailableError, AuthenticationError, ...): the Entra ID failures. */
  names: Set<string>;
  numbers: number[];
  messages: string[];
}

export function faultOf(error: unknown): Fault {
  const fault: Fault = { codes: new Set(), names: new Set(), numbers: [], messages: [] };
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 6) return;
    seen.add(value);
    const e = value as Record<string, unknown>;
    if (typeof e.code === 'string') fault.codes.add(e.code);
    if (typeof e.name === 'string') fault.names.add(e.name);
    if (typeof e.number === 'number' && e.number > 0) fault.numbers.push(e.number);
    if (Array.isArray(e.numbers)) fault.numbers.push(...e.numbers.filter((n): n is number => typeof n === 'number'));
    if (typeof e.message === 'string' && e.message) fault.messages.push(e.message);
    for (const key of ['originalError', 'info', 'cause']) visit(e[key], depth + 1);
    for (const key of ['errors', 'precedingErrors']) {
      if (Array.isArray(e[key])) for (const inner of e[key] as unknown[]) visit(inner, depth + 1);
    }
  };
  visit(error, 0);
  return fault;
}

/** The numbers of a failed login's error messages, in order, when the error is one (see LoginFailure). */
export function loginErrorNumbers(error: unknown): number[] {
  const fault = faultOf(error);
  return fault.codes.has('ELOGIN') ? fault.numbers : [];
}

/** A login refused for a reason that passes (the database is moving, resuming or busy), by any of its numbers. */
export function isTransientLogin(error: unknown): boolean {
  return loginErrorNumbers(error).some((number) => TRANSIENT_LOGIN_NUMBERS.has(number));
}

/** The connection itself failed (as opposed to an error the server reported on a statement): drop it. */
export function isConnectionLoss(error: unknown): boolean {
  return [...faultOf(error).codes].some((code) => DROPPED_CONNECTION_CODES.has(code));
}

/**
 * Whether running the whole transaction again from the start may succeed. A refused or dropped
 * connection counts only once the server has answered (everConnected): before that it is a wrong
 * host or port, not a server that went away; a login refused while an Azure SQL database moves or
 * resumes counts always.
 */
export function isTransient(error: unknown, everConnected = true): boolean {
  if (error instanceof BfxError || error instanceof LockViolation) return false;
  if (isTransientLogin(error)) return true;
  const fault = faultOf(error);
  if (fault.codes.has('ELOGIN') || fault.codes.has('EFEDAUTH')) return false;
  if (
    fault.numbers.some(
      (n) => TRANSIENT_ERROR_NUMBERS.has(n) || n === APPLOCK_DEADLOCK_NUMBER || n === REGISTERED_MEANWHILE_NUMBER,
    )
  )
    return true;
  if (!everConnected || !isConnectionLoss(error)) return false;
  return ![...fault.codes, ...fault.messages].some((text) => PERMANENT_SOCKET_CAUSES.test(text));
}

/** A guarded update did not change its rows: the THROW of statements.ts. */
export const isGuardFailure = (error: unknown): boolean => faultOf(error).numbers[0] === GUARD_FAILED_NUMBER;

/** A write met another row's unique key (a rename's new name, registered meanwhile). */
export const isUniqueViolation = (error: unknown): boolean =>
  faultOf(error).numbers.some((n) => UNIQUE_KEY_NUMBERS.has(n));

export interface FaultContext {
  settings: MssqlSettings;
  /** The schema holding the catalog tables (bfx unless told otherwise). */
  schema: string;
  /** Whether the failure happened while connecting or during a request on a live connection. */
  phase: 'connect' | 'request';
  /** What was being done, for the sentence: `begin package "P"`; a request when undefined. */
  what?: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
  /** How failed logins were retried, for the sentence: "for about 75 s", "3 times, 10 s apart". */
  loginRetries: string;
  /** Attempts made on a live connection before giving up (the retry policy's). */
  requestAttempts: number;
  secrets: string[];
}

/** The first line of an Entra ID error, which lists every credential it tried on the lines after. */
const firstLine = (text: string) => text.split('\n').find((line) => line.trim() !== '') ?? text;

/**
 * One BfxError sentence for a fault the user can act on, or undefined for one that is a bug
 * (a LockViolation included: it is reported as one).
 */
export function describeFault(error: unknown, context: FaultContext): BfxError | undefined {
  if (error instanceof BfxError) return error;
  if (error instanceof LockViolation) return undefined;
  const { settings, phase } = context;
  const fault = faultOf(error);
  const location = mssqlLocation(settings);
  const server = settings.server + (settings.instanceName ? `\\${settings.instanceName}` : '');
  const clean = (text: string) =>
    redact(firstLine(text), context.secrets).replace(/\s+/g, ' ').trim().replace(/[.,]$/, '').slice(0, 300);
  const serverMessage = clean(fault.messages.find((m) => m !== 'Login failed.') ?? fault.messages[0] ?? 'no message');
  const said = (text: string) => new RegExp(text, 'i').test(fault.messages.join('\n'));
  const number = fault.numbers[0];
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  const has = (...codes: string[]) => codes.some((code) => fault.codes.has(code));
  const say = (sentence: string) => new BfxError(sentence);
  const rolledBack = context.what ? `bfx could not ${context.what} and nothing was changed` : 'nothing was changed';
  const entra = settings.authentication !== 'sql-password';

  // Microsoft Entra ID: no token (no credential in reach, or Entra ID refused it).
  if (has('EFEDAUTH') || fault.names.has('CredentialUnavailableError') || fault.names.has('AuthenticationError')) {
    const identityError = fault.names.has('AuthenticationError')
      ? 'Microsoft Entra ID refused the token request'
      : 'no credential could give a token';
    // Entra ID's own reason (AADSTS70021: no matching federated identity record, ...) when it gave one.
    const reason = fault.messages.flatMap((m) => m.split('\n')).find((line) => /AADSTS\d+/.test(line));
    const detail = clean(
      reason ??
        fault.messages.find((m) => m !== 'Security token could not be authenticated or authorized.') ??
        identityError,
    );
    if (settings.authentication === 'entra-managed-identity') {
      return say(
        `bfx-begin could not get a Microsoft Entra ID token from the managed identity of this machine for the SQL Server ${location} ` +
          `(${identityError}: ${detail}), so no connection was made: run the job on an Azure machine (a self-hosted runner) that has a managed identity, ` +
          'and give its client id as User ID if it is user-assigned; on a GitHub-hosted runner, use Authentication=Active Directory Default after azure/login.',
      );
    }
    return say(
      `bfx-begin could not get a Microsoft Entra ID token for the SQL Server ${location} with Authentication=Active Directory Default ` +
        `(${identityError}: ${detail}), so no connection was made: run azure/login (OIDC, with permissions id-token: write) in the job before this step, ` +
        'or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal (docs/mssql.md).',
    );
  }

  // Before any login was sent: the server (or something in between) would not encrypt.
  if (has('EDOWNGRADE')) {
    return say(
      `The SQL Server ${location} answered that it does not encrypt connections, so bfx-begin did not send the login ` +
        `(its ${entra ? 'Microsoft Entra ID token' : 'password'} would have crossed the network in clear) and nothing was changed: ` +
        'turn on TLS on the server (Azure SQL and every SQL Server since 2008 can), check that nothing between this runner and the server answers for it, ' +
        'and prefer Encrypt=Strict, which starts TLS before the server says anything (Azure SQL, SQL Server 2022).',
    );
  }

  if (has('ELOGIN')) {
    // The server's first number that says what is wrong: 18456 (login failed) follows every cause.
    const number = fault.numbers.find((n) => n !== 18456) ?? fault.numbers[0];
    if (number !== undefined && TRANSIENT_LOGIN_NUMBERS.has(number) && number !== 4060) {
      return say(
        `The Azure SQL database ${location} stayed unavailable or busy at login (error ${number}: ${serverMessage}) though the login was retried ${context.loginRetries}, ` +
          'so nothing was changed: run the step again later; a paused serverless database resumes within about a minute, and ConnectRetryCount / ConnectRetryInterval in the connection string give it longer.',
      );
    }
    if (number === 4060 || said('Cannot open database')) {
      return say(
        `The SQL Server ${server} has no database "${settings.database}" that this login can open (retried ${context.loginRetries}), so nothing was changed: ` +
          'check Database (Initial Catalog) in the connection string, and that the login has a user in that database.',
      );
    }
    if (number === 40615 || said('is not allowed to access the server')) {
      return say(
        `The Azure SQL server ${server} refused this runner's address at its firewall (${serverMessage}), so nothing was changed: ` +
          "allow the runner's address in the server's firewall rules, or run the job on a runner inside an allowed network.",
      );
    }
    if (entra && (number === 18456 || said('token-identified principal') || said('Login failed for user'))) {
      return say(
        `The SQL Server ${location} accepted this identity's Microsoft Entra ID token but refused the login (${serverMessage}), so nothing was changed: ` +
          `create a user for the identity in database "${settings.database}" (CREATE USER [name] FROM EXTERNAL PROVIDER) with the grants of docs/mssql.md, ` +
          'and check that the server has a Microsoft Entra admin.',
      );
    }
    if (number === 18456 || said('Login failed for user')) {
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
  if (has(COMMIT_OUTCOME_UNKNOWN)) {
    const lost = has('ETIMEOUT')
      ? `did not answer a request holding a COMMIT within the request timeout of ${seconds(context.requestTimeoutMs)}`
      : `dropped the connection after a COMMIT was sent (${[...fault.codes].filter((code) => code !== COMMIT_OUTCOME_UNKNOWN).join(', ') || 'no code'})`;
    return say(
      `The SQL Server catalog ${location} ${lost}, ` +
        `and bfx could not read back what it holds through ${context.requestAttempts} attempts, so bfx cannot tell whether it managed to ${context.what ?? 'make its change'}: ` +
        'check the server, then run the step again (a rerun with the same run key returns the same execution).',
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
      `The SQL Server catalog ${location} did not answer within the request timeout of ${seconds(context.requestTimeoutMs)} ` +
        `(a lock held by another run, or a busy server), so ${rolledBack} unless its COMMIT had already reached the server: ` +
        'run the step again (a rerun with the same run key returns the same execution), or raise request-timeout.',
    );
  }
  if (has('ECONNREFUSED') && phase === 'connect') {
    return say(
      `The SQL Server ${server} refused the connection on port ${settings.port ?? 1433}, so nothing was changed: ` +
        'check the port, and that SQL Server is running and accepts TCP connections.',
    );
  }
  if (
    number !== undefined &&
    (TRANSIENT_ERROR_NUMBERS.has(number) ||
      number === APPLOCK_DEADLOCK_NUMBER ||
      number === REGISTERED_MEANWHILE_NUMBER)
  ) {
    return say(
      `The SQL Server catalog ${location} stayed busy or unavailable (error ${number}: ${serverMessage}) through ${context.requestAttempts} attempts, ` +
        `so ${rolledBack}: run the step again later.`,
    );
  }
  if (isTransient(error)) {
    return say(
      phase === 'connect'
        ? `Could not connect to the SQL Server ${location} (${serverMessage}), so nothing was changed: ` +
            'check the server name and port, and that the server is running and reachable from this runner.'
        : `The connection to the SQL Server catalog ${location} kept dropping (${serverMessage}) through ${context.requestAttempts} attempts, ` +
            'so the request did not complete: check the network and the server, then run the step again (a retried begin returns the same execution).',
    );
  }
  if (number !== undefined && PERMISSION_NUMBERS.has(number)) {
    return say(
      `The login may not do this on the SQL Server catalog ${location} (${serverMessage}), so nothing was changed: ` +
        `grant it SELECT, INSERT and UPDATE on schema ${context.schema}, or have a DBA create the catalog with \`bfx migrate\` (see the permissions in docs/mssql.md).`,
    );
  }
  // An invalid object name of our schema, whether the message writes it with brackets or without.
  if (number === 208 && said(`\\[?${context.schema}\\]?\\.`)) {
    return say(
      `The SQL Server catalog ${location} lacks a table of schema ${context.schema} (${serverMessage}), so nothing was changed: ` +
        'run `bfx migrate`, or set create-catalog to true.',
    );
  }
  // OPENJSON (the lists of statements.ts) exists only at compatibility level 130 or more; below
  // it, the name is not found (T-SQL reference, OPENJSON: "SQL Server can't find and run the
  // OPENJSON function").
  if (number === 208 && said("'OPENJSON'")) {
    return say(
      `The SQL Server catalog's database ${location} is at a compatibility level below 130, where OPENJSON does not exist (${serverMessage}), so ${rolledBack}: ` +
        `raise it (ALTER DATABASE [${settings.database.replace(/]/g, ']]')}] SET COMPATIBILITY_LEVEL = 150; 130 is the least), then run the step again.`,
    );
  }
  if (number === APPLOCK_TIMEOUT_NUMBER) {
    return say(
      `Another bfx migrate held the migration lock of the SQL Server catalog ${location} for longer than the request timeout, so nothing was created: ` +
        'wait for it to finish, then run the step again.',
    );
  }
  if (number !== undefined) {
    return say(
      `The SQL Server catalog ${location} refused the request with error ${number} (${serverMessage}), so ${rolledBack}: ` +
        'fix what the message names, then run the step again.',
    );
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Retries, and the Faults the SQL core reads.

/**
 * Without ConnectRetryCount / ConnectRetryInterval in the connection string, a login refused for a
 * transient reason (40613 and the others of TRANSIENT_LOGIN_NUMBERS) is retried for about 75 s:
 * a paused serverless database resumes within about a minute, answering 40613 meanwhile. 4060
 * (cannot open the database) is also what a misspelled database name gets, so it has 15 s.
 */
export const LOGIN_RETRY_BUDGET_MS = 75_000;
export const DATABASE_MISSING_RETRY_BUDGET_MS = 15_000;
const LOGIN_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 10_000 };

/** How failed logins are retried, with the sentence saying so. */
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

/** What the sentences of one catalog name. */
export type FaultsContext = Omit<FaultContext, 'phase' | 'what' | 'loginRetries' | 'requestAttempts'>;

/**
 * This engine's fault classification, as the SQL core reads it. A login refused for a transient
 * reason gets the login schedule (at open, and when the connection is made again after a loss);
 * every other transient fault the default policy (a deadlock victim, throttling, a failover, a
 * dropped connection).
 */
export function faults(context: FaultsContext): Faults {
  const login = loginRetries(context.settings);
  const others = backoffSchedule(DEFAULT_RETRY_POLICY);
  return {
    isTransient,
    isConnectionLoss,
    isGuardFailure,
    isUniqueViolation,
    schedule: (failure) => (isTransientLogin(failure.error) ? login.schedule(failure) : others(failure)),
    explain(error, what) {
      const connecting = what === 'connect';
      const explained = describeFault(error, {
        ...context,
        phase: connecting ? 'connect' : 'request',
        what: connecting ? undefined : what,
        loginRetries: login.description,
        requestAttempts: DEFAULT_RETRY_POLICY.attempts,
      });
      if (explained) return explained;
      // A bug: reported as one, but never with a secret in it.
      if (error instanceof Error && context.secrets.some((secret) => error.message.includes(secret))) {
        error.message = redact(error.message, context.secrets);
      }
      return error;
    },
  };
}
