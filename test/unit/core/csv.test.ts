import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  CSV_COLUMN_ALIASES,
  MAX_CSV_BYTES,
  MAX_CSV_ERRORS,
  EXPORT_COLUMNS,
  movesToCsv,
  parseCsvDate,
  parseOriginalsCsv,
  parseProgram,
  type CsvColumn,
  type CsvImportResult,
} from '../../../src/core/csv';
import Papa from 'papaparse';
import { PROGRAMS, STEPS, type Move, type OriginalSubscription, type Program } from '../../../src/core/model';

const G1 = '2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87';
const G2 = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const HEADER = CSV_COLUMNS.join(',');

type Cells = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;
const BASE: Record<(typeof CSV_COLUMNS)[number], string> = {
  customer_id: G1,
  company_name: 'Contoso',
  domain: 'contoso.com',
  program: 'open',
  offer: 'Office 365 E3',
  sku_id: '',
  seats: '10',
  expires_on: '2027-03-31',
};

/** One comma-delimited data line; values are written as given (quote them yourself). */
function line(cells: Cells = {}): string {
  return CSV_COLUMNS.map((c) => cells[c] ?? BASE[c]).join(',');
}

function file(...lines: string[]): string {
  return [HEADER, ...lines].join('\r\n') + '\r\n';
}

