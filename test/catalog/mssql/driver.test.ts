/**
 * The parts of the SQL Server driver that need no SQL Server: the config tedious accepts, how
 * logins are retried, real connection failures against local sockets (a closed port, a server
 * that never answers, one that hangs up), and logins on the fake TDS server (refused, retried,
 * never in clear). Fault classification and sentences: faults.test.ts; the requests a round trip
 * sends: requests.test.ts; whole operations on the fake TDS server: round-trips.test.ts.
 */
import { createServer, type Server, type Socket } from 'node:net';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { Connection } from 'tedious';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BfxError } from '../../../src/errors.js';
import { openCatalog, openEngine } from '../../../src/catalog/connect.js';
import { parseMssqlConnectionString, toTediousConfig } from '../../../src/catalog/mssql/connection-string.js';
import {
  DATABASE_MISSING_RETRY_BUDGET_MS,
  LOGIN_RETRY_BUDGET_MS,
  LoginFailure,
  loginRetries,
} from '../../../src/catalog/mssql/faults.js';
import { fakeTdsCa, fakeTdsServer } from '../../support/fake-tds-server.js';
import { byStep } from '../../support/mssql-steps.js';

const PASSWORD = 'Pa55-w0rd;secret';
const OPTIONS = { createCatalog: true, connectTimeoutMs: 1_000, requestTimeoutMs: 2_000 };
/** The catalog on the SQL core, connected, its catalog not checked. */
const open = openEngine;

describe('mssql driver: the driver config', () => {
  it.each([
    'Server=tcp:h,1433;Database=d;User Id=u;Password=p;Encrypt=strict',
    'Server=h\\INST;Database=d;User Id=u;Password=p;Encrypt=true;TrustServerCertificate=true;HostNameInCertificate=x',
    'Server=h;Database=d;Authentication=ActiveDirectoryDefault',
    'Server=h;Database=d;Authentication=ActiveDirectoryManagedIdentity;User Id=abc',
    'mssql://u:p@h:2000/d?encrypt=true&trustServerCertificate=true&appName=etl',
  ])('is accepted by tedious: %s', (connectionString) => {
    const settings = parseMssqlConnectionString(connectionString);
    const connection = new Connection(toTediousConfig(settings, OPTIONS)) as unknown as {
      config: { server: string; options: Record<string, unknown>; authentication: { type: string } };
    };
    expect(connection.config.server).toBe(settings.server);
    expect(connection.config.options).toMatchObject({
      encrypt: settings.encrypt,
      trustServerCertificate: settings.trustServerCertificate,
      useUTC: true,
      abortTransactionOnError: true,
      maxRetriesOnTransientErrors: 0,
      connectTimeout: settings.connectTimeoutMs ?? 1_000,
      requestTimeout: 2_000,
      appName: settings.appName,
    });
    if (settings.instanceName) expect(connection.config.options.instanceName).toBe(settings.instanceName);
    else expect(connection.config.options.port).toBe(settings.port);
  });
});

