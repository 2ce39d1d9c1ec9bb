/** bfx status and bfx history: what the catalog holds, read only. */
import { withCatalog } from '../catalog/connect.js';
import { BfxError } from '../errors.js';
import * as validate from '../validate.js';
import { type Command, executionJson, executionLine } from './command.js';
import { childJson, childrenLines, historyJson, historyLines, historyTimeline, oneLine } from './format.js';
import { durationMinutes } from './duration.js';
import { CATALOG_HELP, catalogSettings, historyLimit, parse, single, STATUS_HELP, statusFilter } from './options.js';

export const status: Command = {
  summary: 'show packages with their latest and active executions',
  help: `Usage: bfx status [PACKAGE] [options]

Shows each package (or only PACKAGE): enabled or not, its retry limit, whether it is a batch, its
latest execution (and the batch it ran under, if any) and the one still active, if any.

${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('status', args, {});
    if (positionals.length > 1)
      throw new BfxError('bfx status takes at most one package name, so it did nothing: run bfx status --help.');
    const packageName = positionals[0] === undefined ? undefined : validate.packageName(positionals[0], 'package name');
    const settings = catalogSettings(values, false, 'status');
    const packages = await withCatalog(settings.connectionString, settings, (catalog) => catalog.status(packageName));
    if (packageName !== undefined && packages.length === 0) {
      throw new BfxError(`Package "${packageName}" is not in the catalog: its first begin registers it.`);
    }
    const text = packages.length
      ? packages
          .map((pkg) => {
            const underBatch =
              pkg.latest?.parentExecutionId && pkg.batchPackageName !== null
                ? `  (under batch ${oneLine(pkg.batchPackageName)}, execution ${pkg.latest.parentExecutionId})`
                : '';
            return [
              `${oneLine(pkg.packageName)}  ${pkg.isEnabled ? 'enabled' : 'DISABLED'}  retry limit ${pkg.retryLimit ?? 'default (3)'}` +
                (pkg.isBatch ? '  batch' : ''),
              `  latest: ${pkg.latest ? executionLine(pkg.latest).trim() : 'none'}${underBatch}`,
              ...(pkg.active && pkg.active.executionId !== pkg.latest?.executionId
                ? [`  active: ${executionLine(pkg.active).trim()}`]
                : []),
            ].join('\n');
          })
          .join('\n')
      : 'The catalog has no packages yet.';
    return {
      text,
      json: packages.map((pkg) => ({
        PackageID: pkg.packageId,
        PackageName: pkg.packageName,
        IsEnabled: pkg.isEnabled,
        IsBatch: pkg.isBatch,
        RetryLimit: pkg.retryLimit,
        CreatedTime: pkg.createdTime,
        BatchPackageName: pkg.batchPackageName,
        Latest: pkg.latest && executionJson(pkg.latest),
        Active: pkg.active && executionJson(pkg.active),
      })),
    };
  },
};

export const history: Command = {
  summary: "list a package's executions with row counts and audit entries, or a batch's children",
  help: `Usage: bfx history PACKAGE [options]
       bfx history --parent EXECUTION_ID [options]

Lists the package's most recent executions, newest first, each with the row counts its load
reported, and between them the operator changes and yields of the audit log (when, what, who,
why) in the order they happened. With --parent, lists the executions that ran under a batch
execution (its children), oldest first, with their packages and row counts.

Options:
  -n, --limit N          how many executions, and how many audit entries (default 20)
      --since DURATION   only executions that started within it: 90m, 24h, 7d, or a bare number of
                         days (by the catalog server's clock)
${STATUS_HELP}
      --parent ID        list the children of this batch execution instead of a package's history
${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('history', args, {
      limit: { type: 'string', short: 'n' },
      parent: { type: 'string' },
      since: { type: 'string' },
      status: { type: 'string', multiple: true },
    });
    const parentValue = (values as { parent?: string }).parent;
    if (parentValue !== undefined) {
      if (positionals.length > 0)
        throw new BfxError(
          'bfx history takes a package name or --parent, not both, so it did nothing: run bfx history --help.',
        );
      const { since, status } = values as { since?: string; status?: string[] };
      if (since !== undefined || status !== undefined)
        throw new BfxError(
          'bfx history --parent lists every child of the batch execution, so --since and --status do not apply and nothing was done: leave them out.',
        );
      if ((values as { limit?: string }).limit !== undefined)
        throw new BfxError(
          'bfx history --parent lists every child of the batch execution, so --limit does not apply and nothing was done: leave --limit out.',
        );
      const parentExecutionId = validate.executionId(parentValue, '--parent');
      const settings = catalogSettings(values, false, 'history');
      const { children, counts } = await withCatalog(settings.connectionString, settings, async (catalog) => {
        const found = await catalog.children(parentExecutionId);
        return { children: found, counts: await catalog.rowCounts(found.map((child) => child.executionId)) };
      });
      return {
        text: children.length
          ? [
              `Execution ${parentExecutionId} has ${children.length} child execution${children.length === 1 ? '' : 's'}, oldest first:`,
              ...childrenLines(children, counts),
            ].join('\n')
          : `Execution ${parentExecutionId} has no child executions in the catalog.`,
        json: children.map((child) => childJson(child, counts)),
      };
    }
    const packageName = validate.packageName(single('history', positionals, 'package name'), 'package name');
    const limit = historyLimit((values as { limit?: string }).limit);
    const given = values as { since?: string; status?: string[] };
    const filter = {
      sinceMinutes: given.since === undefined ? undefined : durationMinutes(given.since, '--since', 'history'),
      statuses: statusFilter(given.status, 'history'),
    };
    const filtered = filter.sinceMinutes !== undefined || filter.statuses !== undefined;
    const settings = catalogSettings(values, false, 'history');
    const { executions, counts, audit } = await withCatalog(settings.connectionString, settings, async (catalog) => {
      const [page, entries] = await Promise.all([
        catalog.history(packageName, limit, filter),
        // A filtered history lists executions only: the audit entries between them would mislead.
        filtered ? [] : catalog.audit(packageName, limit),
      ]);
      // A package with nothing to show may not exist: bfx status says the same with exit code 1.
      if (page.length === 0 && entries.length === 0 && (await catalog.variables(packageName)) === null) {
        throw new BfxError(`Package "${packageName}" is not in the catalog: its first begin registers it.`);
      }
      // One read for the row counts of the whole page.
      const rowCounts = page.length ? await catalog.rowCounts(page.map((execution) => execution.executionId)) : [];
      return { executions: page, counts: rowCounts, audit: entries };
    });
    const timeline = historyTimeline(executions, counts, audit, executions.length >= limit);
    const lines = historyLines(timeline, executionLine);
    return {
      text: executions.length
        ? lines.join('\n')
        : [`${oneLine(packageName)} has no executions${filtered ? ' that match' : ''}.`, ...lines].join('\n'),
      json: timeline.items.map(historyJson),
    };
  },
};
