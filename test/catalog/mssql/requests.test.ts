/**
 * One SQL Server request per round trip (src/catalog/mssql/driver.ts), without a server: the steps
 * in one batch, each statement through sp_executesql with its values typed and declared once, a
 * marker after each step, one TRY around them all whose CATCH rolls back, and values that reach
 * the text only as literals of their type.
 */
import { describe, expect, it } from 'vitest';
import { answersOf, literalOf, requestText, unicodeLiteral } from '../../../src/catalog/mssql/driver.js';
import { BfxError } from '../../../src/errors.js';
import type { StatementName, Step } from '../../../src/catalog/sql/driver.js';

const statement = (name: StatementName, text: string, params = {}): Step => ({
  kind: 'statement',
  name,
  text,
  params,
});

describe('SQL Server requests: one batch per round trip', () => {
  const steps: Step[] = [
    { kind: 'begin', mode: 'package' },
    statement('LOCK_PACKAGE_EXCLUSIVE', 'SELECT @PackageName AS x;', { PackageName: "O'Brien", LockExecutionID: null }),
    statement('EXECUTION_BY_ID', 'SELECT @ExecutionID AS id, @PackageName AS n;', {
      ExecutionID: '12',
      PackageName: "O'Brien",
    }),
    statement(
      'DELETE_EXECUTIONS',
      'DELETE FROM t WHERE id IN (SELECT value FROM OPENJSON(@ExecutionIDs)); SET @changed = @@ROWCOUNT;',
      {
        ExecutionIDs: ['12', '13'],
      },
    ),
    { kind: 'commit' },
  ];
  const text = requestText(steps);

  it('runs every step in order inside one TRY, a marker after each, the CATCH rolling back and raising the error again', () => {
    expect(text).toMatch(
      /^SET NOCOUNT ON;\nSET XACT_ABORT ON;\nSET TRANSACTION ISOLATION LEVEL READ COMMITTED;\nDECLARE @__changed INT;\n/,
    );
    const order = [...text.matchAll(/^\/\* (\d+): (\w+) \*\/$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(order).toEqual([
      '0 BEGIN',
      '1 LOCK_PACKAGE_EXCLUSIVE',
      '2 EXECUTION_BY_ID',
      '3 DELETE_EXECUTIONS',
      '4 COMMIT',
    ]);
    expect(text).toContain('/* 0: BEGIN */\nBEGIN TRANSACTION;\nSELECT 0 AS [__bfx_step], 0 AS [__bfx_changed];');
    expect(text).toContain('/* 4: COMMIT */\nCOMMIT TRANSACTION;\nSELECT 4 AS [__bfx_step], 0 AS [__bfx_changed];');
    expect(text).toMatch(
      /\nEND TRY\nBEGIN CATCH\nIF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;\nSELECT -1 AS \[__bfx_step\], 0 AS \[__bfx_changed\];\nTHROW;\nEND CATCH;$/,
    );
    // BEGIN and COMMIT stand in the batch, never inside sp_executesql (error 266).
    expect(text.indexOf('BEGIN TRANSACTION')).toBeGreaterThan(text.indexOf('BEGIN TRY'));
    expect(text.indexOf('COMMIT TRANSACTION')).toBeLessThan(text.indexOf('END TRY'));
  });

  it('runs each statement through sp_executesql with the values it names, typed; each value declared once', () => {
    expect(text).toContain(
      `DECLARE @v0 NVARCHAR(500) = N'O''Brien',\n  @v1 BIGINT = 12,\n  @v2 NVARCHAR(MAX) = N'["12","13"]';`,
    );
    expect(text).toContain(
      "EXEC sys.sp_executesql N'SELECT @PackageName AS x;', N'@PackageName NVARCHAR(500)',\n  @PackageName = @v0;",
    );
    expect(text).toContain(
      "EXEC sys.sp_executesql N'SELECT @ExecutionID AS id, @PackageName AS n;', N'@ExecutionID BIGINT, @PackageName NVARCHAR(500)',\n  @ExecutionID = @v1,\n  @PackageName = @v0;",
    );
    // A write that counts what it changed: @changed, an OUTPUT parameter, reported in its marker.
    expect(text).toContain(
      "N'@ExecutionIDs NVARCHAR(MAX), @changed INT OUTPUT',\n  @ExecutionIDs = @v2,\n  @changed = @__changed OUTPUT;",
    );
    expect(text).toContain('SET @__changed = 0;\nEXEC sys.sp_executesql');
    expect(text).toContain('SELECT 3 AS [__bfx_step], @__changed AS [__bfx_changed];');
  });

  it('gives a migration its DDL as it is, and the report a snapshot where the database allows one', () => {
    const migration = requestText([
      { kind: 'begin', mode: 'migrate' },
      { kind: 'ddl', text: "EXEC (N'CREATE SCHEMA [bfx]');" },
    ]);
    expect(migration).toContain("/* 1: DDL */\nEXEC sys.sp_executesql N'EXEC (N''CREATE SCHEMA [bfx]'');';");
    const report = requestText([{ kind: 'begin', mode: 'snapshot' }]);
    expect(report).toContain(
      'AND snapshot_isolation_state = 1)\n  SET TRANSACTION ISOLATION LEVEL SNAPSHOT;\nBEGIN TRANSACTION;',
    );
  });

  it('refuses a statement naming a value it was not given, rather than send it', () => {
    expect(() => requestText([statement('NOW', 'SELECT @Missing;')])).toThrow(/No value was given for @Missing/);
  });
});

describe('SQL Server requests: the answers of a batch, step by step', () => {
  const marker = (step: number, changed = 0) => ({
    columns: ['__bfx_step', '__bfx_changed'],
    rows: [{ __bfx_step: step, __bfx_changed: changed }],
  });
  const rows = (...values: number[]) => ({ columns: ['x'], rows: values.map((x) => ({ x })) });

  it('gives each step the rows before its marker (none for a step that returned none) and the rows it changed', () => {
    expect(answersOf([marker(0), rows(1, 2), marker(1), marker(2, 3), rows(), marker(3)])).toEqual({
      answers: [
        { rows: [], changed: 0 },
        { rows: [{ x: 1 }, { x: 2 }], changed: 0 },
        { rows: [], changed: 3 },
        { rows: [], changed: 0 },
      ],
      rolledBack: false,
    });
  });

  it('knows the CATCH rolled back by its marker: the steps after the last marker failed', () => {
    expect(answersOf([marker(0), rows(1), marker(-1)])).toEqual({
      answers: [{ rows: [], changed: 0 }],
      rolledBack: true,
    });
  });
});

describe('SQL Server requests: values reach the text only as literals of their type', () => {
  it('doubles quotes and writes control characters as NCHAR(n)', () => {
    expect(unicodeLiteral("it's")).toBe("N'it''s'");
    expect(unicodeLiteral('a\u0000b\tc\n')).toBe("N'a' + NCHAR(0) + N'b\tc\n'");
    expect(unicodeLiteral('')).toBe("N''");
    expect(literalOf('NVARCHAR(MAX)', '😀', 'Detail')).toBe("N'😀'");
  });

  it('keeps a long text in parts whole: its first part is NVARCHAR(MAX), or + would cut it at 4,000 characters', () => {
    // An error message of a log with colours: ESC (27) between two halves, 6,001 characters in all.
    const message = `${'a'.repeat(3000)}\u001b${'b'.repeat(3000)}`;
    expect(literalOf('NVARCHAR(MAX)', message, 'ErrorMessage')).toBe(
      `CAST(N'${'a'.repeat(3000)}' AS NVARCHAR(MAX)) + NCHAR(27) + N'${'b'.repeat(3000)}'`,
    );
    const text = requestText([statement('FINISH_EXECUTION', 'SELECT @ErrorMessage AS m;', { ErrorMessage: message })]);
    expect(text).toContain(
      `DECLARE @v0 NVARCHAR(MAX) = CAST(N'${'a'.repeat(3000)}' AS NVARCHAR(MAX)) + NCHAR(27) + N'b`,
    );
    // Up to 4,000 characters, + keeps them all: no cast.
    expect(unicodeLiteral(`${'a'.repeat(3999)}\u001b`)).toBe(`N'${'a'.repeat(3999)}' + NCHAR(27)`);
    expect(unicodeLiteral(`\u0001${'a'.repeat(4000)}`)).toBe(
      `CAST(NCHAR(1) AS NVARCHAR(MAX)) + N'${'a'.repeat(4000)}'`,
    );
    // One literal alone is NVARCHAR(MAX) when it is longer: nothing to cast.
    expect(unicodeLiteral('a'.repeat(5000))).toBe(`N'${'a'.repeat(5000)}'`);
  });

  it('writes numbers, IDs and flags as what they are, NULL as NULL', () => {
    expect(literalOf('BIGINT', '9223372036854775807', 'ExecutionID')).toBe('9223372036854775807');
    expect(literalOf('INT', 7, 'PackageID')).toBe('7');
    expect(literalOf('INT', -(2 ** 31), 'Limit')).toBe('-2147483648');
    expect(literalOf('BIGINT', '-9223372036854775808', 'AfterAuditID')).toBe('-9223372036854775808');
    expect(literalOf('BIT', true, 'IsBatch')).toBe('1');
    expect(literalOf('CHAR(1)', 'S', 'ExecutionStatus')).toBe("N'S'");
    expect(literalOf('NVARCHAR(500)', null, 'PackageName')).toBe('NULL');
  });

  it('refuses a value that does not fit its type rather than let a DECLARE cut it', () => {
    expect(() => literalOf('INT', 2 ** 31, 'PackageID')).toThrow(/does not fit/);
    expect(() => literalOf('INT', -(2 ** 31) - 1, 'PackageID')).toThrow(/does not fit/);
    expect(() => literalOf('BIGINT', '-9223372036854775809', 'ExecutionID')).toThrow(/does not fit/);
    expect(() => literalOf('BIGINT', '1; DROP TABLE x', 'ExecutionID')).toThrow(/does not fit/);
    expect(() => literalOf('BIGINT', '9223372036854775808', 'ExecutionID')).toThrow(/does not fit/);
    expect(() => literalOf('BIT', 'yes', 'IsBatch')).toThrow(/does not fit/);
    expect(() => literalOf('CHAR(1)', 'é', 'ExecutionStatus')).toThrow(/does not fit/);
    const long = () => literalOf('NVARCHAR(800)', 'k'.repeat(801), 'RunKey');
    expect(long).toThrow(BfxError);
    expect(long).toThrow(/^A value of RunKey is 801 characters long, more than the 800 the SQL Server catalog keeps/);
  });
});
