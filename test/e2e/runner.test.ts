/**
 * The runner emulation the end-to-end tests stand on (scripts/runner.mjs) keeps the runner's rules
 * for what one step hands the next: GITHUB_ENV in both of its forms, set for every later step of
 * the job (post steps too) but not for the step that wrote it, a step's own env winning, and one
 * RUNNER_TEMP per job, removed with it. A stand-in action (a few lines of JavaScript, written
 * here) plays the bundle, so these tests need no build.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandFile, startJob, type Job } from '../../scripts/runner.mjs';

let action: string;
let job: Job;
beforeEach(() => {
  action = mkdtempSync(join(tmpdir(), 'bfx-runner-test-'));
  writeFileSync(
    join(action, 'action.yml'),
    'name: probe\ndescription: probe\nruns:\n  using: node24\n  main: probe.mjs\n  post: probe.mjs\n',
  );
  // Exports as @actions/core's exportVariable does (a heredoc block), and outputs what it sees.
  writeFileSync(
    join(action, 'probe.mjs'),
    [
      "import { appendFileSync, writeFileSync } from 'node:fs';",
      "const d = 'ghadelimiter_0b1c';",
      'const seen = [process.env.FROM_ACTION, process.env.FROM_SHELL, process.env.OWN, process.env.RUNNER_TEMP].join("|");',
      'appendFileSync(process.env.GITHUB_OUTPUT, `seen<<${d}\\n${seen}\\n${d}\\n`);',
      'appendFileSync(process.env.GITHUB_ENV, `FROM_ACTION<<${d}\\nline one\\nline two\\n${d}\\n`);',
      "writeFileSync(process.env.RUNNER_TEMP + '/made-by-the-step.txt', '');",
    ].join('\n'),
  );
  job = startJob({ env: { GITHUB_RUN_ID: '1' } });
});
afterEach(() => {
  job.remove();
  rmSync(action, { recursive: true, force: true });
});

describe('the runner emulation (scripts/runner.mjs)', () => {
  it('parses both forms of a command file, as the runner does', () => {
    expect(parseCommandFile('A=1\nB<<EOF\nx=y\nz\nEOF\nC=a<<b\r\nD<<X\r\nq\r\nX\r\n')).toEqual({
      A: '1',
      B: 'x=y\nz',
      C: 'a<<b',
      D: 'q\r',
    });
  });

  it('sets what a step exported through GITHUB_ENV for every later step of the job, not for itself', async () => {
    const first = await job.runStep({ action });
    expect(first.exitCode).toBe(0);
    expect(first.exported).toEqual({ FROM_ACTION: 'line one\nline two' });
    expect(first.outputs.seen).toBe(`|||${job.runnerTemp}`);

    const shell = await job.run('printf "%s" "$FROM_ACTION" > seen.txt; echo "FROM_SHELL=from bash" >> "$GITHUB_ENV"');
    expect(shell.exitCode).toBe(0);
    expect(shell.exported).toEqual({ FROM_SHELL: 'from bash' });
    const echoed = await job.run('cat seen.txt');
    expect(echoed.stdout).toBe('line one\nline two');

    const post = await job.runStep({ action, phase: 'post', env: { OWN: 'own' } });
    expect(post.outputs.seen).toBe(`line one\nline two|from bash|own|${job.runnerTemp}`);
    expect(job.env).toMatchObject({ GITHUB_RUN_ID: '1', FROM_ACTION: 'line one\nline two', FROM_SHELL: 'from bash' });
  });

  it("lets a step's own env win over what earlier steps exported", async () => {
    await job.run('echo "OWN=exported" >> "$GITHUB_ENV"');
    const step = await job.runStep({ action, env: { OWN: 'the step' } });
    expect(step.outputs.seen.split('|')[2]).toBe('the step');
  });

  it("keeps one RUNNER_TEMP for the job's steps, and removes it with the job", async () => {
    await job.runStep({ action });
    const listed = await job.run('ls "$RUNNER_TEMP"');
    expect(listed.stdout.trim()).toBe('made-by-the-step.txt');
    job.remove();
    expect(existsSync(job.runnerTemp)).toBe(false);
    expect(existsSync(job.workspace)).toBe(false);
  });

  it('fails a run: step as bash -e does', async () => {
    const failed = await job.run('false; echo not reached');
    expect(failed.exitCode).toBe(1);
    expect(failed.stdout).toBe('');
  });
});
