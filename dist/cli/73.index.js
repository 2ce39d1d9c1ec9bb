export const id = 73;
export const ids = [73];
export const modules = {

/***/ 61073:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TRANSIENT_ERROR_NUMBERS: () => (/* binding */ TRANSIENT_ERROR_NUMBERS),
  describeFault: () => (/* binding */ describeFault),
  faultOf: () => (/* binding */ faultOf),
  isTransient: () => (/* binding */ isTransient),
  open: () => (/* binding */ engine_open)
});

// EXTERNAL MODULE: ./node_modules/mssql/index.js
var mssql = __webpack_require__(66271);
var mssql_default = /*#__PURE__*/__webpack_require__.n(mssql);
// EXTERNAL MODULE: ./src/decision.ts
var decision = __webpack_require__(27033);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
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
    'Connect Retry Count',
    'ConnectRetryCount',
    'Connect Retry Interval',
    'ConnectRetryInterval',
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
        },
    };
}

;// CONCATENATED MODULE: ./src/catalog/mssql/schema.ts
/**
 * The SQL Server / Azure SQL catalog: schema bfx, tables bfx.Package and bfx.Execution with the
 * column names of SPEC section 5 (the same as the SQLite catalog), and the same three indexes.
 */
/** Column sizes, checked before a value is sent so that a long value is a clear refusal, not error 2628. */
const PACKAGE_NAME_LENGTH = 500;
/** (PackageID, RunKey) is an index key: 4 + 2 * 800 bytes stays within SQL Server's 1,700. */
const RUN_KEY_LENGTH = 800;
/** Run-context columns; longer values are cut to fit (they are for reading, never matched on). */
const CONTEXT_LENGTH = 400;
const TABLES = [
    [
        'bfx.Package',
        `CREATE TABLE bfx.Package (
  PackageID    INT            IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Package PRIMARY KEY CLUSTERED,
  PackageName  NVARCHAR(${PACKAGE_NAME_LENGTH}) NOT NULL CONSTRAINT UQ_Package_PackageName UNIQUE,
  IsEnabled    BIT            NOT NULL CONSTRAINT DF_Package_IsEnabled DEFAULT (1),
  RetryLimit   INT            NULL CONSTRAINT CK_Package_RetryLimit CHECK (RetryLimit >= 0),
  CreatedTime  DATETIME2      NOT NULL CONSTRAINT DF_Package_CreatedTime DEFAULT (SYSUTCDATETIME())
)`,
    ],
    [
        'bfx.Execution',
        `CREATE TABLE bfx.Execution (
  ExecutionID       BIGINT         IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Execution PRIMARY KEY CLUSTERED,
  PackageID         INT            NOT NULL CONSTRAINT FK_Execution_Package REFERENCES bfx.Package (PackageID),
  ParentExecutionID BIGINT         NULL,
  ExecutionStatus   CHAR(1)        NOT NULL CONSTRAINT CK_Execution_ExecutionStatus CHECK (ExecutionStatus IN ('E', 'R', 'A', 'C', 'S', 'F')),
  NextLoadStatus    CHAR(1)        NOT NULL CONSTRAINT CK_Execution_NextLoadStatus CHECK (NextLoadStatus IN ('P', 'R', 'C')),
  RetryCount        INT            NOT NULL CONSTRAINT DF_Execution_RetryCount DEFAULT (0),
  StartTime         DATETIME2      NOT NULL CONSTRAINT DF_Execution_StartTime DEFAULT (SYSUTCDATETIME()),
  EndTime           DATETIME2      NULL,
  RunKey            NVARCHAR(${RUN_KEY_LENGTH})  NULL,
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
    ],
];
/** Index name -> DDL; the names are those of the SQLite catalog. */
const INDEXES = [
    // Re-entry (SPEC 3.1): the package's execution carrying a run key.
    ['IX_Execution_Package_RunKey', 'CREATE INDEX IX_Execution_Package_RunKey ON bfx.Execution (PackageID, RunKey)'],
    // The package's most recent execution (SPEC 3.6), and history, newest first.
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
const literal = (sql) => `N'${sql.replace(/'/g, "''")}'`;
/**
 * One batch, run as one transaction under an exclusive application lock, so that two migrations
 * at once are applied one after the other and the second finds everything there. Each object is
 * created only when it is missing; the DDL runs through EXEC because CREATE SCHEMA must be alone in
 * its batch, and so that nothing is compiled against objects that do not exist yet. The texts
 * are constants of this file: no input reaches them. @LockTimeout (ms) is a parameter.
 */
