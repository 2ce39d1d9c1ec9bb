/**
 * The demo workflow (.github/workflows/demo.yml) off GitHub: its jobs, night after night, and their
 * steps, read from the file, run in order as the runner runs them (the shipped action and end
 * action, the run: steps in bash), on a local PostgreSQL cluster standing in for the service
 * container. Each job starts from an empty database `catalog`, as a new container does, and its
 * restore and pg_dump steps run for real (`docker exec CONTAINER COMMAND` runs COMMAND on the
 * cluster); the artifact actions hand the dump from one job to the next. The expressions the demo
 * uses are evaluated here (steps.ID.outputs.NAME, steps.ID.outcome, env.NAME, runner.temp,
 * job.services.postgres.id; == and != joined by &&); anything else fails the test, so the demo
 * stays within what is tested.
 */
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, startJob, type StepResult } from '../../../scripts/runner.mjs';
import { postgresBin, startCluster, type Cluster } from '../../support/postgres.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  if?: string;
  run?: string;
  env?: Record<string, unknown>;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
}
interface Job {
  name: string;
  needs?: string;
  services: { postgres: { image: string; env: Record<string, string> } };
  steps: Step[];
}
const workflow = parse(readFileSync(join(ROOT, '.github/workflows/demo.yml'), 'utf8')) as {
  env: Record<string, string>;
  jobs: Record<string, Job>;
};

let cluster: Cluster;
let folder: string;
beforeAll(async () => {
  cluster = await startCluster();
  // The container's superuser, as POSTGRES_USER makes it (loopback connections are trusted here).
  await cluster.sql('CREATE ROLE bfx LOGIN SUPERUSER');
  folder = mkdtempSync(join(tmpdir(), 'bfx-demo-'));
  // `docker exec [-i] CONTAINER COMMAND ARGS...`: COMMAND from the cluster's PostgreSQL, on the cluster.
  writeFileSync(
    join(folder, 'docker'),
    [
      '#!/bin/bash',
      '[ "$1" = exec ] || { echo "docker $1: only exec is stood in for" >&2; exit 2; }',
      'shift; [ "$1" = -i ] && shift; shift',
      `exec "${postgresBin()}/$1" -h 127.0.0.1 -p ${cluster.port} "\${@:2}"`,
    ].join('\n'),
  );
  chmodSync(join(folder, 'docker'), 0o755);
});
afterAll(async () => {
  await cluster?.destroy();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** Runs one job of the demo on a fresh database `catalog`; artifacts go to and come from ARTIFACTS. */
async function runJob(jobId: string, artifacts: string) {
  const definition = workflow.jobs[jobId];
  await cluster.sql('DROP DATABASE IF EXISTS catalog WITH (FORCE)');
  await cluster.sql('CREATE DATABASE catalog OWNER bfx');
  const catalog = workflow.env.CATALOG.replace('localhost:5432', `127.0.0.1:${cluster.port}`);
  const job = startJob({
    env: { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: jobId, GITHUB_REPOSITORY: 'you/bfx-begin' },
  });
  const done: Record<string, { outcome: string; outputs: Record<string, string> }> = {};
  const env: Record<string, string> = { ...workflow.env, CATALOG: catalog };
  const value = (expression: string): string => {
    const text = expression.trim();
    let match;
    if ((match = /^steps\.([\w-]+)\.outputs\.(\w+)$/.exec(text))) return done[match[1]]?.outputs[match[2]] ?? '';
    if ((match = /^steps\.([\w-]+)\.outcome$/.exec(text))) return done[match[1]]?.outcome ?? '';
    if ((match = /^env\.(\w+)$/.exec(text))) return env[match[1]] ?? '';
    if (text === 'runner.temp') return job.runnerTemp;
    if (text === 'job.services.postgres.id') return 'postgres-service-container';
    throw new Error(`demo.yml uses the expression "${text}", which this test does not evaluate`);
  };
  const interpolate = (text: unknown) => String(text).replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => value(e));
  const condition = (text: string) =>
    text.split('&&').every((part) => {
      const match = /^\s*(.+?)\s*(==|!=)\s*'([^']*)'\s*$/.exec(part);
      if (!match) throw new Error(`demo.yml has the condition "${text}", which this test does not evaluate`);
      return (value(match[1]) === match[3]) === (match[2] === '==');
    });
  const evaluate = (values: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, interpolate(v)]));

  const summaryFile = join(job.runnerTemp, 'step-summary');
  writeFileSync(summaryFile, '');
  const log: string[] = [];
  const summaries: string[] = [];
  const posts: { inputs: Record<string, string>; state: Record<string, string> }[] = [];
  try {
    for (const step of definition.steps) {
      const label = step.name ?? step.uses ?? step.id ?? '?';
      if (step.if !== undefined && !condition(step.if)) {
        if (step.id) done[step.id] = { outcome: 'skipped', outputs: {} };
        continue;
      }
      const stepEnv = { ...env, ...evaluate(step.env) };
      let result: Pick<StepResult, 'exitCode' | 'stdout' | 'stderr'> & { outputs?: Record<string, string> };
      if (step.uses?.startsWith('actions/checkout@') || step.uses?.startsWith('actions/setup-node@')) {
        continue; // this test runs in the checkout, on Node.js 24
      } else if (step.uses?.startsWith('actions/upload-artifact@')) {
        const { name, path } = evaluate(step.with);
        copyFileSync(path, join(artifacts, name));
        continue;
      } else if (step.uses?.startsWith('actions/download-artifact@')) {
        const { name, path } = evaluate(step.with);
        copyFileSync(join(artifacts, name), join(path, 'catalog.sql'));
        continue;
      } else if (step.uses === './' || step.uses === './end') {
        const inputs = evaluate(step.with);
        const ran = await job.runStep({
          action: step.uses === './' ? '.' : 'end',
          phase: 'main',
          inputs,
          env: stepEnv,
          cwd: ROOT,
        });
        summaries.push(ran.summary);
        if (step.uses === './') posts.push({ inputs, state: ran.state });
        result = ran;
      } else if (step.run !== undefined) {
        result = await job.run(step.run, {
          cwd: ROOT,
          env: { ...stepEnv, GITHUB_STEP_SUMMARY: summaryFile, PATH: `${folder}${delimiter}${process.env.PATH}` },
        });
      } else {
        throw new Error(`demo.yml's step "${label}" is not one this test runs`);
      }
      log.push(`## ${label}\n${result.stdout}${result.stderr}`);
      const outcome = result.exitCode === 0 ? 'success' : 'failure';
      if (step.id) done[step.id] = { outcome, outputs: result.outputs ?? {} };
      if (outcome === 'failure' && !step['continue-on-error'])
        throw new Error(`demo.yml's step "${label}" of ${jobId} failed:\n${log.join('\n')}`);
    }
    // The post steps, last first: auto-end is false everywhere, so they end nothing.
    for (const post of posts.reverse()) {
      const ran = await job.runStep({ phase: 'post', ...post, cwd: ROOT });
      expect(ran.exitCode).toBe(0);
    }
    return { done, log: log.join('\n'), summaries, summary: readFileSync(summaryFile, 'utf8') };
  } finally {
    job.remove();
  }
}

