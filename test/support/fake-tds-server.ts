/**
 * A fake SQL Server that speaks just enough TDS for a login, so that the SQL Server engine's
 * connection handling runs against real sockets where no SQL Server can run.
 *
 * Pre-login: it answers the client's PRELOGIN with an ENCRYPTION option of its choosing. `on`
 * (what a real server answers a client asking for encryption): the TLS handshake follows inside
 * PRELOGIN packets, as TDS 7 has it, with a certificate of a CA made for the test process, and
 * everything after it goes through TLS. `not-supported`: what a man in the middle answers to get
 * the login packet in clear; the server records every LOGIN7 it receives, in clear or not.
 * `strict`: TDS 8.0, TLS from the first byte (ALPN tds/8.0), then a pre-login answered NOT_SUP
 * inside it. The certificate is for 127.0.0.1 and localhost, signed by the CA fakeTdsCa() gives:
 * a test that trusts that CA has its certificate checked for real.
 *
 * Login: for each LOGIN7, the next of its scripted answers (the last repeats): error messages
 * with their numbers, in order (a refused database login sends 4060, then 18456), or a login
 * acknowledgement. The first SQL batch after a login (tedious's session settings) is answered with
 * DONE. Every request after it (a SQL batch or an RPC) is recorded, in order, with its text, and
 * answered with the next of the answers scripted with `answer()` (or made from the request's text
 * by a function scripted so): its result sets (columns typed from the values: whole numbers as
 * INT, booleans as BIT, anything else as NVARCHAR text), an error message with its number (after
 * result sets, for a batch that failed part way), a hang-up (the socket closed), silence until the client's
 * ATTENTION (which is acknowledged), or result sets sent late; DONE alone when none is left. A request that arrives before the
 * one before it is answered is recorded as an overlap (a connection takes one request at a time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { TLSSocket, createSecureContext } from 'node:tls';

/** A login answer: 'ok', or the error numbers the server sends before it refuses. */
export type LoginAnswer = 'ok' | number[];

/** What the server answers a request: result sets of rows, or an error it raises. */
export type RequestAnswer =
  | Array<Array<Record<string, unknown>>>
  | { error: number; message: string }
  /** Result sets, then an error (a batch that failed part way). */
  | { sets: Array<Array<Record<string, unknown>>>; error: number; message: string }
  /** The connection is closed instead of answered (a failover, a dropped network). */
  | 'hang-up'
  /** No answer until the client gives up: its ATTENTION is acknowledged (a request held by a lock). */
  | 'silence'
  /** The answer, that many ms late (a slow request). */
  | { delayMs: number; answer: Array<Array<Record<string, unknown>>> };

export interface FakeTdsServer {
  port: number;
  /** LOGIN7 packets received, through TLS or not. */
  logins(): number;
  /** LOGIN7 packets received in clear, before any TLS. */
  clearLogins(): number;
  /** The text of every request after the session's settings, in order (an RPC's as "RPC"). */
  requests: string[];
  /** Answers for the next requests, in order: each as it is, or made from the request's text. */
  answer(...answers: Array<RequestAnswer | ((text: string) => RequestAnswer)>): void;
  /** The answers scripted and not yet asked for. */
  unanswered(): number;
  /** Whether a request arrived while another was in flight. */
  overlapped(): boolean;
  close(): Promise<void>;
}

const PRELOGIN = 0x12;
const LOGIN7 = 0x10;
const SQL_BATCH = 0x01;
const RPC = 0x03;
const ATTENTION = 0x06;
const TABULAR_RESULT = 0x04;
const PACKET_PAYLOAD = 4096 - 8;

