/**
 * The extension in a browser whose UI language is Traditional Chinese (Chromium `--lang=zh-TW`,
 * `locale: 'zh-TW'`, LANGUAGE=zh_TW), on the zh-TW sample portal: the overlay, badges, the
 * offer-match warning, the popup's list, import preview and errors, and a reminder notification.
 * Each asserts the extension's own text is the zh_TW messages (CJK, no English message text) and
 * that dates read the zh-TW way. Expected dates are written out by hand, never produced by the
 * extension's formatter. Short on purpose: the English suites cover behaviour.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SAMPLE } from '../fixtures/generate';
import { PORTAL_PATHS as P, servePortal, type SamplePortal } from '../fixtures/portal-server';
import type { Send } from '../../src/shared/client';
import { clientOf, currentWorker, launch, openWatchedPage, overlayOf, type Launched } from './harness';

type Messages = Record<string, { message: string }>;
const LOCALES = resolve(import.meta.dirname, '../../public/_locales');
const en = JSON.parse(readFileSync(`${LOCALES}/en/messages.json`, 'utf8')) as Messages;
const zh = JSON.parse(readFileSync(`${LOCALES}/zh_TW/messages.json`, 'utf8')) as Messages;
const CSV_DIR = resolve(import.meta.dirname, '../fixtures/csv');
const CJK = /[\u4e00-\u9fff]/;
const contoso = SAMPLE.contoso.tenantId;
const STANDARD = 'CFQ7TTC0LDPB:0001'; // Microsoft 365 Business Standard
const E3 = 'CFQ7TTC0LF8R:0001'; // Office 365 E3

/** A zh_TW message with its `$n` filled (the message data itself, not the extension's code). */
function zhMessage(key: string, ...subs: string[]): string {
  const m = zh[key]?.message;
  if (!m) throw new Error(`no zh_TW message ${key}`);
  return m.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

/** English message text found in `text`: every stretch of 8+ characters of an English message. */
function englishIn(text: string): string[] {
  const found = new Set<string>();
  for (const [key, { message }] of Object.entries(en)) {
    for (const piece of message.split(/\$\d|\$[A-Z_]+\$|[“”"()]/)) {
      const p = piece.trim();
      // Whole words only: "customer" in a column name such as customer_id is data, not UI text.
      const word = new RegExp(`(?<!\\w)${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`);
      if (p.length >= 8 && /[a-z]{3}/i.test(p) && word.test(text)) found.add(`${key}: "${p}"`);
    }
  }
  return [...found];
}

/** The text a user reads in `el`, without parts marked `lang="en"` (the CSV error details, by design). */
function uiText(el: Locator): Promise<string> {
  return el.evaluate((e) => {
    const out: string[] = [];
    const walk = (n: Node): void => {
      if (n.nodeType === Node.TEXT_NODE) out.push(n.nodeValue ?? '');
      if (n instanceof Element) {
        if (n.tagName === 'STYLE' || n.getAttribute('lang') === 'en') return;
        if (n.shadowRoot) walk(n.shadowRoot);
      }
      for (const c of n.childNodes) walk(c);
    };
    walk(e);
    return out.join('');
  });
}

/** Asserts `text` is the zh_TW UI: Chinese, no English message text. */
function expectZh(text: string, where: string): void {
  expect(text, where).toMatch(CJK);
  expect(englishIn(text), `English UI text in ${where}`).toEqual([]);
}

/** A local calendar day `n` days from today, as the background counts days. */
function day(n: number): { iso: string; zh: string } {
  const d = new Date();
  d.setDate(d.getDate() + n);
  const [y, m, dd] = [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  // zh-TW's written date: year 年 month 月 day 日, no leading zeros.
  return { iso: `${y}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`, zh: `${y}年${m}月${dd}日` };
}

let browser: Launched;
let portal: SamplePortal;
let popup: Page;

const send: Send = (type, payload) => clientOf(popup)(type, payload);

beforeAll(async () => {
  browser = await launch({ locale: 'zh-TW' });
  portal = await servePortal(browser.context, { count: 20 });
  popup = await browser.openPopup();
  // Contoso, accepted, with one original ending on a fixed day far ahead (no reminder, no urgency).
  await send('moves/track', { customerId: contoso, companyName: SAMPLE.contoso.companyName, domain: SAMPLE.contoso.domain });
  await send('moves/originals', { customerId: contoso, originals: [{ offer: 'Office 365 Business Premium', seats: 25, expiresOn: '2031-12-12', endBy: 'expire' }] });
  await send('moves/step', { customerId: contoso, to: 'accepted', confirmSkip: true });
});
afterAll(async () => {
  expect(browser?.egress, 'requests that left for another host').toEqual([]);
  await browser?.close();
});

test('the browser really runs in zh-TW: the UI language and the messages the extension gets', async () => {
  const worker = await currentWorker(browser.context);
  expect(await worker.evaluate(() => [chrome.i18n.getUILanguage(), chrome.i18n.getMessage('localeTag')])).toEqual(['zh-TW', 'zh-TW']);
  expect(await popup.evaluate(() => [chrome.i18n.getUILanguage(), navigator.language, document.documentElement.lang])).toEqual(['zh-TW', 'zh-TW', 'zh-TW']);
});

test('the overlay on a zh-TW portal page: zh_TW text, zh-TW dates', async () => {
  const { page, problems } = await openWatchedPage(browser.context, portal.url(P.account(contoso), 'zh-tw'));
  const o = overlayOf(page);
  await o.locator('[data-step="accepted"]').waitFor();
  await expect.poll(() => uiText(o)).toContain('2031年12月12日');
  const text = await uiText(o);
  expect(text).toContain(zhMessage('step_accepted'));
  expectZh(text, 'the overlay');
  expect(text).not.toMatch(/2031-12-12|Dec(ember)? 12/);
  expect(problems).toEqual([]);
  await page.close();
});

test('badges on the zh-TW customers list', async () => {
  const { page, problems } = await openWatchedPage(browser.context, portal.url(P.customers, 'zh-tw'));
  const badge = page.locator(`[data-csp-move="badge"][data-customer-id="${contoso}"]`);
  await badge.waitFor();
  // Hand-spelled: the step, then (more than 60 days ahead) the expiry date the zh-TW way.
  await expect.poll(() => uiText(badge)).toBe(`${zhMessage('badgeStep_accepted')} · 2031年12月12日 到期`);
  expectZh(await badge.getAttribute('title') ?? '', "the badge's title");
  expect(problems).toEqual([]);
  await page.close();
});

test('the offer-match warning in zh-TW: the originals under their zh-TW names today, then the verdict', async () => {
  const { page, problems } = await openWatchedPage(browser.context, portal.url(P.addProducts(contoso), 'zh-tw'));
  // Before anything is picked: what to look for, under Microsoft's zh-TW name of today's product.
  const lookFor = overlayOf(page).locator('[data-csp-move="offer-current-names"]');
  await lookFor.waitFor();
  const names = await uiText(lookFor);
  expect(names).toContain(zhMessage('offerLookFor'));
  expect(names).toContain(`Microsoft 365 商務標準版 · 25 個授權 ${zhMessage('offerWasNamed', 'Office 365 Business Premium')}`);
  expectZh(names, 'the originals under their current names');
  // Another offer: what to pick instead, by its zh-TW name.
  await page.locator(`[id="row-${E3}"]`).getByRole('radio').check();
  const instead = overlayOf(page).locator('[data-csp-move="sold-today-as"]');
  await expect.poll(() => instead.textContent()).toBe(zhMessage('offerSoldTodayAs', 'Office 365 Business Premium', 'Microsoft 365 商務標準版', '25 個授權'));
  expect(await lookFor.count()).toBe(0);
  await page.locator(`[id="row-${STANDARD}"]`).getByRole('radio').check();
  await page.locator('#quantity-input').fill('20');
  const warning = overlayOf(page).locator('[data-csp-move="offer-match"]');
  await expect.poll(() => warning.getAttribute('data-match')).toBe('renamed');
  expect(await warning.getAttribute('data-seats')).toBe('fewer');
  const text = await uiText(warning);
  expect(text).toContain(zhMessage('matchLabel_renamed'));
  // The offer by the name the zh-TW page gives it, not the English catalogue name.
  expect(text).toContain(zhMessage('offerMatchRenamed', 'Microsoft 365 商務標準版', 'Office 365 Business Premium (25)'));
  expectZh(text, 'the offer-match warning');
  expect(problems).toEqual([]);
  await page.close();
});

// Before the popup's import: its overdue sample moves would be due too (and make one summary notification).
test("a reminder notification's text is zh_TW with a zh-TW date", async () => {
  const fabrikam = SAMPLE.fabrikam;
  const id = `reminder|original-ends/${fabrikam.tenantId}/o1/`; // + the day
  const worker = await currentWorker(browser.context);
  // Observed, not stubbed: the real call goes through and its options are recorded. Installed
  // before the move changes, since the background may remind as soon as the originals are stored.
  await worker.evaluate((wanted) => {
    const seen: string[] = [];
    const g = globalThis as unknown as { __reminder: Promise<{ title: string; message: string }> };
    g.__reminder = new Promise((resolve, reject) => {
      for (const ns of new Set([chrome.notifications, (globalThis as unknown as { browser?: typeof chrome }).browser?.notifications])) {
        if (!ns) continue;
        const create = ns.create.bind(ns) as (...a: unknown[]) => unknown;
        (ns as unknown as { create: unknown }).create = (...a: unknown[]) => {
          seen.push(String(a[0]));
          if (String(a[0]).startsWith(wanted)) resolve(a[1] as { title: string; message: string });
          return create(...a);
        };
      }
      setTimeout(() => reject(new Error(`no notification ${wanted} within 40 s (created: ${seen.join(', ') || 'none'})`)), 40_000);
    });
  }, id);
  await send('moves/track', { customerId: fabrikam.tenantId, companyName: fabrikam.companyName });
  // The default 7-day reminder: reminders fall due at 09:00 local, so before 09:00 today still counts as yesterday.
  const expiry = day(new Date().getHours() >= 9 ? 7 : 6);
  await send('moves/originals', { customerId: fabrikam.tenantId, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: expiry.iso, endBy: 'expire' }] });
  // The real alarm, in case the change itself did not remind.
  await worker.evaluate(() => chrome.alarms.create('reminders', { when: Date.now() + 200 }));
  const options = await worker.evaluate(() => (globalThis as unknown as { __reminder: Promise<{ title: string; message: string }> }).__reminder);
  // And the browser shows it.
  await expect.poll(async () => Object.keys(await (await currentWorker(browser.context)).evaluate(() => chrome.notifications.getAll())), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringMatching(`^${id.replace(/[|/]/g, '\\$&')}`)]));
  const { title, message } = options;
  expect(title).toBe(`${fabrikam.companyName}：Office 365 E3 將於 ${expiry.zh} 結束`);
  expect(message).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  expectZh(`${title}\n${message}`, 'the notification');
});

