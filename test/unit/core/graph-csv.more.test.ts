// More behaviour of the Microsoft Graph subscription export reader: every error a partner can hit
// with a bad file (row, column, why), how rows of one customer are merged, and the timestamp reader's
// edges. Tables are built from small inline files; products come from a small fixed resolver.
import { describe, expect, it } from 'vitest';
import { readCsvTable, type CsvTable } from '../../../src/core/csv-table';
import {
  dayInZone,
  isGraphHeader,
  parseGraphInstant,
  parseGraphTable,
  type GraphImportOptions,
  type GraphImportResult,
  type ResolvedProduct,
} from '../../../src/core/graph-csv';

const T1 = '3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const T2 = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a';
const E3 = { name: 'Office 365 E3', skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900' };
const E1 = { name: 'Office 365 E1', skuId: '18181a46-0d4e-45cd-891e-60aabd171b4e' };
const PRODUCTS: Record<string, ResolvedProduct> = {
  [E3.skuId]: E3,
  enterprisepack: E3,
  [E1.skuId]: E1,
  standardpack: E1,
};

function options(over: Partial<GraphImportOptions> = {}): GraphImportOptions {
  return {
    dateOrder: 'mdy',
    timeZone: 'UTC',
    resolveProduct: (key) => PRODUCTS[key.toLowerCase()],
    accessDaysAfterEnd: (program) => (program === 'ea' ? 0 : program === 'other' ? undefined : 30),
    programFor: (_id, fromFile) => fromFile ?? 'direct',
    ...over,
  };
}

function table(text: string): CsvTable {
  const r = readCsvTable(text);
  if (!r.ok) throw new Error(r.message);
  return r.table;
}

function graph(lines: string[], over: Partial<GraphImportOptions> = {}): GraphImportResult {
  return parseGraphTable(table(lines.join('\r\n') + '\r\n'), options(over));
}

/** The snippet's multi-customer shape, every column this reader knows. */
const COLS = [
  'CustomerTenantId',
  'CustomerName',
  'CustomerDomain',
  'Program',
  'SkuId',
  'SkuPartNumber',
  'TotalLicenses',
  'Status',
  'NextLifecycleDateTime',
  'IsTrial',
  'OwnerTenantId',
  'CommerceSubscriptionId',
] as const;
type Col = (typeof COLS)[number];
const HEADER = COLS.join(',');
const DEFAULTS: Record<Col, string> = {
  CustomerTenantId: T1,
  CustomerName: 'Northwind',
  CustomerDomain: '',
  Program: '',
  SkuId: '',
  SkuPartNumber: 'ENTERPRISEPACK',
  TotalLicenses: '10',
  Status: 'Enabled',
  NextLifecycleDateTime: '2027-05-01T00:00:00Z',
  IsTrial: 'False',
  OwnerTenantId: '',
  CommerceSubscriptionId: '',
};
function row(cells: Partial<Record<Col, string>> = {}): string {
  return COLS.map((c) => cells[c] ?? DEFAULTS[c]).join(',');
}
function multi(...rows: string[]): GraphImportResult {
  return graph([HEADER, ...rows]);
}

const ORIGINAL_E3 = { offer: 'Office 365 E3', skuId: E3.skuId, seats: 10, expiresOn: '2027-05-01', endBy: 'expire' };

describe('parseGraphInstant: more shapes and edges', () => {
  it.each([
    // Offsets: the local time minus the offset, in either direction, with or without the colon.
    ['2027-03-30T19:00:00-05:00', '2027-03-31T00:00:00.000Z'],
    ['2027-03-30T20:30:00-03:30', '2027-03-31T00:00:00.000Z'],
    ['2027-03-31T05:30:00+05:30', '2027-03-31T00:00:00.000Z'],
    ['2027-03-31T05:45:00+0545', '2027-03-31T00:00:00.000Z'],
    // The last second of a day is a real time.
    ['2027-03-31T23:59:59Z', '2027-03-31T23:59:59.000Z'],
    ['3/31/2027 23:59:59', '2027-03-31T23:59:59.000Z'],
    // 1 AM, and the Japanese designators.
    ['3/31/2027 1:00:00 AM', '2027-03-31T01:00:00.000Z'],
    ['2027/3/31 午後 4:00:00', '2027-03-31T16:00:00.000Z'],
    ['2027/3/31 午前 12:00:00', '2027-03-31T00:00:00.000Z'],
    // Surrounding spaces (a hand-edited cell) do not matter.
    ['  2027-03-31T00:00:00Z  ', '2027-03-31T00:00:00.000Z'],
    [' 3/31/2027 12:00:00 AM ', '2027-03-31T00:00:00.000Z'],
  ])('reads %j as %s', (input, iso) => {
    const r = parseGraphInstant(input, 'mdy');
    expect(r.ok && new Date(r.ms).toISOString()).toBe(iso);
  });

  it('an ISO timestamp is year first and never ambiguous, whatever the date order', () => {
    expect(parseGraphInstant('2027-04-03T00:00:00Z', 'dmy')).toEqual({ ok: true, ms: Date.UTC(2027, 3, 3), order: 'ymd', ambiguous: false });
    expect(parseGraphInstant('2027-04-03T00:00:00Z', 'mdy')).toEqual({ ok: true, ms: Date.UTC(2027, 3, 3), order: 'ymd', ambiguous: false });
  });

  it.each([
    ['2027-03-31T10:60:00Z', 'is not a real date and time'],
    ['2027-03-31T10:00:60Z', 'is not a real date and time'],
    ['2027-03-31T24:00:00Z', 'is not a real date and time'],
    ['3/31/2027 0:30:00 AM', 'has an hour that does not fit AM/PM'],
    ['3/31/2027 13:00:00 PM', 'has an hour that does not fit AM/PM'],
    ['3/31/2027 24:00', 'is not a real time of day'],
    ['3/31/2027 10:00:60', 'is not a real time of day'],
    ['next week', 'is not a date and time (e.g. 2027-03-31T00:00:00Z or 3/31/2027 12:00:00 AM)'],
    ['3/31/2027 noon', 'is not a date and time (e.g. 2027-03-31T00:00:00Z or 3/31/2027 12:00:00 AM)'],
  ])('rejects %j saying it %s', (input, reason) => {
    expect(parseGraphInstant(input, 'mdy')).toEqual({ ok: false, reason });
  });
});

describe('dayInZone: edges', () => {
  it('throws, naming the instant and zone, when the day has no four-digit year', () => {
    const ms = Date.UTC(10000, 0, 1);
    expect(() => dayInZone(ms, 'UTC')).toThrow(new RangeError(`No calendar day for ${ms} in UTC`));
  });
});

describe('isGraphHeader: both a product and licences or a lifecycle date', () => {
  it.each([
    [['SkuId', 'TotalLicenses'], true],
    [['SkuId', 'NextLifecycleDateTime'], true],
    [['SkuPartNumber', 'NextLifecycleDateTime'], true],
    [['TotalLicenses', 'NextLifecycleDateTime'], false],
    [['SkuId', 'Status'], false],
  ])('%j → %s', (header, expected) => {
    expect(isGraphHeader(header)).toBe(expected);
  });
});

describe('parseGraphTable: a file it cannot read at all', () => {
  it('names every missing column on the header row, and reads nothing', () => {
    const r = graph(['Status,NextLifecycleDateTime', 'Enabled,2027-05-01T00:00:00Z']);
    expect(r).toStrictEqual({
      format: 'graph',
      assumedDateOrder: 'mdy',
      ambiguousDates: 0,
      needsCustomer: false,
      ok: false,
      customers: [],
      rows: 0,
      errors: [
        { row: 1, column: 'skuId', code: 'missing-column', message: 'Row 1: this Microsoft Graph subscription export has no "skuId" column.' },
        { row: 1, column: 'totalLicenses', code: 'missing-column', message: 'Row 1: this Microsoft Graph subscription export has no "totalLicenses" column.' },
      ],
      lines: [],
    });
  });

  it('the header row number counts a #TYPE line before it', () => {
    const r = graph(['#TYPE Microsoft.Graph.PowerShell.Models.MicrosoftGraphCompanySubscription', 'SkuId,NextLifecycleDateTime', 'x,2027-05-01T00:00:00Z']);
    expect(r.errors).toEqual([
      { row: 2, column: 'totalLicenses', code: 'missing-column', message: 'Row 2: this Microsoft Graph subscription export has no "totalLicenses" column.' },
    ]);
  });

  it('a part number alone names the product: no missing column', () => {
    const r = graph(['SkuPartNumber,TotalLicenses,NextLifecycleDateTime', 'ENTERPRISEPACK,10,2027-05-01T00:00:00Z'], { customer: { customerId: T1, companyName: 'Northwind' } });
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('a header with no data rows is an empty file', () => {
    const r = graph([HEADER, '', ',,,,', '']);
    expect(r).toStrictEqual({
      format: 'graph',
      assumedDateOrder: 'mdy',
      ambiguousDates: 0,
      needsCustomer: false,
      ok: false,
      customers: [],
      rows: 0,
      errors: [{ row: 0, code: 'empty-file', message: 'The file has a header but no data rows.' }],
      lines: [],
    });
  });
});

describe('parseGraphTable: a bad row says which row, which column and why', () => {
  it('a broken quote: the row, and the parser\'s reason', () => {
    const r = graph([HEADER, row(), `${T1},Northwind,,,,"ENTERPRISEPACK,10,Enabled,2027-05-01T00:00:00Z,False,,`]);
    expect(r.ok).toBe(false);
    expect(r.rows).toBe(2);
    expect(r.errors).toEqual([{ row: 3, code: 'parse', message: 'Row 3: Quoted field unterminated (MissingQuotes).' }]);
    expect(r.customers).toEqual([]);
  });

  it('an empty or unreadable customer tenant id', () => {
    const r = multi(row({ CustomerTenantId: '' }), row({ CustomerTenantId: 'nope' }));
    expect(r.errors).toStrictEqual([
      { row: 2, column: 'CustomerTenantId', code: 'missing-value', message: 'Row 2, column "CustomerTenantId": a value is required.' },
      { row: 3, column: 'CustomerTenantId', code: 'bad-guid', value: 'nope', message: 'Row 3, column "CustomerTenantId": "nope" is not a customer tenant ID (a GUID).' },
    ]);
    expect(r).toMatchObject({ ok: false, customers: [], lines: [], rows: 2, needsCustomer: false });
  });

  it('an unknown program', () => {
    expect(multi(row({ Program: 'gold' })).errors).toStrictEqual([
      {
        row: 2,
        column: 'Program',
        code: 'bad-program',
        value: 'gold',
        message: 'Row 2, column "Program": "gold" is not a known program (open, ea, direct, other-partner, other or unknown).',
      },
    ]);
  });

  it('empty and unreadable seats', () => {
    expect(multi(row({ TotalLicenses: '' }), row({ TotalLicenses: '-3' })).errors).toStrictEqual([
      { row: 2, column: 'TotalLicenses', code: 'missing-value', message: 'Row 2, column "TotalLicenses": a value is required.' },
      { row: 3, column: 'TotalLicenses', code: 'bad-seats', value: '-3', message: 'Row 3, column "TotalLicenses": "-3" is negative: seats must be 0 or more.' },
    ]);
  });

  it('no product at all', () => {
    expect(multi(row({ SkuId: '', SkuPartNumber: '' })).errors).toStrictEqual([
      { row: 2, column: 'SkuId', code: 'missing-value', message: 'Row 2: neither skuId nor skuPartNumber names the product.' },
    ]);
    // Without a SkuId column, the part number's column is named.
    const r = graph(['SkuPartNumber,TotalLicenses,NextLifecycleDateTime', ',10,2027-05-01T00:00:00Z'], { customer: { customerId: T1, companyName: 'N' } });
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'SkuPartNumber', 'missing-value']]);
  });

  it('an unreadable trial flag, status or date', () => {
    const r = multi(row({ IsTrial: 'maybe' }), row({ Status: 'Paused' }), row({ NextLifecycleDateTime: 'next week' }));
    expect(r.errors).toStrictEqual([
      { row: 2, column: 'IsTrial', code: 'parse', value: 'maybe', message: 'Row 2, column "IsTrial": "maybe" is neither True nor False.' },
      {
        row: 3,
        column: 'Status',
        code: 'parse',
        value: 'Paused',
        message: 'Row 3, column "Status": "Paused" is not a subscription status (Enabled, Warning, Suspended, Deleted or LockedOut).',
      },
      {
        row: 4,
        column: 'NextLifecycleDateTime',
        code: 'bad-date',
        value: 'next week',
        message: 'Row 4, column "NextLifecycleDateTime": "next week" is not a date and time (e.g. 2027-03-31T00:00:00Z or 3/31/2027 12:00:00 AM).',
      },
    ]);
  });

  it('names the column as the file spells it, without the spaces around it', () => {
    const r = graph(['SkuPartNumber, TotalLicenses ,NextLifecycleDateTime', 'ENTERPRISEPACK,ten,2027-05-01T00:00:00Z'], { customer: { customerId: T1, companyName: 'N' } });
    expect(r.errors).toStrictEqual([
      { row: 2, column: 'TotalLicenses', code: 'bad-seats', value: 'ten', message: 'Row 2, column "TotalLicenses": "ten" is not a number of seats.' },
    ]);
  });

  // A row in error is reported once: it is not compared with the rows around it as well.
  it.each<[string, Partial<Record<Col, string>>, string]>([
    ['trial flag', { IsTrial: 'maybe' }, 'IsTrial'],
    ['status', { Status: 'Paused' }, 'Status'],
    ['seats', { TotalLicenses: 'ten' }, 'TotalLicenses'],
    ['product', { SkuId: '', SkuPartNumber: '' }, 'SkuId'],
    ['date', { NextLifecycleDateTime: 'someday' }, 'NextLifecycleDateTime'],
  ])('a row with a bad %s gets that one error, and no follow-on one', (_label, bad, column) => {
    const r = multi(
      row({ CommerceSubscriptionId: 'S1' }),
      row({ ...bad, CustomerName: 'Someone Else', Program: 'ea', CommerceSubscriptionId: 'S1' }),
    );
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, column]]);
  });

  it('a skipped line is not checked: its unreadable seats are just not shown', () => {
    const r = multi(row(), row({ OwnerTenantId: T2, TotalLicenses: 'n/a' }), row({ Status: 'Deleted', IsTrial: 'maybe' }));
    expect(r.errors).toEqual([]);
    const csp = r.lines.find((l) => l.row === 3)!;
    expect(csp.skip).toBe('csp');
    expect(Object.keys(csp)).not.toContain('seats');
    expect(r.lines.find((l) => l.row === 4)!.skip).toBe('inactive');
  });
});

