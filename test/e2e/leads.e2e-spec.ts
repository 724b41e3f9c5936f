import { logCapture } from '../support/contract';
import { testIdNumber } from '../support/fixtures';
import { intakeKey, lead, warningBody } from '../support/lead-fixtures';
import { dumpAllRows, encodedForms } from '../support/plaintext-scan';
import { withTestApp } from '../support/test-app';

/**
 * Leads from monitoring platforms (API.md "Leads from monitoring platforms (主动发现)", issue 10):
 * intake keys, the key-authenticated intake (idempotent by externalId, even concurrently), the list,
 * converting a lead into a draft case, dismissing it; each society sees only its own leads.
 */
describe('Leads from monitoring platforms', () => {
  const log = logCapture();
  const t = withTestApp({ LOG_LEVEL: 'debug' }, { logStream: log.stream });

  const intake = (key: string | null, body: object) => {
    const req = t.http.post('/api/v1/intake/warnings');
    if (key !== null) req.set('Authorization', `ApiKey ${key}`);
    return req.send(body);
  };
  const auditActions = async (sid: string) =>
    (
      await t.db.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE society_id = $1 ORDER BY seq`,
        [sid],
      )
    ).rows.map((r) => r.action);

  describe('intake keys', () => {
    it('makes a key shown once, lists it by its first 8 characters, revokes it (204, again 204)', async () => {
      const soc = await t.fx.society();
      const made = await t.http
        .post(`${soc.url}/intake-keys`)
        .set(soc.secretary.auth)
        .send({ name: ' 池州市低收入人口监测平台 ' })
        .expect(201);
      expect(made.body).toEqual({
        id: expect.any(String),
        name: '池州市低收入人口监测平台',
        key: expect.any(String),
      });
      const key = made.body.key as string;
      expect(key).toMatch(/^hzk_[A-Za-z0-9_-]{43}$/);

      const listed = await t.http.get(`${soc.url}/intake-keys`).set(t.admin.auth).expect(200);
      expect(listed.body.items).toEqual([
        {
          id: made.body.id,
          name: '池州市低收入人口监测平台',
          keyPrefix: key.slice(0, 8),
          createdAt: expect.any(String),
          revokedAt: null,
        },
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(key);
      // Only its hash is stored.
      const stored = await t.db.query(`SELECT row_to_json(k)::text AS r FROM intake_keys k WHERE id = $1`, [
        made.body.id,
      ]);
      expect(stored.rows[0].r).not.toContain(key.slice(8));

      await intake(key, warningBody()).expect(201);
      await t.http.delete(`${soc.url}/intake-keys/${made.body.id}`).set(soc.secretary.auth).expect(204);
      await t.http.delete(`${soc.url}/intake-keys/${made.body.id}`).set(soc.secretary.auth).expect(204);
      const after = await t.http.get(`${soc.url}/intake-keys`).set(soc.secretary.auth).expect(200);
      expect(after.body.items[0].revokedAt).toEqual(expect.any(String));
      expect((await auditActions(soc.id)).filter((a) => a.startsWith('intake-key.'))).toEqual([
        'intake-key.created',
        'intake-key.revoked',
      ]);

      // A revoked key is refused.
      const refused = await intake(key, warningBody()).expect(401);
      expect(refused.body.code).toBe('UNAUTHENTICATED');
      expect(refused.headers['www-authenticate']).toBe('ApiKey');
    });

    it("answers 404 for another society's key, and 400 for a blank name", async () => {
      const a = await t.fx.society();
      const b = await t.fx.society();
      const { id } = await intakeKey(t, a);
      await t.http.delete(`${b.url}/intake-keys/${id}`).set(b.secretary.auth).expect(404);
      const res = await t.http
        .post(`${a.url}/intake-keys`)
        .set(a.secretary.auth)
        .send({ name: '  ' })
        .expect(400);
      expect(Object.keys(res.body.details)).toEqual(['name']);
    });
  });

  describe('POST /intake/warnings', () => {
    it.each([
      ['no Authorization header', null],
      ['a malformed key', 'hzk_short'],
      ['an unknown key', `hzk_${'A'.repeat(43)}`],
    ])('refuses %s with 401 and WWW-Authenticate: ApiKey', async (_what, key) => {
      const res = await intake(key, warningBody()).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toBe('ApiKey');
    });

    it("refuses a user's bearer token: the route takes an intake key only", async () => {
      const soc = await t.fx.society();
      const res = await t.http
        .post('/api/v1/intake/warnings')
        .set(soc.secretary.auth)
        .send(warningBody())
        .expect(401);
      expect(res.headers['www-authenticate']).toBe('ApiKey');
    });

    it('makes one lead of a warning posted twice: 201, then 200 with the same leadId and nothing changed', async () => {
      const soc = await t.fx.society();
      const { key } = await intakeKey(t, soc);
      const body = warningBody();
      const first = await intake(key, body).expect(201);
      expect(first.body).toEqual({ leadId: expect.any(String) });
      const before = await t.db.query(`SELECT row_to_json(l)::text AS r FROM leads l WHERE society_id = $1`, [
        soc.id,
      ]);
      const again = await intake(key, {
        ...body,
        subject: { name: '别的名字' },
        indicators: [{ code: 'OTHER', label: '其他' }],
      }).expect(200);
      expect(again.body).toEqual(first.body);
      const after = await t.db.query(`SELECT row_to_json(l)::text AS r FROM leads l WHERE society_id = $1`, [
        soc.id,
      ]);
      expect(after.rows).toEqual(before.rows);
      expect((await auditActions(soc.id)).filter((a) => a === 'lead.received')).toHaveLength(1);
    });

    it('makes one lead of the same externalId sent several times at once', async () => {
      const soc = await t.fx.society();
      const { key } = await intakeKey(t, soc);
      const body = warningBody();
      const answers = await Promise.all(Array.from({ length: 6 }, () => intake(key, body)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((r) => r.body.leadId)).size).toBe(1);
      const { rows } = await t.db.query(`SELECT id FROM leads WHERE society_id = $1`, [soc.id]);
      expect(rows).toEqual([{ id: answers[0].body.leadId }]);
    });

    it('keeps the same externalId of two societies apart: one lead each', async () => {
      const a = await t.fx.society();
      const b = await t.fx.society();
      const body = warningBody();
      const ra = await intake((await intakeKey(t, a)).key, body).expect(201);
      const rb = await intake((await intakeKey(t, b)).key, body).expect(201);
      expect(ra.body.leadId).not.toBe(rb.body.leadId);
    });

    it.each([
      ['externalId', { externalId: '' }],
      ['externalId', { externalId: 'x'.repeat(201) }],
      ['subject.idNumber', { subject: { name: '范某某', idNumber: '110105194912310021' } }],
      ['subject.phone', { subject: { name: '范某某', phone: '12345' } }],
      ['subject.name', { subject: { name: '123' } }],
      ['indicators', { indicators: [] }],
      [
        'indicators',
        { indicators: Array.from({ length: 51 }, (_, i) => ({ code: `C${i}`, label: '指标' })) },
      ],
      ['indicators.0.label', { indicators: [{ code: 'A', label: ' ' }] }],
      ['observedAt', { observedAt: '2026-11-28T09:30:00' }],
      ['observedAt', { observedAt: '2026-11-28' }],
      ['observedAt', { observedAt: '2026-02-30T09:30:00+08:00' }],
    ])('answers 400 naming %s for bad input, storing nothing', async (field, overrides) => {
      const soc = await t.fx.society();
      const { key } = await intakeKey(t, soc);
      const res = await intake(key, { ...warningBody(), ...overrides }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.details)).toContain(field);
      const { rows } = await t.db.query(`SELECT id FROM leads WHERE society_id = $1`, [soc.id]);
      expect(rows).toEqual([]);
    });

    it("refuses an ID number whose birth date is after the society's today", async () => {
      t.clock.set('2026-11-29T02:00:00Z');
      try {
        const soc = await t.fx.society();
        const { key } = await intakeKey(t, soc);
        const res = await intake(
          key,
          warningBody({ subject: { name: '范某某', idNumber: testIdNumber('20261231') } }),
        );
        expect(res.status).toBe(400);
        expect(Object.keys(res.body.details)).toEqual(['subject.idNumber']);
      } finally {
        t.clock.reset();
      }
    });
  });

  describe('the society’s leads', () => {
    it('lists its own leads only, newest first, masked, by status, a page at a time', async () => {
      const soc = await t.fx.society();
      const other = await t.fx.society();
      const { key } = await intakeKey(t, soc);
      const idNumber = testIdNumber('19700101', 321);
      const first = await intake(
        key,
        warningBody({
          subject: {
            name: '秋某某',
            idNumber,
            phone: '13566778899',
            address: '贵池区梅村镇秋江村七组 23 号',
          },
        }),
      ).expect(201);
      const second = await intake(key, warningBody({ subject: { name: '无证某' } })).expect(201);
      await lead(t, other);

      const all = await t.http.get(`${soc.url}/leads`).set(soc.collector.auth).expect(200);
      expect(all.body.items.map((l: { id: string }) => l.id)).toEqual([
        second.body.leadId,
        first.body.leadId,
      ]);
      expect(all.body.items[1]).toMatchObject({
        status: 'new',
        subject: {
          name: '秋某某',
          idNumberMasked: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
          phoneMasked: '135****8899',
          addressMasked: expect.stringMatching(/^贵池区/),
        },
        indicators: [{ code: 'MEDICAL_OOP_HIGH', label: '医疗费用自付比例高', value: '自付 52000 元' }],
        observedAt: '2026-11-28T01:30:00.000Z',
        caseId: null,
      });
      expect(all.body.items[0].subject).toEqual({
        name: '无证某',
        idNumberMasked: null,
        phoneMasked: null,
        addressMasked: null,
      });
      expect(JSON.stringify(all.body)).not.toContain(idNumber);

      const page1 = await t.http.get(`${soc.url}/leads?limit=1`).set(soc.secretary.auth).expect(200);
      expect(page1.body.items).toHaveLength(1);
      const page2 = await t.http
        .get(`${soc.url}/leads`)
        .query({ limit: 1, cursor: page1.body.nextCursor })
        .set(soc.secretary.auth)
        .expect(200);
      expect(page2.body.items.map((l: { id: string }) => l.id)).toEqual([first.body.leadId]);
      expect(page2.body.nextCursor).toBeNull();

      await t.http
        .post(`${soc.url}/leads/${second.body.leadId}/dismiss`)
        .set(soc.secretary.auth)
        .send({ reason: '入户核实，已有低保' })
        .expect(200);
      const fresh = await t.http.get(`${soc.url}/leads?status=new`).set(soc.secretary.auth).expect(200);
      expect(fresh.body.items.map((l: { id: string }) => l.id)).toEqual([first.body.leadId]);
      const dismissed = await t.http
        .get(`${soc.url}/leads?status=dismissed`)
        .set(soc.secretary.auth)
        .expect(200);
      expect(dismissed.body.items.map((l: { id: string }) => l.id)).toEqual([second.body.leadId]);
      await t.http.get(`${soc.url}/leads?status=open`).set(soc.secretary.auth).expect(400);
    });

    it('converts a lead into a draft case with the applicant prefilled, filed by the caller; twice is 409', async () => {
      const soc = await t.fx.society();
      const idNumber = testIdNumber('19660606', 606);
      const lid = await lead(t, soc, {
        subject: { name: '范某某', idNumber, phone: '13800138000', address: '池州市贵池区某某村 3 组' },
        indicators: [
          { code: 'MEDICAL_OOP_HIGH', label: '医疗费用自付比例高', value: '自付 52000 元' },
          { code: 'DISABILITY', label: '残疾等级变化' },
        ],
      });
      const res = await t.http
        .post(`${soc.url}/leads/${lid}/convert`)
        .set(soc.collector.auth)
        .send({ category: 'serious_illness', requestedAmountFen: 100_000 })
        .expect(201);
      expect(res.body).toMatchObject({
        status: 'draft',
        source: 'platform_warning',
        category: 'serious_illness',
        requestedAmountFen: 100_000,
        description: '医疗费用自付比例高：自付 52000 元；残疾等级变化',
        pseudonym: '小范',
        filedBy: soc.collector.id,
        applicant: { name: '范某某', phoneMasked: '138****8000' },
      });
      const cid = res.body.id as string;
      const revealed = await t.http
        .post(`${soc.url}/cases/${cid}/reveal`)
        .set(soc.secretary.auth)
        .expect(200);
      expect(revealed.body.applicant).toMatchObject({
        name: '范某某',
        idNumber,
        phone: '13800138000',
        address: '池州市贵池区某某村 3 组',
      });
      // The collector's own draft: they see it.
      await t.http.get(`${soc.url}/cases/${cid}`).set(soc.collector.auth).expect(200);

      const listed = await t.http
        .get(`${soc.url}/leads?status=converted`)
        .set(soc.secretary.auth)
        .expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: lid, status: 'converted', caseId: cid, resolvedBy: soc.collector.id }),
      ]);
      const twice = await t.http
        .post(`${soc.url}/leads/${lid}/convert`)
        .set(soc.secretary.auth)
        .send({ category: 'serious_illness', requestedAmountFen: 100_000 })
        .expect(409);
      expect(twice.body.code).toBe('INVALID_STATE');
      await t.http
        .post(`${soc.url}/leads/${lid}/dismiss`)
        .set(soc.secretary.auth)
        .send({ reason: '重复' })
        .expect(409);
      const actions = await auditActions(soc.id);
      expect(actions.filter((a) => a === 'case.created' || a.startsWith('lead.'))).toEqual([
        'lead.received',
        'case.created',
        'lead.converted',
      ]);
    });

    it('asks for an ID number when the lead has none (400 on idNumber), and takes it from the body', async () => {
      const soc = await t.fx.society();
      const lid = await lead(t, soc, { subject: { name: '无证某', phone: '13911112222' } });
      const body = {
        category: 'sudden_hardship',
        requestedAmountFen: 50_000,
        description: '入户核实：突发困难',
      };
      const refused = await t.http
        .post(`${soc.url}/leads/${lid}/convert`)
        .set(soc.secretary.auth)
        .send(body)
        .expect(400);
      expect(Object.keys(refused.body.details)).toEqual(['idNumber']);
      const lang = await t.http
        .post(`${soc.url}/leads/${lid}/convert`)
        .set(soc.secretary.auth)
        .set('Accept-Language', 'en')
        .send(body)
        .expect(400);
      expect(JSON.stringify(lang.body.details)).toContain('a case needs one');
      const { rows } = await t.db.query(`SELECT id FROM cases WHERE society_id = $1`, [soc.id]);
      expect(rows).toEqual([]);

      const idNumber = testIdNumber('19900909', 909);
      const res = await t.http
        .post(`${soc.url}/leads/${lid}/convert`)
        .set(soc.secretary.auth)
        .send({ ...body, idNumber, pseudonym: '小无' })
        .expect(201);
      expect(res.body).toMatchObject({
        description: '入户核实：突发困难',
        pseudonym: '小无',
        status: 'draft',
      });
      const revealed = await t.http
        .post(`${soc.url}/cases/${res.body.id}/reveal`)
        .set(soc.secretary.auth)
        .expect(200);
      expect(revealed.body.applicant).toMatchObject({ name: '无证某', idNumber, phone: '13911112222' });
    });

    it('dismisses a new lead with the reason; twice is 409', async () => {
      const soc = await t.fx.society();
      const lid = await lead(t, soc);
      const res = await t.http
        .post(`${soc.url}/leads/${lid}/dismiss`)
        .set(soc.secretary.auth)
        .send({ reason: ' 入户核实，收入已恢复 ' })
        .expect(200);
      expect(res.body).toMatchObject({
        id: lid,
        status: 'dismissed',
        dismissReason: '入户核实，收入已恢复',
        resolvedBy: soc.secretary.id,
        resolvedAt: expect.any(String),
        caseId: null,
      });
      const twice = await t.http
        .post(`${soc.url}/leads/${lid}/dismiss`)
        .set(soc.secretary.auth)
        .send({ reason: 'x' });
      expect([twice.status, twice.body.code]).toEqual([409, 'INVALID_STATE']);
      await t.http
        .post(`${soc.url}/leads/${lid}/convert`)
        .set(soc.secretary.auth)
        .send({ category: 'other', requestedAmountFen: 1 })
        .expect(409);
    });

    it('lets one of a convert and a dismiss sent at once through; the other is 409', async () => {
      const soc = await t.fx.society();
      const lid = await lead(t, soc);
      const url = `${soc.url}/leads/${lid}`;
      const [converted, dismissed] = await Promise.all([
        t.http
          .post(`${url}/convert`)
          .set(soc.secretary.auth)
          .send({ category: 'other', requestedAmountFen: 1 }),
        t.http.post(`${url}/dismiss`).set(soc.collector.auth).send({ reason: '重复预警' }),
      ]);
      expect([converted.status, dismissed.status].sort()).toEqual(
        converted.status === 201 ? [201, 409] : [200, 409],
      );
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM cases WHERE society_id = $1`, [
        soc.id,
      ]);
      expect(rows[0].n).toBe(converted.status === 201 ? 1 : 0);
    });

    it("answers 404 for another society's lead (池州: each society sees its area's warnings only)", async () => {
      const a = await t.fx.society();
      const b = await t.fx.society();
      const lid = await lead(t, a);
      await t.http
        .post(`${b.url}/leads/${lid}/convert`)
        .set(b.secretary.auth)
        .send({ category: 'other', requestedAmountFen: 1 })
        .expect(404);
      await t.http
        .post(`${b.url}/leads/${lid}/dismiss`)
        .set(b.secretary.auth)
        .send({ reason: 'x' })
        .expect(404);
      const listed = await t.http.get(`${b.url}/leads`).set(b.secretary.auth).expect(200);
      expect(listed.body.items).toEqual([]);
      await t.http
        .post(`${a.url}/leads/${lid}/dismiss`)
        .set(a.secretary.auth)
        .send({ reason: 'x' })
        .expect(200);
    });
  });

  it("keeps the subject's ID number, phone and address encrypted at rest and out of the logs", async () => {
    const soc = await t.fx.society();
    const { key } = await intakeKey(t, soc);
    const idNumber = testIdNumber('19580808', 858);
    const phone = '13677889900';
    const address = '青阳县蓉城镇某某社区 8 栋';
    const body = warningBody({ subject: { name: '密某某', idNumber, phone, address } });
    const { body: got } = await intake(key, body).expect(201);
    await intake(key, body).expect(200);
    await t.http.get(`${soc.url}/leads`).set(soc.secretary.auth).expect(200);

    const db = await dumpAllRows(t.db);
    const logs = log.text();
    expect(db).toContain(got.leadId); // the dump did read the leads
    expect(logs).toContain('/intake/warnings'); // the log was captured
    for (const secret of [idNumber, phone, address, key]) {
      for (const form of encodedForms(secret)) {
        expect({ secret, form, inDatabase: db.includes(form) }).toEqual({ secret, form, inDatabase: false });
        expect({ secret, form, inLogs: logs.includes(form) }).toEqual({ secret, form, inLogs: false });
      }
    }
  });
});
