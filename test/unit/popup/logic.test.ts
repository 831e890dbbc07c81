import { safeParse } from 'valibot';
import { describe, expect, test } from 'vitest';
import { OriginalInputSchema } from '../../../src/core/inputs';
import { addDays } from '../../../src/core/dates';
import type { Move, Step } from '../../../src/core/model';
import { changeStep, createMove, recordProvisioned, setLicensesReassigned } from '../../../src/core/steps';
import {
  applyChanges,
  buildRows,
  countDone,
  expiryTone,
  exportFileName,
  filterRows,
  NO_FILTERS,
  parseCustomerId,
  parseLeadDays,
  parseWhole,
  peekBackup,
  queryTerms,
  sameOriginals,
  scrollToReveal,
  stepProgress,
  summariseImport,
  validateOriginals,
  validateProvisioned,
  windowRange,
  type Filters,
  type RankContext,
} from '../../../src/popup/logic';
import { generatePortfolio } from '../../fixtures/generate';

const TODAY = '2026-03-10';
const NOW = new Date('2026-03-10T09:00:00Z');
const CTX: RankContext = { today: TODAY, settings: { nudgeAfterDays: 14 } };

function move(id: number, name: string, opts: { domain?: string; step?: Step; expiresIn?: number[]; offer?: string } = {}): Move {
  const customerId = `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`;
  let m = createMove(
    {
      customerId,
      companyName: name,
      program: 'open',
      domain: opts.domain ?? `${name.toLowerCase().replace(/\W+/g, '')}.example`,
      originals: (opts.expiresIn ?? [60]).map((d) => ({ offer: opts.offer ?? 'Office 365 E3', seats: 10, expiresOn: addDays(TODAY, d), endBy: 'expire' as const })),
      // These moves stand for requests already sent: the planned step has its own tests.
      step: 'requested',
    },
    NOW,
  );
  if (opts.step && opts.step !== 'requested') {
    // Jumping ahead passes the closing guardrails (nothing provisioned; originals still running).
    const r = changeStep(m, opts.step, { now: NOW, confirmSkip: true, override: true, cancelledOn: TODAY });
    if (!r.ok) throw new Error(r.error);
    m = r.move;
  }
  return m;
}

function ids(rows: ReadonlyArray<{ id: string }>): string[] {
  return rows.map((r) => r.id);
}

const f = (patch: Partial<Filters>): Filters => ({ ...NO_FILTERS, ...patch });

describe('ranking, written out by hand', () => {
  // Most urgent first (overdue, urgent, soon, later, none), then the earliest expiry, then the name.
  const zeta = move(1, 'Zeta Overdue', { expiresIn: [-2] });
  const alpha = move(2, 'Alpha Urgent', { expiresIn: [3] });
  const beta = move(3, 'Beta Urgent', { expiresIn: [3] });
  const gamma = move(4, 'Gamma Soon', { expiresIn: [20] });
  const delta = move(5, 'Delta Later', { expiresIn: [200] });
  const epsilon = move(6, 'Epsilon Done', { expiresIn: [-5], step: 'done' });
  const all = [delta, epsilon, beta, gamma, zeta, alpha];
  const name = new Map(all.map((m) => [m.customerId, m.companyName]));
  const names = (rows: ReadonlyArray<{ id: string }>) => ids(rows).map((id) => name.get(id) ?? id);

  test('buildRows', () => {
    expect(names(buildRows(all, CTX))).toEqual(['Zeta Overdue', 'Alpha Urgent', 'Beta Urgent', 'Gamma Soon', 'Delta Later', 'Epsilon Done']);
  });

  test('applyChanges: a move closed sinks, a new overdue one ties on expiry and goes by name, a removed one goes', () => {
    const closed = changeStep(gamma, 'done', { now: NOW, confirmSkip: true, override: true, cancelledOn: TODAY });
    if (!closed.ok) throw new Error(closed.error);
    const added = move(7, 'Brand New', { expiresIn: [-2] });
    name.set(added.customerId, added.companyName);
    const next = applyChanges(buildRows(all, CTX), [closed.move, added], [beta.customerId], CTX);
    // Gamma (done, expiring in 20 days) after Epsilon (done, expired 5 days ago): same urgency, later expiry.
    expect(names(next)).toEqual(['Brand New', 'Zeta Overdue', 'Alpha Urgent', 'Delta Later', 'Epsilon Done', 'Gamma Soon']);
  });
});

