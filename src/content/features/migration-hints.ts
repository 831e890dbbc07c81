/**
 * The migration hints overlay on every recognised Partner Center page: the customer in view,
 * its four steps, the next action and the seed's advice, with buttons to act.
 */
import { waitFor } from '../dom';
import type { PageId } from '../pages';
import { register } from '../registry';
import { scrapeCustomer } from '../scrape';
import { pageOverlay } from '../ui/page-overlay';

const CUSTOMER_PAGES: readonly PageId[] = [
  'customer-account',
  'customer-subscriptions',
  'subscription-details',
  'add-products',
  'add-products-review',
  'add-products-confirmation',
  'customer-other',
];

register({
  id: 'migration-hints',
  marker: 'overlay',
  pages: ['customers-list', ...CUSTOMER_PAGES],
  init(signal, page) {
    const model = pageOverlay(signal, page);
    const id = page.customerId;
    if (!id) return;
    // Recognised route, but the customer's details never showed: diagnostics.ts says so (anchors below).
    void waitFor(() => scrapeCustomer(id), signal).then((scraped) => {
      if (scraped) model.set({ scraped });
    });
  },
  testUrls: [
    '/dashboard/v2/customers/list',
    '/en-us/dashboard/v2/customers/{contoso}/account',
    '/zh-tw/dashboard/v2/customers/{contoso}/subscriptions',
  ],
  // What scrapeCustomer() reads: the main heading, and the customer's own details list or navigation.
  anchors: [
    { id: 'customer-heading', selector: 'h1, [role="heading"][aria-level="1"]', match: 'text', counts: 'main headings with text', pages: CUSTOMER_PAGES },
    { id: 'customer-details', selector: 'dl', match: 'customer-id', counts: "details lists showing the route's Microsoft ID", group: 'customer', pages: CUSTOMER_PAGES },
    { id: 'customer-link', selector: 'a[href*="/customers/{customerId}/account" i]', counts: "links to the customer's account page", group: 'customer', pages: CUSTOMER_PAGES },
  ],
  problem: 'problem_customer',
});
