/**
 * Version 1 → 2. Version 1 (the first draft) stored originals as `{offer, seats, expiry, sku?}`
 * without ids, provisioned lines as `{offer, seats, date}`, history without `on`, and no program,
 * stepDates or licensesReassigned. Version 2 is the model as of 0.1.0.
 *
 * Frozen: this file reads and writes those two versions forever, so it keeps its own copies of
 * the names it needs instead of importing the live model.
 */
import * as v from 'valibot';
import { isIsoDate, isIsoInstant, localDay } from '../dates';
import { toCustomerId } from '../model';
import { defineMigration } from './migration';

const STEPS = ['requested', 'accepted', 'provisioned', 'originals-ended', 'done'] as const;
type Step = (typeof STEPS)[number];
const HISTORY_KINDS = ['created', 'step', 'originals', 'provisioned', 'licenses-reassigned', 'notes', 'details'] as const;
type HistoryKind = (typeof HISTORY_KINDS)[number];

const Text = v.string('not text');
const NonEmptyText = v.pipe(v.string('not text'), v.check((s) => s.trim() !== '', 'empty'));
const Day = v.pipe(v.string('not a calendar date'), v.check((s) => isIsoDate(s), 'not a calendar date'));
const Instant = v.pipe(v.string('not a timestamp'), v.check((s) => isIsoInstant(s), 'not a timestamp (UTC, ISO 8601)'));
const Seats = v.pipe(v.number('not a number'), v.check((n) => Number.isSafeInteger(n), 'not a whole number'), v.minValue(0, 'negative'));
const StepName = v.picklist(STEPS, `not a step (${STEPS.join(', ')})`);

const MoveV1Schema = v.object({
  customerId: v.pipe(v.string('not text'), v.check((s) => toCustomerId(s) !== null, 'not a customer id (a GUID)')),
  companyName: Text,
  domain: v.optional(Text),
  step: StepName,
  originals: v.array(v.object({ offer: NonEmptyText, seats: Seats, expiry: Day, sku: v.optional(Text) }), 'not a list'),
  provisioned: v.optional(
    v.array(v.object({ offer: NonEmptyText, seats: Seats, date: v.union([Day, Instant], 'not a date or timestamp') }), 'not a list'),
  ),
  notes: v.optional(Text),
  history: v.array(v.object({ at: Instant, kind: Text, from: v.optional(StepName), to: v.optional(StepName) }), 'not a list'),
  createdAt: Instant,
  updatedAt: Instant,
});

interface HistoryV2 {
  at: string;
  on: string;
  kind: HistoryKind;
  from?: Step;
  to?: Step;
  note?: string;
}

function isHistoryKind(kind: string): kind is HistoryKind {
  return (HISTORY_KINDS as readonly string[]).includes(kind);
}

/** The day each step was (last) reached, replayed from the history like changeStep would have. */
function stepDatesFrom(history: readonly HistoryV2[], current: Step): Partial<Record<Step, string>> {
  const dates: Partial<Record<Step, string>> = {};
  for (const h of history) {
    if ((h.kind !== 'created' && h.kind !== 'step') || h.to === undefined) continue;
    for (const s of STEPS.slice(STEPS.indexOf(h.to))) delete dates[s];
    dates[h.to] = h.on;
  }
  for (const s of STEPS.slice(STEPS.indexOf(current) + 1)) delete dates[s];
  return dates;
}

export const migration002 = defineMigration({
  to: 2,
  reads: MoveV1Schema,
  up: (old) => {
    // `on` is the partner's local day, as localDay(now) records it in version 2.
    const history: HistoryV2[] = old.history.map((h) => ({
      at: h.at,
      on: localDay(new Date(h.at)),
      ...(isHistoryKind(h.kind) ? { kind: h.kind } : { kind: 'details' as const, note: `v1: ${h.kind}` }),
      ...(h.from === undefined ? {} : { from: h.from }),
      ...(h.to === undefined ? {} : { to: h.to }),
    }));
    return {
      customerId: old.customerId.trim().toLowerCase(),
      companyName: old.companyName.trim(),
      domain: (old.domain ?? '').trim().toLowerCase(),
      // Version 1 did not record the program; 'other' says so rather than guess.
      program: 'other',
      step: old.step,
      stepDates: stepDatesFrom(history, old.step),
      originals: old.originals.map((o, i) => ({
        id: `o${i + 1}`,
        offer: o.offer.trim(),
        ...(o.sku?.trim() ? { skuId: o.sku.trim() } : {}),
        seats: o.seats,
        expiresOn: o.expiry,
        endBy: 'expire',
      })),
      provisioned: (old.provisioned ?? []).map((p, i) => ({
        id: `p${i + 1}`,
        offer: p.offer.trim(),
        seats: p.seats,
        provisionedOn: isIsoDate(p.date) ? p.date : localDay(new Date(p.date)),
      })),
      licensesReassigned: false,
      notes: old.notes ?? '',
      history,
      createdAt: old.createdAt,
      updatedAt: old.updatedAt,
    };
  },
});
