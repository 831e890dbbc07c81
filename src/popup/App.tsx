/**
 * The popup (also opened as a tab with `?tab` for large portfolios): pending moves most urgent
 * first, search and filters, edit / delete with undo, add by hand, CSV import, export and backup,
 * settings. Data comes from the background (`moves/list`) and is ranked once per load; change
 * notices from the background (`moves/changed`) update the rows they name in place.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { localDay } from '../core/dates';
import { nextAction, ruleSettings } from '../core/urgency';
import { STEPS, type IsoDate, type Move, type Step } from '../core/model';
import type { Settings } from '../core/schema';
import { send } from './client';
import { formatNumber, t, tn } from '../shared/i18n';
import { isChangeNotice } from '../shared/client';
import type { Status } from '../shared/protocol';
import { ConfirmDialog } from './Dialog';
import { toErrorInfo, type ErrorInfo } from '../shared/client';
import { NextWeeks, useUpcoming } from './NextWeeks';
import { ErrorBox } from './fields';
import { applyChanges, countDone, filterRows, parseWhole, rankedRows, type Filters, type MoveRow, type RankContext } from './logic';
import { MoveList } from './MoveList';
import { openAsTab, openInPartnerCenter, TAB_MODE } from './platform';
import { lazy } from '../shared/lazy';

// The first paint carries the list only: the other views and the dialogs load when first shown
// (the dialogs ahead of that, once the list is in).
const ImportView = lazy('import', () => import('./ImportView').then((m) => m.ImportView));
const DataView = lazy('data', () => import('./DataView').then((m) => m.DataView));
const SettingsView = lazy('settings', () => import('./SettingsView').then((m) => m.SettingsView));
const EditDialog = lazy('edit', () => import('./EditDialog').then((m) => m.EditDialog));
const AddDialog = lazy('add', () => import('./AddDialog').then((m) => m.AddDialog));

type View = 'moves' | 'import' | 'data' | 'settings';
const VIEWS: readonly View[] = ['moves', 'import', 'data', 'settings'];

interface Data {
  rows: MoveRow[];
  ctx: RankContext;
  settings: Settings;
  /** Set while only the first screen is in: the number of moves still coming in total. */
  partial?: number;
}

interface Toast {
  text: string;
  undo?: Move;
}

export const SEARCH_DEBOUNCE_MS = 100;

/** performance.measure name: script time from the first screen arriving to its rendered rows. */
export const FIRST_RENDER_MEASURE = 'csp-popup-first-render';

/** The first screen's worth, ranked by the background: painted before anything else is read. */
const FIRST_SCREEN = 40;
/**
 * The rest of the list is read in pages of this many moves (about 160 kB each). The worker serves
 * one message at a time: a change the partner makes while the list loads waits behind at most one
 * page being serialised (at 20,000 moves with full histories, a write took 54–62 ms median at 250
 * a page, 43–49 ms at 100, against 24–29 ms with the list loaded; 1,000 a page: 60–115 ms).
 */
const PAGE = 100;
/** While the list loads, the rows so far are shown this often (not at every page). */
const PARTIAL_MS = 250;

/** Resolves once the frame being prepared has been painted. */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function sameCtx(a: RankContext, today: string, settings: Settings): boolean {
  return a.today === today && a.settings.nudgeAfterDays === settings.nudgeAfterDays;
}

