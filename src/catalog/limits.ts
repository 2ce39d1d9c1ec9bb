/**
 * What each catalog column can hold, written once (docs/catalog.md, "Column limits"). The engines'
 * schemas declare their sizes from these numbers, and every value is refused or cut against them
 * before any engine sees it, so a value has the same fate on SQLite (which would keep anything),
 * PostgreSQL and SQL Server (which would fail on it). Lengths count UTF-16 code units, as SQL
 * Server's NVARCHAR does and as String.length does.
 *
 * Each column has one rule: a name a user looks things up by (a package, a variable, a row
 * count's object and type, a run key) is refused with one sentence when too long, since a cut
 * name would be another name; text that is only read back (who ran or changed something, the
 * run's context) is cut to fit, ending with CUT_MARKER, since refusing it would fail a load over
 * a label. Free text (ErrorMessage, Detail, VariableValue) has no limit but the engines' own.
 */
import type { RunContext } from './catalog.js';

/** The largest value of a 64-bit signed integer: ExecutionID, AuditID, RowCount (BIGINT; SQLite's INTEGER). */
export const MAX_BIGINT = 2n ** 63n - 1n;

/**
 * Whether text is an ExecutionID as bfx-begin writes one: a whole number from 1 to MAX_BIGINT, no
 * sign, no leading zero.
 */
export function isExecutionIdText(text: string): boolean {
  return /^[1-9]\d{0,18}$/.test(text) && BigInt(text) <= MAX_BIGINT;
}
/** The largest value of a 32-bit signed integer: PackageID, RetryLimit, RetryCount (INT). */
export const MAX_INT32 = 2_147_483_647;

/** The declared length of each text column that has one; names longer than these are refused. */
export const COLUMN_LENGTH = {
  /** Package.PackageName: refused. */
  packageName: 500,
  /** Execution.RunKey: refused. (PackageID, RunKey) is an index key: 4 + 2 * 800 bytes fits SQL Server's 1,700. */
  runKey: 800,
  /** ConfigVariable.VariableName: refused. */
  variableName: 128,
  /** RowCount.ObjectName: refused. */
  objectName: 400,
  /** RowCount.CountType: refused. */
  countType: 128,
  /** AuditLog.Action: bfx-begin's own words (enable, takeover...). */
  action: 40,
  /** AuditLog.Actor: cut. */
  actor: 400,
  /** Execution's run context (Repository, Workflow, Job, RunId, RunAttempt, Actor, EventName, CommitSha): cut. */
  context: 400,
} as const;

/** Ends a value that was cut to fit its column, so that a reader knows there was more. */
export const CUT_MARKER = '…';

/**
 * A value for a column whose rule is to cut: unchanged when it fits, else its first `length - 1`
 * units and the marker (never half of a surrogate pair).
 */
export function cutToFit(value: string | null, length: number): string | null {
  if (value === null || value.length <= length) return value;
  const kept = value.slice(0, length - CUT_MARKER.length);
  return (/[\uD800-\uDBFF]$/.test(kept) ? kept.slice(0, -1) : kept) + CUT_MARKER;
}

/** The run context as its columns hold it: every field cut to fit. */
export function fitRunContext(context: RunContext): RunContext {
  const fit = (value: string | null) => cutToFit(value, COLUMN_LENGTH.context);
  return {
    repository: fit(context.repository),
    workflow: fit(context.workflow),
    job: fit(context.job),
    runId: fit(context.runId),
    runAttempt: fit(context.runAttempt),
    actor: fit(context.actor),
    event: fit(context.event),
    sha: fit(context.sha),
  };
}
