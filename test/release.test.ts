/**
 * The release (.github/workflows/release.yml and scripts/release.mjs) off GitHub: the version
 * check, the repository's own name written into every uses: of the shipped workflows, the release
 * notes, and the workflow's tagging step itself, run in a scratch repository with a bare origin.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from '../scripts/lint-actions.mjs';
import {
  ROOT,
  changelogSection,
  checkRelease,
  nameRepository,
  shippedWorkflows,
  writeRepositoryName,
} from '../scripts/release.mjs';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A scratch copy of what the release touches, with package.json and CHANGELOG.md ready for VERSION. */
function scratch(version = '1.2.3', changelogHeading = `## [${version}] - 2026-12-06`): string {
  const dir = mkdtempSync(join(tmpdir(), 'bfx-release-'));
  made.push(dir);
  for (const path of ['.github', 'examples', 'scripts/release.mjs'])
    cpSync(join(ROOT, path), join(dir, path), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, version }, null, 2));
  writeFileSync(
    join(dir, 'CHANGELOG.md'),
    `# Changelog\n\n## [Unreleased]\n\n${changelogHeading}\n\n### Added\n\n- A release.\n\n## [1.0.0] - 2026-11-01\n\n- The first.\n\n[1.0.0]: https://example.invalid\n`,
  );
  return dir;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

