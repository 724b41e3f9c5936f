import { loadFonts } from './fonts';
import { Sheet, type SheetMeta } from './layout';

/** What a caller (DocumentsService) passes to every renderer. */
export interface RenderOptions {
  /** PDF_FALLBACK_FONT: a TTF/OTF used for characters Noto Sans SC lacks. */
  fallbackFontPath?: string | null;
  /** Receives one warning per character no font could draw. */
  warn?: (message: string) => void;
}

export function openSheet(meta: SheetMeta, options: RenderOptions = {}): Sheet {
  // Without a logger the warning still goes somewhere visible: a missing glyph is never silent.
  const warn = options.warn ?? ((message: string) => console.warn(message));
  return new Sheet(meta, loadFonts(options.fallbackFontPath), warn);
}
