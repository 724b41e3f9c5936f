// 居民身份证号码, GB 11643-1999: 6-digit area + 8-digit birth date + 3-digit sequence + check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

export type IdCardInvalidReason =
  | 'format' // not 17 digits + a digit or X
  | 'legacy-15-digit' // first-generation number: no check character, void since 2013
  | 'birth-date' // not a real date, or before 1900
  | 'future-birth-date'
  | 'checksum';

export type IdCardParseResult =
  | { valid: true; normalized: string; birthDate: string; sex: 'male' | 'female'; regionCode: string }
  | { valid: false; reason: IdCardInvalidReason };

export interface IdCardParseOptions {
  /**
   * 'YYYY-MM-DD'; birth dates after it are rejected. The caller's today: a service takes it from the
   * Clock in the society's time zone (common/calendar.ts); a validator without a clock may use
   * latestDateOnEarth().
   */
  today: string;
}

/** Check character for the first 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`expected 17 digits: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Validates and decodes an ID number. Surrounding whitespace is ignored and a lowercase x accepted;
 * `normalized` is the canonical uppercase form to store and hash. Unknown area codes are accepted:
 * retired codes stay on valid cards, and 81/82/83 are HK/Macau/Taiwan residence permits.
 */
export function parseIdCard(s: string, options: IdCardParseOptions): IdCardParseResult {
  const normalized = s.trim().toUpperCase();
  if (/^\d{15}$/.test(normalized)) return { valid: false, reason: 'legacy-15-digit' };
  if (!/^\d{17}[\dX]$/.test(normalized)) return { valid: false, reason: 'format' };

  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (!parseIsoDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE)
    return { valid: false, reason: 'birth-date' };

  const today = options?.today;
  if (typeof today !== 'string' || !parseIsoDate(today))
    throw new RangeError(`today must be a real date YYYY-MM-DD: ${today}`);
  if (birthDate > today) return { valid: false, reason: 'future-birth-date' };

  if (idCardCheckChar(normalized.slice(0, 17)) !== normalized[17])
    return { valid: false, reason: 'checksum' };

  return {
    valid: true,
    normalized,
    birthDate,
    // The 17th digit (end of the sequence number) is odd for men, even for women.
    sex: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: normalized.slice(0, 6),
  };
}

export function isValidIdCard(s: string, options: IdCardParseOptions): boolean {
  return parseIdCard(s, options).valid;
}

/**
 * The date at `now` in UTC+14 (Kiribati's Line Islands), where every day begins first: the latest
 * date anywhere on Earth. A birth date after it is in the future wherever the person was born.
 */
export function latestDateOnEarth(now: Date): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Age in full years on `date` (both 'YYYY-MM-DD'). Someone born on 29 February turns a year older
 * on 1 March in non-leap years, which falls out of comparing month-day strings.
 */
export function ageAt(birthDate: string, date: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(date);
  if (!birth || !on) throw new RangeError(`dates must be real dates YYYY-MM-DD: ${birthDate}, ${date}`);
  if (date < birthDate) throw new RangeError(`${date} is before the birth date ${birthDate}`);
  const hadBirthday = date.slice(5) >= birthDate.slice(5);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

// Calendar checks on 'YYYY-MM-DD' strings.

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a real calendar date 'YYYY-MM-DD' (years 0001-9999); null for 2023-02-29 and the like. */
function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}
