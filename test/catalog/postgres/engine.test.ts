/**
 * What the PostgreSQL engine does beyond the shared contract: safe concurrent migrations, round
 * trips, server-clock UTC timestamps, identifiers in any case, least privileges, locking and
 * timeouts, transient-fault retries, and clear connection errors without the password.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  CATALOG_VERSION,
  LockViolation,
  type CatalogEngine,
  type PackageTransaction,
} from '../../../src/catalog/catalog.js';
import { openCatalog, openEngine } from '../../../src/catalog/connect.js';
import { BfxError } from '../../../src/errors.js';
import { end } from '../../../src/run-control/index.js';
import { reset, setEnabled, setNextLoadStatus } from '../../../src/run-control/package-commands.js';
import { PASSWORD, PASSWORD_USER, startCluster, type Cluster } from '../../support/postgres.js';
import { startWireProxy, type WireCounts } from '../../../bench/wire-proxy.js';
import { databaseOf, doubleActive, postgresExecutions } from '../../support/postgres-catalog.js';
import { begin, beginRequest as request, endRequest } from '../../support/requests.js';

/** Operator changes made by the tests: no one in particular. */
const NO_OPERATOR = { actor: null, reason: null };

const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

async function withCatalog<T>(
  url: string,
  work: (catalog: CatalogEngine) => Promise<T>,
  options = OPTIONS,
): Promise<T> {
  const catalog = await openCatalog(url, options);
  try {
    return await work(catalog);
  } finally {
    await catalog.close();
  }
}

describe('the engine folder', () => {
  it('holds no decision: no decide* call, no plan, no status letter outside the CHECK constraints', () => {
    const dir = resolve(import.meta.dirname, '../../../src/catalog/postgres');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/\bdecide[A-Z]|\bplan\.kind|switch \(plan/);
      expect(text.replace(/CHECK \([^()]*\([^()]*\)\)/g, ''), file).not.toMatch(/'[ERACSFP]'/);
    }
  });
});

