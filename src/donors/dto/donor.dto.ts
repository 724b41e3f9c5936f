import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination';
import { ApiDateTime, ApiFen, ApiString, ApiUuid } from '../../common/openapi/properties';
import { IsCreditCode, IsMobile, IsNotBlank } from '../../common/validators';
import { DONOR_KINDS, DonorKind } from '../domain/labels';

export class CreateDonorDto {
  @ApiProperty({ enum: DONOR_KINDS, example: 'enterprise' })
  @IsIn(DONOR_KINDS)
  kind!: DonorKind;

  @ApiProperty({ example: '池州市某某建材有限公司', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  name!: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'stored encrypted; shown masked' })
  @IsOptional()
  @IsMobile()
  phone?: string;

  @ApiPropertyOptional({ example: '91350100M000100Y43', description: '统一社会信用代码 (GB 32100), checked' })
  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({ example: false, description: 'published only as 爱心人士/爱心企业' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ example: '每年春节前捐赠', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class DonorQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '建材',
    maxLength: 100,
    description: 'part of the name, or an exact phone number or credit code',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class DonorResponseDto {
  @ApiUuid({ example: '1c2d3e4f-0000-4000-8000-000000000001' }) id!: string;
  @ApiProperty({ enum: DONOR_KINDS, example: 'enterprise' }) kind!: DonorKind;
  @ApiProperty({ example: '池州市某某建材有限公司' }) name!: string;
  @ApiProperty({ example: '爱心企业', description: 'how the donor appears publicly' }) publicName!: string;
  @ApiString({ example: '138****8000', nullable: true }) phoneMasked!: string | null;
  @ApiString({ example: '91350100M000100Y43', nullable: true }) creditCode!: string | null;
  @ApiProperty({ example: false }) anonymous!: boolean;
  @ApiString({ example: '每年春节前捐赠', nullable: true }) note!: string | null;
  @ApiFen({ example: 150000, description: 'recorded (not voided) donations, all time' })
  totalDonatedFen!: number;
  @ApiDateTime() createdAt!: string;
}

export class DonorPageDto {
  @ApiProperty({ type: [DonorResponseDto] }) items!: DonorResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
