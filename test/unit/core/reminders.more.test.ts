/**
 * Reminders, more: the edges reminders.test.ts leaves open (the order callers see, the stored
 * state's bookkeeping, the earliest representable days, the 09:00 start of a reminder day).
 */
import { describe, expect, it } from 'vitest';
import {
  byUrgency,
  checked,
  dueByDay,
  dueReminders,
  nextReminderDay,
  pruneState,
  reminderDayAt,
  remindersOf,
  snooze,
  standingReminders,
  subjectOf,
  type DecisionFacts,
  type Reminder,
  type ReminderState,
} from '../../../src/core/reminders';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const S = { leadDays: [30, 7], nudgeAfterDays: 14 };
const NONE: ReminderState = { acknowledged: [], snoozed: {} };

function facts(over: Partial<DecisionFacts> = {}): DecisionFacts {
  return {
    customerId: A,
    companyName: 'Contoso',
    done: false,
    originalsEnded: false,
    originals: [{ id: 'o1', offer: 'Office 365 E3', endsOn: '2026-06-30', endBy: 'expire', actor: 'nobody' }],
    ...over,
  };
}

const on = (rs: readonly Reminder[]) => rs.map((r) => r.remindOn);
const kinds = (rs: readonly Reminder[]) => rs.map((r) => r.kind);

/** One original ending 30 June: reminded 31 May, 23 June and 30 June (one subject). */
const all = remindersOf(facts(), S);
const subject = subjectOf('original-ends', A, 'o1', '2026-06-30');

describe('what each reminder carries', () => {
  it('names the customer and company it is about', () => {
    const rs = remindersOf(facts({ customerId: B, companyName: 'Fabrikam', windowCloses: '2026-07-06', requestedOn: '2026-01-01' }), S);
    expect(rs.length).toBeGreaterThan(3);
    for (const r of rs) expect(r).toMatchObject({ customerId: B, companyName: 'Fabrikam' });
  });

  it('gives each occurrence its own key: the subject and the day', () => {
    expect(all.map((r) => r.key)).toEqual([`${subject}@2026-05-31`, `${subject}@2026-06-23`, `${subject}@2026-06-30`]);
  });

  it('the new-commerce window has a stable subject (acknowledgements are stored against it)', () => {
    const [r] = remindersOf(facts({ originals: [], windowCloses: '2026-07-06' }), S);
    expect(r!.subject).toBe(subjectOf('window-closes', A, 'csp', '2026-07-06'));
  });

  it('a nudge falling on the expiry notice day is not repeated: only the notice', () => {
    // 90 - 7 = 83 days after the request: the notice day itself.
    const rs = remindersOf(facts({ originals: [], requestedOn: '2026-01-01' }), { ...S, nudgeAfterDays: 83 });
    expect(kinds(rs)).toEqual(['request-expires']);
    const dayBefore = remindersOf(facts({ originals: [], requestedOn: '2026-01-01' }), { ...S, nudgeAfterDays: 82 });
    expect(kinds(dayBefore)).toEqual(['request-nudge', 'request-expires']);
  });

  it('near the first representable day: the lead days that fit, no error for those that do not', () => {
    const near = (endsOn: string) => remindersOf(facts({ originals: [{ ...facts().originals[0]!, endsOn }] }), S);
    // 1000-01-08 minus 7 is 1000-01-01, the first day: it fits; 30 days before does not.
    expect(on(near('1000-01-08'))).toEqual(['1000-01-01', '1000-01-08']);
    expect(on(near('1000-01-05'))).toEqual(['1000-01-05']);
    // The window reminder is the day before: none when that day is not representable.
    expect(remindersOf(facts({ originals: [], windowCloses: '1000-01-01' }), S)).toEqual([]);
  });
});

describe('byUrgency', () => {
  const [first, second, third] = all as [Reminder, Reminder, Reminder];

  it('orders by the nearest deadline before the kind', () => {
    // A request nudge (least urgent kind) with the earlier deadline comes before a provision-by.
    const nudge = remindersOf(facts({ originals: [], requestedOn: '2026-01-01' }), S)[0]!;
    const provision = remindersOf(facts({ originals: [], provision: { suggestedDay: '2026-06-27', provisionBy: '2026-06-29' } }), S)[0]!;
    expect(nudge.deadline < provision.deadline).toBe(true);
    expect(byUrgency(nudge, provision)).toBeLessThan(0);
    expect(byUrgency(provision, nudge)).toBeGreaterThan(0);
  });

  it('ties (same deadline, kind and company) break by the occurrence key, both ways, and an item equals itself', () => {
    expect(byUrgency(first, second)).toBe(-1);
    expect(byUrgency(second, first)).toBe(1);
    expect(byUrgency(third, first)).toBe(1);
    expect(byUrgency(second, second)).toBe(0);
    expect([third, first, second].sort(byUrgency)).toEqual([first, second, third]);
  });
});