describe('creating the catalog', () => {
  it('is safe when eight sessions migrate a fresh database at once, five times over', async () => {
    for (let round = 0; round < 5; round++) {
      const url = await cluster.createDatabase();
      const catalogs = await Promise.all(Array.from({ length: 8 }, () => openEngine(url, OPTIONS)));
      try {
        await Promise.all(catalogs.map((catalog) => catalog.migrate()));
        expect(await catalogs[0].inspect()).toEqual({ kind: 'version', version: CATALOG_VERSION });
      } finally {
        await Promise.all(catalogs.map((catalog) => catalog.close()));
      }
    }
  });

  it('creates unquoted tables and columns that users can name in any case', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, (catalog) => begin(catalog, request('LOAD_Customer')));
    const db = databaseOf(url);
    const [upper] = await cluster.sql('SELECT ExecutionStatus, NextLoadStatus, RetryCount FROM BFX.EXECUTION', [], db);
    expect(upper).toEqual({ executionstatus: 'E', nextloadstatus: 'C', retrycount: 0 });
    const [lower] = await cluster.sql('select p.packagename, p.isenabled from bfx.package p', [], db);
    expect(lower).toEqual({ packagename: 'LOAD_Customer', isenabled: true });
    const indexes = await cluster.sql<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'bfx' ORDER BY indexname`,
      [],
      db,
    );
    expect(indexes.map((row) => row.indexname)).toEqual([
      'auditlog_pkey',
      'catalogversion_pkey',
      'configvariable_pkey',
      'execution_pkey',
      'ix_auditlog_execution',
      'ix_auditlog_package',
      'ix_execution_package_ended',
      'ix_execution_package_latest',
      'ix_execution_package_runkey',
      'ix_execution_package_status',
      'ix_execution_parent',
      'package_pkey',
      'rowcount_pkey',
      'ux_execution_package_active',
      'ux_package_packagename',
    ]);
    // The unique partial index itself refuses a second active execution of one package.
    await expect(
      cluster.sql(
        `INSERT INTO bfx.Execution (PackageID, ExecutionStatus, NextLoadStatus) SELECT PackageID, 'E', 'C' FROM bfx.Package`,
        [],
        db,
      ),
    ).rejects.toThrow(/ux_execution_package_active/);
  });
});

describe('round trips', () => {
  it('takes two round trips per begin and per end over a slow link, one transaction each', async () => {
    // Counted on the wire, not timed: on a busy machine a timed call costs more than its round
    // trips. Over an 80 ms link, a statement that waited for an earlier answer before it was sent
    // would be seen as a round trip of its own; the proxy's holding of answers also keeps a
    // pipeline written in pieces from looking like two.
    const proxy = await startWireProxy(cluster.host, cluster.port, { roundTripMs: 80 });
    try {
      const database = databaseOf(await cluster.createDatabase());
      const counted = await withCatalog(`postgres://postgres@127.0.0.1:${proxy.port}/${database}`, async (catalog) => {
        const count = async (work: () => Promise<unknown>) => {
          proxy.reset();
          await work();
          return { roundTrips: proxy.counts.roundTrips, transactions: proxy.counts.transactions };
        };
        const calls: Record<string, { roundTrips: number; transactions: number }> = {};
        calls.firstBegin = await count(() => begin(catalog, request('New')));
        for (let i = 1; i <= 3; i++) {
          let id = '';
          calls[`begin ${i}`] = await count(async () => (id = (await begin(catalog, request('P'))).executionId));
          calls[`end ${i}`] = await count(() => end(catalog, endRequest(id)));
        }
        return calls;
      });
      console.log(`round trips over an 80 ms link: ${JSON.stringify(counted)}`);
      for (const [call, counts] of Object.entries(counted)) {
        expect([call, counts]).toEqual([call, { roundTrips: 2, transactions: 1 }]);
      }
    } finally {
      await proxy.close();
    }
  });

  it('counts two round trips and one transaction on the wire for every path of begin, end and the operator commands', async () => {
    const database = databaseOf(await cluster.createDatabase());
    const proxy = await startWireProxy(cluster.host, cluster.port);
    const counted: Record<string, WireCounts> = {};
    const measure = async <T>(call: string, work: () => Promise<T>): Promise<T> => {
      proxy.reset();
      const result = await work();
      counted[call] = { ...proxy.counts };
      return result;
    };
    try {
      await withCatalog(`postgres://postgres@127.0.0.1:${proxy.port}/${database}`, async (catalog) => {
        const first = await measure('begin: register, insert', () => begin(catalog, request('P', { runKey: 'k1' })));
        await measure('begin: re-entry', () => begin(catalog, request('P', { runKey: 'k1' })));
        await measure('begin: resume', () => begin(catalog, request('P', { runKey: 'k2', retryLimit: 1 })));
        const abandoned = await measure('begin: abandon and insert', () =>
          begin(catalog, request('P', { runKey: 'k3', retryLimit: 1 })),
        );
        expect(abandoned.plan.kind).toBe('abandon-and-insert');
        const byId = (executionId: string) => ({
          executionId,
          outcome: 'success' as const,
          message: null,
          caller: null,
        });
        await measure('end: ended', () => end(catalog, byId(abandoned.executionId)));
        await measure('end: already ended', () => end(catalog, byId(first.executionId)));
        await measure('end: not found', () => end(catalog, byId('987654321')));
        await measure('begin: insert', () => begin(catalog, request('P')));
        await measure('disable', () => setEnabled(catalog, 'P', false, NO_OPERATOR));
        await measure('begin: disabled, insert C', () => begin(catalog, request('P')));
        await measure('enable', () => setEnabled(catalog, 'P', true, NO_OPERATOR));
        await measure('skip: refused while active', () => setNextLoadStatus(catalog, 'P', 'C', NO_OPERATOR));
        expect((await measure('reset', () => reset(catalog, 'P', 'stuck', NO_OPERATOR))).kind).toBe('reset');
        expect((await measure('skip', () => setNextLoadStatus(catalog, 'P', 'C', NO_OPERATOR))).kind).toBe('changed');
        await measure('reset: none active', () => reset(catalog, 'P', 'again', NO_OPERATOR));
      });
    } finally {
      await proxy.close();
    }
    console.log(`on the wire: ${JSON.stringify(counted)}`);
    for (const [call, counts] of Object.entries(counted)) {
      // enable / disable reads the package with its lock (enabling an enabled one changes nothing),
      // then its update and COMMIT travel together.
      expect([call, counts.roundTrips, counts.transactions]).toEqual([call, 2, 1]);
    }
  });
});

