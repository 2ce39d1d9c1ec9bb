/** Command-line parsing shared by every bfx command: the catalog options, --json, and the operator's --actor and --reason. */
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { RowCount, VariableValue } from '../catalog/catalog.js';
import { BfxError } from '../errors.js';
import { parseRowCounts, parseVariables } from '../load-report.js';
import type { Operator } from '../run-control.js';
import * as validate from '../settings.js';
import type { CatalogSettings } from '../settings.js';

export const DEFAULT_CONNECTION_STRING = 'sqlite:.bfx/catalog.db';

type Options = NonNullable<ParseArgsConfig['options']>;

const CATALOG_OPTIONS = {
  'connection-string': { type: 'string', short: 'c' },
  'connect-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  schema: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export const CATALOG_HELP = `Catalog options:
  -c, --connection-string S  the catalog: sqlite:PATH, postgres://..., or a SQL Server connection
                             string (default: $BFX_CONNECTION_STRING, else ${DEFAULT_CONNECTION_STRING})
      --connect-timeout SEC  seconds to wait for the catalog server (default ${validate.DEFAULT_CONNECT_TIMEOUT_SECONDS})
      --request-timeout SEC  seconds to wait for one catalog request or lock (default ${validate.DEFAULT_REQUEST_TIMEOUT_SECONDS})
      --schema NAME          the schema of the catalog tables on SQL Server and PostgreSQL (default:
                             the connection string's schema parameter, else bfx); SQLite has none
      --json                 print JSON for scripts instead of text
  -h, --help                 show this help`;

export function parse<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...CATALOG_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new BfxError(
      `${(error as Error).message.split('\n')[0].replace(/\.$/, '')}, so bfx ${command} did nothing: see bfx ${command} --help.`,
    );
  }
}

export function catalogSettings(
  values: { 'connection-string'?: string; 'connect-timeout'?: string; 'request-timeout'?: string; schema?: string },
  createCatalog: boolean,
): CatalogSettings {
  const raw = values['connection-string'] ?? (process.env.BFX_CONNECTION_STRING || DEFAULT_CONNECTION_STRING);
  if (values.schema !== undefined && values.schema.trim() === '') {
    throw new BfxError(
      'The --schema is empty, so no catalog was contacted: give a schema name such as bfxgh, or leave --schema out.',
    );
  }
  return {
    connectionString: validate.connectionString(raw, '--connection-string'),
    createCatalog,
    schema: validate.catalogSchema(values.schema ?? '', '--schema'),
    connectTimeoutMs: validate.timeoutMs(
      values['connect-timeout'] ?? '',
      '--connect-timeout',
      validate.DEFAULT_CONNECT_TIMEOUT_SECONDS,
    ),
    requestTimeoutMs: validate.timeoutMs(
      values['request-timeout'] ?? '',
      '--request-timeout',
      validate.DEFAULT_REQUEST_TIMEOUT_SECONDS,
    ),
  };
}

/** The one positional argument a command takes, e.g. the package name. */
export function single(command: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) {
    throw new BfxError(
      `bfx ${command} takes one ${what}, and ${positionals.length} were given, so it did nothing: run bfx ${command} --help.`,
    );
  }
  return positionals[0];
}

/** --actor and --reason, taken by every command that changes a package by hand. */
export const OPERATOR_OPTIONS = {
  actor: { type: 'string' },
  reason: { type: 'string' },
} as const satisfies Options;

export const OPERATOR_HELP = `Audit options (the change is recorded in the audit log with who and why; bfx history shows it):
      --actor NAME   who makes the change (default: $GITHUB_ACTOR, else your user name)
      --reason TEXT  why it is made`;

/** Who runs bfx when --actor is not given: $GITHUB_ACTOR in a workflow, else the OS user, else unknown. */
export function defaultActor(env: NodeJS.ProcessEnv = process.env, userName: () => string = () => userInfo().username) {
  if (env.GITHUB_ACTOR?.trim()) return env.GITHUB_ACTOR.trim();
  try {
    return userName().trim() || null;
  } catch {
    // No user name for this uid (a container user without a passwd entry, say).
    return null;
  }
}

/** The operator of a change, from --actor and --reason; given empty, each is refused. */
export function operator(
  command: string,
  values: { actor?: string; reason?: string },
  actorByDefault: () => string | null = defaultActor,
): Operator {
  for (const option of ['actor', 'reason'] as const) {
    if (values[option] !== undefined && values[option].trim() === '') {
      throw new BfxError(
        `The --${option} is empty, so bfx ${command} changed nothing: give ${
          option === 'actor' ? 'who makes the change' : 'why the change is made'
        }, or leave --${option} out.`,
      );
    }
  }
  return { actor: values.actor?.trim() ?? actorByDefault(), reason: values.reason?.trim() ?? null };
}

/** The values of a repeatable option, each refused when empty. */
function repeated(command: string, option: string, values: string[] | undefined, form: string): string {
  for (const value of values ?? []) {
    if (value.trim() === '') {
      throw new BfxError(
        `A --${option} is empty, so bfx ${command} changed nothing: give ${form}, or leave that --${option} out.`,
      );
    }
  }
  return (values ?? []).join('\n');
}

/** --var NAME=VALUE, repeatable: the last value given for a name wins. Malformed: one sentence, nothing stored. */
export function variableOptions(command: string, values: string[] | undefined): VariableValue[] {
  const parsed = parseVariables(repeated(command, 'var', values, 'NAME=VALUE'), '--var');
  return [...parsed].map(([name, value]) => ({ name, value }));
}

/** --rows OBJECT:TYPE=N, repeatable: a later count for the same object and type wins. */
export function rowCountOptions(command: string, values: string[] | undefined): RowCount[] {
  return parseRowCounts(repeated(command, 'rows', values, 'OBJECT:TYPE=N'), '--rows');
}

export const MAX_HISTORY_LIMIT = 10_000;

/** history --limit: how many executions (and audit entries) to show. */
export function historyLimit(raw: string | undefined): number {
  if (raw === undefined) return 20;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_HISTORY_LIMIT) {
    throw new BfxError(
      `The --limit "${raw}" is not a number of executions to show, so bfx history did nothing: give a whole number from 1 to ${MAX_HISTORY_LIMIT}.`,
    );
  }
  return Number(value);
}
