/**
 * The PostgreSQL driver's round trip (src/catalog/postgres/pipeline.ts): the statements between
 * BEGIN and COMMIT go as one batch closed by one Sync. What the core relies on, on a real server:
 * answers in step order, a failure that fails every step after it and commits nothing, one round
 * trip on the wire (a step that cannot be bound: driver.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startWireProxy } from '../../../bench/wire-proxy.js';
import { openDriver } from '../../../src/catalog/postgres/driver.js';
import { commandTag, encodeBatch, prepared, type BoundStatement } from '../../../src/catalog/postgres/pipeline.js';
import type { Driver, Outcome, Step } from '../../../src/catalog/sql/driver.js';
import { startCluster, type Cluster } from '../../support/postgres.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
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

/** A driver on a fresh database holding a table t (k, v). */
async function withDriver<T>(work: (driver: Driver, url: string) => Promise<T>): Promise<T> {
  const url = await cluster.createDatabase();
  await cluster.sql('CREATE TABLE t (k integer PRIMARY KEY, v text)', [], new URL(url).pathname.slice(1));
  const driver = openDriver(url, OPTIONS);
  await driver.connect();
  try {
    return await work(driver, url);
  } finally {
    await driver.close();
  }
}

const rowsOf = (outcome: Outcome) => (outcome.ok ? outcome.answer.rows : outcome.error);
const tableRows = (url: string) => cluster.sql('SELECT k, v FROM t ORDER BY k', [], new URL(url).pathname.slice(1));

describe('one round trip of the PostgreSQL driver', () => {
  it('answers every step in order, with its rows and what it changed, and commits', async () => {
    await withDriver(async (driver, url) => {
      const outcomes = await driver.send([
        BEGIN,
        statement('INSERT INTO t (k, v) VALUES (@K, @V), (@K + 1, @V)', { K: 1, V: "it's" }),
        statement('SELECT k AS "k", v AS "v" FROM t ORDER BY k'),
        statement('UPDATE t SET v = @V WHERE k = @K', { K: 2, V: 'two' }),
        statement('SELECT 1 AS "one" WHERE false'),
        COMMIT,
      ]);
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true, true, true, true]);
      const answers = outcomes.map((outcome) => (outcome.ok ? outcome.answer : undefined));
      expect(answers[1]).toEqual({ rows: [], changed: 2 });
      expect(answers[2]).toEqual({
        rows: [
          { k: 1, v: "it's" },
          { k: 2, v: "it's" },
        ],
        changed: 0,
      });
      expect(answers[3]).toEqual({ rows: [], changed: 1 });
      expect(answers[4]).toEqual({ rows: [], changed: 0 });
      expect(await tableRows(url)).toEqual([
        { k: 1, v: "it's" },
        { k: 2, v: 'two' },
      ]);
    });
  });

  it('fails every step from the first failure on with its error, and commits nothing', async () => {
    await withDriver(async (driver, url) => {
      const outcomes = await driver.send([
        BEGIN,
        statement('INSERT INTO t (k, v) VALUES (1, @V)', { V: 'kept?' }),
        statement('SELECT 1 / 0 AS "boom"'),
        statement('INSERT INTO t (k, v) VALUES (2, @V)', { V: 'after' }),
        COMMIT,
      ]);
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false, false, false]);
      const [failure] = outcomes.slice(2).map(rowsOf);
      expect(failure).toMatchObject({ code: '22012' });
      for (const later of outcomes.slice(3)) expect(rowsOf(later)).toBe(failure);
      await driver.rollback();
      expect(await tableRows(url)).toEqual([]);
      // The connection goes on working.
      const again = await driver.send([BEGIN, statement('INSERT INTO t (k, v) VALUES (3, @V)', { V: 'x' }), COMMIT]);
      expect(again.every((outcome) => outcome.ok)).toBe(true);
      expect(await tableRows(url)).toEqual([{ k: 3, v: 'x' }]);
    });
  });

  it('is one round trip on the wire, BEGIN to COMMIT, whatever the number of statements', async () => {
    const url = await cluster.createDatabase();
    const database = new URL(url).pathname.slice(1);
    await cluster.sql('CREATE TABLE t (k integer PRIMARY KEY, v text)', [], database);
    const proxy = await startWireProxy(cluster.host, cluster.port);
    const driver = openDriver(`postgres://postgres@127.0.0.1:${proxy.port}/${database}`, OPTIONS);
    try {
      await driver.connect();
      proxy.reset();
      const inserts = Array.from({ length: 12 }, (_, k) =>
        statement('INSERT INTO t (k, v) VALUES (@K, @V)', { K: k, V: String(k) }),
      );
      const outcomes = await driver.send([BEGIN, ...inserts, COMMIT]);
      expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
      // BEGIN, its limits (one SELECT), the 12 inserts, COMMIT: one batch, one answer.
      expect(proxy.counts).toEqual({ roundTrips: 1, statements: 15, transactions: 1 });
    } finally {
      await driver.close();
      await proxy.close();
    }
  });
});

