import { withTestApp } from '../support/test-app';

/**
 * Each unique constraint's 409 in full (src/common/errors/unique-violation.ts maps them once), in
 * both languages, with the transaction rolled back. Written to hold whether or not a service still
 * catches the violation itself.
 */
describe('409 CONFLICT for a unique violation', () => {
  const t = withTestApp();

  const body = (res: { status: number; body: Record<string, unknown> }) => [
    res.status,
    res.body.code,
    res.body.message,
    res.body.details,
  ];

  it('a taken username', async () => {
    const user = { username: 'conflict-user', password: 'a long passphrase', displayName: '甲' };
    await t.http.post('/api/v1/users').set(t.admin.auth).send(user).expect(201);
    const zh = await t.http
      .post('/api/v1/users')
      .set(t.admin.auth)
      .send({ ...user, username: 'Conflict-User' });
    expect(body(zh)).toEqual([409, 'CONFLICT', '用户名已被使用', { field: 'username' }]);
    const en = await t.http.post('/api/v1/users').set(t.admin.auth).set('Accept-Language', 'en').send(user);
    expect(body(en)).toEqual([409, 'CONFLICT', 'The username is taken', { field: 'username' }]);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM users WHERE lower(username) = 'conflict-user'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('a society name taken in the region, on create and on rename', async () => {
    const society = { name: '冲突社', regionCode: '341702001009' };
    await t.http.post('/api/v1/societies').set(t.admin.auth).send(society).expect(201);
    const created = await t.http.post('/api/v1/societies').set(t.admin.auth).send(society);
    expect(body(created)).toEqual([409, 'CONFLICT', '本区划内已有同名互助社', { field: 'name' }]);
    const other = await t.http
      .post('/api/v1/societies')
      .set(t.admin.auth)
      .send({ ...society, name: '另一社' })
      .expect(201);
    const renamed = await t.http
      .patch(`/api/v1/societies/${other.body.id}`)
      .set(t.admin.auth)
      .set('Accept-Language', 'en')
      .send({ name: '冲突社' });
    expect(body(renamed)).toEqual([
      409,
      'CONFLICT',
      'A society with this name already exists in this region',
      { field: 'name' },
    ]);
    const got = await t.http.get(`/api/v1/societies/${other.body.id}`).set(t.admin.auth).expect(200);
    expect(got.body.name).toBe('另一社');
  });

  it('a user who is already a member', async () => {
    const s = await t.fx.society({ roles: [] });
    const user = await t.fx.user();
    const url = `/api/v1/societies/${s.id}/members`;
    await t.http
      .post(url)
      .set(t.admin.auth)
      .send({ userId: user.id, roles: ['board'] })
      .expect(201);
    const again = await t.http
      .post(url)
      .set(t.admin.auth)
      .send({ userId: user.id, roles: ['treasurer'] });
    expect(body(again)).toEqual([409, 'CONFLICT', '该用户已是本互助社成员', { field: 'userId' }]);
  });
});
