/**
 * How the bfx commands show what the catalog holds besides executions: high-water marks, row
 * counts, audit entries, a batch's children, history merged with the audit log by time, and what
 * migrate did. Pure functions: no catalog, no decisions.
 */
import type { AuditEntry, ExecutionRow, RowCount, StoredRowCount, Variable } from '../catalog/catalog.js';
import { duration, nextName, statusName } from '../sentences.js';
import type { Operator } from '../run-control/package-commands.js';
import { executionJson } from './command.js';
import { oneLine } from '../log-text.js';

export { oneLine };

/** A value for a listing: on one line, and cut when long (--json shows it whole). */
export function shortValue(value: string, max = 100): string {
  const line = oneLine(value);
  return line.length > max ? `${line.slice(0, max - 3)}... (${value.length} characters; --json shows all)` : line;
}

/** "LastLoadDate=2026-11-25, Region=EU", or "none". */
export function variablesLine(values: { name: string; value: string }[]): string {
  return values.length === 0
    ? 'none'
    : values.map(({ name, value }) => `${oneLine(name)}=${shortValue(value)}`).join(', ');
}

/** "dbo.Customer Insert 120, Update 3; dbo.Orders Insert 40": grouped by object, in the order given. */
export function rowCountsLine(counts: RowCount[]): string {
  const byObject = new Map<string, RowCount[]>();
  for (const count of counts) byObject.set(count.objectName, [...(byObject.get(count.objectName) ?? []), count]);
  return [...byObject]
    .map(
      ([objectName, group]) =>
        `${oneLine(objectName)} ${group.map((count) => `${oneLine(count.countType)} ${count.rowCount}`).join(', ')}`,
    )
    .join('; ');
}

export const rowCountJson = (count: RowCount) => ({
  ObjectName: count.objectName,
  CountType: count.countType,
  RowCount: count.rowCount,
});

export const variableJson = (variable: Variable) => ({
  Name: variable.name,
  Value: variable.value,
  PreviousValue: variable.previousValue,
  ExecutionID: variable.executionId,
  UpdatedTime: variable.updatedTime,
});

export const auditJson = (entry: AuditEntry) => ({
  AuditID: entry.auditId,
  ExecutionID: entry.executionId,
  Action: entry.action,
  Detail: entry.detail,
  Actor: entry.actor,
  CreatedTime: entry.createdTime,
});

/** "  LastLoadDate = 2026-11-25  (was 1900-01-01; set by execution 7 at 2026-11-25T02:10:00.000Z)" */
export function variableLine(variable: Variable): string {
  const was = variable.previousValue === null ? 'no value before' : `was ${shortValue(variable.previousValue)}`;
  const by =
    variable.executionId === null
      ? 'a default or an operator set it'
      : `set by the successful end of execution ${variable.executionId}`;
  return `  ${oneLine(variable.name)} = ${shortValue(variable.value)}  (${was}; ${by}, ${variable.updatedTime})`;
}

/**
 * One audit entry: when, what, of which execution, by whom, and the detail run control recorded
 * (the change, and the operator's reason when one was given).
 */
export function auditLine(entry: AuditEntry): string {
  const what = entry.executionId === null ? entry.action : `${entry.action} of execution ${entry.executionId}`;
  const who = entry.actor === null ? 'an unknown actor' : oneLine(entry.actor);
  const detail = entry.detail === null ? '' : `: ${oneLine(entry.detail)}`;
  // In the ExecutionID column of a history: an event of its own between the executions.
  return `${'audit'.padStart(8)}  ${entry.createdTime}  ${oneLine(what)} by ${who}${detail}`;
}

/** A batch's child: ExecutionID, package, status, next load status, how long it ran, its message. */
export function childLine(child: ExecutionRow, nameWidth: number): string {
  const error = child.errorMessage ? `  ${oneLine(child.errorMessage)}` : '';
  return (
    `${child.executionId.padStart(8)}  ${oneLine(child.packageName).padEnd(nameWidth)}  ` +
    `${statusName(child.executionStatus).padEnd(15)} next ${nextName(child.nextLoadStatus).padEnd(13)} ` +
    `${duration(child)}${error}`
  );
}

/** A batch's children, one line each, with their row counts under them when known. */
export function childrenLines(children: ExecutionRow[], counts: StoredRowCount[] = []): string[] {
  const width = Math.min(40, Math.max(0, ...children.map((child) => oneLine(child.packageName).length)));
  return children.flatMap((child) => [childLine(child, width), ...rowCountLines(child.executionId, counts)]);
}

