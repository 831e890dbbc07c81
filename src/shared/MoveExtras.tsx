/**
 * Beside a move's steps, in the overlay and the popup's move view: its timeline drawn, the
 * reminders standing today (acknowledge, snooze 1/3/7 days) and the messages to the customer (copy
 * in English or Traditional Chinese, whatever the UI language). Everything comes from the
 * background's `moves/extras`; the caller passes its own `send` (content or popup side).
 */
import { useEffect, useState } from 'preact/hooks';
import { daysBetween } from '../core/dates';
import type { CustomerMessage, MessageLang } from '../core/customer-messages';
import type { IsoDate } from '../core/model';
import type { Reminder, SnoozeDays } from '../core/reminders';
import type { TimelineDates } from '../core/timeline';
import { timelineSpan } from '../core/timeline';
import { formatDay, formatNumber, t } from './i18n';
import type { MessageType, RequestOf, ResponseOf } from './protocol';
import { reminderReason, reminderTitle } from './reminder-text';

type Send = <K extends MessageType>(type: K, payload: RequestOf<K>) => Promise<ResponseOf<K>>;
export type Extras = ResponseOf<'moves/extras'>;

// ---------------------------------------------------------------------------------------------
// The timeline

const W = 300;
const PAD = 8;

interface Mark {
  key: 'today' | 'requested' | 'suggested' | 'purchased' | 'endDate' | 'serviceEnd';
  day: IsoDate;
  label: string;
}

