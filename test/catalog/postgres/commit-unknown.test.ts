/**
 * A commit whose outcome is unknown is never reported as rolled back: a proxy lets a COMMIT reach
 * the server, waits for the server to commit, and drops the connection instead of passing the
 * answer on. The begin or end is run again on a fresh connection (a transient fault), and it
 * reports what the catalog holds: a begin re-enters its execution by run key, an end finds its
 * execution holding exactly what it wrote and reports it ended.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEngine } from '../../../src/catalog/catalog.js';
import { openCatalog } from '../../../src/catalog/connect.js';
import { end } from '../../../src/run-control/index.js';
import { startCommitDropProxy, type CommitDropProxy } from '../../support/commit-drop-proxy.js';
import { startCluster, type Cluster } from '../../support/postgres.js';
import { databaseOf, postgresExecutions } from '../../support/postgres-catalog.js';
import { begin, beginRequest, endRequest } from '../../support/requests.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
let cluster: Cluster;
let proxy: CommitDropProxy;
let catalog: CatalogEngine;
let database: string;

beforeAll(async () => {
  cluster = await startCluster();
  const url = new URL(await cluster.createDatabase());
  database = databaseOf(url.href);
  proxy = await startCommitDropProxy(cluster.port);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  catalog = await openCatalog(url.href, OPTIONS);
});
afterAll(async () => {
  await catalog?.close();
  await proxy?.close();
  await cluster?.destroy();
});

const rowsOf = async (packageName: string) =>
  (await postgresExecutions(cluster, database)).filter((row) => row.packagename === packageName);

describe('a commit whose answer is lost', () => {
  it('an end that committed reports the end it made, not "already ended"', async () => {
    const started = await begin(catalog, beginRequest('LOAD_Lost_End'));
    proxy.dropNextCommit();
    const drops = proxy.drops();
    const ended = await end(catalog, endRequest(started.executionId, 'failure', { message: 'the load failed' }));
    expect(proxy.drops()).toBe(drops + 1);
    expect(ended).toMatchObject({
      kind: 'ended',
      execution: {
        executionId: started.executionId,
        executionStatus: 'F',
        nextLoadStatus: 'R',
        errorMessage: 'the load failed',
      },
    });
    const rows = await rowsOf('LOAD_Lost_End');
    expect(rows.map((row) => [row.executionstatus, row.nextloadstatus, row.endtime !== null])).toEqual([
      ['F', 'R', true],
    ]);
    // A second end of it, later, is told the truth: it had ended already.
    expect(
      await end(catalog, endRequest(started.executionId, 'failure', { message: 'the load failed' })),
    ).toMatchObject({ kind: 'already-ended' });
  });

  it('a begin that committed returns the execution it wrote, once', async () => {
    proxy.dropNextCommit();
    const drops = proxy.drops();
    const started = await begin(catalog, beginRequest('LOAD_Lost_Begin'));
    expect(proxy.drops()).toBe(drops + 1);
    expect(started).toMatchObject({ executionStatus: 'E', nextLoadStatus: 'C', retryCount: 0 });
    const rows = await rowsOf('LOAD_Lost_Begin');
    expect(rows.map((row) => [row.executionid, row.executionstatus, row.endtime])).toEqual([
      [started.executionId, 'E', null],
    ]);
  });
});
