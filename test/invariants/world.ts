/**
 * The real system a history runs against: one catalog of one engine, run control driven in
 * process, a fake GitHub that answers the live-run check from the history's own table of runs, and
 * a process of its own for the steps that are killed. Every history works on packages of its own
 * (a prefix per history), so histories share a catalog without seeing each other, and a shrunk
 * history replays on a catalog as it is.
 */
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { CatalogEngine, ExecutionRow, Variable } from '../../src/catalog/catalog.js';
import { openCatalog } from '../../src/catalog/connect.js';
import type { LiveRunCheck, LiveRunVerdict, RunOwner } from '../../src/run-control/index.js';
import type { Allowances, Snapshot } from './invariants.js';

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
  /** Whether steps may be run in a process of their own and killed. */
  kills: boolean;
  /** Reads a history's rows, as a user's report would (one query each, not one per package). */
  reader: Reader;
  /** Loses the answer to the next COMMIT of `catalog` (the LoseCommit step); none: the step runs as it is. */
  loseCommit?: CommitLoss;
}

/**
 * The answer to a COMMIT lost: the transaction committed, and its caller saw a lost connection. On
 * PostgreSQL a proxy drops the connection at COMMIT (test/support/commit-drop-proxy.ts); elsewhere
 * `simulatedCommitLoss` does what the SQL core does then: the work runs again on a new transaction.
 */
export interface CommitLoss {
  /**
   * The next COMMIT's answer is lost; `meanwhile` runs once it is (on catalogs of its own), before
   * the call's next attempt reaches the catalog.
   */
  arm(meanwhile?: () => Promise<unknown>): void;
  /** No COMMIT came: the next one is answered. */
  cancel(): void;
  /** How many answers were lost so far. */
  drops(): number;
  close(): Promise<void>;
}

/**
 * The catalog, with a CommitLoss that makes its next transaction commit and then run its work again
 * on a new transaction, as the SQL core's retry of a transient fault after COMMIT does. `retry`
 * false is a broken core for the mutants: the commit's loss is reported as the step's failure.
 */
export function simulatedCommitLoss(
  catalog: CatalogEngine,
  retry = true,
): { catalog: CatalogEngine; loss: CommitLoss } {
  let armed = false;
  let dropped = 0;
  let meanwhile: (() => Promise<unknown>) | undefined;
  const transaction: CatalogEngine['transaction'] = async (lock, what, work) => {
    if (!armed) return catalog.transaction(lock, what, work);
    armed = false;
    await catalog.transaction(lock, what, work);
    dropped += 1;
    const then = meanwhile;
    meanwhile = undefined;
    await then?.();
    if (!retry) throw new Error(`The catalog connection was lost while it was asked to ${what}.`);
    return catalog.transaction(lock, what, work);
  };
  return {
    catalog: Object.assign(Object.create(catalog) as CatalogEngine, { transaction }),
    loss: {
      arm: (then) => {
        armed = true;
        meanwhile = then;
      },
      cancel: () => {
        armed = false;
        meanwhile = undefined;
      },
      drops: () => dropped,
      close: async () => {},
    },
  };
}

/** The columns of an Execution row the invariants read. */
export type Row = Pick<
  ExecutionRow,
  | 'executionId'
  | 'packageName'
  | 'executionStatus'
  | 'nextLoadStatus'
  | 'retryCount'
  | 'ended'
  | 'endTime'
  | 'parentExecutionId'
  | 'runKey'
  | 'runId'
  | 'runAttempt'
>;
export type VariableRow = Pick<Variable, 'name' | 'value' | 'executionId'>;

export interface Reader {
  /** The executions of the packages whose names start with the prefix, oldest first. */
  rows(prefix: string): Promise<Row[]>;
  /** Their variables, by package name. */
  variables(prefix: string): Promise<Map<string, VariableRow[]>>;
  close(): Promise<void>;
}