describe('the demo workflow, night after night against PostgreSQL', () => {
  it("plays a package's life and a batch, as its check steps and the README say", async () => {
    const jobs = Object.keys(workflow.jobs);
    expect(jobs).toEqual(['night-1', 'night-2', 'night-3', 'night-4']);
    const artifacts = mkdtempSync(join(folder, 'artifacts-'));
    const nights: Awaited<ReturnType<typeof runJob>>[] = [];
    for (const jobId of jobs) {
      // Each night needs the one before: the jobs run in this order on GitHub too.
      expect(workflow.jobs[jobId].needs ?? null).toBe(nights.length ? jobs[nights.length - 1] : null);
      nights.push(await runJob(jobId, artifacts));
    }
    const status = (night: number, id: string) => nights[night - 1].done[id]?.outputs.ExecutionStatus;
    expect([1, 2, 3, 4].map((night) => status(night, 'customer'))).toEqual(['E', 'E', 'R', 'C']);
    expect([1, 2].map((night) => ['batch', 'orders', 'product'].map((id) => status(night, id)))).toEqual([
      ['E', 'E', 'E'],
      ['R', 'C', 'R'],
    ]);
    for (const night of nights) expect(night.log).toContain('Every begin decided as the README says');
    expect(nights[0].log).toContain('Loading customers changed since 1900-01-01 under execution 1.');
    expect(nights[2].log).toContain('Deleting the rows the failed load wrote after execution 1.');
    expect(nights[3].done['customer-load'].outcome).toBe('skipped');
    // Each begin and end wrote its own job summary.
    for (const [index, jobId] of jobs.entries()) {
      const actionSteps = workflow.jobs[jobId].steps.filter((s) => s.uses === './' || s.uses === './end');
      expect(nights[index].summaries).toHaveLength(actionSteps.length);
      expect(nights[index].summaries.every((text) => text.trim() !== '')).toBe(true);
    }

    // The catalog as the last night's summary shows it: the story, the operator's audit lines, the batch's children.
    const { summary } = nights[3];
    expect(summary).toContain('## The catalog after four nights');
    expect(summary).toMatch(/audit .* skip of execution \d+ by demo-operator: .*Reason: the source system is down/);
    expect(summary).toMatch(/audit .* resume of execution \d+ by demo-operator: .*Reason: the source system is back/);
    expect(summary).toMatch(/ F \(Failed\) .*The source file was missing/);
    expect(summary).toMatch(/LOAD_Product .*S \(Succeeded\)/);
    expect(summary).not.toContain('bfx-demo'); // the connection string's password

    const rows = await cluster.sql<{ packagename: string; executionstatus: string; nextloadstatus: string }>(
      `SELECT p.PackageName, e.ExecutionStatus, e.NextLoadStatus FROM bfx.Execution e
       JOIN bfx.Package p ON p.PackageID = e.PackageID ORDER BY e.ExecutionID`,
      [],
      'catalog',
    );
    expect(rows.map((r) => `${r.packagename} ${r.executionstatus}/${r.nextloadstatus}`)).toEqual([
      'LOAD_Customer S/P',
      'BATCH_Nightly F/R',
      'LOAD_Orders S/C',
      'LOAD_Product F/R',
      'LOAD_Customer F/R',
      'BATCH_Nightly S/P',
      'LOAD_Orders C/P',
      'LOAD_Product S/P',
      'LOAD_Customer S/C', // the operator's skip: the latest execution's NextLoadStatus
      'LOAD_Customer C/P', // the skipped run, then the resume
    ]);
  }, 180_000);

  it('runs PostgreSQL as a service container of each job, on the port the catalog names', () => {
    for (const job of Object.values(workflow.jobs)) {
      expect(job.services.postgres.image).toMatch(/^postgres:\d+$/);
      expect(job.services.postgres.env).toMatchObject({ POSTGRES_USER: 'bfx', POSTGRES_DB: 'catalog' });
      expect(job.steps[0].uses).toMatch(/^actions\/checkout@/);
    }
    expect(workflow.env.CATALOG).toBe('postgres://bfx:bfx-demo@localhost:5432/catalog');
  });
});