function rowCountLines(executionId: string, counts: StoredRowCount[]): string[] {
  const own = counts.filter((count) => count.executionId === executionId);
  return own.length ? [`${' '.repeat(10)}rows: ${rowCountsLine(own)}`] : [];
}

export const childJson = (child: ExecutionRow, counts: StoredRowCount[] = []) => ({
  ...executionJson(child),
  RowCounts: counts.filter((count) => count.executionId === child.executionId).map(rowCountJson),
});

/** One execution of a history page, with its row counts and the audit entries recorded while it was the latest. */
export interface HistoryItem {
  execution: ExecutionRow;
  rowCounts: StoredRowCount[];
  /** Recorded at or after its StartTime and before the next (newer) execution's, newest first. */
  audit: AuditEntry[];
}

const time = (iso: string) => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
};

/**
 * Merges a page of executions (newest first) with the package's audit entries by time. An entry
 * older than the oldest execution on the page belongs to an older page: it is left out when the
 * page is full, and returned as `earlier` otherwise.
 */
export function historyTimeline(
  executions: ExecutionRow[],
  counts: StoredRowCount[],
  audit: AuditEntry[],
  pageFull: boolean,
): { items: HistoryItem[]; earlier: AuditEntry[] } {
  const items: HistoryItem[] = executions.map((execution) => ({
    execution,
    rowCounts: counts.filter((count) => count.executionId === execution.executionId),
    audit: [],
  }));
  const earlier: AuditEntry[] = [];
  const newestFirst = [...audit].sort((a, b) => time(b.createdTime) - time(a.createdTime));
  for (const entry of newestFirst) {
    const item = items.find((candidate) => time(candidate.execution.startTime) <= time(entry.createdTime));
    if (item) item.audit.push(entry);
    else if (!pageFull) earlier.push(entry);
  }
  return { items, earlier };
}

export function historyLines(
  timeline: { items: HistoryItem[]; earlier: AuditEntry[] },
  executionLine: (execution: ExecutionRow) => string,
): string[] {
  return [
    ...timeline.items.flatMap((item) => [
      ...item.audit.map(auditLine),
      executionLine(item.execution),
      ...(item.rowCounts.length ? [`${' '.repeat(10)}rows: ${rowCountsLine(item.rowCounts)}`] : []),
    ]),
    ...timeline.earlier.map(auditLine),
  ];
}

export const historyJson = (item: HistoryItem) => ({
  ...executionJson(item.execution),
  RowCounts: item.rowCounts.map(rowCountJson),
  Audit: item.audit.map(auditJson),
});

const KINDS: Record<string, string> = {
  table: 'tables',
  index: 'indexes',
  column: 'columns',
  schema: 'schemas',
  constraint: 'constraints',
  trigger: 'triggers',
};

/**
 * What migrate() created, for a sentence: entries named with their kind ("table Package", "index
 * IX_Execution_RunKey", "column Package.IsBatch") are grouped by kind ("tables Package, Execution");
 * any other entry is shown as it is.
 */
export function createdList(created: string[]): string {
  const groups = new Map<string, string[]>();
  for (const entry of created) {
    const match = /^(table|index|column|schema|constraint|trigger)\s+(.+)$/i.exec(entry.trim());
    const kind = match ? match[1].toLowerCase() : '';
    groups.set(kind, [...(groups.get(kind) ?? []), match ? match[2] : entry.trim()]);
  }
  return [...groups]
    .map(([kind, names]) => (kind === '' ? '' : `${names.length > 1 ? KINDS[kind] : kind} `) + names.join(', '))
    .join('; ');
}

/** What bfx migrate did, as one sentence. */
export function migrateSentence(
  engine: string,
  location: string,
  result: { from: number; to: number; created: string[] },
): string {
  const { from, to, created } = result;
  const list = created.length ? `: ${createdList(created)}` : '';
  if (from === 0) return `Created the ${engine} catalog (version ${to}) in ${location}${list}.`;
  if (from < to) return `Upgraded the ${engine} catalog in ${location} from version ${from} to ${to}${list}.`;
  if (created.length)
    return `The ${engine} catalog in ${location} is at version ${to}; what was missing was created${list}.`;
  return `The ${engine} catalog in ${location} is up to date (version ${to}); nothing was changed.`;
}

/** The line that tells an operator their change was recorded, and as whose. */
export function recordedLine(operator: Operator): string {
  const who = operator.actor === null ? 'an unknown actor (give --actor)' : oneLine(operator.actor);
  const why = operator.reason === null ? 'no reason given' : `reason: ${oneLine(operator.reason)}`;
  return `Recorded in the audit log: by ${who}, ${why}.`;
}

export const operatorJson = (operator: Operator) => ({ Actor: operator.actor, Reason: operator.reason });
