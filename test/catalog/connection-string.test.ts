import { describe, expect, it } from 'vitest';
import {
  masksOf,
  MIN_MASKED_LENGTH,
  parseConnectionString,
  redact,
  secretsIn,
} from '../../src/catalog/connection-string.js';
import { BfxError } from '../../src/errors.js';

describe('which engine a connection string names', () => {
  it.each([
    ['sqlite:.bfx/catalog.db', 'sqlite'],
    ['SQLITE:/var/lib/bfx/catalog.db', 'sqlite'],
    ['postgres://etl:pw@db:5432/catalog?sslmode=require', 'postgres'],
    ['postgresql://etl@db/catalog', 'postgres'],
    ['mssql://sa:pw@localhost:1433/BimlCatalog', 'mssql'],
    [
      'Server=tcp:acme.database.windows.net,1433;Initial Catalog=BimlCatalog;User ID=etl;Password=pw;Encrypt=True;',
      'mssql',
    ],
    ['Data Source=sql01\\PROD;Database=BimlCatalog;Integrated Security=false;User Id=etl;Password=pw', 'mssql'],
  ])('%s -> %s', (value, engine) => {
    expect(parseConnectionString(value).engine).toBe(engine);
  });

  it.each([[''], ['sqlite:'], ['mysql://root:pw-secret@db/catalog'], ['Host=db;Password=pw-secret'], ['catalog.db']])(
    'refuses %j without echoing it',
    (value) => {
      expect(() => parseConnectionString(value)).toThrow(BfxError);
      expect(() => parseConnectionString(value)).not.toThrow(/pw-secret|catalog\.db/);
    },
  );
});

describe('what is masked', () => {
  it.each([
    ['postgres://etl:s3cr%40t@db/catalog', ['s3cr%40t', 's3cr@t']],
    ['postgres://etl:p@ss@word@db:5432/catalog', ['p@ss@word']],
    ['Server=db;Password=plain;Database=x', ['plain']],
    ['Server=db;PWD={br;ace}}d};Database=x', ['{br;ace}}d}', 'br;ace}}d']],
    ["Server=db;Password='it''s';Database=x", ["'it''s'", "it''s"]],
  ])('%s masks its password', (value, passwords) => {
    const secrets = secretsIn(value);
    expect(secrets).toContain(value);
    for (const password of passwords) expect(secrets).toContain(password);
  });

  it('redacts every secret from a message, longest first', () => {
    expect(redact('login failed for etl with hunter2 (hunter2x)', ['hunter2', 'hunter2x'])).toBe(
      'login failed for etl with *** (***)',
    );
  });
});

describe('a URL whose password holds a character URLs reserve, unencoded', () => {
  // Read as URLs are read, each of these puts part of the password in the host or the database.
  const unreadable = [
    'postgres://u:p@ss/w#rd?x@host/db',
    'postgres://u:a/b@host/db',
    'postgresql://etl:pa?ss@db.example.com:5432/etl',
    'postgres://etl:pa#ss@db.example.com/etl?sslmode=require',
    'postgres://etl:p@ss/word@db/etl',
    'mssql://sa:p#w@sql01:1433/BimlCatalog',
    'sqlserver://sa:a/b@sql01/BimlCatalog',
    // An @ in a parameter is refused too: the same guidance applies to it.
    'postgres://etl:pw@db/etl?application_name=me@corp',
  ];

  it.each(unreadable)('refuses %s before anything is contacted, quoting nothing of it', (value) => {
    let message = '';
    try {
      parseConnectionString(value);
    } catch (error) {
      expect(error).toBeInstanceOf(BfxError);
      message = (error as Error).message;
    }
    expect(message).toBe(
      'The connection string is a URL with an @ after its host part, as when a user name or password holds a / ? # or @ ' +
        'that is not percent-encoded, so it cannot be read safely and no catalog was contacted: percent-encode the user ' +
        'name and the password (@ as %40, / as %2F, ? as %3F, # as %23, : as %3A, % as %25), and any @ in a parameter as %40.',
    );
  });

  it.each([
    ['postgres://u:p%40ss%2Fw%23rd%3Fx@host/db', 'postgres'],
    ['postgres://u:a%2Fb@host/db?sslmode=require', 'postgres'],
    // The authority ends at its last @, as every URL parser reads it.
    ['postgres://u:p@ss@host/db', 'postgres'],
    ['mssql://sa:p%23w@sql01:1433/BimlCatalog', 'mssql'],
    ['postgres://etl:pw@db/etl#note', 'postgres'],
  ])('reads %s once it is encoded', (value, engine) => {
    expect(parseConnectionString(value).engine).toBe(engine);
  });

  it('masks the password of a refused URL as written, up to the host', () => {
    expect(secretsIn('postgres://u:p@ss/w#rd?x@host/db')).toContain('p@ss/w#rd?x');
    expect(secretsIn('postgres://u:a/bc@host/db')).toContain('a/bc');
  });
});

describe('a short password: masked with the text around it, never on its own', () => {
  it.each([
    ['postgres://etl:a@db/catalog', 'a', ['etl:a@']],
    ['postgres://etl:ab%40@db/catalog', 'ab@', ['ab%40', 'etl:ab%40@']],
    ['Server=db;Password=ab;Database=x', 'ab', ['Password=ab']],
    ['Server=db;PWD={a};Database=x', 'a', ['PWD={a}']],
    ['postgres://etl@db/catalog?password=xy', 'xy', ['password=xy']],
  ])('%s', (value, password, contexts) => {
    const secrets = secretsIn(value);
    expect(secrets).toContain(value);
    expect(secrets).not.toContain(password);
    for (const context of contexts) expect(secrets).toContain(context);
    expect(secrets.every((secret) => secret.length >= MIN_MASKED_LENGTH)).toBe(true);
  });

  it('masks a password of MIN_MASKED_LENGTH characters or more on its own, decoded too', () => {
    expect(MIN_MASKED_LENGTH).toBe(4);
    expect(secretsIn('postgres://etl:abcd@db/catalog')).toContain('abcd');
    expect(secretsIn('postgres://etl:abc%40@db/catalog')).toContain('abc@');
    expect(secretsIn('postgres://etl@db/catalog?password=s3cr%40t')).toEqual(
      expect.arrayContaining(['s3cr%40t', 's3cr@t']),
    );
    expect(secretsIn('Server=db;Pass Word=hunter22;Database=x')).toContain('hunter22');
    expect(secretsIn('Server=db;P_W_D={br;ace}}d};Database=x')).toEqual(
      expect.arrayContaining(['{br;ace}}d}', 'br;ace}}d', 'br;ace}d']),
    );
  });

  it('keeps a message readable: redact() leaves the letters of a one-letter password alone', () => {
    const secrets = secretsIn('Server=db;Database=x;User ID=a;Password=a');
    expect(redact('Login failed for user a: a bad password (Password=a).', secrets)).toBe(
      'Login failed for user a: a bad password (***).',
    );
    const url = secretsIn('postgres://etl:a@db/catalog');
    expect(redact('a catalog at db failed for etl:a@db', url)).toBe('a catalog at db failed for ***db');
  });

  it('registers each line of a secret that spans lines, as the runner masks line by line', () => {
    expect(masksOf('abcd\nefgh')).toEqual(['abcd\nefgh', 'abcd', 'efgh']);
    expect(masksOf('ab\r\ncdefg')).toEqual(['ab\r\ncdefg', 'cdefg']);
    expect(masksOf('abc')).toEqual([]);
    expect(masksOf('')).toEqual([]);
  });
});
