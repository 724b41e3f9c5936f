import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { MAX_FEN } from '../money/fen';

/**
 * Property docs with the exact type and format. Nest infers `object` for `string | null` from the
 * emitted metadata, so nullable and formatted fields say their type here.
 */
type Options = ApiPropertyOptions & { nullable?: boolean; required?: boolean };

const prop =
  (base: ApiPropertyOptions) =>
  (o: Options = {}) =>
    ApiProperty({ ...base, ...o } as ApiPropertyOptions);

export const ApiString = prop({ type: String });
export const ApiUuid = prop({
  type: String,
  format: 'uuid',
  example: '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f',
});
export const ApiDateTime = prop({ type: String, format: 'date-time', example: '2026-11-29T02:15:00.000Z' });
export const ApiDate = prop({ type: String, format: 'date', example: '2026-11-29' });
export const ApiInt = prop({ type: 'integer' });
/** An amount held or reported, in fen (0 allowed). */
export const ApiFen = prop({ type: 'integer', minimum: 0, maximum: MAX_FEN, example: 100000 });
/** An amount to move, in fen (API.md: > 0, at most 10^12). */
export const ApiAmountFen = prop({
  type: 'integer',
  minimum: 1,
  maximum: MAX_FEN,
  example: 100000,
  description: 'fen: a JSON integer, 1 to 10^12',
});
