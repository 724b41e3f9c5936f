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
import { IsFen, IsNotBlank } from '../../common/validators';
import { DateRangeQueryDto } from '../../fund/dto/fund.dto';
import { CHANNELS, Channel } from '../domain/labels';

/** A date (YYYY-MM-DD, in the society's time zone) or a date-time with an offset. */
export const DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class RecordDonationDto {
  @ApiProperty({ example: '1c2d3e4f-0000-4000-8000-000000000001' })
  @IsUUID()
  donorId!: string;

  @ApiProperty({ example: 100000, description: 'fen: a JSON integer, 1 to 10^12' })
  @IsFen()
  amountFen!: number;

  @ApiProperty({
    example: '2026-11-29T10:30:00+08:00',
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
  @ApiProperty({ example: '金额录入错误，应为 500 元', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsNotBlank()
  reason!: string;
}

export class DonationQueryDto extends DateRangeQueryDto {
  @ApiPropertyOptional({ example: '1c2d3e4f-0000-4000-8000-000000000001' })
  @IsOptional()
  @IsUUID()
  donorId?: string;

  @ApiPropertyOptional({ enum: ['recorded', 'voided'] })
  @IsOptional()
  @IsIn(['recorded', 'voided'])
  status?: 'recorded' | 'voided';
}

export class AnnualReceiptQueryDto {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class DonationResponseDto {
  @ApiProperty({ example: '3f1e2d4c-0000-4000-8000-000000000001' }) id!: string;
  @ApiProperty({ example: '2026-000001', description: 'gap-free per society and year' }) receiptNo!: string;
  @ApiProperty({ example: '1c2d3e4f-0000-4000-8000-000000000001' }) donorId!: string;
  @ApiProperty({ example: '池州市某某建材有限公司' }) donorName!: string;
  @ApiProperty({ example: 100000 }) amountFen!: number;
  @ApiProperty({ example: '2026-11-29T02:30:00.000Z' }) receivedAt!: string;
  @ApiProperty({ example: '2026-11-29', description: "the day received, in the society's time zone" })
  receivedOn!: string;
  @ApiProperty({ enum: CHANNELS, example: 'bank_transfer' }) channel!: Channel;
  @ApiProperty({ enum: ['cash', 'bank'], example: 'bank' }) account!: 'cash' | 'bank';
  @ApiProperty({ example: '网银流水 20261129-0042', nullable: true }) reference!: string | null;
  @ApiProperty({ example: null, nullable: true }) note!: string | null;
  @ApiProperty({ enum: ['recorded', 'voided'], example: 'recorded' }) status!: 'recorded' | 'voided';
  @ApiProperty({ example: '9a8b7c6d-0000-4000-8000-000000000001' }) entryId!: string;
  @ApiProperty({ example: '5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f', nullable: true }) recordedBy!:
    string | null;
  @ApiProperty({ example: '2026-11-29T02:31:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: null, nullable: true }) voidedAt!: string | null;
  @ApiProperty({ example: null, nullable: true }) voidReason!: string | null;
  @ApiProperty({ example: null, nullable: true }) voidEntryId!: string | null;
}

export class DonationPageDto {
  @ApiProperty({ type: [DonationResponseDto] }) items!: DonationResponseDto[];
  @ApiProperty({ nullable: true, example: null }) nextCursor!: string | null;
}
