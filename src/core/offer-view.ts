/**
 * The offers a page shows (product id, localized name, quantity) against the customer's originals,
 * as the offer warning and the purchase record state them: the offer catalogue's match (names,
 * former names, product ids, seats) refined by Microsoft's product table where it resolved both
 * sides (`offerVerdicts`). Pure; the background computes it (`offers/verdicts`) and the page only
 * renders the result, so the content script carries neither the catalogue nor the matching.
 */
import type { OriginalSubscription } from './model';
import { findOffer, offerMatch, type OfferMatch, type OfferMatchResult, type OfferRef } from './offers';
import type { OfferVerdict, SplitVerdict } from './sku-table';

/** An offer as a page shows it. */
export interface ShownOffer {
  /** The new-commerce product id when read; '' when not. */
  productId: string;
  /** The name the page shows (localized, possibly with noise). */
  name: string;
  quantity?: number;
}

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
export function chosenRef(o: ShownOffer): OfferRef & { offerName: string } {
  const known = (o.productId && findOffer(o.productId)) || findOffer(o.name);
  if (known) return { offer: known.displayName, skuId: o.productId || known.graphSkuId, offerName: known.displayName };
  return { offer: o.name || o.productId, ...(o.productId ? { skuId: o.productId } : {}), offerName: o.name || o.productId };
}

/** The offer catalogue's match of one shown offer. */
export function offerView(originals: readonly OriginalSubscription[], chosen: ShownOffer): OfferView {
  const ref = chosenRef(chosen);
  const result = offerMatch(originals, { offer: ref.offer, skuId: ref.skuId, ...(chosen.quantity === undefined ? {} : { seats: chosen.quantity }) });
  return { ...result, offerName: ref.offerName, unmatched: originals.filter((o) => !result.matchedOriginals.includes(o)) };
}

/** What the page shows of one offer: everything the warning's words and marks are made of. */
export interface OfferJudgement {
  match: OfferMatch;
  /** The catalogue's (English, current) name, else the page's. */
  offerName: string;
  /** The line a purchase of it records: the offer's name and id as matching knows them. */
  line: { offer: string; skuId?: string };
  /** Originals it carries on (same or renamed), and the ones it does not. */
  matchedOriginalIds: string[];
  unmatchedOriginalIds: string[];
  /** Seats of the matched originals; the page's quantity when read or picked. */
  originalSeats: number;
  chosenSeats?: number;
  seatsFewer: boolean;
  /** Service plans the offer does not carry on (Microsoft's table). */
  lost: string[];
}

/** Several of the page's offers together carrying one original on (the Teams split). */
export interface SplitJudgement {
  originalId: string;
  /** Indexes of the page's offers. */
  offers: number[];
  /** Their names (as `OfferJudgement.offerName`), joined by the page. */
  offerNames: string[];
  lost: string[];
  /** Fewer seats than the original on at least one of them, and the fewest. */
  seatsFewer: boolean;
  fewestSeats: number;
  originalSeats: number;
}

/**
 * The local match refined by the table's verdict when it resolved both sides: a rename the
 * catalogue does not know ("Copilot for Microsoft 365" → "Microsoft 365 Copilot"), a "(no Teams)"
 * suite that is not the same offer, and what the new offer loses.
 */
export function judgeOffer(originals: readonly OriginalSubscription[], offer: ShownOffer, verdict?: OfferVerdict): OfferJudgement {
  const ref = chosenRef(offer);
  const v = offerView(originals, offer);
  const base = {
    offerName: v.offerName,
    line: { offer: ref.offerName || offer.productId, ...(ref.skuId ? { skuId: ref.skuId } : {}) },
    ...(v.chosenSeats === undefined ? {} : { chosenSeats: v.chosenSeats }),
    lost: verdict?.lost ?? [],
  };
  if (!verdict || verdict.match === 'unknown' || verdict.match === 'split' || verdict.match === v.match) {
    return {
      ...base,
      match: v.match,
      matchedOriginalIds: v.matchedOriginals.map((o) => o.id),
      unmatchedOriginalIds: v.unmatched.map((o) => o.id),
      originalSeats: v.originalSeats,
      seatsFewer: v.seatsFewer,
    };
  }
  const match = verdict.match;
  const original = originals.find((o) => o.id === verdict.originalId);
  const equivalent = match === 'same' || match === 'renamed';
  const matched = equivalent && original ? [original] : [];
  const originalSeats = matched.reduce((n, o) => n + o.seats, 0);
  return {
    ...base,
    match,
    matchedOriginalIds: matched.map((o) => o.id),
    unmatchedOriginalIds: (equivalent ? originals.filter((o) => o !== original) : originals).map((o) => o.id),
    originalSeats,
    seatsFewer: equivalent && offer.quantity !== undefined && offer.quantity < originalSeats,
  };
}

/** A split verdict in the page's terms: the parts' names and the seats they fall short by. */
export function judgeSplit(originals: readonly OriginalSubscription[], offers: readonly ShownOffer[], split: SplitVerdict): SplitJudgement {
  const original = originals.find((o) => o.id === split.originalId);
  const parts = split.offers.map((i) => offers[i]).filter((o): o is ShownOffer => o !== undefined);
  const originalSeats = original?.seats ?? 0;
  const fewer = original !== undefined && parts.some((o) => o.quantity !== undefined && o.quantity < original.seats);
  return {
    originalId: split.originalId,
    offers: split.offers,
    offerNames: parts.map((o) => offerView(originals, o).offerName),
    lost: split.lost,
    seatsFewer: fewer,
    fewestSeats: fewer ? Math.min(...parts.map((o) => o.quantity ?? originalSeats)) : originalSeats,
    originalSeats,
  };
}
