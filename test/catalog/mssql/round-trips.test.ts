/**
 * The SQL Server engine under run control, against the fake TDS server: real sockets, TLS, a
 * login, and every request tedious sends, recorded as the server receives it and answered with
 * scripted result sets. What is counted here is what a SQL Server would count: logins, and
 * requests after the session's settings. Each test checks too that no request was sent while
 * another was in flight, and that every scripted answer was asked for. No SQL runs here; the
 * contract suite (test/contract/mssql.test.ts) runs the same statements on a real server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockViolation, type CatalogEngine } from '../../../src/catalog/catalog.js';
import { ROLLBACK, literalOf, requestText, unicodeLiteral } from '../../../src/catalog/mssql/driver.js';
import { open } from '../../../src/catalog/mssql/engine.js';
import { VERSIONS } from '../../../src/catalog/mssql/schema.js';
import { BfxError } from '../../../src/errors.js';
import { rename } from '../../../src/run-control/catalog-commands.js';
import { end, setEnabled } from '../../../src/run-control/index.js';
import { begin } from '../../support/requests.js';
import { fakeTdsServer, type FakeTdsServer, type RequestAnswer } from '../../support/fake-tds-server.js';

/** Operator changes made by the tests: no one in particular. */
const NO_OPERATOR = { actor: null, reason: null };

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
const lockAnswer: Row[] = [{ packageId: 7, parentPackageId: null }];
const variableRow = (extra: Row = {}): Row => ({
  name: 'LastLoadDate',
  value: '2026-11-24',
  previousValue: null,
  executionId: '9',
  updatedTime: '2025-01-01T00:00:00.000Z',
  ...extra,
});
/** A begin's first request: the lock, then the package, the execution with the run key, the active one, the last ended. */
const beginReads = (reads: { reentry?: Row[]; active?: Row[]; lastEnded?: Row[] } = {}): RequestAnswer => [
  lockAnswer,
  [pkgRow()],
  reads.reentry ?? [],
  reads.active ?? [],
  reads.lastEnded ?? [],
];
/** An end's first request: the lock, the execution, its package, its parent, its children. */
const endReads = (execution: Row[] = [execRow()]): RequestAnswer => [lockAnswer, execution, [pkgRow()], [], []];
const request = (runKey = 'run-1') => ({
  packageName: 'P',
  retryLimit: undefined,
  parentExecutionId: undefined,
  runKey,
  context: CONTEXT,
});

let fake: FakeTdsServer;
let catalog: CatalogEngine;
beforeEach(async () => {
  fake = await fakeTdsServer({ encryption: 'on', answers: ['ok'] });
  catalog = await open(
    `Server=127.0.0.1,${fake.port};Database=d;User Id=sa;Password=pw;Encrypt=True;TrustServerCertificate=True`,
    { createCatalog: false, connectTimeoutMs: 5_000, requestTimeoutMs: 5_000 },
  );
});
afterEach(async () => {
  await catalog.close();
  await fake.close();
  expect(fake.overlapped(), 'a request was sent while another was in flight').toBe(false);
  expect(fake.unanswered(), 'every scripted answer was asked for').toBe(0);
});

const requests = () => fake.requests;
/** The literal a request binds to a parameter: `DECLARE @name TYPE = literal;`. */
const bound = (text: string, name: string) =>
  new RegExp(`DECLARE @${name} [A-Z]+(?:\\(\\w+\\))? = (.*);`).exec(text)?.[1];
const opens = (text: string) => /^SET NOCOUNT ON;\nSET XACT_ABORT ON;\nBEGIN TRANSACTION;\n/.test(text);
const commits = (text: string) =>
  text.endsWith('\nCOMMIT TRANSACTION;') ||
  text.endsWith(
    '\nCOMMIT TRANSACTION;\nEND TRY\nBEGIN CATCH\nIF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;\nTHROW;\nEND CATCH;',
  );

