import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  isUUID,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ApiDate } from './openapi/properties';
import { fieldError } from './errors/validation';
import { stringProblem } from './http/input-guard';

export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Opaque cursor from `nextCursor` of the previous page',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorKey = (string | number)[];

/**
 * What each part of a cursor must be, checked before it reaches SQL: a client can craft any
 * cursor, and a wrong type there is a PostgreSQL error (a 500), not a 400.
 * - `text`: a string PostgreSQL can hold; `uuid`; `seq`: a safe integer ≥ 0;
 * - `time`: an ISO 8601 or PostgreSQL timestamp text with a real calendar date.
 */
export type CursorPart = 'text' | 'uuid' | 'seq' | 'time';

const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-](\d{2})(:?\d{2})?)$/;

const PART_CHECKS: Record<CursorPart, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string' && v.length <= 500 && stringProblem(v) === null,
  uuid: (v) => typeof v === 'string' && isUUID(v),
  seq: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  time: (v) => typeof v === 'string' && isTimestamp(v),
};

function isTimestamp(s: string): boolean {
  const m = TIME.exec(s);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 1900–1999
  return (
    year >= 1 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    (m[9] === undefined || Number(m[9]) <= 15)
  );
}

/** Keyset pagination: the cursor is the sort key of the last row seen, so every page costs the same. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, shape: CursorPart[]): CursorKey | null {
  if (cursor === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => PART_CHECKS[shape[i]](v))) {
      return key as CursorKey;
    }
  } catch {
    // fall through
  }
  throw fieldError('cursor', '分页游标无效', 'The cursor is invalid');
}

export function limitOf(query: PageQueryDto): number {
  return query.limit ?? 50;
}

/** Turns `limit + 1` fetched rows into a page; `keyOf` gives the sort key of a row. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => CursorKey,
  map: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items: items.map(map), nextCursor };
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const localDateMessage = {
  message: '$property must be a date YYYY-MM-DD',
  context: { zh: '必须是 YYYY-MM-DD 格式的日期' },
};

/** A page of a list filtered by local days `from`…`to` (inclusive), in the society's time zone. */
export class DateRangeQueryDto extends PageQueryDto {
  @ApiDate({ required: false, example: '2026-11-01', description: "first day, in the society's time zone" })
  @IsOptional()
  @Matches(LOCAL_DATE, localDateMessage)
  @IsISO8601({ strict: true }, localDateMessage)
  from?: string;

  @ApiDate({
    required: false,
    example: '2026-11-30',
    description: "last day (inclusive), in the society's time zone",
  })
  @IsOptional()
  @Matches(LOCAL_DATE, localDateMessage)
  @IsISO8601({ strict: true }, localDateMessage)
  to?: string;
}
