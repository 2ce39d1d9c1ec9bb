/** The operator's commands across packages, through the bundled bfx as a shell user or a cron job runs it. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { bfx, executions, ROOT, tempCatalog } from './support.js';

const json = (stdout: string) => JSON.parse(stdout);

/** Moves every execution and audit entry of the file far into the past, as if the catalog were old. */
function age(path: string): void {
  const db = new DatabaseSync(path);
  try {
    db.exec(
      `UPDATE Execution SET StartTime = '2020-01-01T00:00:00.000Z'; UPDATE AuditLog SET CreatedTime = '2020-01-01T00:00:00.000Z'`,
    );
  } finally {
    db.close();
  }
}

/** Every audit entry of the file, oldest first. */
function auditLog(path: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path);
  try {
    return db.prepare('SELECT PackageID, ExecutionID, Action, Actor, Detail FROM AuditLog ORDER BY AuditID').all();
  } finally {
    db.close();
  }
}

const deletedText = (result: { stderr: string }) => result.stderr.replace(/^error: /, '').trim();

describe('bfx for operators', () => {
  it('bfx version and bfx --version say the same release; history of a missing package exits 1 like status', async () => {
    const { connectionString } = tempCatalog();
    const version = await bfx(['version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toMatch(/^bfx \d+\.\d+\.\d+/);
    expect((await bfx(['--version'])).stdout).toBe(version.stdout);
    await bfx(['begin', 'P', '-c', connectionString]);
    const status = await bfx(['status', 'NOPE', '-c', connectionString]);
    const history = await bfx(['history', 'NOPE', '-c', connectionString]);
    expect([status.exitCode, history.exitCode]).toEqual([1, 1]);
    expect(history.stderr).toContain('error: Package "NOPE" is not in the catalog: its first begin registers it.');
    const help = await bfx(['--help']);
    expect(help.stdout).toContain('Exit codes: 0 done; 1 nothing was done');
    for (const command of ['runs', 'check', 'purge', 'rename', 'delete'])
      expect(help.stdout).toContain(`  ${command} `);
  });

  it('bfx runs lists every package by time and status; bfx history filters by --since and --status', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    await bfx(['begin', 'A', ...c]);
    await bfx(['end', '1', '--status', 'failure', ...c]);
    await bfx(['begin', 'B', ...c]);
    await bfx(['end', '2', ...c]);
    await bfx(['begin', 'A', ...c]);
    const all = await bfx(['runs', '--since', '24h', '--json', ...c]);
    expect(json(all.stdout).map((row: { ExecutionID: string }) => row.ExecutionID)).toEqual(['3', '2', '1']);
    const failed = await bfx(['runs', '--status', 'failed', ...c]);
    expect(failed.stdout).toMatch(/^A\s+1 {2}F \(Failed\)/m);
    expect(failed.stdout).not.toMatch(/^B /m);
    expect(json((await bfx(['history', 'A', '--status', 'R,F', '--json', ...c])).stdout)).toHaveLength(2);
    age(path);
    expect((await bfx(['runs', ...c])).stdout).toBe('No execution started in that time.\n');
    expect(json((await bfx(['history', 'A', '--since', '90m', '--json', ...c])).stdout)).toEqual([]);
    expect(json((await bfx(['history', 'A', '--since', '3650', '--json', ...c])).stdout)).toHaveLength(2);
    const bad = await bfx(['runs', '--since', '1w', ...c]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('The --since "1w" is not a duration, so bfx runs did nothing');
    const parent = await bfx(['history', '--parent', '1', '--since', '1d', ...c]);
    expect(parent.exitCode).toBe(1);
    expect(parent.stderr).toContain('--since and --status do not apply and nothing was done');
    const badStatus = await bfx(['history', 'A', '--status', 'broken', ...c]);
    expect(badStatus.exitCode).toBe(1);
    expect(badStatus.stderr).toContain('The --status "broken" is not an ExecutionStatus');
  });

  it('bfx check exits 0 when all is well, 2 when a package failed, is stuck or is disabled, 1 when it cannot check', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    await bfx(['begin', 'Good', ...c]);
    await bfx(['end', '1', ...c]);
    const healthy = await bfx(['check', ...c]);
    expect(healthy.exitCode).toBe(0);
    expect(healthy.stdout).toMatch(/^The package is healthy \(checked at .*Z\)\.$/m);
    await bfx(['begin', 'Broken', ...c]);
    await bfx(['end', '2', '--status', 'failure', '--message', 'source file missing', ...c]);
    await bfx(['begin', 'Stuck', ...c]);
    await bfx(['begin', 'Off', ...c]);
    await bfx(['end', '4', ...c]);
    await bfx(['disable', 'Off', ...c]);
    age(path);
    const flagged = await bfx(['check', ...c]);
    expect(flagged.exitCode).toBe(2);
    expect(flagged.stdout).toContain('Broken  FAILED: execution 2 ended F at');
    expect(flagged.stdout).toContain('(source file missing)');
    expect(flagged.stdout).toMatch(
      /Stuck {2}STUCK: execution 3 active since 2020-01-01T00:00:00.000Z \(\d+ minutes, more than 360\)/,
    );
    expect(flagged.stdout).toContain('Off  DISABLED');
    expect(flagged.stdout).toContain('3 of 4 packages need attention');
    expect(flagged.stdout).not.toContain('Good');
    const report = json((await bfx(['check', '--json', ...c])).stdout);
    expect(report.Healthy).toBe(false);
    expect(report.Packages.find((pkg: { PackageName: string }) => pkg.PackageName === 'Stuck').Concerns).toEqual([
      'stuck',
    ]);
    expect((await bfx(['check', 'Good', ...c])).exitCode).toBe(0);
    expect((await bfx(['check', 'Stuck', '--stuck-after', '99999999', ...c])).exitCode).toBe(1);
    const missing = await bfx(['check', 'NOPE', ...c]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('Package "NOPE" is not in the catalog, so bfx check checked nothing');
  });

  it('bfx purge deletes old rows, keeps what the next begin reads, and is audited', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    for (const status of ['success', 'failure', 'success', 'failure']) {
      await bfx(['begin', 'P', ...c]);
      const id = String(executions(path).length);
      await bfx(['end', id, '--status', status, '--rows', 'dbo.T:Insert=1', ...c]);
    }
    age(path);
    const refused = await bfx(['purge', ...c]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('bfx purge was given no --older-than, so nothing was deleted');
    const purged = await bfx(['purge', '--older-than', '0', '--actor', 'ops', '--reason', 'retention', ...c]);
    expect(purged.exitCode).toBe(0);
    expect(purged.stdout).toContain(
      'P: 2 executions and 0 audit entries deleted; 2 old kept (last-success 1, latest 1)',
    );
    expect(purged.stdout).toMatch(/Purged 2 executions and 0 audit entries older than 0 days in [\d.]+ s\./);
    expect(executions(path).map((row) => [row.ExecutionID, row.ExecutionStatus])).toEqual([
      [3, 'S'],
      [4, 'F'],
    ]);
    // The failure is still retried, and the last success is still LastExecutionID.
    const next = json((await bfx(['begin', 'P', '--json', ...c])).stdout);
    expect(next).toMatchObject({ ExecutionStatus: 'R', LastExecutionID: '3' });
    const history = await bfx(['history', 'P', ...c]);
    expect(history.stdout).toMatch(
      /purge .*by ops: Purged 2 executions and 0 audit entries older than 0 days; kept 2 old executions that decisions still read\. Reason: retention/,
    );
  });

  it('bfx rename keeps the history; bfx delete asks for --yes off a terminal and is refused while active', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    await bfx(['begin', 'Old', ...c]);
    await bfx(['begin', 'Taken', ...c]);
    const taken = await bfx(['rename', 'Old', 'Taken', ...c]);
    expect(taken.exitCode).toBe(1);
    expect(taken.stderr).toContain('Package "Taken" is already in the catalog, so bfx rename changed nothing');
    const renamed = await bfx(['rename', 'Old', 'New', '--actor', 'ops', ...c]);
    expect(renamed.stdout).toContain('Old is now New (PackageID 1).');
    expect((await bfx(['history', 'New', ...c])).stdout).toContain('rename by ops: Renamed from "Old" to "New".');

    const unasked = await bfx(['delete', 'New', ...c]);
    expect(unasked.exitCode).toBe(1);
    expect(unasked.stderr).toContain('this is not a terminal, so nothing was deleted: add --yes.');
    const active = await bfx(['delete', 'New', '--yes', ...c]);
    expect(active.exitCode).toBe(1);
    expect(active.stderr).toContain('Execution 1 of "New" is still active, so bfx delete deleted nothing');
    await bfx(['end', '1', ...c]);
    const deleted = await bfx(['delete', 'New', '--yes', '--actor', 'ops', '--reason', 'retired', '--json', ...c]);
    expect(deleted.exitCode).toBe(0);
    expect(json(deleted.stdout)).toEqual({
      PackageID: 1,
      PackageName: 'New',
      Executions: 1,
      Actor: 'ops',
      Reason: 'retired',
    });
    expect(executions(path).map((row) => row.ExecutionID)).toEqual([2]);
    expect((await bfx(['status', 'New', ...c])).exitCode).toBe(1);
    // The package's own entries went with it; the deletion is the one entry of no package.
    expect(auditLog(path)).toEqual([
      {
        PackageID: null,
        ExecutionID: null,
        Action: 'delete',
        Actor: 'ops',
        Detail:
          'Deleted package "New" (PackageID 1) with 1 execution, their row counts, its marks and its audit entries. Reason: retired',
      },
    ]);
    expect(deletedText(await bfx(['delete', 'Taken', '--yes', ...c]))).toBe(
      'Execution 2 of "Taken" is still active, so bfx delete deleted nothing: end it, or run bfx reset first.',
    );
    expect(auditLog(path)).toHaveLength(1);
  });

  it('bfx delete without --yes asks on a terminal, and deletes only when the name is typed back', async () => {
    const { path, connectionString } = tempCatalog();
    await bfx(['begin', 'Gone', '-c', connectionString]);
    await bfx(['end', '1', '-c', connectionString]);
    // script(1) runs bfx on a pseudo-terminal, its input typed from the pipe.
    const onTerminal = (typed: string) =>
      spawnSync(
        'script',
        [
          '-qec',
          `'${process.execPath}' '${join(ROOT, 'dist/cli/index.js')}' delete Gone -c '${connectionString}'`,
          '/dev/null',
        ],
        { input: `${typed}\n`, encoding: 'utf8' },
      );
    const wrong = onTerminal('Gon');
    expect(wrong.stdout).toContain(
      'Delete package Gone with all its executions, marks and audit entries? Type its name to confirm:',
    );
    expect(wrong.stdout).toContain('error: The name typed was not "Gone", so nothing was deleted.');
    expect(wrong.status).toBe(1);
    expect(executions(path)).toHaveLength(1);
    const right = onTerminal('Gone');
    expect(right.stdout).toContain('Gone (PackageID 1) is deleted, with 1 execution');
    expect(right.status).toBe(0);
    expect(executions(path)).toHaveLength(0);
  });
});
