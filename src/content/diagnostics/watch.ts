/**
 * Per page view: each feature's verdict as soon as its required anchors show, or after its bounded
 * wait (found, an empty list, missing), then the page's one sentence, handed to `say` (the overlay).
 * "About this page" reads the verdicts (`currentView`) and hears when one comes in (`onVerdict`).
 *
 * Cost: while waiting, at most one check per 250 ms (on DOM changes, through the shared observer);
 * none once every feature has its verdict.
 */
import { guard, observeDeep } from '../dom';
import type { PageMatch } from '../pages';
import type { Feature } from '../registry';
import { changedAnchors, probe, scopes, type Probe } from './probe';
import { anchorsFor, decide, judge, waitOf, type Sentence, type Verdict } from './verdicts';

const THROTTLE_MS = 250;

export interface FeatureVerdict {
  verdict: Verdict;
  waitedMs: number;
  changed: string[];
}

export interface PageView {
  page: PageMatch;
  started: number;
  verdicts: Map<string, FeatureVerdict>;
  sentence: Sentence;
}

let view: PageView | undefined;
const listeners = new Set<() => void>();

/** The page view being watched, if any. */
export function currentView(): PageView | undefined {
  return view;
}

/** Calls `listener` whenever a verdict comes in (the About view refreshes); returns the unsubscribe. */
export function onVerdict(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Watches the page view's features until each has its verdict (required anchors found, or its wait
 * is over); `say` gets the page's sentence whenever it is not null.
 */
export function watchPage(signal: AbortSignal, page: PageMatch, features: readonly Feature[], say: (sentence: Exclude<Sentence, null>) => void): void {
  const v: PageView = { page, started: performance.now(), verdicts: new Map(), sentence: null };
  view = v;
  signal.addEventListener('abort', () => {
    if (view === v) view = undefined;
  });
  const pending = new Set(features.filter((f) => anchorsFor(f, page).length > 0));
  if (!pending.size || signal.aborted) return;
  const local = new AbortController();
  const both = AbortSignal.any([signal, local.signal]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = -Infinity;
  const deadlines = new Set<ReturnType<typeof setTimeout>>();
  both.addEventListener('abort', () => {
    clearTimeout(timer);
    for (const d of deadlines) clearTimeout(d);
  });

  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    if (both.aborted) return;
    lastRun = performance.now();
    guard('diagnostics', () => {
      const elapsed = lastRun - v.started;
      const roots = scopes();
      const memo = new Map<string, Probe>();
      let changed = false;
      for (const f of [...pending]) {
        const anchors = anchorsFor(f, page);
        const probes = anchors.map((a) => probe(a, page, roots, memo));
        const verdict = judge(probes.map((p) => p.count));
        // Found ends the wait; missing or empty is only a verdict once the wait is over.
        if (verdict !== 'ok' && elapsed < waitOf(f)) continue;
        pending.delete(f);
        v.verdicts.set(f.id, { verdict, waitedMs: Math.round(elapsed), changed: verdict === 'ok' ? changedAnchors(anchors, probes) : [] });
        changed = true;
      }
      if (changed) publish(v, features, say);
      if (!pending.size) local.abort();
    });
  };
  const schedule = () => {
    if (timer !== undefined || both.aborted) return;
    timer = setTimeout(run, Math.max(0, lastRun + THROTTLE_MS - performance.now()));
  };
  observeDeep(schedule, both);
  for (const ms of new Set([...pending].map(waitOf))) deadlines.add(setTimeout(run, ms + 20));
  schedule();
}

function publish(v: PageView, features: readonly Feature[], say: (sentence: Exclude<Sentence, null>) => void): void {
  v.sentence = decide(features.map((f) => ({ ...v.verdicts.get(f.id), problem: f.problem, changed: v.verdicts.get(f.id)?.changed ?? [] })));
  if (v.sentence) say(v.sentence);
  for (const l of [...listeners]) guard('diagnostics listener', l);
}
