// @vitest-environment happy-dom
/**
 * The shared observer's `changed` nodes (src/content/dom.ts) and the readers that use them: a busy
 * feed in the document is looked at where it changed, never by querying the whole document again,
 * and what they find is what a full read finds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isFrameScope, observeDeep, onlySetAside, openScopes, perFrame, perTask, queryChanged, shadowRoots, type Changed, type Root } from '../../../src/content/dom';
import { invitationIn } from '../../../src/content/scrape';
import { CustomerRows } from '../../../src/content/tracked';

const A = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const B = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

let controller = new AbortController();
afterEach(() => {
  controller.abort();
  controller = new AbortController();
  document.body.replaceChildren();
});

/** The next report of the shared observer. */
function nextReport(signal: AbortSignal): Promise<{ dirty: Set<Root>; changed: Changed }> {
  return new Promise((resolve) => {
    const local = new AbortController();
    observeDeep(
      (dirty, changed) => {
        local.abort();
        resolve({ dirty: new Set(dirty), changed });
      },
      AbortSignal.any([signal, local.signal]),
    );
  });
}

function row(id: string): HTMLElement {
  const tr = document.createElement('tr');
  tr.id = `row-${id}`;
  tr.innerHTML = '<th>Contoso</th><td>contoso.com</td>';
  return tr;
}

describe('observeDeep: what changed, per scope', () => {
  it('a feed line names the feed, not the document; a new shadow root counts whole', async () => {
    const feed = document.createElement('ul');
    const host = document.createElement('x-grid');
    document.body.append(feed, host);
    // The hub starts with the first subscriber: what is there then is its starting point.
    const first = nextReport(controller.signal);
    feed.append(document.createElement('li'));
    const { dirty, changed } = await first;
    expect([...dirty]).toEqual([document]);
    expect([...changed.get(document)!]).toEqual([feed]);

    const second = nextReport(controller.signal);
    const sr = host.attachShadow({ mode: 'open' });
    sr.append(row(A));
    host.setAttribute('hidden', ''); // a mutation, so the new root is found by the document's records
    host.removeAttribute('hidden');
    const report = await second;
    // The host's own change, and its root: all of it (nothing of it was seen before).
    expect([...report.changed.get(document)!]).toEqual([host]);
    expect([...report.changed.get(sr)!]).toEqual([sr]);
  });

  it('a new shadow root that is only a frame (a button around its slot) is not reported until something comes into it', async () => {
    const host = document.createElement('x-grid');
    document.body.append(host);
    const first = nextReport(controller.signal);
    host.setAttribute('hidden', '');
    await first;

    const buttons = Array.from({ length: 3 }, () => document.createElement('x-button'));
    const roots = buttons.map((b) => {
      const sr = b.attachShadow({ mode: 'open' });
      sr.innerHTML = '<style>button { color: red }</style><button part="control"><slot></slot></button>';
      b.textContent = 'Contoso'; // light DOM: the host's scope reads it
      return sr;
    });
    const withText = document.createElement('x-label');
    const labelRoot = withText.attachShadow({ mode: 'open' });
    labelRoot.innerHTML = '<span>Fabrikam</span>';
    const second = nextReport(controller.signal);
    host.append(...buttons, withText);
    const report = await second;
    for (const sr of roots) expect(report.changed.has(sr)).toBe(false);
    expect([...report.changed.get(labelRoot)!]).toEqual([labelRoot]);
    // Still observed, and among the open scopes.
    expect(openScopes()).toEqual(expect.arrayContaining(roots));
    const third = nextReport(controller.signal);
    roots[1]!.querySelector('button')!.append(document.createElement('b'));
    expect((await third).changed.has(roots[1]!)).toBe(true);
  });

  it('a frame is watched for what comes into it, not for attributes, until its first change', async () => {
    const host = document.createElement('x-grid');
    document.body.append(host);
    observeDeep(() => undefined, controller.signal); // the hub runs between the reports
    const first = nextReport(controller.signal);
    host.setAttribute('hidden', '');
    await first;

    const button = document.createElement('x-button');
    const sr = button.attachShadow({ mode: 'open' });
    sr.innerHTML = '<button part="control"><slot></slot></button>';
    const label = document.createElement('x-label');
    label.attachShadow({ mode: 'open' }).innerHTML = '<span>Fabrikam</span>';
    const added = nextReport(controller.signal);
    host.append(button, label);
    await added;
    expect(isFrameScope(sr)).toBe(true);
    expect(isFrameScope(label.shadowRoot!)).toBe(false);
    expect(isFrameScope(document)).toBe(false);

    // An attribute the readers watch, inside the frame: not a wake (the host's state is what counts).
    const inner = sr.querySelector('button')!;
    const quiet = nextReport(controller.signal);
    inner.setAttribute('aria-checked', 'true');
    host.toggleAttribute('hidden'); // a report is due anyway: the frame must not be in it
    expect((await quiet).changed.has(sr)).toBe(false);

    // Text comes in: reported, a frame no more, and its attributes count from now on.
    const text = nextReport(controller.signal);
    inner.append('Contoso');
    expect((await text).changed.has(sr)).toBe(true);
    expect(isFrameScope(sr)).toBe(false);
    // That its attributes count from then on is checked in Chromium (test/e2e/readers.test.ts, a
    // grid drawn into an empty root that pages by changing row ids): happy-dom keeps a target's
    // first options when it is observed again (its MutationObserverListener copies them once).
  });

  it('past the bound of changed nodes, their nearest ancestors count: the grid, not the document', async () => {
    const grid = document.createElement('table');
    const body = grid.createTBody();
    const rows = Array.from({ length: 12 }, (_, i) => body.appendChild(row(`${A.slice(0, -2)}${String(i).padStart(2, '0')}`)));
    const feed = document.createElement('ul');
    document.body.append(grid, feed);
    const report = nextReport(controller.signal);
    for (const r of rows) r.setAttribute('aria-selected', 'true');
    feed.append(document.createElement('li'));
    const changed = (await report).changed.get(document)!;
    expect(changed.has(document)).toBe(false);
    expect(changed.has(body) && changed.has(feed)).toBe(true);
    expect(changed.size).toBeLessThanOrEqual(8);
    // What a reader finds there is every row that changed.
    expect(queryChanged(document, changed, '[id^="row-"]')).toHaveLength(12);
  });

  it('lifted up to the scope itself, the whole scope counts', async () => {
    const host = document.createElement('x-lists');
    document.body.append(host);
    const sr = host.attachShadow({ mode: 'open' });
    const lists = Array.from({ length: 12 }, () => document.createElement('ul'));
    sr.append(...lists);
    // The hub starts with this subscriber, and finds the root where it is.
    const report = nextReport(controller.signal);
    for (const l of lists) l.append(document.createElement('li'));
    expect([...(await report).changed.get(sr)!]).toEqual([sr]);
  });
});

