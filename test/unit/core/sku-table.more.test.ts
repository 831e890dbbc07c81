import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { comparePlans, loadSkuTable, offerVerdicts, resolveProduct, type SkuData, type SkuTable } from '../../../src/core/sku-table';

const data = JSON.parse(readFileSync(fileURLToPath(new URL('../../../public/data/skus.json', import.meta.url)), 'utf8')) as SkuData;
const table = loadSkuTable(data);

/**
 * A small table of made-up products (ids and names no catalogue knows), each plan's friendly name
 * "Service <code>" (the codes `unnamed` lists: the code itself): what a comparison keeps, gains and loses is then exact.
 */
function tableOf(products: Array<[stringId: string, name: string, plans: string[]]>, unnamed: string[] = []): SkuTable {
  const codes = [...new Set(products.flatMap(([, , plans]) => plans))];
  return loadSkuTable({
    source: 'test',
    date: '2026-01-01',
    plans: codes.map((c): [string, string] => [c, unnamed.includes(c) ? c : `Service ${c}`]),
    products: products.map(([stringId, name, plans], i) => [guid(i), stringId, name, plans.map((p) => codes.indexOf(p))]),
  });
}
const guid = (i: number) => `c0ffee0${i}-0000-4000-8000-000000000000`;

describe('loadSkuTable', () => {
  const empty = { source: 's', date: '2026-01-01', plans: [], products: [] };

  it('loads an empty table', () => {
    const t = loadSkuTable(empty);
    expect(t.products).toEqual([]);
    expect(t.source).toBe('s');
    expect(t.date).toBe('2026-01-01');
  });

  it('refuses what is not a product table, saying what it expected', () => {
    for (const bad of [null, undefined, { ...empty, plans: 'x' }, { ...empty, products: {} }, { plans: [] }, { products: [] }]) {
      expect(() => loadSkuTable(bad as unknown as SkuData), JSON.stringify(bad)).toThrow(new RangeError('Not a product table (plans and products lists expected)'));
    }
  });

  it('names the product and the plan index that does not fit', () => {
    const bad: SkuData = {
      ...empty,
      plans: [['EXO', 'Exchange']],
      products: [
        [guid(1), 'GOOD', 'Good', [0]],
        [guid(2), 'BAD', 'Bad Product', [0, 7]],
      ],
    };
    expect(() => loadSkuTable(bad)).toThrow(new RangeError('Product 1 (Bad Product) names plan 7, which the table does not have'));
  });

  it('keeps each product with its GUID in lower case and its plans by name', () => {
    const t = loadSkuTable({ ...empty, plans: [['EXO', 'Exchange'], ['SPO', 'SharePoint']], products: [['C0FFEE01-0000-4000-8000-000000000000', 'ONE', 'One', [1, 0]]] });
    expect(t.products).toEqual([{ guid: 'c0ffee01-0000-4000-8000-000000000000', stringId: 'ONE', name: 'One', plans: new Set(['SPO', 'EXO']) }]);
    expect(t.friendly.get('SPO')).toBe('SharePoint');
  });
});

describe('resolveProduct', () => {
  const t = tableOf([
    ['WIDGET', 'Widget Pro', ['a']],
    ['WIDGET_TRIAL', 'Widget Pro Trial', ['a']],
  ]);
  const [pro, trial] = t.products;

  it('says a product named by its GUID or string id was named by id', () => {
    expect(resolveProduct(t, guid(0))).toEqual({ product: pro, by: 'id' });
    expect(resolveProduct(t, 'widget_trial')).toEqual({ product: trial, by: 'id' });
    expect(resolveProduct(t, { offer: 'Widget Pro', skuId: 'WIDGET_TRIAL' })).toEqual({ product: trial, by: 'id' });
    expect(resolveProduct(t, 'Widget Pro')).toEqual({ product: pro, by: 'name' });
  });

  it('reads an id with spaces around it', () => {
    expect(resolveProduct(t, `  ${guid(1).toUpperCase()} `)?.product).toBe(trial);
    expect(resolveProduct(t, { offer: 'x', skuId: ' WIDGET ' })?.product).toBe(pro);
  });

  it('unwraps braces only around the whole id', () => {
    expect(resolveProduct(t, `{${guid(1)}}`)?.product).toBe(trial);
    expect(resolveProduct(t, 'WID{GET}')).toBeUndefined();
    expect(resolveProduct(t, '{WID}GET')).toBeUndefined();
  });

  it('tells a trial product from its paid one by the name as typed, spaces around it or not', () => {
    expect(resolveProduct(t, 'Widget Pro Trial')?.product).toBe(trial);
    expect(resolveProduct(t, '  widget pro trial ')?.product).toBe(trial);
    // Noise around it is normalised away, and then only the paid product has that name.
    expect(resolveProduct(t, 'Widget Pro (Annual)')?.product).toBe(pro);
  });
});

