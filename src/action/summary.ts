/**
 * The job summary and annotations of a begin or an end. Only catalog locations reach them,
 * never a connection string.
 */
import * as core from '@actions/core';
import type { BeginResult, Catalog, EndResult } from '../catalog/catalog.js';
import { beginLine, duration, endLine, nextName, statusName } from '../report.js';

export async function reportBegin(packageName: string, result: BeginResult, catalog: Catalog): Promise<void> {
  const status = statusName(result.executionStatus);
  const next = nextName(result.nextLoadStatus);
  core.info(beginLine(packageName, result));
  core.info(result.plan.reason);

  const title = `bfx-begin: ${packageName}`;
  if (result.plan.kind === 'abandon-and-insert' || result.plan.kind === 'resume') {
    core.notice(result.plan.reason, { title });
  } else if (result.executionStatus === 'C') {
    core.notice(`${result.plan.reason} The load steps gated on ExecutionStatus will not run.`, { title });
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
      [result.executionId, status, next, String(result.retryCount)],
    ])
    .addRaw(`<p><b>Why:</b> ${escape(result.plan.reason)}</p>`, true)
    .addRaw(`<p><b>Catalog:</b> ${catalog.engine}, ${escape(catalog.location)}</p>`, true)
    .write();
}

export async function reportEnd(result: EndResult, executionId: string): Promise<void> {
  switch (result.kind) {
    case 'not-found':
      return; // the caller fails the step with its own message
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
    case 'ended':
      core.info(endLine(result.execution));
      await core.summary
        .addHeading(`bfx-end: ${escape(result.execution.packageName)}`, 3)
        .addTable([
          [
            { data: 'ExecutionID', header: true },
            { data: 'ExecutionStatus', header: true },
            { data: 'NextLoadStatus', header: true },
            { data: 'Duration', header: true },
          ],
          [
            result.execution.executionId,
            statusName(result.execution.executionStatus),
            nextName(result.execution.nextLoadStatus),
            duration(result.execution),
          ],
        ])
        .write();
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
