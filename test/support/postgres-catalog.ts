/** Shared pieces of the PostgreSQL tests (test/catalog/postgres): the bundled CLI as a process, a latency proxy, catalog reads. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import type { Cluster } from './postgres.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** The shipped CLI bundle (npm run build); BFX_CLI may point the tests at another build. */
export const CLI = process.env.BFX_CLI ?? join(ROOT, 'dist/cli/index.js');

/** The process tests need a bundle that has the PostgreSQL engine: fail clearly on a stale dist/. */
export function requireCli(): void {
  if (!existsSync(CLI))
    throw new Error(
      `The PostgreSQL process tests run the bundled CLI ${CLI}, which is missing: run npm run build first.`,
    );
  // The entry file imports the shared bundle next to its folder (scripts/build.mjs); older builds kept it beside.
  const bundled = [dirname(CLI), dirname(dirname(CLI))].some((dir) =>
    readdirSync(dir).some(
      (name) => name.endsWith('.js') && readFileSync(join(dir, name), 'utf8').includes('pg_advisory_xact_lock'),
    ),
  );
  if (!bundled)
    throw new Error(
      `The bundled CLI ${CLI} has no PostgreSQL engine (dist/ is older than src/): run npm run build first.`,
    );
}

export interface CliRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `node dist/cli/index.js ...args`; killAfterMs sends SIGKILL after that long; spawned gets
 * the process id (to kill it at a moment of the test's choosing).
 */
export function runBundledCli(
  args: string[],
  options: { killAfterMs?: number; env?: Record<string, string>; spawned?: (pid: number) => void } = {},
): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, BFX_CONNECTION_STRING: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) options.spawned?.(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer =
    options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  return new Promise((done) =>
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      done({ exitCode, signal, stdout, stderr, ms: performance.now() - started });
    }),
  );
}

/** Every Execution row, in ExecutionID order, as a user's report would read it. */
export async function postgresExecutions(cluster: Cluster, database: string) {
  return cluster.sql<{
    executionid: string;
    packagename: string;
    executionstatus: string;
    nextloadstatus: string;
    retrycount: number;
    endtime: Date | null;
    runkey: string | null;
    errormessage: string | null;
  }>(
    `SELECT e.ExecutionID, p.PackageName, e.ExecutionStatus, e.NextLoadStatus, e.RetryCount, e.EndTime, e.RunKey, e.ErrorMessage
       FROM bfx.Execution e JOIN bfx.Package p ON p.PackageID = e.PackageID ORDER BY e.ExecutionID`,
    [],
    database,
  );
}

/** Packages with more than one active execution: must always be empty. */
export async function doubleActive(cluster: Cluster, database: string) {
  return cluster.sql(
    `SELECT PackageID, count(*) AS n FROM bfx.Execution WHERE EndTime IS NULL GROUP BY PackageID HAVING count(*) > 1`,
    [],
    database,
  );
}

export const databaseOf = (url: string) => new URL(url).pathname.slice(1);

/**
 * A TCP proxy adding a fixed delay each way, so that a request's time shows how many round trips
 * it takes: elapsed / (2 * delayMs), rounded.
 */
export async function delayProxy(
  targetPort: number,
  delayMs: number,
): Promise<{ port: number; connections(): number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const forward = (from: Socket, to: Socket) => {
    from.on('data', (chunk) => setTimeout(() => to.destroyed || to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
  };
  const server: Server = createServer((client) => {
    accepted++;
    const upstream = createConnection(targetPort, '127.0.0.1');
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client).add(upstream);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => accepted,
    close: () =>
      new Promise((closed) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => closed());
      }),
  };
}
