/**
 * A catalog with every status and every state the report shows, made the way users make one:
 * through the shipped bfx CLI, and one load through the shipped action as the GitHub runner runs
 * it (so that its execution links to its run). Three nights of a batch with three children (a
 * child that fails and is retried under the same batch, a batch that fails, a child skipped next
 * time because it had succeeded), a package failing three times in a row, one still executing,
 * one resumed, one disabled and one skipped by an operator.
 */
import { expect } from 'vitest';
import { bfx, runActionStep } from './support.js';

export const SEEDED_PACKAGES = [
  'BATCH_Nightly',
  'LOAD_Customer',
  'LOAD_Orders',
  'LOAD_Sales',
  'LOAD_Ledger',
  'LOAD_Payments',
  'LOAD_Events',
  'LOAD_Stock',
  'LOAD_Archive',
  'LOAD_Legacy',
  'LOAD_Web',
];

export async function seedCatalog(connectionString: string): Promise<void> {
  const c = ['-c', connectionString];
  const run = async (...args: string[]) => {
    const result = await bfx([...args, ...c, '--json']);
    expect(result.stderr, args.join(' ')).toBe('');
    expect(result.exitCode, args.join(' ')).toBe(0);
    return JSON.parse(result.stdout) as { ExecutionID: string; ExecutionStatus: string };
  };
  const begin = (name: string, ...args: string[]) => run('begin', name, ...args);
  const end = (id: string, ...args: string[]) => run('end', id, ...args);

  // Night 1: everything succeeds.
  let batch = await begin('BATCH_Nightly', '--is-batch');
  for (const [name, rows] of [
    ['LOAD_Customer', 'dbo.Customer:Insert=1200'],
    ['LOAD_Orders', 'dbo.Orders:Insert=5400'],
    ['LOAD_Sales', 'dbo.Sales:Insert=9100'],
  ] as const) {
    const child = await begin(name, '--parent-execution-id', batch.ExecutionID);
    await end(child.ExecutionID, '--rows', rows);
  }
  await end(batch.ExecutionID);

  // Night 2: Sales fails and is retried under the same batch; Orders fails; the batch fails.
  batch = await begin('BATCH_Nightly', '--is-batch');
  const customer = await begin('LOAD_Customer', '--parent-execution-id', batch.ExecutionID);
  await end(customer.ExecutionID, '--rows', 'dbo.Customer:Insert=1250', '--rows', 'dbo.Customer:Update=40');
  const sales = await begin('LOAD_Sales', '--parent-execution-id', batch.ExecutionID);
  await end(
    sales.ExecutionID,
    '--status',
    'failure',
    '--message',
    'Deadlock on dbo.Sales',
    '--rows',
    'dbo.Sales:Insert=300',
  );
  const salesRetry = await begin('LOAD_Sales', '--parent-execution-id', batch.ExecutionID);
  expect(salesRetry.ExecutionStatus).toBe('R');
  await end(salesRetry.ExecutionID, '--rows', 'dbo.Sales:Insert=9300');
  const orders = await begin('LOAD_Orders', '--parent-execution-id', batch.ExecutionID);
  await end(orders.ExecutionID, '--status', 'failure', '--message', 'The source file orders.csv was missing.');
  await end(batch.ExecutionID, '--status', 'failure', '--message', 'A child failed.');

  // Night 3: Customer and Sales are skipped (they succeeded under the failed batch), Orders is retried.
  batch = await begin('BATCH_Nightly', '--is-batch');
  for (const name of ['LOAD_Customer', 'LOAD_Sales']) {
    expect((await begin(name, '--parent-execution-id', batch.ExecutionID)).ExecutionStatus).toBe('C');
  }
  const ordersRetry = await begin('LOAD_Orders', '--parent-execution-id', batch.ExecutionID);
  expect(ordersRetry.ExecutionStatus).toBe('R');
  await end(ordersRetry.ExecutionID, '--rows', 'dbo.Orders:Insert=10800');
  await end(batch.ExecutionID);

  // A package that succeeded once, then failed three times in a row.
  await end((await begin('LOAD_Ledger')).ExecutionID, '--rows', 'gl.Entry:Insert=800');
  for (const message of ['Login failed for user etl.', 'Login failed for user etl.', 'Timeout expired.']) {
    await end((await begin('LOAD_Ledger')).ExecutionID, '--status', 'failure', '--message', message);
  }

  // One executing (E), one resumed after an interruption (A), one retrying a failure (R).
  await end((await begin('LOAD_Events')).ExecutionID, '--rows', 'raw.Event:Insert=52000');
  await begin('LOAD_Events');
  await end((await begin('LOAD_Stock')).ExecutionID, '--rows', 'dbo.Stock:Update=310');
  await begin('LOAD_Stock');
  expect((await begin('LOAD_Stock')).ExecutionStatus).toBe('A');
  await end((await begin('LOAD_Payments')).ExecutionID, '--status', 'failure', '--message', 'The API answered 503.');
  expect((await begin('LOAD_Payments')).ExecutionStatus).toBe('R');

  // Disabled and skipped by an operator, with who and why in the audit log.
  await end((await begin('LOAD_Archive')).ExecutionID);
  await run('disable', 'LOAD_Archive', '--actor', 'dana', '--reason', 'Archive source retired');
  await begin('LOAD_Archive');
  await end((await begin('LOAD_Legacy')).ExecutionID, '--rows', 'dbo.Legacy:Insert=12');
  await run('skip', 'LOAD_Legacy', '--actor', 'dana', '--reason', 'Legacy system frozen for the migration');

  // One load through the action on GitHub: its execution links to its run.
  const inputs = { 'package-name': 'LOAD_Web', 'connection-string': connectionString };
  const env = {
    GITHUB_RUN_ID: '9876543210',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_JOB: 'load',
    GITHUB_REPOSITORY: 'acme/loads',
    GITHUB_WORKFLOW: 'Nightly loads',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_SHA: 'f'.repeat(40),
  };
  const main = await runActionStep({ phase: 'main', inputs, env, jobStatus: 'success' });
  expect(main.exitCode).toBe(0);
  const post = await runActionStep({ phase: 'post', inputs, env, state: main.state, jobStatus: 'success' });
  expect(post.exitCode).toBe(0);
}
