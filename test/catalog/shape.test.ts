import { describe, expect, it } from 'vitest';
import { TABLE_VERSIONS } from '../../src/catalog/catalog.js';
import { judgeCatalog, type FoundColumn, type TableShape, type TypeKind } from '../../src/catalog/shape.js';
import { VERSIONS as SQLITE_VERSIONS, typeKind as sqliteTypeKind } from '../../src/catalog/sqlite/schema.js';

const V1: TableShape[] = [
  { table: 'Package', columns: { PackageID: 'integer', PackageName: 'text' } },
  { table: 'Execution', columns: { ExecutionID: 'integer', PackageID: 'integer', EndTime: 'timestamp' } },
];
const V2: TableShape[] = [
  { table: 'Package', columns: { PackageID: 'integer', PackageName: 'text', IsBatch: 'boolean' } },
  V1[1],
  { table: 'RowCount', columns: { ExecutionID: 'integer', RowCount: 'integer' } },
];
const VERSIONS = [V1, V2];
const FIX = 'choose another catalog-schema.';

const columnsOf = (shapes: TableShape[]): FoundColumn[] =>
  shapes.flatMap((shape) =>
    Object.entries(shape.columns).map(([column, kind]) => ({
      table: shape.table,
      column,
      kind: kind === 'letter' ? 'text' : kind,
    })),
  );
const judge = (columns: FoundColumn[], recordedVersion: number | null = null) =>
  judgeCatalog({ columns, recordedVersion }, VERSIONS, 'schema bfx', FIX);