describe('pipelined transactions', () => {
  it('rolls back a take-over or a finish of an execution that is no longer active, with the writes sent beside it', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      const begun = await begin(catalog, request('P'));
      await end(catalog, endRequest(begun.executionId));
      const before = await catalog.history('P', 10);
      const pkg = (await catalog.status('P'))[0];
      const insert = (tx: PackageTransaction) =>
        tx.insertExecution({
          packageId: pkg.packageId,
          parentExecutionId: null,
          executionStatus: 'E',
          nextLoadStatus: 'C',
          retryCount: 0,
          ended: false,
          errorMessage: null,
          runKey: 'late',
          context: request('P').context,
        });
      const takeOver = catalog.transaction({ packageName: 'P' }, 'take over', (tx) =>
        Promise.all([
          tx.takeOverExecution({
            executionId: begun.executionId,
            executionStatus: 'A',
            nextLoadStatus: 'P',
            retryCount: 1,
            parentExecutionId: null,
            runKey: 'late',
            context: request('P').context,
          }),
          insert(tx),
          tx.commit(),
        ]),
      );
      await expect(takeOver).rejects.toBeInstanceOf(LockViolation);
      const finish = catalog.transaction({ packageName: 'P' }, 'finish', (tx) =>
        Promise.all([
          tx.finishExecution({
            executionId: begun.executionId,
            executionStatus: 'F',
            nextLoadStatus: 'R',
            errorMessage: 'x',
          }),
          insert(tx),
          tx.commit(),
        ]),
      );
      await expect(finish).rejects.toThrow(`Execution ${begun.executionId} was no longer active`);
      expect(await catalog.history('P', 10)).toEqual(before);
      // The catalog goes on working on the same connection.
      expect((await begin(catalog, request('P'))).executionStatus).toBe('E');
    });
  });

  it('rejects with the statement that failed first, not with the aborted ones pipelined behind it', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      await begin(catalog, request('P'));
      const pkg = (await catalog.status('P'))[0];
      // An insert that breaks the unique index of active executions, then reads behind it.
      const failed = await catalog
        .transaction({ packageName: 'P' }, 'insert a second active execution', async (tx) => {
          const inserted = tx.insertExecution({
            packageId: pkg.packageId,
            parentExecutionId: null,
            executionStatus: 'E',
            nextLoadStatus: 'C',
            retryCount: 0,
            ended: false,
            errorMessage: null,
            runKey: 'second',
            context: request('P').context,
          });
          const reads = Promise.all([tx.activeExecution(), tx.latestExecution()]);
          await reads;
          return inserted;
        })
        .catch((error: unknown) => error);
      expect((failed as Error).message).toMatch(/ux_execution_package_active/);
      expect(await catalog.history('P', 10)).toHaveLength(1);
    });
  });

  it('rolls back what work wrote when work throws, and rejects with its error', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      const begun = await begin(catalog, request('P'));
      const thrown = catalog.transaction({ packageName: 'P' }, 'fail midway', async (tx) => {
        void tx.finishExecution({
          executionId: begun.executionId,
          executionStatus: 'S',
          nextLoadStatus: 'P',
          errorMessage: null,
        });
        throw new Error('work failed');
      });
      await expect(thrown).rejects.toThrow('work failed');
      expect((await catalog.status('P'))[0].active?.executionId).toBe(begun.executionId);
    });
  });
});

