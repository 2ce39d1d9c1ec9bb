/**
 * Batches, variables, row counts and audit on PostgreSQL beyond the shared contract: a child's
 * begin and end lock their batch's package first, in the same pipeline (still two round trips);
 * lockPackages waits for each package; batch ends racing child begins and ends never deadlock;
 * finish and the like reach only executions of locked packages; repeated names in one call and
 * empty lists are sent as they should be.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockViolation, type CatalogEngine } from '../../../src/catalog/catalog.js';
import { openCatalog } from '../../../src/catalog/connect.js';
import { BfxError } from '../../../src/errors.js';
import { begin as beginOrRefuse, end } from '../../../src/run-control/index.js';
import { startWireProxy, type WireCounts } from '../../../bench/wire-proxy.js';
import { startCluster, type Cluster } from '../../support/postgres.js';
import { databaseOf } from '../../support/postgres-catalog.js';
import { begin, beginRequest as request, endRequest } from '../../support/requests.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
let cluster: Cluster;
const success = (executionId: string) => endRequest(executionId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

async function withCatalog<T>(url: string, work: (catalog: CatalogEngine) => Promise<T>, options = OPTIONS) {
  const catalog = await openCatalog(url, options);
  try {
    return await work(catalog);
  } finally {
    await catalog.close();
  }
}

/** A batch's end as run control writes it: children read, then their packages locked beside the writes. */
function endBatch(catalog: CatalogEngine, batchExecutionId: string, finish: boolean) {
  return catalog.transaction({ executionId: batchExecutionId }, 'end the batch', async (tx) => {
    const children = await tx.children(batchExecutionId);
    const packages = [...new Set(children.map((child) => child.packageId))].sort((a, b) => a - b);
    await Promise.all([
      tx.lockPackages(packages),
      tx.setNextLoadStatuses(
        children.map((child) => child.executionId),
        'P',
      ),
      finish &&
        tx.finishExecution({
          executionId: batchExecutionId,
          executionStatus: 'S',
          nextLoadStatus: 'P',
          errorMessage: null,
        }),
      tx.commit(),
    ]);
  });
}

/** A lock held by a session of its own until release(). */
async function holdPackage(url: string, packageName: string) {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT 1 FROM bfx.Package WHERE PackageName = $1 FOR UPDATE', [packageName]);
  return {
    release: async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}

/**
 * Resolves once this many of bfx-begin's sessions on the database wait for a lock, as the server
 * reports it (pg_stat_activity): what a test waits for, rather than a sleep that may be too short
 * on a busy machine. Fails when none does within 30 s.
 */
async function lockWaits(url: string, sessions = 1): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    const [row] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'bfx-begin' AND wait_event_type = 'Lock'`,
      [databaseOf(url)],
    );
    if (row.n >= sessions) return;
    await sleep(20);
  }
  throw new Error(`no ${sessions} session(s) of bfx-begin waited for a lock within 30 s`);
}

/** Resolves once bfx-begin's sessions on the database have ended (and so reported their statistics). */
async function sessionsGone(url: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    const [row] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bfx-begin'`,
      [databaseOf(url)],
    );
    if (row.n === 0) return;
    await sleep(20);
  }
  throw new Error('sessions of bfx-begin stayed open 30 s after their catalogs closed');
}

/** Whether another session can lock the package row at once (NOWAIT). */
async function lockable(url: string, packageName: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  try {
    await probe.query('BEGIN');
    await probe.query('SELECT 1 FROM bfx.Package WHERE PackageName = $1 FOR UPDATE NOWAIT', [packageName]);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return false;
    throw error;
  } finally {
    await probe.query('ROLLBACK').catch(() => undefined);
    await probe.end();
  }
}

