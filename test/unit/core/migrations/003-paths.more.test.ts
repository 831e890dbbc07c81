/**
 * Migration 003 refuses what version 2 never wrote, and says where: an empty offer, a malformed
 * local id, a customer id that is not a lower-case GUID.
 */
import { describe, expect, it } from 'vitest';
import { migration003 } from '../../../../src/core/migrations/003-paths';
import { formatIssues } from '../../../../src/core/schema';
import type { Move } from '../../../../src/core/model';
import { v2Move } from '../../../fixtures/migrations/v2';

function run(raw: unknown) {
  const r = migration003.apply(raw);
  return r.ok ? { ok: true as const, move: r.value as Move } : { ok: false as const, issues: formatIssues(r.issues) };
}

function withOriginal(over: Record<string, unknown>) {
  const m = v2Move();
  return { ...m, originals: [{ ...m.originals[0]!, ...over }] };
}
function withProvisioned(over: Record<string, unknown>) {
  const m = v2Move();
  return { ...m, provisioned: [{ ...m.provisioned[0]!, ...over }] };
}

describe('003 refuses an offer with no name', () => {
  it.each(['', '   ', '\t'])('an original whose offer is %j', (offer) => {
    expect(run(withOriginal({ offer }))).toEqual({ ok: false, issues: ['originals[0].offer: empty'] });
  });

  it('a purchase whose offer is blank', () => {
    expect(run(withProvisioned({ offer: '  ' }))).toEqual({ ok: false, issues: ['provisioned[0].offer: empty'] });
  });

  it('an offer with spaces around a name is read (kept as stored)', () => {
    const r = run(withOriginal({ offer: ' Office 365 E3 ' }));
    expect(r.ok).toBe(true);
    expect(r.ok && r.move.originals[0]!.offer).toBe(' Office 365 E3 ');
  });
});

describe('003 refuses a malformed local id', () => {
  it.each(['', ' o1', 'o1 ', ' '])('an original id %j', (id) => {
    expect(run(withOriginal({ id }))).toEqual({ ok: false, issues: ['originals[0].id: not an id'] });
  });

  it('a purchase id with a trailing space', () => {
    expect(run(withProvisioned({ id: 'p1 ' }))).toEqual({ ok: false, issues: ['provisioned[0].id: not an id'] });
  });

  it('any other text id is read', () => {
    expect(run(withOriginal({ id: 'Stryker was here!' })).ok).toBe(true);
  });
});

describe('003 refuses a customer id that is not a lower-case GUID', () => {
  it.each([
    ['upper case', '7C0E4A1B-2D3F-4E5A-8B6C-9D0E1F2A3B4C'],
    ['spaces around', ' 7c0e4a1b-2d3f-4e5a-8b6c-9d0e1f2a3b4c'],
    ['not a GUID', 'fabrikam.com'],
  ])('%s', (_why, customerId) => {
    expect(run({ ...v2Move(), customerId })).toEqual({ ok: false, issues: ['customerId: not a customer id (a lower-case GUID)'] });
  });
});
