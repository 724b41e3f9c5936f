import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsApplicantIdNumber, IsApplicantName } from '../../cases/applicant-validators';
import { NAME_MAX_CHARS } from '../../cases/domain/applicant';
import { CASE_CATEGORIES, CaseCategory } from '../../cases/domain/labels';
import { ApiAmountFen, ApiDateTime, ApiString, ApiUuid } from '../../common/openapi/properties';
import { PageQueryDto } from '../../common/pagination';
import { IsFen, IsNotBlank, IsPhone, rule } from '../../common/validators';
import {
  DESCRIPTION_MAX_CHARS,
  INDICATORS_MAX,
  LEAD_STATUSES,
  LeadStatus,
  parseOffsetDateTime,
} from '../domain/lead';

/** An ISO 8601 date-time with its offset, naming a real time (domain/lead.ts). */
const IsOffsetDateTime = rule(
  'isOffsetDateTime',
  (v) => typeof v === 'string' && v.length <= 40 && parseOffsetDateTime(v) !== null,
  '$property must be an ISO 8601 date-time with offset',
  '必须是带时区的 ISO 8601 时间',
);

export class SubjectDto {
  @ApiProperty({ example: '范某某', minLength: 1, maxLength: NAME_MAX_CHARS })
  @IsString()
  @IsApplicantName()
  name!: string;

  @ApiPropertyOptional({
    example: '11010519491231002X',
    maxLength: 40,
    description:
      'GB 11643, checked; stored encrypted, shown masked. A case needs one: without it, converting asks for it',
  })
  @IsOptional()
  @IsString()
  @IsApplicantIdNumber()
  idNumber?: string;

  @ApiPropertyOptional({
    example: '13800138000',
    description: 'mobile or landline, as a case takes; stored encrypted',
  })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({
    example: '池州市贵池区某某村 3 组',
    maxLength: 200,
    description: 'stored encrypted',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsNotBlank()
  address?: string;
}

export class IndicatorDto {
  @ApiProperty({
    example: 'MEDICAL_OOP_HIGH',
    minLength: 1,
    maxLength: 50,
    description: "the platform's code",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  @IsNotBlank()
  code!: string;

  @ApiProperty({ example: '医疗费用自付比例高', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNotBlank()
  label!: string;

  @ApiPropertyOptional({
    example: '自付 52,000 元',
    maxLength: 200,
    description: 'the measured value, as text',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  value?: string;
}

export class IntakeWarningDto {
  @ApiProperty({
    example: 'CZ-2026-000123',
    minLength: 1,
    maxLength: 200,
    description: "the platform's id of the warning: the same id again is the same lead",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsNotBlank()
  externalId!: string;

  @ApiProperty({ type: SubjectDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SubjectDto)
  subject!: SubjectDto;

  @ApiProperty({ type: [IndicatorDto], minItems: 1, maxItems: INDICATORS_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INDICATORS_MAX)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => IndicatorDto)
  indicators!: IndicatorDto[];

  @ApiProperty({
    example: '2026-11-28T09:30:00+08:00',
    format: 'date-time',
    description: 'when the platform saw it: ISO 8601 with offset',
  })
  @IsString()
  @IsOffsetDateTime()
  observedAt!: string;
}

export class IntakeReceiptDto {
  @ApiUuid() leadId!: string;
}

export class LeadQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LEAD_STATUSES })
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;
}

export class ConvertLeadDto {
  @ApiProperty({ enum: CASE_CATEGORIES, example: 'serious_illness' })
  @IsIn(CASE_CATEGORIES)
  category!: CaseCategory;

  @ApiPropertyOptional({
    example: '入户核实：白血病住院，已无法工作',
    minLength: 1,
    maxLength: DESCRIPTION_MAX_CHARS,
    description: "default: the warning's indicators",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(DESCRIPTION_MAX_CHARS)
  @IsNotBlank()
  description?: string;

  @ApiAmountFen()
  @IsFen()
  requestedAmountFen!: number;

  @ApiPropertyOptional({
    example: '小范',
    maxLength: 20,
    description: 'the public name; default 小 + surname',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @IsNotBlank()
  pseudonym?: string;

  @ApiPropertyOptional({
    example: '11010519491231002X',
    maxLength: 40,
    description:
      "the subject's ID number, found on the visit: required when the warning had none, else it replaces it",
  })
  @IsOptional()
  @IsString()
  @IsApplicantIdNumber()
  idNumber?: string;
}

export class DismissLeadDto {
  @ApiProperty({ example: '入户核实，家庭收入已恢复', minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsNotBlank()
  reason!: string;
}

export class MaskedSubjectDto {
  @ApiProperty({ example: '范某某', description: 'as a case shows its applicant inside the society' })
  name!: string;
  @ApiString({ example: '110105********002X', nullable: true }) idNumberMasked!: string | null;
  @ApiString({ example: '138****8000', nullable: true }) phoneMasked!: string | null;
  @ApiString({ example: '池州市贵池区******', nullable: true }) addressMasked!: string | null;
}

export class LeadIndicatorDto {
  @ApiProperty({ example: 'MEDICAL_OOP_HIGH' }) code!: string;
  @ApiProperty({ example: '医疗费用自付比例高' }) label!: string;
  @ApiString({ example: '自付 52,000 元', nullable: true }) value!: string | null;
}

export class LeadDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: 'CZ-2026-000123' }) externalId!: string;
  @ApiProperty({ enum: LEAD_STATUSES, example: 'new' }) status!: LeadStatus;
  @ApiProperty({ type: MaskedSubjectDto }) subject!: MaskedSubjectDto;
  @ApiProperty({ type: [LeadIndicatorDto] }) indicators!: LeadIndicatorDto[];
  @ApiDateTime() observedAt!: string;
  @ApiDateTime() receivedAt!: string;
  @ApiUuid({ description: 'the intake key it came with' }) intakeKeyId!: string;
  @ApiUuid({ nullable: true, description: 'the case it became' }) caseId!: string | null;
  @ApiString({ nullable: true, example: null }) dismissReason!: string | null;
  @ApiUuid({ nullable: true }) resolvedBy!: string | null;
  @ApiDateTime({ nullable: true }) resolvedAt!: string | null;
}

export class LeadPageDto {
  @ApiProperty({ type: [LeadDto] }) items!: LeadDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
