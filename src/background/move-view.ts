/**
 * What the overlay shows about a move, computed here so the content script carries none of the
 * domain rules (urgency, next action, paths, end-of-term rules): the page receives results.
 * Recomputed for every `moves/get`, so it always matches the move it came with (`updatedAt`).
 */
import type { IsoDate, Move, Step } from '../core/model';
import { moveFacts, type MoveFacts } from '../core/move-facts';
import type { Settings } from '../core/schema';
import { nextStep, previousStep } from '../core/steps';
import { earliestExpiry, nextAction, ruleSettings, type NextAction } from '../core/urgency';

export interface MoveView {
  /** The move's `updatedAt` this view was computed for. */
  updatedAt: string;
  action: NextAction;
  facts: MoveFacts;
  /** The earliest original's end date while the originals run. */
  earliest?: IsoDate;
  /** The step "Mark done" leads to, and the one "Undo" goes back to, on the move's path. */
  next?: Step;
  prev?: Step;
}

export function moveView(move: Move, today: IsoDate, settings: Settings): MoveView {
  const earliest = earliestExpiry(move);
  const next = nextStep(move.path, move.step);
  const prev = previousStep(move.path, move.step);
  return {
    updatedAt: move.updatedAt,
    action: nextAction(move, today, settings),
    facts: moveFacts(move, today, ruleSettings(settings)),
    ...(earliest ? { earliest } : {}),
    ...(next ? { next } : {}),
    ...(prev ? { prev } : {}),
  };
}
