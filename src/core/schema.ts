/**
 * The versioned storage schema, its migrations, settings and the backup format.
 *
 * storage.local layout (one key per move, never one blob: a write costs one move, not all of them):
 *   meta             → { schemaVersion }
 *   settings         → Settings
 *   reminders        → { lastCheckedDay?, shownOnLastDay?: subject[], acknowledged: subject[], snoozed: {subject: day} } (reminders.ts)
 *   move:<customerId> → Move
 * Anything else (e.g. `quarantine:*`, UI state) is not this module's business and is left alone.
 *
 * Version history: one file per version in ./migrations (NNN-name.ts migrates to version NNN, and
 * says what changed); how to add one is in docs/migrations.md.
 */
import * as v from 'valibot';
import { isIsoDate, isIsoInstant } from './dates';
import {
  PATH_IDS,
  PROGRAMS,
  STEPS,
  toCustomerId,
  type HistoryKind,
  type Move,
  type Program,
  type Step,
} from './model';
import { LATEST_VERSION, migrate as runMigrations } from './migrations';
import { DEFAULT_LEAD_DAYS, type ReminderState } from './reminders';
import { hasStep } from './paths';
import { DEFAULT_RULE_SETTINGS } from './rules';

/** The version this extension writes: the number of the last migration file. */
export const SCHEMA_VERSION = LATEST_VERSION;
export const META_KEY = 'meta';
export const SETTINGS_KEY = 'settings';
export const REMINDERS_KEY = 'reminders';
export const MOVE_KEY_PREFIX = 'move:';

export function moveKey(customerId: string): string {
  return `${MOVE_KEY_PREFIX}${customerId}`;
}

export const HISTORY_KINDS = [
  'created',
  'step',
  'originals',
  'provisioned',
  'licenses-reassigned',
  'notes',
  'details',
  'path',
  'override',
  'cancellation',
] as const satisfies readonly HistoryKind[];
// Fails to compile when model.ts gains a history kind this list does not have.
const everyKindListed: Exclude<HistoryKind, (typeof HISTORY_KINDS)[number]> extends never ? true : never = true;
void everyKindListed;

// ---------------------------------------------------------------------------------------------
// Building blocks (messages are the second half of "path: message")

const Text = v.string('not text');
const NonEmptyText = v.pipe(v.string('not text'), v.check((s) => s.trim() !== '', 'empty'));
const Day = v.pipe(v.string('not a calendar date'), v.check((s) => isIsoDate(s), 'not a calendar date'));
const Instant = v.pipe(v.string('not a timestamp'), v.check((s) => isIsoInstant(s), 'not a timestamp (UTC, ISO 8601)'));
const Seats = v.pipe(
  v.number('not a number'),
  v.check((n) => Number.isSafeInteger(n), 'not a whole number'),
  v.minValue(0, 'negative'),
);
const StepName = v.picklist(STEPS, `not a step (${STEPS.join(', ')})`);
const PathName = v.picklist(PATH_IDS, `not a path (${PATH_IDS.join(', ')})`);
const ProgramName = v.picklist(PROGRAMS, `not a program (${PROGRAMS.join(', ')})`);
const CustomerId = v.pipe(
  v.string('not text'),
  v.check((s) => toCustomerId(s) === s, 'not a customer id (a lower-case GUID)'),
);
const LocalId = v.pipe(v.string('not text'), v.check((s) => s !== '' && s.trim() === s, 'not an id'));

function uniqueIds(items: ReadonlyArray<{ id: string }>): boolean {
  return new Set(items.map((x) => x.id)).size === items.length;
}

const OriginalSchema = v.strictObject({
  id: LocalId,
  offer: NonEmptyText,
  skuId: v.optional(Text),
  seats: Seats,
  expiresOn: Day,
  endBy: v.picklist(['expire', 'cancel'], 'not expire or cancel'),
  cancelOn: v.optional(Day),
});

