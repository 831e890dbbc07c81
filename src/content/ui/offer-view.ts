/**
 * The offer a page shows (product id, localized name, quantity) against the customer's originals:
 * pure, so it is unit-tested without a page.
 */
import type { OriginalSubscription } from '../../core/model';
import { findOffer, offerMatch, type OfferMatchResult, type OfferRef } from '../../core/offers';
import type { PageOffer } from '../scrape';

export interface OfferView extends OfferMatchResult {
  /** The name to show for the chosen offer (the catalogue's, else the page's). */
  offerName: string;
  /** Originals the chosen offer does not carry on. */
  unmatched: OriginalSubscription[];
}

/**
 * The chosen offer as a reference for matching: the product id identifies it whatever the page's
 * language; its catalogue name (English, current) stands in for the localized display name, so a
 * zh-TW catalogue row is the "same" offer as an English original, and a former name is "renamed".
 */
export function chosenRef(o: PageOffer): OfferRef & { offerName: string } {
  const known = (o.productId && findOffer(o.productId)) || findOffer(o.name);
  if (known) return { offer: known.displayName, skuId: o.productId || known.graphSkuId, offerName: known.displayName };
  return { offer: o.name || o.productId, ...(o.productId ? { skuId: o.productId } : {}), offerName: o.name || o.productId };
}

export function offerView(originals: readonly OriginalSubscription[], chosen: PageOffer): OfferView {
  const ref = chosenRef(chosen);
  const result = offerMatch(originals, { offer: ref.offer, skuId: ref.skuId, ...(chosen.quantity === undefined ? {} : { seats: chosen.quantity }) });
  return { ...result, offerName: ref.offerName, unmatched: originals.filter((o) => !result.matchedOriginals.includes(o)) };
}

/** "Office 365 E3 (120)" for each original. */
export function listOriginals(originals: readonly OriginalSubscription[]): string {
  return originals.map((o) => `${o.offer} (${o.seats})`).join('; ');
}
