/**
 * bfx check, runs, purge, rename and delete: the operator's view across packages and the upkeep
 * of the catalog. The rules are operations.ts's; run-control/catalog-commands.ts applies them.
 */
import type { ExecutionRow } from '../catalog/catalog.js';
import { withCatalog } from '../catalog/connect.js';
import { BfxError } from '../errors.js';
import { DEFAULT_STUCK_AFTER_MINUTES, minutesBetween, REENTRY_WINDOW_MINUTES, type Concern } from '../operations.js';
import {
  check as checkPackages,
  deletePackage,
  purge as purgeCatalog,
  rename as renamePackage,
} from '../run-control/catalog-commands.js';
import * as validate from '../validate.js';
import { type Command, executionJson, executionLine, type Terminal } from './command.js';
import { durationMinutes } from './duration.js';
import { oneLine, operatorJson, recordedLine } from './format.js';
import {
  CATALOG_HELP,
  catalogSettings,
  historyLimit,
  OPERATOR_HELP,
  OPERATOR_OPTIONS,
  operator as operatorOf,
  parse,
  statusFilter,
  STATUS_HELP,
} from './options.js';

/** bfx check's exit code when a package needs attention (1 is bfx's own failure: it could not check). */
export const CHECK_FLAGGED_EXIT_CODE = 2;

const CONCERN_WORDS: Record<Concern, string> = { failed: 'FAILED', stuck: 'STUCK', disabled: 'DISABLED' };

