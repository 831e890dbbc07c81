/** The offer-match warning while provisioning (see offer-match.tsx). */
import { register } from '../../registry';

register(import.meta.url, {
  pages: ['add-products', 'add-products-review'],
  load: () => import('./offer-match'),
  marker: 'offer-match',
  // Recognition: the catalogue's product rows should appear; diagnostics says so when they never do.
  anchors: [
    {
      id: 'catalogue-rows',
      selector: '[id^="row-" i]',
      match: 'product-id',
      counts: 'catalogue rows whose id holds a product id (others: skeleton rows)',
      group: 'catalogue',
      pages: ['add-products'],
      hosts: ['he-data-grid', 'he-layout'],
    },
    {
      id: 'catalogue-named-rows',
      selector: '[id^="row-" i]',
      match: 'slotted',
      counts: 'catalogue rows showing a slotted name (offers keyed by position)',
      group: 'catalogue',
      pages: ['add-products'],
    },
  ],
  problem: 'problem_catalogue',
  testSetup: 'choose-offer',
  testUrls: ['/dashboard/v2/customers/{contoso}/addproducts', '/zh-tw/dashboard/v2/customers/{contoso}/addproducts/review'],
});