describe('occurrences given in any order', () => {
  const reversed = [...all].reverse();

  it('standing: the latest occurrence already due, whatever the input order', () => {
    expect(on(standingReminders(reversed, NONE, '2026-07-01'))).toEqual(['2026-06-30']);
    expect(on(standingReminders(reversed, NONE, '2026-06-24'))).toEqual(['2026-06-23']);
  });

  it('due: the occurrence closest to the deadline, whatever the input order', () => {
    expect(on(dueReminders(reversed, { ...NONE, lastCheckedDay: '2026-05-01' }, '2026-06-30'))).toEqual(['2026-06-30']);
  });
});

describe('standingReminders', () => {
  it('stands from its own day on (inclusive), nothing before the first', () => {
    expect(on(standingReminders(all, NONE, '2026-05-31'))).toEqual(['2026-05-31']);
    expect(standingReminders(all, NONE, '2026-05-30')).toEqual([]);
  });

  it('lists the most urgent first, whatever the input order', () => {
    const later = remindersOf(facts({ customerId: B, companyName: 'B', originals: [{ id: 'o2', offer: 'E1', endsOn: '2026-07-31', endBy: 'expire', actor: 'nobody' }] }), S);
    const standing = standingReminders([...later, ...all], NONE, '2026-07-01');
    expect(standing.map((r) => r.deadline)).toEqual(['2026-06-30', '2026-07-31']);
  });

  it('a snooze that has come shows it again', () => {
    const state = snooze(NONE, [subject], 1, '2026-06-22');
    expect(standingReminders(all, state, '2026-06-22')).toEqual([]);
    expect(on(standingReminders(all, state, '2026-06-23'))).toEqual(['2026-06-23']);
  });
});

describe('a snooze', () => {
  it('fires on its day as the occurrence due that very day', () => {
    // Snoozed on 20 June for 3 days: 23 June, which is itself an occurrence.
    const state = { ...snooze(NONE, [subject], 3, '2026-06-20'), lastCheckedDay: '2026-06-22' };
    expect(on(dueReminders(all, state, '2026-06-23'))).toEqual(['2026-06-23']);
  });

  it('fires as the latest occurrence due by then when several are', () => {
    // Snoozed on 24 June for 7 days: 1 July; 31 May, 23 June and 30 June are all due by then.
    const state = { ...snooze(NONE, [subject], 7, '2026-06-24'), lastCheckedDay: '2026-06-30' };
    expect(on(dueReminders(all, state, '2026-07-01'))).toEqual(['2026-06-30']);
  });

  it('keeps the other subjects snoozed', () => {
    const state = snooze(snooze(NONE, ['a'], 1, '2026-06-01'), ['b'], 3, '2026-06-01');
    expect(state.snoozed).toEqual({ a: '2026-06-02', b: '2026-06-04' });
  });

  it('says which snooze was refused', () => {
    expect(() => snooze(NONE, ['a'], 2 as never, '2026-06-01')).toThrow('Not a snooze: 2 days');
  });
});

