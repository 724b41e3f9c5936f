import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ApiAmountFen, ApiDateTime, ApiUuid } from '../../common/openapi/properties';
import { IsFen, IsNotBlank } from '../../common/validators';
import { ASSET_ACCOUNTS, AssetAccount } from '../../fund/domain/ledger';

/** A date (YYYY-MM-DD, in the society's time zone) or a date-time with an offset. */
const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class PayCaseDto {
  @ApiAmountFen({
    example: 100000,
    description: 'at most the approved amount; the rest of the hold is released',
  })
  @IsFen()
  amountFen!: number;

  @ApiPropertyOptional({ enum: ASSET_ACCOUNTS, default: 'bank', example: 'bank' })
  @IsOptional()
  @IsIn(ASSET_ACCOUNTS)
  account?: AssetAccount;

  @ApiPropertyOptional({
    example: '2026-11-29T15:00:00+08:00',
    pattern: DATE_OR_DATETIME.source,
    description:
      "when the money went out (default: now): a date-time with offset, or a date (start of that day in the society's time zone); not in the future",
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_OR_DATETIME, {
    message: 'paidAt must be YYYY-MM-DD or an ISO 8601 date-time with offset',
    context: { zh: '必须是 YYYY-MM-DD 日期或带时区的 ISO 8601 时间' },
  })
  paidAt?: string;

  @ApiPropertyOptional({ example: '网银流水 20261129-0042', maxLength: 100 })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  reference?: string;
}

export class PaymentResponseDto {
  @ApiUuid({
    example: '9a8b7c6d-0000-4000-8000-000000000001',
    description: 'the ledger entry of the payment',
  })
  entryId!: string;

  @ApiUuid({ example: '5e6f7a8b-0000-4000-8000-000000000001' })
  caseId!: string;

  @ApiAmountFen({ example: 100000 })
  amountFen!: number;

  @ApiDateTime()
  paidAt!: string;
}
