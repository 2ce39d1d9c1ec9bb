/**
 * Workflow-command injection through the shipped bundles (issue 12): package names, messages,
 * variables, row counts, run keys, audit details, catalog paths and the errors that quote them
 * are text users or servers control. Run as the runner runs the action, and as a `run:` step runs
 * bfx, no line of their output may be a workflow command the runner would act on, except the
 * ones the action issues itself; the job summary's markup stays whole.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startJob } from '../../scripts/runner.mjs';
import { secretsIn } from '../../src/catalog/connection-string.js';
import { workflowCommands } from '../support/workflow-commands.js';
import { bfx, executions, runActionStep, tempCatalog, type StepResult } from './support.js';

/** Every line here would be a command to the runner if printed as it is. */
const LINES = [
  '::error::injected error',
  '::add-mask::LOAD',
  '::stop-commands::pause',
  '  ::warning::indented',
  '\u200b::error::behind a zero-width space',
  'x ##[error]old form',
];
const HOSTILE = ['LOAD_Evil', ...LINES, '', '# a markdown heading', '```mermaid', '<script>x</script>'].join('\n');

const RUN = { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_JOB: 'load' };

/** The commands a step issued, by name, with the data of each add-mask: all must be the action's own. */
function commandsOf(step: StepResult) {
  const commands = workflowCommands(`${step.stdout}\n${step.stderr}`);
  return {
    names: [...new Set(commands.map((command) => command.name))].sort(),
    masks: commands
      .filter((command) => command.name === 'add-mask')
      .map((command) =>
        command.line.slice('::add-mask::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'),
      ),
    errors: commands.filter((command) => command.name === 'error').length,
  };
}

/** The action's own commands: masks of the connection string's secrets, the details group, annotations. */
function expectOwnCommands(step: StepResult, connectionString: string, allowed: string[], errors = 0) {
  const { names, masks, errors: errorCount } = commandsOf(step);
  for (const name of names) expect(allowed, `command ${name}`).toContain(name);
  for (const mask of masks) expect(secretsIn(connectionString)).toContain(mask);
  expect(errorCount).toBe(errors);
}

