/** bfx begin and bfx end: the same begin and end as the action, from a shell. */
import { randomUUID } from 'node:crypto';
import { withCatalog } from '../catalog/connect.js';
import { begin as beginExecution, end as endExecution } from '../run-control/index.js';
import { BfxError } from '../errors.js';
import * as validate from '../validate.js';
import { beginLine, endLine, nextName, refusedBeginSentence, statusName } from '../sentences.js';
import { type Command, executionJson } from './command.js';
import { childJson, childrenLines, oneLine, rowCountJson, rowCountsLine, variablesLine } from './format.js';
import {
  CATALOG_HELP,
  catalogSettings,
  defaultActor,
  parse,
  rowCountOptions,
  single,
  variableOptions,
} from './options.js';

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
Prints ExecutionID, ExecutionStatus and NextLoadStatus, and what the load needs: BatchStartTime
(the batch's StartTime for a package under a batch, else the execution's own), LastExecutionID
(the package's last successful execution before this one) and Variables (its high-water marks).
Unlike the action, it does not ask GitHub whether the run owning an active execution is still
running: check with bfx status first.

Options:
      --retry-limit N          how many times an interrupted execution is resumed (default: the
                               package's RetryLimit, else 3)
      --is-batch               PACKAGE is a batch: its executions are the parents of other packages'
      --parent-execution-id N  the ExecutionID of the batch this package runs under (it must exist)
      --var NAME=DEFAULT       a high-water mark the load uses, with the value it starts from when
                               the package does not have it yet (repeatable)
      --run-key KEY            names this run: a begin with the same key returns the same
                               execution (default: $BFX_RUN_KEY, else a new key, printed with the
                               result). A scheduler gives each run one key, e.g. its run's id
      --no-create-catalog      fail instead of creating missing catalog tables
${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('begin', args, {
      'retry-limit': { type: 'string' },
      'is-batch': { type: 'boolean' },
      'parent-execution-id': { type: 'string' },
      var: { type: 'string', multiple: true },
      'run-key': { type: 'string' },
      'no-create-catalog': { type: 'boolean' },
    });
    const packageName = validate.packageName(single('begin', positionals, 'package name'), 'package name');
    const retryLimit = validate.retryLimit(values['retry-limit'] ?? '', '--retry-limit');
    const parentExecutionId = validate.parentExecutionId(values['parent-execution-id'] ?? '', '--parent-execution-id');
    const variables = variableOptions('begin', values.var);
    const runKey =
      givenRunKey(
        values['run-key'],
        (name) => `The ${name} is empty, so bfx begin did nothing: give a key, or leave ${name} out.`,
        'bfx begin did nothing',
      ) ?? `cli:${randomUUID()}`;
    const settings = catalogSettings(values, !values['no-create-catalog'], 'begin');
    const result = await withCatalog(settings.connectionString, settings, async (catalog) => {
      const begun = await beginExecution(catalog, {
        packageName,
        retryLimit,
        parentExecutionId,
        isBatch: values['is-batch'] ?? false,
        variables,
        runKey,
        context: { ...NO_CONTEXT, actor: defaultActor() },
      });
      if (begun.kind !== 'begun') {
        throw new BfxError(refusedBeginSentence(begun, '--parent-execution-id', catalog.location));
      }
      return begun;
    });
    const marks = Object.entries(result.variables).map(([name, value]) => ({ name, value }));
    return {
      text: [
        beginLine(packageName, result),
        result.plan.reason,
        `BatchStartTime: ${result.batchStartTime}${parentExecutionId ? ` (batch execution ${parentExecutionId})` : ''}`,
        `LastExecutionID: ${result.lastExecutionId ?? 'none (no earlier execution succeeded)'}`,
        `Variables: ${variablesLine(marks)}`,
        `Run key: ${oneLine(runKey)}`,
      ].join('\n'),
      json: {
        ExecutionID: result.executionId,
        ExecutionStatus: result.executionStatus,
        NextLoadStatus: result.nextLoadStatus,
        RetryCount: result.retryCount,
        BatchStartTime: result.batchStartTime,
        LastExecutionID: result.lastExecutionId,
        Variables: result.variables,
        Decision: result.plan.kind,
        Reason: result.plan.reason,
        RunKey: runKey,
      },
    };
  },
};

/**
 * The run key of --run-key, else of $BFX_RUN_KEY (an empty variable counts as unset, as
 * $BFX_CONNECTION_STRING does), else undefined. A scheduler exports BFX_RUN_KEY once for every
 * command of its run, so that a begin repeated in the same run returns the same execution.
 */
function givenRunKey(option: string | undefined, blank: (name: string) => string, nothing: string): string | undefined {
  const [runKey, name] =
    option !== undefined ? [option, '--run-key'] : [process.env.BFX_RUN_KEY || undefined, '$BFX_RUN_KEY'];
  if (runKey !== undefined && runKey.trim() === '') throw new BfxError(blank(name));
  if (runKey !== undefined) validate.runKeyLength(runKey, name, nothing);
  return runKey;
}

export const end: Command = {
  summary: 'log how an execution ended, with its high-water marks and row counts',
  help: `Usage: bfx end EXECUTION_ID [options]

Ends the execution: success gives S / P (the next run proceeds), failure or cancelled gives F / R
(the next run retries). An execution that has already ended is left as it is. The end of a batch
execution sets its children's next load status in the same transaction, and lists them.

Options:
      --status S            success, failure or cancelled (default success)
      --message TEXT        why it failed, kept on the execution
      --var NAME=VALUE      a high-water mark the load reached (repeatable): committed only when
                            the end records S, so a failed load's retry starts from the marks before
      --rows OBJECT:TYPE=N  rows the load counted, e.g. --rows dbo.Customer:Insert=120
                            (repeatable): kept with the execution whatever its outcome
      --run-key KEY         the run key given to begin (default: $BFX_RUN_KEY): if another run
                            has since taken the execution over, it is left to that run
${CATALOG_HELP}`,
  async run(args) {
    const { values, positionals } = parse('end', args, {
      status: { type: 'string' },
      message: { type: 'string' },
      var: { type: 'string', multiple: true },
      rows: { type: 'string', multiple: true },
      'run-key': { type: 'string' },
    });
    const executionId = validate.executionId(single('end', positionals, 'ExecutionID'), 'ExecutionID');
    // Without a run key, an end is an operator's and always applies: an empty key must not become one.
    const runKey = givenRunKey(
      values['run-key'],
      (name) =>
        `The ${name} is empty, so bfx end ended nothing: give the run key the execution was begun with, ` +
        `or leave ${name} out for an operator's end.`,
      'bfx end ended nothing',
    );
    const outcome = validate.outcome(values.status ?? 'success', '--status');
    const variables = variableOptions('end', values.var);
    const rowCounts = rowCountOptions('end', values.rows);
    const settings = catalogSettings(values, false, 'end');
    const result = await withCatalog(settings.connectionString, settings, (catalog) =>
      endExecution(catalog, {
        executionId,
        outcome,
        message: values.message ?? null,
        caller: runKey === undefined ? null : { runKey },
        variables,
        rowCounts,
      }),
    );
    const given = variables.length > 0 || rowCounts.length > 0;
    const notStored = given ? ' (the --var and --rows values were not stored)' : '';
    switch (result.kind) {
      case 'not-found':
        throw new BfxError(
          `Execution ${executionId} is not in the catalog, so nothing was ended: check the ExecutionID and the connection string.`,
        );
      case 'ended':
      case 'reclosed': {
        const { execution, children, committedVariables } = result;
        const first =
          result.kind === 'ended'
            ? endLine(execution)
            : `${oneLine(execution.packageName)}: batch execution ${execution.executionId}, which this run had ended as F (Failed), ` +
              `was closed again as ${statusName(execution.executionStatus)} by a later attempt of the run; ` +
              `NextLoadStatus ${nextName(execution.nextLoadStatus)}.`;
        const lines = [first];
        if (committedVariables.length > 0) lines.push(`Variables committed: ${variablesLine(committedVariables)}`);
        else if (variables.length > 0)
          lines.push(
            `Variables not committed, because the execution ended as ${statusName(execution.executionStatus)}: ` +
              'its retry starts from the marks before.',
          );
        if (rowCounts.length > 0) lines.push(`Row counts: ${rowCountsLine(rowCounts)}`);
        if (children.length > 0) lines.push(`Children (${children.length}):`, ...childrenLines(children));
        return {
          text: lines.join('\n'),
          json: {
            Result: result.kind,
            ...executionJson(execution),
            CommittedVariables: Object.fromEntries(committedVariables.map(({ name, value }) => [name, value])),
            RowCounts: rowCounts.map(rowCountJson),
            Children: children.map((child) => childJson(child)),
          },
        };
      }
      case 'already-ended':
        return {
          text: `Execution ${executionId} had already ended as ${statusName(result.execution.executionStatus)}; it was left as it is${notStored}.`,
          json: { Result: 'already-ended', ...executionJson(result.execution) },
        };
      case 'not-owned':
        throw new BfxError(
          `Execution ${executionId} belongs to run ${result.execution.runKey ?? 'unknown'} and was never run ${runKey}'s, ` +
            "so nothing was ended: give the run key the execution was begun with, or leave --run-key out for an operator's end.",
        );
      case 'taken-over':
        return {
          text: `Execution ${executionId} was left to the run that took it over${notStored}.`,
          warning: `Execution ${executionId} was taken over by run ${oneLine(result.execution.runKey ?? 'unknown')}; it is left to that run to end.`,
          json: { Result: 'taken-over', ...executionJson(result.execution) },
        };
    }
  },
};
