// Reads PDFs the way a person's viewer would, with pdfjs-dist (Firefox's PDF reader), so the tests
// need only Node and npm. pdfjs-dist ships ES modules only: jest.config.js compiles it to CommonJS
// like our own code (the `import()` below becomes a require), which works on every Node we run.
// Pages become pixels with mupdf (WASM) in a worker thread (see mupdf-worker.mjs for why), and QR
// codes are read back from those pixels with jsQR.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import jsQR from 'jsqr';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

async function open(pdf: Buffer): Promise<PDFDocumentProxy> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const { getDocument, VerbosityLevel } = await pdfjs;
  // A copy: pdfjs takes ownership of (detaches) the buffer it is given.
  return getDocument({
    data: new Uint8Array(pdf),
    verbosity: VerbosityLevel.ERRORS,
    fontExtraProperties: true, // keeps font names, for embeddedFonts()
  }).promise;
}

async function withDocument<T>(pdf: Buffer, read: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const doc = await open(pdf);
  try {
    return await read(doc);
  } finally {
    await doc.destroy();
  }
}

/** One string per page, as a viewer would copy it: lines end with \n. */
export function pdfPages(pdf: Buffer): Promise<string[]> {
  return withDocument(pdf, async (doc) => {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      let text = '';
      for (const item of content.items) {
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text);
    }
    return pages;
  });
}

/** Text of every page, pages separated by form feeds (\f). */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join('\f');
}

export interface PdfInfo {
  pages: number;
  title?: string;
  author?: string;
  subject?: string;
}

/** Page count and the document information dictionary. */
export function pdfInfo(pdf: Buffer): Promise<PdfInfo> {
  return withDocument(pdf, async (doc) => {
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    const str = (key: string) => (typeof info[key] === 'string' ? info[key] : undefined);
    return { pages: doc.numPages, title: str('Title'), author: str('Author'), subject: str('Subject') };
  });
}

/** Base names of the fonts the pages use (subset prefix removed), each once. */
export function embeddedFonts(pdf: Buffer): Promise<string[]> {
  return withDocument(pdf, async (doc) => {
    const { OPS } = await pdfjs!;
    const names = new Set<string>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, i) => {
        if (fn !== OPS.setFont) return;
        const font = page.commonObjs.get(ops.argsArray[i][0] as string) as { name?: string };
        if (font.name) names.add(font.name.replace(/^[A-Z]{6}\+/, ''));
      });
    }
    return [...names];
  });
}

/** One page as pixels: RGBA, 4 bytes a pixel, rows top to bottom, on white paper. */
export interface Raster {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

interface RenderedPage {
  page: number;
  width: number;
  height: number;
  rgba?: Uint8ClampedArray;
  png?: Uint8Array;
}

/** Renders pages (1-based; none = every page) at `scale` × 72 dpi, in a worker of its own. */
function renderPages(
  pdf: Buffer,
  pages: number[],
  scale: number,
  format: 'rgba' | 'png',
): Promise<RenderedPage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'mupdf-worker.mjs'), {
      workerData: { pdf: new Uint8Array(pdf), pages, scale, format },
    });
    let reply: RenderedPage[] | null = null;
    worker.once('message', (message: RenderedPage[]) => (reply = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (reply) resolve(reply);
      else reject(new Error(`the mupdf worker exited (code ${code}) without a reply`));
    });
  });
}

/** Page `pageNo` (1-based) as RGBA pixels; scale 2 is 144 dpi. */
export async function rasterize(pdf: Buffer, pageNo: number, scale = 2): Promise<Raster> {
  const [page] = await renderPages(pdf, [pageNo], scale, 'rgba');
  return { width: page!.width, height: page!.height, rgba: page!.rgba! };
}

/** Page `pageNo` (1-based) as a PNG file, for a person to look at. */
export async function toPng(pdf: Buffer, pageNo: number, scale = 2): Promise<Buffer> {
  const [page] = await renderPages(pdf, [pageNo], scale, 'png');
  return Buffer.from(page!.png!);
}

export interface QrCode {
  /** 1-based page number. */
  page: number;
  data: string;
}

/** The QR code found on each page that has one (jsQR reads one code per image). */
export async function readQrCodes(pdf: Buffer, scale = 2): Promise<QrCode[]> {
  const pages = await renderPages(pdf, [], scale, 'rgba');
  const codes: QrCode[] = [];
  for (const { page, width, height, rgba } of pages) {
    const code = jsQR(rgba!, width, height);
    if (code) codes.push({ page, data: code.data });
  }
  return codes;
}
