/**
 * The post step's state, read and saved only here (like actions/checkout's state-helper): what
 * the main step saves with core.saveState, the runner hands to the post step of the same job as
 * STATE_* variables, which core.getState reads ('' when nothing was saved).
 */
import * as core from '@actions/core';
import type { LoadFiles } from './load-files.js';
import { State } from './names.js';

/** Whether this process is the post step: the main step marks the state first thing. */
export function isPost(): boolean {
  return core.getState(State.IsPost) === 'true';
}

/** Called by the main step before anything else, so that the post step knows it is the post step. */
export function saveIsPost(): void {
  core.saveState(State.IsPost, 'true');
}

/** The runnable execution the main step began, or undefined when it began none (skipped, failed). */
export function getExecutionId(): string | undefined {
  return core.getState(State.ExecutionId) || undefined;
}

export function saveExecutionId(executionId: string): void {
  core.saveState(State.ExecutionId, executionId);
}

/** The run key the main step began its execution under. */
export function getRunKey(): string {
  return core.getState(State.RunKey);
}

export function saveRunKey(runKey: string): void {
  core.saveState(State.RunKey, runKey);
}

/** The files the load reports through (BFX_VARIABLES, BFX_ROW_COUNTS), or undefined when none were made. */
export function getLoadFiles(): LoadFiles | undefined {
  const variables = core.getState(State.VariablesFile);
  const rowCounts = core.getState(State.RowCountsFile);
  return variables || rowCounts ? { variables, rowCounts } : undefined;
}

export function saveLoadFiles(files: LoadFiles): void {
  core.saveState(State.VariablesFile, files.variables);
  core.saveState(State.RowCountsFile, files.rowCounts);
}
