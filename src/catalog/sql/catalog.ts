/**
 * CatalogEngine, written once over a Driver: package transactions (transaction.ts), the unlocked
 * reads, and inspect / migrate with the engine's schema.ts and shape.ts. Calls on one catalog take
 * turns on its one connection; a transient fault (faults.isTransient) runs the whole call again
 * from the start on a fresh connection, and whatever fails at last is the user's one sentence
 * (faults.explain).
 *
 * The catalog check of a begin is folded into its first transaction: the catalog's INSPECT and
 * RECORDED_VERSION go right after BEGIN, in the round trip of the locks and the first reads, and
 * are judged before anything is answered. A current catalog costs no round trip more; a missing or
 * older one is rolled back, created or upgraded (or refused, per create-catalog), and the
 * transaction runs again; a foreign or newer one is refused.
 */
import { BfxError } from '../../errors.js';
import {
  ACTION_NO_CREATE,
  CATALOG_VERSION,
  SUCCEEDED,
  UPGRADE_IN_BEGIN_MAX_EXECUTIONS,
  type AuditEntry,
  type CatalogEngine,
  type CatalogState,
  type ExecutionFilter,
  type ExecutionRow,
  type MigrateOptions,
  type OpenOptions,
  type PackageLock,
  type PackageStatus,
  type PackageTransaction,
  type ReportSnapshot,
  type StoredRowCount,
  type Variable,
} from '../catalog.js';
import { retryOnSchedule } from '../retry.js';
import { text, toAuditEntry, toExecutionRow, toPackageRow, toStoredRowCount, toVariable } from '../rows.js';
import { judgeCatalog, refuseLargeUpgrade, refuseUncheckedExecutions, type Inspection } from '../shape.js';
import { Turns } from '../turns.js';
import {
  CommitOutcomeUnknown,
  type Answer,
  type Driver,
  type Outcome,
  type Params,
  type StatementName,
  type Step,
} from './driver.js';
import { SqlTransaction, executionIdValue, textFor } from './transaction.js';

/**
 * How an open catalog is checked before its first use: not at all (`bfx migrate`, which migrates
 * itself), or per create-catalog (every other command), in the first transaction where it can.
 */
export type CatalogCheck = 'none' | 'on-first-use';

/** Connects (so that a wrong host, password or database fails at once and clearly) and returns the catalog. */
export async function openSqlCatalog(
  driver: Driver,
  options: OpenOptions,
  check: CatalogCheck,
): Promise<CatalogEngine> {
  const catalog = new SqlCatalog(driver, options, check === 'on-first-use');
  await catalog.connectFirst();
  return catalog;
}

/**
 * What a catalog check does about what it found: nothing for a current catalog; for a missing or
 * older one, a refusal when create-catalog is false, else a migration in place (of a small
 * catalog: a large one is left to `bfx migrate`).
 */
export async function makeCurrent(catalog: CatalogEngine, state: CatalogState, options: OpenOptions): Promise<void> {
  if (state.kind === 'version' && state.version >= CATALOG_VERSION) return;
  if (!options.createCatalog) {
    const { because, create, upgrade } = options.noCreate ?? ACTION_NO_CREATE;
    throw new BfxError(
      state.kind === 'empty'
        ? `The catalog ${catalog.location} has no bfx tables and ${because}, so nothing was created: ${create}.`
        : `The catalog ${catalog.location} holds version ${state.version} of the bfx tables, this release needs ` +
            `version ${CATALOG_VERSION}, and ${because}, so nothing was changed: ${upgrade}.`,
    );
  }
  await catalog.migrate({ maxExecutions: UPGRADE_IN_BEGIN_MAX_EXECUTIONS });
}

/** A catalog check found the catalog missing or older: created or upgraded (or refused), then the call runs again. */
class CatalogNotCurrent extends Error {
  override name = 'CatalogNotCurrent';
  constructor(readonly state: CatalogState) {
    super('The catalog is not at the version this release uses.');
  }
}

const statement = (driver: Driver, name: StatementName, params: Params = {}): Step => ({
  kind: 'statement',
  name,
  text: textFor(driver.statements[name], 'name'),
  params,
});

/** The answers of a round trip, or its first failure. */
function answers(outcomes: readonly Outcome[]): Answer[] {
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed && !failed.ok) throw failed.error;
  return outcomes.map((outcome) => (outcome as { answer: Answer }).answer);
}

const hasVersionTable = (inspection: Omit<Inspection, 'recordedVersion'>) =>
  inspection.columns.some((c) => c.table.toLowerCase() === 'catalogversion' && c.column.toLowerCase() === 'version');

const numberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

class SqlCatalog implements CatalogEngine {
  readonly engine: CatalogEngine['engine'];
  readonly location: string;
  private readonly turns = new Turns();
  /** Once the server has answered, a refused or dropped connection means it went away: retry. */
  private everConnected = false;

