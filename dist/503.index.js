export const id = 503;
export const ids = [503];
export const modules = {

/***/ 71503:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DATABASE_MISSING_RETRY_BUDGET_MS: () => (/* binding */ DATABASE_MISSING_RETRY_BUDGET_MS),
  LOGIN_RETRY_BUDGET_MS: () => (/* binding */ LOGIN_RETRY_BUDGET_MS),
  StatementQueue: () => (/* binding */ StatementQueue),
  inspectionOf: () => (/* binding */ inspectionOf),
  loginRetries: () => (/* binding */ loginRetries),
  open: () => (/* binding */ engine_open)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog = __webpack_require__(97008);
// EXTERNAL MODULE: ./src/catalog/connection-string.ts
var connection_string = __webpack_require__(16837);
// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __webpack_require__(89017);
// EXTERNAL MODULE: ./src/catalog/limits.ts
var limits = __webpack_require__(74999);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var catalog_rows = __webpack_require__(98422);
// EXTERNAL MODULE: ./src/catalog/shape.ts
var shape = __webpack_require__(62062);
;// CONCATENATED MODULE: ./src/catalog/mssql/connection-string.ts

const DEFAULT_APP_NAME = 'bfx-begin';
const DEFAULT_PORT = 1433;
const FORMS = 'use Server=HOST[,PORT];Database=NAME;User ID=USER;Password=PASSWORD;Encrypt=True, or mssql://USER:PASSWORD@HOST:PORT/DATABASE';
function refuse(what, todo) {
    throw new errors/* BfxError */.J(`The SQL Server connection string ${what}, so no connection was made: ${todo}.`);
}
const QUOTE_PASSWORD = 'if the password holds ; or quotes or braces, enclose it in {braces} (doubling any } inside) or in double quotes (doubling any " inside)';
/** A value after an unquoted password was refused: it may be the rest of the password, so it is not named. */
function refuseAfterPassword() {
    return refuse('refuses a value that follows its unquoted Password, not repeated here since it could be the rest of the password', `${QUOTE_PASSWORD}; else enclose it anyway and run again to see which value is refused`);
}
/** Runs a step that may refuse a value; when the value followed an unquoted password, the refusal names nothing. */
function guarded(hidden, step) {
    try {
        return step();
    }
    catch (error) {
        if (hidden && error instanceof errors/* BfxError */.J)
            refuseAfterPassword();
        throw error;
    }
}
const bool = (value, key) => {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'yes')
        return true;
    if (v === 'false' || v === 'no')
        return false;
    return refuse(`gives ${key} the value "${value}", which is neither true nor false`, `write ${key}=true or ${key}=false`);
};
const seconds = (value, key, allowZero) => {
    const v = value.trim();
    if (!/^\d{1,7}$/.test(v) || (!allowZero && Number(v) === 0)) {
        refuse(`gives ${key} the value "${value}", which is not a whole number of seconds${allowZero ? '' : ' above 0'}`, `write ${key}=30, for example`);
    }
    return Number(v) * 1000;
};
/** A whole number from min to max, as ADO.NET's ConnectRetryCount and ConnectRetryInterval take. */
const wholeNumber = (value, key, min, max) => {
    const v = value.trim();
    if (!/^\d{1,3}$/.test(v) || Number(v) < min || Number(v) > max) {
        refuse(`gives ${key} the value "${value}", which is not a whole number from ${min} to ${max}`, `write ${key}=${min + 1}, for example`);
    }
    return Number(v);
};
const ignore = () => { };
/**
 * Keywords by their normalized form (lower case, no spaces or underscores). Keywords that only
 * tune the .NET client (pooling, MARS, Persist Security Info...) are accepted and ignored, so that
 * a string copied from the Azure portal works as it is.
 */
const KEYWORDS = {};
function keyword(names, set, secret = false) {
    for (const name of names)
        KEYWORDS[normalize(name)] = { name: names[0], set, secret };
}
function normalize(key) {
    return key.toLowerCase().replace(/[\s_]+/g, '');
}
keyword(['Server', 'Data Source', 'Address', 'Addr', 'Network Address', 'Host'], (s, v) => (s.serverValue = v));
keyword(['Database', 'Initial Catalog'], (s, v) => (s.database = v));
keyword(['User ID', 'UID', 'User', 'UserName'], (s, v) => (s.user = v));
keyword(['Password', 'PWD'], (s, v) => (s.password = v), true);
keyword(['Encrypt'], (s, v, key) => {
    const value = v.trim().toLowerCase();
    if (value === 'true' || value === 'yes' || value === 'mandatory')
        s.encrypt = true;
    else if (value === 'false' || value === 'no' || value === 'optional')
        s.encrypt = false;
    else if (value === 'strict')
        s.encrypt = 'strict';
    else
        refuse(`gives ${key} the value "${v}", which bfx-begin does not know`, `write ${key}=True, ${key}=False or ${key}=Strict`);
});
keyword(['TrustServerCertificate', 'Trust Server Certificate'], (s, v, key) => (s.trustServerCertificate = bool(v, key)));
keyword(['HostNameInCertificate', 'Host Name In Certificate', 'Server Certificate Name'], (s, v) => (s.hostNameInCertificate = v.trim() || undefined));
keyword(['Authentication'], (s, v) => (s.authenticationValue = v));
keyword(['Integrated Security', 'Trusted_Connection'], (s, v, key) => {
    const value = v.trim().toLowerCase();
    s.integratedSecurity = value === 'sspi' ? true : bool(v, key);
});
keyword(['Application Name', 'App', 'AppName'], (s, v) => (s.appName = v.trim() || DEFAULT_APP_NAME));
keyword(['Workstation ID', 'WSID'], (s, v) => (s.workstationId = v.trim() || undefined));
keyword(['MultiSubnetFailover', 'Multi Subnet Failover'], (s, v, key) => (s.multiSubnetFailover = bool(v, key)));
keyword(['Connection Timeout', 'Connect Timeout', 'Timeout', 'LoginTimeout'], (s, v, key) => (s.connectTimeoutMs = seconds(v, key, false)));
keyword(['Command Timeout'], (s, v, key) => (s.requestTimeoutMs = seconds(v, key, true)));
keyword(['ConnectRetryCount', 'Connect Retry Count'], (s, v, key) => (s.connectRetryCount = wholeNumber(v, key, 0, 255)));
keyword(['ConnectRetryInterval', 'Connect Retry Interval'], (s, v, key) => (s.connectRetryIntervalMs = wholeNumber(v, key, 1, 60) * 1000));
keyword(['ApplicationIntent', 'Application Intent'], (_s, v, key) => {
    const value = v.trim().toLowerCase();
    if (value === 'readonly') {
        refuse(`asks for ${key}=ReadOnly, but the catalog is written to at every begin and end`, `remove ${key} or set it to ReadWrite`);
    }
    if (value !== 'readwrite')
        refuse(`gives ${key} the value "${v}", which bfx-begin does not know`, `write ${key}=ReadWrite`);
});
keyword([
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
], ignore);
/**
 * Splits an ADO.NET / ODBC keyword string into its pairs, in order. `hidden`: the pair follows an
 * unquoted password (which ends at the first ;), so its text may be the rest of the password.
 */
function pairs(text) {
    const result = [];
    let i = 0;
    /** An unquoted Password value was read: what follows is never echoed. */
    let afterPassword = false;
    /** A Password value is being read. */
    let inPassword = false;
    const malformed = () => afterPassword
        ? refuse('cannot be read after its Password keyword', QUOTE_PASSWORD)
        : inPassword
            ? refuse('has a Password value that cannot be read (an unterminated quote, or text after the closing quote)', QUOTE_PASSWORD)
            : refuse('is not a list of Keyword=Value pairs separated by semicolons', FORMS);
    while (i < text.length) {
        // Skip separators and blanks between pairs.
        while (i < text.length && (text[i] === ';' || /\s/.test(text[i])))
            i++;
        if (i >= text.length)
            break;
        // Key: up to '=', where '==' is a literal '='.
        let key = '';
        for (;;) {
            if (i >= text.length || text[i] === ';')
                malformed();
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
        if (key === '')
            malformed();
        const known = KEYWORDS[normalize(key)];
        inPassword = known?.secret === true;
        // Value: quoted with ", ' or {}, a doubled closing character standing for itself; else up to ';'.
        while (i < text.length && text[i] !== ';' && /\s/.test(text[i]))
            i++;
        let value = '';
        const open = text[i];
        const quoted = open === '"' || open === "'" || open === '{';
        if (quoted) {
            const close = open === '{' ? '}' : open;
            i++;
            for (;;) {
                if (i >= text.length)
                    malformed();
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
                if (!/\s/.test(text[i]))
                    malformed();
                i++;
            }
        }
        else {
            const end = text.indexOf(';', i);
            value = (end === -1 ? text.slice(i) : text.slice(i, end)).trim();
            i = end === -1 ? text.length : end;
        }
        inPassword = false;
        if (!known) {
            if (afterPassword)
                malformed();
            refuse(`holds the keyword "${key.slice(0, 60)}", which bfx-begin does not know`, 'check its spelling, or remove it');
        }
        result.push({ key, value, hidden: afterPassword });
        if (known.secret && !quoted)
            afterPassword = true;
    }
    return result;
}
/** Server=[tcp:]host[\instance][,port] */
function applyServer(draft, value) {
    let server = value.trim();
    const protocol = /^([a-z]+):/i.exec(server);
    if (protocol && !/^\[/.test(server)) {
        const name = protocol[1].toLowerCase();
        if (name === 'np' || name === 'lpc' || name === 'admin') {
            refuse(`asks for the ${name === 'np' ? 'named pipes' : name === 'lpc' ? 'shared memory' : 'admin'} protocol, which bfx-begin does not support`, 'connect over TCP: Server=tcp:HOST,PORT');
        }
        if (name === 'tcp')
            server = server.slice(4).trim();
    }
    let port;
    const comma = server.lastIndexOf(',');
    if (comma !== -1) {
        const rawPort = server.slice(comma + 1).trim();
        if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) < 1 || Number(rawPort) > 65535) {
            refuse(`names the port "${rawPort}", which is not a port number`, 'write Server=HOST,1433 with a port from 1 to 65535');
        }
        port = Number(rawPort);
        server = server.slice(0, comma).trim();
    }
    let instanceName;
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
        refuse('names a LocalDB instance, which is reached through named pipes only', 'use a SQL Server reachable over TCP');
    }
    if (lower === '.' || lower === '(local)' || lower === '(.)')
        server = 'localhost';
    if (server === '')
        refuse('names no server', 'give one: Server=HOST or Server=tcp:HOST,PORT');
    draft.server = server;
    // A port wins over an instance name: the instance is then reached directly, as SqlClient does.
    draft.port = port ?? (instanceName ? undefined : DEFAULT_PORT);
    draft.instanceName = port === undefined ? instanceName : undefined;
}
function applyAuthentication(draft) {
    if (draft.integratedSecurity) {
        refuse('asks for Windows integrated security, which a GitHub runner cannot use', 'log in with User ID and Password, or with Authentication=ActiveDirectoryDefault');
    }
    const raw = draft.authenticationValue?.trim() ?? '';
    const value = normalize(raw).replace(/-/g, '');
    if (value === '' || value === 'sqlpassword')
        return 'sql-password';
    if (value === 'activedirectorydefault')
        return 'entra-default';
    if (value === 'activedirectorymanagedidentity' || value === 'activedirectorymsi')
        return 'entra-managed-identity';
    return refuse(`asks for Authentication=${raw.slice(0, 60)}, which bfx-begin does not support`, 'use SQL authentication (User ID and Password), Authentication=ActiveDirectoryDefault or Authentication=ActiveDirectoryManagedIdentity');
}
function finish(draft) {
    const hidden = (...names) => names.some((name) => draft.hidden?.has(name) === true);
    const serverValue = draft.serverValue;
    if (serverValue !== undefined)
        guarded(hidden('Server'), () => applyServer(draft, serverValue));
    if (!draft.server)
        refuse('names no server', 'give one with Server=HOST (or Data Source=HOST)');
    if (!draft.database?.trim()) {
        refuse('names no database, so bfx-begin would not know where its tables belong', 'add Database=NAME (or Initial Catalog=NAME)');
    }
    const authentication = guarded(hidden('Authentication', 'Integrated Security'), () => applyAuthentication(draft));
    if (authentication === 'sql-password') {
        if (!draft.user?.trim())
            refuse('names no user', 'add User ID=USER and Password=PASSWORD (SQL authentication)');
        if (draft.password === undefined)
            refuse('has no password', 'add Password=PASSWORD');
    }
    if (draft.encrypt === false) {
        // Every login bfx-begin makes carries a secret, and tedious sends no TLS at all without
        // encryption (not even around the login packet, as other drivers do).
        refuse(`says Encrypt=False, which would send the ${authentication === 'sql-password' ? 'password' : 'Microsoft Entra ID token'} to the server without TLS`, 'remove it or write Encrypt=True (with TrustServerCertificate=True for a test server whose certificate is self-signed), ' +
            'or Encrypt=Strict for Azure SQL and SQL Server 2022');
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
function parseKeywords(text) {
    const draft = { hidden: new Set() };
    // The last occurrence of a keyword wins, as in ADO.NET.
    for (const { key, value, hidden } of pairs(text)) {
        const known = KEYWORDS[normalize(key)];
        guarded(hidden, () => known.set(draft, value, key));
        if (hidden)
            draft.hidden?.add(known.name);
        else
            draft.hidden?.delete(known.name);
    }
    return finish(draft);
}
function decode(part, what) {
    try {
        return decodeURIComponent(part);
    }
    catch {
        return refuse(`holds a ${what} that is not valid percent-encoding`, `percent-encode it (for example @ as %40)`);
    }
}
function parseUrl(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return refuse('is not a valid URL', FORMS);
    }
    const draft = {};
    if (url.hostname === '')
        refuse('names no server', 'write mssql://USER:PASSWORD@HOST:1433/DATABASE');
    if (url.port !== '')
        draft.serverValue = `${url.hostname},${url.port}`;
    else
        draft.serverValue = url.hostname;
    if (url.username)
        draft.user = decode(url.username, 'user name');
    if (url.password || /^[a-z]+:\/\/[^/@]*:@/i.test(text))
        draft.password = decode(url.password, 'password');
    const path = url.pathname.replace(/^\/+|\/+$/g, '');
    if (path.includes('/'))
        refuse('has a path with more than one part', 'write mssql://USER:PASSWORD@HOST:1433/DATABASE');
    if (path)
        draft.database = decode(path, 'database name');
    for (const [key, value] of url.searchParams) {
        const normalized = normalize(key);
        if (normalized === 'instance' || normalized === 'instancename') {
            draft.serverValue = `${url.hostname}\\${value}${url.port ? `,${url.port}` : ''}`;
            continue;
        }
        const known = KEYWORDS[normalized];
        if (!known || known.secret || normalized === 'server' || normalized === 'database' || normalized === 'user') {
            refuse(`has the URL parameter "${key.slice(0, 60)}", which bfx-begin does not take there`, 'check its spelling, or remove it');
        }
        known.set(draft, value, key);
    }
    return finish(draft);
}
/** Parses an ADO.NET / ODBC keyword string or an mssql:// (or sqlserver://) URL. */
function parseMssqlConnectionString(connectionString) {
    const text = connectionString.trim();
    if (text === '')
        refuse('is empty', FORMS);
    return /^(mssql|sqlserver):\/\//i.test(text) ? parseUrl(text) : parseKeywords(text);
}
/** Where the catalog lives, fit for logs: server[\instance][:port]/database, never credentials. */
function mssqlLocation(settings) {
    const instance = settings.instanceName ? `\\${settings.instanceName}` : '';
    const port = settings.port && settings.port !== DEFAULT_PORT ? `:${settings.port}` : '';
    return `${settings.server}${instance}${port}/${settings.database}`;
}
/**
 * The configuration of a tedious Connection (driver.ts). Timeouts from the connection string win
 * over the inputs; session options keep XACT_ABORT on, so that any error or a timeout rolls the
 * whole transaction back on the server.
 */
function toTediousConfig(settings, options) {
    const clientId = settings.user ? { clientId: settings.user } : {};
    const authentication = settings.authentication === 'sql-password'
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
            // give (mssql/engine.ts), so that the retries and their budget are in one place.
            maxRetriesOnTransientErrors: 0,
        },
    };
}

// EXTERNAL MODULE: ./node_modules/tedious/lib/tedious.js
var tedious = __webpack_require__(86768);
;// CONCATENATED MODULE: ./src/catalog/mssql/driver.ts
/**
 * SQL Server's wire, on one tedious Connection: one login, then one request per round trip.
 *
 * A request is one SQL batch (TDS SQL_BATCH), so that it may open or close the transaction around
 * what it runs: BEGIN TRANSACTION and COMMIT TRANSACTION stand in the batch itself, outside any
 * procedure. The statements of the round trip run inside it through sys.sp_executesql, with their
 * values as its parameters: each distinct statement text is compiled once and its plan reused,
 * whatever the values. A transaction begun or committed inside sp_executesql would be refused
 * (error 266: the transaction count must be the same on leaving a procedure as on entering it), so
 * the transaction's ends stay out here:
 *
 *   SET NOCOUNT ON; SET XACT_ABORT ON; [BEGIN TRANSACTION;]
 *   DECLARE @s0_PackageName NVARCHAR(200) = N'Load_Customer', ...;
 *   EXEC sys.sp_executesql N'...the statements...', N'@s0_PackageName NVARCHAR(200), ...', @s0_PackageName = @s0_PackageName, ...;
 *   [COMMIT TRANSACTION;]
 *
 * Values reach the text only as literals of the declared type, written here and nowhere else:
 * numbers checked as whole numbers, text as N'...' with every quote doubled and every control
 * character as NCHAR(n), and a value longer than its declared type refused (a DECLARE would cut it
 * without a word). With XACT_ABORT on, any error (a guarded update's THROW, a deadlock, a time-out)
 * ends the batch before its COMMIT and rolls the transaction back.
 */

const INT = 'INT';
const BIGINT = 'BIGINT';
const BIT = 'BIT';
const MAX = 'MAX';
const nvarchar = (length) => `NVARCHAR(${length})`;
const varchar = (length) => `VARCHAR(${length})`;
const driver_char = (length) => `CHAR(${length})`;
const PARAMETER_NAME = /^[A-Za-z_]\w*$/;
/** The request's own variables: no statement's parameter starts with two underscores. */
const STATEMENT = '__statement';
const DECLARATIONS = '__parameters';
/**
 * N'text', quotes doubled; a control character other than a tab or a line break (NUL among them)
 * as NCHAR(n) beside the quoted parts, so that nothing but plain text stands between the quotes.
 */
