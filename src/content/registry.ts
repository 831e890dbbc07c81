/**
 * The feature registry (after refined-github): each file under `features/` ends with one
 * `register({...})` naming the pages it applies to, an `init(signal, page)` that attaches its
 * observers with that signal (so single-page navigation tears everything down with one abort),
 * and the fixture URLs it was checked on. `features/index.ts` imports each file: one line each.
 */
import type { PageId, PageMatch } from './pages';

export interface Feature {
  id: string;
  pages: readonly PageId[];
  init: (signal: AbortSignal, page: PageMatch) => void | Promise<void>;
  /** Sample-portal paths (after the host) this feature was checked on; the e2e suite visits each. */
  testUrls: readonly string[];
  /** The element the feature adds, for the registry check: a `data-csp-move` value. */
  marker: string;
}

const registered: Feature[] = [];

export function register(feature: Feature): void {
  if (registered.some((f) => f.id === feature.id)) throw new Error(`Feature ${feature.id} registered twice`);
  registered.push(feature);
}

export function featuresFor(page: PageId): Feature[] {
  return registered.filter((f) => f.pages.includes(page));
}

export function allFeatures(): readonly Feature[] {
  return registered;
}
