/**
 * The catalog report's model (docs/report.md): what the page shows, worked out from the rows the
 * engine read (ReportSnapshot) by pure functions. Packages in grid order with batches followed by
 * their children, each package's state (disabled, stuck, running, failing, skipped), its current
 * failure streak, its executions in the window with durations and row totals, and each batch
 * execution with its children (only each child's latest attempt counts toward the rows).
 */
import { rollUpRowCounts, splitAttempts } from '../batch-rollup.js';
import type { AuditEntry, ExecutionRow, PackageRow, ReportSnapshot, RowCount } from '../catalog/catalog.js';
import type { ExecutionStatus, NextLoadStatus } from '../decision.js';

/** An execution active this long (6 hours) is stuck, not running. */
export const STUCK_AFTER_MINUTES = 360;

export interface ExecutionView {
  executionId: string;
  packageId: number;
  parentExecutionId: string | null;
  status: ExecutionStatus;
  next: NextLoadStatus;
  retryCount: number;
  startTime: string;
  endTime: string | null;
  /** Whole seconds from start to end; null while active or when a time does not parse. */
  seconds: number | null;
  message: string | null;
  /** The GitHub run that owns it, when it began on GitHub. */
  run: { url: string; label: string } | null;
  rows: RowCount[];
  /** The sum of its row counts, every object and type. */
  rowTotal: number;
}

/**
 * Where a package stands now, from the catalog alone, the first that holds: disabled; stuck (an
 * active execution older than STUCK_AFTER_MINUTES); running; failing (its latest ended execution
 * failed); skipped (its latest execution was skipped, or the next one will be); ok; never run.
 */
export type PackageState = 'disabled' | 'stuck' | 'running' | 'failing' | 'skipped' | 'ok' | 'never-run';

export interface FailureStreak {
  /** Failed executions since the last success, among those read (the window's, and the latest). */
  failures: number;
  firstFailure: string;
  /** When the last success started; null when the package never succeeded. */
  lastSuccess: string | null;
  /** True when the last success is older than the window, so failures before the window are not counted. */
  beforeWindow: boolean;
}

export interface PackageView {
  packageId: number;
  name: string;
  isBatch: boolean;
  isEnabled: boolean;
  retryLimit: number | null;
  /** The batch package it is grouped under: the batch its latest execution under a batch ran under. */
  batchPackageId: number | null;
  state: PackageState;
  /** One sentence: why the state. */
  stateText: string;
  latest: ExecutionView | null;
  streak: FailureStreak | null;
  /** The window's executions, oldest first. */
  executions: ExecutionView[];
}

export interface BatchRun {
  batch: ExecutionView;
  packageName: string;
  /** Every child execution under it, oldest first. */
  children: ExecutionView[];
  /** The executions a later attempt of the same child under this batch replaced. */
  earlierAttempts: string[];
  /** The batch's and each child's latest attempt's row counts, rolled up. */
  rows: RowCount[];
}

export interface ReportModel {
  now: string;
  since: string;
  /** In grid order: top-level packages by name, each batch followed by its children by name. */
  packages: PackageView[];
  /** The window's batch executions, newest first. */
  batchRuns: BatchRun[];
  /** The window's audit records, newest first. */
  audit: AuditEntry[];
}

export interface ReportOptions {
  /** Only these packages, and the children of those that are batches; every package when empty. */
  packageNames: readonly string[];
  /** Where the runs' links point (GITHUB_SERVER_URL on GitHub Enterprise Server). */
  serverUrl: string;
}

/** The names asked for that the catalog does not have. */
export function unknownPackages(snapshot: ReportSnapshot, names: readonly string[]): string[] {
  const known = new Set(snapshot.packages.map((pkg) => pkg.packageName));
  return names.filter((name) => !known.has(name));
}

