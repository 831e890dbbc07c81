/** On the order confirmation: record what was bought as provisioned (see record-purchase.tsx). */
import { register } from '../../registry';

register(import.meta.url, {
  pages: ['add-products-confirmation'],
  load: () => import('./record-purchase'),
  marker: 'record-provisioned',
  anchors: [{ id: 'order-table', selector: 'table:not([role="grid"])', match: 'product-text', counts: 'tables listing a product id (the order)' }],
  testSetup: 'place-order',
  testUrls: ['/dashboard/v2/customers/{contoso}/addproducts/confirmation'],
});