function unicodeLiteral(text) {
    const parts = [];
    let plain = '';
    for (const character of text) {
        const code = character.codePointAt(0);
        if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
            if (plain !== '')
                parts.push(`N'${plain}'`);
            parts.push(`NCHAR(${code})`);
            plain = '';
        }
        else
            plain += character === "'" ? "''" : character;
    }
    if (plain !== '' || parts.length === 0)
        parts.push(`N'${plain}'`);
    return parts.join(' + ');
}
/** A value as a literal of its declared type; anything that does not fit the type is a bug, refused. */
function literalOf(type, value, name) {
    if (value === null || value === undefined)
        return 'NULL';
    const refuse = () => {
        throw new Error(`The value of @${name} does not fit its SQL Server type ${type}.`);
    };
    const [, kind, size] = /^([A-Z]+)(?:\((\d+|MAX)\))?$/.exec(type) ?? refuse();
    switch (kind) {
        case 'INT':
        case 'BIGINT': {
            const text = typeof value === 'number' && Number.isSafeInteger(value)
                ? String(value)
                : typeof value === 'bigint' || (typeof value === 'string' && /^-?\d{1,19}$/.test(value))
                    ? String(value)
                    : refuse();
            const bound = kind === 'INT' ? 2n ** 31n : 2n ** 63n;
            if (BigInt(text) >= bound || BigInt(text) < -bound)
                refuse();
            return text;
        }
        case 'BIT':
            return value === true || value === 1 ? '1' : value === false || value === 0 ? '0' : refuse();
        case 'CHAR':
        case 'VARCHAR':
        case 'NVARCHAR': {
            if (typeof value !== 'string')
                return refuse();
            // CHAR and VARCHAR hold the catalog's codes and ID lists: printable ASCII only, which no code page changes.
            if (kind !== 'NVARCHAR' && !/^[\x20-\x7e]*$/.test(value))
                refuse();
            if (size !== 'MAX' && value.length > Number(size))
                refuse();
            return unicodeLiteral(value);
        }
        default:
            return refuse();
    }
}
/** The text of one request: the transaction's ends around the statements, run through sp_executesql. */
function requestText(batch, ends = {}) {
    const lines = ['SET NOCOUNT ON;', 'SET XACT_ABORT ON;'];
    if (ends.begin)
        lines.push('BEGIN TRANSACTION;');
    if (batch.text.trim() === '') {
        if (ends.commit)
            lines.push('COMMIT TRANSACTION;');
        return lines.join('\n');
    }
    const params = Object.entries(batch.params);
    for (const [name] of params) {
        if (!PARAMETER_NAME.test(name) || name.startsWith('__'))
            throw new Error(`"${name}" is not a parameter name.`);
    }
    for (const [name, [type, value]] of params)
        lines.push(`DECLARE @${name} ${type} = ${literalOf(type, value, name)};`);
    // Through variables: EXEC takes constants or variables only, and a literal may need NCHAR(n).
    lines.push(`DECLARE @${STATEMENT} NVARCHAR(MAX) = ${unicodeLiteral(batch.text)};`);
    let call = `EXEC sys.sp_executesql @${STATEMENT};`;
    if (params.length > 0) {
        const declarations = params.map(([name, [type]]) => `@${name} ${type}`).join(', ');
        lines.push(`DECLARE @${DECLARATIONS} NVARCHAR(MAX) = ${unicodeLiteral(declarations)};`);
        const values = params.map(([name]) => `@${name} = @${name}`);
        call = `EXEC sys.sp_executesql @${STATEMENT}, @${DECLARATIONS},\n  ${values.join(',\n  ')};`;
    }
    if (!ends.commit)
        lines.push(call);
    else {
        // The COMMIT runs only after every statement did. XACT_ABORT rolls back on most errors; the
        // CATCH covers those it leaves the transaction open after (a statement of the procedure that
        // fails to compile, an object missing), so that nothing before them is committed.
        lines.push('BEGIN TRY', call, 'COMMIT TRANSACTION;', 'END TRY', 'BEGIN CATCH', 'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;', 'THROW;', 'END CATCH;');
    }
    return lines.join('\n');
}
/** Only a transaction the server still holds open is rolled back: XACT_ABORT has rolled back most. */
const ROLLBACK = 'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;';
/**
 * One connection to SQL Server. `watch` is called with the tedious Connection before it connects
 * (engine.ts refuses a login in clear there, and hears the login's error messages).
 */
class TdsConnection {
    connection;
    closed = false;
    constructor(connection) {
        this.connection = connection;
        connection.on('end', () => (this.closed = true));
        // An error on an idle connection (the server went away) reaches the next request as ECLOSE;
        // without a listener it would end the process.
        connection.on('error', () => (this.closed = true));
    }
    static open(config, watch) {
        const connection = new tedious/* Connection */.Ng(config);
        const opened = new TdsConnection(connection);
        watch(connection);
        return new Promise((resolve, reject) => {
            connection.connect((error) => {
                if (error) {
                    connection.close();
                    reject(error);
                }
                else
                    resolve(opened);
            });
        });
    }
    /** Whether the connection can take a request: not closed by either side. */
    get usable() {
        return !this.closed;
    }
    /** Runs one request; resolves with every result set of it, in order. */
    run(batch, ends = {}) {
        return this.send(requestText(batch, ends), ends.timeoutMs);
    }
    /** Runs T-SQL of this folder's own, with no values in it (the rollback). */
    send(text, timeoutMs) {
        if (this.closed) {
            // What tedious would answer a request on a connection that ended, as the dropped connection it is.
            return Promise.reject(Object.assign(new Error('The connection to SQL Server was closed.'), { code: 'ECLOSE' }));
        }
        return new Promise((resolve, reject) => {
            const recordsets = [];
            const request = new tedious/* Request */.Kd(text, (error) => (error ? reject(error) : resolve(recordsets)));
            if (timeoutMs !== undefined)
                request.setTimeout(timeoutMs);
            request.on('columnMetadata', () => recordsets.push([]));
            request.on('row', (columns) => {
                const row = {};
                for (const column of columns)
                    row[column.metadata.colName] = column.value;
                recordsets[recordsets.length - 1].push(row);
            });
            this.connection.execSqlBatch(request);
        });
    }
    close() {
        if (this.closed)
            return Promise.resolve();
        return new Promise((resolve) => {
            this.connection.once('end', () => resolve());
            this.connection.close();
        });
    }
}

// EXTERNAL MODULE: ./src/catalog/turns.ts
var turns = __webpack_require__(18471);
;// CONCATENATED MODULE: ./src/catalog/mssql/faults.ts
/**
 * SQL Server / Azure SQL faults: which are transient (retried by engine.ts), and the one sentence
 * the user reads for each they can act on (what happened, why, what to do). Credentials never
 * appear: only the server, the database and the user name are named, and any text from the
 * driver, the server or Microsoft Entra ID is stripped of the connection string's secrets.
 */




/**
 * SQL Server error numbers worth retrying on a live connection. Each leaves nothing half-done: the
 * server refused or rolled back the whole request (XACT_ABORT is on), so running the operation
 * again from its start is safe; and should a commit have got through before the fault was seen, a
 * retried begin finds its own execution again by run key, a retried end finds it already ended.
 */
const TRANSIENT_ERROR_NUMBERS = new Set([
    1205, // chosen as deadlock victim: the server rolled the transaction back
    1222, // lock request time-out (a LOCK_TIMEOUT set on the server side): the transaction is rolled back
    40613, // Azure SQL: database not currently available (failover, reconfiguration, serverless resume)
    40501, // Azure SQL: the service is busy (throttling); the request was refused
    40197, // Azure SQL: the service had an error processing the request (failover, upgrade); rolled back
    10928, // Azure SQL: resource limit (workers, sessions) reached; the request was refused
    10929, // Azure SQL: resource minimum not guaranteed right now; the request was refused
    49918, // Azure SQL: not enough resources to process the request; refused
    49919, // Azure SQL: too many create or update operations in progress; refused
    49920, // Azure SQL: too many operations in progress; refused
]);
/**
 * Error numbers a login can fail with while an Azure SQL database is moving, resuming or busy
 * (the list SqlClient and tedious retry). tedious reports them as ELOGIN with no number; the
 * engine reads the number from the connection's errorMessage event and wraps it in LoginFailure.
 * 4060 (cannot open the database) is also what a misspelled database name gets, so it is retried
 * for a shorter while than the others (engine.ts).
 */
const TRANSIENT_LOGIN_NUMBERS = new Set([40613, 40501, 40197, 10928, 10929, 4060]);
/** THROWn by the guarded updates of queries.ts when the execution was no longer active. */
const LOCK_VIOLATION_NUMBER = 51000;
/** THROWn by the migration when sp_getapplock returned -3 (chosen as deadlock victim): retried like 1205. */
const APPLOCK_DEADLOCK_NUMBER = 51003;
/**
 * THROWn by a begin's registration when another begin registered the same new package meanwhile
 * (its INSERT met the other's key: error 2627 or 2601). Retried: the next attempt finds the package.
 */
const REGISTERED_MEANWHILE_NUMBER = 51004;
/**
 * THROWn by a rename when another package took the new name after the rename read it free (its
 * UPDATE met that package's key: error 2627 or 2601). Not retried: it is the name taken (NameTaken).
 */
const NAME_TAKEN_NUMBER = 51005;
/** THROWn by the migration when sp_getapplock timed out (-1) or failed: not retried. */
const APPLOCK_TIMEOUT_NUMBER = 51001;
/**
 * Dropped connections. The server rolls back the transaction of a session that goes away; if the
 * COMMIT itself was in flight, re-entry by run key makes the retry return what it committed.
 */
const DROPPED_CONNECTION_CODES = new Set([
    'ESOCKET',
    'ECONNRESET',
    'ECONNCLOSED',
    'ECLOSE',
    'EPIPE',
    'ECONNREFUSED',
]);
/** Socket failures that another attempt cannot mend: a bad certificate, a host that does not exist. */
const PERMANENT_SOCKET_CAUSES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ENOTFOUND|EPROTO/;
const CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|certificate/i;
const PERMISSION_NUMBERS = new Set([229, 230, 262, 297, 300, 916, 1088, 2760, 15151, 15247]);
/**
 * A failed login and every error message the server sent during it, in order. tedious's ELOGIN
 * error carries the text of the last one only, and no number; a refused database login sends 4060
 * (cannot open the database: the cause) and then 18456 (login failed), so the numbers and texts
 * arrive through the connection's errorMessage event, which engine.ts listens to while a
 * connection logs in. Its message is that of the first error that says what is wrong.
 */
class LoginFailure extends Error {
    cause;
    name = 'LoginFailure';
    numbers;
    constructor(cause, messages) {
        const telling = messages.find((m) => m.number !== LOGIN_FAILED_NUMBER) ?? messages[0];
        super(telling?.message || (cause instanceof Error ? cause.message : String(cause)));
        this.cause = cause;
        this.numbers = messages.map((m) => m.number);
    }
}
/** "Login failed for user": what every refused login ends with, whatever the cause before it. */
const LOGIN_FAILED_NUMBER = 18456;
/**
 * The server declined encryption in its pre-login answer (or a man in the middle answered for it),
 * so the login was not sent: tedious would have sent it in clear (engine.ts refuses before).
 */
class EncryptionDeclined extends Error {
    answer;
    name = 'EncryptionDeclined';
    code = 'EDOWNGRADE';
    constructor(answer) {
        super(`The server answered the pre-login with encryption ${answer}.`);
        this.answer = answer;
    }
}
function faultOf(error) {
    const fault = { codes: new Set(), names: new Set(), numbers: [], messages: [] };
    const seen = new Set();
    const visit = (value, depth) => {
        if (!value || typeof value !== 'object' || seen.has(value) || depth > 6)
            return;
        seen.add(value);
        const e = value;
        if (typeof e.code === 'string')
            fault.codes.add(e.code);
        if (typeof e.name === 'string')
            fault.names.add(e.name);
        if (typeof e.number === 'number' && e.number > 0)
            fault.numbers.push(e.number);
        if (Array.isArray(e.numbers))
            fault.numbers.push(...e.numbers.filter((n) => typeof n === 'number'));
        if (typeof e.message === 'string' && e.message)
            fault.messages.push(e.message);
        for (const key of ['originalError', 'info', 'cause'])
            visit(e[key], depth + 1);
        for (const key of ['errors', 'precedingErrors']) {
            if (Array.isArray(e[key]))
                for (const inner of e[key])
                    visit(inner, depth + 1);
        }
    };
    visit(error, 0);
    return fault;
}
/** The numbers of a failed login's error messages, in order, when the error is one (see LoginFailure). */
function loginErrorNumbers(error) {
    const fault = faultOf(error);
    return fault.codes.has('ELOGIN') ? fault.numbers : [];
}
/** A login refused for a reason that passes (the database is moving, resuming or busy), by any of its numbers. */
function isTransientLogin(error) {
    return loginErrorNumbers(error).some((number) => TRANSIENT_LOGIN_NUMBERS.has(number));
}
function isTransient(error) {
    if (error instanceof errors/* BfxError */.J || error instanceof catalog/* LockViolation */.RC)
        return false;
    if (isTransientLogin(error))
        return true;
    const fault = faultOf(error);
    if (fault.codes.has('ELOGIN') || fault.codes.has('EFEDAUTH'))
        return false;
    if (fault.numbers.some((n) => TRANSIENT_ERROR_NUMBERS.has(n) || n === APPLOCK_DEADLOCK_NUMBER || n === REGISTERED_MEANWHILE_NUMBER))
        return true;
    if (![...fault.codes].some((code) => DROPPED_CONNECTION_CODES.has(code)))
        return false;
    return ![...fault.codes, ...fault.messages].some((text) => PERMANENT_SOCKET_CAUSES.test(text));
}
/**
 * The LockViolation a guarded update THROWs as error LOCK_VIOLATION_NUMBER (its message names the
 * execution), or undefined for any other error.
 */
function lockViolationOf(error) {
    if (error instanceof catalog/* LockViolation */.RC)
        return error;
    const fault = faultOf(error);
    if (!fault.numbers.includes(LOCK_VIOLATION_NUMBER))
        return undefined;
    const executionId = fault.messages.map((m) => /execution (\d+)/.exec(m)?.[1]).find((id) => id !== undefined);
    return new catalog/* LockViolation */.RC(executionId ?? '(unknown)');
}
/** The NameTaken a rename THROWs as error NAME_TAKEN_NUMBER (its message names the package), or undefined. */
function nameTakenOf(error) {
    if (error instanceof catalog/* NameTaken */.R)
        return error;
    const fault = faultOf(error);
    if (!fault.numbers.includes(NAME_TAKEN_NUMBER))
        return undefined;
    const name = fault.messages.map((m) => /package "(.*)" was registered/s.exec(m)?.[1]).find((n) => n !== undefined);
    return new catalog/* NameTaken */.R(name ?? '(unknown)');
}
/** What a failed batch of a transaction means to run control: a LockViolation, a NameTaken, or the error itself. */
const batchFault = (error) => lockViolationOf(error) ?? nameTakenOf(error) ?? error;
/** The first line of an Entra ID error, which lists every credential it tried on the lines after. */
const firstLine = (text) => text.split('\n').find((line) => line.trim() !== '') ?? text;
/**
 * One BfxError sentence for a fault the user can act on, or undefined for one that is a bug
 * (a LockViolation included: it is reported as one).
 */
