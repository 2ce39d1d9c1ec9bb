/**
 * The bfx commands as thin shells (src/cli): each parses its arguments, calls run control or one
 * engine read with them, and shows the result. Run control and the catalog are replaced here, so
 * these tests say what a command passes on and prints; test/e2e/cli.test.ts runs the same
 * commands through the bundle on a real catalog.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogEngine } from '../../src/catalog/catalog.js';
import { openEngine, withCatalog } from '../../src/catalog/connect.js';
import * as runControl from '../../src/run-control/index.js';
import * as operatorCommands from '../../src/run-control/package-commands.js';
import type { BeginResult } from '../../src/run-control/index.js';
import { BfxError } from '../../src/errors.js';
import { disable, migrate, reset, skip } from '../../src/cli/admin.js';
import { history, status } from '../../src/cli/inspect.js';
import { begin, end } from '../../src/cli/run.js';
import { variables } from '../../src/cli/variables.js';
import { auditEntry, execution, variable } from './rows.js';

vi.mock('../../src/catalog/connect.js', () => ({ withCatalog: vi.fn(), openEngine: vi.fn(), openCatalog: vi.fn() }));
vi.mock('../../src/run-control/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/run-control/index.js')>()),
  begin: vi.fn(),
  end: vi.fn(),
}));
vi.mock('../../src/run-control/package-commands.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/run-control/package-commands.js')>()),
  setEnabled: vi.fn(),
  setNextLoadStatus: vi.fn(),
  reset: vi.fn(),
  setVariable: vi.fn(),
}));

const C = ['-c', 'sqlite:/tmp/catalog.db'];

function fakeCatalog() {
  return {
    engine: 'sqlite',
    location: '/tmp/catalog.db',
    status: vi.fn(),
    history: vi.fn(),
    children: vi.fn(),
    variables: vi.fn(),
    rowCounts: vi.fn(),
    audit: vi.fn(),
    migrate: vi.fn(),
    inspect: vi.fn(),
    transaction: vi.fn(),
    close: vi.fn(),
  };
}

let catalog: ReturnType<typeof fakeCatalog>;
beforeEach(() => {
  vi.clearAllMocks();
  catalog = fakeCatalog();
  vi.mocked(withCatalog).mockImplementation((_connectionString, _options, work) =>
    work(catalog as unknown as CatalogEngine),
  );
  vi.mocked(openEngine).mockResolvedValue(catalog as unknown as CatalogEngine);
  vi.stubEnv('GITHUB_ACTOR', 'octocat');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const begun: BeginResult = {
  kind: 'begun',
  executionId: '12',
  executionStatus: 'E',
  nextLoadStatus: 'C',
  retryCount: 0,
  plan: {
    kind: 'insert',
    execution: { executionStatus: 'E', nextLoadStatus: 'C', ended: false },
    reason: 'The previous execution ended normally, so a new load starts.',
  },
  batchStartTime: '2026-11-25T02:00:00.000Z',
  lastExecutionId: '9',
  variables: { LastLoadDate: '2026-11-24' },
};

describe('bfx begin', () => {
  it('passes --is-batch, --parent-execution-id, --var defaults and --schema on, and prints what the load needs', async () => {
    vi.mocked(runControl.begin).mockResolvedValue(begun);
    const result = await begin.run([
      'LOAD_Customer',
      '--parent-execution-id',
      '5',
      '--is-batch',
      '--var',
      'LastLoadDate=1900-01-01',
      '--var',
      'Region=EU',
      '--schema',
      'bfxgh',
      '--run-key',
      'nightly-1',
      ...C,
    ]);
    expect(vi.mocked(withCatalog).mock.calls[0][1]).toMatchObject({ schema: 'bfxgh', createCatalog: true });
    expect(vi.mocked(runControl.begin).mock.calls[0][1]).toMatchObject({
      packageName: 'LOAD_Customer',
      parentExecutionId: '5',
      isBatch: true,
      variables: [
        { name: 'LastLoadDate', value: '1900-01-01' },
        { name: 'Region', value: 'EU' },
      ],
      runKey: 'nightly-1',
      context: { actor: 'octocat' },
    });
    expect(result.text.split('\n')).toEqual([
      'LOAD_Customer: ExecutionID 12, ExecutionStatus E (Executing), NextLoadStatus C (Canceled).',
      'The previous execution ended normally, so a new load starts.',
      'BatchStartTime: 2026-11-25T02:00:00.000Z (batch execution 5)',
      'LastExecutionID: 9',
      'Variables: LastLoadDate=2026-11-24',
      'Run key: nightly-1',
    ]);
    expect(result.json).toMatchObject({
      ExecutionID: '12',
      BatchStartTime: '2026-11-25T02:00:00.000Z',
      LastExecutionID: '9',
      Variables: { LastLoadDate: '2026-11-24' },
    });
  });

  it('words a refusal of the parent execution with the option name and the catalog, as one error', async () => {
    vi.mocked(runControl.begin).mockResolvedValue({ kind: 'unknown-parent', parentExecutionId: '5' });
    const refused: unknown = await begin.run(['LOAD_Customer', '--parent-execution-id', '5', ...C]).catch((e) => e);
    expect(refused).toBeInstanceOf(BfxError);
    expect((refused as BfxError).message).toBe(
      'The --parent-execution-id 5 is not an execution in the catalog /tmp/catalog.db, so nothing was begun: ' +
        "pass the ExecutionID output of the batch's begin step, on the same catalog.",
    );
  });

  it('says when there is no earlier success and no variable', async () => {
    vi.mocked(runControl.begin).mockResolvedValue({ ...begun, lastExecutionId: null, variables: {} });
    const result = await begin.run(['P', ...C]);
    expect(vi.mocked(runControl.begin).mock.calls[0][1]).toMatchObject({ isBatch: false, variables: [] });
    expect(result.text).toContain('LastExecutionID: none (no earlier execution succeeded)\nVariables: none');
    expect(result.json).toMatchObject({ LastExecutionID: null, Variables: {} });
  });

  it('refuses a malformed --var before the catalog is opened', async () => {
    await expect(begin.run(['P', '--var', 'LastLoadDate', ...C])).rejects.toThrow(
      /^Line 1 of --var \("LastLoadDate"\)/,
    );
    expect(withCatalog).not.toHaveBeenCalled();
  });
});

describe('bfx end', () => {
  const ended = execution({ executionId: '12', packageName: 'LOAD_Customer' });

  it('passes --var and --rows on, and shows the committed marks and the row counts', async () => {
    vi.mocked(runControl.end).mockResolvedValue({
      kind: 'ended',
      execution: ended,
      children: [],
      committedVariables: [{ name: 'LastLoadDate', value: '2026-11-25' }],
    });
    const result = await end.run([
      '12',
      '--var',
      'LastLoadDate=2026-11-25',
      '--rows',
      'dbo.Customer:Insert=120',
      '--rows',
      'dbo.Customer:Update=3',
      ...C,
    ]);
    expect(vi.mocked(runControl.end).mock.calls[0][1]).toEqual({
      executionId: '12',
      outcome: 'success',
      message: null,
      caller: null,
      variables: [{ name: 'LastLoadDate', value: '2026-11-25' }],
      rowCounts: [
        { objectName: 'dbo.Customer', countType: 'Insert', rowCount: 120 },
        { objectName: 'dbo.Customer', countType: 'Update', rowCount: 3 },
      ],
    });
    expect(result.text.split('\n')).toEqual([
      'LOAD_Customer: execution 12 ended as S (Succeeded) after 1 min 5 s; NextLoadStatus P (Pending).',
      'Variables committed: LastLoadDate=2026-11-25',
      'Row counts: dbo.Customer Insert 120, Update 3',
    ]);
    expect(result.json).toMatchObject({
      Result: 'ended',
      CommittedVariables: { LastLoadDate: '2026-11-25' },
      RowCounts: [
        { ObjectName: 'dbo.Customer', CountType: 'Insert', RowCount: 120 },
        { ObjectName: 'dbo.Customer', CountType: 'Update', RowCount: 3 },
      ],
      Children: [],
    });
  });

  it('says the marks were not committed when the execution failed', async () => {
    vi.mocked(runControl.end).mockResolvedValue({
      kind: 'ended',
      execution: { ...ended, executionStatus: 'F', nextLoadStatus: 'R' },
      children: [],
      committedVariables: [],
    });
    const result = await end.run(['12', '--status', 'failure', '--var', 'LastLoadDate=2026-11-25', ...C]);
    expect(result.text).toContain(
      'Variables not committed, because the execution ended as F (Failed): its retry starts from the marks before.',
    );
    expect(result.json).toMatchObject({ CommittedVariables: {} });
  });

  it("lists a batch's children, and a batch re-closed by a later attempt", async () => {
    const children = [
      execution({ executionId: '13', packageName: 'LOAD_A', parentExecutionId: '12' }),
      execution({ executionId: '14', packageName: 'LOAD_B', parentExecutionId: '12', nextLoadStatus: 'P' }),
    ];
    vi.mocked(runControl.end).mockResolvedValue({
      kind: 'reclosed',
      execution: { ...ended, packageName: 'Nightly' },
      children,
      committedVariables: [],
    });
    const result = await end.run(['12', ...C]);
    expect(result.text.split('\n')).toEqual([
      'Nightly: batch execution 12, which this run had ended as F (Failed), was closed again as S (Succeeded) by a later attempt of the run; NextLoadStatus P (Pending).',
      'Children (2):',
      '      13  LOAD_A  S (Succeeded)   next P (Pending)   1 min 5 s',
      '      14  LOAD_B  S (Succeeded)   next P (Pending)   1 min 5 s',
    ]);
    expect(result.json).toMatchObject({
      Result: 'reclosed',
      Children: [{ ExecutionID: '13', PackageName: 'LOAD_A' }, { ExecutionID: '14' }],
    });
  });

  it('says --var and --rows were not stored when the execution had already ended', async () => {
    vi.mocked(runControl.end).mockResolvedValue({ kind: 'already-ended', execution: ended });
    const result = await end.run(['12', '--rows', 'dbo.A:Insert=1', ...C]);
    expect(result.text).toBe(
      'Execution 12 had already ended as S (Succeeded); it was left as it is (the --var and --rows values were not stored).',
    );
  });

  it('refuses a malformed --rows and changes nothing', async () => {
    await expect(end.run(['12', '--rows', 'dbo.A=1', ...C])).rejects.toThrow(
      /^Line 1 of --rows \("dbo.A=1"\) is not OBJECT:COUNTTYPE=N .*so no row count was stored/,
    );
    expect(withCatalog).not.toHaveBeenCalled();
    expect(runControl.end).not.toHaveBeenCalled();
  });
});

describe('operator commands', () => {
  it('pass --actor and --reason to run control, and say what was recorded', async () => {
    vi.mocked(operatorCommands.setEnabled).mockResolvedValue({
      packageId: 1,
      packageName: 'P',
      isEnabled: false,
      retryLimit: null,
      isBatch: false,
      createdTime: '2026-11-25T02:00:00.000Z',
      changed: true,
    });
    const result = await disable.run(['P', '--actor', 'on-call', '--reason', 'source system down', ...C]);
    expect(vi.mocked(operatorCommands.setEnabled).mock.calls[0].slice(1)).toEqual([
      'P',
      false,
      { actor: 'on-call', reason: 'source system down' },
    ]);
    expect(result.text).toBe('P is disabled.\nRecorded in the audit log: by on-call, reason: source system down.');
    expect(result.json).toMatchObject({ IsEnabled: false, Actor: 'on-call', Reason: 'source system down' });
  });

  it('default the actor to $GITHUB_ACTOR', async () => {
    vi.mocked(operatorCommands.setNextLoadStatus).mockResolvedValue({ kind: 'changed', execution: execution() });
    const result = await skip.run(['LOAD_Customer', ...C]);
    expect(vi.mocked(operatorCommands.setNextLoadStatus).mock.calls[0].slice(1)).toEqual([
      'LOAD_Customer',
      'C',
      { actor: 'octocat', reason: null },
    ]);
    expect(result.text).toContain('Recorded in the audit log: by octocat, no reason given.');
  });

  it("show the children a batch's reset ended with it", async () => {
    vi.mocked(operatorCommands.reset).mockResolvedValue({
      kind: 'reset',
      execution: execution({ executionId: '12', packageName: 'Nightly', executionStatus: 'F', nextLoadStatus: 'R' }),
      children: [
        execution({
          executionId: '14',
          packageName: 'LOAD_B',
          executionStatus: 'F',
          nextLoadStatus: 'R',
          errorMessage: 'runner lost',
        }),
      ],
      skippedChildren: ['13', '15'],
    });
    const result = await reset.run(['Nightly', '--message', 'runner lost', '--reason', 'runner lost', ...C]);
    expect(vi.mocked(operatorCommands.reset).mock.calls[0].slice(1)).toEqual([
      'Nightly',
      'runner lost',
      { actor: 'octocat', reason: 'runner lost' },
    ]);
    expect(result.text.split('\n')).toEqual([
      'Nightly: execution 12 ended as F (Failed) after 1 min 5 s; NextLoadStatus R (Retry).',
      'Children reset with it (1):',
      '      14  LOAD_B  F (Failed)      next R (Retry)     1 min 5 s  runner lost',
      "Children that succeeded, skipped by the batch's rerun (NextLoadStatus C): 13, 15.",
      'Recorded in the audit log: by octocat, reason: runner lost.',
    ]);
    expect(result.json).toMatchObject({ Result: 'reset', Children: [{ ExecutionID: '14' }], Actor: 'octocat' });
  });
});

describe('bfx var', () => {
  it("lists a package's marks", async () => {
    catalog.variables.mockResolvedValue([
      variable(),
      variable({ name: 'Region', value: 'EU', previousValue: null, executionId: null }),
    ]);
    const result = await variables.run(['LOAD_Customer', '--json', ...C]);
    expect(catalog.variables).toHaveBeenCalledWith('LOAD_Customer');
    expect(result.text.split('\n')[0]).toBe('LOAD_Customer has 2 variables:');
    expect(result.json).toEqual([
      {
        Name: 'LastLoadDate',
        Value: '2026-11-25',
        PreviousValue: '2026-11-24',
        ExecutionID: '7',
        UpdatedTime: '2026-11-25T02:01:05.000Z',
      },
      expect.objectContaining({ Name: 'Region', PreviousValue: null, ExecutionID: null }),
    ]);
  });

  it('refuses a package the catalog does not have, and says when there is no mark yet', async () => {
    catalog.variables.mockResolvedValueOnce(null);
    await expect(variables.run(['Nope', ...C])).rejects.toThrow(
      /^Package "Nope" is not in the catalog, so it has no variables/,
    );
    catalog.variables.mockResolvedValueOnce([]);
    expect((await variables.run(['P', ...C])).text).toMatch(
      /^P has no variables yet: declare them at begin with --var/,
    );
  });

  it('sets one through run control, with who and why, keeping the value exactly', async () => {
    vi.mocked(operatorCommands.setVariable).mockResolvedValue({
      kind: 'set',
      variable: variable({ value: ' -1 ', previousValue: '5', executionId: null }),
    });
    const result = await variables.run(['set', 'LOAD_Customer', 'Offset', '--reason', 'backfill', ...C, '--', ' -1 ']);
    expect(vi.mocked(operatorCommands.setVariable).mock.calls[0].slice(1)).toEqual([
      'LOAD_Customer',
      { name: 'Offset', value: ' -1 ' },
      { actor: 'octocat', reason: 'backfill' },
    ]);
    expect(result.text).toBe(
      'LOAD_Customer: LastLoadDate =  -1  (was 5); the next begin reads it.\nRecorded in the audit log: by octocat, reason: backfill.',
    );
  });

  it('refuses var set on a package the catalog does not have', async () => {
    vi.mocked(operatorCommands.setVariable).mockResolvedValue({ kind: 'no-package' });
    await expect(variables.run(['set', 'Nope', 'A', '1', ...C])).rejects.toThrow(
      /^Package "Nope" is not in the catalog, so bfx var set changed nothing/,
    );
  });
});

describe('bfx history', () => {
  it('reads the row counts of the whole page at once, and merges the audit entries by time', async () => {
    catalog.history.mockResolvedValue([
      execution({
        executionId: '3',
        startTime: '2026-11-27T02:00:00.000Z',
        endTime: null,
        ended: false,
        executionStatus: 'E',
        nextLoadStatus: 'C',
      }),
      execution({ executionId: '2', startTime: '2026-11-26T02:00:00.000Z' }),
    ]);
    catalog.audit.mockResolvedValue([
      auditEntry({
        createdTime: '2026-11-26T09:00:00.000Z',
        action: 'resume',
        executionId: '2',
        detail: 'NextLoadStatus set to P.',
      }),
    ]);
    catalog.rowCounts.mockResolvedValue([{ executionId: '2', objectName: 'dbo.A', countType: 'Insert', rowCount: 5 }]);
    const result = await history.run(['LOAD_Customer', '-n', '2', ...C]);
    expect(catalog.history).toHaveBeenCalledWith('LOAD_Customer', 2, { sinceMinutes: undefined, statuses: undefined });
    expect(catalog.audit).toHaveBeenCalledWith('LOAD_Customer', 2);
    expect(catalog.rowCounts).toHaveBeenCalledTimes(1);
    expect(catalog.rowCounts).toHaveBeenCalledWith(['3', '2']);
    const lines = result.text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^ {7}3 {2}E \(Executing\)/);
    expect(lines[1]).toBe(
      '   audit  2026-11-26T09:00:00.000Z  resume of execution 2 by octocat: NextLoadStatus set to P.',
    );
    expect(lines[2]).toMatch(/^ {7}2 {2}S \(Succeeded\)/);
    expect(lines[3]).toBe('          rows: dbo.A Insert 5');
    expect(result.json).toMatchObject([
      { ExecutionID: '3', RowCounts: [], Audit: [] },
      { ExecutionID: '2', RowCounts: [{ ObjectName: 'dbo.A', RowCount: 5 }], Audit: [{ Action: 'resume' }] },
    ]);
  });

  it("lists a batch execution's children with --parent", async () => {
    catalog.children.mockResolvedValue([
      execution({ executionId: '13', packageName: 'LOAD_A', parentExecutionId: '12' }),
      execution({
        executionId: '14',
        packageName: 'LOAD_Bee',
        parentExecutionId: '12',
        executionStatus: 'F',
        nextLoadStatus: 'R',
      }),
    ]);
    catalog.rowCounts.mockResolvedValue([{ executionId: '14', objectName: 'dbo.B', countType: 'Insert', rowCount: 0 }]);
    const result = await history.run(['--parent', '12', ...C]);
    expect(catalog.children).toHaveBeenCalledWith('12');
    expect(catalog.rowCounts).toHaveBeenCalledWith(['13', '14']);
    expect(result.text.split('\n')).toEqual([
      'Execution 12 has 2 child executions, oldest first:',
      '      13  LOAD_A    S (Succeeded)   next P (Pending)   1 min 5 s',
      '      14  LOAD_Bee  F (Failed)      next R (Retry)     1 min 5 s',
      '          rows: dbo.B Insert 0',
    ]);
    expect(result.json).toMatchObject([
      { ExecutionID: '13', PackageName: 'LOAD_A', RowCounts: [] },
      { ExecutionID: '14', PackageName: 'LOAD_Bee', RowCounts: [{ ObjectName: 'dbo.B', RowCount: 0 }] },
    ]);
    catalog.children.mockResolvedValue([]);
    catalog.rowCounts.mockResolvedValue([]);
    expect((await history.run(['--parent', '99', ...C])).text).toBe(
      'Execution 99 has no child executions in the catalog.',
    );
  });
});

describe('bfx status', () => {
  it('shows batches, and the batch a package last ran under', async () => {
    const pkg = {
      packageId: 2,
      packageName: 'LOAD_A',
      isEnabled: true,
      retryLimit: null,
      isBatch: false,
      createdTime: '2026-11-25T02:00:00.000Z',
      active: null,
    };
    catalog.status.mockResolvedValue([
      {
        ...pkg,
        packageId: 1,
        packageName: 'Nightly',
        isBatch: true,
        latest: execution({ executionId: '12' }),
        batchPackageName: null,
      },
      { ...pkg, latest: execution({ executionId: '13', parentExecutionId: '12' }), batchPackageName: 'Nightly' },
    ]);
    const result = await status.run([...C]);
    const lines = result.text.split('\n');
    expect(lines[0]).toBe('Nightly  enabled  retry limit default (3)  batch');
    expect(lines[2]).toBe('LOAD_A  enabled  retry limit default (3)');
    expect(lines[3]).toMatch(/^ {2}latest: 13 .* {2}\(under batch Nightly, execution 12\)$/);
    expect(result.json).toMatchObject([
      { PackageName: 'Nightly', IsBatch: true, BatchPackageName: null },
      { PackageName: 'LOAD_A', IsBatch: false, BatchPackageName: 'Nightly' },
    ]);
  });
});

describe('bfx migrate', () => {
  it('says what it created, and closes the catalog', async () => {
    catalog.migrate.mockResolvedValue({ from: 0, to: 2, created: ['table Package', 'table Execution'] });
    const result = await migrate.run(['--schema', 'bfxgh', ...C]);
    expect(vi.mocked(openEngine).mock.calls[0][1]).toMatchObject({ schema: 'bfxgh' });
    expect(result.text).toBe('Created the sqlite catalog (version 2) in /tmp/catalog.db: tables Package, Execution.');
    expect(result.json).toEqual({
      Engine: 'sqlite',
      Location: '/tmp/catalog.db',
      FromVersion: 0,
      ToVersion: 2,
      Created: ['table Package', 'table Execution'],
    });
    expect(catalog.close).toHaveBeenCalled();
  });
});
