import { afterAll, beforeAll } from 'vitest';
import { startCluster, type Cluster } from '../support/postgres.js';
import { describeCatalogContract } from './contract.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

describeCatalogContract('postgres', {
  newConnectionString: () => cluster.createDatabase(),
  // The database's default session time zone; the catalog must still write and read UTC.
  useLocalTimeZone: async (connectionString, timeZone) => {
    const database = new URL(connectionString).pathname.slice(1);
    await cluster.sql(`ALTER DATABASE ${database} SET timezone TO '${timeZone}'`);
  },
});
