/**
 * Input validation shared by the action and the CLI: every value is checked here, before any
 * catalog is touched, and each refusal is one sentence saying what, why and what to do.
 */
import type { Outcome } from './decision.js';
import { BfxError } from './errors.js';
import type { OpenOptions } from './catalog/catalog.js';
import { parseConnectionString } from './catalog/connection-string.js';
import { COLUMN_LENGTH, MAX_BIGINT, MAX_INT32, isExecutionIdText } from './catalog/limits.js';

export interface CatalogSettings extends OpenOptions {
  connectionString: string;
}

/**
 * The one rule for a package name, the same for every input of the action and every bfx command,
 * so that the action and the CLI store and find the same package for the same text: white space
 * around the name is dropped (the runner's inputs always dropped it), and what is left is the
 * name, kept exactly (case, inner spaces and all), of at least 1 character and at most the
 * column's length (COLUMN_LENGTH.packageName, catalog/limits.ts). `name` is how the
 * value is called where the user gave it: an input name or a CLI argument.
 */
export function packageName(raw: string, name = 'package-name'): string {
  const value = raw.trim();
  if (value === '') {
    throw new BfxError(`The ${name} is empty, so there is no package to run: give the name of the package to load.`);
  }
  // Counted in UTF-16 units, as SQL Server's NVARCHAR counts them, so a name that fits one
  // engine fits them all.
  if (value.length > COLUMN_LENGTH.packageName) {
    throw new BfxError(
      `The ${name} is ${value.length} characters long, more than the catalog's ${COLUMN_LENGTH.packageName}: use a shorter package name.`,
    );
  }
  return value;
}

function wholeNumber(raw: string, name: string, min: number, max: number, what: string): number {
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new BfxError(`The ${name} "${raw}" is not ${what}: give a whole number from ${min} to ${max}.`);
  }
  return Number(value);
}

/** An empty value means "not given". */
export function retryLimit(raw: string, name = 'retry-limit'): number | undefined {
  if (raw.trim() === '') return undefined;
  return wholeNumber(raw, name, 0, MAX_INT32, 'a whole number of retries');
}

export function executionId(raw: string, name = 'execution-id'): string {
  const value = raw.trim();
  if (!isExecutionIdText(value)) {
    throw new BfxError(
      value === ''
        ? `The ${name} is empty, so there is no execution to end: pass the ExecutionID output of the begin step.`
        : `The ${name} "${raw}" is not an ExecutionID: pass the ExecutionID output of the begin step (a whole number from 1 to ${MAX_BIGINT}).`,
    );
  }
  return value;
}

/**
 * A run key given by hand is kept exactly, so one too long for its column is refused rather than
 * cut (a cut key would be another run's); `outcome` says what was therefore not done.
 */
export function runKeyLength(value: string, name: string, outcome: string): void {
  if (value.length > COLUMN_LENGTH.runKey) {
    throw new BfxError(
      `The ${name} is ${value.length} characters long, more than the ${COLUMN_LENGTH.runKey} the catalog keeps, so ${outcome}: use a shorter run key.`,
    );
  }
}

/** An empty value means "not given". */
export function parentExecutionId(raw: string, name = 'parent-execution-id'): string | undefined {
  return raw.trim() === '' ? undefined : executionId(raw, name);
}

export function outcome(raw: string, name = 'status'): Outcome {
  const value = raw.trim().toLowerCase();
  if (value === 'success' || value === 'failure' || value === 'cancelled') return value;
  throw new BfxError(
    `The ${name} "${raw}" is not an outcome bfx-begin knows, so the execution was not ended: use success, failure or cancelled.`,
  );
}

export function timeoutMs(raw: string, name: string, defaultSeconds: number): number {
  if (raw.trim() === '') return defaultSeconds * 1000;
  return wholeNumber(raw, name, 1, 3600, 'a number of seconds') * 1000;
}

/** The catalog-schema input: one rule, kept with the connection string's schema parameter. */
export { catalogSchema } from './catalog/connection-string.js';

export function connectionString(raw: string, name = 'connection-string'): string {
  if (raw.trim() === '') {
    throw new BfxError(
      `The ${name} is empty, so there is no catalog to use: pass sqlite:PATH, a postgres:// URL, or a SQL Server connection string, usually from a secret.`,
    );
  }
  parseConnectionString(raw);
  return raw.trim();
}

/** on-live-run: what begin does when the run owning the active execution is still alive. */
export function onLiveRun(raw: string, name = 'on-live-run'): 'skip' | 'wait' {
  const value = raw.trim().toLowerCase();
  if (value === '') return 'skip';
  if (value === 'skip' || value === 'wait') return value;
  throw new BfxError(
    `The ${name} "${raw}" is not a choice bfx-begin knows, so nothing was begun: use skip (skip this run while the other one runs) or wait (wait for it to complete).`,
  );
}

/** live-run-timeout: minutes, decimals allowed (`.5`, `0.5` and `1.` are written as people write them); at most the 5 days a self-hosted job may run. */
export function liveRunTimeoutMs(raw: string, name = 'live-run-timeout'): number {
  const value = raw.trim();
  if (value === '') return DEFAULT_LIVE_RUN_TIMEOUT_MINUTES * 60_000;
  if (!/^(\d+\.?\d*|\.\d+)$/.test(value) || Number(value) > MAX_LIVE_RUN_TIMEOUT_MINUTES) {
    throw new BfxError(
      `The ${name} "${raw}" is not a number of minutes, so nothing was begun: give a number from 0 to ${MAX_LIVE_RUN_TIMEOUT_MINUTES} (0.5 is 30 seconds).`,
    );
  }
  return Math.round(Number(value) * 60_000);
}

export const DEFAULT_LIVE_RUN_TIMEOUT_MINUTES = 60;
const MAX_LIVE_RUN_TIMEOUT_MINUTES = 7200;

export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 15;
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;
