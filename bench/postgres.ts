/**
 * Throughput, latency and round trips of the PostgreSQL engine, against pgbench running the same
 * statements on the same server.
 *
 * Our side: begins and ends in this process through src/run-control/ on the engine, each client
 * with its own catalog (its own connection), as a runner's job would: begin, then end as success.
 * pgbench's side: one script doing the same statements (the engine's own SQL text, from
 * src/catalog/postgres/statements.ts), pipelined where pgbench allows it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CatalogEngine, OpenOptions, RunContext } from '../src/catalog/catalog.js';
import { CONTEXT_COLUMNS, DEFAULT_CATALOG_SCHEMA } from '../src/catalog/catalog.js';
import { openEngine, withCatalog } from '../src/catalog/connect.js';
import { beginTexts } from '../src/catalog/postgres/driver.js';
import { statements } from '../src/catalog/postgres/statements.js';
import type { LockKey, StatementText } from '../src/catalog/sql/driver.js';
import { end, type BeginRequest } from '../src/run-control/index.js';
import { reset, setEnabled, setNextLoadStatus } from '../src/run-control/package-commands.js';
import { begin } from '../test/support/requests.js';
import type { Cluster } from '../test/support/postgres.js';
import { postgresBin } from '../test/support/postgres.js';
import { actionEnv, mainScript } from './startup.js';
import { percentile } from './stats.js';
import { startWireProxy, type WireCounts } from './wire-proxy.js';

/** Operator changes made by the tests: no one in particular. */
const NO_OPERATOR = { actor: null, reason: null };

const run = promisify(execFile);

export const OPTIONS: OpenOptions = { createCatalog: true, connectTimeoutMs: 15_000, requestTimeoutMs: 30_000 };

export const CONTEXT: RunContext = {
  repository: 'acme/warehouse',
  workflow: 'nightly-load',
  job: 'load',
  runId: '1234567890',
  runAttempt: '1',
  actor: 'data-bot',
  event: 'schedule',
  sha: '3f786850e387550fdab836ed7e6dc881de23001b',
};

export interface LoadResult {
  /** begin + end cycles completed per second. */
  perSecond: number;
  cycles: number;
  /** Milliseconds. */
  begin: number[];
  end: number[];
  cycle: number[];
  /** Begin paths taken, e.g. { insert: 900, resume: 12 }. */
  paths: Record<string, number>;
}

export const openCatalog = (url: string) => openEngine(url, OPTIONS);

/**
 * Registers packages "1".."count" in order, so that in a fresh database PackageID equals the
 * package name (pgbench's script relies on it), and ends each one's first execution.
 */
export async function registerPackages(cluster: Cluster, url: string, database: string, count: number): Promise<void> {
  const catalog = await openCatalog(url);
  try {
    await catalog.migrate();
    for (let name = 1; name <= count; name++) await cycle(catalog, String(name), `register:${name}`);
  } finally {
    await catalog.close();
  }
  const [row] = await cluster.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM bfx.Package WHERE PackageID::text <> PackageName`,
    [],
    database,
  );
  if (row.n !== 0)
    throw new Error('The bench packages did not get PackageID = name; run the bench on a fresh database.');
}

/** A begin request as a runner's job makes it: no retry limit, no parent. */
export const beginRequest = (packageName: string, runKey: string): BeginRequest => ({
  packageName,
  retryLimit: undefined,
  parentExecutionId: undefined,
  runKey,
  context: CONTEXT,
});

async function cycle(catalog: CatalogEngine, packageName: string, runKey: string) {
  const begun = await begin(catalog, beginRequest(packageName, runKey));
  await end(catalog, { executionId: begun.executionId, outcome: 'success', message: null, caller: { runKey } });
  return begun;
}

/**
 * A client's next package: with at least as many packages as clients, one of its own (client c
 * of n takes c + 1, c + 1 + n, c + 1 + 2n, ...), so that no two clients load the same package, as
 * a runner's concurrent jobs would not, and the pgbench scripts can do the same (their \\set lines
 * compute the same choice); with fewer packages than clients, any package.
 */
export function pickPackage(client: number, clients: number, packages: number): number {
  if (clients > packages) return 1 + Math.floor(Math.random() * packages);
  const own = Math.floor((packages - client - 1) / clients) + 1;
  return 1 + client + clients * Math.floor(Math.random() * own);
}

/** `clients` catalogs, each its own connection, doing begin + end cycles for durationMs. */
export async function runOurs(url: string, clients: number, packages: number, durationMs: number): Promise<LoadResult> {
  const catalogs = await Promise.all(Array.from({ length: clients }, () => openCatalog(url)));
  const result: LoadResult = { perSecond: 0, cycles: 0, begin: [], end: [], cycle: [], paths: {} };
  const tag = Math.random().toString(36).slice(2, 8);
  try {
    // One warm-up cycle each, so that connection set-up is not measured.
    await Promise.all(
      catalogs.map((catalog, client) => cycle(catalog, String(1 + (client % packages)), `warm:${tag}:${client}`)),
    );
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      catalogs.map(async (catalog, client) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const packageName = String(pickPackage(client, clients, packages));
          const runKey = `bench:${tag}:${client}:${i}`;
          const t0 = performance.now();
          const begun = await begin(catalog, beginRequest(packageName, runKey));
          const t1 = performance.now();
          await end(catalog, { executionId: begun.executionId, outcome: 'success', message: null, caller: { runKey } });
          const t2 = performance.now();
          result.begin.push(t1 - t0);
          result.end.push(t2 - t1);
          result.cycle.push(t2 - t0);
          result.paths[begun.plan.kind] = (result.paths[begun.plan.kind] ?? 0) + 1;
        }
      }),
    );
    const elapsed = performance.now() - started;
    result.cycles = result.cycle.length;
    result.perSecond = (result.cycles / elapsed) * 1000;
    return result;
  } finally {
    await Promise.all(catalogs.map((catalog) => catalog.close()));
  }
}

const literal = (value: string | null) => (value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);

/** The engine's statement with its @Name parameters replaced by pgbench variables or literals. */
function statement(sql: string, values: Record<string, string>, gset = false): string {
  const text = sql.trim().replace(/@([A-Za-z]\w*)/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for @${name} in ${sql}`);
    return value;
  });
  return gset ? `${text} \\gset` : `${text};`;
}

