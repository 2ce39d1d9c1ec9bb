import { afterAll, beforeAll } from 'vitest';
import { startCluster, type Cluster } from '../support/postgres.js';
import { FIRST_RELEASE_POSTGRES, firstReleaseRows, foreignTables } from '../support/first-release.js';
import { describeCatalogContract } from './contract.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

const databaseOf = (connectionString: string) => new URL(connectionString).pathname.slice(1);
const inBfx = (table: string) => `bfx.${table}`;

describeCatalogContract('postgres', {
  newConnectionString: () => cluster.createDatabase(),
  // The database's default session time zone; the catalog must still write and read UTC.
  useLocalTimeZone: async (connectionString, timeZone) => {
    await cluster.sql(`ALTER DATABASE ${databaseOf(connectionString)} SET timezone TO '${timeZone}'`);
  },
  execute: async (connectionString, sql) => {
    await cluster.sql(sql, [], databaseOf(connectionString));
  },
  tables: async (connectionString, schema) =>
    (
      await cluster.sql<{ name: string }>(
        `SELECT lower(table_name) AS name FROM information_schema.tables WHERE table_schema = lower($1) ORDER BY 1`,
        [schema],
        databaseOf(connectionString),
      )
    ).map((row) => row.name),
  daysAgo: (days) => `((now() at time zone 'utc') - interval '${days} days')`,
  qualify: (schema, table) => `${schema}.${table}`,
  schemas: true,
  firstReleaseCatalog: FIRST_RELEASE_POSTGRES + firstReleaseRows(inBfx, `(now() at time zone 'utc')`),
  foreignTables: `CREATE SCHEMA bfx;${foreignTables(inBfx, { id: 'integer', text: 'varchar(200)' })}`,
});
