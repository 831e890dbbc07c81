/**
 * The page structure more than one feature relies on, declared once. A feature lists these in its
 * registration (narrowed with a spread when it needs them on fewer pages or in a group); the probe
 * in `diagnostics/` queries each shared anchor once per check, however many features name it.
 */
import type { Anchor } from './registry';

/** The customers grid (or a plain table standing in for it). */
export const GRID: Anchor = { id: 'grid', selector: '[role="grid"], table', counts: 'grids (or tables)', need: 'expected' };

/** Customer rows: `row-{tenantId}` (skeleton rows `row-he-row-0`, `row-1` … are placeholders). An empty grid is fine. */
export const GRID_ROWS: Anchor = {
  id: 'grid-rows',
  selector: '[id^="row-" i]',
  match: 'guid-id',
  counts: 'rows whose id holds a GUID (others: skeleton rows)',
  hosts: ['he-data-grid', 'he-layout'],
  emptyWith: 'grid',
};

/** The customer's own details list: the one showing the route's Microsoft ID (tenant id). */
export const CUSTOMER_DETAILS: Anchor = { id: 'customer-details', selector: 'dl', match: 'customer-id', counts: "details lists showing the route's Microsoft ID" };

/** The page's main heading (the customer's name on a customer page). */
export const CUSTOMER_HEADING: Anchor = { id: 'customer-heading', selector: 'h1, [role="heading"][aria-level="1"]', match: 'text', counts: 'main headings with text' };

/** The customer's own navigation: links to its account page. */
export const CUSTOMER_LINK: Anchor = { id: 'customer-link', selector: 'a[href*="/customers/{customerId}/account" i]', counts: "links to the customer's account page" };