/** A CA made for the test process, and a certificate it signed for 127.0.0.1 and localhost. */
let certificates: { ca: string; key: Buffer; cert: Buffer } | undefined;
function serverCertificate(): { ca: string; key: Buffer; cert: Buffer } {
  if (!certificates) {
    const dir = mkdtempSync(join(tmpdir(), 'bfx-fake-tds-'));
    const file = (name: string) => join(dir, name);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
    try {
      openssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=bfx-begin test CA',
        '-keyout',
        file('ca.key'),
        '-out',
        file('ca.crt'),
      );
      openssl(
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-keyout',
        file('key.pem'),
        '-out',
        file('csr.pem'),
      );
      writeFileSync(file('ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
      openssl(
        'x509',
        '-req',
        '-in',
        file('csr.pem'),
        '-CA',
        file('ca.crt'),
        '-CAkey',
        file('ca.key'),
        '-CAcreateserial',
        '-days',
        '1',
        '-extfile',
        file('ext'),
        '-out',
        file('cert.pem'),
      );
      certificates = {
        ca: readFileSync(file('ca.crt'), 'utf8'),
        key: readFileSync(file('key.pem')),
        cert: readFileSync(file('cert.pem')),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return certificates;
}

/** The CA that signed the fake server's certificate: a test trusts it to check the certificate for real. */
export const fakeTdsCa = (): string => serverCertificate().ca;

const u8 = (value: number) => Buffer.from([value]);
const u16le = (value: number) => Buffer.from([value & 0xff, value >> 8]);
const i32le = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value);
  return b;
};

/** One message in packets of at most 4,096 bytes, the last marked end of message. */
function packets(type: number, payload: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at === 0 || at < payload.length; at += PACKET_PAYLOAD) {
    const chunk = payload.subarray(at, at + PACKET_PAYLOAD);
    const header = Buffer.alloc(8);
    header.writeUInt8(type, 0);
    header.writeUInt8(at + PACKET_PAYLOAD >= payload.length ? 0x01 : 0x00, 1);
    header.writeUInt16BE(8 + chunk.length, 2);
    header.writeUInt8(1, 6);
    parts.push(header, chunk);
  }
  return Buffer.concat(parts);
}

/** Options VERSION (6 bytes) and ENCRYPTION (1 byte), the terminator, then their data. */
function preloginAnswer(encryption: number): Buffer {
  const start = 5 + 5 + 1;
  const options = Buffer.alloc(start);
  options.writeUInt8(0x00, 0);
  options.writeUInt16BE(start, 1);
  options.writeUInt16BE(6, 3);
  options.writeUInt8(0x01, 5);
  options.writeUInt16BE(start + 6, 6);
  options.writeUInt16BE(1, 8);
  options.writeUInt8(0xff, 10);
  return packets(TABULAR_RESULT, Buffer.concat([options, Buffer.from([16, 0, 0, 0, 0, 0]), u8(encryption)]));
}

const done = (status: number) => Buffer.concat([u8(0xfd), u16le(status), u16le(0), Buffer.alloc(8)]);

const MESSAGES: Record<number, string> = {
  4060: 'Cannot open database "d" requested by the login. The login failed.',
  18456: "Login failed for user 'sa'.",
};

function errorToken(number: number, message?: string): Buffer {
  const text = Buffer.from(
    message ?? MESSAGES[number] ?? `Database 'd' on server 'fake' is not currently available (fake error ${number}).`,
    'ucs2',
  );
  const server = Buffer.from('fake', 'ucs2');
  const body = Buffer.concat([
    i32le(number),
    u8(1),
    u8(16),
    u16le(text.length / 2),
    text,
    u8(server.length / 2),
    server,
    u8(0),
    i32le(1),
  ]);
  return Buffer.concat([u8(0xaa), u16le(body.length), body]);
}

/** SQL_Latin1_General_CP1_CI_AS, the collation an NVARCHAR column carries (UTF-16 whatever it says). */
const COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);
type Kind = 'int' | 'bit' | 'text';
const kindOf = (value: unknown): Kind | undefined =>
  typeof value === 'boolean'
    ? 'bit'
    : typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31
      ? 'int'
      : value === null || value === undefined
        ? undefined
        : 'text';
const textOf = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

