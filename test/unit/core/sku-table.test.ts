import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { OriginalSubscription, ProvisionedSubscription } from '../../../src/core/model';
import { matchOffer, moveOfferMatch } from '../../../src/core/offers';
import { closingGuard } from '../../../src/core/steps';
import { accessDaysAfterEnd, productResolver } from '../../../src/core/import-adapters';
import { comparePlans, loadSkuTable, offerVerdicts, originalNames, resolveProduct, useProductTable, type SkuData } from '../../../src/core/sku-table';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const data = JSON.parse(readFileSync(`${root}public/data/skus.json`, 'utf8')) as SkuData;
const table = loadSkuTable(data);

/** Microsoft's CSV itself, when the shared copy is there: the shipped data must say the same. */
function csvRows(): string[][] | undefined {
  try {
    const text = readFileSync('/work/shared/microsoft-skus.csv', 'utf8');
    return text.split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(','));
  } catch {
    return undefined;
  }
}

describe('the shipped table', () => {
  it('names its source and date, and holds every product', () => {
    expect(data.source).toMatch(/Product names and service plan identifiers for licensing/);
    expect(data.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.products).toHaveLength(619);
    const guids = csvRows()?.map((r) => r.find((c) => /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(c))?.toLowerCase());
    if (guids) expect(new Set(table.products.map((p) => p.guid))).toEqual(new Set(guids.filter(Boolean)));
  });

  it('every product resolves from its GUID (any case, braces) and from its string id', () => {
    for (const p of table.products) {
      expect(resolveProduct(table, p.guid)?.product).toBe(p);
      expect(resolveProduct(table, `{${p.guid.toUpperCase()}}`)?.product).toBe(p);
      // Two products share the string id MCOPSTN5 in Microsoft's table: it names the first of them.
      const byString = resolveProduct(table, p.stringId)?.product;
      expect(byString?.stringId).toBe(p.stringId);
    }
  });

  it('every product resolves from its current name to a product of that name', () => {
    for (const p of table.products) expect(resolveProduct(table, p.name)?.product.name).toBe(p.name);
  });

  it('a skuId beats the name', () => {
    const e1 = resolveProduct(table, { offer: 'Office 365 E3', skuId: '18181a46-0d4e-45cd-891e-60aabd171b4e' });
    expect(e1?.product.stringId).toBe('STANDARDPACK');
  });

  it('refuses a table that names a plan it does not have', () => {
    expect(() => loadSkuTable({ ...data, products: [['x', 'X', 'X', [99_999]]] })).toThrow(RangeError);
  });
});

describe('renames resolve both ways', () => {
  const renames: Array<[string, string, string]> = [
    // 2020 (offers.csv)
    ['Office 365 Business Premium', 'Microsoft 365 Business Standard', 'O365_BUSINESS_PREMIUM'],
    ['Office 365 Business Essentials', 'Microsoft 365 Business Basic', 'O365_BUSINESS_ESSENTIALS'],
    ['Microsoft 365 Business', 'Microsoft 365 Business Premium', 'SPB'],
    ['Office 365 ProPlus', 'Microsoft 365 Apps for enterprise', 'OFFICESUBSCRIPTION'],
    ['Office 365 Advanced Threat Protection (Plan 1)', 'Microsoft Defender for Office 365 (Plan 1)', 'ATP_ENTERPRISE'],
    // 2023–2025 (partner-center.md)
    ['Azure AD Premium P1', 'Microsoft Entra ID P1', 'AAD_PREMIUM'],
    ['Azure Active Directory Premium P2', 'Microsoft Entra ID P2', 'AAD_PREMIUM_P2'],
    ['Project Plan 1', 'Planner Plan 1', 'PROJECT_P1'],
    ['Project Plan 3', 'Planner and Project Plan 3', 'PROJECTPROFESSIONAL'],
    ['Project Plan 5', 'Planner and Project Plan 5', 'PROJECTPREMIUM'],
    ['Copilot for Microsoft 365', 'Microsoft 365 Copilot', 'Microsoft_365_Copilot'],
  ];
  it.each(renames)('%s ⇄ %s', (former, current, stringId) => {
    expect(resolveProduct(table, former)?.product.stringId === stringId || resolveProduct(table, former)?.product.name === resolveProduct(table, stringId)?.product.name).toBe(true);
    expect(resolveProduct(table, former)?.by).toBe('former');
    expect(resolveProduct(table, current)?.by).toBe('name');
    expect(comparePlans(table, former, [current]).verdict).toBe('renamed');
    expect(comparePlans(table, current, [former]).verdict).toBe('renamed');
  });

  it('zh-TW names resolve, and count as renamed against the English name', () => {
    expect(resolveProduct(table, 'Microsoft 365 商務標準版')?.product.stringId).toBe('O365_BUSINESS_PREMIUM');
    expect(resolveProduct(table, 'Office 365 商務進階版')?.product.stringId).toBe('O365_BUSINESS_PREMIUM');
    expect(comparePlans(table, 'Microsoft 365 商務標準版', ['Microsoft 365 Business Standard']).verdict).toBe('renamed');
  });

  it('the classic trap stays a trap: old Business Premium is not today\'s Business Premium', () => {
    expect(comparePlans(table, 'Office 365 Business Premium', ['Microsoft 365 Business Premium']).verdict).toBe('different');
  });
});

