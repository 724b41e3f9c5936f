import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'a-shared-secret-16+';
  const body = '{"id":"e1","type":"case.paid","data":{"caseNo":"2026-0001","note":"互助"}}';

  it('is sha256= and the hex HMAC-SHA256 of the exact bytes with the secret', () => {
    // RFC 4231 test case 2.
    expect(signBody('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(signBody(body, secret)).toBe(
      `sha256=${createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex')}`,
    );
  });

  it('verifies its own signature, and nothing else', () => {
    const sig = signBody(body, secret);
    expect(verifySignature(body, secret, sig)).toBe(true);
    expect(verifySignature(body.replace('0001', '0002'), secret, sig)).toBe(false);
    expect(verifySignature(body, `${secret}x`, sig)).toBe(false);
    expect(verifySignature(body, secret, sig.toUpperCase())).toBe(false);
    expect(verifySignature(body, secret, sig.slice(0, -1))).toBe(false);
    expect(verifySignature(body, secret, undefined)).toBe(false);
  });
});
