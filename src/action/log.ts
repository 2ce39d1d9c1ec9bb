/**
 * Everything the action's steps write to their log: log lines, annotations and the failure, each
 * through the gate of src/log-text.ts, so that no package name, message, server error or other
 * text a user or a server controls can start a workflow command. The rest of src/action writes
 * through these functions only (eslint.config.js refuses core.info and its kin there).
 *
 * Once a step's catalog transaction has committed, what it reports must not fail the step (the
 * begin or end stands, and a failed step would have the post step end a load that never ran as
 * failed): afterCommit() runs one piece of the report and turns its failure into a warning.
 */
import * as core from '@actions/core';
import { logLine } from '../log-text.js';

export const info = (text: string): void => core.info(logLine(text));

export const notice = (text: string, title: string): void => core.notice(logLine(text), { title: logLine(title) });

export const warning = (text: string, title?: string): void =>
  core.warning(logLine(text), title === undefined ? {} : { title: logLine(title) });

/** Fails the step with its one sentence (an error annotation). */
export const fail = (text: string): void => core.setFailed(logLine(text));

/**
 * Runs a piece of what a step reports after its transaction committed (the job summary, the log
 * lines and annotations, the load's files): a failure becomes a warning saying what is missing
 * and why, and the step goes on.
 */
export async function afterCommit(what: string, consequence: string, piece: () => void | Promise<void>): Promise<void> {
  try {
    await piece();
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).trim().replace(/\.$/, '');
    try {
      warning(`${what} could not be written (${why}), ${consequence}.`, 'bfx-begin');
    } catch {
      // Not even the log can be written to: nothing is left to tell.
    }
  }
}
