/**
 * What a begin or an end shows in GitHub: log lines, annotations and the job summary. Only the
 * catalog's location (server/database or file) reaches them, never a connection string.
 */
import * as core from '@actions/core';
import { accessSync, appendFileSync, constants } from 'node:fs';
import type { CatalogEngine, ExecutionRow, RowCount, StoredRowCount, VariableValue } from '../catalog/catalog.js';
import { rollUpRowCounts, splitAttempts } from '../batch-rollup.js';
import { isRunnable } from '../decision.js';
import type { BeginResult, EndResult } from '../run-control/index.js';
import { beginLine, duration, endLine, liveRunSentence, minutes, nextName, runName, statusName } from '../sentences.js';
import { afterCommit, info, notice, warning } from './log.js';

export async function reportBegin(
  packageName: string,
  result: BeginResult,
  catalog: CatalogEngine,
  details: Record<string, string>,
): Promise<void> {
  // The begin has committed: a piece of the report that cannot be written is a warning, never a failed step.
  const began = `execution ${result.executionId} began all the same and the outputs are set`;
  await afterCommit('The log lines of this begin', `so the log lacks them; ${began}`, () =>
    logBegin(packageName, result, catalog, details),
  );
  await afterCommit(
    'The job summary',
    `so it lacks this begin; ${began}: check GITHUB_STEP_SUMMARY on this runner`,
    () => summaryOfBegin(packageName, result, catalog),
  );
}

function logBegin(
  packageName: string,
  result: BeginResult,
  catalog: CatalogEngine,
  details: Record<string, string>,
): void {
  info(beginLine(packageName, result));
  info(result.plan.reason);
  const live = result.liveRun && liveRunSentence(result.liveRun);
  if (live?.kind === 'info') info(live.text);
  core.startGroup('bfx-begin details');
  info(`Catalog: ${catalog.engine}, ${catalog.location}`);
  for (const [name, value] of Object.entries(details)) info(`${name}: ${value}`);

  if (result.liveRun) {
    const { owner, verdict, checks, waitedMs } = result.liveRun;
    // An unknown verdict may come without a request (no run id, no token): no count then.
    info(
      verdict.run === 'unknown'
        ? `GitHub could not tell whether ${runName(owner)} is still running: ${verdict.why}.`
        : `Asked GitHub about ${runName(owner)} ${checks === 1 ? 'once' : `${checks} times`}: ${verdict.run}` +
            (waitedMs > 0 ? `, over ${minutes(waitedMs)}` : '') +
            (verdict.url ? ` (${verdict.url})` : ''),
    );
  }
  core.endGroup();

  const title = `bfx-begin: ${packageName}`;
  if (live?.kind === 'warning') warning(live.text, title);
  if (result.plan.kind === 'yield') {
    notice(live?.kind === 'notice' ? live.text : result.plan.reason, title);
  } else if (result.plan.kind === 'abandon-and-insert' || result.plan.kind === 'resume') {
    notice(result.plan.reason, title);
  } else if (!isRunnable(result.executionStatus)) {
    notice(`${result.plan.reason} The steps gated on ExecutionStatus do not run.`, title);
  }
}

function summaryOfBegin(packageName: string, result: BeginResult, catalog: CatalogEngine): void {
  appendToSummary([
    `<h3>bfx-begin: ${escape(packageName)}</h3>`,
    table(
      ['ExecutionID', 'ExecutionStatus', 'NextLoadStatus', 'RetryCount'],
      [
        [
          result.executionId,
          statusName(result.executionStatus),
          nextName(result.nextLoadStatus),
          String(result.retryCount),
        ],
      ],
    ),
    `<p><b>Why:</b> ${escape(result.plan.reason)}<br>${liveRunHtml(result)}${marksHtml(result)}<b>Catalog:</b> ${catalog.engine}, ${escape(catalog.location)}</p>`,
  ]);
}

