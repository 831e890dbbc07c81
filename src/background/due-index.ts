/**
 * What the badge and the reminder alarm need from every move, kept per move and recomputed only
 * for the moves that changed: at 10,000 moves a full pass (next action and offer match of each
 * move) costs tens of milliseconds, and it ran after every single change. A new day or new
 * settings recompute everything (the midnight alarm, a settings change). Acknowledging or snoozing
 * a reminder changes only the moves it names.
 */
import type { IsoDate, Move } from '../core/model';
import { nextReminderDay, type ReminderState } from '../core/reminders';
import { moveReminders } from './scheduler';
import type { Settings } from '../core/schema';
import { nextAction, needsAction, type Urgency } from '../core/urgency';

interface Entry {
  needs: boolean;
  urgency: Urgency;
  nextReminder?: IsoDate;
}

export class DueIndex {
  private entries = new Map<string, Entry>();
  private basis = '';

  private state: ReminderState = { acknowledged: [], snoozed: {} };

  private entry(move: Move, today: IsoDate, reminderDay: IsoDate, settings: Settings): Entry {
    return {
      needs: needsAction(move, today, settings),
      urgency: nextAction(move, today, settings).urgency,
      nextReminder: nextReminderDay(moveReminders(move, settings), this.state, reminderDay),
    };
  }

  /**
   * Brings the index up to date: `changed` ids only, unless the day, the settings or the set of
   * moves calls for a full pass ('all').
   */
  update(moves: ReadonlyMap<string, Move>, changed: Iterable<string> | 'all', today: IsoDate, reminderDay: IsoDate, settings: Settings, state: ReminderState): void {
    // Acknowledging or snoozing names the moves concerned (`changed`); a check of the day is a new basis.
    this.state = state;
    const basis = JSON.stringify([today, reminderDay, settings, state.lastCheckedDay, state.shownOnLastDay]);
    if (changed === 'all' || basis !== this.basis) {
      this.basis = basis;
      this.entries = new Map();
      for (const m of moves.values()) this.entries.set(m.customerId, this.entry(m, today, reminderDay, settings));
      return;
    }
    for (const id of changed) {
      const m = moves.get(id);
      if (m) this.entries.set(id, this.entry(m, today, reminderDay, settings));
      else this.entries.delete(id);
    }
  }

  /** How many moves need action now, and the worst urgency among them. */
  badge(): { count: number; worst: 'overdue' | 'urgent' | 'other' } {
    let count = 0;
    let worst: 'overdue' | 'urgent' | 'other' = 'other';
    for (const e of this.entries.values()) {
      if (!e.needs) continue;
      count++;
      if (e.urgency === 'overdue') worst = 'overdue';
      else if (e.urgency === 'urgent' && worst !== 'overdue') worst = 'urgent';
    }
    return { count, worst };
  }

  /** The first reminder day after the day the index was built for. */
  nextReminder(): IsoDate | undefined {
    let next: IsoDate | undefined;
    for (const e of this.entries.values()) if (e.nextReminder && (next === undefined || e.nextReminder < next)) next = e.nextReminder;
    return next;
  }
}
