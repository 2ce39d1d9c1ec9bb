/**
 * The PostgreSQL driver of the SQL core (src/catalog/sql/driver.ts): one pg connection in
 * pipeline mode. send() writes every step of a round trip at once without waiting for an answer
 * (the statements as one batch with one Sync, pipeline.ts), and the server runs them in order, so
 * a package transaction is "BEGIN, locks, reads" in one round trip and "writes, COMMIT" in the
 * next. When a step fails, the server aborts the transaction and skips the rest of the batch: the
 * steps behind it fail with the same error, a COMMIT among them never runs, and the core rolls
 * back.
 *
 * Every transaction is READ COMMITTED whatever the database's default (each statement sees what
 * was committed before it started, so a read pipelined behind a lock sees every transaction that
 * held it), with its server-side limits set LOCAL (they also hold behind a transaction-mode
 * pooler, which refuses them as startup parameters): a lock wait or a slow statement ends with a
 * clean rollback and a clear code, and a runner that hangs mid-transaction cannot hold its
 * package's lock for ever.
 */
import pg from 'pg';
import { DEFAULT_CATALOG_SCHEMA, type OpenOptions } from '../catalog.js';
import type { Answer, BeginMode, Driver } from '../sql/driver.js';
import { faults, isConnectionLoss, unreadableConnectionString } from './faults.js';
import { prepared, sendSteps, type StatementResult, type StepWriter } from './pipeline.js';
import { catalogSchema } from './schema.js';
import { statements } from './statements.js';

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

/**
 * How each kind of transaction begins: statements sent in the round trip's batch, in front of its
 * other statements (pipeline.ts), so that the server answers the whole round trip at once. The
 * limits are set LOCAL by one SELECT of set_config(..., true). The statement limit has a second's
 * headroom over the lock limit, so that a lock wait is reported as one. Numbers only: nothing
 * user-given reaches this text.
 */
export function beginTexts(requestTimeoutMs: number): Record<BeginMode, string[]> {
  const ms = (value: number) => Math.max(1, Math.round(value));
  const local = (setting: string, value: number) => `set_config('${setting}', '${ms(value)}', true)`;
  const limited = [
    'BEGIN ISOLATION LEVEL READ COMMITTED',
    `SELECT ${[
      local('lock_timeout', requestTimeoutMs),
      local('statement_timeout', requestTimeoutMs + 1000),
      local('idle_in_transaction_session_timeout', requestTimeoutMs),
    ].join(', ')}`,
  ];
  return {
    package: limited,
    migrate: limited,
    // The report's reads: one snapshot, in which now() is the same for every statement.
    snapshot: ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'],
  };
}

const compiled = new Map<string, { text: string; names: string[] }>();

/** `... WHERE PackageName = @PackageName` with { PackageName } -> `... WHERE PackageName = $1` with [value]. */
export function bind(sql: string, params: Readonly<Record<string, unknown>>): { text: string; values: unknown[] } {
  let statement = compiled.get(sql);
  if (!statement) {
    const names: string[] = [];
    const text = sql.replace(/@([A-Za-z]\w*)/g, (_, name: string) => {
      if (!names.includes(name)) names.push(name);
      return `$${names.indexOf(name) + 1}`;
    });
    statement = { text, names };
    compiled.set(sql, statement);
  }
  const values = statement.names.map((name) => {
    if (!(name in params)) throw new Error(`No value was given for @${name} in: ${sql.trim().slice(0, 80)}`);
    return wireValue(params[name], name);
  });
  return { text: statement.text, values };
}

/**
 * A value of a type pg sends as it is (null, text, a number, a boolean, an array of texts or
 * numbers), checked here, before anything of the round trip is written, rather than by pg as it
 * writes each query: a value that cannot be sent fails its step before the steps behind it leave
 * (see send).
 */
function wireValue(value: unknown, name: string): unknown {
  const plain = (item: unknown) => item === null || ['string', 'number', 'boolean'].includes(typeof item);
  if (value === undefined || plain(value)) return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return value;
  throw new Error(`The value given for @${name} is not one a statement can bind (${typeof value}).`);
}

/**
 * A statement's answer: its rows, and the rows an INSERT, UPDATE or DELETE changed. A guarded
 * update is an UPDATE inside WITH whose guard fails it unless it changed exactly @GuardedRows rows
 * (one or more), which it answers, one row each (statements.ts): what it changed is the rows it
 * answers.
 */
function answer(result: StatementResult | StatementResult[], guarded = false): Answer {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  if (guarded) return { rows: last.rows, changed: last.rows.length };
  const changed = ['INSERT', 'UPDATE', 'DELETE'].includes(last.command) ? (last.rowCount ?? 0) : 0;
  return { rows: last.rows, changed };
}

export function openDriver(connectionString: string, options: OpenOptions): Driver {
  const config: pg.ClientConfig = {
    connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs,
    // The server-side limits are set per transaction (beginTexts); this client-side one is only
    // the backstop for a server that stops answering.
    query_timeout: options.requestTimeoutMs + 5000,
    fallback_application_name: 'bfx-begin',
    keepAlive: true,
    pipeline: true,
    types: TYPES,
  };
  let probe: pg.Client;
  try {
    probe = new pg.Client(config);
  } catch (error) {
    throw unreadableConnectionString(error);
  }
  const host = probe.host || 'localhost';
  const port = probe.port || 5432;
  const database = probe.database || probe.user || '';
  const location = `${host}:${port}/${database}`;
  const schema = options.schema ?? DEFAULT_CATALOG_SCHEMA;
  const begins = beginTexts(options.requestTimeoutMs);
  let client: pg.Client | null = null;
  const writer: StepWriter = {
    begin: (step) => begins[step.mode].map((text) => ({ text, values: [] })),
    ddl: (step) => step.text,
    bound: (step) => prepared(bind(step.text, step.params)),
    answer: (result, step) => answer(result, step.kind === 'statement' && step.guarded !== undefined),
  };

  const forget = (lost: pg.Client) => {
    if (client === lost) client = null;
    lost.end().catch(() => undefined);
  };

  return {
    engine: 'postgres',
    location,
    statements: statements(schema),
    schema: catalogSchema(schema, location),
    faults: faults({
      host,
      port,
      database,
      user: probe.user || '',
      location,
      connectTimeoutMs: options.connectTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs,
    }),

    async connect() {
      if (client) return;
      const opening = new pg.Client(config);
      // A connection lost while idle is reported as an event: forget it, the next call reconnects.
      opening.on('error', () => forget(opening));
      opening.on('end', () => {
        if (client === opening) client = null;
      });
      try {
        await opening.connect();
      } catch (error) {
        opening.end().catch(() => undefined);
        throw error;
      }
      client = opening;
    },

    async send(steps) {
      const open = client;
      if (!open) throw new Error('The PostgreSQL catalog has no open connection.');
      const outcomes = await sendSteps(open, steps, TYPES, writer);
      // The connection went away during the round trip: its transaction is gone with it, and
      // whether a COMMIT among its steps took effect is unknown.
      const lost = outcomes.find((outcome) => !outcome.ok && isConnectionLoss(outcome.error));
      if (lost && !lost.ok) throw lost.error;
      return outcomes;
    },

    async rollback() {
      const open = client;
      if (!open) return;
      try {
        await open.query('ROLLBACK');
      } catch {
        forget(open);
      }
    },

    drop() {
      if (client) forget(client);
    },

    async close() {
      const open = client;
      client = null;
      if (open) await open.end().catch(() => undefined);
    },
  };
}
