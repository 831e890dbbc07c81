/**
 * The list of moves, virtualised: only the rows in view (plus a few above and below) are in the
 * DOM, absolutely positioned at `index × ROW_HEIGHT` inside a spacer as tall as all rows. Fixed row
 * height keeps the math trivial and exact (logic.ts `windowRange`); no library is needed for that,
 * and the small ones around assume React.
 *
 * Screen readers still get the whole picture: the list says how many rows it has
 * (`aria-setsize`) and each rendered row its position (`aria-posinset`). Keyboard: one row is in
 * the tab order (roving tabindex); ↑/↓, PageUp/PageDown, Home/End move between rows (scrolling
 * them into view), Enter edits, Tab goes to that row's buttons (only the active row's buttons are in
 * the tab order: Tab does not walk every row's Open/Edit/Delete).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { customerAccountUrl } from '../core/routes';
import type { RowFacts } from '../shared/row-facts';
import { addDays } from '../core/dates';
import { dayWords, dueWords, t } from '../shared/i18n';
import { expiryTone, scrollToReveal, stepProgress, windowRange, type MoveRow } from './logic';

/** Room for the next action on two lines: it wraps, never cut (Row). */
export const ROW_HEIGHT = 100;
const OVERSCAN = 4;

export interface RowActions {
  open: (row: MoveRow) => void;
  edit: (row: MoveRow) => void;
  remove: (row: MoveRow) => void;
}

export function MoveList(props: {
  rows: readonly MoveRow[];
  label: string;
  actions: RowActions;
  busyIds: ReadonlySet<string>;
  /** Changes when the search or filters change: back to the top. */
  resetKey: string;
}) {
  const { rows } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // A first guess (the popup's list area, or the window in a tab) until the ResizeObserver reports.
  const [viewport, setViewport] = useState(() => (document.body.classList.contains('tab') ? window.innerHeight : 420));
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);

  // The viewport's height comes from a ResizeObserver (called after layout, before paint): reading
  // clientHeight here would force a synchronous layout of the whole page into the first render.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const h = entries[entries.length - 1]?.contentRect.height;
      if (h !== undefined && h > 0) setViewport(Math.ceil(h));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new search or filter starts at the top; a live update (a move changed elsewhere) keeps the
  // place, and a list that shrank below the scroll position is clamped by windowRange.
  const mounted = useRef(false);
  useLayoutEffect(() => {
    // Not on mount: the list starts at the top, and reading scrollTop would force a layout.
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    const el = scroller.current;
    if (el && el.scrollTop !== 0) el.scrollTop = 0;
    setScrollTop(0);
    setActive(0);
  }, [props.resetKey]);
  useEffect(() => {
    setActive((a) => Math.min(a, Math.max(0, rows.length - 1)));
  }, [rows.length]);

  // Chrome fires scroll events at most once per frame already: no throttling needed.
  const onScroll = () => {
    if (scroller.current) setScrollTop(scroller.current.scrollTop);
  };

  const range = windowRange(scrollTop, viewport, ROW_HEIGHT, rows.length, OVERSCAN);
  const activeRendered = active >= range.start && active < range.end;
  const tabStop = activeRendered ? active : range.start;

  const moveTo = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    setActive(i);
    const el = scroller.current;
    if (el) {
      const top = scrollToReveal(i, el.scrollTop, el.clientHeight, ROW_HEIGHT);
      if (top !== el.scrollTop) {
        el.scrollTop = top;
        setScrollTop(top);
      }
    }
    focusPending.current = true;
  };

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  });

  const onRowKey = (e: KeyboardEvent, index: number, row: MoveRow) => {
    if (e.target !== e.currentTarget) return; // Keys inside the row's buttons are theirs.
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const to: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: rows.length - 1 };
    if (e.key in to) {
      e.preventDefault();
      moveTo(to[e.key]!);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      props.actions.edit(row);
    }
  };

  const items = [];
  for (let i = range.start; i < range.end; i++) {
    const row = rows[i]!;
    items.push(
      <Row
        key={row.id}
        row={row}
        index={i}
        count={rows.length}
        tabIndex={i === tabStop ? 0 : -1}
        busy={props.busyIds.has(row.id)}
        actions={props.actions}
        onKeyDown={(e) => onRowKey(e, i, row)}
        onFocus={() => setActive(i)}
      />,
    );
  }

  return (
    <div class="list-scroller" ref={scroller} onScroll={onScroll}>
      <div class="list-spacer" role="list" aria-label={props.label} style={{ height: `${range.total}px` }}>
        {items}
      </div>
    </div>
  );
}


