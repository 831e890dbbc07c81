/**
 * The move model: what the extension remembers about one customer's move into CSP.
 * Pure data, browser-free, shared by every side (content, popup, background).
 */

/** A calendar day `YYYY-MM-DD`. An expiry is a day, not an instant: never convert it through `Date` in local time. */
export type IsoDate = string;

/** The licensing program the customer is leaving. */
export const PROGRAMS = ['open', 'ea', 'direct', 'other-partner', 'other'] as const;
export type Program = (typeof PROGRAMS)[number];

/**
 * The seed's four steps, as states reached (the test contract's `data-step` values):
 * requested → accepted → provisioned → originals-ended → done.
 */
export const STEPS = ['requested', 'accepted', 'provisioned', 'originals-ended', 'done'] as const;
export type Step = (typeof STEPS)[number];

/** How the customer will end an original subscription. Cancelling earns no refund. */
export type EndBy = 'expire' | 'cancel';

/** A subscription the customer bought outside CSP (Open, EA, direct, another partner). */
export interface OriginalSubscription {
  /** Stable id inside the move (generated), so edits and reminders can name one original. */
  id: string;
  offer: string;
  /** Graph skuId / product id when known: the most stable key for offer matching. */
  skuId?: string;
  seats: number;
  expiresOn: IsoDate;
  endBy: EndBy;
}

/** What the partner provisioned in CSP for this customer. */
export interface ProvisionedSubscription {
  id: string;
  offer: string;
  skuId?: string;
  seats: number;
  provisionedOn: IsoDate;
}

export type HistoryKind =
  | 'created'
  | 'step'
  | 'originals'
  | 'provisioned'
  | 'licenses-reassigned'
  | 'notes'
  | 'details';

/** One dated entry in a move's history. `on` is the partner's calendar day, `at` the instant. */
export interface HistoryEntry {
  at: string;
  on: IsoDate;
  kind: HistoryKind;
  from?: Step;
  to?: Step;
  /** Steps passed over by a forward jump that the partner confirmed. */
  skipped?: Step[];
  note?: string;
  /** For `licenses-reassigned`: the flag's new value (it can be cleared again). */
  value?: boolean;
}

export interface Move {
  /** The customer's Microsoft ID (tenant id), a lower-case GUID: the key of everything. */
  customerId: string;
  companyName: string;
  domain: string;
  program: Program;
  step: Step;
  /** The day each step was reached (the latest time, if it was reached twice). */
  stepDates: Partial<Record<Step, IsoDate>>;
  originals: OriginalSubscription[];
  provisioned: ProvisionedSubscription[];
  /** Set once the partner has updated license assignments (needed when an offer differs). */
  licensesReassigned: boolean;
  notes: string;
  history: HistoryEntry[];
  createdAt: string;
  updatedAt: string;
}

/** A GUID's pattern (match it case-insensitively): tenant ids, subscription ids, row ids. */
export const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A whole string that is one GUID. */
export const GUID_RE = new RegExp(`^${GUID}$`, 'i');

/** Normalises a tenant id to its canonical lower-case form, or returns null when it is not a GUID. */
export function toCustomerId(raw: string): string | null {
  const id = raw.trim().toLowerCase();
  return GUID_RE.test(id) ? id : null;
}