describe('buildRows and applyChanges', () => {
  const portfolio = generatePortfolio({ count: 400, seed: 11, today: TODAY });
  const steps: Step[] = ['requested', 'accepted', 'provisioned', 'originals-ended', 'done'];
  const moves = portfolio.customers.map((c, i) => {
    let m = createMove(
      {
        customerId: c.tenantId,
        companyName: c.companyName,
        domain: c.domain,
        originals: c.originals.map((o) => ({ offer: o.offer, skuId: o.skuId, seats: o.seats, expiresOn: o.expiresOn, endBy: 'expire' as const })),
      },
      NOW,
    );
    const step = steps[i % steps.length]!;
    if (step !== 'requested') {
      const r = changeStep(m, step, { now: NOW, confirmSkip: true });
      if (r.ok) m = r.move;
    }
    return m;
  });

  test('a 400-move portfolio: re-slotting changed, added and removed moves gives the order of a full build', () => {
    const rows = buildRows(moves, CTX);
    const changed = [moves[3]!, moves[50]!, moves[399]!].map((m) => {
      const r = changeStep(m, m.step === 'requested' ? 'accepted' : 'requested', { now: NOW, confirmSkip: true });
      return r.ok ? r.move : m;
    });
    const added = move(1, 'Brand New Ltd', { expiresIn: [-2] });
    const removed = [moves[7]!.customerId, moves[8]!.customerId];
    const next = applyChanges(rows, [...changed, added], removed, CTX);
    const byId = new Map(moves.map((m) => [m.customerId, m]));
    for (const m of [...changed, added]) byId.set(m.customerId, m);
    for (const id of removed) byId.delete(id);
    // The oracle is the popup's own full build of the changed list (the order itself is pinned by hand below).
    expect(ids(next)).toEqual(ids(buildRows([...byId.values()], CTX)));
    // The input is not modified.
    expect(ids(rows)).toEqual(ids(buildRows(moves, CTX)));
  });

  test('applying a move that did not change keeps the order', () => {
    const rows = buildRows(moves, CTX);
    expect(ids(applyChanges(rows, [moves[10]!], [], CTX))).toEqual(ids(rows));
  });

  test('derived facts are computed once and kept', () => {
    const [row] = buildRows([move(2, 'Cache Co', { expiresIn: [5] })], CTX);
    expect(row!.action).toBe(row!.action);
    expect(row!.facts).toBe(row!.facts);
    expect(row!.days).toBe(5);
    expect(row!.search).toBe('cache co\ncacheco.example\n00000000-0000-4000-8000-000000000002');
  });
});

