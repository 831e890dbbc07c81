/**
 * Partner Center's "Export customers" file (the customers list): company name, primary domain,
 * Microsoft ID (the tenant id) and relationship, with the portal's own headers in English or zh-TW.
 * Each customer becomes a `planned` move without originals; customers already tracked are left
 * untouched (the import only creates), and the preview names them.
 */
import { headerKey, isBlankRecord, type CsvTable } from './csv-table';
import { ErrorList, parseGuid, quote, type CsvImportResult, type ImportedCustomer, type PreviewLine } from './csv';

/** Header names (as `headerKey` writes them) of each column, English and zh-TW. */
const COLUMNS = {
  id: ['microsoftid', 'tenantid', 'customerid', 'customertenantid', 'microsoft識別碼', '租用戶識別碼', '客戶識別碼'],
  name: ['companyname', 'customername', 'name', '公司名稱', '客戶名稱', '名稱'],
  domain: ['primarydomainname', 'primarydomain', 'domainname', 'domain', '主要網域名稱', '主要網域', '網域名稱', '網域'],
  relationship: ['relationship', 'relationships', '關係', '關聯性'],
} as const;
type PcColumn = keyof typeof COLUMNS;

/** Originals-sheet columns: a file with any of them is not a customer list. */
const ORIGINAL_KEYS = new Set(['offer', 'offername', 'product', 'seats', 'quantity', 'licenses', 'expireson', 'expiry', 'expirydate', 'expirationdate', 'enddate']);

function columnsOf(header: readonly string[]): Map<PcColumn, number> {
  const found = new Map<PcColumn, number>();
  header.forEach((raw, i) => {
    const key = headerKey(raw);
    for (const [column, names] of Object.entries(COLUMNS) as Array<[PcColumn, readonly string[]]>) {
      if ((names as readonly string[]).includes(key) && !found.has(column)) found.set(column, i);
    }
  });
  return found;
}

/** A customer list: a tenant id and a company name, and nothing that describes an original. */
export function isPartnerCenterCustomersHeader(header: readonly string[]): boolean {
  const found = columnsOf(header);
  return found.has('id') && found.has('name') && !header.some((h) => ORIGINAL_KEYS.has(headerKey(h)));
}

export interface PcCustomersResult extends CsvImportResult {
  format: 'pc-customers';
  lines: PreviewLine[];
}

export function parsePartnerCenterCustomers(table: CsvTable): PcCustomersResult {
  const { records, headerIndex, header, parseErrors } = table;
  const columns = columnsOf(header);
  const errors = new ErrorList();
  const customers = new Map<string, ImportedCustomer>();
  let dataRows = 0;
  const labelOf = (c: PcColumn): string => (header[columns.get(c) ?? -1] ?? c).trim();
  for (let i = headerIndex + 1; i < records.length && !errors.full; i++) {
    const record = records[i] as string[];
    const row = i + 1;
    if (isBlankRecord(record) && !parseErrors.has(i)) continue;
    dataRows++;
    const pe = parseErrors.get(i) ?? [];
    if (pe.length > 0) {
      for (const e of pe) errors.add({ row, code: 'parse', message: `Row ${row}: ${e.message} (${e.code}).` });
      continue;
    }
    const cell = (c: PcColumn): string => {
      const at = columns.get(c);
      return at === undefined ? '' : (record[at] ?? '').trim();
    };
    const rawId = cell('id');
    const id = rawId === '' ? null : parseGuid(rawId);
    const name = cell('name');
    if (rawId === '') errors.add({ row, column: labelOf('id'), code: 'missing-value', message: `Row ${row}, column "${labelOf('id')}": a value is required.` });
    else if (id === null) {
      errors.add({ row, column: labelOf('id'), code: 'bad-guid', value: rawId, message: `Row ${row}, column "${labelOf('id')}": ${quote(rawId)} is not a Microsoft ID (a GUID such as 2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87).` });
    }
    if (name === '') errors.add({ row, column: labelOf('name'), code: 'missing-value', message: `Row ${row}, column "${labelOf('name')}": a value is required.` });
    if (id === null || name === '') continue;
    const seen = customers.get(id);
    if (seen) {
      errors.add({ row, code: 'duplicate-row', message: `Row ${row}: customer ${id} is already on row ${seen.rows[0]}.` });
      continue;
    }
    const relationship = cell('relationship');
    customers.set(id, { customerId: id, companyName: name, domain: cell('domain'), originals: [], rows: [row], ...(relationship === '' ? {} : { relationship }) });
  }
  const base = { format: 'pc-customers' as const, assumedDateOrder: 'dmy' as const, ambiguousDates: 0 };
  if (dataRows === 0) {
    return { ...base, ok: false, customers: [], rows: 0, errors: [{ row: 0, code: 'empty-file', message: 'The file has a header but no data rows.' }], lines: [] };
  }
  const ok = errors.list.length === 0;
  return { ...base, ok, customers: ok ? [...customers.values()] : [], rows: dataRows, errors: errors.list, lines: [] };
}
