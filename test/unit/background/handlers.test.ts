/**
 * Background handlers and the store, against @webext-core/fake-browser's in-memory storage.
 * APIs the fake does not implement (action, notifications, i18n) are stubbed per test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { dispatch, type Context } from '../../../src/background/handlers';
import { MoveStore, QUARANTINE_PREFIX } from '../../../src/background/store';
import type { Move } from '../../../src/core/model';
import { SCHEMA_VERSION } from '../../../src/core/schema';
import { loadSkuTable, type SkuData } from '../../../src/core/sku-table';
import { addDays } from '../../../src/core/dates';
import { rankMoves } from '../../../src/core/urgency';
import { moveFacts } from '../../../src/core/move-facts';
import { rowFacts } from '../../../src/shared/row-facts';
import { v1Move } from '../../fixtures/migrations/v1';
import { createClient, ProtocolError, type Envelope } from '../../../src/shared/client';
import type { MessageType, RequestOf, ResponseOf } from '../../../src/shared/protocol';

const A = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';
const B = '1e3f5a7b-9c2d-4e4f-8a6b-7c8d9e0f1a2b';
const NOW = new Date(2026, 10, 25, 10, 0, 0);

let store: MoveStore;
let changed: Array<string[] | 'all'>;
let ctx: Context;

function makeCtx(s: MoveStore): Context {
  return { store: s, now: () => NOW, changed: (ids) => changed.push(ids), watchTab: () => undefined };
}

/** The shared typed client, carried by the background's own dispatch. */
const ok = createClient((message) => dispatch(message, ctx, {}));

/** The reply as an envelope, to look at a refusal's code and issues. */
async function call<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<Envelope<ResponseOf<K>>> {
  try {
    return { ok: true, data: await ok(type, payload) };
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    return { ok: false, error: { code: err.code, message: err.message, ...(err.issues.length ? { issues: err.issues } : {}) } };
  }
}

async function stored(): Promise<Record<string, unknown>> {
  return (await fakeBrowser.storage.local.get(null)) as Record<string, unknown>;
}

beforeEach(async () => {
  fakeBrowser.reset();
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'x', version: '9.9.9' });
  changed = [];
  store = new MoveStore();
  ctx = makeCtx(store);
  await store.ready;
});

describe('validation', () => {
  test('unknown message type', async () => {
    const r = await dispatch({ type: 'nope', payload: {} }, ctx, {});
    expect(r).toEqual({ ok: false, error: { code: 'unknown-message', message: 'Unknown message type.' } });
  });

  test('names the field and why', async () => {
    const r = await call('moves/track', { customerId: 'abc', companyName: 'X' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bad-request');
    expect(r.error.issues).toEqual(["customerId: must be a GUID (the customer's Microsoft ID)"]);
    expect(await stored()).not.toHaveProperty(`move:abc`);
  });

  test('bad originals are refused whole, with each problem', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    const r = await call('moves/originals', {
      customerId: A,
      originals: [
        { offer: 'Office 365 E3', seats: -1, expiresOn: '2027-02-30', endBy: 'expire' },
        { offer: '', seats: 3, expiresOn: '2027-01-01', endBy: 'expire' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues).toEqual([
      'originals.0.seats: must not be negative',
      'originals.0.expiresOn: must be a calendar date YYYY-MM-DD',
      'originals.1.offer: must not be empty',
    ]);
    expect(store.get(A)?.originals).toEqual([]);
  });

  test('upper-case tenant ids are the same customer', async () => {
    await ok('moves/track', { customerId: A.toUpperCase(), companyName: 'Contoso' });
    expect((await ok('moves/get', { customerId: A })).move?.customerId).toBe(A);
  });
});

describe("moves/get: the overlay's view, computed in the background", () => {
  test('the next action, steps, earliest end date and step neighbours of the move as stored now', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso', program: 'direct' });
    await ok('moves/step', { customerId: A, to: 'requested' });
    await ok('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2026-12-20', endBy: 'expire' }, { offer: 'Visio Plan 2', seats: 2, expiresOn: '2026-12-10', endBy: 'expire' }] });
    const { move, view } = await ok('moves/get', { customerId: A });
    expect(view?.updatedAt).toBe(move?.updatedAt);
    expect(view?.earliest).toBe('2026-12-10');
    expect(view?.next).toBe('accepted');
    expect(view?.prev).toBe('planned');
    expect(view?.action.kind).toBe('wait-for-acceptance');
    expect(view?.facts.steps.find((s) => s.state === 'current')?.id).toBe('requested');
    // A step later, the view follows the stored move (never the content script's copy).
    await ok('moves/step', { customerId: A, to: 'accepted' });
    const after = await ok('moves/get', { customerId: A });
    expect(after.view?.prev).toBe('requested');
    expect(after.view?.action.kind).toBe('provision');
  });

  test('no move, no view', async () => {
    expect((await ok('moves/get', { customerId: B })).view).toBeNull();
  });
});

