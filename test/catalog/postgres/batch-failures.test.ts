/**
 * The failure paths of the PostgreSQL driver's batch (src/catalog/postgres/pipeline.ts: one
 * Buffer per round trip, a pg.Query by prototype), on a real server: a connection cut after part
 * of a batch's answers, a server that stops answering after part of them (pg's read timeout), the
 * server's session ended in the middle of a batch, notices and parameter changes among a batch's
 * answers. A COMMIT held until pg's read timeout: commit-timeout.test.ts;
 * a server error in the middle of a batch: pipeline.test.ts.
 */
import { createConnection, createServer, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDriver } from '../../../src/catalog/postgres/driver.js';
import { prepared, sendSteps, type StepWriter } from '../../../src/catalog/postgres/pipeline.js';
import { CommitOutcomeUnknown, type Driver, type Outcome, type Step } from '../../../src/catalog/sql/driver.js';
import { startCluster, type Cluster } from '../../support/postgres.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };

let cluster: Cluster;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  cluster = await startCluster();
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await cluster?.destroy();
});

const statement = (text: string, params: Record<string, string | number | null> = {}): Step => ({
  kind: 'statement',
  name: 'NOW',
  text,
  params,
});
const BEGIN: Step = { kind: 'begin', mode: 'package' };
const COMMIT: Step = { kind: 'commit' };
const rowsOf = (outcome: Outcome) => (outcome.ok ? outcome.answer.rows : outcome.error);

/** Settles within `ms`, or fails the test saying it never settled. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const never = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, never]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A proxy that, once armed, passes the server's answers on until it has passed `answers`
 * CommandCompletes, then cuts both connections ('cut') or passes nothing more on, the connection
 * left open ('swallow'): the client has the answers of the first statements of its batch and none
 * of the rest.
 */
async function startCutProxy(port: number) {
  let armed: { answers: number; how: 'cut' | 'swallow' } | undefined;
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    let cutAfter: number | undefined;
    let how: 'cut' | 'swallow' = 'cut';
    let swallowing = false;
    let buffer = Buffer.alloc(0);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (armed !== undefined && cutAfter === undefined) {
        cutAfter = armed.answers;
        how = armed.how;
        armed = undefined;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutAfter === undefined) {
        client.write(chunk);
        return;
      }
      if (swallowing) return;
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 5 && buffer.length >= 1 + buffer.readUInt32BE(1)) {
        const length = 1 + buffer.readUInt32BE(1);
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (message[0] === 0x43 && cutAfter-- === 0) {
          cuts++;
          if (how === 'cut') closeBoth();
          swallowing = true;
          return;
        }
        client.write(message);
      }
    });
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as { port: number }).port,
    /** Cuts (or stops answering on) the connection that sends next, after `answers` statements were answered. */
    cutAfter(answers: number, how: 'cut' | 'swallow' = 'cut') {
      armed = { answers, how };
    },
    cuts: () => cuts,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((closed) => server.close(closed));
    },
  };
}

