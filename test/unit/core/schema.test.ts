import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../../src/core/dates';
import { type Move } from '../../../src/core/model';
import { pathSteps } from '../../../src/core/paths';
import { v2Move } from '../../fixtures/migrations/v2';
import {
  BACKUP_FORMAT,
  DEFAULT_SETTINGS,
  HISTORY_KINDS,
  SCHEMA_VERSION,
  SchemaError,
  classifyStoredEntries,
  formatIssues,
  makeBackup,
  moveKey,
  parseBackup,
  parseMove,
  parseSettings,
  safeParseSettings,
} from '../../../src/core/schema';
import { v1Move } from '../../fixtures/migrations/v1';
import { changePath, changeStep, createMove, recordOriginals, recordProvisioned, setLicensesReassigned, setNotes, updateDetails } from '../../../src/core/steps';

const A = '6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6';
const B = '0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9';
const T0 = new Date('2026-03-02T09:00:00.000Z');
const T1 = new Date('2026-03-05T10:30:00.000Z');

function sample(customerId = A): Move {
  let m = createMove(
    {
      customerId,
      companyName: 'Contoso',
      domain: 'contoso.com',
      program: 'ea',
      originals: [
        { offer: 'Office 365 E3', seats: 10, expiresOn: '2026-09-30', endBy: 'expire' },
        { offer: 'Exchange Online (Plan 1)', skuId: 'EXCHANGESTANDARD', seats: 4, expiresOn: '2026-06-30', endBy: 'cancel' },
      ],
      notes: 'first',
    },
    T0,
  );
  const r = changeStep(m, 'provisioned', { now: T1, confirmSkip: true, note: 'fast' });
  if (!r.ok) throw new Error(r.error);
  m = recordProvisioned(r.move, [{ offer: 'Microsoft 365 E3', seats: 10, provisionedOn: '2026-03-05' }], T1);
  return setLicensesReassigned(m, true, T1);
}