describe('SQL Server round trips under run control: one login, two requests', () => {
  it('begin of a new load: BEGIN + lock + the four reads | the insert + the reads of the outputs + COMMIT', async () => {
    fake.answer(beginReads(), [
      [{ executionId: '11' }], // the insert
      [execRow({ executionId: '11', startTime: '2025-01-02T00:00:00.000Z' })], // the latest, now the new one
      [{ executionId: '9' }], // the last that succeeded
      [variableRow()], // the variables
    ]);
    const begun = await begin(catalog, request());
    expect([begun.executionId, begun.executionStatus, begun.nextLoadStatus, begun.plan.kind]).toEqual([
      '11',
      'E',
      'C',
      'insert',
    ]);
    expect([begun.batchStartTime, begun.lastExecutionId, begun.variables]).toEqual([
      '2025-01-02T00:00:00.000Z',
      '9',
      { LastLoadDate: '2026-11-24' },
    ]);
    expect([fake.logins(), requests().length]).toEqual([1, 2]);
    const [first, second] = requests();
    expect(opens(first) && !commits(first)).toBe(true);
    expect(!opens(second) && commits(second)).toBe(true);
    // The package's own lock is exclusive; the reads come after it, in the same request.
    const lockAt = first.indexOf('WITH (XLOCK, HOLDLOCK, ROWLOCK) WHERE PackageID = @PackageID;');
    const readAt = first.indexOf('FROM [bfx].[Package] p WITH (READCOMMITTEDLOCK)');
    expect(lockAt).toBeGreaterThan(0);
    expect(readAt).toBeGreaterThan(lockAt);
    expect(first).toContain('EXEC sys.sp_executesql @__statement, @__parameters,');
    expect([
      bound(first, 's0_PackageName'),
      bound(first, 's0_Register'),
      bound(first, 's0_RetryLimit'),
      bound(first, 's0_ParentExecutionID'),
      bound(first, 's2_RunKey'),
    ]).toEqual(["N'P'", '1', 'NULL', 'NULL', "N'run-1'"]);
    // The reads of the outputs come after the insert in the same request, so they see it.
    const insertAt = second.indexOf('INSERT INTO [bfx].[Execution]');
    const lastAt = second.indexOf('e.ExecutionStatus = @s3_ExecutionStatus ORDER BY');
    const variablesAt = second.indexOf('FROM [bfx].[ConfigVariable] c WITH (READCOMMITTEDLOCK)');
    expect(insertAt).toBeGreaterThan(0);
    expect(lastAt).toBeGreaterThan(insertAt);
    expect(variablesAt).toBeGreaterThan(lastAt);
    expect(second).toContain('DECLARE @PackageID INT = @s0_Locked;');
    expect([
      bound(second, 's0_Locked'),
      bound(second, 's0_LockedList'),
      bound(second, 's1_ExecutionStatus'),
      bound(second, 's1_RunKey'),
      bound(second, 's1_Repository'),
      bound(second, 's3_ExecutionStatus'),
      bound(second, 's3_Before'),
    ]).toEqual(['7', "N'7,'", "N'E'", "N'run-1'", "N'acme/loads'", "N'S'", undefined]);
  });

  it('begin re-entering its own execution: BEGIN + lock + reads | the reads of the outputs + COMMIT', async () => {
    fake.answer(beginReads({ reentry: [execRow()], active: [execRow()], lastEnded: [] }), [
      [{ executionId: '9' }],
      [variableRow()],
    ]);
    const again = await begin(catalog, request());
    expect(again.plan.kind).toBe('reenter');
    expect([again.executionId, again.lastExecutionId, again.variables]).toEqual([
      '10',
      '9',
      { LastLoadDate: '2026-11-24' },
    ]);
    expect([fake.logins(), requests().length]).toEqual([1, 2]);
    const after = requests()[1];
    expect(commits(after)).toBe(true);
    expect(after).not.toMatch(/INSERT INTO \[bfx\]|UPDATE /);
    expect([bound(after, 's1_ExecutionStatus'), bound(after, 's1_Before')]).toEqual(["N'S'", '10']);
  });

  it('begin resuming a failed execution: the takeover and its audit record travel with the reads and COMMIT', async () => {
    const failed = execRow({ executionStatus: 'F', nextLoadStatus: 'R', endTime: '2025-01-01T01:00:00.000Z' });
    const active = execRow({ executionId: '12', runKey: 'run-0', executionStatus: 'E', retryCount: 0 });
    fake.answer([lockAnswer, [pkgRow({ retryLimit: 3 })], [], [active], [failed]], [[{ executionId: '9' }], []]);
    const resumed = await begin(catalog, { ...request('run-2'), retryLimit: 3 });
    expect(resumed.plan.kind).toBe('resume');
    expect(resumed.executionId).toBe('12');
    expect([fake.logins(), requests().length]).toEqual([1, 2]);
    const write = requests()[1];
    expect(write).toMatch(/UPDATE \[bfx\]\.\[Execution\] SET ExecutionStatus = @s\d+_ExecutionStatus/);
    expect(write).toMatch(/INSERT INTO \[bfx\]\.\[AuditLog\]/);
    expect(commits(write)).toBe(true);
  });

  it('begin abandoning an active execution: the finish before the insert, in one request with COMMIT', async () => {
    const active = execRow({ retryCount: 3, executionStatus: 'A', nextLoadStatus: 'P' });
    fake.answer(
      [lockAnswer, [pkgRow({ retryLimit: 3 })], [], [active], []],
      [
        [execRow({ executionStatus: 'F', nextLoadStatus: 'R', endTime: '2025-01-01T01:00:00.000Z' })], // the finish
        [{ executionId: '12' }], // the insert
        [execRow({ executionId: '12', runKey: 'run-2' })], // the latest
        [], // no execution succeeded before
        [], // no variables
      ],
    );
    const begun = await begin(catalog, request('run-2'));
    expect(begun.plan.kind).toBe('abandon-and-insert');
    expect([begun.executionId, begun.lastExecutionId, begun.variables]).toEqual(['12', null, {}]);
    expect([fake.logins(), requests().length]).toEqual([1, 2]);
    const write = requests()[1];
    expect(write.indexOf('EndTime = SYSUTCDATETIME()')).toBeGreaterThan(0);
    expect(write.indexOf('EndTime = SYSUTCDATETIME()')).toBeLessThan(write.indexOf('INSERT INTO [bfx].[Execution]'));
  });

  it.each([
    ['success', 'S', 'P'],
    ['failure', 'F', 'R'],
  ] as const)(
    'end (%s): BEGIN + lock through the execution + its row, package, parent, children | the finish + COMMIT',
    async (outcome, status, next) => {
      fake.answer(endReads(), [
        [execRow({ executionStatus: status, nextLoadStatus: next, endTime: '2025-01-01T01:00:00.000Z' })],
      ]);
      const ended = await end(catalog, {
        executionId: '10',
        outcome,
        message: outcome === 'failure' ? 'boom' : null,
        caller: null,
      });
      expect([ended.kind, ended.kind === 'ended' && ended.execution.executionStatus]).toEqual(['ended', status]);
      expect([fake.logins(), requests().length]).toEqual([1, 2]);
      const [first, second] = requests();
      expect(opens(first)).toBe(true);
      expect(first).toMatch(/FROM \[bfx\]\.\[Execution\] e LEFT JOIN [\s\S]*WHERE e\.ExecutionID = @s0_ExecutionID;/);
      expect(first).toContain('FROM [bfx].[Package] WITH (XLOCK, HOLDLOCK, ROWLOCK) WHERE PackageID = @PackageID;');
      expect(first).toMatch(/WHERE e\.ParentExecutionID = @s4_ParentExecutionID ORDER BY e\.ExecutionID;/);
      expect(second).toMatch(/AND EndTime IS NULL AND PackageID IN \(SELECT PackageID FROM @LockedPackages\);/);
      expect(bound(second, 's1_ExecutionStatus')).toBe(`N'${status}'`);
      expect(commits(second)).toBe(true);
    },
  );

  it("a child's begin and end: the batch's package locked first, shared; its own exclusive; two requests each", async () => {
    const batch = execRow({
      executionId: '20',
      packageId: 3,
      packageName: 'Nightly',
      startTime: '2024-12-31T22:00:00.000Z',
    });
    fake.answer(
      [[{ packageId: 7, parentPackageId: 3 }], [pkgRow()], [], [], [], [batch]],
      [[{ executionId: '21' }], [execRow({ executionId: '21', parentExecutionId: '20' })], [], []],
    );
    const begun = await begin(catalog, { ...request(), parentExecutionId: '20', isBatch: false });
    expect(begun.executionId).toBe('21');
    // A child's BatchStartTime is its batch's, read in the first request with the others.
    expect(begun.batchStartTime).toBe('2024-12-31T22:00:00.000Z');
    expect([fake.logins(), requests().length]).toEqual([1, 2]);
    const [first, second] = requests();
    const shared = first.indexOf('WITH (HOLDLOCK, ROWLOCK) WHERE PackageID = @s0_ParentPackageID;');
    const exclusive = first.indexOf('WITH (XLOCK, HOLDLOCK, ROWLOCK) WHERE PackageID = @PackageID;');
    expect(shared).toBeGreaterThan(0);
    expect(exclusive).toBeGreaterThan(shared);
    expect(first).not.toMatch(/\(XLOCK[^)]*\) WHERE PackageID = @s0_ParentPackageID|UPDLOCK/);
    expect([bound(first, 's0_ParentExecutionID'), bound(first, 's5_ExecutionID')]).toEqual(['20', '20']);
    expect([bound(second, 's0_Locked'), bound(second, 's0_LockedList'), bound(second, 's1_ParentExecutionID')]).toEqual(
      ['7', "N'3,7,'", '20'],
    );

    fake.answer(
      [
        [{ packageId: 7, parentPackageId: 3 }],
        [execRow({ executionId: '21', parentExecutionId: '20' })],
        [pkgRow()],
        [batch],
        [],
      ],
      [
        [
          execRow({
            executionId: '21',
            parentExecutionId: '20',
            executionStatus: 'S',
            nextLoadStatus: 'P',
            endTime: '2025-01-01T01:00:00.000Z',
          }),
        ],
      ],
    );
    const ended = await end(catalog, { executionId: '21', outcome: 'success', message: null, caller: null });
    expect(ended.kind).toBe('ended');
    expect([fake.logins(), requests().length]).toEqual([1, 4]);
    const endLock = requests()[2];
    expect(endLock.indexOf('WITH (HOLDLOCK, ROWLOCK) WHERE PackageID = @s0_ParentPackageID;')).toBeGreaterThan(0);
    expect(endLock.indexOf('WITH (HOLDLOCK, ROWLOCK) WHERE PackageID = @s0_ParentPackageID;')).toBeLessThan(
      endLock.indexOf('WITH (XLOCK, HOLDLOCK, ROWLOCK) WHERE PackageID = @PackageID;'),
    );
    expect(commits(requests()[3])).toBe(true);
  });

  it('disable: BEGIN + lock + the package | the update + its audit record + COMMIT', async () => {
    fake.answer([lockAnswer, [pkgRow()]], [[pkgRow({ isEnabled: false })]]);
    expect((await setEnabled(catalog, 'P', false, NO_OPERATOR))?.isEnabled).toBe(false);
    expect(requests()).toHaveLength(2);
    expect(bound(requests()[0], 's0_Register')).toBe('0');
    expect(requests()[1]).toMatch(/SET IsEnabled = @s\d+_IsEnabled[\s\S]*INSERT INTO \[bfx\]\.\[AuditLog\]/);
    expect(requests()[1]).toMatch(/DECLARE @s\d+_Action NVARCHAR\(\d+\) = N'disable';/);
  });

  it('a transaction that only read: its COMMIT alone, nothing written or recorded', async () => {
    fake.answer([lockAnswer, [pkgRow({ isEnabled: false })]]);
    expect(await setEnabled(catalog, 'P', false, NO_OPERATOR)).toMatchObject({ isEnabled: false, changed: false });
    expect(requests()).toHaveLength(2);
    expect(requests()[0]).not.toMatch(/UPDATE|INSERT INTO \[bfx\]\.\[AuditLog\]/);
    expect(requests()[1]).toBe('SET NOCOUNT ON;\nSET XACT_ABORT ON;\nCOMMIT TRANSACTION;');
  });
  it('disable of a package that is not there: null, nothing written, its COMMIT alone', async () => {
    fake.answer([[{ packageId: null, parentPackageId: null }], []]);
    expect(await setEnabled(catalog, 'Nope', false, NO_OPERATOR)).toBeNull();
    expect(requests()).toHaveLength(2);
    expect(requests()[0]).not.toMatch(/UPDATE|INSERT INTO \[bfx\]\.\[AuditLog\]/);
  });

  it("a batch's end: the lock with its first reads, the children's packages locked in ascending order, then every write with the COMMIT", async () => {
    const child = (id: string, packageId: number) =>
      execRow({ executionId: id, packageId, packageName: `C${packageId}`, parentExecutionId: '20' });
    fake.answer(
      [lockAnswer, [execRow({ executionId: '20' })], [child('21', 9), child('22', 4)]],
      [[{ packageId: 4 }, { packageId: 7 }, { packageId: 9 }]],
      [[child('22', 4)]],
    );
    await catalog.transaction({ executionId: '20' }, 'end the batch', async (tx) => {
      const [, children] = await Promise.all([tx.execution('20'), tx.children('20')]);
      await tx.lockPackages(children.map((c) => c.packageId));
      await Promise.all([
        tx.setNextLoadStatuses(['21', '22', '21'], 'C'),
        tx.finishExecution({ executionId: '22', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'reset' }),
        tx.commit(),
      ]);
    });
    expect(requests()).toHaveLength(3);
    const [first, locking, writes] = requests();
    expect(first).toMatch(/WHERE e\.ParentExecutionID = @s2_ParentExecutionID ORDER BY e\.ExecutionID;/);
    expect(locking).toContain('WITH (XLOCK, HOLDLOCK, ROWLOCK) WHERE PackageID = @s1_next;');
    expect([bound(locking, 's0_LockedList'), bound(locking, 's1_PackageIDs')]).toEqual(["N'7,'", "N'4,9,'"]);
    expect([
      bound(writes, 's0_LockedList'),
      bound(writes, 's1_ExecutionIDs'),
      bound(writes, 's1_NextLoadStatus'),
    ]).toEqual(["N'4,7,9,'", "N'21,22,'", "N'C'"]);
    expect(commits(writes)).toBe(true);
  });

  it("an end's variables, row counts and audit record travel with its finish and COMMIT: still 2", async () => {
    fake.answer(
      [lockAnswer, [execRow()]],
      [[execRow({ executionStatus: 'S', nextLoadStatus: 'P', endTime: '2025-01-01T01:00:00.000Z' })]],
    );
    await catalog.transaction({ executionId: '10' }, 'end', async (tx) => {
      await tx.execution('10');
      await Promise.all([
        tx.finishExecution({ executionId: '10', executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null }),
        tx.storeVariables([{ name: 'LastLoadDate', value: '2026-11-25' }], '10'),
        tx.saveRowCounts('10', [{ objectName: 'dbo.Customer', countType: 'Insert', rowCount: 120 }]),
        tx.recordAudit({ executionId: '10', action: 'yield', detail: null, actor: 'octocat' }),
        tx.commit(),
      ]);
    });
    expect(requests()).toHaveLength(2);
    const writes = requests()[1];
    expect(writes).toMatch(/UPDATE c SET PreviousValue = c\.VariableValue/);
    expect(writes).toMatch(/INSERT INTO \[bfx\]\.\[RowCount\]/);
    expect(writes).toMatch(/INSERT INTO \[bfx\]\.\[AuditLog\]/);
    expect([
      bound(writes, 's2_Name0'),
      bound(writes, 's2_ExecutionID'),
      bound(writes, 's3_ObjectName0'),
      bound(writes, 's3_CountValue0'),
      bound(writes, 's4_Action'),
    ]).toEqual(["N'LastLoadDate'", '10', "N'dbo.Customer'", '120', "N'yield'"]);
    expect(commits(writes)).toBe(true);
  });

  it('sends nothing for empty lists', async () => {
    fake.answer([lockAnswer]);
    await catalog.transaction({ executionId: '10' }, 'nothing', async (tx) => {
      await Promise.all([
        tx.setNextLoadStatuses([], 'C'),
        tx.lockPackages([]),
        tx.registerVariables([]),
        tx.storeVariables([], null),
        tx.saveRowCounts('10', []),
        tx.commit(),
      ]);
    });
    // The lock alone, with the COMMIT: nothing else was queued.
    expect(requests()).toHaveLength(1);
    expect(opens(requests()[0]) && commits(requests()[0])).toBe(true);
    expect(await catalog.rowCounts([])).toEqual([]);
    expect(await catalog.children('not-an-id')).toEqual([]);
    expect(requests()).toHaveLength(1);
  });

  it('status: the batch flag, and the package of the batch its latest execution ran under, in 1', async () => {
    fake.answer([
      [pkgRow({ packageName: 'C', isBatch: false }), pkgRow({ packageId: 3, packageName: 'Nightly', isBatch: true })],
      [
        execRow({ executionId: '9', packageName: 'C', batchPackageName: 'Old' }),
        execRow({ executionId: '21', packageName: 'C', parentExecutionId: '20', batchPackageName: 'Nightly' }),
        execRow({ executionId: '20', packageId: 3, packageName: 'Nightly', batchPackageName: null }),
      ],
    ]);
    const statuses = await catalog.status(undefined);
    expect(requests()).toHaveLength(1);
    expect(statuses.map((p) => [p.packageName, p.isBatch, p.batchPackageName, p.latest?.executionId])).toEqual([
      ['C', false, 'Nightly', '21'],
      ['Nightly', true, null, '20'],
    ]);
    expect(requests()[0]).toMatch(/bp\.PackageName AS \[batchPackageName\]/);
  });

  it('variables of a package that is not there: null, in 1', async () => {
    fake.answer([[], []]);
    expect(await catalog.variables('Nope')).toBeNull();
    fake.answer([
      [{ packageId: 7 }],
      [{ name: 'A', value: '1', previousValue: null, executionId: null, updatedTime: new Date(0) }],
    ]);
    expect(await catalog.variables('P')).toEqual([
      { name: 'A', value: '1', previousValue: null, executionId: null, updatedTime: '1970-01-01T00:00:00.000Z' },
    ]);
    expect(requests()).toHaveLength(2);
  });
});

