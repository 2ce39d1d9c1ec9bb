#!/usr/bin/env node
/** bfx: the same begin, end and catalog as the action, from a shell. */
import { createInterface } from 'node:readline/promises';
import { secretsIn, redact } from '../catalog/connection-string.js';
import { BfxError } from '../errors.js';
import { logJson, logLine, logText } from '../log-text.js';
import { disable, enable, migrate, reset, resume, skip } from './admin.js';
import type { Command } from './command.js';
import { history, status } from './inspect.js';
import { report } from './report.js';
import { begin, end } from './run.js';
import { variables } from './variables.js';
import { check, deleteCommand, purge, rename, runs } from './upkeep.js';
import { nearest } from './options.js';
// Bundled: bfx --version says the release it was built from, wherever the bundle is copied.
import packageJson from '../../package.json' with { type: 'json' };

const COMMANDS: Record<string, Command> = {
  begin,
  end,
  status,
  history,
  var: variables,
  enable,
  disable,
  skip,
  resume,
  reset,
  migrate,
  report,
  runs,
  check,
  purge,
  rename,
  delete: deleteCommand,
  version: {
    summary: 'say which release this is (as bfx --version)',
    help: 'Usage: bfx version\n\nPrints the release of bfx-begin this bfx was built from, as bfx --version does.',
    run: async () => ({ text: `bfx ${packageJson.version}`, json: { Version: packageJson.version } }),
  },
};

const USAGE = `Usage: bfx COMMAND [options]

BimlFlex-style batch orchestration: decide whether a data-pipeline package executes, retries,
resumes or is skipped, and log its executions in a catalog database.

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`)
  .join('\n')}

Run bfx COMMAND --help for a command's options, bfx --version for the release. The catalog is --connection-string, else
$BFX_CONNECTION_STRING, else sqlite:.bfx/catalog.db.

Exit codes: 0 done; 1 nothing was done (bad input, a refusal, the catalog unreachable: stderr says
why); 2 bfx check found a package that failed, is stuck or is disabled.`;

/**
 * Everything bfx prints goes through log-text.ts, since its stdout and stderr are a workflow
 * step's log when it runs in one: no line of it can start a workflow command.
 */
const print = (text: string) => console.log(logText(text));
const printError = (sentence: string) => console.error(logLine(sentence));

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    print(USAGE);
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-V') {
    console.log(`bfx ${packageJson.version}`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const near = nearest(name.replace(/^-+/, ''), Object.keys(COMMANDS));
    throw new BfxError(
      `"${name}" is not a bfx command, so nothing was done: ${near ? `did you mean bfx ${near}? (` : ''}run bfx --help for the list${near ? ')' : ''}.`,
    );
  }
  if (args.includes('--help') || args.includes('-h')) {
    print(command.help);
    return 0;
  }
  const json = args.includes('--json');
  const result = await command.run(args, terminal);
  if (result.warning) printError(`warning: ${result.warning}`);
  if (json) console.log(logJson(result.json));
  else print(result.text);
  return result.exitCode ?? 0;
}

/** Questions go to stdout and answers come from stdin, only when both are a terminal. */
const terminal = {
  async ask(question: string): Promise<string | null> {
    if (!process.stdin.isTTY || !process.stdout.isTTY) return null;
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    try {
      return await prompt.question(`${logLine(question)} `);
    } finally {
      prompt.close();
    }
  },
};

/** The secrets of every connection string given (-c X, -cX, --connection-string X or =X) or in the environment. */
function secrets(argv: string[]): string[] {
  const given = argv.flatMap((arg, i) => {
    if (arg === '--connection-string' || arg === '-c') return [argv[i + 1] ?? ''];
    if (arg.startsWith('--connection-string=')) return [arg.slice('--connection-string='.length)];
    if (/^-c./s.test(arg)) return [arg.slice(2)];
    return [];
  });
  return [...given, process.env.BFX_CONNECTION_STRING ?? ''].flatMap((value) => (value ? secretsIn(value) : []));
}

const argv = process.argv.slice(2);
try {
  process.exitCode = await main(argv);
} catch (error) {
  const message =
    error instanceof BfxError
      ? error.message
      : `bfx stopped on an unexpected error (${error instanceof Error ? error.message : String(error)}): rerun with BFX_DEBUG=1 and report it.`;
  printError(`error: ${redact(message, secrets(argv))}`);
  if (process.env.BFX_DEBUG && error instanceof Error && error.stack) {
    console.error(logText(redact(error.stack, secrets(argv))));
  }
  process.exitCode = 1;
}
