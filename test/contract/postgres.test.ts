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

describeCatalogContract('postgres', () => cluster.createDatabase());
