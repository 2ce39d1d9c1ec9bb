/**
 * The npm package as a user gets it: what `npm pack` ships, installed into an empty folder with
 * nothing else, runs `bfx --version` and a begin on the embedded catalog with Node.js 24. dist/ is
 * one bundle with every driver in it, so the package has no dependencies to fetch.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './support.js';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};

/** Runs npm with the Node.js 24 of this test first on the PATH (npm's own scripts run on it too). */
function npm(args: string[], cwd: string): string {
  return execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}` },
  });
}

describe('the npm package', () => {
  let files: string[] = [];
  let tarball = '';
  let project = '';

  beforeAll(() => {
    const packed = tempDir('bfx-pack-');
    const [report] = JSON.parse(npm(['pack', '--json', '--pack-destination', packed], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = report.files.map((f) => f.path);
    tarball = join(packed, report.filename);
    project = tempDir('bfx-installed-');
    npm(['install', tarball], project);
  }, 120_000);

  it('is public, named bfx-begin, with the command bfx and no dependency to fetch', () => {
    expect(manifest).toMatchObject({ name: 'bfx-begin', bin: { bfx: 'dist/cli/index.js' } });
    expect(manifest).not.toHaveProperty('private');
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('ships the bundle, the README and package.json, and no source, test or workflow', () => {
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/cli/index.js', 'dist/index.js', 'dist/package.json']),
    );
    expect(files.filter((f) => !f.startsWith('dist/') && !/^(package\.json|README\.md|LICENSE.*)$/.test(f))).toEqual(
      [],
    );
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('installs into an empty folder and runs bfx --version and a begin with Node.js 24 and nothing else', () => {
    const bin = join(project, 'node_modules/.bin/bfx');
    expect(existsSync(bin)).toBe(true);
    // Only Node.js 24 and the system's own tools on the PATH: no npm, no devDependency.
    const env = { PATH: `${dirname(process.execPath)}${delimiter}/usr/bin${delimiter}/bin`, HOME: project };
    expect(execFileSync(bin, ['--version'], { cwd: project, env, encoding: 'utf8' })).toBe(`bfx ${manifest.version}\n`);

    const begun = execFileSync(bin, ['begin', 'LOAD_Customer'], { cwd: project, env, encoding: 'utf8' });
    expect(begun).toContain(
      'LOAD_Customer: ExecutionID 1, ExecutionStatus E (Executing), NextLoadStatus C (Canceled).',
    );
    const db = new DatabaseSync(join(project, '.bfx/catalog.db'), { readOnly: true });
    try {
      expect(db.prepare('SELECT ExecutionID, ExecutionStatus FROM Execution').all()).toEqual([
        { ExecutionID: 1, ExecutionStatus: 'E' },
      ]);
    } finally {
      db.close();
    }
  });
});
