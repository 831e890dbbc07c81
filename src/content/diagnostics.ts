/**
 * Knowing when Partner Center changed under us. Each feature declares the page structure it relies
 * on (`anchors` in its registration, see registry.ts). Per page view:
 * - a verdict per feature, as soon as its required anchors show or after its bounded wait: found,
 *   an empty list, or missing. The overlay then says ONE sentence: the first missing feature's
 *   `problem` (the feature is off), else, when an anchor seen on the live portal is missing or sits
 *   elsewhere, that the page changed but the extension still works;
 * - "About this page" (ui/about-page.tsx) checks every anchor again when it opens and builds the
 *   diagnostic report: counts, tag names, attribute NAMES and shadow depth around each anchor.
 *   Never text, attribute values, ids, the query string, or any URL segment but the route's shape.
 *
 * Cost: while waiting, at most one check per 250 ms (on DOM changes, through the shared observer);
 * none once every feature has its verdict. Shapes are built only for the report.
 */
import { uiLanguage, t } from '../shared/i18n';
import { nativeBrowser } from '../shared/native';
import { guard, isOurs, observeDeep, shadowRoots, textOf, type Root } from './dom';
import { matchRoute, type PageId, type PageMatch } from './pages';
import { featuresFor, type Anchor, type Feature, type FeatureChecks, type ProblemKey } from './registry';
import { productIdIn } from './scrape';
import type { ModelStore } from './ui/overlay-model';

const DEFAULT_WAIT_MS = 10_000;
const THROTTLE_MS = 250;
/** Bounds of the markup skeleton in the report. */
const SAMPLES = 3;
const SAMPLE_DEPTH = 3;
const MAX_CHILDREN = 8;
const MAX_NODES = 60;
const MAX_CHAIN = 30;
const MAX_OUTLINE = 60;

/** A feature's checks, as its registration declares them. */
export function checksOf(f: Feature): FeatureChecks {
  return { anchors: f.anchors, problem: f.problem, waitMs: f.waitMs, testSetup: f.testSetup };
}

/** The anchors of `f` that apply to `page` (`{customerId}` ones on customer pages only). */
export function anchorsFor(f: Feature, page: PageMatch): Anchor[] {
  return (checksOf(f).anchors ?? []).filter((a) => (a.pages ?? f.pages).includes(page.page) && (!!page.customerId || !a.selector.includes('{customerId}')));
}

// ---------------------------------------------------------------------------------------------
// Judging counts (pure)

export interface AnchorCount {
  id: string;
  need: 'required' | 'expected';
  group?: string;
  emptyWith?: string;
  /** Matches that count (rows with a GUID id). */
  found: number;
  /** Matches that do not (skeleton rows). */
  placeholders: number;
}

export type Verdict = 'ok' | 'empty' | 'missing';

/** Found when every required anchor (or one of each group) is found; an empty list is fine too. */
export function judge(counts: readonly AnchorCount[]): Verdict {
  const groups = new Map<string, AnchorCount[]>();
  for (const c of counts) if (c.need === 'required') groups.set(c.group ?? c.id, [...(groups.get(c.group ?? c.id) ?? []), c]);
  let empty = false;
  for (const list of groups.values()) {
    if (list.some((c) => c.found > 0)) continue;
    const isEmpty = list.some((c) => c.emptyWith && c.placeholders === 0 && (counts.find((x) => x.id === c.emptyWith)?.found ?? 0) > 0);
    if (!isEmpty) return 'missing';
    empty = true;
  }
  return empty ? 'empty' : 'ok';
}

/** The shadow hosts around an element, nearest first, match the expected tag suffixes. */
export function hostsAsExpected(chain: readonly string[], expected: readonly string[]): boolean {
  return expected.every((suffix, i) => chain[i]?.endsWith(suffix) ?? false);
}

/** The one sentence for the page: the first missing feature's problem, else "changed", else none. */
export function decide(results: ReadonlyArray<{ verdict?: Verdict; problem?: ProblemKey; changed: readonly string[] }>): ProblemKey | 'diagChanged' | null {
  const missing = results.find((r) => r.verdict === 'missing' && r.problem);
  if (missing?.problem) return missing.problem;
  return results.some((r) => r.verdict === 'ok' && r.changed.length > 0) ? 'diagChanged' : null;
}

// ---------------------------------------------------------------------------------------------
// Keeping data out of the report (pure)

const GUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const GUIDS = new RegExp(GUID_RE.source, 'gi');