describe('parseGraphTable: cells', () => {
  it('reads padded cells, and a file without the optional columns', () => {
    const r = graph(['SkuPartNumber,TotalLicenses,NextLifecycleDateTime', ' ENTERPRISEPACK , 10 , 2027-05-01T00:00:00Z '], {
      customer: { customerId: T1, companyName: 'Northwind' },
    });
    expect(r.errors).toEqual([]);
    expect(r.customers).toStrictEqual([{ customerId: T1, companyName: 'Northwind', domain: '', originals: [ORIGINAL_E3], rows: [2] }]);
    // No Status column: nothing is shown for it.
    expect(Object.keys(r.lines[0]!)).not.toContain('status');
  });

  it('an empty status is imported like Enabled and shown as nothing', () => {
    const r = multi(row({ Status: '' }));
    expect(r.errors).toEqual([]);
    expect(r.customers[0]!.originals).toEqual([ORIGINAL_E3]);
    expect(Object.keys(r.lines[0]!)).not.toContain('status');
  });

  it('thousands separators are read in a comma-delimited file only', () => {
    const comma = multi(row({ TotalLicenses: '"1,000"' }));
    expect(comma.errors).toEqual([]);
    expect(comma.customers[0]!.originals[0]!.seats).toBe(1000);
    const semi = graph([COLS.join(';'), row().replaceAll(',', ';').replace(';10;', ';1,000;')]);
    expect(semi.errors).toStrictEqual([
      {
        row: 2,
        column: 'TotalLicenses',
        code: 'bad-seats',
        value: '1,000',
        message: 'Row 2, column "TotalLicenses": "1,000" is not a whole number: write seats without decimals or separators.',
      },
    ]);
  });

  it('counts the dates whose day and month the chosen order decided', () => {
    const one = multi(
      row({ NextLifecycleDateTime: '4/3/2027 12:00:00 AM', CommerceSubscriptionId: 'A' }),
      row({ NextLifecycleDateTime: '4/13/2027 12:00:00 AM', CommerceSubscriptionId: 'B' }),
      row({ NextLifecycleDateTime: '2027-05-01T00:00:00Z', CommerceSubscriptionId: 'C' }),
    );
    expect(one.errors).toEqual([]);
    expect(one.ambiguousDates).toBe(1);
    expect(one.customers[0]!.originals.map((o) => o.expiresOn)).toEqual(['2027-04-03', '2027-04-13', '2027-05-01']);
    expect(multi(row({ NextLifecycleDateTime: '4/13/2027 12:00:00 AM' })).ambiguousDates).toBe(0);
  });
});

