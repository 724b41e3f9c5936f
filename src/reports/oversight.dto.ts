import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { CaseStatus } from '../cases/domain/case-status';
import { ApiFen, ApiInt, ApiString, ApiUuid } from '../common/openapi/properties';
import { PageQueryDto } from '../common/pagination';

export class OversightQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    pattern: '^\\d{2,12}$',
    example: '341702',
    description:
      'Only societies whose 12-digit region code starts with these 2–12 digits (province, city, county, ' +
      'township…); all societies without it',
  })
  @IsOptional()
  @Matches(/^\d{2,12}$/, {
    message: 'regionPrefix must be 2–12 digits',
    context: { zh: '地区代码前缀须为 2–12 位数字' },
  })
  regionPrefix?: string;
}

/** Every case status with its count (zeros included); `implements` keeps it in step with CASE_STATUSES. */
export class CasesByStatusDto implements Record<CaseStatus, number> {
  @ApiInt({ minimum: 0 }) draft!: number;
  @ApiInt({ minimum: 0 }) voting!: number;
  @ApiInt({ minimum: 0 }) approved!: number;
  @ApiInt({ minimum: 0 }) rejected!: number;
  @ApiInt({ minimum: 0 }) paid!: number;
  @ApiInt({ minimum: 0 }) publicized!: number;
  @ApiInt({ minimum: 0 }) disputed!: number;
  @ApiInt({ minimum: 0 }) recovered!: number;
  @ApiInt({ minimum: 0 }) closed!: number;
  @ApiInt({ minimum: 0 }) withdrawn!: number;
}

export class SocietyOversightDto {
  @ApiUuid() societyId!: string;
  @ApiProperty({ example: '杏花村救急难互助社' }) name!: string;
  @ApiProperty({ pattern: '^\\d{12}$', example: '341702001001' }) regionCode!: string;
  @ApiFen({ description: 'bank + cash' }) balanceFen!: number;
  @ApiFen({ description: 'balance less what votes hold for approved cases' }) availableFen!: number;
  @ApiProperty({ type: CasesByStatusDto }) casesByStatus!: CasesByStatusDto;
  @ApiFen({ description: "aid paid since 1 January in the society's time zone" }) aidPaidThisYearFen!: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 26.5,
    description:
      'median hours from filing to payment over every paid case (one decimal); null when none was paid',
  })
  medianHoursFiledToPaid!: number | null;
  @ApiInt({ minimum: 0, description: 'paid cases whose notice is past `disclosureDeadlineDays`' })
  overdueDisclosures!: number;
  @ApiInt({ minimum: 0 }) openObjections!: number;
  @ApiInt({ minimum: 0, description: 'votes still open' }) pendingVotes!: number;
}

export class OversightPageDto {
  @ApiProperty({ type: [SocietyOversightDto] }) items!: SocietyOversightDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
