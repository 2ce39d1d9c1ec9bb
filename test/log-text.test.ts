/** The gate between text and a step's log (src/log-text.ts): nothing it lets through starts a workflow command. */
import { describe, expect, it } from 'vitest';
import { logJson, logLine, logText, oneLine } from '../src/log-text.js';
import { workflowCommands } from './support/workflow-commands.js';

/** Text a user or a server could put in a package name, a message, a variable or an error. */
const HOSTILE = [
  '::error::injected',
  '::add-mask::LOAD',
  '::stop-commands::pause',
  '  \t::warning file=x::indented',
  '\u00a0\u3000::error::after Unicode blanks',
  '\u200b::error::after a zero-width space',
  ':\u200b:error::split by a zero-width space',
  '\ufeff::error::after a byte order mark',
  '\u0085::error::after NEL',
  'LOAD_A\n::error::on the next line',
  'LOAD_A\r::error::after a carriage return',
  'LOAD_A\r\n::add-mask::A',
  'LOAD_A\u2028::error::after a line separator',
  'x ##[error]old form, mid-line',
  '#\u200b#[error]old form, split',
  '###[add-mask]three hashes',
  'ok\n\n# a markdown heading\n```mermaid',
];

describe('logLine: one line of the log, whatever it holds', () => {
  it('is needed: as they are, these would be commands to the runner', () => {
    // (Not the markdown, nor U+2028, at which a log viewer breaks a line but the runner does not.)
    for (const text of HOSTILE.filter((text) => !text.startsWith('ok') && !text.includes('\u2028'))) {
      expect(workflowCommands(text).length, text).toBeGreaterThan(0);
    }
  });

  it.each(HOSTILE)('%j starts no command', (text) => {
    const line = logLine(text);
    expect(line).not.toMatch(/[\r\n]/);
    expect(workflowCommands(line)).toEqual([]);
    expect(workflowCommands(logLine(`${text}: ExecutionID 1.`))).toEqual([]);
  });

  it('shows what it escaped, and leaves ordinary text as it is', () => {
    expect(logLine('::error::x')).toBe('\\::error::x');
    expect(logLine('  ::error::x')).toBe('  \\::error::x');
    expect(logLine('a\n::error::x')).toBe('a\\n::error::x');
    expect(logLine('x ##[error]y')).toBe('x ##\\[error]y');
    expect(logLine(':\u200b:error::x')).toBe(':\\u200b:error::x');
    expect(logLine('LOAD_Customer: ExecutionID 1, ExecutionStatus E (Executing).')).toBe(
      'LOAD_Customer: ExecutionID 1, ExecutionStatus E (Executing).',
    );
    expect(logLine('Łódź 🚀 "quoted" C:\\data a::b')).toBe('Łódź 🚀 "quoted" C:\\data a::b');
  });
});

describe('oneLine: only printable ASCII passes as it is', () => {
  it('escapes every other ASCII character, controls and DEL included', () => {
    for (let code = 0; code < 128; code++) {
      const char = String.fromCharCode(code);
      const printable = code >= 0x20 && code <= 0x7e;
      expect(oneLine(`a${char}b`) === `a${char}b`, `U+${code.toString(16).padStart(4, '0')}`).toBe(printable);
      expect(logJson(`a${char}b`) === JSON.stringify(`a${char}b`), `U+${code.toString(16).padStart(4, '0')}`).toBe(
        printable || JSON.stringify(char) !== `"${char}"`,
      );
    }
    expect(oneLine('\u007f')).toBe('\\u007f');
    expect(logJson({ a: '\u001b[31m' })).toBe('{\n  "a": "\\u001b[31m"\n}');
  });
});

describe('logText: a listing, its own line breaks kept', () => {
  it('keeps the lines and makes each one safe', () => {
    expect(logText('first\nsecond')).toBe('first\nsecond');
    const text = logText(['Packages:', ...HOSTILE].join('\n'));
    expect(text.split('\n')[0]).toBe('Packages:');
    expect(workflowCommands(text)).toEqual([]);
  });
});

describe('logJson: the same value to a JSON parser, no command to the runner', () => {
  it('round-trips hostile strings, in keys and values', () => {
    const value = { PackageName: HOSTILE, Variables: Object.fromEntries(HOSTILE.map((text, i) => [text, i])), n: 1 };
    const json = logJson(value);
    expect(JSON.parse(json)).toEqual(value);
    expect(workflowCommands(json)).toEqual([]);
    expect(json).toContain('##\\u005b');
    expect(json).toContain('\\u200b');
  });

  it('prints plain values as JSON.stringify does', () => {
    const value = { ExecutionID: '1', Reason: 'A new load starts.', List: [1, 2] };
    expect(logJson(value)).toBe(JSON.stringify(value, null, 2));
    expect(logJson(undefined)).toBe('null');
  });
});

describe('oneLine', () => {
  it('escapes controls, format characters and default-ignorables; keeps letters, emoji and symbols', () => {
    expect(oneLine('a\u00adb\u200dc\ufe0fd\u{e0041}e\u0085f')).toBe('a\\u00adb\\u200dc\\ufe0fd\\udb40\\udc41e\\u0085f');
    expect(oneLine('Łódź 🚀 €')).toBe('Łódź 🚀 €');
  });
});
