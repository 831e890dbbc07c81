/**
 * The migration hints overlay: a small panel in an open Shadow DOM (styles isolated, the host page's
 * layout untouched: the host is fixed-position and takes no space). Collapsible (Escape collapses),
 * movable by dragging its title or with the arrow keys on it, remembered across pages; it never
 * takes focus by itself.
 */
import { render } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { daysBetween } from '../../core/dates';
import { STEPS, type EndBy, type Move, type Step } from '../../core/model';
import { OFFER_CATALOG } from '../../core/offer-catalog';
import { earliestExpiry, nextAction } from '../../core/urgency';
import { formatDay, t, uiLanguage } from '../../shared/i18n';
import { DEFAULT_OVERLAY_STATE, type OriginalInput, type OverlayState } from '../../shared/protocol';
import { send } from '../connection';
import { customerPath, portalUrl } from '../pages';
import { AboutButton, AboutPage } from './about-page';
import type { ModelStore, OverlayModel } from './overlay-model';
import { CSS } from './overlay-css';

const FOUR: readonly Step[] = ['requested', 'accepted', 'provisioned', 'originals-ended'];

export function mountOverlay(model: ModelStore, signal: AbortSignal): HTMLElement {
  const host = document.createElement('csp-move-overlay');
  host.setAttribute('data-csp-move', 'overlay');
  // Fixed and out of flow: the page's layout never moves because of us.
  host.style.cssText = 'all: initial; position: fixed; z-index: 2147483000; right: 16px; bottom: 16px;';
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style);
  const mount = document.createElement('div');
  root.append(mount);
  document.documentElement.append(host);
  render(<Overlay model={model} host={host} />, mount);
  signal.addEventListener('abort', () => {
    render(null, mount);
    host.remove();
  });
  return host;
}

function useModel(model: ModelStore): OverlayModel {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => model.subscribe(() => bump(0)), [model]);
  return model.value;
}

function Overlay({ model, host }: { model: ModelStore; host: HTMLElement }) {
  const m = useModel(model);
  const [ui, setUi] = useState<OverlayState>(DEFAULT_OVERLAY_STATE);
  useEffect(() => {
    send('ui/get', {}).then(setUi, () => undefined);
  }, []);
  useEffect(() => {
    host.style.right = `${ui.right}px`;
    host.style.bottom = `${ui.bottom}px`;
  }, [ui.right, ui.bottom]);
  const save = (patch: Partial<OverlayState>) => {
    setUi((u) => ({ ...u, ...patch }));
    void send('ui/set', patch).catch(() => undefined);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !ui.collapsed) {
      e.stopPropagation();
      save({ collapsed: true });
    }
  };
  const onTitleKey = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 40 : 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const d = moves[e.key];
    if (!d) return;
    e.preventDefault();
    save(clampPosition(ui.right + d[0], ui.bottom + d[1], host));
  };
  const onPointerDown = (e: PointerEvent) => {
    if ((e.target as Element).closest('button')) return;
    const start = { x: e.clientX, y: e.clientY, right: ui.right, bottom: ui.bottom };
    const target = e.currentTarget as HTMLElement;
    target.setPointerCapture(e.pointerId);
    let last = start as { right: number; bottom: number };
    const move = (ev: PointerEvent) => {
      last = clampPosition(start.right - (ev.clientX - start.x), start.bottom - (ev.clientY - start.y), host);
      host.style.right = `${last.right}px`;
      host.style.bottom = `${last.bottom}px`;
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      save(last);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up, { once: true });
  };

  return (
    <section class={`panel ${ui.collapsed ? 'collapsed' : ''}`} role="complementary" aria-label={t('extName')} onKeyDown={onKey} lang={uiLanguage()}>
      <header onPointerDown={onPointerDown}>
        <span class="title" tabIndex={0} onKeyDown={onTitleKey} aria-label={`${t('extName')}. ${t('overlayMoveHint')}`}>
          {t('extName')}
        </span>
        {/* Collapsed, a warning (a different offer, fewer seats) still shows that it is there. */}
        {ui.collapsed && m.callouts.some((c) => c.tone === 'warn') && (
          <span class="flag" role="img" data-csp-move="collapsed-warning" aria-label={t('overlayHasWarning')} title={t('overlayHasWarning')}>
            ⚠
          </span>
        )}
        <button type="button" class="icon" aria-expanded={!ui.collapsed} onClick={() => save({ collapsed: !ui.collapsed })} title={ui.collapsed ? t('expand') : t('collapse')}>
          {ui.collapsed ? '▴' : '▾'}
        </button>
      </header>
      {!ui.collapsed && (m.about ? <AboutPage model={model} /> : <Body m={m} model={model} />)}
    </section>
  );
}

function clampPosition(right: number, bottom: number, host: HTMLElement): { right: number; bottom: number } {
  const r = host.getBoundingClientRect();
  return {
    right: Math.round(Math.min(Math.max(0, right), Math.max(0, innerWidth - r.width))),
    bottom: Math.round(Math.min(Math.max(0, bottom), Math.max(0, innerHeight - 40))),
  };
}

