/**
 * The move model: what the extension remembers about one customer's move into CSP.
 * Pure data, browser-free, shared by every side (content, popup, background).
 */

/** A calendar day `YYYY-MM-DD`. An expiry is a day, not an instant: never convert it through `Date` in local time. */
export type IsoDate = string;

/**
 * The licensing program the customer is leaving. `unknown`: the partner has not said (a new move's
 * default): never shown or exported as a program the partner did not choose, and its end-of-term
 * rule is unknown.
 */
export const PROGRAMS = ['open', 'ea', 'direct', 'other-partner', 'other', 'unknown'] as const;
export type Program = (typeof PROGRAMS)[number];

/**
 * Every step of every path, as states reached (the test contract's `data-step` values). Which steps
 * a move goes through, and in which order, is its path's business (`paths.ts`):
 * - manual: planned → requested → accepted → provisioned → originals-ended → done;
 * - ea-channel-transfer: planned → requested → accepted → csp-scheduled → ea-ended → done;
 * - partner-transfer: planned → requested → accepted → transfer-requested → transfer-approved → done.
 */
export const STEPS = [
  'planned',
  'requested',
  'accepted',
  'provisioned',
  'originals-ended',
  'csp-scheduled',
  'ea-ended',
  'transfer-requested',
  'transfer-approved',
  'done',
] as const;
export type Step = (typeof STEPS)[number];

/** The ways into CSP today (Microsoft Learn, "Move license-based customers … to CSP"); see paths.ts. */
export const PATH_IDS = ['manual', 'ea-channel-transfer', 'partner-transfer'] as const;
export type PathId = (typeof PATH_IDS)[number];

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
  /**
   * With `endBy: 'cancel'`: the day the customer cancels (planned, or recorded when the originals were
   * marked ended before their end date). Cancelling earns no refund for the rest of the term.
   */
  cancelOn?: IsoDate;
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
  | 'details'
  /** The partner chose another path (`note`: the old and new path). */
  | 'path'
  /** The partner closed a move despite a guardrail (`guard`, and `seats` for a seat shortfall). */
  | 'override'
  /** Originals marked ended before their end date: a cancellation, dated (`note`: the day). */
  | 'cancellation';

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
  /** For `override`: the guardrail passed. */
  guard?: 'nothing-provisioned' | 'seats-fewer';
  /** For `override` of `seats-fewer`: seats provisioned against seats needed when it was passed. */
  seats?: { provisioned: number; needed: number };
}

export interface Move {
  /** The customer's Microsoft ID (tenant id), a lower-case GUID: the key of everything. */
  customerId: string;
  companyName: string;
  domain: string;
  program: Program;
  /** How the move gets into CSP; decides the steps (suggested from the program, the partner's choice). */
  path: PathId;
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
