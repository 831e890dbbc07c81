/**
 * CSV reading and writing, loaded with import() only when the partner imports or exports CSV:
 * papaparse is most of its weight and the popup's first load does not need it.
 */
export { movesToCsv, parseOriginalsCsv } from '../core/csv';
export { readImportCsv } from '../core/import-csv';
export { accessDaysAfterEnd, resolveProduct } from '../core/import-adapters';
export type { CsvError, CsvImportResult, DateOrder, DateReading, ImportedCustomer, PreviewLine } from '../core/csv';
export type { ImportResult } from '../core/import-csv';
