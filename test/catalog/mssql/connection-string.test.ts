import { describe, expect, it } from 'vitest';
import { BfxError } from '../../../src/errors.js';
import {
  parseConnectionString,
  schemaParameter,
  secretsIn,
  withoutSchemaParameter,
} from '../../../src/catalog/connection-string.js';
import {
  mssqlLocation,
  parseMssqlConnectionString as parse,
  toTediousConfig,
} from '../../../src/catalog/mssql/connection-string.js';

const OPTIONS = { connectTimeoutMs: 15_000, requestTimeoutMs: 30_000 };

const AZURE =
  'Server=tcp:myserver.database.windows.net,1433;Initial Catalog=BimlCatalog;Persist Security Info=False;' +
  'User ID=loader;Password=S3cret!pw;MultipleActiveResultSets=False;Encrypt=True;' +
  'TrustServerCertificate=False;Connection Timeout=30;';

/** Expects a BfxError whose message matches `pattern` and holds no secret. */
function refused(connectionString: string, pattern: RegExp, secrets: string[] = []): void {
  let error: unknown;
  try {
    parse(connectionString);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(BfxError);
  const message = (error as Error).message;
  expect(message).toMatch(pattern);
  expect(message).toMatch(/^The SQL Server connection string .+, so no connection was made: .+\.$/);
  for (const secret of secrets) expect(message).not.toContain(secret);
}

describe('SQL Server connection strings: the ADO.NET keyword form', () => {
  it('reads the string the Azure portal gives, as it is', () => {
    const settings = parse(AZURE);
    expect(settings).toMatchObject({
      server: 'myserver.database.windows.net',
      port: 1433,
      instanceName: undefined,
      database: 'BimlCatalog',
      authentication: 'sql-password',
      user: 'loader',
      password: 'S3cret!pw',
      encrypt: true,
      trustServerCertificate: false,
      connectTimeoutMs: 30_000,
      requestTimeoutMs: undefined,
      appName: 'bfx-begin',
    });
    expect(mssqlLocation(settings)).toBe('myserver.database.windows.net/BimlCatalog');
    expect(parseConnectionString(AZURE).engine).toBe('mssql');
  });

  it('builds the tedious config: encryption honoured, timeouts, UTC dates, XACT_ABORT', () => {
    const config = toTediousConfig(parse(AZURE), OPTIONS);
    expect(config).toMatchObject({
      server: 'myserver.database.windows.net',
      authentication: { type: 'default', options: { userName: 'loader', password: 'S3cret!pw' } },
      options: {
        port: 1433,
        database: 'BimlCatalog',
        connectTimeout: 30_000, // from the string
        requestTimeout: 30_000, // from the options
        encrypt: true,
        trustServerCertificate: false,
        appName: 'bfx-begin',
        useUTC: true,
        abortTransactionOnError: true,
      },
    });
    expect(config.options?.instanceName).toBeUndefined();
  });

  it('takes the timeouts from the options when the string gives none, and Command Timeout as the request timeout', () => {
    const plain = toTediousConfig(parse('Server=h;Database=d;User Id=u;Password=p'), OPTIONS).options;
    expect([plain?.connectTimeout, plain?.requestTimeout]).toEqual([15_000, 30_000]);
    const custom = toTediousConfig(
      parse('Server=h;Database=d;User Id=u;Password=p;Connect Timeout=5;Command Timeout=0'),
      OPTIONS,
    ).options;
    expect([custom?.connectTimeout, custom?.requestTimeout]).toEqual([5_000, 0]);
  });

  it('reads ConnectRetryCount and ConnectRetryInterval, and leaves the login retries to the engine, not tedious', () => {
    expect(parse(AZURE)).toMatchObject({ connectRetryCount: undefined, connectRetryIntervalMs: undefined });
    expect(parse(`${AZURE}ConnectRetryCount=3;ConnectRetryInterval=20`)).toMatchObject({
      connectRetryCount: 3,
      connectRetryIntervalMs: 20_000,
    });
    expect(
      parse('Server=h;Database=d;User Id=u;Password=p;Connect Retry Count=0;Connect Retry Interval=1'),
    ).toMatchObject({
      connectRetryCount: 0,
      connectRetryIntervalMs: 1_000,
    });
    expect(parse('mssql://u:p@h/d?connectRetryCount=5').connectRetryCount).toBe(5);
    expect(toTediousConfig(parse(AZURE), OPTIONS).options).toMatchObject({ maxRetriesOnTransientErrors: 0 });
  });

  it.each([
    ['ConnectRetryCount=256', /ConnectRetryCount the value "256", which is not a whole number from 0 to 255/],
    ['ConnectRetryCount=-1', /not a whole number from 0 to 255/],
    ['ConnectRetryInterval=0', /ConnectRetryInterval the value "0", which is not a whole number from 1 to 60/],
    ['ConnectRetryInterval=61', /not a whole number from 1 to 60/],
    ['Connect Retry Interval=ten', /not a whole number from 1 to 60/],
  ])('refuses %s', (keyword, pattern) => {
    refused(`Server=h;Database=d;User Id=u;Password={p};${keyword}`, pattern);
  });

  it('encrypts by default, as Azure SQL requires', () => {
    const settings = parse('Server=h;Database=d;User Id=u;Password=p');
    expect([settings.encrypt, settings.trustServerCertificate]).toEqual([true, false]);
  });

  it.each([
    ['true', true],
    ['True', true],
    ['yes', true],
    ['Mandatory', true],
    ['Strict', 'strict'],
    ['strict', 'strict'],
  ])('reads Encrypt=%s', (value, expected) => {
    expect(parse(`Server=h;Database=d;User Id=u;Password=p;Encrypt=${value}`).encrypt).toBe(expected);
    expect(
      toTediousConfig(parse(`Server=h;Database=d;User Id=u;Password=p;Encrypt=${value}`), OPTIONS).options?.encrypt,
    ).toBe(expected);
  });

  it.each([
    ['Server=h;Database=d;User Id=u;Password={p};Encrypt=false', 'password'],
    ['Server=h;Database=d;User Id=u;Password=p;Encrypt=No;Connection Timeout=5', 'password'],
    ['mssql://u:p@h/d?encrypt=Optional', 'password'],
    ['Server=h;Database=d;Authentication=Active Directory Default;Encrypt=False', 'Microsoft Entra ID token'],
  ])('refuses Encrypt=False, which would send the secret in clear: %s', (connectionString, secret) => {
    refused(
      connectionString,
      new RegExp(
        `^The SQL Server connection string says Encrypt=False, which would send the ${secret} to the server without TLS, so no connection was made: remove it or write Encrypt=True .*Encrypt=Strict`,
      ),
    );
  });

  it('reads TrustServerCertificate, Trust Server Certificate and HostNameInCertificate', () => {
    expect(parse('Server=h;Database=d;User Id=u;Password=p;TrustServerCertificate=true').trustServerCertificate).toBe(
      true,
    );
    expect(parse('Server=h;Database=d;User Id=u;Password=p;Trust Server Certificate=yes').trustServerCertificate).toBe(
      true,
    );
    const named = parse('Server=10.0.0.5;Database=d;User Id=u;Password=p;HostNameInCertificate=sql.example.com');
    expect(toTediousConfig(named, OPTIONS).options?.serverName).toBe('sql.example.com');
  });

  it.each([
    ['Server', 'Database', 'User ID', 'Password'],
    ['Data Source', 'Initial Catalog', 'UID', 'PWD'],
    ['Address', 'database', 'User', 'pwd'],
    ['Addr', 'INITIAL CATALOG', 'user id', 'PASSWORD'],
    ['Network Address', 'Database', 'UserID', 'Password'],
    ['data   source', 'initial  catalog', 'User  Id', 'Password'],
  ])('accepts the synonyms %s / %s / %s / %s', (server, database, user, password) => {
    expect(parse(`${server}=h;${database}=db;${user}=u;${password}=p`)).toMatchObject({
      server: 'h',
      database: 'db',
      user: 'u',
      password: 'p',
    });
  });

  it('ignores blanks around keys and values, empty pairs and a trailing semicolon', () => {
    expect(parse('  Server = h ;; Database =  db ;User Id= u ; Password = p ;  ')).toMatchObject({
      server: 'h',
      database: 'db',
      user: 'u',
      password: 'p',
    });
  });

  it('lets the last occurrence of a keyword win, as ADO.NET does', () => {
    expect(
      parse('Server=a;Data Source=b;Database=x;Initial Catalog=y;User Id=u;Password=p;Encrypt=strict;Encrypt=true'),
    ).toMatchObject({
      server: 'b',
      database: 'y',
      encrypt: true,
    });
  });

  describe('quoted values', () => {
    it.each([
      ['"a;b=c"', 'a;b=c'],
      ['"say ""hi"""', 'say "hi"'],
      ["'a;b'", 'a;b'],
      ["'it''s'", "it's"],
      ['{a;b}', 'a;b'],
      ['{a}}b;c}', 'a}b;c'],
      ['{}', ''],
      ['""', ''],
      ['"  spaced  "', '  spaced  '],
      ['ab"c', 'ab"c'],
      ["ab'c", "ab'c"],
      ['p=q', 'p=q'],
    ])('reads Password=%s as %s', (raw, expected) => {
      expect(parse(`Server=h;Database=d;User Id=u;Password=${raw};Encrypt=true`).password).toBe(expected);
    });

    it('reads a quoted password with blanks after the closing quote', () => {
      expect(parse('Server=h;Database=d;User Id=u;Password="x;y"  ;Encrypt=true').password).toBe('x;y');
    });

    it('reads quoted names of databases and users', () => {
      expect(parse(`Server=h;Database="My DB;1";User Id='dom\\o''brien';Password=p`)).toMatchObject({
        database: 'My DB;1',
        user: "dom\\o'brien",
      });
    });

    it('reads == in a key as a literal =, which no keyword has', () => {
      refused('Server=h;A==B=c;Database=d;User Id=u;Password=p', /keyword "A=B"/);
    });
  });

  describe('the server', () => {
    it.each([
      ['tcp:myserver.database.windows.net,1433', 'myserver.database.windows.net', 1433, undefined],
      ['TCP:host,14330', 'host', 14330, undefined],
      ['host', 'host', 1433, undefined],
      ['host , 2000', 'host', 2000, undefined],
      ['host\\SQLEXPRESS', 'host', undefined, 'SQLEXPRESS'],
      ['tcp:host\\SQLEXPRESS', 'host', undefined, 'SQLEXPRESS'],
      ['host\\SQLEXPRESS,1500', 'host', 1500, undefined],
      ['.', 'localhost', 1433, undefined],
      ['(local)', 'localhost', 1433, undefined],
      ['.\\SQLEXPRESS', 'localhost', undefined, 'SQLEXPRESS'],
      ['10.1.2.3,1433', '10.1.2.3', 1433, undefined],
      ['tcp:[::1],1433', '::1', 1433, undefined],
    ])('reads Server=%s', (server, host, port, instanceName) => {
      const settings = parse(`Server=${server};Database=d;User Id=u;Password=p`);
      expect([settings.server, settings.port, settings.instanceName]).toEqual([host, port, instanceName]);
      const config = toTediousConfig(settings, OPTIONS);
      expect(config.server).toBe(host);
      expect(config.options?.port).toBe(port);
      expect(config.options?.instanceName).toBe(instanceName);
      // The instance travels apart from the host: a backslash never reaches the server name.
      expect(config.server).not.toContain('\\');
    });

    it('names the instance in the location', () => {
      expect(mssqlLocation(parse('Server=host\\SQLEXPRESS;Database=d;User Id=u;Password=p'))).toBe(
        'host\\SQLEXPRESS/d',
      );
      expect(mssqlLocation(parse('Server=host,2000;Database=d;User Id=u;Password=p'))).toBe('host:2000/d');
    });

    it.each([
      ['Server=;Database=d;User Id=u;Password=p', /names no server/],
      ['Database=d;User Id=u;Password=p', /names no server/],
      ['Server=tcp:;Database=d;User Id=u;Password=p', /names no server/],
      ['Server=host,abc;Database=d;User Id=u;Password=p', /port "abc"/],
      ['Server=host,70000;Database=d;User Id=u;Password=p', /port "70000"/],
      ['Server=host:1433;Database=d;User Id=u;Password=p', /after a colon/],
      ['Server=np:\\\\host\\pipe\\sql\\query;Database=d;User Id=u;Password=p', /named pipes/],
      ['Server=lpc:host;Database=d;User Id=u;Password=p', /shared memory/],
      ['Server=(localdb)\\MSSQLLocalDB;Database=d;User Id=u;Password=p', /LocalDB/],
    ])('refuses %s', (connectionString, pattern) => {
      refused(connectionString.replace('Password=p', 'Password=pw-secret-9'), pattern, ['pw-secret-9']);
    });
  });

  describe('authentication', () => {
    it('takes SQL authentication by default and for Authentication=SqlPassword', () => {
      expect(parse('Server=h;Database=d;User Id=u;Password=p').authentication).toBe('sql-password');
      expect(parse('Server=h;Database=d;User Id=u;Password=p;Authentication=Sql Password').authentication).toBe(
        'sql-password',
      );
      expect(parse('Server=h;Database=d;User Id=u;Password=p;Authentication=SqlPassword').authentication).toBe(
        'sql-password',
      );
    });

    it('accepts an empty password given explicitly', () => {
      expect(parse('Server=h;Database=d;User Id=u;Password=').password).toBe('');
    });

    it('maps ActiveDirectoryDefault and ActiveDirectoryManagedIdentity to the Entra ID logins of tedious', () => {
      const byDefault = toTediousConfig(parse('Server=h;Database=d;Authentication=Active Directory Default'), OPTIONS);
      expect(byDefault.authentication).toEqual({ type: 'azure-active-directory-default', options: {} });
      const managed = toTediousConfig(
        parse('Server=h;Database=d;Authentication=ActiveDirectoryManagedIdentity;User Id=1234-abcd'),
        OPTIONS,
      );
      expect(managed.authentication).toEqual({
        type: 'azure-active-directory-msi-vm',
        options: { clientId: '1234-abcd' },
      });
      expect(parse('Server=h;Database=d;Authentication=ActiveDirectoryMSI').authentication).toBe(
        'entra-managed-identity',
      );
    });

    it.each([
      ['Server=h;Database=d;Password=p', /names no user/],
      ['Server=h;Database=d;User Id=;Password=p', /names no user/],
      ['Server=h;Database=d;User Id=u', /has no password/],
      ['Server=h;Database=d;Integrated Security=SSPI', /Windows integrated security/],
      ['Server=h;Database=d;Integrated Security=true;User Id=u;Password=p', /Windows integrated security/],
      ['Server=h;Database=d;Trusted_Connection=yes', /Windows integrated security/],
      [
        'Server=h;Database=d;User Id=u;Password={p};Authentication=ActiveDirectoryPassword',
        /ActiveDirectoryPassword.*does not support/,
      ],
      ['Server=h;Database=d;Authentication=ActiveDirectoryInteractive', /does not support/],
      ['Server=h;Database=d;Authentication=ActiveDirectoryIntegrated', /does not support/],
    ])('refuses %s', (connectionString, pattern) => {
      refused(connectionString, pattern, ['Password=p']);
    });

    it('lets Integrated Security=false pass', () => {
      expect(parse('Server=h;Database=d;Integrated Security=False;User Id=u;Password=p').authentication).toBe(
        'sql-password',
      );
    });
  });

  it('takes Application Name, Workstation ID and MultiSubnetFailover', () => {
    const config = toTediousConfig(
      parse(
        'Server=h;Database=d;User Id=u;Password=p;Application Name=nightly loads;WSID=runner-7;MultiSubnetFailover=True',
      ),
      OPTIONS,
    );
    expect(config.options).toMatchObject({
      appName: 'nightly loads',
      workstationId: 'runner-7',
      multiSubnetFailover: true,
    });
  });

  it('reads an ODBC string from the Azure portal', () => {
    const settings = parse(
      'Driver={ODBC Driver 18 for SQL Server};Server=tcp:myserver.database.windows.net,1433;Database=cat;' +
        'Uid=loader;Pwd={p;w}}d};Encrypt=yes;TrustServerCertificate=no;Connection Timeout=30;',
    );
    expect(settings).toMatchObject({
      server: 'myserver.database.windows.net',
      database: 'cat',
      user: 'loader',
      password: 'p;w}d',
      encrypt: true,
    });
  });

  it('refuses ApplicationIntent=ReadOnly, since the catalog is written to', () => {
    refused('Server=h;Database=d;User Id=u;Password={p};ApplicationIntent=ReadOnly', /ReadOnly/);
    expect(parse('Server=h;Database=d;User Id=u;Password=p;ApplicationIntent=ReadWrite').server).toBe('h');
  });

  it.each([
    ['Server=h;User Id=u;Password=p', /names no database/],
    ['Server=h;Database= ;User Id=u;Password=p', /names no database/],
    ['Server=h;Database=d;User Id=u;Password={p};Encrypt=maybe', /Encrypt the value "maybe"/],
    [
      'Server=h;Database=d;User Id=u;Password={p};TrustServerCertificate=sure',
      /TrustServerCertificate the value "sure"/,
    ],
    ['Server=h;Database=d;User Id=u;Password="p";Connection Timeout=soon', /not a whole number of seconds/],
    ['Server=h;Database=d;Connection Timeout=0;User Id=u;Password=p', /above 0/],
    ['Server=h;Database=d;Colour=blue;User Id=u;Password=p', /keyword "Colour"/],
    ['Server=h;Database=d;justtext;User Id=u;Password=p', /not a list of Keyword=Value pairs/],
    ['Server=h;Database=d;=x;User Id=u;Password=p', /not a list of Keyword=Value pairs/],
    ['Server="h;Database=d', /not a list of Keyword=Value pairs/],
    ['Server="h" x;Database=d;User Id=u;Password=p', /not a list of Keyword=Value pairs/],
    ['', /is empty/],
    ['   ', /is empty/],
  ])('refuses %s', (connectionString, pattern) => {
    refused(connectionString, pattern, ['Password=p']);
  });

  describe('never shows the password', () => {
    const secret = 'Tr0ub4dor&3';
    it.each([
      // An unquoted ; in the password splits it: the fragments look like keywords.
      [`Server=h;Database=d;User Id=u;Password=${secret.slice(0, 5)};${secret.slice(5)};Encrypt=true`, secret.slice(5)],
      [`Server=h;Database=d;User Id=u;Password=ab;${secret}=x;Encrypt=true`, secret],
      [`Server=h;Database=d;User Id=u;Password=ab;cd;${secret}`, secret],
      // An unterminated quote.
      [`Server=h;Database=d;User Id=u;Password="${secret};Encrypt=true`, secret],
      [`Server=h;Database=d;User Id=u;Password={${secret};Encrypt=true`, secret],
      // Text after a closing quote.
      [`Server=h;Database=d;User Id=u;Password="${secret}"x;Encrypt=true`, secret],
      [`Server=h;User Id=u;Password=${secret}`, secret],
      [`Server=h;Database=d;User Id=u;Password=${secret};Encrypt=maybe`, secret],
      [`Server=h,99999;Database=d;User Id=u;Password=${secret}`, secret],
      [`mssql://u:${secret}@h:1433/d?encrypt=maybe`, secret],
      [`mssql://u:${secret}@h:1433/d?colour=blue`, secret],
      [`mssql://u:${secret}@h:1433/d?password=x`, secret],
      [`mssql://u:${secret}@h:1433/`, secret],
      [`mssql://u:${encodeURIComponent(secret)}%ZZ@h:1433/d`, secret.slice(0, 6)],
    ])('%s', (connectionString, fragment) => {
      let error: unknown;
      try {
        parse(connectionString);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BfxError);
      expect((error as Error).message).not.toContain(fragment);
      expect((error as Error).message).not.toContain(secret);
    });

    it('advises quoting when the string breaks after the password', () => {
      refused('Server=h;Database=d;User Id=u;Password=ab;cd;Encrypt=true', /after its Password keyword.*\{braces\}/, [
        'cd',
      ]);
    });
  });

  describe('names nothing that follows an unquoted password, which may be the rest of it', () => {
    // The password is "pw;KEYWORD=TAIL": unquoted, ADO.NET ends it at the ;, and the keyword after
    // it gets the rest. Whatever is refused there is refused without a word of it.
    const tail = 'Xy7-q';
    it.each([
      `Encrypt=${tail}`,
      `TrustServerCertificate=${tail}`,
      `Multi Subnet Failover=${tail}`,
      `Connection Timeout=${tail}`,
      `Command Timeout=${tail}`,
      `ConnectRetryCount=${tail}`,
      `ConnectRetryInterval=${tail}`,
      `ApplicationIntent=${tail}`,
      `ApplicationIntent=ReadOnly`,
      `Server=host,${tail}`,
      `Server=np:${tail}`,
      `Server=(localdb)\\${tail}`,
      `Authentication=${tail}`,
      `Integrated Security=${tail}`,
      `Integrated Security=SSPI`,
    ])('Password=pw;%s', (rest) => {
      const connectionString = `Server=h;Database=d;User Id=u;Password=pw;${rest};Encrypt=true`;
      const [key, value] = [rest.slice(0, rest.indexOf('=')), rest.slice(rest.indexOf('=') + 1)];
      // "Server" is in every refusal's "The SQL Server connection string".
      refused(connectionString, /refuses a value that follows its unquoted Password, not repeated here.*\{braces\}/, [
        tail,
        value,
        ...(key === 'Server' ? [] : [key]),
      ]);
    });

    it.each([`${tail}=x`, `Colour=${tail}`, `${tail}`])('Password=pw;%s (no keyword bfx-begin knows)', (rest) => {
      refused(`Server=h;Database=d;User Id=u;Password=pw;${rest}`, /after its Password keyword.*\{braces\}/, [
        tail,
        'Colour',
      ]);
    });

    it('still names nothing further on, past other keywords', () => {
      refused(
        `Server=h;Database=d;User Id=u;Password=pw;Encrypt=true;Connection Timeout=${tail}`,
        /refuses a value that follows its unquoted Password/,
        [tail, 'Connection Timeout'],
      );
    });

    it.each([
      [`Password="pw;${tail}`, 'an unterminated double quote'],
      [`Password={pw;${tail}`, 'an unterminated brace'],
      [`Password='pw;${tail}`, 'an unterminated single quote'],
      [`Password={pw}${tail};Encrypt=true`, 'text after the closing brace'],
      [`Password="pw"${tail}`, 'text after the closing quote'],
    ])('%s (%s)', (password) => {
      refused(`Server=h;Database=d;User Id=u;${password}`, /has a Password value that cannot be read.*\{braces\}/, [
        tail,
        'pw',
      ]);
    });

    it('names the value once the password is quoted, or when it comes before the password', () => {
      refused(
        `Server=h;Database=d;User Id=u;Password={pw;x};Encrypt=${tail}`,
        new RegExp(`Encrypt the value "${tail}"`),
        ['pw;x'],
      );
      refused(`Server=h;Database=d;Encrypt=${tail};User Id=u;Password=pw`, new RegExp(`Encrypt the value "${tail}"`));
    });

    it('reads what follows an unquoted password as usual when nothing is refused', () => {
      expect(parse('Server=h;User Id=u;Password=pw;Database=d;Encrypt=strict;Connection Timeout=5')).toMatchObject({
        password: 'pw',
        database: 'd',
        encrypt: 'strict',
        connectTimeoutMs: 5000,
      });
    });
  });

  it('leaves the secrets of a keyword string to secretsIn, which masks the quoted password too', () => {
    const connectionString = 'Server=h;Database=d;User Id=u;Password={p;w}}d};Encrypt=true';
    expect(secretsIn(connectionString)).toContain(parse(connectionString).password!.replace('}', '}}'));
  });
});

describe('SQL Server connection strings: the mssql:// URL', () => {
  it('reads user, password, host, port, database and encrypt', () => {
    const settings = parse('mssql://loader:S3cret!pw@myserver.database.windows.net:1433/BimlCatalog?encrypt=true');
    expect(settings).toMatchObject({
      server: 'myserver.database.windows.net',
      port: 1433,
      database: 'BimlCatalog',
      user: 'loader',
      password: 'S3cret!pw',
      encrypt: true,
      trustServerCertificate: false,
    });
    expect(parseConnectionString('mssql://u:p@h/d').engine).toBe('mssql');
  });

  it('decodes percent-encoded parts', () => {
    expect(parse('mssql://dom%5Cuser:p%40ss%3Bw%2Fd@h/my%20db')).toMatchObject({
      user: 'dom\\user',
      password: 'p@ss;w/d',
      database: 'my db',
    });
  });

  it('defaults the port to 1433 and encrypt to true', () => {
    expect(parse('mssql://u:p@h/d')).toMatchObject({ port: 1433, encrypt: true });
    expect(parse('sqlserver://u:p@h:2000/d')).toMatchObject({ port: 2000 });
  });

  it('takes the keywords as query parameters, in any case and spacing', () => {
    const settings = parse(
      'mssql://u:p@localhost:1433/d?encrypt=yes&TrustServerCertificate=true&application%20name=etl&connectTimeout=5',
    );
    expect(settings).toMatchObject({
      encrypt: true,
      trustServerCertificate: true,
      appName: 'etl',
      connectTimeoutMs: 5_000,
    });
    expect(parse('mssql://u:p@h/d?encrypt=strict').encrypt).toBe('strict');
  });

  it('takes an instance name as a parameter', () => {
    expect(parse('mssql://u:p@h/d?instanceName=SQLEXPRESS')).toMatchObject({
      server: 'h',
      port: undefined,
      instanceName: 'SQLEXPRESS',
    });
  });

  it('accepts an empty password given explicitly', () => {
    expect(parse('mssql://u:@h/d').password).toBe('');
  });

  it.each([
    ['mssql://u:p@h', /names no database/],
    ['mssql://u:p@h/a/b', /more than one part/],
    ['mssql://u:p@/d', /not a valid URL|names no server/],
    ['mssql://h/d', /names no user/],
    ['mssql://u:p@h/d?server=other', /URL parameter "server"/],
    ['mssql://u:p@h/d?encrypt=maybe', /Encrypt|encrypt/],
    ['mssql://u:p@h:99999/d', /not a valid URL|port/],
  ])('refuses %s', (connectionString, pattern) => {
    refused(connectionString, pattern, [':p@']);
  });
});

describe('the schema parameter of a SQL Server connection string', () => {
  it('is read and taken out, the last one winning, whatever its case and spaces', () => {
    const text = `${AZURE}Schema=bfxgh;`;
    expect(schemaParameter(text)).toBe('bfxgh');
    expect(withoutSchemaParameter(text)).toBe(AZURE);
    expect(parse(withoutSchemaParameter(text)).database).toBe('BimlCatalog');
    expect(schemaParameter('Server=h; schema = one ;Database=d;SCHEMA=two')).toBe('two');
    expect(withoutSchemaParameter('Server=h; schema = one ;Database=d;SCHEMA=two')).toBe('Server=h;Database=d;');
    expect(schemaParameter(AZURE)).toBeUndefined();
    expect(schemaParameter('mssql://u:p@h/d?encrypt=true&schema=bfxgh')).toBe('bfxgh');
  });

  it('is never found inside a quoted value: a password holding ;Schema= stays whole, and is never echoed', () => {
    for (const password of ['{p;Schema=x}}y}', '"p;Schema=x""y"', "'p;Schema=x''y'"]) {
      const text = `Server=h;Database=d;User ID=u;Password=${password};Encrypt=True`;
      expect(schemaParameter(text)).toBeUndefined();
      expect(withoutSchemaParameter(text)).toBe(text);
      expect(parse(withoutSchemaParameter(text)).password).toBe('p;Schema=x' + password[0].replace('{', '}') + 'y');
    }
  });
});