describe('moves', () => {
  test('track, step forward, refuse a silent skip, go back, all recorded', async () => {
    const m = await ok('moves/track', { customerId: A, companyName: 'Contoso', domain: 'contoso.com' });
    expect(m.step).toBe('planned');
    expect(m.path).toBe('manual');
    // Never chosen: unknown, not a guessed program (#20).
    expect(m.program).toBe('unknown');
    expect(changed).toEqual([[A]]);
    await ok('moves/step', { customerId: A, to: 'requested' });
    const skip = await call('moves/step', { customerId: A, to: 'provisioned' });
    expect(skip.ok ? '' : skip.error.code).toBe('skip-needs-confirmation');
    const back = await ok('moves/step', { customerId: A, to: 'planned' });
    expect(back.history.map((h) => [h.kind, h.from, h.to])).toEqual([
      ['created', undefined, 'planned'],
      ['step', 'planned', 'requested'],
      ['step', 'requested', 'planned'],
    ]);
    const saved = (await stored())[`move:${A}`] as Move;
    expect(saved.step).toBe('planned');
    expect(saved.history).toHaveLength(3);
  });

  test('a step of another path is refused; the path can be changed, keeping the phase', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso', program: 'ea' });
    const wrong = await call('moves/step', { customerId: A, to: 'transfer-requested' });
    expect(wrong.ok ? '' : wrong.error.code).toBe('not-on-path');
    await ok('moves/step', { customerId: A, to: 'requested' });
    await ok('moves/step', { customerId: A, to: 'accepted' });
    await ok('moves/step', { customerId: A, to: 'provisioned' });
    const ea = await ok('moves/path', { customerId: A, path: 'ea-channel-transfer' });
    expect([ea.path, ea.step]).toEqual(['ea-channel-transfer', 'csp-scheduled']);
    expect(ea.history.at(-1)).toMatchObject({ kind: 'path', from: 'provisioned', to: 'csp-scheduled' });
  });

  test('closing with fewer seats is refused until overridden, and the override is recorded', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso', step: 'provisioned' });
    await ok('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 100, expiresOn: '2026-01-01', endBy: 'expire' }] });
    await ok('moves/provisioned', { customerId: A, items: [{ offer: 'Office 365 E3', seats: 10, provisionedOn: '2025-12-20' }] });
    await ok('moves/step', { customerId: A, to: 'originals-ended' });
    const refused = await call('moves/step', { customerId: A, to: 'done' });
    expect(refused.ok ? '' : refused.error.code).toBe('seats-fewer');
    const done = await ok('moves/step', { customerId: A, to: 'done', override: true });
    expect(done.history.at(-2)).toMatchObject({ kind: 'override', guard: 'seats-fewer', seats: { provisioned: 10, needed: 100 } });
  });

  test('tracking twice keeps the existing move', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    await ok('moves/step', { customerId: A, to: 'requested' });
    const again = await ok('moves/track', { customerId: A, companyName: 'Other name' });
    expect(again.step).toBe('requested');
    expect(again.companyName).toBe('Contoso');
  });

  test('a change to an untracked customer is a not-found error', async () => {
    const r = await call('moves/step', { customerId: B, to: 'accepted' });
    expect(r.ok ? '' : r.error).toMatchObject({ code: 'not-found' });
  });

  test('20 concurrent changes to one move all land', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    // Each appends its own purchase: a lost read-modify-write would lose a line.
    await Promise.all(Array.from({ length: 20 }, (_, i) => ok('moves/provisioned', { customerId: A, items: [{ offer: 'Office 365 E3', seats: i + 1, provisionedOn: '2026-11-25' }], append: true })));
    await Promise.all(Array.from({ length: 20 }, (_, i) => ok('moves/update', { customerId: A, notes: `note ${i}` })));
    const saved = (await stored())[`move:${A}`] as Move;
    expect(saved.provisioned.map((p) => p.seats)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(saved.notes).toBe('note 19');
  });

  test('delete returns the move, put brings it back (undo)', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    const { deleted } = await ok('moves/delete', { customerId: A });
    expect(await stored()).not.toHaveProperty(`move:${A}`);
    await ok('moves/put', { move: deleted });
    expect((await stored())[`move:${A}`]).toEqual(deleted);
  });

  test('put refuses a move that does not match the schema', async () => {
    const r = await call('moves/put', { move: { customerId: A } as unknown as Move });
    expect(r.ok).toBe(false);
  });

  test('mark requested for several customers; a planned one moves on, a later one keeps its step', async () => {
    const C = A.replace(/.$/, '9');
    await ok('moves/track', { customerId: A, companyName: 'Contoso', step: 'accepted' });
    await ok('moves/track', { customerId: C, companyName: 'Planned Ltd' });
    const customers = [{ customerId: A, companyName: 'Contoso' }, { customerId: B, companyName: 'Fabrikam' }, { customerId: C, companyName: 'Planned Ltd' }];
    const { moves } = await ok('moves/requested', { customers });
    expect(moves.map((m) => [m.customerId, m.step])).toEqual([
      [A, 'accepted'],
      [B, 'requested'],
      [C, 'requested'],
    ]);
  });

  test('lookup returns only tracked customers and ignores junk ids', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    const r = await ok('moves/lookup', { customerIds: [A.toUpperCase(), B, 'row-he-row-0'] });
    expect(r.moves.map((m) => m.customerId)).toEqual([A]);
    expect(r.today).toBe('2026-11-25');
  });

  test('search (the request picker): by name, domain or id, planned first, limited; an empty query is refused', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso Ltd', domain: 'contoso.example', step: 'requested' });
    await ok('moves/track', { customerId: B, companyName: 'Contoso Pharma', domain: 'pharma.example', step: 'planned' });
    expect((await ok('moves/search', { query: ' CONTOSO ' })).moves.map((m) => m.customerId)).toEqual([B, A]);
    expect((await ok('moves/search', { query: 'pharma.example' })).moves.map((m) => m.customerId)).toEqual([B]);
    expect((await ok('moves/search', { query: A.slice(0, 13) })).moves.map((m) => m.customerId)).toEqual([A]);
    expect((await ok('moves/search', { query: 'contoso', limit: 1 })).moves).toHaveLength(1);
    expect((await ok('moves/search', { query: 'fabrikam' })).moves).toEqual([]);
    expect(((await dispatch({ type: 'moves/search', payload: { query: '  ' } }, ctx, {})) as { ok: boolean }).ok).toBe(false);
  });
});

