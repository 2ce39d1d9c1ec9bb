/** Command-line parsing shared by every bfx command: the catalog options and --json. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BfxError } from '../errors.js';
import * as validate from '../settings.js';
import type { CatalogSettings } from '../settings.js';

export const DEFAULT_CONNECTION_STRING = 'sqlite:.bfx/catalog.db';

type Options = NonNullable<ParseArgsConfig['options']>;

const CATALOG_OPTIONS = {
  'connection-string': { type: 'string', short: 'c' },
  'connect-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export const CATALOG_HELP = `Catalog options:
  -c, --connection-string S  the catalog: sqlite:PATH, postgres://..., or a SQL Server connection
                             string (default: $BFX_CONNECTION_STRING, else ${DEFAULT_CONNECTION_STRING})
      --connect-timeout SEC  seconds to wait for the catalog server (default ${validate.DEFAULT_CONNECT_TIMEOUT_SECONDS})
      --request-timeout SEC  seconds to wait for one catalog request or lock (default ${validate.DEFAULT_REQUEST_TIMEOUT_SECONDS})
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
  values: { 'connection-string'?: string; 'connect-timeout'?: string; 'request-timeout'?: string },
  createCatalog: boolean,
): CatalogSettings {
  const raw = values['connection-string'] ?? (process.env.BFX_CONNECTION_STRING || DEFAULT_CONNECTION_STRING);
  return {
    connectionString: validate.connectionString(raw, '--connection-string'),
    createCatalog,
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
