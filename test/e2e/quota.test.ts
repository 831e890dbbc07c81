/**
 * A full store: filled to Chromium's `storage.local` quota (10 MB) with real moves, a write past it
 * is refused in the popup, in words, and nothing stored is lost.
 *
 * The extension asks for `unlimitedStorage` (README, "Permissions"), so Chromium never refuses it a
 * write for size. This file runs a copy of the same build whose manifest lacks that one permission:
 * the only way to reach a quota in a test. A refused write takes the same path in the product
 * (`background/store.ts` `write()`, then the popup's error), whatever refused it.
 */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generatePortfolio } from '../fixtures/generate';
import type { MessageType, RequestOf, ResponseOf } from '../../src/shared/protocol';
import { clientOf, copyOfDist, launch, readMoves, type Launched } from './harness';

const WITHOUT = 'unlimitedStorage';
let dist: string;
let browser: Launched;
const pageErrors: string[] = [];
let front: Page | undefined;

beforeAll(async () => {
  dist = copyOfDist((m) => {
    const permissions = m.permissions as string[];
    // The build asks for it: otherwise this file would test nothing the product does not already do.
    expect(permissions).toContain(WITHOUT);
    return { ...m, permissions: permissions.filter((p) => p !== WITHOUT) };
  });
  browser = await launch({ dist });
});
afterAll(async () => {
  if (browser) {
    expect(browser.egress, 'requests that left for another host').toEqual([]);
    await browser.close();
  }
  if (dist) rmSync(dist, { recursive: true, force: true });
});

async function openPopup(): Promise<Page> {
  const page = await browser.context.newPage();
  front = page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(browser.popupUrl);
  await page.locator('[data-csp-move="count"]').filter({ hasText: /\d/ }).waitFor();
  return page;
}

function send<K extends MessageType>(page: Page, type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return clientOf(page)(type, payload);
}

async function storedMoves() {
  const moves = await readMoves(browser.context);
  await front?.bringToFront();
  return moves;
}

test('a full store: the write the quota refuses is refused in the popup, in words, and nothing stored is lost', { timeout: 300_000 }, async () => {
  const page = await openPopup();
  const portfolio = generatePortfolio({ count: 40_000, seed: 11, today: new Date().toISOString().slice(0, 10) });
  const customers = portfolio.customers.map((c, i) => ({
    customerId: c.tenantId,
    companyName: c.companyName.slice(0, 500),
    domain: c.domain,
    originals: c.originals.map((o) => ({ offer: o.offer, ...(o.skuId ? { skuId: o.skuId } : {}), seats: o.seats, expiresOn: o.expiresOn, endBy: 'expire' as const })),
    rows: [i + 2],
  }));
  // Batches of 2,000 until one is refused, then smaller ones down to single moves, then the
  // smallest move there is (tracked by name only): the store is then full to the brim.
  const fill = async (write: () => Promise<unknown>) => {
    try {
      await write();
      return undefined;
    } catch (err) {
      return err;
    }
  };
  let next = 0;
  let refusals: unknown[] = [];
  for (let size = 2000; size >= 1; ) {
    const err = await fill(() => send(page, 'moves/import', { customers: customers.slice(next, next + size), createOnly: true }));
    if (err === undefined) next += size;
    else {
      refusals.push(err);
      size = Math.floor(size / 2);
    }
    expect(next + size).toBeLessThan(customers.length);
  }
  for (let i = 0; i < 50; i++) {
    const err = await fill(() => send(page, 'moves/track', { customerId: `ffffffff-1111-4000-8000-${String(i).padStart(12, '0')}`, companyName: 'x' }));
    if (err !== undefined) {
      refusals.push(err);
      break;
    }
  }
  expect(refusals.length).toBeGreaterThan(10);
  for (const err of refusals) expect(err).toMatchObject({ code: 'quota' });
  refusals = [];
  const before = (await send(page, 'moves/list', { first: 1 })).total;
  // Every refused write wrote nothing; every move stored before is still there, as stored.
  const kept = await storedMoves();
  expect(kept.size).toBe(before);
  expect(before).toBeGreaterThan(12_000);

  // A stored move edited past the quota (a long note) keeps what it had, in storage and in the list.
  const first = customers[0]!.customerId;
  await expect(send(page, 'moves/update', { customerId: first, notes: 'n'.repeat(20_000) })).rejects.toMatchObject({ code: 'quota' });
  expect((await send(page, 'moves/get', { customerId: first })).move).toEqual(kept.get(first));

  // In the popup: adding a move by hand says the store is full, in words, with what to do.
  await page.bringToFront();
  await page.locator('[data-csp-move="add-move"]').click();
  const dialog = page.locator('[data-csp-move="add-dialog"]');
  await dialog.getByLabel('Tenant ID (Microsoft ID)').fill('e3a4b5c6-d7e8-4f90-8a1b-2c3d4e5f6a70');
  await dialog.getByLabel('Company name').fill('One Too Many Ltd');
  await dialog.getByLabel('Offer').fill('Office 365 E3');
  await dialog.getByLabel('Seats').fill('1');
  await dialog.getByLabel('Expires on').fill('2031-07-01');
  await dialog.locator('[data-csp-move="add-save"]').click();
  const error = dialog.locator('[data-error="quota"]');
  await error.waitFor();
  expect(await error.textContent()).toBe("The browser's storage for this extension is full: nothing was written, and everything already stored is kept. Export a backup, then delete the moves that are done.");
  expect(await storedMoves()).toEqual(kept);
  await page.close();
  expect(pageErrors).toEqual([]);
});
