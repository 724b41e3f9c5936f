// Building blocks shared by every A4 Chinese document (receipts, notices; statements later).
// A Sheet is a pdfkit document plus a cursor `y`; blocks draw at the cursor and move it down.
import PDFDocument from 'pdfkit';
import { formatFen } from '../common/money/fen';
import { toRmbCapitals } from '../common/money/capitals';
import type { PdfFonts } from './fonts';
import { drawQr, type QrSymbol } from './qr';
import { type BoxStyle, TextPen } from './text';

export const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 20 * MM, side: 20 * MM, bottom: 22 * MM };
export const SIZE = { small: 8, table: 10, body: 11, large: 13, heading: 15, title: 22 };
export const COLOR = { rule: '#333333', shade: '#f0f0f0', muted: '#666666', red: '#c00000' };
export const CELL_PAD = { x: 6, y: 4 };

export interface SheetMeta {
  /** Shown in the reader's title bar and used in warnings. */
  title: string;
  subject?: string;
  /** YYYY-MM-DD; fixes the PDF dates so the same input gives the same file. */
  createdOn: string;
}

/** A paragraph of a text column (see besideImage). */
export interface Paragraph {
  text: string;
  style?: Partial<BoxStyle>;
}

/** A QR code printed `size` points square (quiet zone included), with a caption under it. */
export interface CaptionedImage {
  qr: QrSymbol;
  size: number;
  caption: string;
}

export interface Field {
  label: string;
  value: string;
  bold?: boolean;
  size?: number;
}

export class Sheet {
  readonly doc: PDFKit.PDFDocument;
  readonly pen: TextPen;
  readonly left = MARGIN.side;
  readonly right = A4.width - MARGIN.side;
  readonly width = this.right - this.left;
  readonly bottom = A4.height - MARGIN.bottom;
  y = MARGIN.top;

