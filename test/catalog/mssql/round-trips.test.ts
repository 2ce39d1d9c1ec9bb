/**
 * The SQL Server engine under run control, on a fake `mssql` driver that records every round trip
 * and answers with scripted result sets: how many round trips each operation costs, what each
 * batch holds, that a transaction never has two requests in flight (mssql's Transaction refuses
 * that: EREQINPROG), and how a guarded update's THROW and a deadlock are handled. No SQL runs
 * here; the contract suite (test/contract/mssql.test.ts) runs it on a real server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LockViolation, type CatalogEngine } from '../../../src/catalog/catalog.js';
import { open } from '../../../src/catalog/mssql/engine.js';
import { VERSIONS } from '../../../src/catalog/mssql/schema.js';
import { BfxError } from '../../../src/errors.js';
import { rename } from '../../../src/run-control/catalog-commands.js';
import { begin, end, setEnabled } from '../../../src/run-control/index.js';

/** Operator changes made by the tests: no one in particular. */
const NO_OPERATOR = { actor: null, reason: null };

type Row = Record<string, unknown>;

const driver = vi.hoisted(() => {
  const state = {
    /** One entry per round trip: begin, query (with its text and params), commit, rollback. */
    trips: [] as Array<{
      kind: 'begin' | 'query' | 'commit' | 'rollback';
      text?: string;
      params?: Record<string, unknown>;
      /** The request's own timeout, when it overrides the pool's. */
      requestTimeout?: number;
    }>,
    answers: [] as Array<Row[][] | Error>,
    inFlight: 0,
    overlapped: false,
  };
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  class FakeRequest {
    private readonly params: Record<string, unknown> = {};
    constructor(private readonly overrides?: { requestTimeout?: number }) {}
    input(name: string, _type: unknown, value: unknown) {
      this.params[name] = value;
      return this;
    }
    async query(text: string) {
      state.inFlight += 1;
      if (state.inFlight > 1) state.overlapped = true;
      state.trips.push({
        kind: 'query',
        text,
        params: this.params,
        ...(this.overrides?.requestTimeout !== undefined ? { requestTimeout: this.overrides.requestTimeout } : {}),
      });
      await turn();
      state.inFlight -= 1;
      const answer = state.answers.shift();
      if (answer === undefined) throw new Error(`No answer scripted for: ${text.slice(0, 200)}`);
      if (answer instanceof Error) throw answer;
      return { recordsets: answer };
    }
  }
  class FakeTransaction {
    async begin() {
      state.trips.push({ kind: 'begin' });
      await turn();
    }
    request(overrides?: { requestTimeout?: number }) {
      return new FakeRequest(overrides);
    }
    async commit() {
      if (state.inFlight > 0) state.overlapped = true;
      state.trips.push({ kind: 'commit' });
      await turn();
    }
    async rollback() {
      if (state.inFlight > 0) state.overlapped = true;
      state.trips.push({ kind: 'rollback' });
      await turn();
    }
  }
  class FakePool {
    on() {
      return this;
    }
    async connect() {
      return this;
    }
    request() {
      return new FakeRequest();
    }
    async close() {}
  }
  return { state, FakeTransaction, FakePool };
});

vi.mock('mssql', async (importOriginal) => {
  const real = (await importOriginal<{ default: Record<string, unknown> }>()).default;
  return { default: { ...real, ConnectionPool: driver.FakePool, Transaction: driver.FakeTransaction } };
});

const { state } = driver;
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
  createdTime: new Date('2025-01-01T00:00:00Z'),
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
  startTime: new Date('2025-01-01T00:00:00Z'),
  endTime: null,
  runKey: 'run-1',
  errorMessage: null,
  ...Object.fromEntries(Object.entries(CONTEXT)),
  ...extra,
});
const lockAnswer: Row[] = [{ packageId: 7, parentPackageId: null }];
const variableRow = (extra: Row = {}): Row => ({
  name: 'LastLoadDate',
  value: '2026-11-24',
  previousValue: null,
  executionId: '9',
  updatedTime: new Date('2025-01-01T00:00:00Z'),
  ...extra,
});
/**
 * The result sets of a begin's first batch: the lock, then the package, the execution with the
 * run key, the active one and the latest (and the parent execution, for a child).
 */