const MIGRATE = `
SET NOCOUNT ON;
SET XACT_ABORT ON;
BEGIN TRANSACTION;
DECLARE @lock INT;
EXEC @lock = sys.sp_getapplock @Resource = N'bfx-begin:migrate', @LockMode = N'Exclusive',
  @LockOwner = N'Transaction', @LockTimeout = @LockTimeout;
IF @lock < 0
  THROW 50010, N'Another bfx migrate held the catalog''s migration lock for longer than the request timeout.', 1;
IF SCHEMA_ID(N'bfx') IS NULL EXEC (N'CREATE SCHEMA bfx');
${TABLES.map(([name, ddl]) => `IF OBJECT_ID(N'${name}', N'U') IS NULL EXEC (${literal(ddl)});`).join('\n')}
${INDEXES.map(([name, ddl]) => `IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'bfx.Execution') AND name = N'${name}') EXEC (${literal(ddl)});`).join('\n')}
COMMIT TRANSACTION;`;
const EXISTS = `
SELECT CASE WHEN OBJECT_ID(N'bfx.Package', N'U') IS NOT NULL AND OBJECT_ID(N'bfx.Execution', N'U') IS NOT NULL
  THEN 1 ELSE 0 END AS present;`;
/** Aliased to the camelCase names rows.ts reads. */
const EXECUTION_COLUMNS = `
  e.ExecutionID AS executionId, e.PackageID AS packageId, p.PackageName AS packageName,
  e.ParentExecutionID AS parentExecutionId, e.ExecutionStatus AS executionStatus,
  e.NextLoadStatus AS nextLoadStatus, e.RetryCount AS retryCount, e.StartTime AS startTime,
  e.EndTime AS endTime, e.RunKey AS runKey, e.ErrorMessage AS errorMessage,
  e.Repository AS repository, e.Workflow AS workflow, e.Job AS job, e.RunId AS runId,
  e.RunAttempt AS runAttempt, e.Actor AS actor, e.EventName AS event, e.CommitSha AS sha
  FROM bfx.Execution e JOIN bfx.Package p ON p.PackageID = e.PackageID`;
const PACKAGE_COLUMNS = `
  p.PackageID AS packageId, p.PackageName AS packageName, p.IsEnabled AS isEnabled,
  p.RetryLimit AS retryLimit, p.CreatedTime AS createdTime
  FROM bfx.Package p`;
/**
 * Begin, first batch (inside the transaction): lock the package row by name for the rest of the
 * transaction, registering the package when it is missing, then read what decideBegin() needs.
 * UPDLOCK + HOLDLOCK on a name that is not there yet locks its key range, so a second begin
 * registering the same new package waits here and then finds the row: both succeed.
 */
const BEGIN_LOCK_AND_READ = `
SET NOCOUNT ON;
DECLARE @PackageID INT;
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @PackageName;
IF @PackageID IS NULL
BEGIN
  INSERT INTO bfx.Package (PackageName, RetryLimit) VALUES (@PackageName, @RetryLimit);
  SET @PackageID = CAST(SCOPE_IDENTITY() AS INT);
END;
SELECT ${PACKAGE_COLUMNS} WHERE p.PackageID = @PackageID;
SELECT TOP (1) ${EXECUTION_COLUMNS} WHERE e.PackageID = @PackageID AND e.RunKey = @RunKey ORDER BY e.ExecutionID DESC;
SELECT TOP (1) ${EXECUTION_COLUMNS} WHERE e.PackageID = @PackageID AND e.EndTime IS NULL;
SELECT TOP (1) e.NextLoadStatus AS nextLoadStatus FROM bfx.Execution e WHERE e.PackageID = @PackageID ORDER BY e.ExecutionID DESC;`;
const FINISH = `
UPDATE bfx.Execution
  SET ExecutionStatus = @EndStatus, NextLoadStatus = @EndNext, EndTime = SYSUTCDATETIME(), ErrorMessage = @EndMessage
  WHERE ExecutionID = @EndID;`;
