// Types of scripts/runner.mjs, for the end-to-end tests.
export interface StepResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
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
}
export const ROOT: string;
export function parseCommandFile(text: string): Record<string, string>;
export function runStep(step: Step): Promise<StepResult>;