export function App() {
  const [data, setData] = useState<Data | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [view, setView] = useState<View>('moves');
  const settingsDirty = useRef(false);
  const onSettingsDirty = useCallback((dirty: boolean) => {
    settingsDirty.current = dirty;
  }, []);
  /** The view the partner asked for while settings were unsaved (the question is open). */
  const [leaving, setLeaving] = useState<View | null>(null);
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [step, setStep] = useState<Step | ''>('');
  const [due, setDue] = useState('');
  const [needsReassignment, setNeedsReassignment] = useState(false);
  const [showDone, setShowDone] = useState(false);
  const [dueDay, setDueDay] = useState<IsoDate | ''>('');
  const [editId, setEditId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [toast, setToast] = useState<Toast | null>(null);
  const [actionError, setActionError] = useState<ErrorInfo | null>(null);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const dataRef = useRef<Data | null>(null);
  dataRef.current = data;
  const firstRenderStart = useRef<number | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);

  // One full load at a time: asking again while one is running queues exactly one more. Moves
  // changed while one runs (`noticed`) may fall between two pages: re-slotted once it is done.
  const loading = useRef<{ running: boolean; again: boolean; noticed: Set<string> }>({ running: false, again: false, noticed: new Set() });
  const load = async (): Promise<void> => {
    const l = loading.current;
    if (l.running) {
      l.again = true;
      return;
    }
    l.running = true;
    try {
      do {
        l.again = false;
        l.noticed.clear();
        await loadOnce();
      } while (l.again);
    } finally {
      l.running = false;
    }
    if (l.noticed.size > 0) {
      const ids = [...l.noticed];
      l.noticed.clear();
      await refresh(ids).catch(() => load());
    }
  };

  const loadOnce = async () => {
    try {
      const first = dataRef.current === null;
      const head = await send('moves/list', { first: FIRST_SCREEN });
      const ctx: RankContext = { today: head.today, settings: head.settings };
      const seen = new Set<string>();
      const rows = rankedRows(head, ctx, seen);
      let total = head.total;
      if (first) {
        firstRenderStart.current = performance.now();
        if (rows.length < total) setData({ rows, ctx, settings: head.settings, partial: total });
      }
      // The rest in the background's order, a page at a time: no long task, and the first screen
      // paints before the first page is even asked for.
      let shownAt = performance.now();
      for (let offset = head.moves.length; offset < total; offset += PAGE) {
        await nextFrame();
        const page = await send('moves/list', { first: PAGE, offset });
        // A new day or new settings between pages: the pages are of two orders; read again.
        if (!sameCtx(ctx, page.today, page.settings)) {
          loading.current.again = true;
          return;
        }
        rows.push(...rankedRows(page, ctx, seen));
        total = page.total;
        // The rows so far, shown at most every PARTIAL_MS: a render per page filters every row loaded
        // so far (O(n) each, O(n^2) for the load), and a partner's change waits behind it.
        if (first && performance.now() - shownAt >= PARTIAL_MS) {
          shownAt = performance.now();
          setData({ rows: [...rows], ctx, settings: page.settings, partial: total });
        }
      }
      setData({ rows, ctx, settings: head.settings });
      setLoadError(null);
    } catch (err) {
      setLoadError(toErrorInfo(err));
      // The banner may say why (unreadable entries, a newer version's data).
      send('status/get', {}).then(setStatus, () => undefined);
    }
  };

  /** Re-reads only the named moves (what a targeted change notice lists) and re-slots them. */
  const refresh = async (ids: string[]) => {
    const current = dataRef.current;
    if (current === null) return load();
    if (loading.current.running) {
      for (const id of ids) loading.current.noticed.add(id);
      return;
    }
    const r = await send('moves/lookup', { customerIds: ids });
    if (!sameCtx(current.ctx, r.today, r.settings)) return load();
    const found = new Set(r.moves.map((m) => m.customerId));
    setData((d) => (d === null ? d : { ...d, rows: applyChanges(d.rows, r.moves, ids.filter((id) => !found.has(id)), d.ctx), settings: r.settings }));
  };

  // First load, status, and live updates from the background.
  useEffect(() => {
    void load();
    let pending: Set<string> | 'all' | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const p = pending;
      pending = null;
      if (p === 'all') void load();
      else if (p && p.size > 0) void refresh([...p]).catch(() => load());
    };
    const listener = (message: unknown) => {
      if (!isChangeNotice(message)) return undefined;
      // A burst of notices (an import, an edit saving several parts) becomes one update.
      if (message.customerIds === 'all' || pending === 'all') pending = 'all';
      else {
        pending ??= new Set();
        for (const id of message.customerIds) pending.add(id);
      }
      clearTimeout(timer);
      timer = setTimeout(flush, 30);
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => {
      browser.runtime.onMessage.removeListener(listener);
      clearTimeout(timer);
    };
  }, []);

  // Once the whole list is in: the status (it counts every move's next action in the background)
  // and Microsoft's product table. The background ranked the list and stated its rows' facts with
  // that table; the popup needs it for the moves it re-slots itself (a live update), as the
  // background and the offer warning judge offers. Rows stated here before it was read are read again.
  const completeOnce = useRef(false);
  useEffect(() => {
    if (completeOnce.current || data === null || data.partial !== undefined) return;
    completeOnce.current = true;
    setTimeout(() => {
      send('status/get', {}).then(setStatus, () => undefined);
      void EditDialog.preload().catch(() => undefined); // Shown on failure when opened.
      void AddDialog.preload().catch(() => undefined);
      import('../shared/product-table')
        .then((m) => m.loadProductTable())
        .then(() => {
          // Re-slotted by the popup before the table was read: stated and placed again with it.
          setData((d) => {
            const stale = d?.rows.filter((r) => !r.ranked).map((r) => r.move) ?? [];
            return d === null || stale.length === 0 ? d : { ...d, rows: applyChanges(d.rows, stale, [], d.ctx) };
          });
        }, () => undefined);
    }, 0);
  }, [data]);

  useLayoutEffect(() => {
    const start = firstRenderStart.current;
    if (start === null || data === null) return;
    firstRenderStart.current = null;
    performance.measure(FIRST_RENDER_MEASURE, { start, end: performance.now() });
  }, [data]);

  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const dueWithin = due.trim() === '' ? null : parseWhole(due, 0, 100_000);
  const dueInvalid = due.trim() !== '' && dueWithin === null;
  const filters: Filters = { query: debounced, step, dueWithin, needsReassignment, showDone };
  const rows = data?.rows;
  // The next weeks' strip asks the background to go through every move's reminders: after the list.
  const upcoming = useUpcoming(data && data.partial === undefined ? rows : undefined);
  const dayIds = useMemo(() => (dueDay && upcoming ? new Set(upcoming.find((u) => u.day === dueDay)?.customerIds) : null), [dueDay, upcoming]);
  const shown = useMemo(() => (rows ? filterRows(rows, filters).filter((r) => !dayIds || dayIds.has(r.id)) : []), [rows, debounced, step, dueWithin, needsReassignment, showDone, dayIds]);
  const doneCount = useMemo(() => (rows ? countDone(rows) : 0), [rows]);
  const existing = useMemo(
    () => new Map(view === 'import' && rows ? rows.map((r) => [r.id, { companyName: r.move.companyName, program: r.move.program }] as const) : []),
    [rows, view],
  );

  const apply = (changed: Move[], removed: string[] = []) => {
    setData((d) => (d === null ? d : { ...d, rows: applyChanges(d.rows, changed, removed, d.ctx) }));
  };

  const switchView = (v: View) => {
    // Unsaved settings are not dropped silently: ask first.
    if (view === 'settings' && v !== 'settings' && settingsDirty.current) {
      setLeaving(v);
      return;
    }
    setView(v);
    setActionError(null);
    // A toast ("… is back", "Deleted … Undo") speaks of the view it was made in: it does not follow.
    setToast(null);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  const remove = async (row: MoveRow) => {
    setBusyIds((b) => new Set(b).add(row.id));
    setActionError(null);
    try {
      const { deleted } = await send('moves/delete', { customerId: row.id });
      apply([], [row.id]);
      setToast({ text: t('popup_deleted', [deleted.companyName || deleted.customerId]), undo: deleted });
      requestAnimationFrame(() => undoRef.current?.focus());
    } catch (err) {
      setActionError(toErrorInfo(err));
    } finally {
      setBusyIds((b) => {
        const n = new Set(b);
        n.delete(row.id);
        return n;
      });
    }
  };

  const undo = async (move: Move) => {
    try {
      const restored = await send('moves/put', { move });
      apply([restored]);
      setToast({ text: t('popup_undone', [restored.companyName || restored.customerId]) });
    } catch (err) {
      setActionError(toErrorInfo(err));
    }
  };

  const editRow = editId === null ? undefined : data?.rows.find((r) => r.id === editId);
  const editMove = editRow?.move;
  const total = data ? data.rows.length : 0;
  // The move being edited was deleted elsewhere (another tab, Partner Center): close the dialog.
  useEffect(() => {
    if (editId !== null && data !== null && editMove === undefined) setEditId(null);
  }, [editId, data, editMove]);
  const headings: Record<View, string> = {
    moves: t('popup_view_moves'),
    import: t('popup_view_import'),
    data: t('popup_view_data'),
    settings: t('popup_view_settings'),
  };

  return (
    <div class="app">
      <header class="top">
        <h1>{t('extName')}</h1>
        {!TAB_MODE ? (
          <button type="button" class="on-dark" onClick={openAsTab} data-csp-move="open-tab">
            {t('popup_openInTab')}
          </button>
        ) : null}
      </header>
      <nav class="views" aria-label={t('popup_viewsLabel')}>
        {VIEWS.map((v) => (
          <button key={v} type="button" aria-current={view === v ? 'page' : undefined} onClick={() => switchView(v)} data-csp-move={`view-${v}`}>
            {headings[v]}
          </button>
        ))}
      </nav>
      {status && (status.problems.length > 0 || status.readOnly) ? (
        <div class="banner" role="alert">
          {status.readOnly ? t('popup_readOnly') : tn('popup_problems', status.problems.length)}
        </div>
      ) : null}
      <main class={`view view-${view}`}>
        <h2 class="view-title" tabIndex={-1} ref={headingRef}>
          {headings[view]}
        </h2>
        {view === 'moves' ? (
          <>
            <div class="toolbar" role="search">
              <div class="field grow">
                <label for="search">{t('popup_search')}</label>
                <input id="search" type="search" value={query} placeholder={t('popup_searchPlaceholder')} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} data-csp-move="search" autocomplete="off" />
              </div>
              <button type="button" class="primary add" onClick={() => setAdding(true)} data-csp-move="add-move">
                {t('popup_addMove')}
              </button>
            </div>
            <div class="filters">
              <div class="field">
                <label for="f-step">{t('popup_filterStep')}</label>
                <select id="f-step" value={step} onChange={(e) => setStep((e.currentTarget as HTMLSelectElement).value as Step | '')} data-csp-move="filter-step">
                  <option value="">{t('popup_allSteps')}</option>
                  {STEPS.map((s) => (
                    <option key={s} value={s}>
                      {t(`step_${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field narrow">
                <label for="f-due">{t('popup_filterDue')}</label>
                <input
                  id="f-due"
                  type="text"
                  inputMode="numeric"
                  value={due}
                  size={4}
                  aria-invalid={dueInvalid}
                  aria-describedby={dueInvalid ? 'f-due-err' : undefined}
                  onInput={(e) => setDue((e.currentTarget as HTMLInputElement).value)}
                  data-csp-move="filter-due"
                />
                {dueInvalid ? (
                  <span class="error-text" id="f-due-err">
                    {t('popup_fieldError_not_seats')}
                  </span>
                ) : null}
              </div>
              <label class="check">
                <input type="checkbox" checked={needsReassignment} onChange={(e) => setNeedsReassignment((e.currentTarget as HTMLInputElement).checked)} data-csp-move="filter-reassign" />
                {t('popup_filterReassign')}
              </label>
              <button type="button" class="small" aria-pressed={showDone} onClick={() => setShowDone((s) => !s)} data-csp-move="toggle-done">
                {showDone ? t('popup_hideDone', [String(doneCount)]) : t('popup_showDone', [String(doneCount)])}
              </button>
            </div>
            {upcoming ? <NextWeeks upcoming={upcoming} selected={dueDay} onSelect={setDueDay} /> : null}
            <p class="count muted" role="status" data-csp-move="count">
              {data ? tn('popup_showing', total, [formatNumber(shown.length), formatNumber(total)]) : ''}
            </p>
            <ErrorBox error={actionError} />
            {loadError ? <ErrorBox error={loadError} /> : null}
            {data === null && !loadError ? <p class="muted">{t('loading')}</p> : null}
            {data !== null && total === 0 ? (
              <div class="empty">
                <p>{t('popup_empty')}</p>
                <div class="buttons left">
                  <button type="button" onClick={() => switchView('import')}>
                    {t('popup_view_import')}
                  </button>
                </div>
              </div>
            ) : null}
            {data !== null && total > 0 && shown.length === 0 ? <p class="muted empty">{t('popup_noMatch')}</p> : null}
            {data !== null ? (
              <MoveList
                rows={shown}
                resetKey={JSON.stringify([debounced, step, dueWithin, needsReassignment, showDone, dueDay])}
                label={t('popup_listLabel', [String(shown.length)])}
                busyIds={busyIds}
                actions={{
                  open: (r) => openInPartnerCenter(r.id),
                  edit: (r) => setEditId(r.id),
                  remove: (r) => void remove(r),
                }}
              />
            ) : null}
          </>
        ) : null}
        {view === 'import' ? (
          <ImportView
            existing={existing}
            defaultProgram={data?.settings.defaultProgram ?? 'unknown'}
            today={data?.ctx.today ?? localDay(new Date())}
            onShowMoves={(ids) => {
              // One customer: find it; several: the whole list, where they now are.
              const q = ids.length === 1 ? (ids[0] as string) : '';
              setQuery(q);
              setDebounced(q);
              switchView('moves');
            }}
          />
        ) : null}
        {view === 'data' && data ? <DataView moves={() => data.rows.map((r) => r.move)} today={data.ctx.today} leadDays={data.settings.leadDays} nudgeAfterDays={data.settings.nudgeAfterDays} rules={ruleSettings(data.settings)} describe={(m) => nextAction(m, data.ctx.today, data.ctx.settings)} /> : null}
        {view === 'settings' ? <SettingsView onDirty={onSettingsDirty} /> : null}
        {leaving ? (
          <ConfirmDialog
            title={t('popup_unsavedTitle')}
            message={t('popup_unsavedSettings')}
            confirmLabel={t('popup_discardChanges')}
            danger
            hook="unsaved-confirm"
            onCancel={() => setLeaving(null)}
            onConfirm={() => {
              const to = leaving;
              settingsDirty.current = false;
              setLeaving(null);
              switchView(to);
            }}
          />
        ) : null}
      </main>
      <div class="toast-region" role="status" aria-live="polite">
        {toast ? (
          <div class="toast" data-csp-move="toast">
            <span>{toast.text}</span>
            {toast.undo ? (
              <button
                type="button"
                ref={undoRef}
                class="small"
                onClick={() => {
                  const m = toast.undo!;
                  void undo(m);
                }}
                data-csp-move="undo"
              >
                {t('popup_undo')}
              </button>
            ) : null}
            <button type="button" class="small icon" aria-label={t('popup_dismiss')} onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        ) : null}
      </div>
      {editRow && editMove && data ? <EditDialog key={editMove.customerId} move={editMove} action={editRow.action} today={data.ctx.today} settings={data.settings} onClose={() => setEditId(null)} onSaved={(m) => apply([m])} /> : null}
      {adding && data ? (
        <AddDialog
          defaultProgram={data.settings.defaultProgram}
          isTracked={(id) => data.rows.some((r) => r.id === id)}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setToast({ text: t('popup_added') });
          }}
        />
      ) : null}
    </div>
  );
}
