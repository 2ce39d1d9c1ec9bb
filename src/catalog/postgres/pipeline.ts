/**
 * A round trip's statements as ONE extended-protocol batch: Parse, Bind, Describe and Execute of
 * each (unnamed, as pg sends them), then a single Sync, written to the socket at once. pg's own
 * pipeline mode closes every statement with a Sync of its own, so the server flushes an answer
 * and a ReadyForQuery per statement, and pg keeps a query object, a promise and a read timer per
 * statement; here it is one of each per round trip (docs/performance.md, "PostgreSQL: where the
 * time goes").
 *
 * The server runs the statements in order. When one fails, it skips everything up to the Sync: the
 * statements after it (a COMMIT among them) never run, and their outcome is the same error. The
 * transaction is then aborted; the caller rolls it back.
 */
import pg from 'pg';
import { CommitOutcomeUnknown, type Answer, type Outcome, type Step } from '../sql/driver.js';

type Row = Record<string, unknown>;

/** A statement with its values in pg's positional form ($1..$n), already written as text (prepared). */
export interface BoundStatement {
  text: string;
  values: readonly (string | null)[];
}

/**
 * The results of the statements that ran, in order; `error` the first failure (none: all ran).
 * `ranAll`: the failure is a row the client could not read, so the server ran every statement of
 * the batch, those after it too (a COMMIT among them committed).
 */
export interface BatchOutcome {
  results: StatementResult[];
  error?: unknown;
  ranAll?: boolean;
}

/** The part of pg's Connection a batch writes to: its socket (pg's own _send writes only while it is writable). */
interface Wire {
  stream: { writable: boolean; write(data: Buffer): boolean };
}

/**
 * The batch's messages, byte for byte as pg-protocol's serializer writes them for pg's Query
 * (test/catalog/postgres/pipeline.test.ts compares them), in one Buffer: pg makes a Buffer of
 * each message (Parse, Bind, Describe, Execute per statement and the Sync: about 40 for a round
 * trip), and node's stream queues each one and hands the socket a writev of them all; one write
 * of one Buffer costs the client less CPU (docs/performance.md, "PostgreSQL: where the time goes").
 *
 * Parse: the unnamed statement, the text, no parameter types (the server infers them).
 * Bind: the unnamed portal and statement, a text format code per value, the values (-1: null),
 * one result format code, text. Describe the unnamed portal, Execute it for all its rows.
 */
const DESCRIBE_EXECUTE = Buffer.from([0x44, 0, 0, 0, 6, 0x50, 0, 0x45, 0, 0, 0, 9, 0, 0, 0, 0, 0]);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

/** Parse messages by statement text: a statement's text is the same every time it is sent. */
const parses = new Map<string, Buffer>();
const PARSES_KEPT = 1000;

function parseMessage(text: string): Buffer {
  let message = parses.get(text);
  if (!message) {
    const length = Buffer.byteLength(text);
    message = Buffer.alloc(1 + 4 + 1 + length + 1 + 2);
    message[0] = 0x50;
    message.writeInt32BE(message.length - 1, 1);
    message.write(text, 6);
    // Statements come from a fixed set of texts; a caller that varied them would not grow this for ever.
    if (parses.size >= PARSES_KEPT) parses.clear();
    parses.set(text, message);
  }
  return message;
}

