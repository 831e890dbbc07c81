/**
 * Where the panel may sit: nowhere over a control the partner can reach on the page (a button, a
 * link, a field, the pager, an open dialog). The page is measured, not assumed: the same panel
 * yields on the customers list, on add products and beside the reseller dialog.
 */
import { isFrameScope, isOurs, openScopes } from '../dom';

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
/** Distances from the viewport's right and bottom edges, and the height the panel may take. */
export interface Spot {
  right: number;
  bottom: number;
  maxHeight: number;
  /** Square pixels of page controls under the panel (0: none). */
  covered: number;
}

const MARGIN = 16;
const STEP = 16;
/** Space kept between the panel and a control. */
const GAP = 4;

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The spot nearest the bottom-right corner (where the panel docks) that covers no obstacle, as tall
 * as the panel wants or, failing that, shorter down to `minHeight` (its body scrolls). When no spot
 * is clear, the one covering the least.
 */
export function choosePlacement(view: { width: number; height: number }, panel: { width: number; height: number }, minHeight: number, obstacles: readonly Rect[]): Spot {
  const w = Math.min(panel.width, view.width - 2 * MARGIN);
  const wanted = Math.min(panel.height, view.height - 2 * MARGIN);
  const floor = Math.min(minHeight, wanted);
  const heights = [...new Set([wanted, Math.round(wanted * 0.75), Math.round(wanted * 0.5), floor].filter((h) => h >= floor))];
  const grown = obstacles.map((o) => ({ left: o.left - GAP, top: o.top - GAP, right: o.right + GAP, bottom: o.bottom + GAP }));
  const xs: number[] = [];
  for (let x = view.width - MARGIN - w; x > MARGIN; x -= STEP) xs.push(x);
  xs.push(MARGIN);
  let best: (Spot & { distance: number }) | undefined;
  for (const h of heights) {
    const ys: number[] = [];
    for (let y = view.height - MARGIN - h; y > MARGIN; y -= STEP) ys.push(y);
    ys.push(MARGIN);
    for (const x of xs) {
      for (const y of ys) {
        // Nearest the corner: the panel stays where the partner expects it.
        const distance = view.width - MARGIN - w - x + (view.height - MARGIN - h - y);
        // A clear spot nearer the corner is already found: this one cannot win (a look on a grid
        // page tries thousands of spots against every control in view).
        if (best && best.covered === 0 && distance >= best.distance) continue;
        const r = { left: x, top: y, right: x + w, bottom: y + h };
        let covered = 0;
        // Covering more than the best so far already: it cannot win either.
        for (let i = 0; i < grown.length && !(best && covered > best.covered); i++) covered += overlap(r, grown[i]!);
        if (!best || covered < best.covered || (covered === best.covered && (best.covered > 0 ? h < best.maxHeight : distance < best.distance))) {
          best = { right: Math.round(view.width - x - w), bottom: Math.round(view.height - y - h), maxHeight: h, covered, distance };
        }
      }
    }
    if (best && best.covered === 0) break;
  }
  const { distance: _d, ...spot } = best!;
  return spot;
}

const CONTROLS =
  'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="checkbox"], [role="tab"], [role="menuitem"], [role="switch"], [role="combobox"], [role="searchbox"], [contenteditable="true"], [tabindex]:not([tabindex="-1"])';
/** An open dialog or side panel is kept clear whole: its text is what the partner reads. */
const SURFACES = '[role="dialog"], [role="alertdialog"], dialog[open]';

/**
 * The page's topmost element at a point, through open shadow roots, as if our UI were not there
 * (`pageObstacles` makes the panel transparent to hit testing while it measures). Looking beneath the
 * panel keeps the obstacles the same wherever the panel sits: otherwise a control behind a modal
 * backdrop counted only while the panel covered it, and the panel flipped between two spots at
 * every scroll or mutation (a click aimed at it landed on the page). `elementFromPoint`, not
 * `elementsFromPoint`: on a 500-row grid the full stack costs ~8× as much per point.
 */
function pageElementAt(x: number, y: number): Element | null {
  let el = document.elementFromPoint(x, y);
  while (el?.shadowRoot) {
    const inner = el.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === el) break;
    el = inner;
  }
  // Ours all the same (a badge in a page's row): the whole stack at that point, ours skipped.
  return el && ours(el) ? pageElementBeneath(x, y) : el;
}

function pageElementBeneath(x: number, y: number): Element | null {
  const notOurs = (els: Element[]) => els.find((e) => !ours(e)) ?? null;
  let el = notOurs(document.elementsFromPoint(x, y));
  while (el?.shadowRoot) {
    const inner = notOurs(el.shadowRoot.elementsFromPoint(x, y));
    if (!inner || inner === el) break;
    el = inner;
  }
  return el;
}

function composedContains(outer: Element, inner: Element | null): boolean {
  for (let n: Node | null = inner; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if (n === outer) return true;
  return false;
}

function ours(el: Element): boolean {
  for (let n: Node | null = el; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) if (n instanceof Element && isOurs(n)) return true;
  return false;
}

/**
 * The page's controls and open dialogs in view that a pointer could reach were our panel not there:
 * a control behind a modal backdrop is not one, wherever the panel is. `within`: only those that
 * overlap it (whether the panel's spot is still clear: the hit tests, most of a look's cost, only
 * for the controls under the panel).
 */
export function pageObstacles(panelHost: HTMLElement, within?: Rect): Rect[] {
  // The panel lets hit tests through while the page is measured. Only its host: a style write on
  // every badge would wake the page's own attribute observers (a hit on a badge takes the whole
  // stack instead).
  const was = panelHost.style.pointerEvents;
  panelHost.style.pointerEvents = 'none';
  try {
    return measureObstacles(within);
  } finally {
    panelHost.style.pointerEvents = was;
  }
}

function measureObstacles(within?: Rect): Rect[] {
  const out: Rect[] = [];
  const inView = (r: DOMRect) =>
    r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth && (!within || overlap(r, within) > 0);
  // The scopes the shared observer already knows (no walk of a 5,000-row page at every look). A
  // frame (a button around its slot) draws inside its host: one whose host is out of view holds no
  // control in view (a 500-row page has 500 of them, a few dozen in view). A host without a box of
  // its own (`display: contents`) is no such bound: looked inside.
  const scopes = openScopes().filter((s) => {
    if (!(s instanceof ShadowRoot) || !isFrameScope(s)) return true;
    const r = s.host.getBoundingClientRect();
    return r.width === 0 || r.height === 0 || inView(r);
  });
  // Where it is first, whether it is ours after: few are in view, and `ours` walks up to the document.
  for (const el of scopes.flatMap((s) => [...s.querySelectorAll(SURFACES)])) {
    const r = el.getBoundingClientRect();
    if (inView(r) && !ours(el)) out.push(r);
  }
  for (const el of scopes.flatMap((s) => [...s.querySelectorAll(CONTROLS)])) {
    const r = el.getBoundingClientRect();
    if (!inView(r) || ours(el)) continue;
    const cx = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const cy = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    // The control, something in it, or a shadow host around it: a component's button shows a label
    // slotted from the host's light DOM, and a hit on that label is retargeted to the host. Anything
    // else there (a backdrop, a sheet, the page behind a clipped row) is what the pointer reaches.
    const hit = pageElementAt(cx, cy);
    if (hit && (composedContains(el, hit) || (hit.shadowRoot !== null && composedContains(hit, el)))) out.push(r);
  }
  return out;
}