describe("a PostgreSQL batch's connection lost", () => {
  it('after part of its answers: send rejects at once with the loss, commits nothing, and the next connection works', async () => {
    const url = await cluster.createDatabase();
    const database = new URL(url).pathname.slice(1);
    await cluster.sql('CREATE TABLE t (k integer PRIMARY KEY, v text)', [], database);
    const proxy = await startCutProxy(cluster.port);
    const driver = openDriver(`postgres://postgres@127.0.0.1:${proxy.port}/${database}`, OPTIONS);
    try {
      await driver.connect();
      // BEGIN and its limits answered, the first INSERT answered, then the connection is cut.
      proxy.cutAfter(3);
      const started = performance.now();
      const lost = await within(
        5_000,
        driver
          .send([
            BEGIN,
            statement('INSERT INTO t (k, v) VALUES (1, @V)', { V: 'one' }),
            statement('SELECT pg_sleep(0.2)'),
            statement('INSERT INTO t (k, v) VALUES (2, @V)', { V: 'two' }),
          ])
          .then(
            () => 'answered',
            (error: unknown) => error,
          ),
      );
      expect(proxy.cuts()).toBe(1);
      expect(lost).toBeInstanceOf(Error);
      expect((lost as Error).message).toMatch(/Connection terminated/);
      // Not pg's read timeout: the loss itself.
      expect(performance.now() - started).toBeLessThan(OPTIONS.requestTimeoutMs);
      // The server rolled the transaction back with its session.
      await within(
        5_000,
        (async () => {
          for (;;) {
            const sessions = await cluster.sql(
              "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in%'",
              [database],
            );
            if (sessions[0].n === 0) return;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        })(),
      );
      expect(await cluster.sql('SELECT k FROM t', [], database)).toEqual([]);
      // The driver let the connection go: it connects again, and the same statements work.
      await driver.connect();
      const again = await within(
        5_000,
        driver.send([BEGIN, statement('INSERT INTO t (k, v) VALUES (3, @V)', { V: 'three' }), COMMIT]),
      );
      expect(again.map((outcome) => outcome.ok)).toEqual([true, true, true]);
      expect(await cluster.sql('SELECT k, v FROM t', [], database)).toEqual([{ k: 3, v: 'three' }]);
    } finally {
      await driver.close();
      await proxy.close();
    }
    expect(unhandled).toEqual([]);
  });

  it("when the server stops answering after part of its answers: send rejects at pg's read timeout, not later, and the next connection works", async () => {
    const url = await cluster.createDatabase();
    const database = new URL(url).pathname.slice(1);
    await cluster.sql('CREATE TABLE t (k integer PRIMARY KEY, v text)', [], database);
    const proxy = await startCutProxy(cluster.port);
    // pg's read timeout is the request timeout and 5 s (driver.ts).
    const options = { ...OPTIONS, requestTimeoutMs: 500 };
    const driver = openDriver(`postgres://postgres@127.0.0.1:${proxy.port}/${database}`, options);
    try {
      await driver.connect();
      // Outside a transaction: the server's own idle-in-transaction limit would end the session first.
      proxy.cutAfter(1, 'swallow');
      const started = performance.now();
      const timedOut = await within(
        10_000,
        driver
          .send([statement('SELECT 1 AS "one"'), statement('SELECT 2 AS "two"'), statement('SELECT 3 AS "three"')])
          .then(
            () => 'answered',
            (error: unknown) => error,
          ),
      );
      const waited = performance.now() - started;
      expect(proxy.cuts()).toBe(1);
      expect(timedOut).toBeInstanceOf(Error);
      expect((timedOut as Error).message).toMatch(/Query read timeout/);
      expect(waited).toBeGreaterThan(options.requestTimeoutMs + 4_500);
      expect(waited).toBeLessThan(options.requestTimeoutMs + 7_000);
      // What the core does with a lost connection: drop it, connect again.
      driver.drop();
      await driver.connect();
      const again = await within(
        5_000,
        driver.send([BEGIN, statement('INSERT INTO t (k, v) VALUES (3, @V)', { V: 'three' }), COMMIT]),
      );
      expect(again.map((outcome) => outcome.ok)).toEqual([true, true, true]);
      expect(await cluster.sql('SELECT k, v FROM t', [], database)).toEqual([{ k: 3, v: 'three' }]);
    } finally {
      await driver.close();
      await proxy.close();
    }
    expect(unhandled).toEqual([]);
  }, 20_000);

  it('its session ended by the server in the middle of it: send settles with the loss, and the next connection works', async () => {
    const url = await cluster.createDatabase();
    const database = new URL(url).pathname.slice(1);
    await cluster.sql('CREATE TABLE t (k integer PRIMARY KEY, v text)', [], database);
    const driver: Driver = openDriver(url, OPTIONS);
    try {
      await driver.connect();
      const sending = driver.send([
        BEGIN,
        statement("INSERT INTO t (k, v) VALUES (1, 'one')"),
        statement("SELECT pg_sleep(5), 'marker' AS m"),
        statement("INSERT INTO t (k, v) VALUES (2, 'two')"),
        COMMIT,
      ]);
      const settled = sending.then(
        () => 'answered',
        (error: unknown) => error,
      );
      // Once the batch sleeps, another session ends it (pg's client sees an error, then its end).
      await within(
        5_000,
        (async () => {
          for (;;) {
            const ended = await cluster.sql(
              "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%''marker''%' AND pid <> pg_backend_pid()",
              [database],
            );
            if (ended.length > 0) return;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        })(),
      );
      const lost = await within(3_000, settled);
      expect(lost).toBeInstanceOf(Error);
      expect(lost).toMatchObject({ code: '57P01' });
      expect(await cluster.sql('SELECT k FROM t', [], database)).toEqual([]);
      await driver.connect();
      const again = await within(
        5_000,
        driver.send([BEGIN, statement("INSERT INTO t (k, v) VALUES (3, 'x')"), COMMIT]),
      );
      expect(again.map((outcome) => outcome.ok)).toEqual([true, true, true]);
    } finally {
      await driver.close();
    }
    expect(unhandled).toEqual([]);
  });

  it('closed by the driver while a batch is on the wire: the batch is answered, then the connection closes', async () => {
    const url = await cluster.createDatabase();
    const driver = openDriver(url, OPTIONS);
    await driver.connect();
    const sending = driver.send([statement('SELECT pg_sleep(0.3), 1 AS "one"'), statement('SELECT 2 AS "two"')]);
    const closing = driver.close();
    const outcomes = await within(5_000, sending);
    await within(5_000, closing);
    expect(outcomes.map(rowsOf)).toEqual([[{ pg_sleep: '', one: 1 }], [{ two: 2 }]]);
    expect(unhandled).toEqual([]);
  });
});

describe("a PostgreSQL batch's answers", () => {
  it('are not shifted by notices or parameter changes among them', async () => {
    const url = await cluster.createDatabase();
    const driver = openDriver(url, OPTIONS);
    await driver.connect();
    try {
      const outcomes = await within(
        5_000,
        driver.send([
          BEGIN,
          statement('SELECT 1 AS "a"'),
          statement("DO $$ BEGIN RAISE NOTICE 'first'; RAISE NOTICE 'second'; END $$"),
          statement('SELECT 2 AS "b"'),
          statement("SELECT set_config('application_name', 'bfx-changed', false) AS \"c\""),
          statement("SELECT set_config('TimeZone', 'Asia/Tokyo', true) AS \"d\""),
          statement("DO $$ BEGIN RAISE NOTICE 'third'; END $$"),
          statement('SELECT 3 AS "e"'),
          COMMIT,
        ]),
      );
      expect(outcomes.map((outcome) => outcome.ok)).toEqual(Array(9).fill(true));
      expect(outcomes.slice(1).map(rowsOf)).toEqual([
        [{ a: 1 }],
        [],
        [{ b: 2 }],
        [{ c: 'bfx-changed' }],
        [{ d: 'Asia/Tokyo' }],
        [],
        [{ e: 3 }],
        [],
      ]);
      // The connection goes on answering in order.
      const again = await within(5_000, driver.send([statement('SELECT 4 AS "f"'), statement('SELECT 5 AS "g"')]));
      expect(again.map(rowsOf)).toEqual([[{ f: 4 }], [{ g: 5 }]]);
    } finally {
      await driver.close();
    }
    expect(unhandled).toEqual([]);
  });
});

describe('a row the client cannot read', () => {
  it('in a batch holding COMMIT: the COMMIT ran all the same, so its outcome is unknown, never a plain failure', async () => {
    const url = await cluster.createDatabase();
    const database = new URL(url).pathname.slice(1);
    await cluster.sql('CREATE TABLE t (k integer)', [], database);
    const client = new pg.Client({ connectionString: url, pipeline: true });
    await client.connect();
    // integers unreadable: the server answers them, the client cannot read them.
    const types = {
      getTypeParser: ((oid: number) =>
        oid === 23
          ? () => {
              throw new Error('an unreadable integer');
            }
          : (value: string) => value) as typeof pg.types.getTypeParser,
    };
    const writer: StepWriter = {
      begin: () => [{ text: 'BEGIN', values: [] }],
      ddl: (step) => step.text,
      bound: (step) => prepared({ text: step.text, values: [] }),
      answer: (result) => ({ rows: (Array.isArray(result) ? result[result.length - 1] : result).rows, changed: 0 }),
    };
    try {
      const outcomes = await within(
        5_000,
        sendSteps(
          client,
          [BEGIN, statement('INSERT INTO t (k) VALUES (1)'), statement('SELECT 1::integer AS "one"'), COMMIT],
          types,
          writer,
        ),
      );
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false, false]);
      expect(rowsOf(outcomes[2])).toMatchObject({ message: 'an unreadable integer' });
      expect(rowsOf(outcomes[3])).toBeInstanceOf(CommitOutcomeUnknown);
      // It did commit.
      expect(await cluster.sql('SELECT k FROM t', [], database)).toEqual([{ k: 1 }]);
    } finally {
      await client.end();
    }
  });
});

