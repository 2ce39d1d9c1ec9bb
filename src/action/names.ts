/**
 * Every name the action shell shares with its metadata and the runner, in one place: the inputs
 * of action.yml, end/action.yml and report/action.yml, the outputs of action.yml, the keys of the state the main
 * step saves for the post step (read and written only through ./state.ts), and the environment
 * variables it exports to the rest of its job.
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
  // action.yml: batches
  IsBatch: 'is-batch',
  // end/action.yml
  ExecutionId: 'execution-id',
  Status: 'status',
  Message: 'message',
  // end/action.yml: what the load reports (as the BFX_ROW_COUNTS file does)
  RowCounts: 'row-counts',
  // both
  ConnectionString: 'connection-string',
  ConnectTimeout: 'connect-timeout',
  RequestTimeout: 'request-timeout',
  // both: high-water marks (action.yml: NAME=DEFAULT lines; end/action.yml: NAME=VALUE lines)
  Variables: 'variables',
  // both: where the catalog tables live on SQL Server and PostgreSQL
  CatalogSchema: 'catalog-schema',
  // report/action.yml (with connection-string and catalog-schema)
  Path: 'path',
  SinceDays: 'since-days',
} as const;

/** Output names, as action.yml declares them (core.setOutput): the catalog's column names. */
export const Outputs = {
  ExecutionID: 'ExecutionID',
  ExecutionStatus: 'ExecutionStatus',
  NextLoadStatus: 'NextLoadStatus',
  // batches and high-water marks
  BatchStartTime: 'BatchStartTime',
  LastExecutionID: 'LastExecutionID',
  Variables: 'Variables',
} as const;

/** report/action.yml's outputs. */
export const ReportOutputs = {
  Path: 'path',
} as const;

/** Keys of the state the main step saves for the post step (core.saveState / core.getState). */
export const State = {
  /** Set by the main step first thing: the same bundle, started again, is then the post step. */
  IsPost: 'isPost',
  /** The runnable execution the main step began, for the post step to end. */
  ExecutionId: 'executionId',
  /** The run key it was begun under, so the post step ends it only if no later run took it over. */
  RunKey: 'runKey',
  /** The files the load reports through (Env), for the post step to read. */
  VariablesFile: 'variablesFile',
  RowCountsFile: 'rowCountsFile',
} as const;

/**
 * Environment variables the main step exports (core.exportVariable, through GITHUB_ENV) to every
 * later step of its job: the files a load appends its high-water marks and row counts to.
 */
export const Env = {
  VariablesFile: 'BFX_VARIABLES',
  RowCountsFile: 'BFX_ROW_COUNTS',
} as const;

export type InputName = (typeof Inputs)[keyof typeof Inputs];
