export const id = 438;
export const ids = [438];
export const modules = {

/***/ 63438:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ROLLBACK: () => (/* binding */ ROLLBACK),
  answersOf: () => (/* binding */ answersOf),
  literalOf: () => (/* binding */ literalOf),
  openDriver: () => (/* binding */ openDriver),
  requestText: () => (/* binding */ requestText),
  unicodeLiteral: () => (/* binding */ unicodeLiteral)
});

// EXTERNAL MODULE: ./node_modules/tedious/lib/tedious.js
var tedious = __webpack_require__(86768);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog = __webpack_require__(97008);
// EXTERNAL MODULE: ./src/catalog/limits.ts
var limits = __webpack_require__(74999);
// EXTERNAL MODULE: ./src/catalog/connection-string.ts
var connection_string = __webpack_require__(16837);
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
            // give (mssql/faults.ts), so that the retries and their budget are in one place.
            maxRetriesOnTransientErrors: 0,
        },
    };
}

// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __webpack_require__(89017);
// EXTERNAL MODULE: ./src/catalog/sql/driver.ts
var driver = __webpack_require__(10912);
;// CONCATENATED MODULE: ./src/catalog/mssql/faults.ts
/**
 * SQL Server / Azure SQL faults, as the SQL core reads them (faults(context): Faults): which are
 * transient (run again from the start), which mean the connection is gone, a guarded update's
 * refusal, a unique key met, and the one sentence the user reads for each they can act on (what
 * happened, why, what to do). Credentials never appear: only the server, the database and the user
 * name are named, and any text from the driver, the server or Microsoft Entra ID is stripped of the
 * connection string's secrets.
 */






/**
 * SQL Server error numbers worth retrying on a live connection (among them those of SqlClient's
 * baseline list, SqlConfigurableRetryFactory.BaselineTransientErrors, that a request can get). Each leaves nothing half-done: the
 * server refused or rolled back the whole request (XACT_ABORT is on), so running the operation
 * again from its start is safe; and should a commit have got through before the fault was seen, a
 * retried begin finds its own execution again by run key, a retried end finds it already ended.
 */
