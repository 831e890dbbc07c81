/**
 * Portal diagnostics in a real Chromium with the built extension, on the sample Partner Center:
 * - "About this page" and its report on every fixture page type, and the report holds nothing that
 *   names a customer (names, domains, tenant ids, subscription ids, the partner id, e-mail shapes);
 * - on grids whose markup changed (`renamed-tags`, `extra-shadow`, `stuck-skeleton`) the overlay says
 *   so in one sentence and the report names what was missing or where it sat; no page error;
 * - the copy button (Clipboard API) and the report's fixed facts (version, route shape).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { DiagnosticReport } from '../../src/content/diagnostics/report';
import { DEMO_PARTNER_ID, SAMPLE, type SampleKey } from '../fixtures/generate';
import { PORTAL_PATHS as P, servePortal, type PortalVariant, type SamplePortal } from '../fixtures/portal-server';
import type { Send } from '../../src/shared/client';
import { clientOf, launch, PORTAL, type Launched, openWatchedPage, overlayOf } from './harness';

let browser: Launched;
let portal: SamplePortal;
let popup: Page;
const contoso = SAMPLE.contoso.tenantId;
const STANDARD = 'CFQ7TTC0LDPB:0001';
const messages = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, { message: string }>;
const msg = (key: string) => messages[key]!.message;
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

beforeAll(async () => {
  browser = await launch();
  // 300 customers: hostile names beyond the SAMPLE ones are in the portfolio too.
  portal = await servePortal(browser.context, { count: 300 });
  popup = await browser.openPopup();
});
afterAll(async () => {
  expect(browser.egress, 'requests that left for another host').toEqual([]);
  await browser?.close();
});
beforeEach(async () => {
  portal.setOptions({ pageSize: 10, variant: null });
  await send('ui/set', { collapsed: false, positions: {} });
  const { moves } = await send('moves/list', {});
  for (const m of moves) await send('moves/delete', { customerId: m.customerId });
});

const send: Send = (type, payload) => clientOf(popup)(type, payload);

async function track(key: SampleKey): Promise<void> {
  const s = SAMPLE[key];
  await send('moves/track', { customerId: s.tenantId, companyName: s.companyName.slice(0, 500), domain: s.domain.slice(0, 300) });
  await send('moves/originals', { customerId: s.tenantId, originals: [{ offer: 'Office 365 Business Premium', seats: 25, expiresOn: '2099-01-31', endBy: 'expire' }] });
}

const openPage = (url?: string) => openWatchedPage(browser.context, url);
const overlay = overlayOf;

/** Opens "About this page" and returns the report it shows (as text and parsed). */
async function about(page: Page): Promise<{ text: string; report: DiagnosticReport }> {
  const o = overlay(page);
  await o.locator('[data-csp-move="about-open"]').click();
  const area = o.locator('[data-csp-move="diagnostic-report"]');
  // Folded under "Details for support": attached, not shown until opened.
  await area.waitFor({ state: 'attached' });
  const text = await area.inputValue();
  return { text, report: JSON.parse(text) as DiagnosticReport };
}

async function closeAbout(page: Page): Promise<void> {
  await overlay(page).locator('[data-csp-move="about-close"]').click();
  await overlay(page).locator('[data-csp-move="about-open"]').waitFor();
}

/** The report once every feature on the page has its verdict (nothing "waiting"). */
async function settledReport(page: Page): Promise<{ text: string; report: DiagnosticReport }> {
  let last = await about(page);
  await expect
    .poll(
      async () => {
        await overlay(page).locator('[data-csp-move="about-refresh"]').click();
        last = { text: await overlay(page).locator('[data-csp-move="diagnostic-report"]').inputValue(), report: last.report };
        last.report = JSON.parse(last.text) as DiagnosticReport;
        return last.report.features.filter((f) => f.status === 'waiting').map((f) => f.id);
      },
      { timeout: 15_000, interval: 200 },
    )
    .toEqual([]);
  return last;
}

async function chooseOffer(page: Page, productId: string, quantity: number): Promise<void> {
  await page.locator(`[id="row-${productId}"]`).getByRole('radio').check();
  await page.locator('#quantity-input').fill(String(quantity));
}

