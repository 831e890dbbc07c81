/**
 * Content script entry on https://partner.microsoft.com/*: the bootstrap. Recognises the page by
 * route, loads and starts the features registered for it, and re-runs them on single-page
 * navigation (one abort tears the previous page's observers and UI down); `diagnostics/` checks
 * the structure they rely on. Never throws into the page.
 */
import './features';
import { alive, lifetime } from './connection';
import { matchRoute, type PageMatch } from './pages';
import { startReads } from './reads';
import { featuresFor, type Feature } from './registry';

let current: AbortController | undefined;
let currentHref = '';

const debug = (what: string) => (err: unknown) => console.debug('[csp-move]', what, err);

function start(feature: Feature, signal: AbortSignal, page: PageMatch): void {
  feature
    .load()
    .then((m) => (signal.aborted ? undefined : m.default(signal, page)))
    .catch(debug(feature.id));
}

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
  startReads(signal);
  // The name clicked in a customers grid is the customer pages' first way to read it (loaded on the lists only).
  if (page.page === 'customers-list' || page.page === 'gdap-list') {
    import('./clicked').then((m) => signal.aborted || m.rememberGridClicks(signal)).catch(debug('clicks'));
  }
  const features = featuresFor(page.page);
  for (const feature of features) start(feature, signal, page);
  // The structure the features rely on: after their wait, the overlay says if it never came.
  import('./diagnostics/watch')
    .then(({ watchPage }) => {
      if (signal.aborted) return;
      watchPage(signal, page, features, (sentence) => {
        import('./ui/page-overlay').then(({ pageOverlay, say }) => signal.aborted || say(pageOverlay(signal, page), sentence)).catch(debug('diagnostics'));
      });
    })
    .catch(debug('diagnostics'));
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
