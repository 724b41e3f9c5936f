import fc from 'fast-check';
import type { Line } from '../../fund/domain/ledger';
import {
  aidPaymentLines,
  donationLines,
  donationVoidLines,
  recoveryLines,
  transferLines,
} from '../../fund/domain/ledger';
import {
  buildStatement,
  type CaseFacts,
  type DonationFacts,
  type LedgerEntry,
  parsePeriod,
  STATEMENT_CSV_HEADER,
  statementCsvRows,
  type StatementInput,
} from './statement';

describe('parsePeriod', () => {
  it.each([
    ['2026-01', { year: 2026, month: 1 }],
    ['2026-12', { year: 2026, month: 12 }],
    ['1949-10', { year: 1949, month: 10 }],
  ])('reads %s', (text, month) => {
    expect(parsePeriod(text)).toEqual(month);
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-1',
    'abcd',
    '26-01',
    '2026-011',
    ' 2026-01',
    '2026/01',
    '1948-12',
    '',
    '２０２６-01',
  ])('refuses %j', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parsePeriod(202601)).toBeNull();
    expect(parsePeriod(undefined)).toBeNull();
  });
});

const SOCIETY = { id: 's1', name: '杏花村救急难互助社', timezone: 'Asia/Shanghai' };
const DONATIONS = new Map<string, DonationFacts>([
  ['d1', { receiptNo: '2026-000001', donorName: '张三', donorKind: 'individual', anonymous: false }],
  ['d2', { receiptNo: '2026-000002', donorName: '李四', donorKind: 'individual', anonymous: true }],
  ['d3', { receiptNo: '2026-000003', donorName: '某某公司', donorKind: 'enterprise', anonymous: true }],
]);
const CASES = new Map<string, CaseFacts>([['c1', { caseNo: '2026-0001', displayName: '小范（化名）' }]]);

let seq = 0;
function entry(
  kind: LedgerEntry['kind'],
  lines: Line[],
  ref: LedgerEntry['ref'],
  at = '2026-11-10T02:00:00Z',
) {
  seq += 1;
  return { seq, kind, postedAt: new Date(at), lines, ref };
}

function input(entries: LedgerEntry[], over: Partial<StatementInput> = {}): StatementInput {
  return {
    audience: 'internal',
    period: { year: 2026, month: 11 },
    society: SOCIETY,
    openingBalanceFen: 50_000,
    entries,
    donations: DONATIONS,
    cases: CASES,
    ...over,
  };
}

