// The release workflow's own steps (.github/workflows/release.yml), runnable and tested off GitHub
// (docs/releasing.md says when each runs):
//
//   node scripts/release.mjs check X.Y.Z          is X.Y.Z ready: package.json says it, CHANGELOG.md has
//                                                 its dated section, no tag vX.Y.Z exists yet
//   node scripts/release.mjs uses OWNER/REPO X.Y.Z writes the repository's own name into every uses:
//                                                 of the shipped reusable workflows and the examples
//   node scripts/release.mjs notes X.Y.Z          prints CHANGELOG.md's section of X.Y.Z (the release notes)
//
// The source keeps the placeholder org/bfx-begin, which the README asks readers to replace; a
// released tree must not: a fork calling its own reusable workflow would otherwise run somebody
// else's org/bfx-begin. The reusable workflows get the exact tag (a workflow pinned at v1.2.3 runs
// the action of v1.2.3), the examples the moving major tag a user would write.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PLACEHOLDER = 'org/bfx-begin';

export class ReleaseError extends Error {}

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

function version(text) {
  const match = VERSION.exec(text ?? '');
  if (!match) throw new ReleaseError(`The version "${text}" is not X.Y.Z: give it without the v, e.g. 1.2.3.`);
  return { version: text, major: `v${match[1]}` };
}

/** The section of CHANGELOG.md for VERSION, without its heading; undefined when it has none. */
export function changelogSection(changelog, v) {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## [${v}]`));
  if (start === -1) return undefined;
  const end = lines.findIndex((line, i) => i > start && /^## |^\[[^\]]+\]: /.test(line));
  return {
    heading: lines[start],
    body: lines
      .slice(start + 1, end === -1 ? undefined : end)
      .join('\n')
      .trim(),
  };
}

/** Why VERSION cannot be released from ROOT, as sentences; empty when it can. */
export function checkRelease(v, root = ROOT, tags = gitTags(root)) {
  const { version: given } = version(v);
  const problems = [];
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (manifest.version !== given)
    problems.push(
      `package.json says version ${manifest.version}, not ${given}: run npm version ${given} --no-git-tag-version and commit it.`,
    );
  const section = changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), given);
  if (!section)
    problems.push(
      `CHANGELOG.md has no section "## [${given}] - YYYY-MM-DD": move the Unreleased entries under it and commit it.`,
    );
  else if (!/^## \[[^\]]+\] - \d{4}-\d{2}-\d{2}$/.test(section.heading))
    problems.push(
      `CHANGELOG.md's heading "${section.heading}" has no release date: write it as "## [${given}] - YYYY-MM-DD".`,
    );
  else if (section.body === '') problems.push(`CHANGELOG.md's section of ${given} is empty: list what changed.`);
  if (tags.includes(`v${given}`))
    problems.push(`The tag v${given} exists already, and a release tag never moves: release the next version.`);
  return problems;
}

function gitTags(root) {
  return execFileSync('git', ['tag', '--list'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
}

/** The workflow files whose uses: name this repository: the reusable workflows and the examples. */
export function shippedWorkflows(root = ROOT) {
  const list = (dir) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((name) => /\.ya?ml$/.test(name))
          .sort()
          .map((name) => join(dir, name))
      : [];
  const reusable = list('.github/workflows').filter((file) =>
    /^ {2}workflow_call:/m.test(readFileSync(join(root, file), 'utf8')),
  );
  return { reusable, examples: list('examples') };
}

/**
 * TEXT with every `uses: org/bfx-begin...@REF` (commented usage lines too) naming REPOSITORY at
 * REF instead. Only uses: lines change: prose may mention the placeholder.
 */
export function nameRepository(text, repository, ref) {
  if (!REPOSITORY.test(repository))
    throw new ReleaseError(`The repository "${repository}" is not OWNER/NAME: give it as GitHub spells it.`);
  return text.replace(
    /^(\s*(?:#\s*)?(?:-\s+)?uses:\s+)org\/bfx-begin((?:\/[\w./-]+)?)@\S+/gm,
    (_, start, path) => `${start}${repository}${path}@${ref}`,
  );
}

/** Rewrites the shipped workflows in place; returns the files changed. Fails if a placeholder survives. */
export function writeRepositoryName(repository, v, root = ROOT) {
  const { version: given, major } = version(v);
  const { reusable, examples } = shippedWorkflows(root);
  const changed = [];
  for (const [files, ref] of [
    [reusable, `v${given}`],
    [examples, major],
  ]) {
    for (const file of files) {
      const text = readFileSync(join(root, file), 'utf8');
      const named = nameRepository(text, repository, ref);
      const left = named.split('\n').findIndex((line) => /uses:\s+org\/bfx-begin\b/.test(line));
      if (left !== -1)
        throw new ReleaseError(
          `${file}:${left + 1} still uses ${PLACEHOLDER} in a form this script does not know: write it as uses: ${PLACEHOLDER}[/path]@REF.`,
        );
      if (named !== text) {
        writeFileSync(join(root, file), named);
        changed.push(file);
      }
    }
  }
  return changed;
}

function main([command, ...args]) {
  switch (command) {
    case 'check': {
      const problems = checkRelease(args[0]);
      if (problems.length) throw new ReleaseError(problems.join('\n'));
      return `${args[0]} is ready to release: package.json, CHANGELOG.md and the tags agree.`;
    }
    case 'uses': {
      const [repository, v] = args;
      const changed = writeRepositoryName(repository, v);
      return `uses: now names ${repository} in ${changed.length ? changed.join(', ') : 'no file (already named)'}.`;
    }
    case 'notes': {
      const { version: given } = version(args[0]);
      const section = changelogSection(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), given);
      if (!section) throw new ReleaseError(`CHANGELOG.md has no section of ${given}: run the check first.`);
      return section.body;
    }
    default:
      throw new ReleaseError(
        `Unknown command "${command ?? ''}": use check VERSION, uses OWNER/REPO VERSION or notes VERSION.`,
      );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(main(process.argv.slice(2)));
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
