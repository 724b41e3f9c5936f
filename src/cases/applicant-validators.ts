import { latestDateOnEarth } from '../common/cn-ids/id-card';
import { rule } from '../common/validators';
import { applicantNameProblem, parseApplicantIdNumber } from './domain/applicant';

// The applicant's name and ID number as a filing checks them (domain/applicant.ts): for a case's
// applicant and payee, and for the subject of a monitoring platform's warning that becomes one.

/** Letters, 1–50 characters (code points) once trimmed. */
export const IsApplicantName = rule(
  'isApplicantName',
  (v) => typeof v === 'string' && applicantNameProblem(v) === null,
  '$property must be a name of 1 to 50 letters',
  '必须是 1 至 50 个字的姓名（不含数字和符号）',
);

/**
 * GB 11643 as typed on a phone (spaces, full-width digits). Without a society here, "today" is the
 * latest date on Earth; the service checks the birth date against the society's today.
 */
export const IsApplicantIdNumber = rule(
  'isApplicantIdNumber',
  (v) =>
    typeof v === 'string' && v.length <= 40 && parseApplicantIdNumber(v, latestDateOnEarth(new Date())).valid,
  '$property must be a valid resident ID number (GB 11643)',
  '必须是有效的居民身份证号码',
);