function Body({ m, model }: { m: OverlayModel; model: ModelStore }) {
  return (
    <div class="body">
      <p class="hint">{t(`hint_${m.page.page}`)}</p>
      {m.problem && <p class="problem" role="status">{m.problem}</p>}
      {m.notice && !m.problem && <p class="muted" role="status" data-csp-move="diagnostic-notice">{m.notice}</p>}
      {/* What this page is about (a warning, an offer to record) comes before the move's summary. */}
      {m.callouts.map((c) => (
        <div key={c.id} class={`callout ${c.tone}`} data-csp-move={c.marker} {...(c.attrs ?? {})} role={c.tone === 'warn' ? 'alert' : 'status'}>
          {c.body}
        </div>
      ))}
      {m.customerId && <CustomerSection m={m} model={model} />}
      {m.error && <p class="problem" role="alert">{m.error}</p>}
      <AboutButton model={model} />
    </div>
  );
}

export async function act(model: ModelStore, run: () => Promise<unknown>): Promise<void> {
  try {
    model.set({ error: undefined });
    await run();
  } catch (err) {
    if ((err as Error).message !== 'orphaned') model.set({ error: (err as Error).message });
  }
}

function CustomerSection({ m, model }: { m: OverlayModel; model: ModelStore }) {
  if (m.move === undefined) return <p class="muted">{t('loading')}</p>;
  if (m.move === null) {
    const s = m.scraped;
    return (
      <div class="customer">
        <p>
          <strong>{s?.companyName || m.customerId}</strong> — {t('notTracked')}
        </p>
        <div class="next" data-csp-move="next-action" data-action="request-relationship">
          <p>
            <strong>{t('action_request_relationship')}</strong>
          </p>
          <p class="advice">{t('advice_request_relationship')}</p>
          {m.page.page !== 'customers-list' && (
            <a href={portalUrl(m.page.locale, customerPath.list())} data-csp-move="go">
              {t('goThere')}
            </a>
          )}
        </div>
        <button type="button" class="primary" data-csp-move="track" disabled={!s} onClick={() => void trackFromPage(model)}>
          {t('startTracking')}
        </button>
        {!s && !m.problem && <p class="muted">{t('readingPage')}</p>}
      </div>
    );
  }
  return <MoveSection m={m} move={m.move} model={model} />;
}

async function trackFromPage(model: ModelStore): Promise<void> {
  const s = model.value.scraped;
  if (!s) return;
  await act(model, async () => {
    const move = await send('moves/track', { customerId: s.customerId, companyName: s.companyName, domain: s.domain });
    model.set({ move });
  });
}

function stepTo(model: ModelStore, to: Step, confirmSkip = false): void {
  const move = model.value.move;
  if (!move) return;
  void act(model, async () => {
    const next = await send('moves/step', { customerId: move.customerId, to, confirmSkip });
    model.set({ move: next });
  });
}

function MoveSection({ m, move, model }: { m: OverlayModel; move: Move; model: ModelStore }) {
  const today = m.today ?? new Date().toISOString().slice(0, 10);
  const action = m.settings ? nextAction(move, today, m.settings) : undefined;
  const idx = STEPS.indexOf(move.step);
  const earliest = earliestExpiry(move);
  const days = earliest ? daysBetween(today, earliest) : undefined;
  const next = STEPS[idx + 1];
  const prev = STEPS[idx - 1];
  const link = action && action.kind !== 'record-originals' ? linkFor(action.kind, m) : undefined;
  return (
    <div class="customer" data-step={move.step}>
      <p>
        <strong>{move.companyName}</strong>
        {move.domain && <span class="muted"> · {move.domain}</span>}
      </p>
      <ol class="steps" aria-label={t('stepsLabel')}>
        {FOUR.map((s, i) => {
          const state = move.step === 'done' || i < idx ? 'done' : i === idx ? 'current' : 'todo';
          return (
            <li key={s} class={state} aria-current={state === 'current' ? 'step' : undefined}>
              <span class="dot" aria-hidden="true">{state === 'done' ? '✓' : i + 1}</span>
              {t(`step_${s}`)}
              {move.stepDates[s] && <span class="muted"> · {formatDay(move.stepDates[s] as string)}</span>}
            </li>
          );
        })}
      </ol>
      {move.step === 'done' && <p class="success">{t('step_done')}</p>}
      {days !== undefined && earliest && (
        <p class={`expiry ${days < 0 ? 'overdue' : days <= 30 ? 'soon' : ''}`} data-csp-move="expiry" data-days={String(days)}>
          {days < 0 ? t('expiredDaysAgo', [String(-days)]) : t('expiresInDays', [String(days)])} ({formatDay(earliest)})
        </p>
      )}
      {action && action.kind !== 'none' && (
        <div class={`next ${action.urgency}`} data-csp-move="next-action" data-action={action.kind}>
          <p>
            <strong>{t(`action_${action.kind}`)}</strong>
          </p>
          <p class="advice">{t(`advice_${action.kind}`)}</p>
          {link && (
            <a href={link} data-csp-move="go">
              {t('goThere')}
            </a>
          )}
          {action.kind === 'reassign-licenses' && (
            <p>
              <button type="button" data-csp-move="licenses-reassigned" onClick={() => void act(model, async () => model.set({ move: await send('moves/licenses', { customerId: move.customerId, reassigned: true }) }))}>
                {t('licensesReassigned')}
              </button>
            </p>
          )}
        </div>
      )}
      <Originals move={move} model={model} open={action?.kind === 'record-originals'} />
      <div class="actions">
        {next && (
          <button type="button" class="primary" data-csp-move="advance" onClick={() => stepTo(model, next)}>
            {t('markDone', [t(`step_${next}`)])}
          </button>
        )}
        {prev && (
          <button type="button" data-csp-move="undo" onClick={() => stepTo(model, prev)}>
            {t('undoStep')}
          </button>
        )}
      </div>
    </div>
  );
}

