import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogueTable, pickOffer, suggestOffers, type OfferSuggestion, type ProductTable } from '../../../src/core/offer-search';
import { loadSkuTable, productNames, resolveProduct, type SkuData } from '../../../src/core/sku-table';

const data = JSON.parse(readFileSync(fileURLToPath(new URL('../../../public/data/skus.json', import.meta.url)), 'utf8')) as SkuData;
const table = loadSkuTable(data);
const names = productNames(table);

const tableOf = (...list: OfferSuggestion[]): ProductTable => ({ names: () => list });

describe('suggestOffers', () => {
  const t = tableOf(
    { name: 'Office 365 E3', offer: 'Office 365 E3' },
    { name: 'Office 365 E3 (no Teams)', offer: 'Office 365 E3 (no Teams)' },
    { name: 'Microsoft 365 E3', offer: 'Microsoft 365 E3' },
    { name: 'Office 365 E1', offer: 'Office 365 E1' },
    { name: 'Office 365 E3', offer: 'duplicate name, listed later' },
  );

  it('ranks the exact name first, then names starting with the query, then names containing it', () => {
    expect(suggestOffers(t, 'office 365 e3').map((s) => s.name)).toEqual(['Office 365 E3', 'Office 365 E3 (no Teams)']);
    expect(suggestOffers(t, 'E3').map((s) => s.name)).toEqual(['Microsoft 365 E3', 'Office 365 E3', 'Office 365 E3 (no Teams)']);
    expect(suggestOffers(t, 'O365').map((s) => s.name)).toEqual(['Office 365 E1', 'Office 365 E3', 'Office 365 E3 (no Teams)']);
  });

  it('names each name once (the first offer listed under it), at most `limit`, and nothing for an empty query', () => {
    expect(suggestOffers(t, 'office 365 e3')[0]!.offer).toBe('Office 365 E3');
    expect(suggestOffers(t, '365', 2)).toHaveLength(2);
    expect(suggestOffers(t, '365', 0)).toEqual([]);
    expect(suggestOffers(t, '365', -1)).toEqual([]);
    expect(suggestOffers(t, '  ')).toEqual([]);
    expect(suggestOffers(t, 'Visio')).toEqual([]);
  });
});

describe('pickOffer', () => {
  it('picks only a full name (after normalisation), never a prefix', () => {
    const t = tableOf({ name: 'Office 365 E3', offer: 'Office 365 E3', skuId: 'a' }, { name: 'Office 365 E3 (no Teams)', offer: 'Office 365 E3 (no Teams)', skuId: 'b' });
    expect(pickOffer(t, 'office 365 E3 (NCE COM MTH)')).toMatchObject({ skuId: 'a' });
    expect(pickOffer(t, 'Office 365 E3 without Teams')).toMatchObject({ skuId: 'b' });
    expect(pickOffer(t, 'Office 365')).toBeUndefined();
    expect(pickOffer(t, ' ')).toBeUndefined();
  });

  it('an exact name beats an earlier name equal only after normalisation (which drops "Trial")', () => {
    const t = tableOf({ name: 'Power BI Pro', offer: 'Power BI Pro', skuId: 'a' }, { name: 'Power BI Pro Trial', offer: 'Power BI Pro Trial', skuId: 'b' });
    expect(pickOffer(t, ' power bi pro trial ')).toMatchObject({ skuId: 'b' });
    expect(pickOffer(t, 'Power BI Pro (NCE)')).toMatchObject({ skuId: 'a' });
  });
});

describe('the type-ahead over Microsoft\'s product table (productNames)', () => {
  it('every product is picked by its own name, as the product that name resolves to', () => {
    for (const p of table.products) {
      const picked = pickOffer(names, p.name);
      expect(picked, p.name).toBeDefined();
      expect(picked!.skuId).toBe(resolveProduct(table, p.name)!.product.guid);
    }
  });

  it('offers today\'s name for a former one, and Microsoft\'s zh-TW names', () => {
    expect(pickOffer(names, 'Project Online Premium')).toMatchObject({ name: 'Project Online Premium', offer: 'Planner and Project Plan 5', skuId: '09015f9f-377f-4538-bbb5-f75ceb09358a' });
    expect(pickOffer(names, 'Office 365 Business Premium')).toMatchObject({ offer: 'Microsoft 365 Business Standard', skuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3' });
    expect(pickOffer(names, 'Microsoft 365 商務標準版')).toMatchObject({ offer: 'Microsoft 365 Business Standard' });
    expect(suggestOffers(names, 'Power BI P', 50).map((s) => s.name)).toContain('Power BI Pro');
  });

  it('knows products the offer catalogue does not', () => {
    expect(pickOffer(catalogueTable(), 'Visio Plan 2')).toBeUndefined();
    expect(pickOffer(names, 'Visio Plan 2')).toMatchObject({ offer: 'Visio Plan 2' });
  });
});
