/**
 * A COMMIT whose answer never comes, on PostgreSQL: a proxy holds the COMMIT (or its answer) with
 * the connection open, and pg gives up at its read timeout. As on SQL Server (a request timeout
 * after COMMIT was sent), the outcome is unknown, so the call runs again on a new connection and
 * reports what the catalog holds: one execution, never two, and never "nothing was changed" of a
 * change that committed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEngine } from '../../../src/catalog/catalog.js';
import { openCatalog } from '../../../src/catalog/connect.js';
import { BfxError } from '../../../src/errors.js';
import { end } from '../../../src/run-control/index.js';
import { startCommitDropProxy, type CommitDropProxy } from '../../support/commit-drop-proxy.js';
import { startCluster, type Cluster } from '../../support/postgres.js';
import { databaseOf, postgresExecutions } from '../../support/postgres-catalog.js';
import { begin, beginRequest, endRequest } from '../../support/requests.js';

/** pg's read timeout is the request timeout and 5 s (driver.ts): each held COMMIT costs about 6 s. */
const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 1_000 };
const HELD_MS = 30_000;
let cluster: Cluster;
let proxy: CommitDropProxy;
let catalog: CatalogEngine;
let url: string;
let database: string;

beforeAll(async () => {
  cluster = await startCluster();
  url = await cluster.createDatabase();
  database = databaseOf(url);
  proxy = await startCommitDropProxy(cluster.port);
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  catalog = await openCatalog(proxied.href, OPTIONS);
});
afterAll(async () => {
  await catalog?.close();
  await proxy?.close();
  await cluster?.destroy();
});

const rowsOf = async (packageName: string) =>
  (await postgresExecutions(cluster, database)).filter((row) => row.packagename === packageName);

/** Runs `command` with the next COMMIT (or its answer) held until pg's read timeout. */
async function withHeldCommit<T>(what: 'answer' | 'request', command: () => Promise<T>): Promise<T> {
  const holds = proxy.holds();
  proxy.holdNextCommit(what);
  const started = performance.now();
  const result = await command();
  expect(proxy.holds()).toBe(holds + 1);
  // It waited out pg's read timeout once, then ran again.
  expect(performance.now() - started).toBeGreaterThan(OPTIONS.requestTimeoutMs + 4_500);
  return result;
}

describe('a COMMIT whose answer never comes (pg read timeout)', () => {
  it(
    'a begin that committed: run again, it reports its insert, and the catalog holds one execution',
    async () => {
      const started = await withHeldCommit('answer', () => begin(catalog, beginRequest('LOAD_Held_Begin')));
      expect(started).toMatchObject({
        executionStatus: 'E',
        nextLoadStatus: 'C',
        retryCount: 0,
        plan: { kind: 'insert' },
      });
      const rows = await rowsOf('LOAD_Held_Begin');
      expect(rows.map((row) => [row.executionid, row.executionstatus, row.endtime])).toEqual([
        [started.executionId, 'E', null],
      ]);
    },
    HELD_MS,
  );

  it(
    'a begin whose COMMIT never reached the server: run again, it begins once',
    async () => {
      const started = await withHeldCommit('request', () => begin(catalog, beginRequest('LOAD_Held_Begin_Lost')));
      expect(started).toMatchObject({ executionStatus: 'E', plan: { kind: 'insert' } });
      const rows = await rowsOf('LOAD_Held_Begin_Lost');
      expect(rows.map((row) => [row.executionid, row.executionstatus, row.endtime])).toEqual([
        [started.executionId, 'E', null],
      ]);
    },
    HELD_MS,
  );

  it(
    'an end that committed reports the end it made, and a later end is told it had ended',
    async () => {
      const started = await begin(catalog, beginRequest('LOAD_Held_End'));
      const ended = await withHeldCommit('answer', () =>
        end(catalog, endRequest(started.executionId, 'failure', { message: 'the load failed' })),
      );
      expect(ended).toMatchObject({
        kind: 'ended',
        execution: { executionId: started.executionId, executionStatus: 'F', nextLoadStatus: 'R' },
      });
      const rows = await rowsOf('LOAD_Held_End');
      expect(rows.map((row) => [row.executionstatus, row.nextloadstatus, row.endtime !== null])).toEqual([
        ['F', 'R', true],
      ]);
      expect(await end(catalog, endRequest(started.executionId, 'failure'))).toMatchObject({ kind: 'already-ended' });
    },
    HELD_MS,
  );

  it(
    'when the run again fails too, the user is told the outcome is unknown, not "nothing was changed"',
    async () => {
      const started = await begin(catalog, beginRequest('LOAD_Held_Unknown'));
      // Once the held end has committed, another session holds the package's lock past the
      // request timeout: the end's second attempt cannot read back what it did.
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      const locking = (async () => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await holder.query('BEGIN');
        await holder.query(`SELECT 1 FROM bfx.Package WHERE PackageName = 'LOAD_Held_Unknown' FOR UPDATE`);
      })();
      try {
        const failed = await withHeldCommit('answer', () =>
          end(catalog, endRequest(started.executionId, 'success')).catch((error: unknown) => error),
        );
        await locking;
        expect(failed).toBeInstanceOf(BfxError);
        expect((failed as Error).message).toMatch(
          /^The PostgreSQL server at .* did not answer a COMMIT within the request timeout of 1 s, and bfx could not read back what the PostgreSQL catalog .* holds afterwards, so bfx cannot tell whether it managed to end execution \d+: check the server, then rerun/,
        );
        expect((failed as Error).message).not.toMatch(/nothing was changed/);
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        await holder.end();
      }
      // It had committed: the execution ended as the end asked.
      const rows = await rowsOf('LOAD_Held_Unknown');
      expect(rows.map((row) => [row.executionstatus, row.endtime !== null])).toEqual([['S', true]]);
    },
    HELD_MS,
  );
});
