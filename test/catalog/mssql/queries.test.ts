/**
 * The SQL Server statements and their merging into one batch, without a server: every table is
 * the catalog schema's, in brackets; every parameter a statement binds is referred to by its text;
 * statements of one batch never share a name (but @PackageID and @LockedPackages); the result sets
 * each returns are counted right; and no rule is written in SQL.
 */
import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../../src/catalog/catalog.js';
import * as q from '../../../src/catalog/mssql/queries.js';
import { TABLE_NAMES, schemaNames } from '../../../src/catalog/mssql/schema.js';

const CONTEXT: RunContext = {
  repository: 'acme/loads',
  workflow: 'Nightly',
  job: 'load',
  runId: '1001',
  runAttempt: '1',
  actor: 'octocat',
  event: 'schedule',
  sha: 'abc',
};

function all(s: q.CatalogStatements): Array<[string, q.Statement]> {
  return [
    ['inspect', s.inspect],
    ['migration lock', s.migrationLock(30_000)],
    ['migration from nothing', s.migration(0)],
    ['migration from version 1', s.migration(1)],
    ['lock by name, registering', s.lockByName('P', { retryLimit: 3, isBatch: true }, null)],
    ['lock by name, under a parent', s.lockByName('P', undefined, '5')],
    ['lock by execution', s.lockByExecution('42')],
    ['bind the locked packages', s.bindLocked(7, [3, 7])],
    ['lock more packages', s.lockPackages([3, 9])],
    ['package', s.readPackage()],
    ['execution with run key', s.readExecutionWithRunKey('run')],
    ['active execution', s.readActiveExecution()],
    ['latest execution', s.readLatestExecution()],
    ['execution', s.readExecution('42')],
    ['any execution', s.readAnyExecution('42')],
    ['children, locked', s.readChildren('42')],
    ['last with a status', s.readLastExecutionWithStatus('S', null)],
    ['last with a status before', s.readLastExecutionWithStatus('S', '42')],
    ['variables, locked', s.readVariables()],
    [
      'insert',
      s.insertExecution({
        packageId: 7,
        parentExecutionId: null,
        executionStatus: 'E',
        nextLoadStatus: 'C',
        retryCount: 0,
        ended: false,
        errorMessage: null,
        runKey: 'run',
        context: CONTEXT,
      }),
    ],
    [
      'take over',
      s.takeOverExecution({
        executionId: '42',
        executionStatus: 'A',
        nextLoadStatus: 'P',
        retryCount: 1,
        parentExecutionId: null,
        runKey: 'run',
        context: CONTEXT,
      }),
    ],
    ['finish', s.finishExecution({ executionId: '42', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'x' })],
    [
      'finish again',
      s.refinishExecution({ executionId: '42', executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null }, 'F'),
    ],
    ['set next load status', s.setNextLoadStatus('42', 'C')],
    ['set next load statuses', s.setNextLoadStatuses(['42', '43'], 'C')],
    ['mark batch', s.markBatch()],
    ['set enabled', s.setEnabled(false)],
    [
      'register variables',
      s.registerVariables([
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ])[0],
    ],
    ['store variables', s.storeVariables([{ name: 'A', value: '1' }], '42')[0]],
    ['save row counts', s.saveRowCounts('42', [{ objectName: 'dbo.T', countType: 'Insert', rowCount: 3 }])[0]],
    ['record audit', s.recordAudit({ executionId: null, action: 'disable', detail: 'why', actor: 'me' })],
    ['status of all', s.statusAll()],
    ['status of one', s.statusOne('P')],
    ['history', s.history('P', 10)],
    ['children', s.children('42')],
    ['variables', s.variables('P')],
    ['row counts', s.rowCounts(['42', '43'])],
    ['audit', s.audit('P', 10)],
    ['report', s.report(43_200, 'S')],
    ["the catalog's clock", s.now()],
    ['history, filtered', s.filteredHistory('P', 10, 60, ['F', 'R'])],
    ['runs', s.runs(10, 1440, undefined)],
    ['package by another name', s.readPackageNamed('Q')],
    ['rename', s.renamePackage('Q')],
    ['delete a package', s.deletePackage()],
    ['purge candidates', s.readPurgeCandidates(1440, '42', 500)],
    ['standings', s.readStandings(['42', '43'], 1440)],
    ['standings of children', s.readChildStandings(['42'], 1440)],
    ['delete executions', s.deleteExecutions(['42', '43'])],
    ['delete old audit entries', s.deleteOldAudit(1440, 500)],
  ];
}