describe('round trips', () => {
  it("counts two for a child's begin and end, its batch's package locked in the same pipeline, and two for a batch's end that locks its children's packages", async () => {
    const database = databaseOf(await cluster.createDatabase());
    const proxy = await startWireProxy(cluster.host, cluster.port);
    const counted: Record<string, WireCounts> = {};
    const measure = async <T>(call: string, work: () => Promise<T>): Promise<T> => {
      proxy.reset();
      const result = await work();
      counted[call] = { ...proxy.counts };
      return result;
    };
    try {
      await withCatalog(`postgres://postgres@127.0.0.1:${proxy.port}/${database}`, async (catalog) => {
        const batch = await measure('begin: batch', () => begin(catalog, request('Batch', { isBatch: true })));
        const first = await measure('begin: child, new package', () =>
          begin(catalog, request('ChildA', { parentExecutionId: batch.executionId })),
        );
        await measure('end: child', () => end(catalog, success(first.executionId)));
        await measure('begin: child, insert', () =>
          begin(catalog, request('ChildA', { parentExecutionId: batch.executionId })),
        );
        await begin(catalog, request('ChildB', { parentExecutionId: batch.executionId }));
        await measure('end: batch, two children', () => endBatch(catalog, batch.executionId, true));
        await measure('empty lists', () =>
          catalog.transaction({ packageName: 'Batch' }, 'nothing', async (tx) => {
            await Promise.all([
              tx.lockPackages([]),
              tx.setNextLoadStatuses([], 'C'),
              tx.registerVariables([]),
              tx.storeVariables([], null),
              tx.saveRowCounts(batch.executionId, []),
              tx.commit(),
            ]);
          }),
        );
        expect((await catalog.status('Batch'))[0]).toMatchObject({ isBatch: true, batchPackageName: null });
        expect((await catalog.status('ChildA'))[0]).toMatchObject({ isBatch: false, batchPackageName: 'Batch' });
      });
    } finally {
      await proxy.close();
    }
    console.log(`on the wire: ${JSON.stringify(counted)}`);
    for (const [call, counts] of Object.entries(counted)) {
      expect([call, counts.roundTrips, counts.transactions]).toEqual([call, call === 'empty lists' ? 1 : 2, 1]);
    }
    // BEGIN, its limits, the lock and COMMIT: an empty list sends nothing.
    expect(counted['empty lists'].statements).toBe(4);
  });
});

