/** Command-line parsing shared by every bfx command: the catalog options, --json, and the operator's --actor and --reason. */
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { NoCreate, RowCount, VariableValue } from '../catalog/catalog.js';
import { EXECUTION_STATUS_NAMES, type ExecutionStatus } from '../decision.js';
import { BfxError } from '../errors.js';
import { parseRowCounts, parseVariables } from '../parse-load-files.js';
import type { Operator } from '../run-control/package-commands.js';
import * as validate from '../validate.js';
import type { CatalogSettings } from '../validate.js';

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

/**
 * What each option's value is, in the words of its help: a refusal of the option says it. The
 * options missing here (--actor, --reason, --var, --rows, --schema, --run-key) refuse their values in
 * sentences of their own.
 */
const VALUE_OF: Record<string, string> = {
  'connection-string': 'the catalog (sqlite:PATH, a postgres:// URL or a SQL Server connection string)',
  'connect-timeout': 'the seconds to wait for the catalog server (a whole number)',
  'request-timeout': 'the seconds to wait for one catalog request (a whole number)',
  'retry-limit': 'how many times an interrupted execution is resumed (a whole number)',
  'parent-execution-id': 'the ExecutionID of the batch this package runs under',
  status: 'how the load ended (success, failure or cancelled)',
  message: 'the message to keep on the execution',
  limit: 'how many executions to show (a whole number)',
  parent: 'the ExecutionID of a batch execution',
  out: 'the HTML file to write',
  package: 'the name of a package',
  since: 'how far back (90m, 24h, 7d, or a bare number of days)',
  'stuck-after': 'the minutes an execution may stay active (a whole number)',
  'older-than': 'the age in days (a whole number, 0 or more)',
};
const SPECIFIC = new Set(['actor', 'reason', 'var', 'rows', 'schema', 'run-key']);

/** How an option was written: its long name, with the short one the user typed. */
const spelled = (name: string, rawName: string) => (rawName.startsWith('--') ? `--${name}` : `${rawName} (--${name})`);

/**
 * Parses a command's arguments. Every refusal is bfx's own sentence, never the parser's: an
 * unknown option (with the nearest known one, when there is one), an option without its value, a
 * value given to a switch, and an empty value.
 */
export function parse<O extends Options>(command: string, args: string[], options: O) {
  const all: Options = { ...CATALOG_OPTIONS, ...options };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...CATALOG_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch {
    throw argumentError(command, args, all);
  }
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || SPECIFIC.has(token.name) || all[token.name]?.type !== 'string') continue;
    if (token.value?.trim() === '') {
      const option = spelled(token.name, token.rawName);
      throw new BfxError(
        `The ${option} is empty, so bfx ${command} did nothing: give ${VALUE_OF[token.name] ?? 'its value'}, or leave --${token.name} out.`,
      );
    }
  }
  const { values, positionals } = parsed;
  return { values, positionals };
}

/** Why the parser refused the arguments, told from a lenient parse of them. */
function argumentError(command: string, args: string[], options: Options): BfxError {
  const { tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  const help = `see bfx ${command} --help`;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = options[token.name];
    if (!option) {
      const near = nearest(
        token.rawName.replace(/^-+/, ''),
        Object.keys(options).filter((name) => name.length > 1),
      );
      return new BfxError(
        `bfx ${command} has no option ${token.rawName}, so it did nothing: ` +
          (near ? `did you mean --${near}? (${help})` : `${help} for its options.`),
      );
    }
    const name = spelled(token.name, token.rawName);
    if (option.type === 'boolean' && token.value !== undefined) {
      return new BfxError(
        `The ${name} is a switch and takes no value, so bfx ${command} did nothing: write ${token.rawName} alone.`,
      );
    }
    const next = args[token.index + 1];
    if (option.type === 'string' && (token.value === undefined || (!token.inlineValue && next?.startsWith('-')))) {
      const followed = token.value === undefined ? 'was given no value' : `was followed by ${next}, not by a value`;
      const dash =
        token.value !== undefined && !options[next.replace(/^--?([^=]*).*$/, '$1')]
          ? ` (a value that starts with - is written --${token.name}=${next})`
          : '';
      return new BfxError(
        `The ${name} ${followed}, so bfx ${command} did nothing: give ${VALUE_OF[token.name] ?? 'its value'} right after it${dash}.`,
      );
    }
  }
  return new BfxError(`bfx ${command} could not read its arguments, so it did nothing: ${help}.`);
}

