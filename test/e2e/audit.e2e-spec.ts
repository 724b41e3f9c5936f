import { TestUser } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

describe('Audit trail (API.md "Statements, oversight, audit")', () => {
  const t = withTestApp();

  /** Six events: created, four members added (secretary, board, treasurer, supervisor), an edit. */
  async function societyWithHistory(): Promise<{ id: string; secretary: TestUser }> {
    const s = await t.fx.society({ roles: ['secretary', 'board', 'treasurer', 'supervisor'] });
    await t.http.patch(s.url).set(s.secretary.auth).send({ address: '村委会' }).expect(200);
    return { id: s.id, secretary: s.secretary };
  }

  it('lists events oldest first, each linked to the previous by hash', async () => {
    const { id, secretary } = await societyWithHistory();
    const res = await t.http.get(`/api/v1/societies/${id}/audit`).set(secretary.auth).expect(200);
    const events = res.body.items;
    expect(events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[0]).toMatchObject({
      seq: 1,
      action: 'society.created',
      entity: 'society',
      entityId: id,
      actorId: t.admin.id,
      prevHash: '0'.repeat(64),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      at: expect.any(String),
      data: expect.objectContaining({ regionCode: '341702001001' }),
    });
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    const page = await t.http.get(`/api/v1/societies/${id}/audit?limit=4`).set(secretary.auth).expect(200);
    const next = await t.http
      .get(`/api/v1/societies/${id}/audit`)
      .query({ limit: 4, cursor: page.body.nextCursor })
      .set(secretary.auth)
      .expect(200);
    expect(next.body.items.map((e: { seq: number }) => e.seq)).toEqual([5, 6]);
    expect(next.body.nextCursor).toBeNull();
  });

  it('verifies an intact chain', async () => {
    const { id, secretary } = await societyWithHistory();
    const res = await t.http
      .get(`/api/v1/societies/${id}/audit/verification`)
      .set(secretary.auth)
      .expect(200);
    expect(res.body).toEqual({ ok: true, checked: 6 });
  });

  it('refuses UPDATE and DELETE of audit rows in the database', async () => {
    const { id } = await societyWithHistory();
    await expect(
      t.db.query(`UPDATE audit_events SET action = 'x' WHERE society_id = $1 AND seq = 2`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.query(`DELETE FROM audit_events WHERE society_id = $1 AND seq = 2`, [id]),
    ).rejects.toThrow(/append-only/);
  });

  it('reports the first broken seq when a row is edited behind the trigger', async () => {
    const { id, secretary } = await societyWithHistory();
    await tamper(
      `UPDATE audit_events SET data = jsonb_set(data, '{roles}', '["secretary"]') WHERE society_id = $1 AND seq = 3`,
      [id],
    );
    const res = await t.http
      .get(`/api/v1/societies/${id}/audit/verification`)
      .set(secretary.auth)
      .expect(200);
    expect(res.body).toEqual({ ok: false, checked: 2, firstBrokenSeq: 3 });
  });

  it('reports an edit even when the attacker recomputes that row’s own hash', async () => {
    const { id, secretary } = await societyWithHistory();
    await tamper(`UPDATE audit_events SET hash = repeat('a', 64) WHERE society_id = $1 AND seq = 4`, [id]);
    const res = await t.http
      .get(`/api/v1/societies/${id}/audit/verification`)
      .set(secretary.auth)
      .expect(200);
    expect(res.body.firstBrokenSeq).toBe(4);
  });

  it('reports a deleted row and a deleted tail', async () => {
    const middle = await societyWithHistory();
    await tamper(`DELETE FROM audit_events WHERE society_id = $1 AND seq = 5`, [middle.id]);
    const a = await t.http
      .get(`/api/v1/societies/${middle.id}/audit/verification`)
      .set(middle.secretary.auth)
      .expect(200);
    expect(a.body).toEqual({ ok: false, checked: 4, firstBrokenSeq: 5 });

    const tail = await societyWithHistory();
    await tamper(`DELETE FROM audit_events WHERE society_id = $1 AND seq = 6`, [tail.id]);
    const b = await t.http
      .get(`/api/v1/societies/${tail.id}/audit/verification`)
      .set(tail.secretary.auth)
      .expect(200);
    expect(b.body).toEqual({ ok: false, checked: 5, firstBrokenSeq: 6 });
  });

  it('keeps the chain gap-free under concurrent writes to one society', async () => {
    const s = await t.fx.society({ roles: [] });
    const users = await Promise.all(Array.from({ length: 20 }, () => t.fx.user()));
    const results = await Promise.all(
      users.map((u) =>
        t.http
          .post(`/api/v1/societies/${s.id}/members`)
          .set(t.admin.auth)
          .send({ userId: u.id, roles: ['board'] }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(users.map(() => 201));
    const seqs = await t.db.query(`SELECT seq::int FROM audit_events WHERE society_id = $1 ORDER BY seq`, [
      s.id,
    ]);
    expect(seqs.rows.map((r) => r.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const res = await t.http
      .get(`/api/v1/societies/${s.id}/audit/verification`)
      .set(t.admin.auth)
      .expect(200);
    expect(res.body).toEqual({ ok: true, checked: 21 });
  });

  it('writes nothing to the trail when the change fails', async () => {
    const s = await t.fx.society({ roles: [] });
    const user = await t.fx.user();
    await t.http
      .post(`/api/v1/societies/${s.id}/members`)
      .set(t.admin.auth)
      .send({ userId: user.id, roles: ['board'] })
      .expect(201);
    await t.http
      .post(`/api/v1/societies/${s.id}/members`)
      .set(t.admin.auth)
      .send({ userId: user.id, roles: ['board'] })
      .expect(409);
    const n = await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE society_id = $1`, [s.id]);
    expect(n.rows[0].n).toBe(2);
    const head = await t.db.query(`SELECT seq::int FROM audit_heads WHERE society_id = $1`, [s.id]);
    expect(head.rows[0].seq).toBe(2);
  });

  it('rolls the change back when its audit event cannot be written (one transaction), hiding internals', async () => {
    const s = await t.fx.society({ roles: [] });
    const user = await t.fx.user();
    await t.db.query(`
      CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk on fire (secret detail)'; END $$`);
    await t.db.query(
      `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events FOR EACH ROW
       WHEN (NEW.action = 'member.added' AND NEW.data->>'userId' = '${user.id}') EXECUTE FUNCTION fail_audit()`,
    );
    try {
      const res = await t.http
        .post(`/api/v1/societies/${s.id}/members`)
        .set(t.admin.auth)
        .send({ userId: user.id, roles: ['board'] })
        .expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: '服务器内部错误',
        requestId: res.headers['x-request-id'],
      });
      const members = await t.db.query(`SELECT 1 FROM memberships WHERE society_id = $1 AND user_id = $2`, [
        s.id,
        user.id,
      ]);
      expect(members.rowCount).toBe(0);
    } finally {
      await t.db.query(`DROP TRIGGER fail_audit ON audit_events; DROP FUNCTION fail_audit()`);
    }
    await t.http
      .post(`/api/v1/societies/${s.id}/members`)
      .set(t.admin.auth)
      .send({ userId: user.id, roles: ['board'] })
      .expect(201);
  });

  it("keeps the installation's own chain (users) for admin and overseer", async () => {
    await t.http
      .post('/api/v1/users')
      .set(t.admin.auth)
      .send({ username: 'audited', password: 'a long passphrase', displayName: '甲', phone: '13912345678' })
      .expect(201);
    const overseer = await t.fx.user({ platformRole: 'overseer' });
    // Fixture users are created (and audited) through UsersService too: look for this one.
    const res = await t.http.get('/api/v1/audit?limit=200').set(overseer.auth).expect(200);
    const created = res.body.items.find(
      (e: { action: string; data: { username?: string } }) =>
        e.action === 'user.created' && e.data.username === 'audited',
    );
    expect(created.data).toEqual({ username: 'audited', platformRole: null, phone: '139****5678' });
    expect((await t.http.get('/api/v1/audit/verification').set(t.admin.auth).expect(200)).body.ok).toBe(true);
  });

  async function tamper(sql: string, params: unknown[]): Promise<void> {
    // A superuser bypassing the append-only trigger, as an attacker with database access would.
    await t.db.query('SET session_replication_role = replica');
    try {
      await t.db.query(sql, params);
    } finally {
      await t.db.query('SET session_replication_role = DEFAULT');
    }
  }
});