function marks(d: TimelineDates): Mark[] {
  const out: Mark[] = [];
  if (d.requested) out.push({ key: 'requested', day: d.requested, label: t('tl_requested') });
  if (d.suggested) out.push({ key: 'suggested', day: d.suggested, label: t('tl_suggested') });
  if (d.purchased) out.push({ key: 'purchased', day: d.purchased, label: t('tl_purchased') });
  if (d.endDate) out.push({ key: 'endDate', day: d.endDate, label: t('tl_endDate') });
  if (d.serviceEnd && d.serviceEnd !== d.endDate) out.push({ key: 'serviceEnd', day: d.serviceEnd, label: t('tl_serviceEnd') });
  out.push({ key: 'today', day: d.today, label: t('tl_today') });
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** A small figure: the SVG draws, the list beside it says every date in words (read by screen readers). */
export function Timeline({ dates }: { dates: TimelineDates }) {
  const list = marks(dates);
  if (list.length < 2 && !dates.overlap) return null;
  const span = timelineSpan(dates);
  const total = Math.max(1, daysBetween(span.from, span.to));
  const x = (day: IsoDate) => PAD + ((W - 2 * PAD) * daysBetween(span.from, day)) / total;
  const o = dates.overlap;
  const w = dates.window;
  return (
    <figure class="timeline" data-csp-move="timeline">
      <svg viewBox={`0 0 ${W} 40`} width="100%" height="40" aria-hidden="true" focusable="false">
        <line x1={PAD} x2={W - PAD} y1="22" y2="22" class="tl-axis" />
        {o && o.days > 0 && (
          <rect class="tl-overlap" data-csp-move="timeline-overlap-band" x={x(o.from)} width={Math.max(2, x(o.to) - x(o.from))} y="14" height="16" rx="2" />
        )}
        {w && <rect class="tl-window" x={x(w.from)} width={Math.max(2, x(w.to) - x(w.from))} y="32" height="5" rx="2" />}
        {list.map((m) =>
          m.key === 'today' ? (
            <line key={m.key} class="tl-today" x1={x(m.day)} x2={x(m.day)} y1="4" y2="38" />
          ) : (
            <circle key={m.key} class={`tl-${m.key}`} cx={x(m.day)} cy="22" r="4" />
          ),
        )}
      </svg>
      <figcaption>
        <ul class="tl-dates">
          {list.map((m) => (
            <li key={m.key} data-mark={m.key}>
              <span class={`tl-key tl-${m.key}`} aria-hidden="true" />
              {m.label}: {formatDay(m.day)}
            </li>
          ))}
          {w && (
            <li data-mark="window">
              <span class="tl-key tl-window" aria-hidden="true" />
              {t('tl_window', [formatDay(w.to)])}
            </li>
          )}
          {o && (
            <li data-csp-move="timeline-overlap" data-days={String(o.days)} data-recorded={String(o.recorded)}>
              <span class="tl-key tl-overlap" aria-hidden="true" />
              {t(o.recorded ? 'tl_overlap' : 'tl_overlap_planned', [formatNumber(o.days), formatDay(o.from), formatDay(o.to)])}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}

// ---------------------------------------------------------------------------------------------
// Reminders

const SNOOZES: readonly SnoozeDays[] = [1, 3, 7];

export function Reminders({ reminders, send, onChange }: { reminders: Reminder[]; send: Send; onChange: () => void }) {
  const [busy, setBusy] = useState(false);
  if (!reminders.length) return null;
  const run = (task: Promise<unknown>) => {
    setBusy(true);
    void task.then(onChange, onChange).finally(() => setBusy(false));
  };
  return (
    <section class="reminders" aria-label={t('remindersTitle')} data-csp-move="reminders">
      <ul class="list">
        {reminders.map((r) => (
          <li key={r.subject} data-csp-move="reminder" data-kind={r.kind} data-subject={r.subject}>
            <strong>{reminderTitle(r)}</strong>
            <span class="muted"> {reminderReason(r)}</span>
            <span class="actions">
              <button type="button" disabled={busy} data-csp-move="reminder-ack" onClick={() => run(send('reminders/acknowledge', { subjects: [r.subject] }))}>
                {t('remAcknowledge')}
              </button>
              {SNOOZES.map((n) => (
                <button
                  type="button"
                  key={n}
                  disabled={busy}
                  data-csp-move="reminder-snooze"
                  data-days={String(n)}
                  aria-label={`${t('remSnooze')}: ${t(n === 1 ? 'remSnooze_1' : n === 3 ? 'remSnooze_3' : 'remSnooze_7')}`}
                  onClick={() => run(send('reminders/snooze', { subjects: [r.subject], days: n }))}
                >
                  {t(n === 1 ? 'remSnooze_1' : n === 3 ? 'remSnooze_3' : 'remSnooze_7')}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Messages to the customer

const LANGS: readonly MessageLang[] = ['en', 'zh-TW'];

function messageName(id: CustomerMessage['id']): string {
  switch (id) {
    case 'relationship-request':
      return t('msg_relationship_request');
    case 'subscriptions-set-up':
      return t('msg_subscriptions_set_up');
    case 'creation-scheduled':
      return t('msg_creation_scheduled');
    case 'transfer-requested':
      return t('msg_transfer_requested');
    case 'microsoft-mails':
      return t('msg_microsoft_mails');
    case 'reassign-licences':
      return t('msg_reassign_licences');
  }
}

export function Messages({ messages, linkKnown }: { messages: CustomerMessage[]; linkKnown: boolean }) {
  const [copied, setCopied] = useState<string>('');
  if (!messages.length && linkKnown) return null;
  const copy = (m: CustomerMessage, lang: MessageLang) => {
    void navigator.clipboard.writeText(m.text[lang]).then(
      () => setCopied(`${m.id}:${lang}`),
      () => setCopied(''),
    );
  };
  return (
    <details class="messages" data-csp-move="messages">
      <summary>{t('messagesTitle')}</summary>
      {!linkKnown && <p class="muted">{t('msgNoLink')}</p>}
      <ul class="list">
        {messages.map((m) => (
          <li key={m.id} data-message={m.id}>
            <span>{messageName(m.id)}</span>
            <span class="actions">
              {LANGS.map((lang) => (
                <button type="button" key={lang} data-csp-move="copy-message" data-message={m.id} data-lang={lang} aria-pressed={copied === `${m.id}:${lang}`} onClick={() => copy(m, lang)}>
                  {lang === 'en' ? t('msgCopyEn') : t('msgCopyZhTw')}
                </button>
              ))}
            </span>
          </li>
        ))}
      </ul>
      <p class="muted" role="status">{copied ? t('msgCopied') : ''}</p>
    </details>
  );
}

// ---------------------------------------------------------------------------------------------
// Together, loaded for one move

/** Loads the move's extras and reloads them when `version` changes (the move was updated). */
export function MoveExtras({ customerId, send, version }: { customerId: string; send: Send; version: string }) {
  const [extras, setExtras] = useState<Extras | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    send('moves/extras', { customerId }).then(
      (x) => live && setExtras(x),
      () => live && setExtras(null),
    );
    return () => {
      live = false;
    };
  }, [customerId, version, tick]);
  if (!extras) return null;
  const linkKnown = extras.messages.some((m) => m.id === 'relationship-request');
  return (
    <div class="extras">
      <Reminders reminders={extras.reminders} send={send} onChange={() => setTick((n) => n + 1)} />
      <Timeline dates={extras.timeline} />
      <Messages messages={extras.messages} linkKnown={linkKnown} />
    </div>
  );
}
