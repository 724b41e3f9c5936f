import jsQR from 'jsqr';
import { drawQr, qrSymbol } from './qr';

const URL = 'https://huzhu.example.cn/p/disclosures/5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f';

/** The squares drawQr asks for, as a fake pdfkit document records them. */
function drawn(side: number) {
  const rects: [number, number, number, number][] = [];
  const fills: string[] = [];
  const doc = {
    rect: (...r: [number, number, number, number]) => rects.push(r),
    fill: (color: string) => fills.push(color),
  } as unknown as PDFKit.PDFDocument;
  const symbol = qrSymbol(URL, 'M', 2);
  drawQr(doc, symbol, 100, 200, side);
  return { symbol, rects, fills };
}

describe('drawQr', () => {
  it('covers exactly the dark modules, one black fill for the whole symbol', () => {
    const side = 90;
    const { symbol, rects, fills } = drawn(side);
    const cells = symbol.size + 2 * symbol.margin;
    const unit = side / cells;
    const dark = new Set<string>();
    for (const [x, y, width, height] of rects) {
      expect(height).toBeCloseTo(unit, 9);
      const row = Math.round((y - 200) / unit) - symbol.margin;
      const first = Math.round((x - 100) / unit) - symbol.margin;
      for (let c = first; c < first + Math.round(width / unit); c++) dark.add(`${row},${c}`);
    }
    for (let row = 0; row < symbol.size; row++) {
      for (let column = 0; column < symbol.size; column++) {
        expect([row, column, dark.has(`${row},${column}`)]).toEqual([
          row,
          column,
          symbol.isDark(row, column),
        ]);
      }
    }
    expect(fills).toEqual(['black']);
  });

  it('reads back as its text once the squares are printed, quiet zone and all', () => {
    const scale = 4; // pixels per module
    const cells = qrSymbol(URL, 'M', 2).size + 4;
    const pixels = cells * scale;
    const { rects } = drawn(pixels);
    const rgba = new Uint8ClampedArray(pixels * pixels * 4).fill(255);
    for (const [x, y, width, height] of rects) {
      for (let py = Math.round(y - 200); py < Math.round(y - 200 + height); py++) {
        for (let px = Math.round(x - 100); px < Math.round(x - 100 + width); px++) {
          rgba.fill(0, (py * pixels + px) * 4, (py * pixels + px) * 4 + 3);
        }
      }
    }
    expect(jsQR(rgba, pixels, pixels)?.data).toBe(URL);
  });
});