describe('SQL Server round trips: failures', () => {
  it("a guarded update's THROW is a LockViolation: no COMMIT ran, and what was left open is rolled back", async () => {
    fake.answer(endReads(), {
      error: 51000,
      message: 'bfx-begin: execution 10 was no longer active under its package lock.',
    });
    const ending = end(catalog, { executionId: '10', outcome: 'success', message: null, caller: null });
    await expect(ending).rejects.toBeInstanceOf(LockViolation);
    await expect(ending).rejects.toThrow(/^Execution 10 was no longer active/);
    expect(requests()).toHaveLength(3);
    expect(requests()[2]).toBe(ROLLBACK);
  });

  it('runs a deadlock victim again from the start, on a fresh transaction, on the same connection', async () => {
    fake.answer(
      {
        error: 1205,
        message:
          'Transaction (Process ID 52) was deadlocked on lock resources and has been chosen as the deadlock victim.',
      },
      [],
      beginReads(),
      [[{ executionId: '11' }], [execRow({ executionId: '11' })], [], []],
    );
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(requests()).toHaveLength(4);
    expect(requests()[1]).toBe(ROLLBACK);
    expect([opens(requests()[0]), opens(requests()[2]), commits(requests()[3])]).toEqual([true, true, true]);
    expect(fake.logins()).toBe(1);
  });

  it('runs a begin again when another begin registered the same new package meanwhile (51004), and finds it', async () => {
    fake.answer({ error: 51004, message: 'Another begin registered this package meanwhile.' }, [], beginReads(), [
      [{ executionId: '11' }],
      [execRow({ executionId: '11' })],
      [],
      [],
    ]);
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(requests()).toHaveLength(4);
  });

  it('gives up on a request held past the request timeout: cancelled, rolled back, one sentence', async () => {
    await catalog.close();
    catalog = await open(
      `Server=127.0.0.1,${fake.port};Database=d;User Id=sa;Password=pw;Encrypt=True;TrustServerCertificate=True`,
      { createCatalog: false, connectTimeoutMs: 5_000, requestTimeoutMs: 300 },
    );
    fake.answer('silence');
    const failure = await begin(catalog, request()).catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(
      /^The SQL Server catalog 127\.0\.0\.1:\d+\/d did not answer within the request timeout of 0\.3 s \(a lock held by another run, or a busy server\), so begin package "P" was rolled back: /,
    );
    // The lock's request, then the ROLLBACK of what it began, on the same connection.
    expect(requests()).toHaveLength(2);
    expect(requests()[1]).toBe(ROLLBACK);
    expect(fake.logins()).toBe(2);
  });

  it('logs in again only after the connection is lost, and runs the transaction again on the new one', async () => {
    fake.answer('hang-up', beginReads(), [[{ executionId: '11' }], [execRow({ executionId: '11' })], [], []]);
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(fake.logins()).toBe(2);
    // No ROLLBACK on a connection that is gone: the server rolls back the transaction of a session that ends.
    expect(requests()).toHaveLength(3);
    expect([opens(requests()[0]), opens(requests()[1]), commits(requests()[2])]).toEqual([true, true, true]);
  });

  it('answers a rename whose new name a begin registered meanwhile (51005) as the name taken: rolled back, not retried', async () => {
    fake.answer([lockAnswer, [pkgRow()], []], {
      error: 51005,
      message: 'bfx-begin: package "Q" was registered while the rename ran.',
    });
    expect(await rename(catalog, 'P', 'Q', NO_OPERATOR)).toEqual({ kind: 'taken' });
    expect(requests()).toHaveLength(3);
    expect(requests()[2]).toBe(ROLLBACK);
  });

  it('refuses a run key too long for the catalog before anything is sent', async () => {
    await expect(begin(catalog, request('k'.repeat(801)))).rejects.toThrow(/run key is longer than the 800 characters/);
    expect(requests()).toEqual([]);
  });

  it("splits a request at SQL Server's parameter limit, binding the locks again in each part, COMMIT in the last", async () => {
    const counts = Array.from({ length: 1_000 }, (_, i) => ({ objectName: `t${i}`, countType: 'Insert', rowCount: i }));
    fake.answer([lockAnswer, [pkgRow()]], [], []);
    await catalog.transaction({ executionId: '10' }, 'counts', async (tx) => {
      // The lock goes alone, and is answered, first.
      await tx.package().catch(() => null);
      await Promise.all([tx.saveRowCounts('10', counts), tx.commit()]);
    });
    expect(requests()).toHaveLength(3);
    const [, part1, part2] = requests();
    for (const part of [part1, part2]) {
      expect([...part.matchAll(/^DECLARE @s\d+_\w+ /gm)].length).toBeLessThanOrEqual(2_100);
      expect([bound(part, 's0_Locked'), bound(part, 's0_LockedList')]).toEqual(['7', "N'7,'"]);
    }
    expect([commits(part1), commits(part2)]).toEqual([false, true]);
    const objects = [part1, part2].flatMap((part) =>
      [...part.matchAll(/_ObjectName\d+ NVARCHAR\(\d+\) = N'(t\d+)'/g)].map((m) => m[1]),
    );
    expect(new Set(objects).size).toBe(1_000);
  });
});

