/**
 * The migration hints overlay: a small panel in an open Shadow DOM (styles isolated, the host page's
 * layout untouched: the host is fixed-position and takes no space). Collapsible (Escape collapses),
 * movable by dragging its title or with the arrow keys on it, remembered across pages; it never
 * takes focus by itself.
 */
import { render } from 'preact';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { daysBetween } from '../../core/dates';
import { STEPS, type Move, type Step } from '../../core/model';
import { earliestExpiry, nextAction } from '../../core/urgency';
import { formatDay, t } from '../../shared/i18n';
import { DEFAULT_OVERLAY_STATE, type OverlayState } from '../../shared/protocol';
import { send } from '../connection';
import { customerPath, portalUrl } from '../pages';
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
    <section class={`panel ${ui.collapsed ? 'collapsed' : ''}`} role="complementary" aria-label={t('extName')} onKeyDown={onKey} lang={document.documentElement.lang || undefined}>
      <header onPointerDown={onPointerDown}>
        <span class="title" tabIndex={0} onKeyDown={onTitleKey} aria-label={`${t('extName')}. ${t('overlayMoveHint')}`}>
          {t('extName')}
        </span>
        <button type="button" class="icon" aria-expanded={!ui.collapsed} onClick={() => save({ collapsed: !ui.collapsed })} title={ui.collapsed ? t('expand') : t('collapse')}>
          {ui.collapsed ? '▴' : '▾'}
        </button>
      </header>
      {!ui.collapsed && <Body m={m} model={model} />}
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
      {m.customerId && <CustomerSection m={m} model={model} />}
      {m.callouts.map((c) => (
        <div key={c.id} class={`callout ${c.tone}`} data-csp-move={c.marker} {...(c.attrs ?? {})} role={c.tone === 'warn' ? 'alert' : 'status'}>
          {c.body}
        </div>
      ))}
      {m.error && <p class="problem" role="alert">{m.error}</p>}
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
        <button type="button" class="primary" data-csp-move="track" disabled={!s} onClick={() => void trackFromPage(model)}>
          {t('startTracking')}
        </button>
        {!s && <p class="muted">{t('readingPage')}</p>}
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
  const link = action ? linkFor(action.kind, m) : undefined;
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
        </div>
      )}
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
