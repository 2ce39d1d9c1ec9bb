/**
 * Children of one batch side by side (issue 17): 32 runners at once each begin and end a child of
 * one active batch execution (each child its own package, parent-execution-id the batch's
 * ExecutionID), against 32 runners at once each beginning and ending a package that is no batch's
 * child. A child's begin and end also lock the batch's package; if that lock is exclusive, the 32
 * children queue behind each other on it, one round trip each, which a network's latency makes
 * visible: on PostgreSQL the runners reach the server through bench/wire-proxy.ts adding a round
 * trip of 50 ms, as a runner far from its catalog would see.
 *
 * What is simulated: the 32 runners are 32 catalogs in this process, each with its own connection
 * (on PostgreSQL, its own session through the proxy; on SQLite, its own connection to one file,
 * taking turns with the others as processes take the file's lock), opened before the clock starts,
 * so connecting is not measured. Each runner begins, then ends as success at once (no work in
 * between), through begin() and end() of the run control. The batch's own begin and end are not
 * timed and go straight to the server. The two sides alternate, on the same 32 connections, after
 * a warm-up round of each (which registers the packages).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { CatalogEngine, OpenOptions } from '../src/catalog/catalog.js';
import { openEngine } from '../src/catalog/connect.js';
import { end } from '../src/run-control/index.js';
import { begin } from '../test/support/requests.js';
import type { Cluster } from '../test/support/postgres.js';
import { CONTEXT, OPTIONS, openCatalog as openPostgres } from './postgres.js';
import { median } from './stats.js';
import { startWireProxy, type WireCounts, type WireProxy } from './wire-proxy.js';

const openSqlite = (path: string, options: OpenOptions) => openEngine(`sqlite:${path}`, options);

/** Runners at once, on each side. */
export const RUNNERS = 32;
/** The round trip the proxy adds on PostgreSQL. */
export const ROUND_TRIP_MS = 50;

export type Side = 'children' | 'packages';

export interface SideResult {
  /** Milliseconds from the first begin to the last end of the 32 runners, per round. */
  wall: number[];
  /** Milliseconds per begin and per end, all rounds. */
  begin: number[];
  end: number[];
  /** Through the proxy: a runner's begin + end on the wire (the round's counts / RUNNERS), last round. */
  wire?: WireCounts;
}

export interface ChildrenResult {
  engine: string;
  /** The round trip added by the proxy, 0 without one. */
  roundTripMs: number;
  /** A SELECT 1 through the proxy, median of 10 (ms): what one round trip costs there. */
  selectOneMs?: number;
  rounds: number;
  sides: Record<Side, SideResult>;
  /** Wall time of children / packages, round by round (each round runs both sides). */
  ratios: number[];
  seconds: number;
}

const success = (executionId: string, runKey: string) => ({
  executionId,
  outcome: 'success' as const,
  message: null,
  caller: { runKey },
});

/**
 * One runner's begin and end, timed; checks that the begin inserted a new execution (E) and the
 * end ended it, so that both sides do the same work.
 */
async function runner(
  catalog: CatalogEngine,
  packageName: string,
  parentExecutionId: string | undefined,
  runKey: string,
) {
  const t0 = performance.now();
  const begun = await begin(catalog, {
    packageName,
    retryLimit: undefined,
    parentExecutionId,
    runKey,
    context: CONTEXT,
  });
  const t1 = performance.now();
  const ended = await end(catalog, success(begun.executionId, runKey));
  const t2 = performance.now();
  if (begun.plan.kind !== 'insert' || begun.executionStatus !== 'E')
    throw new Error(`children bench: ${packageName} began as ${begun.plan.kind} ${begun.executionStatus}, not a new E`);
  if (ended.kind !== 'ended') throw new Error(`children bench: the end of ${packageName} was ${ended.kind}`);
  return { begin: t1 - t0, end: t2 - t1 };
}

