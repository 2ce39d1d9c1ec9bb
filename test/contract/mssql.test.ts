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
 *   for the contract tests that expect to find no catalog, or build one of their own (a first
 *   release's, a foreign pair, one in another schema: the login may create nothing).
 *
 * The suite's own SQL (ContractTarget.execute) runs as the admin, in the catalog's database, one
 * statement per batch, each through sp_executesql in that database.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openCatalog, withCatalog } from '../../src/catalog/connect.js';
import { parseMssqlConnectionString } from '../../src/catalog/mssql/connection-string.js';
import { BfxError } from '../../src/errors.js';
import { end } from '../../src/run-control/index.js';
import { begin } from '../support/requests.js';
import { mssqlAdmin, type MssqlAdmin } from '../support/mssql-admin.js';
import { FIRST_RELEASE_MSSQL, firstReleaseRows, foreignTables } from '../support/first-release.js';
import { describeCatalogContract, request, type ContractTarget } from './contract.js';

const server = process.env.BFX_TEST_MSSQL;
const runner = process.env.BFX_TEST_MSSQL_RUNNER || undefined;
const snapshot = (process.env.BFX_TEST_MSSQL_RCSI ?? 'off').trim().toLowerCase() === 'on';
if (server && runner) process.env.BFX_TEST_CATALOG_PRECREATED = '1';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 30_000, requestTimeoutMs: 120_000 };
const created: string[] = [];
let admin: MssqlAdmin | undefined;

async function adminPool(): Promise<MssqlAdmin> {
  admin ??= await mssqlAdmin(server!, OPTIONS);
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
  await (await adminPool()).batch(`EXEC ${identifier(database)}.sys.sp_executesql ${literal(text)};`);
}

const databaseOf = (connectionString: string) => parseMssqlConnectionString(connectionString).database;

/**
 * A script's statements, each to run as a batch of its own: CREATE SCHEMA must be alone in its
 * batch, and nothing then leans on deferred name resolution across statements. The scripts of
 * the suite are DDL and INSERTs, one statement per `;` at a line's end, with no procedure bodies.
 */
