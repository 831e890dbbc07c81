/**
 * Names Microsoft's product table does not carry: former names (the 2020 renames and the 2023–2025
 * renames), the newest name where the table still shows an older one, and zh-TW names. Keyed by the
 * product's string id (Graph skuPartNumber). zh-TW names of the common offers come from
 * offer-catalog.ts (by GUID), so they are not repeated here.
 *
 * Sources:
 * - 2020: shared/offers.csv (Microsoft 365 blog, 30 March 2020, renames effective 21 April 2020;
 *   "Name change for Office 365 ProPlus"; Office 365 ATP → Microsoft Defender for Office 365).
 * - 2023–2025: Microsoft Learn and Microsoft 365 blog announcements: Azure AD Premium P1/P2 →
 *   Microsoft Entra ID P1/P2 (2023); (Microsoft 365 Defender → Microsoft Defender XDR names a
 *   service, not a product of the table: nothing to resolve);
 *   Project Plan 1 / 3 / 5 → Planner Plan 1 / Planner and Project Plan 3 / 5 (2024–2025);
 *   "Copilot for Microsoft 365" → "Microsoft 365 Copilot" (2024–2025).
 */
export interface SkuNames {
  /** Names the product is sold under now that the table does not show (yet). */
  readonly current?: readonly string[];
  readonly former?: readonly string[];
  readonly zhTw?: readonly string[];
}

export const SKU_NAMES: Readonly<Record<string, SkuNames>> = {
  // 2020 (offers.csv)
  O365_BUSINESS_ESSENTIALS: { former: ['Office 365 Business Essentials'] },
  O365_BUSINESS_PREMIUM: { former: ['Office 365 Business Premium'] },
  SPB: { former: ['Microsoft 365 Business'] },
  O365_BUSINESS: { former: ['Office 365 Business'] },
  OFFICESUBSCRIPTION: { former: ['Office 365 ProPlus'] },
  SPE_F1: { former: ['Microsoft 365 F1'] },
  DESKLESSPACK: { former: ['Office 365 F1'] },
  ATP_ENTERPRISE: { former: ['Office 365 Advanced Threat Protection (Plan 1)'] },
  INTUNE_A: { former: ['Intune'] },
  STANDARDPACK: { former: ['Office 365 Enterprise E1'] },
  ENTERPRISEPACK: { former: ['Office 365 Enterprise E3'] },
  ENTERPRISEPREMIUM: { former: ['Office 365 Enterprise E5'] },
  // 2023–2025
  AAD_PREMIUM: { former: ['Azure Active Directory Premium P1', 'Azure AD Premium P1'] },
  AAD_PREMIUM_P2: { former: ['Azure Active Directory Premium P2', 'Azure AD Premium P2'] },
  PROJECT_P1: { former: ['Project Plan 1'] },
  PROJECTPROFESSIONAL: { former: ['Project Plan 3'] },
  // The table still shows "Project Online Premium" for this SKU.
  PROJECTPREMIUM: { current: ['Planner and Project Plan 5'], former: ['Project Plan 5', 'Project Online Premium'] },
  Microsoft_365_Copilot: { current: ['Microsoft 365 Copilot'], former: ['Copilot for Microsoft 365'] },
  M365_Copilot: { current: ['Microsoft 365 Copilot'], former: ['Copilot for Microsoft 365'] },
};
