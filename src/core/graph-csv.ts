/**
 * A Microsoft Graph `directory/subscriptions` export (`companySubscription`), as
 * `Get-MgDirectorySubscription | Export-Csv` writes it, read into original subscriptions.
 *
 * ## What the file looks like
 * - Columns named after the properties, any case (`skuId` or `SkuId`): `skuId`, `skuPartNumber`,
 *   `totalLicenses`, `status`, `nextLifecycleDateTime`, `isTrial`, `createdDateTime`,
 *   `commerceSubscriptionId`, `ownerTenantId`, plus others this reader ignores (`Id`, `ServiceStatus`…).
 *   Optional columns added by the documented snippet (docs/graph-export.md): `CustomerTenantId`,
 *   `CustomerName`, and a `Program` column a partner may add by hand.
 * - Windows PowerShell 5.1 writes `#TYPE …` first (skipped by csv-table); every field is quoted.
 * - Timestamps are UTC. PowerShell writes a `DateTime` in the culture of the machine that ran it
 *   (`3/31/2027 12:00:00 AM` en-US, `31/03/2027 00:00:00` en-GB, `2027/3/31 上午 12:00:00` zh-TW,
 *   `31.03.2027 00:00:00` de-DE); Excel re-saves its own display form (`3/31/2027 0:00`,
 *   `2027/3/31 00:00`); a JSON route gives ISO 8601 (`2027-03-31T00:00:00Z`). All are read; an
 *   ambiguous day/month is read with the date order chosen, and the preview says so.
 *
 * ## What a row becomes
 * - `ownerTenantId` set: bought through CSP already (a partner owns it): skipped, shown as such.
 * - `isTrial` true: skipped, counted.
 * - `status` Suspended, Deleted or LockedOut: listed, not imported. Enabled and Warning are imported.
 * - The product: from `skuId` through the resolver, else from `skuPartNumber`; when neither is known,
 *   the part number (or GUID) stands as the offer's name and the preview asks the partner to pick.
 * - Seats: `totalLicenses`.
 * - The date: `nextLifecycleDateTime`, a UTC instant, turned into a calendar day in the customer's
 *   time zone (the caller's: a CSP partner serves customers in its own country or region).
 *   - Enabled: that day is the end date.
 *   - Warning: the subscription has ended and is in its grace period; the day is when users lose
 *     access (the service end), and the end date is the program's access days before it (paths and
 *     rules: 30 for direct and Open, 0 for an Enterprise Agreement). Unknown rule: the day itself.
 *   - No date on an Enabled or Warning row: listed as "no end date", not imported.
 * - Customer: `CustomerTenantId` (and `CustomerName`) when the file has them; otherwise the whole
 *   file belongs to the customer the partner names (`options.customer`), and until then the result
 *   says `needsCustomer`.
 * - Errors (all or nothing, as for the originals sheet): unreadable seats, date, trial flag, status
 *   or tenant id on a row that would be imported; a bad tenant id on any row.
 */
import type { IsoDate, Program } from './model';
import { addDays, isoDateFromParts } from './dates';
import { headerKey, isBlankRecord, type CsvTable } from './csv-table';
import {
  ErrorList,
  parseCsvDate,
  parseGuid,
  parseProgram,
  parseSeats,
  quote,
  type CsvError,
  type CsvErrorCode,
  type CsvImportResult,
  type DateOrder,
  type DateReading,
  type ImportedCustomer,
  type PreviewLine,
  type ReadOrder,
} from './csv';

/** A product as Microsoft's table names it. */
export interface ResolvedProduct {
  name: string;
  /** The Graph skuId (GUID), the most stable key for offer matching. */
  skuId?: string;
}

/** Finds a product by its Graph GUID or its string id (`skuPartNumber`); undefined when unknown. */
export type ProductResolver = (guidOrStringId: string) => ResolvedProduct | undefined;

export interface GraphImportOptions {
  dateOrder: DateOrder;
  /** IANA time zone whose calendar day an instant falls on (the browser's). */
  timeZone: string;
  resolveProduct: ProductResolver;
  /** Days users keep access after the end date under `program`; undefined when the rule is unknown. */
  accessDaysAfterEnd: (program: Program) => number | undefined;
  /** The customer's program: the file's, else its tracked move's, else the default. */
  programFor: (customerId: string, fromFile: Program | undefined) => Program;
  /** Whose file it is, when it has no CustomerTenantId column. */
  customer?: { customerId: string; companyName: string; domain?: string };
}

export interface GraphImportResult extends CsvImportResult {
  format: 'graph';
  /** The file names no customer and none was given: ask which customer it belongs to. */
  needsCustomer: boolean;
  lines: PreviewLine[];
}

