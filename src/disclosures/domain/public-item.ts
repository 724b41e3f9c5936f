import { displayName } from '../../cases/domain/display-name';
import type { CaseCategory } from '../../cases/domain/labels';

/**
 * THE one way a case reaches the public (DOMAIN.md "Privacy": 谁救助谁公示, only what the aid needs):
 * an allow-list of fields copied one by one. Never the description, diagnosis, ID number, phone,
 * address, payee or bank account; a child under 14 is never named in any form.
 */
export interface PublicItem {
  caseNo: string;
  /** 小范（化名）, else the masked name (范**), and always 某未成年人 for a child under 14. */
  displayName: string;
  category: CaseCategory;
  /** The category in Chinese: 因病, never the diagnosis. */
  categoryLabel: string;
  /** What was paid, in fen. */
  amountFen: number;
  /** 'YYYY-MM-DD' in the society's time zone. */
  approvedOn: string;
  paidOn: string;
  vote: PublicVote;
}

export interface PublicVote {
  eligible: number;
  cast: number;
  approve: number;
}

/** What a public item is built from: the case's facts, the applicant's birth date from the ID number. */
export interface PublicItemSource {
  caseNo: string;
  applicantName: string;
  pseudonym: string | null;
  /** 'YYYY-MM-DD', decoded from the ID number (GB 11643 digits 7–14). */
  birthDate: string;
  category: CaseCategory;
  paidAmountFen: number;
  approvedOn: string;
  paidOn: string;
  vote: PublicVote;
}

// The public name is a fact about an applicant, shared with the public statements.
export { CHILD_DISPLAY_NAME, displayName, PSEUDONYM_MARK } from '../../cases/domain/display-name';

export const CATEGORY_LABELS: Record<CaseCategory, string> = {
  serious_illness: '因病',
  accident: '意外伤害',
  disaster: '自然灾害',
  fire: '火灾',
  sudden_hardship: '突发困难',
  other: '其他',
};

export function categoryLabel(category: CaseCategory): string {
  if (!Object.hasOwn(CATEGORY_LABELS, category)) throw new RangeError(`not a case category: ${category}`);
  return CATEGORY_LABELS[category];
}

/** The public item of a case published on `publishedOn`: these fields and nothing else. */
export function publicItem(s: PublicItemSource, publishedOn: string): PublicItem {
  return {
    caseNo: s.caseNo,
    displayName: displayName(s, publishedOn),
    category: s.category,
    categoryLabel: categoryLabel(s.category),
    amountFen: s.paidAmountFen,
    approvedOn: s.approvedOn,
    paidOn: s.paidOn,
    vote: { eligible: s.vote.eligible, cast: s.vote.cast, approve: s.vote.approve },
  };
}
