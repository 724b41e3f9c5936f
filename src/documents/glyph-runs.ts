// Splits text into runs by which font can draw it, so no character ever vanishes silently.

/** The one thing we ask of a font here (fontkit's Font has it). */
export interface GlyphCoverage {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

export type RunFont = 'primary' | 'fallback';

export interface GlyphRun {
  font: RunFont;
  text: string;
}

/** Drawn, in the primary font, in place of a character no font has. */
export const PLACEHOLDER = '□';

export interface CoverageSplit {
  runs: GlyphRun[];
  /** Code points that no font covers, in order of first appearance, each once. */
  missing: number[];
}

/**
 * Runs of `text` for primary → fallback → placeholder. Iterates by code point (for…of), so an
 * astral character such as 𠀋 U+2000B is one unit, never two lone surrogates.
 */
export function splitByCoverage(
  text: string,
  primary: GlyphCoverage,
  fallback: GlyphCoverage | null,
): CoverageSplit {
  const runs: GlyphRun[] = [];
  const missing: number[] = [];
  const push = (font: RunFont, piece: string) => {
    const last = runs[runs.length - 1];
    if (last?.font === font) last.text += piece;
    else runs.push({ font, text: piece });
  };

  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (primary.hasGlyphForCodePoint(cp)) push('primary', char);
    else if (isInvisible(cp))
      continue; // a selector or joiner the font lacks changes nothing visible
    else if (fallback?.hasGlyphForCodePoint(cp)) push('fallback', char);
    else {
      if (!missing.includes(cp)) missing.push(cp);
      push('primary', PLACEHOLDER);
    }
  }
  return { runs, missing };
}

/** 'U+2000B' */
export function codePointLabel(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}

// Variation selectors (incl. ideographic variation sequences), zero-width (non-)joiners and spaces,
// the BOM and C0/C1 controls: modifiers or noise, not characters a reader would miss.
function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp < 0xa0) ||
    (cp >= 0x200b && cp <= 0x200d) ||
    cp === 0xfeff ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}