function statementsOf(script: string): string[] {
  return script
    .split(/;[ \t]*\r?\n(?=\s*(?:CREATE|ALTER|DROP|EXEC|INSERT|UPDATE|DELETE)\b)/i)
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

const inBfx = (table: string) => `[bfx].[${table}]`;

const target: Omit<ContractTarget, 'newConnectionString'> = {
  // SQL Server has no session time zone: SYSUTCDATETIME() is UTC whatever the server's.
  execute: async (connectionString, text) => {
    for (const statement of statementsOf(text)) await inDatabase(databaseOf(connectionString), statement);
  },
  tables: async (connectionString, schema) => {
    const database = identifier(databaseOf(connectionString));
    const rows = await (
      await adminPool()
    ).query(
      `SELECT LOWER(t.name) AS name FROM ${database}.sys.tables t
         JOIN ${database}.sys.schemas s ON s.schema_id = t.schema_id
         WHERE s.name = @Schema ORDER BY 1`,
      { Schema: schema },
    );
    return rows.map((row) => String(row.name));
  },
  // The server's own view: a request of the catalog's database blocked by another session's lock.
  lockWaitSeen: async (connectionString, withinMs) => {
    const pool = await adminPool();
    const until = Date.now() + withinMs;
    for (;;) {
      const rows = await pool.query(
        `SELECT COUNT(*) AS waiting FROM sys.dm_exec_requests
           WHERE database_id = DB_ID(@Database) AND blocking_session_id <> 0 AND wait_type LIKE N'LCK[_]%'`,
        { Database: databaseOf(connectionString) },
      );
      if (Number(rows[0]?.waiting ?? 0) > 0) return;
      if (Date.now() > until) throw new Error(`No session waited for a lock within ${withinMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  },
  daysAgo: (days) => `DATEADD(DAY, -${days}, SYSUTCDATETIME())`,
  qualify: (schema, table) => `[${schema}].[${table}]`,
  schemas: true,
  firstReleaseCatalog: FIRST_RELEASE_MSSQL + firstReleaseRows(inBfx, 'SYSUTCDATETIME()'),
  foreignTables: `EXEC (N'CREATE SCHEMA bfx');${foreignTables(inBfx, { id: 'INT', text: 'NVARCHAR(200)' })}`,
};

async function freshDatabase(): Promise<string> {
  const name = `bfx_test_${randomBytes(6).toString('hex')}`;
  const pool = await adminPool();
  // The name is generated here, never input: it is safe to put in the statements.
  await pool.batch(`CREATE DATABASE [${name}]`);
  created.push(name);
  if (snapshot) await pool.batch(`ALTER DATABASE [${name}] SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE`);
  const [row] = await pool.query(
    'SELECT is_read_committed_snapshot_on AS rcsi FROM sys.databases WHERE name = @DatabaseName',
    {
      DatabaseName: name,
    },
  );
  if (row?.rcsi !== snapshot) {
    throw new Error(`Database ${name} has READ_COMMITTED_SNAPSHOT ${row?.rcsi ? 'on' : 'off'}, not as asked.`);
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
      .batch(`ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [${name}];`)
      .catch(() => {});
  }
  await admin.close();
});

const mode = [
  `READ_COMMITTED_SNAPSHOT ${snapshot ? 'ON' : 'OFF'}`,
  runner ? 'as a login with the run-time grants only' : 'as admin',
];

describe("the suite's own SQL on SQL Server", () => {
  it('runs each statement of a script as a batch of its own, CREATE SCHEMA included', () => {
    const firstRelease = statementsOf(target.firstReleaseCatalog);
    expect(firstRelease.map((statement) => /^\w+ \(?\w+/.exec(statement)?.[0])).toEqual([
      'EXEC (N',
      'CREATE TABLE',
      'CREATE TABLE',
      'CREATE INDEX',
      'CREATE INDEX',
      'CREATE UNIQUE',
      'INSERT INTO',
      'INSERT INTO',
      'INSERT INTO',
    ]);
    expect(firstRelease[0]).toBe("EXEC (N'CREATE SCHEMA bfx')");
    expect(statementsOf(target.foreignTables)).toHaveLength(5);
    expect(statementsOf(`INSERT INTO ${target.qualify('bfx', 'CatalogVersion')} (Version) VALUES (99)`)).toEqual([
      'INSERT INTO [bfx].[CatalogVersion] (Version) VALUES (99)',
    ]);
  });
});

describe.skipIf(!server)(`SQL Server (BFX_TEST_MSSQL), ${mode.join(', ')}`, () => {
  describeCatalogContract('mssql', { ...target, newConnectionString: freshDatabase });

  describe('SQL Server specifics', () => {
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

    /** SQL Server's own count of deadlocks since it started (cumulative, whatever "/sec" in its name says). */
    async function deadlocks(): Promise<number> {
      const [row] = await (
        await adminPool()
      ).query(
        `SELECT cntr_value AS deadlocks FROM sys.dm_os_performance_counters
         WHERE object_name LIKE N'%:Locks%' AND RTRIM(counter_name) = N'Number of Deadlocks/sec' AND RTRIM(instance_name) = N'_Total'`,
      );
      return Number(row?.deadlocks);
    }

    it('32 children of one batch begin and end at once while the batch ends: SQL Server counts no deadlock', async () => {
      const connectionString = await freshDatabase();
      const CHILDREN = 32;
      const catalogs = await Promise.all(
        Array.from({ length: CHILDREN + 1 }, () => openCatalog(connectionString, OPTIONS)),
      );
      try {
        const [batchCatalog, ...childCatalogs] = catalogs;
        const batch = await begin(batchCatalog, request('Deadlock_Batch', { isBatch: true }));
        const before = await deadlocks();
        // Each child begins and ends on a connection of its own; the batch's end goes among them.
        const children = childCatalogs.map(async (catalog, i) => {
          const child = await begin(catalog, request(`Deadlock_Child_${i}`, { parentExecutionId: batch.executionId }));
          return end(catalog, { executionId: child.executionId, outcome: 'success', message: null, caller: null });
        });
        const ending = new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
          end(batchCatalog, { executionId: batch.executionId, outcome: 'success', message: null, caller: null }),
        );
        const outcomes = await Promise.allSettled([...children, ending]);
        // A child that comes after the batch ended may be refused in a sentence; nothing else fails.
        const failures = outcomes.flatMap((outcome) =>
          outcome.status === 'rejected' && !(outcome.reason instanceof BfxError) ? [String(outcome.reason)] : [],
        );
        expect(failures).toEqual([]);
        expect(outcomes[CHILDREN].status).toBe('fulfilled');
        expect((await deadlocks()) - before).toBe(0);
      } finally {
        await Promise.all(catalogs.map((catalog) => catalog.close()));
      }
    });

    it('compares run keys exactly: case and trailing spaces make another run', async () => {
      await distinctRunKeys(await freshDatabase());
    });

    it('compares run keys exactly in a catalog whose RunKey column keeps a case-insensitive collation', async () => {
      const connectionString = await freshDatabase();
      await withCatalog(onDatabase(server!, databaseOf(connectionString)), OPTIONS, (catalog) => catalog.migrate());
      // A catalog created before RunKey had a binary collation: the database's, case-insensitive.
      await inDatabase(
        databaseOf(connectionString),
        `DROP INDEX IX_Execution_Package_RunKey ON [bfx].[Execution];
ALTER TABLE [bfx].[Execution] ALTER COLUMN RunKey NVARCHAR(800) COLLATE SQL_Latin1_General_CP1_CI_AS NULL;
CREATE INDEX IX_Execution_Package_RunKey ON [bfx].[Execution] (PackageID, RunKey);`,
      );
      await distinctRunKeys(connectionString);
    });

    it('compares run keys exactly, and finds its own run again, in a catalog whose RunKey column is VARCHAR', async () => {
      const connectionString = await freshDatabase();
      await withCatalog(onDatabase(server!, databaseOf(connectionString)), OPTIONS, (catalog) => catalog.migrate());
      // A catalog made by hand with VARCHAR text columns passes the check of the tables (text is text).
      await inDatabase(
        databaseOf(connectionString),
        `DROP INDEX IX_Execution_Package_RunKey ON [bfx].[Execution];
ALTER TABLE [bfx].[Execution] ALTER COLUMN RunKey VARCHAR(800) COLLATE SQL_Latin1_General_CP1_CI_AS NULL;
CREATE INDEX IX_Execution_Package_RunKey ON [bfx].[Execution] (PackageID, RunKey);`,
      );
      await distinctRunKeys(connectionString);
    });
  });
});
