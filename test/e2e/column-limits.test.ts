/**
 * Values that reach a catalog column, through the shipped bundle, on SQLite and PostgreSQL alike:
 * each column has one rule (docs/catalog.md, "Column limits"): a value too long for it is cut
 * with a marker (an actor, the run's context) or refused with one sentence (a run key, a package
 * name, a schema name), the same on every engine, never an unexpected error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogEngine } from '../../src/catalog/catalog.js';
import { withCatalog } from '../../src/catalog/connect.js';
import { startCluster, type Cluster } from '../support/postgres.js';
import { bfx, runActionStep, tempCatalog } from './support.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

const engines: [string, () => Promise<string>][] = [
  ['SQLite', async () => tempCatalog().connectionString],
  ['PostgreSQL', () => cluster.createDatabase()],
];

function read<T>(connectionString: string, work: (catalog: CatalogEngine) => Promise<T>): Promise<T> {
  return withCatalog(
    connectionString,
    { createCatalog: false, connectTimeoutMs: 5_000, requestTimeoutMs: 5_000 },
    work,
  );
}

const mainStep = (connectionString: string, runId: string, env: Record<string, string> = {}, inputs = {}) =>
  runActionStep({
    phase: 'main',
    inputs: { 'package-name': 'LOAD_Customer', 'connection-string': connectionString, ...inputs },
    env: { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load', GITHUB_REPOSITORY: 'acme/loads', ...env },
  });

/** 400 characters: the first 399 of the value and the marker. */
const cut400 = (value: string) => `${value.slice(0, 399)}…`;

describe.each(engines)('column limits on %s, through the shipped bundle', (_engine, newCatalog) => {
  it('cuts an --actor of 401 characters to 400, with a marker', async () => {
    const connectionString = await newCatalog();
    const c = ['-c', connectionString];
    expect((await bfx(['begin', 'P', ...c])).exitCode).toBe(0);
    const actor = 'a'.repeat(400) + 'b';
    const disabled = await bfx(['disable', 'P', '--actor', actor, ...c]);
    expect(disabled.stderr).toBe('');
    expect(disabled.exitCode).toBe(0);
    const [entry] = await read(connectionString, (catalog) => catalog.audit('P', 1));
    expect(entry).toMatchObject({ action: 'disable', actor: cut400(actor) });
    expect(entry.actor).toHaveLength(400);
  });

  it('cuts a GITHUB_ACTOR of 450 characters that takes an execution over, in the execution and the audit log', async () => {
    const connectionString = await newCatalog();
    const actor = 'octo'.repeat(112) + 'ca';
    const first = await mainStep(connectionString, '1', { GITHUB_ACTOR: actor });
    expect(first.exitCode, first.stdout).toBe(0);
    const takeover = await mainStep(connectionString, '2', { GITHUB_ACTOR: actor });
    expect(takeover.stdout).not.toMatch(/unexpected error/);
    expect(takeover.exitCode, takeover.stdout).toBe(0);
    expect([takeover.outputs.ExecutionID, takeover.outputs.ExecutionStatus]).toEqual(['1', 'A']);
    const [execution] = await read(connectionString, (catalog) => catalog.history('LOAD_Customer', 1));
    expect(execution.actor).toBe(cut400(actor));
    const [entry] = await read(connectionString, (catalog) => catalog.audit('LOAD_Customer', 1));
    expect(entry).toMatchObject({ action: 'takeover', actor: cut400(actor) });
  });

  it('refuses a run key of 801 characters with one sentence, and begins nothing', async () => {
    const connectionString = await newCatalog();
    const refused = await bfx(['begin', 'P', '--run-key', 'k'.repeat(801), '-c', connectionString]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'error: The --run-key is 801 characters long, more than the 800 the catalog keeps, so bfx begin did nothing: use a shorter run key.',
    );
    expect((await bfx(['begin', 'P', '--run-key', 'k'.repeat(800), '-c', connectionString])).exitCode).toBe(0);
  });

  it.each(['pg_temp', 'PG_TOAST', 'information_schema', 'sys'])(
    'refuses the catalog-schema %s with one sentence, before the catalog is contacted',
    async (schema) => {
      const connectionString = await newCatalog();
      const refused = await mainStep(connectionString, '1', {}, { 'catalog-schema': schema });
      expect(refused.exitCode).toBe(1);
      expect(refused.stdout.split('\n').filter((line) => line.startsWith('::error::'))).toEqual([
        `::error::The catalog-schema "${schema}" is a schema the database keeps for itself, so no catalog was contacted: ` +
          'name a schema of your own (for example bfxgh), or leave catalog-schema empty for bfx.',
      ]);
    },
  );
});
