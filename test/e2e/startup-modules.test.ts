/**
 * What the shipped action loads to begin and end on SQLite (docs/performance.md, start-up): none
 * of the Node modules a step has no use for, whose loading was a fifth of the main step's CPU:
 * node:crypto (for @actions/core's output delimiters), net and the stream modules (for
 * process.stdout on the runner's pipe), fs.promises (for the job summary), node:os (for
 * @actions/core's line break, and a temporary folder the runner always gives). Recorded by a
 * preload of a few lines (the bench's, bench/record-modules.mjs, loads node:module, which loads
 * node:os), with the step's output read through a pipe as the runner reads it; what a bare node
 * with that preload loads too is not the step's.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runActionStep, tempCatalog, tempDir } from './support.js';

const NOT_NEEDED =
  /^(crypto|net|os|stream|fs\/promises|readline|internal\/(crypto|streams|readline)\/.+|internal\/fs\/promises)$/;

/** The built-in modules the process loaded, written at its exit by a preload that loads none. */
const RECORDER = `process.on('exit', () => require('node:fs').writeFileSync(process.env.BFX_BUILTINS,
  JSON.stringify(process.moduleLoadList.filter((name) => name.startsWith('NativeModule '))
    .map((name) => name.slice('NativeModule '.length)))));
`;

function recording(name: string): { env: Record<string, string>; builtins: () => string[] } {
  const dir = tempDir();
  const recorder = join(dir, 'record-builtins.cjs');
  writeFileSync(recorder, RECORDER);
  const out = join(dir, `${name}.json`);
  return {
    env: { NODE_OPTIONS: `--require ${recorder}`, BFX_BUILTINS: out },
    builtins: () => JSON.parse(readFileSync(out, 'utf8')) as string[],
  };
}

/** The built-in modules a step loads that `node -e 0` with the same preload does not. */
function beyondBareNode(builtins: string[]): string[] {
  const bare = recording('bare');
  execFileSync(process.execPath, ['-e', '0'], { env: { ...process.env, ...bare.env } });
  const baseline = new Set(bare.builtins());
  return builtins.filter((name) => !baseline.has(name));
}

describe('start-up of the shipped action on SQLite', () => {
  it('the main step and the post step load no crypto, net, os, stream or fs.promises module', async () => {
    const catalog = tempCatalog();
    const inputs = { 'package-name': 'LOAD_Customer', 'connection-string': catalog.connectionString };
    const env = { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' };

    const mainRecording = recording('main');
    const main = await runActionStep({ phase: 'main', inputs, env: { ...env, ...mainRecording.env } });
    expect(main.exitCode).toBe(0);
    expect(main.outputs).toMatchObject({ ExecutionID: '1', ExecutionStatus: 'E' });
    expect(main.summary).toContain('<h3>bfx-begin: LOAD_Customer</h3>');
    expect(main.stdout).toContain('::group::bfx-begin details');
    const mainLoads = beyondBareNode(mainRecording.builtins());
    expect(mainLoads).toContain('sqlite');
    expect(mainLoads.filter((name) => NOT_NEEDED.test(name))).toEqual([]);

    const postRecording = recording('post');
    const post = await runActionStep({
      phase: 'post',
      inputs,
      state: main.state,
      env: { ...env, ...postRecording.env },
    });
    expect(post.exitCode).toBe(0);
    expect(post.summary).toContain('<h3>bfx-end: LOAD_Customer</h3>');
    expect(beyondBareNode(postRecording.builtins()).filter((name) => NOT_NEEDED.test(name))).toEqual([]);
  });
});