const ALL = all(q.catalogStatements('bfx'));
const OWN = all(q.catalogStatements('bfxgh'));

/** The @names a text refers to (not @@ROWCOUNT and the like). */
const names = (text: string) => new Set([...text.matchAll(/(?<![@\w])@([A-Za-z_]\w*)/g)].map((m) => m[1]));
/** SELECTs that return rows to the client: not `SELECT @x = ...`, not subqueries, not INSERT ... SELECT. */
const resultSets = (text: string) =>
  text
    .split(';')
    .map((part) => part.replace(/^\s*(IF|BEGIN|END)\b[^\n]*(\n|$)/gim, ''))
    .filter((part) => /^\s*SELECT\b/i.test(part) && !/^\s*SELECT\s+@\w+\s*=/i.test(part)).length;

describe('SQL Server statements', () => {
  it.each(ALL)('%s refers to every parameter it binds, by name', (_name, statement) => {
    const referred = names(statement.text);
    for (const param of Object.keys(statement.params)) expect(referred, `@${param}`).toContain(param);
  });

  // Those that run SQL through EXEC (inspect, the migration) are counted in schema.test.ts.
  it.each(ALL.filter(([, statement]) => !statement.text.includes('EXEC (')))(
    '%s counts the result sets it returns',
    (_name, statement) => {
      expect(resultSets(statement.text)).toBe(statement.recordsets);
    },
  );

  it.each(ALL)('%s names no status letter outside a CHECK constraint (run control decides)', (_name, statement) => {
    const withoutChecks = statement.text.replace(/CHECK \((?:[^()]|\([^()]*\))*\)/g, '');
    expect(withoutChecks).not.toMatch(/'[ERACSFP]'/);
  });

  it.each(ALL)('%s names its tables in brackets, in the catalog schema only', (_name, statement) => {
    // Any schema.table outside brackets, or a table of ours outside the schema, would be a bug.
    expect(statement.text).not.toMatch(/\bbfx\.\w/);
    for (const table of TABLE_NAMES) {
      for (const [qualified] of statement.text.matchAll(new RegExp(`\\S*\\]\\.\\[${table}\\]`, 'g'))) {
        expect(qualified).toMatch(new RegExp(`(^|[\\s(,'])\\[bfx\\]\\.\\[${table}\\]$`));
      }
    }
  });

  it.each(OWN)('%s, for schema bfxgh, never names schema bfx', (_name, statement) => {
    expect(statement.text).not.toMatch(/\[bfx\]|\bbfx\.|N'bfx'/);
    if (/\[(Package|Execution|ConfigVariable|RowCount|AuditLog|CatalogVersion)\]/.test(statement.text)) {
      expect(statement.text).toContain('[bfxgh].[');
    }
  });

  it('builds the statements once per schema', () => {
    expect(q.catalogStatements('bfx')).toBe(q.catalogStatements('bfx'));
    expect(q.catalogStatements('bfxgh')).not.toBe(q.catalogStatements('bfx'));
    expect(q.catalogStatements('bfx').readActiveExecution().text).toBe(
      q.catalogStatements('bfx').readActiveExecution().text,
    );
  });

  it('refuses a schema name that validate.ts would have refused, rather than write it into SQL', () => {
    for (const bad of ['bfx]; DROP TABLE x; --', 'b fx', '1bfx', '', 'x'.repeat(64)]) {
      expect(() => schemaNames(bad)).toThrow(/should have refused/);
    }
    expect(schemaNames('bfx_GH2').table('RowCount')).toBe('[bfx_GH2].[RowCount]');
  });

  it('reads the locked package only after the lock, with locking reads that row versioning cannot answer', () => {
    const s = q.catalogStatements('bfx');
    for (const statement of [
      s.readPackage(),
      s.readActiveExecution(),
      s.readLatestExecution(),
      s.readExecution('1'),
      s.readLastExecutionWithStatus('F', '9'),
      s.readVariables(),
    ]) {
      expect(statement.text).toContain('@PackageID');
      expect(statement.text).toMatch(/WITH \(READCOMMITTEDLOCK\)/);
    }
    for (const statement of [s.readAnyExecution('1'), s.readChildren('1')]) {
      expect(statement.text).toMatch(/WITH \(READCOMMITTEDLOCK\)/);
    }
  });

  it('locks the Package row by its clustered key on every path, the parent first, then the name', () => {
    const s = q.catalogStatements('bfxgh');
    const KEY = (variable: string) =>
      `SELECT @${variable} = PackageID FROM [bfxgh].[Package] WITH (UPDLOCK, HOLDLOCK) WHERE PackageID = @${variable};`;
    for (const lock of [
      s.lockByName('P', { retryLimit: null, isBatch: false }, null),
      s.lockByName('P', undefined, '5'),
      s.lockByExecution('1'),
    ]) {
      const parent = lock.text.indexOf(KEY('ParentPackageID'));
      const own = lock.text.indexOf(KEY('PackageID'));
      expect(parent).toBeGreaterThan(0);
      expect(own).toBeGreaterThan(parent);
      expect(lock.text).toMatch(/SELECT @PackageID AS packageId, @ParentPackageID AS parentPackageId;$/);
    }
    const byName = s.lockByName('P', undefined, '5').text;
    expect(
      byName.indexOf(
        'SET @ParentPackageID = (SELECT PackageID FROM [bfxgh].[Execution] WHERE ExecutionID = @ParentExecutionID);',
      ),
    ).toBeLessThan(byName.indexOf(KEY('ParentPackageID')));
    // The name is found by a plain read, then registered in its own step, then locked by PackageID:
    // no lock hint ever touches the PackageName index (its key-range lock could close a circle).
    const registering = s.lockByName('P', { retryLimit: null, isBatch: false }, '5').text;
    const found = registering.indexOf(
      'SET @PackageID = (SELECT PackageID FROM [bfxgh].[Package] WHERE PackageName = @PackageName);',
    );
    const inserted = registering.indexOf('INSERT INTO [bfxgh].[Package] (PackageName, RetryLimit, IsBatch)');
    expect(registering.indexOf(KEY('ParentPackageID'))).toBeLessThan(found);
    expect(found).toBeLessThan(inserted);
    expect(inserted).toBeLessThan(registering.indexOf(KEY('PackageID')));
    expect(registering).not.toMatch(/WITH \([^)]*\)\s+WHERE PackageName/);
    expect(registering).toMatch(
      /BEGIN CATCH\s+IF ERROR_NUMBER\(\) IN \(2601, 2627\)\s+THROW 51004, N'Another begin registered this package meanwhile\.', 1;\s+THROW;\s+END CATCH;/,
    );
    expect(s.lockByExecution('1').text).toMatch(
      /SELECT @PackageID = e\.PackageID, @ParentPackageID = pe\.PackageID\s+FROM \[bfxgh\]\.\[Execution\] e LEFT JOIN \[bfxgh\]\.\[Execution\] pe ON pe\.ExecutionID = e\.ParentExecutionID/,
    );
    // More packages: the same statement, one at a time, smallest ID first.
    expect(s.lockPackages([3]).text).toContain(
      'SELECT @found = PackageID FROM [bfxgh].[Package] WITH (UPDLOCK, HOLDLOCK) WHERE PackageID = @next;',
    );
    expect(s.lockPackages([3]).text).toMatch(
      /@next INT = \(SELECT MIN\(ID\) FROM @ids\)[\s\S]*MIN\(ID\) FROM @ids WHERE ID > @next/,
    );
    expect(s.lockPackages([3, 12, 40]).params.PackageIDs[1]).toBe('3,12,40,');
  });

  it('registers a missing package with its retry limit and batch flag; a lock by name alone registers nothing', () => {
    const s = q.catalogStatements('bfx');
    expect(s.lockByName('P', undefined, null).params).toMatchObject({
      Register: [expect.anything(), false],
      ParentExecutionID: [expect.anything(), null],
    });
    expect(s.lockByName('P', { retryLimit: 2, isBatch: true }, '77').params).toMatchObject({
      Register: [expect.anything(), true],
      RetryLimit: [expect.anything(), 2],
      IsBatch: [expect.anything(), true],
      ParentExecutionID: [expect.anything(), '77'],
    });
    expect(s.lockByName('P', undefined, null).text).toMatch(
      /INSERT INTO \[bfx\]\.\[Package\] \(PackageName, RetryLimit, IsBatch\) OUTPUT INSERTED\.PackageID INTO @registered/,
    );
  });

  it('guards the writes: take-over of its own package only, the others of any package the transaction locked', () => {
    const s = q.catalogStatements('bfx');
    const takeOver = s.takeOverExecution({
      executionId: '1',
      executionStatus: 'A',
      nextLoadStatus: 'P',
      retryCount: 1,
      parentExecutionId: null,
      runKey: 'r',
      context: CONTEXT,
    });
    expect(takeOver.text).toMatch(/WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL;/);
    const finish = s.finishExecution({
      executionId: '1',
      executionStatus: 'S',
      nextLoadStatus: 'P',
      errorMessage: null,
    });
    expect(finish.text).toMatch(
      /WHERE ExecutionID = @ExecutionID AND EndTime IS NULL AND PackageID IN \(SELECT PackageID FROM @LockedPackages\);/,
    );
    const refinish = s.refinishExecution(
      { executionId: '1', executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null },
      'F',
    );
    expect(refinish.text).toMatch(
      /WHERE ExecutionID = @ExecutionID AND EndTime IS NOT NULL AND ExecutionStatus = @EndedAs AND PackageID IN \(SELECT PackageID FROM @LockedPackages\);/,
    );
    expect(refinish.params.EndedAs[1]).toBe('F');
    for (const statement of [takeOver, finish, refinish]) {
      expect(statement.text).toMatch(/OUTPUT INSERTED\.ExecutionID INTO @changed/);
      expect(statement.text).toMatch(/IF \(SELECT COUNT\(\*\) FROM @changed\) <> 1[\s\S]*THROW 51000/);
    }
    expect(s.setNextLoadStatus('1', 'C').text).toMatch(
      /WHERE ExecutionID = @ExecutionID AND PackageID IN \(SELECT PackageID FROM @LockedPackages\);/,
    );
    const many = s.setNextLoadStatuses(['5', '6'], 'C');
    expect(many.params.ExecutionIDs[1]).toBe('5,6,');
    expect(many.text).toMatch(/WHERE e\.PackageID IN \(SELECT PackageID FROM @LockedPackages\);/);
    expect(many.text).toMatch(/IF @unchanged IS NOT NULL[\s\S]*THROW 51000/);
  });

  it('purges and deletes only rows of the locked package, and in pages of the size given', () => {
    const s = q.catalogStatements('bfx');
    const deletes = s.deleteExecutions(['42']).text;
    for (const statement of deletes.split(';').filter((part) => /^\s*DELETE\b/i.test(part))) {
      expect(statement).toMatch(/PackageID = @PackageID/);
    }
    expect(s.deleteOldAudit(1440, 500).text).toMatch(/DELETE TOP \(@Limit\)[\s\S]*WHERE a\.PackageID = @PackageID/);
    expect(s.readPurgeCandidates(1440, null, 500).text).toMatch(
      /^SELECT TOP \(@Limit\)[\s\S]*WHERE e\.PackageID = @PackageID/,
    );
    expect(s.renamePackage('Q').text).toMatch(/WHERE PackageID = @PackageID;/);
    // A name registered after the rename read it free: its key met (2627 / 2601) is THROWn as the name taken.
    expect(s.renamePackage('Q').text).toMatch(
      /BEGIN TRY\n {2}UPDATE \[bfx\]\.\[Package\] SET PackageName = @NewName [^\n]*\nEND TRY\nBEGIN CATCH\n {2}IF ERROR_NUMBER\(\) IN \(2601, 2627\)\n {2}BEGIN\n {4}DECLARE @taken NVARCHAR\(2048\) = CONCAT\(N'bfx-begin: package "', @NewName, N'" was registered while the rename ran\.'\);\n {4}THROW 51005, @taken, 1;\n {2}END;\n {2}THROW;\nEND CATCH;/,
    );
    // The Package row goes last, after every row that refers to it.
    const whole = s.deletePackage().text;
    expect(whole.lastIndexOf('[bfx].[Package]')).toBeGreaterThan(whole.lastIndexOf('[bfx].[Execution]'));
    // Ages and filters are the catalog server's clock, never the runner's.
    expect(s.readStandings(['42'], 60).text).toContain('DATEADD(minute, -@Minutes, SYSUTCDATETIME())');
    expect(s.runs(10, 60, ['F']).params.Statuses[1]).toBe('F');
  });

  it('compares run keys exactly: a binary collation and the length', () => {
    const s = q.catalogStatements('bfx');
    expect(s.readExecutionWithRunKey('r').text).toMatch(/RunKey = @RunKey COLLATE Latin1_General_100_BIN2/);
    expect(s.readExecutionWithRunKey('r').text).toMatch(/DATALENGTH\(e\.RunKey\) = DATALENGTH\(@RunKey\)/);
    expect(s.migration(0).text).toMatch(/RunKey\s+NVARCHAR\(800\) COLLATE Latin1_General_100_BIN2 NULL/);
  });

  it('binds the run context by column name, cut to the column length', () => {
    const long = 'x'.repeat(401);
    const statement = q.catalogStatements('bfx').insertExecution({
      packageId: 1,
      parentExecutionId: '9',
      executionStatus: 'E',
      nextLoadStatus: 'C',
      retryCount: 0,
      ended: true,
      errorMessage: null,
      runKey: 'r',
      context: { ...CONTEXT, workflow: long },
    });
    expect(statement.params.Repository[1]).toBe('acme/loads');
    expect(statement.params.EventName[1]).toBe('schedule');
    expect(statement.params.CommitSha[1]).toBe('abc');
    expect(statement.params.Workflow[1]).toBe('x'.repeat(400));
    expect(statement.text).toMatch(/Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha\)/);
  });

  it('binds variables and row counts as values, each row its own parameters, in chunks a request can carry', () => {
    const s = q.catalogStatements('bfx');
    const [stored] = s.storeVariables(
      [
        { name: `Quote'"; DROP`, value: 'Łódź 🚀' },
        { name: 'B', value: '2' },
      ],
      '42',
    );
    expect(stored.params).toMatchObject({
      Name0: [expect.anything(), `Quote'"; DROP`],
      Value0: [expect.anything(), 'Łódź 🚀'],
      Name1: [expect.anything(), 'B'],
      ExecutionID: [expect.anything(), '42'],
    });
    expect(stored.text).not.toContain('DROP');
    expect(stored.text).toMatch(/UPDATE c SET PreviousValue = c\.VariableValue, VariableValue = v\.Value/);
    // The same name twice: the last value wins when storing, the first default when registering.
    expect(stored.text).toMatch(/PARTITION BY x\.Name ORDER BY x\.Ordinal DESC/);
    expect(s.registerVariables([{ name: 'A', value: '1' }])[0].text).toMatch(
      /PARTITION BY x\.Name ORDER BY x\.Ordinal\)/,
    );
    expect(s.registerVariables([])).toEqual([]);
    const counts = Array.from({ length: 1_000 }, (_, i) => ({ objectName: `t${i}`, countType: 'Insert', rowCount: i }));
    const chunks = s.saveRowCounts('42', counts);
    expect(chunks.length).toBe(3);
    for (const chunk of chunks) expect(Object.keys(chunk.params).length).toBeLessThanOrEqual(1_201);
    expect(chunks.flatMap((chunk) => Object.keys(chunk.params).filter((p) => p.startsWith('ObjectName')))).toHaveLength(
      1_000,
    );
    expect(chunks[0].text).toMatch(/UPDATE r SET \[RowCount\] = v\.CountValue/);
    expect(chunks[0].text).toMatch(
      /INSERT INTO \[bfx\]\.\[RowCount\] \(ExecutionID, ObjectName, CountType, \[RowCount\]\)/,
    );
  });

  it('passes lists of IDs as one parameter, read back on any compatibility level', () => {
    expect(q.idList(['1', '22', '333'])).toBe('1,22,333,');
    expect(q.idList([])).toBe('');
    const s = q.catalogStatements('bfx');
    for (const statement of [s.rowCounts(['1']), s.setNextLoadStatuses(['1'], 'C'), s.bindLocked(1, [1])]) {
      expect(statement.text).toMatch(/WHILE @\w+At <= LEN\(@\w+\)/);
      expect(statement.text).not.toMatch(/OPENJSON|STRING_SPLIT/);
    }
  });

  it("reads the whole report in one request of five result sets, the window from the server's clock", () => {
    const report = q.catalogStatements('bfx').report(90, 'S');
    expect(report.recordsets).toBe(5);
    expect(report.params.Minutes[1]).toBe(90);
    expect(report.text).toMatch(/DATEADD\(MINUTE, -@Minutes, @now\)/);
    expect(report.text).toContain('@now DATETIME2 = SYSUTCDATETIME()');
    // Nothing per package: no loop, no list of names or IDs.
    expect(report.text).not.toMatch(/WHILE|@PackageName|@ExecutionIDs/);
  });

  it('cuts a value to fit without splitting a surrogate pair', () => {
    expect(q.fit('ab🚀', 3)).toBe('ab');
    expect(q.fit('abc', 3)).toBe('abc');
    expect(q.fit(null, 3)).toBeNull();
  });
});