/** Every column of every table of this release, as sys.columns would report it. */
const currentColumns = VERSIONS[VERSIONS.length - 1].flatMap((shape) =>
  Object.entries(shape.columns).map(([column, kind]) => ({
    tableName: shape.table,
    columnName: column,
    typeName: { integer: 'int', text: 'nvarchar', boolean: 'bit', timestamp: 'datetime2' }[kind],
  })),
);

describe('SQL Server round trips of inspect and migrate', () => {
  it('inspect: 1, outside any transaction', async () => {
    fake.answer([currentColumns, [{ version: 4 }], [], []]);
    expect(await catalog.inspect()).toEqual({ kind: 'version', version: 4 });
    expect(requests()).toHaveLength(1);
    expect(opens(requests()[0]) || commits(requests()[0])).toBe(false);
  });

  it('migrate from nothing: BEGIN + the lock + a fresh inspection | the steps + COMMIT, with no request timeout', async () => {
    fake.answer([[], [{ version: null }], [], []], [[{ what: 'schema bfx' }, { what: 'table Package' }]]);
    expect(await catalog.migrate()).toEqual({ from: 0, to: 4, created: ['schema bfx', 'table Package'] });
    expect(requests()).toHaveLength(2);
    const [lock, steps] = requests();
    expect(opens(lock)).toBe(true);
    expect(lock).toMatch(/sp_getapplock @s0_Resource[\s\S]*FROM sys\.tables o/);
    expect(bound(lock, 's0_Resource')).toBe("N'bfx-begin:migrate:bfx'");
    expect(steps).toContain("EXEC (N''CREATE SCHEMA [bfx]'');");
    expect(commits(steps)).toBe(true);
  });

  it('migrate of a current catalog: nothing created, its COMMIT alone', async () => {
    fake.answer([currentColumns, [{ version: 4 }], [], []]);
    expect(await catalog.migrate()).toEqual({ from: 4, to: 4, created: [] });
    expect(requests()).toHaveLength(2);
    expect(commits(requests()[1])).toBe(true);
  });
});

