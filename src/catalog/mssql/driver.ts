/**
 * The SQL Server driver of the SQL core (src/catalog/sql/driver.ts): one tedious Connection (one
 * login, no pool), and each round trip ONE request, a SQL batch (TDS SQL_BATCH) that runs the
 * steps in order:
 *
 *   SET NOCOUNT ON; SET XACT_ABORT ON; SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
 *   DECLARE @__changed INT;
 *   DECLARE @v0 NVARCHAR(500) = N'Load_Customer', @v1 BIGINT = 12, ...;      -- the values, once each
 *   BEGIN TRY
 *   BEGIN TRANSACTION; SELECT 0 AS [__bfx_step], 0 AS [__bfx_changed];      -- a 'begin' step
 *   SET @__changed = 0;
 *   EXEC sys.sp_executesql N'...the statement...', N'@PackageName NVARCHAR(500), @changed INT OUTPUT',
 *     @PackageName = @v0, @changed = @__changed OUTPUT;
 *   SELECT 1 AS [__bfx_step], @__changed AS [__bfx_changed];                 -- its marker
 *   ...
 *   COMMIT TRANSACTION; SELECT 9 AS [__bfx_step], 0 AS [__bfx_changed];     -- a 'commit' step
 *   END TRY
 *   BEGIN CATCH
 *   IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION; SELECT -1 AS [__bfx_step], 0 AS [__bfx_changed]; THROW;
 *   END CATCH;
 *
 * A step's answer is the result set it returned (statements.ts: at most one) and the rows its
 * @changed counted; the marker after it says it is done. The first step that fails (a guarded
 * update's THROW, a deadlock, a missing table) jumps to the CATCH, which rolls the transaction
 * back and raises the error again: every step after it fails with that error and a COMMIT among
 * them commits nothing. BEGIN and COMMIT stand in the batch itself: inside sp_executesql a
 * transaction begun or committed would be refused (error 266). Each statement runs through
 * sp_executesql with its values as typed parameters, so its plan is compiled once and reused.
 *
 * Values reach the batch text only as literals of their declared type (statements.ts's
 * PARAMETER_TYPES), written here and nowhere else: numbers checked as whole numbers, text as
 * N'...' with every quote doubled and every control character as NCHAR(n), lists as JSON text,
 * and a value longer than its declared type refused (a DECLARE would cut it without a word).
 *
 * No login in clear, and the login's error numbers heard (faults.ts's LoginFailure); tedious's
 * client-side request timeout ends a request that waits too long (on a lock, say), and XACT_ABORT
 * rolls its transaction back on the server. A migration's DDL has no timeout: an index build on a
 * large catalog takes what it takes.
 */
import { Connection, Request } from 'tedious';
import { BfxError } from '../../errors.js';
import { DEFAULT_CATALOG_SCHEMA, type OpenOptions } from '../catalog.js';
import { MAX_BIGINT, MAX_INT32 } from '../limits.js';
import { secretsIn } from '../connection-string.js';
import type { Answer, BeginMode, Driver, Outcome, Params, Step, Value } from '../sql/driver.js';
import { mssqlLocation, parseMssqlConnectionString, toTediousConfig } from './connection-string.js';
import {
  CommitOutcomeUnknown,
  EncryptionDeclined,
  LoginFailure,
  faultOf,
  faults,
  isConnectionLoss,
  type LoginMessage,
} from './faults.js';
import { catalogSchema } from './schema.js';
import { JSON_LIST, PARAMETER_TYPES, statements, type SqlType } from './statements.js';

export type Row = Record<string, unknown>;

/** The marker result set after each step; -1 after the CATCH rolled back. */
const STEP = '__bfx_step';
const CHANGED = '__bfx_changed';
const ROLLED_BACK = -1;

/** The most characters a `+` of NVARCHAR values that are not NVARCHAR(MAX) keeps. */
const NVARCHAR_CONCATENATION_LIMIT = 4000;

/**
 * N'text', quotes doubled; a control character other than a tab or a line break (NUL among them)
 * as NCHAR(n) beside the quoted parts, so that nothing but plain text stands between the quotes.
 * A `+` of strings none of which is NVARCHAR(MAX) cuts its result at 4,000 characters without an
 * error (T-SQL reference, "+ (String Concatenation)": "If the result of the concatenation of
 * strings exceeds the limit of 8,000 bytes, the result is truncated"), so a longer text in parts
 * starts with its first part cast to NVARCHAR(MAX).
 */