export function buildReport(snapshot: ReportSnapshot, options: ReportOptions): ReportModel {
  const since = Date.parse(snapshot.since);
  const now = Date.parse(snapshot.now);
  const rowsOf = new Map<string, RowCount[]>();
  for (const count of snapshot.rowCounts) {
    const list = rowsOf.get(count.executionId) ?? [];
    list.push({ objectName: count.objectName, countType: count.countType, rowCount: count.rowCount });
    rowsOf.set(count.executionId, list);
  }
  const views = snapshot.executions.map((row) => executionView(row, rowsOf.get(row.executionId) ?? [], options));
  const byId = new Map(views.map((view) => [view.executionId, view]));
  const ofPackage = groupBy(views, (view) => view.packageId);
  const packageById = new Map(snapshot.packages.map((pkg) => [pkg.packageId, pkg]));

  const batchOf = new Map<number, number>();
  for (const pkg of snapshot.packages) {
    if (pkg.isBatch) continue;
    const underBatch = (ofPackage.get(pkg.packageId) ?? []).filter((view) => {
      const parent = view.parentExecutionId === null ? undefined : byId.get(view.parentExecutionId);
      return parent !== undefined && packageById.get(parent.packageId)?.isBatch === true;
    });
    const last = underBatch.at(-1);
    if (last) batchOf.set(pkg.packageId, byId.get(last.parentExecutionId!)!.packageId);
  }

  const selected = selectPackages(snapshot.packages, batchOf, options.packageNames);
  const packageViews = new Map(
    selected.map((pkg) => [pkg.packageId, packageView(pkg, ofPackage.get(pkg.packageId) ?? [], batchOf, since, now)]),
  );
  const ordered = gridOrder([...packageViews.values()]);

  const batchRuns = views
    .filter((view) => packageViews.get(view.packageId)?.isBatch && Date.parse(view.startTime) >= since)
    .map((batch) => batchRun(batch, views, packageById))
    .reverse();

  const names = new Set(selected.map((pkg) => pkg.packageId));
  // A deleted package's record belongs to no package: shown when no package was asked for.
  const audit = snapshot.audit
    .filter((entry) => (entry.packageId === null ? options.packageNames.length === 0 : names.has(entry.packageId)))
    .reverse();
  return { now: snapshot.now, since: snapshot.since, packages: ordered, batchRuns, audit };
}

function executionView(row: ExecutionRow, rows: RowCount[], options: ReportOptions): ExecutionView {
  const ms = row.endTime === null ? NaN : Date.parse(row.endTime) - Date.parse(row.startTime);
  return {
    executionId: row.executionId,
    packageId: row.packageId,
    parentExecutionId: row.parentExecutionId,
    status: row.executionStatus,
    next: row.nextLoadStatus,
    retryCount: row.retryCount,
    startTime: row.startTime,
    endTime: row.endTime,
    seconds: Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : null,
    message: row.errorMessage,
    run: runLink(row, options.serverUrl),
    rows,
    rowTotal: rows.reduce((sum, count) => sum + count.rowCount, 0),
  };
}

/** The run's page on GitHub (its attempt's, when known); null for an execution begun outside GitHub. */
export function runLink(
  row: Pick<ExecutionRow, 'repository' | 'runId' | 'runAttempt'>,
  serverUrl: string,
): { url: string; label: string } | null {
  if (!row.repository || !row.runId || !/^[\w.-]+\/[\w.-]+$/.test(row.repository) || !/^\d+$/.test(row.runId)) {
    return null;
  }
  const attempt = row.runAttempt && /^\d+$/.test(row.runAttempt) ? row.runAttempt : null;
  return {
    url: `${serverUrl.replace(/\/+$/, '')}/${row.repository}/actions/runs/${row.runId}${attempt ? `/attempts/${attempt}` : ''}`,
    label: `run ${row.runId}${attempt ? ` (attempt ${attempt})` : ''} of ${row.repository}`,
  };
}

function selectPackages(
  packages: readonly PackageRow[],
  batchOf: ReadonlyMap<number, number>,
  names: readonly string[],
): PackageRow[] {
  if (names.length === 0) return [...packages];
  const named = new Set(packages.filter((pkg) => names.includes(pkg.packageName)).map((pkg) => pkg.packageId));
  return packages.filter((pkg) => named.has(pkg.packageId) || named.has(batchOf.get(pkg.packageId) ?? -1));
}

function packageView(
  pkg: PackageRow,
  executions: ExecutionView[],
  batchOf: ReadonlyMap<number, number>,
  since: number,
  now: number,
): PackageView {
  const latest = executions.at(-1) ?? null;
  const streak = failureStreak(executions, since);
  const { state, stateText } = packageState(pkg, latest, streak, now);
  return {
    packageId: pkg.packageId,
    name: pkg.packageName,
    isBatch: pkg.isBatch,
    isEnabled: pkg.isEnabled,
    retryLimit: pkg.retryLimit,
    batchPackageId: batchOf.get(pkg.packageId) ?? null,
    state,
    stateText,
    latest,
    streak,
    executions: executions.filter((view) => Date.parse(view.startTime) >= since),
  };
}

