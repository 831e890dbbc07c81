/**
 * What the overlay and the popup state about a move beyond its next action: its path and steps,
 * the dates its program's end-of-term rule gives (provision by, suggested day, service end), the
 * paid overlap, the new-commerce cancellation window and the guardrails passed. Pure, so every side
 * (and the background, which may compute it for the page) says the same thing; what the data does
 * not support is left undefined and the UI says it is unknown.
 */
import type { HistoryEntry, IsoDate, Move, PathId, Step } from './model';
import { pathDef, stepDef, type PathAdvice } from './paths';
import { endRule, type EndRule, moveTermDates, openCancelWindow, overlap, type Overlap, type RuleSettings, type TermDates } from './rules';
import { stepIndex } from './steps';

export type StepState = 'done' | 'current' | 'todo';

export interface MoveFacts {
  path: PathId;
  /** The path's steps before `done`, with where the move stands and the day each was reached. */
  steps: Array<{ id: Step; state: StepState; on?: IsoDate }>;
  /** What to do at the current step on this path (a message name). */
  advice: PathAdvice;
  /** The end-of-term dates of the earliest original; undefined without originals (unknown). */
  dates?: TermDates;
  /** Message name of the rule's source. */
  ruleSource: EndRule['source'];
  overlap?: Overlap;
  /** A purchase can still be cancelled or reduced until this day (new commerce, 7 days). */
  cancelUntil?: IsoDate;
  /** Guardrails the partner passed (closing with too few seats, or nothing). */
  overrides: HistoryEntry[];
  /** Originals marked ended before their end date, as a cancellation on `note`'s day. */
  cancellations: HistoryEntry[];
  /** Before acceptance: the partner must be in the customer's country or region. */
  sameRegionNote: boolean;
}

export function moveFacts(move: Move, today: IsoDate, settings: RuleSettings): MoveFacts {
  const def = pathDef(move.path);
  const current = stepIndex(move.path, move.step);
  const steps = def.steps
    .filter((s) => s.phase !== 'done')
    .map((s, i) => {
      const state: StepState = move.step === 'done' || i < current ? 'done' : i === current ? 'current' : 'todo';
      const on = move.stepDates[s.id];
      return { id: s.id, state, ...(on === undefined ? {} : { on }) };
    });
  const phase = stepDef(move.path, move.step).phase;
  const dates = moveTermDates(move, settings);
  const paid = def.purchases ? overlap(move, settings) : undefined;
  const window = openCancelWindow(move, today);
  return {
    path: move.path,
    steps,
    advice: stepDef(move.path, move.step).advice as PathAdvice,
    ...(dates === undefined ? {} : { dates }),
    ruleSource: endRule(move.program).source,
    ...(paid === undefined ? {} : { overlap: paid }),
    ...(window === undefined ? {} : { cancelUntil: window.until }),
    overrides: move.history.filter((h) => h.kind === 'override'),
    cancellations: move.history.filter((h) => h.kind === 'cancellation'),
    sameRegionNote: phase === 'planned' || phase === 'requested',
  };
}