const EMAIL = /[^\s"'<>@{}]+@[^\s"'<>@{}]+\.[a-z]{2,}/i;

/** What must never be in a report: every customer's name, domain and ids, the partner id, e-mail shapes. */
function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (const c of portal.portfolio.customers) {
    const name = c.companyName.trim();
    // Names of a letter or two could match anything; none of the portfolio's are that short.
    if (name.length >= 3 && lower.includes(name.toLowerCase())) found.push(`name ${JSON.stringify(name.slice(0, 60))}`);
    if (lower.includes(c.domain.toLowerCase())) found.push(`domain ${c.domain}`);
    if (lower.includes(c.tenantId.toLowerCase())) found.push(`tenant ${c.tenantId}`);
    for (const s of c.subscriptions) if (lower.includes(s.id.toLowerCase())) found.push(`subscription ${s.id}`);
  }
  if (lower.includes(DEMO_PARTNER_ID.toLowerCase())) found.push('partner id');
  const email = EMAIL.exec(text);
  if (email) found.push(`e-mail shape ${email[0]}`);
  if (/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.test(text)) found.push('a GUID');
  return found;
}

describe('About this page', () => {
  test('the report names no customer, domain, id, partner or e-mail on any fixture page type', async () => {
    await track('contoso');
    await track('xss');
    const sub = portal.portfolio.customers[0]!.subscriptions[0]!.id;
    const { page, problems } = await openPage();
    const seen: string[] = [];
    const check = async (what: string, ready: () => Promise<unknown>) => {
      await ready();
      const { text, report } = await settledReport(page);
      expect(leaks(text), what).toEqual([]);
      // Normal pages: every feature found what it needs, and the overlay has nothing to say about it.
      expect(report.features.filter((f) => !['ok', 'empty', 'none'].includes(f.status)).map((f) => `${f.id}: ${f.status}`), what).toEqual([]);
      expect(report.sentence, what).toBeNull();
      expect(report.extension.version).toBe(version);
      seen.push(`${report.route.page} ${report.route.path}`);
      await closeAbout(page);
      expect(await overlay(page).locator('.problem, [data-csp-move="diagnostic-notice"]').count(), what).toBe(0);
    };

    // The customers list with every SAMPLE customer (hostile names included) and 50 rows.
    portal.setOptions({ pageSize: 50 });
    await page.goto(portal.url(P.customers, 'en-us'));
    await check('customers list', () => page.locator(`[data-csp-move="badge"][data-customer-id="${SAMPLE.xss.tenantId}"]`).waitFor());
    // The reseller-relationship panel open (its draft e-mail holds the partner id).
    await page.getByRole('button', { name: 'Request a reseller relationship' }).click();
    await check('reseller panel', () => overlay(page).locator('[data-csp-move="request-hint"]').waitFor());
    // Account pages: a plain, a Chinese and a hostile name.
    for (const key of ['contoso', 'taiwan', 'xss', 'long'] as const) {
      await page.goto(portal.url(P.account(SAMPLE[key].tenantId), 'en-us'));
      await check(`account ${key}`, () => overlay(page).locator('[data-csp-move="track"], [data-step]').first().waitFor());
    }
    for (const key of ['contoso', 'tailspin', 'xss'] as const) {
      await page.goto(portal.url(P.subscriptions(SAMPLE[key].tenantId), 'zh-tw'));
      await check(`subscriptions ${key}`, () => page.locator('[id^="row-"]').first().waitFor());
    }
    await page.goto(portal.url(P.subscription(contoso, sub)));
    await check('subscription details', () => overlay(page).locator('[data-step]').waitFor());
    await page.goto(portal.url(P.addProducts(contoso)));
    await chooseOffer(page, STANDARD, 25);
    await check('add products', () => overlay(page).locator('[data-csp-move="offer-match"]').waitFor());

    expect(seen).toEqual([
      'customers-list /en-us/dashboard/v2/customers/list',
      'customers-list /en-us/dashboard/v2/customers/list',
      ...Array(4).fill('customer-account /en-us/dashboard/v2/customers/{guid}/account'),
      ...Array(3).fill('customer-subscriptions /zh-tw/dashboard/v2/customers/{guid}/subscriptions'),
      'subscription-details /dashboard/v2/customers/{guid}/subscriptions/{guid}',
      'add-products /dashboard/v2/customers/{guid}/addproducts',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('lists the route, each feature and its anchors, with counts, wait and markup shape (no values)', async () => {
    await track('contoso');
    const { page, problems } = await openPage(portal.url(P.customers));
    await page.locator(`[data-csp-move="badge"][data-customer-id="${contoso}"]`).waitFor();
    const { report, text } = await settledReport(page);
    // The leak check itself finds what it is meant to find.
    expect(leaks(`${text} ${SAMPLE.xss.companyName} someone@contoso.example ${contoso}`).sort()).toEqual(
      [`name ${JSON.stringify(SAMPLE.xss.companyName)}`, `tenant ${contoso}`, 'e-mail shape someone@contoso.example', 'a GUID'].sort(),
    );
    expect(report.route).toEqual({ page: 'customers-list', path: '/dashboard/v2/customers/list' });
    expect(report.browser.brands.join(' ')).toMatch(/Chrom/);
    expect(report.uiLanguage).toMatch(/^en/);
    expect(report.features.map((f) => f.id).sort()).toEqual(['customer-badges', 'migration-hints', 'relationship-accepted', 'reseller-request']);
    const badges = report.features.find((f) => f.id === 'customer-badges')!;
    expect(badges).toMatchObject({ marker: 'badge', status: 'ok', waitMs: 10_000, changed: [] });
    expect(badges.waitedMs).toBeGreaterThanOrEqual(0);
    expect(badges.waitedMs).toBeLessThan(10_000);
    const rows = badges.anchors.find((a) => a.id === 'grid-rows')!;
    expect(rows).toMatchObject({ found: 10, placeholders: 0, depth: 5, hostsAsExpected: true });
    expect(rows.hosts).toEqual(['customer_he-data-grid', 'customer_he-layout', 'customer-app', 'he-layout', 'he-shell']);
    // The shape: tags and attribute names only, through the shadow roots.
    expect(rows.around).toContain('#shadow-root');
    expect(rows.around).toContain('customer_he-data-grid');
    const sample = rows.samples![0]!;
    expect(typeof sample === 'string' ? sample : sample.n).toMatch(/^tr\[.*\bid\b.*\brole\b.*\]$/);
    expect(JSON.stringify(rows.samples)).not.toMatch(/row-|cell-|data-grid__/);
    expect(report.outline).toContain('1 he-shell');
    expect(report.features.find((f) => f.id === 'migration-hints')).toMatchObject({ status: 'none', anchors: [] });
    // The view itself: one line per feature and anchor.
    const view = overlay(page).locator('[data-csp-move="about"]');
    expect(await view.getAttribute('data-route')).toBe('customers-list');
    // The partner reads one sentence; ids and counts are folded under "Details for support".
    expect(await view.locator('[data-csp-move="about-summary"]').getAttribute('data-state')).toBe('works');
    expect(await view.locator('[data-csp-move="about-summary"]').textContent()).toContain(msg('featureName_customer_badges'));
    expect(await view.locator('[data-csp-move="about-details"]').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await view.locator('[data-feature="customer-badges"]').isVisible()).toBe(false);
    await view.locator('[data-csp-move="about-details"] summary').click();
    expect(await view.locator('[data-feature="customer-badges"]').isVisible()).toBe(true);
    expect(await view.locator('[data-feature="customer-badges"]').getAttribute('data-status')).toBe('ok');
    expect(await view.locator('[data-feature="customer-badges"] [data-anchor="grid-rows"]').textContent()).toContain('10 found, 0 placeholders');
    // Opened and closed by a click, the view passes the focus on (never by itself).
    const focused = () =>
      page.evaluate(() => {
        const active = document.querySelector('[data-csp-move="overlay"]')?.shadowRoot?.activeElement;
        return active ? (active.getAttribute('data-csp-move') ?? active.textContent) : null;
      });
    await closeAbout(page);
    await expect.poll(focused).toBe('about-open');
    await about(page);
    await expect.poll(focused).toBe(msg('aboutThisPage'));
    // Back to the overlay's body.
    await closeAbout(page);
    await expect.poll(focused).toBe('about-open');
    expect(await overlay(page).locator('[data-csp-move="next-action"], .hint').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('copies the report with the Clipboard API', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: PORTAL });
    const { page, problems } = await openPage(portal.url(P.account(contoso)));
    await overlay(page).locator('[data-csp-move="track"]').waitFor();
    const { text } = await about(page);
    await overlay(page).locator('[data-csp-move="diagnostic-copy"]').click();
    const status = overlay(page).locator('[data-csp-move="diagnostic-copied"]');
    await status.waitFor();
    expect(await status.getAttribute('data-copied')).toBe('ok');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied)).toMatchObject({ route: { page: 'customer-account', path: '/dashboard/v2/customers/{guid}/account' } });
    expect(copied.length).toBeGreaterThan(text.length / 2);
    expect(leaks(copied)).toEqual([]);
    await browser.context.clearPermissions();
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('changed grid markup', () => {
  async function variantPage(variant: PortalVariant, path: string): Promise<{ page: Page; problems: string[] }> {
    portal.setOptions({ variant });
    const p = await openPage(portal.url(path));
    await p.page.locator('[id^="row-"]').first().waitFor();
    return p;
  }

  test('stuck skeleton: the overlay says the grid did not appear; the report counts 0 GUID rows and the skeleton rows', async () => {
    await track('contoso');
    const { page, problems } = await variantPage('stuck-skeleton', P.customers);
    const problem = overlay(page).locator('.problem');
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.textContent()).toBe(msg('problem_grid'));
    expect(await overlay(page).locator('[data-csp-move="diagnostic-notice"]').count()).toBe(0);
    const { text, report } = await about(page);
    expect(report.sentence).toBe('problem_grid');
    const badges = report.features.find((f) => f.id === 'customer-badges')!;
    expect(badges.status).toBe('missing');
    expect(badges.waitedMs).toBeGreaterThanOrEqual(10_000);
    const rows = badges.anchors.find((a) => a.id === 'grid-rows')!;
    expect(rows).toMatchObject({ found: 0, placeholders: 10 });
    // The skeleton rows' shape is there to see, without their ids or text.
    expect(rows.samples!.length).toBe(3);
    expect(text).not.toMatch(/Loading|row-he-row|row-\d/);
    expect(await overlay(page).locator('[data-feature="customer-badges"]').getAttribute('data-status')).toBe('missing');
    expect(await overlay(page).locator('[data-feature="customer-badges"] [data-anchor="grid-rows"]').textContent()).toContain('0 found, 10 placeholders');
    // For the partner first: one sentence on what is off and what to do, the details folded.
    const summary = overlay(page).locator('[data-csp-move="about-summary"]');
    expect(await summary.getAttribute('data-state')).toBe('off');
    // Every feature that needs the grid is named as off; the panel still works.
    const off = (await summary.locator('p').first().textContent())!;
    expect(off.startsWith(msg('aboutSummaryOff').replace('$1.', ''))).toBe(true);
    for (const k of ['featureName_customer_badges', 'featureName_reseller_request', 'featureName_relationship_accepted']) expect(off).toContain(msg(k));
    expect(await summary.textContent()).toContain(msg('aboutSummaryRest').replace('$1', msg('featureName_migration_hints')));
    expect(await summary.textContent()).toContain(msg('aboutSummaryWhatToDo'));
    expect(await summary.textContent()).not.toMatch(/customer-badges|found|placeholder/);
    expect(await page.locator('[data-csp-move="badge"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('stuck skeleton in the catalogue: the add-products page says so too', async () => {
    await track('contoso');
    const { page, problems } = await variantPage('stuck-skeleton', P.addProducts(contoso));
    await overlay(page).locator('.problem').waitFor({ timeout: 15_000 });
    expect(await overlay(page).locator('.problem').textContent()).toBe(msg('problem_catalogue'));
    const { report } = await about(page);
    const rows = report.features.find((f) => f.id === 'offer-match')!.anchors.find((a) => a.id === 'catalogue-rows')!;
    expect(rows).toMatchObject({ found: 0 });
    expect(rows.placeholders).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  const MOVED: Array<{ variant: PortalVariant; hosts: string[]; depth: number }> = [
    { variant: 'renamed-tags', hosts: ['customer_x-table', 'customer_he-layout'], depth: 5 },
    { variant: 'extra-shadow', hosts: ['customer_he-data-grid', 'customer_he-card'], depth: 6 },
  ];
  for (const { variant, hosts, depth } of MOVED) {
    test(`${variant}: badges still work; the overlay notes the change and the report shows where the rows sit`, async () => {
      await track('contoso');
      const { page, problems } = await variantPage(variant, P.customers);
      await page.locator(`[data-csp-move="badge"][data-customer-id="${contoso}"]`).waitFor();
      const notice = overlay(page).locator('[data-csp-move="diagnostic-notice"]');
      await notice.waitFor();
      expect(await notice.textContent()).toBe(msg('diagChanged'));
      expect(await overlay(page).locator('.problem').count()).toBe(0);
      const { report } = await settledReport(page);
      expect(report.sentence).toBe('diagChanged');
      const badges = report.features.find((f) => f.id === 'customer-badges')!;
      expect(badges.status).toBe('changed');
      expect(badges.changed).toEqual(['grid-rows']);
      const rows = badges.anchors.find((a) => a.id === 'grid-rows')!;
      expect(rows).toMatchObject({ found: 10, placeholders: 0, depth, hostsExpected: ['he-data-grid', 'he-layout'], hostsAsExpected: false });
      expect(rows.hosts!.slice(0, 2)).toEqual(hosts);
      expect(await overlay(page).locator('[data-feature="customer-badges"] [data-anchor="grid-rows"]').textContent()).toContain('in a different place than expected');
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
