// `npm run main -- [PACKAGE] [job-status]`: runs the shipped action (dist/main), main step then
// post step, on the embedded catalog sqlite:.bfx/catalog.db, exactly as the GitHub runner would.
import { ROOT, runStep } from './runner.mjs';

const [packageName = 'LOAD_Customer', jobStatus = 'success'] = process.argv.slice(2);
const inputs = { 'package-name': packageName, 'connection-string': 'sqlite:.bfx/catalog.db' };
const env = {
  GITHUB_RUN_ID: String(Date.now()),
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_JOB: 'load',
  GITHUB_REPOSITORY: 'local/bfx-begin',
};

const main = await runStep({ phase: 'main', inputs, env, cwd: ROOT });
process.stdout.write(main.stdout);
process.stderr.write(main.stderr);
console.log('outputs:', main.outputs);
if (main.exitCode !== 0) process.exit(main.exitCode);

const post = await runStep({ phase: 'post', inputs, env, state: main.state, jobStatus, cwd: ROOT });
process.stdout.write(post.stdout);
process.stderr.write(post.stderr);
process.exit(post.exitCode);