const TRANSIENT_ERROR_NUMBERS = new Set([
    1205, // chosen as deadlock victim: the server rolled the transaction back
    1222, // lock request time-out (a LOCK_TIMEOUT set on the server side): the transaction is rolled back
    1204, // no lock resource could be had at this time ("rerun your statement when there are fewer active users")
    40143, // Azure SQL: "the service has encountered an error processing your request. Please try again."
    40540, // Azure SQL: the same words, another number
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
/** THROWn by the guarded updates of statements.ts when they did not change their rows: the core says which call failed. */
const GUARD_FAILED_NUMBER = 51000;
/** THROWn by the migration when sp_getapplock returned -3 (chosen as deadlock victim): retried like 1205. */
const APPLOCK_DEADLOCK_NUMBER = 51003;
/**
 * THROWn by a begin's registration when another begin registered the same new package meanwhile
 * (its INSERT met the other's key: error 2627 or 2601). Retried: the next attempt finds the package.
 */
const REGISTERED_MEANWHILE_NUMBER = 51004;
/** A write met another row's unique key: a unique constraint (2627) or a unique index (2601). */
const UNIQUE_KEY_NUMBERS = new Set([2627, 2601]);
/** THROWn by the migration when sp_getapplock timed out (-1) or failed: not retried. */
const APPLOCK_TIMEOUT_NUMBER = 51001;
/** The code of a CommitOutcomeUnknown (below). */
const COMMIT_OUTCOME_UNKNOWN = 'ECOMMITUNKNOWN';
/**
 * Dropped connections. The server rolls back the transaction of a session that goes away; if the
 * COMMIT itself was in flight, the retry finds what it committed (docs/design.md, "A commit whose
 * outcome is unknown").
 */
const DROPPED_CONNECTION_CODES = new Set([
    'ESOCKET',
    'ECONNRESET',
    'ECONNCLOSED',
    'ECLOSE',
    'EPIPE',
    'ECONNREFUSED',
    COMMIT_OUTCOME_UNKNOWN,
]);
/**
 * A request holding COMMIT ended by tedious's request timeout (ETIMEOUT) before either the
 * COMMIT's marker or the CATCH's came back: the server may have committed before the cancel
 * reached it, or rolled back (XACT_ABORT). The driver drops the connection and throws the core's
 * CommitOutcomeUnknown, as the core does for a connection dropped after COMMIT was sent: the call
 * runs again on a new connection and reports what the catalog holds (docs/design.md, "A commit
 * whose outcome is unknown"), never "nothing was changed".
 */

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
/** The connection itself failed (as opposed to an error the server reported on a statement): drop it. */
function isConnectionLoss(error) {
    return [...faultOf(error).codes].some((code) => DROPPED_CONNECTION_CODES.has(code));
}
/**
 * Whether running the whole transaction again from the start may succeed. A refused or dropped
 * connection counts only once the server has answered (everConnected): before that it is a wrong
 * host or port, not a server that went away; a login refused while an Azure SQL database moves or
 * resumes counts always.
 */
function isTransient(error, everConnected = true) {
    if (error instanceof errors/* BfxError */.J || error instanceof catalog/* LockViolation */.RC)
        return false;
    if (isTransientLogin(error))
        return true;
    const fault = faultOf(error);
    if (fault.codes.has('ELOGIN') || fault.codes.has('EFEDAUTH'))
        return false;
    if (fault.numbers.some((n) => TRANSIENT_ERROR_NUMBERS.has(n) || n === APPLOCK_DEADLOCK_NUMBER || n === REGISTERED_MEANWHILE_NUMBER))
        return true;
    if (!everConnected || !isConnectionLoss(error))
        return false;
    return ![...fault.codes, ...fault.messages].some((text) => PERMANENT_SOCKET_CAUSES.test(text));
}
/** A guarded update did not change its rows: the THROW of statements.ts. */
const isGuardFailure = (error) => faultOf(error).numbers[0] === GUARD_FAILED_NUMBER;
/** A write met another row's unique key (a rename's new name, registered meanwhile). */
const isUniqueViolation = (error) => faultOf(error).numbers.some((n) => UNIQUE_KEY_NUMBERS.has(n));
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
    const rolledBack = context.what ? `bfx could not ${context.what} and nothing was changed` : 'nothing was changed';
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
    if (has(COMMIT_OUTCOME_UNKNOWN)) {
        const lost = has('ETIMEOUT')
            ? `did not answer a request holding a COMMIT within the request timeout of ${seconds(context.requestTimeoutMs)}`
            : `dropped the connection after a COMMIT was sent (${[...fault.codes].filter((code) => code !== COMMIT_OUTCOME_UNKNOWN).join(', ') || 'no code'})`;
        return say(`The SQL Server catalog ${location} ${lost}, ` +
            `and bfx could not read back what it holds through ${context.requestAttempts} attempts, so bfx cannot tell whether it managed to ${context.what ?? 'make its change'}: ` +
            'check the server, then run the step again (a rerun with the same run key returns the same execution).');
    }
    if (has('ETIMEOUT')) {
        if (phase === 'connect') {
            return say(`The SQL Server ${location} did not answer within the connect timeout of ${seconds(context.connectTimeoutMs)}, so nothing was changed: ` +
                'check the server name and port, that the server is running and that its firewall admits this runner; raise connect-timeout if it is only slow ' +
                '(a paused serverless database can take a minute to resume).');
        }
        return say(`The SQL Server catalog ${location} did not answer within the request timeout of ${seconds(context.requestTimeoutMs)} ` +
            `(a lock held by another run, or a busy server), so ${rolledBack} unless its COMMIT had already reached the server: ` +
            'run the step again (a rerun with the same run key returns the same execution), or raise request-timeout.');
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
    // OPENJSON (the lists of statements.ts) exists only at compatibility level 130 or more; below
    // it, the name is not found (T-SQL reference, OPENJSON: "SQL Server can't find and run the
    // OPENJSON function").
    if (number === 208 && said("'OPENJSON'")) {
        return say(`The SQL Server catalog's database ${location} is at a compatibility level below 130, where OPENJSON does not exist (${serverMessage}), so ${rolledBack}: ` +
            `raise it (ALTER DATABASE [${settings.database.replace(/]/g, ']]')}] SET COMPATIBILITY_LEVEL = 150; 130 is the least), then run the step again.`);
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
// ---------------------------------------------------------------------------------------------
// Retries, and the Faults the SQL core reads.
/**
 * Without ConnectRetryCount / ConnectRetryInterval in the connection string, a login refused for a
 * transient reason (40613 and the others of TRANSIENT_LOGIN_NUMBERS) is retried for about 75 s:
 * a paused serverless database resumes within about a minute, answering 40613 meanwhile. 4060
 * (cannot open the database) is also what a misspelled database name gets, so it has 15 s.
 */
const LOGIN_RETRY_BUDGET_MS = 75_000;
const DATABASE_MISSING_RETRY_BUDGET_MS = 15_000;
const LOGIN_BACKOFF = { baseDelayMs: 1_000, maxDelayMs: 10_000 };
/** How failed logins are retried, with the sentence saying so. */
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
 * This engine's fault classification, as the SQL core reads it. A login refused for a transient
 * reason gets the login schedule (at open, and when the connection is made again after a loss);
 * every other transient fault the default policy (a deadlock victim, throttling, a failover, a
 * dropped connection).
 */
function faults(context) {
    const login = loginRetries(context.settings);
    const others = (0,retry/* backoffSchedule */.ST)(retry/* DEFAULT_RETRY_POLICY */.cO);
    return {
        isTransient,
        isConnectionLoss,
        isGuardFailure,
        isUniqueViolation,
        schedule: (failure) => (isTransientLogin(failure.error) ? login.schedule(failure) : others(failure)),
        explain(error, what) {
            const connecting = what === 'connect';
            const explained = describeFault(error, {
                ...context,
                phase: connecting ? 'connect' : 'request',
                what: connecting ? undefined : what,
                loginRetries: login.description,
                requestAttempts: retry/* DEFAULT_RETRY_POLICY */.cO.attempts,
            });
            if (explained)
                return explained;
            // A bug: reported as one, but never with a secret in it.
            if (error instanceof Error && context.secrets.some((secret) => error.message.includes(secret))) {
                error.message = (0,connection_string/* redact */.E$)(error.message, context.secrets);
            }
            return error;
        },
    };
}

// EXTERNAL MODULE: ./src/catalog/shape.ts
var shape = __webpack_require__(62062);
// EXTERNAL MODULE: ./src/catalog/sql/migration.ts
var migration = __webpack_require__(78836);
;// CONCATENATED MODULE: ./src/catalog/mssql/schema.ts
/**
 * The SQL Server / Azure SQL catalog's tables, in the schema of the user's choosing ([bfx] unless
 * told otherwise): their shapes per catalog version (judged by shape.ts), how inspect() reads what
 * a schema holds, and the migration that creates or upgrades them. The public column names are
 * those of catalog.ts (the same as the other engines). The status letters appear here in CHECK
 * constraints only; no rule of run control is written in SQL (docs/decision.md).
 *
 * Version 1 is what the first release created: Package, Execution and their three indexes, no
 * CatalogVersion table (its RunKey column had the database's collation; statements.ts compares run
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
 * New catalogs give the RunKey column this collation; the comparison in statements.ts names it too,
 * for catalogs whose column keeps the database's collation (the first release's).
 */
const RUN_KEY_COLLATION = 'Latin1_General_100_BIN2';
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
    // Fixed-length: every value padded with spaces to the column's length (only the status letters take it).
    nchar: 'fixed-length text',
    char: 'fixed-length text',
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
// INSPECT: one row, each list a JSON text (FOR JSON).
/**
 * What the schema holds, in one row of JSON lists (migration.ts's InspectAnswer) that catalog
 * views alone answer (a login with the run-time grants sees the tables it may use): the schema,
 * when it exists; the columns of the tables of our names, each with its system type's name; the
 * columns of those tables an insert must fill (NOT NULL with no default, not an identity, not
 * computed, not a rowversion (189), not a period column of a system-versioned table: the server
 * fills those); the objects of our tables' names that are no tables (a view, a synonym, a
 * sequence, a procedure...); and the indexes and CHECK constraints of our tables, which the
 * migration creates when they are missing: every index, since a clustered one counts by any name.
 */
function INSPECT(names) {
    const tables = (0,migration/* stepNames */.Ve)(steps(names), 'table');
    const ours = `o.schema_id = SCHEMA_ID(${literal(names.name)}) AND o.name IN (${tables.map(literal).join(', ')})`;
    return `SELECT
  (SELECT s.name AS [name] FROM sys.schemas s WHERE s.schema_id = SCHEMA_ID(${literal(names.name)})
    FOR JSON PATH) AS [schemas],
  (SELECT o.name AS [table], c.name AS [column], t.name AS [type]
     FROM sys.tables o JOIN sys.columns c ON c.object_id = o.object_id
     LEFT JOIN sys.types t ON t.user_type_id = c.system_type_id
    WHERE ${ours} FOR JSON PATH, INCLUDE_NULL_VALUES) AS [columns],
  (SELECT o.name AS [table], c.name AS [column]
     FROM sys.tables o JOIN sys.columns c ON c.object_id = o.object_id
    WHERE ${ours}
      AND c.is_nullable = 0 AND c.default_object_id = 0 AND c.is_identity = 0 AND c.is_computed = 0
      AND c.system_type_id <> 189 AND ISNULL(COLUMNPROPERTY(c.object_id, c.name, 'GeneratedAlwaysType'), 0) = 0
    FOR JSON PATH) AS [required],
  (SELECT o.name AS [name], RTRIM(o.type) AS [kind] FROM sys.objects o WHERE ${ours} AND o.type <> 'U'
    FOR JSON PATH) AS [others],
  (SELECT o.name AS [table], i.name AS [name], CAST(IIF(i.type = 1, 1, 0) AS BIT) AS [clustered]
     FROM sys.tables o JOIN sys.indexes i ON i.object_id = o.object_id
    WHERE ${ours} AND i.type > 0 FOR JSON PATH) AS [indexes],
  (SELECT k.name AS [name] FROM sys.check_constraints k JOIN sys.tables o ON o.object_id = k.parent_object_id
    WHERE ${ours} FOR JSON PATH) AS [constraints];`;
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
const WORDS = { typeKind, objectKind: (kind) => OBJECT_KINDS[kind] ?? 'object' };
// ---------------------------------------------------------------------------------------------
// The migration: what each version adds.
function table(names, name, body) {
    return { kind: 'table', table: name, ddl: `CREATE TABLE ${names.table(name)} (\n${body}\n)` };
}
/** An index: {name} and {table} of its DDL filled in. */
function index(names, on, name, ddl) {
    const created = `CREATE ${ddl.replace('{name}', name).replace('{table}', names.table(on))}`;
    return { kind: 'index', table: on, name, ddl: created };
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
            { kind: 'schema', name: names.name, ddl: `CREATE SCHEMA ${names.schema}` },
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
                kind: 'column',
                table: 'Package',
                column: 'IsBatch',
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
                clustered: true,
            },
            // Every row is checked as the constraint is added (WITH CHECK: trusted by the optimizer).
            ...shape/* EXECUTION_CHECKS */.n8.map((condition, i) => {
                const name = ['CK_Execution_EndTime', 'CK_Execution_RetryCount'][i];
                const ddl = `ALTER TABLE ${t('Execution')} WITH CHECK ADD CONSTRAINT ${name} CHECK (${condition})`;
                return { kind: 'constraint', table: 'Execution', name, ddl };
            }),
        ],
        // Version 4: the record of a deleted package names no package. ALTER COLUMN may not change a
        // column that an index or a foreign key uses, so both are dropped and made again around it.
        [
            {
                kind: 'nullable',
                table: 'AuditLog',
                column: 'PackageID',
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
 * What the SQL core inspects and migrates this schema's catalog with (location: server/database).
 * Each step's DDL runs through EXEC, inside the step's own sp_executesql (driver.ts): CREATE
 * SCHEMA must be alone in its batch, and nothing may be compiled against objects (or columns) the
 * same batch creates. Each is also guarded by a test that the object is missing, a second line of
 * defence behind MIGRATE_LOCK. The texts are built from constants and the validated schema name:
 * no input reaches them.
 */
function catalogSchema(schema, location) {
    const names = schemaNames(schema);
    const objects = steps(names);
    return {
        where: `schema ${names.name} of the SQL Server catalog ${location}`,
        foreignTableFix: 'choose another catalog-schema (or the schema parameter of the connection string) for the bfx-begin tables.',
        executionTable: names.table('Execution'),
        versions: VERSIONS,
        inspection: (answer) => (0,migration/* inspectionOf */.Ms)(answer, WORDS),
        migration: (from, answer) => (0,migration/* migrationSteps */.W$)(objects, from, (0,migration/* foundObjects */.B6)(answer), (object) => schema_guarded(names, object)),
    };
}
/**
 * An object's DDL through EXEC, when the server finds it missing; an index built online where the
 * edition can, so that runs go on beside it.
 */
function schema_guarded(names, object) {
    const online = object.kind === 'index';
    return `${online ? `${ONLINE_INDEX_OPTION}\n` : ''}IF ${missing(names, object)}\n  EXEC (${literal(object.ddl)}${online ? ' + @online' : ''});`;
}
/** The server's test that an object is missing. */
function missing(names, object) {
    if (object.kind === 'schema')
        return `SCHEMA_ID(${literal(object.name)}) IS NULL`;
    const table = literal(names.table(object.table));
    switch (object.kind) {
        case 'table':
            return `OBJECT_ID(${table}, N'U') IS NULL`;
        case 'column':
            return `COL_LENGTH(${table}, ${literal(object.column)}) IS NULL`;
        case 'nullable':
            return `COLUMNPROPERTY(OBJECT_ID(${table}, N'U'), ${literal(object.column)}, N'AllowsNull') = 0`;
        case 'index':
            return `NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(${table}, N'U') AND ${object.clustered ? 'type = 1' : `name = ${literal(object.name)}`})`;
        case 'constraint':
            return `NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(${table}, N'U') AND name = ${literal(object.name)})`;
        case 'trigger':
            throw new Error('The SQL Server steps add no trigger.');
    }
}

// EXTERNAL MODULE: ./src/catalog/rows.ts
var rows = __webpack_require__(98422);
;// CONCATENATED MODULE: ./src/catalog/mssql/statements.ts
/**
 * The SQL Server statements table: the T-SQL of every statement the SQL core sends, by the names of
 * src/catalog/sql/driver.ts (the same in every engine). Values are bound by name (@Column, the
 * names of the column maps), each with the SQL Server type PARAMETER_TYPES gives it; driver.ts
 * runs each statement through sys.sp_executesql, so every text is compiled once and its plan
 * reused whatever the values. Lists (IDs, names, counts) arrive as one JSON array each, read with
 * OPENJSON (compatibility level 130 or more: SQL Server 2016 and later, Azure SQL).
 *
 * Conventions the driver relies on: a value is @Name with a capital letter; a statement's own
 * variables start with a small letter (@own, @written); @changed is the OUTPUT parameter a write
 * sets to the rows it changed (Answer.changed), counted from its OUTPUT rows, so that a trigger a
 * user adds on a table changes nothing (OUTPUT goes INTO a table variable for the same reason).
 * A statement answers at most one result set.
 *
 * The lock (docs/mssql.md, Locking): the Package row by its clustered key, held to COMMIT: a
 * package's own EXCLUSIVE (XLOCK, HOLDLOCK, ROWLOCK; an update lock would be compatible with the
 * children's shared ones), a child's batch SHARED (HOLDLOCK, ROWLOCK). HOLDLOCK makes both
 * locking reads even where READ_COMMITTED_SNAPSHOT is on. The PackageID is found first with a
 * plain read (a name or an execution never changes its PackageID), and a key that is not there is
 * never locked, so no key-range lock is ever held. Reads of the locked package's rows are
 * READCOMMITTEDLOCK: the latest committed rows, not row versions.
 *
 * Every statement of the locked package finds it through the lock key (LockedParams), so it needs
 * no earlier answer and travels in the lock's round trip. Statuses, names and values are never
 * written here: they come in as values.
 */






const JSON_LIST = 'NVARCHAR(MAX)';
const nvarchar = (length) => `NVARCHAR(${length})`;
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
/** Every value a statement binds, with its type: the column's, so that index seeks need no conversion. */
const PARAMETER_TYPES = {
    PackageName: nvarchar(limits/* COLUMN_LENGTH */.ac.packageName),
    OtherName: nvarchar(limits/* COLUMN_LENGTH */.ac.packageName),
    NewName: nvarchar(limits/* COLUMN_LENGTH */.ac.packageName),
    RunKey: nvarchar(limits/* COLUMN_LENGTH */.ac.runKey),
    ExecutionID: 'BIGINT',
    LockExecutionID: 'BIGINT',
    LockParentExecutionID: 'BIGINT',
    ParentExecutionID: 'BIGINT',
    BeforeExecutionID: 'BIGINT',
    AfterExecutionID: 'BIGINT',
    AfterAuditID: 'BIGINT',
    PackageID: 'INT',
    LockedPackageID: 'INT',
    RetryLimit: 'INT',
    RetryCount: 'INT',
    GuardedRows: 'INT',
    Minutes: 'INT',
    Since: 'INT',
    Limit: 'BIGINT',
    IsBatch: 'BIT',
    IsEnabled: 'BIT',
    Ended: 'BIT',
    ExecutionStatus: 'CHAR(1)',
    NextLoadStatus: 'CHAR(1)',
    EndedAs: 'CHAR(1)',
    Succeeded: 'CHAR(1)',
    ErrorMessage: nvarchar('MAX'),
    Action: nvarchar(limits/* COLUMN_LENGTH */.ac.action),
    Detail: nvarchar('MAX'),
    Actor: nvarchar(limits/* COLUMN_LENGTH */.ac.actor),
    ...Object.fromEntries(CONTEXT.map((column) => [column, nvarchar(limits/* COLUMN_LENGTH */.ac.context)])),
    LockedPackageIDs: JSON_LIST,
    PackageIDs: JSON_LIST,
    ExecutionIDs: JSON_LIST,
    Actions: JSON_LIST,
    Names: JSON_LIST,
    Values: JSON_LIST,
    ObjectNames: JSON_LIST,
    CountTypes: JSON_LIST,
    RowCounts: JSON_LIST,
    Statuses: JSON_LIST,
    Versions: JSON_LIST,
};
const quote = (field) => `[${field}]`;
const PACKAGE_LIST = (0,rows/* packageSelectList */.Bv)('p', quote);
const EXECUTION_LIST = (0,rows/* executionSelectList */.RW)(quote);
/** RowCount and Action are T-SQL keywords: those columns are always written in brackets. */
const VARIABLE_LIST = (0,rows/* selectList */.fr)('v', catalog/* VARIABLE_COLUMNS */.nl, quote);
const ROW_COUNT_LIST = (0,rows/* selectList */.fr)('r', { ...catalog/* ROW_COUNT_COLUMNS */.Xs, rowCount: '[RowCount]' }, quote);
const AUDIT_LIST = `${(0,rows/* selectList */.fr)('a', { ...catalog/* AUDIT_COLUMNS */.kF, action: '[Action]' }, quote)}, p.PackageName AS [packageName]`;
const LOCKING_READ = 'WITH (READCOMMITTEDLOCK)';
const EXCLUSIVE = 'WITH (XLOCK, HOLDLOCK, ROWLOCK)';
const SHARED = 'WITH (HOLDLOCK, ROWLOCK)';
/** The rows of a JSON list as a table of one column `item` of a type. */
const items = (list, type) => `(SELECT CAST(j.[value] AS ${type}) AS item FROM OPENJSON(${list}) j)`;
/** The catalog's clock @Minutes (or another parameter) minutes ago. */
const minutesAgo = (parameter) => `DATEADD(MINUTE, -${parameter}, SYSUTCDATETIME())`;
const bit = (condition) => `CAST(CASE WHEN ${condition} THEN 1 ELSE 0 END AS BIT)`;
/**
 * A guarded write, after its UPDATE ... OUTPUT INTO @written: it must have changed exactly
 * @GuardedRows rows (the core's number, Step.guarded), or the THROW aborts the transaction
 * (XACT_ABORT) and the driver's CATCH rolls back, so that nothing after it in the round trip, the
 * COMMIT included, takes effect (faults.isGuardFailure).
 */
const GUARD = `SET @changed = (SELECT COUNT(*) FROM @written);
IF @changed <> @GuardedRows
  THROW ${GUARD_FAILED_NUMBER}, N'bfx-begin: the executions were not as the decision read them under its package locks.', 1;`;
/** Every statement of a catalog in this schema. */
function statements(schema) {
    const names = schemaNames(schema);
    const P = names.table('Package');
    const E = names.table('Execution');
    const CV = names.table('ConfigVariable');
    const RC = names.table('RowCount');
    const AL = names.table('AuditLog');
    const EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${E} e ${LOCKING_READ} JOIN ${P} p ON p.PackageID = e.PackageID`;
    const UNLOCKED_EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${E} e JOIN ${P} p ON p.PackageID = e.PackageID`;
    const WRITTEN_EXECUTION = `SELECT ${EXECUTION_LIST} FROM ${E} e JOIN ${P} p ON p.PackageID = e.PackageID
 WHERE e.ExecutionID IN (SELECT ExecutionID FROM @written);`;
    // ---- the lock ----------------------------------------------------------------------------------
    /** The locked package's ID, by the transaction's key (a plain read: a PackageID never changes). */
    const LOCKED = {
        name: `(SELECT k.PackageID FROM ${P} k WHERE k.PackageName = @PackageName)`,
        execution: `(SELECT k.PackageID FROM ${E} k WHERE k.ExecutionID = @LockExecutionID)`,
    };
    /** The package of the parent execution: named by a begin (@LockParentExecutionID), or the locked execution's. */
    const PARENT = {
        name: `(SELECT k.PackageID FROM ${E} k WHERE k.ExecutionID = @LockParentExecutionID)`,
        execution: `(SELECT k.PackageID FROM ${E} k
   WHERE k.ExecutionID = (SELECT j.ParentExecutionID FROM ${E} j WHERE j.ExecutionID = @LockExecutionID))`,
    };
    /** One text per lock key: `@own`, the locked package's ID, declared first. */
    const byKey = (statement) => ({
        name: `DECLARE @own INT = ${LOCKED.name};\n${statement('name')}`,
        execution: `DECLARE @own INT = ${LOCKED.execution};\n${statement('execution')}`,
    });
    /**
     * Executions of any package this transaction holds exclusively: its own, and @LockedPackageIDs
     * (the packages held exclusively so far: its own once its lock answered, and those of
     * LOCK_PACKAGES_EXCLUSIVE). Not the parent's: a child holds its batch's package SHARED, beside the
     * batch's other children, and changes none of its executions; the core never puts it among
     * @LockedPackageIDs.
     */
    const IN_LOCKED = (alias) => `(${alias}.PackageID = @own OR ${alias}.PackageID IN (SELECT item FROM ${items('@LockedPackageIDs', 'INT')} l))`;
    /** What retention reads of an execution (operations.ts), @Minutes being the purge's age; `top` for a page. */
    const standing = (top) => `SELECT ${top}e.ExecutionID AS executionId, e.ParentExecutionID AS parentExecutionId,
  e.ExecutionStatus AS executionStatus,
  ${bit('e.EndTime IS NOT NULL')} AS ended,
  ${bit(`e.StartTime < ${minutesAgo('@Minutes')}`)} AS old,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID ORDER BY x.ExecutionID DESC)`)} AS latest,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID AND x.EndTime IS NOT NULL
    ORDER BY x.EndTime DESC, x.ExecutionID DESC)`)} AS lastEnded,
  ${bit(`e.ExecutionID = (SELECT TOP (1) x.ExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.PackageID = e.PackageID
    AND x.ExecutionStatus = e.ExecutionStatus ORDER BY x.ExecutionID DESC)`)} AS latestOfItsStatus,
  ${bit(`EXISTS (SELECT 1 FROM ${CV} v ${LOCKING_READ} WHERE v.PackageID = e.PackageID AND v.ExecutionID = e.ExecutionID)`)} AS marksVariables
FROM ${E} e ${LOCKING_READ}`;
    /** @Since (minutes) and @Statuses (a JSON list) are null for no filter. */
    const FILTERED = `(@Since IS NULL OR e.StartTime >= ${minutesAgo('@Since')})
   AND (@Statuses IS NULL OR e.ExecutionStatus IN (SELECT item FROM ${items('@Statuses', 'CHAR(1)')} s))`;
    const NAMED = (alias) => `(@PackageName IS NULL OR ${alias}.PackageName = @PackageName)`;
    const REPORT_SINCE = minutesAgo('@Minutes');
    /**
     * Paired lists as rows (@Names with @Values, ...), the same key once: the first given or the
     * last (`pick`), compared in the database's collation, as the table's key compares them.
     */
    const pairedRows = (target, columns, pick) => {
        const collate = (type) => (type.startsWith('NVARCHAR') ? ' COLLATE DATABASE_DEFAULT' : '');
        const names = columns.map((c) => c.name).join(', ');
        const cast = columns.map((c, i) => `CAST(j${i}.[value] AS ${c.type})${collate(c.type)} AS ${c.name}`).join(', ');
        const joins = columns
            .slice(1)
            .map((c, i) => `\n      JOIN OPENJSON(${c.list}) j${i + 1} ON j${i + 1}.[key] = j0.[key]`)
            .join('');
        const keys = columns.filter((c) => c.key).map((c) => `x.${c.name}`);
        return `DECLARE ${target} TABLE (${columns.map((c) => `${c.name} ${c.type}${collate(c.type)} NOT NULL`).join(', ')});
INSERT INTO ${target} (${names})
SELECT ${names} FROM (
  SELECT x.*, ROW_NUMBER() OVER (PARTITION BY ${keys.join(', ')} ORDER BY x.ordinal${pick === 'last' ? ' DESC' : ''}) AS pick
    FROM (SELECT CAST(j0.[key] AS INT) AS ordinal, ${cast}
      FROM OPENJSON(${columns[0].list}) j0${joins}) x) y
 WHERE y.pick = 1;`;
    };
    const VARIABLE_ROWS = (pick) => pairedRows('@given', [
        { name: 'name', list: '@Names', type: nvarchar(limits/* COLUMN_LENGTH */.ac.variableName), key: true },
        { name: 'value', list: '@Values', type: nvarchar('MAX') },
    ], pick);
    const table = {
        // ---- the lock: the first statements of a package transaction ---------------------------------
        /**
         * The parent execution's package, shared, taken first (nothing when there is no parent). Not
         * when it is the package's own (a package named as its own batch): two such transactions would
         * each hold it shared and wait to hold it exclusively; the package's own lock covers it. Held
         * SHARED, it is not among the packages whose executions this transaction's writes may change
         * (IN_LOCKED): the core does not add it to @LockedPackageIDs.
         */
        LOCK_PARENT_PACKAGE_SHARED: byKey((key) => `DECLARE @parent INT = ${PARENT[key]};
IF @parent IS NOT NULL AND @parent <> ISNULL(@own, 0)
  SELECT ${PACKAGE_LIST} FROM ${P} p ${SHARED} WHERE p.PackageID = @parent;`),
        /**
         * A plain probe, then the INSERT, which holds only its own new key (no key-range lock on the
         * name's index, which could close a circle of waits with a begin of a neighbouring name). Two
         * begins registering one new package at once: the second's INSERT waits for the first's key,
         * meets it (2627, or 2601 for a unique index), and THROWs REGISTERED_MEANWHILE_NUMBER, which is
         * retried: the next attempt finds the package.
         */
        REGISTER_PACKAGE: `IF NOT EXISTS (SELECT 1 FROM ${P} WHERE PackageName = @PackageName)
BEGIN
  BEGIN TRY
    INSERT INTO ${P} (PackageName, RetryLimit, IsBatch) VALUES (@PackageName, @RetryLimit, @IsBatch);
  END TRY
  BEGIN CATCH
    IF ERROR_NUMBER() IN (2601, 2627)
      THROW ${REGISTERED_MEANWHILE_NUMBER}, N'bfx-begin: another begin registered this package meanwhile.', 1;
    THROW;
  END CATCH;
END;`,
        /** The package's lock, held to COMMIT; answers the row as locked. */
        LOCK_PACKAGE_EXCLUSIVE: byKey(() => `IF @own IS NOT NULL
  SELECT ${PACKAGE_LIST} FROM ${P} p ${EXCLUSIVE} WHERE p.PackageID = @own;`),
        /**
         * More packages, one lock statement each, in ascending PackageID order (a set-based read may
         * take them in any order). Each only once a plain probe finds its row (a package deleted since
         * its ID was read is not locked): a HOLDLOCK read of a missing key would hold the range up to
         * the next key (past the last PackageID: every new package's INSERT) to the commit.
         */
        LOCK_PACKAGES_EXCLUSIVE: `DECLARE @ids TABLE (ID INT NOT NULL PRIMARY KEY);
INSERT INTO @ids (ID) SELECT DISTINCT item FROM ${items('@PackageIDs', 'INT')} i;
DECLARE @locked TABLE (PackageID INT NOT NULL);
DECLARE @next INT = (SELECT MIN(ID) FROM @ids), @found INT;
WHILE @next IS NOT NULL
BEGIN
  SET @found = NULL;
  IF EXISTS (SELECT 1 FROM ${P} WHERE PackageID = @next)
    SELECT @found = PackageID FROM ${P} ${EXCLUSIVE} WHERE PackageID = @next;
  IF @found IS NOT NULL INSERT INTO @locked (PackageID) VALUES (@found);
  SET @next = (SELECT MIN(ID) FROM @ids WHERE ID > @next);
END;
SELECT PackageID AS packageId FROM @locked ORDER BY PackageID;`,
        // ---- reads of the locked package ----------------------------------------------------------------
        /**
         * The run key compares exactly: in a binary collation, and by length (= ignores trailing
         * spaces), the column's as NVARCHAR like @RunKey's: DATALENGTH counts a VARCHAR column's
         * characters once and an NVARCHAR's twice, and the check of the tables takes either.
         */
        EXECUTION_WITH_RUN_KEY: byKey(() => `${EXECUTION.replace('SELECT', 'SELECT TOP (1)')}
 WHERE e.PackageID = @own AND e.RunKey = @RunKey COLLATE ${RUN_KEY_COLLATION}
   AND DATALENGTH(CAST(e.RunKey AS NVARCHAR(MAX))) = DATALENGTH(@RunKey)
 ORDER BY e.ExecutionID DESC;`),
        ACTIVE_EXECUTION: byKey(() => `${EXECUTION.replace('SELECT', 'SELECT TOP (1)')} WHERE e.PackageID = @own AND e.EndTime IS NULL;`),
        LATEST_EXECUTION: byKey(() => `${EXECUTION.replace('SELECT', 'SELECT TOP (1)')} WHERE e.PackageID = @own ORDER BY e.ExecutionID DESC;`),
        LAST_ENDED_EXECUTION: byKey(() => `${EXECUTION.replace('SELECT', 'SELECT TOP (1)')} WHERE e.PackageID = @own AND e.EndTime IS NOT NULL ORDER BY e.EndTime DESC, e.ExecutionID DESC;`),
        EXECUTION_BY_ID: byKey(() => `${EXECUTION} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @own;`),
        /** An end's reads in one statement: the execution, its parent and its children (@parent found first). */
        EXECUTION_FAMILY: byKey(() => `DECLARE @parent BIGINT = (SELECT x.ParentExecutionID FROM ${E} x ${LOCKING_READ} WHERE x.ExecutionID = @ExecutionID);
SELECT ${EXECUTION_LIST}, ${bit('e.ExecutionID = @ExecutionID AND e.PackageID = @own')} AS [isExecution],
  ${bit('e.ExecutionID = @parent')} AS [isParent], ${bit('e.ParentExecutionID = @ExecutionID')} AS [isChild]
  FROM ${E} e ${LOCKING_READ} JOIN ${P} p ON p.PackageID = e.PackageID
 WHERE e.ExecutionID IN (@ExecutionID, @parent) OR e.ParentExecutionID = @ExecutionID
 ORDER BY e.ExecutionID;`),
        /**
         * What a begin returns after its writes, in one statement: the latest execution with
         * @ExecutionStatus (below @BeforeExecutionID, when given) on every row, beside the variables.
         */
        LAST_EXECUTION_AND_VARIABLES: byKey(() => `SELECT l.ExecutionID AS [lastExecutionId], ${VARIABLE_LIST}
  FROM (SELECT (SELECT TOP (1) e.ExecutionID FROM ${E} e ${LOCKING_READ}
                 WHERE e.PackageID = @own AND e.ExecutionStatus = @ExecutionStatus
                   AND (@BeforeExecutionID IS NULL OR e.ExecutionID < @BeforeExecutionID)
                 ORDER BY e.ExecutionID DESC) AS ExecutionID) l
  LEFT JOIN ${CV} v ${LOCKING_READ} ON v.PackageID = @own
 ORDER BY v.VariableName;`),
        VARIABLES: byKey(() => `SELECT ${VARIABLE_LIST} FROM ${CV} v ${LOCKING_READ} WHERE v.PackageID = @own ORDER BY v.VariableName;`),
        EXECUTION_AUDIT: byKey(() => `SELECT ${AUDIT_LIST} FROM ${AL} a ${LOCKING_READ} JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = @own AND a.ExecutionID = @ExecutionID AND a.[Action] = @Action
 ORDER BY a.AuditID;`),
        PACKAGE_AUDIT: byKey(() => `SELECT TOP (@Limit) ${AUDIT_LIST} FROM ${AL} a ${LOCKING_READ} JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE a.PackageID = @own AND a.[Action] = @Action AND a.AuditID > COALESCE(@AfterAuditID, 0)
 ORDER BY a.AuditID DESC;`),
        // ---- reads of any package (under the lock, or not) ---------------------------------------------
        ANY_EXECUTION: `${EXECUTION} WHERE e.ExecutionID = @ExecutionID;`,
        CHILDREN: `${EXECUTION} WHERE e.ParentExecutionID = @ParentExecutionID ORDER BY e.ExecutionID;`,
        AUDITED_EXECUTIONS: `SELECT DISTINCT a.ExecutionID AS executionId FROM ${AL} a ${LOCKING_READ}
 WHERE a.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i)
   AND a.[Action] IN (SELECT item FROM ${items('@Actions', nvarchar(limits/* COLUMN_LENGTH */.ac.action))} k);`,
        PACKAGE_NAMED: `SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageName = @OtherName;`,
        // ---- writes of the locked package ---------------------------------------------------------------
        /** StartTime is the column's default, SYSUTCDATETIME(); EndTime too when @Ended. Answers both ID and StartTime. */
        INSERT_EXECUTION: `DECLARE @inserted TABLE (ExecutionID BIGINT NOT NULL, StartTime DATETIME2 NOT NULL);
INSERT INTO ${E} (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
  ErrorMessage, RunKey, ${CONTEXT.join(', ')})
OUTPUT INSERTED.ExecutionID, INSERTED.StartTime INTO @inserted
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended = 1 THEN SYSUTCDATETIME() END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')});
SELECT ExecutionID AS executionId, StartTime AS startTime FROM @inserted;`,
        /** Guarded: only an active execution of the locked package. */
        TAKE_OVER_EXECUTION: byKey(() => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE ${E} SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, RetryCount = @RetryCount,
  ParentExecutionID = @ParentExecutionID, RunKey = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
OUTPUT INSERTED.ExecutionID INTO @written
 WHERE ExecutionID = @ExecutionID AND PackageID = @own AND EndTime IS NULL;
${GUARD}`),
        /** Guarded: only an active execution of a package held exclusively (IN_LOCKED); answers the ended row. */
        FINISH_EXECUTION: byKey(() => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE x SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = SYSUTCDATETIME(),
  ErrorMessage = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @written
  FROM ${E} x
 WHERE x.ExecutionID = @ExecutionID AND x.EndTime IS NULL AND ${IN_LOCKED('x')};
${GUARD}
${WRITTEN_EXECUTION}`),
        /** Guarded: only an ended execution of a package held exclusively (IN_LOCKED) whose status is still @EndedAs. */
        REFINISH_EXECUTION: byKey(() => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE x SET ExecutionStatus = @ExecutionStatus, NextLoadStatus = @NextLoadStatus, EndTime = SYSUTCDATETIME(),
  ErrorMessage = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @written
  FROM ${E} x
 WHERE x.ExecutionID = @ExecutionID AND x.EndTime IS NOT NULL AND x.ExecutionStatus = @EndedAs AND ${IN_LOCKED('x')};
${GUARD}
${WRITTEN_EXECUTION}`),
        /** Guarded: only an execution of a package held exclusively (IN_LOCKED); answers the changed row. */
        SET_NEXT_LOAD_STATUS: byKey(() => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE x SET NextLoadStatus = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @written
  FROM ${E} x
 WHERE x.ExecutionID = @ExecutionID AND ${IN_LOCKED('x')};
${GUARD}
${WRITTEN_EXECUTION}`),
        /** Guarded: every one of @ExecutionIDs, each of a package held exclusively (IN_LOCKED): the THROW for any other. */
        SET_NEXT_LOAD_STATUSES: byKey(() => `DECLARE @written TABLE (ExecutionID BIGINT NOT NULL);
UPDATE x SET NextLoadStatus = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @written
  FROM ${E} x
 WHERE x.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i) AND ${IN_LOCKED('x')};
${GUARD}`),
        MARK_BATCH: byKey(() => `UPDATE ${P} SET IsBatch = 1 WHERE PackageID = @own;`),
        SET_ENABLED: byKey(() => `DECLARE @written TABLE (PackageID INT NOT NULL);
UPDATE ${P} SET IsEnabled = @IsEnabled OUTPUT INSERTED.PackageID INTO @written WHERE PackageID = @own;
SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageID IN (SELECT PackageID FROM @written);`),
        /** Adds the names the package does not have yet; the others are left as they are. */
        REGISTER_VARIABLES: byKey(() => `${VARIABLE_ROWS('first')}
INSERT INTO ${CV} (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT @own, g.name, g.value, NULL, NULL, SYSUTCDATETIME() FROM @given g
 WHERE @own IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${CV} c WHERE c.PackageID = @own AND c.VariableName = g.name);`),
        /** Each value replaces the one before, which is kept as PreviousValue (null for a new name). */
        STORE_VARIABLES: byKey(() => `${VARIABLE_ROWS('last')}
UPDATE c SET PreviousValue = c.VariableValue, VariableValue = g.value, ExecutionID = @ExecutionID, UpdatedTime = SYSUTCDATETIME()
  FROM ${CV} c JOIN @given g ON g.name = c.VariableName
 WHERE c.PackageID = @own;
INSERT INTO ${CV} (PackageID, VariableName, VariableValue, PreviousValue, ExecutionID, UpdatedTime)
SELECT @own, g.name, g.value, NULL, @ExecutionID, SYSUTCDATETIME() FROM @given g
 WHERE @own IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${CV} c WHERE c.PackageID = @own AND c.VariableName = g.name);`),
        /** A count for the same execution, object and type replaces the earlier one. */
        SAVE_ROW_COUNTS: `${pairedRows('@given', [
            { name: 'objectName', list: '@ObjectNames', type: nvarchar(limits/* COLUMN_LENGTH */.ac.objectName), key: true },
            { name: 'countType', list: '@CountTypes', type: nvarchar(limits/* COLUMN_LENGTH */.ac.countType), key: true },
            { name: 'countValue', list: '@RowCounts', type: 'BIGINT' },
        ], 'last')}
UPDATE r SET [RowCount] = g.countValue
  FROM ${RC} r JOIN @given g ON g.objectName = r.ObjectName AND g.countType = r.CountType
 WHERE r.ExecutionID = @ExecutionID;
INSERT INTO ${RC} (ExecutionID, ObjectName, CountType, [RowCount])
SELECT @ExecutionID, g.objectName, g.countType, g.countValue FROM @given g
 WHERE NOT EXISTS (SELECT 1 FROM ${RC} r WHERE r.ExecutionID = @ExecutionID AND r.ObjectName = g.objectName AND r.CountType = g.countType);`,
        /** Nothing when no package matches the lock. */
        RECORD_AUDIT: byKey(() => `INSERT INTO ${AL} (PackageID, ExecutionID, [Action], Detail, Actor)
SELECT @own, @ExecutionID, @Action, @Detail, @Actor WHERE @own IS NOT NULL;`),
        /** A deleted package's record: of no package, no execution. */
        RECORD_DELETION: `INSERT INTO ${AL} (PackageID, ExecutionID, [Action], Detail, Actor) VALUES (NULL, NULL, @Action, @Detail, @Actor);`,
        /** A unique-key violation (2627 / 2601) is a name taken meanwhile: faults.isUniqueViolation. */
        RENAME_PACKAGE: byKey(() => `DECLARE @written TABLE (PackageID INT NOT NULL);
UPDATE ${P} SET PackageName = @NewName OUTPUT INSERTED.PackageID INTO @written WHERE PackageID = @own;
SELECT ${PACKAGE_LIST} FROM ${P} p WHERE p.PackageID IN (SELECT PackageID FROM @written);`),
        // A whole package, children before parents; the executions' count is DELETE_PACKAGE_EXECUTIONS's.
        DELETE_PACKAGE_ROW_COUNTS: byKey(() => `DELETE FROM ${RC} WHERE ExecutionID IN (SELECT ExecutionID FROM ${E} WHERE PackageID = @own);`),
        DELETE_PACKAGE_AUDIT: byKey(() => `DELETE FROM ${AL} WHERE PackageID = @own;`),
        DELETE_PACKAGE_VARIABLES: byKey(() => `DELETE FROM ${CV} WHERE PackageID = @own;`),
        DELETE_PACKAGE_EXECUTIONS: byKey(() => `DECLARE @gone TABLE (ExecutionID BIGINT NOT NULL);
DELETE FROM ${E} OUTPUT DELETED.ExecutionID INTO @gone WHERE PackageID = @own;
SET @changed = (SELECT COUNT(*) FROM @gone);`),
        DELETE_PACKAGE: byKey(() => `DELETE FROM ${P} WHERE PackageID = @own;`),
        // ---- retention ----------------------------------------------------------------------------------
        PURGE_CANDIDATES: byKey(() => `${standing('TOP (@Limit) ')}
 WHERE e.PackageID = @own AND e.StartTime < ${minutesAgo('@Minutes')}
   AND (@AfterExecutionID IS NULL OR e.ExecutionID > @AfterExecutionID)
 ORDER BY e.ExecutionID;`),
        STANDINGS: `${standing('')} WHERE e.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);`,
        CHILD_STANDINGS: `${standing('')} WHERE e.ParentExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);`,
        DELETE_EXECUTION_ROW_COUNTS: byKey(() => `DELETE r FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID
 WHERE e.PackageID = @own AND e.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);`),
        DELETE_EXECUTION_AUDIT: byKey(() => `DELETE FROM ${AL}
 WHERE PackageID = @own AND ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);`),
        DELETE_EXECUTIONS: byKey(() => `DECLARE @gone TABLE (ExecutionID BIGINT NOT NULL);
DELETE FROM ${E} OUTPUT DELETED.ExecutionID INTO @gone
 WHERE PackageID = @own AND ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i);
SET @changed = (SELECT COUNT(*) FROM @gone);`),
        DELETE_OLD_AUDIT: byKey(() => `DECLARE @gone TABLE (AuditID BIGINT NOT NULL);
DELETE FROM ${AL} OUTPUT DELETED.AuditID INTO @gone
 WHERE AuditID IN (
  SELECT TOP (@Limit) a.AuditID FROM ${AL} a
   WHERE a.PackageID = @own AND a.CreatedTime < ${minutesAgo('@Minutes')}
     AND (a.ExecutionID IS NULL OR NOT EXISTS (SELECT 1 FROM ${E} x WHERE x.ExecutionID = a.ExecutionID))
   ORDER BY a.AuditID);
SET @changed = (SELECT COUNT(*) FROM @gone);`),
        // ---- unlocked reads: one statement each, outside any package transaction ---------------------
        // OPTION (RECOMPILE) where a null value means "all": each call gets the plan of its values.
        STATUS_PACKAGES: `SELECT ${PACKAGE_LIST} FROM ${P} p WHERE ${NAMED('p')} ORDER BY p.PackageName OPTION (RECOMPILE);`,
        /** Each package's latest execution, with the package of the batch execution it ran under. */
        STATUS_LATEST: `SELECT x.* FROM ${P} k CROSS APPLY (
  SELECT TOP (1) ${EXECUTION_LIST}, bp.PackageName AS [batchPackageName]
    FROM ${E} e JOIN ${P} p ON p.PackageID = e.PackageID
    LEFT JOIN ${E} pe ON pe.ExecutionID = e.ParentExecutionID
    LEFT JOIN ${P} bp ON bp.PackageID = pe.PackageID
   WHERE e.PackageID = k.PackageID ORDER BY e.ExecutionID DESC) x
 WHERE ${NAMED('k')} OPTION (RECOMPILE);`,
        STATUS_ACTIVE: `${UNLOCKED_EXECUTION} WHERE e.EndTime IS NULL AND ${NAMED('p')} OPTION (RECOMPILE);`,
        HISTORY: `${UNLOCKED_EXECUTION.replace('SELECT', 'SELECT TOP (@Limit)')}
 WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC;`,
        FILTERED_HISTORY: `${UNLOCKED_EXECUTION.replace('SELECT', 'SELECT TOP (@Limit)')}
 WHERE p.PackageName = @PackageName AND ${FILTERED}
 ORDER BY e.ExecutionID DESC OPTION (RECOMPILE);`,
        RUNS: `${UNLOCKED_EXECUTION.replace('SELECT', 'SELECT TOP (@Limit)')} WHERE ${FILTERED} ORDER BY e.ExecutionID DESC OPTION (RECOMPILE);`,
        NOW: `SELECT SYSUTCDATETIME() AS [now];`,
        PACKAGE_VARIABLES: `SELECT p.PackageID AS packageId, ${VARIABLE_LIST}
  FROM ${P} p LEFT JOIN ${CV} v ON v.PackageID = p.PackageID
 WHERE p.PackageName = @PackageName
 ORDER BY v.VariableName;`,
        ROW_COUNTS: `SELECT ${ROW_COUNT_LIST} FROM ${RC} r
 WHERE r.ExecutionID IN (SELECT item FROM ${items('@ExecutionIDs', 'BIGINT')} i)
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType;`,
        AUDIT: `SELECT TOP (@Limit) ${AUDIT_LIST} FROM ${AL} a JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE p.PackageName = @PackageName ORDER BY a.AuditID DESC;`,
        // ---- the report: one transaction (SNAPSHOT where the database allows it, driver.ts) ----------
        REPORT_CLOCK: `SELECT SYSUTCDATETIME() AS [now], ${REPORT_SINCE} AS [since];`,
        REPORT_PACKAGES: `SELECT ${PACKAGE_LIST} FROM ${P} p ORDER BY p.PackageName;`,
        /**
         * The window's executions and those that tell where each package stands: its latest, its
         * active one, its latest with @Succeeded, and the batch executions the window's children ran under.
         */
        REPORT_EXECUTIONS: `${UNLOCKED_EXECUTION}
 WHERE e.StartTime >= ${REPORT_SINCE} OR e.EndTime IS NULL
    OR e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM ${E} x WHERE x.ExecutionStatus = @Succeeded GROUP BY x.PackageID)
    OR e.ExecutionID IN (SELECT x.ParentExecutionID FROM ${E} x WHERE x.StartTime >= ${REPORT_SINCE} AND x.ParentExecutionID IS NOT NULL)
 ORDER BY e.ExecutionID;`,
        REPORT_ROW_COUNTS: `SELECT ${ROW_COUNT_LIST} FROM ${RC} r JOIN ${E} e ON e.ExecutionID = r.ExecutionID
 WHERE e.StartTime >= ${REPORT_SINCE}
 ORDER BY r.ExecutionID, r.ObjectName, r.CountType;`,
        /** With the records of deleted packages (no PackageID, so no name). */
        REPORT_AUDIT: `SELECT ${AUDIT_LIST} FROM ${AL} a LEFT JOIN ${P} p ON p.PackageID = a.PackageID
 WHERE a.CreatedTime >= ${REPORT_SINCE}
 ORDER BY a.AuditID;`,
        // ---- the catalog itself -----------------------------------------------------------------------
        /**
         * An exclusive application lock named after the schema (catalogs in two schemas migrate
         * independently), held to COMMIT, waited for as long as the request may take (the client's
         * request timeout ends the wait). -3: chosen as a deadlock victim, retried like 1205. The
         * arguments go by position (resource, mode, owner, time-out): @Name would be a value to bind.
         */
        MIGRATE_LOCK: `DECLARE @lock INT;
EXEC @lock = sys.sp_getapplock N'bfx-begin:migrate:${names.name.toLowerCase()}', N'Exclusive', N'Transaction', -1;
IF @lock = -3
  THROW ${APPLOCK_DEADLOCK_NUMBER}, N'bfx-begin: the catalog''s migration lock request was chosen as a deadlock victim.', 1;
IF @lock < 0
  THROW ${APPLOCK_TIMEOUT_NUMBER}, N'bfx-begin: another bfx migrate held the catalog''s migration lock.', 1;`,
        INSPECT: INSPECT(names),
        /** Fails (208) when there is no CatalogVersion table. */
        RECORDED_VERSION: `SELECT MAX(Version) AS version FROM ${names.table('CatalogVersion')};`,
        UPGRADE_SIZE: `SELECT (SELECT MAX(ExecutionID) FROM ${E}) AS executions,
  (SELECT COUNT_BIG(*) FROM ${E} WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS unchecked,
  (SELECT MIN(ExecutionID) FROM ${E} WHERE ${shape/* UNCHECKED_EXECUTIONS */.Xy}) AS firstUnchecked;`,
        RECORD_VERSIONS: `INSERT INTO ${names.table('CatalogVersion')} (Version)
SELECT DISTINCT v.item FROM ${items('@Versions', 'INT')} v
 WHERE NOT EXISTS (SELECT 1 FROM ${names.table('CatalogVersion')} c WHERE c.Version = v.item);`,
    };
    return table;
}

;// CONCATENATED MODULE: ./src/catalog/mssql/driver.ts
/**
 * The SQL Server driver of the SQL core (src/catalog/sql/driver.ts): one tedious Connection (one
 * login, no pool), and each round trip ONE request, a SQL batch (TDS SQL_BATCH) that runs the
 * steps in order:
 *
 *   SET NOCOUNT ON; SET XACT_ABORT ON; SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
 *   DECLARE @__changed INT;
 *   DECLARE @v0 NVARCHAR(500) = N'Load_Customer', @v1 BIGINT = 12, ...;      -- the values, once each
 *   BEGIN TRY
 *   BEGIN TRANSACTION; SELECT 0 AS [__bfx_step], 0 AS [__bfx_changed];      -- a 'begin' step
 *   SET @__changed = 0;
 *   EXEC sys.sp_executesql N'...the statement...', N'@PackageName NVARCHAR(500), @changed INT OUTPUT',
 *     @PackageName = @v0, @changed = @__changed OUTPUT;
 *   SELECT 1 AS [__bfx_step], @__changed AS [__bfx_changed];                 -- its marker
 *   ...
 *   COMMIT TRANSACTION; SELECT 9 AS [__bfx_step], 0 AS [__bfx_changed];     -- a 'commit' step
 *   END TRY
 *   BEGIN CATCH
 *   IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION; SELECT -1 AS [__bfx_step], 0 AS [__bfx_changed]; THROW;
 *   END CATCH;
 *
 * A step's answer is the result set it returned (statements.ts: at most one) and the rows its
 * @changed counted; the marker after it says it is done. The first step that fails (a guarded
 * update's THROW, a deadlock, a missing table) jumps to the CATCH, which rolls the transaction
 * back and raises the error again: every step after it fails with that error and a COMMIT among
 * them commits nothing. BEGIN and COMMIT stand in the batch itself: inside sp_executesql a
 * transaction begun or committed would be refused (error 266). Each statement runs through
 * sp_executesql with its values as typed parameters, so its plan is compiled once and reused.
 *
 * Values reach the batch text only as literals of their declared type (statements.ts's
 * PARAMETER_TYPES), written here and nowhere else: numbers checked as whole numbers, text as
 * N'...' with every quote doubled and every control character as NCHAR(n), lists as JSON text,
 * and a value longer than its declared type refused (a DECLARE would cut it without a word).
 *
 * No login in clear, and the login's error numbers heard (faults.ts's LoginFailure); tedious's
 * client-side request timeout ends a request that waits too long (on a lock, say), and XACT_ABORT
 * rolls its transaction back on the server. A migration's DDL has no timeout: an index build on a
 * large catalog takes what it takes.
 */









/** The marker result set after each step; -1 after the CATCH rolled back. */
const STEP = '__bfx_step';
const CHANGED = '__bfx_changed';
const ROLLED_BACK = -1;
/** The most characters a `+` of NVARCHAR values that are not NVARCHAR(MAX) keeps. */
const NVARCHAR_CONCATENATION_LIMIT = 4000;
/**
 * N'text', quotes doubled; a control character other than a tab or a line break (NUL among them)
 * as NCHAR(n) beside the quoted parts, so that nothing but plain text stands between the quotes.
 * A `+` of strings none of which is NVARCHAR(MAX) cuts its result at 4,000 characters without an
 * error (T-SQL reference, "+ (String Concatenation)": "If the result of the concatenation of
 * strings exceeds the limit of 8,000 bytes, the result is truncated"), so a longer text in parts
 * starts with its first part cast to NVARCHAR(MAX).
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
    if (parts.length > 1 && text.length > NVARCHAR_CONCATENATION_LIMIT) {
        parts[0] = `CAST(${parts[0]} AS NVARCHAR(MAX))`;
    }
    return parts.join(' + ');
}
/**
 * A value as a literal of its declared type. Text longer than its type is refused in a sentence
 * (the catalog cannot hold it); anything else that does not fit the type is a bug, refused too.
 */
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
            const text = (typeof value === 'number' && Number.isSafeInteger(value)) ||
                typeof value === 'bigint' ||
                (typeof value === 'string' && /^-?\d{1,19}$/.test(value))
                ? String(value)
                : refuse();
            // A T-SQL integer type holds -(max + 1) to max.
            const max = kind === 'INT' ? BigInt(limits/* MAX_INT32 */.mf) : limits/* MAX_BIGINT */.Fm;
            if (BigInt(text) > max || BigInt(text) < -max - 1n)
                refuse();
            return text;
        }
        case 'BIT':
            return value === true || value === 1 ? '1' : value === false || value === 0 ? '0' : refuse();
        case 'CHAR':
        case 'NVARCHAR': {
            if (typeof value !== 'string')
                return refuse();
            // CHAR holds the catalog's status letters: printable ASCII only, which no code page changes.
            if (kind === 'CHAR' && !/^[\x20-\x7e]*$/.test(value))
                refuse();
            if (size !== 'MAX' && value.length > Number(size)) {
                throw new errors/* BfxError */.J(`A value of ${name} is ${value.length} characters long, more than the ${size} the SQL Server catalog keeps ` +
                    '(characters such as emoji count twice there), so nothing was changed: use a shorter one.');
            }
            return unicodeLiteral(value);
        }
        default:
            return refuse();
    }
}
/** The type of a value whose name statements.ts does not list (a test's own SQL). */
function typeOf(value) {
    if (Array.isArray(value))
        return JSON_LIST;
    if (typeof value === 'boolean')
        return 'BIT';
    if (typeof value === 'number')
        return Number.isInteger(value) && value <= limits/* MAX_INT32 */.mf && value >= -limits/* MAX_INT32 */.mf - 1 ? 'INT' : 'BIGINT';
    return typeof value === 'string' && value.length > 4000 ? 'NVARCHAR(MAX)' : 'NVARCHAR(4000)';
}
/** A statement's values: @Name with a capital letter; its own variables start with a small one. */
const VALUE_NAME = /(?<![@\w])@([A-Z]\w*)/g;
/** The OUTPUT parameter a write sets to the rows it changed. */
const CHANGED_PARAMETER = /(?<![@\w])@changed\b/;
/** How each kind of transaction begins; the report's reads share one snapshot where the database allows it. */
const BEGIN = {
    package: 'BEGIN TRANSACTION;',
    migrate: 'BEGIN TRANSACTION;',
    snapshot: `IF EXISTS (SELECT 1 FROM sys.databases WHERE database_id = DB_ID() AND snapshot_isolation_state = 1)
  SET TRANSACTION ISOLATION LEVEL SNAPSHOT;
BEGIN TRANSACTION;`,
};
/** The text of one request: every step, its values declared once, one TRY around them all. */
function requestText(steps) {
    const variables = new Map();
    const declarations = [];
    const variable = (type, value, name) => {
        const literal = literalOf(type, Array.isArray(value) ? JSON.stringify(value) : value, name);
        const key = `${type} ${literal}`;
        let found = variables.get(key);
        if (!found) {
            found = `@v${variables.size}`;
            variables.set(key, found);
            declarations.push(`${found} ${type} = ${literal}`);
        }
        return found;
    };
    const marker = (i, changed) => `SELECT ${i} AS [${STEP}], ${changed} AS [${CHANGED}];`;
    const body = steps.map((step, i) => {
        switch (step.kind) {
            case 'begin':
                return `/* ${i}: BEGIN */\n${BEGIN[step.mode]}\n${marker(i, '0')}`;
            case 'commit':
                return `/* ${i}: COMMIT */\nCOMMIT TRANSACTION;\n${marker(i, '0')}`;
            case 'ddl':
                return `/* ${i}: DDL */\nEXEC sys.sp_executesql ${unicodeLiteral(step.text)};\n${marker(i, '0')}`;
            case 'statement':
                return `/* ${i}: ${step.name} */\nSET @__changed = 0;\n${call(step.text, step.params, variable)}\n${marker(i, '@__changed')}`;
        }
    });
    return [
        'SET NOCOUNT ON;',
        'SET XACT_ABORT ON;',
        'SET TRANSACTION ISOLATION LEVEL READ COMMITTED;',
        'DECLARE @__changed INT;',
        ...(declarations.length > 0 ? [`DECLARE ${declarations.join(',\n  ')};`] : []),
        'BEGIN TRY',
        ...body,
        'END TRY',
        'BEGIN CATCH',
        'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;',
        marker(ROLLED_BACK, '0'),
        'THROW;',
        'END CATCH;',
    ].join('\n');
}
/** One statement through sp_executesql: the values it names, typed, and @changed when it counts what it changed. */
function call(text, params, variable) {
    const names = [...new Set([...text.matchAll(VALUE_NAME)].map((match) => match[1]))];
    const definitions = [];
    const values = [];
    for (const name of names) {
        if (!(name in params))
            throw new Error(`No value was given for @${name} in: ${text.trim().slice(0, 80)}`);
        const value = params[name];
        const type = PARAMETER_TYPES[name] ?? typeOf(value);
        definitions.push(`@${name} ${type}`);
        values.push(`@${name} = ${variable(type, value, name)}`);
    }
    if (CHANGED_PARAMETER.test(text)) {
        definitions.push('@changed INT OUTPUT');
        values.push('@changed = @__changed OUTPUT');
    }
    if (definitions.length === 0)
        return `EXEC sys.sp_executesql ${unicodeLiteral(text)};`;
    return `EXEC sys.sp_executesql ${unicodeLiteral(text)}, ${unicodeLiteral(definitions.join(', '))},\n  ${values.join(',\n  ')};`;
}
/** Only a transaction the server still holds open is rolled back. */
const ROLLBACK = 'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;';
/** The result sets of one request, and the error it ended with, if any. */
function run(connection, text, timeoutMs) {
    return new Promise((resolve) => {
        const sets = [];
        const request = new tedious/* Request */.Kd(text, (error) => resolve(error ? { sets, error } : { sets }));
        if (timeoutMs !== undefined)
            request.setTimeout(timeoutMs);
        request.on('columnMetadata', (columns) => sets.push({ columns: Object.values(columns).map((column) => column.colName), rows: [] }));
        request.on('row', (columns) => {
            const row = {};
            for (const column of columns)
                row[column.metadata.colName] = column.value;
            sets[sets.length - 1].rows.push(row);
        });
        connection.execSqlBatch(request);
    });
}
/**
 * The answers of the steps whose markers arrived, in order: each step's rows are those of the
 * result sets before its marker. Whether the CATCH ran (the transaction is rolled back).
 */
