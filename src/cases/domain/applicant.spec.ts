import fc from 'fast-check';
import { idCardCheckChar } from '../../common/cn-ids/id-card';
import {
  ageOn,
  applicantNameProblem,
  isChildOn,
  isValidApplicantName,
  isValidHouseholdSize,
  maskApplicant,
  maskPayee,
  normalizeApplicantName,
  parseApplicantIdNumber,
} from './applicant';

const withCheck = (first17: string): string => first17 + idCardCheckChar(first17);
const TODAY = '2026-03-01';

describe('applicant name', () => {
  it.each([
    ['张三', '张三'],
    ['逄箐', '逄箐'],
    ['𠀋', '𠀋'], // CJK Extension B, two UTF-16 units, one character
    ['王〇', '王〇'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['  张三\t', '张三'],
    ['\u3000张\u3000\u3000三\u3000', '张 三'], // ideographic spaces
    ['Jean-Luc  Picard', 'Jean-Luc Picard'],
    ["O'Neil", "O'Neil"],
    ['e\u0301', 'e\u0301'], // a combining accent, kept as typed
    ['葛\u{E0100}', '葛\u{E0100}'], // an ideographic variation sequence
    ['\uF900', '\uF900'], // a compatibility ideograph: not folded into its unified twin (NFC would)
    ['𠀋'.repeat(50), '𠀋'.repeat(50)],
    ['a'.repeat(50), 'a'.repeat(50)],
  ])('accepts %j as %j', (raw, normalized) => {
    expect(applicantNameProblem(raw)).toBeNull();
    expect(isValidApplicantName(raw)).toBe(true);
    expect(normalizeApplicantName(raw)).toBe(normalized);
  });

  it.each([
    ['', 'blank'],
    ['   ', 'blank'],
    ['\u3000\t\n', 'blank'],
    ['𠀋'.repeat(51), 'too_long'],
    ['a'.repeat(51), 'too_long'],
    [` ${'张'.repeat(51)} `, 'too_long'],
    ['张三1', 'characters'],
    ['张三😀', 'characters'],
    ['张\u200d三', 'characters'], // zero-width joiner
    ['张\u0000三', 'characters'],
    ['\uE000', 'characters'], // private use
    ['·', 'characters'], // no letter at all
    ['<script>', 'characters'],
  ])('refuses %j: %s', (raw, problem) => {
    expect(applicantNameProblem(raw)).toBe(problem);
    expect(isValidApplicantName(raw)).toBe(false);
  });

  it('accepts any 1–50 characters of the CJK blocks (URO, Extension A, Extension B)', () => {
    const cjk = fc.oneof(
      fc.integer({ min: 0x4e00, max: 0x9fff }),
      fc.integer({ min: 0x3400, max: 0x4dbf }),
      fc.integer({ min: 0x20000, max: 0x2a6df }),
    );
    fc.assert(
      fc.property(fc.array(cjk, { minLength: 1, maxLength: 50 }), (points) => {
        const name = String.fromCodePoint(...points);
        expect(applicantNameProblem(name)).toBeNull();
        expect(normalizeApplicantName(name)).toBe(name);
      }),
    );
  });

  it('normalizes idempotently, and a valid name stays valid once normalized', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (raw) => {
        const once = normalizeApplicantName(raw);
        expect(normalizeApplicantName(once)).toBe(once);
        expect(applicantNameProblem(once)).toBe(applicantNameProblem(raw));
      }),
    );
  });
});

describe('household size', () => {
  it.each([1, 2, 30])('accepts %p', (n) => expect(isValidHouseholdSize(n)).toBe(true));
  it.each([0, 31, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null, undefined])('refuses %p', (n) =>
    expect(isValidHouseholdSize(n)).toBe(false),
  );
});

describe('applicant ID number', () => {
  const id = withCheck('11010519491231002'); // ends in X

  it('normalizes case, spaces and full-width characters to the stored form', () => {
    expect(id).toBe('11010519491231002X');
    for (const typed of [
      id,
      id.toLowerCase(),
      ` ${id} `,
      '110105 19491231 002x',
      '１１０１０５１９４９１２３１００２Ｘ',
      '１１０１０５１９４９１２３１００２ｘ',
    ]) {
      expect(parseApplicantIdNumber(typed, TODAY)).toEqual({
        valid: true,
        normalized: id,
        birthDate: '1949-12-31',
        sex: 'female',
        regionCode: '110105',
      });
    }
  });

  it.each([
    [withCheck('34070219900230123'), 'birth-date'], // 30 February
    [withCheck('34070218991231123'), 'birth-date'], // before 1900
    [withCheck('34070220260302123'), 'future-birth-date'], // the day after today
    ['34070219900101123' + (idCardCheckChar('34070219900101123') === '0' ? '1' : '0'), 'checksum'],
    ['340702900101123', 'legacy-15-digit'],
    ['3407021990010112', 'format'],
    ['34070219900101123-', 'format'],
    ['', 'format'],
  ])('refuses %p: %s', (typed, reason) => {
    expect(parseApplicantIdNumber(typed, TODAY)).toEqual({ valid: false, reason });
  });

  it('accepts a birth date of today, which is passed in (not read from the machine)', () => {
    expect(parseApplicantIdNumber(withCheck('34070220260301123'), TODAY).valid).toBe(true);
    expect(parseApplicantIdNumber(withCheck('34070220260301123'), '2026-02-28')).toEqual({
      valid: false,
      reason: 'future-birth-date',
    });
  });

  it('refuses a "today" that is not a date', () => {
    expect(() => parseApplicantIdNumber(id, '2026-02-30')).toThrow(RangeError);
  });
});

describe('age and childhood', () => {
  it.each([
    ['2012-03-01', '2026-02-28', 13, true],
    ['2012-03-01', '2026-03-01', 14, false], // the 14th birthday: no longer under 14
    ['2012-02-29', '2026-02-28', 13, true], // born on 29 February: a year older on 1 March
    ['2012-02-29', '2026-03-01', 14, false],
    ['2026-03-01', '2026-03-01', 0, true],
    ['1949-12-31', '2026-03-01', 76, false],
  ])('born %s, on %s: %p years, child %p', (birth, on, age, child) => {
    expect(ageOn(birth, on)).toBe(age);
    expect(isChildOn(birth, on)).toBe(child);
  });
});

describe('masking for responses', () => {
  it('masks the ID number, phone and address, keeps what the board needs', () => {
    expect(
      maskApplicant({
        name: '逄箐',
        idNumber: '340702199001011234',
        phone: '13800138000',
        address: '某村 3 组',
        householdSize: 4,
      }),
    ).toEqual({
      name: '逄箐',
      idNumberMasked: '340702********1234',
      phoneMasked: '138****8000',
      addressMasked: '某村 ***',
      householdSize: 4,
    });
    expect(maskApplicant({ name: '𠀋', idNumber: '11010519491231002X' })).toEqual({
      name: '𠀋',
      idNumberMasked: '110105********002X',
      phoneMasked: null,
      addressMasked: null,
      householdSize: null,
    });
  });

  it('masks the payee account', () => {
    expect(maskPayee({ name: '张三', bankName: '农业银行', accountNo: '6222 0212 3456 7890 123' })).toEqual({
      name: '张三',
      bankName: '农业银行',
      accountNoMasked: '************0123',
    });
  });
});
