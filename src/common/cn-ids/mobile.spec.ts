import fc from 'fast-check';
import { isValidLandline, isValidMobile, isValidPhone, normalizeMobile } from './mobile';

describe('normalizeMobile', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['19912345678', '19912345678'],
    ['+8613800138000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['+86-13800138000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['0086 138 0013 8000', '13800138000'],
    [' 138 0013 8000 ', '13800138000'],
    ['138-0013-8000', '13800138000'],
  ])('%p → %p', (input, mobile) => {
    expect(normalizeMobile(input)).toBe(mobile);
    expect(isValidMobile(input)).toBe(true);
  });

  it.each([
    '',
    'abc',
    '12800138000', // second digit must be 3-9
    '10800138000',
    '23800138000',
    '1380013800', // 10 digits
    '138001380000', // 12 digits
    '+85213800138000', // Hong Kong prefix
    '+8612800138000',
    '+86+8613800138000',
    '868613800138000',
    '+0086 13800138000',
    '138_0013_8000',
    '(138)00138000',
    '１３８００１３８０００', // full-width digits
    '0566-2021234', // a landline
  ])('rejects %p', (input) => {
    expect(normalizeMobile(input)).toBeNull();
    expect(isValidMobile(input)).toBe(false);
  });

  it('normalizes any mainland mobile written with prefix and separators', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.constantFrom('', '+86', '86', '0086', '+86 ', '+86-'),
        fc.constantFrom('', ' ', '-'),
        (second, rest, prefix, sep) => {
          const mobile = `1${second}${String(rest).padStart(9, '0')}`;
          const typed = prefix + [mobile.slice(0, 3), mobile.slice(3, 7), mobile.slice(7)].join(sep);
          expect(normalizeMobile(typed)).toBe(mobile);
        },
      ),
    );
  });
});

describe('isValidLandline', () => {
  it.each([
    '0566-2021234',
    '05662021234',
    '0566-20212345',
    '010-12345678',
    '01012345678',
    '020 87654321',
    '021-62345678',
    '0755-86013388',
    '0571-8888888',
  ])('accepts %p', (s) => {
    expect(isValidLandline(s)).toBe(true);
    expect(isValidPhone(s)).toBe(true);
  });

  it.each([
    '',
    '010-1234567', // 010 and 02X have 8-digit subscriber numbers
    '021-123456789',
    '0566-0021234', // subscriber numbers never start with 0
    '010-02345678',
    '566-2021234', // no trunk 0
    '0566-202123',
    '0566-202123456',
    '0566--2021234',
    '0566-2021234-123', // extensions are not supported
    '+86 566 2021234',
    '(0566)2021234',
    '13800138000',
  ])('rejects %p', (s) => {
    expect(isValidLandline(s)).toBe(false);
  });
});

describe('isValidPhone', () => {
  it('accepts mobiles and landlines only', () => {
    expect(isValidPhone('+86 138-0013-8000')).toBe(true);
    expect(isValidPhone('0566-2021234')).toBe(true);
    expect(isValidPhone('12345')).toBe(false);
    expect(isValidPhone('')).toBe(false);
  });
});
