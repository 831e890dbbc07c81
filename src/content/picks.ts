/**
 * What the partner told us, or what was read, about the offer being added, per customer, for the
 * rest of this tab's visit: the add-products page's pick carries to the review and confirmation
 * pages (single-page navigation keeps this script). Memory only: nothing is stored.
 */
import type { Pick } from './ui/offer-pick';
import type { PageOffer } from './scrape';

const picks = new Map<string, Pick>();
const seen = new Map<string, PageOffer[]>();

export function pickFor(customerId: string): Pick {
  return picks.get(customerId) ?? {};
}

export function setPick(customerId: string, pick: Pick): void {
  picks.set(customerId, pick);
}

/** The offers last shown a verdict for this customer (read or picked): the purchase form's prefill. */
export function lastOffers(customerId: string): PageOffer[] {
  return seen.get(customerId) ?? [];
}

export function rememberOffers(customerId: string, offers: PageOffer[]): void {
  if (offers.length) seen.set(customerId, offers);
}
