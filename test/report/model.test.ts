/**
 * The report's model (src/report/model.ts) and its rendering (src/report/render.ts), as pure
 * functions: rows in, what the page shows out. No catalog, no browser (test/e2e/report.test.ts
 * opens the page in Chromium).
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionRow, PackageRow, ReportSnapshot } from '../../src/catalog/catalog.js';
import {
  buildReport,
  failureStreak,
  gridOrder,
  packageState,
  runLink,
  unknownPackages,
  type ExecutionView,
  type PackageView,
} from '../../src/report/model.js';
import { renderReport, reportPayload, scriptJson } from '../../src/report/render.js';

const NOW = '2026-12-05T12:00:00.000Z';
const SINCE = '2026-11-05T12:00:00.000Z';
const since = Date.parse(SINCE);
const now = Date.parse(NOW);
const OPTIONS = { packageNames: [], serverUrl: 'https://github.com' };

const pkg = (packageId: number, packageName: string, values: Partial<PackageRow> = {}): PackageRow => ({
  packageId,
  packageName,
  isEnabled: true,
  retryLimit: null,
  isBatch: false,
  createdTime: '2026-01-01T00:00:00.000Z',
  ...values,
});

let nextId = 1;
function run(packageId: number, packageName: string, day: number, values: Partial<ExecutionRow> = {}): ExecutionRow {
  const start = new Date(Date.parse('2026-11-01T02:00:00.000Z') + day * 86_400_000);
  return {
    executionId: String(nextId++),
    packageId,
    packageName,
    parentExecutionId: null,
    executionStatus: 'S',
    nextLoadStatus: 'P',
    retryCount: 0,
    startTime: start.toISOString(),
    endTime: new Date(start.getTime() + 90_000).toISOString(),
    ended: true,
    errorMessage: null,
    runKey: `k${nextId}`,
    repository: 'acme/loads',
    workflow: 'Nightly',
    job: 'load',
    runId: String(5000 + nextId),
    runAttempt: '1',
    actor: 'octocat',
    event: 'schedule',
    sha: 'f'.repeat(40),
    ...values,
  };
}

function view(status: ExecutionView['status'], day: number, values: Partial<ExecutionView> = {}): ExecutionView {
  const start = new Date(Date.parse('2026-11-01T02:00:00.000Z') + day * 86_400_000).toISOString();
  return {
    executionId: String(nextId++),
    packageId: 1,
    parentExecutionId: null,
    status,
    next: status === 'F' ? 'R' : 'P',
    retryCount: 0,
    startTime: start,
    endTime: status === 'E' || status === 'R' || status === 'A' ? null : start,
    seconds: 0,
    message: null,
    run: null,
    rows: [],
    rowTotal: 0,
    ...values,
  };
}

describe('the failure streak', () => {
  it.each([
    ['no execution', [], null],
    ['a success last', [view('S', 10), view('F', 11), view('S', 12)], null],
    [
      'failures since a success in the window',
      [view('S', 10), view('F', 11), view('F', 12)],
      { failures: 2, beforeWindow: false },
    ],
    ['failures after a success before the window', [view('S', 1), view('F', 11)], { failures: 1, beforeWindow: true }],
    [
      'failures and never a success',
      [view('F', 10), view('F', 11)],
      { failures: 2, lastSuccess: null, beforeWindow: false },
    ],
    [
      'skips and an active retry neither break nor extend it',
      [view('S', 10), view('F', 11), view('C', 12), view('R', 13)],
      { failures: 1 },
    ],
    ['a skip last after a success', [view('S', 10), view('C', 11)], null],
  ])('%s', (_name, executions, expected) => {
    const streak = failureStreak(executions, since);
    if (expected === null) expect(streak).toBeNull();
    else expect(streak).toMatchObject(expected);
  });

  it('starts at the first failure after the last success', () => {
    const first = view('F', 11);
    expect(failureStreak([view('S', 10), first, view('F', 12)], since)).toEqual({
      failures: 2,
      firstFailure: first.startTime,
      lastSuccess: '2026-11-11T02:00:00.000Z',
      beforeWindow: false,
    });
  });
});

describe("a package's state now", () => {
  const enabled = { isEnabled: true };
  const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  it.each([
    ['disabled, whatever ran', { isEnabled: false }, view('S', 30), null, 'disabled'],
    ['never run', enabled, null, null, 'never-run'],
    ['active for 5 min: running', enabled, view('E', 0, { startTime: minutesAgo(5) }), null, 'running'],
    ['active for 6 h: stuck', enabled, view('A', 0, { startTime: minutesAgo(360) }), null, 'stuck'],
    [
      'a failure last',
      enabled,
      view('F', 30),
      { failures: 1, firstFailure: '', lastSuccess: null, beforeWindow: false },
      'failing',
    ],
    ['canceled last', enabled, view('C', 30), null, 'skipped'],
    ['succeeded, the next begin skips it', enabled, view('S', 30, { next: 'C' }), null, 'skipped'],
    ['succeeded', enabled, view('S', 30), null, 'ok'],
  ] as const)('%s', (_name, pkgRow, latest, streak, state) => {
    expect(packageState(pkgRow, latest, streak, now).state).toBe(state);
  });

  it('says why in one sentence', () => {
    expect(
      packageState({ isEnabled: true }, view('A', 0, { executionId: '42', startTime: minutesAgo(400) }), null, now)
        .stateText,
    ).toBe('Stuck: execution 42 has been active for 6 h 40 min without an end.');
    expect(
      packageState(
        { isEnabled: true },
        view('F', 30),
        { failures: 3, firstFailure: '', lastSuccess: '2026-10-01T00:00:00.000Z', beforeWindow: true },
        now,
      ).stateText,
    ).toBe('Failing: 3 or more failure(s) in a row since the last success at 2026-10-01T00:00:00.000Z.');
  });
});

describe('the grid order', () => {
  const row = (packageId: number, name: string, batchPackageId: number | null = null) =>
    ({ packageId, name, batchPackageId }) as PackageView;
  it('puts top-level packages by name, each batch followed by its children by name', () => {
    const ordered = gridOrder([
      row(1, 'LOAD_Zeta'),
      row(2, 'BATCH_B'),
      row(3, 'LOAD_Child2', 2),
      row(4, 'LOAD_Child1', 2),
      row(5, 'BATCH_A'),
      row(6, 'LOAD_Orphan', 99),
    ]);
    expect(ordered.map((p) => p.name)).toEqual([
      'BATCH_A',
      'BATCH_B',
      'LOAD_Child1',
      'LOAD_Child2',
      'LOAD_Orphan',
      'LOAD_Zeta',
    ]);
  });
});

describe('the run link', () => {
  it.each([
    [
      { repository: 'acme/loads', runId: '77', runAttempt: '2' },
      'https://github.com/acme/loads/actions/runs/77/attempts/2',
    ],
    [{ repository: 'acme/loads', runId: '77', runAttempt: null }, 'https://github.com/acme/loads/actions/runs/77'],
    [{ repository: null, runId: null, runAttempt: null }, null],
    [{ repository: 'acme/loads"><script>', runId: '77', runAttempt: '1' }, null],
    [{ repository: 'acme/loads', runId: '77; rm', runAttempt: '1' }, null],
  ])('%j', (row, url) => {
    expect(runLink(row, 'https://github.com/')?.url ?? null).toBe(url);
  });
});

describe('the model of a catalog', () => {
  nextId = 100;
  const packages = [
    pkg(1, 'BATCH_Nightly', { isBatch: true }),
    pkg(2, 'LOAD_Sales'),
    pkg(3, 'LOAD_Customer'),
    pkg(4, 'LOAD_Old', { isEnabled: false }),
  ];
  const oldRun = run(4, 'LOAD_Old', -30);
  const batch = run(1, 'BATCH_Nightly', 10);
  const salesFailed = run(2, 'LOAD_Sales', 10, {
    parentExecutionId: batch.executionId,
    executionStatus: 'F',
    nextLoadStatus: 'R',
    errorMessage: 'Deadlock',
  });
  const salesRetry = run(2, 'LOAD_Sales', 10, { parentExecutionId: batch.executionId, retryCount: 0 });
  const customer = run(3, 'LOAD_Customer', 10, { parentExecutionId: batch.executionId });
  const customerAlone = run(3, 'LOAD_Customer', 12);
  const snapshot: ReportSnapshot = {
    now: NOW,
    since: SINCE,
    packages,
    executions: [oldRun, batch, salesFailed, salesRetry, customer, customerAlone],
    rowCounts: [
      { executionId: salesFailed.executionId, objectName: 'dbo.Sales', countType: 'Insert', rowCount: 70 },
      { executionId: salesRetry.executionId, objectName: 'dbo.Sales', countType: 'Insert', rowCount: 100 },
      { executionId: customer.executionId, objectName: 'dbo.Customer', countType: 'Insert', rowCount: 5 },
      { executionId: customer.executionId, objectName: 'dbo.Customer', countType: 'Update', rowCount: 2 },
    ],
    audit: [
      {
        auditId: '1',
        packageId: 4,
        packageName: 'LOAD_Old',
        executionId: null,
        action: 'disable',
        detail: 'retired',
        actor: 'dana',
        createdTime: '2026-11-20T00:00:00.000Z',
      },
      {
        auditId: '2',
        packageId: 2,
        packageName: 'LOAD_Sales',
        executionId: null,
        action: 'skip',
        detail: null,
        actor: 'dana',
        createdTime: '2026-11-21T00:00:00.000Z',
      },
      {
        auditId: '3',
        packageId: null,
        packageName: null,
        executionId: null,
        action: 'delete',
        detail:
          'Deleted package "LOAD_Gone" (PackageID 9) with 3 executions, their row counts, its marks and its audit entries.',
        actor: 'dana',
        createdTime: '2026-11-22T00:00:00.000Z',
      },
    ],
  };

  it('groups children under the batch they last ran under, even when they ran alone since', () => {
    const model = buildReport(snapshot, OPTIONS);
    expect(model.packages.map((p) => [p.name, p.batchPackageId, p.state])).toEqual([
      ['BATCH_Nightly', null, 'ok'],
      ['LOAD_Customer', 1, 'ok'],
      ['LOAD_Sales', 1, 'ok'],
      ['LOAD_Old', null, 'disabled'],
    ]);
  });

  it("keeps only the window's executions in a package's cells, and its latest apart", () => {
    const old = buildReport(snapshot, OPTIONS).packages.find((p) => p.name === 'LOAD_Old')!;
    expect(old.executions).toEqual([]);
    expect(old.latest?.executionId).toBe(oldRun.executionId);
    const sales = buildReport(snapshot, OPTIONS).packages.find((p) => p.name === 'LOAD_Sales')!;
    expect(sales.executions.map((e) => [e.status, e.seconds, e.rowTotal, e.message])).toEqual([
      ['F', 90, 70, 'Deadlock'],
      ['S', 90, 100, null],
    ]);
    expect(sales.executions[0].run).toEqual({
      url: `https://github.com/acme/loads/actions/runs/${salesFailed.runId}/attempts/1`,
      label: `run ${salesFailed.runId} (attempt 1) of acme/loads`,
    });
  });

  it("rolls a batch execution's rows up from each child's latest attempt, the earlier ones apart", () => {
    const [run1] = buildReport(snapshot, OPTIONS).batchRuns;
    expect(run1.packageName).toBe('BATCH_Nightly');
    expect(run1.children.map((c) => c.executionId)).toEqual([
      salesFailed.executionId,
      salesRetry.executionId,
      customer.executionId,
    ]);
    expect(run1.earlierAttempts).toEqual([salesFailed.executionId]);
    expect(run1.rows).toEqual([
      { objectName: 'dbo.Customer', countType: 'Insert', rowCount: 5 },
      { objectName: 'dbo.Customer', countType: 'Update', rowCount: 2 },
      { objectName: 'dbo.Sales', countType: 'Insert', rowCount: 100 },
    ]);
  });

  it('shows only the packages asked for, a batch with its children, and their audit records, newest first', () => {
    const batchOnly = buildReport(snapshot, { ...OPTIONS, packageNames: ['BATCH_Nightly'] });
    expect(batchOnly.packages.map((p) => p.name)).toEqual(['BATCH_Nightly', 'LOAD_Customer', 'LOAD_Sales']);
    expect(batchOnly.audit.map((a) => a.action)).toEqual(['skip']);
    // A deleted package's record belongs to no package: listed only when the report is of every package.
    expect(buildReport(snapshot, OPTIONS).audit.map((a) => a.action)).toEqual(['delete', 'skip', 'disable']);
    const oldOnly = buildReport(snapshot, { ...OPTIONS, packageNames: ['LOAD_Old'] });
    expect(oldOnly.packages.map((p) => p.name)).toEqual(['LOAD_Old']);
    expect(oldOnly.batchRuns).toEqual([]);
    expect(unknownPackages(snapshot, ['LOAD_Old', 'LOAD_Nope'])).toEqual(['LOAD_Nope']);
  });

  it('renders one page whose data carries every execution once, compactly, and cannot close its script element', () => {
    const tricky = {
      ...snapshot,
      packages: snapshot.packages.map((p) => (p.packageId === 2 ? { ...p, packageName: '</script><b>x' } : p)),
    };
    const model = buildReport(tricky, OPTIONS);
    const meta = { location: 'catalog.db', serverUrl: 'https://github.com', generator: 'bfx test' };
    const html = renderReport(model, meta);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    const payload = reportPayload(model, meta);
    expect(payload.executions.s).toBe('SSFSSS');
    expect(payload.executions.id).toEqual([Number(oldRun.executionId), 1, 1, 1, 1, 1]);
    expect(payload.executions.t[0]).toBeLessThan(0);
    expect(payload.runs[1]).toBe(`acme/loads/actions/runs/${batch.runId}/attempts/1`);
    expect(JSON.parse(scriptJson('</script>\u2028'))).toBe('</script>\u2028');
    expect(scriptJson('</script>')).not.toContain('</');
  });
});
