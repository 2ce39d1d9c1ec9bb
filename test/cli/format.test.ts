/** The CLI's pure formatting (src/cli/format.ts): marks, row counts, audit lines, history by time, migrate. */
import { describe, expect, it } from 'vitest';
import {
  auditLine,
  childrenLines,
  createdList,
  historyJson,
  historyLines,
  historyTimeline,
  migrateSentence,
  oneLine,
  recordedLine,
  rowCountsLine,
  shortValue,
  variableLine,
  variablesLine,
} from '../../src/cli/format.js';
import { auditEntry, execution, variable } from './rows.js';

describe('oneLine and shortValue', () => {
  it('shows line breaks and other control characters escaped, so a value stays on its line', () => {
    expect(oneLine('a\nb\r\n::error::x\tc\u0007\u2028')).toBe('a\\nb\\r\\n::error::x\\tc\\u0007\\u2028');
    expect(oneLine('Łódź 🚀 "quoted"')).toBe('Łódź 🚀 "quoted"');
  });

  it('cuts a long value and says how long it is', () => {
    expect(shortValue('x'.repeat(100))).toBe('x'.repeat(100));
    expect(shortValue('x'.repeat(10_000))).toBe(`${'x'.repeat(97)}... (10000 characters; --json shows all)`);
  });
});

describe('variables and row counts', () => {
  it('lists marks as NAME=VALUE, or none', () => {
    expect(
      variablesLine([
        { name: 'LastLoadDate', value: '2026-11-25' },
        { name: 'Filter', value: 'a=b c' },
      ]),
    ).toBe('LastLoadDate=2026-11-25, Filter=a=b c');
    expect(variablesLine([])).toBe('none');
  });

  it('groups row counts by object, in the order given', () => {
    expect(
      rowCountsLine([
        { objectName: 'dbo.Customer', countType: 'Insert', rowCount: 120 },
        { objectName: 'dbo.Orders', countType: 'Insert', rowCount: 40 },
        { objectName: 'dbo.Customer', countType: 'Update', rowCount: 3 },
      ]),
    ).toBe('dbo.Customer Insert 120, Update 3; dbo.Orders Insert 40');
  });

  it('says who set a mark: an execution, or a default or an operator', () => {
    expect(variableLine(variable())).toBe(
      '  LastLoadDate = 2026-11-25  (was 2026-11-24; set by the successful end of execution 7, 2026-11-25T02:01:05.000Z)',
    );
    expect(variableLine(variable({ previousValue: null, executionId: null }))).toContain(
      '(no value before; a default or an operator set it, ',
    );
  });
});

describe('audit lines', () => {
  it('say when, what, of which execution, by whom and why, on one line', () => {
    expect(auditLine(auditEntry())).toBe(
      '   audit  2026-11-25T03:00:00.000Z  disable by octocat: IsEnabled set to false. Reason: source system down',
    );
    expect(
      auditLine(
        auditEntry({ action: 'reset', executionId: '4', actor: null, detail: 'Reset by bfx reset.\n::error::boom' }),
      ),
    ).toBe(
      '   audit  2026-11-25T03:00:00.000Z  reset of execution 4 by an unknown actor: Reset by bfx reset.\\n::error::boom',
    );
  });

  it('tell an operator as whom and why the change was recorded', () => {
    expect(recordedLine({ actor: 'octocat', reason: 'backfill' })).toBe(
      'Recorded in the audit log: by octocat, reason: backfill.',
    );
    expect(recordedLine({ actor: null, reason: null })).toBe(
      'Recorded in the audit log: by an unknown actor (give --actor), no reason given.',
    );
  });
});

describe("a batch's children", () => {
  it('show package, status, next load status, duration and message, with row counts under each', () => {
    const lines = childrenLines(
      [
        execution({ executionId: '11', packageName: 'LOAD_A' }),
        execution({
          executionId: '12',
          packageName: 'LOAD_Bigger',
          executionStatus: 'F',
          nextLoadStatus: 'R',
          errorMessage: 'boom',
        }),
        execution({ executionId: '13', packageName: 'LOAD_C', executionStatus: 'E', endTime: null, ended: false }),
      ],
      [{ executionId: '11', objectName: 'dbo.A', countType: 'Insert', rowCount: 5 }],
    );
    expect(lines).toEqual([
      '      11  LOAD_A       S (Succeeded)   next P (Pending)   1 min 5 s',
      '          rows: dbo.A Insert 5',
      '      12  LOAD_Bigger  F (Failed)      next R (Retry)     1 min 5 s  boom',
      '      13  LOAD_C       E (Executing)   next P (Pending)   still running',
    ]);
  });
});

