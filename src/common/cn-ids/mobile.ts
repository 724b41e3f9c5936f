// Mainland phone numbers: mobiles for residents and officers, landlines for a society's office.

// Separators people type between digit groups; removed before matching.
const SEPARATORS = /[\s-]/g;
const MOBILE = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/;
// Area code 010 / 02X + 8-digit subscriber, or 0[3-9]XX + 7-8 digits. A subscriber number never
// starts with 0, which would read as another trunk prefix.
const LANDLINE = /^(?:0(?:10|2\d)[-\s]?[1-9]\d{7}|0[3-9]\d{2}[-\s]?[1-9]\d{6,7})$/;

/**
 * '+86 138-0013-8000' → '13800138000' (the form to store, compare and hash); null if not a mainland
 * mobile. Accepts a +86, 0086 or 86 country prefix and spaces or dashes anywhere.
 */
export function normalizeMobile(s: string): string | null {
  const m = MOBILE.exec(s.replace(SEPARATORS, ''));
  return m ? m[1] : null;
}

/** True when normalizeMobile accepts the input. */
export function isValidMobile(s: string): boolean {
  return normalizeMobile(s) !== null;
}

/**
 * '0566-2021234', '05662021234', '010-12345678' (one optional dash or space after the area code).
 * No extension, no +86 form: office numbers are written domestically on notices.
 */
export function isValidLandline(s: string): boolean {
  return LANDLINE.test(s.trim());
}

export function isValidPhone(s: string): boolean {
  return isValidMobile(s) || isValidLandline(s);
}
