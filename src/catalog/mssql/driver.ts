/**
 * SQL Server's wire, on one tedious Connection: one login, then one request per round trip.
 *
 * A request is one SQL batch (TDS SQL_BATCH), so that it may open or close the transaction around
 * what it runs: BEGIN TRANSACTION and COMMIT TRANSACTION stand in the batch itself, outside any
 * procedure. The statements of the round trip run inside it through sys.sp_executesql, with their
 * values as its parameters: each distinct statement text is compiled once and its plan reused,
 * whatever the values. A transaction begun or committed inside sp_executesql would be refused
 * (error 266: the transaction count must be the same on leaving a procedure as on entering it), so
 * the transaction's ends stay out here:
 *
 *   SET NOCOUNT ON; SET XACT_ABORT ON; [BEGIN TRANSACTION;]
 *   DECLARE @s0_PackageName NVARCHAR(200) = N'Load_Customer', ...;
 *   EXEC sys.sp_executesql N'...the statements...', N'@s0_PackageName NVARCHAR(200), ...', @s0_PackageName = @s0_PackageName, ...;
 *   [COMMIT TRANSACTION;]
 *
 * Values reach the text only as literals of the declared type, written here and nowhere else:
 * numbers checked as whole numbers, text as N'...' with every quote doubled and every control
 * character as NCHAR(n), and a value longer than its declared type refused (a DECLARE would cut it
 * without a word). With XACT_ABORT on, any error (a guarded update's THROW, a deadlock, a time-out)
 * ends the batch before its COMMIT and rolls the transaction back.
 */
import { Connection, Request, type ConnectionConfiguration } from 'tedious';

/** A parameter's SQL Server type, as sp_executesql declares it. */
export type SqlType = string;
export const INT: SqlType = 'INT';
export const BIGINT: SqlType = 'BIGINT';
export const BIT: SqlType = 'BIT';
export const MAX = 'MAX';
export const nvarchar = (length: number | typeof MAX): SqlType => `NVARCHAR(${length})`;
export const varchar = (length: number | typeof MAX): SqlType => `VARCHAR(${length})`;
export const char = (length: number): SqlType => `CHAR(${length})`;

export type Param = readonly [type: SqlType, value: unknown];
export type Params = Record<string, Param>;

/** One statement (or a few that belong together) of a round trip. */
export interface Statement {
  /** T-SQL ending with a semicolon; @Name for the params below, other @names for its own variables. */
  text: string;
  params: Params;
  /** How many result sets it returns: always this many (its SELECTs stand outside any IF). */
  recordsets: number;
}

/** The statements of one round trip, merged (statements.ts): one text, its parameters, the result sets of each. */
export interface Batch {
  text: string;
  params: Params;
  recordsets: number[];
}

export type Row = Record<string, unknown>;

/** Where a request stands in its transaction: the first opens it, the last commits it. */
export interface Ends {
  begin?: boolean;
  commit?: boolean;
  /** This request's time-out in ms (0: none), instead of the connection's. */
  timeoutMs?: number;
}

const PARAMETER_NAME = /^[A-Za-z_]\w*$/;
/** The request's own variables: no statement's parameter starts with two underscores. */
const STATEMENT = '__statement';
const DECLARATIONS = '__parameters';

/**
 * N'text', quotes doubled; a control character other than a tab or a line break (NUL among them)
 * as NCHAR(n) beside the quoted parts, so that nothing but plain text stands between the quotes.
 */
export function unicodeLiteral(text: string): string {
  const parts: string[] = [];
  let plain = '';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      if (plain !== '') parts.push(`N'${plain}'`);
      parts.push(`NCHAR(${code})`);
      plain = '';
    } else plain += character === "'" ? "''" : character;
  }
  if (plain !== '' || parts.length === 0) parts.push(`N'${plain}'`);
  return parts.join(' + ');
}

/** A value as a literal of its declared type; anything that does not fit the type is a bug, refused. */
export function literalOf(type: SqlType, value: unknown, name: string): string {
  if (value === null || value === undefined) return 'NULL';
  const refuse = (): never => {
    throw new Error(`The value of @${name} does not fit its SQL Server type ${type}.`);
  };
  const [, kind, size] = /^([A-Z]+)(?:\((\d+|MAX)\))?$/.exec(type) ?? refuse();
  switch (kind) {
    case 'INT':
    case 'BIGINT': {
      const text =
        typeof value === 'number' && Number.isSafeInteger(value)
          ? String(value)
          : typeof value === 'bigint' || (typeof value === 'string' && /^-?\d{1,19}$/.test(value))
            ? String(value)
            : refuse();
      const bound = kind === 'INT' ? 2n ** 31n : 2n ** 63n;
      if (BigInt(text) >= bound || BigInt(text) < -bound) refuse();
      return text;
    }
    case 'BIT':
      return value === true || value === 1 ? '1' : value === false || value === 0 ? '0' : refuse();
    case 'CHAR':
    case 'VARCHAR':
    case 'NVARCHAR': {
      if (typeof value !== 'string') return refuse();
      // CHAR and VARCHAR hold the catalog's codes and ID lists: printable ASCII only, which no code page changes.
      if (kind !== 'NVARCHAR' && !/^[\x20-\x7e]*$/.test(value)) refuse();
      if (size !== 'MAX' && value.length > Number(size)) refuse();
      return unicodeLiteral(value);
    }
    default:
      return refuse();
  }
}

