/**
 * Start-up of the shipped bundles as whole processes, the way the runner starts them (INPUT_*
 * variables with hyphens kept and action.yml's defaults filled in, GITHUB_OUTPUT / GITHUB_STATE /
 * GITHUB_STEP_SUMMARY / GITHUB_ENV files that exist), against a bare `node -e 0` on the same Node, alternating.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseCommandFile } from '../scripts/runner.mjs';
import { median } from './stats.js';

const parseState: (text: string) => Record<string, string> = parseCommandFile;

export const ROOT = resolve(import.meta.dirname, '..');
let DIST = join(ROOT, 'dist');
const MAIN = () => join(DIST, 'main/index.js');
/** The action's main (and post) step in the dist/ being measured. */
export const mainScript = MAIN;
const CLI = () => join(DIST, 'cli/index.js');

/**
 * Copies dist/ to a temp folder and measures that copy, so that a rebuild during the run (npm run
 * build empties dist/ first) cannot fail or mix the measurements. Returns a function removing it.
 */
export function snapshotDist(): () => void {
  const copy = mkdtempSync(join(tmpdir(), 'bfx-bench-dist-'));
  cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });
  DIST = join(copy, 'dist');
  return () => {
    DIST = join(ROOT, 'dist');
    rmSync(copy, { recursive: true, force: true });
  };
}
const RECORDER = join(ROOT, 'bench/record-modules.mjs');

type Env = Record<string, string>;

interface Timed {
  ms: number;
  status: number | null;
  output: string;
}

/** A job token as the runner gives every step (`${{ github.token }}`); no API is asked unless something is active. */
export const BENCH_GITHUB_TOKEN = 'ghs_benchJobToken000000000000000000000000';

/** The environment the runner gives a step of this action (scripts/runner.mjs's rules). */
export function actionEnv(work: string, inputs: Env, extra: Env = {}): Env {
  const metadata = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string | number | boolean }>;
  };
  const env: Env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('INPUT_') && !key.startsWith('STATE_') && !key.startsWith('GITHUB_'))
      env[key] = value;
  }
  for (const [name, input] of Object.entries(metadata.inputs)) {
    const value =
      name in inputs
        ? inputs[name]
        : input.default !== undefined
          ? String(input.default)
              .replace(/\$\{\{\s*job\.status\s*\}\}/g, 'success')
              .replace(/\$\{\{\s*github\.token\s*\}\}/g, BENCH_GITHUB_TOKEN)
          : '';
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return {
    ...env,
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STATE: join(work, 'state'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
    GITHUB_ENV: join(work, 'env'),
    RUNNER_TEMP: work,
    GITHUB_REPOSITORY: 'acme/warehouse',
    GITHUB_WORKFLOW: 'nightly-load',
    GITHUB_JOB: 'load',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'data-bot',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_SHA: '3f786850e387550fdab836ed7e6dc881de23001b',
    ...extra,
  };
}

function timed(args: string[], env: Env, cwd: string): Timed {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { env, cwd, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, status: child.status, output: `${child.stdout}${child.stderr}` };
}

function clearFiles(work: string) {
  for (const name of ['output', 'state', 'summary', 'env']) writeFileSync(join(work, name), '');
}

export interface StartupResult {
  runs: number;
  rows: { name: string; median: number; min: number; ratio: number }[];
}

/**
 * Alternates: bare node, the action's main step (a begin on SQLite), its post step (the end of that
 * execution), and the CLI's begin, `runs` times each (after one warm-up round, not counted).
 */
export function measureStartup(runs: number): StartupResult {
  const work = mkdtempSync(join(tmpdir(), 'bfx-bench-startup-'));
  try {
    const catalog = `sqlite:${join(work, 'catalog.db')}`;
    const times: Record<string, number[]> = { bare: [], main: [], post: [], cli: [] };
    for (let i = 0; i <= runs; i++) {
      const round: Record<string, number> = {};
      const runId = `${Date.now()}${i}`;
      const inputs = { 'package-name': 'LOAD_Customer', 'connection-string': catalog };
      // The baseline gets the same environment as the step.
      round.bare = timed(['-e', '0'], actionEnv(work, inputs, { GITHUB_RUN_ID: runId }), work).ms;

      clearFiles(work);
      const main = timed([MAIN()], actionEnv(work, inputs, { GITHUB_RUN_ID: runId }), work);
      const state = parseState(readFileSync(join(work, 'state'), 'utf8'));
      if (main.status !== 0 || !state.executionId)
        throw new Error(`The main step failed (exit ${main.status}):\n${main.output}`);
      round.main = main.ms;

      clearFiles(work);
      const stateEnv = Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]));
      const post = timed([MAIN()], actionEnv(work, inputs, { GITHUB_RUN_ID: runId, ...stateEnv }), work);
      if (post.status !== 0 || post.output.includes('::error::') || post.output.includes('::warning::'))
        throw new Error(`The post step failed (exit ${post.status}):\n${post.output}`);
      round.post = post.ms;

      const cli = timed(
        [CLI(), 'begin', 'LOAD_Orders', '--connection-string', catalog],
        { PATH: process.env.PATH ?? '' },
        work,
      );
      if (cli.status !== 0) throw new Error(`bfx begin failed (exit ${cli.status}):\n${cli.output}`);
      round.cli = cli.ms;

      if (i > 0) for (const [name, ms] of Object.entries(round)) times[name].push(ms);
    }
    const bare = median(times.bare);
    const label: Record<string, string> = {
      bare: 'node -e 0 (baseline)',
      main: 'action main step: begin (dist/main)',
      post: 'action post step: end (dist/main)',
      cli: 'bfx begin (dist/cli)',
    };
    return {
      runs,
      rows: Object.entries(times).map(([name, values]) => ({
        name: label[name],
        median: median(values),
        min: Math.min(...values),
        ratio: median(values) / bare,
      })),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface BundleFile {
  name: string;
  bytes: number;
}

/** The JavaScript files of a dist folder: the entry, its chunks, the stand-in module. */
export function bundleFiles(dir: string): BundleFile[] {
  const path = join(DIST, '..', dir);
  return spawnSync('ls', [path], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, bytes: statSync(join(path, name)).size }));
}

