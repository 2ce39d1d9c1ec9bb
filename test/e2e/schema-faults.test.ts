/**
 * Objects of the catalog's names that bfx-begin cannot use, met by the shipped action's main step
 * on SQLite and PostgreSQL: a view or a sequence where a table of ours belongs, a column a user
 * added to one of our tables that no insert of ours can fill. Each is one sentence saying which
 * object and what to do; nothing is created or written, never an unexpected error. More columns
 * are welcome: a user column with a default, or that allows NULL, changes nothing.
 */
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../support/postgres.js';
import { bfx, executions, runActionStep, tempCatalog } from './support.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

const main = (connectionString: string) =>
  runActionStep({
    phase: 'main',
    inputs: { 'package-name': 'LOAD_Customer', 'connection-string': connectionString },
    env: { GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' },
  });

const errorsOf = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('::error::'));

async function postgresWith(sql: string) {
  const url = await cluster.createDatabase();
  await cluster.sql(sql, [], new URL(url).pathname.slice(1));
  return url;
}

describe('objects bfx-begin cannot use, through the shipped bundle', () => {
  it.each([
    ['a view', 'CREATE SCHEMA bfx; CREATE VIEW bfx.Execution AS SELECT 1 AS x', 'view execution'],
    ['a sequence', 'CREATE SCHEMA bfx; CREATE SEQUENCE bfx.Package', 'sequence package'],
    [
      'a materialized view',
      'CREATE SCHEMA bfx; CREATE MATERIALIZED VIEW bfx.AuditLog AS SELECT 1 AS x',
      'materialized view auditlog',
    ],
  ])('PostgreSQL: %s of a table name of ours', async (_, sql, what) => {
    const url = await postgresWith(sql);
    const step = await main(url);
    expect(step.exitCode).toBe(1);
    expect(errorsOf(step.stdout)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::The ${what} in schema bfx of the PostgreSQL catalog .* has the name of a bfx-begin table, so nothing was created, altered or written: ` +
            'choose another catalog-schema \\(or the schema parameter of the connection string\\) for the bfx-begin tables\\.$',
        ),
      ),
    ]);
  });

  it('SQLite: a view of a table name of ours', async () => {
    const { path, connectionString } = tempCatalog();
    const db = new DatabaseSync(path);
    db.exec('CREATE VIEW Execution AS SELECT 1 AS x');
    db.close();
    const step = await main(connectionString);
    expect(step.exitCode).toBe(1);
    expect(errorsOf(step.stdout)).toEqual([
      expect.stringMatching(
        /^::error::The view Execution in the SQLite file .* has the name of a bfx-begin table, so nothing was created, altered or written: point bfx-begin at another SQLite file\.$/,
      ),
    ]);
  });

  it('PostgreSQL: a column added NOT NULL without a default is named; one with a default is welcome', async () => {
    const url = await cluster.createDatabase();
    expect((await bfx(['migrate', '-c', url])).exitCode).toBe(0);
    const database = new URL(url).pathname.slice(1);
    await cluster.sql(
      "ALTER TABLE bfx.Execution ADD COLUMN Team text NOT NULL DEFAULT 'data'; ALTER TABLE bfx.Execution ADD COLUMN Note text",
      [],
      database,
    );
    expect((await main(url)).exitCode).toBe(0);
    await cluster.sql(
      'DELETE FROM bfx.Execution; ALTER TABLE bfx.Execution ADD COLUMN BatchLabel text NOT NULL',
      [],
      database,
    );
    const step = await main(url);
    expect(step.exitCode).toBe(1);
    expect(errorsOf(step.stdout)).toEqual([
      expect.stringMatching(
        /^::error::The table Execution in schema bfx of the PostgreSQL catalog .* has a column batchlabel that is NOT NULL without a default, so bfx-begin cannot insert its rows and nothing was written: give batchlabel a default, or let it be NULL\.$/,
      ),
    ]);
  });

  it('SQLite: a column NOT NULL without a default is named', async () => {
    const { path, connectionString } = tempCatalog();
    expect((await bfx(['migrate', '-c', connectionString])).exitCode).toBe(0);
    const db = new DatabaseSync(path);
    // SQLite adds no NOT NULL column without a default to a table: the user made the table anew with one.
    db.exec(`DROP TABLE AuditLog;
             CREATE TABLE AuditLog (AuditID INTEGER PRIMARY KEY, PackageID INTEGER NOT NULL, ExecutionID INTEGER,
               Action TEXT NOT NULL, Detail TEXT, Actor TEXT, CreatedTime TEXT NOT NULL DEFAULT '', Ticket TEXT NOT NULL)`);
    db.close();
    const step = await main(connectionString);
    expect(step.exitCode).toBe(1);
    expect(errorsOf(step.stdout)).toEqual([
      expect.stringMatching(
        /^::error::The table AuditLog in the SQLite file .* has a column Ticket that is NOT NULL without a default, so bfx-begin cannot insert its rows and nothing was written: give Ticket a default, or let it be NULL\.$/,
      ),
    ]);
    expect(executions(path)).toEqual([]);
  });
});
