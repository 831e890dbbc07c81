/**
 * The chain every feature stands on, in a real Chromium with the built extension: a content script
 * on a Partner Center page (served at its real address) → message → background → storage → popup.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { SAMPLE } from '../fixtures/generate';
import { PORTAL_PATHS, servePortal, type SamplePortal } from '../fixtures/portal-server';
import { launch, readStorage, type Launched } from './harness';

let browser: Launched;
let portal: SamplePortal;
const contoso = SAMPLE.contoso;

beforeAll(async () => {
  browser = await launch();
  portal = await servePortal(browser.context, { count: 20 });
});
afterAll(async () => {
  expect(browser.egress, 'requests that left for another host').toEqual([]);
  await browser?.close();
});

test('start tracking on a customer page: stored, shown in the popup', async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(portal.url(PORTAL_PATHS.account(contoso.tenantId), 'en-us'));

  const overlay = page.locator('[data-csp-move="overlay"]');
  await overlay.waitFor({ state: 'attached' });
  expect(await overlay.count()).toBe(1);
  // Shadow roots are open: Playwright's CSS locators pierce them.
  const track = overlay.locator('[data-csp-move="track"]');
  await track.waitFor();
  await expect.poll(() => track.isEnabled()).toBe(true);
  await track.click();
  // A move starts planned (the request is its first action, #13).
  await overlay.locator('[data-step="planned"]').waitFor();

  const stored = await readStorage(browser.context);
  const move = stored[`move:${contoso.tenantId}`] as { companyName: string; step: string; domain: string };
  expect(move.companyName).toBe(contoso.companyName);
  expect(move.domain).toBe(contoso.domain);
  expect(move.step).toBe('planned');

  const popup = await browser.openPopup();
  const row = popup.locator(`[data-csp-move="move-row"][data-customer-id="${contoso.tenantId}"]`);
  await row.waitFor();
  await expect.poll(() => row.getAttribute('data-step')).toBe('planned');
  expect(await row.textContent()).toContain(contoso.companyName);
  expect(errors).toEqual([]);
  await popup.close();
  await page.close();
});

test('a bad message gets a specific error, not a crash', async () => {
  const popup = await browser.openPopup();
  const reply = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'moves/track', payload: { customerId: 'not-a-guid', companyName: '' } }));
  expect(reply).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  expect((reply as { error: { issues: string[] } }).error.issues.join('\n')).toMatch(/customerId: must be a GUID/);
  await popup.close();
});