/** What pg's own Connection writes for the statements, as pg's Query writes each, then one Sync. */
function pgWrites(statements: readonly BoundStatement[]): Buffer {
  const written: Buffer[] = [];
  const stream = { writable: true, write: (data: Buffer) => written.push(Buffer.from(data)) > 0 };
  const connection = new pg.Connection({ stream: stream as never }) as unknown as {
    parse(query: { text: string }): void;
    bind(config: { values: readonly (string | null)[] }): void;
    describe(message: { type: string }): void;
    execute(config: object): void;
    sync(): void;
  };
  for (const { text, values } of statements) {
    connection.parse({ text });
    connection.bind({ values });
    connection.describe({ type: 'P' });
    connection.execute({});
  }
  connection.sync();
  return Buffer.concat(written);
}

describe("the batch's bytes", () => {
  it('are the bytes pg writes for the same statements: texts, values, nulls and UTF-8 alike', () => {
    const batches: BoundStatement[][] = [
      [{ text: 'COMMIT', values: [] }],
      [
        { text: 'BEGIN ISOLATION LEVEL READ COMMITTED', values: [] },
        prepared({ text: 'SELECT $1::int AS "n", $2::text AS "t", $3 AS "nothing"', values: [42, 'plain', null] }),
        prepared({ text: 'SELECT \'é\' || $1 AS "ü"', values: ['naïve ☃ 🎉', ''] }),
        prepared({ text: 'SELECT $1::text[] AS "list", $2::boolean AS "b"', values: [['a', 'b"c'], true] }),
        prepared({ text: 'SELECT $1 AS "long"', values: ['x'.repeat(70_000)] }),
      ],
    ];
    for (const statements of batches) expect(encodeBatch(statements).equals(pgWrites(statements))).toBe(true);
  });
});

describe('a CommandComplete tag', () => {
  it('reads as pg reads it: the command, and the last of at most two numbers as the row count', () => {
    const tags = ['INSERT 0 3', 'UPDATE 1', 'DELETE 0', 'SELECT 12', 'MERGE 2', 'BEGIN', 'COMMIT', 'CREATE TABLE'];
    const odd = ['SELECT 1 2 3', 'SELECT 7x', 'SELECT  4', 'SELECT ', 'X 1 22 x', 'COPY 123456789012'];
    for (const text of [...tags, ...odd]) {
      const result = new pg.Result('', pg.types);
      (result as unknown as { addCommandComplete(message: { text: string }): void }).addCommandComplete({ text });
      expect({ text, ...commandTag(text) }).toEqual({ text, command: result.command, rowCount: result.rowCount });
    }
    // No command at all (an empty query's answer): no command, no count.
    expect(commandTag('')).toEqual({ command: '', rowCount: null });
    expect(commandTag('42')).toEqual({ command: '', rowCount: null });
  });
});
