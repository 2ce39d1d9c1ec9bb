/** The bundled bfx CLI, as a shell user runs it. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bfx, executions, tempCatalog } from './support.js';

const json = (stdout: string) => JSON.parse(stdout);

describe('bfx', () => {
  it('uses sqlite:.bfx/catalog.db in the current folder when no connection string is given', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bfx-cli-'));
    const begun = await bfx(['begin', 'LOAD_Customer', '--json'], { BFX_CONNECTION_STRING: '' }, cwd);
    expect(begun.exitCode).toBe(0);
    expect(json(begun.stdout)).toMatchObject({
      ExecutionID: '1',
      ExecutionStatus: 'E',
      NextLoadStatus: 'C',
      Decision: 'insert',
    });
    expect(executions(join(cwd, '.bfx/catalog.db'))).toHaveLength(1);
  });

  it('takes the catalog from BFX_CONNECTION_STRING', async () => {
    const { path, connectionString } = tempCatalog();
    expect((await bfx(['begin', 'P'], { BFX_CONNECTION_STRING: connectionString })).exitCode).toBe(0);
    expect(executions(path)).toHaveLength(1);
  });

  it('runs a whole story: begin, end with failure, retry, history and status', async () => {
    const { connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    const begun = await bfx(['begin', 'P', '--retry-limit', '2', '--run-key', 'nightly-1', ...c]);
    expect(begun.stdout).toContain('P: ExecutionID 1, ExecutionStatus E (Executing), NextLoadStatus C (Canceled).');
    expect(begun.stdout).toContain('Run key: nightly-1');
    const again = await bfx(['begin', 'P', '--run-key', 'nightly-1', '--json', ...c]);
    expect(json(again.stdout)).toMatchObject({ ExecutionID: '1', Decision: 'reenter' });
    const ended = await bfx(['end', '1', '--status', 'failure', '--message', 'source file missing', ...c]);
    expect(ended.exitCode).toBe(0);
    expect(ended.stdout).toMatch(/execution 1 ended as F \(Failed\) after \d+ s; NextLoadStatus R \(Retry\)/);
    expect(json((await bfx(['begin', 'P', '--json', ...c])).stdout)).toMatchObject({
      ExecutionStatus: 'R',
      NextLoadStatus: 'C',
    });
    const history = json((await bfx(['history', 'P', '--json', ...c])).stdout);
    expect(
      history.map((row: { ExecutionID: string; ExecutionStatus: string }) => [row.ExecutionID, row.ExecutionStatus]),
    ).toEqual([
      ['2', 'R'],
      ['1', 'F'],
    ]);
    expect(history[1].ErrorMessage).toBe('source file missing');
    const status = json((await bfx(['status', '--json', ...c])).stdout);
    expect(status).toEqual([expect.objectContaining({ PackageName: 'P', IsEnabled: true, RetryLimit: 2 })]);
    expect(status[0].Active.ExecutionID).toBe('2');
    const text = await bfx(['status', 'P', ...c]);
    expect(text.stdout).toContain('P  enabled  retry limit 2');
  });

  it('reports a second end as already ended, and exits 0', async () => {
    const { connectionString } = tempCatalog();
    await bfx(['begin', 'P', '-c', connectionString]);
    await bfx(['end', '1', '-c', connectionString]);
    const second = await bfx(['end', '1', '--status', 'failure', '-c', connectionString]);
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('had already ended as S (Succeeded)');
  });

  it('warns on stderr when the execution was taken over, and leaves it', async () => {
    const { path, connectionString } = tempCatalog();
    await bfx(['begin', 'P', '--run-key', 'a', '-c', connectionString]);
    await bfx(['begin', 'P', '--run-key', 'b', '-c', connectionString]);
    const end = await bfx(['end', '1', '--run-key', 'a', '-c', connectionString]);
    expect(end.exitCode).toBe(0);
    expect(end.stderr).toContain('warning: Execution 1 was taken over by run b');
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'A', EndTime: null });
  });

  it('disables and enables, skips and resumes, and resets a stuck execution', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    await bfx(['begin', 'P', ...c]);
    expect((await bfx(['skip', 'P', ...c])).stderr).toMatch(/still active.*end it or run bfx reset first/);
    const reset = await bfx(['reset', 'P', '--message', 'runner lost', ...c]);
    expect(reset.stdout).toContain('ended as F (Failed)');
    expect(executions(path)[0]).toMatchObject({
      ExecutionStatus: 'F',
      NextLoadStatus: 'R',
      ErrorMessage: 'runner lost',
    });
    expect((await bfx(['reset', 'P', ...c])).stdout).toContain('no active execution');
    expect((await bfx(['skip', 'P', ...c])).stdout).toContain('now has NextLoadStatus C');
    expect(json((await bfx(['begin', 'P', '--json', ...c])).stdout).ExecutionStatus).toBe('C');
    expect((await bfx(['resume', 'P', ...c])).exitCode).toBe(0);
    expect(json((await bfx(['begin', 'P', '--json', ...c])).stdout).ExecutionStatus).toBe('E');
    expect((await bfx(['disable', 'P', ...c])).stdout).toBe('P is disabled.\n');
    expect(json((await bfx(['begin', 'P', '--json', ...c])).stdout)).toMatchObject({
      ExecutionStatus: 'C',
      NextLoadStatus: 'P',
    });
    expect((await bfx(['enable', 'P', ...c])).stdout).toBe('P is enabled.\n');
  });

  it('creates the catalog with migrate, and begin --no-create-catalog refuses a missing one', async () => {
    const { path, connectionString } = tempCatalog();
    const refused = await bfx(['begin', 'P', '--no-create-catalog', '-c', connectionString]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/does not exist and create-catalog is false/);
    expect((await bfx(['migrate', '-c', connectionString])).stdout).toMatch(/The sqlite catalog .* is up to date/);
    expect((await bfx(['migrate', '-c', connectionString])).exitCode).toBe(0);
    expect((await bfx(['begin', 'P', '--no-create-catalog', '-c', connectionString])).exitCode).toBe(0);
    expect(executions(path)).toHaveLength(1);
  });

  it('prints help for bfx and for each command', async () => {
    const help = await bfx(['--help']);
    expect(help.exitCode).toBe(0);
    for (const command of [
      'begin',
      'end',
      'status',
      'history',
      'enable',
      'disable',
      'skip',
      'resume',
      'reset',
      'migrate',
    ]) {
      expect(help.stdout).toContain(`  ${command} `);
      const commandHelp = await bfx([command, '--help']);
      expect(commandHelp.exitCode).toBe(0);
      expect(commandHelp.stdout).toContain(`Usage: bfx ${command}`);
    }
  });

  const refusals: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /"frobnicate" is not a bfx command/],
    ['an unknown option', ['begin', 'P', '--retries', '2'], /Unknown option '--retries'.*see bfx begin --help/],
    ['a missing package name', ['begin'], /bfx begin takes one package name, and 0 were given/],
    ['an empty package name', ['begin', ''], /The package name is empty/],
    ['a bad retry limit', ['begin', 'P', '--retry-limit', 'x'], /The --retry-limit "x" is not a whole number/],
    ['a bad execution id', ['end', 'abc'], /The ExecutionID "abc" is not an ExecutionID/],
    ['a bad status', ['end', '1', '--status', 'ok'], /The --status "ok" is not an outcome/],
    ['an unknown package', ['disable', 'Nope'], /Package "Nope" is not in the catalog/],
  ];

  it.each(refusals)('refuses %s with one line on stderr, exit code 1, and no change', async (_, args, message) => {
    const { path, connectionString } = tempCatalog();
    await bfx(['begin', 'Seed', '-c', connectionString]);
    const before = executions(path);
    const result = await bfx([...args, '-c', connectionString]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(executions(path)).toEqual(before);
  });

  it('never prints a password from the connection string', async () => {
    const result = await bfx(['status', '-c', 'Host=db;Password=hunter2-secret']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).not.toContain('hunter2-secret');
  });
});
