import { CASE_STATUSES, type CaseStatus } from './case-status';
import { duplicateAidWarnings, type PriorCase } from './duplicate-aid';

const HERE = '11111111-1111-4111-8111-111111111111';
const THERE = '22222222-2222-4222-8222-222222222222';

const prior = (societyId: string, status: CaseStatus, paidYear: number | null = 2026): PriorCase => ({
  societyId,
  status,
  paidYear,
});

describe('duplicate-aid warnings', () => {
  it('warns of nothing for a person never helped', () => {
    expect(duplicateAidWarnings(HERE, 2026, [])).toEqual([]);
  });

  it('warns of aid paid here this year, and of aid paid elsewhere, without saying where', () => {
    expect(duplicateAidWarnings(HERE, 2026, [prior(HERE, 'paid')])).toEqual([{ code: 'AIDED_THIS_YEAR' }]);
    expect(duplicateAidWarnings(HERE, 2026, [prior(THERE, 'closed')])).toEqual([
      { code: 'AIDED_ELSEWHERE_THIS_YEAR' },
    ]);
    expect(
      duplicateAidWarnings(HERE, 2026, [
        prior(THERE, 'publicized'),
        prior(HERE.toUpperCase(), 'disputed'),
        prior(HERE, 'paid'),
      ]),
    ).toEqual([{ code: 'AIDED_THIS_YEAR' }, { code: 'AIDED_ELSEWHERE_THIS_YEAR' }]);
  });

  it('counts only aid that was paid and not recovered', () => {
    const counted = CASE_STATUSES.filter(
      (status) => duplicateAidWarnings(HERE, 2026, [prior(HERE, status)]).length > 0,
    );
    expect(counted.sort()).toEqual(['closed', 'disputed', 'paid', 'publicized']);
  });

  it('counts only this calendar year', () => {
    expect(
      duplicateAidWarnings(HERE, 2026, [prior(HERE, 'closed', 2025), prior(THERE, 'paid', 2027)]),
    ).toEqual([]);
    expect(duplicateAidWarnings(HERE, 2026, [prior(HERE, 'paid', null)])).toEqual([]);
  });
});
