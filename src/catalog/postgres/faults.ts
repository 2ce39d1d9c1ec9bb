/**
 * PostgreSQL and pg faults: which are worth another attempt (isTransient), which mean the
 * connection is gone (isConnectionLoss), and the one sentence a user reads for each (explain):
 * what failed, why, what to do. No sentence ever holds the connection string or the password.
 */
import { BfxError } from '../../errors.js';
import { backoffSchedule, DEFAULT_RETRY_POLICY } from '../retry.js';
import { CommitOutcomeUnknown, type Faults } from '../sql/driver.js';

/** Server errors worth another attempt on a fresh transaction or connection. */
const TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovering)
  '53300', // too_many_connections
]);
/** Worth retrying while connecting at open: the server is there but not ready or full. */
const CONNECT_RETRY_CODES = new Set(['57P03', '53300']);
const SOCKET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** division_by_zero: raised on purpose by a guarded update that did not change its rows (statements.ts GUARD). */
const GUARD_FAILED = '22012';

interface PgError {
  code?: string;
  message?: string;
}

const codeOf = (error: unknown) => (error as PgError | null)?.code;
const messageOf = (error: unknown) => String((error as PgError | null)?.message ?? error);

/** A fault in the connection itself (as opposed to an error the server reported on a statement). */
export function isConnectionLoss(error: unknown): boolean {
  if (error instanceof CommitOutcomeUnknown) return true;
  const code = codeOf(error);
  if (code && (SOCKET_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)))
    return true;
  return /Connection terminated|not queryable|Client was closed|timeout expired|Query read timeout/i.test(
    messageOf(error),
  );
}

/**
 * Whether a fault is worth running the transaction again from the start. A dropped or refused
 * connection counts only once the server has answered (everConnected): before that it is a wrong
 * host or port, not a server that went away.
 */
export function isTransient(error: unknown, everConnected: boolean): boolean {
  if (error instanceof BfxError) return false;
  const code = codeOf(error);
  if (code && TRANSIENT_CODES.has(code)) return true;
  // A COMMIT's answer lost (the core's wrapping of a lost connection or a read timeout): run again.
  if (error instanceof CommitOutcomeUnknown) return true;
  // A client-side read timeout of a round trip without COMMIT is not retried: the request
  // timeout has already been spent, and the transaction went with the connection (nothing changed).
  if (/Query read timeout/i.test(messageOf(error))) return false;
  return everConnected && isConnectionLoss(error);
}

/** Whether connecting at open is worth another attempt. */
export const isTransientAtConnect = (error: unknown) => CONNECT_RETRY_CODES.has(codeOf(error) ?? '');

/** A migration tripped over an object (schema, table, index, type row) another migration just created. */
export const isDuplicateObject = (error: unknown) => ['42P06', '42P07', '42710', '23505'].includes(codeOf(error) ?? '');

/** A write met another row's unique key (unique_violation). */
export const isUniqueViolation = (error: unknown) => codeOf(error) === '23505';

/** A guarded update (take-over, finish, next load status) did not change its rows: the server refused it on purpose. */
export const isGuardFailure = (error: unknown) => codeOf(error) === GUARD_FAILED;

/** What a sentence may name: the server and database, never credentials. */
export interface Server {
  host: string;
  port: number;
  database: string;
  user: string;
  /** host:port/database */
  location: string;
  connectTimeoutMs: number;
  requestTimeoutMs: number;
}

/** pg could not parse the connection string; its message may quote the string, so only the error's name is kept. */
export function unreadableConnectionString(error: unknown): BfxError {
  return new BfxError(
    `The postgres:// connection string could not be read (${error instanceof Error ? error.name : 'invalid'}), so no catalog was contacted: ` +
      'write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE, with special characters in the password percent-encoded.',
  );
}

/**
 * One sentence for the user: what failed, why, what to do. `what` is the operation ('connect' while
 * opening); firstFault is the first of several transient faults, when retries were spent.
 */
