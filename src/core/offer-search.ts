/**
 * The type-ahead over Microsoft's product table for the hand-picked offer (when the add-products
 * page cannot be read). The table lives in the background; the content script asks for a few
 * suggestions at a time (`offers/suggest`), so it never bundles the table.
 *
 * Written against a small interface (`ProductTable`): Microsoft's product table (`sku-table.ts`
 * `productNames`), or the catalogue of `offer-catalog.ts` while that table cannot be read.
 */
import { OFFER_CATALOG, type CatalogOffer } from './offer-catalog';
import { normaliseOfferName } from './offers';

/** One name an offer is known by: what the partner types and sees, and the offer it names. */
export interface OfferSuggestion {
  /** The name shown and matched (current, former or localized). */
  name: string;
  /** The offer's current name: what the match is made on. */
  offer: string;
  skuId?: string;
}

export interface ProductTable {
  names(): Iterable<OfferSuggestion>;
}

/** Every name of every catalogue offer (current, former, zh-TW), keyed to the current English name. */
export function catalogueTable(catalog: readonly CatalogOffer[] = OFFER_CATALOG): ProductTable {
  const list: OfferSuggestion[] = [];
  for (const o of catalog) {
    for (const name of [o.displayName, ...o.zhTwNames, ...o.formerNames, ...o.formerZhTwNames]) list.push({ name, offer: o.displayName, skuId: o.graphSkuId });
  }
  return { names: () => list };
}

const normalisedNames = new Map<string, string>();
/** A table name's normalised form, remembered: a keystroke scans a thousand names. */
function normalised(name: string): string {
  let n = normalisedNames.get(name);
  if (n === undefined) normalisedNames.set(name, (n = normaliseOfferName(name)));
  return n;
}

/**
 * Up to `limit` names matching `query` (after the offer-name normalisation): exact first, then
 * names starting with it, then names containing it; each name once. An empty query suggests nothing.
 */
export function suggestOffers(table: ProductTable, query: string, limit = 8): OfferSuggestion[] {
  const q = normaliseOfferName(query);
  if (!q) return [];
  const ranked: Array<[number, OfferSuggestion]> = [];
  const seen = new Set<string>();
  for (const s of table.names()) {
    if (seen.has(s.name)) continue;
    const n = normalised(s.name);
    const rank = n === q ? 0 : n.startsWith(q) ? 1 : n.includes(q) ? 2 : -1;
    if (rank < 0) continue;
    seen.add(s.name);
    ranked.push([rank, s]);
  }
  return ranked
    .sort((a, b) => a[0] - b[0] || a[1].name.localeCompare(b[1].name))
    .slice(0, Math.max(0, limit))
    .map(([, s]) => s);
}

/** The offer a typed name picks: the exact (normalised) match, else undefined. */
export function pickOffer(table: ProductTable, typed: string): OfferSuggestion | undefined {
  const q = normaliseOfferName(typed);
  if (!q) return undefined;
  // The name exactly as typed first: normalising drops "Trial", which tells trial products apart.
  const exact = typed.trim().toLowerCase();
  let found: OfferSuggestion | undefined;
  for (const s of table.names()) {
    if (s.name.toLowerCase() === exact) return s;
    if (found === undefined && normalised(s.name) === q) found = s;
  }
  return found;
}
