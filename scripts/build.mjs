// Bundles the action (main + post), the explicit end action and the bfx CLI into dist/, which
// is committed: the runner runs dist/, never src/.
//
// One bundle for the three: src/programs.ts, written to dist/index.js with its chunks next to it
// (built as three bundles, each carried its own copy of every chunk: the SQL Server driver's
// 4.4 MB three times). dist/main/index.js, dist/end/index.js and dist/cli/index.js, the paths
// action.yml, end/action.yml and package.json's bin name, are entry files written here: each
// imports the bundle and starts its program. The catalog engines stay chunks loaded on demand,
// so a SQLite step still never reads the PostgreSQL or SQL Server driver.
//
// Start-up (docs/performance.md): @actions/core imports its oidc-utils.js (which imports
// @actions/http-client, with undici and tunnel) for core.getIDToken and @actions/exec (with
// @actions/io) for core.platform at its top level, in files webpack cannot prove free of side
// effects, so plain ncc bundles and evaluates all of them: a 1.1 MB bundle loading http, https,
// tls, http2, zlib and more, which made a begin take 3.5-4x as long as a bare `node -e 0`.
// bfx-begin uses neither getIDToken nor platform, so core's imports of them are left out of the
// bundle: they are mapped to a small module written next to it, which fails with a clear message
// if anything ever calls into it. check() below refuses a build whose own sources use them.
//
// Core's oidc-utils.js is what is left out, not @actions/http-client itself: ncc maps an import
// by its text whoever imports it, and @actions/github (the live-run check, src/github/) imports
// '@actions/http-client' too, for its proxy support, and needs the real one. So the HTTP client
// is bundled, in the chunk @actions/github is loaded in on demand (only when a begin finds an
// active execution), and checkStats() below refuses a build whose main file holds @actions/github,
// Octokit, an HTTP client or undici, or whose stand-in stands in for anyone else's import.
//
// The same stand-in replaces `open`: @azure/identity (under tedious, SQL Server's driver) imports
// it only to open a web browser for an interactive Entra ID sign-in, which neither tedious nor
// bfx-begin ever asks for. Bundled, it made ncc ship open's `xdg-open` shell script as an asset.
import ncc from '@vercel/ncc';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRY = 'src/programs.ts';
const OUT = 'dist';
/** The entry files: dist/NAME/index.js runs programs.NAME of src/programs.ts. */
const PROGRAMS = {
  main: "action.yml's main and post steps",
  end: 'end/action.yml',
  report: 'report/action.yml',
  cli: "the bfx command (package.json's bin)",
};

/** What ncc may write besides the code and its chunks: anything else is a file a dependency reads. */
const ASSETS = ['licenses.txt', 'package.json'];
const CHUNK = /^\d+\.index\.js$/;

const UNBUNDLED = 'unbundled.js';
/** Each import left out, and the only file allowed to make it (the stand-in must stand in for no other import). */
const LEFT_OUT = {
  // core.getIDToken: @actions/core's OIDC client, and with it @actions/http-client.
  './oidc-utils.js': /node_modules\/@actions\/core\/lib\/core\.js$/,
  // core.platform.
  '@actions/exec': /node_modules\/@actions\/core\/lib\/platform\.js$/,
  // @azure/identity's interactive browser sign-in.
  open: /node_modules\/@azure\/identity\/.*\/msalClient\.js$/,
};
/** What must never be in the main file, which every step reads and compiles: it belongs in chunks loaded on demand. */
const ON_DEMAND_ONLY = [
  // The live-run check's GitHub client and its HTTP client: only a begin that finds an active execution.
  /node_modules\/(@actions\/github|@octokit\/[^/]+|@actions\/http-client|undici|tunnel)\//,
  // The catalog engines and their drivers: only the engine of the connection string.
  /\/src\/catalog\/(sqlite|postgres|mssql)\/|node_modules\/(pg|pg-[^/]+|mssql|tedious)\//,
  // The CLI, the catalog report and the operator commands: no begin or end runs them.
  /\/src\/(cli|report)\/|\/src\/(operations|run-control\/(catalog|package)-commands)\.ts$/,
];
/**
 * The main file's bound. It is the action's code (begin, end and their job summary), the SQL core
 * every SQLite and PostgreSQL step runs (src/catalog/connect.ts), @actions/core and webpack's
 * runtime: 256,055 bytes when the bound was set (2026-12-06, 189,654 before the SQL core moved in
 * from a chunk of its own). A begin reads and compiles all of it (docs/performance.md, start-up):
 * grow it only after measuring.
 */
