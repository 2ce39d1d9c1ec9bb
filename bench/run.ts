/**
 * npm run bench: start-up, PostgreSQL throughput and latency against pgbench, scale, and round
 * trips, each printed as a table with a ratio against a baseline measured in the same run.
 * It starts its own throwaway PostgreSQL cluster (test/support/postgres.ts) and measures the
 * committed dist/ bundles (run npm run build first when src/ changed).
 *
 * Knobs (environment): BFX_BENCH_SECONDS (each load run, default 4), BFX_BENCH_ROUNDS (alternating
 * rounds of ours and pgbench per load, default 2), BFX_BENCH_STARTUP_RUNS (default 31),
 * BFX_BENCH_SCALE_ROWS (default 1000000), BFX_BENCH_SCALE_CYCLES (default 300), BFX_BENCH_LIVE_RUN_RUNS
 * (default 10), BFX_BENCH_BATCH_RUNS (default 20), BFX_BENCH_REPORT_ROWS (default 1000000),
 * BFX_BENCH_REPORT_RUNS (default 3), BFX_BENCH_CHILDREN_ROUNDS (default 5), BFX_BENCH_ONLY
 * (throughput: table 2 alone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { postgresBin, startCluster, type Cluster } from '../test/support/postgres.js';
import {
  COUNTING_ROUND_TRIP_MS,
  countRoundTrips,
  mergeLoad,
  mergePgbench,
  p50,
  p99,
  registerPackages,
  runOurs,
  runPgbench,
  type LoadResult,
  type PgbenchResult,
} from './postgres.js';
import { batchEndPostgres, batchEndSqlite, CHILDREN, END_KINDS, type BatchEndResult } from './batch.js';
import {
  childrenPostgres,
  childrenSqlite,
  ROUND_TRIP_MS,
  RUNNERS,
  type ChildrenResult,
  type Side,
} from './children.js';
import { scalePostgres, scaleSqlite, type ScaleResult } from './scale.js';
import { reportPostgres, reportSqlite, reportTable as reportBenchTable } from './report.js';
import { PURGE_DAYS, purgePostgres, purgeSqlite, type PurgeBenchResult } from './purge.js';
import { fraction, kb, median, ms, ratio, table } from './stats.js';
import { measureLiveRunCheck } from './live-run.js';
import { bundleFiles, measureStartup, modulesPerEngine, snapshotDist } from './startup.js';

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const SECONDS = number('BFX_BENCH_SECONDS', 4);
const ROUNDS = Math.round(number('BFX_BENCH_ROUNDS', 2));
const STARTUP_RUNS = Math.round(number('BFX_BENCH_STARTUP_RUNS', 31));
const SCALE_ROWS = Math.round(number('BFX_BENCH_SCALE_ROWS', 1_000_000));
const SCALE_CYCLES = Math.round(number('BFX_BENCH_SCALE_CYCLES', 300));
const LIVE_RUN_RUNS = Math.round(number('BFX_BENCH_LIVE_RUN_RUNS', 10));
const BATCH_RUNS = Math.round(number('BFX_BENCH_BATCH_RUNS', 20));
const REPORT_ROWS = Math.round(number('BFX_BENCH_REPORT_ROWS', 1_000_000));
const REPORT_RUNS = Math.round(number('BFX_BENCH_REPORT_RUNS', 3));
const CHILDREN_ROUNDS = Math.round(number('BFX_BENCH_CHILDREN_ROUNDS', 5));
/** BFX_BENCH_ONLY=throughput: table 2 alone (PostgreSQL throughput and latency against pgbench). */
const ONLY = process.env.BFX_BENCH_ONLY;
if (ONLY !== undefined && ONLY !== 'throughput') throw new Error('BFX_BENCH_ONLY takes one value: throughput');
/** SQLite's rounds take a fraction of a second and its times follow the disk: more of them. */
const CHILDREN_ROUNDS_SQLITE = 4 * CHILDREN_ROUNDS;

const goals: string[][] = [];
const goal = (name: string, target: string, measured: string, met: boolean) =>
  goals.push([name, target, measured, met ? 'met' : 'NOT met']);
