/**
 * What survives abuse, in the real browser: corrupted storage, a future schema, an update from the
 * previous schema, a browser restart with the same profile, the worker stopped during an import,
 * and the permissions the built manifest asks for.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Move } from '../../src/core/model';
import type { Page } from 'playwright-core';
import { SCHEMA_VERSION } from '../../src/core/schema';
import { generatePortfolio } from '../fixtures/generate';
import { v1Move } from '../fixtures/migrations/v1';
import { toImported } from '../fixtures/seed-moves';
import { DIST, clientOfBrowser, currentWorker, launch, readStorage, type Launched } from './harness';

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

test('the built manifest asks for exactly the reviewed permissions', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const allow = JSON.parse(readFileSync(resolve(import.meta.dirname, '../permissions.allowlist.json'), 'utf8')) as Record<string, unknown>;
  expect({
    permissions: [...((manifest.permissions as string[]) ?? [])].sort(),
    optional_permissions: (manifest.optional_permissions as string[]) ?? [],
    host_permissions: (manifest.host_permissions as string[]) ?? [],
    content_script_matches: (manifest.content_scripts as Array<{ matches: string[] }>).flatMap((c) => c.matches).sort(),
    // The content script's lazily loaded chunks (hashed names): scripts under assets/, for the portal only.
    web_accessible_resources: ((manifest.web_accessible_resources as Array<{ resources: string[] }>) ?? []).map((w) => ({
      ...w,
      resources: w.resources.every((r) => /^assets\/[\w.-]+\.js$/.test(r)) ? 'assets/*.js' : w.resources,
    })),
    externally_connectable: manifest.externally_connectable ?? null,
  }).toEqual(allow);
});

test('corrupted storage: clear message, raw data kept aside, the extension keeps working', async () => {
  const browser = await launch();
  const send = clientOfBrowser(browser);
  await send('status/get', {});
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
  const problems = (await send('status/get', {})).problems.join('\n');
  expect(problems).toContain(`move:${A}`);
  expect(problems).toContain(`move:${B}`);
  expect(problems).toContain('settings');
  const all = await readStorage(browser.context);
  expect(all[`quarantine:move:${A}`]).toMatchObject({ raw: '{"customerId": "truncated' });
  expect(all[`quarantine:move:${B}`]).toMatchObject({ raw: { customerId: B, step: 7 } });
  expect(await (await currentWorker(browser.context)).evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
  // Still working: a new move can be tracked, and the popup says what happened.
  await send('moves/track', { customerId: A, companyName: 'Contoso' });
  const popup = await browser.openPopup();
  await expect.poll(() => popup.locator('[role="alert"]').first().textContent()).toMatch(/3/);
  await browser.close();
});

test('a future schema version: read-only, nothing overwritten, the popup says why', async () => {
  const browser = await launch();
  const send = clientOfBrowser(browser);
  await send('status/get', {});
  const w = await currentWorker(browser.context);
  const future = { meta: { schemaVersion: 99 }, [`move:${A}`]: { customerId: A, shape: 'from the future' } };
  await w.evaluate((data) => chrome.storage.local.clear().then(() => chrome.storage.local.set(data)), future);
  await stopWorker(browser);
  await expect(send('moves/track', { customerId: B, companyName: 'Fabrikam' })).rejects.toMatchObject({ code: 'read-only' });
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
  await clientOfBrowser(browser)('status/get', {});
  // What the previous schema (version 1) left in storage: no meta key, `expiry` instead of `expiresOn`.
  const v1 = v1Move(A);
  const w = await currentWorker(browser.context);
  await w.evaluate((m) => chrome.storage.local.clear().then(() => chrome.storage.local.set({ [`move:${m.customerId}`]: m })), v1);
  await browser.close();

  // The update: same path, a newer version in the manifest. The browser restarts with the profile.
  const manifestPath = join(installed, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, version: `${manifest.version}.1` }));
  browser = await launch({ userDataDir: profile, dist: installed });
  await expect.poll(async () => ((await readStorage(browser.context)) as { meta?: { schemaVersion: number } }).meta?.schemaVersion, { timeout: 15_000 }).toBe(SCHEMA_VERSION);
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

/**
 * The worker stopped in the middle of an import, at a known point rather than after a guessed delay.
 * The test stands in for the worker's storage (in the worker itself, through the debugging protocol:
 * nothing of this is in the product) so that the import's first write to storage either never
 * happens or lands and then never returns. The worker is stopped there. Whatever the page was told,
 * storage must hold none of the import or all of it, and sending it again must complete it.
 */
