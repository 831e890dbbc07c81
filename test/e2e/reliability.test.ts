/**
 * What survives abuse, in the real browser: corrupted storage, a future schema, an update from the
 * previous schema, a browser restart with the same profile, the worker stopped during an import,
 * and the permissions the built manifest asks for.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { Move } from '../../src/core/model';
import { generatePortfolio } from '../fixtures/generate';
import { toImported } from '../fixtures/seed-moves';
import { DIST, currentWorker, launch, readStorage, type Launched } from './harness';

const A = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';
const B = '1e3f5a7b-9c2d-4e4f-8a6b-7c8d9e0f1a2b';
const profiles: string[] = [];
afterAll(() => profiles.forEach((p) => rmSync(p, { recursive: true, force: true })));

async function stopWorker(browser: Launched): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(browser.popupUrl);
  const cdp = await browser.context.newCDPSession(page);
  let stopped = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    if (e.versions.some((v) => v.runningStatus === 'stopped')) stopped = true;
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(() => stopped).toBe(true);
  await page.close();
}

async function send(browser: Launched, type: string, payload: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const page = await browser.openPopup();
  const r = await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  await page.close();
  return r;
}

test('the built manifest asks for exactly the reviewed permissions', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const allow = JSON.parse(readFileSync(resolve(import.meta.dirname, '../permissions.allowlist.json'), 'utf8')) as Record<string, unknown>;
  expect({
    permissions: [...((manifest.permissions as string[]) ?? [])].sort(),
    optional_permissions: (manifest.optional_permissions as string[]) ?? [],
    host_permissions: (manifest.host_permissions as string[]) ?? [],
    content_script_matches: (manifest.content_scripts as Array<{ matches: string[] }>).flatMap((c) => c.matches).sort(),
    web_accessible_resources: (manifest.web_accessible_resources as unknown[]) ?? [],
    externally_connectable: manifest.externally_connectable ?? null,
  }).toEqual(allow);
});

test('corrupted storage: clear message, raw data kept aside, the extension keeps working', async () => {
  const browser = await launch();
  expect((await send(browser, 'status/get', {})).ok).toBe(true);
  const w = await currentWorker(browser.context);
  await w.evaluate(
    ([a, b]) =>
      chrome.storage.local.set({
        [`move:${a}`]: '{"customerId": "truncated',
        [`move:${b}`]: { customerId: b, step: 7, originals: 'none' },
        settings: { leadDays: 'soon' },
      }),
    [A, B],
  );
  await stopWorker(browser);
  const status = await send(browser, 'status/get', {});
  expect(status.ok).toBe(true);
  const problems = (status.data as { problems: string[] }).problems.join('\n');
  expect(problems).toContain(`move:${A}`);
  expect(problems).toContain(`move:${B}`);
  expect(problems).toContain('settings');
  const all = await readStorage(browser.context);
  expect(all[`quarantine:move:${A}`]).toMatchObject({ raw: '{"customerId": "truncated' });
  expect(all[`quarantine:move:${B}`]).toMatchObject({ raw: { customerId: B, step: 7 } });
  expect(await (await currentWorker(browser.context)).evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
  // Still working: a new move can be tracked, and the popup says what happened.
  expect((await send(browser, 'moves/track', { customerId: A, companyName: 'Contoso' })).ok).toBe(true);
  const popup = await browser.openPopup();
  await expect.poll(() => popup.locator('[role="alert"]').first().textContent()).toMatch(/3/);
  await browser.close();
});

test('a future schema version: read-only, nothing overwritten, the popup says why', async () => {
  const browser = await launch();
  expect((await send(browser, 'status/get', {})).ok).toBe(true);
  const w = await currentWorker(browser.context);
  const future = { meta: { schemaVersion: 99 }, [`move:${A}`]: { customerId: A, shape: 'from the future' } };
  await w.evaluate((data) => chrome.storage.local.clear().then(() => chrome.storage.local.set(data)), future);
  await stopWorker(browser);
  const r = await send(browser, 'moves/track', { customerId: B, companyName: 'Fabrikam' });
  expect(r.error?.code).toBe('read-only');
  expect(await readStorage(browser.context)).toEqual(future);
  await browser.close();
});

test('updated from the previous schema, restarted with the same profile: nothing lost', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'csp-move-profile-'));
  // A copy of the build at a fixed path: an unpacked extension's id (and storage) follow its path.
  const installed = mkdtempSync(join(tmpdir(), 'csp-move-installed-'));
  profiles.push(profile, installed);
  cpSync(DIST, installed, { recursive: true });
  let browser = await launch({ userDataDir: profile, dist: installed });
  // Let this first start finish writing its own meta before we stand in for the previous version.
  expect((await send(browser, 'status/get', {})).ok).toBe(true);
  // What the previous schema (version 1) left in storage: no meta key, `expiry` instead of `expiresOn`.
  const v1 = {
    customerId: A,
    companyName: 'Contoso',
    step: 'accepted',
    originals: [{ offer: 'Office 365 E3', seats: 25, expiry: '2027-03-31' }],
    history: [{ at: '2026-06-01T08:00:00.000Z', kind: 'created', to: 'requested' }],
    createdAt: '2026-06-01T08:00:00.000Z',
    updatedAt: '2026-06-01T08:00:00.000Z',
  };
  const w = await currentWorker(browser.context);
  await w.evaluate((m) => chrome.storage.local.clear().then(() => chrome.storage.local.set({ [`move:${m.customerId}`]: m })), v1);
  await browser.close();

  // The update: same path, a newer version in the manifest. The browser restarts with the profile.
  const manifestPath = join(installed, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, version: `${manifest.version}.1` }));
  browser = await launch({ userDataDir: profile, dist: installed });
  await expect.poll(async () => ((await readStorage(browser.context)) as { meta?: { schemaVersion: number } }).meta?.schemaVersion, { timeout: 15_000 }).toBe(2);
  const migrated = (await readStorage(browser.context))[`move:${A}`] as Move;
  expect(migrated.originals[0]).toMatchObject({ offer: 'Office 365 E3', seats: 25, expiresOn: '2027-03-31' });
  expect(migrated.step).toBe('accepted');
  await browser.close();

  // Restarted again: the move is there and the reminder alarm is re-armed from it.
  browser = await launch({ userDataDir: profile, dist: installed });
  expect(((await readStorage(browser.context))[`move:${A}`] as Move).originals).toHaveLength(1);
  await expect.poll(async () => (await currentWorker(browser.context)).evaluate(() => chrome.alarms.get('reminders').then((a) => a?.scheduledTime ?? 0))).toBeGreaterThan(Date.now());
  await browser.close();
});

test('the worker stopped in the middle of an import: all of it or none of it', async () => {
  const browser = await launch();
  const customers = generatePortfolio({ count: 3000, hostile: false }).customers.map(toImported);
  const page = await browser.openPopup();
  const pending = page.evaluate(
    (c) =>
      Promise.race([
        chrome.runtime.sendMessage({ type: 'moves/import', payload: { customers: c } }).then((r) => r, (e) => ({ ok: false, error: String(e) })),
        // A worker stopped mid-request may never answer: the partner sees no confirmation and retries.
        new Promise((r) => setTimeout(() => r({ ok: false, error: 'no answer' }), 10_000)),
      ]),
    customers,
  );
  await new Promise((r) => setTimeout(r, 30));
  await stopWorker(browser);
  const reply = (await pending) as { ok: boolean };
  const stored = Object.keys(await readStorage(browser.context)).filter((k) => k.startsWith('move:')).length;
  // Either the import finished before the stop (and said so) or nothing of it was written.
  expect(reply.ok ? stored : 0).toBe(stored);
  expect([0, customers.length]).toContain(stored);
  // And it can simply be sent again.
  const again = (await page.evaluate((c) => chrome.runtime.sendMessage({ type: 'moves/import', payload: { customers: c } }), customers)) as { ok: boolean };
  expect(again.ok).toBe(true);
  expect(Object.keys(await readStorage(browser.context)).filter((k) => k.startsWith('move:'))).toHaveLength(customers.length);
  await browser.close();
});