export const check: Command = {
  summary: 'exit 2 when a package failed, is stuck or is disabled (monitoring and alerts)',
  help: `Usage: bfx check [PACKAGE] [options]

Checks every package (or only PACKAGE) and lists those that need attention: its latest execution
failed (F), an execution has been active longer than --stuck-after minutes (by the catalog
server's clock), or it is disabled. For cron jobs, monitoring and alerts.

Exit codes:
  0  every package checked is healthy
  2  at least one package failed, is stuck or is disabled (listed)
  1  bfx could not check (bad input, catalog unreachable, no such PACKAGE)

Options:
      --stuck-after MINUTES  how long an execution may stay active (default ${DEFAULT_STUCK_AFTER_MINUTES})

${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('check', args, { 'stuck-after': { type: 'string' } });
    if (positionals.length > 1)
      throw new BfxError('bfx check takes at most one package name, so it did nothing: run bfx check --help.');
    const packageName = positionals[0] === undefined ? undefined : validate.packageName(positionals[0], 'package name');
    const stuckAfter = stuckAfterMinutes((values as { 'stuck-after'?: string })['stuck-after']);
    const settings = catalogSettings(values, false, 'check');
    const { now, packages } = await withCatalog(settings.connectionString, settings, (catalog) =>
      checkPackages(catalog, packageName, stuckAfter),
    );
    if (packageName !== undefined && packages.length === 0) {
      throw new BfxError(
        `Package "${packageName}" is not in the catalog, so bfx check checked nothing: check the name with bfx status.`,
      );
    }
    const flagged = packages.filter((pkg) => pkg.concerns.length > 0);
    const lines = flagged.map(({ status, concerns }) => {
      const why = concerns.map((concern) => {
        switch (concern) {
          case 'failed':
            return `FAILED: execution ${status.latest!.executionId} ended F at ${status.latest!.endTime}${
              status.latest!.errorMessage ? ` (${oneLine(status.latest!.errorMessage)})` : ''
            }`;
          case 'stuck':
            return `STUCK: execution ${status.active!.executionId} active since ${status.active!.startTime} (${Math.floor(
              minutesBetween(status.active!.startTime, now),
            )} minutes, more than ${stuckAfter})`;
          case 'disabled':
            return 'DISABLED';
        }
      });
      return `${oneLine(status.packageName)}  ${why.join('; ')}`;
    });
    const summary =
      packages.length === 0
        ? `The catalog has no packages yet (checked at ${now}).`
        : flagged.length === 0
          ? `${packages.length === 1 ? 'The package is' : `All ${packages.length} packages are`} healthy (checked at ${now}).`
          : `${flagged.length} of ${packages.length} package${packages.length === 1 ? '' : 's'} need${flagged.length === 1 ? 's' : ''} attention (checked at ${now}).`;
    return {
      text: [...lines, summary].join('\n'),
      json: {
        Now: now,
        StuckAfterMinutes: stuckAfter,
        Healthy: flagged.length === 0,
        Packages: packages.map(({ status, concerns }) => ({
          PackageName: status.packageName,
          IsEnabled: status.isEnabled,
          Concerns: concerns.map((concern) => CONCERN_WORDS[concern].toLowerCase()),
          Latest: status.latest && executionJson(status.latest),
          Active: status.active && executionJson(status.active),
        })),
      },
      exitCode: flagged.length === 0 ? 0 : CHECK_FLAGGED_EXIT_CODE,
    };
  },
};

function stuckAfterMinutes(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_STUCK_AFTER_MINUTES;
  if (!/^\d{1,7}$/.test(raw.trim()) || Number(raw) < 1) {
    throw new BfxError(
      `The --stuck-after "${raw}" is not a number of minutes, so bfx check did nothing: give a whole number of minutes from 1, such as ${DEFAULT_STUCK_AFTER_MINUTES}.`,
    );
  }
  return Number(raw);
}

const DEFAULT_RUNS_LIMIT = 1000;

export const runs: Command = {
  summary: "list every package's executions of the last 24 hours (or --since)",
  help: `Usage: bfx runs [options]

Lists the executions of every package that started within --since (by the catalog server's
clock), newest first: what ran last night, and how it ended.

Options:
      --since DURATION   how far back: 90m, 24h, 7d, or a bare number of days (default 24h)
${STATUS_HELP}
  -n, --limit N          how many executions at most (default ${DEFAULT_RUNS_LIMIT})
${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('runs', args, {
      since: { type: 'string' },
      status: { type: 'string', multiple: true },
      limit: { type: 'string', short: 'n' },
    });
    if (positionals.length > 0)
      throw new BfxError(
        'bfx runs lists every package and takes no package name, so it did nothing: use bfx history PACKAGE for one package.',
      );
    const given = values as { since?: string; status?: string[]; limit?: string };
    const sinceMinutes = given.since === undefined ? 24 * 60 : durationMinutes(given.since, '--since', 'runs');
    const statuses = statusFilter(given.status, 'runs');
    const limit = given.limit === undefined ? DEFAULT_RUNS_LIMIT : historyLimit(given.limit, 'runs');
    const settings = catalogSettings(values, false, 'runs');
    const found = await withCatalog(settings.connectionString, settings, (catalog) =>
      catalog.runs({ sinceMinutes, statuses }, limit),
    );
    const width = Math.min(40, Math.max(7, ...found.map((row) => oneLine(row.packageName).length)));
    return {
      text: found.length
        ? [
            ...found.map((row) => `${oneLine(row.packageName).padEnd(width)} ${executionLine(row)}`),
            found.length >= limit
              ? `(the first ${limit}: give --limit for more)`
              : `${found.length} execution${found.length === 1 ? '' : 's'}.`,
          ].join('\n')
        : 'No execution started in that time.',
      json: found.map((row: ExecutionRow) => executionJson(row)),
    };
  },
};

