import { withTestApp } from '../support/test-app';

describe('Fund (API.md)', () => {
  const t = withTestApp();

  /** A society with one member per role, and its donor's gifts in cash and by bank. */
  async function fundedSociety(cash: number, bank: number) {
    const s = await t.fx.society();
    const donor = await t.fx.donor(s);
    if (cash) await t.fx.donation(s, { donor, amountFen: cash, channel: 'cash' });
    if (bank) await t.fx.donation(s, { donor, amountFen: bank, channel: 'bank_transfer' });
    return { ...s, donorId: donor.id };
  }

  describe('transfers', () => {
    it('moves money between cash and bank as one balanced entry', async () => {
      const s = await fundedSociety(50000, 0);
      const res = await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .send({ from: 'cash', to: 'bank', amountFen: 20000, memo: '存入银行' })
        .expect(201);
      expect(res.body).toMatchObject({
        seq: 2,
        kind: 'transfer',
        memo: '存入银行',
        lines: [
          { account: 'bank', debitFen: 20000, creditFen: 0 },
          { account: 'cash', debitFen: 0, creditFen: 20000 },
        ],
        ref: null,
      });
      const fund = (await t.http.get(`${s.url}/fund`).set(s.secretary.auth).expect(200)).body;
      expect(fund.accounts.slice(0, 2)).toEqual([
        { code: 'bank', balanceFen: 20000 },
        { code: 'cash', balanceFen: 30000 },
      ]);
      expect(fund.balanceFen).toBe(50000);
    });

    it('refuses a transfer the source cannot cover, and bad transfers, leaving the ledger untouched', async () => {
      const s = await fundedSociety(1000, 0);
      const over = await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .send({ from: 'cash', to: 'bank', amountFen: 1001 })
        .expect(409);
      expect(over.body).toMatchObject({ code: 'INSUFFICIENT_FUNDS', details: { account: 'cash' } });
      await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .send({ from: 'bank', to: 'cash', amountFen: 1 })
        .expect(409);
      const same = await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .send({ from: 'cash', to: 'cash', amountFen: 1 })
        .expect(400);
      expect(same.body.details.to).toBeDefined();
      await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .send({ from: 'donations', to: 'cash', amountFen: 1 })
        .expect(400);
      await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .send({ from: 'cash', to: 'bank', amountFen: 0 })
        .expect(400);
      const entries = (await t.http.get(`${s.url}/fund/entries`).set(s.treasurer.auth)).body.items;
      expect(entries).toHaveLength(1);
    });

    it('is for the treasurer only', async () => {
      const s = await fundedSociety(1000, 0);
      for (const who of [s.secretary, s.board, s.supervisor, s.collector, t.admin]) {
        await t.http
          .post(`${s.url}/fund/transfers`)
          .set(who.auth)
          .send({ from: 'cash', to: 'bank', amountFen: 1 })
          .expect(403);
      }
    });
  });

  describe('reads', () => {
    it('shows the fund to secretary, board, treasurer, supervisor and overseer, not to others', async () => {
      const s = await fundedSociety(100, 0);
      const overseer = await t.fx.user({ platformRole: 'overseer' });
      for (const who of [s.secretary, s.board, s.treasurer, s.supervisor, overseer]) {
        await t.http.get(`${s.url}/fund`).set(who.auth).expect(200);
        await t.http.get(`${s.url}/fund/entries`).set(who.auth).expect(200);
        await t.http.get(`${s.url}/fund/reconciliation`).set(who.auth).expect(200);
      }
      const outsider = await t.fx.user();
      for (const who of [s.collector, t.admin, outsider])
        await t.http.get(`${s.url}/fund`).set(who.auth).expect(403);
    });

    it('filters entries by day in the society’s time zone and pages by seq', async () => {
      const s = await fundedSociety(100, 200);
      await t.db.query('SET session_replication_role = replica');
      // Backdate the first entry to 2026-11-01 00:30 in Shanghai (= 10-31 16:30 UTC).
      await t.db.query(
        `UPDATE ledger_entries SET posted_at = '2026-10-31T16:30:00Z' WHERE society_id = $1 AND seq = 1`,
        [s.id],
      );
      await t.db.query('SET session_replication_role = DEFAULT');
      const nov1 = await t.http
        .get(`${s.url}/fund/entries`)
        .query({ from: '2026-11-01', to: '2026-11-01' })
        .set(s.board.auth)
        .expect(200);
      expect(nov1.body.items.map((e: { seq: number }) => e.seq)).toEqual([1]);
      const oct = await t.http
        .get(`${s.url}/fund/entries`)
        .query({ to: '2026-10-31' })
        .set(s.board.auth)
        .expect(200);
      expect(oct.body.items).toEqual([]);
      const p1 = await t.http.get(`${s.url}/fund/entries`).query({ limit: 1 }).set(s.board.auth).expect(200);
      const p2 = await t.http
        .get(`${s.url}/fund/entries`)
        .query({ limit: 1, cursor: p1.body.nextCursor })
        .set(s.board.auth)
        .expect(200);
      expect([p1.body.items[0].seq, p2.body.items[0].seq, p2.body.nextCursor]).toEqual([1, 2, null]);
    });

    it('reconciles: cached balances equal the ledger, debits equal credits', async () => {
      const s = await fundedSociety(7000, 3000);
      await t.fx.transfer(s, { from: 'bank', to: 'cash', amountFen: 1000 });
      const res = await t.http.get(`${s.url}/fund/reconciliation`).set(s.supervisor.auth).expect(200);
      expect(res.body).toEqual({
        ok: true,
        accounts: [
          { code: 'bank', balanceFen: 2000, ledgerFen: 2000 },
          { code: 'cash', balanceFen: 8000, ledgerFen: 8000 },
          { code: 'donations', balanceFen: 10000, ledgerFen: 10000 },
          { code: 'recoveries', balanceFen: 0, ledgerFen: 0 },
          { code: 'aid', balanceFen: 0, ledgerFen: 0 },
        ],
        debitsFen: 11000,
        creditsFen: 11000,
        heldFen: 0,
        holdsFen: 0,
        entries: 3,
        unbalancedEntries: 0,
        seqGapFree: true,
      });
    });

    it('reports a cached balance that drifted from the ledger', async () => {
      const s = await fundedSociety(7000, 0);
      await t.db.query(
        `UPDATE accounts SET balance_fen = balance_fen + 1 WHERE society_id = $1 AND code = 'donations'`,
        [s.id],
      );
      const res = await t.http.get(`${s.url}/fund/reconciliation`).set(s.supervisor.auth).expect(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.accounts[2]).toEqual({ code: 'donations', balanceFen: 7001, ledgerFen: 7000 });
    });
  });

  describe('Idempotency-Key', () => {
    it('returns the first answer for the same key and body, and changes nothing', async () => {
      const s = await fundedSociety(0, 0);
      const body = { donorId: s.donorId, amountFen: 8800, receivedAt: '2026-11-29', channel: 'cash' };
      const first = await t.http
        .post(`${s.url}/donations`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'gift-1')
        .send(body)
        .expect(201);
      const again = await t.http
        .post(`${s.url}/donations`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'gift-1')
        .send({ ...body })
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      const list = await t.http.get(`${s.url}/donations`).set(s.treasurer.auth).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect((await t.http.get(`${s.url}/fund`).set(s.treasurer.auth)).body.balanceFen).toBe(8800);
    });

    it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body or route', async () => {
      const s = await fundedSociety(0, 0);
      const body = { donorId: s.donorId, amountFen: 100, receivedAt: '2026-11-29', channel: 'cash' };
      const first = await t.http
        .post(`${s.url}/donations`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'k')
        .send(body)
        .expect(201);
      const other = await t.http
        .post(`${s.url}/donations`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'k')
        .send({ ...body, amountFen: 101 })
        .expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      await t.http
        .post(`${s.url}/donations/${first.body.id}/void`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'k')
        .send({ reason: 'x' })
        .expect(422);
      expect((await t.http.get(`${s.url}/fund`).set(s.treasurer.auth)).body.balanceFen).toBe(100);
    });

    it('works for voids (200) and transfers, and keys are per society', async () => {
      const s = await fundedSociety(500, 0);
      const gift = await t.fx.donation(s, { donor: { id: s.donorId }, amountFen: 300, channel: 'cash' });
      const v1 = await t.http
        .post(`${s.url}/donations/${gift.id}/void`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'void-1')
        .send({ reason: '错' })
        .expect(200);
      const v2 = await t.http
        .post(`${s.url}/donations/${gift.id}/void`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'void-1')
        .send({ reason: '错' })
        .expect(200);
      expect(v2.body).toEqual(v1.body);
      const tr = { from: 'cash', to: 'bank', amountFen: 100 };
      const t1 = await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'tr')
        .send(tr)
        .expect(201);
      const t2 = await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'tr')
        .send(tr)
        .expect(201);
      expect(t2.body.id).toBe(t1.body.id);
      const other = await fundedSociety(500, 0);
      await t.http
        .post(`${other.url}/fund/transfers`)
        .set(other.treasurer.auth)
        .set('Idempotency-Key', 'tr')
        .send(tr)
        .expect(201);
    });

    it('does not keep the key of a request that failed, so it can be retried', async () => {
      const s = await fundedSociety(100, 0);
      const tr = { from: 'cash', to: 'bank', amountFen: 500 };
      await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'retry')
        .send(tr)
        .expect(409);
      await t.fx.donation(s, { donor: { id: s.donorId }, amountFen: 1000, channel: 'cash' });
      await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'retry')
        .send(tr)
        .expect(201);
    });

    it('validates the key', async () => {
      const s = await fundedSociety(100, 0);
      const res = await t.http
        .post(`${s.url}/fund/transfers`)
        .set(s.treasurer.auth)
        .set('Idempotency-Key', 'x'.repeat(201))
        .send({ from: 'cash', to: 'bank', amountFen: 1 })
        .expect(400);
      expect(res.body.details['Idempotency-Key']).toBeDefined();
    });

    it('makes exactly one entry from 20 parallel requests with one key', async () => {
      const s = await fundedSociety(0, 0);
      const body = {
        donorId: s.donorId,
        amountFen: 4200,
        receivedAt: '2026-11-29',
        channel: 'bank_transfer',
      };
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.http.post(`${s.url}/donations`).set(s.treasurer.auth).set('Idempotency-Key', 'burst').send(body),
        ),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
      const entries = await t.db.query(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE society_id = $1 AND kind = 'donation'`,
        [s.id],
      );
      expect(entries.rows[0].n).toBe(1);
      expect((await t.http.get(`${s.url}/fund`).set(s.treasurer.auth)).body.balanceFen).toBe(4200);
    });
  });

  describe('the database guards the ledger itself', () => {
    it('rejects UPDATE and DELETE of entries and lines', async () => {
      const s = await fundedSociety(100, 0);
      await expect(
        t.db.query(`UPDATE ledger_entries SET memo = 'x' WHERE society_id = $1`, [s.id]),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM ledger_entries WHERE society_id = $1`, [s.id])).rejects.toThrow(
        /append-only/,
      );
      await expect(
        t.db.query(`UPDATE ledger_lines SET debit_fen = 1 WHERE society_id = $1`, [s.id]),
      ).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM ledger_lines WHERE society_id = $1`, [s.id])).rejects.toThrow(
        /append-only/,
      );
    });

    it('rejects an unbalanced entry at commit', async () => {
      const s = await fundedSociety(100, 0);
      const c = t.db;
      await c.query('BEGIN');
      try {
        const e = await c.query(
          `INSERT INTO ledger_entries (society_id, seq, kind) VALUES ($1, 99, 'transfer') RETURNING id`,
          [s.id],
        );
        await c.query(
          `INSERT INTO ledger_lines (society_id, entry_id, line_no, account_code, debit_fen, credit_fen)
           VALUES ($1, $2, 1, 'bank', 5, 0), ($1, $2, 2, 'cash', 0, 4)`,
          [s.id, e.rows[0].id],
        );
        await expect(c.query('COMMIT')).rejects.toThrow(/does not balance/);
      } finally {
        await c.query('ROLLBACK').catch(() => undefined);
      }
    });

    it('rejects a negative asset balance and held money above the balance', async () => {
      const s = await fundedSociety(100, 0);
      await expect(
        t.db.query(`UPDATE accounts SET balance_fen = -1 WHERE society_id = $1 AND code = 'cash'`, [s.id]),
      ).rejects.toThrow(/accounts_asset_nonnegative/);
      await expect(
        t.db.query(`UPDATE funds SET held_fen = 101 WHERE society_id = $1`, [s.id]),
      ).rejects.toThrow(/funds_available_check/);
    });
  });
});
