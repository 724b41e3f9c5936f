// Masks for internal screens and exports (DOMAIN.md "Privacy"). Revealing a full value is a separate,
// audited act, so these never return the input unchanged unless it is empty.
//
// Lengths are counted in Unicode code points, so a rare Extension-B character (𠀋) is one character.
// Standard patterns (前6后4 for IDs, 3+4 for phones) apply at the usual length; a shorter value — a
// typo or a partial import — keeps at most half of its characters, so masking never reveals most of it.
import { normalizeMobile } from './cn-ids/mobile';

/** '340702199001011234' → '340702********1234'; one * per hidden character. */
export function maskIdNumber(id: string): string {
  return maskMiddle(id, 6, 4, 15);
}

/** '张三丰' → '张**': the surname stays, one * per other character; a one-character name is '*'. */
export function maskName(name: string): string {
  return maskMiddle(name, 1, 0, 2);
}

/** '13800138000' (or '+86 138-0013-8000') → '138****8000'; landlines keep 3 first and 4 last too. */
export function maskPhone(phone: string): string {
  return maskMiddle(normalizeMobile(phone) ?? phone, 3, 4, 11);
}

/**
 * '安徽省池州市贵池区杏花村 3 组 12 号' → '安徽省池州市**************': the leading part (province, city — or
 * less for a short address, at most half of it) stays, the house-level detail is hidden.
 */
export function maskAddress(address: string): string {
  return maskMiddle(address.trim(), 6, 0, 12);
}

/**
 * '6222021234567890123' → '************0123': always 12 stars then the last 4 digits, so the mask
 * does not leak the account's length (16-19 digits). Spaces and dashes typed between groups are ignored.
 */
export function maskBankAccount(account: string): string {
  const chars = Array.from(account.replace(/[\s-]/g, ''));
  if (chars.length === 0) return '';
  const keep = Math.min(4, Math.floor(chars.length / 2));
  return '*'.repeat(12) + chars.slice(chars.length - keep).join('');
}

/**
 * Keeps `start` leading and `end` trailing characters when the value has at least `fullLength`
 * characters; otherwise scales both down so that at most half the value shows.
 */
function maskMiddle(value: string, start: number, end: number, fullLength: number): string {
  const chars = Array.from(value);
  const n = chars.length;
  if (n < fullLength) {
    const budget = Math.floor(n / 2);
    start = Math.min(start, end > 0 ? Math.floor(n / 4) : budget);
    end = Math.min(end, budget - start);
  }
  return chars.slice(0, start).join('') + '*'.repeat(n - start - end) + chars.slice(n - end).join('');
}
