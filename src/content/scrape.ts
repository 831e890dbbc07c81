/**
 * Reading the customer in view from the page. Structure first, never English labels alone:
 * the Microsoft ID is the route's GUID and must appear on the page as text; the company name is
 * the page's main heading; the domain is the text that looks like a domain name.
 */
import { deepQueryAll, textOf } from './dom';
import type { ScrapedCustomer } from './ui/overlay-model';

const DOMAIN_RE = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The customer on a customer page, once its details have rendered (null until then). */
export function scrapeCustomer(customerId: string): ScrapedCustomer | null {
  const heading = deepQueryAll('h1, [role="heading"][aria-level="1"]').map(textOf).find((s) => s.length > 0);
  if (!heading) return null;
  // The name heading of a customer page, once real data is in (not a skeleton placeholder).
  let domain = '';
  for (const el of deepQueryAll('dd, td, [data-field], output, span')) {
    if (el.children.length) continue;
    const text = textOf(el);
    if (DOMAIN_RE.test(text) && !text.includes('microsoft.com')) {
      domain = text.toLowerCase();
      break;
    }
  }
  return { customerId, companyName: heading.slice(0, 500), domain };
}
