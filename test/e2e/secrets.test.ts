/**
 * Secrets through the shipped bundles (issue 12): a connection string that cannot be read safely
 * is refused before anything is contacted, quoting nothing of it, and a very short password is
 * masked only with the text around it, so that the runner's masking leaves the messages readable.
 */
import { describe, expect, it } from 'vitest';
import { bfx, runActionStep, visibleLog, type StepResult } from './support.js';

const RUN = { GITHUB_RUN_ID: '7', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' };

async function begin(connectionString: string): Promise<StepResult> {
  return runActionStep({
    inputs: { 'package-name': 'LOAD_Customer', 'connection-string': connectionString },
    env: RUN,
  });
}

/** A command's data as the runner reads it: %0D, %0A and %25 unescaped. */
const unescaped = (data: string) => data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

/** The values the step registered with ::add-mask::. */
function masks(step: StepResult): string[] {
  return step.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => unescaped(line.slice('::add-mask::'.length)));
}

/** What the runner shows: every registered secret replaced with ***, wherever it appears. */
function masked(text: string, secrets: string[]): string {
  return [...secrets].sort((a, b) => b.length - a.length).reduce((out, secret) => out.split(secret).join('***'), text);
}

const errorLines = (step: StepResult) =>
  step.stdout
    .split('\n')
    .filter((line) => line.startsWith('::error::'))
    .map(unescaped);

// Each with the parts of its password a message must never show.
const UNREADABLE_URLS: [string, string[]][] = [
  ['postgres://etl:p@ss/w#rd?x@db.example.com/etl', ['p@ss', 'ss/w', 'w#rd', 'rd?x', 'example']],
  ['postgres://etl:a/bc@db.example.com/etl', ['a/bc', '/bc@', 'example']],
  ['postgresql://etl:Pa?ss-9@db.example.com:5432/etl', ['Pa?ss', 'ss-9', 'example']],
  ['mssql://sa:Pa#ss-9@sql.example.com:1433/BimlCatalog', ['Pa#ss', 'ss-9', 'example']],
];

const TAIL = 'Tail-9q';
// An ADO.NET value refused after the Password keyword, or a malformed Password value itself.
const KEYWORD_STRINGS: [string, RegExp][] = [
  [
    `Server=127.0.0.1,1;Database=d;User ID=u;Password=pw;Encrypt=${TAIL}`,
    /refuses a value that follows its unquoted Password/,
  ],
  [
    `Server=127.0.0.1,1;Database=d;User ID=u;Password=pw;Connection Timeout=${TAIL}`,
    /refuses a value that follows its unquoted Password/,
  ],
  [`Server=127.0.0.1,1;Database=d;User ID=u;Password=pw;${TAIL}`, /cannot be read after its Password keyword/],
  [`Server=127.0.0.1,1;Database=d;User ID=u;Password="pw;${TAIL}`, /has a Password value that cannot be read/],
  [`Server=127.0.0.1,1;Database=d;User ID=u;Password={pw}${TAIL};Encrypt=true`, /has a Password value/],
  [`Server=127.0.0.1,1;Database=d;User ID=u;Password=pw;Schema=${TAIL}`, /schema parameter.*not repeated/],
];

describe('a connection string that cannot be read safely: the action', () => {
  it.each(UNREADABLE_URLS)('refuses %s with one sentence that quotes nothing of it', async (value, parts) => {
    const main = await begin(value);
    expect(main.exitCode).toBe(1);
    expect(errorLines(main)).toEqual([
      expect.stringMatching(/^::error::The connection string is a URL with an @ after/),
    ]);
    expect(errorLines(main)[0]).toMatch(/percent-encode the user name and the password \(@ as %40, \/ as %2F/);
    for (const part of parts) expect(visibleLog(main)).not.toContain(part);
    expect(main.outputs).toEqual({});
    // The whole string and the password were registered before anything else ran.
    expect(masks(main)).toContain(value);
  });

  it.each(KEYWORD_STRINGS)('refuses %s without its value', async (value, pattern) => {
    const main = await begin(value);
    expect(main.exitCode).toBe(1);
    expect(errorLines(main)).toEqual([expect.stringMatching(pattern)]);
    expect(visibleLog(main)).not.toContain(TAIL);
    expect(main.outputs).toEqual({});
  });
});

describe('a connection string that cannot be read safely: the CLI', () => {
  it.each(UNREADABLE_URLS)('refuses %s with one line on stderr that quotes nothing of it', async (value, parts) => {
    for (const args of [
      ['status', '-c', value],
      ['status', `--connection-string=${value}`],
    ]) {
      const result = await bfx(args);
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^error: The connection string is a URL with an @ after its host part, .*\n$/);
      for (const part of parts) expect(result.stderr).not.toContain(part);
    }
    const fromEnv = await bfx(['status'], { BFX_CONNECTION_STRING: value });
    expect(fromEnv.exitCode).toBe(1);
    for (const part of parts) expect(fromEnv.stderr).not.toContain(part);
  });

  it.each(KEYWORD_STRINGS)('refuses %s without its value', async (value, pattern) => {
    const result = await bfx(['status', '-c', value]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toContain(TAIL);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('a password of one to three characters', () => {
  // Port 1 on the loopback refuses at once: the message is the driver's refusal, with no password in it.
  const SHORT = [
    ['postgres://etl:a@127.0.0.1:1/catalog', 'a', 'etl:a@'],
    ['postgres://etl:abc@127.0.0.1:1/catalog', 'abc', 'etl:abc@'],
  ] as const;

  it.each(SHORT)(
    'is masked in its context only, so the runner leaves the messages readable: %s',
    async (value, password, context) => {
      const main = await begin(value);
      expect(main.exitCode).toBe(1);
      const registered = masks(main);
      expect(registered).toContain(value);
      expect(registered).toContain(context);
      expect(registered).not.toContain(password);
      expect(registered.every((secret) => secret.length >= 4)).toBe(true);
      // As the runner shows the log: the error reads the same after masking.
      const [error] = errorLines(main);
      expect(error).toMatch(/refused the connection/);
      expect(masked(error, registered)).toBe(error);
    },
  );

  it.each(SHORT)('does not turn the letters of a CLI message into ***: %s', async (value) => {
    const result = await bfx(['status', '-c', value]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error: The PostgreSQL server at 127\.0\.0\.1:1 refused the connection/);
    expect(result.stderr).not.toContain('***');
  });

  it('still masks the whole string and a password of four characters or more on its own', async () => {
    const main = await begin('postgres://etl:abcd@127.0.0.1:1/catalog');
    expect(masks(main)).toEqual(expect.arrayContaining(['postgres://etl:abcd@127.0.0.1:1/catalog', 'abcd']));
  });
});
