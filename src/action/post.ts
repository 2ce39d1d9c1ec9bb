/** The post step: end the execution the main step began, from the job's status (docs/decision.md, End). */
import * as core from '@actions/core';
import { withCatalog } from '../catalog/connect.js';
import { end } from '../run-control.js';
import { BfxError } from '../errors.js';
import { readPostSettings } from './inputs.js';
import { getExecutionId, getRunKey } from './state.js';
import { reportEnd } from './summary.js';

export async function runPost(): Promise<void> {
  const executionId = getExecutionId();
  if (!executionId) {
    core.info('bfx-begin: no runnable execution was begun by this job, so there is nothing to end.');
    return;
  }
  const settings = readPostSettings();
  if (!settings.autoEnd) {
    core.info(`bfx-begin: auto-end is false, so execution ${executionId} is left for an explicit end.`);
    return;
  }
  const result = await withCatalog(settings.catalog.connectionString, settings.catalog, (catalog) =>
    end(catalog, {
      executionId,
      outcome: settings.outcome,
      message: settings.outcome === 'success' ? null : `The job ended with status ${settings.outcome}.`,
      caller: { runKey: getRunKey() },
    }),
  );
  if (result.kind === 'not-found') {
    throw new BfxError(
      `Execution ${executionId} is no longer in the catalog, so it could not be ended: check that the catalog was not reset.`,
    );
  }
  await reportEnd(result, executionId);
}
