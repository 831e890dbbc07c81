/**
 * Issue #13's "done when", end to end on the sample portal: the end-of-term rules per program (an
 * EA move's "provision by", overdue on the end date; a direct move with the same dates urgent, users
 * keeping access 30 days), a partner-transfer move's own steps, the closing guardrails asking first
 * and recorded in the history, in an English and a zh-TW browser; and the offer match by Microsoft's
 * product table on the add-products pages (a rename since 2023, a "(no Teams)" suite that loses
 * Teams, the Teams split on the review page).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { SAMPLE, type SampleKey } from '../fixtures/generate';
import { PORTAL_PATHS as P, servePortal, type SamplePortal } from '../fixtures/portal-server';
import type { OriginalInput, ProvisionedInput } from '../../src/core/inputs';
import type { Move, PathId, Program, Step } from '../../src/core/model';
import type { Send } from '../../src/shared/client';
import { clientOf, launch, openWatchedPage, overlayOf, readStorage, type Launched, type UiLocale } from './harness';

const contoso = SAMPLE.contoso.tenantId;
const fabrikam = SAMPLE.fabrikam.tenantId;

/** A calendar day `n` days from today (local, as the background counts). */
function day(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

interface Env {
  browser: Launched;
  portal: SamplePortal;
  popup: Page;
  send: Send;
}

async function setUp(locale: UiLocale): Promise<Env> {
  const browser = await launch({ locale });
  const portal = await servePortal(browser.context, { count: 50 });
  const popup = await browser.openPopup();
  return { browser, portal, popup, send: (type, payload) => clientOf(popup)(type, payload) };
}

async function clean(env: Env): Promise<void> {
  await env.send('ui/set', { collapsed: false, positions: {} });
  const { moves } = await env.send('moves/list', {});
  for (const m of moves) await env.send('moves/delete', { customerId: m.customerId });
}

async function track(
  env: Env,
  key: SampleKey,
  m: { program: Program; path?: PathId; step: Step; originals?: OriginalInput[]; provisioned?: ProvisionedInput[] },
): Promise<void> {
  const s = SAMPLE[key];
  await env.send('moves/track', { customerId: s.tenantId, companyName: s.companyName, domain: s.domain, program: m.program, step: m.step, ...(m.path ? { path: m.path } : {}) });
  if (m.originals) await env.send('moves/originals', { customerId: s.tenantId, originals: m.originals });
  if (m.provisioned) await env.send('moves/provisioned', { customerId: s.tenantId, items: m.provisioned });
}

async function stored(env: Env, id: string): Promise<Move | undefined> {
  return (await readStorage(env.browser.context))[`move:${id}`] as Move | undefined;
}

const TEXT: Record<UiLocale, { provisionBy: RegExp; keepAccess: RegExp; transferRequested: string; billingSupport: RegExp }> = {
  'en-US': { provisionBy: /^Provision by /, keepAccess: /keep access until/, transferRequested: 'Transfer requested', billingSupport: /no refund.*Microsoft 365 billing support/ },
  'zh-TW': { provisionBy: /佈建/, keepAccess: /存取/, transferRequested: '已要求轉移', billingSupport: /不予退款.*Microsoft 365 帳務支援/ },
};

for (const locale of ['en-US', 'zh-TW'] as const) {
  describe(`paths and rules on the sample portal (${locale})`, () => {
    let env: Env;
    beforeAll(async () => {
      env = await setUp(locale);
    });
    afterAll(async () => {
      expect(env.browser.egress, 'requests that left for another host').toEqual([]);
      await env.browser.close();
    });
    beforeEach(async () => clean(env));

    test('an EA move: provision by the end date less the lead, overdue on the end date; a direct move with the same dates is urgent and keeps access 30 days', async () => {
      const originals: OriginalInput[] = [{ offer: 'Office 365 E3', seats: 40, expiresOn: day(0), endBy: 'expire' }];
      await track(env, 'contoso', { program: 'ea', step: 'accepted', originals });
      await track(env, 'fabrikam', { program: 'direct', step: 'accepted', originals });
      const { page, problems } = await openWatchedPage(env.browser.context, env.portal.url(P.account(contoso), locale === 'zh-TW' ? 'zh-tw' : 'en-us'));
      let o = overlayOf(page);
      const ea = o.locator('[data-csp-move="next-action"]');
      await ea.waitFor();
      expect(await ea.getAttribute('data-action')).toBe('provision');
      expect(await ea.getAttribute('data-urgency')).toBe('overdue');
      const eaBy = o.locator('[data-csp-move="provision-by"]');
      // The default EA lead: 3 days before the end date (its licences stop on that day).
      expect(await eaBy.getAttribute('data-day')).toBe(day(-3));
      expect(await eaBy.textContent()).toMatch(TEXT[locale].provisionBy);
      expect(await o.locator('[data-csp-move="service-end"]').getAttribute('data-day')).toBe(day(0));
      // Nothing bought yet: the overlap if bought on the suggested day, 3 days before the end date.
      const planned = o.locator('[data-csp-move="overlap"]');
      expect(await planned.getAttribute('data-days')).toBe('3');
      expect(await planned.getAttribute('data-recorded')).toBe('false');

      await page.goto(env.portal.url(P.account(fabrikam), locale === 'zh-TW' ? 'zh-tw' : 'en-us'));
      o = overlayOf(page);
      const direct = o.locator('[data-csp-move="next-action"]');
      await direct.waitFor();
      expect(await direct.getAttribute('data-action')).toBe('provision');
      expect(await direct.getAttribute('data-urgency')).toBe('urgent');
      // Direct: the suggested day is the end date; users keep access 30 days after it (a margin).
      expect(await o.locator('[data-csp-move="provision-by"]').getAttribute('data-day')).toBe(day(0));
      const access = o.locator('[data-csp-move="service-end"]');
      expect(await access.getAttribute('data-day')).toBe(day(30));
      expect(await access.textContent()).toMatch(TEXT[locale].keepAccess);
      expect(problems).toEqual([]);
      await page.close();

      // The popup row names the path, the next action and its urgency.
      const list = await env.browser.openPopup();
      const row = (id: string) => list.locator(`[data-csp-move="move-row"][data-customer-id="${id}"]`);
      await row(contoso).waitFor();
      expect(await row(contoso).getAttribute('data-path')).toBe('manual');
      expect(await row(contoso).getAttribute('data-action')).toBe('provision');
      expect(await row(contoso).getAttribute('data-urgency')).toBe('overdue');
      await row(fabrikam).waitFor();
      expect(await row(fabrikam).getAttribute('data-urgency')).toBe('urgent');
      await list.close();
    });

    test('a partner-transfer move shows its own steps', async () => {
      await track(env, 'contoso', { program: 'other-partner', path: 'partner-transfer', step: 'accepted', originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: day(90), endBy: 'expire' }] });
      const { page, problems } = await openWatchedPage(env.browser.context, env.portal.url(P.account(contoso)));
      const o = overlayOf(page);
      await o.locator('[data-csp-move="path"]').waitFor();
      expect(await o.locator('[data-csp-move="path"]').getAttribute('data-path')).toBe('partner-transfer');
      const steps = await o.locator('[data-path-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-path-step')));
      // The path's own steps before done (done is said apart when reached).
      expect(steps).toEqual(['planned', 'requested', 'accepted', 'transfer-requested', 'transfer-approved']);
      expect(await o.locator('[data-path-step="accepted"]').getAttribute('class')).toBe('current');
      expect(await o.locator('[data-path-step="transfer-requested"]').textContent()).toContain(TEXT[locale].transferRequested);
      expect(await o.locator('[data-csp-move="next-action"]').getAttribute('data-action')).toBe('request-transfer');
      expect(problems).toEqual([]);
      await page.close();
    });

    test('marking originals ended months before their end date is only a dated cancellation, its cost named', async () => {
      const originals: OriginalInput[] = [{ offer: 'Office 365 E3', seats: 10, expiresOn: day(200), endBy: 'expire' }];
      await track(env, 'contoso', { program: 'direct', step: 'provisioned', originals, provisioned: [{ offer: 'Office 365 E3', seats: 10, provisionedOn: day(0) }] });
      const { page, problems } = await openWatchedPage(env.browser.context, env.portal.url(P.account(contoso)));
      const o = overlayOf(page);
      await o.locator('[data-step="provisioned"]').waitFor();
      // Bought today for originals ending in 200 days: 200 days paid twice, warned (more than 30).
      const overlap = o.locator('[data-csp-move="overlap"]');
      expect(await overlap.getAttribute('data-days')).toBe('200');
      expect(await overlap.getAttribute('data-recorded')).toBe('true');
      expect(await overlap.getAttribute('class')).toBe('warn');
      // The new-commerce window: cancel or reduce until the purchase day + 6.
      expect(await o.locator('[data-csp-move="cancel-window"]').getAttribute('data-day')).toBe(day(6));
      await o.locator('[data-csp-move="advance"]').click();
      await o.locator('[data-csp-move="advance-confirm"]').click();
      const prompt = o.locator('[data-csp-move="cancel-prompt"]');
      await prompt.waitFor();
      // A direct purchase: no refund, and Microsoft 365 billing support may give a credit.
      expect(await prompt.textContent()).toMatch(TEXT[locale].billingSupport);
      expect((await stored(env, contoso))?.step).toBe('provisioned');
      const when = day(-1);
      await prompt.locator('[data-csp-move="cancel-date"]').fill(when);
      await prompt.locator('[data-csp-move="cancel-confirm"]').click();
      await o.locator('[data-step="originals-ended"]').waitFor();
      const move = await stored(env, contoso);
      expect(move?.history.filter((h) => h.kind === 'cancellation').map((h) => h.note)).toEqual([when]);
      expect(move?.originals).toEqual([expect.objectContaining({ endBy: 'cancel', cancelOn: when })]);
      await o.locator('[data-csp-move="cancellation"]').waitFor();
      expect(problems).toEqual([]);
      await page.close();
    });

    test('closing with nothing provisioned, or with fewer seats, asks first; the override is in the history and on the move', async () => {
      const originals: OriginalInput[] = [{ offer: 'Office 365 E3', seats: 100, expiresOn: day(-5), endBy: 'expire' }];
      await track(env, 'contoso', { program: 'open', step: 'originals-ended', originals });
      const { page, problems } = await openWatchedPage(env.browser.context, env.portal.url(P.account(contoso)));
      const o = overlayOf(page);
      // Nothing provisioned: the next action is to provision, not to close.
      await expect.poll(() => o.locator('[data-csp-move="next-action"]').getAttribute('data-action')).toBe('provision');
      await o.locator('[data-csp-move="advance"]').click();
      await o.locator('[data-csp-move="advance-confirm"]').click();
      const prompt = o.locator('[data-csp-move="override-prompt"]');
      await prompt.waitFor();
      expect(await prompt.getAttribute('data-guard')).toBe('nothing-provisioned');
      expect((await stored(env, contoso))?.step).toBe('originals-ended');
      // Back: nothing changes.
      await prompt.locator('button:not([data-csp-move])').click();
      await prompt.waitFor({ state: 'detached' });
      expect((await stored(env, contoso))?.step).toBe('originals-ended');

      // 10 seats provisioned against 100: add seats, or close anyway.
      await env.send('moves/provisioned', { customerId: contoso, items: [{ offer: 'Office 365 E3', seats: 10, provisionedOn: day(-6) }] });
      await expect.poll(() => o.locator('[data-csp-move="next-action"]').getAttribute('data-action')).toBe('add-seats');
      await o.locator('[data-csp-move="advance"]').click();
      await o.locator('[data-csp-move="advance-confirm"]').click();
      await expect.poll(() => prompt.getAttribute('data-guard')).toBe('seats-fewer');
      expect((await stored(env, contoso))?.step).toBe('originals-ended');
      await prompt.locator('[data-csp-move="override-confirm"]').click();
      await o.locator('[data-step="done"]').waitFor();
      const move = await stored(env, contoso);
      expect(move?.step).toBe('done');
      expect(move?.history.filter((h) => h.kind === 'override')).toEqual([expect.objectContaining({ guard: 'seats-fewer', seats: { provisioned: 10, needed: 100 } })]);
      const shown = o.locator('[data-csp-move="override"]');
      await shown.waitFor();
      expect(await shown.getAttribute('data-guard')).toBe('seats-fewer');
      expect(await shown.textContent()).toMatch(/10.*100/);
      expect(problems).toEqual([]);
      await page.close();
    });
  });
}