/** One line of the begin's summary: the run that owns the active execution, linked, and what GitHub said. */
function liveRunHtml(result: BeginResult): string {
  if (!result.liveRun) return '';
  const { owner, verdict, checks, waitedMs, decisive } = result.liveRun;
  const name = verdict.url ? `<a href="${escape(verdict.url)}">${escape(runName(owner))}</a>` : escape(runName(owner));
  const waited = waitedMs > 0 ? `, waited ${minutes(waitedMs)} (${checks} checks)` : '';
  const said =
    verdict.run === 'alive'
      ? `still running (${escape(verdict.status)})${waited}`
      : verdict.run === 'completed'
        ? `completed${verdict.conclusion ? ` (${escape(verdict.conclusion)})` : ''}${waited}`
        : `not checked: ${escape(verdict.why)}`;
  const label = decisive && verdict.run === 'alive' ? 'Live run' : 'Owning run';
  return `<b>${label}:</b> ${name}, ${said}${decisive ? '' : '; the execution ended or changed hands meanwhile'}<br>`;
}

/** What the load reported to an end (files and inputs), and the catalog, to roll up a batch's row counts. */
export interface EndReport {
  variables: VariableValue[];
  rowCounts: RowCount[];
  catalog: CatalogEngine;
}

export async function reportEnd(result: EndResult, executionId: string, report: EndReport): Promise<void> {
  // The end has committed (or found nothing to do): a piece of the report that cannot be written
  // is a warning, never a failed step.
  await afterCommit(
    'The log lines of this end',
    `so the log lacks them; execution ${executionId} was ended all the same`,
    () => logEnd(result, executionId, report),
  );
  if (result.kind === 'ended' || result.kind === 'reclosed') {
    await afterCommit(
      'The job summary',
      `so it lacks this end; execution ${executionId} was ended all the same: check GITHUB_STEP_SUMMARY on this runner`,
      () => summaryOfEnd(result, report),
    );
  }
}

function logEnd(result: EndResult, executionId: string, report: EndReport): void {
  // An end that wrote nothing stored nothing of what the load reported either.
  const notStored =
    report.variables.length + report.rowCounts.length > 0
      ? ' The variables and row counts the load reported were not stored.'
      : '';
  switch (result.kind) {
    case 'not-found':
    case 'not-owned':
      return; // the caller fails the step with its own sentence
    case 'already-ended':
      warning(
        `Execution ${executionId} had already ended as ${statusName(result.execution.executionStatus)}; it was left as it is` +
          `${result.why ? `, not closed again as succeeded: ${result.why}` : ''}.${notStored}`,
        `bfx-begin: ${result.execution.packageName}`,
      );
      return;
    case 'taken-over':
      warning(
        `Execution ${executionId} was taken over by a later run (${result.execution.runKey ?? 'unknown'}); it is left to that run to end.${notStored}`,
        `bfx-begin: ${result.execution.packageName}`,
      );
      return;
    case 'ended':
    case 'reclosed': {
      info(endLine(result.execution));
      if (result.kind === 'reclosed') info(RECLOSED);
      const loadLine = loadReportLine(result.committedVariables, report);
      if (loadLine) info(loadLine);
    }
  }
}

async function summaryOfEnd(result: EndResult & { kind: 'ended' | 'reclosed' }, report: EndReport): Promise<void> {
  const execution = result.execution;
  // A batch's end lists its children (a batch none ran under shows as any other execution).
  const batch = result.children.length > 0;
  appendToSummary([
    `<h3>bfx-end: ${escape(execution.packageName)}</h3>`,
    table(
      ['ExecutionID', 'ExecutionStatus', 'NextLoadStatus', 'Duration'],
      [
        [
          execution.executionId,
          statusName(execution.executionStatus),
          nextName(execution.nextLoadStatus),
          duration(execution),
        ],
      ],
    ),
    execution.errorMessage ? `<p><b>Message:</b> ${escape(execution.errorMessage)}</p>` : '',
    result.kind === 'reclosed' ? `<p><b>Re-closed:</b> ${escape(RECLOSED)}</p>` : '',
    variablesHtml(result.committedVariables, report.variables, execution),
    batch ? '' : rowCountsHtml('Row counts', report.rowCounts),
    batch ? await batchHtml(execution, result.children, report.catalog) : '',
  ]);
}

const RECLOSED =
  'This batch had ended F (Failed) earlier in this workflow run; this later attempt closed it again as S (Succeeded).';

// --- high-water marks, row counts and batches -------------------------------------------------

