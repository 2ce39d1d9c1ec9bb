/**
 * The cost of a batch's end (issue 9): the end of a batch execution with 100 children sets their
 * NextLoadStatus in its own transaction, under the children's package locks (S: every child P;
 * F: the children that succeeded C). Measured through src/run-control/ on an engine, against a plain
 * end (a package that is no batch, no parent) as the baseline, in alternation.
 *
 * Each measured end gets fresh packages: a batch package begun (is-batch), 100 child packages
 * begun under it (parent-execution-id) and ended S. Fresh, so that every F end finds all 100
 * children succeeded (a child that a failed batch set to C would be skipped by its next begin).
 * All of them are prepared first, then the ends are timed one after another. On PostgreSQL one
 * more end of each kind runs through the wire proxy to count its round trips.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CatalogEngine } from '../src/catalog/catalog.js';
import { openEngine } from '../src/catalog/connect.js';
import type { OpenOptions } from '../src/catalog/catalog.js';
import { end } from '../src/run-control/index.js';
import { begin } from '../test/support/requests.js';
import type { Cluster } from '../test/support/postgres.js';
import { CONTEXT, OPTIONS, openCatalog as openPostgres } from './postgres.js';
import { startWireProxy, type WireCounts } from './wire-proxy.js';

const openSqlite = (path: string, options: OpenOptions) => openEngine(`sqlite:${path}`, options);

export const CHILDREN = 100;

export type EndKind = 'plain S' | 'plain F' | 'batch S' | 'batch F';
export const END_KINDS: EndKind[] = ['plain S', 'plain F', 'batch S', 'batch F'];

export interface BatchEndResult {
  engine: string;
  runs: number;
  /** Milliseconds per measured end, by kind. */
  ends: Record<EndKind, number[]>;
  /** Seconds spent beginning and ending the batches and children that the ends need. */
  setUpSeconds: number;
  /** PostgreSQL only: one end of each kind counted on the wire. */
  wire?: Record<EndKind, WireCounts>;
}

/**
 * Begins what one end of `kind` needs (a batch with its children ended S, or a plain package) on
 * `catalog`, and returns that end, to be timed on `ending`. Each call uses packages of its own.
 */
async function prepare(catalog: CatalogEngine, kind: EndKind, tag: string, ending: CatalogEngine) {
  const batch = kind.startsWith('batch');
  const name = `${batch ? 'batch' : 'plain'}-${tag}`;
  const runKey = `batch-end:${tag}`;
  const begun = await begin(catalog, {
    packageName: name,
    retryLimit: undefined,
    parentExecutionId: undefined,
    isBatch: batch,
    runKey,
    context: CONTEXT,
  });
  if (begun.plan.kind !== 'insert')
    throw new Error(`batch end: expected an insert, the begin was a ${begun.plan.kind}`);
  if (batch) {
    for (let child = 1; child <= CHILDREN; child++) {
      const childKey = `${runKey}:${child}`;
      const started = await begin(catalog, {
        packageName: `${name}-child-${child}`,
        retryLimit: undefined,
        parentExecutionId: begun.executionId,
        runKey: childKey,
        context: CONTEXT,
      });
      await end(catalog, {
        executionId: started.executionId,
        outcome: 'success',
        message: null,
        caller: { runKey: childKey },
      });
    }
  }
  const failed = kind.endsWith('F');
  return async () => {
    const ended = await end(ending, {
      executionId: begun.executionId,
      outcome: failed ? 'failure' : 'success',
      message: failed ? 'A child failed.' : null,
      caller: { runKey },
    });
    // The end did what it is measured for: ended, and for a batch every child set (S: P; F: C).
    if (ended.kind !== 'ended') throw new Error(`batch end: the ${kind} end was ${ended.kind}`);
    const expected = failed ? 'C' : 'P';
    const children = batch ? CHILDREN : 0;
    if (ended.children.length !== children || ended.children.some((child) => child.nextLoadStatus !== expected))
      throw new Error(`batch end: the ${kind} end left its children other than ${children} x ${expected}`);
  };
}

/**
 * `runs` ends of each kind, after `warmUp` rounds not counted. Everything is prepared first, each
 * worker catalog preparing one batch at a time (batches of different packages do not wait for each
 * other); then the ends are timed one after another on `ending`, the kinds in a rotating order.
 */
async function measure(
  workers: CatalogEngine[],
  ending: CatalogEngine,
  engine: string,
  runs: number,
  warmUp: number,
): Promise<BatchEndResult> {
  const result: BatchEndResult = {
    engine,
    runs,
    ends: { 'plain S': [], 'plain F': [], 'batch S': [], 'batch F': [] },
    setUpSeconds: 0,
  };
  const tag = Math.random().toString(36).slice(2, 8);
  const jobs = Array.from({ length: warmUp + runs }, (_, run) =>
    END_KINDS.map((_, k) => ({ run, kind: END_KINDS[(run + k) % END_KINDS.length] })),
  ).flat();
  const ends: (() => Promise<void>)[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    workers.map(async (worker) => {
      for (let job = next++; job < jobs.length; job = next++) {
        const { run, kind } = jobs[job];
        ends[job] = await prepare(worker, kind, `${tag}-${run}-${kind.replace(' ', '')}`, ending);
      }
    }),
  );
  result.setUpSeconds = (performance.now() - started) / 1000;
  for (const [job, { run, kind }] of jobs.entries()) {
    const t0 = performance.now();
    await ends[job]();
    if (run >= warmUp) result.ends[kind].push(performance.now() - t0);
  }
  return result;
}

export async function batchEndSqlite(runs: number): Promise<BatchEndResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-bench-batch-'));
  try {
    const catalog = await openSqlite(join(dir, 'catalog.db'), { ...OPTIONS, createCatalog: true });
    try {
      await catalog.migrate();
      // One connection: SQLite has one writer at a time.
      return await measure([catalog], catalog, 'SQLite', runs, 1);
    } finally {
      await catalog.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Connections preparing batches at once on PostgreSQL. */
const POSTGRES_WORKERS = 4;

export async function batchEndPostgres(cluster: Cluster, runs: number): Promise<BatchEndResult> {
  const url = await cluster.createDatabase();
  const database = new URL(url).pathname.slice(1);
  const catalogs = [await openPostgres(url)];
  try {
    await catalogs[0].migrate();
    while (catalogs.length < 1 + POSTGRES_WORKERS) catalogs.push(await openPostgres(url));
    const [ending, ...workers] = catalogs;
    // Round trips: one end of each kind through the proxy (not timed: it adds latency).
    const wire = {} as Record<EndKind, WireCounts>;
    const proxy = await startWireProxy(cluster.host, cluster.port);
    try {
      const counted = await openPostgres(`postgres://postgres@127.0.0.1:${proxy.port}/${database}`);
      try {
        const tag = Math.random().toString(36).slice(2, 8);
        for (const kind of END_KINDS) {
          const timedEnd = await prepare(ending, kind, `${tag}-wire-${kind.replace(' ', '')}`, counted);
          proxy.reset();
          await timedEnd();
          wire[kind] = { ...proxy.counts };
        }
      } finally {
        await counted.close();
      }
    } finally {
      await proxy.close();
    }
    return { ...(await measure(workers, ending, 'PostgreSQL', runs, 1)), wire };
  } finally {
    await Promise.all(catalogs.map((catalog) => catalog.close()));
  }
}
