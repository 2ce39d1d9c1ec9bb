// Bundles the action (main + post), the explicit end action and the bfx CLI into dist/, which
// is committed: the runner runs dist/, never src/.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const bundles = [
  ['src/action/index.ts', 'dist/main'],
  ['src/action/end-index.ts', 'dist/end'],
  ['src/cli/index.ts', 'dist/cli'],
];

rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of bundles) {
  execFileSync('ncc', ['build', entry, '-o', out, '--license', 'licenses.txt', '--quiet'], { stdio: 'inherit' });
}