export function unicodeLiteral(text: string): string {
  const parts: string[] = [];
  let plain = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      if (plain !== '') parts.push(`N'${plain}'`);
      parts.push(`NCHAR(${code})`);
      plain = '';
    } else plain += character === "'" ? "''" : character;
  }
  if (plain !== '' || parts.length === 0) parts.push(`N'${plain}'`);
  if (parts.length > 1 && text.length > NVARCHAR_CONCATENATION_LIMIT) {
    parts[0] = `CAST(${parts[0]} AS NVARCHAR(MAX))`;
  }
  return parts.join(' + ');
}

/**
 * A value as a literal of its declared type. Text longer than its type is refused in a sentence
 * (the catalog cannot hold it); anything else that does not fit the type is a bug, refused too.
 */
export function literalOf(type: SqlType, value: unknown, name: string): string {
  if (value === null || value === undefined) return 'NULL';
  const refuse = (): never => {
    throw new Error(`The value of @${name} does not fit its SQL Server type ${type}.`);
  };
  const [, kind, size] = /^([A-Z]+)(?:\((\d+|MAX)\))?$/.exec(type) ?? refuse();
  switch (kind) {
    case 'INT':
    case 'BIGINT': {
      const text =
        (typeof value === 'number' && Number.isSafeInteger(value)) ||
        typeof value === 'bigint' ||
        (typeof value === 'string' && /^-?\d{1,19}$/.test(value))
          ? String(value)
          : refuse();
      // A T-SQL integer type holds -(max + 1) to max.
      const max = kind === 'INT' ? BigInt(MAX_INT32) : MAX_BIGINT;
      if (BigInt(text) > max || BigInt(text) < -max - 1n) refuse();
      return text;
    }
    case 'BIT':
      return value === true || value === 1 ? '1' : value === false || value === 0 ? '0' : refuse();
    case 'CHAR':
    case 'NVARCHAR': {
      if (typeof value !== 'string') return refuse();
      // CHAR holds the catalog's status letters: printable ASCII only, which no code page changes.
      if (kind === 'CHAR' && !/^[\x20-\x7e]*$/.test(value)) refuse();
      if (size !== 'MAX' && value.length > Number(size)) {
        throw new BfxError(
          `A value of ${name} is ${value.length} characters long, more than the ${size} the SQL Server catalog keeps ` +
            '(characters such as emoji count twice there), so nothing was changed: use a shorter one.',
        );
      }
      return unicodeLiteral(value);
    }
    default:
      return refuse();
  }
}

/** The type of a value whose name statements.ts does not list (a test's own SQL). */
function typeOf(value: Value): SqlType {
  if (Array.isArray(value)) return JSON_LIST;
  if (typeof value === 'boolean') return 'BIT';
  if (typeof value === 'number')
    return Number.isInteger(value) && value <= MAX_INT32 && value >= -MAX_INT32 - 1 ? 'INT' : 'BIGINT';
  return typeof value === 'string' && value.length > 4000 ? 'NVARCHAR(MAX)' : 'NVARCHAR(4000)';
}

/** A statement's values: @Name with a capital letter; its own variables start with a small one. */
const VALUE_NAME = /(?<![@\w])@([A-Z]\w*)/g;
/** The OUTPUT parameter a write sets to the rows it changed. */
const CHANGED_PARAMETER = /(?<![@\w])@changed\b/;

/** How each kind of transaction begins; the report's reads share one snapshot where the database allows it. */
const BEGIN: Record<BeginMode, string> = {
  package: 'BEGIN TRANSACTION;',
  migrate: 'BEGIN TRANSACTION;',
  snapshot: `IF EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND snapshot_isolation_state = 1)
  SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
BEGIN TRANSACTION;`,
};

/** The text of one request: every step, its values declared once, one TRY around them all. */
export function requestText(steps: readonly Step[]): string {
  const variables = new Map<string, string>();
  const declarations: string[] = [];
  const variable = (type: SqlType, value: Value, name: string): string => {
    const literal = literalOf(type, Array.isArray(value) ? JSON.stringify(value) : value, name);
    const key = `${type} ${literal}`;
    let found = variables.get(key);
    if (!found) {
      found = `@v${variables.size}`;
      variables.set(key, found);
      declarations.push(`${found} ${type} = ${literal}`);
    }
    return found;
  };
  const marker = (i: number, changed: string) => `SELECT ${i} AS [${STEP}], ${changed} AS [${CHANGED}];`;
  const body = steps.map((step, i) => {
    switch (step.kind) {
      case 'begin':
        return `/* ${i}: BEGIN */\n${BEGIN[step.mode]}\n${marker(i, '0')}`;
      case 'commit':
        return `/* ${i}: COMMIT */\nCOMMIT TRANSACTION;\n${marker(i, '0')}`;
      case 'ddl':
        return `/* ${i}: DDL */\nEXEC sys.sp_executesql ${unicodeLiteral(step.text)};\n${marker(i, '0')}`;
      case 'statement':
        return `/* ${i}: ${step.name} */\nSET @__changed = 0;\n${call(step.text, step.params, variable)}\n${marker(i, '@__changed')}`;
    }
  });
  return [
    'SET NOCOUNT ON;',
    'SET XACT_ABORT ON;',
    'SET TRANSACTION ISOLATION LEVEL READ COMMITTED;',
    'DECLARE @__changed INT;',
    ...(declarations.length > 0 ? [`DECLARE ${declarations.join(',\n  ')};`] : []),
    'BEGIN TRY',
    ...body,
    'END TRY',
    'BEGIN CATCH',
    'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;',
    marker(ROLLED_BACK, '0'),
    'THROW;',
    'END CATCH;',
  ].join('\n');
}

