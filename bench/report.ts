/**
 * The catalog report at scale: 1,000 packages (20 of them batches of 49 children each) and
 * 1,000,000 executions, one a minute (so the 30-day window holds 43,200 of them), with failures,
 * skips, messages, a row count per execution and an audit record per package, bulk-loaded with
 * SQL. Measured: the whole report (open the catalog, read it, build the model, render, write the
 * file) and its read alone; the queries it sends; the file's size. On SQLite and PostgreSQL.
 *
 * Run alone: `node --import tsx bench/report.ts` (BFX_BENCH_REPORT_ROWS, BFX_BENCH_REPORT_RUNS).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CatalogEngine } from '../src/catalog/catalog.js';
import { openEngine } from '../src/catalog/connect.js';
import { openSqlCatalog } from '../src/catalog/sql/catalog.js';
import { openDriver } from '../src/catalog/sqlite/driver.js';
import { renderCatalogReport } from '../src/report/index.js';
import { startCluster, type Cluster } from '../test/support/postgres.js';
import { OPTIONS, openCatalog as openPostgres } from './postgres.js';
import { median, ms, table } from './stats.js';
import { startWireProxy } from './wire-proxy.js';

export const REPORT_PACKAGES = 1_000;
const BATCHES = 20;
const WINDOW_DAYS = 30;
const MB = 1024 * 1024;

export interface ReportBenchResult {
  engine: string;
  rows: number;
  loadSeconds: number;
  /** Executions that started in the window. */
  windowExecutions: number;
  /** Milliseconds: the whole report, and its read alone, per run. */
  whole: number[];
  read: number[];
  /** Statements sent for one report (SQLite: prepared statements run; PostgreSQL: on the wire, with round trips). */
  statements: number;
  roundTrips: number | null;
  bytes: number;
}

/**
 * The rows, as SQL over a series i = 1..rows (one execution a minute, the last one now): package
 * (i - 1) % 1000 + 1; packages 1-20 are batches, and the others run under their batch's execution
 * of the same round of 1,000. Every 17th fails (with a message), every 29th is skipped.
 */
const executionSelect = (minutesAgo: string, plus: (seconds: string) => string, text: (sql: string) => string) => `
SELECT (i - 1) % ${REPORT_PACKAGES} + 1,
       CASE WHEN (i - 1) % ${REPORT_PACKAGES} < ${BATCHES} THEN NULL
            ELSE ((i - 1) / ${REPORT_PACKAGES}) * ${REPORT_PACKAGES} + ((i - 1) % ${REPORT_PACKAGES} - ${BATCHES}) % ${BATCHES} + 1 END,
       CASE WHEN i % 17 = 0 THEN 'F' WHEN i % 29 = 0 THEN 'C' ELSE 'S' END,
       CASE WHEN i % 17 = 0 THEN 'R' ELSE 'P' END,
       CASE WHEN i % 17 = 0 THEN 1 ELSE 0 END,
       ${minutesAgo},
       ${plus(`30 + i % 90`)},
       ${text(`'bulk:' || i`)},
       CASE WHEN i % 17 = 0 THEN 'Transaction was deadlocked on lock resources with another process.' END,
       'acme/loads', 'Nightly loads', 'load', ${text(`10000000 + (i - 1) / ${REPORT_PACKAGES}`)}, '1', 'octocat', 'schedule',
       'ffffffffffffffffffffffffffffffffffffffff'`;
const EXECUTION_COLUMNS = `(PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, StartTime, EndTime, RunKey,
  ErrorMessage, Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha)`;