/** Graph's columns and the optional ones the snippet adds (header keys: lower case, no separators). */
const COLUMNS = {
  skuId: ['skuid'],
  skuPartNumber: ['skupartnumber'],
  totalLicenses: ['totallicenses'],
  status: ['status'],
  nextLifecycleDateTime: ['nextlifecycledatetime'],
  isTrial: ['istrial'],
  ownerTenantId: ['ownertenantid'],
  commerceSubscriptionId: ['commercesubscriptionid'],
  customerTenantId: ['customertenantid', 'customerid', 'tenantid'],
  customerName: ['customername', 'companyname'],
  customerDomain: ['customerdomain', 'domain', 'primarydomain'],
  program: ['program'],
} as const;
type GraphColumn = keyof typeof COLUMNS;

/** True when a header is a Graph subscription export's: it names a SKU and the licences or the lifecycle date. */
export function isGraphHeader(header: readonly string[]): boolean {
  const keys = new Set(header.map(headerKey));
  return (keys.has('skuid') || keys.has('skupartnumber')) && (keys.has('totallicenses') || keys.has('nextlifecycledatetime'));
}

const STATUSES: Readonly<Record<string, 'import' | 'inactive'>> = {
  enabled: 'import',
  warning: 'import',
  suspended: 'inactive',
  deleted: 'inactive',
  lockedout: 'inactive',
};

const TRUE_WORDS = new Set(['true', 'yes', '1', '是', 'y']);
const FALSE_WORDS = new Set(['false', 'no', '0', '否', 'n', '']);

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const AMPM = '(AM|PM|A\\.M\\.|P\\.M\\.|上午|下午|午前|午後)';
const CULTURE_RE = new RegExp(`^(\\S+)(?:\\s+${AMPM}?\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*${AMPM}?)?$`, 'i');

export type InstantParse =
  | { ok: true; ms: number; order: ReadOrder; ambiguous: boolean }
  | { ok: false; reason: string };

/**
 * Reads a timestamp written by Graph (ISO 8601), by PowerShell in any culture, or re-saved by Excel;
 * without an offset it is UTC (Graph's times are).
 */
export function parseGraphInstant(value: string, order: DateOrder): InstantParse {
  const v = value.trim();
  const iso = ISO_RE.exec(v);
  if (iso) {
    const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0)) as [number, number, number, number, number, number];
    if (isoDateFromParts(y, mo, d) === null || h > 23 || mi > 59 || s > 59) return { ok: false, reason: 'is not a real date and time' };
    let ms = Date.UTC(y, mo - 1, d, h, mi, s);
    const zone = iso[7];
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return { ok: true, ms, order: 'ymd', ambiguous: false };
  }
  const m = CULTURE_RE.exec(v);
  if (!m) return { ok: false, reason: 'is not a date and time (e.g. 2027-03-31T00:00:00Z or 3/31/2027 12:00:00 AM)' };
  const day = parseCsvDate(m[1] as string, order);
  if (!day.ok) return { ok: false, reason: day.reason };
  let hour = Number(m[3] ?? 0);
  const minute = Number(m[4] ?? 0);
  const second = Number(m[5] ?? 0);
  const designator = (m[2] ?? m[6] ?? '').toUpperCase();
  if (designator !== '') {
    if (hour < 1 || hour > 12) return { ok: false, reason: 'has an hour that does not fit AM/PM' };
    const pm = designator.startsWith('P') || designator === '下午' || designator === '午後';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'is not a real time of day' };
  const [y, mo, d] = day.date.split('-').map(Number) as [number, number, number];
  return { ok: true, ms: Date.UTC(y, mo - 1, d, hour, minute, second), order: day.order, ambiguous: day.ambiguous };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day an instant falls on in `timeZone` (a RangeError for an unknown zone). */
export function dayInZone(ms: number, timeZone: string): IsoDate {
  let f = dayFormats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dayFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const day = isoDateFromParts(Number(parts.year), Number(parts.month), Number(parts.day));
  if (day === null) throw new RangeError(`No calendar day for ${ms} in ${timeZone}`);
  return day;
}

function parseTrial(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (TRUE_WORDS.has(v)) return true;
  if (FALSE_WORDS.has(v)) return false;
  return null;
}

interface Group {
  customer: ImportedCustomer;
  firstRow: number;
  keys: Map<string, number>;
}