function describeFault(error, context) {
    if (error instanceof errors/* BfxError */.J)
        return error;
    if (error instanceof catalog/* LockViolation */.RC)
        return undefined;
    const { settings, phase } = context;
    const fault = faultOf(error);
    const location = mssqlLocation(settings);
    const server = settings.server + (settings.instanceName ? `\\${settings.instanceName}` : '');
    const clean = (text) => (0,connection_string/* redact */.E$)(firstLine(text), context.secrets).replace(/\s+/g, ' ').trim().replace(/[.,]$/, '').slice(0, 300);
    const serverMessage = clean(fault.messages.find((m) => m !== 'Login failed.') ?? fault.messages[0] ?? 'no message');
    const said = (text) => new RegExp(text, 'i').test(fault.messages.join('\n'));
    const number = fault.numbers[0];
    const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
    const has = (...codes) => codes.some((code) => fault.codes.has(code));
    const say = (sentence) => new errors/* BfxError */.J(sentence);
    const rolledBack = context.what ? `${context.what} was rolled back` : 'the request was rolled back';
    const entra = settings.authentication !== 'sql-password';
    // Microsoft Entra ID: no token (no credential in reach, or Entra ID refused it).
    if (has('EFEDAUTH') || fault.names.has('CredentialUnavailableError') || fault.names.has('AuthenticationError')) {
        const identityError = fault.names.has('AuthenticationError')
            ? 'Microsoft Entra ID refused the token request'
            : 'no credential could give a token';
        // Entra ID's own reason (AADSTS70021: no matching federated identity record, ...) when it gave one.
        const reason = fault.messages.flatMap((m) => m.split('\n')).find((line) => /AADSTS\d+/.test(line));
        const detail = clean(reason ??
            fault.messages.find((m) => m !== 'Security token could not be authenticated or authorized.') ??
            identityError);
        if (settings.authentication === 'entra-managed-identity') {
            return say(`bfx-begin could not get a Microsoft Entra ID token from the managed identity of this machine for the SQL Server ${location} ` +
                `(${identityError}: ${detail}), so no connection was made: run the job on an Azure machine (a self-hosted runner) that has a managed identity, ` +
                'and give its client id as User ID if it is user-assigned; on a GitHub-hosted runner, use Authentication=Active Directory Default after azure/login.');
        }
        return say(`bfx-begin could not get a Microsoft Entra ID token for the SQL Server ${location} with Authentication=Active Directory Default ` +
            `(${identityError}: ${detail}), so no connection was made: run azure/login (OIDC, with permissions id-token: write) in the job before this step, ` +
            'or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal (docs/mssql.md).');
    }
    // Before any login was sent: the server (or something in between) would not encrypt.
    if (has('EDOWNGRADE')) {
        return say(`The SQL Server ${location} answered that it does not encrypt connections, so bfx-begin did not send the login ` +
            `(its ${entra ? 'Microsoft Entra ID token' : 'password'} would have crossed the network in clear) and nothing was changed: ` +
            'turn on TLS on the server (Azure SQL and every SQL Server since 2008 can), check that nothing between this runner and the server answers for it, ' +
            'and prefer Encrypt=Strict, which starts TLS before the server says anything (Azure SQL, SQL Server 2022).');
    }
    if (has('ELOGIN')) {
        // The server's first number that says what is wrong: 18456 (login failed) follows every cause.
        const number = fault.numbers.find((n) => n !== 18456) ?? fault.numbers[0];
        if (number !== undefined && TRANSIENT_LOGIN_NUMBERS.has(number) && number !== 4060) {
            return say(`The Azure SQL database ${location} stayed unavailable or busy at login (error ${number}: ${serverMessage}) though the login was retried ${context.loginRetries}, ` +
                'so nothing was changed: run the step again later; a paused serverless database resumes within about a minute, and ConnectRetryCount / ConnectRetryInterval in the connection string give it longer.');
        }
        if (number === 4060 || said('Cannot open database')) {
            return say(`The SQL Server ${server} has no database "${settings.database}" that this login can open (retried ${context.loginRetries}), so nothing was changed: ` +
                'check Database (Initial Catalog) in the connection string, and that the login has a user in that database.');
        }
        if (number === 40615 || said('is not allowed to access the server')) {
            return say(`The Azure SQL server ${server} refused this runner's address at its firewall (${serverMessage}), so nothing was changed: ` +
                "allow the runner's address in the server's firewall rules, or run the job on a runner inside an allowed network.");
        }
        if (entra && (number === 18456 || said('token-identified principal') || said('Login failed for user'))) {
            return say(`The SQL Server ${location} accepted this identity's Microsoft Entra ID token but refused the login (${serverMessage}), so nothing was changed: ` +
                `create a user for the identity in database "${settings.database}" (CREATE USER [name] FROM EXTERNAL PROVIDER) with the grants of docs/mssql.md, ` +
                'and check that the server has a Microsoft Entra admin.');
        }
        if (number === 18456 || said('Login failed for user')) {
            const who = settings.user ? ` for user "${settings.user}"` : '';
            return say(`The SQL Server ${location} refused the login${who} (a wrong user name or password, or a disabled login), so nothing was changed: ` +
                'check User ID and Password in the connection string secret.');
        }
        return say(`The SQL Server ${location} refused the login (${serverMessage}), so nothing was changed: ` +
            "check the connection string's credentials and the login's rights on the database.");
    }
    if ([...fault.codes, ...fault.messages].some((text) => CERTIFICATE.test(text))) {
        return say(`The SQL Server ${server} presented a TLS certificate this runner does not trust (${serverMessage}), so no connection was made: ` +
            'give the server a certificate from a trusted authority, set HostNameInCertificate to the name it carries, ' +
            'or, for a test server only, add TrustServerCertificate=True to the connection string.');
    }
    if (has('ENOTFOUND', 'EAI_AGAIN') || said('getaddrinfo ENOTFOUND')) {
        return say(`The SQL Server host ${settings.server} could not be found (DNS), so no connection was made: check the server name in the connection string.`);
    }
    if (has('EINSTLOOKUP')) {
        return say(`The SQL Server instance ${server} could not be found through the SQL Server Browser (UDP 1434), so no connection was made: ` +
            "give the instance's TCP port instead (Server=HOST,PORT).");
    }
    if (has('ETIMEOUT')) {
        if (phase === 'connect') {
            return say(`The SQL Server ${location} did not answer within the connect timeout of ${seconds(context.connectTimeoutMs)}, so nothing was changed: ` +
                'check the server name and port, that the server is running and that its firewall admits this runner; raise connect-timeout if it is only slow ' +
                '(a paused serverless database can take a minute to resume).');
        }
        return say(`The SQL Server catalog ${location} did not answer within the request timeout of ${seconds(context.requestTimeoutMs)} ` +
            `(a lock held by another run, or a busy server), so ${rolledBack}: run the step again, or raise request-timeout.`);
    }
    if (has('ECONNREFUSED') && phase === 'connect') {
        return say(`The SQL Server ${server} refused the connection on port ${settings.port ?? 1433}, so nothing was changed: ` +
            'check the port, and that SQL Server is running and accepts TCP connections.');
    }
    if (number !== undefined &&
        (TRANSIENT_ERROR_NUMBERS.has(number) ||
            number === APPLOCK_DEADLOCK_NUMBER ||
            number === REGISTERED_MEANWHILE_NUMBER)) {
        return say(`The SQL Server catalog ${location} stayed busy or unavailable (error ${number}: ${serverMessage}) through ${context.requestAttempts} attempts, ` +
            `so ${rolledBack}: run the step again later.`);
    }
    if (isTransient(error)) {
        return say(phase === 'connect'
            ? `Could not connect to the SQL Server ${location} (${serverMessage}), so nothing was changed: ` +
                'check the server name and port, and that the server is running and reachable from this runner.'
            : `The connection to the SQL Server catalog ${location} kept dropping (${serverMessage}) through ${context.requestAttempts} attempts, ` +
                'so the request did not complete: check the network and the server, then run the step again (a retried begin returns the same execution).');
    }
    if (number !== undefined && PERMISSION_NUMBERS.has(number)) {
        return say(`The login may not do this on the SQL Server catalog ${location} (${serverMessage}), so nothing was changed: ` +
            `grant it SELECT, INSERT and UPDATE on schema ${context.schema}, or have a DBA create the catalog with \`bfx migrate\` (see the permissions in docs/mssql.md).`);
    }
    // An invalid object name of our schema, whether the message writes it with brackets or without.
    if (number === 208 && said(`\\[?${context.schema}\\]?\\.`)) {
        return say(`The SQL Server catalog ${location} lacks a table of schema ${context.schema} (${serverMessage}), so nothing was changed: ` +
            'run `bfx migrate`, or set create-catalog to true.');
    }
    if (number === APPLOCK_TIMEOUT_NUMBER) {
        return say(`Another bfx migrate held the migration lock of the SQL Server catalog ${location} for longer than the request timeout, so nothing was created: ` +
            'wait for it to finish, then run the step again.');
    }
    if (number !== undefined) {
        return say(`The SQL Server catalog ${location} refused the request with error ${number} (${serverMessage}), so ${rolledBack}: ` +
            'fix what the message names, then run the step again.');
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/catalog/mssql/schema.ts
/**
 * The SQL Server / Azure SQL catalog's tables, in the schema of the user's choosing ([bfx] unless
 * told otherwise): their shapes per catalog version (judged by shape.ts), how inspect() reads what
 * a schema holds, and the migration that creates or upgrades them. The public column names are
 * those of catalog.ts (the same as the other engines). The status letters appear here in CHECK
 * constraints only; no rule of run control is written in SQL (docs/decision.md).
 *
 * Version 1 is what the first release created: Package, Execution and their three indexes, no
 * CatalogVersion table (its RunKey column had the database's collation; queries.ts compares run
 * keys in a binary collation, so both kinds of column compare exactly). Version 2 adds
 * CatalogVersion, Package.IsBatch, an index of a batch's children, ConfigVariable, RowCount and
 * AuditLog.
 */





/** Column sizes, from the one table of them (catalog/limits.ts), which says each column's rule. */
const PACKAGE_NAME_LENGTH = limits/* COLUMN_LENGTH */.ac.packageName;
const RUN_KEY_LENGTH = limits/* COLUMN_LENGTH */.ac.runKey;
const CONTEXT_LENGTH = limits/* COLUMN_LENGTH */.ac.context;
const VARIABLE_NAME_LENGTH = limits/* COLUMN_LENGTH */.ac.variableName;
const OBJECT_NAME_LENGTH = limits/* COLUMN_LENGTH */.ac.objectName;
const COUNT_TYPE_LENGTH = limits/* COLUMN_LENGTH */.ac.countType;
const ACTION_LENGTH = limits/* COLUMN_LENGTH */.ac.action;
const ACTOR_LENGTH = limits/* COLUMN_LENGTH */.ac.actor;
/**
 * Run keys compare exactly: 'Run-A' and 'run-a' are two runs, whatever the database's collation.
 * New catalogs give the RunKey column this collation; the comparison in queries.ts names it too,
 * for catalogs whose column keeps the database's collation (the first release's).
 */
const RUN_KEY_COLLATION = 'Latin1_General_100_BIN2';
/** The tables that carry our names, in any version. */
const TABLE_NAMES = [
    'CatalogVersion',
    'Package',
    'Execution',
    'ConfigVariable',
    'RowCount',
    'AuditLog',
];
// ---------------------------------------------------------------------------------------------
// Shapes: what each version's tables hold, by kind of type (shape.ts).
/** The tables of each version, for shape.ts: SQL Server stores every kind as itself. */
const VERSIONS = catalog/* TABLE_VERSIONS */.T3;
/**
 * SQL Server's type names (sys.types, of a column's system type) -> kind. `timestamp` is not here:
 * on SQL Server it is rowversion, a binary counter, not a time.
 */
const TYPE_KINDS = {
    int: 'integer',
    bigint: 'integer',
    smallint: 'integer',
    tinyint: 'integer',
    nvarchar: 'text',
    varchar: 'text',
    nchar: 'text',
    char: 'text',
    ntext: 'text',
    text: 'text',
    bit: 'boolean',
    datetime2: 'timestamp',
    datetime: 'timestamp',
    smalldatetime: 'timestamp',
};
function typeKind(typeName) {
    return typeof typeName === 'string' ? (TYPE_KINDS[typeName.toLowerCase()] ?? null) : null;
}
// ---------------------------------------------------------------------------------------------
// Names.
/** A schema name as settings.ts validates it; checked again here, since it is written into SQL text. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
/** [name], with any ] doubled. */
const bracket = (name) => `[${name.replace(/]/g, ']]')}]`;
/** N'text', with any ' doubled. */
const literal = (text) => `N'${text.replace(/'/g, "''")}'`;
function schemaNames(name) {
    if (!SCHEMA_NAME.test(name)) {
        throw new Error(`"${name}" reached the SQL Server engine as a schema name, which settings.ts should have refused.`);
    }
    const schema = bracket(name);
    return { name, schema, table: (table) => `${schema}.${bracket(table)}` };
}
// ---------------------------------------------------------------------------------------------
// inspect(): one batch, four result sets.
/**
 * The columns of the tables of our names in the schema, each with its system type's name, then
 * the highest version recorded in CatalogVersion. The version is read through EXEC only when that
 * table exists with an integer Version column, so that the batch compiles whatever the schema
 * holds; otherwise the second result set is a NULL. Then the objects of our tables' names in the
 * schema that are no tables (sys.objects of a type other than U: a view, a synonym, a sequence, a
 * procedure, a constraint...), and the columns of our tables an insert must fill: NOT NULL with no
 * default constraint, not an identity, not computed, not a rowversion (189) and not a period
 * column of a system-versioned table (the server fills those). shape.ts judges both (which of
 * those columns are ours, and the sentences). Catalog views only: a login with the run-time
 * grants sees the tables it may use.
 */
function inspectStatement(names) {
    const versionTable = literal(names.table('CatalogVersion'));
    const ofOurNames = `o.schema_id = SCHEMA_ID(${literal(names.name)}) AND o.name IN (${TABLE_NAMES.map(literal).join(', ')})`;
    return {
        text: `SELECT o.name AS tableName, c.name AS columnName, t.name AS typeName
FROM sys.tables o
JOIN sys.columns c ON c.object_id = o.object_id
LEFT JOIN sys.types t ON t.user_type_id = c.system_type_id
WHERE ${ofOurNames};
IF EXISTS (SELECT 1 FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.system_type_id
  WHERE c.object_id = OBJECT_ID(${versionTable}, N'U') AND c.name = N'Version' AND t.name IN (N'int', N'bigint', N'smallint', N'tinyint'))
  EXEC (${literal(`SELECT MAX(Version) AS version FROM ${names.table('CatalogVersion')};`)});
ELSE
  SELECT CAST(NULL AS INT) AS version;
SELECT o.name AS objectName, RTRIM(o.type) AS objectType
FROM sys.objects o
WHERE ${ofOurNames} AND o.type <> 'U';
SELECT o.name AS tableName, c.name AS columnName
FROM sys.tables o
JOIN sys.columns c ON c.object_id = o.object_id
WHERE ${ofOurNames}
  AND c.is_nullable = 0 AND c.default_object_id = 0 AND c.is_identity = 0 AND c.is_computed = 0
  AND c.system_type_id <> 189 AND ISNULL(COLUMNPROPERTY(c.object_id, c.name, 'GeneratedAlwaysType'), 0) = 0;`,
        params: {},
        recordsets: 4,
    };
}
// ---------------------------------------------------------------------------------------------
// migrate(): the lock, then the steps.
/**
 * Before an upgrade's steps: the catalog's highest ExecutionID (how many executions it has
 * recorded, read from the clustered key's end), and the executions version 3's checks would
 * refuse, counted, with the first (shape.ts words the refusal).
 */
function upgradeSizeStatement(names) {
    const execution = names.table('Execution');
    return {
        text: `SELECT (SELECT MAX(ExecutionID) FROM ${execution}) AS executions,
  (SELECT COUNT_BIG(*) FROM ${execution} WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS unchecked,
  (SELECT MIN(ExecutionID) FROM ${execution} WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS firstUnchecked;`,
        params: {},
        recordsets: 1,
    };
}
/**
 * The first statement of a migration's transaction: an exclusive application lock on a resource
 * named after the schema (catalogs in two schemas migrate independently), held to the commit.
 * sp_getapplock returns -3 when chosen as a deadlock victim: that THROW is retried like error 1205
 * (faults.ts); a time-out (-1) or another failure is not. The time-out is in ms, -1 for none.
 * Its arguments go by position (resource, mode, owner, time-out): mergeStatements renames every
 * @name of a statement, the procedure's parameter names included.
 */
function migrationLockStatement(names, lockTimeoutMs) {
    return {
        text: `DECLARE @lock INT;
EXEC @lock = sys.sp_getapplock @Resource, N'Exclusive', N'Transaction', @LockTimeout;
IF @lock = -3
  THROW ${APPLOCK_DEADLOCK_NUMBER}, N'The catalog''s migration lock request was chosen as a deadlock victim.', 1;
IF @lock < 0
  THROW ${APPLOCK_TIMEOUT_NUMBER}, N'Another bfx migrate held the catalog''s migration lock for longer than the request timeout.', 1;`,
        params: {
            Resource: [nvarchar(255), `bfx-begin:migrate:${names.name.toLowerCase()}`],
            LockTimeout: [INT, Math.min(lockTimeoutMs, 2_147_483_647)],
        },
        recordsets: 0,
    };
}
function table(names, name, body) {
    return {
        what: `table ${name}`,
        missing: `OBJECT_ID(${literal(names.table(name))}, N'U') IS NULL`,
        ddl: `CREATE TABLE ${names.table(name)} (\n${body}\n)`,
    };
}
/** An index, built online where the edition can (ONLINE_INDEX_OPTION): runs go on beside it. */
function index(names, on, name, ddl) {
    return {
        what: `index ${name}`,
        missing: `NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(${literal(names.table(on))}, N'U') AND name = ${literal(name)})`,
        ddl: `CREATE ${ddl.replace('{name}', name).replace('{table}', names.table(on))}`,
        online: true,
    };
}
/** A CHECK constraint of a table that exists: every row is checked as it is added (WITH CHECK: trusted by the optimizer). */
function check(names, on, name, condition) {
    return {
        what: `constraint ${name}`,
        missing: `NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(${literal(names.table(on))}, N'U') AND name = ${literal(name)})`,
        ddl: `ALTER TABLE ${names.table(on)} WITH CHECK ADD CONSTRAINT ${name} CHECK (${condition})`,
    };
}
/**
 * The editions that build an index online (Enterprise and Developer, Azure SQL Database, Azure
 * SQL Managed Instance: EngineEdition 3, 5, 8); the others build it offline, holding the table
 * for the time of the build. Decided on the server, when the migration runs.
 */
const ONLINE_INDEX_OPTION = `DECLARE @online NVARCHAR(40) = CASE WHEN CAST(SERVERPROPERTY('EngineEdition') AS INT) IN (3, 5, 8)
  THEN N' WITH (ONLINE = ON)' ELSE N'' END;`;
/** What each version adds; STEPS[n - 1] takes a catalog from version n - 1 to n. */
function steps(names) {
    const t = (name) => names.table(name);
    return [
        // Version 1: the first release's tables and indexes (RunKey with a binary collation now).
        [
            {
                what: `schema ${names.name}`,
                missing: `SCHEMA_ID(${literal(names.name)}) IS NULL`,
                ddl: `CREATE SCHEMA ${names.schema}`,
            },
            table(names, 'Package', `  PackageID    INT            IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Package PRIMARY KEY CLUSTERED,
  PackageName  NVARCHAR(${PACKAGE_NAME_LENGTH}) NOT NULL CONSTRAINT UQ_Package_PackageName UNIQUE,
  IsEnabled    BIT            NOT NULL CONSTRAINT DF_Package_IsEnabled DEFAULT (1),
  RetryLimit   INT            NULL CONSTRAINT CK_Package_RetryLimit CHECK (RetryLimit >= 0),
  CreatedTime  DATETIME2      NOT NULL CONSTRAINT DF_Package_CreatedTime DEFAULT (SYSUTCDATETIME())`),
            table(names, 'Execution', `  ExecutionID       BIGINT         IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Execution PRIMARY KEY CLUSTERED,
  PackageID         INT            NOT NULL CONSTRAINT FK_Execution_Package REFERENCES ${t('Package')} (PackageID),
  ParentExecutionID BIGINT         NULL,
  ExecutionStatus   CHAR(1)        NOT NULL CONSTRAINT CK_Execution_ExecutionStatus CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    CHAR(1)        NOT NULL CONSTRAINT CK_Execution_NextLoadStatus CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        INT            NOT NULL CONSTRAINT DF_Execution_RetryCount DEFAULT (0),
  StartTime         DATETIME2      NOT NULL CONSTRAINT DF_Execution_StartTime DEFAULT (SYSUTCDATETIME()),
  EndTime           DATETIME2      NULL,
  RunKey            NVARCHAR(${RUN_KEY_LENGTH}) COLLATE ${RUN_KEY_COLLATION} NULL,
  ErrorMessage      NVARCHAR(MAX)  NULL,
  Repository        NVARCHAR(${CONTEXT_LENGTH})  NULL,
  Workflow          NVARCHAR(${CONTEXT_LENGTH})  NULL,
  Job               NVARCHAR(${CONTEXT_LENGTH})  NULL,
  RunId             NVARCHAR(${CONTEXT_LENGTH})  NULL,
  RunAttempt        NVARCHAR(${CONTEXT_LENGTH})  NULL,
  Actor             NVARCHAR(${CONTEXT_LENGTH})  NULL,
  EventName         NVARCHAR(${CONTEXT_LENGTH})  NULL,
  CommitSha         NVARCHAR(${CONTEXT_LENGTH})  NULL`),
            // Re-entry: the package's execution carrying a run key.
            index(names, 'Execution', 'IX_Execution_Package_RunKey', 'INDEX {name} ON {table} (PackageID, RunKey)'),
            // The package's most recent execution, and history, newest first.
            index(names, 'Execution', 'IX_Execution_Package_Latest', 'INDEX {name} ON {table} (PackageID, ExecutionID DESC)'),
            // At most one active execution per package, whatever happens; and the active one, found at once.
            index(names, 'Execution', 'UX_Execution_Package_Active', 'UNIQUE INDEX {name} ON {table} (PackageID) WHERE EndTime IS NULL'),
        ],
        // Version 2: versions, batches, variables, row counts, the audit log.
        [
            table(names, 'CatalogVersion', `  Version      INT        NOT NULL CONSTRAINT PK_CatalogVersion PRIMARY KEY CLUSTERED,
  AppliedTime  DATETIME2  NOT NULL CONSTRAINT DF_CatalogVersion_AppliedTime DEFAULT (SYSUTCDATETIME())`),
            {
                // Existing rows take the default: an upgrade keeps every package as it was, not a batch.
                what: 'column Package.IsBatch',
                missing: `COL_LENGTH(${literal(t('Package'))}, N'IsBatch') IS NULL`,
                ddl: `ALTER TABLE ${t('Package')} ADD IsBatch BIT NOT NULL CONSTRAINT DF_Package_IsBatch DEFAULT (0)`,
            },
            // A batch execution's children.
            index(names, 'Execution', 'IX_Execution_Parent', 'INDEX {name} ON {table} (ParentExecutionID)'),
            table(names, 'ConfigVariable', `  PackageID      INT             NOT NULL CONSTRAINT FK_ConfigVariable_Package REFERENCES ${t('Package')} (PackageID),
  VariableName   NVARCHAR(${VARIABLE_NAME_LENGTH})   NOT NULL,
  VariableValue  NVARCHAR(MAX)   NOT NULL,
  PreviousValue  NVARCHAR(MAX)   NULL,
  ExecutionID    BIGINT          NULL,
  UpdatedTime    DATETIME2       NOT NULL,
  CONSTRAINT PK_ConfigVariable PRIMARY KEY CLUSTERED (PackageID, VariableName)`),
            // The key is 8 + 2 * 400 + 2 * 128 bytes: over the 900 of a clustered key, within the 1,700 of another.
            table(names, 'RowCount', `  ExecutionID  BIGINT          NOT NULL CONSTRAINT FK_RowCount_Execution REFERENCES ${t('Execution')} (ExecutionID),
  ObjectName   NVARCHAR(${OBJECT_NAME_LENGTH})   NOT NULL,
  CountType    NVARCHAR(${COUNT_TYPE_LENGTH})   NOT NULL,
  [RowCount]   BIGINT          NOT NULL CONSTRAINT CK_RowCount_RowCount CHECK ([RowCount] >= 0),
  CONSTRAINT PK_RowCount PRIMARY KEY NONCLUSTERED (ExecutionID, ObjectName, CountType)`),
            table(names, 'AuditLog', `  AuditID      BIGINT          IDENTITY(1, 1) NOT NULL CONSTRAINT PK_AuditLog PRIMARY KEY CLUSTERED,
  PackageID    INT             NOT NULL CONSTRAINT FK_AuditLog_Package REFERENCES ${t('Package')} (PackageID),
  ExecutionID  BIGINT          NULL,
  [Action]     NVARCHAR(${ACTION_LENGTH})    NOT NULL,
  Detail       NVARCHAR(MAX)   NULL,
  Actor        NVARCHAR(${ACTOR_LENGTH})   NULL,
  CreatedTime  DATETIME2       NOT NULL CONSTRAINT DF_AuditLog_CreatedTime DEFAULT (SYSUTCDATETIME())`),
            // A package's audit records, newest first.
            index(names, 'AuditLog', 'IX_AuditLog_Package', 'INDEX {name} ON {table} (PackageID, AuditID)'),
        ],
        // Version 3: indexes for the reads that had none, and the checks of Execution. The checks go
        // last: each reads every execution under a schema lock, after the online builds.
        [
            // LastExecutionID: the package's latest execution of a status, one seek (the latest index
            // has no status, so it walked back one key lookup per execution of another status).
            index(names, 'Execution', 'IX_Execution_Package_Status', 'INDEX {name} ON {table} (PackageID, ExecutionStatus, ExecutionID DESC)'),
            // The execution that ended last, which a begin follows (a disabled package's skip is born
            // ended while another execution may still be active): one seek.
            index(names, 'Execution', 'IX_Execution_Package_Ended', 'INDEX {name} ON {table} (PackageID, EndTime DESC, ExecutionID DESC)'),
            // An execution's audit records of an action (the takeovers an end looks for).
            index(names, 'AuditLog', 'IX_AuditLog_Execution', 'INDEX {name} ON {table} (ExecutionID, [Action])'),
            // RowCount was a heap (its key is too long to cluster): clustered by execution, as it is
            // read; unless a DBA clustered it already (a table has one clustered index at most).
            {
                ...index(names, 'RowCount', 'CX_RowCount_Execution', 'CLUSTERED INDEX {name} ON {table} (ExecutionID)'),
                missing: `NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(${literal(names.table('RowCount'))}, N'U') AND type = 1)`,
            },
            ...shape/* EXECUTION_CHECKS */.n8.map((condition, i) => check(names, 'Execution', ['CK_Execution_EndTime', 'CK_Execution_RetryCount'][i], condition)),
        ],
        // Version 4: the record of a deleted package names no package. ALTER COLUMN may not change a
        // column that an index or a foreign key uses, so both are dropped and made again around it.
        [
            {
                what: 'nullable column AuditLog.PackageID',
                missing: `COLUMNPROPERTY(OBJECT_ID(${literal(t('AuditLog'))}, N'U'), N'PackageID', N'AllowsNull') = 0`,
                ddl: [
                    `ALTER TABLE ${t('AuditLog')} DROP CONSTRAINT FK_AuditLog_Package;`,
                    `DROP INDEX IX_AuditLog_Package ON ${t('AuditLog')};`,
                    `ALTER TABLE ${t('AuditLog')} ALTER COLUMN PackageID INT NULL;`,
                    `CREATE INDEX IX_AuditLog_Package ON ${t('AuditLog')} (PackageID, AuditID);`,
                    `ALTER TABLE ${t('AuditLog')} WITH CHECK ADD CONSTRAINT FK_AuditLog_Package FOREIGN KEY (PackageID) REFERENCES ${t('Package')} (PackageID);`,
                ].join('\n'),
            },
        ],
    ];
}
/**
 * The steps from version `from` + 1 to CATALOG_VERSION, in the migration's transaction after its
 * lock and a fresh inspection: each object is created only when it is missing, and named in the one
 * result set (`what`, in order of creation); then each version applied gets its CatalogVersion row.
 * The DDL runs through EXEC: CREATE SCHEMA must be alone in its batch, and nothing may be compiled
 * against objects (or columns) that the same batch creates. The texts are built from constants and
 * the validated schema name: no input reaches them.
 */
function migrationStatement(names, from) {
    const all = steps(names);
    if (all.length !== catalog/* CATALOG_VERSION */.$i)
        throw new Error('The SQL Server migration steps do not reach CATALOG_VERSION.');
    const applied = all.map((creations, i) => ({ version: i + 1, creations })).filter(({ version }) => version > from);
    const versionTable = names.table('CatalogVersion');
    return {
        text: [
            'DECLARE @created TABLE (Ordinal INT IDENTITY(1, 1) NOT NULL, What NVARCHAR(300) NOT NULL);',
            ONLINE_INDEX_OPTION,
            ...applied.flatMap(({ creations }) => creations.map(({ what, missing, ddl, online }) => `IF ${missing}\nBEGIN\n  EXEC (${literal(ddl)}${online ? ' + @online' : ''});\n  INSERT INTO @created (What) VALUES (${literal(what)});\nEND;`)),
            ...applied.map(({ version }) => `EXEC (${literal(`IF NOT EXISTS (SELECT 1 FROM ${versionTable} WHERE Version = ${version}) INSERT INTO ${versionTable} (Version) VALUES (${version});`)});`),
            'SELECT What AS what FROM @created ORDER BY Ordinal;',
        ].join('\n'),
        params: {},
        recordsets: 1,
    };
}

;// CONCATENATED MODULE: ./src/catalog/mssql/queries.ts
/**
 * The SQL Server catalog's statements, and how the statements of one tick become one batch.
 *
 * Every table is named [schema].[Table] in the catalog's schema; catalogStatements(schema) builds
 * the texts once per schema, and each call only binds its values. Values are bound by name
 * (@Column), with the names of the column maps in catalog.ts; select lists come from rows.ts.
 * Inside a transaction every statement refers to the locked package through the batch variable
 * @PackageID, and to every package the transaction has locked (its own, a parent's, a batch's
 * children's) through the table variable @LockedPackages: the lock statement declares both in the
 * first batch, and each later batch begins by declaring them again from what the locks found
 * (bindLocked). No statement decides anything and none names a status letter: run-control.ts
 * decides, these only lock, read and write.
 *
 * The lock (docs/mssql.md, Locking). Every path that changes a package's executions ends its lock
 * statement holding an exclusive lock (XLOCK, HOLDLOCK, ROWLOCK) on its own Package row's
 * clustered key, PK_Package (PackageID), until it commits: X locks conflict with every other lock,
 * so those transactions run one after another per package. Name paths find the PackageID through
 * the PackageName index with a plain read first; an end finds it from its execution. A parent
 * execution's package (a child's begin or end) is locked first, on the same key, in a shared mode
 * (HOLDLOCK, ROWLOCK: an S lock held to the commit): the children of one batch hold it side by
 * side, while the batch's own begin, end, reset and re-close (its own package's X lock) wait for
 * them and make them wait. A batch's children's packages come after, exclusively, in ascending
 * PackageID order (lockPackages). So no two transactions wait on each other in a circle.
 * HOLDLOCK makes both locking reads even where READ_COMMITTED_SNAPSHOT is on; a shared reader that
 * asks for HOLDLOCK always takes its S lock, so it always meets an X lock held on the key.
 */





/** The batch variable holding the locked package's ID: shared by the statements of a batch, never renamed. */
const LOCKED_PACKAGE_VARIABLE = 'PackageID';
/** The batch's table variable of every package the transaction has locked: shared too. */
const LOCKED_PACKAGES_VARIABLE = 'LockedPackages';
const SHARED_VARIABLES = new Set([LOCKED_PACKAGE_VARIABLE, LOCKED_PACKAGES_VARIABLE]);
/**
 * SQL Server takes at most 2,100 parameters in a request. A batch carries at most this many (the
 * queue sends the rest in another round trip), and a statement of many rows (variables, row
 * counts) at most MAX_STATEMENT_PARAMS, so that every statement fits a batch beside the prelude.
 */
const MAX_BATCH_PARAMS = 2_000;
const MAX_STATEMENT_PARAMS = 1_200;
/**
 * Merges statements into one batch (one round trip). Each statement's parameters and variables
 * are renamed @s<i>_<name>, so two statements may both bind @ExecutionID or declare @changed;
 * only @PackageID and @LockedPackages, the batch's shared variables, keep their names. The texts
 * are built in this folder, so every @name in them is a parameter or a variable (none sits inside
 * a string literal).
 */
function mergeStatements(statements) {
    if (statements.length === 0)
        return { text: '', params: {}, recordsets: [] };
    const params = {};
    const texts = statements.map((statement, i) => {
        const prefix = `s${i}_`;
        for (const [name, param] of Object.entries(statement.params))
            params[prefix + name] = param;
        return statement.text.replace(/(?<![@\w])@([A-Za-z_]\w*)/g, (whole, name) => SHARED_VARIABLES.has(name) ? whole : `@${prefix}${name}`);
    });
    return {
        text: ['SET NOCOUNT ON;', 'SET XACT_ABORT ON;', ...texts].join('\n'),
        params,
        recordsets: statements.map((statement) => statement.recordsets),
    };
}
/** Cuts a value to a column's length in UTF-16 code units, never through a surrogate pair. */
function fit(value, length) {
    if (value === null || value.length <= length)
        return value;
    const cut = value.slice(0, length);
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
/** IDs as one list parameter, '3,7,12,' (each followed by a comma), read back by fillFromList. */
function idList(ids) {
    return ids.map((id) => `${id},`).join('');
}
/**
 * T-SQL that adds each ID of a list parameter (idList) to a table variable, on every version and
 * compatibility level (no OPENJSON, no STRING_SPLIT). `tag` names its loop variables.
 */
function fillFromList(list, target, column, type, tag) {
    const at = `@${tag}At`;
    const comma = `@${tag}Comma`;
    return `
DECLARE ${at} INT = 1, ${comma} INT;
WHILE ${at} <= LEN(@${list})
BEGIN
  SET ${comma} = CHARINDEX(',', @${list}, ${at});
  INSERT INTO @${target} (${column}) VALUES (CAST(SUBSTRING(@${list}, ${at}, ${comma} - ${at}) AS ${type}));
  SET ${at} = ${comma} + 1;
END;`;
}
/** Rows of values in chunks small enough for a statement: `perRow` parameters each. */
function chunks(rows, perRow) {
    const size = Math.max(1, Math.floor(MAX_STATEMENT_PARAMS / perRow));
    const result = [];
    for (let i = 0; i < rows.length; i += size)
        result.push(rows.slice(i, i + size));
    return result;
}
// ---------------------------------------------------------------------------------------------
// Select lists.
const quote = (field) => `[${field}]`;
const PACKAGE_LIST = (0,catalog_rows/* packageSelectList */.Bv)('p', quote);
const EXECUTION_LIST = (0,catalog_rows/* executionSelectList */.RW)(quote);
const C = catalog/* EXECUTION_COLUMNS */.r9;
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
/** RowCount and Action are T-SQL keywords: those columns are always written in brackets. */
const ROW_COUNT_COLUMNS = { ...catalog/* ROW_COUNT_COLUMNS */.Xs, rowCount: '[RowCount]' };
const AUDIT_COLUMNS = { ...catalog/* AUDIT_COLUMNS */.kF, action: '[Action]' };
const VARIABLE_LIST = (0,catalog_rows/* selectList */.fr)('c', catalog/* VARIABLE_COLUMNS */.nl, quote);
const ROW_COUNT_LIST = (0,catalog_rows/* selectList */.fr)('r', ROW_COUNT_COLUMNS, quote);
const AUDIT_LIST = `${(0,catalog_rows/* selectList */.fr)('a', AUDIT_COLUMNS, quote)}, p.PackageName AS [packageName]`;
/**
 * The state reads after the lock. READCOMMITTEDLOCK makes them locking reads of the latest
 * committed rows even when the database has READ_COMMITTED_SNAPSHOT on (as Azure SQL Database
 * has by default), where a plain read would return row versions. Under the package lock the two
 * agree, since the previous holder committed before its lock was released and a statement's
 * versions are taken when it starts; the hint keeps the reads right without leaning on that, and
 * makes them wait for any writer outside the lock (a hand-made UPDATE, an older bfx-begin that
 * locked by name only) instead of reading around its uncommitted change.
 */
const LOCKING_READ = 'WITH (READCOMMITTEDLOCK)';
const packageName = (name) => [nvarchar(PACKAGE_NAME_LENGTH), name];
const executionId = (id) => [BIGINT, id];
const queries_status = driver_char(1);
const list = (ids) => [varchar(MAX), idList(ids)];
/** The run context, by column name (@Repository, ...), cut to fit. */
function contextParams(context) {
    return Object.fromEntries(Object.entries((0,catalog_rows/* contextValues */.S3)(context)).map(([column, value]) => [
        column,
        [nvarchar(CONTEXT_LENGTH), fit(value, CONTEXT_LENGTH)],
    ]));
}
/**
 * After a write that must change exactly the rows it was given: the THROW stops the batch and,
 * XACT_ABORT on, rolls the transaction back; engine.ts turns it into a LockViolation naming the
 * execution (`id`, a BIGINT expression).
 */
const violation = (id) => `
BEGIN
  DECLARE @violation NVARCHAR(200) = CONCAT(N'bfx-begin: execution ', ${id}, N' was no longer active under its package lock.');
  THROW ${LOCK_VIOLATION_NUMBER}, @violation, 1;
END;`;
const guard = (changed) => `
IF (SELECT COUNT(*) FROM ${changed}) <> 1${violation('@ExecutionID')}`;
const built = new Map();
/** The statements of the catalog in this schema, built once. */
function catalogStatements(schema) {
    let statements = built.get(schema);
    if (!statements) {
        statements = buildStatements(schemaNames(schema));
        built.set(schema, statements);
    }
    return statements;
}
function buildStatements(names) {
    const P = names.table('Package');
    const E = names.table('Execution');
    const CV = names.table('ConfigVariable');
    const RC = names.table('RowCount');
    const AL = names.table('AuditLog');
    /** The locked package's executions, read under the lock. The Package row is joined only for its name, which never changes. */
    const LOCKED_EXECUTIONS = `FROM ${E} e ${LOCKING_READ} JOIN ${P} p ON p.PackageID = e.PackageID`;
    /** Reads of rows this transaction has just written, by their clustered key, and the unlocked reads. */
    const EXECUTIONS = `FROM ${E} e JOIN ${P} p ON p.PackageID = e.PackageID`;
    /** With the package of each execution's parent (status: which batch a package last ran under). */
    const EXECUTIONS_WITH_BATCH = `${EXECUTIONS}
  LEFT JOIN ${E} pe ON pe.ExecutionID = e.ParentExecutionID
  LEFT JOIN ${P} bp ON bp.PackageID = pe.PackageID`;
    const IN_LOCKED = `PackageID IN (SELECT PackageID FROM @${LOCKED_PACKAGES_VARIABLE})`;
    // -------------------------------------------------------------------------------------------
    // The lock: the first statement of every transaction.
    const LOCK_DECLARATIONS = `
DECLARE @PackageID INT, @ParentPackageID INT;
DECLARE @LockedPackages TABLE (PackageID INT NOT NULL PRIMARY KEY);`;
    /**
     * The lock statements: the Package row by its clustered key, held to the commit, exclusively
     * (a package's own) or shared (a child's batch).
     */
    const EXCLUSIVE = 'WITH (XLOCK, HOLDLOCK, ROWLOCK)';
    const SHARED = 'WITH (HOLDLOCK, ROWLOCK)';
    const lockKey = (variable, mode) => `SELECT ${variable} = PackageID FROM ${P} ${mode} WHERE PackageID = ${variable};`;
    /** The parent execution's package first, when there is one, shared with the batch's other children. */
    const LOCK_PARENT = `
IF @ParentPackageID IS NOT NULL
BEGIN
  ${lockKey('@ParentPackageID', SHARED)}
  INSERT INTO @LockedPackages (PackageID) VALUES (@ParentPackageID);
END;`;
    /** Then the package itself (perhaps the same: locking a key twice is harmless), and what was locked. */
    const LOCK_OWN = `
IF @PackageID IS NOT NULL
BEGIN
  ${lockKey('@PackageID', EXCLUSIVE)}
  IF NOT EXISTS (SELECT 1 FROM @LockedPackages WHERE PackageID = @PackageID)
    INSERT INTO @LockedPackages (PackageID) VALUES (@PackageID);
END;
SELECT @PackageID AS packageId, @ParentPackageID AS parentPackageId;`;
    /**
     * By name, registering the package when @Register is 1 and it is missing, then locking it by
     * PackageID, as every other path does. A name never changes its PackageID, so plain reads find
     * it: no lock is taken on the PackageName index, whose key-range lock (held to the commit, as a
     * locking read of a missing name took it) could close a circle of waits with a begin of a
     * neighbouring name (a batch and its new child). The registration is its own short step: a
     * plain probe, then the INSERT, which holds only its own new keys. Two begins registering one new
     * package at once: the second's INSERT waits for the first's key, meets it (2627, or 2601 for a
     * unique index) and THROWs REGISTERED_MEANWHILE_NUMBER; the transaction rolls back (XACT_ABORT)
     * and is retried, and then finds the package. OUTPUT ... INTO a table variable rather than to the
     * client, so that a trigger a user adds on Package does not break it. The parent's PackageID
     * never changes either: a plain read finds it.
     */
    const LOCK_BY_NAME = `${LOCK_DECLARATIONS}
SET @ParentPackageID = (SELECT PackageID FROM ${E} WHERE ExecutionID = @ParentExecutionID);${LOCK_PARENT}
SET @PackageID = (SELECT PackageID FROM ${P} WHERE PackageName = @PackageName);
IF @PackageID IS NULL AND @Register = 1
BEGIN
  DECLARE @registered TABLE (PackageID INT NOT NULL);
  BEGIN TRY
    INSERT INTO ${P} (PackageName, RetryLimit, IsBatch) OUTPUT INSERTED.PackageID INTO @registered
      VALUES (@PackageName, @RetryLimit, @IsBatch);
  END TRY
  BEGIN CATCH
    IF ERROR_NUMBER() IN (2601, 2627)
      THROW ${REGISTERED_MEANWHILE_NUMBER}, N'Another begin registered this package meanwhile.', 1;
    THROW;
  END CATCH;
  SELECT @PackageID = PackageID FROM @registered;
END;${LOCK_OWN}`;
    /**
     * Through an execution (end): its PackageID never changes, and its ParentExecutionID changes only
     * when another run takes it over, after which this end is not that run's to write: a plain read
     * finds both packages.
     */
    const LOCK_BY_EXECUTION = `${LOCK_DECLARATIONS}
SELECT @PackageID = e.PackageID, @ParentPackageID = pe.PackageID
FROM ${E} e LEFT JOIN ${E} pe ON pe.ExecutionID = e.ParentExecutionID
WHERE e.ExecutionID = @ExecutionID;${LOCK_PARENT}${LOCK_OWN}`;
    const BIND_LOCKED = `DECLARE @PackageID INT = @Locked;
DECLARE @LockedPackages TABLE (PackageID INT NOT NULL PRIMARY KEY);${fillFromList('LockedList', LOCKED_PACKAGES_VARIABLE, 'PackageID', 'INT', 'locked')}`;
    /** More packages, each with the same lock statement, one after another in ascending PackageID order. */
    const LOCK_PACKAGES = `
DECLARE @ids TABLE (ID INT NOT NULL PRIMARY KEY);${fillFromList('PackageIDs', 'ids', 'ID', 'INT', 'id')}
DECLARE @next INT = (SELECT MIN(ID) FROM @ids), @found INT;
WHILE @next IS NOT NULL
BEGIN
  SET @found = NULL;
  SELECT @found = PackageID FROM ${P} ${EXCLUSIVE} WHERE PackageID = @next;
  IF @found IS NOT NULL AND NOT EXISTS (SELECT 1 FROM @LockedPackages WHERE PackageID = @found)
    INSERT INTO @LockedPackages (PackageID) VALUES (@found);
  SET @next = (SELECT MIN(ID) FROM @ids WHERE ID > @next);
END;
SELECT PackageID AS packageId FROM @LockedPackages;`;
    // -------------------------------------------------------------------------------------------
    // Reads after the lock.
    const READ_PACKAGE = `SELECT ${PACKAGE_LIST} FROM ${P} p ${LOCKING_READ} WHERE p.PackageID = @PackageID;`;
    /**
     * The run key compares in a binary collation, and by length too: = ignores trailing spaces in
     * every collation, and a run key is an identity, matched exactly.
     */
    const READ_EXECUTION_WITH_RUN_KEY = `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS}
WHERE e.PackageID = @PackageID AND e.${C.runKey} = @RunKey COLLATE ${RUN_KEY_COLLATION}
  AND DATALENGTH(e.${C.runKey}) = DATALENGTH(@RunKey)
ORDER BY e.ExecutionID DESC;`;
    const READ_ACTIVE = `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL ORDER BY e.ExecutionID DESC;`;
    const READ_LATEST = `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC;`;
    const READ_LAST_ENDED = `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS}
WHERE e.PackageID = @PackageID AND e.EndTime IS NOT NULL ORDER BY e.EndTime DESC, e.ExecutionID DESC;`;
    const READ_EXECUTION = `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID;`;
    const READ_ANY_EXECUTION = `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.ExecutionID = @ExecutionID;`;
    const READ_PARENT_OF = `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS}
WHERE e.ExecutionID = (SELECT x.ParentExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.ExecutionID = @ExecutionID);`;
    const READ_CHILDREN = `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID;`;
    /** Action names hold no comma: the list is split like an ID list. */
    const READ_AUDITED_EXECUTIONS = `
DECLARE @ids TABLE (ID BIGINT NOT NULL PRIMARY KEY);${fillFromList('ExecutionIDs', 'ids', 'ID', 'BIGINT', 'id')}
DECLARE @actions TABLE ([Action] NVARCHAR(64) NOT NULL);${fillFromList('Actions', 'actions', '[Action]', 'NVARCHAR(64)', 'action')}
SELECT DISTINCT a.ExecutionID AS executionId FROM ${AL} a ${LOCKING_READ}
WHERE a.ExecutionID IN (SELECT ID FROM @ids) AND a.[Action] IN (SELECT [Action] FROM @actions);`;
    const READ_LAST_WITH_STATUS = `SELECT TOP (1) e.ExecutionID AS executionId FROM ${E} e ${LOCKING_READ}
WHERE e.PackageID = @PackageID AND e.ExecutionStatus = @ExecutionStatus ORDER BY e.ExecutionID DESC;`;
    const READ_LAST_WITH_STATUS_BEFORE = `SELECT TOP (1) e.ExecutionID AS executionId FROM ${E} e ${LOCKING_READ}
WHERE e.PackageID = @PackageID AND e.ExecutionStatus = @ExecutionStatus AND e.ExecutionID < @Before ORDER BY e.ExecutionID DESC;`;
    const READ_VARIABLES = `SELECT ${VARIABLE_LIST} FROM ${CV} c ${LOCKING_READ} WHERE c.PackageID = @PackageID ORDER BY c.VariableName;`;
    const READ_EXECUTION_AUDIT = `SELECT ${AUDIT_LIST} FROM ${AL} a ${LOCKING_READ} JOIN ${P} p ON p.PackageID = a.PackageID
WHERE a.PackageID = @PackageID AND a.ExecutionID = @ExecutionID AND a.[Action] = @Action ORDER BY a.AuditID;`;
    // -------------------------------------------------------------------------------------------
    // Writes. Rows come back through OUTPUT ... INTO a table variable, then a SELECT, so that a
    // trigger a user adds on a table does not break them.
    const INSERT_EXECUTION = `
DECLARE @inserted TABLE (ExecutionID BIGINT NOT NULL);
INSERT INTO ${E} (${C.packageId}, ${C.parentExecutionId}, ${C.executionStatus}, ${C.nextLoadStatus}, ${C.retryCount},
  ${C.endTime}, ${C.errorMessage}, ${C.runKey}, ${CONTEXT.join(', ')})
OUTPUT INSERTED.ExecutionID INTO @inserted
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended = 1 THEN SYSUTCDATETIME() END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')});
SELECT ExecutionID AS executionId FROM @inserted;`;
    /** Guarded: still active, and the locked package's own. */
    const TAKE_OVER = `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.retryCount} = @RetryCount, ${C.parentExecutionId} = @ParentExecutionID, ${C.runKey} = @RunKey,
  ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL;${guard('@changed')}`;
    const CHANGED_EXECUTIONS = `SELECT ${EXECUTION_LIST} ${EXECUTIONS} WHERE e.ExecutionID IN (SELECT ExecutionID FROM @changed);`;
    /** Guarded: still active, and of a package this transaction has locked. */
    const FINISH = `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.endTime} = SYSUTCDATETIME(), ${C.errorMessage} = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND EndTime IS NULL AND ${IN_LOCKED};${guard('@changed')}
${CHANGED_EXECUTIONS}`;
    /** Guarded: ended with the status given, and of a package this transaction has locked. */
    const REFINISH = `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.endTime} = SYSUTCDATETIME(), ${C.errorMessage} = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND EndTime IS NOT NULL AND ${C.executionStatus} = @EndedAs AND ${IN_LOCKED};${guard('@changed')}
${CHANGED_EXECUTIONS}`;
    /** Returns the changed row (none when the execution is not of a locked package). */
    const SET_NEXT_LOAD_STATUS = `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ${C.nextLoadStatus} = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND ${IN_LOCKED};
${CHANGED_EXECUTIONS}`;
    /** Every execution given must change: one that is missing or of a package not locked THROWs. */
    const SET_NEXT_LOAD_STATUSES = `
DECLARE @ids TABLE (ID BIGINT NOT NULL PRIMARY KEY);${fillFromList('ExecutionIDs', 'ids', 'ID', 'BIGINT', 'id')}
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE e SET ${C.nextLoadStatus} = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @changed
FROM ${E} e JOIN @ids i ON i.ID = e.ExecutionID
WHERE e.${IN_LOCKED};
DECLARE @unchanged BIGINT = (SELECT MIN(ID) FROM @ids WHERE ID NOT IN (SELECT ExecutionID FROM @changed));
IF @unchanged IS NOT NULL${violation('@unchanged')}`;
    const MARK_BATCH = `UPDATE ${P} SET IsBatch = 1 WHERE PackageID = @PackageID;`;
    const SET_ENABLED = `
DECLARE @changed TABLE (PackageID INT NOT NULL);
UPDATE ${P} SET IsEnabled = @IsEnabled OUTPUT INSERTED.PackageID INTO @changed WHERE PackageID = @PackageID;
SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageID IN (SELECT PackageID FROM @changed);`;
    /** Nothing when the lock found no package (a disable of a name not there): PackageID is NOT NULL. */
    const RECORD_AUDIT = `INSERT INTO ${AL} (PackageID, ExecutionID, [Action], Detail, Actor)
SELECT @PackageID, @ExecutionID, @Action, @Detail, @Actor WHERE @PackageID IS NOT NULL;`;
    /** A deleted package's record: of no package, no execution. */
    const RECORD_DELETION = `INSERT INTO ${AL} (PackageID, ExecutionID, [Action], Detail, Actor)
VALUES (NULL, NULL, @Action, @Detail, @Actor);`;
    /**
     * Rows given as VALUES, numbered; the same key twice counts once (the first, or the last with
     * `last`), compared in the column's collation, as the table's key would compare them.
     */
    const rowsOf = (count, columns, key, last) => {
        const values = Array.from({ length: count }, (_, i) => `(${i}, ${columns.map((c) => `@${c}${i}`).join(', ')})`);
        return `(SELECT ${columns.map((c) => `x.${c}`).join(', ')},
    ROW_NUMBER() OVER (PARTITION BY ${key.map((k) => `x.${k}`).join(', ')} ORDER BY x.Ordinal${last ? ' DESC' : ''}) AS Pick
  FROM (VALUES ${values.join(', ')}) x (Ordinal, ${columns.join(', ')})) v`;
    };
    const variableParams = (values) => Object.fromEntries(values.flatMap((v, i) => [
        [`Name${i}`, [nvarchar(VARIABLE_NAME_LENGTH), v.name]],
        [`Value${i}`, [nvarchar(MAX), v.value]],
    ]));
    const registerVariables = (values) => ({
        text: `INSERT INTO ${CV} (PackageID, VariableName, VariableValue, UpdatedTime)
SELECT @PackageID, v.Name, v.Value, SYSUTCDATETIME()
FROM ${rowsOf(values.length, ['Name', 'Value'], ['Name'], false)}
WHERE v.Pick = 1 AND NOT EXISTS (SELECT 1 FROM ${CV} c WHERE c.PackageID = @PackageID AND c.VariableName = v.Name);`,
        params: variableParams(values),
        recordsets: 0,
    });
    /** Update the names there (PreviousValue := the value before), then insert the others. */
    const storeVariables = (values, execution) => {
        const rows = rowsOf(values.length, ['Name', 'Value'], ['Name'], true);
        return {
            text: `UPDATE c SET PreviousValue = c.VariableValue, VariableValue = v.Value, ExecutionID = @ExecutionID, UpdatedTime = SYSUTCDATETIME()
FROM ${CV} c JOIN ${rows} ON v.Pick = 1 AND c.VariableName = v.Name
WHERE c.PackageID = @PackageID;
INSERT INTO ${CV} (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT @PackageID, v.Name, v.Value, NULL, @ExecutionID, SYSUTCDATETIME()
FROM ${rows}
WHERE v.Pick = 1 AND NOT EXISTS (SELECT 1 FROM ${CV} c WHERE c.PackageID = @PackageID AND c.VariableName = v.Name);`,
            params: { ...variableParams(values), ExecutionID: executionId(execution) },
            recordsets: 0,
        };
    };
    const saveRowCounts = (execution, counts) => {
        const rows = rowsOf(counts.length, ['ObjectName', 'CountType', 'CountValue'], ['ObjectName', 'CountType'], true);
        return {
            text: `UPDATE r SET [RowCount] = v.CountValue
FROM ${RC} r JOIN ${rows} ON v.Pick = 1 AND r.ObjectName = v.ObjectName AND r.CountType = v.CountType
WHERE r.ExecutionID = @ExecutionID;
INSERT INTO ${RC} (ExecutionID, ObjectName, CountType, [RowCount])
SELECT @ExecutionID, v.ObjectName, v.CountType, v.CountValue
FROM ${rows}
WHERE v.Pick = 1 AND NOT EXISTS (SELECT 1 FROM ${RC} r WHERE r.ExecutionID = @ExecutionID AND r.ObjectName = v.ObjectName AND r.CountType = v.CountType);`,
            params: {
                ExecutionID: executionId(execution),
                ...Object.fromEntries(counts.flatMap((c, i) => [
                    [`ObjectName${i}`, [nvarchar(OBJECT_NAME_LENGTH), c.objectName]],
                    [`CountType${i}`, [nvarchar(COUNT_TYPE_LENGTH), c.countType]],
                    [`CountValue${i}`, [BIGINT, c.rowCount]],
                ])),
            },
            recordsets: 0,
        };
    };
    // -------------------------------------------------------------------------------------------
    // Outside any transaction: not locked, one request each.
    /** The packages, then their latest and active executions, each with its parent's package name. */
    const STATUS_ALL = `SELECT ${PACKAGE_LIST} FROM ${P} p ORDER BY p.PackageName;
SELECT ${EXECUTION_LIST}, bp.PackageName AS [batchPackageName] ${EXECUTIONS_WITH_BATCH}
  WHERE e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x GROUP BY x.PackageID)
     OR e.EndTime IS NULL;`;
    const STATUS_ONE = `SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageName = @PackageName;
SELECT ${EXECUTION_LIST}, bp.PackageName AS [batchPackageName] ${EXECUTIONS_WITH_BATCH}
  WHERE p.PackageName = @PackageName
    AND (e.ExecutionID = (SELECT MAX(x.ExecutionID) FROM ${E} x WHERE x.PackageID = p.PackageID) OR e.EndTime IS NULL);`;
    const HISTORY = `SELECT TOP (@Limit) ${EXECUTION_LIST} ${EXECUTIONS} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC;`;
    const CHILDREN = `SELECT ${EXECUTION_LIST} ${EXECUTIONS} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID;`;
    /** The package (none: no such package), then its variables. */
    const VARIABLES = `SELECT p.PackageID AS packageId FROM ${P} p WHERE p.PackageName = @PackageName;
SELECT ${VARIABLE_LIST} FROM ${CV} c JOIN ${P} p ON p.PackageID = c.PackageID WHERE p.PackageName = @PackageName ORDER BY c.VariableName;`;
    const ROW_COUNTS = `
DECLARE @ids TABLE (ID BIGINT NOT NULL PRIMARY KEY);${fillFromList('ExecutionIDs', 'ids', 'ID', 'BIGINT', 'id')}
SELECT ${ROW_COUNT_LIST} FROM ${RC} r WHERE r.ExecutionID IN (SELECT ID FROM @ids)
ORDER BY r.ExecutionID, r.ObjectName, r.CountType;`;
    const AUDIT = `SELECT TOP (@Limit) ${AUDIT_LIST} FROM ${AL} a JOIN ${P} p ON p.PackageID = a.PackageID
WHERE p.PackageName = @PackageName ORDER BY a.AuditID DESC;`;
    /**
     * The report's reads, in one request: the server's clock and the window's start, every package,
     * the window's executions and those that tell where each package stands (its latest, its active
     * one, its latest with @Succeeded, the batch executions the window's children ran under), their
     * row counts, and the window's audit records. A fixed number of statements, whatever the number
     * of packages.
     */
    const REPORT = `DECLARE @now DATETIME2 = SYSUTCDATETIME();
DECLARE @since DATETIME2 = DATEADD(MINUTE, -@Minutes, @now);
SELECT @now AS [now], @since AS [since];
SELECT ${PACKAGE_LIST} FROM ${P} p ORDER BY p.PackageName;
SELECT ${EXECUTION_LIST} ${EXECUTIONS}
 WHERE e.StartTime >= @since OR e.EndTime IS NULL
    OR e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x WHERE x.ExecutionStatus = @Succeeded GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM ${E} x WHERE x.StartTime >= @since AND x.ParentExecutionID IS NOT NULL)
 ORDER BY e.ExecutionID;
SELECT ${ROW_COUNT_LIST} FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID
 WHERE e.StartTime >= @since
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType;
SELECT ${AUDIT_LIST} FROM ${AL} a LEFT JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE a.CreatedTime >= @since
 ORDER BY a.AuditID;`;
    // -------------------------------------------------------------------------------------------
    // Listings, retention, rename and delete.
    /** The catalog's clock @Minutes (or another parameter) minutes ago. */
    const minutesAgo = (parameter) => `DATEADD(minute, -${parameter}, SYSUTCDATETIME())`;
    const bit = (condition) => `CAST(CASE WHEN ${condition} THEN 1 ELSE 0 END AS BIT)`;
    /** @Since (minutes) is null for no bound; @Statuses, the letters run together ('FR'), null for all. */
    const FILTERED = `(@Since IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
  AND (@Statuses IS NULL OR CHARINDEX(e.${C.executionStatus}, @Statuses) > 0)`;
    const NOW = `SELECT SYSUTCDATETIME() AS [now];`;
    const FILTERED_HISTORY = `SELECT TOP (@Limit) ${EXECUTION_LIST} ${EXECUTIONS}
WHERE p.PackageName = @PackageName AND ${FILTERED} ORDER BY e.ExecutionID DESC;`;
    const RUNS = `SELECT TOP (@Limit) ${EXECUTION_LIST} ${EXECUTIONS} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC;`;
    /** What retention reads of an execution (operations.ts), @Minutes being the purge's age; `top` for a page. */
    const standing = (top) => `SELECT ${top}e.ExecutionID AS executionId, e.ParentExecutionID AS parentExecutionId,
  e.${C.executionStatus} AS executionStatus,
  ${bit('e.EndTime IS NOT NULL')} AS ended,
  ${bit(`e.StartTime < ${minutesAgo('@Minutes')}`)} AS old,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID ORDER BY x.ExecutionID DESC)`)} AS latest,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID AND x.EndTime IS NOT NULL
    ORDER BY x.EndTime DESC, x.ExecutionID DESC)`)} AS lastEnded,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID
    AND x.${C.executionStatus} = e.${C.executionStatus} ORDER BY x.ExecutionID DESC)`)} AS latestOfItsStatus,
  ${bit(`EXISTS (SELECT 1 FROM ${CV} v ${LOCKING_READ} WHERE v.PackageID = e.PackageID AND v.ExecutionID = e.ExecutionID)`)} AS marksVariables
