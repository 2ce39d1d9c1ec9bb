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
import { writeSync } from 'node:fs';
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

/**
 * Makes process.stdout, which @actions/core writes every log line and workflow command to, a
 * synchronous writer of file descriptor 1. Node creates process.stdout on first use, and on the
 * pipe a runner gives a step that is a net.Socket: creating it loaded Node's net and stream
 * modules, about 5 ms of the main step's 60 ms of CPU (docs/performance.md, start-up). Node
 * writes to a file or (on Linux) a pipe synchronously as well, so the log reads the same. Called by
 * the shipped steps only (src/programs.ts), before anything writes.
 */
export function writeLogDirectly(): void {
  Object.defineProperty(process, 'stdout', {
    configurable: true,
    enumerable: true,
    writable: true,
    value: { fd: 1, write: writeToLog },
  });
}

function writeToLog(
  chunk: string | Uint8Array,
  encodingOrDone?: BufferEncoding | ((error?: Error | null) => void),
  done?: (error?: Error | null) => void,
): boolean {
  const bytes =
    typeof chunk === 'string'
      ? Buffer.from(chunk, typeof encodingOrDone === 'string' ? encodingOrDone : 'utf8')
      : chunk;
  for (let written = 0; written < bytes.length;) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      // A pipe its reader made non-blocking and the reader behind: wait for it, as Node would.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
  (typeof encodingOrDone === 'function' ? encodingOrDone : done)?.();
  return true;
}
