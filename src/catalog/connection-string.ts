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

/**
 * A URL's scheme and `//`. The patterns here that a step runs write letters as [A-Za-z], not
 * [a-z] with the i flag, which matches the same: V8 builds a case-insensitive class with ICU's
 * case closure, about a million instructions the first time, at the start of every step
 * (docs/performance.md, start-up).
 */
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

const ADO_SERVER_KEY = /(^|;)\s*(server|data source|address|addr|network address)\s*=/i;

export function parseConnectionString(connectionString: string): ConnectionTarget {
  const value = connectionString.trim();
  if (/^sqlite:/i.test(value) && value.length > 'sqlite:'.length) return { engine: 'sqlite', value };
  if (/^postgres(ql)?:\/\//i.test(value)) return { engine: 'postgres', value: readableUrl(value) };
  if (/^(mssql|sqlserver):\/\//i.test(value)) return { engine: 'mssql', value: readableUrl(value) };
  if (ADO_SERVER_KEY.test(value)) return { engine: 'mssql', value };
  throw new BfxError(
    value === ''
      ? 'The connection string is empty, so there is no catalog to use: pass sqlite:PATH, a postgres:// URL, or a SQL Server connection string (Server=...;Database=...).'
      : 'The connection string is not a form bfx-begin knows, so no catalog was contacted: use sqlite:PATH, a postgres:// URL, or a SQL Server connection string (Server=...;Database=... or mssql://).',
  );
}

/**
 * A URL whose user name or password holds a character URLs reserve, unencoded, is read by every
 * URL parser with the host somewhere inside the password (postgres://u:p@ss/w#rd@host/db has the
 * host "ss" and the database "w"): part of the password would be looked up as a host name and
 * shown in messages. The sign is an @ after the end of the authority (the first /, ? or #): it is
 * refused before anything is contacted, and the message quotes nothing of the string. An @ the
 * authority holds twice (u:p@ss@host) is read as every parser reads it, up to the last @.
 */
function readableUrl(value: string): string {
  const rest = value.slice(value.indexOf('://') + 3);
  const authorityEnd = rest.search(/[/?#]/);
  if (authorityEnd >= 0 && rest.includes('@', authorityEnd)) {
    throw new BfxError(
      'The connection string is a URL with an @ after its host part, as when a user name or password holds a / ? # or @ ' +
        'that is not percent-encoded, so it cannot be read safely and no catalog was contacted: percent-encode the user ' +
        'name and the password (@ as %40, / as %2F, ? as %3F, # as %23, : as %3A, % as %25), and any @ in a parameter as %40.',
    );
  }
  return value;
}

/** The SQLite file a sqlite: connection string names. */
export function sqlitePath(target: ConnectionTarget): string {
  return target.value.slice('sqlite:'.length);
}

/**
 * The shortest secret masked on its own. The runner masks a registered secret wherever it appears
 * in the rest of the job's log, and redact() likewise in the CLI's messages: a one-letter password
 * "a" would turn every "a" of every line into ***, and hide little, since no message quotes a
 * password in the first place (a password is only ever masked as a second line of defence). A
 * shorter password is masked only with the text around it in the connection string: the
 * userinfo of a URL (`user:pw@`), the `Password=pw` pair of a keyword string.
 */
export const MIN_MASKED_LENGTH = 4;

/**
 * What to register for one secret: the secret, and each of its lines when it holds line breaks
 * (the runner masks line by line, so a secret spanning two lines would never match), each only
 * when it is at least MIN_MASKED_LENGTH characters long.
 */
export function masksOf(secret: string): string[] {
  const pieces = [secret, ...(/[\r\n]/.test(secret) ? secret.split(/\r\n|\r|\n/) : [])];
  return [...new Set(pieces.filter((piece) => piece.trim().length >= MIN_MASKED_LENGTH))];
}

/**
 * The parts of a connection string that must never be shown: the whole string and any password
 * it holds (URL userinfo or a password parameter, or a Password / Pwd keyword, as written and as
 * the driver reads it), as masksOf() registers them; a short password in its context instead.
 */
export function secretsIn(connectionString: string): string[] {
  const secrets = new Set<string>();
  const whole = connectionString.trim();
  if (whole) secrets.add(whole);
  /** A password's forms (as written, decoded...) and the text around it, for a short one. */
  const password = (forms: string[], contexts: string[]) => {
    const present = forms.filter((form) => form !== '');
    if (present.length === 0) return;
    const short = present.some((form) => form.length < MIN_MASKED_LENGTH);
    for (const form of [...present, ...(short ? contexts : [])]) secrets.add(form);
  };
  if (URL_SCHEME.test(whole)) {
    // The userinfo ends at the last @ before the host, so an unencoded @ in a password stays in it.
    const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^:/@]*):(.+)@[^@/]*(?:[/?#]|$)/.exec(whole);
    if (url) password([url[2], safeDecode(url[2])], [`${url[1]}:${url[2]}@`, `:${url[2]}@`]);
    // pg also reads the password from a parameter: ?password=...
    const query = /\?([^#]*)/.exec(whole)?.[1] ?? '';
    for (const pair of query.split('&')) {
      const [key, value = ''] = pair.split('=');
      if (key.toLowerCase() === 'password') password([value, safeDecode(value)], [`${key}=${value}`]);
    }
  } else {
    for (const part of keywordParts(whole)) {
      if (!['password', 'pwd'].includes(part.key.toLowerCase().replace(/[\s_]+/g, ''))) continue;
      const pair = whole.slice(part.start, part.end).replace(/;$/, '').trim();
      const written = pair.slice(pair.indexOf('=') + 1).trim();
      const inner = written.replace(/^(["'{])(.*)["'}]$/s, '$2');
      password([written, inner, part.value], [pair]);
    }
  }
  return [...new Set([...secrets].flatMap(masksOf))];
}

/**
 * Replaces every secret in text with ***, longest first so no fragment of one survives. The
 * secrets are secretsIn()'s: none shorter than MIN_MASKED_LENGTH on its own.
 */
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
  if (/^[A-Za-z]+:\/\//.test(text)) {
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
  if (/^[A-Za-z]+:\/\//.test(text)) {
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
  // PostgreSQL keeps pg_* (pg_temp is each session's own, dropped with it) and information_schema;
  // SQL Server keeps sys and INFORMATION_SCHEMA. Refused on every engine, so a workflow that works
  // on one catalog works on another.
  if (/^pg_/i.test(value) || /^(information_schema|sys)$/i.test(value)) {
    throw new BfxError(
      `The ${name} "${raw}" is a schema the database keeps for itself, so no catalog was contacted: ` +
        `name a schema of your own (for example bfxgh), or leave ${name} empty for bfx.`,
    );
  }
  return value;
}
