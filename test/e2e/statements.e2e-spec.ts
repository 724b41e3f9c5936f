import { randomUUID } from 'node:crypto';
import { binaryBody as binary } from '../support/binary-body';
import { disputedCase, paidCase } from '../support/dispute-fixtures';
import { testIdNumber, TestSociety, TestUser } from '../support/fixtures';
import { pdfText } from '../support/pdf-tools';
import { withTestApp } from '../support/test-app';

/**
 * Monthly statements (API.md "Statements, oversight, audit" and the public statement): the month is
 * the society's (Asia/Shanghai), lines fall in it by the ledger's posting time, and each month closes
 * where the next opens, at the ledger's balance at the month's end.
 */
describe('Statements', () => {
  const t = withTestApp();
  afterEach(() => t.clock.reset());

  /** Shanghai wall-clock time as an instant: '2026-12-01 08:00' → 2026-12-01T00:00Z. */
  const sh = (local: string) => new Date(`${local.replace(' ', 'T')}+08:00`);
  const at = (local: string) => t.clock.set(sh(local));
  const day = () => new Date(t.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  const get = (url: string, who: TestUser | null) => {
    const req = t.http.get(url);
    if (who) req.set(who.auth);
    return req;
  };
  const file = (url: string, who: TestUser | null) =>
    get(url, who)
      .buffer(true)
      .parse(binary as never);

  interface Line {
    entrySeq: number;
    amountFen: number;
    postedAt: string;
    account: string;
  }
  interface StatementBody {
    period: string;
    openingBalanceFen: number;
    closingBalanceFen: number;
    donations: (Line & { donorName: string; receiptNo?: string; donorKind?: string })[];
    voids: (Line & { donorName: string; receiptNo?: string })[];
    aid: (Line & { caseNo: string; displayName: string })[];
    recoveries: (Line & { caseNo: string; displayName: string })[];
    transfers?: (Omit<Line, 'account'> & { from: string; to: string })[];
    totals: {
      donatedFen: number;
      voidedFen: number;
      aidPaidFen: number;
      recoveredFen: number;
      netChangeFen: number;
    };
  }
  const statement = async (s: TestSociety, period: string): Promise<StatementBody> =>
    (await get(`${s.url}/statements/${period}`, s.secretary).expect(200)).body as StatementBody;

  /** The ledger's own balance (bank + cash) from every line posted before `instant`. */
  const ledgerBalanceBefore = async (sid: string, instant: Date): Promise<number> =>
    Number(
      (
        await t.db.query(
          `SELECT coalesce(sum(l.debit_fen - l.credit_fen), 0) AS b
             FROM ledger_entries e JOIN ledger_lines l ON l.society_id = e.society_id AND l.entry_id = e.id
            WHERE e.society_id = $1 AND e.posted_at < $2 AND l.account_code IN ('bank', 'cash')`,
          [sid, instant],
        )
      ).rows[0].b,
    );

  /** A society whose November 2026 has one of everything: gifts, a void, aid, a recovery, a transfer. */
  async function november() {
    const s = await t.fx.society({ displayNames: { treasurer: '钱出纳' } });
    const named = await t.fx.donor(s, { kind: 'individual', name: '王大明', phone: '13800138000' });
    const hidden = await t.fx.donor(s, { kind: 'individual', name: '赵隐名', anonymous: true });
    const firm = await t.fx.donor(s, { kind: 'enterprise', name: '隐名实业有限公司', anonymous: true });
    at('2026-10-31 23:59');
    const october = await t.fx.donation(s, { donor: named, amountFen: 50_000, receivedAt: day() });
    at('2026-11-01 00:00');
    const g1 = await t.fx.donation(s, { donor: named, amountFen: 500_000, receivedAt: day() });
    at('2026-11-03 10:00');
    const g2 = await t.fx.donation(s, {
      donor: hidden,
      amountFen: 30_000,
      channel: 'cash',
      receivedAt: day(),
    });
    at('2026-11-04 10:00');
    const g3 = await t.fx.donation(s, { donor: firm, amountFen: 200_000, receivedAt: day() });
    at('2026-11-05 10:00');
    await t.fx.voidDonation(s, october, '重复录入');
    at('2026-11-06 10:00');
    await t.fx.transfer(s, { from: 'cash', to: 'bank', amountFen: 30_000 });
    at('2026-11-10 10:00');
    const adult = await paidCase(t, s, {
      amountFen: 100_000,
      pseudonym: '小范',
      applicant: { name: '范晓东', idNumber: testIdNumber('19800101', 901), phone: '13912345678' },
      description: '突发脑溢血住院',
    });
    at('2026-11-12 10:00');
    const child = await disputedCase(t, s, {
      amountFen: 80_000,
      pseudonym: '小童',
      applicant: { name: '童小宝', idNumber: testIdNumber('20150601', 902) },
    });
    at('2026-11-30 23:59');
    await t.http
      .post(`${s.url}/cases/${child.id}/recovery`)
      .set(s.treasurer.auth)
      .send({ amountFen: 20_000 })
      .expect(201);
    at('2026-12-01 00:00'); // the first instant of December: not November's
    await t.fx.donation(s, { donor: named, amountFen: 7_000, receivedAt: day() });
    at('2026-12-15 12:00');
    return { s, october, g1, g2, g3, adult, child };
  }

  describe('GET /societies/:sid/statements/:period', () => {
    it('lists the month’s donations, voids, aid, recoveries and transfers, and adds up', async () => {
      const { s, october, g1, g2, g3, adult, child } = await november();
      const n = await statement(s, '2026-11');
      expect(n.period).toBe('2026-11');
      expect(n).toMatchObject({ societyId: s.id, societyName: s.name });
      expect(n.openingBalanceFen).toBe(50_000);
      expect(n.donations.map((d) => [d.receiptNo, d.donorName, d.donorKind, d.amountFen, d.account])).toEqual(
        [
          [g1.receiptNo, '王大明', 'individual', 500_000, 'bank'],
          [g2.receiptNo, '赵隐名', 'individual', 30_000, 'cash'],
          [g3.receiptNo, '隐名实业有限公司', 'enterprise', 200_000, 'bank'],
        ],
      );
      expect(n.donations[0].postedAt).toBe(sh('2026-11-01 00:00').toISOString());
      expect(n.voids.map((d) => [d.receiptNo, d.donorName, d.amountFen])).toEqual([
        [october.receiptNo, '王大明', 50_000],
      ]);
      expect(n.aid.map((a) => [a.caseNo, a.displayName, a.amountFen, a.account])).toEqual([
        [adult.caseNo, '小范（化名）', 100_000, 'bank'],
        [child.caseNo, '某未成年人', 80_000, 'bank'],
      ]);
      expect(n.recoveries.map((a) => [a.caseNo, a.displayName, a.amountFen])).toEqual([
        [child.caseNo, '某未成年人', 20_000],
      ]);
      expect(n.transfers?.map((x) => [x.from, x.to, x.amountFen])).toEqual([['cash', 'bank', 30_000]]);
      expect(n.totals).toEqual({
        donatedFen: 730_000,
        voidedFen: 50_000,
        aidPaidFen: 180_000,
        recoveredFen: 20_000,
        netChangeFen: 520_000,
      });
      expect(n.closingBalanceFen).toBe(570_000);
      expect(n.closingBalanceFen).toBe(await ledgerBalanceBefore(s.id, sh('2026-12-01 00:00')));

      const oct = await statement(s, '2026-10');
      expect(oct).toMatchObject({ openingBalanceFen: 0, closingBalanceFen: 50_000 });
      const dec = await statement(s, '2026-12');
      expect(dec.openingBalanceFen).toBe(n.closingBalanceFen);
      expect(dec.donations.map((d) => d.amountFen)).toEqual([7_000]);
      // The current month is the statement so far: it closes at the fund's balance now.
      const fund = (await get(`${s.url}/fund`, s.secretary).expect(200)).body as { balanceFen: number };
      expect(dec.closingBalanceFen).toBe(fund.balanceFen);
    });

    it('is an empty but valid statement for a month without activity', async () => {
      const s = await t.fx.society();
      expect(await statement(s, '2001-02')).toEqual({
        period: '2001-02',
        societyId: s.id,
        societyName: s.name,
        openingBalanceFen: 0,
        closingBalanceFen: 0,
        donations: [],
        voids: [],
        aid: [],
        recoveries: [],
        transfers: [],
        totals: { donatedFen: 0, voidedFen: 0, aidPaidFen: 0, recoveredFen: 0, netChangeFen: 0 },
      });
    });

    it.each(['2026-13', 'abcd', '2026-1', '2026-00', '1900-01', '2026-011'])(
      'answers 400 VALIDATION_FAILED on period for %s (JSON, PDF, CSV, public)',
      async (period) => {
        const s = await t.fx.society({ roles: ['secretary'] });
        for (const url of [
          `${s.url}/statements/${period}`,
          `${s.url}/statements/${period}.pdf`,
          `${s.url}/statements/${period}.csv`,
          `/api/v1/public/societies/${s.id}/statements/${period}`,
          `/api/v1/public/societies/${s.id}/statements/${period}.pdf`,
        ]) {
          const res = await get(url, s.secretary).expect(400);
          expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
          expect(Object.keys(res.body.details)).toEqual(['period']);
        }
      },
    );

    it('refuses a month after the society’s current month (400), in its time zone', async () => {
      const s = await t.fx.society({ roles: ['secretary'] });
      at('2026-12-31 23:30'); // still December in Shanghai (15:30 UTC)
      await get(`${s.url}/statements/2026-12`, s.secretary).expect(200);
      const res = await get(`${s.url}/statements/2027-01`, s.secretary).expect(400);
      expect(res.body.details).toHaveProperty('period');
      await get(`/api/v1/public/societies/${s.id}/statements/2027-01.pdf`, null).expect(400);
      at('2027-01-01 00:00');
      await get(`${s.url}/statements/2027-01`, s.secretary).expect(200);
    });

    it('answers 403 to another society’s officers and 404 for a society that does not exist', async () => {
      const a = await t.fx.society({ roles: ['secretary', 'treasurer'] });
      const b = await t.fx.society({ roles: ['secretary'] });
      await get(`${b.url}/statements/2026-01`, a.secretary).expect(403);
      await get(`${b.url}/statements/2026-01.csv`, a.treasurer).expect(403);
      const overseer = await t.fx.user({ platformRole: 'overseer' });
      const nobody = randomUUID();
      for (const suffix of ['', '.pdf', '.csv']) {
        const res = await get(`/api/v1/societies/${nobody}/statements/2026-01${suffix}`, overseer).expect(
          404,
        );
        expect(res.body.code).toBe('NOT_FOUND');
      }
      await get(`/api/v1/public/societies/${nobody}/statements/2026-01`, null).expect(404);
      await get(`/api/v1/public/societies/${nobody}/statements/2026-01.pdf`, null).expect(404);
      await get(`/api/v1/public/societies/not-a-uuid/statements/2026-01`, null).expect(404);
    });
  });

  describe('GET /societies/:sid/statements/:period.pdf and .csv', () => {
    it('prints the internal statement on A4 with real names, receipts and 大写 totals', async () => {
      const { s, g1, g2, adult } = await november();
      const res = await file(`${s.url}/statements/2026-11.pdf`, s.treasurer).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-disposition']).toBe('inline; filename="statement-2026-11.pdf"');
      const text = await pdfText(res.body as Buffer);
      for (const expected of [
        s.name,
        '（2026年11月）',
        '报告期：2026年11月1日至2026年11月30日',
        '11月1日',
        '王大明',
        '赵隐名',
        g1.receiptNo,
        g2.receiptNo,
        adult.caseNo,
        '小范（化名）',
        '某未成年人',
        '¥5,700.00', // 期末余额
        '人民币伍仟柒佰元整',
        '人民币柒仟叁佰元整', // 捐赠收入合计
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('范晓东');
    });

    it('exports the internal statement as CSV: BOM, CRLF, Chinese headers, a running balance', async () => {
      const { s, g1 } = await november();
      const res = await file(`${s.url}/statements/2026-11.csv`, s.supervisor).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="statement-2026-11.csv"');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = body.toString('utf8').slice(1);
      expect(text.endsWith('\r\n')).toBe(true);
      const lines = text.split('\r\n').slice(0, -1);
      expect(lines[0]).toBe(
        '凭证号,记账日期,类别,收据/案件编号,捐赠人/受助人,账户,收入（元）,支出（元）,余额（元）',
      );
      expect(lines[1]).toBe(',,期初余额,,,,,,500.00');
      expect(lines[2]).toMatch(
        new RegExp(`^\\d+,2026-11-01,捐赠收入,${g1.receiptNo},王大明,银行存款,5000.00,,5500.00$`),
      );
      expect(lines.at(-2)).toBe(',,本月合计,,,,7500.00,2300.00,');
      expect(lines.at(-1)).toBe(',,期末余额,,,,,,5700.00');
      expect(lines).toHaveLength(1 + 1 + 8 + 2); // header, opening, eight entries, totals, closing
    });

    it('defuses a donor name a spreadsheet would run as a formula', async () => {
      const s = await t.fx.society({ roles: ['secretary', 'treasurer'] });
      const donor = await t.fx.donor(s, { kind: 'enterprise', name: '=HYPERLINK("http://x","点我")' });
      await t.fx.donation(s, { donor, amountFen: 100, receivedAt: day() });
      const now = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
      const text = (
        (await file(`${s.url}/statements/${now}.csv`, s.secretary).expect(200)).body as Buffer
      ).toString();
      expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    });
  });

  describe('GET /public/societies/:sid/statements/:period (and .pdf)', () => {
    it('shows anonymous donors as 爱心人士/爱心企业, aid under public names, nothing personal', async () => {
      const { s, g1, adult, child } = await november();
      const res = await get(`/api/v1/public/societies/${s.id}/statements/2026-11`, null).expect(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const p = res.body as StatementBody;
      const internal = await statement(s, '2026-11');
      expect(p.donations.map((d) => d.donorName)).toEqual(['王大明', '爱心人士', '爱心企业']);
      expect(p.voids.map((d) => d.donorName)).toEqual(['王大明']);
      expect(p.aid.map((a) => [a.caseNo, a.displayName])).toEqual([
        [adult.caseNo, '小范（化名）'],
        [child.caseNo, '某未成年人'],
      ]);
      expect(p).not.toHaveProperty('transfers');
      for (const d of [...p.donations, ...p.voids]) {
        expect(d).not.toHaveProperty('receiptNo');
        expect(d).not.toHaveProperty('donorKind');
      }
      expect(p.totals).toEqual(internal.totals);
      expect([p.openingBalanceFen, p.closingBalanceFen]).toEqual([
        internal.openingBalanceFen,
        internal.closingBalanceFen,
      ]);

      const pdf = await file(`/api/v1/public/societies/${s.id}/statements/2026-11.pdf`, null).expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['cache-control']).toBe('public, max-age=60');
      const text = await pdfText(pdf.body as Buffer);
      for (const expected of [
        '公开版',
        '爱心人士',
        '爱心企业',
        '小范（化名）',
        '某未成年人',
        '人民币伍仟柒佰元整',
      ]) {
        expect(text).toContain(expected);
      }
      // Privacy: no real name of an anonymous donor or applicant, no ID number, phone, receipt or diagnosis.
      const secrets = [
        '赵隐名',
        '隐名实业',
        '范晓东',
        '童小宝',
        testIdNumber('19800101', 901),
        testIdNumber('20150601', 902),
        '13912345678',
        '13800138000',
        '脑溢血',
        g1.receiptNo,
      ];
      const json = JSON.stringify(p);
      for (const secret of secrets) {
        expect(json).not.toContain(secret);
        expect(text).not.toContain(secret);
      }
    });
  });

  describe('the property: months chain and reconcile', () => {
    /** A small deterministic generator (mulberry32): the same seed, the same activity. */
    function random(seed: number) {
      let a = seed;
      const next = () => {
        a = (a + 0x6d2b79f5) | 0;
        let r = Math.imul(a ^ (a >>> 15), 1 | a);
        r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
        return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
      };
      return {
        int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
        pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)],
      };
    }

    const MONTHS = ['2026-11', '2026-12', '2027-01', '2027-02'];
    const next = (m: string) => {
      const [y, mo] = m.split('-').map(Number);
      return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    };

    it.each([1, 2, 3])(
      'seed %i: closing(m) = opening(m+1) = the ledger’s balance at m’s end; totals add up',
      async (seed) => {
        const r = random(seed);
        const s = await t.fx.society();
        const donor = await t.fx.donor(s, { name: '常捐' });
        const gifts: { id: string; amountFen: number; account: 'bank' | 'cash' }[] = [];
        const balances = async () =>
          (await get(`${s.url}/fund`, s.secretary).expect(200)).body as {
            availableFen: number;
            accounts: { code: string; balanceFen: number }[];
          };
        const asset = async (code: 'bank' | 'cash') =>
          (await balances()).accounts.find((a) => a.code === code)?.balanceFen ?? 0;

        for (const month of MONTHS) {
          // Times across the month, its first and last instants included (Shanghai).
          const start = sh(`${month}-01 00:00`).getTime();
          const end = sh(`${next(month)}-01 00:00`).getTime();
          const times = [
            start,
            end - 1_000,
            ...Array.from({ length: 8 }, () => r.int(start, end - 1_000)),
          ].sort((x, y) => x - y);
          for (const instant of times) {
            t.clock.set(new Date(instant));
            const op = r.pick(['gift', 'gift', 'void', 'transfer', 'aid', 'recovery']);
            if (op === 'gift' || gifts.length === 0) {
              const channel = r.pick(['cash', 'bank_transfer'] as const);
              const amountFen = r.int(1, 300_000);
              const g = await t.fx.donation(s, { donor, amountFen, channel, receivedAt: day() });
              gifts.push({ id: g.id, amountFen, account: channel === 'cash' ? 'cash' : 'bank' });
            } else if (op === 'void') {
              const g = gifts.splice(r.int(0, gifts.length - 1), 1)[0];
              if (g.amountFen <= Math.min((await balances()).availableFen, await asset(g.account))) {
                await t.fx.voidDonation(s, g);
              }
            } else if (op === 'transfer') {
              const from = r.pick(['bank', 'cash'] as const);
              const have = await asset(from);
              if (have > 0) {
                await t.fx.transfer(s, {
                  from,
                  to: from === 'bank' ? 'cash' : 'bank',
                  amountFen: r.int(1, have),
                });
              }
            } else {
              const bank = await asset('bank');
              const amountFen = Math.min(bank, (await balances()).availableFen, r.int(1, 200_000));
              if (amountFen > 0 && op === 'aid') await paidCase(t, s, { amountFen });
              if (amountFen > 0 && op === 'recovery') {
                const c = await disputedCase(t, s, { amountFen });
                await t.http
                  .post(`${s.url}/cases/${c.id}/recovery`)
                  .set(s.treasurer.auth)
                  .send({ amountFen: r.int(1, amountFen), account: r.pick(['bank', 'cash']) })
                  .expect(201);
              }
            }
          }
        }
        t.clock.set(sh(`${next(MONTHS.at(-1) ?? '')}-01 00:00`));

        let previous: StatementBody | null = null;
        let lines = 0;
        const kinds = { donations: 0, voids: 0, aid: 0, recoveries: 0, transfers: 0 };
        for (const month of MONTHS) {
          const m = await statement(s, month);
          const monthEnd = sh(`${next(month)}-01 00:00`);
          expect(m.openingBalanceFen).toBe(await ledgerBalanceBefore(s.id, sh(`${month}-01 00:00`)));
          expect(m.closingBalanceFen).toBe(await ledgerBalanceBefore(s.id, monthEnd));
          if (previous) expect(m.openingBalanceFen).toBe(previous.closingBalanceFen);
          const sum = (xs: { amountFen: number }[]) => xs.reduce((total, x) => total + x.amountFen, 0);
          expect(m.totals).toEqual({
            donatedFen: sum(m.donations),
            voidedFen: sum(m.voids),
            aidPaidFen: sum(m.aid),
            recoveredFen: sum(m.recoveries),
            netChangeFen: sum(m.donations) - sum(m.voids) - sum(m.aid) + sum(m.recoveries),
          });
          expect(m.closingBalanceFen).toBe(m.openingBalanceFen + m.totals.netChangeFen);
          // Every entry of the month is on it, and only those.
          const posted = (
            await t.db.query(
              `SELECT count(*)::int AS n FROM ledger_entries WHERE society_id = $1 AND posted_at >= $2 AND posted_at < $3`,
              [s.id, sh(`${month}-01 00:00`), monthEnd],
            )
          ).rows[0].n as number;
          const listed = [m.donations, m.voids, m.aid, m.recoveries, m.transfers ?? []].flat();
          expect(listed).toHaveLength(posted);
          for (const l of listed) {
            expect(new Date(l.postedAt).getTime()).toBeGreaterThanOrEqual(sh(`${month}-01 00:00`).getTime());
            expect(new Date(l.postedAt).getTime()).toBeLessThan(monthEnd.getTime());
          }
          lines += listed.length;
          for (const k of Object.keys(kinds) as (keyof typeof kinds)[]) kinds[k] += m[k]?.length ?? 0;
          previous = m;
        }
        // Nothing was left out between the months, and the last one closes at the fund's balance.
        const all = (
          await t.db.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE society_id = $1`, [s.id])
        ).rows[0].n as number;
        expect(lines).toBe(all);
        expect(lines).toBeGreaterThan(20);
        // The activity had every kind of line in it.
        for (const count of Object.values(kinds)) expect(count).toBeGreaterThan(0);
        const fund = (await get(`${s.url}/fund`, s.secretary).expect(200)).body as { balanceFen: number };
        expect(previous?.closingBalanceFen).toBe(fund.balanceFen);
      },
      120_000,
    );
  });
});
