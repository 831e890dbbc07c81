/**
 * Every tracked move's badge fact (shared/badge-facts.ts), kept per stored move object for one day
 * and settings object (both replaced, never changed in place), and what to push to the tabs after
 * a write: the facts of the changed moves only, or everything when the day or the settings changed.
 */
import type { IsoDate, Move } from '../core/model';
import type { Settings } from '../core/schema';
import { earliestExpiry, nextAction, type UrgencySettings } from '../core/urgency';
import type { BadgeFact, BadgesMessage } from '../shared/badge-facts';

export function badgeFact(move: Move, today: IsoDate, settings: UrgencySettings): BadgeFact {
  const a = nextAction(move, today, settings);
  const expiresOn = earliestExpiry(move);
  return { step: move.step, urgency: a.urgency, action: a.kind, ...(expiresOn === undefined ? {} : { expiresOn }) };
}

export class TrackedFacts {
  private known = new WeakMap<Move, { today: IsoDate; settings: Settings; fact: BadgeFact }>();
  /** The day and settings of the last message pushed: another one makes the next push whole. */
  private pushedFor: { today: IsoDate; settings: Settings } | undefined;

  fact(move: Move, today: IsoDate, settings: Settings): BadgeFact {
    const k = this.known.get(move);
    if (k && k.today === today && k.settings === settings) return k.fact;
    const fact = badgeFact(move, today, settings);
    this.known.set(move, { today, settings, fact });
    return fact;
  }

  /** Every tracked move's fact: what a newly connected tab gets. */
  all(moves: ReadonlyMap<string, Move>, today: IsoDate, settings: Settings): BadgesMessage {
    const facts: Record<string, BadgeFact> = {};
    for (const [id, m] of moves) facts[id] = this.fact(m, today, settings);
    return { type: 'badges/all', today, facts };
  }

  /**
   * What to push after `changed` moves were written: their facts (removed when no longer tracked),
   * or every fact when `changed` is 'all' or the day or the settings are not those of the last push.
   */
  push(moves: ReadonlyMap<string, Move>, changed: Iterable<string> | 'all', today: IsoDate, settings: Settings): BadgesMessage {
    const last = this.pushedFor;
    this.pushedFor = { today, settings };
    if (changed === 'all' || !last || last.today !== today || last.settings !== settings) return this.all(moves, today, settings);
    const set: Record<string, BadgeFact> = {};
    const removed: string[] = [];
    for (const id of changed) {
      const m = moves.get(id);
      if (m) set[id] = this.fact(m, today, settings);
      else removed.push(id);
    }
    return { type: 'badges/delta', today, set, removed };
  }
}
