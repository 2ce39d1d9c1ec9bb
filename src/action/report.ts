/** report/action.yml: the catalog report (docs/report.md) as one HTML file, written by a workflow step. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as core from '@actions/core';
import type { NoCreate } from '../catalog/catalog.js';
import { secretsIn } from '../catalog/connection-string.js';
import { withCatalog } from '../catalog/connect.js';
import { BfxError } from '../errors.js';
import { catalogReport } from '../report/index.js';
import * as validate from '../validate.js';
import { runStep } from './failure.js';
import { info } from './log.js';
import { Inputs, ReportOutputs } from './names.js';
import packageJson from '../../package.json' with { type: 'json' };

/** The report only reads: a missing or older catalog is left alone, in the sub-action's words. */
const REPORT_NO_CREATE: NoCreate = {
  because: 'the report only reads it',
  create: 'point connection-string at the catalog the begin steps write to (their first begin creates it)',
  upgrade: 'let a begin of this release upgrade it, or run `bfx migrate`',
};

export interface ReportSettings {
  connectionString: string;
  schema: string | undefined;
  path: string;
  sinceDays: number;
}

export function readReportSettings(): ReportSettings {
  const raw = core.getInput(Inputs.ConnectionString);
  for (const secret of secretsIn(raw)) core.setSecret(secret);
  const since = core.getInput(Inputs.SinceDays) || '30';
  if (!/^\d{1,5}$/.test(since) || Number(since) === 0) {
    throw new BfxError(
      `The ${Inputs.SinceDays} input "${since}" is not a whole number of days, so no report was written: give 1 or more, such as 30.`,
    );
  }
  const path = core.getInput(Inputs.Path) || 'bfx-report/index.html';
  return {
    connectionString: validate.connectionString(raw, Inputs.ConnectionString),
    schema: validate.catalogSchema(core.getInput(Inputs.CatalogSchema), Inputs.CatalogSchema),
    path: resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), path),
    sinceDays: Number(since),
  };
}

export async function runReport(): Promise<void> {
  const settings = readReportSettings();
  const options = {
    createCatalog: false,
    noCreate: REPORT_NO_CREATE,
    schema: settings.schema,
    connectTimeoutMs: validate.DEFAULT_CONNECT_TIMEOUT_SECONDS * 1000,
    requestTimeoutMs: validate.DEFAULT_REQUEST_TIMEOUT_SECONDS * 1000,
  };
  const report = await withCatalog(settings.connectionString, options, (catalog) =>
    catalogReport(catalog, {
      windowMinutes: settings.sinceDays * 24 * 60,
      packageNames: [],
      serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
      generator: `bfx-begin ${packageJson.version}`,
      packageOption: 'package',
    }),
  );
  try {
    mkdirSync(dirname(settings.path), { recursive: true });
    writeFileSync(settings.path, report.html);
  } catch (error) {
    throw new BfxError(
      `The report could not be written to ${settings.path} (${error instanceof Error ? error.message : String(error)}): choose a path in the workspace.`,
    );
  }
  core.setOutput(ReportOutputs.Path, settings.path);
  info(
    `bfx-report: wrote ${settings.path}: ${report.packages} package(s), ${report.executions} execution(s) and ` +
      `${report.batchExecutions} batch execution(s) since ${report.since}, ${(Buffer.byteLength(report.html) / 1024).toFixed(0)} KB.`,
  );
}

/** report/action.yml (dist/report/index.js). */
export async function runReportAction(): Promise<void> {
  await runStep(runReport);
}
