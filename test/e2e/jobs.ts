/**
 * Workflow jobs for the end-to-end stories of batches and high-water marks: each job is run as
 * the runner runs one (scripts/runner.mjs startJob: one RUNNER_TEMP, GITHUB_ENV carried from step
 * to step), through the shipped bundles. Everything a story makes on disk (its catalog, each job's
 * RUNNER_TEMP and workspace) is removed by cleanUp(), to be called after each test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startJob, type Job, type StepResult } from '../../scripts/runner.mjs';
import type { CatalogEngine } from '../../src/catalog/catalog.js';
import { withCatalog } from '../../src/catalog/connect.js';
import { executions } from './support.js';

export interface Run {
  /** The workflow run: GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT. */
  id: string;
  attempt?: string;
}

export interface PackageJob {
  main: StepResult;
  /** Absent when the job ended without a post step (the runner was lost). */
  post?: StepResult;
  /** The `run:` steps of the load, in order. */
  steps: { exitCode: number; stdout: string; stderr: string }[];
  job: Job;
}

export function story() {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-story-'));
  const path = join(dir, 'catalog.db');
  const connectionString = `sqlite:${path}`;
  const jobs: Job[] = [];

  const newJob = (run: Run, jobId: string) => {
    const job = startJob({
      env: {
        GITHUB_RUN_ID: run.id,
        GITHUB_RUN_ATTEMPT: run.attempt ?? '1',
        GITHUB_JOB: jobId,
        GITHUB_REPOSITORY: 'acme/loads',
        GITHUB_WORKFLOW: 'Nightly loads',
        GITHUB_ACTOR: 'octocat',
        GITHUB_EVENT_NAME: 'schedule',
        GITHUB_SHA: 'f'.repeat(40),
      },
    });
    jobs.push(job);
    return job;
  };

  return {
    path,
    connectionString,

    /** A job that only begins (action.yml's main step), whatever comes of it. */
    async beginJob(run: Run, jobId: string, inputs: Record<string, string>): Promise<StepResult> {
      return newJob(run, jobId).runStep({
        phase: 'main',
        inputs: { 'connection-string': connectionString, ...inputs },
      });
    },

    /**
     * A job that begins a package (action.yml's main step), runs the load's `run:` steps (bash,
     * seeing BFX_VARIABLES and BFX_ROW_COUNTS through the job's environment, as on the runner),
     * then the post step with the job's status: failure when a load step failed, unless given.
     */
    async packageJob(
      run: Run,
      jobId: string,
      inputs: Record<string, string>,
      load: string[] = [],
      options: { jobStatus?: 'success' | 'failure' | 'cancelled'; noPost?: boolean } = {},
    ): Promise<PackageJob> {
      const job = newJob(run, jobId);
      const given = { 'connection-string': connectionString, ...inputs };
      const main = await job.runStep({ phase: 'main', inputs: given });
      expect(main.exitCode, main.stdout + main.stderr).toBe(0);
      const steps = [];
      // Gated on the decision, as a workflow gates them: nothing runs for a skipped begin (C).
      if (main.outputs.ExecutionStatus !== 'C') {
        for (const script of load) {
          const step = await job.run(script);
          steps.push(step);
          if (step.exitCode !== 0) break;
        }
      }
      const jobStatus = options.jobStatus ?? (steps.some((step) => step.exitCode !== 0) ? 'failure' : 'success');
      if (options.noPost) return { main, steps, job };
      const post = await job.runStep({ phase: 'post', inputs: given, state: main.state, jobStatus });
      return { main, post, steps, job };
    },

    /** A job of its own that ends an execution with end/action.yml. */
    async endJob(run: Run, jobId: string, inputs: Record<string, string>, jobStatus = 'success'): Promise<StepResult> {
      const job = newJob(run, jobId);
      return job.runStep({ action: 'end', inputs: { 'connection-string': connectionString, ...inputs }, jobStatus });
    },

    /** [ExecutionID, PackageName, ExecutionStatus, NextLoadStatus, ParentExecutionID] of every execution. */
    rows() {
      return executions(path).map((row) => [
        row.ExecutionID,
        row.PackageName,
        row.ExecutionStatus,
        row.NextLoadStatus,
        row.ParentExecutionID,
      ]);
    },

    /** Reads the catalog through the engine interface, as bfx's own commands do. */
    read<T>(work: (catalog: CatalogEngine) => Promise<T>): Promise<T> {
      return withCatalog(
        connectionString,
        { createCatalog: false, connectTimeoutMs: 5_000, requestTimeoutMs: 5_000 },
        work,
      );
    },

    cleanUp() {
      for (const job of jobs) job.remove();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Story = ReturnType<typeof story>;

export const decision = (step: StepResult) => [step.outputs.ExecutionStatus, step.outputs.NextLoadStatus];
