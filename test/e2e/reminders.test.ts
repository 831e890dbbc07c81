/**
 * Reminders, customer messages and the timeline in the real browser, on the sample portal.
 * Time: the background's clock offset (`storage.session.clockOffsetMs`, src/background/clock.ts)
 * puts each test on its own day at 09:30 local, and the real alarms API fires the real listener.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { addDays, localDay, localInstant } from '../../src/core/dates';
import { MESSAGE_LANGS } from '../../src/core/customer-messages';
import { SAMPLE } from '../fixtures/generate';
import { PORTAL_PATHS, servePortal, type SamplePortal } from '../fixtures/portal-server';
import { currentWorker, launch, readStorage, type Launched } from './harness';

let browser: Launched;
let portal: SamplePortal;
let popup: Page;
const LINK = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=11111111-2222-4333-8444-555555555555&msppId=0&DAP=true#/BillingAccounts/partner-invitation';

beforeAll(async () => {
  browser = await launch();
  portal = await servePortal(browser.context, { count: 20 });
  popup = await browser.openPopup();
});
afterAll(async () => {
  await browser?.close();
});
// A failed test must not leave its moves to the next one (they would be due too).
const created = new Set<string>();
afterEach(async () => {
  for (const customerId of created) await send('moves/delete', { customerId }).catch(() => undefined);
  created.clear();
  await clearNotifications();
});

/** Moves the background's clock to 09:30 local on `today + days` (real today: days = 0). */
async function dayAt(days: number): Promise<string> {
  const day = addDays(localDay(new Date()), days);
  const offset = localInstant(day, 9) + 30 * 60_000 - Date.now();
  await popup.evaluate((ms) => chrome.storage.session.set({ clockOffsetMs: ms }), offset);
  return day;
}

async function send<T = unknown>(type: string, payload: unknown): Promise<T> {
  const r = (await popup.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as { ok: boolean; data: T; error?: unknown };
  if (!r.ok) throw new Error(`${type}: ${JSON.stringify(r.error)}`);
  return r.data;
}

async function notifications(): Promise<Record<string, unknown>> {
  return (await currentWorker(browser.context)).evaluate(() => chrome.notifications.getAll());
}

async function clearNotifications(): Promise<void> {
  const w = await currentWorker(browser.context);
  await w.evaluate(async () => {
    for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
  });
}

/**
 * Fires the reminder alarm through the real alarms API and waits for the day to be checked. A
 * worker that has just woken re-arms the alarm from stored state as it starts (for the next
 * reminder day), which can replace this one: so it is set again whenever it is no longer imminent.
 */
async function fireReminders(day: string): Promise<void> {
  const checkedDay = async () => ((await readStorage(browser.context)).reminders as { lastCheckedDay?: string } | undefined)?.lastCheckedDay;
  await expect
    .poll(
      async () => {
        const seen = await checkedDay();
        if (seen === day) return seen;
        const w = await currentWorker(browser.context);
        await w.evaluate(async () => {
          const alarm = await chrome.alarms.get('reminders');
          if (!alarm || alarm.scheduledTime > Date.now() + 1000) await chrome.alarms.create('reminders', { when: Date.now() + 100 });
        });
        return seen;
      },
      { timeout: 15_000, interval: 250 },
    )
    .toBe(day);
}

async function stopWorker(): Promise<void> {
  const cdp = await browser.context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A move at `step` whose one original ends on `endsOn` (7 days ahead: the 7-day reminder is due). */
async function moveEnding(n: number, endsOn: string, step = 'accepted', name = `Customer ${n}`): Promise<string> {
  created.add(id(n));
  // Open: users keep access 30 days after the end date (the dates below count on it).
  await send('moves/track', { customerId: id(n), companyName: name, program: 'open', step });
  await send('moves/originals', { customerId: id(n), originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: endsOn, endBy: 'expire' }] });
  return id(n);
}

async function runAxe(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axe.source}; 0`);
  return page.evaluate(async (sel) => {
    const w = window as unknown as { axe: typeof axe };
    const host = document.querySelector(sel);
    const target = host?.shadowRoot ? { fromShadowDom: [sel, '.extras'] } : sel;
    const result = await w.axe.run({ include: [target as never] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`);
  }, selector);
}

