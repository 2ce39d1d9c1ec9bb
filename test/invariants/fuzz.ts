/**
 * `npm run fuzz`: the invariant histories of test/invariants, many more of them than `npm test`
 * runs, on SQLite and a throwaway PostgreSQL cluster (and SQL Server when BFX_TEST_MSSQL is set).
 * Prints, per engine, how many histories and steps ran and how long they took, and every
 * violation with its seed and shrunk history; exits 1 when one was found.
 *
 *   BFX_FUZZ_RUNS     histories per engine (default 1000)
 *   BFX_FUZZ_SEED     the seed (default: a new one, printed)
 *   BFX_FUZZ_STEPS    the longest history, in steps (default 40)
 *   BFX_FUZZ_KILLS    histories per engine with killed processes (default BFX_FUZZ_RUNS / 100)
 *   BFX_FUZZ_BURSTS   0: no concurrent bursts (default 1)
 *   BFX_FUZZ_ENGINES  a comma list of sqlite, postgres, mssql (default sqlite,postgres, and mssql with BFX_TEST_MSSQL)
 *   BFX_FUZZ_PATH     with BFX_FUZZ_SEED: replay one failing history (the path it printed)
 *   BFX_FUZZ_REPLAY   with them: the replayPath="..." printed after that history's steps
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../support/postgres.js';
import { runHistories, type HistoryOptions } from './histories.js';
import { closeTarget, openTarget, type Target } from './world.js';

const env = process.env;
const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const runs = number('BFX_FUZZ_RUNS', 1000);
const seed = number('BFX_FUZZ_SEED', Date.now() % 2 ** 31);
const maxSteps = number('BFX_FUZZ_STEPS', 40);
const killRuns = number('BFX_FUZZ_KILLS', Math.floor(runs / 100));
const bursts = env.BFX_FUZZ_BURSTS !== '0';
const path = env.BFX_FUZZ_PATH || undefined;
const replayPath = env.BFX_FUZZ_REPLAY || undefined;
const engines = (env.BFX_FUZZ_ENGINES ?? `sqlite,postgres${env.BFX_TEST_MSSQL ? ',mssql' : ''}`).split(',');

async function engineTarget(engine: string, cleanUp: (() => Promise<void>)[]): Promise<Target> {
  switch (engine) {
    case 'sqlite': {
      const dir = mkdtempSync(join(tmpdir(), 'bfx-fuzz-'));
      cleanUp.push(async () => rmSync(dir, { recursive: true, force: true }));
      return openTarget('sqlite', `sqlite:${join(dir, 'catalog.db')}`);
    }
    case 'postgres': {
      const cluster: Cluster = await startCluster();
      cleanUp.push(() => cluster.destroy());
      return openTarget('postgres', await cluster.createDatabase());
    }
    case 'mssql': {
      if (!env.BFX_TEST_MSSQL)
        throw new Error('BFX_FUZZ_ENGINES names mssql: set BFX_TEST_MSSQL to a connection string.');
      return openTarget('mssql', env.BFX_TEST_MSSQL);
    }
    default:
      throw new Error(`BFX_FUZZ_ENGINES names ${engine}: use sqlite, postgres or mssql.`);
  }
}

// Stopped (Ctrl-C, a kill): the PostgreSQL cluster and the SQLite files are removed all the same.
const cleanUp: (() => Promise<void>)[] = [];
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      for (const step of cleanUp.splice(0).reverse()) await step().catch(() => {});
      process.exit(130);
    })();
  });
}

console.log(
  `fuzz: seed ${seed}, ${runs} histories of up to ${maxSteps} steps per engine, ${killRuns} with kills, bursts ${bursts ? 'on' : 'off'}`,
);
let violations = 0;
for (const engine of engines) {
  const started = performance.now();
  try {
    const target = await engineTarget(engine, cleanUp);
    cleanUp.push(() => closeTarget(target));
    const plans: [string, HistoryOptions][] = [
      ['histories', { runs, seed, maxSteps, kills: false, bursts, path, replayPath }],
      [
        'histories with kills',
        { runs: killRuns, seed, maxSteps: Math.min(maxSteps, 15), kills: true, bursts: false, path },
      ],
    ];
    for (const [what, options] of plans) {
      if (options.runs === 0 || (options.kills && !target.kills)) continue;
      const began = performance.now();
      const report = await runHistories(target, {
        ...options,
        progress: ({ histories, steps }) => {
          if (histories % 1000 === 0) {
            const seconds = ((performance.now() - began) / 1000).toFixed(0);
            console.log(`${engine}: ${what}: ${histories} histories, ${steps} steps so far, ${seconds} s`);
          }
        },
      });
      const seconds = ((performance.now() - began) / 1000).toFixed(1);
      console.log(
        `${engine}: ${what}: ${report.histories} histories, ${report.steps} steps (${report.kills} killed), ${seconds} s, ${report.failure ? 'a violation' : 'no violation'}`,
      );
      const seen = [...report.seen].sort(([a], [b]) => a.localeCompare(b));
      console.log(`  covered: ${seen.map(([event, n]) => `${event} ${n}`).join('; ')}`);
      if (report.failure) {
        violations += 1;
        console.log(report.failure);
      }
    }
  } finally {
    for (const step of cleanUp.splice(0).reverse()) await step();
  }
  console.log(`${engine}: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
}
process.exitCode = violations > 0 ? 1 : 0;
