/**
 * A run-control call in a process of its own, for the contract tests that need a second client of
 * the catalog: a lock held in the test process must make this process wait, whatever the engine
 * (an in-process SQLite call would block the test's own event loop on the busy timeout).
 *
 * Child side: `node --import tsx test/support/catalog-process.ts '<json call>'` prints the result
 * as JSON. Parent side: runInProcess() spawns it and exposes whether it has finished.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CatalogEngine, PackageTransaction } from '../../src/catalog/catalog.js';
import type { EndCaller, Outcome } from '../../src/decision.js';
import { NO_CONTEXT } from './requests.js';

export type ProcessCall = (
  | {
      op: 'begin';
      connectionString: string;
      packageName: string;
      runKey: string;
      retryLimit?: number;
      parentExecutionId?: string;
    }
  | { op: 'end'; connectionString: string; executionId: string; outcome: Outcome; caller: EndCaller }
) & {
  /**
   * Stop inside the transaction, its writes sent and COMMIT not yet, say so on stderr (HOLD_MARK)
   * and wait there: for a test that kills the process mid-transaction.
   */
  holdAtCommit?: boolean;
};

/** What a process told to hold at its commit writes on stderr once it is there. */
export const HOLD_MARK = 'bfx-test: holding at commit';

export interface CatalogProcess<T> {
  /** Settles with the call's result, or rejects with the process's stderr. */
  result: Promise<T>;
  /** Whether the process has exited. */
  finished(): boolean;
  /** Settles when a process told to hold at its commit is holding there (never, if it is not). */
  holding: Promise<void>;
  /** SIGKILL: the process ends at once, whatever it is doing. */
  kill(): void;
}

const SELF = fileURLToPath(import.meta.url);
const OPTIONS = { createCatalog: true, connectTimeoutMs: 15_000, requestTimeoutMs: 30_000 };

export function runInProcess<T = Record<string, unknown>>(call: ProcessCall): CatalogProcess<T> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, JSON.stringify(call)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // No tsx cache: it would be a folder left in the temp directory after the tests.
    env: { ...process.env, TSX_DISABLE_CACHE: '1' },
  });
  let stdout = '';
  let stderr = '';
  let exited = false;
  let held = () => {};
  const holding = new Promise<void>((resolve) => (held = resolve));
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.includes(HOLD_MARK)) held();
  });
  const result = new Promise<T>((resolve, reject) =>
    child.on('close', (code) => {
      exited = true;
      if (code === 0) resolve(JSON.parse(stdout) as T);
      else reject(new Error(`catalog process exited ${code}: ${stderr}`));
    }),
  );
  result.catch(() => {});
  return { result, finished: () => exited, holding, kill: () => child.kill('SIGKILL') };
}

async function child(call: ProcessCall): Promise<unknown> {
  const { withCatalog } = await import('../../src/catalog/connect.js');
  const { begin, end } = await import('../../src/run-control/index.js');
  return withCatalog<unknown>(call.connectionString, OPTIONS, (opened) => {
    const catalog = call.holdAtCommit ? holdingAtCommit(opened) : opened;
    return call.op === 'begin'
      ? begin(catalog, {
          packageName: call.packageName,
          retryLimit: call.retryLimit,
          parentExecutionId: call.parentExecutionId,
          runKey: call.runKey,
          context: NO_CONTEXT,
        })
      : end(catalog, { executionId: call.executionId, outcome: call.outcome, message: null, caller: call.caller });
  });
}

/** The catalog, its transactions stopping at their commit until the process is killed. */
function holdingAtCommit(catalog: CatalogEngine): CatalogEngine {
  const transaction: CatalogEngine['transaction'] = (lock, what, work) =>
    catalog.transaction(lock, what, (tx) =>
      work(
        Object.assign(Object.create(tx) as PackageTransaction, {
          commit: async () => {
            process.stderr.write(`${HOLD_MARK}\n`);
            // A timer keeps the process alive (a bare pending promise would let it exit) until it is killed.
            await new Promise((resolve) => setTimeout(resolve, 2 ** 31 - 1));
          },
        }),
      ),
    );
  return Object.assign(Object.create(catalog) as CatalogEngine, { transaction });
}

if (process.argv[1] === SELF) {
  process.stdout.write(JSON.stringify(await child(JSON.parse(process.argv[2]) as ProcessCall)));
}
