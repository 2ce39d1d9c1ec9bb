// `npm run local-action`: runs the action's TypeScript source (main step, then post step) through
// @github/local-action, with .env (else .env.example), in a job folder of its own as the runner
// would: RUNNER_TEMP, where the main step makes the BFX_VARIABLES and BFX_ROW_COUNTS files, is a
// fresh folder removed afterwards, so nothing is left in the temp directory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const envFile = existsSync('.env') ? '.env' : '.env.example';
const runnerTemp = mkdtempSync(join(tmpdir(), 'bfx-local-action-'));
try {
  const { status, error } = spawnSync(
    'local-action',
    ['run', '.', 'scripts/local-action/main.ts', envFile, '--post', 'scripts/local-action/post.ts'],
    { stdio: 'inherit', env: { ...process.env, RUNNER_TEMP: runnerTemp } },
  );
  if (error) throw error;
  process.exitCode = status ?? 1;
} finally {
  rmSync(runnerTemp, { recursive: true, force: true });
}
