export const id = 535;
export const ids = [535];
export const modules = {

/***/ 97008:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RC: () => (/* binding */ LockViolation),
/* harmony export */   r9: () => (/* binding */ EXECUTION_COLUMNS),
/* harmony export */   y8: () => (/* binding */ CONTEXT_COLUMNS),
/* harmony export */   zs: () => (/* binding */ PACKAGE_COLUMNS)
/* harmony export */ });
/**
 * The public columns (a contract: users query them from reports), written once. Engines build
 * their select lists, inserts and updates from these maps, so a row field and its column are
 * paired in one place and values are bound by name, never by position.
 */
const PACKAGE_COLUMNS = {
    packageId: 'PackageID',
    packageName: 'PackageName',
    isEnabled: 'IsEnabled',
    retryLimit: 'RetryLimit',
    createdTime: 'CreatedTime',
};
const CONTEXT_COLUMNS = {
    repository: 'Repository',
    workflow: 'Workflow',
    job: 'Job',
    runId: 'RunId',
    runAttempt: 'RunAttempt',
    actor: 'Actor',
    event: 'EventName',
    sha: 'CommitSha',
};
/** Execution columns; packageName comes from the Package row and `ended` from EndTime. */
const EXECUTION_COLUMNS = {
    executionId: 'ExecutionID',
    packageId: 'PackageID',
    parentExecutionId: 'ParentExecutionID',
    executionStatus: 'ExecutionStatus',
    nextLoadStatus: 'NextLoadStatus',
    retryCount: 'RetryCount',
    startTime: 'StartTime',
    endTime: 'EndTime',
    runKey: 'RunKey',
    errorMessage: 'ErrorMessage',
    ...CONTEXT_COLUMNS,
};
/** A guarded update found its row changed: the lock failed to serialize, a bug in an engine. */
class LockViolation extends Error {
    name = 'LockViolation';
    constructor(executionId) {
        super(`Execution ${executionId} was no longer active when its package's lock was held: the update was rolled back.`);
    }
}


/***/ }),

/***/ 97535:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DATABASE_MISSING_RETRY_BUDGET_MS: () => (/* binding */ DATABASE_MISSING_RETRY_BUDGET_MS),
  LOGIN_RETRY_BUDGET_MS: () => (/* binding */ LOGIN_RETRY_BUDGET_MS),
  StatementQueue: () => (/* binding */ StatementQueue),
  loginRetries: () => (/* binding */ loginRetries),
  open: () => (/* binding */ engine_open)
});

// EXTERNAL MODULE: ./node_modules/mssql/index.js
var mssql = __webpack_require__(66271);
var mssql_default = /*#__PURE__*/__webpack_require__.n(mssql);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/catalog/catalog.ts
var catalog = __webpack_require__(97008);
// EXTERNAL MODULE: ./src/catalog/connection-string.ts
var connection_string = __webpack_require__(16837);
// EXTERNAL MODULE: ./src/catalog/retry.ts
var retry = __webpack_require__(89017);
// EXTERNAL MODULE: ./src/catalog/rows.ts
var catalog_rows = __webpack_require__(98422);
;// CONCATENATED MODULE: ./src/catalog/mssql/connection-string.ts

