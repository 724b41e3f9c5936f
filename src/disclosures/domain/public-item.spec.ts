import fc from 'fast-check';
import { CASE_CATEGORIES } from '../../cases/domain/labels';
import { CATEGORY_LABELS, categoryLabel, publicItem, PublicItemSource } from './public-item';

const source = (over: Partial<PublicItemSource> = {}): PublicItemSource => ({
  caseNo: '2026-0001',
  applicantName: '范某某',
  pseudonym: '小范',
  birthDate: '1988-07-16',
  category: 'serious_illness',
  paidAmountFen: 100_000,
  approvedOn: '2026-11-29',
  paidOn: '2026-11-30',
  vote: { eligible: 9, cast: 6, approve: 6 },
  ...over,
});

describe('categoryLabel', () => {
  it('has a Chinese label for every category, never a diagnosis', () => {
    expect(Object.keys(CATEGORY_LABELS).sort()).toEqual([...CASE_CATEGORIES].sort());
    expect(CASE_CATEGORIES.map(categoryLabel)).toEqual([
      '因病',
      '意外伤害',
      '自然灾害',
      '火灾',
      '突发困难',
      '其他',
    ]);
  });

  it('refuses what is not a category (no prototype key)', () => {
    expect(() => categoryLabel('__proto__' as never)).toThrow(RangeError);
    expect(() => categoryLabel('toString' as never)).toThrow(RangeError);
  });
});

describe('publicItem', () => {
  it('builds the allow-listed fields', () => {
    expect(publicItem(source(), '2026-12-01')).toEqual({
      caseNo: '2026-0001',
      displayName: '小范（化名）',
      category: 'serious_illness',
      categoryLabel: '因病',
      amountFen: 100_000,
      approvedOn: '2026-11-29',
      paidOn: '2026-11-30',
      vote: { eligible: 9, cast: 6, approve: 6 },
    });
  });

  // Whatever else a caller hands in (a whole case record, a vote with its ballots), nothing of it
  // reaches the output: the same item as from the allow-listed facts alone, and no marker anywhere.
  it('lets no other input field reach the output (property)', () => {
    const marker = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `§SECRET§${s}`);
    const extraKey = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((k) => !Object.hasOwn(source(), k) && k !== '__proto__');
    const allowed = fc.record({
      caseNo: fc.constantFrom('2026-0001', '2027-12345'),
      applicantName: fc.constantFrom('范某某', '张三', '𠀋', '阿依古丽·买买提'),
      pseudonym: fc.option(fc.constantFrom('小范', '小张', ' '), { nil: null }),
      birthDate: fc.constantFrom('1950-01-01', '2015-06-30', '2012-12-02'),
      category: fc.constantFrom(...CASE_CATEGORIES),
      paidAmountFen: fc.integer({ min: 1, max: 1_000_000_000_000 }),
      approvedOn: fc.constant('2026-11-29'),
      paidOn: fc.constant('2026-11-30'),
      vote: fc.record({ eligible: fc.nat(15), cast: fc.nat(15), approve: fc.nat(15) }),
    });
    fc.assert(
      fc.property(
        allowed,
        fc.dictionary(extraKey, marker, { maxKeys: 8 }),
        fc.record({
          description: marker,
          diagnosis: marker,
          idNumber: marker,
          applicantIdEnc: marker,
          phone: marker,
          address: marker,
          payeeName: marker,
          payeeBankName: marker,
          accountNo: marker,
        }),
        fc.dictionary(extraKey, marker, { maxKeys: 4 }),
        (facts, extra, personal, voteExtra) => {
          const clean = publicItem(facts, '2026-12-01');
          const dirty = publicItem(
            { ...extra, ...personal, ...facts, vote: { ...voteExtra, ...facts.vote } } as PublicItemSource,
            '2026-12-01',
          );
          expect(dirty).toEqual(clean);
          expect(JSON.stringify(dirty)).not.toContain('§SECRET§');
          expect(Object.keys(dirty).sort()).toEqual([
            'amountFen',
            'approvedOn',
            'caseNo',
            'category',
            'categoryLabel',
            'displayName',
            'paidOn',
            'vote',
          ]);
          expect(Object.keys(dirty.vote).sort()).toEqual(['approve', 'cast', 'eligible']);
        },
      ),
    );
  });

  it('never shows the full name of an applicant (property)', () => {
    const name = fc.string({
      unit: fc.constantFrom('范', '张', '𠀋', '·', '丽'),
      minLength: 2,
      maxLength: 10,
    });
    fc.assert(
      fc.property(name, fc.option(fc.constantFrom('小范'), { nil: null }), (applicantName, pseudonym) => {
        const item = publicItem(source({ applicantName, pseudonym }), '2026-12-01');
        expect(item.displayName).not.toContain(applicantName);
      }),
    );
  });
});