/** A copy with one path changed (or removed, for `undefined`). */
function patch(move: unknown, path: Array<string | number>, value: unknown): unknown {
  const copy = structuredClone(move) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

function issuesOf(raw: unknown): string[] {
  const r = parseMove(raw);
  return r.ok ? [] : r.issues;
}

describe('keys and history kinds', () => {
  // Storage written by every earlier release, spelled out: a changed key would lose the partner's moves.
  it('reads moves stored under move:<customer id>, as every release wrote them', () => {
    const r = classifyStoredEntries({
      meta: { schemaVersion: 1 },
      'move:6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6': v1Move(A),
      'moves:0a1b2c3d-4e5f-4061-8273-94a5b6c7d8e9': v1Move(B),
    });
    expect(r.moves.map((m) => m.customerId)).toEqual([A]);
    expect(r.corrupt).toEqual([]);
    expect(r.staleKeys).toEqual([]);
    expect(moveKey(A)).toBe('move:6f1c1a2e-1b2c-4d3e-8f90-a1b2c3d4e5f6');
  });

  it('keys each customer apart, and refuses a move kept under another customer\'s key', () => {
    expect(moveKey(A)).not.toBe(moveKey(B));
    const r = classifyStoredEntries({ [moveKey(B)]: sample(A) });
    expect(r.moves).toEqual([]);
    expect(r.corrupt).toEqual([{ key: moveKey(B), reason: `holds customer ${A}, not ${B}` }]);
  });

  it('reads data written at the current version as it is, and refuses to rewrite data from a newer one', () => {
    const now = classifyStoredEntries({ meta: { schemaVersion: SCHEMA_VERSION }, [moveKey(A)]: sample(A) });
    expect(now).toMatchObject({ schemaVersion: SCHEMA_VERSION, moves: [sample(A)], migrated: false, corrupt: [] });
    expect(now.futureVersion).toBeUndefined();
    const newer = classifyStoredEntries({ meta: { schemaVersion: SCHEMA_VERSION + 1 }, [moveKey(A)]: sample(A) });
    expect(newer.futureVersion).toBe(SCHEMA_VERSION + 1);
  });

  it('accepts a history entry of every kind the step machine writes, and lists no kind it never writes', () => {
    let m = sample();
    m = setNotes(m, 'called the customer', T1);
    m = updateDetails(m, { companyName: 'Contoso Ltd' }, T1);
    m = recordOriginals(m, m.originals.slice(1), T1);
    // Originals marked ended before their end date (a cancellation), closed with nothing provisioned
    // (an override), then another path.
    const ended = changeStep(m, 'originals-ended', { now: T1, cancelledOn: localDay(T1) });
    if (!ended.ok) throw new Error(ended.error);
    const closed = changeStep(recordProvisioned(ended.move, [], T1), 'done', { now: T1, override: true });
    if (!closed.ok) throw new Error(closed.error);
    m = changePath(closed.move, 'ea-channel-transfer', T1);
    const kinds = new Set(m.history.map((h) => h.kind));
    expect(parseMove(JSON.parse(JSON.stringify(m)))).toEqual({ ok: true, move: m });
    expect([...kinds].sort()).toEqual([...HISTORY_KINDS].sort());
  });
});

describe('parseMove', () => {
  it('accepts what the step machine makes', () => {
    const m = sample();
    expect(parseMove(m)).toEqual({ ok: true, move: m });
    expect(parseMove(JSON.parse(JSON.stringify(m)))).toEqual({ ok: true, move: m });
  });

  it('accepts every move a random series of operations makes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...pathSteps('manual')), fc.boolean(), fc.string({ maxLength: 6 })), { maxLength: 10 }), (ops) => {
        let m = sample();
        let t = T1.getTime();
        for (const [to, confirmSkip, note] of ops) {
          t += 86_400_000;
          // Guardrails passed on purpose half the time: overrides and cancellations are stored too.
          const r = changeStep(m, to, { now: new Date(t), confirmSkip, note, override: confirmSkip, ...(confirmSkip ? { cancelledOn: localDay(new Date(t)) } : {}) });
          if (r.ok) m = r.move;
          m = setNotes(m, note, new Date(t));
          m = recordOriginals(m, m.originals.slice(0, note.length % 3), new Date(t));
        }
        expect(parseMove(JSON.parse(JSON.stringify(m)))).toEqual({ ok: true, move: m });
      }),
    );
  });

  it.each([
    [['customerId'], A.toUpperCase(), 'customerId: not a customer id (a lower-case GUID)'],
    [['customerId'], 'contoso', 'customerId: not a customer id (a lower-case GUID)'],
    [['companyName'], 42, 'companyName: not text'],
    [['program'], 'csp', 'program: not a program (open, ea, direct, other-partner, other, unknown)'],
    [['step'], 'shipped', 'step: not a step (planned, requested, accepted, provisioned, originals-ended, csp-scheduled, ea-ended, transfer-requested, transfer-approved, done)'],
    [['stepDates', 'accepted'], '2026-02-30', 'stepDates.accepted: not a calendar date'],
    [['stepDates', 'shipped'], '2026-03-01', 'stepDates.shipped: unexpected field'],
    [['originals', 1, 'expiresOn'], '2026-02-30', 'originals[1].expiresOn: not a calendar date'],
    [['originals', 1, 'expiresOn'], 20260630, 'originals[1].expiresOn: not a calendar date'],
    [['originals', 0, 'seats'], -1, 'originals[0].seats: negative'],
    [['originals', 0, 'seats'], 1.5, 'originals[0].seats: not a whole number'],
    [['originals', 0, 'seats'], '10', 'originals[0].seats: not a number'],
    [['originals', 0, 'offer'], '  ', 'originals[0].offer: empty'],
    [['originals', 0, 'endBy'], 'refund', 'originals[0].endBy: not expire or cancel'],
    [['originals', 0, 'id'], '', 'originals[0].id: not an id'],
    [['originals', 0, 'id'], ' o1', 'originals[0].id: not an id'],
    [['originals', 1, 'id'], 'o1', 'originals: two originals share an id'],
    [['provisioned', 1], { id: 'p1', offer: 'Office 365 E3', seats: 1, provisionedOn: '2026-03-05' }, 'provisioned: two provisioned lines share an id'],
    [['originals', 0, 'skuId'], 7, 'originals[0].skuId: not text'],
    [['originals', 0, 'extra'], true, 'originals[0].extra: unexpected field'],
    [['originals', 0], 'Office 365 E3', 'originals[0]: not an object'],
    [['originals'], {}, 'originals: not a list'],
    [['provisioned', 0, 'provisionedOn'], 'soon', 'provisioned[0].provisionedOn: not a calendar date'],
    [['provisioned', 0, 'id'], undefined, 'provisioned[0].id: missing'],
    [['licensesReassigned'], 'yes', 'licensesReassigned: not true or false'],
    [['notes'], undefined, 'notes: missing'],
    [['history', 0, 'kind'], 'deleted', 'history[0].kind: not a kind of history entry'],
    [['history', 0, 'at'], '2026-03-02', 'history[0].at: not a timestamp (UTC, ISO 8601)'],
    [['history', 0, 'on'], '2026-3-2', 'history[0].on: not a calendar date'],
    [['history', 1, 'skipped', 0], 'later', 'history[1].skipped[0]: not a step (planned, requested, accepted, provisioned, originals-ended, csp-scheduled, ea-ended, transfer-requested, transfer-approved, done)'],
    [['history', 1, 'value'], 'true', 'history[1].value: not true or false'],
    [['createdAt'], 'yesterday', 'createdAt: not a timestamp (UTC, ISO 8601)'],
    [['updatedAt'], 1_772_000_000_000, 'updatedAt: not a timestamp'],
    [['customerId'], 42, 'customerId: not text'],
    [['originals', 0, 'offer'], 5, 'originals[0].offer: not text'],
    [['originals', 0, 'id'], 1, 'originals[0].id: not text'],
    [['provisioned'], {}, 'provisioned: not a list'],
    [['history'], {}, 'history: not a list'],
    [['history', 1, 'skipped'], 'accepted', 'history[1].skipped: not a list'],
    [['surprise'], 1, 'surprise: unexpected field'],
  ])('reports %j = %j as %j', (path, value, issue) => {
    expect(issuesOf(patch(sample(), path, value))).toEqual([issue]);
  });

  it('reports every issue at once', () => {
    const bad = patch(patch(patch(sample(), ['originals', 1, 'expiresOn'], 'x'), ['step'], 'x'), ['provisioned', 0, 'seats'], -3);
    expect(issuesOf(bad)).toEqual([
      'step: not a step (planned, requested, accepted, provisioned, originals-ended, csp-scheduled, ea-ended, transfer-requested, transfer-approved, done)',
      'originals[1].expiresOn: not a calendar date',
      'provisioned[0].seats: negative',
    ]);
  });

  it.each([[null], [[]], ['move'], [42], [undefined]])('reports %j as not an object', (raw) => {
    expect(issuesOf(raw)).toEqual(['not an object']);
  });

  it('accepts zero seats and optional history fields', () => {
    expect(issuesOf(patch(sample(), ['originals', 0, 'seats'], 0))).toEqual([]);
    expect(issuesOf(patch(sample(), ['history', 1, 'note'], undefined))).toEqual([]);
  });
});

