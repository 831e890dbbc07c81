/**
 * The one message protocol between content scripts, the popup and the background: each message is
 * declared once, here, with its valibot request schema, its reply type and, for a message that
 * writes, the customers it changes. Every type is derived from this table (a schema that drifts
 * breaks its senders at compile time); the background validates each payload with the same schema
 * (background/handlers.ts).
 *
 * Import this module's types only (`import type`) outside the background: its values pull valibot
 * into the bundle. The sending side is shared/client.ts.
 */
import type { MoveView } from '../background/move-view';
import * as v from 'valibot';
import type { IsoDate, Move } from '../core/model';
import {
  CompanyNameSchema,
  CustomerIdSchema,
  DaySchema,
  DomainSchema,
  OriginalInputSchema,
  PathSchema,
  ProgramSchema,
  ProvisionedInputSchema,
  SeatsSchema,
  StepSchema,
  TextSchema,
  TrackInputSchema,
} from '../core/inputs';
import { LIMITS } from '../core/limits';
import { MoveSchema, isInvitationLink, type Settings } from '../core/schema';
import { SNOOZE_DAYS, type Reminder } from '../core/reminders';
import type { CustomerMessage } from '../core/customer-messages';
import type { TimelineDates } from '../core/timeline';
import type { OverlayState } from './ui-state';
import type { RowFacts } from './row-facts';
import type { OfferSuggestion } from '../core/offer-search';
import type { MoveOfferMatch } from '../core/offers';
import type { OriginalName } from '../core/sku-table';
import type { OfferJudgement, SplitJudgement } from '../core/offer-view';

export type { OfferSuggestion };

export interface Status {
  version: string;
  needsAction: number;
  moves: number;
  /** Stored data the background could not read: kept aside, reported here. */
  problems: string[];
  /** Set when storage was written by a newer version of the extension: read-only until updated. */
  readOnly: boolean;
}

/** A phantom: carries the reply type, holds nothing at run time. */
interface Reply<T> {
  readonly reply?: T;
}
const reply = <T>(): Reply<T> => ({});

/** Which customers a write changed ('all' after a restore or a settings change). */
export type Changed = string[] | 'all';

interface Message<S extends v.GenericSchema, R> {
  request: S;
  reply: Reply<R>;
  /** Present for a message that writes: the customers it changed, from the validated request. */
  changes?: (request: v.InferOutput<S>) => Changed;
}

/** `satisfies` keeps each entry's own schema type, so `changes` is checked against it. */
const message = <S extends v.GenericSchema, R>(m: Message<S, R>): Message<S, R> => m;

const Empty = v.object({});
const Subjects = v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.minLength(1, 'name at least one reminder'), v.maxLength(10_000));
const one = (p: { customerId: string }): Changed => [p.customerId];
const all = (): Changed => 'all';

const ImportedCustomerSchema = v.object({
  customerId: CustomerIdSchema,
  companyName: TextSchema(LIMITS.companyName),
  domain: DomainSchema,
  program: v.optional(ProgramSchema),
  // The export's path column, as written: a path this version does not know falls back to the suggested one.
  path: v.optional(TextSchema(60)),
  originals: v.array(v.omit(OriginalInputSchema, ['id', 'cancelOn'])),
  rows: v.array(v.number()),
  // From this extension's own export: where the move stood (used for moves the import creates).
  step: v.optional(StepSchema),
  stepDates: v.optional(v.record(StepSchema, DaySchema)),
});
const WholeNumber = (min: number, max: number) => v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(min), v.maxValue(max));
const Offset = v.pipe(v.number(), v.minValue(0), v.maxValue(LIMITS.overlayOffset));

type Snapshot = { today: IsoDate; settings: Settings };

