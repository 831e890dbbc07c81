/**
 * DOM helpers for a portal built of web components: its grids live in OPEN shadow roots several
 * levels below `document`, where `document.querySelector` and a MutationObserver on `body` see
 * nothing. Every helper here takes an AbortSignal so one abort tears everything down.
 */

/** A tree scope: the document or an open shadow root. */
export type Root = Document | ShadowRoot;

/** The extension's own UI (overlay, badges) carries `data-csp-move`: it is never part of the page. */
export function isOurs(el: Element): boolean {
  return el.hasAttribute('data-csp-move');
}

/** `el` or a box it is laid out in (through slots and shadow hosts) is positioned fixed or absolute. */
function outOfFlow(el: Element): boolean {
  for (let n: Element | null = el; n && n !== document.body && n !== document.documentElement; n = n.assignedSlot ?? n.parentElement ?? ((n.parentNode as ShadowRoot | null)?.host ?? null)) {
    const position = getComputedStyle(n).position;
    if (position === 'fixed' || position === 'absolute') return true;
  }
  return false;
}

/** Every open shadow root under `root` (depth first), including nested ones. */
export function shadowRoots(root: ParentNode, out: ShadowRoot[] = []): ShadowRoot[] {
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode() as Element | null; n; n = walker.nextNode() as Element | null) {
    const sr = n.shadowRoot;
    if (sr && !isOurs(n)) {
      out.push(sr);
      shadowRoots(sr, out);
    }
  }
  return out;
}

/** querySelectorAll across the document and every open shadow root in it. */
export function deepQueryAll<E extends Element = Element>(selector: string, root: ParentNode = document): E[] {
  const found: E[] = [...root.querySelectorAll<E>(selector)];
  for (const sr of shadowRoots(root)) found.push(...sr.querySelectorAll<E>(selector));
  return found;
}

/** `el.closest(selector)`, continuing through shadow hosts up to the document. */
export function composedClosest(el: Element | null, selector: string): Element | null {
  for (let n: Element | null = el; n; ) {
    const hit = n.closest(selector);
    if (hit) return hit;
    const root = n.getRootNode();
    n = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** True when `event` passed through one of the extension's own elements. */
export function fromOurUi(event: Event): boolean {
  return event.composedPath().some((n) => n instanceof Element && isOurs(n));
}

/** Runs `fn`, never letting an exception reach the page (content scripts must not break it). */
export function guard(what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    console.debug('[csp-move]', what, err);
  }
}

/**
 * `run` at most once per animation frame, however often the returned function is called; never
 * after `signal` aborts, never throwing into the page.
 */
export function perFrame(what: string, run: () => void, signal: AbortSignal): () => void {
  let frame = 0;
  signal.addEventListener('abort', () => cancelAnimationFrame(frame));
  return () => {
    if (frame || signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      guard(what, run);
    });
  };
}

/**
 * `run` once just after the next frame is painted (a task posted from its animation frame), however
 * often the returned function is called; never after `signal` aborts, never throwing into the page.
 * For measuring that can wait: the layout is then the one just painted, so reading sizes costs no
 * layout of its own, where in the frame itself it would lay out a page its own scripts just changed.
 */
export function afterPaint(what: string, run: () => void, signal: AbortSignal): () => void {
  let frame = 0;
  let task = 0;
  signal.addEventListener('abort', () => {
    cancelAnimationFrame(frame);
    clearTimeout(task);
  });
  return () => {
    if (frame || task || signal.aborted) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      task = window.setTimeout(() => {
        task = 0;
        if (!signal.aborted) guard(what, run);
      }, 0);
    });
  };
}

/**
 * `run` once right after the current task (a microtask), however often the returned function is
 * called in it; never after `signal` aborts, never throwing into the page. For work that answers
 * what just happened (the partner's choice, the observer's report, the background's answer): a
 * frame later is up to 16 ms of waiting for nothing.
 */
export function perTask(what: string, run: () => void, signal: AbortSignal): () => void {
  let queued = false;
  return () => {
    if (queued || signal.aborted) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      if (!signal.aborted) guard(what, run);
    });
  };
}

