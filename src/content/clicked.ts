/**
 * The customer the partner clicked in a customers grid, remembered per tab: the name as the grid
 * showed it is the first way the customer pages read the name (scrape.ts `readCustomerName`).
 *
 * Kept in the content script's memory (single-page navigation keeps it) and in the extension's own
 * session storage through the background, keyed by tab (a reload keeps it; closing the browser
 * forgets it). Never in the portal's sessionStorage: that belongs to the page, whose scripts read
 * and write it, and customer names must not be left where other code can read them.
 */
import { send } from './connection';
import { rowCustomerId, rowDomain, rowName } from './scrape';

export interface ClickedCustomer {
  companyName: string;
  domain: string;
}

const memory = new Map<string, ClickedCustomer>();

/** The grid row (`row-{tenantId}`) an event went through, crossing open shadow roots. */
export function clickedRow(path: readonly EventTarget[]): { id: string; row: Element } | null {
  for (const n of path) {
    if (!(n instanceof Element)) continue;
    if (n.hasAttribute('data-csp-move')) return null;
    const id = rowCustomerId(n.id);
    if (id) return { id, row: n };
  }
  return null;
}

/** Remembers the customer of any grid row the partner clicks in, until `signal` aborts. */
export function rememberGridClicks(signal: AbortSignal): void {
  const onClick = (e: Event) => {
    const hit = clickedRow(e.composedPath());
    if (!hit) return;
    const companyName = rowName(hit.row, hit.id);
    if (!companyName) return;
    const entry = { companyName, domain: rowDomain(hit.row) };
    memory.set(hit.id, entry);
    void send('tab/remember', { customerId: hit.id, ...entry }).catch(() => undefined);
  };
  document.addEventListener('click', onClick, { capture: true, signal });
}

/** What this tab remembers of the customer: memory first, else the background's session store. */
export async function recallClicked(customerId: string): Promise<ClickedCustomer | undefined> {
  const known = memory.get(customerId);
  if (known) return known;
  try {
    const r = await send('tab/recall', { customerId });
    return r.customer ?? undefined;
  } catch {
    return undefined;
  }
}
