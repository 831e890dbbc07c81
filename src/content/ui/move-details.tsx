/**
 * A tracked move's facts, timeline, reminders and messages in the overlay (MoveFactsView,
 * MoveExtras) with their styles: a chunk of its own, loaded when a move is shown (`LazyMoveDetails`),
 * so a page without one (the customers list, an untracked customer) never loads it.
 */
import type { MoveFacts } from '../../core/move-facts';
import type { Program } from '../../core/model';
import { MoveExtras } from '../../shared/MoveExtras';
import { MOVE_EXTRAS_CSS } from '../../shared/move-extras-css';
import { MoveFactsView } from '../../shared/MoveFactsView';
import { send } from '../connection';

export interface MoveDetailsProps {
  facts?: MoveFacts;
  program: Program;
  customerId: string;
  /** The move's `updatedAt`: the extras are asked again when it changes. */
  version: string;
}

export function MoveDetails({ facts, program, customerId, version }: MoveDetailsProps) {
  return (
    <>
      <style>{MOVE_EXTRAS_CSS}</style>
      {facts && <MoveFactsView facts={facts} program={program} />}
      <MoveExtras customerId={customerId} send={send} version={version} />
    </>
  );
}
