import { intakeKey, warningBody } from '../support/lead-fixtures';
import { withTestApp } from '../support/test-app';

/**
 * POST /intake/warnings is limited per intake key (INTAKE_RATE_LIMIT a minute), counted in
 * PostgreSQL: past it 429 with Retry-After; another key is not affected, nor the key after the minute.
 */
describe('POST /intake/warnings: rate limited per key', () => {
  const t = withTestApp({ INTAKE_RATE_LIMIT: '3' });
  afterEach(() => t.clock.reset());

  it('refuses the 4th warning of a key in a minute with 429 and Retry-After; nothing more is stored', async () => {
    t.clock.set('2026-11-30T02:00:00Z');
    const soc = await t.fx.society();
    const one = await intakeKey(t, soc, '平台甲');
    const two = await intakeKey(t, soc, '平台乙');
    const send = (key: string) =>
      t.http.post('/api/v1/intake/warnings').set('Authorization', `ApiKey ${key}`).send(warningBody());

    for (let i = 0; i < 3; i++) await send(one.key).expect(201);
    const refused = await send(one.key).expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM leads WHERE intake_key_id = $1`, [
      one.id,
    ]);
    expect(rows[0].n).toBe(3);

    await send(two.key).expect(201); // another key
    t.clock.advance(60_000);
    await send(one.key).expect(201);
  });
});