const print = (text: string) => console.log(text);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const progress = (text: string) => process.stderr.write(`[bench ${elapsed()}] ${text}\n`);

function machine(cluster: Cluster, serverVersion: string): string {
  const cpu =
    /model name\s*:\s*(.+)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '')?.[1] ??
    'unknown';
  const pgbench = execFileSync(join(postgresBin(), 'pgbench'), ['--version'], { encoding: 'utf8' }).trim();
  return table(
    'Machine',
    ['what', 'value'],
    [
      ['CPUs (available parallelism)', String(availableParallelism())],
      ['CPU model', cpu],
      ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
      ['Node.js', process.version],
      ['PostgreSQL', `${serverVersion} (throwaway cluster on 127.0.0.1:${cluster.port}, fsync=off as in the tests)`],
      ['pgbench', pgbench],
      ['date', new Date().toISOString()],
      [
        'load average (1, 5, 15 min) at start',
        loadavg()
          .map((load) => load.toFixed(2))
          .join(', '),
      ],
    ],
  );
}

function startupTables(url: string) {
  progress(`start-up: ${STARTUP_RUNS} alternating runs of each`);
  const startup = measureStartup(STARTUP_RUNS);
  print(
    table(
      `1. Start-up: whole processes, medians of ${startup.runs} alternating runs`,
      ['process', 'median ms', 'min ms', 'vs node -e 0'],
      startup.rows.map((row) => [row.name, ms(row.median), ms(row.min), ratio(row.ratio)]),
      [
        'The main step begins on a SQLite catalog (a file in a temp dir) with the environment the runner gives it;',
        'the post step ends that execution; `bfx begin` begins another package on the same catalog.',
      ],
    ),
  );
  const main = startup.rows.find((row) => row.name.startsWith('action main'))!;
  goal(
    'start-up',
    'begin on SQLite within 2x of node -e 0',
    `${ratio(main.ratio)} (${ms(main.median)} vs ${ms(startup.rows[0].median)} ms)`,
    main.ratio <= 2,
  );
  goal(
    'start-up',
    'begin on SQLite within 1.7x of node -e 0 (issue 17)',
    `${ratio(main.ratio)} (${ms(main.median)} vs ${ms(startup.rows[0].median)} ms)`,
    main.ratio <= 1.7,
  );

  // One bundle, dist/index.js and its chunks, behind the entry files dist/main, dist/end and dist/cli.
  const bundles = ['dist'].map((dir) => ({ dir, files: bundleFiles(dir) }));
  print(
    table(
      '1b. Bundle size',
      ['bundle', 'entry', 'chunks (loaded on demand)', 'all .js'],
      bundles.map(({ dir, files }) => {
        const entry = files.find((file) => file.name === 'index.js')!;
        const chunks = files.filter((file) => file.name !== 'index.js');
        return [
          dir,
          kb(entry.bytes),
          chunks.map((file) => `${file.name} ${kb(file.bytes)}`).join(', '),
          kb(files.reduce((sum, file) => sum + file.bytes, 0)),
        ];
      }),
    ),
  );

  progress('modules loaded per engine');
  const modules = modulesPerEngine([
    { engine: 'sqlite', connectionString: 'sqlite:' }, // a catalog in the run's temp dir
    { engine: 'postgres', connectionString: url },
    // No SQL Server here: an unreachable one. The step fails (exit 1) after loading its driver.
    {
      engine: 'mssql (unreachable)',
      connectionString: 'Server=127.0.0.1,1;Database=bfx;User Id=sa;Password=Bench-0nly;Encrypt=true',
    },
  ]);
  print(
    table(
      '1c. Modules loaded by the main step, per engine',
      [
        'connection string',
        'exit',
        'bundle files loaded',
        'JS loaded',
        'built-in modules',
        'pg loaded',
        'SQL Server driver loaded',
        'GitHub client loaded',
      ],
      modules.map((row) => [
        row.engine,
        String(row.exitCode),
        row.files.map((file) => file.name).join(', ') || '-',
        kb(row.files.reduce((sum, file) => sum + file.bytes, 0)),
        String(row.builtins),
        row.pgDriver ? 'yes' : 'no',
        row.sqlServerDriver ? 'yes' : 'no',
        row.githubClient ? 'yes' : 'no',
      ]),
      [
        'Recorded by a preload (bench/record-modules.mjs) hooking every module load; drivers recognized by their code (pg-protocol, tedious).',
      ],
    ),
  );
  const noGithubClient = modules.every((row) => !row.githubClient);
  goal(
    'start-up',
    'nothing active: the GitHub client (@actions/github) is not loaded',
    noGithubClient ? 'not loaded by any engine' : 'loaded',
    noGithubClient,
  );
  const mssqlOnlyForMssql = modules.every((row) => row.sqlServerDriver === row.engine.startsWith('mssql'));
  goal(
    'start-up',
    'SQL Server driver loaded only for a SQL Server connection string',
    mssqlOnlyForMssql ? 'only for mssql' : 'loaded for another engine',
    mssqlOnlyForMssql,
  );
}

