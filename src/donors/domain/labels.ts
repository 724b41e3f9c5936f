import { yearlyNumber } from '../../common/yearly-number';
/** Donor kinds and donation channels, and the rules that hang on them. */
export const DONOR_KINDS = [
  'individual',
  'enterprise',
  'retired_cadre',
  'migrant_entrepreneur',
  'collective',
  'government',
  'other',
] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];

/** How internal documents (the donor's own receipt) name the kind of donor. */
export const DONOR_KIND_LABELS: Record<DonorKind, string> = {
  individual: '个人',
  enterprise: '企业',
  retired_cadre: '老干部',
  migrant_entrepreneur: '在外创业人员',
  collective: '村集体',
  government: '政府',
  other: '其他',
};

export const CHANNELS = ['cash', 'bank_transfer', 'wechat', 'alipay', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Cash lands in the cash box; every other channel in the bank account. */
export function accountFor(channel: Channel): 'cash' | 'bank' {
  return channel === 'cash' ? 'cash' : 'bank';
}

/**
 * How a donor appears in anything public (慈善法: names only with consent). Anonymous organisations
 * are 爱心企业, anonymous people 爱心人士.
 */
export function publicDonorName(donor: { kind: DonorKind; name: string; anonymous: boolean }): string {
  if (!donor.anonymous) return donor.name;
  return donor.kind === 'enterprise' || donor.kind === 'collective' || donor.kind === 'government'
    ? '爱心企业'
    : '爱心人士';
}

/** A receipt number: year and a six-digit sequence, gap-free per society and year (2026-000001). */
export function receiptNo(year: number, seq: number): string {
  return yearlyNumber(year, seq, 6, 'receipt');
}
