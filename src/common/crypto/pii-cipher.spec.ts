import { createCipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { PiiCipher } from './pii-cipher';

const key = randomBytes(32);
const cipher = new PiiCipher(key);

describe('PiiCipher', () => {
  it.each([
    '',
    'a',
    '340702199001011234',
    '张三丰',
    '𠀋逄箐',
    '👨‍👩‍👧 emoji 🎉',
    '\u0000\n\t',
    'x'.repeat(10_000),
  ])('round-trips %p', (plain) => {
    expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
  });

  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (plain) => {
        expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
      }),
    );
  });

  it('writes version 2 ‖ key id(4) ‖ iv(12) ‖ tag(16) ‖ ciphertext', () => {
    const plain = '张三';
    const data = cipher.encrypt(plain);
    expect(data[0]).toBe(0x02);
    const id = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'huzhu-pii-key-id', 4));
    expect(data.subarray(1, 5)).toEqual(id);
    expect(cipher.currentPrefix).toEqual(Buffer.concat([Buffer.of(2), id]));
    expect(cipher.isCurrent(data)).toBe(true);
    expect(data.length).toBe(1 + 4 + 12 + 16 + Buffer.byteLength(plain, 'utf8'));
    expect(data.includes(Buffer.from(plain, 'utf8'))).toBe(false);
  });

  it('gives distinct ciphertexts (fresh IVs) for the same plaintext', () => {
    const outputs = new Set(
      Array.from({ length: 50 }, () => cipher.encrypt('340702199001011234').toString('hex')),
    );
    const ivs = new Set([...outputs].map((hex) => hex.slice(10, 34)));
    expect(outputs.size).toBe(50);
    expect(ivs.size).toBe(50);
  });

  it('detects a change to any byte', () => {
    const data = cipher.encrypt('13800138000');
    for (let i = 0; i < data.length; i++) {
      const tampered = Buffer.from(data);
      tampered[i] ^= 0x01;
      expect(() => cipher.decrypt(tampered)).toThrow(Error);
    }
  });

  it('rejects truncated, extended, empty and foreign-version data', () => {
    const data = cipher.encrypt('13800138000');
    expect(() => cipher.decrypt(data.subarray(0, data.length - 1))).toThrow(/authentication failed/);
    expect(() => cipher.decrypt(Buffer.concat([data, Buffer.of(0)]))).toThrow(/authentication failed/);
    expect(() => cipher.decrypt(data.subarray(0, 32))).toThrow(/too short/);
    expect(() => cipher.decrypt(Buffer.alloc(0))).toThrow(/too short/);
    const v3 = Buffer.from(data);
    v3[0] = 0x03;
    expect(() => cipher.decrypt(v3)).toThrow(/unsupported ciphertext version 3/);
  });

  it('cannot decrypt under another key, and says which key the data needs', () => {
    const data = cipher.encrypt('secret');
    expect(() => new PiiCipher(randomBytes(32)).decrypt(data)).toThrow(
      new RegExp(`encrypted under key ${data.subarray(1, 5).toString('hex')}, which is neither`),
    );
  });

  describe('rotation', () => {
    const next = randomBytes(32);
    const rotating = new PiiCipher(next, key);
    /** A ciphertext of the first format (no key id), as stored before rotation existed. */
    const v1 = (plain: string, k: Buffer) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', k, iv, { authTagLength: 16 });
      c.setAAD(Buffer.of(1));
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.of(1), iv, c.getAuthTag(), body]);
    };

    it('reads the first format under the current or the previous key; it is never current', () => {
      expect(cipher.decrypt(v1('旧格式', key))).toBe('旧格式');
      expect(rotating.decrypt(v1('旧格式', key))).toBe('旧格式');
      expect(rotating.decrypt(v1('新钥匙旧格式', next))).toBe('新钥匙旧格式');
      expect(rotating.isCurrent(v1('x', next))).toBe(false);
      expect(() => new PiiCipher(next).decrypt(v1('x', key))).toThrow(/authentication failed/);
    });

    it('writes with the new key, reads both, and the new key alone reads what it wrote', () => {
      const old = cipher.encrypt('13800138000');
      const fresh = rotating.encrypt('13800138000');
      expect(rotating.decrypt(old)).toBe('13800138000');
      expect(rotating.isCurrent(old)).toBe(false);
      expect(rotating.isCurrent(fresh)).toBe(true);
      expect(new PiiCipher(next).decrypt(fresh)).toBe('13800138000');
      expect(() => new PiiCipher(next).decrypt(old)).toThrow(/neither PII_KEY nor PII_KEY_PREVIOUS/);
      expect(rotating.rotating).toBe(true);
      expect(cipher.rotating).toBe(false);
    });

    it("looks values up under both keys while rotating; hmac is the new key's", () => {
      expect(rotating.hmac('x')).toBe(new PiiCipher(next).hmac('x'));
      expect(rotating.hmacs('x')).toEqual([new PiiCipher(next).hmac('x'), cipher.hmac('x')]);
      expect(cipher.hmacs('x')).toEqual([cipher.hmac('x')]);
    });

    it('refuses the same key as current and previous', () => {
      expect(() => new PiiCipher(key, Buffer.from(key))).toThrow(/same key/);
    });
  });

  it('rejects a plaintext with a lone surrogate, which UTF-8 cannot carry', () => {
    expect(() => cipher.encrypt('a\uD800b')).toThrow(/lone surrogate/);
    expect(() => cipher.encrypt('\uDC00')).toThrow(/lone surrogate/);
  });

  describe('keys', () => {
    it('accepts the base64 form of the same key', () => {
      const fromString = new PiiCipher(key.toString('base64'));
      expect(fromString.decrypt(cipher.encrypt('张三'))).toBe('张三');
      expect(fromString.hmac('张三')).toBe(cipher.hmac('张三'));
    });

    it.each([
      ['a 16-byte Buffer', randomBytes(16)],
      ['a 31-byte Buffer', randomBytes(31)],
      ['a 33-byte Buffer', randomBytes(33)],
      ['an empty Buffer', Buffer.alloc(0)],
      ['base64 of 16 bytes', randomBytes(16).toString('base64')],
      ['base64 of 33 bytes', randomBytes(33).toString('base64')],
      ['hex of 32 bytes', randomBytes(32).toString('hex')],
      ['base64 with a newline', randomBytes(32).toString('base64') + '\n'],
      ['base64 without padding', randomBytes(32).toString('base64').replace(/=+$/, '')],
      ['an empty string', ''],
      ['a passphrase', 'correct horse battery staple'],
    ])('rejects %s', (_, bad) => {
      expect(() => new PiiCipher(bad)).toThrow(/key must be/);
    });

    it('rejects a non-key value passed from untyped code', () => {
      expect(() => new PiiCipher(undefined as unknown as string)).toThrow(/key must be/);
    });

    it('copies the key, so zeroing the caller buffer does not affect it', () => {
      const own = Buffer.from(key);
      const c = new PiiCipher(own);
      own.fill(0);
      expect(c.decrypt(cipher.encrypt('x'))).toBe('x');
    });

    it('does not expose keys when logged or serialized', () => {
      const printed = inspect(cipher, { showHidden: true, depth: 5 });
      expect(printed).not.toContain(key.toString('hex').slice(0, 16));
      expect(JSON.stringify(cipher)).toBe('{}');
      expect(Object.keys(cipher)).toEqual([]);
    });
  });

  describe('hmac', () => {
    it('is stable, hex, and the same for instances sharing the key', () => {
      const h = cipher.hmac('340702199001011234');
      expect(h).toMatch(/^[0-9a-f]{64}$/);
      expect(cipher.hmac('340702199001011234')).toBe(h);
      expect(new PiiCipher(Buffer.from(key)).hmac('340702199001011234')).toBe(h);
    });

    it('differs by value and by key', () => {
      expect(cipher.hmac('13800138000')).not.toBe(cipher.hmac('13800138001'));
      expect(cipher.hmac('')).not.toBe(cipher.hmac(' '));
      expect(new PiiCipher(randomBytes(32)).hmac('13800138000')).not.toBe(cipher.hmac('13800138000'));
    });

    it('uses an HKDF sub-key, not the encryption key', () => {
      const value = '张三丰';
      const subKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'huzhu-pii-hmac', 32));
      expect(cipher.hmac(value)).toBe(createHmac('sha256', subKey).update(value, 'utf8').digest('hex'));
      expect(cipher.hmac(value)).not.toBe(createHmac('sha256', key).update(value, 'utf8').digest('hex'));
    });

    it('matches a fixed vector, so stored hashes survive refactoring', () => {
      const fixed = new PiiCipher(Buffer.alloc(32, 7));
      expect(fixed.hmac('13800138000')).toBe(FIXED_VECTOR);
    });
  });
});

// HMAC-SHA256(HKDF-SHA256(key = 32 × 0x07, salt = empty, info = 'huzhu-pii-hmac'), '13800138000')
const FIXED_VECTOR = '84ca6e57d8afdc89bc14476be6e4d491bce3749d9a82754a8741a06f76e05ef3';
