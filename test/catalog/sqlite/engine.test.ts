/**
 * What the contract suite does not see of the SQLite engine: that its version list and its
 * migration steps agree (a new file and an upgraded first-release file end up alike), which
 * packages a transaction may write to, 64-bit IDs, and the sentences for files it cannot use.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  CATALOG_VERSION,
  LockViolation,
  UPGRADE_IN_BEGIN_MAX_EXECUTIONS,
  type CatalogEngine,
} from '../../../src/catalog/catalog.js';
import { LAST_EXECUTION_AND_VARIABLES, statements } from '../../../src/catalog/sqlite/statements.js';
import { openCatalog } from '../../../src/catalog/connect.js';
import { textFor } from '../../../src/catalog/sql/transaction.js';
import { explain } from '../../../src/catalog/sqlite/faults.js';
import { STEPS, VERSIONS, typeKind } from '../../../src/catalog/sqlite/schema.js';
import { BfxError } from '../../../src/errors.js';
import { end } from '../../../src/run-control/index.js';
import { CONTEXT, request } from '../../contract/contract.js';
import { FIRST_RELEASE_SQLITE, firstReleaseRows } from '../../support/first-release.js';
import { begin, endRequest } from '../../support/requests.js';

const OPTIONS = { createCatalog: true, connectTimeoutMs: 1_000, requestTimeoutMs: 1_000 };
const dir = mkdtempSync(join(tmpdir(), 'bfx-sqlite-engine-'));
let n = 0;
const newPath = () => join(dir, `catalog-${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open: CatalogEngine[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((catalog) => catalog.close()));
});
async function catalogAt(path: string): Promise<CatalogEngine> {
  const catalog = await openCatalog(`sqlite:${path}`, OPTIONS);
  open.push(catalog);
  return catalog;
}

function withFile<T>(path: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Every table's columns with their kinds, as inspect sees them. */
const shapesOf = (path: string) =>
  withFile(path, (db) =>
    Object.fromEntries(
      db
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
        .all()
        .map(({ name }) => [
          String(name),
          Object.fromEntries(
            db
              .prepare(`SELECT name, type FROM pragma_table_info(?)`)
              .all(String(name))
              .map((c) => [String(c.name), typeKind(String(c.type))]),
          ),
        ]),
    ),
  );
const shapesOfVersion = (version: number) =>
  Object.fromEntries(VERSIONS[version - 1].map((shape) => [shape.table, shape.columns]));