function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/csv/${name}`, import.meta.url)), 'utf8');
}

function only(result: CsvImportResult) {
  expect(result.errors).toHaveLength(1);
  return result.errors[0]!;
}

/** The single error of a one-row file with the given cells. */
function errorFor(cells: Cells) {
  return only(parseOriginalsCsv(file(line(cells))));
}

function move(over: Partial<Move> = {}): Move {
  return {
    customerId: G1,
    companyName: 'Contoso',
    domain: 'contoso.com',
    program: 'open',
    path: 'manual',
    step: 'requested',
    stepDates: { requested: '2026-01-05' },
    originals: [],
    provisioned: [],
    licensesReassigned: false,
    notes: '',
    history: [],
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...over,
  };
}

function original(over: Partial<OriginalSubscription> = {}): OriginalSubscription {
  return { id: 'o1', offer: 'Office 365 E3', seats: 10, expiresOn: '2027-03-31', endBy: 'expire', ...over };
}

describe('parseCsvDate', () => {
  it.each([
    ['2027-03-31', '2027-03-31'],
    ['2027/03/31', '2027-03-31'],
    ['2027.03.31', '2027-03-31'],
    ['2027/3/5', '2027-03-05'],
    ['2028-02-29', '2028-02-29'],
    [' 2027-03-31 ', '2027-03-31'],
    ['31/03/2027', '2027-03-31'],
    ['31.03.2027', '2027-03-31'],
    ['31-03-2027', '2027-03-31'],
    ['5/4/2027', '2027-04-05'],
    ['5-4-2027', '2027-04-05'],
    ['05/04/2027', '2027-04-05'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseCsvDate(input)).toMatchObject({ ok: true, date: expected });
    expect(parseCsvDate(input, 'dmy')).toMatchObject({ ok: true, date: expected });
  });

  it('reads an ambiguous slash or dash date with the order given, day first by default', () => {
    expect(parseCsvDate('03/04/2027')).toEqual({ ok: true, date: '2027-04-03', ambiguous: true, order: 'dmy' });
    expect(parseCsvDate('03/04/2027', 'dmy')).toEqual({ ok: true, date: '2027-04-03', ambiguous: true, order: 'dmy' });
    expect(parseCsvDate('03/04/2027', 'mdy')).toEqual({ ok: true, date: '2027-03-04', ambiguous: true, order: 'mdy' });
    expect(parseCsvDate('3-4-2027', 'mdy')).toEqual({ ok: true, date: '2027-03-04', ambiguous: true, order: 'mdy' });
    expect(parseCsvDate('12/11/2027', 'mdy')).toEqual({ ok: true, date: '2027-12-11', ambiguous: true, order: 'mdy' });
    expect(parseCsvDate('11/12/2027', 'dmy')).toEqual({ ok: true, date: '2027-12-11', ambiguous: true, order: 'dmy' });
  });

  it('reads an unambiguous date the only way it can be, whatever the order', () => {
    for (const order of ['dmy', 'mdy'] as const) {
      expect(parseCsvDate('13/02/2027', order)).toEqual({ ok: true, date: '2027-02-13', ambiguous: false, order: 'dmy' });
      expect(parseCsvDate('02/13/2027', order)).toEqual({ ok: true, date: '2027-02-13', ambiguous: false, order: 'mdy' });
      expect(parseCsvDate('12/13/2027', order)).toEqual({ ok: true, date: '2027-12-13', ambiguous: false, order: 'mdy' });
      expect(parseCsvDate('13/12/2027', order)).toEqual({ ok: true, date: '2027-12-13', ambiguous: false, order: 'dmy' });
      expect(parseCsvDate('05/05/2027', order)).toEqual({ ok: true, date: '2027-05-05', ambiguous: false, order: order });
      expect(parseCsvDate('12/12/2027', order)).toEqual({ ok: true, date: '2027-12-12', ambiguous: false, order: order });
      expect(parseCsvDate('2027-03-04', order)).toEqual({ ok: true, date: '2027-03-04', ambiguous: false, order: 'ymd' });
    }
  });

  it('always reads dotted dates day first', () => {
    expect(parseCsvDate('03.04.2027', 'mdy')).toEqual({ ok: true, date: '2027-04-03', ambiguous: false, order: 'dmy' });
    expect(parseCsvDate('02.13.2027', 'mdy')).toEqual({ ok: false, code: 'bad-date', reason: 'is not a real calendar day' });
  });

  it.each(['31/02/2027', '2027-02-29', '2027-13-01', '2027-00-10', '00/01/2027', '32/01/2027', '13/13/2027', '0999-01-01', '2027-04-31'])(
    'rejects the impossible day %j',
    (input) => {
      expect(parseCsvDate(input)).toEqual({ ok: false, code: 'bad-date', reason: 'is not a real calendar day' });
    },
  );

  it.each(['31/03/27', '3/4/27', '31-03-27', '31.03.27', '27-03-31', '1/2/3'])('rejects the two-digit year in %j', (input) => {
    expect(parseCsvDate(input)).toEqual({
      ok: false,
      code: 'ambiguous-year',
      reason: 'has a two-digit year; write the year in full (e.g. 2027)',
    });
  });

  it.each([
    '',
    'abc',
    '46477',
    '2027-03-31T00:00:00',
    '2027-03-31 00:00',
    '31/03-2027',
    '2027/03-31',
    '31/03-27',
    '2027-003-01',
    '2027-03-001',
    '027-03-01',
    '20271-03-01',
    '131/03/2027',
    '31/003/2027',
    '31/03/20271',
    '31/03/027',
    'x31/03/2027',
    '31/03/2027x',
    'x2027-03-31',
    '1/2/3x',
    'x1/2/3',
    '111/2/3',
    '1/222/3',
    '1/2/333',
    '31 03 2027',
    '31\\03\\2027',
  ])('rejects %j as not a supported date', (input) => {
    expect(parseCsvDate(input)).toEqual({
      ok: false,
      code: 'bad-date',
      reason: 'is not a date in a supported format (YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, DD.MM.YYYY or D-M-YYYY)',
    });
  });
});

describe('parseProgram', () => {
  it.each<[string, Program]>([
    ['open', 'open'],
    ['Open License', 'open'],
    ['open value', 'open'],
    ['大量授權', 'open'],
    ['大量授權 Open', 'open'],
    ['大量授權Open', 'open'],
    ['Open 大量授權', 'open'],
    ['ea', 'ea'],
    ['EA', 'ea'],
    ['Enterprise Agreement', 'ea'],
    ['enterprise_agreement', 'ea'],
    ['企業合約', 'ea'],
    ['大型企業合約', 'ea'],
    ['direct', 'direct'],
    ['Online', 'direct'],
    ['MOSP', 'direct'],
    ['直接', 'direct'],
    ['直接購買', 'direct'],
    ['線上', 'direct'],
    ['線上購買', 'direct'],
    ['other-partner', 'other-partner'],
    ['Other Partner', 'other-partner'],
    ['other_partner', 'other-partner'],
    ['partner', 'other-partner'],
    ['CSP  Partner', 'other-partner'],
    ['csp-partner', 'other-partner'],
    ['其他合作夥伴', 'other-partner'],
    ['合作夥伴', 'other-partner'],
    ['other', 'other'],
    ['其他', 'other'],
    [' \tOther\t ', 'other'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseProgram(input)).toBe(expected);
  });

  it('reads every program id as itself', () => {
    for (const p of PROGRAMS) expect(parseProgram(p)).toBe(p);
  });

  it('returns undefined for an empty value and null for an unknown one', () => {
    expect(parseProgram('')).toBeUndefined();
    expect(parseProgram('  - _ ')).toBeUndefined();
    expect(parseProgram('csp')).toBeNull();
    expect(parseProgram('opens')).toBeNull();
    expect(parseProgram('toString')).toBeNull();
    expect(parseProgram('constructor')).toBeNull();
    expect(parseProgram('__proto__')).toBeNull();
  });
});

describe('parseOriginalsCsv: a good file', () => {
  it('imports one customer per customer_id with its originals, in order of first appearance', () => {
    const result = parseOriginalsCsv(
      file(
        line({ customer_id: G1.toUpperCase(), sku_id: 'sku-1' }),
        line({ customer_id: G2, company_name: 'Fabrikam', domain: 'fabrikam.com', program: 'ea', offer: 'E1', seats: '5', expires_on: '2027-06-30' }),
        line({ offer: 'Visio Plan 2', seats: '0', expires_on: '2027-04-30' }),
      ),
    );
    expect(result).toEqual({
      ok: true,
      assumedDateOrder: 'dmy',
      ambiguousDates: 0,
      rows: 3,
      errors: [],
      customers: [
        {
          customerId: G1,
          companyName: 'Contoso',
          domain: 'contoso.com',
          program: 'open',
          originals: [
            { offer: 'Office 365 E3', skuId: 'sku-1', seats: 10, expiresOn: '2027-03-31', endBy: 'expire' },
            { offer: 'Visio Plan 2', seats: 0, expiresOn: '2027-04-30', endBy: 'expire' },
          ],
          rows: [2, 4],
        },
        {
          customerId: G2,
          companyName: 'Fabrikam',
          domain: 'fabrikam.com',
          program: 'ea',
          originals: [{ offer: 'E1', seats: 5, expiresOn: '2027-06-30', endBy: 'expire' }],
          rows: [3],
        },
      ],
      lines: [
        { row: 2, customerId: G1, offer: 'Office 365 E3', skuId: 'sku-1', seats: 10, expiresOn: '2027-03-31', read: { raw: '2027-03-31', order: 'ymd', ambiguous: false } },
        { row: 3, customerId: G2, offer: 'E1', seats: 5, expiresOn: '2027-06-30', read: { raw: '2027-06-30', order: 'ymd', ambiguous: false } },
        { row: 4, customerId: G1, offer: 'Visio Plan 2', seats: 0, expiresOn: '2027-04-30', read: { raw: '2027-04-30', order: 'ymd', ambiguous: false } },
      ],
    });
    expect(result.customers[0]!.originals[1]).not.toHaveProperty('skuId');
  });

  it('leaves program undefined when no row gives one, and when the column is absent', () => {
    const empty = parseOriginalsCsv(file(line({ program: '' })));
    expect(empty.ok).toBe(true);
    expect(empty.customers[0]).not.toHaveProperty('program');
    const absent = parseOriginalsCsv('customer_id,company_name,offer,seats,expires_on\n' + `${G1},Contoso,E3,1,2027-01-01\n`);
    expect(absent.ok).toBe(true);
    expect(absent.customers).toEqual([
      { customerId: G1, companyName: 'Contoso', domain: '', originals: [{ offer: 'E3', seats: 1, expiresOn: '2027-01-01', endBy: 'expire' }], rows: [2] },
    ]);
  });

  it('reads headers in any order and case, with spaces, hyphens and runs of spaces', () => {
    const text =
      ' Expires  On ;SEATS; Offer ;Sku-Id;Program;Domain;Company Name;Customer ID\r\n' +
      `2027-03-31;7;E3;s1;ea;d.com;Contoso;${G1}\r\n`;
    const result = parseOriginalsCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.customers).toEqual([
      {
        customerId: G1,
        companyName: 'Contoso',
        domain: 'd.com',
        program: 'ea',
        originals: [{ offer: 'E3', skuId: 's1', seats: 7, expiresOn: '2027-03-31', endBy: 'expire' }],
        rows: [2],
      },
    ]);
  });

  it.each(Object.entries(CSV_COLUMN_ALIASES))('accepts the alias %j for %s', (alias, column) => {
    const header = CSV_COLUMNS.map((c) => (c === column ? alias.toUpperCase().replace(/_/g, ' ') : c)).join(',');
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      customer_id: G2,
      company_name: 'Alias Co',
      domain: 'alias.com',
      program: 'direct',
      offer: 'Alias offer',
      sku_id: 'alias-sku',
      seats: '42',
      expires_on: '2028-01-15',
    };
    const result = parseOriginalsCsv(`${header}\n${CSV_COLUMNS.map((c) => values[c]).join(',')}\n`);
    expect(result.errors).toEqual([]);
    expect(result.customers).toEqual([
      {
        customerId: G2,
        companyName: 'Alias Co',
        domain: 'alias.com',
        program: 'direct',
        originals: [{ offer: 'Alias offer', skuId: 'alias-sku', seats: 42, expiresOn: '2028-01-15', endBy: 'expire' }],
        rows: [2],
      },
    ]);
  });

  // The README's promise, read from the README itself: after "also accepted:", one `/`-group of
  // other headers per column, in the sheet's column order.
  function readmeAliases(): Array<[alias: string, column: CsvColumn]> {
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    const promise = /also accepted: ([^.]*)\./.exec(readme)?.[1] ?? '';
    const groups = promise.split(',').map((g) => [...g.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    expect(groups).toHaveLength(CSV_COLUMNS.length);
    return groups.flatMap((names, i) => names.map((name): [string, CsvColumn] => [name, CSV_COLUMNS[i]!]));
  }

  it('reads each header the README promises as its column, and the README names every header it reads', () => {
    const pairs = readmeAliases();
    const canonical = parseOriginalsCsv(file(line()));
    expect(canonical.ok).toBe(true);
    for (const [alias, column] of pairs) {
      const header = CSV_COLUMNS.map((c) => (c === column ? ` ${alias.toUpperCase().replace(/_/g, ' ')} ` : c)).join(',');
      const result = parseOriginalsCsv(`${header}\n${line()}\n`);
      expect({ alias, result }).toEqual({ alias, result: canonical });
    }
    expect(pairs.map(([alias]) => alias).sort()).toEqual(Object.keys(CSV_COLUMN_ALIASES).sort());
  });

  it.each([
    ['customer_id', 'customer'],
    ['customer_id', 'tenant'],
    ['company_name', 'name'],
    ['offer', 'subscription'],
    ['seats', 'qty'],
    ['expires_on', 'expires'],
  ] as const)('does not guess: a %s column headed %j is missing', (column, header) => {
    const head = CSV_COLUMNS.map((c) => (c === column ? header : c)).join(',');
    const result = parseOriginalsCsv(`${head}\n${line()}\n`);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.code, e.column])).toEqual([['missing-column', column]]);
  });

  it('ignores unknown and unnamed columns', () => {
    const text = `notes,${HEADER},,toString,constructor,__proto__,constructor,__proto__\n"a, b",${line()},,x,y,z,w,v\n`;
    const result = parseOriginalsCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.customers[0]!.originals).toHaveLength(1);
  });

  it('accepts a BOM, LF, CRLF, CR, and trailing or inner blank lines (which still count as rows)', () => {
    const withBom = parseOriginalsCsv(`\uFEFF${HEADER}\n${line()}\n\n\n`);
    expect(withBom.ok).toBe(true);
    expect(withBom.rows).toBe(1);
    const crlf = parseOriginalsCsv(`${HEADER}\r\n\r\n${line()}\r\n  \r\n,,,,,,,\r\n${line({ offer: 'bad-row', seats: 'x' })}\r\n\r\n`);
    expect(crlf.rows).toBe(2);
    expect(only(crlf).row).toBe(6);
    const semis = 'x;'.repeat(30);
    const cr = parseOriginalsCsv(`${HEADER}\r${line({ company_name: semis })}\r`);
    expect(cr.errors).toEqual([]);
    expect(cr.customers[0]!.companyName).toBe(semis);
  });

  it('strips the BOM before a quoted first header cell', () => {
    const result = parseOriginalsCsv(`\uFEFF"customer_id",${CSV_COLUMNS.slice(1).join(',')}\r\n${line()}\r\n`);
    expect(result.errors).toEqual([]);
    expect(result.customers).toHaveLength(1);
  });

  it('counts a header below blank lines as its own row', () => {
    const result = parseOriginalsCsv(`\n,,\n${HEADER}\n${line({ seats: 'x' })}\n`);
    expect(only(result).row).toBe(4);
    const missing = parseOriginalsCsv(`\n\ncustomer_id\n`);
    expect(missing.errors.map((e) => e.row)).toEqual([3, 3, 3, 3]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines; a multi-line record is one row', () => {
    const result = parseOriginalsCsv(
      file(
        line({ company_name: '"Contoso, ""Ltd""\r\nTaipei"', offer: '"E3; annual"' }),
        line({ company_name: '"Contoso, ""Ltd""\r\nTaipei"', offer: 'E5', seats: 'x' }),
      ),
    );
    expect(only(result)).toMatchObject({ row: 3, code: 'bad-seats' });
    const good = parseOriginalsCsv(file(line({ company_name: '"Contoso, ""Ltd""\nTaipei"', offer: '"E3; annual"' })));
    expect(good.customers[0]).toMatchObject({ companyName: 'Contoso, "Ltd"\nTaipei', originals: [{ offer: 'E3; annual' }] });
  });

  it('detects a semicolon delimiter from the header, ignoring quoted characters', () => {
    const text = `"x,y,z,w,v,u,t,s,r";${CSV_COLUMNS.join(';')}\n"a,b";${CSV_COLUMNS.map((c) => (c === 'company_name' ? 'Contoso, Ltd' : BASE[c])).join(';')}\n`;
    const result = parseOriginalsCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.customers[0]!.companyName).toBe('Contoso, Ltd');
  });

  it('uses commas when the header has more commas, and on a tie', () => {
    const semis = 'x;'.repeat(30);
    const text = `${HEADER},"a;b;c;d;e;f;g;h;i;j"\n${line({ company_name: semis })}\n`;
    expect(parseOriginalsCsv(text).customers[0]!.companyName).toBe(semis);
    const tie = parseOriginalsCsv('customer_id;company_name;offer;seats,expires_on,x,y\n');
    expect(tie.errors.map((e) => e.column)).toEqual(['customer_id', 'company_name', 'offer', 'seats']);
  });

  it('reads Traditional Chinese names and trims every cell', () => {
    const result = parseOriginalsCsv(file(line({ company_name: '  台灣微軟股份有限公司  ', offer: ' Microsoft 365 商務進階版 ', domain: ' d.tw ', seats: ' 3 ' })));
    expect(result.customers[0]).toMatchObject({ companyName: '台灣微軟股份有限公司', domain: 'd.tw', originals: [{ offer: 'Microsoft 365 商務進階版', seats: 3 }] });
  });

  it("strips one leading ' (the export's formula guard) after trimming", () => {
    const result = parseOriginalsCsv(file(line({ company_name: " '=HYPERLINK(1)", offer: "''@x", seats: "'7", customer_id: `'${G1}`, program: "'ea" })));
    expect(result.errors).toEqual([]);
    expect(result.customers[0]).toMatchObject({ companyName: '=HYPERLINK(1)', program: 'ea', originals: [{ offer: "'@x", seats: 7 }] });
  });

  it('normalises customer ids: case and braces', () => {
    const result = parseOriginalsCsv(file(line({ customer_id: `{${G1.toUpperCase()}}` }), line({ customer_id: G1, offer: 'E5' })));
    expect(result.customers).toHaveLength(1);
    expect(result.customers[0]!.customerId).toBe(G1);
    expect(result.customers[0]!.rows).toEqual([2, 3]);
  });

  it('reads ambiguous dates with dateOrder (default dmy) and counts them', () => {
    const text = file(line({ expires_on: '03/04/2027' }), line({ offer: 'E5', expires_on: '05/05/2027' }), line({ offer: 'E1', expires_on: '13/04/2027' }));
    const dmy = parseOriginalsCsv(text);
    expect(dmy).toMatchObject({ ok: true, assumedDateOrder: 'dmy', ambiguousDates: 1 });
    expect(dmy.customers[0]!.originals.map((o) => o.expiresOn)).toEqual(['2027-04-03', '2027-05-05', '2027-04-13']);
    const mdy = parseOriginalsCsv(text, { dateOrder: 'mdy' });
    expect(mdy).toMatchObject({ ok: true, assumedDateOrder: 'mdy', ambiguousDates: 1 });
    expect(mdy.customers[0]!.originals.map((o) => o.expiresOn)).toEqual(['2027-03-04', '2027-05-05', '2027-04-13']);
    expect(parseOriginalsCsv(text, { dateOrder: 'dmy' }).customers).toEqual(dmy.customers);
    expect(parseOriginalsCsv(text, {}).assumedDateOrder).toBe('dmy');
  });

  it.each([
    ['0', 0],
    ['007', 7],
    ['1,000', 1000],
    ['12,345,678', 12345678],
    ['9007199254740991', 9007199254740991],
  ])('reads seats %j as %d in a comma file', (seats, expected) => {
    const result = parseOriginalsCsv(file(line({ seats: `"${seats}"` })));
    expect(result.errors).toEqual([]);
    expect(result.customers[0]!.originals[0]!.seats).toBe(expected);
  });
});

