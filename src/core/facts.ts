/**
 * A move's decision facts: what its reminders, timeline and iCalendar events are computed from.
 * The dates that depend on the path and the program's end-of-term rules come from rules.ts; this
 * module only gathers them, so a rule is written once.
 */
import type { Move, Program } from './model';
import type { Actor, DecisionFacts, EndingOriginal } from './reminders';
import { reached } from './steps';

/**
 * Who must act when an original ends: a cancellation is the customer's; a direct purchase renews by
 * itself (recurring billing) unless the customer turns it off; anything else ends by itself.
 */
export function endActor(program: Program, endBy: EndingOriginal['endBy']): Actor {
  if (endBy === 'cancel' || program === 'direct') return 'customer';
  return 'nobody';
}

export function decisionFacts(move: Move): DecisionFacts {
  return {
    customerId: move.customerId,
    companyName: move.companyName,
    done: move.step === 'done',
    // Any path's ended phase (originals ended, EA ended, transfer approved).
    originalsEnded: reached(move, 'ended'),
    ...(move.step === 'requested' && move.stepDates.requested ? { requestedOn: move.stepDates.requested } : {}),
    originals: move.originals.map((o) => ({ id: o.id, offer: o.offer, endsOn: o.endBy === 'cancel' && o.cancelOn ? o.cancelOn : o.expiresOn, endBy: o.endBy, actor: endActor(move.program, o.endBy) })),
  };
}
