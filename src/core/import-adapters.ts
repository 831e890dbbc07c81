/**
 * What the imports need from the paths-and-rules work (#13): a Graph export's skuId / skuPartNumber
 * as a product, and the days users keep access after an end date under a program (rules.ts).
 *
 * Products: the offer catalogue first (its current English names, the ones the rest of the
 * extension matches on), then Microsoft's product table for everything else (Visio, Power BI,
 * Teams Essentials, "(no Teams)" suites …: 619 products). The table is an asset the popup loads on
 * demand (popup/csv-io.ts); without it, the catalogue alone answers.
 */
import type { Program } from './model';
import { findOffer } from './offers';
import type { ProductResolver } from './graph-csv';
import { endRule } from './rules';
import { SKU_NAMES } from './sku-names';
import type { SkuTable } from './sku-table';

export function productResolver(table?: SkuTable): ProductResolver {
  return (guidOrStringId) => {
    const key = guidOrStringId.trim().replace(/^\{(.*)\}$/u, '$1').toLowerCase();
    const offer = findOffer(key);
    // findOffer also reads names: only an id or string id counts here.
    if (offer !== undefined && (key === offer.graphSkuId.toLowerCase() || key === offer.skuPartNumber.toLowerCase())) {
      return { name: offer.displayName, skuId: offer.graphSkuId };
    }
    const product = table?.byId.get(key);
    if (product === undefined) return undefined;
    // The name it is sold under now, where the table still shows an older one.
    return { name: SKU_NAMES[product.stringId]?.current?.[0] ?? product.name, skuId: product.guid };
  };
}

/** The catalogue alone (the table not loaded). */
export const resolveProduct: ProductResolver = productResolver();

/** Days users keep access after the end date under `program`'s rule; undefined when not known. */
export function accessDaysAfterEnd(program: Program): number | undefined {
  return endRule(program).accessDaysAfterEnd;
}
