/**
 * The migration plan, written once for every engine: the objects each catalog version adds, the
 * names INSPECT looks for, how its answer reads (for shape.ts, and as the objects a catalog
 * already holds), and how a migration names what it created. An engine's schema.ts says only what
 * differs: its steps (the DDL per version, as CatalogObjects), its INSPECT text, its words for
 * type names and object kinds, and the text it sends for an object (the DDL as it is, or wrapped
 * in the engine's own guard).
 */
import { CATALOG_VERSION } from '../catalog.js';
import type { FoundObject, Inspection, TypeKind } from '../shape.js';
import type { Answer } from './driver.js';

/** One object a catalog version adds; a migration creates it when the catalog lacks it. */
export type CatalogObject =
  /** The catalog's schema, where the engine creates it as an object of its steps (SQL Server). */
  | { kind: 'schema'; name: string; ddl: string }
  | { kind: 'table'; table: string; ddl: string }
  /** 'nullable': a NOT NULL column made nullable; missing while the column is still NOT NULL. */
  | { kind: 'column' | 'nullable'; table: string; column: string; ddl: string }
  /**
   * clustered: the table's clustered index (SQL Server), there when the table has one of any
   * name: a table has one at most, and a DBA may have clustered it already.
   */
  | { kind: 'index'; table: string; name: string; ddl: string; clustered?: true }
  /** A CHECK constraint, or a trigger doing a CHECK's work (SQLite cannot add a CHECK to a table). */
  | { kind: 'constraint' | 'trigger'; table: string; name: string; ddl: string };

/** A column of a table, by name. */
export interface TableColumn {
  table: string;
  column: string;
}

/** An index, by name. */
export interface FoundIndex {
  name: string;
  /** The table it indexes, where index names are per table (SQL Server); SQLite and PostgreSQL name them per schema. */
  table?: string;
  /** A clustered index (SQL Server). */
  clustered?: boolean;
}

/**
 * What an INSPECT answer shows of the objects the steps create, names as the catalog stores them,
 * compared ignoring case (SQLite ignores it, PostgreSQL folds our unquoted names to lower case,
 * SQL Server's usual collations ignore it). A list of a kind the engine's steps never create is empty.
 */
export interface FoundObjects {
  schemas: string[];
  tables: string[];
  columns: TableColumn[];
  /** The columns that are NOT NULL with nothing the database fills in (shape.ts's Inspection.required). */
  required: TableColumn[];
  indexes: FoundIndex[];
  constraints: string[];
  triggers: string[];
}

/**
 * The names of the objects of a kind the steps create, once each, as the steps write them: what
 * INSPECT looks for (a catalog version's objects are all in the steps, so no list of names is kept
 * beside them).
 */
export function stepNames(
  steps: readonly (readonly CatalogObject[])[],
  kind: 'table' | 'index' | 'constraint' | 'trigger',
): string[] {
  const names = steps.flat().flatMap((object) => {
    if (object.kind !== kind) return [];
    return object.kind === 'table' ? [object.table] : 'name' in object ? [object.name] : [];
  });
  return [...new Set(names)];
}

/**
 * INSPECT's answer, the same in every engine: one row whose fields are lists of what the catalog
 * holds of our names. Each list arrives as JSON text (SQLite's json_group_array; SQL Server's FOR
 * JSON, which answers NULL for none) or parsed already (PostgreSQL's json); a field the engine
 * does not answer, of a kind its steps never create, is an empty list.
 */
export interface InspectAnswer {
  /** The catalog's schema, when it exists, where the steps create it (SQL Server). */
  schemas: { name: string }[];
  /**
   * The columns of the tables of our names, each with its type's name as the engine's catalog
   * has it (typeKind reads it). A table with no column INSPECT counts (PostgreSQL counts lower-case
   * names only) has one named '', so that the table is found all the same.
   */
  columns: (TableColumn & { type: string | null })[];
  /** Those tables' columns, of any name, that an insert must fill: NOT NULL with nothing the database fills in. */
  required: TableColumn[];
  /** The objects of our tables' names that are no tables, each with the engine's code for its kind ('v', 'SN'). */
  others: { name: string; kind: string }[];
  /** The indexes the steps create by name (SQL Server: every index of our tables, for the clustered one). */
  indexes: FoundIndex[];
  constraints: { name: string }[];
  triggers: { name: string }[];
}

const INSPECT_FIELDS = ['schemas', 'columns', 'required', 'others', 'indexes', 'constraints', 'triggers'] as const;

