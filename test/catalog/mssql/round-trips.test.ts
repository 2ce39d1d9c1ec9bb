/**
 * SQL Server on the SQL core under run control, against the fake TDS server: real sockets, TLS, a
 * login, and every request tedious sends, recorded as the server receives it and answered step by
 * step (test/support/mssql-steps.ts). What is counted here is what a SQL Server would count:
 * logins, and requests after the session's settings. Each test checks too that no request was
 * sent while another was in flight, and that every scripted answer was asked for. No SQL runs here;
 * the contract suite (test/contract/mssql.test.ts) runs the same statements on a real server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockViolation, type CatalogEngine } from '../../../src/catalog/catalog.js';
import { openEngine, withCatalog } from '../../../src/catalog/connect.js';
import { ROLLBACK } from '../../../src/catalog/mssql/driver.js';
import { rename } from '../../../src/run-control/catalog-commands.js';
import { end } from '../../../src/run-control/index.js';
import { begin } from '../../support/requests.js';
import { fakeTdsServer, type FakeTdsServer } from '../../support/fake-tds-server.js';
import { byStep, currentCatalog, stepsOf } from '../../support/mssql-steps.js';

type Row = Record<string, unknown>;

const CONTEXT = {
  repository: 'acme/loads',
  workflow: 'Nightly',
  job: 'load',
  runId: '1001',
  runAttempt: '1',
  actor: 'octocat',
  event: 'schedule',
  sha: 'abc',
};
const pkgRow = (extra: Row = {}): Row => ({
  packageId: 7,
  packageName: 'P',
  isEnabled: true,
  retryLimit: null,
  isBatch: false,
  createdTime: '2025-01-01T00:00:00.000Z',
  ...extra,
});
const execRow = (extra: Row = {}): Row => ({
  executionId: '10',
  packageId: 7,
  packageName: 'P',
  parentExecutionId: null,
  executionStatus: 'E',
  nextLoadStatus: 'C',
  retryCount: 0,
  startTime: '2025-01-01T00:00:00.000Z',
  endTime: null,
  runKey: 'run-1',
  errorMessage: null,
  ...CONTEXT,
  ...extra,
});
const request = (runKey = 'run-1') => ({
  packageName: 'P',
  retryLimit: undefined,
  parentExecutionId: undefined,
  runKey,
  context: CONTEXT,
});
/** A begin's first request: the package locked, nothing else there yet. */
const beginReads = (extra = {}) => byStep({ LOCK_PACKAGE_EXCLUSIVE: [pkgRow()], ...extra });
/** A new load's second request: the insert (answering its StartTime), then the read of the outputs, then COMMIT. */
const inserted = () =>
  byStep({
    INSERT_EXECUTION: [{ executionId: '11', startTime: '2025-01-02T00:00:00.000Z' }],
    LAST_EXECUTION_AND_VARIABLES: [
      {
        lastExecutionId: '9',
        name: 'LastLoadDate',
        value: '2026-11-24',
        previousValue: null,
        executionId: '9',
        updatedTime: '2025-01-01T00:00:00.000Z',
      },
    ],
  });
const connectionString = () =>
  `Server=127.0.0.1,${fake.port};Database=d;User Id=sa;Password=pw;Encrypt=True;TrustServerCertificate=True`;
const OPTIONS = { createCatalog: false, connectTimeoutMs: 5_000, requestTimeoutMs: 5_000 };

let fake: FakeTdsServer;
let catalog: CatalogEngine;
beforeEach(async () => {
  fake = await fakeTdsServer({ encryption: 'on', answers: ['ok'] });
  catalog = await openEngine(connectionString(), OPTIONS);
});
afterEach(async () => {
  await catalog.close();
  await fake.close();
  expect(fake.overlapped(), 'a request was sent while another was in flight').toBe(false);
  expect(fake.unanswered(), 'every scripted answer was asked for').toBe(0);
});

