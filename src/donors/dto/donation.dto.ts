import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ApiAmountFen, ApiDate, ApiDateTime, ApiString, ApiUuid } from '../../common/openapi/properties';
import { DateRangeQueryDto } from '../../common/pagination';
import { IsFen, IsNotBlank } from '../../common/validators';
import { CHANNELS, Channel } from '../domain/labels';

/** A date (YYYY-MM-DD, in the society's time zone) or a date-time with an offset. */
export const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class RecordDonationDto {
  @ApiUuid({ example: '1c2d3e4f-0000-4000-8000-000000000001' })
  @IsUUID()
  donorId!: string;

  @ApiAmountFen()
  @IsFen()
  amountFen!: number;

  @ApiProperty({
    example: '2026-11-29T10:30:00+08:00',
    pattern: DATE_OR_DATETIME.source,
    description:
      "a date-time with offset, or a date (YYYY-MM-DD, start of that day in the society's time zone)",
  })
  @IsString()
  @Matches(DATE_OR_DATETIME, {
    message: 'receivedAt must be YYYY-MM-DD or an ISO 8601 date-time with offset',
    context: { zh: '必须是 YYYY-MM-DD 日期或带时区的 ISO 8601 时间' },
  })
  receivedAt!: string;

  @ApiProperty({ enum: CHANNELS, example: 'bank_transfer' })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiPropertyOptional({ example: '网银流水 20261129-0042', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;

  @ApiPropertyOptional({ example: '定向用于大病救助', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class VoidDonationDto {
  @ApiProperty({ example: '金额录入错误，应为 500 元', minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsNotBlank()
  reason!: string;
}

export class DonationQueryDto extends DateRangeQueryDto {
  @ApiUuid({ required: false, example: '1c2d3e4f-0000-4000-8000-000000000001' })
  @IsOptional()
  @IsUUID()
  donorId?: string;

  @ApiPropertyOptional({ enum: ['recorded', 'voided'] })
  @IsOptional()
  @IsIn(['recorded', 'voided'])
  status?: 'recorded' | 'voided';
}

export class AnnualReceiptQueryDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class DonationResponseDto {
  @ApiUuid({ example: '3f1e2d4c-0000-4000-8000-000000000001' }) id!: string;
  @ApiProperty({
    pattern: '^\\d{4}-\\d{6}$',
    example: '2026-000001',
    description: 'gap-free per society and year',
  })
  receiptNo!: string;
  @ApiUuid({ example: '1c2d3e4f-0000-4000-8000-000000000001' }) donorId!: string;
  @ApiProperty({ example: '池州市某某建材有限公司' }) donorName!: string;
  @ApiAmountFen({ description: 'fen' }) amountFen!: number;
  @ApiDateTime({ example: '2026-11-29T02:30:00.000Z' }) receivedAt!: string;
  @ApiDate({ description: "the day received, in the society's time zone" }) receivedOn!: string;
  @ApiProperty({ enum: CHANNELS, example: 'bank_transfer' }) channel!: Channel;
  @ApiProperty({ enum: ['cash', 'bank'], example: 'bank' }) account!: 'cash' | 'bank';
  @ApiString({ example: '网银流水 20261129-0042', nullable: true }) reference!: string | null;
  @ApiString({ example: '定向用于大病救助', nullable: true }) note!: string | null;
  @ApiProperty({ enum: ['recorded', 'voided'], example: 'recorded' }) status!: 'recorded' | 'voided';
  @ApiUuid({ example: '9a8b7c6d-0000-4000-8000-000000000001' }) entryId!: string;
  @ApiUuid({ nullable: true, description: 'the treasurer who recorded it' }) recordedBy!: string | null;
  @ApiDateTime({ example: '2026-11-29T02:31:00.000Z' }) createdAt!: string;
  @ApiDateTime({ nullable: true, example: '2026-11-30T08:00:00.000Z' }) voidedAt!: string | null;
  @ApiString({ nullable: true, example: '金额录入错误，应为 500 元' }) voidReason!: string | null;
  @ApiUuid({ nullable: true, example: '9a8b7c6d-0000-4000-8000-000000000002' }) voidEntryId!: string | null;
}

export class DonationPageDto {
  @ApiProperty({ type: [DonationResponseDto] }) items!: DonationResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