/** INSPECT's one row, its lists read (no row: nothing found). */
export function readInspectAnswer(answer: Answer): InspectAnswer {
  const row = answer.rows[0] ?? {};
  const list = (value: unknown): unknown[] =>
    Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? (JSON.parse(value) as unknown[]) : [];
  return Object.fromEntries(INSPECT_FIELDS.map((field) => [field, list(row[field])])) as unknown as InspectAnswer;
}

/** How an engine's INSPECT answer words what it found, for shape.ts. */
export interface InspectWords {
  /** The kind of a type, by the name INSPECT answers; null for a type of no kind of ours. */
  typeKind(type: string | null): TypeKind | null;
  /** An object of a table's name that is no table, in words ('view', 'sequence'), by the code INSPECT answers. */
  objectKind(kind: string): string;
}

/** INSPECT's answer as shape.ts judges a catalog (the core adds RECORDED_VERSION's). */
export function inspectionOf(answer: Answer, words: InspectWords): Omit<Inspection, 'recordedVersion'> {
  const found = readInspectAnswer(answer);
  return {
    columns: found.columns.map(({ table, column, type }) => ({ table, column, kind: words.typeKind(type) })),
    others: found.others.map(({ name, kind }): FoundObject => ({ name, kind: words.objectKind(kind) })),
    required: found.required,
  };
}

/** INSPECT's answer as the objects the steps create that the catalog already holds. */
export function foundObjects(answer: Answer): FoundObjects {
  const found = readInspectAnswer(answer);
  const names = (objects: { name: string }[]) => objects.map((object) => object.name);
  return {
    schemas: names(found.schemas),
    tables: found.columns.map((column) => column.table),
    columns: found.columns,
    required: found.required,
    indexes: found.indexes,
    constraints: names(found.constraints),
    triggers: names(found.triggers),
  };
}

/** A migration's step: the text sent, and what it creates in words ("table Package"). */
export interface MigrationStep {
  text: string;
  creates: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const sameColumn = (a: TableColumn, b: TableColumn) => same(a.table, b.table) && same(a.column, b.column);

/** Whether the catalog held the object before the migration began, by what INSPECT found. */
export function isPresent(object: CatalogObject, found: FoundObjects): boolean {
  switch (object.kind) {
    case 'schema':
      return found.schemas.some((name) => same(name, object.name));
    case 'table':
      return found.tables.some((name) => same(name, object.table));
    case 'column':
      return found.columns.some((column) => sameColumn(column, object));
    // A table still to be created is made with the column NOT NULL first, then altered.
    case 'nullable':
      return (
        found.columns.some((column) => sameColumn(column, object)) &&
        !found.required.some((column) => sameColumn(column, object))
      );
    case 'index':
      return found.indexes.some((index) =>
        object.clustered
          ? index.clustered === true && same(index.table ?? '', object.table)
          : same(index.name, object.name) && (index.table === undefined || same(index.table, object.table)),
      );
    case 'constraint':
      return found.constraints.some((name) => same(name, object.name));
    case 'trigger':
      return found.triggers.some((name) => same(name, object.name));
  }
}

/**
 * How a migration names what it created: 'schema bfx', 'table Package', 'column Package.IsBatch',
 * 'nullable column AuditLog.PackageID', 'index IX_Execution_Parent', 'constraint CK_Execution_EndTime',
 * 'trigger CK_Execution_Insert'.
 */
export function describeObject(object: CatalogObject): string {
  switch (object.kind) {
    case 'schema':
      return `schema ${object.name}`;
    case 'table':
      return `table ${object.table}`;
    case 'column':
      return `column ${object.table}.${object.column}`;
    case 'nullable':
      return `nullable column ${object.table}.${object.column}`;
    default:
      return `${object.kind} ${object.name}`;
  }
}

/**
 * What brings a catalog at version `from` (0: empty) to CATALOG_VERSION: the objects of the later
 * steps (steps[n - 1] takes a catalog from version n - 1 to n) that the catalog lacks, in order,
 * each as the text the engine sends (`position`: its place among those created) and in words.
 */
export function migrationSteps(
  steps: readonly (readonly CatalogObject[])[],
  from: number,
  found: FoundObjects,
  text: (object: CatalogObject, position: number) => string,
): MigrationStep[] {
  if (steps.length !== CATALOG_VERSION) throw new Error('The migration steps do not reach CATALOG_VERSION.');
  return steps
    .slice(from)
    .flat()
    .filter((object) => !isPresent(object, found))
    .map((object, position) => ({ text: text(object, position), creates: describeObject(object) }));
}