/**
 * How pgbench's script runs the statements of a begin and an end:
 * - `held`: as ONE transaction, holding the package's lock from the begin to the end. pgbench
 *   cannot decide, so with clients sharing a package this is the only script that does not insert
 *   a second active execution; it has three statements fewer than the engine (the begin's COMMIT,
 *   the end's BEGIN and limits) and one commit fewer.
 * - `engine`: as the engine runs them, the begin's transaction committed and the end's its own,
 *   so only with each client on its own packages. pgbench doing exactly the engine's work: what
 *   the engine's client costs on top of it (docs/performance.md, "PostgreSQL: the yardstick").
 */
export type PgbenchTransactions = 'held' | 'engine';

/**
 * pgbench's script: every statement one begin (insert path) and one end send, the engine's own
 * (statements.ts), in 4 round trips like the engine's 2 + 2:
 *   1. BEGIN, the limits, register, lock, the begin's reads (re-entry, active, last ended)
 *   2. the insert (answering ExecutionID and StartTime): pgbench cannot \gset inside a pipeline, so
 *      it is a round trip of its own, where the engine pipelines it with the begin's last read and COMMIT
 *   3. the begin's last read (last S and the variables), [`engine`: COMMIT, BEGIN, the limits];
 *      the end's locks (parent's, own), the execution with its parent and children (one read)
 *   4. finish, COMMIT
 * BEGIN and the limits are the engine's two statements (driver.ts beginTexts). PackageID = name
 * (registerPackages). The package: with ownPackages one of the client's own, as runOurs picks when
 * there are at least as many packages as clients (pickPackage; -D clients=N), else any.
 */