async function liveRunTable() {
  progress(`live-run check: ${LIVE_RUN_RUNS} alternating runs of each, against a loopback fake of the GitHub API`);
  const result = await measureLiveRunCheck(LIVE_RUN_RUNS);
  const notAsked = median(result.notAsked);
  const asked = median(result.asked);
  print(
    table(
      `1d. The live-run check: a begin that finds an active execution, medians of ${result.runs} alternating runs`,
      ['what', 'median ms', 'min ms'],
      [
        ['main step resuming, GitHub not asked (no token)', ms(notAsked), ms(Math.min(...result.notAsked))],
        ['main step resuming, GitHub asked (completed)', ms(asked), ms(Math.min(...result.asked))],
        ['difference: one check in the shipped bundle', ms(asked - notAsked), '-'],
        ['in process: the first check (imports @actions/github)', ms(result.firstCheck), '-'],
        [
          'in process: each next check (one request)',
          ms(median(result.nextChecks), 2),
          ms(Math.min(...result.nextChecks), 2),
        ],
      ],
      [
        'The fake (test/support/fake-github-api.ts) answers on 127.0.0.1 at once: against api.github.com add its round trip (tens of ms).',
        'A begin with nothing active never asks and never loads @actions/github (table 1c); the start-up of table 1 is that begin.',
      ],
    ),
  );
}

function engineRow(label: string, ours: LoadResult, engine: PgbenchResult, held: PgbenchResult): string[] {
  return [
    label,
    ours.perSecond.toFixed(0),
    engine.perSecond.toFixed(0),
    fraction(ours.perSecond / engine.perSecond),
    ms(p50(ours.cycle), 2),
    ms(p50(engine.cycle), 2),
    ratio(p50(ours.cycle) / p50(engine.cycle)),
    ms(p99(engine.cycle), 2),
    fraction(engine.perSecond / held.perSecond),
  ];
}

function loadRow(label: string, ours: LoadResult, pgbench: PgbenchResult): string[] {
  return [
    label,
    ours.perSecond.toFixed(0),
    pgbench.perSecond.toFixed(0),
    fraction(ours.perSecond / pgbench.perSecond),
    ms(p50(ours.begin), 2),
    ms(p99(ours.begin), 2),
    ms(p50(ours.cycle), 2),
    ms(p99(ours.cycle), 2),
    ms(p50(pgbench.cycle), 2),
    ms(p99(pgbench.cycle), 2),
    Object.entries(ours.paths)
      .map(([path, count]) => `${path} ${count}`)
      .join(', '),
  ];
}

