import { randomUUID } from 'node:crypto';
import { endJobTick, objection, paidCase, publish } from '../support/disclosure-fixtures';
import { testIdNumber } from '../support/fixtures';
import { encodedForms } from '../support/plaintext-scan';
import { withTestApp } from '../support/test-app';

/** API.md "Public (no auth)": a society's page, its notices, its audit chain's hashes. */
describe('Public API (no sign-in)', () => {
  const t = withTestApp();
  const pub = '/api/v1/public';

  afterEach(() => t.clock.reset());

  describe('GET /public/societies/:sid', () => {
    it("shows the fund now and this society-local year's gifts (less voids of them), aid paid and cases aided", async () => {
      t.clock.set('2025-12-31T15:00:00Z'); // 23:00 on 12-31 in Shanghai: last year
      const soc = await t.fx.society({ board: 3, contactPhone: '0566-2021234' });
      await t.fx.donation(soc, { amountFen: 200_000, receivedAt: '2025-12-31' });
      t.clock.set('2026-03-01T02:00:00Z');
      await t.fx.donation(soc, { amountFen: 500_000, receivedAt: '2026-03-01' });
      const voided = await t.fx.donation(soc, { amountFen: 30_000, receivedAt: '2026-03-01' });
      await t.fx.voidDonation(soc, voided);
      await paidCase(t, soc, { amountFen: 100_000 });
      await paidCase(t, soc, { amountFen: 50_000 });

      const res = await t.http.get(`${pub}/societies/${soc.id}`).expect(200);
      expect(res.body).toEqual({
        id: soc.id,
        name: soc.name,
        regionCode: soc.regionCode,
        contactPhone: '0566-2021234',
        fund: {
          balanceFen: 200_000 + 500_000 - 150_000,
          donatedThisYearFen: 500_000,
          aidPaidThisYearFen: 150_000,
          recoveredThisYearFen: 0,
          aidedThisYear: 2,
        },
      });
      expect(res.headers['cache-control']).toBe('public, max-age=30');
    });

    it('404 for an unknown society or an id that is no UUID', async () => {
      await t.http.get(`${pub}/societies/${randomUUID()}`).expect(404);
      await t.http.get(`${pub}/societies/not-a-uuid`).expect(404);
    });
  });

  describe('GET /public/societies/:sid/disclosures and /public/disclosures/:did', () => {
    it('lists the active (default) or ended notices from their snapshots, never the withdrawn ones', async () => {
      const soc = await t.fx.society({ board: 3 });
      await t.fx.donation(soc, { amountFen: 1_000_000 });
      t.clock.set('2026-11-30T02:00:00Z');
      const first = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 10_000 })).id]);
      t.clock.advance(60_000);
      const gone = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 10_000 })).id]);
      await t.http
        .post(`${soc.url}/disclosures/${gone.id}/withdraw`)
        .set(soc.secretary.auth)
        .send({ reason: '误发' })
        .expect(200);
      t.clock.advance(60_000);
      const second = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 20_000 })).id], '欢迎监督');

      const active = await t.http.get(`${pub}/societies/${soc.id}/disclosures`).expect(200);
      expect(active.body.items.map((d: { id: string }) => d.id)).toEqual([second.id, first.id]);
      const {
        caseIds: _c,
        snapshotSha256: _s,
        publishedBy: _p,
        withdrawReason: _w,
        endedAt: _e,
        ...shown
      } = second;
      expect(active.body.items[0]).toEqual({
        ...shown,
        societyId: soc.id,
        societyName: soc.name,
        withdrawnAt: null,
      });
      const page = await t.http.get(`${pub}/societies/${soc.id}/disclosures?limit=1`).expect(200);
      const next = await t.http
        .get(`${pub}/societies/${soc.id}/disclosures?limit=1&cursor=${page.body.nextCursor}`)
        .expect(200);
      expect(next.body.items.map((d: { id: string }) => d.id)).toEqual([first.id]);
      await t.http.get(`${pub}/societies/${soc.id}/disclosures?status=withdrawn`).expect(400);

      t.clock.set(new Date(new Date(second.endsAt).getTime() + 1000));
      await endJobTick(t);
      const ended = await t.http.get(`${pub}/societies/${soc.id}/disclosures?status=ended`).expect(200);
      expect(ended.body.items.map((d: { id: string; status: string }) => [d.id, d.status])).toEqual([
        [second.id, 'ended'],
        [first.id, 'ended'],
      ]);
      expect((await t.http.get(`${pub}/societies/${soc.id}/disclosures`).expect(200)).body.items).toEqual([]);
      await t.http.get(`${pub}/societies/${randomUUID()}/disclosures`).expect(404);
    });

    it('answers one notice by id alone; a withdrawn one with nothing of its content; 404 for none', async () => {
      const soc = await t.fx.society({ board: 3 });
      await t.fx.donation(soc, { amountFen: 1_000_000 });
      const d = await publish(
        t,
        soc,
        [(await paidCase(t, soc, { amountFen: 10_000, pseudonym: '小周' })).id],
        '注',
      );
      const one = await t.http.get(`${pub}/disclosures/${d.id}`).expect(200);
      expect(one.body).toMatchObject({
        id: d.id,
        items: d.items,
        pdfUrl: d.pdfUrl,
        note: '注',
        status: 'active',
      });
      expect(one.headers['cache-control']).toBe('public, max-age=30');

      await t.http
        .post(`${soc.url}/disclosures/${d.id}/withdraw`)
        .set(soc.secretary.auth)
        .send({ reason: '公示信息有误' })
        .expect(200);
      const withdrawn = await t.http.get(`${pub}/disclosures/${d.id}`).expect(200);
      expect(withdrawn.body).toMatchObject({
        id: d.id,
        noticeNo: d.noticeNo,
        status: 'withdrawn',
        items: [],
        totalFen: 0,
        note: null,
        pdfUrl: null,
        withdrawnAt: expect.any(String),
        checkCode: d.checkCode,
      });
      expect(JSON.stringify(withdrawn.body)).not.toMatch(/小周|公示信息有误/);
      await t.http.get(`${pub}/disclosures/${randomUUID()}`).expect(404);
      await t.http.get(`${pub}/disclosures/not-a-uuid`).expect(404);
    });
  });

  describe('GET /public/societies/:sid/audit-head[/:seq]', () => {
    it('answers the head now and any event’s seq and hash, as the audit trail holds them; nothing else', async () => {
      const soc = await t.fx.society({ roles: ['secretary'] });
      const trail = await t.http.get(`${soc.url}/audit?limit=200`).set(soc.secretary.auth).expect(200);
      const last = trail.body.items.at(-1);
      const head = await t.http.get(`${pub}/societies/${soc.id}/audit-head`).expect(200);
      expect(head.body).toEqual({ seq: last.seq, hash: last.hash });
      for (const e of trail.body.items) {
        const res = await t.http.get(`${pub}/societies/${soc.id}/audit-head/${e.seq}`).expect(200);
        expect(res.body).toEqual({ seq: e.seq, hash: e.hash });
      }
      for (const seq of ['0', String(last.seq + 1), '-1', '01', 'abc', '1.5']) {
        await t.http.get(`${pub}/societies/${soc.id}/audit-head/${seq}`).expect(404);
      }
      await t.http.get(`${pub}/societies/${randomUUID()}/audit-head`).expect(404);
      await t.http.get(`${pub}/societies/${randomUUID()}/audit-head/1`).expect(404);
    });

    it('lets anyone check that the chain still passes through the head a notice printed', async () => {
      const soc = await t.fx.society({ board: 3 });
      await t.fx.donation(soc, { amountFen: 100_000 });
      const d = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 10_000 })).id]);
      const at = await t.http.get(`${pub}/societies/${soc.id}/audit-head/${d.auditHead.seq}`).expect(200);
      expect(at.body).toEqual(d.auditHead);
      const now = await t.http.get(`${pub}/societies/${soc.id}/audit-head`).expect(200);
      expect(now.body.seq).toBeGreaterThan(d.auditHead.seq);
    });
  });

  it('never answers personal data: no ID number, phone, address, bank account, full name or description', async () => {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    const secrets = {
      idNumber: testIdNumber('19880716', 911),
      phone: '13955660011',
      address: '池州市贵池区秋浦街道某社区 5 栋 302',
      accountNo: '6228480123456789012',
      name: '范建华',
      description: '急性髓系白血病，化疗费用无力承担',
      childName: '王小明',
      childId: testIdNumber('20150601', 912),
      objectorName: '李秀英',
      objectorPhone: '13811112222',
    };
    const adult = await paidCase(t, soc, {
      amountFen: 100_000,
      pseudonym: '小范',
      description: secrets.description,
      applicant: {
        name: secrets.name,
        idNumber: secrets.idNumber,
        phone: secrets.phone,
        address: secrets.address,
      },
      payee: { name: secrets.name, bankName: '中国农业银行池州分行', accountNo: secrets.accountNo },
    });
    const child = await paidCase(t, soc, {
      amountFen: 50_000,
      pseudonym: '小明',
      description: secrets.description,
      applicant: { name: secrets.childName, idNumber: secrets.childId },
    });
    const d = await publish(t, soc, [adult.id, child.id]);
    const o = await objection(t, d.id, {
      caseNo: adult.caseNo,
      contactName: secrets.objectorName,
      contactPhone: secrets.objectorPhone,
    });
    const ended = await publish(t, soc, [(await paidCase(t, soc, { amountFen: 10_000 })).id]);
    const answers = [
      await t.http.get(`${pub}/societies/${soc.id}`).expect(200),
      await t.http.get(`${pub}/societies/${soc.id}/disclosures`).expect(200),
      await t.http.get(`${pub}/disclosures/${d.id}`).expect(200),
      await t.http.get(`${pub}/disclosures/${ended.id}`).expect(200),
      await t.http.get(`${pub}/societies/${soc.id}/audit-head`).expect(200),
      await t.http.get(`${pub}/societies/${soc.id}/audit-head/1`).expect(200),
      await t.http.get(`${pub}/objections/${o.trackingCode}`).expect(200),
      await t.http
        .post(`${pub}/disclosures/${d.id}/objections`)
        .send({ content: '有误', contactName: secrets.objectorName, contactPhone: secrets.objectorPhone })
        .expect(201),
    ];
    const text = answers.map((r) => r.text).join('\n');
    expect(text).toContain('小范（化名）'); // the scan did read the notices
    expect(text).toContain('某未成年人');
    for (const [what, secret] of Object.entries(secrets)) {
      for (const form of encodedForms(secret))
        expect({ what, found: text.includes(form) }).toEqual({ what, found: false });
    }
    // Nor the ID numbers' birth dates, nor the child's pseudonym.
    for (const part of ['19880716', '20150601', '小明']) {
      expect({ part, found: text.includes(part) }).toEqual({ part, found: false });
    }
  });
});
