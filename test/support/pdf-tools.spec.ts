import PDFDocument from 'pdfkit';
import { toBuffer as qrPng } from 'qrcode';
import { rasterize, readQrCodes, toPng } from './pdf-tools';

const URL = 'https://example.org/p/disclosures/0b6f1c52-2a6e-4c59-9d0c-7d1b8a3e4f21';

/** Page 1: 200 × 100 pt, a black box at (10, 10)–(60, 40). Page 2: the same size with a QR code. */
async function samplePdf(): Promise<Buffer> {
  const qr = await qrPng(URL, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
  const doc = new PDFDocument({ size: [200, 100], margin: 0 });
  doc.rect(10, 10, 50, 30).fill('#000000');
  doc.addPage({ size: [200, 100], margin: 0 });
  doc.image(qr, 60, 5, { width: 90, height: 90 });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.end();
  });
}

function pixel(raster: { width: number; rgba: Uint8ClampedArray }, x: number, y: number): number[] {
  const at = (y * raster.width + x) * 4;
  return [...raster.rgba.subarray(at, at + 4)];
}

describe('pdf-tools with mupdf and jsQR', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await samplePdf();
  });

  it('rasterizes a page to RGBA at the scale asked, on white paper', async () => {
    const raster = await rasterize(pdf, 1, 2);
    expect([raster.width, raster.height]).toEqual([400, 200]);
    expect(raster.rgba).toHaveLength(400 * 200 * 4);
    expect(pixel(raster, 70, 50)).toEqual([0, 0, 0, 255]); // inside the box (35, 25 pt)
    expect(pixel(raster, 300, 150)).toEqual([255, 255, 255, 255]); // blank paper
    expect(pixel(raster, 0, 0)).toEqual([255, 255, 255, 255]);
  });

  it('refuses a page the PDF does not have', async () => {
    await expect(rasterize(pdf, 3)).rejects.toThrow('no page 3');
  });

  it('writes a page as a PNG of the rasterized size', async () => {
    const png = await toPng(pdf, 2, 1);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, right after the chunk's length and type.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([200, 100]);
  });

  it('reads the QR code of the page that has one', async () => {
    expect(await readQrCodes(pdf)).toEqual([{ page: 2, data: URL }]);
  });
});
