/**
 * What the overlay and the popup state about a move (moveFacts): where it stands on its path and
 * the day each step was reached, the end-of-term dates, the paid overlap, the cancel window, and the
 * same-region note before acceptance. What the data does not support is absent, not a guess.
 */
import { describe, expect, it } from 'vitest';
import type { Move, OriginalSubscription, PathId, Program, ProvisionedSubscription, Step } from '../../../src/core/model';
import { moveFacts } from '../../../src/core/move-facts';

const A = '00000000-0000-4000-8000-00000000000a';
const SETTINGS = { eaLeadDays: 3, acceptanceDays: 14 };
const TODAY = '2027-02-10';

function original(over: Partial<OriginalSubscription> = {}): OriginalSubscription {
  return { id: 'o1', offer: 'Office 365 E3', seats: 10, expiresOn: '2027-03-31', endBy: 'expire', ...over };
}
function bought(provisionedOn: string): ProvisionedSubscription {
  return { id: 'p1', offer: 'Microsoft 365 E3', seats: 10, provisionedOn };
}

function move(program: Program, path: PathId, step: Step, over: Partial<Move> = {}): Move {
  return {
    customerId: A,
    companyName: 'Contoso',
    domain: 'contoso.com',
    program,
    path,
    step,
    stepDates: {},
    originals: [original()],
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [],
    createdAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ...over,
  };
}

describe('moveFacts: steps', () => {
  it('steps before the current one are done, the current one current, later ones to do', () => {
    const f = moveFacts(move('open', 'manual', 'accepted'), TODAY, SETTINGS);
    expect(f.steps.map((s) => [s.id, s.state])).toEqual([
      ['planned', 'done'],
      ['requested', 'done'],
      ['accepted', 'current'],
      ['provisioned', 'todo'],
      ['originals-ended', 'todo'],
    ]);
  });

  it('a closed move shows every step done (the done step itself is not listed)', () => {
    const f = moveFacts(move('other-partner', 'partner-transfer', 'done'), TODAY, SETTINGS);
    expect(f.steps.map((s) => s.id)).toEqual(['planned', 'requested', 'accepted', 'transfer-requested', 'transfer-approved']);
    expect(f.steps.every((s) => s.state === 'done')).toBe(true);
  });

  it('a new move: the first step current, the rest to do', () => {
    const f = moveFacts(move('ea', 'ea-channel-transfer', 'planned'), TODAY, SETTINGS);
    expect(f.steps.map((s) => s.state)).toEqual(['current', 'todo', 'todo', 'todo', 'todo']);
  });

  it('each step carries the day it was reached, and no day when it was not', () => {
    const f = moveFacts(move('open', 'manual', 'accepted', { stepDates: { planned: '2026-12-01', accepted: '2027-01-20' } }), TODAY, SETTINGS);
    expect(f.steps.slice(0, 4)).toStrictEqual([
      { id: 'planned', state: 'done', on: '2026-12-01' },
      { id: 'requested', state: 'done' },
      { id: 'accepted', state: 'current', on: '2027-01-20' },
      { id: 'provisioned', state: 'todo' },
    ]);
  });
});

describe('moveFacts: dates, overlap and cancel window', () => {
  it('without originals the term dates and the overlap are absent (unknown), not guessed', () => {
    const f = moveFacts(move('open', 'manual', 'accepted', { originals: [] }), TODAY, SETTINGS);
    expect('dates' in f).toBe(false);
    expect('overlap' in f).toBe(false);
  });

  it('with an original the term dates are those of the earliest end date', () => {
    const f = moveFacts(
      move('open', 'manual', 'accepted', { originals: [original({ id: 'a', expiresOn: '2027-06-30' }), original({ id: 'b', expiresOn: '2027-03-31' })] }),
      TODAY,
      SETTINGS,
    );
    expect(f.dates?.endDate).toBe('2027-03-31');
  });

  it('a path where the partner buys shows the paid overlap from the recorded purchase', () => {
    const f = moveFacts(move('open', 'manual', 'provisioned', { provisioned: [bought('2027-03-01')] }), '2027-03-20', SETTINGS);
    expect(f.overlap).toMatchObject({ days: 30, recorded: true, purchaseDay: '2027-03-01', endDate: '2027-03-31' });
  });

  it('a partner transfer buys nothing: no paid overlap even with originals', () => {
    const f = moveFacts(move('other-partner', 'partner-transfer', 'accepted'), TODAY, SETTINGS);
    expect(f.dates).toBeDefined();
    expect('overlap' in f).toBe(false);
  });

  it('a purchase still inside its 7-day window gives the last day it can be cancelled', () => {
    const f = moveFacts(move('open', 'manual', 'provisioned', { provisioned: [bought('2027-02-08')] }), TODAY, SETTINGS);
    expect(f.cancelUntil).toBe('2027-02-14');
  });

  it('no cancel day once the window has closed, nor without a purchase', () => {
    expect('cancelUntil' in moveFacts(move('open', 'manual', 'provisioned', { provisioned: [bought('2027-01-01')] }), TODAY, SETTINGS)).toBe(false);
    expect('cancelUntil' in moveFacts(move('open', 'manual', 'accepted'), TODAY, SETTINGS)).toBe(false);
  });
});

describe('moveFacts: same-region note', () => {
  it('is shown before acceptance (planned and requested) and not after', () => {
    const at = (step: Step) => moveFacts(move('open', 'manual', step), TODAY, SETTINGS).sameRegionNote;
    expect(at('planned')).toBe(true);
    expect(at('requested')).toBe(true);
    expect(at('accepted')).toBe(false);
    expect(at('provisioned')).toBe(false);
    expect(at('done')).toBe(false);
  });
});
