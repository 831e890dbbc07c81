/**
 * The store keeps a move's history apart from its entry (schema version 4): the worker's start reads
 * no history, and nothing of a history is lost by a change, an import, a delete and undo, a backup or
 * the first start after version 3. Against @webext-core/fake-browser's in-memory storage, with
 * `storage.local.getKeys` (Chrome 130, Firefox 143) added or left out.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { dispatch, type Context } from '../../../src/background/handlers';
import { MoveStore, QUARANTINE_PREFIX } from '../../../src/background/store';
import type { Move } from '../../../src/core/model';
import { SCHEMA_VERSION, parseMove } from '../../../src/core/schema';
import { createClient } from '../../../src/shared/client';
import { V3_CUSTOMER, v3Move } from '../../fixtures/migrations/v3';

const A = V3_CUSTOMER;
const B = '1e3f5a7b-9c2d-4e4f-8a6b-7c8d9e0f1a2b';
const NOW = new Date(2026, 10, 25, 10, 0, 0);

let store: MoveStore;
let ctx: Context;
const ok = createClient((message) => dispatch(message, ctx, {}));

type Local = typeof fakeBrowser.storage.local & { getKeys?: () => Promise<string[]> };
const local = fakeBrowser.storage.local as Local;

async function stored(): Promise<Record<string, unknown>> {
  return (await fakeBrowser.storage.local.get(null)) as Record<string, unknown>;
}

async function start(): Promise<MoveStore> {
  store = new MoveStore();
  ctx = { store, now: () => NOW, changed: () => undefined, watchTab: () => undefined };
  await store.ready;
  return store;
}

/** Version 3 as 0.2.4 left it: the whole history inside each move's entry. */
async function seedVersion3(): Promise<Move> {
  const move = v3Move();
  await fakeBrowser.storage.local.set({ meta: { schemaVersion: 3 }, [`move:${A}`]: move });
  const parsed = parseMove(move);
  if (!parsed.ok) throw new Error('fixture');
  return parsed.move;
}

function withGetKeys(): void {
  // The fake's own get, bound now: a spy set on get later sees only the store's calls.
  const get = local.get.bind(local);
  local.getKeys = async () => Object.keys(await get(null));
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.runtime.getManifest = () => ({ manifest_version: 3, name: 'x', version: '9.9.9' });
  Reflect.deleteProperty(local, 'getKeys');
});
afterEach(() => {
  Reflect.deleteProperty(local, 'getKeys');
  vi.restoreAllMocks();
});