describe('a COMMIT in a batch of its own, behind a failure in an earlier batch of the round trip', () => {
  it('fails: the server answers it ROLLBACK, and nothing is committed', async () => {
    const url = await cluster.createDatabase();
    const database = new URL(url).pathname.slice(1);
    await cluster.sql('CREATE TABLE t (k integer)', [], database);
    const driver = openDriver(url, OPTIONS);
    await driver.connect();
    try {
      // The DDL step splits the round trip: BEGIN and the failing statement, the DDL, then COMMIT alone.
      const outcomes = await within(
        5_000,
        driver.send([
          BEGIN,
          statement('INSERT INTO t (k) VALUES (1)'),
          statement('SELECT 1 / 0 AS "boom"'),
          { kind: 'ddl', text: 'CREATE TABLE u (k integer)' },
          COMMIT,
        ]),
      );
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false, false, false]);
      expect(rowsOf(outcomes[2])).toMatchObject({ code: '22012' });
      expect(rowsOf(outcomes[4])).toMatchObject({ message: expect.stringMatching(/rolled back/) as unknown });
      await driver.rollback();
      expect(await cluster.sql('SELECT k FROM t', [], database)).toEqual([]);
      const again = await within(5_000, driver.send([BEGIN, statement('INSERT INTO t (k) VALUES (2)'), COMMIT]));
      expect(again.map((outcome) => outcome.ok)).toEqual([true, true, true]);
    } finally {
      await driver.close();
    }
  });
});
