// Runs a bundled action step the way the GitHub runner does: inputs as INPUT_* variables (name
// upper-cased, hyphens kept) with action.yml's defaults filled in, GITHUB_OUTPUT / GITHUB_STATE /
// GITHUB_STEP_SUMMARY files, and the main step's saved state handed to the post step as STATE_*.
// Used by the end-to-end tests and by `npm run main`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Parses the name<<delimiter ... delimiter blocks the toolkit writes to GITHUB_OUTPUT and GITHUB_STATE. */
export function parseCommandFile(text) {
  const values = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
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
}) {
  const actionDir = resolve(ROOT, action);
  const metadata = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'bfx-runner-'));
  const files = {
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STATE: join(work, 'state'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');

  const stepEnv = { ...process.env, ...files, RUNNER_TEMP: work, ...env };
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
  const child = spawn(process.execPath, [script], { env: stepEnv, cwd: cwd ?? work });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exitCode = await new Promise((done) => child.on('close', done));
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}
