/**
 * Turns a raw result row into the typed rows of catalog.ts. Engines select their columns with the
 * select lists below, aliased to the camelCase field names, so one mapper serves all of them
 * whatever each driver returns for a number.
 */
import type { ExecutionStatus, NextLoadStatus } from '../decision.js';
import type { ExecutionStanding } from '../operations.js';
import {
  CONTEXT_COLUMNS,
  EXECUTION_COLUMNS,
  PACKAGE_COLUMNS,
  type AuditEntry,
  type ExecutionRow,
  type PackageRow,
  type RunContext,
  type StoredRowCount,
  type Variable,
} from './catalog.js';

/** How an engine writes a result alias: PostgreSQL folds unquoted names to lower case, so it quotes. */
export type QuoteAlias = (field: string) => string;

/** The run context as named values, keyed by column name (Repository, Workflow, ...). */
export function contextValues(context: RunContext): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(CONTEXT_COLUMNS).map(([field, column]) => [column, context[field as keyof RunContext]]),
  );
}

/** `p.PackageID AS packageId, ...` for a Package row aliased `p`. */
export function packageSelectList(alias: string, quote: QuoteAlias): string {
  return Object.entries(PACKAGE_COLUMNS)
    .map(([field, column]) => `${alias}.${column} AS ${quote(field)}`)
    .join(', ');
}

/** `alias.Column AS field, ...` for any of the column maps in catalog.ts. */
export function selectList(alias: string, columns: Record<string, string>, quote: QuoteAlias): string {
  return Object.entries(columns)
    .map(([field, column]) => `${alias}.${column} AS ${quote(field)}`)
    .join(', ');
}

/** The Execution columns of row `e` and the PackageName of its package row `p`. */
export function executionSelectList(quote: QuoteAlias): string {
  return [
    ...Object.entries(EXECUTION_COLUMNS).map(([field, column]) => `e.${column} AS ${quote(field)}`),
    `p.PackageName AS ${quote('packageName')}`,
  ].join(', ');
}

type Raw = Record<string, unknown>;

/** Drivers give text, numbers or bigints for these columns; anything else is a bug in an engine. */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value.toString();
  throw new TypeError(`A catalog column held a ${typeof value} where text or a number was expected.`);
}

/** scalarText, or null for SQL's NULL. */
export const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : scalarText(value);
const int = (value: unknown): number => Number(value);
const time = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : scalarText(value);

/** A flag as the drivers give it: true, 1 or '1' (SQLite, SQL Server), false, 0 or null. */
export const bool = (value: unknown): boolean => value === true || Number(value) === 1;

export function toPackageRow(raw: Raw): PackageRow {
  return {
    packageId: int(raw.packageId),
    packageName: scalarText(raw.packageName),
    isEnabled: bool(raw.isEnabled),
    isBatch: bool(raw.isBatch),
    retryLimit: raw.retryLimit === null || raw.retryLimit === undefined ? null : int(raw.retryLimit),
    createdTime: time(raw.createdTime) ?? '',
  };
}

export function toExecutionRow(raw: Raw): ExecutionRow {
  const endTime = time(raw.endTime);
  return {
    executionId: scalarText(raw.executionId),
    packageId: int(raw.packageId),
    packageName: scalarText(raw.packageName),
    parentExecutionId: text(raw.parentExecutionId),
    executionStatus: scalarText(raw.executionStatus) as ExecutionStatus,
    nextLoadStatus: scalarText(raw.nextLoadStatus) as NextLoadStatus,
    retryCount: int(raw.retryCount),
    startTime: time(raw.startTime) ?? '',
    endTime,
    ended: endTime !== null,
    runKey: text(raw.runKey),
    errorMessage: text(raw.errorMessage),
    repository: text(raw.repository),
    workflow: text(raw.workflow),
    job: text(raw.job),
    runId: text(raw.runId),
    runAttempt: text(raw.runAttempt),
    actor: text(raw.actor),
    event: text(raw.event),
    sha: text(raw.sha),
  };
}

/** An inserted execution's ID and StartTime, as INSERT_EXECUTION answers them. */
export function toStartedExecution(raw: Raw): { executionId: string; startTime: string } {
  return { executionId: scalarText(raw.executionId), startTime: time(raw.startTime) ?? '' };
}

export function toVariable(raw: Raw): Variable {
  return {
    name: scalarText(raw.name),
    value: scalarText(raw.value),
    previousValue: text(raw.previousValue),
    executionId: text(raw.executionId),
    updatedTime: time(raw.updatedTime) ?? '',
  };
}

export function toStoredRowCount(raw: Raw): StoredRowCount {
  return {
    executionId: scalarText(raw.executionId),
    objectName: scalarText(raw.objectName),
    countType: scalarText(raw.countType),
    rowCount: int(raw.rowCount),
  };
}

export function toAuditEntry(raw: Raw): AuditEntry {
  return {
    auditId: scalarText(raw.auditId),
    packageId: raw.packageId === null || raw.packageId === undefined ? null : int(raw.packageId),
    packageName: text(raw.packageName),
    executionId: text(raw.executionId),
    action: scalarText(raw.action),
    detail: text(raw.detail),
    actor: text(raw.actor),
    createdTime: time(raw.createdTime) ?? '',
  };
}

/** What retention reads of an execution (operations.ts), from the engines' STANDING selects. */
export function toExecutionStanding(raw: Raw): ExecutionStanding {
  return {
    executionId: scalarText(raw.executionId),
    parentExecutionId: text(raw.parentExecutionId),
    executionStatus: scalarText(raw.executionStatus) as ExecutionStatus,
    ended: bool(raw.ended),
    old: bool(raw.old),
    latest: bool(raw.latest),
    lastEnded: bool(raw.lastEnded),
    latestOfItsStatus: bool(raw.latestOfItsStatus),
    marksVariables: bool(raw.marksVariables),
  };
}