function answersOf(sets) {
    const answers = [];
    let rows = [];
    let rolledBack = false;
    for (const set of sets) {
        if (set.columns[0] !== STEP) {
            rows.push(...set.rows);
            continue;
        }
        const marker = set.rows[0] ?? {};
        if (Number(marker[STEP]) === ROLLED_BACK)
            rolledBack = true;
        else
            answers.push({ rows, changed: Number(marker[CHANGED] ?? 0) });
        rows = [];
    }
    return { answers, rolledBack };
}
/**
 * No login in clear. With Encrypt=True, tedious asks for encryption in its pre-login and starts
 * TLS only when the server's answer says ON or REQ; on any other answer (NOT_SUP, which a man in
 * the middle can send) it sends the LOGIN7 packet, password or token included, in clear. Its
 * performTlsNegotiation(answer) runs between the answer and the LOGIN7 packet, so the check goes
 * in front of it: an answer that declines encryption ends the connection before anything else is
 * sent. With Encrypt=Strict the whole socket is TLS already, whatever the answer says. Should a
 * tedious upgrade rename the method, every connection is refused rather than let through.
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
/**
 * Logs in once. tedious reports a refused login as ELOGIN with the server's last text only; every
 * number and text (4060, then 18456) comes through the connection's errorMessage event, heard
 * until it has logged in, and is kept on a LoginFailure.
 */
