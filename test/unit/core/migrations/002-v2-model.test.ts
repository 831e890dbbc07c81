/** Migration 002 (version 1 → 2) on its own: what it writes from each version 1 shape, and what it refuses. */
import { describe, expect, it } from 'vitest';
import { localDay } from '../../../../src/core/dates';
import { migration002 } from '../../../../src/core/migrations/002-v2-model';
import { formatIssues } from '../../../../src/core/schema';
import { V1_CUSTOMER, v1MoveFull } from '../../../fixtures/migrations/v1';

function run(raw: unknown) {
  const r = migration002.apply(raw);
  return r.ok ? { ok: true, move: r.value } : { ok: false, error: formatIssues(r.issues).join('; '), issues: formatIssues(r.issues) };
}
const day = (at: string) => localDay(new Date(at));

describe('002: version 1 → 2', () => {
  it('writes version 2', () => {
    expect(migration002.to).toBe(2);
  });

  it('migrates a version 1 move to the current model', () => {
    const r = run(v1MoveFull());
    expect(r).toStrictEqual({
      ok: true,
      move: {
        customerId: V1_CUSTOMER,
        companyName: 'Contoso',
        domain: 'contoso.com',
        program: 'other',
        step: 'provisioned',
        stepDates: {
          requested: day('2026-01-10T12:00:00.000Z'),
          accepted: day('2026-02-02T12:00:00.000Z'),
          provisioned: day('2026-02-03T12:00:00.000Z'),
        },
        originals: [
          { id: 'o1', offer: 'Office 365 E3', skuId: 'ENTERPRISEPACK', seats: 10, expiresOn: '2026-09-30', endBy: 'expire' },
          { id: 'o2', offer: 'Exchange Online (Plan 1)', seats: 4, expiresOn: '2026-06-30', endBy: 'expire' },
        ],
        provisioned: [
          { id: 'p1', offer: 'Office 365 E3', seats: 10, provisionedOn: '2026-03-05' },
          { id: 'p2', offer: 'Exchange Online (Plan 1)', seats: 4, provisionedOn: day('2026-03-06T15:00:00.000Z') },
        ],
        licensesReassigned: false,
        notes: 'old notes',
        history: [
          { at: '2026-01-10T12:00:00.000Z', on: day('2026-01-10T12:00:00.000Z'), kind: 'created', to: 'requested' },
          { at: '2026-01-20T12:00:00.000Z', on: day('2026-01-20T12:00:00.000Z'), kind: 'step', from: 'requested', to: 'accepted' },
          { at: '2026-02-01T12:00:00.000Z', on: day('2026-02-01T12:00:00.000Z'), kind: 'step', from: 'accepted', to: 'provisioned' },
          { at: '2026-02-02T12:00:00.000Z', on: day('2026-02-02T12:00:00.000Z'), kind: 'step', from: 'provisioned', to: 'accepted' },
          { at: '2026-02-03T12:00:00.000Z', on: day('2026-02-03T12:00:00.000Z'), kind: 'step', from: 'accepted', to: 'provisioned' },
          { at: '2026-02-04T12:00:00.000Z', on: day('2026-02-04T12:00:00.000Z'), kind: 'details', note: 'v1: imported' },
        ],
        createdAt: '2026-01-10T12:00:00.000Z',
        updatedAt: '2026-02-04T12:00:00.000Z',
      },
    });
  });

  it('fills what version 1 left optional', () => {
    const { domain: _d, provisioned: _p, notes: _n, ...bare } = v1MoveFull();
    const r = run({ ...bare, history: [], step: 'requested' });
    expect(r.ok && r.move).toMatchObject({ domain: '', provisioned: [], notes: '', stepDates: {}, history: [] });
  });

  it('keeps only dates up to the current step, and ignores entries without a target', () => {
    const r = run(
      {
        ...v1MoveFull(),
        step: 'accepted',
        history: [
          { at: '2026-01-10T12:00:00.000Z', kind: 'created' },
          { at: '2026-01-20T12:00:00.000Z', kind: 'step', to: 'provisioned' },
          { at: '2026-01-21T12:00:00.000Z', kind: 'notes', to: 'done' },
          { at: '2026-01-22T12:00:00.000Z', kind: 'originals', to: 'requested' },
        ],
      },
    );
    expect(r.move).toHaveProperty('stepDates', {});
  });

  it('drops the date of a step passed over after going back', () => {
    const r = run(
      {
        ...v1MoveFull(),
        history: [
          { at: '2026-01-10T12:00:00.000Z', kind: 'created', to: 'requested' },
          { at: '2026-01-20T12:00:00.000Z', kind: 'step', to: 'accepted' },
          { at: '2026-01-21T12:00:00.000Z', kind: 'step', to: 'requested' },
          { at: '2026-01-22T12:00:00.000Z', kind: 'step', to: 'provisioned' },
        ],
      },
    );
    expect(r.move).toHaveProperty('stepDates', {
      requested: day('2026-01-21T12:00:00.000Z'),
      provisioned: day('2026-01-22T12:00:00.000Z'),
    });
  });

  it('reports version 1 problems by path', () => {
    const bad = { ...v1MoveFull(), originals: [{ offer: 'E3', seats: 10, expiry: '2026-02-30' }], history: 'none' };
    const r = run(bad);
    expect(r).toEqual({
      ok: false,
      error: 'originals[0].expiry: not a calendar date; history: not a list',
      issues: ['originals[0].expiry: not a calendar date', 'history: not a list'],
    });
  });

  it('reports a version 1 customer id that is no GUID', () => {
    expect(run({ ...v1MoveFull(), customerId: 'contoso' })).toMatchObject({ ok: false, issues: ['customerId: not a customer id (a GUID)'] });
    expect(run({ ...v1MoveFull(), customerId: 7 })).toMatchObject({ ok: false, issues: ['customerId: not text'] });
  });

  it('reports version 1 provisioned lines that cannot be read', () => {
    expect(run({ ...v1MoveFull(), provisioned: {} })).toMatchObject({ ok: false, issues: ['provisioned: not a list'] });
    expect(run({ ...v1MoveFull(), provisioned: [{ offer: 'E3', seats: 1, date: 'March' }] })).toMatchObject({
      ok: false,
      issues: ['provisioned[0].date: not a date or timestamp'],
    });
  });

});