export const purge: Command = {
  summary: 'delete old executions, row counts and audit entries, keeping what decisions read',
  help: `Usage: bfx purge --older-than DAYS [options]

Deletes executions that started more than DAYS days ago (0 allowed), with their row counts and
audit entries, and audit entries of that age that name no execution still in the catalog. Keeps
what any decision still reads: each package's latest execution, its active one, its last success,
those a high-water mark names, batch executions with a kept child and the children of kept batch
executions, and whatever started within the last ${REENTRY_WINDOW_MINUTES / 60} hours (so a retried begin finds its execution).
Works package by package in small transactions, so begins go on meanwhile. Each package that lost
rows gets an audit entry.

Options:
      --older-than DAYS  how old, in whole days (0 or more)

${OPERATOR_HELP}

${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('purge', args, { ...OPERATOR_OPTIONS, 'older-than': { type: 'string' } });
    if (positionals.length > 0)
      throw new BfxError(
        'bfx purge works on the whole catalog and takes no package name, so it did nothing: leave the name out.',
      );
    const raw = (values as { 'older-than'?: string })['older-than'];
    if (raw === undefined || !/^\d{1,5}$/.test(raw.trim())) {
      throw new BfxError(
        `${raw === undefined ? 'bfx purge was given no --older-than' : `The --older-than "${raw}" is not a number of days`}, so nothing was deleted: give --older-than DAYS, a whole number of days (0 or more) such as 90.`,
      );
    }
    const days = Number(raw);
    const operator = operatorOf('purge', values);
    const settings = catalogSettings(values, false, 'purge');
    const started = Date.now();
    const result = await withCatalog(settings.connectionString, settings, (catalog) =>
      purgeCatalog(catalog, days, operator),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const executions = result.packages.reduce((sum, pkg) => sum + pkg.executions, 0);
    const audit = result.packages.reduce((sum, pkg) => sum + pkg.auditEntries, 0);
    const keptOf = (pkg: (typeof result.packages)[number]) =>
      Object.values(pkg.kept).reduce((sum, count) => sum + (count ?? 0), 0);
    return {
      text: [
        ...result.packages.map(
          (pkg) =>
            `${oneLine(pkg.packageName)}: ${pkg.executions} execution${pkg.executions === 1 ? '' : 's'} and ${pkg.auditEntries} audit entr${pkg.auditEntries === 1 ? 'y' : 'ies'} deleted` +
            (keptOf(pkg) > 0
              ? `; ${keptOf(pkg)} old kept (${Object.entries(pkg.kept)
                  .map(([reason, count]) => `${reason} ${count}`)
                  .join(', ')})`
              : ''),
        ),
        `Purged ${executions} execution${executions === 1 ? '' : 's'} and ${audit} audit entr${audit === 1 ? 'y' : 'ies'} older than ${days} day${days === 1 ? '' : 's'} in ${seconds} s.`,
        ...(executions + audit > 0 ? [recordedLine(operator)] : []),
      ].join('\n'),
      json: {
        OlderThanDays: days,
        OlderThanMinutes: result.olderThanMinutes,
        Executions: executions,
        AuditEntries: audit,
        Packages: result.packages.map((pkg) => ({
          PackageName: pkg.packageName,
          Executions: pkg.executions,
          AuditEntries: pkg.auditEntries,
          Kept: pkg.kept,
        })),
        ...operatorJson(operator),
      },
    };
  },
};

export const rename: Command = {
  summary: 'rename a package, keeping its executions, marks and audit entries',
  help: `Usage: bfx rename OLD NEW [options]

Renames package OLD to NEW. The package keeps its ID, so its executions, high-water marks and
audit entries follow it; a begin under the old name afterwards registers a new package. Refused
when NEW is another package's name.

${OPERATOR_HELP}

${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('rename', args, OPERATOR_OPTIONS);
    if (positionals.length !== 2)
      throw new BfxError(
        `bfx rename takes the old and the new package name, and ${positionals.length} name${positionals.length === 1 ? ' was' : 's were'} given, so it did nothing: run bfx rename OLD NEW.`,
      );
    const oldName = validate.packageName(positionals[0], 'old package name');
    const newName = validate.packageName(positionals[1], 'new package name');
    const operator = operatorOf('rename', values);
    const settings = catalogSettings(values, false, 'rename');
    const result = await withCatalog(settings.connectionString, settings, (catalog) =>
      renamePackage(catalog, oldName, newName, operator),
    );
    switch (result.kind) {
      case 'no-package':
        throw new BfxError(
          `Package "${oldName}" is not in the catalog, so bfx rename changed nothing: check the name with bfx status.`,
        );
      case 'same-name':
        throw new BfxError(
          `The new name is the old one ("${oldName}"), so bfx rename changed nothing: give another name.`,
        );
      case 'taken':
        throw new BfxError(
          `Package "${newName}" is already in the catalog, so bfx rename changed nothing: choose another name, or delete that package first with bfx delete.`,
        );
      case 'renamed':
        return {
          text: `${oneLine(oldName)} is now ${oneLine(newName)} (PackageID ${result.package.packageId}).\n${recordedLine(operator)}`,
          json: {
            PackageID: result.package.packageId,
            OldName: oldName,
            PackageName: result.package.packageName,
            ...operatorJson(operator),
          },
        };
    }
  },
};