describe('SQL Server round trips of migrate: refusals and upgrades', () => {
  it('refuses a view of a table name of ours, and a column of its own NOT NULL without a default: nothing created', async () => {
    fake.answer([[], [{ version: null }], [{ objectName: 'Execution', objectType: 'V' }], []]);
    await expect(catalog.inspect()).rejects.toThrow(
      /^The view Execution in schema bfx of the SQL Server catalog 127\.0\.0\.1:\d+\/d has the name of a bfx-begin table, so nothing was created, altered or written: /,
    );
    fake.answer([currentColumns, [{ version: 3 }], [], [{ tableName: 'Execution', columnName: 'Label' }]]);
    await expect(catalog.migrate()).rejects.toThrow(
      /^The table Execution in schema bfx of the SQL Server catalog 127\.0\.0\.1:\d+\/d has a column Label that is NOT NULL without a default, so bfx-begin cannot insert its rows and nothing was written: give Label a default, or let it be NULL\.$/,
    );
    expect(requests()).toHaveLength(3);
    expect(requests()[2]).toBe(ROLLBACK);
  });

  const v1 = currentColumns.filter(
    (c) => (c.tableName === 'Package' && c.columnName !== 'IsBatch') || c.tableName === 'Execution',
  );

  it('migrate of a version-1 catalog: its size and unchecked rows, then only the steps of versions 2 and 3 with the COMMIT', async () => {
    fake.answer(
      [v1, [{ version: null }], [], []],
      [[{ executions: '1200', unchecked: '0', firstUnchecked: null }]],
      [[{ what: 'table CatalogVersion' }]],
    );
    expect(await catalog.migrate()).toEqual({ from: 1, to: 4, created: ['table CatalogVersion'] });
    expect(requests()).toHaveLength(3);
    const [, size, steps] = requests();
    expect(size).toMatch(/SELECT \(SELECT MAX\(ExecutionID\) FROM \[bfx\]\.\[Execution\]\) AS executions/);
    expect(steps).not.toContain('CREATE SCHEMA');
    expect(steps).toContain('ADD IsBatch BIT NOT NULL');
    expect(steps).toContain('CREATE INDEX IX_Execution_Package_Status');
    expect(commits(steps)).toBe(true);
  });

  it('a begin leaves a large catalog to bfx migrate: refused, rolled back, nothing created', async () => {
    fake.answer([v1, [{ version: null }], [], []], [[{ executions: '2500000', unchecked: '0', firstUnchecked: null }]]);
    const refusal = await catalog.migrate({ maxExecutions: 500_000 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BfxError);
    expect((refusal as Error).message).toMatch(
      /^The catalog in schema bfx of the SQL Server catalog 127\.0\.0\.1:\d+\/d holds version 1 of the bfx tables and about 2500000 executions, too many to upgrade to version 4 inside a begin \(the limit is 500000\), so nothing was changed: run `bfx migrate` once/,
    );
    expect(requests()).toHaveLength(3);
    expect(requests()[2]).toBe(ROLLBACK);
  });

  it('refuses to upgrade a catalog holding executions the checks refuse, naming the first', async () => {
    fake.answer([v1, [{ version: null }], [], []], [[{ executions: '40', unchecked: '2', firstUnchecked: '17' }]]);
    const refusal = await catalog.migrate({ maxExecutions: 500_000 }).catch((error: unknown) => error);
    expect((refusal as Error).message).toMatch(
      /holds 2 executions that version 3 of the bfx tables refuses \(ExecutionID 17 is the first: ended without an EndTime, or a RetryCount below 0\), so it was not upgraded and nothing was changed: find them with SELECT \* FROM \[bfx\]\.\[Execution\] WHERE \(EndTime IS NULL AND ExecutionStatus NOT IN \('E', 'R', 'A'\)\) OR RetryCount < 0, /,
    );
    expect(requests()).toHaveLength(3);
  });

  it('migrate refuses tables of our names in another shape: rolled back, nothing created', async () => {
    fake.answer([
      [
        { tableName: 'Package', columnName: 'PackageID', typeName: 'int' },
        { tableName: 'Package', columnName: 'ProjectID', typeName: 'int' },
      ],
      [{ version: null }],
      [],
      [],
    ]);
    const refusal = await catalog.migrate().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BfxError);
    expect((refusal as Error).message).toMatch(
      /^The table Package in schema bfx of the SQL Server catalog 127\.0\.0\.1:\d+\/d is not a bfx-begin table \(PackageName is missing/,
    );
    expect(requests()).toEqual([expect.stringContaining('sp_getapplock'), ROLLBACK]);
  });

  it("bfx migrate waits as long as its steps take; a begin's upgrade keeps the request timeout", async () => {
    await catalog.close();
    catalog = await open(
      `Server=127.0.0.1,${fake.port};Database=d;User Id=sa;Password=pw;Encrypt=True;TrustServerCertificate=True`,
      { createCatalog: false, connectTimeoutMs: 5_000, requestTimeoutMs: 300 },
    );
    const late = { delayMs: 700, answer: [[], [{ version: null }], [], []] };
    fake.answer(late, [[{ what: 'schema bfx' }]]);
    expect(await catalog.migrate()).toEqual({ from: 0, to: 4, created: ['schema bfx'] });
    fake.answer(late);
    await expect(catalog.migrate({ maxExecutions: 500_000 })).rejects.toThrow(
      /did not answer within the request timeout of 0\.3 s/,
    );
  });
});

describe('SQL Server: the report read', () => {
  it('is one request outside any transaction, its five result sets mapped, the times as ISO strings', async () => {
    fake.answer([
      [{ now: '2026-12-05T12:00:00.000Z', since: '2026-11-05T12:00:00.000Z' }],
      [pkgRow({ isBatch: true })],
      [execRow({ executionStatus: 'S', nextLoadStatus: 'P', endTime: '2026-12-05T02:10:00.000Z' })],
      [{ executionId: '10', objectName: 'dbo.T', countType: 'Insert', rowCount: 5 }],
      [
        {
          auditId: '1',
          packageId: 7,
          packageName: 'P',
          executionId: null,
          action: 'skip',
          detail: 'why',
          actor: 'dana',
          createdTime: '2026-12-01T00:00:00.000Z',
        },
      ],
    ]);
    const snapshot = await catalog.reportSnapshot(30 * 24 * 60);
    expect(requests()).toHaveLength(1);
    expect([bound(requests()[0], 'Minutes'), bound(requests()[0], 'Succeeded')]).toEqual(['43200', "N'S'"]);
    expect(snapshot.now).toBe('2026-12-05T12:00:00.000Z');
    expect(snapshot.since).toBe('2026-11-05T12:00:00.000Z');
    expect(snapshot.packages.map((p) => [p.packageName, p.isBatch])).toEqual([['P', true]]);
    expect(snapshot.executions.map((e) => [e.executionId, e.executionStatus, e.endTime])).toEqual([
      ['10', 'S', '2026-12-05T02:10:00.000Z'],
    ]);
    expect(snapshot.rowCounts).toEqual([{ executionId: '10', objectName: 'dbo.T', countType: 'Insert', rowCount: 5 }]);
    expect(snapshot.audit.map((a) => [a.action, a.createdTime])).toEqual([['skip', '2026-12-01T00:00:00.000Z']]);
  });
});

describe('SQL Server requests: values reach the text only as literals of their type', () => {
  it("writes one request: the transaction's ends around the statements, their values declared, COMMIT only after all of them", () => {
    const batch = { text: "SELECT @a AS a, N'x' AS b;", params: { a: ['INT', 1] as const }, recordsets: [1] };
    expect(requestText(batch, { begin: true, commit: true }).split('\n')).toEqual([
      'SET NOCOUNT ON;',
      'SET XACT_ABORT ON;',
      'BEGIN TRANSACTION;',
      'DECLARE @a INT = 1;',
      "DECLARE @__statement NVARCHAR(MAX) = N'SELECT @a AS a, N''x'' AS b;';",
      "DECLARE @__parameters NVARCHAR(MAX) = N'@a INT';",
      'BEGIN TRY',
      'EXEC sys.sp_executesql @__statement, @__parameters,',
      '  @a = @a;',
      'COMMIT TRANSACTION;',
      'END TRY',
      'BEGIN CATCH',
      'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;',
      'THROW;',
      'END CATCH;',
    ]);
    expect(requestText({ text: 'SELECT 1 AS one;', params: {}, recordsets: [1] })).toBe(
      "SET NOCOUNT ON;\nSET XACT_ABORT ON;\nDECLARE @__statement NVARCHAR(MAX) = N'SELECT 1 AS one;';\nEXEC sys.sp_executesql @__statement;",
    );
    expect(() => requestText({ text: 'SELECT 1;', params: { 'a; DROP': ['INT', 1] }, recordsets: [0] })).toThrow(
      /is not a parameter name/,
    );
  });

  it('doubles quotes and writes control characters as NCHAR(n)', () => {
    expect(unicodeLiteral("O'Brien")).toBe("N'O''Brien'");
    expect(unicodeLiteral('')).toBe("N''");
    expect(unicodeLiteral('a\u0000b')).toBe("N'a' + NCHAR(0) + N'b'");
    expect(unicodeLiteral('\u0001')).toBe('NCHAR(1)');
    expect(unicodeLiteral('line\nbreak')).toBe("N'line\nbreak'");
    expect(unicodeLiteral("'; DROP TABLE x; --")).toBe("N'''; DROP TABLE x; --'");
  });

  it('refuses a value that does not fit its type rather than let a DECLARE cut it', () => {
    expect(literalOf('INT', 7, 'a')).toBe('7');
    expect(literalOf('BIGINT', '9223372036854775807', 'a')).toBe('9223372036854775807');
    expect(literalOf('BIT', true, 'a')).toBe('1');
    expect(literalOf('NVARCHAR(3)', 'abc', 'a')).toBe("N'abc'");
    expect(literalOf('NVARCHAR(3)', null, 'a')).toBe('NULL');
    expect(() => literalOf('NVARCHAR(3)', 'abcd', 'a')).toThrow(/does not fit/);
    expect(() => literalOf('INT', 2 ** 31, 'a')).toThrow(/does not fit/);
    expect(() => literalOf('BIGINT', '1; DROP TABLE x', 'a')).toThrow(/does not fit/);
    expect(() => literalOf('BIGINT', 1.5, 'a')).toThrow(/does not fit/);
    expect(() => literalOf('CHAR(1)', 'é', 'a')).toThrow(/does not fit/);
  });
});