describe('parseOriginalsCsv: customer-only rows (moves without originals)', () => {
  it('imports a customer with zero originals when offer, sku_id, seats and expires_on are all empty', () => {
    const result = parseOriginalsCsv(file(line({ offer: '', seats: '', expires_on: '' })));
    expect(result).toMatchObject({ ok: true, rows: 1 });
    expect(result.customers).toEqual([{ customerId: G1, companyName: 'Contoso', domain: 'contoso.com', program: 'open', originals: [], rows: [2] }]);
  });

  it('merges a customer-only row with the same customer’s originals', () => {
    const result = parseOriginalsCsv(file(line({ offer: '', seats: '', expires_on: '' }), line(), line({ offer: '', seats: '', expires_on: '' })));
    expect(result.errors).toEqual([]);
    expect(result.customers[0]!.originals).toHaveLength(1);
    expect(result.customers[0]!.rows).toEqual([2, 3, 4]);
  });

  it('still validates the customer cells of a customer-only row', () => {
    expect(errorFor({ offer: '', seats: '', expires_on: '', customer_id: 'nope' }).code).toBe('bad-guid');
    expect(errorFor({ offer: '', seats: '', expires_on: '', company_name: '' }).code).toBe('missing-value');
  });

  it('requires every original cell once any of them is given', () => {
    const result = parseOriginalsCsv(file(line({ offer: '', sku_id: 'sku', seats: '', expires_on: '' })));
    expect(result.errors.map((e) => [e.code, e.column])).toEqual([
      ['missing-value', 'offer'],
      ['missing-value', 'seats'],
      ['missing-value', 'expires_on'],
    ]);
    for (const [column, others] of [
      ['offer', { seats: '', expires_on: '' }],
      ['seats', { offer: '', expires_on: '' }],
      ['expires_on', { offer: '', seats: '' }],
    ] as const) {
      const r = parseOriginalsCsv(file(line(others)));
      expect(r.errors.map((e) => e.column)).toEqual(CSV_COLUMNS.filter((c) => c !== column && c in others));
    }
  });
});