/** The begin's summary lines for a load: its last success (for a rollback) and its high-water marks. */
function marksHtml(result: BeginResult): string {
  const parts: string[] = [];
  if (result.lastExecutionId) parts.push(`<b>LastExecutionID:</b> ${escape(result.lastExecutionId)}`);
  const names = Object.entries(result.variables);
  if (names.length > 0) {
    parts.push(`<b>Variables:</b> ${names.map(([name, value]) => `${escape(name)} = ${escape(value)}`).join(', ')}`);
  }
  return parts.map((part) => `${part}<br>`).join('');
}

/** "Stored 3 row counts; committed LastLoadDate." for the log, or '' when the load reported nothing. */
function loadReportLine(committed: VariableValue[], report: EndReport): string {
  const parts: string[] = [];
  if (report.rowCounts.length > 0) parts.push(`stored ${report.rowCounts.length} row count(s)`);
  if (committed.length > 0) parts.push(`committed ${committed.map((v) => v.name).join(', ')}`);
  else if (report.variables.length > 0) parts.push(`committed no variable (the execution did not succeed)`);
  return parts.length > 0 ? `${capitalize(parts.join('; '))}.` : '';
}

function variablesHtml(committed: VariableValue[], reported: VariableValue[], execution: ExecutionRow): string {
  if (committed.length > 0) {
    return (
      '<h4>Variables committed</h4>' +
      table(
        ['Variable', 'Value'],
        committed.map((v) => [v.name, v.value]),
      )
    );
  }
  if (reported.length === 0) return '';
  return (
    `<p><b>Variables not committed:</b> ${escape(reported.map((v) => v.name).join(', '))}, because the execution ended ` +
    `${escape(statusName(execution.executionStatus))}: the next run starts from the values it began with.</p>`
  );
}

function rowCountsHtml(title: string, counts: RowCount[]): string {
  if (counts.length === 0) return '';
  return (
    `<h4>${escape(title)}</h4>` +
    table(
      ['Object', 'Count type', 'Rows'],
      counts.map((c) => [c.objectName, c.countType, c.rowCount.toLocaleString('en-US')]),
    )
  );
}

/**
 * A batch's end: every child (package, status, duration, message), the same as a mermaid gantt
 * chart, and the row counts of the batch and its children rolled up by object and count type.
 */
async function batchHtml(batch: ExecutionRow, children: ExecutionRow[], catalog: CatalogEngine): Promise<string> {
  // Read after the end committed: a fault here costs the summary its table, never the step.
  let counts: StoredRowCount[] = [];
  try {
    counts = await catalog.rowCounts([batch.executionId, ...children.map((child) => child.executionId)]);
  } catch (error) {
    warning(
      `The row counts of batch execution ${batch.executionId} could not be read for the job summary ` +
        `(${error instanceof Error ? error.message : String(error)}); the batch was ended all the same.`,
    );
  }
  // Per child package only its latest attempt under the batch counts: a failed attempt's rows were rolled back.
  const attempts = splitAttempts(children);
  const counted = new Set([batch.executionId, ...attempts.latest.map((child) => child.executionId)]);
  const rows = rollUpRowCounts(counts, counted);
  return (
    `<h4>Children (${children.length})</h4>` +
    table(
      ['Package', 'ExecutionID', 'ExecutionStatus', 'NextLoadStatus', 'Duration', 'Message'],
      children.map((child) => [
        child.packageName,
        child.executionId,
        statusName(child.executionStatus),
        nextName(child.nextLoadStatus),
        duration(child),
        child.errorMessage ?? '',
      ]),
    ) +
    // A blank line ends the HTML block, so that GitHub's markdown sees the fence.
    `\n\n${ganttChart(batch, children)}\n` +
    rowCountsHtml('Row counts of the batch', rows) +
    earlierAttemptsHtml(attempts.earlier, counts)
  );
}

/** The row counts of attempts a later attempt of the same child replaced: listed, not summed. */
function earlierAttemptsHtml(earlier: ExecutionRow[], counts: StoredRowCount[]): string {
  if (earlier.length === 0) return '';
  const ids = new Set(earlier.map((child) => child.executionId));
  const rows = counts.filter((count) => ids.has(count.executionId));
  return (
    `<h4>Earlier attempts (${earlier.length}), not in the totals</h4>` +
    table(
      ['Package', 'ExecutionID', 'ExecutionStatus', 'Rows reported'],
      earlier.map((child) => [
        child.packageName,
        child.executionId,
        statusName(child.executionStatus),
        rows
          .filter((count) => count.executionId === child.executionId)
          .map((count) => `${count.objectName}:${count.countType}=${count.rowCount.toLocaleString('en-US')}`)
          .join(', '),
      ]),
    )
  );
}

