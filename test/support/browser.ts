/**
 * A headless Chromium from the system (Debian's `chromium`, or the Chromium / Chrome of GitHub's
 * Ubuntu runners), driven by playwright-core: no browser is downloaded. The flags keep a machine
 * without network quiet (no background requests, no component updates, no sync) and each launch
 * gets a fresh profile, removed when the browser closes.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CANDIDATES = [
  process.env.BFX_CHROMIUM,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The browser's path, or undefined when the machine has none (the browser tests are then skipped, saying so). */
export const CHROMIUM = CANDIDATES.find((path): path is string => path !== undefined && existsSync(path));

/** A browser on a fresh profile; closing the context closes the browser, and the profile is removed. */
export async function launchChromium(): Promise<BrowserContext & { [Symbol.asyncDispose](): Promise<void> }> {
  if (!CHROMIUM) throw new Error('No Chromium on this machine: install Debian package chromium or set BFX_CHROMIUM.');
  const profile = mkdtempSync(join(tmpdir(), 'bfx-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return Object.assign(context, {
    async [Symbol.asyncDispose]() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  });
}