const ROWS = (execution: string, pkg: string) => `
  SELECT e.ExecutionID AS id, p.PackageName AS pkg, e.ExecutionStatus AS status, e.NextLoadStatus AS nls,
         e.RetryCount AS retries, e.EndTime AS endtime, e.ParentExecutionID AS parent, e.RunKey AS runkey,
         e.RunId AS runid, e.RunAttempt AS runattempt
  FROM ${execution} e JOIN ${pkg} p ON p.PackageID = e.PackageID
  WHERE p.PackageName >= @prefix AND p.PackageName < @beyond ORDER BY e.ExecutionID`;
const VARIABLES = (variable: string, pkg: string) => `
  SELECT p.PackageName AS pkg, v.VariableName AS name, v.VariableValue AS value, v.ExecutionID AS id
  FROM ${variable} v JOIN ${pkg} p ON p.PackageID = v.PackageID
  WHERE p.PackageName >= @prefix AND p.PackageName < @beyond ORDER BY p.PackageName, v.VariableName`;

/**
 * The names that start with the prefix, as a range of the PackageName index (a long fuzz run
 * registers hundreds of thousands of packages): from the prefix to the prefix with its last
 * character (an underscore) followed by the next one, in binary order.
 */
const range = (prefix: string) => ({
  prefix,
  beyond: `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`,
});

type Raw = Record<string, unknown>;
/** A column's value as text: IDs come back as numbers or BigInts, run keys and ids as strings. */
const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : (value as string | number | bigint).toString();
const toRow = (raw: Raw): Row => ({
  executionId: String(raw.id),
  packageName: String(raw.pkg),
  executionStatus: String(raw.status) as Row['executionStatus'],
  nextLoadStatus: String(raw.nls) as Row['nextLoadStatus'],
  retryCount: Number(raw.retries),
  ended: raw.endtime !== null,
  endTime: raw.endtime instanceof Date ? raw.endtime.toISOString() : text(raw.endtime),
  parentExecutionId: text(raw.parent),
  runKey: text(raw.runkey),
  runId: text(raw.runid),
  runAttempt: text(raw.runattempt),
});
function byPackage(raws: Raw[]): Map<string, VariableRow[]> {
  const variables = new Map<string, VariableRow[]>();
  for (const raw of raws) {
    const list = variables.get(String(raw.pkg)) ?? [];
    list.push({ name: String(raw.name), value: String(raw.value), executionId: text(raw.id) });
    variables.set(String(raw.pkg), list);
  }
  return variables;
}

function sqliteReader(path: string): Reader {
  const db = new DatabaseSync(path);
  const rows = db.prepare(ROWS('Execution', 'Package').replaceAll('@', ':'));
  const variables = db.prepare(VARIABLES('ConfigVariable', 'Package').replaceAll('@', ':'));
  return {
    rows: async (prefix) => rows.all(range(prefix)).map((raw) => toRow(raw)),
    variables: async (prefix) => byPackage(variables.all(range(prefix))),
    close: async () => db.close(),
  };
}

async function postgresReader(url: string): Promise<Reader> {
  const client = new pg.Client({ connectionString: url });
  // A server stopped under it (a fuzz run interrupted) is no crash: the next read fails, if any.
  client.on('error', () => {});
  await client.connect();
  const bound = (sql: string) => sql.replace('@prefix', '$1').replace('@beyond', '$2');
  const values = (prefix: string) => Object.values(range(prefix));
  const rows = bound(ROWS('bfx.Execution', 'bfx.Package'));
  const variables = bound(VARIABLES('bfx.ConfigVariable', 'bfx.Package'));
  return {
    rows: async (prefix) => (await client.query(rows, values(prefix))).rows.map(toRow),
    variables: async (prefix) => byPackage((await client.query(variables, values(prefix))).rows),
    close: () => client.end(),
  };
}

