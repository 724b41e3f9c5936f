// Field encryption of personal data (ID numbers, phones, addresses, bank accounts, documents) at
// rest, plus a keyed hash so equal values can be found (duplicate applicants) without decrypting
// every row. Keys rotate (SECURITY.md, `pii:rotate`): the current key writes, the previous one still
// reads, and every ciphertext names the key it was made with.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** The first format: version(1) ‖ iv ‖ tag ‖ body, no key id (written until key rotation came). */
const V1 = 0x01;
/** version(1) ‖ key id(4) ‖ iv ‖ tag ‖ body; version and key id are authenticated (AAD). */
const V2 = 0x02;
const KEY_ID_BYTES = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

interface Key {
  id: Buffer;
  encryption: Buffer;
  hmac: Buffer;
}

export class PiiCipher {
  // Private fields (#) keep the keys out of console.log and JSON of the instance.
  readonly #current: Key;
  readonly #previous: Key | null;

  /**
   * `key`: the current key, 32 bytes, as a Buffer or its canonical base64 string; `previous`: the key
   * being rotated away from (PII_KEY_PREVIOUS), still read, never written.
   */
  constructor(key: Buffer | string, previous?: Buffer | string | null) {
    this.#current = deriveKey(decodeKey(key));
    this.#previous = previous ? deriveKey(decodeKey(previous)) : null;
    if (this.#previous?.id.equals(this.#current.id))
      throw new Error('PiiCipher: PII_KEY_PREVIOUS is the same key as PII_KEY (or has the same key id)');
  }

  /** Whether a previous key is configured (a rotation is under way). */
  get rotating(): boolean {
    return this.#previous !== null;
  }

  /**
   * The first bytes of every ciphertext made with the current key (version ‖ key id): what a
   * ciphertext not yet rotated does not start with (the rotation's SQL filters on it).
   */
  get currentPrefix(): Buffer {
    return Buffer.concat([Buffer.of(V2), this.#current.id]);
  }

  /** A fresh random IV each call; the current key. */
  encrypt(plain: string): Buffer {
    // A lone surrogate would become U+FFFD in UTF-8 and decrypt to a different string.
    if (/[\uD800-\uDFFF]/u.test(plain)) throw new Error('PiiCipher: plaintext contains a lone surrogate');
    return this.encryptBytes(Buffer.from(plain, 'utf8'));
  }

  /** The same format for bytes (a case's supporting documents). */
  encryptBytes(plain: Buffer): Buffer {
    const header = this.currentPrefix;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#current.encryption, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(header); // binds the version and the key id to the tag
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  /** Throws if the data was altered, truncated, or encrypted under a key this cipher does not hold. */
  decrypt(data: Buffer): string {
    return this.decryptBytes(data).toString('utf8');
  }

  /** The bytes encryptBytes was given; throws like decrypt. Reads both formats, under either key. */
  decryptBytes(data: Buffer): Buffer {
    if (data.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('PiiCipher: ciphertext too short');
    if (data[0] === V1) {
      // No key id: the current key, else the previous one (GCM's tag tells a wrong key).
      const keys = this.#previous ? [this.#current, this.#previous] : [this.#current];
      for (const key of keys) {
        const plain = open(key, data, 1);
        if (plain) return plain;
      }
      throw new Error('PiiCipher: authentication failed (tampered data or wrong key)');
    }
    if (data[0] !== V2) throw new Error(`PiiCipher: unsupported ciphertext version ${data[0]}`);
    const header = 1 + KEY_ID_BYTES;
    if (data.length < header + IV_BYTES + TAG_BYTES) throw new Error('PiiCipher: ciphertext too short');
    const id = data.subarray(1, header);
    const key = [this.#current, this.#previous].find((k) => k?.id.equals(id));
    if (!key) {
      throw new Error(
        `PiiCipher: encrypted under key ${id.toString('hex')}, which is neither PII_KEY nor PII_KEY_PREVIOUS`,
      );
    }
    const plain = open(key, data, header);
    if (!plain) throw new Error('PiiCipher: authentication failed (tampered data or wrong key)');
    return plain;
  }

  /** Whether `data` is already in the current format under the current key (nothing to rotate). */
  isCurrent(data: Buffer): boolean {
    return data.subarray(0, 1 + KEY_ID_BYTES).equals(this.currentPrefix);
  }

  /** Hex HMAC-SHA256 under the current key, for equality lookups; normalize the value first. */
  hmac(value: string): string {
    return hmacHex(this.#current, value);
  }

  /**
   * Every HMAC a stored row may hold for `value`: the current key's, and during a rotation the
   * previous key's too (rows not rotated yet). Look rows up with `= ANY(…)` of these.
   */
  hmacs(value: string): string[] {
    return this.#previous
      ? [hmacHex(this.#current, value), hmacHex(this.#previous, value)]
      : [this.hmac(value)];
  }
}

function hmacHex(key: Key, value: string): string {
  return createHmac('sha256', key.hmac).update(value, 'utf8').digest('hex');
}

/** The plaintext, or null when the tag does not verify under `key`. */
function open(key: Key, data: Buffer, headerBytes: number): Buffer | null {
  const iv = data.subarray(headerBytes, headerBytes + IV_BYTES);
  const tag = data.subarray(headerBytes + IV_BYTES, headerBytes + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.encryption, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(data.subarray(0, headerBytes));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([
      decipher.update(data.subarray(headerBytes + IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    return null;
  }
}

function deriveKey(encryption: Buffer): Key {
  const derive = (info: string, bytes: number) =>
    Buffer.from(hkdfSync('sha256', encryption, Buffer.alloc(0), info, bytes));
  return {
    encryption,
    // A separate MAC key: using one key for two algorithms invites cross-protocol weaknesses.
    hmac: derive('huzhu-pii-hmac', 32),
    // Names the key in ciphertexts without revealing anything about it.
    id: derive('huzhu-pii-key-id', KEY_ID_BYTES),
  };
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
