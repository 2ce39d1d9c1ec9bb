/**
 * A PostgreSQL database whose schema bfx holds tables of bfx-begin's names in another shape,
 * through the shipped bundles (the bfx CLI and the action's main step): one sentence, exit code 1,
 * and nothing created, altered or written, for every command.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runActionStep } from '../../e2e/support.js';
import { foreignTables } from '../../support/first-release.js';
import { databaseOf, requireCli, runBundledCli } from '../../support/postgres-catalog.js';
import { startCluster, type Cluster } from '../../support/postgres.js';

let cluster: Cluster;
beforeAll(async () => {
  requireCli();
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

const inBfx = (table: string) => `bfx.${table}`;
const shapeOf = (url: string) =>
  cluster.sql(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'bfx' ORDER BY 1, 2`,
    [],
    databaseOf(url),
  );

describe('tables of our names in another shape, on PostgreSQL', () => {
  it('are refused in one sentence by every bfx command and by the action, changing nothing', async () => {
    const url = await cluster.createDatabase();
    await cluster.sql(
      `CREATE SCHEMA bfx;${foreignTables(inBfx, { id: 'integer', text: 'varchar(200)' })}`,
      [],
      databaseOf(url),
    );
    const before = await shapeOf(url);
    const refusal =
      /^error: The table (package|execution) in .* is not a bfx-begin table \(.*\), so nothing was created, altered or written: .*\n$/i;
    for (const args of [['begin', 'P'], ['status'], ['history', 'P'], ['migrate'], ['end', '1'], ['disable', 'P']]) {
      const run = await runBundledCli([...args, '-c', url]);
      expect(run.exitCode, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr, args.join(' ')).toMatch(refusal);
    }
    const main = await runActionStep({
      inputs: { 'package-name': 'P', 'connection-string': url },
      env: { GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' },
    });
    expect(main.exitCode).toBe(1);
    expect(main.stdout.split('\n').filter((line) => line.startsWith('::error'))).toEqual([
      expect.stringMatching(/^::error::The table (package|execution) in .* is not a bfx-begin table/i),
    ]);
    expect(main.stdout).not.toMatch(/unexpected|report it/);
    expect(await shapeOf(url)).toEqual(before);
  });
});
