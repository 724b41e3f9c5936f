// Reads PDFs the way a person's viewer would, with pdfjs-dist (Firefox's PDF reader), so the tests
// need only Node and npm. pdfjs-dist ships ES modules only: jest.config.js compiles it to CommonJS
// like our own code (the `import()` below becomes a require), which works on every Node we run.
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
