/** The reseller-relationship request panel: on copy, ask which customers it went to (see reseller-request.tsx). */
import { GRID, GRID_ROWS } from '../../anchors';
import { register } from '../../registry';

register(import.meta.url, {
  pages: ['customers-list'],
  load: () => import('./reseller-request'),
  marker: 'request-picker',
  // The panel opens only when asked (no anchor for it); the picker lists the grid's rows.
  anchors: [GRID, GRID_ROWS],
  testSetup: 'request-copy',
  testUrls: ['/dashboard/v2/customers/list', '/zh-tw/dashboard/v2/customers/list'],
});
