/** bfx report: the catalog at a glance, as one self-contained HTML file (docs/report.md). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { withCatalog } from '../catalog/connect.js';
import { BfxError } from '../errors.js';
import { catalogReport } from '../report/index.js';
import * as validate from '../validate.js';
import type { Command } from './command.js';
import { durationMinutes } from './duration.js';
import { CATALOG_HELP, catalogSettings, parse } from './options.js';
import packageJson from '../../package.json' with { type: 'json' };

export const DEFAULT_SINCE = '30d';

export const report: Command = {
  summary: 'write the catalog report: one HTML file, the grid of every package by its executions',
  help: `Usage: bfx report --out FILE.html [--since DURATION] [--package NAME ...] [options]

Writes one self-contained HTML file (styles, script and data inline; opening it makes no network
request): every package by its executions in the window, coloured by status, with times, retries,
NextLoadStatus, messages, row counts and links to the GitHub runs; where each package stands
(stuck, failing with its streak, running, disabled, skipped); duration and row-count trends; the
timeline of each batch execution; and the audit log. Filters and sorting work in the page.

Options:
  -o, --out FILE         the HTML file to write (its folder is created)
      --since DURATION   the window: 90m, 24h, 7d, or a bare number of days (default ${DEFAULT_SINCE})
  -p, --package NAME     only this package, and for a batch its children (repeat for more)
${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('report', args, {
      out: { type: 'string', short: 'o' },
      since: { type: 'string' },
      package: { type: 'string', short: 'p', multiple: true },
    });
    const options = values as { out?: string; since?: string; package?: string[] };
    if (positionals.length > 0) {
      throw new BfxError(
        `bfx report takes no argument "${positionals[0]}", so it did nothing: name packages with --package NAME.`,
      );
    }
    if (options.out === undefined) {
      throw new BfxError('bfx report needs --out FILE.html, the file to write, so it did nothing.');
    }
    const since = options.since ?? DEFAULT_SINCE;
    const windowMinutes = durationMinutes(since, '--since', 'report');
    const packageNames = (options.package ?? []).map((name) => validate.packageName(name, '--package'));
    const settings = catalogSettings(values, false, 'report');
    const out = resolve(options.out);
    const result = await withCatalog(settings.connectionString, settings, (catalog) =>
      catalogReport(catalog, {
        windowMinutes,
        packageNames,
        serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
        generator: `bfx ${packageJson.version}`,
        packageOption: '--package',
      }),
    );
    try {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, result.html);
    } catch (error) {
      throw new BfxError(
        `The report could not be written to ${out} (${error instanceof Error ? error.message : String(error)}): choose a --out in a folder you can write to.`,
      );
    }
    const bytes = Buffer.byteLength(result.html);
    return {
      text:
        `Wrote ${out}: ${result.packages} package(s), ${result.executions} execution(s) and ` +
        `${result.batchExecutions} batch execution(s) since ${result.since}, ${(bytes / 1024).toFixed(0)} KB.`,
      json: {
        path: out,
        since: result.since,
        now: result.now,
        packages: result.packages,
        executions: result.executions,
        batchExecutions: result.batchExecutions,
        bytes,
      },
    };
  },
};
