/**
 * `npm run demo`: Chromium with the built extension on the sample Partner Center, with a sample
 * portfolio of moves at different steps, and a short tour of what the extension adds.
 * - With a display (DISPLAY or WAYLAND_DISPLAY set): a real window; the tour runs, then the window
 *   stays open for you to click around until you close it.
 * - Without one: headless; a screenshot of each stop is saved to demo-output/ and its path printed.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launch } from '../test/e2e/harness';
import { SAMPLE } from '../test/fixtures/generate';
import { PORTAL_PATHS, servePortal } from '../test/fixtures/portal-server';
import { seedMoves } from '../test/fixtures/seed-moves';

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
const out = resolve(import.meta.dirname, '../demo-output');
mkdirSync(out, { recursive: true });

const browser = await launch({ headless: !headed });
const portal = await servePortal(browser.context, { count: 60, renderDelayMs: 300 });
const byId = (key: keyof typeof SAMPLE) => SAMPLE[key].tenantId;

// A portfolio at every step: Contoso accepted (time to provision), Fabrikam just requested,
// the Taiwanese customer provisioned, Northwind with its originals ended, Tailspin done.
const popup = await browser.openPopup();
const samples = portal.portfolio.customers.filter((c) => Object.values(SAMPLE).some((s) => s.tenantId === c.tenantId && !s.hostile));
const others = portal.portfolio.customers.filter((c) => c.originals.length > 0 && !samples.includes(c)).slice(0, 25);
await seedMoves(popup, [...samples, ...others], {
  [byId('contoso')]: 'accepted',
  [byId('fabrikam')]: 'requested',
  [byId('taiwan')]: 'provisioned',
  [byId('northwind')]: 'originals-ended',
  [byId('tailspin')]: 'done',
});

const shots: string[] = [];
async function stop(name: string, page: Page, run: () => Promise<void>): Promise<void> {
  try {
    await run();
    await page.waitForTimeout(400);
    const file = `${out}/${String(shots.length + 1).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: file });
    shots.push(file);
    console.log(`  ${name}: ${file}`);
  } catch (err) {
    console.log(`  ${name}: skipped (${(err as Error).message.split('\n')[0]})`);
  }
}

const overlay = '[data-csp-move="overlay"]';
const page = await browser.context.newPage();
console.log(headed ? 'Tour (a Chromium window is open):' : 'Tour (headless; screenshots):');

await stop('popup', popup, async () => {
  await popup.setViewportSize({ width: 560, height: 640 });
  await popup.reload();
  await popup.locator('[data-csp-move="move-row"]').first().waitFor();
});
await stop('customers-list-badges', page, async () => {
  await page.goto(portal.url(PORTAL_PATHS.customers, 'en-us'));
  await page.locator(`${overlay}`).waitFor({ state: 'attached' });
  await page.locator('[data-csp-move="badge"]').first().waitFor({ timeout: 5000 });
});
await stop('reseller-request-panel', page, async () => {
  await page.getByRole('button', { name: 'Request a reseller relationship' }).click();
  await page.locator('[role="dialog"]').first().waitFor();
});
await stop('customer-account-overlay', page, async () => {
  await page.goto(portal.url(PORTAL_PATHS.account(byId('contoso')), 'en-us'));
  await page.locator(`${overlay} [data-step]`).waitFor();
});
await stop('add-products-offer-match', page, async () => {
  await page.goto(portal.url(PORTAL_PATHS.addProducts(byId('contoso')), 'en-us'));
  const row = page.locator('tr[id^="row-CFQ7TTC0LDPB"] input[type="radio"]');
  await row.click({ timeout: 8000 });
  await page.locator('#quantity-input').fill('10');
  await page.locator('[data-csp-move="offer-match"]').waitFor({ timeout: 5000 });
});
await stop('subscriptions-zh-tw', page, async () => {
  await page.goto(portal.url(PORTAL_PATHS.subscriptions(byId('taiwan')), 'zh-tw'));
  await page.locator(`${overlay} [data-step]`).waitFor();
});

if (headed) {
  await page.goto(portal.url(PORTAL_PATHS.customers, 'en-us'));
  console.log('\nThe window is yours: click around the sample Partner Center. Close it to end the demo.');
  await new Promise<void>((done) => browser.context.on('close', () => done()));
} else {
  console.log(`\n${shots.length} screenshots in ${out}`);
  await browser.close();
}
