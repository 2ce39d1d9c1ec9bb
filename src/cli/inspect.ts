/** bfx status and bfx history: what the catalog holds, read only. */
import { withCatalog } from '../catalog/connect.js';
import { BfxError } from '../errors.js';
import * as validate from '../settings.js';
import { type Command, executionJson, executionLine } from './command.js';
import { CATALOG_HELP, catalogSettings, parse, single } from './options.js';

export const status: Command = {
  summary: 'show packages with their latest and active executions',
  help: `Usage: bfx status [PACKAGE] [options]

Shows each package (or only PACKAGE): enabled or not, its retry limit, its latest execution and
the one still active, if any.

${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('status', args, {});
    if (positionals.length > 1)
      throw new BfxError('bfx status takes at most one package name, so it did nothing: run bfx status --help.');
    const packageName = positionals[0] === undefined ? undefined : validate.packageName(positionals[0], 'package name');
    const settings = catalogSettings(values, false);
    const packages = await withCatalog(settings.connectionString, settings, (catalog) => catalog.status(packageName));
    if (packageName !== undefined && packages.length === 0) {
      throw new BfxError(`Package "${packageName}" is not in the catalog: its first begin registers it.`);
    }
    const text = packages.length
      ? packages
          .map((pkg) =>
            [
              `${pkg.packageName}  ${pkg.isEnabled ? 'enabled' : 'DISABLED'}  retry limit ${pkg.retryLimit ?? 'default (3)'}`,
              `  latest: ${pkg.latest ? executionLine(pkg.latest).trim() : 'none'}`,
              ...(pkg.active && pkg.active.executionId !== pkg.latest?.executionId
                ? [`  active: ${executionLine(pkg.active).trim()}`]
                : []),
            ].join('\n'),
          )
          .join('\n')
      : 'The catalog has no packages yet.';
    return {
      text,
      json: packages.map((pkg) => ({
        PackageID: pkg.packageId,
        PackageName: pkg.packageName,
        IsEnabled: pkg.isEnabled,
        RetryLimit: pkg.retryLimit,
        CreatedTime: pkg.createdTime,
        Latest: pkg.latest && executionJson(pkg.latest),
        Active: pkg.active && executionJson(pkg.active),
      })),
    };
  },
};

export const history: Command = {
  summary: "list a package's executions, newest first",
  help: `Usage: bfx history PACKAGE [options]

Lists the package's most recent executions, newest first.

Options:
  -n, --limit N  how many executions (default 20)
${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('history', args, { limit: { type: 'string', short: 'n' } });
    const packageName = validate.packageName(single('history', positionals, 'package name'), 'package name');
    const limitValue = (values as { limit?: string }).limit;
    const limit = limitValue === undefined ? 20 : validate.retryLimit(limitValue, '--limit')!;
    const settings = catalogSettings(values, false);
    const executions = await withCatalog(settings.connectionString, settings, (catalog) =>
      catalog.history(packageName, limit),
    );
    return {
      text: executions.length ? executions.map(executionLine).join('\n') : `${packageName} has no executions.`,
      json: executions.map(executionJson),
    };
  },
};
