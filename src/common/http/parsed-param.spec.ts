import { AppError } from '../errors/app-error';
import { parseSeq, ParsedPipe } from './parsed-param';

describe('parseSeq', () => {
  it.each([
    ['1', 1],
    ['42', 42],
    ['999999999999999', 999_999_999_999_999],
  ])('%p → %p', (s, n) => {
    expect(parseSeq(s)).toBe(n);
  });

  it.each(['0', '-1', '01', '1.0', '+1', '1e3', ' 1', '', 'abc', '9999999999999999'])('refuses %p', (s) => {
    expect(parseSeq(s)).toBeNull();
  });
});

describe('ParsedPipe', () => {
  it('passes the parsed value, and answers 404 naming the entity for what cannot be one', async () => {
    const pipe = new ParsedPipe('audit event', parseSeq);
    await expect(pipe.transform('7')).resolves.toBe(7);
    const refused = await pipe.transform('x').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'audit event' } });
  });

  it('answers the given error instead where a malformed value is the caller’s mistake', async () => {
    const pipe = new ParsedPipe(
      'period',
      parseSeq,
      () => new AppError('VALIDATION_FAILED', { period: ['bad'] }),
    );
    await expect(pipe.transform('3')).resolves.toBe(3);
    const refused = await pipe.transform('x').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { period: ['bad'] } });
  });
});
