// A ruled table that flows across pages, repeating its header row on each new page.
import { type Sheet, SIZE } from './layout';
import type { Align } from './text';

export interface Column {
  header: string;
  /** Share of the sheet's width; the shares of all columns should add up to 1. */
  share: number;
  align?: Align;
}

/** A cell across `span` columns (e.g. a total's 大写 under the narrow label columns). */
export interface SpanCell {
  text: string;
  span: number;
  align?: Align;
}

/** A plain string fills one column, aligned as its column says. */
export type TableCell = string | SpanCell;

export interface TableOptions {
  /** Draw the last row in bold (a 合计 row). */
  totalRow?: boolean;
  size?: number;
}

interface PlacedCell {
  text: string;
  x: number;
  width: number;
  align: Align;
}

export function drawTable(
  sheet: Sheet,
  columns: Column[],
  rows: TableCell[][],
  options: TableOptions = {},
): void {
  const size = options.size ?? SIZE.body;
  const widths = columns.map((c) => c.share * sheet.width);
  const header = columns.map((c) => c.header);

  // Each cell gets its x and width from the columns it covers; a row must cover every column once.
  const place = (cells: TableCell[]): PlacedCell[] => {
    let column = 0;
    let x = sheet.left;
    const placed = cells.map((cell) => {
      const { text, span, align } =
        typeof cell === 'string' ? { text: cell, span: 1, align: undefined } : cell;
      if (!Number.isInteger(span) || span < 1)
        throw new RangeError(`a cell spans 1 or more columns: ${span}`);
      const width = widths.slice(column, column + span).reduce((sum, w) => sum + w, 0);
      const out = { text, x, width, align: align ?? columns[column]?.align ?? 'left' };
      column += span;
      x += width;
      return out;
    });
    if (column !== columns.length) {
      throw new RangeError(`a table row covers ${column} of ${columns.length} columns`);
    }
    return placed;
  };

  const rowHeight = (cells: PlacedCell[], bold: boolean) =>
    Math.max(...cells.map((cell) => sheet.cellHeight(cell.text, cell.width, { size, bold })));

  const drawRow = (cells: PlacedCell[], bold: boolean, shaded: boolean) => {
    const height = rowHeight(cells, bold);
    for (const cell of cells) {
      sheet.cell(cell.x, cell.width, height, shaded);
      const align = shaded ? 'center' : cell.align;
      sheet.cellText(cell.text, cell.x, cell.width, height, { size, bold, align });
    }
    sheet.y += height;
  };

  const headerCells = place(header);
  const bodyRows = rows.map(place);
  // The header must never sit alone at the foot of a page: keep it with the first row.
  sheet.ensure(rowHeight(headerCells, true) + (bodyRows[0] ? rowHeight(bodyRows[0], false) : 0));
  drawRow(headerCells, true, true);
  bodyRows.forEach((cells, index) => {
    const bold = Boolean(options.totalRow) && index === rows.length - 1;
    if (sheet.y + rowHeight(cells, bold) > sheet.bottom) {
      sheet.newPage();
      drawRow(headerCells, true, true);
    }
    drawRow(cells, bold, false);
  });
}
