/**
 * The migration plan of every engine, without one: the names INSPECT looks for, how its one-row
 * answer reads (each list as JSON text, parsed already, or none), which objects a catalog already
 * holds by what its INSPECT answer found (kind by kind), how a migration names what it created,
 * and which objects of which versions a migration sends, in order, as the engine's text.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_VERSION } from '../../../src/catalog/catalog.js';
import type { Answer } from '../../../src/catalog/sql/driver.js';
import {
  describeObject,
  foundObjects,
  inspectionOf,
  isPresent,
  migrationSteps,
  readInspectAnswer,
  stepNames,
  type CatalogObject,
  type FoundObjects,
  type InspectWords,
} from '../../../src/catalog/sql/migration.js';

const NOTHING: FoundObjects = {
  schemas: [],
  tables: [],
  columns: [],
  required: [],
  indexes: [],
  constraints: [],
  triggers: [],
};
const found = (some: Partial<FoundObjects>): FoundObjects => ({ ...NOTHING, ...some });

const SCHEMA: CatalogObject = { kind: 'schema', name: 'bfx', ddl: 'CREATE SCHEMA bfx' };
const TABLE: CatalogObject = { kind: 'table', table: 'Package', ddl: 'CREATE TABLE Package (...)' };
const COLUMN: CatalogObject = {
  kind: 'column',
  table: 'Package',
  column: 'IsBatch',
  ddl: 'ALTER TABLE Package ADD ...',
};
const NULLABLE: CatalogObject = { kind: 'nullable', table: 'AuditLog', column: 'PackageID', ddl: 'ALTER ...' };
const INDEX: CatalogObject = {
  kind: 'index',
  table: 'Execution',
  name: 'IX_Execution_Parent',
  ddl: 'CREATE INDEX ...',
};
const CLUSTERED: CatalogObject = { ...INDEX, table: 'RowCount', name: 'CX_RowCount_Execution', clustered: true };
const CONSTRAINT: CatalogObject = {
  kind: 'constraint',
  table: 'Execution',
  name: 'CK_Execution_EndTime',
  ddl: 'ALTER ...',
};
const TRIGGER: CatalogObject = { kind: 'trigger', table: 'Execution', name: 'CK_Execution_Insert', ddl: 'CREATE ...' };

describe('the names INSPECT looks for, from the steps', () => {
  const steps: CatalogObject[][] = [
    [SCHEMA, TABLE, INDEX],
    [COLUMN, { ...TABLE, table: 'AuditLog' }, CLUSTERED, TRIGGER],
    [CONSTRAINT, NULLABLE, INDEX],
  ];
  it.each([
    ['table', ['Package', 'AuditLog']],
    ['index', ['IX_Execution_Parent', 'CX_RowCount_Execution']],
    ['constraint', ['CK_Execution_EndTime']],
    ['trigger', ['CK_Execution_Insert']],
  ] as const)('%s: each once, as the steps write them, in their order', (kind, names) => {
    expect(stepNames(steps, kind)).toEqual(names);
  });
  it('none of a kind the steps never create', () => {
    expect(stepNames([[SCHEMA, TABLE]], 'trigger')).toEqual([]);
  });
});

describe("INSPECT's one row, read", () => {
  const answer = (row?: Record<string, unknown>): Answer => ({ rows: row ? [row] : [], changed: 0 });
  const COLUMNS = [
    { table: 'Package', column: 'PackageID', type: 'int4' },
    { table: 'Package', column: 'Extra', type: null },
  ];
  const EMPTY = {
    schemas: [],
    columns: [],
    required: [],
    others: [],
    indexes: [],
    constraints: [],
    triggers: [],
  };

  it.each([
    ['parsed already (PostgreSQL json)', COLUMNS, COLUMNS],
    ['JSON text (SQLite json_group_array, SQL Server FOR JSON)', JSON.stringify(COLUMNS), COLUMNS],
    ['an empty JSON list', '[]', []],
    ["NULL (FOR JSON's answer for none)", null, []],
    ['an empty text', '', []],
  ])('a list %s', (_, columns, read) => {
    expect(readInspectAnswer(answer({ columns })).columns).toEqual(read);
  });

  it('every list of a field the engine does not answer, or of no row, is empty', () => {
    expect(readInspectAnswer(answer({}))).toEqual(EMPTY);
    expect(readInspectAnswer(answer())).toEqual(EMPTY);
  });

  it('reads each field of its own name', () => {
    const row = {
      schemas: '[{"name":"bfx"}]',
      columns: COLUMNS,
      required: [{ table: 'Package', column: 'Extra' }],
      others: [{ name: 'Execution', kind: 'v' }],
      indexes: '[{"table":"RowCount","name":"CX_Other","clustered":true}]',
      constraints: [{ name: 'CK_Execution_EndTime' }],
      triggers: '[{"name":"CK_Execution_Insert"}]',
    };
    expect(readInspectAnswer(answer(row))).toEqual({
      ...row,
      schemas: [{ name: 'bfx' }],
      indexes: [{ table: 'RowCount', name: 'CX_Other', clustered: true }],
      triggers: [{ name: 'CK_Execution_Insert' }],
    });
  });

  const WORDS: InspectWords = {
    typeKind: (type) => (type === 'int4' ? 'integer' : null),
    objectKind: (kind) => (kind === 'v' ? 'view' : 'relation'),
  };

  it("as shape.ts judges a catalog: each column's type and each other object's kind in the engine's words", () => {
    const row = {
      columns: COLUMNS,
      required: [{ table: 'Package', column: 'Extra' }],
      others: [
        { name: 'Execution', kind: 'v' },
        { name: 'RowCount', kind: 'S' },
      ],
      indexes: [{ name: 'IX_Execution_Parent' }],
    };
    expect(inspectionOf(answer(row), WORDS)).toEqual({
      columns: [
        { table: 'Package', column: 'PackageID', kind: 'integer' },
        { table: 'Package', column: 'Extra', kind: null },
      ],
      others: [
        { name: 'Execution', kind: 'view' },
        { name: 'RowCount', kind: 'relation' },
      ],
      required: [{ table: 'Package', column: 'Extra' }],
    });
    expect(inspectionOf(answer(), WORDS)).toEqual({ columns: [], others: [], required: [] });
  });

  it('as the objects the catalog holds: the tables are those with columns listed, the rest by name', () => {
    const row = {
      schemas: [{ name: 'bfx' }],
      columns: COLUMNS,
      required: [{ table: 'Package', column: 'Extra' }],
      others: [{ name: 'Execution', kind: 'v' }],
      indexes: [{ table: 'RowCount', name: 'CX_Other', clustered: true }],
      constraints: [{ name: 'CK_Execution_EndTime' }],
      triggers: [{ name: 'CK_Execution_Insert' }],
    };
    expect(foundObjects(answer(row))).toEqual({
      schemas: ['bfx'],
      tables: ['Package', 'Package'],
      columns: COLUMNS,
      required: [{ table: 'Package', column: 'Extra' }],
      indexes: [{ table: 'RowCount', name: 'CX_Other', clustered: true }],
      constraints: ['CK_Execution_EndTime'],
      triggers: ['CK_Execution_Insert'],
    });
    expect(foundObjects(answer())).toEqual(NOTHING);
  });
});

describe('whether a catalog holds an object, by what INSPECT found', () => {
  const cases: [string, CatalogObject, FoundObjects, boolean][] = [
    ['a schema found', SCHEMA, found({ schemas: ['BFX'] }), true],
    ['a schema not found', SCHEMA, found({ schemas: ['bfxgh'] }), false],
    ['a table found, in another case', TABLE, found({ tables: ['package'] }), true],
    ['a table not found', TABLE, found({ tables: ['Execution'] }), false],
    ['a column found', COLUMN, found({ columns: [{ table: 'PACKAGE', column: 'isbatch' }] }), true],
    [
      'a column of that name in another table',
      COLUMN,
      found({ columns: [{ table: 'Execution', column: 'IsBatch' }] }),
      false,
    ],
    [
      'a nullable column found nullable',
      NULLABLE,
      found({ columns: [{ table: 'auditlog', column: 'packageid' }] }),
      true,
    ],
    [
      'a nullable column found still required',
      NULLABLE,
      found({
        columns: [{ table: 'AuditLog', column: 'PackageID' }],
        required: [{ table: 'auditlog', column: 'packageid' }],
      }),
      false,
    ],
    // A table still to be created: made with the column NOT NULL first, then altered.
    ['a nullable column of a table not found', NULLABLE, NOTHING, false],
    ['an index found by name (SQLite, PostgreSQL)', INDEX, found({ indexes: [{ name: 'ix_execution_parent' }] }), true],
    [
      'an index found on its table (SQL Server)',
      INDEX,
      found({ indexes: [{ name: 'IX_Execution_Parent', table: 'execution' }] }),
      true,
    ],
    [
      'an index of that name on another table',
      INDEX,
      found({ indexes: [{ name: 'IX_Execution_Parent', table: 'AuditLog' }] }),
      false,
    ],
    ['an index not found', INDEX, found({ indexes: [{ name: 'IX_Execution_Package_Latest' }] }), false],
    [
      "a clustered index: the table's, of another name",
      CLUSTERED,
      found({ indexes: [{ name: 'CX_Other', table: 'rowcount', clustered: true }] }),
      true,
    ],
    [
      'a clustered index: its name, not clustered',
      CLUSTERED,
      found({ indexes: [{ name: 'CX_RowCount_Execution', table: 'RowCount', clustered: false }] }),
      false,
    ],
    [
      "a clustered index: another table's",
      CLUSTERED,
      found({ indexes: [{ name: 'PK_Execution', table: 'Execution', clustered: true }] }),
      false,
    ],
    ['a constraint found', CONSTRAINT, found({ constraints: ['ck_execution_endtime'] }), true],
    ['a constraint of that name found as a trigger', CONSTRAINT, found({ triggers: ['CK_Execution_EndTime'] }), false],
    ['a trigger found', TRIGGER, found({ triggers: ['CK_EXECUTION_INSERT'] }), true],
    ['a trigger of that name found as an index', TRIGGER, found({ indexes: [{ name: 'CK_Execution_Insert' }] }), false],
  ];
  it.each(cases)('%s', (_, object, inspected, present) => {
    expect(isPresent(object, inspected)).toBe(present);
  });
});

describe('what a migration says it created', () => {
  it.each([
    [SCHEMA, 'schema bfx'],
    [TABLE, 'table Package'],
    [COLUMN, 'column Package.IsBatch'],
    [NULLABLE, 'nullable column AuditLog.PackageID'],
    [INDEX, 'index IX_Execution_Parent'],
    [CLUSTERED, 'index CX_RowCount_Execution'],
    [CONSTRAINT, 'constraint CK_Execution_EndTime'],
    [TRIGGER, 'trigger CK_Execution_Insert'],
  ])('%o: %s', (object, words) => {
    expect(describeObject(object)).toBe(words);
  });
});

describe('the migration from a version', () => {
  // Objects of each of the catalog's versions.
  const steps: CatalogObject[][] = [[SCHEMA, TABLE], [COLUMN, INDEX], [CONSTRAINT], [NULLABLE]];
  const ddl = (object: CatalogObject) => object.ddl;

  it("sends the later versions' objects in order, each as the engine's text and in words", () => {
    expect(migrationSteps(steps, 0, NOTHING, ddl)).toEqual(
      [SCHEMA, TABLE, COLUMN, INDEX, CONSTRAINT, NULLABLE].map((object) => ({
        text: object.ddl,
        creates: describeObject(object),
      })),
    );
    expect(migrationSteps(steps, 2, NOTHING, ddl).map((step) => step.creates)).toEqual([
      'constraint CK_Execution_EndTime',
      'nullable column AuditLog.PackageID',
    ]);
    expect(migrationSteps(steps, CATALOG_VERSION, NOTHING, ddl)).toEqual([]);
  });

  it('leaves out what the catalog holds, and numbers the rest from 0 for the engine', () => {
    const positions: string[] = [];
    const created = migrationSteps(
      steps,
      0,
      found({ schemas: ['bfx'], indexes: [{ name: 'IX_Execution_Parent' }] }),
      (object, position) => {
        positions.push(`${position} ${describeObject(object)}`);
        return `-- ${position}`;
      },
    );
    expect(positions).toEqual([
      '0 table Package',
      '1 column Package.IsBatch',
      '2 constraint CK_Execution_EndTime',
      '3 nullable column AuditLog.PackageID',
    ]);
    expect(created.map((step) => step.text)).toEqual(['-- 0', '-- 1', '-- 2', '-- 3']);
  });

  it('refuses steps that do not reach the version this release knows', () => {
    expect(() => migrationSteps(steps.slice(1), 0, NOTHING, ddl)).toThrow(
      'The migration steps do not reach CATALOG_VERSION.',
    );
  });
});
