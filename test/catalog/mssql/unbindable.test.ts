/**
 * The SQL Server driver's round trip when a step cannot be bound (a value longer than its type, a
 * value missing, a value of no SQL Server type), on the fake TDS server: the round trip is one
 * request, so nothing of it is sent. Every step fails with the binding's error (the steps behind
 * it unsent, and the ones before it too), a COMMIT among them commits nothing, and the connection
 * is fit for the next transaction. A transaction an earlier round trip began is rolled back.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLLBACK, openDriver } from '../../../src/catalog/mssql/driver.js';
import type { Driver, Params, Step } from '../../../src/catalog/sql/driver.js';
import { fakeTdsServer, type FakeTdsServer } from '../../support/fake-tds-server.js';
import { byStep, stepsOf } from '../../support/mssql-steps.js';

const OPTIONS = { createCatalog: false, connectTimeoutMs: 5_000, requestTimeoutMs: 5_000 };
let fake: FakeTdsServer;
let driver: Driver;

beforeEach(async () => {
  fake = await fakeTdsServer({ encryption: 'on', answers: ['ok'] });
  driver = openDriver(
    `Server=127.0.0.1,${fake.port};Database=d;User Id=sa;Password=pw;Encrypt=True;TrustServerCertificate=True`,
    OPTIONS,
  );
  await driver.connect();
});
afterEach(async () => {
  await driver.close();
  await fake.close();
  expect(fake.overlapped(), 'a request was sent while another was in flight').toBe(false);
  expect(fake.unanswered(), 'every scripted answer was asked for').toBe(0);
});

const audit = (detail: unknown): Step => ({
  kind: 'statement',
  name: 'RECORD_AUDIT',
  text: 'INSERT INTO bfx.AuditLog (Detail) VALUES (@Detail);',
  params: { Detail: detail } as unknown as Params,
});
const unbindable: [string, Step, RegExp][] = [
  [
    'a value longer than its type',
    {
      kind: 'statement',
      name: 'RECORD_AUDIT',
      text: 'INSERT INTO bfx.AuditLog (Action) VALUES (@Action);',
      params: { Action: 'x'.repeat(5000) },
    },
    /^A value of Action is 5000 characters long/,
  ],
  [
    'a value missing',
    { kind: 'statement', name: 'RECORD_AUDIT', text: 'INSERT INTO t (n) VALUES (@Missing);', params: {} },
    /^No value was given for @Missing/,
  ],
  ['a value of no SQL Server type', audit({ not: 'text' }), /^The value of @Detail does not fit its SQL Server type/],
];
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

describe('SQL Server: a step that cannot be bound', () => {
  it.each(unbindable)('%s: nothing of the round trip is sent, so its COMMIT commits nothing', async (_, bad, says) => {
    const outcomes = await driver.send([
      { kind: 'begin', mode: 'package' },
      audit('before'),
      bad,
      audit('after'),
      { kind: 'commit' },
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, false, false, false, false]);
    // Every step fails with the binding's error: the cause, whichever step a caller awaits.
    const errors = outcomes.map((outcome) => (outcome.ok ? '' : messageOf(outcome.error)));
    expect(new Set(errors).size).toBe(1);
    expect(errors[0]).toMatch(says);
    expect(fake.requests).toEqual([]);
    // Nothing began, so nothing is rolled back; the connection takes the next transaction.
    await driver.rollback();
    expect(fake.requests).toEqual([]);
    fake.answer(byStep());
    const next = await driver.send([{ kind: 'begin', mode: 'package' }, audit('next'), { kind: 'commit' }]);
    expect(next.map((outcome) => outcome.ok)).toEqual([true, true, true]);
    expect(fake.requests.map(stepsOf)).toEqual([['BEGIN', 'RECORD_AUDIT', 'COMMIT']]);
  });

  it.each(unbindable)(
    '%s behind an earlier round trip: its writes and COMMIT unsent, the transaction rolled back',
    async (_, bad) => {
      fake.answer(byStep());
      const first = await driver.send([{ kind: 'begin', mode: 'package' }, audit('before')]);
      expect(first.map((outcome) => outcome.ok)).toEqual([true, true]);
      const second = await driver.send([audit('earlier'), bad, audit('after'), { kind: 'commit' }]);
      expect(second.map((outcome) => outcome.ok)).toEqual([false, false, false, false]);
      expect(fake.requests).toHaveLength(1);
      fake.answer([]);
      await driver.rollback();
      expect(fake.requests.slice(1)).toEqual([ROLLBACK]);
      expect(fake.requests.some((text) => text.includes('COMMIT TRANSACTION'))).toBe(false);
    },
  );
});