describe('permissions', () => {
  it('runs begin, end, the admin commands and the writes of a load with USAGE on the schema and SELECT, INSERT, UPDATE on the tables', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await withCatalog(url, (catalog) => catalog.migrate());
    await cluster.sql(
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bfx_app') THEN CREATE ROLE bfx_app LOGIN; END IF; END $$",
    );
    const appUrl = url.replace('postgres@', 'bfx_app@');

    // Without grants: one clear sentence naming the missing permission.
    const refused = await withCatalog(appUrl, (catalog) => begin(catalog, request('P'))).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(BfxError);
    expect((refused as Error).message).toMatch(
      /^User "bfx_app" lacks a permission .*42501: permission denied for schema bfx/,
    );

    await cluster.sql('GRANT USAGE ON SCHEMA bfx TO bfx_app', [], db);
    await cluster.sql('GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA bfx TO bfx_app', [], db);
    await withCatalog(appUrl, async (catalog) => {
      await catalog.migrate(); // everything is there: nothing to create, no CREATE right needed
      const begun = await begin(catalog, request('P'));
      expect((await end(catalog, endRequest(begun.executionId))).kind).toBe('ended');
      expect((await setNextLoadStatus(catalog, 'P', 'C', NO_OPERATOR)).kind).toBe('changed');
      expect((await setNextLoadStatus(catalog, 'P', 'P', NO_OPERATOR)).kind).toBe('changed');
      expect((await setEnabled(catalog, 'P', false, NO_OPERATOR))?.isEnabled).toBe(false);
      expect((await setEnabled(catalog, 'P', true, NO_OPERATOR))?.isEnabled).toBe(true);
      const second = await begin(catalog, request('P'));
      expect((await reset(catalog, 'P', 'stuck', NO_OPERATOR)).kind).toBe('reset');
      expect((await catalog.history('P', 10)).length).toBe(2);
      // What a load keeps: variables (upserted), row counts (upserted) and audit records (identity).
      for (let i = 0; i < 2; i++) {
        await catalog.transaction({ executionId: second.executionId }, 'keep', async (tx) => {
          await Promise.all([
            tx.registerVariables([{ name: 'Mark', value: '0' }]),
            tx.storeVariables([{ name: 'Mark', value: String(i) }], second.executionId),
            tx.saveRowCounts(second.executionId, [{ objectName: 'T', countType: 'Insert', rowCount: i }]),
            tx.recordAudit({ executionId: second.executionId, action: 'reset', detail: null, actor: 'octocat' }),
            tx.markBatch(),
            tx.commit(),
          ]);
        });
      }
      expect(await catalog.variables('P')).toMatchObject([{ name: 'Mark', value: '1', previousValue: '0' }]);
      expect(await catalog.rowCounts([second.executionId])).toMatchObject([{ rowCount: 1 }]);
      // The five operator changes above record themselves; the two loops here add one each.
      expect(await catalog.audit('P', 10)).toHaveLength(7);
      expect((await catalog.status('P'))[0].isBatch).toBe(true);
    });

    // A fresh database, and a user who may not create the schema: told to have a DBA run bfx migrate.
    const fresh = (await cluster.createDatabase()).replace('postgres@', 'bfx_app@');
    const cannotCreate = await withCatalog(fresh, async () => undefined).catch((error: unknown) => error);
    expect((cannotCreate as Error).message).toMatch(
      /lacks a permission .*42501: permission denied for database.*bfx migrate/,
    );

    // A schema bfx that a DBA created, with CREATE on it granted: the user creates the tables.
    await cluster.sql('CREATE SCHEMA bfx; GRANT USAGE, CREATE ON SCHEMA bfx TO bfx_app', [], databaseOf(fresh));
    await withCatalog(fresh, async (catalog) => {
      expect(await catalog.inspect()).toEqual({ kind: 'version', version: CATALOG_VERSION });
      expect((await begin(catalog, request('P'))).executionStatus).toBe('E');
    });
  });
});