/** The known name closest to a mistyped one, when it is close enough to be what was meant. */
export function nearest(typed: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(typed.toLowerCase(), name.toLowerCase());
    if (!best || distance < best.distance) best = { name, distance };
  }
  const prefixOf = known.filter((name) => name.startsWith(typed.toLowerCase()));
  if (typed.length >= 2 && prefixOf.length === 1) return prefixOf[0];
  return best && best.distance <= Math.max(1, Math.floor(typed.length / 3)) ? best.name : undefined;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export function catalogSettings(
  values: { 'connection-string'?: string; 'connect-timeout'?: string; 'request-timeout'?: string; schema?: string },
  createCatalog: boolean,
  command = 'this command',
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
    noCreate: noCreate(command),
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

/** Why bfx COMMAND leaves a missing or older catalog alone, in the CLI's words (never an action input's). */
function noCreate(command: string): NoCreate {
  if (command === 'begin') {
    return {
      because: '--no-create-catalog was given',
      create: 'create it with bfx migrate, or leave --no-create-catalog out',
      upgrade: 'upgrade it in place with bfx migrate, or leave --no-create-catalog out',
    };
  }
  return {
    because: `bfx ${command} creates no catalog`,
    create:
      'check --connection-string (else $BFX_CONNECTION_STRING, else sqlite:.bfx/catalog.db in this folder), ' +
      'or create the catalog with bfx migrate or a first bfx begin',
    upgrade: 'upgrade it in place with bfx migrate (or a bfx begin)',
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

/** history --limit (and runs --limit): how many executions (and audit entries) to show. */
export function historyLimit(raw: string | undefined, command = 'history'): number {
  if (raw === undefined) return 20;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_HISTORY_LIMIT) {
    throw new BfxError(
      `The --limit "${raw}" is not a number of executions to show, so bfx ${command} did nothing: give a whole number from 1 to ${MAX_HISTORY_LIMIT}.`,
    );
  }
  return Number(value);
}

export const STATUS_HELP = `      --status S         only executions with this ExecutionStatus: a letter or its word (F or
                         failed; E R A C S F, executing retry active canceled succeeded failed);
                         repeat it or separate with commas for several`;

/** --status F, --status failed, --status F,R (repeatable): the ExecutionStatus letters, or undefined for all. */
export function statusFilter(raw: string[] | undefined, command: string): ExecutionStatus[] | undefined {
  if (raw === undefined) return undefined;
  const byWord = new Map<string, ExecutionStatus>(
    Object.entries(EXECUTION_STATUS_NAMES).flatMap(([letter, word]): [string, ExecutionStatus][] => [
      [letter.toLowerCase(), letter as ExecutionStatus],
      [word.toLowerCase(), letter as ExecutionStatus],
    ]),
  );
  // The word as bfx status prints it, and as people spell it.
  byWord.set('cancelled', 'C');
  const statuses = raw
    .flatMap((value) => value.split(','))
    .map((value) => {
      const status = byWord.get(value.trim().toLowerCase());
      if (status === undefined) {
        throw new BfxError(
          `The --status "${value}" is not an ExecutionStatus, so bfx ${command} did nothing: give a letter or its word, ` +
            `one of ${Object.entries(EXECUTION_STATUS_NAMES)
              .map(([letter, word]) => `${letter} (${word.toLowerCase()})`)
              .join(', ')}.`,
        );
      }
      return status;
    });
  return [...new Set(statuses)];
}