const ProvisionedSchema = v.strictObject({
  id: LocalId,
  offer: NonEmptyText,
  skuId: v.optional(Text),
  seats: Seats,
  provisionedOn: Day,
});

const HistoryEntrySchema = v.strictObject({
  at: Instant,
  on: Day,
  kind: v.picklist(HISTORY_KINDS, 'not a kind of history entry'),
  from: v.optional(StepName),
  to: v.optional(StepName),
  skipped: v.optional(v.array(StepName, 'not a list')),
  note: v.optional(Text),
  value: v.optional(v.boolean('not true or false')),
  guard: v.optional(v.picklist(['nothing-provisioned', 'seats-fewer'], 'not a guardrail')),
  seats: v.optional(v.strictObject({ provisioned: Seats, needed: Seats })),
});

const StepDatesSchema = v.strictObject(
  Object.fromEntries(STEPS.map((s) => [s, v.optional(Day)])) as Record<Step, v.OptionalSchema<typeof Day, undefined>>,
);

/** A stored move, strictly: unknown fields are errors (a newer format must bump SCHEMA_VERSION). */
export const MoveSchema = v.pipe(v.strictObject({
  customerId: CustomerId,
  companyName: Text,
  domain: Text,
  program: ProgramName,
  path: PathName,
  step: StepName,
  stepDates: StepDatesSchema,
  originals: v.pipe(v.array(OriginalSchema, 'not a list'), v.check((xs) => uniqueIds(xs), 'two originals share an id')),
  provisioned: v.pipe(v.array(ProvisionedSchema, 'not a list'), v.check((xs) => uniqueIds(xs), 'two provisioned lines share an id')),
  licensesReassigned: v.boolean('not true or false'),
  notes: Text,
  history: v.array(HistoryEntrySchema, 'not a list'),
  createdAt: Instant,
  updatedAt: Instant,
}), v.forward(v.check((m) => hasStep(m.path, m.step), 'not a step of the move\'s path'), ['step']));

// ---------------------------------------------------------------------------------------------
// Issues as "path: message"

type AnyIssue = v.BaseIssue<unknown>;

function pathOf(issue: AnyIssue): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = String(item.key);
    out += item.type === 'array' ? `[${key}]` : out === '' ? key : `.${key}`;
  }
  return out;
}

function messageOf(issue: AnyIssue): string {
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'never') return 'unexpected field';
    if (issue.received === 'undefined' && issue.path?.length) return 'missing';
    return 'not an object';
  }
  return issue.message;
}

/** `originals[2].expiresOn: not a calendar date`; a whole-value issue has no path. */
export function formatIssues(issues: readonly AnyIssue[], prefix = ''): string[] {
  return issues.map((issue) => {
    const path = pathOf(issue);
    const where = prefix && path ? `${prefix}.${path}` : prefix || path;
    return where ? `${where}: ${messageOf(issue)}` : messageOf(issue);
  });
}

export type ParseMoveResult = { ok: true; move: Move } | { ok: false; issues: string[] };

/** valibot's object schemas take an array for an object (with every field missing). */
function notAnObject(prefix: string): string[] {
  return [prefix ? `${prefix}: not an object` : 'not an object'];
}

function checkMove(raw: unknown, prefix: string): ParseMoveResult {
  if (Array.isArray(raw)) return { ok: false, issues: notAnObject(prefix) };
  const r = v.safeParse(MoveSchema, raw);
  if (!r.success) return { ok: false, issues: formatIssues(r.issues, prefix) };
  const move: Move = r.output;
  return { ok: true, move };
}

/** A stored move, validated; each issue reads `path: problem`. */
export function parseMove(raw: unknown): ParseMoveResult {
  return checkMove(raw, '');
}

// ---------------------------------------------------------------------------------------------
// Migrations (one file per version in ./migrations, run as a chain)

export type MigrateResult = { ok: true; move: Move } | { ok: false; error: string; issues: string[] };

function failed(issues: string[]): MigrateResult {
  return { ok: false, error: issues.join('; '), issues };
}