export const protocol = {
  /**
   * Every move; with `first`, the `first` most urgent from `offset` (0: the most urgent), ranked
   * by the background, each with its row facts, and the total: the popup paints its first screen
   * without waiting for a 10,000-move transfer, then reads the rest page by page. Moves in a window
   * carry only the history the popup states (overrides and cancellations).
   */
  'moves/list': message({
    request: v.object({ first: v.optional(WholeNumber(1, LIMITS.lookups)), offset: v.optional(WholeNumber(0, Number.MAX_SAFE_INTEGER)) }),
    reply: reply<{ moves: Move[]; total: number; facts?: RowFacts[] } & Snapshot>(),
  }),
  /** One move, with what the overlay shows of it computed by the background (`view`). */
  'moves/get': message({ request: v.object({ customerId: CustomerIdSchema }), reply: reply<{ move: Move | null; view: MoveView | null } & Snapshot>() }),
  /** Badge data for the rows in view: only the tracked ones come back. */
  'moves/lookup': message({
    request: v.object({ customerIds: v.pipe(v.array(v.string()), v.maxLength(LIMITS.lookups)) }),
    reply: reply<{ moves: Move[] } & Snapshot>(),
  }),
  /**
   * The request picker's search over every tracked customer (planned ones come from Partner
   * Center's customer export): by name, domain or tenant id, planned first.
   */
  'moves/search': message({
    request: v.object({ query: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200)), limit: v.optional(WholeNumber(1, 200)) }),
    reply: reply<{ moves: Move[] }>(),
  }),
  'moves/track': message({ request: TrackInputSchema, reply: reply<Move>(), changes: one }),
  /**
   * `override`: close despite a guardrail (nothing or too few seats provisioned; asked first,
   * recorded); `cancelledOn`: originals marked ended before their end date are a cancellation on that day.
   */
  'moves/step': message({
    request: v.object({
      customerId: CustomerIdSchema,
      to: StepSchema,
      confirmSkip: v.optional(v.boolean()),
      override: v.optional(v.boolean()),
      cancelledOn: v.optional(DaySchema),
      note: v.optional(TextSchema(LIMITS.stepNote)),
    }),
    reply: reply<Move>(),
    changes: one,
  }),
  /** Follows another path (the step keeps its phase). */
  'moves/path': message({ request: v.object({ customerId: CustomerIdSchema, path: PathSchema }), reply: reply<Move>(), changes: one }),
  'moves/originals': message({
    request: v.object({ customerId: CustomerIdSchema, originals: v.pipe(v.array(OriginalInputSchema), v.maxLength(LIMITS.lines)) }),
    reply: reply<Move>(),
    changes: one,
  }),
  'moves/provisioned': message({
    request: v.object({ customerId: CustomerIdSchema, items: v.pipe(v.array(ProvisionedInputSchema), v.maxLength(LIMITS.lines)), append: v.optional(v.boolean()) }),
    reply: reply<Move>(),
    changes: one,
  }),
  /**
   * An order placed in Partner Center: its lines appended as provisioned and, when the move has not
   * reached its path's provisioned step, the move advanced to it (buying needs an accepted
   * relationship: an earlier step is only behind on paper), `note` in the history. One write. The
   * reply says how what is provisioned now matches the originals (the overlay's "reassign" warning).
   */
  'moves/purchased': message({
    request: v.object({
      customerId: CustomerIdSchema,
      items: v.pipe(v.array(ProvisionedInputSchema), v.minLength(1, 'name at least one line'), v.maxLength(LIMITS.lines)),
      note: TextSchema(LIMITS.stepNote),
    }),
    reply: reply<{ move: Move; match: { match: MoveOfferMatch['match']; reassign: boolean; unmatchedOriginalIds: string[] } }>(),
    changes: one,
  }),
  'moves/licenses': message({ request: v.object({ customerId: CustomerIdSchema, reassigned: v.boolean() }), reply: reply<Move>(), changes: one }),
  'moves/update': message({
    request: v.object({
      customerId: CustomerIdSchema,
      companyName: v.optional(CompanyNameSchema),
      domain: v.optional(DomainSchema),
      program: v.optional(ProgramSchema),
      notes: v.optional(TextSchema(LIMITS.notes)),
    }),
    reply: reply<Move>(),
    changes: one,
  }),
  'moves/delete': message({ request: v.object({ customerId: CustomerIdSchema }), reply: reply<{ deleted: Move }>(), changes: one }),
  /** Puts a whole move back (undo of a delete). */
  'moves/put': message({ request: v.object({ move: MoveSchema }), reply: reply<Move>(), changes: (p) => [p.move.customerId] }),
  /** Marks "relationship requested" for several customers at once (the reseller-request page). */
  'moves/requested': message({
    request: v.object({ customers: v.pipe(v.array(TrackInputSchema), v.minLength(1, 'name at least one customer'), v.maxLength(LIMITS.requested)) }),
    reply: reply<{ moves: Move[] }>(),
    changes: (p) => p.customers.map((c) => c.customerId),
  }),
  /** All-or-nothing import of a previewed CSV. */
  'moves/import': message({
    /** `createOnly`: tracked customers are left untouched (Partner Center's customer list). */
    request: v.object({ customers: v.pipe(v.array(ImportedCustomerSchema), v.maxLength(LIMITS.importedCustomers)), createOnly: v.optional(v.boolean()) }),
    reply: reply<{ created: number; updated: number; untouched: number }>(),
    changes: (p) => p.customers.map((c) => c.customerId),
  }),
  'settings/get': message({ request: Empty, reply: reply<Settings>() }),
  'settings/set': message({
    request: v.partial(
      v.object({
        leadDays: v.pipe(v.array(WholeNumber(0, LIMITS.leadDay)), v.maxLength(LIMITS.leadDaysCount)),
        notificationsOn: v.boolean(),
        defaultProgram: ProgramSchema,
        nudgeAfterDays: WholeNumber(1, LIMITS.nudgeDays),
        invitationLink: v.pipe(v.string(), v.trim(), v.maxLength(2000), v.check(isInvitationLink, 'must be a reseller-relationship link (https://…invType=ResellerRelationship…)')),
        acceptanceDays: WholeNumber(0, LIMITS.acceptanceDays),
        eaLeadDays: WholeNumber(0, LIMITS.eaLeadDays),
      }),
    ),
    reply: reply<Settings>(),
    changes: all,
  }),
  'backup/export': message({ request: Empty, reply: reply<{ json: string }>() }),
  'backup/restore': message({
    request: v.object({ json: v.pipe(v.string(), v.maxLength(LIMITS.backupBytes, 'backup is larger than 50 MB')) }),
    reply: reply<{ moves: number; migratedFrom?: number }>(),
    changes: all,
  }),
  'status/get': message({ request: Empty, reply: reply<Status>() }),
  /** The overlay's own state (collapsed, position), remembered across pages and tabs. */
  'ui/get': message({ request: Empty, reply: reply<OverlayState>() }),
  'ui/set': message({
    request: v.partial(
      v.object({
        collapsed: v.boolean(),
        positions: v.pipe(
          v.record(v.pipe(v.string(), v.regex(/^[a-z-]{1,40}$/)), v.object({ right: Offset, bottom: Offset })),
          v.check((r) => Object.keys(r).length <= LIMITS.overlayPageTypes, `at most ${LIMITS.overlayPageTypes} page types`),
        ),
      }),
    ),
    reply: reply<OverlayState>(),
  }),
  /** The partner clicked this customer in a grid: remembered for the sender's tab (session storage). */
  'tab/remember': message({
    request: v.object({ customerId: CustomerIdSchema, companyName: CompanyNameSchema, domain: v.optional(DomainSchema) }),
    reply: reply<{ ok: true }>(),
  }),
  /** What the sender's tab remembers of a clicked customer, or null. */
  'tab/recall': message({ request: v.object({ customerId: CustomerIdSchema }), reply: reply<{ customer: { companyName: string; domain: string } | null }>() }),
  /**
   * Offers of Microsoft's product table whose names start with (then contain) the query, for the
   * hand-picked offer's type-ahead. The table stays in the background: the content script never
   * bundles it.
   */
  'offers/suggest': message({
    request: v.object({ query: TextSchema(LIMITS.offer), limit: v.optional(WholeNumber(1, LIMITS.offerSuggestions)) }),
    reply: reply<{ offers: OfferSuggestion[]; picked?: OfferSuggestion }>(),
  }),
  /**
   * The offers a page shows (with the quantity read or picked) against the tracked customer's
   * originals, judged whole in the background: the offer catalogue's match refined by the service
   * plans of Microsoft's product table (renames, the Teams split, what is lost), the seats, the names
   * to say and the line a purchase records; and the originals under the names they are sold by today
   * (`originals`: asked with no offers before anything is picked). The page renders the result: it
   * carries neither the catalogue nor the table. Without the table, the catalogue's match alone. An
   * untracked customer gets nothing.
   */
  'offers/verdicts': message({
    request: v.object({
      customerId: CustomerIdSchema,
      offers: v.pipe(
        v.array(v.object({ name: TextSchema(LIMITS.offer), productId: v.optional(TextSchema(LIMITS.skuId)), quantity: v.optional(SeatsSchema) })),
        v.maxLength(LIMITS.offerSuggestions),
      ),
    }),
    reply: reply<{ offers: OfferJudgement[]; splits: SplitJudgement[]; originals: OriginalName[] }>(),
  }),
  /**
   * Per day of the next `days` days (28 by default), the decisions falling due; with `customerId`,
   * also that move's reminders standing today.
   */
  'reminders/list': message({
    request: v.object({ customerId: v.optional(CustomerIdSchema), days: v.optional(WholeNumber(1, 366)) }),
    reply: reply<{ reminders: Reminder[]; upcoming: Array<{ day: IsoDate; count: number; customerIds: string[] }>; today: IsoDate }>(),
  }),
  /** The move's standing reminders, the messages to send the customer and the timeline's dates. */
  'moves/extras': message({
    request: v.object({ customerId: CustomerIdSchema }),
    reply: reply<{ reminders: Reminder[]; messages: CustomerMessage[]; timeline: TimelineDates; today: IsoDate }>(),
  }),
  /** Never remind of these decisions again (the handler reports the moves it changed). */
  'reminders/acknowledge': message({ request: v.object({ subjects: Subjects }), reply: reply<{ ok: true }>() }),
  /** Remind of these decisions once, `days` days from today. */
  'reminders/snooze': message({
    request: v.object({ subjects: Subjects, days: v.picklist(SNOOZE_DAYS, `must be one of ${SNOOZE_DAYS.join(', ')}`) }),
    reply: reply<{ until: IsoDate }>(),
  }),
  /** A content script says it is on a Partner Center tab, to receive change notices. */
  'tab/watch': message({ request: Empty, reply: reply<{ ok: true }>() }),
};

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
/** What a sender passes (before the schema's transforms: a customer id may still be upper-case). */
export type RequestOf<K extends MessageType> = v.InferInput<Protocol[K]['request']>;
/** What a handler receives, validated and transformed. */
export type PayloadOf<K extends MessageType> = v.InferOutput<Protocol[K]['request']>;
export type ResponseOf<K extends MessageType> = NonNullable<Protocol[K]['reply']['reply']>;

/** The table seen per type: lets generic code (the background's dispatch) keep schema, payload and change list together. */
export type Table = {
  [K in MessageType]: { request: v.GenericSchema<RequestOf<K>, PayloadOf<K>>; changes?: (request: PayloadOf<K>) => Changed };
};

export function isMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(protocol, type);
}
