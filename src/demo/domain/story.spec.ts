import { CASE_STATUSES } from '../../cases/domain/case-status';
import { isValidCreditCode } from '../../common/cn-ids/credit-code';
import { isValidIdCard } from '../../common/cn-ids/id-card';
import { isValidMobile } from '../../common/cn-ids/mobile';
import { DEMO_CASES, DEMO_DONORS, DEMO_STAFF, demoCreditCode, demoIdNumber, demoWanted } from './story';

describe('demo story', () => {
  describe('demoWanted', () => {
    it.each([
      [undefined, true, true],
      [undefined, false, false],
      ['1', true, true],
      ['1', false, true],
      ['0', true, false],
      ['0', false, false],
    ] as const)('DEMO=%s, embedded %s → %s', (DEMO, embedded, wanted) => {
      expect(demoWanted({ DEMO, embedded })).toBe(wanted);
    });
  });

  it('builds valid ID numbers (GB 11643) and credit codes (GB 32100)', () => {
    // Σ digit × weight = 185, 185 mod 11 = 9 → '3' (by hand, from GB 11643's table).
    expect(demoIdNumber('341702', '19800101', 1)).toBe('341702198001010013');
    expect(isValidIdCard(demoIdNumber('340121', '19910203', 235), { today: '2026-11-29' })).toBe(true);
    expect(isValidCreditCode(demoCreditCode('91341702MA2TC8K5P'))).toBe(true);
  });

  it('has a case for every status, each applicant a different valid person', () => {
    expect(Object.keys(DEMO_CASES).sort()).toEqual([...CASE_STATUSES].sort());
    const ids = Object.values(DEMO_CASES).map((c) => c.applicant.idNumber);
    for (const id of ids) expect(isValidIdCard(id, { today: '2026-11-29' })).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(DEMO_CASES.publicized).toMatchObject({ pseudonym: '小范', requestedAmountFen: 100_000 });
  });

  it('has every role with a unique login and a valid mobile, and nine board members', () => {
    expect(DEMO_STAFF.filter((p) => p.role === 'board')).toHaveLength(9);
    expect(new Set(DEMO_STAFF.map((p) => p.role)).size).toBe(5);
    expect(new Set(DEMO_STAFF.map((p) => p.username)).size).toBe(DEMO_STAFF.length);
    for (const p of DEMO_STAFF) expect(isValidMobile(p.phone)).toBe(true);
  });

  it('has a dozen donors of every kind, one anonymous, enterprises with valid credit codes, gifts in order', () => {
    expect(DEMO_DONORS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(DEMO_DONORS.map((d) => d.kind)).size).toBe(7);
    expect(DEMO_DONORS.filter((d) => d.anonymous)).toHaveLength(1);
    for (const d of DEMO_DONORS.filter((x) => x.kind === 'enterprise'))
      expect(isValidCreditCode(d.creditCode ?? '')).toBe(true);
    for (const d of DEMO_DONORS.filter((x) => x.phone)) expect(isValidMobile(d.phone!)).toBe(true);
    // The seeder records the gifts in this order: oldest first.
    const days = DEMO_DONORS.flatMap((d) => d.gifts.map((g) => g.daysAgo));
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });
});