describe('offer match by Microsoft\'s product table (en-US)', () => {
  let env: Env;
  beforeAll(async () => {
    env = await setUp('en-US');
  });
  afterAll(async () => {
    expect(env.browser.egress, 'requests that left for another host').toEqual([]);
    await env.browser.close();
  });
  beforeEach(async () => clean(env));

  async function choose(page: Page, productId: string, quantity: number): Promise<void> {
    await page.locator(`[id="row-${productId}"]`).getByRole('radio').check();
    await page.locator('#quantity-input').fill(String(quantity));
  }

  test('a rename since 2023 is the same offer renamed; a "(no Teams)" suite says it loses Teams', async () => {
    await track(env, 'contoso', { program: 'open', step: 'accepted' });
    const { page, problems } = await openWatchedPage(env.browser.context, env.portal.url(P.addProducts(contoso)));
    const warning = overlayOf(page).locator('[data-csp-move="offer-match"]');

    await env.send('moves/originals', { customerId: contoso, originals: [{ offer: 'Copilot for Microsoft 365', seats: 10, expiresOn: day(40), endBy: 'expire' }] });
    await choose(page, 'SAMPLE0COPLT:0001', 10);
    await expect.poll(() => warning.getAttribute('data-match')).toBe('renamed');
    await expect.poll(() => warning.textContent()).toMatch(/Microsoft 365 Copilot.*current name.*Copilot for Microsoft 365 \(10\)/);
    expect(await warning.locator('[data-csp-move="offer-loses"]').count()).toBe(0);
    // Fewer seats are still counted against the renamed original.
    await page.locator('#quantity-input').fill('8');
    await expect.poll(() => warning.getAttribute('data-seats')).toBe('fewer');

    await env.send('moves/originals', { customerId: contoso, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: day(40), endBy: 'expire' }] });
    await choose(page, 'SAMPLE0E3NOT:0001', 10);
    await expect.poll(() => warning.getAttribute('data-match')).toBe('different');
    const loses = warning.locator('[data-csp-move="offer-loses"]');
    await expect.poll(() => loses.textContent()).toMatch(/^Loses: .*Microsoft Teams/);
    expect(await warning.count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('E3 → E3 (no Teams) + Teams Enterprise on the review page is one split: licences still to be reassigned', async () => {
    await track(env, 'contoso', { program: 'open', step: 'accepted', originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: day(40), endBy: 'expire' }] });
    const { page, problems } = await openWatchedPage(env.browser.context, env.portal.url(P.addProducts(contoso)));
    // The cart as the catalogue page writes it (two "Add to cart"s).
    await page.evaluate((tenant) => {
      const item = (productId: string, name: string) => ({ productId, name, term: 'P1Y', billing: 'monthly', quantity: 10 });
      sessionStorage.setItem(`sample-portal:cart:${tenant}`, JSON.stringify([item('SAMPLE0E3NOT:0001', 'Office 365 E3 (no Teams)'), item('SAMPLE0TEAMS:0001', 'Microsoft Teams Enterprise')]));
    }, contoso);
    await page.goto(env.portal.url(P.addProductsReview(contoso)));
    const warning = overlayOf(page).locator('[data-csp-move="offer-match"]');
    await expect.poll(() => warning.getAttribute('data-match'), { timeout: 10_000 }).toBe('split');
    // One callout for the two offers, naming both and the original.
    expect(await warning.count()).toBe(1);
    expect(await warning.textContent()).toMatch(/Office 365 E3 \(10\) is carried on by Office 365 E3 \(no Teams\) \+ Microsoft Teams Enterprise together.*must still be reassigned/);
    expect(await warning.getAttribute('data-seats')).toBe(null);
    expect(problems).toEqual([]);
    await page.close();
  });
});
