import fc from 'fast-check';
import { Principal } from '../../src/common/access/roles';
import { AppError } from '../../src/common/errors/app-error';
import { DonationsService } from '../../src/donors/donations.service';
import {
  aidPaymentLines,
  applyEntry,
  applyHold,
  applyRelease,
  applySettle,
  donationLines,
  donationVoidLines,
  FundState,
  recoveryLines,
  transferLines,
} from '../../src/fund/domain/ledger';
import { LedgerService } from '../../src/fund/ledger.service';
import { withTestApp } from '../support/test-app';

/** The ledger's service API (holds are used by the votes and payments of later issues), against PostgreSQL. */
describe('LedgerService', () => {
  const t = withTestApp();
  let ledger: LedgerService;
  let donations: DonationsService;

  beforeAll(() => {
    ledger = t.app.get(LedgerService);
    donations = t.app.get(DonationsService);
  });

  async function society(): Promise<{ id: string; actor: Principal; donorId: string }> {
    const s = await t.fx.society({ roles: ['treasurer'], displayNames: { treasurer: '出纳' } });
    const donor = await t.fx.donor(s, { kind: 'individual', name: '捐赠人' });
    return { id: s.id, actor: s.treasurer, donorId: donor.id };
  }

  const give = (
    s: { id: string; actor: Principal; donorId: string },
    amountFen: number,
    channel: 'cash' | 'bank_transfer' = 'cash',
  ) =>
    t.run(() =>
      donations.record(s.id, { donorId: s.donorId, amountFen, channel, receivedAt: '2026-11-29' }, s.actor),
    );

  const code = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'ok';
    } catch (e) {
      if (e instanceof AppError) return e.code;
      throw e;
    }
  };

  describe('holds', () => {
    it('holds only available money, releases it back, and settles with the remainder released', async () => {
      const s = await society();
      const cashGift = await give(s, 10000, 'cash');
      await give(s, 5000, 'bank_transfer');
      const hold = await t.run(() => ledger.hold(s.id, 12000, { type: 'vote', id: s.donorId }, s.actor.id));
      expect(await t.run(() => ledger.summary(s.id))).toMatchObject({
        balanceFen: 15000,
        heldFen: 12000,
        availableFen: 3000,
      });
      expect(await code(t.run(() => ledger.hold(s.id, 3001, null, null)))).toBe('INSUFFICIENT_FUNDS');
      const small = await t.run(() => ledger.hold(s.id, 3000, null, null));
      expect((await t.run(() => ledger.summary(s.id))).availableFen).toBe(0);

      // Money that is held cannot be voided away (and aid is paid only from its own hold).
      expect(await code(t.run(() => donations.void(s.id, cashGift.id, { reason: '误录' }, s.actor)))).toBe(
        'INSUFFICIENT_FUNDS',
      );

      await t.run(() => ledger.release(s.id, small.id, null));
      expect(await code(t.run(() => ledger.release(s.id, small.id, null)))).toBe('INVALID_STATE');
      expect((await t.run(() => ledger.summary(s.id))).availableFen).toBe(3000);

      // Paying more than held is refused; paying from an account that cannot cover it too.
      const over = t.run(() =>
        ledger.payFromHold(s.id, hold.id, { amountFen: 12001, from: 'cash', actorId: null }),
      );
      expect(await code(over)).toBe('AMOUNT_EXCEEDS_APPROVED');
      const fromBank = t.run(() =>
        ledger.payFromHold(s.id, hold.id, { amountFen: 6000, from: 'bank', actorId: null }),
      );
      expect(await code(fromBank)).toBe('INSUFFICIENT_FUNDS');
      expect((await t.run(() => ledger.getHold(s.id, hold.id)))?.status).toBe('held');

      const entry = await t.run(() =>
        ledger.payFromHold(s.id, hold.id, {
          amountFen: 10000,
          from: 'cash',
          ref: { type: 'case', id: s.donorId },
          actorId: s.actor.id,
        }),
      );
      expect(entry).toMatchObject({ kind: 'aid_payment', ref: { type: 'case', id: s.donorId } });
      expect(entry.lines).toEqual([
        { account: 'aid', debitFen: 10000, creditFen: 0 },
        { account: 'cash', debitFen: 0, creditFen: 10000 },
      ]);
      expect(await t.run(() => ledger.getHold(s.id, hold.id))).toMatchObject({
        status: 'settled',
        settledFen: 10000,
      });
      expect(await t.run(() => ledger.summary(s.id))).toMatchObject({
        balanceFen: 5000,
        heldFen: 0,
        availableFen: 5000,
        totals: { donatedFen: 15000, aidPaidFen: 10000, recoveredFen: 0 },
      });
      expect(await code(t.run(() => ledger.release(s.id, hold.id, null)))).toBe('INVALID_STATE');
      expect((await t.run(() => ledger.reconcile(s.id))).ok).toBe(true);
      const actions = (
        await t.db.query(
          `SELECT action FROM audit_events WHERE society_id = $1 AND entity = 'hold' ORDER BY seq`,
          [s.id],
        )
      ).rows.map((r) => r.action);
      expect(actions).toEqual([
        'fund.hold_placed',
        'fund.hold_placed',
        'fund.hold_released',
        'fund.hold_settled',
      ]);
    });
  });

  describe('concurrency (real parallel connections)', () => {
    it('gives 50 simultaneous donations the receipt numbers 1…50, no gap, no repeat', async () => {
      const s = await society();
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => give(s, 100 + i)));
      const numbers = results.map((r) => r.receiptNo).sort();
      expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`));
      const seqs = await t.db.query(
        `SELECT seq::int FROM ledger_entries WHERE society_id = $1 ORDER BY seq`,
        [s.id],
      );
      expect(seqs.rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('voids one donation exactly once when ten voids race', async () => {
      const s = await society();
      const gift = await give(s, 5000);
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () =>
          code(t.run(() => donations.void(s.id, gift.id, { reason: '并发作废' }, s.actor))),
        ),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'INVALID_STATE')).toHaveLength(9);
      const voids = await t.db.query(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE society_id = $1 AND kind = 'donation_void'`,
        [s.id],
      );
      expect(voids.rows[0].n).toBe(1);
      expect((await t.run(() => ledger.summary(s.id))).balanceFen).toBe(0);
    });

    it('closes a hold once when releases and settlements race for it', async () => {
      const s = await society();
      await give(s, 8000);
      const hold = await t.run(() => ledger.hold(s.id, 8000, null, null));
      const settle = () =>
        code(
          t.run(() => ledger.payFromHold(s.id, hold.id, { amountFen: 8000, from: 'cash', actorId: null })),
        );
      const release = () => code(t.run(() => ledger.release(s.id, hold.id, null)));
      const outcomes = await Promise.all([settle(), release(), settle(), release(), settle(), release()]);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'INVALID_STATE')).toHaveLength(5);
      const summary = await t.run(() => ledger.summary(s.id));
      const settled = (await t.run(() => ledger.getHold(s.id, hold.id)))!.status === 'settled';
      expect(summary).toMatchObject({
        heldFen: 0,
        balanceFen: settled ? 0 : 8000,
        totals: { aidPaidFen: settled ? 8000 : 0 },
      });
      expect((await t.run(() => ledger.reconcile(s.id))).ok).toBe(true);
    });

    it('lets exactly as many holds through as the money allows', async () => {
      const s = await society();
      await give(s, 10000);
      const outcomes = await Promise.all(
        Array.from({ length: 30 }, () => code(t.run(() => ledger.hold(s.id, 1000, null, null)))),
      );
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10);
      expect(outcomes.filter((o) => o === 'INSUFFICIENT_FUNDS')).toHaveLength(20);
      expect(await t.run(() => ledger.summary(s.id))).toMatchObject({ heldFen: 10000, availableFen: 0 });
    });

    it('never lets racing holds, transfers, voids and payments make a balance or available negative', async () => {
      const s = await society();
      const gifts = [];
      for (let i = 0; i < 10; i++) gifts.push(await give(s, 1000, 'cash'));
      // Five approved cases hold 1000 each: aid is paid only from a hold.
      const caseHolds = [];
      for (let i = 0; i < 5; i++) caseHolds.push(await t.run(() => ledger.hold(s.id, 1000, null, null)));
      const ops: Promise<string>[] = [];
      for (let i = 0; i < 10; i++) ops.push(code(t.run(() => ledger.hold(s.id, 1000, null, null))));
      for (let i = 0; i < 10; i++)
        ops.push(
          code(t.run(() => ledger.transfer(s.id, { from: 'cash', to: 'bank', amountFen: 1000 }, s.actor.id))),
        );
      for (const g of gifts)
        ops.push(code(t.run(() => donations.void(s.id, g.id, { reason: '并发' }, s.actor))));
      for (const h of caseHolds)
        ops.push(
          code(t.run(() => ledger.payFromHold(s.id, h.id, { amountFen: 1000, from: 'cash', actorId: null }))),
        );
      const outcomes = await Promise.all(ops);
      expect(outcomes.every((o) => o === 'ok' || o === 'INSUFFICIENT_FUNDS')).toBe(true);
      const summary = await t.run(() => ledger.summary(s.id));
      expect(summary.accounts.find((a) => a.code === 'cash')!.balanceFen).toBeGreaterThanOrEqual(0);
      expect(summary.accounts.find((a) => a.code === 'bank')!.balanceFen).toBeGreaterThanOrEqual(0);
      expect(summary.availableFen).toBeGreaterThanOrEqual(0);
      // New holds and voids each consume 1000 of the 5000 available: at most 5 of them succeed. A
      // payment uses its own hold (or fails on cash moved to the bank, keeping its hold); the
      // balances are exactly what the successes imply.
      const ok = (from: number, to: number) => outcomes.slice(from, to).filter((o) => o === 'ok').length;
      const [holdsOk, voidsOk, paidOk] = [ok(0, 10), ok(20, 30), ok(30, 35)];
      expect(holdsOk + voidsOk).toBeLessThanOrEqual(5);
      expect(summary.heldFen).toBe(1000 * (holdsOk + 5 - paidOk));
      expect(summary.balanceFen).toBe(10000 - 1000 * (voidsOk + paidOk));
      expect(summary.totals.aidPaidFen).toBe(1000 * paidOk);
      expect((await t.run(() => ledger.reconcile(s.id))).ok).toBe(true);
    });
  });

  describe('property: random operations keep the books right after every step', () => {
    type Op =
      | { op: 'donate'; amount: number; cash: boolean }
      | { op: 'void'; pick: number }
      | { op: 'transfer'; amount: number; toBank: boolean }
      | { op: 'hold'; amount: number }
      | { op: 'release'; pick: number }
      | { op: 'settle'; pick: number; part: number; cash: boolean }
      | { op: 'recover'; amount: number; cash: boolean };

    const amount = fc.integer({ min: 1, max: 20000 });
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ op: fc.constant('donate' as const), amount, cash: fc.boolean() }) },
      fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
      fc.record({ op: fc.constant('transfer' as const), amount, toBank: fc.boolean() }),
      { weight: 2, arbitrary: fc.record({ op: fc.constant('hold' as const), amount }) },
      fc.record({ op: fc.constant('release' as const), pick: fc.nat() }),
      fc.record({
        op: fc.constant('settle' as const),
        pick: fc.nat(),
        part: fc.integer({ min: 1, max: 100 }),
        cash: fc.boolean(),
      }),
      fc.record({ op: fc.constant('recover' as const), amount, cash: fc.boolean() }),
    );

    it('balanced entries, Σdebit = Σcredit, cached = recomputed, nothing negative, outcomes as the pure model says', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 20 }), async (ops) => {
          const s = await society();
          let model: FundState = {
            balances: { bank: 0, cash: 0, donations: 0, recoveries: 0, aid: 0 },
            heldFen: 0,
          };
          const gifts: { id: string; amount: number; account: 'cash' | 'bank'; voided: boolean }[] = [];
          const holds: { id: string; amount: number; open: boolean }[] = [];
          for (const op of ops) {
            let expected: FundState | 'INSUFFICIENT_FUNDS';
            const attempt = (f: () => FundState) => {
              try {
                return f();
              } catch (e) {
                if (e instanceof AppError) return 'INSUFFICIENT_FUNDS' as const;
                throw e;
              }
            };
            let outcome: string;
            if (op.op === 'donate') {
              const account = op.cash ? 'cash' : 'bank';
              expected = attempt(() => applyEntry(model, donationLines(account, op.amount)));
              const r = await code(
                give(s, op.amount, op.cash ? 'cash' : 'bank_transfer').then((g) =>
                  gifts.push({ id: g.id, amount: op.amount, account, voided: false }),
                ),
              );
              outcome = r;
            } else if (op.op === 'void') {
              const live = gifts.filter((g) => !g.voided);
              const g = live[op.pick % Math.max(1, live.length)];
              if (!g) continue;
              expected = attempt(() => applyEntry(model, donationVoidLines(g.account, g.amount)));
              outcome = await code(t.run(() => donations.void(s.id, g.id, { reason: 'p' }, s.actor)));
              if (outcome === 'ok') g.voided = true;
            } else if (op.op === 'transfer') {
              const [from, to] = op.toBank ? (['cash', 'bank'] as const) : (['bank', 'cash'] as const);
              expected = attempt(() => applyEntry(model, transferLines(from, to, op.amount)));
              outcome = await code(
                t.run(() => ledger.transfer(s.id, { from, to, amountFen: op.amount }, s.actor.id)),
              );
            } else if (op.op === 'hold') {
              expected = attempt(() => applyHold(model, op.amount));
              outcome = await code(
                t
                  .run(() => ledger.hold(s.id, op.amount, null, null))
                  .then((h) => holds.push({ id: h.id, amount: op.amount, open: true })),
              );
            } else if (op.op === 'release') {
              const open = holds.filter((h) => h.open);
              const h = open[op.pick % Math.max(1, open.length)];
              if (!h) continue;
              expected = applyRelease(model, h.amount);
              outcome = await code(t.run(() => ledger.release(s.id, h.id, null)));
              if (outcome === 'ok') h.open = false;
            } else if (op.op === 'recover') {
              const account = op.cash ? 'cash' : 'bank';
              expected = attempt(() => applyEntry(model, recoveryLines(account, op.amount)));
              outcome = await code(
                t.run(() => ledger.recover(s.id, { amountFen: op.amount, to: account, actorId: null })),
              );
            } else {
              const open = holds.filter((h) => h.open);
              const h = open[op.pick % Math.max(1, open.length)];
              if (!h) continue;
              const paid = Math.max(1, Math.floor((h.amount * op.part) / 100));
              const account = op.cash ? 'cash' : 'bank';
              expected = attempt(() => applySettle(model, h.amount, aidPaymentLines(account, paid)));
              outcome = await code(
                t.run(() =>
                  ledger.payFromHold(s.id, h.id, { amountFen: paid, from: account, actorId: null }),
                ),
              );
              if (outcome === 'ok') h.open = false;
            }
            expect([op.op, outcome]).toEqual([
              op.op,
              expected === 'INSUFFICIENT_FUNDS' ? 'INSUFFICIENT_FUNDS' : 'ok',
            ]);
            if (expected !== 'INSUFFICIENT_FUNDS') model = expected;

            const rec = await t.run(() => ledger.reconcile(s.id));
            expect(rec).toMatchObject({ ok: true, unbalancedEntries: 0, seqGapFree: true });
            expect(rec.debitsFen).toBe(rec.creditsFen);
            const summary = await t.run(() => ledger.summary(s.id));
            expect(summary.accounts.map((a) => [a.code, a.balanceFen])).toEqual(
              Object.entries(model.balances),
            );
            expect(summary.heldFen).toBe(model.heldFen);
            expect(summary.availableFen).toBeGreaterThanOrEqual(0);
            expect(
              summary.accounts
                .filter((a) => a.code === 'bank' || a.code === 'cash')
                .every((a) => a.balanceFen >= 0),
            ).toBe(true);
          }
        }),
        { numRuns: 25 },
      );
    });
  });
  describe('intents', () => {
    it('offers only intents and reads: no generic post, no raw lines from callers', () => {
      // Every method, so that a new one is a decision made here: the private helpers are listed apart.
      const methods = Object.getOwnPropertyNames(LedgerService.prototype).filter((m) => m !== 'constructor');
      const intents = [
        'recordDonation',
        'voidDonation',
        'transfer',
        'hold',
        'release',
        'payFromHold',
        'recover',
      ];
      const reads = [
        'getHold',
        'summary',
        'totalsBetween',
        'activity',
        'entries',
        'reconcile',
        'allEntries',
        'overviews',
      ];
      const privateHelpers = ['lockFund', 'postEntry', 'postGift', 'openHold', 'recordHold'];
      expect(methods.sort()).toEqual([...intents, ...reads, ...privateHelpers].sort());
    });

    it('writes exactly one audit event per intent, and none for a refused one', async () => {
      const s = await society();
      const count = async () =>
        (await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE society_id = $1`, [s.id]))
          .rows[0].n as number;
      const events = async (fn: () => Promise<unknown>) => {
        const before = await count();
        await code(t.run(fn));
        return (await count()) - before;
      };
      let gift!: { id: string };
      expect(await events(async () => (gift = await give(s, 5000)))).toBe(1); // recordDonation
      expect(
        await events(() => ledger.transfer(s.id, { from: 'cash', to: 'bank', amountFen: 100 }, null)),
      ).toBe(1);
      let hold!: { id: string };
      expect(await events(async () => (hold = await ledger.hold(s.id, 1000, null, null)))).toBe(1);
      expect(
        await events(() =>
          ledger.payFromHold(s.id, hold.id, { amountFen: 800, from: 'cash', actorId: null }),
        ),
      ).toBe(1);
      const other = await t.run(() => ledger.hold(s.id, 100, null, null));
      expect(await events(() => ledger.release(s.id, other.id, null))).toBe(1);
      expect(await events(() => ledger.recover(s.id, { amountFen: 1000, to: 'cash', actorId: null }))).toBe(
        1,
      );
      expect(await events(() => donations.void(s.id, gift.id, { reason: '重复录入' }, s.actor))).toBe(1); // voidDonation
      // Refused: nothing written, not even the event.
      expect(await events(() => ledger.hold(s.id, 10_000_000, null, null))).toBe(0);
      expect(await events(() => ledger.release(s.id, other.id, null))).toBe(0);
      const actions = (
        await t.db.query(`SELECT action, data FROM audit_events WHERE society_id = $1 ORDER BY seq`, [s.id])
      ).rows as { action: string; data: Record<string, unknown> }[];
      expect(actions.slice(-8).map((a) => a.action)).toEqual([
        'donation.recorded',
        'fund.transfer',
        'fund.hold_placed',
        'fund.hold_settled',
        'fund.hold_placed',
        'fund.hold_released',
        'fund.recovered',
        'donation.voided',
      ]);
      // The donation events keep what they said when the donation service wrote them.
      expect(actions.find((a) => a.action === 'donation.recorded')!.data).toEqual({
        receiptNo: '2026-000001',
        donorId: s.donorId,
        amountFen: 5000,
        channel: 'cash',
        account: 'cash',
        entrySeq: 1,
      });
      expect(actions.find((a) => a.action === 'donation.voided')!.data).toEqual({
        receiptNo: '2026-000001',
        amountFen: 5000,
        reason: '重复录入',
        entrySeq: 5,
      });
    });

    it('recovers money into bank or cash: recoveries credited, available up, books reconciled', async () => {
      const s = await society();
      const entry = await t.run(() =>
        ledger.recover(s.id, {
          amountFen: 2500,
          to: 'bank',
          ref: { type: 'case', id: s.donorId },
          memo: '追回',
          actorId: s.actor.id,
        }),
      );
      expect(entry).toMatchObject({
        seq: 1,
        kind: 'recovery',
        memo: '追回',
        ref: { type: 'case', id: s.donorId },
        lines: [
          { account: 'bank', debitFen: 2500, creditFen: 0 },
          { account: 'recoveries', debitFen: 0, creditFen: 2500 },
        ],
      });
      expect(await t.run(() => ledger.summary(s.id))).toMatchObject({
        balanceFen: 2500,
        availableFen: 2500,
        totals: { recoveredFen: 2500 },
      });
      expect((await t.run(() => ledger.reconcile(s.id))).ok).toBe(true);
      const [event] = (
        await t.db.query(
          `SELECT action, entity, entity_id, data FROM audit_events WHERE society_id = $1 AND action = 'fund.recovered'`,
          [s.id],
        )
      ).rows;
      expect(event).toMatchObject({
        entity: 'ledger_entry',
        entity_id: entry.id,
        data: { to: 'bank', amountFen: 2500, seq: 1 },
      });
    });
  });

  describe('the clock', () => {
    afterEach(() => t.clock.reset());

    it('stamps entries, holds and donations with the clock’s instant, not the database’s', async () => {
      const s = await society();
      const at = new Date('2031-05-06T07:08:09.123Z');
      t.clock.set(at);
      const gift = await give(s, 3000);
      await give(s, 2000);
      const hold = await t.run(() => ledger.hold(s.id, 1000, null, null));
      const paid = await t.run(() =>
        ledger.payFromHold(s.id, hold.id, { amountFen: 1000, from: 'cash', actorId: null }),
      );
      const other = await t.run(() => ledger.hold(s.id, 500, null, null));
      await t.run(() => ledger.release(s.id, other.id, null));
      t.clock.advance(60_000);
      const voided = await t.run(() => donations.void(s.id, gift.id, { reason: '退回' }, s.actor));

      expect(paid.postedAt).toEqual(at);
      expect(gift.createdAt).toBe(at.toISOString());
      expect(voided.voidedAt).toBe('2031-05-06T07:09:09.123Z');
      const entries = (
        await t.db.query(`SELECT posted_at FROM ledger_entries WHERE society_id = $1 ORDER BY seq`, [s.id])
      ).rows.map((r) => (r.posted_at as Date).toISOString());
      expect(entries).toEqual([...Array(3).fill(at.toISOString()), '2031-05-06T07:09:09.123Z']);
      const holds = (
        await t.db.query(`SELECT created_at, closed_at FROM holds WHERE society_id = $1`, [s.id])
      ).rows.flatMap((r) => [r.created_at as Date, r.closed_at as Date].map((d) => d.toISOString()));
      expect(new Set(holds)).toEqual(new Set([at.toISOString()]));
    });

    it('numbers receipts by the year of the clock in the society’s time zone, and refuses dates after it', async () => {
      const s = await society(); // Asia/Shanghai
      t.clock.set('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in Shanghai
      const gift = await give(s, 100); // received 2026-11-29
      expect(gift.receiptNo).toBe('2027-000001');
      t.clock.set('2026-06-01T00:00:00Z');
      const future = await code(give(s, 100)); // 2026-11-29 is months after the clock
      expect(future).toBe('VALIDATION_FAILED');
    });
  });

  describe('summary reads one snapshot', () => {
    it('never shows a negative available, nor balance − held ≠ available, while holds are paid', async () => {
      const s = await society();
      const rounds = 40;
      let reading = true;
      const seen: { balanceFen: number; heldFen: number; availableFen: number }[] = [];
      // Each round gives the money, holds all of it and pays it: between the hold and the payment
      // everything is held, after it nothing is, so a torn read shows balance 0 with held > 0.
      const writer = async (i: number) => {
        for (let r = i; r < rounds; r += 2) {
          await give(s, 1000 + r, 'cash');
          const hold = await t.run(() => ledger.hold(s.id, 1000 + r, null, null));
          await t.run(() =>
            ledger.payFromHold(s.id, hold.id, { amountFen: 1000 + r, from: 'cash', actorId: null }),
          );
        }
      };
      const readers = Array.from({ length: 4 }, async () => {
        while (reading) seen.push(await t.run(() => ledger.summary(s.id)));
      });
      await Promise.all([writer(0), writer(1)]);
      reading = false;
      await Promise.all(readers);
      expect(seen.length).toBeGreaterThan(rounds);
      const torn = seen.filter((v) => v.availableFen < 0 || v.balanceFen - v.heldFen !== v.availableFen);
      expect(torn).toEqual([]);
      expect(await t.run(() => ledger.summary(s.id))).toMatchObject({ balanceFen: 0, heldFen: 0 });
    });
  });
});
