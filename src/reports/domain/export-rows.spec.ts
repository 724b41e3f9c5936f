import { CASE_STATUSES } from '../../cases/domain/case-status';
import { CASE_CATEGORIES, CASE_SOURCES } from '../../cases/domain/labels';
import { CHANNELS, DONOR_KINDS } from '../../donors/domain/labels';
import { ACCOUNT_CODES, ENTRY_KINDS } from '../../fund/domain/ledger';
import {
  ACCOUNT_LABELS,
  CASE_CATEGORY_LABELS,
  CASE_HEADER,
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  caseCells,
  CHANNEL_LABELS,
  DONATION_HEADER,
  donationCells,
  ENTRY_HEADER,
  ENTRY_KIND_LABELS,
  entryCells,
  localDateTime,
} from './export-rows';

describe('export rows (reports/domain/export-rows.ts)', () => {
  it('has a distinct Chinese label for every value of every enum', () => {
    const tables: [Record<string, string>, readonly string[]][] = [
      [CASE_STATUS_LABELS, CASE_STATUSES],
      [CASE_CATEGORY_LABELS, CASE_CATEGORIES],
      [CASE_SOURCE_LABELS, CASE_SOURCES],
      [CHANNEL_LABELS, CHANNELS],
      [ENTRY_KIND_LABELS, ENTRY_KINDS],
      [ACCOUNT_LABELS, ACCOUNT_CODES],
    ];
    for (const [labels, values] of tables) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      expect(new Set(Object.values(labels)).size).toBe(values.length);
      for (const label of Object.values(labels)) expect(label).toMatch(/^[\u4e00-\u9fff]+$/);
    }
    expect(DONOR_KINDS.length).toBeGreaterThan(0);
  });

  it('writes instants as wall-clock time in the society’s time zone', () => {
    const at = new Date('2025-12-31T20:00:05.900Z');
    expect(localDateTime(at, 'Asia/Shanghai')).toBe('2026-01-01 04:00:05');
    expect(localDateTime(at, 'America/New_York')).toBe('2025-12-31 15:00:05');
    expect(localDateTime(new Date('2026-06-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-06-02 00:00:00');
    expect(localDateTime(null, 'Asia/Shanghai')).toBeNull();
  });

  const base = {
    caseNo: '2026-0001',
    status: 'paid' as const,
    applicantName: '范某某',
    idNumberMasked: '341702********1234',
    phoneMasked: '139****5678',
    householdSize: 3,
    pseudonym: '小范',
    category: 'serious_illness' as const,
    source: 'home_visit' as const,
    requestedAmountFen: 150_000,
    approvedAmountFen: 100_000,
    paidAmountFen: 100_004,
    recoveredAmountFen: null,
    payeeName: '范某某',
    createdAt: new Date('2026-11-28T02:00:00Z'),
    paidAt: new Date('2026-11-29T01:30:00Z'),
  };

  it('a case: one cell per header, labels, yuan with two decimals, empty cells for what is not there', () => {
    const cells = caseCells(base, 'Asia/Shanghai');
    expect(cells).toHaveLength(CASE_HEADER.length);
    expect(cells).toEqual([
      '2026-0001',
      '已付款',
      '范某某',
      '341702********1234',
      '139****5678',
      3,
      '小范',
      '重大疾病',
      '入户走访',
      '1500.00',
      '1000.00',
      '1000.04',
      null,
      '范某某',
      '2026-11-28 10:00:00',
      '2026-11-29 09:30:00',
    ]);
    const draft = caseCells(
      {
        ...base,
        status: 'draft',
        phoneMasked: null,
        householdSize: null,
        approvedAmountFen: null,
        paidAmountFen: null,
        payeeName: null,
        paidAt: null,
      },
      'Asia/Shanghai',
    );
    expect([draft[1], draft[4], draft[5], draft[10], draft[11], draft[13], draft[15]]).toEqual([
      '草稿',
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('a donation: the donor kind and channel in Chinese, voided ones marked with time and reason', () => {
    const gift = {
      receiptNo: '2026-000007',
      receivedOn: '2026-11-29',
      donorName: '池州某某有限公司',
      donorKind: 'enterprise' as const,
      amountFen: 50,
      channel: 'wechat' as const,
      account: 'bank' as const,
      reference: null,
      note: null,
      status: 'recorded' as const,
      voidedAt: null,
      voidReason: null,
    };
    const cells = donationCells(gift, 'Asia/Shanghai');
    expect(cells).toHaveLength(DONATION_HEADER.length);
    expect(cells).toEqual([
      '2026-000007',
      '2026-11-29',
      '池州某某有限公司',
      '企业',
      '0.50',
      '微信',
      '银行存款',
      null,
      null,
      '有效',
      null,
      null,
    ]);
    const voided = donationCells(
      { ...gift, status: 'voided', voidedAt: new Date('2026-11-29T08:00:00Z'), voidReason: '重复录入' },
      'Asia/Shanghai',
    );
    expect(voided.slice(9)).toEqual(['已作废', '2026-11-29 16:00:00', '重复录入']);
  });

  it('an entry: its amount, the accounts on each side, and what it refers to', () => {
    const entry = {
      seq: 42,
      kind: 'aid_payment' as const,
      postedAt: new Date('2026-11-29T01:30:00Z'),
      memo: '2026-0001',
      lines: [
        { account: 'aid' as const, debitFen: 100_000, creditFen: 0 },
        { account: 'bank' as const, debitFen: 0, creditFen: 60_000 },
        { account: 'cash' as const, debitFen: 0, creditFen: 40_000 },
      ],
      ref: { type: 'case', id: 'c1' },
    };
    const cells = entryCells(entry, 'Asia/Shanghai');
    expect(cells).toHaveLength(ENTRY_HEADER.length);
    expect(cells).toEqual([
      42,
      '2026-11-29 09:30:00',
      '救助支出',
      '1000.00',
      '救助支出',
      '银行存款、库存现金',
      '2026-0001',
      'case:c1',
    ]);
    expect(entryCells({ ...entry, ref: null, memo: null }, 'Asia/Shanghai').slice(6)).toEqual([null, null]);
  });
});
