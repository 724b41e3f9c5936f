import fc from 'fast-check';
import {
  CROCKFORD,
  groupTrackingCode,
  normalizeTrackingCode,
  trackingCode,
  TRACKING_CODE_BYTES,
} from './tracking-code';

const bytes = fc.uint8Array({ minLength: TRACKING_CODE_BYTES, maxLength: TRACKING_CODE_BYTES });

describe('trackingCode', () => {
  it('reads 60 bits of the bytes as 12 Crockford characters', () => {
    expect(trackingCode(new Uint8Array(8))).toBe('000000000000');
    expect(trackingCode(new Uint8Array(8).fill(255))).toBe('ZZZZZZZZZZZZ');
    // 0x0000000000000021 = 1·32 + 1 → "…11"
    expect(trackingCode(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0x21))).toBe('000000000011');
  });

  it('refuses fewer than 8 bytes', () => {
    expect(() => trackingCode(new Uint8Array(7))).toThrow(RangeError);
  });

  it('is 12 characters of the alphabet, without I, L, O or U (property)', () => {
    fc.assert(
      fc.property(bytes, (b) => {
        const code = trackingCode(b);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
        expect(normalizeTrackingCode(code)).toBe(code);
      }),
    );
  });

  it('uses every bit of the 60: distinct low bits give distinct codes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const b = new Uint8Array(8);
      const bit = BigInt(i);
      for (let k = 0; k < 8; k++) b[7 - k] = Number(((1n << bit) >> BigInt(8 * k)) & 255n);
      seen.add(trackingCode(b));
    }
    expect(seen.size).toBe(60);
  });
});

describe('groupTrackingCode', () => {
  it('shows the code in three groups of four', () => {
    expect(groupTrackingCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
  });

  it('refuses what is not a canonical code', () => {
    for (const s of ['abcdefghjkmn', 'ABCD-EFGH-JKMN', 'ABCDEFGHJKM', 'ABCDEFGHJKMU']) {
      expect(() => groupTrackingCode(s)).toThrow(RangeError);
    }
  });
});

describe('normalizeTrackingCode', () => {
  it.each([
    ['ABCD-EFGH-JKMN', 'ABCDEFGHJKMN'],
    ['abcd-efgh-jkmn', 'ABCDEFGHJKMN'],
    [' abcd efgh jkmn ', 'ABCDEFGHJKMN'],
    ['ABCD--EFGH  JKMN', 'ABCDEFGHJKMN'],
    ['IiLl-OoAB-CDEF', '111100ABCDEF'],
  ])('%p → %p', (input, code) => {
    expect(normalizeTrackingCode(input)).toBe(code);
  });

  it.each([
    '',
    'ABCD-EFGH-JKM',
    'ABCD-EFGH-JKMNP',
    'ABCD-EFGH-JKMU', // U is not in Crockford's alphabet
    'ABCD-EFGH-JKM!',
    'ABCD_EFGH_JKMN',
    'ＡＢＣＤ-EFGH-JKMN',
    '-'.repeat(41) + 'ABCDEFGHJKMN',
  ])('refuses %p', (input) => {
    expect(normalizeTrackingCode(input)).toBeNull();
  });

  it('accepts any grouping and case of a code, and only codes (property)', () => {
    fc.assert(
      fc.property(
        bytes,
        fc.array(fc.constantFrom('', '-', ' '), { minLength: 12, maxLength: 12 }),
        (b, seps) => {
          const code = trackingCode(b);
          const typed = [...code].map((c, i) => (i % 2 ? c.toLowerCase() : c) + seps[i]).join('');
          expect(normalizeTrackingCode(typed)).toBe(code);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const n = normalizeTrackingCode(s);
        if (n !== null) expect([...n].every((c) => CROCKFORD.includes(c)) && n.length === 12).toBe(true);
      }),
    );
  });
});
