import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { productResolver, resolveProduct } from '../../../src/core/import-adapters';
import { loadSkuTable, type SkuData } from '../../../src/core/sku-table';

const data = JSON.parse(readFileSync(fileURLToPath(new URL('../../../public/data/skus.json', import.meta.url)), 'utf8')) as SkuData;
const table = loadSkuTable(data);

const E3 = { name: 'Office 365 E3', skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900' };

describe("the import's product resolver: a Graph export's skuId or skuPartNumber as a product", () => {
  it('reads an id with spaces around it, as a spreadsheet cell may hold it', () => {
    expect(resolveProduct('  ENTERPRISEPACK \t')).toEqual(E3);
    expect(resolveProduct(` ${E3.skuId.toUpperCase()} `)).toEqual(E3);
    expect(productResolver(table)(' {C5928F49-12BA-48F7-ADA3-0D743A3601D5} ')).toEqual({ name: 'Visio Plan 2', skuId: 'c5928f49-12ba-48f7-ada3-0d743a3601d5' });
  });

  it('unwraps braces only around the whole id', () => {
    expect(resolveProduct(`{${E3.skuId}}`)).toEqual(E3);
    expect(resolveProduct('ENTERPRISE{PACK}')).toBeUndefined();
    expect(resolveProduct('{ENTERPRISE}PACK')).toBeUndefined();
    expect(productResolver(table)('VISIO{CLIENT}')).toBeUndefined();
    expect(productResolver(table)('{VISIO}CLIENT')).toBeUndefined();
  });

  it('takes no name for an id, even a name the catalogue knows', () => {
    for (const notAnId of ['Office 365 E3', 'office 365 e3', 'Office 365 Enterprise E3', 'Microsoft 365 商務標準版']) {
      expect(resolveProduct(notAnId), notAnId).toBeUndefined();
    }
  });

  it("names a product the catalogue does not carry by the table's name when no newer one is known", () => {
    // sku-names.ts lists only former names for AAD_PREMIUM: the table's own name is today's.
    expect(productResolver(table)('AAD_PREMIUM')).toEqual({ name: 'Microsoft Entra ID P1', skuId: '078d2b04-f1bd-4111-bbd4-b4b1b354cef4' });
    expect(productResolver(table)('078D2B04-F1BD-4111-BBD4-B4B1B354CEF4')?.name).toBe('Microsoft Entra ID P1');
    // PROJECTPREMIUM: the table still says "Project Online Premium"; today's name is newer.
    expect(productResolver(table)('PROJECTPREMIUM')?.name).toBe('Planner and Project Plan 5');
  });
});
