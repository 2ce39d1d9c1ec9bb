/**
 * The catalog report (docs/report.md): one bounded read of the catalog, the model built from it,
 * and the page rendered from the model. The shells (bfx report, the report/ sub-action) write it.
 */
import type { CatalogEngine, ReportSnapshot } from '../catalog/catalog.js';
import { BfxError } from '../errors.js';
import { buildReport, unknownPackages } from './model.js';
import { renderReport } from './render.js';

export interface CatalogReportRequest {
  windowMinutes: number;
  /** Only these packages (and a batch's children); every package when empty. */
  packageNames: readonly string[];
  serverUrl: string;
  generator: string;
  /** How the shell names the option that lists packages, for a refusal ("--package"). */
  packageOption: string;
}

export interface CatalogReport {
  html: string;
  since: string;
  now: string;
  packages: number;
  /** The executions that started in the window, of the packages shown. */
  executions: number;
  batchExecutions: number;
}

export async function catalogReport(catalog: CatalogEngine, request: CatalogReportRequest): Promise<CatalogReport> {
  return renderCatalogReport(await catalog.reportSnapshot(request.windowMinutes), catalog.location, request);
}

/** The report of rows already read; location names the catalog (never a connection string). */
export function renderCatalogReport(
  snapshot: ReportSnapshot,
  location: string,
  request: CatalogReportRequest,
): CatalogReport {
  const unknown = unknownPackages(snapshot, request.packageNames);
  if (unknown.length > 0) {
    throw new BfxError(
      `The catalog has no package named ${unknown.map((name) => `"${name}"`).join(', ')}, so no report was written: ` +
        `check the ${request.packageOption} names against bfx status, or leave ${request.packageOption} out for every package.`,
    );
  }
  const model = buildReport(snapshot, { packageNames: request.packageNames, serverUrl: request.serverUrl });
  return {
    html: renderReport(model, { location, serverUrl: request.serverUrl, generator: request.generator }),
    since: model.since,
    now: model.now,
    packages: model.packages.length,
    executions: model.packages.reduce((sum, pkg) => sum + pkg.executions.length, 0),
    batchExecutions: model.batchRuns.length,
  };
}
