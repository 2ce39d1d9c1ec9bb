// `npm run main -- [PACKAGE] [job-status] [options]`: runs the shipped action (dist/main) as one
// job on the embedded catalog sqlite:.bfx/catalog.db, exactly as the GitHub runner would: the
// main step, then (with --load) the load as a `run:` step gated like the README's workflows, then
// the post step with the job's status. The job's RUNNER_TEMP, with the BFX_VARIABLES and
// BFX_ROW_COUNTS files the main step exports, is removed at the end.
//
//   --load COMMAND              a bash command run between begin and end unless the run is skipped
//                               (C), in the folder npm was started from, with BFX_EXECUTION_ID,
//                               BFX_EXECUTION_STATUS, BFX_NEXT_LOAD_STATUS, BFX_BATCH_START_TIME,
//                               BFX_LAST_EXECUTION_ID, BFX_VARIABLES_JSON, BFX_VARIABLES and
//                               BFX_ROW_COUNTS set; if it fails, the job's status is failure
//   --rollback COMMAND          the same, before the load, when the execution is a retry (R)
//   --var NAME=DEFAULT          a high-water mark (the variables input), repeatable
//   --is-batch                  the package is a batch (is-batch: true)
//   --parent-execution-id N     the batch execution it runs under (parent-execution-id)
//   --retry-limit N             the retry-limit input
//   --connection-string STRING  another catalog (default sqlite:.bfx/catalog.db in the repository)
import { parseArgs } from 'node:util';
import { ROOT, startJob } from './runner.mjs';

const USAGE =
  'Usage: npm run main -- [PACKAGE] [success|failure|cancelled] [--load COMMAND] [--rollback COMMAND] ' +
  '[--var NAME=DEFAULT]... [--is-batch] [--parent-execution-id N] [--retry-limit N] [--connection-string STRING]';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      load: { type: 'string' },
      rollback: { type: 'string' },
      var: { type: 'string', multiple: true },
      'is-batch': { type: 'boolean' },
      'parent-execution-id': { type: 'string' },
      'retry-limit': { type: 'string' },
      'connection-string': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
} catch (error) {
  console.error(`${error.message}\n${USAGE}`);
  process.exit(1);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [packageName = 'LOAD_Customer', givenStatus = 'success', ...extra] = positionals;
if (extra.length > 0 || !['success', 'failure', 'cancelled'].includes(givenStatus)) {
  console.error(
    `The job status "${[givenStatus, ...extra].join(' ')}" is not success, failure or cancelled.\n${USAGE}`,
  );
  process.exit(1);
}

const inputs = {
  'package-name': packageName,
  'connection-string': values['connection-string'] ?? 'sqlite:.bfx/catalog.db',
  ...(values['is-batch'] ? { 'is-batch': 'true' } : {}),
  ...(values['parent-execution-id'] !== undefined ? { 'parent-execution-id': values['parent-execution-id'] } : {}),
  ...(values['retry-limit'] !== undefined ? { 'retry-limit': values['retry-limit'] } : {}),
  ...(values.var ? { variables: values.var.join('\n') } : {}),
};
// What the load's own repository would be on the runner: the folder npm was started from.
const loadFolder = process.env.INIT_CWD ?? process.cwd();
const job = startJob({
  env: {
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'load',
    GITHUB_REPOSITORY: 'local/bfx-begin',
  },
});

/** A `run:` step of the job, its output passed through; true when it succeeded. */
async function runCommand(label, command, outputs) {
  console.log(`> ${label}: ${command}`);
  const result = await job.run(command, {
    cwd: loadFolder,
    env: {
      BFX_EXECUTION_ID: outputs.ExecutionID,
      BFX_EXECUTION_STATUS: outputs.ExecutionStatus,
      BFX_NEXT_LOAD_STATUS: outputs.NextLoadStatus,
      BFX_BATCH_START_TIME: outputs.BatchStartTime ?? '',
      BFX_LAST_EXECUTION_ID: outputs.LastExecutionID ?? '',
      BFX_VARIABLES_JSON: outputs.Variables ?? '{}',
    },
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  if (result.exitCode !== 0) console.log(`> the ${label} failed with exit code ${result.exitCode}: the job fails.`);
  return result.exitCode === 0;
}

try {
  const main = await job.runStep({ phase: 'main', inputs, cwd: ROOT });
  process.stdout.write(main.stdout);
  process.stderr.write(main.stderr);
  console.log('outputs:', main.outputs);
  process.exitCode = main.exitCode;
  if (main.exitCode === 0) {
    const status = main.outputs.ExecutionStatus;
    let succeeded = true;
    if (values.rollback !== undefined && status === 'R')
      succeeded = await runCommand('rollback', values.rollback, main.outputs);
    if (succeeded && values.load !== undefined && status !== 'C')
      succeeded = await runCommand('load', values.load, main.outputs);
    const jobStatus = succeeded ? givenStatus : 'failure';
    const post = await job.runStep({ phase: 'post', inputs, state: main.state, jobStatus, cwd: ROOT });
    process.stdout.write(post.stdout);
    process.stderr.write(post.stderr);
    // A failed command fails the job, as on the runner.
    process.exitCode = post.exitCode !== 0 ? post.exitCode : succeeded ? 0 : 1;
  }
} finally {
  job.remove();
}