test("the popup's import preview, errors and list in zh-TW", async () => {
  const page = await browser.openPopup();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.locator('[data-csp-move="move-row"]').first().waitFor();
  await page.locator('[data-csp-move="view-import"]').click();

  // A file with errors: listed by row and column, in zh_TW (the parser's detail stays English, marked lang="en").
  await page.locator('[data-csp-move="import-csv"]').setInputFiles(resolve(CSV_DIR, 'popup-bad.csv'));
  const list = page.locator('[data-csp-move="import-errors"]');
  await list.waitFor();
  const errorText = await uiText(list);
  expect(errorText).toContain('第 3 列，seats 欄');
  expect(errorText).toContain(zhMessage('popup_csvError_bad_seats'));
  expectZh(errorText, 'the import errors');

  // A good file: the preview's summary, then the list with zh-TW dates.
  await page.locator('[data-csp-move="import-csv"]').setInputFiles(resolve(CSV_DIR, 'popup-good.csv'));
  const summary = page.locator('[data-csp-move="import-summary"]');
  await expect.poll(() => summary.textContent()).toBe(zhMessage('popup_previewSummary', '5', '5', '5', '0'));
  expectZh(await uiText(page.locator('[data-csp-move="import-preview"]')), 'the import preview');
  await page.locator('[data-csp-move="import-confirm"]').click();
  await page.locator('[data-csp-move="import-result"]').filter({ hasText: '匯入完成' }).waitFor();
  await page.locator('[data-csp-move="view-moves"]').click();
  const taiwan = page.locator('[data-csp-move="move-row"][data-customer-id="6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"]');
  await taiwan.waitFor();
  expect(await taiwan.locator('.expiry').textContent()).toContain('2031年1月15日');
  expectZh(await uiText(page.locator('main')), 'the list of moves');
  expect(errors).toEqual([]);
  await page.close();
});
