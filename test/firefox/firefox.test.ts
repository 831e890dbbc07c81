/**
 * The Firefox build in a real Firefox (Debian's firefox-esr, headless, puppeteer-core over WebDriver
 * BiDi), on the sample Partner Center at its real addresses: a move imported from CSV in the popup
 * page, the overlay on that customer's page, and badges on the customers list reached by in-app
 * navigation (the content script's navigation watch). Short on purpose: the Chromium suites cover
 * behaviour; this proves the Firefox build runs. Written against the test contract's hooks only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE } from '../fixtures/generate';
import { PORTAL_PATHS } from '../fixtures/portal-server';
import { launchFirefox, type FirefoxLaunched } from './harness';

let ff: FirefoxLaunched;
const dir = mkdtempSync(join(tmpdir(), 'csp-move-firefox-'));
const contoso = SAMPLE.contoso;
const fabrikam = SAMPLE.fabrikam;
const OVERLAY = '[data-csp-move="overlay"]';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Waits for a selector, naming what was missing on failure. The portal's grid and links live in
 * shadow roots: `deep/…` (below) looks in every open shadow root; `a >>> b` finds b in a's.
 */
async function need(page: Page, selector: string, what: string, timeout = 10_000): Promise<ElementHandle> {
  try {
    if (!selector.startsWith('deep/')) return (await page.waitForSelector(selector, { timeout }))!;
    // Puppeteer's own `pierce/` did not find the badges slotted into the grid here; this walk does.
    const found = await page.waitForFunction(deepQuery, { timeout, polling: 100 }, selector.slice(5));
    return found as ElementHandle;
  } catch (err) {
    throw new Error(`Firefox: ${what} never appeared on ${page.url()} (selector ${selector}): ${(err as Error).message.split('\n')[0]}`);
  }
}

/** The elements matching `selector` in the document and every open shadow root (runs in the page). */
function deepQueryAll(selector: string): Element[] {
  const out: Element[] = [];
  const walk = (root: Document | ShadowRoot) => {
    out.push(...root.querySelectorAll(selector));
    for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
  };
  walk(document);
  return out;
}
function deepQuery(selector: string): Element | null {
  const walk = (root: Document | ShadowRoot): Element | null => {
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const e of root.querySelectorAll('*')) {
      const inner = e.shadowRoot ? walk(e.shadowRoot) : null;
      if (inner) return inner;
    }
    return null;
  };
  return walk(document);
}

/**
 * A customer's page first (recognised, so the content script is running), then the portal's own
 * link to the list: history.pushState in the page, no load. The badges prove the content script
 * noticed the navigation.
 */
async function badgesAfterInAppNavigation(ff: FirefoxLaunched): Promise<void> {
  const page = await ff.newPortalPage();
  await page.goto(ff.portal.url(PORTAL_PATHS.account(contoso.tenantId), 'en-us'));
  await need(page, `${OVERLAY} >>> [data-step]`, "the overlay's step");
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  const link = await need(page, `deep/a[href$="${PORTAL_PATHS.customers}"]`, "the portal's link to the customers list");
  await link.click();
  await page.waitForFunction((path) => location.pathname.endsWith(path), {}, PORTAL_PATHS.customers);
  for (const c of [contoso, fabrikam]) await need(page, `deep/[data-csp-move="badge"][data-customer-id="${c.tenantId}"]`, `${c.companyName}'s badge`);
  // Still the same document: the content script followed a single-page navigation.
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  const all = await page.evaluateHandle(deepQueryAll, '[data-csp-move="badge"]');
  const badges = await all.evaluate((els) => els.map((e) => e.getAttribute('data-customer-id')));
  expect(badges.sort()).toEqual([contoso.tenantId, fabrikam.tenantId].sort());
  await page.close();
}

