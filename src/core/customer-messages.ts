/**
 * Messages the partner sends the customer, per step and path, in English and Traditional Chinese
 * whatever the UI language (the customer's language is not the partner's UI's). The texts live here,
 * not in _locales, because both languages are needed at once.
 *
 * Each message is filled from the move; a message whose facts are missing is not offered (never a
 * placeholder left in it: `fill` throws on one). Plain text (no markup, "- " lists, LF line breaks),
 * so it pastes cleanly into Outlook or any mail client.
 *
 * Sources for what the texts say: docs/portal-facts.md (the invitation link; direct purchases may get a
 * credit through Microsoft 365 billing support; Microsoft's "subscription is expiring" / "about to
 * lose access" mails; licence reassignment when the offer differs; partner transfers keep quantity,
 * term and dates).
 */
import type { IsoDate, Move, OriginalSubscription, Program } from './model';
import { moveOfferMatch, offerMatch } from './offers';

export const MESSAGE_LANGS = ['en', 'zh-TW'] as const;
export type MessageLang = (typeof MESSAGE_LANGS)[number];

/** The paths into CSP (the move's `path`; `manual` for a move that has none). */
export const MESSAGE_PATHS = ['manual', 'ea-channel-transfer', 'partner-transfer'] as const;
export type MessagePath = (typeof MESSAGE_PATHS)[number];

export const MESSAGE_IDS = ['relationship-request', 'subscriptions-set-up', 'creation-scheduled', 'transfer-requested', 'microsoft-mails', 'reassign-licences'] as const;
export type CustomerMessageId = (typeof MESSAGE_IDS)[number];

export interface CustomerMessage {
  id: CustomerMessageId;
  text: Record<MessageLang, string>;
}

/** Facts a message may need beyond the move. */
export interface MessageContext {
  /** The partner's reseller-relationship link (the same for every customer). */
  invitationLink?: string;
}

type Template = Record<MessageLang, string>;

const T = {
  'relationship-request': {
    en: 'Hello {company},\n\nTo move your Microsoft 365 subscriptions to us, please accept our reseller relationship request. Sign in as a global administrator of {domain} and open this link:\n\n{link}\n\nThen select "Accept and authorize". Nothing changes for your users until the new subscriptions are in place.\n\nThank you.',
    'zh-TW': '{company} 您好：\n\n為了將您的 Microsoft 365 訂用帳戶移轉給我們，請接受我們的轉銷商關係要求。請以 {domain} 的全域管理員身分登入，並開啟此連結：\n\n{link}\n\n然後選取「接受並授權」。在新的訂用帳戶準備就緒之前，您的使用者不會受到任何影響。\n\n謝謝。',
  },
  'subscriptions-set-up': {
    en: 'Hello {company},\n\nWe have set up your new subscriptions on {date}:\n{bought}\n\nYour users keep working as before. Your old subscriptions run until {end}; please let them end then and do not cancel them early.\n\nThank you.',
    'zh-TW': '{company} 您好：\n\n我們已於 {date} 為您設定新的訂用帳戶：\n{bought}\n\n您的使用者可以照常使用。您原本的訂用帳戶會持續到 {end}；請讓它們在當天結束，不要提早取消。\n\n謝謝。',
  },
  'creation-scheduled': {
    en: 'Hello {company},\n\nWe have scheduled your new subscriptions to take over from your Enterprise Agreement when it ends on {end}:\n{bought}\n\nYou do not need to renew the Enterprise Agreement. Your users keep working; nothing needs to be done on your side.\n\nThank you.',
    'zh-TW': '{company} 您好：\n\n我們已排定新的訂用帳戶，在您的 Enterprise Agreement 於 {end} 結束時接手：\n{bought}\n\n您不需要續約 Enterprise Agreement。您的使用者可以照常使用，您這邊不需要做任何事。\n\n謝謝。',
  },
  'transfer-requested': {
    en: 'Hello {company},\n\nWe have asked for your subscriptions to be transferred to us from your current partner:\n{originals}\n\nYour current partner and we must both approve the transfer. The quantities, terms and end dates stay the same, and your users are not interrupted.\n\nThank you.',
    'zh-TW': '{company} 您好：\n\n我們已要求將您的訂用帳戶從目前的合作夥伴轉移給我們：\n{originals}\n\n轉移需要您目前的合作夥伴和我們雙方核准。授權數量、期限和結束日期都不會改變，您的使用者也不會受到影響。\n\n謝謝。',
  },
  'microsoft-mails': {
    en: 'Hello {company},\n\nMicrosoft may send you e-mails saying "Your subscription is expiring" or "You\'re about to lose access". They are about your old subscriptions:\n{originals}\n\n{status} Please do not cancel the old subscriptions early: cancelled subscriptions are not refunded.{direct}\n\nThank you.',
    'zh-TW': '{company} 您好：\n\nMicrosoft 可能會寄給您「您的訂用帳戶即將到期」或「您即將失去存取權」的電子郵件。這些郵件指的是您原本的訂用帳戶：\n{originals}\n\n{status}請不要提早取消原本的訂用帳戶：取消的訂用帳戶不會退款。{direct}\n\n謝謝。',
  },
  'reassign-licences': {
    en: 'Hello {company},\n\nSome of your new subscriptions are different products from the old ones, so your users\' licences must be reassigned:\n{changes}\n\nPlease assign the new licences to the same users in the Microsoft 365 admin center (Users > Active users > Licenses and apps) by {by}, when the old subscriptions end.\n\nThank you.',
    'zh-TW': '{company} 您好：\n\n您有部分新的訂用帳戶與原本的產品不同，因此必須重新指派使用者的授權：\n{changes}\n\n請在 {by} 舊訂用帳戶結束之前，於 Microsoft 365 系統管理中心（使用者 > 作用中的使用者 > 授權和應用程式）將新的授權指派給相同的使用者。\n\n謝謝。',
  },
} satisfies Record<CustomerMessageId, Template>;

