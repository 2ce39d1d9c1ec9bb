/**
 * The PostgreSQL catalog's statements. Values are bound by name (@Column, the names of the column
 * map in catalog.ts); bind() turns the names into pg's $1..$n, so no statement depends on the
 * order of a values array written somewhere else.
 *
 * The reads and writes of a locked package find it through the transaction's lock key, by a
 * package-ID subquery (an InitPlan: one index probe), so they need no answer from an earlier
 * statement and can be pipelined behind the lock: by name (begin, operator commands) or through
 * one of its executions (end). Statuses are never written here: they come in as values.
 */
import { CONTEXT_COLUMNS } from '../catalog.js';
import { executionSelectList, packageSelectList } from '../rows.js';
import { UTC_NOW } from './schema.js';

export type Params = Record<string, unknown>;

const compiled = new Map<string, { text: string; names: string[] }>();

/** `... WHERE PackageName = @PackageName` with { PackageName } -> `... WHERE PackageName = $1` with [value]. */
export function bind(sql: string, params: Params): { text: string; values: unknown[] } {
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

/** PostgreSQL folds unquoted aliases to lower case: the camelCase field names are quoted. */
const quote = (field: string) => `"${field}"`;
const PACKAGE_LIST = packageSelectList('p', quote);
const EXECUTION_LIST = executionSelectList(quote);
const EXECUTION = `SELECT ${EXECUTION_LIST} FROM bfx.Execution e JOIN bfx.Package p ON p.PackageID = e.PackageID`;
const CONTEXT = Object.values(CONTEXT_COLUMNS);

// ---- transactions --------------------------------------------------------------------------------

/**
 * The first statement of every transaction, sent as one simple query: READ COMMITTED whatever the
 * database's default (each statement sees the rows committed before it started, so a read
 * pipelined behind the lock sees every transaction that held the lock before), and the
 * server-side limits, set LOCAL so that they also hold behind a transaction-mode pooler (PgBouncer
 * refuses them as startup parameters): a lock wait or a slow statement ends with a clean rollback
 * and a clear code, and a runner that hangs mid-transaction cannot hold its package's lock for
 * ever. The statement limit has a second's headroom, so that a lock wait is reported as one.
 * Numbers only: nothing user-given reaches this text.
 */
export function beginTransaction(requestTimeoutMs: number): string {
  const ms = (value: number) => Math.max(1, Math.round(value));
  return [
    'BEGIN ISOLATION LEVEL READ COMMITTED',
    `SET LOCAL lock_timeout = ${ms(requestTimeoutMs)}`,
    `SET LOCAL statement_timeout = ${ms(requestTimeoutMs + 1000)}`,
    `SET LOCAL idle_in_transaction_session_timeout = ${ms(requestTimeoutMs)}`,
  ].join('; ');
}

export const COMMIT = 'COMMIT';
export const ROLLBACK = 'ROLLBACK';

// ---- the lock ------------------------------------------------------------------------------------

/** How a transaction names its package: @PackageName, or @LockExecutionID for an end. */
export type LockKey = 'name' | 'execution';

const LOCKED_PACKAGE_ID: Record<LockKey, string> = {
  name: `(SELECT PackageID FROM bfx.Package WHERE PackageName = @PackageName)`,
  execution: `(SELECT PackageID FROM bfx.Execution WHERE ExecutionID = @LockExecutionID)`,
};

/** One statement per lock key, the locked package's ID written in where `id` is used. */
const byKey = (statement: (id: string) => string): Record<LockKey, string> => ({
  name: statement(LOCKED_PACKAGE_ID.name),
  execution: statement(LOCKED_PACKAGE_ID.execution),
});

/**
 * Registers a new package (a begin's lock). The NOT EXISTS probe keeps an existing package from
 * drawing (and wasting) an identity value; ON CONFLICT covers two runs registering it at once: the
 * second waits for the first to commit, then does nothing.
 */
export const REGISTER_PACKAGE = `
INSERT INTO bfx.Package (PackageName, RetryLimit)
SELECT @PackageName::varchar, @RetryLimit::integer
 WHERE NOT EXISTS (SELECT 1 FROM bfx.Package WHERE PackageName = @PackageName::varchar)
ON CONFLICT (PackageName) DO NOTHING`;

/**
 * The package's lock, held to COMMIT: every change to a package's executions (begin, end, enable,
 * disable, skip, resume, reset) queues here, on the same row. Returns the row as locked.
 */
export const LOCK_PACKAGE = byKey(
  (id) => `SELECT ${PACKAGE_LIST} FROM bfx.Package p WHERE p.PackageID = ${id} FOR UPDATE`,
);

// ---- reads of the locked package ----------------------------------------------------------------

export const EXECUTION_WITH_RUN_KEY = byKey(
  (id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC LIMIT 1`,
);
export const ACTIVE_EXECUTION = byKey((id) => `${EXECUTION} WHERE e.PackageID = ${id} AND e.EndTime IS NULL LIMIT 1`);
export const LATEST_EXECUTION = byKey(
  (id) => `${EXECUTION} WHERE e.PackageID = ${id} ORDER BY e.ExecutionID DESC LIMIT 1`,
);
export const EXECUTION_BY_ID = byKey((id) => `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = ${id}`);

// ---- writes of the locked package ---------------------------------------------------------------

export const INSERT_EXECUTION = `
INSERT INTO bfx.Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
  ErrorMessage, RunKey, ${CONTEXT.join(', ')})
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended::boolean THEN ${UTC_NOW} END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')})
RETURNING ExecutionID AS "executionId"`;

/**
 * The guard of an update that must change exactly one row: 1 / count(*) over its RETURNING fails
 * with division_by_zero (22012) when it changed none, on the server, so the transaction is aborted
 * and the COMMIT pipelined behind it rolls everything back (faults.ts reads 22012 as the guard).
 */
const GUARD = `(SELECT 1 / count(*) AS one FROM changed) guard`;

/** Guarded: only an active execution of the locked package is taken over. */
export const TAKE_OVER_EXECUTION = byKey(
  (id) => `
WITH changed AS (
  UPDATE bfx.Execution
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
         RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
   WHERE ExecutionID = @ExecutionID AND PackageID = ${id} AND EndTime IS NULL
  RETURNING 1)
SELECT guard.one FROM ${GUARD}`,
);

/**
 * Guarded like the take-over. Returns the ended row. The LEFT JOIN keeps the guard's row, and its
 * ON clause uses the guard's value, so the planner can neither skip it nor drop it as unused.
 */
export const FINISH_EXECUTION = byKey(
  (id) => `
WITH changed AS (
  UPDATE bfx.Execution
     SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = ${UTC_NOW},
         ErrorMessage = @ErrorMessage
   WHERE ExecutionID = @ExecutionID AND PackageID = ${id} AND EndTime IS NULL
  RETURNING *)
SELECT ${EXECUTION_LIST}
  FROM ${GUARD} LEFT JOIN (changed e JOIN bfx.Package p ON p.PackageID = e.PackageID) ON guard.one = 1`,
);

export const SET_NEXT_LOAD_STATUS = byKey(
  (id) => `
UPDATE bfx.Execution e SET NextLoadStatus = @NextLoadStatus
  FROM bfx.Package p
 WHERE e.ExecutionID = @ExecutionID AND e.PackageID = ${id} AND p.PackageID = e.PackageID
RETURNING ${EXECUTION_LIST}`,
);

export const SET_ENABLED = byKey(
  (id) => `UPDATE bfx.Package p SET IsEnabled = @IsEnabled WHERE p.PackageID = ${id} RETURNING ${PACKAGE_LIST}`,
);

// ---- outside any package's lock ----------------------------------------------------------------

/** How many of the catalog's tables and indexes are there (readable without any privilege). */
export const COUNT_OBJECTS = `
SELECT count(*) FILTER (WHERE c.relkind IN ('r', 'p') AND c.relname = ANY (@Tables::text[]))::int AS "tables",
       count(*) FILTER (WHERE c.relkind = 'i' AND c.relname = ANY (@Indexes::text[]))::int AS "indexes"
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'bfx'`;

/**
 * Held to COMMIT by a migration: CREATE ... IF NOT EXISTS can still race in PostgreSQL (two
 * sessions both see nothing and both create), so concurrent migrations take turns.
 */
export const MIGRATE_LOCK = `SELECT pg_advisory_xact_lock(@Key::bigint)`;

/** Status of one package (@PackageName) or of all (@PackageName null): three reads sent at once. */
const NAMED = (alias: string) => `(@PackageName::varchar IS NULL OR ${alias}.PackageName = @PackageName::varchar)`;
export const STATUS_PACKAGES = `SELECT ${PACKAGE_LIST} FROM bfx.Package p WHERE ${NAMED('p')} ORDER BY p.PackageName`;
export const STATUS_LATEST = `
SELECT x.* FROM bfx.Package k CROSS JOIN LATERAL (
  ${EXECUTION} WHERE e.PackageID = k.PackageID ORDER BY e.ExecutionID DESC LIMIT 1) x
 WHERE ${NAMED('k')}`;
export const STATUS_ACTIVE = `${EXECUTION} WHERE e.EndTime IS NULL AND ${NAMED('p')}`;

export const HISTORY = `${EXECUTION} WHERE e.PackageID = ${LOCKED_PACKAGE_ID.name} ORDER BY e.ExecutionID DESC LIMIT @Limit`;
