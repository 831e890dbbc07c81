/**
 * More of a move's decision facts (decisionFacts): the closed flag, the ended phase on every path,
 * the cancel window of the latest purchase, what is absent (not undefined-valued), and the day each
 * original ends (a planned cancellation day only when the original is cancelled).
 */
import { describe, expect, it } from 'vitest';
import { decisionFacts } from '../../../src/core/facts';
import type { Move, OriginalSubscription, PathId, Program, ProvisionedSubscription, Step } from '../../../src/core/model';

const A = '00000000-0000-4000-8000-00000000000a';

function original(over: Partial<OriginalSubscription> = {}): OriginalSubscription {
  return { id: 'o1', offer: 'Office 365 E3', seats: 10, expiresOn: '2027-03-31', endBy: 'expire', ...over };
}
function bought(provisionedOn: string, id: string, seats = 2): ProvisionedSubscription {
  return { id, offer: 'Office 365 E3', seats, provisionedOn };
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

describe('decisionFacts: done and ended', () => {
  it('a closed move is done; an open one is not', () => {
    expect(decisionFacts(move('open', 'manual', 'done')).done).toBe(true);
    expect(decisionFacts(move('open', 'manual', 'originals-ended')).done).toBe(false);
  });

  it('originals are ended from each path\'s ended phase on, not before', () => {
    expect(decisionFacts(move('open', 'manual', 'provisioned')).originalsEnded).toBe(false);
    expect(decisionFacts(move('open', 'manual', 'accepted')).originalsEnded).toBe(false);
    expect(decisionFacts(move('open', 'manual', 'originals-ended')).originalsEnded).toBe(true);
    expect(decisionFacts(move('ea', 'ea-channel-transfer', 'csp-scheduled')).originalsEnded).toBe(false);
    expect(decisionFacts(move('ea', 'ea-channel-transfer', 'ea-ended')).originalsEnded).toBe(true);
    expect(decisionFacts(move('other-partner', 'partner-transfer', 'transfer-requested')).originalsEnded).toBe(false);
    expect(decisionFacts(move('other-partner', 'partner-transfer', 'transfer-approved')).originalsEnded).toBe(true);
  });
});

describe('decisionFacts: the cancel window', () => {
  it('is that of the latest purchase, whatever the order the lines were recorded in', () => {
    const m = move('open', 'manual', 'provisioned', { provisioned: [bought('2027-02-10', 'p1'), bought('2027-02-01', 'p2')] });
    expect(decisionFacts(m).windowCloses).toBe('2027-02-16');
    const n = move('open', 'manual', 'provisioned', { provisioned: [bought('2027-02-01', 'p2'), bought('2027-02-10', 'p1')] });
    expect(decisionFacts(n).windowCloses).toBe('2027-02-16');
  });

  it('is absent (no key) when what was bought carries the originals on as they were', () => {
    const m = move('open', 'manual', 'provisioned', { provisioned: [bought('2027-02-10', 'p1', 10)] });
    expect('windowCloses' in decisionFacts(m)).toBe(false);
  });
});

describe('decisionFacts: provisioning dates', () => {
  it('are absent (no key) once something is provisioned', () => {
    const m = move('open', 'manual', 'provisioned', { provisioned: [bought('2027-02-10', 'p1', 10)] });
    expect('provision' in decisionFacts(m)).toBe(false);
  });

  it('are absent (no key) on a partner transfer, which buys nothing', () => {
    expect('provision' in decisionFacts(move('other-partner', 'partner-transfer', 'accepted'))).toBe(false);
  });

  it('are present while nothing is provisioned on a path that buys', () => {
    expect(decisionFacts(move('open', 'manual', 'accepted')).provision).toBeDefined();
  });
});

describe('decisionFacts: when each original ends', () => {
  it('a cancelled original ends on its cancellation day', () => {
    const f = decisionFacts(move('open', 'manual', 'accepted', { originals: [original({ endBy: 'cancel', cancelOn: '2027-02-15' })] }));
    expect(f.originals[0]).toMatchObject({ endsOn: '2027-02-15', endBy: 'cancel', actor: 'customer' });
  });

  it('a cancellation with no day yet ends on the end date', () => {
    const f = decisionFacts(move('open', 'manual', 'accepted', { originals: [original({ endBy: 'cancel' })] }));
    expect(f.originals[0]!.endsOn).toBe('2027-03-31');
  });

  it('an original left to expire ends on its end date, even with a stale cancellation day', () => {
    const f = decisionFacts(move('open', 'manual', 'accepted', { originals: [original({ endBy: 'expire', cancelOn: '2027-02-15' })] }));
    expect(f.originals[0]).toMatchObject({ endsOn: '2027-03-31', endBy: 'expire', actor: 'nobody' });
  });
});