FROM ${E} e ${LOCKING_READ}`;
    const READ_PURGE_CANDIDATES = `${standing('TOP (@Limit) ')}
WHERE e.PackageID = @PackageID AND e.StartTime < ${minutesAgo('@Minutes')} AND (@After IS NULL OR e.ExecutionID > @After)
ORDER BY e.ExecutionID;`;
    const ID_TABLE = `
DECLARE @ids TABLE (ID BIGINT NOT NULL PRIMARY KEY);${fillFromList('ExecutionIDs', 'ids', 'ID', 'BIGINT', 'id')}`;
    const READ_STANDINGS = `${ID_TABLE}
${standing('')} WHERE e.ExecutionID IN (SELECT ID FROM @ids);`;
    const READ_CHILD_STANDINGS = `${ID_TABLE}
${standing('')} WHERE e.ParentExecutionID IN (SELECT ID FROM @ids);`;
    /** Of the locked package only: the row counts, audit entries and rows of these executions. */
    const DELETE_EXECUTIONS = `${ID_TABLE}
DELETE r FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID JOIN @ids i ON i.ID = e.ExecutionID
WHERE e.PackageID = @PackageID;
DELETE a FROM ${AL} a JOIN @ids i ON i.ID = a.ExecutionID WHERE a.PackageID = @PackageID;
DECLARE @gone TABLE (ExecutionID BIGINT NOT NULL);
DELETE e OUTPUT DELETED.ExecutionID INTO @gone FROM ${E} e JOIN @ids i ON i.ID = e.ExecutionID WHERE e.PackageID = @PackageID;
SELECT COUNT(*) AS [count] FROM @gone;`;
    const DELETE_OLD_AUDIT = `
