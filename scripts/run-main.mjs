// `npm run main -- [PACKAGE] [job-status]`: runs the shipped action (dist/main), main step then
// post step as one job, on the embedded catalog sqlite:.bfx/catalog.db, exactly as the GitHub
// runner would (the job's RUNNER_TEMP, with the BFX_VARIABLES and BFX_ROW_COUNTS files the main
// step makes there, is removed at the end).
import { ROOT, startJob } from './runner.mjs';

const [packageName = 'LOAD_Customer', jobStatus = 'success'] = process.argv.slice(2);
const inputs = { 'package-name': packageName, 'connection-string': 'sqlite:.bfx/catalog.db' };
const job = startJob({
  env: {
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'load',
    GITHUB_REPOSITORY: 'local/bfx-begin',
  },
});

try {
  const main = await job.runStep({ phase: 'main', inputs, cwd: ROOT });
  process.stdout.write(main.stdout);
  process.stderr.write(main.stderr);
  console.log('outputs:', main.outputs);
  process.exitCode = main.exitCode;
  if (main.exitCode === 0) {
    const post = await job.runStep({ phase: 'post', inputs, state: main.state, jobStatus, cwd: ROOT });
    process.stdout.write(post.stdout);
    process.stderr.write(post.stderr);
    process.exitCode = post.exitCode;
  }
} finally {
  job.remove();
}
