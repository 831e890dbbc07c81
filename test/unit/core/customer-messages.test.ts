/**
 * Messages to the customer: every message of every path, in both languages, filled from the move
 * with no placeholder left; messages whose facts are missing are not offered.
 */
import { describe, expect, it } from 'vitest';
import {
  MESSAGE_LANGS,
  MESSAGE_PATHS,
  customerMessages,
  fill,
  messageDay,
  type CustomerMessageId,
  type MessageMove,
  type MessagePath,
} from '../../../src/core/customer-messages';
import type { Program } from '../../../src/core/model';

const LINK = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=11111111-2222-4333-8444-555555555555&msppId=0&DAP=true#/BillingAccounts/partner-invitation';

function move(path: MessagePath, program: Program, over: Partial<MessageMove> = {}): MessageMove {
  return {
    path,
    program,
    companyName: 'Contoso Ltd',
    domain: 'contoso.onmicrosoft.com',
    step: 'provisioned',
    originals: [
      { id: 'o1', offer: 'Office 365 E3', seats: 25, expiresOn: '2026-06-30', endBy: 'expire' },
      { id: 'o2', offer: 'Office 365 E1', seats: 5, expiresOn: '2026-07-31', endBy: 'expire' },
    ],
    provisioned: [
      { id: 'p1', offer: 'Office 365 E3', seats: 25, provisionedOn: '2026-06-28' },
      { id: 'p2', offer: 'Microsoft 365 Business Standard', seats: 5, provisionedOn: '2026-06-29' },
    ],
    ...over,
  };
}

const EXPECTED: Record<MessagePath, CustomerMessageId[]> = {
  manual: ['relationship-request', 'subscriptions-set-up', 'microsoft-mails', 'reassign-licences'],
  'ea-channel-transfer': ['relationship-request', 'creation-scheduled', 'microsoft-mails', 'reassign-licences'],
  'partner-transfer': ['relationship-request', 'transfer-requested', 'reassign-licences'],
};

describe.each(MESSAGE_PATHS)('on the %s path', (path) => {
  const programs: Program[] = path === 'ea-channel-transfer' ? ['ea'] : path === 'partner-transfer' ? ['other-partner'] : ['direct', 'open', 'ea', 'other'];
  it.each(programs)('every message of a %s move, in both languages, is filled with no placeholder left', (program) => {
    const msgs = customerMessages(move(path, program), { invitationLink: LINK });
    expect(msgs.map((m) => m.id)).toEqual(EXPECTED[path]);
    for (const m of msgs) {
      for (const lang of MESSAGE_LANGS) {
        const text = m.text[lang];
        expect(text, `${m.id} ${lang}`).not.toMatch(/[{}]/);
        expect(text).toContain('Contoso Ltd');
        expect(text).not.toMatch(/undefined|NaN|null/);
        // Plain text: no markup, no CR, no tab, no trailing spaces on a line.
        expect(text).not.toMatch(/<[a-z/]|\r|\t| \n/i);
      }
      if (m.id === 'relationship-request') for (const lang of MESSAGE_LANGS) expect(m.text[lang]).toContain(LINK);
    }
  });
});

describe('what each message says', () => {
  const byId = (path: MessagePath, program: Program, over: Partial<MessageMove> = {}) =>
    Object.fromEntries(customerMessages(move(path, program, over), { invitationLink: LINK }).map((m) => [m.id, m.text]));

  it('"we have set up your new subscriptions on {date}" with what was bought', () => {
    const m = byId('manual', 'open')['subscriptions-set-up']!;
    expect(m.en).toContain('We have set up your new subscriptions on June 28, 2026:\n- Office 365 E3: 25 licences\n- Microsoft 365 Business Standard: 5 licences');
    expect(m['zh-TW']).toContain('我們已於 2026年6月28日 為您設定新的訂用帳戶：\n- Office 365 E3：25 個授權');
  });

  it("Microsoft's mails: not to cancel early; for direct purchases, recurring billing and the credit", () => {
    const direct = byId('manual', 'direct')['microsoft-mails']!;
    expect(direct.en).toMatch(/"Your subscription is expiring".*"You're about to lose access"/);
    expect(direct.en).toContain('do not cancel the old subscriptions early');
    expect(direct.en).toContain('turn off recurring billing');
    expect(direct.en).toContain('Microsoft 365 billing support may grant a credit');
    expect(direct['zh-TW']).toContain('關閉週期性計費');
    const open = byId('manual', 'open')['microsoft-mails']!;
    expect(open.en).not.toContain('recurring billing');
    expect(open.en).toContain('already active');
    expect(byId('manual', 'ea')['microsoft-mails']!.en).toContain('Enterprise Agreement licences stop on the end date itself');
    // Nothing bought yet: "we are setting up".
    expect(byId('manual', 'open', { provisioned: [] })['microsoft-mails']!.en).toContain('We are setting up your new subscriptions before then');
  });

  it('when the offer differs: the licences to reassign, and by when', () => {
    const m = byId('manual', 'open')['reassign-licences']!;
    expect(m.en).toContain('- Office 365 E1 → Microsoft 365 Business Standard');
    expect(m.en).toContain('by July 31, 2026');
    expect(m['zh-TW']).toContain('2026年7月31日');
    // Same offers: nothing to reassign.
    expect(byId('manual', 'open', { provisioned: [{ id: 'p1', offer: 'Office 365 E3', seats: 30, provisionedOn: '2026-06-28' }], originals: [move('manual', 'open').originals[0]!] })['reassign-licences']).toBeUndefined();
  });

  it('missing facts leave a message out rather than a placeholder in', () => {
    expect(customerMessages(move('manual', 'open')).map((m) => m.id)).not.toContain('relationship-request');
    expect(customerMessages(move('manual', 'open', { provisioned: [] }), { invitationLink: LINK }).map((m) => m.id)).toEqual(['relationship-request', 'microsoft-mails']);
    expect(customerMessages(move('manual', 'open', { originals: [], provisioned: [] }), { invitationLink: LINK }).map((m) => m.id)).toEqual(['relationship-request']);
    expect(() => fill('Hello {company}', {})).toThrow('No value for {company}');
    expect(() => fill('Hello {company}', { company: ' ' })).toThrow(RangeError);
  });

  it('names are data: braces or line breaks in a name are shown as they are, never expanded', () => {
    const m = customerMessages(move('manual', 'open', { companyName: 'A {link}\nB' }), { invitationLink: LINK })[0]!;
    expect(m.text.en.startsWith('Hello A {link} B,')).toBe(true);
  });

  it('dates in the customer\'s language, never shifted by a time zone', () => {
    expect(messageDay('2026-12-31', 'en')).toBe('December 31, 2026');
    expect(messageDay('2026-12-31', 'zh-TW')).toBe('2026年12月31日');
  });
});