describe('import', () => {
  const customer = (id: string, offer: string) => ({
    customerId: id,
    companyName: '台灣積體科技',
    domain: 'tw.example',
    originals: [{ offer, seats: 10, expiresOn: '2027-03-31', endBy: 'expire' as const }],
    rows: [2],
  });

  test('creates and updates; re-importing the same rows writes nothing', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    expect(await ok('moves/import', { customers: [customer(A, 'Office 365 E3'), customer(B, 'Office 365 E1')] })).toEqual({ created: 1, updated: 1, untouched: 0 });
    const before = await stored();
    expect(await ok('moves/import', { customers: [customer(A, 'Office 365 E3'), customer(B, 'Office 365 E1')] })).toEqual({ created: 0, updated: 0, untouched: 0 });
    expect(await stored()).toEqual(before);
  });

  test('createOnly (Partner Center\'s customer list): new customers become moves, tracked ones stay untouched', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    const before = (await stored())[`move:${A}`];
    const list = [
      { customerId: A, companyName: 'Contoso renamed', domain: 'c.example', originals: [], rows: [2] },
      { customerId: B, companyName: 'Fabrikam', domain: 'f.example', originals: [], rows: [3] },
    ];
    expect(await ok('moves/import', { customers: list, createOnly: true })).toEqual({ created: 1, updated: 0, untouched: 1 });
    expect((await stored())[`move:${A}`]).toEqual(before);
    const fabrikam = await ok('moves/get', { customerId: B });
    expect(fabrikam.move).toMatchObject({ companyName: 'Fabrikam', domain: 'f.example', originals: [] });
  });

  test('a move from the export comes back at its step with its step days', async () => {
    const c = { ...customer(B, 'Office 365 E1'), step: 'accepted' as const, stepDates: { requested: '2026-01-05', accepted: '2026-01-20' } };
    expect(await ok('moves/import', { customers: [c] })).toEqual({ created: 1, updated: 0, untouched: 0 });
    const { move } = await ok('moves/get', { customerId: B });
    expect(move).toMatchObject({ step: 'accepted', stepDates: { requested: '2026-01-05', accepted: '2026-01-20' } });
    const bad = await call('moves/import', { customers: [{ ...c, stepDates: { requested: '2026-02-30' } }] });
    expect(bad.ok).toBe(false);
  });

  test('one bad customer: nothing at all is written', async () => {
    const bad = { ...customer(B, 'Office 365 E1'), originals: [{ offer: 'X', seats: 1.5, expiresOn: '2027-01-01', endBy: 'expire' as const }] };
    const r = await call('moves/import', { customers: [customer(A, 'Office 365 E3'), bad] });
    expect(r.ok).toBe(false);
    expect(Object.keys(await stored()).filter((k) => k.startsWith('move:'))).toEqual([]);
  });
});

