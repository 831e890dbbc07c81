/**
 * The Partner Center pages the extension knows, by route: the path after an optional locale
 * segment (`/en-us/`, `/zh-tw/`, `/zh-CN/`, any case). Two generations of routes live side by side
 * (`v2`, `commerce2`, and the older `commerce`). Routes for subscriptions and add-products are not
 * public: they follow the known pattern and live here, in one table, to be corrected in one place.
 * Sources: docs/portal-facts.md (Routes); what the sample portal models: docs/portal.md. The URLs
 * the extension links to are built in core/routes.ts.
 */
import { GUID } from '../core/model';
import { PORTAL_HOST } from '../core/routes';

export type PageId =
  | 'customers-list'
  | 'gdap-list'
  | 'indirect-reseller-request'
  | 'customer-account'
  | 'customer-subscriptions'
  | 'subscription-details'
  | 'add-products'
  | 'add-products-review'
  | 'add-products-confirmation'
  | 'customer-other';

export interface PageMatch {
  page: PageId;
  /** Lower-case tenant id when the route names a customer. */
  customerId?: string;
  /** Lower-case tenant id of the indirect provider on the indirect reseller request page. */
  providerId?: string;
  subscriptionId?: string;
  /** The locale segment as written in the URL, or '' when there is none. */
  locale: string;
}

const APP = '(?:v2|commerce2|commerce)';
const CUSTOMER = `/dashboard/${APP}/customers/(${GUID})`;

/** Order matters: the first match wins. */
export const ROUTES: ReadonlyArray<{ page: PageId; pattern: RegExp }> = [
  { page: 'customers-list', pattern: new RegExp(`^/dashboard/${APP}/customers(?:/list)?/?$`, 'i') },
  // The GDAP customers list: `/dashboard/v2/customers/granularadminaccess/list` and `/dashboard/commerce2/granularadminaccess/list`.
  { page: 'gdap-list', pattern: new RegExp(`^/dashboard/(?:${APP}/customers|commerce2)/granularadminaccess/list/?$`, 'i') },
  { page: 'indirect-reseller-request', pattern: new RegExp(`^/dashboard/${APP}/customers/indirectresellers/relationshiprequest/(${GUID})/?$`, 'i') },
  { page: 'customer-account', pattern: new RegExp(`^${CUSTOMER}/account/?$`, 'i') },
  { page: 'add-products-review', pattern: new RegExp(`^${CUSTOMER}/addproducts/review/?$`, 'i') },
  { page: 'add-products-confirmation', pattern: new RegExp(`^${CUSTOMER}/addproducts/confirmation/?$`, 'i') },
  { page: 'add-products', pattern: new RegExp(`^${CUSTOMER}/addproducts/?$`, 'i') },
  { page: 'subscription-details', pattern: new RegExp(`^${CUSTOMER}/subscriptions/(${GUID})/?$`, 'i') },
  { page: 'customer-subscriptions', pattern: new RegExp(`^${CUSTOMER}/subscriptions/?$`, 'i') },
  { page: 'customer-other', pattern: new RegExp(`^${CUSTOMER}(?:/[^?#]*)?$`, 'i') },
];

const LOCALE_RE = /^\/([a-z]{2}(?:-[a-z]{2,4})?)(?=\/dashboard\/)/i;

export function matchRoute(url: URL | Location): PageMatch | null {
  if (url.hostname !== PORTAL_HOST) return null;
  let path = url.pathname;
  const locale = LOCALE_RE.exec(path)?.[1] ?? '';
  if (locale) path = path.slice(locale.length + 1);
  for (const { page, pattern } of ROUTES) {
    const m = pattern.exec(path);
    if (!m) continue;
    if (page === 'indirect-reseller-request') return { page, locale, providerId: m[1]?.toLowerCase() };
    return { page, locale, customerId: m[1]?.toLowerCase(), subscriptionId: m[2]?.toLowerCase() };
  }
  return null;
}
