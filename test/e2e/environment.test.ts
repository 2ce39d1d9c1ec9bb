/**
 * Faults of the machine around the catalog, through the shipped bundles (the bfx CLI and the
 * action's main step as the runner starts it): each is one sentence saying what to do, never an
 * "unexpected error" to report. A SQLite path that is a folder, a file that is not a database,
 * a folder above that is a file or cannot be made, a file another process holds in exclusive
 * locking mode, a read-only file system and a full disk (the last two on a small tmpfs, where
 * this test may mount one: as root on Linux), and a PostgreSQL socket folder that does not exist.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { foreignTables } from '../support/first-release.js';
import { bfx, runActionStep, tempDir } from './support.js';

const RUN = { GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' };
const NOT_A_BUG = /unexpected|report it|BFX_DEBUG|debug logging|\n\s+at /;

/** bfx begin and the action's main step on one connection string: both fail with the same one sentence. */
async function refusedByBoth(connectionString: string, sentence: RegExp, inputs: Record<string, string> = {}) {
  const cli = await bfx(['begin', 'P', '-c', connectionString, '--request-timeout', '1']);
  expect(cli.exitCode).toBe(1);
  expect(cli.stdout).toBe('');
  expect(cli.stderr.trim().split('\n')).toHaveLength(1);
  expect(cli.stderr).toMatch(new RegExp(`^error: ${sentence.source}`));
  expect(cli.stderr).not.toMatch(NOT_A_BUG);

  const main = await runActionStep({
    inputs: { 'package-name': 'P', 'connection-string': connectionString, 'request-timeout': '1', ...inputs },
    env: RUN,
  });
  expect(main.exitCode).toBe(1);
  const errors = main.stdout.split('\n').filter((line) => line.startsWith('::error'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(new RegExp(`^::error::${sentence.source}`));
  expect(main.stdout + main.stderr).not.toMatch(NOT_A_BUG);
  expect(main.outputs).toEqual({});
  return { cli, main };
}

describe('a SQLite catalog path bfx-begin cannot use', () => {
  it('is a folder', async () => {
    const dir = tempDir();
    await refusedByBoth(
      `sqlite:${dir}`,
      /The SQLite catalog \S+ is a folder, not a file, so nothing was read or changed: point bfx-begin at a file, such as \S+\/catalog\.db\./,
    );
  });

  it('is a file that is not a SQLite database', async () => {
    const path = join(tempDir(), 'notes.db');
    writeFileSync(path, 'not a database, only words\n'.repeat(100));
    await refusedByBoth(
      `sqlite:${path}`,
      /The file \S+notes\.db is not a SQLite database, so nothing was read or changed: point bfx-begin at another SQLite file\./,
    );
  });

  it('lies under a file, not a folder, at any depth', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, '');
    for (const path of [join(file, 'catalog.db'), join(file, 'a', 'b', 'catalog.db')]) {
      await refusedByBoth(
        `sqlite:${path}`,
        /The SQLite catalog \S+ cannot be created, because \S+plain-file is a file, not a folder, so nothing was created: /,
      );
    }
  });

  it.skipIf(process.platform !== 'linux')(
    'lies under a folder that cannot be created (under /proc), at once',
    async () => {
      const started = Date.now();
      await refusedByBoth(
        `sqlite:/proc/bfx-no-such-${process.pid}/catalog.db`,
        /The folder \/proc\/bfx-no-such-\d+ for the SQLite catalog \S+ cannot be created \(ENOENT\), so nothing was created: point bfx-begin at a file in a folder this process can write\./,
      );
      expect(Date.now() - started).toBeLessThan(20_000);
    },
  );

  it('holds tables of our names in another shape', async () => {
    const path = join(tempDir(), 'catalog.db');
    const db = new DatabaseSync(path);
    db.exec(foreignTables((table) => table, { id: 'INTEGER', text: 'TEXT' }));
    db.close();
    await refusedByBoth(
      `sqlite:${path}`,
      /The table (Package|Execution) in the SQLite file \S+ is not a bfx-begin table \(.*\), so nothing was created, altered or written: /,
    );
    const status = await bfx(['status', '-c', `sqlite:${path}`]);
    expect(status.exitCode).toBe(1);
    expect(status.stderr).toMatch(
      /^error: The table (Package|Execution) in the SQLite file .* is not a bfx-begin table/,
    );
  });
});

