import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../src/core/dates';
import type { Move, OriginalSubscription, Step } from '../../../src/core/model';
import {
  DEFAULT_LEAD_DAYS,
  dueReminders,
  nextReminderDay,
  pruneAcknowledged,
  reminderKey,
  remindersFor,
  type Reminder,
} from '../../../src/core/reminders';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const NONE: ReadonlySet<string> = new Set();

function orig(id: string, expiresOn: string, offer = 'Office 365 E3'): OriginalSubscription {
  return { id, offer, seats: 5, expiresOn, endBy: 'expire' };
}

function mv(customerId: string, originals: OriginalSubscription[], step: Step = 'provisioned', companyName = 'Contoso'): Move {
  return {
    customerId,
    companyName,
    domain: '',
    program: 'open',
    step,
    stepDates: {},
    originals,
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('DEFAULT_LEAD_DAYS and reminderKey', () => {
  it('reminds 60, 30, 14, 7 and 1 days ahead', () => {
    expect(DEFAULT_LEAD_DAYS).toEqual([60, 30, 14, 7, 1]);
  });

  it('names customer, original, expiry and lead', () => {
    expect(reminderKey(A, 'o1', '2026-06-30', 7)).toBe(`${A}/o1/2026-06-30/7`);
    expect(reminderKey(A, 'o1', '2026-06-30', 7)).not.toBe(reminderKey(A, 'o1', '2026-07-01', 7));
    expect(reminderKey(A, 'o1', '2026-06-30', 7)).not.toBe(reminderKey(A, 'o2', '2026-06-30', 7));
    expect(reminderKey(A, 'o1', '2026-06-30', 7)).not.toBe(reminderKey(B, 'o1', '2026-06-30', 7));
    expect(reminderKey(A, 'o1', '2026-06-30', 7)).not.toBe(reminderKey(A, 'o1', '2026-06-30', 1));
  });
});

describe('remindersFor', () => {
  it('gives one reminder per lead day and the day itself, for every original', () => {
    const m = mv(A, [orig('o1', '2026-06-30', 'E3'), orig('o2', '2026-09-30', 'EXO')], 'accepted', 'Fabrikam');
    const rs = remindersFor(m, [30, 7]);
    expect(rs).toEqual([
      { key: `${A}/o1/2026-06-30/30`, customerId: A, companyName: 'Fabrikam', originalId: 'o1', offer: 'E3', expiresOn: '2026-06-30', leadDays: 30, remindOn: '2026-05-31' },
      { key: `${A}/o1/2026-06-30/7`, customerId: A, companyName: 'Fabrikam', originalId: 'o1', offer: 'E3', expiresOn: '2026-06-30', leadDays: 7, remindOn: '2026-06-23' },
      { key: `${A}/o1/2026-06-30/0`, customerId: A, companyName: 'Fabrikam', originalId: 'o1', offer: 'E3', expiresOn: '2026-06-30', leadDays: 0, remindOn: '2026-06-30' },
      { key: `${A}/o2/2026-09-30/30`, customerId: A, companyName: 'Fabrikam', originalId: 'o2', offer: 'EXO', expiresOn: '2026-09-30', leadDays: 30, remindOn: '2026-08-31' },
      { key: `${A}/o2/2026-09-30/7`, customerId: A, companyName: 'Fabrikam', originalId: 'o2', offer: 'EXO', expiresOn: '2026-09-30', leadDays: 7, remindOn: '2026-09-23' },
      { key: `${A}/o2/2026-09-30/0`, customerId: A, companyName: 'Fabrikam', originalId: 'o2', offer: 'EXO', expiresOn: '2026-09-30', leadDays: 0, remindOn: '2026-09-30' },
    ]);
  });

  it('uses each lead once, largest first, and ignores unusable ones', () => {
    const leads = remindersFor(mv(A, [orig('o1', '2026-06-30')]), [7, 60, 7, 0, -3, 1.5, NaN]).map((r) => r.leadDays);
    expect(leads).toEqual([60, 7, 0]);
  });

  it('reminds on the day itself with no lead days at all', () => {
    expect(remindersFor(mv(A, [orig('o1', '2026-06-30')]), []).map((r) => r.remindOn)).toEqual(['2026-06-30']);
  });

  it.each(['requested', 'accepted', 'provisioned'] as const)('reminds at %s', (step) => {
    expect(remindersFor(mv(A, [orig('o1', '2026-06-30')], step), [1])).toHaveLength(2);
  });

  it.each(['originals-ended', 'done'] as const)('stays quiet at %s', (step) => {
    expect(remindersFor(mv(A, [orig('o1', '2026-06-30')], step), DEFAULT_LEAD_DAYS)).toEqual([]);
  });

  it('skips a reminder that would fall before year 1000', () => {
    expect(remindersFor(mv(A, [orig('o1', '1000-01-08')]), [7, 8]).map((r) => r.remindOn)).toEqual(['1000-01-01', '1000-01-08']);
  });

  it('puts each reminder exactly its lead before the expiry', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n)),
        fc.uniqueArray(fc.integer({ min: 0, max: 365 }), { maxLength: 6 }),
        (expiry, leadDays) => {
          const rs = remindersFor(mv(A, [orig('o1', expiry)]), leadDays);
          expect(rs).toHaveLength(new Set([...leadDays, 0]).size);
          for (const r of rs) expect(daysBetween(r.remindOn, r.expiresOn)).toBe(r.leadDays);
        },
      ),
    );
  });
});

