/**
 * SQL Server connection strings, as users copy them: the ADO.NET keyword form from the Azure portal
 * (`Server=tcp:x.database.windows.net,1433;Initial Catalog=db;User ID=u;Password=p;Encrypt=True;...`),
 * its ODBC cousin (`Driver={...};Server=...;Uid=...;Pwd={...};Encrypt=yes`), and the URL form
 * `mssql://user:password@host:port/database?encrypt=true`. Parsed here, without loading the driver,
 * into settings and then into the configuration of a tedious Connection.
 *
 * Every refusal is a BfxError that never holds the password, nor any text that could be part of
 * it. A password holding an unquoted `;` splits into fragments that look like keywords and values,
 * so nothing that follows an unquoted Password value is ever echoed: a value refused there is
 * refused without being named (enclosing the password in braces makes the next refusal precise),
 * and a malformed Password value itself (an unterminated quote, text after the closing one) is
 * refused with how to quote it.
 */
import type { ConnectionConfiguration } from 'tedious';
import { BfxError } from '../../errors.js';
import type { CatalogOptions } from '../catalog.js';

/** How the catalog logs in. */
export type MssqlAuthentication =
  /** SQL Server authentication: User ID and Password. */
  | 'sql-password'
  /** Microsoft Entra ID through DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI). */
  | 'entra-default'
  /** Microsoft Entra ID with the managed identity of the machine (self-hosted runners on Azure). */
  | 'entra-managed-identity';

export interface MssqlSettings {
  server: string;
  /** TCP port; undefined when an instance name is given without a port (found through SQL Server Browser). */
  port: number | undefined;
  instanceName: string | undefined;
  database: string;
  authentication: MssqlAuthentication;
  user: string | undefined;
  password: string | undefined;
  /**
   * true (Mandatory: TLS after the pre-login, refused when the server declines it) or 'strict'
   * (TDS 8.0: TLS before anything else). Encrypt=False is refused: every login carries a password
   * or a token (docs/mssql.md, TLS).
   */
  encrypt: true | 'strict';
  trustServerCertificate: boolean;
  /** The name the server certificate must carry, when it differs from the server name. */
  hostNameInCertificate: string | undefined;
  appName: string;
  workstationId: string | undefined;
  multiSubnetFailover: boolean;
  /** Connection Timeout from the string, in ms; it wins over the connect-timeout input when given. */
  connectTimeoutMs: number | undefined;
  /** Command Timeout from the string, in ms (0: none); it wins over the request-timeout input when given. */
  requestTimeoutMs: number | undefined;
  /**
   * ConnectRetryCount (0 to 255) and ConnectRetryInterval (1 to 60 s, in ms here) from the string,
   * undefined when not given. When either is given, a failed login is retried that many times, that
   * far apart (the other keyword taking .NET's default: 1 retry, 10 s); when neither is, bfx-begin
   * retries transient login faults for about 75 s, long enough for a paused serverless database to
   * resume (docs/mssql.md, Faults).
   */
  connectRetryCount: number | undefined;
  connectRetryIntervalMs: number | undefined;
}

export const DEFAULT_APP_NAME = 'bfx-begin';
const DEFAULT_PORT = 1433;

const FORMS =
  'use Server=HOST[,PORT];Database=NAME;User ID=USER;Password=PASSWORD;Encrypt=True, or mssql://USER:PASSWORD@HOST:PORT/DATABASE';

function refuse(what: string, todo: string): never {
  throw new BfxError(`The SQL Server connection string ${what}, so no connection was made: ${todo}.`);
}

type Setter = (settings: Draft, value: string, key: string) => void;
type Draft = Partial<Omit<MssqlSettings, 'authentication' | 'encrypt'>> & {
  /** false when the string says Encrypt=False (refused in finish(), with what to write instead). */
  encrypt?: boolean | 'strict';

  serverValue?: string;
  authenticationValue?: string;
  integratedSecurity?: boolean;
  /** The keywords (by their first name) whose last value followed an unquoted password. */
  hidden?: Set<string>;
};

