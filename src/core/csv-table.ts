/**
 * Reading a CSV file into records, shared by every import shape (the partner's originals sheet, a
 * Microsoft Graph subscription export, Partner Center's customer export). Only text handling lives
 * here: size and encoding checks, the delimiter, quoting, the header line and row numbers. What the
 * columns mean is each shape's business.
 *
 * - Larger than {@link MAX_CSV_BYTES} (UTF-8) is refused before parsing; NUL bytes or U+FFFD
 *   (invalid UTF-8 after decoding) mean "not text".
 * - A leading BOM is dropped (papaparse does it).
 * - Windows PowerShell 5.1's `Export-Csv` writes a first line `#TYPE <.NET type>` (PowerShell 7 does
 *   not); Excel keeps it on a re-save and pads it with delimiters (`#TYPE …,,,,`). Such a line before
 *   the header is skipped, and the type is reported.
 * - The delimiter is read from the header line: `;` when it has more semicolons than commas outside
 *   quotes (Excel in a comma-decimal locale, `Export-Csv -UseCulture`), else `,`.
 * - Row numbers are the spreadsheet's: every record counts one, blank ones and a `#TYPE` line included.
 */
import Papa from 'papaparse';

/** Files larger than this (UTF-8 bytes) are refused before parsing. */
export const MAX_CSV_BYTES = 10 * 1024 * 1024;

export interface CsvTable {
  records: string[][];
  /** Index in `records` of the header. */
  headerIndex: number;
  header: string[];
  delimiter: ',' | ';';
  /** Papaparse's errors (unterminated or malformed quotes), by record index. */
  parseErrors: Map<number, Papa.ParseError[]>;
  /** The .NET type named by a PowerShell `#TYPE` line, when the file had one. */
  psType?: string;
}

export type TableRead =
  | { ok: true; table: CsvTable }
  | { ok: false; code: 'too-large' | 'not-text' | 'empty-file'; message: string };

const TYPE_LINE_RE = /^#TYPE\s+(\S.*)$/;

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** The delimiter of one line: `;` when it has more semicolons than commas outside quotes. */
function delimiterOf(line: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted) {
      if (ch === ',') commas++;
      else if (ch === ';') semicolons++;
    }
  }
  return semicolons > commas ? ';' : ',';
}

function typeLine(line: string): string | undefined {
  const first = line.replace(/[,;\s]+$/, '').replace(/^\uFEFF/, '').replace(/^"(.*)"$/, '$1').trim();
  return TYPE_LINE_RE.exec(first)?.[1]?.trim();
}

/**
 * The line the delimiter is read from: the first one with content that is not a `#TYPE` line; a file
 * of nothing but delimiters falls back to its first line holding any.
 */
function headerLine(text: string): string {
  let fallback = '';
  // The header is near the top: a huge file is not split whole just to find it.
  for (const line of text.slice(0, 65_536).split(/\r\n|\r|\n/)) {
    if (line.replace(/[,;\s\uFEFF]/g, '') !== '') {
      if (typeLine(line) === undefined) return line;
    } else if (fallback === '' && /[,;]/.test(line)) fallback = line;
  }
  return fallback;
}

/**
 * A record with nothing in it: empty cells, spaces, or the other delimiter only (a padding line of
 * commas in a semicolon file reads as one cell ",,,", and must not become the header).
 */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.replace(/[,;\s]/g, '') === '');
}

export function readCsvTable(text: string): TableRead {
  if (text.length > MAX_CSV_BYTES || utf8Length(text) > MAX_CSV_BYTES) {
    return { ok: false, code: 'too-large', message: `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it into smaller files.` };
  }
  if (/[\u0000\uFFFD]/.test(text)) {
    return {
      ok: false,
      code: 'not-text',
      message: 'The file is not UTF-8 text (it contains NUL bytes or invalid characters). Save the sheet as "CSV UTF-8" and try again.',
    };
  }
  const delimiter = delimiterOf(headerLine(text));
  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, skipEmptyLines: false });
  const records = parsed.data;
  let headerIndex = records.findIndex((record) => !isBlankRecord(record));
  let psType: string | undefined;
  if (headerIndex !== -1) {
    const type = typeLine((records[headerIndex] as string[]).join(delimiter));
    if (type !== undefined) {
      psType = type;
      const next = records.slice(headerIndex + 1).findIndex((record) => !isBlankRecord(record));
      headerIndex = next === -1 ? -1 : headerIndex + 1 + next;
    }
  }
  if (headerIndex === -1) return { ok: false, code: 'empty-file', message: 'The file is empty.' };
  const parseErrors = new Map<number, Papa.ParseError[]>();
  for (const e of parsed.errors) {
    const index = e.row ?? headerIndex;
    parseErrors.set(index, [...(parseErrors.get(index) ?? []), e]);
  }
  return {
    ok: true,
    table: { records, headerIndex, header: records[headerIndex] as string[], delimiter, parseErrors, ...(psType === undefined ? {} : { psType }) },
  };
}

/** Header names compared without case, spaces, `_` or `-` ("Customer Tenant Id" = `customertenantid`). */
export function headerKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '');
}
