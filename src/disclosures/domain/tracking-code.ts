/**
 * The tracking code a resident gets for an objection (查询码): 12 characters of Crockford base32
 * (60 random bits), stored as 12 characters and shown grouped, ABCD-EFGH-JKMN. Read back from paper
 * or a phone call it forgives what people get wrong: case, hyphens and spaces, I or L for 1, O for 0.
 * The random bytes come from the caller (crypto.randomBytes), so this stays pure.
 */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 12;
/** Bytes a code takes: 60 bits from the first 8 bytes (64 bits). */
export const TRACKING_CODE_BYTES = 8;

/** The canonical (ungrouped) code from 8 random bytes. */
export function trackingCode(random: Uint8Array): string {
  if (random.length < TRACKING_CODE_BYTES) throw new RangeError(`need ${TRACKING_CODE_BYTES} random bytes`);
  let bits = 0n;
  for (let i = 0; i < TRACKING_CODE_BYTES; i++) bits = (bits << 8n) | BigInt(random[i]);
  let out = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) {
    out = CROCKFORD[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return out;
}

/** 'ABCDEFGHJKMN' → 'ABCD-EFGH-JKMN'. */
export function groupTrackingCode(code: string): string {
  if (normalizeTrackingCode(code) !== code) throw new RangeError('not a canonical tracking code');
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

const FORGIVEN: Record<string, string> = { I: '1', L: '1', O: '0' };
// Longer input is no code however it is read: refuse it before any work.
const MAX_INPUT = 40;

/** The canonical code a resident meant, or null when the input cannot be one. */
export function normalizeTrackingCode(input: string): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT) return null;
  const folded = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[ILO]/g, (c) => FORGIVEN[c]);
  if (folded.length !== TRACKING_CODE_LENGTH) return null;
  for (const c of folded) if (!CROCKFORD.includes(c)) return null;
  return folded;
}
