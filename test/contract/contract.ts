/**
 * The contract every catalog engine passes: the decision stories of docs/decision.md,
 * catalog creation, and the admin operations, through the Catalog interface only.
 * Each engine's *.test.ts calls describeCatalogContract with a way to get a fresh, empty catalog.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CATALOG_VERSION,
  NameTaken,
  type CatalogEngine,
  type PackageLock,
  type PackageTransaction,
  type RunContext,
} from '../../src/catalog/catalog.js';
import { openCatalog } from '../../src/catalog/connect.js';
import { BfxError } from '../../src/errors.js';
import { runInProcess } from '../support/catalog-process.js';
import { begin as beginOrRefuse, end, type BeginRequest, type LiveRunOptions } from '../../src/run-control/index.js';
import {
  reset,
  setEnabled,
  setNextLoadStatus,
  setVariable,
  type Operator,
} from '../../src/run-control/package-commands.js';
import { check, deletePackage, purge, rename } from '../../src/run-control/catalog-commands.js';
import { begin, beginRequest, endRequest } from '../support/requests.js';

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

/** A begin request of a run on GitHub (CONTEXT) with a run key of its own, unless one is given. */
export const request = (packageName: string, extra: Partial<BeginRequest> = {}): BeginRequest =>
  beginRequest(packageName, { context: CONTEXT, ...extra });

/** What an engine's test file gives the suite. */
export interface ContractTarget {
  /** A fresh, empty catalog's connection string. */
  newConnectionString(): Promise<string>;
  /** Sets the catalog's own session time zone away from UTC, where the engine has one. */
  useLocalTimeZone?(connectionString: string, timeZone: string): Promise<void>;
  /** Runs SQL as an administrator on the catalog's database (or file). */
  execute(connectionString: string, sql: string): Promise<void>;
  /** The tables in a schema (SQLite: in the file), sorted, in lower case. */
  tables(connectionString: string, schema: string): Promise<string[]>;
  /** How the engine names a table in a schema in SQL text: bfx.Package, [bfx].[Package], Package. */
  qualify(schema: string, table: string): string;
  /** Whether the engine keeps its tables in a schema of the user's choosing (not SQLite). */
  schemas: boolean;
  /**
   * SQL that creates the tables of the first release (version 1, as bfx-begin 1.0 made them, no
   * CatalogVersion table) with package Old and its executions 1 (S / P) and 2 (F / R, ended).
   */
  firstReleaseCatalog: string;
  /** SQL that creates a BimlCatalog-like Package / Execution pair of another shape in schema bfx, with one row each. */
  foreignTables: string;
  /**
   * Resolves once a session of the catalog's database waits for a lock, as the server itself
   * reports it; rejects when none does within the time given. Without it, a test that makes a
   * process wait for a lock gives it WAIT_MS to get there.
   */
  lockWaitSeen?(connectionString: string, withinMs: number): Promise<void>;
  /** A SQL expression of the catalog's clock this many days back, of the type StartTime has. */
  daysAgo(days: number): string;
}

/** Who makes the operator changes of these stories. */
const OPERATOR: Operator = { actor: 'contract-suite', reason: null };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Long enough for a waiting process to have started, connected and asked for the lock. */
const WAIT_MS = 1500;
/** How long a process may take to start, connect and reach the lock, where the server shows it waiting. */
const LOCK_WAIT_WITHIN_MS = 30_000;

