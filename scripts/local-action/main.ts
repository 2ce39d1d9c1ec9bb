/**
 * The main step for `npm run local-action`. @github/local-action imports an entrypoint and calls
 * the run() it exports, one entrypoint per step, while runMainOrPost in src/action/index.ts (what
 * the bundle runs) picks main or post from the saved state: so it gets these two small entrypoints.
 */
import { runStep } from '../../src/action/failure.js';
import { runMain } from '../../src/action/main.js';

export function run(): Promise<void> {
  return runStep(runMain);
}