/** One statement through sp_executesql: the values it names, typed, and @changed when it counts what it changed. */
function call(text: string, params: Params, variable: (type: SqlType, value: Value, name: string) => string): string {
  const names = [...new Set([...text.matchAll(VALUE_NAME)].map((match) => match[1]))];
  const definitions: string[] = [];
  const values: string[] = [];
  for (const name of names) {
    if (!(name in params)) throw new Error(`No value was given for @${name} in: ${text.trim().slice(0, 80)}`);
    const value = params[name];
    const type = PARAMETER_TYPES[name] ?? typeOf(value);
    definitions.push(`@${name} ${type}`);
    values.push(`@${name} = ${variable(type, value, name)}`);
  }
  if (CHANGED_PARAMETER.test(text)) {
    definitions.push('@changed INT OUTPUT');
    values.push('@changed = @__changed OUTPUT');
  }
  if (definitions.length === 0) return `EXEC sys.sp_executesql ${unicodeLiteral(text)};`;
  return `EXEC sys.sp_executesql ${unicodeLiteral(text)}, ${unicodeLiteral(definitions.join(', '))},\n  ${values.join(',\n  ')};`;
}

/** Only a transaction the server still holds open is rolled back. */
export const ROLLBACK = 'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;';

/** A result set as tedious delivers it: its column names, its rows. */
interface ResultSet {
  columns: string[];
  rows: Row[];
}

/** The result sets of one request, and the error it ended with, if any. */
function run(connection: Connection, text: string, timeoutMs?: number): Promise<{ sets: ResultSet[]; error?: Error }> {
  return new Promise((resolve) => {
    const sets: ResultSet[] = [];
    const request = new Request(text, (error) => resolve(error ? { sets, error } : { sets }));
    if (timeoutMs !== undefined) request.setTimeout(timeoutMs);
    request.on('columnMetadata', (columns: Array<{ colName: string }> | Record<string, { colName: string }>) =>
      sets.push({ columns: Object.values(columns).map((column) => column.colName), rows: [] }),
    );
    request.on('row', (columns: Array<{ value: unknown; metadata: { colName: string } }>) => {
      const row: Row = {};
      for (const column of columns) row[column.metadata.colName] = column.value;
      sets[sets.length - 1].rows.push(row);
    });
    connection.execSqlBatch(request);
  });
}

/**
 * The answers of the steps whose markers arrived, in order: each step's rows are those of the
 * result sets before its marker. Whether the CATCH ran (the transaction is rolled back).
 */
export function answersOf(sets: readonly ResultSet[]): { answers: Answer[]; rolledBack: boolean } {
  const answers: Answer[] = [];
  let rows: Row[] = [];
  let rolledBack = false;
  for (const set of sets) {
    if (set.columns[0] !== STEP) {
      rows.push(...set.rows);
      continue;
    }
    const marker = set.rows[0] ?? {};
    if (Number(marker[STEP]) === ROLLED_BACK) rolledBack = true;
    else answers.push({ rows, changed: Number(marker[CHANGED] ?? 0) });
    rows = [];
  }
  return { answers, rolledBack };
}

/**
 * No login in clear. With Encrypt=True, tedious asks for encryption in its pre-login and starts
 * TLS only when the server's answer says ON or REQ; on any other answer (NOT_SUP, which a man in
 * the middle can send) it sends the LOGIN7 packet, password or token included, in clear. Its
 * performTlsNegotiation(answer) runs between the answer and the LOGIN7 packet, so the check goes
 * in front of it: an answer that declines encryption ends the connection before anything else is
 * sent. With Encrypt=Strict the whole socket is TLS already, whatever the answer says. Should a
 * tedious upgrade rename the method, every connection is refused rather than let through.
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

/**
 * Logs in once. tedious reports a refused login as ELOGIN with the server's last text only; every
 * number and text (4060, then 18456) comes through the connection's errorMessage event, heard
 * until it has logged in, and is kept on a LoginFailure.
 */
