/**
 * Input limits, named once: the protocol's schemas and the popup's forms (core/inputs.ts) and the
 * UI's `maxLength` attributes read them. Kept apart from inputs.ts so a page script can read a
 * limit without bundling valibot.
 */
export const LIMITS = {
  companyName: 500,
  domain: 300,
  offer: 300,
  skuId: 100,
  /** A client-side id of one original or provisioned line. */
  lineId: 40,
  seats: 10_000_000,
  stepNote: 2000,
  notes: 20_000,
  /** Originals or provisioned lines in one request. */
  lines: 500,
  /** Customers marked "requested" at once (the reseller-request page). */
  requested: 1000,
  importedCustomers: 100_000,
  lookups: 10_000,
  /** Offers the type-ahead may ask for at once. */
  offerSuggestions: 50,
  /** Reminder lead times: each 0..leadDay, at most leadDaysCount of them. */
  leadDay: 365,
  leadDaysCount: 12,
  nudgeDays: 365,
  /** Days allowed for a customer to accept the relationship request. */
  acceptanceDays: 180,
  /** Days before an Enterprise Agreement's end date to provision. */
  eaLeadDays: 90,
  overlayOffset: 10_000,
  /** Page types with their own remembered overlay position. */
  overlayPageTypes: 50,
  backupBytes: 50_000_000,
} as const;
