/**
 * The popup's CSV imports as a partner uses them, in Chromium with the built extension, in the
 * Asia/Taipei time zone with an en-US browser: a multi-customer Microsoft Graph export, a
 * single-tenant one that asks whose it is, Partner Center's customer list, and the progress export
 * read back.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Move } from '../../src/core/model';
import { BACKUP_FORMAT, DEFAULT_SETTINGS, SCHEMA_VERSION } from '../../src/core/schema';
import type { Send } from '../../src/shared/client';
import { clientOf, launch, readStorage, type Launched } from './harness';

const CSV_DIR = resolve(import.meta.dirname, '../fixtures/csv');
const NORTHWIND = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const TWCLOUD = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a';
const FABRIKAM = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const CONTOSO = '2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87';
const TAILSPIN = '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c';
const WINGTIP = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
/** A new move starts planned (#13). */
const FIRST_STEP = 'planned';

let browser: Launched;
let page: Page;
const pageErrors: string[] = [];

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 15_000 });
}

const send: Send = (type, payload) => clientOf(page)(type, payload);

async function reset(): Promise<void> {
  const empty = { format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: new Date().toISOString(), settings: DEFAULT_SETTINGS, moves: [] };
  await send('backup/restore', { json: JSON.stringify(empty) });
}

async function storedMoves(): Promise<Map<string, Move>> {
  const all = await readStorage(browser.context);
  await page.bringToFront();
  const moves = new Map<string, Move>();
  for (const [k, v] of Object.entries(all)) if (k.startsWith('move:')) moves.set(k.slice(5), v as Move);
  return moves;
}

function originals(move: Move | undefined): string[] {
  return (move?.originals ?? []).map((o) => `${o.offer}×${o.seats}@${o.expiresOn}`);
}

async function importFile(name: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.locator('[data-csp-move="view-import"]').click();
  await page.locator('[data-csp-move="import-csv"]').setInputFiles(typeof name === 'string' ? resolve(CSV_DIR, name) : name);
  await page.locator('[data-csp-move="import-preview"]').waitFor();
}

async function confirmImport(expected: RegExp): Promise<void> {
  const confirm = page.locator('[data-csp-move="import-confirm"]');
  await poll(() => confirm.isEnabled()).toBe(true);
  expect(await confirm.isVisible()).toBe(true);
  await confirm.click();
  await poll(() => page.locator('[data-csp-move="import-result"]').textContent()).toMatch(expected);
}

beforeAll(async () => {
  browser = await launch({ timezoneId: 'Asia/Taipei' });
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(browser.popupUrl);
  await page.locator('[data-csp-move="count"]').filter({ hasText: /\d/ }).waitFor();
  await reset();
});

afterAll(async () => {
  if (!browser) return;
  expect(pageErrors).toEqual([]);
  expect(browser.egress).toEqual([]);
  await browser.close();
});

