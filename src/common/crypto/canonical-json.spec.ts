import fc from 'fast-check';
import { canonicalJson, sha256Hex } from './canonical-json';

class Money {
  constructor(readonly fen: number) {}
}

// Rebuilds every object with its keys in a different order (seeded), keeping the values.
function reorder(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => reorder(v, seed + i));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  let s = seed >>> 0;
  for (let i = entries.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [entries[i], entries[j]] = [entries[j], entries[i]];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, reorder(v, seed + 1)]));
}

describe('canonicalJson', () => {
  it.each([
    [null, 'null'],
    [true, 'true'],
    [0, '0'],
    [-0, '0'],
    [1.5, '1.5'],
    [1e21, '1e+21'],
    [100456, '100456'],
    ['张三 "q" \\ \n', '"张三 \\"q\\" \\\\ \\n"'],
    [[], '[]'],
    [{}, '{}'],
    [[3, 1, 2], '[3,1,2]'],
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null }, '{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [[undefined, 1], '[null,1]'],
    [{ at: new Date('2026-11-29T08:00:00+08:00') }, '{"at":"2026-11-29T00:00:00.000Z"}'],
  ])('%p → %s', (value, json) => {
    expect(canonicalJson(value)).toBe(json);
  });

  it('sorts keys by UTF-16 code unit, not by code point or locale', () => {
    const value = { '\uffff': 1, '𠀋': 2, é: 3, a: 4, B: 5, '9': 6, '10': 7, '': 8 };
    // '𠀋' is the surrogate pair D840 DC0B, so it sorts before U+FFFF
    expect(canonicalJson(value)).toBe('{"":8,"10":7,"9":6,"B":5,"a":4,"é":3,"𠀋":2,"\uffff":1}');
  });

  it('accepts null-prototype objects and repeated (non-circular) references', () => {
    const shared = { x: 1 };
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: shared, a: shared });
    expect(canonicalJson(bare)).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', { a: -Infinity }],
    ['a bigint', 1n],
    ['a function', { f: () => 1 }],
    ['a symbol', [Symbol('s')]],
    ['top-level undefined', undefined],
    ['a Map', new Map([['a', 1]])],
    ['a Set', new Set([1])],
    ['a Buffer', Buffer.from('a')],
    ['a class instance', new Money(1)],
    ['an invalid Date', new Date('nope')],
  ])('rejects %s', (_, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('rejects circular structures', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow(/circular/);
    const list: unknown[] = [];
    list.push({ list });
    expect(() => canonicalJson(list)).toThrow(/circular/);
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(reorder(value, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('is valid JSON for the same value, and a fixed point', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = canonicalJson(value);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(JSON.parse(json))).toBe(json);
        expect(json).not.toMatch(/^\s|\s$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('hashes %p (FIPS 180-2 vectors)', (s, hex) => {
    expect(sha256Hex(s)).toBe(hex);
  });

  it('hashes the UTF-8 bytes (vector from coreutils sha256sum)', () => {
    expect(sha256Hex('张三丰')).toBe('cd61f667b370586d831bcf87045878025ac38673e89cd8b267315859ac61bf12');
  });
});
