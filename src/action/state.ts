/**
 * The post step's state, read and saved only here (like actions/checkout's state-helper): what
 * the main step saves with core.saveState, the runner hands to the post step of the same job as
 * STATE_* variables, which core.getState reads ('' when nothing was saved).
 */
import * as core from '@actions/core';
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