describe('mssql driver: how failed logins are retried', () => {
  const settings = (extra = '') => parseMssqlConnectionString(`Server=h;Database=d;User Id=u;Password=p${extra}`);
  const refused = (...numbers: number[]) =>
    new LoginFailure(
      Object.assign(new Error('refused'), { code: 'ELOGIN' }),
      numbers.map((number) => ({ number, message: 'refused' })),
    );
  /** The delays a schedule gives, failing fast with this error, until it gives up. */
  function delays(schedule: ReturnType<typeof loginRetries>['schedule'], error: unknown): number[] {
    const result: number[] = [];
    let elapsedMs = 0;
    for (let attempt = 1; attempt < 1000; attempt++) {
      const delay = schedule({ error, attempt, elapsedMs });
      if (delay === undefined) return result;
      result.push(delay);
      elapsedMs += delay + 50; // each login answers in 50 ms
    }
    throw new Error('never gave up');
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  /** When the last retry begins: every wait, and every login before it (the last one's 50 ms come after). */
  const lastRetryBeginsAt = (waits: number[]) => sum(waits) + (waits.length - 1) * 50;

  it('keeps retrying a paused serverless database (40613) for about a minute and a quarter', () => {
    const { schedule, description } = loginRetries(settings());
    const waits = delays(schedule, refused(40613));
    expect(sum(waits)).toBeGreaterThan(60_000);
    expect(lastRetryBeginsAt(waits)).toBeLessThanOrEqual(LOGIN_RETRY_BUDGET_MS);
    expect(Math.max(...waits)).toBeLessThanOrEqual(10_000);
    expect(description).toBe('for about 75 s (15 s for error 4060)');
  });

  it('gives a database that cannot be opened (4060, also a misspelled name) about 15 s', () => {
    const waits = delays(loginRetries(settings()).schedule, refused(4060));
    expect(sum(waits)).toBeGreaterThan(5_000);
    expect(lastRetryBeginsAt(waits)).toBeLessThanOrEqual(DATABASE_MISSING_RETRY_BUDGET_MS);
  });

  it('gives a database login refused with 4060 and then 18456 the 4060 budget, not none', () => {
    const waits = delays(loginRetries(settings()).schedule, refused(4060, 18456));
    expect(sum(waits)).toBeGreaterThan(5_000);
    expect(lastRetryBeginsAt(waits)).toBeLessThanOrEqual(DATABASE_MISSING_RETRY_BUDGET_MS);
  });

  it('retries other transient faults at connect (a dropped socket) with the default policy: 5 retries', () => {
    expect(
      delays(loginRetries(settings()).schedule, Object.assign(new Error('reset'), { code: 'ESOCKET' })),
    ).toHaveLength(5);
  });

  it('honours ConnectRetryCount and ConnectRetryInterval, taking .NET defaults for the one not given', () => {
    const both = loginRetries(settings(';ConnectRetryCount=3;ConnectRetryInterval=5'));
    expect(delays(both.schedule, refused(40613))).toEqual([5_000, 5_000, 5_000]);
    expect(both.description).toBe('3 times, 5 s apart (ConnectRetryCount / ConnectRetryInterval)');
    expect(delays(loginRetries(settings(';Connect Retry Count=2')).schedule, refused(40613))).toEqual([10_000, 10_000]);
    expect(delays(loginRetries(settings(';ConnectRetryInterval=2')).schedule, refused(40613))).toEqual([2_000]);
    expect(delays(loginRetries(settings(';ConnectRetryCount=0')).schedule, refused(40613))).toEqual([]);
  });
});

describe('mssql driver: failing to connect, for real', () => {
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

  it('explains a server that hangs up', async () => {
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

describe('mssql driver: a login Azure SQL refuses while the database resumes, on a fake server', () => {
  // The engine's open(), then one request on its connection: an inspection, which the fake answers with
  // no rows (an empty catalog). openCatalog would go on to migrate, which the fake is not scripted for.
  const connect = async (
    port: number,
    extra: string,
    fake: { answer: (...a: ReturnType<typeof byStep>[]) => void },
  ) => {
    fake.answer(byStep());
    const catalog = await open(
      `Server=127.0.0.1,${port};Database=d;User Id=sa;Password={${PASSWORD}};Encrypt=True;TrustServerCertificate=True${extra}`,
      { ...OPTIONS, connectTimeoutMs: 5_000 },
    );
    expect(await catalog.inspect()).toEqual({ kind: 'empty' });
    return catalog;
  };

  it('hears the error number of a refused login (40613), retries, and connects once the database is back', async () => {
    const fake = await fakeTdsServer({ encryption: 'on', answers: [[40613], [40613], 'ok'] });
    const port = fake.port;
    try {
      const started = Date.now();
      const catalog = await connect(port, ';ConnectRetryCount=3;ConnectRetryInterval=1', fake);
      await catalog.close();
      // Two refused logins 1 s apart, then the one connection, all through TLS.
      expect(fake.logins()).toBe(3);
      expect(fake.clearLogins()).toBe(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    } finally {
      await fake.close();
    }
  });

  it('retries such a login by default too, without ConnectRetryCount in the connection string', async () => {
    const fake = await fakeTdsServer({ encryption: 'on', answers: [[40501], 'ok'] });
    const port = fake.port;
    try {
      await (await connect(port, '', fake)).close();
      expect(fake.logins()).toBe(2);
    } finally {
      await fake.close();
    }
  });

  it('gives up after ConnectRetryCount retries with one sentence naming the error', async () => {
    const fake = await fakeTdsServer({ encryption: 'on', answers: [[40613]] });
    const port = fake.port;
    try {
      const started = Date.now();
      const failure = await connect(port, ';ConnectRetryCount=2;ConnectRetryInterval=1', fake).catch(
        (error: unknown) => error,
      );
      expect(fake.logins()).toBe(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
      expect(failure).toBeInstanceOf(BfxError);
      expect((failure as Error).message).toMatch(
        /^The Azure SQL database 127\.0\.0\.1:\d+\/d stayed unavailable or busy at login \(error 40613: .*\) though the login was retried 2 times, 1 s apart \(ConnectRetryCount \/ ConnectRetryInterval\), so nothing was changed: /,
      );
      expect((failure as Error).message).not.toContain(PASSWORD);
    } finally {
      await fake.close();
    }
  });

  it('does not retry a login refused for good (18456)', async () => {
    const fake = await fakeTdsServer({ encryption: 'on', answers: [[18456]] });
    const port = fake.port;
    try {
      const failure = await connect(port, '', fake).catch((error: unknown) => error);
      expect(fake.logins()).toBe(1);
      expect((failure as Error).message).toMatch(/refused the login for user "sa"/);
    } finally {
      await fake.close();
    }
  });

  it('retries a database login refused with 4060 then 18456, and words the sentence from 4060', async () => {
    const fake = await fakeTdsServer({ encryption: 'on', answers: [[4060, 18456]] });
    try {
      const failure = await connect(fake.port, ';ConnectRetryCount=1;ConnectRetryInterval=1', fake).catch(
        (error: unknown) => error,
      );
      expect(fake.logins()).toBe(2);
      expect(failure).toBeInstanceOf(BfxError);
      expect((failure as Error).message).toMatch(
        /^The SQL Server 127\.0\.0\.1 has no database "d" that this login can open \(retried 1 time, 1 s apart .*\), so nothing was changed: check Database/,
      );
    } finally {
      await fake.close();
    }
  });
});

describe('mssql driver: no login in clear', () => {
  it('refuses a server that answers the pre-login "encryption not supported", before the login is sent', async () => {
    const fake = await fakeTdsServer({ encryption: 'not-supported', answers: ['ok'] });
    try {
      const failure = await open(
        `Server=127.0.0.1,${fake.port};Database=d;User Id=sa;Password={${PASSWORD}};Encrypt=True;TrustServerCertificate=True`,
        { ...OPTIONS, connectTimeoutMs: 5_000 },
      ).catch((error: unknown) => error);
      expect(fake.logins()).toBe(0);
      expect(failure).toBeInstanceOf(BfxError);
      expect((failure as Error).message).toMatch(
        /^The SQL Server 127\.0\.0\.1:\d+\/d answered that it does not encrypt connections, so bfx-begin did not send the login \(its password would have crossed the network in clear\) and nothing was changed: /,
      );
      expect((failure as Error).message).not.toContain(PASSWORD);
    } finally {
      await fake.close();
    }
  });

  it('refuses Encrypt=False before connecting at all', async () => {
    const fake = await fakeTdsServer({ encryption: 'not-supported', answers: ['ok'] });
    try {
      const failure = await open(
        `Server=127.0.0.1,${fake.port};Database=d;User Id=sa;Password={${PASSWORD}};Encrypt=False`,
        OPTIONS,
      ).catch((error: unknown) => error);
      expect(fake.logins()).toBe(0);
      expect((failure as Error).message).toMatch(
        /says Encrypt=False, which would send the password to the server without TLS/,
      );
    } finally {
      await fake.close();
    }
  });
});

describe('mssql driver: Encrypt=Strict, the certificate checked, on a fake server', () => {
  const connectStrict = (port: number) =>
    open(`Server=127.0.0.1,${port};Database=d;User Id=sa;Password={${PASSWORD}};Encrypt=Strict`, {
      ...OPTIONS,
      connectTimeoutMs: 5_000,
    });

  it('refuses a certificate of a CA the runner does not trust, sending no login', async () => {
    const fake = await fakeTdsServer({ encryption: 'strict', answers: ['ok'] });
    try {
      const failure = await connectStrict(fake.port).catch((error: unknown) => error);
      expect(fake.logins()).toBe(0);
      expect(failure).toBeInstanceOf(BfxError);
      expect((failure as Error).message).toMatch(
        /^The SQL Server 127\.0\.0\.1 presented a TLS certificate this runner does not trust \(.*\), so no connection was made: /,
      );
    } finally {
      await fake.close();
    }
  });

  it('logs in inside TLS once the CA is trusted, whatever the pre-login answer inside it says', async () => {
    const fake = await fakeTdsServer({ encryption: 'strict', answers: ['ok'] });
    const defaults = tls.getCACertificates('default');
    tls.setDefaultCACertificates([...defaults, fakeTdsCa()]);
    try {
      const catalog = await connectStrict(fake.port);
      fake.answer(byStep());
      expect(await catalog.inspect()).toEqual({ kind: 'empty' });
      await catalog.close();
      // One login, through TLS.
      expect([fake.logins(), fake.clearLogins()]).toEqual([1, 0]);
    } finally {
      tls.setDefaultCACertificates(defaults);
      await fake.close();
    }
  });
});
