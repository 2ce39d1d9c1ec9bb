/**
 * Every name the action shell shares with its metadata and the runner, in one place: the inputs
 * of action.yml and end/action.yml, the outputs of action.yml, and the keys of the state the main
 * step saves for the post step (read and written only through ./state.ts).
 * test/action/names.test.ts checks them against both action.yml files.
 */

/** Input names, as action.yml and end/action.yml declare them (core.getInput). */
export const Inputs = {
  // action.yml
  PackageName: 'package-name',
  RetryLimit: 'retry-limit',
  ParentExecutionId: 'parent-execution-id',
  AutoEnd: 'auto-end',
  CreateCatalog: 'create-catalog',
  JobStatus: 'job-status',
  GithubToken: 'github-token',
  OnLiveRun: 'on-live-run',
  LiveRunTimeout: 'live-run-timeout',
  // end/action.yml
  ExecutionId: 'execution-id',
  Status: 'status',
  Message: 'message',
  // both
  ConnectionString: 'connection-string',
  ConnectTimeout: 'connect-timeout',
  RequestTimeout: 'request-timeout',
} as const;

/** Output names, as action.yml declares them (core.setOutput): the catalog's column names. */
export const Outputs = {
  ExecutionID: 'ExecutionID',
  ExecutionStatus: 'ExecutionStatus',
  NextLoadStatus: 'NextLoadStatus',
} as const;

/** Keys of the state the main step saves for the post step (core.saveState / core.getState). */
export const State = {
  /** Set by the main step first thing: the same bundle, started again, is then the post step. */
  IsPost: 'isPost',
  /** The runnable execution the main step began, for the post step to end. */
  ExecutionId: 'executionId',
  /** The run key it was begun under, so the post step ends it only if no later run took it over. */
  RunKey: 'runKey',
} as const;

export type InputName = (typeof Inputs)[keyof typeof Inputs];