const QUOTE_PASSWORD =
  'if the password holds ; or quotes or braces, enclose it in {braces} (doubling any } inside) or in double quotes (doubling any " inside)';

/** A value after an unquoted password was refused: it may be the rest of the password, so it is not named. */
function refuseAfterPassword(): never {
  return refuse(
    'refuses a value that follows its unquoted Password, not repeated here since it could be the rest of the password',
    `${QUOTE_PASSWORD}; else enclose it anyway and run again to see which value is refused`,
  );
}

/** Runs a step that may refuse a value; when the value followed an unquoted password, the refusal names nothing. */
function guarded<T>(hidden: boolean, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (hidden && error instanceof BfxError) refuseAfterPassword();
    throw error;
  }
}

const bool = (value: string, key: string): boolean => {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  return refuse(
    `gives ${key} the value "${value}", which is neither true nor false`,
    `write ${key}=true or ${key}=false`,
  );
};

const seconds = (value: string, key: string, allowZero: boolean): number => {
  const v = value.trim();
  if (!/^\d{1,7}$/.test(v) || (!allowZero && Number(v) === 0)) {
    refuse(
      `gives ${key} the value "${value}", which is not a whole number of seconds${allowZero ? '' : ' above 0'}`,
      `write ${key}=30, for example`,
    );
  }
  return Number(v) * 1000;
};

/** A whole number from min to max, as ADO.NET's ConnectRetryCount and ConnectRetryInterval take. */
const wholeNumber = (value: string, key: string, min: number, max: number): number => {
  const v = value.trim();
  if (!/^\d{1,3}$/.test(v) || Number(v) < min || Number(v) > max) {
    refuse(
      `gives ${key} the value "${value}", which is not a whole number from ${min} to ${max}`,
      `write ${key}=${min + 1}, for example`,
    );
  }
  return Number(v);
};

const ignore: Setter = () => {};

/**
 * Keywords by their normalized form (lower case, no spaces or underscores). Keywords that only
 * tune the .NET client (pooling, MARS, Persist Security Info...) are accepted and ignored, so that
 * a string copied from the Azure portal works as it is.
 */
const KEYWORDS: Record<string, { name: string; set: Setter; secret?: boolean }> = {};
function keyword(names: string[], set: Setter, secret = false): void {
  for (const name of names) KEYWORDS[normalize(name)] = { name: names[0], set, secret };
}
function normalize(key: string): string {
  return key.toLowerCase().replace(/[\s_]+/g, '');
}