// ---------------------------------------------------------------------------------------------
// One MutationObserver for every subscriber: each tree scope is walked and observed once, however
// many features watch the page.

/**
 * Per changed tree scope, the nodes under which it changed this frame (a mutation's target: the
 * parent of what was added or removed, the element whose attribute or text changed), or the scope
 * itself when all of it counts (a scope seen for the first time, or too many changes to list).
 */
export type Changed = ReadonlyMap<Root, ReadonlySet<Node>>;
type Subscriber = (dirty: ReadonlySet<Root>, changed: Changed) => void;

/** Past this many changed nodes in one scope and frame, their ancestors count instead (`lift`). */
const MAX_CHANGED_NODES = 8;

/**
 * Too many changed nodes in one scope: their parents instead, a level at a time, until few are
 * left. A new grid page (500 rows, each an attribute change of its own) then names the grid's
 * body, not the whole document: a reader queries the grid, not every element of the page. A node
 * taken out of the page is dropped; reaching the scope itself, all of it counts.
 */
function lift(root: Root, nodes: ReadonlySet<Node>): Set<Node> {
  let out = new Set(nodes);
  while (out.size > MAX_CHANGED_NODES / 2) {
    const up = new Set<Node>();
    for (const n of out) {
      const parent = n.parentNode;
      if (parent === null) continue;
      if (parent === root) return new Set([root]);
      up.add(parent);
    }
    out = up;
  }
  return out;
}

/**
 * The elements matching `selector` in what changed of `root` (`nodes`, from observeDeep's
 * `changed`), or in all of it when `nodes` is absent or names the scope. A busy page's feed then
 * costs a look at the feed, not a query of the whole document every frame.
 */
export function queryChanged(root: Root, nodes: ReadonlySet<Node> | undefined, selector: string): Element[] {
  if (!nodes || nodes.has(root)) return [...root.querySelectorAll(selector)];
  const out = new Set<Element>();
  for (const n of nodes) {
    if (n.nodeType !== Node.ELEMENT_NODE || !n.isConnected || n.getRootNode() !== root) continue;
    const el = n as Element;
    if (el.matches(selector)) out.add(el);
    for (const e of el.querySelectorAll(selector)) out.add(e);
  }
  return [...out];
}

const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['id', 'aria-selected', 'aria-checked', 'checked', 'value', 'hidden', 'href'],
};
/**
 * A frame's scope (see FRAME_MAX_ELEMENTS) is observed for what comes into it, not for attributes:
 * registering the attribute filter costs several times a plain registration (measured in Chromium:
 * 2,500 roots, 6–19 ms against 1–3 ms), and a grid page brings 500 frames. Its first change gets it
 * the full registration; a frame's state the readers need (checked, selected) is its host's, which
 * the enclosing scope observes.
 */
const FRAME_OPTIONS: MutationObserverInit = { childList: true, subtree: true, characterData: true };

const subscribers = new Set<Subscriber>();
let hub: ReturnType<typeof startHub> | undefined;
/** How often custom elements without a shadow root are checked again (upgrades are not mutations). */
const SWEEP_MS = 400;
/**
 * How many checks an element gets before it is taken for one that has no shadow root at all:
 * definitions load within seconds of the page, and a light-DOM-only element must not keep a timer
 * running for the life of the tab. (`customElements.whenDefined` would be the event to wait for, but
 * content scripts run in an isolated world where `customElements` is null.)
 */
const SWEEPS = 25;

// A busy subtree (a feed, a clock, a spinner) is set aside: the observer is re-registered around
// it, so its mutations no longer wake us at all (a wake is a call into this world per mutation
// batch: a feed's 100–250 a second cost more than everything the features do), and it is looked
// at twice a second instead. Only a small subtree: a big one (the grid) is what the features read.
/** Wakes from one node in a window, two windows running, that make it busy (10 a second). */
const BUSY_WAKES = 5;
/** How often wakes are counted and a subtree set aside is looked at (what appears in it is seen within this). */
const BUSY_WINDOW_MS = 500;
const BUSY_MAX_ELEMENTS = 100;
/** Set-aside subtrees are observed again after this (a list busy while it loaded is not polled for the tab's life). */
const BUSY_FORGET_MS = 30_000;