describe('locks', () => {
  it("locks the batch's package before the child's: a child's begin and end wait for it, holding nothing of their own meanwhile", async () => {
    const url = await cluster.createDatabase();
    const { batch, child } = await withCatalog(url, async (catalog) => {
      const batch = await begin(catalog, request('Batch', { isBatch: true }));
      const child = await begin(catalog, request('Child', { parentExecutionId: batch.executionId }));
      await end(catalog, success(child.executionId));
      return { batch, child };
    });
    await withCatalog(url, async (catalog) => {
      for (const [what, call] of [
        ['begin', () => begin(catalog, request('Child', { parentExecutionId: batch.executionId }))],
        ['end', () => end(catalog, { ...success(child.executionId), outcome: 'failure' })],
      ] as const) {
        const holder = await holdPackage(url, 'Batch');
        let settled = false;
        const waiting = call().finally(() => (settled = true));
        await lockWaits(url);
        expect([what, settled]).toEqual([what, false]);
        // Waiting for the batch's package, the child's own is not locked yet.
        expect([what, await lockable(url, 'Child')]).toEqual([what, true]);
        await holder.release();
        await waiting;
      }
      // A parent that does not exist locks nothing extra, and a package without a parent waits for nobody.
      const holder = await holdPackage(url, 'Batch');
      try {
        // Both complete while the batch's package is held to the end of the test: had either waited
        // for it, it would have timed out and thrown. A begin naming a parent that is not there is
        // refused without waiting for any lock.
        expect(await beginOrRefuse(catalog, request('Orphan', { parentExecutionId: '987654321' }))).toEqual({
          kind: 'unknown-parent',
          parentExecutionId: '987654321',
        });
        await begin(catalog, request('Child'));
      } finally {
        await holder.release();
      }
    });
  });

  it("waits in lockPackages for each package's lock, and times out clearly", async () => {
    const url = await cluster.createDatabase();
    const batch = await withCatalog(url, async (catalog) => {
      const batch = await begin(catalog, request('Batch', { isBatch: true }));
      await begin(catalog, request('Child', { parentExecutionId: batch.executionId }));
      return batch;
    });
    const holder = await holdPackage(url, 'Child');
    try {
      const failed = await withCatalog(url, (catalog) => endBatch(catalog, batch.executionId, true), {
        ...OPTIONS,
        requestTimeoutMs: 500,
      }).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(BfxError);
      expect((failed as Error).message).toMatch(
        /\(55P03 lock timeout\), so bfx could not end the batch and nothing was changed/,
      );
    } finally {
      await holder.release();
    }
    await withCatalog(url, async (catalog) => {
      expect((await catalog.status('Batch'))[0].active?.executionId).toBe(batch.executionId);
    });
  });

  it("lets a child's begin and end through while another child of the batch holds the batch's package: children lock it shared", async () => {
    const url = await cluster.createDatabase();
    const { batch, first } = await withCatalog(url, async (catalog) => {
      const batch = await begin(catalog, request('Batch', { isBatch: true }));
      const first = await begin(catalog, request('ChildA', { parentExecutionId: batch.executionId }));
      return { batch, first };
    });
    // A lock wait of over 2 s fails with 55P03: under an exclusive lock the second child would wait for the first.
    await withCatalog(url, async (holding) => {
      await withCatalog(
        url,
        async (other) => {
          const during = await holding.transaction({ executionId: first.executionId }, 'hold', async (tx) => {
            await tx.execution(first.executionId);
            const sibling = await begin(other, request('ChildB', { parentExecutionId: batch.executionId }));
            const ended = await end(other, success(sibling.executionId));
            await tx.commit();
            return [sibling.plan.kind, ended.kind];
          });
          expect(during).toEqual(['insert', 'ended']);
        },
        { ...OPTIONS, requestTimeoutMs: 2_000 },
      );
    });
  });

  it("makes the batch's own end wait for a child's transaction: the batch locks its package exclusively", async () => {
    const url = await cluster.createDatabase();
    const { batch, child } = await withCatalog(url, async (catalog) => {
      const batch = await begin(catalog, request('Batch', { isBatch: true }));
      const child = await begin(catalog, request('Child', { parentExecutionId: batch.executionId }));
      return { batch, child };
    });
    await withCatalog(url, async (holding) => {
      await withCatalog(url, async (other) => {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const holds = new Promise<void>((resolve) => (locked = resolve));
        const held = holding.transaction({ executionId: child.executionId }, "hold the child's locks", async (tx) => {
          await tx.execution(child.executionId);
          locked();
          await released;
          await tx.commit();
        });
        await holds;
        let settled = false;
        const batchEnd = end(other, success(batch.executionId)).finally(() => (settled = true));
        await lockWaits(url);
        expect(settled).toBe(false);
        release();
        await held;
        expect(await batchEnd).toMatchObject({ kind: 'ended' });
      });
    });
  });

  it("never deadlocks, by PostgreSQL's own count, when 32 children of one batch begin and end at once while the batch ends", async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    const children = Array.from({ length: 32 }, (_, i) => `C${i + 1}`);
    const batch = await withCatalog(url, async (catalog) => {
      const batch = await begin(catalog, request('Batch', { isBatch: true }));
      for (const name of children) await begin(catalog, request(name, { parentExecutionId: batch.executionId }));
      return batch;
    });
    const deadlocks = async () =>
      (await cluster.sql<{ n: number }>('SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = $1', [db]))[0]
        .n;
    const before = await deadlocks();
    const catalogs = await Promise.all(Array.from({ length: children.length + 2 }, () => openCatalog(url, OPTIONS)));
    try {
      const childRuns = children.map(async (name, i) => {
        const catalog = catalogs[i];
        for (let round = 0; round < 3; round++) {
          const begun = await begin(catalog, request(name, { parentExecutionId: batch.executionId }));
          await end(catalog, success(begun.executionId));
        }
      });
      // The batch's end locks every child's package after its own, in ascending order, again and again.
      const batchRuns = catalogs.slice(children.length).map(async (catalog) => {
        for (let round = 0; round < 8; round++) await endBatch(catalog, batch.executionId, false);
      });
      await Promise.all([...childRuns, ...batchRuns]);
      expect(await end(catalogs[0], success(batch.executionId))).toMatchObject({ kind: 'ended' });
    } finally {
      await Promise.all(catalogs.map((catalog) => catalog.close()));
    }
    // A session's statistics reach pg_stat_database when it ends.
    await sessionsGone(url);
    expect((await deadlocks()) - before).toBe(0);
    await withCatalog(url, async (catalog) => {
      const rows = await catalog.children(batch.executionId);
      expect(rows.length).toBeGreaterThanOrEqual(children.length);
      expect(rows.filter((row) => !row.ended)).toEqual([]);
    });
  });
});

