import fc from 'fast-check';
import { maskAddress, maskBankAccount, maskIdNumber, maskName, maskPhone } from './masking';

const codePoints = (s: string) => Array.from(s).length;
const shown = (masked: string) => Array.from(masked).filter((c) => c !== '*').length;

describe('maskIdNumber', () => {
  it.each([
    ['340702199001011234', '340702********1234'],
    ['11010519491231002X', '110105********002X'],
    ['340702900101123', '340702*****1123'], // old 15-digit numbers still show 前6后4
    // short values show at most half
    ['1234567890', '12*****890'],
    ['12345678901234', '123*******1234'],
    ['123', '**3'],
    ['12', '*2'],
    ['1', '*'],
    ['', ''],
  ])('%p → %p', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张**'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['𠀋三', '𠀋*'], // Extension-B surname: one character, kept whole
    ['张𠀋', '张*'], // Extension-B given name: one star
    ['逄𠀋𠀋', '逄**'],
    ['阿依古丽·买买提', '阿*******'],
    ['张', '*'], // one character: showing it would show everything
    ['𠀋', '*'],
    ['', ''],
  ])('%p → %p', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['+86 138-0013-8000', '138****8000'],
    ['0566-2021234', '056*****1234'],
    ['010-12345678', '010*****5678'],
    ['12345', '1***5'],
    ['1234', '1**4'],
    ['1', '*'],
    ['', ''],
  ])('%p → %p', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('maskBankAccount', () => {
  it.each([
    ['6222021234567890123', '************0123'],
    ['6222 0212 3456 7890 123', '************0123'],
    ['6222-0212-3456-7890', '************7890'],
    ['1234', '************34'],
    ['1', '************'],
    ['', ''],
  ])('%p → %p', (account, masked) => {
    expect(maskBankAccount(account)).toBe(masked);
  });

  it('does not reveal the account length', () => {
    expect(maskBankAccount('6222021234567890').length).toBe(maskBankAccount('6222021234567890123').length);
  });
});

describe('all masks', () => {
  const masks = { maskIdNumber, maskName, maskPhone };
  const text = fc.string({ unit: fc.constantFrom('1', '9', 'X', '张', '𠀋', '·', 'a'), maxLength: 30 });

  it.each(Object.entries(masks))(
    '%s keeps the length in code points and masks at least one character',
    (_, mask) => {
      fc.assert(
        fc.property(text, (s) => {
          const masked = mask(s);
          expect(codePoints(masked)).toBe(codePoints(s));
          if (s.length > 0) expect(masked).toContain('*');
        }),
      );
    },
  );

  it.each(Object.entries(masks))('%s shows at most half of a short value', (_, mask) => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '张', '𠀋'), maxLength: 10 }), (s) => {
        expect(shown(mask(s))).toBeLessThanOrEqual(Math.floor(codePoints(s) / 2));
      }),
    );
  });

  it('maskBankAccount shows at most half and at most 4 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '9'), maxLength: 25 }), (s) => {
        const n = shown(maskBankAccount(s));
        expect(n).toBeLessThanOrEqual(Math.min(4, Math.floor(s.length / 2)));
      }),
    );
  });
});

describe('maskAddress', () => {
  it('keeps the province and city of a full address, hides the rest', () => {
    expect(maskAddress('安徽省池州市贵池区杏花村 3 组 12 号')).toBe('安徽省池州市' + '*'.repeat(15));
  });

  it('shows at most half of a short address', () => {
    expect(maskAddress('某村 3 组')).toBe('某村 ***');
    expect(maskAddress('  某某镇 8 号 ')).toBe('某某镇****');
    expect(maskAddress('村')).toBe('*');
  });
});