keyword(['Server', 'Data Source', 'Address', 'Addr', 'Network Address', 'Host'], (s, v) => (s.serverValue = v));
keyword(['Database', 'Initial Catalog'], (s, v) => (s.database = v));
keyword(['User ID', 'UID', 'User', 'UserName'], (s, v) => (s.user = v));
keyword(['Password', 'PWD'], (s, v) => (s.password = v), true);
keyword(['Encrypt'], (s, v, key) => {
  const value = v.trim().toLowerCase();
  if (value === 'true' || value === 'yes' || value === 'mandatory') s.encrypt = true;
  else if (value === 'false' || value === 'no' || value === 'optional') s.encrypt = false;
  else if (value === 'strict') s.encrypt = 'strict';
  else
    refuse(
      `gives ${key} the value "${v}", which bfx-begin does not know`,
      `write ${key}=True, ${key}=False or ${key}=Strict`,
    );
});
keyword(
  ['TrustServerCertificate', 'Trust Server Certificate'],
  (s, v, key) => (s.trustServerCertificate = bool(v, key)),
);
keyword(
  ['HostNameInCertificate', 'Host Name In Certificate', 'Server Certificate Name'],
  (s, v) => (s.hostNameInCertificate = v.trim() || undefined),
);
keyword(['Authentication'], (s, v) => (s.authenticationValue = v));
keyword(['Integrated Security', 'Trusted_Connection'], (s, v, key) => {
  const value = v.trim().toLowerCase();
  s.integratedSecurity = value === 'sspi' ? true : bool(v, key);
});
keyword(['Application Name', 'App', 'AppName'], (s, v) => (s.appName = v.trim() || DEFAULT_APP_NAME));
keyword(['Workstation ID', 'WSID'], (s, v) => (s.workstationId = v.trim() || undefined));
keyword(['MultiSubnetFailover', 'Multi Subnet Failover'], (s, v, key) => (s.multiSubnetFailover = bool(v, key)));
keyword(
  ['Connection Timeout', 'Connect Timeout', 'Timeout', 'LoginTimeout'],
  (s, v, key) => (s.connectTimeoutMs = seconds(v, key, false)),
);
keyword(['Command Timeout'], (s, v, key) => (s.requestTimeoutMs = seconds(v, key, true)));
keyword(
  ['ConnectRetryCount', 'Connect Retry Count'],
  (s, v, key) => (s.connectRetryCount = wholeNumber(v, key, 0, 255)),
);
keyword(
  ['ConnectRetryInterval', 'Connect Retry Interval'],
  (s, v, key) => (s.connectRetryIntervalMs = wholeNumber(v, key, 1, 60) * 1000),
);
keyword(['ApplicationIntent', 'Application Intent'], (_s, v, key) => {
  const value = v.trim().toLowerCase();
  if (value === 'readonly') {
    refuse(
      `asks for ${key}=ReadOnly, but the catalog is written to at every begin and end`,
      `remove ${key} or set it to ReadWrite`,
    );
  }
  if (value !== 'readwrite')
    refuse(`gives ${key} the value "${v}", which bfx-begin does not know`, `write ${key}=ReadWrite`);
});
keyword(
  [
    'Persist Security Info',
    'PersistSecurityInfo',
    'MultipleActiveResultSets',
    'Multiple Active Result Sets',
    'Pooling',
    'Min Pool Size',
    'Max Pool Size',
    'Connection Lifetime',
    'Load Balance Timeout',
    'Packet Size',
    'Enlist',
    'Current Language',
    'Language',
    'Type System Version',
    'Transaction Binding',
    'Column Encryption Setting',
    'TransparentNetworkIPResolution',
    'Transparent Network IP Resolution',
    'Pool Blocking Period',
    'PoolBlockingPeriod',
    'Connection Reset',
    'Replication',
    'Asynchronous Processing',
    'Async',
    'Network Library',
    'Net',
    'Network',
    'Driver',
    'Provider',
    'Failover Partner',
    'IP Address Preference',
    'IPAddressPreference',
    'Server SPN',
    'ServerSPN',
    'Failover Partner SPN',
    'Attestation Protocol',
    'Enclave Attestation Url',
    'Context Connection',
    'User Instance',
    'Regional',
    'AutoTranslate',
    'QuotedId',
    'AnsiNPW',
    'Mars_Connection',
  ],
  ignore,
);

/**
 * Splits an ADO.NET / ODBC keyword string into its pairs, in order. `hidden`: the pair follows an
 * unquoted password (which ends at the first ;), so its text may be the rest of the password.
 */
