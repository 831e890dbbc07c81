/**
 * More of the CSV import and export: error messages name the column as the partner's header spells
 * it, a bad step or step day leaves the row out (no follow-on errors), what a file without progress
 * columns gives, originals told apart by sku_id, and the export of a move with no path or due day.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, EXPORT_COLUMNS, movesToCsv, parseOriginalsCsv } from '../../../src/core/csv';
import type { Move } from '../../../src/core/model';

const G1 = '2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87';

function csv(header: string[], ...rows: string[][]): string {
  return [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

const H = ['customer_id', 'company_name', 'domain', 'program', 'offer', 'sku_id', 'seats', 'expires_on'];
const R = [G1, 'Contoso', 'contoso.com', 'open', 'Office 365 E3', '', '10', '2027-03-31'];

describe('messages name the column as the header spells it', () => {
  it('a data column header with spaces around it is named without them', () => {
    const header = H.map((h) => (h === 'seats' ? '  Seats  ' : h));
    const r = parseOriginalsCsv(csv(header, R.map((c, i) => (H[i] === 'seats' ? 'ten' : c))));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/^Row 2, column "Seats": "ten" /);
  });

  it('a bad step names the step column as spelt, and lists the steps', () => {
    const r = parseOriginalsCsv(csv([...H, ' Step '], [...R, 'finished']));
    expect(r.errors).toEqual([
      {
        row: 2,
        column: 'step',
        code: 'bad-step',
        value: 'finished',
        message:
          'Row 2, column "Step": "finished" is not a step (planned, requested, accepted, provisioned, originals-ended, csp-scheduled, ea-ended, transfer-requested, transfer-approved, done).',
      },
    ]);
  });

  it('a bad step day names its column as spelt', () => {
    const r = parseOriginalsCsv(csv([...H, 'Accepted On'], [...R, '2027-02-30']));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'accepted_on', code: 'bad-date', value: '2027-02-30' });
    expect(r.errors[0]!.message).toMatch(/^Row 2, column "Accepted On": "2027-02-30" /);
  });

  it('with the step column twice, the first one is read', () => {
    const r = parseOriginalsCsv(csv([...H, 'step', 'Step'], [...R, 'accepted', 'bogus']));
    expect(r.errors).toEqual([]);
    expect(r.customers[0]!.step).toBe('accepted');
  });
});

describe('a row with a bad step or step day is left out, with only its own error', () => {
  it('bad step: no conflict reported against the next row of the same customer', () => {
    const r = parseOriginalsCsv(
      csv([...H, 'step'], [...R, 'bogus'], [G1, 'Contoso Ltd', 'contoso.com', 'open', 'Office 365 E1', '', '5', '2027-03-31', 'accepted']),
    );
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[2, 'bad-step']]);
    expect(r.lines).toEqual([]);
    expect(r.customers).toEqual([]);
  });

  it('bad step day: no conflict reported against the next row of the same customer', () => {
    const r = parseOriginalsCsv(
      csv([...H, 'accepted_on'], [...R, '31/02/2027'], [G1, 'Contoso Ltd', 'contoso.com', 'open', 'Office 365 E1', '', '5', '2027-03-31', '']),
    );
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[2, 'bad-date']]);
  });
});

describe('what a file gives', () => {
  it('without progress columns the customer has no step, path or step days (not empty ones)', () => {
    const r = parseOriginalsCsv(csv(H, R));
    expect(r.ok).toBe(true);
    const c = r.customers[0]!;
    expect('step' in c).toBe(false);
    expect('path' in c).toBe(false);
    expect('stepDates' in c).toBe(false);
  });

  it('the same offer and end date with two sku_ids are two originals, not a duplicate', () => {
    const r = parseOriginalsCsv(
      csv(H, [G1, 'Contoso', 'contoso.com', 'open', 'Office 365 E3', 'SKU-A', '10', '2027-03-31'], [G1, 'Contoso', 'contoso.com', 'open', 'Office 365 E3', 'SKU-B', '5', '2027-03-31']),
    );
    expect(r.errors).toEqual([]);
    expect(r.customers[0]!.originals.map((o) => [o.skuId, o.seats])).toEqual([
      ['SKU-A', 10],
      ['SKU-B', 5],
    ]);
  });

  it('the same offer, sku_id and end date twice is a duplicate', () => {
    const row = [G1, 'Contoso', 'contoso.com', 'open', 'Office 365 E3', 'SKU-A', '10', '2027-03-31'];
    const r = parseOriginalsCsv(csv(H, row, row));
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[3, 'duplicate-row']]);
  });

  it('a failed import previews no lines', () => {
    const r = parseOriginalsCsv(csv(H, R, [G1, 'Contoso', 'contoso.com', 'open', 'Office 365 E1', '', 'x', '2027-03-31']));
    expect(r.ok).toBe(false);
    expect(r.lines).toEqual([]);
  });
});

describe('movesToCsv', () => {
  function move(over: Partial<Move> = {}): Move {
    return {
      customerId: G1,
      companyName: 'Contoso',
      domain: 'contoso.com',
      program: 'open',
      path: 'manual',
      step: 'requested',
      stepDates: { requested: '2026-01-05' },
      originals: [{ id: 'o1', offer: 'Office 365 E3', seats: 10, expiresOn: '2027-03-31', endBy: 'expire' }],
      provisioned: [],
      licensesReassigned: false,
      notes: '',
      history: [],
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-01-05T09:00:00.000Z',
      ...over,
    };
  }
  function rows(text: string): Array<Record<string, string>> {
    return Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
  }

  it('a stored move with no path (before paths existed) exports an empty path cell', () => {
    const { path: _omit, ...legacy } = move();
    const r = rows(movesToCsv([legacy as Move]))[0]!;
    expect(r.path).toBe('');
    expect(r.step).toBe('requested');
  });

  it('a next action with no due day exports an empty due_on cell', () => {
    const r = rows(movesToCsv([move()], () => ({ nextAction: 'Send the request' })))[0]!;
    expect(r.next_action).toBe('Send the request');
    expect(r.due_on).toBe('');
    const d = rows(movesToCsv([move()], () => ({ nextAction: 'Provision', dueOn: '2027-03-01' })))[0]!;
    expect(d.due_on).toBe('2027-03-01');
  });

  it('every row has the export columns, in order', () => {
    const text = movesToCsv([move()]);
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(CSV_COLUMNS.every((c) => (EXPORT_COLUMNS as readonly string[]).includes(c))).toBe(true);
  });
});
