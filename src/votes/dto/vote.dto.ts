import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { ApiAmountFen, ApiDateTime, ApiInt, ApiString, ApiUuid } from '../../common/openapi/properties';
import { PageQueryDto } from '../../common/pagination';
import { IsFen, IsNotBlank } from '../../common/validators';

const MODES = ['remote', 'meeting'] as const;
const CHOICES = ['approve', 'reject', 'abstain'] as const;
const OUTCOMES = ['pending', 'approved', 'rejected', 'no_quorum'] as const;
const STATUSES = ['open', 'closed', 'cancelled'] as const;
// An instant with its offset (API.md "Conventions").
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class OpenVoteDto {
  @ApiAmountFen({ description: 'the aid the motion grants, held on the fund while the vote is open' })
  @IsFen()
  amountFen!: number;

  @ApiPropertyOptional({
    example: '2026-11-30T10:00:00+08:00',
    pattern: DATE_TIME.source,
    description: "the deadline (after now); default: now + the society's `voteWindowHours`",
  })
  @IsOptional()
  @IsString()
  @Matches(DATE_TIME, {
    message: 'closesAt must be an ISO 8601 date-time with offset',
    context: { zh: '必须是带时区的 ISO 8601 时间' },
  })
  closesAt?: string;

  @ApiPropertyOptional({
    enum: MODES,
    default: 'remote',
    description: '`meeting`: the secretary records the show of hands',
  })
  @IsOptional()
  @IsIn(MODES)
  mode?: (typeof MODES)[number];
}

export class CastBallotDto {
  @ApiProperty({ enum: CHOICES, example: 'approve' })
  @IsIn(CHOICES)
  choice!: (typeof CHOICES)[number];

  @ApiPropertyOptional({ example: '同意救助', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the secretary only, in a meeting vote: the board member whose ballot is recorded',
  })
  @IsOptional()
  @IsUUID('all')
  voterId?: string;
}

export class RecuseDto {
  @ApiProperty({ example: '申请人是本人亲属', minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @IsNotBlank()
  reason!: string;
}

export class TallyDto {
  @ApiInt({ example: 9, description: 'E: eligible voters left after recusals' }) eligible!: number;
  @ApiInt({ example: 6 }) cast!: number;
  @ApiInt({ example: 6 }) approve!: number;
  @ApiInt({ example: 0 }) reject!: number;
  @ApiInt({ example: 0 }) abstain!: number;
  @ApiInt({ example: 6 }) quorumRequired!: number;
  @ApiProperty({ example: true }) quorumMet!: boolean;
  @ApiProperty({
    enum: OUTCOMES,
    example: 'approved',
    description: '`pending` while open and not yet decided (and for a cancelled vote)',
  })
  outcome!: (typeof OUTCOMES)[number];
}

export class BallotDto {
  @ApiUuid() voterId!: string;
  @ApiProperty({ enum: CHOICES }) choice!: (typeof CHOICES)[number];
  @ApiString({ nullable: true, example: '同意救助' }) comment!: string | null;
  @ApiProperty({ enum: MODES }) mode!: (typeof MODES)[number];
  @ApiUuid({
    nullable: true,
    description: 'the secretary who recorded a meeting ballot; null for one cast by the voter',
  })
  recordedBy!: string | null;
  @ApiDateTime() castAt!: string;
}

export class VoteSummaryDto {
  @ApiUuid() id!: string;
  @ApiUuid() caseId!: string;
  @ApiAmountFen() amountFen!: number;
  @ApiProperty({
    enum: STATUSES,
    description: '`cancelled`: the case left the vote (withdrawn) before it was decided',
  })
  status!: (typeof STATUSES)[number];
  @ApiProperty({ enum: MODES }) mode!: (typeof MODES)[number];
  @ApiDateTime() opensAt!: string;
  @ApiDateTime() closesAt!: string;
}

export class VoteResponseDto extends VoteSummaryDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'eligible at opening, minus recusals' })
  eligibleVoterIds!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) recusedVoterIds!: string[];
  @ApiInt({ example: 6 }) quorumRequired!: number;
  @ApiProperty({ type: TallyDto }) tally!: TallyDto;
  @ApiDateTime({ nullable: true }) closedAt!: string | null;
}

export class VoteDetailDto extends VoteResponseDto {
  @ApiProperty({ type: [BallotDto] }) ballots!: BallotDto[];
}

export class VoteWarningDto {
  @ApiProperty({ enum: ['AIDED_THIS_YEAR', 'AIDED_ELSEWHERE_THIS_YEAR'], example: 'AIDED_THIS_YEAR' })
  code!: 'AIDED_THIS_YEAR' | 'AIDED_ELSEWHERE_THIS_YEAR';
}

/** The vote as opened, with the duplicate-aid warnings the board should see before voting. */
export class OpenedVoteDto extends VoteDetailDto {
  @ApiProperty({
    type: [VoteWarningDto],
    description:
      'duplicate-aid warnings at opening: the same person aided this year here (AIDED_THIS_YEAR) or in another society (AIDED_ELSEWHERE_THIS_YEAR, no detail of it)',
  })
  warnings!: VoteWarningDto[];
}

export class PendingVotesQueryDto extends PageQueryDto {}

export class VotePageDto {
  @ApiProperty({ type: [VoteSummaryDto] }) items!: VoteSummaryDto[];
  @ApiString({ nullable: true, example: 'WzUwXQ' }) nextCursor!: string | null;
}
