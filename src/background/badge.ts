/** The toolbar badge: how many moves need action now, coloured by the worst urgency among them. */
import browser from 'webextension-polyfill';
import type { IsoDate, Move } from '../core/model';
import type { Settings } from '../core/schema';
import { nextAction, needsAction } from '../core/urgency';

export const BADGE_COLOURS = { overdue: '#B3261E', urgent: '#B54708', other: '#0067B8' } as const;

export function badgeFor(moves: Iterable<Move>, today: IsoDate, settings: Settings): { text: string; colour: string; count: number } {
  let count = 0;
  let worst: 'overdue' | 'urgent' | 'other' = 'other';
  for (const m of moves) {
    if (!needsAction(m, today, settings)) continue;
    count++;
    const u = nextAction(m, today, settings).urgency;
    if (u === 'overdue') worst = 'overdue';
    else if (u === 'urgent' && worst !== 'overdue') worst = 'urgent';
  }
  return { text: count === 0 ? '' : count > 999 ? '999+' : String(count), colour: BADGE_COLOURS[worst], count };
}

export async function showBadge(moves: Iterable<Move>, today: IsoDate, settings: Settings, problem: boolean): Promise<void> {
  const b = badgeFor(moves, today, settings);
  // A storage problem outranks the count: the partner must see that something was kept aside.
  await browser.action.setBadgeText({ text: problem ? '!' : b.text });
  await browser.action.setBadgeBackgroundColor({ color: problem ? BADGE_COLOURS.overdue : b.colour });
}
