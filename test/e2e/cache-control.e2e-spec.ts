import { TEST_PASSWORD, TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

describe('Cache-Control: no-store on answers with personal data', () => {
  const t = withTestApp();
  let society: TestSociety<'secretary' | 'treasurer'>;
  let donorId: string;
  let donationId: string;

  beforeAll(async () => {
    society = await t.fx.society({ roles: ['secretary', 'treasurer'] });
    donorId = (await t.fx.donor(society, { name: '李四' })).id;
    donationId = (await t.fx.donation(society, { donor: { id: donorId }, amountFen: 10000 })).id;
  });

  it.each([
    ['GET /users', () => t.http.get('/api/v1/users').set(t.admin.auth)],
    ['GET /auth/me', () => t.http.get('/api/v1/auth/me').set(t.admin.auth)],
    ['GET …/members', () => t.http.get(`/api/v1/societies/${society.id}/members`).set(t.admin.auth)],
    ['GET …/donors', () => t.http.get(`/api/v1/societies/${society.id}/donors`).set(society.treasurer.auth)],
    [
      'GET …/donors/:did',
      () => t.http.get(`/api/v1/societies/${society.id}/donors/${donorId}`).set(society.treasurer.auth),
    ],
    [
      'GET …/donations',
      () => t.http.get(`/api/v1/societies/${society.id}/donations`).set(society.treasurer.auth),
    ],
    [
      'GET …/donations/:id',
      () => t.http.get(`/api/v1/societies/${society.id}/donations/${donationId}`).set(society.treasurer.auth),
    ],
  ])('%s → 200, no-store', async (_name, call) => {
    const res = await call().expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('also on login (the answer carries the token) and on its errors', async () => {
    const ok = await t.http
      .post('/api/v1/auth/login')
      .send({ username: society.secretary.username, password: TEST_PASSWORD })
      .expect(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const bad = await t.http
      .post('/api/v1/auth/login')
      .send({ username: society.secretary.username, password: 'not the password' })
      .expect(401);
    expect(bad.headers['cache-control']).toBe('no-store');
    const anonymous = await t.http.get('/api/v1/auth/me').expect(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('keeps a handler’s own value (receipt PDFs: private, no-store)', async () => {
    const pdf = await t.http
      .get(`/api/v1/societies/${society.id}/donations/${donationId}/receipt.pdf`)
      .set(society.treasurer.auth)
      .expect(200);
    expect(pdf.headers['cache-control']).toBe('private, no-store');
  });

  it('leaves /health cacheable', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.headers['cache-control']).toBeUndefined();
  });
});
