import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, BrowserContext, Page } from 'playwright-core';

/**
 * Browser tests drive Debian's `chromium` package (installed by .ci/run) through playwright-core;
 * no browser is downloaded. Where it is not installed, those suites are skipped and say so.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM_PATH);

/** A quiet, offline, throw-away browser profile. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running headless chromium with its own fresh user-data directory. */
export interface HeadlessBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  /** Closes the browser and removes its user-data directory. */
  close(): Promise<void>;
}

/** Launches Debian's chromium headless with a fresh user-data directory (removed by `close`). */
export async function launchChromium(): Promise<HeadlessBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'tg-chromium-'));
  try {
    // Playwright refuses --user-data-dir in args: a persistent context is how it takes one.
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      timeout: 30_000,
    });
    return {
      context,
      newPage: () => context.newPage(),
      close: async () => {
        try {
          await context.close();
        } finally {
          rmSync(userDataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }
}

/** `describe` when Debian's chromium is installed, otherwise a skipped suite with a visible note. */
export function describeWithChromium(name: string, fn: () => void): void {
  if (HAS_CHROMIUM) {
    describe(name, fn);
    return;
  }
  // The suite's body may prepare what the browser shows, so it must not run: one skipped test carries the note.
  describe(`${name} [skipped: ${CHROMIUM_PATH} is not installed]`, () => {
    it.skip(`needs Debian's chromium at ${CHROMIUM_PATH}`, () => undefined);
  });
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED "${name}": it needs Debian's chromium at ${CHROMIUM_PATH} (apt-get install chromium; .ci/run installs it).`);
}
