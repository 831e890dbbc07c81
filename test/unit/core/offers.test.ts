import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OriginalSubscription, ProvisionedSubscription } from '../../../src/core/model';
import { OFFER_CATALOG as CATALOG, type CatalogOffer } from '../../../src/core/offer-catalog';
import { findOffer, indexCatalog, matchOffer, moveOfferMatch, normaliseOfferName, offerMatch } from '../../../src/core/offers';

/** shared/offers.csv as the project received it: the catalogue must carry every row unchanged. */
const OFFERS_CSV = `Microsoft 365 Business Basic,Office 365 Business Essentials,O365_BUSINESS_ESSENTIALS,3b555118-da6a-4418-894f-7df1e2096870,CFQ7TTC0LH18,BD938F12-058F-4927-BBA3-AE36B1D2501C
Microsoft 365 Business Standard,Office 365 Business Premium,O365_BUSINESS_PREMIUM,f245ecc8-75af-4f8e-b61f-27d8114de5f3,CFQ7TTC0LDPB,031C9E47-4802-4248-838E-778FB1D2CC05
Microsoft 365 Business Premium,Microsoft 365 Business,SPB,cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46,CFQ7TTC0LCHC,
Microsoft 365 Apps for business,Office 365 Business,O365_BUSINESS,cdd28e44-67e3-425e-be4c-737fab2899d3,CFQ7TTC0LH1G,5C9FD4CC-EDCE-44A8-8E91-07DF09744609
Microsoft 365 Apps for enterprise,Office 365 ProPlus,OFFICESUBSCRIPTION,c2273bd0-dff7-4215-9ef5-2c7bcfb06425,CFQ7TTC0LGZT,BE57FF4C-100C-4F1F-B82D-F1C5AB63A665
Office 365 E1,,STANDARDPACK,18181a46-0d4e-45cd-891e-60aabd171b4e,CFQ7TTC0LF8Q,91FD106F-4B2C-4938-95AC-F54F74E9A239
Office 365 E3,,ENTERPRISEPACK,6fd2c87f-b296-42f0-b197-1e91e994b900,CFQ7TTC0LF8R,796B6B5F-613C-4E24-A17C-EBA730D49C02
Office 365 E5,,ENTERPRISEPREMIUM,c7df2760-2c81-4ef7-b578-5b5392b571df,CFQ7TTC0LF8S,
Microsoft 365 E3,,SPE_E3,05e9a617-0261-4cee-bb44-138d3ef5d965,CFQ7TTC0LFLX,2b3b8d2d-10aa-4be4-b5fd-7f2feb0c3091
Microsoft 365 E5,,SPE_E5,06ebc4ee-1bb5-47dd-8120-11324bc54e06,CFQ7TTC0LFLZ,
Microsoft 365 F3,Microsoft 365 F1,SPE_F1,66b55226-6b4f-492c-910c-a3b7a3c9d993,CFQ7TTC0LH05,
Office 365 F3,Office 365 F1,DESKLESSPACK,4b585984-651b-448a-9e53-3b10f069cf7f,CFQ7TTC0LGZW,
Exchange Online (Plan 1),,EXCHANGESTANDARD,4b9405b0-7788-4568-add1-99614e613b69,CFQ7TTC0LH16,195416C1-3447-423A-B37B-EE59A99A19C4
Exchange Online (Plan 2),,EXCHANGEENTERPRISE,19ec0d23-8335-4cbd-94ac-6050e30712fa,CFQ7TTC0LH1P,2F707C7C-2433-49A5-A437-9CA7CF40D3EB
Exchange Online Kiosk,,EXCHANGEDESKLESS,80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82,CFQ7TTC0LH0L,35A36B80-270A-44BF-9290-00545D350866
Microsoft Defender for Office 365 (Plan 1),Office 365 Advanced Threat Protection (Plan 1),ATP_ENTERPRISE,4ef96642-f096-40de-a3e9-d83fb2f90211,CFQ7TTC0LH04,
Microsoft Intune Plan 1,Intune,INTUNE_A,061f9ace-7d42-4136-88ac-31dc755f143f,CFQ7TTC0LCH4,`;

const part = (name: string) => findOffer(name)?.skuPartNumber;

