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
 * acknowledgement. SQL batches and RPCs (tedious's session settings, an inspection) are answered
 * with DONE and no rows.
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

export interface FakeTdsServer {
  port: number;
  /** LOGIN7 packets received, through TLS or not. */
  logins(): number;
  /** LOGIN7 packets received in clear, before any TLS. */
  clearLogins(): number;
  close(): Promise<void>;
}

const PRELOGIN = 0x12;
const LOGIN7 = 0x10;
const SQL_BATCH = 0x01;
const RPC = 0x03;
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

function errorToken(number: number): Buffer {
  const text = Buffer.from(
    MESSAGES[number] ?? `Database 'd' on server 'fake' is not currently available (fake error ${number}).`,
    'ucs2',
  );
  const server = Buffer.from('fake', 'ucs2');
  const body = Buffer.concat([
    i32le(number),
    u8(1),
    u8(14),
    u16le(text.length / 2),
    text,
    u8(server.length / 2),
    server,
    u8(0),
    i32le(1),
  ]);
  return Buffer.concat([u8(0xaa), u16le(body.length), body]);
}

function loginAck(): Buffer {
  const name = Buffer.from('Fake SQL', 'ucs2');
  const version = Buffer.alloc(4);
  version.writeUInt32BE(0x74000004);
  const body = Buffer.concat([u8(1), version, u8(name.length / 2), name, Buffer.from([16, 0, 0, 0])]);
  return Buffer.concat([u8(0xad), u16le(body.length), body]);
}

/** Splits a byte stream into whole TDS packets: calls each with its type and payload. */
function packetReader(onPacket: (type: number, payload: Buffer) => void): (chunk: Buffer) => void {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 8 && pending.length >= pending.readUInt16BE(2)) {
      const length = pending.readUInt16BE(2);
      onPacket(pending.readUInt8(0), pending.subarray(8, length));
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

  /** Answers the packets after the pre-login (and after TLS, when there is one). */
  const session = (write: (data: Buffer) => void, encrypted: boolean) => (type: number) => {
    if (type === LOGIN7) {
      const answer = options.answers[Math.min(logins, options.answers.length - 1)];
      logins += 1;
      if (!encrypted) clearLogins += 1;
      write(
        packets(
          TABULAR_RESULT,
          answer === 'ok'
            ? Buffer.concat([loginAck(), done(0)])
            : Buffer.concat([...answer.map(errorToken), done(0x02)]),
        ),
      );
    } else if (type === SQL_BATCH || type === RPC) write(packets(TABULAR_RESULT, done(0)));
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
      const answer = session((data) => tls.write(data), true);
      tls.on(
        'data',
        packetReader((type) => (type === PRELOGIN ? tls.write(preloginAnswer(0x02)) : answer(type))),
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
    const clear = session((data) => socket.write(data), false);
    const handshake = packetReader((type, payload) => {
      if (stage === 'prelogin' && type === PRELOGIN) {
        if (options.encryption === 'on') {
          stage = 'handshake';
          tls = new TLSSocket(wire, { isServer: true, secureContext: context });
          tls.on('error', () => socket.destroy());
          tls.on('secure', () => (secure = true));
          tls.on('data', packetReader(session((data) => tls?.write(data), true)));
          socket.write(preloginAnswer(0x01));
        } else {
          stage = 'clear';
          socket.write(preloginAnswer(0x02));
        }
      } else if (stage === 'handshake') wire.push(payload);
      else if (stage === 'clear') clear(type);
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
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
