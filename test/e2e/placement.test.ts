/**
 * The panel yields to the page, checked geometrically on every sample-portal page the extension
 * recognises, at 1280×800 and 1920×1080, in English and zh-TW: no control the pointer can reach
 * (a button, link, field, the pager, an open dialog's controls) lies under the panel's default
 * placement. The check is this file's own (hit-testing with the panel made transparent to the
 * pointer), not the placement code's. Then the partner's clicks through the default placement:
 * "Next page", "Add to cart" and the reseller dialog's "Done" reach the page.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SAMPLE } from '../fixtures/generate';
import { PORTAL_PATHS, servePortal, type SamplePortal } from '../fixtures/portal-server';
import type { Send } from '../../src/shared/client';
import { clientOfBrowser, launch, type Launched, overlayOf } from './harness';

let browser: Launched;
let portal: SamplePortal;
const P = PORTAL_PATHS;
const contoso = SAMPLE.contoso.tenantId;
const STANDARD = 'CFQ7TTC0LDPB:0001';
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** The typed client, from a popup opened for each message and closed after it. */
const send: Send = (type, payload) => clientOfBrowser(browser)(type, payload);

beforeAll(async () => {
  browser = await launch();
  portal = await servePortal(browser.context, { count: 60 });
  const c = SAMPLE.contoso;
  await send('moves/track', { customerId: c.tenantId, companyName: c.companyName, domain: c.domain });
  await send('moves/originals', { customerId: c.tenantId, originals: [{ offer: 'Office 365 Business Premium', seats: 25, expiresOn: '2099-01-31', endBy: 'expire' }] });
});
afterAll(async () => {
  expect(browser.egress).toEqual([]);
  await browser?.close();
});

/**
 * The page's controls under the panel that the pointer would reach if the panel were not there:
 * each control meeting the panel's box is hit-tested at the middle of the overlap, with the panel
 * transparent to the pointer (through open shadow roots).
 */
function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('[data-csp-move="overlay"]');
    if (!host) return ['no panel'];
    const box = host.getBoundingClientRect();
    if (box.width === 0 || getComputedStyle(host).visibility === 'hidden') return ['panel not shown yet'];
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="tab"], [role="menuitem"], [tabindex]:not([tabindex="-1"])';
    const all: Element[] = [];
    const walk = (root: Document | ShadowRoot) => {
      all.push(...root.querySelectorAll(selector));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot && !el.hasAttribute('data-csp-move')) walk(el.shadowRoot);
    };
    walk(document);
    const topAt = (x: number, y: number) => {
      let el = document.elementFromPoint(x, y);
      while (el?.shadowRoot) {
        const inner = el.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === el) break;
        el = inner;
      }
      return el;
    };
    const within = (outer: Element, inner: Element | null) => {
      for (let n: Node | null = inner; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if (n === outer) return true;
      return false;
    };
    const ours = (el: Element) => {
      for (let n: Node | null = el; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if (n instanceof Element && n.hasAttribute('data-csp-move')) return true;
      return false;
    };
    const old = host.style.pointerEvents;
    host.style.pointerEvents = 'none';
    const covered: string[] = [];
    try {
      for (const el of all) {
        if (ours(el)) continue;
        const r = el.getBoundingClientRect();
        const left = Math.max(r.left, box.left);
        const right = Math.min(r.right, box.right);
        const top = Math.max(r.top, box.top, 0);
        const bottom = Math.min(r.bottom, box.bottom, innerHeight);
        if (right - left < 1 || bottom - top < 1) continue;
        // The control, something in it, or a shadow host around it (a hit on a label slotted into a
        // component's button is retargeted to the component).
        const hit = topAt((left + right) / 2, (top + bottom) / 2);
        if (hit && (within(el, hit) || (hit.shadowRoot !== null && within(hit, el)))) {
          covered.push(`${el.localName}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || ''}"`);
        }
      }
    } finally {
      host.style.pointerEvents = old;
    }
    return covered;
  });
}

