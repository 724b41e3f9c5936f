import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CASE_CATEGORIES, CaseCategory } from '../../cases/domain/labels';
import { ApiDate, ApiDateTime, ApiFen, ApiInt, ApiString, ApiUuid } from '../../common/openapi/properties';
import { PageQueryDto } from '../../common/pagination';
import { IsNotBlank } from '../../common/validators';

export const MAX_CASES_PER_NOTICE = 50;
const STATUSES = ['active', 'withdrawn', 'ended'] as const;
const SHA256 = '^[0-9a-f]{64}$';

export class PublishDisclosureDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_CASES_PER_NOTICE,
    uniqueItems: true,
    description: 'the `paid` cases to publish, 1 to 50 without repeats, in the order the notice lists them',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CASES_PER_NOTICE)
  @ArrayUnique((id: unknown) => (typeof id === 'string' ? id.toLowerCase() : id))
  @IsUUID('all', { each: true })
  caseIds!: string[];

  @ApiPropertyOptional({
    example: '如有异议，请在公示期内向本社监事会反映。',
    minLength: 1,
    maxLength: 500,
    description: 'printed on the notice (public): no personal data',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsNotBlank()
  note?: string;
}

export class WithdrawDisclosureDto {
  @ApiProperty({ example: '公示信息有误，更正后重新公示', minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsNotBlank()
  reason!: string;
}

export class DisclosureQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: 'only notices in this status' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class PublicVoteDto {
  @ApiInt({ minimum: 0, example: 9, description: 'board members eligible, after recusals' })
  eligible!: number;
  @ApiInt({ minimum: 0, example: 6, description: 'ballots cast' }) cast!: number;
  @ApiInt({ minimum: 0, example: 6, description: 'approvals' }) approve!: number;
}

/** One case as the public sees it: these fields and nothing else (domain/public-item.ts). */
export class PublicItemDto {
  @ApiProperty({ example: '2026-0001' }) caseNo!: string;
  @ApiProperty({
    example: '小范（化名）',
    description: 'the pseudonym with （化名）, else the masked name (范**); 某未成年人 for a child under 14',
  })
  displayName!: string;
  @ApiProperty({ enum: CASE_CATEGORIES, example: 'serious_illness' }) category!: CaseCategory;
  @ApiProperty({ example: '因病', description: 'the category in Chinese (never a diagnosis)' })
  categoryLabel!: string;
  @ApiFen({ example: 100000, description: 'the aid paid, in fen' }) amountFen!: number;
  @ApiDate({ description: "the day the board approved it, in the society's time zone" }) approvedOn!: string;
  @ApiDate({ description: "the day it was paid, in the society's time zone" }) paidOn!: string;
  @ApiProperty({ type: PublicVoteDto }) vote!: PublicVoteDto;
}

export class AuditHeadDto {
  @ApiInt({ minimum: 0, example: 42 }) seq!: number;
  @ApiProperty({ pattern: SHA256, example: '9f2c'.padEnd(64, '0') }) hash!: string;
}

/** What a notice shows, from its frozen snapshot (never rebuilt from the cases as they are now). */
export class DisclosureContentDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: '2026-001', description: 'gap-free per society and year' }) noticeNo!: string;
  @ApiProperty({
    enum: STATUSES,
    example: 'active',
    description: '`ended` once the end job has run after `endsAt` (objections are refused from `endsAt` on)',
  })
  status!: (typeof STATUSES)[number];
  @ApiDateTime() publishedAt!: string;
  @ApiDateTime({ description: 'the start of the local day after `periodTo`' }) endsAt!: string;
  @ApiDate({ description: "first day of the disclosure period (the publication day), society's time zone" })
  periodFrom!: string;
  @ApiDate({ description: 'last day of the period, inclusive' }) periodTo!: string;
  @ApiString({ nullable: true, example: '如有异议，请在公示期内向本社监事会反映。' }) note!: string | null;
  @ApiProperty({ type: [PublicItemDto] }) items!: PublicItemDto[];
  @ApiFen({ example: 100000 }) totalFen!: number;
  @ApiProperty({
    pattern: '^[0-9a-f]{12}$',
    example: '9f2c00000000',
    description: 'the first 12 hex digits of `snapshotSha256`, printed on the notice',
  })
  checkCode!: string;
  @ApiProperty({
    type: AuditHeadDto,
    description: "the society's audit head at publication (GET /public/societies/{sid}/audit-head/{seq})",
  })
  auditHead!: AuditHeadDto;
  @ApiProperty({ example: 'http://localhost:3000/p/disclosures/5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f' })
  publicUrl!: string;
}

export class DisclosureResponseDto extends DisclosureContentDto {
  @ApiProperty({
    example:
      'http://localhost:3000/api/v1/public/disclosures/5b0c2f1e-7a3d-4c2b-9e8f-0a1b2c3d4e5f/notice.pdf',
  })
  pdfUrl!: string;
  @ApiProperty({ pattern: SHA256, description: 'SHA-256 of the canonical JSON of the published snapshot' })
  snapshotSha256!: string;
  @ApiUuid({ description: 'the secretary who published it' }) publishedBy!: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'the cases named, in the notice order' })
  caseIds!: string[];
  @ApiDateTime({ nullable: true }) withdrawnAt!: string | null;
  @ApiString({ nullable: true, example: '公示信息有误，更正后重新公示' }) withdrawReason!: string | null;
  @ApiDateTime({ nullable: true }) endedAt!: string | null;
}

export class DisclosurePageDto {
  @ApiProperty({ type: [DisclosureResponseDto] }) items!: DisclosureResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}

/** A paid case waiting for its notice: what the notice would show of it, and how long is left. */
export class AwaitingCaseDto {
  @ApiUuid() caseId!: string;
  @ApiProperty({
    type: PublicItemDto,
    description: 'the public item a notice published today would show (the same allow-list as `items`)',
  })
  item!: PublicItemDto;
  @ApiDateTime() paidAt!: string;
  @ApiDate({
    description:
      "the last day (society's time zone) on which the notice is in time: the payment day + `disclosureDeadlineDays`",
  })
  dueOn!: string;
  @ApiInt({
    example: 3,
    description: 'days from today to `dueOn`: 0 on the last day, negative when overdue (−2: two days late)',
  })
  daysLeft!: number;
  @ApiProperty({ example: false, description: 'past `dueOn`' }) overdue!: boolean;
}

export class AwaitingCasePageDto {
  @ApiProperty({ type: [AwaitingCaseDto] }) items!: AwaitingCaseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