  constructor(
    private readonly driver: Driver,
    private readonly options: OpenOptions,
    /** The catalog check is still to be made (create-catalog decides what a missing or older catalog gets). */
    private unchecked: boolean,
  ) {
    this.engine = driver.engine;
    this.location = driver.location;
  }

  async connectFirst(): Promise<void> {
    try {
      await retryOnSchedule(
        () => this.driver.connect(),
        (error) => this.driver.faults.isTransient(error, false),
        this.driver.faults.schedule,
      );
      this.everConnected = true;
    } catch (error) {
      await this.driver.close();
      throw this.driver.faults.explain(error, 'connect');
    }
  }

  // ---- the catalog's tables ------------------------------------------------------------------

  inspect(): Promise<CatalogState> {
    return this.retrying('read the catalog tables', async () => {
      const [inspected] = answers(await this.driver.send([statement(this.driver, 'INSPECT')]));
      const inspection = this.driver.schema.inspection(inspected);
      const version = hasVersionTable(inspection) ? await this.recordedVersion() : null;
      return this.judge(inspection, version);
    });
  }

  private async recordedVersion(): Promise<number | null> {
    const [found] = answers(await this.driver.send([statement(this.driver, 'RECORDED_VERSION')]));
    return numberOrNull(found.rows[0]?.version);
  }

  private judge(inspection: Omit<Inspection, 'recordedVersion'>, recordedVersion: number | null): CatalogState {
    const { schema } = this.driver;
    return judgeCatalog({ ...inspection, recordedVersion }, schema.versions, schema.where, schema.foreignTableFix);
  }

  /**
   * In one transaction under MIGRATE_LOCK: inspect again, refuse what shape.ts refuses, then run
   * the DDL schema.ts gives from the catalog's version, and record the versions applied. When
   * everything is there, only the inspection runs: a user without CREATE rights can run it.
   */
  migrate(options: MigrateOptions = {}): Promise<{ from: number; to: number; created: string[] }> {
    return this.retrying('migrate the catalog', async () => {
      const { driver } = this;
      try {
        const [, , inspected] = answers(
          await driver.send([
            { kind: 'begin', mode: 'migrate' },
            statement(driver, 'MIGRATE_LOCK'),
            statement(driver, 'INSPECT'),
          ]),
        );
        const inspection = driver.schema.inspection(inspected);
        const state = this.judge(inspection, hasVersionTable(inspection) ? await this.recordedVersion() : null);
        const from = state.kind === 'empty' ? 0 : state.version;
        if (from > 0 && from < CATALOG_VERSION) {
          const [size] = answers(await driver.send([statement(driver, 'UPGRADE_SIZE')]));
          const { executions, unchecked, firstUnchecked } = size.rows[0] ?? {};
          const where = driver.schema.where;
          const refused =
            refuseLargeUpgrade(where, from, CATALOG_VERSION, Number(executions ?? 0), options.maxExecutions) ??
            (from < 3
              ? refuseUncheckedExecutions(
                  where,
                  driver.schema.executionTable ?? 'Execution',
                  Number(unchecked ?? 0),
                  text(firstUnchecked),
                )
              : undefined);
          if (refused) throw refused;
        }
        const steps = from < CATALOG_VERSION ? driver.schema.migration(from, inspected) : [];
        const applied = Array.from({ length: CATALOG_VERSION - from }, (_, i) => from + i + 1);
        answers(
          await driver.send([
            ...steps.map(({ text }): Step => ({ kind: 'ddl', text })),
            ...(applied.length > 0 ? [statement(driver, 'RECORD_VERSIONS', { Versions: applied })] : []),
            { kind: 'commit' },
          ]),
        );
        return { from, to: Math.max(from, CATALOG_VERSION), created: steps.map((step) => step.creates) };
      } catch (error) {
        await driver.rollback();
        throw error;
      }
    });
  }

  /** Before a call that cannot fold the check in: the check on its own (outside any turn: it takes its own). */
  private async checked(): Promise<void> {
    if (!this.unchecked) return;
    await makeCurrent(this, await this.inspect(), this.options);
    this.unchecked = false;
  }

  // ---- package transactions ------------------------------------------------------------------

  async transaction<T>(lock: PackageLock, what: string, work: (tx: PackageTransaction) => Promise<T>): Promise<T> {
    if (!this.unchecked) return this.retrying(what, () => this.attempt(lock, work, false));
    try {
      const result = await this.retrying(what, () => this.attempt(lock, work, true));
      this.unchecked = false;
      return result;
    } catch (error) {
      if (!(error instanceof CatalogNotCurrent)) throw error;
      await makeCurrent(this, error.state, this.options);
      this.unchecked = false;
      return this.retrying(what, () => this.attempt(lock, work, false));
    }
  }