describe('settings and backup', () => {
  test('settings merge and validate', async () => {
    const s = await ok('settings/set', { leadDays: [7, 30, 60], notificationsOn: false });
    expect(s.leadDays).toEqual([60, 30, 7]);
    expect(s.notificationsOn).toBe(false);
    const bad = await call('settings/set', { leadDays: [-1] });
    expect(bad.ok).toBe(false);
  });

  test('backup and restore round trip, and a bad backup changes nothing', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    const { json } = await ok('backup/export', {});
    await ok('moves/track', { customerId: B, companyName: 'Fabrikam' });
    const bad = await call('backup/restore', { json: json.slice(0, 40) });
    expect(bad.ok).toBe(false);
    expect(store.size).toBe(2);
    expect(await ok('backup/restore', { json })).toEqual({ moves: 1 });
    expect(Object.keys(await stored()).filter((k) => k.startsWith('move:'))).toEqual([`move:${A}`]);
    expect(changed.at(-1)).toBe('all');
  });
});

describe('stored data that cannot be read', () => {
  test('corrupt entries are kept aside, reported, and the rest works', async () => {
    fakeBrowser.reset();
    fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'x', version: '9.9.9' });
    const good = (await (async () => {
      const s = new MoveStore();
      await s.ready;
      return s.update(A, () => ({ ...(JSON.parse(JSON.stringify(baseMove(A))) as Move) }));
    })()) as Move;
    await fakeBrowser.storage.local.set({ [`move:${B}`]: { customerId: B, step: 42 }, settings: 'garbage' });
    store = new MoveStore();
    ctx = makeCtx(store);
    await store.ready;
    const all = await stored();
    expect(all[`${QUARANTINE_PREFIX}move:${B}`]).toMatchObject({ raw: { customerId: B, step: 42 } });
    expect(all).not.toHaveProperty(`move:${B}`);
    expect(all[`move:${A}`]).toEqual(good);
    const status = await ok('status/get', {});
    expect(status.problems.join('\n')).toMatch(new RegExp(`move:${B}`));
    expect(status.readOnly).toBe(false);
    await ok('moves/track', { customerId: B, companyName: 'Fabrikam' });
  });

  test('data from a newer schema is read-only: nothing is overwritten', async () => {
    await fakeBrowser.storage.local.set({ meta: { schemaVersion: SCHEMA_VERSION + 1 }, [`move:${A}`]: { future: true } });
    store = new MoveStore();
    ctx = makeCtx(store);
    await store.ready;
    const r = await call('moves/track', { customerId: B, companyName: 'Fabrikam' });
    expect(r.ok ? '' : r.error.code).toBe('read-only');
    expect(await stored()).toEqual({ meta: { schemaVersion: SCHEMA_VERSION + 1 }, [`move:${A}`]: { future: true } });
    const status = await ok('status/get', {});
    expect(status.readOnly).toBe(true);
    expect(status.problems[0]).toMatch(/newer than this extension/);
  });

  test('a version-1 move is migrated and written back with meta', async () => {
    // Version 1 wrote no meta key.
    await fakeBrowser.storage.local.clear();
    await fakeBrowser.storage.local.set({
      [`move:${A}`]: v1Move(A),
    });
    store = new MoveStore();
    await store.ready;
    const all = await stored();
    expect(all.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
    expect((all[`move:${A}`] as Move).originals[0]).toMatchObject({ offer: 'Office 365 E3', seats: 25, expiresOn: '2027-03-31' });
  });
});

function baseMove(id: string): Move {
  return {
    customerId: id,
    companyName: 'Contoso',
    domain: 'contoso.com',
    program: 'open',
    path: 'manual',
    step: 'requested',
    stepDates: { requested: '2026-11-25' },
    originals: [],
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [{ at: NOW.toISOString(), on: '2026-11-25', kind: 'created', to: 'requested' }],
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  };
}

vi.setConfig({ testTimeout: 10_000 });

