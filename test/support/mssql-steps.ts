/**
 * Answers for the fake TDS server (fake-tds-server.ts) in the shape of the SQL Server driver's
 * requests (src/catalog/mssql/driver.ts): each step of a request is named in a comment
 * (`/* 3: LOCK_PACKAGE_EXCLUSIVE *\/`) and answered with its result set, if it has one, then its
 * marker. A step scripted to fail ends the answer: the result sets before it, the CATCH's marker,
 * then the error, as SQL Server would answer the batch.
 */
import { CATALOG_VERSION } from '../../src/catalog/catalog.js';
import { VERSIONS } from '../../src/catalog/mssql/schema.js';
import type { RequestAnswer } from './fake-tds-server.js';

type Row = Record<string, unknown>;

/** A step's answer: its rows (one result set), its rows and changed count, or the error it raises. */
export type StepAnswer = Row[] | { rows?: Row[]; changed?: number } | { error: number; message?: string };

/** The steps of a request, in order, by name (BEGIN, COMMIT, DDL, or a statement's name). */
export const stepsOf = (text: string): string[] => [...text.matchAll(/^\/\* \d+: (\w+) \*\/$/gm)].map((m) => m[1]);

/**
 * An answer made from the request: each step by its name in `script` (a list is used up one
 * answer per step of that name, the last repeating), no result set and nothing changed for the
 * others.
 */
export function byStep(script: Record<string, StepAnswer | StepAnswer[]> = {}): (text: string) => RequestAnswer {
  const used = new Map<string, number>();
  return (text) => {
    const sets: Row[][] = [];
    for (const [i, name] of stepsOf(text).entries()) {
      const scripted = script[name];
      let answer = scripted as StepAnswer | undefined;
      if (Array.isArray(scripted) && scripted.length > 0 && !isRow(scripted[0])) {
        const n = used.get(name) ?? 0;
        used.set(name, n + 1);
        answer = (scripted as StepAnswer[])[Math.min(n, scripted.length - 1)];
      }
      if (answer !== undefined && !Array.isArray(answer) && 'error' in answer) {
        sets.push([{ __bfx_step: -1, __bfx_changed: 0 }]);
        return { sets, error: answer.error, message: answer.message ?? `fake error ${answer.error}` };
      }
      const rows = answer === undefined ? undefined : Array.isArray(answer) ? answer : answer.rows;
      const changed = answer !== undefined && !Array.isArray(answer) ? (answer.changed ?? 0) : 0;
      if (rows !== undefined) sets.push(rows);
      sets.push([{ __bfx_step: i, __bfx_changed: changed }]);
    }
    return sets;
  };
}

/** A step list whose first item is a row, not a list of answers. */
const isRow = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !('error' in value) && !('rows' in value);

/** What INSPECT answers for a catalog of this release, complete, in schema bfx. */
export function currentCatalog(): Record<string, StepAnswer> {
  const columns = VERSIONS[VERSIONS.length - 1].flatMap((shape) =>
    Object.entries(shape.columns).map(([column, kind]) => ({
      table: shape.table,
      column,
      type: { integer: 'int', text: 'nvarchar', letter: 'char', boolean: 'bit', timestamp: 'datetime2' }[kind],
    })),
  );
  return {
    INSPECT: [
      {
        schemas: JSON.stringify([{ name: 'bfx' }]),
        columns: JSON.stringify(columns),
        required: null,
        others: null,
        indexes: null,
        constraints: null,
      },
    ],
    RECORDED_VERSION: [{ version: CATALOG_VERSION }],
  };
}
