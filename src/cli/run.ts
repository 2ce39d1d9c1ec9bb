/** bfx begin and bfx end: the same begin and end as the action, from a shell. */
import { randomUUID } from 'node:crypto';
import { withCatalog } from '../catalog/connect.js';
import { begin as beginExecution, end as endExecution } from '../run-control.js';
import { BfxError } from '../errors.js';
import * as validate from '../settings.js';
import { beginLine, endLine, statusName } from '../report.js';
import { type Command, executionJson } from './command.js';
import { CATALOG_HELP, catalogSettings, parse, single } from './options.js';

const NO_CONTEXT = {
  repository: null,
  workflow: null,
  job: null,
  runId: null,
  runAttempt: null,
  actor: null,
  event: null,
  sha: null,
};

export const begin: Command = {
  summary: 'decide whether a package runs now, and log the execution',
  help: `Usage: bfx begin PACKAGE [options]

Looks PACKAGE up in the catalog (registering it if new), decides whether this run executes (E),
retries (R), resumes an interrupted execution (A) or is skipped (C), and logs the execution.
Prints ExecutionID, ExecutionStatus and NextLoadStatus. Unlike the action, it does not ask GitHub
whether the run owning an active execution is still running: check with bfx status first.

Options:
      --retry-limit N          how many times an interrupted execution is resumed (default: the
                               package's RetryLimit, else 3)
      --parent-execution-id N  the ExecutionID of the batch this package runs under
      --run-key KEY            identifies this run: a begin with the same key returns the same
                               execution (default: a new key, printed with the result)
      --no-create-catalog      fail instead of creating missing catalog tables
${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('begin', args, {
      'retry-limit': { type: 'string' },
      'parent-execution-id': { type: 'string' },
      'run-key': { type: 'string' },
      'no-create-catalog': { type: 'boolean' },
    });
    const packageName = validate.packageName(single('begin', positionals, 'package name'), 'package name');
    const retryLimit = validate.retryLimit(values['retry-limit'] ?? '', '--retry-limit');
    const parentExecutionId = validate.parentExecutionId(values['parent-execution-id'] ?? '', '--parent-execution-id');
    const runKey = values['run-key'] ?? `cli:${randomUUID()}`;
    if (runKey.trim() === '')
      throw new BfxError('The --run-key is empty, so bfx begin did nothing: give a key, or leave --run-key out.');
    const settings = catalogSettings(values, !values['no-create-catalog']);
    const result = await withCatalog(settings.connectionString, settings, (catalog) =>
      beginExecution(catalog, {
        packageName,
        retryLimit,
        parentExecutionId,
        runKey,
        context: { ...NO_CONTEXT, actor: process.env.USER ?? null },
      }),
    );
    return {
      text: `${beginLine(packageName, result)}\n${result.plan.reason}\nRun key: ${runKey}`,
      json: {
        ExecutionID: result.executionId,
        ExecutionStatus: result.executionStatus,
        NextLoadStatus: result.nextLoadStatus,
        RetryCount: result.retryCount,
        Decision: result.plan.kind,
        Reason: result.plan.reason,
        RunKey: runKey,
      },
    };
  },
};

export const end: Command = {
  summary: 'log how an execution ended',
  help: `Usage: bfx end EXECUTION_ID [options]

Ends the execution: success gives S / P (the next run proceeds), failure or cancelled gives F / R
(the next run retries). An execution that has already ended is left as it is.

Options:
      --status S      success, failure or cancelled (default success)
      --message TEXT  why it failed, kept on the execution
      --run-key KEY   the run key given to begin: if another run has since taken the execution
                      over, it is left to that run
${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('end', args, {
      status: { type: 'string' },
      message: { type: 'string' },
      'run-key': { type: 'string' },
    });
    const executionId = validate.executionId(single('end', positionals, 'ExecutionID'), 'ExecutionID');
    const outcome = validate.outcome(values.status ?? 'success', '--status');
    const settings = catalogSettings(values, false);
    const result = await withCatalog(settings.connectionString, settings, (catalog) =>
      endExecution(catalog, {
        executionId,
        outcome,
        message: values.message ?? null,
        caller: values['run-key'] ? { runKey: values['run-key'] } : null,
      }),
    );
    switch (result.kind) {
      case 'not-found':
        throw new BfxError(
          `Execution ${executionId} is not in the catalog, so nothing was ended: check the ExecutionID and the connection string.`,
        );
      case 'ended':
        return { text: endLine(result.execution), json: { Result: 'ended', ...executionJson(result.execution) } };
      case 'already-ended':
        return {
          text: `Execution ${executionId} had already ended as ${statusName(result.execution.executionStatus)}; it was left as it is.`,
          json: { Result: 'already-ended', ...executionJson(result.execution) },
        };
      case 'taken-over':
        return {
          text: `Execution ${executionId} was left to the run that took it over.`,
          warning: `Execution ${executionId} was taken over by run ${result.execution.runKey}; it is left to that run to end.`,
          json: { Result: 'taken-over', ...executionJson(result.execution) },
        };
    }
  },
};
