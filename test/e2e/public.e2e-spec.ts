import { randomUUID } from 'node:crypto';
import { endJobTick, paidCase, publish } from '../support/disclosure-fixtures';
import { withTestApp } from '../support/test-app';

/**
 * API.md "Public (no auth)": a society's page, its notices, its audit chain's hashes. That none of it
 * (nor the pages, nor the printed notice) holds anything personal: public-privacy.e2e-spec.ts.
 */
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
});
