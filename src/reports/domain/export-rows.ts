import type { CaseExportRow } from '../../cases/domain/case-export';
import type { CaseStatus } from '../../cases/domain/case-status';
import type { CaseCategory, CaseSource } from '../../cases/domain/labels';
import { localDateTime as wallClockTime } from '../../common/calendar';
import { fenToYuanString } from '../../common/money/fen';
import { Channel, DONOR_KIND_LABELS, DonorKind } from '../../donors/domain/labels';
import type { AccountCode, EntryKind, Line } from '../../fund/domain/ledger';

/**
 * The rows of the CSV exports (cases, donations, ledger entries): Chinese headers and labels, amounts
 * in yuan ("1000.00": Excel reads it as a number, and no float ever touched it), instants as
 * 'YYYY-MM-DD HH:mm:ss' in the society's time zone. Personal data arrives masked already.
 */

/** A CSV cell (common/http/csv.ts writes them): text, a number, or empty. */
export type CsvCell = string | number | null;

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  draft: '草稿',
  voting: '表决中',
  approved: '已批准',
  rejected: '未通过',
  paid: '已付款',
  publicized: '已公示',
  disputed: '有异议',
  recovered: '已追回',
  closed: '已结案',
  withdrawn: '已撤回',
};

export const CASE_CATEGORY_LABELS: Record<CaseCategory, string> = {
  serious_illness: '重大疾病',
  accident: '意外事故',
  disaster: '自然灾害',
  fire: '火灾',
  sudden_hardship: '突发困难',
  other: '其他',
};

export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  self_application: '本人申请',
  collector_report: '信息员报告',
  platform_warning: '监测平台预警',
  department_referral: '部门转介',
  home_visit: '入户走访',
  hotline: '热线电话',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  cash: '现金',
  bank_transfer: '银行转账',
  wechat: '微信',
  alipay: '支付宝',
  other: '其他',
};

export const ENTRY_KIND_LABELS: Record<EntryKind, string> = {
  donation: '捐赠收入',
  donation_void: '捐赠作废',
  aid_payment: '救助支出',
  recovery: '追回',
  transfer: '内部转账',
};

export const ACCOUNT_LABELS: Record<AccountCode, string> = {
  bank: '银行存款',
  cash: '库存现金',
  donations: '捐赠收入',
  recoveries: '追回收入',
  aid: '救助支出',
};

const yuan = (fen: number | null): CsvCell => (fen === null ? null : fenToYuanString(fen));

/** '2026-11-29 14:05:00' in `timeZone`, or an empty cell. */
export function localDateTime(instant: Date | null, timeZone: string): CsvCell {
  return instant === null ? null : wallClockTime(instant, timeZone);
}

// --- cases ---

export const CASE_HEADER = [
  '案件编号',
  '状态',
  '申请人',
  '身份证号',
  '联系电话',
  '家庭人口',
  '化名',
  '困难类别',
  '来源',
  '申请金额（元）',
  '批准金额（元）',
  '实付金额（元）',
  '追回金额（元）',
  '收款人',
  '立案时间',
  '付款时间',
];

/** A case as an export shows it (cases/domain/case-export.ts: masked, no address or account). */
export type CaseExportFacts = CaseExportRow;

export function caseCells(c: CaseExportFacts, timeZone: string): CsvCell[] {
  return [
    c.caseNo,
    CASE_STATUS_LABELS[c.status],
    c.applicantName,
    c.idNumberMasked,
    c.phoneMasked,
    c.householdSize,
    c.pseudonym,
    CASE_CATEGORY_LABELS[c.category],
    CASE_SOURCE_LABELS[c.source],
    yuan(c.requestedAmountFen),
    yuan(c.approvedAmountFen),
    yuan(c.paidAmountFen),
    yuan(c.recoveredAmountFen),
    c.payeeName,
    localDateTime(c.createdAt, timeZone),
    localDateTime(c.paidAt, timeZone),
  ];
}

// --- donations ---

export const DONATION_HEADER = [
  '收据编号',
  '收款日期',
  '捐赠人',
  '捐赠人类别',
  '金额（元）',
  '方式',
  '入账账户',
  '凭证号',
  '备注',
  '状态',
  '作废时间',
  '作废原因',
];

export interface DonationExportFacts {
  receiptNo: string;
  receivedOn: string;
  donorName: string;
  donorKind: DonorKind;
  amountFen: number;
  channel: Channel;
  account: 'cash' | 'bank';
  reference: string | null;
  note: string | null;
  status: 'recorded' | 'voided';
  voidedAt: Date | null;
  voidReason: string | null;
}

export function donationCells(d: DonationExportFacts, timeZone: string): CsvCell[] {
  return [
    d.receiptNo,
    d.receivedOn,
    d.donorName,
    DONOR_KIND_LABELS[d.donorKind],
    yuan(d.amountFen),
    CHANNEL_LABELS[d.channel],
    ACCOUNT_LABELS[d.account],
    d.reference,
    d.note,
    d.status === 'voided' ? '已作废' : '有效',
    localDateTime(d.voidedAt, timeZone),
    d.voidReason,
  ];
}

// --- ledger entries ---

export const ENTRY_HEADER = [
  '序号',
  '记账时间',
  '类型',
  '金额（元）',
  '借方科目',
  '贷方科目',
  '摘要',
  '关联',
];

export interface EntryExportFacts {
  seq: number;
  kind: EntryKind;
  postedAt: Date;
  memo: string | null;
  lines: Line[];
  ref: { type: string; id: string } | null;
}

/** One row per entry: its amount (the debits' total, equal to the credits'), and the accounts on each side. */
export function entryCells(e: EntryExportFacts, timeZone: string): CsvCell[] {
  const side = (pick: (l: Line) => number) =>
    e.lines
      .filter((l) => pick(l) > 0)
      .map((l) => ACCOUNT_LABELS[l.account])
      .join('、');
  return [
    e.seq,
    localDateTime(e.postedAt, timeZone),
    ENTRY_KIND_LABELS[e.kind],
    yuan(e.lines.reduce((sum, l) => sum + l.debitFen, 0)),
    side((l) => l.debitFen),
    side((l) => l.creditFen),
    e.memo,
    e.ref ? `${e.ref.type}:${e.ref.id}` : null,
  ];
}
