/**
 * The PostgreSQL driver of the SQL core (src/catalog/sql/driver.ts): one pg connection in
 * pipeline mode. send() writes every step of a round trip at once without waiting for an answer,
 * and the server runs them in order, so a package transaction is "BEGIN, locks, reads" in one
 * round trip and "writes, COMMIT" in the next. When a step fails, the server aborts the
 * transaction: the steps behind it fail with 25P02 and a COMMIT among them rolls back.
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
import type { Answer, BeginMode, Driver, Outcome, Params, StatementName, Step } from '../sql/driver.js';
import { faults, isConnectionLoss, unreadableConnectionString } from './faults.js';
import { catalogSchema } from './schema.js';
import { statements } from './statements.js';

type Row = Record<string, unknown>;

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
 * How each kind of transaction begins, sent as one simple query. The statement limit has a
 * second's headroom over the lock limit, so that a lock wait is reported as one. Numbers only:
 * nothing user-given reaches this text.
 */
export function beginTexts(requestTimeoutMs: number): Record<BeginMode, string> {
  const ms = (value: number) => Math.max(1, Math.round(value));
  const limited = [
    'BEGIN ISOLATION LEVEL READ COMMITTED',
    `SET LOCAL lock_timeout = ${ms(requestTimeoutMs)}`,
    `SET LOCAL statement_timeout = ${ms(requestTimeoutMs + 1000)}`,
    `SET LOCAL idle_in_transaction_session_timeout = ${ms(requestTimeoutMs)}`,
  ].join('; ');
  return {
    package: limited,
    migrate: limited,
    // The report's reads: one snapshot, in which now() is the same for every statement.
    snapshot: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
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
    return params[name];
  });
  return { text: statement.text, values };
}

/**
 * Reads that answer execution rows (the same columns, EXECUTION_LIST). Adjacent ones in a round
 * trip (a begin's re-entry, active and last-ended reads; an end's execution, parent and children)
 * travel as one statement: each read is a part of a UNION ALL, numbered, and its rows are its
 * answer, in its own order. The server parses, plans and runs one statement instead of several,
 * and the answers are those of the reads run one after the other: they read the locked package
 * (which nothing else changes meanwhile) or rows whose change in between would be a commit either
 * before or after them.
 */
const EXECUTION_READS = new Set<StatementName>([
  'EXECUTION_WITH_RUN_KEY',
  'ACTIVE_EXECUTION',
  'LATEST_EXECUTION',
  'LAST_ENDED_EXECUTION',
  'EXECUTION_BY_ID',
  'ANY_EXECUTION',
  'PARENT_OF',
  'CHILDREN',
]);

type StatementStep = Extract<Step, { kind: 'statement' }>;

const isExecutionRead = (step: Step): step is StatementStep =>
  step.kind === 'statement' && EXECUTION_READS.has(step.name);

/** Whether two steps give no name two different values (they share the lock key's). */
function agree(a: Params, b: Params): boolean {
  return Object.keys(b).every((name) => !(name in a) || JSON.stringify(a[name]) === JSON.stringify(b[name]));
}

/**
 * How steps go on the wire: one statement each, or, as one statement, a run of adjacent execution
 * reads (`reads`), or a begin's last reads, the latest execution with a status and the variables
 * (`outputs`).
 */
type Unit = { kind: 'step'; step: Step } | { kind: 'reads' | 'outputs'; steps: StatementStep[] };

const OUTPUTS: StatementName[] = ['LAST_EXECUTION_WITH_STATUS', 'VARIABLES'];

function fuse(steps: readonly Step[]): Unit[] {
  const units: Unit[] = [];
  for (const step of steps) {
    const open = units.at(-1);
    if (
      open?.kind === 'reads' &&
      isExecutionRead(step) &&
      open.steps.every((read) => agree(read.params, step.params))
    ) {
      open.steps.push(step);
    } else if (
      open?.kind === 'step' &&
      open.step.kind === 'statement' &&
      open.step.name === OUTPUTS[0] &&
      step.kind === 'statement' &&
      step.name === OUTPUTS[1] &&
      agree(open.step.params, step.params)
    ) {
      units[units.length - 1] = { kind: 'outputs', steps: [open.step, step] };
    } else {
      units.push(isExecutionRead(step) ? { kind: 'reads', steps: [step] } : { kind: 'step', step });
    }
  }
  return units;
}

