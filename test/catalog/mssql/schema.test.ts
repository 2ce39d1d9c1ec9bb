/**
 * The SQL Server catalog's tables without a server: what inspect() reads and how its type names
 * feed shape.ts (the tables the migration creates are judged ours, at the right version; the first
 * release's tables are version 1; a BimlCatalog-like pair is refused), and what each migration
 * step creates, guarded, in the catalog's schema.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_VERSION, TABLE_VERSIONS } from '../../../src/catalog/catalog.js';
import { INSPECT, VERSIONS, catalogSchema, schemaNames, typeKind } from '../../../src/catalog/mssql/schema.js';
import { judgeCatalog, type Inspection } from '../../../src/catalog/shape.js';
import type { Answer } from '../../../src/catalog/sql/driver.js';
import { FIRST_RELEASE_MSSQL } from '../../support/first-release.js';

type Row = Record<string, unknown>;
/** The tables of our names, in any version. */
const TABLE_NAMES = [...new Set(TABLE_VERSIONS.flat().map((shape) => shape.table))];
const WHERE = 'schema bfx of the SQL Server catalog db/Catalog';
const FIX = 'choose another catalog-schema.';

/** The SQL inside the EXEC (N'...') calls of a text, unquoted. */
const executed = (text: string) =>
  [...text.matchAll(/EXEC \(N'((?:[^']|'')*)'(?: \+ @online)?\);/g)].map(([, body]) => body.replace(/''/g, "'"));

/**
 * The rows inspect's first result set would hold for tables made by this DDL: each column with
 * its system type's name, as sys.columns / sys.types report them.
 */
