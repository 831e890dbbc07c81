/**
 * What the content script costs each page at run time: the built extension in Chromium on the
 * sample portal, a tracked customer, each page opened and given time to settle (the offer chosen on
 * add products, the first badge on the list), and every `chrome-extension://` script the page
 * fetched (CDP `Network.requestWillBeSent`), gzipped from `dist/`. `npm run build` first.
 *   tsx scripts/content-sizes.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { clientOf, DIST, launch } from '../test/e2e/harness';
import { SAMPLE } from '../test/fixtures/generate';
import { PORTAL_PATHS, servePortal } from '../test/fixtures/portal-server';

const contoso = SAMPLE.contoso.tenantId;
const E3 = 'CFQ7TTC0LF8R:0001';

function day(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return d.toISOString().slice(0, 10);
}

async function scriptsOf(page: Page, url: string, settle: (page: Page) => Promise<void>): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const seen = new Set<string>();
  cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => {
    if (e.request.url.startsWith('chrome-extension://') && e.request.url.endsWith('.js')) seen.add(new URL(e.request.url).pathname.slice(1));
  });
  await cdp.send('Network.enable');
  await page.goto(url);
  await page.locator('csp-move-overlay, [data-csp-move="overlay"]').first().waitFor({ state: 'attached', timeout: 15_000 }).catch(() => undefined);
  await settle(page);
  await page.waitForTimeout(2500);
  return [...seen].sort();
}

const browser = await launch();
try {
  await servePortal(browser.context, { count: 200 });
  const popup = await browser.openPopup();
  const send = clientOf(popup);
  await send('moves/track', { customerId: contoso, companyName: SAMPLE.contoso.companyName, domain: SAMPLE.contoso.domain, step: 'accepted' });
  await send('moves/originals', { customerId: contoso, originals: [{ offer: 'Office 365 E3', seats: 25, expiresOn: day(40), endBy: 'expire' }] });
  const pages: Array<[string, string, (p: Page) => Promise<void>]> = [
    ['customers list', PORTAL_PATHS.customers, async (p) => void (await p.locator(`[data-csp-move="badge"][data-customer-id="${contoso}"]`).waitFor({ timeout: 15_000 }))],
    ['customer account', PORTAL_PATHS.account(contoso), async () => undefined],
    [
      'add products',
      PORTAL_PATHS.addProducts(contoso),
      async (p) => {
        await p.locator(`[id="row-${E3}"]`).getByRole('radio').check();
        await p.locator('#quantity-input').fill('10');
      },
    ],
  ];
  for (const [name, path, settle] of pages) {
    const page = await browser.context.newPage();
    const files = await scriptsOf(page, `https://partner.microsoft.com${path}`, settle);
    let total = 0;
    const rows = files.map((f) => {
      const n = gzipSync(readFileSync(join(DIST, f))).length;
      total += n;
      return `    ${(n / 1024).toFixed(2).padStart(6)} kB  ${f}`;
    });
    console.log(`${name}: ${(total / 1024).toFixed(2)} kB gzip in ${files.length} scripts`);
    console.log(rows.join('\n'));
    await page.close();
  }
} finally {
  await browser.close();
}