describe('formatIssues', () => {
  it('formats nothing as nothing', () => {
    expect(formatIssues([], 'moves[1]')).toEqual([]);
  });
});

describe('version 2 storage', () => {
  it('migrates a whole version 2 storage and backup: every move keeps its step, on the manual path', () => {
    const a = v2Move('accepted', A);
    const b = v2Move('done', B);
    const r = classifyStoredEntries({ meta: { schemaVersion: 2 }, [moveKey(A)]: a, [moveKey(B)]: b });
    expect(r.migrated).toBe(true);
    expect(r.corrupt).toEqual([]);
    expect(r.moves).toEqual(expect.arrayContaining([{ ...a, path: 'manual' }, { ...b, path: 'manual' }]));
    expect(r.moves).toHaveLength(2);
    const backup = parseBackup(JSON.stringify({ format: BACKUP_FORMAT, schemaVersion: 2, settings: {}, moves: [a] }));
    expect(backup).toEqual({ ok: true, moves: [{ ...a, path: 'manual' }], settings: DEFAULT_SETTINGS, migratedFrom: 2 });
  });
});

describe('settings', () => {
  it('fills every default for a missing value or an empty object', () => {
    expect(parseSettings(undefined)).toEqual({
      leadDays: [60, 30, 14, 7, 1],
      notificationsOn: true,
      defaultProgram: 'unknown',
      nudgeAfterDays: 14,
      acceptanceDays: 14,
      eaLeadDays: 3,
      invitationLink: '',
    });
    expect(parseSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps given fields and fills the rest', () => {
    expect(parseSettings({ notificationsOn: false, defaultProgram: 'direct' })).toEqual({
      ...DEFAULT_SETTINGS,
      notificationsOn: false,
      defaultProgram: 'direct',
    });
  });

  it('sorts lead days largest first without repeats', () => {
    expect(parseSettings({ leadDays: [7, 90, 7, 0, 365] }).leadDays).toEqual([365, 90, 7, 0]);
    expect(parseSettings({ leadDays: [] }).leadDays).toEqual([]);
  });

  it('drops unknown fields', () => {
    expect(parseSettings({ theme: 'dark' })).toEqual(DEFAULT_SETTINGS);
  });

  it('never shares the default lead days array', () => {
    const s = parseSettings({});
    s.leadDays.push(99);
    expect(parseSettings({}).leadDays).toEqual([60, 30, 14, 7, 1]);
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });

  it.each([
    [{ leadDays: [366] }, 'leadDays[0]: above 365'],
    [{ leadDays: [30, -1] }, 'leadDays[1]: below 0'],
    [{ leadDays: [1.5] }, 'leadDays[0]: not a whole number'],
    [{ leadDays: ['30'] }, 'leadDays[0]: not a number'],
    [{ leadDays: 30 }, 'leadDays: not a list'],
    [{ notificationsOn: 'yes' }, 'notificationsOn: not true or false'],
    [{ defaultProgram: 'csp' }, 'defaultProgram: not a program (open, ea, direct, other-partner, other, unknown)'],
    [{ nudgeAfterDays: 0 }, 'nudgeAfterDays: below 1'],
    [{ nudgeAfterDays: 366 }, 'nudgeAfterDays: above 365'],
    [{ nudgeAfterDays: 2.5 }, 'nudgeAfterDays: not a whole number'],
    [null, 'not an object'],
    ['settings', 'not an object'],
    [[], 'not an object'],
  ])('reports %j', (raw, issue) => {
    expect(safeParseSettings(raw)).toEqual({ ok: false, issues: [issue] });
    expect(() => parseSettings(raw)).toThrow(SchemaError);
    try {
      parseSettings(raw);
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      expect((e as SchemaError).issues).toEqual([issue]);
      expect((e as SchemaError).message).toBe(issue);
      expect((e as SchemaError).name).toBe('SchemaError');
    }
  });

  it('lists every bad field in the SchemaError message', () => {
    expect(() => parseSettings({ leadDays: 'x', nudgeAfterDays: 0 })).toThrow('leadDays: not a list; nudgeAfterDays: below 1');
  });

  it('accepts the bounds', () => {
    expect(parseSettings({ leadDays: [0, 365], nudgeAfterDays: 1 })).toMatchObject({ leadDays: [365, 0], nudgeAfterDays: 1 });
    expect(parseSettings({ nudgeAfterDays: 365 }).nudgeAfterDays).toBe(365);
  });
});

describe('backup', () => {
  const settings = { ...DEFAULT_SETTINGS, leadDays: [30, 7], nudgeAfterDays: 10 };
  const text = (x: unknown) => JSON.stringify(x);

  it('makes a backup that restores exactly', () => {
    const moves = [sample(A), sample(B)];
    const backup = makeBackup(moves, settings, T1);
    expect(backup).toEqual({ format: BACKUP_FORMAT, schemaVersion: 3, exportedAt: T1.toISOString(), settings, moves });
    expect(backup.moves).not.toBe(moves);
    expect(parseBackup(JSON.stringify(backup, null, 1))).toEqual({ ok: true, moves, settings });
  });

  it('restores an empty backup', () => {
    expect(parseBackup(text(makeBackup([], DEFAULT_SETTINGS, T1)))).toEqual({ ok: true, moves: [], settings: DEFAULT_SETTINGS });
  });

  it('refuses a truncated file', () => {
    const full = text(makeBackup([sample()], settings, T1));
    expect(parseBackup(full.slice(0, full.length - 10))).toEqual({
      ok: false,
      errors: ['Not a readable backup: the file is not valid JSON (damaged or cut short?).'],
    });
    expect(parseBackup('')).toMatchObject({ ok: false });
  });

  it.each([[{ format: 'other', schemaVersion: 2, moves: [] }], [{ schemaVersion: 2, moves: [] }], [[]], [null], ['backup']])('refuses another format: %j', (x) => {
    expect(parseBackup(text(x))).toEqual({ ok: false, errors: ['Not a CSP Move Assistant backup (its "format" is not "csp-move-assistant-backup").'] });
  });

  it('refuses a backup from a newer version of the extension, saying so', () => {
    const r = parseBackup(text({ ...makeBackup([sample()], settings, T1), schemaVersion: 4 }));
    expect(r).toEqual({
      ok: false,
      errors: [
        'This backup was made by a newer version of the extension (schema 4; this version reads up to 3). Update the extension, then restore it.',
      ],
    });
  });

  it.each([0, -1, 1.5, '2', null, undefined])('refuses schemaVersion %j', (schemaVersion) => {
    expect(parseBackup(text({ format: BACKUP_FORMAT, schemaVersion, settings: {}, moves: [] }))).toEqual({
      ok: false,
      errors: ['schemaVersion: not a version number'],
    });
  });

  it('lists every bad move with its index and path, and restores nothing', () => {
    const good = sample(A);
    const bad1 = patch(sample(B), ['originals', 1, 'expiresOn'], '2026-02-30');
    const bad2 = patch(patch(sample(B), ['customerId'], 'nope'), ['notes'], undefined);
    const r = parseBackup(text({ ...makeBackup([], settings, T1), moves: [good, bad1, 'x', bad2, []] }));
    expect(r).toEqual({
      ok: false,
      errors: [
        'moves[1].originals[1].expiresOn: not a calendar date',
        'moves[2]: not an object',
        'moves[3].customerId: not a customer id (a lower-case GUID)',
        'moves[3].notes: missing',
        'moves[4]: not an object',
      ],
    });
  });

  it('refuses two moves for one customer', () => {
    const r = parseBackup(text({ ...makeBackup([sample(A), sample(B), sample(A)], settings, T1) }));
    expect(r).toEqual({ ok: false, errors: ['moves[2].customerId: the same customer as moves[0]'] });
  });

  it('reports bad settings and a missing move list', () => {
    const r = parseBackup(text({ format: BACKUP_FORMAT, schemaVersion: 2, exportedAt: 'x', settings: { leadDays: [400], notificationsOn: 1 } }));
    expect(r).toEqual({
      ok: false,
      errors: ['settings.leadDays[0]: above 365', 'settings.notificationsOn: not true or false', 'moves: not a list'],
    });
    expect(parseBackup(text({ format: BACKUP_FORMAT, schemaVersion: 2, settings: 5, moves: [] }))).toEqual({
      ok: false,
      errors: ['settings: not an object'],
    });
  });

  it('fills default settings when a backup has none', () => {
    expect(parseBackup(text({ format: BACKUP_FORMAT, schemaVersion: 3, moves: [] }))).toEqual({ ok: true, moves: [], settings: DEFAULT_SETTINGS });
  });

  it('migrates a version 1 backup and says so', () => {
    const v1 = v1Move(A);
    const r = parseBackup(text({ format: BACKUP_FORMAT, schemaVersion: 1, exportedAt: T1.toISOString(), settings: { leadDays: [30] }, moves: [v1] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    expect(r.settings.leadDays).toEqual([30]);
    expect(r.moves[0]?.originals).toEqual([{ id: 'o1', offer: 'Office 365 E3', seats: 25, expiresOn: '2027-03-31', endBy: 'expire' }]);
    const broken = parseBackup(text({ format: BACKUP_FORMAT, schemaVersion: 1, moves: [{ ...v1, originals: [{ offer: 'E3', seats: -1, expiry: '2026-06-30' }] }] }));
    expect(broken).toEqual({ ok: false, errors: ['moves[0].originals[0].seats: negative'] });
  });
});

describe('classifyStoredEntries', () => {

  it('reads an empty storage as a fresh install', () => {
    expect(classifyStoredEntries({})).toEqual({
      schemaVersion: 3,
      settings: DEFAULT_SETTINGS,
      reminders: { acknowledged: [], snoozed: {} },
      moves: [],
      corrupt: [],
      migrated: false,
      staleKeys: [],
    });
  });

  it('reads a current storage as it is, ignoring keys that are not its own', () => {
    const a = sample(A);
    const b = sample(B);
    const r = classifyStoredEntries({
      meta: { schemaVersion: 3 },
      settings: { leadDays: [30] },
      reminders: { lastCheckedDay: '2026-03-01', acknowledged: ['k1'], snoozed: {} },
      [moveKey(A)]: a,
      [moveKey(B)]: b,
      ui: { collapsed: true },
      [`quarantine:${moveKey(A)}`]: { raw: 1 },
    });
    expect(r).toEqual({
      schemaVersion: 3,
      settings: { ...DEFAULT_SETTINGS, leadDays: [30] },
      reminders: { lastCheckedDay: '2026-03-01', acknowledged: ['k1'], snoozed: {} },
      moves: [b, a],
      corrupt: [],
      migrated: false,
      staleKeys: [],
    });
  });

  it('migrates version 1 moves when meta says 1', () => {
    const r = classifyStoredEntries({ meta: { schemaVersion: 1 }, [moveKey(A)]: v1Move(A) });
    expect(r.schemaVersion).toBe(1);
    expect(r.migrated).toBe(true);
    expect(r.moves).toHaveLength(1);
    expect(r.moves[0]).toMatchObject({ customerId: A, program: 'other', originals: [{ id: 'o1', expiresOn: '2027-03-31' }] });
    expect(r.corrupt).toEqual([]);
  });

  it('migrates when meta is missing but moves exist (the first draft wrote no meta)', () => {
    const r = classifyStoredEntries({ [moveKey(A)]: v1Move(A) });
    expect(r.schemaVersion).toBe(1);
    expect(r.migrated).toBe(true);
    expect(r.moves.map((m) => m.customerId)).toEqual([A]);
  });

  it('finishes a migration interrupted half-way (some moves already current)', () => {
    const current = sample(B);
    const r = classifyStoredEntries({ meta: { schemaVersion: 1 }, [moveKey(A)]: v1Move(A), [moveKey(B)]: current });
    expect(r.moves.map((m) => m.customerId).sort()).toEqual([A, B].sort());
    expect(r.moves.find((m) => m.customerId === B)).toEqual(current);
    expect(r.migrated).toBe(true);
    expect(r.corrupt).toEqual([]);
  });

  it('reads current moves without meta as they are', () => {
    const r = classifyStoredEntries({ [moveKey(A)]: sample(A) });
    expect(r.moves).toEqual([sample(A)]);
    expect(r.migrated).toBe(false);
  });

  it('moves a version 1 move stored under an upper-case key to its canonical key', () => {
    const key = moveKey(A.toUpperCase());
    const r = classifyStoredEntries({ meta: { schemaVersion: 1 }, [key]: v1Move(A.toUpperCase()) });
    expect(r.moves.map((m) => m.customerId)).toEqual([A]);
    expect(r.staleKeys).toEqual([key]);
    expect(r.migrated).toBe(true);
  });

  it('moves a current move stored under an upper-case key, without calling it a migration of data', () => {
    const key = moveKey(A.toUpperCase());
    const r = classifyStoredEntries({ meta: { schemaVersion: 3 }, [key]: sample(A) });
    expect(r.moves).toEqual([sample(A)]);
    expect(r.staleKeys).toEqual([key]);
    expect(r.migrated).toBe(true);
  });

  it('flags unreadable moves with the reason, and keeps the rest', () => {
    const r = classifyStoredEntries({
      meta: { schemaVersion: 3 },
      [moveKey(A)]: patch(sample(A), ['originals', 0, 'expiresOn'], '2026-02-30'),
      [moveKey(B)]: sample(B),
      'move:junk': 'not a move',
    });
    expect(r.moves).toEqual([sample(B)]);
    expect(r.corrupt).toEqual([
      { key: moveKey(A), reason: 'originals[0].expiresOn: not a calendar date' },
      { key: 'move:junk', reason: 'not an object' },
    ]);
  });

  it('reports version 1 problems for a version 1 store', () => {
    const r = classifyStoredEntries({ meta: { schemaVersion: 1 }, [moveKey(A)]: { ...v1Move(A), originals: 'none' } });
    expect(r.corrupt).toEqual([{ key: moveKey(A), reason: 'originals: not a list' }]);
    expect(r.migrated).toBe(false);
  });

  it('flags a move stored under another customer key, and a second copy', () => {
    const r = classifyStoredEntries({ [moveKey(B)]: sample(A) });
    expect(r.corrupt).toEqual([{ key: moveKey(B), reason: `holds customer ${A}, not ${B}` }]);
    const twice = classifyStoredEntries({ meta: { schemaVersion: 1 }, [moveKey(A)]: sample(A), [moveKey(A.toUpperCase())]: v1Move(A) });
    expect(twice.moves).toHaveLength(1);
    expect(twice.corrupt).toEqual([{ key: moveKey(A), reason: `a second copy of ${moveKey(A)}` }]);
  });

  it('flags wrong-typed settings, reminders and meta, and uses defaults', () => {
    const r = classifyStoredEntries({ meta: 'two', settings: { leadDays: 'soon' }, reminders: { acknowledged: 'all' }, [moveKey(A)]: sample(A) });
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.reminders).toEqual({ acknowledged: [], snoozed: {} });
    expect(r.corrupt).toEqual([
      { key: 'meta', reason: 'not {schemaVersion: a version number}' },
      { key: 'settings', reason: 'leadDays: not a list' },
      { key: 'reminders', reason: 'acknowledged: not a list' },
    ]);
    expect(r.moves).toEqual([sample(A)]);
  });

  it.each([[{ schemaVersion: 0 }], [{ schemaVersion: '2' }], [{}], [null]])('flags meta %j', (meta) => {
    expect(classifyStoredEntries({ meta }).corrupt).toEqual([{ key: 'meta', reason: 'not {schemaVersion: a version number}' }]);
    expect(classifyStoredEntries({ meta }).schemaVersion).toBe(3);
  });

  it('fills an empty acknowledged list', () => {
    expect(classifyStoredEntries({ reminders: { lastCheckedDay: '2026-03-01' } }).reminders).toEqual({ lastCheckedDay: '2026-03-01', acknowledged: [], snoozed: {} });
    expect(classifyStoredEntries({ reminders: {} }).reminders).toEqual({ acknowledged: [], snoozed: {} });
  });

  it('keeps snoozes, and flags a snooze that is not a day', () => {
    expect(classifyStoredEntries({ reminders: { acknowledged: ['a'], snoozed: { b: '2026-03-02' } } }).reminders).toEqual({ acknowledged: ['a'], snoozed: { b: '2026-03-02' } });
    expect(classifyStoredEntries({ reminders: { snoozed: { b: 'tomorrow' } } }).corrupt).toEqual([{ key: 'reminders', reason: 'snoozed.b: not a calendar date' }]);
  });

  it('settings: an invitation link must be a reseller-relationship link', () => {
    const link = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1&msppId=0&DAP=true#/BillingAccounts/partner-invitation';
    expect(parseSettings({ invitationLink: ` ${link} ` }).invitationLink).toBe(link);
    expect(safeParseSettings({ invitationLink: 'https://evil.example/' })).toEqual({ ok: false, issues: ['invitationLink: not a reseller-relationship link (https://…invType=ResellerRelationship…)'] });
    expect(safeParseSettings({ invitationLink: 'http://admin.microsoft.com/?invType=ResellerRelationship' }).ok).toBe(false);
  });

  it('flags reminders that are a list', () => {
    expect(classifyStoredEntries({ reminders: [] }).corrupt).toEqual([{ key: 'reminders', reason: 'not an object' }]);
  });

  it('lists every problem of settings and reminders in the reason', () => {
    const r = classifyStoredEntries({ settings: { leadDays: 'x', notificationsOn: 1 }, reminders: { lastCheckedDay: 'x', acknowledged: 5 } });
    expect(r.corrupt).toEqual([
      { key: 'settings', reason: 'leadDays: not a list; notificationsOn: not true or false' },
      { key: 'reminders', reason: 'lastCheckedDay: not a calendar date; acknowledged: not a list' },
    ]);
  });

  it('flags a bad reminder day', () => {
    expect(classifyStoredEntries({ reminders: { lastCheckedDay: '2026-02-30', acknowledged: [] } }).corrupt).toEqual([
      { key: 'reminders', reason: 'lastCheckedDay: not a calendar date' },
    ]);
  });

  it('treats data from a newer version as read-only: nothing flagged, nothing migrated', () => {
    const r = classifyStoredEntries({
      meta: { schemaVersion: 4 },
      settings: { leadDays: 'new format' },
      reminders: 5,
      [moveKey(A)]: sample(A),
      [moveKey(B)]: { customerId: B, newShape: true },
      [moveKey(A.replace('6', '7'))]: sample(A),
    });
    expect(r).toEqual({
      schemaVersion: 4,
      futureVersion: 4,
      settings: DEFAULT_SETTINGS,
      reminders: { acknowledged: [], snoozed: {} },
      moves: [sample(A)],
      corrupt: [],
      migrated: false,
      staleKeys: [],
    });
  });
});