/**
 * The batch and its children on a time line, as a mermaid gantt chart (GitHub renders it). Times
 * are UTC, written without a zone so that the axis shows them as they are. Names are data: every
 * character that could end a task name or a line, open a comment or an entity, or close the
 * fence is written as a mermaid entity code (#58; for ":"), and each task starts with its
 * ExecutionID, so a name never reads as a keyword (section, click, ...).
 */
export function ganttChart(batch: ExecutionRow, children: ExecutionRow[]): string {
  const end = batch.endTime ?? new Date().toISOString();
  const lines = [
    '```mermaid',
    'gantt',
    `    title Batch ${mermaidText(batch.packageName)}, execution ${batch.executionId} (UTC)`,
    '    dateFormat YYYY-MM-DDTHH:mm:ss.SSS',
    '    axisFormat %H:%M:%S',
    '    section Batch',
    ganttTask(batch, end),
    '    section Children',
    ...children.map((child) => ganttTask(child, end)),
    '```',
  ];
  return lines.filter((line) => line !== '').join('\n');
}

function ganttTask(execution: ExecutionRow, batchEnd: string): string {
  const start = ganttTime(execution.startTime);
  const finish = ganttTime(execution.endTime ?? batchEnd);
  if (!start || !finish) return '';
  const tag =
    execution.executionStatus === 'C'
      ? 'milestone, '
      : execution.executionStatus === 'S'
        ? 'done, '
        : execution.executionStatus === 'F'
          ? 'crit, '
          : 'active, ';
  const name = `${execution.executionId} ${mermaidText(execution.packageName)} ${execution.executionStatus}`;
  return `    ${name} :${tag}e${execution.executionId}, ${start}, ${finish}`;
}

/** 2026-11-25T22:27:17.123 (UTC, no zone), or '' for a time that does not parse. */
function ganttTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? '' : time.toISOString().slice(0, 23);
}

/** Letters, digits, spaces, _ . - ( ) as they are; any other character as a mermaid entity code. */
export function mermaidText(text: string): string {
  return [...text].map((c) => (/[A-Za-z0-9 _.()-]/.test(c) ? c : `#${c.codePointAt(0)};`)).join('');
}

/**
 * Appends to the job summary (the file GITHUB_STEP_SUMMARY names) each piece of HTML with a line
 * break after it: what @actions/core's summary.addHeading(), addTable() and addRaw(piece, true),
 * then write(), append, with the same file checks. Not through core's summary: running its
 * builder (each tag made attribute by attribute, the file checked and appended to through
 * promises) was about a million instructions of each step's start-up (docs/performance.md,
 * start-up). A piece that cannot be written fails the call: the caller's afterCommit() warns.
 */
function appendToSummary(pieces: string[]): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) {
    throw new Error('GITHUB_STEP_SUMMARY is not set: this runner gives the step no job summary file');
  }
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`the job summary file ${file} cannot be read and written`);
  }
  appendFileSync(file, pieces.map((piece) => `${piece}${EOL}`).join(''), { encoding: 'utf8' });
}

/** node:os's EOL, which core's summary ends each piece with, without loading node:os. */
const EOL = process.platform === 'win32' ? '\r\n' : '\n';

/** An HTML table with every cell escaped. */
function table(header: string[], rows: string[][]): string {
  const cells = (row: string[], tag: 'th' | 'td') => row.map((cell) => `<${tag}>${escape(cell)}</${tag}>`).join('');
  return `<table><tr>${cells(header, 'th')}</tr>${rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('')}</table>`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Text as HTML in the job summary, which GitHub reads as markdown holding HTML blocks: the HTML
 * characters as entities, and line breaks too, since a blank line would end the HTML block and
 * let the rest of the text be read as markdown (a heading, an image, a mermaid fence).
 */
export function escape(text: string): string {
  return text.replace(/[&<>"'\r\n]/g, (c) => `&#${c.charCodeAt(0)};`);
}