function Row(props: {
  row: MoveRow;
  index: number;
  count: number;
  tabIndex: number;
  busy: boolean;
  actions: RowActions;
  onKeyDown: (e: KeyboardEvent) => void;
  onFocus: () => void;
}) {
  const { row, actions } = props;
  const m = row.move;
  const progress = stepProgress(m.path, m.step);
  const action = row.action;
  // "Overdue" only for an action whose day has passed: never "Overdue … by today".
  const urgency = action.urgency === 'overdue' && (action.daysLeft ?? -1) >= 0 ? 'urgent' : action.urgency;
  const days = row.days;
  const tone = expiryTone(days);
  const facts = row.facts;
  const name = m.companyName || m.customerId;
  const nameId = `row-name-${m.customerId}`;
  // The path's own number of steps; a path other than manual is named.
  const stepText = `${progress.complete ? t('popup_stepComplete') : t('popup_stepOf', [String(progress.current), String(progress.total)])} · ${t(`step_${m.step}`)}${m.path !== 'manual' ? ` · ${t(`path_${m.path}`)}` : ''}`;
  return (
    <div
      role="listitem"
      class={`move tone-${tone} urgency-${action.urgency}`}
      style={{ top: `${props.index * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}
      data-csp-move="move-row"
      data-customer-id={m.customerId}
      data-step={m.step}
      data-path={m.path}
      data-action={action.kind}
      data-urgency={action.urgency}
      data-index={props.index}
      aria-setsize={props.count}
      aria-posinset={props.index + 1}
      aria-labelledby={`${nameId} ${nameId}-x ${nameId}-s ${nameId}-a`}
      aria-busy={props.busy ? 'true' : undefined}
      tabIndex={props.tabIndex}
      onKeyDown={props.onKeyDown}
      onFocusIn={props.onFocus}
    >
      <div class="line line-1">
        <span class="name" id={nameId} title={name}>
          {name}
        </span>
        <Expiry id={`${nameId}-x`} days={days} expiry={row.expiry} tone={tone} />
      </div>
      <div class="line line-2 muted">
        <span class="domain" title={m.domain}>
          {m.domain || '—'}
        </span>
        <span class="tenant" title={m.customerId}>
          {m.customerId}
        </span>
      </div>
      <div class="line line-3">
        <span class="progress" aria-hidden="true">
          {Array.from({ length: progress.total }, (_, i) => i).map((i) => (
            <span key={i} class={`seg ${i < progress.current - (progress.complete ? 0 : 1) ? 'done' : i === progress.current - 1 && !progress.complete ? 'now' : ''}`} />
          ))}
        </span>
        <span class="step" id={`${nameId}-s`} title={stepText}>
          {stepText}
        </span>
        <MatchBadge match={facts.match} shortfall={facts.fewerSeats} reassigned={m.licensesReassigned} />
        <span class="row-buttons">
          <a
            href={customerAccountUrl(m.customerId)}
            target="_blank"
            rel="noopener noreferrer"
            class="button small"
            tabIndex={props.tabIndex}
            aria-label={t('popup_openInPcFor', [name])}
            title={t('popup_openInPc')}
            onClick={(e) => {
              e.preventDefault();
              actions.open(row);
            }}
          >
            {t('popup_open')}
          </a>
          <button type="button" class="small" tabIndex={props.tabIndex} aria-label={t('popup_editFor', [name])} onClick={() => actions.edit(row)} data-csp-move="edit">
            {t('popup_edit')}
          </button>
          <button type="button" class="small danger" tabIndex={props.tabIndex} aria-label={t('popup_deleteFor', [name])} onClick={() => actions.remove(row)} disabled={props.busy} data-csp-move="delete">
            {t('popup_delete')}
          </button>
        </span>
      </div>
      <div class="line line-4">
        <span class={`action action-${urgency}`} id={`${nameId}-a`}>
          {urgency === 'overdue' || urgency === 'urgent' ? <strong class="urgency-word">{label(t(`popup_urgency_${urgency}`))}</strong> : null}
          {t(`action_${action.kind}`)}
          {action.dueOn !== undefined && action.kind !== 'none' ? <span class="muted"> · {dueWords(action.dueOn, addDays(action.dueOn, -(action.daysLeft ?? 0)))}</span> : null}
        </span>
      </div>
    </div>
  );
}

/** "Overdue: " in English, "已逾期：" in Chinese (a full-width colon carries its own space). */
function label(word: string): string {
  const l = t('popup_labelColon', [word]);
  return /[：:]$/.test(l) && !l.endsWith('：') ? `${l} ` : l;
}

function Expiry(props: { id: string; days: number | undefined; expiry: string | undefined; tone: ReturnType<typeof expiryTone> }) {
  const { days, expiry, tone } = props;
  if (days === undefined || expiry === undefined) {
    return (
      <span class="expiry tone-none muted" id={props.id}>
        {t('popup_noExpiry')}
      </span>
    );
  }
  // The date always; how far it is only within 60 days ("expired Mar 3, 2020", not "2493 days ago").
  const words = dayWords(expiry, addDays(expiry, -days));
  const text = days < 0 ? t('popup_expiredOn', [words]) : t('popup_expiresOnDay', [words]);
  // Words carry the state (not colour alone): "Overdue" / "Due soon" before the date.
  const word = tone === 'overdue' ? t('popup_overdue') : tone === 'urgent' || tone === 'soon' ? t('popup_dueSoon') : '';
  return (
    <span class={`expiry tone-${tone}`} id={props.id} data-days={days}>
      {word ? (
        <strong class="tone-word">
          {tone === 'overdue' ? '⚠ ' : ''}
          {label(word)}
        </strong>
      ) : null}
      {text}
    </span>
  );
}

function MatchBadge(props: { match: RowFacts['match']; shortfall: boolean; reassigned: boolean }) {
  if (props.match === 'none') return null;
  return (
    <span class="badges">
      <span class={`badge match-${props.match}`} data-match={props.match}>
        {props.match === 'different' && props.reassigned ? t('popup_match_different_reassigned') : t(`popup_match_${props.match}`)}
      </span>
      {props.shortfall ? (
        <span class="badge seats-fewer" data-seats="fewer">
          {t('popup_fewerSeats')}
        </span>
      ) : null}
    </span>
  );
}
