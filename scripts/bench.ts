/**
 * `npm run bench`: the product's speed and size targets, measured in a real Chromium with the
 * built extension on the sample portal. Every figure prints as `name  target / measured / verdict`;
 * bench/results.json keeps them with their raw samples. Ratios are measured against a baseline in
 * the same run (these machines are noisy); absolute times are in the details. The method:
 * docs/bench.md. `--quick`: fewer samples; `--only=a,b`: those sections (by name prefix).
 * The exit code is non-zero only when a section could not be measured (a missed target is a figure).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { addDays, localDay } from '../src/core/dates';
import { DIST, type Launched } from '../test/e2e/harness';
import { generatePortfolio, SAMPLE } from '../test/fixtures/generate';
import { PAGE_TIMER } from '../test/fixtures/page-timer';
import { PORTAL_PATHS, servePortal } from '../test/fixtures/portal-server';
import { message, toImported } from '../test/fixtures/seed-moves';
import { launchBench, seed, stopWorker } from './bench/browser';
import { grow, growSpec } from './bench/history';
import { hostOverhead } from './bench/host';
import { add, figures, median, percentile, quartiles, round, type Figure } from './bench/report';
import { contentSizes } from './bench/sizes';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 7;

// ---------------------------------------------------------------------------------------------
// Static sizes: the popup and the background, each entry with every chunk it loads statically.
function chunkClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file) || !existsSync(file)) return seen;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/(?:^|[;\s}])import\s*(?:[^'"();]*?from\s*)?["']([^"']+)["']/g)) {
    chunkClosure(resolve(dirname(file), m[1]!), seen);
  }
  return seen;
}
function gz(files: Iterable<string>): number {
  let n = 0;
  for (const f of files) n += gzipSync(readFileSync(f)).length;
  return n;
}
function bundleSizes(): void {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
    background: { service_worker: string };
    action: { default_popup: string };
  };
  const bg = chunkClosure(join(DIST, manifest.background.service_worker));
  const html = join(DIST, manifest.action.default_popup);
  const popup = new Set<string>([html]);
  for (const m of readFileSync(html, 'utf8').matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)) {
    const f = m[1]!.startsWith('/') ? join(DIST, m[1]!) : resolve(dirname(html), m[1]!);
    if (f.endsWith('.js')) chunkClosure(f, popup);
    else popup.add(f);
  }
  const kb = (n: number) => round(n / 1024, 2);
  const p = gz(popup);
  const b = gz(bg);
  add({ name: 'Bundle: popup (gzip, html + js + css at first load)', value: kb(p), unit: 'kB', target: '≤ 40 kB', pass: p <= 40 * 1024 });
  add({ name: 'Bundle: background (gzip)', value: kb(b), unit: 'kB', target: '≤ 25 kB', pass: b <= 25 * 1024 });
}

// ---------------------------------------------------------------------------------------------
type Timer = { __timer: { marks: Record<string, number>; all: (s: string) => Element[]; watch: (n: string, s: string) => void } };

async function waitMarks(page: Page, names: string[], timeout = 10_000): Promise<Record<string, number>> {
  await page.waitForFunction((ns) => ns.every((n) => (window as unknown as Timer).__timer.marks[n] !== undefined), names, { timeout });
  return page.evaluate(() => ({ ...(window as unknown as Timer).__timer.marks }));
}

function latencyFigures(name: string, xs: number[], failures = 0, detail = ''): void {
  if (!xs.length) {
    add({ name, value: 'n/a', unit: '', pass: false, detail: `nothing measured${failures ? `; ${failures} failures` : ''}` });
    return;
  }
  const m = median(xs);
  const p = percentile(xs, 95);
  const fail = failures ? `; ${failures} FAILED (not all within the timeout): the figure fails` : '';
  add({ name: `${name}: median`, value: round(m), unit: 'ms', target: '≤ 16 ms', pass: m <= 16 && !failures, detail: `${xs.length} samples${detail ? `, ${detail}` : ''}${fail}`, samples: xs.map((x) => round(x, 2)), data: { failures } });
  add({ name: `${name}: p95`, value: round(p), unit: 'ms', target: '≤ 50 ms', pass: p <= 50 && !failures });
}

/** Badges after paging: how many page changes, each waited for every expected badge. */
const PAGE_CHANGES = quick ? 8 : 24;
const BADGE_TIMEOUT_MS = 5000;