describe('the catalogue', () => {
  it('carries every row of offers.csv unchanged', () => {
    for (const line of OFFERS_CSV.split('\n')) {
      const [display, former, sku, graph, nce, legacy] = line.split(',');
      const offer = CATALOG.find((o) => o.skuPartNumber === sku);
      expect(offer, sku).toBeDefined();
      expect(offer?.displayName).toBe(display);
      expect(offer?.formerNames).toEqual(former ? [former] : expect.any(Array));
      if (former) expect(offer?.formerNames).toContain(former);
      expect(offer?.graphSkuId).toBe(graph);
      expect(offer?.nceProductId).toBe(nce);
      expect(offer?.legacyOfferId).toBe(legacy || undefined);
    }
  });

  it('has no id shared by two offers', () => {
    const ids = CATALOG.flatMap((o) =>
      [o.graphSkuId, o.skuPartNumber, o.nceProductId, o.legacyOfferId].filter((x): x is string => !!x).map((x) => x.toLowerCase()),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes every Graph skuId as a lower-case GUID', () => {
    for (const o of CATALOG) expect(o.graphSkuId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('resolves every current and zh-TW name to its own offer', () => {
    for (const o of CATALOG) {
      for (const name of [o.displayName, ...o.zhTwNames]) expect(findOffer(name), name).toBe(o);
    }
  });

  it('resolves every former name to its own offer, except a name reused by a newer offer', () => {
    for (const o of CATALOG) {
      for (const name of [...o.formerNames, ...o.formerZhTwNames]) {
        const reused = CATALOG.some((other) => other !== o && other.displayName === name);
        expect(findOffer(name) === o, name).toBe(!reused);
      }
    }
  });

  it('lists the zh-TW names Microsoft publishes for the business offers', () => {
    expect(part('Microsoft 365 商務基本版')).toBe('O365_BUSINESS_ESSENTIALS');
    expect(part('Microsoft 365 商務標準版')).toBe('O365_BUSINESS_PREMIUM');
    expect(part('Microsoft 365 商務進階版')).toBe('SPB');
    expect(part('Microsoft 365 Apps 商務版')).toBe('O365_BUSINESS');
    expect(part('Microsoft 365 Apps 企業版')).toBe('OFFICESUBSCRIPTION');
  });
});

describe('indexCatalog', () => {
  const offer = (displayName: string, extra: Partial<CatalogOffer> = {}): CatalogOffer => ({
    displayName,
    formerNames: [],
    zhTwNames: [],
    formerZhTwNames: [],
    skuPartNumber: displayName.toUpperCase().replace(/ /g, '_'),
    graphSkuId: `00000000-0000-4000-8000-${String(displayName.length).padStart(12, '0')}`,
    ...extra,
  });
  const oldA = offer('Alpha Two', {
    formerNames: ['Alpha One'],
    formerZhTwNames: ['阿爾法一'],
    graphSkuId: '00000000-0000-4000-8000-00000000000a',
    nceProductId: 'CFQ7TTC0AAAA',
    legacyOfferId: 'ABC-DEF',
  });
  const newA = offer('Alpha One', { zhTwNames: ['阿爾法新'], graphSkuId: '00000000-0000-4000-8000-00000000000b' });

  it('indexes every id of every offer, in lower case', () => {
    const { byId } = indexCatalog([oldA, newA]);
    expect(byId.get('alpha_two')).toBe(oldA);
    expect(byId.get('cfq7ttc0aaaa')).toBe(oldA);
    expect(byId.get('abc-def')).toBe(oldA);
    expect(byId.get(oldA.graphSkuId)).toBe(oldA);
    expect(byId.get('alpha_one')).toBe(newA);
    expect(byId.size).toBe(6);
  });

  it('labels each name as current or former, English or zh-TW', () => {
    const { byName } = indexCatalog([oldA, newA]);
    expect(byName.get('alpha two')).toEqual({ offer: oldA, label: { former: false, zh: false } });
    expect(byName.get('阿爾法新')).toEqual({ offer: newA, label: { former: false, zh: true } });
    expect(byName.get('阿爾法一')).toEqual({ offer: oldA, label: { former: true, zh: true } });
    expect(byName.size).toBe(4);
  });

  it('gives a reused name to the offer that bears it now, whatever the order', () => {
    expect(indexCatalog([oldA, newA]).byName.get('alpha one')).toEqual({ offer: newA, label: { former: false, zh: false } });
    expect(indexCatalog([newA, oldA]).byName.get('alpha one')).toEqual({ offer: newA, label: { former: false, zh: false } });
  });

  it('keeps the first offer for a name listed twice in one pass', () => {
    const b1 = offer('Beta', { formerNames: ['Gamma'] });
    const b2 = offer('Beta2', { formerNames: ['Gamma'] });
    expect(indexCatalog([b1, b2]).byName.get('gamma')?.offer).toBe(b1);
    expect(indexCatalog([offer('Zeta', { formerNames: ['Eta'] })]).byName.get('eta')?.label).toEqual({ former: true, zh: false });
  });
});

describe('normaliseOfferName', () => {
  it.each([
    ['lower-cases', 'OFFICE 365 E3', 'office 365 e3'],
    ['applies NFKC (full-width letters and digits)', 'Ｏｆｆｉｃｅ ３６５ Ｅ３', 'office 365 e3'],
    ['strips ™ before NFKC would spell it TM', 'Microsoft™ 365 E3', 'microsoft 365 e3'],
    ['strips ®', 'Microsoft® 365 E3', 'microsoft 365 e3'],
    ['strips ©', '© Microsoft 365 E3', 'microsoft 365 e3'],
    ['strips (R) and (TM)', 'Microsoft(R) Office 365(TM) E3', 'office 365 e3'],
    ['keeps words apart where ™ joined them', 'Microsoft 365™Business Basic', 'microsoft 365 business basic'],
    ['keeps words apart where (R) joined them', 'Office 365(R)E3', 'office 365 e3'],
    ['keeps words apart where a noise group joined them', 'Microsoft 365(NCE)E3', 'microsoft 365 e3'],
    ['turns punctuation into spaces', 'Microsoft-365: Business.Basic!', 'microsoft 365 business basic'],
    ['collapses and trims spaces', '  Office   365\tE3  ', 'office 365 e3'],
    ['keeps a meaningful bracket group', 'Exchange Online (Plan 1)', 'exchange online plan 1'],
    ['spells out M365', 'M365 Business Premium', 'microsoft 365 business premium'],
    ['spells out O365', 'O365 E3', 'office 365 e3'],
    ['spells out Microsoft365', 'Microsoft365 E5', 'microsoft 365 e5'],
    ['spells out Office365', 'Office365 E1', 'office 365 e1'],
    ['drops a leading "Microsoft" before Office 365', 'Microsoft Office 365 E3', 'office 365 e3'],
    ['removes (NCE COM MTH)', 'Microsoft 365 Business Premium (NCE COM MTH)', 'microsoft 365 business premium'],
    ['removes (NCE COM BAS PER 1TM)', 'Office 365 E3 (NCE COM BAS PER 1TM)', 'office 365 e3'],
    ['removes (Annual)', 'Office 365 E3 (Annual)', 'office 365 e3'],
    ['removes (Anual)', 'Office 365 E3 (Anual)', 'office 365 e3'],
    ['removes a trailing Monthly', 'Microsoft 365 Business Basic Monthly', 'microsoft 365 business basic'],
    ['removes a trailing 1 year', 'Microsoft 365 E3 1 year', 'microsoft 365 e3'],
    ['removes a trailing 3 Years', 'Microsoft 365 E3 - 3 Years', 'microsoft 365 e3'],
    ['removes a trailing Trial', 'Microsoft 365 E5 Trial', 'microsoft 365 e5'],
    ['removes (Trial)', 'Microsoft 365 E5 (Trial)', 'microsoft 365 e5'],
    ['removes a billing tail', 'Microsoft 365 Business Standard - Annual commitment / Monthly billing', 'microsoft 365 business standard'],
    ['removes [NCE] in square brackets', 'Office 365 E1 [NCE]', 'office 365 e1'],
    ['removes (P1Y)', 'Office 365 E1 (P1Y)', 'office 365 e1'],
    ['removes zh-TW (每月)', 'Microsoft 365 商務基本版 (每月)', 'microsoft 365 商務基本版'],
    ['removes zh-TW full-width （年度）', 'Microsoft 365 商務標準版（年度）', 'microsoft 365 商務標準版'],
    ['removes zh-TW 1 年', 'Microsoft 365 商務進階版 1 年', 'microsoft 365 商務進階版'],
    ['removes zh-TW 1年 written together', 'Microsoft 365 商務進階版1年', 'microsoft 365 商務進階版'],
    ['removes zh-TW 每月 written together', 'Microsoft 365 商務基本版每月', 'microsoft 365 商務基本版'],
    ['removes several zh-TW suffixes written together', 'Microsoft 365 商務基本版每月試用版', 'microsoft 365 商務基本版'],
    ['removes zh-TW 試用版', 'Microsoft 365 商務基本版 試用版', 'microsoft 365 商務基本版'],
    ['removes zh-TW 【每月】', 'Microsoft 365 商務基本版【每月】', 'microsoft 365 商務基本版'],
    ['spaces Han from Latin text', 'Microsoft 365商務基本版', 'microsoft 365 商務基本版'],
    ['spaces Han from digits', 'Exchange Online（方案1）', 'exchange online 方案 1'],
    ['keeps (no Teams), canonically', 'Office 365 E3 (no Teams)', 'office 365 e3 no teams'],
    ['spells "without Teams" as no teams', 'Office 365 E3 without Teams', 'office 365 e3 no teams'],
    ['spells "(excl. Microsoft Teams)" as no teams', 'Office 365 E3 (excl. Microsoft Teams)', 'office 365 e3 no teams'],
    ['spells zh-TW 不含 Teams as no teams', 'Microsoft 365 商務標準版 (不含 Teams)', 'microsoft 365 商務標準版 no teams'],
    ['keeps without Audio Conferencing, canonically', 'Office 365 E5 without Audio Conferencing', 'office 365 e5 no audio conferencing'],
    ['reads w/o', 'Office 365 E5 w/o Audio Conferencing', 'office 365 e5 no audio conferencing'],
    ['reads "without PSTN Conferencing"', 'Office 365 E5 without PSTN Conferencing', 'office 365 e5 no audio conferencing'],
    ['reads "(no PSTN Conf)"', 'Office 365 E5 (no PSTN Conf)', 'office 365 e5 no audio conferencing'],
    ['strips noise after a variant', 'Office 365 E3 (no Teams) (Annual)', 'office 365 e3 no teams'],
    ['keeps a name made only of noise', 'Trial', 'trial'],
    ['keeps an empty name empty', '   ', ''],
  ])('%s', (_rule, input, expected) => {
    expect(normaliseOfferName(input)).toBe(expected);
  });

  it.each([
    'ann',
    'annual',
    'anual',
    'annually',
    'monthly',
    'yearly',
    'month',
    'year',
    'commitment',
    'billing',
    'billed',
    'trial',
    'nce',
    'com',
    'bas',
    'per',
    'mth',
    'p1m',
    'p1y',
    'p3y',
    '1tm',
    '36TM',
    '1 year',
    '3 years',
    '1 yr',
    '2 yrs',
    '1 month',
    '12 months',
    '1 年',
    '3 個月',
    '1 月',
    '每月',
    '每年',
    '年度',
    '月繳',
    '年繳',
    '試用',
    '試用版',
  ])('removes the suffix %j, bare and in brackets', (suffix) => {
    expect(normaliseOfferName(`Office 365 E3 ${suffix}`)).toBe('office 365 e3');
    expect(normaliseOfferName(`Office 365 E3 (${suffix})`)).toBe('office 365 e3');
  });

  it.each(['Office 365 E3 (無 Teams)', 'Office 365 E3 不包含 Teams', 'Office 365 E3 excluding Teams', 'Office 365 E3 no Teams'])(
    'reads %j as no teams',
    (name) => {
      expect(normaliseOfferName(name)).toBe('office 365 e3 no teams');
    },
  );

  it.each(['Office 365 E5 excluding Audio Conferencing', 'Office 365 E5 no audio conferencing', 'Office 365 E5 without PSTN Conf'])(
    'reads %j as no audio conferencing',
    (name) => {
      expect(normaliseOfferName(name)).toBe('office 365 e5 no audio conferencing');
    },
  );

  it('does not strip a plan number as if it were a term', () => {
    expect(normaliseOfferName('Exchange Online (Plan 1) 1 Year')).toBe('exchange online plan 1');
    expect(normaliseOfferName('Office 365 E1')).toBe('office 365 e1');
  });

  it('spells out "Microsoft Office 365" only at the start', () => {
    expect(normaliseOfferName('Get Microsoft Office 365 E3')).toBe('get microsoft office 365 e3');
  });

  it('strips a term only after a plain number, and NN TM only as a whole word', () => {
    expect(normaliseOfferName('Contoso E3 3rd year')).toBe('contoso e3 3rd');
    expect(normaliseOfferName('Contoso E3 x12tm')).toBe('contoso e3 x12tm');
    expect(normaliseOfferName('Contoso E3 12tmx')).toBe('contoso e3 12tmx');
  });

  it('does not strip noise words inside a name', () => {
    expect(normaliseOfferName('Trial Balance Per Seat Pro')).toBe('trial balance per seat pro');
  });

  it('treats object-prototype words as ordinary words', () => {
    expect(normaliseOfferName('constructor toString')).toBe('constructor tostring');
  });

  it('stays correct past its memo limit', () => {
    for (let i = 0; i < 6000; i++) expect(normaliseOfferName(`Plan ${i} (Annual)`)).toBe(`plan ${i}`);
    expect(normaliseOfferName('O365 E3 (Annual)')).toBe('office 365 e3');
    expect(normaliseOfferName('O365 E3 (Annual)')).toBe('office 365 e3');
  });

  it('is idempotent', () => {
    const names = CATALOG.flatMap((o) => [o.displayName, ...o.formerNames, ...o.zhTwNames, ...o.formerZhTwNames]);
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 })), (s) => {
        const once = normaliseOfferName(s);
        expect(normaliseOfferName(once)).toBe(once);
      }),
    );
  });

  it('ignores case, symbols and surrounding noise for every catalogue name', () => {
    const names = CATALOG.flatMap((o) => [o.displayName, ...o.zhTwNames]);
    const noise = fc.constantFrom('', ' (NCE COM MTH)', ' (Annual)', ' Monthly', ' 1 year', '™', '®', ' (每月)', ' Trial');
    fc.assert(
      fc.property(fc.constantFrom(...names), noise, fc.boolean(), (name, tail, upper) => {
        const variant = (upper ? name.toUpperCase() : name) + tail;
        expect(normaliseOfferName(variant)).toBe(normaliseOfferName(name));
      }),
    );
  });
});