const requests = () => fake.requests;
const steps = () => requests().map(stepsOf);
/** The literal a request declares for a value: `@vN TYPE = literal` of the variable bound to @name in a step. */
function bound(text: string, name: string): string | undefined {
  const variable = new RegExp(`@${name} = (@v\\d+)`).exec(text)?.[1];
  return variable && new RegExp(`${variable} [A-Z]+(?:\\(\\w+\\))? = (.*?)(?:,\\n|;\\n)`).exec(text)?.[1];
}

describe('SQL Server round trips under run control: one login, two requests', () => {
  it('begin of a new load: BEGIN + register + lock + the reads | the insert + the reads of the outputs + COMMIT', async () => {
    fake.answer(beginReads(), inserted());
    const begun = await begin(catalog, request());
    expect([begun.executionId, begun.executionStatus, begun.plan.kind, begun.lastExecutionId, begun.variables]).toEqual(
      ['11', 'E', 'insert', '9', { LastLoadDate: '2026-11-24' }],
    );
    expect(begun.batchStartTime).toBe('2025-01-02T00:00:00.000Z');
    expect([fake.logins(), requests().length]).toEqual([1, 2]);
    expect(steps()).toEqual([
      [
        'BEGIN',
        'REGISTER_PACKAGE',
        'LOCK_PACKAGE_EXCLUSIVE',
        'EXECUTION_WITH_RUN_KEY',
        'ACTIVE_EXECUTION',
        'LAST_ENDED_EXECUTION',
      ],
      ['INSERT_EXECUTION', 'LAST_EXECUTION_AND_VARIABLES', 'COMMIT'],
    ]);
    const [first, second] = requests();
    expect([
      bound(first, 'PackageName'),
      bound(first, 'RetryLimit'),
      bound(first, 'IsBatch'),
      bound(first, 'RunKey'),
    ]).toEqual(["N'P'", 'NULL', '0', "N'run-1'"]);
    expect([bound(second, 'PackageID'), bound(second, 'ExecutionStatus'), bound(second, 'Repository')]).toEqual([
      '7',
      "N'E'",
      "N'acme/loads'",
    ]);
    // The package's own lock, by its key, then every read in the same request, after it.
    expect(first).toContain('WITH (XLOCK, HOLDLOCK, ROWLOCK) WHERE p.PackageID = @own;');
  });

  it.each([
    ['success', 'S', 'P'],
    ['failure', 'F', 'R'],
  ] as const)(
    'end (%s): BEGIN + the locks through the execution + its reads | the finish + COMMIT',
    async (outcome, status, next) => {
      fake.answer(
        byStep({ LOCK_PACKAGE_EXCLUSIVE: [pkgRow()], EXECUTION_FAMILY: [{ ...execRow(), isExecution: true }] }),
        byStep({
          FINISH_EXECUTION: {
            rows: [execRow({ executionStatus: status, nextLoadStatus: next, endTime: '2025-01-01T01:00:00.000Z' })],
            changed: 1,
          },
        }),
      );
      const ended = await end(catalog, {
        executionId: '10',
        outcome,
        message: outcome === 'failure' ? 'boom' : null,
        caller: null,
      });
      expect([ended.kind, ended.kind === 'ended' && ended.execution.executionStatus]).toEqual(['ended', status]);
      expect([fake.logins(), requests().length]).toEqual([1, 2]);
      const [first, second] = steps();
      expect(first.slice(0, 3)).toEqual(['BEGIN', 'LOCK_PARENT_PACKAGE_SHARED', 'LOCK_PACKAGE_EXCLUSIVE']);
      expect(second).toContain('FINISH_EXECUTION');
      expect(second.at(-1)).toBe('COMMIT');
      expect(bound(requests()[0], 'LockExecutionID')).toBe('10');
      expect(bound(requests()[1], 'ExecutionStatus')).toBe(`N'${status}'`);
    },
  );

  it("a child's begin: the batch's package locked first, shared; its own after, exclusive; two requests", async () => {
    const batch = execRow({ executionId: '20', packageId: 3, packageName: 'Nightly' });
    fake.answer(
      byStep({
        LOCK_PARENT_PACKAGE_SHARED: [pkgRow({ packageId: 3, packageName: 'Nightly', isBatch: true })],
        LOCK_PACKAGE_EXCLUSIVE: [pkgRow()],
        ANY_EXECUTION: [batch],
      }),
      inserted(),
    );
    const begun = await begin(catalog, { ...request(), parentExecutionId: '20' });
    expect(begun.executionId).toBe('11');
    expect(requests()).toHaveLength(2);
    expect(steps()[0].slice(0, 4)).toEqual([
      'BEGIN',
      'LOCK_PARENT_PACKAGE_SHARED',
      'REGISTER_PACKAGE',
      'LOCK_PACKAGE_EXCLUSIVE',
    ]);
    expect(bound(requests()[0], 'LockParentExecutionID')).toBe('20');
    expect(requests()[0]).toContain('WITH (HOLDLOCK, ROWLOCK) WHERE p.PackageID = @parent;');
  });
});