describe('the worker stopped in the middle of an import: all of it or none of it', { timeout: 120_000 }, () => {
  const customers = generatePortfolio({ count: 1000, hostile: false }).customers.map(toImported);
  /** `storedAtReply`: the moves in storage when the success reply arrived, counted by the page at once. */
  type Reply = { kind: 'none' } | { kind: 'error'; error: string } | { kind: 'success'; storedAtReply: number };

  /** The import's first write of moves to storage: `before` never writes, `after` writes, then both never return. */
  async function holdFirstMoveWrite(browser: Launched, when: 'before' | 'after'): Promise<void> {
    const w = await currentWorker(browser.context);
    await w.evaluate((mode) => {
      const g = globalThis as unknown as { browser?: typeof chrome; __held?: number };
      const areas = new Set([chrome.storage.local, g.browser?.storage.local].filter((a) => a !== undefined));
      for (const area of areas) {
        const real = area.set.bind(area) as (items: Record<string, unknown>) => Promise<void>;
        (area as { set: unknown }).set = async (items: Record<string, unknown>) => {
          if (!Object.keys(items).some((k) => k.startsWith('move:'))) return real(items);
          if (mode === 'after') await real(items);
          g.__held = (g.__held ?? 0) + 1;
          return new Promise<void>(() => undefined);
        };
      }
    }, when);
  }

  /** Sends the import from an extension page and keeps what, if anything, came back. */
  async function startImport(browser: Launched): Promise<{ reply: () => Promise<Reply> }> {
    const page = await browser.openPopup();
    await page.evaluate((c) => {
      const w = window as unknown as { __reply: Reply };
      w.__reply = { kind: 'none' };
      chrome.runtime.sendMessage({ type: 'moves/import', payload: { customers: c } }).then(
        async (r: { ok?: boolean; error?: { message: string } } | undefined) => {
          if (r?.ok !== true) {
            w.__reply = { kind: 'error', error: r?.error?.message ?? 'empty reply' };
            return;
          }
          const keys = await chrome.storage.local.getKeys();
          w.__reply = { kind: 'success', storedAtReply: keys.filter((k) => k.startsWith('move:')).length };
        },
        (e: unknown) => {
          w.__reply = { kind: 'error', error: String(e) };
        },
      );
    }, customers);
    return { reply: () => page.evaluate(() => (window as unknown as { __reply: Reply }).__reply) };
  }

  /** How many moves storage holds, counted by key from an extension page that stays open (no worker involved). */
  const counters = new WeakMap<Launched, Page>();
  async function storedMoves(browser: Launched): Promise<number> {
    let page = counters.get(browser);
    if (!page) {
      page = await browser.context.newPage();
      await page.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
      counters.set(browser, page);
    }
    return page.evaluate(() => chrome.storage.local.getKeys().then((keys) => keys.filter((k) => k.startsWith('move:')).length));
  }

  async function sendAgainCompletes(browser: Launched): Promise<void> {
    await clientOfBrowser(browser)('moves/import', { customers });
    expect(await storedMoves(browser)).toBe(customers.length);
  }

  test('no reply: the worker never answers, storage holds none or all; stopped, it still does', async () => {
    const browser = await launch();
    try {
      // Held after the first write of moves: it landed, and the worker never gets to answer.
      await holdFirstMoveWrite(browser, 'after');
      const first = await startImport(browser);
      await expect.poll(() => currentWorker(browser.context).then((w) => w.evaluate(() => (globalThis as { __held?: number }).__held ?? 0)), { timeout: 20_000 }).toBe(1);
      expect((await first.reply()).kind).toBe('none');
      expect([0, customers.length]).toContain(await storedMoves(browser));
      await stopWorker(browser);
      expect([0, customers.length]).toContain(await storedMoves(browser));
      await sendAgainCompletes(browser);
    } finally {
      await browser.close();
    }
  });

  test('stopped before its first write returns and before anything was written: none of it', async () => {
    const browser = await launch();
    try {
      await holdFirstMoveWrite(browser, 'before');
      const first = await startImport(browser);
      await expect.poll(() => currentWorker(browser.context).then((w) => w.evaluate(() => (globalThis as { __held?: number }).__held ?? 0)), { timeout: 20_000 }).toBe(1);
      await stopWorker(browser);
      expect((await first.reply()).kind).not.toBe('success');
      expect(await storedMoves(browser)).toBe(0);
      await sendAgainCompletes(browser);
    } finally {
      await browser.close();
    }
  });

  test('error reply: stopped right after the first write is seen in storage, storage holds all', async () => {
    const browser = await launch();
    try {
      // Held after the write: the first write of moves is seen in storage, then the worker is stopped.
      await holdFirstMoveWrite(browser, 'after');
      const first = await startImport(browser);
      await expect.poll(() => storedMoves(browser), { timeout: 20_000 }).toBeGreaterThan(0);
      expect((await first.reply()).kind).toBe('none');
      await stopWorker(browser);
      // The page learns the worker went away (the message channel closed): an error, never a success.
      await expect.poll(async () => (await first.reply()).kind, { timeout: 10_000 }).toBe('error');
      // One write is all of it: never some.
      expect(await storedMoves(browser)).toBe(customers.length);
      await sendAgainCompletes(browser);
    } finally {
      await browser.close();
    }
  });

  test('success reply: everything is in storage when the page is told so, and still after a stop', async () => {
    const browser = await launch();
    try {
      const first = await startImport(browser);
      await expect.poll(async () => (await first.reply()).kind, { timeout: 20_000 }).toBe('success');
      // Told "imported" only once all of it is in storage.
      expect(await first.reply()).toEqual({ kind: 'success', storedAtReply: customers.length });
      expect(await storedMoves(browser)).toBe(customers.length);
      await stopWorker(browser);
      expect(await storedMoves(browser)).toBe(customers.length);
      await sendAgainCompletes(browser);
    } finally {
      await browser.close();
    }
  });
});