DECLARE @gone TABLE (AuditID BIGINT NOT NULL);
DELETE TOP (@Limit) a OUTPUT DELETED.AuditID INTO @gone FROM ${AL} a
WHERE a.PackageID = @PackageID AND a.CreatedTime < ${minutesAgo('@Minutes')}
  AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM ${E} x WHERE x.ExecutionID = a.ExecutionID));
SELECT COUNT(*) AS [count] FROM @gone;`;
    /** Any package by name, not locked: whether a name is taken. */
    const READ_PACKAGE_NAMED = `SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageName = @OtherName;`;
    /**
     * A begin may register the new name after the rename read it free: the UPDATE meets its key
     * (2627, or 2601 for a unique index) and THROWs NAME_TAKEN_NUMBER, naming it (faults.ts).
     */
    const RENAME_PACKAGE = `
DECLARE @changed TABLE (PackageID INT NOT NULL);
BEGIN TRY
  UPDATE ${P} SET PackageName = @NewName OUTPUT INSERTED.PackageID INTO @changed WHERE PackageID = @PackageID;
END TRY
BEGIN CATCH
  IF ERROR_NUMBER() IN (2601, 2627)
  BEGIN
    DECLARE @taken NVARCHAR(2048) = CONCAT(N'bfx-begin: package "', @NewName, N'" was registered while the rename ran.');
    THROW ${NAME_TAKEN_NUMBER}, @taken, 1;
  END;
  THROW;
END CATCH;
SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageID IN (SELECT PackageID FROM @changed);`;
    /** A whole package, children before parents; returns how many executions went. */
    const DELETE_PACKAGE = `
