/**
 * Begin latency with 1,000,000 execution rows over 1,000 packages against an empty catalog (the
 * same 1,000 packages, no executions), on SQLite and on PostgreSQL. The rows are bulk-loaded with
 * SQL (a recursive CTE, generate_series), not through begin. The two catalogs are measured in
 * alternation, each cycle a begin and an end of a random package through the engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CatalogEngine } from '../src/catalog/catalog.js';
import { openEngine } from '../src/catalog/connect.js';
import type { OpenOptions } from '../src/catalog/catalog.js';
import type { Cluster } from '../test/support/postgres.js';
import { end } from '../src/run-control/index.js';
import { begin } from '../test/support/requests.js';
import { CONTEXT, OPTIONS, openCatalog as openPostgres } from './postgres.js';

const openSqlite = (path: string, options: OpenOptions) => openEngine(`sqlite:${path}`, options);

export const PACKAGES = 1_000;

export interface ScaleResult {
  engine: string;
  rows: number;
  loadSeconds: number;
  /** Milliseconds, begin only and end only. */
  emptyBegin: number[];
  fullBegin: number[];
  emptyEnd: number[];
  fullEnd: number[];
}

const contextSql = (quote: (value: string) => string) =>
  [
    CONTEXT.repository,
    CONTEXT.workflow,
    CONTEXT.job,
    CONTEXT.runId,
    CONTEXT.runAttempt,
    CONTEXT.actor,
    CONTEXT.event,
    CONTEXT.sha,
  ]
    .map((value) => quote(value!))
    .join(', ');
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function alternate(
  empty: CatalogEngine,
  full: CatalogEngine,
  cycles: number,
  result: ScaleResult,
): Promise<void> {
  const tag = Math.random().toString(36).slice(2, 8);
  const cycle = async (catalog: CatalogEngine, begins: number[], ends: number[], i: number, measured: boolean) => {
    const packageName = `pkg-${1 + Math.floor(Math.random() * PACKAGES)}`;
    const runKey = `scale:${tag}:${i}`;
    const t0 = performance.now();
    const begun = await begin(catalog, {
      packageName,
      retryLimit: undefined,
      parentExecutionId: undefined,
      runKey,
      context: CONTEXT,
    });
    const t1 = performance.now();
    await end(catalog, { executionId: begun.executionId, outcome: 'success', message: null, caller: { runKey } });
    const t2 = performance.now();
    if (begun.plan.kind !== 'insert') throw new Error(`scale: expected an insert, the begin was a ${begun.plan.kind}`);
    if (measured) {
      begins.push(t1 - t0);
      ends.push(t2 - t1);
    }
  };
  const warmUp = Math.max(20, Math.round(cycles / 10));
  for (let i = 0; i < warmUp + cycles; i++) {
    // Alternate which goes first, so that neither always follows the other's commit.
    const first = i % 2 === 0;
    if (first) await cycle(empty, result.emptyBegin, result.emptyEnd, i, i >= warmUp);
    await cycle(full, result.fullBegin, result.fullEnd, i, i >= warmUp);
    if (!first) await cycle(empty, result.emptyBegin, result.emptyEnd, i, i >= warmUp);
  }
}

export async function scaleSqlite(rows: number, cycles: number): Promise<ScaleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-bench-scale-'));
  const result: ScaleResult = {
    engine: 'SQLite',
    rows,
    loadSeconds: 0,
    emptyBegin: [],
    fullBegin: [],
    emptyEnd: [],
    fullEnd: [],
  };
  try {
    const paths = { empty: join(dir, 'empty.db'), full: join(dir, 'full.db') };
    for (const path of Object.values(paths)) {
      const catalog = await openSqlite(path, { ...OPTIONS, createCatalog: true });
      await catalog.migrate();
      await catalog.close();
    }
    const started = performance.now();
    for (const [name, path] of Object.entries(paths)) {
      const db = new DatabaseSync(path);
      db.exec('BEGIN');
      db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${PACKAGES})
               INSERT INTO Package (PackageName) SELECT 'pkg-' || i FROM n`);
      if (name === 'full') {
        db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
                 INSERT INTO Execution (PackageID, ExecutionStatus, NextLoadStatus, RetryCount, StartTime, EndTime, RunKey,
                                        Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha)
                 SELECT (i - 1) % ${PACKAGES} + 1, 'S', 'P', 0,
                        strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (${rows} - i) || ' minutes'),
                        strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (${rows} - i) || ' minutes', '+30 seconds'),
                        'bulk:' || i, ${contextSql(quote)}
                   FROM n`);
      }
      db.exec('COMMIT');
      db.close();
    }
    result.loadSeconds = (performance.now() - started) / 1000;
    const empty = await openSqlite(paths.empty, { ...OPTIONS, createCatalog: false });
    const full = await openSqlite(paths.full, { ...OPTIONS, createCatalog: false });
    try {
      await alternate(empty, full, cycles, result);
    } finally {
      await empty.close();
      await full.close();
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function scalePostgres(cluster: Cluster, rows: number, cycles: number): Promise<ScaleResult> {
  const result: ScaleResult = {
    engine: 'PostgreSQL',
    rows,
    loadSeconds: 0,
    emptyBegin: [],
    fullBegin: [],
    emptyEnd: [],
    fullEnd: [],
  };
  const urls = { empty: await cluster.createDatabase(), full: await cluster.createDatabase() };
  const database = (url: string) => new URL(url).pathname.slice(1);
  for (const url of Object.values(urls)) {
    const catalog = await openPostgres(url);
    await catalog.migrate();
    await catalog.close();
  }
  const started = performance.now();
  for (const [name, url] of Object.entries(urls)) {
    await cluster.sql(
      `INSERT INTO bfx.Package (PackageName) SELECT 'pkg-' || i FROM generate_series(1, ${PACKAGES}) i`,
      [],
      database(url),
    );
    if (name === 'full') {
      await cluster.sql(
        `INSERT INTO bfx.Execution (PackageID, ExecutionStatus, NextLoadStatus, RetryCount, StartTime, EndTime, RunKey,
                                    Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha)
         SELECT (i - 1) % ${PACKAGES} + 1, 'S', 'P', 0,
                (now() at time zone 'utc') - make_interval(mins => ${rows} - i),
                (now() at time zone 'utc') - make_interval(mins => ${rows} - i) + interval '30 seconds',
                'bulk:' || i, ${contextSql(quote)}
           FROM generate_series(1, ${rows}) i`,
        [],
        database(url),
      );
    }
    // What autovacuum does after a bulk load (it would within a minute or so): statistics, visibility map.
    await cluster.sql('VACUUM ANALYZE bfx.Package', [], database(url));
    await cluster.sql('VACUUM ANALYZE bfx.Execution', [], database(url));
  }
  result.loadSeconds = (performance.now() - started) / 1000;
  const empty = await openPostgres(urls.empty);
  const full = await openPostgres(urls.full);
  try {
    await alternate(empty, full, cycles, result);
  } finally {
    await empty.close();
    await full.close();
  }
  return result;
}
