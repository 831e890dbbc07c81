import ICAL from 'ical.js';
import * as ics from 'ics';
import { pathSteps } from '../../../src/core/paths';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ICS_CALENDAR_NAME,
  ICS_PRODUCT_ID,
  MAX_LEAD_DAYS,
  expiriesToIcs,
  expiryEventUid,
  nextStepAdvice,
} from '../../../src/core/ical';
import { type Move, type OriginalSubscription, type Step } from '../../../src/core/model';

vi.mock('ics', async (importOriginal) => {
  const actual = await importOriginal<typeof ics>();
  return { ...actual, createEvents: vi.fn(actual.createEvents) };
});

const G1 = '2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87';
const G2 = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
/** Local midnight + 9 h on 2027-01-01, whatever the machine's time zone. */
const NOW = new Date(2027, 0, 1, 9, 0, 0);

function move(over: Partial<Move> = {}): Move {
  return {
    customerId: G1,
    companyName: 'Contoso',
    domain: 'contoso.com',
    program: 'open',
    path: 'manual',
    step: 'accepted',
    stepDates: { requested: '2026-12-01', accepted: '2026-12-05' },
    originals: [original()],
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [],
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-05T09:00:00.000Z',
    ...over,
  };
}

function original(over: Partial<OriginalSubscription> = {}): OriginalSubscription {
  return { id: 'o1', offer: 'Office 365 E3', seats: 25, expiresOn: '2027-03-31', endBy: 'expire', ...over };
}

interface Parsed {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  allDay: boolean;
  url: string;
  sequence: string;
  dtstamp: string;
  transp: string;
}

function parse(text: string): { calendar: ICAL.Component; events: Parsed[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v);
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate && event.endDate.isDate,
      url: String(v.getFirstPropertyValue('url')),
      sequence: String(v.getFirstPropertyValue('sequence')),
      dtstamp: String(v.getFirstPropertyValue('dtstamp')),
      transp: String(v.getFirstPropertyValue('transp')),
    };
  });
  return { calendar, events };
}

function events(moves: Move[], leads: number[] = [], now: Date = NOW): Parsed[] {
  return parse(expiriesToIcs(moves, leads, now)).events;
}

const ACCOUNT = `https://partner.microsoft.com/dashboard/v2/customers/${G1}/account`;
const PROVISION_BODY = `Customer ID: ${G1}\nPartner Center: ${ACCOUNT}`;

describe('helpers', () => {
  it('builds stable UIDs from customer, original and lead days', () => {
    expect(expiryEventUid(G1, 'o1', 0)).toBe(`${G1}-o1-0@csp-move-assistant`);
    expect(expiryEventUid(G1, 'o1', 30)).toBe(`${G1}-o1-30@csp-move-assistant`);
    expect(expiryEventUid('a,b', 'x;y\nz@', 7)).toBe('a%2Cb-x%3By%0Az%40-7@csp-move-assistant');
  });

  it.each<[Step, OriginalSubscription['endBy'], string]>([
    ['requested', 'expire', 'Next step: make sure the customer accepts the reseller relationship request, then provision the same offers in CSP before this date.'],
    ['accepted', 'cancel', 'Next step: provision the same offer and seats in CSP before this date, so users keep their licenses without reassignment.'],
    ['provisioned', 'expire', 'Next step: let this original subscription expire on this date; do not cancel it early (cancelled subscriptions get no refund).'],
    [
      'provisioned',
      'cancel',
      'Next step: the customer cancels this original subscription near this date (cancelled subscriptions get no refund; until then both are billed).',
    ],
    ['originals-ended', 'expire', 'Next step: check that the customer continues on the CSP subscriptions, then mark the move done.'],
  ])('advises at step %s (%s)', (step, endBy, advice) => {
    expect(nextStepAdvice(move({ step }), original({ endBy }))).toBe(advice);
  });
});