describe('dueReminders', () => {
  const june = mv(A, [orig('o1', '2026-06-30')]);
  const leads = [30, 14, 7, 1];

  it('without a previous check, gives only the reminders due today', () => {
    expect(dueReminders([june], leads, undefined, '2026-06-23', NONE).map((r) => r.key)).toEqual([`${A}/o1/2026-06-30/7`]);
    expect(dueReminders([june], leads, undefined, '2026-06-24', NONE)).toEqual([]);
  });

  it('gives the reminders due after the last check, up to and including today', () => {
    expect(dueReminders([june], leads, '2026-06-22', '2026-06-23', NONE).map((r) => r.leadDays)).toEqual([7]);
    expect(dueReminders([june], leads, '2026-06-23', '2026-06-23', NONE)).toEqual([]);
    expect(dueReminders([june], leads, '2026-06-23', '2026-06-28', NONE)).toEqual([]);
    expect(dueReminders([june], leads, '2026-06-28', '2026-06-29', NONE).map((r) => r.leadDays)).toEqual([1]);
  });

  it('fires missed reminders once per original: the one closest to the expiry', () => {
    const due = dueReminders([june], leads, '2026-05-01', '2026-06-25', NONE);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ originalId: 'o1', leadDays: 7, remindOn: '2026-06-23' });
  });

  it('fires the expiry day itself once, even long after', () => {
    const due = dueReminders([june], leads, '2026-05-01', '2026-09-01', NONE);
    expect(due.map((r) => r.leadDays)).toEqual([0]);
  });

  it('leaves out acknowledged reminders, then collapses what remains', () => {
    const ack = new Set([`${A}/o1/2026-06-30/7`]);
    expect(dueReminders([june], leads, '2026-05-01', '2026-06-25', ack).map((r) => r.leadDays)).toEqual([14]);
    expect(dueReminders([june], leads, '2026-06-22', '2026-06-23', ack)).toEqual([]);
  });

  it('gives one reminder for each original and customer, soonest expiry first', () => {
    const a = mv(A, [orig('o1', '2026-07-30'), orig('o2', '2026-06-30')], 'accepted', 'Zeta');
    const b = mv(B, [orig('o1', '2026-06-30')], 'requested', 'Alpha');
    const due = dueReminders([a, b], leads, '2026-05-01', '2026-07-01', NONE);
    expect(due.map((r) => `${r.companyName}/${r.originalId}/${r.leadDays}`)).toEqual(['Alpha/o1/0', 'Zeta/o2/0', 'Zeta/o1/30']);
  });

  it('orders equal expiries by company, then customer id, then original id', () => {
    const x = mv(B, [orig('o2', '2026-06-30'), orig('o1', '2026-06-30')], 'accepted', 'Same');
    const y = mv(A, [orig('o9', '2026-06-30')], 'accepted', 'Same');
    const z = mv(B.replace('b', 'c'), [orig('o1', '2026-06-30')], 'accepted', 'Earlier');
    const due = dueReminders([x, y, z], [], undefined, '2026-06-30', NONE);
    expect(due.map((r) => `${r.customerId.slice(-1)}/${r.originalId}`)).toEqual(['c/o1', 'a/o9', 'b/o1', 'b/o2']);
  });

  it('ignores moves whose originals have ended', () => {
    expect(dueReminders([mv(A, [orig('o1', '2026-06-30')], 'done')], leads, undefined, '2026-06-30', NONE)).toEqual([]);
  });

  it('gives nothing when the clock went backwards', () => {
    expect(dueReminders([june], leads, '2026-06-29', '2026-06-23', NONE)).toEqual([]);
  });

  it('over any series of daily checks, fires each original at most once a day and never an acknowledged key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 15 }),
        (expiryOffsets, gaps) => {
          const move = mv(A, expiryOffsets.map((d, i) => orig(`o${i + 1}`, addDays('2026-03-01', d))));
          const acknowledged = new Set<string>();
          let last: string | undefined;
          let day = '2026-01-01';
          const fired: Reminder[] = [];
          for (const gap of gaps) {
            day = addDays(day, gap);
            const due = dueReminders([move], DEFAULT_LEAD_DAYS, last, day, acknowledged);
            expect(new Set(due.map((r) => r.originalId)).size).toBe(due.length);
            for (const r of due) {
              expect(acknowledged.has(r.key)).toBe(false);
              expect(r.remindOn <= day).toBe(true);
              if (last !== undefined) expect(r.remindOn > last).toBe(true);
              acknowledged.add(r.key);
              fired.push(r);
            }
            last = day;
          }
          expect(new Set(fired.map((r) => r.key)).size).toBe(fired.length);
        },
      ),
    );
  });
});