describe("SQL Server: a child's transaction holds its batch's package shared, and may change none of its executions", () => {
  it("a child's end binds @LockedPackageIDs without the batch's package, held shared", async () => {
    fake.answer(
      byStep({
        LOCK_PARENT_PACKAGE_SHARED: [pkgRow({ packageId: 3, packageName: 'Nightly', isBatch: true })],
        LOCK_PACKAGE_EXCLUSIVE: [pkgRow()],
        // The family in one read: the execution, and its parent (another package's).
        EXECUTION_FAMILY: [
          { ...execRow({ parentExecutionId: '20' }), isExecution: true },
          { ...execRow({ executionId: '20', packageId: 3, packageName: 'Nightly' }), isParent: true },
        ],
      }),
      byStep({
        FINISH_EXECUTION: {
          rows: [execRow({ executionStatus: 'S', nextLoadStatus: 'P', endTime: '2025-01-01T01:00:00.000Z' })],
          changed: 1,
        },
      }),
    );
    const ended = await end(catalog, { executionId: '10', outcome: 'success', message: null, caller: null });
    expect(ended.kind).toBe('ended');
    expect(steps()[0].slice(0, 3)).toEqual(['BEGIN', 'LOCK_PARENT_PACKAGE_SHARED', 'LOCK_PACKAGE_EXCLUSIVE']);
    expect(steps()[1]).toContain('FINISH_EXECUTION');
    expect(bound(requests()[1], 'LockedPackageIDs')).toBe("N'[7]'");
  });
});