/** One result set: COLMETADATA, a ROW per row, DONE (more to come when `more`). */
function resultSet(rows: Array<Record<string, unknown>>, more: boolean): Buffer {
  const names = rows.length > 0 ? Object.keys(rows[0]) : ['empty'];
  const kinds = names.map((name): Kind => rows.map((row) => kindOf(row[name])).find((k) => k !== undefined) ?? 'text');
  const columns = names.map((name, i) => {
    const type =
      kinds[i] === 'int'
        ? Buffer.from([0x26, 4])
        : kinds[i] === 'bit'
          ? Buffer.from([0x68, 1])
          : Buffer.concat([u8(0xe7), u16le(8000), COLLATION]);
    const colName = Buffer.from(name, 'ucs2');
    return Buffer.concat([i32le(0), u16le(0x0001), type, u8(name.length), colName]);
  });
  const values = rows.map((row) =>
    Buffer.concat([
      u8(0xd1),
      ...names.map((name, i) => {
        const value = row[name];
        if (value === null || value === undefined) return kinds[i] === 'text' ? u16le(0xffff) : u8(0);
        if (kinds[i] === 'int') return Buffer.concat([u8(4), i32le(value as number)]);
        if (kinds[i] === 'bit') return Buffer.from([1, value ? 1 : 0]);
        const text = Buffer.from(textOf(value), 'ucs2');
        return Buffer.concat([u16le(text.length), text]);
      }),
    ]),
  );
  const count = Buffer.alloc(8);
  count.writeUInt32LE(rows.length);
  const doneToken = Buffer.concat([u8(0xfd), u16le((more ? 0x01 : 0) | 0x10), u16le(0xc1), count]);
  return Buffer.concat([u8(0x81), u16le(names.length), ...columns, ...values, doneToken]);
}

/** The tokens answering a request. */
function requestAnswer(
  answer:
    | Array<Array<Record<string, unknown>>>
    | { sets?: Array<Array<Record<string, unknown>>>; error: number; message: string }
    | undefined,
): Buffer {
  if (answer === undefined || (Array.isArray(answer) && answer.length === 0)) return done(0);
  if (!Array.isArray(answer)) {
    const sets = (answer.sets ?? []).map((rows) => resultSet(rows, true));
    return Buffer.concat([...sets, errorToken(answer.error, answer.message), done(0x02)]);
  }
  return Buffer.concat(answer.map((rows, i) => resultSet(rows, i < answer.length - 1)));
}

function loginAck(): Buffer {
  const name = Buffer.from('Fake SQL', 'ucs2');
  const version = Buffer.alloc(4);
  version.writeUInt32BE(0x74000004);
  const body = Buffer.concat([u8(1), version, u8(name.length / 2), name, Buffer.from([16, 0, 0, 0])]);
  return Buffer.concat([u8(0xad), u16le(body.length), body]);
}

/** Splits a byte stream into whole TDS packets: calls each with its type, payload, and whether it ends its message. */
function packetReader(onPacket: (type: number, payload: Buffer, last: boolean) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 8 && pending.length >= pending.readUInt16BE(2)) {
      const length = pending.readUInt16BE(2);
      onPacket(pending.readUInt8(0), pending.subarray(8, length), (pending.readUInt8(1) & 0x01) === 0x01);
      pending = pending.subarray(length);
    }
  };
}

