/**
 * CSV reading and writing, loaded with import() only when the partner imports or exports CSV:
 * papaparse is most of its weight and the popup's first load does not need it.
 */
export { movesToCsv, parseOriginalsCsv } from '../core/csv';
export { readImportCsv } from '../core/import-csv';
export { accessDaysAfterEnd } from '../core/import-adapters';
import type { ProductResolver } from '../core/graph-csv';
import { productResolver } from '../core/import-adapters';
import { loadSkuTable, type SkuData } from '../core/sku-table';

/**
 * Graph's product ids resolved by the offer catalogue and Microsoft's product table (the extension's
 * own data/skus.json, read when an import starts); the catalogue alone if the table cannot be read.
 */
export function loadProductResolver(): Promise<ProductResolver> {
  loaded ??= fetch('/data/skus.json')
    .then(async (r) => productResolver(loadSkuTable((await r.json()) as SkuData)))
    .catch(() => productResolver());
  return loaded;
}
let loaded: Promise<ProductResolver> | undefined;
export type { CsvError, CsvImportResult, DateOrder, DateReading, ImportedCustomer, PreviewLine } from '../core/csv';
export type { ImportResult } from '../core/import-csv';
