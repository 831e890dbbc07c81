/**
 * The migration hints overlay on every recognised Partner Center page: the customer in view,
 * its four steps, the next action and the seed's advice, with buttons to act.
 */
import { t } from '../../shared/i18n';
import { waitFor } from '../dom';
import { register } from '../registry';
import { scrapeCustomer } from '../scrape';
import { pageOverlay } from '../ui/page-overlay';

register({
  id: 'migration-hints',
  marker: 'overlay',
  pages: [
    'customers-list',
    'customer-account',
    'customer-subscriptions',
    'subscription-details',
    'add-products',
    'add-products-review',
    'add-products-confirmation',
    'customer-other',
  ],
  init(signal, page) {
    const model = pageOverlay(signal, page);
    const id = page.customerId;
    if (!id) return;
    void waitFor(() => scrapeCustomer(id), signal).then((scraped) => {
      if (scraped) model.set({ scraped });
      // Recognised route, but the customer's details never showed: say so, in one sentence.
      else if (!signal.aborted) model.set({ problem: t('problem_customer') });
    });
  },
  testUrls: [
    '/dashboard/v2/customers/list',
    '/en-us/dashboard/v2/customers/{contoso}/account',
    '/zh-tw/dashboard/v2/customers/{contoso}/subscriptions',
  ],
});