async function measure(
  catalogFor: () => Promise<CatalogEngine>,
  runs: number,
  out: string,
  result: ReportBenchResult,
  count: () => { statements: number; roundTrips: number | null },
  reset: () => void,
) {
  for (let i = 0; i <= runs; i++) {
    reset();
    const t0 = performance.now();
    const catalog = await catalogFor();
    let readMs: number;
    try {
      const t1 = performance.now();
      const snapshot = await catalog.reportSnapshot(WINDOW_DAYS * 24 * 60);
      readMs = performance.now() - t1;
      result.windowExecutions = snapshot.executions.filter((row) => row.startTime >= snapshot.since).length;
      const counted = count();
      const report = renderCatalogReport(snapshot, catalog.location, {
        windowMinutes: WINDOW_DAYS * 24 * 60,
        packageNames: [],
        serverUrl: 'https://github.com',
        generator: 'bench',
        packageOption: '--package',
      });
      writeFileSync(out, report.html);
      result.bytes = Buffer.byteLength(report.html);
      result.statements = counted.statements;
      result.roundTrips = counted.roundTrips;
    } finally {
      await catalog.close();
    }
    // The first run warms the caches (the file's pages, the server's buffers) and is not counted.
    if (i > 0) {
      result.whole.push(performance.now() - t0);
      result.read.push(readMs);
    }
  }
}

export async function reportSqlite(rows: number, runs: number): Promise<ReportBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-bench-report-'));
  const result: ReportBenchResult = {
    engine: 'SQLite',
    rows,
    loadSeconds: 0,
    windowExecutions: 0,
    whole: [],
    read: [],
    statements: 0,
    roundTrips: null,
    bytes: 0,
  };
  try {
    const path = join(dir, 'catalog.db');
    const created = await openEngine(`sqlite:${path}`, { ...OPTIONS, createCatalog: true });
    await created.migrate();
    await created.close();
    const started = performance.now();
    const db = new DatabaseSync(path);
    db.exec('BEGIN');
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${REPORT_PACKAGES})
             INSERT INTO Package (PackageName, IsBatch) SELECT printf('pkg-%04d', i), i <= ${BATCHES} FROM n`);
    const ago = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (${rows} - i) || ' minutes')`;
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows})
             INSERT INTO Execution ${EXECUTION_COLUMNS}
             ${executionSelect(
               ago,
               (seconds) =>
                 `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (${rows} - i) || ' minutes', '+' || (${seconds}) || ' seconds')`,
               (sql) => sql,
             )} FROM n`);
    db.exec(`INSERT INTO RowCount (ExecutionID, ObjectName, CountType, RowCount)
             SELECT ExecutionID, 'dbo.Table' || PackageID, 'Insert', ExecutionID % 5000 FROM Execution`);
    db.exec(
      `INSERT INTO AuditLog (PackageID, Action, Detail, Actor) SELECT PackageID, 'skip', 'bench', 'dana' FROM Package`,
    );
    db.exec('COMMIT');
    db.exec('ANALYZE');
    db.close();
    result.loadSeconds = (performance.now() - started) / 1000;

    let statements = 0;
    const open = async () => {
      // Every statement reaches the catalog as a step of the driver's send(): count those.
      const driver = openDriver(path, { ...OPTIONS, createCatalog: false });
      const send = driver.send.bind(driver);
      driver.send = (steps) => {
        statements += steps.filter((step) => step.kind === 'statement').length;
        return send(steps);
      };
      return await openSqlCatalog(driver, { ...OPTIONS, createCatalog: false }, 'none');
    };
    await measure(
      open,
      runs,
      join(dir, 'report.html'),
      result,
      () => ({ statements, roundTrips: null }),
      () => (statements = 0),
    );
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function reportPostgres(cluster: Cluster, rows: number, runs: number): Promise<ReportBenchResult> {
  const result: ReportBenchResult = {
    engine: 'PostgreSQL',
    rows,
    loadSeconds: 0,
    windowExecutions: 0,
    whole: [],
    read: [],
    statements: 0,
    roundTrips: null,
    bytes: 0,
  };
  const url = await cluster.createDatabase();
  const database = new URL(url).pathname.slice(1);
  const created = await openPostgres(url);
  await created.migrate();
  await created.close();
  const started = performance.now();
  await cluster.sql(
    `INSERT INTO bfx.Package (PackageName, IsBatch) SELECT 'pkg-' || lpad(i::text, 4, '0'), i <= ${BATCHES} FROM generate_series(1, ${REPORT_PACKAGES}) i`,
    [],
    database,
  );
  const ago = `(now() at time zone 'utc') - make_interval(mins => ${rows} - i)`;
  await cluster.sql(
    `INSERT INTO bfx.Execution ${EXECUTION_COLUMNS}
     ${executionSelect(
       ago,
       (seconds) => `${ago} + make_interval(secs => ${seconds})`,
       (sql) => `(${sql})::text`,
     )}
     FROM generate_series(1, ${rows}) i`,
    [],
    database,
  );
  await cluster.sql(
    `INSERT INTO bfx.RowCount (ExecutionID, ObjectName, CountType, RowCount)
     SELECT ExecutionID, 'dbo.Table' || PackageID, 'Insert', ExecutionID % 5000 FROM bfx.Execution`,
    [],
    database,
  );
  await cluster.sql(
    `INSERT INTO bfx.AuditLog (PackageID, Action, Detail, Actor) SELECT PackageID, 'skip', 'bench', 'dana' FROM bfx.Package`,
    [],
    database,
  );
  for (const table of ['Package', 'Execution', 'RowCount', 'AuditLog']) {
    await cluster.sql(`VACUUM ANALYZE bfx.${table}`, [], database);
  }
  result.loadSeconds = (performance.now() - started) / 1000;
  const proxy = await startWireProxy(cluster.host, cluster.port);
  try {
    const proxied = `postgres://postgres@127.0.0.1:${proxy.port}/${database}`;
    await measure(
      () => openPostgres(proxied),
      runs,
      join(tmpdir(), `bfx-bench-report-${process.pid}.html`),
      result,
      () => ({ statements: proxy.counts.statements, roundTrips: proxy.counts.roundTrips }),
      () => proxy.reset(),
    );
  } finally {
    await proxy.close();
    rmSync(join(tmpdir(), `bfx-bench-report-${process.pid}.html`), { force: true });
  }
  return result;
}

