/**
 * Connection string -> catalog engine. Only the driver of the engine in use is loaded: the
 * engines are imported on demand, so a SQLite begin never pays for mssql or pg.
 */
import { BfxError } from '../errors.js';
import type { Catalog, CatalogOptions } from './catalog.js';
import { parseConnectionString, sqlitePath } from './connection-string.js';

export interface OpenOptions extends CatalogOptions {
  /** Create missing catalog tables (action input create-catalog); otherwise refuse to go on. */
  createCatalog: boolean;
}

export async function openCatalog(connectionString: string, options: OpenOptions): Promise<Catalog> {
  const target = parseConnectionString(connectionString);
  let catalog: Catalog;
  switch (target.engine) {
    case 'sqlite':
      catalog = await (await import('./sqlite/engine.js')).open(sqlitePath(target), options);
      break;
    default:
      throw new BfxError(`The ${target.engine} catalog engine is not available in this version of bfx-begin.`);
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

/** Opens the catalog, runs work on it, and closes it whatever happens. */
export async function withCatalog<T>(
  connectionString: string,
  options: OpenOptions,
  work: (catalog: Catalog) => Promise<T>,
): Promise<T> {
  const catalog = await openCatalog(connectionString, options);
  try {
    return await work(catalog);
  } finally {
    await catalog.close();
  }
}