const CONTEXT_SET = `RunKey = @RunKey, Repository = @Repository, Workflow = @Workflow, Job = @Job, RunId = @RunId,
  RunAttempt = @RunAttempt, Actor = @Actor, EventName = @EventName, CommitSha = @CommitSha`;
/** OUTPUT ... INTO a table variable, so that a trigger a user adds on Execution does not break it. */
const INSERT_EXECUTION = `
DECLARE @ids TABLE (ExecutionID BIGINT NOT NULL);
INSERT INTO bfx.Execution (PackageID, ParentExecutionID, ExecutionStatus, NextLoadStatus, RetryCount, EndTime,
  RunKey, Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha)
OUTPUT INSERTED.ExecutionID INTO @ids
VALUES (@PackageID, @ParentExecutionID, @ExecutionStatus, @NextLoadStatus, 0,
  CASE WHEN @Ended = 1 THEN SYSUTCDATETIME() END,
  @RunKey, @Repository, @Workflow, @Job, @RunId, @RunAttempt, @Actor, @EventName, @CommitSha);
SELECT ExecutionID AS executionId FROM @ids;`;
/** Begin, second batch: apply the plan. */
const BEGIN_INSERT = `SET NOCOUNT ON;${INSERT_EXECUTION}`;
/** The abandoned execution is ended first: the filtered unique index allows one active row. */
const BEGIN_ABANDON_AND_INSERT = `SET NOCOUNT ON;${FINISH}${INSERT_EXECUTION}`;
const BEGIN_RESUME = `
SET NOCOUNT ON;
UPDATE bfx.Execution SET ExecutionStatus = 'A', NextLoadStatus = 'P', RetryCount = @RetryCount, ${CONTEXT_SET}
  WHERE ExecutionID = @ExecutionID;`;
/**
 * End, first batch: lock the execution's package row (the lock begin takes), so that an end cannot
 * interleave with a begin resuming the same execution, then read the execution.
 */
const END_LOCK_AND_READ = `
SET NOCOUNT ON;
DECLARE @PackageID INT = (SELECT PackageID FROM bfx.Execution WHERE ExecutionID = @ExecutionID);
IF @PackageID IS NOT NULL
  SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageID = @PackageID;
SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = @ExecutionID;`;
/** End, second batch. */
const END_FINISH = `SET NOCOUNT ON;${FINISH}
SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = @EndID;`;
const STATUS_ALL = `
SET NOCOUNT ON;
SELECT ${PACKAGE_COLUMNS} ORDER BY p.PackageName;
SELECT ${EXECUTION_COLUMNS}
  WHERE e.ExecutionID IN (SELECT MAX(x.ExecutionID) FROM bfx.Execution x GROUP BY x.PackageID)
     OR e.EndTime IS NULL;`;
const STATUS_ONE = `
SET NOCOUNT ON;
SELECT ${PACKAGE_COLUMNS} WHERE p.PackageName = @PackageName;
SELECT ${EXECUTION_COLUMNS}
  WHERE p.PackageName = @PackageName
    AND (e.ExecutionID = (SELECT MAX(x.ExecutionID) FROM bfx.Execution x WHERE x.PackageID = p.PackageID) OR e.EndTime IS NULL);`;