const samePath = (path: string) => (u: URL) => u.pathname.toLowerCase().endsWith(path.toLowerCase());

async function chooseOffer(page: Page): Promise<void> {
  await page.locator(`[id="row-${STANDARD}"]`).getByRole('radio').check();
  await page.locator('#quantity-input').fill('25');
}

/** Every page the extension recognises, reached as a partner would (clicks through the panel's placement). */
const PAGES: Array<[string, (page: Page, locale: string) => Promise<void>]> = [
  ['customers list', async (page, l) => void (await page.goto(portal.url(P.customers, l)))],
  ['customers list (commerce2)', async (page, l) => void (await page.goto(portal.url(P.customersCommerce2, l)))],
  [
    'reseller dialog open',
    async (page, l) => {
      await page.goto(portal.url(P.customers, l));
      await page.getByRole('button', { name: /^(Request a reseller relationship|要求建立經銷商關係)$/ }).click();
      await page.getByRole('dialog').getByRole('button', { name: /^(Copy|複製)$/ }).click();
      await overlayOf(page).locator('[data-csp-move="request-picker"]').waitFor();
    },
  ],
  ['customer account', async (page, l) => void (await page.goto(portal.url(P.account(contoso), l)))],
  ['service management', async (page, l) => void (await page.goto(portal.url(P.serviceManagement(contoso), l)))],
  ['admin relationships', async (page, l) => void (await page.goto(portal.url(P.adminRelationships(contoso), l)))],
  ['subscriptions', async (page, l) => void (await page.goto(portal.url(P.subscriptions(contoso), l)))],
  [
    'subscription details',
    async (page, l) => {
      await page.goto(portal.url(P.subscriptions(contoso), l));
      await page.locator('a[href*="/subscriptions/"]').first().click();
      await page.waitForURL(/\/subscriptions\/[0-9a-f-]{36}/i);
    },
  ],
  [
    'add products',
    async (page, l) => {
      await page.goto(portal.url(P.addProducts(contoso), l));
      await chooseOffer(page);
      await overlayOf(page).locator('[data-csp-move="offer-match"]').waitFor();
    },
  ],
  [
    'review',
    async (page, l) => {
      await page.goto(portal.url(P.addProducts(contoso), l));
      await chooseOffer(page);
      await page.getByRole('button', { name: /^(Add to cart|新增至購物車)$/ }).click();
      await page.getByRole('button', { name: /^(Review|檢閱)$/ }).click();
      await page.waitForURL(samePath('/addproducts/review'));
    },
  ],
  [
    'order confirmation',
    async (page, l) => {
      await page.goto(portal.url(P.addProducts(contoso), l));
      await chooseOffer(page);
      await page.getByRole('button', { name: /^(Add to cart|新增至購物車)$/ }).click();
      await page.getByRole('button', { name: /^(Review|檢閱)$/ }).click();
      await page.getByRole('button', { name: /^(Place order|下訂單)$/ }).click();
      await page.waitForURL(samePath('/addproducts/confirmation'));
      await overlayOf(page).locator('[data-csp-move="record-purchase"]').waitFor();
    },
  ],
];

