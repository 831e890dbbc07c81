/**
 * The overlay every feature speaks through: a small panel in an open Shadow DOM (styles isolated, the host page's
 * layout untouched: the host is fixed-position and takes no space). Collapsible (Escape collapses),
 * movable by dragging its title or with the arrow keys on it, remembered across pages; it never
 * takes focus by itself. What it shows comes from the page view's model (ui/overlay-model.ts): the
 * migration hints (features/migration-hints/) and the other features' callouts.
 */
import { render } from 'preact';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { t, uiLanguage } from '../../shared/i18n';
import { DEFAULT_OVERLAY_STATE, type OverlayState } from '../../shared/protocol';
import { send } from '../connection';
import { AboutButton, AboutPage } from './about-page';
import type { ModelStore, OverlayModel } from './overlay-model';
import { CSS } from './overlay-css';

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
      {m.hint && <p class="hint">{m.hint}</p>}
      {m.problem && <p class="problem" role="status">{m.problem}</p>}
      {m.notice && !m.problem && <p class="muted" role="status" data-csp-move="diagnostic-notice">{m.notice}</p>}
      {/* What this page is about (a warning, an offer to record) comes before the move's summary. */}
      {m.callouts.map((c) => (
        <div key={c.id} class={`callout ${c.tone}`} data-csp-move={c.marker} {...(c.attrs ?? {})} role={c.tone === 'warn' ? 'alert' : 'status'}>
          {c.body}
        </div>
      ))}
      {m.Main && <m.Main model={model} />}
      {m.error && <p class="problem" role="alert">{m.error}</p>}
      <AboutButton model={model} />
    </div>
  );
}

/** Runs a feature's action; its error (not an orphaned extension's) shows in the overlay. */
export async function act(model: ModelStore, run: () => Promise<unknown>): Promise<void> {
  try {
    model.set({ error: undefined });
    await run();
  } catch (err) {
    if ((err as Error).message !== 'orphaned') model.set({ error: (err as Error).message });
  }
}
