/**
 * DOM helpers for a portal built of web components: its grids live in OPEN shadow roots several
 * levels below `document`, where `document.querySelector` and a MutationObserver on `body` see
 * nothing. Every helper here takes an AbortSignal so one abort tears everything down.
 */

/** Every open shadow root under `root` (depth first), including nested ones. */
export function shadowRoots(root: ParentNode, out: ShadowRoot[] = []): ShadowRoot[] {
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode() as Element | null; n; n = walker.nextNode() as Element | null) {
    const sr = n.shadowRoot;
    // Our own UI is not part of the page.
    if (sr && !n.hasAttribute('data-csp-move')) {
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

export function deepQuery<E extends Element = Element>(selector: string, root: ParentNode = document): E | null {
  const direct = root.querySelector<E>(selector);
  if (direct) return direct;
  for (const sr of shadowRoots(root)) {
    const hit = sr.querySelector<E>(selector);
    if (hit) return hit;
  }
  return null;
}

/**
 * Calls `onChange` (at most once per animation frame) whenever the document or any open shadow
 * root in it changes. New shadow roots are observed as they appear. Stops on abort.
 */
export function observeDeep(onChange: () => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  const observed = new WeakSet<Node>();
  let scheduled = 0;
  const flush = () => {
    scheduled = 0;
    if (!signal.aborted) onChange();
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        const el = node as Element;
        if (el.shadowRoot) watch(el.shadowRoot);
        // Shadow roots deeper inside the added subtree: only walk when the subtree has custom elements.
        if (el.firstElementChild) for (const sr of shadowRoots(el)) watch(sr);
      }
    }
    if (!scheduled) scheduled = requestAnimationFrame(flush);
  });
  function watch(root: Node) {
    if (observed.has(root)) return;
    observed.add(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['id', 'aria-selected', 'aria-checked', 'checked', 'value', 'hidden'] });
  }
  watch(document.documentElement);
  for (const sr of shadowRoots(document)) watch(sr);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (scheduled) cancelAnimationFrame(scheduled);
  });
}

/**
 * Resolves with the first result of `find` that is not null, checking now and after each DOM change,
 * or null after `timeoutMs` or on abort. Bounded: never a polling loop, never a leaked observer.
 */
export function waitFor<T>(find: () => T | null, signal: AbortSignal, timeoutMs = 10_000): Promise<T | null> {
  const first = find();
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
