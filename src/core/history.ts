/**
 * A move's history, bounded: storage is per move and `storage.local` has a quota, so a move edited
 * every day for years must not grow without end. What the partner and the tracker rely on stays:
 * the creation, every dated step change, path change, override and cancellation (the most recent
 * `HISTORY.kept` of them). Edits (originals, provisioned lines, notes, details, the licences flag)
 * are compacted: a second edit of the same kind on the same day replaces the first, and only the
 * most recent `HISTORY.edits` edits are kept.
 */
import type { HistoryEntry, HistoryKind } from './model';

export const HISTORY = {
  /** Dated step changes, path changes, overrides and cancellations kept (besides the creation). */
  kept: 100,
  /** Edit entries kept. */
  edits: 20,
} as const;

const EDITS: ReadonlySet<HistoryKind> = new Set(['originals', 'provisioned', 'licenses-reassigned', 'notes', 'details']);

export function isEdit(entry: HistoryEntry): boolean {
  return EDITS.has(entry.kind);
}

/** `history` plus `entry`, compacted (see above). Entries keep their order. */
export function appendHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  let list = [...history];
  if (isEdit(entry)) {
    const last = list.findLastIndex((h) => h.kind === entry.kind);
    // Saving the same part again the same day: one entry, the latest (its value, for the licences flag).
    if (last >= 0 && list[last]!.on === entry.on) list.splice(last, 1);
  }
  list.push(entry);
  const edits = list.filter(isEdit).length;
  const kept = list.filter((h) => !isEdit(h) && h.kind !== 'created').length;
  let dropEdits = Math.max(0, edits - HISTORY.edits);
  let dropKept = Math.max(0, kept - HISTORY.kept);
  if (dropEdits === 0 && dropKept === 0) return list;
  // The oldest go first; the creation always stays.
  list = list.filter((h) => {
    if (h.kind === 'created') return true;
    if (isEdit(h)) return dropEdits-- <= 0;
    return dropKept-- <= 0;
  });
  return list;
}
