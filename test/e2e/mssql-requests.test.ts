/**
 * The shipped bfx CLI on SQL Server, against the fake TDS server (test/support/fake-tds-server.ts):
 * what a begin and an end of the bundle cost on the wire, as the server counts them. Each process
 * logs in once, inspects the catalog once, and begins or ends in two requests.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_VERSION } from '../../src/catalog/catalog.js';
import { VERSIONS } from '../../src/catalog/mssql/schema.js';
import { fakeTdsServer, type FakeTdsServer } from '../support/fake-tds-server.js';
import { bfx } from './support.js';

/** Every column of every table of this release, as sys.columns would report it. */
const currentCatalog = [
  VERSIONS[VERSIONS.length - 1].flatMap((shape) =>
    Object.entries(shape.columns).map(([column, kind]) => ({
      tableName: shape.table,
      columnName: column,
      typeName: { integer: 'int', text: 'nvarchar', boolean: 'bit', timestamp: 'datetime2' }[kind],
    })),
  ),
  [{ version: CATALOG_VERSION }],
  [],
  [],
];
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
const lock = [{ packageId: 7, parentPackageId: null }];

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
  it('bfx begin: one login, the inspection, then two requests', async () => {
    fake.answer(currentCatalog, [lock, [pkg], [], [], []], [[{ executionId: '11' }], [execution], [], []]);
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
    expect([fake.logins(), fake.requests.length]).toEqual([1, 3]);
    expect(fake.requests[1]).toMatch(/\nBEGIN TRANSACTION;\n/);
    expect(fake.requests[2]).toMatch(/\nCOMMIT TRANSACTION;\n/);
  });

  it('bfx end: one login, the inspection, then two requests', async () => {
    fake.answer(
      currentCatalog,
      [lock, [execution], [pkg], [], []],
      [[{ ...execution, executionStatus: 'S', nextLoadStatus: 'P', endTime: '2026-12-06T05:10:00.000Z' }]],
    );
    const result = await bfx(['end', '11', '--status', 'success', '--connection-string', connectionString()]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect([fake.logins(), fake.requests.length]).toEqual([1, 3]);
  });
});