const usesLines = (text: string) => text.split('\n').filter((line) => /uses:\s+acme\//.test(line));

describe('the release names the repository in every uses:', () => {
  it('finds the reusable workflows and the examples', () => {
    expect(shippedWorkflows()).toEqual({
      reusable: ['.github/workflows/bfx-batch.yml', '.github/workflows/bfx-package.yml'],
      examples: ['examples/batch-caller.yml', 'examples/caller.yml', 'examples/report.yml'],
    });
  });

  it('pins the reusable workflows at the release and the examples at its major tag; no placeholder is left, and actionlint passes', async () => {
    const dir = scratch();
    const changed = writeRepositoryName('acme/etl-bfx', '1.2.3', dir);
    expect(changed).toEqual([
      '.github/workflows/bfx-batch.yml',
      '.github/workflows/bfx-package.yml',
      'examples/batch-caller.yml',
      'examples/caller.yml',
      'examples/report.yml',
    ]);
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    for (const file of changed) expect(read(file)).not.toMatch(/uses:\s+org\/bfx-begin/);
    const batch = parse(read('.github/workflows/bfx-batch.yml'));
    expect(batch.jobs.begin.steps.map((s: { uses?: string }) => s.uses)).toContain('acme/etl-bfx@v1.2.3');
    expect(batch.jobs.end.steps.map((s: { uses?: string }) => s.uses)).toContain('acme/etl-bfx/end@v1.2.3');
    expect(usesLines(read('.github/workflows/bfx-package.yml'))).toEqual([
      '#       uses: acme/etl-bfx/.github/workflows/bfx-package.yml@v1.2.3',
      '        uses: acme/etl-bfx@v1.2.3',
    ]);
    expect(parse(read('examples/caller.yml')).jobs.customer.uses).toBe(
      'acme/etl-bfx/.github/workflows/bfx-package.yml@v1',
    );
    expect(usesLines(read('examples/report.yml'))).toContain('        uses: acme/etl-bfx/report@v1');
    expect(await actionlint(changed, dir)).toEqual([]);
    // Run again on a named tree: nothing to change.
    expect(writeRepositoryName('acme/etl-bfx', '1.2.3', dir)).toEqual([]);
  });

  it('changes only uses: lines, and refuses a name that is not OWNER/NAME', () => {
    const text = '# org/bfx-begin is a placeholder\n      - uses: org/bfx-begin/end@v1\n';
    expect(nameRepository(text, 'acme/etl', 'v2.0.0')).toBe(
      '# org/bfx-begin is a placeholder\n      - uses: acme/etl/end@v2.0.0\n',
    );
    expect(() => nameRepository(text, 'acme', 'v1')).toThrow(
      'The repository "acme" is not OWNER/NAME: give it as GitHub spells it.',
    );
  });
});

describe('the version check', () => {
  it('passes when package.json, CHANGELOG.md and the tags agree', () => {
    expect(checkRelease('1.2.3', scratch(), ['v1.0.0', 'v1'])).toEqual([]);
  });

  it('says what is missing, in sentences', () => {
    const dir = scratch('1.2.3', '## [1.2.3] - Unreleased');
    expect(checkRelease('1.2.4', dir, ['v1.2.4'])).toEqual([
      'package.json says version 1.2.3, not 1.2.4: run npm version 1.2.4 --no-git-tag-version and commit it.',
      'CHANGELOG.md has no section "## [1.2.4] - YYYY-MM-DD": move the Unreleased entries under it and commit it.',
      'The tag v1.2.4 exists already, and a release tag never moves: release the next version.',
    ]);
    expect(checkRelease('1.2.3', dir, [])).toEqual([
      'CHANGELOG.md\'s heading "## [1.2.3] - Unreleased" has no release date: write it as "## [1.2.3] - YYYY-MM-DD".',
    ]);
    expect(() => checkRelease('v1.2.3', dir, [])).toThrow('The version "v1.2.3" is not X.Y.Z');
  });

  it("takes the release notes from the version's section", () => {
    const changelog = readFileSync(join(scratch(), 'CHANGELOG.md'), 'utf8');
    expect(changelogSection(changelog, '1.2.3')).toEqual({
      heading: '## [1.2.3] - 2026-12-06',
      body: '### Added\n\n- A release.',
    });
    expect(changelogSection(changelog, '1.0.0')?.body).toBe('- The first.');
  });
});

describe("release.yml's steps, run as the runner would", () => {
  const workflow = parse(readFileSync(join(ROOT, '.github/workflows/release.yml'), 'utf8'));
  const step = (name: string) => {
    const found = workflow.jobs.release.steps.find((s: { name?: string }) => s.name === name);
    expect(found, name).toBeDefined();
    return found.run as string;
  };
  const run = (script: string, cwd: string, env: Record<string, string>) =>
    spawnSync('bash', ['-eo', 'pipefail', '-c', script], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', ...env },
    });

  /** A scratch repository on main with a bare origin, as actions/checkout leaves it. */
  function repository(version: string) {
    const dir = scratch(version);
    const origin = mkdtempSync(join(tmpdir(), 'bfx-origin-'));
    made.push(origin);
    git(origin, 'init', '--quiet', '--bare');
    for (const args of [
      ['init', '--quiet', '--initial-branch=main'],
      ['config', 'user.name', 'test'],
      ['config', 'user.email', 'test@example.invalid'],
      ['add', '.'],
      ['commit', '--quiet', '-m', 'main'],
      ['remote', 'add', 'origin', origin],
      ['push', '--quiet', 'origin', 'main'],
    ])
      git(dir, ...args);
    return { dir, origin };
  }

  it('refuses a version that is not ready, with the reason, before anything is built', () => {
    const { dir } = repository('1.2.3');
    const refused = run(step('Check the version'), dir, { VERSION: '1.3.0' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('package.json says version 1.2.3, not 1.3.0');
  });

  it('tags vX.Y.Z on a commit naming the repository, moves vX to it, and leaves main as it was', () => {
    const { dir, origin } = repository('1.2.3');
    const outputs = mkdtempSync(join(tmpdir(), 'bfx-release-outputs-'));
    made.push(outputs);
    const output = join(outputs, 'GITHUB_OUTPUT');
    writeFileSync(output, '');
    const env = { GITHUB_REPOSITORY: 'acme/etl-bfx', GITHUB_OUTPUT: output };
    const mainBefore = git(origin, 'rev-parse', 'main');

    const first = run(step('Commit the release, tag it and move the major tag'), dir, { ...env, VERSION: '1.2.3' });
    expect(first.stderr).not.toMatch(/error|fatal/i);
    expect(first.status).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('major=v1\n');
    expect(git(origin, 'rev-parse', 'v1.2.3^{commit}')).toBe(git(origin, 'rev-parse', 'v1^{commit}'));
    expect(git(origin, 'rev-parse', 'main')).toBe(mainBefore);
    expect(git(origin, 'show', 'v1.2.3:.github/workflows/bfx-package.yml')).toContain('uses: acme/etl-bfx@v1.2.3');
    expect(git(origin, 'show', 'main:.github/workflows/bfx-package.yml')).toContain('uses: org/bfx-begin@v1');
    expect(git(origin, 'log', '-1', '--format=%s', 'v1.2.3')).toBe('Release v1.2.3: uses: acme/etl-bfx@v1.2.3');

    // The next release, from a fresh checkout of main: v1 moves, v1.2.3 stays where it was.
    const tagged = git(origin, 'rev-parse', 'v1.2.3^{commit}');
    git(dir, 'reset', '--quiet', '--hard', 'origin/main');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, version: '1.2.4' }, null, 2));
    git(dir, 'commit', '--quiet', '--all', '-m', '1.2.4');
    const second = run(step('Commit the release, tag it and move the major tag'), dir, { ...env, VERSION: '1.2.4' });
    expect(second.status).toBe(0);
    expect(git(origin, 'rev-parse', 'v1^{commit}')).toBe(git(origin, 'rev-parse', 'v1.2.4^{commit}'));
    expect(git(origin, 'rev-parse', 'v1.2.3^{commit}')).toBe(tagged);
    expect(git(origin, 'tag', '-n1', '--list', 'v1')).toMatch(/^v1\s+v1 -> v1\.2\.4$/);
  });

  it('only runs from main, writes tags and the release (contents: write), and checks dist/ before tagging', () => {
    expect(workflow.jobs.release.if).toBe("github.ref == 'refs/heads/main'");
    expect(workflow.permissions).toEqual({ contents: 'write', 'id-token': 'write' });
    const names = workflow.jobs.release.steps.map((s: { name?: string; uses?: string }) => s.name ?? s.uses);
    expect(names.indexOf('Check dist/ is what the source builds')).toBeLessThan(
      names.indexOf('Commit the release, tag it and move the major tag'),
    );
    expect(names.indexOf('Lint, type-check and test')).toBeLessThan(
      names.indexOf('Commit the release, tag it and move the major tag'),
    );
  });
});
