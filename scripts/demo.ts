/**
 * `npm run demo`: Chromium with the built extension on the sample Partner Center, with a sample
 * portfolio of moves at different steps, and a short tour of what the extension adds.
 * - With a display (DISPLAY or WAYLAND_DISPLAY set): a real window; the tour runs, then the window
 *   stays open for you to click around until you close it.
 * - Without one: headless; the tour runs twice, in a browser whose UI language is English and in
 *   one whose UI language is Traditional Chinese (zh-TW portal pages too); a screenshot of each
 *   stop is saved to demo-output/ (zh-TW ones end in -zh-tw.png) and its path printed. The zh-TW
 *   screenshots need a CJK font (Debian: fonts-noto-cjk, which .ci/run installs).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launch, type UiLocale } from '../test/e2e/harness';
import { SAMPLE } from '../test/fixtures/generate';
import { PORTAL_PATHS, servePortal } from '../test/fixtures/portal-server';
import { demoSteps, seedMoves } from '../test/fixtures/seed-moves';

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
const out = resolve(import.meta.dirname, '../demo-output');
mkdirSync(out, { recursive: true });

const shots: string[] = [];
const overlay = '[data-csp-move="overlay"]';

/** One tour in a browser whose UI language is `locale`; with `keepOpen`, the window stays until closed. */
async function tour(locale: UiLocale, keepOpen: boolean): Promise<void> {
  const zh = locale === 'zh-TW';
  const portalLocale = zh ? 'zh-tw' : 'en-us';
  const suffix = zh ? '-zh-tw' : '';
  const browser = await launch({ headless: !keepOpen, locale });
  const portal = await servePortal(browser.context, { count: 60, renderDelayMs: 300 });
  const byId = (key: keyof typeof SAMPLE) => SAMPLE[key].tenantId;

  // A portfolio at every phase (demoSteps).
  const popup = await browser.openPopup();
  const samples = portal.portfolio.customers.filter((c) => Object.values(SAMPLE).some((s) => s.tenantId === c.tenantId && !s.hostile));
  const others = portal.portfolio.customers.filter((c) => c.originals.length > 0 && !samples.includes(c)).slice(0, 25);
  await seedMoves(popup, [...samples, ...others], demoSteps(byId));

  async function stop(name: string, page: Page, run: () => Promise<void>): Promise<void> {
    try {
      await run();
      await page.waitForTimeout(400);
      const file = `${out}/${String(shots.length + 1).padStart(2, '0')}-${name}${suffix}.png`;
      await page.screenshot({ path: file });
      shots.push(file);
      console.log(`  ${name}${suffix}: ${file}`);
    } catch (err) {
      console.log(`  ${name}${suffix}: skipped (${(err as Error).message.split('\n')[0]})`);
    }
  }

  const page = await browser.context.newPage();
  console.log(keepOpen ? `Tour in ${locale} (a Chromium window is open):` : `Tour in ${locale} (headless; screenshots):`);

  await stop('popup', popup, async () => {
    await popup.setViewportSize({ width: 560, height: 640 });
    await popup.reload();
    await popup.locator('[data-csp-move="move-row"]').first().waitFor();
  });
  await stop('customers-list-badges', page, async () => {
    await page.goto(portal.url(PORTAL_PATHS.customers, portalLocale));
    await page.locator(`${overlay}`).waitFor({ state: 'attached' });
    await page.locator('[data-csp-move="badge"]').first().waitFor({ timeout: 5000 });
  });
  await stop('reseller-request-panel', page, async () => {
    await page.getByRole('button', { name: zh ? '要求建立經銷商關係' : 'Request a reseller relationship' }).click();
    await page.locator('[role="dialog"]').first().waitFor();
  });
  await stop('customer-account-overlay', page, async () => {
    await page.goto(portal.url(PORTAL_PATHS.account(byId(zh ? 'taiwan' : 'contoso')), portalLocale));
    await page.locator(`${overlay} [data-step]`).waitFor();
  });
  await stop('add-products-offer-match', page, async () => {
    await page.goto(portal.url(PORTAL_PATHS.addProducts(byId('contoso')), portalLocale));
    const row = page.locator('tr[id^="row-CFQ7TTC0LDPB"] input[type="radio"]');
    await row.click({ timeout: 8000 });
    await page.locator('#quantity-input').fill('10');
    await page.locator('[data-csp-move="offer-match"]').waitFor({ timeout: 5000 });
  });
  if (!zh) {
    await stop('subscriptions-zh-tw-portal', page, async () => {
      await page.goto(portal.url(PORTAL_PATHS.subscriptions(byId('taiwan')), 'zh-tw'));
      await page.locator(`${overlay} [data-step]`).waitFor();
    });
  }

  if (keepOpen) {
    await page.goto(portal.url(PORTAL_PATHS.customers, portalLocale));
    console.log('\nThe window is yours: click around the sample Partner Center. Close it to end the demo.');
    await new Promise<void>((done) => browser.context.on('close', () => done()));
  } else {
    await browser.close();
  }
}

// With a display: one window, English unless DEMO_LOCALE=zh-TW. Headless: both languages.
if (headed) {
  await tour(process.env.DEMO_LOCALE === 'zh-TW' ? 'zh-TW' : 'en-US', true);
} else {
  await tour('en-US', false);
  await tour('zh-TW', false);
  console.log(`\n${shots.length} screenshots in ${out}`);
}
