/**
 * The overlay every feature speaks through: a small panel in an open Shadow DOM (styles isolated, the host page's
 * layout untouched: the host is fixed-position and takes no space). Placed clear of the page's
 * controls (placement.ts); collapsible (Escape collapses; collapsed, it still says in one line what
 * waits); movable by dragging its title or with the arrow keys on it, remembered per page type
 * (double-click the title to let it place itself again); it never takes focus by itself. What it shows comes from the page view's model (ui/overlay-model.ts): the
 * migration hints (features/migration-hints/) and the other features' callouts.
 */
import { render } from 'preact';
import { useEffect, useReducer, useRef, useState } from 'preact/hooks';
import { formatNumber, t, uiLanguage } from '../../shared/i18n';
import { DEFAULT_OVERLAY_STATE, type OverlayPosition, type OverlayState } from '../../shared/ui-state';
import { send } from '../connection';
import { afterPaint, observeDeep, onlySetAside, perFrame } from '../dom';
import { AboutButton, LazyAboutPage } from './about-button';
import type { ModelStore, OverlayModel } from './overlay-model';
import { CSS } from './overlay-css';
import { choosePlacement, pageObstacles, type Spot } from './placement';

export function mountOverlay(model: ModelStore, signal: AbortSignal): HTMLElement {
  const host = document.createElement('csp-move-overlay');
  host.setAttribute('data-csp-move', 'overlay');
  // Fixed and out of flow: the page's layout never moves because of us. Hidden until placed.
  host.style.cssText = 'all: initial; position: fixed; z-index: 2147483000; right: 16px; bottom: 16px; visibility: hidden;';
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style);
  const mount = document.createElement('div');
  root.append(mount);
  document.documentElement.append(host);
  render(<Overlay model={model} host={host} signal={signal} />, mount);
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

/**
 * Keeps the panel clear of the page's controls (placement.ts): at first paint, when the page or the
 * panel changes, after a scroll or a resize. A spot that is still clear is kept (no jumping while
 * the partner reads); a position the partner dragged to on this page type is used as is.
 */
/** How often the page's own mutations may make the panel look again where it may sit. */
const MUTATION_LOOK_MS = 1000;

function usePlacement(host: HTMLElement, panel: { current: HTMLElement | null }, dragged: OverlayPosition | undefined, signal: AbortSignal): void {
  const draggedRef = useRef(dragged);
  draggedRef.current = dragged;
  useEffect(() => {
    let current: Spot | undefined;
    const place = () => {
      const el = panel.current;
      if (!el || signal.aborted) return;
      const fixed = draggedRef.current;
      if (fixed) {
        const p = clampPosition(fixed.right, fixed.bottom, host);
        host.style.right = `${p.right}px`;
        host.style.bottom = `${p.bottom}px`;
        el.style.maxHeight = '';
        host.style.visibility = '';
        current = undefined;
        return;
      }
      const natural = [...el.children].reduce((h, c) => h + (c as HTMLElement).scrollHeight, 2);
      const width = el.getBoundingClientRect().width;
      // A spot still clear, and tall enough, is kept: only the controls under the panel are looked at.
      if (current && current.maxHeight >= Math.min(natural, innerHeight - 32) && !pageObstacles(host, host.getBoundingClientRect()).length) return;
      const obstacles = pageObstacles(host);
      current = choosePlacement({ width: innerWidth, height: innerHeight }, { width, height: natural }, Math.min(natural, 140), obstacles);
      host.style.right = `${current.right}px`;
      host.style.bottom = `${current.bottom}px`;
      el.style.maxHeight = `${current.maxHeight}px`;
      host.style.visibility = '';
    };
    const soon = perFrame('overlay placement', place, signal);
    const later = afterPaint('overlay placement', place, signal);
    let settle = 0;
    // After a scroll has settled: controls move under a fixed panel while the page scrolls.
    const onScroll = () => {
      clearTimeout(settle);
      settle = window.setTimeout(soon, 120);
    };
    addEventListener('scroll', onScroll, { capture: true, passive: true, signal });
    addEventListener('resize', soon, { signal });
    signal.addEventListener('abort', () => clearTimeout(settle));
    // The page's mutations: at most one look a second (a busy page mutates every frame, and a look
    // measures every control in view), just after a frame is painted (reading the page's layout
    // then costs none); the first after a quiet second is at the next frame. A busy feed set aside
    // whose box kept its size moved nothing: no look for it (it reported twice a second).
    let last = -Infinity;
    let timer = 0;
    const look = () => {
      timer = 0;
      last = performance.now();
      later();
    };
    observeDeep((_, changed) => {
      if (onlySetAside(changed)) return;
      if (!timer) timer = window.setTimeout(look, Math.max(0, last + MUTATION_LOOK_MS - performance.now()));
    }, signal);
    signal.addEventListener('abort', () => clearTimeout(timer));
    const sizes = new ResizeObserver(soon);
    if (panel.current) for (const c of panel.current.children) sizes.observe(c);
    signal.addEventListener('abort', () => sizes.disconnect());
    soon();
    return () => sizes.disconnect();
  }, [dragged?.right, dragged?.bottom]);
}

