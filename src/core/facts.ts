/**
 * A move's decision facts: what its reminders, timeline and iCalendar events are computed from.
 * The dates that depend on the path and the program's end-of-term rules come from rules.ts; this
 * module only gathers them, so a rule is written once.
 */
import type { IsoDate, Move, Program } from './model';
import { moveOfferMatch } from './offers';
import { pathDef } from './paths';
import type { Actor, DecisionFacts, EndingOriginal } from './reminders';
import { cancelWindowEnd, DEFAULT_RULE_SETTINGS, moveTermDates, type RuleSettings } from './rules';
import { reached } from './steps';

/**
 * Who must act when an original ends: a cancellation is the customer's; a direct purchase renews by
 * itself (recurring billing) unless the customer turns it off; with no program recorded, nobody can
 * say; anything else ends by itself.
 */
export function endActor(program: Program, endBy: EndingOriginal['endBy']): Actor {
  if (endBy === 'cancel' || program === 'direct') return 'customer';
  if (program === 'unknown') return 'unknown';
  return 'nobody';
}

/**
 * The new-commerce window's last day, when a reminder the day before is worth it: what was bought
 * (the latest purchase) does not carry the originals on as they were — another offer, one the
 * catalogue cannot tell, or fewer seats — so cancelling or reducing it may still be wanted.
 */
function windowWorthReminding(move: Move): IsoDate | undefined {
  const last = move.provisioned.map((p) => p.provisionedOn).sort().at(-1);
  if (last === undefined || !pathDef(move.path).purchases) return undefined;
  const m = moveOfferMatch(move);
  const asBefore = (m.match === 'same' || m.match === 'renamed') && m.seatShortfalls.length === 0;
  return asBefore ? undefined : cancelWindowEnd(last);
}

/**
 * The provisioning dates to remind of (#13's suggested day and provision-by deadline), while
 * nothing is provisioned on a path that buys: a partner transfer buys nothing, and a provisioned
 * phase (recorded lines, EA creation scheduled, originals ended) or a done move has nothing to provision.
 */
function provisionDates(move: Move, rules: RuleSettings): DecisionFacts['provision'] {
  if (move.step === 'done' || !pathDef(move.path).purchases) return undefined;
  if (move.provisioned.length > 0 || reached(move, 'provisioned')) return undefined;
  const dates = moveTermDates(move, rules);
  return dates === undefined ? undefined : { suggestedDay: dates.suggestedDay, provisionBy: dates.provisionBy };
}

/** `rules`: the partner's rule settings (EA lead days); the defaults when the caller has none. */
export function decisionFacts(move: Move, rules: RuleSettings = DEFAULT_RULE_SETTINGS): DecisionFacts {
  const windowCloses = windowWorthReminding(move);
  const provision = provisionDates(move, rules);
  return {
    customerId: move.customerId,
    companyName: move.companyName,
    done: move.step === 'done',
    // Any path's ended phase (originals ended, EA ended, transfer approved).
    originalsEnded: reached(move, 'ended'),
    ...(move.step === 'requested' && move.stepDates.requested ? { requestedOn: move.stepDates.requested } : {}),
    ...(provision === undefined ? {} : { provision }),
    ...(windowCloses === undefined ? {} : { windowCloses }),
    originals: move.originals.map((o) => ({ id: o.id, offer: o.offer, endsOn: o.endBy === 'cancel' && o.cancelOn ? o.cancelOn : o.expiresOn, endBy: o.endBy, actor: endActor(move.program, o.endBy) })),
  };
}