export function encodeBatch(statements: readonly BoundStatement[]): Buffer {
  let size = SYNC.length;
  for (const { text, values } of statements) {
    size += parseMessage(text).length + 15 + 6 * values.length + DESCRIBE_EXECUTE.length;
    for (const value of values) if (value !== null) size += Buffer.byteLength(value);
  }
  const buffer = Buffer.allocUnsafe(size);
  let at = 0;
  for (const { text, values } of statements) {
    const parse = parseMessage(text);
    buffer.set(parse, at);
    at += parse.length;
    const bind = at;
    buffer[at] = 0x42;
    at += 5;
    buffer[at++] = 0;
    buffer[at++] = 0;
    const count = values.length;
    at = buffer.writeUInt16BE(count, at);
    buffer.fill(0, at, at + 2 * count);
    at = buffer.writeUInt16BE(count, at + 2 * count);
    for (const value of values) {
      if (value === null) {
        at = buffer.writeInt32BE(-1, at);
      } else {
        const length = buffer.write(value, at + 4);
        buffer.writeInt32BE(length, at);
        at += 4 + length;
      }
    }
    at = buffer.writeUInt16BE(1, at);
    at = buffer.writeUInt16BE(0, at);
    buffer.writeInt32BE(at - bind - 1, bind + 1);
    buffer.set(DESCRIBE_EXECUTE, at);
    at += DESCRIBE_EXECUTE.length;
  }
  buffer.set(SYNC, at);
  return buffer;
}

/** The messages the client hands the active query (pg/lib/client.js). */
interface FieldsMessage {
  fields: { name: string; dataTypeID: number; format: string }[];
}

const { utils } = pg as unknown as { utils: { prepareValue(value: unknown): string | null } };

/**
 * The values as pg writes them (its prepareValue: arrays as array literals, booleans as true and
 * false, ...), before anything is sent: a value pg cannot write fails here, not halfway through a
 * batch on the wire.
 */
export const prepared = (statement: { text: string; values: readonly unknown[] }): BoundStatement => ({
  text: statement.text,
  values: statement.values.map((value) => utils.prepareValue(value)),
});

/** The columns a statement answers: names, type OIDs and pg's parser of each. */
interface Shape {
  names: string[];
  oids: number[];
  parsers: ((value: string) => unknown)[];
}

/**
 * Shapes by statement text, per set of type parsers: the same text answers the same columns, so
 * the parsers are looked up once, not for every answer (the RowDescription is still read and
 * compared, so a changed table is seen).
 */
const shapes = new WeakMap<pg.CustomTypesConfig, Map<string, Shape>>();

function shapeOf(types: pg.CustomTypesConfig, text: string, fields: FieldsMessage['fields']): Shape {
  let known = shapes.get(types);
  if (!known) shapes.set(types, (known = new Map<string, Shape>()));
  const cached = known.get(text);
  if (
    cached &&
    cached.names.length === fields.length &&
    fields.every((field, i) => field.name === cached.names[i] && field.dataTypeID === cached.oids[i])
  ) {
    return cached;
  }
  const shape: Shape = {
    names: fields.map((field) => field.name),
    oids: fields.map((field) => field.dataTypeID),
    parsers: fields.map(
      (field) =>
        types.getTypeParser(field.dataTypeID, field.format === 'binary' ? 'binary' : 'text') as (
          value: string,
        ) => unknown,
    ),
  };
  known.set(text, shape);
  return shape;
}

/** A statement's result: what the driver reads of pg's QueryResult (its command tag and rows). */
export interface StatementResult {
  command: string;
  rowCount: number | null;
  rows: Row[];
}

const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * A CommandComplete tag read as pg reads it ("INSERT 0 3", "UPDATE 1", "BEGIN"): the command is
 * the leading letters, and the row count the last of at most two numbers after it, each behind one
 * space (pg's /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/, without a regex match and its array per
 * statement).
 */
export function commandTag(text: string): { command: string; rowCount: number | null } {
  let at = 0;
  while (at < text.length && isLetter(text.charCodeAt(at))) at++;
  if (at === 0) return { command: '', rowCount: null };
  const command = text.slice(0, at);
  let rowCount: number | null = null;
  for (let group = 0; group < 2 && text.charCodeAt(at) === 32 && isDigit(text.charCodeAt(at + 1)); group++) {
    let end = at + 2;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    rowCount = Number(text.slice(at + 1, end));
    at = end;
  }
  return { command, rowCount };
}

