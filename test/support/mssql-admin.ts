/**
 * An administrator's connection to a real SQL Server, for the tests' own SQL (creating and
 * dropping databases, grants, reading the server's counters), on the engine's own driver: one
 * tedious connection, each call one request.
 */
import type { CatalogOptions } from '../../src/catalog/catalog.js';
import { parseMssqlConnectionString, toTediousConfig } from '../../src/catalog/mssql/connection-string.js';
import { TdsConnection, type Params, type Row } from '../../src/catalog/mssql/driver.js';

export interface MssqlAdmin {
  /** Runs T-SQL of the test's own, with no values in it, as one batch. */
  batch(text: string): Promise<void>;
  /** Runs one query with its values bound (driver.ts); the rows of its first result set. */
  query(text: string, params?: Params): Promise<Row[]>;
  close(): Promise<void>;
}

export async function mssqlAdmin(connectionString: string, options: CatalogOptions): Promise<MssqlAdmin> {
  const connection = await TdsConnection.open(
    toTediousConfig(parseMssqlConnectionString(connectionString), options),
    () => {},
  );
  return {
    batch: async (text) => void (await connection.send(text)),
    query: async (text, params = {}) => (await connection.run({ text, params, recordsets: [1] }))[0] ?? [],
    close: () => connection.close(),
  };
}
