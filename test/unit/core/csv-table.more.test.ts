// More behaviour of the shared CSV reader: the delimiter comes from the header line (not from a
// blank, padded or #TYPE line above it), and the header is found after a PowerShell #TYPE line
// however the lines around it are laid out.
import { describe, expect, it } from 'vitest';
import { isBlankRecord, readCsvTable, type CsvTable } from '../../../src/core/csv-table';

function read(text: string): CsvTable {
  const r = readCsvTable(text);
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.table;
}

const TYPE = 'Microsoft.Graph.PowerShell.Models.MicrosoftGraphCompanySubscription';
const GENERIC = 'Selected.System.Collections.Generic.KeyValuePair`2[[System.String, mscorlib],[System.Int32, mscorlib]]';

describe('readCsvTable: the delimiter is the header line\'s', () => {
  it.each([
    ['an empty first line', '\r\nSkuId;TotalLicenses;Status\r\nX;1;Enabled\r\n', 1],
    ['a line of spaces', '   \r\nSkuId;TotalLicenses;Status\r\nX;1;Enabled\r\n', 1],
    // Export-Csv -UseCulture (semicolons) of a generic type: the type's name has commas.
    ['a #TYPE line with commas', `#TYPE ${GENERIC}\r\nSkuId;TotalLicenses;Status\r\nX;1;Enabled\r\n`, 1],
    ['a #TYPE line', `#TYPE ${TYPE}\r\nSkuId;TotalLicenses;Status\r\nX;1;Enabled\r\n`, 1],
    ['a #TYPE line after a byte order mark', `\uFEFF#TYPE ${TYPE}\r\nSkuId;TotalLicenses;Status\r\nX;1;Enabled\r\n`, 1],
    ['a quoted #TYPE line', `"#TYPE ${TYPE}"\r\nSkuId;TotalLicenses;Status\r\nX;1;Enabled\r\n`, 1],
  ])('a semicolon file with %s above its header', (_label, text, headerIndex) => {
    const t = read(text);
    expect(t.delimiter).toBe(';');
    expect(t.headerIndex).toBe(headerIndex);
    expect(t.header).toEqual(['SkuId', 'TotalLicenses', 'Status']);
    expect(t.records[headerIndex + 1]).toEqual(['X', '1', 'Enabled']);
  });

  it('a semicolon file with a #TYPE line reports the type', () => {
    expect(read(`\uFEFF#TYPE ${TYPE}\r\nSkuId;TotalLicenses\r\nX;1\r\n`).psType).toBe(TYPE);
    expect(read(`"#TYPE ${TYPE}"\r\nSkuId;TotalLicenses\r\nX;1\r\n`).psType).toBe(TYPE);
    expect(read(`#TYPE ${GENERIC}\r\nSkuId;TotalLicenses\r\nX;1\r\n`).psType).toBe(GENERIC);
  });
});

describe('readCsvTable: the header after a #TYPE line', () => {
  it('an indented #TYPE line is still one', () => {
    const t = read(`  #TYPE ${TYPE}\r\nSkuId,TotalLicenses\r\nX,1\r\n`);
    expect(t.psType).toBe(TYPE);
    expect(t.headerIndex).toBe(1);
    expect(t.header).toEqual(['SkuId', 'TotalLicenses']);
  });

  it('blank lines before and after the #TYPE line: the header is the next line with content', () => {
    const before = read(`\r\n#TYPE ${TYPE}\r\nSkuId,TotalLicenses\r\nX,1\r\n`);
    expect([before.headerIndex, before.header, before.psType]).toEqual([2, ['SkuId', 'TotalLicenses'], TYPE]);
    const after = read(`#TYPE ${TYPE}\r\n\r\n,,\r\nSkuId,TotalLicenses\r\nX,1\r\n`);
    expect([after.headerIndex, after.header, after.psType]).toEqual([3, ['SkuId', 'TotalLicenses'], TYPE]);
    const both = read(`\r\n#TYPE ${TYPE}\r\n\r\nSkuId,TotalLicenses\r\nX,1\r\n`);
    expect([both.headerIndex, both.header]).toEqual([3, ['SkuId', 'TotalLicenses']]);
  });

  it('a file with nothing but a #TYPE line is empty', () => {
    for (const text of [`#TYPE ${TYPE}\r\n`, `#TYPE ${TYPE}`, `#TYPE ${TYPE},,,\r\n,,,\r\n`]) {
      expect(readCsvTable(text)).toEqual({ ok: false, code: 'empty-file', message: 'The file is empty.' });
    }
  });

  it('no #TYPE line: no type reported', () => {
    const t = read('SkuId,TotalLicenses\r\nX,1\r\n');
    expect(t.headerIndex).toBe(0);
    expect(Object.keys(t)).not.toContain('psType');
  });
});

describe('a padding line of the other delimiter above the header', () => {
  it('commas above a semicolon header, and semicolons above a comma header, are blank lines', () => {
    for (const [text, delimiter] of [
      [',,,\r\nCustomer;Domain\r\nContoso;contoso.com\r\n', ';'],
      [';;;\r\nCustomer,Domain\r\nContoso,contoso.com\r\n', ','],
    ] as const) {
      const r = readCsvTable(text);
      expect(r).toMatchObject({ ok: true, table: { delimiter } });
      if (r.ok) expect(r.table.header).toEqual(['Customer', 'Domain']);
    }
  });

  it('a data line of the other delimiter only is blank too', () => {
    expect(isBlankRecord([',,,'])).toBe(true);
    expect(isBlankRecord([' ; ', ''])).toBe(true);
    expect(isBlankRecord([',x,'])).toBe(false);
  });
});