describe('comparing by service plans', () => {
  it('same product by id or name: same, nothing lost', () => {
    expect(comparePlans(table, 'ENTERPRISEPACK', ['Office 365 E3 (NCE COM MTH)'])).toMatchObject({ verdict: 'same', lost: [], gained: [] });
  });

  it('E3 → E3 (no Teams) + Teams Enterprise is split', () => {
    const r = comparePlans(table, 'Office 365 E3', ['Office 365 E3 (no Teams)', 'Microsoft Teams Enterprise']);
    expect(r.verdict).toBe('split');
    expect(r.kept).toContain('Microsoft Teams');
    // What the new pair does not carry is still said.
    expect(r.lost).toEqual(['Microsoft Defender for Office 365 (Plan 1)']);
  });

  it('E3 → E3 (no Teams) alone is different and loses Microsoft Teams', () => {
    const r = comparePlans(table, 'Office 365 E3', ['Office 365 E3 (no Teams)']);
    expect(r.verdict).toBe('different');
    expect(r.lost).toContain('Microsoft Teams');
  });

  it('E3 → E1 is different and lists what is lost', () => {
    const r = comparePlans(table, 'Office 365 E3', ['Office 365 E1']);
    expect(r.verdict).toBe('different');
    expect(r.lost).toEqual(
      expect.arrayContaining(['Microsoft 365 Apps for enterprise', 'EXCHANGE ONLINE (PLAN 2)', 'SharePoint (Plan 2)', 'Microsoft Defender for Office 365 (Plan 1)']),
    );
    expect(r.kept).toContain('Microsoft Teams');
  });

  it('two unrelated products are not a split', () => {
    expect(comparePlans(table, 'Office 365 E3', ['Visio Plan 2', 'Power BI Pro']).verdict).toBe('different');
  });

  it('unknown when either side is not in the table', () => {
    expect(comparePlans(table, 'Contoso Widget Suite', ['Office 365 E3']).verdict).toBe('unknown');
    expect(comparePlans(table, 'Office 365 E3', ['Office 365 E3', 'Contoso Widget']).verdict).toBe('unknown');
    expect(comparePlans(table, 'Office 365 E3', []).verdict).toBe('unknown');
  });

  it('Teams Essentials, EMS, Visio, Power BI and Copilot are in the catalogue', () => {
    for (const n of ['Microsoft Teams Essentials', 'Enterprise Mobility + Security E3', 'Visio Plan 2', 'Power BI Pro', 'Microsoft 365 Copilot', 'Microsoft 365 E3 (no Teams)']) {
      expect(resolveProduct(table, n), n).toBeDefined();
    }
  });
});

