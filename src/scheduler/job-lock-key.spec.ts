import { jobLockKey, SCHEDULER_LOCK_SPACE } from './job-lock-key';

describe('jobLockKey', () => {
  it('is stable across runs (a lock taken by another instance must have the same key)', () => {
    expect(jobLockKey('votes.close-expired')).toBe(jobLockKey('votes.close-expired'));
    expect(jobLockKey('votes.close-expired')).toBe(890_815_563);
  });

  it('gives different jobs different keys and fits PostgreSQL int4', () => {
    const names = ['votes.close-expired', 'disclosures.end-expired', 'a', 'b', ''];
    const keys = names.map(jobLockKey);
    expect(new Set(keys).size).toBe(names.length);
    for (const k of [...keys, SCHEDULER_LOCK_SPACE]) {
      expect(Number.isInteger(k)).toBe(true);
      expect(k).toBeGreaterThanOrEqual(-(2 ** 31));
      expect(k).toBeLessThan(2 ** 31);
    }
  });
});