  /**
   * One transaction on the one connection: if that connection is lost, the transaction is gone
   * with it, and the work fails (to be run again from the start) rather than going on, outside
   * any transaction, on a new connection. Work that returns without committing is committed then.
   * Whatever fails, the transaction's first failure is the one reported.
   */
  private async attempt<T>(
    lock: PackageLock,
    work: (tx: PackageTransaction) => Promise<T>,
    check: boolean,
  ): Promise<T> {
    await this.connection();
    const tx = new SqlTransaction(this.driver, lock, check ? this.foldedCheck() : undefined);
    try {
      const result = await work(handled(tx));
      await tx.commit();
      return result;
    } catch (error) {
      await tx.trips.settled();
      if (!tx.trips.committed) await this.driver.rollback();
      throw tx.trips.failure ? tx.trips.failure.error : error;
    }
  }

  /**
   * The catalog check in a transaction's first round trip: INSPECT and RECORDED_VERSION after
   * BEGIN. Judged before anything of that round trip is answered: a refusal, or CatalogNotCurrent,
   * fails every step of it, and nothing after it is sent.
   */
  private foldedCheck() {
    return {
      steps: ['INSPECT', 'RECORDED_VERSION'] satisfies StatementName[],
      check: (steps: readonly Step[], outcomes: readonly Outcome[]): unknown => {
        const at = steps.findIndex((step) => step.kind === 'statement' && step.name === 'INSPECT');
        if (at < 0) return undefined;
        const [inspected, version] = [outcomes[at], outcomes[at + 1]];
        // A catalog that cannot be read at all (not a database, no rights) fails as it is.
        if (!inspected.ok) return undefined;
        try {
          const inspection = this.driver.schema.inspection(inspected.answer);
          // No CatalogVersion table: RECORDED_VERSION failed, and the catalog is at most version 1.
          const recorded = version.ok ? numberOrNull(version.answer.rows[0]?.version) : null;
          if (!version.ok && hasVersionTable(inspection)) return undefined;
          const state = this.judge(inspection, recorded);
          return state.kind === 'version' && state.version === CATALOG_VERSION
            ? undefined
            : new CatalogNotCurrent(state);
        } catch (refusal) {
          return refusal;
        }
      },
    };
  }

  // ---- unlocked reads ------------------------------------------------------------------------

  /** Statements outside any package's lock, on the open connection, in one round trip; their answers. */
  private async unlocked(what: string, names: [StatementName, Params][]): Promise<Answer[]> {
    await this.checked();
    return this.retrying(what, async () => {
      await this.connection();
      return answers(await this.driver.send(names.map(([name, params]) => statement(this.driver, name, params))));
    });
  }

  async status(packageName: string | undefined): Promise<PackageStatus[]> {
    const byName = { PackageName: packageName ?? null };
    const [found, latest, active] = await this.unlocked('read the status', [
      ['STATUS_PACKAGES', byName],
      ['STATUS_LATEST', byName],
      ['STATUS_ACTIVE', byName],
    ]);
    const latestOf = new Map(latest.rows.map((raw) => [Number(raw.packageId), raw]));
    const activeOf = new Map(active.rows.map((raw) => [Number(raw.packageId), toExecutionRow(raw)]));
    return found.rows.map(toPackageRow).map((pkg) => {
      const latestRow = latestOf.get(pkg.packageId);
      return {
        ...pkg,
        latest: latestRow ? toExecutionRow(latestRow) : null,
        active: activeOf.get(pkg.packageId) ?? null,
        batchPackageName: typeof latestRow?.batchPackageName === 'string' ? latestRow.batchPackageName : null,
      };
    });
  }

  async history(packageName: string, limit: number, filter: ExecutionFilter = {}): Promise<ExecutionRow[]> {
    const unfiltered = filter.sinceMinutes === undefined && filter.statuses === undefined;
    const [rows] = await this.unlocked('read the history', [
      unfiltered
        ? ['HISTORY', { PackageName: packageName, Limit: limit }]
        : ['FILTERED_HISTORY', { PackageName: packageName, Limit: limit, ...filterValues(filter) }],
    ]);
    return rows.rows.map(toExecutionRow);
  }

  async runs(filter: ExecutionFilter, limit: number): Promise<ExecutionRow[]> {
    const [rows] = await this.unlocked('read the runs', [['RUNS', { Limit: limit, ...filterValues(filter) }]]);
    return rows.rows.map(toExecutionRow);
  }

  async now(): Promise<string> {
    const [rows] = await this.unlocked("read the catalog's clock", [['NOW', {}]]);
    const now = rows.rows[0].now;
    return now instanceof Date ? now.toISOString() : String(now);
  }

