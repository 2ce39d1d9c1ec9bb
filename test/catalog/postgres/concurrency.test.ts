/**
 * 64 begins from separate processes (the bundled CLI) over 4 packages, with ends in between, on
 * a real PostgreSQL server. Checks that the catalog never holds two active executions of one
 * package, that no error reaches a user, and that every begin's outputs equal those of the pure
 * decideBegin replayed over the begins in the order they committed.
 *
 * Commit order: a test-only trigger on bfx.Execution appends every row a transaction writes to an
 * audit table, numbered by a sequence. Every write to a package's executions happens while that
 * package's row lock is held (begin and end both take it first), so per package the sequence order
 * is the order in which transactions held the lock, which is their commit order.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  decideBegin,
  decideEnd,
  type ExecutionSnapshot,
  type NextLoadStatus,
  type Outcome,
} from '../../../src/decision.js';
import { startCluster, type Cluster } from '../../support/postgres.js';
import {
  runBundledCli,
  databaseOf,
  doubleActive,
  postgresExecutions,
  requireCli,
} from '../../support/postgres-catalog.js';

const BEGINS = 64;
const PACKAGES = ['LOAD_Customer', 'LOAD_Order', "LOAD_O'Brien; --", 'LOAD_顧客'];
const PARALLEL = 12;

let cluster: Cluster;
beforeAll(async () => {
  requireCli();
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

const AUDIT = `
CREATE SEQUENCE public.audit_seq;
CREATE TABLE public.audit (
  seq bigint, tx bigint, op text, executionid bigint, packageid integer, packagename text,
  status char(1), nls char(1), retrycount integer, runkey text, ended boolean);
CREATE FUNCTION public.audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.audit
  SELECT nextval('public.audit_seq'), txid_current(), TG_OP, NEW.ExecutionID, NEW.PackageID, p.PackageName,
         NEW.ExecutionStatus, NEW.NextLoadStatus, NEW.RetryCount, NEW.RunKey, NEW.EndTime IS NOT NULL
    FROM bfx.Package p WHERE p.PackageID = NEW.PackageID;
  RETURN NEW;
END $$;
CREATE TRIGGER audit AFTER INSERT OR UPDATE ON bfx.Execution FOR EACH ROW EXECUTE FUNCTION public.audit();`;

interface AuditRow {
  seq: string;
  tx: string;
  op: 'INSERT' | 'UPDATE';
  executionid: string;
  packagename: string;
  status: string;
  nls: string;
  retrycount: number;
  runkey: string;
  ended: boolean;
}

interface BeginRun {
  runKey: string;
  packageName: string;
  retryLimit: number | undefined;
  output: {
    ExecutionID: string;
    ExecutionStatus: string;
    NextLoadStatus: string;
    RetryCount: number;
    Decision: string;
  };
}

interface EndRun {
  executionId: string;
  outcome: Outcome;
  runKey: string | undefined;
  result: string;
}

it(`serializes ${BEGINS} begins from separate processes over ${PACKAGES.length} packages, as the decision table replayed in commit order`, async () => {
  const url = await cluster.createDatabase();
  const db = databaseOf(url);
  const migrated = await runBundledCli(['migrate', '-c', url]);
  expect(migrated.exitCode, migrated.stderr).toBe(0);
  await cluster.sql(AUDIT, [], db);

  // Watch for two active executions of one package while the runs go on.
  let watching = true;
  const violations: unknown[] = [];
  const watcher = (async () => {
    while (watching) {
      violations.push(...(await doubleActive(cluster, db)));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();

  const begins: BeginRun[] = [];
  const ends: EndRun[] = [];
  const failures: string[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < BEGINS) {
      const n = next++;
      const packageName = PACKAGES[n % PACKAGES.length];
      const runKey = `run-${n}`;
      // A small retry limit, or none, so that resumes and abandons happen as well as new loads.
      const retryLimit = [undefined, 0, 1, 2][Math.floor(Math.random() * 4)];
      const args = ['begin', packageName, '--json', '--run-key', runKey, '-c', url];
      if (retryLimit !== undefined) args.push('--retry-limit', String(retryLimit));
      const run = await runBundledCli(args);
      if (run.exitCode !== 0 || run.stderr !== '') {
        failures.push(`begin ${runKey}: exit ${run.exitCode}: ${run.stderr}`);
        continue;
      }
      const output = JSON.parse(run.stdout) as BeginRun['output'];
      begins.push({ runKey, packageName, retryLimit, output });
      // Random ends in between: some succeed, some fail, some by the begin's own run key.
      if (output.ExecutionStatus !== 'C' && Math.random() < 0.6) {
        const outcome: Outcome = Math.random() < 0.6 ? 'success' : 'failure';
        const byOwner = Math.random() < 0.5;
        const endArgs = ['end', output.ExecutionID, '--status', outcome, '--json', '-c', url];
        if (byOwner) endArgs.push('--run-key', runKey);
        const ended = await runBundledCli(endArgs);
        if (ended.exitCode !== 0) failures.push(`end ${output.ExecutionID}: exit ${ended.exitCode}: ${ended.stderr}`);
        else
          ends.push({
            executionId: output.ExecutionID,
            outcome,
            runKey: byOwner ? runKey : undefined,
            result: (JSON.parse(ended.stdout) as { Result: string }).Result,
          });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const elapsed = performance.now() - started;
  watching = false;
  await watcher;

  expect(failures).toEqual([]);
  expect(violations).toEqual([]);
  expect(begins).toHaveLength(BEGINS);

  // Replay, per package, the transactions in commit order through the pure decision functions.
  const audit = await cluster.sql<AuditRow>('SELECT * FROM public.audit ORDER BY seq', [], db);
  const transactions = new Map<string, AuditRow[]>();
  for (const row of audit) transactions.set(row.tx, [...(transactions.get(row.tx) ?? []), row]);
  const beginByKey = new Map(begins.map((run) => [run.runKey, run]));
  const endsById = new Map<string, EndRun[]>();
  for (const end of ends) endsById.set(end.executionId, [...(endsById.get(end.executionId) ?? []), end]);

  interface Model {
    retryLimit: number | null;
    executions: Map<string, ExecutionSnapshot>;
    latest: NextLoadStatus | null;
  }
  const models = new Map<string, Model>();
  const replayed = new Set<string>();
  const counts: Record<string, number> = {};
  const activeOf = (model: Model) => [...model.executions.values()].filter((execution) => !execution.ended);

  for (const rows of transactions.values()) {
    const packageName = rows[0].packagename;
    const beginRow = rows.find((row) => row.op === 'INSERT' || row.status === 'A');
    if (beginRow) {
      const run = beginByKey.get(beginRow.runkey);
      expect(run, `a begin committed with run key ${beginRow.runkey} that no process reported`).toBeDefined();
      let model = models.get(packageName);
      if (!model) {
        // The first begin of a package registered it, with its retry-limit input.
        model = { retryLimit: run!.retryLimit ?? null, executions: new Map(), latest: null };
        models.set(packageName, model);
      }
      const active = activeOf(model);
      expect(active.length).toBeLessThanOrEqual(1);
      const plan = decideBegin(
        {
          package: { packageId: 0, isEnabled: true, retryLimit: model.retryLimit },
          reentry: null,
          active: active[0] ?? null,
          latestNextLoadStatus: model.latest,
        },
        run!.retryLimit,
      );
      counts[plan.kind] = (counts[plan.kind] ?? 0) + 1;
      expect(run!.output.Decision, `begin ${run!.runKey}`).toBe(plan.kind);
      switch (plan.kind) {
        case 'resume':
          expect(run!.output).toMatchObject({
            ExecutionID: plan.executionId,
            ExecutionStatus: 'A',
            NextLoadStatus: 'P',
            RetryCount: plan.retryCount,
          });
          expect(rows).toHaveLength(1);
          Object.assign(model.executions.get(plan.executionId)!, {
            executionStatus: 'A',
            nextLoadStatus: 'P',
            retryCount: plan.retryCount,
            runKey: run!.runKey,
          });
          model.latest = model.executions.get(plan.executionId)!.nextLoadStatus;
          break;
        case 'insert':
        case 'abandon-and-insert': {
          const inserted = rows.find((row) => row.op === 'INSERT')!;
          expect(run!.output).toMatchObject({
            ExecutionID: inserted.executionid,
            ExecutionStatus: plan.execution.executionStatus,
            NextLoadStatus: plan.execution.nextLoadStatus,
            RetryCount: 0,
          });
          if (plan.kind === 'abandon-and-insert') {
            const abandoned = rows.find((row) => row.op === 'UPDATE')!;
            expect([abandoned.executionid, abandoned.status, abandoned.ended]).toEqual([
              plan.abandoned.executionId,
              'F',
              true,
            ]);
            Object.assign(model.executions.get(plan.abandoned.executionId)!, {
              executionStatus: 'F',
              nextLoadStatus: 'R',
              ended: true,
            });
          } else {
            expect(rows).toHaveLength(1);
          }
          model.executions.set(inserted.executionid, {
            executionId: inserted.executionid,
            executionStatus: plan.execution.executionStatus,
            nextLoadStatus: plan.execution.nextLoadStatus,
            retryCount: 0,
            runKey: run!.runKey,
            runId: null,
            ended: plan.execution.ended,
          });
          model.latest = plan.execution.nextLoadStatus;
          break;
        }
        case 'reenter':
          throw new Error('no begin in this test reuses a run key');
      }
      replayed.add(run!.runKey);
    } else {
      // An end: one row, ended as the decision of section 4 says for its outcome.
      expect(rows).toHaveLength(1);
      const row = rows[0];
      const model = models.get(packageName)!;
      const before = model.executions.get(row.executionid)!;
      const candidates = (endsById.get(row.executionid) ?? []).filter((end) => {
        const plan = decideEnd(before, end.outcome, null, end.runKey ? { runKey: end.runKey } : null);
        return (
          plan.kind === 'end' && plan.finish.executionStatus === row.status && plan.finish.nextLoadStatus === row.nls
        );
      });
      expect(candidates.length, `end of ${row.executionid} matches a reported end`).toBeGreaterThan(0);
      counts.end = (counts.end ?? 0) + 1;
      Object.assign(before, { executionStatus: row.status, nextLoadStatus: row.nls, ended: true });
      // The latest execution's NextLoadStatus is what the next begin follows.
      const latestId = [...model.executions.keys()].sort((a, b) => Number(b) - Number(a))[0];
      model.latest = model.executions.get(latestId)!.nextLoadStatus;
    }
  }
  expect(replayed.size).toBe(BEGINS);
  // Every end that reported 'ended' is in the audit trail; the others changed nothing.
  expect(ends.filter((end) => end.result === 'ended')).toHaveLength(counts.end ?? 0);

  // The catalog holds what the replay holds.
  const rows = await postgresExecutions(cluster, db);
  for (const row of rows) {
    const model = models.get(row.packagename)!.executions.get(row.executionid)!;
    expect([row.executionstatus, row.nextloadstatus, row.retrycount, row.endtime !== null]).toEqual([
      model.executionStatus,
      model.nextLoadStatus,
      model.retryCount,
      model.ended,
    ]);
  }
  console.log(
    `${BEGINS} begins + ${ends.length} ends in ${Math.round(elapsed)} ms (${PARALLEL} processes at a time); ` +
      `replayed in commit order: ${JSON.stringify(counts)}; ${rows.length} execution rows`,
  );
}, 120_000);
