// Renders PDF pages with mupdf (WASM) in a worker thread, for test/support/pdf-tools.ts.
// mupdf is ES modules only and awaits at its top level, which no CommonJS transform can express,
// so Jest cannot load it in a test's own module registry; a worker has Node's real ESM loader on
// every Node we run (20, 22, 24).
//
// workerData: { pdf: Uint8Array, pages: number[] (1-based; empty = every page), scale, format }
// reply: [{ page, width, height, rgba }] for format 'rgba' (white paper, alpha 255), or
//        [{ page, width, height, png }] for format 'png'.
import { parentPort, workerData } from 'node:worker_threads';
import { ColorSpace, Document, Matrix } from 'mupdf';

const { pdf, pages, scale, format } = workerData;
const doc = Document.openDocument(pdf, 'application/pdf');
const count = doc.countPages();
const wanted = pages.length > 0 ? pages : Array.from({ length: count }, (_, i) => i + 1);

const out = [];
for (const page of wanted) {
  if (!Number.isInteger(page) || page < 1 || page > count) {
    throw new RangeError(`no page ${page} in a PDF of ${count} pages`);
  }
  // No alpha: the page is drawn on white, as it prints (with alpha, blank paper reads as black).
  const pixmap = doc
    .loadPage(page - 1)
    .toPixmap(Matrix.scale(scale, scale), ColorSpace.DeviceRGB, false, true);
  const width = pixmap.getWidth();
  const height = pixmap.getHeight();
  if (format === 'png') {
    out.push({ page, width, height, png: pixmap.asPNG() });
  } else {
    out.push({ page, width, height, rgba: toRgba(pixmap.getPixels(), width, height, pixmap.getStride()) });
  }
  pixmap.destroy();
}
parentPort.postMessage(
  out,
  out.map((p) => (p.png ?? p.rgba).buffer),
);

function toRgba(rgb, width, height, stride) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = y * stride + x * 3;
      const to = (y * width + x) * 4;
      rgba[to] = rgb[from];
      rgba[to + 1] = rgb[from + 1];
      rgba[to + 2] = rgb[from + 2];
      rgba[to + 3] = 255;
    }
  }
  return rgba;
}