function Overlay({ model, host, signal }: { model: ModelStore; host: HTMLElement; signal: AbortSignal }) {
  const m = useModel(model);
  const [ui, setUi] = useState<OverlayState>(DEFAULT_OVERLAY_STATE);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    send('ui/get', {}).then(setUi, () => undefined);
  }, []);
  const pageType = m.page.page;
  const dragged = ui.positions[pageType];
  usePlacement(host, panel, dragged, signal);
  const save = (patch: Partial<OverlayState>) => {
    setUi((u) => ({ ...u, ...patch }));
    void send('ui/set', patch).catch(() => undefined);
  };
  const savePosition = (p: OverlayPosition | undefined) => {
    const positions = { ...ui.positions };
    if (p) positions[pageType] = p;
    else delete positions[pageType];
    save({ positions });
  };
  const position = () => {
    const r = host.getBoundingClientRect();
    return { right: Math.round(innerWidth - r.right), bottom: Math.round(innerHeight - r.bottom) };
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
    const at = position();
    savePosition(clampPosition(at.right + d[0], at.bottom + d[1], host));
  };
  const onPointerDown = (e: PointerEvent) => {
    if ((e.target as Element).closest('button')) return;
    const at = position();
    const start = { x: e.clientX, y: e.clientY, ...at };
    const target = e.currentTarget as HTMLElement;
    target.setPointerCapture(e.pointerId);
    let last: OverlayPosition | undefined;
    const move = (ev: PointerEvent) => {
      last = clampPosition(start.right - (ev.clientX - start.x), start.bottom - (ev.clientY - start.y), host);
      host.style.right = `${last.right}px`;
      host.style.bottom = `${last.bottom}px`;
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      if (last) savePosition(last);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up, { once: true });
  };

  // What waits for the partner on this page, in one line each ("Record what you bought?").
  const waiting = m.callouts.filter((c) => c.line);
  return (
    <section ref={panel} class={`panel ${ui.collapsed ? 'collapsed' : ''}`} role="complementary" aria-label={t('extName')} onKeyDown={onKey} lang={uiLanguage()}>
      <header onPointerDown={onPointerDown} onDblClick={() => savePosition(undefined)}>
        <span class="title" tabIndex={0} onKeyDown={onTitleKey} aria-label={`${t('extName')}. ${t('overlayMoveHint')}`}>
          {t('extName')}
        </span>
        {/* Collapsed, a warning (a different offer, fewer seats) still shows that it is there. */}
        {ui.collapsed && m.callouts.some((c) => c.tone === 'warn') && (
          <span class="flag" role="img" data-csp-move="collapsed-warning" aria-label={t('overlayHasWarning')} title={t('overlayHasWarning')}>
            ⚠
          </span>
        )}
        {ui.collapsed && waiting.length > 0 && (
          <span class="count" data-csp-move="collapsed-count" aria-hidden="true">
            {formatNumber(waiting.length)}
          </span>
        )}
        <button type="button" class="icon" aria-expanded={!ui.collapsed} onClick={() => save({ collapsed: !ui.collapsed })} title={ui.collapsed ? t('expand') : t('collapse')}>
          {ui.collapsed ? '▴' : '▾'}
        </button>
      </header>
      {ui.collapsed && waiting[0] && (
        <button type="button" class="waiting" data-csp-move="collapsed-line" onClick={() => save({ collapsed: false })}>
          {waiting[0].line}
        </button>
      )}
      {!ui.collapsed && (m.about ? <LazyAboutPage model={model} /> : <Body m={m} model={model} />)}
    </section>
  );
}

function clampPosition(right: number, bottom: number, host: HTMLElement): OverlayPosition {
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