async function throughputTables(cluster: Cluster) {
  const url = await cluster.createDatabase();
  const database = new URL(url).pathname.slice(1);
  await registerPackages(cluster, url, database, 100);
  const rows: string[][] = [];
  const engineRows: string[][] = [];
  const results: {
    clients: number;
    packages: number;
    ours: LoadResult;
    pgbench: PgbenchResult;
    /** pgbench in the engine's transactions: only where each client has packages of its own. */
    engine?: PgbenchResult;
  }[] = [];
  for (const packages of [1, 100]) {
    for (const clients of [1, 8, 32]) {
      const asTheEngine = clients <= packages;
      progress(
        `throughput: ${clients} clients over ${packages} package(s), ${ROUNDS} x ${SECONDS} s ours and pgbench` +
          `${asTheEngine ? ' (both scripts)' : ''}, alternating`,
      );
      const ourRounds: LoadResult[] = [];
      const pgbenchRounds: PgbenchResult[] = [];
      const engineRounds: PgbenchResult[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        ourRounds.push(await runOurs(url, clients, packages, SECONDS * 1000));
        pgbenchRounds.push(await runPgbench(url, clients, packages, SECONDS * 1000, 'held'));
        if (asTheEngine) engineRounds.push(await runPgbench(url, clients, packages, SECONDS * 1000, 'engine'));
      }
      const ours = mergeLoad(ourRounds);
      const pgbench = mergePgbench(pgbenchRounds);
      const engine = asTheEngine ? mergePgbench(engineRounds) : undefined;
      results.push({ clients, packages, ours, pgbench, engine });
      rows.push(loadRow(`${clients} x ${packages}`, ours, pgbench));
      if (engine) engineRows.push(engineRow(`${clients} x ${packages}`, ours, engine, pgbench));
    }
  }
  print(
    table(
      `2. PostgreSQL throughput and latency: begin + end cycles against pgbench on the same server, ${ROUNDS} alternating rounds of ${SECONDS} s each`,
      [
        'clients x packages',
        'ours cycles/s',
        'pgbench cycles/s',
        'ours / pgbench',
        'begin p50',
        'begin p99',
        'cycle p50',
        'cycle p99',
        'pgbench p50',
        'pgbench p99',
        'our begin paths',
      ],
      rows,
      [
        'Ours: in this process, begin and end of src/run-control/ on the engine, each client its own catalog (own connection): begin, then end as success; latencies in ms.',
        "pgbench: -M extended (unnamed statements, as pg sends them), -j min(clients, 2), every statement of the engine's (src/catalog/postgres/statements.ts)",
        "for a begin that inserts and an end, as one transaction script in 4 round trips holding the package's lock throughout (bench/postgres.ts pgbenchScript 'held');",
        'its latency is per script, i.e. per cycle. Where there are as many packages as clients, each client (ours and pgbench) loads packages of its own.',
        'With several clients on one package, our begins mostly find the previous run still active and resume it (step 5 of docs/decision.md); pgbench',
        'holds the package lock for the whole script instead. Its failed transactions: ' +
          results.map((result) => `${result.clients}x${result.packages}: ${result.pgbench.failed}`).join(', ') +
          '.',
      ],
    ),
  );
  print(
    table(
      `2b. The same cycles against pgbench doing the engine's transactions (the begin commits, the end is a transaction of its own), where each client has packages of its own`,
      [
        'clients x packages',
        'ours cycles/s',
        'pgbench cycles/s',
        'ours / pgbench',
        'cycle p50',
        'pgbench p50',
        'p50 ours / pgbench',
        'pgbench p99',
        'pgbench: these / table 2',
      ],
      engineRows,
      [
        "pgbench: table 2's statements with the begin's COMMIT and the end's BEGIN and limits where the engine sends them (bench/postgres.ts pgbenchScript 'engine'),",
        'the same rounds as table 2 (ours, pgbench, this, in turn). The last column is what committing where the engine must costs pgbench itself.',
        'Its failed transactions: ' +
          results
            .filter((result) => result.engine)
            .map((result) => `${result.clients}x${result.packages}: ${result.engine!.failed}`)
            .join(', ') +
          '.',
      ],
    ),
  );
  const at32 = results.find((result) => result.clients === 32 && result.packages === 100)!;
  const share = at32.ours.perSecond / at32.pgbench.perSecond;
  const engineShare = at32.ours.perSecond / at32.engine!.perSecond;
  goal('throughput', '>= 0.7 of pgbench at 32 clients over 100 packages', fraction(share), share >= 0.7);
  goal(
    'throughput',
    ">= 0.9 of pgbench doing the engine's transactions, 32 clients over 100 packages (issue 17; table 2b)",
    `${fraction(engineShare)} (table 2's held script: ${fraction(share)})`,
    engineShare >= 0.9,
  );
  const at1 = results.find((result) => result.clients === 1 && result.packages === 100)!;
  const latency50 = p50(at1.ours.cycle) / p50(at1.pgbench.cycle);
  const latency99 = p99(at1.ours.cycle) / p99(at1.pgbench.cycle);
  const engineLatency50 = p50(at1.ours.cycle) / p50(at1.engine!.cycle);
  goal(
    'latency',
    'one client: p50 and p99 within 1.5x of pgbench (cycle vs script, 100 packages)',
    `p50 ${ratio(latency50)}, p99 ${ratio(latency99)}`,
    latency50 <= 1.5 && latency99 <= 1.5,
  );
  goal(
    'latency',
    "one client: p50 within 1.15x of pgbench doing the engine's transactions (100 packages; issue 17; table 2b)",
    `p50 ${ratio(engineLatency50)} (table 2's held script: ${ratio(latency50)})`,
    engineLatency50 <= 1.15,
  );
  return database;
}

