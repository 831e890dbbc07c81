/**
 * The popup in a real Chromium with the built extension, opened as a tab at its own address:
 * CSV import (preview, errors, confirm), ranking, search, step edits, delete/undo, live updates,
 * exports (CSV, iCalendar), backup/restore, accessibility (axe-core) and 10,000 moves. A full store
 * (the storage quota) is test/e2e/quota.test.ts: it needs a build without `unlimitedStorage`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import axe from 'axe-core';
import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Move } from '../../src/core/model';
import { BACKUP_FORMAT, DEFAULT_SETTINGS, SCHEMA_VERSION } from '../../src/core/schema';
import { rankMoves } from '../../src/core/urgency';
import { generatePortfolio } from '../fixtures/generate';
import type { MessageType, RequestOf, ResponseOf } from '../../src/shared/protocol';
import { clientOf, launch, readMoves, readStorage, type Launched } from './harness';

const CSV_DIR = resolve(import.meta.dirname, '../fixtures/csv');
const GOOD_CSV = resolve(CSV_DIR, 'popup-good.csv');
const BAD_CSV = resolve(CSV_DIR, 'popup-bad.csv');

const ALPHA = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TAIWAN = '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
const BRAVO = '7c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
const CHARLIE = '8d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f7a';
const DELTA = '9e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a8b';
/**
 * Most urgent first: Bravo's original expired in 2020 (overdue); Delta, planned without originals,
 * should send its relationship request soon (no date to plan by); then the rest by when their
 * requests are due (2031, 2032).
 */
const GOOD_ORDER = [BRAVO, DELTA, TAIWAN, ALPHA, CHARLIE];

let browser: Launched;
const pageErrors: string[] = [];
/** The page the test drives: brought back to the front after a helper opened another one. */
let front: Page | undefined;

/**
 * Waits for a value, up to 10 s: a page in a background tab (readStorage opens a page of its own)
 * has its timers slowed to once a second, so the 1 s default would be flaky.
 */
function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 10_000 });
}

async function storage(): Promise<Record<string, unknown>> {
  const all = await readStorage(browser.context);
  await front?.bringToFront();
  return all;
}

beforeAll(async () => {
  // POPUP_E2E_DIST: a private build while others rebuild dist/ (default: dist/, like every e2e test).
  browser = await launch({ dist: process.env.POPUP_E2E_DIST });
});
afterAll(async () => {
  if (!browser) return;
  expect(browser.egress, 'requests that left for another host').toEqual([]);
  await browser.close();
});

async function openPopup(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(browser.popupUrl);
  await page.locator('[data-csp-move="count"]').filter({ hasText: /\d/ }).waitFor();
  return page;
}

/** Sends a protocol message from an extension page; fails the test on an error envelope. */
function send<K extends MessageType>(page: Page, type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return clientOf(page)(type, payload);
}

/** Empties storage the way a partner could: restore an empty backup. */
async function reset(page: Page): Promise<void> {
  const empty = { format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: new Date().toISOString(), settings: DEFAULT_SETTINGS, moves: [] };
  await send(page, 'backup/restore', { json: JSON.stringify(empty) });
}

async function storedMoves(): Promise<Map<string, Move>> {
  const moves = await readMoves(browser.context);
  await front?.bringToFront();
  return moves;
}

function rows(page: Page) {
  return page.locator('[data-csp-move="move-row"]');
}

function row(page: Page, id: string) {
  return page.locator(`[data-csp-move="move-row"][data-customer-id="${id}"]`);
}

/** The customer ids of the rendered rows, in list order (aria-posinset). */
async function rowOrder(page: Page): Promise<string[]> {
  return page.$$eval('[data-csp-move="move-row"]', (els) =>
    els
      .map((e) => ({ pos: Number(e.getAttribute('aria-posinset')), id: e.getAttribute('data-customer-id') ?? '' }))
      .sort((a, b) => a.pos - b.pos)
      .map((x) => x.id),
  );
}

