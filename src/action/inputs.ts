/**
 * The action's inputs, read once into typed settings (the README lists them). The connection string and
 * the github-token are registered as secrets before anything else happens, so no later log line can show them.
 */
import * as core from '@actions/core';
import type { RowCount, VariableValue } from '../catalog/catalog.js';
import { masksOf, secretsIn } from '../catalog/connection-string.js';
import type { EndCaller, Outcome } from '../decision.js';
import { BfxError } from '../errors.js';
import * as validate from '../validate.js';
import type { CatalogSettings } from '../validate.js';
import { parseRowCounts, parseVariables } from '../parse-load-files.js';
import { toValues } from './load-files.js';
import { Inputs, type InputName } from './names.js';

export interface BeginSettings {
  packageName: string;
  retryLimit: number | undefined;
  parentExecutionId: string | undefined;
  /** Read by the post step; checked here so that a bad value fails before anything is begun. */
  autoEnd: boolean;
  catalog: CatalogSettings;
  liveRun: LiveRunSettings;
  // Batches and high-water marks
  /** Marks the package as a batch (is-batch). */
  isBatch: boolean;
  /** The high-water marks the load uses, with their defaults (NAME=DEFAULT lines). */
  variables: VariableValue[];
}

/** Asking GitHub whether the run owning an active execution is alive (docs/decision.md, step 5). */
export interface LiveRunSettings {
  /** The github-token input, registered as a secret; '' when none was given. */
  token: string;
  onLiveRun: 'skip' | 'wait';
  timeoutMs: number;
}

export interface PostSettings {
  autoEnd: boolean;
  outcome: Outcome;
  catalog: CatalogSettings;
  /** Why the job-status cannot be used; the end then records F with this sentence. */
  refused: BfxError | null;
}

export interface EndSettings {
  executionId: string;
  outcome: Outcome;
  message: string | null;
  catalog: CatalogSettings;
  caller: EndCaller;
  // What the load reports, given as inputs (added to what the BFX_* files of this job say)
  variables: VariableValue[];
  rowCounts: RowCount[];
  /**
   * What the workflow passed that cannot be used (a status bfx-begin does not know, such as
   * `skipped`; a malformed variables or row-counts line). The execution is still ended, as F with
   * this sentence, and nothing of the variables or row counts is stored: an end step never leaves
   * its execution active, or the next run would resume it (A) instead of retrying it (R).
   */
  refused: BfxError | null;
}

export function readBeginSettings(): BeginSettings {
  // Secrets first: the token, then the connection string's, before any input is validated.
  const token = core.getInput(Inputs.GithubToken);
  for (const mask of masksOf(token)) core.setSecret(mask);
  const catalog = readCatalogSettings();
  const liveRun: LiveRunSettings = {
    token,
    onLiveRun: validate.onLiveRun(core.getInput(Inputs.OnLiveRun), Inputs.OnLiveRun),
    timeoutMs: validate.liveRunTimeoutMs(core.getInput(Inputs.LiveRunTimeout), Inputs.LiveRunTimeout),
  };
  return {
    // Read untrimmed: settings.packageName is the one name rule, for the CLI as well.
    packageName: validate.packageName(core.getInput(Inputs.PackageName, { trimWhitespace: false }), Inputs.PackageName),
    retryLimit: validate.retryLimit(core.getInput(Inputs.RetryLimit), Inputs.RetryLimit),
    parentExecutionId: validate.parentExecutionId(core.getInput(Inputs.ParentExecutionId), Inputs.ParentExecutionId),
    autoEnd: booleanInput(Inputs.AutoEnd, true),
    catalog,
    liveRun,
    // batches and high-water marks
    isBatch: booleanInput(Inputs.IsBatch, false),
    variables: variablesInput(),
  };
}

export function readPostSettings(executionId: string): PostSettings {
  const catalog = readCatalogSettings();
  const autoEnd = booleanInput(Inputs.AutoEnd, true);
  const status = endOutcome(Inputs.JobStatus, executionId);
  return { autoEnd, catalog, ...status };
}