/** The text of one request: the transaction's ends around the statements, run through sp_executesql. */
export function requestText(batch: Batch, ends: Ends = {}): string {
  const lines = ['SET NOCOUNT ON;', 'SET XACT_ABORT ON;'];
  if (ends.begin) lines.push('BEGIN TRANSACTION;');
  if (batch.text.trim() === '') {
    if (ends.commit) lines.push('COMMIT TRANSACTION;');
    return lines.join('\n');
  }
  const params = Object.entries(batch.params);
  for (const [name] of params) {
    if (!PARAMETER_NAME.test(name) || name.startsWith('__')) throw new Error(`"${name}" is not a parameter name.`);
  }
  for (const [name, [type, value]] of params) lines.push(`DECLARE @${name} ${type} = ${literalOf(type, value, name)};`);
  // Through variables: EXEC takes constants or variables only, and a literal may need NCHAR(n).
  lines.push(`DECLARE @${STATEMENT} NVARCHAR(MAX) = ${unicodeLiteral(batch.text)};`);
  let call = `EXEC sys.sp_executesql @${STATEMENT};`;
  if (params.length > 0) {
    const declarations = params.map(([name, [type]]) => `@${name} ${type}`).join(', ');
    lines.push(`DECLARE @${DECLARATIONS} NVARCHAR(MAX) = ${unicodeLiteral(declarations)};`);
    const values = params.map(([name]) => `@${name} = @${name}`);
    call = `EXEC sys.sp_executesql @${STATEMENT}, @${DECLARATIONS},\n  ${values.join(',\n  ')};`;
  }
  if (!ends.commit) lines.push(call);
  else {
    // The COMMIT runs only after every statement did. XACT_ABORT rolls back on most errors; the
    // CATCH covers those it leaves the transaction open after (a statement of the procedure that
    // fails to compile, an object missing), so that nothing before them is committed.
    lines.push(
      'BEGIN TRY',
      call,
      'COMMIT TRANSACTION;',
      'END TRY',
      'BEGIN CATCH',
      'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;',
      'THROW;',
      'END CATCH;',
    );
  }
  return lines.join('\n');
}

/** Only a transaction the server still holds open is rolled back: XACT_ABORT has rolled back most. */
export const ROLLBACK = 'IF @@TRANCOUNT > 0 ROLLBACK TRANSACTION;';

/**
 * One connection to SQL Server. `watch` is called with the tedious Connection before it connects
 * (engine.ts refuses a login in clear there, and hears the login's error messages).
 */
export class TdsConnection {
  private closed = false;

  private constructor(private readonly connection: Connection) {
    connection.on('end', () => (this.closed = true));
    // An error on an idle connection (the server went away) reaches the next request as ECLOSE;
    // without a listener it would end the process.
    connection.on('error', () => (this.closed = true));
  }

  static open(config: ConnectionConfiguration, watch: (connection: Connection) => void): Promise<TdsConnection> {
    const connection = new Connection(config);
    const opened = new TdsConnection(connection);
    watch(connection);
    return new Promise((resolve, reject) => {
      connection.connect((error) => {
        if (error) {
          connection.close();
          reject(error);
        } else resolve(opened);
      });
    });
  }

  /** Whether the connection can take a request: not closed by either side. */
  get usable(): boolean {
    return !this.closed;
  }

  /** Runs one request; resolves with every result set of it, in order. */
  run(batch: Batch, ends: Ends = {}): Promise<Row[][]> {
    return this.send(requestText(batch, ends), ends.timeoutMs);
  }

  /** Runs T-SQL of this folder's own, with no values in it (the rollback). */
  send(text: string, timeoutMs?: number): Promise<Row[][]> {
    if (this.closed) {
      // What tedious would answer a request on a connection that ended, as the dropped connection it is.
      return Promise.reject(Object.assign(new Error('The connection to SQL Server was closed.'), { code: 'ECLOSE' }));
    }
    return new Promise((resolve, reject) => {
      const recordsets: Row[][] = [];
      const request = new Request(text, (error) => (error ? reject(error) : resolve(recordsets)));
      if (timeoutMs !== undefined) request.setTimeout(timeoutMs);
      request.on('columnMetadata', () => recordsets.push([]));
      request.on('row', (columns: Array<{ value: unknown; metadata: { colName: string } }>) => {
        const row: Row = {};
        for (const column of columns) row[column.metadata.colName] = column.value;
        recordsets[recordsets.length - 1].push(row);
      });
      this.connection.execSqlBatch(request);
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.connection.once('end', () => resolve());
      this.connection.close();
    });
  }
}
