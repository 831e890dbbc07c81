/**
 * CSV import of original subscriptions (the partner's spreadsheet) and CSV export of moves.
 *
 * Columns, in this order on export (one row per original subscription; rows with the same
 * `customer_id` build one customer):
 *
 *     customer_id, company_name, domain, program, offer, sku_id, seats, expires_on
 *
 * ## Import rules (`parseOriginalsCsv`)
 * - Text as Excel writes it: UTF-8 with or without BOM, comma or semicolon delimiter (detected from
 *   the header line: the one that occurs more often outside quotes, comma on a tie), RFC 4180
 *   quoting (embedded delimiters, `""` quotes and newlines), CRLF or LF, blank lines anywhere
 *   (a line of only delimiters is blank too). Larger than {@link MAX_CSV_BYTES} (UTF-8) is refused
 *   before parsing; NUL bytes or U+FFFD (invalid UTF-8 after decoding) mean "not text".
 * - Header: the first non-blank line. Names in any order and case, surrounding spaces ignored,
 *   inner spaces/hyphens read as `_` ("Customer ID" = `customer_id`). Aliases: see
 *   {@link CSV_COLUMN_ALIASES}. Unknown columns are ignored silently; two headers naming the same
 *   column are an error (`duplicate-column`). Required columns: `customer_id`, `company_name`,
 *   `offer`, `seats`, `expires_on`; `domain`, `program` and `sku_id` may be absent.
 * - Every cell is trimmed, then ONE leading `'` is removed (the formula-injection guard written by
 *   {@link movesToCsv}), so an export imports back exactly.
 * - `customer_id`: a GUID, any case, optionally in braces `{...}`; normalised to lower case.
 * - `company_name`: required on every row. `domain` may be empty. Two rows of one customer must
 *   agree on company_name (exactly), domain (ignoring case) and program; an empty domain or program
 *   on a row does not conflict, the customer takes the value some row gives.
 * - `program`: see {@link parseProgram}; empty → `undefined` (the caller applies its default).
 * - `seats`: a non-negative whole number. Plain digits (leading zeros allowed); in a
 *   comma-delimited file also thousands grouped with commas as Excel displays them ("1,000").
 *   Not accepted: negatives, decimals ("12.0", "1,5"), other separators ("1.000", "1 000").
 * - `expires_on`: see {@link parseCsvDate}. Ambiguous day/month dates use `options.dateOrder`,
 *   **default `'dmy'`** (day first, as in en-GB/most of the world), reported as `assumedDateOrder`.
 * - Customer-only rows: a row whose `offer`, `sku_id`, `seats` and `expires_on` are ALL empty
 *   declares the customer without an original (this is what {@link movesToCsv} writes for a move
 *   with no originals); the customer is imported with zero originals unless other rows add some.
 *   When only some of these cells are empty, the empty required ones are `missing-value`.
 * - `duplicate-row`: the same customer, offer, sku_id and expires_on on two rows (seats ignored).
 * - All or nothing: `ok` is true only without any error, and `customers` is empty when `ok` is false.
 *   A broken header (missing/duplicate column, malformed quote) stops before the data rows; after
 *   {@link MAX_CSV_ERRORS} errors one `too-many-errors` error ends the list and reading stops.
 *   There is no `unknown-column` code: extra columns are simply ignored.
 *
 * ## Row numbers
 * `CsvError.row` is the spreadsheet's row number: the header's record is row 1 when it is the first
 * line, and every record (blank ones included) counts one, even when a quoted cell spans several
 * lines. `row: 0` means the file as a whole (`empty-file`, `not-text`, `too-large`).
 */
import Papa from 'papaparse';
import { MAX_CSV_BYTES, isBlankRecord, readCsvTable, type CsvTable } from './csv-table';
import type { IsoDate, Move, Program, Step } from './model';
import { STEPS, toCustomerId } from './model';
import { moveOfferMatch } from './offers';
import { isoDateFromParts } from './dates';

