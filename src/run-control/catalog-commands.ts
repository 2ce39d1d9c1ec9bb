/**
 * Run control of the operator's catalog-wide commands: bfx check, purge, rename and delete. Each
 * reads what the catalog holds, asks operations.ts, and applies the plan under the package's lock,
 * like begin, end and package-commands.ts do for one package.
 */
import { NameTaken, type CatalogEngine, type PackageRow, type PackageStatus } from '../catalog/catalog.js';
import {
  decideDelete,
  decidePurge,
  decideRename,
  packageConcerns,
  purgeAgeMinutes,
  type Concern,
  type KeepReason,
  type PurgePlan,
} from '../operations.js';
import type { Operator } from './package-commands.js';

export interface PackageHealth {
  status: PackageStatus;
  concerns: Concern[];
}

/** bfx check: every package (or one), with what is wrong with it, judged by the catalog server's clock. */
export async function check(
  catalog: CatalogEngine,
  packageName: string | undefined,
  stuckAfterMinutes: number,
): Promise<{ now: string; packages: PackageHealth[] }> {
  const [now, packages] = await Promise.all([catalog.now(), catalog.status(packageName)]);
  return {
    now,
    packages: packages.map((status) => ({
      status,
      concerns: packageConcerns(
        { isEnabled: status.isEnabled, latest: status.latest, activeSince: status.active?.startTime ?? null },
        now,
        stuckAfterMinutes,
      ),
    })),
  };
}

export interface PackagePurge {
  packageName: string;
  /** Executions deleted, with their row counts and audit entries. */
  executions: number;
  /** Audit entries deleted that named no execution still in the catalog. */
  auditEntries: number;
  /** Executions old enough to go that stayed, by why. */
  kept: Partial<Record<KeepReason, number>>;
}

export interface PurgeResult {
  /** The age from which rows were deleted, in minutes (at least the re-entry window). */
  olderThanMinutes: number;
  /** The packages that lost rows or kept old ones. */
  packages: PackagePurge[];
}

/** The default number of executions (or audit entries) one purge transaction deletes. */
export const PURGE_BATCH_SIZE = 500;

/**
 * bfx purge: package by package, in transactions of at most batchSize executions (the last of a
 * package also deleting up to batchSize old audit entries, and recording the purge), each holding
 * only that package's lock, so that a begin of the package waits for one batch at most, and begins
 * of other packages not at all. After each transaction the purge pauses as long as it took: on
 * SQLite every transaction locks the whole file, and a begin waiting on it (polling, as SQLite's
 * busy handler does) must find it free often enough; the purge takes at most half of the catalog's
 * time. Each package that lost rows gets an audit entry.
 */