describe('parseOriginalsCsv: cell errors', () => {
  it('reports a bad GUID with row, column, code, value and message', () => {
    expect(errorFor({ customer_id: '2f5a7c1e-0b4d-4e8a-9c3f' })).toEqual({
      row: 2,
      column: 'customer_id',
      code: 'bad-guid',
      value: '2f5a7c1e-0b4d-4e8a-9c3f',
      message:
        'Row 2, column "customer_id": "2f5a7c1e-0b4d-4e8a-9c3f" is not a Microsoft customer ID (a GUID such as 2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87).',
    });
  });

  it.each([`{${G1}`, `${G1}}`, `[${G1}]`, `${G1}0`, `x{${G1}}`, `{${G1}}x`])('rejects %j as a GUID', (id) => {
    expect(errorFor({ customer_id: id })).toMatchObject({ code: 'bad-guid', value: id });
  });

  it('names the column as the file writes it', () => {
    const text = `Tenant ID,company_name,offer,seats,expires_on\nnope,C,E3,1,2027-01-01\n`;
    expect(only(parseOriginalsCsv(text)).message).toBe(
      'Row 2, column "Tenant ID": "nope" is not a Microsoft customer ID (a GUID such as 2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87).',
    );
  });

  it.each<[CsvColumn]>([['customer_id'], ['company_name'], ['offer'], ['seats'], ['expires_on']])('reports an empty %s as missing-value', (column) => {
    expect(errorFor({ [column]: "  '  " })).toEqual({
      row: 2,
      column,
      code: 'missing-value',
      message: `Row 2, column "${column}": a value is required.`,
    });
  });

  it('reports every error of a row, in column order, and keeps going to later rows', () => {
    const result = parseOriginalsCsv(file(line({ customer_id: 'x', company_name: '', program: 'csp', seats: '-1', expires_on: '31/02/2027' }), line({ seats: '1.5' })));
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'customer_id', 'bad-guid'],
      [2, 'company_name', 'missing-value'],
      [2, 'program', 'bad-program'],
      [2, 'seats', 'bad-seats'],
      [2, 'expires_on', 'bad-date'],
      [3, 'seats', 'bad-seats'],
    ]);
    expect(result.ok).toBe(false);
    expect(result.customers).toEqual([]);
    expect(result.rows).toBe(2);
  });

  it('reports a bad program', () => {
    expect(errorFor({ program: 'CSP direct' })).toEqual({
      row: 2,
      column: 'program',
      code: 'bad-program',
      value: 'CSP direct',
      message: 'Row 2, column "program": "CSP direct" is not a known program (open, ea, direct, other-partner, other or unknown).',
    });
  });

  it.each([
    ['-1', 'is negative: seats must be 0 or more'],
    ['-0', 'is negative: seats must be 0 or more'],
    ['1.5', 'is not a whole number: write seats without decimals or separators'],
    ['12.0', 'is not a whole number: write seats without decimals or separators'],
    ['.5', 'is not a whole number: write seats without decimals or separators'],
    ['1.000', 'is not a whole number: write seats without decimals or separators'],
    ['"1,5"', 'is not a whole number: write seats without decimals or separators'],
    ['"1,00"', 'is not a whole number: write seats without decimals or separators'],
    ['"1000,000"', 'is not a whole number: write seats without decimals or separators'],
    ['"1,000,00"', 'is not a number of seats'],
    ['"1234,567"', 'is not a whole number: write seats without decimals or separators'],
    ['"1,0000"', 'is not a whole number: write seats without decimals or separators'],
    ['1.', 'is not a number of seats'],
    ['ten', 'is not a number of seats'],
    ['1 000', 'is not a number of seats'],
    ['+5', 'is not a number of seats'],
    ['5x', 'is not a number of seats'],
    ['x5', 'is not a number of seats'],
    ['1e3', 'is not a number of seats'],
    ['9007199254740993', 'is too large a number of seats'],
    ['"9,007,199,254,740,993"', 'is too large a number of seats'],
  ])('rejects seats %s', (seats, reason) => {
    const value = seats.replace(/"/g, '');
    expect(errorFor({ seats })).toEqual({
      row: 2,
      column: 'seats',
      code: 'bad-seats',
      value,
      message: `Row 2, column "seats": ${JSON.stringify(value)} ${reason}.`,
    });
  });

  it('does not read comma-grouped seats in a semicolon file (the comma may be a decimal mark there)', () => {
    const text = `${CSV_COLUMNS.join(';')}\n${CSV_COLUMNS.map((c) => (c === 'seats' ? '1,000' : BASE[c])).join(';')}\n`;
    expect(only(parseOriginalsCsv(text))).toMatchObject({ code: 'bad-seats', value: '1,000' });
    const plain = `${CSV_COLUMNS.join(';')}\n${CSV_COLUMNS.map((c) => (c === 'seats' ? '1000' : BASE[c])).join(';')}\n`;
    expect(parseOriginalsCsv(plain).customers[0]!.originals[0]!.seats).toBe(1000);
  });

  it('reports bad and two-digit-year dates', () => {
    expect(errorFor({ expires_on: '31/02/2027' })).toEqual({
      row: 2,
      column: 'expires_on',
      code: 'bad-date',
      value: '31/02/2027',
      message: 'Row 2, column "expires_on": "31/02/2027" is not a real calendar day.',
    });
    expect(errorFor({ expires_on: '31/03/27' })).toEqual({
      row: 2,
      column: 'expires_on',
      code: 'ambiguous-year',
      value: '31/03/27',
      message: 'Row 2, column "expires_on": "31/03/27" has a two-digit year; write the year in full (e.g. 2027).',
    });
  });

  it('quotes at most 40 characters of a bad value (code points), escaping quotes and newlines', () => {
    const forty = 'x'.repeat(40);
    expect(errorFor({ program: forty }).message).toBe(`Row 2, column "program": "${forty}" is not a known program (open, ea, direct, other-partner, other or unknown).`);
    expect(errorFor({ program: `${forty}y` }).message).toBe(`Row 2, column "program": "${forty}…" is not a known program (open, ea, direct, other-partner, other or unknown).`);
    const emoji = '😀'.repeat(41);
    expect(errorFor({ program: emoji })).toMatchObject({ value: emoji, message: `Row 2, column "program": "${'😀'.repeat(40)}…" is not a known program (open, ea, direct, other-partner, other or unknown).` });
    expect(errorFor({ program: '"a""\nb"' }).message).toBe('Row 2, column "program": "a\\"\\nb" is not a known program (open, ea, direct, other-partner, other or unknown).');
  });
});

