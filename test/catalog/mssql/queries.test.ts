/**
 * The SQL Server statements and their merging into one batch, without a server: every parameter a
 * statement binds is referred to by its text, statements of one batch never share a name (but
 * @PackageID), the result sets each returns are counted right, and no rule is written in SQL.
 */
import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../../src/catalog/catalog.js';
import * as q from '../../../src/catalog/mssql/queries.js';
import { MIGRATE } from '../../../src/catalog/mssql/schema.js';

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

const ALL: Array<[string, q.Statement]> = [
  ['lock by name, registering', q.lockByName('P', { retryLimit: 3 })],
  ['lock by name', q.lockByName('P', undefined)],
  ['lock by execution', q.lockByExecution('42')],
  ['bind the locked package', q.bindLockedPackage(7)],
  ['package', q.readPackage()],
  ['execution with run key', q.readExecutionWithRunKey('run')],
  ['active execution', q.readActiveExecution()],
  ['latest execution', q.readLatestExecution()],
  ['execution', q.readExecution('42')],
  [
    'insert',
    q.insertExecution({
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
    q.takeOverExecution({
      executionId: '42',
      executionStatus: 'A',
      nextLoadStatus: 'P',
      retryCount: 1,
      runKey: 'run',
      context: CONTEXT,
    }),
  ],
  ['finish', q.finishExecution({ executionId: '42', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'x' })],
  ['set next load status', q.setNextLoadStatus('42', 'C')],
  ['set enabled', q.setEnabled(false)],
  ['exists', q.EXISTS],
  ['status of all', q.STATUS_ALL],
  ['status of one', q.statusOne('P')],
  ['history', q.history('P', 10)],
];

/** The @names a text refers to (not @@ROWCOUNT and the like). */
const names = (text: string) => new Set([...text.matchAll(/(?<![@\w])@([A-Za-z_]\w*)/g)].map((m) => m[1]));
/** SELECTs that return rows to the client: not `SELECT @x = ...`, not subqueries. */
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

  it.each(ALL)('%s counts the result sets it returns', (_name, statement) => {
    expect(resultSets(statement.text)).toBe(statement.recordsets);
  });

  it.each(ALL)(
    '%s names no status letter (run control decides; CHECK constraints live in schema.ts)',
    (_name, statement) => {
      expect(statement.text).not.toMatch(/'[ERACSFP]'/);
    },
  );

  it('reads the locked package only after the lock, with locking reads that row versioning cannot answer', () => {
    for (const statement of [q.readPackage(), q.readActiveExecution(), q.readLatestExecution(), q.readExecution('1')]) {
      expect(statement.text).toContain('@PackageID');
      expect(statement.text).toMatch(/WITH \(READCOMMITTEDLOCK\)/);
    }
  });

  it('locks the Package row by its clustered key on every path, the name paths after the name', () => {
    for (const lock of [
      q.lockByName('P', { retryLimit: null }),
      q.lockByName('P', undefined),
      q.lockByExecution('1'),
    ]) {
      expect(lock.text).toMatch(/FROM bfx\.Package WITH \(UPDLOCK, HOLDLOCK\) WHERE PackageID = @PackageID;/);
    }
    expect(q.lockByName('P', undefined).text).toMatch(
      /WITH \(UPDLOCK, HOLDLOCK\) WHERE PackageName = @PackageName;[\s\S]*WHERE PackageID = @PackageID/,
    );
    expect(q.lockByName('P', undefined).params.Register[1]).toBe(false);
    expect(q.lockByName('P', { retryLimit: 2 }).params).toMatchObject({
      Register: [expect.anything(), true],
      RetryLimit: [expect.anything(), 2],
    });
  });

  it('guards take-over and finish: still active, this package, exactly one row, else THROW', () => {
    for (const statement of [
      q.takeOverExecution({
        executionId: '1',
        executionStatus: 'A',
        nextLoadStatus: 'P',
        retryCount: 1,
        runKey: 'r',
        context: CONTEXT,
      }),
      q.finishExecution({ executionId: '1', executionStatus: 'S', nextLoadStatus: 'P', errorMessage: null }),
    ]) {
      expect(statement.text).toMatch(
        /WHERE ExecutionID = @ExecutionID AND PackageID = @PackageID AND EndTime IS NULL;/,
      );
      expect(statement.text).toMatch(/OUTPUT INSERTED\.ExecutionID INTO @changed/);
      expect(statement.text).toMatch(/IF \(SELECT COUNT\(\*\) FROM @changed\) <> 1[\s\S]*THROW 51000/);
    }
  });

  it('compares run keys exactly: a binary collation and the length', () => {
    expect(q.readExecutionWithRunKey('r').text).toMatch(/RunKey = @RunKey COLLATE Latin1_General_100_BIN2/);
    expect(q.readExecutionWithRunKey('r').text).toMatch(/DATALENGTH\(e\.RunKey\) = DATALENGTH\(@RunKey\)/);
    expect(MIGRATE).toMatch(/RunKey\s+NVARCHAR\(800\) COLLATE Latin1_General_100_BIN2 NULL/);
  });

  it('binds the run context by column name, cut to the column length', () => {
    const long = 'x'.repeat(401);
    const statement = q.insertExecution({
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

  it('cuts a value to fit without splitting a surrogate pair', () => {
    expect(q.fit('ab🚀', 3)).toBe('ab');
    expect(q.fit('abc', 3)).toBe('abc');
    expect(q.fit(null, 3)).toBeNull();
  });
});

describe('merging statements into one batch', () => {
  it("renames each statement's parameters and variables apart, keeping @PackageID shared", () => {
    const batch = q.mergeStatements([
      q.lockByName('P', { retryLimit: null }),
      q.readPackage(),
      q.readExecutionWithRunKey('run-1'),
      q.finishExecution({ executionId: '5', executionStatus: 'F', nextLoadStatus: 'R', errorMessage: 'x' }),
      q.setNextLoadStatus('6', 'C'),
    ]);
    expect(batch.text.startsWith('SET NOCOUNT ON;\nSET XACT_ABORT ON;\n')).toBe(true);
    expect(Object.keys(batch.params).sort()).toEqual(
      [
        's0_PackageName',
        's0_Register',
        's0_RetryLimit',
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
    // Declared once, by the lock, and used by every statement after it.
    expect(batch.text.match(/DECLARE @PackageID INT/g)).toHaveLength(1);
    expect(referred).toContain('PackageID');
    expect(batch.recordsets).toEqual([1, 1, 1, 1, 1]);
  });

  it('leaves system functions (@@ROWCOUNT) alone', () => {
    const statement = {
      text: 'SELECT @@ROWCOUNT AS n, @A AS a, @PackageID AS p;',
      params: { A: q.bindLockedPackage(1).params.Locked },
      recordsets: 1,
    };
    expect(q.mergeStatements([statement, statement]).text).toBe(
      'SET NOCOUNT ON;\nSET XACT_ABORT ON;\nSELECT @@ROWCOUNT AS n, @s0_A AS a, @PackageID AS p;\nSELECT @@ROWCOUNT AS n, @s1_A AS a, @PackageID AS p;',
    );
  });

  it('declares @PackageID from the lock in every later batch', () => {
    const batch = q.mergeStatements([q.bindLockedPackage(7), q.readActiveExecution()]);
    expect(batch.text).toMatch(/DECLARE @PackageID INT = @s0_Locked;/);
    expect(batch.params.s0_Locked[1]).toBe(7);
    expect(batch.recordsets).toEqual([0, 1]);
  });
});