export async function purge(
  catalog: CatalogEngine,
  olderThanDays: number,
  operator: Operator,
  batchSize = PURGE_BATCH_SIZE,
): Promise<PurgeResult> {
  const age = purgeAgeMinutes(olderThanDays);
  const result: PurgeResult = { olderThanMinutes: age, packages: [] };
  for (const { packageName } of await catalog.status(undefined)) {
    const what = `purge package "${packageName}"`;
    const done: PackagePurge = { packageName, executions: 0, auditEntries: 0, kept: {} };
    let after: string | null = null;
    let executionsLeft = true;
    for (;;) {
      const started = performance.now();
      const batch = await catalog.transaction({ packageName }, what, async (tx) => {
        const candidates = executionsLeft ? await tx.purgeCandidates(age, after, batchSize) : [];
        let deleted = 0;
        let kept: PurgePlan['kept'] = [];
        if (candidates.length > 0) {
          const parentIds = [...new Set(candidates.flatMap((candidate) => candidate.parentExecutionId ?? []))];
          const [parents, children] = await Promise.all([
            tx.standings(parentIds, age),
            tx.childStandings(
              candidates.map((candidate) => candidate.executionId),
              age,
            ),
          ]);
          const plan = decidePurge({ candidates, parents, children });
          deleted = await tx.deleteExecutions(plan.delete);
          kept = plan.kept;
        }
        const lastOfExecutions = candidates.length < batchSize;
        const audit = lastOfExecutions ? await tx.deleteOldAudit(age, batchSize) : 0;
        const finished = lastOfExecutions && audit < batchSize;
        const purged = {
          executions: done.executions + deleted,
          auditEntries: done.auditEntries + audit,
          kept: Object.values(done.kept).reduce((sum, count) => sum + count, kept.length),
        };
        if (finished && purged.executions + purged.auditEntries > 0) {
          await tx.recordAudit(purgeAudit(operator, purged, olderThanDays));
        }
        await tx.commit();
        return { lastOfExecutions, finished, deleted, audit, kept, last: candidates.at(-1)?.executionId ?? after };
      });
      done.executions += batch.deleted;
      done.auditEntries += batch.audit;
      for (const { reason } of batch.kept) done.kept[reason] = (done.kept[reason] ?? 0) + 1;
      after = batch.last;
      executionsLeft = !batch.lastOfExecutions;
      await sleep(performance.now() - started);
      if (batch.finished) break;
    }
    if (done.executions + done.auditEntries > 0 || Object.keys(done.kept).length > 0) result.packages.push(done);
  }
  return result;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function purgeAudit(
  operator: Operator,
  purged: { executions: number; auditEntries: number; kept: number },
  olderThanDays: number,
) {
  const { executions, auditEntries, kept } = purged;
  const change =
    `Purged ${executions} execution${executions === 1 ? '' : 's'} and ${auditEntries} ` +
    `audit entr${auditEntries === 1 ? 'y' : 'ies'} older than ${olderThanDays} day${olderThanDays === 1 ? '' : 's'}` +
    (kept > 0 ? `; kept ${kept} old execution${kept === 1 ? '' : 's'} that decisions still read.` : '.');
  return {
    executionId: null,
    action: 'purge',
    detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
    actor: operator.actor,
  };
}

export type RenameResult =
  { kind: 'renamed'; package: PackageRow } | { kind: 'no-package' } | { kind: 'same-name' } | { kind: 'taken' };

/** bfx rename: the package keeps its ID, executions, marks and audit entries; the rename is audited. */
export function rename(
  catalog: CatalogEngine,
  oldName: string,
  newName: string,
  operator: Operator,
): Promise<RenameResult> {
  const what = `rename package "${oldName}"`;
  // The package an attempt renamed with its COMMIT: run again after the answer was lost, the
  // command finds it under the new name and reports the rename (a package registered under the old
  // name meanwhile is not renamed).
  let sent: number | undefined;
  const renaming = catalog.transaction({ packageName: oldName }, what, async (tx): Promise<RenameResult> => {
    const [pkg, named] = await Promise.all([tx.package(), tx.packageNamed(newName)]);
    if (sent !== undefined && named?.packageId === sent) return { kind: 'renamed', package: named };
    const plan = decideRename({
      packageFound: pkg !== null,
      sameName: oldName === newName,
      newNameTaken: named !== null && named.packageId !== pkg?.packageId,
    });
    if (plan.kind !== 'rename') return plan;
    sent = pkg!.packageId;
    const change = `Renamed from ${JSON.stringify(oldName)} to ${JSON.stringify(newName)}.`;
    // The audit entry first: an engine may find the locked package by its name, which the rename changes.
    const [, renamed] = await Promise.all([
      tx.recordAudit({
        executionId: null,
        action: 'rename',
        detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
        actor: operator.actor,
      }),
      tx.renamePackage(newName),
      tx.commit(),
    ]);
    return { kind: 'renamed', package: renamed };
  });
  // A begin registered the new name after it was read free: the same answer as when it was seen.
  return renaming.catch((error: unknown) => {
    if (error instanceof NameTaken) return { kind: 'taken' };
    throw error;
  });
}

export type DeleteResult =
  | { kind: 'deleted'; package: PackageRow; executions: number }
  | { kind: 'no-package' }
  | { kind: 'active'; executionId: string };

/**
 * bfx delete: the package and everything of it, in one transaction under its lock; refused while
 * an execution is active. Its audit entries go with it; the deletion itself is recorded as an
 * entry of no package (AuditLog.PackageID null), naming the package in its detail
 * (docs/catalog.md, Retention).
 */
export function deletePackage(catalog: CatalogEngine, packageName: string, operator: Operator): Promise<DeleteResult> {
  const what = `delete package "${packageName}"`;
  // What an attempt deleted with its COMMIT: run again after the answer was lost, the command finds
  // no package of that ID and reports the deletion it made; a package a begin registered under the
  // name meanwhile is another package, and is left alone.
  let sent: Extract<DeleteResult, { kind: 'deleted' }> | undefined;
  return catalog.transaction({ packageName }, what, async (tx): Promise<DeleteResult> => {
    const [pkg, active] = await Promise.all([tx.package(), tx.activeExecution()]);
    if (sent && pkg?.packageId !== sent.package.packageId) return sent;
    const plan = decideDelete({ packageFound: pkg !== null, active });
    if (plan.kind !== 'delete') return plan;
    const { executions } = await tx.deletePackage();
    sent = { kind: 'deleted', package: pkg!, executions };
    await Promise.all([tx.recordDeletion(deletionAudit(operator, pkg!, executions)), tx.commit()]);
    return { kind: 'deleted', package: pkg!, executions };
  });
}

/** The detail of a deletion's audit entry: the only place that still names the package. */
function deletionAudit(operator: Operator, pkg: PackageRow, executions: number) {
  const change =
    `Deleted package ${JSON.stringify(pkg.packageName)} (PackageID ${pkg.packageId}) with ` +
    `${executions} execution${executions === 1 ? '' : 's'}, their row counts, its marks and its audit entries.`;
  return {
    executionId: null,
    action: 'delete',
    detail: operator.reason ? `${change} Reason: ${operator.reason}` : change,
    actor: operator.actor,
  };
}
