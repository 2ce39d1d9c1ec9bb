/**
 * The PostgreSQL driver's round trip when a step cannot be bound (a value the wire cannot carry, a
 * value missing): that step fails, and so does every step behind it, unsent, so that a COMMIT
 * among them commits nothing. The steps before it went out in the transaction, which the core
 * rolls back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDriver } from '../../../src/catalog/postgres/driver.js';
import type { Driver, Params, Step } from '../../../src/catalog/sql/driver.js';
import { startCluster, type Cluster } from '../../support/postgres.js';

const OPTIONS = { createCatalog: false, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
let cluster: Cluster;
let url: string;

beforeAll(async () => {
  cluster = await startCluster();
  url = await cluster.createDatabase();
  await cluster.sql('CREATE TABLE marks (note text)', [], new URL(url).pathname.slice(1));
});
afterAll(async () => {
  await cluster?.destroy();
});

const insert = (note: unknown): Step => ({
  kind: 'statement',
  name: 'RECORD_AUDIT',
  text: 'INSERT INTO marks (note) VALUES (@Note)',
  params: { Note: note } as unknown as Params,
});

async function notes(): Promise<string[]> {
  const rows = await cluster.sql<{ note: string }>(
    'SELECT note FROM marks ORDER BY note',
    [],
    new URL(url).pathname.slice(1),
  );
  return rows.map((row) => row.note);
}

async function roundTrip(bad: Step): Promise<{ driver: Driver; oks: boolean[]; errors: string[] }> {
  const driver = openDriver(url, OPTIONS);
  await driver.connect();
  const outcomes = await driver.send([
    { kind: 'begin', mode: 'package' },
    insert('before'),
    bad,
    insert('after'),
    { kind: 'commit' },
  ]);
  return {
    driver,
    oks: outcomes.map((outcome) => outcome.ok),
    errors: outcomes.flatMap((outcome) => (outcome.ok ? [] : [String(outcome.error)])),
  };
}

describe('a step that cannot be bound', () => {
  const unbindable: [string, Step][] = [
    [
      'a value the wire cannot carry',
      insert({
        toPostgres: () => {
          throw new Error('no wire form');
        },
      }),
    ],
    ['a value of no bindable type', insert(Symbol('mark'))],
    [
      'a value missing',
      { kind: 'statement', name: 'RECORD_AUDIT', text: 'INSERT INTO marks (note) VALUES (@Missing)', params: {} },
    ],
  ];
  it.each(unbindable)('%s fails the steps behind it unsent: the COMMIT among them commits nothing', async (_, bad) => {
    const { driver, oks, errors } = await roundTrip(bad);
    try {
      expect(oks).toEqual([true, true, false, false, false]);
      // The steps behind it fail with its error: the cause, whichever step a caller awaits.
      expect(new Set(errors).size).toBe(1);
      await driver.rollback();
      expect(await notes()).toEqual([]);
      // The connection is fit for the next transaction.
      const next = await driver.send([{ kind: 'begin', mode: 'package' }, insert('next'), { kind: 'commit' }]);
      expect(next.map((outcome) => outcome.ok)).toEqual([true, true, true]);
      expect(await notes()).toEqual(['next']);
    } finally {
      await cluster.sql('DELETE FROM marks', [], new URL(url).pathname.slice(1));
      await driver.close();
    }
  });
});
