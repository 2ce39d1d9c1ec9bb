/**
 * The contract every catalog engine passes: the decision stories of docs/decision.md,
 * catalog creation, and the admin operations, through the Catalog interface only.
 * Each engine's *.test.ts calls describeCatalogContract with a way to get a fresh, empty catalog.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogEngine, RunContext } from '../../src/catalog/catalog.js';
import { openCatalog } from '../../src/catalog/connect.js';
import { BfxError } from '../../src/errors.js';
import { runInProcess } from '../support/catalog-process.js';
import { begin, end, reset, setEnabled, setNextLoadStatus, type BeginRequest } from '../../src/run-control.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 15_000, requestTimeoutMs: 30_000 };

export const CONTEXT: RunContext = {
  repository: 'acme/loads',
  workflow: 'Nightly',
  job: 'load',
  runId: '1001',
  runAttempt: '1',
  actor: 'octocat',
  event: 'schedule',
  sha: '0123456789abcdef0123456789abcdef01234567',
};

let counter = 0;
/** A begin request with a run key of its own, unless one is given. */
export function request(packageName: string, extra: Partial<BeginRequest> = {}): BeginRequest {
  counter += 1;
  return {
    packageName,
    retryLimit: undefined,
    parentExecutionId: undefined,
    runKey: `test:${process.pid}:${counter}`,
    context: CONTEXT,
    ...extra,
  };
}

/** What an engine's test file gives the suite. */
export interface ContractTarget {
  /** A fresh, empty catalog's connection string. */
  newConnectionString(): Promise<string>;
  /** Sets the catalog's own session time zone away from UTC, where the engine has one. */
  useLocalTimeZone?(connectionString: string, timeZone: string): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for a waiting process to have started, connected and asked for the lock. */
const WAIT_MS = 1500;

export function describeCatalogContract(engineName: string, target: ContractTarget): void {
  const newConnectionString = () => target.newConnectionString();
  describe(`catalog contract: ${engineName}`, () => {
    const open: CatalogEngine[] = [];
    async function fresh(): Promise<CatalogEngine> {
      const catalog = await openCatalog(await newConnectionString(), OPTIONS);
      open.push(catalog);
      return catalog;
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((catalog) => catalog.close()));
    });

    const outputs = (r: { executionId: string; executionStatus: string; nextLoadStatus: string }) => [
      r.executionStatus,
      r.nextLoadStatus,
    ];

    describe('creating the catalog', () => {
      it('creates its tables on first use, and migrate can run again, twice at once', async () => {
        const connectionString = await newConnectionString();
        const first = await openCatalog(connectionString, OPTIONS);
        const second = await openCatalog(connectionString, OPTIONS);
        open.push(first, second);
        await Promise.all([first.migrate(), second.migrate(), first.migrate()]);
        expect(await first.exists()).toBe(true);
        expect(outputs(await begin(first, request('P')))).toEqual(['E', 'C']);
      });

      // A run whose catalogs a DBA deployed beforehand (SQL Server's limited-login run) has none missing.
      it.skipIf(process.env.BFX_TEST_CATALOG_PRECREATED)(
        'refuses a missing catalog when create-catalog is false, and creates nothing',
        async () => {
          const connectionString = await newConnectionString();
          await expect(openCatalog(connectionString, { ...OPTIONS, createCatalog: false })).rejects.toThrow(BfxError);
          await expect(openCatalog(connectionString, { ...OPTIONS, createCatalog: false })).rejects.toThrow(
            /create-catalog is false/,
          );
          const catalog = await openCatalog(connectionString, OPTIONS);
          open.push(catalog);
          expect(await catalog.status(undefined)).toEqual([]);
        },
      );
    });

    describe('begin', () => {
      it('registers a new package, enabled, with the given retry limit, and starts E / C', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('LOAD_Customer', { retryLimit: 2, parentExecutionId: '77' }));
        expect(outputs(begun)).toEqual(['E', 'C']);
        expect(begun.retryCount).toBe(0);
        const [pkg] = await catalog.status('LOAD_Customer');
        expect(pkg).toMatchObject({ packageName: 'LOAD_Customer', isEnabled: true, retryLimit: 2 });
        expect(pkg.active?.executionId).toBe(begun.executionId);
        const [row] = await catalog.history('LOAD_Customer', 10);
        expect(row).toMatchObject({
          executionId: begun.executionId,
          executionStatus: 'E',
          nextLoadStatus: 'C',
          retryCount: 0,
          parentExecutionId: '77',
          endTime: null,
          ...CONTEXT,
        });
        expect(row.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      });

      it('registers a new package with no retry limit when none is given', async () => {
        const catalog = await fresh();
        await begin(catalog, request('P'));
        expect((await catalog.status('P'))[0].retryLimit).toBeNull();
      });

      it('starts a new load after a success: E, then S / P, then E', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('P'));
        const ended = await end(catalog, {
          executionId: first.executionId,
          outcome: 'success',
          message: 'ignored',
          caller: null,
        });
        expect(ended.kind).toBe('ended');
        if (ended.kind !== 'ended') return;
        expect(ended.execution).toMatchObject({ executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null });
        expect(Date.parse(ended.execution.endTime!)).toBeGreaterThanOrEqual(Date.parse(ended.execution.startTime));
        const second = await begin(catalog, request('P'));
        expect(outputs(second)).toEqual(['E', 'C']);
        expect(second.executionId).not.toBe(first.executionId);
      });

