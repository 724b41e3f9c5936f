import { DEFAULT_SETTINGS, mergeSettings, settingsProblems } from './settings';

describe('society settings', () => {
  it('has the defaults of API.md', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      quorum: '2/3',
      approval: '2/3',
      approvalRule: 'at_least',
      voteWindowHours: 24,
      disclosureDays: 7,
      disclosureDeadlineDays: 10,
      maxAidPerCaseFen: 500000,
      maxAidPerPersonPerYearFen: 1000000,
      allowSingleOfficer: false,
    });
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });

  it('merges a patch key by key, ignoring undefined, without changing the original', () => {
    const merged = mergeSettings(DEFAULT_SETTINGS, { quorum: '1/2', approval: undefined });
    expect(merged).toEqual({ ...DEFAULT_SETTINGS, quorum: '1/2' });
    expect(DEFAULT_SETTINGS.quorum).toBe('2/3');
    expect(mergeSettings(DEFAULT_SETTINGS, undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('rejects a per-case cap above the annual cap, and accepts equal caps', () => {
    expect(settingsProblems({ ...DEFAULT_SETTINGS, maxAidPerCaseFen: 1000001 })).toHaveProperty([
      'settings.maxAidPerCaseFen',
    ]);
    expect(settingsProblems({ ...DEFAULT_SETTINGS, maxAidPerCaseFen: 1000000 })).toEqual({});
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual({});
  });
});