describe('verdicts for the offers on a page', () => {
  const originals = [
    { id: 'o1', offer: 'Office 365 E3', seats: 10 },
    { id: 'o2', offer: 'Copilot for Microsoft 365', seats: 5 },
  ];
  // The sample catalogue's new-commerce ids stand for GUIDs the offer catalogue would give.
  const ids: Record<string, string> = { 'CFQ7TTC0LF8R:0001': '6fd2c87f-b296-42f0-b197-1e91e994b900' };
  const idOf = (id: string) => ids[id];

  it('each offer against its closest original: a page id, a rename since 2023, a "(no Teams)" suite', () => {
    const r = offerVerdicts(table, originals, [
      { name: 'Office 365 E3 (NCE COM MTH)', productId: 'CFQ7TTC0LF8R:0001' },
      { name: 'Microsoft 365 Copilot', productId: 'SAMPLE0COPLT:0001' },
      { name: 'Office 365 E3 (no Teams)' },
      { name: 'Contoso Widget' },
    ], idOf);
    expect(r.offers.map((v) => [v.match, v.originalId])).toEqual([
      ['same', 'o1'],
      ['renamed', 'o2'],
      ['different', 'o1'],
      ['unknown', undefined],
    ]);
    expect(r.offers[2]!.lost).toContain('Microsoft Teams');
    expect(r.offers[0]!.lost).toEqual([]);
    expect(r.splits).toEqual([]);
  });

  it('two offers that together carry an original on are one split, naming them; unrelated cart items are left out', () => {
    const r = offerVerdicts(table, originals, [{ name: 'Visio Plan 2' }, { name: 'Office 365 E3 (no Teams)' }, { name: 'Microsoft Teams Enterprise' }]);
    expect(r.splits).toEqual([{ originalId: 'o1', offers: [1, 2], kept: expect.arrayContaining(['Microsoft Teams']), lost: ['Microsoft Defender for Office 365 (Plan 1)'] }]);
  });

  it('no split with one offer, or when one offer alone is the original', () => {
    expect(offerVerdicts(table, originals, [{ name: 'Office 365 E3 (no Teams)' }]).splits).toEqual([]);
    expect(offerVerdicts(table, originals, [{ name: 'Office 365 E3' }, { name: 'Microsoft Teams Enterprise' }]).splits).toEqual([]);
  });

  it('no originals: nothing to compare', () => {
    expect(offerVerdicts(table, [], [{ name: 'Office 365 E3' }])).toEqual({ offers: [{ match: 'unknown', kept: [], gained: [], lost: [], productName: 'Office 365 E3' }], splits: [] });
  });
});

