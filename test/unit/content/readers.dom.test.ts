// @vitest-environment happy-dom
/**
 * Every exported page reader (src/content/scrape.ts, clicked.ts) in a DOM, on markup it was not
 * written against as well as the sample portal's:
 * - `sample`: the sample portal's markup (ids `row-{key}`, `cell-{field}-{key}`, classes, a `th`
 *   name cell, names slotted from the grid host's light DOM);
 * - `bare`: no ids and no classes, roles and labels only (a reader keyed on ids must then return
 *   nothing rather than guess);
 * - `zh-TW`: the same page in Traditional Chinese (names, relationship words, number formats);
 * - `shadow`: the grid or form behind nested open shadow roots the reader must go through.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { clickedRow } from '../../../src/content/clicked';
import {
  accountShowsReseller,
  chosenCatalogueRow,
  customerDetails,
  customerRowsIn,
  headingName,
  invitationIn,
  nameCell,
  nameSlot,
  orderGridItems,
  orderItems,
  orderTables,
  quantityInput,
  readChosenOffer,
  readCustomerId,
  readCustomerName,
  readDomain,
  readOrder,
  readQuantity,
  readRowName,
  readRowOffer,
  readRowProductId,
  rowDomain,
  rowName,
  rowOffer,
  rowSelected,
  rowShowsReseller,
  scrapeCustomer,
  titleName,
} from '../../../src/content/scrape';

const ID = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';
const ID2 = '1e3f5a7b-9c2d-4e4f-8a6b-7c8d9e0f1a2b';
const E3 = 'CFQ7TTC0LF8R:0001';

afterEach(() => {
  document.body.replaceChildren();
  document.title = '';
});

/** `html` inside `depth` nested open shadow roots (0: the document's body). Returns the innermost scope. */
function mount(html: string, depth = 0): ParentNode {
  let scope: ParentNode = document.body;
  for (let i = 0; i < depth; i++) {
    const host = document.createElement(`x-level${i}`);
    scope.append(host);
    scope = host.attachShadow({ mode: 'open' });
  }
  const box = document.createElement('div');
  box.innerHTML = html;
  scope.append(...box.childNodes);
  return scope;
}

