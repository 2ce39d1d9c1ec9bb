/**
 * Is what the catalog holds ours? Before creating or using tables, an engine reads the columns of
 * the tables that carry our names, and these rules judge them: a table of ours that is there must
 * have every column we need with a type of the right kind; columns we do not know are welcome.
 * A table of our name in another shape is someone else's (a BimlCatalog's own bfx.Package, say),
 * and is never altered or written. The catalog also records which version of our tables it holds,
 * so a later release can upgrade it in place, and an older release refuses a newer catalog.
 */
import { BfxError } from '../errors.js';

/**
 * The kinds of column type the catalogs use; each engine maps its own type names onto these.
 * Fixed-length text (CHAR(n), NCHAR(n)) pads every value with spaces to its length: a run key or a
 * name read back, or compared exactly, is then not the one written. SQLite has no such type.
 */
export type TypeKind = 'integer' | 'text' | 'fixed-length text' | 'boolean' | 'timestamp';

/**
 * What a column of ours needs: a kind of type, or 'letter', a status letter, which is text of a
 * fixed length or not (our own tables declare ExecutionStatus and NextLoadStatus CHAR(1)). A
 * 'text' column refuses fixed-length text.
 */
export type ColumnKind = Exclude<TypeKind, 'fixed-length text'> | 'letter';

/** A table as one version of the catalog defines it: column name -> kind of type. */
export interface TableShape {
  table: string;
  columns: Record<string, ColumnKind>;
}

/** Does a column of type `found` hold what a column of ours of kind `needed` holds? */
function fits(needed: ColumnKind, found: TypeKind | null | undefined): boolean {
  return needed === 'letter' ? found === 'text' || found === 'fixed-length text' : found === needed;
}

/** What is wrong with a column of ours, in the refusal's words (found: null for a type of no kind of ours, undefined for no column). */
function misfit(column: string, needed: ColumnKind, found: TypeKind | null | undefined): string {
  if (found === undefined) return `${column} is missing`;
  if (found === 'fixed-length text' && needed === 'text') {
    return `${column} is fixed-length text, which pads every value with spaces`;
  }
  return `${column} is not ${needed === 'letter' ? 'text' : needed}`;
}

/** One column as the catalog reports it; the kind is null for a type no engine of ours uses. */
export interface FoundColumn {
  table: string;
  column: string;
  kind: TypeKind | null;
}

/** An object that carries the name of a table of ours but is no table (a view, a sequence, an index). */
export interface FoundObject {
  name: string;
  /** What it is, in words: 'view', 'sequence', 'materialized view'... */
  kind: string;
}

/** What the catalog holds, judged: nothing of ours yet, or our tables at a version. */
export type CatalogState = { kind: 'empty' } | { kind: 'version'; version: number };

export interface Inspection {
  /** The columns of the tables that carry the names of ours (any version's), in the catalog's schema. */
  columns: FoundColumn[];
  /** The highest version recorded in the CatalogVersion table, or null when that table is absent or empty. */
  recordedVersion: number | null;
  /** Objects of our tables' names that are not tables: the tables could be neither created nor used. */
  others?: FoundObject[];
  /**
   * The columns of those tables, of any name, that are NOT NULL with no default the database fills
   * in (a default, an identity, a generated value): an insert that does not name them fails.
   */
  required?: { table: string; column: string }[];
}

/**
 * Judges an inspection. `versions[n - 1]` is every table as version n defines it, whole; the last is
 * the version this release creates. `where` names the schema or file, `fix` says what the user can
 * do instead when a table is someone else's.
 */
