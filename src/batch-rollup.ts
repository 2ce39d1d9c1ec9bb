/**
 * How a batch execution's children add up (docs/batches.md): per child package only its latest
 * execution under the batch counts, since a failed attempt's rows were rolled back before the
 * retry; the earlier attempts are kept apart, to be listed, never summed. Used by the job summary
 * of a batch's end and by the catalog report.
 */
import type { ExecutionRow, RowCount, StoredRowCount } from './catalog/catalog.js';

export interface BatchAttempts<T extends Pick<ExecutionRow, 'executionId' | 'packageId'>> {
  /** Each child package's latest execution under the batch, in the order given. */
  latest: T[];
  /** The other executions, in the order given. */
  earlier: T[];
}

/** Splits a batch execution's children into each package's latest attempt and the earlier ones. */
export function splitAttempts<T extends Pick<ExecutionRow, 'executionId' | 'packageId'>>(
  children: readonly T[],
): BatchAttempts<T> {
  const latestOf = new Map<number, T>();
  for (const child of children) {
    const seen = latestOf.get(child.packageId);
    if (!seen || BigInt(child.executionId) > BigInt(seen.executionId)) latestOf.set(child.packageId, child);
  }
  const latest = new Set(latestOf.values());
  return {
    latest: children.filter((child) => latest.has(child)),
    earlier: children.filter((child) => !latest.has(child)),
  };
}

/** The counts of these executions summed by object and count type, sorted by object then type. */
export function rollUpRowCounts(counts: readonly StoredRowCount[], executionIds: ReadonlySet<string>): RowCount[] {
  const rolled = new Map<string, RowCount>();
  for (const count of counts) {
    if (!executionIds.has(count.executionId)) continue;
    const key = JSON.stringify([count.objectName, count.countType]);
    const sum = rolled.get(key);
    rolled.set(key, {
      objectName: count.objectName,
      countType: count.countType,
      rowCount: (sum?.rowCount ?? 0) + count.rowCount,
    });
  }
  return [...rolled.values()].sort(
    (a, b) => a.objectName.localeCompare(b.objectName) || a.countType.localeCompare(b.countType),
  );
}
