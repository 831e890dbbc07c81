import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { OriginalSubscription, ProvisionedSubscription } from '../../../src/core/model';
import { findOffer, matchOffer, moveOfferMatch, useProductIdentity } from '../../../src/core/offers';
import { loadSkuTable, useProductTable, type SkuData } from '../../../src/core/sku-table';

const data = JSON.parse(readFileSync(fileURLToPath(new URL('../../../public/data/skus.json', import.meta.url)), 'utf8')) as SkuData;
const table = loadSkuTable(data);

const orig = (id: string, offer: string, seats: number): OriginalSubscription => ({ id, offer, seats, expiresOn: '2027-01-31', endBy: 'expire' });
const prov = (id: string, offer: string, seats: number): ProvisionedSubscription => ({ id, offer, seats, provisionedOn: '2027-01-20' });

describe('ids wrapped in braces', () => {
  it('unwraps braces only around the whole id', () => {
    expect(findOffer('{6FD2C87F-B296-42F0-B197-1E91E994B900}')?.skuPartNumber).toBe('ENTERPRISEPACK');
    expect(findOffer('{ENTERPRISEPACK}')?.skuPartNumber).toBe('ENTERPRISEPACK');
    expect(findOffer('ENTERPRISE{PACK}')).toBeUndefined();
    expect(findOffer('{ENTERPRISE}PACK')).toBeUndefined();
    expect(matchOffer({ offer: 'x', skuId: 'ENTERPRISE{PACK}' }, { offer: 'Office 365 E3' })).toBe('unknown');
    expect(matchOffer({ offer: 'x', skuId: '{ENTERPRISE}PACK' }, { offer: 'Office 365 E3' })).toBe('unknown');
  });
});

describe('moveOfferMatch remembers its answer per pair of lists', () => {
  afterEach(() => useProductTable(undefined));

  it('gives the same answer object for the same lists, a fresh one for changed lists', () => {
    const originals = [orig('o1', 'Office 365 E3', 10)];
    const provisioned = [prov('p1', 'Office 365 E3', 8)];
    const first = moveOfferMatch({ originals, provisioned });
    expect(moveOfferMatch({ originals, provisioned })).toBe(first);
    const more = [prov('p1', 'Office 365 E3', 10)];
    expect(moveOfferMatch({ originals, provisioned: more }).seatShortfalls).toEqual([]);
    expect(moveOfferMatch({ originals: [orig('o1', 'Office 365 E3', 8)], provisioned }).seatShortfalls).toEqual([]);
    expect(moveOfferMatch({ originals, provisioned })).toBe(first);
  });

  it('forgets remembered answers when the product identity changes, both ways', () => {
    const move = { originals: [orig('o1', 'Power BI Pro', 3)], provisioned: [prov('p1', 'f8a1db68-be16-40ed-86d5-cb42ce701560', 3)] };
    expect(moveOfferMatch(move).match).toBe('unknown');
    useProductTable(table);
    expect(moveOfferMatch(move).match).toBe('same');
    useProductTable(undefined);
    expect(moveOfferMatch(move)).toMatchObject({ match: 'unknown', needsLicenseReassignment: true });
  });
});

describe('offer matching through the product table', () => {
  afterEach(() => useProductTable(undefined));

  it('the same objects are matched again once the table is installed, and once it is removed', () => {
    const a = { offer: 'Power BI Pro' };
    const b = { offer: 'PBI_PREMIUM_PER_USER' };
    const c = { offer: 'f8a1db68-be16-40ed-86d5-cb42ce701560' };
    expect(matchOffer(a, c)).toBe('unknown');
    useProductTable(table);
    expect(matchOffer(a, c)).toBe('same');
    expect(matchOffer(a, b)).toBe('different');
    useProductTable(undefined);
    expect(matchOffer(a, c)).toBe('unknown');
    expect(matchOffer(a, b)).toBe('unknown');
  });

  it('names the table does not know still compare by their normalised form', () => {
    useProductTable(table);
    expect(matchOffer({ offer: 'Contoso Widget' }, { offer: 'CONTOSO WIDGET (Annual)' })).toBe('same');
    expect(matchOffer({ offer: 'Contoso Widget' }, { offer: 'Fabrikam Widget' })).toBe('unknown');
    expect(matchOffer({ offer: 'Contoso Widget' }, { offer: 'Visio Plan 2' })).toBe('unknown');
  });

  it('an id on one side and a former name on the other is the same product, not a rename', () => {
    useProductTable(table);
    expect(matchOffer({ offer: '09015f9f-377f-4538-bbb5-f75ceb09358a' }, { offer: 'Project Online Premium' })).toBe('same');
    expect(matchOffer({ offer: 'Project Online Premium' }, { offer: 'PROJECTPREMIUM' })).toBe('same');
    expect(matchOffer({ offer: 'Planner and Project Plan 5' }, { offer: 'Planner and Project Plan 5' })).toBe('same');
    expect(matchOffer({ offer: 'Project Plan 5' }, { offer: 'Planner and Project Plan 5' })).toBe('renamed');
  });

  it('an identity given directly is used as given', () => {
    useProductIdentity((ref) => (ref.offer.startsWith('Contoso') ? { key: 'contoso', by: ref.offer.endsWith('(old)') ? 'former' : 'name' } : undefined));
    expect(matchOffer({ offer: 'Contoso A' }, { offer: 'Contoso B' })).toBe('same');
    expect(matchOffer({ offer: 'Contoso A (old)' }, { offer: 'Contoso B' })).toBe('renamed');
    // The offer catalogue still comes first.
    expect(matchOffer({ offer: 'Contoso A' }, { offer: 'Office 365 E3' })).toBe('different');
    useProductIdentity(undefined);
    expect(matchOffer({ offer: 'Contoso A' }, { offer: 'Contoso B' })).toBe('unknown');
  });
});
