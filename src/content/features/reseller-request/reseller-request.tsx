/**
 * "Request a reseller relationship" on the customers list. The panel opens in place (no URL
 * change); it is recognised by structure: something showing the invitation link, whose
 * `invType=ResellerRelationship` parameter is the same in every UI language. The link names the
 * partner, not the customer, so the extension cannot know whom it was sent to: when the partner
 * copies it (a `copy` event, or a click on the panel's copy button or its mail link — composed
 * events, seen across shadow roots), the overlay asks which customers it went to, listing those
 * visible in the grid (the grid's selected row preselected), and marks them "relationship requested".
 */
import { useEffect, useMemo, useReducer, useState } from 'preact/hooks';
import { t, tn } from '../../../shared/i18n';
import { send } from '../../connection';
import { composedClosest, fromOurUi, guard, observeDeep, openScopes, textOf, type Changed, type Root } from '../../dom';
import type { Init } from '../../registry';
import { INVITATION_MARK, invitationIn, invitationUrl, isCopyLabel, rowDomain, rowName, rowSelected } from '../../scrape';
import { customerRows, pageMoves, type CustomerRows, type PageMoves } from '../../tracked';
import type { Move } from '../../../core/model';
import { act } from '../../ui/overlay';
import type { ModelStore } from '../../ui/overlay-model';
import { pageOverlay } from '../../ui/page-overlay';

/** A 5,000-row page lists the first few hundred; the filter finds the others. */
const MAX_SHOWN = 200;

/**
 * Every customer row seen on the list since this tab opened (the content script lives as long as
 * the tab, across in-app navigation): the picker's search reaches them while the request dialog's
 * backdrop keeps the grid from paging. Bounded; the oldest go first.
 */
const SEEN_LIMIT = 20_000;
const seenOnList = new Map<string, Candidate>();
function rememberRows(rows: ReadonlyMap<string, Element>): void {
  for (const [id, row] of rows) {
    if (seenOnList.has(id)) continue;
    seenOnList.set(id, { id, name: rowName(row, id) || id, domain: rowDomain(row) });
    if (seenOnList.size > SEEN_LIMIT) seenOnList.delete(seenOnList.keys().next().value as string);
  }
}

interface Candidate {
  id: string;
  name: string;
  domain: string;
}

