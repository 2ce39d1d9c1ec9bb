/**
 * A TCP proxy in front of PostgreSQL that loses the answer to a COMMIT: once armed, it lets the
 * next COMMIT a client sends through, waits until the server has answered it (CommandComplete
 * COMMIT: the transaction is committed), and then drops the connection instead of passing the
 * answer on. The client sees a lost connection after COMMIT was sent: the commit's outcome is
 * unknown to it, though it took effect. Or it holds a COMMIT (its answer, or the COMMIT itself)
 * with the connection open, until the client gives up at its request timeout. Plain TCP only (no
 * TLS).
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface CommitDropProxy {
  port: number;
  /**
   * Loses the answer to the next COMMIT any client sends. With `meanwhile`, what happens between
   * the lost answer and the client's next attempt: it runs once the connection is dropped (on
   * connections of its own, not through the proxy), and every connection opened through the proxy
   * waits for it to finish before it reaches the server.
   */
  dropNextCommit(meanwhile?: () => Promise<unknown>): void;
  /**
   * Holds the next COMMIT any client sends, keeping the connection open: 'answer' lets it reach
   * the server (which commits) and never passes the server's answer on; 'request' never passes
   * the COMMIT (and what follows it) on to the server, which commits nothing. Either way the
   * client waits for an answer until its own request timeout.
   */
  holdNextCommit(what: 'answer' | 'request'): void;
  /** The next COMMIT is answered after all (none came since dropNextCommit). */
  cancel(): void;
  /** How many connections were dropped after their COMMIT was answered. */
  drops(): number;
  /** How many COMMITs (or their answers) were held. */
  holds(): number;
  close(): Promise<void>;
}

/** Splits a byte stream into protocol messages; a client's first message (startup) has no type byte. */
function messages(untypedFirst: boolean, onMessage: (type: string, body: Buffer, raw: Buffer) => void) {
  let buffer = Buffer.alloc(0);
  let untyped = untypedFirst;
  return (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = untyped ? 4 : 5;
      if (buffer.length < header) return;
      const length = untyped ? buffer.readUInt32BE(0) : 1 + buffer.readUInt32BE(1);
      if (buffer.length < length) return;
      const raw = buffer.subarray(0, length);
      onMessage(untyped ? 'startup' : String.fromCharCode(raw[0]), raw.subarray(header), raw);
      buffer = buffer.subarray(length);
      untyped = false;
    }
  };
}

/** The SQL text of a simple Query ('Q') or of a Parse ('P': statement name, then the text). */
function queryText(type: string, body: Buffer): string | undefined {
  if (type === 'Q') return body.toString('utf8', 0, body.indexOf(0));
  if (type === 'P') {
    const start = body.indexOf(0) + 1;
    return body.toString('utf8', start, body.indexOf(0, start));
  }
  return undefined;
}

export async function startCommitDropProxy(targetPort: number): Promise<CommitDropProxy> {
  const sockets = new Set<Socket>();
  let armed = false;
  let hold: 'answer' | 'request' | undefined;
  let dropped = 0;
  let held = 0;
  let meanwhile: (() => Promise<unknown>) | undefined;
  /** What a new connection waits for before it reaches the server (the meanwhile of the last drop). */
  let gate: Promise<unknown> = Promise.resolve();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.pause();
    void gate.then(() => connected(client));
  });
  const connected = (client: Socket) => {
    if (client.destroyed) return;
    const upstream = createConnection(targetPort, '127.0.0.1');
    sockets.add(upstream);
    let dropOnCommitAnswer = false;
    /** 'answer': nothing more from the server reaches the client; 'request': nothing more from the client reaches the server. */
    let holding: 'answer' | 'request' | 'armed-answer' | undefined;
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    const fromClient = messages(true, (type, body, raw) => {
      const commit = queryText(type, body)?.trim().toUpperCase() === 'COMMIT';
      if (commit && armed) {
        armed = false;
        dropOnCommitAnswer = true;
      }
      if (commit && hold) {
        held++;
        holding = hold === 'answer' ? 'armed-answer' : 'request';
        hold = undefined;
      }
      if (holding !== 'request') upstream.write(raw);
    });
    const fromServer = messages(false, (type, body, raw) => {
      if (client.destroyed || holding === 'answer') return;
      const committed = type === 'C' && body.toString('utf8', 0, body.indexOf(0)) === 'COMMIT';
      if (holding === 'armed-answer' && committed) {
        holding = 'answer';
        return;
      }
      if (dropOnCommitAnswer && committed) {
        dropped++;
        if (meanwhile) {
          const run = meanwhile;
          meanwhile = undefined;
          // Failures are the test's to see: the gate opens either way.
          gate = run().then(
            () => undefined,
            (error: unknown) => {
              console.error('commit-drop proxy: what ran meanwhile failed:', error);
            },
          );
        }
        closeBoth();
        return;
      }
      client.write(raw);
    });
    client.on('data', fromClient);
    upstream.on('data', fromServer);
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
    client.resume();
  };
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as { port: number }).port,
    dropNextCommit: (then) => {
      armed = true;
      meanwhile = then;
    },
    holdNextCommit: (what) => {
      hold = what;
    },
    cancel: () => {
      armed = false;
      hold = undefined;
      meanwhile = undefined;
    },
    drops: () => dropped,
    holds: () => held,
    close: () =>
      new Promise((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}
