/**
 * Which way each fact on the page was read, per page view: the readers (scrape.ts) say how they
 * succeeded, the features note it here, and "About this page" and the diagnostic report list it.
 * Only fact names and `Via` words are kept, never what was read (the report holds no page data).
 */
import type { Via } from './scrape';

export type Fact = 'customerId' | 'customerName' | 'domain' | 'offer' | 'quantity' | 'order';

/** `none`: the fact was looked for and could not be read (the partner is asked instead). */
export type ReadWay = Via | 'none';

export interface FactRead {
  fact: Fact;
  via: ReadWay;
}

let current: { signal: AbortSignal; reads: Map<Fact, ReadWay> } | undefined;
const listeners = new Set<() => void>();

/** A new page view: what the previous one read is forgotten. */
export function startReads(signal: AbortSignal): void {
  const view = { signal, reads: new Map<Fact, ReadWay>() };
  current = view;
  signal.addEventListener('abort', () => {
    if (current === view) current = undefined;
  });
}

/** Notes how `fact` was read now (`null`: it could not be). Listeners hear only real changes. */
export function noteRead(fact: Fact, via: Via | null): void {
  if (!current || current.signal.aborted) return;
  const way: ReadWay = via ?? 'none';
  if (current.reads.get(fact) === way) return;
  current.reads.set(fact, way);
  for (const l of [...listeners]) l();
}

/** The page view's facts and how each was read, in a fixed order. */
export function currentReads(): FactRead[] {
  const order: Fact[] = ['customerId', 'customerName', 'domain', 'offer', 'quantity', 'order'];
  const reads = current?.reads;
  return reads ? order.filter((f) => reads.has(f)).map((fact) => ({ fact, via: reads.get(fact) as ReadWay })) : [];
}

export function onRead(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
