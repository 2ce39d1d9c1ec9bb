/**
 * The cost of asking GitHub whether the run owning an active execution is alive
 * (docs/decision.md, step 5 on GitHub), against the loopback fake of the GitHub REST API
 * (test/support/fake-github-api.ts), which this process serves; the steps run as child processes
 * spawned asynchronously, so that the fake can answer them meanwhile.
 *
 * Whole processes, alternating: the main step resuming an interrupted execution without asking
 * (no token: the check answers 'unknown' and loads no HTTP client) and with asking (the fake says
 * the owner completed): the difference is loading @actions/github's chunk plus one request. And
 * in this process, one question through src/github/live-run.ts: the first (which imports
 * @actions/github) and the next ones (one loopback request each).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandFile } from '../scripts/runner.mjs';
import { liveRunCheck } from '../src/github/live-run.js';
import { startFakeGitHubApi, type FakeGitHubApi } from '../test/support/fake-github-api.js';
import { actionEnv, mainScript } from './startup.js';

type Env = Record<string, string>;

export interface LiveRunCheckResult {
  runs: number;
  /** Main steps resuming an execution, in ms: GitHub not asked / asked. */
  notAsked: number[];
  asked: number[];
  /** In-process questions, in ms: the first (with the import) and the next ones. */
  firstCheck: number;
  nextChecks: number[];
}

function run(args: string[], env: Env, cwd: string): Promise<{ ms: number; status: number | null; output: string }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { env, cwd });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) =>
    child.on('close', (status) => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status, output })),
  );
}

export async function measureLiveRunCheck(runs: number): Promise<LiveRunCheckResult> {
  const fake: FakeGitHubApi = await startFakeGitHubApi();
  const work = mkdtempSync(join(tmpdir(), 'bfx-bench-live-run-'));
  try {
    const inputs = { 'package-name': 'LOAD_Customer', 'connection-string': `sqlite:${join(work, 'catalog.db')}` };
    const github = { ...fake.env, GITHUB_REPOSITORY: 'acme/warehouse' };
    let runId = 1000;
    const clear = () => {
      for (const name of ['output', 'state', 'summary', 'env']) writeFileSync(join(work, name), '');
    };
    /** One main step (and, for a measured one, its post step ending the execution). */
    async function step(token: string, expected: string, end: boolean) {
      const id = String(runId++);
      fake.run('acme/warehouse', id, '1', { status: 'completed', conclusion: 'cancelled' });
      clear();
      const env = actionEnv(work, { ...inputs, 'github-token': token }, { ...github, GITHUB_RUN_ID: id });
      const main = await run([mainScript()], env, work);
      const state = parseCommandFile(readFileSync(join(work, 'state'), 'utf8'));
      const status = parseCommandFile(readFileSync(join(work, 'output'), 'utf8')).ExecutionStatus;
      if (main.status !== 0 || status !== expected)
        throw new Error(`live-run bench: expected ${expected}, got ${status} (exit ${main.status}):\n${main.output}`);
      if (end) {
        clear();
        const stateEnv = Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]));
        const post = await run([mainScript()], { ...env, ...stateEnv }, work);
        if (post.status !== 0) throw new Error(`live-run bench: the post step failed:\n${post.output}`);
      }
      return main.ms;
    }

    const notAsked: number[] = [];
    const asked: number[] = [];
    for (let i = 0; i <= runs; i++) {
      // An interrupted execution (a main step without its post step), then the measured resume, ended.
      await step(fake.token, 'E', false);
      const without = await step('', 'A', true);
      await step(fake.token, 'E', false);
      const withCheck = await step(fake.token, 'A', true);
      if (i > 0) {
        notAsked.push(without);
        asked.push(withCheck);
      }
    }

    const check = liveRunCheck({ token: fake.token, serverUrl: fake.serverUrl, apiUrl: fake.apiUrl });
    const owner = { executionId: '1', repository: 'acme/warehouse', runId: '1000', runAttempt: '1' };
    const time = async () => {
      const started = performance.now();
      const verdict = await check(owner);
      if (verdict.run !== 'completed') throw new Error(`live-run bench: the check said ${JSON.stringify(verdict)}`);
      return performance.now() - started;
    };
    const firstCheck = await time();
    const nextChecks: number[] = [];
    for (let i = 0; i < Math.max(runs, 20); i++) nextChecks.push(await time());
    return { runs, notAsked, asked, firstCheck, nextChecks };
  } finally {
    await fake.close();
    rmSync(work, { recursive: true, force: true });
  }
}
