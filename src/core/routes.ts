/**
 * Partner Center's host and the customer routes the extension links to, in one place: the content
 * script's links, the popup's "open in Partner Center", a reminder's click and the calendar's
 * events all build their URLs here. Routes for subscriptions and add-products are not public: they
 * follow the known pattern (docs/portal.md) and are corrected here, once. Reading a route back
 * from a URL is content/pages.ts's job.
 */
export const PORTAL_HOST = 'partner.microsoft.com';
export const PORTAL_ORIGIN = `https://${PORTAL_HOST}`;

const customer = (id: string) => `/dashboard/v2/customers/${encodeURIComponent(id)}`;

/** Paths (no locale) of the pages the extension sends the partner to. */
export const customerPath = {
  account: (id: string) => `${customer(id)}/account`,
  subscriptions: (id: string) => `${customer(id)}/subscriptions`,
  addProducts: (id: string) => `${customer(id)}/addproducts`,
  list: () => `/dashboard/v2/customers/list`,
};

/** A Partner Center URL, in `locale` when the page in view has one ('' for none). */
export function portalUrl(locale: string, path: string): string {
  return `${PORTAL_ORIGIN}${locale ? `/${locale}` : ''}${path}`;
}

/** The customer's account page: where a reminder, a calendar event or the popup's link opens. */
export function customerAccountUrl(customerId: string): string {
  return portalUrl('', customerPath.account(customerId));
}
