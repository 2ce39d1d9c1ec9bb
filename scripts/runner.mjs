// Runs a bundled action step the way the GitHub runner does: inputs as INPUT_* variables (name
// upper-cased, hyphens kept) with action.yml's defaults filled in, GITHUB_OUTPUT / GITHUB_STATE /
// GITHUB_STEP_SUMMARY / GITHUB_ENV files, and the main step's saved state handed to the post step
// as STATE_*. startJob() runs several steps as one job: one RUNNER_TEMP, and the variables a step
// exports through GITHUB_ENV set for every later step. Used by the end-to-end tests and by
// `npm run main`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Parses a GITHUB_OUTPUT, GITHUB_STATE or GITHUB_ENV file as the runner does: the name<<delimiter
 * ... delimiter blocks the toolkit writes, and NAME=VALUE lines (what `echo NAME=VALUE >>` writes).
 */
export function parseCommandFile(text) {
  const values = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals > 0 && (heredoc < 0 || equals < heredoc)) {
      values[line.slice(0, equals)] = line.slice(equals + 1);
      continue;
    }
    const match = /^([^<]+)<<(.+)$/.exec(line);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value = [];
    for (i++; i < lines.length && lines[i].replace(/\r$/, '') !== delimiter; i++) value.push(lines[i]);
    values[name] = value.join('\n');
  }
  return values;
}

/** Evaluates the only expressions action.yml defaults use here: ${{ job.status }} and ${{ github.token }}. */
function evaluateDefault(value, jobStatus, githubToken) {
  return String(value)
    .replace(/\$\{\{\s*job\.status\s*\}\}/g, jobStatus)
    .replace(/\$\{\{\s*github\.token\s*\}\}/g, githubToken);
}

/**
 * @param {object} step
 * @param {'main'|'post'} [step.phase] which of runs.main / runs.post to start
 * @param {string} [step.action] the folder holding action.yml, relative to the repository
 * @param {Record<string,string>} [step.inputs]
 * @param {Record<string,string>} [step.state] state saved by the main step, for the post step
 * @param {Record<string,string>} [step.env] extra environment (GITHUB_RUN_ID, ...)
 * @param {string} [step.jobStatus] what ${{ job.status }} evaluates to
 * @param {string} [step.githubToken] what ${{ github.token }} evaluates to (the job's token; none by default)
 * @param {string} [step.cwd]
 * @param {string} [step.runnerTemp] the job's RUNNER_TEMP (startJob); without it, a folder of the step's own that is
 *   kept, for a post step to read what the main step left there, until removeStepFolders()
 */
export async function runStep({
  phase = 'main',
  action = '.',
  inputs = {},
  state = {},
  env = {},
  jobStatus = 'success',
  githubToken = '',
  cwd,
  runnerTemp,
}) {
  const actionDir = resolve(ROOT, action);
  const metadata = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'bfx-runner-'));
  if (runnerTemp === undefined) kept.add(work);
  const files = {
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STATE: join(work, 'state'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
    GITHUB_ENV: join(work, 'env'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');

  const stepEnv = { ...process.env, ...files, RUNNER_TEMP: runnerTemp ?? work, ...env };
  for (const key of Object.keys(stepEnv)) {
    if (key.startsWith('INPUT_') || key.startsWith('STATE_')) delete stepEnv[key];
  }
  for (const [name, input] of Object.entries(metadata.inputs ?? {})) {
    const value =
      name in inputs
        ? inputs[name]
        : input.default !== undefined
          ? evaluateDefault(input.default, jobStatus, githubToken)
          : '';
    stepEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const [name, value] of Object.entries(inputs)) {
    stepEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  for (const [name, value] of Object.entries(state)) stepEnv[`STATE_${name}`] = value;

  const script = resolve(actionDir, metadata.runs[phase]);
  const { exitCode, stdout, stderr } = await finished(
    spawn(process.execPath, [script], { env: stepEnv, cwd: cwd ?? work }),
  );
  const result = {
    exitCode,
    stdout,
    stderr,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    exported: parseCommandFile(readFileSync(files.GITHUB_ENV, 'utf8')),
  };
  // In a job, RUNNER_TEMP is the job's: the step's own folder (its command files) goes now.
  if (runnerTemp !== undefined) rmSync(work, { recursive: true, force: true });
  return result;
}

/** The folders of the steps run outside a job, kept for their post steps. */
const kept = new Set();

/** Removes the folders of every step run outside a job so far (test files call it when they are done). */
export function removeStepFolders() {
  for (const dir of kept) rmSync(dir, { recursive: true, force: true });
  kept.clear();
}

/** A step's process, once it has ended: its exit code and what it printed. */
async function finished(child) {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exitCode = await new Promise((done) => child.on('close', done));
  return { exitCode, stdout, stderr };
}

/**
 * A job, as the runner runs one: its steps share one RUNNER_TEMP and one workspace (the steps'
 * working directory), both removed by remove() as the runner cleans up after the job, and the
 * variables a step exports through GITHUB_ENV are set for every later step of the job, post
 * steps included; a step's own `env` wins over them. Each step's command files are its own, as
 * on the runner.
 *
 * @param {object} [job]
 * @param {Record<string,string>} [job.env] the job's environment (GITHUB_RUN_ID, ...)
 */
export function startJob({ env = {} } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'bfx-job-'));
  const runnerTemp = join(root, 'temp');
  const workspace = join(root, 'workspace');
  for (const dir of [runnerTemp, workspace]) mkdirSync(dir);
  const jobEnv = { ...env };
  return {
    runnerTemp,
    workspace,
    /** The job's environment now: what it began with and what its steps exported so far. */
    env: jobEnv,
    async runStep(step) {
      const result = await runStep({ cwd: workspace, ...step, env: { ...jobEnv, ...step.env }, runnerTemp });
      Object.assign(jobEnv, result.exported);
      return result;
    },
    /**
     * A `run:` step: the script in bash as the runner starts it on Linux
     * (`bash --noprofile --norc -eo pipefail`), in the job's environment, with a GITHUB_ENV of its own,
     * in the job's workspace unless `cwd` says another folder.
     */
    async run(script, { env: ownEnv = {}, cwd = workspace } = {}) {
      const work = mkdtempSync(join(tmpdir(), 'bfx-runner-'));
      const githubEnv = join(work, 'env');
      writeFileSync(githubEnv, '');
      const env = { ...process.env, ...jobEnv, RUNNER_TEMP: runnerTemp, GITHUB_ENV: githubEnv, ...ownEnv };
      for (const key of Object.keys(env)) {
        if (key.startsWith('INPUT_') || key.startsWith('STATE_')) delete env[key];
      }
      const result = await finished(
        spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { env, cwd }),
      );
      const exported = parseCommandFile(readFileSync(githubEnv, 'utf8'));
      rmSync(work, { recursive: true, force: true });
      Object.assign(jobEnv, exported);
      return { ...result, exported };
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
