/**
 * What an original subscription does after its end date, by program, as data with sources; and the
 * dates a move is planned by: the service end, the "provision by" deadline, the suggested
 * provisioning day, the paid overlap and the new-commerce cancellation window.
 *
 * Sources (read 2026-11):
 * - Microsoft 365 docs, "What happens to my data and access when my Microsoft 365 for business
 *   subscription ends?" (microsoft-365/commerce/subscriptions/what-if-my-subscription-expires.md,
 *   2024-03-29): direct and Open go Expired for 30 days with normal user access; licences bought
 *   through Volume Licensing (Enterprise Agreement) are unavailable on the end date itself.
 * - Partner Center, new-commerce cancellation policy: cancel (prorated refund) or reduce seats only
 *   within 7 calendar days (168 hours) of purchase or renewal.
 */
import { addDays, daysBetween } from './dates';
import type { IsoDate, Move, OriginalSubscription, Program } from './model';

export interface EndRule {
  /**
   * Days users keep normal access after the end date: the service end is the end date plus this.
   * Undefined: not known for this program; the dates then assume the worst (access ends on the end
   * date) and the UI says the rule is unknown.
   */
  readonly accessDaysAfterEnd?: number;
  /** The suggested provisioning day: the end date itself, or a lead (a setting) before it. */
  readonly suggest: 'end-date' | 'lead';
  /** Message name of the source, shown with the rule. */
  readonly source: 'ruleSource_expires' | 'ruleSource_volume_licensing' | 'ruleSource_unknown' | 'ruleSource_program_unknown';
}

export const END_RULES: Readonly<Record<Program, EndRule>> = {
  direct: { accessDaysAfterEnd: 30, suggest: 'end-date', source: 'ruleSource_expires' },
  open: { accessDaysAfterEnd: 30, suggest: 'end-date', source: 'ruleSource_expires' },
  ea: { accessDaysAfterEnd: 0, suggest: 'lead', source: 'ruleSource_volume_licensing' },
  // Another partner's subscriptions, or anything else: not documented for the move; assume the worst.
  'other-partner': { suggest: 'lead', source: 'ruleSource_unknown' },
  other: { suggest: 'lead', source: 'ruleSource_unknown' },
  // The partner has not said which program: its rule cannot be known either.
  unknown: { suggest: 'lead', source: 'ruleSource_program_unknown' },
};

/** Days of paid overlap beyond which buying early is warned about (distributors advise 30 days). */
export const OVERLAP_WARN_DAYS = 30;
/** New commerce: cancel or reduce seats within 7 days (168 h) of purchase; the last whole day is +6. */
export const NEW_COMMERCE_WINDOW_DAYS = 7;

export interface RuleSettings {
  /** Days before an EA (or unknown program's) end date to provision (default 3). */
  eaLeadDays: number;
  /** Days allowed for the customer to accept a relationship request (default 14). */
  acceptanceDays: number;
}

export const DEFAULT_RULE_SETTINGS: Readonly<RuleSettings> = Object.freeze({ eaLeadDays: 3, acceptanceDays: 14 });

export function endRule(program: Program): EndRule {
  const rule = END_RULES[program];
  if (rule === undefined) throw new RangeError(`Not a program: ${String(program)}`);
  return rule;
}

/** The last day users keep access after `endDate`; undefined when the program's rule is unknown. */
export function serviceEnd(program: Program, endDate: IsoDate): IsoDate | undefined {
  const days = endRule(program).accessDaysAfterEnd;
  return days === undefined ? undefined : addDays(endDate, days);
}

export interface TermDates {
  /** The earliest end date among the originals considered. */
  endDate: IsoDate;
  /** The last day users keep access (undefined: unknown rule). */
  serviceEnd?: IsoDate;
  /** Hard deadline: provisioned by this day, users never lose access. */
  provisionBy: IsoDate;
  /** The day that keeps the paid overlap smallest without a gap. */
  suggestedDay: IsoDate;
  /** The relationship request should go out by this day (acceptance takes time). */
  requestBy: IsoDate;
  ruleKnown: boolean;
}

/** The dates for an original ending on `endDate` under `program`'s rule. */
export function termDates(program: Program, endDate: IsoDate, settings: RuleSettings): TermDates {
  const rule = endRule(program);
  const end = serviceEnd(program, endDate);
  // Unknown rule: as if access ended on the end date (the worst case), never a guessed margin.
  const provisionBy = addDays(end ?? endDate, -1);
  const wanted = rule.suggest === 'end-date' ? endDate : addDays(endDate, -settings.eaLeadDays);
  const suggestedDay = wanted < provisionBy ? wanted : provisionBy;
  return {
    endDate,
    ...(end === undefined ? {} : { serviceEnd: end }),
    provisionBy,
    suggestedDay,
    requestBy: addDays(suggestedDay, -settings.acceptanceDays),
    ruleKnown: rule.accessDaysAfterEnd !== undefined,
  };
}

/** The originals still to be dealt with: every one (ended ones are the step's business). */
function endDates(originals: readonly OriginalSubscription[]): IsoDate[] {
  return originals.map((o) => o.expiresOn).sort();
}

/** The dates for the move's earliest-ending original; undefined without originals. */
export function moveTermDates(move: Pick<Move, 'program' | 'originals'>, settings: RuleSettings): TermDates | undefined {
  const first = endDates(move.originals)[0];
  return first === undefined ? undefined : termDates(move.program, first, settings);
}

export interface Overlap {
  /** Days the customer pays twice: from the CSP purchase to the original's end date (0 when none). */
  days: number;
  /** The purchase is (planned) more than `warnDays` early. */
  early: boolean;
  /** OVERLAP_WARN_DAYS, carried so a view states the threshold without this module (the content script's size). */
  warnDays: number;
  /** Whether the purchase day is recorded (a provisioned line) or planned (the suggested day). */
  recorded: boolean;
  purchaseDay: IsoDate;
  endDate: IsoDate;
}

/**
 * The paid overlap: from the earliest recorded purchase (else the suggested day) to the earliest
 * original end date. Undefined without originals.
 */
export function overlap(move: Pick<Move, 'program' | 'originals' | 'provisioned'>, settings: RuleSettings): Overlap | undefined {
  const dates = moveTermDates(move, settings);
  if (dates === undefined) return undefined;
  const bought = move.provisioned.map((p) => p.provisionedOn).sort()[0];
  const purchaseDay = bought ?? dates.suggestedDay;
  const days = Math.max(0, daysBetween(purchaseDay, dates.endDate));
  return { days, early: days > OVERLAP_WARN_DAYS, warnDays: OVERLAP_WARN_DAYS, recorded: bought !== undefined, purchaseDay, endDate: dates.endDate };
}

/** The last whole day a new-commerce purchase made on `purchaseDay` can be cancelled or reduced. */
export function cancelWindowEnd(purchaseDay: IsoDate): IsoDate {
  return addDays(purchaseDay, NEW_COMMERCE_WINDOW_DAYS - 1);
}

/** The latest purchase's cancellation window, while it is open on `today`. */
export function openCancelWindow(move: Pick<Move, 'provisioned'>, today: IsoDate): { until: IsoDate; daysLeft: number } | undefined {
  const last = move.provisioned.map((p) => p.provisionedOn).sort().at(-1);
  if (last === undefined || last > today) return undefined;
  const until = cancelWindowEnd(last);
  const daysLeft = daysBetween(today, until);
  return daysLeft < 0 ? undefined : { until, daysLeft };
}