describe('nextReminderDay', () => {
  it('is the first reminder day strictly after today', () => {
    const a = mv(A, [orig('o1', '2026-06-30')]);
    const b = mv(B, [orig('o1', '2026-06-10')]);
    expect(nextReminderDay([a, b], [30, 7], '2026-05-01')).toBe('2026-05-11');
    expect(nextReminderDay([a, b], [30, 7], '2026-05-11')).toBe('2026-05-31');
    expect(nextReminderDay([a, b], [30, 7], '2026-06-10')).toBe('2026-06-23');
    expect(nextReminderDay([a, b], [30, 7], '2026-06-29')).toBe('2026-06-30');
  });

  it('is undefined when nothing is left to remind', () => {
    expect(nextReminderDay([mv(A, [orig('o1', '2026-06-30')])], [30], '2026-06-30')).toBeUndefined();
    expect(nextReminderDay([mv(A, [orig('o1', '2026-06-30')], 'done')], [30], '2026-01-01')).toBeUndefined();
    expect(nextReminderDay([], [30], '2026-01-01')).toBeUndefined();
  });

  it('agrees with remindersFor', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 200 }), { maxLength: 4 }), fc.integer({ min: 0, max: 60 }), (offsets, t) => {
        const today = addDays('2026-03-01', t);
        const move = mv(A, offsets.map((d, i) => orig(`o${i + 1}`, addDays('2026-03-01', d))));
        const days = remindersFor(move, DEFAULT_LEAD_DAYS).map((r) => r.remindOn).filter((d) => d > today).sort();
        expect(nextReminderDay([move], DEFAULT_LEAD_DAYS, today)).toBe(days[0]);
      }),
    );
  });
});

describe('pruneAcknowledged', () => {
  it('keeps the keys of reminders that still exist, once each', () => {
    const m = mv(A, [orig('o1', '2026-06-30')]);
    const live = `${A}/o1/2026-06-30/7`;
    const stale = [`${A}/o1/2026-05-31/7`, `${B}/o1/2026-06-30/7`, `${A}/o1/2026-06-30/3`];
    expect(pruneAcknowledged([live, ...stale, live], [m], [7])).toEqual([live]);
    expect(pruneAcknowledged([live], [{ ...m, step: 'done' }], [7])).toEqual([]);
  });
});
