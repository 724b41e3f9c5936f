import { findInputProblem, MAX_DEPTH, stringProblem } from './input-guard';

describe('input guard', () => {
  it('accepts ordinary input, emoji and CJK Extension B (well-formed surrogate pairs)', () => {
    expect(
      findInputProblem({
        name: '𠀋王😀',
        settings: { quorum: '2/3', n: 0, m: -0 },
        roles: ['board'],
        ok: null,
      }),
    ).toBeNull();
    expect(findInputProblem(undefined)).toBeNull();
    expect(findInputProblem('plain text body')).toBeNull();
  });

  it('names the field holding a NUL, a lone surrogate or a non-finite number', () => {
    expect(findInputProblem({ a: { b: ['x', 'y\u0000'] } })).toMatchObject({ field: 'a.b.1' });
    expect(findInputProblem({ name: '王小明\ud83d' })).toMatchObject({
      field: 'name',
      en: 'contains invalid Unicode (a lone surrogate)',
    });
    expect(findInputProblem({ name: '\udc00王' })).toMatchObject({ field: 'name' });
    expect(findInputProblem({ amountFen: Infinity })).toMatchObject({
      field: 'amountFen',
      en: 'the number is out of range',
    });
    expect(findInputProblem({ x: NaN })).toMatchObject({ field: 'x' });
    expect(findInputProblem({ sid: '\u0000' }, 'params')).toMatchObject({ field: 'sid' });
    expect(findInputProblem('a\u0000', 'body')).toMatchObject({ field: 'body' });
  });

  it('checks property names too, naming the object holding them', () => {
    expect(findInputProblem({ s: { ['k\u0000']: 1 } })).toMatchObject({
      field: 's',
      en: expect.stringMatching(/^a property name/),
    });
  });

  it('refuses nesting deeper than MAX_DEPTH without recursing into it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputProblem({ note: deep })).toMatchObject({
      field: 'body',
      zh: `嵌套层级过深（最多 ${MAX_DEPTH} 层）`,
    });
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_DEPTH; i++) ok = { a: ok }; // MAX_DEPTH objects deep
    expect(findInputProblem(ok)).toBeNull();
    expect(findInputProblem({ a: ok })).toMatchObject({ field: 'body' });
  });

  it('stringProblem: null for a clean string', () => {
    expect(stringProblem('互助 ok \u{1F600}')).toBeNull();
    expect(stringProblem('\ud83d\ude00\ud83d')).not.toBeNull();
  });
});
