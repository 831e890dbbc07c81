/**
 * The migration hints: on every recognised page, the page's hint in the page view's overlay; on a
 * customer's pages, the customer's move too (`customer-move.tsx`, its own chunk, so the lists and
 * the reseller request load only the hint).
 */
import { t } from '../../../shared/i18n';
import type { Init } from '../../registry';
import { noteRead } from '../../reads';
import { readCustomerId } from '../../scrape';
import { pageOverlay } from '../../ui/page-overlay';

const init: Init = async (signal, page) => {
  const model = pageOverlay(signal, page);
  model.set({ hint: t(`hint_${page.page}`) });
  const id = readCustomerId(page)?.value;
  if (!id) return;
  noteRead('customerId', 'route');
  const { showCustomer } = await import('./customer-move');
  if (!signal.aborted) showCustomer(signal, model, id);
};
export default init;
