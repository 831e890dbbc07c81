/**
 * Content-script size at run time: each page type of the sample portal is loaded in Chromium with
 * the extension, and every chrome-extension:// script the tab runs is collected (CDP
 * `Debugger.scriptParsed`, which sees the content script's isolated world, and
 * `Network.requestWillBeSent`, which sees the chunks it imports). Once the page's UI is present
 * and no new extension script has come for IDLE_MS, each file is gzipped from dist/ and summed.
 * The bootstrap is what a Partner Center page with no feature loads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { DIST } from '../../test/e2e/harness';
import { SAMPLE } from '../../test/fixtures/generate';
import { PORTAL_PATHS, servePortal } from '../../test/fixtures/portal-server';
import { seedMoves } from '../../test/fixtures/seed-moves';
import { launchBench } from './browser';
import { add, round } from './report';

const IDLE_MS = 1500;
const KB = 1024;
const kb = (n: number) => round(n / KB, 2);
const STANDARD = 'CFQ7TTC0LDPB:0001';

interface Scenario {
  name: string;
  path: string;
  /** `data-csp-move` values that show the page's UI is there. */
  markers: string[];
  /** The interaction a partner does on the page, after the load (its chunks count). */
  setup?: (page: Page) => Promise<void>;
}

async function chooseOffer(page: Page): Promise<void> {
  await page.locator(`[id="row-${STANDARD}"]`).getByRole('radio').check();
  await page.locator('#quantity-input').fill('25');
}
async function toReview(page: Page): Promise<void> {
  await chooseOffer(page);
  await page.getByRole('button', { name: /^Add to cart$/ }).first().dispatchEvent('click');
  await page.getByRole('button', { name: /^Review$/ }).first().dispatchEvent('click');
  await page.waitForURL((u) => /\/addproducts\/review$/i.test(u.pathname));
}

const contoso = SAMPLE.contoso.tenantId;
const SCENARIOS: Scenario[] = [
  { name: 'no feature (/dashboard/home)', path: PORTAL_PATHS.home, markers: [] },
  { name: 'customers list', path: PORTAL_PATHS.customers, markers: ['badge', 'overlay'] },
  {
    name: 'customers list + reseller request panel',
    path: PORTAL_PATHS.customers,
    markers: ['badge', 'overlay', 'request-picker'],
    setup: async (page) => {
      await page.getByRole('button', { name: /^Request a reseller relationship$/ }).click();
      await page.locator('[data-csp-move="request-hint"]').first().waitFor({ timeout: 15_000 });
      await page.getByRole('dialog').getByRole('button', { name: /^Copy$/ }).dispatchEvent('click');
    },
  },
  { name: 'GDAP customers list', path: PORTAL_PATHS.gdapList, markers: ['badge', 'overlay'] },
  { name: 'customer account', path: PORTAL_PATHS.account(contoso), markers: ['overlay'] },
  { name: 'customer subscriptions', path: PORTAL_PATHS.subscriptions(contoso), markers: ['overlay'] },
  { name: 'add products, an offer chosen', path: PORTAL_PATHS.addProducts(contoso), markers: ['overlay', 'offer-match'], setup: chooseOffer },
  { name: 'add products → review', path: PORTAL_PATHS.addProducts(contoso), markers: ['overlay', 'offer-match'], setup: toReview },
  {
    name: 'add products → order placed (confirmation)',
    path: PORTAL_PATHS.addProducts(contoso),
    markers: ['record-provisioned'],
    setup: async (page) => {
      await toReview(page);
      await page.getByRole('button', { name: /^Place order$/ }).first().dispatchEvent('click');
      await page.waitForURL((u) => /\/addproducts\/confirmation$/i.test(u.pathname));
    },
  },
  { name: 'indirect reseller request', path: PORTAL_PATHS.indirectResellerRequest('4f3c2b1a-0000-4000-8000-00000000abcd'), markers: ['overlay'] },
];

interface Loaded {
  files: string[];
  missing: string[];
  error?: string;
}

