import { describe, expect, it } from 'vitest';
import { parseConnectionString, redact, secretsIn } from '../../src/catalog/connection-string.js';
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