export function reportTable(results: ReportBenchResult[], runs: number): string {
  return table(
    `Report: bfx report --since ${WINDOW_DAYS}d over ${REPORT_PACKAGES.toLocaleString('en')} packages, median of ${runs} runs`,
    [
      'engine',
      'executions',
      'in the window',
      'bulk load s',
      'whole report ms',
      'read ms',
      'statements',
      'round trips',
      'file',
    ],
    results.map((result) => [
      result.engine,
      result.rows.toLocaleString('en'),
      result.windowExecutions.toLocaleString('en'),
      result.loadSeconds.toFixed(1),
      ms(median(result.whole), 0),
      ms(median(result.read), 0),
      String(result.statements),
      result.roundTrips === null ? '-' : String(result.roundTrips),
      `${(result.bytes / MB).toFixed(2)} MB`,
    ]),
    [
      `${BATCHES} batches of 49 children; one execution a minute; every 17th failed with a message, every 29th skipped; a row count per execution; an audit record per package.`,
      'Whole report: open the catalog, read it, build the model, render the page, write the file (in process; the CLI adds its start-up).',
      'Statements: SQLite, statements run (the read is one transaction); PostgreSQL, statements on the wire (BEGIN, 5 reads, COMMIT: one round trip after connecting).',
    ],
  );
}

const number = (name: string, fallback: number) => Math.round(Number(process.env[name] ?? fallback));

if (process.argv[1]?.endsWith('bench/report.ts')) {
  const rows = number('BFX_BENCH_REPORT_ROWS', 1_000_000);
  const runs = number('BFX_BENCH_REPORT_RUNS', 3);
  const sqlite = await reportSqlite(rows, runs);
  const cluster = await startCluster();
  try {
    const postgres = await reportPostgres(cluster, rows, runs);
    console.log(reportTable([sqlite, postgres], runs));
  } finally {
    await cluster.destroy();
  }
}