describe('parseOriginalsCsv: rows that disagree', () => {
  it('reports a different company name for the same customer, naming the first row', () => {
    const result = parseOriginalsCsv(file(line(), line({ offer: 'E5' }), line({ offer: 'E1', company_name: 'Contoso Ltd' })));
    expect(only(result)).toEqual({
      row: 4,
      column: 'company_name',
      code: 'conflicting-customer',
      value: 'Contoso Ltd',
      message: `Row 4, column "company_name": "Contoso Ltd" differs from "Contoso" on row 2 for the same customer_id ${G1}.`,
    });
  });

  it('compares company names exactly', () => {
    const result = parseOriginalsCsv(file(line(), line({ offer: 'E5', company_name: 'contoso' })));
    expect(only(result).code).toBe('conflicting-customer');
  });

  it('compares domains ignoring case; an empty domain does not conflict and a later row may give it', () => {
    const same = parseOriginalsCsv(file(line({ domain: 'Contoso.com' }), line({ offer: 'E5', domain: 'contoso.COM' }), line({ offer: 'E1', domain: '' })));
    expect(same.errors).toEqual([]);
    expect(same.customers[0]!.domain).toBe('Contoso.com');
    const later = parseOriginalsCsv(file(line({ domain: '' }), line({ offer: 'E5', domain: 'b.com' }), line({ offer: 'E1', domain: 'c.com' })));
    expect(only(later)).toEqual({
      row: 4,
      column: 'domain',
      code: 'conflicting-customer',
      value: 'c.com',
      message: `Row 4, column "domain": "c.com" differs from "b.com" on row 3 for the same customer_id ${G1}.`,
    });
    const given = parseOriginalsCsv(file(line({ domain: '' }), line({ offer: 'E5', domain: 'b.com' })));
    expect(given.customers[0]!.domain).toBe('b.com');
  });

  it('compares programs by meaning; an empty program does not conflict and a later row may give it', () => {
    const same = parseOriginalsCsv(file(line({ program: 'EA' }), line({ offer: 'E5', program: '企業合約' }), line({ offer: 'E1', program: '' })));
    expect(same.errors).toEqual([]);
    expect(same.customers[0]!.program).toBe('ea');
    const later = parseOriginalsCsv(file(line({ program: '' }), line({ offer: 'E5', program: 'ea' }), line({ offer: 'E1', program: 'Open' })));
    expect(only(later)).toEqual({
      row: 4,
      column: 'program',
      code: 'conflicting-customer',
      value: 'Open',
      message: `Row 4, column "program": "Open" differs from "ea" on row 3 for the same customer_id ${G1}.`,
    });
    const given = parseOriginalsCsv(file(line({ program: '' }), line({ offer: 'E5', program: 'direct' })));
    expect(given.customers[0]!.program).toBe('direct');
  });

  it('does not merge or compare rows whose customer cells are invalid', () => {
    const result = parseOriginalsCsv(file(line(), line({ company_name: 'Other', program: 'nope' })));
    expect(only(result).code).toBe('bad-program');
  });

  it('reports the same customer, offer, sku and expiry twice as duplicate-row, whatever the seats', () => {
    const result = parseOriginalsCsv(file(line({ sku_id: 'S' }), line({ sku_id: 'S', seats: '99' })));
    expect(only(result)).toEqual({
      row: 3,
      code: 'duplicate-row',
      message: `Row 3: the same original (offer "Office 365 E3", sku_id "S", expires_on 2027-03-31) for customer ${G1} is already on row 2.`,
    });
    const noSku = parseOriginalsCsv(file(line(), line({ seats: '2' }), line({ seats: '3' })));
    expect(noSku.errors.map((e) => e.message)).toEqual([
      `Row 3: the same original (offer "Office 365 E3", sku_id "", expires_on 2027-03-31) for customer ${G1} is already on row 2.`,
      `Row 4: the same original (offer "Office 365 E3", sku_id "", expires_on 2027-03-31) for customer ${G1} is already on row 2.`,
    ]);
  });

  it('does not report originals that differ in offer, sku, expiry or customer as duplicates', () => {
    const result = parseOriginalsCsv(
      file(
        line(),
        line({ offer: 'office 365 e3' }),
        line({ sku_id: 'S' }),
        line({ expires_on: '2027-04-01' }),
        line({ customer_id: G2 }),
        line({ offer: 'Office 365 E', sku_id: '3' }),
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.customers.map((c) => c.originals.length)).toEqual([5, 1]);
  });

  it('does not count rows with an invalid original as duplicates', () => {
    const result = parseOriginalsCsv(
      file(
        line({ offer: '' }),
        line({ offer: '' }),
        line({ offer: 'A', seats: 'x' }),
        line({ offer: 'A', seats: 'x' }),
        line({ offer: 'B', expires_on: 'soon' }),
        line({ offer: 'B', expires_on: 'soon' }),
      ),
    );
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'missing-value'],
      [3, 'missing-value'],
      [4, 'bad-seats'],
      [5, 'bad-seats'],
      [6, 'bad-date'],
      [7, 'bad-date'],
    ]);
  });

  it('neither registers nor compares a customer whose id, name or program is invalid', () => {
    const result = parseOriginalsCsv(
      file(
        line(),
        line({ company_name: '', offer: 'E5' }),
        line({ customer_id: 'bad', company_name: 'X' }),
        line({ customer_id: 'bad', company_name: 'Y', offer: 'E5' }),
        line({ program: 'nope', company_name: 'Z', offer: 'E1' }),
        line({ customer_id: G2, program: 'nope', offer: 'E1' }),
        line({ customer_id: G2, company_name: 'Fabrikam', offer: 'E1' }),
      ),
    );
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'missing-value'],
      [4, 'bad-guid'],
      [5, 'bad-guid'],
      [6, 'bad-program'],
      [7, 'bad-program'],
    ]);
  });

  it('compares dates after reading them', () => {
    const result = parseOriginalsCsv(file(line({ expires_on: '31/03/2027' }), line({ expires_on: '2027/3/31' })));
    expect(only(result).code).toBe('duplicate-row');
  });
});