function login(connection) {
    const messages = [];
    const listener = ({ number, message }) => void messages.push({ number, message });
    connection.on('errorMessage', listener);
    return new Promise((resolve, reject) => {
        connection.connect((error) => {
            connection.removeListener('errorMessage', listener);
            if (!error)
                return resolve();
            connection.close();
            const numbered = messages.length > 0 && faultOf(error).codes.has('ELOGIN') && faultOf(error).numbers.length === 0;
            reject(numbered ? new LoginFailure(error, messages) : error);
        });
    });
}
function openDriver(connectionString, options) {
    const settings = parseMssqlConnectionString(connectionString);
    const config = toTediousConfig(settings, options);
    const location = mssqlLocation(settings);
    const schema = options.schema ?? catalog/* DEFAULT_CATALOG_SCHEMA */._S;
    let connection;
    /** Whether the server may hold a transaction open on the connection (begun, and not known to be ended). */
    let mayBeOpen = false;
    const forget = (lost) => {
        if (connection !== lost)
            return;
        connection = undefined;
        mayBeOpen = false;
        lost.close();
    };
    return {
        engine: 'mssql',
        location,
        statements: statements(schema),
        schema: catalogSchema(schema, location),
        faults: faults({
            settings,
            schema,
            connectTimeoutMs: settings.connectTimeoutMs ?? options.connectTimeoutMs,
            requestTimeoutMs: settings.requestTimeoutMs ?? options.requestTimeoutMs,
            secrets: (0,connection_string/* secretsIn */.VY)(connectionString),
        }),
        async connect() {
            if (connection)
                return;
            const opening = new tedious/* Connection */.Ng(config);
            refuseCleartextLogin(opening);
            // A connection lost while idle is reported as an event: forget it, the next call logs in again.
            opening.on('error', () => forget(opening));
            opening.on('end', () => forget(opening));
            await login(opening);
            connection = opening;
            mayBeOpen = false;
        },
        async send(steps) {
            const open = connection;
            if (!open) {
                // What tedious would answer on a connection that ended, as the dropped connection it is.
                throw Object.assign(new Error('The connection to SQL Server was closed.'), { code: 'ECLOSE' });
            }
            let text;
            try {
                text = requestText(steps);
            }
            catch (error) {
                // A value the catalog cannot hold: nothing is sent, and the round trip fails with it.
                return steps.map(() => ({ ok: false, error }));
            }
            const begins = steps.some((step) => step.kind === 'begin');
            const commits = steps.some((step) => step.kind === 'commit');
            // A migration's DDL waits as long as it takes (an index built on a large catalog).
            const ddl = steps.some((step) => step.kind === 'ddl');
            const { sets, error } = await run(open, text, ddl ? 0 : undefined);
            const { answers, rolledBack } = answersOf(sets);
            if (error !== undefined) {
                // The connection went away during the round trip: its transaction is gone with it, and
                // whether a COMMIT among its steps took effect is unknown.
                if (isConnectionLoss(error))
                    throw error;
                // The request timed out after its COMMIT was sent, and neither the COMMIT's marker nor the
                // CATCH's came back: whether it committed is unknown. The connection is dropped, not
                // rolled back and reused, and the core runs the call again on a new one.
                const commitAt = steps.findIndex((step) => step.kind === 'commit');
                if (commitAt >= answers.length && !rolledBack && faultOf(error).codes.has('ETIMEOUT')) {
                    forget(open);
                    throw new driver/* CommitOutcomeUnknown */.I(error);
                }
                // The CATCH rolled back; without its marker (a cancelled request), the rollback checks.
                mayBeOpen = !rolledBack && (mayBeOpen || begins);
            }
            else if (commits)
                mayBeOpen = false;
            else if (begins)
                mayBeOpen = true;
            const failure = error ?? new Error(`The SQL Server catalog answered ${answers.length} of ${steps.length} steps.`);
            return steps.map((_, i) => i < answers.length ? { ok: true, answer: answers[i] } : { ok: false, error: failure });
        },
        async rollback() {
            const open = connection;
            if (!open || !mayBeOpen)
                return;
            mayBeOpen = false;
            const { error } = await run(open, ROLLBACK);
            if (error !== undefined)
                forget(open);
        },
        drop() {
            if (connection)
                forget(connection);
        },
        async close() {
            const open = connection;
            connection = undefined;
            mayBeOpen = false;
            if (!open)
                return;
            // Closing is best effort: the server ends the session of a closed socket. A connection that
            // ended already says so no more: it is not waited for.
            if (open.closed)
                return;
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, 1_000);
                open.once('end', () => {
                    clearTimeout(timer);
                    resolve();
                });
                open.close();
            });
        },
    };
}


