/** The main step: begin an execution and publish its outputs (docs/decision.md). */
import * as core from '@actions/core';
import { withCatalog } from '../catalog/connect.js';
import { begin } from '../run-control/index.js';
import { isRunnable } from '../decision.js';
import { BfxError } from '../errors.js';
import { refusedBeginSentence } from '../sentences.js';
import { readBeginSettings } from './inputs.js';
import { createLoadFiles } from './load-files.js';
import { afterCommit } from './log.js';
import { Env, Inputs, Outputs } from './names.js';
import { githubRunContext, githubRunKey } from './run-context.js';
import { saveExecutionId, saveLoadFiles, saveRunKey } from './state.js';
import { reportBegin } from './summary.js';

export async function runMain(): Promise<void> {
  const settings = readBeginSettings();
  const context = githubRunContext();
  const runKey = githubRunKey(context);
  // process.hrtime, not performance.now(): the global `performance` loads node:perf_hooks (about
  // 1 ms of every main step's start-up, docs/performance.md).
  const started = process.hrtime.bigint();
  await withCatalog(settings.catalog.connectionString, settings.catalog, async (catalog) => {
    const begun = await begin(catalog, {
      packageName: settings.packageName,
      retryLimit: settings.retryLimit,
      parentExecutionId: settings.parentExecutionId,
      isBatch: settings.isBatch,
      variables: settings.variables,
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
    if (begun.kind !== 'begun') {
      throw new BfxError(refusedBeginSentence(begun, Inputs.ParentExecutionId, catalog.location));
    }
    const result = begun;
    // The begin has committed: from here on, only the outputs (and the state the post step ends
    // the execution with) may fail the step, since no later step could be gated without them.
    const runnable = isRunnable(result.executionStatus);
    try {
      // Only a runnable execution (E, R, A) is the post step's to end; a skipped one is already ended.
      if (runnable) {
        saveExecutionId(result.executionId);
        saveRunKey(runKey);
      }
      core.setOutput(Outputs.ExecutionID, result.executionId);
      core.setOutput(Outputs.ExecutionStatus, result.executionStatus);
      core.setOutput(Outputs.NextLoadStatus, result.nextLoadStatus);
      // Skipped runs (C) too: a batch's start, and the marks and last success a rollback reads.
      core.setOutput(Outputs.BatchStartTime, result.batchStartTime);
      core.setOutput(Outputs.LastExecutionID, result.lastExecutionId ?? '');
      core.setOutput(Outputs.Variables, JSON.stringify(result.variables));
    } catch (error) {
      throw new BfxError(
        `Execution ${result.executionId} began as ${result.executionStatus}, but its outputs could not be written ` +
          `(${error instanceof Error ? error.message : String(error)}), so the step fails rather than let the steps ` +
          "gated on them run blind: check the runner's GITHUB_OUTPUT and GITHUB_STATE files.",
      );
    }
    // Everything else is reported, and a piece that cannot be written is a warning.
    const loadDetails: Record<string, string> = {};
    if (runnable) {
      await afterCommit(
        `The files ${Env.VariablesFile} and ${Env.RowCountsFile} the load reports through`,
        `so the load cannot report its high-water marks and row counts through them: give them to bfx-begin/end as inputs, or check RUNNER_TEMP`,
        () => {
          // For every later step of the job, and the post step.
          const files = createLoadFiles(result.executionId);
          core.exportVariable(Env.VariablesFile, files.variables);
          core.exportVariable(Env.RowCountsFile, files.rowCounts);
          saveLoadFiles(files);
          loadDetails[Env.VariablesFile] = files.variables;
          loadDetails[Env.RowCountsFile] = files.rowCounts;
        },
      );
    }
    await reportBegin(settings.packageName, result, catalog, {
      'Run key': runKey,
      'Retry limit input': settings.retryLimit === undefined ? 'not given' : String(settings.retryLimit),
      'On a live run': `${settings.liveRun.onLiveRun}${settings.liveRun.onLiveRun === 'wait' ? ` up to ${settings.liveRun.timeoutMs / 60_000} min` : ''}`,
      'Begin took': `${Math.round(Number(process.hrtime.bigint() - started) / 1e6)} ms`,
      ...loadDetails,
    });
  });
}