describe('parseOriginalsCsv: file-level errors', () => {
  it.each(['', '\uFEFF', '  \r\n\r\n', ',,,\r\n , , \n', ';;\n;'])('reports %j as an empty file', (text) => {
    expect(parseOriginalsCsv(text)).toEqual({
      ok: false,
      assumedDateOrder: 'dmy',
      ambiguousDates: 0,
      customers: [],
      rows: 0,
      errors: [{ row: 0, code: 'empty-file', message: 'The file is empty.' }],
    });
  });

  it('reports a header without data rows as empty', () => {
    expect(parseOriginalsCsv(`${HEADER}\r\n\r\n,,,\r\n`, { dateOrder: 'mdy' })).toEqual({
      ok: false,
      assumedDateOrder: 'mdy',
      ambiguousDates: 0,
      customers: [],
      rows: 0,
      errors: [{ row: 0, code: 'empty-file', message: 'The file has a header but no data rows.' }],
    });
  });

  it.each(['a\u0000b', `${HEADER}\n${line({ company_name: 'Cont\uFFFDoso' })}\n`, '\uFEFF\u0000'])('refuses %j as not text', (text) => {
    expect(parseOriginalsCsv(text)).toEqual({
      ok: false,
      assumedDateOrder: 'dmy',
      ambiguousDates: 0,
      customers: [],
      rows: 0,
      errors: [
        {
          row: 0,
          code: 'not-text',
          message: 'The file is not UTF-8 text (it contains NUL bytes or invalid characters). Save the sheet as "CSV UTF-8" and try again.',
        },
      ],
    });
  });

  it('refuses a binary workbook decoded as UTF-8', () => {
    const bytes = readFileSync(fileURLToPath(new URL('../../fixtures/csv/workbook-not-csv.csv', import.meta.url)));
    expect(only(parseOriginalsCsv(new TextDecoder().decode(bytes))).code).toBe('not-text');
  });

  it('refuses more than 10 MB of UTF-8 before parsing, and accepts exactly 10 MB', () => {
    const start = `${HEADER}\n${G1},`;
    const end = `,d,open,E3,,1,2027-01-01\n`;
    const exact = start + 'n'.repeat(MAX_CSV_BYTES - start.length - end.length) + end;
    expect(exact.length).toBe(MAX_CSV_BYTES);
    const accepted = parseOriginalsCsv(exact);
    expect(accepted.errors).toEqual([]);
    expect(accepted.customers[0]!.companyName).toHaveLength(MAX_CSV_BYTES - start.length - end.length);
    const tooLarge = {
      ok: false,
      assumedDateOrder: 'mdy',
      ambiguousDates: 0,
      customers: [],
      rows: 0,
      errors: [{ row: 0, code: 'too-large', message: 'The file is larger than 10 MB; split it into smaller files.' }],
    };
    expect(parseOriginalsCsv(exact + 'x', { dateOrder: 'mdy' })).toEqual(tooLarge);
    // 3 bytes per character: fewer characters than the limit, more bytes.
    const cjk = '台'.repeat(Math.floor(MAX_CSV_BYTES / 3) + 1);
    expect(cjk.length).toBeLessThan(MAX_CSV_BYTES);
    expect(parseOriginalsCsv(cjk, { dateOrder: 'mdy' })).toEqual(tooLarge);
    expect(parseOriginalsCsv('\u0000'.repeat(MAX_CSV_BYTES + 1), { dateOrder: 'mdy' })).toEqual(tooLarge);
  });

  it('lists every missing required column at the header row and nothing else', () => {
    const result = parseOriginalsCsv(`domain,program,sku_id\r\nx,open,s\r\n`);
    expect(result).toEqual({
      ok: false,
      assumedDateOrder: 'dmy',
      ambiguousDates: 0,
      customers: [],
      rows: 0,
      errors: ['customer_id', 'company_name', 'offer', 'seats', 'expires_on'].map((column) => ({
        row: 1,
        column,
        code: 'missing-column',
        message: `Row 1: the header has no "${column}" column.`,
      })),
    });
  });

  it('refuses two headers naming the same column', () => {
    const result = parseOriginalsCsv(`${HEADER}, Tenant ID \n${line()},${G2}\n`);
    expect(result).toMatchObject({ ok: false, customers: [], rows: 0 });
    expect(result.errors).toEqual([
      {
        row: 1,
        column: 'customer_id',
        code: 'duplicate-column',
        value: 'Tenant ID',
        message: 'Row 1: columns "customer_id" and "Tenant ID" both give customer_id; keep only one.',
      },
    ]);
  });
});

describe('parseOriginalsCsv: malformed CSV', () => {
  it("reports papaparse's unterminated quote with its row", () => {
    const result = parseOriginalsCsv(file(line(), line({ company_name: '"Contoso' })));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([{ row: 3, code: 'parse', message: 'Row 3: Quoted field unterminated (MissingQuotes).' }]);
    expect(result.rows).toBe(2);
  });

  it('reports a malformed quote even on an otherwise blank line', () => {
    const result = parseOriginalsCsv(`${HEADER}\n${line()}\n"\n`);
    expect(result.errors).toEqual([{ row: 3, code: 'parse', message: 'Row 3: Quoted field unterminated (MissingQuotes).' }]);
  });

  it('reports parse errors in the header too', () => {
    const result = parseOriginalsCsv(`${HEADER},"notes\n${line()}\n`);
    expect(result).toEqual({
      ok: false,
      assumedDateOrder: 'dmy',
      ambiguousDates: 0,
      customers: [],
      rows: 0,
      errors: [{ row: 1, code: 'parse', message: 'Row 1: Quoted field unterminated (MissingQuotes).' }],
    });
  });

  it('reports every malformed quote of a record', () => {
    const result = parseOriginalsCsv(file(line({ company_name: '"Con"toso' })));
    expect(result.errors.map((e) => e.message)).toEqual([
      'Row 2: Trailing quote on quoted field is malformed (InvalidQuotes).',
      'Row 2: Quoted field unterminated (MissingQuotes).',
    ]);
  });

  it('reports a row with more values than the header (an unquoted delimiter), but accepts extra empty cells', () => {
    const result = parseOriginalsCsv(file(line({ company_name: 'Contoso, Ltd' }), `${line({ offer: 'E5' })},, `));
    expect(result.errors).toEqual([
      { row: 2, code: 'parse', message: 'Row 2 has 9 values but the header has 8 columns: does a value containing "," need quotes?' },
    ]);
    const semi = parseOriginalsCsv(`${CSV_COLUMNS.join(';')}\n${CSV_COLUMNS.map((c) => BASE[c]).join(';')};x\n`);
    expect(only(semi).message).toBe('Row 2 has 9 values but the header has 8 columns: does a value containing ";" need quotes?');
  });

  it('reads missing trailing cells as empty', () => {
    const result = parseOriginalsCsv(`${HEADER}\n${G1},Contoso,d,open,E3\n`);
    expect(result.errors.map((e) => [e.column, e.code])).toEqual([
      ['seats', 'missing-value'],
      ['expires_on', 'missing-value'],
    ]);
  });
});

