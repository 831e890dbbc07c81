/**
 * Microsoft 365 / Office 365 offers a license-based customer commonly owns, with every name and id
 * they have been known by. Data only; matching lives in `offers.ts`.
 *
 * Sources:
 * - `skuPartNumber` and Graph `skuId`: Microsoft Learn, "Product names and service plan identifiers
 *   for licensing" (learn.microsoft.com/entra/identity/users/licensing-service-plan-reference).
 * - Former names: the Microsoft 365 blog of 30 March 2020 announcing the business and frontline
 *   renames effective 21 April 2020; "Name change for Office 365 ProPlus"
 *   (learn.microsoft.com/deployoffice/name-change); Office 365 ATP became Microsoft Defender for
 *   Office 365 in September 2020; "Office 365 Enterprise E3" and friends lost "Enterprise" in 2020.
 * - New-commerce product ids and legacy CSP offer ids: the project's offers list
 *   (shared/offers.csv), compiled from Partner Center price lists.
 * - zh-TW names: Microsoft's localised zh-TW documentation on Microsoft Learn (e.g. "Office 365
 *   專業增強版即將重新命名為 Microsoft 365 Apps 企業版"; "從 Office 365 商務進階版移轉到 Microsoft 365
 *   商務版"). Only names Microsoft itself publishes are listed; an offer without one is matched in
 *   English (Partner Center shows most product names untranslated).
 */

export interface CatalogOffer {
  /** Current English display name. */
  readonly displayName: string;
  readonly formerNames: readonly string[];
  /** Current Traditional Chinese display names. */
  readonly zhTwNames: readonly string[];
  readonly formerZhTwNames: readonly string[];
  readonly skuPartNumber: string;
  /** Graph `subscribedSku.skuId`: the most stable key (survives renames). */
  readonly graphSkuId: string;
  readonly nceProductId?: string;
  readonly legacyOfferId?: string;
  /** Why this offer is easily confused with another: shown to reviewers, tested. */
  readonly note?: string;
}