function migrate(raw: unknown, fromVersion: number, prefix: string): MigrateResult {
  if (fromVersion !== SCHEMA_VERSION && Array.isArray(raw)) return failed(notAnObject(prefix));
  const chain = runMigrations(raw, fromVersion);
  if (!chain.ok) return failed('unknownVersion' in chain ? [`cannot read schema version ${chain.unknownVersion}`] : formatIssues(chain.issues, prefix));
  const r = checkMove(chain.value, prefix);
  return r.ok ? r : failed(r.issues);
}

/** Reads a move stored under schema `fromVersion` (1 up to SCHEMA_VERSION) as a current move. */
export function migrateMove(raw: unknown, fromVersion: number): MigrateResult {
  return migrate(raw, fromVersion, '');
}

// ---------------------------------------------------------------------------------------------
// Settings

export interface Settings {
  /** Days before an expiry to remind (integers 0–365, no repeats, largest first); the day itself always. */
  leadDays: number[];
  notificationsOn: boolean;
  /** Program preset for newly tracked customers. */
  defaultProgram: Program;
  /** Days without acceptance before suggesting a nudge. */
  nudgeAfterDays: number;
  /**
   * The partner's reseller-relationship link (the same for every customer), pasted into the message
   * to the customer; learnt from the request panel or pasted in the settings. '' when not known.
   */
  invitationLink: string;
  /** Days allowed for a customer to accept the relationship request (when to send it). */
  acceptanceDays: number;
  /** Days before an Enterprise Agreement's end date to provision (its licences stop on that day). */
  eaLeadDays: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  leadDays: [...DEFAULT_LEAD_DAYS],
  notificationsOn: true,
  defaultProgram: 'unknown',
  nudgeAfterDays: 14,
  invitationLink: '',
  acceptanceDays: DEFAULT_RULE_SETTINGS.acceptanceDays,
  eaLeadDays: DEFAULT_RULE_SETTINGS.eaLeadDays,
});

/** A reseller-relationship link: https, naming the invitation type (any of the published forms). */
export function isInvitationLink(value: string): boolean {
  if (value === '') return true;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' && /invtype=(indirect)?resellerrelationship|type=resellerrelationship/i.test(u.search + u.hash);
  } catch {
    return false;
  }
}

const WholeDays = (max: number, min = 0) =>
  v.pipe(
    v.number('not a number'),
    v.check((n) => Number.isSafeInteger(n), 'not a whole number'),
    v.minValue(min, `below ${min}`),
    v.maxValue(max, `above ${max}`),
  );

// Unknown fields are dropped, not errors: settings outlive the fields they once had.
const SettingsSchema = v.object({
  leadDays: v.optional(
    v.pipe(
      v.array(WholeDays(365), 'not a list'),
      v.transform((days) => [...new Set(days)].sort((a, b) => b - a)),
    ),
    () => [...DEFAULT_SETTINGS.leadDays],
  ),
  notificationsOn: v.optional(v.boolean('not true or false'), DEFAULT_SETTINGS.notificationsOn),
  defaultProgram: v.optional(ProgramName, DEFAULT_SETTINGS.defaultProgram),
  nudgeAfterDays: v.optional(WholeDays(365, 1), DEFAULT_SETTINGS.nudgeAfterDays),
  invitationLink: v.optional(
    v.pipe(v.string('not text'), v.trim(), v.maxLength(2000, 'longer than 2000 characters'), v.check(isInvitationLink, 'not a reseller-relationship link (https://…invType=ResellerRelationship…)')),
    DEFAULT_SETTINGS.invitationLink,
  ),
  acceptanceDays: v.optional(WholeDays(180), DEFAULT_SETTINGS.acceptanceDays),
  eaLeadDays: v.optional(WholeDays(90), DEFAULT_SETTINGS.eaLeadDays),
});

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; issues: string[] };

