// Types of scripts/runner.mjs, for the end-to-end tests.
export interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** The variables the step exported through GITHUB_ENV (core.exportVariable). */
  exported: Record<string, string>;
}
export interface Step {
  phase?: 'main' | 'post';
  action?: string;
  inputs?: Record<string, string>;
  state?: Record<string, string>;
  env?: Record<string, string>;
  jobStatus?: string;
  githubToken?: string;
  cwd?: string;
  /** The job's RUNNER_TEMP; without it, a folder of the step's own, kept until removeStepFolders(). */
  runnerTemp?: string;
}
export interface Job {
  runnerTemp: string;
  workspace: string;
  /** The job's environment now: what it began with and what its steps exported so far. */
  env: Record<string, string>;
  runStep(step: Step): Promise<StepResult>;
  /** A `run:` step: the script in bash, in the job's environment. */
  run(
    script: string,
    options?: { env?: Record<string, string>; cwd?: string },
  ): Promise<{ exitCode: number; stdout: string; stderr: string; exported: Record<string, string> }>;
  /** Removes RUNNER_TEMP and the workspace, as the runner cleans up after a job. */
  remove(): void;
}
export const ROOT: string;
export function parseCommandFile(text: string): Record<string, string>;
export function runStep(step: Step): Promise<StepResult>;
/** Removes the folders of every step run outside a job so far. */
export function removeStepFolders(): void;
export function startJob(job?: { env?: Record<string, string> }): Job;
