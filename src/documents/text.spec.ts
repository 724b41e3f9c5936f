import PDFDocument from 'pdfkit';
import { loadFonts } from './fonts';
import { TextPen, tokens } from './text';

describe('tokens (where a line may break)', () => {
  it('breaks around CJK characters and after spaces, keeping Latin words whole', () => {
    expect(tokens('互助 fund ok')).toEqual(['互', '助 ', 'fund ', 'ok']);
  });

  it('keeps closing punctuation off the start and opening punctuation off the end of a line', () => {
    expect(tokens('谢谢，（盖章）。')).toEqual(['谢', '谢，', '（盖', '章）。']);
  });

  it('keeps an astral character whole', () => {
    expect(tokens('张𠀋')).toEqual(['张', '𠀋']);
  });
});

describe('TextPen.wrap', () => {
  const pen = new TextPen(new PDFDocument(), loadFonts(), () => {});
  const style = { size: 11 };

  it('fits every line in the width and loses nothing but the spaces it breaks at', () => {
    const text =
      '感谢您对社区救急难互助事业的爱心支持！Reference HF-20261129-0087 and a verylongwordthatcannotfit。';
    for (const width of [40, 90, 200, 1000]) {
      const lines = pen.wrap(text, width, style);
      for (const line of lines) expect(pen.width(line, style)).toBeLessThanOrEqual(width + 0.01);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    }
  });

  it('cuts a word wider than the line after the last character that fits', () => {
    const url = 'https://huzhu.example.cn/p/disclosures/5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f';
    for (const width of [3, 60, 150, 250]) {
      const lines = pen.wrap(url, width, style);
      expect(lines.join('')).toBe(url);
      lines.slice(0, -1).forEach((line, i) => {
        // A line holds at least one character, even one wider than the line.
        if ([...line].length > 1) expect(pen.width(line, style)).toBeLessThanOrEqual(width);
        expect(pen.width(line + lines[i + 1]![0], style)).toBeGreaterThan(width);
      });
    }
  });

  it('starts a new line at every newline, and keeps empty lines', () => {
    expect(pen.wrap('一\n\n二', 500, style)).toEqual(['一', '', '二']);
  });
});
