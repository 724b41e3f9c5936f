import { accountFor, CHANNELS, DONOR_KINDS, publicDonorName, receiptNo } from './labels';

describe('donor labels and rules', () => {
  it('routes cash to the cash box and everything else to the bank', () => {
    expect(CHANNELS.map((c) => [c, accountFor(c)])).toEqual([
      ['cash', 'cash'],
      ['bank_transfer', 'bank'],
      ['wechat', 'bank'],
      ['alipay', 'bank'],
      ['other', 'bank'],
    ]);
  });

  it('hides anonymous donors behind 爱心人士 / 爱心企业 and shows the others by name', () => {
    const shown = DONOR_KINDS.map((kind) => publicDonorName({ kind, name: '真名', anonymous: true }));
    expect(shown).toEqual([
      '爱心人士',
      '爱心企业',
      '爱心人士',
      '爱心人士',
      '爱心企业',
      '爱心企业',
      '爱心人士',
    ]);
    expect(publicDonorName({ kind: 'enterprise', name: '某某公司', anonymous: false })).toBe('某某公司');
  });

  it('formats receipt numbers as YYYY-NNNNNN', () => {
    expect(receiptNo(2026, 1)).toBe('2026-000001');
    expect(receiptNo(2026, 123456)).toBe('2026-123456');
    expect(receiptNo(2027, 1234567)).toBe('2027-1234567');
  });
});