async function latencies(): Promise<void> {
  const browser = await launchBench();
  await browser.context.addInitScript(PAGE_TIMER);
  const pageSize = 10;
  const portal = await servePortal(browser.context, { count: (PAGE_CHANGES + 2) * pageSize, pageSize });
  const customers = portal.portfolio.customers;
  // Every other customer with originals is tracked (badges); Contoso tracked for the offer check.
  const tracked = customers.filter((c, i) => i % 2 === 0 && c.originals.length);
  await seed(browser, tracked);
  const page = await browser.context.newPage();
  const overlayReady: number[] = [];
  const offer: number[] = [];

  // (a) After single-page navigation to an untracked customer: details rendered → "start tracking" ready.
  // Navigated from once the content script runs there (its panel is up): `goto` returns at the
  // load event, before the content script's document_idle, and a first sample taken then timed the
  // script's injection (15–215 ms across runs), not a navigation. The customer pages' chunks still
  // load for the first time in the first sample.
  await page.goto(portal.url(PORTAL_PATHS.customers));
  await page.locator('[data-csp-move="overlay"]').first().waitFor({ state: 'attached', timeout: 15_000 });
  const untracked = customers.filter((c, i) => i % 2 === 1 && !Object.values(SAMPLE).some((s) => s.tenantId === c.tenantId && s.hostile)).slice(0, RUNS * 2);
  for (const c of untracked) {
    await page.evaluate(
      ([id, name]) => {
        const t = (window as unknown as Timer).__timer;
        t.watch('key', `(all) => all('dd').some((d) => d.textContent.trim() === '${id}')`);
        // Ready: this customer's overlay (not the previous page's, still in the DOM for a moment).
        t.watch('ready', `(all) => all('[data-csp-move="track"]').some((b) => !b.disabled && b.getRootNode().textContent.includes(${JSON.stringify(name)}))`);
        history.pushState({}, '', `/dashboard/v2/customers/${id}/account`);
        dispatchEvent(new PopStateEvent('popstate', { state: {} }));
      },
      [c.tenantId, c.companyName],
    );
    const marks = await waitMarks(page, ['key', 'ready']);
    overlayReady.push(Math.max(0, marks.ready! - marks.key!));
  }

  // (b) Badges after paging: the new page's rows rendered → the LAST of the badges expected on it
  // (the tracked customers among its rows, from the seeded set). A page change whose badges do
  // not all show within BADGE_TIMEOUT_MS is a failure.
  const badges: number[] = [];
  let failures = 0;
  let noneExpected = 0;
  const expectedCounts: number[] = [];
  const failed: string[] = [];
  await page.goto(portal.url(PORTAL_PATHS.customers));
  await page.evaluate((ids) => {
    (window as unknown as { __tracked: Set<string> }).__tracked = new Set(ids);
  }, tracked.map((c) => c.tenantId.toLowerCase()));
  await page.locator('[data-csp-move="badge"]').first().waitFor({ timeout: 15_000 });
  for (let i = 0; i < PAGE_CHANGES; i++) {
    const next = page.locator('button.data-grid__page-next').first();
    if (!(await next.count()) || (await next.isDisabled())) break;
    await page.evaluate(() => {
      const w = window as unknown as Timer & { __old: Set<string>; __want: number };
      w.__old = new Set(w.__timer.all('tr[id^="row-"]').map((r) => r.id));
      w.__want = -1;
      const fresh = `(all) => all('tr[id^="row-"]').filter((r) => /^row-[0-9a-f]{8}-/i.test(r.id) && !window.__old.has(r.id))`;
      w.__timer.watch('rows', `(all) => (${fresh})(all).length > 0`);
      w.__timer.watch(
        'badges',
        `(all) => {
          const rows = (${fresh})(all);
          if (!rows.length) return false;
          const want = rows.map((r) => r.id.slice(4).toLowerCase()).filter((id) => window.__tracked.has(id));
          window.__want = want.length;
          const have = new Set(all('[data-csp-move="badge"]').filter((b) => b.isConnected).map((b) => b.getAttribute('data-customer-id')));
          return want.every((id) => have.has(id));
        }`,
      );
    });
    await next.evaluate((b) => (b as HTMLElement).click()); // the overlay may cover it
    try {
      await waitMarks(page, ['rows'], 15_000);
    } catch {
      failures++;
      failed.push(`change ${i + 1}: the grid did not page`);
      continue;
    }
    const marks = await waitMarks(page, ['rows', 'badges'], BADGE_TIMEOUT_MS).catch(() => undefined);
    const want = await page.evaluate(() => (window as unknown as { __want: number }).__want);
    if (!marks) {
      failures++;
      failed.push(`change ${i + 1}: not all of ${want} badges within ${BADGE_TIMEOUT_MS} ms`);
      continue;
    }
    if (want === 0) {
      noneExpected++;
      continue;
    }
    expectedCounts.push(want);
    badges.push(Math.max(0, marks.badges! - marks.rows!));
  }

  // (c) Offer-match warning: the chosen offer's details render → the warning shows its verdict.
  await page.goto(portal.url(PORTAL_PATHS.addProducts(SAMPLE.contoso.tenantId)));
  const radios = page.locator('tr[id^="row-CFQ7"] input[type="radio"]');
  await radios.first().waitFor({ timeout: 15_000 });
  const n = Math.min(await radios.count(), RUNS + 1);
  let offerFailures = 0;
  for (let i = 0; i < n; i++) {
    const productId = (await radios.nth(i).evaluate((r) => r.closest('tr')?.id.slice(4))) ?? '';
    await page.evaluate((pid) => {
      const t = (window as unknown as Timer).__timer;
      t.watch('key', `(all) => all('.configure__product-id').some((p) => p.textContent.includes('${pid}'))`);
      // The warning for THIS offer (the previous choice's warning is still there until it updates).
      t.watch('warn', `(all) => all('[data-csp-move="offer-match"]').some((w) => w.getAttribute('data-product-id') === '${pid}')`);
    }, productId);
    await radios.nth(i).evaluate((r) => (r as HTMLElement).click()); // the overlay may cover it
    const marks = await waitMarks(page, ['key', 'warn']).catch(() => undefined);
    if (marks) offer.push(Math.max(0, marks.warn! - marks.key!));
    else offerFailures++;
  }
  await browser.close();

  latencyFigures('Overlay ready after SPA navigation', overlayReady);
  latencyFigures(
    'Badges after paging (every badge on the new page)',
    badges,
    failures,
    `${PAGE_CHANGES} page changes of ${pageSize} rows, ${median(expectedCounts)} badges expected a page (median)${noneExpected ? `, ${noneExpected} pages with none expected (not a sample)` : ''}${failed.length ? `; ${failed.join('; ')}` : ''}`,
  );
  latencyFigures('Offer-match warning after choosing an offer', offer, offerFailures);
}

