/**
 * CSV reading and writing, loaded with import() only when the partner imports or exports CSV:
 * papaparse is most of its weight and the popup's first load does not need it.
 */
export { movesToCsv, parseOriginalsCsv } from '../core/csv';
export type { CsvError, CsvImportResult, DateOrder, ImportedCustomer } from '../core/csv';