describe('checked', () => {
  it('a check on a new day starts a new list', () => {
    const yesterday: ReminderState = { ...NONE, lastCheckedDay: '2026-06-22', shownOnLastDay: ['x'] };
    expect(checked(yesterday, '2026-06-23', []).shownOnLastDay).toEqual([]);
    expect(checked(NONE, '2026-06-23', []).shownOnLastDay).toEqual([]);
    expect(checked(yesterday, '2026-06-23', all.slice(1, 2))).toEqual({ ...NONE, lastCheckedDay: '2026-06-23', shownOnLastDay: [subject] });
  });

  it('a second check the same day adds to what the first showed', () => {
    const first: ReminderState = { ...NONE, lastCheckedDay: '2026-06-23', shownOnLastDay: ['x'] };
    expect(checked(first, '2026-06-23', all.slice(1, 2)).shownOnLastDay).toEqual(['x', subject]);
  });

  it('a second check the same day on a state saved before the list existed lists only what it showed', () => {
    const old: ReminderState = { ...NONE, lastCheckedDay: '2026-06-23' };
    expect(checked(old, '2026-06-23', all.slice(1, 2)).shownOnLastDay).toEqual([subject]);
  });

  it('what was shown yesterday is owed again when it falls due today after the check', () => {
    // Yesterday showed this subject; today was checked before anything was due.
    const yesterday: ReminderState = { ...NONE, lastCheckedDay: '2026-06-22', shownOnLastDay: [subject] };
    const today = checked(yesterday, '2026-06-23', []);
    expect(on(dueReminders(all, today, '2026-06-23'))).toEqual(['2026-06-23']);
  });
});

describe('nextReminderDay', () => {
  it('is the earliest day over every subject, whatever their order', () => {
    const later = remindersOf(facts({ customerId: B, originals: [{ id: 'o2', offer: 'E1', endsOn: '2026-09-30', endBy: 'expire', actor: 'nobody' }] }), S);
    expect(nextReminderDay([...later, ...all], { ...NONE, lastCheckedDay: '2026-06-01' }, '2026-06-01')).toBe('2026-06-23');
  });

  it('counts days after today even when the last check is later than today (the clock went back)', () => {
    expect(nextReminderDay(all, { ...NONE, lastCheckedDay: '2026-06-25', shownOnLastDay: [] }, '2026-06-20')).toBe('2026-06-23');
  });
});

describe('pruneState', () => {
  const live = all[0]!.subject;

  it('keeps a live subject’s snooze not yet fired, and drops a fired or dead one', () => {
    const state: ReminderState = { ...NONE, lastCheckedDay: '2026-06-01', snoozed: { [live]: '2026-06-03', dead: '2026-06-03' } };
    expect(pruneState(state, all).snoozed).toEqual({ [live]: '2026-06-03' });
    expect(pruneState({ ...state, snoozed: { [live]: '2026-06-01' } }, all).snoozed).toEqual({});
  });

  it('keeps a live snooze when no day was ever checked', () => {
    expect(pruneState({ ...NONE, snoozed: { [live]: '2026-06-03', dead: '2026-06-03' } }, all).snoozed).toEqual({ [live]: '2026-06-03' });
  });

  it('keeps what the last check showed, of the live subjects only; no list stays no list', () => {
    const state: ReminderState = { ...NONE, lastCheckedDay: '2026-06-23', shownOnLastDay: [live, 'dead'] };
    expect(pruneState(state, all)).toEqual({ ...state, shownOnLastDay: [live] });
    expect(pruneState({ ...NONE, lastCheckedDay: '2026-06-23' }, all)).not.toHaveProperty('shownOnLastDay');
  });
});

describe('dueByDay', () => {
  it('leaves out deadlines outside the days shown', () => {
    const byDay = dueByDay(all, NONE, '2026-06-01', 7);
    expect([...byDay.values()].every((l) => l.length === 0)).toBe(true);
    expect(byDay.size).toBe(7);
  });

  it('lists one day’s decisions most urgent first, whatever the input order', () => {
    const rs = [
      ...remindersOf(facts({ customerId: B, companyName: 'B', originals: [], requestedOn: '2026-04-01' }), S),
      ...remindersOf(facts({ originals: [], provision: { suggestedDay: '2026-06-30', provisionBy: '2026-06-30' } }), S),
    ];
    expect(rs.every((r) => r.deadline === '2026-06-30')).toBe(true);
    expect(kinds(dueByDay(rs, NONE, '2026-06-30', 1).get('2026-06-30')!)).toEqual(['provision-by', 'request-nudge']);
  });
});

describe('reminderDayAt', () => {
  it('is the day before until 09:00 local time, that day from 09:00', () => {
    expect(reminderDayAt(new Date(2026, 5, 23, 0, 0))).toBe('2026-06-22');
    expect(reminderDayAt(new Date(2026, 5, 23, 8, 59, 59))).toBe('2026-06-22');
    expect(reminderDayAt(new Date(2026, 5, 23, 9, 0, 0))).toBe('2026-06-23');
    expect(reminderDayAt(new Date(2026, 5, 23, 23, 59))).toBe('2026-06-23');
  });
});
