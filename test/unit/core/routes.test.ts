/** The URLs the extension links to: built in one place, and each one read back as the page it names. */
import { describe, expect, it } from 'vitest';
import { customerAccountUrl, customerPath, portalUrl } from '../../../src/core/routes';
import { matchRoute } from '../../../src/content/pages';

const ID = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';

describe('routes', () => {
  it('builds the account URL every side opens, encoding the id', () => {
    expect(customerAccountUrl(ID)).toBe(`https://partner.microsoft.com/dashboard/v2/customers/${ID}/account`);
    expect(customerAccountUrl('a b/c')).toBe('https://partner.microsoft.com/dashboard/v2/customers/a%20b%2Fc/account');
  });

  it('keeps the locale of the page in view', () => {
    expect(portalUrl('zh-tw', customerPath.list())).toBe('https://partner.microsoft.com/zh-tw/dashboard/v2/customers/list');
    expect(portalUrl('', customerPath.list())).toBe('https://partner.microsoft.com/dashboard/v2/customers/list');
  });

  it.each([
    ['customer-account', customerPath.account(ID)],
    ['customer-subscriptions', customerPath.subscriptions(ID)],
    ['add-products', customerPath.addProducts(ID)],
    ['customers-list', customerPath.list()],
  ] as const)('every built link is recognised as the page it names: %s', (page, path) => {
    for (const locale of ['', 'zh-tw', 'en-US']) {
      const match = matchRoute(new URL(portalUrl(locale, path)));
      expect(match).toMatchObject({ page, locale, ...(page === 'customers-list' ? {} : { customerId: ID }) });
    }
  });
});