describe('parseGraphTable: the product', () => {
  function calls(cells: Partial<Record<Col, string>>) {
    const asked: string[] = [];
    const r = graph([HEADER, row(cells)], {
      resolveProduct: (key) => {
        asked.push(key);
        return PRODUCTS[key.toLowerCase()];
      },
    });
    return { asked, r };
  }

  it('asks about the GUID first and about the part number only when the GUID is not known', () => {
    expect(calls({ SkuId: E3.skuId, SkuPartNumber: 'ENTERPRISEPACK' }).asked).toEqual([E3.skuId]);
    expect(calls({ SkuId: '00000000-1111-4222-8333-444444444444', SkuPartNumber: 'STANDARDPACK' }).asked).toEqual([
      '00000000-1111-4222-8333-444444444444',
      'STANDARDPACK',
    ]);
    expect(calls({ SkuId: '', SkuPartNumber: 'STANDARDPACK' }).asked).toEqual(['STANDARDPACK']);
    expect(calls({ SkuId: '00000000-1111-4222-8333-444444444444', SkuPartNumber: '' }).asked).toEqual(['00000000-1111-4222-8333-444444444444']);
  });

  it('a GUID found wins over the part number, and says so', () => {
    const { r } = calls({ SkuId: E1.skuId.toUpperCase(), SkuPartNumber: 'ENTERPRISEPACK' });
    expect(r.lines[0]).toMatchObject({ product: 'id', offer: 'Office 365 E1', skuId: E1.skuId });
  });

  it('an unknown product stands as written; its GUID, in lower case, when there is one', () => {
    const { r } = calls({ SkuId: 'C5928F49-12BA-48F7-ADA3-0D743A3601D5', SkuPartNumber: 'VISIOCLIENT' });
    expect(r.lines[0]).toMatchObject({ product: 'unknown', offer: 'VISIOCLIENT', skuId: 'c5928f49-12ba-48f7-ada3-0d743a3601d5' });
    expect(r.customers[0]!.originals).toStrictEqual([
      { offer: 'VISIOCLIENT', skuId: 'c5928f49-12ba-48f7-ada3-0d743a3601d5', seats: 10, expiresOn: '2027-05-01', endBy: 'expire' },
    ]);
    const noGuid = calls({ SkuId: '', SkuPartNumber: 'VISIOCLIENT' }).r;
    expect(noGuid.lines[0]).toMatchObject({ product: 'unknown', offer: 'VISIOCLIENT' });
    expect(Object.keys(noGuid.lines[0]!)).not.toContain('skuId');
    expect(noGuid.customers[0]!.originals).toStrictEqual([{ offer: 'VISIOCLIENT', seats: 10, expiresOn: '2027-05-01', endBy: 'expire' }]);
    // Only a GUID: it is the offer's name.
    expect(calls({ SkuId: '00000000-1111-4222-8333-444444444444', SkuPartNumber: '' }).r.lines[0]).toMatchObject({
      offer: '00000000-1111-4222-8333-444444444444',
      product: 'unknown',
    });
  });
});