describe('no page control lies under the panel', () => {
  const cases = VIEWPORTS.flatMap((v) => ['en-us', 'zh-tw'].flatMap((l) => PAGES.map(([name, open]) => [`${name}, ${l}, ${v.width}×${v.height}`, v, l, open] as const)));
  test.for(cases)('%s', async ([, viewport, locale, open]) => {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    try {
      await open(page, locale);
      await overlayOf(page).locator('section').waitFor();
      await expect.poll(() => coveredControls(page), { timeout: 10_000 }).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('controls drawn inside a frame (a button component around its slot)', () => {
  // The live portal's buttons are components: the <button> is in the component's shadow root, its
  // label slotted from the light DOM. Here the only controls where the panel docks are such buttons,
  // one in view at once and one that a scroll brings there.
  const FRAMED = `<!doctype html><html lang="en"><head><title>Customers</title></head><body style="margin:0">
<h1>Customers</h1><div style="height:2400px"></div>
<x-button id="save" style="position:fixed;right:24px;bottom:24px;display:inline-block">Save</x-button>
<x-button id="later" style="position:absolute;right:40px;top:2300px;display:inline-block">Later</x-button>
<script>
  for (const el of document.querySelectorAll('x-button')) {
    el.attachShadow({ mode: 'open' }).innerHTML = '<button part="control" style="width:320px;height:120px"><slot></slot></button>';
  }
</script></body></html>`;
  test.for(VIEWPORTS)('are kept clear, in view and once scrolled into view, at $width×$height', async (viewport) => {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    try {
      await page.route(/\/dashboard\/v2\/customers\/list\?variant=framed$/, (route) => route.fulfill({ contentType: 'text/html', body: FRAMED }));
      await page.goto(`https://partner.microsoft.com${P.customers}?variant=framed`);
      await overlayOf(page).locator('section').waitFor();
      await expect.poll(() => coveredControls(page), { timeout: 10_000 }).toEqual([]);
      await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
      await expect.poll(() => coveredControls(page), { timeout: 10_000 }).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('a busy subtree set aside (a feed) and the panel', () => {
  // A feed: a line in every 10 ms and the oldest out past `keep` lines (window.keep). The shared
  // observer sets it aside after two busy windows of 500 ms; what it does after that wakes the panel
  // only when the feed's box changes size (it may push the page's controls under the panel).
  const feedPage = (boxStyle: string, feedStyle: string) => `<!doctype html><html lang="en"><head><title>Customers</title></head><body style="margin:0">
<h1>Customers</h1><div style="${boxStyle}"><ul id="feed" style="${feedStyle};margin:0;font:14px/20px sans-serif"></ul></div>
<button id="save" style="display:block;width:100%;height:140px">Save</button>
<script>
  window.keep = 3;
  const feed = document.getElementById('feed');
  let n = 0;
  setInterval(() => {
    if (feed.childElementCount >= window.keep) feed.firstElementChild.remove();
    else feed.append(Object.assign(document.createElement('li'), { textContent: 'Activity ' + ++n }));
  }, 10);
</script></body></html>`;
  // A page the panel shows on whose features wait for nothing: on the customers list, the missing
  // grid would be reported after 10 s, and the panel's new line would make it look again.
  const PATH = P.indirectResellerRequest('4f3c2b1a-0000-4000-8000-00000000abcd');
  const open = async (variant: string, body: string) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.route((u) => u.pathname === PATH && u.search === `?variant=${variant}`, (route) => route.fulfill({ contentType: 'text/html', body }));
    await page.goto(`https://partner.microsoft.com${PATH}?variant=${variant}`);
    await overlayOf(page).locator('section').waitFor();
    return page;
  };
  /** Writes to the panel host's style attribute over `ms` (a look at the page makes two: pointer-events off, then back). */
  const styleWrites = (page: Page, ms: number) =>
    page.evaluate(
      (wait) =>
        new Promise<number>((done) => {
          let writes = 0;
          const o = new MutationObserver((r) => (writes += r.length));
          o.observe(document.querySelector('[data-csp-move="overlay"]')!, { attributes: true, attributeFilter: ['style'] });
          setTimeout(() => (o.disconnect(), done(writes)), wait);
        }),
      ms,
    );

  test('inside a box docked in a corner (fixed), it never makes the panel look at the page again', async () => {
    // The feed's own box changes height with its lines; the fixed box around it takes no space in the page.
    const page = await open('feed-fixed', feedPage('position:fixed;left:8px;bottom:8px;width:200px;height:80px;overflow:hidden;background:#fff', ''));
    try {
      await expect.poll(() => coveredControls(page), { timeout: 10_000 }).toEqual([]);
      await page.waitForTimeout(2_000); // Set aside by now.
      expect(await styleWrites(page, 3_000)).toBe(0);
    } finally {
      await page.close();
    }
  });

  test('in the flow, growing, it pushes a button under the panel: the panel moves off it', async () => {
    // Its height is capped: once full, its lines change and its box does not.
    const page = await open('feed-in-flow', feedPage('', 'max-height:600px;overflow:hidden'));
    try {
      await expect.poll(() => coveredControls(page), { timeout: 10_000 }).toEqual([]);
      await page.waitForTimeout(2_000);
      // 40 lines of 20 px, shown up to 600 px: the button is pushed down to where the panel docks.
      await page.evaluate(() => ((window as unknown as { keep: number }).keep = 40));
      await page.waitForFunction(() => document.getElementById('feed')!.childElementCount >= 39);
      await expect.poll(() => coveredControls(page), { timeout: 10_000 }).toEqual([]);
      // Its lines keep changing, its box keeps its size: quiet again.
      expect(await styleWrites(page, 3_000)).toBe(0);
    } finally {
      await page.close();
    }
  });
});

describe('clicks through the default placement reach the page', () => {
  test.for(VIEWPORTS)('Next page, Add to cart and Done at $width×$height', async (viewport) => {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    try {
      // Playwright's click hit-tests: it fails if anything (the panel) would receive the click.
      await page.goto(portal.url(P.customers));
      await overlayOf(page).locator('section').waitFor();
      const range = page.locator('.data-grid__range');
      const before = await range.textContent();
      await page.getByRole('button', { name: 'Next page' }).click({ timeout: 10_000 });
      await expect.poll(() => range.textContent()).not.toBe(before);

      await page.getByRole('button', { name: 'Request a reseller relationship' }).click({ timeout: 10_000 });
      await page.getByRole('dialog').getByRole('button', { name: 'Copy' }).click({ timeout: 10_000 });
      await overlayOf(page).locator('[data-csp-move="request-picker"]').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click({ timeout: 10_000 });
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      await page.goto(portal.url(P.addProducts(contoso)));
      await overlayOf(page).locator('section').waitFor();
      await chooseOffer(page);
      await page.getByRole('button', { name: 'Add to cart' }).click({ timeout: 10_000 });
      await page.locator('#cart-heading').getByText('Cart (1)').waitFor();
    } finally {
      await page.close();
    }
  });
});

describe('the panel holds still over a modal backdrop', () => {
  /** The panel's box at each of `frames` animation frames: one entry when it never moved. */
  function positions(page: Page, frames: number): Promise<string[]> {
    return page.evaluate(
      (n) =>
        new Promise<string[]>((done) => {
          const host = document.querySelector('[data-csp-move="overlay"]')!;
          const seen = new Set<string>();
          let left = n;
          const tick = () => {
            const r = host.getBoundingClientRect();
            seen.add(`${Math.round(r.left)},${Math.round(r.top)},${Math.round(r.height)}`);
            if (--left > 0) requestAnimationFrame(tick);
            else done([...seen]);
          };
          requestAnimationFrame(tick);
        }),
      frames,
    );
  }

  // A control behind the backdrop once counted only while the panel covered it: the panel flipped
  // between two spots every frame, and a click on the picker landed on the page (CI, #21).
  test.for(VIEWPORTS)('the request picker at $width×$height: one position for 60 frames, and its checkboxes take clicks', async (viewport) => {
    const page = await browser.context.newPage();
    await page.setViewportSize(viewport);
    try {
      await page.goto(portal.url(P.customers));
      await page.getByRole('button', { name: 'Request a reseller relationship' }).click();
      await overlayOf(page).locator('[data-csp-move="request-choose"]').click();
      const picker = overlayOf(page).locator('[data-csp-move="request-picker"]');
      await picker.locator('[data-customer-id] input').first().waitFor();
      expect(await positions(page, 60)).toHaveLength(1);
      const boxes = picker.locator('[data-customer-id] input:not([disabled])');
      for (const i of [0, 1, 2]) await boxes.nth(i).check({ timeout: 5_000 });
      expect(await positions(page, 60)).toHaveLength(1);
    } finally {
      await page.close();
    }
  });
});

