/**
 * What a load reports back to the catalog, as lines of text: high-water marks (`NAME=VALUE`, from
 * the BFX_VARIABLES file, the `variables` inputs or `--var`) and row counts
 * (`OBJECT:COUNTTYPE=N`, from the BFX_ROW_COUNTS file, the `row-counts` input or `--rows`).
 * Parsing is all or nothing: a malformed line refuses the whole text with one sentence naming it.
 */
import type { RowCount } from './catalog/catalog.js';
import { COLUMN_LENGTH } from './catalog/limits.js';
import { BfxError } from './errors.js';

/**
 * The text's non-blank lines, numbered. A NUL byte refuses the whole text: PostgreSQL's text
 * cannot hold one, so it is refused here, the same on every engine, not stored by some.
 */
function lines(text: string, source: string) {
  const numbered = text.split(/\r?\n/).map((line, index) => ({ line, number: index + 1 }));
  const nul = numbered.find(({ line }) => line.includes('\0'));
  if (nul) {
    throw new BfxError(
      `Line ${nul.number} of ${source} holds a NUL byte, which no catalog column can store, so nothing the load reported was stored: ` +
        'write text lines only.',
    );
  }
  return numbered.filter(({ line }) => line.trim() !== '');
}

/** Shows a line in a message: cut when long, control characters made visible. */
function quoted(line: string): string {
  const shown = line.length > 80 ? `${line.slice(0, 77)}...` : line;
  return JSON.stringify(shown);
}

/** `NAME=VALUE` lines; the last line for a name wins. Values are kept exactly, `=` and spaces included. */
export function parseVariables(text: string, source: string): Map<string, string> {
  const variables = new Map<string, string>();
  for (const { line, number } of lines(text, source)) {
    const equals = line.indexOf('=');
    const name = equals < 0 ? '' : line.slice(0, equals).trim();
    if (equals < 0 || name === '' || name.length > COLUMN_LENGTH.variableName) {
      throw new BfxError(
        `Line ${number} of ${source} (${quoted(line)}) is not NAME=VALUE with a name of 1 to ${COLUMN_LENGTH.variableName} characters, ` +
          'so no variable was stored: write one NAME=VALUE per line.',
      );
    }
    variables.set(name, line.slice(equals + 1));
  }
  return variables;
}

/** `OBJECT:COUNTTYPE=N` lines, split at the last `:` before the last `=`; a later line for the same object and type wins. */
export function parseRowCounts(text: string, source: string): RowCount[] {
  const counts = new Map<string, RowCount>();
  for (const { line, number } of lines(text, source)) {
    const equals = line.lastIndexOf('=');
    const target = equals < 0 ? '' : line.slice(0, equals);
    const colon = target.lastIndexOf(':');
    const objectName = colon < 0 ? '' : target.slice(0, colon).trim();
    const countType = colon < 0 ? '' : target.slice(colon + 1).trim();
    const value = equals < 0 ? '' : line.slice(equals + 1).trim();
    if (
      objectName === '' ||
      countType === '' ||
      objectName.length > COLUMN_LENGTH.objectName ||
      countType.length > COLUMN_LENGTH.countType ||
      !/^\d{1,15}$/.test(value)
    ) {
      throw new BfxError(
        `Line ${number} of ${source} (${quoted(line)}) is not OBJECT:COUNTTYPE=N with N a whole number >= 0, ` +
          'so no row count was stored: write lines such as dbo.Customer:Insert=120.',
      );
    }
    counts.set(JSON.stringify([objectName, countType]), { objectName, countType, rowCount: Number(value) });
  }
  return [...counts.values()];
}