describe('merging statements into one batch', () => {
  const s = q.catalogStatements('bfx');

  it("renames each statement's parameters and variables apart, keeping @PackageID and @LockedPackages shared", () => {
    const batch = q.mergeStatements([
      s.lockByName('P', { retryLimit: null, isBatch: false }, '9'),
      s.readPackage(),
      s.readExecutionWithRunKey('run-1'),
      s.finishExecution({ executionId: '5', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'x' }),
      s.setNextLoadStatus('6', 'C'),
    ]);
    expect(batch.text.startsWith('SET NOCOUNT ON;\nSET XACT_ABORT ON;\n')).toBe(true);
    expect(Object.keys(batch.params).sort()).toEqual(
      [
        's0_PackageName',
        's0_Register',
        's0_RetryLimit',
        's0_IsBatch',
        's0_ParentExecutionID',
        's2_RunKey',
        's3_ExecutionID',
        's3_ExecutionStatus',
        's3_NextLoadStatus',
        's3_ErrorMessage',
        's4_ExecutionID',
        's4_NextLoadStatus',
      ].sort(),
    );
    expect(batch.params.s2_RunKey[1]).toBe('run-1');
    expect(batch.params.s4_ExecutionID[1]).toBe('6');
    const referred = names(batch.text);
    for (const param of Object.keys(batch.params)) expect(referred).toContain(param);
    // Both writes declare @changed: each has its own now.
    expect(referred).toContain('s3_changed');
    expect(referred).toContain('s4_changed');
    expect(referred).not.toContain('changed');
    expect(referred).toContain('s0_ParentPackageID');
    // Declared once, by the lock, and used by every statement after it.
    expect(batch.text.match(/DECLARE @PackageID INT/g)).toHaveLength(1);
    expect(batch.text.match(/DECLARE @LockedPackages TABLE/g)).toHaveLength(1);
    expect(referred).toContain('PackageID');
    expect(referred).toContain('LockedPackages');
    expect(batch.recordsets).toEqual([1, 1, 1, 1, 1]);
  });

  it('leaves system functions (@@ROWCOUNT) alone', () => {
    const statement = {
      text: 'SELECT @@ROWCOUNT AS n, @A AS a, @PackageID AS p;',
      params: { A: s.bindLocked(1, []).params.Locked },
      recordsets: 1,
    };
    expect(q.mergeStatements([statement, statement]).text).toBe(
      'SET NOCOUNT ON;\nSET XACT_ABORT ON;\nSELECT @@ROWCOUNT AS n, @s0_A AS a, @PackageID AS p;\nSELECT @@ROWCOUNT AS n, @s1_A AS a, @PackageID AS p;',
    );
  });

  it('declares @PackageID and @LockedPackages from the locks in every later batch', () => {
    const batch = q.mergeStatements([s.bindLocked(7, [3, 7]), s.readActiveExecution()]);
    expect(batch.text).toMatch(/DECLARE @PackageID INT = @s0_Locked;\nDECLARE @LockedPackages TABLE/);
    expect(batch.text).toMatch(/INSERT INTO @LockedPackages \(PackageID\) VALUES \(CAST\(SUBSTRING\(@s0_LockedList,/);
    expect(batch.params.s0_Locked[1]).toBe(7);
    expect(batch.params.s0_LockedList[1]).toBe('3,7,');
    expect(batch.recordsets).toEqual([0, 1]);
  });

  it("calls sp_getapplock with its arguments by position, so that renaming cannot touch the procedure's parameter names", () => {
    const batch = q.mergeStatements([s.migrationLock(5_000), s.inspect]);
    expect(batch.text).toContain(
      "EXEC @s0_lock = sys.sp_getapplock @s0_Resource, N'Exclusive', N'Transaction', @s0_LockTimeout;",
    );
    expect(batch.params.s0_Resource[1]).toBe('bfx-begin:migrate:bfx');
    expect(batch.params.s0_LockTimeout[1]).toBe(5_000);
    expect(q.catalogStatements('BfxGH').migrationLock(-1).params).toMatchObject({
      Resource: [expect.anything(), 'bfx-begin:migrate:bfxgh'],
      LockTimeout: [expect.anything(), -1],
    });
    expect(batch.recordsets).toEqual([0, 4]);
  });
});
