import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeCatalogContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'bfx-contract-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeCatalogContract('sqlite', {
  newConnectionString: async () => `sqlite:${join(dir, `catalog-${++n}`, 'catalog.db')}`,
});