function linkFor(kind: string, m: OverlayModel): string | undefined {
  const id = m.customerId;
  if (!id) return undefined;
  const loc = m.page.locale;
  const here = location.pathname;
  const target =
    kind === 'provision'
      ? customerPath.addProducts(id)
      : kind === 'wait-for-expiry' || kind === 'let-originals-end' || kind === 'confirm-originals-ended' || kind === 'reassign-licenses'
        ? customerPath.subscriptions(id)
        : kind === 'request-relationship' || kind === 'nudge-customer' || kind === 'wait-for-acceptance'
          ? customerPath.list()
          : customerPath.account(id);
  const url = portalUrl(loc, target);
  return here.toLowerCase().endsWith(target.toLowerCase()) ? undefined : url;
}

/** The originals recorded for the move, and an inline form to add one (offer, seats, expiry, how it ends). */
function Originals({ move, model, open }: { move: Move; model: ModelStore; open: boolean }) {
  const [adding, setAdding] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Only after the partner asked for the form: the overlay never takes focus by itself.
    if (adding) first.current?.focus();
  }, [adding]);
  const save = (originals: OriginalInput[]) =>
    act(model, async () => {
      const next = await send('moves/originals', { customerId: move.customerId, originals });
      model.set({ move: next });
      setAdding(false);
    });
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const added = readForm(e.currentTarget as HTMLFormElement);
    if (added) void save([...move.originals, added]);
  };
  return (
    <div class="originals" data-csp-move="originals">
      {move.originals.length > 0 && (
        <>
          <p class="muted">{t('originalsTitle')}</p>
          <ul class="list">
            {move.originals.map((o) => (
              <li key={o.id}>
                {o.offer} · {t('seatsN', [String(o.seats)])} · {formatDay(o.expiresOn)} · {t(`endBy_${o.endBy}`)}{' '}
                <button type="button" class="link" data-csp-move="original-remove" title={t('ovRemove')} aria-label={`${t('ovRemove')}: ${o.offer}`} onClick={() => void save(move.originals.filter((x) => x.id !== o.id))}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {adding ? (
        <form data-csp-move="originals-form" onSubmit={onSubmit}>
          <label>
            {t('originalOffer')}
            <input ref={first} name="offer" list="csp-move-offers" required maxLength={300} autoComplete="off" />
          </label>
          <datalist id="csp-move-offers">
            {OFFER_CATALOG.flatMap((o) => [o.displayName, ...o.zhTwNames]).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <label>
            {t('originalSeats')}
            <input name="seats" type="number" min={0} step={1} required />
          </label>
          <label>
            {t('originalExpires')}
            <input name="expiresOn" type="date" required />
          </label>
          <label>
            {t('originalEndBy')}
            <select name="endBy">
              <option value="expire">{t('endBy_expire')}</option>
              <option value="cancel">{t('endBy_cancel')}</option>
            </select>
          </label>
          <div class="actions">
            <button type="submit" class="primary" data-csp-move="originals-save">
              {t('ovSave')}
            </button>
            <button type="button" onClick={() => setAdding(false)}>
              {t('ovCancel')}
            </button>
          </div>
        </form>
      ) : (
        <p>
          <button type="button" class={open ? 'primary' : ''} data-csp-move="originals-add" onClick={() => setAdding(true)}>
            {t('addOriginal')}
          </button>
        </p>
      )}
    </div>
  );
}

/** The form's original, or null when a field is missing or invalid (the browser has said why). */
function readForm(form: HTMLFormElement): OriginalInput | null {
  if (!form.reportValidity()) return null;
  const data = new FormData(form);
  const offer = String(data.get('offer') ?? '').trim();
  const seats = Number(data.get('seats'));
  const expiresOn = String(data.get('expiresOn') ?? '');
  const endBy: EndBy = data.get('endBy') === 'cancel' ? 'cancel' : 'expire';
  if (!offer || !Number.isSafeInteger(seats) || seats < 0 || !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) return null;
  return { offer, seats, expiresOn, endBy };
}