/** The documented columns, in export order. */
export const CSV_COLUMNS = [
  'customer_id',
  'company_name',
  'domain',
  'program',
  'offer',
  'sku_id',
  'seats',
  'expires_on',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** The progress columns the export adds and the import reads back (the others are reports). */
const PROGRESS_COLUMNS = ['path', 'step', ...STEPS.map((s) => `${s.replaceAll('-', '_')}_on`)] as const;

/** The export's columns, in order: the customer, its progress, the original, then reports. */
export const EXPORT_COLUMNS = [
  'customer_id',
  'company_name',
  'domain',
  'program',
  ...PROGRESS_COLUMNS,
  'next_action',
  'due_on',
  'offer',
  'sku_id',
  'seats',
  'expires_on',
  'provisioned',
  'match',
  'notes',
] as const;

/** Other header names accepted on import (after normalisation: lower case, spaces/hyphens → `_`). */
export const CSV_COLUMN_ALIASES: Readonly<Record<string, CsvColumn>> = {
  tenant_id: 'customer_id',
  microsoft_id: 'customer_id',
  customer_tenant_id: 'customer_id',
  company: 'company_name',
  customer_name: 'company_name',
  primary_domain: 'domain',
  default_domain: 'domain',
  source_program: 'program',
  offer_name: 'offer',
  product: 'offer',
  sku: 'sku_id',
  product_id: 'sku_id',
  quantity: 'seats',
  licenses: 'seats',
  expiry: 'expires_on',
  expiry_date: 'expires_on',
  expiration_date: 'expires_on',
  end_date: 'expires_on',
};

const REQUIRED_COLUMNS: readonly CsvColumn[] = ['customer_id', 'company_name', 'offer', 'seats', 'expires_on'];

export { MAX_CSV_BYTES };
/** At most this many errors are listed; one `too-many-errors` error follows them. */
export const MAX_CSV_ERRORS = 1000;

export type DateOrder = 'dmy' | 'mdy';

export type CsvErrorCode =
  | 'empty-file'
  | 'not-text'
  | 'too-large'
  | 'missing-column'
  | 'duplicate-column'
  | 'bad-guid'
  | 'missing-value'
  | 'bad-date'
  | 'ambiguous-year'
  | 'bad-seats'
  | 'bad-program'
  | 'conflicting-customer'
  | 'duplicate-row'
  | 'too-many-errors'
  | 'bad-step'
  | 'parse';

export interface CsvError {
  /** Spreadsheet row number (header = row 1 when it is the first line); 0 = the whole file. */
  row: number;
  /** The column's documented name (for a Graph or Partner Center export: the shape's own name). */
  column?: string;
  code: CsvErrorCode;
  /** English, specific: row, column (as the file names it), why, the bad value quoted (≤ 40 characters). */
  message: string;
  /** The offending cell (trimmed). */
  value?: string;
}

export interface ImportedOriginal {
  offer: string;
  skuId?: string;
  seats: number;
  expiresOn: IsoDate;
  endBy: 'expire';
}

/** How a date cell was read, for the preview. */
export interface DateReading {
  /** The cell as written. */
  raw: string;
  order: ReadOrder;
  /** Both parts ≤ 12 and different: the date order chosen decided. */
  ambiguous: boolean;
  /** A Graph timestamp: the UTC instant (ISO), and the time zone whose calendar day was taken. */
  instant?: string;
  timeZone?: string;
  /**
   * A Graph `Warning` line: the day read is when users lose access (`accessEnd`); the end date is
   * `accessDays` before it (null: the program's rule is unknown, so the end date is taken as that day).
   */
  accessEnd?: IsoDate;
  accessDays?: number | null;
}

/** Why an exported line is not imported: already CSP, a trial, suspended/deleted/locked out, no date. */
export type LineSkip = 'csp' | 'trial' | 'inactive' | 'no-date';

/** One line of the file as the preview shows it: an original imported, or a line skipped and why. */
export interface PreviewLine {
  row: number;
  /** The customer the line belongs to ('' while a Graph export waits to be told whose it is). */
  customerId: string;
  offer: string;
  skuId?: string;
  /** Undefined when a skipped line's seats cannot be read. */
  seats?: number;
  expiresOn?: IsoDate;
  read?: DateReading;
  /** How the offer was named: from the SKU's GUID, its string id (skuPartNumber), or not found (as written). */
  product?: 'id' | 'part-number' | 'unknown';
  skip?: LineSkip;
  /** The Graph status as written (Enabled, Warning, Suspended…). */
  status?: string;
}

export interface ImportedCustomer {
  customerId: string;
  companyName: string;
  domain: string;
  program?: Program;
  originals: ImportedOriginal[];
  /** Spreadsheet rows this customer came from, ascending. */
  rows: number[];
  /** Partner Center's customer export: the relationship column as written. */
  relationship?: string;
  /** From this extension's export (`path`, `step`, `<step>_on` columns): where the move stands. */
  path?: string;
  step?: Step;
  stepDates?: Partial<Record<Step, IsoDate>>;
}

export interface CsvImportResult {
  ok: boolean;
  assumedDateOrder: DateOrder;
  /** How many dates were read using `assumedDateOrder` (both parts ≤ 12 and different). */
  ambiguousDates: number;
  /** In order of first appearance; empty when `ok` is false. */
  customers: ImportedCustomer[];
  /** Non-blank data rows (header excluded). */
  rows: number;
  errors: CsvError[];
  /** For the preview: every original read and every line skipped, in file order (empty when `ok` is false). */
  lines?: PreviewLine[];
}

export interface CsvImportOptions {
  /** How to read an ambiguous `a/b/yyyy` or `a-b-yyyy` date. Default `'dmy'`. */
  dateOrder?: DateOrder;
}

// ---------------------------------------------------------------------------------------------
// Cell parsers
// ---------------------------------------------------------------------------------------------

/** How a date's parts were read: year first, or day/month first. */
export type ReadOrder = 'ymd' | DateOrder;

export type DateParse =
  | { ok: true; date: IsoDate; ambiguous: boolean; order: ReadOrder }
  | { ok: false; code: 'bad-date' | 'ambiguous-year'; reason: string };

const Y_FIRST_RE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const Y_LAST_RE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
const SHORT_YEAR_RE = /^\d{1,2}([-/.])\d{1,2}\1\d{1,2}$/;

/**
 * Reads an expiry date. Accepted:
 * - year first: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` (month and day may have one digit);
 * - year last with dots, always day first: `DD.MM.YYYY`;
 * - year last with `/` or `-`: `DD/MM/YYYY`, `D-M-YYYY` ... When the first part is > 12 it is the
 *   day; when the second is > 12 it is the day (`02/13/2027` = 13 February); when both are ≤ 12 and
 *   differ, `order` decides and the result says `ambiguous: true`.
 * Rejected: two-digit years (`ambiguous-year`), impossible days such as 31/02/2027, anything else
 * (`bad-date`).
 */
export function parseCsvDate(value: string, order: DateOrder = 'dmy'): DateParse {
  const v = value.trim();
  let year: number;
  let month: number;
  let day: number;
  let ambiguous = false;
  let readOrder: ReadOrder = 'ymd';
  const yFirst = Y_FIRST_RE.exec(v);
  const yLast = Y_LAST_RE.exec(v);
  if (yFirst) {
    year = Number(yFirst[1]);
    month = Number(yFirst[3]);
    day = Number(yFirst[4]);
  } else if (yLast) {
    const a = Number(yLast[1]);
    const b = Number(yLast[3]);
    year = Number(yLast[4]);
    let monthFirst: boolean;
    if (yLast[2] === '.' || a > 12) monthFirst = false;
    else if (b > 12) monthFirst = true;
    else {
      monthFirst = order === 'mdy';
      ambiguous = a !== b;
    }
    [month, day] = monthFirst ? [a, b] : [b, a];
    readOrder = monthFirst ? 'mdy' : 'dmy';
  } else if (SHORT_YEAR_RE.test(v)) {
    return { ok: false, code: 'ambiguous-year', reason: 'has a two-digit year; write the year in full (e.g. 2027)' };
  } else {
    return {
      ok: false,
      code: 'bad-date',
      reason: 'is not a date in a supported format (YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, DD.MM.YYYY or D-M-YYYY)',
    };
  }
  const date = isoDateFromParts(year, month, day);
  if (date === null) return { ok: false, code: 'bad-date', reason: 'is not a real calendar day' };
  return { ok: true, date, ambiguous, order: readOrder };
}

const PROGRAM_WORDS: Readonly<Record<string, Program>> = {
  open: 'open',
  openlicense: 'open',
  openvalue: 'open',
  大量授權: 'open',
  大量授權open: 'open',
  open大量授權: 'open',
  ea: 'ea',
  enterpriseagreement: 'ea',
  企業合約: 'ea',
  大型企業合約: 'ea',
  direct: 'direct',
  online: 'direct',
  mosp: 'direct',
  直接: 'direct',
  直接購買: 'direct',
  線上: 'direct',
  線上購買: 'direct',
  otherpartner: 'other-partner',
  partner: 'other-partner',
  csppartner: 'other-partner',
  其他合作夥伴: 'other-partner',
  合作夥伴: 'other-partner',
  other: 'other',
  其他: 'other',
  unknown: 'unknown',
  notknown: 'unknown',
  未知: 'unknown',
  不明: 'unknown',
};

/**
 * Reads a program name, ignoring case, spaces, `_` and `-`:
 * - `open`: open, open license, open value, 大量授權, 大量授權 Open
 * - `ea`: ea, enterprise agreement, 企業合約, 大型企業合約
 * - `direct`: direct, online, mosp, 直接, 直接購買, 線上, 線上購買
 * - `other-partner`: other-partner, partner, csp partner, 其他合作夥伴, 合作夥伴
 * - `other`: other, 其他
 * - `unknown`: unknown, not known, 未知, 不明 (the export writes `unknown` for a program never chosen)
 * Returns `undefined` for an empty value and `null` for an unknown one.
 */
export function parseProgram(value: string): Program | undefined | null {
  const key = value.toLowerCase().replace(/[\s_-]/g, '');
  if (key === '') return undefined;
  return Object.hasOwn(PROGRAM_WORDS, key) ? (PROGRAM_WORDS[key] as Program) : null;
}

const PLAIN_SEATS_RE = /^\d+$/;
const GROUPED_SEATS_RE = /^\d{1,3}(,\d{3})+$/;

export type SeatsParse = { ok: true; seats: number } | { ok: false; reason: string };

export function parseSeats(value: string, commaGrouping: boolean): SeatsParse {
  if (PLAIN_SEATS_RE.test(value) || (commaGrouping && GROUPED_SEATS_RE.test(value))) {
    const seats = Number(value.replaceAll(',', ''));
    if (Number.isSafeInteger(seats)) return { ok: true, seats };
    return { ok: false, reason: 'is too large a number of seats' };
  }
  if (value.startsWith('-')) return { ok: false, reason: 'is negative: seats must be 0 or more' };
  if (/^\d*[.,]\d+$/.test(value)) return { ok: false, reason: 'is not a whole number: write seats without decimals or separators' };
  return { ok: false, reason: 'is not a number of seats' };
}

export function parseGuid(value: string): string | null {
  const inner = /^\{(.*)\}$/.exec(value);
  return toCustomerId(inner ? (inner[1] as string) : value);
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** Quotes a value for a message, at most 40 characters (code points) followed by `…`. */
export function quote(value: string): string {
  const chars = Array.from(value);
  return JSON.stringify(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value);
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

function normaliseHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function cleanCell(cell: string | undefined): string {
  const v = (cell ?? '').trim();
  return v.startsWith("'") ? v.slice(1) : v;
}

interface CustomerState {
  customer: ImportedCustomer;
  firstRow: number;
  /** The row that gave the customer's domain / program (meaningful once they are set). */
  domainRow: number;
  programRow: number;
  originalRows: Map<string, number>;
}

export class ErrorList {
  readonly list: CsvError[] = [];
  full = false;

  add(error: CsvError): void {
    if (this.full) return;
    if (this.list.length === MAX_CSV_ERRORS) {
      this.full = true;
      this.list.push({
        row: error.row,
        code: 'too-many-errors',
        message: `More than ${MAX_CSV_ERRORS} errors: stopped at row ${error.row}. Fix the errors listed and import again.`,
      });
      return;
    }
    this.list.push(error);
  }
}

export function fileError(code: CsvErrorCode, message: string, assumedDateOrder: DateOrder): CsvImportResult {
  return { ok: false, assumedDateOrder, ambiguousDates: 0, customers: [], rows: 0, errors: [{ row: 0, code, message }] };
}

/**
 * Reads original subscriptions from the partner's spreadsheet (see the module comment for every
 * rule). Ambiguous day/month dates are read with `options.dateOrder`, default `'dmy'` (day first).
 */
export function parseOriginalsCsv(text: string, options: CsvImportOptions = {}): CsvImportResult {
  const read = readCsvTable(text);
  if (!read.ok) return fileError(read.code, read.message, options.dateOrder ?? 'dmy');
  return parseOriginalsTable(read.table, options);
}

/** {@link parseOriginalsCsv} on a file already split into records. */
export function parseOriginalsTable(table: CsvTable, options: CsvImportOptions = {}): CsvImportResult {
  const assumedDateOrder: DateOrder = options.dateOrder ?? 'dmy';
  const { records, headerIndex, header, delimiter, parseErrors } = table;
  const errors = new ErrorList();
  const headerRow = headerIndex + 1;

  const addParseErrors = (index: number): boolean => {
    const list = parseErrors.get(index) ?? [];
    for (const e of list) errors.add({ row: index + 1, code: 'parse', message: `Row ${index + 1}: ${e.message} (${e.code}).` });
    return list.length > 0;
  };
  addParseErrors(headerIndex);

  // Map columns.
  const columnIndex = new Map<CsvColumn, number>();
  const columnLabel = new Map<CsvColumn, string>();
  header.forEach((raw, index) => {
    const name = normaliseHeader(raw);
    const column: CsvColumn | undefined = (CSV_COLUMNS as readonly string[]).includes(name)
      ? (name as CsvColumn)
      : Object.hasOwn(CSV_COLUMN_ALIASES, name)
        ? CSV_COLUMN_ALIASES[name]
        : undefined;
    if (column === undefined) return;
    if (columnIndex.has(column)) {
      errors.add({
        row: headerRow,
        column,
        code: 'duplicate-column',
        message: `Row ${headerRow}: columns "${columnLabel.get(column)}" and "${raw.trim()}" both give ${column}; keep only one.`,
        value: raw.trim(),
      });
      return;
    }
    columnIndex.set(column, index);
    columnLabel.set(column, raw.trim());
  });
  // The export's progress columns (path, step, each step's date): read back so a move round-trips.
  const progressIndex = new Map<string, number>();
  header.forEach((raw, index) => {
    const name = normaliseHeader(raw);
    if ((PROGRESS_COLUMNS as readonly string[]).includes(name) && !progressIndex.has(name)) progressIndex.set(name, index);
  });
  // Only the step columns the file has: a sheet without them pays nothing per row.
  const stepDateColumns = STEPS.map((st) => [st, `${st.replaceAll('-', '_')}_on`] as const).filter(([, name]) => progressIndex.has(name));
  for (const column of REQUIRED_COLUMNS) {
    if (!columnIndex.has(column)) {
      errors.add({
        row: headerRow,
        column,
        code: 'missing-column',
        message: `Row ${headerRow}: the header has no "${column}" column.`,
      });
    }
  }
  if (errors.list.length > 0) {
    return { ok: false, assumedDateOrder, ambiguousDates: 0, customers: [], rows: 0, errors: errors.list };
  }

  const commaGrouping = delimiter === ',';
  const customers = new Map<string, CustomerState>();
  let dataRows = 0;
  let ambiguousDates = 0;
  const lines: PreviewLine[] = [];

  for (let index = headerIndex + 1; index < records.length && !errors.full; index++) {
    const record = records[index] as string[];
    const row = index + 1;
    if (isBlankRecord(record) && !parseErrors.has(index)) continue;
    dataRows++;
    if (addParseErrors(index)) continue;
    if (record.slice(header.length).some((cell) => cell.trim() !== '')) {
      errors.add({
        row,
        code: 'parse',
        message: `Row ${row} has ${record.length} values but the header has ${header.length} columns: does a value containing "${delimiter}" need quotes?`,
      });
      continue;
    }

    const cell = (column: CsvColumn): string => {
      const i = columnIndex.get(column);
      return i === undefined ? '' : cleanCell(record[i]);
    };
    const label = (column: CsvColumn): string => columnLabel.get(column) as string;
    const fail = (column: CsvColumn, code: CsvErrorCode, value: string, reason: string): void => {
      errors.add({ row, column, code, message: `Row ${row}, column "${label(column)}": ${quote(value)} ${reason}.`, value });
    };
    const missing = (column: CsvColumn): void => {
      errors.add({ row, column, code: 'missing-value', message: `Row ${row}, column "${label(column)}": a value is required.` });
    };

    // Customer fields.
    const rawId = cell('customer_id');
    const customerId = rawId === '' ? null : parseGuid(rawId);
    if (rawId === '') missing('customer_id');
    else if (customerId === null) fail('customer_id', 'bad-guid', rawId, 'is not a Microsoft customer ID (a GUID such as 2f5a7c1e-0b4d-4e8a-9c3f-6d2b1a0e9f87)');
    const companyName = cell('company_name');
    if (companyName === '') missing('company_name');
    const domain = cell('domain');
    const rawProgram = cell('program');
    const program = parseProgram(rawProgram);
    if (program === null) fail('program', 'bad-program', rawProgram, 'is not a known program (open, ea, direct, other-partner, other or unknown)');

    // Original fields.
    const offer = cell('offer');
    const skuId = cell('sku_id');
    const rawSeats = cell('seats');
    const rawExpiry = cell('expires_on');
    const customerOnly = offer === '' && skuId === '' && rawSeats === '' && rawExpiry === '';
    let original: ImportedOriginal | null = null;
    let line: PreviewLine | null = null;
    if (!customerOnly) {
      if (offer === '') missing('offer');
      let seats: number | null = null;
      if (rawSeats === '') missing('seats');
      else {
        const s = parseSeats(rawSeats, commaGrouping);
        if (s.ok) seats = s.seats;
        else fail('seats', 'bad-seats', rawSeats, s.reason);
      }
      let expiresOn: IsoDate | null = null;
      let read: DateReading | undefined;
      if (rawExpiry === '') missing('expires_on');
      else {
        const d = parseCsvDate(rawExpiry, assumedDateOrder);
        if (d.ok) {
          expiresOn = d.date;
          read = { raw: rawExpiry, order: d.order, ambiguous: d.ambiguous };
          if (d.ambiguous) ambiguousDates++;
        } else fail('expires_on', d.code, rawExpiry, d.reason);
      }
      if (offer !== '' && seats !== null && expiresOn !== null) {
        original = { offer, ...(skuId === '' ? {} : { skuId }), seats, expiresOn, endBy: 'expire' };
        line = { row, customerId: customerId ?? '', offer, ...(skuId === '' ? {} : { skuId }), seats, expiresOn, ...(read ? { read } : {}) };
      }
    }

    const progressCell = (name: string): string => {
      const i = progressIndex.get(name);
      return i === undefined ? '' : cleanCell(record[i]);
    };
    const progressFail = (name: string, code: CsvErrorCode, value: string, reason: string): void => {
      const label = (header[progressIndex.get(name) as number] ?? name).trim();
      errors.add({ row, column: name, code, message: `Row ${row}, column "${label}": ${quote(value)} ${reason}.`, value });
    };
    const rawStep = progressCell('step');
    const step = rawStep === '' ? undefined : (STEPS as readonly string[]).includes(rawStep.toLowerCase()) ? (rawStep.toLowerCase() as Step) : null;
    if (step === null) progressFail('step', 'bad-step', rawStep, `is not a step (${STEPS.join(', ')})`);
    const stepDates: Partial<Record<Step, IsoDate>> = {};
    let badStepDate = false;
    for (const [s, name] of stepDateColumns) {
      const raw = progressCell(name);
      if (raw === '') continue;
      const d = parseCsvDate(raw, assumedDateOrder);
      if (d.ok) stepDates[s] = d.date;
      else {
        progressFail(name, d.code, raw, d.reason);
        badStepDate = true;
      }
    }
    const path = progressCell('path');

    if (customerId === null || companyName === '' || program === null || step === null || badStepDate) continue;

    let state = customers.get(customerId);
    if (state === undefined) {
      const progress = {
        ...(path === '' ? {} : { path }),
        ...(step === undefined ? {} : { step }),
        ...(Object.keys(stepDates).length === 0 ? {} : { stepDates }),
      };
      state = {
        customer: { customerId, companyName, domain, ...(program === undefined ? {} : { program }), originals: [], rows: [], ...progress },
        firstRow: row,
        domainRow: row,
        programRow: row,
        originalRows: new Map(),
      };
      customers.set(customerId, state);
    } else {
      const c = state.customer;
      const conflict = (column: CsvColumn, value: string, other: string, otherRow: number): void =>
        fail(
          column,
          'conflicting-customer',
          value,
          `differs from ${quote(other)} on row ${otherRow} for the same customer_id ${customerId}`,
        );
      if (companyName !== c.companyName) conflict('company_name', companyName, c.companyName, state.firstRow);
      if (domain !== '') {
        if (c.domain === '') {
          c.domain = domain;
          state.domainRow = row;
        } else if (domain.toLowerCase() !== c.domain.toLowerCase()) conflict('domain', domain, c.domain, state.domainRow);
      }
      if (program !== undefined) {
        if (c.program === undefined) {
          c.program = program;
          state.programRow = row;
        } else if (program !== c.program) conflict('program', rawProgram, c.program, state.programRow);
      }
    }
    state.customer.rows.push(row);

    if (original !== null) {
      const key = `${original.offer}\u0000${original.skuId ?? ''}\u0000${original.expiresOn}`;
      const firstRow = state.originalRows.get(key);
      if (firstRow === undefined) {
        state.originalRows.set(key, row);
        state.customer.originals.push(original);
        if (line) lines.push(line);
      } else {
        errors.add({
          row,
          code: 'duplicate-row',
          message: `Row ${row}: the same original (offer ${quote(original.offer)}, sku_id ${quote(original.skuId ?? '')}, expires_on ${original.expiresOn}) for customer ${customerId} is already on row ${firstRow}.`,
        });
      }
    }
  }

  if (dataRows === 0) {
    return fileError('empty-file', 'The file has a header but no data rows.', assumedDateOrder);
  }
  const ok = errors.list.length === 0;
  return {
    ok,
    assumedDateOrder,
    ambiguousDates,
    customers: ok ? [...customers.values()].map((s) => s.customer) : [],
    rows: dataRows,
    errors: errors.list,
    lines: ok ? lines : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

const FORMULA_START_RE = /^[=+\-@\t\r']/;

/** Formula-injection guard: a cell starting with = + - @ tab CR (or ' itself) gets a leading `'`. */
function defuse(value: string): string {
  return FORMULA_START_RE.test(value) ? `'${value}` : value;
}

/** Where a move stands, as the popup words it (the next action in the partner's language). */
export interface ExportProgress {
  nextAction: string;
  dueOn?: IsoDate;
}

/**
 * Writes moves as CSV, one row per original (a move without originals gets one row with empty
 * offer/sku_id/seats/expires_on), in {@link EXPORT_COLUMNS}' order: the customer, its path and step,
 * the day each step was reached, the next action and its due day (from `describe`), the original,
 * what was provisioned ("offer × seats on day", `; `-separated), the offer match and the notes.
 * UTF-8 BOM, RFC 4180 quoting, CRLF line endings (also after the last row), formula-injection
 * guard. `parseOriginalsCsv` reads it back to the same customers, originals, path, step and step
 * days; the next action, provisioned items, match and notes are reports, not read back.
 */
export function movesToCsv(moves: readonly Move[], describe?: (move: Move) => ExportProgress): string {
  const data: string[][] = [];
  for (const move of moves) {
    const progress = describe?.(move);
    const dates = STEPS.map((s) => move.stepDates[s] ?? '');
    const path = (move as Move & { path?: string }).path ?? '';
    const head = [move.customerId, move.companyName, move.domain, move.program, path, move.step, ...dates, progress?.nextAction ?? '', progress?.dueOn ?? ''];
    const provisioned = move.provisioned.map((p) => `${p.offer} × ${p.seats} on ${p.provisionedOn}`).join('; ');
    const tail = [provisioned, moveOfferMatch(move).match, move.notes];
    if (move.originals.length === 0) data.push([...head, '', '', '', '', ...tail]);
    for (const o of move.originals) {
      data.push([...head, o.offer, o.skuId ?? '', String(o.seats), o.expiresOn, ...tail]);
    }
  }
  const csv = Papa.unparse([[...EXPORT_COLUMNS], ...data.map((row) => row.map(defuse))], { newline: '\r\n', quotes: false });
  return `\uFEFF${csv}\r\n`;
}
