/**
 * bfx enable, disable, skip, resume, reset and migrate: what an operator changes by hand. Each
 * change is recorded in the audit log by run control, with --actor and --reason.
 */
import { openEngine, withCatalog } from '../catalog/connect.js';
import { BfxError } from '../errors.js';
import { reset as resetExecution, setEnabled, setNextLoadStatus } from '../run-control/package-commands.js';
import * as validate from '../validate.js';
import { endLine } from '../sentences.js';
import { type Command, executionJson } from './command.js';
import { childJson, childrenLines, migrateSentence, oneLine, operatorJson, recordedLine } from './format.js';
import {
  CATALOG_HELP,
  catalogSettings,
  OPERATOR_HELP,
  OPERATOR_OPTIONS,
  operator as operatorOf,
  parse,
  single,
} from './options.js';

function packageArgument(command: string, args: string[], extra = {}) {
  const { values, positionals } = parse(command, args, { ...OPERATOR_OPTIONS, ...extra });
  const packageName = validate.packageName(single(command, positionals, 'package name'), 'package name');
  const operator = operatorOf(command, values);
  return { values, packageName, operator, settings: catalogSettings(values, false, command) };
}

const notRegistered = (packageName: string, command: string) =>
  new BfxError(
    `Package "${packageName}" is not in the catalog, so bfx ${command} changed nothing: check the name with bfx status.`,
  );

function enabling(enabled: boolean): Command {
  const command = enabled ? 'enable' : 'disable';
  return {
    summary: enabled ? 'let a package run again' : 'skip every run of a package until it is enabled',
    help: `Usage: bfx ${command} PACKAGE [options]

${enabled ? 'Enables PACKAGE: its next begin decides as usual.' : 'Disables PACKAGE: every begin logs a skipped execution (C / P) until bfx enable.'}

${OPERATOR_HELP}

${CATALOG_HELP}`,
    async run(args) {
      const { packageName, operator, settings } = packageArgument(command, args);
      const pkg = await withCatalog(settings.connectionString, settings, (catalog) =>
        setEnabled(catalog, packageName, enabled, operator),
      );
      if (!pkg) throw notRegistered(packageName, command);
      const state = enabled ? 'enabled' : 'disabled';
      return {
        text: pkg.changed
          ? `${oneLine(packageName)} is ${state}.\n${recordedLine(operator)}`
          : `${oneLine(packageName)} is already ${state}, so nothing was changed or recorded in the audit log.`,
        json: {
          PackageID: pkg.packageId,
          PackageName: pkg.packageName,
          IsEnabled: pkg.isEnabled,
          IsBatch: pkg.isBatch,
          Changed: pkg.changed,
          ...(pkg.changed ? operatorJson(operator) : {}),
        },
      };
    },
  };
}

function nextLoad(status: 'C' | 'P'): Command {
  const command = status === 'C' ? 'skip' : 'resume';
  return {
    summary:
      status === 'C'
        ? 'skip the next runs of a package (NextLoadStatus C) until resume'
        : 'let a skipped or failed package proceed normally (NextLoadStatus P)',
    help: `Usage: bfx ${command} PACKAGE [options]

${
  status === 'C'
    ? "Sets the NextLoadStatus of the package's latest execution to C: each next begin is skipped\n(C / C), until bfx resume."
    : "Sets the NextLoadStatus of the package's latest execution to P: the next begin starts a new\nload (E), even after a failure that would have been retried."
}
Refused while an execution of the package is active: end or reset it first.

${OPERATOR_HELP}

${CATALOG_HELP}`,
    async run(args) {
      const { packageName, operator, settings } = packageArgument(command, args);
      const change = await withCatalog(settings.connectionString, settings, (catalog) =>
        setNextLoadStatus(catalog, packageName, status, operator),
      );
      switch (change.kind) {
        case 'no-package':
          throw notRegistered(packageName, command);
        case 'no-execution':
          throw new BfxError(
            `Package "${packageName}" has no execution yet, so there is no NextLoadStatus to change: ${
              status === 'C' ? 'disable it instead with bfx disable' : 'its first begin already starts a load'
            }.`,
          );
        case 'active':
          throw new BfxError(
            `Execution ${change.execution.executionId} of "${packageName}" is still active, and its end would overwrite the change, so bfx ${command} changed nothing: end it or run bfx reset first.`,
          );
        case 'changed':
          return {
            text: `${oneLine(packageName)}: execution ${change.execution.executionId} now has NextLoadStatus ${status}; the next begin ${
              status === 'C' ? 'is skipped' : 'starts a new load'
            }.\n${recordedLine(operator)}`,
            json: { ...executionJson(change.execution), ...operatorJson(operator) },
          };
      }
    },
  };
}