export function pgbenchScript(transactions: PgbenchTransactions, ownPackages: boolean): string {
  if (transactions === 'engine' && !ownPackages)
    throw new Error("pgbench's engine script needs a package per client: two clients on one would both insert.");
  const context = Object.fromEntries(
    Object.entries(CONTEXT_COLUMNS).map(([field, column]) => [column, literal(CONTEXT[field as keyof RunContext])]),
  );
  const table = statements(DEFAULT_CATALOG_SCHEMA);
  const text = (name: keyof typeof table, key: LockKey) => {
    const found: StatementText = table[name];
    return typeof found === 'string' ? found : found[key];
  };
  const begin = beginTexts(OPTIONS.requestTimeoutMs).package.map((command) => `${command};`);
  const byName = { PackageName: ':p' };
  const byExecution = { LockExecutionID: ':executionId', ExecutionID: ':executionId', LockedPackageIDs: "'{}'" };
  const pick = !ownPackages
    ? ['\\set p random(1, :packages)']
    : ['\\set own random(0, (:packages - :client_id - 1) / :clients)', '\\set p 1 + :client_id + :clients * :own'];
  return [
    ...pick,
    '\\set rk random(1, 1000000000000000)',
    '\\startpipeline',
    ...begin,
    statement(text('REGISTER_PACKAGE', 'name'), { ...byName, RetryLimit: 'NULL', IsBatch: 'false' }),
    statement(text('LOCK_PACKAGE_EXCLUSIVE', 'name'), byName),
    statement(text('EXECUTION_WITH_RUN_KEY', 'name'), { ...byName, RunKey: ':rk' }),
    statement(text('ACTIVE_EXECUTION', 'name'), byName),
    statement(text('LAST_ENDED_EXECUTION', 'name'), byName),
    '\\endpipeline',
    statement(
      text('INSERT_EXECUTION', 'name'),
      {
        PackageID: ':p',
        ParentExecutionID: 'NULL',
        ExecutionStatus: "'E'",
        NextLoadStatus: "'C'",
        RetryCount: '0',
        Ended: 'false',
        ErrorMessage: 'NULL',
        RunKey: ':rk',
        ...context,
      },
      true,
    ),
    '\\startpipeline',
    statement(text('LAST_EXECUTION_AND_VARIABLES', 'name'), {
      ...byName,
      ExecutionStatus: "'S'",
      BeforeExecutionID: 'NULL',
    }),
    ...(transactions === 'engine' ? ['COMMIT;', ...begin] : []),
    statement(text('LOCK_PARENT_PACKAGE_SHARED', 'execution'), byExecution),
    statement(text('LOCK_PACKAGE_EXCLUSIVE', 'execution'), byExecution),
    statement(text('EXECUTION_FAMILY', 'execution'), byExecution),
    '\\endpipeline',
    '\\startpipeline',
    statement(text('FINISH_EXECUTION', 'execution'), {
      ...byExecution,
      GuardedRows: '1',
      ExecutionStatus: "'S'",
      NextLoadStatus: "'P'",
      ErrorMessage: 'NULL',
    }),
    'COMMIT;',
    '\\endpipeline',
    '',
  ].join('\n');
}

/** Several rounds of one side as one result: throughput over the summed time, all latencies. */
export function mergeLoad(rounds: LoadResult[]): LoadResult {
  const merged: LoadResult = { perSecond: 0, cycles: 0, begin: [], end: [], cycle: [], paths: {} };
  let seconds = 0;
  for (const round of rounds) {
    merged.cycles += round.cycles;
    seconds += round.cycles / round.perSecond;
    merged.begin.push(...round.begin);
    merged.end.push(...round.end);
    merged.cycle.push(...round.cycle);
    for (const [path, count] of Object.entries(round.paths)) merged.paths[path] = (merged.paths[path] ?? 0) + count;
  }
  merged.perSecond = merged.cycles / seconds;
  return merged;
}

export function mergePgbench(rounds: PgbenchResult[]): PgbenchResult {
  const cycles = rounds.reduce((sum, round) => sum + round.cycles, 0);
  const seconds = rounds.reduce((sum, round) => sum + round.cycles / round.perSecond, 0);
  return {
    perSecond: cycles / seconds,
    cycles,
    cycle: rounds.flatMap((round) => round.cycle),
    failed: rounds.reduce((sum, round) => sum + round.failed, 0),
  };
}

export interface PgbenchResult {
  perSecond: number;
  cycles: number;
  /** Milliseconds, per script run (one begin + one end). */
  cycle: number[];
  failed: number;
}

