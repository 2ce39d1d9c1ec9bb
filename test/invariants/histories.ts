/**
 * Random histories of steps (commands.ts) against one target, checked after every step
 * (invariants.ts), shrunk by fast-check to a minimal failing history, and replayable from the
 * seed (and path) it prints. The engine tests run a fixed seed; `npm run fuzz` runs many.
 */
import fc from 'fast-check';
import { steps } from './commands.js';
import { Model } from './model.js';
import { World, type Target } from './world.js';

export interface HistoryOptions {
  /** How many histories (before shrinking). */
  runs: number;
  seed: number;
  /** The longest history, in steps. */
  maxSteps: number;
  /** Steps run in a process of their own and killed (slow: a process each). */
  kills: boolean;
  /** Bursts of concurrent begins and ends. */
  bursts: boolean;
  /** Begins, ends and operator commands whose COMMIT's answer is lost (a target with loseCommit only). */
  loseCommits?: boolean;
  /** A failing history's path, printed with its seed, to replay that history alone. */
  path?: string;
  /** With path: the history's commands as shrunk, printed after it as replayPath="...". */
  replayPath?: string;
  /** Told after each history, with the counts so far (a long run's progress). */
  progress?: (count: Omit<HistoryReport, 'failure'>) => void;
}

export interface HistoryReport {
  /** Histories run, the shrinking of a failing one included. */
  histories: number;
  /** Steps run, in all of them, and of those, steps killed in a process of their own. */
  steps: number;
  kills: number;
  /** What the steps came to, counted over every history (World.seen). */
  seen: Map<string, number>;
  /** fast-check's report of the minimal failing history, with its seed and path; undefined when none failed. */
  failure?: string;
}

export function property(target: Target, options: HistoryOptions, count: Omit<HistoryReport, 'failure'>) {
  return fc.asyncProperty(
    fc.commands(
      steps({
        kills: options.kills && target.kills,
        bursts: options.bursts,
        loseCommits: (options.loseCommits ?? false) && target.loseCommit !== undefined,
      }),
      {
        maxCommands: options.maxSteps,
        size: 'max',
        replayPath: options.replayPath,
      },
    ),
    async (commands) => {
      const world = new World(target);
      try {
        await fc.asyncModelRun(() => ({ model: new Model(), real: world }), commands);
      } finally {
        count.histories += 1;
        count.steps += world.steps;
        count.kills += world.kills;
        for (const [event, n] of world.seen) count.seen.set(event, (count.seen.get(event) ?? 0) + n);
        options.progress?.(count);
      }
    },
  );
}

export async function runHistories(target: Target, options: HistoryOptions): Promise<HistoryReport> {
  const count = { histories: 0, steps: 0, kills: 0, seen: new Map<string, number>() };
  const details = await fc.check(property(target, options, count), {
    numRuns: options.runs,
    seed: options.seed,
    path: options.path,
    endOnFailure: options.path !== undefined,
  });
  if (!details.failed) return count;
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return { ...count, failure: `${error}\n${fc.defaultReportMessage(details)}` };
}

/** What a run of the engine tests must have covered, or its histories prove less than they claim. */
export const MUST_COVER = [
  'begin: resume',
  'begin: abandon-and-insert',
  'begin: yield',
  'begin: reenter',
  'end: taken-over',
  'end: reclosed (may re-close)',
  'batch end: failure',
  'bfx reset (batch): reset',
  'bfx skip: changed',
  'bfx resume: changed',
  'burst begin (GitHub says completed): resume',
  'burst begin (GitHub says alive): yield',
  'child burst',
  'child burst of 32',
  'child burst racing its batch end',
  'child burst racing its batch reset',
  "child begins racing their batch's end",
  "child begins racing their batch's reset",
  'burst of 32 begins (GitHub says alive)',
  'burst of 32 begins (GitHub says completed)',
  'burst of 32 begins (GitHub says unknown)',
];

/** A test running histories: minutes on a busy machine, far more than one story's time-out. */
export const HISTORY_TIMEOUT_MS = 10 * 60_000;