/**
 * The end's settings. Without a valid execution-id and connection there is nothing to end, so
 * those refuse the step; anything else wrong ends the execution F (EndSettings.refused).
 */
export function readEndSettings(): EndSettings {
  const catalog = readCatalogSettings();
  const executionId = validate.executionId(core.getInput(Inputs.ExecutionId), Inputs.ExecutionId);
  const runId = process.env.GITHUB_RUN_ID;
  const status = endOutcome(Inputs.Status, executionId);
  let report: { variables: VariableValue[]; rowCounts: RowCount[] } = { variables: [], rowCounts: [] };
  let refused = status.refused;
  try {
    report = {
      variables: variablesInput(),
      rowCounts: parseRowCounts(
        core.getInput(Inputs.RowCounts, { trimWhitespace: false }),
        `the ${Inputs.RowCounts} input`,
      ),
    };
  } catch (error) {
    if (!(error instanceof BfxError)) throw error;
    refused ??= error;
  }
  return {
    executionId,
    outcome: status.outcome,
    message: refused?.message ?? (core.getInput(Inputs.Message) || null),
    catalog,
    // Another job of the same run owns the execution unless a later run took it over.
    caller: runId ? { runId, runAttempt: runAttemptOf(process.env.GITHUB_RUN_ATTEMPT) } : null,
    ...(refused ? { variables: [], rowCounts: [] } : report),
    refused,
  };
}

/** The outcome an end records: an unknown status (`skipped`, which needs.X.result can be) is a failure, saying why. */
function endOutcome(input: InputName, executionId: string): { outcome: Outcome; refused: BfxError | null } {
  const raw = core.getInput(input);
  try {
    return { outcome: validate.outcome(raw, input), refused: null };
  } catch (error) {
    if (!(error instanceof BfxError)) throw error;
    return {
      outcome: 'failure',
      refused: new BfxError(
        `The ${input} "${raw}" is not an outcome bfx-begin knows, so execution ${executionId} was ended as failed: ` +
          'use success, failure or cancelled.',
      ),
    };
  }
}

/** NAME=VALUE lines, values kept exactly (so the input is not trimmed); a bad line fails the step before the catalog is touched. */
function variablesInput(): VariableValue[] {
  return toValues(
    parseVariables(core.getInput(Inputs.Variables, { trimWhitespace: false }), `the ${Inputs.Variables} input`),
  );
}

function readCatalogSettings(): CatalogSettings {
  const raw = core.getInput(Inputs.ConnectionString);
  for (const secret of secretsIn(raw)) core.setSecret(secret);
  return {
    connectionString: validate.connectionString(raw, Inputs.ConnectionString),
    createCatalog: booleanInput(Inputs.CreateCatalog, true),
    connectTimeoutMs: validate.timeoutMs(
      core.getInput(Inputs.ConnectTimeout),
      Inputs.ConnectTimeout,
      validate.DEFAULT_CONNECT_TIMEOUT_SECONDS,
    ),
    requestTimeoutMs: validate.timeoutMs(
      core.getInput(Inputs.RequestTimeout),
      Inputs.RequestTimeout,
      validate.DEFAULT_REQUEST_TIMEOUT_SECONDS,
    ),
    schema: validate.catalogSchema(core.getInput(Inputs.CatalogSchema), Inputs.CatalogSchema),
  };
}

function booleanInput(name: InputName, defaultValue: boolean): boolean {
  const raw = core.getInput(name);
  if (raw === '') return defaultValue;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new BfxError(`The ${name} input "${raw}" is not a boolean, so nothing was run: use true or false.`);
}

/** GITHUB_RUN_ATTEMPT as a number: the runner always sets it; 1 where it is missing or unreadable. */
function runAttemptOf(value: string | undefined): number {
  const attempt = Number(value);
  return Number.isSafeInteger(attempt) && attempt >= 1 ? attempt : 1;
}