DELETE r FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID WHERE e.PackageID = @PackageID;
DELETE FROM ${AL} WHERE PackageID = @PackageID;
DELETE FROM ${CV} WHERE PackageID = @PackageID;
DECLARE @gone TABLE (ExecutionID BIGINT NOT NULL);
DELETE FROM ${E} OUTPUT DELETED.ExecutionID INTO @gone WHERE PackageID = @PackageID;
DELETE FROM ${P} WHERE PackageID = @PackageID;
SELECT COUNT(*) AS [count] FROM @gone;`;
    const filterParams = (sinceMinutes, statuses) => ({
        Since: [INT, sinceMinutes ?? null],
        Statuses: [varchar(16), statuses === undefined ? null : statuses.join('')],
    });
    return {
        names,
        inspect: inspectStatement(names),
        migrationLock: (lockTimeoutMs) => migrationLockStatement(names, lockTimeoutMs),
        migration: (from) => migrationStatement(names, from),
        upgradeSize: upgradeSizeStatement(names),
        /** name null: a name too long to be in the catalog, which locks nothing; parent null: none (or not an ID). */
        lockByName(name, register, parentExecutionId) {
            return {
                text: LOCK_BY_NAME,
                params: {
                    PackageName: packageName(name),
                    Register: [BIT, register !== undefined],
                    RetryLimit: [INT, register?.retryLimit ?? null],
                    IsBatch: [BIT, register?.isBatch ?? false],
                    ParentExecutionID: executionId(parentExecutionId),
                },
                recordsets: 1,
            };
        },
        /** id null: not an execution ID, which locks nothing. */
        lockByExecution(id) {
            return { text: LOCK_BY_EXECUTION, params: { ExecutionID: executionId(id) }, recordsets: 1 };
        },
        /** The start of every batch after the first: the locked package's ID and every package locked, as the batches before left them. */
        bindLocked(packageId, lockedPackageIds) {
            return {
                text: BIND_LOCKED,
                params: { Locked: [INT, packageId], LockedList: list(lockedPackageIds) },
                recordsets: 0,
            };
        },
        /** IDs ascending, each once; returns every package the transaction holds locked. */
        lockPackages(packageIds) {
            return { text: LOCK_PACKAGES, params: { PackageIDs: list(packageIds) }, recordsets: 1 };
        },
        readPackage: () => ({ text: READ_PACKAGE, params: {}, recordsets: 1 }),
        readExecutionWithRunKey: (runKey) => ({
            text: READ_EXECUTION_WITH_RUN_KEY,
            params: { RunKey: [nvarchar(RUN_KEY_LENGTH), runKey] },
            recordsets: 1,
        }),
        readActiveExecution: () => ({ text: READ_ACTIVE, params: {}, recordsets: 1 }),
        readLatestExecution: () => ({ text: READ_LATEST, params: {}, recordsets: 1 }),
        readLastEndedExecution: () => ({ text: READ_LAST_ENDED, params: {}, recordsets: 1 }),
        readAuditedExecutions: (ids, actions) => ({
            text: READ_AUDITED_EXECUTIONS,
            params: { ExecutionIDs: list(ids), Actions: [nvarchar(MAX), idList(actions)] },
            recordsets: 1,
        }),
        readExecution: (id) => ({
            text: READ_EXECUTION,
            params: { ExecutionID: executionId(id) },
            recordsets: 1,
        }),
        readAnyExecution: (id) => ({
            text: READ_ANY_EXECUTION,
            params: { ExecutionID: executionId(id) },
            recordsets: 1,
        }),
        readParentOf: (id) => ({
            text: READ_PARENT_OF,
            params: { ExecutionID: executionId(id) },
            recordsets: 1,
        }),
        readChildren: (parentId) => ({
            text: READ_CHILDREN,
            params: { ParentExecutionID: executionId(parentId) },
            recordsets: 1,
        }),
        readLastExecutionWithStatus: (executionStatus, before) => before === null
            ? { text: READ_LAST_WITH_STATUS, params: { ExecutionStatus: [queries_status, executionStatus] }, recordsets: 1 }
            : {
                text: READ_LAST_WITH_STATUS_BEFORE,
                params: { ExecutionStatus: [queries_status, executionStatus], Before: executionId(before) },
                recordsets: 1,
            },
        readVariables: () => ({ text: READ_VARIABLES, params: {}, recordsets: 1 }),
        readExecutionAudit: (id, action) => ({
            text: READ_EXECUTION_AUDIT,
            params: { ExecutionID: executionId(id), Action: [nvarchar(ACTION_LENGTH), action] },
            recordsets: 1,
        }),
        insertExecution(execution) {
            return {
                text: INSERT_EXECUTION,
                params: {
                    ParentExecutionID: executionId(execution.parentExecutionId),
                    ExecutionStatus: [queries_status, execution.executionStatus],
                    NextLoadStatus: [queries_status, execution.nextLoadStatus],
                    RetryCount: [INT, execution.retryCount],
                    Ended: [BIT, execution.ended],
                    ErrorMessage: [nvarchar(MAX), execution.errorMessage],
                    RunKey: [nvarchar(RUN_KEY_LENGTH), execution.runKey],
                    ...contextParams(execution.context),
                },
                recordsets: 1,
            };
        },
        takeOverExecution(takeover) {
            return {
                text: TAKE_OVER,
                params: {
                    ExecutionID: executionId(takeover.executionId),
                    ExecutionStatus: [queries_status, takeover.executionStatus],
                    NextLoadStatus: [queries_status, takeover.nextLoadStatus],
                    RetryCount: [INT, takeover.retryCount],
                    RunKey: [nvarchar(RUN_KEY_LENGTH), takeover.runKey],
                    ...contextParams(takeover.context),
                },
                recordsets: 0,
            };
        },
        finishExecution(finish) {
            return {
                text: FINISH,
                params: {
                    ExecutionID: executionId(finish.executionId),
                    ExecutionStatus: [queries_status, finish.executionStatus],
                    NextLoadStatus: [queries_status, finish.nextLoadStatus],
                    ErrorMessage: [nvarchar(MAX), finish.errorMessage],
                },
                recordsets: 1,
            };
        },
        refinishExecution(finish, endedAs) {
            return {
                text: REFINISH,
                params: {
                    ExecutionID: executionId(finish.executionId),
                    ExecutionStatus: [queries_status, finish.executionStatus],
                    NextLoadStatus: [queries_status, finish.nextLoadStatus],
                    ErrorMessage: [nvarchar(MAX), finish.errorMessage],
                    EndedAs: [queries_status, endedAs],
                },
                recordsets: 1,
            };
        },
        setNextLoadStatus(id, nextLoadStatus) {
            return {
                text: SET_NEXT_LOAD_STATUS,
                params: { ExecutionID: executionId(id), NextLoadStatus: [queries_status, nextLoadStatus] },
                recordsets: 1,
            };
        },
        setNextLoadStatuses(ids, nextLoadStatus) {
            return {
                text: SET_NEXT_LOAD_STATUSES,
                params: { ExecutionIDs: list(ids), NextLoadStatus: [queries_status, nextLoadStatus] },
                recordsets: 0,
            };
        },
        markBatch: () => ({ text: MARK_BATCH, params: {}, recordsets: 0 }),
        setEnabled(enabled) {
            return { text: SET_ENABLED, params: { IsEnabled: [BIT, enabled] }, recordsets: 1 };
        },
        /** One statement per chunk of rows; none for none. */
        registerVariables: (values) => chunks(values, 2).map(registerVariables),
        storeVariables: (values, execution) => chunks(values, 2).map((chunk) => storeVariables(chunk, execution)),
        saveRowCounts: (execution, counts) => chunks(counts, 3).map((chunk) => saveRowCounts(execution, chunk)),
        recordAudit(entry) {
            return {
                text: RECORD_AUDIT,
                params: {
                    ExecutionID: executionId(entry.executionId),
                    Action: [nvarchar(ACTION_LENGTH), entry.action],
                    Detail: [nvarchar(MAX), entry.detail],
                    Actor: [nvarchar(ACTOR_LENGTH), fit(entry.actor, ACTOR_LENGTH)],
                },
                recordsets: 0,
            };
        },
        recordDeletion(entry) {
            return {
                text: RECORD_DELETION,
                params: {
                    Action: [nvarchar(ACTION_LENGTH), entry.action],
                    Detail: [nvarchar(MAX), entry.detail],
                    Actor: [nvarchar(ACTOR_LENGTH), fit(entry.actor, ACTOR_LENGTH)],
                },
                recordsets: 0,
            };
        },
        statusAll: () => ({ text: STATUS_ALL, params: {}, recordsets: 2 }),
        statusOne: (name) => ({
            text: STATUS_ONE,
            params: { PackageName: packageName(name) },
            recordsets: 2,
        }),
        history: (name, limit) => ({
            text: HISTORY,
            params: { PackageName: packageName(name), Limit: [INT, limit] },
            recordsets: 1,
        }),
        children: (parentId) => ({
            text: CHILDREN,
            params: { ParentExecutionID: executionId(parentId) },
            recordsets: 1,
        }),
        variables: (name) => ({
            text: VARIABLES,
            params: { PackageName: packageName(name) },
            recordsets: 2,
        }),
        rowCounts: (ids) => ({
            text: ROW_COUNTS,
            params: { ExecutionIDs: list(ids) },
            recordsets: 1,
        }),
        report: (windowMinutes, succeeded) => ({
            text: REPORT,
            params: { Minutes: [INT, windowMinutes], Succeeded: [queries_status, succeeded] },
            recordsets: 5,
        }),
        audit: (name, limit) => ({
            text: AUDIT,
            params: { PackageName: packageName(name), Limit: [INT, limit] },
            recordsets: 1,
        }),
        now: () => ({ text: NOW, params: {}, recordsets: 1 }),
        filteredHistory: (name, limit, sinceMinutes, statuses) => ({
            text: FILTERED_HISTORY,
            params: { PackageName: packageName(name), Limit: [INT, limit], ...filterParams(sinceMinutes, statuses) },
            recordsets: 1,
        }),
        runs: (limit, sinceMinutes, statuses) => ({
            text: RUNS,
            params: { Limit: [INT, limit], ...filterParams(sinceMinutes, statuses) },
            recordsets: 1,
        }),
        readPackageNamed: (name) => ({
            text: READ_PACKAGE_NAMED,
            params: { OtherName: packageName(name) },
            recordsets: 1,
        }),
        renamePackage: (newName) => ({
            text: RENAME_PACKAGE,
            params: { NewName: packageName(newName) },
            recordsets: 1,
        }),
        deletePackage: () => ({ text: DELETE_PACKAGE, params: {}, recordsets: 1 }),
        readPurgeCandidates: (olderThanMinutes, after, limit) => ({
            text: READ_PURGE_CANDIDATES,
            params: { Minutes: [INT, olderThanMinutes], After: executionId(after), Limit: [INT, limit] },
            recordsets: 1,
        }),
        readStandings: (ids, olderThanMinutes) => ({
            text: READ_STANDINGS,
            params: { ExecutionIDs: list(ids), Minutes: [INT, olderThanMinutes] },
            recordsets: 1,
        }),
        readChildStandings: (parentIds, olderThanMinutes) => ({
            text: READ_CHILD_STANDINGS,
            params: { ExecutionIDs: list(parentIds), Minutes: [INT, olderThanMinutes] },
            recordsets: 1,
        }),
        deleteExecutions: (ids) => ({
            text: DELETE_EXECUTIONS,
            params: { ExecutionIDs: list(ids) },
            recordsets: 1,
        }),
        deleteOldAudit: (olderThanMinutes, limit) => ({
            text: DELETE_OLD_AUDIT,
            params: { Minutes: [INT, olderThanMinutes], Limit: [INT, limit] },
            recordsets: 1,
        }),
    };
}

;// CONCATENATED MODULE: ./src/catalog/mssql/engine.ts













async function engine_open(connectionString, options) {
    const settings = parseMssqlConnectionString(connectionString);
    const catalog = new MssqlCatalog(settings, options, (0,connection_string/* secretsIn */.VY)(connectionString));
    await catalog.connect();
    return catalog;
}
// ---------------------------------------------------------------------------------------------
// Retries.
/**
 * Without ConnectRetryCount / ConnectRetryInterval in the connection string, a login refused for a
 * transient reason (40613 and the others of TRANSIENT_LOGIN_NUMBERS) is retried for about 75 s:
 * a paused serverless database resumes within about a minute, answering 40613 meanwhile. 4060
 * (cannot open the database) is also what a misspelled database name gets, so it has 15 s.
 */
const LOGIN_RETRY_BUDGET_MS = 75_000;
const DATABASE_MISSING_RETRY_BUDGET_MS = 15_000;
const LOGIN_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 10_000 };
/** How failed logins are retried, with the sentence saying so (faults.ts). */
function loginRetries(settings) {
    if (settings.connectRetryCount !== undefined || settings.connectRetryIntervalMs !== undefined) {
        // .NET's defaults for the keyword that is not given: 1 retry, 10 s apart.
        const retries = settings.connectRetryCount ?? 1;
        const intervalMs = settings.connectRetryIntervalMs ?? 10_000;
        return {
            schedule: (0,retry/* fixedSchedule */.IP)(retries, intervalMs),
            description: `${retries} time${retries === 1 ? '' : 's'}, ${intervalMs / 1000} s apart (ConnectRetryCount / ConnectRetryInterval)`,
        };
    }
    const resume = (0,retry/* budgetSchedule */.x8)(LOGIN_RETRY_BUDGET_MS, LOGIN_BACKOFF);
    const missing = (0,retry/* budgetSchedule */.x8)(DATABASE_MISSING_RETRY_BUDGET_MS, LOGIN_BACKOFF);
    const others = (0,retry/* backoffSchedule */.ST)(retry/* DEFAULT_RETRY_POLICY */.cO);
    return {
        schedule: (failure) => {
            const numbers = loginErrorNumbers(failure.error);
            if (numbers.some((n) => n !== 4060 && TRANSIENT_LOGIN_NUMBERS.has(n)))
                return resume(failure);
            return numbers.includes(4060) ? missing(failure) : others(failure);
        },
        description: `for about ${LOGIN_RETRY_BUDGET_MS / 1000} s (${DATABASE_MISSING_RETRY_BUDGET_MS / 1000} s for error 4060)`,
    };
}
/**
 * On a live connection: the default policy (deadlock victim, throttling, failover, a dropped
 * connection); a login made meanwhile (the connection again, after it was lost) that is
 * refused for a transient reason gets the login schedule.
 */
function requestSchedule(login) {
    const others = (0,retry/* backoffSchedule */.ST)(retry/* DEFAULT_RETRY_POLICY */.cO);
    return (failure) => (isTransientLogin(failure.error) ? login(failure) : others(failure));
}
// ---------------------------------------------------------------------------------------------
// Batching: the calls of one tick, one round trip.
/** Rolls back what a failed transaction left open, when the connection is still there to say so. */
async function rollBack(connection) {
    if (!connection.usable)
        return;
    try {
        await connection.send(ROLLBACK);
    }
    catch {
        // The connection went with it: the server rolls back the transaction of a session that ends.
    }
}
/** Drivers reject with Error objects; anything else is wrapped so that callers always get one. */
const asError = (error) => (error instanceof Error ? error : new Error(String(error)));
/** The parameters of a request's statements, leaving room for those of its prelude. */
const BATCH_BUDGET = MAX_BATCH_PARAMS - 10;
/**
 * Queues a transaction's statements and sends those queued in the same tick as one request
 * (mergeStatements), on the next turn of the event loop or when flush() is called (commit). The
 * first request sent opens the transaction; flush(true) closes the last request it sends with the
 * COMMIT (alone, when nothing is queued). One request at a time: a connection takes no request
 * while another is in flight, so a request waits for the one before it. After a request fails,
 * the transaction is lost (XACT_ABORT rolled it back): everything queued then fails with the same
 * error, unsent.
 */
class StatementQueue {
    send;
    prelude;
    queued = [];
    scheduled = false;
    last = Promise.resolve();
    failure;
    opened = false;
    /**
     * @param send sends one request and resolves with all its result sets, in order
     * @param prelude statements to put before those of a request, decided when it is sent
     */
    constructor(send, prelude = () => []) {
        this.send = send;
        this.prelude = prelude;
    }
    /** Queues a statement; resolves with what read() makes of its result sets. */
    run(statement, read) {
        if (this.failure)
            return Promise.reject(asError(this.failure.error));
        return new Promise((resolve, reject) => {
            this.queued.push({
                statement,
                settle: (recordsets) => {
                    try {
                        resolve(read(recordsets));
                    }
                    catch (error) {
                        reject(asError(error));
                    }
                },
                fail: (error) => reject(asError(error)),
            });
            if (!this.scheduled) {
                this.scheduled = true;
                setImmediate(() => void this.flush());
            }
        });
    }
    /**
     * Sends what is queued now, the COMMIT after it when `commit`; resolves (never rejects) when
     * every request sent so far is answered.
     */
    flush(commit = false) {
        this.scheduled = false;
        const entries = this.queued.splice(0);
        if (entries.length === 0 && !commit)
            return this.last;
        this.last = this.last.then(() => this.sendBatch(entries, commit));
        return this.last;
    }
    /** Fails what is queued and not yet sent; resolves when the request in flight, if any, is answered. */
    abandon(error) {
        this.failure ??= { error };
        for (const entry of this.queued.splice(0))
            entry.fail(error);
        return this.last;
    }
    /** The error of the first request that failed, if one did. */
    get failed() {
        return this.failure;
    }
    /** Whether a request opened the transaction on the server (then a failure may leave it to roll back). */
    get begun() {
        return this.opened;
    }
    async sendBatch(entries, commit) {
        // Groups within SQL Server's parameter limit: one round trip each, one after another. The
        // prelude of each is decided when it is sent, after the group before it is settled.
        const groups = [[]];
        let size = 0;
        for (const entry of entries) {
            const params = Object.keys(entry.statement.params).length;
            if (size > 0 && size + params > BATCH_BUDGET) {
                groups.push([]);
                size = 0;
            }
            groups[groups.length - 1].push(entry);
            size += params;
        }
        for (const [i, group] of groups.entries()) {
            if (!(await this.sendGroup(group, commit && i === groups.length - 1))) {
                for (const entry of groups.slice(i + 1).flat())
                    entry.fail(this.failure.error);
                return;
            }
        }
    }
    /** Sends one group as one request and settles its calls; false when the transaction is lost. */
    async sendGroup(entries, commit) {
        if (this.failure) {
            for (const entry of entries)
                entry.fail(this.failure.error);
            return false;
        }
        let recordsets;
        try {
            const prelude = entries.length > 0 ? this.prelude() : [];
            const batch = mergeStatements([...prelude, ...entries.map((entry) => entry.statement)]);
            const ends = { begin: !this.opened, commit };
            this.opened = true;
            recordsets = await this.send(batch, ends);
            const expected = batch.recordsets.reduce((sum, n) => sum + n, 0);
            if (recordsets.length !== expected) {
                throw new Error(`A SQL Server request returned ${recordsets.length} result sets where ${expected} were expected.`);
            }
            // The prelude's result sets (none) come first.
            recordsets = recordsets.slice(batch.recordsets.slice(0, prelude.length).reduce((sum, n) => sum + n, 0));
        }
        catch (error) {
            this.failure ??= { error };
            for (const entry of entries)
                entry.fail(error);
            return false;
        }
        let at = 0;
        for (const entry of entries) {
            entry.settle(recordsets.slice(at, at + entry.statement.recordsets));
            at += entry.statement.recordsets;
        }
        return true;
    }
}
// ---------------------------------------------------------------------------------------------
const isExecutionId = (value) => /^\d{1,19}$/.test(value) && BigInt(value) <= limits/* MAX_BIGINT */.Fm && BigInt(value) > 0n;
const fits = (packageName) => packageName.length <= PACKAGE_NAME_LENGTH;
function checkRunKey(runKey) {
    if (runKey.length > RUN_KEY_LENGTH) {
        throw new errors/* BfxError */.J(`The run key is longer than the ${RUN_KEY_LENGTH} characters the SQL Server catalog keeps, so nothing was changed: use a shorter run key.`);
    }
}
/** A name or value too long for its column: refused in one sentence, before anything is sent. */
function checkLength(value, length, what) {
    if (value.length > length) {
        throw new errors/* BfxError */.J(`The ${what} "${value.slice(0, 60)}${value.length > 60 ? '...' : ''}" is longer than the ${length} characters the SQL Server catalog keeps ` +
            '(characters such as emoji count twice there), so nothing was changed: use a shorter one.');
    }
}
const standingsOf = (recordsets) => (recordsets[0] ?? []).map(catalog_rows/* toExecutionStanding */.g0);
/** An ID run control passes on from a row it read; anything else is a bug. */
function checkExecutionId(id) {
    if (!isExecutionId(id))
        throw new Error(`"${id}" is not an execution ID.`);
}
/** The same name twice in one call: the first (defaults) or the last (values) counts. */
function distinctBy(rows, key, last) {
    const picked = new Map();
    for (const row of rows)
        if (last || !picked.has(key(row)))
            picked.set(key(row), row);
    return [...picked.values()];
}
const first = (recordsets) => recordsets[0]?.[0];
const executionOrNull = (recordsets) => {
    const raw = first(recordsets);
    return raw ? (0,catalog_rows/* toExecutionRow */.q$)(raw) : null;
};
const executions = (recordsets) => (recordsets[0] ?? []).map(catalog_rows/* toExecutionRow */.q$);
const nullableNumber = (value) => (value === null || value === undefined ? null : Number(value));
/** What to do instead when a table of our name in the schema is someone else's (shape.ts). */
const FOREIGN_TABLE_FIX = 'choose another catalog-schema (or the schema parameter of the connection string) for the bfx-begin tables.';
/**
 * No login in clear. With Encrypt=True, tedious asks for encryption in its pre-login and starts
 * TLS only when the server's answer says ON or REQ; on any other answer (NOT_SUP, which a man in
 * the middle can send) it sends the LOGIN7 packet, password or token included, in clear. Its
 * performTlsNegotiation(answer) runs between the answer and the LOGIN7 packet, so the check goes
 * in front of it: an answer that declines encryption ends the connection before anything else is
 * sent. With Encrypt=Strict the whole socket is TLS already, whatever the answer says. Should a
 * tedious upgrade rename the method, every connection is refused rather than let through
 * (engine.test.ts fails first, on the fake TDS server).
 */
function refuseCleartextLogin(connection) {
    // Called below with the connection as `this`, as tedious calls it.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const negotiate = connection.performTlsNegotiation;
    connection.performTlsNegotiation = async function (payload, signal) {
        if (typeof negotiate !== 'function') {
            throw new Error('tedious no longer has performTlsNegotiation, so bfx-begin cannot make sure the login is encrypted.');
        }
        const answer = payload.encryptionString;
        if (connection.config.options.encrypt !== 'strict' && answer !== 'ON' && answer !== 'REQ') {
            throw new EncryptionDeclined(answer);
        }
        return negotiate.call(this, payload, signal);
    };
}
/** sys.objects.type, in words, for an object of a table's name that is no table. */
const OBJECT_KINDS = {
    V: 'view',
    SN: 'synonym',
    SO: 'sequence',
    P: 'procedure',
    FN: 'function',
    IF: 'function',
    TF: 'function',
    TR: 'trigger',
    PK: 'primary key constraint',
    UQ: 'unique constraint',
    F: 'foreign key constraint',
    C: 'check constraint',
    D: 'default constraint',
    ET: 'external table',
};
/** What inspectStatement() returns (its four result sets), for shape.ts. */
function inspectionOf(recordsets) {
    return {
        columns: (recordsets[0] ?? []).map((row) => ({
            table: String(row.tableName),
            column: String(row.columnName),
            kind: typeKind(row.typeName),
        })),
        recordedVersion: nullableNumber(first(recordsets.slice(1))?.version),
        others: (recordsets[2] ?? []).map((row) => ({
            name: String(row.objectName),
            kind: OBJECT_KINDS[String(row.objectType)] ?? 'object',
        })),
        required: (recordsets[3] ?? []).map((row) => ({ table: String(row.tableName), column: String(row.columnName) })),
    };
}
class MssqlCatalog {
    settings;
    options;
    secrets;
    engine = 'mssql';
    location;
    login;
    q;
    /** Where the catalog is, for shape.ts's sentences: schema bfx of the SQL Server catalog HOST/DB. */
    where;
    /** The error messages the server sent while the connection logged in, in order. */
    loginMessages = [];
    /** The one connection, once logged in; made again after it is lost. */
    connection;
    turns = new turns/* Turns */.P();
    constructor(settings, options, secrets) {
        this.settings = settings;
        this.options = options;
        this.secrets = secrets;
        this.location = mssqlLocation(settings);
        this.q = catalogStatements(options.schema ?? catalog/* DEFAULT_CATALOG_SCHEMA */._S);
        this.where = `schema ${this.q.names.name} of the SQL Server catalog ${this.location}`;
        this.login = loginRetries(settings);
    }
    async connect() {
        try {
            await (0,retry/* retryOnSchedule */.pc)(() => this.withLoginNumbers(() => this.connected()), isTransient, this.login.schedule);
        }
        catch (error) {
            await this.close();
            throw this.explain(error, 'connect');
        }
    }
    /**
     * The connection, logging in when there is none (or it was lost). tedious reports a refused
     * login as ELOGIN with the server's last text only; every number and text (4060, then 18456)
     * comes through the connection's errorMessage event, heard until it has logged in.
     */
    async connected() {
        if (this.connection?.usable)
            return this.connection;
        this.connection = undefined;
        this.connection = await TdsConnection.open(toTediousConfig(this.settings, this.options), (connection) => {
            refuseCleartextLogin(connection);
            const listener = ({ number, message }) => {
                this.loginMessages.push({ number, message });
            };
            connection.on('errorMessage', listener);
            connection.once('connect', () => connection.removeListener('errorMessage', listener));
        });
        return this.connection;
    }
    /** One request: the columns of the tables of our names in the schema, and the recorded version. */
    async inspect() {
        return this.judge(await this.request(this.q.inspect));
    }
    /**
     * One transaction: BEGIN + the migration lock + a fresh inspection | the steps (only when the
     * catalog is older than this release) + COMMIT. What shape.ts refuses is refused before anything
     * is created; the second of two migrations at once finds everything there.
     */
    async migrate(options = {}) {
        // `bfx migrate` (no limit) may take as long as its index builds and checks need: no request
        // timeout. A begin's upgrade is of a small catalog (UPGRADE_IN_BEGIN_MAX_EXECUTIONS) and
        // keeps the request timeout, so that a begin never waits without end.
        const timeoutMs = options.maxExecutions === undefined ? 0 : undefined;
        return this.retried('the catalog migration', async () => {
            const connection = await this.connected();
            let begun = false;
            const send = (statements, commit = false) => {
                const ends = { begin: !begun, commit, timeoutMs };
                begun = true;
                return connection.run(mergeStatements(statements), ends);
            };
            try {
                // Wait for another migration as long as a request may take (Command Timeout=0: no limit).
                const timeout = this.settings.requestTimeoutMs ?? this.options.requestTimeoutMs;
                const state = this.judge(await send([this.q.migrationLock(timeout === 0 ? -1 : timeout), this.q.inspect]));
                const from = state.kind === 'empty' ? 0 : state.version;
                if (from > 0 && from < catalog/* CATALOG_VERSION */.$i) {
                    const [size] = await send([this.q.upgradeSize]);
                    const { executions, unchecked, firstUnchecked } = size?.[0] ?? {};
                    const refused = (0,shape/* refuseLargeUpgrade */.__)(this.where, from, catalog/* CATALOG_VERSION */.$i, Number(executions ?? 0), options.maxExecutions) ??
                        (from < 3
                            ? (0,shape/* refuseUncheckedExecutions */.cb)(this.where, this.q.names.table('Execution'), Number(unchecked ?? 0), typeof firstUnchecked === 'string' || typeof firstUnchecked === 'number'
                                ? String(firstUnchecked)
                                : null)
                            : undefined);
                    if (refused)
                        throw refused;
                }
                let created = [];
                if (from < catalog/* CATALOG_VERSION */.$i) {
                    const [rows] = await send([this.q.migration(from)], true);
                    created = (rows ?? []).map((row) => String(row.what));
                }
                else
                    await send([], true);
                return { from, to: catalog/* CATALOG_VERSION */.$i, created };
            }
            catch (error) {
                if (begun)
                    await rollBack(connection);
                throw error;
            }
        });
    }
    transaction(lock, what, work) {
        let lockStatement;
        if ('executionId' in lock) {
            lockStatement = this.q.lockByExecution(isExecutionId(lock.executionId) ? lock.executionId : null);
        }
        else {
            if (lock.register !== undefined && !fits(lock.packageName)) {
                return Promise.reject(new errors/* BfxError */.J(`The package name is longer than the ${PACKAGE_NAME_LENGTH} characters the SQL Server catalog holds ` +
                    '(characters such as emoji count twice there), so nothing was changed: use a shorter package name.'));
            }
            // A name too long for the column cannot be in the catalog: it locks nothing, and finds nothing.
            // A parent that is not an execution ID cannot be in the catalog either: it locks nothing more.
            const parent = lock.parentExecutionId;
            lockStatement = this.q.lockByName(fits(lock.packageName) ? lock.packageName : null, lock.register, parent !== undefined && isExecutionId(parent) ? parent : null);
        }
        return this.retried(what, () => this.attempt(lockStatement, work));
    }
    async status(packageName) {
        if (packageName !== undefined && !fits(packageName))
            return [];
        const [packages, executionRows] = await this.request(packageName === undefined ? this.q.statusAll() : this.q.statusOne(packageName));
        const rows = (executionRows ?? []).map((raw) => ({
            row: (0,catalog_rows/* toExecutionRow */.q$)(raw),
            batchPackageName: typeof raw.batchPackageName === 'string' ? raw.batchPackageName : null,
        }));
        return (packages ?? []).map((raw) => {
            const pkg = (0,catalog_rows/* toPackageRow */.GK)(raw);
            const own = rows.filter(({ row }) => row.packageId === pkg.packageId);
            const latest = own.reduce((best, entry) => (best === null || BigInt(entry.row.executionId) > BigInt(best.row.executionId) ? entry : best), null);
            return {
                ...pkg,
                latest: latest?.row ?? null,
                active: own.find(({ row }) => !row.ended)?.row ?? null,
                batchPackageName: latest?.batchPackageName ?? null,
            };
        });
    }
    async history(packageName, limit, filter = {}) {
        if (!fits(packageName))
            return [];
        if (filter.sinceMinutes === undefined && filter.statuses === undefined)
            return executions(await this.request(this.q.history(packageName, clampLimit(limit))));
        return executions(await this.request(this.q.filteredHistory(packageName, clampLimit(limit), filter.sinceMinutes, filter.statuses)));
    }
    async runs(filter, limit) {
        return executions(await this.request(this.q.runs(clampLimit(limit), filter.sinceMinutes, filter.statuses)));
    }
    async now() {
        const value = first(await this.request(this.q.now()))?.now;
        return value instanceof Date ? value.toISOString() : String(value);
    }
    async children(parentExecutionId) {
        if (!isExecutionId(parentExecutionId))
            return [];
        return executions(await this.request(this.q.children(parentExecutionId)));
    }
    async variables(packageName) {
        if (!fits(packageName))
            return null;
        const [packages, variables] = await this.request(this.q.variables(packageName));
        if (!packages?.length)
            return null;
        return (variables ?? []).map(catalog_rows/* toVariable */.G2);
    }
    async rowCounts(executionIds) {
        const ids = [...new Set(executionIds.filter(isExecutionId))];
        if (ids.length === 0)
            return [];
        const [rows] = await this.request(this.q.rowCounts(ids));
        return (rows ?? []).map(catalog_rows/* toStoredRowCount */.y8);
    }
    async audit(packageName, limit) {
        if (!fits(packageName))
            return [];
        const [rows] = await this.request(this.q.audit(packageName, clampLimit(limit)));
        return (rows ?? []).map(catalog_rows/* toAuditEntry */.BA);
    }
    async reportSnapshot(windowMinutes) {
        const [clock, packages, executionRows, rowCounts, audit] = await this.request(this.q.report(windowMinutes, catalog/* SUCCEEDED */.QQ));
        const instant = (value) => (value instanceof Date ? value.toISOString() : String(value));
        return {
            now: instant(clock?.[0]?.now),
            since: instant(clock?.[0]?.since),
            packages: (packages ?? []).map(catalog_rows/* toPackageRow */.GK),
            executions: (executionRows ?? []).map(catalog_rows/* toExecutionRow */.q$),
            rowCounts: (rowCounts ?? []).map(catalog_rows/* toStoredRowCount */.y8),
            audit: (audit ?? []).map(catalog_rows/* toAuditEntry */.BA),
        };
    }
    async close() {
        const connection = this.connection;
        this.connection = undefined;
        // Closing is best effort: the server ends the session of a closed socket.
        await connection?.close();
    }
    // -------------------------------------------------------------------------------------------
    judge(recordsets) {
        return (0,shape/* judgeCatalog */.HO)(inspectionOf(recordsets), VERSIONS, this.where, FOREIGN_TABLE_FIX);
    }
    /**
     * One attempt: work on a transaction whose first request opens it and carries the lock; the
     * work commits with its last writes, or is committed after it returns. On any failure what the
     * server still holds open is rolled back (XACT_ABORT has mostly done so already).
     */
    async attempt(lockStatement, work) {
        const connection = await this.connected();
        const tx = new MssqlTransaction(connection, this.q, lockStatement);
        try {
            const result = await work(tx);
            await tx.committed();
            return result;
        }
        catch (error) {
            await tx.abandon(error);
            if (tx.begun)
                await rollBack(connection);
            throw batchFault(error);
        }
    }
    /** One request outside any transaction; `what` names a write. */
    async request(statement, what) {
        return this.retried(what, async () => (await this.connected()).run({ ...statement, recordsets: [statement.recordsets] }));
    }
    /**
     * Runs attempt again on a transient fault, each attempt taking its turn on the one connection
     * (calls made at once on one catalog would otherwise send statements into each other's
     * transaction); a failure is turned into one sentence for the user.
     */
    async retried(what, attempt) {
        try {
            return await (0,retry/* retryOnSchedule */.pc)(() => this.turns.run(() => this.withLoginNumbers(attempt)), isTransient, requestSchedule(this.login.schedule));
        }
        catch (error) {
            throw this.explain(error, 'request', what);
        }
    }
    /** Runs attempt; a login refused on the way (ELOGIN) is rethrown with the server's error numbers. */
    async withLoginNumbers(attempt) {
        this.loginMessages = [];
        try {
            return await attempt();
        }
        catch (error) {
            const messages = this.loginMessages;
            if (messages.length > 0 && faultOf(error).codes.has('ELOGIN') && loginErrorNumbers(error).length === 0) {
                throw new LoginFailure(error, messages);
            }
            throw error;
        }
    }
    explain(error, phase, what) {
        const explained = describeFault(error, {
            settings: this.settings,
            schema: this.q.names.name,
            phase,
            what,
            connectTimeoutMs: this.settings.connectTimeoutMs ?? this.options.connectTimeoutMs,
            requestTimeoutMs: this.settings.requestTimeoutMs ?? this.options.requestTimeoutMs,
            loginRetries: this.login.description,
            requestAttempts: retry/* DEFAULT_RETRY_POLICY */.cO.attempts,
            secrets: this.secrets,
        });
        if (explained)
            return explained;
        // A bug: reported as one, but never with a secret in it.
        if (error instanceof Error && this.secrets.some((secret) => error.message.includes(secret))) {
            error.message = (0,connection_string/* redact */.E$)(error.message, this.secrets);
        }
        return error;
    }
}
const clampLimit = (limit) => Math.max(0, Math.min(Math.floor(limit), 2_147_483_647));
/**
 * The calls of PackageTransaction, each a statement queued on the transaction's StatementQueue.
 * Every method queues its statement before its first await, so calls made in one tick share a
 * request, and commit() sends the writes queued beside it in one request that ends with the COMMIT. They are async so that
 * a refusal (a run key too long) is a rejected promise, which Promise.all in run control handles,
 * never a throw that would leave the calls queued before it unawaited.
 */
class MssqlTransaction {
    q;
    queue;
    /** The locked package's ID once the first request is answered: null when the lock found no package. */
    lockedPackageId;
    /** Every package this transaction holds locked: its own, a parent's, those of lockPackages. */
    lockedPackageIds = new Set();
    commitment;
    constructor(connection, q, lockStatement) {
        this.q = q;
        this.queue = new StatementQueue((batch, ends) => connection.run(batch, ends), () => this.lockedPackageId === undefined
            ? []
            : [
                this.q.bindLocked(this.lockedPackageId, [...this.lockedPackageIds].sort((a, b) => a - b)),
            ]);
        // The lock is queued first: it goes in the same request as the reads work() makes in its first tick.
        void this.queue
            .run(lockStatement, (recordsets) => {
            const row = first(recordsets);
            this.lockedPackageId = nullableNumber(row?.packageId);
            for (const id of [row?.parentPackageId, row?.packageId].map(nullableNumber)) {
                if (id !== null)
                    this.lockedPackageIds.add(id);
            }
        })
            .catch(() => {
            // The request's error reaches the caller through the calls queued with it, or commit.
        });
    }
    async package() {
        return this.run(this.q.readPackage(), (recordsets) => {
            const raw = first(recordsets);
            return raw ? (0,catalog_rows/* toPackageRow */.GK)(raw) : null;
        });
    }
    async executionWithRunKey(runKey) {
        // A run key too long for the column cannot be in the catalog, and could not be stored: refused.
        checkRunKey(runKey);
        return this.run(this.q.readExecutionWithRunKey(runKey), executionOrNull);
    }
    async activeExecution() {
        return this.run(this.q.readActiveExecution(), executionOrNull);
    }
    async latestExecution() {
        return this.run(this.q.readLatestExecution(), executionOrNull);
    }
    async lastEndedExecution() {
        return this.run(this.q.readLastEndedExecution(), executionOrNull);
    }
    async execution(executionId) {
        if (!isExecutionId(executionId))
            return null;
        return this.run(this.q.readExecution(executionId), executionOrNull);
    }
    async parentOf(executionId) {
        if (!isExecutionId(executionId))
            return null;
        return this.run(this.q.readParentOf(executionId), executionOrNull);
    }
    async anyExecution(executionId) {
        if (!isExecutionId(executionId))
            return null;
        return this.run(this.q.readAnyExecution(executionId), executionOrNull);
    }
    async children(parentExecutionId) {
        if (!isExecutionId(parentExecutionId))
            return [];
        return this.run(this.q.readChildren(parentExecutionId), executions);
    }
    async auditedExecutions(executionIds, actions) {
        const ids = executionIds.filter(isExecutionId);
        if (ids.length === 0)
            return [];
        return this.run(this.q.readAuditedExecutions(ids, actions), (recordsets) => (recordsets[0] ?? []).map((row) => String(row.executionId)));
    }
    async lastExecutionWithStatus(status, beforeExecutionId) {
        if (beforeExecutionId !== null)
            checkExecutionId(beforeExecutionId);
        return this.run(this.q.readLastExecutionWithStatus(status, beforeExecutionId), (recordsets) => {
            // BIGINT comes back as text from tedious.
            const id = first(recordsets)?.executionId;
            return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
        });
    }
    async variables() {
        return this.run(this.q.readVariables(), (recordsets) => (recordsets[0] ?? []).map(catalog_rows/* toVariable */.G2));
    }
    async executionAudit(executionId, action) {
        if (!isExecutionId(executionId))
            return [];
        return this.run(this.q.readExecutionAudit(executionId, action), (recordsets) => (recordsets[0] ?? []).map(catalog_rows/* toAuditEntry */.BA));
    }
    async insertExecution(execution) {
        checkRunKey(execution.runKey);
        this.checkPackage(execution.packageId);
        return this.run(this.q.insertExecution(execution), (recordsets) => ({
            executionId: String(first(recordsets)?.executionId),
        }));
    }
    async takeOverExecution(takeover) {
        checkRunKey(takeover.runKey);
        return this.run(this.q.takeOverExecution(takeover), () => undefined);
    }
    async finishExecution(finish) {
        return this.run(this.q.finishExecution(finish), (recordsets) => {
            const row = executionOrNull(recordsets);
            if (!row)
                throw new catalog/* LockViolation */.RC(finish.executionId);
            return row;
        });
    }
    async refinishExecution(finish, endedAs) {
        return this.run(this.q.refinishExecution(finish, endedAs), (recordsets) => {
            const row = executionOrNull(recordsets);
            if (!row)
                throw new catalog/* LockViolation */.RC(finish.executionId);
            return row;
        });
    }
    async setNextLoadStatus(executionId, nextLoadStatus) {
        return this.run(this.q.setNextLoadStatus(executionId, nextLoadStatus), (recordsets) => {
            const row = executionOrNull(recordsets);
            if (!row)
                throw new catalog/* LockViolation */.RC(executionId);
            return row;
        });
    }
    async setNextLoadStatuses(executionIds, nextLoadStatus) {
        const ids = [...new Set(executionIds)];
        ids.forEach(checkExecutionId);
        if (ids.length === 0)
            return;
        return this.run(this.q.setNextLoadStatuses(ids, nextLoadStatus), () => undefined);
    }
    async lockPackages(packageIds) {
        const ids = [...new Set(packageIds)].sort((a, b) => a - b);
        for (const id of ids) {
            if (!Number.isSafeInteger(id) || id <= 0)
                throw new Error(`${id} is not a package ID.`);
        }
        if (ids.length === 0)
            return;
        return this.run(this.q.lockPackages(ids), (recordsets) => {
            for (const row of recordsets[0] ?? [])
                this.lockedPackageIds.add(Number(row.packageId));
        });
    }
    async markBatch() {
        return this.run(this.q.markBatch(), () => undefined);
    }
    async registerVariables(defaults) {
        const values = distinctBy(defaults, (v) => v.name, false);
        for (const { name } of values)
            checkLength(name, VARIABLE_NAME_LENGTH, 'variable name');
        await this.runAll(this.q.registerVariables(values));
    }
    async storeVariables(values, executionId) {
        if (executionId !== null)
            checkExecutionId(executionId);
        const distinct = distinctBy(values, (v) => v.name, true);
        for (const { name } of distinct)
            checkLength(name, VARIABLE_NAME_LENGTH, 'variable name');
        await this.runAll(this.q.storeVariables(distinct, executionId));
    }
    async saveRowCounts(executionId, counts) {
        checkExecutionId(executionId);
        const distinct = distinctBy(counts, (c) => JSON.stringify([c.objectName, c.countType]), true);
        for (const count of distinct) {
            checkLength(count.objectName, OBJECT_NAME_LENGTH, 'object name of a row count');
            checkLength(count.countType, COUNT_TYPE_LENGTH, 'count type of a row count');
            if (!Number.isSafeInteger(count.rowCount) || count.rowCount < 0) {
                throw new errors/* BfxError */.J(`The row count ${count.rowCount} of ${count.objectName} is not a whole number >= 0, so nothing was changed.`);
            }
        }
        await this.runAll(this.q.saveRowCounts(executionId, distinct));
    }
    async recordAudit(entry) {
        if (entry.executionId !== null)
            checkExecutionId(entry.executionId);
        if (entry.action.length > ACTION_LENGTH)
            throw new Error(`The audit action "${entry.action}" is too long.`);
        return this.run(this.q.recordAudit(entry), () => undefined);
    }
    async recordDeletion(entry) {
        if (entry.action.length > ACTION_LENGTH)
            throw new Error(`The audit action "${entry.action}" is too long.`);
        return this.run(this.q.recordDeletion(entry), () => undefined);
    }
    /** null when the lock found no package: the UPDATE then changes nothing. */
    async setEnabled(enabled) {
        return this.run(this.q.setEnabled(enabled), (recordsets) => {
            const raw = first(recordsets);
            return raw ? (0,catalog_rows/* toPackageRow */.GK)(raw) : null;
        });
    }
    async packageNamed(packageName) {
        if (!fits(packageName))
            return null;
        return this.run(this.q.readPackageNamed(packageName), (recordsets) => {
            const raw = first(recordsets);
            return raw ? (0,catalog_rows/* toPackageRow */.GK)(raw) : null;
        });
    }
    async renamePackage(newName) {
        checkLength(newName, PACKAGE_NAME_LENGTH, 'package name');
        return this.run(this.q.renamePackage(newName), (recordsets) => {
            const raw = first(recordsets);
            if (!raw)
                throw new Error("No package matches this transaction's lock, so it cannot be renamed.");
            return (0,catalog_rows/* toPackageRow */.GK)(raw);
        });
    }
    async deletePackage() {
        return this.run(this.q.deletePackage(), (recordsets) => ({ executions: Number(first(recordsets)?.count ?? 0) }));
    }
    async purgeCandidates(olderThanMinutes, afterExecutionId, limit) {
        if (afterExecutionId !== null)
            checkExecutionId(afterExecutionId);
        return this.run(this.q.readPurgeCandidates(olderThanMinutes, afterExecutionId, limit), standingsOf);
    }
    async standings(executionIds, olderThanMinutes) {
        const ids = [...new Set(executionIds.filter(isExecutionId))];
        if (ids.length === 0)
            return [];
        return this.run(this.q.readStandings(ids, olderThanMinutes), standingsOf);
    }
    async childStandings(parentExecutionIds, olderThanMinutes) {
        const ids = [...new Set(parentExecutionIds.filter(isExecutionId))];
        if (ids.length === 0)
            return [];
        return this.run(this.q.readChildStandings(ids, olderThanMinutes), standingsOf);
    }
    async deleteExecutions(executionIds) {
        const ids = [...new Set(executionIds)];
        ids.forEach(checkExecutionId);
        if (ids.length === 0)
            return 0;
        return this.run(this.q.deleteExecutions(ids), (recordsets) => Number(first(recordsets)?.count ?? 0));
    }
    async deleteOldAudit(olderThanMinutes, limit) {
        return this.run(this.q.deleteOldAudit(olderThanMinutes, limit), (recordsets) => Number(first(recordsets)?.count ?? 0));
    }
    commit() {
        if (this.commitment)
            return Promise.reject(new Error('The catalog transaction was committed twice.'));
        this.commitment = (async () => {
            // The COMMIT closes the request of the writes queued in this tick.
            await this.queue.flush(true);
            const failed = this.queue.failed;
            if (failed)
                throw batchFault(failed.error);
        })();
        return this.commitment;
    }
    /** After work returned: its commit, or one now (a transaction that only read). */
    committed() {
        return this.commitment ?? this.commit();
    }
    /** Whether a request opened the transaction on the server. */
    get begun() {
        return this.queue.begun;
    }
    /** After work failed: nothing more is sent, and the request in flight (if any) is waited for, so the rollback may go. */
    async abandon(error) {
        await this.queue.abandon(error);
        await this.commitment?.catch(() => { });
    }
    run(statement, read) {
        if (this.commitment)
            return Promise.reject(new Error('The catalog transaction was used after its commit.'));
        // A guarded update's THROW fails the whole request: every call in it sees the LockViolation.
        return this.queue.run(statement, read).catch((error) => Promise.reject(asError(batchFault(error))));
    }
    /** Statements queued together, in order (a call of many rows, in chunks): none for none. */
    async runAll(statements) {
        await Promise.all(statements.map((statement) => this.run(statement, () => undefined)));
    }
    /** Writes go to the locked package only. */
    checkPackage(packageId) {
        if (this.lockedPackageId !== undefined && this.lockedPackageId !== packageId) {
            throw new Error(`A write for package ${packageId} was made in the transaction holding the lock of package ${this.lockedPackageId}.`);
        }
    }
}


/***/ }),

/***/ 89017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IP: () => (/* binding */ fixedSchedule),
/* harmony export */   ST: () => (/* binding */ backoffSchedule),
/* harmony export */   cO: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   pc: () => (/* binding */ retryOnSchedule),
/* harmony export */   x8: () => (/* binding */ budgetSchedule)
/* harmony export */ });
/* unused harmony export retryTransient */
/**
 * Six attempts, waiting about 8 to 15 s in all: long enough to ride out an Azure SQL failover or a
 * PostgreSQL restart, which take seconds, short enough that a catalog that stays down fails the
 * step well within a job's patience.
 */
const DEFAULT_RETRY_POLICY = { attempts: 6, baseDelayMs: 500, maxDelayMs: 8000 };
async function retryTransient(work, isTransient, policy = DEFAULT_RETRY_POLICY, onRetry = () => { }) {
    for (let attempt = 1;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            if (attempt >= policy.attempts || !isTransient(error))
                throw error;
            const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
            const delayMs = ceiling / 2 + Math.random() * (ceiling / 2);
            onRetry(error, attempt, delayMs);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
    }
}
/** retryTransient, with the delays given by a schedule rather than a policy. */
async function retryOnSchedule(work, isTransient, schedule, onRetry = () => { }) {
    const started = Date.now();
    for (let attempt = 1;; attempt++) {
        try {
            return await work();
        }
        catch (error) {
            if (!isTransient(error))
                throw error;
            const delayMs = schedule({ error, attempt, elapsedMs: Date.now() - started });
            if (delayMs === undefined)
                throw error;
            onRetry(error, attempt, delayMs);
            await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
    }
}
/** The delay retryTransient waits after a failed attempt: exponential, capped, with jitter. */
function backoffDelay(policy, attempt) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return ceiling / 2 + Math.random() * (ceiling / 2);
}
/** retryTransient's schedule: policy.attempts in all, exponential backoff with jitter. */
function backoffSchedule(policy = DEFAULT_RETRY_POLICY) {
    return ({ attempt }) => (attempt >= policy.attempts ? undefined : backoffDelay(policy, attempt));
}
/**
 * Exponential backoff with jitter for as long as the next attempt would begin within budgetMs of
 * the first (policy.attempts is not used): a time budget, for faults that last a known while.
 */
function budgetSchedule(budgetMs, policy) {
    return ({ attempt, elapsedMs }) => {
        const delayMs = backoffDelay({ ...policy, attempts: Infinity }, attempt);
        return elapsedMs + delayMs > budgetMs ? undefined : delayMs;
    };
}
/** `retries` more attempts, intervalMs apart, without jitter (ADO.NET's ConnectRetryCount / ConnectRetryInterval). */
function fixedSchedule(retries, intervalMs) {
    return ({ attempt }) => (attempt > retries ? undefined : intervalMs);
}


/***/ }),

/***/ 98422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BA: () => (/* binding */ toAuditEntry),
/* harmony export */   Bv: () => (/* binding */ packageSelectList),
/* harmony export */   G2: () => (/* binding */ toVariable),
/* harmony export */   GK: () => (/* binding */ toPackageRow),
/* harmony export */   Qq: () => (/* binding */ text),
/* harmony export */   RW: () => (/* binding */ executionSelectList),
/* harmony export */   S3: () => (/* binding */ contextValues),
/* harmony export */   fr: () => (/* binding */ selectList),
/* harmony export */   g0: () => (/* binding */ toExecutionStanding),
/* harmony export */   q$: () => (/* binding */ toExecutionRow),
/* harmony export */   ws: () => (/* binding */ scalarText),
/* harmony export */   y8: () => (/* binding */ toStoredRowCount)
/* harmony export */ });
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97008);

/** The run context as named values, keyed by column name (Repository, Workflow, ...). */
function contextValues(context) {
    return Object.fromEntries(Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .CONTEXT_COLUMNS */ .y8).map(([field, column]) => [column, context[field]]));
}
/** `p.PackageID AS packageId, ...` for a Package row aliased `p`. */
function packageSelectList(alias, quote) {
    return Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .PACKAGE_COLUMNS */ .zs)
        .map(([field, column]) => `${alias}.${column} AS ${quote(field)}`)
        .join(', ');
}
/** `alias.Column AS field, ...` for any of the column maps in catalog.ts. */
function selectList(alias, columns, quote) {
    return Object.entries(columns)
        .map(([field, column]) => `${alias}.${column} AS ${quote(field)}`)
        .join(', ');
}
/** The Execution columns of row `e` and the PackageName of its package row `p`. */
function executionSelectList(quote) {
    return [
        ...Object.entries(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .EXECUTION_COLUMNS */ .r9).map(([field, column]) => `e.${column} AS ${quote(field)}`),
        `p.PackageName AS ${quote('packageName')}`,
    ].join(', ');
}
/** Drivers give text, numbers or bigints for these columns; anything else is a bug in an engine. */
function scalarText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
        return value.toString();
    throw new TypeError(`A catalog column held a ${typeof value} where text or a number was expected.`);
}
/** scalarText, or null for SQL's NULL. */
const text = (value) => value === null || value === undefined ? null : scalarText(value);
const int = (value) => Number(value);
const time = (value) => value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : scalarText(value);
const bool = (value) => value === true || Number(value) === 1;
function toPackageRow(raw) {
    return {
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
        isEnabled: bool(raw.isEnabled),
        isBatch: bool(raw.isBatch),
        retryLimit: raw.retryLimit === null || raw.retryLimit === undefined ? null : int(raw.retryLimit),
        createdTime: time(raw.createdTime) ?? '',
    };
}
function toExecutionRow(raw) {
    const endTime = time(raw.endTime);
    return {
        executionId: scalarText(raw.executionId),
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
        parentExecutionId: text(raw.parentExecutionId),
        executionStatus: scalarText(raw.executionStatus),
        nextLoadStatus: scalarText(raw.nextLoadStatus),
        retryCount: int(raw.retryCount),
        startTime: time(raw.startTime) ?? '',
        endTime,
        ended: endTime !== null,
        runKey: text(raw.runKey),
        errorMessage: text(raw.errorMessage),
        repository: text(raw.repository),
        workflow: text(raw.workflow),
        job: text(raw.job),
        runId: text(raw.runId),
        runAttempt: text(raw.runAttempt),
        actor: text(raw.actor),
        event: text(raw.event),
        sha: text(raw.sha),
    };
}
function toVariable(raw) {
    return {
        name: scalarText(raw.name),
        value: scalarText(raw.value),
        previousValue: text(raw.previousValue),
        executionId: text(raw.executionId),
        updatedTime: time(raw.updatedTime) ?? '',
    };
}
function toStoredRowCount(raw) {
    return {
        executionId: scalarText(raw.executionId),
        objectName: scalarText(raw.objectName),
        countType: scalarText(raw.countType),
        rowCount: int(raw.rowCount),
    };
}
function toAuditEntry(raw) {
    return {
        auditId: scalarText(raw.auditId),
        packageId: raw.packageId === null || raw.packageId === undefined ? null : int(raw.packageId),
        packageName: text(raw.packageName),
        executionId: text(raw.executionId),
        action: scalarText(raw.action),
        detail: text(raw.detail),
        actor: text(raw.actor),
        createdTime: time(raw.createdTime) ?? '',
    };
}
/** What retention reads of an execution (operations.ts), from the engines' STANDING selects. */
function toExecutionStanding(raw) {
    return {
        executionId: scalarText(raw.executionId),
        parentExecutionId: text(raw.parentExecutionId),
        executionStatus: scalarText(raw.executionStatus),
        ended: bool(raw.ended),
        old: bool(raw.old),
        latest: bool(raw.latest),
        lastEnded: bool(raw.lastEnded),
        latestOfItsStatus: bool(raw.latestOfItsStatus),
        marksVariables: bool(raw.marksVariables),
    };
}


/***/ }),

/***/ 62062:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HO: () => (/* binding */ judgeCatalog),
/* harmony export */   Xy: () => (/* binding */ UNCHECKED_EXECUTIONS),
/* harmony export */   __: () => (/* binding */ refuseLargeUpgrade),
/* harmony export */   cb: () => (/* binding */ refuseUncheckedExecutions),
/* harmony export */   n8: () => (/* binding */ EXECUTION_CHECKS)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/**
 * Is what the catalog holds ours? Before creating or using tables, an engine reads the columns of
 * the tables that carry our names, and these rules judge them: a table of ours that is there must
 * have every column we need with a type of the right kind; columns we do not know are welcome.
 * A table of our name in another shape is someone else's (a BimlCatalog's own bfx.Package, say),
 * and is never altered or written. The catalog also records which version of our tables it holds,
 * so a later release can upgrade it in place, and an older release refuses a newer catalog.
 */

/**
 * Judges an inspection. `versions[n - 1]` is every table as version n defines it, whole; the last is
 * the version this release creates. `where` names the schema or file, `fix` says what the user can
 * do instead when a table is someone else's.
 */
function judgeCatalog(inspection, versions, where, fix) {
    const latest = versions.length;
    if (inspection.recordedVersion !== null && inspection.recordedVersion > latest) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} is at version ${inspection.recordedVersion}, newer than the version ${latest} this bfx-begin knows, ` +
            'so nothing was read or changed: use the bfx-begin release that created it, or a later one.');
    }
    const [other] = inspection.others ?? [];
    if (other) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The ${other.kind} ${other.name} in ${where} has the name of a bfx-begin table, so nothing was created, altered or written: ${fix}`);
    }
    const found = new Map();
    for (const { table, column, kind } of inspection.columns) {
        const key = table.toLowerCase();
        if (!found.has(key))
            found.set(key, new Map());
        found.get(key).set(column.toLowerCase(), kind);
    }
    const [first] = versions;
    // Tables of the first version without a recorded version: the first release made them.
    const version = inspection.recordedVersion ?? (first.some((shape) => found.has(shape.table.toLowerCase())) ? 1 : 0);
    const own = new Map((version > 0 ? versions[version - 1] : []).map((shape) => [shape.table.toLowerCase(), shape]));
    for (const newest of versions[latest - 1]) {
        const key = newest.table.toLowerCase();
        const shape = own.get(key) ?? newest;
        const columns = found.get(key);
        if (!columns) {
            if (own.has(key)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} is at version ${version} but has no table ${shape.table}, so nothing was changed: ` +
                    'restore the table, or point bfx-begin at a fresh catalog.');
            }
            continue;
        }
        const wrong = Object.entries(shape.columns)
            .filter(([column, kind]) => columns.get(column.toLowerCase()) !== kind)
            .map(([column, kind]) => columns.has(column.toLowerCase()) ? `${column} is not ${kind}` : `${column} is missing`);
        if (wrong.length > 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The table ${shape.table} in ${where} is not a bfx-begin table (${wrong.join(', ')}), ` +
                `so nothing was created, altered or written: ${fix}`);
        }
        // More columns are welcome, unless no insert of ours can fill them.
        const ours = new Set(versions.flat().flatMap((v) => (v.table.toLowerCase() === key ? Object.keys(v.columns) : [])));
        const blocking = (inspection.required ?? []).find((c) => c.table.toLowerCase() === key && ![...ours].some((o) => o.toLowerCase() === c.column.toLowerCase()));
        if (blocking) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The table ${shape.table} in ${where} has a column ${blocking.column} that is NOT NULL without a default, ` +
                `so bfx-begin cannot insert its rows and nothing was written: give ${blocking.column} a default, or let it be NULL.`);
        }
    }
    return version === 0 ? { kind: 'empty' } : { kind: 'version', version };
}
/**
 * A begin upgrades a catalog in place only while it is small (catalog.ts,
 * UPGRADE_IN_BEGIN_MAX_EXECUTIONS): above that, the upgrade's index builds and checks would hold
 * the migration's lock for longer than a begin should wait, and every runner would try it again.
 * `executions` is the catalog's highest ExecutionID (0 for none).
 */