async function importFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.locator('[data-csp-move="view-import"]').click();
  await page.locator('[data-csp-move="import-csv"]').setInputFiles(file);
  await page.locator('[data-csp-move="import-preview"]').waitFor();
}

async function runAxe(page: Page, context?: string): Promise<string[]> {
  // The extension page's CSP (script-src 'self') blocks inline scripts and eval in the page, but a
  // string evaluated through CDP (Runtime.evaluate) is not page script: it defines window.axe.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axe.source}; 0`);
  const violations = await page.evaluate(async (ctx) => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(ctx ? { include: [ctx] } : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, context ?? null);
  return violations;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

describe('popup', () => {
  let page: Page;

  beforeAll(async () => {
    page = await openPopup();
    front = page;
    await reset(page);
  });
  afterAll(async () => {
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  test('import a good CSV: preview, nothing written before confirm, then rows most urgent first', async () => {
    await importFile(page, GOOD_CSV);
    const preview = page.locator('[data-csp-move="import-preview"]');
    await poll(() => preview.locator('[data-csp-move="import-summary"]').textContent()).toContain('5 customers, 5 original subscriptions: 5 new, 0 updated');
    expect(await page.locator('[data-csp-move="import-errors"]').count()).toBe(0);
    // Charlie's 05/06/2032 is ambiguous: read month first, the default of this en-US browser, and the popup says so.
    expect(await page.locator('[data-csp-move="date-order-assumed"]').textContent()).toMatch(/month first.*1 such date/);
    expect(await preview.locator('[data-csp-move="import-customer"] h4', { hasText: '台灣測試雲端股份有限公司' }).count()).toBe(1);
    // One row per original, with how its date was read.
    const charlie = preview.locator(`[data-csp-move="import-customer"][data-customer-id="${CHARLIE}"] tr[data-row]`);
    expect(await charlie.textContent()).toMatch(/Office 365 E1.*40.*May 6, 2032.*read month first\. Ambiguous: read as you chose above\./);
    expect((await storedMoves()).size).toBe(0);

    const confirm = page.locator('[data-csp-move="import-confirm"]');
    expect(await confirm.isEnabled()).toBe(true);
    await confirm.click();
    await poll(() => page.locator('[data-csp-move="import-result"]').textContent()).toContain('5 created, 0 updated');

    const stored = await storedMoves();
    expect([...stored.keys()].sort()).toEqual([...GOOD_ORDER].sort());
    expect(stored.get(TAIWAN)).toMatchObject({ companyName: '台灣測試雲端股份有限公司', program: 'ea', originals: [{ seats: 1200, expiresOn: '2031-01-15' }] });
    expect(stored.get(ALPHA)?.companyName).toBe('Alpha; Co');
    expect(stored.get(BRAVO)?.companyName).toBe('Bravo "Quoted" Ltd');
    expect(stored.get(CHARLIE)?.originals[0]?.expiresOn).toBe('2032-05-06');

    await page.locator('[data-csp-move="view-moves"]').click();
    await poll(() => rowOrder(page)).toEqual(GOOD_ORDER);
    // The same order when the popup opens on stored data (ranked on load, not re-slotted live).
    const fresh = await openPopup();
    await poll(() => rowOrder(fresh)).toEqual(GOOD_ORDER);
    await fresh.close();
    await page.bringToFront();
    // The same order core's rankMoves gives the stored moves.
    const { today, settings } = await send(page, 'moves/list', {});
    expect(rankMoves([...stored.values()], today, settings).map((m) => m.customerId)).toEqual(GOOD_ORDER);
    // Overdue stands out in words, not colour alone.
    // Years past: the date itself, not "expired 2493 days ago" (relative days only within 60 days).
    expect(await row(page, BRAVO).locator('.expiry').textContent()).toBe('⚠ Overdue: expired Jan 31, 2020');
    // An import names no step: every move starts planned (nothing sent yet), on its program's path.
    expect(await row(page, BRAVO).getAttribute('data-step')).toBe('planned');
    expect(await row(page, BRAVO).getAttribute('data-path')).toBe('manual');
  });

  test('a bad CSV lists every error with its row, cannot be confirmed, and changes nothing', async () => {
    const before = await storage();
    await importFile(page, BAD_CSV);
    const errors = page.locator('[data-csp-move="import-errors"]');
    await errors.waitFor();
    const items = errors.locator('li');
    expect(await items.count()).toBe(4);
    const text = await errors.textContent();
    for (const [rowNo, column] of [
      [2, 'customer_id'],
      [3, 'seats'],
      [4, 'expires_on'],
      [5, 'company_name'],
    ] as const) {
      expect(text).toContain(`Row ${rowNo}, column "${column}"`);
      expect(await errors.locator(`li[data-row="${rowNo}"][data-column="${column}"]`).count()).toBe(1);
    }
    expect(text).toContain('"-3" is negative');
    expect(await page.locator('[data-csp-move="import-confirm"]').isDisabled()).toBe(true);
    await page.locator('[data-csp-move="import-confirm"]').click({ force: true }).catch(() => undefined);
    await page.waitForTimeout(200);
    expect(await storage()).toEqual(before);
  });

  test('search narrows the rows by name, domain or tenant id', async () => {
    await page.locator('[data-csp-move="view-moves"]').click();
    const search = page.locator('[data-csp-move="search"]');
    await search.fill('台灣');
    await poll(() => rowOrder(page)).toEqual([TAIWAN]);
    await search.fill('CHARLIE.example');
    await poll(() => rowOrder(page)).toEqual([CHARLIE]);
    await search.fill('7c3d4e5f-6a7b');
    await poll(() => rowOrder(page)).toEqual([BRAVO]);
    await search.fill('no such customer');
    await poll(() => rows(page).count()).toBe(0);
    expect(await page.locator('[data-csp-move="count"]').textContent()).toBe('Showing 0 of 5 moves');
    await search.fill('');
    await poll(() => rowOrder(page)).toEqual(GOOD_ORDER);
  });

  test('edit a step forward and back; a skip needs confirming; another page sees it live', async () => {
    const other = await openPopup();
    await page.bringToFront();
    await row(page, ALPHA).locator('[data-csp-move="edit"]').click();
    const dialog = page.locator('[data-csp-move="edit-dialog"]');
    await dialog.waitFor();

    // planned → requested: the request went out.
    await dialog.locator('[data-csp-move="step-forward"]').click();
    await poll(() => row(page, ALPHA).getAttribute('data-step')).toBe('requested');
    await dialog.locator('[data-csp-move="step-forward"]').click();
    await poll(() => row(page, ALPHA).getAttribute('data-step')).toBe('accepted');
    expect((await storedMoves()).get(ALPHA)?.step).toBe('accepted');
    // The other open page got the change notice and updated its row without a reload.
    await poll(() => row(other, ALPHA).getAttribute('data-step')).toBe('accepted');

    await dialog.locator('[data-csp-move="step-forward"]').click();
    await poll(() => row(page, ALPHA).getAttribute('data-step')).toBe('provisioned');
    expect((await storedMoves()).get(ALPHA)?.step).toBe('provisioned');

    await dialog.locator('[data-csp-move="step-back"]').click();
    await poll(() => row(page, ALPHA).getAttribute('data-step')).toBe('accepted');
    expect((await storedMoves()).get(ALPHA)?.step).toBe('accepted');
    await dialog.locator('[data-csp-move="step-back"]').click();
    await poll(() => row(page, ALPHA).getAttribute('data-step')).toBe('requested');
    const back = (await storedMoves()).get(ALPHA);
    expect(back?.step).toBe('requested');
    expect(back?.stepDates).toEqual({ planned: expect.any(String), requested: expect.any(String) });

    // requested → originals-ended skips two steps: asked first, stored only after confirming. Alpha's
    // originals run to 2031: marking them ended now is only a cancellation, with its day.
    await dialog.locator('select[id$="-jump"]').selectOption('originals-ended');
    await dialog.locator('[data-csp-move="step-jump"]').click();
    const confirmBox = dialog.locator('[data-csp-move="step-confirm"]');
    await confirmBox.waitFor();
    expect(await confirmBox.textContent()).toContain('Relationship accepted, Subscriptions provisioned');
    expect((await storedMoves()).get(ALPHA)?.step).toBe('requested');
    await confirmBox.locator('[data-csp-move="confirm-skip"]').click();
    const cancelDate = confirmBox.locator('[data-csp-move="cancel-date"]');
    await cancelDate.waitFor();
    expect(await confirmBox.textContent()).toMatch(/no refund/i);
    expect((await storedMoves()).get(ALPHA)?.step).toBe('requested');
    const today = await page.evaluate(() => new Date().toLocaleDateString('sv'));
    await cancelDate.fill(today);
    await confirmBox.locator('[data-csp-move="cancel-confirm"]').click();
    await poll(() => row(page, ALPHA).getAttribute('data-step')).toBe('originals-ended');
    const alpha = (await storedMoves()).get(ALPHA);
    expect(alpha?.history.at(-1)).toMatchObject({ kind: 'step', from: 'requested', to: 'originals-ended', skipped: ['accepted', 'provisioned'] });
    expect(alpha?.history.some((h) => h.kind === 'cancellation' && h.note === today)).toBe(true);
    expect(alpha?.originals.every((o) => o.endBy === 'cancel' && o.cancelOn === today)).toBe(true);
    await poll(() => row(other, ALPHA).getAttribute('data-step')).toBe('originals-ended');

    // Escape closes the dialog and focus returns to the row's Edit button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-csp-move'))).toBe('edit');
    await other.close();
  });

  test('delete, then undo, puts the move back exactly', async () => {
    const before = (await storedMoves()).get(DELTA);
    expect(before).toBeDefined();
    await row(page, DELTA).locator('[data-csp-move="delete"]').click();
    await row(page, DELTA).waitFor({ state: 'detached' });
    expect((await storedMoves()).has(DELTA)).toBe(false);
    await page.locator('[data-csp-move="undo"]').click();
    await row(page, DELTA).waitFor();
    expect((await storedMoves()).get(DELTA)).toEqual(before);
    // "… is back" belongs to the list: it does not follow the partner to another view.
    await page.locator('[data-csp-move="toast"]').waitFor();
    await page.locator('[data-csp-move="view-data"]').click();
    await page.locator('[data-csp-move="toast"]').waitFor({ state: 'detached' });
    await page.locator('[data-csp-move="view-moves"]').click();
  });

  test('export CSV and import it back: the originals do not change', async () => {
    const before = await storedMoves();
    await page.locator('[data-csp-move="view-data"]').click();
    const { name, text } = await download(page, () => page.locator('[data-csp-move="export-csv"]').click());
    expect(name).toMatch(/^csp-moves-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text.startsWith('\uFEFFcustomer_id,company_name,domain,program,path,step,')).toBe(true);
    expect(text).toContain('台灣測試雲端股份有限公司');

    await importFile(page, { name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await poll(() => page.locator('[data-csp-move="import-summary"]').textContent()).toContain('5 customers, 5 original subscriptions: 0 new, 5 updated');
    await page.locator('[data-csp-move="import-confirm"]').click();
    await poll(() => page.locator('[data-csp-move="import-result"]').textContent()).toMatch(/0 created/);
    const after = await storedMoves();
    expect(after.size).toBe(before.size);
    for (const [id, m] of before) expect(after.get(id)?.originals, id).toEqual(m.originals);
  });

  test('export the calendar: one event per original expiry', async () => {
    await page.locator('[data-csp-move="view-data"]').click();
    const { name, text } = await download(page, () => page.locator('[data-csp-move="export-ics"]').click());
    expect(name).toMatch(/^csp-moves-\d{4}-\d{2}-\d{2}\.ics$/);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const expiries = events.filter((e) => e.uid.endsWith('-0@csp-move-assistant'));
    const moves = [...(await storedMoves()).values()].filter((m) => m.step !== 'done');
    const expected = moves.flatMap((m) => m.originals.map((o) => `${m.customerId}-${o.id}-0@csp-move-assistant ${o.expiresOn}`)).sort();
    expect(expiries.map((e) => `${e.uid} ${e.startDate.toString()}`).sort()).toEqual(expected);
    expect(await page.locator('[data-csp-move="data-status"]').textContent()).toBe('Calendar exported.');
  });

  test('backup, delete a move, restore the backup: it is back', async () => {
    await page.locator('[data-csp-move="view-data"]').click();
    const backup = await download(page, () => page.locator('[data-csp-move="backup-export"]').click());
    expect(backup.name).toMatch(/^csp-moves-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const before = (await storedMoves()).get(CHARLIE);

    await page.locator('[data-csp-move="view-moves"]').click();
    await row(page, CHARLIE).locator('[data-csp-move="delete"]').click();
    await row(page, CHARLIE).waitFor({ state: 'detached' });
    expect((await storedMoves()).has(CHARLIE)).toBe(false);

    await page.locator('[data-csp-move="view-data"]').click();
    // A broken file is refused with its errors, and replaces nothing.
    const broken = JSON.stringify({ ...JSON.parse(backup.text), moves: [{ customerId: 'x' }] });
    await page.locator('[data-csp-move="restore-file"]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await page.locator('[data-csp-move="restore-confirm"] [data-csp-move="confirm-yes"]').click();
    await poll(() => page.locator('[data-csp-move="data-errors"]').textContent()).toContain('moves[0]');
    expect((await storedMoves()).size).toBe(4);

    await page.locator('[data-csp-move="restore-file"]').setInputFiles({ name: backup.name, mimeType: 'application/json', buffer: Buffer.from(backup.text) });
    const confirm = page.locator('[data-csp-move="restore-confirm"]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toMatch(/Your moves and settings will be replaced by the backup .*\(moves now: 4; in the backup: 5\)/);
    await confirm.locator('[data-csp-move="confirm-yes"]').click();
    await poll(() => page.locator('[data-csp-move="data-status"]').textContent()).toBe('Restored 5 moves.');
    expect((await storedMoves()).get(CHARLIE)).toEqual(before);
    await page.locator('[data-csp-move="view-moves"]').click();
    await row(page, CHARLIE).waitFor();
  });

  test('accessibility: no axe violations in the list, the import preview and the edit dialog', async () => {
    await page.locator('[data-csp-move="view-moves"]').click();
    await rows(page).first().waitFor();
    expect(await runAxe(page)).toEqual([]);

    await importFile(page, BAD_CSV);
    expect(await runAxe(page)).toEqual([]);
    await importFile(page, GOOD_CSV);
    expect(await runAxe(page)).toEqual([]);

    await page.locator('[data-csp-move="view-moves"]').click();
    await row(page, TAIWAN).locator('[data-csp-move="edit"]').click();
    await page.locator('[data-csp-move="edit-dialog"]').waitFor();
    expect(await runAxe(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // The list is usable from the keyboard: arrows move between rows, Enter edits.
    await rows(page).first().focus();
    await page.keyboard.press('ArrowDown');
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-posinset'))).toBe('2');
    await page.keyboard.press('Enter');
    await page.locator('[data-csp-move="edit-dialog"]').waitFor();
    await page.keyboard.press('Escape');

    // Tab does not walk every row's buttons: the active row and its three, then out of the list.
    const inTabOrder = await page.locator('.list-spacer').evaluate((list) => [...list.querySelectorAll<HTMLElement>('a, button, [tabindex]')].filter((e) => e.tabIndex >= 0 && !(e as HTMLButtonElement).disabled).length);
    expect(await rows(page).count()).toBeGreaterThan(2);
    expect(inTabOrder).toBe(4);
    await rows(page).nth(1).focus();
    for (const want of ['popup_open', 'edit', 'delete']) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => ({ row: document.activeElement?.closest('[data-csp-move="move-row"]')?.getAttribute('aria-posinset'), what: document.activeElement?.getAttribute('data-csp-move') ?? 'popup_open' }));
      expect(at).toEqual({ row: '2', what: want });
    }
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.list-spacer') === null)).toBe(true);
  });

  test('each row shows its whole next action: nothing cut, nothing spilling out of the row', async () => {
    await page.locator('[data-csp-move="view-moves"]').click();
    await rows(page).first().waitFor();
    const cut = await page.locator('[data-csp-move="move-row"]').evaluateAll((rs) =>
      rs.flatMap((r) => {
        const a = r.querySelector<HTMLElement>('.action')!;
        const row = r.getBoundingClientRect();
        const box = a.getBoundingClientRect();
        const bad = a.scrollWidth > a.clientWidth + 1 || a.scrollHeight > a.clientHeight + 1 || box.bottom > row.bottom + 0.5;
        return bad ? [`${r.getAttribute('aria-posinset')}: ${a.textContent}`] : [];
      }),
    );
    expect(await rows(page).count()).toBeGreaterThan(3);
    // Among them the long ones that used to be cut ("Remind the customer to accept the inv…").
    const longest = Math.max(...(await page.locator('[data-csp-move="move-row"] .action').allTextContents()).map((x) => x.length));
    expect(longest).toBeGreaterThan(60);
    expect(cut).toEqual([]);
  });
  test('add a move by hand: validated, then stored with its originals', async () => {
    await page.locator('[data-csp-move="view-moves"]').click();
    await page.locator('[data-csp-move="add-move"]').click();
    const dialog = page.locator('[data-csp-move="add-dialog"]');
    await dialog.waitFor();
    await dialog.getByLabel('Tenant ID (Microsoft ID)').fill('not a guid');
    await dialog.locator('[data-csp-move="add-save"]').click();
    expect(await dialog.locator('.error-text').allTextContents()).toEqual([
      expect.stringContaining('Not a tenant ID'),
      'Required.',
      'Required.',
      'Required.',
      'Required.',
    ]);
    expect(await dialog.getByLabel('Program').inputValue()).toBe('unknown');
    const id = 'e3a4b5c6-d7e8-4f90-8a1b-2c3d4e5f6a7b';
    await dialog.getByLabel('Tenant ID (Microsoft ID)').fill(`{${id.toUpperCase()}}`);
    await dialog.getByLabel('Company name').fill('Echo 回聲 Ltd');
    await dialog.getByLabel('Domain').fill('Echo.Example');
    await dialog.getByLabel('Program').selectOption('ea');
    await dialog.getByLabel('Offer').fill('Office 365 E3');
    await dialog.getByLabel('Seats').fill('12');
    await dialog.getByLabel('Expires on').fill('2031-07-01');
    await dialog.locator('[data-csp-move="add-save"]').click();
    await dialog.waitFor({ state: 'detached' });
    await row(page, id).waitFor();
    expect((await storedMoves()).get(id)).toMatchObject({
      companyName: 'Echo 回聲 Ltd',
      domain: 'echo.example',
      program: 'ea',
      // Added by hand: planned (the request is not sent yet), on the path suggested for an EA.
      step: 'planned',
      path: 'manual',
      originals: [{ offer: 'Office 365 E3', seats: 12, expiresOn: '2031-07-01', endBy: 'expire' }],
    });
    // Adding it again is refused before anything is sent.
    await page.locator('[data-csp-move="add-move"]').click();
    await dialog.getByLabel('Tenant ID (Microsoft ID)').fill(id);
    await dialog.locator('[data-csp-move="add-save"]').click();
    expect(await dialog.locator('.error-text').first().textContent()).toContain('already tracked');
    await page.keyboard.press('Escape');
    await row(page, id).locator('[data-csp-move="delete"]').click();
    await row(page, id).waitFor({ state: 'detached' });
  });

  test('the match badge judges offers by Microsoft\'s product table: a rename the offer catalogue does not list', async () => {
    const id = 'f4b5c6d7-e8f9-4a01-9b2c-3d4e5f6a7b8c';
    await send(page, 'moves/track', { customerId: id, companyName: 'Foxtrot Ltd' });
    await send(page, 'moves/originals', { customerId: id, originals: [{ offer: 'Project Online Premium', seats: 10, expiresOn: '2031-07-01', endBy: 'expire' }] });
    await send(page, 'moves/provisioned', { customerId: id, items: [{ offer: 'Planner and Project Plan 5', seats: 10, provisionedOn: '2031-06-20' }] });
    // The same product under its 2024 name: renamed, no licences to reassign; 8 seats would be short.
    await poll(() => row(page, id).locator('[data-match]').getAttribute('data-match')).toBe('renamed');
    await send(page, 'moves/provisioned', { customerId: id, items: [{ offer: 'Planner and Project Plan 5', seats: 8, provisionedOn: '2031-06-20' }] });
    await poll(() => row(page, id).locator('[data-seats="fewer"]').count()).toBe(1);
    expect(await row(page, id).locator('[data-match]').getAttribute('data-match')).toBe('renamed');
    await send(page, 'moves/delete', { customerId: id });
    await row(page, id).waitFor({ state: 'detached' });
  });

  test('settings: lead times are validated, then saved', async () => {
    await page.locator('[data-csp-move="view-settings"]').click();
    const lead = page.locator('[data-csp-move="settings-lead"]');
    await lead.waitFor();
    await lead.fill('60, 30, soon');
    await page.locator('[data-csp-move="settings-save"]').click();
    expect(await page.locator('#set-lead-err').textContent()).toBe('“soon” is not a whole number of days.');
    await lead.fill('7，60, 30 , 30');
    await page.getByLabel('Suggest a reminder to the customer after (days)').fill('10');
    await page.getByLabel('Show reminder notifications').uncheck();
    await page.locator('[data-csp-move="settings-save"]').click();
    await poll(async () => (await storage()).settings).toMatchObject({ leadDays: [60, 30, 7], nudgeAfterDays: 10, notificationsOn: false });
    expect(await lead.inputValue()).toBe('60, 30, 7');

    // Unsaved changes are not dropped silently when switching views: asked first.
    await lead.fill('45');
    await page.locator('[data-csp-move="view-moves"]').click();
    const ask = page.locator('[data-csp-move="unsaved-confirm"]');
    await ask.waitFor();
    expect(await ask.textContent()).toContain('not saved yet');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await lead.inputValue()).toBe('45');
    await page.locator('[data-csp-move="view-data"]').click();
    await ask.locator('[data-csp-move="confirm-yes"]').click();
    await page.locator('[data-csp-move="data-status"]').waitFor();
    expect((await storage()).settings).toMatchObject({ leadDays: [60, 30, 7] });
    // Back in settings: what is saved; and with nothing changed, leaving asks nothing.
    await page.locator('[data-csp-move="view-settings"]').click();
    await poll(() => lead.inputValue()).toBe('60, 30, 7');
    await page.locator('[data-csp-move="view-moves"]').click();
    await rows(page).first().waitFor();
    expect(await ask.count()).toBe(0);
  });

  test('open a customer in Partner Center, and the popup in a tab', async () => {
    // Answer Partner Center locally (nothing leaves the machine); the tab's address is what counts.
    await browser.context.route('https://partner.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Partner Center</title>' }));
    await page.locator('[data-csp-move="view-moves"]').click();
    const expected = `https://partner.microsoft.com/dashboard/v2/customers/${TAIWAN}/account`;
    const [pc] = await Promise.all([browser.context.waitForEvent('page'), row(page, TAIWAN).getByRole('link', { name: /Open .* in Partner Center/ }).click()]);
    // The extension holds no `tabs` permission, so ask the browser (CDP) which addresses its tabs show.
    const cdp = await browser.context.newCDPSession(page);
    const tabUrls = async () => ((await cdp.send('Target.getTargets')).targetInfos as Array<{ type: string; url: string }>).filter((x) => x.type === 'page').map((x) => x.url);
    await poll(tabUrls).toContain(expected);
    await cdp.detach();
    await pc.close();
    await browser.context.unroute('https://partner.microsoft.com/**');

    // From the toolbar popup (here a page without ?tab), "Open in a tab" opens the full-width page.
    const small = await openPopup();
    const [tab] = await Promise.all([browser.context.waitForEvent('page'), small.locator('[data-csp-move="open-tab"]').click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`${browser.popupUrl}?tab`);
    await tab.locator('[data-csp-move="move-row"]').first().waitFor();
    expect(await tab.evaluate(() => document.body.classList.contains('tab'))).toBe(true);
    expect(await tab.locator('[data-csp-move="open-tab"]').count()).toBe(0);
    await tab.close();
    await page.bringToFront();
  });
});

describe('10,000 moves', () => {
  const COUNT = 10_000;
  // Three moves whose originals end decades after any generated one: the list's last rows.
  const X_RAY = 'ffffffff-0000-4000-8000-000000000001';
  const YANKEE = 'ffffffff-0000-4000-8000-000000000002';
  const ZULU = 'ffffffff-0000-4000-8000-000000000003';
  const LAST = [
    { id: ZULU, name: 'Zulu Last Ltd', expiresOn: '2099-12-31' },
    { id: YANKEE, name: 'Yankee Ltd', expiresOn: '2099-12-30' },
    { id: X_RAY, name: 'X-ray Ltd', expiresOn: '2099-12-30' },
  ];

  test('10,000 moves render virtualised; scrolling to the bottom shows the last rows', { timeout: 180_000 }, async () => {
    const seeder = await openPopup();
    await reset(seeder);
    // Customers with an original each (a move with no expiry date ranks after every dated one, so
    // it would sit below the three "last" moves).
    const portfolio = generatePortfolio({ count: Math.ceil(COUNT * 1.5), seed: 7, today: new Date().toISOString().slice(0, 10) });
    const dated = portfolio.customers.filter((c) => c.originals.length > 0).slice(0, COUNT - LAST.length);
    expect(dated).toHaveLength(COUNT - LAST.length);
    const customers = [
      ...dated.map((c) => ({
        customerId: c.tenantId,
        companyName: c.companyName.slice(0, 500),
        domain: c.domain,
        originals: c.originals.map((o) => ({ offer: o.offer, ...(o.skuId ? { skuId: o.skuId } : {}), seats: o.seats, expiresOn: o.expiresOn, endBy: 'expire' as const })),
      })),
      ...LAST.map((l) => ({ customerId: l.id, companyName: l.name, domain: '', originals: [{ offer: 'Office 365 E3', seats: 1, expiresOn: l.expiresOn, endBy: 'expire' as const }] })),
    ].map((c, i) => ({ ...c, rows: [i + 2] }));
    expect(await send(seeder, 'moves/import', { customers })).toEqual({ created: COUNT, updated: 0, untouched: 0 });
    await seeder.close();

    // How fast the first rows paint is the benchmark's figure (npm run bench: popup first row at
    // 10,000 ÷ 1 move), not a timed assertion here: this checks that they paint, virtualised.
    const page = await openPopup();
    front = page;
    await poll(() => page.locator('[data-csp-move="count"]').textContent()).toBe("Showing 10,000 of 10,000 moves");
    expect(await page.evaluate(() => performance.getEntriesByName('csp-popup-first-render')[0]?.duration ?? -1)).toBeGreaterThan(0);

    expect(await rows(page).count()).toBeLessThan(100);
    expect(await rows(page).first().getAttribute('aria-setsize')).toBe(String(COUNT));

    await page.locator('.list-scroller').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await poll(() => page.locator(`[data-csp-move="move-row"][aria-posinset="${COUNT}"]`).count()).toBe(1);
    expect(await rows(page).count()).toBeLessThan(100);

    // The least urgent last, written out by hand: the latest expiry last, a tie on expiry by name.
    const order = await rowOrder(page);
    expect(order.slice(-LAST.length)).toEqual([X_RAY, YANKEE, ZULU]);

    // Searching 10,000 rows stays quick and narrows to the match.
    await page.locator('[data-csp-move="search"]').fill(ZULU);
    await poll(() => rowOrder(page)).toEqual([ZULU]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
