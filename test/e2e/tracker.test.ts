/**
 * The tracker in the real browser: badge, alarms → notifications, a service worker stopped in the
 * middle of updates, and 20 pages writing at once.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addDays, localDay } from '../../src/core/dates';
import type { Move } from '../../src/core/model';
import { SAMPLE } from '../fixtures/generate';
import { PORTAL_PATHS, servePortal, type SamplePortal } from '../fixtures/portal-server';
import { currentWorker, launch, readStorage, type Launched } from './harness';

let browser: Launched;
let portal: SamplePortal;
const contoso = SAMPLE.contoso;

beforeAll(async () => {
  browser = await launch();
  portal = await servePortal(browser.context, { count: 20 });
});
afterAll(async () => {
  expect(browser.egress).toEqual([]);
  await browser?.close();
});

/** The day whose reminders are due now (reminders start at 09:00 local), as the background computes it. */
function reminderDayNow(): string {
  const now = new Date();
  return now.getHours() >= 9 ? localDay(now) : addDays(localDay(now), -1);
}

async function badgeText(): Promise<string> {
  const w = await currentWorker(browser.context);
  return w.evaluate(() => chrome.action.getBadgeText({}));
}

test('a move created from a page is stored and counted in the badge; its reminder fires as a notification', async () => {
  const page = await browser.context.newPage();
  await page.goto(portal.url(PORTAL_PATHS.account(contoso.tenantId)));
  const track = page.locator('[data-csp-move="overlay"] [data-csp-move="track"]');
  await expect.poll(() => track.isEnabled(), { timeout: 10_000 }).toBe(true);
  await track.click();
  // A new move is planned: the request is not sent yet, and without originals nothing is due.
  await page.locator('[data-csp-move="overlay"] [data-step="planned"]').waitFor();
  expect(await badgeText()).toBe('');

  // Originals expiring in 7 days: the request should have gone out already, the move needs action now.
  const expiresOn = addDays(reminderDayNow(), 7);
  const popup = await browser.openPopup();
  const reply = await popup.evaluate(
    ([id, day]) => chrome.runtime.sendMessage({ type: 'moves/originals', payload: { customerId: id, originals: [{ offer: 'Office 365 E3', seats: 25, expiresOn: day, endBy: 'expire' }] } }),
    [contoso.tenantId, expiresOn] as const,
  );
  expect(reply).toMatchObject({ ok: true });
  await expect.poll(badgeText).toBe('1');
  const stored = (await readStorage(browser.context))[`move:${contoso.tenantId}`] as Move;
  expect(stored.originals).toMatchObject([{ offer: 'Office 365 E3', seats: 25, expiresOn }]);

  // The real alarms API fires the background's real listener (no test hook).
  const w = await currentWorker(browser.context);
  await w.evaluate(() => chrome.alarms.create('reminders', { when: Date.now() + 200 }));
  await expect
    .poll(async () => Object.keys(await (await currentWorker(browser.context)).evaluate(() => chrome.notifications.getAll())), { timeout: 15_000 })
    .toEqual([`reminder|original-ends/${contoso.tenantId}/o1/${expiresOn}`]);
  // Checked for the day: it re-armed for the next reminder, not a repeat.
  // (The check is recorded after its notification is out, and the alarm re-armed after that: wait for it.)
  await expect
    .poll(async () => (await (await currentWorker(browser.context)).evaluate(() => chrome.alarms.get('reminders')))?.scheduledTime ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(Date.now() + 60_000);
  await popup.close();
  await page.close();
});

test('stopping the service worker in the middle of a sequence of updates loses nothing', async () => {
  const popup = await browser.openPopup();
  const id = SAMPLE.fabrikam.tenantId;
  await popup.evaluate((cid) => chrome.runtime.sendMessage({ type: 'moves/track', payload: { customerId: cid, companyName: 'Fabrikam' } }), id);
  // 60 sequential updates; the page retries a message the stopped worker never answered.
  const run = popup.evaluate(async (cid) => {
    let acknowledged = 0;
    for (let i = 0; i < 60; i++) {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          // Each update appends its own purchase (a retry of one that landed appends nothing: same line).
          const r = await chrome.runtime.sendMessage({ type: 'moves/provisioned', payload: { customerId: cid, items: [{ offer: 'Office 365 E3', seats: i + 1, provisionedOn: '2026-11-25' }], append: true } });
          if (r?.ok) {
            acknowledged++;
            break;
          }
        } catch {
          await new Promise((res) => setTimeout(res, 50));
        }
      }
      await new Promise((res) => setTimeout(res, 10));
    }
    return acknowledged;
  }, id);
  const cdp = await browser.context.newCDPSession(popup);
  let stopped = 0;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    stopped += e.versions.filter((v) => v.runningStatus === 'stopped').length;
  });
  await cdp.send('ServiceWorker.enable');
  let stops = 0;
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 150));
    await cdp.send('ServiceWorker.stopAllWorkers');
    stops++;
  }
  const acknowledged = await run;
  expect(stops).toBe(3);
  // The worker really was stopped (and woken again by the next message).
  expect(stopped).toBeGreaterThanOrEqual(3);
  expect(acknowledged).toBe(60);
  const move = (await readStorage(browser.context))[`move:${id}`] as Move;
  expect(move.provisioned.map((p) => p.seats)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  await popup.close();
});

test('20 pages updating at once lose nothing', async () => {
  const shared = SAMPLE.northwind.tenantId;
  const first = await browser.openPopup();
  await first.evaluate((cid) => chrome.runtime.sendMessage({ type: 'moves/track', payload: { customerId: cid, companyName: 'Northwind' } }), shared);
  const pages = await Promise.all(Array.from({ length: 20 }, () => browser.openPopup()));
  const ids = pages.map((_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  await Promise.all(
    pages.map((p, i) =>
      p.evaluate(
        async ([cid, own, n]) => {
          const replies = await Promise.all([
            chrome.runtime.sendMessage({ type: 'moves/track', payload: { customerId: own, companyName: `Customer ${n}` } }),
            ...Array.from({ length: 5 }, (_, k) => chrome.runtime.sendMessage({ type: 'moves/provisioned', payload: { customerId: cid, items: [{ offer: 'Office 365 E3', seats: n * 5 + k + 1, provisionedOn: '2026-11-25' }], append: true } })),
          ]);
          if (!replies.every((r) => r?.ok)) throw new Error(JSON.stringify(replies));
        },
        [shared, ids[i]!, i] as const,
      ),
    ),
  );
  const all = await readStorage(browser.context);
  for (const own of ids) expect(all[`move:${own}`], own).toBeTruthy();
  const move = all[`move:${shared}`] as Move;
  // Every page's every purchase landed (a lost read-modify-write would lose lines).
  expect(move.provisioned.map((p) => p.seats).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  await Promise.all([first, ...pages].map((p) => p.close()));
});
