/**
 * Everything the action's steps write to their log: log lines, annotations and the failure, each
 * through the gate of src/log-text.ts, so that no package name, message, server error or other
 * text a user or a server controls can start a workflow command. The rest of src/action writes
 * through these functions only (eslint.config.js refuses core.info and its kin there).
 */
import * as core from '@actions/core';
import { logLine } from '../log-text.js';

export const info = (text: string): void => core.info(logLine(text));

export const notice = (text: string, title: string): void => core.notice(logLine(text), { title: logLine(title) });

export const warning = (text: string, title?: string): void =>
  core.warning(logLine(text), title === undefined ? {} : { title: logLine(title) });

/** Fails the step with its one sentence (an error annotation). */
export const fail = (text: string): void => core.setFailed(logLine(text));
