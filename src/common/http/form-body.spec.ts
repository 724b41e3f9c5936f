import fc from 'fast-check';
import { parseFormBody } from './form-body';

describe('parseFormBody', () => {
  it.each([
    ['content=%E8%B4%A6%E7%9B%AE%E4%B8%8D%E5%AF%B9&caseNo=', { content: '账目不对', caseNo: '' }],
    ['contactName=%E5%BC%A0+%E4%B8%89', { contactName: '张 三' }],
    ['a=1&b=2&a=3', { a: '1', b: '2' }],
    ['a=&a=x', { a: '' }],
    ['flag', { flag: '' }],
    ['', {}],
    ['x=%3Cscript%3E%26%22', { x: '<script>&"' }],
    ['x=%00', { x: '\u0000' }], // decoded as sent: the input guard refuses it afterwards
    ['x=%FF%FE', { x: '\uFFFD\uFFFD' }], // not UTF-8: replacement characters, never lone surrogates
    ['x=%zz&y=100%', { x: '%zz', y: '100%' }],
  ])('%j → %j', (body, expected) => {
    expect(parseFormBody(body)).toEqual(expected);
  });

  it('a key named __proto__ is an own property, not the prototype', () => {
    const parsed = parseFormBody('__proto__=x&constructor=y&toString=z');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('property: what a browser encodes comes back, each key with its first value', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 8 }), (pairs) => {
        const first = new Map<string, string>();
        for (const [k, v] of pairs) if (!first.has(k)) first.set(k, v);
        expect(parseFormBody(new URLSearchParams(pairs).toString())).toEqual(Object.fromEntries(first));
      }),
    );
  });
});