export function describeCatalogContract(engineName: string, target: ContractTarget): void {
  const newConnectionString = () => target.newConnectionString();
  describe(`catalog contract: ${engineName}`, () => {
    const open: CatalogEngine[] = [];
    const connectionStrings = new Map<CatalogEngine, string>();
    async function fresh(): Promise<CatalogEngine> {
      const connectionString = await newConnectionString();
      const catalog = await openCatalog(connectionString, OPTIONS);
      open.push(catalog);
      connectionStrings.set(catalog, connectionString);
      return catalog;
    }
    const connectionStringOf = (catalog: CatalogEngine) => connectionStrings.get(catalog)!;
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
        expect(await first.inspect()).toEqual({ kind: 'version', version: CATALOG_VERSION });
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
        const batch = await begin(catalog, request('BATCH_Nightly', { isBatch: true }));
        const begun = await begin(
          catalog,
          request('LOAD_Customer', { retryLimit: 2, parentExecutionId: batch.executionId }),
        );
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
          parentExecutionId: batch.executionId,
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
        await end(catalog, endRequest(retry.executionId));
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
        expect((await setEnabled(catalog, 'P', false, OPERATOR))?.isEnabled).toBe(false);
        const skipped = await begin(catalog, request('P'));
        expect(outputs(skipped)).toEqual(['C', 'P']);
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionId: skipped.executionId, ended: true });
        expect(outputs(await begin(catalog, request('P')))).toEqual(['C', 'P']);
        expect((await setEnabled(catalog, 'P', true, OPERATOR))?.isEnabled).toBe(true);
        expect(outputs(await begin(catalog, request('P')))).toEqual(['E', 'C']);
      });

      it('cuts an actor and a run context too long for their columns to 400 characters, with a marker', async () => {
        const catalog = await fresh();
        const long = 'é'.repeat(398) + '😀' + 'z'.repeat(50);
        const cut = 'é'.repeat(398) + '…'; // the emoji's two halves are never split
        const begun = await begin(catalog, request('P', { context: { ...CONTEXT, actor: long, workflow: long } }));
        expect((await catalog.history('P', 1))[0]).toMatchObject({
          executionId: begun.executionId,
          actor: cut,
          workflow: cut,
        });
        await setEnabled(catalog, 'P', false, { actor: long, reason: null });
        expect((await catalog.audit('P', 1))[0]).toMatchObject({ action: 'disable', actor: cut });
      });

      it('records no change for an enable of an enabled package, nor a disable of a disabled one', async () => {
        const catalog = await fresh();
        await begin(catalog, request('P'));
        expect(await setEnabled(catalog, 'P', true, OPERATOR)).toMatchObject({ isEnabled: true, changed: false });
        expect(await catalog.audit('P', 10)).toEqual([]);
        expect(await setEnabled(catalog, 'P', false, OPERATOR)).toMatchObject({ isEnabled: false, changed: true });
        expect(await setEnabled(catalog, 'P', false, OPERATOR)).toMatchObject({ isEnabled: false, changed: false });
        expect((await catalog.audit('P', 10)).map((entry) => entry.action)).toEqual(['disable']);
      });

      it('checks disabled before an active execution, and leaves the active one alone', async () => {
        const catalog = await fresh();
        const active = await begin(catalog, request('P'));
        await setEnabled(catalog, 'P', false, OPERATOR);
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
        expect((await setNextLoadStatus(catalog, 'P', 'C', OPERATOR)).kind).toBe('changed');
        for (let i = 0; i < 3; i++) {
          const skipped = await begin(catalog, request('P'));
          expect(outputs(skipped)).toEqual(['C', 'C']);
          expect((await catalog.status('P'))[0].active).toBeNull();
        }
        expect((await setNextLoadStatus(catalog, 'P', 'P', OPERATOR)).kind).toBe('changed');
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
        await end(catalog, endRequest(first.executionId, 'failure'));
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
        await end(catalog, endRequest(begun.executionId));
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
        await setEnabled(catalog, 'P', false, OPERATOR);
        const skipped = await begin(catalog, request('P'));
        expect((await end(catalog, endRequest(skipped.executionId))).kind).toBe('already-ended');
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
          caller: { runId: '1001', runAttempt: 1 },
        });
        expect(byOldRun.kind).toBe('taken-over');
        // Runs that never owned it: a wiring mistake, told apart through the takeover's audit entry.
        for (const caller of [{ runKey: 'run-z' }, { runId: '3003', runAttempt: 1 }]) {
          const byStranger = await end(catalog, {
            executionId: begun.executionId,
            outcome: 'success',
            message: null,
            caller,
          });
          expect(byStranger.kind).toBe('not-owned');
        }
        expect((await catalog.audit('P', 10)).map((entry) => [entry.action, entry.executionId, entry.detail])).toEqual([
          [
            'takeover',
            begun.executionId,
            expect.stringMatching(/^Run "run-b" took it over from run "run-a" \(workflow run 1001\): /),
          ],
        ]);
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'A', ended: false });
        const byNewRun = await end(catalog, {
          executionId: begun.executionId,
          outcome: 'success',
          message: null,
          caller: { runId: '2002', runAttempt: 1 },
        });
        expect(byNewRun.kind === 'ended' && byNewRun.execution.executionStatus).toBe('S');
      });

      it('refuses, writing nothing, an end by a run that never owned an execution never taken over', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('P', { runKey: 'run-a' }));
        for (const caller of [{ runKey: 'run-b' }, { runId: '2002', runAttempt: 1 }]) {
          const refused = await end(catalog, {
            executionId: begun.executionId,
            outcome: 'failure',
            message: null,
            caller,
          });
          expect(refused.kind).toBe('not-owned');
        }
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'E', ended: false });
        expect(await catalog.audit('P', 10)).toEqual([]);
      });

      it('reports an execution that is not in the catalog', async () => {
        const catalog = await fresh();
        expect((await end(catalog, endRequest('999999'))).kind).toBe('not-found');
      });
    });

    describe('admin operations', () => {
      it('answers for packages that are not registered without creating them', async () => {
        const catalog = await fresh();
        expect(await setEnabled(catalog, 'Nope', false, OPERATOR)).toBeNull();
        expect((await setNextLoadStatus(catalog, 'Nope', 'C', OPERATOR)).kind).toBe('no-package');
        expect((await reset(catalog, 'Nope', 'x', OPERATOR)).kind).toBe('no-package');
        expect(await catalog.status('Nope')).toEqual([]);
        expect(await catalog.history('Nope', 5)).toEqual([]);
        expect(await catalog.status(undefined)).toEqual([]);
      });

      it('refuses to skip or resume while an execution of the package is active', async () => {
        const catalog = await fresh();
        const active = await begin(catalog, request('P'));
        expect(await setNextLoadStatus(catalog, 'P', 'C', OPERATOR)).toMatchObject({
          kind: 'active',
          execution: { executionId: active.executionId },
        });
        // A disabled begin adds an ended C / P row after the active one: still refused.
        await setEnabled(catalog, 'P', false, OPERATOR);
        await begin(catalog, request('P'));
        await setEnabled(catalog, 'P', true, OPERATOR);
        expect((await setNextLoadStatus(catalog, 'P', 'P', OPERATOR)).kind).toBe('active');
        expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'C', nextLoadStatus: 'P' });
      });

      it('resets a stuck active execution to F / R, so the next begin retries it', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('P'));
        const resetResult = await reset(catalog, 'P', 'Reset by the on-call engineer.', OPERATOR);
        expect(resetResult.kind === 'reset' && resetResult.execution).toMatchObject({
          executionId: begun.executionId,
          executionStatus: 'F',
          nextLoadStatus: 'R',
          errorMessage: 'Reset by the on-call engineer.',
          ended: true,
        });
        expect((await reset(catalog, 'P', 'again', OPERATOR)).kind).toBe('none-active');
        expect(outputs(await begin(catalog, request('P')))).toEqual(['R', 'C']);
      });

      it('lists packages with their latest and active executions, and history newest first', async () => {
        const catalog = await fresh();
        const a1 = await begin(catalog, request('A'));
        await end(catalog, endRequest(a1.executionId));
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
    describe('the catalog tables: schema, shape and version', () => {
      // These build catalogs of their own (or a schema): not where a DBA deployed every catalog
      // beforehand and the login may create nothing (SQL Server's limited-login run).
      const precreated = !!process.env.BFX_TEST_CATALOG_PRECREATED;
      const itBuilds = precreated ? it.skip : it;

      itBuilds(
        'refuses a Package / Execution pair of another shape, creating, altering and writing nothing',
        async () => {
          const connectionString = await newConnectionString();
          await target.execute(connectionString, target.foreignTables);
          const before = await target.tables(connectionString, 'bfx');
          const refusal = await openCatalog(connectionString, OPTIONS).catch((error: unknown) => error);
          expect(refusal).toBeInstanceOf(BfxError);
          expect((refusal as Error).message).toMatch(
            /^The table (Package|Execution) in .* is not a bfx-begin table \(.* is missing.*\), so nothing was created, altered or written: /,
          );
          await expect(openCatalog(connectionString, OPTIONS).then((c) => c.migrate())).rejects.toThrow(
            /not a bfx-begin table/,
          );
          expect(await target.tables(connectionString, 'bfx')).toEqual(before);
        },
      );

      itBuilds('upgrades a first-release catalog in place, keeping its rows and deciding from them', async () => {
        const connectionString = await newConnectionString();
        await target.execute(connectionString, target.firstReleaseCatalog);
        await expect(openCatalog(connectionString, { ...OPTIONS, createCatalog: false })).rejects.toThrow(
          /holds version 1 of the bfx tables, this release needs version 4, and create-catalog is false, so nothing was changed/,
        );
        const catalog = await openCatalog(connectionString, OPTIONS);
        open.push(catalog);
        expect(await catalog.inspect()).toEqual({ kind: 'version', version: CATALOG_VERSION });
        expect((await catalog.history('Old', 10)).map((row) => [row.executionId, row.executionStatus])).toEqual([
          ['2', 'F'],
          ['1', 'S'],
        ]);
        expect((await catalog.status('Old'))[0]).toMatchObject({ isBatch: false, isEnabled: true });
        expect(outputs(await begin(catalog, request('Old')))).toEqual(['R', 'C']);
        expect(await catalog.migrate()).toMatchObject({ from: 4, to: 4, created: [] });
      });

      it('refuses a catalog newer than this release, changing nothing', async () => {
        const connectionString = await newConnectionString();
        await (await openCatalog(connectionString, OPTIONS)).close();
        await target.execute(
          connectionString,
          `INSERT INTO ${target.qualify('bfx', 'CatalogVersion')} (Version) VALUES (99)`,
        );
        await expect(openCatalog(connectionString, OPTIONS)).rejects.toThrow(
          /is at version 99, newer than the version 4 this bfx-begin knows, so nothing was read or changed/,
        );
      });

      it.skipIf(!target.schemas || precreated)(
        "keeps a catalog in a schema of the user's choosing, beside the default one",
        async () => {
          const connectionString = await newConnectionString();
          const own = await openCatalog(connectionString, { ...OPTIONS, schema: 'bfxgh' });
          open.push(own);
          const begun = await begin(own, request('InOwnSchema'));
          await end(own, endRequest(begun.executionId));
          expect((await own.status('InOwnSchema'))[0].latest).toMatchObject({ executionStatus: 'S' });
          expect(await target.tables(connectionString, 'bfxgh')).toEqual(
            expect.arrayContaining([
              'auditlog',
              'catalogversion',
              'configvariable',
              'execution',
              'package',
              'rowcount',
            ]),
          );
          expect(await target.tables(connectionString, 'bfx')).toEqual([]);
          const viaParameter = await openCatalog(
            connectionString.includes('://')
              ? `${connectionString}${connectionString.includes('?') ? '&' : '?'}schema=bfxgh`
              : `${connectionString};Schema=bfxgh`,
            OPTIONS,
          );
          open.push(viaParameter);
          expect((await viaParameter.status('InOwnSchema')).length).toBe(1);
        },
      );
    });

    describe('what a load keeps: variables, row counts, audit, batches', () => {
      it('registers default variables once, and stores values keeping the one before', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('Marks'));
        const long = 'x'.repeat(10_000);
        await catalog.transaction({ packageName: 'Marks' }, 'register', async (tx) => {
          await Promise.all([
            tx.registerVariables([
              { name: 'LastLoadDate', value: '1900-01-01' },
              { name: `Quote'"; DROP`, value: 'Łódź 🚀' },
            ]),
            tx.commit(),
          ]);
        });
        await catalog.transaction({ packageName: 'Marks' }, 'register again', async (tx) => {
          await Promise.all([tx.registerVariables([{ name: 'LastLoadDate', value: '2000-01-01' }]), tx.commit()]);
        });
        await catalog.transaction({ executionId: begun.executionId }, 'store', async (tx) => {
          await Promise.all([
            tx.storeVariables(
              [
                { name: 'LastLoadDate', value: '2026-11-25' },
                { name: 'Long', value: long },
              ],
              begun.executionId,
            ),
            tx.commit(),
          ]);
        });
        const byName = Object.fromEntries(((await catalog.variables('Marks')) ?? []).map((v) => [v.name, v]));
        expect(byName.LastLoadDate).toMatchObject({
          value: '2026-11-25',
          previousValue: '1900-01-01',
          executionId: begun.executionId,
        });
        expect(byName[`Quote'"; DROP`]).toMatchObject({ value: 'Łódź 🚀', previousValue: null, executionId: null });
        expect(byName.Long).toMatchObject({ value: long, previousValue: null });
        expect(byName.LastLoadDate.updatedTime).toMatch(/Z$/);
        expect(await catalog.variables('NoSuchPackage')).toBeNull();
        await catalog.transaction({ packageName: 'Marks' }, 'read', async (tx) => {
          expect((await tx.variables()).map((v) => v.name).sort()).toEqual(
            ['LastLoadDate', 'Long', `Quote'"; DROP`].sort(),
          );
        });
      });

      it('keeps row counts per execution, object and type, a later count replacing the earlier', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('Counted'));
        const save = (counts: { objectName: string; countType: string; rowCount: number }[]) =>
          catalog.transaction({ executionId: begun.executionId }, 'count', async (tx) => {
            await Promise.all([tx.saveRowCounts(begun.executionId, counts), tx.commit()]);
          });
        await save([
          { objectName: 'dbo.Customer', countType: 'Insert', rowCount: 120 },
          { objectName: 'dbo.Customer', countType: 'Update', rowCount: 3 },
        ]);
        await save([{ objectName: 'dbo.Customer', countType: 'Insert', rowCount: 121 }]);
        const counts = await catalog.rowCounts([begun.executionId, '999999']);
        expect(counts.map((c) => [c.executionId, c.objectName, c.countType, c.rowCount]).sort()).toEqual([
          [begun.executionId, 'dbo.Customer', 'Insert', 121],
          [begun.executionId, 'dbo.Customer', 'Update', 3],
        ]);
        expect(await catalog.rowCounts([])).toEqual([]);
      });

      it('records audit entries with who and why, newest first', async () => {
        const catalog = await fresh();
        const begun = await begin(catalog, request('Audited'));
        for (const action of ['disable', 'enable']) {
          await catalog.transaction({ packageName: 'Audited' }, action, async (tx) => {
            await Promise.all([
              tx.recordAudit({ executionId: begun.executionId, action, detail: 'night run paused', actor: 'octocat' }),
              tx.commit(),
            ]);
          });
        }
        const entries = await catalog.audit('Audited', 10);
        expect(entries.map((e) => [e.action, e.executionId, e.detail, e.actor, e.packageName])).toEqual([
          ['enable', begun.executionId, 'night run paused', 'octocat', 'Audited'],
          ['disable', begun.executionId, 'night run paused', 'octocat', 'Audited'],
        ]);
        expect(entries[0].createdTime).toMatch(/Z$/);
      });

      it('links a batch to its children, and changes them under the locks of their packages', async () => {
        const catalog = await fresh();
        const batch = await begin(catalog, request('Nightly', { isBatch: true }));
        await catalog.transaction({ packageName: 'Nightly' }, 'mark', async (tx) => {
          await Promise.all([tx.markBatch(), tx.commit()]);
        });
        const childA = await begin(catalog, request('ChildA', { parentExecutionId: batch.executionId }));
        const childB = await begin(catalog, request('ChildB', { parentExecutionId: batch.executionId }));
        await end(catalog, endRequest(childA.executionId));
        const statuses = await catalog.status(undefined);
        expect(statuses.find((p) => p.packageName === 'Nightly')).toMatchObject({
          isBatch: true,
          batchPackageName: null,
        });
        expect(statuses.find((p) => p.packageName === 'ChildA')).toMatchObject({
          isBatch: false,
          batchPackageName: 'Nightly',
        });
        expect((await catalog.children(batch.executionId)).map((c) => c.executionId)).toEqual([
          childA.executionId,
          childB.executionId,
        ]);
        // An execution's family in one read: the batch's children, oldest first; a child's parent (another package's).
        const ids = (rows: { executionId: string }[]) => rows.map((row) => row.executionId);
        await catalog.transaction({ executionId: batch.executionId }, 'family', async (tx) => {
          const family = await tx.executionFamily(batch.executionId);
          expect([family.execution?.executionId, family.parent, ids(family.children)]).toEqual([
            batch.executionId,
            null,
            [childA.executionId, childB.executionId],
          ]);
          // Another package's execution is not this transaction's: only its parent and children are read.
          const other = await tx.executionFamily(childB.executionId);
          expect([other.execution, other.parent?.packageName, other.children]).toEqual([null, 'Nightly', []]);
          expect(await tx.executionFamily('999999')).toEqual({ execution: null, parent: null, children: [] });
        });
        await catalog.transaction({ executionId: childA.executionId }, 'family', async (tx) => {
          const family = await tx.executionFamily(childA.executionId);
          expect([family.execution?.packageName, family.parent?.executionId, family.children]).toEqual([
            'ChildA',
            batch.executionId,
            [],
          ]);
        });
        await catalog.transaction({ executionId: batch.executionId }, 'propagate', async (tx) => {
          const children = await tx.children(batch.executionId);
          expect((await tx.anyExecution(childA.executionId))?.packageName).toBe('ChildA');
          await tx.lockPackages([...new Set(children.map((c) => c.packageId))].sort((x, y) => x - y));
          await Promise.all([
            tx.setNextLoadStatuses(
              children.map((c) => c.executionId),
              'C',
            ),
            tx.finishExecution({
              executionId: childB.executionId,
              executionStatus: 'F',
              nextLoadStatus: 'R',
              errorMessage: 'Reset with its batch.',
            }),
            tx.commit(),
          ]);
        });
        expect(
          (await catalog.children(batch.executionId)).map((c) => [c.executionStatus, c.nextLoadStatus, c.ended]),
        ).toEqual([
          ['S', 'C', true],
          ['F', 'R', true],
        ]);
        expect(await catalog.children('999999')).toEqual([]);
      });

      it("sets NextLoadStatus only on executions of packages the transaction holds exclusively: never its batch's nor another's", async () => {
        const catalog = await fresh();
        const batch = await begin(catalog, request('Nightly', { isBatch: true }));
        const child = await begin(catalog, request('Child', { parentExecutionId: batch.executionId }));
        const other = await begin(catalog, request('Other'));
        await end(catalog, endRequest(other.executionId));
        const next = async () =>
          Promise.all(
            ['Nightly', 'Child', 'Other'].map(async (name) => (await catalog.history(name, 1))[0].nextLoadStatus),
          );
        const before = await next();
        expect(before).toEqual(['C', 'C', 'P']);
        /** A write after the locks answered (they then know every package they hold), sent with the commit. */
        const write = (lock: PackageLock, change: (tx: PackageTransaction) => Promise<unknown>) =>
          catalog.transaction(lock, 'a write beside the locks', async (tx) => {
            await tx.package();
            await Promise.all([change(tx), tx.commit()]);
          });
        const childsEnd: PackageLock = { executionId: child.executionId };
        const childsBegin: PackageLock = { packageName: 'Child', parentExecutionId: batch.executionId };
        const childAlone: PackageLock = { packageName: 'Child' };
        // The batch's package is held shared by its child, beside the batch's other children: not its to change.
        for (const lock of [childsEnd, childsBegin]) {
          await expect(write(lock, (tx) => tx.setNextLoadStatus(batch.executionId, 'P'))).rejects.toThrow(
            `Execution ${batch.executionId}`,
          );
          await expect(write(lock, (tx) => tx.setNextLoadStatuses([batch.executionId], 'P'))).rejects.toThrow(
            `Execution ${batch.executionId}`,
          );
        }
        // A package the transaction never locked.
        for (const lock of [childsEnd, childAlone]) {
          await expect(write(lock, (tx) => tx.setNextLoadStatus(other.executionId, 'C'))).rejects.toThrow(
            `Execution ${other.executionId}`,
          );
          await expect(write(lock, (tx) => tx.setNextLoadStatuses([other.executionId], 'C'))).rejects.toThrow(
            `Execution ${other.executionId}`,
          );
        }
        expect(await next()).toEqual(before);
        // Its own package's, and those it locked with lockPackages, are its to change.
        const [{ packageId: otherPackageId }] = await catalog.status('Other');
        await catalog.transaction(childsEnd, 'writes under the locks', async (tx) => {
          await tx.lockPackages([otherPackageId]);
          await Promise.all([
            tx.setNextLoadStatus(child.executionId, 'P'),
            tx.setNextLoadStatuses([other.executionId], 'C'),
            tx.commit(),
          ]);
        });
        expect(await next()).toEqual(['C', 'P', 'C']);
      });

      it("commits none of a transaction's writes when a next load status, sent with its COMMIT, names an execution it has not locked", async () => {
        const catalog = await fresh();
        const mine = await begin(catalog, request('Mine'));
        const other = await begin(catalog, request('Other'));
        await end(catalog, endRequest(other.executionId));
        await catalog.transaction({ executionId: mine.executionId }, 'a mark', (tx) =>
          Promise.all([tx.storeVariables([{ name: 'Mark', value: 'before' }], null), tx.commit()]),
        );
        const state = async () => ({
          mine: (await catalog.history('Mine', 1))[0],
          other: (await catalog.history('Other', 1))[0],
          marks: (await catalog.variables('Mine'))?.map((v) => [v.name, v.value]),
        });
        const before = await state();
        expect([before.mine.ended, before.mine.nextLoadStatus, before.other.nextLoadStatus]).toEqual([false, 'C', 'P']);
        expect(before.marks).toEqual([['Mark', 'before']]);
        // An end's writes, the shortfall among them, all in the round trip that holds the COMMIT.
        const changes: [string, (tx: PackageTransaction) => Promise<unknown>][] = [
          ['one', (tx) => tx.setNextLoadStatus(other.executionId, 'R')],
          ['a list of it alone', (tx) => tx.setNextLoadStatuses([other.executionId], 'R')],
          ['a list one short', (tx) => tx.setNextLoadStatuses([mine.executionId, other.executionId], 'R')],
        ];
        for (const [what, change] of changes) {
          const attempt = catalog.transaction({ executionId: mine.executionId }, `an end with ${what}`, async (tx) => {
            await tx.package();
            await Promise.all([
              tx.finishExecution({
                executionId: mine.executionId,
                executionStatus: 'S',
                nextLoadStatus: 'C',
                errorMessage: null,
              }),
              tx.storeVariables([{ name: 'Mark', value: 'after' }], mine.executionId),
              change(tx),
              tx.commit(),
            ]);
          });
          await expect(attempt, what).rejects.toThrow(/is not an execution of a package this transaction has locked/);
          expect(await state(), what).toEqual(before);
        }
      });

      it('finds the last execution with a status before another, and re-ends an ended execution only from the status given', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('Again'));
        await end(catalog, endRequest(first.executionId));
        const second = await begin(catalog, request('Again'));
        await end(catalog, { executionId: second.executionId, outcome: 'failure', message: 'boom', caller: null });
        await catalog.transaction({ packageName: 'Again' }, 'read', async (tx) => {
          const last = async (status: 'S' | 'F', before: string | null) =>
            (await tx.lastExecutionAndVariables(status, before)).lastExecutionId;
          expect(await last('S', null)).toBe(first.executionId);
          expect(await last('S', first.executionId)).toBeNull();
          expect(await last('F', null)).toBe(second.executionId);
          // The variables beside it, by name: none, then those registered (one row each, the ID on every row).
          expect(await tx.lastExecutionAndVariables('S', null)).toEqual({
            lastExecutionId: first.executionId,
            variables: [],
          });
          await tx.registerVariables([
            { name: 'b', value: '2' },
            { name: 'a', value: '1' },
          ]);
          const both = await tx.lastExecutionAndVariables('S', first.executionId);
          expect(both.lastExecutionId).toBeNull();
          expect(both.variables.map((v) => [v.name, v.value, v.previousValue, v.executionId])).toEqual([
            ['a', '1', null, null],
            ['b', '2', null, null],
          ]);
        });
        const refinished = await catalog.transaction({ executionId: second.executionId }, 're-end', async (tx) => {
          const [row] = await Promise.all([
            tx.refinishExecution(
              { executionId: second.executionId, executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null },
              'F',
            ),
            tx.commit(),
          ]);
          return row;
        });
        expect(refinished).toMatchObject({
          executionStatus: 'S',
          nextLoadStatus: 'P',
          errorMessage: null,
          ended: true,
        });
        await expect(
          catalog.transaction({ executionId: second.executionId }, 're-end', async (tx) => {
            await Promise.all([
              tx.refinishExecution(
                { executionId: second.executionId, executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null },
                'F',
              ),
              tx.commit(),
            ]);
          }),
        ).rejects.toThrow();
      });
    });

    it('follows the execution that ended last: one that fails after a disabled begin skipped beside it is retried', async () => {
      const catalog = await fresh();
      const loading = await begin(catalog, request('P', { runKey: 'loading' }));
      await setEnabled(catalog, 'P', false, OPERATOR);
      // Disabled: a begin is skipped, its row born ended while the load is still active.
      const skipped = await begin(catalog, request('P', { runKey: 'skipped' }));
      expect([skipped.executionStatus, skipped.nextLoadStatus]).toEqual(['C', 'P']);
      await setEnabled(catalog, 'P', true, OPERATOR);
      await end(catalog, {
        executionId: loading.executionId,
        outcome: 'failure',
        message: 'boom',
        caller: { runKey: 'loading' },
      });
      // The failure ended after the skip: the next begin retries it, rolling its partial work back.
      const next = await begin(catalog, request('P', { runKey: 'next' }));
      expect(next.executionStatus).toBe('R');
      // And an operator's skip applies to that same execution, the one the next begin follows.
      await end(catalog, endRequest(next.executionId, 'failure'));
      await setNextLoadStatus(catalog, 'P', 'C', OPERATOR);
      expect((await begin(catalog, request('P', { runKey: 'after-skip' }))).executionStatus).toBe('C');
    });

    it('commits nothing of a transaction whose write fails, though its commit was called in the same tick', async () => {
      const catalog = await fresh();
      const first = await begin(catalog, request('P'));
      await end(catalog, endRequest(first.executionId));
      const attempt = catalog.transaction({ packageName: 'P' }, 'a write that fails', (tx) =>
        Promise.all([
          tx.recordAudit({ executionId: null, action: 'probe', detail: 'must not stay', actor: null }),
          // Already ended: the guarded finish fails.
          tx.finishExecution({
            executionId: first.executionId,
            executionStatus: 'F',
            nextLoadStatus: 'R',
            errorMessage: null,
          }),
          tx.commit(),
        ]),
      );
      await expect(attempt).rejects.toThrow();
      expect(await catalog.audit('P', 10)).toEqual([]);
      expect((await catalog.history('P', 1))[0]).toMatchObject({ executionStatus: 'S', nextLoadStatus: 'P' });
    });

    describe('bursts: many runs beginning one package, or the children of one batch, at once', () => {
      const BURST = 32;
      /** A live-run check that answers the same for every run (as a GitHub that is down, or wrong, would). */
      const answering =
        (run: 'completed' | 'unknown'): LiveRunOptions['check'] =>
        async (owner) =>
          run === 'completed'
            ? { run, conclusion: 'cancelled', url: `https://github.example/runs/${owner.runId}` }
            : { run, why: 'GitHub did not answer', todo: 'try again', url: null };

      it.each(['completed', 'unknown'] as const)(
        'every begin gets a decision and none fails while GitHub answers %s for every run',
        async (run) => {
          const catalog = await fresh();
          await begin(catalog, request('Burst', { runKey: 'lost', context: { ...CONTEXT, runId: '1' } }));
          const results = await Promise.allSettled(
            Array.from({ length: BURST }, (_, i) =>
              begin(
                catalog,
                request('Burst', {
                  runKey: `burst-${i}`,
                  context: { ...CONTEXT, runId: String(100 + i) },
                  liveRun: { check: answering(run), onLiveRun: 'skip', timeoutMs: 0 },
                }),
              ),
            ),
          );
          expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
          const history = await catalog.history('Burst', 100);
          expect(history.filter((row) => !row.ended)).toHaveLength(1);
        },
      );

      it('32 children of one batch begin and end at once, each with its own decision', async () => {
        const catalog = await fresh();
        const batch = await begin(catalog, request('Nightly', { isBatch: true }));
        const children = await Promise.all(
          Array.from({ length: BURST }, (_, i) =>
            begin(catalog, request(`Child${i}`, { parentExecutionId: batch.executionId })),
          ),
        );
        expect(children.map((child) => child.executionStatus)).toEqual(children.map(() => 'E'));
        const ended = await Promise.all(children.map((child) => end(catalog, endRequest(child.executionId))));
        expect(ended.map((result) => result.kind)).toEqual(children.map(() => 'ended'));
        await end(catalog, endRequest(batch.executionId));
        expect((await catalog.children(batch.executionId)).map((child) => child.nextLoadStatus)).toEqual(
          children.map(() => 'P'),
        );
      });
    });

    describe('batches: parent and child executions', () => {
      const ok = (executionId: string, caller: BeginRequest['runKey'] | null = null) =>
        endRequest(executionId, 'success', { caller: caller === null ? null : { runKey: caller } });
      const failed = (executionId: string) => endRequest(executionId, 'failure', { message: 'load failed' });
      const night = async (catalog: CatalogEngine, packages: string[]) => {
        const batch = await begin(catalog, request('Nightly', { isBatch: true }));
        const children = Object.fromEntries(
          await Promise.all(
            packages.map(
              async (name) =>
                [name, await begin(catalog, request(name, { parentExecutionId: batch.executionId }))] as const,
            ),
          ),
        );
        return { batch, children };
      };
      const pair = (r: { executionStatus: string; nextLoadStatus: string }) =>
        `${r.executionStatus}/${r.nextLoadStatus}`;

      it('reruns only what failed: succeeded children skipped, failed retried, missing started, then all normal again', async () => {
        const catalog = await fresh();
        // Night 1: A succeeds, B fails, C never runs (its job was cancelled before it began); the batch fails.
        const one = await night(catalog, ['A', 'B']);
        expect(pair(one.batch)).toBe('E/C');
        await end(catalog, ok(one.children.A.executionId));
        await end(catalog, failed(one.children.B.executionId));
        const batchEnd = await end(catalog, failed(one.batch.executionId));
        expect(batchEnd.kind === 'ended' && batchEnd.children.map((c) => [c.packageName, pair(c)])).toEqual([
          ['A', 'S/C'],
          ['B', 'F/R'],
        ]);
        // Night 2: the batch retries; A is skipped, B retried, C starts fresh; all succeed.
        const two = await night(catalog, ['A', 'B', 'C']);
        expect([pair(two.batch), pair(two.children.A), pair(two.children.B), pair(two.children.C)]).toEqual([
          'R/C',
          'C/C',
          'R/C',
          'E/C',
        ]);
        expect(two.children.A.batchStartTime).toBe(two.batch.batchStartTime);
        await end(catalog, ok(two.children.B.executionId));
        await end(catalog, ok(two.children.C.executionId));
        const secondEnd = await end(catalog, ok(two.batch.executionId));
        expect(secondEnd.kind === 'ended' && secondEnd.children.map((c) => [c.packageName, pair(c)])).toEqual([
          ['A', 'C/P'],
          ['B', 'S/P'],
          ['C', 'S/P'],
        ]);
        // Night 3: everything normal again.
        const three = await night(catalog, ['A', 'B', 'C']);
        expect([three.batch, three.children.A, three.children.B, three.children.C].map(pair)).toEqual([
          'E/C',
          'E/C',
          'E/C',
          'E/C',
        ]);
        expect((await catalog.children(three.batch.executionId)).map((c) => c.packageName)).toEqual(['A', 'B', 'C']);
      });

      it('gives a child that succeeds after its batch has failed NextLoadStatus C', async () => {
        const catalog = await fresh();
        const { batch, children } = await night(catalog, ['Late']);
        await end(catalog, failed(batch.executionId));
        const late = await end(catalog, ok(children.Late.executionId));
        expect(late.kind === 'ended' && pair(late.execution)).toBe('S/C');
        expect(pair(await begin(catalog, request('Late')))).toBe('C/C');
      });

      it('lets a later attempt of the run that failed a batch close it again as S, its children P', async () => {
        const catalog = await fresh();
        const batch = await begin(catalog, request('Nightly', { isBatch: true, context: { ...CONTEXT, runId: '7' } }));
        const child = await begin(catalog, request('A', { parentExecutionId: batch.executionId }));
        await end(catalog, ok(child.executionId));
        await end(catalog, { ...failed(batch.executionId), caller: { runId: '7', runAttempt: 1 } });
        // The same attempt, or another run: nothing changes, and the end says why.
        const sameAttempt = await end(catalog, { ...ok(batch.executionId), caller: { runId: '7', runAttempt: 1 } });
        expect(sameAttempt).toMatchObject({ kind: 'already-ended', why: expect.stringMatching(/later attempt/) });
        const otherRun = await end(catalog, { ...ok(batch.executionId), caller: { runId: '8', runAttempt: 2 } });
        expect(otherRun).toMatchObject({ kind: 'already-ended', why: expect.stringMatching(/another workflow run/) });
        const rerun = await end(catalog, { ...ok(batch.executionId), caller: { runId: '7', runAttempt: 2 } });
        expect(rerun.kind).toBe('reclosed');
        expect(rerun.kind === 'reclosed' && [pair(rerun.execution), rerun.children.map(pair)]).toEqual([
          'S/P',
          ['S/P'],
        ]);
      });

      it('never re-closes a batch execution that was reset, abandoned, or followed by a later one', async () => {
        const catalog = await fresh();
        const nightly = (runKey: string) =>
          request('Nightly', { isBatch: true, runKey, retryLimit: 0, context: { ...CONTEXT, runId: '7' } });
        const later = { runId: '7', runAttempt: 2 };
        // Reset by an operator.
        const first = await begin(catalog, nightly('run-1'));
        await reset(catalog, 'Nightly', 'stuck', { actor: 'ops', reason: null });
        const afterReset = await end(catalog, { ...ok(first.executionId), caller: later });
        expect(afterReset).toMatchObject({ kind: 'already-ended', why: expect.stringMatching(/abandoned or reset/) });
        // Abandoned by a later begin (retry limit 0): the fresh execution is the latest.
        const second = await begin(catalog, nightly('run-2'));
        const third = await begin(catalog, nightly('run-3'));
        expect(third.plan.kind).toBe('abandon-and-insert');
        const afterAbandon = await end(catalog, { ...ok(second.executionId), caller: later });
        expect(afterAbandon).toMatchObject({ kind: 'already-ended', why: expect.stringMatching(/later execution/) });
        // Failed by its run, then a later execution began: too late to close it again.
        await end(catalog, { ...failed(third.executionId), caller: { runId: '7', runAttempt: 1 } });
        await begin(catalog, nightly('run-4'));
        const afterLater = await end(catalog, { ...ok(third.executionId), caller: later });
        expect(afterLater).toMatchObject({ kind: 'already-ended', why: expect.stringMatching(/later execution/) });
        expect((await catalog.history('Nightly', 4)).map(pair)).toEqual(['R/C', 'F/R', 'F/R', 'F/R']);
      });

      it('moves a resumed child under the batch execution of its latest begin, so that batch decides its next load', async () => {
        const catalog = await fresh();
        // Night 1: the batch fails while the child's runner is lost (the child stays active).
        const night1 = await begin(catalog, request('Nightly', { isBatch: true, runKey: 'n1' }));
        await begin(catalog, request('Child', { runKey: 'c1', parentExecutionId: night1.executionId }));
        await end(catalog, { ...failed(night1.executionId), caller: null });
        // Night 2: the batch begins again; the child is resumed under it, succeeds, and so does the batch.
        const night2 = await begin(catalog, request('Nightly', { isBatch: true, runKey: 'n2' }));
        const resumed = await begin(catalog, request('Child', { runKey: 'c2', parentExecutionId: night2.executionId }));
        expect(pair(resumed)).toBe('A/P');
        expect((await catalog.history('Child', 1))[0].parentExecutionId).toBe(night2.executionId);
        await end(catalog, ok(resumed.executionId));
        await end(catalog, ok(night2.executionId));
        // Night 3: the child loads (E), it is not skipped.
        expect(
          pair(await begin(catalog, request('Child', { runKey: 'c3', parentExecutionId: night2.executionId }))),
        ).toBe('E/C');
        // Resumed by a begin that names no batch, it belongs to none.
        const orphan = await begin(catalog, request('Child', { runKey: 'c4' }));
        expect(pair(orphan)).toBe('A/P');
        expect((await catalog.history('Child', 1))[0].parentExecutionId).toBeNull();
      });

      it("never overwrites an operator's skip or resume of a child with the batch's end", async () => {
        const catalog = await fresh();
        const batch = await begin(catalog, request('Nightly', { isBatch: true }));
        const held = await begin(catalog, request('Held', { parentExecutionId: batch.executionId }));
        const kept = await begin(catalog, request('Kept', { parentExecutionId: batch.executionId }));
        const other = await begin(catalog, request('Other', { parentExecutionId: batch.executionId }));
        for (const child of [held, kept, other]) await end(catalog, ok(child.executionId));
        // While the batch still runs, an operator holds one child back and resumes another.
        await setNextLoadStatus(catalog, 'Held', 'C', OPERATOR);
        await setNextLoadStatus(catalog, 'Kept', 'P', OPERATOR);
        await end(catalog, failed(batch.executionId));
        expect([(await catalog.history('Held', 1))[0], (await catalog.history('Kept', 1))[0]].map(pair)).toEqual([
          'S/C',
          'S/P',
        ]);
        // The batch failed: what succeeded and nobody touched is skipped next time.
        expect((await catalog.history('Other', 1)).map(pair)).toEqual(['S/C']);
        const rerun = await begin(catalog, request('Nightly', { isBatch: true }));
        const next = (name: string) => begin(catalog, request(name, { parentExecutionId: rerun.executionId }));
        expect([pair(await next('Held')), pair(await next('Kept')), pair(await next('Other'))]).toEqual([
          'C/C',
          'E/C',
          'C/C',
        ]);
      });

      it('reset of a batch propagates like a failed end: its succeeded children get C, its active ones end F / R', async () => {
        const catalog = await fresh();
        const batch = await begin(catalog, request('Nightly', { isBatch: true }));
        const done = await begin(catalog, request('Done', { parentExecutionId: batch.executionId }));
        await end(catalog, ok(done.executionId));
        await begin(catalog, request('Stuck', { parentExecutionId: batch.executionId }));
        const result = await reset(catalog, 'Nightly', 'stuck', { actor: 'ops', reason: null });
        expect(result.kind === 'reset' && pair(result.execution)).toBe('F/R');
        expect((await catalog.history('Done', 1)).map(pair)).toEqual(['S/C']);
        expect((await catalog.history('Stuck', 1)).map(pair)).toEqual(['F/R']);
        // The rerun of the batch skips what succeeded and retries what was stuck.
        const rerun = await begin(catalog, request('Nightly', { isBatch: true, runKey: 'again' }));
        expect(pair(rerun)).toBe('R/C');
        expect(
          pair(await begin(catalog, request('Done', { runKey: 'again', parentExecutionId: rerun.executionId }))),
        ).toBe('C/C');
        expect(
          pair(await begin(catalog, request('Stuck', { runKey: 'again', parentExecutionId: rerun.executionId }))),
        ).toBe('R/C');
      });

      it('refuses a parent-execution-id that is not in the catalog, registering nothing', async () => {
        const catalog = await fresh();
        expect(await beginOrRefuse(catalog, request('Orphan', { parentExecutionId: '424242' }))).toEqual({
          kind: 'unknown-parent',
          parentExecutionId: '424242',
        });
        expect(await catalog.status('Orphan')).toEqual([]);
        // Refused, not broken: the same catalog begins the package once its parent is one of its executions.
        const batch = await begin(catalog, request('Nightly', { isBatch: true }));
        expect(pair(await begin(catalog, request('Orphan', { parentExecutionId: batch.executionId })))).toBe('E/C');
      });

      it('resets a batch with its active children, F / R, recording who and why', async () => {
        const catalog = await fresh();
        const { batch, children } = await night(catalog, ['A', 'B']);
        await end(catalog, ok(children.A.executionId));
        const operator: Operator = { actor: 'on-call', reason: 'runner lost' };
        const result = await reset(catalog, 'Nightly', 'Reset by bfx reset.', operator);
        expect(
          result.kind === 'reset' && [pair(result.execution), result.children.map((c) => [c.packageName, pair(c)])],
        ).toEqual(['F/R', [['B', 'F/R']]]);
        expect((await catalog.audit('Nightly', 5))[0]).toMatchObject({
          action: 'reset',
          actor: 'on-call',
          executionId: batch.executionId,
        });
        expect((await catalog.audit('Nightly', 5))[0].detail).toMatch(/runner lost/);
      });

      it('never deadlocks a batch end against its children ending in other processes; the result is as if serial', async () => {
        const connectionString = await newConnectionString();
        const catalog = await openCatalog(connectionString, OPTIONS);
        open.push(catalog);
        const { batch, children } = await night(catalog, ['A', 'B', 'C', 'D']);
        const ends = Object.values(children).map((child) =>
          runInProcess<{ kind: string }>({
            op: 'end',
            connectionString,
            executionId: child.executionId,
            outcome: 'success',
            caller: null,
          }),
        );
        const batchEnd = runInProcess<{ kind: string }>({
          op: 'end',
          connectionString,
          executionId: batch.executionId,
          outcome: 'failure',
          caller: null,
        });
        const kinds = await Promise.all([...ends, batchEnd].map((p) => p.result.then((r) => r.kind)));
        expect(kinds).toEqual(['ended', 'ended', 'ended', 'ended', 'ended']);
        // Whichever came first, every child that succeeded under the failed batch is skipped next time.
        expect((await catalog.children(batch.executionId)).map(pair)).toEqual(['S/C', 'S/C', 'S/C', 'S/C']);
      });
    });

    describe('high-water marks, LastExecutionID and row counts', () => {
      const operator: Operator = { actor: 'octocat', reason: 'backfill from March' };

      it('advances a mark only on success: a failed load commits nothing and its retry reads the old mark', async () => {
        const catalog = await fresh();
        const defaults = [{ name: 'LastLoadDate', value: '1900-01-01' }];
        const first = await begin(catalog, request('Inc', { variables: defaults }));
        expect(first.variables).toEqual({ LastLoadDate: '1900-01-01' });
        expect(first.lastExecutionId).toBeNull();
        await end(catalog, {
          executionId: first.executionId,
          outcome: 'success',
          message: null,
          caller: null,
          variables: [{ name: 'LastLoadDate', value: '2026-11-24' }],
        });
        const second = await begin(
          catalog,
          request('Inc', { variables: [{ name: 'LastLoadDate', value: '2000-01-01' }] }),
        );
        expect(second.variables).toEqual({ LastLoadDate: '2026-11-24' });
        expect(second.lastExecutionId).toBe(first.executionId);
        const failedEnd = await end(catalog, {
          executionId: second.executionId,
          outcome: 'failure',
          message: 'boom',
          caller: null,
          variables: [{ name: 'LastLoadDate', value: '2026-11-25' }],
          rowCounts: [{ objectName: 'dbo.Sales', countType: 'Insert', rowCount: 40 }],
        });
        expect(failedEnd.kind === 'ended' && failedEnd.committedVariables).toEqual([]);
        const retry = await begin(catalog, request('Inc'));
        expect([retry.executionStatus, retry.variables.LastLoadDate, retry.lastExecutionId]).toEqual([
          'R',
          '2026-11-24',
          first.executionId,
        ]);
        expect(await catalog.rowCounts([second.executionId])).toEqual([
          { executionId: second.executionId, objectName: 'dbo.Sales', countType: 'Insert', rowCount: 40 },
        ]);
        const [mark] = (await catalog.variables('Inc'))!;
        expect(mark).toMatchObject({
          value: '2026-11-24',
          previousValue: '1900-01-01',
          executionId: first.executionId,
        });
      });

      it('lets an operator set a mark, recording who and why', async () => {
        const catalog = await fresh();
        await begin(catalog, request('Inc', { variables: [{ name: 'LastLoadDate', value: '1900-01-01' }] }));
        const change = await setVariable(catalog, 'Inc', { name: 'LastLoadDate', value: '2026-03-01' }, operator);
        expect(change).toMatchObject({
          kind: 'set',
          variable: { value: '2026-03-01', previousValue: '1900-01-01', executionId: null },
        });
        expect((await setVariable(catalog, 'Nope', { name: 'X', value: '1' }, operator)).kind).toBe('no-package');
        expect((await catalog.audit('Inc', 1))[0]).toMatchObject({
          action: 'var set',
          actor: 'octocat',
          detail: expect.stringMatching(/^LastLoadDate set from "1900-01-01" to "2026-03-01"\./),
        });
        await setVariable(catalog, 'Inc', { name: 'NewMark', value: 'a "quoted" value' }, operator);
        expect((await catalog.audit('Inc', 1))[0].detail).toMatch(
          /^NewMark set to "a \\"quoted\\" value" \(it had no value\)\./,
        );
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
          await (target.lockWaitSeen?.(connectionString, LOCK_WAIT_WITHIN_MS) ?? sleep(WAIT_MS));
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
          await (target.lockWaitSeen?.(connectionString, LOCK_WAIT_WITHIN_MS) ?? sleep(WAIT_MS));
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
        await end(catalog, endRequest(begun.executionId));
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

    describe('the report snapshot', () => {
      const ids = (rows: Array<{ executionId: string }>) => rows.map((row) => row.executionId);
      const success = (catalog: CatalogEngine, executionId: string, rows: number) =>
        end(catalog, {
          executionId,
          outcome: 'success',
          message: null,
          caller: null,
          rowCounts: [{ objectName: 'dbo.T', countType: 'Insert', rowCount: rows }],
        });
      const failure = (catalog: CatalogEngine, executionId: string) =>
        end(catalog, { executionId, outcome: 'failure', message: 'boom', caller: null });

      it("reads the window's executions and where each package stands, in a fixed number of queries", async () => {
        const connectionString = await newConnectionString();
        const catalog = await openCatalog(connectionString, OPTIONS);
        open.push(catalog);
        // Before the window: Old's success (its latest), Lonely's two successes, Flaky's success then failure.
        const old = await begin(catalog, request('Old'));
        await success(catalog, old.executionId, 5);
        const lonelyFirst = await begin(catalog, request('Lonely'));
        await success(catalog, lonelyFirst.executionId, 1);
        const lonely = await begin(catalog, request('Lonely'));
        await success(catalog, lonely.executionId, 2);
        const flakyOk = await begin(catalog, request('Flaky'));
        await success(catalog, flakyOk.executionId, 3);
        const flakyFailed = await begin(catalog, request('Flaky'));
        await failure(catalog, flakyFailed.executionId);
        const E = target.qualify('bfx', 'Execution');
        const before = [old, lonelyFirst, lonely, flakyOk, flakyFailed].map((row) => row.executionId).join(', ');
        await target.execute(
          connectionString,
          `UPDATE ${E} SET StartTime = ${target.daysAgo(40)}, EndTime = ${target.daysAgo(40)} WHERE ExecutionID IN (${before})`,
        );
        // In the window: Flaky's retry fails; a batch whose child fails and is retried under it.
        const flakyRetry = await begin(catalog, request('Flaky'));
        await failure(catalog, flakyRetry.executionId);
        const batch = await begin(catalog, request('Nightly', { isBatch: true }));
        const child = await begin(catalog, request('Child', { parentExecutionId: batch.executionId }));
        await failure(catalog, child.executionId);
        const retry = await begin(catalog, request('Child', { parentExecutionId: batch.executionId }));
        await success(catalog, retry.executionId, 7);
        await success(catalog, batch.executionId, 1);
        await setEnabled(catalog, 'Lonely', false, OPERATOR);

        const snapshot = await catalog.reportSnapshot(30 * 24 * 60);

        expect(Date.parse(snapshot.now) - Date.parse(snapshot.since)).toBe(30 * 24 * 60 * 60_000);
        expect(Math.abs(Date.parse(snapshot.now) - Date.now())).toBeLessThan(60_000);
        expect(snapshot.packages.map((pkg) => [pkg.packageName, pkg.isEnabled, pkg.isBatch])).toEqual([
          ['Child', true, false],
          ['Flaky', true, false],
          ['Lonely', false, false],
          ['Nightly', true, true],
          ['Old', true, false],
        ]);
        // Not Lonely's first success, nor Flaky's old failure: neither is a latest, an active or a last success.
        expect(ids(snapshot.executions)).toEqual([
          old.executionId,
          lonely.executionId,
          flakyOk.executionId,
          flakyRetry.executionId,
          batch.executionId,
          child.executionId,
          retry.executionId,
        ]);
        expect(snapshot.executions.find((row) => row.executionId === retry.executionId)).toMatchObject({
          packageName: 'Child',
          parentExecutionId: batch.executionId,
          executionStatus: 'S',
          retryCount: 0,
          repository: 'acme/loads',
          runId: '1001',
        });
        expect(snapshot.rowCounts.map((count) => [count.executionId, count.rowCount])).toEqual([
          [batch.executionId, 1],
          [retry.executionId, 7],
        ]);
        expect(snapshot.audit.map((entry) => [entry.packageName, entry.action, entry.actor])).toEqual([
          ['Lonely', 'disable', 'contract-suite'],
        ]);
      });

      it('reads an empty catalog as nothing', async () => {
        const catalog = await fresh();
        await catalog.migrate();
        const snapshot = await catalog.reportSnapshot(90);
        expect(snapshot).toMatchObject({ packages: [], executions: [], rowCounts: [], audit: [] });
        expect(Date.parse(snapshot.now) - Date.parse(snapshot.since)).toBe(90 * 60_000);
      });
    });

    describe('operators across packages: runs, check, purge, rename, delete', () => {
      const ended = (catalog: CatalogEngine, executionId: string, outcome: 'success' | 'failure', extra = {}) =>
        end(catalog, {
          executionId,
          outcome,
          message: outcome === 'failure' ? 'broken' : null,
          caller: null,
          ...extra,
        });
      /** Moves every execution and audit entry of the catalog far into the past. */
      const age = async (connectionString: string) => {
        await target.execute(
          connectionString,
          `UPDATE ${target.qualify('bfx', 'Execution')} SET StartTime = '2020-01-01T00:00:00'`,
        );
        await target.execute(
          connectionString,
          `UPDATE ${target.qualify('bfx', 'AuditLog')} SET CreatedTime = '2020-01-01T00:00:00'`,
        );
      };
      const ids = (rows: { executionId: string }[]) =>
        rows.map((row) => row.executionId).sort((a, b) => Number(a) - Number(b));

      it("lists every package by time and status, and filters a history; the clock is the catalog server's", async () => {
        const catalog = await fresh();
        const a = await begin(catalog, request('A'));
        await ended(catalog, a.executionId, 'failure');
        const b = await begin(catalog, request('B'));
        await ended(catalog, b.executionId, 'success');
        const a2 = await begin(catalog, request('A'));
        expect(Math.abs(Date.parse(await catalog.now()) - Date.now())).toBeLessThan(60_000);
        expect(ids(await catalog.runs({ sinceMinutes: 60 }, 100))).toEqual(ids([a, b, a2]));
        expect((await catalog.runs({}, 2)).map((row) => row.executionId)).toEqual([a2.executionId, b.executionId]);
        expect(ids(await catalog.runs({ statuses: ['F', 'S'] }, 100))).toEqual(ids([a, b]));
        expect(ids(await catalog.history('A', 10, { statuses: ['R'] }))).toEqual([a2.executionId]);
        await age(connectionStringOf(catalog));
        expect(await catalog.runs({ sinceMinutes: 60 }, 100)).toEqual([]);
        expect(ids(await catalog.history('A', 10, { sinceMinutes: 10 * 365 * 24 * 60 }))).toEqual(ids([a, a2]));
        expect(await catalog.history('A', 10, { sinceMinutes: 60 })).toEqual([]);
      });

      it('checks: a failed latest execution, one active past the limit, a disabled package; the others are healthy', async () => {
        const catalog = await fresh();
        const failed = await begin(catalog, request('Failed'));
        await ended(catalog, failed.executionId, 'failure');
        await begin(catalog, request('Stuck'));
        await begin(catalog, request('Fresh'));
        await begin(catalog, request('Off'));
        await setEnabled(catalog, 'Off', false, OPERATOR);
        const good = await begin(catalog, request('Good'));
        await ended(catalog, good.executionId, 'success');
        await target.execute(
          connectionStringOf(catalog),
          `UPDATE ${target.qualify('bfx', 'Execution')} SET StartTime = '2020-01-01T00:00:00' WHERE ExecutionID = ${
            (await catalog.status('Stuck'))[0].active!.executionId
          }`,
        );
        const { packages } = await check(catalog, undefined, 360);
        expect(Object.fromEntries(packages.map((pkg) => [pkg.status.packageName, pkg.concerns]))).toEqual({
          Failed: ['failed'],
          Stuck: ['stuck'],
          Fresh: [],
          Off: ['disabled'],
          Good: [],
        });
        expect((await check(catalog, 'Good', 360)).packages).toHaveLength(1);
      });

      it('keeps the execution that ended last, which the next begin follows, even when it is not the latest', async () => {
        const catalog = await fresh();
        const loading = await begin(catalog, request('P', { runKey: 'loading' }));
        await setEnabled(catalog, 'P', false, OPERATOR);
        await begin(catalog, request('P', { runKey: 'skipped' }));
        await setEnabled(catalog, 'P', true, OPERATOR);
        await ended(catalog, loading.executionId, 'failure', { caller: { runKey: 'loading' } });
        await age(connectionStringOf(catalog));
        await purge(catalog, 0, OPERATOR, 2);
        expect((await catalog.history('P', 10)).map((row) => row.executionId)).toContain(loading.executionId);
        expect(outputs(await begin(catalog, request('P', { runKey: 'next' })))).toEqual(['R', 'C']);
      });

      it('purges old executions in small batches, keeping what decisions read, and audits it', async () => {
        const catalog = await fresh();
        const connectionString = connectionStringOf(catalog);
        // A: a mark committed by a1, successes and failures, and a retry still active.
        const a1 = await begin(catalog, request('A', { variables: [{ name: 'Mark', value: '0' }] }));
        await ended(catalog, a1.executionId, 'success', {
          variables: [{ name: 'Mark', value: '1' }],
          rowCounts: [{ objectName: 'dbo.T', countType: 'Insert', rowCount: 1 }],
        });
        const a2 = await begin(catalog, request('A'));
        await ended(catalog, a2.executionId, 'failure', {
          rowCounts: [{ objectName: 'dbo.T', countType: 'Insert', rowCount: 2 }],
        });
        const a3 = await begin(catalog, request('A'));
        await ended(catalog, a3.executionId, 'success');
        await begin(catalog, request('A'));
        await reset(catalog, 'A', 'stuck', OPERATOR); // a4 ends F, with an audit entry naming it
        const a5Run = request('A');
        const a5 = await begin(catalog, a5Run);
        // Another run takes a5 over: its end reads the takeover entry to tell the first run it was taken over.
        const taker = request('A');
        expect((await begin(catalog, taker)).executionId).toBe(a5.executionId);
        await setEnabled(catalog, 'Solo', true, OPERATOR); // no such package: nothing recorded
        await setVariable(catalog, 'A', { name: 'Other', value: 'x' }, OPERATOR);
        // Batch B: b1 with children c1 (C) and d1 (D, D's latest); b2 with c2 (failed) and c3 (C's latest).
        const b1 = await begin(catalog, request('B', { isBatch: true }));
        const c1 = await begin(catalog, request('C', { parentExecutionId: b1.executionId }));
        await ended(catalog, c1.executionId, 'success');
        const d1 = await begin(catalog, request('D', { parentExecutionId: b1.executionId }));
        await ended(catalog, d1.executionId, 'success');
        await ended(catalog, b1.executionId, 'success');
        const b2 = await begin(catalog, request('B', { isBatch: true }));
        const c2 = await begin(catalog, request('C', { parentExecutionId: b2.executionId }));
        await ended(catalog, c2.executionId, 'failure');
        const c3 = await begin(catalog, request('C', { parentExecutionId: b2.executionId }));
        await ended(catalog, c3.executionId, 'success');
        await ended(catalog, b2.executionId, 'success');
        await age(connectionString);
        // E: only recent executions, none of which goes.
        const e1 = await begin(catalog, request('E'));
        await ended(catalog, e1.executionId, 'success');
        const e2 = await begin(catalog, request('E'));
        await ended(catalog, e2.executionId, 'failure');

        const result = await purge(catalog, 0, { actor: 'ops', reason: 'retention' }, 2);
        const byName = Object.fromEntries(result.packages.map((pkg) => [pkg.packageName, pkg]));
        // a4 (reset, F) ended last while a5 is active: the next begin after a5 would follow it.
        expect(byName.A).toMatchObject({
          executions: 1,
          kept: { 'marks-variables': 1, 'last-success': 1, active: 1, latest: 1 },
        });
        // The var set, made long ago and of no execution.
        expect(byName.A.auditEntries).toBe(1);
        expect(byName.B).toMatchObject({ executions: 0, kept: { 'child-kept': 1, latest: 1 } });
        expect(byName.C).toMatchObject({ executions: 1, kept: { 'batch-kept': 1, latest: 1 } });
        expect(byName.E).toBeUndefined();
        const a4 = (await catalog.history('A', 10)).find((row) => row.errorMessage === 'stuck')!;
        expect(ids(await catalog.history('A', 10))).toEqual(ids([a1, a3, a4, a5]));
        expect(ids(await catalog.history('C', 10))).toEqual(ids([c2, c3]));
        expect(ids(await catalog.history('B', 10))).toEqual(ids([b1, b2]));
        expect(ids(await catalog.history('D', 10))).toEqual([d1.executionId]);
        expect(ids(await catalog.history('E', 10))).toEqual(ids([e1, e2]));
        expect((await catalog.rowCounts([a1.executionId, a2.executionId])).map((row) => row.executionId)).toEqual([
          a1.executionId,
        ]);
        const [purged] = await catalog.audit('A', 1);
        expect(purged).toMatchObject({ action: 'purge', actor: 'ops' });
        expect(purged.detail).toMatch(
          /^Purged 1 execution and \d+ audit entr(y|ies) older than 0 days; kept 4 old executions that decisions still read\. Reason: retention$/,
        );
        expect((await catalog.audit('A', 10)).map((entry) => [entry.action, entry.executionId])).toEqual([
          ['purge', null],
          ['takeover', a5.executionId],
          ['reset', a4.executionId],
        ]);
        // What decisions read is there: the first owner is told of the takeover, the new one ends it,
        // the batch's children are where they were.
        const late = await end(catalog, {
          executionId: a5.executionId,
          outcome: 'failure',
          message: null,
          caller: { runKey: a5Run.runKey },
        });
        expect(late.kind).toBe('taken-over');
        const ended5 = await end(catalog, {
          executionId: a5.executionId,
          outcome: 'success',
          message: null,
          caller: { runKey: taker.runKey },
        });
        expect(ended5.kind).toBe('ended');
        expect(outputs(await begin(catalog, request('A')))).toEqual(['E', 'C']);
        expect((await begin(catalog, request('A'))).lastExecutionId).toBe(a5.executionId);
        expect(ids(await catalog.children(b2.executionId))).toEqual(ids([c2, c3]));
        // a5's success made a3 no longer the last success, nor a4 the last to end: a second purge
        // deletes them, and only them.
        const again = await purge(catalog, 0, OPERATOR, 2);
        expect(again.packages.map((pkg) => [pkg.packageName, pkg.executions])).toContainEqual(['A', 2]);
        expect(again.packages.reduce((sum, pkg) => sum + pkg.executions, 0)).toBe(2);
        const left = (await catalog.history('A', 10)).map((row) => row.executionId);
        expect(left).not.toContain(a3.executionId);
        expect(left).not.toContain(a4.executionId);
      });

      it('renames a package, keeping its executions and audit entries; refuses a taken name', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('Old'));
        await begin(catalog, request('Taken'));
        expect(await rename(catalog, 'Old', 'Taken', OPERATOR)).toEqual({ kind: 'taken' });
        expect(await rename(catalog, 'Nope', 'New', OPERATOR)).toEqual({ kind: 'no-package' });
        expect(await rename(catalog, 'Old', 'Old', OPERATOR)).toEqual({ kind: 'same-name' });
        const renamed = await rename(catalog, 'Old', 'New', { actor: 'ops', reason: 'naming' });
        expect(renamed).toMatchObject({ kind: 'renamed', package: { packageName: 'New' } });
        expect(await catalog.status('Old')).toEqual([]);
        expect((await catalog.history('New', 10)).map((row) => row.executionId)).toEqual([first.executionId]);
        const [entry] = await catalog.audit('New', 1);
        expect(entry).toMatchObject({
          action: 'rename',
          actor: 'ops',
          detail: 'Renamed from "Old" to "New". Reason: naming',
        });
        // The active execution is resumed under the new name, and ends as before.
        expect((await begin(catalog, request('New'))).executionId).toBe(first.executionId);
      });

      /** A property of an object, its methods bound to it. */
      const boundTo = (target: object, key: string | symbol): unknown => {
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      };
      /**
       * The catalog, but the rename's read of the new name waits for `meanwhile` and answers what
       * it read before: what a rename sees when a begin registers that name at the same moment.
       */
      const renameRacing = (catalog: CatalogEngine, meanwhile: () => Promise<unknown>, hide = false) =>
        new Proxy(catalog, {
          get: (target, key) =>
            key === 'transaction'
              ? (...[lock, what, work]: Parameters<CatalogEngine['transaction']>) =>
                  target.transaction(lock, what, (tx) =>
                    work(
                      new Proxy(tx, {
                        get: (inner, name) =>
                          name === 'packageNamed'
                            ? async (packageName: string) => {
                                const named = await inner.packageNamed(packageName);
                                await meanwhile();
                                return hide ? null : named;
                              }
                            : boundTo(inner, name),
                      }),
                    ),
                  )
              : boundTo(target, key),
        });

      it('refuses a new name registered after the rename read it free as taken: the engine rolls back, nothing renamed', async () => {
        const catalog = await fresh();
        const old = await begin(catalog, request('Old'));
        await begin(catalog, request('New'));
        // The engine itself: a rename onto a name another package has is NameTaken.
        const direct = await catalog
          .transaction({ packageName: 'Old' }, 'rename', (tx) => tx.renamePackage('New'))
          .catch((error: unknown) => error);
        expect(direct).toBeInstanceOf(NameTaken);
        // Run control answers it as it answers a name it saw taken, and the rename left no trace.
        const racing = renameRacing(catalog, async () => undefined, true);
        expect(await rename(racing, 'Old', 'New', OPERATOR)).toEqual({ kind: 'taken' });
        expect((await catalog.history('Old', 10)).map((row) => row.executionId)).toEqual([old.executionId]);
        expect(await catalog.audit('Old', 10)).toEqual([]);
        expect((await catalog.status(undefined)).map((pkg) => pkg.packageName).sort()).toEqual(['New', 'Old']);
      });

      // SQLite has one writer at a time: no begin can register a name while a rename holds the file.
      it.skipIf(engineName === 'sqlite')(
        'refuses as taken a name a begin registers from another connection while the rename runs',
        async () => {
          const catalog = await fresh();
          const other = await openCatalog(connectionStringOf(catalog), OPTIONS);
          open.push(other);
          await begin(catalog, request('Old'));
          const racing = renameRacing(catalog, () => begin(other, request('New')));
          expect(await rename(racing, 'Old', 'New', OPERATOR)).toEqual({ kind: 'taken' });
          expect((await catalog.status(undefined)).map((pkg) => pkg.packageName).sort()).toEqual(['New', 'Old']);
          expect(await catalog.audit('Old', 10)).toEqual([]);
        },
      );

      it('deletes a package with everything of it, refused while an execution is active', async () => {
        const catalog = await fresh();
        const first = await begin(catalog, request('Gone', { variables: [{ name: 'Mark', value: '0' }] }));
        expect(await deletePackage(catalog, 'Gone', OPERATOR)).toEqual({
          kind: 'active',
          executionId: first.executionId,
        });
        await ended(catalog, first.executionId, 'success', {
          rowCounts: [{ objectName: 'dbo.T', countType: 'Insert', rowCount: 1 }],
        });
        await setEnabled(catalog, 'Gone', false, OPERATOR);
        await begin(catalog, request('Stays'));
        const deleted = await deletePackage(catalog, 'Gone', { actor: 'ops', reason: 'retired' });
        expect(deleted).toMatchObject({ kind: 'deleted', executions: 1, package: { packageName: 'Gone' } });
        expect(await deletePackage(catalog, 'Gone', OPERATOR)).toEqual({ kind: 'no-package' });
        // The deletion is audited as an entry of no package that names it; the package's own entries went.
        const audit = (await catalog.reportSnapshot(60)).audit;
        expect(
          audit.map(({ packageId, packageName, executionId, action, actor }) => ({
            packageId,
            packageName,
            executionId,
            action,
            actor,
          })),
        ).toEqual([{ packageId: null, packageName: null, executionId: null, action: 'delete', actor: 'ops' }]);
        expect(audit[0].detail).toBe(
          `Deleted package "Gone" (PackageID ${deleted.kind === 'deleted' ? deleted.package.packageId : '?'}) with 1 execution, their row counts, its marks and its audit entries. Reason: retired`,
        );
        expect(await catalog.status('Gone')).toEqual([]);
        expect(await catalog.variables('Gone')).toBeNull();
        expect(await catalog.rowCounts([first.executionId])).toEqual([]);
        expect((await catalog.status(undefined)).map((pkg) => pkg.packageName)).toEqual(['Stays']);
        // The name is free: a begin registers it anew.
        expect(outputs(await begin(catalog, request('Gone')))).toEqual(['E', 'C']);
      });
    });
  });
}