/**
 * The failures since the last success, when the latest ended execution that succeeded or failed
 * failed; null otherwise. Skipped (C) and active executions neither break nor extend a streak.
 */
export function failureStreak(executions: readonly ExecutionView[], since: number): FailureStreak | null {
  const ended = executions.filter((view) => view.endTime !== null && (view.status === 'S' || view.status === 'F'));
  if (ended.at(-1)?.status !== 'F') return null;
  const lastSuccess = ended.findLastIndex((view) => view.status === 'S');
  const failures = ended.slice(lastSuccess + 1);
  const success = lastSuccess >= 0 ? ended[lastSuccess] : null;
  return {
    failures: failures.length,
    firstFailure: failures[0].startTime,
    lastSuccess: success?.startTime ?? null,
    // The read holds every execution of the window and the latest success: failures between the
    // two, before the window, were not read.
    beforeWindow: success === null ? false : Date.parse(success.startTime) < since && failures.length > 0,
  };
}

export function packageState(
  pkg: Pick<PackageRow, 'isEnabled'>,
  latest: ExecutionView | null,
  streak: FailureStreak | null,
  now: number,
): { state: PackageState; stateText: string } {
  if (!pkg.isEnabled) return { state: 'disabled', stateText: 'Disabled: every begin is skipped until it is enabled.' };
  if (latest === null) return { state: 'never-run', stateText: 'Never run.' };
  if (latest.endTime === null) {
    const minutes = Math.floor((now - Date.parse(latest.startTime)) / 60_000);
    return minutes >= STUCK_AFTER_MINUTES
      ? {
          state: 'stuck',
          stateText: `Stuck: execution ${latest.executionId} has been active for ${hours(minutes)} without an end.`,
        }
      : { state: 'running', stateText: `Running: execution ${latest.executionId}, active for ${hours(minutes)}.` };
  }
  if (streak) {
    return {
      state: 'failing',
      stateText:
        `Failing: ${streak.failures}${streak.beforeWindow ? ' or more' : ''} failure(s) in a row since ` +
        (streak.lastSuccess === null ? 'it began (it never succeeded).' : `the last success at ${streak.lastSuccess}.`),
    };
  }
  if (latest.status === 'C' || latest.next === 'C') {
    return {
      state: 'skipped',
      stateText:
        latest.status === 'C'
          ? `Skipped: its latest execution ${latest.executionId} was canceled.`
          : `Skipped next: execution ${latest.executionId} has NextLoadStatus C, so the next begin skips it.`,
    };
  }
  return { state: 'ok', stateText: `OK: execution ${latest.executionId} ended ${latest.status}.` };
}

const hours = (minutes: number) =>
  minutes < 60 ? `${Math.max(0, minutes)} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;

/** Top-level packages (no batch, or a batch) by name, each batch followed by its children by name. */
export function gridOrder(packages: readonly PackageView[]): PackageView[] {
  const byName = (a: PackageView, b: PackageView) => a.name.localeCompare(b.name);
  const present = new Set(packages.map((pkg) => pkg.packageId));
  const isChild = (pkg: PackageView) => pkg.batchPackageId !== null && present.has(pkg.batchPackageId);
  const children = groupBy(packages.filter(isChild), (pkg) => pkg.batchPackageId!);
  return packages
    .filter((pkg) => !isChild(pkg))
    .sort(byName)
    .flatMap((pkg) => [pkg, ...(children.get(pkg.packageId) ?? []).sort(byName)]);
}

function batchRun(
  batch: ExecutionView,
  views: readonly ExecutionView[],
  packageById: ReadonlyMap<number, PackageRow>,
): BatchRun {
  const children = views.filter((view) => view.parentExecutionId === batch.executionId);
  const attempts = splitAttempts(children);
  const counted = new Set([batch.executionId, ...attempts.latest.map((child) => child.executionId)]);
  const stored = [batch, ...children].flatMap((view) =>
    view.rows.map((count) => ({ ...count, executionId: view.executionId })),
  );
  return {
    batch,
    packageName: packageById.get(batch.packageId)?.packageName ?? String(batch.packageId),
    children,
    earlierAttempts: attempts.earlier.map((child) => child.executionId),
    rows: rollUpRowCounts(stored, counted),
  };
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