const HISTORY = `
SET NOCOUNT ON;
SELECT TOP (@Limit) ${EXECUTION_COLUMNS} WHERE p.PackageName = @PackageName ORDER BY e.ExecutionID DESC;`;
/** One batch, one transaction: a balanced BEGIN / COMMIT inside one request. */
const SET_ENABLED = `
SET NOCOUNT ON;
BEGIN TRANSACTION;
UPDATE bfx.Package SET IsEnabled = @IsEnabled WHERE PackageName = @PackageName;
SELECT ${PACKAGE_COLUMNS} WHERE p.PackageName = @PackageName;
COMMIT TRANSACTION;`;
/** skip / resume: the latest execution's NextLoadStatus, refused while one is active. */
const SET_NEXT_LOAD_STATUS = `
SET NOCOUNT ON;
BEGIN TRANSACTION;
DECLARE @PackageID INT, @Kind VARCHAR(20), @Target BIGINT;
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @PackageName;
IF @PackageID IS NULL SET @Kind = 'no-package';
ELSE
BEGIN
  SELECT @Target = ExecutionID FROM bfx.Execution WHERE PackageID = @PackageID AND EndTime IS NULL;
  IF @Target IS NOT NULL SET @Kind = 'active';
  ELSE
  BEGIN
    SELECT TOP (1) @Target = ExecutionID FROM bfx.Execution WHERE PackageID = @PackageID ORDER BY ExecutionID DESC;
    IF @Target IS NULL SET @Kind = 'no-execution';
    ELSE
    BEGIN
      UPDATE bfx.Execution SET NextLoadStatus = @Status WHERE ExecutionID = @Target;
      SET @Kind = 'changed';
    END;
  END;
END;
SELECT @Kind AS kind;
SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = @Target;
COMMIT TRANSACTION;`;
/** reset: end the package's active execution as F / R. */
const RESET = `
SET NOCOUNT ON;
BEGIN TRANSACTION;
DECLARE @PackageID INT, @Kind VARCHAR(20), @Target BIGINT;
SELECT @PackageID = PackageID FROM bfx.Package WITH (UPDLOCK, HOLDLOCK) WHERE PackageName = @PackageName;
IF @PackageID IS NULL SET @Kind = 'no-package';
ELSE
BEGIN
  SELECT @Target = ExecutionID FROM bfx.Execution WHERE PackageID = @PackageID AND EndTime IS NULL;
  IF @Target IS NULL SET @Kind = 'none-active';
  ELSE
  BEGIN
    UPDATE bfx.Execution
      SET ExecutionStatus = 'F', NextLoadStatus = 'R', EndTime = SYSUTCDATETIME(), ErrorMessage = @Message
      WHERE ExecutionID = @Target;
    SET @Kind = 'reset';
  END;
END;
SELECT @Kind AS kind;
SELECT ${EXECUTION_COLUMNS} WHERE e.ExecutionID = @Target;
COMMIT TRANSACTION;`;

;// CONCATENATED MODULE: ./src/catalog/mssql/engine.ts
/**
 * The SQL Server / Azure SQL catalog on the `mssql` package (tedious driver). connect.ts imports
 * this module only for SQL Server connection strings, so no other engine ever loads the driver.
 *
 * Begin and end are each one transaction (mssql's Transaction: the TDS transaction manager begins
 * and commits it) holding the package row's update lock from the first read to the commit, with
 * XACT_ABORT on for the session so that any error or timeout rolls all of it back on the server.
 * Round trips: BEGIN TRAN, one batch to lock and read, one batch to write, COMMIT. The lock and the
 * write cannot share the BEGIN or the COMMIT round trip: bound parameters travel through
 * sp_executesql, and a transaction begun or ended inside it is refused by SQL Server (error 266).
 */








async function engine_open(connectionString, options) {
    const settings = parseMssqlConnectionString(connectionString);
    const catalog = new MssqlCatalog(settings, options, (0,connection_string/* secretsIn */.VY)(connectionString));
    await catalog.connect();
    return catalog;
}
// ---------------------------------------------------------------------------------------------
// Faults: which are transient, and what the user is told.
/**
 * SQL Server error numbers worth retrying. Each leaves nothing half-done: the server refused or
 * rolled back the whole request (XACT_ABORT is on), so running the operation again from its start
 * is safe; and should a commit have got through before the fault was seen, a retried begin finds
 * its own execution again by run key (SPEC 3.1), a retried end finds it already ended.
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
function faultOf(error) {
    const fault = { codes: new Set(), numbers: [], messages: [] };
    const seen = new Set();
    const visit = (value, depth) => {
        if (!value || typeof value !== 'object' || seen.has(value) || depth > 5)
            return;
        seen.add(value);
        const e = value;
        if (typeof e.code === 'string')
            fault.codes.add(e.code);
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
function isTransient(error) {
    if (error instanceof errors/* BfxError */.J)
        return false;
    const fault = faultOf(error);
    if (fault.numbers.some((n) => TRANSIENT_ERROR_NUMBERS.has(n)))
        return true;
    if (![...fault.codes].some((code) => DROPPED_CONNECTION_CODES.has(code)))
        return false;
    return ![...fault.codes, ...fault.messages].some((text) => PERMANENT_SOCKET_CAUSES.test(text));
}
/**
 * One BfxError sentence for a fault the user can act on, or undefined for one that is a bug.
 * Credentials never appear: only the server, the database and the user name are named, and any
 * text from the driver or the server is stripped of the connection string's secrets.
 */