const MAIN_FILE_LIMIT = 260 * 1024;

const UNBUNDLED_SOURCE = `// Written by scripts/build.mjs. @actions/core imports its OIDC client (for core.getIDToken, with
// @actions/http-client) and @actions/exec (for core.platform) at its top level; bfx-begin uses
// neither, so they are not bundled (they tripled the start-up). @azure/identity imports open for
// an interactive browser sign-in, which bfx-begin never asks for. This module stands in for them
// and fails if it is ever used.
function leftOut(name) {
  throw new Error(name + ' is not bundled with bfx-begin (see scripts/build.mjs): core.getIDToken, core.platform and interactive browser sign-in are not available.');
}
export class OidcClient {
  static getIDToken() {
    return leftOut("@actions/core's OIDC client");
  }
}
export function exec() {
  return leftOut('@actions/exec');
}
export function getExecOutput() {
  return leftOut('@actions/exec');
}
export default function open() {
  return leftOut('open');
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
    const used = /\bgetIDToken\b|\bcore\.platform\b|['"]@actions\/exec['"/]|\b(from|import\()\s*['"]open['"]/.exec(
      text,
    );
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
      externals: Object.fromEntries(Object.keys(LEFT_OUT).map((name) => [name, `./${UNBUNDLED}`])),
      license: 'licenses.txt',
      quiet: true,
    });
  } catch (error) {
    console.error(`${entry}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/**
 * From webpack's own record of the build: the stand-in stands in only for the imports LEFT_OUT
 * names, made by the files it names; and the main file holds nothing ON_DEMAND_ONLY.
 */
function checkStats(stats) {
  const { moduleGraph, chunkGraph, chunks, modules } = stats.compilation;
  for (const module of modules) {
    if (module.constructor.name !== 'ExternalModule' || !String(module.request).includes(UNBUNDLED)) continue;
    for (const { dependency, originModule } of moduleGraph.getIncomingConnections(module)) {
      const issuer = originModule?.resource;
      if (!issuer || !dependency?.request) continue;
      const allowed = LEFT_OUT[dependency.request];
      if (!allowed?.test(issuer)) {
        throw new Error(
          `${issuer} imports ${dependency.request}, which scripts/build.mjs maps to its stand-in for another file's import: it would fail when used; map only that file's import (LEFT_OUT).`,
        );
      }
    }
  }
  for (const chunk of chunks) {
    if (!chunk.canBeInitial()) continue;
    for (const module of chunkGraph.getChunkModulesIterable(chunk)) {
      const inner = module.modules ?? [module]; // a concatenated module holds several
      for (const { resource } of inner) {
        if (resource && ON_DEMAND_ONLY.some((pattern) => pattern.test(resource))) {
          throw new Error(
            `${resource} is in the bundle's main file, which every step evaluates at start-up: import it with a dynamic import() on the path that needs it.`,
          );
        }
      }
    }
  }
}

/**
 * webpack writes each Node built-in the bundle requires as a module of its own that calls
 * createRequire(import.meta.url) again: a new require function, with its path resolution, for
 * every built-in a step loads (about 1 ms of a begin's start-up, docs/performance.md). Every
 * module it requires so is a built-in, which process.getBuiltinModule() returns as require() does,
 * without making a require function (and setting up Node's CommonJS loader) at all: another 1 ms.
 * A file that requires anything else this way is refused.
 */
