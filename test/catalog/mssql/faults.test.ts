/**
 * SQL Server fault translation without a server: which faults are retried, and the one sentence
 * users read for each. The errors are shaped like those mssql, tedious and @azure/identity throw.
 */
import { describe, expect, it } from 'vitest';
import { LockViolation } from '../../../src/catalog/catalog.js';
import { parseMssqlConnectionString } from '../../../src/catalog/mssql/connection-string.js';
import {
  CommitOutcomeUnknown,
  EncryptionDeclined,
  LoginFailure,
  describeFault,
  faults,
  isConnectionLoss,
  isGuardFailure,
  isTransient,
  isTransientLogin,
  isUniqueViolation,
  loginErrorNumbers,
  type FaultContext,
} from '../../../src/catalog/mssql/faults.js';
import { BfxError } from '../../../src/errors.js';

const PASSWORD = 'Pa55-w0rd;secret';

function context(phase: FaultContext['phase'], connectionString?: string, what?: string): FaultContext {
  return {
    settings: parseMssqlConnectionString(
      connectionString ?? `Server=tcp:db.example.com,1433;Database=Catalog;User ID=loader;Password={${PASSWORD}}`,
    ),
    schema: 'bfx',
    phase,
    what,
    connectTimeoutMs: 15_000,
    requestTimeoutMs: 30_000,
    loginRetries: 'for about 75 s',
    requestAttempts: 6,
    secrets: [PASSWORD],
  };
}
const ENTRA_DEFAULT = 'Server=tcp:db.example.com,1433;Database=Catalog;Authentication=Active Directory Default';
const ENTRA_MSI = 'Server=tcp:db.example.com,1433;Database=Catalog;Authentication=Active Directory Managed Identity';

/** Shaped like the errors mssql hands back: RequestError with number, ConnectionError wrapping tedious's. */
const requestError = (number: number, message = `server error ${number}`) =>
  Object.assign(new Error(message), {
    name: 'RequestError',
    code: 'EREQUEST',
    number,
    originalError: { info: { number, message } },
  });
const connectionError = (code: string, message: string, cause?: object) =>
  Object.assign(new Error(message), {
    name: 'ConnectionError',
    code,
    originalError: Object.assign(new Error(message), { code, cause }),
  });
/** tedious's ELOGIN, as the engine hands it on: with the numbers the connection's errorMessage event carried. */
const login = (number: number, message: string) =>
  new LoginFailure(connectionError('ELOGIN', message), [{ number, message }]);
/** tedious's Entra ID failure: AggregateError [EFEDAUTH, the credential's error], wrapped by mssql. */
const tokenFailure = (credentialError: Error) => {
  const aggregate = new AggregateError([
    Object.assign(new Error('Security token could not be authenticated or authorized.'), {
      name: 'ConnectionError',
      code: 'EFEDAUTH',
    }),
    credentialError,
  ]);
  return Object.assign(new Error(aggregate.message), { name: 'ConnectionError', originalError: aggregate });
};
const named = (name: string, message: string, extra: object = {}) => Object.assign(new Error(message), { name }, extra);

