import { formatIntakeKey, intakeKeyOfHeader, isIntakeKeyFormat, shownPart } from './intake-key';

const B64 = 'A'.repeat(42) + '_';
const KEY = `hzk_${B64}`;

describe('intake keys', () => {
  it('formats 32 bytes of base64url as hzk_ and 43 characters', () => {
    expect(formatIntakeKey(B64)).toBe(KEY);
    expect(isIntakeKeyFormat(KEY)).toBe(true);
    expect(() => formatIntakeKey('abc')).toThrow(RangeError);
    expect(() => formatIntakeKey(`${'A'.repeat(42)}=`)).toThrow(RangeError);
  });

  it('reads the key of an ApiKey header, the scheme in any case', () => {
    expect(intakeKeyOfHeader(`ApiKey ${KEY}`)).toBe(KEY);
    expect(intakeKeyOfHeader(`apikey ${KEY}`)).toBe(KEY);
    expect(intakeKeyOfHeader(`APIKEY   ${KEY} `)).toBe(KEY);
  });

  it.each([
    ['no header', undefined],
    ['an empty one', ''],
    ['a bearer token', `Bearer ${KEY}`],
    ['no key', 'ApiKey '],
    ['the key without its scheme', KEY],
    ['a short key', `ApiKey hzk_${'A'.repeat(42)}`],
    ['a long key', `ApiKey hzk_${'A'.repeat(44)}`],
    ['another prefix', `ApiKey hzx_${B64}`],
    ['base64 that is not url-safe', `ApiKey hzk_${'A'.repeat(42)}+`],
    ['two keys', `ApiKey ${KEY} ${KEY}`],
    ['a huge header', `ApiKey ${KEY}${' '.repeat(300)}`],
  ])('refuses %s', (_what, header) => {
    expect(intakeKeyOfHeader(header)).toBeNull();
  });

  it('shows the first 8 characters in lists', () => {
    expect(shownPart(KEY)).toBe('hzk_AAAA');
  });
});
