import { CHANNEL_LABELS, channelLabel, formatCnDate } from './cn-format';

describe('formatCnDate', () => {
  it.each([
    ['2026-11-29', '2026年11月29日'],
    ['2026-01-05', '2026年1月5日'],
    ['2024-02-29', '2024年2月29日'],
  ])('%s → %s', (iso, cn) => {
    expect(formatCnDate(iso)).toBe(cn);
  });

  it.each([
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-11-31',
    '26-11-29',
    '2026/11/29',
    '',
    '2026-11-29T00:00',
  ])('rejects %p', (bad) => {
    expect(() => formatCnDate(bad)).toThrow(RangeError);
  });
});

describe('channelLabel', () => {
  it('labels every channel in Chinese', () => {
    expect(CHANNEL_LABELS).toEqual({
      cash: '现金',
      bank_transfer: '银行转账',
      wechat: '微信',
      alipay: '支付宝',
      other: '其他',
    });
  });

  it('refuses an unknown channel instead of printing a blank', () => {
    expect(() => channelLabel('cheque' as never)).toThrow(RangeError);
  });
});
