/** Catalog rows for the CLI's unit tests: an execution, an audit entry, a variable, with defaults. */
import type { AuditEntry, ExecutionRow, Variable } from '../../src/catalog/catalog.js';

export function execution(fields: Partial<ExecutionRow> = {}): ExecutionRow {
  return {
    executionId: '1',
    packageId: 1,
    packageName: 'LOAD_Customer',
    parentExecutionId: null,
    executionStatus: 'S',
    nextLoadStatus: 'P',
    retryCount: 0,
    startTime: '2026-11-25T02:00:00.000Z',
    endTime: '2026-11-25T02:01:05.000Z',
    ended: true,
    runKey: 'cli:1',
    errorMessage: null,
    repository: null,
    workflow: null,
    job: null,
    runId: null,
    runAttempt: null,
    actor: null,
    event: null,
    sha: null,
    ...fields,
  };
}

export function auditEntry(fields: Partial<AuditEntry> = {}): AuditEntry {
  return {
    auditId: '1',
    packageId: 1,
    packageName: 'LOAD_Customer',
    executionId: null,
    action: 'disable',
    detail: 'IsEnabled set to false. Reason: source system down',
    actor: 'octocat',
    createdTime: '2026-11-25T03:00:00.000Z',
    ...fields,
  };
}

export function variable(fields: Partial<Variable> = {}): Variable {
  return {
    name: 'LastLoadDate',
    value: '2026-11-25',
    previousValue: '2026-11-24',
    executionId: '7',
    updatedTime: '2026-11-25T02:01:05.000Z',
    ...fields,
  };
}
