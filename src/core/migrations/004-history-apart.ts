/**
 * Version 3 → 4: a move's shape does not change. What changes is where the store keeps its history:
 * under `history:<customerId>`, apart from the move's own entry, which keeps only the history its
 * facts state (core/schema.ts `splitMove`; background/store.ts splits a version-3 move when it first
 * reads it). The version goes up so that an older extension, which would take an entry for the whole
 * move, reads version 4 data read-only instead of writing it back without its history.
 *
 * Frozen: version 3's move is checked whole by the live MoveSchema after the chain (unchanged since);
 * this step only refuses what is not a move at all.
 */
import * as v from 'valibot';
import { defineMigration } from './migration';

const MoveV3Shape = v.looseObject({ history: v.array(v.unknown(), 'not a list') }, 'not an object');

export const migration004 = defineMigration({
  to: 4,
  reads: MoveV3Shape,
  up: (old) => old,
});