describe('queryChanged', () => {
  it('only what is at or under the changed nodes; all of the scope when it is named', () => {
    const feed = document.createElement('ul');
    const grid = document.createElement('table');
    grid.append(row(A));
    feed.append(row(B));
    document.body.append(grid, feed);
    expect(queryChanged(document, new Set([feed]), '[id^="row-"]').map((e) => e.id)).toEqual([`row-${B}`]);
    expect(queryChanged(document, new Set([feed.firstElementChild!]), '[id^="row-"]').map((e) => e.id)).toEqual([`row-${B}`]);
    expect(queryChanged(document, new Set<Node>([document]), '[id^="row-"]').map((e) => e.id)).toEqual([`row-${A}`, `row-${B}`]);
    expect(queryChanged(document, undefined, '[id^="row-"]')).toHaveLength(2);
    // A node taken out of the page since is nothing to read.
    const gone = row(A);
    expect(queryChanged(document, new Set([gone]), '[id^="row-"]')).toEqual([]);
  });
});

describe('CustomerRows: kept rows and the changed parts', () => {
  it('rows added, renamed and removed in the document are seen as a full read sees them', async () => {
    const table = document.createElement('table');
    const feed = document.createElement('ul');
    table.append(row(A));
    document.body.append(table, feed);
    const rows = new CustomerRows(controller.signal);
    expect([...rows.current().keys()]).toEqual([A]);
    let emitted = 0;
    rows.subscribe(() => emitted++, controller.signal);
    const frame = () => new Promise((r) => setTimeout(r, 40));

    // The feed alone: nothing changes, nothing is said.
    for (let i = 0; i < 5; i++) feed.append(document.createElement('li'));
    await frame();
    expect(emitted).toBe(0);
    expect([...rows.current().keys()]).toEqual([A]);

    // A new row inside the table (the table is the change's target).
    table.append(row(B));
    await frame();
    expect([...rows.current().keys()].sort()).toEqual([A, B].sort());
    expect(emitted).toBe(1);

    // A row's id changed to another customer's (the row element is the target).
    const first = table.firstElementChild as HTMLElement;
    const C = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
    first.id = `row-${C}`;
    await frame();
    expect([...rows.current().keys()].sort()).toEqual([B, C].sort());

    // Removed: gone from the rows.
    first.remove();
    await frame();
    expect([...rows.current().keys()]).toEqual([B]);
  });
});

