/**
 * The one message protocol between content scripts, the popup and the background.
 * Every request names its type; the background validates the payload (see background/handlers.ts)
 * and answers an envelope, so a bad request gets a specific error instead of a crash or silence.
 */
import type { IsoDate, Move, OriginalSubscription, Program, ProvisionedSubscription, Step } from '../core/model';
import type { Settings } from '../core/schema';
import type { Reminder, SnoozeDays } from '../core/reminders';
import type { CustomerMessage } from '../core/customer-messages';
import type { TimelineDates } from '../core/timeline';
import type { ImportedCustomer } from '../core/csv';
import type { OfferSuggestion } from '../core/offer-search';

export type { OfferSuggestion };

export type OriginalInput = Omit<OriginalSubscription, 'id'> & { id?: string };
export type ProvisionedInput = Omit<ProvisionedSubscription, 'id'> & { id?: string };

export interface TrackInput {
  customerId: string;
  companyName: string;
  domain?: string;
  program?: Program;
  step?: Step;
}

/** Distance from the viewport's right and bottom edges, in CSS pixels. */
export interface OverlayPosition {
  right: number;
  bottom: number;
}

export interface OverlayState {
  collapsed: boolean;
  /**
   * Where the partner dragged the panel, per page type (`customers-list`, `add-products`…): a spot
   * that suits one page covers controls on another. A page type without one is placed automatically
   * clear of the page's controls.
   */
  positions: Record<string, OverlayPosition>;
}

export const DEFAULT_OVERLAY_STATE: OverlayState = { collapsed: false, positions: {} };

export interface Status {
  version: string;
  needsAction: number;
  moves: number;
  /** Stored data the background could not read: kept aside, reported here. */
  problems: string[];
  /** Set when storage was written by a newer version of the extension: read-only until updated. */
  readOnly: boolean;
}

export interface Protocol {
  /**
   * Every move; with `first`, only the `first` most urgent (ranked by the background) and the total,
   * so the popup can paint its first screen without waiting for a 10,000-move transfer.
   */
  'moves/list': { request: { first?: number }; response: { moves: Move[]; total: number; today: IsoDate; settings: Settings } };
  'moves/get': { request: { customerId: string }; response: { move: Move | null; today: IsoDate; settings: Settings } };
  /** Badge data for the rows in view: only the tracked ones come back. */
  'moves/lookup': { request: { customerIds: string[] }; response: { moves: Move[]; today: IsoDate; settings: Settings } };
  'moves/track': { request: TrackInput; response: Move };
  'moves/step': { request: { customerId: string; to: Step; confirmSkip?: boolean; note?: string }; response: Move };
  'moves/originals': { request: { customerId: string; originals: OriginalInput[] }; response: Move };
  'moves/provisioned': { request: { customerId: string; items: ProvisionedInput[]; append?: boolean }; response: Move };
  'moves/licenses': { request: { customerId: string; reassigned: boolean }; response: Move };
  'moves/update': {
    request: { customerId: string; companyName?: string; domain?: string; program?: Program; notes?: string };
    response: Move;
  };
  'moves/delete': { request: { customerId: string }; response: { deleted: Move } };
  /** Puts a whole move back (undo of a delete). */
  'moves/put': { request: { move: Move }; response: Move };
  /** Marks "relationship requested" for several customers at once (the reseller-request page). */
  'moves/requested': { request: { customers: TrackInput[] }; response: { moves: Move[] } };
  /** All-or-nothing import of a previewed CSV. */
  /** `createOnly`: tracked customers are left untouched (Partner Center's customer list). */
  'moves/import': {
    request: { customers: ImportedCustomer[]; createOnly?: boolean };
    response: { created: number; updated: number; untouched: number };
  };
  'settings/get': { request: Record<string, never>; response: Settings };
  'settings/set': { request: Partial<Settings>; response: Settings };
  'backup/export': { request: Record<string, never>; response: { json: string } };
  'backup/restore': { request: { json: string }; response: { moves: number; migratedFrom?: number } };
  'status/get': { request: Record<string, never>; response: Status };
  /** The overlay's own state (collapsed, position), remembered across pages and tabs. */
  'ui/get': { request: Record<string, never>; response: OverlayState };
  'ui/set': { request: Partial<OverlayState>; response: OverlayState };
  /**
   * Per day of the next `days` days (28 by default), the decisions falling due: how many, and for
   * which customers (the popup's "next 4 weeks"); with `customerId`, also that move's reminders
   * standing today (due, not acknowledged, not snoozed past today).
   */
  'reminders/list': {
    request: { customerId?: string; days?: number };
    response: { reminders: Reminder[]; upcoming: Array<{ day: IsoDate; count: number; customerIds: string[] }>; today: IsoDate };
  };
  /**
   * What the overlay and the popup's move view show beside the steps: the move's standing reminders,
   * the messages to send the customer (both languages) and the timeline's dates. Built here, so the
   * content script carries neither the texts nor the rules.
   */
  'moves/extras': {
    request: { customerId: string };
    response: { reminders: Reminder[]; messages: CustomerMessage[]; timeline: TimelineDates; today: IsoDate };
  };
  /** Never remind of these decisions again. */
  'reminders/acknowledge': { request: { subjects: string[] }; response: { ok: true } };
  /** Remind of these decisions once, `days` days from today. */
  'reminders/snooze': { request: { subjects: string[]; days: SnoozeDays }; response: { until: IsoDate } };
  /** A content script says it is on a Partner Center tab, to receive change notices. */
  'tab/watch': { request: Record<string, never>; response: { ok: true } };
  /** The partner clicked this customer in a grid: remembered for the sender's tab (session storage). */
  'tab/remember': { request: { customerId: string; companyName: string; domain?: string }; response: { ok: true } };
  /** What the sender's tab remembers of a clicked customer, or null. */
  'tab/recall': { request: { customerId: string }; response: { customer: { companyName: string; domain: string } | null } };
  /**
   * Offers of Microsoft's product table whose names start with (then contain) the query, for the
   * hand-picked offer's type-ahead. The table stays in the background: the content script never
   * bundles it.
   */
  'offers/suggest': { request: { query: string; limit?: number }; response: { offers: OfferSuggestion[]; picked?: OfferSuggestion } };
}


export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];

export interface RequestMessage<K extends MessageType = MessageType> {
  type: K;
  payload: RequestOf<K>;
}

export interface ProtocolErrorBody {
  code: string;
  message: string;
  issues?: string[];
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ProtocolErrorBody };

/** Sent by the background (never requested): moves changed, re-read what you show. */
export interface ChangeNotice {
  type: 'moves/changed';
  customerIds: string[] | 'all';
}

export class ProtocolError extends Error {
  readonly code: string;
  readonly issues: string[];
  constructor(body: ProtocolErrorBody) {
    super(body.message);
    this.name = 'ProtocolError';
    this.code = body.code;
    this.issues = body.issues ?? [];
  }
}

export function isChangeNotice(value: unknown): value is ChangeNotice {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'moves/changed';
}

/** The data of a reply envelope, or a ProtocolError with the background's code and message. */
export function unwrap<K extends MessageType>(type: K, reply: unknown): ResponseOf<K> {
  const r = reply as Envelope<ResponseOf<K>> | undefined;
  if (!r) throw new ProtocolError({ code: 'no-reply', message: `The background did not answer ${type}.` });
  if (!r.ok) throw new ProtocolError(r.error);
  return r.data;
}
