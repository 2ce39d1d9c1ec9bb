/**
 * One name rule (src/validate.ts packageName) for the action and the CLI, through the shipped
 * bundles: the same text gives the same stored package name, whichever shell is given it, and the
 * same refusals. White space around a name is dropped; what is left is kept exactly.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { bfx, runActionStep, tempCatalog } from './support.js';

const RUN = { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' };

function packageNames(path: string): string[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db
      .prepare('SELECT PackageName FROM Package ORDER BY PackageID')
      .all()
      .map((row) => String(row.PackageName));
  } finally {
    db.close();
  }
}

const action = (connectionString: string, name: string) =>
  runActionStep({
    inputs: { 'package-name': name, 'connection-string': connectionString, 'auto-end': 'false' },
    env: RUN,
  });

describe('the package name, in the action and in bfx', () => {
  it('is stored the same for the same text: white space around it dropped, the rest kept exactly', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    for (const name of ['  LOAD_Sales \n', 'LOAD_Sales', '\tLOAD_Sales  ']) {
      const main = await action(connectionString, name);
      expect(main.exitCode, JSON.stringify(name)).toBe(0);
      const begun = await bfx(['begin', name, '--json', ...c]);
      expect(begun.exitCode, JSON.stringify(name)).toBe(0);
    }
    // Inner spaces and case are the name's own.
    expect((await action(connectionString, ' Load  sales ')).exitCode).toBe(0);
    expect((await bfx(['begin', 'Load  sales', ...c])).exitCode).toBe(0);
    expect(packageNames(path)).toEqual(['LOAD_Sales', 'Load  sales']);
    // Looked up by the same rule.
    const history = await bfx(['history', ' LOAD_Sales ', '--json', ...c]);
    const rows = JSON.parse(history.stdout) as { PackageName: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.PackageName))).toEqual(new Set(['LOAD_Sales']));
    expect((await bfx(['status', 'Load  sales ', ...c])).stdout).toMatch(/^Load {2}sales {2}enabled/);
  });

  it('is refused the same way when it is empty or longer than 500 characters once trimmed', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    const longest = 'P'.repeat(500);
    expect((await action(connectionString, ` ${longest} `)).exitCode).toBe(0);
    expect((await bfx(['begin', ` ${longest} `, ...c])).exitCode).toBe(0);
    expect(packageNames(path)).toEqual([longest]);

    for (const [name, sentence] of [
      [' \n ', /is empty, so there is no package to run: give the name of the package to load\./],
      [`${longest}Q`, /is 501 characters long, more than the catalog's 500: use a shorter package name\./],
    ] as const) {
      const main = await action(connectionString, name);
      expect(main.exitCode).toBe(1);
      expect(main.stdout).toMatch(new RegExp(`::error::The package-name ${sentence.source}`));
      const cli = await bfx(['begin', name, ...c]);
      expect(cli.exitCode).toBe(1);
      expect(cli.stderr).toMatch(new RegExp(`^error: The package name ${sentence.source}`));
    }
    expect(packageNames(path)).toEqual([longest]);
  });
});