export async function fakeTdsServer(options: {
  encryption: 'on' | 'not-supported' | 'strict';
  answers: LoginAnswer[];
}): Promise<FakeTdsServer> {
  let logins = 0;
  let clearLogins = 0;
  const context =
    options.encryption === 'not-supported'
      ? undefined
      : createSecureContext({ key: serverCertificate().key, cert: serverCertificate().cert });
  const sockets = new Set<Socket>();

  const requests: string[] = [];
  const answers: Array<RequestAnswer | ((text: string) => RequestAnswer)> = [];
  let inFlight = false;
  let overlapped = false;

  /** Answers the messages after the pre-login (and after TLS, when there is one), packet by packet. */
  const session = (write: (data: Buffer) => void, encrypted: boolean, hangUp: () => void) => {
    let message: Buffer[] = [];
    let settled = false;
    return (type: number, payload: Buffer, last: boolean) => {
      message.push(payload);
      if (!last) return;
      const whole = Buffer.concat(message);
      message = [];
      if (type === LOGIN7) {
        const answer = options.answers[Math.min(logins, options.answers.length - 1)];
        logins += 1;
        if (!encrypted) clearLogins += 1;
        write(
          packets(
            TABULAR_RESULT,
            answer === 'ok'
              ? Buffer.concat([loginAck(), done(0)])
              : Buffer.concat([...answer.map((number) => errorToken(number)), done(0x02)]),
          ),
        );
      } else if (type === ATTENTION) {
        // The request in flight is cancelled: its response ends, then DONE with the attention flag
        // acknowledges the cancel, in a message of its own (as tedious reads them).
        inFlight = false;
        write(packets(TABULAR_RESULT, done(0)));
        write(packets(TABULAR_RESULT, done(0x20)));
      } else if (type === SQL_BATCH || type === RPC) {
        if (!settled) {
          // tedious's session settings, sent once after the login.
          settled = true;
          write(packets(TABULAR_RESULT, done(0)));
          return;
        }
        // A SQL batch: ALL_HEADERS (its length first), then the text in UTF-16.
        const text = type === RPC ? 'RPC' : whole.subarray(whole.readUInt32LE(0)).toString('ucs2');
        requests.push(text);
        if (inFlight) overlapped = true;
        inFlight = true;
        const next = answers.shift();
        const answer = typeof next === 'function' ? next(text) : next;
        if (answer === 'silence') return;
        const [delayMs, sent] =
          typeof answer === 'object' && 'delayMs' in answer ? [answer.delayMs, answer.answer] : [2, answer];
        // Answered on a later turn, so that a request sent meanwhile is seen as an overlap.
        setTimeout(() => {
          if (!inFlight) return; // cancelled meanwhile
          inFlight = false;
          if (sent === 'hang-up') hangUp();
          else write(packets(TABULAR_RESULT, requestAnswer(sent)));
        }, delayMs);
      }
    };
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (options.encryption === 'strict') {
      // TDS 8.0: TLS from the first byte; inside it, a pre-login whose answer says nothing of
      // encryption (NOT_SUP: the connection is encrypted already), then the login.
      const tls = new TLSSocket(socket, { isServer: true, secureContext: context, ALPNProtocols: ['tds/8.0'] });
      tls.on('error', () => socket.destroy());
      const answer = session(
        (data) => tls.write(data),
        true,
        () => socket.destroy(),
      );
      tls.on(
        'data',
        packetReader((type, payload, last) =>
          type === PRELOGIN ? tls.write(preloginAnswer(0x02)) : answer(type, payload, last),
        ),
      );
      return;
    }
    let stage: 'prelogin' | 'handshake' | 'tls' | 'clear' = 'prelogin';
    let tls: TLSSocket | undefined;
    /** The TLS records the server side wrote and has not sent yet. */
    let outgoing: Buffer[] = [];
    let secure = false;
    const wire = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        if (stage === 'tls') socket.write(chunk);
        else {
          // During the handshake, each client message gets one PRELOGIN message back.
          if (outgoing.length === 0) {
            setTimeout(() => {
              const data = Buffer.concat(outgoing);
              outgoing = [];
              socket.write(packets(PRELOGIN, data));
              if (secure) stage = 'tls';
            }, 20);
          }
          outgoing.push(chunk);
        }
        callback();
      },
    });
    const clear = session(
      (data) => socket.write(data),
      false,
      () => socket.destroy(),
    );
    const handshake = packetReader((type, payload, last) => {
      if (stage === 'prelogin' && type === PRELOGIN) {
        if (options.encryption === 'on') {
          stage = 'handshake';
          tls = new TLSSocket(wire, { isServer: true, secureContext: context });
          tls.on('error', () => socket.destroy());
          tls.on('secure', () => (secure = true));
          tls.on(
            'data',
            packetReader(
              session(
                (data) => tls?.write(data),
                true,
                () => socket.destroy(),
              ),
            ),
          );
          socket.write(preloginAnswer(0x01));
        } else {
          stage = 'clear';
          socket.write(preloginAnswer(0x02));
        }
      } else if (stage === 'handshake') wire.push(payload);
      else if (stage === 'clear') clear(type, payload, last);
    });
    socket.on('data', (chunk: Buffer) => {
      if (stage === 'tls') wire.push(chunk);
      else handshake(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    logins: () => logins,
    clearLogins: () => clearLogins,
    requests,
    answer: (...more) => void answers.push(...more),
    unanswered: () => answers.length,
    overlapped: () => overlapped,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
