/** Status badges beside tracked customers in the customers grid and the GDAP customers list (see customer-badges.ts). */
import { GRID, GRID_ROWS } from '../../anchors';
import { register } from '../../registry';

register(import.meta.url, {
  pages: ['customers-list', 'gdap-list'],
  load: () => import('./customer-badges'),
  marker: 'badge',
  // Recognition: real rows should appear within the wait; if they never do, the overlay says so.
  // An empty list (no customers, no search hits) is a grid without rows: fine.
  anchors: [GRID, GRID_ROWS, { id: 'name-slot', selector: '[id^="row-" i] slot[name]', counts: 'name slots in rows (badges go beside the slotted name)', need: 'expected' }],
  problem: 'problem_grid',
  waitMs: 10_000,
  testUrls: ['/dashboard/v2/customers/list', '/zh-tw/dashboard/commerce2/customers/list', '/dashboard/v2/customers/granularadminaccess/list'],
});
