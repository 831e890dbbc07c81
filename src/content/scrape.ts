/**
 * Reading the page. Structure first, never English labels alone:
 * - the customer on a customer page: the company name is the page's main heading; the domain is
 *   the value that looks like a domain name in the details list that also shows the route's tenant
 *   id (the Microsoft ID). Labels are never read, so a zh-TW portal works the same.
 * - customer rows in grids: `row-{tenantId}` ids holding a GUID (observed on the live portal;
 *   skeleton rows `row-he-row-0`, `row-1` … are not customers).
 * - relationship values ("Reseller", "轉售商"): matched as DATA values of a details list or a grid
 *   cell, not through the label beside them. This relies on the portal's value words.
 * - offers: the product id (`CFQ7TTC0LH18:0001`) is the stable key; the localized display name is
 *   the fallback.
 */
import { GUID } from '../core/model';
import { composedClosest, deepQueryAll, isOurs, queryChanged, textOf, type Root } from './dom';

const DOMAIN_RE = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ROW_ID_RE = new RegExp(`^row-(${GUID})$`, 'i');
/** What a customer page shows about the customer. */
export interface ScrapedCustomer {
  customerId: string;
  companyName: string;
  domain: string;
  /** Which way each was read. */
  via?: { companyName: Via; domain?: Via };
}

/** Names are data: long ones are cut to what the background accepts. */
export const MAX_NAME = 500;

// ---------------------------------------------------------------------------------------------
// How a fact was read

/**
 * The way a reader succeeded, from a fixed vocabulary (safe for the diagnostic report: never page
 * text). "About this page" and the report list it per fact, so a partner's report says which way
 * worked when Microsoft changes the markup.
 */
export type Via =
  | 'route'
  | 'clicked'
  | 'heading'
  | 'aria-label'
  | 'title'
  | 'stored'
  | 'details'
  | 'row-id'
  | 'cell'
  | 'slotted-name'
  | 'cell-name'
  | 'number-input'
  | 'spinbutton'
  | 'order-table'
  | 'order-grid'
  | 'picked';

export interface Read<T> {
  value: T;
  via: Via;
}

/** The customer id: always from the route (the URL names the tenant; the page is never asked). */
export function readCustomerId(page: { customerId?: string }): Read<string> | null {
  return page.customerId ? { value: page.customerId, via: 'route' } : null;
}

/** What the tab remembers of the customer (the name clicked in a grid) and what the move stored. */
export interface NameHints {
  clicked?: string;
  stored?: string;
}

/**
 * The customer's name, in order: the name the partner clicked in the grid (remembered per tab); the
 * page's main heading (its text, else its ARIA label); `document.title` ("Section - Name | App");
 * the stored move. Null while none of them has it.
 */
export function readCustomerName(hints: NameHints = {}, root: ParentNode = document): Read<string> | null {
  const clicked = hints.clicked?.trim();
  if (clicked) return { value: clicked.slice(0, MAX_NAME), via: 'clicked' };
  const heading = headingName(root);
  if (heading) return heading;
  // While the page shows a progress indicator, the title may still be the previous page's.
  const busy = deepQueryAll('[role="progressbar"]', root).some((el) => !composedClosest(el, '[data-csp-move]'));
  const title = busy ? '' : titleName(root === document || !(root instanceof Node) ? document.title : (root.ownerDocument?.title ?? ''));
  if (title) return { value: title, via: 'title' };
  const stored = hints.stored?.trim();
  return stored ? { value: stored.slice(0, MAX_NAME), via: 'stored' } : null;
}

/**
 * The main heading's text (or its ARIA label), once the page has settled: a heading in a tree scope
 * that still shows a progress indicator is a loading placeholder, not the customer's name.
 */
