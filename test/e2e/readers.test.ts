/**
 * Reading the portal without guessing, in a real Chromium with the built extension, at the live
 * timings (0.7 s skeleton rows, 300 ms late renders):
 * - the `grid-offers` add-products variant (offers keyed by position, names slotted from the light
 *   DOM, the quantity in a component's shadow root, the order in a grid): offer match and record;
 * - the `unreadable-offers` variant (nothing readable): the partner picks the offer and the seats,
 *   gets the verdict, and records the purchase in the form that opens, in English and zh-TW pages;
 * - which way each fact was read, in "About this page" and the report;
 * - the GDAP customers list's badges, the indirect reseller request page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { OFFERS, SAMPLE, type SampleKey } from '../fixtures/generate';
import { PORTAL_PATHS as P, servePortal, type SamplePortal } from '../fixtures/portal-server';
import type { Step } from '../../src/core/model';
import type { Send } from '../../src/shared/client';
import { clientOf, launch, openWatchedPage, overlayOf as overlay, readStorage, type Launched } from './harness';

let browser: Launched;
let portal: SamplePortal;
let popup: Page;
const contoso = SAMPLE.contoso.tenantId;
const E3 = 'Office 365 E3';
const STANDARD = 'Microsoft 365 Business Standard';

interface StoredMove {
  step: string;
  provisioned: Array<{ offer: string; skuId?: string; seats: number }>;
}

beforeAll(async () => {
  browser = await launch();
  // The live timings: skeleton rows for 0.7 s, pages rendering late (defaults of the sample portal).
  portal = await servePortal(browser.context, { count: 300, renderDelayMs: 300, skeletonMs: 700 });
  popup = await browser.openPopup();
});
afterAll(async () => {
  expect(browser.egress, 'requests that left for another host').toEqual([]);
  await browser?.close();
});
beforeEach(async () => {
  portal.setOptions({ variant: null, pageSize: 10 });
  const { moves } = await send('moves/list', {});
  for (const m of moves) await send('moves/delete', { customerId: m.customerId });
});

const send: Send = (type, payload) => clientOf(popup)(type, payload);

function day(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function track(key: SampleKey, originals: Array<{ offer: string; seats: number }> = [], step: Step = 'accepted'): Promise<void> {
  const s = SAMPLE[key];
  await send('moves/track', { customerId: s.tenantId, companyName: s.companyName.slice(0, 500), domain: s.domain.slice(0, 300) });
  if (originals.length) await send('moves/originals', { customerId: s.tenantId, originals: originals.map((o) => ({ ...o, expiresOn: day(40), endBy: 'expire' })) });
  // A tracked move starts planned (#13).
  if (step !== 'planned') await send('moves/step', { customerId: s.tenantId, to: step, confirmSkip: true });
}

async function stored(id: string): Promise<StoredMove | undefined> {
  return (await readStorage(browser.context))[`move:${id}`] as StoredMove | undefined;
}

/** How each fact was read, as "About this page" lists it (and the report holds it). */
async function reads(page: Page): Promise<Record<string, string>> {
  const o = overlay(page);
  await o.locator('[data-csp-move="about-open"]').click();
  const report = JSON.parse(await o.locator('[data-csp-move="diagnostic-report"]').inputValue()) as { reads: Array<{ fact: string; via: string }> };
  const listed = await o.locator('[data-csp-move="about-reads"] li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-fact'), li.getAttribute('data-via')]));
  await o.locator('[data-csp-move="about-close"]').click();
  const fromReport = Object.fromEntries(report.reads.map((r) => [r.fact, r.via]));
  expect(Object.fromEntries(listed)).toEqual(fromReport);
  return fromReport;
}

/** Clicks without hit-testing: the overlay may float over the control. */
const press = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).dispatchEvent('click');

