/**
 * The catalog contract on SQL Server, run only when BFX_TEST_MSSQL holds a connection string to a
 * server where the login may create databases (the mssql-contract workflow's service container).
 * Each catalog is a fresh database, bfx_test_<random>, dropped when the suite ends. The workflow
 * runs this file three times:
 *
 * - BFX_TEST_MSSQL_RCSI=off and =on: each fresh database has READ_COMMITTED_SNAPSHOT off, or on
 *   (as Azure SQL Database has it by default); the setting is checked, not assumed.
 * - BFX_TEST_MSSQL_RUNNER=<connection string of a login with no rights of its own>: an admin
 *   creates each database and deploys the catalog in it (the migration `bfx migrate` runs), then
 *   gives the login a user with exactly the grants docs/mssql.md documents, and the suite runs as
 *   that login. The catalog is then never missing, so this file sets BFX_TEST_CATALOG_PRECREATED
 *   for the contract tests that expect to find no catalog.
 */
import { randomBytes } from 'node:crypto';
import sql from 'mssql';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalog, withCatalog } from '../../src/catalog/connect.js';
import { parseMssqlConnectionString, toMssqlConfig } from '../../src/catalog/mssql/connection-string.js';
import { begin } from '../../src/run-control.js';
import { describeCatalogContract, request } from './contract.js';

const server = process.env.BFX_TEST_MSSQL;
const runner = process.env.BFX_TEST_MSSQL_RUNNER || undefined;
const snapshot = (process.env.BFX_TEST_MSSQL_RCSI ?? 'off').trim().toLowerCase() === 'on';
if (server && runner) process.env.BFX_TEST_CATALOG_PRECREATED = '1';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 30_000, requestTimeoutMs: 120_000 };
const created: string[] = [];
let admin: sql.ConnectionPool | undefined;

async function adminPool(): Promise<sql.ConnectionPool> {
  admin ??= await new sql.ConnectionPool(toMssqlConfig(parseMssqlConnectionString(server!), OPTIONS)).connect();
  return admin;
}

/** The same server, on another database: a later Database keyword wins in ADO.NET form. */
function onDatabase(connectionString: string, database: string): string {
  const text = connectionString.trim();
  if (/^(mssql|sqlserver):\/\//i.test(text)) {
    const url = new URL(text);
    url.pathname = `/${database}`;
    return url.toString();
  }
  return `${text.replace(/;\s*$/, '')};Database=${database}`;
}

const identifier = (name: string) => `[${name.replace(/]/g, ']]')}]`;
const literal = (text: string) => `N'${text.replace(/'/g, "''")}'`;

/** Runs T-SQL as the admin in the given database, without moving the admin's session there. */
async function inDatabase(database: string, text: string): Promise<void> {
  await (await adminPool()).request().batch(`EXEC ${identifier(database)}.sys.sp_executesql ${literal(text)};`);
}

async function freshDatabase(): Promise<string> {
  const name = `bfx_test_${randomBytes(6).toString('hex')}`;
  const pool = await adminPool();
  // The name is generated here, never input: it is safe to put in the statements.
  await pool.request().batch(`CREATE DATABASE [${name}]`);
  created.push(name);
  if (snapshot)
    await pool.request().batch(`ALTER DATABASE [${name}] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE`);
  const { recordset } = await pool
    .request()
    .input('name', sql.NVarChar(128), name)
    .query<{ rcsi: boolean }>('SELECT is_read_committed_snapshot_on AS rcsi FROM sys.databases WHERE name = @name');
  if (recordset[0]?.rcsi !== snapshot) {
    throw new Error(`Database ${name} has READ_COMMITTED_SNAPSHOT ${recordset[0]?.rcsi ? 'on' : 'off'}, not as asked.`);
  }
  if (!runner) return onDatabase(server!, name);

  // The deployment docs/mssql.md describes: an admin deploys the catalog, the runner gets run-time grants only.
  await withCatalog(onDatabase(server!, name), OPTIONS, (catalog) => catalog.migrate());
  const login = parseMssqlConnectionString(runner).user!;
  await inDatabase(
    name,
    `CREATE USER ${identifier(login)} FOR LOGIN ${identifier(login)};
GRANT SELECT, INSERT, UPDATE ON SCHEMA::bfx TO ${identifier(login)};`,
  );
  return onDatabase(runner, name);
}

afterAll(async () => {
  if (!admin) return;
  for (const name of created) {
    await admin
      .request()
      .batch(`ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}];`)
      .catch(() => {});
  }
  await admin.close();
});

const mode = [
  `READ_COMMITTED_SNAPSHOT ${snapshot ? 'ON' : 'OFF'}`,
  runner ? 'as a login with the run-time grants only' : 'as admin',
];

describe.skipIf(!server)(`SQL Server (BFX_TEST_MSSQL), ${mode.join(', ')}`, () => {
  describeCatalogContract('mssql', { newConnectionString: freshDatabase });

  describe('SQL Server specifics', () => {
    const databaseOf = (connectionString: string) => parseMssqlConnectionString(connectionString).database;

    async function distinctRunKeys(connectionString: string): Promise<void> {
      const catalog = await openCatalog(connectionString, OPTIONS);
      try {
        const first = await begin(catalog, request('Keys', { runKey: 'Run-A' }));
        for (const other of ['run-a', 'Run-A ', 'RUN-A']) {
          const next = await begin(catalog, request('Keys', { runKey: other, retryLimit: 10 }));
          expect([next.executionId, next.plan.kind]).toEqual([first.executionId, 'resume']);
        }
        const again = await begin(catalog, request('Keys', { runKey: 'RUN-A' }));
        expect(again.plan.kind).toBe('reenter');
      } finally {
        await catalog.close();
      }
    }

    it('compares run keys exactly: case and trailing spaces make another run', async () => {
      await distinctRunKeys(await freshDatabase());
    });

    it('compares run keys exactly in a catalog whose RunKey column keeps a case-insensitive collation', async () => {
      const connectionString = await freshDatabase();
      await withCatalog(onDatabase(server!, databaseOf(connectionString)), OPTIONS, (catalog) => catalog.migrate());
      // A catalog created before RunKey had a binary collation: the database's, case-insensitive.
      await inDatabase(
        databaseOf(connectionString),
        `DROP INDEX IX_Execution_Package_RunKey ON bfx.Execution;
ALTER TABLE bfx.Execution ALTER COLUMN RunKey NVARCHAR(800) COLLATE SQL_Latin1_General_CP1_CI_AS NULL;
CREATE INDEX IX_Execution_Package_RunKey ON bfx.Execution (PackageID, RunKey);`,
      );
      await distinctRunKeys(connectionString);
    });
  });
});