describe('SQL Server round trips: failures', () => {
  it("a guarded update's THROW is a LockViolation: the CATCH rolled back, no COMMIT ran, no request more", async () => {
    fake.answer(beginReads(), byStep({ FINISH_EXECUTION: { error: 51000 } }));
    const finishing = catalog.transaction({ packageName: 'P' }, 'finish', async (tx) => {
      await tx.package();
      await Promise.all([
        tx.finishExecution({ executionId: '10', executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null }),
        tx.commit(),
      ]);
    });
    await expect(finishing).rejects.toBeInstanceOf(LockViolation);
    expect(requests()).toHaveLength(2);
    expect(steps()[1]).toEqual(['FINISH_EXECUTION', 'COMMIT']);
  });

  it('guards next load statuses on the server: the THROW, given the count the core expects, comes before the COMMIT of the same request', async () => {
    fake.answer(beginReads(), byStep({ SET_NEXT_LOAD_STATUSES: { error: 51000 } }));
    const marking = catalog.transaction({ packageName: 'P' }, 'mark', async (tx) => {
      await tx.package();
      await Promise.all([
        tx.storeVariables([{ name: 'Mark', value: 'x' }], null),
        tx.setNextLoadStatuses(['10', '12', '10'], 'C'),
        tx.commit(),
      ]);
    });
    await expect(marking).rejects.toThrow(
      'Execution 10, 12 is not an execution of a package this transaction has locked: nothing was changed.',
    );
    expect(requests()).toHaveLength(2);
    expect(steps()[1]).toEqual(['STORE_VARIABLES', 'SET_NEXT_LOAD_STATUSES', 'COMMIT']);
    const second = requests()[1];
    // Two distinct executions: the statement must change both, or THROW before the COMMIT runs.
    expect(bound(second, 'GuardedRows')).toBe('2');
    const guard = second.indexOf('IF @changed <> @GuardedRows\n  THROW 51000,');
    expect(guard).toBeGreaterThan(second.indexOf('/* 2: SET_NEXT_LOAD_STATUSES */'));
    expect(guard).toBeLessThan(second.indexOf('COMMIT TRANSACTION;'));
  });

  it('runs a deadlock victim again from the start, on a fresh transaction, on the same connection', async () => {
    fake.answer(
      byStep({
        REGISTER_PACKAGE: { error: 1205, message: 'Transaction (Process ID 52) was deadlocked on lock resources.' },
      }),
      beginReads(),
      inserted(),
    );
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(requests()).toHaveLength(3);
    expect(steps().map((s) => s[0])).toEqual(['BEGIN', 'BEGIN', 'INSERT_EXECUTION']);
    expect(fake.logins()).toBe(1);
  });

  it('runs a begin again when another begin registered the same new package meanwhile (51004), and finds it', async () => {
    fake.answer(byStep({ REGISTER_PACKAGE: { error: 51004 } }), beginReads(), inserted());
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(requests()).toHaveLength(3);
  });

  it('gives up on a request held past the request timeout: cancelled, rolled back, one sentence', async () => {
    await catalog.close();
    catalog = await openEngine(connectionString(), { ...OPTIONS, requestTimeoutMs: 300 });
    fake.answer('silence', []);
    const failure = await begin(catalog, request()).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(
      /^The SQL Server catalog 127\.0\.0\.1:\d+\/d did not answer within the request timeout of 0\.3 s \(a lock held by another run, or a busy server\), so bfx could not begin package "P" and nothing was changed unless its COMMIT had already reached the server: /,
    );
    // The request, then the ROLLBACK of what it may have left open, on the same connection.
    expect(requests()).toHaveLength(2);
    expect(requests()[1]).toBe(ROLLBACK);
  });

  it('logs in again only after the connection is lost, and runs the transaction again on the new one', async () => {
    fake.answer('hang-up', beginReads(), inserted());
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(fake.logins()).toBe(2);
    // No ROLLBACK on a connection that is gone: the server rolls back the transaction of a session that ends.
    expect(requests()).toHaveLength(3);
  });

  it('answers a rename whose new name a begin registered meanwhile (2627) as the name taken: rolled back, not retried', async () => {
    fake.answer(
      beginReads({ PACKAGE_NAMED: [] }),
      byStep({ RENAME_PACKAGE: { error: 2627, message: 'Violation of UNIQUE KEY constraint' } }),
    );
    expect(await rename(catalog, 'P', 'Q', { actor: null, reason: null })).toEqual({ kind: 'taken' });
    expect(requests()).toHaveLength(2);
  });

  it('refuses a value too long for the catalog before anything is sent, and rolls back nothing it did not begin', async () => {
    const failure = await catalog
      .transaction({ packageName: 'P'.repeat(501) }, 'read', (tx) => tx.package())
      .catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(/^A value of PackageName is 501 characters long, more than the 500/);
    expect(requests()).toEqual([]);
  });
});