describe('reminders', () => {
  test('due today: a notification; "seen to" in the popup stops it for good, across a worker restart', async () => {
    const day = await dayAt(1);
    const cid = await moveEnding(1, addDays(day, 7));
    await fireReminders(day);
    expect(Object.keys(await notifications())).toEqual([`reminder|original-ends/${cid}/o1/${addDays(day, 7)}`]);

    // Acknowledged from the popup's move view.
    await popup.reload();
    await popup.locator(`[data-csp-move="move-row"][data-customer-id="${cid}"] [data-csp-move="edit"]`).click();
    const reminder = popup.locator(`[data-csp-move="reminder"][data-kind="original-ends"]`);
    await reminder.waitFor();
    await reminder.locator('[data-csp-move="reminder-ack"]').click();
    await reminder.waitFor({ state: 'detached' });
    await popup.keyboard.press('Escape');
    await clearNotifications();

    // The worker stops; every later reminder day of that decision passes without a notification.
    await stopWorker();
    for (const d of [3, 7]) {
      const later = await dayAt(d);
      await fireReminders(later);
      expect(await notifications(), later).toEqual({});
    }
    // The end date is also (Open) the suggested provisioning day: only that other decision (#17),
    // provision by the last day of the 30 days' access, never the acknowledged end again.
    await fireReminders(await dayAt(8));
    expect(Object.keys(await notifications())).toEqual([`reminder|provision-by/${cid}/csp/${addDays(day, 7 + 29)}`]);
    expect(((await readStorage(browser.context)).reminders as { acknowledged: string[] }).acknowledged).toContain(`original-ends/${cid}/o1/${addDays(day, 7)}`);
    await send('moves/delete', { customerId: cid });
  });

  test('a 1-day snooze fires once, on the next day', async () => {
    const day = await dayAt(20);
    const cid = await moveEnding(2, addDays(day, 7));
    await fireReminders(day);
    expect(Object.keys(await notifications())).toEqual([`reminder|original-ends/${cid}/o1/${addDays(day, 7)}`]);
    await clearNotifications();
    const r = await send<{ reminders: Array<{ subject: string }> }>('reminders/list', { customerId: cid });
    expect(r.reminders).toHaveLength(1);
    expect(await send('reminders/snooze', { subjects: [r.reminders[0]!.subject], days: 1 })).toEqual({ until: addDays(day, 1) });
    // Later that day: nothing. The next day: once. The day after: nothing.
    const next = await dayAt(21);
    await fireReminders(next);
    expect(Object.keys(await notifications())).toEqual([`reminder|original-ends/${cid}/o1/${addDays(day, 7)}`]);
    await clearNotifications();
    await fireReminders(await dayAt(22));
    expect(await notifications()).toEqual({});
    await send('moves/delete', { customerId: cid });
  });

  test('five due the same day: one notification naming the count and the most urgent; a done move gives none', async () => {
    const day = await dayAt(40);
    // A done move with the same dates: never reminded.
    await moveEnding(15, addDays(day, 7), 'done', 'Done 15');
    // The five in one import: one change, so one check sees them all (recorded one by one on a day
    // already due, the worker could check between two of them, as it should). Open, like
    // moveEnding's: 30 days' access, so no provision-by deadline falls due with them.
    const five = [10, 11, 12, 13, 14].map((n, i) => {
      created.add(id(n));
      return { customerId: id(n), companyName: `Five ${n}`, domain: '', program: 'open' as const, rows: [i + 2], originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: addDays(day, n === 12 ? 1 : 7), endBy: 'expire' as const }] };
    });
    expect(await send('moves/import', { customers: five })).toEqual({ created: 5, updated: 0, untouched: 0 });
    await fireReminders(day);
    const shown = await notifications();
    expect(Object.keys(shown)).toEqual(['reminders|summary']);
    const w = await currentWorker(browser.context);
    const seen = await w.evaluate(() => chrome.storage.session.get('notifiedSubjects'));
    const subjects = (seen.notifiedSubjects as Record<string, string[]>)['reminders|summary']!;
    expect(subjects).toHaveLength(5);
    expect(subjects[0]).toBe(`original-ends/${id(12)}/o1/${addDays(day, 1)}`);
    expect(subjects.some((s) => s.includes(id(15)))).toBe(false);
    await clearNotifications();

    // The popup's "next 4 weeks": per day, the decisions due; a click filters the list to them.
    await popup.reload();
    const strip = popup.locator('[data-csp-move="next-weeks"]');
    await strip.waitFor();
    const days = await strip.locator('[data-csp-move="due-day"]').evaluateAll((bs) => bs.map((b) => [b.getAttribute('data-day'), b.getAttribute('data-count')]));
    expect(days).toHaveLength(28);
    expect(days[0]![0]).toBe(day);
    expect(days.filter(([, n]) => n !== '0')).toEqual([
      [addDays(day, 1), '1'],
      [addDays(day, 7), '4'],
    ]);
    const rows = popup.locator('[data-csp-move="move-row"]');
    await expect.poll(() => rows.count()).toBe(5);
    await strip.locator(`[data-day="${addDays(day, 7)}"]`).click();
    await expect.poll(() => rows.count()).toBe(4);
    expect(await popup.locator(`[data-csp-move="move-row"][data-customer-id="${id(12)}"]`).count()).toBe(0);
    await strip.locator(`[data-day="${addDays(day, 7)}"]`).click();
    await expect.poll(() => rows.count()).toBe(5);
    for (let n = 10; n < 16; n++) await send('moves/delete', { customerId: id(n) });
  });

  test('an original recorded after the day was checked reminds that day, without waiting for tomorrow', async () => {
    const day = await dayAt(80);
    await fireReminders(day);
    expect(await notifications()).toEqual({});
    // Recorded after the check: the worker owes it and sets its alarm for now (nothing forced here).
    const cid = await moveEnding(3, addDays(day, 7));
    const wanted = `reminder|original-ends/${cid}/o1/${addDays(day, 7)}`;
    await expect.poll(async () => Object.keys(await notifications()), { timeout: 15_000 }).toEqual([wanted]);
    await clearNotifications();
    // Once: the next check that day shows nothing.
    await (await currentWorker(browser.context)).evaluate(() => chrome.alarms.create('reminders', { when: Date.now() + 100 }));
    await expect.poll(async () => ((await readStorage(browser.context)).reminders as { shownOnLastDay?: string[] }).shownOnLastDay).toEqual([wanted.slice('reminder|'.length)]);
    // The forced alarm has fired once it is re-armed for a later day.
    await expect.poll(async () => (await currentWorker(browser.context)).evaluate(async () => ((await chrome.alarms.get('reminders'))?.scheduledTime ?? 0) - Date.now()), { timeout: 15_000 }).toBeGreaterThan(60_000);
    expect(await notifications()).toEqual({});
  });

  test('an EA move with nothing provisioned: its provision-by deadline counts in the next 4 weeks, until something is provisioned (#17)', async () => {
    const day = await dayAt(120);
    const cid = id(20);
    created.add(cid);
    await send('moves/track', { customerId: cid, companyName: 'EA 20', program: 'ea', step: 'accepted' });
    await send('moves/originals', { customerId: cid, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: addDays(day, 10), endBy: 'expire' }] });
    const strip = popup.locator('[data-csp-move="next-weeks"]');
    const nonZero = () => strip.locator('[data-csp-move="due-day"]').evaluateAll((bs) => bs.map((b) => [b.getAttribute('data-day'), b.getAttribute('data-count')]).filter(([, n]) => n !== '0'));
    await popup.reload();
    await strip.waitFor();
    // EA access ends on the end date: provision by the day before; the original's end on its day.
    expect(await nonZero()).toEqual([
      [addDays(day, 9), '1'],
      [addDays(day, 10), '1'],
    ]);
    await send('moves/provisioned', { customerId: cid, items: [{ offer: 'Office 365 E3', seats: 10, provisionedOn: day }] });
    await popup.reload();
    await strip.waitFor();
    expect(await nonZero()).toEqual([[addDays(day, 10), '1']]);
    await send('moves/delete', { customerId: cid });
  });
});