describe.each([
  ['with getKeys', true],
  ['without getKeys (Chrome before 130)', false],
])('the first start after version 3, %s', (_name, keys) => {
  test('splits every move: its entry keeps the history its facts state, the whole history goes apart, meta says 4', async () => {
    if (keys) withGetKeys();
    const move = await seedVersion3();
    await start();
    const all = await stored();
    expect(all.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
    expect(all[`history:${A}`]).toEqual(move.history);
    expect((all[`move:${A}`] as Move).history.map((h) => h.kind)).toEqual(['cancellation', 'override']);
    expect({ ...(all[`move:${A}`] as Move), history: move.history }).toEqual(move);
    expect(store.problems).toEqual([]);
    // What the partner sees of the move is whole; the list's move states the same facts.
    expect((await ok('moves/get', { customerId: A })).move).toEqual(move);
    expect(store.get(A)!.history).toEqual(all[`move:${A}`] && (all[`move:${A}`] as Move).history);

    // The next start reads the split store as it is and writes nothing.
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await start();
    expect(set).not.toHaveBeenCalled();
    expect(await store.whole(A)).toEqual(move);
  });
});

test('with getKeys the start reads no history at all', async () => {
  withGetKeys();
  await seedVersion3();
  await start();
  const get = vi.spyOn(fakeBrowser.storage.local, 'get');
  await start();
  const asked = get.mock.calls.flatMap(([k]) => (k === null || k === undefined ? ['<everything>'] : typeof k === 'string' ? [k] : Array.isArray(k) ? k : Object.keys(k)));
  expect(asked).not.toContain('<everything>');
  expect(asked).toContain(`move:${A}`);
  expect(asked.filter((k) => k.startsWith('history:'))).toEqual([]);
});

describe('changes keep the whole history', () => {
  beforeEach(async () => {
    await seedVersion3();
    await start();
  });

  test('a change appends to the whole history and writes both keys', async () => {
    const before = (await store.whole(A))!.history;
    const changed = await ok('moves/update', { customerId: A, notes: 'changed' });
    expect(changed.history).toEqual([...before, expect.objectContaining({ kind: 'notes' })]);
    const all = await stored();
    expect(all[`history:${A}`]).toEqual(changed.history);
    expect((all[`move:${A}`] as Move).notes).toBe('changed');
    expect((all[`move:${A}`] as Move).history.map((h) => h.kind)).toEqual(['cancellation', 'override']);
  });

  test('an import of a tracked customer keeps its whole history', async () => {
    const before = (await store.whole(A))!.history;
    await ok('moves/import', {
      customers: [
        { customerId: A, companyName: 'Northwind Traders', domain: 'northwind.example', originals: [{ offer: 'Office 365 E1', seats: 5, expiresOn: '2027-01-31', endBy: 'expire' }], rows: [] },
        { customerId: B, companyName: 'Fabrikam', domain: 'fabrikam.example', originals: [], rows: [] },
      ],
    });
    const whole = (await store.whole(A))!;
    expect(whole.history.slice(0, before.length)).toEqual(before);
    expect(whole.history.at(-1)).toMatchObject({ kind: 'originals' });
    expect((await stored())[`history:${B}`]).toEqual([expect.objectContaining({ kind: 'created' })]);
  });

  test('a batch change that returns a move it was not given is refused, and nothing is written', async () => {
    const before = await stored();
    await expect(store.putMany([B], () => [{ ...store.get(A)!, notes: 'stray' }])).rejects.toThrow(/without reading it first/);
    expect(await stored()).toEqual(before);
  });

  test('delete removes both keys and returns the move whole; undo puts it back whole', async () => {
    const whole = (await store.whole(A))!;
    const { deleted } = await ok('moves/delete', { customerId: A });
    expect(deleted).toEqual(whole);
    const all = await stored();
    expect(all).not.toHaveProperty(`move:${A}`);
    expect(all).not.toHaveProperty(`history:${A}`);
    await ok('moves/put', { move: deleted });
    expect(await store.whole(A)).toEqual(whole);
  });

  test('a backup carries whole histories; restoring it splits them again and drops what it does not have', async () => {
    const whole = (await store.whole(A))!;
    const { json } = await ok('backup/export', {});
    expect(JSON.parse(json).moves).toEqual([whole]);
    await ok('moves/track', { customerId: B, companyName: 'Fabrikam' });
    await ok('backup/restore', { json });
    const all = await stored();
    expect(all).not.toHaveProperty(`move:${B}`);
    expect(all).not.toHaveProperty(`history:${B}`);
    expect(all[`history:${A}`]).toEqual(whole.history);
    await start();
    expect(await store.whole(A)).toEqual(whole);
  });
});

test('a history that cannot be read is kept aside and reported; the move goes on with what its entry states', async () => {
  withGetKeys();
  await seedVersion3();
  await start();
  const broken = [{ at: 'yesterday', kind: 'step' }];
  await fakeBrowser.storage.local.set({ [`history:${A}`]: broken });
  await start();
  const whole = (await ok('moves/get', { customerId: A })).move!;
  expect(whole.history).toEqual(store.get(A)!.history);
  const all = await stored();
  expect(all[`${QUARANTINE_PREFIX}history:${A}`]).toMatchObject({ raw: broken, reason: expect.stringMatching(/^\[0\]\.at: not a timestamp/) });
  expect(all).not.toHaveProperty(`history:${A}`);
  expect((await ok('status/get', {})).problems.join('\n')).toMatch(`history:${A}: [0].at: not a timestamp`);
  // The next change writes a readable history again (from the stated entries), and the copy stays aside.
  await ok('moves/update', { customerId: A, notes: 'after' });
  expect(((await stored())[`history:${A}`] as Move['history']).map((h) => h.kind)).toEqual(['cancellation', 'override', 'notes']);
  expect((await stored())[`${QUARANTINE_PREFIX}history:${A}`]).toMatchObject({ raw: broken });
  // Reported again at the next start, from the copy kept aside.
  await start();
  expect(store.problems.join('\n')).toMatch(`history:${A}`);
});
