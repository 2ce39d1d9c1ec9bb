/**
 * Connection string -> catalog engine. Only the driver of the engine in use is loaded: the
 * engines are imported on demand, so a SQLite begin never pays for mssql or pg. Every engine
 * folder offers the same open(location, options).
 */
import { BfxError } from '../errors.js';
import type { CatalogEngine, OpenOptions } from './catalog.js';
import { parseConnectionString, sqlitePath } from './connection-string.js';

export async function openCatalog(connectionString: string, options: OpenOptions): Promise<CatalogEngine> {
  const target = parseConnectionString(connectionString);
  let catalog: CatalogEngine;
  switch (target.engine) {
    case 'sqlite':
      catalog = await (await importSqliteEngine()).open(sqlitePath(target), options);
      break;
    case 'postgres':
      catalog = await (await import('./postgres/engine.js')).open(target.value, options);
      break;
    case 'mssql':
      catalog = await (await import('./mssql/engine.js')).open(target.value, options);
      break;
  }
  try {
    if (!(await catalog.exists())) {
      if (!options.createCatalog) {
        throw new BfxError(
          `The catalog ${catalog.location} has no bfx tables and create-catalog is false, so nothing was created: ` +
            'deploy them with `bfx migrate` or set create-catalog to true.',
        );
      }
      await catalog.migrate();
    }
    return catalog;
  } catch (error) {
    await catalog.close();
    throw error;
  }
}

async function importSqliteEngine() {
  try {
    return await import('./sqlite/engine.js');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_UNKNOWN_BUILTIN_MODULE') {
      throw new BfxError(
        `The embedded SQLite catalog needs node:sqlite, which Node.js ${process.version} does not have: run bfx with Node.js 24.`,
      );
    }
    throw error;
  }
}

/** Opens the catalog, runs work on it, and closes it whatever happens. */
export async function withCatalog<T>(
  connectionString: string,
  options: OpenOptions,
  work: (catalog: CatalogEngine) => Promise<T>,
): Promise<T> {
  const catalog = await openCatalog(connectionString, options);
  try {
    return await work(catalog);
  } finally {
    await catalog.close();
  }
}
