/**
 * Connection string -> catalog engine. Only the driver of the engine in use is loaded: the
 * engines are imported on demand, so a SQLite begin never pays for mssql or pg. Every engine
 * folder offers the same open(location, options).
 */
import { BfxError } from '../errors.js';
import {
  ACTION_NO_CREATE,
  CATALOG_VERSION,
  DEFAULT_CATALOG_SCHEMA,
  UPGRADE_IN_BEGIN_MAX_EXECUTIONS,
  type CatalogEngine,
  type OpenOptions,
} from './catalog.js';
import {
  catalogSchema,
  parseConnectionString,
  schemaParameter,
  sqlitePath,
  withoutSchemaParameter,
} from './connection-string.js';

/**
 * Opens the engine a connection string names, without inspecting or creating anything: for
 * `bfx migrate`, which calls migrate() itself to report what it created or upgraded.
 */
export async function openEngine(connectionString: string, options: OpenOptions): Promise<CatalogEngine> {
  const target = parseConnectionString(connectionString);
  // The schema input wins over the connection string's schema parameter; the engines get a
  // validated name and a connection string without the parameter, which no driver knows.
  const schema = options.schema ?? connectionStringSchema(target.value) ?? DEFAULT_CATALOG_SCHEMA;
  const location = withoutSchemaParameter(target.value);
  const engineOptions = { ...options, schema };
  let catalog: CatalogEngine;
  switch (target.engine) {
    case 'sqlite':
      catalog = await (await importSqliteEngine()).open(sqlitePath(target), engineOptions);
      break;
    case 'postgres':
      catalog = await (await import('./postgres/engine.js')).open(location, engineOptions);
      break;
    case 'mssql':
      catalog = await (await import('./mssql/engine.js')).open(location, engineOptions);
      break;
  }
  return catalog;
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
export async function openCatalog(connectionString: string, options: OpenOptions): Promise<CatalogEngine> {
  const catalog = await openEngine(connectionString, options);
  try {
    const state = await catalog.inspect();
    if (state.kind === 'empty' || state.version < CATALOG_VERSION) {
      if (!options.createCatalog) {
        const { because, create, upgrade } = options.noCreate ?? ACTION_NO_CREATE;
        throw new BfxError(
          state.kind === 'empty'
            ? `The catalog ${catalog.location} has no bfx tables and ${because}, so nothing was created: ${create}.`
            : `The catalog ${catalog.location} holds version ${state.version} of the bfx tables, this release needs ` +
                `version ${CATALOG_VERSION}, and ${because}, so nothing was changed: ${upgrade}.`,
        );
      }
      // A begin upgrades a small catalog in place; a large one is left to `bfx migrate`.
      await catalog.migrate({ maxExecutions: UPGRADE_IN_BEGIN_MAX_EXECUTIONS });
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
  const catalog = await openCatalog(connectionString, options);
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
