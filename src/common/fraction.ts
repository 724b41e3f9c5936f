// Thresholds in bylaws ("2/3 of the board", "过半数") as exact rationals: a float 2/3 would make
// "6 of 9 voted" depend on rounding.

export interface Fraction {
  readonly p: number;
  readonly q: number;
}

const FRACTION = /^([1-9]\d{0,5})\/([1-9]\d{0,5})$/;

/** "2/3" → {p: 2, q: 3}. Only 0 < p/q ≤ 1 with terms below 10^6; no spaces, signs or decimals. */
export function parseFraction(s: string): Fraction | null {
  const m = FRACTION.exec(s);
  if (!m) return null;
  const p = Number(m[1]);
  const q = Number(m[2]);
  return p <= q ? { p, q } : null;
}

/** As written in the bylaws, unreduced: "4/6" stays "4/6". */
export function formatFraction(f: Fraction): string {
  return `${f.p}/${f.q}`;
}

/** x ≥ f·of ("以上" includes the number): at least 2/3 of 9 is 6. */
export function atLeast(x: number, f: Fraction, of: number): boolean {
  return compare(x, f, of) >= 0;
}

/** x > f·of ("超过", "过半数" = moreThan(x, 1/2, n)). */
export function moreThan(x: number, f: Fraction, of: number): boolean {
  return compare(x, f, of) > 0;
}

/** Smallest integer ≥ f·n: how many votes "at least f of n" needs. */
export function ceilTimes(f: Fraction, n: number): number {
  checkFraction(f);
  checkInteger(n, 'n');
  const [p, q, bn] = [BigInt(f.p), BigInt(f.q), BigInt(n)];
  const num = p * bn;
  // BigInt division truncates toward zero; adjust to a ceiling for either sign of n.
  const quotient = num / q + (num % q > 0n ? 1n : 0n);
  return Number(quotient);
}

// Sign of x·q − p·of. BigInt throughout: for p, q < 10^6 and counts < 10^6 the products fit in 2^53,
// but callers may pass any safe integer, and then x·q could exceed it and round silently.
function compare(x: number, f: Fraction, of: number): number {
  checkFraction(f);
  checkInteger(x, 'x');
  checkInteger(of, 'of');
  const diff = BigInt(x) * BigInt(f.q) - BigInt(f.p) * BigInt(of);
  return diff > 0n ? 1 : diff < 0n ? -1 : 0;
}

// Fractions may come from stored bylaws rather than parseFraction, so re-check the invariant.
function checkFraction(f: Fraction): void {
  if (!Number.isSafeInteger(f.p) || !Number.isSafeInteger(f.q) || f.p <= 0 || f.q <= 0 || f.p > f.q) {
    throw new RangeError(`not a fraction in (0, 1]: ${f.p}/${f.q}`);
  }
}

function checkInteger(n: number, name: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be a safe integer: ${n}`);
}