describe('findOffer', () => {
  it.each([
    ['Graph skuId', 'f245ecc8-75af-4f8e-b61f-27d8114de5f3', 'O365_BUSINESS_PREMIUM'],
    ['Graph skuId, upper case', 'F245ECC8-75AF-4F8E-B61F-27D8114DE5F3', 'O365_BUSINESS_PREMIUM'],
    ['Graph skuId in braces', '{f245ecc8-75af-4f8e-b61f-27d8114de5f3}', 'O365_BUSINESS_PREMIUM'],
    ['Graph skuId with spaces around', '  f245ecc8-75af-4f8e-b61f-27d8114de5f3 ', 'O365_BUSINESS_PREMIUM'],
    ['NCE product id', 'CFQ7TTC0LDPB', 'O365_BUSINESS_PREMIUM'],
    ['NCE product id, lower case', 'cfq7ttc0ldpb', 'O365_BUSINESS_PREMIUM'],
    ['NCE product:sku id', 'CFQ7TTC0LDPB:0001', 'O365_BUSINESS_PREMIUM'],
    ['NCE catalogue item id', 'CFQ7TTC0LDPB:0001:P1Y', 'O365_BUSINESS_PREMIUM'],
    ['legacy offer id', '031C9E47-4802-4248-838E-778FB1D2CC05', 'O365_BUSINESS_PREMIUM'],
    ['legacy offer id, lower case', '2b3b8d2d-10aa-4be4-b5fd-7f2feb0c3091', 'SPE_E3'],
    ['skuPartNumber', 'SPB', 'SPB'],
    ['skuPartNumber, lower case', 'enterprisepack', 'ENTERPRISEPACK'],
    ['current name', 'Microsoft 365 Business Premium', 'SPB'],
    ['current name with suffix noise', 'Microsoft 365 Business Premium (NCE COM MTH)', 'SPB'],
    ['former name', 'Office 365 ProPlus', 'OFFICESUBSCRIPTION'],
    ['former zh-TW name', 'Office 365 專業增強版', 'OFFICESUBSCRIPTION'],
    ['zh-TW name with noise', 'Microsoft 365 商務標準版 (每月)', 'O365_BUSINESS_PREMIUM'],
    ['M365 abbreviation', 'M365 E5', 'SPE_E5'],
    ['a variant the catalogue lists', 'Office 365 E5 w/o Audio Conferencing', 'ENTERPRISEPREMIUM_NOPSTNCONF'],
  ])('by %s', (_how, input, expected) => {
    expect(part(input)).toBe(expected);
  });

  it('falls into neither side of the classic Business Premium trap', () => {
    expect(part('Office 365 Business Premium')).toBe('O365_BUSINESS_PREMIUM');
    expect(findOffer('Office 365 Business Premium')?.displayName).toBe('Microsoft 365 Business Standard');
    expect(part('Microsoft 365 Business Premium')).toBe('SPB');
    expect(part('Microsoft 365 Business')).toBe('SPB');
    expect(part('Office 365 商務進階版')).toBe('O365_BUSINESS_PREMIUM');
    expect(part('Microsoft 365 商務進階版')).toBe('SPB');
    expect(part('Microsoft 365 商務版')).toBe('SPB');
    expect(part('Office 365 商務版')).toBe('O365_BUSINESS');
  });

  it('reads "Microsoft 365 F1" as today\'s F1, not the renamed F3', () => {
    expect(part('Microsoft 365 F1')).toBe('M365_F1');
    expect(part('66b55226-6b4f-492c-910c-a3b7a3c9d993')).toBe('SPE_F1');
  });

  it('keeps Office 365 E3 and Microsoft 365 E3 apart', () => {
    expect(part('Office 365 E3')).toBe('ENTERPRISEPACK');
    expect(part('Microsoft 365 E3')).toBe('SPE_E3');
  });

  it('does not resolve a variant it does not list to its base offer', () => {
    expect(findOffer('Office 365 E3 (no Teams)')).toBeUndefined();
    expect(findOffer('Microsoft 365 Business Standard without Teams')).toBeUndefined();
  });

  it.each(['', '   ', 'Office 365', 'Microsoft 365', 'E3', 'Visio Plan 2', 'CFQ7TTC0XXXX', '00000000-0000-0000-0000-000000000000', 'toString', '__proto__'])(
    'finds nothing for %j',
    (input) => {
      expect(findOffer(input)).toBeUndefined();
    },
  );
});

