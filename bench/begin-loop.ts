/**
 * A worker thread that begins and ends random packages one after another, 20 ms apart, as other
 * runners would (its own event loop, its own connection: on SQLite it waits on the file's lock like
 * another process), recording each begin's latency, until it is sent 'stop'. bench/purge.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCatalog } from '../src/catalog/connect.js';
import { end } from '../src/run-control/index.js';
import { begin } from '../test/support/requests.js';
import { beginRequest, OPTIONS } from './postgres.js';

/** Between one cycle's end and the next begin: some 30 begins a second with the cycle itself. */
const PAUSE_MS = 20;

const { connectionString, packages, tag } = workerData as { connectionString: string; packages: number; tag: string };
const catalog = await openCatalog(connectionString, { ...OPTIONS, createCatalog: false });
let stopped = false;
parentPort!.on('message', () => {
  stopped = true;
});
parentPort!.postMessage({ ready: true });
const latencies: number[] = [];
for (let i = 0; !stopped; i++) {
  const packageName = `pkg-${1 + Math.floor(Math.random() * packages)}`;
  const runKey = `purge-bench:${tag}:${i}`;
  const t0 = performance.now();
  const begun = await begin(catalog, beginRequest(packageName, runKey));
  latencies.push(performance.now() - t0);
  await end(catalog, { executionId: begun.executionId, outcome: 'success', message: null, caller: { runKey } });
  // Paced as a busy catalog's runners are (and so that the 'stop' message is heard).
  await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
await catalog.close();
parentPort!.postMessage({ latencies });