describe('parseGraphTable: whose rows', () => {
  it('the customer named by the caller, with or without a domain', () => {
    const lines = ['SkuPartNumber,TotalLicenses,NextLifecycleDateTime', 'ENTERPRISEPACK,10,2027-05-01T00:00:00Z'];
    const withDomain = graph(lines, { customer: { customerId: T1, companyName: 'Northwind', domain: 'northwind.com' } });
    expect(withDomain).toMatchObject({ ok: true, needsCustomer: false, rows: 1, errors: [] });
    expect(withDomain.customers).toStrictEqual([{ customerId: T1, companyName: 'Northwind', domain: 'northwind.com', originals: [ORIGINAL_E3], rows: [2] }]);
    const without = graph(lines, { customer: { customerId: T1, companyName: 'Northwind' } });
    expect(without.customers).toStrictEqual([{ customerId: T1, companyName: 'Northwind', domain: '', originals: [ORIGINAL_E3], rows: [2] }]);
    expect(without.lines[0]!.customerId).toBe(T1);
  });

  it('per row: the tenant id, name, domain and program columns', () => {
    const r = multi(
      row({ CustomerDomain: 'northwind.com', Program: 'EA' }),
      row({ CustomerTenantId: T2.toUpperCase(), CustomerName: 'Fabrikam' }),
    );
    expect(r.errors).toEqual([]);
    expect(r.customers).toStrictEqual([
      { customerId: T1, companyName: 'Northwind', domain: 'northwind.com', program: 'ea', originals: [ORIGINAL_E3], rows: [2] },
      { customerId: T2, companyName: 'Fabrikam', domain: '', originals: [ORIGINAL_E3], rows: [3] },
    ]);
  });

  it('a Warning line of a customer whose file says EA: the end date is the day users lose access', () => {
    const r = multi(row({ Program: 'ea', Status: 'Warning' }));
    expect(r.customers[0]!.originals[0]!.expiresOn).toBe('2027-05-01');
    expect(r.lines[0]!.read).toMatchObject({ accessEnd: '2027-05-01', accessDays: 0 });
  });

  it('a later row fills in a name, domain or program the first row left empty', () => {
    const r = multi(
      row({ CustomerName: '', CommerceSubscriptionId: 'A' }),
      row({ CustomerName: 'Northwind', CustomerDomain: 'northwind.com', Program: 'open', CommerceSubscriptionId: 'B' }),
    );
    expect(r.errors).toEqual([]);
    expect(r.customers).toHaveLength(1);
    expect(r.customers[0]).toMatchObject({ companyName: 'Northwind', domain: 'northwind.com', program: 'open', rows: [2, 3] });
  });

  it('an empty cell on a later row keeps what an earlier row said', () => {
    const r = multi(
      row({ CustomerDomain: 'northwind.com', Program: 'open', CommerceSubscriptionId: 'A' }),
      row({ CustomerName: '', CommerceSubscriptionId: 'B' }),
    );
    expect(r.errors).toEqual([]);
    expect(r.customers[0]).toMatchObject({ companyName: 'Northwind', domain: 'northwind.com', program: 'open', rows: [2, 3] });
  });

  it('the first domain stays; the same program, spelled differently, is no conflict', () => {
    const r = multi(
      row({ CustomerDomain: 'northwind.com', Program: 'open', CommerceSubscriptionId: 'A' }),
      row({ CustomerDomain: 'northwind.onmicrosoft.com', Program: 'Open License', CommerceSubscriptionId: 'B' }),
    );
    expect(r.errors).toEqual([]);
    expect(r.customers[0]).toMatchObject({ domain: 'northwind.com', program: 'open' });
  });

  it('a different name or program for the same customer is an error on the later row', () => {
    const r = multi(row({ Program: 'ea', CommerceSubscriptionId: 'A' }), row({ CustomerName: 'Southwind', Program: 'direct', CommerceSubscriptionId: 'B' }));
    expect(r.errors).toStrictEqual([
      {
        row: 3,
        column: 'CustomerName',
        code: 'conflicting-customer',
        value: 'Southwind',
        message: `Row 3, column "CustomerName": "Southwind" differs from "Northwind" on row 2 for the same customer ${T1}.`,
      },
      {
        row: 3,
        column: 'Program',
        code: 'conflicting-customer',
        value: 'direct',
        message: `Row 3, column "Program": "direct" differs from "ea" for the same customer ${T1}.`,
      },
    ]);
    expect(r).toMatchObject({ ok: false, customers: [], lines: [] });
  });

  it('the same subscription twice for one customer is a duplicate; for two customers, or without an id, it is not', () => {
    const dup = multi(row({ CommerceSubscriptionId: 'S1' }), row({ CommerceSubscriptionId: 'S1', SkuPartNumber: 'STANDARDPACK' }));
    expect(dup.errors).toStrictEqual([{ row: 3, code: 'duplicate-row', message: `Row 3: subscription "S1" of customer ${T1} is already on row 2.` }]);
    expect(dup.customers).toEqual([]);

    const two = multi(row({ CommerceSubscriptionId: 'S1' }), row({ CustomerTenantId: T2, CommerceSubscriptionId: 'S1' }));
    expect(two.errors).toEqual([]);
    expect(two.customers.map((c) => c.originals.length)).toEqual([1, 1]);

    const noId = multi(row(), row({ SkuPartNumber: 'STANDARDPACK' }));
    expect(noId.errors).toEqual([]);
    expect(noId.customers[0]!.originals.map((o) => o.offer)).toEqual(['Office 365 E3', 'Office 365 E1']);
  });
});

describe('parseGraphTable: a file naming no customer', () => {
  const header = 'Program,SkuPartNumber,TotalLicenses,NextLifecycleDateTime';

  it('asks whose it is, showing its lines, even when its rows differ in program', () => {
    const r = graph([header, 'ea,ENTERPRISEPACK,10,2027-05-01T00:00:00Z', 'open,STANDARDPACK,5,2027-06-01T00:00:00Z']);
    expect(r).toMatchObject({ ok: false, needsCustomer: true, errors: [], customers: [], rows: 2 });
    expect(r.lines.map((l) => [l.row, l.customerId, l.offer, l.seats, l.expiresOn])).toEqual([
      [2, '', 'Office 365 E3', 10, '2027-05-01'],
      [3, '', 'Office 365 E1', 5, '2027-06-01'],
    ]);
  });

  it('with an error in it: the error, not the question', () => {
    const r = graph([header, 'ea,ENTERPRISEPACK,ten,2027-05-01T00:00:00Z']);
    expect(r).toMatchObject({ ok: false, needsCustomer: false, customers: [], lines: [] });
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'TotalLicenses', 'bad-seats']]);
  });
});