export interface ModulesResult {
  engine: string;
  files: BundleFile[];
  builtins: number;
  sqlServerDriver: boolean;
  pgDriver: boolean;
  /** @actions/github (Octokit): loaded only when a begin finds an active execution to ask about. */
  githubClient: boolean;
  exitCode: number | null;
}

/** What a main step loads with each engine's connection string (the step may fail: mssql here). */
export function modulesPerEngine(targets: { engine: string; connectionString: string }[]): ModulesResult[] {
  const work = mkdtempSync(join(tmpdir(), 'bfx-bench-modules-'));
  try {
    const results: ModulesResult[] = [];
    for (const { engine, connectionString } of [{ engine: 'none (node -e 0)', connectionString: '' }, ...targets]) {
      clearFiles(work);
      const out = join(work, 'modules.json');
      const target = connectionString === 'sqlite:' ? `sqlite:${join(work, 'modules.db')}` : connectionString;
      const env = {
        ...actionEnv(work, { 'package-name': 'LOAD_Customer', 'connection-string': target, 'connect-timeout': '2' }),
        GITHUB_RUN_ID: String(Date.now()),
        BFX_BENCH_MODULES: out,
      };
      const child = timed(['--import', RECORDER, ...(connectionString ? [MAIN()] : ['-e', '0'])], env, work);
      const recorded = JSON.parse(readFileSync(out, 'utf8')) as { files: string[]; builtins: string[] };
      const files = recorded.files
        .map((url) => new URL(url).pathname)
        .filter((path) => existsSync(path))
        .map((path) => ({ name: basename(path), bytes: statSync(path).size, text: readFileSync(path, 'utf8') }));
      results.push({
        engine,
        files: files.map(({ name, bytes }) => ({ name, bytes })),
        builtins: recorded.builtins.length,
        sqlServerDriver: files.some((file) => /\btedious\b/.test(file.text)),
        pgDriver: files.some((file) => /pg-protocol|PGPASSFILE|pgpass/.test(file.text)),
        githubClient: files.some((file) => file.text.includes('octokit-core.js')),
        exitCode: child.status,
      });
    }
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