describe('buildStatement', () => {
  const month = () => [
    entry('donation', donationLines('bank', 100_000), { type: 'donation', id: 'd1' }),
    entry('donation', donationLines('cash', 20_000), { type: 'donation', id: 'd2' }),
    entry('transfer', transferLines('cash', 'bank', 20_000), null),
    entry('aid_payment', aidPaymentLines('bank', 80_000), { type: 'case', id: 'c1' }),
    entry('donation_void', donationVoidLines('bank', 100_000), { type: 'donation', id: 'd1' }),
    entry('recovery', recoveryLines('cash', 30_000), { type: 'case', id: 'c1' }),
  ];

  it('lists every line under its kind and adds up: closing = opening + net change', () => {
    const s = buildStatement(input(month()));
    expect(s.period).toBe('2026-11');
    expect(s.societyName).toBe('杏花村救急难互助社');
    expect(s.donations.map((d) => [d.receiptNo, d.donorName, d.donorKind, d.amountFen, d.account])).toEqual([
      ['2026-000001', '张三', 'individual', 100_000, 'bank'],
      ['2026-000002', '李四', 'individual', 20_000, 'cash'],
    ]);
    expect(s.voids.map((d) => [d.receiptNo, d.amountFen, d.account])).toEqual([
      ['2026-000001', 100_000, 'bank'],
    ]);
    expect(s.aid).toEqual([
      expect.objectContaining({
        caseNo: '2026-0001',
        displayName: '小范（化名）',
        amountFen: 80_000,
        account: 'bank',
      }),
    ]);
    expect(s.recoveries).toEqual([
      expect.objectContaining({ caseNo: '2026-0001', amountFen: 30_000, account: 'cash' }),
    ]);
    expect(s.transfers).toEqual([expect.objectContaining({ from: 'cash', to: 'bank', amountFen: 20_000 })]);
    expect(s.totals).toEqual({
      donatedFen: 120_000,
      voidedFen: 100_000,
      aidPaidFen: 80_000,
      recoveredFen: 30_000,
      netChangeFen: -30_000,
    });
    expect(s.openingBalanceFen).toBe(50_000);
    expect(s.closingBalanceFen).toBe(20_000);
  });

  it('keeps seq order whatever order the entries come in, with ISO posting times', () => {
    const entries = month();
    const s = buildStatement(input([...entries].reverse()));
    expect(s.donations.map((d) => d.entrySeq)).toEqual([entries[0].seq, entries[1].seq]);
    expect(s.donations[0].postedAt).toBe('2026-11-10T02:00:00.000Z');
  });

  it('shows the public only public names: 爱心人士/爱心企业, no receipt, no kind, no transfers', () => {
    const entries = [
      entry('donation', donationLines('bank', 100), { type: 'donation', id: 'd1' }),
      entry('donation', donationLines('bank', 200), { type: 'donation', id: 'd2' }),
      entry('donation', donationLines('bank', 300), { type: 'donation', id: 'd3' }),
      entry('transfer', transferLines('bank', 'cash', 50), null),
    ];
    const s = buildStatement(input(entries, { audience: 'public' }));
    expect(s.donations.map((d) => d.donorName)).toEqual(['张三', '爱心人士', '爱心企业']);
    for (const d of s.donations)
      expect(Object.keys(d).sort()).toEqual(['account', 'amountFen', 'donorName', 'entrySeq', 'postedAt']);
    expect(s).not.toHaveProperty('transfers');
    expect(JSON.stringify(s)).not.toMatch(/李四|某某公司|2026-00000/);
  });

  it('is an empty but valid statement for a month without entries', () => {
    const s = buildStatement(input([]));
    expect(s.closingBalanceFen).toBe(50_000);
    expect(s.totals.netChangeFen).toBe(0);
    expect([s.donations, s.voids, s.aid, s.recoveries, s.transfers]).toEqual([[], [], [], [], []]);
  });

  it('refuses an entry whose donation or case it was not told about (a bug, not a blank line)', () => {
    expect(() =>
      buildStatement(input([entry('donation', donationLines('bank', 1), { type: 'donation', id: 'x' })])),
    ).toThrow(/names no known donation/);
    expect(() =>
      buildStatement(input([entry('aid_payment', aidPaymentLines('bank', 1), { type: 'case', id: 'x' })])),
    ).toThrow(/names no known case/);
  });

  it('reconciles for any month of activity: closing = opening + Σ asset lines = opening + net change', () => {
    const move = fc.oneof(
      fc.record({
        kind: fc.constant('donation' as const),
        account: fc.constantFrom('bank' as const, 'cash' as const),
        fen: fc.integer({ min: 1, max: 1e9 }),
      }),
      fc.record({
        kind: fc.constant('donation_void' as const),
        account: fc.constantFrom('bank' as const, 'cash' as const),
        fen: fc.integer({ min: 1, max: 1e9 }),
      }),
      fc.record({
        kind: fc.constant('aid_payment' as const),
        account: fc.constantFrom('bank' as const, 'cash' as const),
        fen: fc.integer({ min: 1, max: 1e9 }),
      }),
      fc.record({
        kind: fc.constant('recovery' as const),
        account: fc.constantFrom('bank' as const, 'cash' as const),
        fen: fc.integer({ min: 1, max: 1e9 }),
      }),
      fc.record({
        kind: fc.constant('transfer' as const),
        account: fc.constantFrom('bank' as const, 'cash' as const),
        fen: fc.integer({ min: 1, max: 1e9 }),
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.array(move, { maxLength: 30 }), (opening, moves) => {
        const entries = moves.map((m) => {
          const other = m.account === 'bank' ? 'cash' : 'bank';
          switch (m.kind) {
            case 'donation':
              return entry('donation', donationLines(m.account, m.fen), { type: 'donation', id: 'd1' });
            case 'donation_void':
              return entry('donation_void', donationVoidLines(m.account, m.fen), {
                type: 'donation',
                id: 'd1',
              });
            case 'aid_payment':
              return entry('aid_payment', aidPaymentLines(m.account, m.fen), { type: 'case', id: 'c1' });
            case 'recovery':
              return entry('recovery', recoveryLines(m.account, m.fen), { type: 'case', id: 'c1' });
            case 'transfer':
              return entry('transfer', transferLines(m.account, other, m.fen), null);
          }
        });
        const s = buildStatement(input(entries, { openingBalanceFen: opening }));
        const assets = entries
          .flatMap((e) => e.lines)
          .filter((l) => l.account === 'bank' || l.account === 'cash')
          .reduce((sum, l) => sum + l.debitFen - l.creditFen, 0);
        expect(s.closingBalanceFen).toBe(opening + assets);
        expect(s.closingBalanceFen).toBe(opening + s.totals.netChangeFen);
        const lines =
          s.donations.length +
          s.voids.length +
          s.aid.length +
          s.recoveries.length +
          (s.transfers?.length ?? 0);
        expect(lines).toBe(entries.length);
      }),
    );
  });
});

describe('statementCsvRows', () => {
  it('is one table: opening, an entry a row with its running balance, totals, closing (in fen here)', () => {
    seq = 0;
    const entries = [
      entry(
        'donation',
        donationLines('bank', 100_000),
        { type: 'donation', id: 'd1' },
        '2026-11-30T17:00:00Z',
      ),
      entry('aid_payment', aidPaymentLines('bank', 80_000), { type: 'case', id: 'c1' }),
      entry('transfer', transferLines('cash', 'bank', 1_000), null),
    ];
    const s = buildStatement(input(entries));
    const rows = statementCsvRows(s, 'Asia/Shanghai');
    const fen = (n: number) => ({ fen: n });
    expect(rows).toEqual([
      [null, null, '期初余额', null, null, null, null, null, fen(50_000)],
      // 01:00 on 1 December in Shanghai: the local day is printed
      ['1', '2026-12-01', '捐赠收入', '2026-000001', '张三', '银行存款', fen(100_000), null, fen(150_000)],
      [
        '2',
        '2026-11-10',
        '救助支出',
        '2026-0001',
        '小范（化名）',
        '银行存款',
        null,
        fen(80_000),
        fen(70_000),
      ],
      ['3', '2026-11-10', '内部转账', null, null, '库存现金→银行存款', null, null, fen(70_000)],
      [null, null, '本月合计', null, null, null, fen(100_000), fen(80_000), null],
      [null, null, '期末余额', null, null, null, null, null, fen(70_000)],
    ]);
    for (const row of rows) expect(row).toHaveLength(STATEMENT_CSV_HEADER.length);
  });
});
