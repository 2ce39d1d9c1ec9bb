/**
 * Begin and end requests for the tests that call run control directly: every field a request has,
 * empty unless the test names it; and a begin for the tests that expect it to go ahead.
 */
import type { CatalogEngine, RunContext } from '../../src/catalog/catalog.js';
import type { Outcome } from '../../src/decision.js';
import {
  begin as beginOrRefuse,
  type BeginRequest,
  type BeginResult,
  type EndRequest,
} from '../../src/run-control/index.js';

/** A run outside GitHub: nothing is known about it. */
export const NO_CONTEXT: RunContext = {
  repository: null,
  workflow: null,
  job: null,
  runId: null,
  runAttempt: null,
  actor: null,
  event: null,
  sha: null,
};

let begun = 0;

/**
 * A begin of the package with a run key no other begin used (the process id keeps keys apart
 * across the processes a test starts), no retry limit, no parent and no run context; `extra` sets
 * what the test needs.
 */
export function beginRequest(packageName: string, extra: Partial<BeginRequest> = {}): BeginRequest {
  begun += 1;
  return {
    packageName,
    retryLimit: undefined,
    parentExecutionId: undefined,
    runKey: `test:${process.pid}:${begun}`,
    context: NO_CONTEXT,
    ...extra,
  };
}

/** An end as an operator makes it: no message, no owner check; `extra` sets what the test needs. */
export function endRequest(
  executionId: string,
  outcome: Outcome = 'success',
  extra: Partial<Omit<EndRequest, 'executionId' | 'outcome'>> = {},
): EndRequest {
  return { executionId, outcome, message: null, caller: null, ...extra };
}

/**
 * Run control's begin, for a test (or bench) that expects the begin to go ahead: a refusal fails
 * it, naming what was refused. Tests of a refusal call run control's begin itself.
 */
export async function begin(catalog: CatalogEngine, request: BeginRequest): Promise<BeginResult> {
  const result = await beginOrRefuse(catalog, request);
  if (result.kind !== 'begun') {
    throw new Error(`The begin of package "${request.packageName}" was refused: ${JSON.stringify(result)}.`);
  }
  return result;
}
