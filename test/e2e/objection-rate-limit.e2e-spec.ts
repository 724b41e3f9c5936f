import { paidCase, publish } from '../support/disclosure-fixtures';
import { PiiCipher } from '../../src/common/crypto/pii-cipher';
import { TEST_PII_KEY, withTestApp } from '../support/test-app';

/**
 * A burst of objections from one client (issue 9 "Bad input"): at most OBJECTION_RATE_LIMIT per
 * client address in 10 minutes, counted in PostgreSQL (every instance shares it), 429 with
 * Retry-After past it; other clients and, after the window, the same client are not affected.
 */
describe('POST /public/disclosures/:did/objections: rate limited per client', () => {
  const t = withTestApp({ OBJECTION_RATE_LIMIT: '3', TRUST_PROXY: 'loopback' });
  afterEach(() => t.clock.reset());

  it('refuses the 4th objection of a client in 10 minutes with 429 and Retry-After; nothing is stored', async () => {
    t.clock.set('2026-11-30T02:00:00Z');
    const soc = await t.fx.society({ board: 1 });
    await t.fx.donation(soc, { amountFen: 500_000 });
    const c = await paidCase(t, soc, { amountFen: 50_000 });
    const notice = await publish(t, soc, [c.id]);
    const object = (client: string, content = '情况不符') =>
      t.http
        .post(`/api/v1/public/disclosures/${notice.id}/objections`)
        .set('X-Forwarded-For', client)
        .send({ content });

    for (let i = 0; i < 3; i++) await object('203.0.113.7', `第${i + 1}条`).expect(201);
    const refused = await object('203.0.113.7', '第4条').expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(600);
    // Even a bad request counts once the limit is reached: refused before validation.
    await object('203.0.113.7', '').expect(429);
    const stored = await t.db.query<{ content_enc: Buffer }>(
      `SELECT content_enc FROM objections WHERE disclosure_id = $1`,
      [notice.id],
    );
    const cipher = new PiiCipher(TEST_PII_KEY); // the resident's words are stored encrypted
    expect(stored.rows.map((r) => cipher.decrypt(r.content_enc)).sort()).toEqual(['第1条', '第2条', '第3条']);

    await object('198.51.100.20').expect(201); // another client
    t.clock.advance(10 * 60_000);
    await object('203.0.113.7', '十分钟后').expect(201);
  });
});
