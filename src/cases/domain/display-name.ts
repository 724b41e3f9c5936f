import { maskName } from '../../common/masking';
import { isChildOn } from './applicant';

/**
 * The one name under which an applicant may appear in public (DOMAIN.md "Privacy"): on notices and
 * on public statements alike. A child under 14 is never named in any form.
 */
export const CHILD_DISPLAY_NAME = '某未成年人';
export const PSEUDONYM_MARK = '（化名）';

/**
 * The public name on `on` ('YYYY-MM-DD' in the society's time zone): 某未成年人 for a child under 14
 * that day, else the pseudonym with （化名）, else the masked name (范**).
 */
export function displayName(
  a: { applicantName: string; pseudonym: string | null; birthDate: string },
  on: string,
): string {
  if (isChildOn(a.birthDate, on)) return CHILD_DISPLAY_NAME;
  const pseudonym = a.pseudonym?.trim();
  if (pseudonym) return `${pseudonym}${PSEUDONYM_MARK}`;
  return maskName(a.applicantName.trim());
}