// ---------------------------------------------------------------------------------------------
/** First popup render: from navigation start to the first move row painted. */
async function popupFirstRender(browser: Launched): Promise<number> {
  const page = await browser.context.newPage();
  await page.goto(browser.popupUrl);
  await page.locator('[data-csp-move="move-row"]').first().waitFor({ timeout: 30_000 });
  // The row's first paint: the frame after it is in the DOM.
  const t = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))));
  await page.close();
  return t;
}

const STORE_MOVES = 20_000;

async function storeFigures(): Promise<void> {
  // Originals 200+ days out: few moves need action, so the badge shows the exact count that one
  // change flips (at 1,000 and more it reads "999+" and would not show a change).
  const today = localDay(new Date());
  const all = generatePortfolio({ count: 5000, hostile: false }).customers.map((c, i) => ({
    ...c,
    originals: c.originals.map((o) => ({ ...o, expiresOn: addDays(today, 200 + (i % 300)) })),
  }));
  // Distinct customers beyond the generated 5,000: the same with other tenant ids.
  const many = Array.from({ length: STORE_MOVES }, (_, i) =>
    i < all.length ? all[i]! : { ...all[i % all.length]!, tenantId: `${all[i % all.length]!.tenantId.slice(0, 24)}${String(i).padStart(12, '0')}` },
  );

  // (a) Popup first row: two browsers side by side, 1 move and 10,000, sampled alternately.
  const one = await launchBench();
  const big = await launchBench();
  try {
    await seed(one, many.slice(0, 1));
    await seed(big, many.slice(0, 10_000));
    const base: number[] = [];
    const at10k: number[] = [];
    const samples = quick ? 5 : 15;
    for (let i = 0; i < samples; i++) {
      base.push(await popupFirstRender(one));
      at10k.push(await popupFirstRender(big));
    }
    await one.close();
    const ratios = at10k.map((x, i) => x / base[i]!);
    const ratio = median(at10k) / median(base);
    const [q1, q3] = quartiles(ratios);
    add({
      name: 'Popup first row at 10,000 moves ÷ 1 move (same run)',
      value: round(ratio, 2),
      unit: '×',
      target: '≤ 1.15×',
      pass: ratio <= 1.15,
      detail: `median ${round(median(at10k))} ms vs ${round(median(base))} ms (1 move), ${samples} alternating samples each; per-pair ratios ${round(Math.min(...ratios), 2)}–${round(Math.max(...ratios), 2)}, IQR ${round(q1, 2)}–${round(q3, 2)}`,
      samples: ratios.map((r) => round(r, 3)),
      data: { ms10k: at10k.map((x) => round(x, 2)), ms1: base.map((x) => round(x, 2)) },
    });
    add({ name: 'Popup first row at 10,000 moves (absolute)', value: round(median(at10k)), unit: 'ms', samples: at10k.map((x) => round(x, 2)) });

    // (b) Step change round trip at 10,000 moves: message → validation → storage write → badge updated.
    const page = await big.openPopup();
    const id = many[3]!.tenantId;
    const near = addDays(today, 3);
    const far = addDays(today, 300);
    const { roundTrips, badgeTrips, baseline } = await page.evaluate(
      async ([cid, nearDay, farDay, runs]) => {
        const send = (type: string, payload: unknown) => chrome.runtime.sendMessage({ type, payload });
        const baseline: number[] = [];
        const roundTrips: number[] = [];
        const badgeTrips: number[] = [];
        for (let i = 0; i < runs * 2; i++) {
          let t = performance.now();
          await send('status/get', {});
          baseline.push(performance.now() - t);
          const before = await chrome.action.getBadgeText({});
          t = performance.now();
          const r = await send('moves/originals', { customerId: cid, originals: [{ offer: 'Office 365 E3', seats: 5, expiresOn: i % 2 ? farDay : nearDay, endBy: 'expire' }] });
          roundTrips.push(performance.now() - t);
          if (!r.ok) throw new Error(JSON.stringify(r));
          while ((await chrome.action.getBadgeText({})) === before && performance.now() - t < 2000) await new Promise((res) => setTimeout(res, 0));
          badgeTrips.push(performance.now() - t);
        }
        return { roundTrips, badgeTrips, baseline };
      },
      [id, near, far, RUNS] as const,
    );
    add({
      name: 'Change round trip at 10,000 moves (reply, stored)',
      value: round(median(roundTrips)),
      unit: 'ms',
      target: '≤ 20 ms',
      pass: median(roundTrips) <= 20,
      detail: `${round(median(roundTrips) / median(baseline), 1)}× a read-only round trip (${round(median(baseline), 2)} ms)`,
      samples: roundTrips.map((x) => round(x, 2)),
    });
    add({ name: 'Change → badge updated at 10,000 moves', value: round(median(badgeTrips)), unit: 'ms', target: '≤ 20 ms', pass: median(badgeTrips) <= 20, samples: badgeTrips.map((x) => round(x, 2)) });

    // (c) Storage at 20,000 moves, each with a realistic history at the store's bound.
    const started = Date.now();
    for (let i = 10_000; i < STORE_MOVES; i += 2500) await message(page, 'moves/import', { customers: many.slice(i, i + 2500).map(toImported) });
    let written = 0;
    const BATCH = 500;
    for (let i = 0; i < STORE_MOVES; i += BATCH) {
      written += await page.evaluate(grow, growSpec(many.slice(i, i + BATCH).map((c) => c.tenantId.toLowerCase()), today));
    }
    await page.close();
    const seedSeconds = (Date.now() - started) / 1000;
    // The worker reads the stored moves again (and checks every one against the schema).
    await stopWorker(big);
    const check = await big.openPopup();
    const t = Date.now();
    const status = await message(check, 'status/get', {});
    const startMs = Date.now() - t;
    if (status.moves !== STORE_MOVES || status.problems.length) throw new Error(`the store read ${status.moves} moves back, problems: ${status.problems.slice(0, 3).join('; ')}`);
    const { move } = await message(check, 'moves/get', { customerId: many[7]!.tenantId.toLowerCase() });
    const entries = move?.history.length ?? 0;
    const writes = await check.evaluate(
      async ([ids, runs]) => {
        const xs: number[] = [];
        for (let i = 0; i < runs; i++) {
          const customerId = ids[(i * 7919) % ids.length]!;
          const t0 = performance.now();
          const r = await chrome.runtime.sendMessage({ type: 'moves/update', payload: { customerId, notes: `bench ${i} ${Math.random()}` } });
          xs.push(performance.now() - t0);
          if (!r.ok) throw new Error(JSON.stringify(r));
        }
        return xs;
      },
      [many.map((c) => c.tenantId.toLowerCase()), quick ? 15 : 40] as const,
    );
    const bytes = await check.evaluate(() => chrome.storage.local.getBytesInUse(null));
    await check.close();
    const w = median(writes);
    add({
      name: `Store write (moves/update) at ${STORE_MOVES.toLocaleString('en')} moves, full histories`,
      value: round(w),
      unit: 'ms',
      target: '≤ 50 ms',
      pass: w <= 50,
      detail: `${writes.length} writes to different moves, p95 ${round(percentile(writes, 95))} ms; each move ${entries} history entries (the bound), seeded in ${round(seedSeconds)} s`,
      samples: writes.map((x) => round(x, 2)),
    });
    add({ name: `Storage at ${STORE_MOVES.toLocaleString('en')} moves`, value: round(bytes / 1024 / 1024, 1), unit: 'MB', detail: `getBytesInUse; ${round(written / 1024 / 1024, 1)} MB of JSON written by the seeding` });
    add({ name: 'Storage per move (history at the bound)', value: Math.round(bytes / STORE_MOVES), unit: 'bytes' });
    add({ name: `Worker start at ${STORE_MOVES.toLocaleString('en')} moves (stopped → first reply)`, value: round(startMs / 1000, 2), unit: 's', detail: 'reads and checks every stored move' });
  } finally {
    await one.close().catch(() => undefined);
    await big.close();
  }
}