describe('SQL Server round trips of the catalog check, inspect and migrate', () => {
  it("a begin's check travels in its first request: a current catalog costs no request more", async () => {
    await catalog.close();
    fake.answer(byStep({ ...currentCatalog(), LOCK_PACKAGE_EXCLUSIVE: [pkgRow()] }), inserted());
    const begun = await withCatalog(connectionString(), OPTIONS, (opened) => begin(opened, request()));
    expect(begun.executionId).toBe('11');
    expect(requests()).toHaveLength(2);
    expect(steps()[0].slice(0, 3)).toEqual(['BEGIN', 'INSPECT', 'RECORDED_VERSION']);
  });

  it('a missing catalog fails the first request at RECORDED_VERSION, rolled back there; create-catalog false refuses', async () => {
    await catalog.close();
    fake.answer(byStep({ RECORDED_VERSION: { error: 208, message: "Invalid object name 'bfx.CatalogVersion'." } }));
    const failure = await withCatalog(connectionString(), OPTIONS, (opened) => begin(opened, request())).catch(
      (error: unknown) => error,
    );
    expect((failure as Error).message).toMatch(/^The catalog 127\.0\.0\.1:\d+\/d has no bfx tables/);
    expect(requests()).toHaveLength(1);
  });

  it('migrate from nothing: BEGIN + the lock + a fresh inspection | the steps + the versions + COMMIT', async () => {
    fake.answer(byStep({ INSPECT: [{ schemas: null }] }), byStep());
    const migrated = await catalog.migrate();
    expect([migrated.from, migrated.to, migrated.created.slice(0, 2)]).toEqual([0, 4, ['schema bfx', 'table Package']]);
    expect(requests()).toHaveLength(2);
    const [lock, ddl] = steps();
    expect(lock).toEqual(['BEGIN', 'MIGRATE_LOCK', 'INSPECT']);
    expect(ddl.filter((step) => step === 'DDL')).toHaveLength(migrated.created.length);
    expect(ddl.slice(-2)).toEqual(['RECORD_VERSIONS', 'COMMIT']);
    expect(bound(requests()[1], 'Versions')).toBe(`N'[1,2,3,4]'`);
  });

  it('migrate of a current catalog: nothing created, its COMMIT with the versions', async () => {
    fake.answer(byStep({ ...currentCatalog(), MIGRATE_LOCK: [] }), byStep(currentCatalog()), byStep());
    expect(await catalog.migrate()).toEqual({ from: 4, to: 4, created: [] });
    expect(steps()).toEqual([['BEGIN', 'MIGRATE_LOCK', 'INSPECT'], ['RECORDED_VERSION'], ['COMMIT']]);
  });
});

describe('SQL Server: the report read', () => {
  it('is one request: a snapshot where the database allows it, five reads, COMMIT; the times as ISO strings', async () => {
    fake.answer(
      byStep({
        REPORT_CLOCK: [{ now: '2026-12-05T12:00:00.000Z', since: '2026-11-05T12:00:00.000Z' }],
        REPORT_PACKAGES: [pkgRow({ isBatch: true })],
        REPORT_EXECUTIONS: [
          execRow({ executionStatus: 'S', nextLoadStatus: 'P', endTime: '2026-12-05T02:10:00.000Z' }),
        ],
        REPORT_ROW_COUNTS: [{ executionId: '10', objectName: 'dbo.T', countType: 'Insert', rowCount: 5 }],
      }),
    );
    const snapshot = await catalog.reportSnapshot(30 * 24 * 60);
    expect(requests()).toHaveLength(1);
    expect(steps()[0]).toEqual([
      'BEGIN',
      'REPORT_CLOCK',
      'REPORT_PACKAGES',
      'REPORT_EXECUTIONS',
      'REPORT_ROW_COUNTS',
      'REPORT_AUDIT',
      'COMMIT',
    ]);
    expect(requests()[0]).toContain('SET TRANSACTION ISOLATION LEVEL SNAPSHOT;');
    expect([bound(requests()[0], 'Minutes'), bound(requests()[0], 'Succeeded')]).toEqual(['43200', "N'S'"]);
    expect([snapshot.now, snapshot.since]).toEqual(['2026-12-05T12:00:00.000Z', '2026-11-05T12:00:00.000Z']);
    expect(snapshot.packages.map((p) => [p.packageName, p.isBatch])).toEqual([['P', true]]);
    expect(snapshot.executions.map((e) => [e.executionId, e.executionStatus, e.endTime])).toEqual([
      ['10', 'S', '2026-12-05T02:10:00.000Z'],
    ]);
    expect(snapshot.rowCounts).toEqual([{ executionId: '10', objectName: 'dbo.T', countType: 'Insert', rowCount: 5 }]);
  });
});