const PARTS = {
  statusActive: { en: 'Your new subscriptions through us are already active, so your users keep working.', 'zh-TW': '您透過我們購買的新訂用帳戶已經啟用，您的使用者可以照常使用。' },
  statusComing: { en: 'We are setting up your new subscriptions before then, so your users keep working.', 'zh-TW': '我們會在那之前為您設定新的訂用帳戶，您的使用者可以照常使用。' },
  direct: {
    en: '\n\nBecause you bought these directly from Microsoft, please stop them from renewing: in the Microsoft 365 admin center, go to Billing > Your products, select each subscription and turn off recurring billing. It then ends by itself on its end date. If a subscription was already cancelled early, Microsoft 365 billing support may grant a credit: open a billing support request in the admin center.',
    'zh-TW': '\n\n由於這些訂用帳戶是直接向 Microsoft 購買的，請停止自動續約：在 Microsoft 365 系統管理中心，前往「帳單 > 您的產品」，選取每個訂用帳戶並關閉週期性計費。之後它會在結束日期自行結束。如果訂用帳戶已經提早取消，Microsoft 365 帳單支援可能會提供點數：請在系統管理中心提出帳單支援要求。',
  },
  ea: {
    en: '\n\nYour Enterprise Agreement licences stop on the end date itself; the new subscriptions are in place before then.',
    'zh-TW': '\n\n您的 Enterprise Agreement 授權會在結束日期當天停止；新的訂用帳戶會在那之前準備就緒。',
  },
} satisfies Record<string, Template>;

/** A calendar day for the customer's language, in UTC so it never shifts. */
export function messageDay(day: IsoDate, lang: MessageLang): string {
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));
}

const PLACEHOLDER_RE = /\{([a-z]+)\}/g;

/** Placeholders that may stay empty (an optional paragraph); any other must have a value. */
const OPTIONAL = new Set(['direct']);

