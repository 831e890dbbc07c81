/**
 * The migration chain as a whole: one file per version, numbered in order, and data of the oldest
 * version read as the latest by running every migration in turn.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../../../src/core/migrations';
import { SCHEMA_VERSION, classifyStoredEntries, migrateMove, moveKey, parseMove } from '../../../../src/core/schema';
import { createMove, recordOriginals } from '../../../../src/core/steps';
import { V1_CUSTOMER, v1Move, v1MoveFull } from '../../../fixtures/migrations/v1';

const DIR = resolve(import.meta.dirname, '../../../../src/core/migrations');

function current() {
  const m = createMove({ customerId: V1_CUSTOMER, companyName: 'Contoso', domain: 'contoso.com' }, new Date('2026-03-02T09:00:00.000Z'));
  return recordOriginals(m, [{ offer: 'Office 365 E3', seats: 10, expiresOn: '2026-09-30', endBy: 'expire' }], new Date('2026-03-05T10:30:00.000Z'));
}

describe('the migration files', () => {
  it('are numbered 002, 003, … with no gap, each listed once in order and writing its own number', () => {
    const files = readdirSync(DIR).filter((f) => /^\d{3}-[a-z0-9-]+\.ts$/.test(f)).sort();
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(MIGRATIONS.map((_, i) => i + 2));
    expect(MIGRATIONS.map((m) => m.to)).toEqual(MIGRATIONS.map((_, i) => i + 2));
  });

  it('the stored version is the last file’s number', () => {
    expect(SCHEMA_VERSION).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(MIGRATIONS.at(-1)!.to);
  });
});

describe('version 1 → latest, over the whole chain', () => {
  it('reads the fullest version 1 move as a valid latest move, nothing lost', () => {
    const r = migrateMove(v1MoveFull(), 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(parseMove(r.move)).toEqual({ ok: true, move: r.move });
    expect(r.move).toMatchObject({
      customerId: V1_CUSTOMER,
      companyName: 'Contoso',
      domain: 'contoso.com',
      step: 'provisioned',
      notes: 'old notes',
      originals: [
        { offer: 'Office 365 E3', skuId: 'ENTERPRISEPACK', seats: 10, expiresOn: '2026-09-30' },
        { offer: 'Exchange Online (Plan 1)', seats: 4, expiresOn: '2026-06-30' },
      ],
      provisioned: [{ offer: 'Office 365 E3', seats: 10, provisionedOn: '2026-03-05' }, { offer: 'Exchange Online (Plan 1)', seats: 4 }],
    });
    expect(r.move.history).toHaveLength(6);
  });

  it('reads a version 1 storage (no meta key) and marks it for writing back', () => {
    const r = classifyStoredEntries({ [moveKey(V1_CUSTOMER)]: v1Move() });
    expect(r).toMatchObject({ schemaVersion: 1, migrated: true, corrupt: [] });
    expect(r.moves[0]).toMatchObject({ customerId: V1_CUSTOMER, step: 'accepted', originals: [{ offer: 'Office 365 E3', seats: 25, expiresOn: '2027-03-31' }] });
  });

  it('reports a version 1 move that is not an object', () => {
    expect(migrateMove('x', 1)).toMatchObject({ ok: false, issues: ['not an object'] });
    expect(migrateMove([], 1)).toMatchObject({ ok: false, issues: ['not an object'] });
  });

  it('reads a latest move as it is, and refuses a broken one', () => {
    const m = current();
    expect(migrateMove(m, SCHEMA_VERSION)).toEqual({ ok: true, move: m });
    expect(migrateMove({ ...m, step: 'x' }, SCHEMA_VERSION)).toMatchObject({ ok: false, issues: [expect.stringMatching(/^step: not a step/)] });
  });

  it.each([0, SCHEMA_VERSION + 1, 1.5])('cannot read schema version %s', (version) => {
    expect(migrateMove(current(), version)).toEqual({
      ok: false,
      error: `cannot read schema version ${version}`,
      issues: [`cannot read schema version ${version}`],
    });
  });
});