describe('a SQLite catalog another process holds in exclusive locking mode', () => {
  let holder: ChildProcess | undefined;
  afterAll(() => holder?.kill());

  it('is one sentence about the lock, read or write, once the request timeout has passed', async () => {
    const path = join(tempDir(), 'catalog.db');
    expect((await bfx(['begin', 'P', '-c', `sqlite:${path}`])).exitCode).toBe(0);
    // A program that keeps the file in exclusive locking mode: it never lets go until it closes.
    holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DatabaseSync } = require('node:sqlite');
         const db = new DatabaseSync(${JSON.stringify(path)});
         db.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN IMMEDIATE; COMMIT;');
         console.log('locked');
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((locked) => holder!.stdout!.once('data', locked));
    const sentence =
      /The SQLite catalog \S+ stayed locked by another process for 1 s, so nothing was changed: wait for the other runs to finish, close any program holding the file open \(one in exclusive locking mode keeps it locked until it closes\), or raise the request timeout\./;
    await refusedByBoth(`sqlite:${path}`, sentence);
    const status = await bfx(['status', '-c', `sqlite:${path}`, '--request-timeout', '1']);
    expect(status.stderr).toMatch(new RegExp(`^error: ${sentence.source}`));
    holder.kill();
    holder = undefined;
  });
});

/** A small tmpfs, where this process may mount one (root on Linux); undefined elsewhere. */
function mountTmpfs(size: string): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = join(tempDir(), 'disk');
  mkdirSync(dir);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status !== 0) return undefined;
  mounted.push(dir);
  return dir;
}
const mounted: string[] = [];
afterAll(() => {
  for (const dir of mounted.splice(0)) {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});
const canMount = (() => {
  const dir = mountTmpfs('16k');
  return dir !== undefined;
})();

describe.skipIf(!canMount)('a SQLite catalog on a file system that refuses writes (a tmpfs mounted here)', () => {
  it('is read-only: the existing catalog, a new file and a new folder', async () => {
    const disk = mountTmpfs('1m')!;
    expect((await bfx(['begin', 'P', '-c', `sqlite:${disk}/catalog.db`])).exitCode).toBe(0);
    expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const cannotWrite =
      /The SQLite catalog \S+ cannot be opened for writing \(the file, its folder or their file system is read-only, or out of reach\), so nothing was read or changed: /;
    await refusedByBoth(`sqlite:${disk}/catalog.db`, cannotWrite);
    await refusedByBoth(`sqlite:${disk}/new.db`, cannotWrite);
    await refusedByBoth(
      `sqlite:${disk}/sub/new.db`,
      /The folder \S+\/sub for the SQLite catalog \S+ cannot be created \(EROFS\), so nothing was created: /,
    );
  });

  it('is full: a begin or an end that cannot be written says so, and the catalog stays as it was', async () => {
    const disk = mountTmpfs('400k')!;
    const c = ['-c', `sqlite:${disk}/catalog.db`];
    expect((await bfx(['begin', 'P', ...c])).exitCode).toBe(0);
    const full =
      /The disk holding the SQLite catalog \S+ is full, so nothing was changed: free space on it, or move the catalog to a disk with room\./;
    // High-water marks of 8 KB each fill the 400 KB disk within a few dozen begins.
    let refused: Awaited<ReturnType<typeof bfx>> | undefined;
    for (let n = 0; n < 100 && !refused; n++) {
      const begun = await bfx(['begin', `Filler${n}`, '--var', `Mark=${'x'.repeat(8_000)}`, ...c]);
      if (begun.exitCode !== 0) refused = begun;
    }
    expect(refused?.stderr).toMatch(new RegExp(`^error: ${full.source}`));
    expect(refused?.stderr).not.toMatch(NOT_A_BUG);
    await refusedByBoth(`sqlite:${disk}/catalog.db`, full, { variables: `Mark=${'y'.repeat(8_000)}` });
    const end = await bfx(['end', '1', '--var', `Mark=${'z'.repeat(8_000)}`, ...c]);
    expect(end.stderr).toMatch(new RegExp(`^error: ${full.source}`));
    const status = await bfx(['status', 'P', ...c]);
    expect(status.stdout).toMatch(/latest: 1 +E \(Executing\).* active/);
  });
});

describe('a PostgreSQL connection string naming a socket folder that does not exist', () => {
  it('is one sentence naming the socket, for the CLI and the action', async () => {
    await refusedByBoth(
      `postgres://bfx@/catalog?host=/nonexistent/bfx-${process.pid}`,
      /No PostgreSQL server listens on the socket \/nonexistent\/bfx-\d+\/\.s\.PGSQL\.5432 \(ENOENT: there is no such socket file\), so no catalog was contacted: check the socket folder \(the host\) and the port in the connection string, and that the server runs on this machine\./,
    );
  });
});
