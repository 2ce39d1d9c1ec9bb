/** end/action.yml: end an execution explicitly, from another job than the one that began it. */
import { withCatalog } from '../catalog/connect.js';
import { end } from '../run-control.js';
import { BfxError } from '../errors.js';
import { readEndSettings } from './inputs.js';
import { reportEnd } from './summary.js';

export async function runEnd(): Promise<void> {
  const settings = readEndSettings();
  const result = await withCatalog(settings.catalog.connectionString, settings.catalog, (catalog) =>
    end(catalog, {
      executionId: settings.executionId,
      outcome: settings.outcome,
      message: settings.message,
      caller: settings.caller,
    }),
  );
  if (result.kind === 'not-found') {
    throw new BfxError(
      `Execution ${settings.executionId} is not in the catalog, so nothing was ended: pass the ExecutionID output of the begin step that uses the same connection-string.`,
    );
  }
  await reportEnd(result, settings.executionId);
}