describe('SQL Server: a commit whose outcome is unknown is run again, and reports what the catalog holds', () => {
  const lockedReads = (execution: Row) =>
    byStep({ LOCK_PACKAGE_EXCLUSIVE: [pkgRow()], EXECUTION_FAMILY: [{ ...execution, isExecution: true }] });
  const endedRow = execRow({
    executionStatus: 'F',
    nextLoadStatus: 'R',
    endTime: '2025-01-01T01:00:00.000Z',
    errorMessage: 'boom',
  });
  const endBoom = () => end(catalog, { executionId: '10', outcome: 'failure', message: 'boom', caller: null });

  it('the connection dropped on the request holding COMMIT: the end runs again on a new login and reports the end it made', async () => {
    // The first attempt's COMMIT request is received and the socket closed unanswered; on the new
    // connection the execution holds what that attempt wrote (the server had committed it).
    fake.answer(lockedReads(execRow()), 'hang-up', lockedReads(endedRow), byStep());
    const ended = await endBoom();
    expect(ended).toMatchObject({
      kind: 'ended',
      execution: { executionId: '10', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'boom' },
    });
    expect(fake.logins()).toBe(2);
    expect(steps()[1]).toContain('COMMIT');
    expect(steps()[1]).toContain('FINISH_EXECUTION');
    // The second attempt finds its change and writes nothing again.
    expect(steps().slice(2).flat()).not.toContain('FINISH_EXECUTION');
  });

  it('the connection dropped on the request holding COMMIT: the begin runs again and returns the execution it inserted', async () => {
    const mine = execRow({ executionId: '11', startTime: '2025-01-02T00:00:00.000Z' });
    fake.answer(
      beginReads(),
      'hang-up',
      beginReads({ EXECUTION_WITH_RUN_KEY: [mine] }),
      byStep({ LAST_EXECUTION_AND_VARIABLES: [{ lastExecutionId: '9', name: null }] }),
    );
    const begun = await begin(catalog, request());
    expect([begun.executionId, begun.executionStatus, begun.plan.kind]).toEqual(['11', 'E', 'insert']);
    expect(fake.logins()).toBe(2);
    expect(steps()[1]).toEqual(expect.arrayContaining(['INSERT_EXECUTION', 'COMMIT']));
    expect(steps().slice(2).flat()).not.toContain('INSERT_EXECUTION');
  });

  it('the request holding COMMIT timed out: the end runs again on a new login and reports the end it made', async () => {
    await catalog.close();
    const earlier = fake.logins();
    catalog = await openEngine(connectionString(), { ...OPTIONS, requestTimeoutMs: 300 });
    fake.answer(lockedReads(execRow()), 'silence', lockedReads(endedRow), byStep());
    const ended = await endBoom();
    expect(ended).toMatchObject({
      kind: 'ended',
      execution: { executionId: '10', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'boom' },
    });
    expect(fake.logins() - earlier).toBe(2);
    expect(steps()[1]).toEqual(expect.arrayContaining(['FINISH_EXECUTION', 'COMMIT']));
    // No ROLLBACK after it: the connection whose COMMIT may have run is dropped, not reused.
    expect(requests()).not.toContain(ROLLBACK);
    expect(steps().slice(2).flat()).not.toContain('FINISH_EXECUTION');
  });
});
