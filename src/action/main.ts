/** The main step: begin an execution and publish its outputs (SPEC sections 3 and 6). */
import * as core from '@actions/core';
import { withCatalog } from '../catalog/connect.js';
import { readBeginSettings } from './inputs.js';
import { githubRunContext, githubRunKey } from './run-context.js';
import { reportBegin } from './summary.js';

export const STATE_EXECUTION_ID = 'executionId';
export const STATE_RUN_KEY = 'runKey';

export async function runMain(): Promise<void> {
  const settings = readBeginSettings();
  const context = githubRunContext();
  const runKey = githubRunKey(context);
  const started = performance.now();
  await withCatalog(settings.catalog.connectionString, settings.catalog, async (catalog) => {
    const result = await catalog.begin({
      packageName: settings.packageName,
      retryLimit: settings.retryLimit,
      parentExecutionId: settings.parentExecutionId,
      runKey,
      context,
    });
    core.setOutput('ExecutionID', result.executionId);
    core.setOutput('ExecutionStatus', result.executionStatus);
    core.setOutput('NextLoadStatus', result.nextLoadStatus);
    // Only a runnable execution (E, R, A) is the post step's to end; a skipped one is already ended.
    if (['E', 'R', 'A'].includes(result.executionStatus)) {
      core.saveState(STATE_EXECUTION_ID, result.executionId);
      core.saveState(STATE_RUN_KEY, runKey);
    }
    await reportBegin(settings.packageName, result, catalog, {
      'Run key': runKey,
      'Retry limit input': settings.retryLimit === undefined ? 'not given' : String(settings.retryLimit),
      'Begin took': `${Math.round(performance.now() - started)} ms`,
    });
  });
}
