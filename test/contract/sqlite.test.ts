import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll } from 'vitest';
import { FIRST_RELEASE_SQLITE, firstReleaseRows, foreignTables } from '../support/first-release.js';
import { describeCatalogContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'bfx-contract-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pathOf = (connectionString: string) => connectionString.slice('sqlite:'.length);
const plain = (table: string) => table;

describeCatalogContract('sqlite', {
  newConnectionString: async () => `sqlite:${join(dir, `catalog-${++n}`, 'catalog.db')}`,
  execute: async (connectionString, sql) => {
    mkdirSync(dirname(pathOf(connectionString)), { recursive: true });
    const db = new DatabaseSync(pathOf(connectionString));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  },
  tables: async (connectionString) => {
    const db = new DatabaseSync(pathOf(connectionString), { readOnly: true });
    try {
      return db
        .prepare(
          `SELECT lower(name) AS name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1`,
        )
        .all()
        .map((row) => String(row.name));
    } finally {
      db.close();
    }
  },
  daysAgo: (days) => `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${days} days')`,
  qualify: (_schema, table) => table,
  schemas: false,
  firstReleaseCatalog: FIRST_RELEASE_SQLITE + firstReleaseRows(plain, `'2026-01-01T00:00:00.000Z'`),
  foreignTables: foreignTables(plain, { id: 'INTEGER', text: 'TEXT' }),
});
