/**
 * The action's inputs, read once into typed settings (SPEC section 6). The connection string is
 * registered as a secret before anything else happens, so no later log line can show it.
 */
import * as core from '@actions/core';
import { secretsIn } from '../catalog/connection-string.js';
import type { EndCaller, Outcome } from '../decision.js';
import { BfxError } from '../errors.js';
import * as validate from '../settings.js';
import type { CatalogSettings } from '../settings.js';

export interface BeginSettings {
  packageName: string;
  retryLimit: number | undefined;
  parentExecutionId: string | undefined;
  /** Read by the post step; checked here so that a bad value fails before anything is begun. */
  autoEnd: boolean;
  catalog: CatalogSettings;
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
}

export function readBeginSettings(): BeginSettings {
  const catalog = readCatalogSettings();
  return {
    packageName: validate.packageName(core.getInput('package-name')),
    retryLimit: validate.retryLimit(core.getInput('retry-limit')),
    parentExecutionId: validate.parentExecutionId(core.getInput('parent-execution-id')),
    autoEnd: booleanInput('auto-end', true),
    catalog,
  };
}

export function readPostSettings(): PostSettings {
  const catalog = readCatalogSettings();
  return {
    autoEnd: booleanInput('auto-end', true),
    outcome: validate.outcome(core.getInput('job-status'), 'job-status'),
    catalog,
  };
}

export function readEndSettings(): EndSettings {
  const catalog = readCatalogSettings();
  const runId = process.env.GITHUB_RUN_ID;
  return {
    executionId: validate.executionId(core.getInput('execution-id')),
    outcome: validate.outcome(core.getInput('status')),
    message: core.getInput('message') || null,
    catalog,
    // Another job of the same run owns the execution unless a later run took it over.
    caller: runId ? { runId } : null,
  };
}

function readCatalogSettings(): CatalogSettings {
  const raw = core.getInput('connection-string');
  for (const secret of secretsIn(raw)) core.setSecret(secret);
  return {
    connectionString: validate.connectionString(raw),
    createCatalog: booleanInput('create-catalog', true),
    connectTimeoutMs: validate.timeoutMs(
      core.getInput('connect-timeout'),
      'connect-timeout',
      validate.DEFAULT_CONNECT_TIMEOUT_SECONDS,
    ),
    requestTimeoutMs: validate.timeoutMs(
      core.getInput('request-timeout'),
      'request-timeout',
      validate.DEFAULT_REQUEST_TIMEOUT_SECONDS,
    ),
  };
}

function booleanInput(name: string, defaultValue: boolean): boolean {
  const raw = core.getInput(name);
  if (raw === '') return defaultValue;
  if (['true', 'True', 'TRUE'].includes(raw)) return true;
  if (['false', 'False', 'FALSE'].includes(raw)) return false;
  throw new BfxError(`The ${name} input "${raw}" is not a boolean, so nothing was run: use true or false.`);
}
