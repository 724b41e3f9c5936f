import { withTestApp } from '../support/test-app';

describe('Societies and members (API.md)', () => {
  const t = withTestApp();

  describe('POST /societies', () => {
    it('creates a society with default settings and time zone', async () => {
      const res = await t.http
        .post('/api/v1/societies')
        .set(t.admin.auth)
        .send({
          name: '杏花村救急难互助社',
          regionCode: '341702001001',
          address: '杏花村村委会',
          contactPhone: '0566-2021234',
        })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: '杏花村救急难互助社',
        regionCode: '341702001001',
        address: '杏花村村委会',
        contactPhone: '0566-2021234',
        timezone: 'Asia/Shanghai',
        settings: {
          quorum: '2/3',
          approval: '2/3',
          approvalRule: 'at_least',
          voteWindowHours: 24,
          disclosureDays: 7,
          disclosureDeadlineDays: 10,
          maxAidPerCaseFen: 500000,
          maxAidPerPersonPerYearFen: 1000000,
          allowSingleOfficer: false,
        },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const audit = await t.db.query(`SELECT seq, action, actor_id FROM audit_events WHERE society_id = $1`, [
        res.body.id,
      ]);
      expect(audit.rows).toEqual([{ seq: '1', action: 'society.created', actor_id: t.admin.id }]);
    });

    it('takes settings and a time zone', async () => {
      const res = await t.http
        .post('/api/v1/societies')
        .set(t.admin.auth)
        .send({
          name: '新疆某社区互助社',
          regionCode: '650102001001',
          timezone: 'Asia/Urumqi',
          settings: { quorum: '1/2', approval: '1/2', approvalRule: 'more_than', allowSingleOfficer: true },
        })
        .expect(201);
      expect(res.body.timezone).toBe('Asia/Urumqi');
      expect(res.body.settings).toMatchObject({
        quorum: '1/2',
        approval: '1/2',
        approvalRule: 'more_than',
        allowSingleOfficer: true,
        voteWindowHours: 24,
      });
    });

    it.each([
      ['3/2', 'quorum'],
      ['0/1', 'quorum'],
      ['abc', 'approval'],
      ['1/0', 'approval'],
      ['2/3.0', 'quorum'],
    ])('rejects the fraction %s', async (value, field) => {
      const res = await t.http
        .post('/api/v1/societies')
        .set(t.admin.auth)
        .send({ name: `分数${value}`, regionCode: '341702001001', settings: { [field]: value } })
        .expect(400);
      expect(res.body.details[`settings.${field}`]).toEqual(['必须是形如 "p/q" 的分数，且 0 < p/q ≤ 1']);
    });

    it('rejects bad region codes, phones, time zones, limits and unknown settings, writing nothing', async () => {
      const before = (await t.db.query('SELECT count(*)::int AS n FROM societies')).rows[0].n;
      const cases: [Record<string, unknown>, string][] = [
        [{ regionCode: '34170200100' }, 'regionCode'],
        [{ regionCode: '991702001001' }, 'regionCode'],
        [{ regionCode: '341702000000' }, 'regionCode'],
        [{ contactPhone: '12345' }, 'contactPhone'],
        [{ timezone: 'Mars/Olympus' }, 'timezone'],
        [{ timezone: '+08:00' }, 'timezone'],
        [{ settings: { maxAidPerCaseFen: 0 } }, 'settings.maxAidPerCaseFen'],
        [{ settings: { maxAidPerCaseFen: 1.5 } }, 'settings.maxAidPerCaseFen'],
        [{ settings: { maxAidPerCaseFen: '500' } }, 'settings.maxAidPerCaseFen'],
        [{ settings: { maxAidPerPersonPerYearFen: 10 ** 12 + 1 } }, 'settings.maxAidPerPersonPerYearFen'],
        [{ settings: { voteWindowHours: 0 } }, 'settings.voteWindowHours'],
        [{ settings: { approvalRule: 'most' } }, 'settings.approvalRule'],
        [{ settings: { allowSingleOfficer: 'yes' } }, 'settings.allowSingleOfficer'],
        [{ settings: { bogus: 1 } }, 'settings.bogus'],
        [{ settings: { maxAidPerCaseFen: 2000000 } }, 'settings.maxAidPerCaseFen'],
        [{ name: '' }, 'name'],
      ];
      for (const [patch, field] of cases) {
        const res = await t.http
          .post('/api/v1/societies')
          .set(t.admin.auth)
          .send({ name: '校验用互助社', regionCode: '341702001001', ...patch });
        expect([res.status, field, Object.keys(res.body.details ?? {})]).toEqual([400, field, [field]]);
      }
      expect((await t.db.query('SELECT count(*)::int AS n FROM societies')).rows[0].n).toBe(before);
    });

    it('answers 409 CONFLICT for a second society of the same name in the same region', async () => {
      await t.http
        .post('/api/v1/societies')
        .set(t.admin.auth)
        .send({ name: '同名社', regionCode: '341702001003' })
        .expect(201);
      const res = await t.http
        .post('/api/v1/societies')
        .set(t.admin.auth)
        .send({ name: '同名社', regionCode: '341702001003' })
        .expect(409);
      expect(res.body.code).toBe('CONFLICT');
      await t.http
        .post('/api/v1/societies')
        .set(t.admin.auth)
        .send({ name: '同名社', regionCode: '341702001004' })
        .expect(201);
    });
  });

  describe('GET /societies', () => {
    it('shows all to admin and overseer, own ones to others', async () => {
      const a = await t.fx.society({ roles: [] });
      await t.fx.society({ roles: [] });
      const member = await t.fx.member(a, ['treasurer']);
      const overseer = await t.fx.user({ platformRole: 'overseer' });
      const total = (await t.db.query('SELECT count(*)::int AS n FROM societies')).rows[0].n;
      const all = await t.http.get('/api/v1/societies').query({ limit: 200 }).set(overseer.auth).expect(200);
      expect(all.body.items).toHaveLength(total);
      const own = await t.http.get('/api/v1/societies').set(member.auth).expect(200);
      expect(own.body.items.map((s: { id: string }) => s.id)).toEqual([a.id]);
    });
  });

  describe('GET and PATCH /societies/:sid', () => {
    it('lets the secretary edit details and merge settings, audited with the changes', async () => {
      const s = await t.fx.society({ roles: [] });
      const secretary = await t.fx.member(s, ['secretary']);
      const res = await t.http
        .patch(`/api/v1/societies/${s.id}`)
        .set(secretary.auth)
        .send({ address: '新址', settings: { disclosureDays: 10 } })
        .expect(200);
      expect(res.body.address).toBe('新址');
      expect(res.body.settings).toMatchObject({ disclosureDays: 10, quorum: '2/3', voteWindowHours: 24 });
      const again = await t.http
        .patch(`/api/v1/societies/${s.id}`)
        .set(secretary.auth)
        .send({ settings: { quorum: '3/4' } })
        .expect(200);
      expect(again.body.settings).toMatchObject({ disclosureDays: 10, quorum: '3/4' });
      const got = await t.http.get(`/api/v1/societies/${s.id}`).set(secretary.auth).expect(200);
      expect(got.body).toEqual({ ...again.body, updatedAt: expect.any(String) });
      const audit = await t.db.query(
        `SELECT data FROM audit_events WHERE society_id = $1 AND action = 'society.updated' ORDER BY seq`,
        [s.id],
      );
      expect(audit.rows[0].data.changes.address).toEqual({ from: null, to: '新址' });
    });

    it('rejects an invalid settings patch and keeps the old settings', async () => {
      const s = await t.fx.society({ roles: [] });
      await t.http
        .patch(`/api/v1/societies/${s.id}`)
        .set(t.admin.auth)
        .send({ settings: { approval: '3/2' } })
        .expect(400);
      await t.http
        .patch(`/api/v1/societies/${s.id}`)
        .set(t.admin.auth)
        .send({ settings: { maxAidPerPersonPerYearFen: 100 } })
        .expect(400);
      const got = await t.http.get(`/api/v1/societies/${s.id}`).set(t.admin.auth).expect(200);
      expect(got.body.settings).toMatchObject({ approval: '2/3', maxAidPerPersonPerYearFen: 1000000 });
    });

    it('answers 404 to admin for an unknown society and 403 to a user without a role there', async () => {
      const s = await t.fx.society({ roles: [] });
      const outsider = await t.fx.user();
      const unknown = '00000000-0000-4000-8000-000000000000';
      await t.http.get(`/api/v1/societies/${unknown}`).set(t.admin.auth).expect(404);
      await t.http.get(`/api/v1/societies/not-a-uuid`).set(t.admin.auth).expect(404);
      const res = await t.http.get(`/api/v1/societies/${s.id}`).set(outsider.auth).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
      await t.http.get(`/api/v1/societies/${unknown}`).set(outsider.auth).expect(403);
      await t.http.patch(`/api/v1/societies/${s.id}`).set(outsider.auth).send({ address: 'x' }).expect(403);
    });

    it("keeps one society's member out of another society", async () => {
      const a = await t.fx.society({ roles: [] });
      const b = await t.fx.society({ roles: [] });
      const secretaryA = await t.fx.member(a, ['secretary']);
      await t.http.get(`/api/v1/societies/${b.id}`).set(secretaryA.auth).expect(403);
      await t.http.patch(`/api/v1/societies/${b.id}`).set(secretaryA.auth).send({ address: 'x' }).expect(403);
      await t.http.get(`/api/v1/societies/${b.id}/members`).set(secretaryA.auth).expect(403);
    });
  });

  describe('members', () => {
    it('adds, lists, changes roles and deactivates, keeping history', async () => {
      const s = await t.fx.society({ roles: [] });
      const secretary = await t.fx.member(s, ['secretary']);
      const user = await t.fx.user({ displayName: '孙八' });
      const added = await t.http
        .post(`/api/v1/societies/${s.id}/members`)
        .set(secretary.auth)
        .send({ userId: user.id, roles: ['board'] })
        .expect(201);
      expect(added.body).toEqual({
        userId: user.id,
        username: user.username,
        displayName: '孙八',
        roles: ['board'],
        active: true,
        since: expect.any(String),
        until: null,
      });
      const patched = await t.http
        .patch(`/api/v1/societies/${s.id}/members/${user.id}`)
        .set(secretary.auth)
        .send({ roles: ['board', 'collector'] })
        .expect(200);
      expect(patched.body.roles).toEqual(['board', 'collector']);

      const list = await t.http.get(`/api/v1/societies/${s.id}/members`).set(user.auth).expect(200);
      expect(list.body.items.map((m: { userId: string }) => m.userId).sort()).toEqual(
        [secretary.id, user.id].sort(),
      );

      await t.http.delete(`/api/v1/societies/${s.id}/members/${user.id}`).set(secretary.auth).expect(204);
      await t.http.get(`/api/v1/societies/${s.id}`).set(user.auth).expect(403);
      const active = await t.http.get(`/api/v1/societies/${s.id}/members`).set(secretary.auth).expect(200);
      expect(active.body.items.map((m: { userId: string }) => m.userId)).toEqual([secretary.id]);
      const history = await t.http
        .get(`/api/v1/societies/${s.id}/members?includeInactive=true`)
        .set(secretary.auth)
        .expect(200);
      const ended = history.body.items.find((m: { userId: string }) => m.userId === user.id);
      expect(ended).toMatchObject({
        active: false,
        roles: ['board', 'collector'],
        until: expect.any(String),
      });

      // Added again later: a new membership, the old one stays in the history.
      await t.http
        .post(`/api/v1/societies/${s.id}/members`)
        .set(secretary.auth)
        .send({ userId: user.id, roles: ['treasurer'] })
        .expect(201);
      const after = await t.http
        .get(`/api/v1/societies/${s.id}/members?includeInactive=true`)
        .set(secretary.auth)
        .expect(200);
      expect(after.body.items.filter((m: { userId: string }) => m.userId === user.id)).toHaveLength(2);

      const actions = await t.db.query(`SELECT action FROM audit_events WHERE society_id = $1 ORDER BY seq`, [
        s.id,
      ]);
      expect(actions.rows.map((r) => r.action)).toEqual([
        'society.created',
        'member.added',
        'member.added',
        'member.roles_changed',
        'member.deactivated',
        'member.added',
      ]);
    });

    it('rejects bad roles, duplicates, unknown users and unknown members', async () => {
      const s = await t.fx.society({ roles: [] });
      const user = await t.fx.user();
      const url = `/api/v1/societies/${s.id}/members`;
      expect(
        (await t.http.post(url).set(t.admin.auth).send({ userId: user.id, roles: [] }).expect(400)).body
          .details.roles,
      ).toBeDefined();
      expect(
        (
          await t.http
            .post(url)
            .set(t.admin.auth)
            .send({ userId: user.id, roles: ['mayor'] })
            .expect(400)
        ).body.details.roles,
      ).toBeDefined();
      expect(
        (
          await t.http
            .post(url)
            .set(t.admin.auth)
            .send({ userId: user.id, roles: ['board', 'board'] })
            .expect(400)
        ).body.details.roles,
      ).toBeDefined();
      expect(
        (
          await t.http
            .post(url)
            .set(t.admin.auth)
            .send({ userId: 'nope', roles: ['board'] })
            .expect(400)
        ).body.details.userId,
      ).toBeDefined();
      await t.http
        .post(url)
        .set(t.admin.auth)
        .send({ userId: '00000000-0000-4000-8000-000000000001', roles: ['board'] })
        .expect(404);
      await t.http
        .post(url)
        .set(t.admin.auth)
        .send({ userId: user.id, roles: ['board'] })
        .expect(201);
      expect(
        (
          await t.http
            .post(url)
            .set(t.admin.auth)
            .send({ userId: user.id, roles: ['board'] })
            .expect(409)
        ).body.code,
      ).toBe('CONFLICT');
      const stranger = await t.fx.user();
      await t.http
        .patch(`${url}/${stranger.id}`)
        .set(t.admin.auth)
        .send({ roles: ['board'] })
        .expect(404);
      await t.http.delete(`${url}/${stranger.id}`).set(t.admin.auth).expect(404);
    });

    it('refuses a secretary changing its own membership (403); another secretary or an admin may', async () => {
      const s = await t.fx.society({ roles: [] });
      const secretary = await t.fx.member(s, ['secretary']);
      const url = `/api/v1/societies/${s.id}/members`;
      const promote = await t.http
        .patch(`${url}/${secretary.id}`)
        .set(secretary.auth)
        .send({ roles: ['secretary', 'treasurer'] })
        .expect(403);
      expect(promote.body.code).toBe('FORBIDDEN');
      await t.http.delete(`${url}/${secretary.id}`).set(secretary.auth).expect(403);
      await t.http
        .post(url)
        .set(secretary.auth)
        .send({ userId: secretary.id, roles: ['treasurer'] })
        .expect(403);
      const unchanged = await t.http.get(url).set(secretary.auth).expect(200);
      expect(unchanged.body.items.map((m: { roles: string[] }) => m.roles)).toEqual([['secretary']]);
      const audit = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE society_id = $1 AND action = 'member.roles_changed'`,
        [s.id],
      );
      expect(audit.rows[0].n).toBe(0);

      // Another secretary may, and so may an admin, also for the admin's own membership.
      const second = await t.fx.member(s, ['secretary']);
      await t.http
        .patch(`${url}/${secretary.id}`)
        .set(second.auth)
        .send({ roles: ['secretary', 'board'] })
        .expect(200);
      await t.http
        .patch(`${url}/${second.id}`)
        .set(t.admin.auth)
        .send({ roles: ['board'] })
        .expect(200);
      await t.http
        .post(url)
        .set(t.admin.auth)
        .send({ userId: t.admin.id, roles: ['supervisor'] })
        .expect(201);
      await t.http
        .patch(`${url}/${t.admin.id}`)
        .set(t.admin.auth)
        .send({ roles: ['board'] })
        .expect(200);
      await t.http.delete(`${url}/${t.admin.id}`).set(t.admin.auth).expect(204);
      await t.http.delete(`${url}/${secretary.id}`).set(second.auth).expect(403); // second is board now
      await t.http.delete(`${url}/${secretary.id}`).set(t.admin.auth).expect(204);
    });

    it('lets only the secretary (and admin) manage members', async () => {
      const s = await t.fx.society({ roles: [] });
      const board = await t.fx.member(s, ['board']);
      const user = await t.fx.user();
      await t.http
        .post(`/api/v1/societies/${s.id}/members`)
        .set(board.auth)
        .send({ userId: user.id, roles: ['board'] })
        .expect(403);
      await t.http
        .patch(`/api/v1/societies/${s.id}/members/${board.id}`)
        .set(board.auth)
        .send({ roles: ['secretary'] })
        .expect(403);
    });
  });
});
