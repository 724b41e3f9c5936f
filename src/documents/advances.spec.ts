import fc from 'fast-check';
import PDFDocument from 'pdfkit';
import { THAI_FONT } from '../../test/support/fonts';
import { advanceWidth, textWidth, withAdvanceLayout } from './advances';
import { type Font, loadFonts } from './fonts';

const fonts = loadFonts(THAI_FONT);
const doc = new PDFDocument();
const FACES: [string, Font][] = [
  ['regular', fonts.regular],
  ['bold', fonts.bold],
  ['fallback', fonts.fallback!],
];
for (const [name, font] of FACES) doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);

/** What pdfkit measures: a layout by fontkit with the font's default features. */
const shaped = (face: string, text: string, size: number) =>
  doc.font(face).fontSize(size).widthOfString(text);
/** `text` shaped as one word by fontkit, as advanceWidth means it (pdfkit shapes word by word). */
const shapedAlone = (font: Font, text: string, size: number) =>
  (font.layout(text).advanceWidth * size) / font.unitsPerEm;

// What the notice, the receipts and the statement print: CJK with fullwidth punctuation, digits,
// dates, amounts, case and receipt numbers, Latin, the URL, page numbers, spaced and mixed lines.
const PRINTED = [
  '合肥市蜀山区笔架山街道救急难互助会',
  '救急难互助金救助公示',
  '公示编号：2026-017',
  '公布日期：2026年11月29日',
  '下列20笔救急难互助金经本会理事会表决通过并已发放，现予公示，接受群众监督。',
  '序号案件编号受助人救助类别救助金额（元）批准日期发放日期表决结果',
  '2026-0017',
  '小王（化名）',
  '徐*',
  '某未成年人',
  '欧阳**',
  '¥1,234.56',
  '¥43,455.50',
  '人民币肆万叁仟肆佰伍拾伍元伍角整',
  '2026年\n11月29日',
  '9人中8人参加，',
  '7人同意',
  '共20人次',
  '备注：入户核实，经理事会表决通过。',
  '公示期：2026年11月29日至2026年12月5日',
  '1. 电话：0551-65123456；',
  '2. 网上：扫描右侧二维码或打开下面的网址，在公示页面提交异议：',
  'https://huzhu.example.cn/p/disclosures/5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f',
  '校验码：3f2a9c0d17be\u3000\u3000审计链：第4217条 9ad0c3e1f45b',
  '特此公示。',
  '（盖章）',
  '第 1 页 / 共 2 页',
  '本收据由 Huzhu 互助 系统开具，编号按年度连续、不重不漏；加盖本会印章后有效，请妥善保管。',
  '感谢您对社区救急难互助事业的爱心支持！Reference HF-20261129-0087 and a verylongwordthatcannotfit。',
  '捐赠收据',
  '已作废',
  '逄箐',
  '张𠀋',
  '互助金收支月报',
  '一、捐赠收入',
  '期初余额',
  '2026-000001',
  '１２３４５',
  'ＡＢＣ',
  '「引号」《书名》【注】〔一〕…',
  'ภาษาไทย',
  'To AV ff fi Wa Ty',
];

/** Every prefix: wrapping measures each one. */
const prefixes = (text: string) => [...text].map((_, i, chars) => chars.slice(0, i + 1).join(''));

describe('advanceWidth', () => {
  it('equals fontkit’s width for everything the documents print, and every prefix of it', () => {
    let added = 0;
    for (const [face, font] of FACES) {
      for (const size of [8, 9.5, 11, 22]) {
        for (const text of PRINTED.flatMap((line) => line.split('\n')).flatMap(prefixes)) {
          const width = advanceWidth(font, text, size);
          if (width === undefined) continue;
          added++;
          expect([face, size, text, width]).toEqual([
            face,
            size,
            text,
            expect.closeTo(shapedAlone(font, text, size), 9),
          ]);
        }
      }
    }
    expect(added).toBeGreaterThan(1000); // the fast path is actually taken
  });

  it('adds up CJK, punctuation, digits, kerned pairs and locl digits, and leaves ligatures and marks to shaping', () => {
    const kerned = ['To', 'AV', '1,000', '2026-0017', '¥1,234.56', '0551-65123456', 'abc123', 'ab3f'];
    for (const text of ['救急难互助会', '（化名）：，。', '2026年11月29日', '１２３', ...kerned]) {
      expect([text, advanceWidth(fonts.regular, text, 11)]).toEqual([
        text,
        expect.closeTo(shaped('regular', text, 11), 9),
      ]);
    }
    expect(shaped('regular', 'To', 11)).toBeLessThan(shaped('regular', 'T', 11) + shaped('regular', 'o', 11));
    // 'f' starts ligatures, a combining mark or a variation selector changes what shaping does.
    for (const text of ['office', 'fl', 'e\u0301', '葛\u{E0100}']) {
      expect(advanceWidth(fonts.regular, text, 11)).toBeUndefined();
    }
  });

  it('adds up a line word by word as pdfkit does, shaping only the words it must', () => {
    for (const [face, font] of FACES) {
      for (const text of PRINTED.flatMap((line) => line.split('\n')).flatMap(prefixes)) {
        const words: string[] = [];
        const width = textWidth(font, text, 11, (word) => (words.push(word), shaped(face, word, 11)));
        expect([face, text, width]).toEqual([face, text, expect.closeTo(shaped(face, text, 11), 9)]);
        for (const word of words) expect(advanceWidth(font, word, 11)).toBeUndefined();
      }
    }
    const words: string[] = [];
    textWidth(fonts.regular, '2. 网上：扫描 office 互助 abc 12', 11, (word) => (words.push(word), 0));
    expect(words).toEqual(['office ']);
  });

  it('lays out for pdfkit the glyphs and positions fontkit would, shaping only what it must', () => {
    interface Run {
      glyphs: { id: number; codePoints: number[] }[];
      positions: Record<string, number>[];
      advanceWidth: number;
    }
    const runOf = (run: Run) => ({
      ids: run.glyphs.map((glyph) => glyph.id),
      codePoints: run.glyphs.map((glyph) => glyph.codePoints),
      positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
      advanceWidth: run.advanceWidth,
    });
    for (const [, font] of FACES) {
      const fast = withAdvanceLayout(font);
      for (const text of PRINTED.flatMap((line) => line.split(/[\n ]/)).flatMap(prefixes)) {
        expect([text, runOf(fast.layout(text) as unknown as Run)]).toEqual([
          text,
          runOf(font.layout(text) as unknown as Run),
        ]);
      }
    }
  });

  it('never disagrees with pdfkit on any mix of CJK, digits, Latin, punctuation and spaces', () => {
    const alphabet = [
      ...'互助救急难会年月日第条人中参加同意（）：，。、；！？《》0123456789 ,.-/:*¥ATVWaofy',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...FACES.slice(0, 2)),
        (chars, [face, font]) => {
          const text = chars.join('');
          const width = advanceWidth(font, text, 10);
          if (width !== undefined) expect(width).toBeCloseTo(shapedAlone(font, text, 10), 9);
          const added = textWidth(font, text, 10, (word) => shaped(face, word, 10));
          expect(added).toBeCloseTo(shaped(face, text, 10), 9);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
