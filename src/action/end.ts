/** end/action.yml: end an execution explicitly, from another job than the one that began it. */
import { withCatalog } from '../catalog/connect.js';
import { endOutcome } from '../decision.js';
import { end } from '../run-control/index.js';
import { BfxError } from '../errors.js';
import { readEndSettings } from './inputs.js';
import {
  EMPTY_REPORT,
  isLoadFileOf,
  mergeReports,
  readLoadFiles,
  type LoadFiles,
  type LoadReport,
} from './load-files.js';
import { Env } from './names.js';
import { info } from './log.js';
import { reportEnd } from './summary.js';

export async function runEnd(): Promise<void> {
  const settings = readEndSettings();
  // The files are the load's, the inputs the workflow's: whatever is wrong with either (a file
  // that is not one, a malformed line, an unknown status) fails the load, which ends F with that
  // sentence and stores nothing of them.
  const given: LoadReport = { variables: settings.variables, rowCounts: settings.rowCounts };
  let report = EMPTY_REPORT;
  let malformed = settings.refused ?? undefined;
  if (!malformed) {
    try {
      report = mergeReports(readJobFiles(settings.executionId), given);
    } catch (error) {
      if (!(error instanceof BfxError)) throw error;
      malformed = error;
    }
  }
  const result = await withCatalog(settings.catalog.connectionString, settings.catalog, async (catalog) => {
    const ended = await end(catalog, {
      executionId: settings.executionId,
      ...endOutcome({ outcome: settings.outcome, message: settings.message }, malformed?.message ?? null),
      caller: settings.caller,
      variables: report.variables,
      rowCounts: report.rowCounts,
    });
    await reportEnd(ended, settings.executionId, { ...report, catalog });
    return ended;
  });
  if (result.kind === 'not-found') {
    throw new BfxError(
      `Execution ${settings.executionId} is not in the catalog, so nothing was ended: pass the ExecutionID output of the begin step that uses the same connection-string.`,
    );
  }
  if (result.kind === 'not-owned') {
    // A wiring mistake, not a takeover: no run of this workflow run ever owned the execution.
    const { execution } = result;
    throw new BfxError(
      `Execution ${settings.executionId} (${execution.packageName}) belongs to another workflow run than this one ` +
        `(run ${execution.runId ?? 'unknown'}, run key ${execution.runKey ?? 'unknown'}) and was never this run's, so nothing was ended: ` +
        'pass the ExecutionID output of a begin step of this same workflow run.',
    );
  }
  if (malformed) throw malformed;
}

/**
 * The BFX_VARIABLES and BFX_ROW_COUNTS files, when a begin step of this same job exported them
 * for this execution; those of another execution (a child begun in the job of its batch's end)
 * are left to that execution's post step.
 */
function readJobFiles(executionId: string): LoadReport {
  const files: Partial<LoadFiles> = {};
  for (const [key, name] of [
    ['variables', Env.VariablesFile],
    ['rowCounts', Env.RowCountsFile],
  ] as const) {
    const file = process.env[name];
    if (!file) continue;
    if (isLoadFileOf(file, executionId)) files[key] = file;
    else
      info(`bfx-end: ${name} is another execution's file (${file}), so it was not read for execution ${executionId}.`);
  }
  return readLoadFiles(files);
}
