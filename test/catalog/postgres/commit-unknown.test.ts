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
import { deletePackage, rename } from '../../../src/run-control/catalog-commands.js';
import { end } from '../../../src/run-control/index.js';
import {
  reset,
  setEnabled,
  setNextLoadStatus,
  setVariable,
  type Operator,
} from '../../../src/run-control/package-commands.js';
import { startCommitDropProxy, type CommitDropProxy } from '../../support/commit-drop-proxy.js';
import { startCluster, type Cluster } from '../../support/postgres.js';
import { databaseOf, postgresExecutions } from '../../support/postgres-catalog.js';
import { begin, beginRequest, endRequest, NO_CONTEXT } from '../../support/requests.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
let cluster: Cluster;
let proxy: CommitDropProxy;
let catalog: CatalogEngine;
/** The same catalog, not through the proxy: what other runs do while a command's answer is lost. */
let other: CatalogEngine;
let database: string;

beforeAll(async () => {
  cluster = await startCluster();
  const url = new URL(await cluster.createDatabase());
  database = databaseOf(url.href);
  proxy = await startCommitDropProxy(cluster.port);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  other = await openCatalog(cluster.url(database), OPTIONS);
  catalog = await openCatalog(url.href, OPTIONS);
});
afterAll(async () => {
  await catalog?.close();
  await other?.close();
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

const OPERATOR: Operator = { actor: 'ops', reason: null };

const auditOf = (packageName: string) =>
  cluster.sql<{ action: string; detail: string }>(
    `SELECT a.Action, a.Detail FROM bfx.AuditLog a JOIN bfx.Package p ON p.PackageID = a.PackageID
      WHERE p.PackageName = $1 ORDER BY a.AuditID`,
    [packageName],
    database,
  );

/** Runs `command` with the answer to its COMMIT lost, `meanwhile` running before its next attempt. */
async function withLostCommit<T>(command: () => Promise<T>, meanwhile?: () => Promise<unknown>): Promise<T> {
  const drops = proxy.drops();
  proxy.dropNextCommit(meanwhile);
  const result = await command();
  expect(proxy.drops()).toBe(drops + 1);
  return result;
}

describe('an end whose answer is lost, its execution changed meanwhile', () => {
  it('an operator skip meanwhile: the end still reports the end it made, as the catalog holds it', async () => {
    const started = await begin(catalog, beginRequest('LOAD_Lost_End_Skip'));
    const ended = await withLostCommit(
      () => end(catalog, endRequest(started.executionId, 'failure', { message: 'the load failed' })),
      () => setNextLoadStatus(other, 'LOAD_Lost_End_Skip', 'C', OPERATOR),
    );
    expect(ended).toMatchObject({
      kind: 'ended',
      execution: { executionId: started.executionId, executionStatus: 'F', nextLoadStatus: 'C' },
    });
  });
});

describe('an operator command whose answer is lost reports what it did', () => {
  it('reset reports the execution it ended, and leaves alone the one a begin started meanwhile', async () => {
    const stuck = await begin(catalog, beginRequest('LOAD_Lost_Reset'));
    let meanwhile: Awaited<ReturnType<typeof begin>> | undefined;
    const result = await withLostCommit(
      () => reset(catalog, 'LOAD_Lost_Reset', 'stuck since Monday', OPERATOR),
      async () => (meanwhile = await begin(other, beginRequest('LOAD_Lost_Reset'))),
    );
    // The begin meanwhile saw the reset committed: it retries.
    expect(meanwhile).toMatchObject({ executionStatus: 'R', plan: { kind: 'insert' } });
    expect(result).toMatchObject({
      kind: 'reset',
      execution: { executionId: stuck.executionId, executionStatus: 'F', errorMessage: 'stuck since Monday' },
    });
    const rows = await rowsOf('LOAD_Lost_Reset');
    expect(rows.map((row) => [row.executionid, row.executionstatus, row.endtime !== null])).toEqual([
      [stuck.executionId, 'F', true],
      [meanwhile!.executionId, 'R', false],
    ]);
    expect((await auditOf('LOAD_Lost_Reset')).filter((entry) => entry.action === 'reset')).toHaveLength(1);
  });

  it('var set keeps the value before it as PreviousValue, and is recorded once', async () => {
    await begin(catalog, beginRequest('LOAD_Lost_Var', { variables: [{ name: 'LastLoadDate', value: '2026-01-01' }] }));
    const result = await withLostCommit(() =>
      setVariable(catalog, 'LOAD_Lost_Var', { name: 'LastLoadDate', value: '2026-02-01' }, OPERATOR),
    );
    expect(result).toMatchObject({
      kind: 'set',
      variable: { name: 'LastLoadDate', value: '2026-02-01', previousValue: '2026-01-01' },
    });
    const stored = await cluster.sql<{ variablevalue: string; previousvalue: string }>(
      `SELECT v.VariableValue, v.PreviousValue FROM bfx.ConfigVariable v JOIN bfx.Package p ON p.PackageID = v.PackageID
        WHERE p.PackageName = 'LOAD_Lost_Var'`,
      [],
      database,
    );
    expect(stored).toEqual([{ variablevalue: '2026-02-01', previousvalue: '2026-01-01' }]);
    expect((await auditOf('LOAD_Lost_Var')).map((entry) => entry.detail)).toEqual([
      'LastLoadDate set from "2026-01-01" to "2026-02-01".',
    ]);
  });

  it("var set, a load's end storing another mark meanwhile: reported set, recorded once, the end's mark kept", async () => {
    const first = await begin(
      catalog,
      beginRequest('LOAD_Lost_Var_End', { variables: [{ name: 'LastLoadDate', value: '2026-01-01' }] }),
    );
    const result = await withLostCommit(
      () => setVariable(catalog, 'LOAD_Lost_Var_End', { name: 'LastLoadDate', value: '2026-02-01' }, OPERATOR),
      () =>
        end(
          other,
          endRequest(first.executionId, 'success', { variables: [{ name: 'LastLoadDate', value: '2026-03-01' }] }),
        ),
    );
    expect(result).toMatchObject({
      kind: 'set',
      variable: { name: 'LastLoadDate', value: '2026-02-01', previousValue: '2026-01-01' },
    });
    const stored = await cluster.sql<{ variablevalue: string; previousvalue: string; executionid: string }>(
      `SELECT v.VariableValue, v.PreviousValue, v.ExecutionID FROM bfx.ConfigVariable v JOIN bfx.Package p ON p.PackageID = v.PackageID
        WHERE p.PackageName = 'LOAD_Lost_Var_End'`,
      [],
      database,
    );
    // The end's mark, stored over the operator's value: not undone by the var set run again.
    expect(stored).toEqual([
      { variablevalue: '2026-03-01', previousvalue: '2026-02-01', executionid: String(first.executionId) },
    ]);
    expect((await auditOf('LOAD_Lost_Var_End')).map((entry) => entry.detail)).toEqual([
      'LastLoadDate set from "2026-01-01" to "2026-02-01".',
    ]);
  });

  it("a yield to a live run is recorded once, though its COMMIT's answer was lost", async () => {
    const live = await begin(
      catalog,
      beginRequest('LOAD_Lost_Yield', { context: { ...NO_CONTEXT, runId: '7', runAttempt: '1' } }),
    );
    const drops = proxy.drops();
    const yielded = await begin(
      catalog,
      beginRequest('LOAD_Lost_Yield', {
        liveRun: {
          // Asked between the begin's two passes: the second pass's COMMIT is the one lost.
          check: async () => {
            proxy.dropNextCommit();
            return { run: 'alive', status: 'in_progress', url: null };
          },
          onLiveRun: 'skip',
          timeoutMs: 0,
        },
      }),
    );
    expect(proxy.drops()).toBe(drops + 1);
    expect(yielded).toMatchObject({ executionId: live.executionId, executionStatus: 'C', plan: { kind: 'yield' } });
    expect((await auditOf('LOAD_Lost_Yield')).filter((entry) => entry.action === 'yield')).toHaveLength(1);
    expect((await rowsOf('LOAD_Lost_Yield')).map((row) => [row.executionid, row.endtime])).toEqual([
      [live.executionId, null],
    ]);
  });

  it("disable, another operator's enable meanwhile: reported disabled, the enable stands", async () => {
    await begin(catalog, beginRequest('LOAD_Lost_Disable_Enable'));
    const disabled = await withLostCommit(
      () => setEnabled(catalog, 'LOAD_Lost_Disable_Enable', false, OPERATOR),
      () => setEnabled(other, 'LOAD_Lost_Disable_Enable', true, { actor: 'someone else', reason: null }),
    );
    expect(disabled).toMatchObject({ isEnabled: false, changed: true });
    expect((await other.status('LOAD_Lost_Disable_Enable'))[0]).toMatchObject({ isEnabled: true });
    expect((await auditOf('LOAD_Lost_Disable_Enable')).map((entry) => entry.action)).toEqual(['disable', 'enable']);
  });

  it("skip, another operator's resume meanwhile: reported skipped, the resume stands", async () => {
    const started = await begin(catalog, beginRequest('LOAD_Lost_Skip_Resume'));
    await end(catalog, endRequest(started.executionId, 'failure'));
    const skipped = await withLostCommit(
      () => setNextLoadStatus(catalog, 'LOAD_Lost_Skip_Resume', 'C', OPERATOR),
      () => setNextLoadStatus(other, 'LOAD_Lost_Skip_Resume', 'P', { actor: 'someone else', reason: null }),
    );
    expect(skipped).toMatchObject({
      kind: 'changed',
      execution: { executionId: started.executionId, nextLoadStatus: 'C' },
    });
    const rows = await rowsOf('LOAD_Lost_Skip_Resume');
    expect(rows.map((row) => [row.executionid, row.nextloadstatus])).toEqual([[started.executionId, 'P']]);
    expect((await auditOf('LOAD_Lost_Skip_Resume')).map((entry) => entry.action)).toEqual(['skip', 'resume']);
  });

  it('disable and enable report the change they made', async () => {
    await begin(catalog, beginRequest('LOAD_Lost_Enable'));
    const disabled = await withLostCommit(() => setEnabled(catalog, 'LOAD_Lost_Enable', false, OPERATOR));
    expect(disabled).toMatchObject({ isEnabled: false, changed: true });
    const enabled = await withLostCommit(() => setEnabled(catalog, 'LOAD_Lost_Enable', true, OPERATOR));
    expect(enabled).toMatchObject({ isEnabled: true, changed: true });
    expect((await auditOf('LOAD_Lost_Enable')).map((entry) => entry.action)).toEqual(['disable', 'enable']);
  });

  it('skip reports the change it made, recorded once', async () => {
    const started = await begin(catalog, beginRequest('LOAD_Lost_Skip'));
    await end(catalog, endRequest(started.executionId, 'failure'));
    const skipped = await withLostCommit(() => setNextLoadStatus(catalog, 'LOAD_Lost_Skip', 'C', OPERATOR));
    expect(skipped).toMatchObject({
      kind: 'changed',
      execution: { executionId: started.executionId, nextLoadStatus: 'C' },
    });
    expect((await auditOf('LOAD_Lost_Skip')).filter((entry) => entry.action === 'skip')).toHaveLength(1);
  });

  it('resume reports the change it made, though a begin meanwhile made the package active', async () => {
    const started = await begin(catalog, beginRequest('LOAD_Lost_Resume_Cmd'));
    await end(catalog, endRequest(started.executionId, 'failure'));
    await setNextLoadStatus(catalog, 'LOAD_Lost_Resume_Cmd', 'C', OPERATOR);
    let meanwhile: Awaited<ReturnType<typeof begin>> | undefined;
    const resumed = await withLostCommit(
      () => setNextLoadStatus(catalog, 'LOAD_Lost_Resume_Cmd', 'P', OPERATOR),
      async () => (meanwhile = await begin(other, beginRequest('LOAD_Lost_Resume_Cmd'))),
    );
    // The begin meanwhile followed the resume: a new load, not a skip.
    expect(meanwhile).toMatchObject({ executionStatus: 'E' });
    expect(resumed).toMatchObject({
      kind: 'changed',
      execution: { executionId: started.executionId, nextLoadStatus: 'P' },
    });
    expect((await auditOf('LOAD_Lost_Resume_Cmd')).map((entry) => entry.action)).toEqual(['skip', 'resume']);
  });

  it('rename reports the rename it made', async () => {
    await begin(catalog, beginRequest('LOAD_Lost_Rename'));
    const renamed = await withLostCommit(() => rename(catalog, 'LOAD_Lost_Rename', 'LOAD_Lost_Renamed', OPERATOR));
    expect(renamed).toMatchObject({ kind: 'renamed', package: { packageName: 'LOAD_Lost_Renamed' } });
    expect((await auditOf('LOAD_Lost_Renamed')).map((entry) => entry.action)).toEqual(['rename']);
  });

  it('rename leaves alone a package a begin registered under the old name meanwhile', async () => {
    const first = await begin(catalog, beginRequest('LOAD_Lost_Rename2'));
    let again: Awaited<ReturnType<typeof begin>> | undefined;
    const renamed = await withLostCommit(
      () => rename(catalog, 'LOAD_Lost_Rename2', 'LOAD_Lost_Renamed2', OPERATOR),
      async () => (again = await begin(other, beginRequest('LOAD_Lost_Rename2'))),
    );
    expect(renamed).toMatchObject({ kind: 'renamed', package: { packageName: 'LOAD_Lost_Renamed2' } });
    expect((await rowsOf('LOAD_Lost_Renamed2')).map((row) => row.executionid)).toEqual([first.executionId]);
    expect((await rowsOf('LOAD_Lost_Rename2')).map((row) => row.executionid)).toEqual([again!.executionId]);
  });

  it('delete reports the package it deleted, and leaves alone the one a begin registered meanwhile', async () => {
    const first = await begin(catalog, beginRequest('LOAD_Lost_Delete'));
    await end(catalog, endRequest(first.executionId, 'success'));
    let again: Awaited<ReturnType<typeof begin>> | undefined;
    const deleted = await withLostCommit(
      () => deletePackage(catalog, 'LOAD_Lost_Delete', OPERATOR),
      async () => (again = await begin(other, beginRequest('LOAD_Lost_Delete'))),
    );
    expect(deleted).toMatchObject({ kind: 'deleted', package: { packageName: 'LOAD_Lost_Delete' }, executions: 1 });
    const rows = await rowsOf('LOAD_Lost_Delete');
    expect(rows.map((row) => [row.executionid, row.executionstatus])).toEqual([[again!.executionId, 'E']]);
  });
});

describe('a begin whose answer is lost reports the decision it made', () => {
  it('a first load: insert', async () => {
    const started = await withLostCommit(() => begin(catalog, beginRequest('LOAD_Lost_Insert')));
    expect(started).toMatchObject({ executionStatus: 'E', plan: { kind: 'insert' } });
  });

  it('an interrupted load: resume', async () => {
    const interrupted = await begin(catalog, beginRequest('LOAD_Lost_Resume'));
    const started = await withLostCommit(() => begin(catalog, beginRequest('LOAD_Lost_Resume')));
    expect(started).toMatchObject({
      executionId: interrupted.executionId,
      executionStatus: 'A',
      retryCount: 1,
      plan: { kind: 'resume' },
    });
    expect((await auditOf('LOAD_Lost_Resume')).map((entry) => entry.action)).toEqual(['takeover']);
  });

  it('an interrupted load at its retry limit: abandon and insert', async () => {
    const interrupted = await begin(catalog, beginRequest('LOAD_Lost_Abandon', { retryLimit: 0 }));
    const started = await withLostCommit(() => begin(catalog, beginRequest('LOAD_Lost_Abandon', { retryLimit: 0 })));
    expect(started).toMatchObject({ executionStatus: 'E', plan: { kind: 'abandon-and-insert' } });
    expect(started.executionId).not.toBe(interrupted.executionId);
  });

  it('a second begin of the same run, later, is told it re-entered', async () => {
    const request = beginRequest('LOAD_Lost_Reentry');
    const started = await withLostCommit(() => begin(catalog, request));
    expect(await begin(catalog, request)).toMatchObject({
      executionId: started.executionId,
      plan: { kind: 'reenter' },
    });
  });
});