/** A new shadow root this small, without text of its own, is a frame (a button around its slot). */
const FRAME_MAX_ELEMENTS = 6;

/** Text anywhere in `root` other than style sheets and scripts (a small scope: see watch). */
function hasText(root: Root): boolean {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentNode as Element | null;
    if (parent && (parent.localName === 'style' || parent.localName === 'script')) continue;
    if (/\S/.test(n.nodeValue ?? '')) return true;
  }
  return false;
}

/**
 * The tree scopes open on the page now: the hub's own list while it runs (it has found and
 * observes every one), else a walk of the document. A walk is a visit of every element of every
 * scope (a 500-row grid page is thousands): placement and diagnostics ask often.
 */
export function openScopes(): Root[] {
  return hub ? hub.scopes() : [document, ...shadowRoots(document)];
}

/**
 * True for a scope that was a frame when found and has had nothing come into it since: a few
 * elements and no text, drawn inside its host's box (a button around its slot). Placement looks
 * inside one only when its host is in view.
 */
export function isFrameScope(root: Root): boolean {
  return hub?.isFrame(root) ?? false;
}

/**
 * True when all that `changed` names is busy subtrees set aside (a feed, a clock) whose box kept its
 * size: what changed inside them moved nothing else on the page. For work that answers the page's
 * layout (placement), which a busy feed would otherwise wake every second for nothing.
 */
export function onlySetAside(changed: Changed): boolean {
  return hub?.onlySetAside(changed) ?? false;
}

