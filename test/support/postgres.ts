/**
 * A throwaway PostgreSQL cluster for the tests, from Debian's postgresql package
 * (scripts/install-test-deps.sh installs it; `npm test` runs that first).
 *
 * initdb + pg_ctl in a temp directory, listening on a free loopback port only. PostgreSQL refuses
 * to run as root, so when the tests run as root (CI) the server runs as the `postgres` system
 * user the Debian package creates, via `runuser -u postgres --`, in a data directory it owns.
 *
 * Two roles: the superuser `postgres` (trust auth on loopback, used by the tests) and `bfx_pw`,
 * which must give its password (scram-sha-256), so that a wrong-password test is real.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const PASSWORD_USER = 'bfx_pw';
export const PASSWORD = 'S3cret-Pa55word!';

export interface Cluster {
  host: string;
  port: number;
  /** A connection string as the superuser (trust auth), to the given database. */
  url(database?: string): string;
  /** A fresh, empty database; returns its connection string (superuser). */
  createDatabase(): Promise<string>;
  /** Runs SQL as the superuser in a database (default: postgres). */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    values?: unknown[],
    database?: string,
  ): Promise<T[]>;
  /** Stops the server (fast shutdown: sessions are terminated), keeping its data. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port after stop(). */
  start(): Promise<void>;
  /** Stops the server for good and removes its files. */
  destroy(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory, or a clear failure. */
export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((version) => existsSync(join(root, version, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'The PostgreSQL tests need a PostgreSQL server, and none is installed under /usr/lib/postgresql/*/bin: ' +
        'run `bash scripts/install-test-deps.sh` (or `sudo apt-get install postgresql`), then rerun the tests.',
    );
  }
  return join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'bfx-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error(
        'The PostgreSQL tests run as root, and PostgreSQL refuses to: they run the server as the `postgres` system user, ' +
          "which does not exist here. Install Debian's postgresql package (bash scripts/install-test-deps.sh).",
      );
    });
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);

  await pgRun('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Loopback only; trust for the superuser and the tests' own roles, a real password check for bfx_pw.
  const hba = [
    'local all all trust',
    `host all ${PASSWORD_USER} 127.0.0.1/32 scram-sha-256`,
    'host all all 127.0.0.1/32 trust',
  ].join('\n');
  writeFileSync(join(dir, 'pg_hba.conf'), `${hba}\n`, { mode: 0o644 });

  let port = await freePort();
  const options = () =>
    [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      `-c hba_file=${join(dir, 'pg_hba.conf')}`,
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
    ].join(' ');
  const start = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await pgRun('pg_ctl', ['-D', data, '-l', log, '-o', options(), '-w', '-t', '60', 'start']);
        return;
      } catch (error) {
        // Another process may have taken the port between freePort() and the server's bind.
        if (attempt >= 3)
          throw new Error(`The test PostgreSQL server did not start (log: ${log}): ${(error as Error).message}`, {
            cause: error,
          });
        port = await freePort();
      }
    }
  };
  await start();

  const host = '127.0.0.1';
  const url = (database = 'postgres') => `postgres://postgres@${host}:${port}/${database}`;
  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = [], database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  // scram-sha-256, as pg_hba.conf asks (the default only from PostgreSQL 14).
  await sql(`SET password_encryption = 'scram-sha-256'; CREATE ROLE ${PASSWORD_USER} LOGIN PASSWORD '${PASSWORD}'`);
  const [{ version }] = await sql<{ version: number }>(
    `SELECT current_setting('server_version_num')::int / 10000 AS version`,
  );

  let databases = 0;
  let stopped = false;
  return {
    host,
    get port() {
      return port;
    },
    url,
    sql,
    async createDatabase() {
      const name = `bfx_test_${++databases}`;
      // FILE_COPY (PostgreSQL 15+) is the faster way to copy a tiny template.
      await sql(`CREATE DATABASE ${name} TEMPLATE template0${version >= 15 ? ' STRATEGY file_copy' : ''}`);
      return url(name);
    },
    async stop(mode = 'fast') {
      await pgRun('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      stopped = true;
    },
    async start() {
      await pgRun('pg_ctl', ['-D', data, '-l', log, '-o', options(), '-w', '-t', '60', 'start']);
      stopped = false;
    },
    async destroy() {
      if (!stopped) await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