/** One round of one side: every runner at once; returns the wall time and each runner's times. */
async function round(
  runners: CatalogEngine[],
  direct: CatalogEngine,
  side: Side,
  tag: string,
  label: string,
  proxy: WireProxy | undefined,
): Promise<{ wall: number; times: { begin: number; end: number }[]; wire?: WireCounts }> {
  let batchId: string | undefined;
  const batchKey = `children:${tag}:batch:${label}`;
  if (side === 'children') {
    const batch = await begin(direct, {
      packageName: `children-${tag}-batch`,
      retryLimit: undefined,
      parentExecutionId: undefined,
      isBatch: true,
      runKey: batchKey,
      context: CONTEXT,
    });
    if (batch.plan.kind !== 'insert') throw new Error(`children bench: the batch began as ${batch.plan.kind}`);
    batchId = batch.executionId;
  }
  proxy?.reset();
  const t0 = performance.now();
  const times = await Promise.all(
    runners.map((catalog, i) =>
      runner(catalog, `${side}-${tag}-${i + 1}`, batchId, `children:${tag}:${side}:${label}:${i + 1}`),
    ),
  );
  const wall = performance.now() - t0;
  const perRunner = (count: number) => count / runners.length;
  const wire = proxy && {
    roundTrips: perRunner(proxy.counts.roundTrips),
    statements: perRunner(proxy.counts.statements),
    transactions: perRunner(proxy.counts.transactions),
  };
  if (batchId !== undefined) {
    // Ends S: every child gets NextLoadStatus P, so next round's begins are new executions again.
    const ended = await end(direct, success(batchId, batchKey));
    if (ended.kind !== 'ended') throw new Error(`children bench: the batch end was ${ended.kind}`);
    if (ended.children.length !== runners.length)
      throw new Error(`children bench: the batch ended with ${ended.children.length} children, not ${runners.length}`);
  }
  return { wall, times, wire };
}

async function measure(
  runners: CatalogEngine[],
  direct: CatalogEngine,
  engine: string,
  rounds: number,
  proxy?: WireProxy,
  roundTripMs = 0,
): Promise<ChildrenResult> {
  const started = performance.now();
  const tag = Math.random().toString(36).slice(2, 8);
  const sides: Record<Side, SideResult> = {
    children: { wall: [], begin: [], end: [] },
    packages: { wall: [], begin: [], end: [] },
  };
  const ratios: number[] = [];
  for (let r = -1; r < rounds; r++) {
    // Round -1 warms up (and registers the packages); the order of the sides alternates.
    const order: Side[] = r % 2 === 0 ? ['children', 'packages'] : ['packages', 'children'];
    const walls = {} as Record<Side, number>;
    for (const side of order) {
      const { wall, times, wire } = await round(runners, direct, side, tag, String(r), proxy);
      walls[side] = wall;
      if (r < 0) continue;
      sides[side].wire = wire;
      sides[side].wall.push(wall);
      sides[side].begin.push(...times.map((time) => time.begin));
      sides[side].end.push(...times.map((time) => time.end));
    }
    if (r >= 0) ratios.push(walls.children / walls.packages);
  }
  return { engine, roundTripMs, rounds, sides, ratios, seconds: (performance.now() - started) / 1000 };
}

/** On PostgreSQL, the runners through a proxy adding `roundTripMs` to every round trip. */
export async function childrenPostgres(
  cluster: Cluster,
  rounds: number,
  roundTripMs = ROUND_TRIP_MS,
): Promise<ChildrenResult> {
  const url = await cluster.createDatabase();
  const database = new URL(url).pathname.slice(1);
  const direct = await openPostgres(url);
  const proxy = await startWireProxy(cluster.host, cluster.port, { roundTripMs });
  const runners: CatalogEngine[] = [];
  try {
    await direct.migrate();
    const proxied = `postgres://postgres@127.0.0.1:${proxy.port}/${database}`;
    runners.push(...(await Promise.all(Array.from({ length: RUNNERS }, () => openPostgres(proxied)))));
    const selectOneMs = await timeSelectOne(proxied);
    return { ...(await measure(runners, direct, 'PostgreSQL', rounds, proxy, roundTripMs)), selectOneMs };
  } finally {
    await Promise.all([...runners, direct].map((catalog) => catalog.close()));
    await proxy.close();
  }
}

/** What one round trip through the proxy costs: SELECT 1, median of 10, on a connection of its own. */
async function timeSelectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await client.query('SELECT 1');
      times.push(performance.now() - t0);
    }
    return median(times);
  } finally {
    await client.end();
  }
}

/** On SQLite, no proxy: the 32 runners' connections to one catalog file. */
export async function childrenSqlite(rounds: number): Promise<ChildrenResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-bench-children-'));
  const file = join(dir, 'catalog.db');
  const catalogs: CatalogEngine[] = [];
  try {
    catalogs.push(await openSqlite(file, { ...OPTIONS, createCatalog: true }));
    await catalogs[0].migrate();
    while (catalogs.length < 1 + RUNNERS) catalogs.push(await openSqlite(file, OPTIONS));
    const [direct, ...runners] = catalogs;
    return await measure(runners, direct, 'SQLite', rounds);
  } finally {
    await Promise.all(catalogs.map((catalog) => catalog.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}
