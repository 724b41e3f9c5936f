// 12-digit statistical region codes: province(2) city(2) county(2) — the GB/T 2260 code — then
// township(3) and village/community(3). A society belongs to one full code; oversight filters by prefix.

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'province',
  4: 'city',
  6: 'county',
  9: 'township',
  12: 'village',
};

const PROVINCES = new Set([
  ...range(11, 15),
  ...range(21, 23),
  ...range(31, 37),
  ...range(41, 46),
  ...range(50, 54),
  ...range(61, 65),
  71,
  81,
  82,
]);

// Prefecture-level cities with no county level (不设区的地级市): their townships hang directly off
// the city, so the county part is 00 (东莞 441900003001, 中山 442000002xxx, 儋州 460400100xxx).
export const CITIES_WITHOUT_COUNTIES: readonly string[] = ['4419', '4420', '4604'];

/** A full 12-digit code of a village or community. */
export function isValidRegionCode(s: string): boolean {
  return s.length === 12 && regionPrefixValid(s);
}

/** A 2, 4, 6, 9 or 12-digit prefix whose every part is well formed. */
export function regionPrefixValid(prefix: string): boolean {
  if (!/^\d+$/.test(prefix) || !(prefix.length in LEVEL_BY_LENGTH)) return false;
  const part = (from: number, to: number) => prefix.slice(from, to);
  if (!PROVINCES.has(Number(part(0, 2)))) return false;
  if (prefix.length >= 4 && part(2, 4) === '00') return false;
  if (prefix.length >= 6 && part(4, 6) === '00' && !CITIES_WITHOUT_COUNTIES.includes(part(0, 4)))
    return false;
  if (prefix.length >= 9 && part(6, 9) === '000') return false;
  if (prefix.length >= 12 && part(9, 12) === '000') return false;
  return true;
}

/** The level a valid code or prefix designates (by its length); null if invalid. */
export function regionLevel(codeOrPrefix: string): RegionLevel | null {
  return regionPrefixValid(codeOrPrefix) ? LEVEL_BY_LENGTH[codeOrPrefix.length] : null;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
