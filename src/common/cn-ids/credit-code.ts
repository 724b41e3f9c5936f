// 统一社会信用代码, GB 32100-2015: 17 characters + a base-31 check character.

// Index in this string is the character's value (0-9, A=10 … Y=30); I O Z S V are excluded.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** Check character for the first 17 characters. */
export function creditCodeCheckChar(first17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17)) {
    throw new RangeError(`expected 17 characters of the credit-code alphabet: ${first17}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Alphabet and checksum only, on the canonical uppercase form. Deliberately not checked: the
 * registration-authority code (position 1) and organisation-type code (position 2). Their tables have
 * grown by amendment since 2015 (e.g. A, N as authorities), so a hard-coded list would reject real
 * donors' codes; the checksum already catches typos.
 */
export function isValidCreditCode(s: string): boolean {
  return SHAPE.test(s) && creditCodeCheckChar(s.slice(0, 17)) === s[17];
}

/** Trims and uppercases user input; null unless the result is a valid code. */
export function normalizeCreditCode(s: string): string | null {
  const code = s.trim().toUpperCase();
  return isValidCreditCode(code) ? code : null;
}
