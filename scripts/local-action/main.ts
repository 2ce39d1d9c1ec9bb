/**
 * The main step for `npm run local-action`. @github/local-action imports an entrypoint and calls
 * the run() it exports, while src/action/index.ts (the bundle's entry) does its work on import and
 * picks main or post from the saved state: so it gets these two small entrypoints instead.
 */
import { runStep } from '../../src/action/failure.js';
import { runMain } from '../../src/action/main.js';

export function run(): Promise<void> {
  return runStep(runMain);
}