const schemaOf = (path: string) =>
  withFile(path, (db) => db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name`).all());

describe('sqlite engine: versions and migration steps', () => {
  it('has one step per version, and a new file holds exactly the tables of the last version', async () => {
    expect(VERSIONS).toHaveLength(CATALOG_VERSION);
    expect(STEPS).toHaveLength(CATALOG_VERSION);
    const path = newPath();
    const catalog = await catalogAt(path);
    expect(shapesOf(path)).toEqual(shapesOfVersion(CATALOG_VERSION));
    expect(await catalog.migrate()).toEqual({ from: CATALOG_VERSION, to: CATALOG_VERSION, created: [] });
    expect(withFile(path, (db) => db.prepare('SELECT Version FROM CatalogVersion ORDER BY 1').all())).toEqual([
      { Version: 1 },
      { Version: 2 },
      { Version: 3 },
      { Version: 4 },
    ]);
  });

  it('creates with its first step exactly the tables of the first release', () => {
    const path = newPath();
    withFile(path, (db) => STEPS[0].forEach((object) => db.exec(object.ddl)));
    expect(shapesOf(path)).toEqual(shapesOfVersion(1));
    const release = newPath();
    withFile(release, (db) => db.exec(FIRST_RELEASE_SQLITE));
    expect(schemaOf(path)).toEqual(schemaOf(release));
  });

  it('upgrades a first-release file to the very schema of a new one, keeping its rows', async () => {
    const fresh = newPath();
    await catalogAt(fresh);
    const old = newPath();
    withFile(old, (db) => db.exec(FIRST_RELEASE_SQLITE + firstReleaseRows((t) => t, `'2026-01-01T00:00:00.000Z'`)));
    const catalog = await catalogAt(old);
    expect(schemaOf(old)).toEqual(schemaOf(fresh));
    expect((await catalog.history('Old', 10)).map((row) => [row.executionId, row.errorMessage])).toEqual([
      ['2', 'failed before the upgrade'],
      ['1', null],
    ]);
    expect(withFile(old, (db) => db.prepare('SELECT Version FROM CatalogVersion').all())).toEqual([
      { Version: 2 },
      { Version: 3 },
      { Version: 4 },
    ]);
  });

  it('reports what it created, version by version, and nothing the second time', async () => {
    const old = newPath();
    withFile(old, (db) => db.exec(FIRST_RELEASE_SQLITE));
    const { openEngine } = await import('../../../src/catalog/connect.js');
    const catalog = await openEngine(`sqlite:${old}`, OPTIONS);
    open.push(catalog);
    expect(await catalog.inspect()).toEqual({ kind: 'version', version: 1 });
    expect(await catalog.migrate()).toEqual({
      from: 1,
      to: 4,
      created: [
        'table CatalogVersion',
        'column Package.IsBatch',
        'index IX_Execution_Parent',
        'table ConfigVariable',
        'table RowCount',
        'table AuditLog',
        'index IX_AuditLog_Package',
        'index IX_Execution_Package_Status',
        'index IX_Execution_Package_Ended',
        'index IX_AuditLog_Execution',
        'trigger CK_Execution_Insert',
        'trigger CK_Execution_Update',
        'nullable column AuditLog.PackageID',
      ],
    });
    expect(await catalog.migrate()).toEqual({ from: 4, to: 4, created: [] });
  });

  it('upgrades version 3 to 4 by rebuilding AuditLog: every entry and AuditID kept, IDs never reused, PackageID nullable', async () => {
    const path = newPath();
    withFile(path, (db) => {
      STEPS.slice(0, 3).forEach((step) => step.forEach((object) => db.exec(object.ddl)));
      db.exec(`INSERT INTO CatalogVersion (Version) VALUES (1), (2), (3);
        INSERT INTO Package (PackageName) VALUES ('Audited');
        INSERT INTO AuditLog (PackageID, Action, Detail, Actor) VALUES (1, 'disable', 'one', 'ops'), (1, 'enable', 'two', 'ops'), (1, 'skip', 'three', 'ops');
        DELETE FROM AuditLog WHERE AuditID = 3;`);
    });
    const catalog = await catalogAt(path);
    expect(await catalog.inspect()).toEqual({ kind: 'version', version: 4 });
    expect((await catalog.audit('Audited', 10)).map((entry) => [entry.auditId, entry.action, entry.detail])).toEqual([
      ['2', 'enable', 'two'],
      ['1', 'disable', 'one'],
    ]);
    withFile(path, (db) => {
      db.exec(`INSERT INTO AuditLog (PackageID, Action) VALUES (NULL, 'delete')`);
      // AUTOINCREMENT's counter came along: entry 3 was deleted before the upgrade, and its ID stays unused.
      expect(db.prepare(`SELECT AuditID, PackageID FROM AuditLog WHERE Action = 'delete'`).all()).toEqual([
        { AuditID: 4, PackageID: null },
      ]);
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'AuditLog' ORDER BY name`).all()).toEqual([
        { name: 'AuditLog' },
        { name: 'IX_AuditLog_Execution' },
        { name: 'IX_AuditLog_Package' },
      ]);
    });
  });

  it('refuses a file at version 4 that lost a table, changing nothing', async () => {
    const path = newPath();
    await (await catalogAt(path)).close();
    withFile(path, (db) => db.exec('DROP TABLE RowCount'));
    const before = schemaOf(path);
    await expect(openCatalog(`sqlite:${path}`, OPTIONS)).rejects.toThrow(
      /^The catalog in the SQLite file .* is at version 4 but has no table RowCount, so nothing was changed/,
    );
    expect(schemaOf(path)).toEqual(before);
  });

  it('refuses to write an ended execution without an EndTime, or a negative RetryCount (version 3 checks)', async () => {
    const path = newPath();
    const catalog = await catalogAt(path);
    const { executionId } = await begin(catalog, request('Checked'));
    withFile(path, (db) => {
      expect(() => db.exec(`UPDATE Execution SET ExecutionStatus = 'S' WHERE ExecutionID = ${executionId}`)).toThrow(
        /CHECK constraint failed: an execution without an EndTime must be active/,
      );
      expect(() => db.exec(`UPDATE Execution SET RetryCount = -1 WHERE ExecutionID = ${executionId}`)).toThrow(
        /CHECK constraint failed/,
      );
      expect(() =>
        db.exec(`INSERT INTO Execution (PackageID, ExecutionStatus, NextLoadStatus) VALUES (1, 'C', 'P')`),
      ).toThrow(/CHECK constraint failed/);
    });
    await end(catalog, endRequest(executionId));
    expect((await catalog.history('Checked', 1))[0]).toMatchObject({ executionStatus: 'S', ended: true });
  });

  it('refuses to upgrade a file holding executions the checks refuse, naming the first, changing nothing', async () => {
    const path = newPath();
    withFile(path, (db) =>
      db.exec(
        FIRST_RELEASE_SQLITE +
          firstReleaseRows((t) => t, `'2026-01-01T00:00:00.000Z'`) +
          `INSERT INTO Execution (PackageID, ExecutionStatus, NextLoadStatus, RetryCount) VALUES (1, 'S', 'P', 0);
           INSERT INTO Execution (PackageID, ExecutionStatus, NextLoadStatus, EndTime, RetryCount) VALUES (1, 'F', 'R', '2026-01-01', -2);`,
      ),
    );
    const before = schemaOf(path);
    await expect(openCatalog(`sqlite:${path}`, OPTIONS)).rejects.toThrow(
      /^The catalog in the SQLite file .* holds 2 executions that version 3 of the bfx tables refuses \(ExecutionID 3 is the first: ended without an EndTime, or a RetryCount below 0\), so it was not upgraded and nothing was changed: find them with SELECT \* FROM Execution WHERE .*, then run the step again\.$/,
    );
    expect(schemaOf(path)).toEqual(before);
  });

  it('leaves a large catalog to bfx migrate: a begin refuses to upgrade it, migrate does', async () => {
    const path = newPath();
    withFile(path, (db) =>
      db.exec(
        FIRST_RELEASE_SQLITE +
          `INSERT INTO Package (PackageName) VALUES ('Big');
           INSERT INTO Execution (ExecutionID, PackageID, ExecutionStatus, NextLoadStatus, EndTime)
             VALUES (${UPGRADE_IN_BEGIN_MAX_EXECUTIONS + 1}, 1, 'S', 'P', '2026-01-01');`,
      ),
    );
    const before = schemaOf(path);
    await expect(openCatalog(`sqlite:${path}`, OPTIONS)).rejects.toThrow(
      new RegExp(
        `^The catalog in the SQLite file .* holds version 1 of the bfx tables and about ${UPGRADE_IN_BEGIN_MAX_EXECUTIONS + 1} executions, too many to upgrade to version 4 inside a begin \\(the limit is ${UPGRADE_IN_BEGIN_MAX_EXECUTIONS}\\), so nothing was changed: run \`bfx migrate\` once`,
      ),
    );
    expect(schemaOf(path)).toEqual(before);
    const { openEngine } = await import('../../../src/catalog/connect.js');
    const catalog = await openEngine(`sqlite:${path}`, OPTIONS);
    open.push(catalog);
    expect(await catalog.migrate()).toMatchObject({ from: 1, to: 4 });
  });

  it('finds LastExecutionID through an index that holds the status: no walk back through other statuses', () => {
    const path = newPath();
    withFile(path, (db) => {
      for (const step of STEPS) for (const object of step) db.exec(object.ddl);
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${LAST_EXECUTION_AND_VARIABLES.name}`)
        .all({ PackageName: 'P', ExecutionStatus: 'S', BeforeExecutionID: null })
        .map((row) => String(row.detail));
      expect(plan.join('\n')).toMatch(
        /USING COVERING INDEX IX_Execution_Package_Status \(PackageID=\? AND ExecutionStatus=\?/,
      );
    });
  });

  it("reads an end's execution, parent and children through indexes: no scan of the executions", () => {
    const path = newPath();
    withFile(path, (db) => {
      for (const step of STEPS) for (const object of step) db.exec(object.ddl);
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${textFor(statements().EXECUTION_FAMILY, 'execution')}`)
        .all({ LockExecutionID: '1', ExecutionID: '1' })
        .map((row) => String(row.detail));
      expect(plan.join('\n')).toMatch(/MULTI-INDEX OR/);
      expect(plan.filter((line) => /^SCAN e\b/.test(line))).toEqual([]);
    });
  });

  it('maps declared types to kinds, sizes and case aside', () => {
    expect(
      ['INTEGER', 'int', 'BIGINT', 'TEXT', 'varchar(128)', 'NVARCHAR (400)', 'bit', 'DATETIME2', 'REAL', ''].map(
        typeKind,
      ),
    ).toEqual(['integer', 'integer', 'integer', 'text', 'text', 'text', 'boolean', 'timestamp', null, null]);
  });
});

