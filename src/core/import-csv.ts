/**
 * One entry for every CSV a partner may import: the shape is recognised from the header, then read
 * by its own module. Three shapes are accepted:
 * - `originals`: the partner's own sheet (and this extension's export), see csv.ts;
 * - `graph`: a Microsoft Graph `directory/subscriptions` export, see graph-csv.ts;
 * - `pc-customers`: Partner Center's "Export customers", see pc-customers-csv.ts.
 * Whatever the shape, the result is all or nothing: `customers` is empty unless `ok`.
 */
import { readCsvTable } from './csv-table';
import { fileError, parseOriginalsTable, type CsvImportResult, type DateOrder, type PreviewLine } from './csv';
import { isGraphHeader, parseGraphTable, type GraphImportOptions } from './graph-csv';
import { isPartnerCenterCustomersHeader, parsePartnerCenterCustomers } from './pc-customers-csv';

export type ImportFormat = 'originals' | 'graph' | 'pc-customers';

export interface ImportResult extends CsvImportResult {
  format: ImportFormat;
  /** A Graph export naming no customer: the preview asks whose it is. */
  needsCustomer: boolean;
  /** Partner Center's customer list: only new moves are created; tracked customers stay untouched. */
  createOnly: boolean;
  lines: PreviewLine[];
  /** The .NET type of a Windows PowerShell export's `#TYPE` line. */
  psType?: string;
}

export type ImportOptions = Omit<GraphImportOptions, 'dateOrder'> & { dateOrder: DateOrder };

export function detectImportFormat(header: readonly string[]): ImportFormat {
  if (isGraphHeader(header)) return 'graph';
  if (isPartnerCenterCustomersHeader(header)) return 'pc-customers';
  return 'originals';
}

export function readImportCsv(text: string, options: ImportOptions): ImportResult {
  const read = readCsvTable(text);
  if (!read.ok) {
    return { ...fileError(read.code, read.message, options.dateOrder), format: 'originals', needsCustomer: false, createOnly: false, lines: [] };
  }
  const { table } = read;
  const psType = table.psType === undefined ? {} : { psType: table.psType };
  const format = detectImportFormat(table.header);
  if (format === 'graph') return { ...parseGraphTable(table, options), createOnly: false, ...psType };
  if (format === 'pc-customers') return { ...parsePartnerCenterCustomers(table), needsCustomer: false, createOnly: true, ...psType };
  const r = parseOriginalsTable(table, { dateOrder: options.dateOrder });
  return { ...r, format, needsCustomer: false, createOnly: false, lines: r.lines ?? [], ...psType };
}
