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
  // The server's own view: a session of bfx-begin on the catalog's database waiting for a lock.
  lockWaitSeen: async (connectionString, withinMs) => {
    const until = Date.now() + withinMs;
    for (;;) {
      const [row] = await cluster.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'bfx-begin' AND wait_event_type = 'Lock'`,
        [databaseOf(connectionString)],
      );
      if (row.n > 0) return;
      if (Date.now() > until) throw new Error(`No session waited for a lock within ${withinMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  },
  daysAgo: (days) => `((now() at time zone 'utc') - interval '${days} days')`,
  qualify: (schema, table) => `${schema}.${table}`,
  schemas: true,
  firstReleaseCatalog: FIRST_RELEASE_POSTGRES + firstReleaseRows(inBfx, `(now() at time zone 'utc')`),
  foreignTables: `CREATE SCHEMA bfx;${foreignTables(inBfx, { id: 'integer', text: 'varchar(200)' })}`,
});