describe('matchOffer', () => {
  const m = (a: string, b: string, aSku?: string, bSku?: string) =>
    matchOffer({ offer: a, ...(aSku ? { skuId: aSku } : {}) }, { offer: b, ...(bSku ? { skuId: bSku } : {}) });

  it('same: one offer under the same name', () => {
    expect(m('Office 365 E3', 'Office 365 E3')).toBe('same');
    expect(m('Office 365 E3 (Annual)', 'OFFICE 365 E3 (NCE COM MTH)')).toBe('same');
    expect(m('Microsoft 365 商務基本版', 'Microsoft 365 商務基本版 (每月)')).toBe('same');
    expect(m('Office 365 ProPlus', 'Office 365 ProPlus')).toBe('same');
  });

  it('same: one offer identified by id on either side', () => {
    expect(m('ENTERPRISEPACK', 'Office 365 E3')).toBe('same');
    expect(m('Office 365 E3', 'CFQ7TTC0LF8R:0001')).toBe('same');
    expect(m('Something from a spreadsheet', 'Office 365 E3', '6fd2c87f-b296-42f0-b197-1e91e994b900')).toBe('same');
  });

  it('renamed: a former name against the current one, either way round', () => {
    expect(m('Office 365 Business Premium', 'Microsoft 365 Business Standard')).toBe('renamed');
    expect(m('Microsoft 365 Business Standard', 'Office 365 Business Premium')).toBe('renamed');
    expect(m('Office 365 Enterprise E3', 'Office 365 E3')).toBe('renamed');
    expect(m('Office 365 F1', 'Office 365 F3')).toBe('renamed');
  });

  it('renamed: zh-TW against English, and former zh-TW against current zh-TW', () => {
    expect(m('Microsoft 365 商務標準版', 'Microsoft 365 Business Standard')).toBe('renamed');
    expect(m('Office 365 商務進階版', 'Microsoft 365 商務標準版')).toBe('renamed');
    expect(m('Office 365 商務進階版', 'Office 365 Business Premium')).toBe('renamed');
  });

  it('renamed even when both carry the same skuId, since the names differ', () => {
    const sku = 'f245ecc8-75af-4f8e-b61f-27d8114de5f3';
    expect(m('Office 365 Business Premium', 'Microsoft 365 Business Standard', sku, sku)).toBe('renamed');
  });

  it('different: the classic trap', () => {
    expect(m('Office 365 Business Premium', 'Microsoft 365 Business Premium')).toBe('different');
    expect(m('Office 365 商務進階版', 'Microsoft 365 商務進階版')).toBe('different');
  });

  it('different: two recognised offers', () => {
    expect(m('Office 365 E3', 'Microsoft 365 E3')).toBe('different');
    expect(m('Microsoft 365 Business', 'Microsoft 365 Business Standard')).toBe('different');
    expect(m('ENTERPRISEPACK', 'SPE_E3')).toBe('different');
    expect(m('Microsoft 365 F1', 'Microsoft 365 F3')).toBe('different');
  });

  it('different: a suite and its no-Teams or no-audio-conferencing variant', () => {
    expect(m('Office 365 E3', 'Office 365 E3 (no Teams)')).toBe('different');
    expect(m('Office 365 E3 (no Teams)', 'Office 365 E3')).toBe('different');
    expect(m('Office 365 E5', 'Office 365 E5 without Audio Conferencing')).toBe('different');
  });

  it('finds the base offer whatever the position of the variant marker', () => {
    expect(m('Office 365 (no Teams) E3', 'Office 365 E3 (no Teams)')).toBe('same');
    expect(m('Office 365 (no Teams) E3', 'Office 365 E3')).toBe('different');
  });

  it('same variant on both sides matches like its base', () => {
    expect(m('Office 365 E3 (no Teams)', 'Office 365 E3 without Teams')).toBe('same');
    expect(m('Office 365 Enterprise E3 (no Teams)', 'Office 365 E3 (no Teams)')).toBe('renamed');
    expect(m('Office 365 E3 (no Teams)', 'Microsoft 365 E3 (no Teams)')).toBe('different');
  });

  it('counts a name that contradicts the skuId as no name at all', () => {
    // The skuId says Microsoft 365 E3; the former name of Office 365 E3 must not make it "renamed".
    expect(m('Office 365 Enterprise E3', 'Microsoft 365 E3', 'SPE_E3')).toBe('same');
    expect(m('Microsoft 365 E3', 'Office 365 Enterprise E3', undefined, 'SPE_E3')).toBe('same');
  });

  it('matches two variant markers in any order', () => {
    expect(m('Office 365 E5 (no Teams) without Audio Conferencing', 'Office 365 E5 w/o audio conferencing (no Teams)')).toBe('same');
    expect(m('Office 365 E5 (no Teams) without Audio Conferencing', 'Office 365 E5 (no Teams)')).toBe('different');
  });

  it('trusts the skuId over a contradicting name', () => {
    expect(m('Office 365 E3', 'Office 365 E3', '6fd2c87f-b296-42f0-b197-1e91e994b900', 'SPE_E3')).toBe('different');
    expect(m('Office 365 E3 (no Teams)', 'Office 365 E3', 'ENTERPRISEPACK')).toBe('same');
  });

  it('unrecognised names: equal after normalisation → same, else unknown', () => {
    expect(m('Visio Plan 2', 'VISIO PLAN 2 (Annual)')).toBe('same');
    expect(m('Visio Plan 2', 'Project Plan 3')).toBe('unknown');
    expect(m('Visio Plan 2', 'Office 365 E3')).toBe('unknown');
    expect(m('Office 365 E3', 'Visio Plan 2')).toBe('unknown');
  });

  it('unrecognised names with equal unknown skuIds → same; unequal → unknown', () => {
    expect(m('Visio Plan 2', 'Visio P2', 'c5928f49-12ba-48f7-ada3-0d743a3601d5', 'C5928F49-12BA-48F7-ADA3-0D743A3601D5')).toBe('same');
    expect(m('Visio Plan 2', 'Visio', 'c5928f49-12ba-48f7-ada3-0d743a3601d5', 'aaaaaaaa-12ba-48f7-ada3-0d743a3601d5')).toBe('unknown');
    expect(m('Visio Plan 2', 'Visio', 'c5928f49-12ba-48f7-ada3-0d743a3601d5')).toBe('unknown');
    expect(m('Visio', 'Visio Plan 2', '  ', '  ')).toBe('unknown');
  });

  it('two empty names are not the same offer', () => {
    expect(m('', '')).toBe('unknown');
    expect(m(' ', '™')).toBe('unknown');
  });

  it('is symmetric', () => {
    const names = [
      ...CATALOG.flatMap((o) => [o.displayName, ...o.formerNames, ...o.zhTwNames, o.skuPartNumber]),
      'Office 365 E3 (no Teams)',
      'Visio Plan 2',
      'visio plan 2 (annual)',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.constantFrom(...names), (a, b) => {
        expect(m(a, b)).toBe(m(b, a));
      }),
    );
  });

  it('matches every catalogue name with itself as same', () => {
    const names = CATALOG.flatMap((o) => [o.displayName, ...o.formerNames, ...o.zhTwNames, ...o.formerZhTwNames]);
    fc.assert(fc.property(fc.constantFrom(...names), (a) => m(a, a) === 'same'));
  });
});

