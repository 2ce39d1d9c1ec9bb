/**
 * The operator's commands on one package: enable / disable, skip / resume, reset and var set. Each
 * holds the package's lock, asks decision.ts where there is a rule, and records the change with
 * who made it and why in the audit log.
 */
import type {
  AuditEntry,
  CatalogEngine,
  ExecutionRow,
  NewAuditEntry,
  PackageRow,
  PackageTransaction,
  Variable,
  VariableValue,
} from '../catalog/catalog.js';
import { decideNextLoadStatus, decideReset, holdsFinish, holdsVariable, recordedSince } from '../decision.js';
import { COLUMN_LENGTH, cutToFit } from '../catalog/limits.js';
import { OPERATOR_NEXT_LOAD, RESUME, SKIP, VAR_SET } from './audit-entries.js';

/**
 * What an attempt of an operator command sent with its COMMIT: its audit entry, and the newest entry
 * of its action that the attempt read under the package's lock. Committed, its own entry is the
 * first of that action after the newest (docs/design.md, "A commit whose outcome is unknown").
 */
interface SentEntry {
  entry: NewAuditEntry;
  newest: string | null;
}

const RECORDED_SINCE_LIMIT = 100;

/** A first attempt reads the newest entry of the action; a retry, those since. */
const ownEntries = (tx: PackageTransaction, action: string, sent: SentEntry | undefined) =>
  tx.packageAudit(action, sent?.newest ?? null, sent ? RECORDED_SINCE_LIMIT : 1);

const sending = (entry: NewAuditEntry, recorded: AuditEntry[], sent: SentEntry | undefined): SentEntry => ({
  entry,
  newest: recorded[0]?.auditId ?? sent?.newest ?? null,
});
import { ascending, finish, ids } from './rows.js';

/** Who changes a package by hand, and why: recorded in the audit log with the change. */
export interface Operator {
  actor: string | null;
  reason: string | null;
}

export type NextLoadStatusChange =
  | { kind: 'changed'; execution: ExecutionRow }
  | { kind: 'no-execution' }
  | { kind: 'active'; execution: ExecutionRow }
  | { kind: 'no-package' };

export type ResetResult =
  /** children: the active children ended with it; skippedChildren: the succeeded ones set to C. */
  | { kind: 'reset'; execution: ExecutionRow; children: ExecutionRow[]; skippedChildren: string[] }
  | { kind: 'none-active' }
  | { kind: 'no-package' };

export type VariableChange = { kind: 'set'; variable: Variable } | { kind: 'no-package' };
/** The package row after an enable or disable, and whether it changed anything (and so was recorded). */
export type EnabledChange = PackageRow & { changed: boolean };

/**
 * enable / disable. Returns the package row after it, or null when there is no such package.
 * Enabling an enabled package (or disabling a disabled one) is no change: nothing is written or
 * recorded in the audit log.
 */
export function setEnabled(
  catalog: CatalogEngine,
  packageName: string,
  enabled: boolean,
  operator: Operator,
): Promise<EnabledChange | null> {
  const action = enabled ? 'enable' : 'disable';
  // Run again after its COMMIT's answer was lost: its audit entry tells it committed (SentEntry).
  let sent: SentEntry | undefined;
  return catalog.transaction({ packageName }, `${action} package "${packageName}"`, async (tx) => {
    const [pkg, recorded] = await Promise.all([tx.package(), ownEntries(tx, action, sent)]);
    if (!pkg) return null;
    if (sent && recordedSince(recorded, sent.entry)) return { ...pkg, isEnabled: enabled, changed: true };
    if (pkg.isEnabled === enabled) return { ...pkg, changed: false };
    const entry = audit(operator, action, null, `IsEnabled set to ${enabled}.`);
    sent = sending(entry, recorded, sent);
    const [changed] = await Promise.all([tx.setEnabled(enabled), tx.recordAudit(entry), tx.commit()]);
    return changed && { ...changed, changed: true };
  });
}

/** skip (C) and resume (P): the latest execution's NextLoadStatus, refused while one is active. */
export function setNextLoadStatus(
  catalog: CatalogEngine,
  packageName: string,
  nextLoadStatus: 'C' | 'P',
  operator: Operator,
): Promise<NextLoadStatusChange> {
  const what = `set the next load status of package "${packageName}"`;
  const action = nextLoadStatus === 'C' ? SKIP : RESUME;
  // Run again after its COMMIT's answer was lost: its audit entry tells it committed (SentEntry).
  let sent: SentEntry | undefined;
  return catalog.transaction({ packageName }, what, async (tx): Promise<NextLoadStatusChange> => {
    const [state, recorded, earlier] = await Promise.all([
      operatorState(tx, false),
      ownEntries(tx, action, sent),
      sent ? tx.execution(sent.entry.executionId!) : null,
    ]);
    if (sent && earlier && recordedSince(recorded, sent.entry)) {
      return { kind: 'changed', execution: { ...earlier, nextLoadStatus } };
    }
    const plan = decideNextLoadStatus(state, nextLoadStatus);
    if (plan.kind !== 'change') return plan;
    const entry = audit(operator, action, plan.executionId, `NextLoadStatus set to ${nextLoadStatus}.`);
    sent = sending(entry, recorded, sent);
    const [changed] = await Promise.all([
      tx.setNextLoadStatus(plan.executionId, plan.nextLoadStatus),
      tx.recordAudit(entry),
      tx.commit(),
    ]);
    return { kind: 'changed', execution: changed };
  });
}

/**
 * reset: the package's active execution ends as F / R with the message, as a failed end would: for
 * a batch, its active children end F / R too and those that succeeded get C.
 */