export const OFFER_CATALOG: readonly CatalogOffer[] = [
  {
    displayName: 'Microsoft 365 Business Basic',
    formerNames: ['Office 365 Business Essentials'],
    zhTwNames: ['Microsoft 365 商務基本版'],
    formerZhTwNames: ['Office 365 商務基本版'],
    skuPartNumber: 'O365_BUSINESS_ESSENTIALS',
    graphSkuId: '3b555118-da6a-4418-894f-7df1e2096870',
    nceProductId: 'CFQ7TTC0LH18',
    legacyOfferId: 'BD938F12-058F-4927-BBA3-AE36B1D2501C',
  },
  {
    displayName: 'Microsoft 365 Business Standard',
    formerNames: ['Office 365 Business Premium'],
    zhTwNames: ['Microsoft 365 商務標準版'],
    formerZhTwNames: ['Office 365 商務進階版'],
    skuPartNumber: 'O365_BUSINESS_PREMIUM',
    graphSkuId: 'f245ecc8-75af-4f8e-b61f-27d8114de5f3',
    nceProductId: 'CFQ7TTC0LDPB',
    legacyOfferId: '031C9E47-4802-4248-838E-778FB1D2CC05',
    note:
      'The classic trap: the old "Office 365 Business Premium" (Office 365 商務進階版) is this offer, ' +
      'NOT today\'s "Microsoft 365 Business Premium" (Microsoft 365 商務進階版), which was "Microsoft 365 Business".',
  },
  {
    displayName: 'Microsoft 365 Business Premium',
    formerNames: ['Microsoft 365 Business'],
    zhTwNames: ['Microsoft 365 商務進階版'],
    formerZhTwNames: ['Microsoft 365 商務版'],
    skuPartNumber: 'SPB',
    graphSkuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
    nceProductId: 'CFQ7TTC0LCHC',
    note: 'Was "Microsoft 365 Business"; not the old "Office 365 Business Premium" (now Business Standard).',
  },
  {
    displayName: 'Microsoft 365 Apps for business',
    formerNames: ['Office 365 Business'],
    zhTwNames: ['Microsoft 365 Apps 商務版'],
    formerZhTwNames: ['Office 365 商務版'],
    skuPartNumber: 'O365_BUSINESS',
    graphSkuId: 'cdd28e44-67e3-425e-be4c-737fab2899d3',
    nceProductId: 'CFQ7TTC0LH1G',
    legacyOfferId: '5C9FD4CC-EDCE-44A8-8E91-07DF09744609',
  },
  {
    displayName: 'Microsoft 365 Apps for enterprise',
    formerNames: ['Office 365 ProPlus'],
    zhTwNames: ['Microsoft 365 Apps 企業版'],
    formerZhTwNames: ['Office 365 專業增強版'],
    skuPartNumber: 'OFFICESUBSCRIPTION',
    graphSkuId: 'c2273bd0-dff7-4215-9ef5-2c7bcfb06425',
    nceProductId: 'CFQ7TTC0LGZT',
    legacyOfferId: 'BE57FF4C-100C-4F1F-B82D-F1C5AB63A665',
  },
  {
    displayName: 'Office 365 E1',
    formerNames: ['Office 365 Enterprise E1'],
    zhTwNames: ['Office 365 企業版 E1'],
    formerZhTwNames: [],
    skuPartNumber: 'STANDARDPACK',
    graphSkuId: '18181a46-0d4e-45cd-891e-60aabd171b4e',
    nceProductId: 'CFQ7TTC0LF8Q',
    legacyOfferId: '91FD106F-4B2C-4938-95AC-F54F74E9A239',
  },
  {
    displayName: 'Office 365 E3',
    formerNames: ['Office 365 Enterprise E3'],
    zhTwNames: ['Office 365 企業版 E3'],
    formerZhTwNames: [],
    skuPartNumber: 'ENTERPRISEPACK',
    graphSkuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    nceProductId: 'CFQ7TTC0LF8R',
    legacyOfferId: '796B6B5F-613C-4E24-A17C-EBA730D49C02',
    note: 'Office 365 E3 and Microsoft 365 E3 (which adds Windows and EMS) are different offers.',
  },
  {
    displayName: 'Office 365 E5',
    formerNames: ['Office 365 Enterprise E5'],
    zhTwNames: ['Office 365 企業版 E5'],
    formerZhTwNames: [],
    skuPartNumber: 'ENTERPRISEPREMIUM',
    graphSkuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
    nceProductId: 'CFQ7TTC0LF8S',
  },
  {
    // Not in offers.csv: added because "without Audio Conferencing" is a SKU of its own, not noise.
    displayName: 'Office 365 E5 without Audio Conferencing',
    formerNames: [],
    zhTwNames: [],
    formerZhTwNames: [],
    skuPartNumber: 'ENTERPRISEPREMIUM_NOPSTNCONF',
    graphSkuId: '26d45bd9-adf1-46cd-a9e1-51e9a5524128',
    note: 'A different SKU from Office 365 E5: moving between them means reassigning licenses.',
  },
  {
    displayName: 'Microsoft 365 E3',
    formerNames: ['Microsoft 365 Enterprise E3'],
    zhTwNames: ['Microsoft 365 企業版 E3'],
    formerZhTwNames: [],
    skuPartNumber: 'SPE_E3',
    graphSkuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
    nceProductId: 'CFQ7TTC0LFLX',
    legacyOfferId: '2b3b8d2d-10aa-4be4-b5fd-7f2feb0c3091',
  },
  {
    displayName: 'Microsoft 365 E5',
    formerNames: ['Microsoft 365 Enterprise E5'],
    zhTwNames: ['Microsoft 365 企業版 E5'],
    formerZhTwNames: [],
    skuPartNumber: 'SPE_E5',
    graphSkuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    nceProductId: 'CFQ7TTC0LFLZ',
  },
  {
    displayName: 'Microsoft 365 F3',
    formerNames: ['Microsoft 365 F1'],
    zhTwNames: [],
    formerZhTwNames: [],
    skuPartNumber: 'SPE_F1',
    graphSkuId: '66b55226-6b4f-492c-910c-a3b7a3c9d993',
    nceProductId: 'CFQ7TTC0LH05',
    note:
      'SPE_F1 was "Microsoft 365 F1" until 2020; that name now belongs to a different, newer offer (M365_F1). ' +
      'A current name wins over a former one, so the bare name "Microsoft 365 F1" means the new offer: use the skuId.',
  },
  {
    // Not in offers.csv: listed so that its name resolves to it rather than to its namesake above.
    displayName: 'Microsoft 365 F1',
    formerNames: [],
    zhTwNames: [],
    formerZhTwNames: [],
    skuPartNumber: 'M365_F1',
    graphSkuId: '44575883-256e-4a79-9da4-ebe9acabe2b2',
    note: 'Introduced in 2020; not the former "Microsoft 365 F1" (SPE_F1, now Microsoft 365 F3).',
  },
  {
    displayName: 'Office 365 F3',
    formerNames: ['Office 365 F1'],
    zhTwNames: [],
    formerZhTwNames: [],
    skuPartNumber: 'DESKLESSPACK',
    graphSkuId: '4b585984-651b-448a-9e53-3b10f069cf7f',
    nceProductId: 'CFQ7TTC0LGZW',
  },
  {
    displayName: 'Exchange Online (Plan 1)',
    formerNames: [],
    zhTwNames: ['Exchange Online (方案 1)'],
    formerZhTwNames: [],
    skuPartNumber: 'EXCHANGESTANDARD',
    graphSkuId: '4b9405b0-7788-4568-add1-99614e613b69',
    nceProductId: 'CFQ7TTC0LH16',
    legacyOfferId: '195416C1-3447-423A-B37B-EE59A99A19C4',
  },
  {
    displayName: 'Exchange Online (Plan 2)',
    formerNames: [],
    zhTwNames: ['Exchange Online (方案 2)'],
    formerZhTwNames: [],
    skuPartNumber: 'EXCHANGEENTERPRISE',
    graphSkuId: '19ec0d23-8335-4cbd-94ac-6050e30712fa',
    nceProductId: 'CFQ7TTC0LH1P',
    legacyOfferId: '2F707C7C-2433-49A5-A437-9CA7CF40D3EB',
  },
  {
    displayName: 'Exchange Online Kiosk',
    formerNames: [],
    zhTwNames: [],
    formerZhTwNames: [],
    skuPartNumber: 'EXCHANGEDESKLESS',
    graphSkuId: '80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82',
    nceProductId: 'CFQ7TTC0LH0L',
    legacyOfferId: '35A36B80-270A-44BF-9290-00545D350866',
  },
  {
    displayName: 'Microsoft Defender for Office 365 (Plan 1)',
    formerNames: ['Office 365 Advanced Threat Protection (Plan 1)'],
    zhTwNames: [],
    formerZhTwNames: [],
    skuPartNumber: 'ATP_ENTERPRISE',
    graphSkuId: '4ef96642-f096-40de-a3e9-d83fb2f90211',
    nceProductId: 'CFQ7TTC0LH04',
  },
  {
    displayName: 'Microsoft Intune Plan 1',
    formerNames: ['Intune'],
    zhTwNames: [],
    formerZhTwNames: [],
    skuPartNumber: 'INTUNE_A',
    graphSkuId: '061f9ace-7d42-4136-88ac-31dc755f143f',
    nceProductId: 'CFQ7TTC0LCH4',
  },
];