function refuseLargeUpgrade(where, from, to, executions, maxExecutions) {
    if (maxExecutions === undefined || from === 0 || from >= to || executions <= maxExecutions)
        return undefined;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} holds version ${from} of the bfx tables and about ${executions} executions, too many to upgrade ` +
        `to version ${to} inside a begin (the limit is ${maxExecutions}), so nothing was changed: run \`bfx migrate\` once ` +
        'with this connection string (it has no time limit; docs/catalog.md says what it builds), then run the step again.');
}
/**
 * Version 3 adds CHECK constraints to Execution: an execution without an EndTime is active (E, R or
 * A), and RetryCount is never negative. Rows that break them (written by hand: bfx-begin never
 * writes them) are not changed behind the user's back: the upgrade is refused, naming the first
 * and how to find the others. `where` names the catalog, `table` the Execution table as the user
 * queries it.
 */
function refuseUncheckedExecutions(where, table, count, firstExecutionId) {
    if (count === 0)
        return undefined;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BfxError */ .J(`The catalog in ${where} holds ${count} execution${count === 1 ? '' : 's'} that version 3 of the bfx tables refuses ` +
        `(ExecutionID ${firstExecutionId ?? '?'} ${count === 1 ? 'is' : 'is the first'}: ended without an EndTime, or a RetryCount below 0), ` +
        `so it was not upgraded and nothing was changed: find them with SELECT * FROM ${table} WHERE ${UNCHECKED_EXECUTIONS}, ` +
        'give each an EndTime (or an active status) and a RetryCount of 0 or more, then run the step again.');
}
/**
 * Version 3's CHECK constraints of Execution, in SQL every engine reads alike: only an active
 * execution (E, R or A) may have no EndTime, and RetryCount is never negative.
 */
const EXECUTION_CHECKS = [
    `EndTime IS NOT NULL OR ExecutionStatus IN ('E', 'R', 'A')`,
    `RetryCount >= 0`,
];
/** The executions those constraints refuse. */
const UNCHECKED_EXECUTIONS = `(EndTime IS NULL AND ExecutionStatus NOT IN ('E', 'R', 'A')) OR RetryCount < 0`;


/***/ }),

/***/ 18471:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ Turns)
/* harmony export */ });
/**
 * Calls on one open catalog take turns. A transaction's work awaits between its statements, so two
 * calls made at once (Promise.all on one catalog) would otherwise send one's statements into the
 * other's transaction on the shared connection.
 */
class Turns {
    last = Promise.resolve();
    run(work) {
        const run = this.last.then(work, work);
        this.last = run.then(() => undefined, () => undefined);
        return run;
    }
}


/***/ })

};