      it('retries after a failure: F / R with the message, then R / C, then after success E', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('P'));
        const failed = await end(catalog, {
          executionId: first.executionId,
          outcome: 'failure',
          message: 'dbt run failed',
          caller: null,
        });
        expect(failed.kind === 'ended' && failed.execution).toMatchObject({
          executionStatus: 'F',
          nextLoadStatus: 'R',
          errorMessage: 'dbt run failed',
        });
        const retry = await begin(catalog, request('P'));
        expect(outputs(retry)).toEqual(['R', 'C']);
        await end(catalog, { executionId: retry.executionId, outcome: 'success', message: null, caller: null });
        expect(outputs(await begin(catalog, request('P')))).toEqual(['E', 'C']);
      });

      it('treats a cancelled job like a failure: F / R, and the next run retries', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('P'));
        const cancelled = await end(catalog, {
          executionId: first.executionId,
          outcome: 'cancelled',
          message: null,
          caller: null,
        });
        expect(cancelled.kind === 'ended' && cancelled.execution).toMatchObject({
          executionStatus: 'F',
          nextLoadStatus: 'R',
        });
        expect(cancelled.kind === 'ended' && cancelled.execution.errorMessage).toBeTruthy();
        expect(outputs(await begin(catalog, request('P')))).toEqual(['R', 'C']);
      });

      it('skips a disabled package with C / P, already ended, until it is enabled again', async () => {
        const catalog = await fresh();
        await end(catalog, {
          executionId: (await begin(catalog, request('P'))).executionId,
          outcome: 'success',
          message: null,
          caller: null,
        });
        expect((await setEnabled(catalog, 'P', false))?.isEnabled).toBe(false);
        const skipped = await begin(catalog, request('P'));
        expect(outputs(skipped)).toEqual(['C', 'P']);
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionId: skipped.executionId, ended: true });
        expect(outputs(await begin(catalog, request('P')))).toEqual(['C', 'P']);
        expect((await setEnabled(catalog, 'P', true))?.isEnabled).toBe(true);
        expect(outputs(await begin(catalog, request('P')))).toEqual(['E', 'C']);
      });

      it('checks disabled before an active execution, and leaves the active one alone', async () => {
        const catalog = await fresh();
        const active = await begin(catalog, request('P'));
        await setEnabled(catalog, 'P', false);
        expect(outputs(await begin(catalog, request('P')))).toEqual(['C', 'P']);
        expect((await catalog.status('P'))[0].active?.executionId).toBe(active.executionId);
      });

      it('keeps skipping after skip (NextLoadStatus C) until resume', async () => {
        const catalog = await fresh();
        await end(catalog, {
          executionId: (await begin(catalog, request('P'))).executionId,
          outcome: 'success',
          message: null,
          caller: null,
        });
        expect((await setNextLoadStatus(catalog, 'P', 'C')).kind).toBe('changed');
        for (let i = 0; i < 3; i++) {
          const skipped = await begin(catalog, request('P'));
          expect(outputs(skipped)).toEqual(['C', 'C']);
          expect((await catalog.status('P'))[0].active).toBeNull();
        }
        expect((await setNextLoadStatus(catalog, 'P', 'P')).kind).toBe('changed');
        expect(outputs(await begin(catalog, request('P')))).toEqual(['E', 'C']);
      });

      it('resumes an interrupted execution under its ExecutionID until the limit, then abandons it for a fresh one', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('P', { retryLimit: 2 }));
        const resumed1 = await begin(catalog, request('P', { retryLimit: 2 }));
        expect([resumed1.executionId, ...outputs(resumed1), resumed1.retryCount]).toEqual([
          first.executionId,
          'A',
          'P',
          1,
        ]);
        const resumed2 = await begin(catalog, request('P', { retryLimit: 2 }));
        expect([resumed2.executionId, ...outputs(resumed2), resumed2.retryCount]).toEqual([
          first.executionId,
          'A',
          'P',
          2,
        ]);
        const fresh3 = await begin(catalog, request('P', { retryLimit: 2 }));
        expect(fresh3.executionId).not.toBe(first.executionId);
        expect([...outputs(fresh3), fresh3.retryCount, fresh3.plan.kind]).toEqual(['E', 'C', 0, 'abandon-and-insert']);
        const [newest, abandoned] = await catalog.history('P', 2);
        expect(newest).toMatchObject({ executionId: fresh3.executionId, ended: false });
        expect(abandoned).toMatchObject({
          executionId: first.executionId,
          executionStatus: 'F',
          ended: true,
          retryCount: 2,
        });
        expect(abandoned.errorMessage).toMatch(/abandoned/i);
        expect((await catalog.history('P', 10)).length).toBe(2);
      });

      it('abandons an active execution at once when the retry limit is 0', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('P'));
        const next = await begin(catalog, request('P', { retryLimit: 0 }));
        expect(next.executionId).not.toBe(first.executionId);
        expect(outputs(next)).toEqual(['E', 'C']);
        expect((await catalog.history('P', 2))[1]).toMatchObject({ executionStatus: 'F', ended: true });
      });

      it('takes the retry limit from the package row when no input is given, and the input over the row', async () => {
        const catalog = await fresh();
        await begin(catalog, request('P', { retryLimit: 1 }));
        expect((await begin(catalog, request('P'))).executionStatus).toBe('A'); // r 0 < 1
        expect((await begin(catalog, request('P'))).plan.kind).toBe('abandon-and-insert'); // r 1 >= 1
        expect((await begin(catalog, request('P', { retryLimit: 5 }))).executionStatus).toBe('A'); // input wins
      });

      it('uses the default limit of 3 when neither input nor package row gives one', async () => {
        const catalog = await fresh();
        await begin(catalog, request('P'));
        const kinds = [];
        for (let i = 0; i < 4; i++) kinds.push((await begin(catalog, request('P'))).plan.kind);
        expect(kinds).toEqual(['resume', 'resume', 'resume', 'abandon-and-insert']);
      });

      it('makes the resuming run the owner of the execution', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('P', { runKey: 'run-a' }));
        await begin(
          catalog,
          request('P', { runKey: 'run-b', context: { ...CONTEXT, runId: '2002', runAttempt: '2' } }),
        );
        const [row] = await catalog.history('P', 1);
        expect(row).toMatchObject({ executionId: first.executionId, runKey: 'run-b', runId: '2002', runAttempt: '2' });
      });

      it('returns the same execution, unchanged, to a begin retried with the same run key', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('P', { runKey: 'github:1:1:load' }));
        const again = await begin(catalog, request('P', { runKey: 'github:1:1:load' }));
        expect([again.executionId, ...outputs(again), again.plan.kind]).toEqual([
          first.executionId,
          'E',
          'C',
          'reenter',
        ]);
        expect((await catalog.history('P', 10)).length).toBe(1);
        await end(catalog, { executionId: first.executionId, outcome: 'failure', message: null, caller: null });
        const afterEnd = await begin(catalog, request('P', { runKey: 'github:1:1:load' }));
        expect([afterEnd.executionId, ...outputs(afterEnd)]).toEqual([first.executionId, 'F', 'R']);
        expect((await catalog.history('P', 10)).length).toBe(1);
      });

      it('keeps run keys per package: the same key on another package begins that package', async () => {
        const catalog = await fresh();
        const a = await begin(catalog, request('A', { runKey: 'same' }));
        const b = await begin(catalog, request('B', { runKey: 'same' }));
        expect(b.executionId).not.toBe(a.executionId);
        expect(outputs(b)).toEqual(['E', 'C']);
      });

      it('stores package names as data: quotes, semicolons, unicode, 500 characters', async () => {
        const catalog = await fresh();
        const names = [
          `O'Brien"; DROP TABLE Execution; --`,
          'Ładowanie_клиентов_顧客_🚀',
          'x'.repeat(499) + 'é',
          'Trailing space ',
          'back\\slash %_',
        ];
        for (const name of names) expect(outputs(await begin(catalog, request(name)))).toEqual(['E', 'C']);
        const stored = (await catalog.status(undefined)).map((pkg) => pkg.packageName);
        expect([...stored].sort()).toEqual([...names].sort());
        for (const name of names) expect((await catalog.history(name, 5))[0]?.packageName).toBe(name);
      });

      it('never holds two active executions of one package when begins race', async () => {
        const connectionString = await newConnectionString();
        const catalogs = await Promise.all(Array.from({ length: 8 }, () => openCatalog(connectionString, OPTIONS)));
        open.push(...catalogs);
        const results = await Promise.all(
          catalogs.map((catalog) => begin(catalog, request('Race', { retryLimit: 100 }))),
        );
        const ids = new Set(results.map((r) => r.executionId));
        expect(ids.size).toBe(1);
        expect(results.filter((r) => r.executionStatus === 'E')).toHaveLength(1);
        expect(results.map((r) => r.retryCount).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      });
    });

    describe('end', () => {
      it('leaves an execution that has already ended as it is', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('P'));
        await end(catalog, { executionId: begun.executionId, outcome: 'success', message: null, caller: null });
        const second = await end(catalog, {
          executionId: begun.executionId,
          outcome: 'failure',
          message: 'late',
          caller: null,
        });
        expect(second.kind).toBe('already-ended');
        expect((await catalog.history('P', 1))[0]).toMatchObject({
          executionStatus: 'S',
          nextLoadStatus: 'P',
          errorMessage: null,
        });
      });

      it('leaves a skipped (C) execution as it is', async () => {
        const catalog = await fresh();
        await begin(catalog, request('P'));
        await setEnabled(catalog, 'P', false);
        const skipped = await begin(catalog, request('P'));
        expect(
          (await end(catalog, { executionId: skipped.executionId, outcome: 'success', message: null, caller: null }))
            .kind,
        ).toBe('already-ended');
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'C', nextLoadStatus: 'P' });
      });

      it('leaves an execution taken over by a later run to its new owner', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('P', { runKey: 'run-a' }));
        await begin(catalog, request('P', { runKey: 'run-b', context: { ...CONTEXT, runId: '2002' } }));
        const byOldOwner = await end(catalog, {
          executionId: begun.executionId,
          outcome: 'failure',
          message: null,
          caller: { runKey: 'run-a' },
        });
        expect(byOldOwner.kind).toBe('taken-over');
        const byOldRun = await end(catalog, {
          executionId: begun.executionId,
          outcome: 'failure',
          message: null,
          caller: { runId: '1001' },
        });
        expect(byOldRun.kind).toBe('taken-over');
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'A', ended: false });
        const byNewRun = await end(catalog, {
          executionId: begun.executionId,
          outcome: 'success',
          message: null,
          caller: { runId: '2002' },
        });
        expect(byNewRun.kind === 'ended' && byNewRun.execution.executionStatus).toBe('S');
      });

      it('reports an execution that is not in the catalog', async () => {
        const catalog = await fresh();
        expect(
          (await end(catalog, { executionId: '999999', outcome: 'success', message: null, caller: null })).kind,
        ).toBe('not-found');
      });
    });

    describe('admin operations', () => {
      it('answers for packages that are not registered without creating them', async () => {
        const catalog = await fresh();
        expect(await setEnabled(catalog, 'Nope', false)).toBeNull();
        expect((await setNextLoadStatus(catalog, 'Nope', 'C')).kind).toBe('no-package');
        expect((await reset(catalog, 'Nope', 'x')).kind).toBe('no-package');
        expect(await catalog.status('Nope')).toEqual([]);
        expect(await catalog.history('Nope', 5)).toEqual([]);
        expect(await catalog.status(undefined)).toEqual([]);
      });

      it('refuses to skip or resume while an execution of the package is active', async () => {
        const catalog = await fresh();
        const active = await begin(catalog, request('P'));
        expect(await setNextLoadStatus(catalog, 'P', 'C')).toMatchObject({
          kind: 'active',
          execution: { executionId: active.executionId },
        });
        // A disabled begin adds an ended C / P row after the active one: still refused.
        await setEnabled(catalog, 'P', false);
        await begin(catalog, request('P'));
        await setEnabled(catalog, 'P', true);
        expect((await setNextLoadStatus(catalog, 'P', 'P')).kind).toBe('active');
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'C', nextLoadStatus: 'P' });
      });

      it('resets a stuck active execution to F / R, so the next begin retries it', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('P'));
        const resetResult = await reset(catalog, 'P', 'Reset by the on-call engineer.');
        expect(resetResult.kind === 'reset' && resetResult.execution).toMatchObject({
          executionId: begun.executionId,
          executionStatus: 'F',
          nextLoadStatus: 'R',
          errorMessage: 'Reset by the on-call engineer.',
          ended: true,
        });
        expect((await reset(catalog, 'P', 'again')).kind).toBe('none-active');
        expect(outputs(await begin(catalog, request('P')))).toEqual(['R', 'C']);
      });

      it('lists packages with their latest and active executions, and history newest first', async () => {
        const catalog = await fresh();
        const a1 = await begin(catalog, request('A'));
        await end(catalog, { executionId: a1.executionId, outcome: 'success', message: null, caller: null });
        const a2 = await begin(catalog, request('A'));
        await begin(catalog, request('B'));
        const status = await catalog.status(undefined);
        expect(status.map((pkg) => pkg.packageName)).toEqual(['A', 'B']);
        expect(status[0].latest?.executionId).toBe(a2.executionId);
        expect(status[0].active?.executionId).toBe(a2.executionId);
        expect((await catalog.history('A', 10)).map((row) => row.executionId)).toEqual([
          a2.executionId,
          a1.executionId,
        ]);
        expect((await catalog.history('A', 1)).length).toBe(1);
      });
    });
    describe('one lock per package, on every path', () => {
      it('makes a begin in another process wait while an end holds the package, then decide from that end', async () => {
        const connectionString = await newConnectionString();
        const catalog = await openCatalog(connectionString, OPTIONS);
        open.push(catalog);
        const active = await begin(catalog, request('Locked'));
        let waitingBegin: ReturnType<typeof runInProcess<{ executionStatus: string; executionId: string }>>;
        await catalog.transaction({ executionId: active.executionId }, 'hold the lock', async (tx) => {
          expect((await tx.execution(active.executionId))?.ended).toBe(false);
          waitingBegin = runInProcess({ op: 'begin', connectionString, packageName: 'Locked', runKey: 'other-run' });
          await sleep(WAIT_MS);
          expect(waitingBegin.finished()).toBe(false);
          await Promise.all([
            tx.finishExecution({
              executionId: active.executionId,
              executionStatus: 'S',
              nextLoadStatus: 'P',
              errorMessage: null,
            }),
            tx.commit(),
          ]);
        });
        // Had it not waited, the begin would have resumed the active execution (A).
        const begun = await waitingBegin!.result;
        expect(begun.executionStatus).toBe('E');
        expect(begun.executionId).not.toBe(active.executionId);
      });

      it('applies a reset and an end of one execution one after the other, never both', async () => {
        const connectionString = await newConnectionString();
        const catalog = await openCatalog(connectionString, OPTIONS);
        open.push(catalog);
        const active = await begin(catalog, request('Stuck', { runKey: 'owner' }));
        let waitingEnd: ReturnType<typeof runInProcess<{ kind: string }>>;
        await catalog.transaction({ packageName: 'Stuck' }, 'hold the lock', async (tx) => {
          expect((await tx.activeExecution())?.executionId).toBe(active.executionId);
          waitingEnd = runInProcess({
            op: 'end',
            connectionString,
            executionId: active.executionId,
            outcome: 'success',
            caller: { runKey: 'owner' },
          });
          await sleep(WAIT_MS);
          expect(waitingEnd.finished()).toBe(false);
          await Promise.all([
            tx.finishExecution({
              executionId: active.executionId,
              executionStatus: 'F',
              nextLoadStatus: 'R',
              errorMessage: 'Reset while its end waited.',
            }),
            tx.commit(),
          ]);
        });
        expect((await waitingEnd!.result).kind).toBe('already-ended');
        expect((await catalog.history('Stuck', 5))[0]).toMatchObject({
          executionStatus: 'F',
          nextLoadStatus: 'R',
          errorMessage: 'Reset while its end waited.',
        });
      });

      it('rolls back a guarded update of an execution that is no longer active', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('Guarded'));
        await end(catalog, { executionId: begun.executionId, outcome: 'success', message: null, caller: null });
        const finishAgain = catalog.transaction({ executionId: begun.executionId }, 'finish twice', async (tx) => {
          const [finished] = await Promise.all([
            tx.finishExecution({
              executionId: begun.executionId,
              executionStatus: 'F',
              nextLoadStatus: 'R',
              errorMessage: 'late',
            }),
            tx.commit(),
          ]);
          return finished;
        });
        await expect(finishAgain).rejects.toThrow(/no longer active/);
        expect((await catalog.history('Guarded', 5))[0]).toMatchObject({ executionStatus: 'S', nextLoadStatus: 'P' });
      });

      it('serializes begins of one package from separate processes: one E, then resumptions, one execution', async () => {
        const connectionString = await newConnectionString();
        const catalog = await openCatalog(connectionString, OPTIONS);
        open.push(catalog);
        const processes = Array.from({ length: 6 }, (_, i) =>
          runInProcess<{ executionId: string; executionStatus: string; retryCount: number }>({
            op: 'begin',
            connectionString,
            packageName: 'Crowd',
            runKey: `process-${i}`,
            retryLimit: 100,
          }),
        );
        const results = await Promise.all(processes.map((p) => p.result));
        expect(new Set(results.map((r) => r.executionId)).size).toBe(1);
        expect(results.map((r) => r.executionStatus).sort()).toEqual(['A', 'A', 'A', 'A', 'A', 'E']);
        expect(results.map((r) => r.retryCount).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5]);
        const [pkg] = await catalog.status('Crowd');
        expect(pkg.active).toMatchObject({ retryCount: 5, executionStatus: 'A' });
        expect(await catalog.history('Crowd', 10)).toHaveLength(1);
      });
    });

    describe('timestamps', () => {
      it("come from the catalog's clock in UTC, as ISO 8601 strings ending in Z, whatever the time zone", async () => {
        const connectionString = await newConnectionString();
        const catalog = await openCatalog(connectionString, OPTIONS);
        open.push(catalog);
        await target.useLocalTimeZone?.(connectionString, 'America/Los_Angeles');
        const begun = await runInProcess<{ executionId: string }>({
          op: 'begin',
          connectionString,
          packageName: 'Clock',
          runKey: 'clock',
        }).result;
        const ended = await end(catalog, {
          executionId: begun.executionId,
          outcome: 'failure',
          message: 'x',
          caller: null,
        });
        const row = ended.kind === 'ended' ? ended.execution : null;
        const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
        expect(row?.startTime).toMatch(iso);
        expect(row?.endTime).toMatch(iso);
        expect(Math.abs(Date.parse(row!.startTime) - Date.now())).toBeLessThan(60_000);
        expect(Date.parse(row!.endTime!)).toBeGreaterThanOrEqual(Date.parse(row!.startTime));
        const [pkg] = await catalog.status('Clock');
        expect(pkg.createdTime).toMatch(iso);
        expect(Math.abs(Date.parse(pkg.createdTime) - Date.now())).toBeLessThan(60_000);
      });
    });
  });
}
