// QR codes drawn as vector squares: one rectangle per horizontal run of dark modules, filled at once.
// Sharper in print than a bitmap at any size, and it spares encoding a PNG only for pdfkit to decode
// and deflate it again (a quarter of a notice's render).
import { create, type QRCodeErrorCorrectionLevel } from 'qrcode';

export interface QrSymbol {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Light modules around the symbol (the quiet zone). */
  margin: number;
  isDark(row: number, column: number): boolean;
}

export function qrSymbol(text: string, level: QRCodeErrorCorrectionLevel, margin: number): QrSymbol {
  const { modules } = create(text, { errorCorrectionLevel: level });
  return { size: modules.size, margin, isDark: (row, column) => modules.get(row, column) === 1 };
}

/** Draws `symbol` `side` points square (quiet zone included) with its top left corner at (x, y). */
export function drawQr(doc: PDFKit.PDFDocument, symbol: QrSymbol, x: number, y: number, side: number): void {
  const { size, margin } = symbol;
  const unit = side / (size + 2 * margin);
  for (let row = 0; row < size; row++) {
    let column = 0;
    while (column < size) {
      if (!symbol.isDark(row, column)) {
        column++;
        continue;
      }
      const start = column;
      while (column < size && symbol.isDark(row, column)) column++;
      doc.rect(x + (margin + start) * unit, y + (margin + row) * unit, (column - start) * unit, unit);
    }
  }
  doc.fill('black');
}
