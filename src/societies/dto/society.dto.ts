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
import {
  IsFen,
  IsFraction,
  IsNotBlank,
  IsOptionalNotNull,
  IsPhone,
  IsRegionCode,
  IsTimeZone,
} from '../../common/validators';

export class SettingsDto {
  @ApiPropertyOptional({
    example: '2/3',
    description: 'quorum share of eligible board members, "p/q" in (0,1]',
  })
  @IsOptionalNotNull()
  @IsFraction()
  quorum?: string;

  @ApiPropertyOptional({ example: '2/3', description: 'approval share of votes cast, "p/q" in (0,1]' })
  @IsOptionalNotNull()
  @IsFraction()
  approval?: string;

  @ApiPropertyOptional({ enum: ['at_least', 'more_than'], example: 'at_least' })
  @IsOptionalNotNull()
  @IsIn(['at_least', 'more_than'])
  approvalRule?: 'at_least' | 'more_than';

  @ApiPropertyOptional({ example: 24, minimum: 1, maximum: 720 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(720)
  voteWindowHours?: number;

  @ApiPropertyOptional({ example: 7, minimum: 1, maximum: 90 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(90)
  disclosureDays?: number;

  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 90 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(90)
  disclosureDeadlineDays?: number;

  @ApiPropertyOptional({ example: 500000, description: 'fen' })
  @IsOptionalNotNull()
  @IsFen()
  maxAidPerCaseFen?: number;

  @ApiPropertyOptional({ example: 1000000, description: 'fen' })
  @IsOptionalNotNull()
  @IsFen()
  maxAidPerPersonPerYearFen?: number;

  @ApiPropertyOptional({ example: false })
  @IsOptionalNotNull()
  @IsBoolean()
  allowSingleOfficer?: boolean;
}

export class CreateSocietyDto {
  @ApiProperty({ example: '杏花村救急难互助社', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  name!: string;

  @ApiProperty({ example: '341702001001', description: '12-digit village/community statistical region code' })
  @IsRegionCode()
  regionCode!: string;

  @ApiPropertyOptional({ example: '安徽省池州市贵池区杏花村村委会' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ example: '0566-2021234', description: "the society's public contact number" })
  @IsOptional()
  @IsPhone()
  contactPhone?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', default: 'Asia/Shanghai' })
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
  @ApiProperty({ example: '2/3' }) quorum!: string;
  @ApiProperty({ example: '2/3' }) approval!: string;
  @ApiProperty({ example: 'at_least' }) approvalRule!: string;
  @ApiProperty({ example: 24 }) voteWindowHours!: number;
  @ApiProperty({ example: 7 }) disclosureDays!: number;
  @ApiProperty({ example: 10 }) disclosureDeadlineDays!: number;
  @ApiProperty({ example: 500000 }) maxAidPerCaseFen!: number;
  @ApiProperty({ example: 1000000 }) maxAidPerPersonPerYearFen!: number;
  @ApiProperty({ example: false }) allowSingleOfficer!: boolean;
}

export class SocietyResponseDto {
  @ApiProperty({ example: '8d7e6f5a-1b2c-4d3e-8f90-a1b2c3d4e5f6' }) id!: string;
  @ApiProperty({ example: '杏花村救急难互助社' }) name!: string;
  @ApiProperty({ example: '341702001001' }) regionCode!: string;
  @ApiProperty({ example: '安徽省池州市贵池区杏花村村委会', nullable: true }) address!: string | null;
  @ApiProperty({ example: '0566-2021234', nullable: true }) contactPhone!: string | null;
  @ApiProperty({ example: 'Asia/Shanghai' }) timezone!: string;
  @ApiProperty({ type: SettingsResponseDto }) settings!: SettingsResponseDto;
  @ApiProperty({ example: '2026-11-29T02:15:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-29T02:15:00.000Z' }) updatedAt!: string;
}

export class SocietyPageDto {
  @ApiProperty({ type: [SocietyResponseDto] }) items!: SocietyResponseDto[];
  @ApiProperty({ nullable: true, example: null }) nextCursor!: string | null;
}
