import { SchedulerService } from '../../src/scheduler/scheduler.service';
import { testIdNumber } from '../support/fixtures';
import { withTestApp } from '../support/test-app';
import { openVote, votingSociety } from '../support/vote-fixtures';

/** API.md "Votes": every route as written, and the outcomes moving the case and the hold. */
describe('Votes', () => {
  const t = withTestApp();
  afterEach(() => t.clock.reset());

  const fund = async (soc: { url: string; secretary: { auth: Record<string, string> } }) =>
    (await t.http.get(`${soc.url}/fund`).set(soc.secretary.auth).expect(200)).body as {
      heldFen: number;
      availableFen: number;
    };
  const caseStatus = async (soc: { url: string; secretary: { auth: Record<string, string> } }, cid: string) =>
    (
      (await t.http.get(`${soc.url}/cases/${cid}`).set(soc.secretary.auth).expect(200)).body as {
        status: string;
      }
    ).status;

  describe('POST …/cases/:cid/vote', () => {
    it('opens the vote: the board now eligible, the amount held, the case voting', async () => {
      const { soc, c, url } = await votingSociety(t, 9);
      const res = await t.http.post(url).set(soc.secretary.auth).send({ amountFen: 200_000 }).expect(201);
      expect(res.body).toMatchObject({
        caseId: c.id,
        amountFen: 200_000,
        status: 'open',
        mode: 'remote',
        quorumRequired: 6,
        tally: { eligible: 9, cast: 0, quorumRequired: 6, quorumMet: false, outcome: 'pending' },
        ballots: [],
      });
      const body = res.body as { eligibleVoterIds: string[]; opensAt: string; closesAt: string };
      expect([...body.eligibleVoterIds].sort()).toEqual(soc.boardMembers.map((m) => m.id).sort());
      // voteWindowHours defaults to 24
      expect(Date.parse(body.closesAt) - Date.parse(body.opensAt)).toBe(24 * 3_600_000);
      expect(await fund(soc)).toMatchObject({ heldFen: 200_000, availableFen: 800_000 });
      expect(await caseStatus(soc, c.id)).toBe('voting');
      // A second vote on a case under vote: INVALID_STATE
      const again = await t.http.post(url).set(soc.secretary.auth).send({ amountFen: 1 }).expect(409);
      expect(again.body).toMatchObject({ code: 'INVALID_STATE' });
    });

    it('shows the board the duplicate-aid warnings at opening (this society, another one: no detail)', async () => {
      const idNumber = testIdNumber('19660606', 606);
      const here = await t.fx.society({ board: 1 });
      await t.fx.donation(here, { amountFen: 300_000 });
      const aided = await t.fx.approvedCase(here, { amountFen: 50_000, applicant: { idNumber } });
      await t.http
        .post(`${here.url}/cases/${aided.id}/payment`)
        .set(here.treasurer.auth)
        .send({ amountFen: 50_000 })
        .expect(201);
      const open = async (soc: typeof here, applicant: { idNumber: string }) => {
        const c = await t.fx.case(soc, { applicant });
        const res = await t.http
          .post(`${soc.url}/cases/${c.id}/vote`)
          .set(soc.secretary.auth)
          .send({ amountFen: 10_000 })
          .expect(201);
        return res.body.warnings as { code: string }[];
      };
      expect(await open(here, { idNumber })).toEqual([{ code: 'AIDED_THIS_YEAR' }]);
      const elsewhere = await t.fx.society({ board: 1 });
      await t.fx.donation(elsewhere, { amountFen: 100_000 });
      expect(await open(elsewhere, { idNumber })).toEqual([{ code: 'AIDED_ELSEWHERE_THIS_YEAR' }]);
      expect(await open(elsewhere, { idNumber: testIdNumber('19660606', 607) })).toEqual([]);
    });

    it('refuses more than is available (409 INSUFFICIENT_FUNDS) and over the case cap (422)', async () => {
      const { soc, url } = await votingSociety(t, 3, 100_000);
      const poor = await t.http.post(url).set(soc.secretary.auth).send({ amountFen: 100_001 }).expect(409);
      expect(poor.body).toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
      const cap = await t.http.post(url).set(soc.secretary.auth).send({ amountFen: 500_001 }).expect(422);
      expect(cap.body).toMatchObject({ code: 'AMOUNT_OVER_CASE_CAP' });
      expect(await fund(soc)).toMatchObject({ heldFen: 0 });
      await t.http.post(url).set(soc.secretary.auth).send({ amountFen: 100_000 }).expect(201);
    });

    it('takes a closesAt in the future only', async () => {
      const { soc, url } = await votingSociety(t, 3);
      const past = await t.http
        .post(url)
        .set(soc.secretary.auth)
        .send({ amountFen: 1000, closesAt: '2020-01-01T00:00:00+08:00' })
        .expect(400);
      expect(past.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { closesAt: expect.any(Array) },
      });
      const at = new Date(Date.now() + 3_600_000).toISOString();
      const ok = await t.http
        .post(url)
        .set(soc.secretary.auth)
        .send({ amountFen: 1000, closesAt: at })
        .expect(201);
      expect((ok.body as { closesAt: string }).closesAt).toBe(at);
    });

    it('needs a board: nobody eligible is 409 INVALID_STATE and holds nothing', async () => {
      const { soc, url } = await votingSociety(t, 0);
      const res = await t.http.post(url).set(soc.secretary.auth).send({ amountFen: 1000 }).expect(409);
      expect(res.body).toMatchObject({ code: 'INVALID_STATE', details: { reason: 'no_board_members' } });
      expect(await fund(soc)).toMatchObject({ heldFen: 0 });
    });
  });

  describe('ballots', () => {
    it('approves as soon as no ballot can change it (9 members, 2/3: the 6th approval); the hold stays', async () => {
      const { soc, c, url } = await votingSociety(t, 9);
      await openVote(t, soc, c.id, { amountFen: 300_000 });
      for (const m of soc.boardMembers.slice(0, 5)) {
        const r = await t.http.post(`${url}/ballots`).set(m.auth).send({ choice: 'approve' }).expect(201);
        expect(r.body).toMatchObject({ status: 'open', tally: { outcome: 'pending' } });
      }
      const sixth = await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[5].auth)
        .send({ choice: 'approve', comment: '同意' })
        .expect(201);
      expect(sixth.body).toMatchObject({
        status: 'closed',
        tally: { cast: 6, approve: 6, quorumMet: true, outcome: 'approved' },
      });
      expect(await caseStatus(soc, c.id)).toBe('approved');
      expect(await fund(soc)).toMatchObject({ heldFen: 300_000 });
      const late = await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[6].auth)
        .send({ choice: 'reject' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'VOTE_CLOSED' });
      const again = await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[0].auth)
        .send({ choice: 'reject' });
      expect(again.body).toMatchObject({ code: 'ALREADY_VOTED' });
      const got = await t.http.get(url).set(soc.treasurer.auth).expect(200);
      expect((got.body as { ballots: unknown[] }).ballots).toHaveLength(6);
      expect((got.body as { ballots: unknown[] }).ballots[5]).toMatchObject({
        voterId: soc.boardMembers[5].id,
        choice: 'approve',
        mode: 'remote',
        recordedBy: null,
      });
      const { rows } = await t.db.query(`SELECT approved_amount_fen FROM cases WHERE id = $1`, [c.id]);
      expect(rows[0]).toEqual({ approved_amount_fen: '300000' });
    });

    it('rejects once approval cannot be reached; the case is rejected and the hold released', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      await openVote(t, soc, c.id);
      await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[0].auth)
        .send({ choice: 'reject' })
        .expect(201);
      const r = await t.http.post(`${url}/ballots`).set(soc.boardMembers[1].auth).send({ choice: 'abstain' });
      expect(r.body).toMatchObject({ status: 'closed', tally: { outcome: 'rejected' } });
      expect(await caseStatus(soc, c.id)).toBe('rejected');
      expect(await fund(soc)).toMatchObject({ heldFen: 0, availableFen: 1_000_000 });
    });

    it('refuses a member not eligible at opening (403 NOT_ELIGIBLE), and the board of another kind', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      await openVote(t, soc, c.id);
      const late = await t.fx.member(soc, ['board']);
      const res = await t.http.post(`${url}/ballots`).set(late.auth).send({ choice: 'approve' }).expect(403);
      expect(res.body).toMatchObject({ code: 'NOT_ELIGIBLE' });
      const sec = await t.http.post(`${url}/ballots`).set(soc.secretary.auth).send({ choice: 'approve' });
      expect(sec.body).toMatchObject({ code: 'NOT_ELIGIBLE' });
      const none = await t.http
        .post(`${soc.url}/cases/${(await t.fx.case(soc)).id}/vote/ballots`)
        .set(late.auth)
        .send({ choice: 'approve' })
        .expect(404);
      expect(none.body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('in a meeting vote the secretary records a member’s ballot (mode meeting, recordedBy)', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      await openVote(t, soc, c.id, { mode: 'meeting' });
      const [a, b] = soc.boardMembers;
      const r = await t.http
        .post(`${url}/ballots`)
        .set(soc.secretary.auth)
        .send({ voterId: a.id, choice: 'approve' })
        .expect(201);
      expect((r.body as { ballots: unknown[] }).ballots[0]).toMatchObject({
        voterId: a.id,
        mode: 'meeting',
        recordedBy: soc.secretary.id,
      });
      // the member's own ballot after it was recorded
      const own = await t.http.post(`${url}/ballots`).set(a.auth).send({ choice: 'reject' }).expect(409);
      expect(own.body).toMatchObject({ code: 'ALREADY_VOTED' });
      // a board member may not record another's
      const forged = await t.http
        .post(`${url}/ballots`)
        .set(b.auth)
        .send({ voterId: a.id, choice: 'reject' });
      expect(forged.status).toBe(403);
      expect(forged.body).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('in a remote vote nobody records another’s ballot (409 INVALID_STATE)', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      await openVote(t, soc, c.id);
      const res = await t.http
        .post(`${url}/ballots`)
        .set(soc.secretary.auth)
        .send({ voterId: soc.boardMembers[0].id, choice: 'approve' })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'INVALID_STATE' });
    });

    it('takes no ballot after closesAt, before the job has closed the vote (VOTE_CLOSED)', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      const v = await openVote(t, soc, c.id);
      t.clock.set(new Date(Date.parse(v.closesAt)));
      const res = await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[0].auth)
        .send({ choice: 'approve' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'VOTE_CLOSED' });
    });
  });

  describe('recusal', () => {
    it('leaves the eligible set; a second recusal is NOT_ELIGIBLE; a voter may not recuse', async () => {
      const { soc, c, url } = await votingSociety(t, 4);
      await openVote(t, soc, c.id);
      const [a, b] = soc.boardMembers;
      const r = await t.http.post(`${url}/recusal`).set(a.auth).send({ reason: '亲属回避' }).expect(200);
      expect(r.body).toMatchObject({ recusedVoterIds: [a.id], tally: { eligible: 3 } });
      expect((r.body as { eligibleVoterIds: string[] }).eligibleVoterIds).not.toContain(a.id);
      const twice = await t.http.post(`${url}/recusal`).set(a.auth).send({ reason: '再次' }).expect(403);
      expect(twice.body).toMatchObject({ code: 'NOT_ELIGIBLE' });
      // A recused member's ballot is refused, and counts nowhere.
      const ballot = await t.http.post(`${url}/ballots`).set(a.auth).send({ choice: 'approve' }).expect(403);
      expect(ballot.body).toMatchObject({ code: 'NOT_ELIGIBLE' });
      await t.http.post(`${url}/ballots`).set(b.auth).send({ choice: 'approve' }).expect(201);
      const voted = await t.http.post(`${url}/recusal`).set(b.auth).send({ reason: '迟了' }).expect(409);
      expect(voted.body).toMatchObject({ code: 'ALREADY_VOTED' });
    });

    it('decides the vote when it leaves no doubt: the last undecided member recusing', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      await openVote(t, soc, c.id);
      const [a, b, x] = soc.boardMembers;
      await t.http.post(`${url}/ballots`).set(a.auth).send({ choice: 'approve' }).expect(201);
      // 1 of 3: quorum 2; after b's recusal E = 2, quorum 2, nothing decided
      await t.http.post(`${url}/recusal`).set(b.auth).send({ reason: '回避' }).expect(200);
      const r = await t.http.post(`${url}/recusal`).set(x.auth).send({ reason: '回避' }).expect(200);
      // E = 1, one approval: approved
      expect(r.body).toMatchObject({ status: 'closed', tally: { eligible: 1, outcome: 'approved' } });
      expect(await caseStatus(soc, c.id)).toBe('approved');
    });
  });

  describe('POST …/vote/close', () => {
    it('closes with the ballots as they are: no quorum sends the case back to a draft, to vote again', async () => {
      const { soc, c, url } = await votingSociety(t, 9);
      await openVote(t, soc, c.id, { amountFen: 100_000 });
      await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[0].auth)
        .send({ choice: 'approve' })
        .expect(201);
      const r = await t.http.post(`${url}/close`).set(soc.secretary.auth).expect(200);
      expect(r.body).toMatchObject({
        status: 'closed',
        tally: { cast: 1, quorumMet: false, outcome: 'no_quorum' },
      });
      expect(await caseStatus(soc, c.id)).toBe('draft');
      expect(await fund(soc)).toMatchObject({ heldFen: 0 });
      const again = await t.http.post(`${url}/close`).set(soc.secretary.auth).expect(409);
      expect(again.body).toMatchObject({ code: 'VOTE_CLOSED' });
      // voted again: a new vote, the old one kept
      const second = await t.http.post(url).set(soc.secretary.auth).send({ amountFen: 50_000 }).expect(201);
      expect(second.body).toMatchObject({ status: 'open', amountFen: 50_000 });
      const { rows } = await t.db.query(`SELECT status FROM votes WHERE case_id = $1 ORDER BY opens_at`, [
        c.id,
      ]);
      expect(rows).toEqual([{ status: 'closed' }, { status: 'open' }]);
    });

    it('closes with a quorum to approved or rejected', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      await openVote(t, soc, c.id);
      await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[0].auth)
        .send({ choice: 'approve' })
        .expect(201);
      await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[1].auth)
        .send({ choice: 'approve' })
        .expect(201);
      // 2 of 3 approve with 2/3 of 3 needed: decided already
      expect(await caseStatus(soc, c.id)).toBe('approved');
      const { soc: s2, c: c2, url: u2 } = await votingSociety(t, 4);
      await openVote(t, s2, c2.id);
      await t.http.post(`${u2}/ballots`).set(s2.boardMembers[0].auth).send({ choice: 'approve' }).expect(201);
      await t.http.post(`${u2}/ballots`).set(s2.boardMembers[1].auth).send({ choice: 'approve' }).expect(201);
      await t.http.post(`${u2}/ballots`).set(s2.boardMembers[2].auth).send({ choice: 'reject' }).expect(201);
      // 3 of 4 cast (quorum 3), 2 approve of 3: 2 ≥ 2/3·3 at close
      const r = await t.http.post(`${u2}/close`).set(s2.secretary.auth).expect(200);
      expect(r.body).toMatchObject({ tally: { outcome: 'approved' } });
    });

    it('a case withdrawn under vote: the vote is cancelled at close, the case stays withdrawn', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      await openVote(t, soc, c.id);
      await t.http
        .post(`${soc.url}/cases/${c.id}/withdraw`)
        .set(soc.secretary.auth)
        .send({ reason: '撤回' })
        .expect(200);
      // no longer waiting for anyone's ballot
      const pending = await t.http
        .get(`${soc.url}/votes/pending-mine`)
        .set(soc.boardMembers[0].auth)
        .expect(200);
      expect(pending.body).toEqual({ items: [], nextCursor: null });
      const ballot = await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[0].auth)
        .send({ choice: 'approve' });
      expect(ballot.body).toMatchObject({ code: 'VOTE_CLOSED' });
      const r = await t.http.post(`${url}/close`).set(soc.secretary.auth).expect(200);
      expect(r.body).toMatchObject({ status: 'cancelled', tally: { outcome: 'pending' } });
      expect(await caseStatus(soc, c.id)).toBe('withdrawn');
      expect(await fund(soc)).toMatchObject({ heldFen: 0 });
    });
  });

  describe('GET …/vote and pending-mine', () => {
    it('GET is 404 for a case never voted on', async () => {
      const { soc, url } = await votingSociety(t, 1);
      const res = await t.http.get(url).set(soc.secretary.auth).expect(404);
      expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('lists open votes waiting for my ballot, soonest deadline first, paged', async () => {
      const soc = await t.fx.society({ board: 2 });
      await t.fx.donation(soc, { amountFen: 1_000_000 });
      const [a, b] = soc.boardMembers;
      const c1 = await t.fx.case(soc);
      const c2 = await t.fx.case(soc);
      const c3 = await t.fx.case(soc);
      const in1h = new Date(Date.now() + 3_600_000).toISOString();
      const in2h = new Date(Date.now() + 7_200_000).toISOString();
      const v2 = await openVote(t, soc, c2.id, { closesAt: in2h });
      const v1 = await openVote(t, soc, c1.id, { closesAt: in1h });
      const v3 = await openVote(t, soc, c3.id);
      await t.http
        .post(`${soc.url}/cases/${c3.id}/vote/ballots`)
        .set(a.auth)
        .send({ choice: 'abstain' })
        .expect(201);
      const page1 = await t.http.get(`${soc.url}/votes/pending-mine?limit=1`).set(a.auth).expect(200);
      expect(page1.body).toMatchObject({
        items: [{ id: v1.id, caseId: c1.id }],
        nextCursor: expect.any(String),
      });
      const page2 = await t.http
        .get(
          `${soc.url}/votes/pending-mine?limit=1&cursor=${(page1.body as { nextCursor: string }).nextCursor}`,
        )
        .set(a.auth)
        .expect(200);
      expect(page2.body).toMatchObject({ items: [{ id: v2.id }], nextCursor: null });
      const forB = await t.http.get(`${soc.url}/votes/pending-mine`).set(b.auth).expect(200);
      expect((forB.body as { items: { id: string }[] }).items.map((v) => v.id)).toEqual([
        v1.id,
        v2.id,
        v3.id,
      ]);
      const forSecretary = await t.http
        .get(`${soc.url}/votes/pending-mine`)
        .set(soc.secretary.auth)
        .expect(200);
      expect(forSecretary.body).toEqual({ items: [], nextCursor: null });
    });
  });

  describe('the deadline job (votes.close-expired)', () => {
    it('closes a vote at closesAt with the final tally, once; nothing before it is due', async () => {
      const { soc, c, url } = await votingSociety(t, 3);
      // later than every other vote of this file: those are all due before it
      const closesAt = new Date(Date.now() + 100 * 86_400_000).toISOString();
      const v = await openVote(t, soc, c.id, { amountFen: 70_000, closesAt });
      await t.http
        .post(`${url}/ballots`)
        .set(soc.boardMembers[0].auth)
        .send({ choice: 'approve' })
        .expect(201);
      const scheduler = t.app.get(SchedulerService);
      t.clock.set(new Date(Date.parse(v.closesAt) - 1));
      expect(await scheduler.tick('votes.close-expired')).toMatchObject({ ran: true, failed: false });
      expect((await t.http.get(url).set(soc.secretary.auth).expect(200)).body).toMatchObject({
        status: 'open',
      });
      t.clock.set(new Date(Date.parse(v.closesAt)));
      expect(await scheduler.tick('votes.close-expired')).toMatchObject({
        ran: true,
        done: 1,
        failed: false,
      });
      expect(await scheduler.tick('votes.close-expired')).toMatchObject({ ran: true, done: 0 });
      const got = await t.http.get(url).set(soc.secretary.auth).expect(200);
      expect(got.body).toMatchObject({ status: 'closed', tally: { cast: 1, outcome: 'no_quorum' } });
      expect(await caseStatus(soc, c.id)).toBe('draft');
      const { rows } = await t.db.query(
        `SELECT action FROM audit_events WHERE society_id = $1 AND action IN ('vote.closed', 'case.no_quorum')`,
        [soc.id],
      );
      expect(rows.map((r: { action: string }) => r.action).sort()).toEqual(['case.no_quorum', 'vote.closed']);
    });
  });

  it("answers 404 for a vote on another society's case, and holds nothing", async () => {
    const { soc } = await votingSociety(t, 3);
    const other = await votingSociety(t, 3);
    const res = await t.http
      .post(`${soc.url}/cases/${other.c.id}/vote`)
      .set(soc.secretary.auth)
      .send({ amountFen: 10_000 })
      .expect(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(await fund(soc)).toMatchObject({ heldFen: 0 });
    expect(await fund(other.soc)).toMatchObject({ heldFen: 0 });
    expect(await caseStatus(other.soc, other.c.id)).toBe('draft');
  });
});
