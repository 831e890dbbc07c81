/**
 * What the badge and the reminder alarm need from every move, kept per move and recomputed only
 * for the moves that changed: at 10,000 moves a full pass (next action and offer match of each
 * move) costs tens of milliseconds, and it ran after every single change. The badge's count, its
 * worst urgency and the next reminder day are totals kept as entries come and go, so a change
 * costs the moves it names, not a pass over every entry. A new day or new settings recompute
 * everything (the midnight alarm, a settings change). Acknowledging or snoozing a reminder changes
 * only the moves it names.
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
  /** Moves needing action, and how many of them are overdue or urgent. */
  private needing = 0;
  private overdue = 0;
  private urgent = 0;
  /** How many moves have each next reminder day; the earliest, while known. */
  private days = new Map<IsoDate, number>();
  private earliest: IsoDate | null | undefined = null;

  private entry(move: Move, today: IsoDate, reminderDay: IsoDate, settings: Settings): Entry {
    return {
      needs: needsAction(move, today, settings),
      urgency: nextAction(move, today, settings).urgency,
      nextReminder: nextReminderDay(moveReminders(move, settings), this.state, reminderDay),
    };
  }

  /** Adds (`sign` 1) or takes away (-1) an entry's share of the totals. */
  private count(e: Entry, sign: 1 | -1): void {
    if (e.needs) {
      this.needing += sign;
      if (e.urgency === 'overdue') this.overdue += sign;
      else if (e.urgency === 'urgent') this.urgent += sign;
    }
    const day = e.nextReminder;
    if (day === undefined) return;
    const n = (this.days.get(day) ?? 0) + sign;
    if (n > 0) this.days.set(day, n);
    else this.days.delete(day);
    if (sign === 1 && this.earliest !== undefined && (this.earliest === null || day < this.earliest)) this.earliest = day;
    // The earliest day's last move left: found again when asked (a walk over days, not moves).
    if (sign === -1 && n === 0 && day === this.earliest) this.earliest = undefined;
  }

  private set(id: string, e: Entry | undefined): void {
    const old = this.entries.get(id);
    if (old) this.count(old, -1);
    if (e) {
      this.entries.set(id, e);
      this.count(e, 1);
    } else this.entries.delete(id);
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
      this.needing = this.overdue = this.urgent = 0;
      this.days = new Map();
      this.earliest = null;
      for (const m of moves.values()) this.set(m.customerId, this.entry(m, today, reminderDay, settings));
      return;
    }
    for (const id of changed) {
      const m = moves.get(id);
      this.set(id, m && this.entry(m, today, reminderDay, settings));
    }
  }

  /** How many moves need action now, and the worst urgency among them. */
  badge(): { count: number; worst: 'overdue' | 'urgent' | 'other' } {
    return { count: this.needing, worst: this.overdue > 0 ? 'overdue' : this.urgent > 0 ? 'urgent' : 'other' };
  }

  /** The first reminder day after the day the index was built for; null when no move has one. */
  nextReminder(): IsoDate | null {
    if (this.earliest === undefined) {
      this.earliest = null;
      for (const day of this.days.keys()) if (this.earliest === null || day < this.earliest) this.earliest = day;
    }
    return this.earliest;
  }
}