function pairs(text: string): Array<{ key: string; value: string; hidden: boolean }> {
  const result: Array<{ key: string; value: string; hidden: boolean }> = [];
  let i = 0;
  /** An unquoted Password value was read: what follows is never echoed. */
  let afterPassword = false;
  /** A Password value is being read. */
  let inPassword = false;
  const malformed = (): never =>
    afterPassword
      ? refuse('cannot be read after its Password keyword', QUOTE_PASSWORD)
      : inPassword
        ? refuse(
            'has a Password value that cannot be read (an unterminated quote, or text after the closing quote)',
            QUOTE_PASSWORD,
          )
        : refuse('is not a list of Keyword=Value pairs separated by semicolons', FORMS);

  while (i < text.length) {
    // Skip separators and blanks between pairs.
    while (i < text.length && (text[i] === ';' || /\s/.test(text[i]))) i++;
    if (i >= text.length) break;

    // Key: up to '=', where '==' is a literal '='.
    let key = '';
    for (;;) {
      if (i >= text.length || text[i] === ';') malformed();
      if (text[i] === '=') {
        if (text[i + 1] === '=') {
          key += '=';
          i += 2;
          continue;
        }
        i++;
        break;
      }
      key += text[i++];
    }
    key = key.trim();
    if (key === '') malformed();
    const known = KEYWORDS[normalize(key)];
    inPassword = known?.secret === true;

    // Value: quoted with ", ' or {}, a doubled closing character standing for itself; else up to ';'.
    while (i < text.length && text[i] !== ';' && /\s/.test(text[i])) i++;
    let value = '';
    const open = text[i];
    const quoted = open === '"' || open === "'" || open === '{';
    if (quoted) {
      const close = open === '{' ? '}' : open;
      i++;
      for (;;) {
        if (i >= text.length) malformed();
        if (text[i] === close) {
          if (text[i + 1] === close) {
            value += close;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      while (i < text.length && text[i] !== ';') {
        if (!/\s/.test(text[i])) malformed();
        i++;
      }
    } else {
      const end = text.indexOf(';', i);
      value = (end === -1 ? text.slice(i) : text.slice(i, end)).trim();
      i = end === -1 ? text.length : end;
    }
    inPassword = false;

    if (!known) {
      if (afterPassword) malformed();
      refuse(
        `holds the keyword "${key.slice(0, 60)}", which bfx-begin does not know`,
        'check its spelling, or remove it',
      );
    }
    result.push({ key, value, hidden: afterPassword });
    if (known.secret && !quoted) afterPassword = true;
  }
  return result;
}

/** Server=[tcp:]host[\instance][,port] */
function applyServer(draft: Draft, value: string): void {
  let server = value.trim();
  const protocol = /^([a-z]+):/i.exec(server);
  if (protocol && !/^\[/.test(server)) {
    const name = protocol[1].toLowerCase();
    if (name === 'np' || name === 'lpc' || name === 'admin') {
      refuse(
        `asks for the ${name === 'np' ? 'named pipes' : name === 'lpc' ? 'shared memory' : 'admin'} protocol, which bfx-begin does not support`,
        'connect over TCP: Server=tcp:HOST,PORT',
      );
    }
    if (name === 'tcp') server = server.slice(4).trim();
  }
  let port: number | undefined;
  const comma = server.lastIndexOf(',');
  if (comma !== -1) {
    const rawPort = server.slice(comma + 1).trim();
    if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535) {
      refuse(
        `names the port "${rawPort}", which is not a port number`,
        'write Server=HOST,1433 with a port from 1 to 65535',
      );
    }
    port = Number(rawPort);
    server = server.slice(0, comma).trim();
  }
  let instanceName: string | undefined;
  const backslash = server.indexOf('\\');
  if (backslash !== -1) {
    instanceName = server.slice(backslash + 1).trim() || undefined;
    server = server.slice(0, backslash).trim();
  }
  if (/^[^:[\]]+:[^:]*$/.test(server)) {
    refuse('writes the port after a colon', 'write it after a comma: Server=tcp:HOST,PORT');
  }
  server = server.replace(/^\[(.*)\]$/, '$1');
  const lower = server.toLowerCase();
  if (lower === '(localdb)') {
    refuse(
      'names a LocalDB instance, which is reached through named pipes only',
      'use a SQL Server reachable over TCP',
    );
  }
  if (lower === '.' || lower === '(local)' || lower === '(.)') server = 'localhost';
  if (server === '') refuse('names no server', 'give one: Server=HOST or Server=tcp:HOST,PORT');
  draft.server = server;
  // A port wins over an instance name: the instance is then reached directly, as SqlClient does.
  draft.port = port ?? (instanceName ? undefined : DEFAULT_PORT);
  draft.instanceName = port === undefined ? instanceName : undefined;
}

function applyAuthentication(draft: Draft): MssqlAuthentication {
  if (draft.integratedSecurity) {
    refuse(
      'asks for Windows integrated security, which a GitHub runner cannot use',
      'log in with User ID and Password, or with Authentication=ActiveDirectoryDefault',
    );
  }
  const raw = draft.authenticationValue?.trim() ?? '';
  const value = normalize(raw).replace(/-/g, '');
  if (value === '' || value === 'sqlpassword') return 'sql-password';
  if (value === 'activedirectorydefault') return 'entra-default';
  if (value === 'activedirectorymanagedidentity' || value === 'activedirectorymsi') return 'entra-managed-identity';
  return refuse(
    `asks for Authentication=${raw.slice(0, 60)}, which bfx-begin does not support`,
    'use SQL authentication (User ID and Password), Authentication=ActiveDirectoryDefault or Authentication=ActiveDirectoryManagedIdentity',
  );
}

function finish(draft: Draft): MssqlSettings {
  const hidden = (...names: string[]) => names.some((name) => draft.hidden?.has(name) === true);
  const serverValue = draft.serverValue;
  if (serverValue !== undefined) guarded(hidden('Server'), () => applyServer(draft, serverValue));
  if (!draft.server) refuse('names no server', 'give one with Server=HOST (or Data Source=HOST)');
  if (!draft.database?.trim()) {
    refuse(
      'names no database, so bfx-begin would not know where its tables belong',
      'add Database=NAME (or Initial Catalog=NAME)',
    );
  }
  const authentication = guarded(hidden('Authentication', 'Integrated Security'), () => applyAuthentication(draft));
  if (authentication === 'sql-password') {
    if (!draft.user?.trim()) refuse('names no user', 'add User ID=USER and Password=PASSWORD (SQL authentication)');
    if (draft.password === undefined) refuse('has no password', 'add Password=PASSWORD');
  }
  if (draft.encrypt === false) {
    // Every login bfx-begin makes carries a secret, and tedious sends no TLS at all without
    // encryption (not even around the login packet, as other drivers do).
    refuse(
      `says Encrypt=False, which would send the ${authentication === 'sql-password' ? 'password' : 'Microsoft Entra ID token'} to the server without TLS`,
      'remove it or write Encrypt=True (with TrustServerCertificate=True for a test server whose certificate is self-signed), ' +
        'or Encrypt=Strict for Azure SQL and SQL Server 2022',
    );
  }
  return {
    server: draft.server,
    port: draft.port,
    instanceName: draft.instanceName,
    database: draft.database.trim(),
    authentication,
    user: draft.user?.trim() || undefined,
    password: authentication === 'sql-password' ? draft.password : undefined,
    encrypt: draft.encrypt ?? true,
    trustServerCertificate: draft.trustServerCertificate ?? false,
    hostNameInCertificate: draft.hostNameInCertificate,
    appName: draft.appName ?? DEFAULT_APP_NAME,
    workstationId: draft.workstationId,
    multiSubnetFailover: draft.multiSubnetFailover ?? false,
    connectTimeoutMs: draft.connectTimeoutMs,
    requestTimeoutMs: draft.requestTimeoutMs,
    connectRetryCount: draft.connectRetryCount,
    connectRetryIntervalMs: draft.connectRetryIntervalMs,
  };
}

function parseKeywords(text: string): MssqlSettings {
  const draft: Draft = { hidden: new Set() };
  // The last occurrence of a keyword wins, as in ADO.NET.
  for (const { key, value, hidden } of pairs(text)) {
    const known = KEYWORDS[normalize(key)];
    guarded(hidden, () => known.set(draft, value, key));
    if (hidden) draft.hidden?.add(known.name);
    else draft.hidden?.delete(known.name);
  }
  return finish(draft);
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return refuse(`holds a ${what} that is not valid percent-encoding`, `percent-encode it (for example @ as %40)`);
  }
}

function parseUrl(text: string): MssqlSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse('is not a valid URL', FORMS);
  }
  const draft: Draft = {};
  if (url.hostname === '') refuse('names no server', 'write mssql://USER:PASSWORD@HOST:1433/DATABASE');
  if (url.port !== '') draft.serverValue = `${url.hostname},${url.port}`;
  else draft.serverValue = url.hostname;
  if (url.username) draft.user = decode(url.username, 'user name');
  if (url.password || /^[a-z]+:\/\/[^/@]*:@/i.test(text)) draft.password = decode(url.password, 'password');
  const path = url.pathname.replace(/^\/+|\/+$/g, '');
  if (path.includes('/'))
    refuse('has a path with more than one part', 'write mssql://USER:PASSWORD@HOST:1433/DATABASE');
  if (path) draft.database = decode(path, 'database name');
  for (const [key, value] of url.searchParams) {
    const normalized = normalize(key);
    if (normalized === 'instance' || normalized === 'instancename') {
      draft.serverValue = `${url.hostname}\\${value}${url.port ? `,${url.port}` : ''}`;
      continue;
    }
    const known = KEYWORDS[normalized];
    if (!known || known.secret || normalized === 'server' || normalized === 'database' || normalized === 'user') {
      refuse(
        `has the URL parameter "${key.slice(0, 60)}", which bfx-begin does not take there`,
        'check its spelling, or remove it',
      );
    }
    known.set(draft, value, key);
  }
  return finish(draft);
}

