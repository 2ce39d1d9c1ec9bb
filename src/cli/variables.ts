/** bfx var: a package's high-water marks (config variables), and an operator setting one. */
import { withCatalog } from '../catalog/connect.js';
import { BfxError } from '../errors.js';
import { COLUMN_LENGTH } from '../catalog/limits.js';
import { setVariable } from '../run-control/package-commands.js';
import * as validate from '../validate.js';
import type { Command } from './command.js';
import { oneLine, operatorJson, recordedLine, shortValue, variableJson, variableLine } from './format.js';
import {
  CATALOG_HELP,
  catalogSettings,
  OPERATOR_HELP,
  OPERATOR_OPTIONS,
  operator as operatorOf,
  parse,
} from './options.js';

/**
 * A variable name as --var and the BFX_VARIABLES file can write it: 1 to COLUMN_LENGTH.variableName
 * characters, without = or line breaks, surrounding spaces dropped (as the parser drops them).
 */
export function variableName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > COLUMN_LENGTH.variableName || /[=\r\n]/.test(name)) {
    throw new BfxError(
      `The variable name ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 77)}...` : raw)} is not one bfx-begin keeps, ` +
        `so nothing was set: use 1 to ${COLUMN_LENGTH.variableName} characters without = or line breaks, as in --var NAME=VALUE.`,
    );
  }
  return name;
}

export const variables: Command = {
  summary: "show a package's high-water marks, or set one (var set)",
  help: `Usage: bfx var PACKAGE [options]
       bfx var set PACKAGE NAME VALUE [options]

bfx var PACKAGE lists the package's high-water marks (config variables): name, value, the value
before it, the execution whose successful end set it, and when.

bfx var set PACKAGE NAME VALUE sets one by hand (a backfill, say): the value is stored exactly as
given, the one before is kept as its previous value, and the change is recorded in the audit log.
The next begin of the package reads it. A VALUE that starts with - goes after --:
bfx var set LOAD_Sales Offset -- -1.

${OPERATOR_HELP}

${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('var', args, OPERATOR_OPTIONS);
    const settings = () =>
      catalogSettings(values, false, positionals[0] === 'set' && positionals.length !== 1 ? 'var set' : 'var');
    if (positionals[0] === 'set' && positionals.length !== 1) {
      if (positionals.length !== 4) {
        throw new BfxError(
          `bfx var set takes PACKAGE NAME VALUE, and ${positionals.length - 1} argument${positionals.length === 2 ? ' was' : 's were'} given, so nothing was set: run bfx var --help.`,
        );
      }
      const packageName = validate.packageName(positionals[1], 'package name');
      const name = variableName(positionals[2]);
      const value = positionals[3];
      const operator = operatorOf('var set', values);
      const catalogOptions = settings();
      const change = await withCatalog(catalogOptions.connectionString, catalogOptions, (catalog) =>
        setVariable(catalog, packageName, { name, value }, operator),
      );
      if (change.kind === 'no-package') {
        throw new BfxError(
          `Package "${packageName}" is not in the catalog, so bfx var set changed nothing: check the name with bfx status.`,
        );
      }
      const { variable } = change;
      const was = variable.previousValue === null ? 'no value before' : `was ${shortValue(variable.previousValue)}`;
      return {
        text: `${oneLine(packageName)}: ${oneLine(variable.name)} = ${shortValue(variable.value)} (${was}); the next begin reads it.\n${recordedLine(operator)}`,
        json: { PackageName: packageName, ...variableJson(variable), ...operatorJson(operator) },
      };
    }
    if (positionals.length !== 1) {
      throw new BfxError(
        `bfx var takes one package name (or set PACKAGE NAME VALUE), and ${positionals.length} were given, so it did nothing: run bfx var --help.`,
      );
    }
    if (values.actor !== undefined || values.reason !== undefined) {
      throw new BfxError(
        'bfx var PACKAGE only reads, so there is nothing to record with --actor or --reason, and nothing was done: use them with bfx var set.',
      );
    }
    const packageName = validate.packageName(positionals[0], 'package name');
    const catalogOptions = settings();
    const found = await withCatalog(catalogOptions.connectionString, catalogOptions, (catalog) =>
      catalog.variables(packageName),
    );
    if (found === null) {
      throw new BfxError(
        `Package "${packageName}" is not in the catalog, so it has no variables: check the name with bfx status.`,
      );
    }
    return {
      text: found.length
        ? [
            `${oneLine(packageName)} has ${found.length} variable${found.length === 1 ? '' : 's'}:`,
            ...found.map(variableLine),
          ].join('\n')
        : `${oneLine(packageName)} has no variables yet: declare them at begin with --var NAME=DEFAULT, or set one with bfx var set.`,
      json: found.map(variableJson),
    };
  },
};