describe('list', () => {
  test('with `first`: the most urgent moves, ranked, and the total', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Later' });
    await ok('moves/track', { customerId: B, companyName: 'Sooner' });
    // B's original expires in 3 days: it ranks first.
    await ok('moves/originals', { customerId: B, originals: [{ offer: 'Office 365 E3', seats: 1, expiresOn: '2026-11-28', endBy: 'expire' }] });
    const head = await ok('moves/list', { first: 1 });
    expect(head.total).toBe(2);
    expect(head.moves.map((m) => m.customerId)).toEqual([B]);
    const all = await ok('moves/list', {});
    expect(all.moves).toHaveLength(2);
    expect((await call('moves/list', { first: 0 })).ok).toBe(false);
    expect((await call('moves/list', { first: 1, offset: -1 })).ok).toBe(false);
  });

  test('with `first` and `offset`: pages in the full list\'s order, each move with the row facts the popup would state', async () => {
    const ids = ['2', '3', '4', '5', '6'].map((d) => `${d}e3f5a7b-9c2d-4e4f-8a6b-7c8d9e0f1a2b`);
    for (const [i, id] of ids.entries()) {
      await ok('moves/track', { customerId: id, companyName: `Customer ${i}` });
      await ok('moves/originals', { customerId: id, originals: [{ offer: 'Office 365 E3', seats: 1, expiresOn: addDays('2026-11-25', 40 - i * 9), endBy: 'expire' }] });
    }
    await ok('moves/provisioned', { customerId: ids[1]!, items: [{ offer: 'Microsoft 365 Business Basic', seats: 1, provisionedOn: '2026-11-25' }] });
    const head = await ok('moves/list', { first: 2 });
    const rest = await ok('moves/list', { first: 2, offset: 2 });
    const last = await ok('moves/list', { first: 2, offset: 4 });
    expect([head, rest, last].map((r) => r.total)).toEqual([5, 5, 5]);
    const paged = [...head.moves, ...rest.moves, ...last.moves];
    const { moves, today, settings } = await ok('moves/list', {});
    expect(paged.map((m) => m.customerId)).toEqual(rankMoves(moves, today, settings).map((m) => m.customerId));
    expect(paged.map((m) => m.customerId)).toEqual([...ids].reverse());
    expect([...head.facts!, ...rest.facts!, ...last.facts!]).toEqual(paged.map((m) => rowFacts(m, today, settings)));
    expect(last.facts!.map((f) => f.match)).toEqual(['none']);
    expect(rest.facts!.map((f) => f.needsReassignment)).toEqual([false, true]);
    // The full list carries no facts: nothing is computed for it.
    expect(moves.length).toBe(5);
    expect((await ok('moves/list', {})).facts).toBeUndefined();
  });
});

describe('list pages give way to writes', () => {
  test('a page past the first screen is served after the write in progress; the first screen is not held', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    await ok('moves/track', { customerId: B, companyName: 'Fabrikam' });
    // A write whose storage call has not ended yet.
    let release!: () => void;
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const held = vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementationOnce(async (items) => {
      await new Promise<void>((r) => (release = r));
      return set(items);
    });
    const order: string[] = [];
    const write = ok('moves/update', { customerId: A, notes: 'called' }).then(() => order.push('write'));
    await vi.waitFor(() => expect(held).toHaveBeenCalled());
    const head = ok('moves/list', { first: 1 }).then(() => order.push('head'));
    const page = ok('moves/list', { first: 1, offset: 1 }).then(() => order.push('page'));
    await head;
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['head']);
    release();
    await Promise.all([write, page]);
    expect(order).toEqual(['head', 'write', 'page']);
  });
});

describe('list pages give way to a burst of writes', () => {
  test('a page waits until no write has ended for a moment (150 ms); the first screen does not', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      await ok('moves/track', { customerId: A, companyName: 'Contoso' });
      await ok('moves/track', { customerId: B, companyName: 'Fabrikam' });
      const order: string[] = [];
      void ok('moves/list', { first: 1 }).then(() => order.push('head'));
      void ok('moves/list', { first: 1, offset: 1 }).then(() => order.push('page'));
      await vi.advanceTimersByTimeAsync(100);
      expect(order).toEqual(['head']);
      // Another change meanwhile: the quiet starts again from its end.
      await ok('moves/update', { customerId: A, notes: 'called' });
      await vi.advanceTimersByTimeAsync(140);
      expect(order).toEqual(['head']);
      await vi.advanceTimersByTimeAsync(20);
      expect(order).toEqual(['head', 'page']);
    } finally {
      vi.useRealTimers();
    }
  });

  test('writes that never stop hold a page at most 2 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      await ok('moves/track', { customerId: A, companyName: 'Contoso' });
      let served = false;
      void ok('moves/list', { first: 1, offset: 1 }).then(() => (served = true));
      // A change every 100 ms: never 150 ms of quiet.
      const servedAt: number[] = [];
      for (let t = 0; t < 2500; t += 100) {
        await ok('moves/update', { customerId: A, notes: `call ${t}` });
        await vi.advanceTimersByTimeAsync(100);
        if (served && !servedAt.length) servedAt.push(t);
      }
      expect(servedAt[0]).toBeGreaterThanOrEqual(1800);
      expect(servedAt[0]).toBeLessThan(2100);
      expect(served).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('change notices', () => {
  test('each write names the customers it changed (as validated: canonical ids); reads and refusals name none', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso' });
    await ok('moves/requested', { customers: [{ customerId: B.toUpperCase(), companyName: 'Fabrikam' }, { customerId: A, companyName: 'Contoso' }] });
    await ok('moves/list', {});
    await ok('moves/get', { customerId: A });
    await ok('status/get', {});
    await ok('ui/set', { collapsed: true });
    expect((await call('moves/step', { customerId: A, to: 'done' })).ok).toBe(false);
    const { deleted } = await ok('moves/delete', { customerId: B });
    await ok('moves/put', { move: deleted });
    await ok('settings/set', { notificationsOn: false });
    expect(changed).toEqual([[A], [B, A], [B], [B], 'all']);
  });
});