/** SQL Server: the same queries in T-SQL, names compared in binary (the database's collation may ignore case). */
async function mssqlReader(connectionString: string): Promise<Reader> {
  const { mssqlAdmin } = await import('../support/mssql-admin.js');
  const admin = await mssqlAdmin(connectionString, OPTIONS);
  const ofPrefix = 'LEFT(p.PackageName, @PrefixLength) = @Prefix COLLATE Latin1_General_BIN2';
  const query = async (text: string, prefix: string) =>
    (await admin.query(text.replace(/WHERE .* ORDER BY/, `WHERE ${ofPrefix} ORDER BY`), {
      PrefixLength: prefix.length,
      Prefix: prefix,
    })) as Raw[];
  return {
    rows: async (prefix) => (await query(ROWS('[bfx].[Execution]', '[bfx].[Package]'), prefix)).map(toRow),
    variables: async (prefix) => byPackage(await query(VARIABLES('[bfx].[ConfigVariable]', '[bfx].[Package]'), prefix)),
    close: () => admin.close(),
  };
}

export const BURST = 32;

/**
 * The catalog histories run on. With `loseCommits` on PostgreSQL, its one sequential catalog goes
 * through a proxy that can drop the connection at COMMIT (the runners and readers go direct); on
 * the other engines, simulatedCommitLoss runs the work again as the core does.
 */
export async function openTarget(
  engine: 'sqlite' | 'postgres' | 'mssql',
  connectionString: string,
  options: { loseCommits?: boolean } = {},
): Promise<Target> {
  let loseCommit: CommitLoss | undefined;
  let through = connectionString;
  if (options.loseCommits && engine === 'postgres') {
    const { startCommitDropProxy } = await import('../support/commit-drop-proxy.js');
    const url = new URL(connectionString);
    const proxy = await startCommitDropProxy(Number(url.port));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    through = url.href;
    loseCommit = {
      arm: (meanwhile) => proxy.dropNextCommit(meanwhile),
      cancel: () => proxy.cancel(),
      drops: () => proxy.drops(),
      close: () => proxy.close(),
    };
  }
  let catalog = await openCatalog(through, OPTIONS);
  if (options.loseCommits && engine !== 'postgres') {
    // No proxy: the SQL core's retry after a lost COMMIT, done by hand (the work run again).
    ({ catalog, loss: loseCommit } = simulatedCommitLoss(catalog));
  }
  const runners: CatalogEngine[] = [];
  for (let i = 0; i < BURST; i++) runners.push(await openCatalog(connectionString, OPTIONS));
  const reader =
    engine === 'sqlite'
      ? sqliteReader(connectionString.slice('sqlite:'.length))
      : engine === 'postgres'
        ? await postgresReader(connectionString)
        : await mssqlReader(connectionString);
  return { engine, connectionString, catalog, runners, kills: true, reader, loseCommit };
}

export async function closeTarget(target: Target | undefined): Promise<void> {
  if (!target) return;
  await Promise.all([target.catalog, ...target.runners].map((catalog) => catalog.close()));
  await target.reader.close();
  await target.loseCommit?.close();
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
  /**
   * What a step whose COMMIT's answer was lost may change besides its own writes (what ran
   * meanwhile), and what must hold after it: set by LoseCommit, read by every step it wraps.
   */
  meanwhile: { allow: Allowances; check: (after: Snapshot) => void } | undefined;
  /** What the history's steps came to (a begin's plan, an end's result...), counted: what the histories covered. */
  readonly seen = new Map<string, number>();

  saw(event: string): void {
    this.seen.set(event, (this.seen.get(event) ?? 0) + 1);
  }

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
  rows(): Promise<Row[]> {
    return this.target.reader.rows(this.prefix);
  }

  /** Every variable of this history's packages, by package short name. */
  async variables(): Promise<Map<string, VariableRow[]>> {
    const byName = await this.target.reader.variables(this.prefix);
    return new Map([...this.packages].map((pkg) => [pkg, byName.get(this.name(pkg)) ?? []]));
  }

  /** Whether the package is enabled in the catalog; undefined when it is not registered. */
  async enabled(pkg: string): Promise<boolean | undefined> {
    const [status] = await this.catalog.status(this.name(pkg));
    return status?.isEnabled;
  }
}
