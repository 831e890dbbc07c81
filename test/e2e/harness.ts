/**
 * Launches Debian's Chromium with the built extension loaded (headless), the way a partner's
 * browser runs it, and records every request for the zero-egress check.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Worker } from 'playwright-core';
import type { Move } from '../../src/core/model';
import { createClient, type Send } from '../../src/shared/client';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DIST = resolve(import.meta.dirname, '../../dist');
export const PORTAL = 'https://partner.microsoft.com';

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  /** Every request any context made that is not the Partner Center host or the extension itself. */
  egress: string[];
  /** Closes the browser (keeping the profile when `keepProfile`); throws if anything left the device. */
  popupUrl: string;
  openPopup: () => Promise<Page>;
  close: () => Promise<void>;
}

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    // Fail loudly: a skipped browser suite would read as green.
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error(`No built extension in ${DIST}: run \`npm run build\` first.`);
}

/** The browser UI languages the harness can launch in (the extension's two message languages). */
export type UiLocale = 'en-US' | 'zh-TW';

/**
 * `locale`: the browser's UI language. Debian's Chromium needs two switches for a whole UI
 * language (found by trying, headless): `--lang` picks the extension's messages (`_locales/zh_TW`),
 * while `chrome.i18n.getUILanguage()`, `navigator.language` and Intl follow Playwright's `locale`
 * emulation. `LANGUAGE`/`LANG` are set as a desktop session would set them; headless Chromium
 * ignores them on their own. `en-US` (the default) needs neither: it is the headless default.
 */
export async function launch(options: { userDataDir?: string; dist?: string; headless?: boolean; locale?: UiLocale; timezoneId?: string } = {}): Promise<Launched> {
  requireChromium();
  const locale = options.locale ?? 'en-US';
  const posix = locale.replace('-', '_');
  const language = locale === 'en-US' ? {} : { env: { ...process.env, LANGUAGE: posix, LANG: `${posix}.UTF-8` } };
  const dist = options.dist ?? DIST;
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'csp-move-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: options.headless ?? true,
    executablePath: CHROMIUM,
    viewport: { width: 1280, height: 800 },
    locale,
    ...language,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    args: [
      ...(locale === 'en-US' ? [] : [`--lang=${locale}`]),
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const egress: string[] = [];
  context.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(`${PORTAL}/`) || url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('blob:chrome-extension://') || url === 'about:blank') return;
    egress.push(url);
  });
  // Anything not routed to the sample portal goes nowhere (recorded above first).
  await context.route(/^(?!https:\/\/partner\.microsoft\.com\/)https?:\/\//, (route) => route.abort('blockedbyclient'));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const popupUrl = `chrome-extension://${extensionId}/src/popup/index.html`;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    egress,
    popupUrl,
    openPopup: async () => {
      const page = await context.newPage();
      await page.goto(popupUrl);
      return page;
    },
    close: async () => {
      await context.close();
      if (ownProfile) rmSync(userDataDir, { recursive: true, force: true });
      // Zero egress, for every suite that uses the harness: nothing may leave for another host.
      if (egress.length) throw new Error(`Requests left the device:\n${egress.join('\n')}`);
    },
  };
}

/**
 * The extension's typed client (src/shared/client.ts), sending from `page` (an extension page:
 * the popup) the way the popup does. Throws the background's ProtocolError on a refusal.
 */
export function clientOf(page: Page): Send {
  return createClient((message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message));
}

/** Like clientOf, from a popup opened for each message and closed after it (nothing stays open). */
export function clientOfBrowser(browser: Pick<Launched, 'openPopup'>): Send {
  return createClient(async (message) => {
    const page = await browser.openPopup();
    try {
      return await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
    } finally {
      await page.close();
    }
  });
}

/** The service worker currently running (a new one after a restart). */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  const live = context.serviceWorkers().at(-1);
  return live ?? context.waitForEvent('serviceworker', { timeout: 30_000 });
}


/**
 * Everything in extension storage, read from an extension page (not the worker: a stopped or
 * reloaded worker's handle can hang, and reading must not depend on the worker running).
 */
export async function readStorage(context: BrowserContext): Promise<Record<string, unknown>> {
  const id = new URL((await currentWorker(context)).url()).host;
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${id}/manifest.json`);
    return await page.evaluate(() => chrome.storage.local.get(null));
  } finally {
    await page.close();
  }
}

/** The stored moves by customer id (`move:<id>` keys), read as readStorage reads. */
export async function readMoves(context: BrowserContext): Promise<Map<string, Move>> {
  const moves = new Map<string, Move>();
  for (const [k, v] of Object.entries(await readStorage(context))) if (k.startsWith('move:')) moves.set(k.slice(5), v as Move);
  return moves;
}

/**
 * A copy of the built extension in a new folder, its manifest changed by `edit` (the caller removes
 * the folder). The copy loads as another extension: an unpacked extension's id follows its path.
 */
export function copyOfDist(edit: (manifest: Record<string, unknown>) => Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'csp-move-dist-'));
  cpSync(DIST, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)));
  return dir;
}

/** A page that records page errors, console errors and dialogs (a dialog is dismissed and recorded). */
export async function openWatchedPage(context: BrowserContext, url?: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  if (url) await page.goto(url);
  return { page, problems };
}

/** The overlay's shadow host (Playwright's CSS locators pierce its open shadow root). */
export function overlayOf(page: Page): Locator {
  return page.locator('[data-csp-move="overlay"]');
}
