// Text widths and layouts without shaping. pdfkit measures a string by laying it out with fontkit,
// which costs the same again for every prefix that wrapping tries, and lays out every word it draws.
// Most words need little of what the shaper does: each glyph is its advance (cached per font for
// every document), a single substitution (locl: a Latin word's digits) swaps a glyph for another,
// and pair kerning adjusts a glyph by the one after it (fontkit kerns glyph by glyph, so each pair is
// shaped once). A word that may meet anything else (a ligature that can form, mark positioning,
// ignorables, a script we cannot place) is left to fontkit, one word at a time as pdfkit measures.
import type { Font } from './fonts';

// Features fontkit's default shaper applies to horizontal text when the caller (pdfkit) asks for none;
// every script in Noto Sans SC (DFLT, hani, kana, latn, cyrl, grek) uses that shaper.
const DEFAULT_FEATURES = new Set([
  ...['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom'],
  ...['ccmp', 'locl', 'rlig', 'mark', 'mkmk'],
  ...['calt', 'clig', 'liga', 'rclt', 'curs', 'kern'],
]);

// fontkit picks the OpenType script from the first character of a script other than Common or
// Inherited; a string with none uses DFLT. Only scripts whose shaping we have checked are handled.
const SCRIPT_TAGS: [RegExp, string][] = [
  [/\p{Script=Han}/u, 'hani'],
  [/\p{Script=Hiragana}/u, 'hira'], // as fontkit tags it; fonts list kana under 'kana' only
  [/\p{Script=Katakana}/u, 'kana'],
  [/\p{Script=Latin}/u, 'latn'],
  [/\p{Script=Cyrillic}/u, 'cyrl'],
  [/\p{Script=Greek}/u, 'grek'],
];
const SCRIPTED = /[^\p{Script=Common}\p{Script=Inherited}]/u;
// Shaping hides or zero-widths these whatever the font says.
const SPECIAL = /[\p{M}\p{Default_Ignorable_Code_Point}\p{Cc}]/u;

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number; startCoverageIndex: number }[];
}
interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}
interface LangSys {
  featureIndexes: number[];
}
/** An array, or restructure's lazily decoded one. */
type List<T> = T[] | { length: number; get(index: number): T };
interface LayoutTable {
  scriptList: { tag: string; script: { defaultLangSys: LangSys | null } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: List<{ lookupType: number; subTables: List<unknown> }>;
}
/** The parts of a fontkit font this reads (fontkit parses these tables lazily). */
interface OpenTypeFont {
  unitsPerEm: number;
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef };
  morx?: unknown;
  kern?: unknown;
  glyphForCodePoint(codePoint: number): Glyph;
  getGlyph(id: number, codePoints: number[]): Glyph;
  layout(text: string, features?: string[], script?: string): { glyphs: Glyph[]; positions: Position[] };
}

interface Glyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A glyph as laid out alone; `kerned` where pair kerning may adjust it by the glyph after it. */
interface Entry {
  glyph: Glyph;
  advance: number;
  kerned: boolean;
  /** Where a ligature may start at it: the glyphs that can follow it in one. */
  ligatesWith: Set<number> | undefined;
}

/** Glyphs a default lookup covers, for one script. */
interface Coverages {
  /** A lookup other than pair kerning may change them, or they are marks: shaping must tell. */
  opaque: Set<number>;
  /** Pair kerning may adjust them, by the glyph that follows. */
  kerned: Set<number>;
  /** A ligature may start at them, when followed by one of the glyphs listed. */
  ligating: Map<number, Set<number>>;
  /** Single substitutions (e.g. locl for a Latin word's digits), by lookup index. */
  singles: Map<number, Map<number, number>>;
  /** The glyph each substitutes, applied in lookup order; empty unless substituted. */
  substitute: Map<number, number>;
}

interface FontAdvances {
  /** Per code point and script; null where only shaping can tell. */
  byCodePoint: Map<number, Entry | null>;
  coverages: Map<string, Coverages>;
  /** What pair kerning adds to the two glyphs' positions, per script and pair. */
  pairs: Map<string, [Position, Position] | null>;
}

const fonts = new WeakMap<Font, FontAdvances>();

/**
 * Width in points of `text` in `font` at `size` as pdfkit measures it. pdfkit shapes each word (up to
 * and including a space or tab) on its own and adds up their widths; a word whose width is the sum
 * of its advances is added up here, any other is measured by `shaped`.
 */
export function textWidth(font: Font, text: string, size: number, shaped: (word: string) => number): number {
  let width = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || i === text.length - 1) {
      const word = text.slice(start, i + 1);
      width += advanceWidth(font, word, size) ?? shaped(word);
      start = i + 1;
    }
  }
  return width;
}

