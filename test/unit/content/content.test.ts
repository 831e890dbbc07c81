/**
 * The content script's pure parts: reading page values (relationship words, product ids,
 * quantities, row ids), the offer-match view, the badge text, the page routes, and that every UI
 * string the content script shows exists in English and zh-TW.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Move, OriginalSubscription, Step } from '../../../src/core/model';
import { matchRoute } from '../../../src/content/pages';
import { isCopyLabel, isResellerValue, parseQuantity, productIdIn, rowCustomerId } from '../../../src/content/scrape';
import { chosenRef, offerView } from '../../../src/core/offer-view';

const ROOT = resolve(import.meta.dirname, '../../..');
const ID = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';

function original(offer: string, seats: number, skuId?: string): OriginalSubscription {
  return { id: `o${offer.length}${seats}`, offer, seats, expiresOn: '2026-12-31', endBy: 'expire', ...(skuId ? { skuId } : {}) };
}

describe('reading page values', () => {
  it('takes "Reseller" and its localized words as relationship values, alone or in a list', () => {
    for (const v of ['Reseller', 'reseller', ' 轉售商 ', 'Advisor, Reseller', '顧問、轉售商', '經銷商', '轉銷商']) expect(isResellerValue(v), v).toBe(true);
    for (const v of ['None', '無', 'Advisor', 'Reseller relationship requested', 'Request a reseller relationship', '要求建立經銷商關係', '']) {
      expect(isResellerValue(v), v).toBe(false);
    }
  });

  it('finds new-commerce product ids, not words or numbers', () => {
    expect(productIdIn('CFQ7TTC0LH18:0001')).toBe('CFQ7TTC0LH18:0001');
    expect(productIdIn('Product ID: CFQ7TTC0LDPB:0001')).toBe('CFQ7TTC0LDPB:0001');
    expect(productIdIn('CFQ7TTC0LDPB')).toBe('CFQ7TTC0LDPB');
    expect(productIdIn('MICROSOFTXYZ')).toBe('');
    expect(productIdIn('123456789012')).toBe('');
    expect(productIdIn('Microsoft 365 Business Standard')).toBe('');
  });

  it('reads whole-number quantities as pages format them', () => {
    expect(parseQuantity('25')).toBe(25);
    expect(parseQuantity('1,200')).toBe(1200);
    expect(parseQuantity('1\u202f200')).toBe(1200);
    expect(parseQuantity('1 year')).toBeUndefined();
    expect(parseQuantity('每月')).toBeUndefined();
    expect(parseQuantity('')).toBeUndefined();
  });

  it('takes customer ids from GUID row ids only (skeleton rows are not customers)', () => {
    expect(rowCustomerId(`row-${ID}`)).toBe(ID);
    expect(rowCustomerId(`row-${ID.toUpperCase()}`)).toBe(ID);
    for (const id of ['row-he-row-0', 'row-1', 'row-CFQ7TTC0LDPB:0001', ID, `row-${ID}-x`]) expect(rowCustomerId(id), id).toBeNull();
  });

  it('recognises copy buttons in several languages', () => {
    for (const v of ['Copy', 'Copy to clipboard', '複製', '复制', 'Kopieren', 'Copier']) expect(isCopyLabel(v), v).toBe(true);
    for (const v of ['Done', 'Open email', '完成', '開啟電子郵件']) expect(isCopyLabel(v), v).toBe(false);
  });
});

describe('routes', () => {
  const at = (path: string) => matchRoute(new URL(`https://partner.microsoft.com${path}`));
  it('recognises the pages with or without a locale, in either generation, any case', () => {
    expect(at('/dashboard/v2/customers/list')).toMatchObject({ page: 'customers-list', locale: '' });
    expect(at('/zh-TW/dashboard/commerce2/customers/list')).toMatchObject({ page: 'customers-list', locale: 'zh-TW' });
    expect(at(`/en-us/dashboard/v2/customers/${ID.toUpperCase()}/account`)).toMatchObject({ page: 'customer-account', customerId: ID });
    expect(at(`/dashboard/v2/customers/${ID}/addproducts/review`)?.page).toBe('add-products-review');
    expect(at(`/dashboard/v2/customers/${ID}/addproducts/confirmation`)?.page).toBe('add-products-confirmation');
    expect(at(`/dashboard/v2/customers/${ID}/servicemanagementpage`)?.page).toBe('customer-other');
  });

  it('recognises the GDAP customers list (both generations) and the indirect reseller request page', () => {
    expect(at('/dashboard/v2/customers/granularadminaccess/list')).toMatchObject({ page: 'gdap-list', locale: '' });
    expect(at('/zh-tw/dashboard/commerce2/granularadminaccess/list')).toMatchObject({ page: 'gdap-list', locale: 'zh-tw' });
    expect(at('/dashboard/v2/customers/granularadminaccess/list')?.customerId).toBeUndefined();
    const indirect = at(`/en-us/dashboard/v2/customers/indirectresellers/relationshiprequest/${ID.toUpperCase()}`);
    expect(indirect).toEqual({ page: 'indirect-reseller-request', locale: 'en-us', providerId: ID });
    expect(at('/dashboard/v2/customers/indirectresellers/relationshiprequest/not-a-guid')).toBeNull();
  });
  it('leaves unknown pages alone', () => {
    for (const p of ['/dashboard/home', '/dashboard', '/en-us/marketing', '/dashboard/v2/customers/not-a-guid/account', '/dashboard/v2/granularadminaccess/list', '/dashboard/commerce2/customers/granularadminaccess/x']) {
      expect(at(p), p).toBeNull();
    }
    expect(matchRoute(new URL(`https://partner.microsoft.com.evil.example/dashboard/v2/customers/list`))).toBeNull();
  });
});

describe('offer-match view', () => {
  const STANDARD = 'CFQ7TTC0LDPB:0001';
  it('is the same offer by product id whatever the page language', () => {
    const originals = [original('Microsoft 365 Business Standard', 25)];
    for (const name of ['Microsoft 365 Business Standard', 'Microsoft 365 商務標準版', '']) {
      expect(offerView(originals, { productId: STANDARD, name, quantity: 25 })).toMatchObject({ match: 'same', seatsFewer: false });
    }
  });
  it('is renamed for an original recorded under its former name, and counts fewer seats', () => {
    const v = offerView([original('Office 365 Business Premium', 25)], { productId: STANDARD, name: 'Microsoft 365 商務標準版', quantity: 20 });
    expect(v).toMatchObject({ match: 'renamed', seatsFewer: true, chosenSeats: 20, originalSeats: 25, offerName: 'Microsoft 365 Business Standard' });
    expect(v.unmatched).toEqual([]);
  });
  it('is different, listing the originals without a match', () => {
    const e3 = original('Office 365 E3', 10);
    const v = offerView([e3], { productId: STANDARD, name: 'x', quantity: 5 });
    expect(v).toMatchObject({ match: 'different', seatsFewer: false });
    expect(v.unmatched).toEqual([e3]);
  });
  it('is unknown for an unrecognisable original, and falls back to the shown name without a product id', () => {
    expect(offerView([original('Contoso Legacy Bundle', 5)], { productId: STANDARD, name: '' }).match).toBe('unknown');
    // A localized catalogue name is the offer itself, not a rename.
    expect(offerView([original('Office 365 E3', 5)], { productId: '', name: 'Office 365 企業版 E3', quantity: 5 }).match).toBe('same');
    expect(chosenRef({ productId: '', name: 'Some Partner Add-on' })).toEqual({ offer: 'Some Partner Add-on', offerName: 'Some Partner Add-on' });
  });
});

describe('badge text', () => {
  it('says the step, the days and the urgency in words', async () => {
    vi.resetModules();
    const { fakeBrowser } = await import('@webext-core/fake-browser');
    const messages: Record<string, string> = {
      badgeStep_requested: 'Requested',
      badgeDaysLeft_other: '$1 days left',
      badgeExpiredAgo_other: 'expired $1 days ago',
      badgeUrgency_urgent: 'urgent',
      badgeExpiresOn: 'expires $1',
      badgeExpiredOn: 'expired $1',
      badgeUrgency_overdue: 'overdue',
      extName: 'CSP',
      action_nudge_customer: 'Nudge',
    };
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: string | string[]) =>
      (messages[key] ?? '').replace('$1', String([subs ?? []].flat()[0] ?? '')),
    );
    const { badgeView: view } = await import('../../../src/content/features/customer-badges/badge');
    const { badgeFact } = await import('../../../src/background/tracked-facts');
    // The background judges (badgeFact), the page words it (badgeView).
    const badgeView = (m: Move, today: string, settings: { nudgeAfterDays: number }) => view(badgeFact(m, today, settings), today);
    const move = (step: Step, expiresOn: string): Move => ({
      customerId: ID, companyName: 'C', domain: '', program: 'open', path: 'manual', step, stepDates: { [step]: '2026-05-01' },
      originals: [original('Office 365 E3', 5)].map((o) => ({ ...o, expiresOn })), provisioned: [], licensesReassigned: false,
      notes: '', history: [], createdAt: '2026-05-01T00:00:00Z', updatedAt: '2026-05-01T00:00:00Z',
    });
    expect(badgeView(move('requested', '2026-05-13'), '2026-05-10', { nudgeAfterDays: 14 })).toMatchObject({ text: 'Requested · 3 days left · urgent', urgency: 'urgent', days: 3 });
    // Open users keep access 30 days past the end date: urgent, not yet overdue; an EA's is overdue.
    expect(badgeView(move('requested', '2026-05-05'), '2026-05-10', { nudgeAfterDays: 14 })).toMatchObject({ text: 'Requested · expired 5 days ago · urgent', days: -5 });
    expect(badgeView({ ...move('requested', '2026-05-05'), program: 'ea' }, '2026-05-10', { nudgeAfterDays: 14 })).toMatchObject({ text: 'Requested · expired 5 days ago · overdue', days: -5 });
    // Beyond 60 days, the date instead of a count of days.
    expect(badgeView(move('requested', '2026-09-01'), '2026-05-10', { nudgeAfterDays: 14 }).text).toBe('Requested · expires Sep 1, 2026');
    expect(badgeView(move('requested', '2026-03-01'), '2026-05-10', { nudgeAfterDays: 14 }).text).toMatch(/^Requested · expired Mar 1, 2026/);
    // A page view's words: the browser's i18n is asked once per message, not once per row.
    const words = new Map<string, string>();
    const fact = badgeFact(move('requested', '2026-05-13'), '2026-05-10', { nudgeAfterDays: 14 });
    const first = view(fact, '2026-05-10', words);
    const asked = vi.mocked(fakeBrowser.i18n.getMessage).mock.calls.length;
    expect(view(fact, '2026-05-10', words)).toEqual(first);
    expect(vi.mocked(fakeBrowser.i18n.getMessage).mock.calls.length).toBe(asked);
    expect(first.text).toBe('Requested · 3 days left · urgent');
  });
});

describe('UI strings', () => {
  const load = (loc: string) => JSON.parse(readFileSync(join(ROOT, `public/_locales/${loc}/messages.json`), 'utf8')) as Record<string, { message: string }>;
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : /\.tsx?$/.test(f) ? [join(dir, f)] : []));

  it('every string the content script shows exists in English and zh-TW', () => {
    const en = load('en');
    const zh = load('zh_TW');
    const keys = new Set<string>();
    for (const f of files(join(ROOT, 'src/content'))) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([A-Za-z0-9_-]+)'/g)) keys.add(m[1]!.replace(/-/g, '_'));
    }
    // Keys built from codes.
    const families: Record<string, readonly string[]> = {
      badgeStep_: ['requested', 'accepted', 'provisioned', 'originals_ended', 'done'],
      step_: ['requested', 'accepted', 'provisioned', 'originals_ended', 'done'],
      badgeUrgency_: ['overdue', 'urgent', 'soon'],
      matchLabel_: ['same', 'renamed', 'different', 'unknown'],
      endBy_: ['expire', 'cancel'],
      hint_: ['customers_list', 'customer_account', 'customer_subscriptions', 'subscription_details', 'add_products', 'add_products_review', 'add_products_confirmation', 'customer_other'],
    };
    for (const [prefix, codes] of Object.entries(families)) for (const c of codes) keys.add(prefix + c);
    expect(keys.size).toBeGreaterThan(60);
    const missing = [...keys].filter((k) => !en[k]?.message || !zh[k]?.message);
    expect(missing).toEqual([]);
    // Placeholders line up between the languages.
    for (const k of keys) expect((zh[k]!.message.match(/\$\d/g) ?? []).sort(), k).toEqual((en[k]!.message.match(/\$\d/g) ?? []).sort());
  });
});
