/**
 * What a partner may type or a page may send, validated in one place with one set of limits:
 * the protocol's request schemas (shared/protocol.ts) and the popup's forms (popup/logic.ts) both
 * use these. Stored moves are read by schema.ts, which checks shape but no input limits: data
 * already stored is never refused for a limit added later.
 */
import * as v from 'valibot';
import { isIsoDate } from './dates';
import { LIMITS } from './limits';
import { PATH_IDS, PROGRAMS, STEPS, toCustomerId } from './model';


export const CustomerIdSchema = v.pipe(
  v.string(),
  v.transform((s) => toCustomerId(s) ?? s),
  v.check((s) => toCustomerId(s) !== null, "must be a GUID (the customer's Microsoft ID)"),
);
export const TextSchema = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max, `must be at most ${max} characters`));
const Required = (max: number) => v.pipe(TextSchema(max), v.minLength(1, 'must not be empty'));
export const DaySchema = v.pipe(v.string(), v.check((s: string) => isIsoDate(s), 'must be a calendar date YYYY-MM-DD'));
export const SeatsSchema = v.pipe(
  v.number(),
  v.integer('must be a whole number'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(LIMITS.seats, `must be at most ${LIMITS.seats}`),
);
export const ProgramSchema = v.picklist(PROGRAMS, `must be one of ${PROGRAMS.join(', ')}`);
export const StepSchema = v.picklist(STEPS, `must be one of ${STEPS.join(', ')}`);
export const PathSchema = v.picklist(PATH_IDS, `must be one of ${PATH_IDS.join(', ')}`);
export const CompanyNameSchema = Required(LIMITS.companyName);
export const DomainSchema = TextSchema(LIMITS.domain);
const EndBySchema = v.picklist(['expire', 'cancel'], 'must be expire or cancel');

const lineFields = {
  offer: Required(LIMITS.offer),
  skuId: v.optional(TextSchema(LIMITS.skuId)),
  seats: SeatsSchema,
};

/** One original subscription as typed or imported; the background gives it an id when it has none. */
export const OriginalInputSchema = v.object({
  id: v.optional(TextSchema(LIMITS.lineId)),
  ...lineFields,
  expiresOn: DaySchema,
  endBy: EndBySchema,
  /** With `endBy: 'cancel'`: the day the customer cancels. */
  cancelOn: v.optional(DaySchema),
});
export type OriginalInput = v.InferOutput<typeof OriginalInputSchema>;

export const ProvisionedInputSchema = v.object({
  id: v.optional(TextSchema(LIMITS.lineId)),
  ...lineFields,
  provisionedOn: DaySchema,
});
export type ProvisionedInput = v.InferOutput<typeof ProvisionedInputSchema>;

/** A customer to start tracking (from a page or the add dialog). */
export const TrackInputSchema = v.object({
  customerId: CustomerIdSchema,
  companyName: CompanyNameSchema,
  domain: v.optional(DomainSchema),
  program: v.optional(ProgramSchema),
  path: v.optional(PathSchema),
  step: v.optional(StepSchema),
});