// ---------------------------------------------------------------------------------------------
console.log(`CSP Move Assistant benchmark — ${cpus().length} cores, Node ${process.version}${quick ? ' (quick)' : ''}`);
console.log(`  ${'figure'.padEnd(62)} ${'target'.padStart(11)} / ${'measured'.padStart(12)} / verdict\n`);
const sections: Array<[string, () => Promise<void> | void]> = [
  ['bundle sizes', bundleSizes],
  ['content sizes', contentSizes],
  ['latencies', latencies],
  ['store', storeFigures],
  ['host overhead', () => hostOverhead(quick)],
];
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
let failed = false;
for (const [name, run] of sections.filter(([n]) => !only || only.some((o) => n.startsWith(o)))) {
  const t = Date.now();
  try {
    await run();
  } catch (err) {
    failed = true;
    add({ name: `${name}: could not be measured`, value: 'error', unit: '', detail: (err as Error).message.split('\n')[0] });
  }
  console.log(`  (${name}: ${round((Date.now() - t) / 1000)} s)`);
}
mkdirSync(resolve(import.meta.dirname, '../bench'), { recursive: true });
const resultsFile = resolve(import.meta.dirname, '../bench/results.json');
// With --only, the other sections' figures from the last run are kept (marked with their date).
const kept: Array<Figure & { measuredAt?: string }> = [];
if (only && existsSync(resultsFile)) {
  const last = JSON.parse(readFileSync(resultsFile, 'utf8')) as { measuredAt: string; figures: Array<Figure & { measuredAt?: string }> };
  const fresh = new Set(figures.map((f) => f.name));
  for (const f of last.figures) if (!fresh.has(f.name)) kept.push({ ...f, measuredAt: f.measuredAt ?? last.measuredAt });
}
writeFileSync(resultsFile, `${JSON.stringify({ measuredAt: new Date().toISOString(), cores: cpus().length, node: process.version, quick, figures: [...kept, ...figures] }, null, 2)}\n`);
const missed = figures.filter((f) => f.pass === false).length;
console.log(`\n${figures.filter((f) => f.pass).length} targets met, ${missed} missed. Written to bench/results.json`);
process.exitCode = failed ? 1 : 0;