async function roundTripTable(cluster: Cluster, database: string) {
  progress('round trips');
  const rows = await countRoundTrips(cluster, database);
  print(
    table(
      '4. Round trips on PostgreSQL (counted on the wire by a proxy reading the protocol)',
      ['call', 'round trips', 'statements', 'transactions'],
      rows.map(({ call, counts }) => [
        call,
        String(counts.roundTrips),
        String(counts.statements),
        String(counts.transactions),
      ]),
      [
        'A round trip: the client sends while all it sent before was answered. Transactions: ReadyForQuery reporting idle (COMMIT, or an implicit one).',
        'Connecting is one round trip with trust authentication (the bench cluster); a password adds one or two (SCRAM).',
        `The proxy holds each answer ${COUNTING_ROUND_TRIP_MS / 2} ms, so that a pipeline written in pieces counts as one round trip.`,
        'SQL Server (not measured: no server here): 1 login and 2 requests per begin and per end, counted on the fake TDS server',
        '(test/e2e/mssql-requests.test.ts: BEGIN + the check + the locks + the reads, then the writes + COMMIT), one transaction.',
      ],
    ),
  );
  const steps = rows.filter((row) => row.call.includes('main step'));
  const worstStep = Math.max(...steps.map((row) => row.counts.roundTrips));
  goal(
    'round trips',
    'PostgreSQL: a whole main step (connect, then begin) in at most 3 (issue 17)',
    steps
      .map((row) => `${row.counts.roundTrips} (${row.call.startsWith('the shipped') ? 'shipped' : 'src'})`)
      .join(', '),
    worstStep <= 3,
  );
  const begins = rows.filter((row) => row.call.startsWith('begin'));
  const worst = Math.max(...begins.map((row) => row.counts.roundTrips));
  const oneTransaction = begins.every((row) => row.counts.transactions === 1);
  goal(
    'round trips',
    'PostgreSQL: at most 3 per begin, one transaction',
    `${worst} round trips, ${oneTransaction ? 'one transaction' : 'more than one transaction'}`,
    worst <= 3 && oneTransaction,
  );
}

function batchRows(result: BatchEndResult): string[][] {
  return END_KINDS.map((kind) => {
    const times = result.ends[kind];
    const baseline = result.ends[kind.endsWith('S') ? 'plain S' : 'plain F'];
    const wire = result.wire?.[kind];
    return [
      result.engine,
      kind.startsWith('batch') ? `${kind}, ${CHILDREN} children` : `${kind} (baseline)`,
      String(times.length),
      ms(Math.min(...times), 2),
      ms(median(times), 2),
      ms(p99(times), 2),
      ratio(median(times) / median(baseline)),
      wire ? String(wire.roundTrips) : '-',
      wire ? String(wire.statements) : '-',
      wire ? String(wire.transactions) : '-',
    ];
  });
}