describe('offers/verdicts', () => {
  const skus = JSON.parse(readFileSync(fileURLToPath(new URL('../../../public/data/skus.json', import.meta.url)), 'utf8')) as unknown;

  test('the tracked customer\'s originals against the page\'s offers, from the shipped table (fetched from the extension once)', async () => {
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      fetched.push(String(url));
      return { json: async () => skus };
    });
    try {
      await call('moves/track', { customerId: A, companyName: 'Contoso' });
      await call('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2027-01-31', endBy: 'expire' }] });
      const r = await ok('offers/verdicts', { customerId: A, offers: [{ name: 'Office 365 E3', productId: 'CFQ7TTC0LF8R:0001' }, { name: 'Office 365 E3 (no Teams)' }, { name: 'Microsoft Teams Enterprise' }] });
      expect(r.offers.map((v) => v.match)).toEqual(['same', 'different', 'different']);
      expect(r.offers[1]!.lost).toContain('Microsoft Teams');
      expect(r.splits).toEqual([expect.objectContaining({ originalId: 'o1', offers: [1, 2] })]);
      // Asked before anything is picked: the originals under today's names.
      await call('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 Business Premium', seats: 25, expiresOn: '2027-01-31', endBy: 'expire' }] });
      expect(await ok('offers/verdicts', { customerId: A, offers: [] })).toEqual({
        offers: [],
        splits: [],
        originals: [{ originalId: expect.any(String), name: 'Microsoft 365 Business Standard', zhTw: 'Microsoft 365 商務標準版', renamed: true }],
      });
      expect(fetched).toHaveLength(1);
      expect(fetched[0]).toMatch(/\/data\/skus\.json$/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test('the whole judgement the page renders: match refined by the table, seats, names, the line a purchase records', async () => {
    const table = loadSkuTable(skus as SkuData);
    ctx = { ...makeCtx(store), skus: async () => table };
    await call('moves/track', { customerId: A, companyName: 'Contoso' });
    await call('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2027-01-31', endBy: 'expire' }, { offer: 'Visio Plan 2', seats: 3, expiresOn: '2027-01-31', endBy: 'expire' }] });
    const [e3, visio] = (await ok('moves/get', { customerId: A })).move!.originals.map((o) => o.id);
    const r = await ok('offers/verdicts', { customerId: A, offers: [{ name: 'Office 365 企業版 E3', productId: 'CFQ7TTC0LF8R:0001', quantity: 8 }] });
    expect(r.offers).toEqual([
      {
        match: 'same',
        offerName: 'Office 365 E3',
        line: { offer: 'Office 365 E3', skuId: 'CFQ7TTC0LF8R:0001' },
        matchedOriginalIds: [e3],
        unmatchedOriginalIds: [visio],
        originalSeats: 10,
        chosenSeats: 8,
        seatsFewer: true,
        lost: [],
      },
    ]);
    // Enough seats: no shortfall. No quantity read: nothing to compare.
    expect((await ok('offers/verdicts', { customerId: A, offers: [{ name: 'x', productId: 'CFQ7TTC0LF8R:0001', quantity: 10 }] })).offers[0]).toMatchObject({ seatsFewer: false, chosenSeats: 10 });
    expect((await ok('offers/verdicts', { customerId: A, offers: [{ name: 'x', productId: 'CFQ7TTC0LF8R:0001' }] })).offers[0]).not.toHaveProperty('chosenSeats');
    // The table's verdict overrides the catalogue's: "(no Teams)" is not the same offer, and loses Teams.
    const noTeams = await ok('offers/verdicts', { customerId: A, offers: [{ name: 'Office 365 E3 (no Teams)', quantity: 10 }] });
    expect(noTeams.offers[0]).toMatchObject({ match: 'different', matchedOriginalIds: [], unmatchedOriginalIds: [e3, visio], seatsFewer: false });
    expect(noTeams.offers[0]!.lost).toContain('Microsoft Teams');
    // The Teams split: one callout's worth, with the parts' names and the fewest seats.
    const split = await ok('offers/verdicts', { customerId: A, offers: [{ name: 'Office 365 E3 (no Teams)', quantity: 10 }, { name: 'Microsoft Teams Enterprise', quantity: 7 }] });
    expect(split.splits).toEqual([
      { originalId: e3, offers: [0, 1], offerNames: ['Office 365 E3 (no Teams)', 'Microsoft Teams Enterprise'], lost: ['Microsoft Defender for Office 365 (Plan 1)'], seatsFewer: true, fewestSeats: 7, originalSeats: 10 },
    ]);
  });

  test('without the product table, the offer catalogue\'s match alone (no error)', async () => {
    ctx = { ...makeCtx(store), skus: async () => Promise.reject(new Error('no table')) };
    await call('moves/track', { customerId: A, companyName: 'Contoso' });
    await call('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 Business Premium', seats: 25, expiresOn: '2027-01-31', endBy: 'expire' }] });
    const r = await ok('offers/verdicts', { customerId: A, offers: [{ name: 'Microsoft 365 商務標準版', productId: 'CFQ7TTC0LDPB:0001', quantity: 20 }] });
    expect(r).toEqual({
      offers: [expect.objectContaining({ match: 'renamed', offerName: 'Microsoft 365 Business Standard', originalSeats: 25, chosenSeats: 20, seatsFewer: true, lost: [] })],
      splits: [],
      originals: [],
    });
  });

  test('a bad quantity is refused by field', async () => {
    await call('moves/track', { customerId: A, companyName: 'Contoso' });
    const r = await call('offers/verdicts', { customerId: A, offers: [{ name: 'x', quantity: -1 }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', issues: [expect.stringMatching(/^offers\.0\.quantity: /)] } });
  });

  test('an untracked customer gets no verdicts; a bad request is refused by field', async () => {
    expect(await ok('offers/verdicts', { customerId: B, offers: [{ name: 'Office 365 E3' }] })).toEqual({ offers: [], splits: [], originals: [] });
    const r = await call('offers/verdicts', { customerId: B, offers: [{ name: 'x'.repeat(301) }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request', issues: [expect.stringMatching(/^offers\.0\.name: /)] } });
  });
});

describe('moves/purchased', () => {
  const line = (offer: string, seats: number) => ({ offer, seats, provisionedOn: '2026-11-25' });

  test('appends the order, advances a move behind to its path\'s provisioned step with the note, in one write, and says how it matches', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso', step: 'requested' });
    await ok('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2027-01-31', endBy: 'expire' }] });
    const [e3] = (await ok('moves/get', { customerId: A })).move!.originals.map((o) => o.id);
    changed = [];
    const r = await ok('moves/purchased', { customerId: A, items: [line('Microsoft 365 Business Standard', 10)], note: 'Recorded from the order' });
    expect(r.move.step).toBe('provisioned');
    expect(r.move.provisioned.map((p) => p.offer)).toEqual(['Microsoft 365 Business Standard']);
    expect(r.move.history.at(-1)).toMatchObject({ kind: 'step', to: 'provisioned', note: 'Recorded from the order' });
    expect(r.match).toEqual({ match: 'different', reassign: true, unmatchedOriginalIds: [e3] });
    expect(changed).toEqual([[A]]);
    expect((await stored())[`move:${A}`]).toMatchObject({ step: 'provisioned' });
    // Bought again: appended, and the step (already reached) is left alone.
    const again = await ok('moves/purchased', { customerId: A, items: [line('Office 365 E3', 10)], note: 'x' });
    expect(again.move.step).toBe('provisioned');
    expect(again.move.provisioned).toHaveLength(2);
    expect(again.match).toEqual({ match: 'same', reassign: false, unmatchedOriginalIds: [] });
  });

  test('an EA transfer goes to "CSP creation scheduled"; a move past it is not moved back; nothing to record is refused', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso', step: 'accepted' });
    await ok('moves/path', { customerId: A, path: 'ea-channel-transfer' });
    expect((await ok('moves/purchased', { customerId: A, items: [line('Office 365 E3', 1)], note: 'n' })).move.step).toBe('csp-scheduled');
    await ok('moves/track', { customerId: B, companyName: 'Fabrikam', step: 'accepted' });
    await ok('moves/step', { customerId: B, to: 'originals-ended', confirmSkip: true, override: true, cancelledOn: '2026-11-25' });
    expect((await ok('moves/purchased', { customerId: B, items: [line('Office 365 E3', 1)], note: 'n' })).move.step).toBe('originals-ended');
    expect(await call('moves/purchased', { customerId: B, items: [], note: 'n' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('a full store (the storage quota)', () => {
  test('a write the quota refuses is refused with code "quota", stores nothing and changes nothing already stored', async () => {
    await call('moves/track', { customerId: A, companyName: 'Contoso' });
    const before = await stored();
    const list = await ok('moves/list', {});
    // What Chromium's storage.local says when a write would pass its quota (it writes nothing of it).
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('Resource::kQuotaBytes quota exceeded'));
    try {
      const r = await call('moves/track', { customerId: B, companyName: 'Fabrikam' });
      expect(r).toMatchObject({ ok: false, error: { code: 'quota', message: expect.stringMatching(/storage .* is full: nothing was written/) } });
      const notes = await call('moves/update', { customerId: A, notes: 'x' });
      expect(notes).toMatchObject({ ok: false, error: { code: 'quota' } });
      // With unlimitedStorage, a full disk refuses: Chromium's LevelDB, and Firefox.
      set.mockRejectedValueOnce(new Error('IO error: .../003144.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)'));
      expect(await call('moves/update', { customerId: A, notes: 'x' })).toMatchObject({ ok: false, error: { code: 'quota' } });
      set.mockRejectedValueOnce(new Error('QuotaExceededError: Encountered disk full while committing transaction.'));
      expect(await call('moves/update', { customerId: A, notes: 'x' })).toMatchObject({ ok: false, error: { code: 'quota' } });
      // Another failure is not called a full store.
      set.mockRejectedValueOnce(new Error('IO error'));
      expect(await call('moves/update', { customerId: A, notes: 'y' })).toMatchObject({ ok: false, error: { message: 'IO error' } });
    } finally {
      set.mockRestore();
    }
    expect(await stored()).toEqual(before);
    expect(await ok('moves/list', {})).toEqual(list);
    expect(changed).toEqual([[A]]);
  });
});

describe('answers kept per stored move follow every change (status/get, reminders/list)', () => {
  const deadlines = async () => (await ok('reminders/list', { days: 60 })).upcoming.filter((d) => d.customerIds.includes(A)).map((d) => d.day);

  test('reminders/list: a changed move, and changed settings, give their new deadlines', async () => {
    await ok('moves/track', { customerId: A, companyName: 'Contoso', program: 'ea' });
    await ok('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2026-12-20', endBy: 'expire' }] });
    const first = await deadlines();
    expect(first).toContain('2026-12-20');
    await ok('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2026-12-30', endBy: 'expire' }] });
    const moved = await deadlines();
    expect(moved).toContain('2026-12-30');
    expect(moved).not.toContain('2026-12-20');
    // Whether a reminder stands today follows the settings' lead days (a new settings object, same move).
    const standing = async () => (await ok('reminders/list', { customerId: A })).reminders.filter((r) => r.kind === 'original-ends').length;
    expect(await standing()).toBe(1); // 30 days before 2026-12-30 is on or before 2026-11-25
    await ok('settings/set', { leadDays: [7] });
    expect(await standing()).toBe(0);
    await ok('settings/set', { leadDays: [60] });
    expect(await standing()).toBe(1);
  });

  test('status/get: the count follows the day and the settings, not only the moves', async () => {
    let now = NOW;
    ctx = { ...makeCtx(store), now: () => now };
    await ok('moves/track', { customerId: A, companyName: 'Contoso', program: 'open' });
    await ok('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2027-03-01', endBy: 'expire' }] });
    expect((await ok('status/get', {})).needsAction).toBe(0);
    now = new Date(2027, 1, 27, 10, 0, 0); // two days before the end
    expect((await ok('status/get', {})).needsAction).toBe(1);
    now = NOW;
    expect((await ok('status/get', {})).needsAction).toBe(0);
    // A requested move needs a nudge after nudgeAfterDays: the settings decide.
    await ok('moves/step', { customerId: A, to: 'requested' });
    now = new Date(2026, 11, 5, 10, 0, 0); // ten days after the request
    const before = (await ok('status/get', {})).needsAction;
    await ok('settings/set', { nudgeAfterDays: before ? 30 : 5 });
    expect((await ok('status/get', {})).needsAction).toBe(before ? 0 : 1);
  });
});