const beginReads = (reads: { reentry?: Row[]; active?: Row[]; latest?: Row[]; parent?: Row[] } = {}) => [
  lockAnswer,
  [pkgRow()],
  reads.reentry ?? [],
  reads.active ?? [],
  reads.latest ?? [],
];
/** The result sets of an end's first batch: the lock, the execution, its package, its parent, its children. */
const endReads = (execution: Row[] = [execRow()]) => [lockAnswer, execution, [pkgRow()], [], []];
const request = (runKey = 'run-1') => ({
  packageName: 'P',
  retryLimit: undefined,
  parentExecutionId: undefined,
  runKey,
  context: CONTEXT,
});
const requestError = (number: number, message: string) =>
  Object.assign(new Error(message), {
    name: 'RequestError',
    code: 'EREQUEST',
    number,
    originalError: { info: { number, message } },
  });

let catalog: CatalogEngine;
beforeEach(async () => {
  state.trips.length = 0;
  state.answers.length = 0;
  state.overlapped = false;
  catalog = await open('Server=h;Database=d;User Id=u;Password=p', {
    createCatalog: false,
    connectTimeoutMs: 1_000,
    requestTimeoutMs: 1_000,
  });
});
afterEach(async () => {
  await catalog.close();
  expect(state.overlapped, 'a request was sent while another was in flight').toBe(false);
  expect(state.answers, 'every scripted answer was asked for').toEqual([]);
});

const kinds = () => state.trips.map((trip) => trip.kind);
const queries = () => state.trips.filter((trip) => trip.kind === 'query');

