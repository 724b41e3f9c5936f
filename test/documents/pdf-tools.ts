// Reads PDFs the way a person's viewer would, with poppler-utils (pdftotext, pdfinfo, pdffonts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'huzhu-pdf-'));
let n = 0;

function toFile(pdf: Buffer): string {
  const file = join(dir, `doc-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
}

/** Text of every page, pages separated by form feeds (\f). */
export function pdfText(pdf: Buffer, layout = false): string {
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', toFile(pdf), '-'], {
    encoding: 'utf8',
  });
}

/** One string per page. */
export function pdfPages(pdf: Buffer): string[] {
  return pdfText(pdf)
    .split('\f')
    .filter((page) => page.trim() !== '');
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync('pdfinfo', [toFile(pdf)], { encoding: 'utf8' });
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/** Base names of the fonts embedded in the PDF (subset prefix removed). */
export function embeddedFonts(pdf: Buffer): string[] {
  const out = execFileSync('pdffonts', [toFile(pdf)], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
}
