import { stringify, type Options, type Stringifier } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

/**
 * CSV as Excel and WPS open it without asking (UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting),
 * and safe to open: a text cell a spreadsheet would run as a formula (starting with = + - @, a tab or
 * a carriage return) gets a leading `'`, so it shows as typed (OWASP "CSV injection"). A plain number
 * (`-12.50`) is a number, not a formula, and stays as written so the spreadsheet sums it. The one way
 * CSV is written: statements and exports both use it.
 */
export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** A cell: text, a number, or empty (null/undefined). */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** The text as a cell that no spreadsheet evaluates. */
export function csvSafeText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

const OPTIONS: Options = {
  record_delimiter: 'windows',
  // A line break inside a cell is quoted (RFC 4180), whichever kind it is.
  quoted_match: /[\r\n]/,
  cast: { string: csvSafeText, number: (n) => String(n) },
};

/** One record, CRLF-terminated (no BOM: the caller writes CSV_BOM once, first). */
export function csvLine(cells: readonly CsvCell[]): string {
  return stringifySync([cells.map((c) => c ?? null)], OPTIONS);
}

/** A stream of records (write arrays of cells) that begins with the BOM: for exports of any size. */
export function csvStream(): Stringifier {
  return stringify({ ...OPTIONS, bom: true });
}
