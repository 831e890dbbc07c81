// More behaviour of the one import entry: a file that is not a table, the partner's own sheet read
// through it, and the flags each shape's result carries.
import { describe, expect, it } from 'vitest';
import { accessDaysAfterEnd, resolveProduct } from '../../../src/core/import-adapters';
import { readImportCsv, type ImportOptions } from '../../../src/core/import-csv';

const T1 = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const CONTOSO = { customerId: T1, companyName: 'Contoso' };

function options(over: Partial<ImportOptions> = {}): ImportOptions {
  return {
    dateOrder: 'mdy',
    timeZone: 'UTC',
    resolveProduct,
    accessDaysAfterEnd,
    programFor: (_id, fromFile) => fromFile ?? 'direct',
    ...over,
  };
}

const ORIGINALS = `customer_id,company_name,offer,seats,expires_on\r\n${T1},Contoso,Office 365 E3,10,04/03/2027\r\n`;
const GRAPH = 'SkuPartNumber,TotalLicenses,NextLifecycleDateTime\r\nENTERPRISEPACK,10,2027-05-01T00:00:00Z\r\n';
const PC = `Company name,Microsoft ID\r\nContoso,${T1}\r\n`;

describe('readImportCsv', () => {
  it('an empty file: the file error, as an originals result with nothing in it', () => {
    expect(readImportCsv('', options())).toStrictEqual({
      ok: false,
      assumedDateOrder: 'mdy',
      ambiguousDates: 0,
      customers: [],
      rows: 0,
      errors: [{ row: 0, code: 'empty-file', message: 'The file is empty.' }],
      format: 'originals',
      needsCustomer: false,
      createOnly: false,
      lines: [],
    });
  });

  it('a binary file is refused with its reason and the date order asked for', () => {
    const r = readImportCsv('PK\u0000\u0003', options({ dateOrder: 'dmy' }));
    expect(r).toMatchObject({ ok: false, format: 'originals', assumedDateOrder: 'dmy', customers: [], lines: [] });
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([[0, 'not-text']]);
  });

  it('the partner\'s sheet: read with the date order chosen, shown line by line', () => {
    const mdy = readImportCsv(ORIGINALS, options({ dateOrder: 'mdy' }));
    expect(mdy).toMatchObject({ ok: true, format: 'originals', needsCustomer: false, createOnly: false, assumedDateOrder: 'mdy', ambiguousDates: 1, rows: 1, errors: [] });
    expect(mdy.customers.map((c) => [c.customerId, c.companyName, c.originals.map((o) => [o.offer, o.seats, o.expiresOn])])).toEqual([
      [T1, 'Contoso', [['Office 365 E3', 10, '2027-04-03']]],
    ]);
    expect(mdy.lines.map((l) => [l.row, l.offer, l.expiresOn])).toEqual([[2, 'Office 365 E3', '2027-04-03']]);
    expect(Object.keys(mdy)).not.toContain('psType');
    const dmy = readImportCsv(ORIGINALS, options({ dateOrder: 'dmy' }));
    expect(dmy.customers[0]!.originals[0]!.expiresOn).toBe('2027-03-04');
  });

  it('the partner\'s sheet missing a column: the error and no lines', () => {
    const r = readImportCsv(`customer_id,company_name,offer,seats\r\n${T1},Contoso,Office 365 E3,10\r\n`, options());
    expect(r).toMatchObject({ ok: false, format: 'originals', needsCustomer: false, createOnly: false, lines: [] });
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[1, 'expires_on', 'missing-column']]);
  });

  it('a Graph export: not create-only; the #TYPE line\'s type only when there was one', () => {
    const plain = readImportCsv(GRAPH, options({ customer: CONTOSO }));
    expect(plain).toMatchObject({ ok: true, format: 'graph', needsCustomer: false, createOnly: false });
    expect(Object.keys(plain)).not.toContain('psType');
    const typed = readImportCsv(`#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphCompanySubscription\r\n${GRAPH}`, options({ customer: CONTOSO }));
    expect(typed).toMatchObject({ ok: true, format: 'graph', createOnly: false, psType: 'Microsoft.Graph.PowerShell.Models.MicrosoftGraphCompanySubscription' });
    expect(typed.lines[0]!.row).toBe(3);
  });

  it('Partner Center\'s customer list: create-only, never asks whose it is', () => {
    const r = readImportCsv(PC, options());
    expect(r).toMatchObject({ ok: true, format: 'pc-customers', needsCustomer: false, createOnly: true, rows: 1 });
    expect(r.customers).toEqual([{ customerId: T1, companyName: 'Contoso', domain: '', originals: [], rows: [2] }]);
    expect(Object.keys(r)).not.toContain('psType');
  });
});