  async children(parentExecutionId: string): Promise<ExecutionRow[]> {
    const [rows] = await this.unlocked('read the children of a batch execution', [
      ['CHILDREN', { ParentExecutionID: executionIdValue(parentExecutionId) }],
    ]);
    return rows.rows.map(toExecutionRow);
  }

  async variables(packageName: string): Promise<Variable[] | null> {
    const [rows] = await this.unlocked('read the variables', [['PACKAGE_VARIABLES', { PackageName: packageName }]]);
    if (rows.rows.length === 0) return null;
    return rows.rows.filter((raw) => raw.name !== null && raw.name !== undefined).map(toVariable);
  }

  async rowCounts(executionIds: string[]): Promise<StoredRowCount[]> {
    if (executionIds.length === 0) return [];
    const ids = [...new Set(executionIds.map(executionIdValue))];
    const [rows] = await this.unlocked('read the row counts', [['ROW_COUNTS', { ExecutionIDs: ids }]]);
    return rows.rows.map(toStoredRowCount);
  }

  async audit(packageName: string, limit: number): Promise<AuditEntry[]> {
    const [rows] = await this.unlocked('read the audit log', [['AUDIT', { PackageName: packageName, Limit: limit }]]);
    return rows.rows.map(toAuditEntry);
  }

  /** One snapshot (BEGIN 'snapshot'), a fixed number of reads whatever the number of packages. */
  async reportSnapshot(windowMinutes: number): Promise<ReportSnapshot> {
    await this.checked();
    return this.retrying('read the catalog for the report', async () => {
      await this.connection();
      const { driver } = this;
      const window = { Minutes: windowMinutes };
      let found: Answer[];
      try {
        found = answers(
          await driver.send([
            { kind: 'begin', mode: 'snapshot' },
            statement(driver, 'REPORT_CLOCK', window),
            statement(driver, 'REPORT_PACKAGES'),
            statement(driver, 'REPORT_EXECUTIONS', { ...window, Succeeded: SUCCEEDED }),
            statement(driver, 'REPORT_ROW_COUNTS', window),
            statement(driver, 'REPORT_AUDIT', window),
            { kind: 'commit' },
          ]),
        );
      } catch (error) {
        await driver.rollback();
        throw error;
      }
      const [, clock, packages, executions, rowCounts, audit] = found;
      const instant = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));
      return {
        now: instant(clock.rows[0].now),
        since: instant(clock.rows[0].since),
        packages: packages.rows.map(toPackageRow),
        executions: executions.rows.map(toExecutionRow),
        rowCounts: rowCounts.rows.map(toStoredRowCount),
        audit: audit.rows.map(toAuditEntry),
      };
    });
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  // ---- connections and retries ---------------------------------------------------------------

  /** The open connection, or a new one after the last was lost. */
  private async connection(): Promise<void> {
    await this.driver.connect();
    this.everConnected = true;
  }

  /**
   * Runs an attempt with retries on transient faults, each attempt taking its turn on this
   * catalog (calls made at once on one catalog would otherwise send statements into each other's
   * transaction on the one connection); a failure is turned into one sentence for the user.
   */
  private async retrying<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    const { faults } = this.driver;
    let firstFault: unknown;
    let unknownCommit: CommitOutcomeUnknown | undefined;
    try {
      return await retryOnSchedule(
        () => this.turns.run(attempt),
        (error) => {
          const lostCommit = error instanceof CommitOutcomeUnknown;
          if (lostCommit) unknownCommit ??= error;
          const transient = lostCommit || faults.isTransient(error, this.everConnected);
          if (transient) firstFault ??= error;
          // Whatever the fault, the next attempt starts on a connection with no open transaction.
          if (lostCommit || (transient && faults.isConnectionLoss(error))) this.driver.drop();
          return transient;
        },
        faults.schedule,
      );
    } catch (error) {
      if (error instanceof CatalogNotCurrent) throw error;
      const explained = faults.explain(error, what, firstFault);
      // A fault after a lost COMMIT's answer: the outcome is unknown, never "nothing was changed".
      if (unknownCommit && explained !== error && explained instanceof BfxError) {
        throw faults.explain(unknownCommit, what, firstFault);
      }
      throw explained;
    }
  }
}

const filterValues = (filter: ExecutionFilter) => ({
  Since: filter.sinceMinutes ?? null,
  Statuses: filter.statuses ?? null,
});

/**
 * The transaction as work sees it: every promise a call returns has a rejection handler, so a call
 * work leaves unawaited when an earlier one failed is never an unhandled rejection (the
 * transaction reports its first failure itself).
 */
function handled(tx: PackageTransaction): PackageTransaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const returned: unknown = Reflect.apply(value, target, args);
        if (returned instanceof Promise) returned.catch(() => undefined);
        return returned;
      };
    },
  });
}