async function batchEndTable(cluster: Cluster) {
  progress(`batch end: SQLite, ${BATCH_RUNS} ends of each kind, ${CHILDREN} children per batch`);
  const sqlite = await batchEndSqlite(BATCH_RUNS);
  progress(`batch end: PostgreSQL, ${BATCH_RUNS} ends of each kind, ${CHILDREN} children per batch`);
  const postgres = await batchEndPostgres(cluster, BATCH_RUNS);
  print(
    table(
      `5. Batch end: the end of a batch execution with ${CHILDREN} children vs a plain end, ${BATCH_RUNS} of each, alternating (ms)`,
      ['engine', 'end', 'runs', 'min', 'median', 'p99', 'median vs plain', 'round trips', 'statements', 'transactions'],
      [...batchRows(sqlite), ...batchRows(postgres)],
      [
        `Each batch end gets fresh packages: a batch begun (is-batch), ${CHILDREN} child packages begun under it (parent-execution-id) and`,
        'ended S through src/run-control/; the batch end sets every child NextLoadStatus P (S) or the children that succeeded C (F, all',
        `${CHILDREN}), in its own transaction under the children's package locks. A plain end: a package that is no batch, begun, then ended.`,
        'All are prepared first (SQLite on one connection; PostgreSQL on 4 at once, one batch each), then the ends are timed one after',
        `another on one connection, the kinds in turn, after a warm-up round. With ${BATCH_RUNS} runs, p99 is the slowest. Round trips on`,
        "PostgreSQL: one more end of each kind through table 4's wire proxy. Set-up: " +
          [sqlite, postgres].map((result) => `${result.engine} ${result.setUpSeconds.toFixed(1)} s`).join(', ') +
          '.',
      ],
    ),
  );
}

function childrenRows(result: ChildrenResult): string[][] {
  const ratio50 = median(result.sides.children.wall) / median(result.sides.packages.wall);
  return (['children', 'packages'] as Side[]).map((side) => {
    const { wall, begin, end, wire } = result.sides[side];
    return [
      result.engine,
      result.roundTripMs ? `${result.roundTripMs} ms (SELECT 1: ${ms(result.selectOneMs!)})` : 'none',
      side === 'children' ? `${RUNNERS} children of one batch` : `${RUNNERS} packages, no batch`,
      String(wall.length),
      ms(median(wall), 0),
      `${ms(Math.min(...wall), 0)}-${ms(Math.max(...wall), 0)}`,
      ms(p50(begin)),
      ms(p99(begin)),
      ms(p50(end)),
      ms(p99(end)),
      wire ? `${wire.roundTrips} / ${wire.statements}` : '-',
      side === 'children'
        ? `${ratio(ratio50)} (rounds ${ratio(Math.min(...result.ratios))}-${ratio(Math.max(...result.ratios))})`
        : '1.00x',
    ];
  });
}