describe('sqlite engine: what a transaction may write', () => {
  it("ends or re-marks another package's execution only after lockPackages (never its batch's), rolling back otherwise", async () => {
    const catalog = await catalogAt(newPath());
    const batch = await begin(catalog, request('Batch', { isBatch: true }));
    const child = await begin(catalog, request('Child', { parentExecutionId: batch.executionId }));
    const other = await begin(catalog, request('Other'));
    const finish = {
      executionId: other.executionId,
      executionStatus: 'F' as const,
      nextLoadStatus: 'R' as const,
      errorMessage: 'not locked',
    };
    await expect(
      catalog.transaction({ executionId: batch.executionId }, 'finish', (tx) => tx.finishExecution(finish)),
    ).rejects.toThrow(LockViolation);
    await expect(
      catalog.transaction({ executionId: batch.executionId }, 'mark', (tx) =>
        tx.setNextLoadStatuses([child.executionId, other.executionId], 'C'),
      ),
    ).rejects.toThrow(/not an execution of a package this transaction has locked/);
    expect((await catalog.history('Child', 1))[0]).toMatchObject({ nextLoadStatus: 'C', ended: false });

    // Through lockPackages the batch reaches its children.
    const childPackageId = (await catalog.status('Child'))[0].packageId;
    await catalog.transaction({ executionId: batch.executionId }, 'propagate', async (tx) => {
      await tx.setNextLoadStatuses([], 'P');
      await tx.lockPackages([childPackageId]);
      await tx.setNextLoadStatuses([child.executionId, child.executionId], 'P');
      await tx.commit();
    });
    expect((await catalog.history('Child', 1))[0]).toMatchObject({ nextLoadStatus: 'P' });
    // A child's own end locks its batch's package first, but shared, beside the batch's other
    // children: the batch's executions are not its to change.
    await expect(
      catalog.transaction({ executionId: child.executionId }, 'batch row', async (tx) => {
        await tx.package();
        await tx.setNextLoadStatus(batch.executionId, 'P');
      }),
    ).rejects.toThrow(/not an execution of a package this transaction has locked/);
    expect((await catalog.status('Batch'))[0]).toMatchObject({ isBatch: true, batchPackageName: null });
    expect((await catalog.history('Batch', 1))[0]).toMatchObject({ nextLoadStatus: 'C' });
  });

  it('keeps 64-bit ExecutionIDs exact, above 2^53', async () => {
    const path = newPath();
    const catalog = await catalogAt(path);
    withFile(path, (db) => db.exec(`INSERT INTO sqlite_sequence (name, seq) VALUES ('Execution', 9007199254740992)`));
    const batch = await begin(catalog, request('Big', { isBatch: true }));
    expect(batch.executionId).toBe('9007199254740993');
    const child = await begin(catalog, request('Small', { parentExecutionId: batch.executionId }));
    expect(child.executionId).toBe('9007199254740994');
    expect((await catalog.children(batch.executionId)).map((c) => c.parentExecutionId)).toEqual([batch.executionId]);
    await catalog.transaction({ executionId: child.executionId }, 'keep', async (tx) => {
      await tx.storeVariables([{ name: 'Mark', value: '1' }], child.executionId);
      await tx.saveRowCounts(child.executionId, [{ objectName: 't', countType: 'Insert', rowCount: 1 }]);
      await tx.recordAudit({ executionId: child.executionId, action: 'yield', detail: null, actor: null });
      await tx.commit();
    });
    expect((await catalog.variables('Small'))?.[0].executionId).toBe(child.executionId);
    expect((await catalog.rowCounts([child.executionId, '99999999999999999999']))[0].executionId).toBe(
      child.executionId,
    );
    expect((await catalog.audit('Small', 1))[0].executionId).toBe(child.executionId);
    expect((await catalog.status('Small'))[0].batchPackageName).toBe('Big');
    const ended = await end(catalog, {
      executionId: child.executionId,
      outcome: 'success',
      message: null,
      caller: null,
    });
    expect(ended.kind === 'ended' && ended.execution.executionId).toBe(child.executionId);
  });

  it('registers a package with its retry limit and batch flag, and leaves an existing one as it is', async () => {
    const catalog = await catalogAt(newPath());
    await begin(catalog, request('Reg', { retryLimit: 4, isBatch: true }));
    await begin(catalog, request('Reg', { retryLimit: 1, isBatch: false, context: CONTEXT }));
    expect((await catalog.status('Reg'))[0]).toMatchObject({ retryLimit: 4, isBatch: true });
  });
});