/**
 * One batch, submitted to pg as a single query: pg runs its queries one after the other on the
 * connection (in pipeline mode, writing each as soon as it is queued), hands this one every answer
 * message up to its ReadyForQuery, and calls back once.
 *
 * pg takes a query object in pipeline mode only if it is a pg.Query (client.js refuses other
 * query classes there), so a Batch is one by its prototype (below), without running pg.Query's
 * constructor: that copies a config with property descriptors and makes a Result and an event
 * emitter, none of which a batch uses, for each round trip (docs/performance.md, "PostgreSQL:
 * where the time goes"). Every method pg calls on its active query while a batch is answered is
 * the batch's own; those it inherits (a portal suspended, a COPY) are for answers no statement of
 * ours gets.
 */
class Batch {
  /** Set by the constructor; pg's client wraps it with its read timeout. */
  callback: (error?: unknown) => void;
  private readonly done: StatementResult[] = [];
  /** The statement whose answer is being read (each ends with its CommandComplete). */
  private at = 0;
  private shape: Shape | undefined;
  /** The rows of that statement so far (not named rows: pg reads a query's rows as its paging option). */
  private collected: Row[] = [];
  private rowError: unknown;

  constructor(
    private readonly statements: readonly BoundStatement[],
    private readonly types: pg.CustomTypesConfig,
    finished: (outcome: BatchOutcome) => void,
  ) {
    let settled = false;
    // pg calls back with an error (ErrorResponse, or a connection lost) or, at ReadyForQuery,
    // without one; either way the results so far are this batch's.
    this.callback = (error?: unknown) => {
      if (settled) return;
      settled = true;
      const failure = error ?? this.rowError;
      finished(
        failure === undefined
          ? { results: this.done }
          : { results: this.done, error: failure, ranAll: error === undefined },
      );
    };
  }

  submit(connection: pg.Connection): void {
    const { stream } = connection as unknown as Wire;
    if (stream.writable) stream.write(encodeBatch(this.statements));
  }

  handleRowDescription(message: FieldsMessage): void {
    this.shape = shapeOf(this.types, this.statements[this.at]?.text ?? '', message.fields);
    this.collected = [];
  }

  handleDataRow(message: { fields: (string | null)[] }): void {
    const { shape } = this;
    if (this.rowError !== undefined || !shape) return;
    try {
      const row: Row = {};
      for (let i = 0; i < shape.names.length; i++) {
        const raw = message.fields[i];
        row[shape.names[i]] = raw === null || raw === undefined ? null : shape.parsers[i](raw);
      }
      this.collected.push(row);
    } catch (error) {
      // A value pg cannot read: the batch fails at this statement, once the server is done (it
      // runs the statements after it all the same: ranAll).
      this.rowError = error;
    }
  }

  handleCommandComplete(message: { text: string }): void {
    const { command, rowCount } = commandTag(message.text);
    const result = { command, rowCount, rows: this.collected };
    this.at++;
    this.shape = undefined;
    this.collected = [];
    if (this.rowError === undefined) this.done.push(result);
  }

  handleEmptyQuery(): void {
    // No statement of ours is empty; pg's answer to one would be a result without a command.
    this.handleCommandComplete({ text: '' });
  }

  /** An ErrorResponse, or the connection lost or timed out (pg's read timeout). */
  handleError(error: unknown): void {
    this.callback(error);
  }

  handleReadyForQuery(): void {
    this.callback();
  }
}
Object.setPrototypeOf(Batch.prototype, pg.Query.prototype);

/**
 * Sends the statements as one batch on the client (pg in pipeline mode, so it goes out behind
 * whatever was queued before it, in the same write when the caller corks the socket around both)
 * and answers the results of those that ran, and the first failure.
 */
export function sendBatch(
  client: pg.Client,
  statements: readonly BoundStatement[],
  types: pg.CustomTypesConfig,
): Promise<BatchOutcome> {
  return new Promise((resolve) => {
    void client.query(new Batch(statements, types, resolve));
  });
}

