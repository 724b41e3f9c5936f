// Field-level encryption of personal data (ID numbers, phones, bank accounts) at rest, plus a keyed
// hash so equal values can be found (duplicate applicants) without decrypting every row.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 0x01; // first byte of every ciphertext, so the format or key can rotate later
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export class PiiCipher {
  // Private fields (#) keep the keys out of console.log and JSON of the instance.
  readonly #encryptionKey: Buffer;
  readonly #hmacKey: Buffer;

  /** `key`: 32 bytes, as a Buffer or its canonical base64 string. */
  constructor(key: Buffer | string) {
    this.#encryptionKey = decodeKey(key);
    // A separate MAC key: using one key for two algorithms invites cross-protocol weaknesses.
    this.#hmacKey = Buffer.from(
      hkdfSync('sha256', this.#encryptionKey, Buffer.alloc(0), 'huzhu-pii-hmac', 32),
    );
  }

  /** version(1) ‖ iv(12) ‖ tag(16) ‖ ciphertext; a fresh random IV each call. */
  encrypt(plain: string): Buffer {
    // A lone surrogate would become U+FFFD in UTF-8 and decrypt to a different string.
    if (/[\uD800-\uDFFF]/u.test(plain)) throw new Error('PiiCipher: plaintext contains a lone surrogate');
    return this.encryptBytes(Buffer.from(plain, 'utf8'));
  }

  /** The same format for bytes (a case's supporting documents). */
  encryptBytes(plain: Buffer): Buffer {
    const version = Buffer.of(VERSION);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(version); // binds the version byte to the tag
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([version, iv, cipher.getAuthTag(), body]);
  }

  /** Throws if the data was altered, truncated, or encrypted under another key. */
  decrypt(data: Buffer): string {
    return this.decryptBytes(data).toString('utf8');
  }

  /** The bytes encryptBytes was given; throws like decrypt. */
  decryptBytes(data: Buffer): Buffer {
    if (data.length < HEADER_BYTES) throw new Error('PiiCipher: ciphertext too short');
    if (data[0] !== VERSION) throw new Error(`PiiCipher: unsupported ciphertext version ${data[0]}`);
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(data.subarray(0, 1));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(data.subarray(HEADER_BYTES)), decipher.final()]);
    } catch {
      throw new Error('PiiCipher: authentication failed (tampered data or wrong key)');
    }
  }

  /** Hex HMAC-SHA256 for equality lookups; normalize the value first (e.g. normalizeMobile). */
  hmac(value: string): string {
    return createHmac('sha256', this.#hmacKey).update(value, 'utf8').digest('hex');
  }
}

function decodeKey(key: Buffer | string): Buffer {
  if (Buffer.isBuffer(key)) {
    if (key.length !== KEY_BYTES)
      throw new Error(`PiiCipher: key must be ${KEY_BYTES} bytes, got ${key.length}`);
    return Buffer.from(key); // copy: the caller may reuse or zero its buffer
  }
  if (typeof key !== 'string') throw new Error('PiiCipher: key must be a Buffer or a base64 string');
  const bytes = Buffer.from(key, 'base64');
  // Buffer.from ignores bad characters; a round trip rejects typos and truncated keys.
  if (bytes.toString('base64') !== key || bytes.length !== KEY_BYTES) {
    throw new Error(`PiiCipher: key must be the base64 encoding of exactly ${KEY_BYTES} bytes`);
  }
  return bytes;
}