function describeFault(error, context) {
    if (error instanceof errors/* BfxError */.J)
        return error;
    const { settings, phase } = context;
    const fault = faultOf(error);
    const location = mssqlLocation(settings);
    const server = settings.server + (settings.instanceName ? `\\${settings.instanceName}` : '');
    const clean = (text) => (0,connection_string/* redact */.E$)(text, context.secrets).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
    const serverMessage = clean(fault.messages.find((m) => m !== 'Login failed.') ?? fault.messages[0] ?? 'no message');
    const said = (text) => new RegExp(text, 'i').test(fault.messages.join('\n'));
    const number = fault.numbers.find((n) => n !== 0) ?? context.loginErrorNumber;
    const seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
    const has = (...codes) => codes.some((code) => fault.codes.has(code));
    const say = (sentence) => new errors/* BfxError */.J(sentence);
    const attempts = retry/* DEFAULT_RETRY_POLICY */.c.attempts;
    if (has('ELOGIN')) {
        const loginNumber = context.loginErrorNumber ?? number;
        if (loginNumber === 4060 || said('Cannot open database')) {
            return say(`The SQL Server ${server} has no database "${settings.database}" that this login can open, so nothing was changed: ` +
                'check Database (Initial Catalog) in the connection string, and that the login has a user in that database.');
        }
        if (loginNumber === 40615 || said('is not allowed to access the server')) {
            return say(`The Azure SQL server ${server} refused this runner's address at its firewall (${serverMessage}), so nothing was changed: ` +
                "allow the runner's address in the server's firewall rules, or run the job on a runner inside an allowed network.");
        }
        if (loginNumber === 18456 || said('Login failed for user')) {
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
        return say(`The SQL Server catalog ${location} did not answer a request within the request timeout of ${seconds(context.requestTimeoutMs)} ` +
            '(a lock held by another run, or a busy server), so the request was rolled back: run the step again, or raise request-timeout.');
    }
    if (has('ECONNREFUSED') && phase === 'connect') {
        return say(`The SQL Server ${server} refused the connection on port ${settings.port ?? 1433}, so nothing was changed: ` +
            'check the port, and that SQL Server is running and accepts TCP connections.');
    }
    if (number !== undefined && TRANSIENT_ERROR_NUMBERS.has(number)) {
        return say(`The SQL Server catalog ${location} stayed busy or unavailable (error ${number}: ${serverMessage}) through ${attempts} attempts, ` +
            'so the request was rolled back: run the step again later.');
    }
    if (isTransient(error)) {
        return say(phase === 'connect'
            ? `Could not connect to the SQL Server ${location} (${serverMessage}), so nothing was changed: ` +
                'check the server name and port, and that the server is running and reachable from this runner.'
            : `The connection to the SQL Server catalog ${location} kept dropping (${serverMessage}) through ${attempts} attempts, ` +
                'so the request did not complete: check the network and the server, then run the step again (a retried begin returns the same execution).');
    }
    if (number !== undefined && PERMISSION_NUMBERS.has(number)) {
        return say(`The login may not do this on the SQL Server catalog ${location} (${serverMessage}), so nothing was changed: ` +
            'grant it SELECT, INSERT and UPDATE on schema bfx, or have a DBA create the catalog with `bfx migrate` (see the permissions in the docs).');
    }
    if (number === 208 && said('bfx\\.')) {
        return say(`The SQL Server catalog ${location} lacks a bfx table (${serverMessage}), so nothing was changed: ` +
            'run `bfx migrate`, or set create-catalog to true.');
    }
    if (number !== undefined) {
        return say(`The SQL Server catalog ${location} refused the request with error ${number} (${serverMessage}), so it was rolled back: ` +
            'fix what the message names, then run the step again.');
    }
    return undefined;
}
// ---------------------------------------------------------------------------------------------
/** Cuts a value to a column's length in UTF-16 code units, never through a surrogate pair. */
function fit(value, length) {
    if (value === null || value.length <= length)
        return value;
    const cut = value.slice(0, length);
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
const MAX_BIGINT = 9223372036854775807n;
const isExecutionId = (value) => /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT && BigInt(value) > 0n;
class MssqlCatalog {
    settings;
    options;
    secrets;
    engine = 'mssql';
    location;
    pool;
    loginErrorNumber;
    constructor(settings, options, secrets) {
        this.settings = settings;
        this.options = options;
        this.secrets = secrets;
        this.location = mssqlLocation(settings);
        const config = {
            ...toMssqlConfig(settings, options),
            pool: { min: 0, max: 10, idleTimeoutMillis: 30_000 },
            // A pooled connection is checked by its socket's state, not by a SELECT 1 round trip.
            validateConnection: 'socket',
            beforeConnect: (connection) => {
                connection.on('errorMessage', (token) => {
                    this.loginErrorNumber = token.number;
                });
            },
        };
        this.pool = new (mssql_default()).ConnectionPool(config);
        // Errors reach the caller through the request that hit them; without a listener, an 'error'
        // event from a background connection would crash the process.
        this.pool.on('error', () => { });
    }
    async connect() {
        try {
            await (0,retry/* retryTransient */.j)(() => this.pool.connect(), isTransient);
        }
        catch (error) {
            await this.close();
            throw this.explain(error, 'connect');
        }
    }
    async exists() {
        const [[row]] = await this.run((request) => request.query(EXISTS), {});
        return Number(row?.present) === 1;
    }
    async migrate() {
        await this.run((request) => request.query(MIGRATE), {
            LockTimeout: [(mssql_default()).Int, Math.min(this.options.requestTimeoutMs, 2_147_483_647)],
        });
    }
    async begin(request) {
        this.checkName(request.packageName);
        if (request.runKey.length > RUN_KEY_LENGTH) {
            throw new errors/* BfxError */.J(`The run key is longer than the ${RUN_KEY_LENGTH} characters the SQL Server catalog keeps, so nothing was changed: use a shorter run key.`);
        }
        const context = request.context;
        const contextParams = {
            RunKey: [mssql_default().NVarChar(RUN_KEY_LENGTH), request.runKey],
            Repository: [mssql_default().NVarChar(CONTEXT_LENGTH), fit(context.repository, CONTEXT_LENGTH)],
            Workflow: [mssql_default().NVarChar(CONTEXT_LENGTH), fit(context.workflow, CONTEXT_LENGTH)],
            Job: [mssql_default().NVarChar(CONTEXT_LENGTH), fit(context.job, CONTEXT_LENGTH)],
            RunId: [mssql_default().NVarChar(CONTEXT_LENGTH), fit(context.runId, CONTEXT_LENGTH)],
            RunAttempt: [mssql_default().NVarChar(CONTEXT_LENGTH), fit(context.runAttempt, CONTEXT_LENGTH)],
            Actor: [mssql_default().NVarChar(CONTEXT_LENGTH), fit(context.actor, CONTEXT_LENGTH)],
            EventName: [mssql_default().NVarChar(CONTEXT_LENGTH), fit(context.event, CONTEXT_LENGTH)],
            CommitSha: [mssql_default().NVarChar(CONTEXT_LENGTH), fit(context.sha, CONTEXT_LENGTH)],
        };
        return this.transaction(async (batch) => {
            // Round trip 2: lock the package row (registering it if new) and read the state.
            const [[pkgRaw], [reentryRaw], [activeRaw], [latestRaw]] = await batch(BEGIN_LOCK_AND_READ, {
                PackageName: [mssql_default().NVarChar(PACKAGE_NAME_LENGTH), request.packageName],
                RetryLimit: [(mssql_default()).Int, request.retryLimit ?? null],
                RunKey: contextParams.RunKey,
            });
            const pkg = (0,catalog_rows/* toPackageRow */.G)(pkgRaw);
            const state = {
                package: pkg,
                reentry: reentryRaw ? (0,catalog_rows/* toExecutionRow */.q)(reentryRaw) : null,
                active: activeRaw ? (0,catalog_rows/* toExecutionRow */.q)(activeRaw) : null,
                latestNextLoadStatus: latestRaw ? String(latestRaw.nextLoadStatus) : null,
            };
            const plan = (0,decision/* decideBegin */.ux)(state, request.retryLimit);
            // Round trip 3: apply the plan (none for a re-entry).
            switch (plan.kind) {
                case 'reenter': {
                    const { executionId, executionStatus, nextLoadStatus, retryCount } = plan.execution;
                    return { executionId, executionStatus, nextLoadStatus, retryCount, plan };
                }
                case 'resume':
                    await batch(BEGIN_RESUME, {
                        ...contextParams,
                        RetryCount: [(mssql_default()).Int, plan.retryCount],
                        ExecutionID: [(mssql_default()).BigInt, plan.executionId],
                    });
                    return {
                        executionId: plan.executionId,
                        executionStatus: 'A',
                        nextLoadStatus: 'P',
                        retryCount: plan.retryCount,
                        plan,
                    };
                case 'insert':
                case 'abandon-and-insert': {
                    const params = {
                        ...contextParams,
                        PackageID: [(mssql_default()).Int, pkg.packageId],
                        ParentExecutionID: [(mssql_default()).BigInt, request.parentExecutionId ?? null],
                        ExecutionStatus: [mssql_default().Char(1), plan.execution.executionStatus],
                        NextLoadStatus: [mssql_default().Char(1), plan.execution.nextLoadStatus],
                        Ended: [(mssql_default()).Bit, plan.execution.ended],
                    };
                    if (plan.kind === 'abandon-and-insert') {
                        Object.assign(params, {
                            EndID: [(mssql_default()).BigInt, plan.abandonedId],
                            EndStatus: [mssql_default().Char(1), 'F'],
                            EndNext: [mssql_default().Char(1), 'R'],
                            EndMessage: [mssql_default().NVarChar((mssql_default()).MAX), plan.abandonMessage],
                        });
                    }
                    const recordsets = await batch(plan.kind === 'insert' ? BEGIN_INSERT : BEGIN_ABANDON_AND_INSERT, params);
                    const inserted = recordsets[recordsets.length - 1][0];
                    return {
                        executionId: String(inserted.executionId),
                        executionStatus: plan.execution.executionStatus,
                        nextLoadStatus: plan.execution.nextLoadStatus,
                        retryCount: 0,
                        plan,
                    };
                }
            }
        });
    }
    async end(request) {
        if (!isExecutionId(request.executionId))
            return { kind: 'not-found' };
        return this.transaction(async (batch) => {
            const [[raw]] = await batch(END_LOCK_AND_READ, { ExecutionID: [(mssql_default()).BigInt, request.executionId] });
            if (!raw)
                return { kind: 'not-found' };
            const before = (0,catalog_rows/* toExecutionRow */.q)(raw);
            const plan = (0,decision/* decideEnd */._1)(before, request.outcome, request.message, request.caller);
            if (plan.kind !== 'end')
                return { kind: plan.kind, execution: before };
            const [[after]] = await batch(END_FINISH, {
                EndID: [(mssql_default()).BigInt, before.executionId],
                EndStatus: [mssql_default().Char(1), plan.executionStatus],
                EndNext: [mssql_default().Char(1), plan.nextLoadStatus],
                EndMessage: [mssql_default().NVarChar((mssql_default()).MAX), plan.errorMessage],
            });
            return { kind: 'ended', execution: (0,catalog_rows/* toExecutionRow */.q)(after) };
        });
    }
    async status(packageName) {
        if (packageName !== undefined && !this.fits(packageName))
            return [];
        const [packages, executions] = packageName === undefined
            ? await this.run((r) => r.query(STATUS_ALL), {})
            : await this.run((r) => r.query(STATUS_ONE), {
                PackageName: [mssql_default().NVarChar(PACKAGE_NAME_LENGTH), packageName],
            });
        const rows = executions.map(catalog_rows/* toExecutionRow */.q);
        return packages.map((raw) => {
            const pkg = (0,catalog_rows/* toPackageRow */.G)(raw);
            const own = rows.filter((row) => row.packageId === pkg.packageId);
            const latest = own.reduce((best, row) => (best === null || BigInt(row.executionId) > BigInt(best.executionId) ? row : best), null);
            return { ...pkg, latest, active: own.find((row) => !row.ended) ?? null };
        });
    }
    async history(packageName, limit) {
        if (!this.fits(packageName))
            return [];
        const [rows] = await this.run((r) => r.query(HISTORY), {
            PackageName: [mssql_default().NVarChar(PACKAGE_NAME_LENGTH), packageName],
            Limit: [(mssql_default()).Int, Math.max(0, Math.min(limit, 2_147_483_647))],
        });
        return rows.map(catalog_rows/* toExecutionRow */.q);
    }
    async setEnabled(packageName, enabled) {
        if (!this.fits(packageName))
            return null;
        const [[raw]] = await this.run((r) => r.query(SET_ENABLED), {
            PackageName: [mssql_default().NVarChar(PACKAGE_NAME_LENGTH), packageName],
            IsEnabled: [(mssql_default()).Bit, enabled],
        });
        return raw ? (0,catalog_rows/* toPackageRow */.G)(raw) : null;
    }
    async setNextLoadStatus(packageName, status) {
        if (!this.fits(packageName))
            return { kind: 'no-package' };
        const [[kindRow], [raw]] = await this.run((r) => r.query(SET_NEXT_LOAD_STATUS), {
            PackageName: [mssql_default().NVarChar(PACKAGE_NAME_LENGTH), packageName],
            Status: [mssql_default().Char(1), status],
        });
        const kind = String(kindRow.kind);
        if (kind === 'changed' || kind === 'active')
            return { kind, execution: (0,catalog_rows/* toExecutionRow */.q)(raw) };
        return { kind };
    }
    async reset(packageName, message) {
        if (!this.fits(packageName))
            return { kind: 'no-package' };
        const [[kindRow], [raw]] = await this.run((r) => r.query(RESET), {
            PackageName: [mssql_default().NVarChar(PACKAGE_NAME_LENGTH), packageName],
            Message: [mssql_default().NVarChar((mssql_default()).MAX), message],
        });
        const kind = String(kindRow.kind);
        if (kind === 'reset')
            return { kind, execution: (0,catalog_rows/* toExecutionRow */.q)(raw) };
        return { kind };
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
    /** A name longer than the column can hold is refused: the server would otherwise cut it. */
    checkName(packageName) {
        if (!this.fits(packageName)) {
            throw new errors/* BfxError */.J(`The package name is longer than the ${PACKAGE_NAME_LENGTH} characters the SQL Server catalog holds ` +
                '(characters such as emoji count twice there), so nothing was changed: use a shorter package name.');
        }
    }
    fits(packageName) {
        return packageName.length <= PACKAGE_NAME_LENGTH;
    }
    bind(request, params) {
        for (const [name, [type, value]] of Object.entries(params))
            request.input(name, type, value);
        return request;
    }
    /** One request outside any transaction (or in one of its own), retried on transient faults. */
    async run(send, params) {
        try {
            return await (0,retry/* retryTransient */.j)(async () => {
                const result = await send(this.bind(this.pool.request(), params));
                return result.recordsets ?? [];
            }, isTransient);
        }
        catch (error) {
            throw this.explain(error, 'request');
        }
    }
    /**
     * Runs work in one transaction on one connection: BEGIN TRAN, the work's batches, COMMIT. On any
     * failure the transaction is rolled back (the server has already done so when XACT_ABORT fired);
     * the whole transaction is retried on transient faults.
     */
    async transaction(work) {
        const attempt = async () => {
            const transaction = new (mssql_default()).Transaction(this.pool);
            await transaction.begin((mssql_default()).ISOLATION_LEVEL.READ_COMMITTED);
            try {
                const result = await work(async (text, params) => {
                    const response = await this.bind(transaction.request(), params).query(text);
                    return response.recordsets ?? [];
                });
                await transaction.commit();
                return result;
            }
            catch (error) {
                try {
                    await transaction.rollback();
                }
                catch {
                    // Already rolled back by the server (XACT_ABORT), or the connection is gone with it.
                }
                throw error;
            }
        };
        try {
            return await (0,retry/* retryTransient */.j)(attempt, isTransient);
        }
        catch (error) {
            throw this.explain(error, 'request');
        }
    }
    explain(error, phase) {
        return (describeFault(error, {
            settings: this.settings,
            phase,
            connectTimeoutMs: this.settings.connectTimeoutMs ?? this.options.connectTimeoutMs,
            requestTimeoutMs: this.settings.requestTimeoutMs ?? this.options.requestTimeoutMs,
            secrets: this.secrets,
            loginErrorNumber: phase === 'connect' ? this.loginErrorNumber : undefined,
        }) ?? error);
    }
}


/***/ }),

/***/ 89017:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ DEFAULT_RETRY_POLICY),
/* harmony export */   j: () => (/* binding */ retryTransient)
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


/***/ }),

/***/ 98422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ toPackageRow),
/* harmony export */   q: () => (/* binding */ toExecutionRow)
/* harmony export */ });
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
