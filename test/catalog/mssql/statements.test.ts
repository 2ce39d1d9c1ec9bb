/**
 * The SQL Server statements table without a server: every statement of the SQL core filled, each
 * value it binds typed, the locks in their modes and order, guarded writes that THROW, writes
 * whose rows come back through OUTPUT INTO (so that a user's trigger breaks nothing), lists read
 * with OPENJSON, times from the server's UTC clock. The contract suite (test/contract/mssql.test.ts)
 * runs them on a real server.
 */
import { describe, expect, it } from 'vitest';
import { PARAMETER_TYPES, statements } from '../../../src/catalog/mssql/statements.js';
import { textFor } from '../../../src/catalog/sql/transaction.js';
import type { LockKey, StatementName } from '../../../src/catalog/sql/driver.js';

const table = statements('bfx');
const names = Object.keys(table) as StatementName[];
const texts = (name: StatementName): string[] =>
  (['name', 'execution'] as LockKey[]).map((key) => textFor(table[name], key));
const all = names.flatMap((name) => texts(name).map((text) => [name, text] as const));
/** The values a text binds: @Name with a capital letter (its own variables start with a small one). */
const values = (text: string) => [...text.matchAll(/(?<![@\w])@([A-Z]\w*)/g)].map((m) => m[1]);

