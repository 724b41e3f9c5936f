import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ApiAmountFen, ApiDateTime, ApiInt, ApiString, ApiUuid } from '../../common/openapi/properties';
import { PageQueryDto } from '../../common/pagination';
import { IsFen, IsNotBlank, IsPhone, rule } from '../../common/validators';
import { IsApplicantIdNumber, IsApplicantName } from '../applicant-validators';
import { HOUSEHOLD_SIZE_MAX, NAME_MAX_CHARS } from '../domain/applicant';
import { CASE_ACTIONS, CASE_STATUSES, CaseAction, CaseStatus } from '../domain/case-status';
import { CASE_CATEGORIES, CASE_SOURCES, CaseCategory, CaseSource } from '../domain/labels';

export class ApplicantDto {
  @ApiProperty({ example: '范某某', minLength: 1, maxLength: NAME_MAX_CHARS })
  @IsString()
  @IsApplicantName()
  name!: string;

  @ApiProperty({
    example: '11010519491231002X',
    maxLength: 40,
    description: 'GB 11643, checked; stored encrypted, shown masked',
  })
  @IsString()
  @IsApplicantIdNumber()
  idNumber!: string;

  @ApiPropertyOptional({ example: '13800138000', description: 'stored encrypted; shown masked' })
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

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: HOUSEHOLD_SIZE_MAX, example: 4 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(HOUSEHOLD_SIZE_MAX)
  householdSize?: number;
}

export class PayeeDto {
  @ApiProperty({ example: '范某某', minLength: 1, maxLength: NAME_MAX_CHARS })
  @IsString()
  @IsApplicantName()
  name!: string;

