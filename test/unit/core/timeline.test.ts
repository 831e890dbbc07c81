/**
 * The dates a move's timeline draws (timelineDates) and the scale the figure spans (timelineSpan):
 * only dates the move records, the earliest original and purchase, the paid overlap between them.
 */
import { describe, expect, it } from 'vitest';
import type { Move, OriginalSubscription, ProvisionedSubscription } from '../../../src/core/model';
import { timelineDates, timelineSpan, type TimelineDates } from '../../../src/core/timeline';

const A = '00000000-0000-4000-8000-00000000000a';

function original(expiresOn: string, id = 'o1'): OriginalSubscription {
  return { id, offer: 'Office 365 E3', seats: 10, expiresOn, endBy: 'expire' };
}
function bought(provisionedOn: string, id = 'p1'): ProvisionedSubscription {
  return { id, offer: 'Microsoft 365 E3', seats: 10, provisionedOn };
}

function move(over: Partial<Move> = {}): Move {
  return {
    customerId: A,
    companyName: 'Contoso',
    domain: 'contoso.com',
    program: 'open',
    path: 'manual',
    step: 'planned',
    stepDates: {},
    originals: [],
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [],
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...over,
  };
}

const TODAY = '2027-01-10';

describe('timelineDates', () => {
  it('a new move with nothing recorded shows only today', () => {
    expect(timelineDates(move(), TODAY)).toStrictEqual({ today: TODAY });
  });

  it('shows the request day once the request is sent', () => {
    const d = timelineDates(move({ step: 'requested', stepDates: { requested: '2027-01-05' } }), TODAY);
    expect(d).toStrictEqual({ today: TODAY, requested: '2027-01-05' });
  });

  it('the end date is the earliest original end date, whatever the order the originals were entered', () => {
    const d = timelineDates(move({ originals: [original('2027-06-30', 'a'), original('2027-03-31', 'b'), original('2027-12-31', 'c')] }), TODAY);
    expect(d).toStrictEqual({ today: TODAY, endDate: '2027-03-31' });
  });

  it('the purchase is the first recorded purchase, whatever the order', () => {
    const d = timelineDates(move({ provisioned: [bought('2027-02-20', 'a'), bought('2027-02-01', 'b'), bought('2027-02-15', 'c')] }), TODAY);
    expect(d).toStrictEqual({ today: TODAY, purchased: '2027-02-01' });
  });

  it('a purchase before the end date gives a recorded paid overlap of the days in between', () => {
    const d = timelineDates(move({ originals: [original('2027-03-31')], provisioned: [bought('2027-03-01')] }), TODAY);
    expect(d.overlap).toEqual({ from: '2027-03-01', to: '2027-03-31', days: 30, recorded: true });
    expect(d.endDate).toBe('2027-03-31');
    expect(d.purchased).toBe('2027-03-01');
  });

  it('a purchase after the end date pays nothing twice: zero overlap days, never negative', () => {
    const d = timelineDates(move({ originals: [original('2027-03-31')], provisioned: [bought('2027-04-10')] }), TODAY);
    expect(d.overlap).toEqual({ from: '2027-04-10', to: '2027-03-31', days: 0, recorded: true });
  });

  it('no overlap without a purchase, nor without an original', () => {
    expect(timelineDates(move({ originals: [original('2027-03-31')] }), TODAY).overlap).toBeUndefined();
    expect(timelineDates(move({ provisioned: [bought('2027-03-01')] }), TODAY).overlap).toBeUndefined();
  });
});

describe('timelineSpan', () => {
  it('with only today the span is that day', () => {
    expect(timelineSpan({ today: TODAY })).toEqual({ from: TODAY, to: TODAY });
  });

  it('spans from the earliest to the latest of every date shown, in any field', () => {
    const d: TimelineDates = {
      today: '2027-01-10',
      requested: '2026-12-20',
      suggested: '2027-03-01',
      purchased: '2027-02-01',
      endDate: '2027-03-31',
      serviceEnd: '2027-04-30',
      window: { from: '2027-02-01', to: '2027-02-08' },
      overlap: { from: '2027-02-01', to: '2027-03-31', days: 58, recorded: true },
    };
    expect(timelineSpan(d)).toEqual({ from: '2026-12-20', to: '2027-04-30' });
  });

  it('a cancel window or an overlap alone stretches the span', () => {
    expect(timelineSpan({ today: TODAY, window: { from: '2026-12-01', to: '2027-02-01' } })).toEqual({ from: '2026-12-01', to: '2027-02-01' });
    expect(timelineSpan({ today: TODAY, overlap: { from: '2026-11-01', to: '2027-05-01', days: 181, recorded: false } })).toEqual({
      from: '2026-11-01',
      to: '2027-05-01',
    });
  });

  it('sorts the dates: a later today and an earlier end date still give the right ends', () => {
    expect(timelineSpan({ today: '2027-05-01', endDate: '2027-01-01', requested: '2027-03-01' })).toEqual({ from: '2027-01-01', to: '2027-05-01' });
  });

  it('the span of a move\'s own dates covers the request, the purchase and the end date', () => {
    const d = timelineDates(
      move({ stepDates: { requested: '2026-12-15' }, originals: [original('2027-03-31')], provisioned: [bought('2027-03-01')] }),
      TODAY,
    );
    expect(timelineSpan(d)).toEqual({ from: '2026-12-15', to: '2027-03-31' });
  });
});
