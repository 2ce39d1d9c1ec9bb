/**
 * Begin and end requests for the tests that call run control directly: every field a request has,
 * empty unless the test names it.
 */
import type { RunContext } from '../../src/catalog/catalog.js';
import type { Outcome } from '../../src/decision.js';
import type { BeginRequest, EndRequest } from '../../src/run-control/index.js';

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
