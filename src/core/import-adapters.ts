/**
 * What the imports need from the paths-and-rules work (issue #13), behind two functions.
 * ADAPTER: until #13 (lane `paths`) lands Microsoft's product table and the end-of-term rules, these
 * read the offer catalogue and the access days of Microsoft's published rule (direct and Open keep
 * access 30 days after the end date; an Enterprise Agreement's licences stop on it; anything else is
 * unknown). Replace both bodies with #13's resolver and `endRule(program).accessDaysAfterEnd`.
 */
import type { Program } from './model';
import { findOffer } from './offers';
import type { ProductResolver } from './graph-csv';

export const resolveProduct: ProductResolver = (guidOrStringId) => {
  const key = guidOrStringId.trim().toLowerCase();
  const offer = findOffer(key);
  // findOffer also reads names: only an id or string id counts here.
  if (offer === undefined || (key !== offer.graphSkuId.toLowerCase() && key !== offer.skuPartNumber.toLowerCase())) return undefined;
  return { name: offer.displayName, skuId: offer.graphSkuId };
};

const ACCESS_DAYS: Readonly<Partial<Record<Program, number>>> = { direct: 30, open: 30, ea: 0 };

export function accessDaysAfterEnd(program: Program): number | undefined {
  return ACCESS_DAYS[program];
}