describe('judging what a catalog holds', () => {
  it('finds an empty catalog, and our tables at their recorded version', () => {
    expect(judge([])).toEqual({ kind: 'empty' });
    expect(judge(columnsOf(V2), 2)).toEqual({ kind: 'version', version: 2 });
  });

  it('takes our first tables without a recorded version as version 1, ready to upgrade', () => {
    expect(judge(columnsOf(V1))).toEqual({ kind: 'version', version: 1 });
  });

  it('welcomes columns of its own that a user added, and matches names in any case', () => {
    const columns = [...columnsOf(V2), { table: 'package', column: 'Owner', kind: 'text' as const }].map((c) => ({
      ...c,
      column: c.column.toLowerCase(),
    }));
    expect(judge(columns, 2)).toEqual({ kind: 'version', version: 2 });
  });

  it('refuses a table of our name in another shape, naming it and what is wrong', () => {
    const foreign: FoundColumn[] = [
      { table: 'Package', column: 'PackageID', kind: 'integer' },
      { table: 'Package', column: 'PackageName', kind: 'integer' },
      { table: 'Execution', column: 'ExecutionID', kind: 'integer' },
    ];
    expect(() => judge(foreign)).toThrow(
      'The table Package in schema bfx is not a bfx-begin table (PackageName is not text), so nothing was created, altered or written: choose another catalog-schema.',
    );
  });

  it('refuses a foreign table that an upgrade would write into', () => {
    const bimlRowCount: FoundColumn[] = [{ table: 'RowCount', column: 'RowCountID', kind: 'integer' }];
    expect(() => judge([...columnsOf(V1), ...bimlRowCount])).toThrow(
      /The table RowCount .*ExecutionID is missing, RowCount is missing/,
    );
    expect(() => judge(bimlRowCount)).toThrow(/The table RowCount/);
  });

  it('refuses a catalog newer than this release, and one missing a table of its version', () => {
    expect(() => judge(columnsOf(V2), 3)).toThrow(/at version 3, newer than the version 2 this bfx-begin knows/);
    expect(() => judge(columnsOf([V2[0], V2[1]]), 2)).toThrow(/at version 2 but has no table RowCount/);
  });

  it('refuses an object of a table name of ours that is no table, naming it', () => {
    expect(() =>
      judgeCatalog(
        { columns: [], recordedVersion: null, others: [{ name: 'execution', kind: 'view' }] },
        VERSIONS,
        'schema bfx',
        FIX,
      ),
    ).toThrow(
      'The view execution in schema bfx has the name of a bfx-begin table, so nothing was created, altered or written: choose another catalog-schema.',
    );
  });

  it('refuses a user column NOT NULL without a default, naming it; our own required columns are not it', () => {
    const inspection = (required: { table: string; column: string }[]) => ({
      columns: columnsOf(V2),
      recordedVersion: 2,
      required,
    });
    expect(
      judgeCatalog(inspection([{ table: 'Package', column: 'packagename' }]), VERSIONS, 'schema bfx', FIX),
    ).toEqual({ kind: 'version', version: 2 });
    expect(() =>
      judgeCatalog(inspection([{ table: 'execution', column: 'BatchLabel' }]), VERSIONS, 'schema bfx', FIX),
    ).toThrow(
      'The table Execution in schema bfx has a column BatchLabel that is NOT NULL without a default, so bfx-begin cannot insert its rows and nothing was written: give BatchLabel a default, or let it be NULL.',
    );
  });

  describe('fixed-length text (CHAR(n) pads every value with spaces)', () => {
    const judgeOurs = (columns: FoundColumn[], version: number) =>
      judgeCatalog({ columns, recordedVersion: version === 1 ? null : version }, TABLE_VERSIONS, 'schema bfx', FIX);
    /** Our tables of a version as PostgreSQL and SQL Server make them: the status letters CHAR(1), other text VARCHAR. */
    const madeByUs = (version: number): FoundColumn[] =>
      TABLE_VERSIONS[version - 1].flatMap((shape) =>
        Object.entries(shape.columns).map(([column, kind]) => ({
          table: shape.table,
          column,
          kind: kind === 'letter' ? ('fixed-length text' as const) : kind,
        })),
      );
    const versions = TABLE_VERSIONS.map((_, i) => i + 1);

    it('takes fixed-length text in the status letters only: ExecutionStatus and NextLoadStatus', () => {
      const letters = TABLE_VERSIONS.flat().flatMap((shape) =>
        Object.entries(shape.columns).flatMap(([column, kind]) =>
          kind === 'letter' ? [`${shape.table}.${column}`] : [],
        ),
      );
      expect([...new Set(letters)]).toEqual(['Execution.ExecutionStatus', 'Execution.NextLoadStatus']);
      for (const version of versions) {
        expect(judgeOurs(madeByUs(version), version)).toEqual({ kind: 'version', version });
        // The letters as VARCHAR (a catalog made by hand, SQLite's TEXT) are welcome as before.
        expect(judgeOurs(columnsOf(TABLE_VERSIONS[version - 1]), version)).toEqual({ kind: 'version', version });
      }
    });

    it('refuses it in every other text column of every table, version by version, in the sentence of a foreign table', () => {
      let refused = 0;
      for (const version of versions) {
        for (const shape of TABLE_VERSIONS[version - 1]) {
          for (const [column, kind] of Object.entries(shape.columns)) {
            if (kind !== 'text') continue;
            const columns = madeByUs(version).map((c) =>
              c.table === shape.table && c.column === column ? { ...c, kind: 'fixed-length text' as const } : c,
            );
            expect(() => judgeOurs(columns, version)).toThrow(
              `The table ${shape.table} in schema bfx is not a bfx-begin table (${column} is fixed-length text, which pads every value with spaces), so nothing was created, altered or written: ${FIX}`,
            );
            refused += 1;
          }
        }
      }
      // Version 1: PackageName and Execution's 10 text columns (RunKey, ErrorMessage, the 8 of the run's
      // context); versions 2-4 add VariableName, VariableValue, PreviousValue, ObjectName, CountType,
      // Action, Detail and Actor (19 each).
      expect(refused).toBe(11 + 3 * 19);
    });

    it('names a status letter of another kind as not text, and every wrong column of a table', () => {
      const columns = madeByUs(4).map((c): FoundColumn => {
        if (c.table !== 'Execution') return c;
        const kinds: Record<string, TypeKind> = { ExecutionStatus: 'integer', RunKey: 'fixed-length text' };
        return { ...c, kind: kinds[c.column] ?? c.kind };
      });
      expect(() => judgeOurs(columns, 4)).toThrow(
        `The table Execution in schema bfx is not a bfx-begin table (ExecutionStatus is not text, RunKey is fixed-length text, which pads every value with spaces), so nothing was created, altered or written: ${FIX}`,
      );
    });

    it('leaves SQLite as it was: no fixed-length type there, a declared CHAR(n) is text and every text column takes it', () => {
      expect(['CHAR(1)', 'CHAR(800)', 'NCHAR(10)', 'char', 'TEXT', 'VARCHAR(128)'].map(sqliteTypeKind)).toEqual(
        Array(6).fill('text'),
      );
      const kinds = new Set(SQLITE_VERSIONS.flat().flatMap((shape) => Object.values(shape.columns)));
      expect(kinds).toEqual(new Set(['integer', 'text']));
      for (const version of versions) {
        const declaredChar = columnsOf(SQLITE_VERSIONS[version - 1]).map((c) =>
          c.kind === 'text' ? { ...c, kind: sqliteTypeKind('CHAR(800)') } : c,
        );
        expect(
          judgeCatalog(
            { columns: declaredChar, recordedVersion: version === 1 ? null : version },
            SQLITE_VERSIONS,
            'the SQLite file f',
            FIX,
          ),
        ).toEqual({ kind: 'version', version });
      }
    });
  });
});
