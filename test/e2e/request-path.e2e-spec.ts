import type { JwtModuleOptions } from '@nestjs/jwt';
import { createHmac, KeyObject } from 'node:crypto';
import { Client } from 'pg';
import { TestSociety, TestUser } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** What one request costs the database: statements sent, and which are transaction control. */
async function statementsOf(call: () => PromiseLike<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    sent.push((typeof q === 'string' ? q : (q.text ?? '')).trim().split(/\s+/).slice(0, 2).join(' '));
    return original.apply(this, args);
  };
  try {
    await call();
  } finally {
    proto.query = original;
  }
  return sent;
}

/** @nestjs/jwt's provider token for its options (not exported from the package root). */
const JWT_MODULE_OPTIONS = 'JWT_MODULE_OPTIONS';

const b64 = (x: object) => Buffer.from(JSON.stringify(x)).toString('base64url');

describe('the request path (issue 7): round trips and authentication', () => {
  const t = withTestApp();
  let society: TestSociety<'secretary' | 'treasurer' | 'collector'>;

  beforeAll(async () => {
    society = await t.fx.society({ roles: ['secretary', 'treasurer', 'collector'] });
    await t.fx.donation(society, { amountFen: 10000 });
  });

  const list = (user: TestUser, sid = society.id) =>
    t.http.get(`/api/v1/societies/${sid}/donations?limit=50`).set(user.auth);

  it('an authenticated list is two statements, no transaction: the caller with its roles, then the rows', async () => {
    const sent = await statementsOf(() => list(society.secretary).expect(200));
    expect(sent).toEqual(['SELECT u.id,', 'SELECT x.id,']);
  });

  it('a route without :sid reads only the caller', async () => {
    const sent = await statementsOf(() => t.http.get('/api/v1/users').set(t.admin.auth).expect(200));
    expect(sent).toHaveLength(2);
    expect(sent.some((s) => /^(BEGIN|START|COMMIT)/.test(s))).toBe(false);
  });

  it('the roles read with the caller still decide: 403 without a role, 404 for an unknown society', async () => {
    await list(society.collector).expect(403);
    const overseer = await t.fx.user({ platformRole: 'overseer' });
    await list(overseer).expect(200); // no membership: passes on the platform role
    await list(overseer, '00000000-0000-4000-8000-000000000000').expect(404);
    await list(overseer, 'not-a-uuid').expect(404);
    await list(t.admin).expect(403); // a platform admin is not a donation reader
  });

  it('the token key is one KeyObject for the process, not rebuilt from the secret per request', () => {
    const options = t.app.get<JwtModuleOptions>(JWT_MODULE_OPTIONS);
    const key = options.secretOrKeyProvider?.(0 as never, '', undefined);
    expect(key).toBeInstanceOf(KeyObject);
    expect(options.secretOrKeyProvider?.(1 as never, '', undefined)).toBe(key);
  });

  it('accepts the scheme in any case, and refuses tokens not signed HS256 with our key', async () => {
    const token = society.secretary.token;
    await t.http
      .get(`/api/v1/societies/${society.id}/donations`)
      .set('Authorization', `bearer ${token}`)
      .expect(200);
    const [, body] = token.split('.');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${body}.`;
    const hs512Head = b64({ alg: 'HS512', typ: 'JWT' });
    const hs512 = `${hs512Head}.${body}.${createHmac('sha512', t.config.JWT_SECRET).update(`${hs512Head}.${body}`).digest('base64url')}`;
    for (const bad of [none, hs512, '', 'Basic abc']) {
      const res = await t.http
        .get(`/api/v1/societies/${society.id}/donations`)
        .set('Authorization', bad.startsWith('Basic') || bad === '' ? bad : `Bearer ${bad}`)
        .expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('the request path (issue 7): a donation POST', () => {
  const t = withTestApp();
  let society: TestSociety<'treasurer'>;
  let donorId: string;

  beforeAll(async () => {
    society = await t.fx.society({ roles: ['treasurer'] });
    donorId = (await t.fx.donation(society, { amountFen: 10000 })).donorId; // the chain heads and counters exist
  });

  it('is one transaction of few statements, fewest while the fund row is locked', async () => {
    let res: { status: number; body: { receiptNo: string; donorName: string } } | undefined;
    const sent = await statementsOf(async () => {
      res = await t.http
        .post(`/api/v1/societies/${society.id}/donations`)
        .set(society.treasurer.auth)
        .set('Idempotency-Key', 'request-path-1')
        .send({ donorId, amountFen: 2500, channel: 'cash', receivedAt: '2026-11-29' });
    });
    expect(res?.status).toBe(201);
    // Was 22: user, roles, BEGIN, key, donor, date, fund, accounts, counter, entry, lines, accounts,
    // fund, counter, donation, 4 × audit, read-back, key, COMMIT.
    expect(sent).toHaveLength(13);
    expect(sent.filter((q) => /^(START|BEGIN|COMMIT|SAVEPOINT)/.test(q))).toEqual([
      'START TRANSACTION',
      'COMMIT',
    ]);
    const locked = sent.slice(sent.indexOf('SELECT f.held_fen,'));
    expect(locked).toHaveLength(8); // was 15: fund+accounts, entry, counter, donation, audit × 2, key, COMMIT
    // The answer built from the insert is the donation as GET reads it.
    const body = res!.body as unknown as { id: string };
    const read = await t.http
      .get(`/api/v1/societies/${society.id}/donations/${body.id}`)
      .set(society.treasurer.auth)
      .expect(200);
    expect(body).toEqual(read.body);
  });

  it('keeps the books exact when donations race: the fund and accounts are read at their latest version', async () => {
    const give = (i: number) =>
      t.http
        .post(`/api/v1/societies/${society.id}/donations`)
        .set(society.treasurer.auth)
        .send({
          donorId,
          amountFen: 100 + i,
          channel: i % 2 ? 'cash' : 'bank_transfer',
          receivedAt: '2026-11-29',
        });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => give(i)));
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(201));
    const rec = await t.http
      .get(`/api/v1/societies/${society.id}/fund/reconciliation`)
      .set(society.treasurer.auth)
      .expect(200);
    expect(rec.body.ok).toBe(true);
  });
});