export const enable = enabling(true);
export const disable = enabling(false);
export const skip = nextLoad('C');
export const resume = nextLoad('P');

export const reset: Command = {
  summary: 'end a stuck active execution as failed (a batch: as a failed batch end would)',
  help: `Usage: bfx reset PACKAGE [options]

Ends the package's active execution (one that started and never ended) as F / R, so the next
begin retries it as R instead of resuming it. For a batch, as a failed batch end would, in the
same transaction: its children still active end F / R with it, and those that succeeded get
NextLoadStatus C, so the batch's rerun skips them.

Options:
      --message TEXT  the ErrorMessage of the reset execution (default: "Reset by bfx reset.")

${OPERATOR_HELP}

${CATALOG_HELP}`,
  async run(args) {
    const { values, packageName, operator, settings } = packageArgument('reset', args, {
      message: { type: 'string' },
    });
    const message = (values as { message?: string }).message ?? 'Reset by bfx reset.';
    const result = await withCatalog(settings.connectionString, settings, (catalog) =>
      resetExecution(catalog, packageName, message, operator),
    );
    switch (result.kind) {
      case 'no-package':
        throw notRegistered(packageName, 'reset');
      case 'none-active':
        return {
          text: `${oneLine(packageName)} has no active execution; nothing to reset.`,
          json: { Result: 'none-active' },
        };
      case 'reset':
        return {
          text: [
            endLine(result.execution),
            ...(result.children.length
              ? [`Children reset with it (${result.children.length}):`, ...childrenLines(result.children)]
              : []),
            ...(result.skippedChildren.length
              ? [
                  `Children that succeeded, skipped by the batch's rerun (NextLoadStatus C): ${result.skippedChildren.join(', ')}.`,
                ]
              : []),
            recordedLine(operator),
          ].join('\n'),
          json: {
            Result: 'reset',
            ...executionJson(result.execution),
            Children: result.children.map((child) => childJson(child)),
            ...operatorJson(operator),
          },
        };
    }
  },
};

export const migrate: Command = {
  summary: 'create the catalog tables, or upgrade them in place',
  help: `Usage: bfx migrate [options]

Creates the catalog's tables and indexes where they are missing, or upgrades a catalog of an
earlier release in place (its rows are kept), and says what it created or upgraded. Safe to run
again, and at the same time as other runs. Refuses, changing nothing, tables of bfx-begin's names
in another shape (choose another --schema) and a catalog newer than this release. For DBAs who
deploy the catalog themselves and run the action with create-catalog: false.

${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('migrate', args, {});
    if (positionals.length > 0)
      throw new BfxError('bfx migrate takes no arguments, so it did nothing: run bfx migrate --help.');
    const settings = catalogSettings(values, true, 'migrate');
    const catalog = await openEngine(settings.connectionString, settings);
    try {
      const result = await catalog.migrate();
      return {
        text: migrateSentence(catalog.engine, catalog.location, result),
        json: {
          Engine: catalog.engine,
          Location: catalog.location,
          FromVersion: result.from,
          ToVersion: result.to,
          Created: result.created,
        },
      };
    } finally {
      await catalog.close();
    }
  },
};