/** A GUID, a 4-digit number, a long hex run with digits or an e-mail sign: data, not markup vocabulary. */
function looksLikeData(s: string): boolean {
  return GUID_RE.test(s) || /\d{4}/.test(s) || s.includes('@') || (s.match(/[0-9a-f]{8,}/gi) ?? []).some((run) => /\d/.test(run));
}

/** The route's shape: every GUID and number replaced, any segment that is not a plain word dropped. */
export function scrubPath(path: string): string {
  return path
    .split('/')
    .map((seg) => {
      if (!seg) return seg;
      const s = seg.replace(GUIDS, '{guid}');
      if (s === '{guid}') return s;
      if (/^\d+$/.test(s)) return '{n}';
      if (productIdIn(s.toUpperCase())) return '{product}';
      return /^[a-z][a-z0-9_-]{0,39}$/i.test(s) && !/\d{3}/.test(s) && !looksLikeData(s) ? s : '{segment}';
    })
    .join('/');
}

/** A tag name, unless it looks like it embeds data. */
export function safeTag(name: string): string {
  const s = name.toLowerCase();
  return /^[a-z][a-z0-9_-]{0,47}$/.test(s) && !looksLikeData(s) ? s : '{tag}';
}

/** An attribute NAME (never its value), or null when the name itself looks like data. */
export function safeAttr(name: string): string | null {
  const s = name.toLowerCase();
  return /^[a-z_][a-z0-9_:-]{0,39}$/.test(s) && !looksLikeData(s) ? s : null;
}

/** What the report needs of an element (an interface, so the shape is unit-tested without a DOM). */
export interface ElementLike {
  localName: string;
  getAttributeNames(): string[];
  children: ArrayLike<ElementLike> & Iterable<ElementLike>;
  shadowRoot: { children: ArrayLike<ElementLike> & Iterable<ElementLike> } | null;
}

/** `tr[class,id,role]`: the tag and its attribute names, sorted; `+2` when names were dropped. */
export function nodeName(el: ElementLike): string {
  const names = el.getAttributeNames();
  const kept = [...new Set(names.map(safeAttr).filter((n): n is string => n !== null))].sort();
  const dropped = names.length - names.map(safeAttr).filter((n) => n !== null).length;
  return `${safeTag(el.localName)}${kept.length ? `[${kept.join(',')}]` : ''}${dropped ? `+${dropped}` : ''}`;
}

/**
 * A node of the markup skeleton: its name alone when nothing below it is shown (`th[id] …2`: two
 * elements below, cut), else `n` the node, `s` its shadow root's children, `c` its children.
 */
export type ShapeNode = string | { n: string; s?: ShapeNode[]; c?: ShapeNode[] };

const ours = (el: ElementLike) => el.getAttributeNames().includes('data-csp-move');

