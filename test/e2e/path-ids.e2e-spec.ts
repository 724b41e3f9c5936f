import { withTestApp } from '../support/test-app';

/**
 * A path id that is not a UUID (src/common/http/uuid.pipe.ts): 404 naming the entity, as for an
 * unknown id; and, as for an unknown id, a bad body or query is still a 400 first.
 */
describe('Path ids that are not UUIDs', () => {
  const t = withTestApp();
  let s: Awaited<ReturnType<typeof t.fx.society>>;
  let url: string;

  beforeAll(async () => {
    s = await t.fx.society();
    url = s.url;
  });

  it('answer 404 NOT_FOUND naming the entity, in both languages', async () => {
    const cases = [
      [
        t.http.get(`${url}/donors/not-a-uuid`).set(s.treasurer.auth),
        { entity: 'donor', donorId: 'not-a-uuid' },
      ],
      [
        t.http.get(`${url}/donors/not-a-uuid/annual-receipt.pdf?year=2026`).set(s.treasurer.auth),
        { entity: 'donor', donorId: 'not-a-uuid' },
      ],
      [t.http.get(`${url}/donations/not-a-uuid`).set(s.treasurer.auth), { entity: 'donation' }],
      [t.http.get(`${url}/donations/not-a-uuid/receipt.pdf`).set(s.treasurer.auth), { entity: 'donation' }],
      [
        t.http.post(`${url}/donations/not-a-uuid/void`).set(s.treasurer.auth).send({ reason: '录错' }),
        { entity: 'donation' },
      ],
      [
        t.http
          .patch(`${url}/members/not-a-uuid`)
          .set(s.secretary.auth)
          .send({ roles: ['board'] }),
        { entity: 'member' },
      ],
      [t.http.delete(`${url}/members/not-a-uuid`).set(s.secretary.auth), { entity: 'member' }],
    ] as const;
    for (const [call, details] of cases) {
      const res = await call;
      expect([res.status, res.body.code, res.body.message, res.body.details]).toEqual([
        404,
        'NOT_FOUND',
        '找不到该对象',
        details,
      ]);
    }
    const en = await t.http.get(`${url}/donations/x`).set(s.treasurer.auth).set('Accept-Language', 'en');
    expect([en.status, en.body.message]).toEqual([404, 'Not found']);
  });

  it('still answer a bad body or query with 400 first, as an unknown id does', async () => {
    const badBody = await t.http.post(`${url}/donations/not-a-uuid/void`).set(s.treasurer.auth).send({});
    expect([badBody.status, Object.keys(badBody.body.details as object)]).toEqual([400, ['reason']]);
    const badRoles = await t.http.patch(`${url}/members/not-a-uuid`).set(s.secretary.auth).send({});
    expect([badRoles.status, Object.keys(badRoles.body.details as object)]).toEqual([400, ['roles']]);
    const badYear = await t.http
      .get(`${url}/donors/not-a-uuid/annual-receipt.pdf?year=abc`)
      .set(s.treasurer.auth);
    expect([badYear.status, Object.keys(badYear.body.details as object)]).toEqual([400, ['year']]);
  });

  it('leave the society check to access control: 403 to a non-member, 404 to the platform', async () => {
    await t.http.get('/api/v1/societies/not-a-uuid/fund').set(s.treasurer.auth).expect(403);
    const res = await t.http.get('/api/v1/societies/not-a-uuid/members').set(t.admin.auth).expect(404);
    expect(res.body.details).toEqual({ entity: 'society' });
  });
});
