/**
 * The README's scheduler wrapper (section "From cron, Airflow and other schedulers"), pasted as it
 * is and run with the shipped bfx on the PATH: the run key names the run, so a second start of the
 * same run returns the same execution and begins nothing; the next run retries after a failure.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executions, ROOT, tempCatalog, tempDir } from './support.js';

/** The first ```sh block after the heading. */
function readmeScript(heading: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const from = readme.indexOf(`### ${heading}`);
  expect(from, `README.md has a section "${heading}"`).toBeGreaterThan(-1);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from));
  expect(block).not.toBeNull();
  return block![1];
}

describe("the README's scheduler wrapper", () => {
  it('begins once per run key, ends as the load did, and retries in the next run after a failure', () => {
    const folder = tempDir('bfx-scheduler-');
    const { path, connectionString } = tempCatalog();
    writeFileSync(join(folder, 'nightly-customer.sh'), readmeScript('From cron, Airflow and other schedulers'), {
      mode: 0o755,
    });
    writeFileSync(join(folder, 'load.sh'), '#!/bin/bash\necho "load $*" >> calls.txt\nexit "${FAIL:-0}"\n', {
      mode: 0o755,
    });
    writeFileSync(join(folder, 'rollback.sh'), '#!/bin/bash\necho "rollback $*" >> calls.txt\n', { mode: 0o755 });
    // `bfx` as npm installs it: the shipped bundle, on Node.js 24.
    const bin = tempDir('bfx-scheduler-bin-');
    writeFileSync(
      join(bin, 'bfx'),
      `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/cli/index.js')}" "$@"\n`,
      {
        mode: 0o755,
      },
    );
    const run = (runKey: string, env: Record<string, string> = {}) =>
      spawnSync('./nightly-customer.sh', [], {
        cwd: folder,
        encoding: 'utf8',
        env: {
          PATH: `${bin}${delimiter}${dirname(process.execPath)}${delimiter}${process.env.PATH}`,
          BFX_CONNECTION_STRING: connectionString,
          BFX_RUN_KEY: runKey,
          ...env,
        },
      });
    const calls = () => readFileSync(join(folder, 'calls.txt'), 'utf8').trim().split('\n');

    const night1 = run('airflow:nightly:scheduled__2026-12-06:load_customer:1');
    expect(night1.status).toBe(0);
    expect(night1.stdout).toMatch(/execution 1 ended as S \(Succeeded\)/);
    // Started again in the same run: the same execution, already ended; nothing begun or loaded.
    const again = run('airflow:nightly:scheduled__2026-12-06:load_customer:1');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('This run has already ended execution 1.\n');
    expect(calls()).toEqual(['load --execution-id 1']);

    const night2 = run('airflow:nightly:scheduled__2026-12-07:load_customer:1', { FAIL: '1' });
    expect(night2.status).toBe(1);
    expect(night2.stdout).toMatch(/execution 2 ended as F \(Failed\)/);
    const retry = run('airflow:nightly:scheduled__2026-12-07:load_customer:2');
    expect(retry.status).toBe(0);
    expect(calls()).toEqual([
      'load --execution-id 1',
      'load --execution-id 2',
      'rollback --after 1',
      'load --execution-id 3',
    ]);
    expect(executions(path).map((e) => [e.ExecutionID, e.ExecutionStatus, e.RunKey])).toEqual([
      [1, 'S', 'airflow:nightly:scheduled__2026-12-06:load_customer:1'],
      [2, 'F', 'airflow:nightly:scheduled__2026-12-07:load_customer:1'],
      [3, 'S', 'airflow:nightly:scheduled__2026-12-07:load_customer:2'],
    ]);

    // Without a scheduler's key, the run key is the minute cron started it.
    const cron = run('');
    expect(cron.status).toBe(0);
    expect(executions(path)[3].RunKey).toMatch(/^cron:LOAD_Customer:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });
});