describe('sqlite engine: files it cannot use', () => {
  it('says so in one sentence for a file that is not a SQLite database', async () => {
    const path = newPath();
    writeFileSync(path, 'not a database, just some text that is long enough to have a header '.repeat(4));
    await expect(openCatalog(`sqlite:${path}`, OPTIONS)).rejects.toThrow(
      new BfxError(
        `The file ${path} is not a SQLite database, so nothing was read or changed: point bfx-begin at another SQLite file.`,
      ),
    );
  });

  it.skipIf(process.getuid?.() === 0)('says so in one sentence for a catalog file it cannot write', async () => {
    const path = newPath();
    await (await catalogAt(path)).close();
    chmodSync(path, 0o444);
    try {
      const catalog = await catalogAt(path);
      await expect(begin(catalog, request('P'))).rejects.toThrow(/cannot be written by this process/);
    } finally {
      chmodSync(path, 0o644);
    }
  });

  it('takes a busy or read-only catalog by its primary result code, whatever the extended one', () => {
    for (const errcode of [5, 261, 517]) {
      expect(explain({ errcode }, '/x.db', 2_000)).toEqual(
        new BfxError(
          'The SQLite catalog /x.db stayed locked by another process for 2 s, so nothing was changed: ' +
            'wait for the other runs to finish, close any program holding the file open (one in exclusive locking mode keeps it locked until it closes), ' +
            'or raise the request timeout.',
        ),
      );
    }
    expect(explain({ errcode: 1032 }, '/x.db', 2_000)).toEqual(expect.objectContaining({ name: 'BfxError' }));
    expect((explain({ errcode: 8 }, '/x.db', 2_000) as Error).message).toMatch(/cannot be written by this process/);
    const other = { errcode: 19 };
    expect(explain(other, '/x.db', 2_000)).toBe(other);
  });

  it("tells a full disk from SQLite's own error, wherever this test runs (max_page_count stands in for the disk)", () => {
    const db = new DatabaseSync(newPath());
    let fault: unknown;
    try {
      db.exec('CREATE TABLE T (V TEXT); PRAGMA max_page_count = 3;');
      for (let n = 0; n < 100 && !fault; n++) {
        try {
          db.prepare('INSERT INTO T VALUES (?)').run('x'.repeat(2_000));
        } catch (error) {
          fault = error;
        }
      }
    } finally {
      db.close();
    }
    expect((fault as { errcode: number }).errcode).toBe(13); // SQLITE_FULL
    expect(explain(fault, '/x.db', 2_000)).toEqual(
      new BfxError(
        'The disk holding the SQLite catalog /x.db is full, so nothing was changed: free space on it, or move the catalog to a disk with room.',
      ),
    );
  });

  it('refuses a folder, and a path under a file, before SQLite opens anything', async () => {
    await expect(openCatalog(`sqlite:${dir}`, OPTIONS)).rejects.toThrow(
      /^The SQLite catalog .* is a folder, not a file/,
    );
    const file = newPath();
    writeFileSync(file, '');
    await expect(openCatalog(`sqlite:${file}/x/catalog.db`, OPTIONS)).rejects.toThrow(
      new BfxError(
        `The SQLite catalog ${file}/x/catalog.db cannot be created, because ${file} is a file, not a folder, so nothing was created: ` +
          'point bfx-begin at a path whose folders are folders, or move that file away.',
      ),
    );
  });
});