function checkSettings(raw: unknown, prefix: string): SettingsResult {
  if (Array.isArray(raw)) return { ok: false, issues: notAnObject(prefix) };
  const r = v.safeParse(SettingsSchema, raw === undefined ? {} : raw);
  return r.success ? { ok: true, settings: r.output } : { ok: false, issues: formatIssues(r.issues, prefix) };
}

/** Settings with defaults for missing fields (a missing value means all defaults). */
export function safeParseSettings(raw: unknown): SettingsResult {
  return checkSettings(raw, '');
}

/** Thrown by parseSettings: `issues` name each bad field. */
export class SchemaError extends RangeError {
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
    this.name = 'SchemaError';
  }
}

/** Like safeParseSettings, but throws a SchemaError (a RangeError) for a wrongly typed field. */
export function parseSettings(raw: unknown): Settings {
  const r = safeParseSettings(raw);
  if (!r.ok) throw new SchemaError(r.issues);
  return r.settings;
}

// ---------------------------------------------------------------------------------------------
// Reminder state

export type { ReminderState };

/** Unknown fields are dropped; `snoozed` (added without a version bump: it is optional) defaults to none. */
const ReminderStateSchema = v.object({
  lastCheckedDay: v.optional(Day),
  acknowledged: v.optional(v.array(Text, 'not a list'), () => []),
  snoozed: v.optional(v.record(v.string(), Day, 'not a map of days'), () => ({})),
  shownOnLastDay: v.optional(v.array(Text, 'not a list')),
});

