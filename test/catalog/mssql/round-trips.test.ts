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
import { begin, end, setEnabled } from '../../../src/run-control.js';

type Row = Record<string, unknown>;

const driver = vi.hoisted(() => {
  const state = {
    /** One entry per round trip: begin, query (with its text and params), commit, rollback. */
    trips: [] as Array<{
      kind: 'begin' | 'query' | 'commit' | 'rollback';
      text?: string;
      params?: Record<string, unknown>;
    }>,
    answers: [] as Array<Row[][] | Error>,
    inFlight: 0,
    overlapped: false,
  };
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  class FakeRequest {
    private readonly params: Record<string, unknown> = {};
    input(name: string, _type: unknown, value: unknown) {
      this.params[name] = value;
      return this;
    }
    async query(text: string) {
      state.inFlight += 1;
      if (state.inFlight > 1) state.overlapped = true;
      state.trips.push({ kind: 'query', text, params: this.params });
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
    request() {
      return new FakeRequest();
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
const lockAnswer: Row[] = [{ packageId: 7 }];
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
  it('begin of a new load: 4 (BEGIN TRAN, lock + the four reads, the insert, COMMIT)', async () => {
    state.answers.push([lockAnswer, [pkgRow()], [], [], []], [[{ executionId: '11' }]]);
    const begun = await begin(catalog, request());
    expect([begun.executionId, begun.executionStatus, begun.nextLoadStatus, begun.plan.kind]).toEqual([
      '11',
      'E',
      'C',
      'insert',
    ]);
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const [first, second] = queries();
    // The lock comes first, and the reads after it in the same batch.
    const lockAt = first.text!.indexOf('WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @s0_PackageName');
    const readAt = first.text!.indexOf('FROM bfx.Package p WITH (READCOMMITTEDLOCK)');
    expect(lockAt).toBeGreaterThan(0);
    expect(readAt).toBeGreaterThan(lockAt);
    expect(first.params).toMatchObject({
      s0_PackageName: 'P',
      s0_Register: true,
      s0_RetryLimit: null,
      s2_RunKey: 'run-1',
    });
    expect(second.text).toMatch(
      /^SET NOCOUNT ON;\nSET XACT_ABORT ON;\nDECLARE @PackageID INT = @s0_Locked;[\s\S]*INSERT INTO bfx\.Execution/,
    );
    expect(second.params).toMatchObject({
      s0_Locked: 7,
      s1_ExecutionStatus: 'E',
      s1_NextLoadStatus: 'C',
      s1_RunKey: 'run-1',
      s1_Repository: 'acme/loads',
    });
  });

  it('begin re-entering its own execution: 3 (nothing to write)', async () => {
    state.answers.push([lockAnswer, [pkgRow()], [execRow()], [execRow()], [execRow()]]);
    const again = await begin(catalog, request());
    expect(again.plan.kind).toBe('reenter');
    expect(kinds()).toEqual(['begin', 'query', 'commit']);
  });

  it('begin abandoning an active execution: 4, the finish before the insert in one batch', async () => {
    const active = execRow({ retryCount: 3, executionStatus: 'A', nextLoadStatus: 'P' });
    state.answers.push(
      [lockAnswer, [pkgRow({ retryLimit: 3 })], [], [active], [active]],
      [[execRow({ executionStatus: 'F', nextLoadStatus: 'R', endTime: new Date() })], [{ executionId: '12' }]],
    );
    const begun = await begin(catalog, request('run-2'));
    expect(begun.plan.kind).toBe('abandon-and-insert');
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const write = queries()[1].text!;
    expect(write.indexOf('EndTime = SYSUTCDATETIME()')).toBeLessThan(write.indexOf('INSERT INTO bfx.Execution'));
  });

  it('end: 4 (BEGIN TRAN, lock through the execution + its row, the finish, COMMIT)', async () => {
    state.answers.push(
      [lockAnswer, [execRow()]],
      [[execRow({ executionStatus: 'S', nextLoadStatus: 'P', endTime: new Date() })]],
    );
    const ended = await end(catalog, { executionId: '10', outcome: 'success', message: null, caller: null });
    expect(ended.kind).toBe('ended');
    expect(kinds()).toEqual(['begin', 'query', 'query', 'commit']);
    const [first, second] = queries();
    expect(first.text).toMatch(
      /DECLARE @PackageID INT = \(SELECT PackageID FROM bfx\.Execution WHERE ExecutionID = @s0_ExecutionID\);/,
    );
    expect(first.text).toMatch(/FROM bfx\.Package WITH \(UPDLOCK, HOLDLOCK\) WHERE PackageID = @PackageID;/);
    expect(second.text).toMatch(/AND EndTime IS NULL;/);
  });

  it('disable: 3 (BEGIN TRAN, lock + the update, COMMIT), under the same key lock as begin and end', async () => {
    state.answers.push([lockAnswer, [pkgRow({ isEnabled: false })]]);
    expect((await setEnabled(catalog, 'P', false))?.isEnabled).toBe(false);
    expect(kinds()).toEqual(['begin', 'query', 'commit']);
    expect(queries()[0].text).toMatch(/UPDATE bfx\.Package SET IsEnabled = @s1_IsEnabled/);
    expect(queries()[0].params).toMatchObject({ s0_PackageName: 'P', s0_Register: false });
    expect(queries()[0].text).toMatch(/WHERE PackageID = @PackageID;/);
  });

  it('rolls back, and reports a LockViolation, when a guarded update finds its execution ended', async () => {
    state.answers.push(
      [lockAnswer, [execRow()]],
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
      [lockAnswer, [pkgRow()], [], [], []],
      [[{ executionId: '11' }]],
    );
    expect((await begin(catalog, request())).executionId).toBe('11');
    expect(kinds()).toEqual(['begin', 'query', 'rollback', 'begin', 'query', 'query', 'commit']);
  });

  it('disable of a package that is not there: null, nothing written', async () => {
    state.answers.push([[{ packageId: null }], []]);
    expect(await setEnabled(catalog, 'Nope', false)).toBeNull();
    expect(kinds()).toEqual(['begin', 'query', 'commit']);
  });

  it('refuses a run key too long for the catalog before anything is written', async () => {
    state.answers.push(); // the lock batch is never sent: the work fails in its first tick
    await expect(begin(catalog, request('k'.repeat(801)))).rejects.toThrow(/run key is longer than the 800 characters/);
    expect(kinds()).toEqual(['begin', 'rollback']);
  });
});