describe('grid-offers variant: offers keyed by position, names slotted, quantity in a shadow root', () => {
  test('offer match while choosing and on review, then record the purchase once however often', async () => {
    await track('contoso', [{ offer: E3, seats: 120 }]);
    portal.setOptions({ variant: 'grid-offers' });
    const { page, problems } = await openWatchedPage(browser.context, portal.url(P.addProducts(contoso), 'en-us'));
    const o = overlay(page);
    // Nothing chosen yet: the partner is asked, and no verdict is shown.
    await o.locator('[data-csp-move="offer-pick"]').waitFor();
    expect(await o.locator('[data-csp-move="offer-match"]').count()).toBe(0);
    // The row's accessible name includes its slotted name (the row itself holds no product id).
    // Exactly E3: the catalogue also lists "Office 365 E3 (no Teams)".
    const row = page.getByRole('row', { name: new RegExp(`\\b${E3}\\b(?! \\(no Teams\\))`) });
    await row.getByRole('radio').check();
    const qty = page.locator('commerce_he-number-field input');
    await qty.fill('100');
    const warning = o.locator('[data-csp-move="offer-match"]');
    await expect.poll(() => warning.getAttribute('data-seats')).toBe('fewer');
    expect(await warning.getAttribute('data-match')).toBe('same');
    await qty.fill('120');
    await expect.poll(() => warning.getAttribute('data-seats')).toBe(null);
    expect(await warning.getAttribute('data-match')).toBe('same');
    // Read from the page: the picker is gone.
    expect(await o.locator('[data-csp-move="offer-pick"]').count()).toBe(0);
    expect(await reads(page)).toMatchObject({ customerId: 'route', offer: 'slotted-name', quantity: 'number-input' });

    await press(page, 'Add to cart');
    await press(page, 'Review');
    await page.waitForURL(`**${P.addProductsReview(contoso)}`);
    await expect.poll(() => o.locator('[data-csp-move="offer-match"]').getAttribute('data-match'), { timeout: 10_000 }).toBe('same');
    expect(await reads(page)).toMatchObject({ order: 'order-grid' });
    await press(page, 'Place order');
    await page.waitForURL(`**${P.addProductsConfirmation(contoso)}`);
    await o.locator('[data-csp-move="record-provisioned"]').click();
    await o.locator('[data-csp-move="provisioned-recorded"]').waitFor();
    expect((await stored(contoso))!.provisioned).toEqual([expect.objectContaining({ offer: E3, seats: 120 })]);
    expect((await stored(contoso))!.step).toBe('provisioned');
    // The same order again (a reload, a second click): recorded once.
    await page.reload();
    await o.locator('[data-csp-move="record-provisioned"]').waitFor({ timeout: 10_000 });
    await o.getByText('These items seem recorded already today.').waitFor();
    await o.locator('[data-csp-move="record-provisioned"]').click();
    await o.locator('[data-csp-move="provisioned-recorded"]').waitFor();
    expect((await stored(contoso))!.provisioned).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('unreadable-offers variant: the partner says what the page cannot', () => {
  for (const locale of ['en-us', 'zh-tw']) {
    test(`pick the offer and seats, get the verdict, record the purchase (${locale})`, async () => {
      await track('contoso', [{ offer: STANDARD, seats: 25 }]);
      portal.setOptions({ variant: 'unreadable-offers' });
      const { page, problems } = await openWatchedPage(browser.context, portal.url(P.addProducts(contoso), locale));
      const o = overlay(page);
      const pick = o.locator('[data-csp-move="offer-pick"]');
      await pick.waitFor();
      // The offers did render (cards), yet nothing can be read: no verdict is guessed.
      await page.getByRole('button', { name: locale === 'zh-tw' ? '選取' : 'Select' }).first().waitFor();
      expect(await o.locator('[data-csp-move="offer-match"]').count()).toBe(0);
      // A name that is not in Microsoft's table is not picked.
      await pick.fill('Contoso Bundle');
      await pick.press('Enter');
      await o.locator('[data-csp-move="offer-pick-unknown"]').waitFor();
      expect(await o.locator('[data-csp-move="offer-match"]').count()).toBe(0);
      // The full name (the page's language) and Enter picks it.
      await pick.fill(locale === 'zh-tw' ? 'Microsoft 365 商務標準版' : STANDARD);
      await pick.press('Enter');
      await o.locator('[data-csp-move="offer-pick-seats"]').fill('20');
      const warning = o.locator('[data-csp-move="offer-match"]');
      await expect.poll(() => warning.getAttribute('data-match')).toBe('same');
      await expect.poll(() => warning.getAttribute('data-seats')).toBe('fewer');
      await o.locator('[data-csp-move="offer-pick-seats"]').fill('25');
      await expect.poll(() => warning.getAttribute('data-seats')).toBe(null);
      expect(await reads(page)).toMatchObject({ offer: 'picked' });

      // Buy on the page (the partner's own clicks), then review: the pick carries over.
      const index = OFFERS.findIndex((x) => x.displayName === STANDARD);
      await page.getByRole('button', { name: locale === 'zh-tw' ? '選取' : 'Select' }).nth(index).dispatchEvent('click');
      await press(page, locale === 'zh-tw' ? '新增至購物車' : 'Add to cart');
      await press(page, locale === 'zh-tw' ? '檢閱' : 'Review');
      await page.waitForURL(`**${P.addProductsReview(contoso)}`);
      await expect.poll(() => o.locator('[data-csp-move="offer-match"]').getAttribute('data-match'), { timeout: 10_000 }).toBe('same');
      await press(page, locale === 'zh-tw' ? '下訂單' : 'Place order');
      await page.waitForURL(`**${P.addProductsConfirmation(contoso)}`);
      // The order cannot be read: "Record what you bought" opens, prefilled with the pick.
      const form = o.locator('[data-csp-move="record-form"]');
      await form.waitFor({ timeout: 15_000 });
      expect(await form.locator('[data-csp-move="offer-pick"]').inputValue()).toBe(locale === 'zh-tw' ? 'Microsoft 365 商務標準版' : STANDARD);
      expect(await form.locator('[data-csp-move="offer-pick-seats"]').inputValue()).toBe('25');
      await form.locator('[data-csp-move="record-provisioned"]').click();
      await o.locator('[data-csp-move="provisioned-recorded"]').waitFor();
      const move = await stored(contoso);
      expect(move!.provisioned).toEqual([expect.objectContaining({ offer: STANDARD, seats: 25 })]);
      expect(move!.step).toBe('provisioned');
      expect(await reads(page)).toMatchObject({ order: 'none' });
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

describe('which way the customer was read', () => {
  test('the name clicked in the grid, else the heading; the id always from the route', async () => {
    await track('contoso', [], 'requested');
    const { page, problems } = await openWatchedPage(browser.context, portal.url(P.customers, 'en-us'));
    await page.getByRole('button', { name: 'Fabrikam, Inc.', exact: true }).click();
    await page.waitForURL(`**${P.account(SAMPLE.fabrikam.tenantId)}`);
    const o = overlay(page);
    await expect.poll(() => o.locator('[data-csp-move="track"]').isEnabled()).toBe(true);
    // The name and domain as the clicked row showed them: the account page has not even rendered yet.
    expect(await reads(page)).toMatchObject({ customerId: 'route', customerName: 'clicked', domain: 'clicked' });
    // Remembered for the tab (the extension's session storage): a reload keeps it.
    await page.reload();
    await expect.poll(async () => (await reads(page)).customerName).toBe('clicked');
    // Another tab never clicked it: the heading.
    const other = await openWatchedPage(browser.context, portal.url(P.account(SAMPLE.fabrikam.tenantId), 'zh-tw'));
    await expect.poll(() => overlay(other.page).locator('[data-csp-move="track"]').isEnabled()).toBe(true);
    expect(await reads(other.page)).toMatchObject({ customerName: 'heading' });
    await overlay(other.page).locator('[data-csp-move="track"]').click();
    await overlay(other.page).locator('[data-step="planned"]').waitFor();
    expect(await stored(SAMPLE.fabrikam.tenantId)).toMatchObject({ companyName: 'Fabrikam, Inc.', domain: 'fabrikam.com' });
    expect([...problems, ...other.problems]).toEqual([]);
    await other.page.close();
    await page.close();
  });
});

describe('more pages', () => {
  test('the GDAP customers list shows exactly one badge per tracked customer shown (both generations)', async () => {
    const ids = ['contoso', 'fabrikam', 'northwind'] as const;
    for (const k of ids) await track(k, [], 'requested');
    await send('moves/originals', { customerId: contoso, originals: [{ offer: E3, seats: 5, expiresOn: day(3), endBy: 'expire' }] });
    const { page, problems } = await openWatchedPage(browser.context);
    for (const path of [P.gdapList, P.gdapListCommerce2]) {
      await page.goto(portal.url(path, 'en-us'));
      await expect
        .poll(async () => {
          const rows = await page.locator('[id^="row-"]').evaluateAll((rs) => rs.map((r) => r.id.slice(4)).filter((id) => /^[0-9a-f-]{36}$/.test(id)));
          const badges = await page.locator('[data-csp-move="badge"]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-customer-id')));
          return { rows: rows.length, badges: badges.sort() };
        }, { timeout: 10_000 })
        .toEqual({ rows: 10, badges: ids.map((k) => SAMPLE[k].tenantId).filter(Boolean).sort() });
      const badge = page.locator(`[data-csp-move="badge"][data-customer-id="${contoso}"]`);
      expect(await badge.getAttribute('data-days')).toBe('3');
      expect(await badge.evaluate((b) => (b as HTMLElement).assignedSlot !== null)).toBe(true);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a grid drawn into an empty shadow root later, paging by changing its rows\' ids in place, keeps its badges right', async () => {
    // Built like a Lit grid: the root is attached empty (the hub takes it for a frame), rendered a
    // moment later, and a new page reuses the rows (only their ids change: no text, no row added).
    await track('contoso', [], 'requested');
    await track('fabrikam', [], 'requested');
    const a = SAMPLE.contoso.tenantId;
    const b = SAMPLE.fabrikam.tenantId;
    const { page, problems } = await openWatchedPage(browser.context);
    await page.route(/\/dashboard\/v2\/customers\/list\?variant=in-place$/, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>Customers</title></head><body><h1>Customers</h1><x-grid></x-grid>
<script>
  const root = document.querySelector('x-grid').attachShadow({ mode: 'open' });
  window.render = () => { root.innerHTML = '<table><tbody><tr id="row-${a}"><th>Contoso</th><td>contoso.com</td></tr></tbody></table>'; };
  window.page2 = () => { root.querySelector('tr').id = 'row-${b}'; };
</script></body></html>`,
      }),
    );
    await page.goto(`https://partner.microsoft.com${P.customers}?variant=in-place`);
    const badges = () => page.locator('[data-csp-move="badge"]').evaluateAll((bs) => bs.map((x) => x.getAttribute('data-customer-id')));
    // The content script runs (its panel is up): the empty root has been seen, and taken for a frame.
    await overlay(page).waitFor({ state: 'attached', timeout: 10_000 });
    await page.evaluate(() => (window as unknown as { render: () => void }).render());
    await expect.poll(badges, { timeout: 10_000 }).toEqual([a]);
    await page.evaluate(() => (window as unknown as { page2: () => void }).page2());
    await expect.poll(badges, { timeout: 5_000 }).toEqual([b]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('the indirect reseller relationship request page is recognised', async () => {
    const provider = '5b6c7d8e-9f01-4234-8567-89abcdef0123';
    const { page, problems } = await openWatchedPage(browser.context, portal.url(P.indirectResellerRequest(provider), 'zh-tw'));
    const o = overlay(page);
    await o.getByText('Indirect reseller relationship request').waitFor();
    await o.locator('[data-csp-move="about-open"]').click();
    expect(await o.locator('[data-csp-move="about"]').getAttribute('data-route')).toBe('indirect-reseller-request');
    const report = await o.locator('[data-csp-move="diagnostic-report"]').inputValue();
    expect(report).not.toContain(provider);
    expect(problems).toEqual([]);
    await page.close();
  });
});
