/**
 * bfx report, as a user runs it (the shipped CLI) against a catalog seeded through the shipped CLI
 * and action, and the page it writes as a person sees it: in a real headless Chromium, offline.
 * The page opens with no request and no console error; every package and every status is on it;
 * the filters hide what they should; the keyboard reaches every cell and the details; an
 * accessibility checker (axe-core) finds no serious violation, in light and in dark mode.
 *
 * BFX_UPDATE_SCREENSHOTS=1 writes the screenshots of the README and docs/report.md (docs/*.png).
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, launchChromium } from '../support/browser.js';
import { SEEDED_PACKAGES, seedCatalog } from './report-seed.js';
import { bfx, ROOT, runActionStep, tempCatalog, tempDir } from './support.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = process.env.BFX_UPDATE_SCREENSHOTS ? join(ROOT, 'docs') : tempDir('bfx-report-shots-');

/** Runs in the page: the element's computed background colour. */
const backgroundColor = (element: { ownerDocument: unknown }) =>
  (
    element.ownerDocument as { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } }
  ).defaultView.getComputedStyle(element).backgroundColor;

let catalog: { path: string; connectionString: string };
let out: string;
let written: { exitCode: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  catalog = tempCatalog();
  await seedCatalog(catalog.connectionString);
  out = join(tempDir('bfx-report-'), 'site', 'report.html');
  written = await bfx(['report', '--out', out, '-c', catalog.connectionString]);
}, 180_000);

describe('bfx report', () => {
  it('writes one HTML file and says what is in it', () => {
    expect(written.stderr).toBe('');
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toMatch(
      new RegExp(
        `^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 11 package\\(s\\), \\d+ execution\\(s\\) and 3 batch execution\\(s\\) since \\d{4}-`,
      ),
    );
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    // Nothing to fetch: no external script, style, image or font.
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toContain(catalog.connectionString);
  });

  it('shows only the packages asked for, and a batch with its children', async () => {
    const only = join(tempDir('bfx-report-'), 'batch.html');
    const result = await bfx([
      'report',
      '--out',
      only,
      '--package',
      'BATCH_Nightly',
      '--json',
      '-c',
      catalog.connectionString,
    ]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ path: only, packages: 4, batchExecutions: 3 });
  });

  it.each([
    [
      ['--since', '2w'],
      'The --since "2w" is not a duration, so bfx report did nothing: give minutes, hours or days such as 90m, 24h or 7d (a bare number is days), up to ten years.',
    ],
    [
      ['--package', 'LOAD_Nope'],
      'The catalog has no package named "LOAD_Nope", so no report was written: check the --package names against bfx status, or leave --package out for every package.',
    ],
    [[], 'bfx report needs --out FILE.html, the file to write, so it did nothing.'],
  ])('refuses %j with one sentence and writes nothing', async (args, sentence) => {
    const target = join(tempDir('bfx-report-'), 'refused.html');
    const result = await bfx([
      'report',
      ...(args.length === 0 ? [] : ['--out', target]),
      ...args,
      '-c',
      catalog.connectionString,
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr.trim()).toBe(`error: ${sentence}`);
    expect(() => statSync(target)).toThrow();
  });
});

