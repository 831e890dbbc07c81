/** The toolbar badge: how many moves need action now, coloured by the worst urgency among them. */
import browser from 'webextension-polyfill';

export const BADGE_COLOURS = { overdue: '#B3261E', urgent: '#B54708', other: '#0067B8' } as const;

export function badgeText(count: number): string {
  return count === 0 ? '' : count > 999 ? '999+' : String(count);
}

/** What the badge shows now, as last set by this worker (a new worker sets it again). */
let shown = '';

export async function showBadge(b: { count: number; worst: keyof typeof BADGE_COLOURS }, problem: boolean): Promise<void> {
  // A storage problem outranks the count: the partner must see that something was kept aside.
  const text = problem ? '!' : badgeText(b.count);
  const color = problem ? BADGE_COLOURS.overdue : BADGE_COLOURS[b.worst];
  // A change that moves no count (most of them) costs no call into the browser.
  if (`${text} ${color}` === shown) return;
  shown = `${text} ${color}`;
  try {
    await Promise.all([browser.action.setBadgeText({ text }), browser.action.setBadgeBackgroundColor({ color })]);
  } catch (err) {
    shown = '';
    throw err;
  }
}