const DEFAULT_APP_NAME = 'bfx-begin';
const DEFAULT_PORT = 1433;
const FORMS = 'use Server=HOST[,PORT];Database=NAME;User ID=USER;Password=PASSWORD;Encrypt=True, or mssql://USER:PASSWORD@HOST:PORT/DATABASE';
function refuse(what, todo) {
    throw new errors/* BfxError */.J(`The SQL Server connection string ${what}, so no connection was made: ${todo}.`);
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
/** Splits an ADO.NET / ODBC keyword string into [key, value] pairs, in order. */
function pairs(text) {
    const result = [];
    let i = 0;
    let afterPassword = false;
    const malformed = () => afterPassword
        ? refuse('cannot be read after its Password keyword', 'if the password holds ; or quotes or braces, enclose it in {braces} (doubling any } inside) or in double quotes (doubling any " inside)')
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
        // Value: quoted with ", ' or {}, a doubled closing character standing for itself; else up to ';'.
        while (i < text.length && text[i] !== ';' && /\s/.test(text[i]))
            i++;
        let value = '';
        const open = text[i];
        if (open === '"' || open === "'" || open === '{') {
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
        const known = KEYWORDS[normalize(key)];
        if (!known) {
            if (afterPassword)
                malformed();
            refuse(`holds the keyword "${key.slice(0, 60)}", which bfx-begin does not know`, 'check its spelling, or remove it');
        }
        afterPassword = known.secret === true;
        result.push([key, value]);
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
    if (draft.serverValue !== undefined)
        applyServer(draft, draft.serverValue);
    if (!draft.server)
        refuse('names no server', 'give one with Server=HOST (or Data Source=HOST)');
    if (!draft.database?.trim()) {
        refuse('names no database, so bfx-begin would not know where its tables belong', 'add Database=NAME (or Initial Catalog=NAME)');
    }
    const authentication = applyAuthentication(draft);
    if (authentication === 'sql-password') {
        if (!draft.user?.trim())
            refuse('names no user', 'add User ID=USER and Password=PASSWORD (SQL authentication)');
        if (draft.password === undefined)
            refuse('has no password', 'add Password=PASSWORD');
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
    const draft = {};
    // The last occurrence of a keyword wins, as in ADO.NET.
    for (const [key, value] of pairs(text))
        KEYWORDS[normalize(key)].set(draft, value, key);
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
 * The config object of the `mssql` package (tedious driver). Timeouts from the connection string
 * win over the inputs; session options keep XACT_ABORT on, so that any error or a timeout rolls
 * the whole transaction back on the server.
 */
function toMssqlConfig(settings, options) {
    const authentication = settings.authentication === 'sql-password'
        ? undefined
        : {
            type: settings.authentication === 'entra-default'
                ? 'azure-active-directory-default'
                : 'azure-active-directory-msi-vm',
            options: settings.user ? { clientId: settings.user } : {},
        };
    return {
        server: settings.server,
        ...(settings.port !== undefined ? { port: settings.port } : {}),
        database: settings.database,
        ...(settings.authentication === 'sql-password' ? { user: settings.user, password: settings.password } : {}),
        ...(authentication ? { authentication: authentication } : {}),
        connectionTimeout: settings.connectTimeoutMs ?? options.connectTimeoutMs,
        requestTimeout: settings.requestTimeoutMs ?? options.requestTimeoutMs,
        options: {
            encrypt: settings.encrypt,
            trustServerCertificate: settings.trustServerCertificate,
            ...(settings.instanceName ? { instanceName: settings.instanceName } : {}),
            ...(settings.hostNameInCertificate ? { serverName: settings.hostNameInCertificate } : {}),
            ...(settings.workstationId ? { workstationId: settings.workstationId } : {}),
            appName: settings.appName,
            multiSubnetFailover: settings.multiSubnetFailover,
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
 * A failed login and the number of the error message the server sent during it. tedious's ELOGIN
 * error carries only the text; the number (40613, 18456, ...) arrives through the connection's
 * errorMessage event, which engine.ts listens to while a connection logs in.
 */
class LoginFailure extends Error {
    cause;
    number;
    name = 'LoginFailure';
    constructor(cause, number) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.cause = cause;
        this.number = number;
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
/** The number of a failed login's error message, when the error is one (see LoginFailure). */
function loginErrorNumber(error) {
    const fault = faultOf(error);
    return fault.codes.has('ELOGIN') ? fault.numbers[0] : undefined;
}
/** A login refused for a reason that passes: the database is moving, resuming or busy. */
function isTransientLogin(error) {
    const number = loginErrorNumber(error);
    return number !== undefined && TRANSIENT_LOGIN_NUMBERS.has(number);
}
function isTransient(error) {
    if (error instanceof errors/* BfxError */.J || error instanceof catalog/* LockViolation */.RC)
        return false;
    if (isTransientLogin(error))
        return true;
    const fault = faultOf(error);
    if (fault.codes.has('ELOGIN') || fault.codes.has('EFEDAUTH'))
        return false;
    if (fault.numbers.some((n) => TRANSIENT_ERROR_NUMBERS.has(n) || n === APPLOCK_DEADLOCK_NUMBER))
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
    if (has('ELOGIN')) {
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
    if (has('EENCRYPT')) {
        return say(`The SQL Server ${location} requires an encrypted connection but the connection string says Encrypt=False, so no connection was made: ` +
            'set Encrypt=True.');
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
    if (number !== undefined && (TRANSIENT_ERROR_NUMBERS.has(number) || number === APPLOCK_DEADLOCK_NUMBER)) {
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
            'grant it SELECT, INSERT and UPDATE on schema bfx, or have a DBA create the catalog with `bfx migrate` (see the permissions in docs/mssql.md).');
    }
    if (number === 208 && said('bfx\\.')) {
        return say(`The SQL Server catalog ${location} lacks a bfx table (${serverMessage}), so nothing was changed: ` +
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
 * The SQL Server / Azure SQL catalog's tables: schema bfx, tables bfx.Package and bfx.Execution
 * with the public column names of catalog.ts (the same as the other engines), the same three
 * indexes, and the migration that creates whatever is missing. The status letters appear here in
 * CHECK constraints only; no rule of run control is written in SQL (docs/decision.md).
 */

/** Column sizes, checked before a value is sent so that a long value is a clear refusal, not error 2628. */
const PACKAGE_NAME_LENGTH = 500;
/** (PackageID, RunKey) is an index key: 4 + 2 * 800 bytes stays within SQL Server's 1,700. */
const RUN_KEY_LENGTH = 800;
/** Run-context columns; longer values are cut to fit (they are for reading, never matched on). */
const CONTEXT_LENGTH = 400;
/**
 * Run keys compare exactly: 'Run-A' and 'run-a' are two runs, whatever the database's collation.
 * New catalogs give the RunKey column this collation; the comparison in queries.ts names it too,
 * for catalogs created before it was added (their column keeps the database's collation).
 */
const RUN_KEY_COLLATION = 'Latin1_General_100_BIN2';
const TABLES = ['bfx.Package', 'bfx.Execution'];
const TABLE_DDL = {
    'bfx.Package': `CREATE TABLE bfx.Package (
  PackageID    INT            IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Package PRIMARY KEY CLUSTERED,
  PackageName  NVARCHAR(${PACKAGE_NAME_LENGTH}) NOT NULL CONSTRAINT UQ_Package_PackageName UNIQUE,
  IsEnabled    BIT            NOT NULL CONSTRAINT DF_Package_IsEnabled DEFAULT (1),
  RetryLimit   INT            NULL CONSTRAINT CK_Package_RetryLimit CHECK (RetryLimit >= 0),
  CreatedTime  DATETIME2      NOT NULL CONSTRAINT DF_Package_CreatedTime DEFAULT (SYSUTCDATETIME())
)`,
    'bfx.Execution': `CREATE TABLE bfx.Execution (
  ExecutionID       BIGINT         IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Execution PRIMARY KEY CLUSTERED,
  PackageID         INT            NOT NULL CONSTRAINT FK_Execution_Package REFERENCES bfx.Package (PackageID),
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
  CommitSha         NVARCHAR(${CONTEXT_LENGTH})  NULL
)`,
};
/** Index name -> DDL; the names are those of the other engines. */
const INDEXES = [
    // Re-entry: the package's execution carrying a run key.
    ['IX_Execution_Package_RunKey', 'CREATE INDEX IX_Execution_Package_RunKey ON bfx.Execution (PackageID, RunKey)'],
    // The package's most recent execution, and history, newest first.
    [
        'IX_Execution_Package_Latest',
        'CREATE INDEX IX_Execution_Package_Latest ON bfx.Execution (PackageID, ExecutionID DESC)',
    ],
    // At most one active execution per package, whatever happens; and the active one, found at once.
    [
        'UX_Execution_Package_Active',
        'CREATE UNIQUE INDEX UX_Execution_Package_Active ON bfx.Execution (PackageID) WHERE EndTime IS NULL',
    ],
];
const literal = (text) => `N'${text.replace(/'/g, "''")}'`;
/**
 * One batch, run as one transaction under an exclusive application lock, so that two migrations
 * at once are applied one after the other and the second finds everything there. Each object is
 * created only when it is missing, so a migration of a complete catalog changes nothing and needs
 * no CREATE rights (a login with the run-time grants of docs/mssql.md may run it). The DDL runs
 * through EXEC because CREATE SCHEMA must be alone in its batch, and so that nothing is compiled
 * against objects that do not exist yet. The texts are constants of this file: no input reaches
 * them. @LockTimeout (ms) is a parameter. sp_getapplock returns -3 when chosen as a deadlock
 * victim: that THROW is retried like error 1205 (faults.ts); a time-out (-1) or another failure is not.
 */
const MIGRATE = `
SET NOCOUNT ON;
SET XACT_ABORT ON;
BEGIN TRANSACTION;
DECLARE @lock INT;
EXEC @lock = sys.sp_getapplock @Resource = N'bfx-begin:migrate', @LockMode = N'Exclusive',
  @LockOwner = N'Transaction', @LockTimeout = @LockTimeout;
IF @lock = -3
  THROW ${APPLOCK_DEADLOCK_NUMBER}, N'The catalog''s migration lock request was chosen as a deadlock victim.', 1;
IF @lock < 0
  THROW ${APPLOCK_TIMEOUT_NUMBER}, N'Another bfx migrate held the catalog''s migration lock for longer than the request timeout.', 1;
IF SCHEMA_ID(N'bfx') IS NULL EXEC (N'CREATE SCHEMA bfx');
${TABLES.map((name) => `IF OBJECT_ID(N'${name}', N'U') IS NULL EXEC (${literal(TABLE_DDL[name])});`).join('\n')}
${INDEXES.map(([name, ddl]) => `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'bfx.Execution') AND name = N'${name}') EXEC (${literal(ddl)});`).join('\n')}
COMMIT TRANSACTION;`;

;// CONCATENATED MODULE: ./src/catalog/mssql/queries.ts
/**
 * The SQL Server catalog's statements, and how the statements of one tick become one batch.
 *
 * Values are bound by name (@Column), with the names of the column map in catalog.ts; select lists
 * come from rows.ts. Inside a transaction every statement refers to the locked package through
 * the batch variable @PackageID: the lock statement declares it in the first batch, and each later
 * batch begins by declaring it from the PackageID the lock found (bindLockedPackage). No statement
 * decides anything and none names a status letter: run-control.ts decides, these only lock, read
 * and write.
 *
 * The lock (docs/mssql.md, Locking). Every path that changes a package's executions (begin, end,
 * enable / disable, skip / resume, reset) ends its lock statement holding an update lock
 * (UPDLOCK, HOLDLOCK) on the Package row's clustered key, PK_Package (PackageID), until it commits:
 * U locks conflict with each other, so those transactions run one after another per package, and
 * packages never wait on each other. Name paths find the PackageID through the PackageName index
 * under the same hints first (a missing name locks its key range, so two begins registering one
 * new package run one after the other and both find the row); an end finds it from its execution.
 */





/** The batch variable holding the locked package's ID: shared by the statements of a batch, never renamed. */
const LOCKED_PACKAGE_VARIABLE = 'PackageID';
/**
 * Merges statements into one batch (one round trip). Each statement's parameters and variables
 * are renamed @s<i>_<name>, so two statements may both bind @ExecutionID or declare @changed;
 * only @PackageID, the batch's shared variable, keeps its name. The texts are constants of this
 * file, so every @name in them is a parameter or a variable (none sits inside a string literal).
 */
function mergeStatements(statements) {
    const params = {};
    const texts = statements.map((statement, i) => {
        const prefix = `s${i}_`;
        for (const [name, param] of Object.entries(statement.params))
            params[prefix + name] = param;
        return statement.text.replace(/(?<![@\w])@([A-Za-z_]\w*)/g, (whole, name) => name === LOCKED_PACKAGE_VARIABLE ? whole : `@${prefix}${name}`);
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
// ---------------------------------------------------------------------------------------------
// Select lists and sources.
const quote = (field) => `[${field}]`;
const PACKAGE_LIST = (0,catalog_rows/* packageSelectList */.Bv)('p', quote);
const EXECUTION_LIST = (0,catalog_rows/* executionSelectList */.RW)(quote);
const C = catalog/* EXECUTION_COLUMNS */.r9;
const CONTEXT = Object.values(catalog/* CONTEXT_COLUMNS */.y8);
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
/** The Package row joined only for its name, which never changes: a plain read. */
const LOCKED_EXECUTIONS = `FROM bfx.Execution e ${LOCKING_READ} JOIN bfx.Package p ON p.PackageID = e.PackageID`;
/** Reads of rows this transaction has just written, by their clustered key: no hint needed. */
const EXECUTIONS = 'FROM bfx.Execution e JOIN bfx.Package p ON p.PackageID = e.PackageID';
const packageName = (name) => [mssql_default().NVarChar(PACKAGE_NAME_LENGTH), name];
const executionId = (id) => [(mssql_default()).BigInt, id];
const queries_status = mssql_default().Char(1);
/** The run context, by column name (@Repository, ...), cut to fit. */
function contextParams(context) {
    return Object.fromEntries(Object.entries((0,catalog_rows/* contextValues */.S3)(context)).map(([column, value]) => [
        column,
        [mssql_default().NVarChar(CONTEXT_LENGTH), fit(value, CONTEXT_LENGTH)],
    ]));
}
/** Statements that write a row and then check it: the THROW stops the batch and, XACT_ABORT on, rolls back. */
const guard = (changed) => `
IF (SELECT COUNT(*) FROM ${changed}) <> 1
BEGIN
  DECLARE @violation NVARCHAR(200) = CONCAT(N'bfx-begin: execution ', @ExecutionID, N' was no longer active under its package lock.');
  THROW ${LOCK_VIOLATION_NUMBER}, @violation, 1;
END;`;
// ---------------------------------------------------------------------------------------------
// The lock: the first statement of every transaction.
const LOCK_PACKAGE_KEY = `
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageID = @PackageID;
SELECT @PackageID AS packageId;`;
/**
 * By name, registering the package when @Register is 1 and it is missing. The name lookup holds
 * U on the PackageName key (or, for a missing name, on its key range) to the commit, so a second
 * begin of the same new package waits here and then finds the row. OUTPUT ... INTO a table
 * variable rather than to the client, so that a trigger a user adds on Package does not break it.
 */
const LOCK_BY_NAME = `
DECLARE @PackageID INT;
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @PackageName;
IF @PackageID IS NULL AND @Register = 1
BEGIN
  DECLARE @registered TABLE (PackageID INT NOT NULL);
  INSERT INTO bfx.Package (PackageName, RetryLimit) OUTPUT INSERTED.PackageID INTO @registered VALUES (@PackageName, @RetryLimit);
  SELECT @PackageID = PackageID FROM @registered;
END;${LOCK_PACKAGE_KEY}`;
/** Through an execution (end): its PackageID never changes, so a plain read finds it; then the same key lock. */
const LOCK_BY_EXECUTION = `
DECLARE @PackageID INT = (SELECT PackageID FROM bfx.Execution WHERE ExecutionID = @ExecutionID);${LOCK_PACKAGE_KEY}`;
/** name null: a name too long to be in the catalog, which locks nothing. */
function lockByName(name, register) {
    return {
        text: LOCK_BY_NAME,
        params: {
            PackageName: packageName(name),
            Register: [(mssql_default()).Bit, register !== undefined],
            RetryLimit: [(mssql_default()).Int, register?.retryLimit ?? null],
        },
        recordsets: 1,
    };
}
/** id null: not an execution ID, which locks nothing. */
function lockByExecution(id) {
    return { text: LOCK_BY_EXECUTION, params: { ExecutionID: executionId(id) }, recordsets: 1 };
}
/** The start of every batch after the first: the locked package's ID, as the first batch left it. */
function bindLockedPackage(packageId) {
    return { text: 'DECLARE @PackageID INT = @Locked;', params: { Locked: [(mssql_default()).Int, packageId] }, recordsets: 0 };
}
// ---------------------------------------------------------------------------------------------
// Reads of the locked package.
function readPackage() {
    return {
        text: `SELECT ${PACKAGE_LIST} FROM bfx.Package p ${LOCKING_READ} WHERE p.PackageID = @PackageID;`,
        params: {},
        recordsets: 1,
    };
}
/**
 * The run key compares in a binary collation, and by length too: = ignores trailing spaces in
 * every collation, and a run key is an identity, matched exactly.
 */
function readExecutionWithRunKey(runKey) {
    return {
        text: `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS}
WHERE e.PackageID = @PackageID AND e.${C.runKey} = @RunKey COLLATE ${RUN_KEY_COLLATION}
  AND DATALENGTH(e.${C.runKey}) = DATALENGTH(@RunKey)
ORDER BY e.ExecutionID DESC;`,
        params: { RunKey: [mssql_default().NVarChar(RUN_KEY_LENGTH), runKey] },
        recordsets: 1,
    };
}
function readActiveExecution() {
    return {
        text: `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL ORDER BY e.ExecutionID DESC;`,
        params: {},
        recordsets: 1,
    };
}
function readLatestExecution() {
    return {
        text: `SELECT TOP (1) ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC;`,
        params: {},
        recordsets: 1,
    };
}
function readExecution(id) {
    return {
        text: `SELECT ${EXECUTION_LIST} ${LOCKED_EXECUTIONS} WHERE e.ExecutionID = @ExecutionID AND e.PackageID = @PackageID;`,
        params: { ExecutionID: executionId(id) },
        recordsets: 1,
    };
}
// ---------------------------------------------------------------------------------------------
// Writes to the locked package. Rows come back through OUTPUT ... INTO a table variable, then a
// SELECT, so that a trigger a user adds on a table does not break them.
function insertExecution(execution) {
    return {
        text: `
DECLARE @inserted TABLE (ExecutionID BIGINT NOT NULL);
INSERT INTO bfx.Execution (${C.packageId}, ${C.parentExecutionId}, ${C.executionStatus}, ${C.nextLoadStatus}, ${C.retryCount},
  ${C.endTime}, ${C.errorMessage}, ${C.runKey}, ${CONTEXT.join(', ')})
OUTPUT INSERTED.ExecutionID INTO @inserted
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, @RetryCount,
  CASE WHEN @Ended = 1 THEN SYSUTCDATETIME() END, @ErrorMessage, @RunKey, ${CONTEXT.map((c) => `@${c}`).join(', ')});
SELECT ExecutionID AS executionId FROM @inserted;`,
        params: {
            ParentExecutionID: executionId(execution.parentExecutionId),
            ExecutionStatus: [queries_status, execution.executionStatus],
            NextLoadStatus: [queries_status, execution.nextLoadStatus],
            RetryCount: [(mssql_default()).Int, execution.retryCount],
            Ended: [(mssql_default()).Bit, execution.ended],
            ErrorMessage: [mssql_default().NVarChar((mssql_default()).MAX), execution.errorMessage],
            RunKey: [mssql_default().NVarChar(RUN_KEY_LENGTH), execution.runKey],
            ...contextParams(execution.context),
        },
        recordsets: 1,
    };
}
/** Guarded: the execution must still be active (EndTime IS NULL) and the locked package's. */
function takeOverExecution(takeover) {
    return {
        text: `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE bfx.Execution SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.retryCount} = @RetryCount, ${C.runKey} = @RunKey, ${CONTEXT.map((c) => `${c} = @${c}`).join(', ')}
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL;${guard('@changed')}`,
        params: {
            ExecutionID: executionId(takeover.executionId),
            ExecutionStatus: [queries_status, takeover.executionStatus],
            NextLoadStatus: [queries_status, takeover.nextLoadStatus],
            RetryCount: [(mssql_default()).Int, takeover.retryCount],
            RunKey: [mssql_default().NVarChar(RUN_KEY_LENGTH), takeover.runKey],
            ...contextParams(takeover.context),
        },
        recordsets: 0,
    };
}
/** Guarded like takeOverExecution; returns the ended row. */
function finishExecution(finish) {
    return {
        text: `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE bfx.Execution SET ${C.executionStatus} = @ExecutionStatus, ${C.nextLoadStatus} = @NextLoadStatus,
  ${C.endTime} = SYSUTCDATETIME(), ${C.errorMessage} = @ErrorMessage
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL;${guard('@changed')}
SELECT ${EXECUTION_LIST} ${EXECUTIONS} WHERE e.ExecutionID IN (SELECT ExecutionID FROM @changed);`,
        params: {
            ExecutionID: executionId(finish.executionId),
            ExecutionStatus: [queries_status, finish.executionStatus],
            NextLoadStatus: [queries_status, finish.nextLoadStatus],
            ErrorMessage: [mssql_default().NVarChar((mssql_default()).MAX), finish.errorMessage],
        },
        recordsets: 1,
    };
}
/** Returns the changed row (none when the execution is not the locked package's). */
function setNextLoadStatus(id, nextLoadStatus) {
    return {
        text: `
DECLARE @changed TABLE (ExecutionID BIGINT NOT NULL);
UPDATE bfx.Execution SET ${C.nextLoadStatus} = @NextLoadStatus
OUTPUT INSERTED.ExecutionID INTO @changed
WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID;
SELECT ${EXECUTION_LIST} ${EXECUTIONS} WHERE e.ExecutionID IN (SELECT ExecutionID FROM @changed);`,
        params: { ExecutionID: executionId(id), NextLoadStatus: [queries_status, nextLoadStatus] },
        recordsets: 1,
    };
}
/** Returns the changed package row (none when the lock found no package). */
function setEnabled(enabled) {
    return {
        text: `
DECLARE @changed TABLE (PackageID INT NOT NULL);
UPDATE bfx.Package SET IsEnabled = @IsEnabled OUTPUT INSERTED.PackageID INTO @changed WHERE PackageID = @PackageID;
SELECT ${PACKAGE_LIST} FROM bfx.Package p WHERE p.PackageID IN (SELECT PackageID FROM @changed);`,
        params: { IsEnabled: [(mssql_default()).Bit, enabled] },
        recordsets: 1,
    };
}
// ---------------------------------------------------------------------------------------------
// Outside any transaction: not locked, one request each.
const EXISTS = {
    text: `SELECT CASE WHEN OBJECT_ID(N'bfx.Package', N'U') IS NOT NULL AND OBJECT_ID(N'bfx.Execution', N'U') IS NOT NULL
  THEN 1 ELSE 0 END AS present;`,
    params: {},
    recordsets: 1,
};
/** The packages, then their latest and active executions. */
const STATUS_ALL = {
    text: `SELECT ${PACKAGE_LIST} FROM bfx.Package p ORDER BY p.PackageName;
SELECT ${EXECUTION_LIST} ${EXECUTIONS}
  WHERE e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM bfx.Execution x GROUP BY x.PackageID)
     OR e.EndTime IS NULL;`,
    params: {},
    recordsets: 2,
};
function statusOne(name) {
    return {
        text: `SELECT ${PACKAGE_LIST} FROM bfx.Package p WHERE p.PackageName = @PackageName;
SELECT ${EXECUTION_LIST} ${EXECUTIONS}
  WHERE p.PackageName = @PackageName
    AND (e.ExecutionID = (SELECT MAX(x.ExecutionID) FROM bfx.Execution x WHERE x.PackageID = p.PackageID) OR e.EndTime IS NULL);`,
        params: { PackageName: packageName(name) },
        recordsets: 2,
    };
}
function queries_history(name, limit) {
    return {
        text: `SELECT TOP (@Limit) ${EXECUTION_LIST} ${EXECUTIONS} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC;`,
        params: { PackageName: packageName(name), Limit: [(mssql_default()).Int, limit] },
        recordsets: 1,
    };
}

;// CONCATENATED MODULE: ./src/catalog/mssql/engine.ts
/**
 * The SQL Server / Azure SQL catalog on the `mssql` package (tedious driver): the connection pool,
 * the transaction holding a package's lock, and the retries. connect.ts imports this module only
 * for SQL Server connection strings, so no other engine ever loads the driver.
 *
 * A transaction is mssql's Transaction (the TDS transaction manager begins and commits it) at READ
 * COMMITTED, with XACT_ABORT on for the session so that any error or timeout rolls all of it back
 * on the server. Its first statement takes the package's lock (queries.ts: an update lock on the
 * Package row's clustered key, the same key on every path), so everything it reads and writes
 * after that is of a package no other transaction is changing.
 *
 * Round trips. The calls a transaction's work makes in one tick are sent together as one batch
 * (StatementQueue), and the lock statement goes in the same batch as the reads work makes first:
 *   begin:  BEGIN TRAN | lock + package, re-entry, active, latest | the writes | COMMIT   = 4 (3 for a re-entry)
 *   end:    BEGIN TRAN | lock + the execution | finish | COMMIT                        = 4 (3 when nothing ends)
 *   enable / disable:  BEGIN TRAN | lock + the update | COMMIT                      = 3
 *   skip / resume, reset: BEGIN TRAN | lock + reads | the write | COMMIT              = 4 (3 when refused)
 * BEGIN and COMMIT cannot share a batch's round trip: bound parameters travel through
 * sp_executesql, and a transaction begun or ended inside it is refused by SQL Server (error 266).
 * Opening the catalog costs two logins: mssql checks the configuration with a probe connection
 * before it pools one.
 */










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
        schedule: (failure) => loginErrorNumber(failure.error) === 4060
            ? missing(failure)
            : isTransientLogin(failure.error)
                ? resume(failure)
                : others(failure),
        description: `for about ${LOGIN_RETRY_BUDGET_MS / 1000} s (${DATABASE_MISSING_RETRY_BUDGET_MS / 1000} s for error 4060)`,
    };
}
/**
 * On a live connection: the default policy (deadlock victim, throttling, failover, a dropped
 * connection); a login the pool makes meanwhile (a new connection after a dropped one) that is
 * refused for a transient reason gets the login schedule.
 */
function requestSchedule(login) {
    const others = (0,retry/* backoffSchedule */.ST)(retry/* DEFAULT_RETRY_POLICY */.cO);
    return (failure) => (isTransientLogin(failure.error) ? login(failure) : others(failure));
}
// ---------------------------------------------------------------------------------------------
// Batching: the calls of one tick, one round trip.
/** Drivers reject with Error objects; anything else is wrapped so that callers always get one. */
const asError = (error) => (error instanceof Error ? error : new Error(String(error)));
/**
 * Queues a transaction's statements and sends those queued in the same tick as one batch
 * (mergeStatements), on the next turn of the event loop or when flush() is called (commit).
 * One batch at a time: mssql's Transaction refuses a request while another is in flight
 * (EREQINPROG), so a batch waits for the one before it. After a batch fails, the transaction is
 * lost (XACT_ABORT rolled it back): everything queued then fails with the same error, unsent.
 */
class StatementQueue {
    send;
    prelude;
    queued = [];
    scheduled = false;
    last = Promise.resolve();
    failure;
    /**
     * @param send sends one batch and resolves with all its result sets, in order
     * @param prelude statements to put before those of a batch, decided when it is sent
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
    /** Sends what is queued now; resolves (never rejects) when every batch sent so far is answered. */
    flush() {
        this.scheduled = false;
        const entries = this.queued.splice(0);
        if (entries.length === 0)
            return this.last;
        this.last = this.last.then(() => this.sendBatch(entries));
        return this.last;
    }
    /** Fails what is queued and not yet sent; resolves when the batch in flight, if any, is answered. */
    abandon(error) {
        this.failure ??= { error };
        for (const entry of this.queued.splice(0))
            entry.fail(error);
        return this.last;
    }
    /** The error of the first batch that failed, if one did. */
    get failed() {
        return this.failure;
    }
    async sendBatch(entries) {
        if (this.failure) {
            for (const entry of entries)
                entry.fail(this.failure.error);
            return;
        }
        let recordsets;
        let batch;
        try {
            const prelude = this.prelude();
            batch = mergeStatements([...prelude, ...entries.map((entry) => entry.statement)]);
            recordsets = await this.send(batch);
            const expected = batch.recordsets.reduce((sum, n) => sum + n, 0);
            if (recordsets.length !== expected) {
                throw new Error(`A SQL Server batch returned ${recordsets.length} result sets where ${expected} were expected.`);
            }
            // The prelude's result sets (none) come first.
            recordsets = recordsets.slice(batch.recordsets.slice(0, prelude.length).reduce((sum, n) => sum + n, 0));
        }
        catch (error) {
            this.failure ??= { error };
            for (const entry of entries)
                entry.fail(error);
            return;
        }
        let at = 0;
        for (const entry of entries) {
            entry.settle(recordsets.slice(at, at + entry.statement.recordsets));
            at += entry.statement.recordsets;
        }
    }
}
// ---------------------------------------------------------------------------------------------
const MAX_BIGINT = 9223372036854775807n;
const isExecutionId = (value) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT && BigInt(value) > 0n;
const fits = (packageName) => packageName.length <= PACKAGE_NAME_LENGTH;
function checkRunKey(runKey) {
    if (runKey.length > RUN_KEY_LENGTH) {
        throw new errors/* BfxError */.J(`The run key is longer than the ${RUN_KEY_LENGTH} characters the SQL Server catalog keeps, so nothing was changed: use a shorter run key.`);
    }
}
const first = (recordsets) => recordsets[0]?.[0];
const executionOrNull = (recordsets) => {
    const raw = first(recordsets);
    return raw ? (0,catalog_rows/* toExecutionRow */.q$)(raw) : null;
};
class MssqlCatalog {
    settings;
    options;
    secrets;
    engine = 'mssql';
    location;
    pool;
    login;
    /** The number of the last error message a server sent while a connection of this pool logged in. */
    lastLoginErrorNumber;
    constructor(settings, options, secrets) {
        this.settings = settings;
        this.options = options;
        this.secrets = secrets;
        this.location = mssqlLocation(settings);
        this.login = loginRetries(settings);
        const config = {
            ...toMssqlConfig(settings, options),
            pool: { min: 0, max: 10, idleTimeoutMillis: 30_000 },
            // A pooled connection is checked by its socket's state, not by a SELECT 1 round trip.
            validateConnection: 'socket',
            // tedious reports a refused login as ELOGIN with the server's text only; the number (40613,
            // 18456, ...) comes through the connection's errorMessage event, heard until it has logged in.
            beforeConnect: (connection) => {
                const listener = (token) => {
                    this.lastLoginErrorNumber = token.number;
                };
                connection.on('errorMessage', listener);
                connection.once('connect', () => connection.removeListener('errorMessage', listener));
            },
        };
        this.pool = new (mssql_default()).ConnectionPool(config);
        // Errors reach the caller through the request that hit them; without a listener, an 'error'
        // event from a background connection would crash the process.
        this.pool.on('error', () => { });
    }
    async connect() {
        try {
            await (0,retry/* retryOnSchedule */.pc)(() => this.withLoginNumber(() => this.pool.connect()), isTransient, this.login.schedule);
        }
        catch (error) {
            await this.close();
            throw this.explain(error, 'connect');
        }
    }
    async exists() {
        const [rows] = await this.request(EXISTS);
        return Number(rows?.[0]?.present) === 1;
    }
    async migrate() {
        await this.request({
            text: MIGRATE,
            params: { LockTimeout: [(mssql_default()).Int, Math.min(this.options.requestTimeoutMs, 2_147_483_647)] },
            recordsets: 0,
        }, 'the catalog migration');
    }
    transaction(lock, what, work) {
        let lockStatement;
        if ('executionId' in lock) {
            lockStatement = lockByExecution(isExecutionId(lock.executionId) ? lock.executionId : null);
        }
        else if (lock.registerWithRetryLimit !== undefined) {
            if (!fits(lock.packageName)) {
                return Promise.reject(new errors/* BfxError */.J(`The package name is longer than the ${PACKAGE_NAME_LENGTH} characters the SQL Server catalog holds ` +
                    '(characters such as emoji count twice there), so nothing was changed: use a shorter package name.'));
            }
            lockStatement = lockByName(lock.packageName, { retryLimit: lock.registerWithRetryLimit });
        }
        else {
            // A name too long for the column cannot be in the catalog: it locks nothing, and finds nothing.
            lockStatement = lockByName(fits(lock.packageName) ? lock.packageName : null, undefined);
        }
        return this.retried(what, () => this.attempt(lockStatement, work));
    }
    async status(packageName) {
        if (packageName !== undefined && !fits(packageName))
            return [];
        const [packages, executions] = await this.request(packageName === undefined ? STATUS_ALL : statusOne(packageName));
        const rows = (executions ?? []).map(catalog_rows/* toExecutionRow */.q$);
        return (packages ?? []).map((raw) => {
            const pkg = (0,catalog_rows/* toPackageRow */.GK)(raw);
            const own = rows.filter((row) => row.packageId === pkg.packageId);
            const latest = own.reduce((best, row) => (best === null || BigInt(row.executionId) > BigInt(best.executionId) ? row : best), null);
            return { ...pkg, latest, active: own.find((row) => !row.ended) ?? null };
        });
    }
    async history(packageName, limit) {
        if (!fits(packageName))
            return [];
        const [rows] = await this.request(queries_history(packageName, Math.max(0, Math.min(limit, 2_147_483_647))));
        return (rows ?? []).map(catalog_rows/* toExecutionRow */.q$);
    }
    async close() {
        try {
            await this.pool.close();
        }
        catch {
            // Closing is best effort: the server ends the sessions of closed sockets.
        }
    }
    // -------------------------------------------------------------------------------------------
    /**
     * One attempt: BEGIN TRAN, then work on a transaction whose first batch carries the lock; the
     * work commits with its last writes, or is committed after it returns. On any failure the
     * transaction is rolled back (the server has already done so when XACT_ABORT fired).
     */
    async attempt(lockStatement, work) {
        const transaction = new (mssql_default()).Transaction(this.pool);
        await transaction.begin((mssql_default()).ISOLATION_LEVEL.READ_COMMITTED);
        const tx = new MssqlTransaction(transaction, lockStatement);
        try {
            const result = await work(tx);
            await tx.committed();
            return result;
        }
        catch (error) {
            await tx.abandon(error);
            try {
                await transaction.rollback();
            }
            catch {
                // Already rolled back by the server (XACT_ABORT), or the connection is gone with it.
            }
            throw lockViolationOf(error) ?? error;
        }
    }
    /** One request outside any transaction (or in one of its own, like the migration); `what` names a write. */
    async request(statement, what) {
        return this.retried(what, async () => {
            const request = this.pool.request();
            for (const [name, [type, value]] of Object.entries(statement.params))
                request.input(name, type, value);
            const result = await request.query(statement.text);
            return result.recordsets ?? [];
        });
    }
    async retried(what, attempt) {
        try {
            return await (0,retry/* retryOnSchedule */.pc)(() => this.withLoginNumber(attempt), isTransient, requestSchedule(this.login.schedule));
        }
        catch (error) {
            throw this.explain(error, 'request', what);
        }
    }
    /** Runs attempt; a login refused on the way (ELOGIN) is rethrown with the server's error number. */
    async withLoginNumber(attempt) {
        this.lastLoginErrorNumber = undefined;
        try {
            return await attempt();
        }
        catch (error) {
            const number = this.lastLoginErrorNumber;
            if (number !== undefined && faultOf(error).codes.has('ELOGIN') && loginErrorNumber(error) === undefined) {
                throw new LoginFailure(error, number);
            }
            throw error;
        }
    }
    explain(error, phase, what) {
        const explained = describeFault(error, {
            settings: this.settings,
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
/**
 * The calls of PackageTransaction, each a statement queued on the transaction's StatementQueue.
 * Every method queues its statement before its first await, so calls made in one tick share a
 * batch, and commit() sends the writes queued beside it before it commits. They are async so that
 * a refusal (a run key too long) is a rejected promise, which Promise.all in run control handles,
 * never a throw that would leave the calls queued before it unawaited.
 */
class MssqlTransaction {
    transaction;
    queue;
    /** The locked package's ID once the first batch is answered: null when the lock found no package. */
    lockedPackageId;
    commitment;
    constructor(transaction, lockStatement) {
        this.transaction = transaction;
        this.queue = new StatementQueue(async (batch) => {
            const request = this.transaction.request();
            for (const [name, [type, value]] of Object.entries(batch.params))
                request.input(name, type, value);
            const result = await request.query(batch.text);
            return result.recordsets ?? [];
        }, () => (this.lockedPackageId === undefined ? [] : [bindLockedPackage(this.lockedPackageId)]));
        // The lock is queued first: it goes in the same batch as the reads work() makes in its first tick.
        void this.queue
            .run(lockStatement, (recordsets) => {
            const id = first(recordsets)?.packageId;
            this.lockedPackageId = id === null || id === undefined ? null : Number(id);
        })
            .catch(() => {
            // The batch's error reaches the caller through the calls queued with it, or commit.
        });
    }
    async package() {
        return this.run(readPackage(), (recordsets) => {
            const raw = first(recordsets);
            return raw ? (0,catalog_rows/* toPackageRow */.GK)(raw) : null;
        });
    }
    async executionWithRunKey(runKey) {
        // A run key too long for the column cannot be in the catalog, and could not be stored: refused.
        checkRunKey(runKey);
        return this.run(readExecutionWithRunKey(runKey), executionOrNull);
    }
    async activeExecution() {
        return this.run(readActiveExecution(), executionOrNull);
    }
    async latestExecution() {
        return this.run(readLatestExecution(), executionOrNull);
    }
    async execution(executionId) {
        if (!isExecutionId(executionId))
            return null;
        return this.run(readExecution(executionId), executionOrNull);
    }
    async insertExecution(execution) {
        checkRunKey(execution.runKey);
        this.checkPackage(execution.packageId);
        return this.run(insertExecution(execution), (recordsets) => ({
            executionId: String(first(recordsets)?.executionId),
        }));
    }
    async takeOverExecution(takeover) {
        checkRunKey(takeover.runKey);
        return this.run(takeOverExecution(takeover), () => undefined);
    }
    async finishExecution(finish) {
        return this.run(finishExecution(finish), (recordsets) => {
            const row = executionOrNull(recordsets);
            if (!row)
                throw new catalog/* LockViolation */.RC(finish.executionId);
            return row;
        });
    }
    async setNextLoadStatus(executionId, nextLoadStatus) {
        return this.run(setNextLoadStatus(executionId, nextLoadStatus), (recordsets) => {
            const row = executionOrNull(recordsets);
            if (!row)
                throw new catalog/* LockViolation */.RC(executionId);
            return row;
        });
    }
    /** null when the lock found no package: the UPDATE then changes nothing. */
    async setEnabled(enabled) {
        return this.run(setEnabled(enabled), (recordsets) => {
            const raw = first(recordsets);
            return raw ? (0,catalog_rows/* toPackageRow */.GK)(raw) : null;
        });
    }
    commit() {
        if (this.commitment)
            return Promise.reject(new Error('The catalog transaction was committed twice.'));
        this.commitment = (async () => {
            await this.queue.flush();
            const failed = this.queue.failed;
            if (failed)
                throw lockViolationOf(failed.error) ?? failed.error;
            await this.transaction.commit();
        })();
        return this.commitment;
    }
    /** After work returned: its commit, or one now (a transaction that only read). */
    committed() {
        return this.commitment ?? this.commit();
    }
    /** After work failed: nothing more is sent, and the batch in flight (if any) is waited for, so the rollback may go. */
    async abandon(error) {
        await this.queue.abandon(error);
        await this.commitment?.catch(() => { });
    }
    run(statement, read) {
        if (this.commitment)
            return Promise.reject(new Error('The catalog transaction was used after its commit.'));
        // A guarded update's THROW fails the whole batch: every call in it sees the LockViolation.
        return this.queue
            .run(statement, read)
            .catch((error) => Promise.reject(lockViolationOf(error) ?? asError(error)));
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
/* harmony export */   jh: () => (/* binding */ retryTransient),
/* harmony export */   pc: () => (/* binding */ retryOnSchedule),
/* harmony export */   x8: () => (/* binding */ budgetSchedule)
/* harmony export */ });
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
/* harmony export */   Bv: () => (/* binding */ packageSelectList),
/* harmony export */   GK: () => (/* binding */ toPackageRow),
/* harmony export */   RW: () => (/* binding */ executionSelectList),
/* harmony export */   S3: () => (/* binding */ contextValues),
/* harmony export */   q$: () => (/* binding */ toExecutionRow)
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
const text = (value) => (value === null || value === undefined ? null : scalarText(value));
const int = (value) => Number(value);
const time = (value) => value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : scalarText(value);
function toPackageRow(raw) {
    return {
        packageId: int(raw.packageId),
        packageName: scalarText(raw.packageName),
        isEnabled: raw.isEnabled === true || Number(raw.isEnabled) === 1,
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


/***/ })

};