describe('filterRows', () => {
  const moves = [
    move(1, 'Contoso Ltd', { domain: 'contoso.onmicrosoft.com', expiresIn: [-3] }),
    move(2, '台灣積體科技股份有限公司', { domain: 'twtech.com.tw', expiresIn: [10] }),
    move(3, 'Fabrikam, Inc.', { domain: 'fabrikam.com', expiresIn: [200], step: 'accepted' }),
    move(4, 'Done Corp', { expiresIn: [5], step: 'done' }),
    move(5, 'No Dates Ltd', { expiresIn: [] }),
  ];
  const rows = buildRows(moves, CTX);
  const names = (fs: Filters) => filterRows(rows, fs).map((r) => r.move.companyName).sort();

  test('done moves are hidden until asked for', () => {
    expect(names(NO_FILTERS)).not.toContain('Done Corp');
    expect(names(f({ showDone: true }))).toContain('Done Corp');
    expect(names(f({ step: 'done' }))).toEqual(['Done Corp']);
    expect(countDone(rows)).toBe(1);
  });

  test('search matches name, domain and tenant id, any case, every term', () => {
    expect(names(f({ query: 'CONTOSO' }))).toEqual(['Contoso Ltd']);
    expect(names(f({ query: 'twtech' }))).toEqual(['台灣積體科技股份有限公司']);
    expect(names(f({ query: '台灣' }))).toEqual(['台灣積體科技股份有限公司']);
    expect(names(f({ query: '8000-000000000003' }))).toEqual(['Fabrikam, Inc.']);
    expect(names(f({ query: '  fabrikam   inc  ' }))).toEqual(['Fabrikam, Inc.']);
    expect(names(f({ query: 'fabrikam contoso' }))).toEqual([]);
    // Full-width letters (an IME left on) still match.
    expect(names(f({ query: 'ＣＯＮＴＯＳＯ' }))).toEqual(['Contoso Ltd']);
    expect(queryTerms(' a  B ')).toEqual(['a', 'b']);
  });

  test('step, the next action due within N days (overdue included) and combinations', () => {
    expect(names(f({ step: 'accepted' }))).toEqual(['Fabrikam, Inc.']);
    // Contoso: nudge the customer today (its original has expired); 台灣: wait for acceptance, the
    // nudge due in 14 days although its original expires in 10; Fabrikam: provision in 200 days.
    expect(names(f({ dueWithin: 10 }))).toEqual(['Contoso Ltd']);
    expect(names(f({ dueWithin: 14 }))).toEqual(['Contoso Ltd', '台灣積體科技股份有限公司']);
    expect(names(f({ dueWithin: 0 }))).toEqual(['Contoso Ltd']);
    expect(names(f({ dueWithin: 14, query: 'contoso' }))).toEqual(['Contoso Ltd']);
  });

  test('due within N days reads the action\'s due day, not the original\'s expiry', () => {
    // Provisioned (every seat), original expiring in 40 days: "let the originals end" is due 30 days before, in 10.
    const provisioned = recordProvisioned(move(8, 'Waiting Ltd', { step: 'provisioned', expiresIn: [40] }), [{ offer: 'Office 365 E3', seats: 10, provisionedOn: TODAY }], NOW);
    const waiting = buildRows([provisioned], CTX);
    expect(waiting[0]!.action).toMatchObject({ kind: 'wait-for-expiry', daysLeft: 10 });
    expect(filterRows(waiting, f({ dueWithin: 10 })).length).toBe(1);
    expect(filterRows(waiting, f({ dueWithin: 9 })).length).toBe(0);
  });

  test('needs license reassignment: a different offer provisioned, licenses not yet reassigned', () => {
    let m = move(6, 'Different Offer Ltd', { step: 'provisioned', offer: 'Office 365 E3' });
    m = recordProvisioned(m, [{ offer: 'Microsoft 365 Business Basic', seats: 10, provisionedOn: TODAY }], NOW);
    const same = recordProvisioned(move(7, 'Same Offer Ltd', { step: 'provisioned' }), [{ offer: 'Office 365 E3', seats: 10, provisionedOn: TODAY }], NOW);
    const done = setLicensesReassigned(m, true, NOW);
    const r = buildRows([m, same, { ...done, customerId: '00000000-0000-4000-8000-000000000008', companyName: 'Reassigned Ltd' }], CTX);
    expect(filterRows(r, f({ needsReassignment: true })).map((x) => x.move.companyName)).toEqual(['Different Offer Ltd']);
  });
});

describe('windowRange', () => {
  test('the visible rows plus overscan, clamped', () => {
    expect(windowRange(0, 400, 100, 1000, 2)).toEqual({ start: 0, end: 6, total: 100_000 });
    expect(windowRange(1000, 400, 100, 1000, 2)).toEqual({ start: 8, end: 16, total: 100_000 });
    expect(windowRange(1050, 400, 100, 1000, 2)).toEqual({ start: 8, end: 17, total: 100_000 });
    // At the very bottom: the last row is rendered.
    expect(windowRange(99_600, 400, 100, 1000, 2)).toEqual({ start: 994, end: 1000, total: 100_000 });
  });

  test('a scroll position past the end (the list just shrank) still shows the last rows', () => {
    expect(windowRange(50_000, 400, 100, 10, 2)).toEqual({ start: 4, end: 10, total: 1000 });
  });

  test('short lists, empty lists, no viewport yet', () => {
    expect(windowRange(0, 400, 100, 3, 4)).toEqual({ start: 0, end: 3, total: 300 });
    expect(windowRange(0, 400, 100, 0, 4)).toEqual({ start: 0, end: 0, total: 0 });
    expect(windowRange(0, 0, 100, 50, 0)).toEqual({ start: 0, end: 1, total: 5000 });
    expect(windowRange(-20, 400, 100, 50, 0)).toEqual({ start: 0, end: 4, total: 5000 });
  });

  test('the rendered count never grows with the list', () => {
    for (const count of [100, 10_000, 1_000_000]) {
      const r = windowRange(count * 46, 500, 92, count, 4);
      expect(r.end - r.start).toBeLessThanOrEqual(Math.ceil(500 / 92) + 1 + 8);
    }
  });

  test('scrollToReveal', () => {
    expect(scrollToReveal(5, 0, 400, 100)).toBe(200);
    expect(scrollToReveal(1, 300, 400, 100)).toBe(100);
    expect(scrollToReveal(4, 300, 400, 100)).toBe(300);
    expect(scrollToReveal(0, 0, 50, 100)).toBe(0);
  });
});

