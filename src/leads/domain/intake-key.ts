/**
 * Intake keys of monitoring platforms: `hzk_` and the base64url of 32 random bytes (43 characters),
 * sent as `Authorization: ApiKey <key>`. Only the key's SHA-256 is stored (the service hashes), with
 * its first 8 characters to tell keys apart in a list.
 */
export const KEY_PREFIX = 'hzk_';
export const KEY_BYTES = 32;
/** Characters of the key shown in lists (`hzk_` and 4 more). */
export const SHOWN_CHARS = 8;

const KEY = /^hzk_[A-Za-z0-9_-]{43}$/;
const HEADER = /^ApiKey +(\S+) *$/i;

/** The key of 32 random bytes written in base64url (43 characters, no padding). */
export function formatIntakeKey(base64url: string): string {
  if (!/^[A-Za-z0-9_-]{43}$/.test(base64url)) throw new RangeError('an intake key is 32 bytes in base64url');
  return KEY_PREFIX + base64url;
}

/** Whether a string has the form of an intake key (it may still be unknown or revoked). */
export function isIntakeKeyFormat(key: string): boolean {
  return KEY.test(key);
}

/**
 * The key of an `Authorization` header (`ApiKey <key>`, the scheme in any case), or null for a
 * missing header, another scheme or a malformed key.
 */
export function intakeKeyOfHeader(header: string | undefined): string | null {
  if (header === undefined || header.length > 200) return null;
  const m = HEADER.exec(header);
  return m && isIntakeKeyFormat(m[1]) ? m[1] : null;
}

/** What a list shows of a key. */
export function shownPart(key: string): string {
  return key.slice(0, SHOWN_CHARS);
}
