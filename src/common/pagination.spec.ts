import { decodeCursor, encodeCursor } from './pagination';

const UUID = '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f';
const raw = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe('decodeCursor', () => {
  it('gives back what encodeCursor made', () => {
    expect(decodeCursor(encodeCursor(['张三', UUID]), ['text', 'uuid'])).toEqual(['张三', UUID]);
    expect(decodeCursor(encodeCursor([42]), ['seq'])).toEqual([42]);
    expect(decodeCursor(encodeCursor(['2026-11-29T02:30:00.000Z', UUID]), ['time', 'uuid'])).not.toBeNull();
    // PostgreSQL's own timestamptz text (memberships page by started_at::text).
    expect(
      decodeCursor(encodeCursor(['2026-11-29 10:30:00.123456+08', UUID]), ['time', 'uuid']),
    ).not.toBeNull();
    expect(decodeCursor(encodeCursor(['2026-11-29 10:30:00+05:30', UUID]), ['time', 'uuid'])).not.toBeNull();
    expect(decodeCursor(undefined, ['seq'])).toBeNull();
  });

  it.each([
    ['wrong types (issue 6)', ['a', 'not-a-uuid'], ['text', 'uuid']],
    ['a fraction for a seq', [1.5], ['seq']],
    ['a negative seq', [-1], ['seq']],
    ['an unsafe integer', [2 ** 53], ['seq']],
    ['a NUL in text', ['a\u0000', UUID], ['text', 'uuid']],
    ['a lone surrogate in text', ['\ud800', UUID], ['text', 'uuid']],
    ['no such day', ['2026-02-30T00:00:00Z', UUID], ['time', 'uuid']],
    ['no such hour', ['2026-02-03 24:00:00+08', UUID], ['time', 'uuid']],
    ['year 0', ['0000-01-01T00:00:00Z', UUID], ['time', 'uuid']],
    ['a time without offset', ['2026-02-03T10:00:00', UUID], ['time', 'uuid']],
    ['too few parts', [UUID], ['text', 'uuid']],
    ['not an array', { a: 1 }, ['seq']],
  ] as const)('refuses %s with 400 on `cursor`', (_what, key, shape) => {
    expect(() => decodeCursor(raw(key), [...shape])).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { cursor: ['The cursor is invalid'] } }),
    );
  });

  it('refuses text that is not base64url JSON', () => {
    expect(() => decodeCursor('%%%', ['seq'])).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
