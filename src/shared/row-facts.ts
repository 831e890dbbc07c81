/**
 * What a row of the popup's list states about a move besides the move itself: its next action
 * and its offer match in brief. One function for both sides: the background answers the first
 * screen (and every page of the list) with these, computed with Microsoft's product table, and the
 * popup computes the same for a move it re-slots itself (a live update).
 */
import type { IsoDate, Move } from '../core/model';
import { moveOfferMatch, type MoveOfferMatch } from '../core/offers';
import { nextAction, type NextAction, type UrgencySettings } from '../core/urgency';

export interface RowFacts {
  action: NextAction;
  /** The worst match over the originals ('none' while nothing is provisioned). */
  match: MoveOfferMatch['match'];
  /** Fewer seats provisioned than the originals carried on by them. */
  fewerSeats: boolean;
  /** A provisioned offer differs from an original and licenses are not yet marked reassigned. */
  needsReassignment: boolean;
}

export function rowFacts(move: Move, today: IsoDate, settings: UrgencySettings): RowFacts {
  const match = moveOfferMatch(move);
  return {
    action: nextAction(move, today, settings),
    match: match.match,
    fewerSeats: match.seatShortfalls.length > 0,
    needsReassignment: !move.licensesReassigned && match.needsLicenseReassignment,
  };
}
