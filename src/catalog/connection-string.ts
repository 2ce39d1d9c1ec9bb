/**
 * Which engine a connection string names (README: the catalog), decided from its form alone so that
 * bad input is refused before any driver is loaded or any server is contacted.
 */
import { BfxError } from '../errors.js';
import type { EngineName } from './catalog.js';

export interface ConnectionTarget {
  engine: EngineName;
  /** The connection string as given, for the engine's driver. */
  value: string;
}

const ADO_SERVER_KEY = /(^|;)\s*(server|data source|address|addr|network address)\s*=/i;

export function parseConnectionString(connectionString: string): ConnectionTarget {
  const value = connectionString.trim();
  if (/^sqlite:/i.test(value) && value.length > 'sqlite:'.length) return { engine: 'sqlite', value };
  if (/^postgres(ql)?:\/\//i.test(value)) return { engine: 'postgres', value };
  if (/^(mssql|sqlserver):\/\//i.test(value) || ADO_SERVER_KEY.test(value)) return { engine: 'mssql', value };
  throw new BfxError(
    value === ''
      ? 'The connection string is empty, so there is no catalog to use: pass sqlite:PATH, a postgres:// URL, or a SQL Server connection string (Server=...;Database=...).'
      : 'The connection string is not a form bfx-begin knows, so no catalog was contacted: use sqlite:PATH, a postgres:// URL, or a SQL Server connection string (Server=...;Database=... or mssql://).',
  );
}

/** The SQLite file a sqlite: connection string names. */
export function sqlitePath(target: ConnectionTarget): string {
  return target.value.slice('sqlite:'.length);
}

/**
 * The parts of a connection string that must never be shown: the whole string and any password
 * it holds (URL userinfo, or a Password / Pwd keyword).
 */
export function secretsIn(connectionString: string): string[] {
  const secrets = new Set<string>();
  const whole = connectionString.trim();
  if (whole) secrets.add(whole);
  // The userinfo ends at the last @ before the host, so an unencoded @ in a password stays in it.
  const url = /^[a-z]+:\/\/[^:/@]*:(.+)@[^@/]*(?:\/|$)/i.exec(whole);
  if (url?.[1]) {
    secrets.add(url[1]);
    try {
      secrets.add(decodeURIComponent(url[1]));
    } catch {
      // A password that is not valid percent-encoding is masked as written.
    }
  }
  for (const match of whole.matchAll(
    /(?:^|;)\s*(?:password|pwd)\s*=\s*("(?:[^"]|"")*"|'(?:[^']|'')*'|\{(?:[^}]|\}\})*\}|[^;]*)/gi,
  )) {
    const raw = match[1].trim();
    if (raw) secrets.add(raw);
    const unquoted = raw.replace(/^(["'{])(.*)["'}]$/s, '$2');
    if (unquoted) secrets.add(unquoted);
  }
  return [...secrets];
}

/** Replaces every secret in text with ***, longest first so no fragment of one survives. */
export function redact(text: string, secrets: string[]): string {
  return [...secrets]
    .sort((a, b) => b.length - a.length)
    .reduce((result, secret) => result.split(secret).join('***'), text);
}
