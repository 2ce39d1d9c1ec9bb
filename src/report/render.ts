/**
 * The catalog report as one self-contained HTML file (docs/report.md): a pure function of the
 * model. The page carries its styles, its script and its data inline, and a Content Security
 * Policy that forbids every request, so opening it never reaches the network. The data travels
 * as compact JSON (columns of numbers, strings kept once) and the page's own script draws the
 * grid, the trends and the timelines from it: a month of 1,000 packages is tens of thousands of
 * cells, far smaller as data than as markup.
 */
import { EXECUTION_STATUS_NAMES, NEXT_LOAD_STATUS_NAMES } from '../decision.js';
import type { ExecutionView, ReportModel } from './model.js';
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

export interface ReportMeta {
  /** The catalog's server and database, or file: never a connection string. */
  location: string;
  /** Where the runs' links point. */
  serverUrl: string;
  /** What made the file ("bfx 1.0.0"). */
  generator: string;
}

/** Strings kept once, referred to by index. */
class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(text: string | null): number {
    if (text === null) return -1;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

/**
 * The page's data. Executions are columns, in ExecutionID order (which is about time order), so
 * most numbers are small differences: IDs and start times (in seconds; the first from the
 * window's start, negative before it) as differences from the execution before, a parent as how
 * many executions back it is (0 for none), row counts' executions as differences from the count
 * before. Durations in seconds (-1 while active), statuses as one string of letters, texts
 * (messages, objects, runs) as indexes into string tables.
 */
export function reportPayload(model: ReportModel, meta: ReportMeta) {
  const since = Math.round(Date.parse(model.since) / 1000);
  const executions = new Map<string, ExecutionView>();
  const add = (view: ExecutionView | null) => view && executions.set(view.executionId, view);
  for (const pkg of model.packages) {
    pkg.executions.forEach(add);
    add(pkg.latest);
  }
  for (const run of model.batchRuns) [run.batch, ...run.children].forEach(add);
  const ordered = [...executions.values()].sort((a, b) => (BigInt(a.executionId) < BigInt(b.executionId) ? -1 : 1));
  const indexOf = new Map(ordered.map((view, i) => [view.executionId, i]));
  const packageIndex = new Map(model.packages.map((pkg, i) => [pkg.packageId, i]));

  const texts = new Strings();
  const runs = new Strings();
  let previousId = 0n;
  let previousStart = since;
  let previousCounted = 0;
  const ex = { id: [] as number[], p: [] as number[], s: '', n: '', r: [] as number[], t: [] as number[] };
  const more = { d: [] as number[], m: [] as number[], par: [] as number[], run: [] as number[], rows: [] as number[] };
  const rowCounts: number[] = [];
  for (const [i, view] of ordered.entries()) {
    const id = BigInt(view.executionId);
    ex.id.push(Number(id - previousId));
    previousId = id;
    ex.p.push(packageIndex.get(view.packageId) ?? -1);
    ex.s += view.status;
    ex.n += view.next;
    ex.r.push(view.retryCount);
    const start = Math.round(Date.parse(view.startTime) / 1000);
    ex.t.push(start - previousStart);
    previousStart = start;
    more.d.push(view.seconds ?? -1);
    more.m.push(texts.of(view.message));
    const parent = view.parentExecutionId === null ? undefined : indexOf.get(view.parentExecutionId);
    more.par.push(parent === undefined ? 0 : i - parent);
    more.run.push(view.run ? runs.of(view.run.url.slice(meta.serverUrl.replace(/\/+$/, '').length + 1)) : -1);
    more.rows.push(view.rowTotal);
    for (const count of view.rows) {
      rowCounts.push(i - previousCounted, texts.of(count.objectName), texts.of(count.countType), count.rowCount);
      previousCounted = i;
    }
  }

  return {
    title: 'bfx catalog report',
    location: meta.location,
    generator: meta.generator,
    server: meta.serverUrl.replace(/\/+$/, ''),
    now: model.now,
    since: model.since,
    /** The window's start, in whole seconds: start times count from it. */
    sinceSeconds: since,
    statusNames: EXECUTION_STATUS_NAMES,
    nextNames: NEXT_LOAD_STATUS_NAMES,
    packages: model.packages.map((pkg) => [
      pkg.name,
      (pkg.isBatch ? 1 : 0) | (pkg.isEnabled ? 2 : 0),
      pkg.retryLimit,
      pkg.batchPackageId === null ? -1 : (packageIndex.get(pkg.batchPackageId) ?? -1),
      pkg.state,
      pkg.stateText,
      pkg.streak ? [pkg.streak.failures, pkg.streak.firstFailure, pkg.streak.lastSuccess, pkg.streak.beforeWindow] : 0,
      pkg.latest ? indexOf.get(pkg.latest.executionId)! : -1,
    ]),
    executions: { ...ex, ...more },
    texts: texts.list,
    runs: runs.list,
    rowCounts,
    batchRuns: model.batchRuns.map((run) => [
      indexOf.get(run.batch.executionId)!,
      run.children.map((child) => indexOf.get(child.executionId)!),
      run.earlierAttempts.map((id) => indexOf.get(id)!),
      run.rows.map((count) => [count.objectName, count.countType, count.rowCount]),
    ]),
    audit: model.audit.map((entry) => [
      entry.createdTime,
      // A deleted package's record names it in its detail only.
      entry.packageName ?? '(deleted)',
      entry.executionId,
      entry.action,
      entry.detail,
      entry.actor,
    ]),
  };
}

/** JSON that can sit inside a script element: no `</script>`, no `<!--`, no line separators that break older parsers. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const html = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderReport(model: ReportModel, meta: ReportMeta): string {
  const payload = reportPayload(model, meta);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="${html(meta.generator)}">
<title>bfx catalog report: ${html(meta.location)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>bfx catalog report</h1>
<p class="meta">${html(meta.location)} · executions that started from <time>${html(model.since)}</time> to <time>${html(model.now)}</time> (the catalog's clock, UTC) · ${html(meta.generator)}</p>
</header>
<noscript><p class="noscript">This report draws its grid with the script inside the file: allow scripts for this file to see it.</p></noscript>
<main id="report" aria-busy="true"></main>
<script type="application/json" id="report-data">${scriptJson(payload)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
