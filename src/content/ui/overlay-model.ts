/**
 * What the overlay shows for the page in view. Features contribute to it (callouts), the overlay
 * renders it. One model per navigation: it is dropped with the page's AbortSignal.
 */
import type { ComponentChild, FunctionComponent } from 'preact';
import type { IsoDate, Move } from '../../core/model';
import type { Settings } from '../../core/schema';
import type { MoveView } from '../../background/move-view';
import type { PageMatch } from '../pages';
import type { ScrapedCustomer } from '../scrape';

export interface Callout {
  id: string;
  tone: 'info' | 'warn' | 'success';
  body: ComponentChild;
  /** The callout holds the view's main button (the panel then shows no other). */
  primary?: boolean;
  /** One line shown when the panel is collapsed: what waits for the partner ("Record what you bought?"). */
  line?: string;
  /** The `data-csp-move` value of the callout's container (test contract hooks). */
  marker?: string;
  attrs?: Record<string, string>;
}

export interface OverlayModel {
  page: PageMatch;
  customerId?: string;
  /** What the page shows about the customer (name, domain), when found. */
  scraped?: ScrapedCustomer;
  move?: Move | null;
  /** What the overlay shows of the move, computed by the background for `move.updatedAt`. */
  view?: MoveView;
  today?: IsoDate;
  settings?: Settings;
  /** The page's hint, first (features/migration-hints). */
  hint?: string;
  callouts: Callout[];
  /** The customer's move and its next action, after the callouts (features/migration-hints); rendered with every change of the model. */
  Main?: FunctionComponent<{ model: ModelStore }>;
  /** A sentence when the page was not understood (shown instead of failing silently). */
  problem?: string;
  /** A quieter sentence (diagnostics.ts): the page is built differently than expected, but the features still work. */
  notice?: string;
  /** "About this page" is open in place of the body. */
  about?: boolean;
  error?: string;
}

export class ModelStore {
  private listeners = new Set<() => void>();
  constructor(public value: OverlayModel) {}
  set(patch: Partial<OverlayModel>): void {
    this.value = { ...this.value, ...patch };
    for (const l of this.listeners) l();
  }
  /** Adds a callout until `signal` aborts (or it is replaced by one with the same id). */
  callout(c: Callout, signal: AbortSignal): void {
    if (signal.aborted) return;
    const i = this.value.callouts.findIndex((x) => x.id === c.id);
    // A replacement keeps its place (no jumping while the partner reads) and its abort listener.
    if (i >= 0) return this.set({ callouts: this.value.callouts.map((x, k) => (k === i ? c : x)) });
    this.set({ callouts: [...this.value.callouts, c] });
    signal.addEventListener('abort', () => this.dropCallout(c.id), { once: true });
  }
  dropCallout(id: string): void {
    if (this.value.callouts.some((x) => x.id === id)) this.set({ callouts: this.value.callouts.filter((x) => x.id !== id) });
  }
  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