async function loadScenario(browser: Awaited<ReturnType<typeof launchBench>>, s: Scenario): Promise<Loaded> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const prefix = `chrome-extension://${browser.extensionId}/`;
  const files = new Set<string>();
  let last = Date.now();
  const seen = (url: string) => {
    if (!url.startsWith(prefix)) return;
    const path = new URL(url).pathname.replace(/^\//, '');
    if (!files.has(path)) last = Date.now();
    files.add(path);
  };
  cdp.on('Debugger.scriptParsed', (e) => seen(e.url));
  cdp.on('Network.requestWillBeSent', (e) => seen(e.request.url));
  await cdp.send('Network.enable');
  await cdp.send('Debugger.enable');
  const missing: string[] = [];
  let error: string | undefined;
  try {
    await page.goto(`https://partner.microsoft.com${s.path}`);
    await page.locator('h1').first().waitFor({ timeout: 15_000 });
    await s.setup?.(page);
    for (const m of s.markers) {
      await page
        .locator(`[data-csp-move="${m}"]`)
        .first()
        .waitFor({ state: 'attached', timeout: 15_000 })
        .catch(() => missing.push(m));
    }
    // Idle: no new extension script for IDLE_MS (and the content script has had its document_idle).
    const start = Date.now();
    while (Date.now() - Math.max(last, start) < IDLE_MS && Date.now() - start < 20_000) await page.waitForTimeout(100);
  } catch (err) {
    error = (err as Error).message.split('\n')[0];
  }
  await cdp.detach().catch(() => undefined);
  await page.close();
  return { files: [...files].sort(), missing, ...(error ? { error } : {}) };
}

const sizeOf = new Map<string, number>();
function gz(file: string): number {
  let n = sizeOf.get(file);
  if (n === undefined) {
    const path = join(DIST, file);
    n = existsSync(path) ? gzipSync(readFileSync(path)).length : 0;
    sizeOf.set(file, n);
  }
  return n;
}
const total = (files: readonly string[]) => files.filter((f) => /\.(m?js|css)$/.test(f)).reduce((n, f) => n + gz(f), 0);
const list = (files: readonly string[]) => files.map((f) => `${f.replace(/^assets\//, '')} ${kb(gz(f))}`).join(', ');

export async function contentSizes(): Promise<void> {
  const browser = await launchBench();
  try {
    const portal = await servePortal(browser.context, { count: 60 });
    const popup = await browser.openPopup();
    // Tracked customers in the lists (badges), Contoso "requested" with its originals (the customer pages' UI).
    await seedMoves(popup, portal.portfolio.customers.filter((c, i) => i % 3 === 0 && c.originals.length), { [contoso]: 'requested' });
    await popup.close();
    const results: Array<{ s: Scenario; r: Loaded }> = [];
    for (const s of SCENARIOS) results.push({ s, r: await loadScenario(browser, s) });

    const [boot, ...pages] = results;
    const bootFiles = boot!.r.files;
    const b = total(bootFiles);
    add({
      name: 'Content script: bootstrap (a page with no feature), gzip',
      value: kb(b),
      unit: 'kB',
      target: '≤ 6 kB',
      pass: b <= 6 * KB && !boot!.r.error,
      detail: `${boot!.s.path}: ${list(bootFiles) || 'nothing loaded'}${boot!.r.error ? `; error: ${boot!.r.error}` : ''}`,
      data: { files: bootFiles.map((f) => ({ file: f, gzip: gz(f) })) },
    });
    let largest: { name: string; bytes: number; files: string[] } | undefined;
    for (const { s, r } of pages) {
      const n = total(r.files);
      const chunks = r.files.filter((f) => !bootFiles.includes(f));
      const trouble = [r.missing.length ? `UI not seen: ${r.missing.join(', ')}` : '', r.error ? `error: ${r.error}` : ''].filter(Boolean).join('; ');
      add({
        name: `Content script: ${s.name}, gzip`,
        value: kb(n),
        unit: 'kB',
        target: '≤ 12 kB',
        pass: n <= 12 * KB && !trouble,
        detail: `bootstrap + ${chunks.length} chunks: ${list(chunks) || 'none'}${trouble ? `; ${trouble}` : ''}`,
        data: { path: s.path, files: r.files.map((f) => ({ file: f, gzip: gz(f) })), missing: r.missing },
      });
      if (!largest || n > largest.bytes) largest = { name: s.name, bytes: n, files: r.files };
    }
    if (largest) {
      add({
        name: 'Content script: largest page (bootstrap + its chunks), gzip',
        value: kb(largest.bytes),
        unit: 'kB',
        target: '≤ 12 kB',
        pass: largest.bytes <= 12 * KB,
        detail: `${largest.name}: ${list(largest.files)}`,
        data: { page: largest.name, files: largest.files.map((f) => ({ file: f, gzip: gz(f) })) },
      });
    }
  } finally {
    await browser.close();
  }
}