describe('writes of a load', () => {
  it('finishes and changes executions of packages it holds exclusively only: its own and those of lockPackages', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      const a = await begin(catalog, request('A'));
      const b = await begin(catalog, request('B'));
      const bPackage = (await catalog.status('B'))[0].packageId;
      const finishB = (locks: number[]) =>
        catalog.transaction({ packageName: 'A' }, 'finish B', async (tx) => {
          await tx.lockPackages(locks);
          const [row] = await Promise.all([
            tx.finishExecution({
              executionId: b.executionId,
              executionStatus: 'F',
              nextLoadStatus: 'R',
              errorMessage: 'x',
            }),
            tx.commit(),
          ]);
          return row;
        });
      await expect(finishB([])).rejects.toBeInstanceOf(LockViolation);
      await expect(
        catalog.transaction({ packageName: 'A' }, 'skip B', (tx) => tx.setNextLoadStatus(b.executionId, 'C')),
      ).rejects.toThrow(/is not an execution of a package this transaction has locked/);
      const unchanged = (await catalog.history('B', 1))[0];
      await expect(
        catalog.transaction({ packageName: 'A' }, 'skip B', async (tx) => {
          await Promise.all([tx.setNextLoadStatuses([a.executionId, b.executionId], 'R'), tx.commit()]);
        }),
      ).rejects.toThrow(/is not an execution of a package this transaction has locked/);
      expect((await catalog.history('B', 1))[0]).toEqual(unchanged);
      expect(await finishB([bPackage])).toMatchObject({ executionId: b.executionId, executionStatus: 'F' });

      // A child's end holds its batch's package shared, beside its siblings: it changes none of the batch's executions.
      const batch = await begin(catalog, request('Batch', { isBatch: true }));
      const child = await begin(catalog, request('Child', { parentExecutionId: batch.executionId }));
      await expect(
        catalog.transaction({ executionId: child.executionId }, 'change the batch', (tx) =>
          tx.setNextLoadStatus(batch.executionId, 'R'),
        ),
      ).rejects.toThrow(/is not an execution of a package this transaction has locked/);
    });
  });

  it('keeps the first of repeated defaults, and the last of repeated values and counts, given in one call', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      const begun = await begin(catalog, request('P'));
      await catalog.transaction({ executionId: begun.executionId }, 'store', async (tx) => {
        await tx.registerVariables([
          { name: 'Mark', value: 'first' },
          { name: 'Mark', value: 'second' },
        ]);
        await Promise.all([
          tx.storeVariables(
            [
              { name: 'Mark', value: 'a' },
              { name: 'Mark', value: 'b' },
            ],
            begun.executionId,
          ),
          tx.saveRowCounts(begun.executionId, [
            { objectName: 'dbo.T', countType: 'Insert', rowCount: 1 },
            { objectName: 'dbo.T', countType: 'Insert', rowCount: 2 },
          ]),
          tx.recordAudit({ executionId: null, action: 'store', detail: null, actor: null }),
          tx.commit(),
        ]);
      });
      expect(await catalog.variables('P')).toMatchObject([
        { name: 'Mark', value: 'b', previousValue: 'first', executionId: begun.executionId },
      ]);
      expect(await catalog.rowCounts([begun.executionId])).toEqual([
        { executionId: begun.executionId, objectName: 'dbo.T', countType: 'Insert', rowCount: 2 },
      ]);
      expect(await catalog.audit('P', 10)).toMatchObject([{ action: 'store', executionId: null, packageName: 'P' }]);
      expect(await catalog.variables('NoSuchPackage')).toBeNull();
      expect(await catalog.audit('NoSuchPackage', 10)).toEqual([]);
      await begin(catalog, request('Empty'));
      expect(await catalog.variables('Empty')).toEqual([]);
    });
  });
});
