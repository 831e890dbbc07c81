/**
 * The inline status badge beside a tracked customer's name: its step, the days to the earliest
 * expiry and the urgency, in words (colour only repeats what the text says). Each badge is a tiny
 * element with its own shadow root: the grid's styles do not reach in, ours do not leak out.
 */
import { daysBetween } from '../../../core/dates';
import type { IsoDate } from '../../../core/model';
import type { BadgeFact } from '../../../shared/badge-facts';
import { formatDay, RELATIVE_DAYS, t, tn } from '../../../shared/i18n';

export interface BadgeView {
  text: string;
  title: string;
  urgency: string;
  days?: number;
}

/**
 * Words kept in `words` for the page view under `id`: a page of 500 rows asks for the same day
 * counts (plural rules, number formats) and titles again and again. Plain messages need no keeping
 * here: `t()` keeps them.
 */
function kept(words: Map<string, string> | undefined, id: string, make: () => string): string {
  let text = words?.get(id);
  if (text === undefined) {
    text = make();
    words?.set(id, text);
  }
  return text;
}

/** The badge in words, from the background's fact (the next action and urgency are judged there). */
export function badgeView(fact: BadgeFact, today: IsoDate, words?: Map<string, string>): BadgeView {
  const expiry = fact.expiresOn;
  const days = expiry === undefined ? undefined : daysBetween(today, expiry);
  const parts = [t(`badgeStep_${fact.step}`)];
  // Days only within 60 ("2016 days left" says less than the date).
  if (days !== undefined && expiry !== undefined && Math.abs(days) > RELATIVE_DAYS) parts.push(t(days < 0 ? 'badgeExpiredOn' : 'badgeExpiresOn', [formatDay(expiry)]));
  else if (days !== undefined) {
    parts.push(kept(words, `days ${days}`, () => (days < 0 ? tn('badgeExpiredAgo', -days) : days === 0 ? t('badgeExpiresToday') : tn('badgeDaysLeft', days))));
  }
  if (fact.urgency === 'overdue' || fact.urgency === 'urgent' || fact.urgency === 'soon') parts.push(t(`badgeUrgency_${fact.urgency}`));
  return {
    text: parts.join(' · '),
    title: kept(words, `title ${fact.action}`, () => `${t('extName')}: ${t(`action_${fact.action}`)}`),
    urgency: fact.urgency,
    ...(days === undefined ? {} : { days }),
  };
}

const CSS = `:host{all:initial;display:inline-block;vertical-align:middle;margin-inline-start:6px}
span{display:inline-block;font:600 11px/16px "Segoe UI",system-ui,"Microsoft JhengHei",sans-serif;padding:0 6px;border-radius:8px;border:1px solid;white-space:nowrap;max-width:24em;overflow:hidden;text-overflow:ellipsis;background:#f3f9fd;color:#004e8c;border-color:#c7e0f4}
.overdue,.urgent{background:#fde7e9;color:#a4262c;border-color:#a4262c}
.soon{background:#fff4ce;color:#6d3f00;border-color:#c19c00}
.none{background:#dff6dd;color:#0b5a08;border-color:#9fd89f}`;

/** A new badge element for `customerId` (not yet in the page). */
export function createBadge(customerId: string): HTMLElement {
  const host = document.createElement('csp-move-badge');
  host.setAttribute('data-csp-move', 'badge');
  host.setAttribute('data-customer-id', customerId);
  // Inline, so no page rule can hide or restyle the host itself.
  host.style.cssText = 'all:initial;display:inline-block;vertical-align:middle;margin-inline-start:6px';
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style, document.createElement('span'));
  return host;
}

/**
 * What each badge shows, kept on our side: reading `dataset.key` (a missing name on the page's
 * DOMStringMap) cost about 0.1 ms a read from the content script's world, 27 ms per 8 s on the busy list.
 */
const shown = new WeakMap<HTMLElement, string>();

/** Shows `view` in `badge`; does nothing when it already shows it. */
export function updateBadge(badge: HTMLElement, fact: BadgeFact, view: BadgeView): void {
  const key = `${fact.step}|${view.text}|${view.title}`;
  if (shown.get(badge) === key) return;
  shown.set(badge, key);
  badge.setAttribute('data-step', fact.step);
  badge.setAttribute('data-urgency', view.urgency);
  if (view.days === undefined) badge.removeAttribute('data-days');
  else badge.setAttribute('data-days', String(view.days));
  badge.title = view.title;
  const span = badge.shadowRoot?.querySelector('span');
  if (span) {
    span.className = view.urgency;
    span.textContent = view.text;
  }
}
