/** The main step: begin an execution and publish its outputs (docs/decision.md). */
import * as core from '@actions/core';
import { withCatalog } from '../catalog/connect.js';
import { begin } from '../run-control.js';
import { readBeginSettings } from './inputs.js';
import { Outputs } from './names.js';
import { githubRunContext, githubRunKey } from './run-context.js';
import { saveExecutionId, saveRunKey } from './state.js';
import { reportBegin } from './summary.js';

export async function runMain(): Promise<void> {
  const settings = readBeginSettings();
  const context = githubRunContext();
  const runKey = githubRunKey(context);
  const started = performance.now();
  await withCatalog(settings.catalog.connectionString, settings.catalog, async (catalog) => {
    const result = await begin(catalog, {
      packageName: settings.packageName,
      retryLimit: settings.retryLimit,
      parentExecutionId: settings.parentExecutionId,
      runKey,
      context,
      // Always given: without a token (or off GitHub) the check answers 'unknown' and says why. Its
      // module and @actions/github are loaded only when a begin finds an active execution to ask about.
      liveRun: {
        check: async (owner) =>
          (await import('../github/live-run.js')).liveRunCheck({
            token: settings.liveRun.token,
            serverUrl: process.env.GITHUB_SERVER_URL,
            apiUrl: process.env.GITHUB_API_URL,
          })(owner),
        onLiveRun: settings.liveRun.onLiveRun,
        timeoutMs: settings.liveRun.timeoutMs,
      },
    });
    core.setOutput(Outputs.ExecutionID, result.executionId);
    core.setOutput(Outputs.ExecutionStatus, result.executionStatus);
    core.setOutput(Outputs.NextLoadStatus, result.nextLoadStatus);
    // Only a runnable execution (E, R, A) is the post step's to end; a skipped one is already ended.
    if (['E', 'R', 'A'].includes(result.executionStatus)) {
      saveExecutionId(result.executionId);
      saveRunKey(runKey);
    }
    await reportBegin(settings.packageName, result, catalog, {
      'Run key': runKey,
      'Retry limit input': settings.retryLimit === undefined ? 'not given' : String(settings.retryLimit),
      'On a live run': `${settings.liveRun.onLiveRun}${settings.liveRun.onLiveRun === 'wait' ? ` up to ${settings.liveRun.timeoutMs / 60_000} min` : ''}`,
      'Begin took': `${Math.round(performance.now() - started)} ms`,
    });
  });
}
