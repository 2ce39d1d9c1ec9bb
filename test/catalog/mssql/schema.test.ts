/**
 * The SQL Server catalog's tables without a server: what inspect() reads and how its type names
 * feed shape.ts (the tables the migration creates are judged ours, at the right version; the first
 * release's tables are version 1; a BimlCatalog-like pair is refused), and what each migration
 * step creates, guarded, in the catalog's schema.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_VERSION } from '../../../src/catalog/catalog.js';
import { inspectionOf } from '../../../src/catalog/mssql/engine.js';
import * as q from '../../../src/catalog/mssql/queries.js';
import { TABLE_NAMES, VERSIONS, typeKind } from '../../../src/catalog/mssql/schema.js';
import { judgeCatalog } from '../../../src/catalog/shape.js';
import { FIRST_RELEASE_MSSQL } from '../../support/first-release.js';

type Row = Record<string, unknown>;
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

const judge = (columns: Row[], version: number | null) =>
  judgeCatalog(inspectionOf([columns, [{ version }]]), VERSIONS, WHERE, FIX);

describe('inspect: what SQL Server reports, judged by shape.ts', () => {
  const s = q.catalogStatements('bfx');

  it('reads the columns of the tables of our names in the schema, and the version only where CatalogVersion exists', () => {
    const { text, recordsets } = s.inspect;
    expect(recordsets).toBe(4);
    expect(text).toMatch(
      /FROM sys\.tables o\s+JOIN sys\.columns c ON c\.object_id = o\.object_id\s+LEFT JOIN sys\.types t/,
    );
    expect(text).toContain("WHERE o.schema_id = SCHEMA_ID(N'bfx') AND o.name IN (");
    for (const table of TABLE_NAMES) expect(text).toContain(`N'${table}'`);
    // The version: through EXEC, only when the table and an integer Version column exist; else NULL.
    expect(text).toMatch(
      /IF EXISTS \(SELECT 1 FROM sys\.columns c JOIN sys\.types t[\s\S]*OBJECT_ID\(N'\[bfx\]\.\[CatalogVersion\]', N'U'\) AND c\.name = N'Version'/,
    );
    expect(executed(text)).toEqual(['SELECT MAX(Version) AS version FROM [bfx].[CatalogVersion];']);
    expect(text).toMatch(/ELSE\s+SELECT CAST\(NULL AS INT\) AS version;\n/);
    expect(q.catalogStatements('bfxgh').inspect.text).toContain("SCHEMA_ID(N'bfxgh')");
  });

  it('maps SQL Server type names onto the kinds of shape.ts (timestamp is rowversion there, not a time)', () => {
    expect(['int', 'bigint', 'smallint', 'tinyint'].map(typeKind)).toEqual(Array(4).fill('integer'));
    expect(['nvarchar', 'varchar', 'nchar', 'char', 'ntext', 'text'].map(typeKind)).toEqual(Array(6).fill('text'));
    expect(typeKind('bit')).toBe('boolean');
    expect(['datetime2', 'datetime', 'smalldatetime', 'DATETIME2'].map(typeKind)).toEqual(Array(4).fill('timestamp'));
    expect(['timestamp', 'datetimeoffset', 'uniqueidentifier', 'decimal', null, undefined].map(typeKind)).toEqual(
      Array(6).fill(null),
    );
  });

  it('reads the objects of our names that are no tables, and the columns an insert must fill', () => {
    const { text } = s.inspect;
    const names = `o.schema_id = SCHEMA_ID(N'bfx') AND o.name IN (${TABLE_NAMES.map((t) => `N'${t}'`).join(', ')})`;
    expect(text).toContain(
      `SELECT o.name AS objectName, RTRIM(o.type) AS objectType\nFROM sys.objects o\nWHERE ${names} AND o.type <> 'U';`,
    );
    expect(text).toContain(
      `SELECT o.name AS tableName, c.name AS columnName\nFROM sys.tables o\nJOIN sys.columns c ON c.object_id = o.object_id\nWHERE ${names}\n` +
        '  AND c.is_nullable = 0 AND c.default_object_id = 0 AND c.is_identity = 0 AND c.is_computed = 0\n' +
        "  AND c.system_type_id <> 189 AND ISNULL(COLUMNPROPERTY(c.object_id, c.name, 'GeneratedAlwaysType'), 0) = 0;",
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
    const columns = columnsOf(executed(s.migration(0).text));
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
    expect(judge([], null)).toEqual({ kind: 'empty' });
  });

  it('judges the tables the migration creates as this version, and CatalogVersion holding it', () => {
    const columns = columnsOf(executed(s.migration(0).text));
    expect(new Set(columns.map((c) => c.tableName))).toEqual(new Set(TABLE_NAMES));
    expect(judge(columns, CATALOG_VERSION)).toEqual({ kind: 'version', version: CATALOG_VERSION });
  });

  it("judges the first release's tables as version 1, and upgrading them adds exactly version 2's", () => {
    const first = columnsOf(FIRST_RELEASE_MSSQL.split(/;\n(?=CREATE|EXEC)/));
    expect(new Set(first.map((c) => c.tableName))).toEqual(new Set(['Package', 'Execution']));
    expect(judge(first, null)).toEqual({ kind: 'version', version: 1 });
    const upgraded = [...first, ...columnsOf(executed(s.migration(1).text))];
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

  it('refuses a column of ours in a type of another kind, and a catalog newer than this release', () => {
    const columns = columnsOf(executed(s.migration(0).text)).map((c) =>
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
  const s = q.catalogStatements('bfx');
  const labels = (text: string) =>
    [...text.matchAll(/INSERT INTO @created \(What\) VALUES \(N'([^']*)'\);/g)].map(([, what]) => what);

  it('creates everything from nothing, each object only where it is missing, then records versions 1 to 4', () => {
    const { text, recordsets } = s.migration(0);
    expect(recordsets).toBe(1);
    expect(labels(text)).toEqual([
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
    expect(text.match(/^IF /gm)).toHaveLength(20);
    expect(text).toContain("IF SCHEMA_ID(N'bfx') IS NULL");
    expect(text).toContain("IF OBJECT_ID(N'[bfx].[Package]', N'U') IS NULL");
    expect(text).toContain("IF COL_LENGTH(N'[bfx].[Package]', N'IsBatch') IS NULL");
    expect(text).toContain(
      "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE object_id = OBJECT_ID(N'[bfx].[Execution]', N'U') AND name = N'IX_Execution_Parent')",
    );
    const body = executed(text);
    expect(body).toContain('CREATE SCHEMA [bfx]');
    expect(body).toContain(
      'IF NOT EXISTS (SELECT 1 FROM [bfx].[CatalogVersion] WHERE Version = 1) INSERT INTO [bfx].[CatalogVersion] (Version) VALUES (1);',
    );
    expect(body.at(-1)).toBe(
      'IF NOT EXISTS (SELECT 1 FROM [bfx].[CatalogVersion] WHERE Version = 4) INSERT INTO [bfx].[CatalogVersion] (Version) VALUES (4);',
    );
    expect(text).toMatch(/SELECT What AS what FROM @created ORDER BY Ordinal;$/);
  });

  it('upgrades version 1 in place: only the new objects, the new column with a default, and versions 2 to 4', () => {
    const { text } = s.migration(1);
    expect(labels(text)).toEqual([
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
    expect(executed(text)).toContain(
      'ALTER TABLE [bfx].[Package] ADD IsBatch BIT NOT NULL CONSTRAINT DF_Package_IsBatch DEFAULT (0)',
    );
    expect(text).not.toMatch(/Version = 1\)/);
    expect(labels(s.migration(2).text)).toEqual([...VERSION_3, ...VERSION_4]);
    expect(labels(s.migration(3).text)).toEqual(VERSION_4);
    expect(labels(s.migration(4).text)).toEqual([]);
    expect(executed(s.migration(4).text)).toEqual([]);
  });

  it('upgrades version 2 with indexes built online where the edition can, and the checks of Execution last', () => {
    const { text } = s.migration(2);
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
      'IF NOT EXISTS (SELECT 1 FROM [bfx].[CatalogVersion] WHERE Version = 3) INSERT INTO [bfx].[CatalogVersion] (Version) VALUES (3);',
      'IF NOT EXISTS (SELECT 1 FROM [bfx].[CatalogVersion] WHERE Version = 4) INSERT INTO [bfx].[CatalogVersion] (Version) VALUES (4);',
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
    const ddl = executed(s.migration(1).text).join('\n');
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
    const text = q.catalogStatements('bfxgh').migration(0).text;
    expect(text).not.toMatch(/\[bfx\]|N'bfx'/);
    expect(executed(text)).toContain('CREATE SCHEMA [bfxgh]');
    expect(labels(text)[0]).toBe('schema bfxgh');
  });
});