describe('SQL Server round trips under run control', () => {
  it('begin of a new load: 4 (BEGIN TRAN, lock + the four reads, the insert + the after-reads, COMMIT)', async () => {
    state.answers.push(beginReads(), [
      [{ executionId: '11' }], // the insert
      [execRow({ executionId: '11', startTime: new Date('2025-01-02T00:00:00Z') })], // the latest, now the new one
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
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const [first, second] = queries();
    // The lock comes first, and the reads after it in the same batch.
    const lockAt = first.text!.indexOf('WITH (UPDLOCK, HOLDLOCK) WHERE PackageID = @PackageID;');
    const readAt = first.text!.indexOf('FROM [bfx].[Package] p WITH (READCOMMITTEDLOCK)');
    expect(lockAt).toBeGreaterThan(0);
    expect(readAt).toBeGreaterThan(lockAt);
    expect(first.params).toMatchObject({
      s0_PackageName: 'P',
      s0_Register: true,
      s0_RetryLimit: null,
      s0_IsBatch: false,
      s0_ParentExecutionID: null,
      s2_RunKey: 'run-1',
    });
    expect(second.text).toMatch(
      /^SET NOCOUNT ON;\nSET XACT_ABORT ON;\nDECLARE @PackageID INT = @s0_Locked;[\s\S]*INSERT INTO \[bfx\]\.\[Execution\]/,
    );
    // The reads of the outputs come after the insert in the same batch, so they see it.
    const insertAt = second.text!.indexOf('INSERT INTO [bfx].[Execution]');
    const lastAt = second.text!.indexOf('e.ExecutionStatus = @s3_ExecutionStatus ORDER BY');
    const variablesAt = second.text!.indexOf('FROM [bfx].[ConfigVariable] c WITH (READCOMMITTEDLOCK)');
    expect(insertAt).toBeGreaterThan(0);
    expect(lastAt).toBeGreaterThan(insertAt);
    expect(variablesAt).toBeGreaterThan(lastAt);
    expect(second.params).toMatchObject({
      s0_Locked: 7,
      s0_LockedList: '7,',
      s1_ExecutionStatus: 'E',
      s1_NextLoadStatus: 'C',
      s1_RunKey: 'run-1',
      s1_Repository: 'acme/loads',
      s3_ExecutionStatus: 'S',
    });
    expect(second.params).not.toHaveProperty('s3_Before');
  });

  // One more than before: nothing is written, but the outputs (the last execution that succeeded
  // before this one, the variables) are read after the first batch has found the execution re-entered,
  // and COMMIT cannot share their batch. It was 3 while a re-entry read nothing after its first batch.
  it('begin re-entering its own execution: 4 (BEGIN TRAN, lock + reads, the after-reads, COMMIT)', async () => {
    state.answers.push(beginReads({ reentry: [execRow()], active: [execRow()], latest: [execRow()] }), [
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
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const after = queries()[1];
    // Nothing written: only the two reads, the last success before the execution re-entered.
    expect(after.text).not.toMatch(/INSERT INTO \[bfx\]|UPDATE /);
    expect(after.params).toMatchObject({ s0_Locked: 7, s1_ExecutionStatus: 'S', s1_Before: '10' });
  });

  it('begin abandoning an active execution: 4, the finish before the insert in one batch', async () => {
    const active = execRow({ retryCount: 3, executionStatus: 'A', nextLoadStatus: 'P' });
    state.answers.push(
      [lockAnswer, [pkgRow({ retryLimit: 3 })], [], [active], [active]],
      [
        [execRow({ executionStatus: 'F', nextLoadStatus: 'R', endTime: new Date() })], // the finish
        [{ executionId: '12' }], // the insert
        [execRow({ executionId: '12', runKey: 'run-2' })], // the latest
        [], // no execution succeeded before
        [], // no variables
      ],
    );
    const begun = await begin(catalog, request('run-2'));
    expect(begun.plan.kind).toBe('abandon-and-insert');
    expect([begun.executionId, begun.lastExecutionId, begun.variables]).toEqual(['12', null, {}]);
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const write = queries()[1].text!;
    expect(write.indexOf('EndTime = SYSUTCDATETIME()')).toBeGreaterThan(0);
    expect(write.indexOf('EndTime = SYSUTCDATETIME()')).toBeLessThan(write.indexOf('INSERT INTO [bfx].[Execution]'));
  });

  it('end: 4 (BEGIN TRAN, lock through the execution + its row, package, parent and children, the finish, COMMIT)', async () => {
    state.answers.push(endReads(), [[execRow({ executionStatus: 'S', nextLoadStatus: 'P', endTime: new Date() })]]);
    const ended = await end(catalog, { executionId: '10', outcome: 'success', message: null, caller: null });
    expect(ended.kind).toBe('ended');
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const [first, second] = queries();
    expect(first.text).toMatch(
      /FROM \[bfx\]\.\[Execution\] e LEFT JOIN [\s\S]*WHERE e\.ExecutionID = @s0_ExecutionID;/,
    );
    expect(first.text).toMatch(/FROM \[bfx\]\.\[Package\] WITH \(UPDLOCK, HOLDLOCK\) WHERE PackageID = @PackageID;/);
    // The parent and the children are read in the lock's batch, with the execution and its package.
    expect(first.text).toMatch(/WHERE x\.ExecutionID = @s3_ExecutionID\);/);
    expect(first.text).toMatch(/WHERE e\.ParentExecutionID = @s4_ParentExecutionID ORDER BY e\.ExecutionID;/);
    expect(first.params).toMatchObject({ s0_ExecutionID: '10', s1_ExecutionID: '10', s3_ExecutionID: '10' });
    expect(second.text).toMatch(/AND EndTime IS NULL AND PackageID IN \(SELECT PackageID FROM @LockedPackages\);/);
  });

  it('disable: 4 (BEGIN TRAN, lock + the package, the update, COMMIT), under the same key lock as begin and end', async () => {
    state.answers.push([lockAnswer, [pkgRow()]], [[pkgRow({ isEnabled: false })]]);
    expect((await setEnabled(catalog, 'P', false, NO_OPERATOR))?.isEnabled).toBe(false);
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    expect(queries()[0].params).toMatchObject({ s0_PackageName: 'P', s0_Register: false });
    expect(queries()[1].text).toMatch(/UPDATE \[bfx\]\.\[Package\] SET IsEnabled = @s\d+_IsEnabled/);
    expect(queries()[1].text).toMatch(/WHERE PackageID = @PackageID;/);
    // The audit record goes in the same batch, after the update.
    expect(queries()[1].text).toMatch(/SET IsEnabled = @s\d+_IsEnabled[\s\S]*INSERT INTO \[bfx\]\.\[AuditLog\]/);
    expect(Object.entries(queries()[1].params ?? {})).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/_Action$/), 'disable'],
        [expect.stringMatching(/_Detail$/), 'IsEnabled set to false.'],
      ]),
    );
  });

  it('disable of a disabled package: 3 (BEGIN TRAN, lock + the package, COMMIT of nothing), nothing written or recorded', async () => {
    state.answers.push([lockAnswer, [pkgRow({ isEnabled: false })]]);
    expect(await setEnabled(catalog, 'P', false, NO_OPERATOR)).toMatchObject({ isEnabled: false, changed: false });
    expect(kinds()).toEqual(['begin', 'query', 'commit']);
    expect(queries()[0].text).not.toMatch(/UPDATE|INSERT INTO \[bfx\]\.\[AuditLog\]/);
  });

  it('rolls back, and reports a LockViolation, when a guarded update finds its execution ended', async () => {
    state.answers.push(
      endReads(),
      requestError(51000, 'bfx-begin: execution 10 was no longer active under its package lock.'),
    );
    const ending = end(catalog, { executionId: '10', outcome: 'success', message: null, caller: null });
    await expect(ending).rejects.toBeInstanceOf(LockViolation);
    await expect(ending).rejects.toThrow(/^Execution 10 was no longer active/);
    expect(kinds()).toEqual(['begin', 'query', 'query', 'rollback']);
  });

  it('runs a deadlock victim again from the start, on a fresh transaction', async () => {
    state.answers.push(
      requestError(
        1205,
        'Transaction (Process ID 52) was deadlocked on lock resources and has been chosen as the deadlock victim.',
      ),
      beginReads(),
      [[{ executionId: '11' }], [execRow({ executionId: '11' })], [], []],
    );
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(kinds()).toEqual(['begin', 'query', 'rollback', 'begin', 'query', 'query', 'commit']);
  });

  it('runs a begin again when another begin registered the same new package meanwhile (51004), and finds it', async () => {
    state.answers.push(requestError(51004, 'Another begin registered this package meanwhile.'), beginReads(), [
      [{ executionId: '11' }],
      [execRow({ executionId: '11' })],
      [],
      [],
    ]);
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(kinds()).toEqual(['begin', 'query', 'rollback', 'begin', 'query', 'query', 'commit']);
  });

  it('answers a rename whose new name a begin registered meanwhile (51005) as the name taken: rolled back, not retried', async () => {
    state.answers.push(
      [[{ packageId: 7, parentPackageId: null }], [pkgRow()], []],
      requestError(51005, 'bfx-begin: package "Q" was registered while the rename ran.'),
    );
    expect(await rename(catalog, 'P', 'Q', NO_OPERATOR)).toEqual({ kind: 'taken' });
    expect(kinds()).toEqual(['begin', 'query', 'query', 'rollback']);
  });

  it('disable of a package that is not there: null, nothing written', async () => {
    state.answers.push([[{ packageId: null, parentPackageId: null }], []]);
    expect(await setEnabled(catalog, 'Nope', false, NO_OPERATOR)).toBeNull();
    expect(kinds()).toEqual(['begin', 'query', 'commit']);
    expect(queries()[0].text).not.toMatch(/UPDATE|INSERT INTO \[bfx\]\.\[AuditLog\]/);
  });

  it('refuses a run key too long for the catalog before anything is written', async () => {
    state.answers.push(); // the lock batch is never sent: the work fails in its first tick
    await expect(begin(catalog, request('k'.repeat(801)))).rejects.toThrow(/run key is longer than the 800 characters/);
    expect(kinds()).toEqual(['begin', 'rollback']);
  });

  it('begin of a child: still 4, its batch package locked first in the lock statement, both bound in the later batch', async () => {
    const batch = execRow({
      executionId: '20',
      packageId: 3,
      packageName: 'Nightly',
      startTime: new Date('2024-12-31T22:00:00Z'),
    });
    state.answers.push(
      [[{ packageId: 7, parentPackageId: 3 }], [pkgRow()], [], [], [], [batch]],
      [[{ executionId: '21' }], [execRow({ executionId: '21', parentExecutionId: '20' })], [], []],
    );
    const begun = await begin(catalog, { ...request(), parentExecutionId: '20', isBatch: false });
    expect(begun.executionId).toBe('21');
    // A child's BatchStartTime is its batch's, read in the first batch with the others.
    expect(begun.batchStartTime).toBe('2024-12-31T22:00:00.000Z');
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const [first, second] = queries();
    expect(first.params).toMatchObject({ s0_ParentExecutionID: '20', s0_Register: true, s5_ExecutionID: '20' });
    expect(first.text!.indexOf('WHERE PackageID = @s0_ParentPackageID;')).toBeLessThan(
      first.text!.indexOf('WHERE PackageName = @s0_PackageName);'),
    );
    expect(second.params).toMatchObject({ s0_Locked: 7, s0_LockedList: '3,7,', s1_ParentExecutionID: '20' });
  });

  it('a batch end: the lock with its first reads, the children locked in ascending order, then every write with the commit', async () => {
    const child = (id: string, packageId: number) =>
      execRow({ executionId: id, packageId, packageName: `C${packageId}`, parentExecutionId: '20' });
    state.answers.push(
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
    expect(kinds()).toEqual(['begin', 'query', 'query', 'query', 'commit']);
    const [first, locking, writes] = queries();
    expect(first.text).toMatch(/WHERE e\.ParentExecutionID = @s2_ParentExecutionID ORDER BY e\.ExecutionID;/);
    expect(locking.params).toMatchObject({ s0_LockedList: '7,', s1_PackageIDs: '4,9,' });
    expect(writes.params).toMatchObject({ s0_LockedList: '4,7,9,', s1_ExecutionIDs: '21,22,', s1_NextLoadStatus: 'C' });
  });

  it("an end's variables, row counts and audit record travel with its finish and commit: still 4", async () => {
    state.answers.push(
      [lockAnswer, [execRow()]],
      [[execRow({ executionStatus: 'S', nextLoadStatus: 'P', endTime: new Date() })]],
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
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const writes = queries()[1];
    expect(writes.text).toMatch(/UPDATE c SET PreviousValue = c\.VariableValue/);
    expect(writes.text).toMatch(/INSERT INTO \[bfx\]\.\[RowCount\]/);
    expect(writes.text).toMatch(/INSERT INTO \[bfx\]\.\[AuditLog\]/);
    expect(writes.params).toMatchObject({
      s2_Name0: 'LastLoadDate',
      s2_ExecutionID: '10',
      s3_ObjectName0: 'dbo.Customer',
      s3_CountValue0: 120,
      s4_Action: 'yield',
    });
  });

  it('sends nothing for empty lists', async () => {
    state.answers.push([lockAnswer]);
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
    expect(kinds()).toEqual(['begin', 'query', 'commit']);
    expect(await catalog.rowCounts([])).toEqual([]);
    expect(await catalog.children('not-an-id')).toEqual([]);
    expect(kinds()).toEqual(['begin', 'query', 'commit']);
  });

  it("splits a batch at SQL Server's parameter limit, binding the locks again in each part", async () => {
    const counts = Array.from({ length: 1_000 }, (_, i) => ({ objectName: `t${i}`, countType: 'Insert', rowCount: i }));
    state.answers.push([lockAnswer], [], []);
    await catalog.transaction({ executionId: '10' }, 'counts', async (tx) => {
      // The lock goes alone, and is answered, first.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      await Promise.all([tx.saveRowCounts('10', counts), tx.commit()]);
    });
    expect(kinds()).toEqual(['begin', 'query', 'query', 'query', 'commit']);
    const [, part1, part2] = queries();
    for (const part of [part1, part2]) {
      expect(Object.keys(part.params!).length).toBeLessThanOrEqual(2_100);
      expect(part.params).toMatchObject({ s0_Locked: 7, s0_LockedList: '7,' });
    }
    const objects = [part1, part2].flatMap((part) =>
      Object.entries(part.params!)
        .filter(([name]) => /_ObjectName\d+$/.test(name))
        .map(([, value]) => value),
    );
    expect(new Set(objects).size).toBe(1_000);
  });

  it('status: the batch flag, and the package of the batch its latest execution ran under, in 1', async () => {
    state.answers.push([
      [pkgRow({ packageName: 'C', isBatch: false }), pkgRow({ packageId: 3, packageName: 'Nightly', isBatch: true })],
      [
        execRow({ executionId: '9', packageName: 'C', batchPackageName: 'Old' }),
        execRow({ executionId: '21', packageName: 'C', parentExecutionId: '20', batchPackageName: 'Nightly' }),
        execRow({ executionId: '20', packageId: 3, packageName: 'Nightly', batchPackageName: null }),
      ],
    ]);
    const statuses = await catalog.status(undefined);
    expect(kinds()).toEqual(['query']);
    expect(statuses.map((p) => [p.packageName, p.isBatch, p.batchPackageName, p.latest?.executionId])).toEqual([
      ['C', false, 'Nightly', '21'],
      ['Nightly', true, null, '20'],
    ]);
    expect(queries()[0].text).toMatch(/bp\.PackageName AS \[batchPackageName\]/);
  });

  it('variables of a package that is not there: null, in 1', async () => {
    state.answers.push([[], []]);
    expect(await catalog.variables('Nope')).toBeNull();
    state.answers.push([
      [{ packageId: 7 }],
      [{ name: 'A', value: '1', previousValue: null, executionId: null, updatedTime: new Date(0) }],
    ]);
    expect(await catalog.variables('P')).toEqual([
      { name: 'A', value: '1', previousValue: null, executionId: null, updatedTime: '1970-01-01T00:00:00.000Z' },
    ]);
    expect(kinds()).toEqual(['query', 'query']);
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
    state.answers.push([currentColumns, [{ version: 3 }]]);
    expect(await catalog.inspect()).toEqual({ kind: 'version', version: 3 });
    expect(kinds()).toEqual(['query']);
  });

  it('migrate from nothing: BEGIN TRAN, the lock + a fresh inspection, the steps, COMMIT, with no request timeout', async () => {
    state.answers.push([[], [{ version: null }]], [[{ what: 'schema bfx' }, { what: 'table Package' }]]);
    expect(await catalog.migrate()).toEqual({ from: 0, to: 3, created: ['schema bfx', 'table Package'] });
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const [lock, steps] = queries();
    expect(lock.text).toMatch(/sp_getapplock @s0_Resource[\s\S]*FROM sys\.tables o/);
    expect(lock.params).toMatchObject({ s0_Resource: 'bfx-begin:migrate:bfx', s0_LockTimeout: 1_000 });
    expect(steps.text).toContain("EXEC (N'CREATE SCHEMA [bfx]');");
    // bfx migrate: its index builds and checks take as long as they need.
    expect(queries().map((trip) => trip.requestTimeout)).toEqual([0, 0]);
  });

  it('migrate of a current catalog: nothing created, nothing sent after the inspection', async () => {
    state.answers.push([currentColumns, [{ version: 3 }]]);
    expect(await catalog.migrate()).toEqual({ from: 3, to: 3, created: [] });
    expect(kinds()).toEqual(['begin', 'query', 'commit']);
  });

  it('refuses a view of a table name of ours, and a column of its own NOT NULL without a default: nothing created', async () => {
    state.answers.push([[], [{ version: null }], [{ objectName: 'Execution', objectType: 'V' }], []]);
    await expect(catalog.inspect()).rejects.toThrow(
      /^The view Execution in schema bfx of the SQL Server catalog h\/d has the name of a bfx-begin table, so nothing was created, altered or written: /,
    );
    state.answers.push([currentColumns, [{ version: 3 }], [], [{ tableName: 'Execution', columnName: 'Label' }]]);
    await expect(catalog.migrate()).rejects.toThrow(
      /^The table Execution in schema bfx of the SQL Server catalog h\/d has a column Label that is NOT NULL without a default, so bfx-begin cannot insert its rows and nothing was written: give Label a default, or let it be NULL\.$/,
    );
    expect(kinds()).toEqual(['query', 'begin', 'query', 'rollback']);
  });

  const v1 = currentColumns.filter(
    (c) => (c.tableName === 'Package' && c.columnName !== 'IsBatch') || c.tableName === 'Execution',
  );

  it('migrate of a version-1 catalog: its size and unchecked rows, then only the steps of versions 2 and 3', async () => {
    state.answers.push(
      [v1, [{ version: null }]],
      [[{ executions: '1200', unchecked: '0', firstUnchecked: null }]],
      [[{ what: 'table CatalogVersion' }]],
    );
    expect(await catalog.migrate()).toEqual({ from: 1, to: 3, created: ['table CatalogVersion'] });
    expect(kinds()).toEqual(['begin', 'query', 'query', 'query', 'commit']);
    const [, size, steps] = queries();
    expect(size.text).toMatch(/SELECT \(SELECT MAX\(ExecutionID\) FROM \[bfx\]\.\[Execution\]\) AS executions/);
    expect(steps.text).not.toContain('CREATE SCHEMA');
    expect(steps.text).toContain('ADD IsBatch BIT NOT NULL');
    expect(steps.text).toContain('CREATE INDEX IX_Execution_Package_Status');
  });

  it('a begin leaves a large catalog to bfx migrate: refused, rolled back, nothing created, the request timeout kept', async () => {
    state.answers.push([v1, [{ version: null }]], [[{ executions: '2500000', unchecked: '0', firstUnchecked: null }]]);
    const refusal = await catalog.migrate({ maxExecutions: 500_000 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BfxError);
    expect((refusal as Error).message).toMatch(
      /^The catalog in schema bfx of the SQL Server catalog h\/d holds version 1 of the bfx tables and about 2500000 executions, too many to upgrade to version 3 inside a begin \(the limit is 500000\), so nothing was changed: run `bfx migrate` once/,
    );
    expect(kinds()).toEqual(['begin', 'query', 'query', 'rollback']);
    expect(queries().map((trip) => trip.requestTimeout)).toEqual([undefined, undefined]);
  });

  it('refuses to upgrade a catalog holding executions the checks refuse, naming the first', async () => {
    state.answers.push([v1, [{ version: null }]], [[{ executions: '40', unchecked: '2', firstUnchecked: '17' }]]);
    const refusal = await catalog.migrate({ maxExecutions: 500_000 }).catch((error: unknown) => error);
    expect((refusal as Error).message).toMatch(
      /holds 2 executions that version 3 of the bfx tables refuses \(ExecutionID 17 is the first: ended without an EndTime, or a RetryCount below 0\), so it was not upgraded and nothing was changed: find them with SELECT \* FROM \[bfx\]\.\[Execution\] WHERE \(EndTime IS NULL AND ExecutionStatus NOT IN \('E', 'R', 'A'\)\) OR RetryCount < 0, /,
    );
    expect(kinds()).toEqual(['begin', 'query', 'query', 'rollback']);
  });

  it('migrate refuses tables of our names in another shape: rolled back, nothing created', async () => {
    state.answers.push([
      [
        { tableName: 'Package', columnName: 'PackageID', typeName: 'int' },
        { tableName: 'Package', columnName: 'ProjectID', typeName: 'int' },
      ],
      [{ version: null }],
    ]);
    const refusal = await catalog.migrate().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BfxError);
    expect((refusal as Error).message).toMatch(
      /^The table Package in schema bfx of the SQL Server catalog h\/d is not a bfx-begin table \(PackageName is missing/,
    );
    expect(kinds()).toEqual(['begin', 'query', 'rollback']);
  });
});

describe('SQL Server: the report read', () => {
  it('is one request outside any transaction, its five result sets mapped, the times as ISO strings', async () => {
    state.answers.push([
      [{ now: new Date('2026-12-05T12:00:00.000Z'), since: new Date('2026-11-05T12:00:00.000Z') }],
      [pkgRow({ isBatch: true })],
      [execRow({ executionStatus: 'S', nextLoadStatus: 'P', endTime: new Date('2026-12-05T02:10:00.000Z') })],
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
          createdTime: new Date('2026-12-01T00:00:00.000Z'),
        },
      ],
    ]);
    const snapshot = await catalog.reportSnapshot(30 * 24 * 60);
    expect(kinds()).toEqual(['query']);
    expect(queries()[0].params).toEqual({ Minutes: 43_200, Succeeded: 'S' });
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
