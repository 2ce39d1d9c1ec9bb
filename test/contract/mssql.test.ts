/**
 * The catalog contract on SQL Server, run only when BFX_TEST_MSSQL holds a connection string to a
 * server where the login may create databases (the mssql-contract workflow's service container).
 * Each catalog is a fresh database, bfx_test_<random>, dropped when the suite ends.
 */
import { randomBytes } from 'node:crypto';
import sql from 'mssql';
import { afterAll, describe } from 'vitest';
import { parseMssqlConnectionString, toMssqlConfig } from '../../src/catalog/mssql/connection-string.js';
import { describeCatalogContract } from './contract.js';

const server = process.env.BFX_TEST_MSSQL;
const created: string[] = [];
let admin: sql.ConnectionPool | undefined;

async function adminPool(connectionString: string): Promise<sql.ConnectionPool> {
  admin ??= await new sql.ConnectionPool(
    toMssqlConfig(parseMssqlConnectionString(connectionString), {
      connectTimeoutMs: 30_000,
      requestTimeoutMs: 120_000,
    }),
  ).connect();
  return admin;
}

/** The same server and login, on another database: a later Database keyword wins in ADO.NET form. */
function onDatabase(connectionString: string, database: string): string {
  const text = connectionString.trim();
  if (/^(mssql|sqlserver):\/\//i.test(text)) {
    const url = new URL(text);
    url.pathname = `/${database}`;
    return url.toString();
  }
  return `${text.replace(/;\s*$/, '')};Database=${database}`;
}

async function freshDatabase(): Promise<string> {
  const name = `bfx_test_${randomBytes(6).toString('hex')}`;
  // The name is generated here, never input: it is safe to put in the statement.
  await (await adminPool(server!)).request().batch(`CREATE DATABASE [${name}]`);
  created.push(name);
  return onDatabase(server!, name);
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

describe.skipIf(!server)('SQL Server (BFX_TEST_MSSQL)', () => {
  describeCatalogContract('mssql', freshDatabase);
});
