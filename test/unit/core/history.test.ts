import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendHistory, HISTORY } from '../../../src/core/history';
import type { HistoryEntry, HistoryKind } from '../../../src/core/model';
import { changeStep, createMove, recordOriginals, setNotes } from '../../../src/core/steps';

const ID = '6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const entry = (kind: HistoryKind, on: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({ at: `${on}T10:00:00.000Z`, on, kind, ...extra });
const created = entry('created', '2026-01-01', { to: 'planned' });

describe('appendHistory', () => {
  it('a second edit of one kind on the same day replaces the first; another day or another kind is kept', () => {
    let h = [created];
    h = appendHistory(h, entry('notes', '2026-01-02'));
    h = appendHistory(h, entry('originals', '2026-01-02'));
    h = appendHistory(h, entry('notes', '2026-01-02', { at: '2026-01-02T18:00:00.000Z' }));
    expect(h.map((x) => [x.kind, x.at])).toEqual([
      ['created', '2026-01-01T10:00:00.000Z'],
      ['originals', '2026-01-02T10:00:00.000Z'],
      ['notes', '2026-01-02T18:00:00.000Z'],
    ]);
    h = appendHistory(h, entry('notes', '2026-01-03'));
    expect(h.filter((x) => x.kind === 'notes').map((x) => x.on)).toEqual(['2026-01-02', '2026-01-03']);
  });

  it('the licences flag set and cleared the same day keeps the last value', () => {
    let h = appendHistory([created], entry('licenses-reassigned', '2026-01-02', { value: true }));
    h = appendHistory(h, entry('licenses-reassigned', '2026-01-02', { value: false }));
    expect(h.filter((x) => x.kind === 'licenses-reassigned')).toEqual([expect.objectContaining({ value: false })]);
  });

  it('step changes are never merged, even on one day', () => {
    let h = appendHistory([created], entry('step', '2026-01-02', { from: 'planned', to: 'requested' }));
    h = appendHistory(h, entry('step', '2026-01-02', { from: 'requested', to: 'planned' }));
    expect(h.map((x) => x.kind)).toEqual(['created', 'step', 'step']);
  });

  it(`keeps the creation, the last ${HISTORY.kept} step-like entries and the last ${HISTORY.edits} edits, in order, whatever the sequence`, () => {
    const kinds: HistoryKind[] = ['step', 'originals', 'provisioned', 'licenses-reassigned', 'notes', 'details', 'path', 'override', 'cancellation'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), fc.integer({ min: 0, max: 400 })), { maxLength: 600, size: 'max' }), (ops) => {
        let h: HistoryEntry[] = [created];
        const all: HistoryEntry[] = [];
        // Days only move forward, as a clock does.
        let day = 0;
        ops.forEach(([kind, gap], i) => {
          day += gap % 3;
          const e = entry(kind, `2026-${String(1 + Math.floor(day / 28) % 12).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`, { note: String(i) });
          all.push(e);
          h = appendHistory(h, e);
        });
        expect(h[0]).toBe(created);
        const edits = h.filter((x) => ['originals', 'provisioned', 'licenses-reassigned', 'notes', 'details'].includes(x.kind));
        const steps = h.slice(1).filter((x) => !edits.includes(x));
        expect(edits.length).toBeLessThanOrEqual(HISTORY.edits);
        // Every step-like entry among the most recent ones is there, none merged.
        const allSteps = all.filter((x) => ['step', 'path', 'override', 'cancellation'].includes(x.kind));
        expect(steps).toEqual(allSteps.slice(-HISTORY.kept));
        // Order is kept (entries were numbered as they came).
        const order = h.slice(1).map((x) => Number(x.note));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        // The latest edit is always there.
        const lastEdit = all.filter((x) => !allSteps.includes(x)).at(-1);
        if (lastEdit) expect(h).toContain(lastEdit);
      }),
    );
  });
});

describe('a move edited every day for years stays small', () => {
  it('10 years of daily notes and weekly originals: at most the creation, its steps and 20 edits', () => {
    let m = createMove({ customerId: ID, companyName: 'Contoso' }, new Date('2020-01-01T09:00:00Z'));
    const requested = changeStep(m, 'requested', { now: new Date('2020-01-02T09:00:00Z') });
    if (!requested.ok) throw new Error(requested.error);
    m = requested.move;
    for (let d = 0; d < 3650; d++) {
      const now = new Date(Date.UTC(2020, 0, 3 + d, 9));
      m = setNotes(m, `note ${d}`, now);
      if (d % 7 === 0) m = recordOriginals(m, [{ offer: 'Office 365 E3', seats: 10 + d, expiresOn: '2031-01-31', endBy: 'expire' }], now);
    }
    expect(m.history.map((h) => h.kind).slice(0, 2)).toEqual(['created', 'step']);
    expect(m.history.length).toBe(2 + HISTORY.edits);
    expect(m.history.at(-1)).toMatchObject({ kind: 'notes' });
    expect(JSON.stringify(m).length).toBeLessThan(6000);
  });
});