const init: Init = (signal, page) => {
  const model = pageOverlay(signal, page);
  const rows = customerRows(signal);
  const moves = pageMoves(signal);
  rememberRows(rows.current());
  rows.subscribe(() => rememberRows(rows.current()), signal);
  /** The element showing the link, and the dialog around it (null for a page-like panel). */
  let panel: { link: Element; dialog: Element | null } | null = null;
  let picking = false;

  const openPicker = (why: 'copied' | 'asked') => {
    if (picking) return;
    picking = true;
    // The picker takes the hint's place (the overlay must not grow over the panel).
    model.dropCallout('request-hint');
    const preselected = [...rows.current()].filter(([, row]) => rowSelected(row)).map(([id]) => id);
    model.callout(
      {
        id: 'request-picker',
        tone: 'info',
        marker: 'request-picker',
        line: t('requestWho'),
        primary: true,
        body: <Picker model={model} rows={rows} moves={moves} signal={signal} preselected={preselected} why={why} onClose={closePicker} />,
      },
      signal,
    );
  };
  const closePicker = () => {
    picking = false;
    model.dropCallout('request-picker');
    if (panel) showHint();
  };

  const showHint = () =>
    !picking &&
    model.callout(
      {
        id: 'request-hint',
        tone: 'info',
        marker: 'request-hint',
        body: (
          <>
            <p>{t('requestHint')}</p>
            <button type="button" data-csp-move="request-choose" onClick={() => openPicker('asked')}>
              {t('requestChoose')}
            </button>
          </>
        ),
      },
      signal,
    );

  const check = (roots: Iterable<Root>, changed?: Changed) => {
    // The dialog (more stable than the link, which re-renders with the DAP option) says whether it is open.
    if (panel && !(panel.dialog ?? panel.link).isConnected) {
      // The panel closed (Done, Escape): the hint goes, an open picker stays until answered.
      panel = null;
      model.dropCallout('request-hint');
    }
    if (panel) return;
    for (const root of roots) {
      const link = root.isConnected ? invitationIn(root, changed?.get(root)) : null;
      if (!link) continue;
      panel = { link, dialog: composedClosest(link, '[role="dialog"], [role="alertdialog"], dialog') };
      showHint();
      // The link names the partner: remembered for the message to the customer.
      const url = invitationUrl(link);
      if (url) void send('settings/set', { invitationLink: url }).catch(() => undefined);
      return;
    }
  };
  check(openScopes());
  observeDeep((dirty, changed) => check(dirty, changed), signal);

  /** The event happened inside the panel (its dialog, or the scope that shows the link). */
  const inPanel = (e: Event) => {
    if (!panel) return false;
    const scope = panel.dialog ?? panel.link.getRootNode();
    return e.composedPath().includes(scope as EventTarget);
  };
  document.addEventListener(
    'click',
    (e) => {
      if (!panel || fromOurUi(e) || !inPanel(e)) return;
      guard('request-click', () => {
        for (const n of e.composedPath()) {
          if (n === panel?.dialog) break;
          if (!(n instanceof Element)) continue;
          const mail = n.localName === 'a' && (n.getAttribute('href') ?? '').startsWith('mailto:');
          const button = n.localName === 'button' || n.localName.endsWith('button') || n.getAttribute('role') === 'button';
          if (mail || (button && isCopyLabel(`${textOf(n)} ${n.getAttribute('aria-label') ?? ''} ${n.getAttribute('title') ?? ''}`))) {
            openPicker('copied');
            return;
          }
        }
      });
    },
    { capture: true, signal },
  );
  document.addEventListener(
    'copy',
    (e) => {
      if (!panel || fromOurUi(e)) return;
      guard('request-copy', () => {
        const target = e.composedPath()[0];
        let copied = document.getSelection()?.toString() ?? '';
        if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
          copied += target.value.slice(target.selectionStart ?? 0, target.selectionEnd ?? target.value.length);
        }
        if (inPanel(e) || copied.toLowerCase().includes(INVITATION_MARK)) openPicker('copied');
      });
    },
    { capture: true, signal },
  );
};
export default init;