/**
 * Width in points of `text` shaped alone (as one word) in `font` at `size`, exactly as fontkit lays
 * it out, or undefined when only shaping can tell.
 */
export function advanceWidth(font: Font, text: string, size: number): number | undefined {
  const run = laidOut(font, text);
  if (!run) return undefined;
  let units = 0;
  for (const { xAdvance } of run.positions) units += xAdvance;
  return (units * size) / (font as unknown as OpenTypeFont).unitsPerEm;
}

/**
 * `font` for pdfkit: the same font, but a word that advanceWidth can measure is laid out from its
 * glyphs' advances instead of by fontkit's shaper (pdfkit shapes every word it draws); the glyphs,
 * positions and widths are the shaper's own. One per font, shared by every document.
 */
export function withAdvanceLayout(font: Font): Font {
  let wrapped = layoutFonts.get(font);
  if (!wrapped) {
    const shape = font.layout.bind(font);
    const layout = (text: string, ...rest: unknown[]) => {
      const run = rest.every((option) => option === undefined) ? laidOut(font, text) : null;
      return run ?? (shape as (...args: unknown[]) => unknown)(text, ...rest);
    };
    wrapped = Object.assign(Object.create(font) as Font, { layout });
    layoutFonts.set(font, wrapped);
  }
  return wrapped;
}

const layoutFonts = new WeakMap<Font, Font>();

