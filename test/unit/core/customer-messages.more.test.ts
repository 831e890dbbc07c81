/**
 * More of the customer messages: the wording that depends on the data (one licence or several, the
 * earliest end date, the programme's paragraph), names cleaned of control characters, fallbacks when
 * a name or the path is missing, and which purchases are listed (zero-seat lines are not).
 */
import { describe, expect, it } from 'vitest';
import { customerMessages, type CustomerMessageId, type MessageMove } from '../../../src/core/customer-messages';

const LINK = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=11111111-2222-4333-8444-555555555555';

function move(over: Partial<MessageMove> = {}): MessageMove {
  return {
    path: 'manual',
    program: 'open',
    companyName: 'Contoso Ltd',
    domain: 'contoso.onmicrosoft.com',
    step: 'provisioned',
    originals: [{ id: 'o1', offer: 'Office 365 E3', seats: 25, expiresOn: '2026-06-30', endBy: 'expire' }],
    provisioned: [{ id: 'p1', offer: 'Office 365 E3', seats: 25, provisionedOn: '2026-06-28' }],
    ...over,
  };
}

function text(m: MessageMove, id: CustomerMessageId, lang: 'en' | 'zh-TW' = 'en', link?: string): string {
  const found = customerMessages(m, link === undefined ? {} : { invitationLink: link }).find((x) => x.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found.text[lang];
}

describe('lists of subscriptions', () => {
  it('says "licence" for one seat and "licences" for several', () => {
    const m = move({
      originals: [
        { id: 'o1', offer: 'Office 365 E3', seats: 1, expiresOn: '2026-06-30', endBy: 'expire' },
        { id: 'o2', offer: 'Office 365 E1', seats: 7, expiresOn: '2026-07-31', endBy: 'expire' },
      ],
    });
    const t = text(m, 'microsoft-mails');
    expect(t).toContain('- Office 365 E3: 1 licence, ends June 30, 2026\n- Office 365 E1: 7 licences, ends July 31, 2026\n');
  });

  it('lists the originals in Chinese in the Chinese text', () => {
    const t = text(move(), 'microsoft-mails', 'zh-TW');
    expect(t).toContain('- Office 365 E3：25 個授權，於 2026年6月30日 結束');
    expect(t).not.toContain('ends');
  });

  it('the purchases set up exclude zero-seat lines', () => {
    const m = move({
      provisioned: [
        { id: 'p1', offer: 'Office 365 E3', seats: 25, provisionedOn: '2026-06-28' },
        { id: 'p2', offer: 'Exchange Online (Plan 1)', seats: 0, provisionedOn: '2026-06-20' },
      ],
    });
    const t = text(m, 'subscriptions-set-up');
    expect(t).not.toContain('Exchange Online');
    expect(t).toContain('on June 28, 2026:\n- Office 365 E3: 25 licences\n');
  });

  it('with only zero-seat lines nothing counts as set up', () => {
    const m = move({ provisioned: [{ id: 'p2', offer: 'Office 365 E3', seats: 0, provisionedOn: '2026-06-20' }] });
    const ids = customerMessages(m).map((x) => x.id);
    expect(ids).not.toContain('subscriptions-set-up');
    expect(text(m, 'microsoft-mails')).toContain('We are setting up your new subscriptions before then');
  });

  it('the old subscriptions run until the earliest end date, whatever the order', () => {
    const m = move({
      originals: [
        { id: 'o1', offer: 'Office 365 E3', seats: 20, expiresOn: '2026-09-30', endBy: 'expire' },
        { id: 'o2', offer: 'Office 365 E3', seats: 5, expiresOn: '2026-07-31', endBy: 'expire' },
      ],
    });
    expect(text(m, 'subscriptions-set-up')).toContain('run until July 31, 2026;');
  });
});

describe('names', () => {
  it('control characters in a pasted name become one space, and the name is trimmed', () => {
    const m = move({ companyName: '  Contoso\r\n\tLtd \n' });
    expect(text(m, 'microsoft-mails').startsWith('Hello Contoso Ltd,\n\n')).toBe(true);
  });

  it('without a domain the request names the company as the tenant to sign in to', () => {
    const t = text(move({ domain: '' }), 'relationship-request', 'en', LINK);
    expect(t).toContain('global administrator of Contoso Ltd and open');
  });

  it('without a company name the messages greet the domain', () => {
    expect(text(move({ companyName: '' }), 'microsoft-mails').startsWith('Hello contoso.onmicrosoft.com,')).toBe(true);
  });

  it('with neither name no message is offered (none is left with a blank greeting)', () => {
    expect(customerMessages(move({ companyName: ' ', domain: '' }), { invitationLink: LINK })).toEqual([]);
  });
});

describe('the invitation link', () => {
  it('is trimmed before it goes into the request', () => {
    expect(text(move(), 'relationship-request', 'en', `  ${LINK}\n`)).toContain(`link:\n\n${LINK}\n\nThen`);
  });

  it('a blank link offers no request', () => {
    expect(customerMessages(move(), { invitationLink: '   ' }).map((x) => x.id)).not.toContain('relationship-request');
  });
});

describe('defaults and programme paragraphs', () => {
  it('a move with no path gets the manual path\'s messages', () => {
    const { path: _omit, ...noPath } = move();
    expect(customerMessages(noPath).map((x) => x.id)).toEqual(['subscriptions-set-up', 'microsoft-mails']);
  });

  it('an Open move\'s Microsoft-mails message has no EA or direct paragraph', () => {
    const t = text(move({ program: 'open' }), 'microsoft-mails');
    expect(t.endsWith('cancelled subscriptions are not refunded.\n\nThank you.')).toBe(true);
  });

  it('an EA move\'s message says the EA licences stop on the end date', () => {
    expect(text(move({ program: 'ea' }), 'microsoft-mails')).toContain('Your Enterprise Agreement licences stop on the end date itself');
  });
});

describe('licence reassignment', () => {
  it('lists each unmatched original with every new product that replaces it, one per line', () => {
    const m = move({
      originals: [
        { id: 'o1', offer: 'Office 365 E3', seats: 10, expiresOn: '2026-06-30', endBy: 'expire' },
        { id: 'o2', offer: 'Office 365 E1', seats: 5, expiresOn: '2026-07-31', endBy: 'expire' },
      ],
      provisioned: [
        { id: 'p1', offer: 'Microsoft 365 Business Premium', seats: 10, provisionedOn: '2026-06-28' },
        { id: 'p2', offer: 'Microsoft 365 Business Basic', seats: 5, provisionedOn: '2026-06-28' },
      ],
    });
    const t = text(m, 'reassign-licences');
    expect(t).toContain(
      ':\n- Office 365 E3 → Microsoft 365 Business Premium + Microsoft 365 Business Basic\n- Office 365 E1 → Microsoft 365 Business Premium + Microsoft 365 Business Basic\n\n',
    );
  });

  it('a zero-seat product is not named as a replacement', () => {
    const m = move({
      provisioned: [
        { id: 'p1', offer: 'Microsoft 365 Business Premium', seats: 25, provisionedOn: '2026-06-28' },
        { id: 'p2', offer: 'Microsoft 365 Business Basic', seats: 0, provisionedOn: '2026-06-28' },
      ],
    });
    const t = text(m, 'reassign-licences');
    expect(t).toContain('- Office 365 E3 → Microsoft 365 Business Premium\n');
    expect(t).not.toContain('Basic');
  });

  it('no reassignment message when no new product is left to name (every purchase carries an original on)', () => {
    const m = move({
      originals: [
        { id: 'o1', offer: 'Office 365 E3', seats: 25, expiresOn: '2026-06-30', endBy: 'expire' },
        { id: 'o2', offer: 'Office 365 E1', seats: 5, expiresOn: '2026-07-31', endBy: 'expire' },
      ],
    });
    expect(customerMessages(m).map((x) => x.id)).not.toContain('reassign-licences');
  });
});
