import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a receiver checks: `sha256=` and the hex HMAC-SHA256 of the exact raw body with the secret. */
export const SIGNATURE_HEADER = 'X-Huzhu-Signature';

export function signBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does (and the tests): recompute and compare in constant time. */
export function verifySignature(body: string | Buffer, secret: string, header: string | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signBody(body, secret));
  const got = Buffer.from(header);
  return got.length === want.length && timingSafeEqual(got, want);
}