describe('CustomerRows: a grid paging through skeleton rows', () => {
  it('reads the new page in the microtask after it is inserted or renamed in place, not a frame later; a grid taken away shows no rows', async () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    const body = document.createElement('tbody');
    body.append(row(A));
    root.append(body);
    document.body.append(host);
    const frame = () => new Promise((r) => setTimeout(r, 40));
    const rows = new CustomerRows(controller.signal);
    await frame();
    expect([...rows.current().keys()]).toEqual([A]);
    const skeleton = () => Object.assign(document.createElement('tr'), { id: 'row-1' });
    // Next page: skeleton rows first (no customer row at all), then the new rows.
    body.replaceChildren(skeleton(), skeleton());
    await frame();
    expect([...rows.current().keys()]).toEqual([]);
    let seenAt = '';
    rows.subscribe(() => (seenAt ||= [...rows.current().keys()].join()), controller.signal);
    body.replaceChildren(row(B));
    // The observer's callback runs in the microtask checkpoint after this task's script.
    await Promise.resolve();
    await Promise.resolve();
    expect(seenAt).toBe(B);
    // Paging in place (the row's element kept, its id changed, as Lit renders): the same.
    const C = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';
    seenAt = '';
    body.firstElementChild!.id = `row-${C}`;
    await Promise.resolve();
    await Promise.resolve();
    expect(seenAt).toBe(C);
    await frame();
    expect([...rows.current().keys()]).toEqual([C]);
    // The grid taken out of the page: its rows go, and what happens in it after is not read.
    host.remove();
    await frame();
    expect([...rows.current().keys()]).toEqual([]);
    seenAt = '';
    body.replaceChildren(row(A));
    await Promise.resolve();
    await frame();
    expect(seenAt).toBe('');
  });
});

describe('invitationIn with the changed nodes', () => {
  it('a link added under a changed node, and the link as text added to a dialog already open', () => {
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const p = document.createElement('p');
    dialog.append(p);
    const elsewhere = document.createElement('div');
    document.body.append(dialog, elsewhere);
    expect(invitationIn(document, new Set([elsewhere]))).toBeNull();
    p.textContent = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=x#/BillingAccounts/partner-invitation';
    // Only the paragraph changed: the dialog around it is read.
    expect(invitationIn(document, new Set([p]))).toBe(dialog);
    // A changed node elsewhere does not read the dialog (its text did not change).
    expect(invitationIn(document, new Set([elsewhere]))).toBeNull();
    const a = document.createElement('a');
    a.href = 'https://admin.microsoft.com/?invType=ResellerRelationship';
    elsewhere.append(a);
    expect(invitationIn(document, new Set([elsewhere]))).toBe(a);
    expect(invitationIn(document)).toBe(a);
  });
});

describe('openScopes', () => {
  it("the shared observer's scopes while it runs (new ones as they come, detached ones dropped), a walk otherwise", async () => {
    const outer = document.createElement('x-app');
    const outerRoot = outer.attachShadow({ mode: 'open' });
    const inner = document.createElement('x-grid');
    const innerRoot = inner.attachShadow({ mode: 'open' });
    outerRoot.append(inner);
    document.body.append(outer);
    // No observer running: a walk finds both.
    expect(openScopes()).toEqual([document, outerRoot, innerRoot]);
    observeDeep(() => undefined, controller.signal);
    expect(new Set(openScopes())).toEqual(new Set([document, outerRoot, innerRoot]));
    // A new grid page: its scope is known after the frame that saw it.
    const next = document.createElement('x-grid');
    const nextRoot = next.attachShadow({ mode: 'open' });
    outerRoot.append(next);
    await new Promise((r) => setTimeout(r, 40));
    expect(new Set(openScopes())).toEqual(new Set([document, outerRoot, innerRoot, nextRoot]));
    inner.remove();
    expect(new Set(openScopes())).toEqual(new Set([document, outerRoot, nextRoot]));
    expect(new Set(openScopes())).toEqual(new Set([document, ...shadowRoots(document)]));
  });
});

