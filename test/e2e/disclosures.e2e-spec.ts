import { randomUUID } from 'node:crypto';
import { canonicalJson, sha256Hex } from '../../src/common/crypto/canonical-json';
import { paidCase, publish } from '../support/disclosure-fixtures';
import { testIdNumber, TestSociety } from '../support/fixtures';
import { withTestApp } from '../support/test-app';

/** API.md "Disclosures (publicize later) and objections": publication. */
describe('Disclosures: publishing a notice of paid cases', () => {
  const t = withTestApp();

  /** A society with a board of 3 and 10,000 yuan in the bank. */
  async function funded(): Promise<TestSociety> {
    const soc = await t.fx.society({ board: 3 });
    await t.fx.donation(soc, { amountFen: 1_000_000 });
    return soc;
  }

  const post = (soc: TestSociety, body: object, who = soc.secretary) =>
    t.http.post(`${soc.url}/disclosures`).set(who.auth).send(body);

  const caseOf = async (soc: TestSociety, id: string) =>
    (await t.http.get(`${soc.url}/cases/${id}`).set(soc.secretary.auth).expect(200)).body as {
      status: string;
      timeline: { action: string }[];
    };

  const rows = async (sql: string, params: unknown[]) => (await t.db.query(sql, params)).rows;

  afterEach(() => t.clock.reset());

  it('publishes the seed case under its pseudonym: a frozen snapshot, its hash, the period, the case publicized', async () => {
    const soc = await funded();
    t.clock.set('2026-11-29T11:00:00Z'); // 19:00 in Shanghai: voted and paid that evening
    const c = await paidCase(t, soc, { amountFen: 100_000, pseudonym: '小范' });
    t.clock.set('2026-11-30T02:00:00Z'); // 10:00 the next morning
    const head = (await rows(`SELECT seq, hash FROM audit_heads WHERE society_id = $1`, [soc.id]))[0] as {
      seq: string;
      hash: string;
    };

    const res = await post(soc, { caseIds: [c.id], note: '如有异议，请在公示期内向本社监事会反映。' }).expect(
      201,
    );
    const base = t.config.publicBaseUrl;
    expect(res.body).toEqual({
      id: expect.any(String),
      noticeNo: '2026-001',
      status: 'active',
      publishedAt: '2026-11-30T02:00:00.000Z',
      endsAt: '2026-12-06T16:00:00.000Z', // 00:00 on 12-07 in Shanghai
      periodFrom: '2026-11-30',
      periodTo: '2026-12-06',
      note: '如有异议，请在公示期内向本社监事会反映。',
      items: [
        {
          caseNo: c.caseNo,
          displayName: '小范（化名）',
          category: 'serious_illness',
          categoryLabel: '因病',
          amountFen: 100_000,
          approvedOn: '2026-11-29',
          paidOn: '2026-11-29',
          // 2 of 3 approve: the third ballot could no longer change the outcome.
          vote: { eligible: 3, cast: 2, approve: 2 },
        },
      ],
      totalFen: 100_000,
      checkCode: res.body.snapshotSha256.slice(0, 12),
      snapshotSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      auditHead: { seq: Number(head.seq), hash: head.hash },
      publicUrl: `${base}/p/disclosures/${res.body.id}`,
      pdfUrl: `${base}/api/v1/public/disclosures/${res.body.id}/notice.pdf`,
      publishedBy: soc.secretary.id,
      caseIds: [c.id],
      withdrawnAt: null,
      withdrawReason: null,
      endedAt: null,
    });

    // The stored snapshot hashes to what the answer says; it holds what the notice shows.
    const [stored] = await rows(`SELECT snapshot, snapshot_sha256 FROM disclosures WHERE id = $1`, [
      res.body.id,
    ]);
    expect(sha256Hex(canonicalJson(stored.snapshot))).toBe(res.body.snapshotSha256);
    expect(stored.snapshot).toMatchObject({
      v: 1,
      societyId: soc.id,
      societyName: soc.name,
      regionCode: soc.regionCode,
      noticeNo: '2026-001',
      publishedOn: '2026-11-30',
      items: res.body.items,
    });

    const after = await caseOf(soc, c.id);
    expect(after.status).toBe('publicized');
    expect(after.timeline.at(-1)?.action).toBe('publicize');
    const audit = await t.http.get(`${soc.url}/audit?limit=200`).set(soc.secretary.auth).expect(200);
    const published = audit.body.items.filter((e: { action: string }) => e.action === 'disclosure.published');
    expect(published).toEqual([
      expect.objectContaining({
        entity: 'disclosure',
        entityId: res.body.id,
        actorId: soc.secretary.id,
        data: { noticeNo: '2026-001', caseNos: [c.caseNo], snapshotSha256: res.body.snapshotSha256 },
      }),
    ]);
    // The audit head printed is a real point of the chain.
    const event = audit.body.items.find((e: { seq: number }) => e.seq === Number(head.seq));
    expect(event.hash).toBe(head.hash);
  });

  it('lists several cases in the order given; numbers notices per society and year without gaps', async () => {
    const soc = await funded();
    t.clock.set('2026-12-30T02:00:00Z');
    const [a, b, x] = [
      await paidCase(t, soc, { amountFen: 50_000 }),
      await paidCase(t, soc, { amountFen: 70_000 }),
      await paidCase(t, soc, { amountFen: 20_000 }),
    ];
    const first = await post(soc, { caseIds: [b.id, a.id] }).expect(201);
    expect(first.body.noticeNo).toBe('2026-001');
    expect(first.body.items.map((i: { caseNo: string }) => i.caseNo)).toEqual([b.caseNo, a.caseNo]);
    expect(first.body.caseIds).toEqual([b.id, a.id]);
    expect(first.body.totalFen).toBe(120_000);
    // A refused publication takes no number.
    await post(soc, { caseIds: [a.id] }).expect(409);
    t.clock.set('2026-12-31T17:00:00Z'); // 01:00 on 2027-01-01 in Shanghai
    const next = await post(soc, { caseIds: [x.id] }).expect(201);
    expect(next.body.noticeNo).toBe('2027-001');
    const other = await funded();
    const y = await paidCase(t, other, { amountFen: 10_000 });
    expect((await post(other, { caseIds: [y.id] }).expect(201)).body.noticeNo).toBe('2027-001');
  });

  it('never names a child under 14: 某未成年人 (birth date from the ID number)', async () => {
    const soc = await funded();
    t.clock.set('2026-11-30T02:00:00Z');
    const child = await paidCase(t, soc, {
      amountFen: 30_000,
      pseudonym: '小明',
      applicant: { name: '王小明', idNumber: testIdNumber('20130601', 7) },
    });
    const res = await post(soc, { caseIds: [child.id] }).expect(201);
    expect(res.body.items[0].displayName).toBe('某未成年人');
    expect(JSON.stringify(res.body)).not.toMatch(/小明|王/);
  });

  it.each([
    ['no case', { caseIds: [] }, 'caseIds'],
    ['51 cases', { caseIds: Array.from({ length: 51 }, () => randomUUID()) }, 'caseIds'],
    ['the same case twice', 'dup', 'caseIds'],
    ['the same case twice, in other letter case', 'dupCase', 'caseIds'],
    ['an id that is no UUID', { caseIds: ['abc'] }, 'caseIds'],
    ['no caseIds', {}, 'caseIds'],
    ['a blank note', 'blankNote', 'note'],
    ['a note over 500 characters', 'longNote', 'note'],
    ['an unknown field', 'extra', 'extra'],
  ])('400 VALIDATION_FAILED for %s', async (_what, body, field) => {
    const soc = await t.fx.society({ roles: ['secretary'] });
    const id = randomUUID();
    const bodies: Record<string, object> = {
      dup: { caseIds: [id, id] },
      dupCase: { caseIds: [id, id.toUpperCase()] },
      blankNote: { caseIds: [id], note: '  \u3000 ' },
      longNote: { caseIds: [id], note: '注'.repeat(501) },
      extra: { caseIds: [id], extra: 1 },
    };
    const res = await post(soc as TestSociety, typeof body === 'string' ? bodies[body] : body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(res.body.details)).toContain(field);
  });

  it('refuses a case not paid (409 naming it), already published (409) or of another society (404), writing nothing', async () => {
    const soc = await funded();
    const paid = await paidCase(t, soc, { amountFen: 10_000 });
    const approved = await t.fx.approvedCase(soc, { amountFen: 10_000 });
    const draft = await t.fx.case(soc);
    const before = await rows(`SELECT count(*)::int AS n FROM disclosures WHERE society_id = $1`, [soc.id]);

    const unpaid = await post(soc, { caseIds: [paid.id, approved.id] }).expect(409);
    expect(unpaid.body).toMatchObject({
      code: 'INVALID_STATE',
      details: { caseNo: approved.caseNo, status: 'approved' },
    });
    await post(soc, { caseIds: [draft.id] }).expect(409);

    const elsewhere = await funded();
    const theirs = await paidCase(t, elsewhere, { amountFen: 10_000 });
    const foreign = await post(soc, { caseIds: [paid.id, theirs.id] }).expect(404);
    expect(foreign.body).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'case', caseId: theirs.id } });
    await post(soc, { caseIds: [randomUUID()] }).expect(404);

    // Nothing half-written: the paid case is still paid, no notice, no number taken.
    expect((await caseOf(soc, paid.id)).status).toBe('paid');
    expect(await rows(`SELECT count(*)::int AS n FROM disclosures WHERE society_id = $1`, [soc.id])).toEqual(
      before,
    );
    const ok = await post(soc, { caseIds: [paid.id.toUpperCase()] }).expect(201);
    expect(ok.body).toMatchObject({ noticeNo: expect.stringMatching(/-001$/), caseIds: [paid.id] });
    const again = await post(soc, { caseIds: [paid.id] }).expect(409);
    expect(again.body.details).toEqual({ caseNo: paid.caseNo, status: 'publicized' });
  });

  it('lets only the secretary publish', async () => {
    const soc = await funded();
    const paid = await paidCase(t, soc, { amountFen: 10_000 });
    for (const who of [soc.treasurer, soc.board, soc.supervisor, soc.collector]) {
      await post(soc, { caseIds: [paid.id] }, who).expect(403);
    }
    expect((await caseOf(soc, paid.id)).status).toBe('paid');
  });

  it('two publications of one case at once: exactly one wins, the other is a 409 (real parallel requests)', async () => {
    const soc = await funded();
    const x = await paidCase(t, soc, { amountFen: 10_000 });
    const same = await Promise.all([post(soc, { caseIds: [x.id] }), post(soc, { caseIds: [x.id] })]);
    expect(same.map((r) => r.status).sort()).toEqual([201, 409]);
    // Overlapping sets asked in opposite orders: the cases are locked in id order, so no deadlock.
    const [y, z] = [
      await paidCase(t, soc, { amountFen: 10_000 }),
      await paidCase(t, soc, { amountFen: 10_000 }),
    ];
    const crossed = await Promise.all([
      post(soc, { caseIds: [y.id, z.id] }),
      post(soc, { caseIds: [z.id, y.id] }),
    ]);
    expect(crossed.map((r) => r.status).sort()).toEqual([201, 409]);
    for (const r of [...same, ...crossed].filter((x) => x.status === 409))
      expect(r.body).toMatchObject({ code: 'INVALID_STATE', details: { status: 'publicized' } });
    const notices = await rows(`SELECT notice_no FROM disclosures WHERE society_id = $1 ORDER BY notice_no`, [
      soc.id,
    ]);
    expect(notices.map((r) => (r.notice_no as string).slice(5))).toEqual(['001', '002']);
  });

  it('keeps the published items when the case changes later (the snapshot, not the live case)', async () => {
    const soc = await funded();
    const c = await paidCase(t, soc, { amountFen: 10_000, pseudonym: '小李' });
    const d = await publish(t, soc, [c.id]);
    await t.db.query(`UPDATE cases SET pseudonym = '改名' WHERE id = $1`, [c.id]);
    const res = await t.http.get(`${soc.url}/disclosures/${d.id}`).set(soc.secretary.auth).expect(200);
    expect(res.body.items[0].displayName).toBe('小李（化名）');
    expect(res.body).toEqual(d);
  });
});