/** The element and what is below it (shadow root first), bounded in depth, breadth and size. */
export function shapeOf(el: ElementLike, depth = SAMPLE_DEPTH, budget = { left: MAX_NODES }): ShapeNode {
  budget.left--;
  const name = nodeName(el);
  const shadow = el.shadowRoot && !ours(el) ? [...el.shadowRoot.children].filter((c) => !ours(c)) : [];
  const children = [...el.children].filter((c) => !ours(c));
  if (depth <= 0 || budget.left <= 0) {
    const below = shadow.length + children.length;
    return below ? `${name} …${below}` : name;
  }
  const list = (items: ElementLike[]): ShapeNode[] => {
    const out: ShapeNode[] = [];
    for (const c of items) {
      if (out.length >= MAX_CHILDREN || budget.left <= 0) break;
      out.push(shapeOf(c, depth - 1, budget));
    }
    if (items.length > out.length) out.push(`…${items.length - out.length}`);
    return out;
  };
  if (!shadow.length && !children.length) return name;
  return { n: name, ...(shadow.length ? { s: list(shadow) } : {}), ...(children.length ? { c: list(children) } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Reading the page

function scopes(): Root[] {
  return [document, ...shadowRoots(document)];
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
    default:
      return true;
  }
}

interface Probe {
  count: AnchorCount;
  found: Element[];
  placeholders: Element[];
  error?: boolean;
}

/** Features often share an anchor (the customers grid's rows): one query per check, through `memo`. */
function probe(a: Anchor, page: PageMatch, roots: readonly Root[], memo: Map<string, Probe>): Probe {
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
    error = true; // A selector this browser does not take: reported as not found.
  }
  const count: AnchorCount = { id: a.id, need: a.need ?? 'required', group: a.group, emptyWith: a.emptyWith, found: found.length, placeholders: placeholders.length };
  const result = { count, found, placeholders, ...(error ? { error } : {}) };
  memo.set(key, result);
  return result;
}

/** Raw tag names of the shadow hosts around `el`, nearest first. */
function hostChain(el: Element): string[] {
  const out: string[] = [];
  for (let root = el.getRootNode(); root instanceof ShadowRoot && out.length < MAX_CHAIN; root = root.host.getRootNode()) out.push(root.host.localName);
  return out;
}

/** Ids of the anchors that differ from what the live portal showed: expected ones missing, or found elsewhere. */
function changedAnchors(anchors: readonly Anchor[], probes: readonly Probe[]): string[] {
  return anchors
    .filter((a, i) => {
      const p = probes[i] as Probe;
      if ((a.need ?? 'required') === 'expected' && p.count.found === 0) return true;
      const first = p.found[0];
      return !!(a.hosts && first && !hostsAsExpected(hostChain(first), a.hosts));
    })
    .map((a) => a.id);
}

/** The element's ancestors up to the document, crossing shadow roots (`#shadow-root`), as node names. */
function around(el: Element): string[] {
  const out: string[] = [];
  let n: Element | null = el;
  while (n && out.length < MAX_CHAIN) {
    const parent: Element | null = n.parentElement;
    if (parent) {
      out.push(nodeName(parent));
      n = parent;
      continue;
    }
    const root = n.getRootNode();
    if (!(root instanceof ShadowRoot)) break;
    out.push('#shadow-root', nodeName(root.host));
    n = root.host;
  }
  return out;
}

/** Every element holding a shadow root (not ours), by shadow depth: `3 customer-app`, `5 customer_he-button ×6`. */
function outline(): string[] {
  const out: string[] = [];
  let last = '';
  let repeat = 1;
  const walk = (root: Node, depth: number) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode() as Element | null; n && out.length < MAX_OUTLINE; n = walker.nextNode() as Element | null) {
      if (!n.shadowRoot || isOurs(n)) continue;
      const line = `${depth + 1} ${safeTag(n.localName)}`;
      if (line === last) out[out.length - 1] = `${line} ×${++repeat}`;
      else {
        out.push(line);
        repeat = 1;
      }
      last = line;
      walk(n.shadowRoot, depth + 1);
    }
  };
  walk(document, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Per page view: the verdicts after each feature's wait, and the overlay's sentence

interface FeatureVerdict {
  verdict: Verdict;
  waitedMs: number;
  changed: string[];
}

interface PageView {
  page: PageMatch;
  started: number;
  verdicts: Map<string, FeatureVerdict>;
  sentence: ProblemKey | 'diagChanged' | null;
}

let view: PageView | undefined;
const listeners = new Set<() => void>();

/** Calls `listener` whenever a verdict comes in (the About view refreshes); returns the unsubscribe. */
export function onVerdict(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const waitOf = (f: Feature) => checksOf(f).waitMs ?? DEFAULT_WAIT_MS;

/**
 * Watches the page view's features until each has its verdict (required anchors found, or its wait
 * is over), then lets the overlay say what it has to (`model` is the page view's overlay).
 */
export function watchPage(signal: AbortSignal, page: PageMatch, features: readonly Feature[], model: () => ModelStore): void {
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
      if (changed) publish(v, features, model);
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

function publish(v: PageView, features: readonly Feature[], model: () => ModelStore): void {
  const sentence = decide(features.map((f) => ({ ...v.verdicts.get(f.id), problem: checksOf(f).problem, changed: v.verdicts.get(f.id)?.changed ?? [] })));
  v.sentence = sentence;
  if (sentence) {
    const m = model();
    // A feature may have said it already (same sentence); one sentence at a time.
    if (sentence === 'diagChanged') {
      if (!m.value.problem && !m.value.notice) m.set({ notice: t('diagChanged') });
    } else if (!m.value.problem) m.set({ problem: t(sentence), notice: undefined });
  }
  for (const l of [...listeners]) guard('diagnostics listener', l);
}

// ---------------------------------------------------------------------------------------------
// The report

export type FeatureStatus = 'ok' | 'empty' | 'missing' | 'changed' | 'waiting' | 'none';

export interface AnchorReport extends AnchorCount {
  counts: string;
  selector: string;
  /** Shadow-root nesting depth of the first match (0: the document). */
  depth?: number;
  /** Shadow hosts around the first match, nearest first (tag names). */
  hosts?: string[];
  hostsExpected?: readonly string[];
  hostsAsExpected?: boolean;
  /** The first match's ancestors up to the document. */
  around?: string[];
  /** The first matches' markup skeleton (found ones, else placeholders). */
  samples?: ShapeNode[];
  /** The same anchor's shape is already shown under this feature. */
  shapeIn?: string;
  selectorError?: boolean;
}

export interface FeatureReport {
  id: string;
  marker: string;
  status: FeatureStatus;
  waitMs: number;
  /** How long until the verdict (required anchors found, or the wait over). */
  waitedMs?: number;
  changed: string[];
  anchors: AnchorReport[];
}

export interface DiagnosticReport {
  report: 'csp-move-assistant diagnostics';
  format: 1;
  createdAt: string;
  extension: { version: string };
  browser: { brands: string[]; platform: string; mobile: boolean };
  uiLanguage: string;
  pageLanguage: string;
  route: { page: PageId | null; path: string };
  /** Since the page view started (single-page navigation included). */
  sinceNavigationMs: number | null;
  /** What the overlay says about the page: a message key, or null. */
  sentence: ProblemKey | 'diagChanged' | null;
  features: FeatureReport[];
  /** Every element holding a shadow root, by depth. */
  outline: string[];
}

function extensionVersion(): string {
  try {
    return nativeBrowser().runtime.getManifest().version;
  } catch {
    return 'unknown'; // Orphaned after an update.
  }
}

function browserInfo(): DiagnosticReport['browser'] {
  const data = (navigator as { userAgentData?: { brands?: Array<{ brand: string; version: string }>; platform?: string; mobile?: boolean } }).userAgentData;
  if (data?.brands?.length) return { brands: data.brands.map((b) => `${b.brand} ${b.version}`), platform: data.platform ?? '', mobile: !!data.mobile };
  const m = /(Firefox|Edg|Chrome|Version)\/(\d+)/.exec(navigator.userAgent);
  return { brands: m ? [`${m[1] === 'Version' ? 'Safari' : m[1]} ${m[2]}`] : [], platform: '', mobile: /Mobi/.test(navigator.userAgent) };
}

/** `shown`: anchors whose shape is in the report already (id and selector → feature). */
function anchorReport(a: Anchor, p: Probe, feature: string, shown: Map<string, string>): AnchorReport {
  const r: AnchorReport = { ...p.count, counts: a.counts, selector: a.selector };
  if (p.error) r.selectorError = true;
  const first = p.found[0] ?? p.placeholders[0];
  if (first) {
    const chain = hostChain(first);
    r.depth = chain.length;
    r.hosts = chain.map(safeTag);
    if (a.hosts) {
      r.hostsExpected = a.hosts;
      r.hostsAsExpected = hostsAsExpected(chain, a.hosts);
    }
    const key = `${a.id} ${a.selector}`;
    const where = shown.get(key);
    if (where) r.shapeIn = where;
    else {
      shown.set(key, feature);
      r.around = around(first);
      const budget = { left: MAX_NODES };
      r.samples = (p.found.length ? p.found : p.placeholders).slice(0, SAMPLES).map((el) => shapeOf(el, SAMPLE_DEPTH, budget));
    }
  }
  return r;
}

/** The report for the page in view, its anchors checked now. Holds no text, values or ids from the page. */
export function diagnosticReport(): DiagnosticReport {
  const page = matchRoute(location);
  const v = view && page && view.page.page === page.page && view.page.customerId === page.customerId ? view : undefined;
  const roots = scopes();
  const memo = new Map<string, Probe>();
  const shown = new Map<string, string>();
  const features: FeatureReport[] = (page ? featuresFor(page.page) : []).map((f) => {
    const anchors = anchorsFor(f, page as PageMatch);
    const probes = anchors.map((a) => probe(a, page as PageMatch, roots, memo));
    const verdict = v?.verdicts.get(f.id);
    const changed = changedAnchors(anchors, probes);
    const status: FeatureStatus = !anchors.length ? 'none' : !verdict ? 'waiting' : verdict.verdict === 'ok' && changed.length ? 'changed' : verdict.verdict;
    return {
      id: f.id,
      marker: f.marker,
      status,
      waitMs: waitOf(f),
      ...(verdict ? { waitedMs: verdict.waitedMs } : {}),
      changed,
      anchors: anchors.map((a, i) => anchorReport(a, probes[i] as Probe, f.id, shown)),
    };
  });
  const lang = document.documentElement.lang;
  return {
    report: 'csp-move-assistant diagnostics',
    format: 1,
    createdAt: new Date().toISOString(),
    extension: { version: extensionVersion() },
    browser: browserInfo(),
    uiLanguage: uiLanguage(),
    pageLanguage: /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(lang) ? lang : '',
    route: { page: page?.page ?? null, path: scrubPath(location.pathname) },
    sinceNavigationMs: v ? Math.round(performance.now() - v.started) : null,
    sentence: v?.sentence ?? null,
    features,
    outline: outline(),
  };
}
