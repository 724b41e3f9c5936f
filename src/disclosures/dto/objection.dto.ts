import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, registerDecorator } from 'class-validator';
import { ApiDateTime, ApiString, ApiUuid } from '../../common/openapi/properties';
import { PageQueryDto } from '../../common/pagination';
import { IsMobile, IsNotBlank } from '../../common/validators';

const STATUSES = ['open', 'dismissed', 'upheld'] as const;
const DECISIONS = ['dismissed', 'upheld'] as const;
export const CONTENT_MAX_CHARS = 2000;
export const CONTACT_NAME_MAX_CHARS = 50;

/** 1 to `max` characters (code points, as PostgreSQL's char_length counts) once trimmed. */
const IsTrimmedLength =
  (max: number): PropertyDecorator =>
  (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTrimmedLength',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be 1 to ${max} characters once trimmed`,
        context: { zh: `去掉首尾空白后须为 1 至 ${max} 个字` },
      },
      validator: {
        validate: (v: unknown) => {
          if (typeof v !== 'string') return false;
          const n = Array.from(v.trim()).length;
          return n >= 1 && n <= max;
        },
      },
    });

export class SubmitObjectionDto {
  @ApiProperty({
    example: '据我所知，该户今年已获得过同类救助。',
    minLength: 1,
    maxLength: CONTENT_MAX_CHARS,
    description: '1–2000 characters once trimmed',
  })
  @IsString()
  @IsTrimmedLength(CONTENT_MAX_CHARS)
  content!: string;

  @ApiPropertyOptional({
    example: '2026-0001',
    maxLength: 20,
    description: 'the item objected to (its case number on the notice); absent: the whole notice',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @IsNotBlank()
  caseNo?: string;

  @ApiPropertyOptional({
    example: '李女士',
    maxLength: CONTACT_NAME_MAX_CHARS,
    description: 'stored encrypted, shown masked to the supervisors; never public',
  })
  @IsOptional()
  @IsString()
  @IsTrimmedLength(CONTACT_NAME_MAX_CHARS)
  contactName?: string;

  @ApiPropertyOptional({
    example: '13800138000',
    description: 'a mainland mobile (+86 allowed); stored encrypted, shown masked; never public',
  })
  @IsOptional()
  @IsString()
  @IsMobile()
  contactPhone?: string;
}

export class ObjectionReceiptDto {
  @ApiProperty({
    example: 'ABCD-EFGH-JKMN',
    pattern: '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$',
    description:
      'keep it to follow the objection (GET /public/objections/{trackingCode}); case, hyphens and spaces do not matter',
  })
  trackingCode!: string;
}

export class ObjectionStatusDto {
  @ApiProperty({ enum: STATUSES, example: 'open' }) status!: (typeof STATUSES)[number];
  @ApiString({ nullable: true, example: '经核查，该户情况属实，异议不成立。' }) response!: string | null;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true }) resolvedAt!: string | null;
}

export class ObjectionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, description: 'only objections in this status' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
}

export class ResolveObjectionDto {
  @ApiProperty({
    enum: DECISIONS,
    example: 'dismissed',
    description: '`upheld`: the case goes into dispute (its money may be recovered)',
  })
  @IsIn(DECISIONS)
  decision!: (typeof DECISIONS)[number];

  @ApiProperty({
    example: '经核查，该户情况属实，异议不成立。',
    minLength: 1,
    maxLength: 1000,
    description: 'the answer the objector reads with the tracking code',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @IsNotBlank()
  response!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "upheld on an objection to the whole notice: which of its cases (required then); else it may only repeat the objection's case",
  })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;
}

export class ObjectionResponseDto {
  @ApiUuid() id!: string;
  @ApiUuid() disclosureId!: string;
  @ApiProperty({ example: '2026-001' }) noticeNo!: string;
  @ApiString({ nullable: true, example: '2026-0001', description: 'null: an objection to the whole notice' })
  caseNo!: string | null;
  @ApiProperty({ example: '据我所知，该户今年已获得过同类救助。' }) content!: string;
  @ApiString({ nullable: true, example: '李**', description: 'masked' }) contactName!: string | null;
  @ApiString({ nullable: true, example: '138****8000', description: 'masked' }) contactPhone!: string | null;
  @ApiProperty({ enum: STATUSES, example: 'open' }) status!: (typeof STATUSES)[number];
  @ApiString({ nullable: true }) response!: string | null;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true }) resolvedAt!: string | null;
  @ApiUuid({ nullable: true, description: 'the supervisor who resolved it' }) resolvedBy!: string | null;
  @ApiUuid({
    nullable: true,
    description: 'the case an upheld objection put in dispute (or found disputed or recovered already)',
  })
  disputedCaseId!: string | null;
}

export class ObjectionPageDto {
  @ApiProperty({ type: [ObjectionResponseDto] }) items!: ObjectionResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
