// More behaviour of Partner Center's "Export customers" reader: which headers it claims, the
// customers it reads, and every error a partner can hit with a bad file (row, column, why).
import { describe, expect, it } from 'vitest';
import { readCsvTable, type CsvTable } from '../../../src/core/csv-table';
import { isPartnerCenterCustomersHeader, parsePartnerCenterCustomers, type PcCustomersResult } from '../../../src/core/pc-customers-csv';

const T1 = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const T2 = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a';
const HEADER = 'Company name,Primary domain name,Microsoft ID,Relationship';

function table(text: string): CsvTable {
  const r = readCsvTable(text);
  if (!r.ok) throw new Error(r.message);
  return r.table;
}

function read(...lines: string[]): PcCustomersResult {
  return parsePartnerCenterCustomers(table(lines.join('\r\n') + '\r\n'));
}

describe('isPartnerCenterCustomersHeader', () => {
  it.each([
    [['Company name', 'Microsoft ID'], true],
    [['公司名稱', 'Microsoft 識別碼'], true],
    [['Microsoft ID', 'Notes'], false],
    [['Company name', 'Domain'], false],
    [['Notes', 'Comments'], false],
    // A tenant id and a name, but also an originals column: the partner's own sheet.
    [['Company name', 'Microsoft ID', 'Seats'], false],
  ])('%j → %s', (header, expected) => {
    expect(isPartnerCenterCustomersHeader(header)).toBe(expected);
  });
});

describe('parsePartnerCenterCustomers: what it reads', () => {
  it('a file with only the name and the id: no domain, no relationship', () => {
    expect(read('Company name,Microsoft ID', `Northwind,${T1}`)).toStrictEqual({
      format: 'pc-customers',
      assumedDateOrder: 'dmy',
      ambiguousDates: 0,
      ok: true,
      customers: [{ customerId: T1, companyName: 'Northwind', domain: '', originals: [], rows: [2] }],
      rows: 1,
      errors: [],
      lines: [],
    });
  });

  it('trims cells, reads an id in capitals or braces, skips blank rows, and leaves out an empty relationship', () => {
    const r = read(HEADER, ` Northwind , northwind.com , {${T1.toUpperCase()}} ,`, '', ',,,', `Fabrikam,fabrikam.com,${T2}, Reseller `);
    expect(r.errors).toEqual([]);
    expect(r.rows).toBe(2);
    expect(r.customers).toStrictEqual([
      { customerId: T1, companyName: 'Northwind', domain: 'northwind.com', originals: [], rows: [2] },
      { customerId: T2, companyName: 'Fabrikam', domain: 'fabrikam.com', originals: [], rows: [5], relationship: 'Reseller' },
    ]);
  });

  it('a header with no data rows is an empty file', () => {
    expect(read(HEADER, '', ',,,')).toStrictEqual({
      format: 'pc-customers',
      assumedDateOrder: 'dmy',
      ambiguousDates: 0,
      ok: false,
      customers: [],
      rows: 0,
      errors: [{ row: 0, code: 'empty-file', message: 'The file has a header but no data rows.' }],
      lines: [],
    });
  });
});

describe('parsePartnerCenterCustomers: a bad row says which row, which column and why', () => {
  it('a broken quote: the row and the parser\'s reason; nothing is imported', () => {
    const r = read(HEADER, `Northwind,northwind.com,${T1},None`, `"Fabrikam,fabrikam.com,${T2},None`);
    expect(r.errors).toEqual([{ row: 3, code: 'parse', message: 'Row 3: Quoted field unterminated (MissingQuotes).' }]);
    expect(r).toMatchObject({ ok: false, customers: [], rows: 2 });
  });

  it('an empty Microsoft ID, named as the file names the column', () => {
    const r = read(' Company name , Microsoft ID ', 'Northwind,');
    expect(r.errors).toStrictEqual([{ row: 2, column: 'Microsoft ID', code: 'missing-value', message: 'Row 2, column "Microsoft ID": a value is required.' }]);
  });

  it('an unreadable Microsoft ID', () => {
    expect(read(HEADER, 'Northwind,northwind.com,nope,None').errors).toStrictEqual([
      {
        row: 2,
        column: 'Microsoft ID',
        code: 'bad-guid',
        value: 'nope',
        message: 'Row 2, column "Microsoft ID": "nope" is not a Microsoft ID (a GUID such as 2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87).',
      },
    ]);
  });

  it('an empty company name', () => {
    expect(read('Microsoft ID,Company name', `${T1},`).errors).toStrictEqual([
      { row: 2, column: 'Company name', code: 'missing-value', message: 'Row 2, column "Company name": a value is required.' },
    ]);
  });

  it('a table without a name column: the error names the field', () => {
    const r = parsePartnerCenterCustomers(table(`Microsoft ID,Notes\r\n${T1},vip\r\n`));
    expect(r.errors).toStrictEqual([{ row: 2, column: 'name', code: 'missing-value', message: 'Row 2, column "name": a value is required.' }]);
  });

  it('a row in error is not compared with the others: no follow-on duplicate', () => {
    const badIds = read(HEADER, 'A,a.com,nope,None', 'B,b.com,nope-either,None');
    expect(badIds.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'bad-guid'],
      [3, 'bad-guid'],
    ]);
    const noName = read(HEADER, `,a.com,${T1},None`, `B,b.com,${T1},None`);
    expect(noName.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'Company name', 'missing-value']]);
  });

  it('both an empty id and an empty name: both are said', () => {
    expect(read(HEADER, ',a.com,,None').errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'Microsoft ID', 'missing-value'],
      [2, 'Company name', 'missing-value'],
    ]);
  });

  it('the same customer twice: the later row, and where it was first', () => {
    const r = read(HEADER, `A,a.com,${T2},None`, `B,b.com,${T1},None`, `B again,b.com,${T1.toUpperCase()},None`);
    expect(r.errors).toStrictEqual([{ row: 4, code: 'duplicate-row', message: `Row 4: customer ${T1} is already on row 3.` }]);
    expect(r.customers).toEqual([]);
  });
});