function Picker(props: {
  model: ModelStore;
  rows: CustomerRows;
  moves: PageMoves;
  signal: AbortSignal;
  preselected: string[];
  why: 'copied' | 'asked';
  onClose: () => void;
}) {
  const { model, rows, moves, signal } = props;
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const [checked, setChecked] = useState(() => new Set(props.preselected));
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  // Customers seen while the picker is open: paging or searching the grid adds to the list.
  const [seen] = useState(() => new Map<string, Candidate>());
  // Tracked customers the search found (their moves: the grid may not show them).
  const [found, setFound] = useState<ReadonlyMap<string, Move>>(new Map());
  const [searching, setSearching] = useState(false);
  useEffect(() => {
    const local = new AbortController();
    const both = AbortSignal.any([signal, local.signal]);
    const refresh = () => bump(0);
    rows.subscribe(refresh, both);
    moves.subscribe(refresh, both);
    return () => local.abort();
  }, []);
  const visible = rows.current();
  moves.want(visible.keys());
  for (const [id, row] of visible) if (!seen.has(id)) seen.set(id, { id, name: rowName(row, id) || id, domain: rowDomain(row) });
  const q = filter.trim().toLowerCase();
  // A search reaches past the page: the rows seen on the list this session, and the tracked moves.
  useEffect(() => {
    if (!q) {
      setFound(new Map());
      return;
    }
    let stale = false;
    setSearching(true);
    const timer = setTimeout(() => {
      send('moves/search', { query: q, limit: MAX_SHOWN })
        .then((r) => {
          if (!stale) setFound(new Map(r.moves.map((m) => [m.customerId, m])));
        })
        .catch(() => undefined)
        .finally(() => !stale && setSearching(false));
    }, 150);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [q]);
  if (q) {
    for (const c of seenOnList.values()) if (!seen.has(c.id) && matches(c, q)) seen.set(c.id, c);
    for (const m of found.values()) if (!seen.has(m.customerId)) seen.set(m.customerId, { id: m.customerId, name: m.companyName || m.customerId, domain: m.domain });
  }
  const list = useMemo(() => [...seen.values()], [seen.size]);
  const matching = list.filter((c) => checked.has(c.id) || visible.has(c.id) || (q && (found.has(c.id) || seenOnList.has(c.id)))).filter((c) => checked.has(c.id) || !q || matches(c, q)); // the checked stay in view
  const shown = matching.slice(0, MAX_SHOWN);
  /** The move behind a candidate: the page's cache for rows in view, else what the search found. */
  const moveOf = (id: string): Move | null | undefined => {
    const m = moves.get(id);
    if (m !== undefined) return m;
    if (found.has(id)) return found.get(id);
    return undefined;
  };
  // Rows seen earlier but not in view: ask for their moves too.
  if (q) moves.want(shown.map((c) => c.id));

  if (done !== null) {
    return (
      <div>
        <p class="success" role="status">
          {tn('requestMarked', done)}
        </p>
        <button type="button" onClick={props.onClose}>
          {t('ovClose')}
        </button>
      </div>
    );
  }
  const toggle = (id: string) => {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChecked(next);
  };
  const confirm = () => {
    const customers = [...checked].map((id) => seen.get(id)).filter((c): c is Candidate => !!c && canMark(moveOf(c.id)));
    if (!customers.length) return;
    setBusy(true);
    void act(model, async () => {
      const r = await send('moves/requested', { customers: customers.map((c) => ({ customerId: c.id, companyName: c.name, ...(c.domain ? { domain: c.domain } : {}) })) });
      setDone(r.moves.length);
    }).finally(() => setBusy(false));
  };
  const selectable = [...checked].filter((id) => canMark(moveOf(id))).length;
  return (
    <div>
      <p>
        <strong>{props.why === 'copied' ? t('requestCopied') : t('requestWho')}</strong>
      </p>
      <p class="muted">{t('requestSameLink')}</p>
      <label>
        {t('requestSearch')}{' '}
        <input type="search" value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} data-csp-move="request-filter" />
      </label>
      {searching && <span class="muted" role="status"> {t('requestSearching')}</span>}
      <div class="pick" role="group" aria-label={t('requestWho')}>
        {shown.length === 0 && <p class="muted">{t('requestNoRows')}</p>}
        {matching.length > shown.length && <p class="muted">{t('requestMore', [String(shown.length), String(matching.length)])}</p>}
        {shown.map((c) => {
          const move = moveOf(c.id);
          return (
            <label key={c.id} data-customer-id={c.id}>
              <input type="checkbox" checked={checked.has(c.id) && canMark(move)} disabled={!canMark(move)} onChange={() => toggle(c.id)} /> <span class="name">{c.name}</span>{' '}
              <span class="muted">
                {c.id}
                {move && ` · ${t('alreadyTracked', [t(`step_${move.step}`)])}`}
              </span>
            </label>
          );
        })}
      </div>
      <div class="actions">
        <button type="button" class="primary" data-csp-move="request-confirm" disabled={busy || selectable === 0} onClick={confirm}>
          {t('requestMark', [String(selectable)])}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('ovCancel')}
        </button>
      </div>
    </div>
  );
}

/** Untracked, or tracked but only planned: the request just sent is what a planned move waits for. */
function canMark(move: Move | null | undefined): boolean {
  return move === null || move?.step === 'planned';
}

function matches(c: Candidate, q: string): boolean {
  return c.name.toLowerCase().includes(q) || c.domain.toLowerCase().includes(q) || c.id.includes(q);
}
