// Bundles the action (main + post), the explicit end action and the bfx CLI into dist/, which
// is committed: the runner runs dist/, never src/.
//
// Start-up (docs/performance.md): @actions/core imports @actions/http-client (with undici and
// tunnel) for core.getIDToken and @actions/exec (with @actions/io) for core.platform at its top
// level, in files webpack cannot prove free of side effects, so plain ncc bundles and evaluates
// all of them: a 1.1 MB bundle loading http, https, tls, http2, zlib and more, which made a begin
// take 3.5-4x as long as a bare `node -e 0`. bfx-begin uses neither getIDToken nor platform, so
// those two packages are left out of the bundle: they are mapped to a small module written next
// to it, which fails with a clear message if anything ever calls into it. check() below refuses
// a build whose own sources use them.
import ncc from '@vercel/ncc';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const bundles = [
  ['src/action/index.ts', 'dist/main'],
  ['src/action/end-index.ts', 'dist/end'],
  ['src/cli/index.ts', 'dist/cli'],
];

const UNBUNDLED = 'unbundled.js';
/** Imported only by @actions/core's getIDToken (oidc-utils.js) and platform (platform.js). */
const LEFT_OUT = ['@actions/http-client', '@actions/http-client/lib/auth', '@actions/exec'];

const UNBUNDLED_SOURCE = `// Written by scripts/build.mjs. @actions/core imports @actions/http-client (for core.getIDToken)
// and @actions/exec (for core.platform) at its top level; bfx-begin uses neither, so they are not
// bundled (they tripled the start-up). This module stands in for them and fails if it is ever used.
function leftOut(name) {
  throw new Error(name + ' is not bundled with bfx-begin (see scripts/build.mjs): core.getIDToken and core.platform are not available.');
}
export class HttpClient {
  constructor() {
    leftOut('@actions/http-client');
  }
}
export class BearerCredentialHandler {
  constructor() {
    leftOut('@actions/http-client');
  }
}
export function exec() {
  return leftOut('@actions/exec');
}
export function getExecOutput() {
  return leftOut('@actions/exec');
}
`;

/** Our own sources must not use what is left out. */
function check() {
  const sources = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
    });
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    const used = /\bgetIDToken\b|\bcore\.platform\b|['"]@actions\/(http-client|exec)['"/]/.exec(text);
    if (used) {
      throw new Error(
        `${file} uses ${used[0]}, which scripts/build.mjs leaves out of the bundle: stop leaving it out there (and measure the start-up again with npm run bench).`,
      );
    }
  }
}

/** ncc's API rejects with webpack's error, whose stack would print a minified line of ncc itself. */
async function bundle(entry) {
  try {
    return await ncc(join(process.cwd(), entry), {
      externals: Object.fromEntries(LEFT_OUT.map((name) => [name, `./${UNBUNDLED}`])),
      license: 'licenses.txt',
      quiet: true,
    });
  } catch (error) {
    console.error(`${entry}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

check();
rmSync('dist', { recursive: true, force: true });
for (const [entry, out] of bundles) {
  const { code, assets, symlinks } = await bundle(entry);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.js'), code, { mode: code.startsWith('#!') ? 0o777 : 0o666 });
  for (const [name, asset] of Object.entries(assets)) {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), asset.source, { mode: asset.permissions });
  }
  if (symlinks && Object.keys(symlinks).length > 0)
    throw new Error(`${entry}: ncc emitted symlinks, which this build does not write.`);
  if (code.includes(`./${UNBUNDLED}`)) writeFileSync(join(out, UNBUNDLED), UNBUNDLED_SOURCE);
}