function startHub(): { stop: () => void; scopes: () => Root[]; isFrame: (root: Root) => boolean; onlySetAside: (changed: Changed) => boolean } {
  let observed = new WeakSet<Node>();
  /** Frames observed without attributes (FRAME_OPTIONS), until something changes in them. */
  const frames = new WeakSet<Root>();
  /** Observed scopes that may still be on the page (detached ones are dropped when next asked). */
  const live = new Set<Root>([document]);
  // Custom elements seen without a shadow root. An element upgraded after it was inserted (its
  // definition loaded later, as the portal's apps do) attaches its shadow root without any mutation
  // record: these are checked again after changes and on a slow timer.
  const pending = new Map<Element, number>();
  let dirty = new Map<Root, Set<Node>>();
  let frame = 0;
  /** Wakes per node in this window (a characterData change counts for its element). */
  const wakes = new Map<Node, number>();
  /** Busy in the last window: set aside when busy again in this one. */
  let suspects = new Set<Node>();
  /** Subtrees set aside, with their scope, and since when the first of them was. */
  const busy = new Map<Element, Root>();
  let busySince = 0;
  /** Set-aside subtrees whose box changed size since the last report (what moves the page around them). */
  const resized = new Set<Element>();
  const sizes = new ResizeObserver((entries) => {
    for (const e of entries) {
      const root = busy.get(e.target);
      if (!root) continue;
      resized.add(e.target);
      mark(root, e.target);
    }
    schedule();
  });
  /** Ancestors of a set-aside subtree: observed without `subtree`, each of their other children with it. */
  let paths = new WeakSet<Node>();
  const mark = (root: Root, node: Node) => {
    live.add(root); // Back on the page after it was dropped as detached: still observed.
    let nodes = dirty.get(root);
    if (!nodes) dirty.set(root, (nodes = new Set()));
    if (nodes.has(root)) return;
    if (node === root) {
      nodes.clear();
      nodes.add(root);
    } else {
      nodes.add(node);
      if (nodes.size > MAX_CHANGED_NODES) dirty.set(root, lift(root, nodes));
    }
  };
  const flush = () => {
    frame = 0;
    sweep();
    const batch = dirty;
    dirty = new Map();
    // Sizes reported while this report is delivered count for the next one too.
    const grown = [...resized];
    const roots = new Set(batch.keys());
    for (const s of [...subscribers]) guard('observer', () => s(roots, batch));
    for (const el of grown) resized.delete(el);
  };
  const schedule = () => {
    if (!frame && dirty.size) frame = requestAnimationFrame(flush);
  };
  // Every element of a new grid page passes here: the cheapest test first (most have no shadow root and no dash).
  const visit = (el: Element) => {
    const sr = el.shadowRoot;
    if (sr) {
      if (!isOurs(el)) watch(sr);
    } else if (el.localName.includes('-') && !pending.has(el) && !isOurs(el)) pending.set(el, 0);
  };
  /** `start` and everything below it, light and shadow; how many elements that was. */
  const explore = (start: Node): number => {
    let n = 0;
    if (start.nodeType === Node.ELEMENT_NODE) {
      visit(start as Element);
      n++;
      // A leaf (a busy feed's new line): no walker to make.
      if (!(start as Element).firstElementChild) return n;
    }
    const walker = document.createTreeWalker(start, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode(), n++) visit(el as Element);
    return n;
  };
  const watch = (root: Root) => {
    if (observed.has(root)) return;
    observed.add(root);
    live.add(root);
    // What a new scope already holds went unreported so far: it counts as changed, unless it holds
    // nothing to read (a button's frame around its slot: a grid page brings 500 of them, and each
    // reported was a query of every feature). What comes into it later is reported as it comes.
    const size = explore(root);
    if (root !== document && size <= FRAME_MAX_ELEMENTS && !hasText(root)) frames.add(root);
    else mark(root, root);
    observeScope(root);
  };
  /** `tick`: a timer check, which counts against the element's allowance (DOM-change checks do not). */
  const sweep = (tick = false) => {
    for (const [el, checks] of pending) {
      if (!el.isConnected || checks >= SWEEPS) pending.delete(el);
      else if (el.shadowRoot) {
        pending.delete(el);
        watch(el.shadowRoot);
      } else if (tick) pending.set(el, checks + 1);
    }
  };
  const handle = (records: MutationRecord[]) => {
    // A busy feed sends its records from one target: its scope is looked up once per run of them.
    let target: Node | undefined;
    let root: Root | null = null;
    let woke: Node | undefined;
    for (const r of records) {
      if (r.target !== target) {
        target = r.target;
        const scope = target.getRootNode();
        root = (scope instanceof ShadowRoot ? !isOurs(scope.host) : scope === document) ? (scope as Root) : null;
      }
      if (!root) continue;
      // A frame no more: observed in full from now on (the record itself is handled below).
      if (frames.has(root)) {
        frames.delete(root);
        observeScope(root);
      }
      const node = r.type === 'characterData' ? (target.parentNode ?? root) : target;
      if (node !== woke) {
        woke = node;
        wakes.set(node, (wakes.get(node) ?? 0) + 1);
      }
      mark(root, node);
      // A new child of a set-aside subtree's ancestor: observed like the rest of the scope.
      if (paths.has(target)) for (const n of r.addedNodes) observer.observe(n, OPTIONS);
      for (const n of r.addedNodes) if (n.nodeType === Node.ELEMENT_NODE) explore(n);
    }
    schedule();
  };
  const observer = new MutationObserver(handle);
  /** `root` observed whole, or around the subtrees set aside in it. */
  const observeScope = (root: Root) => {
    if (frames.has(root)) return observer.observe(root, FRAME_OPTIONS);
    const inside = [...busy].filter(([, r]) => r === root).map(([el]) => el);
    if (inside.length) observeAround(root, inside);
    else observer.observe(root, OPTIONS);
  };
  const observeAround = (node: Node, inside: Element[]) => {
    if (inside.includes(node as Element)) return;
    if (!inside.some((el) => node.contains(el))) return observer.observe(node, OPTIONS);
    observer.observe(node, { ...OPTIONS, subtree: false });
    paths.add(node);
    for (const c of node.childNodes) observeAround(c, inside);
  };
  /** Registers the observer again for every scope, around what is set aside now. */
  const reobserve = () => {
    handle(observer.takeRecords()); // Nothing already recorded is lost.
    observer.disconnect();
    paths = new WeakSet();
    // A scope dropped as detached is not observed any more: found again, it is watched anew.
    observed = new WeakSet(live);
    for (const root of live) observeScope(root);
  };
  const canSetAside = (node: Node): node is Element =>
    node instanceof Element &&
    node.isConnected &&
    node !== document.documentElement &&
    node !== document.body &&
    node !== document.head &&
    !isOurs(node) &&
    live.has(node.getRootNode() as Root) &&
    ![...busy.keys()].some((el) => el.contains(node)) &&
    node.getElementsByTagName('*').length <= BUSY_MAX_ELEMENTS;
  /** Counts the window's wakes; sets aside what was busy two windows running; looks at what is set aside. */
  const judge = () => {
    const now = new Set<Node>();
    for (const [node, n] of wakes) if (n >= BUSY_WAKES) now.add(node);
    wakes.clear();
    const newly = [...now].filter((n) => suspects.has(n) && canSetAside(n)) as Element[];
    suspects = now;
    if (busy.size && performance.now() - busySince > BUSY_FORGET_MS) {
      busy.clear();
      sizes.disconnect();
      reobserve();
    } else if (newly.length) {
      if (!busy.size) busySince = performance.now();
      for (const el of newly) {
        busy.set(el, el.getRootNode() as Root);
        // Out of flow (fixed or absolute, as a feed docked in a corner): nothing it does moves the
        // rest of the page. In flow: what moves the rest is its box changing size.
        if (!outOfFlow(el)) sizes.observe(el); // Its first size is reported too: one more look, then quiet.
      }
      reobserve();
    }
    for (const [el, root] of busy) {
      if (!el.isConnected) {
        busy.delete(el);
        sizes.unobserve(el);
        continue;
      }
      mark(root, el);
      explore(el);
    }
    schedule();
  };
  const timer = setInterval(() => {
    if (!pending.size) return;
    sweep(true);
    schedule();
  }, SWEEP_MS);
  const busyTimer = setInterval(() => guard('busy subtrees', judge), BUSY_WINDOW_MS);
  watch(document);
  dirty.clear();
  return {
    scopes: () => {
      sweep();
      schedule(); // A scope the sweep just found is reported to the subscribers too.
      const out: Root[] = [];
      for (const root of live) {
        if (root === document || (root as ShadowRoot).host.isConnected) out.push(root);
        else live.delete(root); // No detached grid page kept alive by us.
      }
      return out;
    },
    isFrame: (root) => frames.has(root),
    onlySetAside: (changed) => {
      if (!changed.size) return false;
      for (const nodes of changed.values()) for (const n of nodes) if (!busy.has(n as Element) || resized.has(n as Element)) return false;
      return true;
    },
    stop: () => {
      observer.disconnect();
      sizes.disconnect();
      clearInterval(timer);
      clearInterval(busyTimer);
      if (frame) cancelAnimationFrame(frame);
    },
  };
}

