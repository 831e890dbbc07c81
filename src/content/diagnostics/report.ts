/**
 * The diagnostic report ("About this page" → copy), privacy-safe by construction: counts, tag
 * names, attribute NAMES and shadow depth around each anchor, the route's shape. Never text,
 * attribute values, ids, the query string, or any URL segment but a plain word. The scrubbing
 * functions are pure (unit-tested without a DOM); `diagnosticReport()` checks every anchor again.
 */
import { uiLanguage } from '../../shared/i18n';
import { nativeBrowser } from '../../shared/native';
import { isOurs, type Root } from '../dom';
import { matchRoute, type PageId, type PageMatch } from '../pages';
import { featuresFor, type Anchor } from '../registry';
import { currentReads, type FactRead } from '../reads';
import { productIdIn } from '../scrape';
import { changedAnchors, GUID_RE, hostChain, MAX_CHAIN, probe, scopes, type Probe } from './probe';
import { anchorsFor, hostsAsExpected, waitOf, type AnchorCount, type Sentence } from './verdicts';
import { currentView } from './watch';

/** Bounds of the markup skeleton in the report. */
const SAMPLES = 3;
const SAMPLE_DEPTH = 3;
const MAX_CHILDREN = 8;
const MAX_NODES = 60;
const MAX_OUTLINE = 60;

// ---------------------------------------------------------------------------------------------
// Keeping data out of the report (pure)

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
// The report's shape

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
  sentence: Sentence;
  features: FeatureReport[];
  /** Which way each fact on the page was read (`none`: it could not be, the partner was asked). */
  reads: FactRead[];
  /** Every element holding a shadow root, by depth. */
  outline: string[];
}

// ---------------------------------------------------------------------------------------------
// Building it from the page

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
  const view = currentView();
  const v = view && page && view.page.page === page.page && view.page.customerId === page.customerId ? view : undefined;
  const roots: Root[] = scopes();
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
    reads: currentReads(),
    outline: outline(),
  };
}