describe('parseOriginalsCsv: too many errors', () => {
  const bad = (n: number) => file(...Array.from({ length: n }, (_, i) => line({ offer: `E${i}`, seats: 'x' })));

  it(`lists exactly ${MAX_CSV_ERRORS} errors without a note`, () => {
    const result = parseOriginalsCsv(bad(MAX_CSV_ERRORS));
    expect(result.errors).toHaveLength(1000);
    expect(result.errors.every((e) => e.code === 'bad-seats')).toBe(true);
  });

  it('stops after 1,000 errors with one too-many-errors, and still fails', () => {
    const result = parseOriginalsCsv(bad(MAX_CSV_ERRORS + 500));
    expect(result.ok).toBe(false);
    expect(result.customers).toEqual([]);
    expect(result.errors).toHaveLength(1001);
    expect(result.errors[999]).toMatchObject({ row: 1001, code: 'bad-seats' });
    expect(result.errors[1000]).toEqual({
      row: 1002,
      code: 'too-many-errors',
      message: 'More than 1000 errors: stopped at row 1002. Fix the errors listed and import again.',
    });
    expect(result.rows).toBe(1001);
  });

  it('stops in the middle of a row with several errors', () => {
    const text = file(
      ...Array.from({ length: MAX_CSV_ERRORS - 1 }, (_, i) => line({ offer: `E${i}`, seats: 'x' })),
      line({ program: 'nope', seats: 'x', expires_on: 'soon' }),
      line({ seats: 'x' }),
    );
    const result = parseOriginalsCsv(text);
    expect(result.errors).toHaveLength(1001);
    expect(result.errors[999]).toMatchObject({ row: 1001, code: 'bad-program' });
    expect(result.errors[1000]).toMatchObject({ row: 1001, code: 'too-many-errors' });
    expect(result.rows).toBe(1000);
  });
});

describe('parseOriginalsCsv: fixtures', () => {
  it('reads an Excel zh-TW semicolon export with BOM and CRLF', () => {
    const result = parseOriginalsCsv(fixture('excel-zh-tw-semicolon.csv'));
    expect(result).toEqual({
      ok: true,
      assumedDateOrder: 'dmy',
      ambiguousDates: 0,
      rows: 3,
      errors: [],
      customers: [
        {
          customerId: G1,
          companyName: '台灣積體電路股份有限公司',
          domain: 'tsmc.onmicrosoft.com',
          program: 'ea',
          originals: [
            { offer: 'Office 365 E3', skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', seats: 1200, expiresOn: '2027-03-31', endBy: 'expire' },
            { offer: 'Microsoft 365 商務進階版', seats: 35, expiresOn: '2027-04-30', endBy: 'expire' },
          ],
          rows: [2, 3],
        },
        {
          customerId: G2,
          companyName: '鴻海; 精密工業',
          domain: 'foxconn.onmicrosoft.com',
          program: 'open',
          originals: [{ offer: 'Exchange Online (方案 1)', seats: 15, expiresOn: '2027-05-15', endBy: 'expire' }],
          rows: [4],
        },
      ],
      lines: [
        expect.objectContaining({ row: 2, read: { raw: '2027/3/31', order: 'ymd', ambiguous: false } }),
        expect.objectContaining({ row: 3, read: { raw: '2027/04/30', order: 'ymd', ambiguous: false } }),
        expect.objectContaining({ row: 4, customerId: G2, read: { raw: '15.05.2027', order: 'dmy', ambiguous: false } }),
      ],
    });
  });

  it('reads an English export with aliases, an extra multi-line column and a customer-only row', () => {
    const result = parseOriginalsCsv(fixture('excel-en-aliases.csv'));
    expect(result).toEqual({
      ok: true,
      assumedDateOrder: 'dmy',
      ambiguousDates: 1,
      rows: 3,
      errors: [],
      customers: [
        {
          customerId: G1,
          companyName: 'Contoso, Ltd.',
          domain: '',
          program: 'ea',
          originals: [
            { offer: 'Office 365 E3', seats: 1000, expiresOn: '2027-02-13', endBy: 'expire' },
            { offer: 'Office 365 E1', seats: 25, expiresOn: '2027-04-03', endBy: 'expire' },
          ],
          rows: [2, 3],
        },
        { customerId: 'a3c1d2e4-5f60-4a7b-8c9d-0e1f2a3b4c5d', companyName: 'Fabrikam "Labs"', domain: '', program: 'direct', originals: [], rows: [4] },
      ],
      lines: [
        expect.objectContaining({ row: 2, offer: 'Office 365 E3', read: { raw: '13/02/2027', order: 'dmy', ambiguous: false } }),
        expect.objectContaining({ row: 3, offer: 'Office 365 E1', read: { raw: '03/04/2027', order: 'dmy', ambiguous: true } }),
      ],
    });
  });
});

describe('parseOriginalsCsv: a large file', () => {
  // Speed is measured by the benchmark, not asserted here (a timed unit test fails on a busy machine).
  it('parses 10,000 rows into 2,000 customers', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      const id = `${String(i % 2000).padStart(8, '0')}-0b4d-4e8a-9c3f-6d2b1a0e9f87`;
      return line({ customer_id: id, company_name: `"台灣公司 ${i % 2000}, Ltd"`, offer: `Offer ${i}`, expires_on: '31/03/2027' });
    });
    const text = file(...lines);
    const result = parseOriginalsCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.customers).toHaveLength(2000);
    expect(result.rows).toBe(10_000);
  });
});

const EXPORT_HEADER = EXPORT_COLUMNS.join(',');
/** The export's cells of one row, by column name (for readable expectations). */
function exportRows(csv: string): Array<Record<string, string>> {
  const r = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true });
  const [head, ...rows] = r.data;
  return rows.map((cells) => Object.fromEntries(head!.map((h, i) => [h, cells[i] ?? ''])));
}
const NO_STEP_DATES = Object.fromEntries(STEPS.map((s) => [`${s.replaceAll('-', '_')}_on`, '']));

