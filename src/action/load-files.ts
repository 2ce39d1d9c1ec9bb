/**
 * The two files a load reports back through (README, "Incremental loads"): the main
 * step creates them empty under RUNNER_TEMP and exports their paths as BFX_VARIABLES and
 * BFX_ROW_COUNTS to every later step of its job; the load appends `NAME=VALUE` and
 * `OBJECT:COUNTTYPE=N` lines; the post step (or end/action.yml in the same job) reads them. The
 * files are named after their execution, so an end never reads another execution's files.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import type { RowCount, VariableValue } from '../catalog/catalog.js';
import { BfxError } from '../errors.js';
import { parseRowCounts, parseVariables } from '../parse-load-files.js';
import { warning } from './log.js';
import { Env } from './names.js';

export interface LoadFiles {
  variables: string;
  rowCounts: string;
}

/** What a load reported: high-water marks it reached and row counts, each validated. */
export interface LoadReport {
  variables: VariableValue[];
  rowCounts: RowCount[];
}

export const EMPTY_REPORT: LoadReport = { variables: [], rowCounts: [] };

/**
 * Creates the two empty files of a runnable execution under RUNNER_TEMP (the runner empties it
 * after each job): bfx-<ExecutionID>-variables.txt and bfx-<ExecutionID>-row-counts.txt, or with
 * -2, -3... after the ID when another step of the job already made that pair (a second begin of
 * the same package, which gets the same execution back). Never reuses a file.
 */
export function createLoadFiles(executionId: string): LoadFiles {
  // node:os only off a runner: loading it is about 2 million instructions of a step's start-up
  // (docs/performance.md, start-up), and a runner always gives RUNNER_TEMP.
  const dir = process.env.RUNNER_TEMP || process.getBuiltinModule('node:os').tmpdir();
  for (let n = 1; ; n++) {
    const stem = join(dir, `bfx-${executionId}${n > 1 ? `-${n}` : ''}`);
    const files = { variables: `${stem}-variables.txt`, rowCounts: `${stem}-row-counts.txt` };
    if (existsSync(files.variables) || existsSync(files.rowCounts)) continue;
    for (const file of [files.variables, files.rowCounts]) closeSync(openSync(file, 'wx'));
    return files;
  }
}

/** Whether a file is one of this execution's (created by createLoadFiles for it). */
export function isLoadFileOf(file: string, executionId: string): boolean {
  return new RegExp(`^bfx-${executionId}(-\\d+)?-(variables|row-counts)\\.txt$`).test(basename(file));
}

/**
 * The most a load file may hold. Marks and row counts are a few lines; a file far larger is a
 * load writing something else to it, and reading it whole would hold the end up.
 */
export const MAX_LOAD_FILE_BYTES = 1024 * 1024;

/**
 * Reads what the load wrote. Whatever is wrong with a file (not a regular file, unreadable, too
 * large, a malformed line or a NUL byte) throws one sentence (BfxError) naming it, and nothing of
 * either file is used; a missing file (removed by a step) is a warning and counts as empty, so the
 * execution is still ended.
 */
export function readLoadFiles(files: Partial<LoadFiles>): LoadReport {
  const variables = read(files.variables, Env.VariablesFile);
  const rowCounts = read(files.rowCounts, Env.RowCountsFile);
  return {
    variables: toValues(parseVariables(variables.text, variables.source)),
    rowCounts: parseRowCounts(rowCounts.text, rowCounts.source),
  };
}

/** A report given as inputs replaces, name by name and count by count, what the files say. */
export function mergeReports(first: LoadReport, then: LoadReport): LoadReport {
  const variables = new Map(first.variables.map((v) => [v.name, v.value]));
  for (const v of then.variables) variables.set(v.name, v.value);
  const counts = new Map(first.rowCounts.map((c) => [JSON.stringify([c.objectName, c.countType]), c]));
  for (const c of then.rowCounts) counts.set(JSON.stringify([c.objectName, c.countType]), c);
  return { variables: toValues(variables), rowCounts: [...counts.values()] };
}

export const toValues = (variables: Map<string, string>): VariableValue[] =>
  [...variables].map(([name, value]) => ({ name, value }));

/**
 * The file's text: UTF-8 (a byte order mark dropped), or UTF-16 when it starts with one (what
 * Windows PowerShell 5's `>>` writes). Only a regular file is read (a link is followed to what it
 * names), and at most MAX_LOAD_FILE_BYTES of it: it is opened without waiting (a FIFO would wait
 * for a writer forever) and judged by what was opened, not by its name, so nothing can be put in
 * its place between the look and the read.
 */
function read(file: string | undefined, name: string): { text: string; source: string } {
  const source = `the ${name} file`;
  if (!file) return { text: '', source };
  const refused = (
    what: string,
    todo = 'let the load append lines to the file the begin step made, and never replace it',
  ) => new BfxError(`The ${name} file (${file}) ${what}, so nothing the load reported was stored: ${todo}.`);
  let fd: number;
  try {
    // O_NONBLOCK is Unix's; Windows has no FIFO to wait on.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      warning(
        `The ${name} file ${file} is gone, so nothing the load wrote to it was read: leave the file in place until the job ends.`,
      );
      return { text: '', source };
    }
    throw refused(
      `cannot be read (${errorCode(error)})`,
      'leave the file as the begin step made it, readable by the job',
    );
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw refused(`is ${kindOf(stats)}, not a regular file`);
    if (stats.size > MAX_LOAD_FILE_BYTES) {
      throw refused(
        `is ${stats.size} bytes, more than the ${MAX_LOAD_FILE_BYTES} bytes (1 MiB) bfx-begin reads`,
        'write only the high-water marks and row counts to it, one short line each',
      );
    }
    // One byte more than the limit tells a file that grew since fstat from one that did not.
    const buffer = Buffer.alloc(MAX_LOAD_FILE_BYTES + 1);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0;)
      length += n;
    if (length > MAX_LOAD_FILE_BYTES) {
      throw refused(
        `grew past the ${MAX_LOAD_FILE_BYTES} bytes (1 MiB) bfx-begin reads while it was read`,
        'write only the high-water marks and row counts to it, and finish writing before the job ends',
      );
    }
    const bytes = buffer.subarray(0, length);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), source };
    const text = bytes.toString('utf8');
    return { text: text.startsWith('\uFEFF') ? text.slice(1) : text, source };
  } catch (error) {
    if (error instanceof BfxError) throw error;
    throw refused(
      `cannot be read (${errorCode(error)})`,
      'leave the file as the begin step made it, readable by the job',
    );
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

/** The error's code (EACCES, EISDIR...), never its message: a code names the fault and nothing else. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'an error of the file system';
}