  constructor(meta: SheetMeta, fonts: PdfFonts, warn: (message: string) => void) {
    const created = new Date(`${meta.createdOn}T00:00:00Z`);
    this.doc = new PDFDocument({
      size: 'A4',
      margin: 0, // the Sheet keeps its own margins; pdfkit must never break pages on its own
      font: '', // no Helvetica: the TextPen draws every text (parsing its metrics was most of opening)
      bufferPages: true, // footers with "page n of m" are drawn once every page exists
      lang: 'zh-CN',
      displayTitle: true,
      info: {
        Title: meta.title,
        ...(meta.subject ? { Subject: meta.subject } : {}), // pdfkit fails on an undefined entry
        Author: 'Huzhu 互助',
        Creator: 'Huzhu 互助',
        CreationDate: created,
        ModDate: created,
      },
    });
    this.pen = new TextPen(this.doc, fonts, (message) => warn(`${message} [${meta.title}]`));
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  gap(points: number): void {
    this.y += points;
  }

  /** Writes wrapped text across the full width at the cursor, breaking pages between lines. */
  text(text: string, style: Partial<BoxStyle> = {}): void {
    const box: BoxStyle = { size: SIZE.body, width: this.width, ...style };
    for (const line of this.pen.wrap(text, box.width, box)) {
      this.ensure(this.pen.lineHeight(box.size));
      this.y += this.pen.draw(line, this.left, this.y, box);
    }
  }

  /** Society name, then the title in large spaced characters, then an optional subtitle. */
  heading(issuer: string, title: string, subtitle?: string): void {
    this.text(issuer, { size: SIZE.heading, bold: true, align: 'center' });
    this.gap(4);
    this.text(title, { size: SIZE.title, bold: true, align: 'center', spacing: 6 });
    if (subtitle) this.text(subtitle, { size: SIZE.large, align: 'center' });
    this.gap(10);
  }

  /** One line with text at the left and at the right edge (e.g. number and date). */
  spread(leftText: string, rightText: string, size = SIZE.body): void {
    const style = { size, width: this.width };
    this.ensure(this.pen.lineHeight(size));
    this.pen.draw(leftText, this.left, this.y, { ...style, align: 'left' });
    this.y += this.pen.draw(rightText, this.left, this.y, { ...style, align: 'right' });
  }

  /** A ruled grid of label | value rows, labels shaded and as wide as the widest; values wrap. */
  fields(rows: Field[]): void {
    const labelStyle = { size: SIZE.body };
    const widest = Math.max(...rows.map((row) => this.pen.width(row.label, labelStyle)));
    const labelWidth = Math.min(0.4 * this.width, Math.max(28 * MM, widest + 2 * CELL_PAD.x + 1));
    const valueWidth = this.width - labelWidth;
    for (const row of rows) {
      const valueStyle = { size: row.size ?? SIZE.body, bold: row.bold };
      const height = Math.max(
        this.cellHeight(row.label, labelWidth, labelStyle),
        this.cellHeight(row.value, valueWidth, valueStyle),
      );
      this.ensure(height);
      this.cell(this.left, labelWidth, height, true);
      this.cell(this.left + labelWidth, valueWidth, height, false);
      this.cellText(row.label, this.left, labelWidth, height, labelStyle);
      this.cellText(row.value, this.left + labelWidth, valueWidth, height, valueStyle);
      this.y += height;
    }
  }

  /** Grid rows for an amount: 大写 (the legally decisive form) first, then figures. */
  static amountFields(fen: number, label = '金额'): Field[] {
    return [
      { label: `${label}（大写）`, value: toRmbCapitals(fen), bold: true, size: SIZE.large },
      { label: `${label}（小写）`, value: formatFen(fen), bold: true, size: SIZE.large },
    ];
  }

  /** A bordered rectangle at the cursor row, optionally shaded (table and grid cells). */
  cell(x: number, width: number, height: number, shaded: boolean): void {
    const rect = this.doc.rect(x, this.y, width, height).lineWidth(0.6);
    if (!shaded) rect.stroke(COLOR.rule);
    else {
      rect.fillAndStroke(COLOR.shade, COLOR.rule);
      this.doc.fillColor('black');
    }
  }

  /** Height of a cell of `width` holding `text`, padding included. */
  cellHeight(text: string, width: number, style: BoxStyle): number {
    return this.pen.height(text, { ...style, width: width - 2 * CELL_PAD.x }) + 2 * CELL_PAD.y;
  }

  /** Text inside a cell at the cursor row, padded and vertically centred; `width` is the cell's. */
  cellText(text: string, x: number, width: number, height: number, style: BoxStyle): void {
    const box = { ...style, width: width - 2 * CELL_PAD.x };
    const top = this.y + (height - this.pen.height(text, box)) / 2;
    this.pen.draw(text, x + CELL_PAD.x, top, box);
  }

  /**
   * A closing sentence, then signature lines on the left (经办人 etc.) beside a dashed round seal
   * placeholder where the society stamps the paper copy; kept together on one page.
   */
  signatures(closing: string, lines: string[], sealLabel = '（盖章）'): void {
    const diameter = 38 * MM; // about the size of a society's round seal
    const cx = this.right - diameter / 2 - 6 * MM;
    const closingStyle = { size: SIZE.body, width: this.width };
    // Signature lines wrap short of the seal, so a long society name never runs under it.
    const lineStyle = { size: SIZE.body, width: cx - diameter / 2 - 6 * MM - this.left };
    const linesHeight = lines.reduce((h, line) => h + this.pen.height(line, lineStyle), 8);
    this.ensure(this.pen.height(closing, closingStyle) + 12 + Math.max(diameter, linesHeight));
    this.y += this.pen.draw(closing, this.left, this.y, closingStyle) + 12;

    const top = this.y;
    let y = top + 8;
    for (const line of lines) y += this.pen.draw(line, this.left, y, lineStyle);
    const cy = top + diameter / 2;
    this.doc.save();
    this.doc
      .circle(cx, cy, diameter / 2)
      .lineWidth(0.8)
      .dash(4, { space: 3 })
      .stroke(COLOR.muted);
    this.doc.restore();
    const style = { size: SIZE.body, color: COLOR.muted, width: diameter, align: 'center' as const };
    this.pen.draw(sealLabel, cx - diameter / 2, cy - this.pen.lineHeight(SIZE.body) / 2, style);
    this.y = Math.max(y, top + diameter) + 4;
  }

  /**
   * Paragraphs in a column at the left beside a QR code at the right edge with its
   * caption under it; the block is kept together on one page.
   */
  besideImage(paragraphs: Paragraph[], image: CaptionedImage): void {
    const column = this.width - image.size - 6 * MM;
    const boxes = paragraphs.map(({ text, style }) => ({
      text,
      box: { size: SIZE.body, ...style, width: column },
    }));
    const caption = { size: SIZE.small, color: COLOR.muted, width: image.size, align: 'center' as const };
    const textHeight = boxes.reduce((h, p) => h + this.pen.height(p.text, p.box), 0);
    const imageHeight = image.size + this.pen.height(image.caption, caption);
    this.ensure(Math.max(textHeight, imageHeight));

    const top = this.y;
    const x = this.right - image.size;
    drawQr(this.doc, image.qr, x, top, image.size);
    this.pen.draw(image.caption, x, top + image.size, caption);
    let y = top;
    for (const p of boxes) y += this.pen.draw(p.text, this.left, y, p.box);
    this.y = top + Math.max(textHeight, imageHeight);
  }

  /** A large, tilted, translucent red mark over the current page (e.g. 已作废). */
  stamp(mark: string): void {
    const size = 64;
    const cx = A4.width / 2;
    const cy = MARGIN.top + 95 * MM;
    const style = { size, bold: true, color: COLOR.red, spacing: 12 };
    const width = this.pen.width(mark, style) + 24;
    const height = this.pen.lineHeight(size);
    this.doc
      .save()
      .opacity(0.45)
      .rotate(-18, { origin: [cx, cy] });
    this.doc
      .rect(cx - width / 2, cy - height / 2, width, height)
      .lineWidth(4)
      .stroke(COLOR.red);
    this.pen.draw(mark, cx - width / 2, cy - height / 2, { ...style, width, align: 'center' });
    this.doc.restore();
  }

  /** Draws the footer on every page, closes the document and returns its bytes. */
  finish(smallPrint: string): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const top = this.bottom + 4 * MM;
      this.doc.moveTo(this.left, top).lineTo(this.right, top).lineWidth(0.4).stroke(COLOR.muted);
      const style = { size: SIZE.small, color: COLOR.muted, width: this.width };
      this.pen.draw(smallPrint, this.left, top + 2, { ...style, width: this.width - 30 * MM });
      this.pen.draw(`第 ${i - start + 1} 页 / 共 ${count} 页`, this.left, top + 2, {
        ...style,
        align: 'right',
      });
    }
    return toBuffer(this.doc);
  }
}

function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
