// @vitest-environment happy-dom
/**
 * More of the page readers (src/content/scrape.ts) in a DOM: the edges readers.dom.test.ts leaves
 * open. Markup variants as there: `sample` (the sample portal's ids and classes), `bare` (roles and
 * labels only), `zh-TW` text, and `shadow` (nested open shadow roots). Each case asserts what the
 * reader returns, which way it read the fact (`via`), and that it returns nothing, not a guess, when
 * the fact is absent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  headingName,
  invitationIn,
  invitationUrl,
  MAX_NAME,
  nameCell,
  nameSlot,
  orderGridItems,
  orderItems,
  orderTables,
  readCustomerName,
  readOrder,
  readQuantity,
  readRowName,
  readRowOffer,
  readRowProductId,
  rowDomain,
  rowName,
  rowSelected,
  scrapeCustomer,
  titleName,
} from '../../../src/content/scrape';

const ID = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';
const E3 = 'CFQ7TTC0LF8R:0001';
const E1 = 'CFQ7TTC0LF8Q:0001';
const LONG = 'N'.repeat(MAX_NAME + 40);
const CUT = 'N'.repeat(MAX_NAME);

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

/** A grid component: `rows` in its open shadow root; `slotted` elements (slot name, text, attributes) in its light DOM. */
function grid(rows: string, slotted: Array<[string, string, Record<string, string>?]> = [], depth = 0): ShadowRoot {
  const outer = mount('<x-data-grid></x-data-grid>', depth);
  const host = [...outer.children].find((e) => e.localName === 'x-data-grid') as HTMLElement;
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<table role="grid"><thead><tr><th role="columnheader" scope="col">Name</th></tr></thead><tbody>${rows}</tbody></table>`;
  for (const [slot, text, attrs = {}] of slotted) {
    const b = document.createElement('button');
    b.slot = slot;
    b.textContent = text;
    for (const [k, v] of Object.entries(attrs)) b.setAttribute(k, v);
    host.append(b);
  }
  return root;
}

const bodyRow = (root: ParentNode) => root.querySelector('tbody tr, tbody [role="row"]') as Element;
/** A role-based row (no table) in the document. */
const roleRow = (cells: string, attrs = '') => (mount(`<div role="grid"><div role="row"${attrs}>${cells}</div></div>`), document.querySelector('[role="row"]') as Element);

// ---------------------------------------------------------------------------------------------
// The customer's name

describe('readCustomerName: each way trims and cuts the name to MAX_NAME', () => {
  it('a long clicked name is cut', () => {
    expect(readCustomerName({ clicked: LONG })).toEqual({ value: CUT, via: 'clicked' });
  });

  it('the stored move: trimmed, cut, and whitespace alone is no name', () => {
    mount('<p>nothing</p>');
    expect(readCustomerName({ stored: '  Stored Ltd  ' })).toEqual({ value: 'Stored Ltd', via: 'stored' });
    expect(readCustomerName({ stored: LONG })).toEqual({ value: CUT, via: 'stored' });
    expect(readCustomerName({ stored: '   ' })).toBeNull();
  });

  it('a long heading is cut (sample, shadow)', () => {
    mount(`<h1 class="customer-header__name">${LONG}</h1>`, 2);
    expect(readCustomerName()).toEqual({ value: CUT, via: 'heading' });
  });
});

describe('readCustomerName in another document: the title of the document the root is in', () => {
  it('an element root reads its own document title, not the current one', () => {
    const other = document.implementation.createHTMLDocument('');
    other.title = 'Account - Fabrikam | Partner Center';
    other.body.innerHTML = '<main><p>details</p></main>';
    document.title = 'Account - Contoso Ltd | Partner Center';
    expect(readCustomerName({ stored: 'Stored Ltd' }, other.body)).toEqual({ value: 'Fabrikam', via: 'title' });
  });

  it('a document root other than the current one has no owner document: no title, the stored move', () => {
    const other = document.implementation.createHTMLDocument('');
    other.body.innerHTML = '<p>details</p>';
    document.title = 'Account - Contoso Ltd | Partner Center';
    expect(readCustomerName({ stored: 'Stored Ltd' }, other)).toEqual({ value: 'Stored Ltd', via: 'stored' });
  });
});

describe('headingName: the ARIA label of an empty heading', () => {
  it.each([
    ['bare: label with runs of whitespace', '<div role="heading" aria-level="1" aria-label="  Contoso \n  Ltd  "></div>', 0, { value: 'Contoso Ltd', via: 'aria-label' }],
    ['zh-TW, shadow', '<h1 aria-label=" 台灣雲端  股份有限公司 "><svg></svg></h1>', 2, { value: '台灣雲端 股份有限公司', via: 'aria-label' }],
    ['a long label is cut', `<h1 aria-label="${LONG}"></h1>`, 0, { value: CUT, via: 'aria-label' }],
  ])('%s', (_v, html, depth, expected) => {
    mount(html, depth);
    expect(headingName()).toEqual(expected);
  });

  it('an empty heading without a label names no one (the next heading, the title, else null)', () => {
    mount('<h1></h1><h1 aria-label="   "></h1>');
    expect(headingName()).toBeNull();
    expect(readCustomerName()).toBeNull();
    mount('<div role="heading" aria-level="1">Contoso Ltd</div>', 1);
    expect(headingName()).toEqual({ value: 'Contoso Ltd', via: 'heading' });
  });
});

describe('titleName: edges', () => {
  it.each([
    ['the app part is after the LAST bar (a name holding a bar)', 'Account - Contoso | East | Partner Center', 'Contoso | East'],
    ['zh-TW full-width bar', '帳戶 - 台灣雲端 ｜ 合作夥伴中心', '台灣雲端'],
    ['spaces around the name are trimmed', 'Account -  Contoso Ltd   | Partner Center', 'Contoso Ltd'],
    ['a section on a first line does not count (dash must be on the first line)', 'Loading\nAccount - Contoso | Partner Center', ''],
    ['a name running onto a second line is no name', 'Account - Contoso\nLtd | Partner Center', ''],
  ])('%s', (_v, title, expected) => {
    expect(titleName(title)).toBe(expected);
  });

  it('a long name is cut', () => {
    expect(titleName(`Account - ${LONG} | Partner Center`)).toBe(CUT);
  });
});

describe('scrapeCustomer without a domain', () => {
  it('the name alone: domain empty and no domain "via"', () => {
    mount('<h1>Contoso Ltd</h1><dl><dd>Contoso Ltd</dd></dl>');
    expect(scrapeCustomer(ID)).toEqual({ customerId: ID, companyName: 'Contoso Ltd', domain: '', via: { companyName: 'heading' } });
    expect(scrapeCustomer(ID, { clicked: '台灣雲端', clickedDomain: '' })).toEqual({ customerId: ID, companyName: '台灣雲端', domain: '', via: { companyName: 'clicked' } });
  });
});

// ---------------------------------------------------------------------------------------------
// Customer rows

const customerRow = (cells: string, { ids = true, selected = 'false' } = {}) => `<tr role="row"${ids ? ` id="row-${ID}" class="data-grid__row"` : ''} aria-selected="${selected}">${cells}</tr>`;

describe('nameSlot, rowName: the slot named for this customer, names slotted from the light DOM', () => {
  it('sample: the slot whose name holds the id wins over an earlier slot, whatever its case', () => {
    const slotName = `displayName-${ID.toUpperCase()}`;
    const root = grid(customerRow(`<td role="gridcell"><slot name="icon-x"></slot></td><th role="rowheader"><slot name="${slotName}"></slot></th>`), [
      ['icon-x', 'Icon'],
      [slotName, 'Contoso Ltd'],
    ]);
    const row = bodyRow(root);
    expect(nameSlot(row, ID)?.name).toBe(slotName);
    expect(rowName(row, ID)).toBe('Contoso Ltd');
  });

  it('without a matching slot: the first named slot', () => {
    const root = grid(customerRow(`<th><slot name="a"></slot></th><td><slot name="b"></slot></td>`), [['a', 'Contoso Ltd'], ['b', 'x']]);
    expect(nameSlot(bodyRow(root), ID)?.name).toBe('a');
  });

  it('several slotted elements are joined by a space; empty ones and our own badge are left out', () => {
    const root = grid(customerRow(`<th><slot name="displayName-${ID}"></slot></th>`), [
      [`displayName-${ID}`, ''],
      [`displayName-${ID}`, 'Contoso'],
      [`displayName-${ID}`, 'Ltd'],
      [`displayName-${ID}`, 'Moved', { 'data-csp-move': 'badge' }],
    ]);
    expect(rowName(bodyRow(root), ID)).toBe('Contoso Ltd');
  });

  it('only empty slotted elements or our badge: the name cell text (zh-TW, shadow)', () => {
    const root = grid(customerRow(`<th><slot name="displayName-${ID}"></slot>台灣雲端</th>`), [
      [`displayName-${ID}`, ''],
      [`displayName-${ID}`, ' '],
      [`displayName-${ID}`, 'Moved', { 'data-csp-move': 'badge' }],
    ], 2);
    expect(rowName(bodyRow(root), ID)).toBe('台灣雲端');
  });

  it('a long name is cut', () => {
    const root = grid(customerRow(`<th><slot name="displayName-${ID}"></slot></th>`), [[`displayName-${ID}`, LONG]]);
    expect(rowName(bodyRow(root), ID)).toBe(CUT);
  });
});

describe('nameCell, rowDomain, rowSelected', () => {
  it('bare: no row header, the first grid cell is the name cell', () => {
    const row = roleRow('<div role="gridcell">Contoso Ltd</div><div role="gridcell">contoso.com</div>');
    expect(textOfEl(nameCell(row))).toBe('Contoso Ltd');
    expect(nameCell(bodyRow(grid(customerRow('<td>Fabrikam</td><td>fabrikam.com</td>'))))?.textContent).toBe('Fabrikam');
  });

  it('a row without a domain-shaped cell: no domain (empty), not a guess', () => {
    const root = grid(customerRow('<th>Contoso Ltd</th><td>Contoso</td><td>轉售商</td>'));
    expect(rowDomain(bodyRow(root))).toBe('');
  });

  it('aria-selected alone marks the row selected; a checked control alone too; neither: not selected', () => {
    expect(rowSelected(bodyRow(grid(customerRow('<th>Contoso Ltd</th>', { selected: 'true' }))))).toBe(true);
    document.body.replaceChildren();
    expect(rowSelected(bodyRow(grid(customerRow('<td><div role="checkbox" aria-checked="true"></div></td><th>Contoso Ltd</th>'))))).toBe(true);
    document.body.replaceChildren();
    expect(rowSelected(bodyRow(grid(customerRow('<td><input type="checkbox"></td><th>Contoso Ltd</th>', { ids: false }))))).toBe(false);
  });
});

function textOfEl(el: Element | null): string {
  return (el?.textContent ?? '').trim();
}

// ---------------------------------------------------------------------------------------------
// Offer rows

describe('readRowProductId: a cell that IS a product id, of this row', () => {
  it.each([
    ['bare: a cell wrapped in a container of the row', `<div role="gridcell">Office 365 E3</div><div class="wrap"><div role="gridcell">${E3}</div></div>`, { value: E3, via: 'cell' }],
    ['a footnote mark beside the id still counts', `<div role="gridcell">Office 365 E3</div><div role="gridcell">${E3}*</div>`, { value: E3, via: 'cell' }],
    ['an id inside a sentence does not', `<div role="gridcell">Includes ${E3} licences</div>`, null],
    ['a nested row holds its own product id, not this row', `<div role="gridcell">Office 365 E3</div><div role="gridcell">Add-ons: <div role="row"><div role="gridcell">${E1}</div></div></div>`, null],
  ])('%s', (_v, cells, expected) => {
    expect(readRowProductId(roleRow(cells))).toEqual(expected);
  });
});

describe('readRowName: slotted, row header, else a cell holding a word', () => {
  it('slotted names: joined, our badge and empty elements left out; only ours: the row header', () => {
    const rows = '<tr id="row-0"><th><slot name="productName-0"></slot></th><td>25</td></tr>';
    let row = bodyRow(grid(rows, [['productName-0', ''], ['productName-0', 'Office 365'], ['productName-0', 'E3'], ['productName-0', 'Moved', { 'data-csp-move': 'badge' }]]));
    expect(readRowName(row)).toEqual({ value: 'Office 365 E3', via: 'slotted-name' });
    document.body.replaceChildren();
    row = bodyRow(grid('<tr id="row-0"><th><slot name="productName-0"></slot>Microsoft 365 商務標準版</th></tr>', [['productName-0', ' '], ['productName-0', 'Moved', { 'data-csp-move': 'badge' }]]));
    expect(readRowName(row)).toEqual({ value: 'Microsoft 365 商務標準版', via: 'cell-name' });
  });

  it('long names are cut, whichever way they are read', () => {
    expect(readRowName(bodyRow(grid('<tr><th><slot name="p"></slot></th></tr>', [['p', LONG]])))).toEqual({ value: CUT, via: 'slotted-name' });
    document.body.replaceChildren();
    expect(readRowName(bodyRow(grid(`<tr><th>${LONG}</th></tr>`)))).toEqual({ value: CUT, via: 'cell-name' });
    document.body.replaceChildren();
    expect(readRowName(roleRow(`<div role="gridcell">25</div><div role="gridcell">${LONG}</div>`))).toEqual({ value: CUT, via: 'cell-name' });
  });

  it('the row header is the name even when it is a number', () => {
    expect(readRowName(bodyRow(grid('<tr><th role="rowheader">365</th><td>Seats</td></tr>')))).toEqual({ value: '365', via: 'cell-name' });
  });

  it('without a header: cells without a letter (dash, number, id) are skipped; none left: null', () => {
    expect(readRowName(roleRow(`<div role="gridcell">—</div><div role="gridcell">(1)</div><div role="gridcell">${E3}</div><div role="gridcell">台灣方案</div>`))).toEqual({ value: '台灣方案', via: 'cell-name' });
    document.body.replaceChildren();
    expect(readRowName(roleRow(`<div role="gridcell">—</div><div role="gridcell"></div><div role="gridcell">1,200</div>`))).toBeNull();
  });
});

describe('readRowOffer: a product id without a name', () => {
  it('sample: the id from the row id, the name empty, read "row-id"', () => {
    const row = bodyRow(grid(`<tr id="row-${E3}"><td>25</td></tr>`));
    expect(readRowOffer(row)).toEqual({ value: { productId: E3, name: '' }, via: 'row-id' });
  });
});

// ---------------------------------------------------------------------------------------------
// Quantity

describe('readQuantity: whole numbers, zero included, never negative or fractional', () => {
  it.each([
    ['sample: zero seats is a quantity', '<input type="number" id="quantity-input" value="0">', { value: 0, via: 'number-input' }],
    ['a negative number: none', '<input type="number" id="quantity-input" value="-5">', null],
    ['a fraction: none', '<input type="number" id="quantity-input" value="2.5">', null],
    ['bare: a spin button at zero', '<div role="spinbutton" aria-valuenow="0"></div>', { value: 0, via: 'spinbutton' }],
    ['a spin button below zero: none', '<div role="spinbutton" aria-valuenow="-1">-1</div>', null],
    ['zh-TW: aria-valuenow is read, not the shown text', '<div role="spinbutton" aria-label="數量" aria-valuenow="12">12 個月</div>', { value: 12, via: 'spinbutton' }],
  ])('%s', (_v, html, expected) => {
    mount(html, 1);
    expect(readQuantity()).toEqual(expected);
  });

  it('a disabled numeric input is skipped for the next control', () => {
    mount('<input type="text" inputmode="numeric" disabled value="7"><div role="spinbutton" aria-valuenow="3"></div>', 2);
    expect(readQuantity()).toEqual({ value: 3, via: 'spinbutton' });
  });
});

// ---------------------------------------------------------------------------------------------
// Orders

const table = (rows: string[][], head = '<tr><th>Product</th><th>Product ID</th><th>Quantity</th></tr>') =>
  `<table class="review-table"><thead>${head}</thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

describe('orderItems: which rows are items, which cell is the name and the quantity', () => {
  it.each([
    ['sample: name, id, quantity', [['Office 365 E3', E3, '25']], [{ productId: E3, name: 'Office 365 E3', quantity: 25 }]],
    ['bare: the id in the first column, the name after it', [[E3, 'Office 365 E3', '25']], [{ productId: E3, name: 'Office 365 E3', quantity: 25 }]],
    ['an empty first cell and a line number are not the name', [['', '1', E3, 'Office 365 E3', '1 200']], [{ productId: E3, name: 'Office 365 E3', quantity: 1200 }]],
    ['zh-TW: a footnote mark on the id', [['Microsoft 365 商務標準版', `${E3}*`, '3']], [{ productId: E3, name: 'Microsoft 365 商務標準版', quantity: 3 }]],
    ['an id and numbers only: no name (empty)', [[E3, '25']], [{ productId: E3, name: '', quantity: 25 }]],
    ['rows without an id cell (a total, an empty row, a description naming an id) are not items', [['Total', '', '28'], ['', '', ''], [`Replaces ${E1} seats`, 'x', '3'], ['Office 365 E3', E3, '25']], [{ productId: E3, name: 'Office 365 E3', quantity: 25 }]],
  ])('%s', (_v, rows, items) => {
    mount(table(rows), 1);
    const t = orderTables()[0] as Element;
    expect(orderItems(t)).toEqual(items);
    expect(readOrder()).toEqual({ value: items, via: 'order-table' });
  });

  it('a long name is cut', () => {
    mount(table([[LONG, E3, '1']]));
    expect(orderItems(document.querySelector('table') as Element)[0]?.name).toBe(CUT);
  });

  it('a header row is never an item, even one holding a product id', () => {
    mount(table([['Office 365 E3', E3, '25']], `<tr><th>Offer</th><th>${E1}</th><th>1</th></tr>`));
    expect(orderItems(document.querySelector('table') as Element)).toEqual([{ productId: E3, name: 'Office 365 E3', quantity: 25 }]);
  });
});

describe('orderTables, readOrder: the largest order table; tables without items are no order', () => {
  const other = (n: number) => `<table class="other">${Array.from({ length: n }, (_, i) => `<tr><td>Row ${i}</td><td>${i}</td></tr>`).join('')}</table>`;
  const small = table([['Office 365 E1', E1, '2']]);
  const large = table([['Office 365 E3', E3, '25'], ['Exchange Online (Plan 1)', 'CFQ7TTC0LH16:0001', '4']]);
  const largeItems = [{ productId: E3, name: 'Office 365 E3', quantity: 25 }, { productId: 'CFQ7TTC0LH16:0001', name: 'Exchange Online (Plan 1)', quantity: 4 }];

  it.each([
    ['smaller first', `${other(12)}${small}${large}`],
    ['larger first', `${large}${other(12)}${small}`],
    ['shadow: the larger one deeper', `${small}<x-cart></x-cart>`],
  ])('%s', (v, html) => {
    mount(html);
    if (v.startsWith('shadow')) {
      const host = document.querySelector('x-cart') as HTMLElement;
      host.attachShadow({ mode: 'open' }).innerHTML = `${other(12)}${large}`;
    }
    const tables = orderTables();
    expect(tables).toHaveLength(2);
    expect(orderItems(tables[0]!)).toEqual(largeItems);
    expect(orderItems(tables[1]!)).toHaveLength(1);
    expect(readOrder()).toEqual({ value: largeItems, via: 'order-table' });
  });

  it('a page with only tables without product ids has no order table', () => {
    mount(other(5), 1);
    expect(orderTables()).toEqual([]);
    expect(readOrder()).toBeNull();
  });
});

describe('orderGridItems: settled data rows only', () => {
  it('bare: a role grid whose header row shows numbers and whose rows wrap cells', () => {
    mount(
      '<div role="grid">' +
        '<div role="row"><div role="columnheader">Office 365 E3</div><div role="gridcell">2024</div></div>' +
        '<div role="row"><div role="rowheader">Office 365 E1</div><span class="cell-wrap"><div role="gridcell">7</div></span></div>' +
        '</div>',
    );
    expect(orderGridItems()).toEqual([{ productId: '', name: 'Office 365 E1', quantity: 7 }]);
    expect(readOrder()).toEqual({ value: [{ productId: '', name: 'Office 365 E1', quantity: 7 }], via: 'order-grid' });
  });

  it('sample: a header row in the grid head that shows a name and a number is not an item', () => {
    mount('<table role="grid"><thead><tr><td>Offers</td><td>2</td></tr></thead><tbody><tr><th>Office 365 E3</th><td>25</td></tr></tbody></table>');
    expect(orderGridItems()).toEqual([{ productId: '', name: 'Office 365 E3', quantity: 25 }]);
  });

  it('zh-TW, shadow: a busy row is skipped even when it shows a name and a quantity', () => {
    grid('<tr id="row-0" aria-busy="true"><th><slot name="productName-0"></slot></th><td>5</td></tr><tr id="row-1"><th>Exchange Online (方案 1)</th><td>1,200</td></tr>', [['productName-0', '載入中']], 2);
    expect(orderGridItems()).toEqual([{ productId: '', name: 'Exchange Online (方案 1)', quantity: 1200 }]);
  });

  it('our own rows inside a page grid are not read', () => {
    mount('<div role="grid"><div role="row" data-csp-move="row"><div role="rowheader">Office 365 E3</div><div role="gridcell">3</div></div></div>');
    expect(orderGridItems()).toEqual([]);
    expect(readOrder()).toBeNull();
  });

  it('a quantity in a nested row belongs to that row', () => {
    mount('<div role="grid"><div role="row"><div role="rowheader">Office 365 E3</div><div role="gridcell">Seats <div role="row"><div role="gridcell">9</div></div></div></div></div>');
    // The outer row shows no quantity of its own; the nested row shows no name: nothing to read.
    expect(orderGridItems()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The reseller invitation

const LINK = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=6a1c2f3e-4b5d-4e6f-8a7b-9c0d1e2f3a4b&msppId=0&DAP=true#/BillingAccounts/partner-invitation';

describe('invitationUrl: the link itself', () => {
  it('sample: from a link whose text is a label', () => {
    const root = mount(`<a class="invite-link" href="${LINK}">Copy link</a>`);
    expect(invitationUrl(root.querySelector('a') as Element)).toBe(LINK);
  });

  it('bare: from a text field holding it (its value, not its markup)', () => {
    const f = document.createElement('textarea');
    f.setAttribute('aria-label', 'Email');
    f.value = LINK;
    document.body.append(f);
    expect(f.textContent).toBe('');
    expect(invitationUrl(f)).toBe(LINK);
  });

  it('zh-TW: from a dialog text, ending where the link ends', () => {
    const root = mount(`<div role="dialog"><p>請將此連結傳送給客戶：\n${LINK} 然後按複製</p><p>"${LINK}"</p></div>`, 1);
    expect(invitationUrl(root.querySelector('[role="dialog"]') as Element)).toBe(LINK);
  });

  it('no link (or a plain http one): null', () => {
    const root = mount('<div role="dialog"><p>No link yet</p><a href="http://example.com/?invType=ResellerRelationship">x</a></div>');
    expect(invitationUrl(root.querySelector('[role="dialog"]') as Element)).toBeNull();
  });
});

describe('invitationIn: edges', () => {
  it('a search box and a dialog without the link are not the invitation', () => {
    mount('<input type="search" value="contoso"><div role="dialog"><p>Request a reseller relationship</p></div><dialog open>Hello</dialog>');
    expect(invitationIn(document)).toBeNull();
  });

  it('shadow: the root of a dialog component, the link as text in its shadow tree', () => {
    const host = document.createElement('x-dialog');
    host.setAttribute('role', 'dialog');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<p>請將此連結傳送給客戶：${LINK}</p>`;
    expect(invitationIn(root)).toBe(host);
    // ...and the link is read from there (the request hint saves it).
    expect(invitationUrl(invitationIn(root)!)).toBe(LINK);
  });

  it('shadow: a dialog component whose shadow tree lacks the link: null', () => {
    const host = document.createElement('x-dialog');
    host.setAttribute('role', 'dialog');
    host.textContent = LINK.replace('https', 'see');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Loading…</p>';
    expect(invitationIn(root)).toBeNull();
  });
});