describe('wording helpers', () => {
  test('expiryTone', () => {
    expect(expiryTone(undefined)).toBe('none');
    expect(expiryTone(-1)).toBe('overdue');
    expect(expiryTone(0)).toBe('urgent');
    expect(expiryTone(7)).toBe('urgent');
    expect(expiryTone(8)).toBe('soon');
    expect(expiryTone(30)).toBe('soon');
    expect(expiryTone(31)).toBe('later');
  });

  test('stepProgress', () => {
    expect(stepProgress('manual', 'planned')).toEqual({ current: 1, total: 5, complete: false });
    expect(stepProgress('manual', 'requested')).toEqual({ current: 2, total: 5, complete: false });
    expect(stepProgress('manual', 'originals-ended')).toEqual({ current: 5, total: 5, complete: false });
    expect(stepProgress('manual', 'done')).toEqual({ current: 5, total: 5, complete: true });
    expect(stepProgress('partner-transfer', 'transfer-requested')).toEqual({ current: 4, total: 5, complete: false });
  });

  test('exportFileName', () => {
    expect(exportFileName('csv', '2026-03-10')).toBe('csp-moves-2026-03-10.csv');
    expect(exportFileName('ics', '2026-03-10')).toBe('csp-moves-2026-03-10.ics');
    expect(exportFileName('backup', '2026-03-10')).toBe('csp-moves-backup-2026-03-10.json');
  });
});