/** Reads a Graph subscription export already split into records (see the module comment). */
export function parseGraphTable(table: CsvTable, options: GraphImportOptions): GraphImportResult {
  const { records, headerIndex, header, parseErrors } = table;
  const errors = new ErrorList();
  const index = new Map<GraphColumn, number>();
  const label = new Map<GraphColumn, string>();
  header.forEach((raw, i) => {
    const key = headerKey(raw);
    for (const [column, names] of Object.entries(COLUMNS) as Array<[GraphColumn, readonly string[]]>) {
      if (names.includes(key) && !index.has(column)) {
        index.set(column, i);
        label.set(column, raw.trim());
      }
    }
  });
  const headerRow = headerIndex + 1;
  const base = { format: 'graph' as const, assumedDateOrder: options.dateOrder, ambiguousDates: 0, needsCustomer: false };
  const missingColumns: string[] = [];
  if (!index.has('skuId') && !index.has('skuPartNumber')) missingColumns.push('skuId');
  if (!index.has('totalLicenses')) missingColumns.push('totalLicenses');
  if (!index.has('nextLifecycleDateTime')) missingColumns.push('nextLifecycleDateTime');
  if (missingColumns.length > 0) {
    const list: CsvError[] = missingColumns.map((column) => ({
      row: headerRow,
      column,
      code: 'missing-column',
      message: `Row ${headerRow}: this Microsoft Graph subscription export has no "${column}" column.`,
    }));
    return { ...base, ok: false, customers: [], rows: 0, errors: list, lines: [] };
  }

  const fileCustomer = options.customer;
  const perRowCustomer = index.has('customerTenantId');
  const needsCustomer = !perRowCustomer && fileCustomer === undefined;
  const groups = new Map<string, Group>();
  const lines: PreviewLine[] = [];
  let dataRows = 0;
  let ambiguousDates = 0;

  for (let i = headerIndex + 1; i < records.length && !errors.full; i++) {
    const record = records[i] as string[];
    const row = i + 1;
    if (isBlankRecord(record) && !parseErrors.has(i)) continue;
    dataRows++;
    const rowParseErrors = parseErrors.get(i) ?? [];
    if (rowParseErrors.length > 0) {
      for (const e of rowParseErrors) errors.add({ row, code: 'parse', message: `Row ${row}: ${e.message} (${e.code}).` });
      continue;
    }
    const cell = (column: GraphColumn): string => {
      const at = index.get(column);
      return at === undefined ? '' : (record[at] ?? '').trim();
    };
    const fail = (column: GraphColumn, code: CsvErrorCode, value: string, reason: string): void => {
      errors.add({ row, column: label.get(column) ?? column, code, message: `Row ${row}, column "${label.get(column) ?? column}": ${quote(value)} ${reason}.`, value });
    };

    // Whose row it is.
    let customerId = '';
    let companyName = '';
    let domain = '';
    if (perRowCustomer) {
      const raw = cell('customerTenantId');
      const id = raw === '' ? null : parseGuid(raw);
      if (id === null) {
        if (raw === '') errors.add({ row, column: label.get('customerTenantId'), code: 'missing-value', message: `Row ${row}, column "${label.get('customerTenantId')}": a value is required.` });
        else fail('customerTenantId', 'bad-guid', raw, 'is not a customer tenant ID (a GUID)');
        continue;
      }
      customerId = id;
      companyName = cell('customerName');
      domain = cell('customerDomain');
    } else if (fileCustomer) {
      customerId = fileCustomer.customerId;
      companyName = fileCustomer.companyName;
      domain = fileCustomer.domain ?? '';
    }
    const rawProgram = cell('program');
    const fileProgram = parseProgram(rawProgram);
    if (fileProgram === null) {
      fail('program', 'bad-program', rawProgram, 'is not a known program (open, ea, direct, other-partner, other or unknown)');
      continue;
    }

    // The product.
    const rawSku = cell('skuId');
    const partNumber = cell('skuPartNumber');
    const byId = rawSku === '' ? undefined : options.resolveProduct(rawSku);
    const byPart = byId === undefined && partNumber !== '' ? options.resolveProduct(partNumber) : undefined;
    const found = byId ?? byPart;
    const skuGuid = found?.skuId ?? (rawSku === '' ? undefined : rawSku.toLowerCase());
    const line: PreviewLine = {
      row,
      customerId,
      offer: found?.name ?? (partNumber || rawSku),
      ...(skuGuid === undefined ? {} : { skuId: skuGuid }),
      product: byId ? 'id' : byPart ? 'part-number' : 'unknown',
    };
    const rawStatus = cell('status');
    if (rawStatus !== '') line.status = rawStatus;
    const rawSeats = cell('totalLicenses');
    const seats = parseSeats(rawSeats, table.delimiter === ',');
    if (seats.ok) line.seats = seats.seats;

    // Skipped lines: already CSP, trial, not active.
    const trial = parseTrial(cell('isTrial'));
    const statusKind = rawStatus === '' ? 'import' : STATUSES[headerKey(rawStatus)];
    if (cell('ownerTenantId') !== '') line.skip = 'csp';
    else if (trial === true) line.skip = 'trial';
    else if (statusKind === 'inactive') line.skip = 'inactive';
    if (line.skip === undefined) {
      let bad = false;
      if (trial === null) {
        fail('isTrial', 'parse', cell('isTrial'), 'is neither True nor False');
        bad = true;
      }
      if (statusKind === undefined) {
        fail('status', 'parse', rawStatus, 'is not a subscription status (Enabled, Warning, Suspended, Deleted or LockedOut)');
        bad = true;
      }
      if (!seats.ok) {
        if (rawSeats === '') errors.add({ row, column: label.get('totalLicenses'), code: 'missing-value', message: `Row ${row}, column "${label.get('totalLicenses')}": a value is required.` });
        else fail('totalLicenses', 'bad-seats', rawSeats, seats.reason);
        bad = true;
      }
      if (line.offer === '') {
        errors.add({ row, column: label.get('skuId') ?? label.get('skuPartNumber'), code: 'missing-value', message: `Row ${row}: neither skuId nor skuPartNumber names the product.` });
        bad = true;
      }
      const rawDate = cell('nextLifecycleDateTime');
      if (rawDate === '') line.skip = 'no-date';
      else {
        const instant = parseGraphInstant(rawDate, options.dateOrder);
        if (!instant.ok) {
          fail('nextLifecycleDateTime', 'bad-date', rawDate, instant.reason);
          bad = true;
        } else {
          if (instant.ambiguous) ambiguousDates++;
          const day = dayInZone(instant.ms, options.timeZone);
          const read: DateReading = {
            raw: rawDate,
            order: instant.order,
            ambiguous: instant.ambiguous,
            instant: new Date(instant.ms).toISOString(),
            timeZone: options.timeZone,
          };
          let expiresOn = day;
          if (headerKey(rawStatus) === 'warning') {
            const program = options.programFor(customerId, fileProgram);
            const days = options.accessDaysAfterEnd(program);
            read.accessEnd = day;
            read.accessDays = days ?? null;
            expiresOn = days === undefined ? day : addDays(day, -days);
          }
          line.expiresOn = expiresOn;
          line.read = read;
        }
      }
      if (bad) continue;
    }
    lines.push(line);

    if (needsCustomer) continue;
    let group = groups.get(customerId);
    if (group === undefined) {
      const program = fileProgram ?? undefined;
      group = {
        customer: { customerId, companyName, domain, ...(program === undefined ? {} : { program }), originals: [], rows: [] },
        firstRow: row,
        keys: new Map(),
      };
      groups.set(customerId, group);
    } else {
      const c = group.customer;
      if (companyName !== '' && c.companyName === '') c.companyName = companyName;
      else if (companyName !== '' && companyName !== c.companyName) {
        fail('customerName', 'conflicting-customer', companyName, `differs from ${quote(c.companyName)} on row ${group.firstRow} for the same customer ${customerId}`);
      }
      if (domain !== '' && c.domain === '') c.domain = domain;
      if (fileProgram !== undefined) {
        if (c.program === undefined) c.program = fileProgram;
        else if (c.program !== fileProgram) fail('program', 'conflicting-customer', rawProgram, `differs from ${quote(c.program)} for the same customer ${customerId}`);
      }
    }
    group.customer.rows.push(row);
    if (line.skip !== undefined || line.expiresOn === undefined || line.seats === undefined) continue;
    const subscription = cell('commerceSubscriptionId');
    if (subscription !== '') {
      const seen = group.keys.get(subscription);
      if (seen !== undefined) {
        errors.add({ row, code: 'duplicate-row', message: `Row ${row}: subscription ${quote(subscription)} of customer ${customerId} is already on row ${seen}.` });
        continue;
      }
      group.keys.set(subscription, row);
    }
    group.customer.originals.push({
      offer: line.offer,
      ...(line.skuId === undefined ? {} : { skuId: line.skuId }),
      seats: line.seats,
      expiresOn: line.expiresOn,
      endBy: 'expire',
    });
  }

  if (dataRows === 0) {
    return { ...base, ok: false, customers: [], rows: 0, errors: [{ row: 0, code: 'empty-file', message: 'The file has a header but no data rows.' }], lines: [] };
  }
  const ok = errors.list.length === 0 && !needsCustomer;
  return {
    ...base,
    ok,
    needsCustomer: needsCustomer && errors.list.length === 0,
    ambiguousDates,
    customers: ok ? [...groups.values()].map((g) => g.customer) : [],
    rows: dataRows,
    errors: errors.list,
    // Shown while the partner picks the customer, too: the lines are what the choice is about.
    lines: errors.list.length === 0 ? lines : [],
  };
}