/**
 * Calls `onChange` (at most once per animation frame) with the tree scopes that changed whenever
 * the document or any open shadow root in it changes. New shadow roots are observed as they appear
 * (and reported as changed). The extension's own UI is ignored. Stops on abort.
 */
export function observeDeep(onChange: Subscriber, signal: AbortSignal): void {
  if (signal.aborted) return;
  subscribers.add(onChange);
  hub ??= startHub();
  signal.addEventListener('abort', () => {
    subscribers.delete(onChange);
    if (subscribers.size === 0 && hub) {
      hub.stop();
      hub = undefined;
    }
  });
}

/**
 * Resolves with the first result of `find` that is not null, checking now and after each DOM change,
 * or null after `timeoutMs` or on abort. Bounded: never a polling loop, never a leaked observer.
 */
export function waitFor<T>(find: () => T | null, signal: AbortSignal, timeoutMs = 10_000): Promise<T | null> {
  let first: T | null = null;
  guard('waitFor', () => (first = find()));
  if (first !== null || signal.aborted) return Promise.resolve(signal.aborted ? null : first);
  return new Promise((resolve) => {
    const local = new AbortController();
    const done = (value: T | null) => {
      local.abort();
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    signal.addEventListener('abort', () => done(null), { signal: local.signal });
    observeDeep(() => {
      const hit = find();
      if (hit !== null) done(hit);
    }, AbortSignal.any([signal, local.signal]));
  });
}

/** Visible text of an element, whitespace-collapsed (page text is data, never markup). */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