describe('locking', () => {
  it('makes a begin of a package wait for its lock, never a begin of another package, and times out clearly', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      await begin(catalog, request('A'));
      await begin(catalog, request('B'));
    });
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM bfx.Package WHERE PackageName = 'A' FOR UPDATE`);
      await withCatalog(
        url,
        async (catalog) => {
          // B's begin completes while A's lock is held, and holds to the end of the test: had it waited
          // for A's lock, it would have timed out (1 s) and thrown.
          expect((await begin(catalog, request('B'))).executionStatus).toBe('A');
          const started = performance.now();
          const timedOut = await begin(catalog, request('A')).catch((error: unknown) => error);
          const waited = performance.now() - started;
          expect(timedOut).toBeInstanceOf(BfxError);
          expect((timedOut as Error).message).toMatch(
            /^A lock in the PostgreSQL catalog .* stayed held by another session for longer than the request timeout of 1 s \(55P03 lock timeout\), so bfx could not begin package "A" and nothing was changed/,
          );
          // It waited out the lock timeout once: a lock timeout is not retried (six attempts, with
          // their backoff, would take over 13 s), however slow the machine.
          expect(waited).toBeGreaterThan(900);
          expect(waited).toBeLessThan(8000);
        },
        { ...OPTIONS, requestTimeoutMs: 1000 },
      );
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const rows = await postgresExecutions(cluster, databaseOf(url));
    expect(rows.filter((row) => row.packagename === 'A')).toHaveLength(1);
  });

  it('locks the package row on every path: end, enable, disable, skip, resume and reset wait for it', async () => {
    const url = await cluster.createDatabase();
    const active = await withCatalog(url, (catalog) => begin(catalog, request('A')));
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM bfx.Package WHERE PackageName = 'A' FOR UPDATE`);
      await withCatalog(
        url,
        async (catalog) => {
          const paths: [string, () => Promise<unknown>][] = [
            [`end execution ${active.executionId}`, () => end(catalog, endRequest(active.executionId))],
            ['disable package "A"', () => setEnabled(catalog, 'A', false, NO_OPERATOR)],
            ['enable package "A"', () => setEnabled(catalog, 'A', true, NO_OPERATOR)],
            ['set the next load status of package "A"', () => setNextLoadStatus(catalog, 'A', 'C', NO_OPERATOR)],
            ['reset package "A"', () => reset(catalog, 'A', 'stuck', NO_OPERATOR)],
          ];
          for (const [what, call] of paths) {
            const error = await call().catch((failed: unknown) => failed);
            expect((error as Error).message).toMatch(
              new RegExp(
                `\\(55P03 lock timeout\\), so bfx could not ${what.replace(/"/g, '.')} and nothing was changed`,
              ),
            );
          }
        },
        { ...OPTIONS, requestTimeoutMs: 500 },
      );
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    const rows = await postgresExecutions(cluster, databaseOf(url));
    expect(rows).toMatchObject([{ executionstatus: 'E', endtime: null }]);
  });

  it('takes calls made at once on one catalog in turn, each in its own transaction', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      const calls = await Promise.all([
        ...Array.from({ length: 6 }, () => begin(catalog, request('P', { retryLimit: 100 }))),
        catalog.status(undefined),
        begin(catalog, request('Q')),
        catalog.history('P', 10),
      ]);
      const begins = calls.filter((call): call is Awaited<ReturnType<typeof begin>> => 'plan' in call);
      expect(begins.filter((r) => r.executionStatus === 'E')).toHaveLength(2);
      expect(begins.map((r) => r.retryCount).sort()).toEqual([0, 0, 1, 2, 3, 4, 5]);
    });
    expect(await doubleActive(cluster, databaseOf(url))).toEqual([]);
  });

  it('keeps begins of one package in line under SERIALIZABLE as the database default', async () => {
    const url = await cluster.createDatabase();
    await cluster.sql(`ALTER DATABASE ${databaseOf(url)} SET default_transaction_isolation TO 'serializable'`);
    const catalogs = await Promise.all(Array.from({ length: 8 }, () => openCatalog(url, OPTIONS)));
    try {
      const results = await Promise.all(catalogs.map((catalog) => begin(catalog, request('S', { retryLimit: 100 }))));
      expect(new Set(results.map((r) => r.executionId)).size).toBe(1);
      expect(results.map((r) => r.retryCount).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    } finally {
      await Promise.all(catalogs.map((catalog) => catalog.close()));
    }
    expect(await doubleActive(cluster, databaseOf(url))).toEqual([]);
  });
});