describe('form parsers', () => {
  test('parseLeadDays', () => {
    expect(parseLeadDays('60, 30, 7')).toEqual({ ok: true, days: [60, 30, 7] });
    expect(parseLeadDays('7，30、60 ; 30')).toEqual({ ok: true, days: [60, 30, 7] });
    expect(parseLeadDays('  ')).toEqual({ ok: true, days: [] });
    expect(parseLeadDays('0 365')).toEqual({ ok: true, days: [365, 0] });
    expect(parseLeadDays('30, abc')).toEqual({ ok: false, error: 'not-number', value: 'abc' });
    expect(parseLeadDays('7.5')).toEqual({ ok: false, error: 'not-number', value: '7.5' });
    expect(parseLeadDays('-1')).toEqual({ ok: false, error: 'not-number', value: '-1' });
    expect(parseLeadDays('366')).toEqual({ ok: false, error: 'out-of-range', value: '366' });
    expect(parseLeadDays('1 2 3 4 5 6 7 8 9 10 11 12')).toMatchObject({ ok: true });
    expect(parseLeadDays('1 2 3 4 5 6 7 8 9 10 11 12 13')).toEqual({ ok: false, error: 'too-many' });
    expect(parseLeadDays('１４')).toEqual({ ok: true, days: [14] });
  });

  test('parseWhole', () => {
    expect(parseWhole(' 14 ', 1, 365)).toBe(14);
    expect(parseWhole('0', 1, 365)).toBeNull();
    expect(parseWhole('366', 1, 365)).toBeNull();
    expect(parseWhole('1e2', 1, 365)).toBeNull();
    expect(parseWhole('', 0, 5)).toBeNull();
  });

  test('validateOriginals: every bad field, by line', () => {
    const r = validateOriginals([
      { offer: ' ', skuId: '', seats: '', expiresOn: '', endBy: 'expire' },
      { offer: 'E3', skuId: '', seats: '-1', expiresOn: '2026-02-30', endBy: 'cancel' },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { line: 0, field: 'offer', error: 'required' },
        { line: 0, field: 'seats', error: 'required' },
        { line: 0, field: 'expiresOn', error: 'required' },
        { line: 1, field: 'seats', error: 'not-seats' },
        { line: 1, field: 'expiresOn', error: 'not-date' },
      ],
    });
  });

  test('the forms accept exactly what the background accepts: its schema, its limits', () => {
    const line = (patch: Partial<{ offer: string; skuId: string; seats: string }>) => ({ offer: 'E3', skuId: '', seats: '1', expiresOn: '2027-01-31', endBy: 'expire' as const, ...patch });
    const cases = [
      line({ offer: 'x'.repeat(300) }),
      line({ offer: 'x'.repeat(301) }),
      line({ skuId: 's'.repeat(100) }),
      line({ skuId: 's'.repeat(101) }),
      line({ seats: '10000000' }),
      line({ seats: '10000001' }),
    ];
    const popup = cases.map((c) => validateOriginals([c]).ok);
    const background = cases.map((c) => safeParse(OriginalInputSchema, { ...c, skuId: c.skuId || undefined, seats: Number(c.seats) }).success);
    expect(popup).toEqual([true, false, true, false, true, false]);
    expect(popup).toEqual(background);
    expect(validateOriginals([cases[1]!, cases[3]!])).toEqual({
      ok: false,
      errors: [
        { line: 0, field: 'offer', error: 'too-long' },
        { line: 1, field: 'skuId', error: 'too-long' },
      ],
    });
  });

  test('validateOriginals / validateProvisioned: trimmed, typed, ids kept, empty sku dropped', () => {
    expect(validateOriginals([{ id: 'o3', offer: ' Office 365 E3 ', skuId: ' ', seats: '012', expiresOn: '2027-01-31', endBy: 'cancel' }])).toEqual({
      ok: true,
      originals: [{ id: 'o3', offer: 'Office 365 E3', seats: 12, expiresOn: '2027-01-31', endBy: 'cancel' }],
    });
    expect(validateProvisioned([{ offer: 'M365 BB', skuId: 'abc', seats: '3', provisionedOn: '2026-03-01' }])).toEqual({
      ok: true,
      items: [{ offer: 'M365 BB', skuId: 'abc', seats: 3, provisionedOn: '2026-03-01' }],
    });
  });

  test('sameOriginals compares field by field', () => {
    const m = move(9, 'Same', { expiresIn: [30] });
    const o = m.originals[0]!;
    expect(sameOriginals([{ id: o.id, offer: o.offer, seats: o.seats, expiresOn: o.expiresOn, endBy: o.endBy }], m.originals)).toBe(true);
    expect(sameOriginals([{ id: o.id, offer: o.offer, seats: o.seats + 1, expiresOn: o.expiresOn, endBy: o.endBy }], m.originals)).toBe(false);
    expect(sameOriginals([], m.originals)).toBe(false);
  });

  test('parseCustomerId', () => {
    expect(parseCustomerId(' {2F5A7C1E-0B4D-4E8A-9C3F-6D2B1A0E9F87} ')).toBe('2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87');
    expect(parseCustomerId('2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f8')).toBeNull();
    expect(parseCustomerId('')).toBeNull();
  });
});

describe('import and backup helpers', () => {
  test('summariseImport counts new and updated customers', () => {
    const customers = [
      { customerId: 'a', originals: [1, 2] },
      { customerId: 'b', originals: [] },
      { customerId: 'c', originals: [1] },
    ];
    expect(summariseImport(customers, new Set(['b']))).toEqual({ customers: 3, originals: 3, created: 2, updated: 1 });
  });

  test('peekBackup reads the move count, and refuses what is not JSON', () => {
    expect(peekBackup('{"moves":[{},{}],"exportedAt":"2026-03-10T09:00:00.000Z"}')).toEqual({ moves: 2, exportedAt: '2026-03-10T09:00:00.000Z' });
    expect(peekBackup('{"format":"x"}')).toEqual({ moves: 0 });
    expect(peekBackup('not json')).toBeNull();
    expect(peekBackup('[1,2]')).toBeNull();
    expect(peekBackup('null')).toBeNull();
  });
});