/** Parses an ADO.NET / ODBC keyword string or an mssql:// (or sqlserver://) URL. */
export function parseMssqlConnectionString(connectionString: string): MssqlSettings {
  const text = connectionString.trim();
  if (text === '') refuse('is empty', FORMS);
  return /^(mssql|sqlserver):\/\//i.test(text) ? parseUrl(text) : parseKeywords(text);
}

/** Where the catalog lives, fit for logs: server[\instance][:port]/database, never credentials. */
export function mssqlLocation(settings: MssqlSettings): string {
  const instance = settings.instanceName ? `\\${settings.instanceName}` : '';
  const port = settings.port && settings.port !== DEFAULT_PORT ? `:${settings.port}` : '';
  return `${settings.server}${instance}${port}/${settings.database}`;
}

/**
 * The configuration of a tedious Connection (driver.ts). Timeouts from the connection string win
 * over the inputs; session options keep XACT_ABORT on, so that any error or a timeout rolls the
 * whole transaction back on the server.
 */
export function toTediousConfig(settings: MssqlSettings, options: CatalogOptions): ConnectionConfiguration {
  const clientId = settings.user ? { clientId: settings.user } : {};
  const authentication: ConnectionConfiguration['authentication'] =
    settings.authentication === 'sql-password'
      ? { type: 'default', options: { userName: settings.user, password: settings.password } }
      : settings.authentication === 'entra-default'
        ? { type: 'azure-active-directory-default', options: clientId }
        : { type: 'azure-active-directory-msi-vm', options: clientId };
  return {
    server: settings.server,
    authentication,
    options: {
      // A port wins over an instance name (applyServer keeps only one of them).
      ...(settings.instanceName ? { instanceName: settings.instanceName } : { port: settings.port }),
      database: settings.database,
      encrypt: settings.encrypt,
      trustServerCertificate: settings.trustServerCertificate,
      ...(settings.hostNameInCertificate ? { serverName: settings.hostNameInCertificate } : {}),
      ...(settings.workstationId ? { workstationId: settings.workstationId } : {}),
      appName: settings.appName,
      multiSubnetFailover: settings.multiSubnetFailover,
      connectTimeout: settings.connectTimeoutMs ?? options.connectTimeoutMs,
      requestTimeout: settings.requestTimeoutMs ?? options.requestTimeoutMs,
      // DATETIME2 values are read as UTC: the catalog stores SYSUTCDATETIME().
      useUTC: true,
      // SET XACT_ABORT ON for the session: an error or a cancelled (timed-out) request rolls back.
      abortTransactionOnError: true,
      // tedious would retry a transient login fault itself (3 times, 0.5 s apart) inside each
      // connect; the engine retries instead, on the schedule ConnectRetryCount / ConnectRetryInterval
      // give (mssql/faults.ts), so that the retries and their budget are in one place.
      maxRetriesOnTransientErrors: 0,
    },
  };
}