const stepsOf = (unit: Unit): Step[] => (unit.kind === 'step' ? [unit.step] : unit.steps);

/** One statement for several execution reads: part k holds read k's rows, n their order in it. */
export function fusedReads(texts: readonly string[]): string {
  const parts = texts.map((text, k) => `SELECT ${k + 1} AS part, row_number() OVER () AS n, q.* FROM (${text}) q`);
  return `${parts.join('\nUNION ALL\n')}\nORDER BY part, n`;
}

/**
 * One statement for a begin's last reads: part 1 the executionId of LAST_EXECUTION_WITH_STATUS
 * (the variable columns null), part 2 the rows of VARIABLES (VARIABLE_COLUMNS), in their order.
 */
export function fusedOutputs(lastText: string, variablesText: string): string {
  return `
SELECT 1 AS part, 1::bigint AS n, l."executionId", NULL::varchar AS "name", NULL::text AS "value",
       NULL::text AS "previousValue", NULL::timestamp AS "updatedTime"
  FROM (${lastText}) l
UNION ALL
SELECT 2, row_number() OVER (), v."executionId", v."name", v."value", v."previousValue", v."updatedTime"
  FROM (${variablesText}) v
ORDER BY part, n`;
}

/** The statement a fused unit sends, with all of its steps' values. */
function fused(unit: Exclude<Unit, { kind: 'step' }>): { text: string; params: Params } {
  const params: Record<string, Params[string]> = {};
  for (const step of unit.steps) Object.assign(params, step.params);
  const texts = unit.steps.map((step) => step.text);
  return { text: unit.kind === 'reads' ? fusedReads(texts) : fusedOutputs(texts[0], texts[1]), params };
}

/** Each step's answer out of a fused one: part k's rows, with the fields of its step. */
function parts(result: pg.QueryResult<Row>, unit: Exclude<Unit, { kind: 'step' }>): Answer[] {
  return unit.steps.map((_, k) => {
    const rows = result.rows.filter((row) => Number(row.part) === k + 1);
    const fields = unit.kind === 'outputs' && k === 0 ? ['executionId'] : undefined;
    return {
      rows: rows.map(({ part: _part, n: _n, ...row }) =>
        fields ? Object.fromEntries(fields.map((field) => [field, row[field]])) : row,
      ),
      changed: 0,
    };
  });
}

/**
 * A statement's answer: its rows, and the rows an INSERT, UPDATE or DELETE changed. A guarded
 * update is an UPDATE inside WITH whose guard fails it unless it changed exactly one row, which it
 * answers (statements.ts): what it changed is the rows it answers.
 */
function answer(result: pg.QueryResult<Row> | pg.QueryResult<Row>[], guarded = false): Answer {
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

  const forget = (lost: pg.Client) => {
    if (client === lost) client = null;
    lost.end().catch(() => undefined);
  };

  const query = (open: pg.Client, step: Step): Promise<pg.QueryResult<Row> | pg.QueryResult<Row>[]> => {
    switch (step.kind) {
      case 'begin':
        return open.query<Row>(begins[step.mode]);
      case 'statement':
        return open.query<Row>(bind(step.text, step.params));
      case 'ddl':
        return open.query<Row>(step.text);
      case 'commit':
        return open.query<Row>('COMMIT');
    }
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
      const units = fuse(steps);
      // Each unit is written as it is mapped (an async function runs to its first await at once):
      // one round trip. A unit that cannot be bound fails alone; the units already sent go on.
      const settled = await Promise.allSettled(
        units.map(async (unit): Promise<Answer[]> => {
          if (unit.kind === 'step') {
            const { step } = unit;
            return [answer(await query(open, step), step.kind === 'statement' && step.guarded === true)];
          }
          const { text, params } = fused(unit);
          return parts(await open.query<Row>(bind(text, params)), unit);
        }),
      );
      const outcomes = settled.flatMap((outcome, u): Outcome[] =>
        outcome.status === 'fulfilled'
          ? outcome.value.map((answered) => ({ ok: true, answer: answered }))
          : stepsOf(units[u]).map(() => ({ ok: false, error: outcome.reason as unknown })),
      );
      // The connection went away during the round trip: its transaction is gone with it, and
      // whether a COMMIT among its steps took effect is unknown.
      const lost = settled.find(
        (outcome): outcome is PromiseRejectedResult =>
          outcome.status === 'rejected' && isConnectionLoss(outcome.reason),
      );
      if (lost) throw lost.reason;
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