export function headingName(root: ParentNode = document): Read<string> | null {
  for (const h of deepQueryAll('h1, [role="heading"][aria-level="1"]', root)) {
    if (composedClosest(h, '[data-csp-move]')) continue;
    const scope = h.getRootNode() as ParentNode;
    if (scope.querySelector('[role="progressbar"]')) continue;
    const text = textOf(h);
    if (text) return { value: text.slice(0, MAX_NAME), via: 'heading' };
    const label = (h.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').trim();
    if (label) return { value: label.slice(0, MAX_NAME), via: 'aria-label' };
  }
  return null;
}

/**
 * The name in a title shaped "Section - Name | App" (the app's name after the last bar, the
 * section before the first dash). A title without both parts names no customer: ''.
 */
export function titleName(title: string): string {
  const bar = title.search(/\s[|｜]\s[^|｜]*$/);
  if (bar < 0) return '';
  const main = title.slice(0, bar);
  const m = /^[^\n]*?\s[-–—]\s(.+)$/.exec(main);
  return (m?.[1] ?? '').trim().slice(0, MAX_NAME);
}

/** The customer's domain: the domain-shaped value of the details list showing its Microsoft ID. */
export function readDomain(customerId: string, clickedDomain = '', root: ParentNode = document): Read<string> | null {
  const found = customerDetails(customerId, root)?.find((v) => DOMAIN_RE.test(v));
  if (found) return { value: found.toLowerCase(), via: 'details' };
  return DOMAIN_RE.test(clickedDomain) ? { value: clickedDomain.toLowerCase(), via: 'clicked' } : null;
}

/** The customer on a customer page, once its name was read (null until then). */
export function scrapeCustomer(customerId: string, hints: NameHints & { clickedDomain?: string } = {}): ScrapedCustomer | null {
  const name = readCustomerName(hints);
  if (!name) return null;
  const domain = readDomain(customerId, hints.clickedDomain);
  return { customerId, companyName: name.value, domain: domain?.value ?? '', via: { companyName: name.via, ...(domain ? { domain: domain.via } : {}) } };
}

/** The values (`dd`) of the details list that shows `customerId`, or null when none is on the page. */
export function customerDetails(customerId: string, root: ParentNode = document): string[] | null {
  for (const list of deepQueryAll('dl', root)) {
    const values = [...list.querySelectorAll('dd')].map(textOf);
    if (values.some((v) => v.toLowerCase() === customerId)) return values;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Relationship values

/**
 * The value Partner Center shows for a reseller relationship, per UI language. zh-TW pages show 轉售商,
 * Microsoft's zh-TW docs mostly write 轉銷商 and the "request" action says 經銷商: all three are read
 * (docs/glossary-zh-TW.md).
 */
const RESELLER_WORDS = ['reseller', '轉銷商', '轉售商', '經銷商', '经销商', '转售商', 'revendeur', 'wiederverkäufer', 'revendedor', 'rivenditore', 'リセラー', '재판매인'];

/** True when a cell or details value says "reseller" (alone or in a list of relationships). */
export function isResellerValue(text: string): boolean {
  return text
    .toLowerCase()
    .split(/[,;、，；/|]/)
    .some((part) => RESELLER_WORDS.includes(part.trim()));
}

/** The account page's details list for `customerId` shows a reseller relationship. */
export function accountShowsReseller(customerId: string, root: ParentNode = document): boolean {
  return customerDetails(customerId, root)?.some(isResellerValue) ?? false;
}

// ---------------------------------------------------------------------------------------------
// Customer rows

/** The tenant id of a grid row (`row-{GUID}`), or null (skeleton rows, other rows). */
export function rowCustomerId(id: string): string | null {
  const m = ROW_ID_RE.exec(id);
  return m ? (m[1] as string).toLowerCase() : null;
}

/** What a customer row's element looks like before its id is checked (`row-{tenant id}`). */
export const CUSTOMER_ROW = '[id^="row-" i]';

/** Rows of customers in one tree scope (not in nested shadow roots). */
export function customerRowsIn(root: Root): Array<[string, Element]> {
  const out: Array<[string, Element]> = [];
  for (const row of root.querySelectorAll(CUSTOMER_ROW)) {
    const id = rowCustomerId(row.id);
    if (id) out.push([id, row]);
  }
  return out;
}

/** The slot in a row's name cell (the live grid slots the name in from its light DOM). */
export function nameSlot(row: Element, id: string): HTMLSlotElement | null {
  // Not a query naming the id: a selector new for every row is parsed for every row.
  const slots = row.querySelectorAll<HTMLSlotElement>('slot[name]');
  for (const s of slots) if (s.name.toLowerCase().includes(id)) return s;
  return slots[0] ?? null;
}

/** The row's name cell: the row header (`th`), else its first cell. */
export function nameCell(row: Element): Element | null {
  return row.querySelector('th, [role="rowheader"]') ?? row.querySelector('td, [role="gridcell"]');
}

/** The customer's name as the row shows it: the slotted name element(s), else the name cell's text. */
export function rowName(row: Element, id: string): string {
  const slot = nameSlot(row, id);
  const slotted = slot ? slot.assignedElements().filter((e) => !isOurs(e)).map(textOf).join(' ').trim() : '';
  return (slotted || textOf(nameCell(row))).slice(0, MAX_NAME);
}

/** What a row's cell is: a table's (`td`, `th`) or an ARIA grid's (the roles below). */
const CELL_ROLES = new Set(['gridcell', 'rowheader', 'cell']);
const CELLS = `td, th, ${[...CELL_ROLES].map((r) => `[role="${r}"]`).join(', ')}`;
/** `CELLS` without a selector match: this runs for every cell of a new page. */
function isCell(el: Element): boolean {
  const name = el.localName;
  return name === 'td' || name === 'th' || CELL_ROLES.has(el.getAttribute('role') ?? '');
}

/**
 * A domain-shaped cell value in the row ('' when none). The row's own cells when its first child is
 * one (a table's or an ARIA grid's row: walked sibling to sibling), else the cells below it. Read for
 * every row of a new page: a query of each row's subtree took half again as long (500 rows, 7 pages).
 */
export function rowDomain(row: Element): string {
  const first = row.firstElementChild;
  const cells: Iterable<Element> = first && isCell(first) ? siblingCells(first) : row.querySelectorAll(CELLS);
  for (const cell of cells) {
    // No dot, no domain: most cells cost one read of their text.
    if (!cell.textContent?.includes('.')) continue;
    const v = textOf(cell);
    if (DOMAIN_RE.test(v)) return v.toLowerCase();
  }
  return '';
}

function* siblingCells(first: Element): Generator<Element> {
  for (let c: Element | null = first; c; c = c.nextElementSibling) if (isCell(c)) yield c;
}

/** The grid marks the row selected (aria-selected) or its selection control is checked. */
export function rowSelected(row: Element): boolean {
  return row.getAttribute('aria-selected') === 'true' || !!row.querySelector('input:checked, [aria-checked="true"]');
}

/** A cell of the row says "reseller" (the customers grid's relationship column, wherever it is). */
export function rowShowsReseller(row: Element): boolean {
  return [...row.querySelectorAll('td, [role="gridcell"]')].some((c) => isResellerValue(textOf(c)));
}

// ---------------------------------------------------------------------------------------------
// Offers

/** A new-commerce product id, e.g. `CFQ7TTC0LH18:0001` (the `:0001` sku part is optional). */
const PRODUCT_ID_RE = /\b([A-Z0-9]{12}(?::[0-9]{4})?)\b/;

/** The product id in a text, or ''. Requires a digit and a letter (not a plain word or number). */
export function productIdIn(text: string): string {
  const m = PRODUCT_ID_RE.exec(text);
  const id = m?.[1] ?? '';
  return /[0-9]/.test(id) && /[A-Z]/.test(id) ? id : '';
}

/** A whole-number quantity as a page shows it ("1,200", "1 200", "25"), or undefined. */
export function parseQuantity(text: string): number | undefined {
  const s = text.replace(/[\s,.'\u00a0\u202f]/g, '');
  if (!/^\d{1,7}$/.test(s)) return undefined;
  return Number(s);
}

export interface PageOffer {
  productId: string;
  /** The name the page shows (localized, possibly with noise). */
  name: string;
  quantity?: number;
}

/** Rows of a grid or table in `root`: `tr` and `[role="row"]`, not header rows, not our UI. */
function rowsIn(root: ParentNode): Element[] {
  return deepQueryAll('tr, [role="row"]', root).filter((r) => !r.querySelector('th[scope="col"], [role="columnheader"]') && !r.closest('thead') && !composedClosest(r, '[data-csp-move]'));
}

/** The cells of a row: `td`/`th` or grid cells. */
function cellsOf(row: Element): Element[] {
  return [...row.querySelectorAll(CELLS)].filter((c) => c.parentElement === row || c.closest('tr, [role="row"]') === row);
}

/** The offer row chosen in a catalogue grid (aria-selected, or its checked "Select row" control), else null. */
export function chosenCatalogueRow(root: ParentNode = document): Element | null {
  const picked = deepQueryAll(
    '[role="row"][aria-selected="true"], tr[aria-selected="true"], tr input[type="radio"]:checked, [role="row"] input[type="radio"]:checked, tr [role="radio"][aria-checked="true"], [role="row"] [role="radio"][aria-checked="true"]',
    root,
  );
  for (const el of picked) {
    const row = el.matches('tr, [role="row"]') ? el : el.closest('tr, [role="row"]');
    if (row && !composedClosest(row, '[data-csp-move]') && row.getAttribute('aria-busy') !== 'true') return row;
  }
  return null;
}

/**
 * The name a row shows: the element(s) slotted into it from the grid host's light DOM (how the live
 * grids render names), else its row header, else its first cell holding a word (not a product id,
 * not a number).
 */
export function readRowName(row: Element): Read<string> | null {
  for (const slot of row.querySelectorAll('slot')) {
    const text = slot.assignedElements().filter((e) => !isOurs(e)).map(textOf).join(' ').trim();
    if (text) return { value: text.slice(0, MAX_NAME), via: 'slotted-name' };
  }
  const header = row.querySelector('th, [role="rowheader"]');
  const headerText = textOf(header);
  if (headerText) return { value: headerText.slice(0, MAX_NAME), via: 'cell-name' };
  for (const cell of cellsOf(row)) {
    const v = textOf(cell);
    if (v && /\p{L}/u.test(v) && !productIdIn(v) && parseQuantity(v) === undefined) return { value: v.slice(0, MAX_NAME), via: 'cell-name' };
  }
  return null;
}

/** The product id a row names: in its id (`row-CFQ7TTC0LF8R:0001`), else a cell that is one. */
export function readRowProductId(row: Element): Read<string> | null {
  const fromId = productIdIn(row.id.replace(/^row-/i, ''));
  if (fromId) return { value: fromId, via: 'row-id' };
  for (const cell of cellsOf(row)) {
    const text = textOf(cell);
    const id = productIdIn(text);
    if (id && id.length >= text.length - 1) return { value: id, via: 'cell' };
  }
  return null;
}

/**
 * The offer a catalogue row names: the product id (row id or a cell) and the name it shows. Read
 * by the product id when there is one, else by the name alone (offers keyed by position); null
 * when the row holds neither (a placeholder).
 */
export function readRowOffer(row: Element): Read<PageOffer> | null {
  const id = readRowProductId(row);
  const name = readRowName(row);
  if (!id && !name) return null;
  return { value: { productId: id?.value ?? '', name: name?.value ?? '' }, via: id?.via ?? (name as Read<string>).via };
}

/** The offer chosen in the catalogue, read from the chosen row; null when none can be read. */
export function readChosenOffer(root: ParentNode = document): Read<PageOffer> | null {
  const row = chosenCatalogueRow(root);
  return row ? readRowOffer(row) : null;
}

/** @deprecated kept for callers reading a row without caring how: use readRowOffer. */
export function rowOffer(row: Element): PageOffer {
  return readRowOffer(row)?.value ?? { productId: '', name: '' };
}

/** The quantity input of the purchase form: the only number input, or the one named like a quantity. */
export function quantityInput(root: ParentNode = document): HTMLInputElement | null {
  const inputs = deepQueryAll<HTMLInputElement>('input[type="number"]', root).filter((i) => !composedClosest(i, '[data-csp-move]') && !i.disabled);
  return inputs.find((i) => /quant|qty|seat|count/i.test(`${i.id} ${i.name}`)) ?? inputs[0] ?? null;
}

/**
 * The quantity the partner entered: a number input (in any open shadow root), else a spin button
 * (`role="spinbutton"`, its `aria-valuenow` or value) or a numeric text input. Null when there is
 * none or it holds no whole number.
 */
export function readQuantity(root: ParentNode = document): Read<number> | null {
  const input = quantityInput(root);
  if (input) {
    const n = Number.isFinite(input.valueAsNumber) ? input.valueAsNumber : parseQuantity(input.value);
    return n !== undefined && Number.isInteger(n) && n >= 0 ? { value: n, via: 'number-input' } : null;
  }
  for (const el of deepQueryAll('[role="spinbutton"], input[inputmode="numeric"]', root)) {
    if (composedClosest(el, '[data-csp-move]') || (el as HTMLInputElement).disabled) continue;
    // aria-valuenow is a machine number ("2.5" is not 25); a shown value may be grouped ("1,200").
    const now = el.getAttribute('aria-valuenow');
    const n = now !== null ? Number(now) : parseQuantity(el instanceof HTMLInputElement ? el.value : textOf(el));
    if (n !== undefined && Number.isInteger(n) && n >= 0) return { value: n, via: 'spinbutton' };
  }
  return null;
}

/**
 * The items of an order table (cart, review, confirmation): rows holding a product id; the name is
 * the first cell's text, the quantity the last cell holding a whole number.
 */
export function orderItems(table: Element): PageOffer[] {
  const items: PageOffer[] = [];
  for (const row of table.querySelectorAll('tbody tr, tr')) {
    if (row.closest('thead')) continue;
    const cells = [...row.querySelectorAll('td, th')].map(textOf);
    const idCell = cells.findIndex((c) => productIdIn(c) !== '' && productIdIn(c).length >= c.length - 1);
    if (idCell < 0) continue;
    let quantity: number | undefined;
    for (const c of cells) quantity = parseQuantity(c) ?? quantity;
    const name = cells.find((c, i) => i !== idCell && c !== '' && parseQuantity(c) === undefined) ?? '';
    items.push({ productId: productIdIn(cells[idCell] as string), name: name.slice(0, MAX_NAME), quantity });
  }
  return items;
}

/** Order tables on the page (not our own UI), largest first. */
export function orderTables(root: ParentNode = document): Element[] {
  return deepQueryAll('table', root)
    .filter((t) => !composedClosest(t, '[data-csp-move]') && !t.matches('[role="grid"]') && orderItems(t).length > 0)
    .sort((a, b) => b.querySelectorAll('tr').length - a.querySelectorAll('tr').length);
}

/**
 * The items of an order grid (offers keyed by position): each settled row that shows a name
 * (slotted or in its header cell) and a whole-number quantity. A row without both is skipped.
 */
export function orderGridItems(root: ParentNode = document): PageOffer[] {
  const items: PageOffer[] = [];
  for (const grid of deepQueryAll('[role="grid"]', root)) {
    if (composedClosest(grid, '[data-csp-move]')) continue;
    for (const row of rowsIn(grid)) {
      if (row.getAttribute('aria-busy') === 'true') continue;
      const name = readRowName(row);
      let quantity: number | undefined;
      for (const cell of cellsOf(row)) quantity = parseQuantity(textOf(cell)) ?? quantity;
      if (!name || quantity === undefined) continue;
      items.push({ productId: readRowProductId(row)?.value ?? '', name: name.value, quantity });
    }
  }
  return items;
}

/**
 * The order on a review or confirmation page: a table whose rows hold product ids, else a grid
 * whose rows show a name and a quantity. Null when neither is there (the partner is then asked).
 */
export function readOrder(root: ParentNode = document): Read<PageOffer[]> | null {
  const table = orderTables(root)[0];
  if (table) return { value: orderItems(table), via: 'order-table' };
  const grid = orderGridItems(root);
  return grid.length ? { value: grid, via: 'order-grid' } : null;
}

// ---------------------------------------------------------------------------------------------
// The reseller invitation

/** The invitation link names this parameter whatever the UI language (and whichever generation of link). */
export const INVITATION_MARK = 'invtype=resellerrelationship';

/** An element in `root` that shows the reseller invitation link (its href or its text), or null. */
/** The invitation link itself, from the element `invitationIn` found (a link, a field or a dialog's text). */
export function invitationUrl(el: Element): string | null {
  // A dialog that is a shadow host shows the link in its shadow root (invitationIn returns the host).
  const text = `${el.getAttribute('href') ?? ''} ${(el as HTMLTextAreaElement).value ?? ''} ${el.textContent ?? ''} ${el.shadowRoot?.textContent ?? ''}`;
  return /https:\/\/[^\s"'<>]*invType=[^\s"'<>]*/i.exec(text)?.[0] ?? null;
}

const DIALOG = '[role="dialog"], dialog';

export function invitationIn(root: Root, nodes?: ReadonlySet<Node>): Element | null {
  // Matched by the selector, not read link by link: a page of 500 rows has 500 links.
  const link = queryChanged(root, nodes, `a[href*="${INVITATION_MARK}" i]`)[0];
  if (link) return link;
  for (const f of queryChanged(root, nodes, 'textarea, input')) if ((f as HTMLTextAreaElement).value.toLowerCase().includes(INVITATION_MARK)) return f;
  // The link as plain text, in a dialog: only dialogs are read (a 5,000-row grid's text is not).
  const host = root instanceof ShadowRoot && root.host.matches(DIALOG) ? root.host : null;
  const dialogs = new Set(host ? [host] : queryChanged(root, nodes, DIALOG));
  // Text that changed inside a dialog already there.
  if (!host && nodes && !nodes.has(root)) {
    for (const n of nodes) {
      const d = n.nodeType === Node.ELEMENT_NODE && n.isConnected ? (n as Element).closest(DIALOG) : null;
      if (d) dialogs.add(d);
    }
  }
  for (const d of dialogs) {
    const scope = d === host ? root : d;
    if ((scope.textContent ?? '').toLowerCase().includes(INVITATION_MARK)) return d;
  }
  return null;
}

/** Labels of copy buttons in the languages Partner Center speaks (a hint; the copy event is the proof). */
const COPY_RE = /copy|複製|复制|コピー|kopier|copier|copiar|copia|복사|копир/i;

export function isCopyLabel(text: string): boolean {
  return COPY_RE.test(text);
}
