// Fonts for every PDF: Noto Sans SC (TTF, not WOFF: pdfkit is ~100× slower on WOFF and draws WOFF2
// blank), parsed once per process and shared by all documents. pdfkit accepts a fontkit font object
// directly, so each document only builds its own subset instead of re-parsing 10 MB of font.
import { readFileSync } from 'node:fs';
import { create, type Font } from 'fontkit';

export type { Font };

export interface PdfFonts {
  regular: Font;
  bold: Font;
  /** Used for characters Noto Sans SC lacks (e.g. CJK Extension B), when configured. */
  fallback: Font | null;
}

const NOTO_REGULAR = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
const NOTO_BOLD = '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf';

let noto: { regular: Font; bold: Font } | null = null;
const fallbacks = new Map<string, Font>();
let parses = 0;

/**
 * The fonts for a document, parsed on first use (so app start stays fast) and cached after.
 * `fallbackPath` is a TTF/OTF file (PDF_FALLBACK_FONT); a bad path throws rather than silently
 * dropping the fallback.
 */
export function loadFonts(fallbackPath?: string | null): PdfFonts {
  noto ??= { regular: parse(require.resolve(NOTO_REGULAR)), bold: parse(require.resolve(NOTO_BOLD)) };
  return { ...noto, fallback: fallbackPath ? loadFallback(fallbackPath) : null };
}

/** How many font files this process has parsed: lets tests prove the cache works. */
export function fontParseCount(): number {
  return parses;
}

function loadFallback(path: string): Font {
  let font = fallbacks.get(path);
  if (!font) {
    font = parse(path);
    fallbacks.set(path, font);
  }
  return font;
}

function parse(path: string): Font {
  if (/\.woff2?$/i.test(path)) throw new Error(`WOFF fonts are not supported for PDFs: ${path}`);
  parses++;
  const parsed = create(readFileSync(path));
  // A collection (.ttc) holds several faces; its first is the regular one.
  const font = 'fonts' in parsed ? parsed.fonts[0] : parsed;
  if (!font) throw new Error(`no font face in ${path}`);
  return font;
}
