/** "Reseller" seen for a requested move: offer to mark it accepted (see relationship-accepted.tsx). */
import { CUSTOMER_DETAILS, GRID, GRID_ROWS } from '../../anchors';
import { register } from '../../registry';

register(import.meta.url, {
  pages: ['customer-account', 'customers-list'],
  load: () => import('./relationship-accepted'),
  marker: 'relationship-accepted',
  // The relationship value is read from the customer's details list, or from each tracked row.
  anchors: [
    { ...CUSTOMER_DETAILS, pages: ['customer-account'] },
    { ...GRID, pages: ['customers-list'] },
    { ...GRID_ROWS, pages: ['customers-list'] },
  ],
  testUrls: ['/dashboard/v2/customers/{contoso}/account', '/zh-tw/dashboard/v2/customers/list'],
});
