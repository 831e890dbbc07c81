/**
 * Reminders where a decision is due: each rule, acknowledgement, snooze, the summary order and the
 * 4-week view. The move-to-facts step (which dates a path and program give) is tested in facts.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates';
import {
  DEFAULT_LEAD_DAYS,
  EMPTY_REMINDER_STATE,
  acknowledge,
  checked,
  dueByDay,
  dueReminders,
  nextReminderDay,
  pruneState,
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

const days = (rs: Reminder[]) => rs.map((r) => `${r.kind}@${r.remindOn}`);

describe('the rules', () => {
  it('the original ends: lead days before and the day itself, with who acts', () => {
    const rs = remindersOf(facts(), S);
    expect(days(rs)).toEqual(['original-ends@2026-05-31', 'original-ends@2026-0623'.replace('06', '06-'), 'original-ends@2026-06-30']);
    expect(rs.every((r) => r.deadline === '2026-06-30' && r.actor === 'nobody' && r.offer === 'Office 365 E3')).toBe(true);
    expect(new Set(rs.map((r) => r.subject))).toEqual(new Set([subjectOf('original-ends', A, 'o1', '2026-06-30')]));
    expect(DEFAULT_LEAD_DAYS).toEqual([60, 30, 14, 7, 1]);
  });

  it('provision by: on the suggested day and on the deadline, while nothing is provisioned', () => {
    const rs = remindersOf(facts({ originals: [], provision: { suggestedDay: '2026-06-27', provisionBy: '2026-06-29' } }), S);
    expect(days(rs)).toEqual(['provision-by@2026-06-27', 'provision-by@2026-06-29']);
    expect(rs.every((r) => r.deadline === '2026-06-29' && r.actor === 'partner')).toBe(true);
    // Suggested day = deadline: once.
    expect(days(remindersOf(facts({ originals: [], provision: { suggestedDay: '2026-06-29', provisionBy: '2026-06-29' } }), S))).toEqual(['provision-by@2026-06-29']);
  });

  it('the new-commerce window: the day before it closes', () => {
    expect(days(remindersOf(facts({ originals: [], windowCloses: '2026-07-06' }), S))).toEqual(['window-closes@2026-07-05']);
  });

  it('an unanswered request: a nudge after the delay, and 7 days before the 90-day expiry', () => {
    const rs = remindersOf(facts({ originals: [], requestedOn: '2026-01-01' }), S);
    expect(days(rs)).toEqual(['request-nudge@2026-01-15', 'request-expires@2026-03-25']);
    expect(rs.every((r) => r.deadline === '2026-04-01' && r.actor === 'customer')).toBe(true);
    // A nudge delay past the notice: only the notice.
    expect(days(remindersOf(facts({ originals: [], requestedOn: '2026-01-01' }), { ...S, nudgeAfterDays: 90 }))).toEqual(['request-expires@2026-03-25']);
  });

  it('never for a done move, nor for originals recorded as ended', () => {
    const all = { provision: { suggestedDay: '2026-06-27', provisionBy: '2026-06-29' }, windowCloses: '2026-07-06', requestedOn: '2026-01-01' };
    expect(remindersOf(facts({ ...all, done: true }), S)).toEqual([]);
    expect(remindersOf(facts({ originalsEnded: true }), S)).toEqual([]);
    expect(remindersOf(facts({ ...all, originalsEnded: true }), S).some((r) => r.kind === 'original-ends')).toBe(false);
  });

  it('lead days: each once, whole and not negative; the day itself always', () => {
    expect(days(remindersOf(facts(), { ...S, leadDays: [7, 60, 7, 0, -3, 1.5, NaN] }))).toEqual([
      'original-ends@2026-05-01',
      'original-ends@2026-06-23',
      'original-ends@2026-06-30',
    ]);
  });
});

describe('due, acknowledged, snoozed', () => {
  const all = remindersOf(facts(), S);

  it('due on its day (first check: only today), once per decision; missed days fire once', () => {
    expect(days(dueReminders(all, NONE, '2026-06-23'))).toEqual(['original-ends@2026-06-23']);
    expect(dueReminders(all, NONE, '2026-06-24')).toEqual([]);
    expect(dueReminders(all, { ...NONE, lastCheckedDay: '2026-06-23' }, '2026-06-23')).toEqual([]);
    // Browser closed from 1 May to 30 June: one, the closest to the deadline.
    expect(days(dueReminders(all, { ...NONE, lastCheckedDay: '2026-05-01' }, '2026-06-30'))).toEqual(['original-ends@2026-06-30']);
  });

  it('a reminder that falls due after the day was checked is owed once that day, and the alarm is due now', () => {
    // 23 June was checked with nothing to show; then an original ending 30 June is recorded.
    const early = checked(NONE, '2026-06-23', []);
    expect(nextReminderDay(all, early, '2026-06-23')).toBe('2026-06-23');
    const due = dueReminders(all, early, '2026-06-23');
    expect(days(due)).toEqual(['original-ends@2026-06-23']);
    const after = checked(early, '2026-06-23', due);
    expect(after.shownOnLastDay).toEqual([all[0]!.subject]);
    expect(dueReminders(all, after, '2026-06-23')).toEqual([]);
    expect(nextReminderDay(all, after, '2026-06-23')).toBe('2026-06-30');
    // Not checked again until the next day: still owed then, once.
    expect(days(dueReminders(all, early, '2026-06-24'))).toEqual(['original-ends@2026-06-23']);
    // Never checked: what falls due today is owed now too (a fresh install, a move recorded today).
    expect(nextReminderDay(all, NONE, '2026-06-23')).toBe('2026-06-23');
    expect(nextReminderDay(all, NONE, '2026-06-24')).toBe('2026-06-30');
    // A state from before the list existed: its day counts as shown (no repeat after the update).
    expect(nextReminderDay(all, { ...NONE, lastCheckedDay: '2026-06-23' }, '2026-06-23')).toBe('2026-06-30');
  });

  it('acknowledged: never again, for any of its days', () => {
    const state = acknowledge(NONE, [all[0]!.subject]);
    for (let d = '2026-05-01'; d <= '2026-07-31'; d = addDays(d, 1)) expect(dueReminders(all, { ...state, lastCheckedDay: addDays(d, -1) }, d)).toEqual([]);
    expect(nextReminderDay(all, state, '2026-05-01')).toBeUndefined();
    expect(standingReminders(all, state, '2026-06-30')).toEqual([]);
  });

  it('a new deadline (the date was edited) is a new decision: an old acknowledgement does not hide it', () => {
    const state = acknowledge(NONE, [all[0]!.subject]);
    const moved = remindersOf(facts({ originals: [{ ...facts().originals[0]!, endsOn: '2026-07-31' }] }), S);
    expect(days(dueReminders(moved, state, '2026-07-24'))).toEqual(['original-ends@2026-07-24']);
  });

  it('snoozed: fires once on the new day, not in between, and its later days still come', () => {
    const state = { ...snooze(NONE, [all[0]!.subject], 3, '2026-05-31'), lastCheckedDay: '2026-05-31' };
    expect(state.snoozed).toEqual({ [all[0]!.subject]: '2026-06-03' });
    expect(dueReminders(all, state, '2026-06-02')).toEqual([]);
    expect(nextReminderDay(all, state, '2026-05-31')).toBe('2026-06-03');
    expect(days(dueReminders(all, state, '2026-06-03'))).toEqual(['original-ends@2026-05-31']);
    const after = { ...state, lastCheckedDay: '2026-06-03' };
    expect(dueReminders(all, after, '2026-06-04')).toEqual([]);
    expect(nextReminderDay(all, after, '2026-06-03')).toBe('2026-06-23');
    // Standing while snoozed: hidden until the new day.
    expect(standingReminders(all, state, '2026-06-01')).toEqual([]);
    expect(days(standingReminders(all, state, '2026-06-03'))).toEqual(['original-ends@2026-05-31']);
  });

  it('snoozing past a later day folds it into the snooze day (once)', () => {
    const state = { ...snooze(NONE, [all[0]!.subject], 7, '2026-06-20'), lastCheckedDay: '2026-06-20' };
    const fired: string[] = [];
    let last = '2026-06-20';
    for (let d = '2026-06-21'; d <= '2026-07-05'; d = addDays(d, 1)) {
      fired.push(...dueReminders(all, { ...state, lastCheckedDay: last }, d).map((r) => `${d}:${r.remindOn}`));
      last = d;
    }
    expect(fired).toEqual(['2026-06-27:2026-06-23', '2026-06-30:2026-06-30']);
  });

  it('only 1, 3 or 7 days', () => {
    expect(() => snooze(NONE, ['x'], 2 as never, '2026-06-01')).toThrow(RangeError);
    expect(snooze(NONE, ['x'], 1, '2026-12-31').snoozed.x).toBe('2027-01-01');
  });

  it('acknowledging clears a snooze; pruning keeps only live subjects and unfired snoozes', () => {
    const s = acknowledge(snooze(NONE, ['a', all[0]!.subject], 1, '2026-06-01'), [all[0]!.subject, 'gone']);
    expect(s.snoozed).toEqual({ a: '2026-06-02' });
    const pruned = pruneState({ ...s, snoozed: { ...s.snoozed, [all[0]!.subject]: '2026-06-02' }, lastCheckedDay: '2026-06-02' }, all);
    expect(pruned).toEqual({ acknowledged: [all[0]!.subject], snoozed: {}, lastCheckedDay: '2026-06-02' });
    expect(EMPTY_REMINDER_STATE).toEqual(NONE);
  });

  it('property: whatever the checking days, each decision fires at most once per fire day and never after acknowledgement', () => {
    fc.assert(
      // Steps of 0: several checks on one day.
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 80 }), (steps, ackAt) => {
        let state: ReminderState = { ...NONE, lastCheckedDay: '2026-05-15' };
        let day = '2026-05-15';
        let fired = 0;
        let sinceAck = 0;
        for (const [i, step] of steps.entries()) {
          day = addDays(day, step);
          const due = dueReminders(all, state, day);
          expect(due.length).toBeLessThanOrEqual(1);
          fired += due.length;
          if (i === ackAt) state = acknowledge(state, [all[0]!.subject]);
          else if (state.acknowledged.length) sinceAck += due.length;
          state = checked(state, day, due);
        }
        expect(sinceAck).toBe(0);
        expect(fired).toBeLessThanOrEqual(3);
      }),
    );
  });
});

describe('order and the 4-week view', () => {
  it('most urgent first: nearest deadline, then kind', () => {
    const rs = [
      ...remindersOf(facts({ customerId: B, companyName: 'B', originals: [{ id: 'o1', offer: 'E1', endsOn: '2026-06-10', endBy: 'cancel', actor: 'customer' }] }), S),
      ...remindersOf(facts({ originals: [], provision: { suggestedDay: '2026-06-10', provisionBy: '2026-06-10' } }), S),
      ...remindersOf(facts({ customerId: B, companyName: 'B', originals: [], requestedOn: '2026-03-12' }), S),
    ];
    const due = dueReminders(rs, { ...NONE, lastCheckedDay: '2026-01-01' }, '2026-06-10');
    expect(due.map((r) => r.kind)).toEqual(['provision-by', 'original-ends', 'request-expires']);
  });

  it('per day, the decisions falling due (one per decision, acknowledged left out)', () => {
    const rs = [...remindersOf(facts(), S), ...remindersOf(facts({ customerId: B, originals: [], windowCloses: '2026-06-05' }), S)];
    const byDay = dueByDay(rs, NONE, '2026-06-03', 28);
    expect(byDay.size).toBe(28);
    expect([...byDay].filter(([, r]) => r.length).map(([d, r]) => [d, r.map((x) => x.kind)])).toEqual([
      ['2026-06-05', ['window-closes']],
      ['2026-06-30', ['original-ends']],
    ]);
    expect([...dueByDay(rs, acknowledge(NONE, [rs[0]!.subject]), '2026-06-03', 28)].filter(([, r]) => r.length)).toHaveLength(1);
  });
});
