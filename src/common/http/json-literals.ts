import { MAX_DEPTH } from './input-guard';

/**
 * Money is "a JSON integer" (API.md): `1.0` and `1e2` are floats in the text even though
 * JSON.parse turns them into integers, so the check needs the text. Returns the dotted path of
 * the first field ending in `Fen` whose value is written with a fraction or an exponent, or null.
 */
export function fenWrittenAsFloat(text: string): string | null {
  const marked = markFloatLiterals(text);
  if (marked === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(marked);
  } catch {
    return null; // the real parser reports malformed JSON
  }
  return findMarkedFen(parsed, '', 0);
}

const MARK = '\u0000float';
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

/** The text with every float-form number literal (outside strings) replaced by a marker string. */
function markFloatLiterals(text: string): string | null {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i += text.charCodeAt(i) === 0x5c ? 2 : 1);
      i++;
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) {
        i++;
        continue;
      }
      if (m[1] !== undefined || m[2] !== undefined) {
        out += `${text.slice(copied, i)}${JSON.stringify(MARK)}`;
        copied = i + m[0].length;
      }
      i += m[0].length;
      continue;
    }
    i++;
  }
  return copied === 0 ? null : out + text.slice(copied);
}

function findMarkedFen(value: unknown, path: string, depth: number): string | null {
  // Deeper bodies are refused by the input guard; do not recurse into them here.
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (child === MARK && key.endsWith('Fen')) return childPath;
    const found = findMarkedFen(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}