describe('SQL Server statements', () => {
  it('fills every statement the core sends, each value it binds with a type', () => {
    expect(names.length).toBeGreaterThan(60);
    const LOCK = ['PackageName', 'LockExecutionID', 'LockParentExecutionID', 'LockedPackageID', 'LockedPackageIDs'];
    for (const [name, text] of all) {
      expect(text.trim(), name).not.toBe('');
      for (const value of values(text))
        expect(PARAMETER_TYPES[value] ?? LOCK.includes(value), `${name}: @${value}`).toBeTruthy();
    }
  });

  it("finds the locked package by the lock's key: its name, or the execution an end names", () => {
    const [byName, byExecution] = texts('ACTIVE_EXECUTION');
    expect(byName).toMatch(
      /^DECLARE @own INT = \(SELECT k\.PackageID FROM \[bfx\]\.\[Package\] k WHERE k\.PackageName = @PackageName\);/,
    );
    expect(byExecution).toMatch(
      /^DECLARE @own INT = \(SELECT k\.PackageID FROM \[bfx\]\.\[Execution\] k WHERE k\.ExecutionID = @LockExecutionID\);/,
    );
    expect(byName).toContain('WITH (READCOMMITTEDLOCK)');
  });

  it("locks the package exclusively, the batch's package of a child shared, and never a key that is not there", () => {
    const [own] = texts('LOCK_PACKAGE_EXCLUSIVE');
    expect(own).toMatch(
      /IF @own IS NOT NULL\n {2}SELECT .* FROM \[bfx\]\.\[Package\] p WITH \(XLOCK, HOLDLOCK, ROWLOCK\) WHERE p\.PackageID = @own;$/,
    );
    const [parentByName, parentByExecution] = texts('LOCK_PARENT_PACKAGE_SHARED');
    expect(parentByName).toContain('WHERE k.ExecutionID = @LockParentExecutionID');
    expect(parentByExecution).toContain(
      '(SELECT j.ParentExecutionID FROM [bfx].[Execution] j WHERE j.ExecutionID = @LockExecutionID)',
    );
    for (const text of [parentByName, parentByExecution]) {
      // Not the package's own (a package named as its own batch would wait on itself).
      expect(text).toMatch(
        /IF @parent IS NOT NULL AND @parent <> ISNULL\(@own, 0\)\n {2}SELECT .* WITH \(HOLDLOCK, ROWLOCK\) WHERE p\.PackageID = @parent;$/,
      );
      expect(text).not.toContain('XLOCK');
    }
    // Further packages one by one, in ascending order.
    const [more] = texts('LOCK_PACKAGES_EXCLUSIVE');
    expect(more).toContain('DECLARE @next INT = (SELECT MIN(ID) FROM @ids)');
    // Each only once a plain probe found it: a locking read of a missing key would hold its key range.
    expect(more).toContain(
      '  IF EXISTS (SELECT 1 FROM [bfx].[Package] WHERE PackageID = @next)\n' +
        '    SELECT @found = PackageID FROM [bfx].[Package] WITH (XLOCK, HOLDLOCK, ROWLOCK) WHERE PackageID = @next;',
    );
    expect(more).toContain('SET @next = (SELECT MIN(ID) FROM @ids WHERE ID > @next);');
  });

  it('registers a missing package with a plain probe, and a registration met meanwhile THROWs 51004, which is retried', () => {
    const text = textFor(table.REGISTER_PACKAGE, 'name');
    expect(text).toMatch(/^IF NOT EXISTS \(SELECT 1 FROM \[bfx\]\.\[Package\] WHERE PackageName = @PackageName\)/);
    expect(text).toContain(
      'INSERT INTO [bfx].[Package] (PackageName, RetryLimit, IsBatch) VALUES (@PackageName, @RetryLimit, @IsBatch);',
    );
    expect(text).toMatch(/IF ERROR_NUMBER\(\) IN \(2601, 2627\)\n\s+THROW 51004,/);
    expect(text).not.toMatch(/UPDLOCK|HOLDLOCK|SERIALIZABLE/);
  });

  it('guards the take-over, the finishes and the next load statuses: @changed from their OUTPUT rows, THROW 51000 unless it is the @GuardedRows the core binds', () => {
    for (const name of [
      'TAKE_OVER_EXECUTION',
      'FINISH_EXECUTION',
      'REFINISH_EXECUTION',
      'SET_NEXT_LOAD_STATUS',
      'SET_NEXT_LOAD_STATUSES',
    ] as const) {
      for (const text of texts(name)) {
        expect(text, name).toContain('OUTPUT INSERTED.ExecutionID INTO @written');
        expect(text, name).toContain(
          'SET @changed = (SELECT COUNT(*) FROM @written);\nIF @changed <> @GuardedRows\n  THROW 51000,',
        );
      }
    }
    expect(PARAMETER_TYPES.GuardedRows).toBe('INT');
    const [takeOver] = texts('TAKE_OVER_EXECUTION');
    expect(takeOver).toContain('WHERE ExecutionID = @ExecutionID AND PackageID = @own AND EndTime IS NULL;');
    const [finish] = texts('FINISH_EXECUTION');
    expect(finish).toContain(
      'x.EndTime IS NULL AND (x.PackageID = @own OR x.PackageID IN (SELECT item FROM (SELECT CAST(j.[value] AS INT) AS item FROM OPENJSON(@LockedPackageIDs) j) l))',
    );
    expect(finish).toMatch(/EndTime = SYSUTCDATETIME\(\)/);
    expect(textFor(table.REFINISH_EXECUTION, 'name')).toContain('AND x.ExecutionStatus = @EndedAs');
  });

  it('sends rows back only through OUTPUT INTO a table variable, and counts what deletes and batch updates changed', () => {
    for (const [name, text] of all) {
      for (const output of text.matchAll(
        /OUTPUT (?:INSERTED|DELETED)\.\w+(?:, (?:INSERTED|DELETED)\.\w+)*( INTO @\w+)?/g,
      )) {
        expect(output[1], name).toBeDefined();
      }
    }
    for (const name of ['DELETE_PACKAGE_EXECUTIONS', 'DELETE_EXECUTIONS', 'DELETE_OLD_AUDIT'] as const) {
      expect(textFor(table[name], 'name'), name).toMatch(/SET @changed = \(SELECT COUNT\(\*\) FROM @\w+\);$/);
    }
  });

  it('reads every list with OPENJSON, and keeps one row per key of paired lists, compared as the table compares it', () => {
    expect(textFor(table.ROW_COUNTS, 'name')).toContain('FROM OPENJSON(@ExecutionIDs) j');
    const store = textFor(table.STORE_VARIABLES, 'name');
    expect(store).toContain(
      'DECLARE @given TABLE (name NVARCHAR(128) COLLATE DATABASE_DEFAULT NOT NULL, value NVARCHAR(MAX) COLLATE DATABASE_DEFAULT NOT NULL);',
    );
    expect(store).toContain('JOIN OPENJSON(@Values) j1 ON j1.[key] = j0.[key]');
    expect(store).toContain('ROW_NUMBER() OVER (PARTITION BY x.name ORDER BY x.ordinal DESC) AS pick');
    expect(textFor(table.REGISTER_VARIABLES, 'name')).toContain('ORDER BY x.ordinal) AS pick');
    expect(textFor(table.SAVE_ROW_COUNTS, 'name')).toContain(
      'PARTITION BY x.objectName, x.countType ORDER BY x.ordinal DESC',
    );
  });

  it('compares run keys exactly: a binary collation and the length', () => {
    const text = textFor(table.EXECUTION_WITH_RUN_KEY, 'name');
    expect(text).toContain('e.RunKey = @RunKey COLLATE Latin1_General_100_BIN2\n');
    // The length in UTF-16 units on both sides, whether the column is NVARCHAR or a VARCHAR the
    // check of the tables accepts too (DATALENGTH of VARCHAR 'run-1' is 5, of N'run-1' 10).
    expect(text).toContain('AND DATALENGTH(CAST(e.RunKey AS NVARCHAR(MAX))) = DATALENGTH(@RunKey)');
    expect(text).not.toContain('DATALENGTH(e.RunKey)');
  });

  it("writes times from the server's UTC clock only, and no status letter outside the catalog's checks", () => {
    for (const [name, text] of all) {
      expect(text, name).not.toMatch(/GETDATE|SYSDATETIME\(|CURRENT_TIMESTAMP/);
      if (name !== 'UPGRADE_SIZE') expect(text, name).not.toMatch(/'[ERACSFP]'/);
    }
  });

  it("holds migrations one at a time on an application lock named after the catalog's schema", () => {
    const text = textFor(table.MIGRATE_LOCK, 'name');
    expect(text).toContain(
      "EXEC @lock = sys.sp_getapplock N'bfx-begin:migrate:bfx', N'Exclusive', N'Transaction', -1;",
    );
    expect(textFor(statements('BfxGh').MIGRATE_LOCK, 'name')).toContain("N'bfx-begin:migrate:bfxgh'");
    expect(() => statements('bfx]; DROP TABLE x')).toThrow(/schema name/);
  });
});
