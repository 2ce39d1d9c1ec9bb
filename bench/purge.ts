/**
 * bfx purge on a large catalog: 1,000,000 executions over 1,000 packages (one a minute, so the
 * oldest is about two years old; a row count on every tenth), purged --older-than 30 days while
 * begins and ends of random packages go on beside it. Measures how long the purge takes and how
 * long a begin waits meanwhile, against the same begins before the purge, on SQLite and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { CatalogEngine } from '../src/catalog/catalog.js';
import { openEngine } from '../src/catalog/connect.js';
import type { OpenOptions } from '../src/catalog/catalog.js';
import { purge } from '../src/run-control/catalog-commands.js';
import type { Cluster } from '../test/support/postgres.js';
import { OPTIONS, openCatalog as openPostgres } from './postgres.js';
import { PACKAGES } from './scale.js';
import { sleep } from './stats.js';

const openSqlite = (path: string, options: OpenOptions) => openEngine(`sqlite:${path}`, options);

export const PURGE_DAYS = 30;

export interface PurgeBenchResult {
  engine: string;
  rows: number;
  loadSeconds: number;
  purgeSeconds: number;
  deleted: number;
  left: number;
  /** Begin latencies (ms) of the same loop before the purge and while it ran. */
  before: number[];
  during: number[];
}

const ACTOR = { actor: 'bench', reason: null };

/** Begins and ends of random packages on another thread (bench/begin-loop.ts), until stop(). */
async function beginLoop(connectionString: string, tag: string) {
  const worker = new Worker(new URL('./begin-loop.ts', import.meta.url), {
    workerData: { connectionString, packages: PACKAGES, tag },
  });
  const messages: { ready?: boolean; latencies?: number[] }[] = [];
  const waiters: (() => void)[] = [];
  worker.on('message', (message: { ready?: boolean; latencies?: number[] }) => {
    messages.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = async () => {
    while (messages.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
    return messages.shift()!;
  };
  await next(); // ready: connected, catalog judged
  return {
    stop: async () => {
      worker.postMessage('stop');
      const { latencies } = await next();
      await worker.terminate();
      return latencies!;
    },
  };
}

/** The loop alone for a while, then the purge with the loop beside it. */
async function measure(
  result: PurgeBenchResult,
  connectionString: string,
  purging: CatalogEngine,
  baselineMs: number,
): Promise<void> {
  const baseline = await beginLoop(connectionString, 'before');
  await sleep(baselineMs);
  result.before = await baseline.stop();
  const beside = await beginLoop(connectionString, 'during');
  const t0 = performance.now();
  const purged = await purge(purging, PURGE_DAYS, ACTOR);
  result.purgeSeconds = (performance.now() - t0) / 1000;
  result.during = await beside.stop();
  result.deleted = purged.packages.reduce((sum, pkg) => sum + pkg.executions, 0);
}

export async function purgeSqlite(rows: number, baselineMs: number): Promise<PurgeBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-bench-purge-'));
  const path = join(dir, 'catalog.db');
  const result: PurgeBenchResult = {
    engine: 'SQLite',
    rows,
    loadSeconds: 0,
    purgeSeconds: 0,
    deleted: 0,
    left: 0,
    before: [],
    during: [],
  };
  try {
    const created = await openSqlite(path, { ...OPTIONS, createCatalog: true });
    await created.migrate();
    await created.close();
    const t0 = performance.now();
    const db = new DatabaseSync(path);
    db.exec('BEGIN');
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${PACKAGES})
             INSERT INTO Package (PackageName) SELECT 'pkg-' || i FROM n`);
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
             INSERT INTO Execution (PackageID, ExecutionStatus, NextLoadStatus, RetryCount, StartTime, EndTime, RunKey)
             SELECT (i - 1) % ${PACKAGES} + 1, CASE WHEN i % 7 = 0 THEN 'F' ELSE 'S' END, CASE WHEN i % 7 = 0 THEN 'R' ELSE 'P' END, 0,
                    strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (${rows} - i) || ' minutes'),
                    strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (${rows} - i) || ' minutes', '+30 seconds'),
                    'bulk:' || i
               FROM n`);
    db.exec(`INSERT INTO RowCount (ExecutionID, ObjectName, CountType, RowCount)
             SELECT ExecutionID, 'dbo.Target', 'Insert', ExecutionID % 1000 FROM Execution WHERE ExecutionID % 10 = 0`);
    db.exec('COMMIT');
    db.close();
    result.loadSeconds = (performance.now() - t0) / 1000;
    const purging = await openSqlite(path, { ...OPTIONS, createCatalog: false });
    try {
      await measure(result, `sqlite:${path}`, purging, baselineMs);
    } finally {
      await purging.close();
    }
    const check = new DatabaseSync(path, { readOnly: true });
    result.left = Number(check.prepare('SELECT count(*) AS n FROM Execution').get()!.n);
    check.close();
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function purgePostgres(cluster: Cluster, rows: number, baselineMs: number): Promise<PurgeBenchResult> {
  const result: PurgeBenchResult = {
    engine: 'PostgreSQL',
    rows,
    loadSeconds: 0,
    purgeSeconds: 0,
    deleted: 0,
    left: 0,
    before: [],
    during: [],
  };
  const url = await cluster.createDatabase();
  const database = new URL(url).pathname.slice(1);
  const created = await openPostgres(url);
  await created.migrate();
  await created.close();
  const t0 = performance.now();
  await cluster.sql(
    `INSERT INTO bfx.Package (PackageName) SELECT 'pkg-' || i FROM generate_series(1, ${PACKAGES}) i`,
    [],
    database,
  );
  await cluster.sql(
    `INSERT INTO bfx.Execution (PackageID, ExecutionStatus, NextLoadStatus, RetryCount, StartTime, EndTime, RunKey)
     SELECT (i - 1) % ${PACKAGES} + 1, CASE WHEN i % 7 = 0 THEN 'F' ELSE 'S' END, CASE WHEN i % 7 = 0 THEN 'R' ELSE 'P' END, 0,
            (now() at time zone 'utc') - make_interval(mins => ${rows} - i),
            (now() at time zone 'utc') - make_interval(mins => ${rows} - i) + interval '30 seconds',
            'bulk:' || i
       FROM generate_series(1, ${rows}) i`,
    [],
    database,
  );
  await cluster.sql(
    `INSERT INTO bfx.RowCount (ExecutionID, ObjectName, CountType, RowCount)
     SELECT ExecutionID, 'dbo.Target', 'Insert', ExecutionID % 1000 FROM bfx.Execution WHERE ExecutionID % 10 = 0`,
    [],
    database,
  );
  for (const table of ['Package', 'Execution', 'RowCount'])
    await cluster.sql(`VACUUM ANALYZE bfx.${table}`, [], database);
  result.loadSeconds = (performance.now() - t0) / 1000;
  const purging = await openPostgres(url);
  try {
    await measure(result, url, purging, baselineMs);
  } finally {
    await purging.close();
  }
  const [{ n }] = await cluster.sql<{ n: number }>('SELECT count(*)::int AS n FROM bfx.Execution', [], database);
  result.left = n;
  return result;
}
