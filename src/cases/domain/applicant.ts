import { ageAt, parseIdCard, type IdCardParseResult } from '../../common/cn-ids/id-card';
import { maskAddress, maskBankAccount, maskIdNumber, maskPhone } from '../../common/masking';

/**
 * The applicant's data as the DTOs and services check, store and show it. Names are counted in
 * Unicode code points, so a rare Extension-B character (𠀋) is one character, like 逄 or 箐.
 */
export const NAME_MAX_CHARS = 50;
export const HOUSEHOLD_SIZE_MAX = 30;
/** Children under this age are never named in public (DOMAIN.md "Privacy"). */
export const CHILD_AGE = 14;

export type NameProblem = 'blank' | 'too_long' | 'characters';

// Letters of any script (all CJK, with its extensions and compatibility ideographs), combining marks
// (incl. ideographic variation selectors), 〇 (a letter number), spaces between words, and the
// separators of transliterated names (阿依古丽·买买提; O'Neil; Jean-Luc). No digits, symbols, emoji,
// controls or private-use characters: those are typos or rendering tricks, not names.
const NAME_CHARS = /^[\p{L}\p{M}\p{Nl} ·・•‧'-]+$/u;
const HAS_LETTER = /[\p{L}\p{Nl}]/u;

/**
 * Trimmed, with runs of whitespace (incl. the ideographic space U+3000) as one space. Not NFC: that
 * would turn a CJK compatibility ideograph into its unified twin, i.e. change the character chosen.
 */
export function normalizeApplicantName(raw: string): string {
  return raw.trim().replace(/\s+/gu, ' ');
}

export function applicantNameProblem(raw: string): NameProblem | null {
  const name = normalizeApplicantName(raw);
  if (name === '') return 'blank';
  if (Array.from(name).length > NAME_MAX_CHARS) return 'too_long';
  if (!NAME_CHARS.test(name) || !HAS_LETTER.test(name)) return 'characters';
  return null;
}

export function isValidApplicantName(raw: string): boolean {
  return applicantNameProblem(raw) === null;
}

/** An integer number of people, 1 to 30. */
export function isValidHouseholdSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= HOUSEHOLD_SIZE_MAX;
}

/**
 * The ID number as typed on a phone: spaces between groups and full-width digits/Ｘ (a Chinese input
 * method's default) are accepted, then checked as GB 11643 (check character, real birth date, not
 * after `today`, 'YYYY-MM-DD' in the society's time zone). `normalized` (18 characters, uppercase X)
 * is what is stored, hashed for the duplicate-aid check and masked.
 */
export function parseApplicantIdNumber(raw: string, today: string): IdCardParseResult {
  const folded = raw
    .replace(/\s+/gu, '')
    .replace(/[０-９Ｘｘ]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  return parseIdCard(folded, { today });
}

/** Age in full years on `date` (both 'YYYY-MM-DD'). */
export function ageOn(birthDate: string, date: string): number {
  return ageAt(birthDate, date);
}

/** Under 14 on `date`: shown in public as 某未成年人. */
export function isChildOn(birthDate: string, date: string): boolean {
  return ageOn(birthDate, date) < CHILD_AGE;
}

export interface ApplicantData {
  name: string;
  idNumber: string;
  phone?: string | null;
  address?: string | null;
  householdSize?: number | null;
}

export interface MaskedApplicant {
  /** The board must know who asks, to recuse when related; the name is masked only in public. */
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  addressMasked: string | null;
  householdSize: number | null;
}

/** The applicant as every case response shows it; the full data only through the audited reveal. */
export function maskApplicant(a: ApplicantData): MaskedApplicant {
  return {
    name: a.name,
    idNumberMasked: maskIdNumber(a.idNumber),
    phoneMasked: a.phone ? maskPhone(a.phone) : null,
    addressMasked: a.address ? maskAddress(a.address) : null,
    householdSize: a.householdSize ?? null,
  };
}

export interface PayeeData {
  name: string;
  bankName: string;
  accountNo: string;
}

export function maskPayee(p: PayeeData): { name: string; bankName: string; accountNoMasked: string } {
  return { name: p.name, bankName: p.bankName, accountNoMasked: maskBankAccount(p.accountNo) };
}