/***/ }),

/***/ 78836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B6: () => (/* binding */ foundObjects),
/* harmony export */   Ms: () => (/* binding */ inspectionOf),
/* harmony export */   Ve: () => (/* binding */ stepNames),
/* harmony export */   W$: () => (/* binding */ migrationSteps)
/* harmony export */ });
/* unused harmony exports readInspectAnswer, isPresent, describeObject */
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(97008);
/**
 * The migration plan, written once for every engine: the objects each catalog version adds, the
 * names INSPECT looks for, how its answer reads (for shape.ts, and as the objects a catalog
 * already holds), and how a migration names what it created. An engine's schema.ts says only what
 * differs: its steps (the DDL per version, as CatalogObjects), its INSPECT text, its words for
 * type names and object kinds, and the text it sends for an object (the DDL as it is, or wrapped
 * in the engine's own guard).
 */

/**
 * The names of the objects of a kind the steps create, once each, as the steps write them: what
 * INSPECT looks for (a catalog version's objects are all in the steps, so no list of names is kept
 * beside them).
 */
function stepNames(steps, kind) {
    const names = steps.flat().flatMap((object) => {
        if (object.kind !== kind)
            return [];
        return object.kind === 'table' ? [object.table] : 'name' in object ? [object.name] : [];
    });
    return [...new Set(names)];
}
const INSPECT_FIELDS = ['schemas', 'columns', 'required', 'others', 'indexes', 'constraints', 'triggers'];
/** INSPECT's one row, its lists read (no row: nothing found). */
function readInspectAnswer(answer) {
    const row = answer.rows[0] ?? {};
    const list = (value) => Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? JSON.parse(value) : [];
    return Object.fromEntries(INSPECT_FIELDS.map((field) => [field, list(row[field])]));
}
/** INSPECT's answer as shape.ts judges a catalog (the core adds RECORDED_VERSION's). */
function inspectionOf(answer, words) {
    const found = readInspectAnswer(answer);
    return {
        columns: found.columns.map(({ table, column, type }) => ({ table, column, kind: words.typeKind(type) })),
        others: found.others.map(({ name, kind }) => ({ name, kind: words.objectKind(kind) })),
        required: found.required,
    };
}
/** INSPECT's answer as the objects the steps create that the catalog already holds. */
function foundObjects(answer) {
    const found = readInspectAnswer(answer);
    const names = (objects) => objects.map((object) => object.name);
    return {
        schemas: names(found.schemas),
        tables: found.columns.map((column) => column.table),
        columns: found.columns,
        required: found.required,
        indexes: found.indexes,
        constraints: names(found.constraints),
        triggers: names(found.triggers),
    };
}
const same = (a, b) => a.toLowerCase() === b.toLowerCase();
const sameColumn = (a, b) => same(a.table, b.table) && same(a.column, b.column);
/** Whether the catalog held the object before the migration began, by what INSPECT found. */
function isPresent(object, found) {
    switch (object.kind) {
        case 'schema':
            return found.schemas.some((name) => same(name, object.name));
        case 'table':
            return found.tables.some((name) => same(name, object.table));
        case 'column':
            return found.columns.some((column) => sameColumn(column, object));
        // A table still to be created is made with the column NOT NULL first, then altered.
        case 'nullable':
            return (found.columns.some((column) => sameColumn(column, object)) &&
                !found.required.some((column) => sameColumn(column, object)));
        case 'index':
            return found.indexes.some((index) => object.clustered
                ? index.clustered === true && same(index.table ?? '', object.table)
                : same(index.name, object.name) && (index.table === undefined || same(index.table, object.table)));
        case 'constraint':
            return found.constraints.some((name) => same(name, object.name));
        case 'trigger':
            return found.triggers.some((name) => same(name, object.name));
    }
}
/**
 * How a migration names what it created: 'schema bfx', 'table Package', 'column Package.IsBatch',
 * 'nullable column AuditLog.PackageID', 'index IX_Execution_Parent', 'constraint CK_Execution_EndTime',
 * 'trigger CK_Execution_Insert'.
 */
function describeObject(object) {
    switch (object.kind) {
        case 'schema':
            return `schema ${object.name}`;
        case 'table':
            return `table ${object.table}`;
        case 'column':
            return `column ${object.table}.${object.column}`;
        case 'nullable':
            return `nullable column ${object.table}.${object.column}`;
        default:
            return `${object.kind} ${object.name}`;
    }
}
/**
 * What brings a catalog at version `from` (0: empty) to CATALOG_VERSION: the objects of the later
 * steps (steps[n - 1] takes a catalog from version n - 1 to n) that the catalog lacks, in order,
 * each as the text the engine sends (`position`: its place among those created) and in words.
 */
function migrationSteps(steps, from, found, text) {
    if (steps.length !== _catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .CATALOG_VERSION */ .$i)
        throw new Error('The migration steps do not reach CATALOG_VERSION.');
    return steps
        .slice(from)
        .flat()
        .filter((object) => !isPresent(object, found))
        .map((object, position) => ({ text: text(object, position), creates: describeObject(object) }));
}


/***/ })

};
