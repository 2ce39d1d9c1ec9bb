/**
 * The shipped bfx CLI on SQL Server, against the fake TDS server (test/support/fake-tds-server.ts):
 * what a begin and an end of the bundle cost on the wire, as the server counts them. Each process
 * logs in once and begins or ends in two requests, the catalog check folded into the first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeTdsServer, type FakeTdsServer } from '../support/fake-tds-server.js';
import { byStep, currentCatalog, stepsOf } from '../support/mssql-steps.js';
import { bfx } from './support.js';

const execution = {
  executionId: '11',
  packageId: 7,
  packageName: 'CLI_Load',
  parentExecutionId: null,
  executionStatus: 'E',
  nextLoadStatus: 'C',
  retryCount: 0,
  startTime: '2026-12-06T05:00:00.000Z',
  endTime: null,
  runKey: 'cli-1',
  errorMessage: null,
};
const pkg = {
  packageId: 7,
  packageName: 'CLI_Load',
  isEnabled: true,
  retryLimit: null,
  isBatch: false,
  createdTime: '2026-12-06T05:00:00.000Z',
};

let fake: FakeTdsServer;
beforeEach(async () => {
  fake = await fakeTdsServer({ encryption: 'on', answers: ['ok'] });
});
afterEach(async () => {
  await fake.close();
  expect(fake.unanswered()).toBe(0);
  expect(fake.overlapped()).toBe(false);
});

const connectionString = () =>
  `Server=127.0.0.1,${fake.port};Database=d;User Id=sa;Password=pw;Encrypt=True;TrustServerCertificate=True`;

describe('the bfx bundle on SQL Server, counted by the server', () => {
  it('bfx begin: one login, then two requests, the catalog check in the first', async () => {
    fake.answer(
      byStep({ ...currentCatalog(), LOCK_PACKAGE_EXCLUSIVE: [pkg] }),
      byStep({ INSERT_EXECUTION: [{ executionId: '11', startTime: execution.startTime }] }),
    );
    const result = await bfx([
      'begin',
      'CLI_Load',
      '--run-key',
      'cli-1',
      '--no-create-catalog',
      '--json',
      '--connection-string',
      connectionString(),
    ]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ExecutionID: '11', ExecutionStatus: 'E' });
    expect([fake.logins(), fake.requests.length]).toEqual([1, 2]);
    const [first, second] = fake.requests.map(stepsOf);
    expect(first.slice(0, 6)).toEqual([
      'BEGIN',
      'INSPECT',
      'RECORDED_VERSION',
      'REGISTER_PACKAGE',
      'LOCK_PACKAGE_EXCLUSIVE',
      'EXECUTION_WITH_RUN_KEY',
    ]);
    expect(first).not.toContain('COMMIT');
    expect(second[0]).toBe('INSERT_EXECUTION');
    expect(second[second.length - 1]).toBe('COMMIT');
  });

  it('bfx end: one login, then two requests, the catalog check in the first', async () => {
    fake.answer(
      byStep({
        ...currentCatalog(),
        LOCK_PACKAGE_EXCLUSIVE: [pkg],

        EXECUTION_FAMILY: [{ ...execution, isExecution: true }],
      }),
      byStep({
        FINISH_EXECUTION: {
          rows: [{ ...execution, executionStatus: 'S', nextLoadStatus: 'P', endTime: '2026-12-06T05:10:00.000Z' }],
          changed: 1,
        },
      }),
    );
    const result = await bfx(['end', '11', '--status', 'success', '--connection-string', connectionString()]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect([fake.logins(), fake.requests.length]).toEqual([1, 2]);
    const [first, second] = fake.requests.map(stepsOf);
    expect(first.slice(0, 5)).toEqual([
      'BEGIN',
      'INSPECT',
      'RECORDED_VERSION',
      'LOCK_PARENT_PACKAGE_SHARED',
      'LOCK_PACKAGE_EXCLUSIVE',
    ]);
    expect(second).toContain('FINISH_EXECUTION');
    expect(second[second.length - 1]).toBe('COMMIT');
  });
});