/** What fontkit's GlyphRun gives pdfkit (which scales the positions in place): fresh each time. */
class AdvanceRun {
  constructor(
    readonly glyphs: Glyph[],
    readonly positions: Position[],
  ) {}

  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

/** `text` laid out alone as fontkit would, when that takes no shaping beyond pair kerning. */
function laidOut(font: Font, text: string): AdvanceRun | null {
  const ot = font as unknown as OpenTypeFont;
  if (ot.morx || ot.kern) return null; // AAT or legacy kerning: not modelled here
  let cache = fonts.get(font);
  if (!cache) {
    cache = { byCodePoint: new Map(), coverages: new Map(), pairs: new Map() };
    fonts.set(font, cache);
  }
  const script = scriptTag(text);
  if (script === undefined) return null;
  let coverages = cache.coverages.get(script);
  if (!coverages) {
    coverages = activeGlyphs(ot, script);
    cache.coverages.set(script, coverages);
  }
  const entries: Entry[] = [];
  const chars: string[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const key = cacheKey(cp, script);
    let entry = cache.byCodePoint.get(key);
    if (entry === undefined) {
      const glyph = ot.glyphForCodePoint(cp);
      entry = SPECIAL.test(char) ? null : glyphEntry(ot, coverages, glyph, cp);
      cache.byCodePoint.set(key, entry);
    }
    if (entry === null) return null;
    entries.push(entry);
    chars.push(char);
  }
  const positions = entries.map(({ advance }) => ({
    xAdvance: advance,
    yAdvance: 0,
    xOffset: 0,
    yOffset: 0,
  }));
  for (let i = 0; i + 1 < entries.length; i++) {
    if (entries[i]!.ligatesWith?.has(entries[i + 1]!.glyph.id)) return null;
  }
  for (let i = 0; i + 1 < entries.length; i++) {
    if (!entries[i]!.kerned) continue;
    const key = `${script}|${chars[i]}${chars[i + 1]}`;
    let pair = cache.pairs.get(key);
    if (pair === undefined) {
      pair = pairKerning(ot, script, entries[i]!, entries[i + 1]!, chars[i]! + chars[i + 1]!);
      cache.pairs.set(key, pair);
    }
    if (pair === null) return null;
    add(positions[i]!, pair[0]);
    add(positions[i + 1]!, pair[1]);
  }
  return new AdvanceRun(
    entries.map(({ glyph }) => glyph),
    positions,
  );
}

/**
 * A code point's glyph as shaping leaves it: substituted if a single substitution applies (when
 * neither glyph takes part in a ligature), null where another lookup may change it.
 */
function glyphEntry(font: OpenTypeFont, coverages: Coverages, original: Glyph, cp: number): Entry | null {
  if (coverages.opaque.has(original.id)) return null;
  const id = coverages.substitute.get(original.id);
  if (id === undefined) {
    const { ligating, kerned } = coverages;
    return {
      glyph: original,
      advance: original.advanceWidth,
      kerned: kerned.has(original.id),
      ligatesWith: ligating.get(original.id),
    };
  }
  if (coverages.opaque.has(id) || coverages.ligating.has(original.id) || coverages.ligating.has(id))
    return null;
  for (const next of coverages.ligating.values()) if (next.has(id) || next.has(original.id)) return null;
  const glyph = font.getGlyph(id, [cp]);
  return { glyph, advance: glyph.advanceWidth, kerned: coverages.kerned.has(id), ligatesWith: undefined };
}

/** What shaping the pair alone adds to each glyph's position; null if it did more than that. */
function pairKerning(
  font: OpenTypeFont,
  script: string,
  first: Entry,
  second: Entry,
  text: string,
): [Position, Position] | null {
  const run = font.layout(text, undefined, script);
  const ids = run.glyphs.map((glyph) => glyph.id);
  if (ids.length !== 2 || ids[0] !== first.glyph.id || ids[1] !== second.glyph.id) return null;
  const delta = (position: Position, advance: number): Position => ({
    xAdvance: position.xAdvance - advance,
    yAdvance: position.yAdvance,
    xOffset: position.xOffset,
    yOffset: position.yOffset,
  });
  return [delta(run.positions[0]!, first.advance), delta(run.positions[1]!, second.advance)];
}

function add(position: Position, delta: Position): void {
  position.xAdvance += delta.xAdvance;
  position.yAdvance += delta.yAdvance;
  position.xOffset += delta.xOffset;
  position.yOffset += delta.yOffset;
}

// A code point's answer depends on the script (locl differs), so the cache key carries it.
const SCRIPT_INDEX = new Map([
  ['DFLT', 0],
  ...SCRIPT_TAGS.map(([, tag], i): [string, number] => [tag, i + 1]),
]);
function cacheKey(cp: number, script: string): number {
  return cp * 8 + SCRIPT_INDEX.get(script)!;
}

/** The script tag fontkit will shape `text` with; undefined for a script not handled here. */
function scriptTag(text: string): string | undefined {
  const first = SCRIPTED.exec(text)?.[0];
  if (first === undefined) return 'DFLT';
  return SCRIPT_TAGS.find(([pattern]) => pattern.test(first))?.[1];
}

/**
 * Every glyph a default-feature lookup of `script` (or DFLT, where the font lacks it) covers, in
 * any of its coverage tables (context included): pair kerning's first glyphs as kerned, the rest
 * (and the GDEF marks, whose advance shapers zero) as opaque. Mark attachment fires only at a mark,
 * so the bases it lists are neither.
 */
function activeGlyphs(font: OpenTypeFont, script: string): Coverages {
  const active: Coverages = {
    ...{ opaque: new Set<number>(), kerned: new Set<number>() },
    ...{
      ligating: new Map<number, Set<number>>(),
      singles: new Map(),
      substitute: new Map<number, number>(),
    },
  };
  for (const table of [font.GSUB, font.GPOS]) {
    if (!table) continue;
    const use = table === font.GPOS ? 'positioning' : 'substitution';
    const entry =
      table.scriptList.find((s) => s.tag === script) ??
      table.scriptList.find((s) => ['DFLT', 'dflt', 'latn'].includes(s.tag));
    for (const featureIndex of entry?.script.defaultLangSys?.featureIndexes ?? []) {
      const { tag, feature } = table.featureList[featureIndex]!;
      if (!DEFAULT_FEATURES.has(tag)) continue;
      for (const index of feature.lookupListIndexes) addLookup(table, index, active, new Set(), use);
    }
  }
  composeSingles(active);
  const classes = font.GDEF?.glyphClassDef;
  if (classes) forEachClass(classes, (glyph, glyphClass) => glyphClass === 3 && active.opaque.add(glyph));
  return active;
}

function addLookup(
  table: LayoutTable,
  index: number,
  active: Coverages,
  seen: Set<number>,
  use: 'positioning' | 'substitution' | 'other',
): void {
  if (seen.has(index) || index >= table.lookupList.length) return;
  seen.add(index);
  const { lookupType, subTables } = item(table.lookupList, index);
  // A positioning lookup a feature names directly is told apart by its type; any other is opaque.
  const type = use === 'positioning' ? lookupType : 0;
  if (use === 'substitution' && lookupType === 1) {
    const singles = new Map<number, number>();
    for (let i = 0; i < subTables.length; i++) addSingles(item(subTables, i) as SingleSubst, singles);
    active.singles.set(index, singles);
    return;
  }
  if (use === 'substitution' && lookupType === 4) {
    for (let i = 0; i < subTables.length; i++) addLigatures(item(subTables, i) as LigatureSubst, active);
    return;
  }
  for (let i = 0; i < subTables.length; i++) {
    // Extension lookups wrap their subtable; contextual ones name further lookups.
    walk(item(subTables, i), (key, value) => {
      if (/coverage$/i.test(key)) {
        const coverage = value as Coverage | Coverage[];
        if (type === 2 && key === 'coverage') addCoverage(coverage, active.kerned);
        else if (type < 4 || type > 6 || /^mark1?Coverage$/.test(key)) addCoverage(coverage, active.opaque);
      } else if (key === 'lookupListIndex') addLookup(table, value as number, active, seen, 'other');
    });
  }
}

interface SingleSubst {
  version: number;
  coverage: Coverage;
  deltaGlyphID?: number;
  substitute?: List<number>;
}

function addSingles(table: SingleSubst, singles: Map<number, number>): void {
  coverageGlyphs(table.coverage).forEach((glyph, index) => {
    if (singles.has(glyph)) return; // the first subtable that covers a glyph applies
    const id = table.version === 1 ? (glyph + table.deltaGlyphID!) & 0xffff : item(table.substitute!, index);
    singles.set(glyph, id);
  });
}

/** Single substitutions apply in lookup order, each to what the ones before it left. */
function composeSingles(active: Coverages): void {
  const lookups = [...active.singles.entries()].sort(([a], [b]) => a - b).map(([, map]) => map);
  const glyphs = new Set(lookups.flatMap((map) => [...map.keys()]));
  for (const glyph of glyphs) {
    let id = glyph;
    for (const map of lookups) id = map.get(id) ?? id;
    if (id !== glyph) active.substitute.set(glyph, id);
  }
}

interface LigatureSubst {
  coverage: Coverage;
  ligatureSets: List<List<{ components: List<number> }>>;
}

// A ligature starts at a covered glyph only when the glyph after it is its first other component
// (no lookup here skips glyphs: marks are opaque).
function addLigatures(table: LigatureSubst, active: Coverages): void {
  coverageGlyphs(table.coverage).forEach((glyph, index) => {
    const set = item(table.ligatureSets, index);
    let next = active.ligating.get(glyph);
    if (!next) active.ligating.set(glyph, (next = new Set()));
    for (let i = 0; i < set.length; i++) {
      const { components } = item(set, i);
      if (components.length === 0) active.opaque.add(glyph);
      else next.add(item(components, 0));
    }
  });
}

/** A coverage table's glyphs in coverage index order. */
function coverageGlyphs(coverage: Coverage): number[] {
  const glyphs = [...(coverage.glyphs ?? [])];
  for (const { start, end, startCoverageIndex } of coverage.rangeRecords ?? []) {
    for (let glyph = start; glyph <= end; glyph++) glyphs[startCoverageIndex + glyph - start] = glyph;
  }
  return glyphs;
}

function item<T>(list: List<T>, index: number): T {
  return Array.isArray(list) ? list[index]! : list.get(index);
}

// Parts of a subtable that hold only values or glyph lists (kerning pairs, anchors, substitutes),
// never a coverage or a lookup index: not decoding them keeps the first use quick.
const NO_COVERAGE = new Set([
  ...['pairSets', 'classRecords', 'markArray', 'baseArray', 'ligatureArray', 'mark2Array'],
  ...['entryExitRecords', 'ligatureSets', 'sequences', 'alternateSets', 'substitute'],
]);

function walk(node: unknown, visit: (key: string, value: unknown) => void, depth = 0): void {
  if (depth > 8 || node === null || typeof node !== 'object' || ArrayBuffer.isView(node)) return;
  // restructure's lazily decoded arrays hold their stream and parent: walk their items instead.
  const lazy = node as { toArray?: () => unknown[] };
  if (typeof lazy.toArray === 'function') return walk(lazy.toArray(), visit, depth + 1);
  for (const [key, value] of Object.entries(node)) {
    if (/coverage$/i.test(key) || key === 'lookupListIndex') visit(key, value);
    else if (typeof value === 'object' && !NO_COVERAGE.has(key)) walk(value, visit, depth + 1);
  }
}

function addCoverage(coverage: Coverage | Coverage[], active: Set<number>): void {
  if (Array.isArray(coverage)) {
    for (const c of coverage) addCoverage(c, active);
    return;
  }
  for (const glyph of coverage.glyphs ?? []) active.add(glyph);
  for (const { start, end } of coverage.rangeRecords ?? []) {
    for (let glyph = start; glyph <= end; glyph++) active.add(glyph);
  }
}

function forEachClass(classes: ClassDef, each: (glyph: number, glyphClass: number) => void): void {
  classes.classValueArray?.forEach((c, i) => each(classes.startGlyph! + i, c));
  for (const { start, end, class: c } of classes.classRangeRecord ?? []) {
    for (let glyph = start; glyph <= end; glyph++) each(glyph, c);
  }
}