type Ddl = Extract<Step, { kind: 'ddl' }>;
type Begin = Extract<Step, { kind: 'begin' }>;
type Statement = Extract<Step, { kind: 'statement' }>;

/** How the driver writes its steps and reads their answers. */
export interface StepWriter {
  /** BEGIN and the transaction's limits: statements of the batch, without values. */
  begin(step: Begin): BoundStatement[];
  /** DDL, sent as a simple query (it may hold several statements). */
  ddl(step: Ddl): string;
  /** A statement's text and values; throws when it cannot be bound (a value missing). */
  bound(step: Statement): BoundStatement;
  /** A step's answer from its statements' results (the last one's, for a step of several). */
  answer(result: StatementResult | StatementResult[], step: Step): Answer;
}

const COMMIT: BoundStatement = { text: 'COMMIT', values: [] };
const ROLLED_BACK =
  'The server answered COMMIT with ROLLBACK: the transaction had failed earlier, and was rolled back.';

/**
 * One round trip: BEGIN and its limits, the statements and a COMMIT go as batches of one Sync
 * each, so that the server answers them in one flush; DDL is a simple query. Everything is queued
 * on pg's pipeline at once, inside one cork, so the round trip leaves in one write. A statement
 * that cannot be bound fails, and nothing from it on is sent: the steps after it fail with it, so
 * a COMMIT behind it never runs.
 */
export async function sendSteps(
  client: pg.Client,
  steps: readonly Step[],
  types: pg.CustomTypesConfig,
  writer: StepWriter,
): Promise<Outcome[]> {
  const pending: Promise<Outcome[]>[] = [];
  let unbound: { at: number; error: unknown } | undefined;
  let batch: { step: Step; bound: BoundStatement[] }[] = [];
  const sendQueued = () => {
    if (batch.length === 0) return;
    const sent = batch;
    batch = [];
    const answered = sendBatch(
      client,
      sent.flatMap((entry) => entry.bound),
      types,
    ).then(({ results, error, ranAll }) => {
      let next = 0;
      return sent.map(({ step, bound }): Outcome => {
        const first = next;
        next += bound.length;
        // A COMMIT behind a row that could not be read ran all the same: what it did is re-read.
        if (next > results.length && ranAll && step.kind === 'commit') {
          return { ok: false, error: new CommitOutcomeUnknown(error) };
        }
        if (next > results.length) return { ok: false, error };
        // A COMMIT of a transaction aborted in an earlier batch of the round trip (a DDL step
        // between them) is answered ROLLBACK, not an error: it committed nothing.
        if (step.kind === 'commit' && results[first].command !== 'COMMIT') {
          return { ok: false, error: new Error(ROLLED_BACK) };
        }
        return {
          ok: true,
          answer: writer.answer(bound.length === 1 ? results[first] : results.slice(first, next), step),
        };
      });
    });
    pending.push(answered);
  };
  const { stream } = client.connection;
  stream.cork();
  try {
    for (const [at, step] of steps.entries()) {
      if (step.kind === 'ddl') {
        sendQueued();
        pending.push(
          client.query<Row>(writer.ddl(step)).then(
            (result): Outcome[] => [{ ok: true, answer: writer.answer(result, step) }],
            (error: unknown): Outcome[] => [{ ok: false, error }],
          ),
        );
        continue;
      }
      try {
        const bound =
          step.kind === 'commit' ? [COMMIT] : step.kind === 'begin' ? writer.begin(step) : [writer.bound(step)];
        batch.push({ step, bound });
      } catch (error) {
        unbound = { at, error };
        break;
      }
    }
    sendQueued();
  } finally {
    stream.uncork();
  }
  const outcomes = (await Promise.all(pending)).flat();
  if (unbound) for (let at = unbound.at; at < steps.length; at++) outcomes.push({ ok: false, error: unbound.error });
  return outcomes;
}