/** The summary as markdown: no line of it may be markdown the hostile text wrote. */
function expectWholeSummary(summary: string) {
  const lines = summary.split('\n');
  expect(lines).not.toContain('# a markdown heading');
  expect(lines).not.toContain('```mermaid\n');
  expect(summary).not.toContain('<script>');
  // A blank line ends an HTML block: the only ones are between the action's own blocks.
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '' && i + 1 < lines.length && lines[i + 1].trim() !== '') {
      expect(lines[i + 1]).toMatch(/^(<|```mermaid$)/);
    }
  }
}

describe('the action: hostile text never starts a workflow command', () => {
  it('a package name of many lines, through begin, its summary and its post step', async () => {
    const { path, connectionString } = tempCatalog();
    const inputs = { 'package-name': HOSTILE, 'connection-string': connectionString };
    const main = await runActionStep({ inputs, env: RUN });
    expect(main.exitCode).toBe(0);
    expect(main.outputs.ExecutionStatus).toBe('E');
    expectOwnCommands(main, connectionString, ['add-mask', 'group', 'endgroup']);
    expect(main.stdout).toContain('LOAD_Evil\\n::error::injected error\\n::add-mask::LOAD\\n');
    expect(main.summary).toContain('<h3>bfx-begin: LOAD_Evil&#10;::error::injected error&#10;');
    expectWholeSummary(main.summary);

    const post = await runActionStep({ phase: 'post', inputs, env: RUN, state: main.state, jobStatus: 'failure' });
    expect(post.exitCode).toBe(0);
    expectOwnCommands(post, connectionString, ['add-mask']);
    expectWholeSummary(post.summary);
    // The name is data: stored exactly as given.
    expect(executions(path)[0]).toMatchObject({ PackageName: HOSTILE, ExecutionStatus: 'F' });

    // Skipped, the same name is in a notice: an annotation, its data escaped by @actions/core.
    expect((await bfx(['disable', HOSTILE, '-c', connectionString])).exitCode).toBe(0);
    const skipped = await runActionStep({ inputs, env: { ...RUN, GITHUB_RUN_ID: '43' } });
    expect(skipped.outputs.ExecutionStatus).toBe('C');
    expectOwnCommands(skipped, connectionString, ['add-mask', 'group', 'endgroup', 'notice']);
  });

  it('a package name that starts like a command, on one line', async () => {
    const { connectionString } = tempCatalog();
    const main = await runActionStep({
      inputs: { 'package-name': '::error::LOAD_Evil ##[add-mask]x', 'connection-string': connectionString },
      env: RUN,
    });
    expect(main.exitCode).toBe(0);
    expectOwnCommands(main, connectionString, ['add-mask', 'group', 'endgroup']);
    expect(main.stdout).toContain('\\::error::LOAD_Evil ##\\[add-mask]x: ExecutionID 1');
  });

  it('a message, variables and row counts given to end/action.yml', async () => {
    const { path, connectionString } = tempCatalog();
    const begin = await runActionStep({
      inputs: {
        'package-name': 'LOAD_Sales',
        'connection-string': connectionString,
        'auto-end': 'false',
        variables: `::error::Mark=##[error]default\nLastLoadDate=${LINES.join(' ')}`,
      },
      env: RUN,
    });
    expect(begin.exitCode).toBe(0);
    expectOwnCommands(begin, connectionString, ['add-mask', 'group', 'endgroup']);
    expectWholeSummary(begin.summary);
    const end = await runActionStep({
      action: 'end',
      inputs: {
        'execution-id': begin.outputs.ExecutionID,
        'connection-string': connectionString,
        status: 'failure',
        message: HOSTILE,
        variables: '::error::Mark=::add-mask::v2',
        'row-counts': `##[add-mask]dbo.T:Insert=1\n::error::x:Update=2\n${'<b>'}dbo.U\u200b:Delete=3`,
      },
      env: RUN,
    });
    expect(end.exitCode).toBe(0);
    expectOwnCommands(end, connectionString, ['add-mask']);
    expect(end.summary).toContain('<b>Message:</b> LOAD_Evil&#10;::error::injected error&#10;');
    expectWholeSummary(end.summary);
    expect(executions(path)[0]).toMatchObject({ ExecutionStatus: 'F', ErrorMessage: HOSTILE });
  });

  it('a malformed line the load wrote, which the post step quotes when it fails', async () => {
    const { connectionString } = tempCatalog();
    const job = startJob({ env: RUN });
    try {
      const inputs = { 'package-name': 'LOAD_Sales', 'connection-string': connectionString };
      const main = await job.runStep({ inputs });
      await job.run(`printf '%s\\n' '::error::no equals sign' '##[add-mask]x' >> "$BFX_VARIABLES"`);
      const post = await job.runStep({ phase: 'post', inputs, state: main.state });
      expect(post.exitCode).toBe(1);
      // Its one error: the action's own annotation, which quotes the line as data.
      expectOwnCommands(post, connectionString, ['add-mask', 'error', 'debug'], 1);
      expect(post.stdout).toMatch(/^::error::Line 1 of the BFX_VARIABLES file \("::error::no equals sign"\)/m);
      expectWholeSummary(post.summary);
    } finally {
      job.remove();
    }
  });

  describe('a catalog path that holds commands, shown in the log and in errors', () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });
    const hostilePath = () => {
      const dir = mkdtempSync(join(tmpdir(), 'bfx-e2e-'));
      dirs.push(dir);
      return join(dir, '::error::path\n::add-mask::catalog\n##[error]x', 'catalog.db');
    };

    it('in the details of a begin', async () => {
      const connectionString = `sqlite:${hostilePath()}`;
      const main = await runActionStep({
        inputs: { 'package-name': 'LOAD_Sales', 'connection-string': connectionString },
        env: RUN,
      });
      expect(main.exitCode).toBe(0);
      expectOwnCommands(main, connectionString, ['add-mask', 'group', 'endgroup']);
      expectWholeSummary(main.summary);
    });

    it('in the sentence of a step that fails', async () => {
      const connectionString = `sqlite:${hostilePath()}`;
      const main = await runActionStep({
        inputs: { 'package-name': 'LOAD_Sales', 'connection-string': connectionString, 'create-catalog': 'false' },
        env: RUN,
      });
      expect(main.exitCode).toBe(1);
      expectOwnCommands(main, connectionString, ['add-mask', 'error', 'debug'], 1);
    });
  });
});

