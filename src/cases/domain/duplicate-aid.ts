import type { CaseStatus } from './case-status';

/**
 * Warnings when filing a case for someone already helped this calendar year (DOMAIN.md: normally once
 * a year). They inform the board; they do not block: a second emergency in one year does happen.
 */
export type AidWarningCode = 'AIDED_THIS_YEAR' | 'AIDED_ELSEWHERE_THIS_YEAR';

/** Another case of the same person (matched by the ID number's HMAC), in any society. */
export interface PriorCase {
  societyId: string;
  status: CaseStatus;
  /** The calendar year of its payment, in its society's time zone; null if never paid. */
  paidYear: number | null;
}

// The money went out and stayed out: paid, on notice, under dispute, or closed. A recovered case's
// money came back, and the other statuses never paid.
const AID_STANDS: ReadonlySet<CaseStatus> = new Set(['paid', 'publicized', 'disputed', 'closed']);

/**
 * The warnings for a new case in `societyId` filed in `year`, given the person's other cases. No
 * detail of another society is returned: only that there is one.
 */
export function duplicateAidWarnings(
  societyId: string,
  year: number,
  prior: readonly PriorCase[],
): { code: AidWarningCode }[] {
  const aided = prior.filter((c) => AID_STANDS.has(c.status) && c.paidYear === year);
  const here = aided.some((c) => sameId(c.societyId, societyId));
  const elsewhere = aided.some((c) => !sameId(c.societyId, societyId));
  const codes: AidWarningCode[] = [];
  if (here) codes.push('AIDED_THIS_YEAR');
  if (elsewhere) codes.push('AIDED_ELSEWHERE_THIS_YEAR');
  return codes.map((code) => ({ code }));
}

const sameId = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
