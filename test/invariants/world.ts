/**
 * The real system a history runs against: one catalog of one engine, run control driven in
 * process, a fake GitHub that answers the live-run check from the history's own table of runs, and
 * a process of its own for the steps that are killed. Every history works on packages of its own
 * (a prefix per history), so histories share a catalog without seeing each other, and a shrunk
 * history replays on a catalog as it is.
 */
import type { CatalogEngine, ExecutionRow, Variable } from '../../src/catalog/catalog.js';
import { openCatalog } from '../../src/catalog/connect.js';
import type { LiveRunCheck, LiveRunVerdict, RunOwner } from '../../src/run-control.js';

export const OPTIONS = { createCatalog: true, connectTimeoutMs: 15_000, requestTimeoutMs: 60_000 };

/** What GitHub says about a run attempt; a run attempt nobody set is completed (its runner is gone). */
export type Verdict = 'alive' | 'completed' | 'unknown';

/** A catalog that histories run on: one engine, one database or file, open for as long as the suite runs. */
export interface Target {
  engine: string;
  connectionString: string;
  /** The catalog the sequential steps of every history use. */
  catalog: CatalogEngine;
  /** Catalogs of their own (one connection each) for the steps of a burst, as separate runners have; as many as a burst is large. */
  runners: CatalogEngine[];
  /** Whether steps may be run in a process of their own and killed (SQLite, PostgreSQL). */
  kills: boolean;
}

export const BURST = 32;

export async function openTarget(engine: string, connectionString: string, kills = true): Promise<Target> {
  const catalog = await openCatalog(connectionString, OPTIONS);
  const runners: CatalogEngine[] = [];
  for (let i = 0; i < BURST; i++) runners.push(await openCatalog(connectionString, OPTIONS));
  return { engine, connectionString, catalog, runners, kills };
}

export async function closeTarget(target: Target | undefined): Promise<void> {
  if (!target) return;
  await Promise.all([target.catalog, ...target.runners].map((catalog) => catalog.close()));
}

let histories = 0;

/** One history's view of the target: its package names, its runs' verdicts, its rows. */
export class World {
  readonly prefix: string;
  /** GitHub's answer about each run attempt (runId:attempt); the burst steps override it for every run. */
  readonly verdicts = new Map<string, Verdict>();
  /** Set by a burst: one answer for every run asked about. */
  verdictForAll: Verdict | undefined;
  /** Packages this history has begun, by short name. */
  readonly packages = new Set<string>();
  /** How many steps ran, and how many of them were killed (the reports count them). */
  steps = 0;
  kills = 0;

  constructor(readonly target: Target) {
    histories += 1;
    this.prefix = `h${process.pid}x${histories}_`;
  }

  get catalog(): CatalogEngine {
    return this.target.catalog;
  }

  name(pkg: string): string {
    return `${this.prefix}${pkg}`;
  }

  verdictOf(runId: string | null, runAttempt: string | null): Verdict {
    return this.verdictForAll ?? this.verdicts.get(`${runId}:${runAttempt}`) ?? 'completed';
  }

  /** The fake GitHub: answers from the verdicts table, never throws, as the real check promises. */
  readonly check: LiveRunCheck = async (owner: RunOwner): Promise<LiveRunVerdict> => {
    const url = `https://github.com/acme/loads/actions/runs/${owner.runId}/attempts/${owner.runAttempt}`;
    // An await, as a request has: other begins of a burst run meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    switch (this.verdictOf(owner.runId, owner.runAttempt)) {
      case 'alive':
        return { run: 'alive', status: 'in_progress', url };
      case 'completed':
        return { run: 'completed', conclusion: 'failure', url };
      case 'unknown':
        return { run: 'unknown', why: 'the test GitHub does not answer', todo: 'nothing', url: null };
    }
  };

  /** Every execution of this history's packages, oldest first. */
  async rows(): Promise<ExecutionRow[]> {
    const all = await Promise.all([...this.packages].map((pkg) => this.catalog.history(this.name(pkg), 100_000)));
    return all.flat().sort((a, b) => Number(BigInt(a.executionId) - BigInt(b.executionId)));
  }

  /** Every variable of this history's packages, by package short name. */
  async variables(): Promise<Map<string, Variable[]>> {
    const entries = await Promise.all(
      [...this.packages].map(async (pkg) => [pkg, (await this.catalog.variables(this.name(pkg))) ?? []] as const),
    );
    return new Map(entries);
  }

  /** Whether the package is enabled in the catalog; undefined when it is not registered. */
  async enabled(pkg: string): Promise<boolean | undefined> {
    const [status] = await this.catalog.status(this.name(pkg));
    return status?.isEnabled;
  }
}