async function childrenTable(cluster: Cluster) {
  progress(`children side by side: PostgreSQL, ${ROUND_TRIP_MS} ms round trip, ${CHILDREN_ROUNDS} rounds of each`);
  const postgres = await childrenPostgres(cluster, CHILDREN_ROUNDS);
  progress(`children side by side: SQLite, ${CHILDREN_ROUNDS_SQLITE} rounds of each`);
  const sqlite = await childrenSqlite(CHILDREN_ROUNDS_SQLITE);
  print(
    table(
      `7. Children side by side: ${RUNNERS} runners at once each begin and end a child of one batch, vs ${RUNNERS} packages that are no batch (ms)`,
      [
        'engine',
        'round trip added',
        'runners',
        'rounds',
        'wall median',
        'wall min-max',
        'begin p50',
        'begin p99',
        'end p50',
        'end p99',
        'round trips / statements per runner',
        'wall vs packages',
      ],
      [...childrenRows(postgres), ...childrenRows(sqlite)],
      [
        `Each runner is a catalog of its own (its own connection), in this process, opened before the clock starts; it begins, then ends`,
        `as success at once, through src/run-control/. Children: each its own package, parent-execution-id the active batch execution`,
        `(begun and ended S around each round, untimed). Wall: from the first begin to the last end of a round; begin and end p50 / p99`,
        `over all rounds' runners. The sides alternate on the same connections after a warm-up round of each; "wall vs packages" is the`,
        `ratio of the medians, and in brackets the range of the round-by-round ratios. PostgreSQL through bench/wire-proxy.ts holding`,
        `each direction's bytes ${ROUND_TRIP_MS / 2} ms (SELECT 1 through it, median of 10, in brackets); SQLite on one file, no proxy.`,
        'Took ' +
          [postgres, sqlite].map((result) => `${result.engine} ${result.seconds.toFixed(1)} s`).join(', ') +
          '.',
      ],
    ),
  );
  const share = median(postgres.sides.children.wall) / median(postgres.sides.packages.wall);
  goal(
    'children',
    `PostgreSQL at ${ROUND_TRIP_MS} ms: ${RUNNERS} children of one batch within 1.3x of ${RUNNERS} packages (issue 17)`,
    ratio(share),
    share <= 1.3,
  );
}

function scaleRow(result: ScaleResult): string[] {
  return [
    result.engine,
    result.rows.toLocaleString('en'),
    result.loadSeconds.toFixed(1),
    ms(p50(result.emptyBegin), 2),
    ms(p50(result.fullBegin), 2),
    ratio(p50(result.fullBegin) / p50(result.emptyBegin)),
    ms(p99(result.emptyBegin), 2),
    ms(p99(result.fullBegin), 2),
    ratio(p99(result.fullBegin) / p99(result.emptyBegin)),
    ms(p50(result.emptyEnd), 2),
    ms(p50(result.fullEnd), 2),
  ];
}

async function scaleTable(cluster: Cluster) {
  progress(`scale: SQLite, ${SCALE_ROWS} rows`);
  const sqlite = await scaleSqlite(SCALE_ROWS, SCALE_CYCLES);
  progress(`scale: PostgreSQL, ${SCALE_ROWS} rows`);
  const postgres = await scalePostgres(cluster, SCALE_ROWS, SCALE_CYCLES);
  print(
    table(
      `3. Scale: begin latency (ms) with ${SCALE_ROWS.toLocaleString('en')} execution rows over 1,000 packages vs an empty catalog, ${SCALE_CYCLES} cycles each, alternating`,
      [
        'engine',
        'rows',
        'bulk load s',
        'empty p50',
        'full p50',
        'full / empty p50',
        'empty p99',
        'full p99',
        'full / empty p99',
        'end p50 empty',
        'end p50 full',
      ],
      [scaleRow(sqlite), scaleRow(postgres)],
      [
        'Empty: the same 1,000 packages, no executions. Rows bulk-loaded with SQL (recursive CTE; generate_series, then VACUUM ANALYZE as autovacuum would).',
        'SQLite commits wait for the disk (WAL, synchronous FULL); the PostgreSQL cluster runs with fsync=off.',
      ],
    ),
  );
  for (const result of [sqlite, postgres]) {
    const share = p50(result.fullBegin) / p50(result.emptyBegin);
    goal(
      'scale',
      `${result.engine}: begin p50 at ${SCALE_ROWS.toLocaleString('en')} rows within 1.2x of empty`,
      ratio(share),
      share <= 1.2,
    );
  }
}

