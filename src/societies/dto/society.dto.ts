import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ApiAmountFen, ApiDateTime, ApiInt, ApiString, ApiUuid } from '../../common/openapi/properties';
import {
  IsFen,
  IsFraction,
  IsNotBlank,
  IsOptionalNotNull,
  IsPhone,
  IsRegionCode,
  IsTimeZone,
} from '../../common/validators';

/** A fraction "p/q" (common/fraction.ts; p ≤ q is checked by the server). */
const FRACTION = '^[1-9]\\d{0,5}/[1-9]\\d{0,5}$';

export class SettingsDto {
  @ApiPropertyOptional({
    example: '2/3',
    pattern: FRACTION,
    description: 'quorum share of eligible board members, "p/q" in (0,1]',
  })
  @IsOptionalNotNull()
  @IsFraction()
  quorum?: string;

  @ApiPropertyOptional({
    example: '2/3',
    pattern: FRACTION,
    description: 'approval share of votes cast, "p/q" in (0,1]',
  })
  @IsOptionalNotNull()
  @IsFraction()
  approval?: string;

  @ApiPropertyOptional({ enum: ['at_least', 'more_than'], example: 'at_least' })
  @IsOptionalNotNull()
  @IsIn(['at_least', 'more_than'])
  approvalRule?: 'at_least' | 'more_than';

  @ApiInt({ required: false, example: 24, minimum: 1, maximum: 720 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(720)
  voteWindowHours?: number;

  @ApiInt({ required: false, example: 7, minimum: 1, maximum: 90 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(90)
  disclosureDays?: number;

  @ApiInt({ required: false, example: 10, minimum: 1, maximum: 90 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(90)
  disclosureDeadlineDays?: number;

  @ApiAmountFen({ required: false, example: 500000 })
  @IsOptionalNotNull()
  @IsFen()
  maxAidPerCaseFen?: number;

  @ApiAmountFen({ required: false, example: 1000000 })
  @IsOptionalNotNull()
  @IsFen()
  maxAidPerPersonPerYearFen?: number;

  @ApiPropertyOptional({ example: false })
  @IsOptionalNotNull()
  @IsBoolean()
  allowSingleOfficer?: boolean;
}

export class CreateSocietyDto {
  @ApiProperty({ example: '杏花村救急难互助社', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  name!: string;

  @ApiProperty({
    example: '341702001001',
    pattern: '^\\d{12}$',
    description: '12-digit village/community statistical region code',
  })
  @IsRegionCode()
  regionCode!: string;

  @ApiPropertyOptional({ example: '安徽省池州市贵池区杏花村村委会', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ example: '0566-2021234', description: "the society's public contact number" })
  @IsOptional()
  @IsPhone()
  contactPhone?: string;

  // Not `default:` — generated clients then make the field required in request bodies.
  @ApiPropertyOptional({
    example: 'Asia/Shanghai',
    description: 'IANA time zone; Asia/Shanghai when omitted',
  })
  @IsOptionalNotNull()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ type: SettingsDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => SettingsDto)
  settings?: SettingsDto;
}

/** `null` is refused for name, region code, time zone and settings; it clears address and phone. */
export class UpdateSocietyDto extends PartialType(CreateSocietyDto, { skipNullProperties: false }) {}

export class SettingsResponseDto {
  @ApiProperty({ pattern: FRACTION, example: '2/3' }) quorum!: string;
  @ApiProperty({ pattern: FRACTION, example: '2/3' }) approval!: string;
  @ApiProperty({ enum: ['at_least', 'more_than'], example: 'at_least' }) approvalRule!: string;
  @ApiInt({ minimum: 1, maximum: 720, example: 24 }) voteWindowHours!: number;
  @ApiInt({ minimum: 1, maximum: 90, example: 7 }) disclosureDays!: number;
  @ApiInt({ minimum: 1, maximum: 90, example: 10 }) disclosureDeadlineDays!: number;
  @ApiAmountFen({ example: 500000 }) maxAidPerCaseFen!: number;
  @ApiAmountFen({ example: 1000000 }) maxAidPerPersonPerYearFen!: number;
  @ApiProperty({ example: false }) allowSingleOfficer!: boolean;
}

export class SocietyResponseDto {
  @ApiUuid({ example: '8d7e6f5a-1b2c-4d3e-8f90-a1b2c3d4e5f6' }) id!: string;
  @ApiProperty({ example: '杏花村救急难互助社' }) name!: string;
  @ApiProperty({ pattern: '^\\d{12}$', example: '341702001001' }) regionCode!: string;
  @ApiString({ example: '安徽省池州市贵池区杏花村村委会', nullable: true }) address!: string | null;
  @ApiString({ example: '0566-2021234', nullable: true }) contactPhone!: string | null;
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone!: string;
  @ApiProperty({ type: SettingsResponseDto }) settings!: SettingsResponseDto;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime() updatedAt!: string;
}

export class SocietyPageDto {
  @ApiProperty({ type: [SocietyResponseDto] }) items!: SocietyResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
