/**
 * An administrator's connection to a real SQL Server, for the tests' own SQL (creating and
 * dropping databases, grants, reading the server's counters), on the engine's own driver: one
 * tedious connection, each call one request.
 */
import type { CatalogOptions } from '../../src/catalog/catalog.js';
import { openDriver } from '../../src/catalog/mssql/driver.js';
import type { Params, Step } from '../../src/catalog/sql/driver.js';

type Row = Record<string, unknown>;

export interface MssqlAdmin {
  /** Runs T-SQL of the test's own, with no values in it, as one batch (through sp_executesql). */
  batch(text: string): Promise<void>;
  /** Runs one query with its values bound (driver.ts: each typed from its value); the rows it answers. */
  query(text: string, params?: Params): Promise<Row[]>;
  close(): Promise<void>;
}

export async function mssqlAdmin(connectionString: string, options: CatalogOptions): Promise<MssqlAdmin> {
  const driver = openDriver(connectionString, { ...options, createCatalog: false });
  await driver.connect();
  const one = async (step: Step): Promise<Row[]> => {
    const [outcome] = await driver.send([step]);
    if (!outcome.ok) throw outcome.error;
    return outcome.answer.rows;
  };
  return {
    batch: async (text) => void (await one({ kind: 'ddl', text })),
    query: (text, params = {}) => one({ kind: 'statement', name: 'NOW', text, params }),
    close: () => driver.close(),
  };
}
