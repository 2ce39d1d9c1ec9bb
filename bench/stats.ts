/** Small helpers of the benchmark: percentiles and plain-text tables. */

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const ms = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');
export const fraction = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '-');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A table with a title, right-aligned numbers and a note under it. */
export function table(title: string, header: string[], rows: string[][], notes: string[] = []): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const numeric = header.map((_, i) =>
    rows.every((row) => /^[-+]?[\d.,]+( ?(x|ms|KB|%|\/s))?$|^-$/.test(row[i] ?? '')),
  );
  const line = (cells: string[]) =>
    '| ' + cells.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ') + ' |';
  const rule =
    '|' + widths.map((width, i) => (numeric[i] ? '-'.repeat(width + 1) + ':' : '-'.repeat(width + 2))).join('|') + '|';
  return [`### ${title}`, '', line(header), rule, ...rows.map(line), '', ...notes.map((note) => `${note}`), ''].join(
    '\n',
  );
}

export const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));