describe('messages and the timeline on the sample portal', () => {
  test('each message copies to the clipboard in English and Traditional Chinese, filled; the timeline shows the overlap band and its days; axe is clean', async () => {
    await dayAt(0);
    await send('settings/set', { invitationLink: LINK });
    const c = SAMPLE.contoso;
    await send('moves/track', { customerId: c.tenantId, companyName: c.companyName, domain: c.domain, program: 'direct', step: 'provisioned' });
    const today = localDay(new Date());
    await send('moves/originals', {
      customerId: c.tenantId,
      originals: [
        { offer: 'Office 365 E3', seats: 25, expiresOn: addDays(today, 20), endBy: 'expire' },
        { offer: 'Office 365 E1', seats: 5, expiresOn: addDays(today, 40), endBy: 'expire' },
      ],
    });
    await send('moves/provisioned', {
      customerId: c.tenantId,
      items: [
        { offer: 'Office 365 E3', seats: 25, provisionedOn: addDays(today, -2) },
        { offer: 'Microsoft 365 Business Standard', seats: 5, provisionedOn: addDays(today, -2) },
      ],
    });
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://partner.microsoft.com' });
    const page = await browser.context.newPage();
    await page.goto(portal.url(PORTAL_PATHS.account(c.tenantId)));
    const overlay = page.locator('[data-csp-move="overlay"]');

    // The timeline: the paid overlap from the purchase to the original's end, as a band and in words.
    const band = overlay.locator('[data-csp-move="timeline-overlap"]');
    await band.waitFor();
    expect(await band.getAttribute('data-days')).toBe('22');
    expect(await overlay.locator('[data-csp-move="timeline-overlap-band"]').count()).toBe(1);
    expect(await overlay.locator('[data-csp-move="timeline"] li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^Today: /), expect.stringMatching(/^Original ends: /)]));

    // Messages: every one, in both languages, lands on the clipboard filled, on each path.
    const buttons = overlay.locator('[data-csp-move="copy-message"]');
    const messageIds = async (): Promise<string[]> => {
      const details = overlay.locator('[data-csp-move="messages"]');
      if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
      return buttons.evaluateAll((bs) => bs.map((b) => `${b.getAttribute('data-message')}:${b.getAttribute('data-lang')}`));
    };
    const copyEach = async (ids: string[]) => {
      for (const [i, key] of ids.entries()) {
        await page.evaluate(() => navigator.clipboard.writeText(''));
        await buttons.nth(i).click();
        await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 5_000 }).not.toBe('');
        const text = await page.evaluate(() => navigator.clipboard.readText());
        expect(text, key).not.toMatch(/[{}]/);
        expect(text, key).toContain(c.companyName);
        if (key.startsWith('relationship-request')) expect(text).toContain(LINK);
        if (key.endsWith(':zh-TW')) expect(text, key).toMatch(/您好/);
        else expect(text, key).toMatch(/^Hello /);
      }
    };
    const both = (...ms: string[]) => ms.flatMap((m) => MESSAGE_LANGS.map((l) => `${m}:${l}`));
    const manual = await messageIds();
    expect(manual).toEqual(both('relationship-request', 'subscriptions-set-up', 'microsoft-mails', 'reassign-licences'));
    await copyEach(manual);
    expect(await runAxe(page, '[data-csp-move="overlay"]')).toEqual([]);
    // The other paths: their own step message, every one filled in both languages.
    for (const [program, path, own] of [
      ['ea', 'ea-channel-transfer', 'creation-scheduled'],
      ['other-partner', 'partner-transfer', 'transfer-requested'],
    ] as const) {
      await send('moves/update', { customerId: c.tenantId, program });
      await send('moves/path', { customerId: c.tenantId, path });
      await overlay.locator(`[data-csp-move="path"][data-path="${path}"]`).waitFor();
      await expect.poll(messageIds, { message: path }).toEqual(expect.arrayContaining(both('relationship-request', own)));
      const ids = await messageIds();
      expect(ids.filter((id) => id.startsWith('subscriptions-set-up')), path).toEqual([]);
      await copyEach(ids);
    }
    await page.close();
  });
});
