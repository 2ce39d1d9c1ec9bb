import { describe, expect, it } from 'vitest';
import { parseRowCounts, parseVariables } from '../src/parse-load-files.js';

describe('high-water marks: NAME=VALUE lines', () => {
  it('keeps values exactly, the last line for a name winning, blank lines ignored', () => {
    const text =
      'LastLoadDate=2026-01-01\r\n\nQuote="it\'s"; DROP\nLastLoadDate=2026-02-01 00:00\nEq=a=b\nUni=Łódź 🚀\n';
    expect(Object.fromEntries(parseVariables(text, 'BFX_VARIABLES'))).toEqual({
      LastLoadDate: '2026-02-01 00:00',
      Quote: '"it\'s"; DROP',
      Eq: 'a=b',
      Uni: 'Łódź 🚀',
    });
    expect(parseVariables('Long=' + 'x'.repeat(100_000), 'x').get('Long')).toHaveLength(100_000);
  });

  it.each(['no equals sign', '=value without a name', `${'n'.repeat(129)}=1`])(
    'refuses %j with one sentence naming the line',
    (bad) => {
      expect(() => parseVariables(`A=1\n${bad}\n`, 'BFX_VARIABLES')).toThrow(
        /^Line 2 of BFX_VARIABLES \(".*"\) is not NAME=VALUE .*so no variable was stored: write one NAME=VALUE per line\.$/,
      );
    },
  );
});

describe('row counts: OBJECT:COUNTTYPE=N lines', () => {
  it('splits at the last colon, a later line for the same object and type replacing the earlier', () => {
    const text = 'dbo.Customer:Insert=120\nserver:db.dbo.Order:Update=7\ndbo.Customer:Insert=121\ndbo.Customer:Error=0';
    expect(parseRowCounts(text, 'BFX_ROW_COUNTS')).toEqual([
      { objectName: 'dbo.Customer', countType: 'Insert', rowCount: 121 },
      { objectName: 'server:db.dbo.Order', countType: 'Update', rowCount: 7 },
      { objectName: 'dbo.Customer', countType: 'Error', rowCount: 0 },
    ]);
  });

  it.each([
    'dbo.Customer=5',
    'dbo.Customer:Insert=-1',
    'dbo.Customer:Insert=1.5',
    ':Insert=3',
    'dbo.X:=3',
    'dbo.X:Insert=',
  ])('refuses %j with one sentence naming the line', (bad) => {
    expect(() => parseRowCounts(`a:Select=1\n${bad}`, 'the row-counts input')).toThrow(
      /^Line 2 of the row-counts input \(".*"\) is not OBJECT:COUNTTYPE=N with N a whole number >= 0, so no row count was stored/,
    );
  });
});
