import { describe, expect, it } from 'vitest';
import { judgeCatalog, type FoundColumn, type TableShape } from '../../src/catalog/shape.js';

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
    Object.entries(shape.columns).map(([column, kind]) => ({ table: shape.table, column, kind })),
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
});