test("moves/list by window: each move carries only the history the popup states, and states the same facts", async () => {
  await ok('moves/track', { customerId: A, companyName: 'Contoso', step: 'provisioned' });
  await ok('moves/originals', { customerId: A, originals: [{ offer: 'Office 365 E3', seats: 100, expiresOn: '2026-01-01', endBy: 'expire' }] });
  await ok('moves/provisioned', { customerId: A, items: [{ offer: 'Office 365 E3', seats: 10, provisionedOn: '2025-12-20' }] });
  for (let i = 0; i < 5; i++) await ok('moves/update', { customerId: A, notes: `note ${i}` });
  await ok('moves/step', { customerId: A, to: 'originals-ended' });
  await ok('moves/step', { customerId: A, to: 'done', override: true });
  const full = store.get(A)!;
  const { moves } = await ok('moves/list', { first: 10 });
  const listedMove = moves.find((m) => m.customerId === A)!;
  expect(full.history.length).toBeGreaterThan(3);
  expect(listedMove.history.map((h) => h.kind)).toEqual(['override']);
  expect({ ...listedMove, history: [] }).toEqual({ ...full, history: [] });
  const settings = store.getSettings();
  expect(moveFacts(listedMove, '2026-11-25', settings)).toEqual(moveFacts(full, '2026-11-25', settings));
  // Every move, unwindowed, is whole.
  expect((await ok('moves/list', {})).moves.find((m) => m.customerId === A)).toEqual(full);
});
