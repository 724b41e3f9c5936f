import { JwtService } from '@nestjs/jwt';
import { UsersService } from '../../src/auth/users.service';
import { TEST_PASSWORD } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

describe('Auth and users (API.md)', () => {
  const t = withTestApp();

  describe('POST /auth/login', () => {
    it('returns a bearer token and the user, and the token works', async () => {
      const user = await t.fx.user({ displayName: '王五' });
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD })
        .expect(200);
      expect(res.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 3600,
        user: { id: user.id, username: user.username, displayName: '王五', platformRole: null },
      });
      const me = await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(me.body.id).toBe(user.id);
    });

    it('accepts the username in any case', async () => {
      const user = await t.fx.user({ username: 'MixedCase' });
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'mixedcase', password: TEST_PASSWORD })
        .expect(200);
      expect(user.username).toBe('MixedCase');
    });

    it('gives the same 401 for an unknown user and a wrong password', async () => {
      const user = await t.fx.user();
      const wrong = await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: 'wrong password!' })
        .expect(401);
      const unknown = await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'nobody-here', password: 'wrong password!' })
        .expect(401);
      expect(wrong.body.code).toBe('UNAUTHENTICATED');
      expect({ ...wrong.body, requestId: 0 }).toEqual({ ...unknown.body, requestId: 0 });
    });

    it('locks a username for the failing address after 5 failures (429), even for the right password, and unknown names alike', async () => {
      const user = await t.fx.user();
      for (let i = 0; i < 5; i++) {
        await t.http
          .post('/api/v1/auth/login')
          .send({ username: user.username, password: `bad password ${i}` })
          .expect(401);
      }
      const locked = await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD })
        .expect(429);
      expect(locked.body.code).toBe('RATE_LIMITED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      for (let i = 0; i < 5; i++) {
        await t.http
          .post('/api/v1/auth/login')
          .send({ username: 'ghost-user', password: `bad password ${i}` })
          .expect(401);
      }
      await t.http.post('/api/v1/auth/login').send({ username: 'ghost-user', password: 'x' }).expect(429);
      // Another user is not affected.
      const other = await t.fx.user();
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: other.username, password: TEST_PASSWORD })
        .expect(200);
    });

    it('rejects a missing or non-string field with 400', async () => {
      expect((await t.http.post('/api/v1/auth/login').send({ username: 'a' }).expect(400)).body.code).toBe(
        'VALIDATION_FAILED',
      );
      expect(
        (await t.http.post('/api/v1/auth/login').send({ username: 5, password: 'x' }).expect(400)).body
          .details.username,
      ).toBeDefined();
    });

    it('rejects an expired, forged or deactivated user token with 401', async () => {
      const user = await t.fx.user();
      await t.http.get('/api/v1/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
      const forged = user.token.slice(0, -3) + (user.token.endsWith('AAA') ? 'BBB' : 'AAA');
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
      const expired = t.app
        .get(JwtService)
        .sign({ sub: user.id, username: user.username, ver: 0 }, { expiresIn: -10 });
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      await t.db.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
    });
  });

  describe('token versions: revoking issued tokens', () => {
    const login = async (username: string, password = TEST_PASSWORD) =>
      (await t.http.post('/api/v1/auth/login').send({ username, password }).expect(200)).body
        .accessToken as string;
    const me = (token: string) => t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

    it('a password change revokes every token issued before it, at once (401 UNAUTHENTICATED)', async () => {
      const user = await t.fx.user();
      const phone = await login(user.username);
      const laptop = await login(user.username);
      await me(phone).expect(200);
      await t.http
        .post('/api/v1/auth/password')
        .set('Authorization', `Bearer ${laptop}`)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new secret' })
        .expect(204);
      const revoked = await me(phone).expect(401);
      expect(revoked.body.code).toBe('UNAUTHENTICATED');
      await me(laptop).expect(401);
      await me(await login(user.username, 'a brand new secret')).expect(200);
    });

    it('UsersService.setPassword revokes too, whoever calls it (e.g. an admin tool)', async () => {
      const user = await t.fx.user();
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      await t.run(() => t.app.get(UsersService).setPassword(user.id, 'reset by an admin', t.admin.id));
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
      await me(await login(user.username, 'reset by an admin')).expect(200);
    });

    it('deactivation revokes: reactivating the user does not bring old tokens back', async () => {
      const user = await t.fx.user();
      const token = await login(user.username);
      await t.db.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
      await me(token).expect(401);
      await t.db.query('UPDATE users SET active = true WHERE id = $1', [user.id]);
      await me(token).expect(401);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
      await me(await login(user.username)).expect(200);
    });

    it('refuses a token without a version (it could never be revoked)', async () => {
      const user = await t.fx.user();
      const unversioned = t.app.get(JwtService).sign({ sub: user.id, username: user.username });
      await me(unversioned).expect(401);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
    });
  });

  describe('GET /auth/me', () => {
    it('lists the memberships with society names and roles', async () => {
      const society = await t.fx.society({ name: '石门村互助社', regionCode: '341702001002', roles: [] });
      const user = await t.fx.member(society, ['board', 'collector'], { displayName: '赵六' });
      const me = await t.http.get('/api/v1/auth/me').set(user.auth).expect(200);
      expect(me.body).toEqual({
        id: user.id,
        username: user.username,
        displayName: '赵六',
        platformRole: null,
        memberships: [{ societyId: society.id, societyName: '石门村互助社', roles: ['board', 'collector'] }],
      });
    });
  });

  describe('POST /auth/password', () => {
    it('changes the password (204); the old one stops working', async () => {
      const user = await t.fx.user();
      await t.http
        .post('/api/v1/auth/password')
        .set(user.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new secret' })
        .expect(204);
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD })
        .expect(401);
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: 'a brand new secret' })
        .expect(200);
      const audit = await t.db.query(`SELECT action FROM audit_events WHERE entity_id = $1`, [user.id]);
      expect(audit.rows.map((r) => r.action)).toContain('user.password_changed');
    });

    it('rejects a short new password and a wrong current one with 400, changing nothing', async () => {
      const user = await t.fx.user();
      const short = await t.http
        .post('/api/v1/auth/password')
        .set(user.auth)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(short.body.details.newPassword).toBeDefined();
      const wrong = await t.http
        .post('/api/v1/auth/password')
        .set(user.auth)
        .send({ currentPassword: 'not my password', newPassword: 'long enough password' })
        .expect(400);
      expect(wrong.body.details.currentPassword).toEqual(['当前密码不正确']);
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: user.username, password: TEST_PASSWORD })
        .expect(200);
    });
  });

  describe('POST /users and GET /users (admin)', () => {
    it('creates a user, never returning a hash, and stores the phone encrypted', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set(t.admin.auth)
        .send({
          username: 'chen.qi',
          password: 'a long passphrase',
          displayName: '陈七',
          phone: '+86 138-0013-8000',
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        username: 'chen.qi',
        displayName: '陈七',
        phoneMasked: '138****8000',
        platformRole: null,
        active: true,
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/argon|hash|password/i);
      const row = await t.db.query(`SELECT * FROM users WHERE id = $1`, [res.body.id]);
      const raw = JSON.stringify(row.rows[0]) + row.rows[0].phone_enc.toString('latin1');
      expect(raw).not.toContain('13800138000');
      expect(raw).not.toContain('8000');
      expect(row.rows[0].password_hash).toMatch(/^\$argon2id\$/);
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'chen.qi', password: 'a long passphrase' })
        .expect(200);
    });

    it('answers 409 CONFLICT for a taken username, whatever the case', async () => {
      await t.http
        .post('/api/v1/users')
        .set(t.admin.auth)
        .send({ username: 'dup-user', password: 'a long passphrase', displayName: '甲' })
        .expect(201);
      const res = await t.http
        .post('/api/v1/users')
        .set(t.admin.auth)
        .send({ username: 'DUP-user', password: 'a long passphrase', displayName: '乙' })
        .expect(409);
      expect(res.body.code).toBe('CONFLICT');
    });

    it('validates username, password length, phone and platform role', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set(t.admin.auth)
        .send({ username: 'a b', password: 'short', displayName: '', phone: '12345', platformRole: 'king' })
        .expect(400);
      expect(Object.keys(res.body.details).sort()).toEqual([
        'displayName',
        'password',
        'phone',
        'platformRole',
        'username',
      ]);
      expect(res.body.details.phone).toEqual(['必须是有效的手机号码']);
    });

    it('creates platform users (overseer) who can then act as such', async () => {
      const res = await t.http
        .post('/api/v1/users')
        .set(t.admin.auth)
        .send({
          username: 'bureau',
          password: 'a long passphrase',
          displayName: '民政局',
          platformRole: 'overseer',
        })
        .expect(201);
      expect(res.body.platformRole).toBe('overseer');
    });

    it('searches by username or display name, paged', async () => {
      await t.http
        .post('/api/v1/users')
        .set(t.admin.auth)
        .send({ username: 'findme1', password: 'a long passphrase', displayName: '欧阳锋' })
        .expect(201);
      const byName = await t.http.get('/api/v1/users').query({ q: '欧阳' }).set(t.admin.auth).expect(200);
      expect(byName.body.items.map((u: { username: string }) => u.username)).toEqual(['findme1']);
      const byUser = await t.http.get('/api/v1/users').query({ q: 'FINDME' }).set(t.admin.auth).expect(200);
      expect(byUser.body.items).toHaveLength(1);
      const wildcard = await t.http.get('/api/v1/users').query({ q: '%' }).set(t.admin.auth).expect(200);
      expect(wildcard.body.items).toHaveLength(0);
      const page = await t.http.get('/api/v1/users').query({ limit: 1 }).set(t.admin.auth).expect(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.nextCursor).toEqual(expect.any(String));
    });

    it('is for admins only', async () => {
      const user = await t.fx.user();
      await t.http.get('/api/v1/users').set(user.auth).expect(403);
      await t.http
        .post('/api/v1/users')
        .set(user.auth)
        .send({ username: 'x-user', password: 'a long passphrase', displayName: 'x' })
        .expect(403);
    });
  });
});
