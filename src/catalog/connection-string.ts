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

/**
 * The `schema` parameter of a connection string, if any: `?schema=NAME` in a URL, `Schema=NAME`
 * in an ADO.NET string. Engines take it out before they hand the string to their driver.
 */
export function schemaParameter(connectionString: string): string | undefined {
  const text = connectionString.trim();
  if (/^[a-z]+:\/\//i.test(text)) {
    const query = /\?([^#]*)/.exec(text)?.[1] ?? '';
    for (const pair of query.split('&')) {
      const [key, value = ''] = pair.split('=');
      if (key.toLowerCase() === 'schema') return safeDecode(value);
    }
    return undefined;
  }
  return keywordParts(text)
    .filter((part) => part.key.toLowerCase() === 'schema')
    .pop()
    ?.value.trim();
}

/** The connection string without its `schema` parameter. */
export function withoutSchemaParameter(connectionString: string): string {
  const text = connectionString.trim();
  if (/^[a-z]+:\/\//i.test(text)) {
    return text.replace(/([?&])schema=[^&#]*&?/i, '$1').replace(/[?&](#|$)/, '$1');
  }
  return keywordParts(text)
    .filter((part) => part.key.toLowerCase() !== 'schema')
    .map((part) => text.slice(part.start, part.end))
    .join('');
}

/**
 * The `key=value;` parts of an ADO.NET string, each with its span (its `;` included). A value
 * quoted with ", ' or {} (a doubled closing character standing for itself) keeps any `;` or `=`
 * inside, so a password such as {p;Schema=x} is never taken apart. Lenient: the engine's own
 * parser refuses what is malformed.
 */
function keywordParts(text: string): Array<{ key: string; value: string; start: number; end: number }> {
  const parts: Array<{ key: string; value: string; start: number; end: number }> = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    let key = '';
    while (i < text.length && text[i] !== '=' && text[i] !== ';') key += text[i++];
    let value = '';
    if (text[i] === '=') {
      i++;
      while (i < text.length && text[i] !== ';' && /\s/.test(text[i])) i++;
      const open = text[i];
      if (open === '"' || open === "'" || open === '{') {
        const close = open === '{' ? '}' : open;
        for (i++; i < text.length; i++) {
          if (text[i] !== close) value += text[i];
          else if (text[i + 1] === close) value += text[i++];
          else break;
        }
        while (i < text.length && text[i] !== ';') i++;
      } else {
        while (i < text.length && text[i] !== ';') value += text[i++];
      }
    }
    if (i < text.length) i++;
    parts.push({ key: key.trim(), value, start, end: i });
  }
  return parts;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * A catalog schema name (SQL Server and PostgreSQL): letters, digits and underscores, not starting
 * with a digit, so that it can be quoted safely and read the same way in every report.
 */
export function catalogSchema(raw: string, name = 'catalog-schema'): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value)) {
    throw new BfxError(
      `The ${name} "${raw}" is not a schema name bfx-begin accepts, so no catalog was contacted: ` +
        'use 1 to 63 letters, digits or underscores, not starting with a digit (for example bfxgh).',
    );
  }
  return value;
}