describe('transient faults', () => {
  async function injectFaults(url: string, code: string, times: number) {
    const db = databaseOf(url);
    await cluster.sql(
      `CREATE SEQUENCE IF NOT EXISTS public.fault_seq;
       CREATE OR REPLACE FUNCTION public.inject() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF nextval('public.fault_seq') <= ${times} THEN RAISE EXCEPTION 'injected fault' USING ERRCODE = '${code}'; END IF;
         RETURN NEW;
       END $$;
       DROP TRIGGER IF EXISTS inject ON bfx.Execution;
       CREATE TRIGGER inject BEFORE INSERT ON bfx.Execution FOR EACH ROW EXECUTE FUNCTION public.inject();`,
      [],
      db,
    );
  }

  it.each(['40001', '40P01'])('retries a begin that fails with %s, and logs one execution', async (code) => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      await injectFaults(url, code, 2);
      const begun = await begin(catalog, request('P'));
      expect(begun.executionStatus).toBe('E');
    });
    expect(await postgresExecutions(cluster, databaseOf(url))).toHaveLength(1);
  });

  it('gives up after the retries with one sentence, leaving nothing behind', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      await injectFaults(url, '40001', 100);
      const failed = await begin(catalog, request('P')).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(BfxError);
      expect((failed as Error).message).toMatch(
        /^The PostgreSQL catalog 127\.0\.0\.1:\d+\/\w+ failed to begin package "P" 6 times in a row with a transient error \(40001: injected fault\), so bfx gave up: rerun/,
      );
    });
    expect(await postgresExecutions(cluster, databaseOf(url))).toHaveLength(0);
  });

  it('reconnects when the server ends its session between calls', async () => {
    const url = await cluster.createDatabase();
    await withCatalog(url, async (catalog) => {
      await begin(catalog, request('P'));
      await cluster.sql(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [databaseOf(url)],
      );
      // Until the server has ended it (pg_terminate_backend only asks), however slow the machine.
      for (;;) {
        const [row] = await cluster.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bfx-begin'`,
          [databaseOf(url)],
        );
        if (row.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await begin(catalog, request('P'))).executionStatus).toBe('A');
    });
  });
});

describe('connection errors', () => {
  const failure = (url: string, options = OPTIONS) =>
    openCatalog(url, options).then(
      async (catalog) => {
        await catalog.close();
        throw new Error('connected');
      },
      (error: unknown) => error as Error,
    );

  it('refuses a wrong password in one sentence that does not hold it', async () => {
    const wrong = `postgres://${PASSWORD_USER}:Wr0ng-${PASSWORD}@127.0.0.1:${cluster.port}/postgres`;
    const error = await failure(wrong);
    expect(error).toBeInstanceOf(BfxError);
    expect(error.message).toBe(
      `The PostgreSQL server at 127.0.0.1:${cluster.port} refused the password of user "${PASSWORD_USER}" (28P01 password authentication failed), ` +
        'so no catalog was contacted: check the user name and password in the connection string.',
    );
    expect(error.message).not.toContain(PASSWORD);
    // The right password works.
    const right = `postgres://${PASSWORD_USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${cluster.port}/postgres`;
    const catalog = await openEngine(right, OPTIONS);
    expect(catalog.location).toBe(`127.0.0.1:${cluster.port}/postgres`);
    await catalog.close();
  });

  it('names a missing database', async () => {
    const error = await failure(cluster.url('no_such_db'));
    expect(error.message).toMatch(
      /^The database "no_such_db" does not exist on the PostgreSQL server at 127\.0\.0\.1:\d+ \(3D000\)/,
    );
  });

  it('fails at once on a port where nothing listens, and within the connect timeout on a silent host', async () => {
    let started = performance.now();
    const refused = await failure(`postgres://u:${PASSWORD}@127.0.0.1:1/db`);
    // At once: not retried (the retry schedule's backoff alone waits over 7 s), however slow the machine.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(refused.message).toMatch(/^The PostgreSQL server at 127\.0\.0\.1:1 refused the connection \(ECONNREFUSED/);
    expect(refused.message).not.toContain(PASSWORD);

    // A server that accepts the connection and never answers.
    let accepted = 0;
    const silent = await import('node:net').then(({ createServer }) => createServer(() => void accepted++));
    await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    try {
      const port = (silent.address() as { port: number }).port;
      started = performance.now();
      const timedOut = await failure(`postgres://u:${PASSWORD}@127.0.0.1:${port}/db`, {
        ...OPTIONS,
        connectTimeoutMs: 1500,
      });
      const waited = performance.now() - started;
      expect(timedOut.message).toMatch(/did not answer within the connect timeout of 1\.5 s/);
      expect(timedOut.message).not.toContain(PASSWORD);
      // Waited out the connect timeout, on one connection: no second attempt after the first timed out.
      expect(waited).toBeGreaterThan(1400);
      expect(accepted).toBe(1);
    } finally {
      silent.close();
    }
  });
});
