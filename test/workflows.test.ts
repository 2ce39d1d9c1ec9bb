/**
 * The workflows (.github/workflows, examples/) and both action.yml files pass actionlint and the
 * checks it cannot make here (action metadata, this repository's action and reusable workflow as
 * their callers use them): the same checks as `npm run lint:actions`. The checks themselves are
 * shown to find what they are meant to, on broken copies.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ACTION_FILES,
  ROOT,
  actionlint,
  actionlintVersion,
  checkActionMetadata,
  checkCheckout,
  checkLocalUses,
  documentBlocks,
  formatFinding,
  workflowFiles,
  type Finding,
} from '../scripts/lint-actions.mjs';

const report = (findings: Finding[]) => findings.map(formatFinding);

describe('workflow and action files', () => {
  it('has the project workflows, the reusable workflow and the example caller', () => {
    expect(workflowFiles()).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/check-dist.yml',
        '.github/workflows/mssql-contract.yml',
        '.github/workflows/bfx-package.yml',
        '.github/workflows/bfx-batch.yml',
        'examples/caller.yml',
        'examples/batch-caller.yml',
      ]),
    );
  });

  it('every workflow passes actionlint', async () => {
    expect(report(await actionlint())).toEqual([]);
  });

  it("every use of this repository's actions and reusable workflows gives known, required, well-typed inputs", () => {
    expect(report(checkLocalUses())).toEqual([]);
  });

  it('every job checks the repository out before it runs a file of it', () => {
    expect(report(checkCheckout())).toEqual([]);
  });

  it('is a current actionlint (1.7 or later: it knows vars and the runners of today)', () => {
    expect(actionlintVersion()).toMatch(/^1\.(7|[89]|\d\d)\.\d+$/);
  });

  it('every YAML block of the README and docs that is a workflow, its jobs or its steps passes the same checks', async () => {
    const blocks = documentBlocks();
    // The README's first workflow, the jobs of "Begin, load and end in different jobs", the
    // reusable workflow's caller, the batch's caller and the incremental load's steps at least.
    expect(blocks.filter((b) => b.file === 'README.md').length).toBeGreaterThanOrEqual(5);
    expect(blocks.map((b) => b.file)).toEqual(expect.arrayContaining(['docs/batches.md', 'docs/mssql.md']));
    expect(report(await actionlint(blocks))).toEqual([]);
    expect(report(checkLocalUses(blocks))).toEqual([]);
    expect(report(checkCheckout(blocks))).toEqual([]);
  });

  it.each(ACTION_FILES)(
    '%s is valid action metadata (node24, bundles in dist/, documented inputs and outputs)',
    (file) => {
      expect(report(checkActionMetadata(file))).toEqual([]);
    },
  );
});

describe('the checks find what they are meant to', () => {
  const copy = mkdtempSync(join(tmpdir(), 'bfx-lint-'));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  for (const path of ['.github', 'examples', 'action.yml', 'end/action.yml', 'report/action.yml', 'README.md'])
    cpSync(join(ROOT, path), join(copy, path), { recursive: true });
  for (const bundle of ['dist/main/index.js', 'dist/end/index.js', 'dist/report/index.js']) {
    mkdirSync(join(copy, bundle, '..'), { recursive: true });
    writeFileSync(join(copy, bundle), '');
  }
  const edit = (file: string, from: string | RegExp, to: string) => {
    const text = readFileSync(join(copy, file), 'utf8');
    const changed = text.replace(from, to);
    expect(changed, `${file} has ${String(from)}`).not.toBe(text);
    writeFileSync(join(copy, file), changed);
  };

  it('actionlint reports an unknown step in an expression', async () => {
    edit(
      '.github/workflows/bfx-package.yml',
      "if: steps.bfx.outputs.ExecutionStatus != 'C'",
      "if: steps.bfxx.outputs.ExecutionStatus != 'C'",
    );
    const findings = await actionlint(['.github/workflows/bfx-package.yml'], copy);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('property "bfxx" is not defined')]);
  });

  const readmeLine = (text: string) =>
    readFileSync(join(copy, 'README.md'), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1;

  it("actionlint's findings in a README block name the README's line", async () => {
    edit(
      'README.md',
      'SINCE: ${{ fromJSON(steps.bfx.outputs.Variables)',
      'SINCE: ${{ fromJSON(steps.bfxx.outputs.Variables)',
    );
    const findings = await actionlint(documentBlocks(['README.md'], copy), copy);
    expect(report(findings)).toEqual([
      expect.stringMatching(
        new RegExp(`^README\\.md:${readmeLine('steps.bfxx')}:\\d+: property "bfxx" is not defined`),
      ),
    ]);
  });

  it('a job that runs a repository script or a local action before actions/checkout', () => {
    edit('README.md', '      - uses: actions/checkout@v5 # load.sh is in the repository\n', '');
    edit('.github/workflows/ci.yml', /(story-end:[\s\S]*?steps:\n)\s*- uses: actions\/checkout@v5\n/, '$1');
    expect(report(checkCheckout(documentBlocks(['README.md'], copy), copy))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^README\\.md:${readmeLine('- run: ./load.sh --execution-id')}:\\d+: job "load" runs a file of the repository before checking it out`,
        ),
      ),
    ]);
    expect(report(checkCheckout(['.github/workflows/ci.yml'], copy))).toEqual([
      expect.stringMatching(
        /^\.github\/workflows\/ci\.yml:\d+:\d+: job "story-end" runs a file of the repository before/,
      ),
    ]);
  });

  it('action metadata: the runtime, post-if, a missing bundle, an undocumented input', () => {
    edit('action.yml', 'using: node24', 'using: node20');
    edit('action.yml', /\n\s*post-if: always\(\)/, '');
    edit('end/action.yml', '../dist/end/index.js', '../dist/end/missing.js');
    edit('end/action.yml', /(\n {2}message:\n)\s*description: .*\n/, '$1');
    expect(report(checkActionMetadata('action.yml', copy))).toEqual([
      expect.stringContaining('runs.using is "node20", expected node24'),
      expect.stringContaining('runs.post-if must be always()'),
    ]);
    expect(report(checkActionMetadata('end/action.yml', copy))).toEqual([
      expect.stringContaining('runs.main "../dist/end/missing.js" does not exist'),
      expect.stringContaining('input "message" has no description'),
    ]);
  });

  it('uses: an unknown input of the action, a mistyped input and an unknown secret of the reusable workflow', () => {
    edit('.github/workflows/ci.yml', 'auto-end: false', 'auto-ends: false');
    edit('examples/caller.yml', 'retry-limit: "3"', 'retry-limit: 3');
    edit(
      'examples/caller.yml',
      'load-secret: ${{ secrets.WAREHOUSE_TOKEN }}',
      'load-secrets: ${{ secrets.WAREHOUSE_TOKEN }}',
    );
    expect(report(checkLocalUses(['.github/workflows/ci.yml', 'examples/caller.yml'], copy))).toEqual([
      expect.stringMatching(/^\.github\/workflows\/ci\.yml:\d+:\d+: \.\/ has no input "auto-ends"/),
      expect.stringMatching(/^examples\/caller\.yml:\d+:\d+: .*input "retry-limit" is a string, and 3 is a number/),
      expect.stringMatching(/^examples\/caller\.yml:\d+:\d+: .*has no secret "load-secrets"/),
    ]);
  });
});

describe('the package workflow (bfx-package.yml) offers what the batch workflow does', () => {
  interface Workflow {
    on: { workflow_call: { inputs: Record<string, unknown> } };
    jobs: Record<
      string,
      { steps: { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] }
    >;
  }
  const read = (file: string) => parse(readFileSync(join(ROOT, file), 'utf8')) as Workflow;
  const pkg = read('.github/workflows/bfx-package.yml');
  const batch = read('.github/workflows/bfx-batch.yml');
  const begin = (w: Workflow, job: string) => w.jobs[job].steps.find((s) => s.uses === 'org/bfx-begin@v1')!;
  const commandEnv = (w: Workflow, job: string) =>
    w.jobs[job].steps.filter((s) => /_COMMAND"$/.test(s.run ?? '')).map((s) => Object.keys(s.env ?? {}).sort());

  it("passes the action's variables, catalog-schema and create-catalog from inputs of the same names", () => {
    for (const name of ['variables', 'catalog-schema', 'create-catalog']) {
      expect(Object.keys(pkg.on.workflow_call.inputs)).toContain(name);
      // The same type and default (the descriptions speak of one package or of each).
      const { description: _pkg, ...own } = pkg.on.workflow_call.inputs[name] as Record<string, unknown>;
      const { description: _batch, ...batchs } = batch.on.workflow_call.inputs[name] as Record<string, unknown>;
      expect(own).toEqual(batchs);
      expect(begin(pkg, 'load').with?.[name]).toBe(`\${{ inputs.${name} }}`);
    }
  });

  it("gives the rollback and load commands every variable the batch's do, but the batch's own", () => {
    const batchOnly = ['BFX_PACKAGE_NAME', 'BFX_BATCH_EXECUTION_ID'];
    const expected = commandEnv(batch, 'packages').map((names) => names.filter((n) => !batchOnly.includes(n)));
    expect(expected[0]).toEqual(expect.arrayContaining(['BFX_LAST_EXECUTION_ID', 'BFX_VARIABLES_JSON']));
    expect(commandEnv(pkg, 'load')).toEqual(expected);
  });
});

describe("the example batch caller's load command", () => {
  it('appends the new mark to BFX_VARIABLES and its row count to BFX_ROW_COUNTS, as its comment says', () => {
    const caller = parse(readFileSync(join(ROOT, 'examples/batch-caller.yml'), 'utf8')) as {
      jobs: { nightly: { with: Record<string, string> } };
    };
    const dir = mkdtempSync(join(tmpdir(), 'bfx-caller-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      // The caller's own load script: prints how many rows it inserted.
      writeFileSync(join(dir, 'scripts/load.sh'), '#!/bin/bash\necho 42\n', { mode: 0o755 });
      for (const file of ['variables', 'row-counts']) writeFileSync(join(dir, file), '');
      execFileSync('bash', ['-eo', 'pipefail', '-c', caller.jobs.nightly.with['load-command']], {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          BFX_PACKAGE_NAME: 'LOAD_Customer',
          BFX_EXECUTION_ID: '7',
          BFX_BATCH_START_TIME: '2026-12-06T02:00:00.000Z',
          BFX_VARIABLES_JSON: '{"LastLoadDate":"1900-01-01"}',
          BFX_VARIABLES: join(dir, 'variables'),
          BFX_ROW_COUNTS: join(dir, 'row-counts'),
        },
      });
      expect(readFileSync(join(dir, 'variables'), 'utf8')).toBe('LastLoadDate=2026-12-06T02:00:00.000Z\n');
      expect(readFileSync(join(dir, 'row-counts'), 'utf8')).toBe('dbo.Customer:Insert=42\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the batch workflow (bfx-batch.yml) keeps clear of GitHub's traps", () => {
  const file = '.github/workflows/bfx-batch.yml';
  const text = readFileSync(join(ROOT, file), 'utf8');
  interface Step {
    id?: string;
    uses?: string;
    if?: string;
    run?: string;
    with?: Record<string, unknown>;
  }
  interface Job {
    if?: string;
    needs?: string | string[];
    outputs?: Record<string, string>;
    strategy?: Record<string, unknown>;
    concurrency?: { group: string; 'cancel-in-progress': boolean };
    steps: Step[];
  }
  const workflow = parse(text) as {
    permissions: Record<string, string>;
    concurrency: { group: string; 'cancel-in-progress': boolean };
    jobs: { begin: Job; packages: Job; end: Job };
  };
  const { begin, packages, end } = workflow.jobs;
  const step = (job: Job, uses: string) => job.steps.find((s) => s.uses === uses)!;

  it('begins the batch as a batch, ended by the end job, and each package under it', () => {
    expect(step(begin, 'org/bfx-begin@v1').with).toMatchObject({ 'is-batch': true, 'auto-end': false });
    expect(step(packages, 'org/bfx-begin@v1').with).toMatchObject({
      'parent-execution-id': '${{ needs.begin.outputs.execution-id }}',
    });
    expect(step(packages, 'org/bfx-begin@v1').with).not.toHaveProperty('auto-end');
    expect(step(end, 'org/bfx-begin/end@v1').with).toMatchObject({
      'execution-id': '${{ needs.begin.outputs.execution-id }}',
      status: '${{ steps.result.outputs.status }}',
    });
  });

  it('runs no package of a skipped batch, every package when one fails, and ends the batch whatever happened', () => {
    expect(packages.if).toBe("needs.begin.outputs.execution-status != 'C'");
    expect(packages.strategy).toMatchObject({
      'fail-fast': false,
      matrix: { package: '${{ fromJSON(inputs.packages) }}' },
    });
    expect(end.needs).toEqual(['begin', 'packages']);
    expect(end.if).toMatch(/^always\(\) && /);
    expect(step(end, 'org/bfx-begin/end@v1').if).toBe("steps.result.outputs.status != 'skipped'");
  });

  it("takes the batch's result from needs.packages.result, never from a matrix leg's outputs", () => {
    expect(packages.outputs).toBeUndefined();
    expect(text).not.toMatch(/needs\.packages\.outputs|jobs\.packages\.outputs/);
  });

  it('holds one concurrency group per batch and per package, never cancelling a running load; minimal permissions', () => {
    expect(workflow.concurrency).toEqual({ group: 'bfx-${{ inputs.batch-name }}', 'cancel-in-progress': false });
    expect(packages.concurrency).toEqual({ group: 'bfx-${{ matrix.package }}', 'cancel-in-progress': false });
    expect(workflow.permissions).toEqual({ contents: 'read', actions: 'read' });
  });

  const result = (executionStatus: string, packagesResult: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'bfx-batch-'));
    try {
      const output = join(dir, 'output');
      writeFileSync(output, '');
      execFileSync('bash', ['-eo', 'pipefail', '-c', end.steps.find((s) => s.id === 'result')!.run!], {
        env: {
          PATH: process.env.PATH,
          EXECUTION_STATUS: executionStatus,
          PACKAGES_RESULT: packagesResult,
          GITHUB_OUTPUT: output,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      return readFileSync(output, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each([
    ['E', 'success', 'success'],
    ['R', 'success', 'success'],
    ['A', 'success', 'success'],
    ['E', 'failure', 'failure'],
    ['R', 'cancelled', 'cancelled'],
    ['C', 'skipped', 'skipped'],
    ['E', 'skipped', 'failure'],
    ['E', '', 'failure'],
  ])('a batch begun %s whose packages job ended "%s" ends as %s', (executionStatus, packagesResult, status) => {
    expect(result(executionStatus, packagesResult)).toBe(`status=${status}\n`);
  });
});
