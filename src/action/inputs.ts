/**
 * The action's inputs, read once into typed settings (the README lists them). The connection string and
 * the github-token are registered as secrets before anything else happens, so no later log line can show them.
 */
import * as core from '@actions/core';
import type { RowCount, VariableValue } from '../catalog/catalog.js';
import { masksOf, secretsIn } from '../catalog/connection-string.js';
import type { EndCaller, Outcome } from '../decision.js';
import { BfxError } from '../errors.js';
import * as validate from '../settings.js';
import type { CatalogSettings } from '../settings.js';
import { parseRowCounts, parseVariables } from '../load-report.js';
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

export function readPostSettings(): PostSettings {
  const catalog = readCatalogSettings();
  return {
    autoEnd: booleanInput(Inputs.AutoEnd, true),
    outcome: validate.outcome(core.getInput(Inputs.JobStatus), Inputs.JobStatus),
    catalog,
  };
}

export function readEndSettings(): EndSettings {
  const catalog = readCatalogSettings();
  const runId = process.env.GITHUB_RUN_ID;
  return {
    executionId: validate.executionId(core.getInput(Inputs.ExecutionId), Inputs.ExecutionId),
    outcome: validate.outcome(core.getInput(Inputs.Status), Inputs.Status),
    message: core.getInput(Inputs.Message) || null,
    catalog,
    // Another job of the same run owns the execution unless a later run took it over.
    caller: runId ? { runId, runAttempt: runAttemptOf(process.env.GITHUB_RUN_ATTEMPT) } : null,
    // high-water marks and row counts
    variables: variablesInput(),
    rowCounts: parseRowCounts(
      core.getInput(Inputs.RowCounts, { trimWhitespace: false }),
      `the ${Inputs.RowCounts} input`,
    ),
  };
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
