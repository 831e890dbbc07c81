/**
 * The feature registry in a real browser (its static checks run in the unit project:
 * test/unit/content/registry.test.ts):
 * - in a real Chromium with the built extension: every listed URL is visited on the sample portal
 *   (placeholders such as `{contoso}` replaced by SAMPLE tenant ids, Contoso tracked at "requested"
 *   with an original, the feature's `testSetup` interaction run first), and the feature's element
 *   `[data-csp-move="<marker>"]` must show there, with no page error. The page's diagnostic report
 *   (the runtime registry) must list exactly the features the files declare for that page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DiagnosticReport } from '../../src/content/diagnostics/report';
import type { TestSetup } from '../../src/content/registry';
import { readRegistry } from '../fixtures/feature-registry';
import { SAMPLE, type SampleKey } from '../fixtures/generate';
import { servePortal } from '../fixtures/portal-server';
import type { MessageType, RequestOf, ResponseOf } from '../../src/shared/protocol';
import { clientOf, launch, PORTAL, type Launched } from './harness';

/** `{contoso}` → Contoso's tenant id (any SAMPLE key). */
function fill(url: string): string {
  return url.replace(/\{(\w+)\}/g, (m, key: string) => {
    const s = SAMPLE[key as SampleKey];
    if (!s) throw new Error(`${url}: ${m} is not a SAMPLE customer`);
    return s.tenantId;
  });
}

const { declared } = readRegistry();

// ---------------------------------------------------------------------------------------------
// Interactions a feature needs before its element can show

const STANDARD = 'CFQ7TTC0LDPB:0001';

const button = (page: Page, name: RegExp) => page.getByRole('button', { name });
/** Clicks without hit-testing: the overlay may cover the control. */
const press = (page: Page, name: RegExp) => button(page, name).first().dispatchEvent('click');
const samePath = (url: string) => (u: URL) => u.pathname.toLowerCase() === new URL(url).pathname.toLowerCase();

async function chooseOffer(page: Page): Promise<void> {
  await page.locator(`[id="row-${STANDARD}"]`).getByRole('radio').check();
  await page.locator('#quantity-input').fill('25');
}

async function toReview(page: Page, addProducts: string): Promise<void> {
  await page.goto(addProducts);
  await chooseOffer(page);
  await press(page, /^(Add to cart|新增至購物車)$/);
  await press(page, /^(Review|檢閱)$/);
  await page.waitForURL(samePath(`${addProducts}/review`));
}

const SETUPS: Record<TestSetup, (page: Page, url: string) => Promise<void>> = {
  /** An offer chosen in the catalogue; for the review page, in the cart and reviewed. */
  'choose-offer': async (page, url) => {
    if (/\/review\/?$/i.test(url)) return toReview(page, url.replace(/\/review\/?$/i, ''));
    await page.goto(url);
    await chooseOffer(page);
  },
  /** An order placed: the confirmation page lists it. */
  'place-order': async (page, url) => {
    await toReview(page, url.replace(/\/confirmation\/?$/i, ''));
    await press(page, /^(Place order|下訂單)$/);
    await page.waitForURL(samePath(url));
  },
  /** The reseller-relationship panel opened and its e-mail copied. */
  'request-copy': async (page, url) => {
    await page.goto(url);
    await button(page, /^(Request a reseller relationship|要求建立經銷商關係)$/).click();
    // The feature has seen the panel (its hint shows) before the copy: else the click comes first.
    await page.locator('[data-csp-move="request-hint"]').first().waitFor();
    await page.getByRole('dialog').getByRole('button', { name: /^(Copy|複製)$/ }).dispatchEvent('click');
  },
};

// ---------------------------------------------------------------------------------------------
// Every listed URL, in the browser

let browser: Launched;

function send<K extends MessageType>(popup: Page, type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return clientOf(popup)(type, payload);
}

describe('each feature shows its element on each of its test URLs', () => {
  beforeAll(async () => {
    browser = await launch();
    await servePortal(browser.context, { count: 60 });
    // A tracked customer (requested, with an original) so features that need one show.
    const popup = await browser.openPopup();
    const c = SAMPLE.contoso;
    await send(popup, 'moves/track', { customerId: c.tenantId, companyName: c.companyName, domain: c.domain, step: 'requested' });
    await send(popup, 'moves/originals', { customerId: c.tenantId, originals: [{ offer: 'Office 365 Business Premium', seats: 25, expiresOn: '2099-01-31', endBy: 'expire' }] });
    await popup.close();
  });
  afterAll(async () => {
    expect(browser.egress).toEqual([]);
    await browser?.close();
  });

  test('each test setup a feature names has a routine here', () => {
    expect(declared.filter((d) => d.testSetup && !(d.testSetup in SETUPS)).map((d) => d.id)).toEqual([]);
  });

  const cases = declared.flatMap((d) => d.testUrls.map((url) => [`${d.id}: [data-csp-move="${d.marker}"] on ${url}`, d, url] as const));
  test.for(cases)('%s', async ([, d, url]) => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    const full = `${PORTAL}${fill(url)}`;
    if (d.testSetup) await SETUPS[d.testSetup as TestSetup](page, full);
    else await page.goto(full);
    await page.locator(`[data-csp-move="${d.marker}"]`).first().waitFor({ timeout: 15_000 });

    // The runtime registry (through the page's diagnostic report) matches the files.
    const o = page.locator('[data-csp-move="overlay"]');
    await o.locator('[data-csp-move="about-open"]').click();
    const report = JSON.parse(await o.locator('[data-csp-move="diagnostic-report"]').inputValue()) as DiagnosticReport;
    const route = report.route.page ?? '';
    expect(d.pages).toContain(route);
    expect(report.features.map((f) => f.id).sort()).toEqual(declared.filter((x) => x.pages.includes(route)).map((x) => x.id).sort());
    // Honest URLs: the feature found what it relies on there.
    expect(report.features.find((f) => f.id === d.id)?.status).not.toBe('missing');
    expect(problems).toEqual([]);
    await page.close();
  });
});