describe('observeDeep: a busy subtree is set aside', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Mutates `el` every 10 ms (a feed: one line in, the oldest out, `size` lines kept) until the signal aborts. */
  function feedOn(el: Element, signal: AbortSignal, size = 5): void {
    let n = 0;
    const timer = setInterval(() => {
      if (el.childElementCount >= size) el.firstElementChild!.remove();
      else el.append(Object.assign(document.createElement('li'), { textContent: `Activity ${++n}` }));
    }, 10);
    signal.addEventListener('abort', () => clearInterval(timer));
  }

  /** Reports naming `node` as changed, counted from now. */
  function counter(node: Node, signal: AbortSignal): { count: () => number; last: () => number } {
    let count = 0;
    let last = 0;
    observeDeep((_dirty, changed) => {
      if (changed.get(document)?.has(node)) {
        count++;
        last = performance.now();
      }
    }, signal);
    return { count: () => count, last: () => last };
  }

  it('a feed stops waking the subscribers every frame: it is looked at twice a second, the rest of the page at once', async () => {
    const feed = document.createElement('ul');
    const other = document.createElement('div');
    document.body.append(feed, other);
    const reports = counter(feed, controller.signal);
    feedOn(feed, controller.signal);
    await sleep(450);
    // Busy, and reported frame after frame while the observer sees all of it.
    expect(reports.count()).toBeGreaterThan(8);
    // Set aside after two busy windows: from then on, reported only when it is looked at.
    const perSecond = async () => {
      const before = reports.count();
      await sleep(1000);
      return reports.count() - before;
    };
    const until = performance.now() + 8000;
    let rate = await perSecond();
    while (rate > 3 && performance.now() < until) rate = await perSecond();
    expect(rate).toBeLessThanOrEqual(3);
    // Still looked at: twice a second.
    expect(await perSecond()).toBeGreaterThanOrEqual(1);

    // Its sibling still reports at the next frame.
    const sibling = counter(other, controller.signal);
    other.append(document.createElement('p'));
    await sleep(60);
    expect(sibling.count()).toBe(1);
    // A new child of an ancestor of the feed is observed with all of its subtree.
    const late = document.createElement('section');
    document.body.append(late);
    await sleep(60);
    const deep = document.createElement('div');
    late.append(deep);
    const lateReports = counter(late, controller.signal);
    deep.setAttribute('hidden', '');
    const deepReports = counter(deep, controller.signal);
    await sleep(60);
    expect(lateReports.count() + deepReports.count()).toBeGreaterThanOrEqual(1);
  }, 15_000);

  it('a report that names only set-aside subtrees says so (onlySetAside); one naming anything else does not', async () => {
    const feed = document.createElement('ul');
    const other = document.createElement('div');
    document.body.append(feed, other);
    const verdicts: Array<{ feed: boolean; other: boolean; only: boolean }> = [];
    observeDeep((_dirty, changed) => {
      const nodes = changed.get(document);
      verdicts.push({ feed: !!nodes?.has(feed), other: !!nodes?.has(other), only: onlySetAside(changed) });
    }, controller.signal);
    feedOn(feed, controller.signal);
    // Set aside after two busy windows of 500 ms: from then on its reports name it alone.
    const until = performance.now() + 8000;
    while (!verdicts.some((v) => v.feed && v.only) && performance.now() < until) await sleep(100);
    verdicts.length = 0;
    await sleep(1100);
    // Looked at twice a second, and each of those reports names it alone.
    const looks = verdicts.filter((v) => v.feed);
    expect(looks.length).toBeGreaterThanOrEqual(1);
    expect(looks.every((v) => v.only && !v.other)).toBe(true);
    // The rest of the page changing: not only set-aside subtrees.
    verdicts.length = 0;
    other.append(document.createElement('p'));
    await sleep(60);
    expect(verdicts.some((v) => v.other && !v.only)).toBe(true);
    expect(verdicts.filter((v) => v.other).every((v) => !v.only)).toBe(true);
  }, 15_000);

  it('a big subtree that changes as often is not set aside (the grid is what the features read)', async () => {
    const grid = document.createElement('tbody');
    for (let i = 0; i < 150; i++) grid.append(document.createElement('tr'));
    document.body.append(grid);
    const reports = counter(grid, controller.signal);
    feedOn(grid, controller.signal, 150);
    await sleep(3200);
    const before = reports.count();
    await sleep(1000);
    expect(reports.count() - before).toBeGreaterThan(10);
  }, 15_000);
});

describe('perTask', () => {
  it('runs once right after the task that asked, before the next frame; never after abort; never throws', async () => {
    const order: string[] = [];
    let runs = 0;
    const soon = perTask('test', () => {
      runs++;
      order.push('task');
      throw new Error('a feature failed'); // kept from the page
    }, controller.signal);
    const frame = perFrame('test', () => order.push('frame'), controller.signal);
    frame();
    soon();
    soon();
    soon();
    expect(runs).toBe(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toBe(1);
    expect(order).toEqual(['task', 'frame']);
    // Asked again in a later task: runs again.
    soon();
    await Promise.resolve();
    expect(runs).toBe(2);
    soon();
    controller.abort();
    await new Promise((r) => setTimeout(r, 0));
    expect(runs).toBe(2);
  });
});
