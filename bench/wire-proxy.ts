/**
 * A TCP proxy in front of PostgreSQL that reads the wire protocol going both ways, to count what a
 * catalog call costs on the wire:
 *
 * - round trips: a client message sent while every request it had sent was already answered
 *   (each Sync or simple Query answered by a ReadyForQuery handed to the client) starts a new
 *   round trip; messages sent while answers are still outstanding are pipelined into the current
 *   one. A client that writes one pipeline in several pieces can be descheduled between them on a
 *   busy machine while the server answers the first: without a delay (below), the rest then looks
 *   like a new round trip; holding the answers some ms makes that unlikely;
 * - statements: Execute and simple Query messages;
 * - transactions: ReadyForQuery messages reporting the session idle ('I') after statements ran,
 *   i.e. a COMMIT or ROLLBACK of an explicit transaction, or the end of an implicit one.
 *
 * With `roundTripMs`, it also stands for a network between the two: every chunk of bytes, in each
 * direction, is forwarded half of that later than it arrived, in order, so a request and its answer
 * cost one round trip of `roundTripMs` on top of the server's own time. Messages sent together
 * (pipelined) share the delay, as packets on a real link do; the link's bandwidth is not modelled.
 * Connecting to the proxy itself is immediate: only what goes through it waits (the startup
 * exchange included), so a TCP handshake's round trip is not counted.
 *
 * The proxy assumes no TLS (the bench cluster is on loopback without it).
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface WireCounts {
  roundTrips: number;
  statements: number;
  transactions: number;
}

export interface WireProxy {
  port: number;
  counts: WireCounts;
  reset(): void;
  close(): Promise<void>;
}

/** Splits a byte stream into protocol messages; the client's first message has no type byte. */
class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  constructor(
    private untypedFirst: boolean,
    private readonly onMessage: (type: string, body: Buffer) => void,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.untypedFirst) {
        if (this.buffer.length < 4) return;
        const length = this.buffer.readUInt32BE(0);
        if (this.buffer.length < length) return;
        this.onMessage('startup', this.buffer.subarray(4, length));
        this.buffer = this.buffer.subarray(length);
        this.untypedFirst = false;
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = this.buffer.readUInt32BE(1);
      if (this.buffer.length < 1 + length) return;
      this.onMessage(String.fromCharCode(this.buffer[0]), this.buffer.subarray(5, 1 + length));
      this.buffer = this.buffer.subarray(1 + length);
    }
  }
}

export interface WireProxyOptions {
  /** Added to every round trip: each direction's bytes are held half of it (default 0). */
  roundTripMs?: number;
}

/**
 * Passes chunks to `forward` `delayMs` after they were pushed, in the order they were pushed (one
 * timer at a time, for the oldest chunk still held).
 */
function delayed(delayMs: number, forward: (chunk: Buffer) => void): (chunk: Buffer) => void {
  if (delayMs <= 0) return forward;
  const held: { due: number; chunk: Buffer }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const now = performance.now();
    while (held.length > 0 && held[0].due <= now) forward(held.shift()!.chunk);
    if (held.length > 0) timer = setTimeout(flush, held[0].due - now);
  };
  return (chunk) => {
    held.push({ due: performance.now() + delayMs, chunk });
    timer ??= setTimeout(flush, delayMs);
  };
}

export async function startWireProxy(
  targetHost: string,
  targetPort: number,
  { roundTripMs = 0 }: WireProxyOptions = {},
): Promise<WireProxy> {
  const counts: WireCounts = { roundTrips: 0, statements: 0, transactions: 0 };
  const sockets = new Set<Socket>();

  const server: Server = createServer((client) => {
    const upstream = createConnection({ host: targetHost, port: targetPort });
    sockets.add(client).add(upstream);
    // As pg does on its own socket: no Nagle delay, which would add up to tens of ms to small writes.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    // Syncs and simple Queries awaiting their ReadyForQuery (the startup message counts as one),
    // and whether extended-protocol messages were sent that no Sync has closed yet.
    let pending = 0;
    let openBatch = false;
    // Statements since the session was last reported idle: a transaction ended only if there were some.
    let statementsSinceIdle = 0;
    const fromClient = new MessageReader(true, (type) => {
      if (type === 'startup') {
        counts.roundTrips++; // connecting: one more for each authentication exchange (none with trust)
        pending++;
        return;
      }
      if (type === 'X') return; // Terminate
      if (pending === 0 && !openBatch) counts.roundTrips++;
      if (type === 'E' || type === 'Q') {
        counts.statements++;
        statementsSinceIdle++;
      }
      if (type === 'S' || type === 'Q') {
        pending++;
        openBatch = false;
      } else if (type !== 'p') {
        openBatch = true;
      }
    });
    const fromServer = new MessageReader(false, (type, body) => {
      if (type !== 'Z') return;
      pending = Math.max(0, pending - 1);
      if (body[0] === 0x49 /* 'I' */ && statementsSinceIdle > 0) {
        counts.transactions++;
        statementsSinceIdle = 0;
      }
    });
    // The client's messages are read as they arrive, the server's as they are handed to the client:
    // a message the client sent before an answer reached it cannot have waited for that answer.
    const toUpstream = delayed(roundTripMs / 2, (chunk) => upstream.write(chunk));
    const toClient = delayed(roundTripMs / 2, (chunk) => {
      fromServer.push(chunk);
      client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      fromClient.push(chunk);
      toUpstream(chunk);
    });
    upstream.on('data', toClient);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    counts,
    reset() {
      counts.roundTrips = 0;
      counts.statements = 0;
      counts.transactions = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
