/** The bench's browsers: the e2e harness's launch, with what evaluated bench code needs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CHROMIUM, launch, type Launched } from '../../test/e2e/harness';
import type { SampleCustomer } from '../../test/fixtures/generate';
import { message, toImported } from '../../test/fixtures/seed-moves';

/** tsx (esbuild) wraps named inner functions in `__name(...)`: give evaluated code a no-op one. */
export const NAME_SHIM = 'globalThis.__name = (f) => f;';

export async function launchBench(): Promise<Launched> {
  const browser = await launch();
  await browser.context.addInitScript(NAME_SHIM);
  return browser;
}

/** The harness's switches, for a browser without the extension. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The same Chromium, the same viewport and switches, without the extension. */
export async function launchPlain(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-plain-'));
  const context = await chromium.launchPersistentContext(dir, { headless: true, executablePath: CHROMIUM, viewport: { width: 1280, height: 800 }, locale: 'en-US', args: ARGS });
  await context.addInitScript(NAME_SHIM);
  await context.route(/^(?!https:\/\/partner\.microsoft\.com\/)https?:\/\//, (route) => route.abort('blockedbyclient'));
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Imports `customers` (planned moves) through the protocol, from the popup. */
export async function seed(browser: Launched, customers: SampleCustomer[], batch = 2500): Promise<void> {
  const page = await browser.openPopup();
  for (let i = 0; i < customers.length; i += batch) {
    await message(page, 'moves/import', { customers: customers.slice(i, i + batch).map(toImported) });
  }
  await page.close();
}

/** Stops the extension's service worker (CDP), so the next message starts it and it reads storage again. */
export async function stopWorker(browser: Launched): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(browser.popupUrl);
  const cdp = await browser.context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    if (e.versions.some((v) => v.runningStatus === 'stopped')) stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const until = Date.now() + 30_000;
  while (!stopped && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  await cdp.detach();
  await page.close();
  if (!stopped) throw new Error('the service worker did not stop');
}
