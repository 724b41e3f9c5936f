// A ruled table that flows across pages, repeating its header row on each new page.
import { type Sheet, SIZE } from './layout';
import type { Align } from './text';

export interface Column {
  header: string;
  /** Share of the sheet's width; the shares of all columns should add up to 1. */
  share: number;
  align?: Align;
}

export interface TableOptions {
  /** Draw the last row in bold (a 合计 row). */
  totalRow?: boolean;
  size?: number;
}

export function drawTable(
  sheet: Sheet,
  columns: Column[],
  rows: string[][],
  options: TableOptions = {},
): void {
  const size = options.size ?? SIZE.body;
  const widths = columns.map((c) => c.share * sheet.width);
  const header = columns.map((c) => c.header);

  const rowHeight = (cells: string[], bold: boolean) =>
    Math.max(...cells.map((text, i) => sheet.cellHeight(text, widths[i]!, { size, bold })));

  const drawRow = (cells: string[], bold: boolean, shaded: boolean) => {
    const height = rowHeight(cells, bold);
    let x = sheet.left;
    cells.forEach((text, i) => {
      const width = widths[i]!;
      sheet.cell(x, width, height, shaded);
      const align = shaded ? 'center' : (columns[i]!.align ?? 'left');
      sheet.cellText(text, x, width, height, { size, bold, align });
      x += width;
    });
    sheet.y += height;
  };

  // The header must never sit alone at the foot of a page: keep it with the first row.
  sheet.ensure(rowHeight(header, true) + (rows[0] ? rowHeight(rows[0], false) : 0));
  drawRow(header, true, true);
  rows.forEach((cells, index) => {
    const bold = Boolean(options.totalRow) && index === rows.length - 1;
    if (sheet.y + rowHeight(cells, bold) > sheet.bottom) {
      sheet.newPage();
      drawRow(header, true, true);
    }
    drawRow(cells, bold, false);
  });
}