export const deleteCommand: Command = {
  summary: 'delete a package with all its executions (refused while one is active)',
  help: `Usage: bfx delete PACKAGE --yes [options]

Deletes PACKAGE and everything of it: its executions, their row counts, its high-water marks and
its audit entries. Refused while an execution of it is active: end or reset it first. Without
--yes it asks on a terminal, and refuses elsewhere. The audit log cannot hold an entry for a
package that is gone, so the deletion is reported here (with --actor and --reason), for the
caller's own log.

Options:
      --yes          delete without asking

${OPERATOR_HELP}

${CATALOG_HELP}`,
  async run(args, terminal) {
    const { values, positionals } = parse('delete', args, { ...OPERATOR_OPTIONS, yes: { type: 'boolean' } });
    if (positionals.length !== 1)
      throw new BfxError(
        `bfx delete takes one package name, and ${positionals.length} were given, so it deleted nothing: run bfx delete PACKAGE --yes.`,
      );
    const packageName = validate.packageName(positionals[0], 'package name');
    const operator = operatorOf('delete', values);
    const settings = catalogSettings(values, false, 'delete');
    if (!(values as { yes?: boolean }).yes) await confirm(terminal, packageName);
    const result = await withCatalog(settings.connectionString, settings, (catalog) =>
      deletePackage(catalog, packageName),
    );
    switch (result.kind) {
      case 'no-package':
        throw new BfxError(
          `Package "${packageName}" is not in the catalog, so bfx delete deleted nothing: check the name with bfx status.`,
        );
      case 'active':
        throw new BfxError(
          `Execution ${result.executionId} of "${packageName}" is still active, so bfx delete deleted nothing: end it, or run bfx reset first.`,
        );
      case 'deleted': {
        const who = operator.actor === null ? 'an unknown actor' : oneLine(operator.actor);
        const why = operator.reason === null ? 'no reason given' : `reason: ${oneLine(operator.reason)}`;
        return {
          text:
            `${oneLine(packageName)} (PackageID ${result.package.packageId}) is deleted, with ${result.executions} execution${result.executions === 1 ? '' : 's'}, ` +
            `their row counts, its high-water marks and its audit entries.\nDeleted by ${who}, ${why}.`,
          json: {
            PackageID: result.package.packageId,
            PackageName: result.package.packageName,
            Executions: result.executions,
            ...operatorJson(operator),
          },
        };
      }
    }
  },
};

/** Asks on a terminal; anywhere else (a script, a workflow) --yes is required. */
async function confirm(terminal: Terminal | undefined, packageName: string): Promise<void> {
  const answer = await terminal?.ask(
    `Delete package ${packageName} with all its executions, marks and audit entries? Type its name to confirm:`,
  );
  if (answer === null || answer === undefined) {
    throw new BfxError(
      `bfx delete asks before it deletes package "${packageName}", and this is not a terminal, so nothing was deleted: add --yes.`,
    );
  }
  if (answer !== packageName) throw new BfxError(`The name typed was not "${packageName}", so nothing was deleted.`);
}