  @ApiProperty({ example: '中国农业银行池州分行', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  bankName!: string;

  @ApiProperty({ example: '6228480012345678901', pattern: '^[0-9 ]{8,40}$', description: 'stored encrypted' })
  @IsString()
  @MinLength(8)
  @MaxLength(40)
  @IsBankAccount()
  accountNo!: string;
}

function IsBankAccount(): PropertyDecorator {
  return rule(
    'isBankAccount',
    (v) => typeof v === 'string' && /^[0-9 ]{8,40}$/.test(v) && /^\d{8,32}$/.test(v.replace(/ /g, '')),
    '$property must be 8 to 32 digits',
    '必须是 8 至 32 位数字的账号',
  )();
}

export class CreateCaseDto {
  @ApiProperty({ type: ApplicantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant!: ApplicantDto;

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

  @ApiProperty({ enum: CASE_CATEGORIES, example: 'serious_illness' })
  @IsIn(CASE_CATEGORIES)
  category!: CaseCategory;

  @ApiProperty({ example: '突发脑溢血住院，自付部分无力承担', minLength: 1, maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @IsNotBlank()
  description!: string;

  @ApiProperty({ enum: CASE_SOURCES, example: 'home_visit' })
  @IsIn(CASE_SOURCES)
  source!: CaseSource;

  @ApiAmountFen()
  @IsFen()
  requestedAmountFen!: number;

  @ApiPropertyOptional({ type: PayeeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PayeeDto)
  payee?: PayeeDto;
}

/** A draft's changes: any field of the filing; `applicant` and `payee` replace the whole object. */
export class UpdateCaseDto {
  @ApiPropertyOptional({ type: ApplicantDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ApplicantDto)
  applicant?: ApplicantDto;

  @ApiPropertyOptional({ example: '小范', maxLength: 20 })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  @IsNotBlank()
  pseudonym?: string;

  @ApiPropertyOptional({ enum: CASE_CATEGORIES })
  @IsOptional()
  @IsIn(CASE_CATEGORIES)
  category?: CaseCategory;

  @ApiPropertyOptional({ minLength: 1, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @IsNotBlank()
  description?: string;

  @ApiPropertyOptional({ enum: CASE_SOURCES })
  @IsOptional()
  @IsIn(CASE_SOURCES)
  source?: CaseSource;

  @ApiAmountFen({ required: false })
  @IsOptional()
  @IsFen()
  requestedAmountFen?: number;

  @ApiPropertyOptional({ type: PayeeDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PayeeDto)
  payee?: PayeeDto;
}

export class WithdrawCaseDto {
  @ApiProperty({ example: '申请人已获医保报销', minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsNotBlank()
  reason!: string;
}

export class ClearCaseDto {
  @ApiProperty({
    example: '经核查，异议所述情况不实，救助符合条件',
    minLength: 1,
    maxLength: 500,
    description: "the supervisors' finding: why the case stands without recovery",
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsNotBlank()
  reason!: string;
}

export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({
    example: '2026-0001',
    maxLength: 100,
    description: 'the case number, the pseudonym, or an exact applicant name or ID number',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class MaskedApplicantDto {
  @ApiProperty({ example: '范某某' }) name!: string;
  @ApiProperty({ example: '110105********002X' }) idNumberMasked!: string;
  @ApiString({ example: '138****8000', nullable: true }) phoneMasked!: string | null;
  @ApiString({ example: '池州市贵池区******', nullable: true }) addressMasked!: string | null;
  @ApiInt({ example: 4, nullable: true }) householdSize!: number | null;
}

export class MaskedPayeeDto {
  @ApiProperty({ example: '范某某' }) name!: string;
  @ApiProperty({ example: '中国农业银行池州分行' }) bankName!: string;
  @ApiProperty({ example: '6228 **** **** 8901' }) accountNoMasked!: string;
}

export class CaseWarningDto {
  @ApiProperty({ enum: ['AIDED_THIS_YEAR', 'AIDED_ELSEWHERE_THIS_YEAR'], example: 'AIDED_THIS_YEAR' })
  code!: 'AIDED_THIS_YEAR' | 'AIDED_ELSEWHERE_THIS_YEAR';
}

export class TimelineEventDto {
  @ApiDateTime() at!: string;
  @ApiProperty({ example: 'created', description: '`created`, `revealed` or a case action' }) action!: string;
  @ApiUuid({ nullable: true, description: 'the user who acted (null: the system)' }) actor!: string | null;
}

export class CaseResponseDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: '2026-0001' }) caseNo!: string;
  @ApiProperty({ enum: CASE_STATUSES, example: 'draft' }) status!: CaseStatus;
  @ApiProperty({ type: MaskedApplicantDto }) applicant!: MaskedApplicantDto;
  @ApiProperty({ example: '小范' }) pseudonym!: string;
  @ApiProperty({ enum: CASE_CATEGORIES }) category!: CaseCategory;
  @ApiProperty({ enum: CASE_SOURCES }) source!: CaseSource;
  @ApiProperty({ example: '突发脑溢血住院' }) description!: string;
  @ApiAmountFen() requestedAmountFen!: number;
  @ApiAmountFen({
    nullable: true,
    description:
      'what was paid (null until paid); a recovery may not exceed it. Not in API.md: for the console',
  })
  paidAmountFen!: number | null;
  @ApiDateTime({ nullable: true, description: 'when the aid was paid (null until paid)' })
  paidAt!: string | null;
  @ApiProperty({ type: MaskedPayeeDto, nullable: true }) payee!: MaskedPayeeDto | null;
  @ApiProperty({ type: [CaseWarningDto], description: 'duplicate-aid warnings found when filed' })
  warnings!: CaseWarningDto[];
  @ApiProperty({ enum: CASE_ACTIONS, isArray: true, description: 'what the status allows next' })
  allowedActions!: CaseAction[];
  @ApiUuid() filedBy!: string;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime() updatedAt!: string;
}

export class CaseDetailDto extends CaseResponseDto {
  @ApiProperty({ type: [TimelineEventDto] }) timeline!: TimelineEventDto[];
}

export class CasePageDto {
  @ApiProperty({ type: [CaseResponseDto] }) items!: CaseResponseDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}

export class RevealedApplicantDto {
  @ApiProperty({ example: '范某某' }) name!: string;
  @ApiProperty({ example: '11010519491231002X' }) idNumber!: string;
  @ApiString({ example: '13800138000', nullable: true }) phone!: string | null;
  @ApiString({ example: '池州市贵池区某某村 3 组', nullable: true }) address!: string | null;
  @ApiInt({ example: 4, nullable: true }) householdSize!: number | null;
}

export class RevealedPayeeDto {
  @ApiProperty({ example: '范某某' }) name!: string;
  @ApiProperty({ example: '中国农业银行池州分行' }) bankName!: string;
  @ApiProperty({ example: '6228480012345678901' }) accountNo!: string;
}

export class RevealedCaseDto {
  @ApiUuid() id!: string;
  @ApiProperty({ example: '2026-0001' }) caseNo!: string;
  @ApiProperty({ type: RevealedApplicantDto }) applicant!: RevealedApplicantDto;
  @ApiProperty({ type: RevealedPayeeDto, nullable: true }) payee!: RevealedPayeeDto | null;
}
