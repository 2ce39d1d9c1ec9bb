/** The CLI's shared options (src/cli/options.ts): --schema, --actor / --reason, --var, --rows, --limit. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  catalogSettings,
  defaultActor,
  historyLimit,
  nearest,
  operator,
  parse,
  rowCountOptions,
  variableOptions,
} from '../../src/cli/options.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('--schema', () => {
  it('is a catalog option of every command, validated and passed on as the schema', () => {
    const { values } = parse('status', ['--schema', 'bfxgh', '-c', 'sqlite:x.db'], {});
    expect(catalogSettings(values, false)).toMatchObject({ connectionString: 'sqlite:x.db', schema: 'bfxgh' });
    expect(catalogSettings({ 'connection-string': 'sqlite:x.db' }, false).schema).toBeUndefined();
  });

  it('is refused when it is not a schema name, or empty', () => {
    expect(() => catalogSettings({ 'connection-string': 'sqlite:x.db', schema: 'bfx; DROP' }, false)).toThrow(
      /^The --schema "bfx; DROP" is not a schema name bfx-begin accepts, so no catalog was contacted: /,
    );
    expect(() => catalogSettings({ 'connection-string': 'sqlite:x.db', schema: ' ' }, false)).toThrow(
      /^The --schema is empty, so no catalog was contacted: /,
    );
  });
});

describe('--actor and --reason', () => {
  it('default the actor to $GITHUB_ACTOR, else the OS user, else unknown', () => {
    expect(defaultActor({ GITHUB_ACTOR: 'octocat' }, () => 'etl')).toBe('octocat');
    expect(defaultActor({}, () => 'etl')).toBe('etl');
    expect(defaultActor({ GITHUB_ACTOR: '' }, () => '')).toBeNull();
    expect(
      defaultActor({}, () => {
        throw new Error('ENOENT: no such file or directory, uv_os_get_passwd');
      }),
    ).toBeNull();
  });

  it('are taken as given, or refused when empty', () => {
    expect(operator('disable', { actor: ' on-call ', reason: 'source system down' }, () => 'etl')).toEqual({
      actor: 'on-call',
      reason: 'source system down',
    });
    expect(operator('disable', {}, () => 'etl')).toEqual({ actor: 'etl', reason: null });
    expect(() => operator('skip', { actor: '' })).toThrow(
      /^The --actor is empty, so bfx skip changed nothing: give who makes the change, or leave --actor out\.$/,
    );
    expect(() => operator('var set', { reason: '  ' })).toThrow(
      /^The --reason is empty, so bfx var set changed nothing/,
    );
  });

  it('uses $GITHUB_ACTOR from the environment by default', () => {
    vi.stubEnv('GITHUB_ACTOR', 'hubot');
    expect(operator('enable', {}).actor).toBe('hubot');
  });
});

describe('--var and --rows', () => {
  it('take repeated values, the last for a name (or object and type) winning', () => {
    expect(variableOptions('end', ['LastLoadDate=2026-11-24', 'Filter=a=b c', 'LastLoadDate=2026-11-25'])).toEqual([
      { name: 'LastLoadDate', value: '2026-11-25' },
      { name: 'Filter', value: 'a=b c' },
    ]);
    expect(variableOptions('end', undefined)).toEqual([]);
    expect(
      rowCountOptions('end', ['dbo.Customer:Insert=120', 'dbo.Customer:Update=3', 'dbo.Customer:Insert=121']),
    ).toEqual([
      { objectName: 'dbo.Customer', countType: 'Insert', rowCount: 121 },
      { objectName: 'dbo.Customer', countType: 'Update', rowCount: 3 },
    ]);
  });

  it("refuse a malformed value with the parser's one sentence, naming it", () => {
    expect(() => variableOptions('begin', ['A=1', 'nope'])).toThrow(
      /^Line 2 of --var \("nope"\) is not NAME=VALUE .*, so no variable was stored: /,
    );
    expect(() => rowCountOptions('end', ['dbo.Customer:Insert=many'])).toThrow(
      /^Line 1 of --rows \("dbo.Customer:Insert=many"\) is not OBJECT:COUNTTYPE=N .*, so no row count was stored: /,
    );
  });

  it('refuse an empty value', () => {
    expect(() => variableOptions('end', ['A=1', ''])).toThrow(/^A --var is empty, so bfx end changed nothing: /);
    expect(() => rowCountOptions('end', [' '])).toThrow(/^A --rows is empty, so bfx end changed nothing: /);
  });
});

describe('history --limit', () => {
  it('is a number of executions, 20 when not given', () => {
    expect(historyLimit(undefined)).toBe(20);
    expect(historyLimit(' 5 ')).toBe(5);
    for (const bad of ['', '0', 'x', '-1', '10001', '2.5']) {
      expect(() => historyLimit(bad)).toThrow(/is not a number of executions to show, so bfx history did nothing: /);
    }
  });
});

describe('parse', () => {
  it("refuses in bfx's words what node:util's parser refuses, naming the option meant", () => {
    const options = { limit: { type: 'string', short: 'n' } } as const;
    const refusal = (args: string[]) => {
      try {
        parse('history', args, options);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(['P', '--lmit', '3'])).toBe(
      'bfx history has no option --lmit, so it did nothing: did you mean --limit? (see bfx history --help)',
    );
    expect(refusal(['P', '--jsno'])).toMatch(/did you mean --json\?/);
    expect(refusal(['P', '--connection'])).toMatch(/did you mean --connection-string\?/);
    expect(refusal(['P', '--frobnicate'])).toBe(
      'bfx history has no option --frobnicate, so it did nothing: see bfx history --help for its options.',
    );
    expect(refusal(['P', '-n'])).toMatch(/^The -n \(--limit\) was given no value, so bfx history did nothing: /);
    expect(refusal(['P', '-n', ''])).toMatch(/^The -n \(--limit\) is empty, so bfx history did nothing: /);
    expect(refusal(['P', '--limit', ' '])).toMatch(/^The --limit is empty/);
    expect(refusal(['P', '--json=yes'])).toMatch(/^The --json is a switch and takes no value/);
    expect(refusal(['P', '--limit=-3'])).toBe('accepted'); // historyLimit refuses the value itself
  });

  it('suggests only a name close enough to be the one meant', () => {
    expect(nearest('stauts', ['status', 'history'])).toBe('status');
    expect(nearest('hist', ['status', 'history'])).toBe('history');
    expect(nearest('x', ['status', 'history'])).toBeUndefined();
    expect(nearest('migrat', ['migrate', 'reset'])).toBe('migrate');
  });
});
