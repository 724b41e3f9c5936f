// Measuring, wrapping and drawing text that may mix fonts. We place every run ourselves (explicit x,
// alphabetic baseline) instead of pdfkit's `continued` runs, so wrapping, alignment and table cells
// behave the same whether a line holds one font, a fallback character or a placeholder.
import { textWidth, withAdvanceLayout } from './advances';
import type { PdfFonts, Font } from './fonts';
import {
  codePointLabel,
  type GlyphCoverage,
  splitByCoverage,
  type GlyphRun,
  PLACEHOLDER,
} from './glyph-runs';

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
  /** Extra space after each character, in points (spaced-out titles). */
  spacing?: number;
}

export interface BoxStyle extends TextStyle {
  /** Wrap to this width; without it the text is one line per paragraph. */
  width?: number;
  align?: Align;
}

/** Line box height as a multiple of the font size: airy enough for CJK. */
export const LINE_HEIGHT = 1.5;
// CJK glyphs sit in an em box from about −0.12 em to 0.88 em around the baseline; centring that box
// in the line centres the characters, whichever font drew them.
const EM_BOX_TOP = 0.88;

const FONT = { regular: 'huzhu-regular', bold: 'huzhu-bold', fallback: 'huzhu-fallback' } as const;

export class TextPen {
  private readonly warned = new Set<number>();
  // Widths measured in this document: a table measures each cell to size its row, then again to draw
  // it, and wrapping measures every prefix of a line; shaping each again cost a third of a render.
  private readonly widths = new Map<string, number>();
  // Lines per text, box width and style: a table cell is wrapped to size its row, to centre it and
  // to draw it.
  private readonly wrapped = new Map<string, readonly string[]>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: PdfFonts,
    private readonly warn: (message: string) => void,
  ) {
    doc.registerFont(FONT.regular, asFontSource(withAdvanceLayout(fonts.regular)));
    doc.registerFont(FONT.bold, asFontSource(withAdvanceLayout(fonts.bold)));
    if (fonts.fallback) doc.registerFont(FONT.fallback, asFontSource(withAdvanceLayout(fonts.fallback)));
  }

  lineHeight(size: number): number {
    return size * LINE_HEIGHT;
  }

  /** Width of one line of text, as it will be drawn (fallback and placeholder runs included). */
  width(text: string, style: TextStyle): number {
    const key = `${style.bold ? 'b' : 'r'}|${style.size}|${style.spacing ?? 0}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.runs(text, style).reduce((sum, run) => sum + this.runWidth(run, style), 0);
      this.widths.set(key, width);
    }
    return width;
  }

  /** The lines `text` takes in `width` (every '\n' starts a new line). */
  wrap(text: string, width: number | undefined, style: TextStyle): readonly string[] {
    const key = `${style.bold ? 'b' : 'r'}|${style.size}|${style.spacing ?? 0}|${width}|${text}`;
    let lines = this.wrapped.get(key);
    if (!lines) {
      const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
      lines =
        width === undefined ? paragraphs : paragraphs.flatMap((p) => this.wrapParagraph(p, width, style));
      this.wrapped.set(key, lines);
    }
    return lines;
  }

  /** Height that draw() will use. */
  height(text: string, style: BoxStyle): number {
    return this.wrap(text, style.width, style).length * this.lineHeight(style.size);
  }

  /** Draws from the top of the first line box at (x, top); returns the height used. */
  draw(text: string, x: number, top: number, style: BoxStyle): number {
    const lines = this.wrap(text, style.width, style);
    const lineHeight = this.lineHeight(style.size);
    lines.forEach((line, i) => {
      const lineTop = top + i * lineHeight;
      const baseline = lineTop + (lineHeight - style.size) / 2 + EM_BOX_TOP * style.size;
      this.drawLine(line, this.alignedX(line, x, style), baseline, style);
    });
    return lines.length * lineHeight;
  }

  private alignedX(line: string, x: number, style: BoxStyle): number {
    if (style.width === undefined || !style.align || style.align === 'left') return x;
    // Character spacing also follows the last character; it should not push the line off centre.
    const slack = style.width - this.width(line, style) + (style.spacing ?? 0);
    return style.align === 'right' ? x + slack : x + slack / 2;
  }

  private drawLine(line: string, x: number, baseline: number, style: TextStyle): void {
    const { runs, missing } = this.split(line, style);
    for (const cp of missing) this.warnOnce(cp);
    // Black is every sheet's fill colour between blocks; only another colour is set, then undone.
    if (style.color) this.doc.fillColor(style.color);
    for (const run of runs) {
      this.use(run, style).text(run.text, x, baseline, {
        lineBreak: false,
        baseline: 'alphabetic',
        characterSpacing: style.spacing ?? 0,
      });
      x += this.runWidth(run, style);
    }
    if (style.color) this.doc.fillColor('black');
  }

  private warnOnce(cp: number): void {
    if (this.warned.has(cp)) return;
    this.warned.add(cp);
    this.warn(
      `PDF fonts have no glyph for ${codePointLabel(cp)}; drew ${PLACEHOLDER} in its place ` +
        `(set PDF_FALLBACK_FONT to a font that covers it)`,
    );
  }

  private runs(text: string, style: TextStyle): GlyphRun[] {
    return this.split(text, style).runs;
  }

  private split(text: string, style: TextStyle) {
    const fallback = this.fonts.fallback && coverage(this.fonts.fallback);
    return splitByCoverage(text, coverage(this.primary(style)), fallback);
  }

  private primary(style: TextStyle): Font {
    return style.bold ? this.fonts.bold : this.fonts.regular;
  }

  private use(run: GlyphRun, style: TextStyle): PDFKit.PDFDocument {
    const name = run.font === 'fallback' ? FONT.fallback : style.bold ? FONT.bold : FONT.regular;
    return this.doc.font(name).fontSize(style.size);
  }

  private runWidth(run: GlyphRun, style: TextStyle): number {
    const spacing = (style.spacing ?? 0) * [...run.text].length;
    const font = run.font === 'fallback' ? this.fonts.fallback! : this.primary(style);
    const shaped = (word: string) => this.use(run, style).widthOfString(word);
    return textWidth(font, run.text, style.size, shaped) + spacing;
  }

  // Greedy line filling over break opportunities (see tokens()); a token wider than a whole line is
  // cut between characters.
  private wrapParagraph(paragraph: string, width: number, style: TextStyle): string[] {
    const fits = (text: string) => this.width(text.trimEnd(), style) <= width;
    const lines: string[] = [];
    let line = '';
    for (const token of tokens(paragraph)) {
      if (fits(line + token)) {
        line += token;
        continue;
      }
      if (line.trim()) {
        lines.push(line.trimEnd());
        line = token.trimStart();
      } else line += token;
      if (!fits(line)) {
        const cut = this.cutToWidth(line, width, style);
        lines.push(...cut.slice(0, -1));
        line = cut[cut.length - 1] ?? '';
      }
    }
    lines.push(line.trimEnd());
    return lines;
  }

  // Each line takes the most characters that fit, at least one. A width only grows as a character is
  // added (no kerning pair is worth a glyph), so bisection finds it: a long URL is shaped a few
  // times per line instead of once per character.
  private cutToWidth(text: string, width: number, style: TextStyle): string[] {
    const chars = [...text];
    const out: string[] = [];
    let start = 0;
    while (start < chars.length) {
      let fits = start + 1;
      let tooLong = chars.length + 1;
      while (tooLong - fits > 1) {
        const end = (fits + tooLong) >> 1;
        if (this.width(chars.slice(start, end).join(''), style) <= width) fits = end;
        else tooLong = end;
      }
      out.push(chars.slice(start, fits).join(''));
      start = fits;
    }
    return out.length ? out : [''];
  }
}

// Closing punctuation never starts a line, opening punctuation never ends one (禁则).
const NO_LINE_START = new Set('，。、；：！？）》」』】〕…%,.;:!?)]}');
const NO_LINE_END = new Set('（《「『【〔([{¥');

/** Splits a paragraph where a line may break: after a space, and around CJK characters. */
export function tokens(paragraph: string): string[] {
  const chars = [...paragraph];
  const out: string[] = [];
  let current = '';
  chars.forEach((char, i) => {
    const prev = chars[i - 1];
    if (current && prev !== undefined && canBreak(prev, char)) {
      out.push(current);
      current = '';
    }
    current += char;
  });
  if (current) out.push(current);
  return out;
}

function canBreak(prev: string, next: string): boolean {
  if (next === ' ' || NO_LINE_START.has(next) || NO_LINE_END.has(prev)) return false;
  return prev === ' ' || isWide(prev) || isWide(next);
}

/** CJK and other characters that may break on either side (radicals onwards, incl. Ext B). */
function isWide(char: string): boolean {
  return char.codePointAt(0)! >= 0x2e80;
}

// Which code points a font covers, for every document: fontkit searches its cmap on each question.
const coverages = new WeakMap<Font, GlyphCoverage>();
function coverage(font: Font): GlyphCoverage {
  let cached = coverages.get(font);
  if (!cached) {
    const covered = new Map<number, boolean>();
    cached = {
      hasGlyphForCodePoint(cp) {
        let has = covered.get(cp);
        if (has === undefined) {
          has = font.hasGlyphForCodePoint(cp);
          covered.set(cp, has);
        }
        return has;
      },
    };
    coverages.set(font, cached);
  }
  return cached;
}

// @types/pdfkit lists only paths and buffers, but pdfkit 0.20 takes a fontkit font as-is
// (PDFFontFactory.open checks `typeof src.layout === 'function'`): that is what lets us parse once.
function asFontSource(font: Font): PDFKit.Mixins.PDFFontSource {
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}
