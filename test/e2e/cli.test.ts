/** The bundled bfx CLI, as a shell user runs it. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { FIRST_RELEASE_SQLITE, firstReleaseRows, foreignTables } from '../support/first-release.js';
import { bfx, executions, ROOT, tempCatalog, tempDir } from './support.js';

const json = (stdout: string) => JSON.parse(stdout);

describe('bfx', () => {
  it('uses sqlite:.bfx/catalog.db in the current folder when no connection string is given', async () => {
    const cwd = tempDir('bfx-cli-');
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

  it('retries a load that failed after the package was disabled and enabled again while it ran', async () => {
    const { connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    expect(json((await bfx(['begin', 'P', '--run-key', 'night-1', '--json', ...c])).stdout).ExecutionStatus).toBe('E');
    await bfx(['disable', 'P', '--reason', 'source down', ...c]);
    // A begin while disabled is skipped; its row is born ended beside the running load.
    expect(json((await bfx(['begin', 'P', '--json', ...c])).stdout)).toMatchObject({
      ExecutionID: '2',
      ExecutionStatus: 'C',
      NextLoadStatus: 'P',
    });
    await bfx(['enable', 'P', ...c]);
    const failed = await bfx(['end', '1', '--status', 'failure', '--run-key', 'night-1', ...c]);
    expect(failed.exitCode, failed.stderr).toBe(0);
    // The load that failed ended last: the next begin rolls it back and retries it.
    expect(json((await bfx(['begin', 'P', '--json', ...c])).stdout)).toMatchObject({
      ExecutionID: '3',
      ExecutionStatus: 'R',
    });
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

  it('names the run by BFX_RUN_KEY, as a scheduler does: a second begin in the same run returns the same execution', async () => {
    const { path, connectionString } = tempCatalog();
    const run1 = { BFX_CONNECTION_STRING: connectionString, BFX_RUN_KEY: 'cron:LOAD_Customer:2026-12-06' };
    const first = await bfx(['begin', 'LOAD_Customer'], run1);
    expect(first.stdout).toContain('LOAD_Customer: ExecutionID 1, ExecutionStatus E (Executing)');
    expect(first.stdout).toContain('Run key: cron:LOAD_Customer:2026-12-06');
    const again = json((await bfx(['begin', 'LOAD_Customer', '--json'], run1)).stdout);
    expect(again).toMatchObject({ ExecutionID: '1', ExecutionStatus: 'E', Decision: 'reenter' });
    expect(executions(path)).toEqual([expect.objectContaining({ ExecutionStatus: 'E', RetryCount: 0 })]);

    // --run-key names the run over the variable; a run of another key resumes the execution.
    const other = json(
      (await bfx(['begin', 'LOAD_Customer', '--json', '--run-key', 'cron:LOAD_Customer:2026-12-07'], run1)).stdout,
    );
    expect(other).toMatchObject({ ExecutionID: '1', ExecutionStatus: 'A', RunKey: 'cron:LOAD_Customer:2026-12-07' });
    // The first run's end, under its BFX_RUN_KEY, leaves the execution to the run that took it over.
    const end = await bfx(['end', '1'], run1);
    expect(end.exitCode).toBe(0);
    expect(end.stderr).toContain('warning: Execution 1 was taken over by run cron:LOAD_Customer:2026-12-07');
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'A', EndTime: null });
  });

  it('refuses a blank BFX_RUN_KEY and changes nothing; an empty one is unset', async () => {
    const { path, connectionString } = tempCatalog();
    const blank = await bfx(['begin', 'P'], { BFX_CONNECTION_STRING: connectionString, BFX_RUN_KEY: '  ' });
    expect(blank.exitCode).toBe(1);
    expect(blank.stderr).toMatch(
      /^error: The \$BFX_RUN_KEY is empty, so bfx begin did nothing: give a key, or leave \$BFX_RUN_KEY out\.$/m,
    );
    expect(existsSync(path) ? executions(path) : []).toEqual([]);
    const empty = json(
      (await bfx(['begin', 'P', '--json'], { BFX_CONNECTION_STRING: connectionString, BFX_RUN_KEY: '' })).stdout,
    );
    expect(empty.RunKey).toMatch(/^cli:[0-9a-f-]{36}$/);
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
    expect((await bfx(['disable', 'P', ...c])).stdout).toMatch(/^P is disabled\.\nRecorded in the audit log: by /);
    expect(json((await bfx(['begin', 'P', '--json', ...c])).stdout)).toMatchObject({
      ExecutionStatus: 'C',
      NextLoadStatus: 'P',
    });
    expect((await bfx(['enable', 'P', ...c])).stdout).toMatch(/^P is enabled\.\n/);
  });

  it('creates the catalog with migrate, and begin --no-create-catalog refuses a missing one', async () => {
    const { path, connectionString } = tempCatalog();
    const refused = await bfx(['begin', 'P', '--no-create-catalog', '-c', connectionString]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(
      /does not exist and --no-create-catalog was given, so nothing was created: create it with bfx migrate, or leave --no-create-catalog out\.$/m,
    );
    const created = await bfx(['migrate', '-c', connectionString]);
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toMatch(/^Created the sqlite catalog \(version 4\) in .*catalog\.db: .*Package.*Execution/);
    const again = await bfx(['migrate', '-c', connectionString]);
    expect(again.stdout).toMatch(/^The sqlite catalog in .* is up to date \(version 4\); nothing was changed\.\n$/);
    expect(json((await bfx(['migrate', '--json', '-c', connectionString])).stdout)).toMatchObject({
      Engine: 'sqlite',
      FromVersion: 4,
      ToVersion: 4,
      Created: [],
    });
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
      'var',
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

  it('keeps high-water marks committed only by a success, row counts whatever the outcome, and LastExecutionID', async () => {
    const { connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    const first = json((await bfx(['begin', 'Inc', '--var', 'LastLoadDate=1900-01-01', '--json', ...c])).stdout);
    expect(first).toMatchObject({ ExecutionID: '1', LastExecutionID: null, Variables: { LastLoadDate: '1900-01-01' } });
    expect(first.BatchStartTime).toMatch(/Z$/);
    const ended = await bfx(['end', '1', '--var', 'LastLoadDate=2026-11-24', '--rows', 'dbo.Sales:Insert=120', ...c]);
    expect(ended.stdout).toContain('Variables committed: LastLoadDate=2026-11-24\nRow counts: dbo.Sales Insert 120');

    const second = await bfx(['begin', 'Inc', '--var', 'LastLoadDate=2000-01-01', ...c]);
    expect(second.stdout).toContain('LastExecutionID: 1\nVariables: LastLoadDate=2026-11-24\n');
    const failed = await bfx([
      'end',
      '2',
      '--status',
      'failure',
      '--var',
      'LastLoadDate=2026-11-25',
      '--rows',
      'dbo.Sales:Insert=40',
      '--json',
      ...c,
    ]);
    expect(json(failed.stdout)).toMatchObject({
      Result: 'ended',
      ExecutionStatus: 'F',
      CommittedVariables: {},
      RowCounts: [{ ObjectName: 'dbo.Sales', CountType: 'Insert', RowCount: 40 }],
    });

    const retry = json((await bfx(['begin', 'Inc', '--json', ...c])).stdout);
    expect(retry).toMatchObject({
      ExecutionStatus: 'R',
      LastExecutionID: '1',
      Variables: { LastLoadDate: '2026-11-24' },
    });
    expect(json((await bfx(['var', 'Inc', '--json', ...c])).stdout)).toEqual([
      expect.objectContaining({
        Name: 'LastLoadDate',
        Value: '2026-11-24',
        PreviousValue: '1900-01-01',
        ExecutionID: '1',
      }),
    ]);
    const history = json((await bfx(['history', 'Inc', '--json', ...c])).stdout);
    expect(
      history.map((row: { ExecutionID: string; RowCounts: unknown[] }) => [row.ExecutionID, row.RowCounts]),
    ).toEqual([
      ['3', []],
      ['2', [{ ObjectName: 'dbo.Sales', CountType: 'Insert', RowCount: 40 }]],
      ['1', [{ ObjectName: 'dbo.Sales', CountType: 'Insert', RowCount: 120 }]],
    ]);
    expect((await bfx(['history', 'Inc', ...c])).stdout).toContain('rows: dbo.Sales Insert 40');
  });

  it('keeps names and values as data: quotes, unicode, = and long values', async () => {
    const { connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    const long = 'x'.repeat(5_000);
    await bfx(['begin', 'Data', '--var', `Quote'"; DROP=Łódź 🚀 a=b`, ...c]);
    expect((await bfx(['var', 'set', 'Data', 'Long', long, ...c])).exitCode).toBe(0);
    expect((await bfx(['var', 'set', 'Data', 'Negative', ...c, '--', '-1'])).exitCode).toBe(0);
    const marks = json((await bfx(['var', 'Data', '--json', ...c])).stdout);
    expect(Object.fromEntries(marks.map((m: { Name: string; Value: string }) => [m.Name, m.Value]))).toEqual({
      [`Quote'"; DROP`]: 'Łódź 🚀 a=b',
      Long: long,
      Negative: '-1',
    });
    expect((await bfx(['var', 'Data', ...c])).stdout).toContain('(5000 characters; --json shows all)');
  });

  it('records who changed a package and why, and shows it in the history among the executions', async () => {
    const { connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    await bfx(['begin', 'P', ...c]);
    await bfx(['end', '1', ...c]);
    const disabled = await bfx(['disable', 'P', '--reason', 'source system down', ...c], { GITHUB_ACTOR: 'hubot' });
    expect(disabled.stdout).toBe('P is disabled.\nRecorded in the audit log: by hubot, reason: source system down.\n');
    await bfx(['enable', 'P', '--actor', 'on-call', ...c]);
    // Enabling an enabled package (or disabling a disabled one) changes nothing, so nothing is recorded.
    const again = await bfx(['enable', 'P', '--actor', 'someone-else', '--json', ...c]);
    expect(again.exitCode).toBe(0);
    expect(json(again.stdout)).toMatchObject({ PackageName: 'P', IsEnabled: true, Changed: false });
    expect((await bfx(['enable', 'P', ...c])).stdout).toBe(
      'P is already enabled, so nothing was changed or recorded in the audit log.\n',
    );
    await bfx(['begin', 'P', '--var', 'Mark=0', ...c]);
    const set = await bfx(['var', 'set', 'P', 'Mark', '42', '--actor', 'on-call', '--reason', 'backfill', ...c]);
    expect(set.stdout).toBe(
      'P: Mark = 42 (was 0); the next begin reads it.\nRecorded in the audit log: by on-call, reason: backfill.\n',
    );
    const lines = (await bfx(['history', 'P', ...c])).stdout.trimEnd().split('\n');
    const shape = [
      /^ {3}audit {2}\S+Z {2}var set by on-call: Mark set from "0" to "42"\. Reason: backfill$/,
      /^ {7}2 {2}E \(Executing\)/,
      /^ {3}audit {2}\S+Z {2}enable by on-call: /,
      /^ {3}audit {2}\S+Z {2}disable by hubot: .*Reason: source system down$/,
      /^ {7}1 {2}S \(Succeeded\)/,
    ];
    expect(lines).toHaveLength(shape.length);
    shape.forEach((pattern, index) => expect(lines[index]).toMatch(pattern));
    const [newest] = json((await bfx(['history', 'P', '--json', ...c])).stdout);
    expect(newest.Audit).toEqual([
      expect.objectContaining({
        Action: 'var set',
        Actor: 'on-call',
        Detail: 'Mark set from "0" to "42". Reason: backfill',
      }),
    ]);
  });

  it('runs a batch: children under it, its end sets what they do next, history --parent and status show them', async () => {
    const { connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    const batch = json((await bfx(['begin', 'Nightly', '--is-batch', '--json', ...c])).stdout);
    const a = json((await bfx(['begin', 'LOAD_A', '--parent-execution-id', batch.ExecutionID, '--json', ...c])).stdout);
    const b = json((await bfx(['begin', 'LOAD_B', '--parent-execution-id', batch.ExecutionID, '--json', ...c])).stdout);
    expect([a.BatchStartTime, b.BatchStartTime]).toEqual([batch.BatchStartTime, batch.BatchStartTime]);
    await bfx(['end', a.ExecutionID, '--rows', 'dbo.A:Insert=5', ...c]);
    await bfx(['end', b.ExecutionID, '--status', 'failure', '--message', 'boom', ...c]);
    const ended = await bfx(['end', batch.ExecutionID, '--status', 'failure', ...c]);
    expect(ended.stdout).toMatch(/^Nightly: execution 1 ended as F \(Failed\)/);
    expect(ended.stdout).toMatch(
      /Children \(2\):\n +2 {2}LOAD_A {2}S \(Succeeded\) +next C \(Canceled\) .*\n +3 {2}LOAD_B {2}F \(Failed\) +next R \(Retry\) .* {2}boom\n/,
    );

    const children = json((await bfx(['history', '--parent', batch.ExecutionID, '--json', ...c])).stdout);
    expect(
      children.map((child: Record<string, unknown>) => [
        child.PackageName,
        child.ExecutionStatus,
        child.NextLoadStatus,
      ]),
    ).toEqual([
      ['LOAD_A', 'S', 'C'],
      ['LOAD_B', 'F', 'R'],
    ]);
    expect(children[0].RowCounts).toEqual([{ ObjectName: 'dbo.A', CountType: 'Insert', RowCount: 5 }]);
    expect((await bfx(['history', '--parent', batch.ExecutionID, ...c])).stdout).toMatch(
      /^Execution 1 has 2 child executions, oldest first:\n/,
    );

    const status = json((await bfx(['status', '--json', ...c])).stdout);
    const byName = Object.fromEntries(
      status.map((pkg: Record<string, unknown>) => [pkg.PackageName, [pkg.IsBatch, pkg.BatchPackageName]]),
    );
    expect(byName).toEqual({ Nightly: [true, null], LOAD_A: [false, 'Nightly'], LOAD_B: [false, 'Nightly'] });
    const text = (await bfx(['status', ...c])).stdout;
    expect(text).toMatch(/Nightly {2}enabled {2}retry limit default \(3\) {2}batch/);
    expect(text).toMatch(/latest: 2 .*\(under batch Nightly, execution 1\)/);

    // Night 2: the succeeded child is skipped, the failed one retried; the batch succeeds and all go back to normal.
    const night2 = json((await bfx(['begin', 'Nightly', '--is-batch', '--json', ...c])).stdout);
    const a2 = json(
      (await bfx(['begin', 'LOAD_A', '--parent-execution-id', night2.ExecutionID, '--json', ...c])).stdout,
    );
    const b2 = json(
      (await bfx(['begin', 'LOAD_B', '--parent-execution-id', night2.ExecutionID, '--json', ...c])).stdout,
    );
    expect([a2.ExecutionStatus, a2.NextLoadStatus, b2.ExecutionStatus, b2.NextLoadStatus]).toEqual([
      'C',
      'C',
      'R',
      'C',
    ]);
    await bfx(['end', b2.ExecutionID, ...c]);
    const batchEnd = json((await bfx(['end', night2.ExecutionID, '--json', ...c])).stdout);
    expect(
      batchEnd.Children.map((child: Record<string, unknown>) => [child.PackageName, child.NextLoadStatus]),
    ).toEqual([
      ['LOAD_A', 'P'],
      ['LOAD_B', 'P'],
    ]);
  });

  it('resets a batch with its active children, and records who and why', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    await bfx(['begin', 'Nightly', '--is-batch', ...c]);
    await bfx(['begin', 'LOAD_A', '--parent-execution-id', '1', ...c]);
    const reset = await bfx(['reset', 'Nightly', '--actor', 'on-call', '--reason', 'runner lost', ...c]);
    expect(reset.stdout).toMatch(
      /^Nightly: execution 1 ended as F \(Failed\) .*\nChildren reset with it \(1\):\n +2 {2}LOAD_A {2}F \(Failed\) .*Reset by bfx reset\.\nRecorded in the audit log: by on-call, reason: runner lost\.\n$/,
    );
    expect(executions(path).map((row) => [row.PackageName, row.ExecutionStatus, row.NextLoadStatus])).toEqual([
      ['Nightly', 'F', 'R'],
      ['LOAD_A', 'F', 'R'],
    ]);
    expect((await bfx(['history', 'Nightly', ...c])).stdout).toMatch(
      /audit {2}\S+Z {2}reset of execution 1 by on-call: .*Reason: runner lost/,
    );
  });

  it('upgrades a first-release catalog in place with migrate, keeping its rows', async () => {
    const { path, connectionString } = tempCatalog();
    const db = new DatabaseSync(path);
    db.exec(FIRST_RELEASE_SQLITE + firstReleaseRows((table) => table, `'2026-01-01T00:00:00.000Z'`));
    db.close();
    const refused = await bfx(['status', '-c', connectionString]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/holds version 1 of the bfx tables, this release needs version 4/);
    const upgraded = await bfx(['migrate', '-c', connectionString]);
    expect(upgraded.exitCode).toBe(0);
    expect(upgraded.stdout).toMatch(
      /^Upgraded the sqlite catalog in .*catalog\.db from version 1 to 4: .*IsBatch.*; triggers CK_Execution_Insert, CK_Execution_Update; nullable column AuditLog\.PackageID\.$/m,
    );
    expect(
      json((await bfx(['history', 'Old', '--json', '-c', connectionString])).stdout).map(
        (row: { ExecutionID: string }) => row.ExecutionID,
      ),
    ).toEqual(['2', '1']);
  });

  it('refuses, changing nothing, tables of its names in another shape', async () => {
    const { path, connectionString } = tempCatalog();
    const db = new DatabaseSync(path);
    db.exec(foreignTables((table) => table, { id: 'INTEGER', text: 'TEXT' }));
    db.close();
    const refused = await bfx(['migrate', '-c', connectionString]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/^error: The table (Package|Execution) in .* is not a bfx-begin table/);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('takes --schema on every command; SQLite keeps plain tables', async () => {
    const { connectionString } = tempCatalog();
    expect((await bfx(['begin', 'P', '--schema', 'bfxgh', '-c', connectionString])).exitCode).toBe(0);
    expect((await bfx(['status', 'P', '--schema', 'bfxgh', '-c', connectionString])).stdout).toContain('P  enabled');
  });

  const refusals: [string, string[], RegExp][] = [
    ['an unknown command', ['frobnicate'], /"frobnicate" is not a bfx command/],
    [
      'an unknown option',
      ['begin', 'P', '--retries', '2'],
      /bfx begin has no option --retries, so it did nothing: see bfx begin --help/,
    ],
    [
      'a mistyped option, naming the one meant',
      ['history', 'Seed', '--lmit', '3'],
      /^error: bfx history has no option --lmit, so it did nothing: did you mean --limit\? \(see bfx history --help\)$/m,
    ],
    [
      'a mistyped command, naming the one meant',
      ['stauts'],
      /^error: "stauts" is not a bfx command, so nothing was done: did you mean bfx status\?/,
    ],
    [
      'a name of no command at all',
      ['toString'],
      /^error: "toString" is not a bfx command, so nothing was done: run bfx --help/,
    ],
    [
      'history -n without a value',
      ['history', 'Seed', '-n'],
      /^error: The -n \(--limit\) was followed by -c, not by a value, so bfx history did nothing: give how many executions to show/,
    ],
    [
      'an empty history -n',
      ['history', 'Seed', '-n', ''],
      /^error: The -n \(--limit\) is empty, so bfx history did nothing: give how many executions to show \(a whole number\), or leave --limit out\.$/m,
    ],
    [
      'a negative --retry-limit',
      ['begin', 'P', '--retry-limit', '-1'],
      /^error: The --retry-limit was followed by -1, not by a value, .*written --retry-limit=-1\)\.$/m,
    ],
    [
      'an empty --retry-limit',
      ['begin', 'P', '--retry-limit', ' '],
      /^error: The --retry-limit is empty, so bfx begin did nothing/,
    ],
    [
      'an empty --status',
      ['end', '1', '--status', ''],
      /^error: The --status is empty, so bfx end did nothing: give how the load ended \(success, failure or cancelled\)/,
    ],
    [
      'a switch given a value',
      ['status', '--json=yes'],
      /^error: The --json is a switch and takes no value, so bfx status did nothing: write --json alone\.$/m,
    ],
    [
      "an empty --run-key on end, which would have made it an operator's end",
      ['end', '1', '--run-key', ''],
      /^error: The --run-key is empty, so bfx end ended nothing: give the run key the execution was begun with, or leave --run-key out for an operator's end\.$/m,
    ],
    [
      'an ExecutionID above 64 bits',
      ['end', '9223372036854775808'],
      /^error: The ExecutionID "9223372036854775808" is not an ExecutionID: .*from 1 to 9223372036854775807\)\.$/m,
    ],
    ['a missing package name', ['begin'], /bfx begin takes one package name, and 0 were given/],
    ['an empty package name', ['begin', ''], /The package name is empty/],
    ['a bad retry limit', ['begin', 'P', '--retry-limit', 'x'], /The --retry-limit "x" is not a whole number/],
    ['a bad execution id', ['end', 'abc'], /The ExecutionID "abc" is not an ExecutionID/],
    ['a bad status', ['end', '1', '--status', 'ok'], /The --status "ok" is not an outcome/],
    ['an unknown package', ['disable', 'Nope'], /Package "Nope" is not in the catalog/],
    [
      'a malformed --var',
      ['begin', 'P', '--var', 'LastLoadDate'],
      /^error: Line 1 of --var \("LastLoadDate"\) is not NAME=VALUE/,
    ],
    [
      'a malformed --rows',
      ['end', '1', '--rows', 'dbo.A:Insert=many'],
      /^error: Line 1 of --rows .* is not OBJECT:COUNTTYPE=N/,
    ],
    ['an empty --var', ['end', '1', '--var', ''], /A --var is empty, so bfx end changed nothing/],
    ['a bad --schema', ['status', '--schema', 'bfx;drop'], /The --schema "bfx;drop" is not a schema name/],
    ['an empty --actor', ['disable', 'Seed', '--actor', ''], /The --actor is empty, so bfx disable changed nothing/],
    ['an empty --reason', ['var', 'set', 'Seed', 'A', '1', '--reason', ''], /The --reason is empty/],
    ['a history limit of 0', ['history', 'Seed', '-n', '0'], /The --limit "0" is not a number of executions to show/],
    [
      'a history of a package and --parent',
      ['history', 'Seed', '--parent', '1'],
      /a package name or --parent, not both/,
    ],
    [
      'a var set without a value',
      ['var', 'set', 'Seed', 'A'],
      /bfx var set takes PACKAGE NAME VALUE, and 2 arguments were given/,
    ],
    [
      'a variable name with =',
      ['var', 'set', 'Seed', 'A=B', '1'],
      /The variable name "A=B" is not one bfx-begin keeps/,
    ],
    [
      'var set on an unknown package',
      ['var', 'set', 'Nope', 'A', '1'],
      /Package "Nope" is not in the catalog, so bfx var set changed nothing/,
    ],
    [
      'an unknown parent execution',
      ['begin', 'Child', '--parent-execution-id', '999'],
      /^error: The --parent-execution-id 999 is not an execution in the catalog/,
    ],
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
    // bfx's own words: nothing of node:util's parser, nothing of an action input.
    expect(result.stderr).not.toMatch(
      /ambiguous|Unknown option|To specify|argument missing|'-- "|create-catalog|input/,
    );
    expect(executions(path)).toEqual(before);
  });

  it('never prints a password from the connection string', async () => {
    const result = await bfx(['status', '-c', 'Host=db;Password=hunter2-secret']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).not.toContain('hunter2-secret');
  });
});

describe('bfx, in its own words', () => {
  it('says its version: the one in package.json, bundled', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const shown = await bfx([flag]);
      expect(shown.exitCode).toBe(0);
      expect(shown.stdout).toBe(`bfx ${version}\n`);
    }
    expect((await bfx(['--help'])).stdout).toContain('bfx --version');
  });

  it('says what to do about a missing catalog in its own terms, never an action input', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    const readOnly =
      /^error: The SQLite catalog \S+ does not exist and bfx (\w+) creates no catalog, so nothing was created: check --connection-string \(else \$BFX_CONNECTION_STRING, else sqlite:\.bfx\/catalog\.db in this folder\), or create the catalog with bfx migrate or a first bfx begin\.\n$/;
    for (const args of [['status'], ['history', 'P'], ['end', '1'], ['var', 'P'], ['disable', 'P'], ['reset', 'P']]) {
      const refused = await bfx([...args, ...c]);
      expect(refused.exitCode, args[0]).toBe(1);
      expect(refused.stderr, args[0]).toMatch(readOnly);
      expect(refused.stderr).toContain(`bfx ${args[0]} creates no catalog`);
      expect(refused.stderr).not.toMatch(/create-catalog|input/);
    }
    // A file without our tables (an empty one, say) is said in the same words.
    writeFileSync(path, '');
    expect((await bfx(['status', ...c])).stderr).toMatch(
      /^error: The catalog \S+ has no bfx tables and bfx status creates no catalog, so nothing was created: check --connection-string/,
    );
  });

  it('keeps ExecutionIDs above 2^53 exact through begin, end and history (64-bit, as the contract says)', async () => {
    const { path, connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    expect((await bfx(['migrate', ...c])).exitCode).toBe(0);
    const big = 2n ** 53n + 1n; // 9007199254740993: not a JavaScript number
    const db = new DatabaseSync(path);
    db.exec(`INSERT INTO Package (PackageName, IsEnabled) VALUES ('Big', 1)`);
    db.prepare(
      `INSERT INTO Execution (ExecutionID, PackageID, ExecutionStatus, NextLoadStatus, RetryCount, StartTime, EndTime, RunKey)
       SELECT ?, PackageID, 'S', 'P', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z', 'seed' FROM Package`,
    ).run(big);
    db.close();

    const begun = json((await bfx(['begin', 'Big', '--json', '--run-key', 'big-1', ...c])).stdout);
    expect(begun).toMatchObject({ ExecutionID: String(big + 1n), ExecutionStatus: 'E', LastExecutionID: String(big) });
    const ended = await bfx(['end', String(big + 1n), '--run-key', 'big-1', '--rows', 'dbo.Big:Insert=1', ...c]);
    expect(ended.stdout).toMatch(/^Big: execution 9007199254740994 ended as S \(Succeeded\)/);
    const history = json((await bfx(['history', 'Big', '--json', ...c])).stdout);
    expect(history.map((row: { ExecutionID: string }) => row.ExecutionID)).toEqual([String(big + 1n), String(big)]);
    expect(history[0].RowCounts).toEqual([expect.objectContaining({ ObjectName: 'dbo.Big' })]);

    // The largest 64-bit ID too, and nothing above it.
    const max = 2n ** 63n - 2n;
    const top = new DatabaseSync(path);
    top
      .prepare(
        `INSERT INTO Execution (ExecutionID, PackageID, ExecutionStatus, NextLoadStatus, RetryCount, StartTime, EndTime, RunKey)
       SELECT ?, PackageID, 'S', 'P', 0, '2026-01-02T00:00:00.000Z', '2026-01-02T00:01:00.000Z', 'seed-2' FROM Package`,
      )
      .run(max);
    top.close();
    const last = json((await bfx(['begin', 'Big', '--json', ...c])).stdout);
    expect(last.ExecutionID).toBe(String(max + 1n));
    expect((await bfx(['end', String(max + 1n), '--status', 'failure', ...c])).stdout).toContain(
      `execution ${max + 1n} ended as F (Failed)`,
    );
    expect(json((await bfx(['history', 'Big', '-n', '1', '--json', ...c])).stdout)[0]).toMatchObject({
      ExecutionID: '9223372036854775807',
      ExecutionStatus: 'F',
    });
  });
});
