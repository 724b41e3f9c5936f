import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode } from '../errors/error-codes';

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

/** The one error body of the contract (API.md "Conventions"), as AllExceptionsFilter sends it. */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 409 })
  statusCode!: number;

  @ApiProperty({ enum: ERROR_CODE_LIST, enumName: 'ErrorCode', example: 'INSUFFICIENT_FUNDS' })
  code!: ErrorCode;

  @ApiProperty({ example: '可用资金不足', description: 'Chinese, or English with `Accept-Language: en`' })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { amountFen: ['必须是以分为单位的整数金额，范围 1 至 10^12'] },
    description: 'VALIDATION_FAILED: `{ field: [messages] }`; other codes: facts such as `{ entity }`',
  })
  details?: Record<string, unknown>;

  @ApiProperty({
    example: '6c1f0a52-9a4e-4a47-9d55-3c1f2b0e9d11',
    description: 'also in the `X-Request-Id` response header',
  })
  requestId!: string;
}

/** An error code a route can answer, optionally with when it does. */
export type ErrorSpec = ErrorCode | { code: ErrorCode; when: string };

const specCode = (s: ErrorSpec): ErrorCode => (typeof s === 'string' ? s : s.code);

/** One example per code: the examples' keys are the codes this answer may carry (the e2e validator checks them). */
export function errorExamples(specs: ErrorSpec[]): Record<string, { summary: string; value: object }> {
  const out: Record<string, { summary: string; value: object }> = {};
  for (const spec of specs) {
    const code = specCode(spec);
    out[code] = {
      summary: typeof spec === 'string' ? code : `${code}: ${spec.when}`,
      value: {
        statusCode: ERROR_CODES[code].status,
        code,
        message: ERROR_CODES[code].zh,
        ...(code === 'VALIDATION_FAILED' ? { details: { field: ['必填'] } } : {}),
        requestId: '6c1f0a52-9a4e-4a47-9d55-3c1f2b0e9d11',
      },
    };
  }
  return out;
}

/**
 * The route-specific error answers, by code: `@ApiErrors('NOT_FOUND', { code: 'INSUFFICIENT_FUNDS', when: '…' })`.
 * Codes are grouped by their HTTP status. Answers every route shares (401, 400 for bodies and
 * queries, 403/404 under /societies/{sid}, 413, 415, 500) are added in one place (openapi/document.ts).
 */
export function ApiErrors(...specs: ErrorSpec[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorSpec[]>();
  for (const spec of specs) {
    const status = ERROR_CODES[specCode(spec)].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), spec]);
  }
  return applyDecorators(
    ...[...byStatus].map(([status, list]) =>
      ApiResponse({
        status,
        description: list.map(specCode).join(', '),
        type: ErrorResponseDto,
        examples: errorExamples(list),
      }),
    ),
  );
}