/** A grid component: `rows` in its open shadow root, `slotted` (slot name → text) in its light DOM as link buttons. */
function grid(rows: string, slotted: Record<string, string> = {}, depth = 0, tag = 'customer_he-data-grid'): ShadowRoot {
  const outer = mount(`<${tag}></${tag}>`, depth);
  // (happy-dom does not take `_` in a type selector, which CSS allows: found by name instead.)
  const host = [...outer.children].find((e) => e.localName === tag) as HTMLElement;
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<table role="grid"><thead><tr><th role="columnheader" scope="col">Name</th></tr></thead><tbody>${rows}</tbody></table>`;
  for (const [slot, text] of Object.entries(slotted)) {
    const b = document.createElement('button');
    b.slot = slot;
    b.textContent = text;
    host.append(b);
  }
  return root;
}

const firstRow = (root: ParentNode) => root.querySelector('tbody tr, [role="row"]:not(:has([role="columnheader"]))') as Element;

// ---------------------------------------------------------------------------------------------
// The customer

describe('readCustomerId: always the route', () => {
  it.each([
    ['sample', { customerId: ID }, ID],
    ['no customer in the route (customers list)', {}, null],
    ['zh-TW route (already lower case)', { customerId: ID2 }, ID2],
  ])('%s', (_v, page, expected) => {
    // Page text naming another customer changes nothing.
    mount(`<h1>${ID2}</h1>`);
    expect(readCustomerId(page)?.value ?? null).toBe(expected);
    if (expected) expect(readCustomerId(page)?.via).toBe('route');
  });
});

describe('headingName', () => {
  it.each([
    ['sample', '<header class="customer-header"><h1 class="customer-header__name">Contoso Ltd</h1></header>', 0, 'Contoso Ltd', 'heading'],
    ['bare: role and level, text', '<div role="heading" aria-level="1">Contoso Ltd</div>', 0, 'Contoso Ltd', 'heading'],
    ['bare: an icon heading named by its ARIA label', '<div role="heading" aria-level="1" aria-label="Contoso Ltd"><svg></svg></div>', 0, 'Contoso Ltd', 'aria-label'],
    ['zh-TW', '<h1>台灣雲端股份有限公司</h1>', 0, '台灣雲端股份有限公司', 'heading'],
    ['shadow', '<h1> Contoso\n Ltd </h1>', 3, 'Contoso Ltd', 'heading'],
  ])('%s', (_v, html, depth, value, via) => {
    mount(html, depth);
    expect(headingName()).toEqual({ value, via });
  });

  it('skips a heading in a scope still showing progress, headings of level 2, and our own UI', () => {
    mount('<div role="progressbar"></div><h1>Loading…</h1>', 2);
    mount('<h2>Subscriptions</h2><div data-csp-move="overlay"><h1>Ours</h1></div>');
    expect(headingName()).toBeNull();
    mount('<h1>Contoso Ltd</h1>', 1);
    expect(headingName()?.value).toBe('Contoso Ltd');
  });
});

describe('titleName: "Section - Name | App"', () => {
  it.each([
    ['sample', 'Account - Contoso Ltd | Partner Center', 'Contoso Ltd'],
    ['a name holding a dash', 'Subscriptions - Contoso - East | Partner Center', 'Contoso - East'],
    ['zh-TW', '帳戶 - 台灣雲端股份有限公司 | 合作夥伴中心', '台灣雲端股份有限公司'],
    ['a section alone names no one', 'Customers | Partner Center', ''],
    ['no app part', 'Account - Contoso Ltd', ''],
  ])('%s', (_v, title, expected) => {
    expect(titleName(title)).toBe(expected);
  });
});

describe('readCustomerName: clicked, heading (or ARIA label), title, stored', () => {
  it('takes the name clicked in the grid first', () => {
    mount('<h1>Customers</h1>');
    document.title = 'Account - Other | Partner Center';
    expect(readCustomerName({ clicked: ' Contoso Ltd ', stored: 'Old name' })).toEqual({ value: 'Contoso Ltd', via: 'clicked' });
  });

  it.each([
    ['sample: the heading', '<h1 class="customer-header__name">Contoso Ltd</h1>', 0, 'Account - Contoso Ltd | Partner Center', { value: 'Contoso Ltd', via: 'heading' }],
    ['bare: no heading, the title', '<main aria-label="Account"><p>…</p></main>', 0, 'Account - Contoso Ltd | Partner Center', { value: 'Contoso Ltd', via: 'title' }],
    ['zh-TW: the heading behind shadow roots', '<h1>台灣雲端股份有限公司</h1>', 2, '帳戶 - 台灣雲端股份有限公司 | 合作夥伴中心', { value: '台灣雲端股份有限公司', via: 'heading' }],
    ['still loading: the stored move, never the previous page title', '<div role="progressbar"></div>', 1, 'Account - Previous Customer | Partner Center', { value: 'Stored Ltd', via: 'stored' }],
  ])('%s', (_v, html, depth, title, expected) => {
    mount(html, depth);
    document.title = title;
    expect(readCustomerName({ stored: 'Stored Ltd' })).toEqual(expected);
  });

  it('is null when no way has it', () => {
    mount('<p>nothing</p>');
    expect(readCustomerName({})).toBeNull();
  });
});

describe('customerDetails, readDomain, accountShowsReseller, scrapeCustomer', () => {
  const details = (rel: string, domain: string, cls = true) =>
    `<dl${cls ? ' class="details-list"' : ''}><dt>Company</dt><dd>Contoso Ltd</dd><dt>Microsoft ID</dt><dd>${ID}</dd><dt>Domain</dt><dd>${domain}</dd><dt>Relationships</dt><dd>${rel}</dd></dl>`;
  it.each([
    ['sample', `<h1>Contoso Ltd</h1>${details('Reseller', 'Contoso123.onmicrosoft.com')}`, 0, true, 'contoso123.onmicrosoft.com'],
    ['bare', `<div role="heading" aria-level="1">Contoso Ltd</div>${details('Advisor', 'contoso.com', false)}`, 0, false, 'contoso.com'],
    ['zh-TW', `<h1>台灣雲端</h1>${details('顧問、轉售商', 'taiwan.com.tw')}`, 0, true, 'taiwan.com.tw'],
    ['shadow', `<h1>Contoso Ltd</h1>${details('Reseller', 'contoso.com')}`, 3, true, 'contoso.com'],
  ])('%s', (_v, html, depth, reseller, domain) => {
    mount(html, depth);
    expect(customerDetails(ID)).toContain(ID);
    expect(customerDetails(ID2)).toBeNull();
    expect(accountShowsReseller(ID)).toBe(reseller);
    expect(accountShowsReseller(ID2)).toBe(false);
    expect(readDomain(ID)).toEqual({ value: domain, via: 'details' });
    const scraped = scrapeCustomer(ID);
    expect(scraped).toMatchObject({ customerId: ID, domain, via: { domain: 'details' } });
  });

  it('falls back to the domain of the clicked row; a value that is not a domain is no domain', () => {
    mount('<dl><dd>not a domain</dd></dl>');
    expect(readDomain(ID, 'Contoso.com')).toEqual({ value: 'contoso.com', via: 'clicked' });
    expect(readDomain(ID, 'Contoso Ltd')).toBeNull();
    expect(scrapeCustomer(ID, { clicked: 'Contoso Ltd', clickedDomain: 'contoso.com' })).toEqual({
      customerId: ID,
      companyName: 'Contoso Ltd',
      domain: 'contoso.com',
      via: { companyName: 'clicked', domain: 'clicked' },
    });
    expect(scrapeCustomer(ID)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Customer rows

const customerRow = (id: string, { ids = true, cls = true, name = 'Contoso Ltd', slotted = true, domain = 'contoso.com', rel = 'Reseller', selected = false } = {}) =>
  `<tr role="row" ${ids ? `id="row-${id}"` : ''} ${cls ? 'class="data-grid__row"' : ''} aria-selected="${selected}">` +
  `<td role="gridcell"${ids ? ` id="cell-selection-${id}"` : ''}><input type="radio" aria-label="Select row" ${selected ? 'checked' : ''}></td>` +
  `<th role="rowheader"${ids ? ` id="cell-displayName-${id}"` : ''}>${slotted ? `<slot name="displayName-${id}"></slot>` : name}</th>` +
  `<td role="gridcell">${domain}</td><td role="gridcell">${id}</td><td role="gridcell">${rel}</td></tr>`;

describe('customer rows: customerRowsIn, nameSlot, nameCell, rowName, rowDomain, rowSelected, rowShowsReseller', () => {
  it.each([
    ['sample (slotted names)', () => grid(customerRow(ID) + customerRow(ID2, { name: 'Fabrikam', rel: 'None' }), { [`displayName-${ID}`]: 'Contoso Ltd', [`displayName-${ID2}`]: 'Fabrikam' }), 'Contoso Ltd', true],
    ['zh-TW (text names, selected)', () => grid(customerRow(ID, { slotted: false, name: '台灣雲端', rel: '轉售商', selected: true }) + customerRow(ID2, { slotted: false, name: '富貝', rel: '無' })), '台灣雲端', true],
    ['shadow (3 levels)', () => grid(customerRow(ID, { cls: false }) + customerRow(ID2, { rel: 'Advisor' }), { [`displayName-${ID}`]: 'Contoso Ltd', [`displayName-${ID2}`]: 'x' }, 3), 'Contoso Ltd', true],
  ])('%s', (_v, make, name, reseller) => {
    const root = make();
    const rows = customerRowsIn(root);
    expect(rows.map(([id]) => id)).toEqual([ID, ID2]);
    const row = rows[0]![1];
    expect(nameCell(row)?.localName).toBe('th');
    expect(rowName(row, ID)).toBe(name);
    expect(rowDomain(row)).toBe('contoso.com');
    expect(rowShowsReseller(row)).toBe(reseller);
    expect(rowShowsReseller(rows[1]![1])).toBe(false);
    expect(rowSelected(row)).toBe(_v.startsWith('zh-TW'));
    const slot = nameSlot(row, ID);
    if (_v.startsWith('zh-TW')) expect(slot).toBeNull();
    else expect(slot?.name).toBe(`displayName-${ID}`);
  });

  it('bare (no ids): no customer rows are invented; the row helpers still read what the row shows', () => {
    const root = grid(customerRow(ID, { ids: false, cls: false, slotted: false, selected: true }));
    expect(customerRowsIn(root)).toEqual([]);
    const row = firstRow(root);
    expect(rowName(row, ID)).toBe('Contoso Ltd');
    expect(rowSelected(row)).toBe(true);
    expect(rowShowsReseller(row)).toBe(true);
    expect(rowDomain(row)).toBe('contoso.com');
  });

  it('skips skeleton rows (`row-he-row-0`, `row-1`) and a name slot of another row', () => {
    const root = grid('<tr id="row-he-row-0"><th>Loading...</th></tr><tr id="row-1"><th>Loading...</th></tr>');
    expect(customerRowsIn(root)).toEqual([]);
  });
});

/**
 * An event's composed path as Chromium builds it: a slotted node's next stop is its slot (happy-dom
 * skips slots, so the path is built here by the DOM spec's rule; the e2e suite covers the browser).
 */
function flatPath(node: Node): EventTarget[] {
  const path: EventTarget[] = [];
  for (let n: Node | null = node; n; ) {
    path.push(n);
    const parent: Node | null = n.parentNode;
    const slotName: string | null = n instanceof Element ? n.getAttribute('slot') : null;
    const slot: Element | null = slotName !== null && parent instanceof Element && parent.shadowRoot ? parent.shadowRoot.querySelector(`slot[name="${slotName}"]`) : null;
    n = slot ?? (n instanceof ShadowRoot ? n.host : parent);
  }
  return path;
}

describe('clickedRow: the customer row an event went through', () => {
  it.each([
    ['sample: the slotted name button', 0],
    ['shadow: grid two levels down', 2],
  ])('%s', (_v, depth) => {
    const root = grid(customerRow(ID), { [`displayName-${ID}`]: 'Contoso Ltd' }, depth);
    const row = firstRow(root);
    const button = (root as ShadowRoot).host.querySelector('button') as HTMLElement;
    expect(clickedRow(flatPath(button))).toEqual({ id: ID, row });
  });

  it('bare (no row id) and zh-TW text cells: only a GUID row counts; our own UI never', () => {
    const root = grid(customerRow(ID, { ids: false, slotted: false, name: '台灣雲端' }));
    const cell = root.querySelector('th') as HTMLElement;
    let path: EventTarget[] = [];
    document.addEventListener('click', (e) => (path = e.composedPath()), { once: true });
    cell.click();
    expect(clickedRow(path)).toBeNull();
    const ours = document.createElement('div');
    ours.setAttribute('data-csp-move', 'badge');
    const r = document.createElement('tr');
    r.id = `row-${ID}`;
    expect(clickedRow([ours, r])).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Offers

const offerRow = (key: string, { ids = true, name = 'Office 365 E3', slotted = false, idCell = true, selected = false, radio = true, busy = false } = {}) =>
  `<tr role="row"${ids ? ` id="row-${key}" class="data-grid__row"` : ''} aria-selected="${selected}"${busy ? ' aria-busy="true"' : ''}>` +
  (radio ? `<td role="gridcell"><input type="radio" name="g" aria-label="Select row"${selected ? ' checked' : ''}></td>` : '') +
  `<th role="rowheader">${slotted ? `<slot name="productName-${key}"></slot>` : name}</th>` +
  (idCell ? `<td role="gridcell">${E3}</td>` : '') +
  `<td role="gridcell">Office 365</td></tr>`;

describe('readRowProductId, readRowName, readRowOffer, rowOffer', () => {
  it.each([
    ['sample: product id in the row id', () => grid(offerRow(E3)), { productId: E3, name: 'Office 365 E3' }, 'row-id', 'cell-name'],
    ['bare: the product id cell, the row header', () => grid(offerRow('x', { ids: false })), { productId: E3, name: 'Office 365 E3' }, 'cell', 'cell-name'],
    ['zh-TW: keyed by position, name slotted', () => grid(offerRow('0', { slotted: true, idCell: false }), { 'productName-0': 'Microsoft 365 商務標準版' }), { productId: '', name: 'Microsoft 365 商務標準版' }, 'slotted-name', 'slotted-name'],
    ['shadow: keyed by position, slotted, 3 levels', () => grid(offerRow('1', { slotted: true, idCell: false }), { 'productName-1': 'Office 365 E3' }, 3, 'commerce_he-data-grid'), { productId: '', name: 'Office 365 E3' }, 'slotted-name', 'slotted-name'],
  ])('%s', (_v, make, offer, via, nameVia) => {
    const row = firstRow(make());
    expect(readRowOffer(row)).toEqual({ value: offer, via });
    expect(rowOffer(row)).toEqual(offer);
    expect(readRowName(row)).toEqual({ value: offer.name, via: nameVia });
    expect(readRowProductId(row)?.value ?? '').toBe(offer.productId);
  });

  it('a row holding neither a product id nor a name is a placeholder: null', () => {
    const row = firstRow(grid('<tr id="row-0"><th><slot name="productName-0"></slot></th><td>25</td></tr>'));
    expect(readRowOffer(row)).toBeNull();
    expect(rowOffer(row)).toEqual({ productId: '', name: '' });
  });

  it('a row without a header cell: its first cell holding a word, not a number or id', () => {
    const row = firstRow(grid(`<tr role="row"><td role="gridcell">25</td><td role="gridcell">${E3}</td><td role="gridcell">Exchange Online (方案 1)</td></tr>`));
    expect(readRowName(row)).toEqual({ value: 'Exchange Online (方案 1)', via: 'cell-name' });
  });
});

describe('chosenCatalogueRow, readChosenOffer', () => {
  it.each([
    ['sample: checked radio', () => grid(offerRow('CFQ7TTC0LDPB:0001', { name: 'Microsoft 365 Business Standard' }) + offerRow(E3, { selected: true }))],
    ['bare: aria-selected on a role=row, no radio', () => mount(`<div role="grid"><div role="row" aria-selected="false"><div role="rowheader">Office 365 E1</div></div><div role="row" aria-selected="true"><div role="rowheader">Office 365 E3</div></div></div>`)],
    ['zh-TW: an ARIA radio', () => grid(`<tr role="row"><td><div role="radio" aria-checked="false"></div></td><th>Office 365 E1</th></tr><tr role="row"><td><div role="radio" aria-checked="true"></div></td><th>Office 365 E3</th></tr>`)],
    ['shadow: keyed by position, slotted, 2 levels', () => grid(offerRow('0', { slotted: true, idCell: false }) + offerRow('1', { slotted: true, idCell: false, selected: true }), { 'productName-0': 'Office 365 E1', 'productName-1': 'Office 365 E3' }, 2)],
  ])('%s', (_v, make) => {
    make();
    expect(chosenCatalogueRow()).not.toBeNull();
    expect(readChosenOffer()?.value.name).toBe('Office 365 E3');
  });

  it('nothing chosen, a busy row, or our own UI: null', () => {
    grid(offerRow(E3) + offerRow('0', { selected: true, busy: true }));
    mount(`<div data-csp-move="overlay"><table><tr aria-selected="true"><th>Office 365 E3</th></tr></table></div>`);
    expect(chosenCatalogueRow()).toBeNull();
    expect(readChosenOffer()).toBeNull();
  });
});

describe('quantityInput, readQuantity', () => {
  it.each([
    ['sample: #quantity-input among other number inputs', '<input type="number" id="max-results" value="50"><input type="number" id="quantity-input" value="120">', 0, 'number-input'],
    ['bare: the only number input, labelled', '<label>Quantity <input type="number" value="120"></label>', 0, 'number-input'],
    ['zh-TW: a spin button with a grouped value', '<div role="spinbutton" aria-label="數量" aria-valuenow="120">120</div>', 0, 'spinbutton'],
    ['zh-TW: a numeric text input', '<input type="text" inputmode="numeric" aria-label="數量" value="1,20">', 0, 'spinbutton'],
    ['shadow: inside a component two levels down', '<input type="number" value="120">', 2, 'number-input'],
  ])('%s', (_v, html, depth, via) => {
    mount(html, depth);
    expect(readQuantity()).toEqual({ value: 120, via });
    if (via === 'number-input') expect(quantityInput()?.value).toBe('120');
  });

  it('empty, disabled, ours or not a whole number: null', () => {
    mount('<input type="number" value="" id="quantity"><input type="number" disabled value="5">');
    expect(readQuantity()).toBeNull();
    document.body.replaceChildren();
    mount('<div data-csp-move="overlay"><input type="number" value="7"></div><div role="spinbutton" aria-valuenow="2.5"></div>');
    expect(quantityInput()).toBeNull();
    expect(readQuantity()).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Orders

const orderTable = (rows: Array<[string, string, string]>, { cls = true } = {}) =>
  `<table${cls ? ' class="simple-table review-table"' : ''}><thead><tr><th>Product</th><th>Product ID</th><th>Quantity</th></tr></thead><tbody>${rows
    .map(([name, id, q]) => `<tr${cls ? ' class="review-table__item"' : ''}><td>${name}</td><td>${id}</td><td>${q}</td></tr>`)
    .join('')}</tbody></table>`;

describe('orderItems, orderTables, orderGridItems, readOrder', () => {
  it.each([
    ['sample: a table of product ids', () => mount(orderTable([['Office 365 E3', E3, '120'], ['Exchange Online (Plan 1)', 'CFQ7TTC0LH16:0001', '4']])), 'order-table', [{ productId: E3, name: 'Office 365 E3', quantity: 120 }, { productId: 'CFQ7TTC0LH16:0001', name: 'Exchange Online (Plan 1)', quantity: 4 }]],
    ['bare: no classes', () => mount(orderTable([['Office 365 E3', E3, '1,200']], { cls: false })), 'order-table', [{ productId: E3, name: 'Office 365 E3', quantity: 1200 }]],
    ['zh-TW: a grid keyed by position, names slotted', () => grid('<tr role="row" id="row-0"><th><slot name="productName-0"></slot></th><td>1 年</td><td>每月</td><td>1,200</td></tr><tr id="row-1" aria-busy="true"><th>Loading...</th><td></td></tr>', { 'productName-0': 'Microsoft 365 商務標準版' }, 0, 'commerce_he-data-grid'), 'order-grid', [{ productId: '', name: 'Microsoft 365 商務標準版', quantity: 1200 }]],
    ['shadow: a table two levels down', () => mount(orderTable([['Office 365 E3', E3, '25']]), 2), 'order-table', [{ productId: E3, name: 'Office 365 E3', quantity: 25 }]],
  ])('%s', (_v, make, via, items) => {
    make();
    expect(readOrder()).toEqual({ value: items, via });
    if (via === 'order-table') {
      expect(orderTables()).toHaveLength(1);
      expect(orderItems(orderTables()[0]!)).toEqual(items);
    } else expect(orderGridItems()).toEqual(items);
  });

  it('text without structure, a grid row without a quantity, or our own UI: null (the partner is asked)', () => {
    mount('<div><p>Office 365 E3 — 120</p></div>');
    grid('<tr role="row" id="row-0"><th><slot name="productName-0"></slot></th><td>Monthly</td></tr>', { 'productName-0': 'Office 365 E3' });
    mount(`<div data-csp-move="overlay">${orderTable([['Office 365 E3', E3, '1']])}</div>`);
    expect(readOrder()).toBeNull();
    expect(orderTables()).toEqual([]);
    expect(orderGridItems()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The reseller invitation

describe('invitationIn', () => {
  const link = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=6a1c2f3e-4b5d-4e6f-8a7b-9c0d1e2f3a4b&msppId=0&DAP=true#/BillingAccounts/partner-invitation';
  it.each([
    ['sample: a link in the panel', `<div class="panel"><a href="${link}">link</a></div>`, 0, 'a'],
    ['bare: a read-only text area', `<textarea readonly aria-label="Email">${link}</textarea>`, 0, 'textarea'],
    ['zh-TW: the link as text in a dialog', `<div role="dialog" aria-label="要求建立經銷商關係"><p>請將此連結傳送給客戶：${link}</p></div>`, 0, 'div'],
    ['shadow: a dialog two levels down', `<dialog open><a href="${link.replace('ResellerRelationship', 'resellerrelationship')}">x</a></dialog>`, 2, 'a'],
  ])('%s', (_v, html, depth, tag) => {
    const root = mount(html, depth);
    const scope = depth ? (root as ShadowRoot) : document;
    expect(invitationIn(scope)?.localName).toBe(tag);
  });

  it('plain page text outside a dialog is not read; other invitation kinds are not this one', () => {
    mount(`<p>${'invType=ResellerRelationship'}</p><a href="https://admin.microsoft.com/?invType=IndirectResellerRelationship">x</a>`);
    expect(invitationIn(document)).toBeNull();
  });
});
