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
import { composedClosest, deepQueryAll, isOurs, textOf, type Root } from './dom';

const DOMAIN_RE = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ROW_ID_RE = new RegExp(`^row-(${GUID})$`, 'i');
/** What a customer page shows about the customer. */
export interface ScrapedCustomer {
  customerId: string;
  companyName: string;
  domain: string;
}

/** Names are data: long ones are cut to what the background accepts. */
export const MAX_NAME = 500;

/** The customer on a customer page, once its details have rendered (null until then). */
export function scrapeCustomer(customerId: string): ScrapedCustomer | null {
  let domain = '';
  let rendered = false;
  // The details list that holds the Microsoft ID is the customer's own; its domain-shaped value is the domain.
  const list = customerDetails(customerId);
  if (list) {
    domain = list.find((v) => DOMAIN_RE.test(v))?.toLowerCase() ?? '';
    rendered = true;
  }
  // Elsewhere: the customer's own navigation (links to its account page) shows its data has rendered,
  // so the heading is the customer's name and not a loading placeholder.
  rendered ||= deepQueryAll('a[href]').some((a) => (a as HTMLAnchorElement).pathname.toLowerCase().endsWith(`/customers/${customerId}/account`));
  if (!rendered) return null;
  const heading = deepQueryAll('h1, [role="heading"][aria-level="1"]').map(textOf).find((s) => s.length > 0);
  return heading ? { customerId, companyName: heading.slice(0, MAX_NAME), domain } : null;
}

/** The values (`dd`) of the details list that shows `customerId`, or null when none is on the page. */
export function customerDetails(customerId: string): string[] | null {
  for (const list of deepQueryAll('dl')) {
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
export function accountShowsReseller(customerId: string): boolean {
  return customerDetails(customerId)?.some(isResellerValue) ?? false;
}

// ---------------------------------------------------------------------------------------------
// Customer rows

/** The tenant id of a grid row (`row-{GUID}`), or null (skeleton rows, other rows). */
export function rowCustomerId(id: string): string | null {
  const m = ROW_ID_RE.exec(id);
  return m ? (m[1] as string).toLowerCase() : null;
}

/** Rows of customers in one tree scope (not in nested shadow roots). */
export function customerRowsIn(root: Root): Array<[string, Element]> {
  const out: Array<[string, Element]> = [];
  for (const row of root.querySelectorAll('[id^="row-" i]')) {
    const id = rowCustomerId(row.id);
    if (id) out.push([id, row]);
  }
  return out;
}

/** The slot in a row's name cell (the live grid slots the name in from its light DOM). */
export function nameSlot(row: Element, id: string): HTMLSlotElement | null {
  const slots = [...row.querySelectorAll('slot[name]')] as HTMLSlotElement[];
  return slots.find((s) => s.name.toLowerCase().includes(id)) ?? slots[0] ?? null;
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

/** A domain-shaped cell value in the row ('' when none). */
export function rowDomain(row: Element): string {
  for (const cell of row.querySelectorAll('td, th')) {
    const v = textOf(cell);
    if (DOMAIN_RE.test(v)) return v.toLowerCase();
  }
  return '';
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

/** The offer row chosen in a catalogue grid (aria-selected, or a checked radio in it), else null. */
export function chosenCatalogueRow(): Element | null {
  const picked = deepQueryAll('[role="row"][aria-selected="true"], tr[aria-selected="true"], tr input[type="radio"]:checked, [role="row"] input[type="radio"]:checked');
  for (const el of picked) {
    const row = el.matches('tr, [role="row"]') ? el : el.closest('tr, [role="row"]');
    if (row && !composedClosest(row, '[data-csp-move]')) return row;
  }
  return null;
}

/** The offer a catalogue row names: product id from the row id or a cell, the name from its header cell. */
export function rowOffer(row: Element): PageOffer {
  let productId = productIdIn(row.id.replace(/^row-/i, ''));
  if (!productId) for (const cell of row.querySelectorAll('td, th')) if ((productId = productIdIn(textOf(cell)))) break;
  const id = rowCustomerId(row.id);
  return { productId, name: id ? rowName(row, id) : textOf(nameCell(row)).slice(0, MAX_NAME) };
}

/** The quantity input of the purchase form: the only number input, or the one named like a quantity. */
export function quantityInput(): HTMLInputElement | null {
  const inputs = deepQueryAll<HTMLInputElement>('input[type="number"]').filter((i) => !composedClosest(i, '[data-csp-move]') && !i.disabled);
  return inputs.find((i) => /quant|qty|seat|count/i.test(`${i.id} ${i.name}`)) ?? inputs[0] ?? null;
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
export function orderTables(): Element[] {
  return deepQueryAll('table')
    .filter((t) => !composedClosest(t, '[data-csp-move]') && !t.matches('[role="grid"]') && orderItems(t).length > 0)
    .sort((a, b) => b.querySelectorAll('tr').length - a.querySelectorAll('tr').length);
}

// ---------------------------------------------------------------------------------------------
// The reseller invitation

/** The invitation link names this parameter whatever the UI language (and whichever generation of link). */
export const INVITATION_MARK = 'invtype=resellerrelationship';

/** An element in `root` that shows the reseller invitation link (its href or its text), or null. */
export function invitationIn(root: Root): Element | null {
  for (const a of root.querySelectorAll('a[href]')) if ((a.getAttribute('href') ?? '').toLowerCase().includes(INVITATION_MARK)) return a;
  for (const f of root.querySelectorAll('textarea, input')) if ((f as HTMLTextAreaElement).value.toLowerCase().includes(INVITATION_MARK)) return f;
  // The link as plain text, in a dialog: only dialogs are read (a 5,000-row grid's text is not).
  const host = root instanceof ShadowRoot ? root.host : null;
  const dialogs = host?.matches('[role="dialog"], dialog') ? [host] : [...root.querySelectorAll('[role="dialog"], dialog')];
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