const orig = (id: string, offer: string, seats: number, extra: Partial<OriginalSubscription> = {}): OriginalSubscription => ({
  id,
  offer,
  seats,
  expiresOn: '2026-09-30',
  endBy: 'expire',
  ...extra,
});
const prov = (id: string, offer: string, seats: number, extra: Partial<ProvisionedSubscription> = {}): ProvisionedSubscription => ({
  id,
  offer,
  seats,
  provisionedOn: '2026-08-01',
  ...extra,
});

describe('offerMatch', () => {
  it('is unknown with no originals', () => {
    expect(offerMatch([], { offer: 'Office 365 E3', seats: 5 })).toEqual({
      match: 'unknown',
      matchedOriginals: [],
      originalSeats: 0,
      chosenSeats: 5,
      seatsFewer: false,
    });
  });

  it('picks the best match: same beats renamed beats unknown beats different', () => {
    const different = orig('o1', 'Microsoft 365 E5', 1);
    const unknown = orig('o2', 'Visio Plan 2', 1);
    const renamed = orig('o3', 'Office 365 Enterprise E3', 1);
    const same = orig('o4', 'Office 365 E3', 1);
    const chosen = { offer: 'Office 365 E3' };
    expect(offerMatch([different], chosen).match).toBe('different');
    expect(offerMatch([different, unknown], chosen).match).toBe('unknown');
    expect(offerMatch([unknown, different], chosen).match).toBe('unknown');
    expect(offerMatch([different, unknown, renamed], chosen).match).toBe('renamed');
    expect(offerMatch([renamed, unknown, different], chosen).match).toBe('renamed');
    expect(offerMatch([renamed, same, unknown, different], chosen).match).toBe('same');
    expect(offerMatch([same, renamed], chosen).match).toBe('same');
  });

  it('sums the seats of every original the offer carries on, same or renamed', () => {
    const a = orig('o1', 'Office 365 Business Premium', 10);
    const b = orig('o2', 'Microsoft 365 Business Standard', 5);
    const c = orig('o3', 'Exchange Online (Plan 1)', 40);
    const r = offerMatch([a, b, c], { offer: 'Microsoft 365 Business Standard', seats: 14 });
    expect(r.match).toBe('same');
    expect(r.matchedOriginals).toEqual([a, b]);
    expect(r.originalSeats).toBe(15);
    expect(r.chosenSeats).toBe(14);
    expect(r.seatsFewer).toBe(true);
  });

  it('flags fewer seats only strictly below the originals', () => {
    const o = [orig('o1', 'Office 365 E3', 25)];
    expect(offerMatch(o, { offer: 'Office 365 E3', seats: 24 }).seatsFewer).toBe(true);
    expect(offerMatch(o, { offer: 'Office 365 E3', seats: 25 }).seatsFewer).toBe(false);
    expect(offerMatch(o, { offer: 'Office 365 E3', seats: 26 }).seatsFewer).toBe(false);
    expect(offerMatch(o, { offer: 'Office 365 E3', seats: 0 }).seatsFewer).toBe(true);
  });

  it('does not compare seats without a chosen seat count', () => {
    const r = offerMatch([orig('o1', 'Office 365 E3', 25)], { offer: 'Office 365 E3' });
    expect(r.seatsFewer).toBe(false);
    expect('chosenSeats' in r).toBe(false);
    expect(r.originalSeats).toBe(25);
  });

  it('does not compare seats with an unrelated or unrecognised offer', () => {
    const o = [orig('o1', 'Office 365 E3', 50), orig('o2', 'Visio Plan 2', 10)];
    const r = offerMatch(o, { offer: 'Microsoft 365 Business Premium', seats: 1 });
    expect(r.match).toBe('unknown');
    expect(r.matchedOriginals).toEqual([]);
    expect(r.originalSeats).toBe(0);
    expect(r.seatsFewer).toBe(false);
  });

  it('uses the original skuId', () => {
    const o = [orig('o1', 'Some odd spreadsheet name', 5, { skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46' })];
    expect(offerMatch(o, { offer: 'Microsoft 365 Business Premium', seats: 5 }).match).toBe('same');
    expect(offerMatch(o, { offer: 'Office 365 Business Premium', seats: 5 }).match).toBe('different');
  });
});

describe('moveOfferMatch', () => {
  it("is 'none' while nothing is provisioned: every original still open, nothing to reassign yet", () => {
    const originals = [orig('o1', 'Office 365 E3', 5)];
    expect(moveOfferMatch({ originals, provisioned: [] })).toEqual({
      match: 'none',
      unmatchedOriginals: originals,
      seatShortfalls: [],
      needsLicenseReassignment: false,
    });
  });

  it('is unknown with provisioned offers but no originals', () => {
    expect(moveOfferMatch({ originals: [], provisioned: [prov('p1', 'Office 365 E3', 5)] })).toEqual({
      match: 'unknown',
      unmatchedOriginals: [],
      seatShortfalls: [],
      needsLicenseReassignment: false,
    });
  });

  it('same offers, enough seats: nothing to do', () => {
    const r = moveOfferMatch({
      originals: [orig('o1', 'Office 365 E3', 5), orig('o2', 'Exchange Online (Plan 1)', 3)],
      provisioned: [prov('p1', 'Exchange Online (Plan 1) (NCE COM MTH)', 3), prov('p2', 'Office 365 E3', 5)],
    });
    expect(r).toEqual({ match: 'same', unmatchedOriginals: [], seatShortfalls: [], needsLicenseReassignment: false });
  });

  it('takes the worst match over the originals', () => {
    const provisioned = [prov('p1', 'Microsoft 365 Business Standard', 10), prov('p2', 'Visio Plan 2', 1)];
    expect(moveOfferMatch({ originals: [orig('o1', 'Office 365 Business Premium', 10)], provisioned }).match).toBe('renamed');
    expect(
      moveOfferMatch({ originals: [orig('o1', 'Microsoft 365 Business Standard', 10), orig('o2', 'Office 365 Business Premium', 1)], provisioned }).match,
    ).toBe('renamed');
    expect(
      moveOfferMatch({ originals: [orig('o1', 'Office 365 Business Premium', 10), orig('o2', 'Project Plan 3', 1)], provisioned }).match,
    ).toBe('unknown');
    expect(
      moveOfferMatch({ originals: [orig('o1', 'Office 365 E3', 1), orig('o2', 'Project Plan 3', 1), orig('o3', 'Office 365 Business Premium', 10)], provisioned })
        .match,
    ).toBe('unknown'); // Visio is unrecognised: E3 might be anything next to it
    const recognised = [prov('p1', 'Microsoft 365 Business Standard', 10)];
    expect(
      moveOfferMatch({ originals: [orig('o1', 'Office 365 E3', 1), orig('o2', 'Project Plan 3', 1), orig('o3', 'Office 365 Business Premium', 10)], provisioned: recognised })
        .match,
    ).toBe('different');
  });

  it('scores each original by its best provisioned counterpart', () => {
    const r = moveOfferMatch({
      originals: [orig('o1', 'Office 365 E3', 5)],
      provisioned: [prov('p1', 'Microsoft 365 E5', 5), prov('p2', 'Visio Plan 2', 1), prov('p3', 'Office 365 Enterprise E3', 5)],
    });
    expect(r.match).toBe('renamed');
    expect(r.needsLicenseReassignment).toBe(false);
  });

  it('lists originals with no same or renamed counterpart, and asks for license reassignment', () => {
    const e3 = orig('o1', 'Office 365 E3', 5);
    const visio = orig('o2', 'Visio Plan 2', 2);
    const r = moveOfferMatch({ originals: [e3, visio], provisioned: [prov('p1', 'Microsoft 365 E3', 5), prov('p2', 'Visio Plan 1', 2)] });
    expect(r.unmatchedOriginals).toEqual([e3, visio]);
    expect(r.needsLicenseReassignment).toBe(true);
    expect(r.match).toBe('unknown'); // Visio Plan 2 vs Visio Plan 1: unrecognised, so not provably different
  });

  it('reports a seat shortfall per original, strictly below', () => {
    const o = orig('o1', 'Office 365 E3', 10);
    expect(moveOfferMatch({ originals: [o], provisioned: [prov('p1', 'Office 365 E3', 9)] }).seatShortfalls).toEqual([
      { original: o, provisionedSeats: 9, neededSeats: 10 },
    ]);
    expect(moveOfferMatch({ originals: [o], provisioned: [prov('p1', 'Office 365 E3', 10)] }).seatShortfalls).toEqual([]);
  });

  it('adds up several provisioned lines of one offer', () => {
    const o = orig('o1', 'Office 365 E3', 10);
    const r = moveOfferMatch({ originals: [o], provisioned: [prov('p1', 'Office 365 E3', 6), prov('p2', 'Office 365 E3 (Annual)', 4)] });
    expect(r.seatShortfalls).toEqual([]);
  });

  it('covers two originals of one offer together', () => {
    const march = orig('o1', 'Office 365 Business Premium', 10, { expiresOn: '2026-03-31' });
    const june = orig('o2', 'Microsoft 365 Business Standard', 5, { expiresOn: '2026-06-30' });
    const enough = moveOfferMatch({ originals: [march, june], provisioned: [prov('p1', 'Microsoft 365 Business Standard', 15)] });
    expect(enough.seatShortfalls).toEqual([]);
    const short = moveOfferMatch({ originals: [march, june], provisioned: [prov('p1', 'Microsoft 365 Business Standard', 12)] });
    expect(short.seatShortfalls).toEqual([
      { original: march, provisionedSeats: 12, neededSeats: 15 },
      { original: june, provisionedSeats: 12, neededSeats: 15 },
    ]);
  });

  it('does not pool seats of unrelated originals', () => {
    const e3 = orig('o1', 'Office 365 E3', 10);
    const exo = orig('o2', 'Exchange Online (Plan 1)', 50);
    const r = moveOfferMatch({ originals: [e3, exo], provisioned: [prov('p1', 'Office 365 E3', 10), prov('p2', 'Exchange Online (Plan 1)', 49)] });
    expect(r.seatShortfalls).toEqual([{ original: exo, provisionedSeats: 49, neededSeats: 50 }]);
  });

  it('never lists an original both as unmatched and short, and matches the per-original view', () => {
    const offers = ['Office 365 E3', 'Office 365 Enterprise E3', 'Microsoft 365 E3', 'Visio Plan 2', 'Microsoft 365 商務標準版', 'Office 365 Business Premium'];
    const arb = fc.record({
      originals: fc.array(fc.record({ offer: fc.constantFrom(...offers), seats: fc.nat(50) }), { maxLength: 5 }),
      provisioned: fc.array(fc.record({ offer: fc.constantFrom(...offers), seats: fc.nat(50) }), { minLength: 1, maxLength: 5 }),
    });
    fc.assert(
      fc.property(arb, ({ originals, provisioned }) => {
        const os = originals.map((o, i) => orig(`o${i + 1}`, o.offer, o.seats));
        const ps = provisioned.map((p, i) => prov(`p${i + 1}`, p.offer, p.seats));
        const r = moveOfferMatch({ originals: os, provisioned: ps });
        for (const s of r.seatShortfalls) expect(r.unmatchedOriginals).not.toContain(s.original);
        expect(r.needsLicenseReassignment).toBe(r.unmatchedOriginals.length > 0);
        for (const o of os) {
          const best = offerMatch([o], { offer: ps[0]!.offer }).match;
          if (best === 'same' || best === 'renamed') expect(r.unmatchedOriginals).not.toContain(o);
        }
      }),
    );
  });
});

describe('every name and id in the catalogue finds its own offer', () => {
  // Table-driven over the data itself: a name or id dropped or mistyped in the catalogue fails here.
  // A former name that is now another offer's current name means the current one (tested above).
  const current = new Set(CATALOG.map((o) => o.displayName));
  for (const offer of CATALOG) {
    const keys = [
      offer.displayName,
      ...offer.formerNames.filter((n) => !current.has(n)),
      ...offer.zhTwNames,
      ...offer.formerZhTwNames,
      offer.skuPartNumber,
      offer.graphSkuId,
      ...(offer.nceProductId ? [offer.nceProductId, `${offer.nceProductId}:0001`] : []),
      ...(offer.legacyOfferId ? [offer.legacyOfferId] : []),
    ];
    it(offer.displayName, () => {
      for (const key of keys) expect(findOffer(key)?.skuPartNumber, key).toBe(offer.skuPartNumber);
      // A renamed offer is 'renamed' against each of its other names, 'same' against itself.
      for (const other of [...offer.formerNames.filter((n) => !current.has(n)), ...offer.zhTwNames, ...offer.formerZhTwNames]) {
        expect(matchOffer({ offer: other }, { offer: offer.displayName }), other).toBe('renamed');
      }
      expect(matchOffer({ offer: offer.displayName }, { offer: offer.displayName })).toBe('same');
    });
  }
});
