/**
 * The PostgreSQL catalog's tables beyond the shared contract: what migrate() creates and reports
 * for a fresh and a first-release catalog, the CatalogVersion rows, concurrent upgrades, a schema
 * name folded and quoted, a DBA-made schema, what inspect() reads (one statement, catalog views,
 * dropped columns, a foreign CatalogVersion table) and what it costs at open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_VERSION, UPGRADE_IN_BEGIN_MAX_EXECUTIONS, type CatalogEngine } from '../../../src/catalog/catalog.js';
import { openCatalog, openEngine, withCatalog } from '../../../src/catalog/connect.js';
import { BfxError } from '../../../src/errors.js';
import { end } from '../../../src/run-control/index.js';
import { startWireProxy } from '../../../bench/wire-proxy.js';
import { FIRST_RELEASE_POSTGRES, firstReleaseRows } from '../../support/first-release.js';
import { startCluster, type Cluster } from '../../support/postgres.js';
import { databaseOf } from '../../support/postgres-catalog.js';
import { begin, beginRequest as request, endRequest } from '../../support/requests.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 };
let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

async function withEngine<T>(url: string, work: (catalog: CatalogEngine) => Promise<T>, schema?: string) {
  const catalog = await openEngine(url, { ...OPTIONS, schema });
  try {
    return await work(catalog);
  } finally {
    await catalog.close();
  }
}

const VERSION_2_OBJECTS = [
  'table CatalogVersion',
  'column Package.IsBatch',
  'index IX_Execution_Parent',
  'table ConfigVariable',
  'table RowCount',
  'table AuditLog',
  'index IX_AuditLog_Package',
];
const VERSION_3_OBJECTS = [
  'index IX_Execution_Package_Status',
  'index IX_Execution_Package_Ended',
  'index IX_AuditLog_Execution',
  'constraint CK_Execution_EndTime',
  'constraint CK_Execution_RetryCount',
];
const VERSION_4_OBJECTS = ['nullable column AuditLog.PackageID'];

const versions = async (database: string, schema = 'bfx') =>
  (
    await cluster.sql<{ version: number }>(
      `SELECT Version FROM "${schema}".CatalogVersion ORDER BY Version`,
      [],
      database,
    )
  ).map((row) => row.version);

describe('migrate', () => {
  it('creates every table, column, index and constraint of a fresh catalog, says so, and records versions 1 to 4', async () => {
    const url = await cluster.createDatabase();
    await withEngine(url, async (catalog) => {
      expect(await catalog.inspect()).toEqual({ kind: 'empty' });
      expect(await catalog.migrate()).toEqual({
        from: 0,
        to: CATALOG_VERSION,
        created: [
          'table Package',
          'table Execution',
          'index IX_Execution_Package_RunKey',
          'index IX_Execution_Package_Latest',
          'index UX_Execution_Package_Active',
          ...VERSION_2_OBJECTS,
          ...VERSION_3_OBJECTS,
          ...VERSION_4_OBJECTS,
        ],
      });
      expect(await catalog.inspect()).toEqual({ kind: 'version', version: 4 });
      expect(await catalog.migrate()).toEqual({ from: 4, to: 4, created: [] });
    });
    const [row] = await cluster.sql<{ n: number; recent: boolean }>(
      `SELECT count(*)::int AS n, bool_and(AppliedTime > (now() at time zone 'utc') - interval '1 minute') AS recent
         FROM bfx.CatalogVersion`,
      [],
      databaseOf(url),
    );
    expect(row).toEqual({ n: 4, recent: true });
    expect(await versions(databaseOf(url))).toEqual([1, 2, 3, 4]);
  });

  it('upgrades a first-release catalog with only what versions 2 to 4 add, keeping every row', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await cluster.sql(
      FIRST_RELEASE_POSTGRES + firstReleaseRows((t) => `bfx.${t}`, `(now() at time zone 'utc')`),
      [],
      db,
    );
    await withEngine(url, async (catalog) => {
      expect(await catalog.inspect()).toEqual({ kind: 'version', version: 1 });
      expect(await catalog.migrate()).toEqual({
        from: 1,
        to: 4,
        created: [...VERSION_2_OBJECTS, ...VERSION_3_OBJECTS, ...VERSION_4_OBJECTS],
      });
    });
    expect(await versions(db)).toEqual([2, 3, 4]);
    expect(await cluster.sql('SELECT PackageName, IsBatch, IsEnabled FROM bfx.Package', [], db)).toEqual([
      { packagename: 'Old', isbatch: false, isenabled: true },
    ]);
    expect(
      await cluster.sql('SELECT ExecutionID, ExecutionStatus, RunKey FROM bfx.Execution ORDER BY 1', [], db),
    ).toEqual([
      { executionid: '1', executionstatus: 'S', runkey: 'old-1' },
      { executionid: '2', executionstatus: 'F', runkey: 'old-2' },
    ]);
  });

  it('upgrades version 3 to 4: AuditLog.PackageID nullable, its entries, index and foreign key kept', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await withEngine(url, (catalog) => catalog.migrate());
    // Back to version 3 as it was released: PackageID NOT NULL, no version 4 recorded.
    await cluster.sql(
      `INSERT INTO bfx.Package (PackageName) VALUES ('Audited');
       INSERT INTO bfx.AuditLog (PackageID, Action) SELECT PackageID, 'disable' FROM bfx.Package;
       ALTER TABLE bfx.AuditLog ALTER COLUMN PackageID SET NOT NULL;
       DELETE FROM bfx.CatalogVersion WHERE Version = 4`,
      [],
      db,
    );
    await withEngine(url, async (catalog) => {
      expect(await catalog.inspect()).toEqual({ kind: 'version', version: 3 });
      expect(await catalog.migrate()).toEqual({ from: 3, to: 4, created: VERSION_4_OBJECTS });
      expect((await catalog.audit('Audited', 10)).map((entry) => entry.action)).toEqual(['disable']);
    });
    expect(await versions(db)).toEqual([1, 2, 3, 4]);
    await cluster.sql(`INSERT INTO bfx.AuditLog (PackageID, Action) VALUES (NULL, 'delete')`, [], db);
    await expect(cluster.sql(`INSERT INTO bfx.AuditLog (PackageID, Action) VALUES (999, 'x')`, [], db)).rejects.toThrow(
      /foreign key/,
    );
  });

  it('takes turns when eight sessions upgrade one first-release catalog at once: one creates, the others find it all there', async () => {
    const url = await cluster.createDatabase();
    await cluster.sql(FIRST_RELEASE_POSTGRES, [], databaseOf(url));
    const catalogs = await Promise.all(Array.from({ length: 8 }, () => openEngine(url, OPTIONS)));
    try {
      const results = await Promise.all(catalogs.map((catalog) => catalog.migrate()));
      const creators = results.filter((result) => result.created.length > 0);
      expect(creators).toEqual([
        { from: 1, to: 4, created: [...VERSION_2_OBJECTS, ...VERSION_3_OBJECTS, ...VERSION_4_OBJECTS] },
      ]);
      expect(results.filter((result) => result.created.length === 0)).toHaveLength(7);
      expect(results.every((result) => result.to === 4)).toBe(true);
    } finally {
      await Promise.all(catalogs.map((catalog) => catalog.close()));
    }
    expect(await versions(databaseOf(url))).toEqual([2, 3, 4]);
  });

  it('creates nothing when it refuses: a table of ours with a dropped column, or a recorded version missing a table', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await withEngine(url, (catalog) => catalog.migrate());
    await cluster.sql('ALTER TABLE bfx.AuditLog DROP COLUMN Actor', [], db);
    const dropped = await withEngine(url, (catalog) => catalog.migrate()).catch((error: unknown) => error);
    expect(dropped).toBeInstanceOf(BfxError);
    expect((dropped as Error).message).toMatch(
      /^The table AuditLog in schema bfx of the PostgreSQL catalog 127\.0\.0\.1:\d+\/\w+ is not a bfx-begin table \(Actor is missing\), so nothing was created, altered or written: choose another catalog-schema/,
    );
    await cluster.sql('DROP TABLE bfx.AuditLog', [], db);
    const missing = await withEngine(url, (catalog) => catalog.migrate()).catch((error: unknown) => error);
    expect((missing as Error).message).toMatch(/is at version 4 but has no table AuditLog, so nothing was changed/);
    const tables = await cluster.sql<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'bfx' ORDER BY 1`,
      [],
      db,
    );
    expect(tables.map((row) => row.name)).toEqual([
      'catalogversion',
      'configvariable',
      'execution',
      'package',
      'rowcount',
    ]);
  });
});

describe('version 3', () => {
  it('refuses an ended execution without an EndTime, or a negative RetryCount', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await withEngine(url, (catalog) => catalog.migrate());
    await cluster.sql(`INSERT INTO bfx.Package (PackageName) VALUES ('P')`, [], db);
    await expect(
      cluster.sql(
        `INSERT INTO bfx.Execution (PackageID, ExecutionStatus, NextLoadStatus) VALUES (1, 'C', 'P')`,
        [],
        db,
      ),
    ).rejects.toThrow(/ck_execution_endtime/);
    await expect(
      cluster.sql(
        `INSERT INTO bfx.Execution (PackageID, ExecutionStatus, NextLoadStatus, RetryCount) VALUES (1, 'E', 'P', -1)`,
        [],
        db,
      ),
    ).rejects.toThrow(/ck_execution_retrycount/);
  });

  it('refuses to upgrade a catalog holding executions the checks refuse, naming the first, changing nothing', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await cluster.sql(
      FIRST_RELEASE_POSTGRES +
        firstReleaseRows((t) => `bfx.${t}`, `(now() at time zone 'utc')`) +
        `;INSERT INTO bfx.Execution (PackageID, ExecutionStatus, NextLoadStatus) VALUES (1, 'F', 'R')`,
      [],
      db,
    );
    const refused = await withEngine(url, (catalog) => catalog.migrate()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BfxError);
    expect((refused as Error).message).toMatch(
      /^The catalog in schema bfx of the PostgreSQL catalog .* holds 1 execution that version 3 of the bfx tables refuses \(ExecutionID 3 is: ended without an EndTime, or a RetryCount below 0\), so it was not upgraded and nothing was changed: find them with SELECT \* FROM bfx\.Execution WHERE /,
    );
    await withEngine(url, async (catalog) => expect(await catalog.inspect()).toEqual({ kind: 'version', version: 1 }));
  });

  it('leaves a large catalog to bfx migrate: a begin refuses to upgrade it in place', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await cluster.sql(
      FIRST_RELEASE_POSTGRES +
        `;INSERT INTO bfx.Package (PackageName) VALUES ('Big');
         INSERT INTO bfx.Execution (ExecutionID, PackageID, ExecutionStatus, NextLoadStatus, EndTime)
           VALUES (${UPGRADE_IN_BEGIN_MAX_EXECUTIONS + 1}, 1, 'S', 'P', now())`,
      [],
      db,
    );
    await expect(openCatalog(url, OPTIONS)).rejects.toThrow(
      /holds version 1 of the bfx tables and about 500001 executions, too many to upgrade to version 4 inside a begin .*run `bfx migrate` once/,
    );
    await withEngine(url, async (catalog) => {
      expect(await catalog.inspect()).toEqual({ kind: 'version', version: 1 });
      expect(await catalog.migrate()).toMatchObject({ from: 1, to: 4 });
    });
  });
});

describe('the schema', () => {
  it('is folded to lower case and quoted, so even a keyword works, while tables and columns stay unquoted', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    for (const schema of ['BfxGH', 'Order']) {
      const catalog = await openCatalog(url, { ...OPTIONS, schema });
      try {
        const begun = await begin(catalog, request('LOAD_Customer'));
        await end(catalog, endRequest(begun.executionId));
        expect((await catalog.status('LOAD_Customer'))[0].latest).toMatchObject({ executionStatus: 'S' });
      } finally {
        await catalog.close();
      }
    }
    const [row] = await cluster.sql(
      'SELECT p.PackageName, e.ExecutionStatus FROM BFXGH.EXECUTION e JOIN bfxgh.package p USING (PackageID)',
      [],
      db,
    );
    expect(row).toEqual({ packagename: 'LOAD_Customer', executionstatus: 'S' });
    expect(await cluster.sql('SELECT count(*)::int AS n FROM "order".Execution', [], db)).toEqual([{ n: 1 }]);
    const schemas = await cluster.sql<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname IN ('bfx', 'bfxgh', 'order', 'BfxGH', 'Order') ORDER BY 1`,
      [],
      db,
    );
    expect(schemas.map((schema) => schema.name)).toEqual(['bfxgh', 'order']);
  });

  it('can be one a DBA made, for a user with CREATE on it and none on the database', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await cluster.sql(
      "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bfx_owner') THEN CREATE ROLE bfx_owner LOGIN; END IF; END $$",
    );
    await cluster.sql(
      `REVOKE CREATE ON DATABASE ${db} FROM PUBLIC; CREATE SCHEMA bfxgh; GRANT USAGE, CREATE ON SCHEMA bfxgh TO bfx_owner`,
      [],
      db,
    );
    const ownerUrl = url.replace('postgres@', 'bfx_owner@');
    const migrated = await withEngine(ownerUrl, (catalog) => catalog.migrate(), 'bfxgh');
    expect(migrated).toMatchObject({ from: 0, to: 4 });
    const catalog = await openCatalog(ownerUrl, { ...OPTIONS, schema: 'bfxgh', createCatalog: false });
    try {
      expect((await begin(catalog, request('P'))).executionStatus).toBe('E');
    } finally {
      await catalog.close();
    }
  });
});

describe('inspect', () => {
  it('refuses a CatalogVersion table of another shape, without reading it', async () => {
    const url = await cluster.createDatabase();
    await cluster.sql(
      `CREATE SCHEMA bfx; CREATE TABLE bfx.CatalogVersion (Version text, Note text); INSERT INTO bfx.CatalogVersion VALUES ('v9', 'theirs')`,
      [],
      databaseOf(url),
    );
    const refusal = await openCatalog(url, OPTIONS).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(BfxError);
    expect((refusal as Error).message).toMatch(
      /^The table CatalogVersion in schema bfx of the PostgreSQL catalog .* is not a bfx-begin table \(Version is not integer, AppliedTime is missing\), so nothing was created, altered or written/,
    );
  });

  it('refuses, at a begin, a hand-made catalog whose RunKey is char(800), creating, altering and writing nothing', async () => {
    const counts = async (db: string) =>
      (
        await cluster.sql<{ packages: string; executions: string }>(
          'SELECT (SELECT count(*) FROM bfx.Package) AS packages, (SELECT count(*) FROM bfx.Execution) AS executions',
          [],
          db,
        )
      )[0];
    const tables = async (db: string) =>
      (
        await cluster.sql<{ name: string; type: string }>(
          `SELECT table_name AS name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_name) AS type
             FROM information_schema.columns WHERE table_schema = 'bfx' GROUP BY table_name ORDER BY 1`,
          [],
          db,
        )
      ).map((row) => `${row.name}: ${row.type}`);
    const refusal = (url: string) =>
      withCatalog(url, OPTIONS, (catalog) => begin(catalog, request('P'))).catch((error: unknown) => error);
    const sentence =
      /^The table Execution in schema bfx of the PostgreSQL catalog 127\.0\.0\.1:\d+\/\w+ is not a bfx-begin table \(RunKey is fixed-length text, which pads every value with spaces\), so nothing was created, altered or written: choose another catalog-schema \(or the schema parameter of the connection string\) for the bfx-begin tables\.$/;

    // The first release's tables, made by hand with a char(800) RunKey: no upgrade, no row.
    const first = await cluster.createDatabase();
    const handMade = FIRST_RELEASE_POSTGRES.replace(/RunKey {12}text/, 'RunKey            char(800)');
    expect(handMade).toContain('char(800)');
    await cluster.sql(handMade, [], databaseOf(first));
    const before = await tables(databaseOf(first));
    expect(before.join('\n')).toContain('runkey character,');
    const refused = await refusal(first);
    expect(refused).toBeInstanceOf(BfxError);
    expect((refused as Error).message).toMatch(sentence);
    expect(await tables(databaseOf(first))).toEqual(before);
    expect(await counts(databaseOf(first))).toEqual({ packages: '0', executions: '0' });

    // A current catalog whose RunKey was changed to char(800) afterwards: the same.
    const current = await cluster.createDatabase();
    await withEngine(current, (catalog) => catalog.migrate());
    await cluster.sql('ALTER TABLE bfx.Execution ALTER COLUMN RunKey TYPE char(800)', [], databaseOf(current));
    const refusedToo = await refusal(current);
    expect((refusedToo as Error).message).toMatch(sentence);
    expect(await counts(databaseOf(current))).toEqual({ packages: '0', executions: '0' });
    expect(await versions(databaseOf(current))).toEqual([1, 2, 3, 4]);
  });

  it('ignores tables of our names in other schemas, and objects that are not tables of ours', async () => {
    const url = await cluster.createDatabase();
    await cluster.sql(
      `CREATE TABLE public.Package (Something text); CREATE SCHEMA bfx; CREATE SEQUENCE bfx.package_seq;
       CREATE TABLE bfx."Package" (Whatever text)`,
      [],
      databaseOf(url),
    );
    const catalog = await openCatalog(url, OPTIONS);
    try {
      expect(await catalog.inspect()).toEqual({ kind: 'version', version: CATALOG_VERSION });
    } finally {
      await catalog.close();
    }
  });

  it("checks the catalog in the first round trip of a main step's begin: connecting and 2 round trips in all", async () => {
    const database = databaseOf(await cluster.createDatabase());
    const proxy = await startWireProxy(cluster.host, cluster.port);
    try {
      const url = `postgres://postgres@127.0.0.1:${proxy.port}/${database}`;
      await withEngine(url, (catalog) => catalog.migrate());
      proxy.reset();
      const connectOnly = await openEngine(url, OPTIONS);
      await connectOnly.close();
      const connecting = { ...proxy.counts };
      proxy.reset();
      await withCatalog(url, { ...OPTIONS, createCatalog: false }, (catalog) => begin(catalog, request('Checked')));
      expect({ ...proxy.counts }).toMatchObject({ roundTrips: connecting.roundTrips + 2, transactions: 1 });
      const stepped = { ...proxy.counts };
      // Checked once: the catalog's next begin is the same 2 round trips without the check's INSPECT and RECORDED_VERSION.
      // The next begin takes the same path (the last execution ended: insert), so the statements compare.
      await withCatalog(url, OPTIONS, async (catalog) => {
        const active = await begin(catalog, request('Checked'));
        await end(catalog, endRequest(active.executionId));
        proxy.reset();
        expect((await begin(catalog, request('Checked'))).plan.kind).toBe('insert');
      });
      expect({ ...proxy.counts }).toEqual({ roundTrips: 2, statements: stepped.statements - 2, transactions: 1 });
    } finally {
      await proxy.close();
    }
  });
});
