/**
 * The pure parts of content/diagnostics/ (report.ts, verdicts.ts): what keeps data out of the report (route shape, tag and
 * attribute names, the bounded markup skeleton), and the judgement from anchor counts to a verdict
 * and to the overlay's one sentence. The DOM parts run in test/e2e/diagnostics.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeName, safeAttr, safeTag, scrubPath, shapeOf, type ElementLike } from '../../../src/content/diagnostics/report';
import { anchorsFor, decide, hostsAsExpected, judge, summarise, type AnchorCount } from '../../../src/content/diagnostics/verdicts';
import type { PageMatch } from '../../../src/content/pages';
import type { Feature } from '../../../src/content/registry';

const ID = '0f2d8e5c-3b1a-4c7d-9e6f-1a2b3c4d5e6f';

function el(localName: string, attrs: string[] = [], children: ElementLike[] = [], shadow?: ElementLike[]): ElementLike {
  return { localName, getAttributeNames: () => attrs, children, shadowRoot: shadow ? { children: shadow } : null };
}

describe('the route in the report', () => {
  it('keeps the route shape and replaces GUIDs and numbers', () => {
    expect(scrubPath(`/en-us/dashboard/v2/customers/${ID}/account`)).toBe('/en-us/dashboard/v2/customers/{guid}/account');
    expect(scrubPath(`/dashboard/commerce2/customers/${ID.toUpperCase()}/adminrelationships/${ID}`)).toBe('/dashboard/commerce2/customers/{guid}/adminrelationships/{guid}');
    expect(scrubPath('/zh-TW/dashboard/v2/customers/list/')).toBe('/zh-TW/dashboard/v2/customers/list/');
    expect(scrubPath('/dashboard/orders/123456')).toBe('/dashboard/orders/{n}');
  });

  it('drops segments that could name someone: domains, e-mail, product ids, encoded or odd text', () => {
    expect(scrubPath('/customers/contoso.onmicrosoft.com/account')).toBe('/customers/{segment}/account');
    expect(scrubPath('/customers/someone@contoso.com')).toBe('/customers/{segment}');
    expect(scrubPath('/addproducts/CFQ7TTC0LDPB:0001')).toBe('/addproducts/{product}');
    expect(scrubPath('/addproducts/CFQ7TTC0LDPB')).toBe('/addproducts/{product}');
    expect(scrubPath('/customers/%E5%8F%B0%E7%81%A3')).toBe('/customers/{segment}');
    expect(scrubPath('/customers/<img src=x onerror=alert(1)>')).toBe('/customers/{segment}');
    expect(scrubPath(`/customers/tenant-${ID}`)).toBe('/customers/{segment}');
    expect(scrubPath(`/customers/${'a'.repeat(60)}`)).toBe('/customers/{segment}');
    expect(scrubPath('/customers/acct2024')).toBe('/customers/{segment}');
  });

  it('never lets a GUID, an @, a dot or a long number through, whatever the path', () => {
    const segment = fc.oneof(fc.string(), fc.uuid(), fc.emailAddress(), fc.domain(), fc.constantFrom('dashboard', 'v2', 'customers', 'zh-tw'));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const out = scrubPath(`/${segments.map((s) => s.replace(/\//g, '')).join('/')}`);
        expect(out).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|@|\.|\d{3}/i);
        for (const s of out.split('/').filter(Boolean)) expect(s).toMatch(/^(\{(guid|n|product|segment)\}|[a-z][a-z0-9_-]*)$/i);
      }),
    );
  });
});

describe('tag and attribute names', () => {
  it('keeps markup vocabulary, drops names that look like data', () => {
    expect(safeTag('customer_he-data-grid')).toBe('customer_he-data-grid');
    expect(safeTag('TR')).toBe('tr');
    expect(safeTag(`x-${ID}`)).toBe('{tag}');
    expect(safeTag('row-123456')).toBe('{tag}');
    expect(safeTag('x-tenant-0f2d8e5c')).toBe('{tag}');
    expect(safeAttr('aria-label')).toBe('aria-label');
    expect(safeAttr('xml:lang')).toBe('xml:lang');
    expect(safeAttr(`data-${ID}`)).toBeNull();
    expect(safeAttr('data-user@contoso.com')).toBeNull();
    expect(safeAttr('data-2024')).toBeNull();
    expect(safeAttr('contoso.com')).toBeNull();
  });

  it('names a node by its tag and sorted attribute names, counting the dropped ones', () => {
    expect(nodeName(el('tr', ['role', 'id', 'class', 'class']))).toBe('tr[class,id,role]');
    expect(nodeName(el('td', []))).toBe('td');
    expect(nodeName(el('div', ['class', `data-${ID}`, 'x@y']))).toBe('div[class]+2');
  });
});

describe('the markup skeleton', () => {
  it('goes through shadow roots, stops at its depth, cuts long child lists and skips our own elements', () => {
    const cell = () => el('td', ['id'], [el('span', ['class'], [el('b')])]);
    const row = (n: number) => el('tr', ['id', 'role'], Array.from({ length: n }, cell));
    const grid = el('x-grid', ['class'], [el('button', ['data-csp-move', 'slot'])], [el('table', ['role'], [row(3), row(12)])]);
    const shape = shapeOf(grid, 3);
    expect(shape).toEqual({
      n: 'x-grid[class]',
      s: [
        {
          n: 'table[role]',
          c: [
            { n: 'tr[id,role]', c: ['td[id] …1', 'td[id] …1', 'td[id] …1'] },
            { n: 'tr[id,role]', c: [...Array(8).fill('td[id] …1'), '…4'] },
          ],
        },
      ],
    });
  });

  it('stays within its node budget', () => {
    const wide = el('ul', [], Array.from({ length: 8 }, () => el('li', [], Array.from({ length: 8 }, () => el('li', [], Array.from({ length: 8 }, () => el('i')))))));
    const count = (n: ReturnType<typeof shapeOf>): number => (typeof n === 'string' ? 1 : 1 + [...(n.s ?? []), ...(n.c ?? [])].reduce((a, c) => a + count(c), 0));
    expect(count(shapeOf(wide, 3, { left: 20 }))).toBeLessThanOrEqual(20 + 8 * 2);
  });
});

describe('verdicts', () => {
  const c = (id: string, found: number, extra: Partial<AnchorCount> = {}): AnchorCount => ({ id, need: 'required', found, placeholders: 0, ...extra });

  it('found when every required anchor is, whatever the expected ones', () => {
    expect(judge([c('rows', 10), c('slot', 0, { need: 'expected' })])).toBe('ok');
    expect(judge([c('rows', 0, { placeholders: 10 })])).toBe('missing');
    expect(judge([])).toBe('ok');
  });

  it('one anchor of a group is enough', () => {
    expect(judge([c('heading', 1), c('details', 0, { group: 'customer' }), c('link', 2, { group: 'customer' })])).toBe('ok');
    expect(judge([c('heading', 1), c('details', 0, { group: 'customer' }), c('link', 0, { group: 'customer' })])).toBe('missing');
  });

  it('an empty list is fine only with its grid and no skeleton rows left', () => {
    const grid = (found: number) => c('grid', found, { need: 'expected' });
    expect(judge([grid(1), c('rows', 0, { emptyWith: 'grid' })])).toBe('empty');
    expect(judge([grid(1), c('rows', 0, { emptyWith: 'grid', placeholders: 10 })])).toBe('missing');
    expect(judge([grid(0), c('rows', 0, { emptyWith: 'grid' })])).toBe('missing');
  });

  it('compares shadow hosts by tag suffix, nearest first', () => {
    expect(hostsAsExpected(['customer_he-data-grid', 'customer_he-layout', 'customer-app'], ['he-data-grid', 'he-layout'])).toBe(true);
    expect(hostsAsExpected(['customer_x-table', 'customer_he-layout'], ['he-data-grid', 'he-layout'])).toBe(false);
    expect(hostsAsExpected(['customer_he-data-grid', 'customer_he-card', 'customer_he-layout'], ['he-data-grid', 'he-layout'])).toBe(false);
    expect(hostsAsExpected([], ['he-data-grid'])).toBe(false);
  });

  it('one sentence: the first missing feature that has one, else "changed", else none', () => {
    expect(decide([{ verdict: 'ok', changed: [] }, { verdict: 'missing', changed: [] }])).toBeNull();
    expect(decide([{ verdict: 'missing', problem: 'problem_grid', changed: [] }, { verdict: 'missing', problem: 'problem_customer', changed: [] }])).toBe('problem_grid');
    expect(decide([{ verdict: 'ok', changed: ['grid-rows'] }, { verdict: 'missing', problem: 'problem_catalogue', changed: [] }])).toBe('problem_catalogue');
    expect(decide([{ verdict: 'ok', changed: ['grid-rows'] }, { changed: [] }])).toBe('diagChanged');
    expect(decide([{ verdict: 'empty', changed: [] }, { changed: [] }])).toBeNull();
  });
});

describe('declarations', () => {
  const feature = (f: Partial<Feature>): Feature => ({ id: 'x', marker: 'x', pages: ['customers-list'], testUrls: ['/'], load: () => Promise.resolve({ default: () => undefined }), ...f });
  const page = (p: Partial<PageMatch>): PageMatch => ({ page: 'customers-list', locale: '', ...p });

  it('applies anchors to their pages, and `{customerId}` ones to customer pages only', () => {
    const f = feature({
      pages: ['customers-list', 'customer-account'],
      anchors: [
        { id: 'rows', selector: 'tr', counts: 'rows', pages: ['customers-list'] },
        { id: 'link', selector: 'a[href*="{customerId}"]', counts: 'links' },
        { id: 'heading', selector: 'h1', counts: 'headings' },
      ],
    });
    expect(anchorsFor(f, page({})).map((a) => a.id)).toEqual(['rows', 'heading']);
    expect(anchorsFor(f, page({ page: 'customer-account', customerId: ID })).map((a) => a.id)).toEqual(['link', 'heading']);
  });
});

describe('summarise: "About this page" in one sentence', () => {
  it('missing is off, waiting waits, everything else (found, empty, changed, nothing to check) works', () => {
    expect(
      summarise([
        { id: 'a', status: 'ok' },
        { id: 'b', status: 'missing' },
        { id: 'c', status: 'waiting' },
        { id: 'd', status: 'empty' },
        { id: 'e', status: 'changed' },
        { id: 'f', status: 'none' },
      ]),
    ).toEqual({ working: ['a', 'd', 'e', 'f'], off: ['b'], waiting: ['c'] });
    expect(summarise([])).toEqual({ working: [], off: [], waiting: [] });
  });
});