describe('the report/ sub-action, run as the GitHub runner runs it', () => {
  it('writes the same report where path says, and outputs its absolute path', async () => {
    const workspace = tempDir('bfx-report-ws-');
    const step = await runActionStep({
      action: 'report',
      inputs: { 'connection-string': catalog.connectionString, path: 'site/index.html', 'since-days': '7' },
      env: { GITHUB_WORKSPACE: workspace },
    });
    expect(step.stderr).toBe('');
    expect(step.exitCode).toBe(0);
    const path = join(workspace, 'site', 'index.html');
    expect(step.outputs).toEqual({ path });
    expect(step.stdout).toMatch(
      /bfx-report: wrote .*site\/index\.html: 11 package\(s\), \d+ execution\(s\) and 3 batch execution\(s\) since /,
    );
    expect(readFileSync(path, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('refuses a since-days that is not a whole number of days, with one sentence', async () => {
    const step = await runActionStep({
      action: 'report',
      inputs: { 'connection-string': catalog.connectionString, 'since-days': '1.5' },
      env: { GITHUB_WORKSPACE: tempDir('bfx-report-ws-') },
    });
    expect(step.exitCode).toBe(1);
    expect(step.stdout).toContain(
      '::error::The since-days input "1.5" is not a whole number of days, so no report was written: give 1 or more, such as 30.',
    );
    expect(step.outputs).toEqual({});
  });
});

if (!CHROMIUM) {
  console.warn(
    'The report page was not checked in a browser: no Chromium on this machine (install Debian package chromium, or set BFX_CHROMIUM).',
  );
}

describe.skipIf(!CHROMIUM)('the report page, in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.goto(pathToFileURL(out).href);
    await page.locator('#grid').waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.[Symbol.asyncDispose]();
  });

  const gridRow = (name: string) =>
    page.locator('#grid tbody tr', {
      has: page.locator('td.name', { hasText: new RegExp(`^${name}(batch|disabled)*$`) }),
    });
  const visibleRows = async () =>
    (await page.locator('#grid tbody tr:visible td.name').allTextContents()).map((text) =>
      text.replace(/(batch|disabled)+$/, ''),
    );

  it('opens with no request beyond the file itself and no console error', async () => {
    expect(requests.filter((url) => !url.startsWith('file:') && !url.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('shows every package, each batch followed by its children, and where each stands', async () => {
    expect(await visibleRows()).toEqual([
      'BATCH_Nightly',
      'LOAD_Customer',
      'LOAD_Orders',
      'LOAD_Sales',
      'LOAD_Archive',
      'LOAD_Events',
      'LOAD_Ledger',
      'LOAD_Legacy',
      'LOAD_Payments',
      'LOAD_Stock',
      'LOAD_Web',
    ]);
    expect([...SEEDED_PACKAGES].sort()).toEqual([...(await visibleRows())].sort());
    const state = async (name: string) => (await gridRow(name).locator('td.state').textContent())?.trim();
    expect(await state('LOAD_Ledger')).toBe('Failing');
    expect(await gridRow('LOAD_Ledger').locator('td').nth(2).textContent()).toMatch(
      /^3 in a row, last success \d{4}-\d\d-\d\d /,
    );
    expect(await state('LOAD_Archive')).toBe('Disabled');
    expect(await state('LOAD_Legacy')).toBe('Skipped');
    expect(await state('LOAD_Events')).toBe('Running');
    expect(await state('LOAD_Stock')).toBe('Running');
    expect(await state('LOAD_Payments')).toBe('Running');
    expect(await state('LOAD_Web')).toBe('OK');
    await expect.poll(() => page.locator('#attention-table tbody tr').count()).toBe(8);
  });

  it('shows every status as a coloured cell with its letter', async () => {
    for (const status of ['S', 'F', 'R', 'A', 'E', 'C']) {
      const cells = page.locator(`#grid .cell.st-${status}`);
      expect(await cells.count(), status).toBeGreaterThan(0);
      await expect.poll(() => cells.first().isVisible(), { message: status }).toBe(true);
      expect(await cells.first().textContent()).toBe(status);
    }
    expect(await page.locator('#grid .cell.st-F').first().evaluate(backgroundColor)).toBe('rgb(194, 38, 46)');
  });

  it('opens the details of a cell: times, retries, NextLoadStatus, message, row counts and the GitHub run', async () => {
    await gridRow('LOAD_Web').locator('.cell').last().click();
    const details = page.locator('#details');
    await expect.poll(() => details.isVisible()).toBe(true);
    expect(await details.locator('a').getAttribute('href')).toBe(
      'https://github.com/acme/loads/actions/runs/9876543210/attempts/2',
    );
    expect(await details.locator('a').textContent()).toBe('run 9876543210 (attempt 2) of acme/loads');
    await details.locator('button.close').click();

    await gridRow('LOAD_Orders').locator('.cell.st-F').click();
    const text = await details.textContent();
    expect(text).toContain('ExecutionStatusF (Failed)');
    expect(text).toContain('NextLoadStatusR (Retry)');
    expect(text).toContain('MessageThe source file orders.csv was missing.');
    expect(text).toContain('Batch executionBATCH_Nightly, execution');
    await gridRow('LOAD_Customer').locator('.cell.st-S').last().click();
    expect(await details.textContent()).toContain('Row countsdbo.Customer Insert: 1,250\ndbo.Customer Update: 40');
    await page.keyboard.press('Escape');
    await expect.poll(() => details.isVisible()).toBe(false);
  });

  it('hides what a filter excludes, and shows it again when cleared', async () => {
    await page.fill('#f-name', 'load_s');
    expect(await visibleRows()).toEqual(['LOAD_Sales', 'LOAD_Stock']);
    await page.fill('#f-name', '');

    await page.selectOption('#f-state', 'disabled');
    expect(await visibleRows()).toEqual(['LOAD_Archive']);
    await page.selectOption('#f-state', '');

    await page.selectOption('#f-batch', { label: 'BATCH_Nightly' });
    expect(await visibleRows()).toEqual(['BATCH_Nightly', 'LOAD_Customer', 'LOAD_Orders', 'LOAD_Sales']);
    await page.selectOption('#f-batch', '');

    for (const status of ['S', 'R', 'A', 'E', 'C']) await page.uncheck(`#filters input[value=${status}]`);
    expect(await visibleRows()).toEqual(['BATCH_Nightly', 'LOAD_Orders', 'LOAD_Sales', 'LOAD_Ledger', 'LOAD_Payments']);
    expect(await page.locator('#grid .cell.st-S:visible').count()).toBe(0);
    expect(await page.locator('#grid .cell.st-F:visible').count()).toBe(7);
    expect(await page.locator('#shown').textContent()).toBe('Showing 5 of 11 packages, executions with status F.');

    await page.click('#filters button[type=reset]');
    await expect.poll(visibleRows).toHaveLength(11);
    expect(await page.locator('#grid .cell.st-S:visible').count()).toBeGreaterThan(0);
  });

  it('sorts the grid by a column, and the audit log by any of its columns', async () => {
    await page.click('#grid th[data-sort=streak] button');
    expect((await visibleRows())[0]).toBe('LOAD_Ledger');
    expect(await page.locator('#grid th[data-sort=streak]').getAttribute('aria-sort')).toBe('descending');
    await page.click('#grid th[data-sort=name] button');
    expect((await visibleRows())[0]).toBe('BATCH_Nightly');

    const actions = () => page.locator('#audit tbody tr:visible td:nth-child(3)').allTextContents();
    expect(await actions()).toEqual(['skip', 'disable', 'takeover']);
    await page.click('#audit th[data-col="2"] button');
    expect(await actions()).toEqual(['disable', 'skip', 'takeover']);
    await page.fill('#f-audit', 'retired');
    expect(await page.locator('#audit tbody tr:visible').count()).toBe(1);
    await page.fill('#f-audit', '');
  });

  it('draws the timeline of a batch execution when it is opened', async () => {
    const batch = page.locator('details.batch').nth(1);
    expect(await batch.locator('summary').textContent()).toMatch(
      /^BATCH_Nightly, execution \d+: F \(Failed\), .*4 child execution\(s\), 2 failed$/,
    );
    await batch.locator('summary').click();
    await expect.poll(() => batch.locator('svg.timeline rect').count()).toBe(5);
    expect(await batch.locator('tbody tr').count()).toBe(4);
    expect(await batch.locator('.tag', { hasText: 'earlier attempt' }).count()).toBe(1);
    expect(await batch.textContent()).toContain(
      'Rows of the batch (latest attempts): dbo.Customer Insert 1,250 · dbo.Customer Update 40 · dbo.Sales Insert 9,300',
    );
  });

  it('is used by keyboard: one tab stop into the grid, arrows between cells, Enter for details, Escape back', async () => {
    // The grid remembers its cell: the one last focused is its tab stop.
    await gridRow('BATCH_Nightly').locator('.cell').last().focus();
    await page.focus('#filters button[type=reset]');
    const focused = () =>
      page.evaluate<string>('document.activeElement.getAttribute("aria-label") || document.activeElement.tagName');
    // The sort buttons of the header come first, then the grid's one cell in the tab order.
    for (let i = 0; i < 8 && !(await focused())?.includes('execution'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^BATCH_Nightly, execution \d+: S \(Succeeded\)/);
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toMatch(/^LOAD_Customer, execution \d+: C \(Canceled\)/);
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toMatch(/^LOAD_Customer, execution \d+: S \(Succeeded\)/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#details').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await focused()).toMatch(/^LOAD_Customer, execution \d+: S \(Succeeded\)/);
  });

  async function seriousViolations(): Promise<string[]> {
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate<{
      violations: Array<{ id: string; impact: string; help: string; nodes: unknown[] }>;
    }>('axe.run()');
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes.length} nodes): ${violation.help}`);
  }

  it('has no serious accessibility violation (axe-core), light mode', async () => {
    await page.locator('details.batch').first().locator('summary').click();
    await gridRow('LOAD_Orders').locator('.cell.st-F').click();
    expect(await seriousViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.evaluate('document.activeElement.blur(); window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SCREENSHOTS, 'report.png'), fullPage: true });
  });

  it('is readable in dark mode, with no serious accessibility violation either', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.locator('body').evaluate(backgroundColor)).toBe('rgb(13, 17, 23)');
    expect(await seriousViolations()).toEqual([]);
    await page.evaluate('document.activeElement.blur(); window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SCREENSHOTS, 'report-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(problems).toEqual([]);
  });
});