export function judgeCatalog(
  inspection: Inspection,
  versions: TableShape[][],
  where: string,
  fix: string,
): CatalogState {
  const latest = versions.length;
  if (inspection.recordedVersion !== null && inspection.recordedVersion > latest) {
    throw new BfxError(
      `The catalog in ${where} is at version ${inspection.recordedVersion}, newer than the version ${latest} this bfx-begin knows, ` +
        'so nothing was read or changed: use the bfx-begin release that created it, or a later one.',
    );
  }
  const [other] = inspection.others ?? [];
  if (other) {
    throw new BfxError(
      `The ${other.kind} ${other.name} in ${where} has the name of a bfx-begin table, so nothing was created, altered or written: ${fix}`,
    );
  }
  const found = new Map<string, Map<string, TypeKind | null>>();
  for (const { table, column, kind } of inspection.columns) {
    const key = table.toLowerCase();
    if (!found.has(key)) found.set(key, new Map());
    found.get(key)!.set(column.toLowerCase(), kind);
  }
  const [first] = versions;
  // Tables of the first version without a recorded version: the first release made them.
  const version = inspection.recordedVersion ?? (first.some((shape) => found.has(shape.table.toLowerCase())) ? 1 : 0);
  const own = new Map((version > 0 ? versions[version - 1] : []).map((shape) => [shape.table.toLowerCase(), shape]));

  for (const newest of versions[latest - 1]) {
    const key = newest.table.toLowerCase();
    const shape = own.get(key) ?? newest;
    const columns = found.get(key);
    if (!columns) {
      if (own.has(key)) {
        throw new BfxError(
          `The catalog in ${where} is at version ${version} but has no table ${shape.table}, so nothing was changed: ` +
            'restore the table, or point bfx-begin at a fresh catalog.',
        );
      }
      continue;
    }
    const wrong = Object.entries(shape.columns)
      .filter(([column, kind]) => !fits(kind, columns.get(column.toLowerCase())))
      .map(([column, kind]) => misfit(column, kind, columns.get(column.toLowerCase())));
    if (wrong.length > 0) {
      throw new BfxError(
        `The table ${shape.table} in ${where} is not a bfx-begin table (${wrong.join(', ')}), ` +
          `so nothing was created, altered or written: ${fix}`,
      );
    }
    // More columns are welcome, unless no insert of ours can fill them.
    const ours = new Set(versions.flat().flatMap((v) => (v.table.toLowerCase() === key ? Object.keys(v.columns) : [])));
    const blocking = (inspection.required ?? []).find(
      (c) => c.table.toLowerCase() === key && ![...ours].some((o) => o.toLowerCase() === c.column.toLowerCase()),
    );
    if (blocking) {
      throw new BfxError(
        `The table ${shape.table} in ${where} has a column ${blocking.column} that is NOT NULL without a default, ` +
          `so bfx-begin cannot insert its rows and nothing was written: give ${blocking.column} a default, or let it be NULL.`,
      );
    }
  }
  return version === 0 ? { kind: 'empty' } : { kind: 'version', version };
}

/**
 * A begin upgrades a catalog in place only while it is small (catalog.ts,
 * UPGRADE_IN_BEGIN_MAX_EXECUTIONS): above that, the upgrade's index builds and checks would hold
 * the migration's lock for longer than a begin should wait, and every runner would try it again.
 * `executions` is the catalog's highest ExecutionID (0 for none).
 */
export function refuseLargeUpgrade(
  where: string,
  from: number,
  to: number,
  executions: number,
  maxExecutions: number | undefined,
): BfxError | undefined {
  if (maxExecutions === undefined || from === 0 || from >= to || executions <= maxExecutions) return undefined;
  return new BfxError(
    `The catalog in ${where} holds version ${from} of the bfx tables and about ${executions} executions, too many to upgrade ` +
      `to version ${to} inside a begin (the limit is ${maxExecutions}), so nothing was changed: run \`bfx migrate\` once ` +
      'with this connection string (it has no time limit; docs/catalog.md says what it builds), then run the step again.',
  );
}

/**
 * Version 3 adds CHECK constraints to Execution: an execution without an EndTime is active (E, R or
 * A), and RetryCount is never negative. Rows that break them (written by hand: bfx-begin never
 * writes them) are not changed behind the user's back: the upgrade is refused, naming the first
 * and how to find the others. `where` names the catalog, `table` the Execution table as the user
 * queries it.
 */
export function refuseUncheckedExecutions(
  where: string,
  table: string,
  count: number,
  firstExecutionId: string | null,
): BfxError | undefined {
  if (count === 0) return undefined;
  return new BfxError(
    `The catalog in ${where} holds ${count} execution${count === 1 ? '' : 's'} that version 3 of the bfx tables refuses ` +
      `(ExecutionID ${firstExecutionId ?? '?'} ${count === 1 ? 'is' : 'is the first'}: ended without an EndTime, or a RetryCount below 0), ` +
      `so it was not upgraded and nothing was changed: find them with SELECT * FROM ${table} WHERE ${UNCHECKED_EXECUTIONS}, ` +
      'give each an EndTime (or an active status) and a RetryCount of 0 or more, then run the step again.',
  );
}

/**
 * Version 3's CHECK constraints of Execution, in SQL every engine reads alike: only an active
 * execution (E, R or A) may have no EndTime, and RetryCount is never negative.
 */
export const EXECUTION_CHECKS = [
  `EndTime IS NOT NULL OR ExecutionStatus IN ('E', 'R', 'A')`,
  `RetryCount >= 0`,
] as const;

/** The executions those constraints refuse. */
export const UNCHECKED_EXECUTIONS = `(EndTime IS NULL AND ExecutionStatus NOT IN ('E', 'R', 'A')) OR RetryCount < 0`;
