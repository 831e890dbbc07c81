/**
 * The DOM probe: finds each anchor in the document and every open shadow root, counts what
 * qualifies (and the placeholders), and reads where the first match sits (its shadow hosts).
 * Features often share an anchor (the customers grid's rows): one query per anchor per check.
 */
import { GUID } from '../../core/model';
import { openScopes, textOf, type Root } from '../dom';
import type { PageMatch } from '../pages';
import type { Anchor } from '../registry';
import { productIdIn } from '../scrape';
import { hostsAsExpected, type AnchorCount } from './verdicts';

/** A tenant id (GUID), anywhere in a string. */
/** A GUID anywhere in a string. */
export const GUID_RE = new RegExp(GUID, 'i');

/** Bound on the shadow-host chains read around a match. */
export const MAX_CHAIN = 30;

export interface Probe {
  count: AnchorCount;
  found: Element[];
  placeholders: Element[];
  /** A selector this browser does not take: reported as not found. */
  error?: boolean;
}

/** The tree scopes to query: the document and every open shadow root in it. */
export function scopes(): Root[] {
  return openScopes();
}

function qualifies(a: Anchor, el: Element, page: PageMatch): boolean {
  const id = el.getAttribute('id') ?? '';
  switch (a.match) {
    case 'guid-id':
      return GUID_RE.test(id);
    case 'product-id':
      return productIdIn(id.replace(/^row-/i, '')) !== '';
    case 'product-text':
      return productIdIn(textOf(el)) !== '';
    case 'customer-id':
      return !!page.customerId && textOf(el).toLowerCase().includes(page.customerId);
    case 'text':
      return textOf(el) !== '';
    case 'slotted':
      return [...el.querySelectorAll('slot')].some((slot) => slot.assignedElements().some((e) => textOf(e) !== ''));
    default:
      return true;
  }
}

/** The anchor's matches now; `memo` (one per check) answers a second feature naming the same anchor. */
export function probe(a: Anchor, page: PageMatch, roots: readonly Root[], memo: Map<string, Probe>): Probe {
  const key = `${a.selector} ${a.match ?? ''}`;
  const known = memo.get(key);
  if (known) return { ...known, count: { ...known.count, id: a.id, need: a.need ?? 'required', group: a.group, emptyWith: a.emptyWith } };
  const found: Element[] = [];
  const placeholders: Element[] = [];
  let error = false;
  try {
    const selector = a.selector.replaceAll('{customerId}', page.customerId ?? '');
    for (const root of roots) for (const el of root.querySelectorAll(selector)) (qualifies(a, el, page) ? found : placeholders).push(el);
  } catch {
    error = true;
  }
  const count: AnchorCount = { id: a.id, need: a.need ?? 'required', group: a.group, emptyWith: a.emptyWith, found: found.length, placeholders: placeholders.length };
  const result = { count, found, placeholders, ...(error ? { error } : {}) };
  memo.set(key, result);
  return result;
}

/** Raw tag names of the shadow hosts around `el`, nearest first. */
export function hostChain(el: Element): string[] {
  const out: string[] = [];
  for (let root = el.getRootNode(); root instanceof ShadowRoot && out.length < MAX_CHAIN; root = root.host.getRootNode()) out.push(root.host.localName);
  return out;
}

/** Ids of the anchors that differ from what the live portal showed: expected ones missing, or found elsewhere. */
export function changedAnchors(anchors: readonly Anchor[], probes: readonly Probe[]): string[] {
  return anchors
    .filter((a, i) => {
      const p = probes[i] as Probe;
      if ((a.need ?? 'required') === 'expected' && p.count.found === 0) return true;
      const first = p.found[0];
      return !!(a.hosts && first && !hostsAsExpected(hostChain(first), a.hosts));
    })
    .map((a) => a.id);
}
