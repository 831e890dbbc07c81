/** Originals in words, as the offer warning and the purchase record say them: pure. */
import type { OriginalSubscription } from '../../core/model';

/** "Office 365 E3 (120)" for each original. */
export function listOriginals(originals: readonly OriginalSubscription[]): string {
  return originals.map((o) => `${o.offer} (${o.seats})`).join('; ');
}
