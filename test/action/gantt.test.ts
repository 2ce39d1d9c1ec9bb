/**
 * The mermaid gantt chart of a batch's end (src/action/summary.ts): one task per execution, times
 * in UTC in the chart's dateFormat, and package names that can neither break the chart nor close
 * the markdown fence around it. Pure functions: no catalog.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ExecutionRow } from '../../src/catalog/catalog.js';
import { escape, ganttChart, mermaidText } from '../../src/action/summary.js';

vi.mock('@actions/core', () => import('../support/actions-core.js'));

function row(executionId: string, packageName: string, values: Partial<ExecutionRow> = {}): ExecutionRow {
  return {
    executionId,
    packageId: Number(executionId),
    packageName,
    parentExecutionId: null,
    executionStatus: 'S',
    nextLoadStatus: 'P',
    retryCount: 0,
    startTime: '2026-11-25T02:00:00.000Z',
    endTime: '2026-11-25T02:10:30.250Z',
    ended: true,
    errorMessage: null,
    runKey: 'github:100:1:load',
    runId: '100',
    repository: 'acme/loads',
    workflow: 'Nightly loads',
    job: 'load',
    runAttempt: '1',
    actor: 'octocat',
    event: 'schedule',
    sha: 'f'.repeat(40),
    ...values,
  };
}

describe('the gantt chart of a batch', () => {
  it('draws the batch and each child from its StartTime to its EndTime, tagged by status', () => {
    const batch = row('1', 'BATCH_Nightly', {
      executionStatus: 'F',
      nextLoadStatus: 'R',
      endTime: '2026-11-25T03:00:00.000Z',
    });
    const children = [
      row('2', 'LOAD_Customer', { parentExecutionId: '1' }),
      row('3', 'LOAD_Sales', {
        parentExecutionId: '1',
        executionStatus: 'F',
        startTime: '2026-11-25T02:10:31.000Z',
        endTime: '2026-11-25T02:20:00.000Z',
      }),
      row('4', 'LOAD_Orders', { parentExecutionId: '1', executionStatus: 'C', endTime: '2026-11-25T02:00:00.000Z' }),
      row('5', 'LOAD_Stuck', { parentExecutionId: '1', executionStatus: 'A', endTime: null, ended: false }),
    ];
    expect(ganttChart(batch, children).split('\n')).toEqual([
      '```mermaid',
      'gantt',
      '    title Batch BATCH_Nightly, execution 1 (UTC)',
      '    dateFormat YYYY-MM-DDTHH:mm:ss.SSS',
      '    axisFormat %H:%M:%S',
      '    section Batch',
      '    1 BATCH_Nightly F :crit, e1, 2026-11-25T02:00:00.000, 2026-11-25T03:00:00.000',
      '    section Children',
      '    2 LOAD_Customer S :done, e2, 2026-11-25T02:00:00.000, 2026-11-25T02:10:30.250',
      '    3 LOAD_Sales F :crit, e3, 2026-11-25T02:10:31.000, 2026-11-25T02:20:00.000',
      '    4 LOAD_Orders C :milestone, e4, 2026-11-25T02:00:00.000, 2026-11-25T02:00:00.000',
      // Still running when the batch ended: drawn up to the batch's end.
      '    5 LOAD_Stuck A :active, e5, 2026-11-25T02:00:00.000, 2026-11-25T03:00:00.000',
      '```',
    ]);
  });

  it('reads times with an offset or in another precision as the same UTC instant, and leaves out one that does not parse', () => {
    const batch = row('1', 'B', { startTime: '2026-11-25T03:00:00+01:00', endTime: '2026-11-25T02:30:00Z' });
    const chart = ganttChart(batch, [row('2', 'X', { startTime: 'yesterday' })]).split('\n');
    expect(chart).toContain('    1 B S :done, e1, 2026-11-25T02:00:00.000, 2026-11-25T02:30:00.000');
    expect(chart.some((line) => line.includes('e2'))).toBe(false);
  });

  it.each([
    ['a colon, which ends the task name', 'LOAD:Sales', 'LOAD#58;Sales'],
    ['a line break', 'LOAD\nsection Evil', 'LOAD#10;section Evil'],
    ['a comment', 'LOAD %% x', 'LOAD #37;#37; x'],
    ['a fence', 'LOAD```', 'LOAD#96;#96;#96;'],
    // Digits stay as they are: mermaid reads #35; 35 #59; back as "#35;".
    ['an entity of its own', 'LOAD#35;', 'LOAD#35;35#59;'],
    ['HTML', '<script>&', '#60;script#62;#38;'],
    ['a semicolon and a hash', 'a;b#c', 'a#59;b#35;c'],
    ['letters outside ASCII and emoji', 'Łódź 🚀', '#321;#243;d#378; #128640;'],
  ])('writes %s as mermaid entity codes', (_label, name, text) => {
    expect(mermaidText(name)).toBe(text);
  });

  it('starts every task with its ExecutionID, so no package name reads as a keyword', () => {
    const chart = ganttChart(row('1', 'B'), [row('2', 'section Evil'), row('3', 'click me')]);
    expect(chart).toContain('    2 section Evil S :done, e2,');
    expect(chart).toContain('    3 click me S :done, e3,');
    expect(chart.split('\n').filter((line) => /^\s*section /.test(line))).toEqual([
      '    section Batch',
      '    section Children',
    ]);
  });

  it('keeps every line of the chart free of what ends a fence, a name or a line', () => {
    const hostile = 'x:\n```\r%%;#\u2028<>&"\'`';
    const lines = ganttChart(row('1', hostile), [row('2', hostile)]).split('\n');
    const inner = lines.slice(1, -1);
    expect(inner.join('\n')).not.toMatch(/`|%%|\r|\u2028|[<>&"']/);
    for (const line of inner.filter((l) => /^ {4}\d/.test(l))) {
      // One colon: the one between the name and the task's data (times have theirs after it).
      expect(line.indexOf(':')).toBe(line.indexOf(' :') + 1);
    }
  });
});

describe('text in the HTML of the job summary', () => {
  it('is escaped, line breaks included, so that a blank line cannot end the HTML block', () => {
    expect(escape(`a<b>&"c'\n\n# heading\r\n\`\`\`mermaid`)).toBe(
      'a&#60;b&#62;&#38;&#34;c&#39;&#10;&#10;# heading&#13;&#10;```mermaid',
    );
    expect(escape('LOAD_Customer')).toBe('LOAD_Customer');
  });
});