describe('bfx: hostile text never starts a workflow command, on stdout or stderr', () => {
  const expectNoCommand = (result: { stdout: string; stderr: string }) =>
    expect(workflowCommands(`${result.stdout}\n${result.stderr}`)).toEqual([]);

  it('through begin, end, status, history, var and the operator commands, as text and as JSON', async () => {
    const { connectionString } = tempCatalog();
    const c = ['-c', connectionString];
    const run = async (args: string[], exitCode = 0) => {
      const result = await bfx(args);
      expect(result.exitCode, `${args[0]}: ${result.stderr}`).toBe(exitCode);
      expectNoCommand(result);
      return result;
    };

    const begun = await run([
      'begin',
      HOSTILE,
      '--run-key',
      `key\n${LINES[0]}`,
      '--var',
      `::error::Mark=${LINES[5]}`,
      ...c,
    ]);
    expect(begun.stdout).toContain('LOAD_Evil\\n::error::injected error\\n');
    const json = await run(['begin', HOSTILE, '--run-key', `key\n${LINES[0]}`, '--json', ...c]);
    expect(JSON.parse(json.stdout)).toMatchObject({ ExecutionID: '1', RunKey: `key\n${LINES[0]}` });

    await run(['end', '1', '--status', 'failure', '--message', HOSTILE, '--rows', `${LINES[5]}:Insert=1`, ...c]);
    await run(['end', '1', '--run-key', `other\n${LINES[1]}`, ...c]);
    await run([
      'var',
      'set',
      HOSTILE,
      '::add-mask::Mark',
      LINES.join('\n'),
      '--reason',
      HOSTILE,
      '--actor',
      LINES[2],
      ...c,
    ]);
    await run(['disable', HOSTILE, '--reason', HOSTILE, '--actor', LINES[0], ...c]);
    await run(['enable', HOSTILE, '--reason', `back\n${LINES[1]}`, ...c]);
    await run(['begin', HOSTILE, ...c]);
    await run(['reset', HOSTILE, '--message', HOSTILE, ...c]);
    for (const args of [['status'], ['history', HOSTILE], ['var', HOSTILE], ['history', '--parent', '1']]) {
      await run([...args, ...c]);
      const asJson = await run([...args, '--json', ...c]);
      expect(() => JSON.parse(asJson.stdout) as unknown).not.toThrow();
    }
    const status = JSON.parse((await run(['status', '--json', ...c])).stdout);
    expect(status[0].PackageName).toBe(HOSTILE);
    const history = JSON.parse((await run(['history', HOSTILE, '--json', ...c])).stdout);
    expect(history.at(-1)).toMatchObject({ ErrorMessage: HOSTILE });
    expect(history.flatMap((item: { Audit: { Detail: string }[] }) => item.Audit).length).toBeGreaterThan(0);

    // Refusals quote what was given: on stderr, through the same gate.
    await run([HOSTILE], 1);
    await run(['begin', HOSTILE, '--retry-limit', LINES[0], ...c], 1);
    await run(['status', `Missing\n${LINES[0]}`, ...c], 1);
    await run(['enable', `Missing\n${LINES[1]}`, ...c], 1);
    await run(['history', HOSTILE, '-n', `${LINES[2]}`, ...c], 1);
    await run(['begin', HOSTILE, `--${LINES[0]}`, ...c], 1);
  });
});