function readReminders(raw: unknown): { ok: true; state: ReminderState } | { ok: false; reason: string } {
  if (raw === undefined) return { ok: true, state: { acknowledged: [], snoozed: {} } };
  if (Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const r = v.safeParse(ReminderStateSchema, raw);
  return r.success ? { ok: true, state: r.output } : { ok: false, reason: formatIssues(r.issues).join('; ') };
}

// ---------------------------------------------------------------------------------------------
// Backup

export const BACKUP_FORMAT = 'csp-move-assistant-backup';

export interface Backup {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  settings: Settings;
  moves: Move[];
}

export type ParseBackupResult =
  | { ok: true; moves: Move[]; settings: Settings; migratedFrom?: number }
  | { ok: false; errors: string[] };

export function makeBackup(moves: readonly Move[], settings: Settings, now: Date): Backup {
  return { format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: now.toISOString(), settings, moves: [...moves] };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isVersion(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 1;
}

/**
 * Reads a backup file, all or nothing: every problem is listed (with the move's index and the
 * field's path), and a backup from a newer extension is refused rather than half-read.
 */
export function parseBackup(text: string): ParseBackupResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['Not a readable backup: the file is not valid JSON (damaged or cut short?).'] };
  }
  if (!isRecord(data) || data.format !== BACKUP_FORMAT) {
    return { ok: false, errors: [`Not a CSP Move Assistant backup (its "format" is not "${BACKUP_FORMAT}").`] };
  }
  const version = data.schemaVersion;
  if (!isVersion(version)) return { ok: false, errors: ['schemaVersion: not a version number'] };
  if (version > SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [
        `This backup was made by a newer version of the extension (schema ${version}; this version reads up to ${SCHEMA_VERSION}). Update the extension, then restore it.`,
      ],
    };
  }
  const errors: string[] = [];
  const settings = checkSettings(data.settings, 'settings');
  if (!settings.ok) errors.push(...settings.issues);
  const moves: Move[] = [];
  if (!Array.isArray(data.moves)) {
    errors.push('moves: not a list');
  } else {
    const seen = new Map<string, number>();
    data.moves.forEach((raw: unknown, i) => {
      const r = migrate(raw, version, `moves[${i}]`);
      if (!r.ok) {
        errors.push(...r.issues);
        return;
      }
      const first = seen.get(r.move.customerId);
      if (first !== undefined) errors.push(`moves[${i}].customerId: the same customer as moves[${first}]`);
      else seen.set(r.move.customerId, i);
      moves.push(r.move);
    });
  }
  if (!settings.ok || errors.length > 0) return { ok: false, errors };
  return { ok: true, moves, settings: settings.settings, ...(version < SCHEMA_VERSION ? { migratedFrom: version } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Reading the whole of storage.local

export interface StoredState {
  /** The version the stored data was written with (inferred when meta is missing). */
  schemaVersion: number;
  settings: Settings;
  reminders: ReminderState;
  moves: Move[];
  /** Entries that cannot be read: keep them aside (`quarantine:<key>`), never drop them silently. */
  corrupt: Array<{ key: string; reason: string }>;
  /** Some moves were migrated: write every move back, then `meta`. */
  migrated: boolean;
  /** Keys whose move now lives under its canonical key (an upper-case id in version 1): remove them. */
  staleKeys: string[];
  /** Set when the data is newer than this extension: read what parses, write nothing. */
  futureVersion?: number;
}

function readVersion(all: Record<string, unknown>, hasMoves: boolean, corrupt: StoredState['corrupt']): number {
  const meta = all[META_KEY];
  if (isRecord(meta) && isVersion(meta.schemaVersion)) return meta.schemaVersion;
  if (meta !== undefined) corrupt.push({ key: META_KEY, reason: 'not {schemaVersion: a version number}' });
  // No (readable) meta: a fresh install, or the first draft, which did not write one.
  return hasMoves ? 1 : SCHEMA_VERSION;
}

/**
 * Sorts the whole storage.local object into settings, reminder state, moves (migrated when stored
 * under an older schema) and entries that cannot be read. Moves already in the current format are
 * taken as they are whatever meta says: a migration interrupted half-way leaves both kinds.
 */
export function classifyStoredEntries(all: Record<string, unknown>): StoredState {
  const corrupt: StoredState['corrupt'] = [];
  const moveKeys = Object.keys(all)
    .filter((k) => k.startsWith(MOVE_KEY_PREFIX))
    .sort();
  const version = readVersion(all, moveKeys.length > 0, corrupt);
  const future = version > SCHEMA_VERSION;

  // Newer data is flagged nowhere: the list is dropped below, so nothing is moved aside.
  const settings = safeParseSettings(all[SETTINGS_KEY]);
  if (!settings.ok) corrupt.push({ key: SETTINGS_KEY, reason: settings.issues.join('; ') });

  const reminders = readReminders(all[REMINDERS_KEY]);
  if (!reminders.ok) corrupt.push({ key: REMINDERS_KEY, reason: reminders.reason });

  const moves: Move[] = [];
  const seen = new Set<string>();
  const staleKeys: string[] = [];
  let migrated = false;
  for (const key of moveKeys) {
    const current = parseMove(all[key]);
    let result: MigrateResult = current.ok ? current : failed(current.issues);
    if (!current.ok && version < SCHEMA_VERSION) {
      result = migrateMove(all[key], version);
      migrated ||= result.ok;
    }
    if (!result.ok) {
      corrupt.push({ key, reason: result.error });
    } else if (toCustomerId(key.slice(MOVE_KEY_PREFIX.length)) !== result.move.customerId) {
      corrupt.push({ key, reason: `holds customer ${result.move.customerId}, not ${key.slice(MOVE_KEY_PREFIX.length)}` });
    } else if (seen.has(result.move.customerId)) {
      corrupt.push({ key, reason: `a second copy of ${moveKey(result.move.customerId)}` });
    } else {
      if (key !== moveKey(result.move.customerId)) staleKeys.push(key);
      moves.push(result.move);
      seen.add(result.move.customerId);
    }
  }

  return {
    schemaVersion: version,
    settings: settings.ok ? settings.settings : { ...DEFAULT_SETTINGS, leadDays: [...DEFAULT_SETTINGS.leadDays] },
    reminders: reminders.ok ? reminders.state : { acknowledged: [], snoozed: {} },
    moves,
    corrupt: future ? [] : corrupt,
    migrated: future ? false : migrated || staleKeys.length > 0,
    staleKeys: future ? [] : staleKeys,
    ...(future ? { futureVersion: version } : {}),
  };
}