describe('Firefox with its Navigation API', () => {
  // One Firefox at a time (two cores): each describe launches its own and closes it.
  beforeAll(async () => {
    ff = await launchFirefox({ count: 20, renderDelayMs: 30, skeletonMs: 150 });
    expect(ff.version).toMatch(/^firefox\//);
  });
  afterAll(async () => {
    expect(ff?.egress, 'requests that left for another host').toEqual([]);
    await ff?.close();
  });

  test('the popup page lists the moves imported from a CSV file', async () => {
    const csv = join(dir, 'originals.csv');
    writeFileSync(
      csv,
      [
        'customer_id,company_name,domain,program,offer,seats,expires_on',
        `${contoso.tenantId},${contoso.companyName},${contoso.domain},open,Office 365 E3,25,2031-03-31`,
        `${fabrikam.tenantId},"${fabrikam.companyName}",${fabrikam.domain},direct,Office 365 E1,10,2031-06-30`,
      ].join('\n'),
    );
    const popup = await ff.openExtensionPage('src/popup/index.html');
    await (await need(popup, '[data-csp-move="view-import"]', 'the import view button')).click();
    const input = (await need(popup, '[data-csp-move="import-csv"]', 'the CSV file input')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(csv);
    await need(popup, '[data-csp-move="import-preview"]', 'the import preview');
    expect(await popup.$('[data-csp-move="import-errors"]')).toBeNull();
    await (await need(popup, '[data-csp-move="import-confirm"]:not([disabled])', 'an enabled import confirm button')).click();
    await need(popup, '[data-csp-move="import-result"]', 'the import result');
    await (await need(popup, '[data-csp-move="view-moves"]', 'the moves view button')).click();
    await need(popup, `[data-csp-move="move-row"][data-customer-id="${fabrikam.tenantId}"]`, "Fabrikam's row");
    const rows = await popup.$$eval('[data-csp-move="move-row"]', (els) => els.map((e) => [e.getAttribute('data-customer-id'), e.getAttribute('data-step')]));
    // An imported move starts planned: the request is its first action (#13).
    expect(rows.sort()).toEqual(
      [
        [contoso.tenantId, 'planned'],
        [fabrikam.tenantId, 'planned'],
      ].sort(),
    );
    await popup.close();
  });

  test("the overlay appears on a customer's page with the imported move", async () => {
    const page = await ff.newPortalPage();
    await page.goto(ff.portal.url(PORTAL_PATHS.account(contoso.tenantId), 'en-us'));
    await need(page, OVERLAY, 'the overlay host');
    const step = await need(page, `${OVERLAY} >>> [data-step]`, "the overlay's step");
    expect(await step.evaluate((e) => e.getAttribute('data-step'))).toBe('planned');
    // The overlay's own text, not an unlocalised key.
    const text = await page.$eval(OVERLAY, (host) => host.shadowRoot?.textContent ?? '');
    expect(text).toContain(contoso.companyName);
    expect(text).not.toMatch(/\b(?:overlay|step|action)_[a-z_]+\b/);
    await page.close();
  });

  test('badges appear on the customers list reached by in-app navigation', async () => {
    await badgesAfterInAppNavigation(ff);
  });
});

describe('without the Navigation API', () => {
  // Firefox 153 has the Navigation API, so the content script's fallback (history events and clicks)
  // only runs where it is switched off: a second Firefox with the API's pref off.
  let bare: FirefoxLaunched;
  beforeAll(async () => {
    bare = await launchFirefox({ count: 20, renderDelayMs: 30, skeletonMs: 150 }, { 'dom.navigation.webidl.enabled': false });
    const popup = await bare.openExtensionPage('src/popup/index.html');
    expect(await popup.evaluate(() => 'navigation' in globalThis), 'the Navigation API in an extension page').toBe(false);
    for (const c of [contoso, fabrikam]) {
      const reply = await popup.evaluate(
        (customerId, companyName) => browser.runtime.sendMessage({ type: 'moves/track', payload: { customerId, companyName } }),
        c.tenantId,
        c.companyName,
      );
      expect(reply).toMatchObject({ ok: true });
    }
    await popup.close();
  });
  afterAll(async () => {
    expect(bare?.egress, 'requests that left for another host').toEqual([]);
    await bare?.close();
  });

  test('badges still appear after in-app navigation (the fallback)', async () => {
    await badgesAfterInAppNavigation(bare);
  });
});
