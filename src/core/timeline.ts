/**
 * The dates a move's timeline shows (the figure in the overlay and the popup's move view): today,
 * the request, the suggested provisioning day, the original's end date, the end of users' access,
 * the new-commerce cancel window and the paid overlap. Each is present only when the data (and the
 * program's rule) supports it: the figure never draws a date it does not know.
 */
import { daysBetween } from './dates';
import type { IsoDate, Move } from './model';

export interface TimelineDates {
  today: IsoDate;
  /** The relationship request was sent. */
  requested?: IsoDate;
  /** The suggested provisioning day (rules), while nothing is provisioned. */
  suggested?: IsoDate;
  /** The first recorded CSP purchase. */
  purchased?: IsoDate;
  /** The earliest original's end date. */
  endDate?: IsoDate;
  /** The last day users keep access (end date + the program's grace); unknown rule: absent. */
  serviceEnd?: IsoDate;
  /** The new-commerce cancel window of the latest purchase: first and last day. */
  window?: { from: IsoDate; to: IsoDate };
  /** The days the customer pays twice (from the purchase, recorded or planned, to the end date). */
  overlap?: { from: IsoDate; to: IsoDate; days: number; recorded: boolean };
}

function earliest(days: readonly IsoDate[]): IsoDate | undefined {
  return [...days].sort()[0];
}

/** The dates known from the move itself (the rules' dates are added by `withRules`). */
export function timelineDates(move: Move, today: IsoDate): TimelineDates {
  const requested = move.stepDates.requested;
  const endDate = earliest(move.originals.map((o) => o.expiresOn));
  const purchased = earliest(move.provisioned.map((p) => p.provisionedOn));
  const out: TimelineDates = { today };
  if (requested) out.requested = requested;
  if (endDate) out.endDate = endDate;
  if (purchased) out.purchased = purchased;
  if (purchased && endDate) out.overlap = { from: purchased, to: endDate, days: Math.max(0, daysBetween(purchased, endDate)), recorded: true };
  return out;
}

/** Every date on the timeline, for the figure's scale. */
export function timelineSpan(d: TimelineDates): { from: IsoDate; to: IsoDate } {
  const all = [d.today, d.requested, d.suggested, d.purchased, d.endDate, d.serviceEnd, d.window?.from, d.window?.to, d.overlap?.from, d.overlap?.to].filter(
    (x): x is IsoDate => x !== undefined,
  );
  all.sort();
  return { from: all[0]!, to: all.at(-1)! };
}