function columnsOf(ddl: string[]): Row[] {
  const rows: Row[] = [];
  for (const statement of ddl) {
    const table = /^CREATE TABLE (?:\[?\w+\]?)\.\[?(\w+)\]?\s*\(/.exec(statement);
    if (table) {
      for (const line of statement.split('\n').slice(1)) {
        const column = /^\s+\[?(\w+)\]?\s+([A-Z]+\d*)\b/.exec(line);
        if (column && column[1] !== 'CONSTRAINT') {
          rows.push({ tableName: table[1], columnName: column[1], typeName: column[2].toLowerCase() });
        }
      }
    }
    const added = /^ALTER TABLE \[?\w+\]?\.\[?(\w+)\]? ADD (\w+) ([A-Z]+\d*)/.exec(statement);
    if (added) rows.push({ tableName: added[1], columnName: added[2], typeName: added[3].toLowerCase() });
  }
  return rows;
}

const schema = catalogSchema('bfx', 'db/Catalog');
/** INSPECT's answer: one row, each list as JSON text (null for none, as FOR JSON answers an empty one). */
function inspectAnswer(found: {
  schema?: boolean;
  columns?: Row[];
  others?: Row[];
  required?: Row[];
  indexes?: Row[];
  constraints?: Row[];
}): Answer {
  const json = (rows: Row[] | undefined) => (rows && rows.length > 0 ? JSON.stringify(rows) : null);
  return {
    rows: [
      {
        schemas: (found.schema ?? true) ? JSON.stringify([{ name: 'bfx' }]) : null,
        columns: json(found.columns?.map((c) => ({ table: c.tableName, column: c.columnName, type: c.typeName }))),
        required: json(found.required?.map((c) => ({ table: c.tableName, column: c.columnName }))),
        others: json(found.others?.map((o) => ({ name: o.objectName, kind: o.objectType }))),
        indexes: json(found.indexes),
        constraints: json(found.constraints),
      },
    ],
    changed: 0,
  };
}
/** What the core reads of a catalog: INSPECT's answer [columns, version, others, required], and RECORDED_VERSION's. */
const inspectionOf = (sets: Row[][]): Inspection => ({
  ...schema.inspection(inspectAnswer({ columns: sets[0], others: sets[2], required: sets[3] })),
  recordedVersion: (sets[1]?.[0]?.version as number | null | undefined) ?? null,
});
const EMPTY = inspectAnswer({ schema: false });
/** The DDL of the steps from a version, as one text, and what each creates. */
const migrationText = (from: number, found: Answer = EMPTY) =>
  schema
    .migration(from, found)
    .map((step) => step.text)
    .join('\n');
const labels = (from: number, found: Answer = EMPTY) => schema.migration(from, found).map((step) => step.creates);

const judge = (columns: Row[], version: number | null) =>
  judgeCatalog(inspectionOf([columns, [{ version }]]), VERSIONS, WHERE, FIX);

describe('inspect: what SQL Server reports, judged by shape.ts', () => {
  it('reads the columns of the tables of our names in the schema, in one row of JSON lists from catalog views', () => {
    const text = INSPECT(schemaNames('bfx'));
    expect(text).toMatch(
      /FROM sys\.tables o JOIN sys\.columns c ON c\.object_id = o\.object_id\s+LEFT JOIN sys\.types t/,
    );
    expect(text).toContain("WHERE o.schema_id = SCHEMA_ID(N'bfx') AND o.name IN (");
    for (const table of TABLE_NAMES) expect(text).toContain(`N'${table}'`);
    expect(text.match(/FOR JSON PATH/g)).toHaveLength(6);
    // The schema as a list of one when it exists; a clustered index as a JSON boolean.
    expect(text).toContain("(SELECT s.name AS [name] FROM sys.schemas s WHERE s.schema_id = SCHEMA_ID(N'bfx')");
    expect(text).toContain('CAST(IIF(i.type = 1, 1, 0) AS BIT) AS [clustered]');
    expect(text).not.toMatch(/CatalogVersion\]/);
    expect(INSPECT(schemaNames('bfxgh'))).toContain("SCHEMA_ID(N'bfxgh')");
  });

  it('maps SQL Server type names onto the kinds of shape.ts (timestamp is rowversion there, not a time)', () => {
    expect(['int', 'bigint', 'smallint', 'tinyint'].map(typeKind)).toEqual(Array(4).fill('integer'));
    expect(['nvarchar', 'varchar', 'ntext', 'text', 'NVARCHAR'].map(typeKind)).toEqual(Array(5).fill('text'));
    // Fixed-length: padded with spaces to the column's length, taken by the status letters only (shape.ts).
    expect(['nchar', 'char', 'NCHAR'].map(typeKind)).toEqual(Array(3).fill('fixed-length text'));
    expect(typeKind('bit')).toBe('boolean');
    expect(['datetime2', 'datetime', 'smalldatetime', 'DATETIME2'].map(typeKind)).toEqual(Array(4).fill('timestamp'));
    expect(['timestamp', 'datetimeoffset', 'uniqueidentifier', 'decimal', null, undefined].map(typeKind)).toEqual(
      Array(6).fill(null),
    );
  });

  it('reads the objects of our names that are no tables, and the columns an insert must fill', () => {
    const text = INSPECT(schemaNames('bfx'));
    expect(text).toContain('SELECT o.name AS [name], RTRIM(o.type) AS [kind] FROM sys.objects o WHERE');
    expect(text).toContain("AND o.type <> 'U'");
    expect(text).toContain(
      '      AND c.is_nullable = 0 AND c.default_object_id = 0 AND c.is_identity = 0 AND c.is_computed = 0\n' +
        "      AND c.system_type_id <> 189 AND ISNULL(COLUMNPROPERTY(c.object_id, c.name, 'GeneratedAlwaysType'), 0) = 0",
    );
  });

  it('refuses an object of a table name of ours that is no table, in the sentence of every engine', () => {
    const inspect = (others: Row[]) => () =>
      judgeCatalog(inspectionOf([[], [{ version: null }], others, []]), VERSIONS, WHERE, FIX);
    expect(inspect([{ objectName: 'Execution', objectType: 'V' }])).toThrow(
      /^The view Execution in schema bfx of the SQL Server catalog db\/Catalog has the name of a bfx-begin table, so nothing was created, altered or written: choose another catalog-schema\.$/,
    );
    expect(inspect([{ objectName: 'Package', objectType: 'SN' }])).toThrow(/^The synonym Package in /);
    expect(inspect([{ objectName: 'RowCount', objectType: 'SO' }])).toThrow(/^The sequence RowCount in /);
    expect(inspect([{ objectName: 'AuditLog', objectType: 'PK' }])).toThrow(/^The primary key constraint AuditLog in /);
    expect(inspect([{ objectName: 'AuditLog', objectType: 'SQ' }])).toThrow(/^The object AuditLog in /);
  });

  it('refuses a column of its own NOT NULL without a default, naming it; ours and a current catalog pass', () => {
    const columns = columnsOf(executed(migrationText(0)));
    const judged = (required: Row[]) =>
      judgeCatalog(inspectionOf([columns, [{ version: CATALOG_VERSION }], [], required]), VERSIONS, WHERE, FIX);
    expect(() => judged([{ tableName: 'Package', columnName: 'BatchLabel' }])).toThrow(
      /^The table Package in schema bfx of the SQL Server catalog db\/Catalog has a column BatchLabel that is NOT NULL without a default, so bfx-begin cannot insert its rows and nothing was written: give BatchLabel a default, or let it be NULL\.$/,
    );
    // Our own NOT NULL columns are filled by every insert of ours.
    expect(judged([{ tableName: 'Package', columnName: 'PackageName' }])).toEqual({
      kind: 'version',
      version: CATALOG_VERSION,
    });
  });

  it('reads no rows as an empty catalog, and a missing version as none', () => {
    expect(inspectionOf([])).toEqual({ columns: [], recordedVersion: null, others: [], required: [] });
    expect(schema.inspection({ rows: [], changed: 0 })).toEqual({ columns: [], others: [], required: [] });
    expect(judge([], null)).toEqual({ kind: 'empty' });
  });

  it('judges the tables the migration creates as this version, and CatalogVersion holding it', () => {
    const columns = columnsOf(executed(migrationText(0)));
    expect(new Set(columns.map((c) => c.tableName))).toEqual(new Set(TABLE_NAMES));
    expect(judge(columns, CATALOG_VERSION)).toEqual({ kind: 'version', version: CATALOG_VERSION });
  });

  it("judges the first release's tables as version 1, and upgrading them adds exactly version 2's", () => {
    const first = columnsOf(FIRST_RELEASE_MSSQL.split(/;\n(?=CREATE|EXEC)/));
    expect(new Set(first.map((c) => c.tableName))).toEqual(new Set(['Package', 'Execution']));
    expect(judge(first, null)).toEqual({ kind: 'version', version: 1 });
    const upgraded = [...first, ...columnsOf(executed(migrationText(1)))];
    expect(judge(upgraded, 2)).toEqual({ kind: 'version', version: 2 });
  });

  it('refuses a BimlCatalog-like Package / Execution pair, naming what is missing', () => {
    // As sys.columns reports foreignTables() of test/support/first-release.ts on SQL Server.
    const foreign: Row[] = [
      { tableName: 'Package', columnName: 'PackageID', typeName: 'int' },
      { tableName: 'Package', columnName: 'PackageName', typeName: 'nvarchar' },
      { tableName: 'Package', columnName: 'ProjectID', typeName: 'int' },
      { tableName: 'Execution', columnName: 'ExecutionID', typeName: 'int' },
      { tableName: 'Execution', columnName: 'PackageID', typeName: 'int' },
      { tableName: 'Execution', columnName: 'ExecutionStatus', typeName: 'nvarchar' },
    ];
    expect(() => judge(foreign, null)).toThrow(
      /^The table Package in schema bfx of the SQL Server catalog db\/Catalog is not a bfx-begin table \(IsEnabled is missing, RetryLimit is missing, CreatedTime is missing\), so nothing was created, altered or written: choose another catalog-schema\.$/,
    );
  });

  it('takes CHAR(1) status letters, and refuses an NCHAR or CHAR RunKey or name: padded, it never compares equal again', () => {
    const ours = columnsOf(executed(migrationText(0)));
    const letters = ours.filter((c) => c.typeName === 'char').map((c) => c.columnName);
    expect(letters).toEqual(['ExecutionStatus', 'NextLoadStatus']);
    const retyped = (table: string, column: string, typeName: string) =>
      ours.map((c) => (c.tableName === table && c.columnName === column ? { ...c, typeName } : c));
    expect(() => judge(retyped('Execution', 'RunKey', 'nchar'), CATALOG_VERSION)).toThrow(
      /^The table Execution in schema bfx of the SQL Server catalog db\/Catalog is not a bfx-begin table \(RunKey is fixed-length text, which pads every value with spaces\), so nothing was created, altered or written: choose another catalog-schema\.$/,
    );
    expect(() => judge(retyped('Package', 'PackageName', 'char'), CATALOG_VERSION)).toThrow(
      /^The table Package .* \(PackageName is fixed-length text, which pads every value with spaces\)/,
    );
    expect(() => judge(retyped('ConfigVariable', 'VariableName', 'nchar'), CATALOG_VERSION)).toThrow(
      /^The table ConfigVariable .* \(VariableName is fixed-length text/,
    );
    // The letters NCHAR or VARCHAR, as a hand-made catalog may have them, are welcome.
    expect(judge(retyped('Execution', 'ExecutionStatus', 'nchar'), CATALOG_VERSION)).toEqual({
      kind: 'version',
      version: CATALOG_VERSION,
    });
    expect(judge(retyped('Execution', 'NextLoadStatus', 'varchar'), CATALOG_VERSION)).toEqual({
      kind: 'version',
      version: CATALOG_VERSION,
    });
    // The first release's tables, with a CHAR RunKey: refused before any upgrade.
    const first = columnsOf(FIRST_RELEASE_MSSQL.split(/;\n(?=CREATE|EXEC)/)).map((c) =>
      c.columnName === 'RunKey' ? { ...c, typeName: 'char' } : c,
    );
    expect(() => judge(first, null)).toThrow(/^The table Execution .* \(RunKey is fixed-length text/);
  });

  it('refuses a column of ours in a type of another kind, and a catalog newer than this release', () => {
    const columns = columnsOf(executed(migrationText(0))).map((c) =>
      c.tableName === 'Execution' && c.columnName === 'EndTime' ? { ...c, typeName: 'timestamp' } : c,
    );
    expect(() => judge(columns, 3)).toThrow(/The table Execution .* \(EndTime is not timestamp\)/);
    expect(() => judge([], 5)).toThrow(/at version 5, newer than the version 4/);
  });
});

const VERSION_3 = [
  'index IX_Execution_Package_Status',
  'index IX_Execution_Package_Ended',
  'index IX_AuditLog_Execution',
  'index CX_RowCount_Execution',
  'constraint CK_Execution_EndTime',
  'constraint CK_Execution_RetryCount',
];
const VERSION_4 = ['nullable column AuditLog.PackageID'];

describe('migrate: the steps', () => {
  it('creates everything from nothing, each object guarded by a test that it is missing', () => {
    expect(labels(0)).toEqual([
      'schema bfx',
      'table Package',
      'table Execution',
      'index IX_Execution_Package_RunKey',
      'index IX_Execution_Package_Latest',
      'index UX_Execution_Package_Active',
      'table CatalogVersion',
      'column Package.IsBatch',
      'index IX_Execution_Parent',
      'table ConfigVariable',
      'table RowCount',
      'table AuditLog',
      'index IX_AuditLog_Package',
      ...VERSION_3,
      ...VERSION_4,
    ]);
    const text = migrationText(0);
    expect(text.match(/^IF /gm)).toHaveLength(20);
    expect(text).toContain("IF SCHEMA_ID(N'bfx') IS NULL");
    expect(text).toContain("IF OBJECT_ID(N'[bfx].[Package]', N'U') IS NULL");
    expect(text).toContain("IF COL_LENGTH(N'[bfx].[Package]', N'IsBatch') IS NULL");
    expect(text).toContain(
      "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[bfx].[Execution]', N'U') AND name = N'IX_Execution_Parent')",
    );
    expect(executed(text)).toContain('CREATE SCHEMA [bfx]');
  });

  it('leaves out what INSPECT shows is there: a schema a DBA made, a table, an index, a clustered RowCount', () => {
    const found = inspectAnswer({
      columns: [
        { tableName: 'Package', columnName: 'PackageID', typeName: 'int' },
        { tableName: 'RowCount', columnName: 'ExecutionID', typeName: 'bigint' },
        { tableName: 'AuditLog', columnName: 'PackageID', typeName: 'int' },
      ],
      required: [{ tableName: 'AuditLog', columnName: 'PackageID' }],
      indexes: [
        { table: 'Execution', name: 'IX_Execution_Package_RunKey', clustered: false },
        { table: 'RowCount', name: 'CX_Other', clustered: true },
      ],
      constraints: [{ name: 'CK_Execution_EndTime' }],
    });
    const created = labels(0, found);
    expect(created).not.toContain('schema bfx');
    expect(created).not.toContain('table Package');
    expect(created).not.toContain('index IX_Execution_Package_RunKey');
    expect(created).not.toContain('index CX_RowCount_Execution');
    expect(created).not.toContain('constraint CK_Execution_EndTime');
    // Still NOT NULL: made nullable.
    expect(created).toContain('nullable column AuditLog.PackageID');
    const nullable = inspectAnswer({ columns: [{ tableName: 'AuditLog', columnName: 'PackageID', typeName: 'int' }] });
    expect(labels(3, nullable)).toEqual([]);
  });

  it('upgrades version 1 in place: only the new objects, the new column with a default', () => {
    expect(labels(1)).toEqual([
      'table CatalogVersion',
      'column Package.IsBatch',
      'index IX_Execution_Parent',
      'table ConfigVariable',
      'table RowCount',
      'table AuditLog',
      'index IX_AuditLog_Package',
      ...VERSION_3,
      ...VERSION_4,
    ]);
    expect(executed(migrationText(1))).toContain(
      'ALTER TABLE [bfx].[Package] ADD IsBatch BIT NOT NULL CONSTRAINT DF_Package_IsBatch DEFAULT (0)',
    );
    expect(labels(2)).toEqual([...VERSION_3, ...VERSION_4]);
    expect(labels(3)).toEqual(VERSION_4);
    expect(labels(4)).toEqual([]);
  });

  it('upgrades version 2 with indexes built online where the edition can, and the checks of Execution last', () => {
    const text = migrationText(2);
    expect(text).toContain(
      "DECLARE @online NVARCHAR(40) = CASE WHEN CAST(SERVERPROPERTY('EngineEdition') AS INT) IN (3, 5, 8)\n  THEN N' WITH (ONLINE = ON)' ELSE N'' END;",
    );
    expect(text.match(/ \+ @online\);/g)).toHaveLength(4);
    expect(executed(text)).toEqual([
      'CREATE INDEX IX_Execution_Package_Status ON [bfx].[Execution] (PackageID, ExecutionStatus, ExecutionID DESC)',
      'CREATE INDEX IX_Execution_Package_Ended ON [bfx].[Execution] (PackageID, EndTime DESC, ExecutionID DESC)',
      'CREATE INDEX IX_AuditLog_Execution ON [bfx].[AuditLog] (ExecutionID, [Action])',
      'CREATE CLUSTERED INDEX CX_RowCount_Execution ON [bfx].[RowCount] (ExecutionID)',
      "ALTER TABLE [bfx].[Execution] WITH CHECK ADD CONSTRAINT CK_Execution_EndTime CHECK (EndTime IS NOT NULL OR ExecutionStatus IN ('E', 'R', 'A'))",
      'ALTER TABLE [bfx].[Execution] WITH CHECK ADD CONSTRAINT CK_Execution_RetryCount CHECK (RetryCount >= 0)',
      [
        'ALTER TABLE [bfx].[AuditLog] DROP CONSTRAINT FK_AuditLog_Package;',
        'DROP INDEX IX_AuditLog_Package ON [bfx].[AuditLog];',
        'ALTER TABLE [bfx].[AuditLog] ALTER COLUMN PackageID INT NULL;',
        'CREATE INDEX IX_AuditLog_Package ON [bfx].[AuditLog] (PackageID, AuditID);',
        'ALTER TABLE [bfx].[AuditLog] WITH CHECK ADD CONSTRAINT FK_AuditLog_Package FOREIGN KEY (PackageID) REFERENCES [bfx].[Package] (PackageID);',
      ].join('\n'),
    ]);
    expect(text).toContain("IF COLUMNPROPERTY(OBJECT_ID(N'[bfx].[AuditLog]', N'U'), N'PackageID', N'AllowsNull') = 0");
    expect(text).toContain(
      "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[bfx].[RowCount]', N'U') AND type = 1)",
    );
    expect(text).toContain(
      "IF NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE parent_object_id = OBJECT_ID(N'[bfx].[Execution]', N'U') AND name = N'CK_Execution_EndTime')",
    );
    // The constraints are not built online: they are not indexes.
    expect(text).toMatch(
      /EXEC \(N'ALTER TABLE \[bfx\]\.\[Execution\] WITH CHECK ADD CONSTRAINT CK_Execution_RetryCount[^']*'\);/,
    );
  });

  it('writes the new tables as the spec names them, with keys SQL Server accepts', () => {
    const ddl = executed(migrationText(1)).join('\n');
    expect(ddl).toMatch(/CONSTRAINT PK_ConfigVariable PRIMARY KEY CLUSTERED \(PackageID, VariableName\)/);
    expect(ddl).toMatch(/VariableName\s+NVARCHAR\(128\)\s+NOT NULL/);
    expect(ddl).toMatch(/VariableValue\s+NVARCHAR\(MAX\)\s+NOT NULL/);
    // 8 + 800 + 256 bytes: too long for a clustered key (900), fine for another (1,700).
    expect(ddl).toMatch(/CONSTRAINT PK_RowCount PRIMARY KEY NONCLUSTERED \(ExecutionID, ObjectName, CountType\)/);
    expect(ddl).toMatch(/\[RowCount\]\s+BIGINT\s+NOT NULL CONSTRAINT CK_RowCount_RowCount CHECK \(\[RowCount\] >= 0\)/);
    expect(ddl).toMatch(/REFERENCES \[bfx\]\.\[Execution\] \(ExecutionID\)/);
    expect(ddl).toMatch(/AuditID\s+BIGINT\s+IDENTITY\(1, 1\) NOT NULL CONSTRAINT PK_AuditLog PRIMARY KEY CLUSTERED/);
    expect(ddl).toMatch(/CREATE INDEX IX_AuditLog_Package ON \[bfx\]\.\[AuditLog\] \(PackageID, AuditID\)/);
    expect(ddl).toMatch(/CREATE INDEX IX_Execution_Parent ON \[bfx\]\.\[Execution\] \(ParentExecutionID\)/);
  });

  it("builds every step in the catalog's schema", () => {
    const other = catalogSchema('bfxgh', 'db/Catalog').migration(0, EMPTY);
    const text = other.map((step) => step.text).join('\n');
    expect(text).not.toMatch(/\[bfx\]|N'bfx'/);
    expect(executed(text)).toContain('CREATE SCHEMA [bfxgh]');
    expect(other[0].creates).toBe('schema bfxgh');
  });
});
