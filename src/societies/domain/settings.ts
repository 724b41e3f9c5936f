/** A society's bylaws and limits (API.md "Societies and members"). */
export interface SocietySettings {
  /** Share of eligible board members that must vote, "p/q". */
  quorum: string;
  /** Share of votes cast that must approve, "p/q". */
  approval: string;
  /** "at_least" (以上, A ≥ a·C) or "more_than" (超过, A > a·C). */
  approvalRule: 'at_least' | 'more_than';
  voteWindowHours: number;
  disclosureDays: number;
  disclosureDeadlineDays: number;
  maxAidPerCaseFen: number;
  maxAidPerPersonPerYearFen: number;
  allowSingleOfficer: boolean;
}

export const DEFAULT_SETTINGS: Readonly<SocietySettings> = Object.freeze({
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

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Field-level rule violations of a settings object, beyond the type checks of the DTO. */
export function settingsProblems(s: SocietySettings): Record<string, { zh: string; en: string }> {
  const problems: Record<string, { zh: string; en: string }> = {};
  if (s.maxAidPerCaseFen > s.maxAidPerPersonPerYearFen) {
    problems['settings.maxAidPerCaseFen'] = {
      zh: '单笔救助上限不能高于每人每年救助上限',
      en: 'maxAidPerCaseFen cannot exceed maxAidPerPersonPerYearFen',
    };
  }
  return problems;
}

/** Applies a partial update; keys absent from the patch keep their value. */
export function mergeSettings(
  current: SocietySettings,
  patch: Partial<SocietySettings> | undefined,
): SocietySettings {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  return merged;
}
