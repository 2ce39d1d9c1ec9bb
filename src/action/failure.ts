/** How a step fails: one sentence for the user; the stack only with debug logging on. */
import * as core from '@actions/core';
import { BfxError } from '../errors.js';
import { fail } from './log.js';

export async function runStep(step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (error instanceof Error && error.stack) core.debug(error.stack);
    fail(
      error instanceof BfxError
        ? error.message
        : `bfx-begin stopped on an unexpected error (${error instanceof Error ? error.message : String(error)}): rerun with debug logging on and report it.`,
    );
  }
}
