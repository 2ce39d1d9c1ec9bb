/**
 * A stand-in for @actions/core in the unit tests of the action shell (test/action/), in the style
 * of actions/typescript-action's __fixtures__/core.ts. A test file replaces the real module with
 * it, `vi.mock('@actions/core', () => import('../support/actions-core.js'))`, and calls
 * fakeActionStep() before each step: the step then reads the inputs, state and GITHUB_* variables
 * the runner would give it (action.yml's defaults filled in, as the runner does), and everything a
 * user would see is recorded on the returned FakeStepRecord: outputs, saved state, log lines,
 * annotations, the job summary (a file of the step's own, which the action writes), the secrets
 * masked and the failure. The GITHUB_* variables are set with vi.stubEnv: call vi.unstubAllEnvs()
 * after each test.
 */
import type * as core from '@actions/core';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../scripts/runner.mjs';

export interface FakeStepRecord {
  outputs: Record<string, string>;
  /** What core.saveState saved: the runner hands it to the post step. */
  savedState: Record<string, string>;
  /** The messages of core.setFailed, in order: a failed step has exactly one. */
  failures: string[];
  /** Values given to core.setSecret, which the runner masks in every log line. */
  secrets: string[];
  /** The step's log: core.info lines, and groups as `::group::NAME` / `::endgroup::`. */
  log: string[];
  /** core.debug lines, shown only with debug logging on. */
  debug: string[];
  annotations: { kind: 'notice' | 'warning' | 'error'; message: string; title?: string }[];
  /** What the step appended to its job summary file (GITHUB_STEP_SUMMARY), if anything. */
  readonly summaries: string[];
  /** What core.exportVariable exported: the runner sets it for every later step of the job (GITHUB_ENV). */
  exported: Record<string, string>;
}

export interface FakeStepOptions {
  /** The action metadata whose input defaults the runner fills in. */
  action?: 'action.yml' | 'end/action.yml';
  /** Inputs given with `with:`; the others get their default from the action metadata. */
  inputs?: Record<string, string>;
  /** The state the main step saved, for a post step. */
  state?: Record<string, string>;
  /** What `${{ job.status }}` evaluates to in a default. */
  jobStatus?: 'success' | 'failure' | 'cancelled';
  /** What `${{ github.token }}` evaluates to in a default: none unless given. */
  githubToken?: string;
  /** The workflow run the step belongs to; null for a run outside GitHub (no GITHUB_RUN_ID). */
  run?: { id: string; attempt?: string; job?: string } | null;
  /**
   * The job's environment beyond the GITHUB_* variables: RUNNER_TEMP, and what earlier steps of
   * the job exported (a FakeStepRecord's `exported`). BFX_VARIABLES and BFX_ROW_COUNTS are unset
   * unless given here, as in a job where no begin exported them.
   */
  env?: Record<string, string>;
}

/** The variables a begin exports to its job: reset for every step, so each step sees only its own job's. */
const JOB_VARIABLES = ['BFX_VARIABLES', 'BFX_ROW_COUNTS'];

let inputs: Record<string, string> = {};
let state: Record<string, string> = {};
let step: FakeStepRecord = emptyRecord();

function emptyRecord(summaryFile = ''): FakeStepRecord {
  return {
    outputs: {},
    savedState: {},
    failures: [],
    secrets: [],
    log: [],
    debug: [],
    annotations: [],
    get summaries() {
      const text = summaryFile ? readFileSync(summaryFile, 'utf8') : '';
      return text ? [text] : [];
    },
    exported: {},
  };
}

/** A job summary file of its own for each step, as the runner gives one (the action writes it itself). */
let summaryFolder: string | undefined;
let summaryFiles = 0;
function newSummaryFile(): string {
  summaryFolder ??= mkdtempSync(join(tmpdir(), 'bfx-fake-summary-'));
  const file = join(summaryFolder, `step-${++summaryFiles}.md`);
  writeFileSync(file, '');
  return file;
}

/** Sets up the next step as the runner would start it; returns what the step does, as it does it. */
export function fakeActionStep(options: FakeStepOptions = {}): FakeStepRecord {
  const { action = 'action.yml', jobStatus = 'success' } = options;
  const metadata = parse(readFileSync(join(ROOT, action), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  inputs = {};
  for (const [name, input] of Object.entries(metadata.inputs)) {
    inputs[name] =
      input.default
        ?.replace(/\$\{\{\s*job\.status\s*\}\}/g, jobStatus)
        .replace(/\$\{\{\s*github\.token\s*\}\}/g, options.githubToken ?? '') ?? '';
  }
  Object.assign(inputs, options.inputs);
  state = { ...options.state };
  const run = options.run === undefined ? { id: '100' } : options.run;
  const github: Record<string, string> = {
    GITHUB_RUN_ID: run?.id ?? '',
    GITHUB_RUN_ATTEMPT: run?.attempt ?? (run ? '1' : ''),
    GITHUB_JOB: run?.job ?? (run ? 'load' : ''),
    GITHUB_REPOSITORY: 'acme/loads',
    GITHUB_WORKFLOW: 'Nightly loads',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: '',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_SHA: 'f'.repeat(40),
  };
  for (const [name, value] of Object.entries(github)) vi.stubEnv(name, value);
  for (const name of JOB_VARIABLES) vi.stubEnv(name, undefined);
  const summaryFile = newSummaryFile();
  vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
  for (const [name, value] of Object.entries(options.env ?? {})) vi.stubEnv(name, value);
  step = emptyRecord(summaryFile);
  vi.clearAllMocks();
  return step;
}

/** Like the real getInput: '' when not given, trimmed unless told otherwise. */
export const getInput = vi.fn<typeof core.getInput>((name, options) => {
  const value = inputs[name] ?? '';
  if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`);
  return options?.trimWhitespace === false ? value : value.trim();
});
export const getState = vi.fn<typeof core.getState>((name) => state[name] ?? '');
export const saveState = vi.fn<typeof core.saveState>((name, value) => {
  step.savedState[name] = String(value);
});
export const setOutput = vi.fn<typeof core.setOutput>((name, value) => {
  step.outputs[name] = String(value);
});
/** Records the variable; unlike the real one, leaves process.env alone: a later step gets it through `env`. */
export const exportVariable = vi.fn<typeof core.exportVariable>((name, value) => {
  step.exported[name] = String(value);
});
export const setSecret = vi.fn<typeof core.setSecret>((secret) => {
  step.secrets.push(secret);
});
/** Records the failure; unlike the real one, leaves process.exitCode alone (it is the test runner's). */
export const setFailed = vi.fn<typeof core.setFailed>((message) => {
  step.failures.push(String(message));
});
export const info = vi.fn<typeof core.info>((message) => {
  step.log.push(message);
});
export const debug = vi.fn<typeof core.debug>((message) => {
  step.debug.push(message);
});
export const isDebug = vi.fn<typeof core.isDebug>(() => false);
export const startGroup = vi.fn<typeof core.startGroup>((name) => {
  step.log.push(`::group::${name}`);
});
export const endGroup = vi.fn<typeof core.endGroup>(() => {
  step.log.push('::endgroup::');
});

function annotate(kind: 'notice' | 'warning' | 'error') {
  return (message: string | Error, properties?: core.AnnotationProperties) => {
    step.annotations.push({ kind, message: String(message), ...(properties?.title && { title: properties.title }) });
  };
}
export const notice = vi.fn<typeof core.notice>(annotate('notice'));
export const warning = vi.fn<typeof core.warning>(annotate('warning'));
export const error = vi.fn<typeof core.error>(annotate('error'));