describe('comparePlans (a small table)', () => {
  const t = tableOf(
    [
      ['SUITE', 'Contoso Suite', ['mail', 'files', 'chat', 'docs']],
      ['MAIL', 'Contoso Mail', ['mail']],
      ['FILES', 'Contoso Files', ['files']],
      ['BIG', 'Contoso Suite Plus', ['mail', 'files', 'chat', 'docs', 'video']],
      ['VIDEO', 'Contoso Video', ['video']],
      ['TEN', 'Contoso Ten', ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9']],
      ['FIVE', 'Contoso Five', ['p0', 'p1', 'p2', 'p3', 'p4']],
      ['FOUR', 'Contoso Four', ['p5', 'p6', 'p7', 'p8']],
      ['THREE', 'Contoso Three', ['p5', 'p6', 'p7']],
    ],
    ['chat'],
  );
  const product = (name: string) => resolveProduct(t, name)!.product;

  it('unknown when a side is not in the table: nothing kept, gained or lost, and says which products it found', () => {
    expect(comparePlans(t, 'Contoso Suite', ['Contoso Mail', 'Fabrikam Mail'])).toEqual({
      verdict: 'unknown',
      kept: [],
      gained: [],
      lost: [],
      original: product('Contoso Suite'),
      provisioned: [product('Contoso Mail'), undefined],
    });
    expect(comparePlans(t, 'Fabrikam Suite', ['Contoso Mail'])).toEqual({
      verdict: 'unknown',
      kept: [],
      gained: [],
      lost: [],
      original: undefined,
      provisioned: [product('Contoso Mail')],
    });
  });

  it('lists what is kept, gained and lost by friendly name, sorted alphabetically whatever the case', () => {
    const r = comparePlans(t, 'Contoso Suite', ['Contoso Suite Plus']);
    expect(r).toMatchObject({ verdict: 'different', kept: ['chat', 'Service docs', 'Service files', 'Service mail'], gained: ['Service video'], lost: [] });
    expect(r.original).toBe(product('Contoso Suite'));
    expect(r.provisioned).toEqual([product('Contoso Suite Plus')]);
    expect(comparePlans(t, 'Contoso Suite Plus', ['Contoso Suite'])).toMatchObject({ gained: [], lost: ['Service video'] });
  });

  it('one new product that alone carries everything kept, beside an unrelated one, is different, not a split', () => {
    expect(comparePlans(t, 'Contoso Suite', ['Contoso Suite Plus', 'Contoso Video']).verdict).toBe('different');
    expect(comparePlans(t, 'Contoso Mail', ['Contoso Mail', 'Contoso Files']).verdict).toBe('different');
  });

  it('several new products covering only part of the original are different, not a split', () => {
    const r = comparePlans(t, 'Contoso Suite', ['Contoso Mail', 'Contoso Files']);
    expect(r.verdict).toBe('different');
    expect(r.lost).toEqual(['chat', 'Service docs']);
  });

  it('is a split from 90 % of the original\'s plans carried on together, not below', () => {
    const split = comparePlans(t, 'Contoso Ten', ['Contoso Five', 'Contoso Four']);
    expect(split.verdict).toBe('split');
    expect(split.lost).toEqual(['Service p9']);
    expect(comparePlans(t, 'Contoso Ten', ['Contoso Five', 'Contoso Three']).verdict).toBe('different');
  });
});

describe('comparePlans: renamed only when the two sides name the product differently', () => {
  it.each([
    ['Office 365 Business Premium', 'Office 365 Business Premium'],
    ['Project Online Premium', 'Project Plan 5'],
    ['Microsoft 365 商務標準版', 'Microsoft 365 商務標準版'],
    ['Microsoft 365 Business Standard', 'O365_BUSINESS_PREMIUM'],
  ])('%s → %s is the same', (original, provisioned) => {
    expect(comparePlans(table, original, [provisioned]).verdict).toBe('same');
  });

  it.each([
    ['Office 365 Business Premium', 'Microsoft 365 商務標準版'],
    ['Office 365 Business Premium', 'O365_BUSINESS_PREMIUM'],
    ['Microsoft 365 商務標準版', 'Microsoft 365 Business Standard'],
  ])('%s → %s is renamed', (original, provisioned) => {
    expect(comparePlans(table, original, [provisioned]).verdict).toBe('renamed');
  });
});

describe('offerVerdicts (a small table)', () => {
  const t = tableOf([
    ['SUITE', 'Contoso Suite', ['mail', 'files', 'chat', 'docs']],
    ['MAIL', 'Contoso Mail', ['mail']],
    ['FILES', 'Contoso Files', ['files']],
    ['CHATDOCS', 'Contoso Chat and Docs', ['chat', 'docs']],
    ['MAILFILES', 'Contoso Mail and Files', ['mail', 'files']],
    ['FILESCHAT', 'Contoso Files and Chat', ['files', 'chat']],
    ['VIDEO', 'Contoso Video', ['video']],
  ]);
  const o = (id: string, offer: string) => ({ id, offer });

  it('reads a page offer by its product id when its name is not in the table, with or without an id map', () => {
    const r = offerVerdicts(t, [o('o1', 'Contoso Mail')], [{ name: 'Mail (monthly, 12 months)', productId: guid(1) }, { name: 'Suite bundle', productId: 'PC-0002' }], (id) =>
      id === 'PC-0002' ? 'SUITE' : undefined,
    );
    expect(r.offers).toEqual([
      { match: 'same', originalId: 'o1', productName: 'Contoso Mail', kept: ['Service mail'], gained: [], lost: [] },
      { match: 'different', originalId: 'o1', productName: 'Contoso Suite', kept: ['Service mail'], gained: ['Service chat', 'Service docs', 'Service files'], lost: [] },
    ]);
  });

  it('among originals with the same verdict, compares with the one the offer keeps most of; the first on a tie', () => {
    const offers = [{ name: 'Contoso Mail and Files' }];
    expect(offerVerdicts(t, [o('o1', 'Contoso Video'), o('o2', 'Contoso Suite'), o('o3', 'Contoso Files and Chat')], offers).offers[0]).toMatchObject({
      match: 'different',
      originalId: 'o2',
      kept: ['Service files', 'Service mail'],
    });
    expect(offerVerdicts(t, [o('o1', 'Contoso Files and Chat'), o('o2', 'Contoso Mail')], offers).offers[0]).toMatchObject({ match: 'different', originalId: 'o1' });
    expect(offerVerdicts(t, [o('o1', 'Contoso Mail'), o('o2', 'Contoso Files and Chat')], offers).offers[0]).toMatchObject({ match: 'different', originalId: 'o1' });
  });

  it('finds a split beside the original itself in the cart', () => {
    const r = offerVerdicts(t, [o('o1', 'Contoso Suite')], [{ name: 'Contoso Suite' }, { name: 'Contoso Mail and Files' }, { name: 'Contoso Chat and Docs' }]);
    expect(r.offers[0]).toMatchObject({ match: 'same', originalId: 'o1' });
    expect(r.splits).toEqual([{ originalId: 'o1', offers: [1, 2], kept: ['Service chat', 'Service docs', 'Service files', 'Service mail'], lost: [] }]);
  });

  it('no split from related offers that carry on too little of the original', () => {
    expect(offerVerdicts(t, [o('o1', 'Contoso Suite')], [{ name: 'Contoso Mail' }, { name: 'Contoso Files' }]).splits).toEqual([]);
  });

  it('an original the table does not know is skipped, not guessed', () => {
    const r = offerVerdicts(t, [o('o1', 'Fabrikam Suite'), o('o2', 'Contoso Suite')], [{ name: 'Contoso Mail and Files' }, { name: 'Contoso Chat and Docs' }]);
    expect(r.splits).toEqual([{ originalId: 'o2', offers: [0, 1], kept: expect.any(Array), lost: [] }]);
  });
});