describe('imports', () => {
  test('dates are read month first by default in an en-US browser, and the preview says so', async () => {
    await page.locator('[data-csp-move="view-import"]').click();
    expect(await page.locator('[data-csp-move="date-order-mdy"]').isChecked()).toBe(true);
    expect(await page.locator('[data-csp-move="date-order-assumed"]').textContent()).toContain('en-US');
  });

  test('a multi-customer Graph export imports the right originals; already-CSP, trial, dateless and deleted lines are skipped', async () => {
    await importFile('graph-snippet-ps7.csv');
    const preview = page.locator('[data-csp-move="import-preview"]');
    expect(await preview.getAttribute('data-format')).toBe('graph');
    expect(await page.locator('[data-csp-move="import-errors"]').count()).toBe(0);
    const customers = page.locator('[data-csp-move="import-customer"]');
    await poll(() => customers.count()).toBe(3);
    const northwind = customers.filter({ has: page.locator(`[data-row="2"]`) });
    expect(await northwind.getAttribute('data-customer-id')).toBe(NORTHWIND);
    // The already-CSP line is shown and skipped.
    const csp = northwind.locator('tr[data-row="4"]');
    expect(await csp.getAttribute('data-skip')).toBe('csp');
    expect(await csp.textContent()).toContain('Already CSP');
    // The Warning line: users lose access on 20 Jan (08:00 UTC is 16:00 in Taipei). The file names
    // no program, and none was chosen: the rule is unknown, so no end date is guessed before it.
    const warning = northwind.locator('tr[data-row="3"]');
    expect(await page.locator('#import-program').inputValue()).toBe('unknown');
    expect(await warning.locator('td[data-date]').getAttribute('data-date')).toBe('2027-01-20');
    // Said to be Open: its end date is 30 days before users lose access.
    await page.locator('#import-program').selectOption('open');
    await poll(() => warning.locator('td[data-date]').getAttribute('data-date')).toBe('2026-12-21');
    expect(await warning.textContent()).toMatch(/2027-01-20 08:00 UTC is that day in Asia\/Taipei.*users lose access on Jan 20, 2027, so the end date is 30 days before/);
    expect(await northwind.locator('[data-csp-move="import-customer-counts"]').textContent()).toContain('Originals: 2 · already CSP, skipped: 1');
    // Business Standard ends 16:00 UTC on 30 June: 1 July in Taipei.
    expect(await page.locator(`[data-customer-id="${TWCLOUD}"] tr[data-row="5"] td[data-date]`).getAttribute('data-date')).toBe('2027-07-01');
    expect(await page.locator(`[data-customer-id="${TWCLOUD}"] tr[data-row="6"]`).getAttribute('data-skip')).toBe('trial');
    expect(await page.locator(`[data-customer-id="${FABRIKAM}"] tr[data-row="8"]`).getAttribute('data-skip')).toBe('no-date');
    expect(await page.locator(`[data-customer-id="${FABRIKAM}"] tr[data-row="9"]`).getAttribute('data-skip')).toBe('inactive');
    expect((await storedMoves()).size).toBe(0);

    await confirmImport(/3 created, 0 updated/);
    const moves = await storedMoves();
    expect(originals(moves.get(NORTHWIND))).toEqual(['Office 365 E3×120@2027-04-30', 'Exchange Online (Plan 1)×15@2026-12-21']);
    expect(originals(moves.get(TWCLOUD))).toEqual(['Microsoft 365 Business Standard×45@2027-07-01']);
    expect(originals(moves.get(FABRIKAM))).toEqual(['Office 365 E5×8@2027-02-28']);
    expect(moves.get(TWCLOUD)?.companyName).toBe('台灣測試雲端股份有限公司');
    // The program chosen for the file's new customers is stored: the dates above counted on it.
    expect([...moves.values()].map((m) => m.program)).toEqual(['open', 'open', 'open']);

    await page.locator('[data-csp-move="import-show-moves"]').click();
    await poll(() => page.locator('[data-csp-move="move-row"]').count()).toBe(3);
  });

  test('a single-tenant Graph export asks whose it is; a Warning line ends 30 days before users lose access', async () => {
    await importFile('graph-ps51-en-us.csv');
    // An Open customer: users keep access 30 days after the end date.
    await page.locator('#import-program').selectOption('open');
    expect(await page.locator('[data-csp-move="import-format"]').textContent()).toContain('Windows PowerShell type line (Microsoft.Graph.PowerShell.Models.MicrosoftGraphCompanySubscription) was skipped');
    const pick = page.locator('[data-csp-move="import-customer-pick"]');
    await pick.waitFor();
    expect(await page.locator('[data-csp-move="import-confirm"]').isDisabled()).toBe(true);
    // The lines are shown while the partner decides.
    expect(await page.locator('[data-csp-move="import-preview"] tr[data-row="7"]').getAttribute('data-skip')).toBe('csp');
    // A tracked customer is offered in the picker.
    expect(await page.locator('[data-csp-move="import-pick-tracked"] option').allTextContents()).toContain(`Northwind Traders (${NORTHWIND})`);
    await page.locator('[data-csp-move="import-pick-tenant"]').fill('not a guid');
    await page.locator('[data-csp-move="import-pick-use"]').click();
    await pick.getByRole('alert').waitFor();
    await page.locator('[data-csp-move="import-pick-tenant"]').fill(CONTOSO.toUpperCase());
    await page.locator('[data-csp-move="import-pick-name"]').fill('Contoso');
    await page.locator('[data-csp-move="import-pick-use"]').click();
    await page.locator(`[data-csp-move="import-customer"][data-customer-id="${CONTOSO}"]`).waitFor();
    expect(await page.locator(`[data-customer-id="${CONTOSO}"] tr[data-row="9"]`).textContent()).toContain('Suspended: listed, not imported');
    // VISIOCLIENT is not in the offer catalogue: Microsoft's product table names it by its GUID.
    expect(await page.locator(`[data-customer-id="${CONTOSO}"] tr[data-row="6"]`).getAttribute('data-product')).toBe('id');
    await confirmImport(/1 created, 0 updated/);
    const contoso = (await storedMoves()).get(CONTOSO);
    expect(contoso?.companyName).toBe('Contoso');
    expect(originals(contoso)).toEqual(['Office 365 E3×250@2027-03-31', 'Exchange Online (Plan 1)×40@2026-12-16', 'Visio Plan 2×5@2027-06-30']);
  });

  test("Partner Center's customer export creates planned moves and leaves tracked customers untouched", async () => {
    const before = (await storedMoves()).get(NORTHWIND);
    await importFile('pc-customers-en.csv');
    expect(await page.locator('[data-csp-move="import-preview"]').getAttribute('data-format')).toBe('pc-customers');
    expect(await page.locator(`[data-csp-move="import-customer"][data-customer-id="${NORTHWIND}"]`).getAttribute('data-state')).toBe('untouched');
    expect(await page.locator(`[data-csp-move="import-customer"][data-customer-id="${NORTHWIND}"]`).textContent()).toContain('Already tracked: untouched');
    expect(await page.locator(`[data-csp-move="import-customer"][data-customer-id="${TAILSPIN}"]`).getAttribute('data-state')).toBe('new');
    await confirmImport(/2 created, 0 updated, 1 left untouched/);
    const moves = await storedMoves();
    expect(moves.get(NORTHWIND)).toEqual(before);
    expect(moves.get(TAILSPIN)).toMatchObject({ companyName: 'Tailspin Toys', domain: 'tailspintoys.com', step: FIRST_STEP, originals: [] });
    expect(moves.get(WINGTIP)).toMatchObject({ companyName: 'Wingtip, Ltd.', step: FIRST_STEP });
  });

  test('a bad Graph line is named by row and column, and nothing can be imported', async () => {
    const text = '"CustomerTenantId","SkuPartNumber","TotalLicenses","Status","NextLifecycleDateTime"\r\n' + `"${CONTOSO}","ENTERPRISEPACK","lots","Enabled","2027-05-01T00:00:00Z"\r\n`;
    await importFile({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    const errors = page.locator('[data-csp-move="import-errors"] li');
    await poll(() => errors.count()).toBe(1);
    expect(await errors.first().getAttribute('data-row')).toBe('2');
    expect(await errors.first().getAttribute('data-column')).toBe('TotalLicenses');
    expect(await page.locator('[data-csp-move="import-confirm"]').isDisabled()).toBe(true);
  });

  test('the CSV export reports progress and round-trips step and step days', async () => {
    await send('moves/step', { customerId: NORTHWIND, to: 'requested' });
    const moved = (await storedMoves()).get(NORTHWIND)!;
    await page.locator('[data-csp-move="view-data"]').click();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csp-move="export-csv"]').click()]);
    const text = readFileSync(await dl.path(), 'utf8');
    const header = text.replace(/^\uFEFF/, '').split('\r\n')[0]!;
    expect(header).toMatch(/^customer_id,company_name,domain,program,path,step,.*_on,next_action,due_on,offer,sku_id,seats,expires_on,provisioned,match,notes$/);
    // One row per original (Contoso 3, Northwind 2, Taiwan 1, Fabrikam 1), one per move without (Tailspin, Wingtip).
    expect(text.trim().split('\r\n')).toHaveLength(1 + 3 + 2 + 1 + 1 + 2);

    await reset();
    await importFile({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
    await confirmImport(/6 created, 0 updated/);
    const back = (await storedMoves()).get(NORTHWIND)!;
    expect(back.step).toBe(moved.step);
    expect(back.stepDates).toEqual(moved.stepDates);
    expect(back.originals.map(({ id: _id, ...o }) => o)).toEqual(moved.originals.map(({ id: _id, ...o }) => o));
  });
});