/** Fills `{name}` placeholders; throws when a required one has no value. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER_RE, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || (value.trim() === '' && !OPTIONAL.has(name))) throw new RangeError(`No value for {${name}}`);
    return value;
  });
}

function seatsLine(offer: string, seats: number, lang: MessageLang): string {
  return lang === 'en' ? `- ${offer}: ${seats} ${seats === 1 ? 'licence' : 'licences'}` : `- ${offer}：${seats} 個授權`;
}

function originalsList(originals: readonly OriginalSubscription[], lang: MessageLang): string {
  return originals
    .map((o) => (lang === 'en' ? `${seatsLine(o.offer, o.seats, lang)}, ends ${messageDay(o.expiresOn, lang)}` : `${seatsLine(o.offer, o.seats, lang)}，於 ${messageDay(o.expiresOn, lang)} 結束`))
    .join('\n');
}

/** Control characters out (a pasted name cannot break the layout), one line per value. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
}

export interface MessageMove extends Pick<Move, 'companyName' | 'domain' | 'program' | 'originals' | 'provisioned' | 'step'> {
  path?: MessagePath;
}

function earliest(days: readonly IsoDate[]): IsoDate | undefined {
  return [...days].sort()[0];
}

/** The messages this move can send now, each in both languages; those whose facts are missing are left out. */
export function customerMessages(move: MessageMove, ctx: MessageContext = {}): CustomerMessage[] {
  const path: MessagePath = move.path ?? 'manual';
  const company = clean(move.companyName) || clean(move.domain);
  const domain = clean(move.domain) || company;
  const end = earliest(move.originals.map((o) => o.expiresOn));
  const bought = move.provisioned.filter((p) => p.seats > 0);
  const boughtOn = earliest(bought.map((p) => p.provisionedOn));
  const out: CustomerMessage[] = [];
  const add = (id: CustomerMessageId, values: (lang: MessageLang) => Record<string, string>) => {
    const text = {} as Record<MessageLang, string>;
    for (const lang of MESSAGE_LANGS) text[lang] = fill(T[id][lang], { company, ...values(lang) });
    out.push({ id, text });
  };

  const link = ctx.invitationLink?.trim();
  if (link && company) add('relationship-request', () => ({ domain, link }));
  if (!company) return out;

  const list = (lang: MessageLang) => bought.map((p) => seatsLine(clean(p.offer), p.seats, lang)).join('\n');
  if (path === 'manual' && bought.length && boughtOn && end) {
    add('subscriptions-set-up', (lang) => ({ date: messageDay(boughtOn, lang), bought: list(lang), end: messageDay(end, lang) }));
  }
  if (path === 'ea-channel-transfer' && bought.length && end) {
    add('creation-scheduled', (lang) => ({ end: messageDay(end, lang), bought: list(lang) }));
  }
  if (path === 'partner-transfer' && move.originals.length) {
    add('transfer-requested', (lang) => ({ originals: originalsList(move.originals, lang) }));
  }
  // Microsoft's own mails go to customers leaving a Microsoft-billed subscription (not another partner's).
  if (path !== 'partner-transfer' && move.originals.length) {
    add('microsoft-mails', (lang) => ({
      originals: originalsList(move.originals, lang),
      status: (bought.length ? PARTS.statusActive : PARTS.statusComing)[lang],
      direct: programPart(move.program, lang),
    }));
  }
  const changes = reassignments(move);
  if (changes.length && end) {
    const by = earliest(changes.map((c) => c.original.expiresOn)) ?? end;
    add('reassign-licences', (lang) => ({
      changes: changes.map((c) => `- ${clean(c.original.offer)} → ${c.to.map(clean).join(' + ')}`).join('\n'),
      by: messageDay(by, lang),
    }));
  }
  return out;
}

function programPart(program: Program, lang: MessageLang): string {
  if (program === 'direct') return PARTS.direct[lang];
  if (program === 'ea') return PARTS.ea[lang];
  return '';
}

/** Originals no provisioned offer carries on, with the provisioned products that carry on none (what replaces them). */
function reassignments(move: MessageMove): Array<{ original: OriginalSubscription; to: string[] }> {
  const m = moveOfferMatch(move);
  if (!m.needsLicenseReassignment) return [];
  const replacements = move.provisioned.filter((p) => p.seats > 0 && offerMatch(move.originals, p).matchedOriginals.length === 0).map((p) => p.offer);
  if (!replacements.length) return [];
  return m.unmatchedOriginals.map((original) => ({ original, to: replacements }));
}
