/**
 * The product resolver the imports use, over the offer catalogue.
 * ADAPTER: issue #13 (lane `paths`) replaces the catalogue with Microsoft's full product table; the
 * imports only need "a GUID or string id → the product's current name and GUID", so this one
 * function is what changes when that table lands.
 */
import { findOffer } from './offers';
import type { ProductResolver } from './graph-csv';

export const resolveProduct: ProductResolver = (guidOrStringId) => {
  const offer = findOffer(guidOrStringId.trim());
  // findOffer also reads names: an id column holding a name is not an id.
  if (offer === undefined) return undefined;
  const key = guidOrStringId.trim().toLowerCase();
  if (key !== offer.graphSkuId.toLowerCase() && key !== offer.skuPartNumber.toLowerCase()) return undefined;
  return { name: offer.displayName, skuId: offer.graphSkuId };
};