describe('expiriesToIcs', () => {
  afterEach(() => {
    vi.mocked(ics.createEvents).mockClear();
  });

  it('writes one all-day expiry event and one per reminder, with stable UIDs, text, URL and stamps', () => {
    const text = expiriesToIcs([move({ originals: [original({ skuId: 'sku-1' })] })], [7, 60, 30], NOW);
    const { calendar, events: list } = parse(text);
    expect(calendar.getFirstPropertyValue('prodid')).toBe(ICS_PRODUCT_ID);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(ICS_CALENDAR_NAME);
    expect(ICS_PRODUCT_ID).toBe('csp-move-assistant');
    expect(ICS_CALENDAR_NAME).toBe('CSP Move Assistant: expiries');
    const description = [
      'Contoso (contoso.com)',
      'Original subscription: Office 365 E3 (SKU sku-1), 25 seats, expires on 2027-03-31.',
      'Next step: provision the same offer and seats in CSP before this date, so users keep their licenses without reassignment.',
      `Customer ID: ${G1}`,
      `Partner Center: ${ACCOUNT}`,
    ].join('\n');
    const common = {
      description,
      allDay: true,
      url: ACCOUNT,
      sequence: String(Math.floor(NOW.getTime() / 60_000)),
      dtstamp: ICAL.Time.fromJSDate(NOW, true).toString(),
      transp: 'TRANSPARENT',
    };
    expect(list).toEqual([
      { ...common, uid: `${G1}-o1-0@csp-move-assistant`, summary: 'Expires: Office 365 E3 — Contoso', start: '2027-03-31', end: '2027-04-01' },
      {
        ...common,
        uid: `${G1}-o1-60@csp-move-assistant`,
        summary: 'Reminder: Office 365 E3 — Contoso expires in 60 days (2027-03-31)',
        start: '2027-01-30',
        end: '2027-01-31',
      },
      {
        ...common,
        uid: `${G1}-o1-30@csp-move-assistant`,
        summary: 'Reminder: Office 365 E3 — Contoso expires in 30 days (2027-03-31)',
        start: '2027-03-01',
        end: '2027-03-02',
      },
      {
        ...common,
        uid: `${G1}-o1-7@csp-move-assistant`,
        summary: 'Reminder: Office 365 E3 — Contoso expires in 7 days (2027-03-31)',
        start: '2027-03-24',
        end: '2027-03-25',
      },
      // Nothing provisioned yet (#17): Open keeps access 30 days, so provision by 2027-04-29
      // (service end − 1), reminded on the suggested day, the end date.
      { ...common, description: PROVISION_BODY, uid: `${G1}-provision-by-2027-04-29@csp-move-assistant`, summary: 'Provision by: Contoso (2027-04-29)', start: '2027-04-29', end: '2027-04-30' },
      {
        ...common,
        description: PROVISION_BODY,
        uid: `${G1}-provision-by-2027-04-29-2027-03-31@csp-move-assistant`,
        summary: 'Reminder: provision in CSP — Contoso',
        start: '2027-03-31',
        end: '2027-04-01',
      },
    ]);
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20270331\r\nDTEND;VALUE=DATE:20270401\r\n');
    expect(text).toContain('\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n');
  });

  it('carries the provision-by deadline and suggested day by the program and the partner\'s EA lead (#17)', () => {
    const ea = move({ program: 'ea', path: 'ea-channel-transfer' });
    const provision = (rules?: { eaLeadDays: number; acceptanceDays: number }) =>
      parse(expiriesToIcs([ea], [], NOW, rules ? { rules } : {})).events.filter((e) => e.uid.includes('-provision-by-')).map((e) => [e.start, e.summary]);
    // EA: access ends on the end date (2027-03-31): provision by the day before; suggested 3 days before the end.
    expect(provision()).toEqual([
      ['2027-03-30', 'Provision by: Contoso (2027-03-30)'],
      ['2027-03-28', 'Reminder: provision in CSP — Contoso'],
    ]);
    expect(provision({ eaLeadDays: 10, acceptanceDays: 14 })).toEqual([
      ['2027-03-30', 'Provision by: Contoso (2027-03-30)'],
      ['2027-03-21', 'Reminder: provision in CSP — Contoso'],
    ]);
    // Provisioned: no provision-by events.
    expect(events([move({ step: 'provisioned' })]).filter((e) => e.uid.includes('-provision-by-'))).toEqual([]);
  });

  it('keeps all-day dates whatever the time zone', () => {
    const saved = process.env.TZ;
    try {
      const outputs = ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC', 'Asia/Taipei'].map((tz) => {
        process.env.TZ = tz;
        return expiriesToIcs([move()], [1], new Date(Date.UTC(2027, 0, 1, 12)));
      });
      for (const out of outputs) {
        expect(out).toContain('\r\nDTSTART;VALUE=DATE:20270331\r\nDTEND;VALUE=DATE:20270401\r\n');
        expect(out).toContain('\r\nDTSTART;VALUE=DATE:20270330\r\nDTEND;VALUE=DATE:20270331\r\n');
        expect(out).toBe(outputs[0]);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('computes reminder days on the calendar (month ends, leap day)', () => {
    const list = events([move({ originals: [original({ expiresOn: '2028-03-01' })] })], [1, 366]);
    expect(list.map((e) => [e.start, e.end, e.summary])).toEqual([
      ['2028-03-01', '2028-03-02', 'Expires: Office 365 E3 — Contoso'],
      ['2027-03-01', '2027-03-02', 'Reminder: Office 365 E3 — Contoso expires in 366 days (2028-03-01)'],
      ['2028-02-29', '2028-03-01', 'Reminder: Office 365 E3 — Contoso expires in 1 day (2028-03-01)'],
      // Provision by: 30 days of access after 2028-03-01, less one, across the leap month (#17).
      ['2028-03-30', '2028-03-31', 'Provision by: Contoso (2028-03-30)'],
      ['2028-03-01', '2028-03-02', 'Reminder: provision in CSP — Contoso'],
    ]);
  });

  it('keeps a reminder on today (local day of now) and drops earlier ones; the expiry stays even when past', () => {
    const uids = (now: Date) => events([move()], [30], now).map((e) => e.uid);
    // The provision-by deadline (2027-04-29) stays like the expiry; its reminder on the suggested
    // day (2027-03-31) follows the same rule as the expiry's reminders (#17).
    const deadline = `${G1}-provision-by-2027-04-29@csp-move-assistant`;
    const suggested = `${G1}-provision-by-2027-04-29-2027-03-31@csp-move-assistant`;
    const both = [`${G1}-o1-0@csp-move-assistant`, `${G1}-o1-30@csp-move-assistant`, deadline, suggested];
    expect(uids(new Date(2027, 2, 1, 0, 0, 0))).toEqual(both);
    expect(uids(new Date(2027, 2, 1, 23, 59, 59))).toEqual(both);
    expect(uids(new Date(2027, 1, 28, 23, 59, 59))).toEqual(both);
    expect(uids(new Date(2027, 2, 2, 0, 0, 0))).toEqual([`${G1}-o1-0@csp-move-assistant`, deadline, suggested]);
    expect(uids(new Date(2027, 2, 31, 23, 59, 59))).toEqual([`${G1}-o1-0@csp-move-assistant`, deadline, suggested]);
    expect(uids(new Date(2027, 3, 1, 0, 0, 0))).toEqual([`${G1}-o1-0@csp-move-assistant`, deadline]);
    expect(uids(new Date(2028, 0, 1))).toEqual([`${G1}-o1-0@csp-move-assistant`, deadline]);
  });

  it(`ignores lead days that are not whole numbers from 1 to ${MAX_LEAD_DAYS}, and duplicates`, () => {
    const list = events(
      [move({ originals: [original({ expiresOn: '2029-12-31' })] })],
      [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 30, 30, 367, 366, 1, 2],
    );
    // Then the provision-by deadline and its reminder (#17), which lead days do not change.
    expect(list.map((e) => e.uid)).toEqual([
      ...[0, 366, 30, 2, 1].map((n) => expiryEventUid(G1, 'o1', n)),
      `${G1}-provision-by-2030-01-29@csp-move-assistant`,
      `${G1}-provision-by-2030-01-29-2029-12-31@csp-move-assistant`,
    ]);
    expect(MAX_LEAD_DAYS).toBe(366);
  });

  it('skips moves at step done and covers every other step, every original', () => {
    const MANUAL = pathSteps('manual');
    const moves = MANUAL.map((step, i) =>
      move({
        step,
        customerId: `0000000${i}-0b4d-4e8a-9c3f-6d2b1a0e9f87`,
        originals: [original({ id: 'a' }), original({ id: 'b', offer: 'Visio', expiresOn: '2027-06-30' })],
      }),
    );
    // The originals' events (the decisions' own events are tested below).
    const list = events(moves).filter((e) => /-[ab]-0@/.test(e.uid));
    expect(list.map((e) => e.uid)).toEqual(
      MANUAL.filter((s) => s !== 'done').flatMap((_, i) => ['a', 'b'].map((id) => expiryEventUid(`0000000${i}-0b4d-4e8a-9c3f-6d2b1a0e9f87`, id, 0))),
    );
    expect(list[2]!.description).toContain(nextStepAdvice(moves[1]!, moves[1]!.originals[0]!));
  });

  it('describes a move without domain or SKU plainly, and with an empty SKU the same way', () => {
    const [a] = events([move({ domain: '', step: 'requested', originals: [original({ skuId: '' })] })]);
    expect(a!.description.split('\n').slice(0, 2)).toEqual(['Contoso', 'Original subscription: Office 365 E3, 25 seats, expires on 2027-03-31.']);
  });

  it('writes an empty but valid calendar for no moves, no originals or only done moves', () => {
    for (const moves of [[], [move({ originals: [] })], [move({ step: 'done' })]]) {
      const { calendar, events: list } = parse(expiriesToIcs(moves, [30], NOW));
      expect(list).toEqual([]);
      expect(calendar.name).toBe('vcalendar');
    }
  });

  it('keeps UIDs stable across exports and raises the sequence for a later one', () => {
    const first = events([move()], [30], NOW);
    const later = events([move({ companyName: 'Contoso Ltd' })], [30], new Date(NOW.getTime() + 86_400_000));
    expect(later.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    expect(Number(later[0]!.sequence)).toBe(Number(first[0]!.sequence) + 1440);
  });

  it('escapes hostile text so that it parses back exactly (summaries on one line)', () => {
    const hostile = '台灣, "微軟"; 股份\\有限公司\r\nLine 2\rLine 3\nLine 4\t😀 =cmd|\' ,;:';
    const long = '長'.repeat(10_000);
    const text = expiriesToIcs(
      [
        move({ companyName: hostile, domain: 'a;b,c', originals: [original({ offer: 'E3:\n"x"', skuId: 'sku,1;2' })] }),
        move({ customerId: G2, companyName: long, originals: [original({ id: 'x,y;z', offer: 'bell\u0007nul\u0000esc\u001bdel\u007f' })] }),
      ],
      [30],
      NOW,
    );
    const list = parse(text).events;
    const cleanHostile = '台灣, "微軟"; 股份\\有限公司\nLine 2\nLine 3\nLine 4\t😀 =cmd|\' ,;:';
    expect(list[0]!.summary).toBe(`Expires: E3: "x" — ${cleanHostile.replace(/\n/g, ' ')}`);
    expect(list[0]!.description.split('\n').slice(0, 6)).toEqual([
      '台灣, "微軟"; 股份\\有限公司',
      'Line 2',
      'Line 3',
      'Line 4\t😀 =cmd|\' ,;: (a;b,c)',
      'Original subscription: E3:',
      '"x" (SKU sku,1;2), 25 seats, expires on 2027-03-31.',
    ]);
    expect(list[1]!.summary).toBe(`Reminder: E3: "x" — ${cleanHostile.replace(/\n/g, ' ')} expires in 30 days (2027-03-31)`);
    expect(list[2]!.summary).toBe(`Expires: bellnulescdel — ${long}`);
    expect(list[2]!.uid).toBe(`${G2}-x%2Cy%3Bz-0@csp-move-assistant`);
    expect(list[2]!.description.startsWith(`${long} (contoso.com)\nOriginal subscription: bellnulescdel, 25 seats`)).toBe(true);
    // Every physical line is CRLF-terminated, folded, and free of raw control characters.
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.split('\r\n');
    for (const l of lines) {
      expect(Array.from(l).length).toBeLessThanOrEqual(75);
      expect(l).not.toMatch(/[\u0000-\u0008\n\r\u000B-\u001F\u007F]/);
    }
  });

  it('collapses runs of line breaks in summaries into one space', () => {
    const [expiry] = events([move({ companyName: 'A\n\n\r\nB' })]);
    expect(expiry!.summary).toBe('Expires: Office 365 E3 — A B');
    expect(expiry!.description.startsWith('A\n\n\nB (contoso.com)\n')).toBe(true);
  });

  it('refuses an original without a valid expiry date with a clear message', () => {
    for (const expiresOn of ['2027-02-30', '31/03/2027', '', '9999-12-31']) {
      expect(() => expiriesToIcs([move({ originals: [original({ expiresOn })] })], [], NOW)).toThrow(
        new Error(`Cannot build the expiry calendar: original "o1" of customer ${G1} has no valid expiry date (${JSON.stringify(expiresOn)}).`),
      );
    }
    expect(() => expiriesToIcs([move({ originals: [original({ expiresOn: '1000-01-05' })] })], [30], new Date(1000, 0, 1))).toThrow(
      'has no valid expiry date ("1000-01-05")',
    );
    expect(() => expiriesToIcs([move({ step: 'done', originals: [original({ expiresOn: 'x' })] })], [], NOW)).not.toThrow();
  });

  it('passes the header attributes to ics', () => {
    expiriesToIcs([move()], [], NOW);
    expect(vi.mocked(ics.createEvents).mock.calls[0]![1]).toEqual({ productId: ICS_PRODUCT_ID, calName: ICS_CALENDAR_NAME });
  });

  it('throws a clear Error when ics reports one', () => {
    const boom = new Error('title must be a string');
    vi.mocked(ics.createEvents).mockImplementationOnce((() => ({ error: boom, value: null })) as unknown as typeof ics.createEvents);
    let thrown: unknown;
    try {
      expiriesToIcs([move()], [], NOW);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe('Cannot build the expiry calendar: title must be a string');
    expect((thrown as Error).cause).toBe(boom);
    vi.mocked(ics.createEvents).mockImplementationOnce((() => ({ error: null, value: null })) as unknown as typeof ics.createEvents);
    expect(() => expiriesToIcs([move()], [], NOW)).toThrow(new Error('Cannot build the expiry calendar: no output'));
  });

  it('surfaces a real ics validation error', async () => {
    const actual = await vi.importActual<typeof ics>('ics');
    vi.mocked(ics.createEvents).mockImplementationOnce(((evts: ics.EventAttributes[], header: ics.HeaderAttributes) =>
      actual.createEvents(
        evts.map((e) => ({ ...e, url: 'not a url' })),
        header,
      )) as unknown as typeof ics.createEvents);
    expect(() => expiriesToIcs([move()], [], NOW)).toThrow(/^Cannot build the expiry calendar: url must match/);
  });
});

describe('the decisions in the calendar', () => {
  it('carries the request expiry, its nudge and the reminders of the other decisions, with stable UIDs', async () => {
    const { expiriesToIcs: build } = await import('../../../src/core/ical');
    const { createMove: create } = await import('../../../src/core/steps');
    const move = create({ customerId: '00000000-0000-4000-8000-000000000001', companyName: 'Contoso', step: 'requested', originals: [] }, new Date(2026, 0, 1, 12));
    const ics = build([move], [], new Date(2026, 0, 1, 12), { nudgeAfterDays: 10 }).replace(/\r\n[ \t]/g, '');
    expect(ics).toContain('SUMMARY:Relationship request expires: Contoso (2026-04-01)');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260401');
    expect(ics).toContain('SUMMARY:Reminder: the customer has not accepted the relationship request — Contoso');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260111');
    expect(ics).toContain('UID:00000000-0000-4000-8000-000000000001-request-expires-2026-04-01@csp-move-assistant');
    // A done move: nothing.
    expect(build([{ ...move, step: 'done' }], [], new Date(2026, 0, 1, 12))).not.toContain('Relationship request');
  });
});