describe('SQL Server faults: what is retried', () => {
  it.each([1204, 1205, 1222, 40143, 40540, 40613, 40501, 40197, 10928, 10929, 49918, 49919, 49920, 51003, 51004])(
    'retries error %i on a live connection',
    (number) => {
      expect(isTransient(requestError(number))).toBe(true);
    },
  );

  it('retries a number found only on the wrapped tedious error, or among the preceding errors', () => {
    expect(isTransient({ code: 'EREQUEST', originalError: { info: { number: 1205 } } })).toBe(true);
    expect(isTransient(Object.assign(requestError(3998), { precedingErrors: [requestError(1205)] }))).toBe(true);
  });

  it.each([40613, 40501, 40197, 10928, 10929, 4060])(
    'retries a login refused with %i (Azure SQL moving, resuming or busy)',
    (number) => {
      const error = login(number, 'Database is not currently available.');
      expect(loginErrorNumbers(error)).toEqual([number]);
      expect(isTransientLogin(error)).toBe(true);
      expect(isTransient(error)).toBe(true);
    },
  );

  it('retries a database login refused with 4060 and then 18456: any transient number counts, not only the last', () => {
    const error = new LoginFailure(connectionError('ELOGIN', "Login failed for user 'loader'."), [
      { number: 4060, message: 'Cannot open database "Catalog" requested by the login. The login failed.' },
      { number: 18456, message: "Login failed for user 'loader'." },
    ]);
    expect(loginErrorNumbers(error)).toEqual([4060, 18456]);
    expect(isTransient(error)).toBe(true);
    const explained = describeFault(error, context('connect'));
    expect(explained?.message).toMatch(/has no database "Catalog" that this login can open/);
    expect(explained?.message).not.toMatch(/password/);
  });

  it.each([18456, 18452, 40615, 916])('does not retry a login refused with %i', (number) => {
    const error = login(number, "Login failed for user 'loader'.");
    expect(isTransientLogin(error)).toBe(false);
    expect(isTransient(error)).toBe(false);
  });

  it('does not retry a login whose number was not heard, nor a refused token', () => {
    expect(isTransient(connectionError('ELOGIN', 'Login failed.'))).toBe(false);
    expect(isTransient(tokenFailure(named('CredentialUnavailableError', 'no credential')))).toBe(false);
  });

  it.each([
    connectionError('ESOCKET', 'Connection lost - read ECONNRESET', { code: 'ECONNRESET' }),
    connectionError('ECONNCLOSED', 'Connection is closed.'),
    Object.assign(new Error('Connection closed before request completed.'), { code: 'ECLOSE' }),
    connectionError('ESOCKET', 'Failed to connect to h:1433 - connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
  ])('retries a dropped connection once the server had answered, not before: %s', (error) => {
    expect(isConnectionLoss(error)).toBe(true);
    expect(isTransient(error, true)).toBe(true);
    expect(isTransient(error, false)).toBe(false);
  });

  it.each([
    requestError(2627, 'Violation of UNIQUE KEY constraint'),
    requestError(229, 'The SELECT permission was denied'),
    requestError(51000, 'bfx-begin: execution 5 was no longer active under its package lock.'),
    requestError(51001, 'Another bfx migrate held the lock'),
    connectionError('ELOGIN', "Login failed for user 'loader'."),
    connectionError('ETIMEOUT', 'Failed to connect to h:1433 in 15000ms'),
    connectionError('ESOCKET', 'Failed to connect to h:1433 - self-signed certificate', {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    }),
    connectionError('ESOCKET', 'Failed to connect to h:1433 - getaddrinfo ENOTFOUND h', { code: 'ENOTFOUND' }),
    new BfxError('already explained'),
    new LockViolation('5'),
    new TypeError('a bug'),
  ])('does not retry %s', (error) => {
    expect(isTransient(error)).toBe(false);
  });
});

describe('SQL Server faults: a guarded update that found its row changed', () => {
  it("is the THROW of statements.ts (51000), which the core reports as the execution's LockViolation", () => {
    expect(isGuardFailure(requestError(51000, 'bfx-begin: the execution was no longer as the decision read it.'))).toBe(
      true,
    );
    expect(isGuardFailure(requestError(1205))).toBe(false);
    expect(isTransient(requestError(51000))).toBe(false);
  });

  it('is left to be reported as a bug, not explained away', () => {
    expect(describeFault(new LockViolation('5'), context('request'))).toBeUndefined();
  });
});

describe('SQL Server faults: a unique key met', () => {
  it("is a rename's name taken meanwhile (2627 or 2601), which is not retried", () => {
    for (const number of [2627, 2601]) {
      const error = requestError(number, 'Cannot insert duplicate key row');
      expect([isUniqueViolation(error), isTransient(error)]).toEqual([true, false]);
    }
    expect(isUniqueViolation(requestError(51004))).toBe(false);
  });
});

describe('SQL Server faults: the Faults the SQL core reads', () => {
  const catalogFaults = faults({
    settings: parseMssqlConnectionString(
      `Server=tcp:db.example.com,1433;Database=Catalog;User ID=loader;Password={${PASSWORD}}`,
    ),
    schema: 'bfx',
    connectTimeoutMs: 15_000,
    requestTimeoutMs: 30_000,
    secrets: [PASSWORD],
  });

  it("words a connect's failure and a transaction's in one sentence each, never with the password", () => {
    const connect = catalogFaults.explain(connectionError('ETIMEOUT', 'Failed to connect in 15000ms'), 'connect');
    expect((connect as Error).message).toMatch(/did not answer within the connect timeout of 15 s/);
    const begin = catalogFaults.explain(requestError(9002, `log full ${PASSWORD}`), 'begin package "P"');
    expect((begin as Error).message).toMatch(/so bfx could not begin package "P" and nothing was changed: /);
    expect((begin as Error).message).not.toContain(PASSWORD);
  });

  it('leaves a bug as it is, its message without the password', () => {
    const bug = new TypeError(`x of ${PASSWORD} is undefined`);
    expect(catalogFaults.explain(bug, 'read the status')).toBe(bug);
    expect(bug.message).not.toContain(PASSWORD);
  });

  it('waits for a database that resumes on the login schedule, and for a deadlock on the default one', () => {
    const login = new LoginFailure(Object.assign(new Error('refused'), { code: 'ELOGIN' }), [
      { number: 40613, message: 'not available' },
    ]);
    expect(catalogFaults.schedule({ error: login, attempt: 6, elapsedMs: 20_000 })).toBeGreaterThan(0);
    expect(catalogFaults.schedule({ error: requestError(1205), attempt: 6, elapsedMs: 1_000 })).toBeUndefined();
  });
});

describe('SQL Server faults: what the user reads', () => {
  it.each([
    [
      login(18456, "Login failed for user 'loader'."),
      'connect',
      /refused the login for user "loader".*check User ID and Password/,
    ],
    [connectionError('ELOGIN', "Login failed for user 'loader'."), 'connect', /refused the login for user "loader"/],
    [
      login(4060, 'Cannot open database "Catalog" requested by the login. The login failed.'),
      'connect',
      /has no database "Catalog".*retried for about 75 s/,
    ],
    [
      login(40613, "Database 'Catalog' on server 'db' is not currently available. Please retry the connection later."),
      'connect',
      /Azure SQL database db\.example\.com\/Catalog stayed unavailable or busy at login \(error 40613: .*not currently available.*\) though the login was retried for about 75 s.*serverless database resumes.*ConnectRetryCount/,
    ],
    [
      login(
        40615,
        "Cannot open server 'db' requested by the login. Client with IP address '1.2.3.4' is not allowed to access the server.",
      ),
      'connect',
      /firewall.*1\.2\.3\.4/,
    ],
    [
      Object.assign(new Error('Failed'), {
        name: 'ConnectionError',
        code: 'EDOWNGRADE',
        originalError: new EncryptionDeclined('NOT_SUP'),
      }),
      'connect',
      /^The SQL Server db\.example\.com\/Catalog answered that it does not encrypt connections, so bfx-begin did not send the login \(its password would have crossed the network in clear\) and nothing was changed: .*Encrypt=Strict/,
    ],
    [
      connectionError('ESOCKET', 'Failed to connect to db.example.com:1433 - self-signed certificate', {
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      }),
      'connect',
      /certificate this runner does not trust.*TrustServerCertificate=True/,
    ],
    [
      connectionError('ESOCKET', 'getaddrinfo ENOTFOUND db.example.com', { code: 'ENOTFOUND' }),
      'connect',
      /could not be found \(DNS\)/,
    ],
    [
      connectionError('ETIMEOUT', 'Failed to connect to db.example.com:1433 in 15000ms'),
      'connect',
      /connect timeout of 15 s/,
    ],
    [
      Object.assign(new Error('Timeout: Request failed to complete in 30000ms'), { code: 'ETIMEOUT' }),
      'request',
      /request timeout of 30 s.*so nothing was changed unless its COMMIT had already reached the server/,
    ],
    [
      connectionError('ESOCKET', 'connect ECONNREFUSED 10.0.0.1:1433', { code: 'ECONNREFUSED' }),
      'connect',
      /refused the connection on port 1433/,
    ],
    [
      connectionError('ESOCKET', 'Connection lost - read ECONNRESET', { code: 'ECONNRESET' }),
      'request',
      /kept dropping.*6 attempts/,
    ],
    [requestError(1205, 'Transaction was deadlocked'), 'request', /stayed busy or unavailable \(error 1205/],
    [
      requestError(
        229,
        "The INSERT permission was denied on the object 'Execution', database 'Catalog', schema 'bfx'.",
      ),
      'request',
      /may not do this.*INSERT permission.*SELECT, INSERT and UPDATE on schema bfx/,
    ],
    [requestError(262, 'CREATE TABLE permission denied in database'), 'request', /may not do this.*bfx migrate/],
    [requestError(208, "Invalid object name 'bfx.Execution'."), 'request', /lacks a table of schema bfx/],
    [requestError(208, "Invalid object name '[bfx].[Execution]'."), 'request', /lacks a table of schema bfx/],
    [
      requestError(208, "Invalid object name 'OPENJSON'."),
      'request',
      /database db\.example\.com\/Catalog is at a compatibility level below 130, .*SET COMPATIBILITY_LEVEL = 150/,
    ],
    [
      requestError(51001, 'Another bfx migrate held the lock'),
      'request',
      /Another bfx migrate held the migration lock/,
    ],
    [
      requestError(9002, "The transaction log for database 'Catalog' is full"),
      'request',
      /refused the request with error 9002/,
    ],
  ] as const)('%s', (error, phase, pattern) => {
    const explained = describeFault(error, context(phase));
    expect(explained).toBeInstanceOf(BfxError);
    expect(explained!.message).toMatch(pattern);
    expect(explained!.message).not.toContain(PASSWORD);
    expect(explained!.message).toMatch(/, so .+: .+\.$/);
    expect(explained!.message).toContain('db.example.com');
  });

  it('never says "nothing was changed" of a request holding COMMIT that timed out: retried as a dropped connection', () => {
    const timeout = Object.assign(new Error('Timeout: Request failed to complete in 30000ms'), { code: 'ETIMEOUT' });
    const unknown = new CommitOutcomeUnknown(timeout);
    expect([isTransient(unknown, true), isConnectionLoss(unknown)]).toEqual([true, true]);
    // Not a plain request timeout, which is not retried (the server rolled it back: XACT_ABORT).
    expect([isTransient(timeout, true), isConnectionLoss(timeout)]).toEqual([false, false]);
    const explained = describeFault(unknown, context('request', undefined, 'end execution 10'));
    expect(explained!.message).toMatch(
      /^The SQL Server catalog db\.example\.com\/Catalog did not answer a request holding a COMMIT within the request timeout of 30 s, .*so bfx cannot tell whether it managed to end execution 10: /,
    );
    expect(explained!.message).not.toMatch(/nothing was changed/);
  });

  it('names the operation that failed', () => {
    const explained = describeFault(
      requestError(1205, 'deadlocked'),
      context('request', undefined, 'begin package "P"'),
    );
    expect(explained!.message).toMatch(
      /so bfx could not begin package "P" and nothing was changed: run the step again later\.$/,
    );
  });

  it('strips the password from server text that would carry it', () => {
    const explained = describeFault(requestError(50000, `odd message with ${PASSWORD} inside`), context('request'));
    expect(explained!.message).not.toContain(PASSWORD);
    expect(explained!.message).toContain('***');
  });

  it('leaves an error that is no fault of the catalog to be reported as a bug', () => {
    expect(describeFault(new TypeError('x is undefined'), context('request'))).toBeUndefined();
  });
});

describe('SQL Server faults: Microsoft Entra ID', () => {
  const sentence = (error: unknown, connectionString: string) => {
    const explained = describeFault(error, context('connect', connectionString));
    expect(explained).toBeInstanceOf(BfxError);
    expect(explained!.message).toMatch(/, so no connection was made: .+\.$|, so nothing was changed: .+\.$/);
    expect(explained!.message.split('\n')).toHaveLength(1);
    return explained!.message;
  };

  it('says to run azure/login when DefaultAzureCredential found no credential', () => {
    const unavailable = named(
      'AggregateAuthenticationError',
      'ChainedTokenCredential authentication failed.\nCredentialUnavailableError: EnvironmentCredential is unavailable.',
      {
        errors: [
          named(
            'CredentialUnavailableError',
            'EnvironmentCredential is unavailable. No underlying credential could be used.',
          ),
        ],
      },
    );
    const message = sentence(tokenFailure(unavailable), ENTRA_DEFAULT);
    expect(message).toMatch(
      /could not get a Microsoft Entra ID token for the SQL Server db\.example\.com\/Catalog with Authentication=Active Directory Default/,
    );
    expect(message).toMatch(/no credential could give a token: ChainedTokenCredential authentication failed/);
    expect(message).toMatch(/run azure\/login \(OIDC, with permissions id-token: write\) in the job before this step/);
  });

  it("gives Entra ID's own reason when it refused the token request", () => {
    const refused = named(
      'AuthenticationError',
      'invalid_client Status code: 400\nMore details:\nAADSTS70021: No matching federated identity record found for presented assertion.,',
    );
    const message = sentence(tokenFailure(refused), ENTRA_DEFAULT);
    expect(message).toMatch(
      /Microsoft Entra ID refused the token request: AADSTS70021: No matching federated identity record found/,
    );
  });

  it('says what a managed identity needs', () => {
    const message = sentence(
      tokenFailure(
        named('CredentialUnavailableError', 'ManagedIdentityCredential: no managed identity endpoint found.'),
      ),
      ENTRA_MSI,
    );
    expect(message).toMatch(
      /from the managed identity of this machine.*run the job on an Azure machine .* that has a managed identity/,
    );
  });

  it('says to create a user for an identity whose token the server accepted but has no user in the database', () => {
    const message = sentence(login(18456, "Login failed for user '<token-identified principal>'."), ENTRA_DEFAULT);
    expect(message).toMatch(/accepted this identity's Microsoft Entra ID token but refused the login/);
    expect(message).toMatch(/CREATE USER \[name\] FROM EXTERNAL PROVIDER/);
  });
});
