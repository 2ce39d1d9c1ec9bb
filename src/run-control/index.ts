/**
 * Run control: every change to a package's executions, on any catalog engine. Each operation opens
 * one transaction holding the package's lock, reads the state, asks decision.ts what to do,
 * applies the plan, and builds the result. The action and the CLI call these functions; the
 * engines underneath only lock, read and write.
 *
 * The story, file by file: begin.ts (a package's next execution), live-run.ts (asking GitHub
 * whether an active execution's run is alive, and waiting for it), end.ts (how an execution
 * ended), audit-entries.ts (what they record and read back). The operator's commands on a package
 * (package-commands.ts: enable, skip, resume, reset, var set) and on the catalog
 * (catalog-commands.ts: check, purge, rename, delete) are imported from their files directly, not
 * from here: no begin or end runs them, so the action's main file never loads them
 * (scripts/build.mjs checks it).
 */
export { begin, type BeginRefusal, type BeginRequest, type BeginResult } from './begin.js';
export {
  pollInterval,
  type LiveRunCheck,
  type LiveRunOptions,
  type LiveRunReport,
  type LiveRunVerdict,
  type RunOwner,
} from './live-run.js';
export { end, type EndRequest, type EndResult } from './end.js';
export {
  BATCH_FAILURE,
  TAKEOVER,
  batchFailure,
  batchFailureDetail,
  previousOwner,
  takeoverDetail,
} from './audit-entries.js';
