import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { PassThrough, Readable } from 'node:stream';

/**
 * CSV for Excel and WPS (API.md "Statements, oversight, audit"): UTF-8 with a byte-order mark (without
 * it Excel reads Chinese as GBK), CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would
 * run as a formula defused. One helper for every CSV the service writes (statements and exports).
 */
export const CSV_BOM = '\uFEFF';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/** A cell: text, a number, or empty (null/undefined). */
export type CsvCell = string | number | null | undefined;

// OWASP "CSV injection": a text cell starting with one of these is a formula (or becomes one) in Excel.
const FORMULA_START = /^[=+\-@\t\r]/;
// …except a plain number written as text (`-12.50`, an amount in yuan): data, which the sheet sums.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell as a spreadsheet should show it: text prefixed with `'` when it would start a formula.
 * Numbers stay numbers (a negative amount is data, not a formula); null or undefined is an empty cell.
 */
export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One record, CRLF-terminated, quoted where RFC 4180 needs it (comma, quote, CR or LF in a cell). */
export function csvLine(cells: readonly CsvCell[]): string {
  return csvLines([cells]);
}

/** Several records as csvLine writes each, in one pass (a streamed batch). */
export function csvLines(rows: readonly (readonly CsvCell[])[]): string {
  // A lone CR or LF is a line break to Excel too: quoted, though the record delimiter is CRLF.
  return stringify(
    rows.map((cells) => cells.map(csvCell)),
    { record_delimiter: '\r\n', quoted_match: /[\r\n]/ },
  );
}

/**
 * A CSV as a stream: BOM and header first, then each batch as it is read. `produce` drives the reading
 * (e.g. inside one database transaction) and hands each batch to `write`, which waits while the client
 * is slow (backpressure: memory holds about one batch) and answers false once the client is gone, so
 * the reading stops. A failure after the first byte cannot become an error answer: the stream is
 * destroyed and the client sees a cut-off download rather than a complete-looking file.
 */
export function csvStream(
  header: readonly string[],
  produce: (write: (rows: readonly (readonly CsvCell[])[]) => Promise<boolean>) => Promise<void>,
  onError: (error: unknown) => void,
): Readable {
  const out = new PassThrough();
  const write = (chunk: string): Promise<boolean> => {
    if (out.destroyed) return Promise.resolve(false);
    if (out.write(chunk)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => () => {
        out.off('drain', onDrain);
        out.off('close', onClose);
        resolve(ok);
      };
      const onDrain = done(true);
      const onClose = done(false);
      out.once('drain', onDrain);
      out.once('close', onClose);
    });
  };
  void (async () => {
    try {
      if (!(await write(CSV_BOM + csvLine(header)))) return;
      await produce((rows) => (rows.length ? write(csvLines(rows)) : Promise.resolve(!out.destroyed)));
      if (!out.destroyed) out.end();
    } catch (error) {
      onError(error);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  return out;
}

/** Sends a CSV as a download; personal data even when masked, so no cache keeps it. */
export function sendCsv(reply: FastifyReply, csv: { filename: string; stream: Readable }): Readable {
  void reply
    .header('Content-Type', CSV_CONTENT_TYPE)
    .header('Content-Disposition', `attachment; filename="${csv.filename}"`)
    .header('Cache-Control', 'no-store');
  return csv.stream;
}
