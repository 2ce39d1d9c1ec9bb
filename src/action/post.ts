/** The post step: end the execution the main step began, from the job's status (docs/decision.md, End). */
import { withCatalog } from '../catalog/connect.js';
import { endOutcome } from '../decision.js';
import { end } from '../run-control/index.js';
import { BfxError } from '../errors.js';
import { readPostSettings } from './inputs.js';
import { EMPTY_REPORT, readLoadFiles, type LoadReport } from './load-files.js';
import { getExecutionId, getLoadFiles, getRunKey } from './state.js';
import { info } from './log.js';
import { reportEnd } from './summary.js';

export async function runPost(): Promise<void> {
  const executionId = getExecutionId();
  if (!executionId) {
    info('bfx-begin: no runnable execution was begun by this job, so there is nothing to end.');
    return;
  }
  const settings = readPostSettings(executionId);
  if (!settings.autoEnd) {
    info(`bfx-begin: auto-end is false, so execution ${executionId} is left for an explicit end.`);
    return;
  }
  // What the load wrote to BFX_VARIABLES and BFX_ROW_COUNTS. Whatever is wrong with them (or
  // with the job-status) fails the load: the execution ends F with that sentence, and nothing of
  // either file is stored. The end never leaves the execution active.
  const { report, malformed } = settings.refused ? { report: EMPTY_REPORT, malformed: settings.refused } : readReport();
  const { outcome, message } = endOutcome(
    {
      outcome: settings.outcome,
      message: settings.outcome === 'success' ? null : `The job ended with status ${settings.outcome}.`,
    },
    malformed?.message ?? null,
  );
  const result = await withCatalog(settings.catalog.connectionString, settings.catalog, async (catalog) => {
    const ended = await end(catalog, {
      executionId,
      outcome,
      message,
      caller: { runKey: getRunKey() },
      variables: report.variables,
      rowCounts: report.rowCounts,
    });
    await reportEnd(ended, executionId, { ...report, catalog });
    return ended;
  });
  if (result.kind === 'not-found') {
    throw new BfxError(
      `Execution ${executionId} is no longer in the catalog, so it could not be ended: check that the catalog was not reset.`,
    );
  }
  if (result.kind === 'not-owned') {
    throw new BfxError(
      `Execution ${executionId} belongs to run ${result.execution.runKey ?? 'unknown'} and was never this run's, so it was not ended: ` +
        'the catalog no longer matches what the begin step saved; check that it was not changed by hand.',
    );
  }
  if (malformed) throw malformed;
}

function readReport(): { report: LoadReport; malformed?: BfxError } {
  const files = getLoadFiles();
  if (!files) return { report: EMPTY_REPORT };
  try {
    return { report: readLoadFiles(files) };
  } catch (error) {
    if (error instanceof BfxError) return { report: EMPTY_REPORT, malformed: error };
    throw error;
  }
}
