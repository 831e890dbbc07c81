import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../../src/core/csv-table';
import { dayInZone, isGraphHeader, parseGraphInstant } from '../../../src/core/graph-csv';
import { detectImportFormat, readImportCsv, type ImportOptions, type ImportResult } from '../../../src/core/import-csv';
import type { Program } from '../../../src/core/model';
import { accessDaysAfterEnd, resolveProduct } from '../../../src/core/import-adapters';

function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/csv/${name}`, import.meta.url)), 'utf8');
}

const CONTOSO = { customerId: '2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87', companyName: 'Contoso' };

function options(over: Partial<ImportOptions> = {}): ImportOptions {
  return {
    dateOrder: 'mdy',
    timeZone: 'Asia/Taipei',
    resolveProduct,
    accessDaysAfterEnd,
    programFor: (_id, fromFile) => fromFile ?? 'direct',
    ...over,
  };
}

function byRow(result: ImportResult, row: number) {
  const line = result.lines.find((l) => l.row === row);
  expect(line, `line ${row}`).toBeDefined();
  return line!;
}

describe('parseGraphInstant', () => {
  it.each([
    ['2027-03-31T00:00:00Z', '2027-03-31T00:00:00.000Z'],
    ['2027-03-31T00:00:00.0000000Z', '2027-03-31T00:00:00.000Z'],
    ['2027-03-31T08:00:00+08:00', '2027-03-31T00:00:00.000Z'],
    ['2027-03-31 16:30:00', '2027-03-31T16:30:00.000Z'],
    ['3/31/2027 12:00:00 AM', '2027-03-31T00:00:00.000Z'],
    ['3/31/2027 12:30:00 PM', '2027-03-31T12:30:00.000Z'],
    ['3/31/2027 4:00:00 PM', '2027-03-31T16:00:00.000Z'],
    ['3/31/2027 0:00', '2027-03-31T00:00:00.000Z'],
    ['31/03/2027 00:00:00', '2027-03-31T00:00:00.000Z'],
    ['31.03.2027 00:00', '2027-03-31T00:00:00.000Z'],
    ['2027/3/31 上午 12:00:00', '2027-03-31T00:00:00.000Z'],
    ['2027/3/31 下午 04:00:00', '2027-03-31T16:00:00.000Z'],
    ['2027/3/31 下午 12:15:00', '2027-03-31T12:15:00.000Z'],
    ['2027/3/31 23:59', '2027-03-31T23:59:00.000Z'],
    ['2027/3/31', '2027-03-31T00:00:00.000Z'],
  ])('reads %j as %s (UTC)', (input, iso) => {
    const r = parseGraphInstant(input, 'mdy');
    expect(r.ok && new Date(r.ms).toISOString()).toBe(iso);
  });

  it('reads an ambiguous day/month with the order chosen, and says so', () => {
    const dmy = parseGraphInstant('4/3/2027 12:00:00 AM', 'dmy');
    const mdy = parseGraphInstant('4/3/2027 12:00:00 AM', 'mdy');
    expect(dmy).toMatchObject({ ok: true, order: 'dmy', ambiguous: true });
    expect(mdy).toMatchObject({ ok: true, order: 'mdy', ambiguous: true });
    expect(dmy.ok && new Date(dmy.ms).toISOString().slice(0, 10)).toBe('2027-03-04');
    expect(mdy.ok && new Date(mdy.ms).toISOString().slice(0, 10)).toBe('2027-04-03');
  });

  it.each(['tomorrow', '2027-02-30T00:00:00Z', '3/31/2027 13:00:00 PM', '3/31/27 12:00:00 AM', '2027-03-31T25:00:00Z', '3/31/2027 10:61'])('rejects %j', (input) => {
    expect(parseGraphInstant(input, 'mdy').ok).toBe(false);
  });
});

describe('dayInZone', () => {
  it('takes the calendar day in the given time zone', () => {
    const ms = Date.UTC(2027, 2, 31, 0, 0, 0);
    expect(dayInZone(ms, 'Asia/Taipei')).toBe('2027-03-31');
    expect(dayInZone(ms, 'America/New_York')).toBe('2027-03-30');
    expect(dayInZone(ms, 'UTC')).toBe('2027-03-31');
    expect(dayInZone(Date.UTC(2027, 2, 31, 16, 0, 0), 'Asia/Taipei')).toBe('2027-04-01');
  });

  it('throws on an unknown time zone', () => {
    expect(() => dayInZone(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('format detection', () => {
  it('recognises each shape from its header', () => {
    const header = (name: string) => {
      const r = readCsvTable(fixture(name));
      if (!r.ok) throw new Error(r.message);
      return r.table.header;
    };
    expect(detectImportFormat(header('graph-ps51-en-us.csv'))).toBe('graph');
    expect(detectImportFormat(header('graph-snippet-ps7.csv'))).toBe('graph');
    expect(detectImportFormat(header('graph-snippet-excel-semicolon.csv'))).toBe('graph');
    expect(detectImportFormat(header('pc-customers-en.csv'))).toBe('pc-customers');
    expect(detectImportFormat(header('pc-customers-zh-tw.csv'))).toBe('pc-customers');
    expect(detectImportFormat(header('popup-good.csv'))).toBe('originals');
    expect(detectImportFormat(header('excel-en-aliases.csv'))).toBe('originals');
    expect(isGraphHeader(['skupartnumber', 'TotalLicenses'])).toBe(true);
    expect(isGraphHeader(['SKU', 'Quantity'])).toBe(false);
  });

  it('skips the #TYPE line Windows PowerShell 5.1 writes, also padded by Excel, and reports the type', () => {
    const r = readImportCsv(fixture('graph-ps51-en-us.csv'), options({ customer: CONTOSO }));
    expect(r.psType).toBe('Microsoft.Graph.PowerShell.Models.MicrosoftGraphCompanySubscription');
    const padded = readImportCsv(fixture('graph-excel-zh-tw-resave.csv'), options({ customer: CONTOSO }));
    expect(padded.psType).toBe('Microsoft.Graph.PowerShell.Models.MicrosoftGraphCompanySubscription');
    expect(padded.format).toBe('graph');
    // The header is row 2: rows keep the spreadsheet's numbers.
    expect(r.lines[0]!.row).toBe(3);
  });
});

/** The single-tenant export (fixtures graph-ps51-*, graph-excel-*): the same seven subscriptions. */
function expectSingleTenant(r: ImportResult) {
  expect(r.errors).toEqual([]);
  expect(r.ok).toBe(true);
  expect(r.format).toBe('graph');
  expect(r.customers).toHaveLength(1);
  const c = r.customers[0]!;
  expect(c.customerId).toBe(CONTOSO.customerId);
  expect(c.companyName).toBe('Contoso');
  // E3 (by GUID), Exchange Online Plan 1 (Warning), Visio (unknown to the catalogue): imported.
  expect(c.originals).toEqual([
    { offer: 'Office 365 E3', skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', seats: 250, expiresOn: '2027-03-31', endBy: 'expire' },
    // Warning: users lose access on 15 Jan (16:00 UTC = midnight in Taipei); direct: ended 30 days before.
    { offer: 'Exchange Online (Plan 1)', skuId: '4b9405b0-7788-4568-add1-99614e613b69', seats: 40, expiresOn: '2026-12-16', endBy: 'expire' },
    { offer: 'VISIOCLIENT', skuId: 'c5928f49-12ba-48f7-ada3-0d743a3601d5', seats: 5, expiresOn: '2027-06-30', endBy: 'expire' },
  ]);
  expect(byRow(r, 3)).toMatchObject({ product: 'id', status: 'Enabled' });
  expect(byRow(r, 3).skip).toBeUndefined();
  expect(byRow(r, 4)).toMatchObject({ skip: 'trial', offer: 'Office 365 E1', seats: 25 });
  expect(byRow(r, 5).read).toMatchObject({ accessEnd: '2027-01-15', accessDays: 30, instant: '2027-01-14T16:00:00.000Z', timeZone: 'Asia/Taipei' });
  expect(byRow(r, 6)).toMatchObject({ product: 'unknown', offer: 'VISIOCLIENT' });
  expect(byRow(r, 7)).toMatchObject({ skip: 'csp', offer: 'Microsoft 365 E3', seats: 30 });
  expect(byRow(r, 8)).toMatchObject({ skip: 'no-date', offer: 'FLOW_FREE' });
  expect(byRow(r, 9)).toMatchObject({ skip: 'inactive', status: 'Suspended', offer: 'Microsoft 365 Business Premium' });
}

describe('a Microsoft Graph subscription export', () => {
  it.each([
    ['Windows PowerShell 5.1, en-US (#TYPE, quoted, M/d/yyyy h:mm:ss tt)', 'graph-ps51-en-us.csv'],
    ['Windows PowerShell 5.1, zh-TW (BOM, yyyy/M/d 上午 hh:mm:ss)', 'graph-ps51-zh-tw.csv'],
    ['re-saved by Excel en-US (BOM, padded #TYPE, FALSE, M/d/yyyy H:mm)', 'graph-excel-en-us-resave.csv'],
    ['re-saved by Excel zh-TW (BOM, padded #TYPE, FALSE, yyyy/M/d H:mm)', 'graph-excel-zh-tw-resave.csv'],
  ])('%s: imports the right originals for the customer named', (_label, name) => {
    expectSingleTenant(readImportCsv(fixture(name), options({ customer: CONTOSO })));
  });

  it('asks whose file it is when it names no customer, showing its lines meanwhile', () => {
    const r = readImportCsv(fixture('graph-ps51-en-us.csv'), options());
    expect(r).toMatchObject({ ok: false, needsCustomer: true, customers: [], errors: [] });
    expect(r.lines).toHaveLength(7);
    expect(r.lines.every((l) => l.customerId === '')).toBe(true);
  });

  it('a Warning date is when users lose access: the end date follows the program rule', () => {
    const as = (program: Program) =>
      readImportCsv(fixture('graph-ps51-en-us.csv'), options({ customer: CONTOSO, programFor: () => program })).customers[0]!.originals[1]!.expiresOn;
    expect(as('direct')).toBe('2026-12-16');
    expect(as('open')).toBe('2026-12-16');
    // Enterprise Agreement: licences stop on the end date itself.
    expect(as('ea')).toBe('2027-01-15');
    // Unknown rule: the day users lose access is taken as the end date (the worst case), and said.
    expect(as('other')).toBe('2027-01-15');
    const r = readImportCsv(fixture('graph-ps51-en-us.csv'), options({ customer: CONTOSO, programFor: () => 'other' }));
    expect(byRow(r, 5).read?.accessDays).toBeNull();
  });

  it('the calendar day depends on the time zone, and the preview keeps the instant', () => {
    const ny = readImportCsv(fixture('graph-ps51-en-us.csv'), options({ customer: CONTOSO, timeZone: 'America/New_York' }));
    expect(ny.customers[0]!.originals[0]!.expiresOn).toBe('2027-03-30');
    expect(byRow(ny, 3).read).toEqual({
      raw: '3/31/2027 12:00:00 AM',
      order: 'mdy',
      ambiguous: false,
      instant: '2027-03-31T00:00:00.000Z',
      timeZone: 'America/New_York',
    });
  });

  it('the snippet\'s multi-customer export (PowerShell 7, ISO dates): one customer per CustomerTenantId', () => {
    for (const name of ['graph-snippet-ps7.csv', 'graph-snippet-excel-semicolon.csv']) {
      const r = readImportCsv(fixture(name), options({ timeZone: 'Asia/Taipei' }));
      expect(r.errors, name).toEqual([]);
      expect(r.psType).toBeUndefined();
      expect(r.customers.map((c) => [c.customerId, c.companyName, c.originals.map((o) => `${o.offer}×${o.seats}@${o.expiresOn}`)])).toEqual([
        ['3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', 'Northwind Traders', ['Office 365 E3×120@2027-04-30', 'Exchange Online (Plan 1)×15@2026-12-21']],
        ['4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a', '台灣測試雲端股份有限公司', ['Microsoft 365 Business Standard×45@2027-07-01']],
        ['5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b', 'Fabrikam, Inc.', ['Office 365 E5×8@2027-02-28']],
      ]);
      expect(r.lines.filter((l) => l.skip).map((l) => [l.row, l.skip])).toEqual([
        [4, 'csp'],
        [6, 'trial'],
        [8, 'no-date'],
        [9, 'inactive'],
      ]);
    }
  });

  it('resolves a product by its string id when the GUID is unknown', () => {
    const text = '"CustomerTenantId","SkuId","SkuPartNumber","TotalLicenses","Status","NextLifecycleDateTime"\r\n' +
      `"${CONTOSO.customerId}","00000000-1111-4222-8333-444444444444","SPE_E3","7","Enabled","2027-05-01T00:00:00Z"\r\n`;
    const r = readImportCsv(text, options());
    expect(r.lines[0]).toMatchObject({ product: 'part-number', offer: 'Microsoft 365 E3', skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965' });
  });

  it('reports a bad row with its row, column and why, and imports nothing', () => {
    const text = '"CustomerTenantId","SkuPartNumber","TotalLicenses","Status","NextLifecycleDateTime","IsTrial"\r\n' +
      `"${CONTOSO.customerId}","ENTERPRISEPACK","ten","Enabled","2027-05-01T00:00:00Z","False"\r\n` +
      `"not-a-tenant","ENTERPRISEPACK","10","Enabled","2027-05-01T00:00:00Z","False"\r\n` +
      `"${CONTOSO.customerId}","STANDARDPACK","10","Enabled","someday","False"\r\n` +
      `"${CONTOSO.customerId}","STANDARDPACK","10","Paused","2027-05-01T00:00:00Z","False"\r\n` +
      `"${CONTOSO.customerId}","STANDARDPACK","10","Enabled","2027-05-01T00:00:00Z","maybe"\r\n` +
      // A CSP line with unreadable seats is skipped, not an error: it is not imported anyway.
      `"${CONTOSO.customerId}","STANDARDPACK","n/a","Suspended","","False"\r\n`;
    const r = readImportCsv(text, options());
    expect(r.ok).toBe(false);
    expect(r.customers).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'TotalLicenses', 'bad-seats'],
      [3, 'CustomerTenantId', 'bad-guid'],
      [4, 'NextLifecycleDateTime', 'bad-date'],
      [5, 'Status', 'parse'],
      [6, 'IsTrial', 'parse'],
    ]);
    expect(r.errors[0]!.message).toBe('Row 2, column "TotalLicenses": "ten" is not a number of seats.');
  });

  it('names the missing columns of a Graph export', () => {
    const r = readImportCsv('"SkuPartNumber","TotalLicenses"\r\n"ENTERPRISEPACK","3"\r\n', options());
    expect(r.errors).toEqual([
      { row: 1, column: 'nextLifecycleDateTime', code: 'missing-column', message: 'Row 1: this Microsoft Graph subscription export has no "nextLifecycleDateTime" column.' },
    ]);
  });
});

describe('Partner Center\'s customer export', () => {
  it('reads the English and zh-TW exports into customers without originals, create-only', () => {
    const en = readImportCsv(fixture('pc-customers-en.csv'), options());
    expect(en).toMatchObject({ ok: true, format: 'pc-customers', createOnly: true, errors: [] });
    expect(en.customers).toEqual([
      { customerId: '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f', companyName: 'Northwind Traders', domain: 'northwind.onmicrosoft.com', originals: [], rows: [2], relationship: 'Reseller' },
      { customerId: '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c', companyName: 'Tailspin Toys', domain: 'tailspintoys.com', originals: [], rows: [3], relationship: 'None' },
      { customerId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', companyName: 'Wingtip, Ltd.', domain: 'wingtip.onmicrosoft.com', originals: [], rows: [4], relationship: 'Advisor' },
    ]);
    const zh = readImportCsv(fixture('pc-customers-zh-tw.csv'), options());
    expect(zh.customers.map((c) => [c.companyName, c.domain, c.relationship])).toEqual([
      ['北風貿易', 'northwind.onmicrosoft.com', '轉售商'],
      ['台灣測試雲端股份有限公司', 'twcloud.com.tw', '無'],
    ]);
  });

  it('reports a bad Microsoft ID and a repeated customer by row', () => {
    const text = 'Company name,Primary domain name,Microsoft ID,Relationship\r\nA,a.com,nope,None\r\nB,b.com,3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f,None\r\nB2,b.com,3C4D5E6F-7A8B-4C9D-8E0F-1A2B3C4D5E6F,None\r\n,c.com,4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a,None\r\n';
    const r = readImportCsv(text, options());
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'bad-guid'],
      [4, 'duplicate-row'],
      [5, 'missing-value'],
    ]);
    expect(r.customers).toEqual([]);
  });
});