function login(connection: Connection): Promise<void> {
  const messages: LoginMessage[] = [];
  const listener = ({ number, message }: LoginMessage) => void messages.push({ number, message });
  connection.on('errorMessage', listener);
  return new Promise((resolve, reject) => {
    connection.connect((error) => {
      connection.removeListener('errorMessage', listener);
      if (!error) return resolve();
      connection.close();
      const numbered = messages.length > 0 && faultOf(error).codes.has('ELOGIN') && faultOf(error).numbers.length === 0;
      reject(numbered ? new LoginFailure(error, messages) : error);
    });
  });
}

export function openDriver(connectionString: string, options: OpenOptions): Driver {
  const settings = parseMssqlConnectionString(connectionString);
  const config = toTediousConfig(settings, options);
  const location = mssqlLocation(settings);
  const schema = options.schema ?? DEFAULT_CATALOG_SCHEMA;
  let connection: Connection | undefined;
  /** Whether the server may hold a transaction open on the connection (begun, and not known to be ended). */
  let mayBeOpen = false;

  const forget = (lost: Connection) => {
    if (connection !== lost) return;
    connection = undefined;
    mayBeOpen = false;
    lost.close();
  };

  return {
    engine: 'mssql',
    location,
    statements: statements(schema),
    schema: catalogSchema(schema, location),
    faults: faults({
      settings,
      schema,
      connectTimeoutMs: settings.connectTimeoutMs ?? options.connectTimeoutMs,
      requestTimeoutMs: settings.requestTimeoutMs ?? options.requestTimeoutMs,
      secrets: secretsIn(connectionString),
    }),

    async connect() {
      if (connection) return;
      const opening = new Connection(config);
      refuseCleartextLogin(opening);
      // A connection lost while idle is reported as an event: forget it, the next call logs in again.
      opening.on('error', () => forget(opening));
      opening.on('end', () => forget(opening));
      await login(opening);
      connection = opening;
      mayBeOpen = false;
    },

    async send(steps) {
      const open = connection;
      if (!open) {
        // What tedious would answer on a connection that ended, as the dropped connection it is.
        throw Object.assign(new Error('The connection to SQL Server was closed.'), { code: 'ECLOSE' });
      }
      let text: string;
      try {
        text = requestText(steps);
      } catch (error) {
        // A value the catalog cannot hold: nothing is sent, and the round trip fails with it.
        return steps.map((): Outcome => ({ ok: false, error }));
      }
      const begins = steps.some((step) => step.kind === 'begin');
      const commits = steps.some((step) => step.kind === 'commit');
      // A migration's DDL waits as long as it takes (an index built on a large catalog).
      const ddl = steps.some((step) => step.kind === 'ddl');
      const { sets, error } = await run(open, text, ddl ? 0 : undefined);
      const { answers, rolledBack } = answersOf(sets);
      if (error !== undefined) {
        // The connection went away during the round trip: its transaction is gone with it, and
        // whether a COMMIT among its steps took effect is unknown.
        if (isConnectionLoss(error)) throw error;
        // The request timed out after its COMMIT was sent, and neither the COMMIT's marker nor the
        // CATCH's came back: whether it committed is unknown. The connection is dropped, not
        // rolled back and reused, and the core runs the call again on a new one.
        const commitAt = steps.findIndex((step) => step.kind === 'commit');
        if (commitAt >= answers.length && !rolledBack && faultOf(error).codes.has('ETIMEOUT')) {
          forget(open);
          throw new CommitOutcomeUnknown(error);
        }
        // The CATCH rolled back; without its marker (a cancelled request), the rollback checks.
        mayBeOpen = !rolledBack && (mayBeOpen || begins);
      } else if (commits) mayBeOpen = false;
      else if (begins) mayBeOpen = true;
      const failure = error ?? new Error(`The SQL Server catalog answered ${answers.length} of ${steps.length} steps.`);
      return steps.map((_, i): Outcome =>
        i < answers.length ? { ok: true, answer: answers[i] } : { ok: false, error: failure },
      );
    },

    async rollback() {
      const open = connection;
      if (!open || !mayBeOpen) return;
      mayBeOpen = false;
      const { error } = await run(open, ROLLBACK);
      if (error !== undefined) forget(open);
    },

    drop() {
      if (connection) forget(connection);
    },

    async close() {
      const open = connection;
      connection = undefined;
      mayBeOpen = false;
      if (!open) return;
      // Closing is best effort: the server ends the session of a closed socket. A connection that
      // ended already says so no more: it is not waited for.
      if (open.closed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        open.once('end', () => {
          clearTimeout(timer);
          resolve();
        });
        open.close();
      });
    },
  };
}