export function explain(error: unknown, server: Server, what: string, firstFault?: unknown): unknown {
  if (error instanceof BfxError) return error;
  const code = codeOf(error) ?? '';
  const message = messageOf(error);
  const at = `the PostgreSQL server at ${server.host}:${server.port}`;
  const catalog = `the PostgreSQL catalog ${server.location}`;
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  const sentence = (text: string) => new BfxError(text.charAt(0).toUpperCase() + text.slice(1));
  const connecting = what === 'connect';
  const outcome = connecting ? 'so no catalog was contacted' : `so bfx could not ${what}`;

  switch (code) {
    case '28P01':
      return sentence(
        `${at} refused the password of user "${server.user}" (28P01 password authentication failed), ${outcome}: ` +
          'check the user name and password in the connection string.',
      );
    case '28000':
      return sentence(
        `${at} does not let user "${server.user}" connect to database "${server.database}" from here (28000: ${message}), ${outcome}: ` +
          'check the user name, or ask the DBA to allow it in pg_hba.conf.',
      );
    case '3D000':
      return sentence(
        `the database "${server.database}" does not exist on ${at} (3D000), ${outcome}: ` +
          `create it (CREATE DATABASE ${server.database}) or fix the database name in the connection string.`,
      );
    case '42501':
      return sentence(
        `user "${server.user}" lacks a permission the catalog ${server.location} needs (42501: ${message}), ${outcome}: ` +
          'grant it (see the PostgreSQL permissions in the README), or have a DBA deploy the catalog with `bfx migrate`.',
      );
    case '55P03':
      return sentence(
        `a lock in ${catalog} stayed held by another session for longer than the request timeout of ${seconds(server.requestTimeoutMs)} ` +
          `(55P03 lock timeout), ${outcome} and nothing was changed: wait for the other run of the package to finish, or raise request-timeout.`,
      );
    case '57014':
      return sentence(
        `${catalog} did not finish a request within the request timeout of ${seconds(server.requestTimeoutMs)} ` +
          `(57014 ${message}), ${outcome} and nothing was changed: check the server's load, or raise request-timeout.`,
      );
    case '53300':
      return sentence(
        `${at} has no free connection (53300 too many connections), ${outcome}: raise max_connections, use a pooler, or run fewer jobs at once.`,
      );
    case '57P03':
      return sentence(
        `${at} is not accepting connections yet (57P03: ${message}), ${outcome}: wait for it to finish starting or recovering, then rerun.`,
      );
  }
  if (code === '08P01' && /startup parameter/i.test(message)) {
    return sentence(
      `${at} (or a pooler in front of it) refused a setting of the connection string (08P01: ${message}), ${outcome}: ` +
        "remove that parameter from the connection string, or add it to the pooler's ignore_startup_parameters.",
    );
  }
  if (/does not support SSL/i.test(message)) {
    return sentence(
      `${at} does not accept SSL connections and the connection string asks for SSL (sslmode or ssl), ${outcome}: ` +
        'enable SSL on the server, or use sslmode=disable on a network you trust.',
    );
  }
  if (/CERT|certificate|self.signed|altname/i.test(`${code} ${message}`)) {
    return sentence(
      `${at} presented a TLS certificate bfx could not verify (${code || message}), ${outcome}: ` +
        "give the server's CA with sslrootcert=PATH, or use sslmode=no-verify to encrypt without verifying.",
    );
  }
  // A host that is a folder names a Unix socket: connecting finds no socket file there, or may not open it.
  if (connecting && ['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM'].includes(code)) {
    const socket = `${server.host.replace(/\/$/, '')}/.s.PGSQL.${server.port}`;
    return sentence(
      code === 'EACCES' || code === 'EPERM'
        ? `this user may not open the PostgreSQL socket ${socket} (${code}), ${outcome}: ` +
            "run bfx as a user in the socket's group, or connect over TCP with a host name instead."
        : `no PostgreSQL server listens on the socket ${socket} (${code}: there is no such socket file), ${outcome}: ` +
            'check the socket folder (the host) and the port in the connection string, and that the server runs on this machine.',
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return sentence(
      `the PostgreSQL host "${server.host}" could not be found (${code}), ${outcome}: check the host name in the connection string.`,
    );
  }
  if (connecting && code === 'ECONNREFUSED') {
    return sentence(
      `${at} refused the connection (ECONNREFUSED: no server is listening there), ${outcome}: ` +
        'check the host and port in the connection string, and that the server is running.',
    );
  }
  if (
    connecting &&
    (/timeout expired|connection timeout/i.test(message) || ['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code))
  ) {
    return sentence(
      `${at} did not answer within the connect timeout of ${seconds(server.connectTimeoutMs)} (${code || message}), ${outcome}: ` +
        'check the host, the port and any firewall in between, or raise connect-timeout.',
    );
  }
  if (error instanceof CommitOutcomeUnknown) {
    const cause = error.cause;
    const lost = /Query read timeout/i.test(messageOf(cause))
      ? `${at} did not answer a COMMIT within the request timeout of ${seconds(server.requestTimeoutMs)}`
      : `the connection to ${at} was lost after a COMMIT was sent (${codeOf(cause) ?? messageOf(cause)})`;
    return sentence(
      `${lost}, and bfx could not read back what ${catalog} holds afterwards, ` +
        `so bfx cannot tell whether it managed to ${what}: check the server, then rerun (a rerun with the same run key returns the same execution).`,
    );
  }
  if (/Query read timeout/i.test(message)) {
    // A round trip without COMMIT (one holding COMMIT is CommitOutcomeUnknown): the transaction
    // went with the connection pg closed.
    return sentence(
      `${at} stopped answering for longer than the request timeout of ${seconds(server.requestTimeoutMs)}, ${outcome} and nothing was changed: ` +
        'check the server, then rerun (a rerun with the same run key returns the same execution).',
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
      `${at} went away while bfx tried to ${what} (${cause(first)}${still}) and was not back after ${attempts} attempts, so bfx gave up: ` +
        'check that the server is running and reachable, then rerun (a rerun with the same run key returns the same execution).',
    );
  }
  return error;
}

/** This engine's fault classification, as the SQL core reads it, with the server its sentences name. */
export function faults(server: Server): Faults {
  return {
    isTransient,
    isConnectionLoss,
    isGuardFailure,
    isUniqueViolation,
    schedule: backoffSchedule(),
    explain: (error, what, firstFault) => explain(error, server, what, firstFault),
  };
}