const EXTERNAL_IMPORT = 'import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";\n';
const REQUIRE_PER_MODULE = /__WEBPACK_EXTERNAL_createRequire\(import\.meta\.url\)\(("[^"]+")\)/g;
function builtinsWithoutRequire(name, code) {
  if (!code.includes('__WEBPACK_EXTERNAL_createRequire')) return code;
  const refuse = (what) => {
    throw new Error(
      `${name} ${what}, which scripts/build.mjs expects not: update builtinsWithoutRequire() to what ncc writes now.`,
    );
  };
  if (code.split(EXTERNAL_IMPORT).length !== 2) refuse("calls createRequire without webpack's one import of it");
  for (const [, id] of code.matchAll(REQUIRE_PER_MODULE)) {
    if (!isBuiltin(JSON.parse(id))) refuse(`requires ${id}, not a Node built-in`);
  }
  const rewritten = code
    .replace(EXTERNAL_IMPORT, 'const __WEBPACK_EXTERNAL_require = (id) => process.getBuiltinModule(id);\n')
    .replace(REQUIRE_PER_MODULE, '__WEBPACK_EXTERNAL_require($1)');
  if (rewritten.includes('__WEBPACK_EXTERNAL_createRequire')) refuse('calls createRequire in another way');
  return rewritten;
}

/**
 * Two of @actions/core's imports cost a step more than it uses of them (docs/performance.md,
 * start-up), so the build rewrites them in webpack's output (ncc maps an import by its text,
 * whoever makes it, and pg and tedious import the same 'crypto' and 'fs'):
 * - file-command.js imports node:crypto for one call, crypto.randomUUID(), the delimiter of each
 *   GITHUB_OUTPUT / GITHUB_STATE entry. Loading node:crypto, with the stream modules it pulls in,
 *   was about 5 ms of the main step's 60 ms of CPU. Core's binding of it becomes an object holding
 *   scripts/random-uuid.mjs's randomUUID(), which is copied into the main file.
 * - summary.js takes access, appendFile and writeFile from fs.promises when it is evaluated, for
 *   core.summary.write(). Loading fs.promises (with the readline and stream modules it pulls in)
 *   and the thread pool of an asynchronous write were about 3 ms: they become the same functions
 *   of node:fs done synchronously, returning a promise as before, so write() does what it did.
 * - Core's files take EOL from node:os, and platform.js calls os.platform() and os.arch() when it
 *   is evaluated. Loading node:os was about 2 million instructions of every step's start-up (1 %
 *   of the main step); node:os's EOL, platform() and arch() are process.platform's line break,
 *   process.platform and process.arch, so core's binding becomes an object giving those.
 * A main file where any of them is not found exactly once, in its file of core (and node:crypto
 * used for randomUUID() only, node:os for EOL, platform() and arch() only), is refused: update
 * coreBindings() to what ncc and core write then.
 */
const CRYPTO_BINDING = /\/\/ EXTERNAL MODULE: external "crypto"\nvar external_crypto_ = __nccwpck_require__\(\d+\);\n/g;
const FS_PROMISES_BINDING = 'const { access, appendFile, writeFile } = external_fs_.promises;\n';
const SYNCHRONOUS_FS =
  'const access = async (...args) => external_fs_.accessSync(...args), ' +
  'appendFile = async (...args) => external_fs_.appendFileSync(...args), ' +
  'writeFile = async (...args) => external_fs_.writeFileSync(...args);\n';
const OS_BINDING = /\/\/ EXTERNAL MODULE: external "os"\nvar external_os_ = __nccwpck_require__\(\d+\);\n/g;
const OS_WITHOUT_OS =
  "var external_os_ = { EOL: process.platform === 'win32' ? '\\r\\n' : '\\n', " +
  'platform: () => process.platform, arch: () => process.arch };\n';
const RANDOM_UUID_SOURCE = readFileSync(join(import.meta.dirname, 'random-uuid.mjs'), 'utf8');
const CORE_FILE = /;\/\/ CONCATENATED MODULE: \S+\/@actions\/core\/lib\/([\w-]+\.js)\n/g;

/** The file of @actions/core whose code is at `index` of the main file (or follows it, for a binding webpack writes before it). */
function coreFileAt(code, index, following) {
  const files = [...code.matchAll(CORE_FILE)];
  const file = following ? files.find((f) => f.index > index) : files.findLast((f) => f.index < index);
  return file?.[1];
}

function coreBindings(code) {
  const refuse = (what) => {
    throw new Error(
      `The main file ${what}, which scripts/build.mjs rewrites: update coreBindings() to what ncc and @actions/core write now.`,
    );
  };
  const crypto = [...code.matchAll(CRYPTO_BINDING)];
  if (crypto.length !== 1 || coreFileAt(code, crypto[0].index, true) !== 'file-command.js')
    refuse("does not bind node:crypto once, for @actions/core's file-command.js");
  if ((code.match(/\bexternal_crypto_\b/g) ?? []).length !== 2 || !code.includes('external_crypto_.randomUUID()'))
    refuse("uses @actions/core's binding of node:crypto for more than randomUUID()");
  const os = [...code.matchAll(OS_BINDING)];
  if (os.length !== 1 || coreFileAt(code, os[0].index, true) !== 'utils.js')
    refuse("does not bind node:os once, before @actions/core's utils.js");
  // Its declaration, then EOL, platform() and arch() only.
  const osUses = code.match(/\bexternal_os_\b(\.\w+(\(\))?)?/g) ?? [];
  const osReads = ['external_os_.EOL', 'external_os_.platform()', 'external_os_.arch()'];
  if (osUses.filter((use) => !osReads.includes(use)).join() !== 'external_os_')
    refuse("uses @actions/core's binding of node:os for more than EOL, platform() and arch()");
  const fsPromises = code.split(FS_PROMISES_BINDING);
  if (fsPromises.length !== 2 || coreFileAt(code, fsPromises[0].length, false) !== 'summary.js')
    refuse("does not take fs.promises once, in @actions/core's summary.js");
  // In a scope of its own, so that its names cannot meet the main file's.
  const randomUUID = `const randomUUIDWithoutCrypto = (() => {\n${RANDOM_UUID_SOURCE.replace('export function randomUUID()', 'function randomUUID()')}\nreturn randomUUID;\n})();\n`;
  if (/^\s*(import|export)\b/m.test(randomUUID))
    refuse('would get a copy of scripts/random-uuid.mjs that imports or exports');
  return `${code
    .replace(CRYPTO_BINDING, 'var external_crypto_ = { randomUUID: randomUUIDWithoutCrypto };\n')
    .replace(OS_BINDING, OS_WITHOUT_OS)
    .replace(FS_PROMISES_BINDING, SYNCHRONOUS_FS)}\n${randomUUID}`;
}

/** The file behind dist/NAME/index.js: starts one program of the shared bundle. */
function entrySource(name) {
  const shebang = name === 'cli' ? '#!/usr/bin/env node\n' : '';
  return `${shebang}// Written by scripts/build.mjs: ${PROGRAMS[name]}. The code is in ../index.js, one bundle
// shared by the action's steps, the end action and the CLI (see src/programs.ts).
import { programs } from '../index.js';
await programs.${name}();
`;
}

check();
// Bundled and checked before dist/ is emptied, so that a failed build leaves the previous dist/.
const { code, assets, symlinks, stats } = await bundle(ENTRY);
checkStats(stats);
for (const name of Object.keys(assets)) {
  if (!ASSETS.includes(name) && !CHUNK.test(name)) {
    throw new Error(
      `ncc traced ${name} as a file the bundle reads at run time, and it would be shipped in dist/: find the dependency that reads it and leave that out (LEFT_OUT), or list it in ASSETS if bfx-begin needs it.`,
    );
  }
}
if (symlinks && Object.keys(symlinks).length > 0)
  throw new Error(`${ENTRY}: ncc emitted symlinks, which this build does not write.`);
const main = coreBindings(builtinsWithoutRequire('index.js', code));
const chunks = Object.fromEntries(
  Object.entries(assets).map(([name, asset]) => [
    name,
    CHUNK.test(name) ? builtinsWithoutRequire(name, String(asset.source)) : asset.source,
  ]),
);
const mainBytes = Buffer.byteLength(main);
if (mainBytes > MAIN_FILE_LIMIT) {
  throw new Error(
    `The bundle's main file is ${(mainBytes / 1024).toFixed(1)} KB, over the ${MAIN_FILE_LIMIT / 1024} KB every step reads and compiles at start-up (MAIN_FILE_LIMIT): import what a begin does not need with a dynamic import(), or measure the start-up (npm run bench) and raise the bound.`,
  );
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'index.js'), main);
for (const [name, asset] of Object.entries(assets)) {
  mkdirSync(dirname(join(OUT, name)), { recursive: true });
  writeFileSync(join(OUT, name), chunks[name], { mode: asset.permissions });
}
if (code.includes(`./${UNBUNDLED}`)) writeFileSync(join(OUT, UNBUNDLED), UNBUNDLED_SOURCE);
for (const name of Object.keys(PROGRAMS)) {
  mkdirSync(join(OUT, name), { recursive: true });
  writeFileSync(join(OUT, name, 'index.js'), entrySource(name), { mode: name === 'cli' ? 0o755 : 0o644 });
}

// The entry files and src/programs.ts name the same programs; importing the bundle runs none.
const { programs } = await import(pathToFileURL(join(process.cwd(), OUT, 'index.js')).href);
if (Object.keys(programs).sort().join() !== Object.keys(PROGRAMS).sort().join()) {
  throw new Error(
    `${ENTRY} exports the programs ${Object.keys(programs).join(', ')}, and scripts/build.mjs writes entry files for ${Object.keys(PROGRAMS).join(', ')}: make them the same.`,
  );
}
