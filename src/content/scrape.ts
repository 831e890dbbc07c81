/**
 * Reading the customer in view from the page. Structure first, never English labels alone:
 * the company name is the page's main heading (customer pages put the customer's name there);
 * the domain is the value that looks like a domain name in the details list that also shows the
 * route's tenant id (the Microsoft ID). Labels are never read, so a zh-TW portal works the same.
 */
import { deepQueryAll, textOf } from './dom';
import type { ScrapedCustomer } from './ui/overlay-model';

const DOMAIN_RE = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** The customer on a customer page, once its details have rendered (null until then). */
export function scrapeCustomer(customerId: string): ScrapedCustomer | null {
  let domain = '';
  let rendered = false;
  // The details list that holds the Microsoft ID is the customer's own; its domain-shaped value is the domain.
  for (const list of deepQueryAll('dl')) {
    const values = [...list.querySelectorAll('dd')].map(textOf);
    if (!values.some((v) => v.toLowerCase() === customerId)) continue;
    domain = values.find((v) => DOMAIN_RE.test(v))?.toLowerCase() ?? '';
    rendered = true;
    break;
  }
  // Elsewhere: the customer's own navigation (links to its account page) shows its data has rendered,
  // so the heading is the customer's name and not a loading placeholder.
  rendered ||= deepQueryAll('a[href]').some((a) => (a as HTMLAnchorElement).pathname.toLowerCase().endsWith(`/customers/${customerId}/account`));
  if (!rendered) return null;
  const heading = deepQueryAll('h1, [role="heading"][aria-level="1"]').map(textOf).find((s) => s.length > 0);
  return heading ? { customerId, companyName: heading.slice(0, 500), domain } : null;
}