describe('history merged with the audit log by time', () => {
  const executions = [
    execution({ executionId: '3', startTime: '2026-11-27T02:00:00.000Z' }),
    execution({ executionId: '2', startTime: '2026-11-26T02:00:00.000Z' }),
  ];
  const audit = [
    auditEntry({ auditId: '9', createdTime: '2026-11-28T09:00:00.000Z', action: 'skip' }),
    auditEntry({ auditId: '8', createdTime: '2026-11-26T09:00:00.000Z', action: 'enable' }),
    auditEntry({ auditId: '7', createdTime: '2026-11-26T08:00:00.000Z', action: 'disable' }),
    auditEntry({ auditId: '6', createdTime: '2026-11-25T08:00:00.000Z', action: 'var set' }),
  ];
  const counts = [{ executionId: '2', objectName: 'dbo.A', countType: 'Insert', rowCount: 5 }];

  it('puts each entry with the execution that was the latest when it was recorded, newest first', () => {
    const timeline = historyTimeline(executions, counts, audit, false);
    expect(timeline.items.map((item) => [item.execution.executionId, item.audit.map((a) => a.auditId)])).toEqual([
      ['3', ['9']],
      ['2', ['8', '7']],
    ]);
    expect(timeline.items[1].rowCounts).toEqual(counts);
    expect(timeline.earlier.map((a) => a.auditId)).toEqual(['6']);
    const lines = historyLines(timeline, (row) => `execution ${row.executionId}`);
    expect(lines.map((line) => line.trim().replace(/^audit {2}\S+Z {2}/, ''))).toEqual([
      'skip by octocat: IsEnabled set to false. Reason: source system down',
      'execution 3',
      'enable by octocat: IsEnabled set to false. Reason: source system down',
      'disable by octocat: IsEnabled set to false. Reason: source system down',
      'execution 2',
      'rows: dbo.A Insert 5',
      'var set by octocat: IsEnabled set to false. Reason: source system down',
    ]);
  });

  it('leaves out entries older than a full page: they belong to an older page', () => {
    expect(historyTimeline(executions, counts, audit, true).earlier).toEqual([]);
  });

  it('gives each execution its row counts and audit entries in JSON', () => {
    const [newest] = historyTimeline(executions, counts, audit, true).items;
    expect(historyJson(newest)).toMatchObject({
      ExecutionID: '3',
      RowCounts: [],
      Audit: [{ AuditID: '9', Action: 'skip', Actor: 'octocat', CreatedTime: '2026-11-28T09:00:00.000Z' }],
    });
  });
});

describe('what migrate did', () => {
  it('groups what was created by kind, and shows other names as they are', () => {
    expect(createdList(['table Package', 'table Execution', 'index IX_Execution_RunKey'])).toBe(
      'tables Package, Execution; index IX_Execution_RunKey',
    );
    expect(createdList(['column Package.IsBatch', 'table ConfigVariable'])).toBe(
      'column Package.IsBatch; table ConfigVariable',
    );
    expect(createdList(['Package', 'Execution'])).toBe('Package, Execution');
  });

  it('says whether it created, upgraded, completed or left the catalog', () => {
    expect(
      migrateSentence('sqlite', '/tmp/c.db', { from: 0, to: 2, created: ['table Package', 'table Execution'] }),
    ).toBe('Created the sqlite catalog (version 2) in /tmp/c.db: tables Package, Execution.');
    expect(
      migrateSentence('postgres', 'db:5432/etl', {
        from: 1,
        to: 2,
        created: ['column Package.IsBatch', 'table ConfigVariable'],
      }),
    ).toBe(
      'Upgraded the postgres catalog in db:5432/etl from version 1 to 2: column Package.IsBatch; table ConfigVariable.',
    );
    expect(migrateSentence('sqlite', '/tmp/c.db', { from: 2, to: 2, created: [] })).toBe(
      'The sqlite catalog in /tmp/c.db is up to date (version 2); nothing was changed.',
    );
    expect(migrateSentence('sqlite', '/tmp/c.db', { from: 2, to: 2, created: ['index IX_A'] })).toBe(
      'The sqlite catalog in /tmp/c.db is at version 2; what was missing was created: index IX_A.',
    );
  });
});
