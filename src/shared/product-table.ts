/**
 * Microsoft's product table (data/skus.json, 144 kB: an extension file, in no bundle), read once per
 * extension page or worker. Loading it also makes it the identity of every offer match
 * (`useProductTable`), so the background (badge, closing guard) and the popup (match badge, order)
 * judge offers as the overlay's warning does.
 */
import browser from 'webextension-polyfill';
import { loadSkuTable, useProductTable, type SkuData, type SkuTable } from '../core/sku-table';

let loading: Promise<SkuTable> | undefined;

export function loadProductTable(): Promise<SkuTable> {
  loading ??= fetch(browser.runtime.getURL('data/skus.json'))
    .then((r) => r.json() as Promise<SkuData>)
    .then((data) => {
      const table = loadSkuTable(data);
      useProductTable(table);
      return table;
    })
    .catch((err: unknown) => {
      loading = undefined; // Try again next time; meanwhile matches use the offer catalogue.
      throw err;
    });
  return loading;
}
