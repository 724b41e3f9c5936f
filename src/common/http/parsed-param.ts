import { Param, PipeTransform } from '@nestjs/common';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { AppError } from '../errors/app-error';

/**
 * A path parameter that is not an id but still names one thing (an audit event's seq, an objection's
 * tracking code): parsed by `parse`, and when it cannot be one, 404 NOT_FOUND naming the entity, as
 * for an unknown value, after the body and query are validated (see UuidPipe for why it waits a turn).
 * `refuse` answers otherwise where a malformed value is the caller's mistake rather than an unknown
 * thing (a statement's period: 400 on `period`).
 */
export class ParsedPipe<T> implements PipeTransform<string, Promise<T>> {
  constructor(
    private readonly entity: string,
    private readonly parse: (value: string) => T | null,
    private readonly refuse: () => AppError = () => new AppError('NOT_FOUND', { entity }),
  ) {}

  async transform(value: string): Promise<T> {
    const parsed = typeof value === 'string' ? this.parse(value) : null;
    if (parsed !== null) return parsed;
    await nextTurn();
    throw this.refuse();
  }
}

/** `@ParsedParam('code', 'objection', normalizeTrackingCode)`: the parsed value, or 404 for that entity. */
export const ParsedParam = <T>(name: string, entity: string, parse: (value: string) => T | null) =>
  Param(name, new ParsedPipe(entity, parse));

/**
 * The type to give a `@ParsedParam(…, parseSeq)` handler parameter. An intersection type, so that the
 * emitted decorator metadata says Object rather than Number: the global ValidationPipe then passes the
 * path text through unconverted ('01' or '1e3' reach parseSeq as written, not as 1 or 1000).
 */
export type PathSeq = number & { readonly __pathSeq?: never };

/** A sequence number in a path: a positive safe integer written plainly ('1', not '01', '1.0' or '+1'). */
export function parseSeq(value: string): PathSeq | null {
  return /^[1-9]\d{0,14}$/.test(value) ? Number(value) : null;
}
