/**
 * src/action/names.ts holds every input and output name the action shell uses: the same names
 * action.yml and end/action.yml declare, no more and no fewer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../../scripts/runner.mjs';
import { Inputs, Outputs, ReportOutputs } from '../../src/action/names.js';

const metadata = (file: string) =>
  parse(readFileSync(join(ROOT, file), 'utf8')) as {
    inputs: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  };

describe('action shell names', () => {
  it('Inputs are the inputs of action.yml, end/action.yml and report/action.yml together', () => {
    const declared = new Set([
      ...Object.keys(metadata('action.yml').inputs),
      ...Object.keys(metadata('end/action.yml').inputs),
      ...Object.keys(metadata('report/action.yml').inputs),
    ]);
    expect(new Set(Object.values(Inputs))).toEqual(declared);
  });

  it("Outputs are action.yml's outputs, in order", () => {
    expect(Object.values(Outputs)).toEqual(Object.keys(metadata('action.yml').outputs ?? {}));
  });

  it("ReportOutputs are report/action.yml's outputs", () => {
    expect(Object.values(ReportOutputs)).toEqual(Object.keys(metadata('report/action.yml').outputs ?? {}));
  });
});
