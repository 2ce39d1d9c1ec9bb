/**
 * The parts of the SQL Server engine that need no SQL Server: the driver config tedious accepts,
 * which faults are retried, the sentences users read, and real connection failures against local
 * sockets (a closed port, a server that never answers, one that hangs up).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import sql from 'mssql';
import { Connection } from 'tedious';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BfxError } from '../../src/errors.js';
import { openCatalog } from '../../src/catalog/connect.js';
import { parseMssqlConnectionString, toMssqlConfig } from '../../src/catalog/mssql/connection-string.js';
import { describeFault, isTransient, type FaultContext } from '../../src/catalog/mssql/engine.js';

const PASSWORD = 'Pa55-w0rd;secret';
const OPTIONS = { createCatalog: true, connectTimeoutMs: 1_000, requestTimeoutMs: 2_000 };

function context(phase: FaultContext['phase'], loginErrorNumber?: number): FaultContext {
  return {
    settings: parseMssqlConnectionString(
      `Server=tcp:db.example.com,1433;Database=Catalog;User ID=loader;Password={${PASSWORD}}`,
    ),
    phase,
    connectTimeoutMs: 15_000,
    requestTimeoutMs: 30_000,
    secrets: [PASSWORD],
    loginErrorNumber,
  };
}

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

describe('mssql engine: the driver config', () => {
  it.each([
    'Server=tcp:h,1433;Database=d;User Id=u;Password=p;Encrypt=strict',
    'Server=h\\INST;Database=d;User Id=u;Password=p;Encrypt=false;TrustServerCertificate=true;HostNameInCertificate=x',
    'Server=h;Database=d;Authentication=ActiveDirectoryDefault',
    'Server=h;Database=d;Authentication=ActiveDirectoryManagedIdentity;User Id=abc',
    'mssql://u:p@h:2000/d?encrypt=true&trustServerCertificate=true&appName=etl',
  ])('is accepted by tedious as mssql passes it on: %s', (connectionString) => {
    const settings = parseMssqlConnectionString(connectionString);
    const pool = new sql.ConnectionPool(toMssqlConfig(settings, OPTIONS)) as unknown as { _config(): object };
    const connection = new Connection(pool._config() as never) as unknown as {
      config: { server: string; options: Record<string, unknown>; authentication: { type: string } };
    };
    expect(connection.config.server).toBe(settings.server);
    expect(connection.config.options).toMatchObject({
      encrypt: settings.encrypt,
      trustServerCertificate: settings.trustServerCertificate,
      useUTC: true,
      abortTransactionOnError: true,
      connectTimeout: settings.connectTimeoutMs ?? 1_000,
      requestTimeout: 2_000,
      appName: settings.appName,
    });
    if (settings.instanceName) expect(connection.config.options.instanceName).toBe(settings.instanceName);
    else expect(connection.config.options.port).toBe(settings.port);
  });
});

describe('mssql engine: transient faults', () => {
  it.each([1205, 1222, 40613, 40501, 40197, 10928, 10929, 49918, 49919, 49920])('retries error %i', (number) => {
    expect(isTransient(requestError(number))).toBe(true);
  });

  it('retries a number found only on the wrapped tedious error, or among the preceding errors', () => {
    expect(isTransient({ code: 'EREQUEST', originalError: { info: { number: 1205 } } })).toBe(true);
    expect(isTransient(Object.assign(requestError(3998), { precedingErrors: [requestError(1205)] }))).toBe(true);
  });

  it.each([
    connectionError('ESOCKET', 'Connection lost - read ECONNRESET', { code: 'ECONNRESET' }),
    connectionError('ECONNCLOSED', 'Connection is closed.'),
    Object.assign(new Error('Connection closed before request completed.'), { code: 'ECLOSE' }),
    connectionError('ESOCKET', 'Failed to connect to h:1433 - connect ECONNREFUSED', { code: 'ECONNREFUSED' }),
  ])('retries a dropped connection: %s', (error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each([
    requestError(2627, 'Violation of UNIQUE KEY constraint'),
    requestError(229, 'The SELECT permission was denied'),
    connectionError('ELOGIN', "Login failed for user 'loader'."),
    connectionError('ETIMEOUT', 'Failed to connect to h:1433 in 15000ms'),
    connectionError('ESOCKET', 'Failed to connect to h:1433 - self-signed certificate', {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    }),
    connectionError('ESOCKET', 'Failed to connect to h:1433 - getaddrinfo ENOTFOUND h', { code: 'ENOTFOUND' }),
    new BfxError('already explained'),
    new TypeError('a bug'),
  ])('does not retry %s', (error) => {
    expect(isTransient(error)).toBe(false);
  });
});

describe('mssql engine: what the user reads', () => {
  it.each([
    [
      connectionError('ELOGIN', "Login failed for user 'loader'."),
      'connect',
      18456,
      /refused the login for user "loader".*check User ID and Password/,
    ],
    [
      connectionError('ELOGIN', "Login failed for user 'loader'."),
      'connect',
      undefined,
      /refused the login for user "loader"/,
    ],
    [
      connectionError('ELOGIN', 'Cannot open database "Catalog" requested by the login. The login failed.'),
      'connect',
      4060,
      /has no database "Catalog"/,
    ],
    [
      connectionError(
        'ELOGIN',
        "Cannot open server 'db' requested by the login. Client with IP address '1.2.3.4' is not allowed to access the server.",
      ),
      'connect',
      40615,
      /firewall.*1\.2\.3\.4/,
    ],
    [
      connectionError('EENCRYPT', "Server requires encryption, set 'encrypt' config option to true."),
      'connect',
      undefined,
      /set Encrypt=True/,
    ],
    [
      connectionError('ESOCKET', 'Failed to connect to db.example.com:1433 - self-signed certificate', {
        code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      }),
      'connect',
      undefined,
      /certificate this runner does not trust.*TrustServerCertificate=True/,
    ],
    [
      connectionError('ESOCKET', 'getaddrinfo ENOTFOUND db.example.com', { code: 'ENOTFOUND' }),
      'connect',
      undefined,
      /could not be found \(DNS\)/,
    ],
    [
      connectionError('ETIMEOUT', 'Failed to connect to db.example.com:1433 in 15000ms'),
      'connect',
      undefined,
      /connect timeout of 15 s/,
    ],
    [
      Object.assign(new Error('Timeout: Request failed to complete in 30000ms'), { code: 'ETIMEOUT' }),
      'request',
      undefined,
      /request timeout of 30 s.*rolled back/,
    ],
    [
      connectionError('ESOCKET', 'connect ECONNREFUSED 10.0.0.1:1433', { code: 'ECONNREFUSED' }),
      'connect',
      undefined,
      /refused the connection on port 1433/,
    ],
    [
      connectionError('ESOCKET', 'Connection lost - read ECONNRESET', { code: 'ECONNRESET' }),
      'request',
      undefined,
      /kept dropping.*6 attempts/,
    ],
    [requestError(1205, 'Transaction was deadlocked'), 'request', undefined, /stayed busy or unavailable \(error 1205/],
    [
      requestError(
        229,
        "The INSERT permission was denied on the object 'Execution', database 'Catalog', schema 'bfx'.",
      ),
      'request',
      undefined,
      /may not do this.*INSERT permission.*SELECT, INSERT and UPDATE on schema bfx/,
    ],
    [
      requestError(262, 'CREATE TABLE permission denied in database'),
      'request',
      undefined,
      /may not do this.*bfx migrate/,
    ],
    [requestError(208, "Invalid object name 'bfx.Execution'."), 'request', undefined, /lacks a bfx table/],
    [
      requestError(9002, "The transaction log for database 'Catalog' is full"),
      'request',
      undefined,
      /refused the request with error 9002/,
    ],
  ] as const)('%s', (error, phase, loginErrorNumber, pattern) => {
    const explained = describeFault(error, context(phase, loginErrorNumber));
    expect(explained).toBeInstanceOf(BfxError);
    expect(explained!.message).toMatch(pattern);
    expect(explained!.message).not.toContain(PASSWORD);
    expect(explained!.message).toMatch(/, so .+: .+\.$/);
    expect(explained!.message).toContain('db.example.com');
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

describe('mssql engine: failing to connect, for real', () => {
  let silent: Server;
  let hangUp: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket)); // accepts, never answers
    hangUp = createServer((socket) => socket.destroy()); // accepts, hangs up at once
    await Promise.all(
      [silent, hangUp].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))),
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all([silent, hangUp].map((server) => new Promise((resolve) => server.close(resolve))));
  });
  const port = (server: Server) => (server.address() as AddressInfo).port;

  async function failure(connectionString: string): Promise<{ error: unknown; ms: number }> {
    const started = Date.now();
    try {
      await openCatalog(connectionString, OPTIONS);
    } catch (error) {
      return { error, ms: Date.now() - started };
    }
    throw new Error('connected, which it should not have');
  }

  it('gives up within the connect timeout on a server that never answers', async () => {
    const { error, ms } = await failure(
      `Server=127.0.0.1,${port(silent)};Database=d;User Id=sa;Password={${PASSWORD}}`,
    );
    expect(error).toBeInstanceOf(BfxError);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:\d+\/d did not answer within the connect timeout of 1 s/);
    expect((error as Error).message).not.toContain(PASSWORD);
    expect(ms).toBeLessThan(3_000);
  });

  it('retries, then explains, a server that hangs up', async () => {
    const { error } = await failure(`mssql://sa:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port(hangUp)}/d`);
    expect(error).toBeInstanceOf(BfxError);
    expect((error as Error).message).toMatch(/Could not connect to the SQL Server 127\.0\.0\.1:\d+\/d/);
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it('explains a closed port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = port(closed);
    await new Promise((resolve) => closed.close(resolve));
    const { error } = await failure(
      `Server=tcp:127.0.0.1,${closedPort};Database=d;User Id=sa;Password=${PASSWORD.replace(';', '')}`,
    );
    expect(error).toBeInstanceOf(BfxError);
    expect((error as Error).message).toMatch(/refused the connection on port \d+/);
    expect((error as Error).message).not.toContain(PASSWORD.replace(';', ''));
  });
});