describe('the import\'s product resolver (Graph skuId / skuPartNumber)', () => {
  it('the offer catalogue first, then any product of the table under its name today; the catalogue alone without the table', () => {
    const withTable = productResolver(table);
    expect(withTable('6FD2C87F-B296-42F0-B197-1E91E994B900')).toEqual({ name: 'Office 365 E3', skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900' });
    expect(withTable('c5928f49-12ba-48f7-ada3-0d743a3601d5')).toEqual({ name: 'Visio Plan 2', skuId: 'c5928f49-12ba-48f7-ada3-0d743a3601d5' });
    expect(withTable('{C5928F49-12BA-48F7-ADA3-0D743A3601D5}')?.name).toBe('Visio Plan 2');
    expect(withTable('VISIOCLIENT')?.name).toBe('Visio Plan 2');
    expect(withTable('Microsoft_365_Copilot')?.name).toBe('Microsoft 365 Copilot');
    // Names are not ids.
    expect(withTable('Visio Plan 2')).toBeUndefined();
    expect(productResolver()('VISIOCLIENT')).toBeUndefined();
    expect(productResolver()('ENTERPRISEPACK')?.name).toBe('Office 365 E3');
  });

  it('access days after the end date come from the end-of-term rules', () => {
    expect([accessDaysAfterEnd('direct'), accessDaysAfterEnd('open'), accessDaysAfterEnd('ea'), accessDaysAfterEnd('other')]).toEqual([30, 30, 0, undefined]);
  });
});

describe('originals under the names they are sold by today', () => {
  it('a former name gives today\'s name and, where known, the zh-TW one; a current name is not "renamed"; nothing is guessed', () => {
    expect(
      originalNames(table, [
        { id: 'o1', offer: 'Office 365 Business Premium' },
        { id: 'o2', offer: 'Office 365 E3' },
        { id: 'o3', offer: 'Copilot for Microsoft 365' },
        { id: 'o4', offer: 'Project Online Premium' },
        { id: 'o5', offer: 'Contoso Widget' },
        { id: 'o6', offer: 'Microsoft 365 商務標準版' },
      ]),
    ).toEqual([
      { originalId: 'o1', name: 'Microsoft 365 Business Standard', zhTw: 'Microsoft 365 商務標準版', renamed: true },
      { originalId: 'o2', name: 'Office 365 E3', zhTw: expect.any(String), renamed: false },
      { originalId: 'o3', name: 'Microsoft 365 Copilot', renamed: true },
      // The table still shows the old name: today's comes from sku-names.ts.
      { originalId: 'o4', name: 'Planner and Project Plan 5', renamed: true },
      // o5 is not in the table: left out, not guessed.
      // Recorded under its zh-TW name: the same name, not a rename.
      { originalId: 'o6', name: 'Microsoft 365 Business Standard', zhTw: 'Microsoft 365 商務標準版', renamed: false },
    ]);
  });

  it('a verdict names the product by today\'s name, not the table\'s older one', () => {
    expect(offerVerdicts(table, [], [{ name: 'Project Online Premium' }]).offers[0]!.productName).toBe('Planner and Project Plan 5');
  });
});

describe('one product identity: the move match, the closing guard and the warning agree (useProductTable)', () => {
  const orig = (offer: string, seats: number, skuId?: string): OriginalSubscription => ({
    id: `o-${offer}`,
    offer,
    ...(skuId ? { skuId } : {}),
    seats,
    expiresOn: '2027-01-31',
    endBy: 'expire',
  });
  const prov = (offer: string, seats: number, skuId?: string): ProvisionedSubscription => ({
    id: `p-${offer}`,
    offer,
    ...(skuId ? { skuId } : {}),
    seats,
    provisionedOn: '2027-01-20',
  });
  afterEach(() => useProductTable(undefined));

  it('a product only the table knows: by GUID on one side, by name on the other, is the same product', () => {
    const o = { offer: 'f8a1db68-be16-40ed-86d5-cb42ce701560' };
    expect(matchOffer(o, { offer: 'Power BI Pro' })).toBe('unknown');
    useProductTable(table);
    expect(matchOffer(o, { offer: 'Power BI Pro' })).toBe('same');
    expect(matchOffer(o, { offer: 'Visio Plan 2' })).toBe('different');
  });

  it('a rename only the table knows is renamed, both ways', () => {
    useProductTable(table);
    expect(matchOffer({ offer: 'Project Online Premium' }, { offer: 'Planner and Project Plan 5' })).toBe('renamed');
    expect(matchOffer({ offer: 'Planner and Project Plan 5' }, { offer: 'Project Online Premium' })).toBe('renamed');
  });

  it('a no-Teams suite named by name and by its GUID is one product, and not its suite', () => {
    useProductTable(table);
    const noTeams = { offer: 'Microsoft 365 E5 (no Teams)' };
    expect(matchOffer(noTeams, { offer: 'anything', skuId: '18a4bd3f-0b5b-4887-b04f-61dd0ee15f5e' })).toBe('same');
    expect(matchOffer(noTeams, { offer: 'Microsoft 365 E5' })).toBe('different');
    expect(matchOffer({ offer: 'Microsoft 365 E3' }, { offer: 'Microsoft 365 E3 (no Teams)' })).toBe('different');
  });

  it('the closing guard and the reassignment need follow the table: full seats close, fewer need an override', () => {
    const move = { originals: [orig('Project Online Premium', 10)], provisioned: [prov('Planner and Project Plan 5', 8)] };
    // Without the table neither name is known: not carried on, and no seats to compare.
    expect(moveOfferMatch(move).needsLicenseReassignment).toBe(true);
    expect(closingGuard(move)).toBeUndefined();
    useProductTable(table);
    expect(moveOfferMatch(move)).toMatchObject({ match: 'renamed', needsLicenseReassignment: false });
    expect(closingGuard(move)).toEqual({ guard: 'seats-fewer', seats: { provisioned: 8, needed: 10 } });
    expect(closingGuard({ ...move, provisioned: [prov('Planner and Project Plan 5', 10)] })).toBeUndefined();
  });

  it('a name Microsoft sells under two ids (two "Visio Plan 2") is the same offer, by name or by plans', () => {
    useProductTable(table);
    const imported = { offer: 'Visio Plan 2', skuId: 'c5928f49-12ba-48f7-ada3-0d743a3601d5' }; // VISIOCLIENT, from a Graph export
    expect(matchOffer(imported, { offer: 'Visio Plan 2' })).toBe('same');
    expect(moveOfferMatch({ originals: [orig('Visio Plan 2', 5, imported.skuId)], provisioned: [prov('Visio Plan 2', 5)] })).toMatchObject({ match: 'same', needsLicenseReassignment: false });
    // Both ids given and different: two products, whatever the name.
    expect(matchOffer(imported, { offer: 'Visio Plan 2', skuId: '38b434d2-a15e-4cde-9a98-e737c75623e1' })).toBe('different');
    // By service plans too (the type-ahead picks the first of the two).
    expect(comparePlans(table, imported, [{ offer: 'Visio Plan 2', skuId: '38b434d2-a15e-4cde-9a98-e737c75623e1' }]).verdict).toBe('same');
    expect(comparePlans(table, imported, [{ offer: 'Visio Plan 1' }]).verdict).toBe('different');
  });

  it('answers remembered before the table was loaded are not kept', () => {
    const move = { originals: [orig('Project Online Premium', 5)], provisioned: [prov('Planner and Project Plan 5', 5)] };
    expect(moveOfferMatch(move).match).toBe('unknown');
    useProductTable(table);
    expect(moveOfferMatch(move).match).toBe('renamed');
  });
});
