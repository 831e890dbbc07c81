/**
 * Version 2 → 3: moves gain a path. Every stored move keeps its step (all version-2 steps are steps
 * of the manual path) and follows `manual`, the only path version 2 knew. Nothing else changes
 * shape: what version 3 adds (`cancelOn` on originals, the `planned` step and the other paths'
 * steps, history kinds path / override / cancellation with `guard` and `seats`) is optional.
 *
 * Frozen: this file reads version 2 forever, so it keeps its own copy of version 2's schema
 * instead of importing the live MoveSchema.
 */
import * as v from 'valibot';
import { isIsoDate, isIsoInstant } from '../dates';
import { toCustomerId } from '../model';
import { defineMigration } from './migration';

const STEPS = ['requested', 'accepted', 'provisioned', 'originals-ended', 'done'] as const;
const PROGRAMS = ['open', 'ea', 'direct', 'other-partner', 'other'] as const;
const HISTORY_KINDS = ['created', 'step', 'originals', 'provisioned', 'licenses-reassigned', 'notes', 'details'] as const;

const Text = v.string('not text');
const NonEmptyText = v.pipe(v.string('not text'), v.check((s) => s.trim() !== '', 'empty'));
const Day = v.pipe(v.string('not a calendar date'), v.check((s) => isIsoDate(s), 'not a calendar date'));
const Instant = v.pipe(v.string('not a timestamp'), v.check((s) => isIsoInstant(s), 'not a timestamp (UTC, ISO 8601)'));
const Seats = v.pipe(v.number('not a number'), v.check((n) => Number.isSafeInteger(n), 'not a whole number'), v.minValue(0, 'negative'));
const StepName = v.picklist(STEPS, `not a step (${STEPS.join(', ')})`);
const LocalId = v.pipe(v.string('not text'), v.check((s) => s !== '' && s.trim() === s, 'not an id'));

/** A move as version 2 stored it (the live MoveSchema checks ids' uniqueness after the migration). */
const MoveV2Schema = v.strictObject({
  customerId: v.pipe(v.string('not text'), v.check((s) => toCustomerId(s) === s, 'not a customer id (a lower-case GUID)')),
  companyName: Text,
  domain: Text,
  program: v.picklist(PROGRAMS, `not a program (${PROGRAMS.join(', ')})`),
  step: StepName,
  stepDates: v.strictObject({
    requested: v.optional(Day),
    accepted: v.optional(Day),
    provisioned: v.optional(Day),
    'originals-ended': v.optional(Day),
    done: v.optional(Day),
  }),
  originals: v.array(
    v.strictObject({ id: LocalId, offer: NonEmptyText, skuId: v.optional(Text), seats: Seats, expiresOn: Day, endBy: v.picklist(['expire', 'cancel'], 'not expire or cancel') }),
    'not a list',
  ),
  provisioned: v.array(v.strictObject({ id: LocalId, offer: NonEmptyText, skuId: v.optional(Text), seats: Seats, provisionedOn: Day }), 'not a list'),
  licensesReassigned: v.boolean('not true or false'),
  notes: Text,
  history: v.array(
    v.strictObject({
      at: Instant,
      on: Day,
      kind: v.picklist(HISTORY_KINDS, 'not a kind of history entry'),
      from: v.optional(StepName),
      to: v.optional(StepName),
      skipped: v.optional(v.array(StepName, 'not a list')),
      note: v.optional(Text),
      value: v.optional(v.boolean('not true or false')),
    }),
    'not a list',
  ),
  createdAt: Instant,
  updatedAt: Instant,
});

export const migration003 = defineMigration({
  to: 3,
  reads: MoveV2Schema,
  // Spread first, then the path: a version-2 move never had one (the strict schema refuses it).
  up: (old) => ({ ...old, path: 'manual' }),
});
