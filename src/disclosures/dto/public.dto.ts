import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiDateTime, ApiFen, ApiInt, ApiString, ApiUuid } from '../../common/openapi/properties';
import { PageQueryDto } from '../../common/pagination';
import { DisclosureContentDto } from './disclosure.dto';

const PUBLIC_STATUSES = ['active', 'ended'] as const;

export class PublicFundDto {
  @ApiFen({ example: 400000, description: 'bank + cash now' }) balanceFen!: number;
  @ApiFen({
    example: 500000,
    description: "gifts received this calendar year (society's time zone), less those of them voided",
  })
  donatedThisYearFen!: number;
  @ApiFen({ example: 100000 }) aidPaidThisYearFen!: number;
  @ApiFen({
    example: 0,
    description:
      'aid recovered this year after an upheld objection (追回), so that donated − aid paid + recovered ' +
      'explains the change of the balance (not in API.md: added so residents can follow the money)',
  })
  recoveredThisYearFen!: number;
  @ApiInt({ minimum: 0, example: 1, description: 'cases paid aid this year' }) aidedThisYear!: number;
}

export class PublicSocietyDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: '杏花村救急难互助社' }) name!: string;
  @ApiProperty({ example: '341702001001' }) regionCode!: string;
  @ApiString({ nullable: true, example: '0566-2021234' }) contactPhone!: string | null;
  @ApiProperty({ type: PublicFundDto }) fund!: PublicFundDto;
}

/**
 * A notice as the public sees it, from its snapshot. A withdrawn notice shows nothing of its content:
 * `status: "withdrawn"`, `items: []`, `totalFen: 0`, `note: null`, `pdfUrl: null`, with when it was
 * withdrawn; its number, dates, check code and audit head stay, so a printed copy can be recognised.
 */
export class PublicDisclosureDto extends DisclosureContentDto {
  @ApiString({
    nullable: true,
    example:
      'http://localhost:3000/api/v1/public/disclosures/5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f/notice.pdf',
    description: 'the printable notice; null for a withdrawn one',
  })
  pdfUrl!: string | null;
  @ApiUuid() societyId!: string;
  @ApiProperty({ example: '杏花村救急难互助社' }) societyName!: string;
  @ApiDateTime({ nullable: true }) withdrawnAt!: string | null;
}

export class PublicDisclosurePageDto {
  @ApiProperty({ type: [PublicDisclosureDto] }) items!: PublicDisclosureDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}

export class PublicDisclosureQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: PUBLIC_STATUSES,
    default: 'active',
    description: 'withdrawn notices are never listed',
  })
  @IsOptional()
  @IsIn(PUBLIC_STATUSES)
  status?: (typeof PUBLIC_STATUSES)[number];
}
