/** The migration hints on every recognised page: the page's hint, the customer's move and its next action (see migration-hints.tsx). */
import { CUSTOMER_DETAILS, CUSTOMER_HEADING, CUSTOMER_LINK } from '../../anchors';
import type { PageId } from '../../pages';
import { register } from '../../registry';

const CUSTOMER_PAGES: readonly PageId[] = [
  'customer-account',
  'customer-subscriptions',
  'subscription-details',
  'add-products',
  'add-products-review',
  'add-products-confirmation',
  'customer-other',
];

register(import.meta.url, {
  pages: ['customers-list', 'gdap-list', 'indirect-reseller-request', ...CUSTOMER_PAGES],
  load: () => import('./migration-hints'),
  marker: 'overlay',
  // What scrapeCustomer() reads: the main heading, and the customer's own details list or navigation.
  anchors: [
    { ...CUSTOMER_HEADING, pages: CUSTOMER_PAGES },
    { ...CUSTOMER_DETAILS, group: 'customer', pages: CUSTOMER_PAGES },
    { ...CUSTOMER_LINK, group: 'customer', pages: CUSTOMER_PAGES },
  ],
  problem: 'problem_customer',
  testUrls: [
    '/dashboard/v2/customers/list',
    '/en-us/dashboard/v2/customers/{contoso}/account',
    '/zh-tw/dashboard/v2/customers/{contoso}/subscriptions',
    '/dashboard/commerce2/granularadminaccess/list',
    '/dashboard/v2/customers/indirectresellers/relationshiprequest/{contoso}',
  ],
});
