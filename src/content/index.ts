/**
 * Content script entry on https://partner.microsoft.com/*. Recognises the page by route, runs the
 * features registered for it, and re-runs them on single-page navigation (one abort tears the
 * previous page's observers and UI down); diagnostics.ts checks the structure they rely on. Never
 * throws into the page.
 */
import './features';
import { alive, lifetime } from './connection';
import { watchPage } from './diagnostics';
import { matchRoute } from './pages';
import { featuresFor } from './registry';
import { guard } from './dom';
import { pageOverlay } from './ui/page-overlay';

let current: AbortController | undefined;
let currentHref = '';

function run(): void {
  if (location.href === currentHref) return;
  if (!alive()) return;
  currentHref = location.href;
  current?.abort();
  const page = matchRoute(location);
  if (!page) return; // Unknown page: nothing injected.
  const controller = new AbortController();
  current = controller;
  const signal = AbortSignal.any([controller.signal, lifetime]);
  const features = featuresFor(page.page);
  for (const feature of features) {
    try {
      const result = feature.init(signal, page);
      if (result) result.catch((err: unknown) => console.debug('[csp-move]', feature.id, err));
    } catch (err) {
      console.debug('[csp-move]', feature.id, err);
    }
  }
  // The structure the features rely on: after their wait, the overlay says if it never came.
  guard('diagnostics', () => watchPage(signal, page, features, () => pageOverlay(signal, page)));
}

/** Single-page navigation: the Navigation API where present, else history events and clicks. */
function watchNavigation(): void {
  const opts = { signal: lifetime };
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  if (nav) nav.addEventListener('currententrychange', () => queueMicrotask(run), opts);
  addEventListener('popstate', run, opts);
  // pushState from the page's own world fires no event we can hear without the Navigation API.
  if (!nav) addEventListener('click', () => setTimeout(run, 0), { ...opts, capture: true });
  addEventListener('pageshow', run, opts);
  document.addEventListener('visibilitychange', () => void alive(), opts);
}

watchNavigation();
run();
lifetime.addEventListener('abort', () => current?.abort());
