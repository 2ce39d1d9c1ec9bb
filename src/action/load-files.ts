/**
 * The two files a load reports back through (README, "Incremental loads"): the main
 * step creates them empty under RUNNER_TEMP and exports their paths as BFX_VARIABLES and
 * BFX_ROW_COUNTS to every later step of its job; the load appends `NAME=VALUE` and
 * `OBJECT:COUNTTYPE=N` lines; the post step (or end/action.yml in the same job) reads them. The
 * files are named after their execution, so an end never reads another execution's files.
 */
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { RowCount, VariableValue } from '../catalog/catalog.js';
import { parseRowCounts, parseVariables } from '../load-report.js';
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
  const dir = process.env.RUNNER_TEMP || tmpdir();
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
 * Reads what the load wrote. A malformed line throws the parser's one sentence (BfxError) and
 * nothing of either file is used; a missing file (removed by a step) is a warning and counts as
 * empty, so the execution is still ended.
 */
export function readLoadFiles(files: Partial<LoadFiles>): LoadReport {
  const variables = read(files.variables, Env.VariablesFile);
  const rowCounts = read(files.rowCounts, Env.RowCountsFile);
  return {
    variables: toValues(parseVariables(variables, `the ${Env.VariablesFile} file`)),
    rowCounts: parseRowCounts(rowCounts, `the ${Env.RowCountsFile} file`),
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
 * Windows PowerShell 5's `>>` writes).
 */
function read(file: string | undefined, name: string): string {
  if (!file) return '';
  if (!existsSync(file)) {
    warning(
      `The ${name} file ${file} is gone, so nothing the load wrote to it was read: leave the file in place until the job ends.`,
    );
    return '';
  }
  const bytes = readFileSync(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