describe('movesToCsv', () => {
  it('writes BOM, the header and one CRLF-ended row per original, with the move\'s progress on every row', () => {
    const csv = movesToCsv(
      [
        move({
          stepDates: { requested: '2026-01-05', accepted: '2026-01-20' },
          step: 'accepted',
          originals: [original({ skuId: 'sku-1' }), original({ id: 'o2', offer: 'Visio', seats: 0, expiresOn: '2027-04-30', endBy: 'cancel' })],
          provisioned: [
            { id: 'p1', offer: 'Office 365 E3', seats: 10, provisionedOn: '2026-02-01' },
            { id: 'p2', offer: 'Visio Plan 2', seats: 2, provisionedOn: '2026-02-02' },
          ],
          notes: 'call Ana first',
        }),
        move({ customerId: G2, companyName: 'Fabrikam', domain: 'fabrikam.com', program: 'other-partner', originals: [original()] }),
      ],
      (m) => (m.customerId === G1 ? { nextAction: 'Provision', dueOn: '2027-03-31' } : { nextAction: 'Wait' }),
    );
    expect(csv.startsWith(`\uFEFF${EXPORT_HEADER}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(5);
    const common = { customer_id: G1, company_name: 'Contoso', domain: 'contoso.com', program: 'open', path: 'manual', step: 'accepted', ...NO_STEP_DATES, requested_on: '2026-01-05', accepted_on: '2026-01-20', next_action: 'Provision', due_on: '2027-03-31', provisioned: 'Office 365 E3 × 10 on 2026-02-01; Visio Plan 2 × 2 on 2026-02-02', match: 'unknown', notes: 'call Ana first' };
    expect(exportRows(csv)).toEqual([
      { ...common, offer: 'Office 365 E3', sku_id: 'sku-1', seats: '10', expires_on: '2027-03-31' },
      { ...common, offer: 'Visio', sku_id: '', seats: '0', expires_on: '2027-04-30' },
      { customer_id: G2, company_name: 'Fabrikam', domain: 'fabrikam.com', program: 'other-partner', path: 'manual', step: 'requested', ...NO_STEP_DATES, requested_on: '2026-01-05', next_action: 'Wait', due_on: '', offer: 'Office 365 E3', sku_id: '', seats: '10', expires_on: '2027-03-31', provisioned: '', match: 'none', notes: '' },
    ]);
  });

  it('writes one customer-only row for a move without originals, which imports as zero originals', () => {
    const csv = movesToCsv([move({ step: 'done', stepDates: { requested: '2026-01-05', done: '2026-06-01' } })]);
    expect(exportRows(csv)).toEqual([
      expect.objectContaining({ customer_id: G1, step: 'done', offer: '', sku_id: '', seats: '', expires_on: '', requested_on: '2026-01-05', done_on: '2026-06-01' }),
    ]);
    expect(parseOriginalsCsv(csv).customers).toEqual([
      { customerId: G1, companyName: 'Contoso', domain: 'contoso.com', program: 'open', path: 'manual', originals: [], rows: [2], step: 'done', stepDates: { requested: '2026-01-05', done: '2026-06-01' } },
    ]);
  });

  it('exports a program never chosen as unknown, which re-imports as unknown (never as a guessed program)', () => {
    const csv = movesToCsv([move({ program: 'unknown', originals: [original()] })]);
    expect(exportRows(csv)[0]).toMatchObject({ program: 'unknown' });
    expect(parseOriginalsCsv(csv).customers[0]).toMatchObject({ program: 'unknown' });
    expect(['unknown', 'Not known', '未知', '不明'].map(parseProgram)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('writes only the header for no moves', () => {
    expect(movesToCsv([])).toBe(`\uFEFF${EXPORT_HEADER}\r\n`);
  });

  it('quotes delimiters, quotes, newlines and edge spaces (RFC 4180)', () => {
    const csv = movesToCsv([move({ companyName: 'A, "B"\nC', domain: ' d', notes: 'x\ny', originals: [original({ offer: 'E3; x' })] })]);
    expect(csv.split('\r\n')[1]).toContain(`${G1},"A, ""B""\nC"," d",open,`);
    expect(exportRows(csv)[0]).toMatchObject({ company_name: 'A, "B"\nC', domain: ' d', offer: 'E3; x', notes: 'x\ny' });
  });

  it.each(['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'x"])('guards the formula-like cell %j with a leading quote', (name) => {
    const csv = movesToCsv([move({ companyName: name, notes: name, originals: [original({ offer: name })] })]);
    const parsed = parseOriginalsCsv(csv);
    const row = exportRows(csv)[0]!;
    expect(row.company_name).toBe(`'${name}`);
    expect(row.offer).toBe(`'${name}`);
    expect(row.notes).toBe(`'${name}`);
    expect(parsed.errors).toEqual([]);
    expect(parsed.customers[0]!.companyName).toBe(name);
    expect(parsed.customers[0]!.originals[0]!.offer).toBe(name);
  });

  it('leaves cells with a formula character later in the text alone', () => {
    const csv = movesToCsv([move({ companyName: 'A=B+C-D@E', originals: [original()] })]);
    expect(csv).toContain(`${G1},A=B+C-D@E,`);
  });

  it('reads back the path, step and step days, also as Excel re-saves them (dates in its own form)', () => {
    const csv = movesToCsv([move({ step: 'accepted', stepDates: { requested: '2026-01-05', accepted: '2026-01-20' }, originals: [original()] })]);
    const excel = csv.replace('2026-01-05', '1/5/2026').replace('2026-01-20', '1/20/2026');
    for (const text of [csv, excel]) {
      const c = parseOriginalsCsv(text, { dateOrder: 'mdy' }).customers[0]!;
      expect(c.step).toBe('accepted');
      expect(c.stepDates).toEqual({ requested: '2026-01-05', accepted: '2026-01-20' });
    }
    const bad = parseOriginalsCsv(csv.replace(',accepted,', ',acepted,').replace('2026-01-20', '2026-02-30'));
    expect(bad.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'step', 'bad-step'],
      [2, 'accepted_on', 'bad-date'],
    ]);
  });
});

describe('round trip: parseOriginalsCsv(movesToCsv(moves)) gives back customers, originals, step and step days', () => {
  const piece = fc.oneof(
    fc.constantFrom('=', '+', '-', '@', '"', ',', ';', '\n', '\r\n', '\r', "'", ' ', '\t', '台灣', '股份有限公司', '😀', 'a', 'Z', '1', '{', '}'),
    fc.string({ unit: 'grapheme', maxLength: 4 }),
  );
  const text = fc
    .array(piece, { maxLength: 10 })
    .map((parts) => parts.join('').trim())
    .filter((s) => !/[\u0000\uFFFD]/.test(s));
  const nonEmpty = text.filter((s) => s !== '');
  const day = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const originalArb = fc.record({
    id: fc.string(),
    offer: nonEmpty,
    skuId: fc.option(nonEmpty, { nil: undefined }),
    seats: fc.nat(),
    expiresOn: day,
    endBy: fc.constantFrom('expire' as const, 'cancel' as const),
  });
  const moveArb = fc.record({
    step: fc.constantFrom(...STEPS),
    stepDates: fc.dictionary(fc.constantFrom(...STEPS), day, { maxKeys: 4 }),
    customerId: fc.uuid(),
    companyName: nonEmpty,
    domain: text,
    program: fc.constantFrom(...PROGRAMS),
    originals: fc.uniqueArray(originalArb, { selector: (o) => `${o.offer}\u0000${o.skuId ?? ''}\u0000${o.expiresOn}`, maxLength: 4 }),
  });

  it('gives back the same customers and originals', () => {
    fc.assert(
      fc.property(fc.uniqueArray(moveArb, { selector: (m) => m.customerId, minLength: 1, maxLength: 5 }), (parts) => {
        const moves = parts.map((p) => move(p));
        const result = parseOriginalsCsv(movesToCsv(moves));
        expect(result.errors).toEqual([]);
        expect(result.customers.map(({ rows: _rows, ...c }) => c)).toEqual(
          moves.map((m) => ({
            customerId: m.customerId.toLowerCase(),
            companyName: m.companyName,
            domain: m.domain,
            program: m.program,
            path: m.path,
            step: m.step,
            ...(Object.keys(m.stepDates).length === 0 ? {} : { stepDates: m.stepDates }),
            originals: m.originals.map((o) => ({
              offer: o.offer,
              ...(o.skuId === undefined ? {} : { skuId: o.skuId }),
              seats: o.seats,
              expiresOn: o.expiresOn,
              endBy: 'expire',
            })),
          })),
        );
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});