async function reportScaleTable(cluster: Cluster) {
  progress(`report: SQLite, ${REPORT_ROWS} rows`);
  const sqlite = await reportSqlite(REPORT_ROWS, REPORT_RUNS);
  progress(`report: PostgreSQL, ${REPORT_ROWS} rows`);
  const postgres = await reportPostgres(cluster, REPORT_ROWS, REPORT_RUNS);
  print(reportBenchTable([sqlite, postgres], REPORT_RUNS));
  for (const result of [sqlite, postgres]) {
    const seconds = median(result.whole) / 1000;
    goal(
      'report',
      `${result.engine}: a 30-day report of ${REPORT_ROWS.toLocaleString('en')} executions within 5 s`,
      `${seconds.toFixed(1)} s`,
      seconds <= 5,
    );
    goal(
      'report',
      `${result.engine}: a fixed number of statements, none per package`,
      String(result.statements),
      result.statements <= 7,
    );
    goal(
      'report',
      `${result.engine}: the file under 5 MB`,
      `${(result.bytes / 2 ** 20).toFixed(2)} MB`,
      result.bytes < 5 * 2 ** 20,
    );
  }
}

function purgeRow(result: PurgeBenchResult): string[] {
  return [
    result.engine,
    result.rows.toLocaleString('en'),
    result.deleted.toLocaleString('en'),
    result.purgeSeconds.toFixed(1),
    Math.round(result.deleted / result.purgeSeconds).toLocaleString('en'),
    ms(p50(result.before), 2),
    ms(p99(result.before), 2),
    ms(Math.max(...result.before), 1),
    String(result.during.length),
    ms(p50(result.during), 2),
    ms(p99(result.during), 2),
    ms(Math.max(...result.during), 1),
  ];
}

async function purgeTable(cluster: Cluster) {
  progress(`purge: SQLite, ${SCALE_ROWS} rows`);
  const sqlite = await purgeSqlite(SCALE_ROWS, PURGE_BASELINE_MS);
  progress(`purge: PostgreSQL, ${SCALE_ROWS} rows`);
  const postgres = await purgePostgres(cluster, SCALE_ROWS, PURGE_BASELINE_MS);
  print(
    table(
      `6. Purge: bfx purge --older-than ${PURGE_DAYS} of ${SCALE_ROWS.toLocaleString('en')} executions over 1,000 packages, with begins beside it (begin latency, ms)`,
      [
        'engine',
        'rows',
        'deleted',
        'purge s',
        'deleted / s',
        'begin p50 before',
        'p99 before',
        'max before',
        'begins during',
        'begin p50 during',
        'p99 during',
        'max during',
      ],
      [purgeRow(sqlite), purgeRow(postgres)],
      [
        'One execution a minute (the oldest about two years old), every seventh failed, a row count on every tenth; purged through',
        'run-control-catalog.ts in its default batches. Beside it, another thread (its own connection; on SQLite it waits on the file',
        `lock like another process) begins and ends a random package every 20 ms; "before" is the same loop for ${PURGE_BASELINE_MS / 1000} s before the purge.`,
      ],
    ),
  );
  for (const result of [sqlite, postgres]) {
    const worst = Math.max(...result.during);
    goal('purge', `${result.engine}: no begin waits over 1 s while a purge runs`, `${ms(worst, 0)} ms`, worst <= 1000);
  }
}

const PURGE_BASELINE_MS = 5000;

const cluster = await startCluster();
try {
  progress(`PostgreSQL cluster on port ${cluster.port}`);
  const [{ server_version: serverVersion }] = (await cluster.sql<{ server_version: string }>(
    'SHOW server_version',
  )) as [{ server_version: string }];
  print(`# bfx-begin benchmark\n\n${machine(cluster, serverVersion)}`);
  if (ONLY === 'throughput') {
    await throughputTables(cluster);
  } else {
    const removeSnapshot = snapshotDist();
    try {
      startupTables(await cluster.createDatabase());
      await liveRunTable();
    } finally {
      removeSnapshot();
    }
    const database = await throughputTables(cluster);
    await roundTripTable(cluster, database);
    await batchEndTable(cluster);
    await childrenTable(cluster);
    await scaleTable(cluster);
    await reportScaleTable(cluster);
    await purgeTable(cluster);
  }
  print(table('Goals (issues 4 and 17)', ['area', 'goal', 'measured', 'verdict'], goals));
  print(
    `Finished in ${elapsed()}; load average (1, 5, 15 min) at the end: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}.`,
  );
} finally {
  await cluster.destroy();
}
