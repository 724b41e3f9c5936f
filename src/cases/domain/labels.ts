/** The enums of a case (API.md "Emergency cases"). */
export const CASE_CATEGORIES = [
  'serious_illness',
  'accident',
  'disaster',
  'fire',
  'sudden_hardship',
  'other',
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export const CASE_SOURCES = [
  'self_application',
  'collector_report',
  'platform_warning',
  'department_referral',
  'home_visit',
  'hotline',
] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const ATTACHMENT_KINDS = ['diagnosis', 'bill', 'household_proof', 'visit_photo', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The public name when the secretary gives none (DOMAIN.md: 小范, 化名): 小 and the surname's first character. */
export function defaultPseudonym(name: string): string {
  const first = Array.from(name.trim())[0] ?? '某';
  return `小${first}`;
}