export function reset(
  catalog: CatalogEngine,
  packageName: string,
  message: string,
  operator: Operator,
): Promise<ResetResult> {
  // What an attempt sent with its COMMIT: run again after the answer was lost, the reset finds the
  // execution it ended holding its end and reports it, rather than ending what a begin started
  // meanwhile (or reporting that nothing was active).
  let sent: Extract<ReturnType<typeof decideReset>, { kind: 'reset' }> | undefined;
  return catalog.transaction({ packageName }, `reset package "${packageName}"`, async (tx): Promise<ResetResult> => {
    if (sent) {
      const { finish: ended, children, propagation } = sent;
      const [execution, childRows] = await Promise.all([
        tx.execution(ended.executionId),
        children.length > 0 ? tx.children(ended.executionId) : [],
      ]);
      if (execution && holdsFinish(execution, ended)) {
        const childIds = children.map((child) => child.executionId);
        return {
          kind: 'reset',
          execution,
          children: childRows.filter((row) => childIds.includes(row.executionId)),
          skippedChildren: propagation?.executionIds ?? [],
        };
      }
    }
    const state = await operatorState(tx, true);
    const plan = decideReset(state, message);
    if (plan.kind !== 'reset') return plan;
    sent = plan;
    const childIds = plan.children.map((child) => child.executionId);
    const propagated = plan.propagation?.executionIds ?? [];
    const [ended, ...children] = await Promise.all([
      finish(tx, plan.finish),
      ...plan.children.map((child) => finish(tx, child)),
      propagated.length > 0
        ? tx.setNextLoadStatuses(propagated, plan.propagation!.nextLoadStatus).then(() => null)
        : null,
      tx.recordAudit(
        audit(
          operator,
          'reset',
          plan.finish.executionId,
          `${message}${childIds.length ? ` Children reset: ${childIds.join(', ')}.` : ''}` +
            `${propagated.length ? ` Succeeded children to be skipped (C): ${propagated.join(', ')}.` : ''}`,
        ),
      ),
      tx.commit(),
    ]);
    return {
      kind: 'reset',
      execution: ended,
      children: children.filter((row): row is ExecutionRow => row !== null && row !== undefined),
      skippedChildren: propagated,
    };
  });
}

/** var set: an operator sets a package's high-water mark; the value before is kept as PreviousValue. */
export function setVariable(
  catalog: CatalogEngine,
  packageName: string,
  value: VariableValue,
  operator: Operator,
): Promise<VariableChange> {
  const what = `set variable ${value.name} of package "${packageName}"`;
  // Run again after its COMMIT's answer was lost: its audit entry tells it committed (SentEntry).
  let sent: (SentEntry & { previousValue: string | null }) | undefined;
  return catalog.transaction({ packageName }, what, async (tx): Promise<VariableChange> => {
    const [pkg, before, recorded] = await Promise.all([tx.package(), tx.variables(), ownEntries(tx, VAR_SET, sent)]);
    if (!pkg) return { kind: 'no-package' };
    const old = before.find((variable) => variable.name === value.name);
    if (sent) {
      const own = recordedSince(recorded, sent.entry);
      // With more entries since than were read: the value stored over the one it read.
      if (own || (recorded.length === RECORDED_SINCE_LIMIT && old && holdsVariable(old, value, sent.previousValue))) {
        const stored = old && holdsVariable(old, value, sent.previousValue) ? old : undefined;
        const updatedTime = stored?.updatedTime ?? own?.createdTime ?? '';
        return {
          kind: 'set',
          variable: stored ?? { ...value, previousValue: sent.previousValue, executionId: null, updatedTime },
        };
      }
    }
    const change = old
      ? `${value.name} set from ${JSON.stringify(old.value)} to ${JSON.stringify(value.value)}.`
      : `${value.name} set to ${JSON.stringify(value.value)} (it had no value).`;
    const entry = audit(operator, VAR_SET, null, change);
    sent = { ...sending(entry, recorded, sent), previousValue: old?.value ?? null };
    const [, , variables] = await Promise.all([
      tx.storeVariables([value], null),
      tx.recordAudit(entry),
      tx.variables(),
      tx.commit(),
    ]);
    return { kind: 'set', variable: variables.find((variable) => variable.name === value.name)! };
  });
}

/**
 * What an operator change reads: for a reset of a batch, also the active execution's children,
 * read again once their packages are locked, so that no child's end slips in between.
 */
async function operatorState(tx: PackageTransaction, withChildren: boolean) {
  // The last ended execution is the one the next begin follows (step 6): skip and resume change it.
  const [pkg, active, latest] = await Promise.all([tx.package(), tx.activeExecution(), tx.lastEndedExecution()]);
  let activeChildren: ExecutionRow[] = [];
  let operatorChanged: string[] = [];
  if (withChildren && pkg?.isBatch && active) {
    const unlocked = await tx.children(active.executionId);
    if (unlocked.length > 0) {
      const [, locked, changed] = await Promise.all([
        tx.lockPackages(ascending(unlocked.map((child) => child.packageId))),
        tx.children(active.executionId),
        tx.auditedExecutions(ids(unlocked), OPERATOR_NEXT_LOAD),
      ]);
      activeChildren = locked;
      operatorChanged = changed;
    }
  }
  return { packageFound: pkg !== null, active, latest, activeChildren, operatorChanged };
}

const audit = (operator: Operator, action: string, executionId: string | null, change: string) => ({
  executionId,
  action,
  detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
  actor: cutToFit(operator.actor, COLUMN_LENGTH.actor),
});
