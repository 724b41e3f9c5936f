import fc from 'fast-check';
import { codePointLabel, PLACEHOLDER, splitByCoverage, type GlyphCoverage } from './glyph-runs';

/** A fake font that covers exactly the given characters. */
const covering = (chars: string): GlyphCoverage => {
  const set = new Set([...chars].map((c) => c.codePointAt(0)));
  return { hasGlyphForCodePoint: (cp) => set.has(cp) };
};

describe('splitByCoverage', () => {
  const primary = covering('张三逄箐 ab');
  const fallback = covering('𠀋');

  it('keeps text the primary font covers as one run', () => {
    expect(splitByCoverage('逄箐', primary, null)).toEqual({
      runs: [{ font: 'primary', text: '逄箐' }],
      missing: [],
    });
  });

  it('sends an astral character to the fallback as one unit, not two surrogates', () => {
    expect(splitByCoverage('张𠀋三', primary, fallback)).toEqual({
      runs: [
        { font: 'primary', text: '张' },
        { font: 'fallback', text: '𠀋' },
        { font: 'primary', text: '三' },
      ],
      missing: [],
    });
  });

  it('draws a placeholder and reports each missing code point once', () => {
    expect(splitByCoverage('张𠀋𠀋三', primary, null)).toEqual({
      runs: [{ font: 'primary', text: `张${PLACEHOLDER}${PLACEHOLDER}三` }],
      missing: [0x2000b],
    });
  });

  it('drops variation selectors and joiners that no font draws', () => {
    expect(splitByCoverage('张\u{E0100}三\u200d', primary, fallback).runs).toEqual([
      { font: 'primary', text: '张三' },
    ]);
  });

  it('never loses a visible character: each is drawn as itself or as the placeholder', () => {
    // Selectors, joiners and controls: dropped when no font has them (see isInvisible).
    const ranges: [number, number][] = [
      [0, 0x1f],
      [0x7f, 0x9f],
      [0x200b, 0x200d],
      [0xfeff, 0xfeff],
      [0xfe00, 0xfe0f],
      [0xe0100, 0xe01ef],
    ];
    const isInvisible = (c: string) =>
      ranges.some(([lo, hi]) => c.codePointAt(0)! >= lo && c.codePointAt(0)! <= hi);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const { runs, missing } = splitByCoverage(text, primary, fallback);
        const drawn = [...runs.map((r) => r.text).join('')];
        const visible = [...text].filter((c) => !isInvisible(c));
        expect(drawn).toHaveLength(visible.length);
        visible.forEach((c, i) => expect([c, PLACEHOLDER]).toContain(drawn[i]));
        for (const cp of missing) expect(primary.hasGlyphForCodePoint(cp)).toBe(false);
      }),
    );
  });
});

describe('codePointLabel', () => {
  it.each([
    [0x2000b, 'U+2000B'],
    [0x41, 'U+0041'],
  ])('%d → %s', (cp, label) => {
    expect(codePointLabel(cp)).toBe(label);
  });
});