/** pgbench -M extended (the engine's protocol: unnamed statements), per-transaction log for latencies. */
export async function runPgbench(
  url: string,
  clients: number,
  packages: number,
  durationMs: number,
  transactions: PgbenchTransactions,
): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-pgbench-'));
  try {
    const script = join(dir, 'begin-end.sql');
    writeFileSync(script, pgbenchScript(transactions, clients <= packages));
    const threads = Math.min(clients, 2);
    const { stdout } = await run(
      join(postgresBin(), 'pgbench'),
      [
        '-n',
        '-M',
        'extended',
        '-c',
        String(clients),
        '-j',
        String(threads),
        '-T',
        String(Math.max(1, Math.round(durationMs / 1000))),
        '-D',
        `packages=${packages}`,
        '-D',
        `clients=${clients}`,
        '-f',
        script,
        '-l',
        '--log-prefix',
        join(dir, 'log'),
        url,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
    const failed = /number of failed transactions: (\d+)/.exec(stdout);
    if (!tps || !processed) throw new Error(`pgbench printed no throughput:\n${stdout}`);
    const cycle: number[] = [];
    for (const file of readdirSync(dir).filter((name) => name.startsWith('log'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 6) cycle.push(Number(fields[2]) / 1000); // latency in microseconds
      }
    }
    return { perSecond: Number(tps[1]), cycles: Number(processed[1]), cycle, failed: failed ? Number(failed[1]) : 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The round trip the counting proxy adds: the shipped main step, a cold process on a busy machine,
 * writes a pipeline in pieces, and an answer reaching it within a few ms would split the count.
 */
export const COUNTING_ROUND_TRIP_MS = 20;

export interface RoundTripRow {
  call: string;
  counts: WireCounts;
}

/**
 * Round trips, statements and transactions of each kind of begin and end, and of the operator
 * commands, through the wire proxy.
 */
export async function countRoundTrips(cluster: Cluster, database: string): Promise<RoundTripRow[]> {
  const proxy = await startWireProxy(cluster.host, cluster.port, { roundTripMs: COUNTING_ROUND_TRIP_MS });
  const url = `postgres://postgres@127.0.0.1:${proxy.port}/${database}`;
  const rows: RoundTripRow[] = [];
  const measure = async <T>(call: string, work: () => Promise<T>): Promise<T> => {
    proxy.reset();
    const result = await work();
    rows.push({ call, counts: { ...proxy.counts } });
    return result;
  };
  const tag = Math.random().toString(36).slice(2, 8);
  const success = (executionId: string, runKey: string) => ({
    executionId,
    outcome: 'success' as const,
    message: null,
    caller: { runKey },
  });
  try {
    // What the main step does (src/action/main.ts): withCatalog connects and checks (or creates) the catalog.
    const whole = await measure('a whole main step: connect and open the catalog (withCatalog), begin, close', () =>
      withCatalog(url, OPTIONS, (catalog) => begin(catalog, beginRequest(`rt-${tag}-step`, `rt:${tag}:step`))),
    );
    await measure('the shipped main step (dist/main/index.js as a process), nothing active', () =>
      runMainStep(url, `rt-${tag}-shipped`),
    );
    const catalog = await openCatalog(url);
    const name = `rt-${tag}`;
    try {
      await end(catalog, success(whole.executionId, `rt:${tag}:step`));
      const fresh = await measure('begin, new package (register, insert E)', () =>
        begin(catalog, beginRequest(name, `rt:${tag}:1`)),
      );
      await measure('begin, same run key again (re-entry)', () => begin(catalog, beginRequest(name, `rt:${tag}:1`)));
      await measure('begin, another run while one is active (resume A)', () =>
        begin(catalog, beginRequest(name, `rt:${tag}:2`)),
      );
      await measure('end, success (by the run that owns it)', () =>
        end(catalog, success(fresh.executionId, `rt:${tag}:2`)),
      );
      await measure('end, already ended', () => end(catalog, success(fresh.executionId, `rt:${tag}:2`)));
      await measure('begin, known package, last ended (insert E)', () =>
        begin(catalog, beginRequest(name, `rt:${tag}:3`)),
      );
      await measure('reset (the active execution ends F / R)', () => reset(catalog, name, 'bench', NO_OPERATOR));
      await measure('skip (NextLoadStatus C)', () => setNextLoadStatus(catalog, name, 'C', NO_OPERATOR));
      await measure('disable', () => setEnabled(catalog, name, false, NO_OPERATOR));
    } finally {
      await catalog.close();
    }
  } finally {
    await proxy.close();
  }
  return rows;
}

/**
 * The shipped main step beginning a new package on `connectionString`, as the runner starts it
 * (bench/startup.ts's environment), with no GitHub token: nothing is active, so none is needed.
 * Not spawnSync: the proxy it connects through runs in this process.
 */
async function runMainStep(connectionString: string, packageName: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bfx-bench-step-'));
  try {
    for (const name of ['output', 'state', 'summary', 'env']) writeFileSync(join(work, name), '');
    const env = {
      ...actionEnv(work, { 'package-name': packageName, 'connection-string': connectionString, 'github-token': '' }),
      GITHUB_RUN_ID: String(Date.now()),
    };
    await run(process.execPath, [mainScript()], { env, cwd: work }).catch((error: Error & { stdout?: string }) => {
      throw new Error(`The main step failed counting round trips: ${error.message}\n${error.stdout ?? ''}`);
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const p50 = (values: number[]) => percentile(values, 50);
export const p99 = (values: number[]) => percentile(values, 99);
