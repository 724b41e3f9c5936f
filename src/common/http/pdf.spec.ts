import { etagMatches } from './pdf';

describe('etagMatches (If-None-Match)', () => {
  const tag = '"abc123"';

  it.each([
    ['"abc123"', true],
    ['W/"abc123"', true],
    ['"zzz", "abc123"', true],
    ['"zzz",W/"abc123"', true],
    ['*', true],
    ['"abc"', false],
    ['abc123', false],
    ['"abc123', false],
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(etagMatches(header, tag)).toBe(expected);
  });

  it('no header never matches', () => {
    expect(etagMatches(undefined, tag)).toBe(false);
  });
});
