/**
 * Connection string -> catalog engine. Only the driver of the engine in use is loaded: each
 * engine folder is a chunk imported on demand, so a SQLite begin never pays for mssql or pg. The
 * SQL core (sql/catalog.ts and what it imports) is imported statically, into the bundle's main file:
 * as a chunk of its own it was one more file for every step to load, and
 * the modules it shares with the SQLite driver were in both chunks (docs/performance.md, start-up).
 * Every engine is on the SQL core: its driver.ts offers openDriver(location, options).
 */
import { BfxError } from '../errors.js';
import { DEFAULT_CATALOG_SCHEMA, type CatalogEngine, type OpenOptions } from './catalog.js';
import {
  catalogSchema,
  parseConnectionString,
  schemaParameter,
  sqlitePath,
  withoutSchemaParameter,
} from './connection-string.js';
import { makeCurrent, openSqlCatalog, type CatalogCheck } from './sql/catalog.js';

/**
 * Opens the engine a connection string names, without inspecting or creating anything: for
 * `bfx migrate`, which calls migrate() itself to report what it created or upgraded.
 */
export async function openEngine(connectionString: string, options: OpenOptions): Promise<CatalogEngine> {
  return (await open(connectionString, options, 'none')).catalog;
}

/**
 * Opens the engine; an engine on the SQL core checks the catalog itself when `check` says so (in
 * its first transaction where it can), and says so with `checks`.
 */
async function open(
  connectionString: string,
  options: OpenOptions,
  check: CatalogCheck,
): Promise<{ catalog: CatalogEngine; checks: boolean }> {
  const target = parseConnectionString(connectionString);
  // The schema input wins over the connection string's schema parameter; the engines get a
  // validated name and a connection string without the parameter, which no driver knows.
  const schema = options.schema ?? connectionStringSchema(target.value) ?? DEFAULT_CATALOG_SCHEMA;
  const location = withoutSchemaParameter(target.value);
  const engineOptions = { ...options, schema };
  switch (target.engine) {
    case 'sqlite': {
      const { openDriver } = await importSqliteDriver();
      const catalog = await openSqlCatalog(openDriver(sqlitePath(target), engineOptions), engineOptions, check);
      return { catalog, checks: check !== 'none' };
    }
    case 'postgres':
    case 'mssql': {
      const { openDriver } =
        target.engine === 'postgres' ? await import('./postgres/driver.js') : await import('./mssql/driver.js');
      const catalog = await openSqlCatalog(openDriver(location, engineOptions), engineOptions, check);
      return { catalog, checks: check !== 'none' };
    }
  }
}

/**
 * The connection string's schema parameter, checked. A refusal does not repeat the value: it is
 * part of the connection string, a secret, and in a keyword string an unquoted password that holds
 * a ; runs into the keywords after it (Password=p;Schema=rest-of-it).
 */
function connectionStringSchema(connectionString: string): string | undefined {
  try {
    return catalogSchema(schemaParameter(connectionString) ?? '', 'schema parameter of the connection string');
  } catch (error) {
    if (!(error instanceof BfxError)) throw error;
    throw new BfxError(
      'The schema parameter of the connection string is not a schema name bfx-begin accepts (its value is not repeated ' +
        'here, being part of a secret), so no catalog was contacted: use 1 to 63 letters, digits or underscores, not ' +
        'starting with a digit (Schema=bfxgh, or ?schema=bfxgh in a URL), and enclose a password that holds ; in {braces}.',
    );
  }
}

/** Opens the catalog, creating or upgrading its tables when they are missing or older (createCatalog). */
export function openCatalog(connectionString: string, options: OpenOptions): Promise<CatalogEngine> {
  return openChecked(connectionString, options, 'none');
}

/**
 * Opens the catalog and checks it as openCatalog does: at once, or, for an engine on the SQL
 * core, in its first transaction (`on-first-use`), which saves a begin its own check.
 */
async function openChecked(
  connectionString: string,
  options: OpenOptions,
  check: CatalogCheck,
): Promise<CatalogEngine> {
  const { catalog, checks } = await open(connectionString, options, check);
  if (checks) return catalog;
  try {
    await makeCurrent(catalog, await catalog.inspect(), options);
    return catalog;
  } catch (error) {
    await catalog.close();
    throw error;
  }
}

async function importSqliteDriver() {
  try {
    return await import('./sqlite/driver.js');
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_UNKNOWN_BUILTIN_MODULE') {
      throw new BfxError(
        `The embedded SQLite catalog needs node:sqlite, which Node.js ${process.version} does not have: run bfx with Node.js 24.`,
      );
    }
    throw error;
  }
}

/**
 * Opens the catalog, runs work on it, and closes it whatever happens. A connection that fails to
 * close changes nothing: after work that succeeded (a begin or an end that committed) it cannot
 * fail the caller, and after work that failed the work's own error is the one reported.
 */
export async function withCatalog<T>(
  connectionString: string,
  options: OpenOptions,
  work: (catalog: CatalogEngine) => Promise<T>,
): Promise<T> {
  // Work's first call on the catalog is the check's transaction where it can be.
  const catalog = await openChecked(connectionString, options, 'on-first-use');
  const close = () =>
    Promise.resolve()
      .then(() => catalog.close())
      .catch(() => undefined);
  let result: T;
  try {
    result = await work(catalog);
  } catch (error) {
    await close();
    throw error;
  }
  await close();
  return result;
}
