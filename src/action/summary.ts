/**
 * What a begin or an end shows in GitHub: log lines, annotations and the job summary. Only the
 * catalog's location (server/database or file) reaches them, never a connection string.
 */
import * as core from '@actions/core';
import type { CatalogEngine } from '../catalog/catalog.js';
import type { BeginResult, EndResult } from '../run-control.js';
import { beginLine, duration, endLine, liveRunSentence, minutes, nextName, runName, statusName } from '../report.js';

export async function reportBegin(
  packageName: string,
  result: BeginResult,
  catalog: CatalogEngine,
  details: Record<string, string>,
): Promise<void> {
  core.info(beginLine(packageName, result));
  core.info(result.plan.reason);
  const live = result.liveRun && liveRunSentence(result.liveRun);
  if (live?.kind === 'info') core.info(live.text);
  core.startGroup('bfx-begin details');
  core.info(`Catalog: ${catalog.engine}, ${catalog.location}`);
  for (const [name, value] of Object.entries(details)) core.info(`${name}: ${value}`);

  if (result.liveRun) {
    const { owner, verdict, checks, waitedMs } = result.liveRun;
    core.info(
      `Asked GitHub about ${runName(owner)} ${checks} time(s): ${verdict.run}` +
        (waitedMs > 0 ? `, over ${minutes(waitedMs)}` : '') +
        (verdict.url ? ` (${verdict.url})` : ''),
    );
  }
  core.endGroup();

  const title = `bfx-begin: ${packageName}`;
  if (live?.kind === 'warning') core.warning(live.text, { title });
  if (result.plan.kind === 'yield') {
    core.notice(live?.kind === 'notice' ? live.text : result.plan.reason, { title });
  } else if (result.plan.kind === 'abandon-and-insert' || result.plan.kind === 'resume') {
    core.notice(result.plan.reason, { title });
  } else if (result.executionStatus === 'C') {
    core.notice(`${result.plan.reason} The steps gated on ExecutionStatus do not run.`, { title });
  }

  await core.summary
    .addHeading(`bfx-begin: ${escape(packageName)}`, 3)
    .addTable([
      [
        { data: 'ExecutionID', header: true },
        { data: 'ExecutionStatus', header: true },
        { data: 'NextLoadStatus', header: true },
        { data: 'RetryCount', header: true },
      ],
      [
        result.executionId,
        statusName(result.executionStatus),
        nextName(result.nextLoadStatus),
        String(result.retryCount),
      ],
    ])
    .addRaw(
      `<p><b>Why:</b> ${escape(result.plan.reason)}<br>${liveRunHtml(result)}<b>Catalog:</b> ${catalog.engine}, ${escape(catalog.location)}</p>`,
      true,
    )
    .write();
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

export async function reportEnd(result: EndResult, executionId: string): Promise<void> {
  switch (result.kind) {
    case 'not-found':
      return; // the caller fails the step with its own sentence
    case 'already-ended':
      core.warning(
        `Execution ${executionId} had already ended as ${statusName(result.execution.executionStatus)}; it was left as it is.`,
        { title: `bfx-begin: ${result.execution.packageName}` },
      );
      return;
    case 'taken-over':
      core.warning(
        `Execution ${executionId} was taken over by a later run (${result.execution.runKey ?? 'unknown'}); it is left to that run to end.`,
        { title: `bfx-begin: ${result.execution.packageName}` },
      );
      return;
    case 'ended': {
      const execution = result.execution;
      core.info(endLine(execution));
      await core.summary
        .addHeading(`bfx-end: ${escape(execution.packageName)}`, 3)
        .addTable([
          [
            { data: 'ExecutionID', header: true },
            { data: 'ExecutionStatus', header: true },
            { data: 'NextLoadStatus', header: true },
            { data: 'Duration', header: true },
          ],
          [
            execution.executionId,
            statusName(execution.executionStatus),
            nextName(execution.nextLoadStatus),
            duration(execution),
          ],
        ])
        .addRaw(execution.errorMessage ? `<p><b>Message:</b> ${escape(execution.errorMessage)}</p>` : '', true)
        .write();
    }
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
