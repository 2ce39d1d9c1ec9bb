/**
 * Faults on a real PostgreSQL server, through the bundled CLI as a user runs it:
 * a begin killed (SIGKILL) at random points leaves its whole effect or none; a server stopped
 * mid-run gives one clear error and the next begin after the restart works; a wrong password and
 * an unreachable host fail clearly within the connect timeout, the password nowhere in the output.
 */
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideBegin, type BeginPlan } from '../../../src/decision.js';
import { PASSWORD, PASSWORD_USER, startCluster, type Cluster } from '../../support/postgres.js';
import {
  runBundledCli,
  databaseOf,
  delayProxy,
  doubleActive,
  postgresExecutions,
  requireCli,
} from '../../support/postgres-catalog.js';

let cluster: Cluster;
beforeAll(async () => {
  requireCli();
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.destroy();
});

type Rows = Awaited<ReturnType<typeof postgresExecutions>>;

/** Waits until no bfx-begin session is left on the database: a killed client's transaction is over. */
async function sessionsGone(db: string) {
  for (let i = 0; i < 200; i++) {
    const [row] = await cluster.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bfx-begin'`,
      [db],
    );
    if (row.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('a killed begin left its session open');
}

/** The state a begin of the package sees, from the catalog's rows, as decideBegin takes it. */
function planFor(
  rows: Rows,
  packageName: string,
  retryLimit: number | undefined,
  packageLimit: number | null,
): BeginPlan {
  const mine = rows.filter((row) => row.packagename === packageName);
  const active = mine.find((row) => row.endtime === null);
  const snapshot = (row: Rows[number]) => ({
    executionId: row.executionid,
    executionStatus: row.executionstatus as 'E',
    nextLoadStatus: row.nextloadstatus as 'P',
    retryCount: row.retrycount,
    runKey: row.runkey,
    runId: null,
    runAttempt: null,
    ended: row.endtime !== null,
  });
  return decideBegin(
    {
      package: { packageId: 0, isEnabled: true, retryLimit: packageLimit },
      reentry: null,
      active: active ? snapshot(active) : null,
      latestNextLoadStatus: (mine.at(-1)?.nextloadstatus as 'P' | undefined) ?? null,
    },
    retryLimit,
  );
}

/** 'none' when the catalog is as before; 'whole' when it holds exactly the plan's effect; else throws. */
function effect(before: Rows, after: Rows, plan: BeginPlan, runKey: string): 'none' | 'whole' {
  const strip = (rows: Rows) => rows.map(({ endtime, ...row }) => ({ ...row, ended: endtime !== null }));
  if (JSON.stringify(strip(after)) === JSON.stringify(strip(before))) return 'none';
  const b = strip(before);
  const a = strip(after);
  const byId = new Map(a.map((row) => [row.executionid, row]));
  const added = a.filter((row) => !b.some((old) => old.executionid === row.executionid));
  const changed = b.filter((old) => JSON.stringify(byId.get(old.executionid)) !== JSON.stringify(old));
  const describe = () =>
    `plan ${plan.kind}: added ${JSON.stringify(added)}, changed ${JSON.stringify(changed.map((row) => byId.get(row.executionid)))}`;
  switch (plan.kind) {
    case 'insert':
      expect(changed, describe()).toEqual([]);
      expect(added, describe()).toMatchObject([
        {
          runkey: runKey,
          executionstatus: plan.execution.executionStatus,
          nextloadstatus: plan.execution.nextLoadStatus,
          ended: plan.execution.ended,
        },
      ]);
      break;
    case 'resume':
      expect(added, describe()).toEqual([]);
      expect(
        changed.map((row) => byId.get(row.executionid)),
        describe(),
      ).toMatchObject([
        {
          executionid: plan.executionId,
          executionstatus: 'A',
          nextloadstatus: 'P',
          retrycount: plan.retryCount,
          runkey: runKey,
          ended: false,
        },
      ]);
      break;
    case 'abandon-and-insert':
      expect(
        changed.map((row) => byId.get(row.executionid)),
        describe(),
      ).toMatchObject([
        { executionid: plan.abandoned.executionId, executionstatus: 'F', nextloadstatus: 'R', ended: true },
      ]);
      expect(added, describe()).toMatchObject([
        { runkey: runKey, executionstatus: 'E', nextloadstatus: 'C', ended: false },
      ]);
      break;
    case 'reenter':
      throw new Error('unexpected re-entry');
  }
  return 'whole';
}

describe('a begin killed at random points', () => {
  it('leaves its whole effect or none, over 60 tries', async () => {
    const direct = await cluster.createDatabase();
    const db = databaseOf(direct);
    // The begins go through a proxy adding 5 ms each way, as a network would: their catalog work
    // then spans tens of milliseconds of the process's life, where random kills can land.
    const proxy = await delayProxy(cluster.port, 5);
    const url = direct.replace(`:${cluster.port}/`, `:${proxy.port}/`);
    const packages = ['P1', 'P2', 'P3'];
    // Warm-up begins register the packages (retry limit 1) and give the time one begin takes.
    const durations: number[] = [];
    for (const name of packages) {
      const run = await runBundledCli(['begin', name, '--retry-limit', '1', '--json', '-c', url]);
      expect(run.exitCode, run.stderr).toBe(0);
      durations.push(run.ms);
    }
    const full = Math.max(...durations);
    const outcomes = {
      completed: 0,
      'killed before connecting': 0,
      'killed connected, no effect': 0,
      'killed connected, whole effect': 0,
    };
    let sinceLastEnd = 0;
    for (let n = 0; n < 60; n++) {
      const name = packages[n % packages.length];
      const before = await postgresExecutions(cluster, db);
      // Now and then end the active execution first, so that every kind of decision is killed.
      const active = before.find((row) => row.packagename === name && row.endtime === null);
      if (active && (Math.random() < 0.3 || ++sinceLastEnd > 6)) {
        sinceLastEnd = 0;
        const ended = await runBundledCli([
          'end',
          active.executionid,
          '--status',
          Math.random() < 0.5 ? 'failure' : 'success',
          '-c',
          direct,
        ]);
        expect(ended.exitCode, ended.stderr).toBe(0);
        n--;
        continue;
      }
      const retryLimit = Math.random() < 0.5 ? undefined : Math.floor(Math.random() * 3);
      const plan = planFor(before, name, retryLimit, 1);
      const runKey = `kill-${n}`;
      const args = ['begin', name, '--json', '--run-key', runKey, '-c', url];
      if (retryLimit !== undefined) args.push('--retry-limit', String(retryLimit));
      // Most of a CLI run is Node starting up: aim the kills at the later part, where the catalog is.
      const killAfterMs = full * (0.3 + Math.random() * 0.8);
      const connectionsBefore = proxy.connections();
      const run = await runBundledCli(args, { killAfterMs });
      const connected = proxy.connections() > connectionsBefore;
      await sessionsGone(db);
      const after = await postgresExecutions(cluster, db);
      const seen = effect(before, after, plan, runKey);
      expect(await doubleActive(cluster, db)).toEqual([]);
      if (run.signal === null) {
        expect(run.exitCode, run.stderr).toBe(0);
        expect(seen).toBe('whole');
        outcomes.completed++;
      } else if (!connected) {
        expect(seen).toBe('none');
        outcomes['killed before connecting']++;
      } else {
        outcomes[seen === 'none' ? 'killed connected, no effect' : 'killed connected, whole effect']++;
      }
    }
    await proxy.close();
    console.log(`SIGKILL tries: ${JSON.stringify(outcomes)} (a whole begin takes about ${Math.round(full)} ms)`);
    expect(outcomes['killed connected, no effect'] + outcomes['killed connected, whole effect']).toBeGreaterThan(0);
  }, 120_000);

  it('leaves nothing when killed while waiting for the package lock, inside its transaction', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    expect((await runBundledCli(['begin', 'P', '-c', url])).exitCode).toBe(0);
    const before = await postgresExecutions(cluster, db);
    for (let n = 0; n < 3; n++) {
      const holder = new pg.Client({ connectionString: url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM bfx.Package WHERE PackageName = 'P' FOR UPDATE`);
      let pid = 0;
      const running = runBundledCli(['begin', 'P', '--json', '-c', url], { spawned: (spawned) => (pid = spawned) });
      // Wait until the begin's transaction is waiting on the lock, then kill it.
      for (;;) {
        const [row] = await cluster.sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bfx-begin' AND wait_event_type = 'Lock'`,
          [db],
        );
        if (row.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      process.kill(pid, 'SIGKILL');
      const run = await running;
      expect(run.signal).toBe('SIGKILL');
      await holder.query('ROLLBACK');
      await holder.end();
      await sessionsGone(db);
      expect(await postgresExecutions(cluster, db)).toEqual(before);
    }
  }, 60_000);
});

describe('the server stopped mid-run', () => {
  it('gives one clear error without the password, and the next begin after the restart works', async () => {
    const url = await cluster.createDatabase();
    const db = databaseOf(url);
    await cluster.sql(`ALTER DATABASE ${db} OWNER TO ${PASSWORD_USER}`);
    const secretUrl = `postgres://${PASSWORD_USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${cluster.port}/${db}`;
    const first = await runBundledCli(['begin', 'P', '--json', '-c', secretUrl]);
    expect(first.exitCode, first.stderr).toBe(0);
    const firstId = (JSON.parse(first.stdout) as { ExecutionID: string }).ExecutionID;

    // A begin waits on the package lock; the server is stopped under it.
    const holder = new pg.Client({ connectionString: url });
    holder.on('error', () => undefined);
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM bfx.Package WHERE PackageName = 'P' FOR UPDATE`);
    const running = runBundledCli(['begin', 'P', '--json', '-c', secretUrl]);
    for (;;) {
      const [row] = await cluster.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bfx-begin' AND wait_event_type = 'Lock'`,
        [db],
      );
      if (row.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await cluster.stop('fast');
    const run = await running;
    await holder.end().catch(() => undefined);
    console.log(`server stopped mid-run: ${run.stderr.trim()}`);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^error: The PostgreSQL server at 127\\.0\\.0\\.1:${cluster.port} went away while bfx tried to begin package "P" \\(57P01: terminating connection due to administrator command, then ECONNREFUSED\\) and was not back after 6 attempts, so bfx gave up: check that the server is running`,
      ),
    );
    for (const output of [run.stdout, run.stderr]) {
      expect(output).not.toContain(PASSWORD);
      expect(output).not.toContain(encodeURIComponent(PASSWORD));
    }

    await cluster.start();
    const next = await runBundledCli(['begin', 'P', '--json', '-c', secretUrl]);
    expect(next.exitCode, next.stderr).toBe(0);
    expect(JSON.parse(next.stdout) as unknown).toMatchObject({
      ExecutionID: firstId,
      ExecutionStatus: 'A',
      RetryCount: 1,
    });
  }, 60_000);
});

describe('connection faults', () => {
  const leaks = (run: { stdout: string; stderr: string }) =>
    [PASSWORD, encodeURIComponent(PASSWORD)].filter(
      (secret) => run.stdout.includes(secret) || run.stderr.includes(secret),
    );

  it('refuses a wrong password clearly, without the password', async () => {
    const wrong = `Wr0ng-${PASSWORD}`;
    const url = `postgres://${PASSWORD_USER}:${encodeURIComponent(wrong)}@127.0.0.1:${cluster.port}/postgres`;
    const run = await runBundledCli(['begin', 'P', '-c', url, '--connect-timeout', '5']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: The PostgreSQL server at 127.0.0.1:${cluster.port} refused the password of user "${PASSWORD_USER}" ` +
        '(28P01 password authentication failed), so no catalog was contacted: check the user name and password in the connection string.\n',
    );
    expect(run.stderr).not.toContain(wrong);
    expect(run.stderr).not.toContain(encodeURIComponent(wrong));
    // The same through BFX_CONNECTION_STRING, with debug logging on: the stack trace is redacted too.
    const debug = await runBundledCli(['begin', 'P'], { env: { BFX_CONNECTION_STRING: url, BFX_DEBUG: '1' } });
    expect(debug.exitCode).toBe(1);
    expect(debug.stderr).not.toContain(wrong);
    expect(debug.stderr).not.toContain(encodeURIComponent(wrong));
  });

  it('fails at once on a port where nothing listens, and within the connect timeout on a host that never answers', async () => {
    const refused = await runBundledCli([
      'begin',
      'P',
      '-c',
      `postgres://${PASSWORD_USER}:${PASSWORD}@127.0.0.1:1/db`,
      '--connect-timeout',
      '30',
    ]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: The PostgreSQL server at 127\.0\.0\.1:1 refused the connection \(ECONNREFUSED: no server is listening there\)/,
    );
    // At once: not after the connect timeout (30 s), nor after a retry's backoff (over 7.7 s in all);
    // the process's own start-up on a busy machine stays well below both.
    expect(refused.ms).toBeLessThan(7000);
    expect(leaks(refused)).toEqual([]);

    let accepted = 0;
    const silent = createServer(() => void accepted++);
    await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    try {
      const port = (silent.address() as { port: number }).port;
      const timedOut = await runBundledCli([
        'begin',
        'P',
        '-c',
        `postgres://${PASSWORD_USER}:${PASSWORD}@127.0.0.1:${port}/db`,
        '--connect-timeout',
        '2',
      ]);
      expect(timedOut.exitCode).toBe(1);
      expect(timedOut.stderr).toBe(
        `error: The PostgreSQL server at 127.0.0.1:${port} did not answer within the connect timeout of 2 s (timeout expired), ` +
          'so no catalog was contacted: check the host, the port and any firewall in between, or raise connect-timeout.\n',
      );
      // Waited out the connect timeout, on one connection: no second attempt after it.
      expect(timedOut.ms).toBeGreaterThan(2000);
      expect(accepted).toBe(1);
      expect(leaks(timedOut)).toEqual([]);
    } finally {
      silent.close();
    }
  });
});
