/**
 * The contract every catalog engine passes: the decision stories of SPEC sections 3 and 4,
 * catalog creation, and the admin operations, through the Catalog interface only.
 * Each engine's *.test.ts calls describeCatalogContract with a way to get a fresh, empty catalog.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BeginRequest, Catalog, RunContext } from '../../src/catalog/catalog.js';
import { openCatalog } from '../../src/catalog/connect.js';
import { BfxError } from '../../src/errors.js';

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

export function describeCatalogContract(engineName: string, newConnectionString: () => Promise<string>): void {
  describe(`catalog contract: ${engineName}`, () => {
    const open: Catalog[] = [];
    async function fresh(): Promise<Catalog> {
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
        expect(outputs(await first.begin(request('P')))).toEqual(['E', 'C']);
      });

      it('refuses a missing catalog when create-catalog is false, and creates nothing', async () => {
        const connectionString = await newConnectionString();
        await expect(openCatalog(connectionString, { ...OPTIONS, createCatalog: false })).rejects.toThrow(BfxError);
        await expect(openCatalog(connectionString, { ...OPTIONS, createCatalog: false })).rejects.toThrow(
          /create-catalog is false/,
        );
        const catalog = await openCatalog(connectionString, OPTIONS);
        open.push(catalog);
        expect(await catalog.status(undefined)).toEqual([]);
      });
    });

    describe('begin (SPEC section 3)', () => {
      it('registers a new package, enabled, with the given retry limit, and starts E / C', async () => {
        const catalog = await fresh();
        const begun = await catalog.begin(request('LOAD_Customer', { retryLimit: 2, parentExecutionId: '77' }));
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
        await catalog.begin(request('P'));
        expect((await catalog.status('P'))[0].retryLimit).toBeNull();
      });

      it('starts a new load after a success: E, then S / P, then E', async () => {
        const catalog = await fresh();
        const first = await catalog.begin(request('P'));
        const ended = await catalog.end({
          executionId: first.executionId,
          outcome: 'success',
          message: 'ignored',
          caller: null,
        });
        expect(ended.kind).toBe('ended');
        if (ended.kind !== 'ended') return;
        expect(ended.execution).toMatchObject({ executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null });
        expect(Date.parse(ended.execution.endTime!)).toBeGreaterThanOrEqual(Date.parse(ended.execution.startTime));
        const second = await catalog.begin(request('P'));
        expect(outputs(second)).toEqual(['E', 'C']);
        expect(second.executionId).not.toBe(first.executionId);
      });

      it('retries after a failure: F / R with the message, then R / C, then after success E', async () => {
        const catalog = await fresh();
        const first = await catalog.begin(request('P'));
        const failed = await catalog.end({
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
        const retry = await catalog.begin(request('P'));
        expect(outputs(retry)).toEqual(['R', 'C']);
        await catalog.end({ executionId: retry.executionId, outcome: 'success', message: null, caller: null });
        expect(outputs(await catalog.begin(request('P')))).toEqual(['E', 'C']);
      });

      it('treats a cancelled job like a failure: F / R, and the next run retries', async () => {
        const catalog = await fresh();
        const first = await catalog.begin(request('P'));
        const cancelled = await catalog.end({
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
        expect(outputs(await catalog.begin(request('P')))).toEqual(['R', 'C']);
      });

      it('skips a disabled package with C / P, already ended, until it is enabled again', async () => {
        const catalog = await fresh();
        await catalog.end({
          executionId: (await catalog.begin(request('P'))).executionId,
          outcome: 'success',
          message: null,
          caller: null,
        });
        expect((await catalog.setEnabled('P', false))?.isEnabled).toBe(false);
        const skipped = await catalog.begin(request('P'));
        expect(outputs(skipped)).toEqual(['C', 'P']);
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionId: skipped.executionId, ended: true });
        expect(outputs(await catalog.begin(request('P')))).toEqual(['C', 'P']);
        expect((await catalog.setEnabled('P', true))?.isEnabled).toBe(true);
        expect(outputs(await catalog.begin(request('P')))).toEqual(['E', 'C']);
      });

      it('checks disabled before an active execution, and leaves the active one alone', async () => {
        const catalog = await fresh();
        const active = await catalog.begin(request('P'));
        await catalog.setEnabled('P', false);
        expect(outputs(await catalog.begin(request('P')))).toEqual(['C', 'P']);
        expect((await catalog.status('P'))[0].active?.executionId).toBe(active.executionId);
      });

      it('keeps skipping after skip (NextLoadStatus C) until resume', async () => {
        const catalog = await fresh();
        await catalog.end({
          executionId: (await catalog.begin(request('P'))).executionId,
          outcome: 'success',
          message: null,
          caller: null,
        });
        expect((await catalog.setNextLoadStatus('P', 'C')).kind).toBe('changed');
        for (let i = 0; i < 3; i++) {
          const skipped = await catalog.begin(request('P'));
          expect(outputs(skipped)).toEqual(['C', 'C']);
          expect((await catalog.status('P'))[0].active).toBeNull();
        }
        expect((await catalog.setNextLoadStatus('P', 'P')).kind).toBe('changed');
        expect(outputs(await catalog.begin(request('P')))).toEqual(['E', 'C']);
      });

      it('resumes an interrupted execution under its ExecutionID until the limit, then abandons it for a fresh one', async () => {
        const catalog = await fresh();
        const first = await catalog.begin(request('P', { retryLimit: 2 }));
        const resumed1 = await catalog.begin(request('P', { retryLimit: 2 }));
        expect([resumed1.executionId, ...outputs(resumed1), resumed1.retryCount]).toEqual([
          first.executionId,
          'A',
          'P',
          1,
        ]);
        const resumed2 = await catalog.begin(request('P', { retryLimit: 2 }));
        expect([resumed2.executionId, ...outputs(resumed2), resumed2.retryCount]).toEqual([
          first.executionId,
          'A',
          'P',
          2,
        ]);
        const fresh3 = await catalog.begin(request('P', { retryLimit: 2 }));
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
        const first = await catalog.begin(request('P'));
        const next = await catalog.begin(request('P', { retryLimit: 0 }));
        expect(next.executionId).not.toBe(first.executionId);
        expect(outputs(next)).toEqual(['E', 'C']);
        expect((await catalog.history('P', 2))[1]).toMatchObject({ executionStatus: 'F', ended: true });
      });

      it('takes the retry limit from the package row when no input is given, and the input over the row', async () => {
        const catalog = await fresh();
        await catalog.begin(request('P', { retryLimit: 1 }));
        expect((await catalog.begin(request('P'))).executionStatus).toBe('A'); // r 0 < 1
        expect((await catalog.begin(request('P'))).plan.kind).toBe('abandon-and-insert'); // r 1 >= 1
        expect((await catalog.begin(request('P', { retryLimit: 5 }))).executionStatus).toBe('A'); // input wins
      });

      it('uses the default limit of 3 when neither input nor package row gives one', async () => {
        const catalog = await fresh();
        await catalog.begin(request('P'));
        const kinds = [];
        for (let i = 0; i < 4; i++) kinds.push((await catalog.begin(request('P'))).plan.kind);
        expect(kinds).toEqual(['resume', 'resume', 'resume', 'abandon-and-insert']);
      });

      it('makes the resuming run the owner of the execution', async () => {
        const catalog = await fresh();
        const first = await catalog.begin(request('P', { runKey: 'run-a' }));
        await catalog.begin(request('P', { runKey: 'run-b', context: { ...CONTEXT, runId: '2002', runAttempt: '2' } }));
        const [row] = await catalog.history('P', 1);
        expect(row).toMatchObject({ executionId: first.executionId, runKey: 'run-b', runId: '2002', runAttempt: '2' });
      });

      it('returns the same execution, unchanged, to a begin retried with the same run key', async () => {
        const catalog = await fresh();
        const first = await catalog.begin(request('P', { runKey: 'github:1:1:load' }));
        const again = await catalog.begin(request('P', { runKey: 'github:1:1:load' }));
        expect([again.executionId, ...outputs(again), again.plan.kind]).toEqual([
          first.executionId,
          'E',
          'C',
          'reenter',
        ]);
        expect((await catalog.history('P', 10)).length).toBe(1);
        await catalog.end({ executionId: first.executionId, outcome: 'failure', message: null, caller: null });
        const afterEnd = await catalog.begin(request('P', { runKey: 'github:1:1:load' }));
        expect([afterEnd.executionId, ...outputs(afterEnd)]).toEqual([first.executionId, 'F', 'R']);
        expect((await catalog.history('P', 10)).length).toBe(1);
      });

      it('keeps run keys per package: the same key on another package begins that package', async () => {
        const catalog = await fresh();
        const a = await catalog.begin(request('A', { runKey: 'same' }));
        const b = await catalog.begin(request('B', { runKey: 'same' }));
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
        for (const name of names) expect(outputs(await catalog.begin(request(name)))).toEqual(['E', 'C']);
        const stored = (await catalog.status(undefined)).map((pkg) => pkg.packageName);
        expect([...stored].sort()).toEqual([...names].sort());
        for (const name of names) expect((await catalog.history(name, 5))[0]?.packageName).toBe(name);
      });

      it('never holds two active executions of one package when begins race', async () => {
        const connectionString = await newConnectionString();
        const catalogs = await Promise.all(Array.from({ length: 8 }, () => openCatalog(connectionString, OPTIONS)));
        open.push(...catalogs);
        const results = await Promise.all(
          catalogs.map((catalog) => catalog.begin(request('Race', { retryLimit: 100 }))),
        );
        const ids = new Set(results.map((r) => r.executionId));
        expect(ids.size).toBe(1);
        expect(results.filter((r) => r.executionStatus === 'E')).toHaveLength(1);
        expect(results.map((r) => r.retryCount).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      });
    });

    describe('end (SPEC section 4)', () => {
      it('leaves an execution that has already ended as it is', async () => {
        const catalog = await fresh();
        const begun = await catalog.begin(request('P'));
        await catalog.end({ executionId: begun.executionId, outcome: 'success', message: null, caller: null });
        const second = await catalog.end({
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
        await catalog.begin(request('P'));
        await catalog.setEnabled('P', false);
        const skipped = await catalog.begin(request('P'));
        expect(
          (await catalog.end({ executionId: skipped.executionId, outcome: 'success', message: null, caller: null }))
            .kind,
        ).toBe('already-ended');
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'C', nextLoadStatus: 'P' });
      });

      it('leaves an execution taken over by a later run to its new owner', async () => {
        const catalog = await fresh();
        const begun = await catalog.begin(request('P', { runKey: 'run-a' }));
        await catalog.begin(request('P', { runKey: 'run-b', context: { ...CONTEXT, runId: '2002' } }));
        const byOldOwner = await catalog.end({
          executionId: begun.executionId,
          outcome: 'failure',
          message: null,
          caller: { runKey: 'run-a' },
        });
        expect(byOldOwner.kind).toBe('taken-over');
        const byOldRun = await catalog.end({
          executionId: begun.executionId,
          outcome: 'failure',
          message: null,
          caller: { runId: '1001' },
        });
        expect(byOldRun.kind).toBe('taken-over');
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'A', ended: false });
        const byNewRun = await catalog.end({
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
          (await catalog.end({ executionId: '999999', outcome: 'success', message: null, caller: null })).kind,
        ).toBe('not-found');
      });
    });

    describe('admin operations', () => {
      it('answers for packages that are not registered without creating them', async () => {
        const catalog = await fresh();
        expect(await catalog.setEnabled('Nope', false)).toBeNull();
        expect((await catalog.setNextLoadStatus('Nope', 'C')).kind).toBe('no-package');
        expect((await catalog.reset('Nope', 'x')).kind).toBe('no-package');
        expect(await catalog.status('Nope')).toEqual([]);
        expect(await catalog.history('Nope', 5)).toEqual([]);
        expect(await catalog.status(undefined)).toEqual([]);
      });

      it('refuses to skip or resume while an execution of the package is active', async () => {
        const catalog = await fresh();
        const active = await catalog.begin(request('P'));
        expect(await catalog.setNextLoadStatus('P', 'C')).toMatchObject({
          kind: 'active',
          execution: { executionId: active.executionId },
        });
        // A disabled begin adds an ended C / P row after the active one: still refused.
        await catalog.setEnabled('P', false);
        await catalog.begin(request('P'));
        await catalog.setEnabled('P', true);
        expect((await catalog.setNextLoadStatus('P', 'P')).kind).toBe('active');
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'C', nextLoadStatus: 'P' });
      });

      it('resets a stuck active execution to F / R, so the next begin retries it', async () => {
        const catalog = await fresh();
        const begun = await catalog.begin(request('P'));
        const reset = await catalog.reset('P', 'Reset by the on-call engineer.');
        expect(reset.kind === 'reset' && reset.execution).toMatchObject({
          executionId: begun.executionId,
          executionStatus: 'F',
          nextLoadStatus: 'R',
          errorMessage: 'Reset by the on-call engineer.',
          ended: true,
        });
        expect((await catalog.reset('P', 'again')).kind).toBe('none-active');
        expect(outputs(await catalog.begin(request('P')))).toEqual(['R', 'C']);
      });

      it('lists packages with their latest and active executions, and history newest first', async () => {
        const catalog = await fresh();
        const a1 = await catalog.begin(request('A'));
        await catalog.end({ executionId: a1.executionId, outcome: 'success', message: null, caller: null });
        const a2 = await catalog.begin(request('A'));
        await catalog.begin(request('B'));
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
  });
}
