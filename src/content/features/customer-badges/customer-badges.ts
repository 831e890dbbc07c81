/**
 * Status badges beside tracked customers in the customers grid.
 *
 * Placement: the grid's rows live in its shadow root, but the name is a LIGHT DOM element slotted
 * into `th#cell-displayName-{id}` (`<slot name="displayName-{id}">`). The badge goes into the same
 * light DOM as a sibling of the name, with the same `slot` name: the slot shows both, the badge
 * right after the name. Why not inside the cell: the shadow tree is the component's private render
 * output (its renderer may drop or trip over foreign nodes), while a named slot is the component's
 * public way to put content in a cell. Why not inside the name element: it is a link button; the
 * badge would change its accessible name and navigate on click. A grid re-render clears slotted
 * content, so stale badges go with it. When a row has no slot, the badge goes into the name cell.
 *
 * Cost at 5,000 rows: rows are re-read only in the tree scopes that changed, the background pushes
 * every tracked customer's badge fact to the tab (tracked.ts `BadgeFacts`): a new page of rows is
 * badged in the same callback that saw it, with no request. No per-row observers.
 */
import { perFrame } from '../../dom';
import type { Init } from '../../registry';
import { nameCell, nameSlot } from '../../scrape';
import { badgeFacts, customerRows } from '../../tracked';
import { badgeView, createBadge, updateBadge } from './badge';

const init: Init = (signal) => {
  const rows = customerRows(signal);
  const facts = badgeFacts(signal);
  const badges = new Map<string, HTMLElement>();
  const words = new Map<string, string>();
  const apply = () => {
    const visible = rows.current();
    for (const [id, badge] of badges) {
      if (!badge.isConnected || !visible.has(id) || !facts.get(id)) {
        badge.remove();
        badges.delete(id);
      }
    }
    const { today } = facts;
    if (!today) return;
    const strays = new Map<Element, Map<string, Element[]>>();
    for (const [id, row] of visible) {
      const fact = facts.get(id);
      if (!fact) continue;
      badges.set(id, place(row, id, badges.get(id), strays, (badge) => updateBadge(badge, fact, badgeView(fact, today, words))));
    }
  };
  // New rows: at once (the rows' own callback). Facts pushed: in the next frame.
  rows.subscribe(apply, signal);
  facts.subscribe(perFrame('badges', apply, signal), signal);
  apply();
  signal.addEventListener('abort', () => {
    for (const b of badges.values()) b.remove();
  });
};
export default init;

/**
 * The badge for row `id`, in place and `fill`ed: `current` if it is still where it belongs, else a
 * new one, filled before it goes into the page (its text and attributes then cost no style or
 * mutation work of the page's). `strays`: the badges already in each container, by customer, read
 * once per container and pass (the grid's host holds every row's name: one query per badge was
 * one scan of 500 names each).
 */
function place(row: Element, id: string, current: HTMLElement | undefined, strays: Map<Element, Map<string, Element[]>>, fill: (badge: HTMLElement) => void): HTMLElement {
  const slot = nameSlot(row, id);
  const host = slot ? (row.getRootNode() as ShadowRoot).host : undefined;
  const container = host ?? nameCell(row) ?? row;
  const slotName = host && slot ? slot.name : '';
  if (current && current.parentNode === container && current.slot === slotName) {
    fill(current);
    return current;
  }
  current?.remove();
  let inContainer = strays.get(container);
  if (!inContainer) {
    strays.set(container, (inContainer = new Map()));
    for (const b of container.querySelectorAll(':scope > [data-csp-move="badge"]')) {
      const of = b.getAttribute('data-customer-id') ?? '';
      const list = inContainer.get(of);
      if (list) list.push(b);
      else inContainer.set(of, [b]);
    }
  }
  // Never two: a badge left by an earlier run (or anyone) for this customer goes first.
  for (const old of inContainer.get(id) ?? []) old.remove();
  inContainer.delete(id);
  const badge = createBadge(id);
  if (slotName) badge.slot = slotName;
  fill(badge);
  container.append(badge);
  return badge;
}
